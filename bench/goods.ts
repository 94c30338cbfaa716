// Recall-trace time on 100,000 lots (issue 6, decision 0011). Two shapes:
//   tree  — built by the goods module itself through the ledger, from signed transactions: one
//           harvest split into 100, each into 100, each of those into 10 (100,000 leaf lots,
//           111,111 in all); the recall of the harvest traces every one and every holder.
//   chain — 100,000 lots one below the other (written straight into state: building it by
//           transactions would take 100,000 splits), the worst case for depth.
// traceDownstream runs on an in-memory state (what a node's state cache holds when warm), and
// then straight on a node's SQLite store (a cold cache: a query and a JSON parse per lot).
// Median of a few runs.
// Run alone: `npx tsx bench/goods.ts [lots]`.
import { performance } from 'node:perf_hooks';
import { toBase64Url } from '../src/core/bytes.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../src/core/did.js';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import { canonicalJson } from '../src/core/jcs.js';
import { prepareTx, txSigningMessage } from '../src/core/tx.js';
import type { TxBody } from '../src/core/tx.js';
import { GWENT_BODIES } from '../src/ledger/demo.js';
import { writeGenesisState } from '../src/ledger/genesis.js';
import { accountSeq, Ledger } from '../src/ledger/ledger.js';
import { businessModule, getApplication } from '../src/ledger/modules/business.js';
import {
  GOODS_KEYS,
  goodsModule,
  recallCovering,
  traceDownstream,
} from '../src/ledger/modules/goods.js';
import type { Lot } from '../src/ledger/modules/goods.js';
import { governanceModule } from '../src/ledger/modules/governance.js';
import { MemoryState } from '../src/ledger/state.js';
import { generateKeyPairSync, signSync, verifySync } from '../src/node/crypto-node.js';
import { Store } from '../src/node/store.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrivateKey } from '../src/core/crypto.js';

export interface GoodsTraceShape {
  readonly lots: number;
  readonly holders: number;
  /** Median of the runs, ms. */
  readonly traceMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

export interface GoodsBenchResult {
  readonly tree: GoodsTraceShape & {
    readonly buildTxs: number;
    readonly buildMs: number;
    /** recallCovering of one leaf lot (the check a hand-over makes), µs. */
    readonly leafRecallCheckUs: number;
    /** The same trace read straight from a node's SQLite store (no state cache), median ms. */
    readonly sqliteMs: number;
  };
  readonly chain: GoodsTraceShape;
}

const RUNS = 5;
const NET = 'bench-net';
const T0 = 1_790_000_000_000;

interface Signer {
  readonly did: string;
  readonly keyId?: string;
  readonly privateKey: PrivateKey;
}

function timeRuns(run: () => { lots: number; holders: number }): GoodsTraceShape {
  run(); // warm-up: JIT, and the first read of every key
  const ms: number[] = [];
  let last = { lots: 0, holders: 0 };
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return {
    ...last,
    traceMs: ms[Math.floor(ms.length / 2)] ?? NaN,
    minMs: ms[0] ?? NaN,
    maxMs: ms[ms.length - 1] ?? NaN,
    runs: RUNS,
  };
}

/** The tree, built by the ledger from signed transactions. */
function buildTree(leaves: number): {
  state: MemoryState;
  root: string;
  txs: number;
  ms: number;
  leaf: string;
} {
  const started = performance.now();
  const ledger = new Ledger([governanceModule, businessModule, goodsModule], {
    verify: verifySync,
    didKey: publicKeyFromDidKey,
  });
  const memberKps = GWENT_BODIES.map(() => generateKeyPairSync('Ed25519'));
  const state = new MemoryState();
  writeGenesisState(state, {
    v: 1,
    network: NET,
    origin: 'bench.cadwyn.example/ledger',
    timeMs: T0,
    members: GWENT_BODIES.map((b, i) => ({
      did: b.did,
      name: b.name,
      roles: [...b.roles],
      keys: [
        {
          id: 'key-1',
          alg: 'Ed25519' as const,
          publicKey: toBase64Url(memberKps[i]?.publicKey.bytes ?? new Uint8Array()),
        },
      ],
    })),
    validators: [
      {
        name: 'v1',
        member: GWENT_BODIES[0]?.did ?? '',
        publicKey: toBase64Url(generateKeyPairSync('Ed25519').publicKey.bytes),
      },
    ],
    params: { txTimePastMs: 600_000, txTimeFutureMs: 120_000 },
  });
  const newport = GWENT_BODIES.findIndex((b) => b.slug === 'newport');
  const council: Signer = {
    did: GWENT_BODIES[newport]?.did ?? '',
    keyId: 'key-1',
    privateKey: (memberKps[newport] as { privateKey: PrivateKey }).privateKey,
  };
  const key = (): Signer => {
    const kp = generateKeyPairSync('Ed25519');
    return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey };
  };
  let height = 0;
  let txs = 0;
  const send = (sender: Signer, type: string, payload: Record<string, Json>, geo?: Geo) => {
    height++;
    const timeMs = T0 + height;
    const body: TxBody = {
      v: 1,
      network: NET,
      type,
      sender: sender.did,
      seq: accountSeq(state, sender.did) + 1,
      timeMs,
      ...(geo ? { geo } : {}),
      payload,
    };
    const sig = toBase64Url(signSync(sender.privateKey, txSigningMessage(canonicalJson(body))));
    const p = prepareTx({
      body,
      signatures: [
        {
          signer: sender.did,
          ...(sender.keyId ? { keyId: sender.keyId } : {}),
          alg: sender.privateKey.alg,
          sig,
        },
      ],
    });
    if (!p.ok) throw new Error(p.code);
    const v = ledger.execute(state, { network: NET, height, timeMs }, p.value, txs++);
    if (!v.ok) throw new Error(`${type}: ${v.code} ${v.detail ?? ''}`);
    return p.value.id;
  };

