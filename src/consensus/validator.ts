// One consortium validator (decision 0009) as a pure state machine: events in (ordered txs,
// proposals, cosignatures, lease news, ticks), effects out (puts to the orderer, finality,
// evidence, alarms). No I/O, clock or randomness of its own: the caller passes `now`, the storage
// and the signature backend, so the simulator can drive it step by step and replay a seed.
import { blockHash } from '../core/block.js';
import { fromBase64Url, toBase64Url } from '../core/bytes.js';
import { canonicalJson } from '../core/jcs.js';
import type { Json } from '../core/jcs.js';
import type { PrivateKey, PublicKey, SignatureBackend } from '../core/crypto.js';
import { formatCheckpoint, parseCheckpoint, quorumFor } from '../core/checkpoint.js';
import type { NoteVerifier } from '../core/note.js';
import {
  SIG_TYPE_COSIGNATURE_V1,
  mergeNoteSignatures,
  noteVerifier,
  openNote,
  signNote,
} from '../core/note.js';
import { prepareTx } from '../core/tx.js';
import type { BuiltBlock, ChainTip, OrderedTx, Proposal } from '../ledger/block-builder.js';
import {
  buildBlock,
  checkpointOf,
  checkProposal,
  LogFrontier,
  parseProposal,
  proposalFor,
} from '../ledger/block-builder.js';
import type { Genesis } from '../ledger/genesis.js';
import { genesisBlock } from '../ledger/genesis.js';
import { validatorChangeLead, validatorsAt } from '../ledger/modules/governance.js';
import type { ExecuteOptions, Ledger } from '../ledger/ledger.js';
import { MemoryState } from '../ledger/state.js';

export interface ValidatorKey {
  readonly name: string;
  readonly publicKey: PublicKey;
}

/**
 * Durable storage of the validator's chain: one record per height ≥ 1, written before the
 * validator cosigns it (the node's SQLite; memory in the simulator), and the halt, which
 * survives a restart: a halted validator stays halted until its operator looks.
 */
export interface ChainStorage {
  get(height: number): string | undefined;
  set(height: number, record: string): void;
  delete(height: number): void;
  getHalt(): string | undefined;
  setHalt(reason: string): void;
}

export class MemoryChainStorage implements ChainStorage {
  readonly blocks = new Map<number, string>();
  halt: string | undefined;
  get(height: number): string | undefined {
    return this.blocks.get(height);
  }
  set(height: number, record: string): void {
    this.blocks.set(height, record);
  }
  delete(height: number): void {
    this.blocks.delete(height);
  }
  getHalt(): string | undefined {
    return this.halt;
  }
  setHalt(reason: string): void {
    this.halt = reason;
  }
  clone(): MemoryChainStorage {
    const c = new MemoryChainStorage();
    for (const [h, r] of this.blocks) c.blocks.set(h, r);
    c.halt = this.halt;
    return c;
  }
}

export interface ValidatorConfig {
  readonly name: string;
  readonly privateKey: PrivateKey;
  /**
   * More keys of this validator, for a key rotation stated ahead: at each height it cosigns with
   * whichever of its keys is the one in force (none in force: it follows without cosigning).
   */
  readonly otherKeys?: readonly PrivateKey[];
  readonly backend: SignatureBackend;
  readonly ledger: Ledger;
  readonly genesis: Genesis;
  readonly maxDriftMs: number;
  /** The leader cuts a block no sooner than this after the previous block's time. */
  readonly blockIntervalMs: number;
  readonly maxTxsPerBlock: number;
  /** Puts not yet seen back from the orderer are retried this often. */
  readonly retryMs: number;
  readonly execOpts?: ExecuteOptions;
  /** Snapshot sync (decision 0009): start from this verified state and tip, not genesis. */
  readonly snapshot?: {
    readonly rows: Iterable<readonly [string, Json]>;
    readonly tip: ChainTip & { readonly toRev: number };
  };
}

export type ValidatorEvent =
  /** Every ordered tx with revision in (after, upTo]: a watch event or a re-read page. */
  | {
      readonly kind: 'txs';
      readonly after: number;
      readonly upTo: number;
      readonly entries: readonly OrderedTx[];
    }
  | {
      readonly kind: 'block';
      readonly height: number;
      readonly proposal: string;
      /** Who held the lease when the orderer accepted the put (the fencing), if it says. */
      readonly leader?: string;
    }
  | {
      readonly kind: 'cosig';
      readonly height: number;
      readonly validator: string;
      readonly note: string;
    }
  /** This validator holds the proposer lease until `until` (its own clock). */
  | { readonly kind: 'lease'; readonly until: number }
  | { readonly kind: 'tick' };

