// regulated goods (decision 0011): operators of licensed organisations, lots whose quantities are
// conserved by construction, custody hand-over checked against the licence at the moment of
// acceptance, results, recall and the downstream trace. Every refusal writes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import { generateKeyPairSync, signSync, verifySync } from '../../node/crypto-node.js';
import { accountSeq, Ledger } from '../ledger.js';
import { MemoryState } from '../state.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import { businessModule, getApplication } from './business.js';
import type { GoodsHistoryEntry, Lot } from './goods.js';
import {
  getLot,
  getOperator,
  getTransfer,
  GOODS_KEYS,
  goodsHistory,
  goodsModule,
  recallCovering,
  traceDownstream,
} from './goods.js';
import { governanceModule } from './governance.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const ledger = new Ledger([governanceModule, businessModule, goodsModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

const { memberKps, bodies } = gwentTestMembers();
const body = (i: number) => bodies[i] as Signer;
const newKey = (): Signer => {
  const kp = generateKeyPairSync('Ed25519');
  return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey };
};

// GWENT_BODIES: 0–4 councils (registrar too), 5 health board, 6 police, 7 fire, 8 NRW (regulator).
const NEWPORT = body(3);
const HEALTH = body(5);
const NRW = body(8);
const APPLICANT = newKey();

const { freshState } = gwentTestGenesis(memberKps, NET, T0);

let logIndex = 0;
let height = 0;
const nextTime = () => T0 + (height + 1) * 1000;

/** Signs and executes one transaction in its own block (heights and log indexes increase). */
function send(
  state: MemoryState,
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  geo?: Geo,
): { code: string; id: string } {
  height++;
  const timeMs = T0 + height * 1000;
  const txBody: TxBody = {
    v: 1,
    network: NET,
    type,
    sender: sender.did,
    seq: accountSeq(state, sender.did) + 1,
    timeMs,
    ...(geo ? { geo } : {}),
    payload,
  };
  const sig = toBase64Url(signSync(sender.privateKey, txSigningMessage(canonicalJson(txBody))));
  const p = prepareTx({
    body: txBody,
    signatures: [
      {
        signer: sender.did,
        ...(sender.keyId === undefined ? {} : { keyId: sender.keyId }),
        alg: sender.privateKey.alg,
        sig,
      },
    ],
  });
  if (!p.ok) throw new Error(p.code);
  const v = ledger.execute(state, { network: NET, height, timeMs }, p.value, logIndex++);
  return { code: v.ok ? 'ok' : v.code, id: p.value.id };
}

const dump = (s: MemoryState) => canonicalJson(Object.fromEntries(s.map));

// ---- a small world: organisations, licences, operator keys with premises ----

interface Op extends Signer {
  readonly number: string;
  readonly premises: string;
  readonly geo: Geo;
}

type Activity = 'cultivation' | 'processing' | 'retail' | 'transport';

function register(s: MemoryState, name: string): string {
  const a = send(
    s,
    'business.apply',
    APPLICANT,
    {
      name: { en: name },
      kind: 'private-limited',
      officeArea: 'W06000022',
      directors: ['1'.repeat(64)],
      registrar: NEWPORT.did,
    },
    { area: 'W06000022' },
  );
  expect(a.code).toBe('ok');
  expect(send(s, 'business.approve', NEWPORT, { application: a.id }).code).toBe('ok');
  return getApplication(s, a.id)?.number ?? '';
}

function license(
  s: MemoryState,
  number: string,
  activity: Activity,
  from = T0,
  until = T0 + 10_000_000,
): string {
  const r = send(s, 'business.licence', NEWPORT, {
    number,
    licence: {
      kind: `regulated-goods-${activity}`,
      ref: `NPT/${activity}`,
      validFromMs: from,
      validUntilMs: until,
    },
  });
  expect(r.code).toBe('ok');
  return r.id;
}

let premisesSeq = 0;
function operator(
  s: MemoryState,
  number: string,
  o: { laboratory?: boolean; by?: Signer } = {},
): Op {
  const key = newKey();
  premisesSeq++;
  const premises = `site-${premisesSeq}`;
  const lat = Number((51.58 + premisesSeq / 1000).toFixed(4));
  const lon = -2.99;
  const r = send(s, 'goods.registerOperator', o.by ?? NEWPORT, {
    number,
    did: key.did,
    premises: [
      { id: premises, name: { en: `Site ${premisesSeq}`, cy: `Safle ${premisesSeq}` }, lat, lon },
    ],
    ...(o.laboratory ? { laboratory: { ref: 'UKAS-1234' } } : {}),
  });
  expect(r.code).toBe('ok');
  return { ...key, number, premises, geo: { lat, lon } };
}

