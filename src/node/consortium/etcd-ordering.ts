// The Ordering of decision 0009 on etcd (v3 API, via the `etcd3` client). Keys live under
// `/cadwyn/<network>/` exactly as the decision's table says:
//   tx/<txId>                         "<i> <canonical tx>", created once (createRevision == 0);
//                                     i is its place in the txn that wrote it (see SUB)
//   leader/<leaseId hex>              the election: one key per candidate, on its lease; the
//                                     candidate whose key has the lowest createRevision leads
//                                     (etcd's own concurrency/election recipe). The leader value
//                                     at revision r is that lowest key's value at r.
//   block/<height, 16 digits>         proposal; zero-padded so key order is height order
//   cosig/<height, 16 digits>/<validator>
//
// Every call has a time limit (the etcd3 client can wait for ever on a partition or a stopped
// member): past it the call returns ORDERING_UNAVAILABLE as a Result, not an exception, because
// an unreachable orderer is an expected condition the caller handles (retry, or stop cutting).
import {
  Etcd3,
  Range,
  isRecoverableError,
  type IOptions,
  type IWatchResponse,
  type Lease,
  type Namespace,
} from 'etcd3';
import './etcd3-patch.js';
import { fail, type Result } from '../../core/result.js';
import type {
  BlockEntry,
  CallOptions,
  Campaign,
  CampaignOptions,
  CosigEntry,
  LossReason,
  Ordering,
  OrderingUnavailable,
  PutBlockCode,
  Revision,
  TxEntry,
  TxPage,
  TxRangeOptions,
  TxWatchPage,
  Watch,
} from './ordering.js';
import { LeaseKeeper } from './lease-keeper.js';

export interface EtcdOrderingOptions {
  /** Client URLs (http://127.0.0.1:port); the client spreads calls and fails over among them. */
  readonly hosts: readonly string[];
  /** The network name; keys go under /cadwyn/<network>/. */
  readonly network: string;
  /** Default time limit per call (ms). */
  readonly timeoutMs?: number;
  /** Wall clock in ms, injected (deadlines and lease validity are measured with it). */
  readonly now: () => number;
}

export interface WatchOptions extends CallOptions {
  /** Called if the watch fails for good (e.g. its start revision was compacted). */
  readonly onError?: (detail: string) => void;
}

const UNAVAILABLE: OrderingUnavailable = 'ORDERING_UNAVAILABLE';
/**
 * putTx calls are written in batches, one etcd txn per batch (one Raft entry and one fsync for
 * up to TXN_MAX txs, instead of one each), one txn at a time so the order of the calls is the
 * order of the txs. A txn's keys share one revision; a tx's Revision is its key's create
 * revision × SUB + its place in the txn.
 */
export const SUB = 256;
/** etcd's default --max-txn-ops is 128. */
const TXN_MAX = 128;
/**
 * Bytes of txs per txn at most: etcd refuses a request over 1.5 MiB (--max-request-bytes), and
 * 128 txs of the largest size (16 KiB body and 16 signatures) would pass it.
 */
const TXN_BYTES = 1024 * 1024;
const HEIGHT_DIGITS = 16; // Number.MAX_SAFE_INTEGER has 16 digits
const NAME = /^[A-Za-z0-9._:-]{1,200}$/;

function padHeight(h: number): string {
  if (!Number.isSafeInteger(h) || h < 0) throw new RangeError(`bad height ${h}`);
  return String(h).padStart(HEIGHT_DIGITS, '0');
}

function checkName(what: string, s: string): void {
  // '/' would let one key family reach into another's range.
  if (!NAME.test(s)) throw new RangeError(`bad ${what} ${JSON.stringify(s)}`);
}

/** etcd int64 (decimal string) → number; beyond 2^53 is not a store we will ever run. */
function rev(s: string | number): Revision {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RangeError(`revision ${s} beyond 2^53`);
  return n;
}

/** A tx key's value: its place in its txn, a space, the canonical tx. */
function txValue(index: number, canonicalTx: string): string {
  return `${index} ${canonicalTx}`;
}

function txEntry(kv: {
  key: Buffer;
  value: Buffer;
  create_revision: string;
}): TxEntry & { etcdRevision: Revision } {
  const v = kv.value.toString();
  const m = /^([0-9]{1,3}) /.exec(v);
  const index = m ? Number(m[1]) : 0;
  const etcdRevision = rev(kv.create_revision);
  return {
    id: kv.key.toString().slice('tx/'.length),
    tx: m ? v.slice(m[0].length) : v,
    revision: etcdRevision * SUB + index,
    etcdRevision,
  };
}

