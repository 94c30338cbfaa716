// The Ordering of decision 0009: what the consortium needs from its orderer. etcd implements it
// (etcd-ordering.ts); the simulator will implement it in memory. No etcd types here.
//
// Failure rule (STYLE.md): misuse by the caller (a bad height, an empty id, a campaign handle
// from another Ordering) throws; conditions a correct caller must expect — the orderer being
// unreachable or too slow, a lost election, a height already taken — come back as a coded
// Result. A timed-out write is *ambiguous* (it may have been applied): retrying is safe, because
// putTx is exactly-once by id and putBlock is once per height.
import type { Result } from '../../core/result.js';

/** The orderer could not answer within the call's time limit (or refused the connection). */
export type OrderingUnavailable = 'ORDERING_UNAVAILABLE';
export type PutBlockCode = 'BLOCK_EXISTS' | 'NOT_LEADER' | OrderingUnavailable;

/**
 * A tx's place in the order: strictly increasing, unique per tx. On etcd it is the tx key's
 * create revision × 256 + its place in the txn that wrote it (putTx calls are written in
 * batches, one etcd txn per batch, and a txn's keys share one revision). Safe as a JS number
 * up to 2^45 etcd revisions, far beyond any real store.
 */
export type Revision = number;

export interface CallOptions {
  /** Time limit for this call in ms (default: the Ordering's). */
  readonly timeoutMs?: number;
}

export interface TxRangeOptions extends CallOptions {
  /** Only txs with revision ≤ this (a proposal's toRev: validators re-read exactly its range). */
  readonly upToRevision?: Revision;
}

export interface TxEntry {
  readonly id: string;
  readonly tx: string;
  /** The order of the transaction: the create revision of its `tx/` key. */
  readonly revision: Revision;
}

export interface TxPage {
  readonly entries: readonly TxEntry[];
  /**
   * The store revision the page was read at. Unless `more`, the page holds every tx with
   * revision in (after, readRevision].
   */
  readonly readRevision: Revision;
  /** The page was cut by the limit: it is complete only up to its last entry; read on from it. */
  readonly more: boolean;
}

export interface TxWatchPage {
  readonly after: Revision;
  readonly upTo: Revision;
  readonly entries: readonly TxEntry[];
}

export interface BlockEntry {
  readonly height: number;
  readonly proposal: string;
  readonly revision: Revision;
}

export interface CosigEntry {
  readonly height: number;
  readonly validator: string;
  readonly note: string;
  readonly revision: Revision;
}

export type LossReason =
  /** resign() was called. */
  | 'RESIGNED'
  /** The lease expired or was revoked, or was not renewed within its TTL (partition, pause). */
  | 'LEASE_LOST'
  /** The campaign could not even start (no lease granted within the time limit). */
  | 'CAMPAIGN_FAILED';

export interface Campaign {
  /** The value this candidate stands under (the validator's name). */
  readonly name: string;
  /**
   * True only while elected and the lease is known to be alive (renewed less than a TTL ago,
   * measured from when the renewal was sent). A fenced write is still the real check.
   */
  isLeader(): boolean;
  /** Resolves when this candidate is elected; never resolves if it is lost first. */
  readonly elected: Promise<void>;
  /** Resolves once, when candidacy or leadership ends, with why. */
  readonly lost: Promise<LossReason>;
  /** Once lost: what happened, in words, if known (for logs). */
  readonly lostDetail?: string | undefined;
  /** Stops renewing and revokes the lease (best effort: if unreachable, the TTL ends it). */
  resign(): Promise<void>;
}

export interface WatchCallOptions extends CallOptions {
  /** Called when an established watch fails (it then delivers nothing more: open it again). */
  readonly onError?: (detail: string) => void;
}

export interface Watch {
  close(): Promise<void>;
}

export interface CampaignOptions {
  /** Lease TTL in whole seconds (etcd's unit); the decision says 2. */
  readonly ttlSeconds: number;
  /** How often the lease is renewed (ms); the decision says 500. */
  readonly keepAliveMs?: number;
}

export interface Ordering {
  /**
   * Admits a canonical tx exactly once by id; resolves once a majority has it durably. Txs
   * are ordered as the calls were made: a tx written by a later call never gets a lower revision.
   */
  putTx(
    id: string,
    canonicalTx: string,
    opts?: CallOptions,
  ): Promise<Result<{ revision: Revision; duplicate: boolean }, OrderingUnavailable>>;
  /** Up to `limit` txs with revision > afterRevision, in revision order (a linearisable read). */
  txRange(
    afterRevision: Revision,
    limit: number,
    opts?: TxRangeOptions,
  ): Promise<Result<TxPage, OrderingUnavailable>>;
  /**
   * Calls cb with every tx with revision > afterRevision, in order, as pages each complete over
   * (page.after, page.upTo] and chained (each page's after is the last one's upTo). If the watch
   * breaks it delivers nothing more and calls onError: open it again from where the caller is.
   */
  watchTxs(
    afterRevision: Revision,
    cb: (page: TxWatchPage) => void,
    opts?: WatchCallOptions,
  ): Promise<Result<Watch, OrderingUnavailable>>;
  /** Stands `name` for proposer on a lease. */
  campaign(name: string, opts: CampaignOptions): Campaign;
  /** The current leader's name, or null if nobody holds the election. */
  leader(opts?: CallOptions): Promise<Result<string | null, OrderingUnavailable>>;
  /** Writes block/<height> only if absent and `campaign` still holds the election (fencing). */
  putBlock(
    campaign: Campaign,
    height: number,
    proposal: string,
    opts?: CallOptions,
  ): Promise<Result<{ revision: Revision }, PutBlockCode>>;
  getBlock(
    height: number,
    opts?: CallOptions,
  ): Promise<Result<BlockEntry | null, OrderingUnavailable>>;
  /** Calls cb for every block at height ≥ fromHeight: those stored, in order, then new ones. */
  watchBlocks(
    fromHeight: number,
    cb: (b: BlockEntry) => void,
    opts?: WatchCallOptions,
  ): Promise<Result<Watch, OrderingUnavailable>>;
  putCosig(
    height: number,
    validator: string,
    note: string,
    opts?: CallOptions,
  ): Promise<Result<{ revision: Revision }, OrderingUnavailable>>;
  cosigs(height: number, opts?: CallOptions): Promise<Result<CosigEntry[], OrderingUnavailable>>;
  /** Calls cb for every cosignature at height ≥ fromHeight: those stored, then new ones. */
  watchCosigs(
    fromHeight: number,
    cb: (c: CosigEntry) => void,
    opts?: WatchCallOptions,
  ): Promise<Result<Watch, OrderingUnavailable>>;
  /** Deletes tx/ keys with revision ≤ upToRevision and compacts the store's history there. */
  compact(
    upToRevision: Revision,
    opts?: CallOptions,
  ): Promise<Result<{ deleted: number }, OrderingUnavailable>>;
  close(): Promise<void>;
}