/** An organisation with the given licences and one operator key. */
function licensed(s: MemoryState, name: string, activities: readonly Activity[]): Op {
  const n = register(s, name);
  for (const a of activities) license(s, n, a);
  return operator(s, n);
}

/** Sends as the operator, stamped at its premises. */
const act = (s: MemoryState, op: Op, type: string, payload: Record<string, Json>) =>
  send(s, type, op, { ...payload, premises: op.premises }, op.geo);

/** Same, without the premises field (reject, cancel). */
const actBare = (s: MemoryState, op: Op, type: string, payload: Record<string, Json>) =>
  send(s, type, op, payload, op.geo);

function refusedWith(s: MemoryState, code: string, run: () => { code: string }): void {
  const before = dump(s);
  expect(run().code).toBe(code);
  expect(dump(s)).toBe(before);
}

function createLot(s: MemoryState, op: Op, quantity = 1000, product = 'hemp-flower'): string {
  const unit = product === 'hemp-flower' ? 'g' : product === 'cbd-extract' ? 'ml' : 'item';
  const r = act(s, op, 'goods.createLot', { product, unit, quantity });
  expect(r.code).toBe('ok');
  return `${r.id.slice(0, 16)}-0`;
}

const lotOf = (s: MemoryState, id: string) => getLot(s, id) as Lot;

const historyOf = (s: MemoryState, lot: string): GoodsHistoryEntry[] =>
  [...s.map.entries()]
    .filter(([k]) => k.startsWith(goodsHistory(lot)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, v]) => v as unknown as GoodsHistoryEntry);

const REASON = { code: 'contaminated', en: 'Pesticide found', cy: 'Canfuwyd plaladdwr' };

describe('goods.registerOperator', () => {
  it('a council or regulator records that a did:key acts for a registered organisation', () => {
    const s = freshState();
    const n = register(s, 'Usk Hemp Farm');
    const op = operator(s, n);
    expect(getOperator(s, op.did)).toMatchObject({
      did: op.did,
      number: n,
      registeredBy: NEWPORT.did,
      premises: [{ id: op.premises, name: { en: expect.any(String), cy: expect.any(String) } }],
    });
    expect(s.get(GOODS_KEYS.operatorOf(n, op.did))).toBe(op.did);
    // NRW (regulator) may too.
    operator(s, n, { by: NRW });
  });

  it('refuses other senders, unknown or dissolved organisations and a second registration', () => {
    const s = freshState();
    const n = register(s, 'Torfaen Growers');
    const key = newKey();
    const payload = (number: string, did = key.did) => ({
      number,
      did,
      premises: [{ id: 'farm', name: { en: 'Farm', cy: 'Fferm' }, lat: 51.7, lon: -3.04 }],
    });
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () =>
      send(s, 'goods.registerOperator', HEALTH, payload(n)),
    );
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () =>
      send(s, 'goods.registerOperator', key, payload(n)),
    );
    refusedWith(s, 'GOODS_BUSINESS_UNKNOWN', () =>
      send(s, 'goods.registerOperator', NEWPORT, payload('GW999999')),
    );
    refusedWith(s, 'GOODS_PREMISES_INVALID', () =>
      send(s, 'goods.registerOperator', NEWPORT, {
        ...payload(n),
        premises: [{ id: 'farm', name: { en: 'Farm', cy: 'Fferm' }, lat: 51.123456789, lon: 0 }],
      }),
    );
    expect(send(s, 'goods.registerOperator', NEWPORT, payload(n)).code).toBe('ok');
    refusedWith(s, 'GOODS_OPERATOR_EXISTS', () =>
      send(s, 'goods.registerOperator', NEWPORT, payload(n)),
    );
    expect(send(s, 'business.dissolve', NEWPORT, { number: n }).code).toBe('ok');
    refusedWith(s, 'GOODS_BUSINESS_DISSOLVED', () =>
      send(s, 'goods.registerOperator', NEWPORT, payload(n, newKey().did)),
    );
  });
});