  const applicant = key();
  const app = send(
    applicant,
    'business.apply',
    {
      name: { en: 'Bench Growers Ltd' },
      kind: 'private-limited',
      officeArea: 'W06000022',
      directors: ['b'.repeat(64)],
      registrar: council.did,
    },
    { area: 'W06000022' },
  );
  send(council, 'business.approve', { application: app });
  const number = getApplication(state, app)?.number ?? '';
  send(council, 'business.licence', {
    number,
    licence: {
      kind: 'regulated-goods-cultivation',
      ref: 'BENCH/1',
      validFromMs: T0,
      validUntilMs: T0 + 1e12,
    },
  });
  const op = key();
  const geo = { lat: 51.7, lon: -2.9 };
  send(council, 'goods.registerOperator', {
    number,
    did: op.did,
    premises: [{ id: 'farm', name: { en: 'Farm', cy: 'Fferm' }, ...geo }],
  });
  const act = (type: string, payload: Record<string, Json>) =>
    send(op, type, { ...payload, premises: 'farm' }, geo);

  const root = `${act('goods.createLot', { product: 'hemp-seed', unit: 'item', quantity: leaves }).slice(0, 16)}-0`;
  // Fan-outs whose product is `leaves`: 100 × 100 × 10 for 100,000.
  const fanouts: number[] = [];
  for (let rest = leaves; rest > 1;) {
    const f = Math.min(100, rest);
    fanouts.push(f);
    rest = Math.floor(rest / f);
  }
  let level = [root];
  let size = leaves;
  for (const f of fanouts) {
    const part = Math.floor(size / f);
    const next: string[] = [];
    for (const lot of level) {
      const parts = Array.from({ length: f }, (_, i) => (i === 0 ? size - part * (f - 1) : part));
      const id = act('goods.split', { lot, parts });
      for (let i = 0; i < f; i++) next.push(`${id.slice(0, 16)}-${i}`);
    }
    level = next;
    size = part;
  }
  return {
    state,
    root,
    txs,
    ms: performance.now() - started,
    leaf: level[level.length - 1] ?? root,
  };
}

