// Snapshot sync (issue 5 item 4, decision 0009 "Snapshots"). Every `snapshotEvery` blocks a
// checkpoint commits to the whole state (src/ledger/state-commitment.ts). A node keeps a copy of
// the state at the latest such height and serves it; a new node (empty database) downloads it
// from a peer, checks it against the cosigned commitment, and installs it in one SQLite
// transaction — then goes on block by block, re-executing and verifying as before.
//
// What is trusted (written out in decision 0009, "As built (snapshots and sync)"): the genesis,
// and that the validator set at the snapshot height is the one the syncing node already trusts
// (the genesis set). The quorum is checked against that set, and the snapshot's own declared set
// must be the same — a snapshot whose set changed since genesis is refused
// (SNAPSHOT_VALIDATORS_UNKNOWN), and the node syncs from genesis instead, where re-execution
// checks every membership change.
import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BlockHeader } from '../../core/block.js';
import { blockHash, parseBlockHeader } from '../../core/block.js';
import { fromHex, toHex } from '../../core/bytes.js';
import type { CheckpointPolicy } from '../../core/checkpoint.js';
import {
  formatCheckpoint,
  parseCheckpoint,
  quorumFor,
  verifyCheckpoint,
} from '../../core/checkpoint.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { MerkleLog } from '../../core/merkle.js';
import { MemoryNodeStore, MerkleLog as Log, nodeHash } from '../../core/merkle.js';
import type { MerkleNodeStore } from '../../core/merkle.js';
import { parseNote } from '../../core/note.js';
import type { Result } from '../../core/result.js';
import { fail } from '../../core/result.js';
import type { ChainTip } from '../../ledger/block-builder.js';
import { checkpointOf, LogFrontier, parseProposal } from '../../ledger/block-builder.js';
import type { Genesis } from '../../ledger/genesis.js';
import { genesisHash } from '../../ledger/genesis.js';
import { KEYS } from '../../ledger/modules/governance.js';
import type { StateRow } from '../../ledger/state-commitment.js';
import { compareKeys, stateCommitment } from '../../ledger/state-commitment.js';
import { nodeCryptoBackend } from '../crypto-node.js';
import { sendProblem } from '../problems.js';
import { Store } from '../store.js';
import type { Ordering } from './ordering.js';

export type SyncCode =
  /** No peer serves a snapshot (not an error: sync from genesis). */
  | 'SNAPSHOT_NONE'
  | 'SNAPSHOT_UNAVAILABLE'
  | 'SNAPSHOT_MALFORMED'
  | 'SNAPSHOT_CHECKPOINT_DIFFERS'
  | 'SNAPSHOT_NO_QUORUM'
  | 'SNAPSHOT_LOG_MISMATCH'
  | 'SNAPSHOT_ROOT_MISMATCH'
  | 'SNAPSHOT_WRONG_NETWORK'
  | 'SNAPSHOT_VALIDATORS_UNKNOWN'
  /** A validator installed from a snapshot cannot learn where that block's range ended. */
  | 'SNAPSHOT_TIP_UNKNOWN';

/** What a node serves about the snapshot it holds (`GET /v1/snapshot/latest`). */
export interface SnapshotInfo {
  readonly v: 1;
  readonly height: number;
  readonly hash: string;
  /** Canonical JSON of the block header. */
  readonly header: string;
  /** The block's checkpoint note: its body carries the `snapshot` line. */
  readonly checkpoint: string;
  /** The log's right edge after the block: its size and tiles (hex, largest first). */
  readonly logSize: number;
  readonly logTiles: readonly string[];
  readonly rows: number;
}

const META_SERVED = 'snapshot';
/** Set on a node that was installed from a snapshot: its log starts at this frontier. */
const META_BASE = 'snapshot-base';
const ROWS_SCHEMA =
  'CREATE TABLE IF NOT EXISTS snapshot_rows (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID';
export const PAGE_MAX = 5000;

// ---- serving side -------------------------------------------------------------------------