describe('goods.revokeOperator', () => {
  it('a withdrawn key can no longer act, receive offers or report; its record stays', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Revoked', ['cultivation']);
    const lab = operator(s, register(s, 'Lab Revoked'), { laboratory: true });
    const other = licensed(s, 'Grower Other', ['cultivation']);
    const lot = createLot(s, other, 5);
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () =>
      send(s, 'goods.revokeOperator', HEALTH, { did: g.did, reason: REASON }),
    );
    refusedWith(s, 'GOODS_OPERATOR_UNKNOWN', () =>
      send(s, 'goods.revokeOperator', NEWPORT, { did: newKey().did, reason: REASON }),
    );
    for (const op of [g, lab]) {
      expect(send(s, 'goods.revokeOperator', NRW, { did: op.did, reason: REASON }).code).toBe('ok');
    }
    expect(getOperator(s, g.did)?.revoked).toMatchObject({ by: NRW.did, reason: REASON });
    refusedWith(s, 'GOODS_OPERATOR_REVOKED', () =>
      send(s, 'goods.revokeOperator', NEWPORT, { did: g.did, reason: REASON }),
    );
    refusedWith(s, 'GOODS_NOT_OPERATOR', () =>
      act(s, g, 'goods.createLot', { product: 'hemp-seed', unit: 'item', quantity: 1 }),
    );
    refusedWith(s, 'GOODS_OPERATOR_UNKNOWN', () =>
      act(s, other, 'goods.propose', { lot, to: g.did, activity: 'cultivation' }),
    );
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () =>
      send(s, 'goods.result', lab, { lot, kind: 'lab-test', outcome: 'pass', ref: 'L/1' }),
    );
    // The organisation is still reachable by its number, and a new key can be registered.
    const again = operator(s, g.number);
    expect(
      act(s, again, 'goods.createLot', { product: 'hemp-seed', unit: 'item', quantity: 1 }).code,
    ).toBe('ok');
  });
});

