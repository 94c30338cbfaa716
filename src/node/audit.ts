// The full audit behind `cadwyn verify DIR|URL`: replays the ledger from its genesis and
// recomputes every block — entries, ids, signatures, execution, roots, hashes, checkpoints —
// trusting nothing the database (or the node's API) says that can be recomputed. One replay
// engine, fed by two sources: a data directory's SQLite file, or a node's HTTP API.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { fromBase64Url, toHex } from '../core/bytes.js';
import type { BlockHeader } from '../core/block.js';
import { blockHash, logEntryText, parseBlockHeader } from '../core/block.js';
import type { CheckpointPolicy } from '../core/checkpoint.js';
import { quorumFor, verifyCheckpoint } from '../core/checkpoint.js';
import type { Json } from '../core/jcs.js';
import { canonicalJson } from '../core/jcs.js';
import type { MerkleNodeStore } from '../core/merkle.js';
import { MerkleLog, rootOf } from '../core/merkle.js';
import type { PreparedTx } from '../core/tx.js';
import { prepareTx } from '../core/tx.js';
import type { Genesis } from '../ledger/genesis.js';
import { genesisBlock, genesisHash, parseGenesis } from '../ledger/genesis.js';
import type { Ledger } from '../ledger/ledger.js';
import { validatorsAt } from '../ledger/modules/governance.js';
import type { StateDiff, StateReader } from '../ledger/state.js';
import { nextStateRoot, StateOverlay } from '../ledger/state.js';
import { nodeCryptoBackend } from './crypto-node.js';
import { FILES, readJson } from './datadir.js';
import { createLedger } from './node.js';
import { defaultStoreOptions, Store } from './store.js';
import { VerifyPool } from './verify-pool.js';

/** Every finding the audit can report, with what it means. Codes are stable (CLI, scripts). */
export const AUDIT_CODES = {
  AUDIT_GENESIS_UNREADABLE: 'the genesis file (or /v1/genesis) cannot be read',
  AUDIT_GENESIS_INVALID: 'the genesis is not a valid genesis',
  AUDIT_GENESIS_MISMATCH: 'the ledger does not start from this genesis (database or block 0)',
  AUDIT_DB_UNREADABLE: 'the database cannot be opened or read (missing, not SQLite, corrupt)',
  AUDIT_SOURCE_UNREACHABLE: 'the node did not answer',
  AUDIT_SOURCE_INVALID: 'the node answered with something that is not what its API promises',
  AUDIT_BLOCK_MISSING: 'a block is missing from the chain',
  AUDIT_HEADER_MALFORMED: 'a block header is not a header',
  AUDIT_HEADER_NOT_CANONICAL: 'a stored header is not in canonical JSON',
  AUDIT_HEADER_INVALID: "a header's height or proposer is wrong",
  AUDIT_NETWORK_MISMATCH: "a header names another network than the genesis'",
  AUDIT_PREV_HASH_MISMATCH: 'a header does not chain to the previous block',
  AUDIT_BLOCK_TIME_INVALID: "a block's time is earlier than the previous block's",
  AUDIT_TX_INDEX_GAP: 'log entries are missing or out of order',
  AUDIT_TX_OUT_OF_ORDER: 'a log entry is stored among another block’s entries',
  AUDIT_TX_BEYOND_HEAD: 'log entries are stored after the last block',
  AUDIT_TX_MALFORMED: 'a log entry is not a well-formed transaction',
  AUDIT_TX_ID_MISMATCH: "a transaction's id is not the stored id (its body was changed)",
  AUDIT_TX_HEIGHT_MISMATCH: "a log entry's height is not its block's",
  AUDIT_TX_TIME_MISMATCH: "a log entry's time is not its block's",
  AUDIT_TX_NOT_CANONICAL: 'a log entry is not the canonical text the block producer writes',
  AUDIT_TX_SIGNATURE_INVALID: "a transaction's signatures do not verify",
  AUDIT_TX_EXECUTION_FAILED: 'a committed transaction fails when executed again',
  AUDIT_TX_COUNT_MISMATCH: "a block's entries are not as many as its header says",
  AUDIT_TX_ROOT_MISMATCH: "a block's transaction root is not the root of its entries",
  AUDIT_LOG_SIZE_MISMATCH: "a header's log size is not the log's",
  AUDIT_LOG_ROOT_MISMATCH: "a header's log root is not the recomputed log's",
  AUDIT_STATE_ROOT_MISMATCH: "a header's state root is not the replayed state's",
  AUDIT_BLOCK_HASH_MISMATCH: "a block's stored hash is not the hash of its header",
  AUDIT_CHECKPOINT_INVALID: "a block's checkpoint is not signed by a quorum of validators",
  AUDIT_CHECKPOINT_MISMATCH: 'a checkpoint vouches for something other than its block',
  AUDIT_STATE_TABLE_MISMATCH: 'the stored state is not the state the chain produces',
  AUDIT_INTERNAL_ERROR: 'the audit itself failed (a bug: please report it)',
} as const;

