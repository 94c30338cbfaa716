// A Cadwyn node in solo mode: accepts transactions durably, orders them into blocks, executes
// them, extends the Merkle log, and signs each block's checkpoint with its validator key.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { fromBase64Url, fromHex, toHex, utf8 } from '../core/bytes.js';
import type { BlockHeader } from '../core/block.js';
import { blockHash, logEntryText } from '../core/block.js';
import type { Checkpoint, CheckpointPolicy } from '../core/checkpoint.js';
import { quorumFor, signCheckpoint } from '../core/checkpoint.js';
import { publicKeyFromDidKey } from '../core/did.js';
import { canonicalJson } from '../core/jcs.js';
import type { Json } from '../core/jcs.js';
import { leafHash, MerkleLog, rootOf } from '../core/merkle.js';
import type { PrivateKey, PublicKey } from '../core/crypto.js';
import type { PreparedTx, SignedTx } from '../core/tx.js';
import { prepareTx } from '../core/tx.js';
import type { Genesis } from '../ledger/genesis.js';
import { genesisBlock, genesisHash } from '../ledger/genesis.js';
import { Ledger, accountSeq } from '../ledger/ledger.js';
import type { LedgerModule } from '../ledger/module.js';
import type { Member } from '../ledger/modules/governance.js';
import {
  getMember,
  governanceModule,
  memberDids,
  pendingValidatorChanges,
  validatorsAt,
} from '../ledger/modules/governance.js';
import type { ConsortiumKeys } from '../core/receipt.js';
import { notaryModule } from '../ledger/modules/notary.js';
import { identityModule } from '../ledger/modules/identity.js';
import { accessModule, consentModule } from '../ledger/modules/consent.js';
import { staffModule } from '../ledger/modules/staff.js';
import { businessModule } from '../ledger/modules/business.js';
import { consortiumModule, getEvidence } from '../ledger/modules/consortium.js';
import { signTx } from '../core/tx.js';
import { loadHostedBodies } from './identity/bodies.js';
import { goodsModule } from '../ledger/modules/goods.js';
import { titleModule } from '../ledger/modules/title.js';
import type { AppliedBlock } from '../consensus/validator.js';
import type { BuiltBlock } from '../ledger/block-builder.js';
import { LogFrontier } from '../ledger/block-builder.js';
import { snapshotRootAfter } from '../ledger/block-builder.js';
import {
  fastSync,
  frontierOfLog,
  genesisPolicy,
  isFreshDatabase,
  logFromFrontier,
  saveSnapshot,
  snapshotBase,
} from './consortium/sync.js';
import type { ScannableState } from '../ledger/state-commitment.js';
import type { ConsortiumOptions, ConsortiumStatus } from './consortium/driver.js';
import { ConsortiumDriver } from './consortium/driver.js';
import { EtcdOrdering } from './consortium/etcd-ordering.js';
import type { ObserveOptions, ObserverStatus } from './observer.js';
import { Observer } from './observer.js';
import { canonicalDiff, nextStateRoot, StateOverlay } from '../ledger/state.js';
import { nodeCryptoBackend, verifySync } from './crypto-node.js';
import { FILES, readNodeKey } from './datadir.js';
import { StateCache } from './state-cache.js';
import type { StoreOptions } from './store.js';
import { Store } from './store.js';
import { VerifyPool } from './verify-pool.js';
import { WalCheckpointer } from './wal-checkpointer.js';

export interface NodeOptions {
  readonly dataDir: string;
  /** How often the solo orderer cuts a block when transactions wait. */
  readonly blockIntervalMs: number;
  readonly blockTxMax: number;
  /** Accepted but not yet committed transactions, at most. */
  readonly mempoolTxMax: number;
  /** Transactions in one POST, at most. */
  readonly batchTxMax: number;
  readonly verifyWorkers: number;
  readonly synchronous: StoreOptions['synchronous'];
  /** Consortium mode (decision 0009): etcd orders, validators cosign. Absent: solo. */
  readonly consortium?: ConsortiumOptions;
  /** Observer mode: follow this node over HTTP, re-verify everything, serve reads only. */
  readonly observe?: ObserveOptions;
  /**
   * Snapshot sync (decision 0009): a node with an empty database first installs a verified
   * state snapshot from these peers (an observer also asks the node it follows). Default on.
   */
  readonly peers?: readonly string[];
  readonly fastSync?: boolean;
}

export const defaultNodeOptions: Omit<NodeOptions, 'dataDir'> = {
  blockIntervalMs: 200,
  blockTxMax: 4000,
  mempoolTxMax: 200_000,
  batchTxMax: 1000,
  verifyWorkers: 2,
  synchronous: 'FULL',
};

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface NodeDeps {
  /** ms since the epoch; injected so a simulation can drive time. */
  readonly clock: () => number;
  readonly logger: Logger;
}

/** Snapshot sync outcomes after which a node syncs from genesis instead (nothing wrong seen). */
const SYNC_FALLBACK = new Set([
  'SNAPSHOT_NONE',
  'SNAPSHOT_UNAVAILABLE',
  'SNAPSHOT_VALIDATORS_UNKNOWN',
]);

/** Past this, the writer checkpoints the WAL itself (see keepWalBounded). */
const WAL_BYTES_MAX = 512 * 1024 * 1024;