export type AlarmCode =
  | 'DIVERGED'
  | 'WOULD_EQUIVOCATE'
  | 'PROPOSAL_REFUSED'
  | 'ORDERER_BLOCK_CHANGED'
  | 'CONFLICTING_FINALITY'
  | 'STORE_CORRUPT'
  /** Halted before the restart (the stored reason is in the detail). */
  | 'HALTED_BEFORE';

export type Effect =
  | { readonly kind: 'putBlock'; readonly height: number; readonly proposal: string }
  | { readonly kind: 'putCosig'; readonly height: number; readonly note: string }
  /** `checkpoint` (the body) became final at `height` in this validator's view. */
  | { readonly kind: 'final'; readonly height: number; readonly checkpoint: string }
  | {
      readonly kind: 'evidence';
      readonly validator: string;
      readonly height: number;
      readonly noteA: string;
      readonly noteB: string;
    }
  /** Stop campaigning and give up the lease if held: a halted validator must not block others. */
  | { readonly kind: 'resign' }
  /** `halted`: the validator stopped cutting and cosigning (safety before liveness). */
  | {
      readonly kind: 'alarm';
      readonly code: AlarmCode;
      readonly detail: string;
      readonly halted: boolean;
    };

interface StoredBlock {
  readonly proposal: string;
  /** The range's txs (canonical signed tx text) in revision order. */
  readonly txs: readonly { readonly revision: number; readonly tx: string }[];
  readonly checkpoint: string;
  readonly note: string;
}

interface Applied {
  readonly proposal: string;
  readonly checkpoint: string;
  readonly note: string;
  readonly included: readonly string[];
  readonly refused: readonly string[];
  /** The orderer revision the block's range ends at. */
  readonly toRev: number;
}

type Tip = ChainTip & { readonly toRev: number };

/** A block this validator applied: what a node writes to its store once the block is final. */
export interface AppliedBlock {
  readonly height: number;
  readonly built: BuiltBlock;
  readonly proposal: Proposal;
  /** The range's txs in revision order (included and refused). */
  readonly range: readonly OrderedTx[];
  /** The checkpoint body this validator cosigned. */
  readonly checkpoint: string;
}

export interface Evidence {
  readonly validator: string;
  readonly height: number;
  readonly noteA: string;
  readonly noteB: string;
}

/**
 * The validators in force from height `from` until the next epoch: a pure function of the
 * ledger's state (`validatorsAt`), known ahead because changes are stated at least a lead ahead.
 */
interface Epoch {
  readonly from: number;
  /** name → base64url public key. */
  readonly keys: ReadonlyMap<string, string>;
  readonly quorum: number;
  /** For comparing epochs. */
  readonly text: string;
}

/** Cosignatures held back for a height whose validator set is not known yet (at most this many). */
const EARLY_COSIGS_MAX = 4096;

