// The demo regulated-goods register (decision 0011): after the demo business register, five of
// its made-up organisations get regulated-goods licences from their council and an operator key
// each, and lots move between them as ordinary signed transactions — grown, split, carried,
// processed into bottled oil, sold, inspected — until Monmouthshire recalls the first harvest
// and the trace reaches both shops. Once only: nothing happens when any operator exists.
import { utf8 } from '../core/bytes.js';
import type { PrivateKey } from '../core/crypto.js';
import { didKeyFromPublicKey } from '../core/did.js';
import type { Geo } from '../core/geo.js';
import { sha256 } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import type { TxBody } from '../core/tx.js';
import { signTx, txIdOf } from '../core/tx.js';
import { nameHolder, normaliseBusinessName } from '../ledger/modules/business.js';
import { GOODS_KEYS } from '../ledger/modules/goods.js';
import { nodeCryptoBackend, publicKeyOfSync } from './crypto-node.js';
import { DEMO_BUSINESSES } from './demo-registers.js';
import type { IdentityContext } from './identity/context.js';

const DAY_MS = 86_400_000;

interface DemoOperator {
  /** The organisation's English name, as in DEMO_BUSINESSES. */
  readonly business: string;
  readonly activity: 'cultivation' | 'processing' | 'retail' | 'transport';
  readonly premises: {
    readonly id: string;
    readonly name: { readonly en: string; readonly cy: string };
    readonly lat: number;
    readonly lon: number;
  };
}

/** Made-up premises of made-up organisations; a premises is no person, so it has a point. */
export const DEMO_GOODS_OPERATORS = {
  grower: {
    business: 'Usk Valley Vineyards Ltd',
    activity: 'cultivation',
    premises: {
      id: 'usk-fields',
      name: { en: 'Usk fields', cy: 'Caeau Brynbuga' },
      lat: 51.7046,
      lon: -2.9071,
    },
  },
  haulier: {
    business: 'Torfaen Skip Hire Ltd',
    activity: 'transport',
    premises: {
      id: 'pontypool-depot',
      name: { en: 'Pontypool depot', cy: 'Depo Pont-y-pŵl' },
      lat: 51.7012,
      lon: -3.0445,
    },
  },
  processor: {
    business: 'Wye Valley Cider Press Ltd',
    activity: 'processing',
    premises: {
      id: 'tintern-works',
      name: { en: 'Tintern press house', cy: 'Tŷ gwasg Tyndyrn' },
      lat: 51.6957,
      lon: -2.6777,
    },
  },
  raglan: {
    business: 'Raglan Farm Shop',
    activity: 'retail',
    premises: {
      id: 'raglan-shop',
      name: { en: 'Raglan farm shop', cy: 'Siop fferm Rhaglan' },
      lat: 51.7665,
      lon: -2.8507,
    },
  },
  cwmbran: {
    business: 'Cwmbran Market Traders Co-operative',
    activity: 'retail',
    premises: {
      id: 'cwmbran-market',
      name: { en: 'Cwmbran market hall', cy: 'Neuadd farchnad Cwmbrân' },
      lat: 51.6537,
      lon: -3.0215,
    },
  },
} as const satisfies Record<string, DemoOperator>;
type Role = keyof typeof DEMO_GOODS_OPERATORS;

/** A deterministic Ed25519 key from a label (demo only: anyone can derive it). */
function demoKey(label: string): { did: string; privateKey: PrivateKey } {
  const privateKey: PrivateKey = { alg: 'Ed25519', bytes: sha256(utf8(`cadwyn/demo/${label}`)) };
  return { did: didKeyFromPublicKey(publicKeyOfSync(privateKey)), privateKey };
}

export interface GoodsSeedOutcome {
  readonly seeded: boolean;
  readonly operators: number;
  readonly lots: number;
  /** The recalled lot (its trace reaches both shops). */
  readonly recalled?: string;
  /** A bottled lot on a shop shelf, for a provenance page to show. */
  readonly onShelf?: string;
  readonly ms: number;
}

/**
 * Puts the demo goods on the ledger, unless an operator already exists. Needs the demo
 * business register (seedDemoRegisters) and the councils and NRW hosted by this node.
 */