export const LEDGER_MODULES: readonly LedgerModule[] = [
  governanceModule,
  notaryModule,
  identityModule,
  consentModule,
  accessModule,
  staffModule,
  businessModule,
  consortiumModule,
  titleModule,
  goodsModule,
];

export function createLedger(): Ledger {
  // Decoding a did:key is base58 and curve checks: remember the last few thousand.
  const didKeys = new Map<string, PublicKey | undefined>();
  const didKey = (did: string) => {
    if (didKeys.has(did)) return didKeys.get(did);
    if (didKeys.size >= 10_000) didKeys.clear();
    const pk = publicKeyFromDidKey(did);
    didKeys.set(did, pk);
    return pk;
  };
  return new Ledger(LEDGER_MODULES, { verify: verifySync, didKey });
}

export type SubmitOutcome =
  | { readonly ok: true; readonly id: string; readonly status: 'pending' }
  | {
      readonly ok: false;
      readonly id?: string;
      readonly code: string;
      readonly detail?: string;
    };

export type TxStatus =
  | { readonly status: 'pending'; readonly id: string; readonly receivedMs: number }
  | {
      readonly status: 'committed' | 'final';
      readonly id: string;
      readonly height: number;
      readonly logIndex: number;
      readonly blockTimeMs: number;
    }
  | {
      readonly status: 'rejected';
      readonly id: string;
      readonly code: string;
      readonly detail?: string;
    };

export interface BlockEvent {
  readonly height: number;
  readonly hash: string;
  readonly timeMs: number;
  readonly txCount: number;
  readonly logSize: number;
}

interface PendingTx {
  readonly p: PreparedTx;
  readonly receivedMs: number;
  /** Its row in the durable mempool. */
  readonly row: number;
}

interface AcceptItem {
  readonly p: PreparedTx;
  /** Index in the caller's request. */
  readonly i: number;
}

interface AcceptGroup {
  readonly items: readonly AcceptItem[];
  /** All or nothing: one refusal refuses the whole group. */
  readonly atomic: boolean;
  readonly resolve: (results: SubmitOutcome[]) => void;
}

function abortedBy(id: string | undefined): SubmitOutcome {
  return {
    ok: false,
    ...(id ? { id } : {}),
    code: 'BATCH_REJECTED',
    detail: 'another transaction of the batch was refused',
  };
}

/** What a flush has reserved so far: sequence numbers per sender, and ids. */
interface Reservations {
  get(key: string): number | undefined;
  has(key: string): boolean;
}

interface Head {
  readonly height: number;
  readonly hash: string;
  readonly header: BlockHeader;
  readonly checkpoint: string;
}

export class NodeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class CadwynNode {
  /** One `block` listener per SSE client and per waiting request: no fixed limit. */
  readonly events = new EventEmitter().setMaxListeners(0);
  readonly ledger = createLedger();
  readonly store: Store;
  readonly state: StateCache;
  /** Replaced at load by one that starts at a snapshot's frontier, on a node synced from one. */
  log = new MerkleLog();
  readonly validatorName: string;
  /** The member body that runs this node (it reports equivocation under its own key). */
  private readonly memberDid: string;
  private readonly nodeKey: PrivateKey;
  private head!: Head;
  private checkpointer: WalCheckpointer | undefined;
  private readonly queue: PendingTx[] = [];
  private queueStart = 0;
  private readonly pendingById = new Map<string, PendingTx>();
  /** Highest sequence number accepted per sender, and how many of theirs are pending. */
  private readonly pendingSeq = new Map<string, { next: number; count: number }>();
  private acceptQueue: AcceptGroup[] = [];
  private acceptScheduled = false;
  private producing = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private driver: ConsortiumDriver | undefined;
  private observer: Observer | undefined;
  /** Observer mode: the log's right edge, to build the next block on. */
  private frontier = LogFrontier.empty();
  private closed = false;
  readonly stats = { accepted: 0, rejectedAtDoor: 0, committed: 0, rejectedAtExecution: 0 };

  private constructor(
    readonly opts: NodeOptions,
    readonly deps: NodeDeps,
    readonly genesis: Genesis,
    private readonly pool: VerifyPool,
  ) {
    this.store = new Store(join(opts.dataDir, FILES.database), { synchronous: opts.synchronous });
    this.state = new StateCache(this.store, () => this.store.stateKeys());
    const key = readNodeKey(opts.dataDir);
    this.validatorName = key.file.validatorName;
    this.memberDid = key.file.member;
    this.nodeKey = key.privateKey;
  }

  static async open(opts: NodeOptions, deps: NodeDeps, genesis: Genesis): Promise<CadwynNode> {
    const dbPath = join(opts.dataDir, FILES.database);
    // A new observer, or a validator given peers, installs a verified snapshot first, then
    // follows from its height (a validator: from etcd).
    const syncing = opts.observe || (opts.consortium && (opts.peers?.length ?? 0) > 0);
    if (syncing && opts.fastSync !== false && isFreshDatabase(dbPath)) {
      const r = await fastSync({
        dbPath,
        genesis,
        peers: [...(opts.observe ? [opts.observe.url] : []), ...(opts.peers ?? [])],
        policy: genesisPolicy(genesis),
        log: deps.logger,
      });
      if (!r.ok && !SYNC_FALLBACK.has(r.code)) throw new NodeError(r.code, r.detail ?? r.code);
      if (!r.ok) deps.logger.warn({ code: r.code, detail: r.detail }, 'syncing from genesis');
    }
    const pool = new VerifyPool({ workers: opts.verifyWorkers });
    const node = new CadwynNode(opts, deps, genesis, pool);
    try {
      await node.load();
    } catch (e) {
      node.store.close();
      await pool.close();
      throw e;
    }
    return node;
  }