export class ValidatorCore {
  /** Verifiers by `name\nkey`: a rotated key gets its own. */
  private readonly verifiers = new Map<string, NoteVerifier>();
  private readonly epochs: Epoch[] = [];
  /** Sets are known up to tip + lead (a change in block b takes effect at b + lead or later). */
  private setsKnownUpTo = -1;
  private readonly lead: number;
  /** Our own keys by base64url public key, to see which (if any) is in force at a height. */
  private readonly ownKeys = new Map<string, PrivateKey>();
  /** Cosignatures for heights beyond the known sets: checked once the sets reach them. */
  private readonly early = new Map<number, { validator: string; note: string }[]>();
  private earlyCount = 0;
  private resignSentAt = -Infinity;
  private readonly origin: string;
  private readonly state = new MemoryState();
  private tip: Tip;
  /** What this validator cosigned, by height. */
  private readonly applied = new Map<number, Applied>();
  /** Ordered txs known, in revision order, with every tx up to txKnownUpTo present. */
  private readonly txs: OrderedTx[] = [];
  private txKnownUpTo = 0;
  /** Proposals seen from the orderer and not yet applied, by height. */
  private readonly pending = new Map<number, string>();
  private readonly parsed = new Map<string, ReturnType<typeof parseProposal>>();
  private readonly leaders = new Map<number, string>();
  /** height → validator → checkpoint body → note: every verified cosignature ever seen. */
  private readonly cosigs = new Map<number, Map<string, Map<string, string>>>();
  /** Checked notes → their checkpoint, or null if bad: duplicates cost no signature check. */
  private readonly checkedNotes = new Map<string, { text: string; height: number } | null>();
  private readonly finals = new Map<number, string>();
  private highestFinal = 0;
  readonly evidence: Evidence[] = [];
  private halt: { code: AlarmCode; detail: string } | undefined;
  private leaseUntil = 0;
  /** Our own proposal under way, with what building it computed (reused when it comes back). */
  private proposing:
    | {
        height: number;
        text: string;
        sentAt: number;
        built: ReturnType<typeof buildBlock>;
        range: readonly OrderedTx[];
      }
    | undefined;
  private readonly cosigSent = new Map<number, number>();
  private readonly cosigBack = new Set<number>();
  /** Counted, not alarmed: a bad cosignature is hostile input, not our failure. */
  rejectedCosigs = 0;
  /** Applied blocks the caller has not released yet (see appliedBlock). */
  private readonly unreleased = new Map<number, AppliedBlock>();

  private constructor(
    private readonly cfg: ValidatorConfig,
    private readonly storage: ChainStorage,
  ) {
    this.origin = cfg.genesis.origin;
    const g = genesisBlock(cfg.genesis);
    this.state.apply(g.diff);
    if (cfg.snapshot) {
      this.state.map.clear();
      for (const [k, v] of cfg.snapshot.rows) this.state.put(k, v);
    }
    this.lead = validatorChangeLead(this.state);
    this.tip = cfg.snapshot?.tip ?? {
      header: g.header,
      hash: blockHash(g.header),
      log: LogFrontier.empty(),
      toRev: 0,
    };
    this.txKnownUpTo = this.tip.toRev;
    this.extendSets();
  }

  /**
   * Records the sets in force up to tip + lead, from the state at the tip: exact there, since a
   * change recorded at or before the tip takes effect at least a lead after its block. Heights
   * below were recorded earlier from older states, which is what keeps them right after the
   * ledger folds a change into its stored set.
   */
  private extendSets(): void {
    const upTo = this.tip.header.height + this.lead;
    // From the tip: a core started from a snapshot has no need (and no state) for older heights.
    for (let h = Math.max(this.setsKnownUpTo + 1, this.tip.header.height); h <= upTo; h++) {
      const set = validatorsAt(this.state, h);
      const text = canonicalJson(set.map((v) => [v.name, v.publicKey]));
      if (this.epochs.at(-1)?.text === text) continue;
      this.epochs.push({
        from: h,
        keys: new Map(set.map((v) => [v.name, v.publicKey])),
        quorum: quorumFor(set.length),
        text,
      });
    }
    this.setsKnownUpTo = Math.max(this.setsKnownUpTo, upTo);
  }

  /** The validators in force at `height`, or undefined if not known yet (too far ahead). */
  private setAt(height: number): Epoch | undefined {
    if (height > this.setsKnownUpTo) return undefined;
    for (let i = this.epochs.length - 1; i >= 0; i--) {
      const e = this.epochs[i] as Epoch;
      if (e.from <= height) return e;
    }
    return undefined;
  }

  /** Names and keys of the validators in force at `height` (known up to tip + lead). */
  validatorsAt(height: number): ReadonlyMap<string, string> | undefined {
    return this.setAt(height)?.keys;
  }

  /** Our key in force at `height`, if we are a validator there. */
  private keyAt(height: number): PrivateKey | undefined {
    const b64 = this.setAt(height)?.keys.get(this.cfg.name);
    return b64 === undefined ? undefined : this.ownKeys.get(b64);
  }

  private inForce(height: number): boolean {
    return this.keyAt(height) !== undefined;
  }

  /** May we stand for proposer: in force for the next height, and not halted. */
  get canPropose(): boolean {
    return !this.halt && this.inForce(this.tip.header.height + 1);
  }