describe('goods.createLot, split, merge, process, loss', () => {
  it('a licensed grower creates a lot stamped at its premises; ids come from the tx id', () => {
    const s = freshState();
    const grower = licensed(s, 'Grower One', ['cultivation']);
    const r = act(s, grower, 'goods.createLot', {
      product: 'hemp-flower',
      unit: 'g',
      quantity: 5000,
    });
    expect(r.code).toBe('ok');
    const id = `${r.id.slice(0, 16)}-0`;
    expect(getLot(s, id)).toMatchObject({
      id,
      product: 'hemp-flower',
      unit: 'g',
      quantity: 5000,
      holder: grower.number,
      holders: [grower.number],
      status: 'open',
      origin: 'created',
      place: { id: grower.premises, number: grower.number, ...(grower.geo as object) },
    });
    expect(historyOf(s, id).map((h) => [h.event, h.quantity, h.geo])).toEqual([
      ['created', 5000, grower.geo],
    ]);
  });

  it('refuses: no operator, no cultivation/processing licence, wrong unit, bad place stamp', () => {
    const s = freshState();
    const grower = licensed(s, 'Grower Two', ['cultivation']);
    const shop = licensed(s, 'Shop Two', ['retail']);
    const lot = { product: 'hemp-flower', unit: 'g', quantity: 10 };
    refusedWith(s, 'GOODS_NOT_OPERATOR', () =>
      send(s, 'goods.createLot', newKey(), { ...lot, premises: 'x' }, grower.geo),
    );
    refusedWith(s, 'GOODS_NOT_OPERATOR', () =>
      send(s, 'goods.createLot', NEWPORT, { ...lot, premises: 'x' }, grower.geo),
    );
    refusedWith(s, 'GOODS_NOT_LICENSED', () => act(s, shop, 'goods.createLot', lot));
    refusedWith(s, 'GOODS_UNIT_MISMATCH', () =>
      act(s, grower, 'goods.createLot', { ...lot, unit: 'ml' }),
    );
    refusedWith(s, 'GOODS_PREMISES_UNKNOWN', () =>
      send(s, 'goods.createLot', grower, { ...lot, premises: 'elsewhere' }, grower.geo),
    );
    refusedWith(s, 'GOODS_GEO_REQUIRED', () =>
      send(s, 'goods.createLot', grower, { ...lot, premises: grower.premises }),
    );
    refusedWith(s, 'GOODS_GEO_MISMATCH', () =>
      send(
        s,
        'goods.createLot',
        grower,
        { ...lot, premises: grower.premises },
        { lat: 52, lon: -3 },
      ),
    );
    refusedWith(s, 'GOODS_GEO_MISMATCH', () =>
      send(
        s,
        'goods.createLot',
        grower,
        { ...lot, premises: grower.premises },
        { area: 'W06000022' },
      ),
    );
    refusedWith(s, 'TX_PAYLOAD_INVALID', () =>
      act(s, grower, 'goods.createLot', { ...lot, quantity: 0 }),
    );
    refusedWith(s, 'TX_PAYLOAD_INVALID', () =>
      act(s, grower, 'goods.createLot', { ...lot, quantity: 1.5 }),
    );
  });

  it('split conserves exactly; an unbalanced split is refused', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Three', ['cultivation']);
    const lot = createLot(s, g, 100);
    refusedWith(s, 'GOODS_QUANTITY_UNBALANCED', () =>
      act(s, g, 'goods.split', { lot, parts: [60, 39] }),
    );
    refusedWith(s, 'GOODS_QUANTITY_UNBALANCED', () =>
      act(s, g, 'goods.split', { lot, parts: [60, 41] }),
    );
    refusedWith(s, 'TX_PAYLOAD_INVALID', () => act(s, g, 'goods.split', { lot, parts: [100] }));
    refusedWith(s, 'TX_PAYLOAD_INVALID', () => act(s, g, 'goods.split', { lot, parts: [101, -1] }));
    const r = act(s, g, 'goods.split', { lot, parts: [60, 30, 10] });
    expect(r.code).toBe('ok');
    const kids = [0, 1, 2].map((i) => `${r.id.slice(0, 16)}-${i}`);
    expect(kids.map((k) => lotOf(s, k).quantity)).toEqual([60, 30, 10]);
    expect(kids.map((k) => lotOf(s, k).parents)).toEqual([[lot], [lot], [lot]]);
    expect(lotOf(s, lot)).toMatchObject({ status: 'split', quantity: 0, children: kids });
    refusedWith(s, 'GOODS_LOT_CLOSED', () => act(s, g, 'goods.split', { lot, parts: [50, 50] }));
    expect(historyOf(s, lot).map((h) => h.event)).toEqual(['created', 'split']);
    expect(historyOf(s, kids[0] ?? '').map((h) => [h.event, h.related])).toEqual([
      ['split-from', [lot]],
    ]);
  });

  it('merge: one product, one holder, the sum; process: inputs used up, outputs trace back', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Four', ['cultivation', 'processing']);
    const other = licensed(s, 'Grower Five', ['cultivation']);
    const a = createLot(s, g, 10);
    const b = createLot(s, g, 15);
    const seeds = createLot(s, g, 3, 'hemp-seed');
    const theirs = createLot(s, other, 5);
    refusedWith(s, 'GOODS_MERGE_MISMATCH', () => act(s, g, 'goods.merge', { lots: [a, seeds] }));
    refusedWith(s, 'GOODS_NOT_HOLDER', () => act(s, g, 'goods.merge', { lots: [a, theirs] }));
    refusedWith(s, 'TX_PAYLOAD_INVALID', () => act(s, g, 'goods.merge', { lots: [a, a] }));
    const m = act(s, g, 'goods.merge', { lots: [a, b] });
    expect(m.code).toBe('ok');
    const merged = `${m.id.slice(0, 16)}-0`;
    expect(lotOf(s, merged)).toMatchObject({ quantity: 25, parents: [a, b], origin: 'merged' });
    expect(lotOf(s, a)).toMatchObject({ status: 'merged', quantity: 0, children: [merged] });

    refusedWith(s, 'GOODS_NOT_LICENSED', () =>
      act(s, other, 'goods.process', {
        inputs: [theirs],
        outputs: [{ product: 'cbd-extract', unit: 'ml', quantity: 1 }],
      }),
    );
    const p = act(s, g, 'goods.process', {
      inputs: [merged],
      outputs: [
        { product: 'cbd-extract', unit: 'ml', quantity: 4 },
        { product: 'cbd-edible', unit: 'item', quantity: 12 },
      ],
    });
    expect(p.code).toBe('ok');
    const outs = [0, 1].map((i) => `${p.id.slice(0, 16)}-${i}`);
    expect(lotOf(s, merged)).toMatchObject({ status: 'processed', quantity: 0, children: outs });
    expect(traceDownstream(s, a)?.lots.map((l) => l.id)).toEqual([a, merged, ...outs]);
  });

  it('loss is the only way stock leaves; more than the lot holds is refused; sold needs retail', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Six', ['cultivation']);
    const lot = createLot(s, g, 20);
    refusedWith(s, 'GOODS_QUANTITY_UNBALANCED', () =>
      act(s, g, 'goods.loss', { lot, quantity: 21, reason: 'destroyed' }),
    );
    refusedWith(s, 'GOODS_NOT_LICENSED', () =>
      act(s, g, 'goods.loss', { lot, quantity: 1, reason: 'sold' }),
    );
    refusedWith(s, 'TX_PAYLOAD_INVALID', () =>
      act(s, g, 'goods.loss', { lot, quantity: 1, reason: 'vanished' }),
    );
    expect(act(s, g, 'goods.loss', { lot, quantity: 5, reason: 'spoiled' }).code).toBe('ok');
    expect(lotOf(s, lot)).toMatchObject({ quantity: 15, lost: 5, status: 'open' });
    expect(act(s, g, 'goods.loss', { lot, quantity: 15, reason: 'destroyed' }).code).toBe('ok');
    expect(lotOf(s, lot)).toMatchObject({ quantity: 0, lost: 20, status: 'depleted' });
    refusedWith(s, 'GOODS_LOT_CLOSED', () =>
      act(s, g, 'goods.loss', { lot, quantity: 1, reason: 'destroyed' }),
    );
  });
});