  get network(): string {
    return this.genesis.network;
  }

  get origin(): string {
    return this.genesis.origin;
  }

  get height(): number {
    return this.head.height;
  }

  get headHeader(): BlockHeader {
    return this.head.header;
  }

  get checkpoint(): string {
    return this.head.checkpoint;
  }

  get mempoolSize(): number {
    return this.pendingById.size;
  }

  /** True once shutdown has begun: no more submissions. */
  get closing(): boolean {
    return this.closed;
  }

  /** The sequence number the sender's next transaction must carry. */
  nextSeqFor(did: string): number {
    return (this.pendingSeq.get(did)?.next ?? accountSeq(this.state, did)) + 1;
  }

  /** The trust file for offline verification: validators' and members' public keys now. */
  consortiumKeys(): ConsortiumKeys {
    const members = memberDids(this.state)
      .map((d) => getMember(this.state, d))
      .filter((m): m is Member => !!m)
      .map((m) => ({ did: m.did, name: m.name, keys: m.keys }));
    return {
      v: 1,
      kind: 'cadwyn-consortium-keys',
      network: this.network,
      origin: this.origin,
      // In force at the head (changes stated for later heights are not yet).
      validators: validatorsAt(this.state, this.head.height),
      members,
      atHeight: this.head.height,
    };
  }

  /**
   * The checkpoint policy of the validators in force at `height` (default: the head). Exact for
   * heights at or above the head: changes are stated ahead (decision 0009, membership).
   */
  checkpointPolicy(height: number = this.head.height): CheckpointPolicy {
    const validators = validatorsAt(this.state, height).map((v) => {
      const bytes = fromBase64Url(v.publicKey);
      if (!bytes) throw new NodeError('STATE_CORRUPT', 'validator key malformed in state');
      return { name: v.name, publicKey: { alg: 'Ed25519' as const, bytes } };
    });
    return { origin: this.origin, validators, quorum: quorumFor(validators.length) };
  }

  private async load(): Promise<void> {
    const gh = genesisHash(this.genesis);
    const stored = this.store.getMeta('genesis');
    if (stored === undefined) {
      await this.writeGenesisBlock(gh);
    } else if (stored !== gh) {
      throw new NodeError('GENESIS_MISMATCH', 'the database belongs to another genesis');
    }
    const last = this.store.lastBlock();
    if (!last) throw new NodeError('STORE_CORRUPT', 'no blocks in the database');
    this.head = {
      height: last.height,
      hash: last.hash,
      header: JSON.parse(last.header) as BlockHeader,
      checkpoint: last.checkpoint,
    };
    // A node installed from a snapshot has no entries before it: its log starts at the
    // snapshot's (verified) frontier.
    const base = snapshotBase(this.store);
    if (base) {
      this.log = logFromFrontier(base);
      this.frontier = base;
    }
    // Rebuild the Merkle log from the stored entries; it must match the head block.
    for (const row of this.store.iterateTxs()) {
      if (row.logIndex !== this.log.size) {
        throw new NodeError('STORE_CORRUPT', `log entry ${this.log.size} missing`);
      }
      const leaf = leafHash(utf8(row.entry));
      this.log.append(leaf);
      if (this.opts.observe) this.frontier = this.frontier.append([leaf]);
    }
    if (
      this.log.size !== this.head.header.logSize ||
      toHex(this.log.root()) !== this.head.header.logRoot
    ) {
      throw new NodeError(
        'STORE_CORRUPT',
        `log does not match block ${this.head.height}: run cadwyn verify`,
      );
    }
    // Acknowledged transactions waiting in the durable mempool come back in their order.
    for (const row of this.store.pending()) {
      const p = prepareTx(JSON.parse(row.tx));
      if (!p.ok) throw new NodeError('STORE_CORRUPT', `mempool row ${row.seq} malformed`);
      this.enqueue({ p: p.value, receivedMs: row.receivedMs, row: row.seq });
    }
    this.checkpointer = new WalCheckpointer({
      dbPath: join(this.opts.dataDir, FILES.database),
      intervalMs: 250,
    });
    this.store.autoCheckpoint(false);
    if (this.opts.observe) {
      this.startObserver(this.opts.observe);
    } else if (this.opts.consortium) {
      await this.startConsortium(this.opts.consortium);
    } else {
      // A failure is logged and stops the node (see produceBlockInner); /readyz then says so.
      this.timer = setInterval(
        () => void this.produceBlock().catch(() => undefined),
        this.opts.blockIntervalMs,
      );
    }
    this.deps.logger.info(
      { height: this.head.height, logSize: this.log.size, pending: this.pendingById.size },
      'node opened',
    );
  }