export type AuditCode = keyof typeof AUDIT_CODES;

export type AuditReport =
  | {
      readonly ok: true;
      readonly height: number;
      readonly logSize: number;
      readonly txCount: number;
      readonly stateKeys: number;
      readonly ms: number;
      /** What the audit is relative to: compare it with a genesis hash you trust. */
      readonly genesisHash: string;
    }
  | {
      readonly ok: false;
      /** The first bad height, or -1 when nothing could be replayed. */
      readonly height: number;
      readonly code: AuditCode;
      readonly detail: string;
      readonly ms: number;
    };

export interface AuditOptions {
  /** Log entries replayed so far, of the head block's (claimed) log size. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Worker threads for did:key signature checks; 0 checks on this thread. Default 2. */
  readonly workers?: number;
}

/** A finding: the audit stops at the first. */
export class AuditFailure extends Error {
  constructor(
    readonly height: number,
    readonly code: AuditCode,
    readonly detail: string,
  ) {
    super(`${code} at height ${height}: ${detail}`);
  }
}

/** One block as a source gives it, before any check. */
interface SourceBlock {
  readonly height: number;
  readonly hash: string;
  /** The header text (canonical JSON if untampered). */
  readonly header: string;
  readonly checkpoint: string;
  /** The block's log entries in log order. */
  readonly txs: readonly SourceTx[];
}

interface SourceTx {
  readonly logIndex: number;
  /** The id the source stores for the entry (hex). */
  readonly id: string;
  /** The entry text (canonical JSON if untampered). */
  readonly entry: string;
}

// ---- the replayed state ----

/**
 * The state the audit rebuilds, kept as canonical text per key: that is what the stored state
 * table must equal, and text is more compact than parsed objects for a million records. Parsed
 * values are cached (bounded) for the keys execution reads again and again (params, sequences);
 * values only written (most records) are not, so they do not linger into the old generation.
 */
class ReplayState implements StateReader {
  readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, Json>();

  get(key: string): Json | undefined {
    const hit = this.parsed.get(key);
    if (hit !== undefined) return hit;
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    const value = JSON.parse(text) as Json;
    this.remember(key, value);
    return value;
  }

  apply(diff: StateDiff): void {
    for (const [k, v] of diff) {
      if (v === null) {
        this.texts.delete(k);
        this.parsed.delete(k);
      } else {
        this.texts.set(k, flat(canonicalJson(v)));
        if (this.parsed.has(k)) this.parsed.set(k, v);
      }
    }
  }

  private remember(key: string, value: Json): void {
    if (this.parsed.size >= 50_000) this.parsed.clear();
    this.parsed.set(key, value);
  }
}

/**
 * canonicalJson builds its text by concatenation, which V8 keeps as a rope of many small
 * pieces: several times the memory of the text, and slow to compare. ToNumber flattens it.
 */
function flat(s: string): string {
  void Number(s);
  return s;
}

const LEAF_PREFIX = new Uint8Array([0]);

/**
 * RFC 9162 leaf hash of an entry text, SHA-256(0x00 || utf8): core's leafHash, by OpenSSL
 * and without an intermediate byte copy — the audit hashes every entry of the log.
 */
function entryLeafHash(entry: string): Uint8Array {
  const d = createHash('sha256').update(LEAF_PREFIX).update(entry, 'utf8').digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
}

/** Only roots are needed, and MerkleLog keeps its frontier itself: store no nodes. */
const discardNodes: MerkleNodeStore = {
  get: () => undefined,
  set: () => undefined,
};

// ---- header shape ----

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---- the replay engine ----

interface PreparedBlock {
  readonly src: SourceBlock;
  readonly header: BlockHeader | undefined;
  /** The header is unusable: raised before anything else of the block. */
  readonly headerFailure: AuditFailure | undefined;
  readonly txs: readonly PreparedTx[];
  /** A log entry that fails a check needing no state: raised after the chain checks. */
  readonly txFailure: AuditFailure | undefined;
}

interface Group {
  readonly blocks: readonly PreparedBlock[];
  /** did:key signature verdicts for every transaction of the group, in order. */
  readonly verified: Promise<Uint8Array>;
  /** The source failed after these blocks. */
  readonly error?: unknown;
}

// Verification batches: big enough to keep both workers busy, small enough to stream.
const GROUP_TXS = 2048;
const GROUP_BLOCKS = 256;
// Groups prepared and dispatched ahead of the one being executed.
const GROUPS_AHEAD = 3;