interface PendingPut {
  readonly id: string;
  readonly tx: string;
  readonly timeoutMs: number | undefined;
  readonly resolve: (
    r: Result<{ revision: Revision; duplicate: boolean }, OrderingUnavailable>,
  ) => void;
}

/** An etcd answer saying the lease no longer exists (shared with the lease thread). */
export const LEASE_GONE = /EtcdLeaseInvalid|lease .*not found|expired/i;

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => {
    setTimeout(r, ms).unref();
  });

type Deadline = { deadline: Date };

/**
 * Cancels a watcher, waiting at most a second. etcd3's cancel waits for etcd's answer (or for
 * the watcher's creation first), and around a killed member that answer may never come: an
 * unbounded wait there would wedge a campaign — its key first in line, its lease still renewed,
 * nobody elected — or a validator's re-watch. Past the limit the watcher is just left behind.
 */
async function cancelWithin(w: { cancel(): Promise<void> }, ms = 1000): Promise<void> {
  await Promise.race([w.cancel().catch(() => undefined), sleep(ms)]);
}

type FaultHandling = NonNullable<IOptions['faultHandling']>;
type Policy = NonNullable<FaultHandling['global']>;

/**
 * Replaces etcd3's default fault handling. Its per-host circuit breaker stops sending to a host
 * for 5 s after 3 failures, which kept a one-host client dead for 5 s after a Raft election that
 * took well under one (measured). Instead: no breaker, and each call tries the hosts in turn
 * (the pool hands out a new host per attempt) — our own time limit bounds the whole call.
 */
function tryEachHost(attempts: number): Policy {
  const noEvent = (): { dispose(): void } => ({ dispose: () => undefined });
  const policy: Omit<Policy, '_altReturn'> = {
    onSuccess: noEvent,
    onFailure: noEvent,
    async execute<T>(
      fn: (c: { signal: AbortSignal }) => PromiseLike<T> | T,
      signal?: AbortSignal,
    ): Promise<T> {
      let last: unknown;
      for (let i = 0; i < attempts; i++) {
        try {
          return await fn({ signal: signal ?? new AbortController().signal });
        } catch (e) {
          if (!isRecoverableError(e as Error)) throw e;
          last = e;
        }
      }
      throw last;
    },
  };
  return policy as Policy; // _altReturn is a type-only marker in cockatiel
}

const passThrough = (): Policy => tryEachHost(1);

type Backoff = NonNullable<FaultHandling['watchBackoff']>;

/** Watch streams reconnect after 100 ms, doubling to 1 s (etcd3's default grows to 30 s). */
function watchBackoff(ms = 100): Backoff {
  return { duration: ms, next: () => watchBackoff(Math.min(ms * 2, 1000)) };
}

/** Our fault handling for an etcd3 client of `hosts` members (shared with the lease thread). */
export function etcdFaultHandling(hosts: number): FaultHandling {
  return { host: passThrough, global: tryEachHost(hosts), watchBackoff: watchBackoff() };
}

export class EtcdOrdering implements Ordering {
  private readonly client: Etcd3;
  /** The network's namespace: every key below is relative to /cadwyn/<network>/. */
  private readonly ns: Namespace;
  /** `/cadwyn/<network>/`: every key of this Ordering is under it. */
  readonly keyPrefix: string;
  private readonly timeoutMs: number;
  readonly now: () => number;
  private readonly campaigns = new Set<EtcdCampaign>();
  private readonly watches = new Set<Watch>();
  private readonly hosts: readonly string[];
  /** Renews the campaigns' leases on its own thread (made at the first campaign). */
  private keeper: LeaseKeeper | undefined | null = null;
  /** putTx calls not yet in a txn, in call order; `writing` while a batch loop runs. */
  private pending: PendingPut[] = [];
  private writing = false;

  constructor(opts: EtcdOrderingOptions) {
    checkName('network', opts.network);
    if (opts.hosts.length === 0) throw new RangeError('no etcd hosts');
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.now = opts.now;
    this.keyPrefix = `/cadwyn/${opts.network}/`;
    this.hosts = opts.hosts;
    this.client = new Etcd3({
      hosts: [...opts.hosts],
      dialTimeout: this.timeoutMs,
      faultHandling: etcdFaultHandling(opts.hosts.length),
    });
    this.ns = this.client.namespace(this.keyPrefix);
  }