  /** Consortium mode: this node's validator follows etcd and writes blocks once final. */
  private async startConsortium(c: ConsortiumOptions): Promise<void> {
    if (this.queueLength() > 0) {
      // A solo mempool left behind would be a second, unordered way in: refuse to guess.
      throw new NodeError('MODE_CHANGED', 'the solo mempool is not empty; start solo to drain it');
    }
    const ordering = new EtcdOrdering({
      hosts: c.etcd,
      network: this.network,
      now: this.deps.clock,
    });
    this.driver = await ConsortiumDriver.start(
      {
        genesis: this.genesis,
        ledger: this.ledger,
        store: this.store,
        validatorName: this.validatorName,
        nodeKey: this.nodeKey,
        validators: this.checkpointPolicy().validators,
        blockIntervalMs: this.opts.blockIntervalMs,
        blockTxMax: this.opts.blockTxMax,
        clock: this.deps.clock,
        log: this.deps.logger,
        storedHeight: () => this.head.height,
        reportEquivocation: (e) => void this.reportEquivocation(e),
        commitFinal: (b, note) => this.commitFinal(b, note),
      },
      c,
      ordering,
    );
  }

  /** Observer mode: follows another node and stores only what it re-verified. */
  private startObserver(o: ObserveOptions): void {
    this.observer = new Observer(
      {
        genesis: this.genesis,
        ledger: this.ledger,
        state: this.scannableState(),
        log: this.deps.logger,
        tip: () => ({ header: this.head.header, hash: this.head.hash, log: this.frontier }),
        policy: (height) => this.checkpointPolicy(height),
        commit: (built, note) => {
          this.commitBlock(built, note);
          this.frontier = built.log;
        },
      },
      o,
    );
    this.observer.start();
  }

  observerStatus(): ObserverStatus | undefined {
    return this.observer?.status();
  }

  /**
   * Puts equivocation evidence on the ledger, signed by this node's member body (every honest
   * node that saw it tries; the ledger records it once: EVIDENCE_KNOWN for the rest).
   */
  private async reportEquivocation(e: {
    validator: string;
    height: number;
    noteA: string;
    noteB: string;
  }): Promise<void> {
    if (getEvidence(this.state, e.validator, e.height) || this.closed) return;
    const body = loadHostedBodies(this.opts.dataDir).find((b) => b.did === this.memberDid);
    if (!body) {
      this.deps.logger.warn(
        { member: this.memberDid },
        'no member key here to report equivocation',
      );
      return;
    }
    try {
      const tx = await signTx(
        {
          v: 1,
          network: this.network,
          type: 'consortium.equivocation',
          sender: body.did,
          seq: this.nextSeqFor(body.did),
          timeMs: this.deps.clock(),
          payload: { validator: e.validator, noteA: e.noteA, noteB: e.noteB },
        },
        [{ did: body.did, keyId: body.keyId, privateKey: body.privateKey }],
        nodeCryptoBackend,
      );
      const [o] = await this.submit([tx]);
      this.deps.logger.warn(
        { validator: e.validator, height: e.height, outcome: o?.ok ? o.id : o?.code },
        'equivocation evidence submitted',
      );
    } catch (err) {
      this.deps.logger.error({ err: String(err) }, 'could not submit equivocation evidence');
    }
  }

  /** The consortium validator's view, when this node runs one. */
  consortiumStatus(): ConsortiumStatus | undefined {
    const s = this.driver?.status();
    if (!s) return undefined;
    // Validator changes stated for heights not yet stored (decision 0009, membership).
    const pending = pendingValidatorChanges(this.state).filter(
      (c) => c.effectiveHeight > this.head.height,
    );
    return pending.length > 0 ? { ...s, pendingValidatorChanges: pending } : s;
  }

  /** Writes a block that more than 2/3 of the validators cosigned (consortium mode). */
  private commitFinal(b: AppliedBlock, note: string): void {
    this.commitBlock(b.built, note);
  }

  /** Writes a final block: its header, log entries, state diff and refusals, in one commit. */
  private commitBlock(built: BuiltBlock, note: string): void {
    const { header, hash } = built;
    const height = header.height;
    const texts = canonicalDiff(built.diff);
    const logSizeBefore = this.log.size;
    this.store.atomically(() => {
      this.store.putBlock({ height, hash, header: canonicalJson(header), checkpoint: note });
      built.included.forEach((id, k) => {
        this.store.putTx({
          logIndex: logSizeBefore + k,
          id,
          height,
          entry: built.entries[k] ?? '',
        });
      });
      this.store.applyDiff(texts);
      for (const r of built.refused) {
        this.store.putRejected({ id: r.id, code: r.code, detail: null, atMs: header.timeMs });
      }
      // The state at a commitment height is kept to serve to nodes that sync from a snapshot.
      if (built.snapshotRoot) {
        saveSnapshot(this.store, { height, hash, header, checkpoint: note }, built.log);
      }
    });
    this.log.appendMany(built.entries.map((e) => leafHash(utf8(e))));
    this.state.applied(built.diff);
    this.head = { height, hash, header, checkpoint: note };
    this.keepWalBounded();
    for (const id of [...built.included, ...built.refused.map((r) => r.id)]) {
      const t = this.pendingById.get(id);
      if (t) this.forgetPending(t);
    }
    this.stats.committed += built.included.length;
    this.stats.rejectedAtExecution += built.refused.length;
    const ev: BlockEvent = {
      height,
      hash,
      timeMs: header.timeMs,
      txCount: built.included.length,
      logSize: header.logSize,
    };
    this.events.emit('block', ev);
  }