/**
 * Keeps a copy of the state as it is now (call inside the block's commit transaction, after
 * its state diff): the state at a commitment height, served until the next one replaces it.
 */
export function saveSnapshot(
  store: Store,
  block: { height: number; hash: string; header: BlockHeader; checkpoint: string },
  log: LogFrontier,
): void {
  const db = store.db;
  db.exec(ROWS_SCHEMA);
  db.exec('DELETE FROM snapshot_rows');
  const rows = db
    .prepare('INSERT INTO snapshot_rows (key, value) SELECT key, value FROM state')
    .run().changes;
  const info: SnapshotInfo = {
    v: 1,
    height: block.height,
    hash: block.hash,
    header: canonicalJson(block.header),
    checkpoint: block.checkpoint,
    logSize: log.size,
    logTiles: log.tileHashes.map(toHex),
    rows,
  };
  store.putMeta(META_SERVED, JSON.stringify(info));
}

export function servedSnapshot(store: Store): SnapshotInfo | undefined {
  const m = store.getMeta(META_SERVED);
  return m === undefined ? undefined : (JSON.parse(m) as SnapshotInfo);
}

/** Rows of the served snapshot with key > after, in key order (SQLite BINARY = code points). */
export function snapshotPage(store: Store, after: string, limit: number): StateRow[] {
  store.db.exec(ROWS_SCHEMA);
  return store.db
    .prepare<[string, number], { key: string; value: string }>(
      'SELECT key, value FROM snapshot_rows WHERE key > ? ORDER BY key LIMIT ?',
    )
    .all(after, limit)
    .map((r) => [r.key, r.value] as const);
}

/** `GET /v1/snapshot/latest` and `GET /v1/snapshot/{height}/state?after=&limit=`. */
export function registerSnapshotRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/v1/snapshot/latest',
    {
      schema: {
        summary: 'The state snapshot this node holds: its block, checkpoint and log frontier',
      },
    },
    (req, reply) => {
      const s = servedSnapshot(store);
      return s ?? sendProblem(req, reply, 404, 'SNAPSHOT_NONE');
    },
  );
  app.get(
    '/v1/snapshot/:height/state',
    {
      schema: {
        summary: 'Rows of the state snapshot in key order (key > after), for fast sync',
        params: {
          type: 'object',
          properties: { height: { type: 'string', pattern: '^[0-9]{1,16}$' } },
          required: ['height'],
        },
        querystring: {
          type: 'object',
          properties: {
            after: { type: 'string', maxLength: 2000 },
            limit: { type: 'integer', minimum: 1, maximum: PAGE_MAX },
          },
        },
      },
    },
    (
      req: FastifyRequest<{
        Params: { height: string };
        Querystring: { after?: string; limit?: number };
      }>,
      reply: FastifyReply,
    ) => {
      // One synchronous read: the page and the height it belongs to cannot come apart.
      const s = servedSnapshot(store);
      if (!s || s.height !== Number(req.params.height)) {
        return sendProblem(req, reply, 404, 'SNAPSHOT_NOT_HELD');
      }
      const limit = req.query.limit ?? 1000;
      const rows = snapshotPage(store, req.query.after ?? '', limit);
      return { height: s.height, rows, more: rows.length === limit };
    },
  );
}

// ---- the log of a node installed from a snapshot --------------------------------------------

/**
 * Node storage for a log that starts at a frontier: level l keeps nodes from its tile's index
 * (or the first index past the frontier) on. Nodes left of the frontier are simply absent:
 * proofs for leaves before the snapshot cannot be made here (they are another node's to serve).
 */
class SuffixNodeStore implements MerkleNodeStore {
  private readonly inner = new MemoryNodeStore();
  constructor(private readonly base: number) {}
  private first(level: number): number {
    const n = Math.floor(this.base / 2 ** level);
    return n % 2 === 1 ? n - 1 : n;
  }
  get(level: number, index: number): Uint8Array | undefined {
    const f = this.first(level);
    return index < f ? undefined : this.inner.get(level, index - f);
  }
  set(level: number, index: number, hash: Uint8Array): void {
    const f = this.first(level);
    if (index < f) throw new RangeError(`node ${level}/${index} is before the snapshot`);
    this.inner.set(level, index - f, hash);
  }
}

