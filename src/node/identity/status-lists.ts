// Token Status Lists of the bodies this node issues for (IETF draft-ietf-oauth-status-list):
// 2 bits per credential (0 valid, 1 revoked, 2 suspended). Every new version is anchored on
// the ledger before it is served, so a verifier can tell the list it fetched is the current
// one. Crash safety: the new version is written as *pending* first, then anchored, then
// promoted; on start a pending version is finished (anchored if the ledger lacks it).
import { toHex, utf8 } from '../../core/bytes.js';
import { sha256 } from '../../core/hash.js';
import { createStatusListToken } from '../../identity/status-list.js';
import { getStatusAnchor } from '../../ledger/modules/identity.js';
import type { IdentityContext } from './context.js';
import { bodySigner } from './jws.js';

export const LIST_SIZE = 4096;
/** A list takes new credentials until this full; random slots stay cheap to find. */
const LIST_FILL_MAX = Math.floor(LIST_SIZE * 0.9);

export const STATUS = { valid: 0, revoked: 1, suspended: 2 } as const;
export type StatusName = keyof typeof STATUS;

interface ListRow {
  slug: string;
  list: number;
  uri: string;
  size: number;
  statuses: Buffer;
  version: number;
  token: string | null;
  digest: string | null;
  pending_token: string | null;
  pending_digest: string | null;
}

