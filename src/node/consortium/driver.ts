// Runs one consortium validator inside a node (decision 0009): turns the orderer's watches and
// reads into ValidatorCore events, one at a time, and carries its effects out — puts to the
// orderer, alarms, and final blocks into the node's store. All the judgement is in the core;
// this file is plumbing, and everything it learns it may learn twice (events are idempotent).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { PrivateKey } from '../../core/crypto.js';
import { parseNote } from '../../core/note.js';
import { prepareTx } from '../../core/tx.js';
import type { OrderedTx } from '../../ledger/block-builder.js';
import type { Genesis } from '../../ledger/genesis.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { ValidatorChange } from '../../ledger/modules/governance.js';
import type {
  AlarmCode,
  AppliedBlock,
  ChainStorage,
  Effect,
  ValidatorEvent,
  ValidatorKey,
} from '../../consensus/validator.js';
import { ValidatorCore } from '../../consensus/validator.js';
import { nodeCryptoBackend } from '../crypto-node.js';
import type { Store } from '../store.js';
import type { Campaign, Ordering, TxEntry, Watch } from './ordering.js';
import { validatorStart } from './sync.js';

export interface ConsortiumOptions {
  /** etcd client URLs (loopback in tests and `cadwyn cluster up`). */
  readonly etcd: readonly string[];
  /** A proposal's time may be this far ahead of our clock (default 2000 ms). */
  readonly maxDriftMs?: number;
  /** How often the validator looks for new txs and, if it leads, cuts (default 20 ms). */
  readonly tickMs?: number;
  /** How often everything is re-read from the orderer in case a watch missed it (500 ms). */
  readonly rereadMs?: number;
  /** Proposer lease TTL, whole seconds (decision 0009: 2). */
  readonly leaseSeconds?: number;
}

/** What the node lends its validator. */
export interface DriverHost {
  readonly genesis: Genesis;
  readonly ledger: Ledger;
  readonly store: Store;
  readonly validatorName: string;
  readonly nodeKey: PrivateKey;
  readonly validators: readonly ValidatorKey[];
  readonly blockIntervalMs: number;
  readonly blockTxMax: number;
  readonly clock: () => number;
  readonly log: {
    info(o: object, msg: string): void;
    warn(o: object, msg: string): void;
    error(o: object, msg: string): void;
  };
  /** Height of the last block in the store (every stored block is final). */
  storedHeight(): number;
  /** Writes a final block (its header, txs, state diff, refusals) and its quorum note. */
  commitFinal(block: AppliedBlock, note: string): void;
  /** Puts equivocation evidence on the ledger (as a tx of this node's member body). */
  reportEquivocation(e: { validator: string; height: number; noteA: string; noteB: string }): void;
}

export interface ConsortiumStatus {
  readonly validator: string;
  /** Highest height this validator executed and cosigned. */
  readonly height: number;
  /** Highest height it saw final. */
  readonly finalHeight: number;
  readonly leader: boolean;
  readonly halted?: { readonly code: AlarmCode; readonly detail: string };
  readonly evidence: number;
  readonly orderer: 'ok' | 'unreachable';
  readonly lastAlarm?: { readonly code: AlarmCode; readonly detail: string };
  /** Membership (decision 0009): the validators in force at the next height, and is this one. */
  readonly validators?: readonly string[];
  readonly inForce?: boolean;
  /** Changes stated for later heights (the node adds them from its state). */
  readonly pendingValidatorChanges?: readonly ValidatorChange[];
}

const TX_PAGE = 2000;
/** Blocks read per re-read round at most (the watch normally delivers them first). */
const REREAD_BLOCKS = 500;
/** How often the proposer compacts the orderer's txs. */
const COMPACT_MS = 1000;
/** A tx watch quiet this long (ms) is backed by a range read at each re-read. */
const TX_QUIET_MS = 2000;
/** How often the event loop's longest stall is looked at. */
const STALL_REPORT_MS = 5000;