  /**
   * (Internal, shared with the campaign.) Runs fn under a time limit: the gRPC deadline (so etcd drops the request) and a local timer
   * (so retries inside the client cannot outlast it). Any failure is ORDERING_UNAVAILABLE; a
   * value that arrives after the limit is handed to `late` (to cancel a watch, say).
   */
  async call<T>(
    what: string,
    opts: CallOptions | undefined,
    fn: (o: Deadline) => Promise<T>,
    late?: (v: T) => void,
  ): Promise<Result<T, OrderingUnavailable>> {
    const ms = opts?.timeoutMs ?? this.timeoutMs;
    if (!(ms > 0)) throw new RangeError(`bad timeout ${ms}`);
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = fn({ deadline: new Date(this.now() + ms) }).then(
      (value): Result<T, OrderingUnavailable> => {
        if (timedOut) late?.(value);
        return { ok: true, value };
      },
      (e: unknown) => {
        // A misuse detected inside fn (our checks throw RangeError) is still a throw.
        if (e instanceof RangeError) throw e;
        return fail(UNAVAILABLE, `${what}: ${message(e)}`);
      },
    );
    const timeout = new Promise<Result<T, OrderingUnavailable>>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve(fail(UNAVAILABLE, `${what}: no answer within ${ms} ms`));
      }, ms);
    });
    // If the timer wins, a later rejection of work must not surface as unhandled.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  putTx(
    id: string,
    canonicalTx: string,
    opts?: CallOptions,
  ): Promise<Result<{ revision: Revision; duplicate: boolean }, OrderingUnavailable>> {
    checkName('tx id', id);
    return new Promise((resolve) => {
      this.pending.push({ id, tx: canonicalTx, timeoutMs: opts?.timeoutMs, resolve });
      this.writeSoon();
    });
  }

  /** Starts the batch loop on the next turn, so the calls of one request share a txn. */
  private writeSoon(): void {
    if (this.writing) return;
    this.writing = true;
    setImmediate(() => void this.writeAll());
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.writeBatch(this.pending.splice(0, this.fits()));
    } finally {
      this.writing = false;
      if (this.pending.length > 0) this.writeSoon();
    }
  }

  /** How many pending puts the next txn takes: TXN_MAX, and under etcd's request size cap. */
  private fits(): number {
    let bytes = 0;
    let n = 0;
    for (const p of this.pending) {
      bytes += Buffer.byteLength(p.tx) + p.id.length + 16;
      if (n >= TXN_MAX || (n > 0 && bytes > TXN_BYTES)) break;
      n++;
    }
    return Math.max(1, n);
  }

  /**
   * One txn: every key created only if absent. If any exists (a retry after an ambiguous
   * timeout, or the same tx sent to two nodes), the txn writes nothing and reads them back:
   * those are duplicates, with the revision they already have, and the rest go again.
   */
  private async writeBatch(batch: readonly PendingPut[]): Promise<void> {
    const byId = new Map<string, PendingPut[]>();
    for (const p of batch) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
    const limits = batch.flatMap((p) => (p.timeoutMs === undefined ? [] : [p.timeoutMs]));
    const opts = limits.length > 0 ? { timeoutMs: Math.min(...limits) } : undefined;
    const done = new Map<string, { revision: Revision; duplicate: boolean }>();
    const r = await this.call('putTx', opts, async (o) => {
      let rest = [...byId.keys()];
      while (rest.length > 0) {
        const keys = rest.map((id) => `tx/${id}`);
        const [first, ...others] = keys as [string, ...string[]];
        let cmp = this.ns.if(first, 'Create', '==', 0);
        for (const k of others) cmp = cmp.and(k, 'Create', '==', 0);
        const t = await cmp
          .then(
            ...rest.map((id, i) =>
              this.ns.put(`tx/${id}`).value(txValue(i, byId.get(id)?.[0]?.tx ?? '')),
            ),
          )
          .else(...keys.map((k) => this.ns.get(k)))
          .options(o)
          .commit();
        if (t.succeeded) {
          const base = rev(t.header.revision) * SUB;
          rest.forEach((id, i) => done.set(id, { revision: base + i, duplicate: false }));
          return;
        }
        const again: string[] = [];
        rest.forEach((id, i) => {
          const kv = t.responses[i]?.response_range?.kvs[0];
          if (kv === undefined) again.push(id);
          else done.set(id, { revision: txEntry(kv).revision, duplicate: true });
        });
        if (again.length === rest.length) throw new Error('txn failed but no key exists');
        rest = again;
      }
    });
    for (const [id, waiting] of byId) {
      const d = done.get(id);
      waiting.forEach((p, k) => {
        if (!r.ok) p.resolve(r);
        else if (d === undefined) p.resolve(fail(UNAVAILABLE, `putTx: ${id} not written`));
        // The same id twice in one batch: the second call is a duplicate of the first.
        else p.resolve({ ok: true, value: k === 0 ? d : { ...d, duplicate: true } });
      });
    }
  }

  async txRange(
    afterRevision: Revision,
    limit: number,
    opts?: TxRangeOptions,
  ): Promise<Result<TxPage, OrderingUnavailable>> {
    if (!Number.isSafeInteger(afterRevision) || afterRevision < 0) {
      throw new RangeError(`bad revision ${afterRevision}`);
    }
    const upTo = opts?.upToRevision;
    if (upTo !== undefined && (!Number.isSafeInteger(upTo) || upTo <= afterRevision)) {
      throw new RangeError(`bad upToRevision ${upTo}`);
    }
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad limit ${limit}`);
    // A range read, not a watch: etcd's default range is linearisable (it goes through the Raft
    // leader's read index), it is a snapshot at one revision (header.revision) so a validator can
    // state "complete up to r", it is bounded by limit, and it needs no stream that a partition
    // can leave hanging. Cost: etcd 3.4 sorts the whole tx/ range before the limit, so keep tx/
    // compacted. Revisions are etcd revisions × SUB: the etcd bounds are the revisions holding
    // `after` and `upTo`, and the entries outside are dropped here.
    return this.call('txRange', opts, async (o) => {
      const inRange = (e: TxEntry) =>
        e.revision > afterRevision && (upTo === undefined || e.revision <= upTo);
      let minRev = Math.floor(afterRevision / SUB);
      for (;;) {
        const q = this.ns.getAll().prefix('tx/').minCreateRevision(String(minRev));
        if (upTo !== undefined) q.maxCreateRevision(String(Math.floor(upTo / SUB)));
        const r = await q.sort('Create', 'Ascend').limit(limit).options(o).exec();
        let all = r.kvs.map(txEntry);
        const more = r.kvs.length >= limit;
        const lastRev = all.at(-1)?.etcdRevision;
        if (more && lastRev !== undefined) {
          // The limit may have cut one txn's keys (same create revision, in no set order in
          // etcd's sort): read that revision's keys whole, at the same store revision.
          const whole = await this.ns
            .getAll()
            .prefix('tx/')
            .minCreateRevision(String(lastRev))
            .maxCreateRevision(String(lastRev))
            .revision(r.header.revision)
            .options(o)
            .exec();
          all = [...all.filter((e) => e.etcdRevision < lastRev), ...whole.kvs.map(txEntry)];
        }
        const entries: TxEntry[] = all
          .filter(inRange)
          .sort((a, b) => a.revision - b.revision)
          .map(({ id, tx, revision }) => ({ id, tx, revision }));
        // A small limit can be filled by keys at or before `after` (the rest of its txn).
        if (more && entries.length === 0 && lastRev !== undefined) {
          minRev = lastRev + 1;
          continue;
        }
        return { entries, readRevision: rev(r.header.revision) * SUB + SUB - 1, more };
      }
    });
  }

  async watchTxs(
    afterRevision: Revision,
    cb: (page: TxWatchPage) => void,
    opts?: WatchOptions,
  ): Promise<Result<Watch, OrderingUnavailable>> {
    if (!Number.isSafeInteger(afterRevision) || afterRevision < 0) {
      throw new RangeError(`bad revision ${afterRevision}`);
    }
    // From the etcd revision holding `after` (the rest of its txn may follow it), or the next.
    const start = Math.max(1, Math.floor((afterRevision + 1) / SUB));
    return this.call(
      'watchTxs',
      opts,
      async () => {
        const w = this.ns.watch().prefix('tx/').startRevision(String(start)).only('put').watcher();
        let prev = afterRevision;
        let broken = false;
        const stop = (detail: string) => {
          if (broken) return;
          broken = true;
          opts?.onError?.(detail);
        };
        // A watch response holds whole txns (etcd batches events by revision), in order. The
        // client resumes a broken stream on its own, but from the revision it last heard of,
        // which can skip events: after any break we stop and the caller reads the gap itself.
        w.on('data', (res: IWatchResponse) => {
          if (broken) return;
          const all = res.events.map((e) => txEntry(e.kv));
          const last = all.at(-1);
          if (last === undefined) return;
          const upTo = last.etcdRevision * SUB + SUB - 1;
          if (upTo <= prev) return;
          const entries = all
            .filter((e) => e.revision > prev)
            .map(({ id, tx, revision }) => ({ id, tx, revision }));
          cb({ after: prev, upTo, entries });
          prev = upTo;
        });
        w.on('disconnected', () => stop('tx watch disconnected'));
        await new Promise<void>((resolve, reject) => {
          w.once('connected', () => resolve());
          w.once('error', reject);
        });
        w.on('error', (e) => stop(message(e)));
        const handle: Watch = {
          close: async () => {
            broken = true;
            this.watches.delete(handle);
            await cancelWithin(w);
          },
        };
        this.watches.add(handle);
        return handle;
      },
      (late) => void late.close(),
    );
  }

  /** (Internal, for campaigns.) The lease thread, or undefined to renew on this thread. */
  leaseKeeper(): LeaseKeeper | undefined {
    if (this.keeper === null) {
      this.keeper = LeaseKeeper.start({ hosts: this.hosts, timeoutMs: this.timeoutMs });
    }
    return this.keeper?.healthy ? this.keeper : undefined;
  }

  campaign(name: string, opts: CampaignOptions): Campaign {
    checkName('candidate name', name);
    if (!Number.isInteger(opts.ttlSeconds) || opts.ttlSeconds < 1) {
      throw new RangeError(`lease TTL must be a whole number of seconds ≥ 1`);
    }
    const keepAliveMs = opts.keepAliveMs ?? Math.min(500, (opts.ttlSeconds * 1000) / 3);
    if (!(keepAliveMs > 0) || keepAliveMs >= opts.ttlSeconds * 1000) {
      throw new RangeError(`keepAliveMs must be in (0, TTL)`);
    }
    const c = new EtcdCampaign(this, this.ns, name, opts.ttlSeconds, keepAliveMs);
    this.campaigns.add(c);
    void c.lost.then(() => this.campaigns.delete(c));
    return c;
  }

  async leader(opts?: CallOptions): Promise<Result<string | null, OrderingUnavailable>> {
    return this.call('leader', opts, async (o) => {
      const r = await this.ns
        .getAll()
        .prefix('leader/')
        .sort('Create', 'Ascend')
        .limit(1)
        .options(o)
        .exec();
      return r.kvs[0]?.value.toString() ?? null;
    });
  }

  async putBlock(
    campaign: Campaign,
    height: number,
    proposal: string,
    opts?: CallOptions,
  ): Promise<Result<{ revision: Revision }, PutBlockCode>> {
    if (!(campaign instanceof EtcdCampaign) || campaign.owner !== this) {
      throw new TypeError('campaign was not made by this Ordering');
    }
    const key = `block/${padHeight(height)}`;
    const fence = campaign.fence();
    if (fence === null) return fail('NOT_LEADER', 'this campaign is not (or no longer) elected');
    const r = await this.call('putBlock', opts, async (o) => {
      // Fencing: the block is written only if absent AND our election key still exists with the
      // create revision we were elected under. Once elected, no key can ever sort before ours
      // (revisions only grow), so "our key still exists" is "we still lead". A deposed proposer
      // (resigned, lease expired or revoked) has no key, so its write fails here, in etcd.
      const t = await this.ns
        .if(key, 'Create', '==', 0)
        .and(fence.key, 'Create', '==', fence.createRevision)
        .then(this.ns.put(key).value(proposal))
        .else(this.ns.get(key), this.ns.get(fence.key))
        .options(o)
        .commit();
      if (t.succeeded) return { ok: true as const, revision: rev(t.header.revision) };
      const blockExists = (t.responses[0]?.response_range?.kvs.length ?? 0) > 0;
      const ours = t.responses[1]?.response_range?.kvs[0];
      const stillLeader = ours !== undefined && rev(ours.create_revision) === fence.createRevision;
      return { ok: false as const, notLeader: !stillLeader, blockExists };
    });
    if (!r.ok) return r;
    if (r.value.ok) return { ok: true, value: { revision: r.value.revision } };
    // Losing the election is the more important news: the caller must stop proposing.
    if (r.value.notLeader) {
      campaign.deposed();
      return fail('NOT_LEADER', 'the election key is no longer ours');
    }
    return fail('BLOCK_EXISTS', `block ${height} is already stored`);
  }

  async getBlock(
    height: number,
    opts?: CallOptions,
  ): Promise<Result<BlockEntry | null, OrderingUnavailable>> {
    const key = `block/${padHeight(height)}`;
    return this.call('getBlock', opts, async (o) => {
      const r = await this.ns.get(key).options(o).exec();
      const kv = r.kvs[0];
      if (kv === undefined) return null;
      return { height, proposal: kv.value.toString(), revision: rev(kv.create_revision) };
    });
  }

  async watchBlocks(
    fromHeight: number,
    cb: (b: BlockEntry) => void,
    opts?: WatchOptions,
  ): Promise<Result<Watch, OrderingUnavailable>> {
    return this.watchFrom(
      'block/',
      `block/${padHeight(fromHeight)}`,
      (key, value, createRev) => {
        const height = Number(key.slice('block/'.length));
        return { height, proposal: value, revision: createRev };
      },
      cb,
      opts,
    );
  }

  async putCosig(
    height: number,
    validator: string,
    note: string,
    opts?: CallOptions,
  ): Promise<Result<{ revision: Revision }, OrderingUnavailable>> {
    checkName('validator', validator);
    const key = `cosig/${padHeight(height)}/${validator}`;
    // Last write wins, as the decision says: equivocation is judged by content, by the nodes.
    return this.call('putCosig', opts, async (o) => {
      const r = await this.ns.put(key).value(note).options(o).exec();
      return { revision: rev(r.header.revision) };
    });
  }

  async cosigs(
    height: number,
    opts?: CallOptions,
  ): Promise<Result<CosigEntry[], OrderingUnavailable>> {
    const prefix = `cosig/${padHeight(height)}/`;
    return this.call('cosigs', opts, async (o) => {
      const r = await this.ns.getAll().prefix(prefix).sort('Key', 'Ascend').options(o).exec();
      return r.kvs.map((kv) => ({
        height,
        validator: kv.key.toString().slice(prefix.length),
        note: kv.value.toString(),
        revision: rev(kv.mod_revision),
      }));
    });
  }

  async watchCosigs(
    fromHeight: number,
    cb: (c: CosigEntry) => void,
    opts?: WatchOptions,
  ): Promise<Result<Watch, OrderingUnavailable>> {
    return this.watchFrom(
      'cosig/',
      `cosig/${padHeight(fromHeight)}/`,
      (key, value, _createRev, modRev) => {
        const [h, validator] = key.slice('cosig/'.length).split('/');
        return { height: Number(h), validator: validator ?? '', note: value, revision: modRev };
      },
      cb,
      opts,
    );
  }

  async compact(
    upToRevision: Revision,
    opts?: CallOptions,
  ): Promise<Result<{ deleted: number }, OrderingUnavailable>> {
    if (!Number.isSafeInteger(upToRevision) || upToRevision < 1) {
      throw new RangeError(`bad revision ${upToRevision}`);
    }
    return this.call('compact', opts, async (o) => {
      // A block may end inside one txn's keys: the rest of that txn is kept, so the values
      // (which hold each key's place) of the last etcd revision are read too.
      const etcdUpTo = Math.floor(upToRevision / SUB);
      const r = await this.ns
        .getAll()
        .prefix('tx/')
        .maxCreateRevision(String(etcdUpTo))
        .options(o)
        .exec();
      const keys = r.kvs
        .filter((kv) => txEntry(kv).revision <= upToRevision)
        .map((kv) => kv.key.toString());
      // One txn per TXN_MAX deletes (etcd caps a txn's ops), one Raft entry each.
      for (let i = 0; i < keys.length; i += TXN_MAX) {
        const ops = keys.slice(i, i + TXN_MAX).map((k) => ({
          request_delete_range: { key: Buffer.from(this.keyPrefix + k) },
        }));
        await this.client.kv.txn({ compare: [], success: ops, failure: [] }, o);
      }
      try {
        await this.client.kv.compact({ revision: String(etcdUpTo), physical: true }, o);
      } catch (e) {
        const m = message(e);
        if (/future revision/.test(m)) throw new RangeError(`compact(${upToRevision}): ${m}`);
        // Already compacted at or past it: what we wanted.
        if (!/compacted/.test(m)) throw e;
      }
      return { deleted: keys.length };
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.campaigns].map((c) => c.resign(500)));
    await Promise.all([...this.watches].map((w) => w.close()));
    await this.keeper?.close();
    this.client.close();
  }

  /**
   * Delivers every key of `prefix` from startKey on (key order), then every later put (revision
   * order): the range read and the watch meet at one revision, so nothing is missed or repeated.
   */
  private async watchFrom<E>(
    prefix: string,
    startKey: string,
    parse: (key: string, value: string, createRev: Revision, modRev: Revision) => E,
    cb: (e: E) => void,
    opts: WatchOptions | undefined,
  ): Promise<Result<Watch, OrderingUnavailable>> {
    const r = await this.call(
      'watch',
      opts,
      async (o) => {
        const existing = await this.ns
          .getAll()
          .inRange({ start: startKey, end: Range.prefix(prefix).end })
          .sort('Key', 'Ascend')
          .options(o)
          .exec();
        for (const kv of existing.kvs) {
          cb(
            parse(
              kv.key.toString(),
              kv.value.toString(),
              rev(kv.create_revision),
              rev(kv.mod_revision),
            ),
          );
        }
        const w = this.ns
          .watch()
          .prefix(prefix)
          .startRevision(String(rev(existing.header.revision) + 1))
          .only('put')
          .watcher();
        w.on('put', (kv) => {
          const key = kv.key.toString();
          if (key < startKey) return;
          cb(parse(key, kv.value.toString(), rev(kv.create_revision), rev(kv.mod_revision)));
        });
        await new Promise<void>((resolve, reject) => {
          w.once('connected', () => resolve());
          w.once('error', reject);
        });
        // Keep a listener on 'error': an EventEmitter without one throws.
        w.on('error', (e) => opts?.onError?.(message(e)));
        const handle: Watch = {
          close: async () => {
            this.watches.delete(handle);
            await cancelWithin(w);
          },
        };
        this.watches.add(handle);
        return handle;
      },
      (late) => void late.close(),
    );
    return r;
  }
}

/** One candidacy: a lease, a key `leader/<lease hex>` on it, and the keep-alive loop. */
class EtcdCampaign implements Campaign {
  readonly elected: Promise<void>;
  readonly lost: Promise<LossReason>;
  private resolveElected: () => void = () => undefined;
  private resolveLost: (r: LossReason) => void = () => undefined;
  private state: 'campaigning' | 'leader' | 'ended' = 'campaigning';
  /** Set when the lease thread renews this lease. */
  private kept: { id: string; stop: (id: string) => void } | undefined;
  /** Why the candidacy ended, in words (for the node's log). */
  lostDetail: string | undefined;
  private lease: Lease | null = null;
  private key: string | null = null;
  private createRevision: Revision | null = null;
  /** Local time until which the lease is surely alive in etcd (renewal send time + TTL). */
  private validUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly owner: EtcdOrdering,
    private readonly ns: Namespace,
    readonly name: string,
    private readonly ttlSeconds: number,
    private readonly keepAliveMs: number,
  ) {
    this.elected = new Promise((r) => (this.resolveElected = r));
    this.lost = new Promise((r) => (this.resolveLost = r));
    // run() handles expected failures itself; anything else ends the candidacy, never crashes.
    this.run().catch((e: unknown) => this.end('CAMPAIGN_FAILED', message(e)));
  }

  isLeader(): boolean {
    return this.state === 'leader' && this.owner.now() < this.validUntil;
  }

  /** The election key (for diagnostics and fault tests). */
  get electionKey(): string | null {
    return this.key;
  }

  /** The lease id, decimal, as etcd3 gives it (for fault tests that revoke it). */
  get leaseId(): string | null {
    return this.key === null ? null : BigInt(`0x${this.key.slice('leader/'.length)}`).toString();
  }

  /** What putBlock compares against; null unless elected and not yet ended. */
  fence(): { key: string; createRevision: Revision } | null {
    if (this.state !== 'leader' || this.key === null || this.createRevision === null) return null;
    return { key: this.key, createRevision: this.createRevision };
  }

  /** putBlock found our key gone: end now rather than wait for the keep-alive to notice. */
  deposed(): void {
    this.end('LEASE_LOST', 'a fenced write found the election key gone');
  }

  async resign(timeoutMs?: number): Promise<void> {
    if (this.state === 'ended') return;
    const lease = this.lease;
    this.end('RESIGNED');
    if (lease === null) return;
    // Best effort: if etcd is unreachable the lease simply runs out its TTL.
    await this.owner.call('revoke', { timeoutMs: timeoutMs ?? 1000 }, (o) => lease.revoke(o));
  }

  /** A method, not a field read, so TypeScript does not narrow it across awaits. */
  private isEnded(): boolean {
    return this.state === 'ended';
  }

  private end(reason: LossReason, detail?: string): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.lostDetail = detail;
    clearTimeout(this.timer);
    if (this.kept) this.kept.stop(this.kept.id);
    this.resolveLost(reason);
  }

  private async run(): Promise<void> {
    const ttlMs = this.ttlSeconds * 1000;
    const lease = this.ns.lease(this.ttlSeconds, { autoKeepAlive: false });
    this.lease = lease;
    lease.on('lost', (e: unknown) => this.end('LEASE_LOST', `lease lost: ${message(e)}`));
    const sentAt = this.owner.now();
    const granted = await this.owner.call('lease grant', undefined, () => lease.grant());
    if (this.isEnded()) return;
    if (!granted.ok) return this.end('CAMPAIGN_FAILED', granted.detail);
    this.validUntil = sentAt + ttlMs;
    const key = `leader/${BigInt(granted.value).toString(16)}`;
    this.key = key;
    const keeper = this.owner.leaseKeeper();
    if (keeper) {
      // Renewed on the lease thread; its clock is the wall clock, as `now` is in a node.
      this.kept = { id: granted.value, stop: (id) => keeper.stop(id) };
      keeper.keep(granted.value, this.keepAliveMs, this.validUntil, (e) => {
        if (e.kind === 'renewed') this.validUntil = Math.max(this.validUntil, e.validUntil);
        else this.end('LEASE_LOST', e.detail);
      });
    } else {
      this.scheduleKeepAlive();
    }

    // Create our key on the lease (idempotent: a retry after a timeout reads it back).
    while (this.state !== 'ended' && this.createRevision === null) {
      const r = await this.owner.call('campaign', undefined, (o) =>
        this.ns
          .if(key, 'Create', '==', 0)
          .then(this.ns.put(key).value(this.name).lease(granted.value))
          .else(this.ns.get(key))
          .options(o)
          .commit(),
      );
      if (r.ok) {
        // On success responses[0] is the put's response; only the else branch carries a range.
        const kv = r.value.succeeded ? undefined : r.value.responses[0]?.response_range?.kvs[0];
        this.createRevision = r.value.succeeded
          ? rev(r.value.header.revision)
          : kv !== undefined
            ? rev(kv.create_revision)
            : null;
        // Key gone: lease gone.
        if (this.createRevision === null) return this.end('LEASE_LOST', 'election key gone');
      } else {
        await sleep(100);
      }
    }

    // Wait until no key created before ours remains (each predecessor deleted or expired).
    while (this.state === 'campaigning') {
      const myRev = this.createRevision;
      if (myRev === null) return;
      const r = await this.owner.call('campaign wait', undefined, (o) =>
        this.ns
          .getAll()
          .prefix('leader/')
          .maxCreateRevision(String(myRev - 1))
          .sort('Create', 'Descend')
          .options(o)
          .exec(),
      );
      if (!r.ok) {
        await sleep(100);
        continue;
      }
      // A key ahead of ours under our own name is an earlier candidacy of this validator: a
      // process that was killed, or one whose lease we stopped trusting while etcd was
      // electing a leader (etcd then extends every lease by a full TTL). Nobody else may use
      // our name, so we delete it rather than make the whole consortium wait out its lease
      // (about 5 s of no blocks after an etcd leader was killed). The compare on its create
      // revision deletes exactly that key. The candidates queued behind it then go first.
      const stale = r.value.kvs.filter((kv) => kv.value.toString() === this.name);
      if (stale.length > 0) {
        await this.owner.call('campaign stale', undefined, (o) =>
          Promise.all(
            stale.map((kv) =>
              this.ns
                .if(kv.key.toString(), 'Create', '==', String(kv.create_revision))
                .then(this.ns.delete().key(kv.key.toString()))
                .options(o)
                .commit(),
            ),
          ),
        );
        continue;
      }
      const prev = r.value.kvs[0];
      if (prev === undefined) {
        if (this.state !== 'campaigning') return;
        this.state = 'leader';
        this.resolveElected();
        return;
      }
      await this.waitForDelete(prev.key.toString(), rev(r.value.header.revision) + 1);
    }
  }

  /** Resolves when `key` is deleted, this campaign ends, or after a TTL (then we re-check). */
  private async waitForDelete(key: string, fromRev: Revision): Promise<void> {
    const w = this.ns.watch().key(key).startRevision(String(fromRev)).only('delete').watcher();
    try {
      await Promise.race([
        new Promise<void>((resolve) => {
          w.once('delete', () => resolve());
          w.on('error', () => resolve());
        }),
        this.lost.then(() => undefined),
        sleep(this.ttlSeconds * 1000),
      ]);
    } finally {
      await cancelWithin(w);
    }
  }

  private scheduleKeepAlive(): void {
    if (this.state === 'ended') return;
    this.timer = setTimeout(() => void this.keepAlive(), this.keepAliveMs);
  }

  private async keepAlive(): Promise<void> {
    const lease = this.lease;
    if (this.state === 'ended' || lease === null) return;
    const sentAt = this.owner.now();
    // A slow answer is still an answer: wait for it as long as the lease is surely alive (a
    // 500 ms limit lost leases on a loaded machine whose etcd took 0.5–1 s to renew).
    const r = await this.owner.call(
      'keepalive',
      { timeoutMs: Math.max(this.keepAliveMs, this.validUntil - sentAt) },
      (o) => lease.keepaliveOnce(o),
    );
    if (this.isEnded()) return;
    if (r.ok) {
      // The TTL etcd reports counts from when it renewed, which is after we sent.
      this.validUntil = sentAt + Number(r.value.TTL) * 1000;
    } else if (LEASE_GONE.test(r.detail ?? '')) {
      return this.end('LEASE_LOST', r.detail);
    }
    if (this.owner.now() >= this.validUntil) {
      return this.end('LEASE_LOST', `no renewal within the TTL (last: ${r.ok ? 'ok' : r.detail})`);
    }
    this.scheduleKeepAlive();
  }
}
