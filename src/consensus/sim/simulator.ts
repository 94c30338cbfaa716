// A deterministic simulation of the consortium (decision 0009, issue 5): n ValidatorCores, an
// in-memory orderer with etcd's guarantees (a revision per put, tx exactly once by id, a leader
// lease in simulated time, block/<h> written once and only by the lease holder, cosignatures
// last-write-wins), and a seeded network that delays, drops, duplicates and reorders messages,
// partitions and heals, crashes and restarts validators, and corrupts their stored blocks.
// Invariants are checked as the run goes; one seed replays one run exactly.
import { formatCheckpoint, parseCheckpoint } from '../../core/checkpoint.js';
import { equalBytes, toBase64Url, toHex } from '../../core/bytes.js';
import type { PrivateKey, PublicKey, SignatureBackend } from '../../core/crypto.js';
import { SIG_TYPE_COSIGNATURE_V1, signNote } from '../../core/note.js';
import type { PreparedTx } from '../../core/tx.js';
import type { OrderedTx } from '../../ledger/block-builder.js';
import { VALIDATOR_CHANGE_MIN_LEAD } from '../../ledger/modules/governance.js';
import type { Effect, ValidatorEvent } from '../validator.js';
import { MemoryChainStorage, ValidatorCore } from '../validator.js';
import { Prng } from './prng.js';
import type { SimWorld } from './world.js';
import { SIM_T0 } from './world.js';

export type Byzantine = 'none' | 'wrongRoot' | 'equivocate';
/** A membership change some runs make mid-run (decision 0009, "Membership"). */
export type Membership = 'none' | 'add' | 'remove' | 'rotate';

export interface SimOptions {
  /** Allow faults (network, partitions, crashes, corruption). Default true. */
  readonly faults?: boolean;
  /** Allow one Byzantine validator (chosen by the seed). Default true. */
  readonly byzantine?: boolean;
  /**
   * A lying orderer: every candidate is told it leads, and block puts are neither fenced nor
   * once per height (last write wins), so honest validators see two blocks at a height. Safety
   * must still hold (honest validators halt instead of forking); liveness is then not expected.
   */
  readonly lyingOrderer?: boolean;
  /** Allow a membership change (drawn from the seed). Default true. */
  readonly membership?: boolean;
}

export interface SimResult {
  readonly seed: number;
  readonly ok: boolean;
  /** False iff two different checkpoints were final at one height among honest validators. */
  readonly safe: boolean;
  readonly violations: readonly string[];
  readonly stats: {
    readonly byzantine: Byzantine;
    readonly membership: Membership;
    /** The change is in force at a height final on an honest validator. */
    readonly membershipInForce: boolean;
    /** Cosignatures by the added validator (it cosigns from its effective height only). */
    readonly addedCosigned: number;
    readonly txs: number;
    readonly finalHeight: number;
    readonly healMs: number;
    /** Sim ms from the heal to the first new final height seen by an honest validator. */
    readonly progressAfterHealMs: number | undefined;
    /** Sim ms from the heal until every invariant owed was met (the run stops there). */
    readonly settledAfterHealMs: number;
    readonly crashes: number;
    readonly partitions: number;
    readonly corruptions: number;
    readonly evidence: number;
    readonly messages: number;
  };
}

const LEASE_MS = 2000;
const RENEW_MS = 500;
const TICK_MS = 100;
const REREAD_MS = 500;
const FAULT_PHASE_MS = 3000;
const AFTER_HEAL_MS = 5000;

interface SimNode {
  readonly i: number;
  readonly name: string;
  readonly storage: MemoryChainStorage;
  core: ValidatorCore | undefined;
  /** Bumped on each crash: a restart belongs to one crash. */
  incarnation: number;
  partitions: number;
  byz: Byzantine;
  /** Resigned its campaign (halted); cleared by a crash. */
  resigned: boolean;
}

interface Queued {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void> | void;
}