const SIGNATURE_CODES = new Set([
  'TX_SIGNATURE_INVALID',
  'TX_SIGNER_UNKNOWN',
  'TX_SENDER_NOT_SIGNED',
]);

class Replay {
  readonly state = new ReplayState();
  readonly log = new MerkleLog(discardNodes);
  private readonly ledger: Ledger = createLedger();
  private prev: { height: number; hash: string; header: BlockHeader } | undefined;
  /** The log index the preparer expects next (it runs ahead of execution). */
  private nextLogIndex = 0;
  private lastPreparedHeight = -1;
  private policy: { text: string | undefined; policy: CheckpointPolicy } | undefined;

  constructor(
    readonly genesis: Genesis,
    private readonly pool: VerifyPool,
    /** The code for a source that fails to deliver (unreadable file, unreachable node). */
    private readonly sourceErrorCode: AuditCode,
  ) {}

  /** The last height that passed every check, or -1. */
  get height(): number {
    return this.prev?.height ?? -1;
  }

  /** Replays every block the source gives; throws the first AuditFailure. */
  async run(source: AsyncIterator<SourceBlock>, progress: () => void): Promise<void> {
    try {
      await this.replayAll(source, progress);
    } finally {
      // Stops a source left mid-way (after a failure): it closes its open cursors.
      await source.return?.();
    }
  }

  private async replayAll(source: AsyncIterator<SourceBlock>, progress: () => void) {
    const queue: Group[] = [];
    let exhausted = false;
    // Prepares blocks and dispatches their signature checks ahead of execution, so the
    // workers verify group n+1.. while this thread executes group n.
    const fill = async () => {
      while (!exhausted && queue.length < GROUPS_AHEAD) {
        const blocks: PreparedBlock[] = [];
        let txs = 0;
        let error: unknown;
        while (txs < GROUP_TXS && blocks.length < GROUP_BLOCKS) {
          let next: IteratorResult<SourceBlock>;
          try {
            next = await source.next();
          } catch (e) {
            error = e;
            exhausted = true;
            break;
          }
          if (next.done) {
            exhausted = true;
            break;
          }
          const pb = this.prepare(next.value);
          blocks.push(pb);
          txs += pb.txs.length;
          // Nothing after a failed block will be looked at.
          if (pb.headerFailure || pb.txFailure) {
            exhausted = true;
            break;
          }
        }
        const jobs = blocks.flatMap((b) =>
          b.txs.map((p) => ({ canonicalBody: p.canonicalBody, signatures: p.tx.signatures })),
        );
        const verified = this.pool.verify(jobs);
        // Awaited later, or never if an earlier block fails: never an unhandled rejection.
        verified.catch(() => undefined);
        queue.push({ blocks, verified, ...(error === undefined ? {} : { error }) });
      }
    };
    for (;;) {
      await fill();
      const group = queue.shift();
      if (!group) break;
      const verdicts = await group.verified;
      let offset = 0;
      for (const pb of group.blocks) {
        await this.checkBlock(pb, verdicts, offset);
        offset += pb.txs.length;
      }
      progress();
      if (group.error !== undefined) {
        if (group.error instanceof AuditFailure) throw group.error;
        const e = group.error;
        throw new AuditFailure(
          this.lastPreparedHeight + 1,
          this.sourceErrorCode,
          e instanceof Error ? e.message : String(e),
        );
      }
    }
    if (!this.prev) throw new AuditFailure(0, 'AUDIT_BLOCK_MISSING', 'there is no genesis block');
  }

  /** The checks that need no state: header shape, entries, ids. Never throws. */
  private prepare(src: SourceBlock): PreparedBlock {
    this.lastPreparedHeight = src.height;
    const h = src.height;
    const bad = (code: AuditCode, detail: string) => new AuditFailure(h, code, detail);
    const r = parseBlockHeader(src.header);
    if (!r.ok) {
      const code =
        r.code === 'BLOCK_NOT_CANONICAL' ? 'AUDIT_HEADER_NOT_CANONICAL' : 'AUDIT_HEADER_MALFORMED';
      return {
        src,
        header: undefined,
        headerFailure: bad(code, r.detail ?? r.code),
        txs: [],
        txFailure: undefined,
      };
    }
    const parsed = r.value;
    const txs: PreparedTx[] = [];
    let txFailure: AuditFailure | undefined;
    for (const row of src.txs) {
      const expected = this.nextLogIndex + txs.length;
      const at = `log index ${row.logIndex}`;
      if (row.logIndex !== expected) {
        txFailure = bad('AUDIT_TX_INDEX_GAP', `expected log index ${expected}, found ${at}`);
        break;
      }
      const checked = checkEntry(row, parsed);
      if ('code' in checked) {
        txFailure = bad(checked.code, `${at}: ${checked.detail}`);
        break;
      }
      txs.push(checked);
    }
    this.nextLogIndex += src.txs.length;
    return { src, header: parsed, headerFailure: undefined, txs, txFailure };
  }