  /**
   * Opens a validator over its stored chain: re-executes every stored block from genesis. A
   * record that does not re-execute to what was stored (corruption) is dropped with everything
   * above it, to be fetched again from the orderer; nothing is ever cosigned on top of it.
   */
  static async open(
    cfg: ValidatorConfig,
    storage: ChainStorage,
  ): Promise<{ core: ValidatorCore; effects: Effect[] }> {
    const core = new ValidatorCore(cfg, storage);
    for (const k of [cfg.privateKey, ...(cfg.otherKeys ?? [])]) {
      core.ownKeys.set(toBase64Url((await cfg.backend.publicKeyOf(k)).bytes), k);
    }
    const effects: Effect[] = [];
    const halt = storage.getHalt();
    if (halt !== undefined) {
      core.alarm(effects, 'HALTED_BEFORE', halt);
    }
    for (let h = core.tip.header.height + 1; storage.get(h) !== undefined; h++) {
      const bad = await core.replay(h, storage.get(h) as string);
      if (bad !== undefined) {
        for (let k = h; storage.get(k) !== undefined; k++) storage.delete(k);
        effects.push({
          kind: 'alarm',
          code: 'STORE_CORRUPT',
          detail: `block ${h}: ${bad}; dropped from ${h}, fetching again`,
          halted: false,
        });
        break;
      }
    }
    return { core, effects };
  }