/** A chain of `n` lots, each the only child of the one above (written straight into state). */
function buildChain(n: number): { state: MemoryState; root: string } {
  const state = new MemoryState();
  const id = (i: number) => `${i.toString(16).padStart(16, '0')}-0`;
  for (let i = 0; i < n; i++) {
    const lot: Omit<Lot, 'place'> = {
      id: id(i),
      product: 'hemp-flower',
      unit: 'g',
      quantity: i === n - 1 ? 1 : 0,
      initialQuantity: 1,
      lost: 0,
      holder: `GW${String(1 + (i % 50)).padStart(6, '0')}`,
      holders: [`GW${String(1 + (i % 50)).padStart(6, '0')}`],
      status: i === n - 1 ? 'open' : 'split',
      origin: i === 0 ? 'created' : 'split',
      parents: i === 0 ? [] : [id(i - 1)],
      children: i === n - 1 ? [] : [id(i + 1)],
      createdMs: T0,
      txId: '0'.repeat(64),
    };
    state.put(GOODS_KEYS.lot(id(i)), lot as unknown as Json);
  }
  return { state, root: id(0) };
}

export function benchGoodsTrace(leaves = 100_000): GoodsBenchResult {
  const tree = buildTree(leaves);
  const treeTimes = timeRuns(() => {
    const t = traceDownstream(tree.state, tree.root);
    if (!t || t.truncated) throw new Error('trace failed');
    return { lots: t.lots.length, holders: t.holders.length };
  });
  const leafLot = tree.state.get(GOODS_KEYS.lot(tree.leaf)) as unknown as Lot;
  const checks = 10_000;
  const t = performance.now();
  for (let i = 0; i < checks; i++) recallCovering(tree.state, leafLot);
  const leafRecallCheckUs = ((performance.now() - t) * 1000) / checks;

  // A node whose state cache is cold: every read a SQLite query and a JSON parse.
  const dir = mkdtempSync(join(tmpdir(), 'cadwyn-goods-bench-'));
  let sqliteMs = NaN;
  try {
    const store = new Store(join(dir, 'state.sqlite'), { synchronous: 'NORMAL' });
    const rows = [...tree.state.map].map(([k, v]) => [k, canonicalJson(v)] as const);
    store.db.transaction(() => store.applyDiff(rows))();
    sqliteMs = timeRuns(() => {
      const t = traceDownstream(store, tree.root);
      if (!t || t.truncated) throw new Error('trace failed');
      return { lots: t.lots.length, holders: t.holders.length };
    }).traceMs;
    store.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const chain = buildChain(leaves);
  const chainTimes = timeRuns(() => {
    const c = traceDownstream(chain.state, chain.root);
    if (!c || c.truncated) throw new Error('trace failed');
    return { lots: c.lots.length, holders: c.holders.length };
  });
  return {
    tree: { ...treeTimes, buildTxs: tree.txs, buildMs: tree.ms, leafRecallCheckUs, sqliteMs },
    chain: chainTimes,
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const leaves = Number(process.argv[2] ?? 100_000);
  const r = benchGoodsTrace(leaves);
  console.log(
    `tree:  ${r.tree.lots} lots, ${r.tree.holders} holders — trace ${r.tree.traceMs.toFixed(1)} ms ` +
      `(min ${r.tree.minMs.toFixed(1)}, max ${r.tree.maxMs.toFixed(1)}, ${r.tree.runs} runs); ` +
      `built from ${r.tree.buildTxs} signed txs in ${(r.tree.buildMs / 1000).toFixed(1)} s; ` +
      `leaf recall check ${r.tree.leafRecallCheckUs.toFixed(2)} µs; ` +
      `from SQLite, no cache: ${r.tree.sqliteMs.toFixed(1)} ms`,
  );
  console.log(
    `chain: ${r.chain.lots} lots, ${r.chain.holders} holders — trace ${r.chain.traceMs.toFixed(1)} ms ` +
      `(min ${r.chain.minMs.toFixed(1)}, max ${r.chain.maxMs.toFixed(1)}, ${r.chain.runs} runs)`,
  );
}