/** The frontier a node installed from a snapshot starts its log at, if it was. */
export function snapshotBase(store: Store): LogFrontier | undefined {
  const m = store.getMeta(META_BASE);
  if (m === undefined) return undefined;
  const o = JSON.parse(m) as { logSize: number; logTiles: string[] };
  const f = LogFrontier.fromTiles(
    o.logSize,
    o.logTiles.map((t) => fromHex(t) ?? new Uint8Array()),
  );
  if (!f) throw new TypeError('snapshot base in the database is malformed');
  return f;
}

/** A Merkle log that continues from a frontier (size and tiles as verified at install). */
export function logFromFrontier(f: LogFrontier): MerkleLog {
  const store = new SuffixNodeStore(f.size);
  let pos = 0;
  for (const t of f.tileHashes) {
    // Tiles are largest first: the next one's level is the highest bit of what is left.
    let level = 0;
    while (2 ** (level + 1) <= f.size - pos) level++;
    store.set(level, pos / 2 ** level, t);
    pos += 2 ** level;
  }
  return new Log(store, f.size);
}

/** The frontier of a log now, from its public proofs (O(log n)). */
export function frontierOfLog(log: MerkleLog): LogFrontier {
  const size = log.size;
  if (size === 0) return LogFrontier.empty();
  // The rightmost leaf's audit path: first its siblings inside the last tile, then the other
  // tiles from right to left.
  const proof = log.inclusionProof(size - 1, size);
  let low = 0;
  while (Math.floor(size / 2 ** low) % 2 === 0) low++;
  let last = log.leafHashAt(size - 1);
  for (let i = 0; i < low; i++) last = nodeHash(proof[i] as Uint8Array, last);
  const tiles = [...proof.slice(low).reverse(), last];
  const f = LogFrontier.fromTiles(size, tiles);
  if (!f) throw new TypeError('log proof has an unexpected shape');
  return f;
}

// ---- a validator started from a snapshot -----------------------------------------------------

/** What `ValidatorCore` starts from on a node installed from a snapshot (its config.snapshot). */
export interface ValidatorStart {
  readonly rows: [string, Json][];
  readonly tip: ChainTip & { readonly toRev: number };
}

/**
 * On a validator node installed from a snapshot: the state and tip its core starts from — the
 * snapshot it holds now (its own copy at its latest final commitment height, or the installed
 * one), and that block's range end `toRev`, from its own chain record or else from the orderer's
 * `block/<h>`, whose header must be the snapshot's. Undefined on a node synced from genesis.
 */
export async function validatorStart(
  store: Store,
  ordering: Ordering,
): Promise<Result<ValidatorStart | undefined, 'SNAPSHOT_TIP_UNKNOWN'>> {
  if (store.getMeta(META_BASE) === undefined) return { ok: true, value: undefined };
  const info = servedSnapshot(store);
  if (!info) throw new TypeError('a snapshot-synced node without its snapshot');
  const header = JSON.parse(info.header) as BlockHeader;
  let proposal = store.chainRecord(info.height);
  if (proposal !== undefined) {
    proposal = String((JSON.parse(proposal) as { proposal: unknown }).proposal);
  } else {
    const b = await ordering.getBlock(info.height);
    if (!b.ok || !b.value) {
      return fail('SNAPSHOT_TIP_UNKNOWN', `the orderer has no block ${info.height}`);
    }
    proposal = b.value.proposal;
  }
  const p = parseProposal(proposal);
  if (!p.ok || canonicalJson(p.value.header) !== info.header) {
    return fail('SNAPSHOT_TIP_UNKNOWN', `block ${info.height} in the orderer is another block`);
  }
  const log = LogFrontier.fromTiles(
    info.logSize,
    info.logTiles.map((t) => fromHex(t) ?? new Uint8Array()),
  );
  if (!log) throw new TypeError('snapshot log frontier malformed in the database');
  const rows: [string, Json][] = [];
  for (let after = ''; ;) {
    const page = snapshotPage(store, after, PAGE_MAX);
    for (const [k, v] of page) rows.push([k, JSON.parse(v) as Json]);
    if (page.length < PAGE_MAX) break;
    after = (page[page.length - 1] as StateRow)[0];
  }
  return {
    ok: true,
    value: { rows, tip: { header, hash: info.hash, log, toRev: p.value.toRev } },
  };
}