  /** The checks that need the chain and the state, in order; throws the first failure. */
  private async checkBlock(pb: PreparedBlock, verdicts: Uint8Array, offset: number): Promise<void> {
    const h = pb.src.height;
    const bad = (code: AuditCode, detail: string) => new AuditFailure(h, code, detail);
    const prev = this.prev;
    if (!prev) {
      await this.checkGenesisBlock(pb);
      return;
    }
    if (h !== prev.height + 1) {
      throw new AuditFailure(prev.height + 1, 'AUDIT_BLOCK_MISSING', `next block is ${h}`);
    }
    if (pb.headerFailure) throw pb.headerFailure;
    const header = pb.header as BlockHeader;
    if (header.height !== h) throw bad('AUDIT_HEADER_INVALID', `header says ${header.height}`);
    if (header.network !== this.genesis.network) {
      throw bad('AUDIT_NETWORK_MISMATCH', `header network ${header.network}`);
    }
    if (header.prevHash !== prev.hash) {
      throw bad(
        'AUDIT_PREV_HASH_MISMATCH',
        `prevHash ${header.prevHash}, block ${h - 1} is ${prev.hash}`,
      );
    }
    if (header.timeMs < prev.header.timeMs) {
      throw bad('AUDIT_BLOCK_TIME_INVALID', `time ${header.timeMs} before ${prev.header.timeMs}`);
    }
    // Policy from the state before this block: governance may change the set within it.
    const policy = this.checkpointPolicy(h);
    if (!policy.validators.some((v) => v.name === header.proposer)) {
      throw bad('AUDIT_HEADER_INVALID', `proposer ${header.proposer} is not a validator`);
    }
    if (pb.txFailure) throw pb.txFailure;

    const ctx = { network: this.genesis.network, height: h, timeMs: header.timeMs };
    const overlay = new StateOverlay(this.state);
    const leaves: Uint8Array[] = [];
    for (let k = 0; k < pb.txs.length; k++) {
      const p = pb.txs[k] as PreparedTx;
      const logIndex = this.log.size + k;
      const at = `tx ${p.id} (log index ${logIndex})`;
      if (verdicts[offset + k] !== 1) {
        throw bad('AUDIT_TX_SIGNATURE_INVALID', `${at}: a did:key signature does not verify`);
      }
      // did:web signatures depend on state: execution verifies them.
      const v = this.ledger.execute(overlay, ctx, p, logIndex, { didKeySignaturesVerified: true });
      if (!v.ok) {
        const code = SIGNATURE_CODES.has(v.code)
          ? 'AUDIT_TX_SIGNATURE_INVALID'
          : 'AUDIT_TX_EXECUTION_FAILED';
        throw bad(code, `${at}: ${v.code}${v.detail ? `: ${v.detail}` : ''}`);
      }
      leaves.push(entryLeafHash((pb.src.txs[k] as SourceTx).entry));
    }
    if (header.txCount !== leaves.length) {
      throw bad('AUDIT_TX_COUNT_MISMATCH', `header says ${header.txCount}, found ${leaves.length}`);
    }
    const txRoot = toHex(rootOf(leaves));
    if (header.txRoot !== txRoot) throw bad('AUDIT_TX_ROOT_MISMATCH', `recomputed ${txRoot}`);
    this.log.appendMany(leaves);
    if (header.logSize !== this.log.size) {
      throw bad(
        'AUDIT_LOG_SIZE_MISMATCH',
        `header says ${header.logSize}, log has ${this.log.size}`,
      );
    }
    const logRoot = toHex(this.log.root());
    if (header.logRoot !== logRoot) throw bad('AUDIT_LOG_ROOT_MISMATCH', `recomputed ${logRoot}`);
    const diff = overlay.diff();
    const stateRoot = nextStateRoot(prev.header.stateRoot, diff);
    if (header.stateRoot !== stateRoot) {
      throw bad('AUDIT_STATE_ROOT_MISMATCH', `recomputed ${stateRoot}`);
    }
    // Content first, hash last: a wrong hash over a right header means the hash was altered.
    const hash = blockHash(header);
    if (pb.src.hash !== hash) throw bad('AUDIT_BLOCK_HASH_MISMATCH', `recomputed ${hash}`);
    await this.checkCheckpoint(pb.src, header, hash, policy);
    this.state.apply(diff);
    this.prev = { height: h, hash, header };
  }