describe('custody: propose → accept, reject or cancel', () => {
  it('hands a lot over; the receiver must hold the licence at the moment of acceptance', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Seven', ['cultivation']);
    const shop = licensed(s, 'Shop Seven', ['retail']);
    const lot = createLot(s, g, 50);
    // Offered for transport, which the shop is not licensed for: accepting is refused.
    const p1 = act(s, g, 'goods.propose', { lot, to: shop.number, activity: 'transport' });
    expect(p1.code).toBe('ok');
    expect(lotOf(s, lot).pending).toBe(p1.id);
    expect(s.get(GOODS_KEYS.inbox(shop.number, p1.id))).toBe(p1.id);
    refusedWith(s, 'GOODS_NOT_LICENSED', () => act(s, shop, 'goods.accept', { transfer: p1.id }));
    const spare = createLot(s, g, 1);
    // Under a transfer, the lot cannot split, merge, lose stock or be offered again.
    refusedWith(s, 'GOODS_LOT_PENDING', () => act(s, g, 'goods.split', { lot, parts: [25, 25] }));
    refusedWith(s, 'GOODS_LOT_PENDING', () =>
      act(s, g, 'goods.loss', { lot, quantity: 1, reason: 'lost' }),
    );
    refusedWith(s, 'GOODS_LOT_PENDING', () => act(s, g, 'goods.merge', { lots: [lot, spare] }));
    refusedWith(s, 'GOODS_LOT_PENDING', () =>
      act(s, g, 'goods.propose', { lot, to: shop.number, activity: 'retail' }),
    );
    refusedWith(s, 'GOODS_NOT_PROPOSER', () =>
      actBare(s, shop, 'goods.cancel', { transfer: p1.id }),
    );
    expect(actBare(s, g, 'goods.cancel', { transfer: p1.id }).code).toBe('ok');
    expect(getTransfer(s, p1.id)?.status).toBe('cancelled');
    expect(lotOf(s, lot).pending).toBeUndefined();
    expect(s.get(GOODS_KEYS.inbox(shop.number, p1.id))).toBeUndefined();
    refusedWith(s, 'GOODS_TRANSFER_NOT_PENDING', () =>
      act(s, shop, 'goods.accept', { transfer: p1.id }),
    );

    // Offered by the shop's operator key rather than its number; a third party cannot accept.
    const p2 = act(s, g, 'goods.propose', { lot, to: shop.did, activity: 'retail' });
    expect(p2.code).toBe('ok');
    expect(getTransfer(s, p2.id)?.to).toBe(shop.number);
    const stranger = licensed(s, 'Stranger Seven', ['retail']);
    refusedWith(s, 'GOODS_NOT_RECEIVER', () =>
      act(s, stranger, 'goods.accept', { transfer: p2.id }),
    );
    expect(act(s, shop, 'goods.accept', { transfer: p2.id }).code).toBe('ok');
    expect(lotOf(s, lot)).toMatchObject({
      holder: shop.number,
      holders: [g.number, shop.number],
      place: { id: shop.premises, number: shop.number },
    });
    expect(getTransfer(s, p2.id)).toMatchObject({ status: 'accepted', from: g.number });
    // The grower no longer holds it.
    refusedWith(s, 'GOODS_NOT_HOLDER', () =>
      act(s, g, 'goods.loss', { lot, quantity: 1, reason: 'lost' }),
    );
    expect(act(s, shop, 'goods.loss', { lot, quantity: 2, reason: 'sold' }).code).toBe('ok');
    expect(historyOf(s, lot).map((h) => h.event)).toEqual([
      'created',
      'proposed',
      'cancelled',
      'proposed',
      'accepted',
      'loss',
    ]);
    refusedWith(s, 'GOODS_TRANSFER_TO_SELF', () =>
      act(s, shop, 'goods.propose', { lot, to: shop.number, activity: 'retail' }),
    );
    refusedWith(s, 'GOODS_BUSINESS_UNKNOWN', () =>
      act(s, shop, 'goods.propose', { lot, to: 'GW999999', activity: 'retail' }),
    );
    refusedWith(s, 'GOODS_OPERATOR_UNKNOWN', () =>
      act(s, shop, 'goods.propose', { lot, to: newKey().did, activity: 'retail' }),
    );
  });

  it('an expired, revoked or not-yet-valid licence does not accept custody', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Eight', ['cultivation']);
    const haulier = register(s, 'Haulier Eight');
    // Valid for the next three blocks only.
    license(s, haulier, 'transport', T0, nextTime() + 3000);
    const future = license(s, haulier, 'processing', nextTime() + 10_000_000, T0 + 20_000_000);
    const revocable = license(s, haulier, 'retail');
    const h = operator(s, haulier);
    const lot = createLot(s, g, 10);
    const p = act(s, g, 'goods.propose', { lot, to: haulier, activity: 'transport' });
    expect(p.code).toBe('ok');
    refusedWith(s, 'GOODS_NOT_LICENSED', () => act(s, h, 'goods.accept', { transfer: p.id }));
    expect(future.length).toBe(64);
    expect(actBare(s, g, 'goods.cancel', { transfer: p.id }).code).toBe('ok');
    const q = act(s, g, 'goods.propose', { lot, to: haulier, activity: 'processing' });
    refusedWith(s, 'GOODS_NOT_LICENSED', () => act(s, h, 'goods.accept', { transfer: q.id }));
    expect(actBare(s, g, 'goods.cancel', { transfer: q.id }).code).toBe('ok');
    const r = act(s, g, 'goods.propose', { lot, to: haulier, activity: 'retail' });
    expect(
      send(s, 'business.revokeLicence', NEWPORT, {
        number: haulier,
        licence: revocable,
        reason: REASON,
      }).code,
    ).toBe('ok');
    refusedWith(s, 'GOODS_NOT_LICENSED', () => act(s, h, 'goods.accept', { transfer: r.id }));
    // Rejecting needs no licence; the lot is the grower's again.
    expect(
      actBare(s, h, 'goods.reject', {
        transfer: r.id,
        reason: { code: 'no-licence', en: 'Licence revoked', cy: 'Trwydded wedi’i dirymu' },
      }).code,
    ).toBe('ok');
    expect(lotOf(s, lot)).toMatchObject({ holder: g.number, holders: [g.number] });
    expect(getTransfer(s, r.id)).toMatchObject({
      status: 'rejected',
      reason: { code: 'no-licence' },
    });
  });

  it('a dissolved receiver accepts nothing', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Nine', ['cultivation']);
    const shop = licensed(s, 'Shop Nine', ['retail']);
    const lot = createLot(s, g, 10);
    const p = act(s, g, 'goods.propose', { lot, to: shop.number, activity: 'retail' });
    expect(send(s, 'business.dissolve', NEWPORT, { number: shop.number }).code).toBe('ok');
    refusedWith(s, 'GOODS_NOT_LICENSED', () => act(s, shop, 'goods.accept', { transfer: p.id }));
  });
});