/** A binary min-heap on (at, seq): ties run in scheduling order, so runs are deterministic. */
class Queue {
  private readonly h: Queued[] = [];
  private seq = 0;
  get size(): number {
    return this.h.length;
  }
  push(at: number, run: Queued['run']): void {
    const h = this.h;
    h.push({ at, seq: this.seq++, run });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(h[i] as Queued, h[p] as Queued)) break;
      [h[i], h[p]] = [h[p] as Queued, h[i] as Queued];
      i = p;
    }
  }
  pop(): Queued | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l] as Queued, h[m] as Queued)) m = l;
        if (r < h.length && less(h[r] as Queued, h[m] as Queued)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Queued, h[i] as Queued];
        i = m;
      }
    }
    return top;
  }
}
const less = (a: Queued, b: Queued): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** The orderer's state: what etcd would hold. */
class Orderer {
  rev = 0;
  lastTxRev = 0;
  readonly txs: OrderedTx[] = [];
  readonly txById = new Map<string, number>();
  readonly blocks = new Map<number, string>();
  /** Who held the lease when each block was put (what the fencing compare checked). */
  readonly leaders = new Map<number, string>();
  readonly cosigs = new Map<number, Map<string, string>>();
  lease: { holder: string; until: number; renewedAt: number } | undefined;
  constructor(private readonly lying: boolean) {}

  putTx(p: PreparedTx): { revision: number; duplicate: boolean; after: number } {
    const had = this.txById.get(p.id);
    if (had !== undefined) return { revision: had, duplicate: true, after: had };
    const after = this.lastTxRev;
    this.rev++;
    this.lastTxRev = this.rev;
    this.txs.push({ revision: this.rev, p });
    this.txById.set(p.id, this.rev);
    return { revision: this.rev, duplicate: false, after };
  }

  /** Fenced, once per height (etcd: one txn with two compares). */
  putBlock(name: string, height: number, text: string, now: number): boolean {
    if (!this.lying) {
      if (this.blocks.has(height)) return false;
      if (!this.lease || this.lease.holder !== name || now >= this.lease.until) return false;
    }
    this.rev++;
    this.blocks.set(height, text);
    this.leaders.set(height, name);
    return true;
  }

  putCosig(height: number, validator: string, note: string): void {
    this.rev++;
    let m = this.cosigs.get(height);
    if (!m) this.cosigs.set(height, (m = new Map()));
    m.set(validator, note);
  }
}