  /** Block 0 is recomputed whole from the genesis file, as writeGenesisBlock made it. */
  private async checkGenesisBlock(pb: PreparedBlock): Promise<void> {
    const h = pb.src.height;
    if (h !== 0) throw new AuditFailure(0, 'AUDIT_BLOCK_MISSING', `the first block is ${h}`);
    const { header, diff } = genesisBlock(this.genesis);
    const text = canonicalJson(header);
    if (pb.src.header !== text) {
      const stored = pb.header as unknown as Record<string, Json> | undefined;
      const expected = header as unknown as Record<string, Json>;
      const differs = stored
        ? Object.keys(expected).filter((k) => stored[k] !== expected[k])
        : ['the header is malformed'];
      throw new AuditFailure(
        0,
        'AUDIT_GENESIS_MISMATCH',
        `block 0 is not the genesis file's (differs in: ${differs.join(', ') || 'encoding'})`,
      );
    }
    if (pb.src.txs.length > 0) {
      throw new AuditFailure(0, 'AUDIT_TX_COUNT_MISMATCH', 'log entries at height 0');
    }
    const hash = blockHash(header);
    if (pb.src.hash !== hash) {
      throw new AuditFailure(0, 'AUDIT_BLOCK_HASH_MISMATCH', `recomputed ${hash}`);
    }
    this.state.apply(diff);
    await this.checkCheckpoint(pb.src, header, hash, this.checkpointPolicy(0));
    this.prev = { height: 0, hash, header };
  }

  private async checkCheckpoint(
    src: SourceBlock,
    header: BlockHeader,
    hash: string,
    policy: CheckpointPolicy,
  ): Promise<void> {
    const h = src.height;
    const v = await verifyCheckpoint(src.checkpoint, policy, nodeCryptoBackend);
    if (!v.ok) {
      throw new AuditFailure(h, 'AUDIT_CHECKPOINT_INVALID', `${v.code}: ${v.detail ?? ''}`);
    }
    const cp = v.value.checkpoint;
    const pairs: [string, unknown, unknown][] = [
      ['origin', cp.origin, this.genesis.origin],
      ['logSize', cp.logSize, header.logSize],
      ['logRoot', toHex(cp.logRoot), header.logRoot],
      ['height', cp.height, header.height],
      ['blockHash', toHex(cp.blockHash), hash],
      ['stateRoot', toHex(cp.stateRoot), header.stateRoot],
      ['timeMs', cp.timeMs, header.timeMs],
    ];
    for (const [name, got, want] of pairs) {
      if (got !== want) {
        throw new AuditFailure(
          h,
          'AUDIT_CHECKPOINT_MISMATCH',
          `checkpoint ${name} is ${String(got)}, the block's is ${String(want)}`,
        );
      }
    }
  }

  /**
   * The validators in force at `height` (decision 0009: changes are stated ahead, so the state
   * before the block already knows them); rebuilt only when the set or the schedule changes.
   */
  private checkpointPolicy(height: number): CheckpointPolicy {
    const inForce = validatorsAt(this.state, height);
    const text = JSON.stringify(inForce);
    if (this.policy && this.policy.text === text) return this.policy.policy;
    const validators = inForce.map((v) => ({
      name: v.name,
      // A malformed key makes verifyCheckpoint refuse the policy: reported, not thrown.
      publicKey: { alg: 'Ed25519' as const, bytes: fromBase64Url(v.publicKey) ?? new Uint8Array() },
    }));
    const policy = {
      origin: this.genesis.origin,
      validators,
      quorum: quorumFor(validators.length),
    };
    this.policy = { text, policy };
    return policy;
  }
}

/**
 * Parses one log entry and checks it against its row and block: prepares the transaction
 * (one JSON parse, one canonicalisation), compares ids, and requires the entry text to be
 * exactly what the block producer wrote. Returns "CODE|detail" on failure.
 */
function checkEntry(
  row: SourceTx,
  header: BlockHeader,
): PreparedTx | { code: AuditCode; detail: string } {
  const bad = (code: AuditCode, detail: string) => ({ code, detail });
  let e: unknown;
  try {
    e = JSON.parse(row.entry);
  } catch {
    return bad('AUDIT_TX_MALFORMED', 'the entry is not JSON');
  }
  if (!isPlainObject(e)) return bad('AUDIT_TX_MALFORMED', 'the entry is not an object');
  const p = prepareTx(e.tx);
  if (!p.ok) return bad('AUDIT_TX_MALFORMED', `${p.code}: ${p.detail ?? ''}`);
  if (p.value.id !== row.id) {
    return bad('AUDIT_TX_ID_MISMATCH', `the body's id is ${p.value.id}, stored as ${row.id}`);
  }
  if (logEntryText(header.height, header.timeMs, p.value.canonicalTx) !== row.entry) {
    if (e.height !== header.height) {
      return bad('AUDIT_TX_HEIGHT_MISMATCH', `entry height ${String(e.height)}`);
    }
    if (e.timeMs !== header.timeMs) {
      return bad(
        'AUDIT_TX_TIME_MISMATCH',
        `entry time ${String(e.timeMs)}, block ${header.timeMs}`,
      );
    }
    return bad('AUDIT_TX_NOT_CANONICAL', 'the entry is not the canonical log entry');
  }
  return p.value;
}