describe('results and recall', () => {
  it('results from a council, a regulator or an accredited laboratory; nobody else', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Ten', ['cultivation']);
    const labOrg = register(s, 'Gwent Test Lab');
    const lab = operator(s, labOrg, { laboratory: true });
    const lot = createLot(s, g, 10);
    const res = (outcome: string) => ({ lot, kind: 'lab-test', outcome, ref: 'LAB/1' });
    expect(send(s, 'goods.result', lab, res('pass')).code).toBe('ok');
    expect(send(s, 'goods.result', NEWPORT, { ...res('fail'), kind: 'inspection' }).code).toBe(
      'ok',
    );
    expect(send(s, 'goods.result', NRW, res('pass')).code).toBe('ok');
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () => send(s, 'goods.result', g, res('pass')));
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () => send(s, 'goods.result', HEALTH, res('pass')));
    refusedWith(s, 'GOODS_LOT_UNKNOWN', () =>
      send(s, 'goods.result', NEWPORT, { ...res('pass'), lot: '0123456789abcdef-0' }),
    );
    const results = [...s.map.keys()].filter((k) => k.startsWith(GOODS_KEYS.resultPrefix(lot)));
    expect(results.length).toBe(3);
  });

  it('a recall covers every descendant and holder; they cannot move, only be destroyed', () => {
    const s = freshState();
    const g = licensed(s, 'Grower Eleven', ['cultivation', 'processing']);
    const shop = licensed(s, 'Shop Eleven', ['retail']);
    const root = createLot(s, g, 100);
    const sp = act(s, g, 'goods.split', { lot: root, parts: [40, 60] });
    const [k0, k1] = [0, 1].map((i) => `${sp.id.slice(0, 16)}-${i}`) as [string, string];
    const p = act(s, g, 'goods.propose', { lot: k0, to: shop.number, activity: 'retail' });
    expect(act(s, shop, 'goods.accept', { transfer: p.id }).code).toBe('ok');
    const unrelated = createLot(s, g, 7);
    const q = act(s, g, 'goods.propose', { lot: k1, to: shop.number, activity: 'retail' });
    expect(q.code).toBe('ok');

    refusedWith(s, 'GOODS_NOT_AUTHORISED', () =>
      send(s, 'goods.recall', HEALTH, { lot: root, reason: REASON }),
    );
    refusedWith(s, 'GOODS_NOT_AUTHORISED', () =>
      send(s, 'goods.recall', g, { lot: root, reason: REASON }),
    );
    expect(send(s, 'goods.recall', NRW, { lot: root, reason: REASON }).code).toBe('ok');
    refusedWith(s, 'GOODS_ALREADY_RECALLED', () =>
      send(s, 'goods.recall', NEWPORT, { lot: root, reason: REASON }),
    );

    const trace = traceDownstream(s, root);
    expect(trace?.lots.map((l) => l.id)).toEqual([root, k0, k1]);
    expect(trace?.holders).toEqual([g.number, shop.number]);
    expect(trace?.truncated).toBe(false);
    expect(traceDownstream(s, root, 2)).toMatchObject({ truncated: true });
    expect(traceDownstream(s, unrelated)?.lots.length).toBe(1);
    expect(recallCovering(s, lotOf(s, k0))).toMatchObject({ ok: true, value: { lot: root } });
    expect(recallCovering(s, lotOf(s, unrelated))).toEqual({ ok: true, value: undefined });

    refusedWith(s, 'GOODS_LOT_RECALLED', () => act(s, shop, 'goods.accept', { transfer: q.id }));
    refusedWith(s, 'GOODS_LOT_RECALLED', () =>
      act(s, shop, 'goods.loss', { lot: k0, quantity: 1, reason: 'sold' }),
    );
    refusedWith(s, 'GOODS_LOT_RECALLED', () =>
      act(s, shop, 'goods.split', { lot: k0, parts: [20, 20] }),
    );
    expect(act(s, shop, 'goods.loss', { lot: k0, quantity: 40, reason: 'destroyed' }).code).toBe(
      'ok',
    );
    expect(
      act(s, g, 'goods.propose', { lot: unrelated, to: shop.number, activity: 'retail' }).code,
    ).toBe('ok');
    expect(historyOf(s, root).map((h) => h.event)).toEqual(['created', 'split', 'recalled']);
  });

  it('traces 50,000 lots in one chain without recursion', () => {
    const s = new MemoryState();
    const n = 50_000;
    const id = (i: number) => `${i.toString(16).padStart(16, '0')}-0`;
    for (let i = 0; i < n; i++) {
      s.put(GOODS_KEYS.lot(id(i)), {
        id: id(i),
        product: 'hemp-flower',
        unit: 'g',
        quantity: i === n - 1 ? 1 : 0,
        holder: 'GW000001',
        holders: ['GW000001'],
        status: i === n - 1 ? 'open' : 'split',
        parents: i === 0 ? [] : [id(i - 1)],
        children: i === n - 1 ? [] : [id(i + 1)],
      });
    }
    expect(traceDownstream(s, id(0))?.lots.length).toBe(n);
    const last = lotOf(s, id(n - 1));
    expect(recallCovering(s, last)).toMatchObject({ ok: false, code: 'GOODS_TRACE_TOO_LARGE' });
  });
});