export class StatusLists {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: IdentityContext) {}

  uriOf(slug: string, list: number): string {
    return `${this.ctx.baseUrl()}/status/${slug}/${list}`;
  }

  /** The served (anchored) token of a list, by its URI or by slug and number. */
  token(slug: string, list: number): string | undefined {
    const row = this.ctx.db
      .prepare(`SELECT token FROM status_lists WHERE slug = ? AND list = ?`)
      .get(slug, list) as { token: string | null } | undefined;
    return row?.token ?? undefined;
  }

  tokenByUri(uri: string): string | undefined {
    const row = this.ctx.db.prepare(`SELECT token FROM status_lists WHERE uri = ?`).get(uri) as
      { token: string | null } | undefined;
    return row?.token ?? undefined;
  }

  /** One operation at a time per body: slots and versions never race. */
  private serial<T>(slug: string, f: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(slug) ?? Promise.resolve();
    const next = prev.then(f, f);
    this.chains.set(
      slug,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Finishes versions a crash left pending (run once at start). */
  async recover(): Promise<void> {
    const rows = this.ctx.db
      .prepare(`SELECT * FROM status_lists WHERE pending_token IS NOT NULL`)
      .all() as ListRow[];
    for (const row of rows) await this.serial(row.slug, () => this.anchorAndPromote(row));
  }

  private async anchorAndPromote(row: ListRow): Promise<void> {
    const hosted = this.ctx.bodies.get(row.slug);
    if (!hosted || !row.pending_token || !row.pending_digest) return;
    const anchor = getStatusAnchor(this.ctx.node.state, row.uri);
    if (anchor?.digest !== row.pending_digest) {
      await hosted.actor.submitAndWait('identity.anchorStatusList', {
        uri: row.uri,
        digest: row.pending_digest,
      });
    }
    this.ctx.db
      .prepare(
        `UPDATE status_lists SET token = pending_token, digest = pending_digest,
           pending_token = NULL, pending_digest = NULL WHERE slug = ? AND list = ?`,
      )
      .run(row.slug, row.list);
  }

  private async publish(
    slug: string,
    list: number,
    uri: string,
    statuses: Uint8Array,
    version: number,
  ): Promise<void> {
    const hosted = this.ctx.bodies.get(slug);
    if (!hosted) throw new Error(`not hosting ${slug}`);
    const token = await createStatusListToken({
      uri,
      issuer: hosted.body.did,
      kid: `${hosted.body.did}#${hosted.body.keyId}`,
      signer: bodySigner(hosted.body),
      statuses,
      iatS: Math.floor(this.ctx.clock() / 1000),
      ttlS: 60,
    });
    const digest = toHex(sha256(utf8(token)));
    this.ctx.db
      .prepare(
        `INSERT INTO status_lists (slug, list, uri, size, statuses, version, pending_token,
           pending_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (slug, list) DO UPDATE SET statuses = excluded.statuses,
           version = excluded.version, pending_token = excluded.pending_token,
           pending_digest = excluded.pending_digest`,
      )
      .run(slug, list, uri, statuses.length, Buffer.from(statuses), version, token, digest);
    const row = this.ctx.db
      .prepare(`SELECT * FROM status_lists WHERE slug = ? AND list = ?`)
      .get(slug, list) as ListRow;
    await this.anchorAndPromote(row);
  }

  /** A fresh random slot in the body's open list (a new list when it fills). */
  allocate(slug: string): Promise<{ list: number; uri: string; idx: number }> {
    return this.serial(slug, async () => {
      let open = this.ctx.db
        .prepare(
          `SELECT l.list, l.uri, l.size, (SELECT count(*) FROM issued i
             WHERE i.slug = l.slug AND i.list = l.list) AS used
           FROM status_lists l WHERE l.slug = ? AND l.token IS NOT NULL
           ORDER BY l.list DESC LIMIT 1`,
        )
        .get(slug) as { list: number; uri: string; size: number; used: number } | undefined;
      if (!open || open.used >= LIST_FILL_MAX) {
        const list = (open?.list ?? 0) + 1;
        const uri = this.uriOf(slug, list);
        await this.publish(slug, list, uri, new Uint8Array(LIST_SIZE), 1);
        open = { list, uri, size: LIST_SIZE, used: 0 };
      }
      const taken = this.ctx.db.prepare(
        `SELECT 1 FROM issued WHERE slug = ? AND list = ? AND idx = ?`,
      );
      // Random slots: a credential's index says nothing about when it was issued.
      for (;;) {
        const r = this.ctx.random(4);
        const idx = (((r[0] ?? 0) << 8) | (r[1] ?? 0)) % open.size;
        if (!taken.get(slug, open.list, idx)) return { list: open.list, uri: open.uri, idx };
      }
    });
  }

  /** Records an issued credential in its slot (no personal data: type, slot, times). */
  recordIssued(r: {
    id: string;
    slug: string;
    vct: string;
    list: number;
    idx: number;
    issuedMs: number;
    expiresMs: number;
  }): void {
    this.ctx.db
      .prepare(
        `INSERT INTO issued (id, slug, vct, list, idx, status, issued_ms, expires_ms)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      )
      .run(r.id, r.slug, r.vct, r.list, r.idx, r.issuedMs, r.expiresMs);
  }

  issued(slug: string, id: string) {
    return this.ctx.db.prepare(`SELECT * FROM issued WHERE slug = ? AND id = ?`).get(slug, id) as
      IssuedRow | undefined;
  }

  listIssued(slug: string, limit = 200): IssuedRow[] {
    return this.ctx.db
      .prepare(`SELECT * FROM issued WHERE slug = ? ORDER BY issued_ms DESC LIMIT ?`)
      .all(slug, limit) as IssuedRow[];
  }

  /** Changes a credential's status and publishes (anchors, then serves) the new list version. */
  setStatus(
    slug: string,
    id: string,
    status: StatusName,
  ): Promise<
    | { ok: true; uri: string; version: number; digest: string }
    | { ok: false; code: 'CREDENTIAL_UNKNOWN' | 'CREDENTIAL_STATUS_FINAL' }
  > {
    return this.serial(slug, async () => {
      const cred = this.issued(slug, id);
      if (!cred) return { ok: false as const, code: 'CREDENTIAL_UNKNOWN' as const };
      // Revocation is for good; suspension can be lifted.
      if (cred.status === STATUS.revoked && status !== 'revoked') {
        return { ok: false as const, code: 'CREDENTIAL_STATUS_FINAL' as const };
      }
      const row = this.ctx.db
        .prepare(`SELECT * FROM status_lists WHERE slug = ? AND list = ?`)
        .get(slug, cred.list) as ListRow;
      const statuses = new Uint8Array(row.statuses);
      statuses[cred.idx] = STATUS[status];
      this.ctx.db.prepare(`UPDATE issued SET status = ? WHERE id = ?`).run(STATUS[status], id);
      await this.publish(slug, cred.list, row.uri, statuses, row.version + 1);
      const after = this.ctx.db
        .prepare(`SELECT version, digest FROM status_lists WHERE slug = ? AND list = ?`)
        .get(slug, cred.list) as { version: number; digest: string };
      return { ok: true as const, uri: row.uri, version: after.version, digest: after.digest };
    });
  }
}

export interface IssuedRow {
  id: string;
  slug: string;
  vct: string;
  list: number;
  idx: number;
  status: number;
  issued_ms: number;
  expires_ms: number;
}