// ---- byte-order comparison, as SQLite orders TEXT keys (UTF-8 bytes) ----

/** Compares strings by code point, which is UTF-8 byte order (and SQLite's BINARY order). */
function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 puts surrogates (U+10000..) below U+E000..U+FFFF; code point order does not.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

function sortedKeys(keys: Iterable<string>): string[] {
  const out = [...keys].sort();
  // The native sort is UTF-16 order; it equals byte order unless a key has such characters.
  return out.some((k) => /[\ud800-\uffff]/.test(k)) ? out.sort(compareUtf8) : out;
}

// ---- source: a data directory ----

function sqliteError(e: unknown): boolean {
  return e instanceof Database.SqliteError;
}

/**
 * Streams blocks with their log entries out of the store, merging the two tables: a block's
 * entries are the rows with its height, in log order. Rows out of place, and rows after the
 * last block, are findings.
 */
async function* storeBlocks(store: Store): AsyncGenerator<SourceBlock> {
  const txIt = store.iterateTxs();
  const blockIt = store.iterateBlocks();
  try {
    let row = txIt.next();
    let expected = 0;
    for (const b of blockIt) {
      if (
        !Number.isSafeInteger(b.height) ||
        typeof b.hash !== 'string' ||
        typeof b.header !== 'string' ||
        typeof b.checkpoint !== 'string'
      ) {
        throw new AuditFailure(expected, 'AUDIT_DB_UNREADABLE', 'a blocks row has wrong types');
      }
      if (b.height !== expected) {
        throw new AuditFailure(
          expected,
          'AUDIT_BLOCK_MISSING',
          `the next stored block is ${b.height}`,
        );
      }
      const txs: SourceTx[] = [];
      while (!row.done && row.value.height === b.height) {
        const r = row.value;
        if (!Number.isSafeInteger(r.logIndex) || typeof r.entry !== 'string') {
          throw new AuditFailure(b.height, 'AUDIT_DB_UNREADABLE', 'a txs row has wrong types');
        }
        txs.push({ logIndex: r.logIndex, id: r.id, entry: r.entry });
        row = txIt.next();
      }
      if (!row.done && row.value.height < b.height) {
        throw new AuditFailure(
          b.height,
          'AUDIT_TX_OUT_OF_ORDER',
          `log index ${row.value.logIndex} claims height ${row.value.height}`,
        );
      }
      yield { height: b.height, hash: b.hash, header: b.header, checkpoint: b.checkpoint, txs };
      expected++;
    }
    if (!row.done) {
      throw new AuditFailure(
        expected,
        'AUDIT_TX_BEYOND_HEAD',
        `log index ${row.value.logIndex} claims height ${row.value.height}, after the last block`,
      );
    }
  } finally {
    txIt.return?.();
    blockIt.return?.();
  }
}

/** The stored state table must equal the replayed state, row for row. */
function compareStateTable(store: Store, state: ReplayState, height: number): void {
  const keys = sortedKeys(state.texts.keys());
  const bad = (detail: string) => new AuditFailure(height, 'AUDIT_STATE_TABLE_MISMATCH', detail);
  let i = 0;
  for (const row of store.stateRows()) {
    const key = keys[i];
    if (key === row.key) {
      if (state.texts.get(key) !== row.value) throw bad(`key ${key}: stored value differs`);
      i++;
    } else if (key !== undefined && compareUtf8(key, row.key) < 0) {
      throw bad(`key ${key}: missing from the state table`);
    } else {
      throw bad(`key ${row.key}: in the state table, not in the replayed state`);
    }
  }
  if (i < keys.length) throw bad(`key ${String(keys[i])}: missing from the state table`);
}

function headLogSize(text: string | undefined): number {
  try {
    const n = (JSON.parse(text ?? '{}') as { logSize?: unknown }).logSize;
    return isCount(n) ? n : 0;
  } catch {
    return 0;
  }
}

function progressReporter(replay: Replay, total: number, opts: AuditOptions): () => void {
  return () => opts.onProgress?.(replay.log.size, Math.max(total, replay.log.size));
}

/** The report of an audit that held all the way, timed from t0. */
function passed(replay: Replay, t0: number, genesisHash: string): AuditReport {
  return {
    ok: true,
    height: replay.height,
    logSize: replay.log.size,
    txCount: replay.log.size,
    stateKeys: replay.state.texts.size,
    ms: Math.round(performance.now() - t0),
    genesisHash,
  };
}

