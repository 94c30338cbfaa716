// Building and checking a consortium block (decision 0009), deterministically: the proposer
// builds a block from an ordered revision range, and every validator re-executes the same range
// and checks the proposal before it cosigns. No I/O, no clock (the caller passes `nowMs`).
import type { BlockHeader } from '../core/block.js';
import { blockHash, logEntryText, parseBlockHeader } from '../core/block.js';
import { fromHex, toHex, utf8 } from '../core/bytes.js';
import type { Checkpoint } from '../core/checkpoint.js';
import { canonicalJson } from '../core/jcs.js';
import { emptyRoot, leafHash, nodeHash, rootOf } from '../core/merkle.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { PreparedTx } from '../core/tx.js';
import type { ExecuteOptions, Ledger } from './ledger.js';
import type { StateDiff, StateReader } from './state.js';
import { canonicalDiff, nextStateRoot, StateOverlay } from './state.js';
import {
  commitsAt,
  rowsAfter,
  scanOf,
  snapshotEvery,
  stateCommitment,
} from './state-commitment.js';

/**
 * The right edge of an RFC 9162 log: the roots of the perfect subtrees that tile [0, size),
 * largest first. Immutable, so a validator can build a candidate block without touching its log
 * until the block has been checked.
 */
export class LogFrontier {
  private constructor(
    readonly size: number,
    private readonly tiles: readonly Uint8Array[],
  ) {}

  static empty(): LogFrontier {
    return new LogFrontier(0, []);
  }

  /**
   * A frontier from its tiles (largest first), e.g. sent with a snapshot: one 32-byte hash per
   * set bit of `size`, or undefined. Check its root against a checkpoint before relying on it.
   */
  static fromTiles(size: number, tiles: readonly Uint8Array[]): LogFrontier | undefined {
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    let bits = 0;
    for (let n = size; n > 0; n = Math.floor(n / 2)) bits += n % 2;
    if (tiles.length !== bits || tiles.some((t) => !(t instanceof Uint8Array) || t.length !== 32)) {
      return undefined;
    }
    return new LogFrontier(
      size,
      tiles.map((t) => t.slice()),
    );
  }

  /** The tiles (roots of the perfect subtrees tiling [0, size)), largest first. */
  get tileHashes(): readonly Uint8Array[] {
    return this.tiles;
  }

  /** The frontier after appending `leaves` (this one is unchanged). */
  append(leaves: readonly Uint8Array[]): LogFrontier {
    const tiles = [...this.tiles];
    let size = this.size;
    for (const leaf of leaves) {
      let hash = leaf;
      // Each odd index completes its parent: carry upwards like binary addition.
      for (let i = size; i % 2 === 1; i = (i - 1) / 2) {
        hash = nodeHash(tiles.pop() as Uint8Array, hash);
      }
      tiles.push(hash);
      size++;
    }
    return new LogFrontier(size, tiles);
  }

  root(): Uint8Array {
    if (this.tiles.length === 0) return emptyRoot();
    let h = this.tiles[this.tiles.length - 1] as Uint8Array;
    for (let i = this.tiles.length - 2; i >= 0; i--) h = nodeHash(this.tiles[i] as Uint8Array, h);
    return h;
  }
}

/** The block a new one builds on. */
export interface ChainTip {
  readonly header: BlockHeader;
  readonly hash: string;
  readonly log: LogFrontier;
}

export interface Refusal {
  readonly id: string;
  readonly code: string;
}

export interface BuildParams {
  readonly network: string;
  readonly timeMs: number;
  readonly proposer: string;
  readonly execOpts?: ExecuteOptions;
}

export interface BuiltBlock {
  readonly header: BlockHeader;
  readonly hash: string;
  readonly diff: StateDiff;
  /** Log entry texts of the included transactions, in order. */
  readonly entries: readonly string[];
  readonly included: readonly string[];
  readonly refused: readonly Refusal[];
  /** The log after this block. */
  readonly log: LogFrontier;
  /** The state commitment, when this height carries one (see state-commitment.ts). */
  readonly snapshotRoot?: Uint8Array;
}

/**
 * Executes `txs` in order on top of `state` (which is not changed: the writes are in `diff`)
 * and builds the header. Every transaction is either included or refused with its code; a block
 * may include none (the range still advances).
 */
