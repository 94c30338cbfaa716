// The member bodies this node acts for: those whose governance key is in data/member-keys/.
// In the demo one node holds every Gwent body's key; in production each body runs its own node
// and holds only its own. A body signs its ledger transactions (status-list anchors, access
// records) and its credentials with the key the ledger registers for it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateKey, PublicKey } from '../../core/crypto.js';
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import type { SignedTx, TxBody } from '../../core/tx.js';
import { signTx, txIdOf } from '../../core/tx.js';
import type { Member } from '../../ledger/modules/governance.js';
import { getMember } from '../../ledger/modules/governance.js';
import { nodeCryptoBackend, publicKeyOfSync } from '../crypto-node.js';
import type { MemberKeyFile } from '../datadir.js';
import { FILES, privateKeyOf, readJson } from '../datadir.js';
import type { CadwynNode, TxStatus } from '../node.js';

export interface HostedBody {
  readonly slug: string;
  readonly did: string;
  readonly keyId: string;
  readonly privateKey: PrivateKey;
  readonly publicKey: PublicKey;
}

export function loadHostedBodies(dataDir: string): HostedBody[] {
  const dir = join(dataDir, FILES.membersDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = readJson(join(dir, f)) as MemberKeyFile;
      const privateKey = privateKeyOf(file.alg, file.privateKey);
      return {
        slug: f.slice(0, -'.json'.length),
        did: file.did,
        keyId: file.keyId,
        privateKey,
        publicKey: publicKeyOfSync(privateKey),
      };
    });
}

export class BodyTxError extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

interface Queued {
  readonly type: string;
  readonly payload: Json;
  readonly geo: Geo | undefined;
  readonly resolve: (id: string) => void;
  readonly reject: (e: unknown) => void;
}

/** Transactions of one body signed and submitted together, at most. */
const BATCH_MAX = 256;

/**
 * Submits a body's own transactions. Whatever is queued while a submission is in flight goes
 * next as one batch with consecutive sequence numbers: one worker round trip and one disk
 * commit for many access records, instead of one each.
 */
export class BodyActor {
  private readonly queue: Queued[] = [];
  private draining = false;

  constructor(
    readonly body: HostedBody,
    private readonly node: CadwynNode,
  ) {}

  /** The body's ledger record now (names, area, registered keys). */
  member(): Member | undefined {
    return getMember(this.node.state, this.body.did);
  }

  /** The area geo-stamp of the body's transactions, where it has one. */
  geo(): Geo | undefined {
    const area = this.member()?.area;
    return area ? { area } : undefined;
  }

  /** Signs and durably submits; resolves with the transaction id once accepted. */
  submit(type: string, payload: Json, geo: Geo | undefined = this.geo()): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ type, payload, geo, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH_MAX);
        const firstSeq = this.node.nextSeqFor(this.body.did);
        const signer = [
          { did: this.body.did, keyId: this.body.keyId, privateKey: this.body.privateKey },
        ];
        let outcomes;
        const bodies = batch.map(
          (q, i) =>
            ({
              v: 1,
              network: this.node.network,
              type: q.type,
              sender: this.body.did,
              seq: firstSeq + i,
              timeMs: this.node.deps.clock(),
              ...(q.geo ? { geo: q.geo } : {}),
              payload: q.payload,
            }) as TxBody,
        );
        try {
          const txs: SignedTx[] = [];
          for (const b of bodies) txs.push(await signTx(b, signer, nodeCryptoBackend));
          outcomes = await this.node.submit(txs);
        } catch (e) {
          for (const q of batch) q.reject(e);
          continue;
        }
        // A refusal leaves a gap: the ones after it are refused too and go again next round.
        const again: Queued[] = [];
        let gap = false;
        batch.forEach((q, i) => {
          const o = outcomes[i];
          if (o?.ok) q.resolve(txIdOf(bodies[i] as TxBody));
          else if (gap) again.push(q);
          else {
            gap = true;
            q.reject(new BodyTxError(o?.code ?? 'TX_REFUSED', o?.detail));
          }
        });
        this.queue.unshift(...again);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Submits and waits until the transaction is in a block (or refused there). */
  async submitAndWait(
    type: string,
    payload: Json,
    geo?: Geo,
    timeoutMs = 15_000,
  ): Promise<TxStatus & { readonly status: 'committed' | 'final' }> {
    const id = await this.submit(type, payload, geo ?? this.geo());
    const s = await this.node.waitFor(id, timeoutMs);
    if (!s || s.status === 'pending') throw new BodyTxError('TX_NOT_COMMITTED', id);
    if (s.status === 'rejected') throw new BodyTxError(s.code, s.detail);
    return s;
  }
}