/** A failed report, timed from t0. */
function failureAt(t0: number) {
  return (height: number, code: AuditCode, detail: string): AuditReport => ({
    ok: false,
    height,
    code,
    detail,
    ms: Math.round(performance.now() - t0),
  });
}

/**
 * Audits a node's data directory from its genesis file: every block, entry, signature,
 * execution, root and checkpoint, then the stored state table. The database is opened
 * read-only, in one read transaction (a consistent snapshot even while a node runs).
 */
export async function auditDataDir(dir: string, opts: AuditOptions = {}): Promise<AuditReport> {
  const t0 = performance.now();
  const failed = failureAt(t0);
  let genesis: Genesis;
  try {
    const g = parseGenesis(readJson(join(dir, FILES.genesis)));
    if (!g.ok) return failed(-1, 'AUDIT_GENESIS_INVALID', g.detail ?? g.code);
    genesis = g.value;
  } catch (e) {
    return failed(-1, 'AUDIT_GENESIS_UNREADABLE', e instanceof Error ? e.message : String(e));
  }
  const dbPath = join(dir, FILES.database);
  if (!existsSync(dbPath)) return failed(-1, 'AUDIT_DB_UNREADABLE', `no ${FILES.database}`);
  let store: Store;
  try {
    store = new Store(dbPath, defaultStoreOptions, true);
  } catch (e) {
    return failed(-1, 'AUDIT_DB_UNREADABLE', e instanceof Error ? e.message : String(e));
  }
  const pool = new VerifyPool({ workers: opts.workers ?? 2 });
  const replay = new Replay(genesis, pool, 'AUDIT_DB_UNREADABLE');
  let inTransaction = false;
  try {
    store.db.exec('BEGIN');
    inTransaction = true;
    const gh = genesisHash(genesis);
    const stored = store.getMeta('genesis');
    if (stored !== gh) {
      return failed(
        -1,
        'AUDIT_GENESIS_MISMATCH',
        stored === undefined
          ? 'the database records no genesis'
          : `the database is of genesis ${stored}, the file is ${gh}`,
      );
    }
    const total = headLogSize(store.lastBlock()?.header);
    await replay.run(storeBlocks(store), progressReporter(replay, total, opts));
    compareStateTable(store, replay.state, replay.height);
    return passed(replay, t0, gh);
  } catch (e) {
    if (e instanceof AuditFailure) return failed(e.height, e.code, e.detail);
    const at = replay.height + 1 > 0 ? replay.height + 1 : -1;
    const detail = e instanceof Error ? e.message : String(e);
    return failed(at, sqliteError(e) ? 'AUDIT_DB_UNREADABLE' : 'AUDIT_INTERNAL_ERROR', detail);
  } finally {
    try {
      if (inTransaction) store.db.exec('ROLLBACK');
    } catch {
      // a corrupt file may refuse even this; closing releases the snapshot anyway
    }
    try {
      store.close();
    } catch {
      // still busy only if a cursor leaked; the process exit releases the file
    }
    await pool.close();
  }
}

// ---- source: a node's HTTP API ----

class SourceError extends Error {}

const HTTP_ATTEMPTS = 3;
const HTTP_TIMEOUT_MS = 30_000;
/** Heights fetched ahead of the replay, to hide round trips. */
const HTTP_AHEAD = 8;