export async function runSeed(
  world: SimWorld,
  seed: number,
  opts: SimOptions = {},
): Promise<SimResult> {
  const rng = new Prng(seed);
  const faults = opts.faults ?? true;
  const n = world.validators.length;
  const q = new Queue();
  const orderer = new Orderer(opts.lyingOrderer ?? false);
  let safe = true;
  const violations: string[] = [];
  const violate = (what: string): void => {
    if (violations.length < 10) violations.push(`seed=${seed} t=${now - SIM_T0}: ${what}`);
  };
  let now = SIM_T0;
  let messages = 0;
  const backend = memoisedVerify(world.backend);

  // ---- the scenario, all drawn from the seed up front ----
  const byz: Byzantine =
    (opts.byzantine ?? true) ? rng.pick(['none', 'none', 'wrongRoot', 'equivocate']) : 'none';
  const byzIndex = rng.int(0, n - 1);
  const dropP = faults ? rng.next() * 0.15 : 0;
  const dupP = faults ? rng.next() * 0.1 : 0;
  // Drawn from a stream of its own, so runs without a change replay as they did before it existed.
  const mrng = new Prng((seed ^ 0x5bd1e995) >>> 0);
  const membership: Membership =
    (opts.membership ?? true) ? mrng.pick(['none', 'add', 'remove', 'rotate'] as const) : 'none';
  const honestIndexes = world.validators
    .map((_, i) => i)
    .filter((i) => byz === 'none' || i !== byzIndex);
  // Three validators tolerate no fault: a Byzantine one is the one removed, if there is one.
  const target = membership === 'remove' && byz !== 'none' ? byzIndex : mrng.pick(honestIndexes);
  const memberTx =
    membership === 'add'
      ? world.membership.add
      : membership === 'remove'
        ? world.membership.remove[target]
        : membership === 'rotate'
          ? world.membership.rotate[target]
          : undefined;
  const memberTxAt = SIM_T0 + mrng.int(0, 1500);
  const keysOf = (i: number): { name: string; privateKey: PrivateKey } => {
    const v = i < n ? world.validators[i] : world.spare;
    if (!v) throw new RangeError('no such validator');
    return v;
  };
  const nodes: SimNode[] = [
    ...world.validators,
    ...(membership === 'add' ? [world.spare] : []),
  ].map((v, i) => ({
    i,
    name: v.name,
    storage: new MemoryChainStorage(),
    core: undefined,
    incarnation: 0,
    partitions: 0,
    resigned: false,
    byz: byz !== 'none' && i === byzIndex ? byz : 'none',
  }));
  const honest = nodes.filter((x) => x.byz === 'none');
  let heal = SIM_T0 + FAULT_PHASE_MS;
  let crashes = 0;
  let partitions = 0;
  let corruptions = 0;
  const faultCount = faults ? rng.int(0, 4) : 0;
  const plan: {
    kind: 'crash' | 'partition';
    node: number;
    at: number;
    until: number;
    corrupt: boolean;
  }[] = [];
  for (let k = 0; k < faultCount; k++) {
    const at = SIM_T0 + rng.int(200, FAULT_PHASE_MS);
    const until = at + rng.int(100, 2500);
    plan.push({
      kind: rng.chance(0.5) ? 'crash' : 'partition',
      node: rng.int(0, n - 1),
      at,
      until,
      corrupt: rng.chance(0.5),
    });
    heal = Math.max(heal, until);
  }
  const end = heal + AFTER_HEAL_MS;
  const healed = (): boolean => now >= heal;

  // ---- the network ----
  const connected = (x: SimNode): boolean => x.core !== undefined && x.partitions === 0;
  /** Sends one message between a validator and the orderer; `run` is its arrival. */
  const send = (x: SimNode, run: () => Promise<void> | void): void => {
    if (!connected(x)) return;
    const copies = !healed() && rng.chance(dupP) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      if (!healed() && rng.chance(dropP)) continue;
      // Mostly quick, sometimes slow: slow ones overtake nothing but are overtaken (reorder).
      const delay = rng.chance(0.1) ? rng.int(50, 400) : rng.int(1, 30);
      messages++;
      q.push(now + delay, () => (connected(x) ? run() : undefined));
    }
  };

  const deliver = async (x: SimNode, ev: ValidatorEvent): Promise<void> => {
    const core = x.core;
    if (!core) return;
    await route(x, await core.handle(ev, now));
  };

  // ---- invariants, as effects happen ----
  const globalFinal = new Map<number, string>();
  const honestCosigned = new Map<number, string>();
  let evidence = 0;
  let addedCosigned = 0;
  /** The membership change's effective height as `x` applied it (its block + the lead). */
  const effectiveIn = (x: SimNode): number | undefined => {
    const h = memberTx ? x.core?.decidedAt(memberTx.id) : undefined;
    return h === undefined ? undefined : h + VALIDATOR_CHANGE_MIN_LEAD;
  };
  /** Evidence is owed only for equivocation on a healed network (earlier notes may be lost). */
  let equivocatedAfterHeal = false;
  const finalAtHeal = { height: -1 };
  let progressAfterHealMs: number | undefined;

  const route = async (x: SimNode, effects: readonly Effect[]): Promise<void> => {
    for (const e of effects) {
      switch (e.kind) {
        case 'putBlock': {
          const { height, proposal } = e;
          send(x, () => {
            if (orderer.putBlock(x.name, height, proposal, now)) {
              const leader = x.name;
              for (const y of nodes) {
                send(y, () => deliver(y, { kind: 'block', height, proposal, leader }));
              }
            }
          });
          break;
        }
        case 'putCosig': {
          // Who may cosign: the added one only from its height, the removed one only before.
          const eff = effectiveIn(x);
          if (membership === 'add' && x.i === n) {
            addedCosigned++;
            if (eff === undefined || e.height < eff)
              violate(`${x.name} cosigned ${e.height} before it was added`);
          }
          if (membership === 'remove' && x.i === target && eff !== undefined && e.height >= eff) {
            violate(`${x.name} cosigned ${e.height} after its removal at ${eff}`);
          }
          const notes = x.byz === 'none' ? [e.note] : await byzantineNotes(x, e.note);
          if (notes.length > 1 && healed()) equivocatedAfterHeal = true;
          if (x.byz === 'none') {
            const body = e.note.slice(0, e.note.indexOf('\n\n') + 1);
            const other = honestCosigned.get(e.height);
            if (other === undefined) honestCosigned.set(e.height, body);
            else if (other !== body)
              violate(`honest validators cosigned two checkpoints at ${e.height}`);
          }
          for (const note of notes) {
            const height = e.height;
            send(x, () => {
              orderer.putCosig(height, x.name, note);
              for (const y of nodes) {
                send(y, () => deliver(y, { kind: 'cosig', height, validator: x.name, note }));
              }
            });
          }
          break;
        }
        case 'final': {
          if (x.byz !== 'none') break;
          const other = globalFinal.get(e.height);
          if (other === undefined) globalFinal.set(e.height, e.checkpoint);
          else if (other !== e.checkpoint) {
            safe = false;
            violate(`two final checkpoints at height ${e.height}`);
          }
          if (healed() && e.height > finalAtHeal.height && progressAfterHealMs === undefined) {
            progressAfterHealMs = now - heal;
          }
          break;
        }
        case 'resign':
          x.resigned = true;
          if (orderer.lease?.holder === x.name) orderer.lease = undefined;
          break;
        case 'evidence':
          if (x.byz === 'none') evidence++;
          break;
        case 'alarm':
          if (x.byz === 'none' && e.halted) violate(`${x.name} halted: ${e.code} ${e.detail}`);
          break;
      }
    }
  };

  /** What a Byzantine validator puts instead of its honest cosignature. */
  const byzantineNotes = async (x: SimNode, note: string): Promise<string[]> => {
    const body = note.slice(0, note.indexOf('\n\n') + 1);
    const cp = parseCheckpoint(body);
    if (!cp.ok) return [note];
    const wrongRoot = cp.value.stateRoot.slice();
    wrongRoot[0] = (wrongRoot[0] ?? 0) ^ 0xff;
    const v = keysOf(x.i);
    const wrong = await signNote(
      formatCheckpoint({ ...cp.value, stateRoot: wrongRoot }),
      [
        {
          name: v.name,
          privateKey: v.privateKey,
          type: SIG_TYPE_COSIGNATURE_V1,
          timeSec: Math.floor(cp.value.timeMs / 1000),
        },
      ],
      world.backend,
    );
    return x.byz === 'wrongRoot' ? [wrong] : [note, wrong];
  };

  // ---- validators: start, crash, restart ----
  const start = async (x: SimNode): Promise<void> => {
    const v = keysOf(x.i);
    const { core, effects } = await ValidatorCore.open(
      {
        name: v.name,
        privateKey: v.privateKey,
        // The rotated validator's operator installed its next key alongside the current one.
        ...(membership === 'rotate' && x.i === target
          ? { otherKeys: [world.rotated[target] as PrivateKey] }
          : {}),
        backend,
        ledger: world.ledger,
        genesis: world.genesis,
        maxDriftMs: 2000,
        blockIntervalMs: 200,
        maxTxsPerBlock: 8,
        retryMs: 300,
        // The pool's signatures were checked once when the world was built (the node's door).
        execOpts: { didKeySignaturesVerified: true },
      },
      x.storage,
    );
    x.core = core;
    await route(x, effects);
    reread(x);
  };

  /** A watch resuming from the validator's cursor: everything the orderer holds beyond it. */
  const reread = (x: SimNode): void => {
    const core = x.core;
    if (!core) return;
    const c = core.cursor();
    const upTo = orderer.rev;
    const entries = orderer.txs.filter((t) => t.revision > c.txAfter);
    const blocks: [number, string][] = [];
    for (let h = c.blockFrom; orderer.blocks.has(h) && blocks.length < 50; h++) {
      blocks.push([h, orderer.blocks.get(h) as string]);
    }
    const cosigs: [number, string, string][] = [];
    for (const [h, m] of orderer.cosigs) {
      if (h < c.cosigFrom) continue;
      for (const [v, note] of m) cosigs.push([h, v, note]);
    }
    // Cosignatures first: a validator that lost a record must see what it signed before.
    send(x, async () => {
      for (const [height, validator, note] of cosigs) {
        await deliver(x, { kind: 'cosig', height, validator, note });
      }
      if (upTo > c.txAfter) await deliver(x, { kind: 'txs', after: c.txAfter, upTo, entries });
      for (const [height, proposal] of blocks) {
        const leader = orderer.leaders.get(height);
        await deliver(x, { kind: 'block', height, proposal, ...(leader ? { leader } : {}) });
      }
    });
  };

  const crash = (x: SimNode): void => {
    x.core = undefined;
    x.resigned = false;
    x.incarnation++;
    crashes++;
  };

  /** Flips one character of one stored block, as a bad disk would. */
  const corrupt = (x: SimNode): void => {
    const heights = [...x.storage.blocks.keys()];
    if (heights.length === 0) return;
    const h = rng.pick(heights);
    const text = x.storage.get(h) as string;
    const pos = rng.int(0, text.length - 1);
    const ch = text[pos] === 'a' ? 'b' : 'a';
    x.storage.set(h, text.slice(0, pos) + ch + text.slice(pos + 1));
    corruptions++;
  };

  for (const f of plan) {
    const x = nodes[f.node] as SimNode;
    if (f.kind === 'partition') {
      q.push(f.at, () => {
        x.partitions++;
        partitions++;
      });
      q.push(f.until, () => {
        x.partitions--;
        if (x.partitions === 0) reread(x);
      });
    } else {
      let mine = -1;
      q.push(f.at, () => {
        if (!x.core) return;
        crash(x);
        mine = x.incarnation;
        if (f.corrupt) corrupt(x);
      });
      q.push(f.until, () =>
        x.core === undefined && x.incarnation === mine ? start(x) : undefined,
      );
    }
  }

  // ---- clients: txs acknowledged by the orderer ----
  const acked = new Set<string>();
  const nextSeq = world.pool.map(() => 0);
  const txCount = rng.int(10, 30);
  const submitted: PreparedTx[] = [];
  const submit = (p: PreparedTx): void => {
    const r = orderer.putTx(p);
    acked.add(p.id);
    if (r.duplicate) return;
    const entry: OrderedTx = { revision: r.revision, p };
    for (const y of nodes) {
      send(y, () =>
        deliver(y, { kind: 'txs', after: r.after, upTo: r.revision, entries: [entry] }),
      );
    }
  };
  const drawTx = (): PreparedTx => {
    if (submitted.length > 0 && rng.chance(0.05)) return rng.pick(submitted); // a duplicate
    const c = rng.int(0, world.pool.length - 1);
    const txs = world.pool[c] ?? [];
    // Mostly the next seq; sometimes a gap or a replay, which execution refuses.
    const s = rng.chance(0.1)
      ? rng.int(0, txs.length - 1)
      : Math.min(nextSeq[c] ?? 0, txs.length - 1);
    nextSeq[c] = Math.max(nextSeq[c] ?? 0, s + 1);
    const p = txs[s] as PreparedTx;
    submitted.push(p);
    return p;
  };
  for (let k = 0; k < txCount; k++) {
    const p = drawTx();
    q.push(SIM_T0 + rng.int(0, heal - SIM_T0), () => submit(p));
  }
  if (memberTx) q.push(memberTxAt, () => submit(memberTx));
  // At least one new tx after the heal, so progress after healing is observable.
  const used = new Set(submitted.map((p) => p.id));
  const last = world.pool.flat().find((p) => !used.has(p.id));
  if (!last) throw new RangeError('the world tx pool is too small for this scenario');
  q.push(heal + 100, () => submit(last));

  // ---- periodic: ticks, re-reads, the lease ----
  for (let t = SIM_T0; t <= end; t += TICK_MS) {
    q.push(t, async () => {
      for (const x of nodes) if (x.core) await deliver(x, { kind: 'tick' });
      leaseStep();
    });
  }
  for (let t = SIM_T0 + REREAD_MS; t <= end; t += REREAD_MS) {
    q.push(t, () => {
      for (const x of nodes) reread(x);
    });
  }
  q.push(heal, () => {
    let h = -1;
    for (const k of globalFinal.keys()) h = Math.max(h, k);
    finalAtHeal.height = h;
  });

  const leaseStep = (): void => {
    const l = orderer.lease;
    if (l && now < l.until) {
      const holder = nodes.find((x) => x.name === l.holder) as SimNode;
      // The holder renews through the network; a crashed or cut-off one cannot.
      if (connected(holder) && now - l.renewedAt >= RENEW_MS) {
        l.renewedAt = now;
        l.until = now + LEASE_MS;
        const until = l.until;
        send(holder, () => deliver(holder, { kind: 'lease', until }));
      }
      return;
    }
    // Only validators in force at the next height stand (the driver campaigns only then).
    const candidates = nodes.filter((y) => connected(y) && !y.resigned && y.core?.canPropose);
    if (candidates.length === 0) {
      orderer.lease = undefined;
      return;
    }
    const holder = rng.pick(candidates);
    orderer.lease = { holder: holder.name, until: now + LEASE_MS, renewedAt: now };
    const until = now + LEASE_MS;
    // A lying orderer tells every candidate it leads, and takes all their blocks.
    for (const y of opts.lyingOrderer ? candidates : [holder]) {
      send(y, () => deliver(y, { kind: 'lease', until }));
    }
  };

  for (const x of nodes) await start(x);

  // ---- liveness: every acknowledged tx decided in a final block on every honest validator ----
  const finalApplied = (core: ValidatorCore): number => {
    for (let h = core.height; h > 0; h--) {
      const f = core.finalCheckpoint(h);
      if (f !== undefined && f === core.checkpointAt(h)) return h;
    }
    return 0;
  };
  /** What is still owed at this moment, per honest validator (empty: settled). */
  const owed = (): string[] => {
    const out: string[] = [];
    for (const x of honest) {
      const core = x.core;
      if (!core) {
        out.push(`${x.name} is down`);
        continue;
      }
      const f = finalApplied(core);
      const missing = [...acked].filter((id) => (core.decidedAt(id) ?? Infinity) > f).length;
      if (missing > 0) {
        out.push(
          `${x.name}: ${missing} acknowledged txs not final (height ${core.height}, final ${core.finalHeight})`,
        );
      }
      if (
        equivocatedAfterHeal &&
        !core.evidence.some((e) => e.validator === nodes[byzIndex]?.name)
      ) {
        out.push(`${x.name} recorded no evidence against the equivocator`);
      }
    }
    if (progressAfterHealMs === undefined) out.push('no new final height after the heal');
    return out;
  };

  // ---- run: until settled after the last tx, or the 5 s bound after the heal ----
  const lastTxAt = heal + 100;
  while (q.size > 0) {
    const item = q.pop() as Queued;
    if (item.at > end) break;
    now = item.at;
    await item.run();
    // Checked at the re-read beat only: cheap enough, and stopping early changes no verdict.
    if (now > lastTxAt && (now - SIM_T0) % REREAD_MS === 0 && owed().length === 0) break;
  }
  const settledAt = now;
  for (const o of owed()) violate(`${AFTER_HEAL_MS} ms after the heal: ${o}`);
  let finalHeight = 0;
  let membershipInForce = false;
  for (const x of honest) {
    if (!x.core) continue;
    const f = finalApplied(x.core);
    finalHeight = Math.max(finalHeight, f);
    const eff = effectiveIn(x);
    if (eff === undefined || f < eff) continue;
    const set = x.core.validatorsAt(eff);
    const was = world.validators[target];
    if (
      (membership === 'add' && set?.has(world.spare.name)) ||
      (membership === 'remove' && was && !set?.has(was.name)) ||
      (membership === 'rotate' && was && set?.get(was.name) !== toBase64Url(was.publicKey.bytes))
    ) {
      membershipInForce = true;
    }
  }

  return {
    seed,
    ok: violations.length === 0,
    safe,
    violations,
    stats: {
      byzantine: byz,
      membership,
      membershipInForce,
      addedCosigned,
      txs: acked.size,
      finalHeight,
      healMs: heal - SIM_T0,
      progressAfterHealMs,
      settledAfterHealMs: settledAt - heal,
      crashes,
      partitions,
      corruptions,
      evidence,
      messages,
    },
  };
}