export function buildBlock(
  ledger: Ledger,
  state: StateReader,
  prev: ChainTip,
  txs: readonly PreparedTx[],
  params: BuildParams,
): BuiltBlock {
  const height = prev.header.height + 1;
  const { timeMs } = params;
  const ctx = { network: params.network, height, timeMs };
  const overlay = new StateOverlay(state);
  const included: string[] = [];
  const entries: string[] = [];
  const refused: Refusal[] = [];
  for (const p of txs) {
    let code: string | undefined;
    try {
      const v = ledger.execute(overlay, ctx, p, prev.log.size + included.length, params.execOpts);
      if (!v.ok) code = v.code;
    } catch {
      // A module that throws is a bug, and deterministic: every validator refuses alike.
      code = 'TX_EXECUTION_FAILED';
    }
    if (code === undefined) {
      included.push(p.id);
      entries.push(logEntryText(height, timeMs, p.canonicalTx));
    } else {
      refused.push({ id: p.id, code });
    }
  }
  const diff = overlay.diff();
  const leaves = entries.map((e) => leafHash(utf8(e)));
  const log = prev.log.append(leaves);
  const header: BlockHeader = {
    v: 1,
    network: params.network,
    height,
    prevHash: prev.hash,
    timeMs,
    txCount: included.length,
    txRoot: toHex(rootOf(leaves)),
    logSize: log.size,
    logRoot: toHex(log.root()),
    stateRoot: nextStateRoot(prev.header.stateRoot, diff, canonicalDiff(diff)),
    proposer: params.proposer,
  };
  const snapshotRoot = snapshotRootAfter(state, diff, height);
  return {
    header,
    hash: blockHash(header),
    diff,
    entries,
    included,
    refused,
    log,
    ...(snapshotRoot ? { snapshotRoot } : {}),
  };
}

/**
 * The state commitment after a block at `height` that wrote `diff` on top of `state`, if that
 * height carries one. The whole state is read, so it runs only every `snapshotEvery` blocks; a
 * state that cannot list its rows then is a caller bug (throws).
 */
export function snapshotRootAfter(
  state: StateReader,
  diff: StateDiff,
  height: number,
): Uint8Array | undefined {
  // Runs for every block: a view of the state after the diff, without copying the diff.
  const after: StateReader = {
    get: (k) => (diff.has(k) ? (diff.get(k) ?? undefined) : state.get(k)),
  };
  if (!commitsAt(snapshotEvery(after), height)) return undefined;
  const rows = scanOf(state);
  if (!rows) throw new TypeError('this state cannot be scanned for its commitment');
  return stateCommitment(rowsAfter(rows, diff));
}

/** The checkpoint a block's validators sign (the node's format, decision 0009). */
export function checkpointOf(
  origin: string,
  header: BlockHeader,
  hash: string,
  snapshotRoot?: Uint8Array,
): Checkpoint {
  const bytes = (hex: string): Uint8Array => {
    const b = fromHex(hex);
    if (!b) throw new TypeError('not hex');
    return b;
  };
  return {
    origin,
    logSize: header.logSize,
    logRoot: bytes(header.logRoot),
    height: header.height,
    blockHash: bytes(hash),
    stateRoot: bytes(header.stateRoot),
    timeMs: header.timeMs,
    ...(snapshotRoot ? { snapshotRoot } : {}),
  };
}

// ---- proposals ------------------------------------------------------------------------------

/**
 * What the proposer puts at `block/<height>`. The range is the ordered txs with revision in
 * (fromRev, toRev]: fromRev is the previous block's toRev (0 after genesis).
 */
export interface Proposal {
  readonly v: 1;
  readonly height: number;
  readonly prevHash: string;
  readonly timeMs: number;
  readonly fromRev: number;
  readonly toRev: number;
  readonly included: readonly string[];
  readonly refused: readonly Refusal[];
  readonly header: BlockHeader;
}

export type ProposalCode =
  | 'PROPOSAL_MALFORMED'
  | 'PROPOSAL_PREV_MISMATCH'
  | 'PROPOSAL_TIME_INVALID'
  | 'PROPOSAL_WRONG_PROPOSER'
  | 'PROPOSAL_RANGE_MISMATCH'
  | 'PROPOSAL_REFUSALS_DIFFER'
  | 'PROPOSAL_HEADER_DIFFERS';

export function proposalFor(built: BuiltBlock, fromRev: number, toRev: number): Proposal {
  const h = built.header;
  return {
    v: 1,
    height: h.height,
    prevHash: h.prevHash,
    timeMs: h.timeMs,
    fromRev,
    toRev,
    included: built.included,
    refused: built.refused,
    header: h,
  };
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses an untrusted proposal text. Never throws. */
export function parseProposal(text: string): Result<Proposal, 'PROPOSAL_MALFORMED'> {
  const bad = (detail: string) => fail('PROPOSAL_MALFORMED' as const, detail);
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return bad('not JSON');
  }
  if (!isObj(o) || o.v !== 1) return bad('not a v1 proposal');
  for (const k of ['height', 'timeMs', 'fromRev', 'toRev'] as const) {
    if (!isCount(o[k])) return bad(`${k} is not a count`);
  }
  if (typeof o.prevHash !== 'string') return bad('prevHash');
  const inc = o.included;
  if (!Array.isArray(inc) || !inc.every((x) => typeof x === 'string')) return bad('included');
  const ref = o.refused;
  if (
    !Array.isArray(ref) ||
    !ref.every((r) => isObj(r) && typeof r.id === 'string' && typeof r.code === 'string')
  ) {
    return bad('refused');
  }
  if (!isObj(o.header)) return bad('header');
  let headerText: string;
  try {
    headerText = canonicalJson(o.header);
  } catch {
    return bad('header is not canonical JSON');
  }
  const header = parseBlockHeader(headerText);
  if (!header.ok) return bad(`header: ${header.detail ?? header.code}`);
  const p: Proposal = {
    v: 1,
    height: o.height as number,
    prevHash: o.prevHash,
    timeMs: o.timeMs as number,
    fromRev: o.fromRev as number,
    toRev: o.toRev as number,
    included: inc as string[],
    refused: (ref as Record<string, unknown>[]).map((r) => ({
      id: r.id as string,
      code: r.code as string,
    })),
    header: header.value,
  };
  if (p.toRev < p.fromRev) return bad('toRev before fromRev');
  return { ok: true, value: p };
}