  private async writeGenesisBlock(gh: string): Promise<void> {
    const { header, diff, texts } = genesisBlock(this.genesis);
    const hash = blockHash(header);
    const checkpoint = await this.signCheckpointFor(header, hash);
    this.store.atomically(() => {
      this.store.applyDiff(texts);
      this.store.putBlock({ height: 0, hash, header: canonicalJson(header), checkpoint });
      this.store.putMeta('genesis', gh);
    });
    this.state.applied(diff);
  }

  /** The committed state, able to list its rows (for state commitments and snapshots). */
  scannableState(): ScannableState {
    const store = this.store;
    return {
      get: (key) => this.state.get(key),
      *scanState() {
        for (const r of store.stateRows()) yield [r.key, r.value] as const;
      },
    };
  }

  private async signCheckpointFor(
    header: BlockHeader,
    hash: string,
    snapshotRoot?: Uint8Array,
  ): Promise<string> {
    const cp: Checkpoint = {
      origin: this.origin,
      logSize: header.logSize,
      logRoot: hexBytes(header.logRoot),
      height: header.height,
      blockHash: hexBytes(hash),
      stateRoot: hexBytes(header.stateRoot),
      timeMs: header.timeMs,
      ...(snapshotRoot ? { snapshotRoot } : {}),
    };
    return signCheckpoint(
      cp,
      { name: this.validatorName, privateKey: this.nodeKey },
      nodeCryptoBackend,
    );
  }

  // ---- accepting transactions ----

  /**
   * Checks and durably accepts transactions. Each outcome says accepted (pending) or why not;
   * an accepted transaction is on disk before this resolves.
   */
  /**
   * Checks and durably accepts transactions given as values (in-process callers). Each outcome
   * says accepted (pending) or why not.
   */
  async submit(
    items: readonly unknown[],
    opts: { readonly atomic?: boolean } = {},
  ): Promise<SubmitOutcome[]> {
    if (items.length === 0) return [];
    const r = await this.submitRaw(JSON.stringify(items), {
      ...opts,
      batchTxMax: Math.max(items.length, this.opts.batchTxMax),
    });
    if (!r.ok)
      return items.map(() => ({
        ok: false,
        code: r.code,
        ...(r.detail ? { detail: r.detail } : {}),
      }));
    return [...r.outcomes];
  }

  /**
   * Checks and durably accepts a submitted JSON body: one transaction or an array. The
   * stateless checks (parse, shape, id, did:key signatures) run in the worker threads; an
   * accepted transaction is on disk before this resolves.
   */
  async submitRaw(
    raw: string,
    opts: { readonly atomic?: boolean; readonly batchTxMax?: number } = {},
  ): Promise<
    | { readonly ok: false; readonly code: string; readonly detail?: string }
    | { readonly ok: true; readonly single: boolean; readonly outcomes: readonly SubmitOutcome[] }
  > {
    if (this.closed) throw new NodeError('NODE_CLOSED', 'the node is shutting down');
    if (this.observer) {
      return {
        ok: false,
        code: 'OBSERVER_READ_ONLY',
        detail: `send it to ${this.opts.observe?.url ?? 'a validator'}`,
      };
    }
    const checked = await this.pool.ingest(raw, opts.batchTxMax ?? this.opts.batchTxMax);
    if (!checked.ok) return checked;
    const outcomes: SubmitOutcome[] = new Array(checked.items.length);
    const group: AcceptItem[] = [];
    checked.items.forEach((item, i) => {
      if (!item.ok) {
        outcomes[i] = item;
        return;
      }
      const tx = JSON.parse(item.canonicalTx) as SignedTx;
      group.push({
        i,
        p: { tx, id: item.id, canonicalBody: item.canonicalBody, canonicalTx: item.canonicalTx },
      });
    });
    if (opts.atomic && group.length < checked.items.length) {
      for (const g of group) outcomes[g.i] = abortedBy(g.p.id);
    } else if (group.length > 0) {
      const results = await new Promise<SubmitOutcome[]>((resolve) => {
        this.acceptQueue.push({ items: group, atomic: opts.atomic ?? false, resolve });
        this.scheduleAccept();
      });
      group.forEach((g, k) => {
        const o = results[k];
        if (o) outcomes[g.i] = o;
      });
    }
    for (const o of outcomes) {
      if (o.ok) this.stats.accepted++;
      else this.stats.rejectedAtDoor++;
    }
    return { ok: true, single: checked.single, outcomes };
  }

  private scheduleAccept(): void {
    if (this.acceptScheduled || this.acceptQueue.length === 0) return;
    this.acceptScheduled = true;
    // Group commit: everything verified by the next turn of the event loop shares one fsync.
    setImmediate(() => {
      this.acceptScheduled = false;
      this.flushAccepts();
    });
  }