// ---- syncing side -------------------------------------------------------------------------

export interface FastSyncOptions {
  /** The database file to create; must not exist (or hold no genesis yet). */
  readonly dbPath: string;
  readonly genesis: Genesis;
  /** Nodes to ask, in order: the first that serves a snapshot is used. */
  readonly peers: readonly string[];
  /** The validators trusted at the snapshot height: the genesis set (see the file comment). */
  readonly policy: CheckpointPolicy;
  readonly pageSize?: number;
  readonly log?: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
}

export interface FastSyncResult {
  readonly height: number;
  readonly rows: number;
  readonly from: string;
  readonly ms: number;
}

const HTTP_TIMEOUT_MS = 10_000;

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  return { status: r.status, body: r.status === 200 ? await r.json() : undefined };
}

/** The validators a new node trusts before it has any state: those of the genesis. */
export function genesisPolicy(g: Genesis): CheckpointPolicy {
  const validators = g.validators.map((v) => ({
    name: v.name,
    publicKey: {
      alg: 'Ed25519' as const,
      bytes: new Uint8Array(Buffer.from(v.publicKey, 'base64url')),
    },
  }));
  return { origin: g.origin, validators, quorum: quorumFor(validators.length) };
}

/** True when the database has never been written: nothing to lose by installing a snapshot. */
export function isFreshDatabase(dbPath: string): boolean {
  if (!existsSync(dbPath)) return true;
  const s = new Store(dbPath);
  try {
    return s.getMeta('genesis') === undefined;
  } finally {
    s.close();
  }
}

/**
 * Fetches the latest snapshot from the first peer that has one, verifies it, and installs it
 * into a fresh database. SNAPSHOT_NONE when no peer has one; every other code is a refusal with
 * nothing written (the database file is created only once everything has verified).
 */
export async function fastSync(o: FastSyncOptions): Promise<Result<FastSyncResult, SyncCode>> {
  const t0 = performance.now();
  let lastError = '';
  let refusal: { ok: false; code: SyncCode; detail?: string } | undefined;
  for (const raw of o.peers) {
    const base = raw.replace(/\/+$/, '');
    let latest: { status: number; body: unknown };
    try {
      latest = await getJson(`${base}/v1/snapshot/latest`);
    } catch (e) {
      lastError = `${base}: ${e instanceof Error ? e.message : String(e)}`;
      continue;
    }
    if (latest.status === 404) continue;
    if (latest.status !== 200) {
      lastError = `${base}: HTTP ${latest.status}`;
      continue;
    }
    const r = await fromPeer(base, latest.body, o);
    if (r.ok) {
      const res = { ...r.value, from: base, ms: Math.round(performance.now() - t0) };
      o.log?.info(res, 'installed a verified state snapshot');
      return { ok: true, value: res };
    }
    // A peer whose snapshot does not verify is noted and the next one asked: one bad peer must
    // not stop a sync. The first refusal is the answer if none verifies.
    o.log?.warn({ peer: base, code: r.code, detail: r.detail }, 'snapshot refused');
    if (r.code === 'SNAPSHOT_UNAVAILABLE') lastError = `${base}: ${r.detail ?? ''}`;
    else refusal ??= r;
  }
  if (refusal) return refusal;
  return lastError
    ? fail('SNAPSHOT_UNAVAILABLE', lastError)
    : fail('SNAPSHOT_NONE', 'no peer holds a snapshot');
}