/** An ordered transaction: its orderer revision and the prepared tx. */
export interface OrderedTx {
  readonly revision: number;
  readonly p: PreparedTx;
}

export interface CheckParams {
  readonly network: string;
  /** The checking validator's clock. */
  readonly nowMs: number;
  readonly maxDriftMs: number;
  /** Who held the lease at toRev, if the caller knows (etcd does); undefined skips the check. */
  readonly expectedProposer?: string;
  /** The validators in force at this height (membership, decision 0009): the proposer is one. */
  readonly inForce?: ReadonlySet<string>;
  readonly execOpts?: ExecuteOptions;
}

const sameRefusals = (a: readonly Refusal[], b: readonly Refusal[]): boolean =>
  a.length === b.length && a.every((r, i) => r.id === b[i]?.id && r.code === b[i]?.code);
const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Re-executes a proposal's range on top of `prev` and says whether the proposal is exactly what
 * this validator computes. `known` must hold every ordered tx with revision in
 * (proposal.fromRev, proposal.toRev] (more is fine: it is filtered); completeness is the
 * caller's job. On success, the built block (to store and cosign).
 */
export function checkProposal(
  ledger: Ledger,
  state: StateReader,
  prev: ChainTip & { readonly toRev: number },
  proposal: Proposal,
  known: readonly OrderedTx[],
  params: CheckParams,
): Result<BuiltBlock, ProposalCode> {
  const h = proposal.header;
  const height = prev.header.height + 1;
  if (
    proposal.height !== height ||
    h.height !== height ||
    proposal.prevHash !== prev.hash ||
    h.prevHash !== prev.hash
  ) {
    return fail('PROPOSAL_PREV_MISMATCH', `height ${proposal.height} does not follow the tip`);
  }
  if (h.network !== params.network) return fail('PROPOSAL_HEADER_DIFFERS', 'network');
  // Not earlier than the previous block, not later than our clock allows. An old time is fine:
  // a validator catching up checks blocks cut long ago.
  if (
    proposal.timeMs !== h.timeMs ||
    h.timeMs < prev.header.timeMs ||
    h.timeMs > params.nowMs + params.maxDriftMs
  ) {
    return fail('PROPOSAL_TIME_INVALID', `time ${h.timeMs}`);
  }
  if (params.expectedProposer !== undefined && h.proposer !== params.expectedProposer) {
    return fail('PROPOSAL_WRONG_PROPOSER', `${h.proposer} did not hold the lease`);
  }
  if (params.inForce !== undefined && !params.inForce.has(h.proposer)) {
    return fail('PROPOSAL_WRONG_PROPOSER', `${h.proposer} is not a validator at ${height}`);
  }
  if (proposal.fromRev !== prev.toRev) {
    return fail(
      'PROPOSAL_RANGE_MISMATCH',
      `fromRev ${proposal.fromRev}, tip ends at ${prev.toRev}`,
    );
  }
  const range = known
    .filter((t) => t.revision > proposal.fromRev && t.revision <= proposal.toRev)
    .sort((a, b) => a.revision - b.revision);
  const listed = [...proposal.included, ...proposal.refused.map((r) => r.id)].sort();
  if (!sameIds(listed, range.map((t) => t.p.id).sort())) {
    return fail('PROPOSAL_RANGE_MISMATCH', 'included ∪ refused is not the range');
  }
  const built = buildBlock(
    ledger,
    state,
    prev,
    range.map((t) => t.p),
    {
      network: params.network,
      timeMs: h.timeMs,
      proposer: h.proposer,
      ...(params.execOpts ? { execOpts: params.execOpts } : {}),
    },
  );
  if (
    !sameIds(built.included, proposal.included) ||
    !sameRefusals(built.refused, proposal.refused)
  ) {
    return fail('PROPOSAL_REFUSALS_DIFFER', 're-execution refuses differently');
  }
  if (canonicalJson(built.header) !== canonicalJson(h)) {
    return fail('PROPOSAL_HEADER_DIFFERS', 'the re-executed header differs');
  }
  return { ok: true, value: built };
}