describe('conservation (property)', () => {
  type Step =
    | { k: 'create'; q: number }
    | { k: 'split'; i: number; cuts: number[]; off: number }
    | { k: 'merge'; i: number; j: number }
    | { k: 'loss'; i: number; q: number }
    | { k: 'transfer'; i: number; accept: boolean }
    | { k: 'process'; i: number; q: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ k: fc.constant('create' as const), q: fc.integer({ min: 1, max: 1000 }) }),
    fc.record({
      k: fc.constant('split' as const),
      i: fc.nat(),
      cuts: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      off: fc.constantFrom(0, 0, 0, 1, -1),
    }),
    fc.record({ k: fc.constant('merge' as const), i: fc.nat(), j: fc.nat() }),
    fc.record({
      k: fc.constant('loss' as const),
      i: fc.nat(),
      q: fc.integer({ min: 1, max: 300 }),
    }),
    fc.record({ k: fc.constant('transfer' as const), i: fc.nat(), accept: fc.boolean() }),
    fc.record({
      k: fc.constant('process' as const),
      i: fc.nat(),
      q: fc.integer({ min: 1, max: 500 }),
    }),
  );

  it('open stock always equals created − recorded losses (± processing), whatever is tried', () => {
    const base = freshState();
    const a = licensed(base, 'Prop Grower', ['cultivation', 'processing', 'transport']);
    const b = licensed(base, 'Prop Processor', ['processing', 'transport']);
    const opFor = (number: string) => (number === a.number ? a : b);
    const baseMap = new Map(base.map);
    // What succeeded over all runs: the property must have exercised every move.
    const done = { split: 0, merge: 0, loss: 0, transfer: 0, process: 0 };
    const conserved = fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
      const s = new MemoryState();
      for (const [k, v] of baseMap) s.map.set(k, v);
      let created = 0;
      let lost = 0;
      let made = 0;
      let used = 0;
      const open = () =>
        [...s.map.entries()]
          .filter(([k]) => k.startsWith(GOODS_KEYS.lotPrefix))
          .map(([, v]) => v as unknown as Lot)
          .filter((l) => l.status === 'open')
          .sort((x, y) => (x.id < y.id ? -1 : 1));
      for (const st of steps) {
        const lots = open();
        const pick = (i: number) => lots[i % Math.max(1, lots.length)];
        if (st.k === 'create') {
          if (
            act(s, a, 'goods.createLot', { product: 'hemp-flower', unit: 'g', quantity: st.q })
              .code === 'ok'
          ) {
            created += st.q;
          }
          continue;
        }
        const l = pick(st.i);
        if (!l) continue;
        const op = opFor(l.holder);
        if (st.k === 'split') {
          // Cut points inside the lot; `off` unbalances the parts (then it must be refused).
          const cuts = [...new Set(st.cuts.map((c) => 1 + (c % Math.max(1, l.quantity - 1))))]
            .filter((c) => c < l.quantity)
            .sort((x, y) => x - y);
          const parts = [...cuts, l.quantity].map((c, i) => c - (i === 0 ? 0 : (cuts[i - 1] ?? 0)));
          parts[0] = (parts[0] ?? 0) + st.off;
          const r = act(s, op, 'goods.split', { lot: l.id, parts });
          if (r.code === 'ok') done.split++;
          if (st.off !== 0 && parts.length >= 2 && (parts[0] ?? 0) > 0) {
            expect(r.code).toBe('GOODS_QUANTITY_UNBALANCED');
          }
        } else if (st.k === 'merge') {
          const m = pick(st.j);
          if (!m) continue;
          if (act(s, op, 'goods.merge', { lots: [l.id, m.id] }).code === 'ok') done.merge++;
        } else if (st.k === 'loss') {
          const r = act(s, op, 'goods.loss', { lot: l.id, quantity: st.q, reason: 'lost' });
          if (r.code === 'ok') {
            lost += st.q;
            done.loss++;
          } else if (st.q <= l.quantity && l.pending === undefined) expect(r.code).toBe('ok');
        } else if (st.k === 'process') {
          const r = act(s, op, 'goods.process', {
            inputs: [l.id],
            outputs: [{ product: 'hemp-flower', unit: 'g', quantity: st.q }],
          });
          if (r.code === 'ok') {
            used += l.quantity;
            made += st.q;
            done.process++;
          }
        } else {
          const to = l.holder === a.number ? b : a;
          const p = act(s, op, 'goods.propose', {
            lot: l.id,
            to: to.number,
            activity: 'transport',
          });
          if (p.code === 'ok') {
            done.transfer++;
            if (st.accept) expect(act(s, to, 'goods.accept', { transfer: p.id }).code).toBe('ok');
            else actBare(s, op, 'goods.cancel', { transfer: p.id });
          }
        }
        const all = [...s.map.entries()]
          .filter(([k]) => k.startsWith(GOODS_KEYS.lotPrefix))
          .map(([, v]) => v as unknown as Lot);
        expect(all.every((x) => Number.isSafeInteger(x.quantity) && x.quantity >= 0)).toBe(true);
        expect(all.filter((x) => x.status !== 'open').every((x) => x.quantity === 0)).toBe(true);
      }
      const total = open().reduce((sum, x) => sum + x.quantity, 0);
      // Processing uses its inputs up and makes its outputs: both recorded, nothing else.
      expect(total).toBe(created + made - lost - used);
    });
    fc.assert(conserved, { numRuns: 40 });
    // The property was not vacuous: every kind of move happened. A merge needs two open lots of
    // one product and holder, which a run may never build (lot ids are random, so no seed fixes
    // that): 60 more runs in the rare case, and merges have their own tests above.
    if (done.merge === 0) fc.assert(conserved, { numRuns: 60 });
    expect(
      Object.values(done).every((n) => n > 0),
      JSON.stringify(done),
    ).toBe(true);
  });
});