/**
 * The backend with verification results (and public keys) remembered for this run. Verifying is a pure function,
 * and four simulated validators check the very same cosignatures: remembering saves ~3/4 of the
 * signature checks without changing any answer (each validator still asks).
 */
function memoisedVerify(b: SignatureBackend): SignatureBackend {
  // Keyed by the signature; the key and message are compared in full, so a hit is exact.
  const seen = new Map<string, { pk: Uint8Array; message: Uint8Array; ok: boolean }[]>();
  const publicKeys = new WeakMap<PrivateKey, Promise<PublicKey>>();
  return {
    name: b.name,
    generateKeyPair: (alg) => b.generateKeyPair(alg),
    // The note signer derives the key id from the public key on every signature.
    publicKeyOf(k) {
      let pk = publicKeys.get(k);
      if (!pk) publicKeys.set(k, (pk = b.publicKeyOf(k)));
      return pk;
    },
    sign: (k, m) => b.sign(k, m),
    async verify(pk, message, signature) {
      const key = toHex(signature);
      const list = seen.get(key) ?? [];
      const hit = list.find((x) => equalBytes(x.pk, pk.bytes) && equalBytes(x.message, message));
      if (hit) return hit.ok;
      const ok = await b.verify(pk, message, signature);
      list.push({ pk: pk.bytes, message: message.slice(), ok });
      seen.set(key, list);
      return ok;
    },
  };
}