  /** The door checks that need state; returns a refusal, or undefined to accept. */
  private admit(
    p: PreparedTx,
    block: { network: string; height: number; timeMs: number },
    reserved: Reservations,
    admitted: number,
  ): { code: string; detail?: string } | undefined {
    const duplicate = { code: 'TX_DUPLICATE', detail: 'this transaction was already accepted' };
    if (this.pendingById.has(p.id) || reserved.has(`id:${p.id}`)) return duplicate;
    if (this.pendingById.size + admitted >= this.opts.mempoolTxMax) {
      return { code: 'MEMPOOL_FULL', detail: 'the node is busy; retry shortly' };
    }
    const sender = p.tx.body.sender;
    const expected =
      (reserved.get(sender) ??
        this.pendingSeq.get(sender)?.next ??
        accountSeq(this.state, sender)) + 1;
    // A dry run on a throwaway overlay: the door refuses what execution would refuse now
    // (bad payload, signatures, authorisation, a digest already notarised…).
    const v = this.ledger.execute(new StateOverlay(this.state), block, p, this.log.size, {
      didKeySignaturesVerified: true,
      expectedSeq: expected,
    });
    if (!v.ok) {
      // A committed transaction sent again fails on its used sequence number; only then is it
      // worth an index look-up to say "duplicate" rather than "replayed".
      if (v.code === 'TX_REPLAYED' && this.store.txById(p.id)) return duplicate;
      return v;
    }
    return undefined;
  }

  private flushAccepts(): void {
    const groups = this.acceptQueue;
    this.acceptQueue = [];
    const nowMs = this.deps.clock();
    const block = { network: this.network, height: this.head.height + 1, timeMs: nowMs };
    const reserved = new Map<string, number>();
    const accepted: { p: PreparedTx; results: SubmitOutcome[]; k: number }[] = [];
    const done: { group: AcceptGroup; results: SubmitOutcome[] }[] = [];
    for (const group of groups) {
      const mine = new Map<string, number>();
      const layered: Reservations = {
        get: (k) => mine.get(k) ?? reserved.get(k),
        has: (k) => mine.has(k) || reserved.has(k),
      };
      const results: SubmitOutcome[] = [];
      const ok: number[] = [];
      group.items.forEach(({ p }, k) => {
        const refusal = this.admit(p, block, layered, accepted.length + ok.length);
        if (refusal) {
          results[k] = { ok: false, id: p.id, ...refusal };
        } else {
          mine.set(p.tx.body.sender, p.tx.body.seq);
          mine.set(`id:${p.id}`, 0);
          ok.push(k);
        }
      });
      if (group.atomic && ok.length < group.items.length) {
        for (const k of ok) results[k] = abortedBy(group.items[k]?.p.id);
      } else {
        for (const [key, v] of mine) reserved.set(key, v);
        for (const k of ok) {
          const item = group.items[k];
          if (item) accepted.push({ p: item.p, results, k });
        }
      }
      done.push({ group, results });
    }
    if (accepted.length > 0 && this.driver) {
      const driver = this.driver;
      void this.orderAccepted(driver, accepted, nowMs).then(() => {
        for (const d of done) d.group.resolve(d.results);
      });
      return;
    }
    if (accepted.length > 0) {
      try {
        const rows = this.store.atomically(() =>
          this.store.putPending(
            accepted.map(({ p }) => ({ tx: p.canonicalTx, receivedMs: nowMs })),
          ),
        );
        for (const [k, a] of accepted.entries()) {
          this.enqueue({ p: a.p, receivedMs: nowMs, row: rows[k] ?? 0 });
          a.results[a.k] = { ok: true, id: a.p.id, status: 'pending' };
        }
      } catch (e) {
        this.deps.logger.error({ err: String(e) }, 'could not write the mempool');
        for (const a of accepted) {
          a.results[a.k] = { ok: false, id: a.p.id, code: 'STORAGE_FAILED', detail: 'try again' };
        }
      }
    }
    for (const d of done) d.group.resolve(d.results);
    if (this.queueLength() >= this.opts.blockTxMax) void this.produceBlock().catch(() => undefined);
  }

  /**
   * Consortium mode: the accepted txs go to etcd; each is answered "pending" only once a
   * majority of etcd members have it on disk, so an acknowledged tx outlives this node.
   */
  private async orderAccepted(
    driver: ConsortiumDriver,
    accepted: readonly { p: PreparedTx; results: SubmitOutcome[]; k: number }[],
    nowMs: number,
  ): Promise<void> {
    // Tracked before the ack, so the next batch's sequence numbers see these.
    const tracked = accepted.map((a) => {
      const t: PendingTx = { p: a.p, receivedMs: nowMs, row: 0 };
      this.track(t);
      return t;
    });
    // The orderer writes puts in the order they are called (batched, one etcd txn at a time),
    // so a sender's seq n+1, accepted after seq n, is never ordered before it.
    const puts = await Promise.all(accepted.map((a) => driver.putTx(a.p.id, a.p.canonicalTx)));
    puts.forEach((r, i) => {
      const a = accepted[i] as (typeof accepted)[number];
      if (r.ok) {
        a.results[a.k] = { ok: true, id: a.p.id, status: 'pending' };
      } else {
        // Possibly ordered after all (a timed-out write is ambiguous): sending it again is safe.
        const t = tracked[i];
        if (t && this.pendingById.get(a.p.id) === t) this.forgetPending(t);
        a.results[a.k] = { ok: false, id: a.p.id, code: r.code, detail: 'try again' };
      }
    });
  }

  private enqueue(t: PendingTx): void {
    this.queue.push(t);
    this.track(t);
  }

  private track(t: PendingTx): void {
    this.pendingById.set(t.p.id, t);
    const sender = t.p.tx.body.sender;
    const s = this.pendingSeq.get(sender);
    this.pendingSeq.set(sender, { next: t.p.tx.body.seq, count: (s?.count ?? 0) + 1 });
  }