/** GETs JSON; retries network failures and 5xx; 4xx is an answer (status, no body). */
async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
    } catch (e) {
      if (attempt >= HTTP_ATTEMPTS) {
        throw new SourceError(`GET ${url}: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise((r) => setTimeout(r, 250 * attempt));
      continue;
    }
    const text = await res.text();
    if (res.status >= 500 && attempt < HTTP_ATTEMPTS) {
      await new Promise((r) => setTimeout(r, 250 * attempt));
      continue;
    }
    if (!res.ok) return { status: res.status, body: undefined };
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      throw new SourceError(`GET ${url}: the answer is not JSON`);
    }
  }
}

interface ApiBlock {
  height: number;
  hash: string;
  header: Record<string, unknown>;
  checkpoint: string;
  txIds?: string[];
}

interface ApiEntries {
  height: number;
  entries: { logIndex: number; id: string; entry: unknown }[];
}

async function fetchBlock(base: string, h: number): Promise<SourceBlock> {
  const invalid = (detail: string) => new AuditFailure(h, 'AUDIT_SOURCE_INVALID', detail);
  const [b, t] = await Promise.all([
    getJson(`${base}/v1/blocks/${h}`),
    getJson(`${base}/v1/blocks/${h}/transactions`),
  ]);
  if (b.status === 404 || t.status === 404) {
    throw new AuditFailure(h, 'AUDIT_BLOCK_MISSING', 'the node does not serve this block');
  }
  if (b.status !== 200 || t.status !== 200) {
    throw new SourceError(`block ${h}: HTTP ${b.status}/${t.status}`);
  }
  const block = b.body as ApiBlock;
  const txs = t.body as ApiEntries;
  if (
    !isPlainObject(block) ||
    block.height !== h ||
    typeof block.hash !== 'string' ||
    !isPlainObject(block.header) ||
    typeof block.checkpoint !== 'string'
  ) {
    throw invalid('malformed block');
  }
  if (!isPlainObject(txs) || txs.height !== h || !Array.isArray(txs.entries)) {
    throw invalid('malformed block transactions');
  }
  const rows: SourceTx[] = [];
  for (const e of txs.entries as unknown[]) {
    if (!isPlainObject(e) || !isCount(e.logIndex) || typeof e.id !== 'string') {
      throw invalid('malformed log entry');
    }
    let entry: string;
    try {
      // The API sends entries parsed; canonical entries round-trip to the same text.
      entry = canonicalJson(e.entry);
    } catch {
      throw new AuditFailure(h, 'AUDIT_TX_MALFORMED', `log index ${e.logIndex}: not JSON`);
    }
    rows.push({ logIndex: e.logIndex, id: e.id, entry });
  }
  if (Array.isArray(block.txIds)) {
    const listed = block.txIds.join(',');
    if (listed !== rows.map((r) => r.id).join(',')) {
      throw invalid("the block's transaction ids are not the entries served for it");
    }
  }
  let header: string;
  try {
    header = canonicalJson(block.header);
  } catch {
    throw new AuditFailure(h, 'AUDIT_HEADER_MALFORMED', 'the header is not canonicalisable JSON');
  }
  return { height: h, hash: block.hash, header, checkpoint: block.checkpoint, txs: rows };
}

async function* apiBlocks(base: string, head: number): AsyncGenerator<SourceBlock> {
  const ahead: Promise<SourceBlock>[] = [];
  let next = 0;
  const top = () => {
    while (next <= head && ahead.length < HTTP_AHEAD) {
      const p = fetchBlock(base, next++);
      // Awaited in order, or dropped when the audit stops early.
      p.catch(() => undefined);
      ahead.push(p);
    }
  };
  top();
  for (let p = ahead.shift(); p; p = ahead.shift()) {
    const b = await p;
    top();
    yield b;
  }
}

/**
 * Audits a running node over its API, from the genesis it serves: the same replay as
 * auditDataDir, without the state table (the API does not expose it whole). The audit goes
 * up to the head at its start.
 */
export async function auditUrl(baseUrl: string, opts: AuditOptions = {}): Promise<AuditReport> {
  const t0 = performance.now();
  const failed = failureAt(t0);
  const base = baseUrl.replace(/\/+$/, '');
  let genesis: Genesis;
  let head: number;
  let total: number;
  try {
    const g = await getJson(`${base}/v1/genesis`);
    if (g.status !== 200) return failed(-1, 'AUDIT_GENESIS_UNREADABLE', `HTTP ${g.status}`);
    const parsed = parseGenesis(g.body);
    if (!parsed.ok) return failed(-1, 'AUDIT_GENESIS_INVALID', parsed.detail ?? parsed.code);
    genesis = parsed.value;
    const latest = await getJson(`${base}/v1/blocks?limit=1`);
    const top = (latest.body as { blocks?: { height?: unknown; header?: unknown }[] } | undefined)
      ?.blocks?.[0];
    if (latest.status !== 200 || !top || !isCount(top.height)) {
      return failed(-1, 'AUDIT_SOURCE_INVALID', 'no latest block from /v1/blocks?limit=1');
    }
    head = top.height;
    const logSize = isPlainObject(top.header) ? top.header.logSize : undefined;
    total = isCount(logSize) ? logSize : 0;
  } catch (e) {
    return failed(-1, 'AUDIT_SOURCE_UNREACHABLE', e instanceof Error ? e.message : String(e));
  }
  const pool = new VerifyPool({ workers: opts.workers ?? 2 });
  const replay = new Replay(genesis, pool, 'AUDIT_SOURCE_UNREACHABLE');
  try {
    await replay.run(apiBlocks(base, head), progressReporter(replay, total, opts));
    return passed(replay, t0, genesisHash(genesis));
  } catch (e) {
    if (e instanceof AuditFailure) return failed(e.height, e.code, e.detail);
    const detail = e instanceof Error ? e.message : String(e);
    return failed(replay.height + 1, 'AUDIT_INTERNAL_ERROR', detail);
  } finally {
    await pool.close();
  }
}