/** Checks, downloads, verifies and installs one peer's snapshot (nothing written on failure). */
async function fromPeer(
  base: string,
  latest: unknown,
  o: FastSyncOptions,
): Promise<Result<{ height: number; rows: number }, SyncCode>> {
  const checked = await checkInfo(latest, o);
  if (!checked.ok) return checked;
  const rows = await download(base, checked.value.info, o.pageSize ?? PAGE_MAX);
  if (!rows.ok) return rows;
  const installed = verifyAndInstall(o, checked.value, rows.value);
  if (!installed.ok) return installed;
  return { ok: true, value: { height: checked.value.info.height, rows: rows.value.length } };
}

interface CheckedInfo {
  readonly info: SnapshotInfo;
  readonly header: BlockHeader;
  readonly root: Uint8Array;
  readonly log: LogFrontier;
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Everything about the snapshot but its rows: block, checkpoint, quorum, log frontier. */
async function checkInfo(
  body: unknown,
  o: FastSyncOptions,
): Promise<Result<CheckedInfo, SyncCode>> {
  const bad = (detail: string) => fail('SNAPSHOT_MALFORMED' as const, detail);
  if (!isObj(body) || body.v !== 1) return bad('not a v1 snapshot');
  const { height, hash, header, checkpoint, logSize, logTiles } = body;
  if (!Number.isSafeInteger(height) || typeof hash !== 'string') return bad('height or hash');
  if (typeof header !== 'string' || typeof checkpoint !== 'string') return bad('header');
  if (!Array.isArray(logTiles) || !logTiles.every((t) => typeof t === 'string')) {
    return bad('log tiles');
  }
  const h = parseBlockHeader(header);
  if (!h.ok) return bad(`header: ${h.detail ?? h.code}`);
  if (blockHash(h.value) !== hash || h.value.height !== height) return bad('header hash');
  if (h.value.network !== o.genesis.network) {
    return fail('SNAPSHOT_WRONG_NETWORK', h.value.network);
  }
  const note = parseNote(checkpoint);
  const cp = note.ok ? parseCheckpoint(note.value.text) : undefined;
  if (!note.ok || !cp?.ok || !cp.value.snapshotRoot) {
    return fail('SNAPSHOT_CHECKPOINT_DIFFERS', 'the checkpoint carries no state commitment');
  }
  const root = cp.value.snapshotRoot;
  const body2 = formatCheckpoint(checkpointOf(o.genesis.origin, h.value, hash, root));
  if (note.value.text !== body2) {
    return fail('SNAPSHOT_CHECKPOINT_DIFFERS', 'the checkpoint is not of this block');
  }
  const v = await verifyCheckpoint(checkpoint, o.policy, nodeCryptoBackend);
  if (!v.ok) return fail('SNAPSHOT_NO_QUORUM', `${v.code}: ${v.detail ?? ''}`);
  const log = LogFrontier.fromTiles(
    logSize as number,
    (logTiles as string[]).map((t) => fromHex(t) ?? new Uint8Array()),
  );
  if (!log || log.size !== h.value.logSize || toHex(log.root()) !== h.value.logRoot) {
    return fail('SNAPSHOT_LOG_MISMATCH', 'the log frontier does not give the block’s log root');
  }
  return { ok: true, value: { info: body as unknown as SnapshotInfo, header: h.value, root, log } };
}

async function download(
  base: string,
  info: SnapshotInfo,
  pageSize: number,
): Promise<Result<StateRow[], SyncCode>> {
  const rows: StateRow[] = [];
  let after = '';
  for (;;) {
    const q = `after=${encodeURIComponent(after)}&limit=${pageSize}`;
    let page: { status: number; body: unknown };
    try {
      page = await getJson(`${base}/v1/snapshot/${info.height}/state?${q}`);
    } catch (e) {
      return fail('SNAPSHOT_UNAVAILABLE', e instanceof Error ? e.message : String(e));
    }
    // 404: the peer moved on to a newer snapshot mid-download; the next start tries again.
    if (page.status !== 200) return fail('SNAPSHOT_UNAVAILABLE', `HTTP ${page.status}`);
    const b = page.body;
    if (!isObj(b) || b.height !== info.height || !Array.isArray(b.rows)) {
      return fail('SNAPSHOT_MALFORMED', 'page');
    }
    for (const r of b.rows as unknown[]) {
      if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== 'string') {
        return fail('SNAPSHOT_MALFORMED', 'row');
      }
      if (typeof r[1] !== 'string') return fail('SNAPSHOT_MALFORMED', 'row value');
      // Strictly increasing keys: a peer cannot make us hash a row twice or skip back.
      if (rows.length > 0 && compareKeys((rows[rows.length - 1] as StateRow)[0], r[0]) >= 0) {
        return fail('SNAPSHOT_MALFORMED', 'rows out of order');
      }
      rows.push([r[0], r[1]]);
    }
    if (b.more !== true || b.rows.length === 0) return { ok: true, value: rows };
    after = (rows[rows.length - 1] as StateRow)[0];
  }
}