  private queueLength(): number {
    return this.queue.length - this.queueStart;
  }

  private takeBatch(max: number): PendingTx[] {
    const end = Math.min(this.queue.length, this.queueStart + max);
    const out = this.queue.slice(this.queueStart, end);
    this.queueStart = end;
    if (this.queueStart > 65536 && this.queueStart * 2 > this.queue.length) {
      this.queue.splice(0, this.queueStart);
      this.queueStart = 0;
    }
    return out;
  }

  private forgetPending(t: PendingTx): void {
    this.pendingById.delete(t.p.id);
    const sender = t.p.tx.body.sender;
    const s = this.pendingSeq.get(sender);
    if (!s) return;
    // After a rejection the rest of this sender's queue has a gap; those fail at execution
    // with TX_SEQ_GAP, which their status then says.
    if (s.count <= 1) this.pendingSeq.delete(sender);
    else this.pendingSeq.set(sender, { next: s.next, count: s.count - 1 });
  }

  // ---- producing blocks ----

  /** Cuts, executes and commits one block from the mempool. Returns its height, if any. */
  async produceBlock(): Promise<number | undefined> {
    if (this.producing || this.closed || this.driver || this.queueLength() === 0) return undefined;
    this.producing = true;
    try {
      return await this.produceBlockInner();
    } finally {
      this.producing = false;
    }
  }

  private async produceBlockInner(): Promise<number | undefined> {
    try {
      return await this.cutBlock();
    } catch (e) {
      // The batch left the in-memory queue but not the disk: stop, so the next block cannot
      // delete those rows; a restart takes them up again (safety before liveness).
      if (!this.closed) {
        this.deps.logger.error({ err: String(e) }, 'block production failed; stopping');
        this.closed = true;
        if (this.timer) clearInterval(this.timer);
      }
      throw e;
    }
  }

  private async cutBlock(): Promise<number | undefined> {
    const batch = this.takeBatch(this.opts.blockTxMax);
    // FIFO: every mempool row up to the batch's last is in this block or refused by it.
    const lastRow = batch[batch.length - 1]?.row ?? 0;
    const prev = this.head;
    const height = prev.height + 1;
    const timeMs = Math.max(this.deps.clock(), prev.header.timeMs);
    const ctx = { network: this.network, height, timeMs };
    const overlay = new StateOverlay(this.state);
    const included: PendingTx[] = [];
    const entries: string[] = [];
    const rejected: { t: PendingTx; code: string; detail?: string }[] = [];
    for (const t of batch) {
      const logIndex = this.log.size + included.length;
      const v = this.executeGuarded(overlay, ctx, t.p, logIndex);
      if (v.ok) {
        included.push(t);
        entries.push(logEntryText(height, timeMs, t.p.canonicalTx));
      } else {
        rejected.push({ t, code: v.code, ...(v.detail ? { detail: v.detail } : {}) });
      }
    }
    const diff = overlay.diff();
    let header: BlockHeader | undefined;
    let hash = '';
    let checkpoint = '';
    if (included.length > 0) {
      const texts = canonicalDiff(diff);
      const leaves = entries.map((e) => leafHash(utf8(e)));
      const txRoot = toHex(rootOf(leaves));
      const logSizeBefore = this.log.size;
      this.log.appendMany(leaves);
      header = {
        v: 1,
        network: this.network,
        height,
        prevHash: prev.hash,
        timeMs,
        txCount: included.length,
        txRoot,
        logSize: this.log.size,
        logRoot: toHex(this.log.root()),
        stateRoot: nextStateRoot(prev.header.stateRoot, diff, texts),
        proposer: this.validatorName,
      };
      hash = blockHash(header);
      // Every `snapshotEvery` blocks the checkpoint also commits to the whole state (0009).
      const snapshotRoot = snapshotRootAfter(this.scannableState(), diff, height);
      checkpoint = await this.signCheckpointFor(header, hash, snapshotRoot);
      const h = header;
      this.store.atomically(() => {
        this.store.putBlock({ height, hash, header: canonicalJson(h), checkpoint });
        included.forEach((t, k) => {
          this.store.putTx({
            logIndex: logSizeBefore + k,
            id: t.p.id,
            height,
            entry: entries[k] ?? '',
          });
        });
        this.store.deletePendingUpTo(lastRow);
        this.store.applyDiff(texts);
        this.writeRejections(rejected, timeMs);
        if (snapshotRoot) {
          saveSnapshot(
            this.store,
            { height, hash, header: h, checkpoint },
            frontierOfLog(this.log),
          );
        }
      });
      this.state.applied(diff);
      this.head = { height, hash, header, checkpoint };
      this.keepWalBounded();
    } else {
      this.store.atomically(() => {
        this.writeRejections(rejected, timeMs);
        this.store.deletePendingUpTo(lastRow);
      });
    }
    for (const t of included) this.forgetPending(t);
    for (const r of rejected) this.forgetPending(r.t);
    this.stats.committed += included.length;
    this.stats.rejectedAtExecution += rejected.length;
    if (header) {
      const ev: BlockEvent = {
        height,
        hash,
        timeMs,
        txCount: included.length,
        logSize: header.logSize,
      };
      this.events.emit('block', ev);
      return height;
    }
    return undefined;
  }