/**
 * What another node's door let through is checked again here; an entry that is not a
 * well-formed tx under its own id is skipped alike by every honest validator.
 */
function prepared(entries: readonly TxEntry[]): OrderedTx[] {
  const ordered: OrderedTx[] = [];
  for (const e of entries) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.tx);
    } catch {
      continue;
    }
    const p = prepareTx(parsed);
    if (p.ok && p.value.id === e.id && p.value.canonicalTx === e.tx) {
      ordered.push({ revision: e.revision, p: p.value });
    }
  }
  return ordered;
}

/** The validator's own records in the node's SQLite file; the halt in its meta table. */
class SqliteChainStorage implements ChainStorage {
  constructor(private readonly store: Store) {}
  get(height: number): string | undefined {
    return this.store.chainRecord(height);
  }
  set(height: number, record: string): void {
    this.store.putChainRecord(height, record);
  }
  delete(height: number): void {
    this.store.deleteChainRecord(height);
  }
  getHalt(): string | undefined {
    return this.store.getMeta('consortium-halt');
  }
  setHalt(reason: string): void {
    this.store.putMeta('consortium-halt', reason);
  }
}

export class ConsortiumDriver {
  private queue: Promise<void> = Promise.resolve();
  private campaign: Campaign | undefined;
  private watches: Watch[] = [];
  private timers: ReturnType<typeof setInterval>[] = [];
  private fetching = false;
  private rereading = false;
  private closed = false;
  private ordererOk = true;
  private lastAlarm: { code: AlarmCode; detail: string } | undefined;
  /** Height and revision up to which the orderer's txs were compacted (by us). */
  private compacted = { height: 0, rev: 0 };
  private compacting = false;
  private rewatching = false;
  private txWatchOk = false;
  private lastTxPageAt = 0;
  private tickQueued = false;
  private readonly tickMs: number;
  private readonly rereadMs: number;
  private readonly leaseSeconds: number;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });

  private constructor(
    private readonly host: DriverHost,
    private readonly core: ValidatorCore,
    private readonly ordering: Ordering,
    opts: ConsortiumOptions,
  ) {
    this.tickMs = opts.tickMs ?? 20;
    this.rereadMs = opts.rereadMs ?? 500;
    this.leaseSeconds = opts.leaseSeconds ?? 2;
    this.loopDelay.enable();
  }

  /**
   * Opens the validator over the node's stored chain (re-executing it), tells it which heights
   * the store already holds as final, then starts following the orderer.
   */
  static async start(
    host: DriverHost,
    opts: ConsortiumOptions,
    ordering: Ordering,
  ): Promise<ConsortiumDriver> {
    const t0 = host.clock();
    // A node installed from a snapshot (sync.ts) starts its validator there, not at genesis.
    const snap = await validatorStart(host.store, ordering);
    if (!snap.ok)
      throw Object.assign(new Error(`${snap.code}: ${snap.detail}`), { code: snap.code });
    const { core, effects } = await ValidatorCore.open(
      {
        name: host.validatorName,
        privateKey: host.nodeKey,
        backend: nodeCryptoBackend,
        ledger: host.ledger,
        genesis: host.genesis,
        maxDriftMs: opts.maxDriftMs ?? 2000,
        blockIntervalMs: host.blockIntervalMs,
        maxTxsPerBlock: host.blockTxMax,
        retryMs: 500,
        // Txs come from every node's door: each validator checks every signature itself.
        execOpts: {},
        ...(snap.value ? { snapshot: snap.value } : {}),
      },
      new SqliteChainStorage(host.store),
    );
    const d = new ConsortiumDriver(host, core, ordering, opts);
    const stored = host.storedHeight();
    for (let h = snap.value?.tip.header.height ?? 1; h <= stored; h++) {
      const row = host.store.getBlock(h);
      const text = row ? parseNote(row.checkpoint) : undefined;
      if (!text?.ok) {
        effects.push({
          kind: 'alarm',
          code: 'STORE_CORRUPT',
          detail: `stored block ${h} has no readable checkpoint`,
          halted: false,
        });
        break;
      }
      effects.push(...core.assumeFinal(h, text.value.text));
    }
    core.release(stored);
    const t1 = host.clock();
    d.carryOut(effects);
    await d.follow();
    host.log.info(
      { replayed: core.height, replayMs: t1 - t0, followMs: host.clock() - t1 },
      'validator started',
    );
    return d;
  }

  status(): ConsortiumStatus {
    const halted = this.core.halted;
    return {
      validator: this.core.name,
      height: this.core.height,
      finalHeight: this.core.finalHeight,
      leader: this.campaign?.isLeader() ?? false,
      ...(halted ? { halted } : {}),
      evidence: this.core.evidence.length,
      orderer: this.ordererOk ? 'ok' : 'unreachable',
      ...(this.lastAlarm ? { lastAlarm: this.lastAlarm } : {}),
      validators: [...(this.core.validatorsAt(this.core.height + 1)?.keys() ?? [])].sort(),
      inForce: this.core.canPropose,
    };
  }

  /** Puts an admitted tx in the ordered stream; resolves once a majority of etcd has it. */
  putTx(id: string, canonicalTx: string): ReturnType<Ordering['putTx']> {
    return this.ordering.putTx(id, canonicalTx);
  }

  get halted(): boolean {
    return this.core.halted !== undefined;
  }

  /** Height at which tx `id` was included or refused, once this validator applied it. */
  decidedAt(id: string): number | undefined {
    return this.core.decidedAt(id);
  }

  private async follow(): Promise<void> {
    await this.openWatches();
    if (!this.core.halted) this.stand();
    this.timers.push(
      setInterval(() => {
        // At most one tick waits in the queue: a validator busy re-executing blocks (catching
        // up, or on a loaded machine) must not fall further behind under ticks piling up.
        if (this.tickQueued) return;
        this.tickQueued = true;
        this.queue = this.queue
          .then(async () => {
            this.tickQueued = false;
            if (this.closed) return;
            const now = this.host.clock();
            // The lease as the core sees it: held until the next tick, re-asserted at each.
            const until = this.campaign?.isLeader() ? now + 2 * this.tickMs : 0;
            this.carryOut(await this.core.handle({ kind: 'lease', until }, now));
            this.carryOut(await this.core.handle({ kind: 'tick' }, this.host.clock()));
          })
          .catch((e: unknown) => {
            this.host.log.error({ err: String(e) }, 'consortium tick failed');
          });
      }, this.tickMs),
      setInterval(() => void this.reread(), this.rereadMs),
      setInterval(() => this.reportStalls(), STALL_REPORT_MS),
      setInterval(() => void this.compact(), COMPACT_MS),
    );
  }

  /**
   * (Re)opens the block and cosignature watches from the core's cursor. A watch that fails —
   * e.g. it reconnected from a revision the proposer has since compacted away — is opened
   * again from where the core stands, so no validator is left listening to nothing.
   */
  private async openWatches(): Promise<void> {
    if (this.closed) return;
    const old = this.watches.splice(0);
    await Promise.all(old.map((w) => w.close().catch(() => undefined)));
    const cur = this.core.cursor();
    const onError = (detail: string) => {
      this.txWatchOk = false;
      this.host.log.warn({ detail }, 'orderer watch failed; opening it again');
      this.rewatchSoon();
    };
    // New txs arrive on a watch. Range reads (fetchTxs) sort etcd's whole tx/ range: four
    // validators reading every 20 ms kept etcd so busy that lease renewals timed out and the
    // proposer changed every few seconds (measured). They are now the fallback only.
    const txs = await this.ordering.watchTxs(
      cur.txAfter,
      (page) => {
        this.lastTxPageAt = this.host.clock();
        this.deliver({
          kind: 'txs',
          after: page.after,
          upTo: page.upTo,
          entries: prepared(page.entries),
        });
      },
      { onError },
    );
    if (txs.ok) this.watches.push(txs.value);
    const blocks = await this.ordering.watchBlocks(
      cur.blockFrom,
      (b) => this.deliver({ kind: 'block', height: b.height, proposal: b.proposal }),
      { onError },
    );
    if (blocks.ok) this.watches.push(blocks.value);
    // Cosignatures from the oldest height not final here: a re-read of what may have been missed.
    const cosigs = await this.ordering.watchCosigs(
      cur.cosigFrom,
      (c) =>
        this.deliver({ kind: 'cosig', height: c.height, validator: c.validator, note: c.note }),
      { onError },
    );
    if (cosigs.ok) this.watches.push(cosigs.value);
    this.txWatchOk = txs.ok;
    this.ordererOk = txs.ok && blocks.ok && cosigs.ok;
    if (!txs.ok || !blocks.ok || !cosigs.ok) this.rewatchSoon();
    // Whatever came before the tx watch began (and any gap a broken one left): read it.
    this.fetchTxs();
  }

  private rewatchSoon(): void {
    if (this.rewatching || this.closed) return;
    this.rewatching = true;
    setTimeout(() => {
      void this.openWatches().finally(() => {
        this.rewatching = false;
      });
    }, 250);
  }

  /** Stands for proposer; stands again whenever the candidacy ends, unless halted or closed. */
  private stand(): void {
    if (this.closed || this.core.halted) return;
    if (!this.core.canPropose) {
      // Not a validator in force at the next height (membership, decision 0009): look again.
      setTimeout(() => this.stand(), this.rereadMs);
      return;
    }
    const c = this.ordering.campaign(this.host.validatorName, { ttlSeconds: this.leaseSeconds });
    this.campaign = c;
    let elected = false;
    void c.elected.then(() => {
      elected = true;
      this.host.log.info({ validator: c.name }, 'elected proposer');
    });
    void c.lost.then((reason) => {
      if (this.campaign === c) this.campaign = undefined;
      if (!this.closed && !this.core.halted) {
        this.host.log.warn(
          { reason, detail: c.lostDetail, elected },
          'proposer candidacy ended; standing again',
        );
        setTimeout(() => this.stand(), 100);
      }
    });
  }

  /** Events go into the core one at a time, in arrival order. */
  private deliver(ev: ValidatorEvent): void {
    this.queue = this.queue
      .then(async () => {
        if (this.closed) return;
        this.carryOut(await this.core.handle(ev, this.host.clock()));
      })
      .catch((e: unknown) => {
        this.host.log.error({ err: String(e) }, 'consortium event failed');
      });
  }

  private fetchTxs(): void {
    if (this.fetching || this.closed) return;
    this.fetching = true;
    const after = this.core.cursor().txAfter;
    void this.ordering
      .txRange(after, TX_PAGE)
      .then((r) => {
        this.ordererOk = r.ok;
        if (!r.ok) return;
        const { entries, readRevision, more } = r.value;
        const last = entries[entries.length - 1];
        const upTo = more ? (last?.revision ?? after) : readRevision;
        if (upTo <= after) return;
        this.deliver({ kind: 'txs', after, upTo, entries: prepared(entries) });
        if (more) setImmediate(() => this.fetchTxs());
      })
      .finally(() => {
        this.fetching = false;
      });
  }

  /**
   * The proposer keeps etcd's tx/ keys few (etcd sorts the whole range on every read): once
   * every validator cosigned a height, no validator needs that height's txs from etcd. A
   * validator that is down stops this at its height, so it can catch up when it returns.
   */
  private async compact(): Promise<void> {
    if (this.compacting || this.closed || !this.campaign?.isLeader()) return;
    this.compacting = true;
    try {
      const upTo = this.core.cosignedByAll(this.compacted.height);
      if (!upTo || upTo.toRev <= this.compacted.rev) return;
      const r = await this.ordering.compact(upTo.toRev);
      if (r.ok) this.compacted = { height: upTo.height, rev: upTo.toRev };
    } catch (e) {
      this.host.log.warn({ err: String(e) }, 'compaction failed');
    } finally {
      this.compacting = false;
    }
  }

  /**
   * A validator whose event loop stalls cannot renew its lease or answer etcd in time: the
   * longest stall of each period goes to the log when it passes half the lease.
   */
  private reportStalls(): void {
    const maxMs = this.loopDelay.max / 1e6;
    this.loopDelay.reset();
    if (maxMs > (this.leaseSeconds * 1000) / 2) {
      this.host.log.warn(
        { maxMs: Math.round(maxMs), height: this.core.height },
        'event loop stalled (lease renewals and etcd answers wait)',
      );
    }
  }

  /** Whatever a watch may have missed (a reconnect, a lost event): read it again. */
  private async reread(): Promise<void> {
    if (this.rereading || this.closed) return;
    this.rereading = true;
    try {
      const cur = this.core.cursor();
      // A node that was paused or cut off may be many blocks behind: read on while they exist.
      for (let h = cur.blockFrom; h < cur.blockFrom + REREAD_BLOCKS; h++) {
        const b = await this.ordering.getBlock(h);
        this.ordererOk = b.ok;
        if (!b.ok || !b.value) break;
        this.deliver({ kind: 'block', height: b.value.height, proposal: b.value.proposal });
      }
      // The tx watch brings txs; a range read only when it is down or has been quiet a while
      // (a watch can stall without an error), where it costs little.
      if (!this.txWatchOk || this.host.clock() - this.lastTxPageAt > TX_QUIET_MS) this.fetchTxs();
      const top = Math.min(this.core.height, cur.cosigFrom + 50);
      for (let h = cur.cosigFrom; h <= top; h++) {
        const cs = await this.ordering.cosigs(h);
        if (!cs.ok) break;
        for (const c of cs.value) {
          this.deliver({ kind: 'cosig', height: c.height, validator: c.validator, note: c.note });
        }
      }
    } finally {
      this.rereading = false;
    }
  }

  private carryOut(effects: readonly Effect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'putBlock': {
          const c = this.campaign;
          if (!c) break;
          // NOT_LEADER / BLOCK_EXISTS are answers, not failures: the watch shows what won.
          void this.ordering.putBlock(c, e.height, e.proposal);
          break;
        }
        case 'putCosig':
          void this.ordering.putCosig(e.height, this.host.validatorName, e.note);
          break;
        case 'final':
          break;
        case 'evidence':
          this.host.log.warn(
            { validator: e.validator, height: e.height },
            'equivocation: two cosignatures by one validator at one height',
          );
          this.host.reportEquivocation(e);
          break;
        case 'resign':
          void this.campaign?.resign();
          break;
        case 'alarm':
          this.lastAlarm = { code: e.code, detail: e.detail };
          this.host.log.error(
            { code: e.code, detail: e.detail, halted: e.halted },
            e.halted ? 'validator halted' : 'validator alarm',
          );
          break;
      }
    }
    this.commitReady();
  }

  /** Writes every block that is both applied here and final, in height order. */
  private commitReady(): void {
    for (;;) {
      const h = this.host.storedHeight() + 1;
      const applied = this.core.appliedBlock(h);
      const body = this.core.finalCheckpoint(h);
      if (!applied || body === undefined || body !== applied.checkpoint) return;
      const note = this.core.finalNote(h);
      if (note === undefined) return;
      this.host.commitFinal(applied, note);
      this.core.release(h);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.loopDelay.disable();
    await this.queue;
    await Promise.all(this.watches.map((w) => w.close().catch(() => undefined)));
    await this.campaign?.resign().catch(() => undefined);
    await this.ordering.close();
  }
}