function verifyAndInstall(
  o: FastSyncOptions,
  c: CheckedInfo,
  rows: readonly StateRow[],
): Result<true, SyncCode> {
  // The one check that makes the rows trustworthy: they hash to the cosigned commitment.
  if (toHex(stateCommitment(rows)) !== toHex(c.root)) {
    return fail('SNAPSHOT_ROOT_MISMATCH', `the rows do not hash to height ${c.info.height}'s`);
  }
  const value = (key: string): unknown => {
    const r = rows.find(([k]) => k === key);
    return r ? (JSON.parse(r[1]) as unknown) : undefined;
  };
  const net = value(KEYS.network) as { genesis?: string } | undefined;
  if (net?.genesis !== genesisHash(o.genesis)) {
    return fail('SNAPSHOT_WRONG_NETWORK', 'the snapshot belongs to another genesis');
  }
  const trusted = o.policy.validators.map((v) => `${v.name} ${toHex(v.publicKey.bytes)}`).sort();
  const declared = ((value(KEYS.validators) as { name: string; publicKey: string }[]) ?? [])
    .map((v) => {
      const b = Buffer.from(v.publicKey, 'base64url');
      return `${v.name} ${b.toString('hex')}`;
    })
    .sort();
  // A change stated for a later height (decision 0009, membership) would make the set in force
  // differ from the declared one within a few blocks: not the genesis set, so not trusted.
  const scheduled = value(KEYS.validatorChanges) as unknown[] | undefined;
  if (canonicalJson(trusted) !== canonicalJson(declared) || (scheduled?.length ?? 0) > 0) {
    return fail(
      'SNAPSHOT_VALIDATORS_UNKNOWN',
      'the validator set changed since genesis: sync from genesis instead',
    );
  }
  if (!isFreshDatabase(o.dbPath)) throw new TypeError('fast sync into a database in use');
  const store = new Store(o.dbPath);
  try {
    store.atomically(() => {
      store.db.exec('DELETE FROM state');
      const put = store.db.prepare('INSERT INTO state (key, value) VALUES (?, ?)');
      for (const [k, v] of rows) put.run(k, v);
      store.putBlock({
        height: c.info.height,
        hash: c.info.hash,
        header: c.info.header,
        checkpoint: c.info.checkpoint,
      });
      store.putMeta('genesis', genesisHash(o.genesis));
      store.putMeta(
        META_BASE,
        JSON.stringify({ logSize: c.log.size, logTiles: c.log.tileHashes.map(toHex) }),
      );
      // What this node then serves to the next one.
      saveSnapshot(
        store,
        {
          height: c.info.height,
          hash: c.info.hash,
          header: c.header,
          checkpoint: c.info.checkpoint,
        },
        c.log,
      );
    });
  } finally {
    store.close();
  }
  return { ok: true, value: true };
}