export async function seedDemoGoods(ctx: IdentityContext): Promise<GoodsSeedOutcome> {
  const started = Date.now();
  const node = ctx.node;
  const none: GoodsSeedOutcome = { seeded: false, operators: 0, lots: 0, ms: 0 };
  if (node.store.stateRange(GOODS_KEYS.operatorPrefix, 1).length > 0) return none;
  const hosted = (slug: string) => {
    const h = ctx.bodies.get(slug);
    if (!h) throw new Error(`demo goods: body ${slug} not hosted`);
    return h;
  };
  const waitOk = async (id: string) => {
    const s = await node.waitFor(id, 30_000);
    if (!s || s.status === 'pending') throw new Error(`demo goods: ${id} not committed`);
    if (s.status === 'rejected') throw new Error(`demo goods: ${s.code} ${s.detail ?? ''}`);
  };

  // 1. Licences from each organisation's council, and an operator key registered by it.
  const now = node.deps.clock();
  const ops = new Map<Role, { did: string; privateKey: PrivateKey; number: string; geo: Geo }>();
  const round: Promise<string>[] = [];
  let ref = 1;
  for (const [role, o] of Object.entries(DEMO_GOODS_OPERATORS) as [Role, DemoOperator][]) {
    const demo = DEMO_BUSINESSES.find((d) => d.name.en === o.business);
    const holder = nameHolder(node.state, normaliseBusinessName(o.business));
    if (!demo || !holder || !('number' in holder)) {
      throw new Error(`demo goods: ${o.business} not on the register`);
    }
    const council = hosted(demo.council);
    const key = demoKey(`goods-operator-${role}`);
    round.push(
      council.actor.submit('business.licence', {
        number: holder.number,
        licence: {
          kind: `regulated-goods-${o.activity}`,
          ref: `${demo.council.toUpperCase()}/GOODS/${String(ref++).padStart(4, '0')}`,
          validFromMs: now - 30 * DAY_MS,
          validUntilMs: now + 365 * DAY_MS,
        },
      }),
      council.actor.submit('goods.registerOperator', {
        number: holder.number,
        did: key.did,
        premises: [o.premises as unknown as Json],
      }),
    );
    ops.set(role, {
      ...key,
      number: holder.number,
      geo: { lat: o.premises.lat, lon: o.premises.lon },
    });
  }
  for (const id of await Promise.all(round)) await waitOk(id);

  // 2. The operators' own transactions, one at a time (each reads what the last one wrote).
  let lots = 0;
  const act = async (role: Role, type: string, payload: Record<string, Json>): Promise<string> => {
    const op = ops.get(role);
    if (!op) throw new Error(`demo goods: no ${role}`);
    const body: TxBody = {
      v: 1,
      network: node.network,
      type,
      sender: op.did,
      seq: node.nextSeqFor(op.did),
      timeMs: node.deps.clock(),
      geo: op.geo,
      payload: { ...payload, premises: DEMO_GOODS_OPERATORS[role].premises.id },
    };
    const tx = await signTx(body, [op], nodeCryptoBackend);
    const [outcome] = await node.submit([tx]);
    if (!outcome?.ok) throw new Error(`demo goods: ${type} refused ${outcome?.code ?? ''}`);
    const id = txIdOf(tx.body);
    await waitOk(id);
    return id;
  };
  const lotOf = (txId: string, i = 0) => `${txId.slice(0, 16)}-${i}`;
  /** Offers a lot and has the receiver accept it. */
  const handOver = async (from: Role, to: Role, lot: string) => {
    const receiver = ops.get(to)?.number ?? '';
    const offer = await act(from, 'goods.propose', {
      lot,
      to: receiver,
      activity: DEMO_GOODS_OPERATORS[to].activity,
    });
    await act(to, 'goods.accept', { transfer: offer });
  };

  const harvest = lotOf(
    await act('grower', 'goods.createLot', { product: 'hemp-flower', unit: 'g', quantity: 12_000 }),
  );
  const second = lotOf(
    await act('grower', 'goods.createLot', { product: 'hemp-flower', unit: 'g', quantity: 8_000 }),
  );
  lots += 2;
  const split = await act('grower', 'goods.split', { lot: harvest, parts: [5_000, 7_000] });
  const [toProcess, kept] = [lotOf(split, 0), lotOf(split, 1)];
  lots += 2;
  await handOver('grower', 'haulier', toProcess);
  await handOver('haulier', 'processor', toProcess);
  const made = await act('processor', 'goods.process', {
    inputs: [toProcess],
    outputs: [
      { product: 'cbd-oil-bottle', unit: 'item', quantity: 250 },
      { product: 'cbd-extract', unit: 'ml', quantity: 1_500 },
    ],
  });
  const bottles = lotOf(made, 0);
  lots += 2;
  const cases = await act('processor', 'goods.split', { lot: bottles, parts: [100, 150] });
  const [forRaglan, forCwmbran] = [lotOf(cases, 0), lotOf(cases, 1)];
  lots += 2;
  await handOver('processor', 'raglan', forRaglan);
  await handOver('processor', 'cwmbran', forCwmbran);
  await act('raglan', 'goods.loss', { lot: forRaglan, quantity: 12, reason: 'sold' });
  await act('grower', 'goods.loss', { lot: kept, quantity: 150, reason: 'spoiled' });
  // The second harvest waits at the grower, offered to the haulier.
  await act('grower', 'goods.propose', {
    lot: second,
    to: ops.get('haulier')?.number ?? '',
    activity: 'transport',
  });

  // 3. Results, and the recall: a laboratory finding on the harvest reaches every shop.
  const monmouthshire = hosted('monmouthshire');
  const torfaen = hosted('torfaen');
  const nrw = hosted('nrw');
  await waitOk(
    await torfaen.actor.submit('goods.result', {
      lot: forCwmbran,
      kind: 'inspection',
      outcome: 'pass',
      ref: 'TORFAEN-TS/2026/031',
    }),
  );
  await waitOk(
    await nrw.actor.submit('goods.result', {
      lot: harvest,
      kind: 'lab-test',
      outcome: 'fail',
      ref: 'NRW-LAB/2026/118',
    }),
  );
  await waitOk(
    await monmouthshire.actor.submit('goods.recall', {
      lot: harvest,
      reason: {
        code: 'pesticide-residue',
        en: 'Pesticide residue above the permitted level',
        cy: 'Gweddillion plaladdwr uwchlaw’r lefel a ganiateir',
      },
    }),
  );
  return {
    seeded: true,
    operators: ops.size,
    lots,
    recalled: harvest,
    onShelf: forCwmbran,
    ms: Date.now() - started,
  };
}