  /**
   * The checkpointer thread keeps the WAL short; if it died, or cannot keep up (a checkpoint
   * never completes under constant load), the writer takes over so the file stays bounded.
   */
  private keepWalBounded(): void {
    if (this.checkpointer && !this.checkpointer.healthy) {
      this.deps.logger.warn({}, 'WAL checkpointer stopped; checkpointing in the writer');
      this.checkpointer = undefined;
      this.store.autoCheckpoint(true);
    }
    if (this.store.walBytes() > WAL_BYTES_MAX) {
      this.deps.logger.warn({ walBytes: this.store.walBytes() }, 'WAL too long; checkpointing');
      this.store.checkpointWal();
    }
  }

  /**
   * Executes one transaction; a module that throws (a bug, and deterministic, so every node
   * throws alike) refuses that transaction instead of losing the block it was in.
   */
  private executeGuarded(
    overlay: StateOverlay,
    ctx: { network: string; height: number; timeMs: number },
    p: PreparedTx,
    logIndex: number,
  ): { ok: true } | { ok: false; code: string; detail?: string } {
    try {
      // execute() writes into `overlay` only when the whole transaction succeeds.
      return this.ledger.execute(overlay, ctx, p, logIndex, { didKeySignaturesVerified: true });
    } catch (e) {
      this.deps.logger.error({ err: String(e), id: p.id, type: p.tx.body.type }, 'module threw');
      return { ok: false, code: 'TX_EXECUTION_FAILED', detail: 'the node could not execute it' };
    }
  }

  private writeRejections(
    rejected: readonly { t: PendingTx; code: string; detail?: string }[],
    atMs: number,
  ): void {
    for (const r of rejected) {
      this.store.putRejected({ id: r.t.p.id, code: r.code, detail: r.detail ?? null, atMs });
    }
  }

  // ---- reading ----

  txStatus(id: string): TxStatus | undefined {
    const pending = this.pendingById.get(id);
    if (pending) return { status: 'pending', id, receivedMs: pending.receivedMs };
    const row = this.store.txById(id);
    if (row) {
      const entry = JSON.parse(row.entry) as { timeMs: number };
      // Solo: the block's own validator signature is the whole quorum, so committed = final.
      return {
        status: this.isFinal(row.height) ? 'final' : 'committed',
        id,
        height: row.height,
        logIndex: row.logIndex,
        blockTimeMs: entry.timeMs,
      };
    }
    const rej = this.store.rejected(id);
    if (rej) {
      return {
        status: 'rejected',
        id,
        code: rej.code,
        ...(rej.detail ? { detail: rej.detail } : {}),
      };
    }
    return undefined;
  }

  isFinal(height: number): boolean {
    // A consortium node stores a block only once it is final.
    return (
      height <= this.head.height &&
      (!!this.driver || !!this.observer || this.checkpointPolicy().quorum <= 1)
    );
  }

  /** The committed transaction, its log entry, and an inclusion proof in the latest log. */
  receiptParts(id: string):
    | {
        entry: Json;
        logIndex: number;
        height: number;
        proof: string[];
        checkpoint: string;
        logSize: number;
      }
    | undefined {
    const row = this.store.txById(id);
    if (!row) return undefined;
    const head = this.head;
    const proof = this.log.inclusionProof(row.logIndex, head.header.logSize).map(toHex);
    return {
      entry: JSON.parse(row.entry) as Json,
      logIndex: row.logIndex,
      height: row.height,
      proof,
      checkpoint: head.checkpoint,
      logSize: head.header.logSize,
    };
  }

  /** Waits until a transaction is no longer pending (or the timeout passes). */
  async waitFor(id: string, timeoutMs: number): Promise<TxStatus | undefined> {
    const deadline = this.deps.clock() + timeoutMs;
    for (;;) {
      const s = this.txStatus(id);
      if (!s || s.status !== 'pending' || this.deps.clock() >= deadline) return s;
      await new Promise<void>((resolve) => {
        // Whichever comes first removes the other: no listener is left behind.
        const done = () => {
          clearTimeout(t);
          this.events.off('block', done);
          resolve();
        };
        const t = setTimeout(done, Math.min(100, timeoutMs));
        this.events.on('block', done);
      });
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.observer?.close();
    if (this.observer) this.closed = true;
    if (this.driver) {
      // What etcd acknowledged stays there for the others to finish; nothing to flush here.
      this.closed = true;
      await this.driver.close();
    }
    // Let pending acceptances land, then one last block so little waits in the mempool.
    if (this.acceptQueue.length > 0) this.flushAccepts();
    while (this.producing) await new Promise((r) => setTimeout(r, 5));
    if (!this.closed) {
      try {
        await this.produceBlock();
      } catch {
        // already logged; the mempool keeps what was not committed
      }
    }
    this.closed = true;
    this.events.removeAllListeners();
    await this.pool.close();
    await this.checkpointer?.close();
    try {
      this.store.checkpointWal();
    } catch {
      // a reader holds the WAL: the next start checkpoints it
    }
    this.store.close();
  }
}

function hexBytes(hex: string): Uint8Array {
  const b = fromHex(hex);
  if (!b) throw new NodeError('STATE_CORRUPT', 'bad hex in header');
  return b;
}