  private async replay(height: number, text: string): Promise<string | undefined> {
    let rec: StoredBlock;
    try {
      rec = JSON.parse(text) as StoredBlock;
    } catch {
      return 'not JSON';
    }
    if (typeof rec !== 'object' || rec === null || !Array.isArray(rec.txs)) return 'malformed';
    const p = parseProposal(String(rec.proposal));
    if (!p.ok) return p.code;
    const range: OrderedTx[] = [];
    for (const t of rec.txs) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(t.tx));
      } catch {
        return 'tx not JSON';
      }
      const prepared = prepareTx(parsed);
      if (!prepared.ok || prepared.value.canonicalTx !== t.tx) return 'tx malformed';
      range.push({ revision: Number(t.revision), p: prepared.value });
    }
    const built = checkProposal(this.cfg.ledger, this.state, this.tip, p.value, range, {
      network: this.cfg.genesis.network,
      nowMs: Number.MAX_SAFE_INTEGER,
      maxDriftMs: 0,
      ...(this.cfg.execOpts ? { execOpts: this.cfg.execOpts } : {}),
    });
    if (!built.ok) return built.code;
    const body = formatCheckpoint(
      checkpointOf(this.origin, built.value.header, built.value.hash, built.value.snapshotRoot),
    );
    if (body !== rec.checkpoint || height !== p.value.height) return 'checkpoint differs';
    let note = String(rec.note);
    if (this.inForce(height)) {
      // Ed25519 and the block-time timestamp make our cosignature deterministic: re-sign and
      // compare. A record with none was stored while our key was not the one in force (a key
      // rotated by restarting with the new one): cosign it now.
      const mine = await this.cosign(height, body, built.value.header.timeMs);
      if (note !== '' && note !== mine) return 'cosignature differs';
      if (note === '') this.storage.set(height, JSON.stringify({ ...rec, note: mine }));
      note = mine;
    } else if (note !== '' && (await this.verifyCosig(height, this.cfg.name, note)) !== body) {
      // Signed with the key in force then (before a rotation): it must still verify under it.
      return 'cosignature differs';
    }
    this.commit(String(rec.proposal), p.value, built.value, range, body, note);
    if (note !== '') this.cosigSent.set(height, 0);
    return undefined;
  }

  get name(): string {
    return this.cfg.name;
  }
  get height(): number {
    return this.tip.header.height;
  }
  get finalHeight(): number {
    return this.highestFinal;
  }
  get halted(): { code: AlarmCode; detail: string } | undefined {
    return this.halt;
  }
  finalCheckpoint(height: number): string | undefined {
    return this.finals.get(height);
  }
  /** The checkpoint body this validator computed and cosigned at `height`. */
  checkpointAt(height: number): string | undefined {
    return this.applied.get(height)?.checkpoint;
  }
  /** Height of the block that included or refused tx `id`, if this validator has applied it. */
  decidedAt(id: string): number | undefined {
    return this.decided.get(id);
  }
  private readonly decided = new Map<string, number>();

  /**
   * The block applied at `height` with everything needed to store it (header, diff, log
   * entries, refusals), kept until `release(height)`: a node writes it once it is final.
   */
  appliedBlock(height: number): AppliedBlock | undefined {
    return this.unreleased.get(height);
  }

  /** Forgets applied blocks up to `height` (the caller has stored them). */
  release(height: number): void {
    for (const h of this.unreleased.keys()) if (h <= height) this.unreleased.delete(h);
  }

  /**
   * The final checkpoint at `height` as one note carrying the cosignatures of every validator
   * that signed it (what receipts carry), or undefined if not final here.
   */
  finalNote(height: number): string | undefined {
    const body = this.finals.get(height);
    if (body === undefined) return undefined;
    const notes: string[] = [];
    for (const bodies of this.cosigs.get(height)?.values() ?? []) {
      const n = bodies.get(body);
      if (n !== undefined) notes.push(n);
    }
    const merged = mergeNoteSignatures(notes);
    return merged.ok ? merged.value : undefined;
  }

  /**
   * Heights the caller already holds as final (its store, written only at finality): a restart
   * need not gather their cosignatures again. A body that differs from what we re-executed is
   * divergence, as for any final checkpoint.
   */
  assumeFinal(height: number, body: string): Effect[] {
    const out: Effect[] = [];
    if (this.finals.has(height)) return out;
    this.finals.set(height, body);
    if (height > this.highestFinal) this.highestFinal = height;
    // Final already: our cosignature needs no more retries.
    this.cosigSent.delete(height);
    this.checkFinalAgainstOwn(height, out);
    return out;
  }

  /**
   * The highest height above `after` up to which every validator's cosignature over the final
   * checkpoint is known here, heights contiguous from the first above `after` we hold
   * cosignatures for; with the range end of that height. Below it no validator that cosigned
   * needs the orderer's txs any more: what the orderer may then compact.
   */
  cosignedByAll(after: number): { height: number; toRev: number } | undefined {
    let h = Infinity;
    for (const k of this.cosigs.keys()) if (k > after && k < h) h = k;
    let best: { height: number; toRev: number } | undefined;
    for (; Number.isFinite(h); h++) {
      const body = this.finals.get(h);
      const a = this.applied.get(h);
      const byV = this.cosigs.get(h);
      const set = this.setAt(h);
      if (body === undefined || !a || !byV || !set) break;
      if ([...set.keys.keys()].some((name) => !byV.get(name)?.has(body))) break;
      best = { height: h, toRev: a.toRev };
    }
    return best;
  }

  /** Where a re-read should resume (etcd watches resume from a revision). */
  cursor(): { txAfter: number; blockFrom: number; cosigFrom: number } {
    return {
      txAfter: this.txKnownUpTo,
      blockFrom: this.tip.header.height + 1,
      cosigFrom: this.highestFinal + 1,
    };
  }

  async handle(ev: ValidatorEvent, now: number): Promise<Effect[]> {
    const out: Effect[] = [];
    switch (ev.kind) {
      case 'txs':
        this.onTxs(ev.after, ev.upTo, ev.entries);
        break;
      case 'block':
        this.onBlock(ev.height, ev.proposal, ev.leader, out);
        break;
      case 'cosig':
        await this.onCosig(ev.height, ev.validator, ev.note, out);
        break;
      case 'lease':
        this.leaseUntil = ev.until;
        break;
      case 'tick':
        break;
    }
    await this.advance(now, out);
    await this.drainEarly(out);
    if (ev.kind === 'tick') this.onTick(now, out);
    return out;
  }

  private onTxs(after: number, upTo: number, entries: readonly OrderedTx[]): void {
    // A page that starts beyond what we know leaves a gap: drop it, a re-read fills it.
    if (after > this.txKnownUpTo || upTo <= this.txKnownUpTo) return;
    // Pages come in order (a watch): sort only when one did not.
    let last = this.txs.at(-1)?.revision ?? -1;
    let inOrder = true;
    for (const e of entries) {
      if (e.revision > this.txKnownUpTo && e.revision <= upTo) {
        if (e.revision <= last) inOrder = false;
        last = e.revision;
        this.txs.push(e);
      }
    }
    if (!inOrder) this.txs.sort((a, b) => a.revision - b.revision);
    this.txKnownUpTo = upTo;
  }

  private alarm(out: Effect[], code: AlarmCode, detail: string): void {
    if (this.halt) return;
    this.halt = { code, detail };
    if (code !== 'HALTED_BEFORE') this.storage.setHalt(`${code}: ${detail}`);
    out.push({ kind: 'alarm', code, detail, halted: true }, { kind: 'resign' });
  }

  private onBlock(height: number, text: string, leader: string | undefined, out: Effect[]): void {
    if (!Number.isSafeInteger(height) || height < 1) return;
    if (height <= this.tip.header.height) {
      // etcd writes block/<h> once: a different text means the orderer is lying.
      if (this.applied.get(height)?.proposal !== text) {
        this.alarm(out, 'ORDERER_BLOCK_CHANGED', `block ${height} changed in the orderer`);
      }
      return;
    }
    if (leader !== undefined) this.leaders.set(height, leader);
    const seen = this.pending.get(height);
    if (seen === undefined) this.pending.set(height, text);
    else if (seen !== text) {
      this.alarm(out, 'ORDERER_BLOCK_CHANGED', `two proposals for ${height}`);
    }
  }

  /** Applies pending proposals in height order while their ranges are known. */
  private async advance(now: number, out: Effect[]): Promise<void> {
    while (!this.halt) {
      // Cosignatures held until the sets reached their height go in first: among them may be
      // our own earlier one at the next height, which the equivocation check below must see.
      await this.drainEarly(out);
      const next = this.tip.header.height + 1;
      const text = this.pending.get(next);
      if (text === undefined) return;
      let parsed = this.parsed.get(text);
      if (!parsed) this.parsed.set(text, (parsed = parseProposal(text)));
      if (!parsed.ok) {
        this.alarm(out, 'PROPOSAL_REFUSED', `${next}: ${parsed.code} ${parsed.detail ?? ''}`);
        return;
      }
      const p = parsed.value;
      if (p.toRev > this.txKnownUpTo) return; // wait for the range
      // Our own block, as we built it on this very tip: building it executed it already, so it
      // is not executed a second time (the proposer's CPU is the pipeline's narrowest point).
      const own =
        this.proposing?.height === next && this.proposing.text === text
          ? this.proposing
          : undefined;
      const range = own
        ? own.range
        : this.txs.filter((t) => t.revision > p.fromRev && t.revision <= p.toRev);
      const checked = own
        ? { ok: true as const, value: own.built }
        : checkProposal(this.cfg.ledger, this.state, this.tip, p, range, {
            network: this.cfg.genesis.network,
            nowMs: now,
            maxDriftMs: this.cfg.maxDriftMs,
            inForce: new Set(this.setAt(next)?.keys.keys()),
            ...(this.leaders.has(next) ? { expectedProposer: this.leaders.get(next) } : {}),
            ...(this.cfg.execOpts ? { execOpts: this.cfg.execOpts } : {}),
          });
      if (!checked.ok) {
        this.alarm(out, 'PROPOSAL_REFUSED', `${next}: ${checked.code} ${checked.detail ?? ''}`);
        return;
      }
      const built = checked.value;
      const body = formatCheckpoint(
        checkpointOf(this.origin, built.header, built.hash, built.snapshotRoot),
      );
      // Never cosign a second checkpoint at a height: our own earlier cosignature, as the orderer
      // holds it, outlives a lost or corrupted record (re-reads deliver cosignatures first).
      const mine = this.cosigs.get(next)?.get(this.cfg.name);
      if (mine && !mine.has(body)) {
        this.alarm(out, 'WOULD_EQUIVOCATE', `we cosigned another checkpoint at ${next}`);
        return;
      }
      // A validator not in force at this height (removed, or not yet added, or its key rotated
      // away) executes the block to follow the chain but cosigns nothing.
      const signing = this.inForce(next);
      const note = signing ? await this.cosign(next, body, built.header.timeMs) : '';
      const rec: StoredBlock = {
        proposal: text,
        txs: range.map((t) => ({ revision: t.revision, tx: t.p.canonicalTx })),
        checkpoint: body,
        note,
      };
      // Stored before cosigned: a restart never forgets what it signed.
      this.storage.set(next, JSON.stringify(rec));
      this.pending.delete(next);
      this.parsed.delete(text);
      this.leaders.delete(next);
      this.commit(text, p, built, range, body, note);
      if (signing) {
        this.cosigSent.set(next, now);
        out.push({ kind: 'putCosig', height: next, note });
      }
      this.checkFinalAgainstOwn(next, out);
    }
  }

  private cosign(height: number, body: string, blockTimeMs: number): Promise<string> {
    const privateKey = this.keyAt(height);
    if (!privateKey) throw new Error(`not a validator in force at ${height}`);
    // The cosignature's time is the block's, so a re-signed note (after a restart) is the same
    // bytes: it can never look like equivocation.
    return signNote(
      body,
      [
        {
          name: this.cfg.name,
          privateKey,
          type: SIG_TYPE_COSIGNATURE_V1,
          timeSec: Math.floor(blockTimeMs / 1000),
        },
      ],
      this.cfg.backend,
    );
  }

  private commit(
    text: string,
    p: Proposal,
    built: ReturnType<typeof buildBlock>,
    range: readonly OrderedTx[],
    body: string,
    note: string,
  ): void {
    this.state.apply(built.diff);
    this.unreleased.set(p.height, {
      height: p.height,
      built,
      proposal: p,
      range,
      checkpoint: body,
    });
    this.tip = { header: built.header, hash: built.hash, log: built.log, toRev: p.toRev };
    this.extendSets();
    this.applied.set(p.height, {
      proposal: text,
      checkpoint: body,
      note,
      included: built.included,
      refused: built.refused.map((r) => r.id),
      toRev: p.toRev,
    });
    for (const t of range) this.decided.set(t.p.id, p.height);
    // A restarted validator knows the txs of its stored blocks, so its range cursor resumes.
    if (p.toRev > this.txKnownUpTo) {
      this.txKnownUpTo = p.toRev;
      for (const t of range) if (!this.txs.some((k) => k.revision === t.revision)) this.txs.push(t);
      this.txs.sort((a, b) => a.revision - b.revision);
    }
    // Txs at or before the tip's range are decided; keep only what a proposal may still need.
    const keep = this.txs.findIndex((t) => t.revision > p.toRev);
    this.txs.splice(0, keep === -1 ? this.txs.length : keep);
  }

  private async onCosig(
    height: number,
    validator: string,
    note: string,
    out: Effect[],
  ): Promise<void> {
    if (!Number.isSafeInteger(height) || height < 1) return;
    const set = this.setAt(height);
    if (!set && height > this.setsKnownUpTo) {
      // Beyond tip + lead: who is in force there is not known yet. Held, checked later.
      if (this.earlyCount >= EARLY_COSIGS_MAX) return;
      let list = this.early.get(height);
      if (!list) this.early.set(height, (list = []));
      if (list.some((x) => x.validator === validator && x.note === note)) return;
      list.push({ validator, note });
      this.earlyCount++;
      return;
    }
    if (!set) {
      // Below the heights this core knows (it started from a snapshot above them).
      this.rejectedCosigs++;
      return;
    }
    // Not in force at this height (never was, removed, or signing with a rotated-away key): a
    // cosignature that counts for nothing, and no evidence either.
    const body = await this.verifyCosig(height, validator, note);
    if (body === undefined) {
      this.rejectedCosigs++;
      return;
    }
    if (validator === this.cfg.name && this.applied.get(height)?.note === note) {
      this.cosigBack.add(height);
    }
    let byV = this.cosigs.get(height);
    if (!byV) this.cosigs.set(height, (byV = new Map()));
    let bodies = byV.get(validator);
    if (!bodies) byV.set(validator, (bodies = new Map()));
    if (bodies.has(body)) return;
    const other = [...bodies.values()][0];
    bodies.set(body, note);
    if (other !== undefined) {
      const ev: Evidence = { validator, height, noteA: other, noteB: note };
      this.evidence.push(ev);
      out.push({ kind: 'evidence', ...ev });
    }
    let count = 0;
    for (const b of byV.values()) if (b.has(body)) count++;
    if (count < set.quorum) return;
    const known = this.finals.get(height);
    if (known === body) return;
    if (known !== undefined) {
      this.alarm(out, 'CONFLICTING_FINALITY', `two final checkpoints at ${height}`);
      return;
    }
    this.finals.set(height, body);
    if (height > this.highestFinal) this.highestFinal = height;
    out.push({ kind: 'final', height, checkpoint: body });
    this.checkFinalAgainstOwn(height, out);
  }

  private checkFinalAgainstOwn(height: number, out: Effect[]): void {
    const final = this.finals.get(height);
    const mine = this.applied.get(height)?.checkpoint;
    if (final !== undefined && mine !== undefined && final !== mine) {
      this.alarm(out, 'DIVERGED', `our checkpoint at ${height} is not the final one`);
    }
  }

  /** Cosignatures held back until the sets reached their height. */
  private async drainEarly(out: Effect[]): Promise<void> {
    for (const [h, list] of this.early) {
      if (h > this.setsKnownUpTo) continue;
      this.early.delete(h);
      this.earlyCount -= list.length;
      for (const c of list) await this.onCosig(h, c.validator, c.note, out);
    }
  }

  /**
   * The checkpoint body a cosignature verifies over, by the key `validator` has in force at
   * `height`, or undefined (hostile input, or not a validator in force there).
   */
  private async verifyCosig(
    height: number,
    validator: string,
    note: string,
  ): Promise<string | undefined> {
    const b64 = this.setAt(height)?.keys.get(validator);
    if (b64 === undefined || typeof note !== 'string') return undefined;
    const vk = `${validator}\n${b64}`;
    let v = this.verifiers.get(vk);
    if (!v) {
      const bytes = fromBase64Url(b64);
      if (!bytes) return undefined;
      v = noteVerifier(validator, { alg: 'Ed25519', bytes }, SIG_TYPE_COSIGNATURE_V1);
      this.verifiers.set(vk, v);
    }
    const key = `${vk}\n${note}`;
    let seen = this.checkedNotes.get(key);
    if (seen === undefined) {
      seen = null;
      const opened = await openNote(note, [v], this.cfg.backend);
      if (opened.ok && opened.value.verified.some((s) => s.name === validator)) {
        const cp = parseCheckpoint(opened.value.text);
        if (cp.ok && cp.value.origin === this.origin) {
          seen = { text: opened.value.text, height: cp.value.height };
        }
      }
      this.checkedNotes.set(key, seen);
    }
    return seen !== null && seen.height === height ? seen.text : undefined;
  }

  private onTick(now: number, out: Effect[]): void {
    if (this.halt) return;
    // Our cosignatures not yet seen back from the orderer: the put may have been lost.
    for (const [h, at] of this.cosigSent) {
      if (this.cosigBack.has(h) || this.finals.has(h)) {
        this.cosigSent.delete(h);
        continue;
      }
      if (now - at >= this.cfg.retryMs) {
        const a = this.applied.get(h);
        if (a) out.push({ kind: 'putCosig', height: h, note: a.note });
        this.cosigSent.set(h, now);
      }
    }
    if (now >= this.leaseUntil) {
      this.proposing = undefined;
      return;
    }
    if (!this.inForce(this.tip.header.height + 1)) {
      // Removed (or rotated away) from the next height on: give the lease to one in force.
      this.proposing = undefined;
      if (now - this.resignSentAt >= this.cfg.retryMs) {
        this.resignSentAt = now;
        out.push({ kind: 'resign' });
      }
      return;
    }
    const height = this.tip.header.height + 1;
    if (this.pending.has(height)) return;
    if (this.proposing?.height === height) {
      // Retrying an ambiguous put is safe: block/<h> is written once.
      if (now - this.proposing.sentAt >= this.cfg.retryMs) {
        this.proposing.sentAt = now;
        out.push({ kind: 'putBlock', height, proposal: this.proposing.text });
      }
      return;
    }
    if (this.txs.length === 0) return;
    if (now < this.tip.header.timeMs + this.cfg.blockIntervalMs) return;
    const batch = this.txs.slice(0, this.cfg.maxTxsPerBlock);
    const toRev =
      batch.length === this.txs.length
        ? this.txKnownUpTo
        : (batch[batch.length - 1] as OrderedTx).revision;
    const built = buildBlock(
      this.cfg.ledger,
      this.state,
      this.tip,
      batch.map((t) => t.p),
      {
        network: this.cfg.genesis.network,
        timeMs: Math.max(now, this.tip.header.timeMs),
        proposer: this.cfg.name,
        ...(this.cfg.execOpts ? { execOpts: this.cfg.execOpts } : {}),
      },
    );
    const text = canonicalJson(proposalFor(built, this.tip.toRev, toRev));
    this.proposing = { height, text, sentAt: now, built, range: batch };
    out.push({ kind: 'putBlock', height, proposal: text });
  }
}
