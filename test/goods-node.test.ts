// The regulated-goods register through a real node (decision 0011): organisations and licences
// on the business register, operator keys registered by a council, lots created, split and
// handed over by the operators' own signed transactions, a recall by a regulator, and the public
// provenance and trace pages; refusals as the ledger's codes, unknown lots as problem+json.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import type { Hosted } from '../src/node/identity/context.js';
import { STATUS_OF } from '../src/node/errors.js';
import { titleOf } from '../src/node/problems.js';
import { DEMO_GOODS_OPERATORS } from '../src/node/demo-goods.js';
import type { Problem, Sender, TestNode, TxStatusView } from './helpers.js';
import {
  GWENT_BODIES,
  newDidKeySender,
  nextSeq,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
} from './helpers.js';

const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport');
const DAY = 86_400_000;

interface Op extends Sender {
  readonly number: string;
  readonly premises: string;
  readonly geo: Geo;
}

interface ChainEvent {
  event: string;
  lot: string;
  number?: string;
  place?: { id: string; lat: number; lon: number; name: { en: string; cy: string } };
  geo?: Geo;
  receipt: string;
  byActor: { kind: string; name?: { en: string } };
}
interface LotPage {
  id: string;
  product: string;
  productName: { en: string; cy: string };
  quantity: number;
  holder: string;
  holderBusiness: { number: string; name: { en: string } };
  recallStatus: string;
  recallCovering?: { lot: string; reason: { code: string } };
  results: { kind: string; outcome: string; ref: string }[];
  chain: ChainEvent[];
  chainLots: string[];
  page: string;
  qr: string;
}
interface TracePage {
  lot: string;
  lots: { id: string; holder: string; quantity: number }[];
  holders: { number: string; name: { en: string } }[];
  truncated: boolean;
  recall?: { lot: string };
}

describe('regulated goods API', () => {
  let n: TestNode;
  const applicant = newDidKeySender();
  let applicantSeq = 1;
  const body = (slug: string) => n.identity.ctx.bodies.get(slug) as Hosted;

  beforeAll(async () => {
    n = await startTestNode();
  });
  afterAll(async () => stopTestNode(n));

  /** Signs as `sender`, submits, waits: committed or final, or refused at intake with a code. */
  async function send(sender: Sender, type: string, payload: Json, geo?: Geo) {
    const tx = await sign(
      txBody({
        type,
        sender: sender.did,
        seq: await nextSeq(n.http, sender.did),
        payload: payload as { [k: string]: Json },
        ...(geo ? { geo } : {}),
      }),
      [sender],
    );
    // The node checks who may send at intake: a refusal there is the HTTP answer.
    const r = await n.http.post<{ status: string; code: string }>(
      '/v1/transactions?waitMs=5000',
      tx,
    );
    if (r.status !== 200 && r.status !== 202) {
      return { status: 'refused', code: r.json.code, http: r.status, id: '' };
    }
    return r.json.status === 'pending' ? submitAndWait(n.http, tx) : (r.json as TxStatusView);
  }
  const ok = (s: { status: string; id: string }) => {
    expect(['committed', 'final'], JSON.stringify(s)).toContain(s.status);
    return s.id;
  };
  const act = (op: Op, type: string, payload: Record<string, Json>) =>
    send(op, type, { ...payload, premises: op.premises }, op.geo);

  async function organisation(name: string, activities: readonly string[]): Promise<string> {
    const apply = await sign(
      txBody({
        type: 'business.apply',
        sender: applicant.did,
        seq: applicantSeq++,
        geo: { area: 'W06000022' },
        payload: {
          name: { en: name },
          kind: 'private-limited',
          officeArea: 'W06000022',
          directors: ['a'.repeat(64)],
          registrar: NEWPORT?.did ?? '',
        },
      }),
      [applicant],
    );
    const id = ok(await submitAndWait(n.http, apply));
    await body('newport').actor.submitAndWait('business.approve', { application: id });
    const number = String(
      (n.node.state.get(`business-application/${id}`) as { number: string }).number,
    );
    const now = Date.now();
    for (const a of activities) {
      await body('newport').actor.submitAndWait('business.licence', {
        number,
        licence: {
          kind: `regulated-goods-${a}`,
          ref: `NPT/${a}`,
          validFromMs: now - DAY,
          validUntilMs: now + 365 * DAY,
        },
      });
    }
    return number;
  }

  let site = 0;
  async function operator(number: string): Promise<Op> {
    const key = newDidKeySender();
    site++;
    const geo = { lat: Number((51.58 + site / 100).toFixed(4)), lon: -2.99 };
    await body('newport').actor.submitAndWait('goods.registerOperator', {
      number,
      did: key.did,
      premises: [{ id: `site-${site}`, name: { en: `Unit ${site}`, cy: `Uned ${site}` }, ...geo }],
    });
    return { ...key, number, premises: `site-${site}`, geo };
  }

  it('a lot is grown, split, handed over, tested and recalled; pages show it all', async () => {
    const growerNo = await organisation('Usk Valley Hemp Ltd', ['cultivation']);
    const shopNo = await organisation('Cwmbran Wellbeing Shop Ltd', ['retail']);
    const grower = await operator(growerNo);
    const shop = await operator(shopNo);

    const created = ok(
      await act(grower, 'goods.createLot', { product: 'hemp-flower', unit: 'g', quantity: 900 }),
    );
    const lot = `${created.slice(0, 16)}-0`;
    const split = ok(await act(grower, 'goods.split', { lot, parts: [300, 600] }));
    const [a, b] = [`${split.slice(0, 16)}-0`, `${split.slice(0, 16)}-1`];
    const offer = ok(
      await act(grower, 'goods.propose', { lot: a, to: shop.number, activity: 'retail' }),
    );
    ok(await act(shop, 'goods.accept', { transfer: offer }));
    await body('newport').actor.submitAndWait('goods.result', {
      lot: a,
      kind: 'inspection',
      outcome: 'pass',
      ref: 'TS/2026/14',
    });

    const page = await n.http.get<LotPage>(`/v1/goods/lots/${a}`);
    expect(page.status, page.text).toBe(200);
    expect(page.json).toMatchObject({
      id: a,
      product: 'hemp-flower',
      productName: { en: 'Dried hemp flower' },
      quantity: 300,
      holder: shopNo,
      holderBusiness: { number: shopNo, name: { en: 'Cwmbran Wellbeing Shop Ltd' } },
      recallStatus: 'none',
      results: [{ kind: 'inspection', outcome: 'pass', ref: 'TS/2026/14' }],
      chainLots: [a, lot],
      page: `/explorer/goods/?lot=${a}`,
    });
    // The chain of custody runs back through the parent lot, each event with its place.
    expect(page.json.chain.map((e) => [e.lot, e.event])).toEqual([
      [lot, 'created'],
      [lot, 'split'],
      [a, 'split-from'],
      [a, 'proposed'],
      [a, 'accepted'],
      [a, 'result'],
    ]);
    const accepted = page.json.chain.find((e) => e.event === 'accepted');
    expect(accepted?.place).toMatchObject({ id: shop.premises, ...(shop.geo as object) });
    expect(accepted?.geo).toEqual(shop.geo);
    expect(accepted?.byActor).toMatchObject({
      kind: 'operator',
      name: { en: 'Cwmbran Wellbeing Shop Ltd' },
    });
    expect(page.json.chain.at(-1)?.byActor).toMatchObject({ kind: 'body' });
    const receipt = await n.http.get(page.json.chain[0]?.receipt ?? '');
    expect(receipt.status).toBe(200);

    // Recall the parent: the trace finds both halves and both holders.
    await body('nrw').actor.submitAndWait('goods.recall', {
      lot,
      reason: { code: 'contaminated', en: 'Pesticide residue', cy: 'Gweddillion plaladdwr' },
    });
    const trace = await n.http.get<TracePage>(`/v1/goods/lots/${lot}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.json.lots.map((l) => l.id)).toEqual([lot, a, b]);
    expect(trace.json.holders.map((h) => h.number)).toEqual([growerNo, shopNo]);
    expect(trace.json.holders[1]?.name.en).toBe('Cwmbran Wellbeing Shop Ltd');
    expect(trace.json).toMatchObject({ truncated: false, recall: { lot } });
    const limited = await n.http.get<TracePage>(`/v1/goods/lots/${lot}/trace?limit=2`);
    expect(limited.json).toMatchObject({ truncated: true });
    expect(limited.json.lots.length).toBe(2);
    const child = await n.http.get<LotPage>(`/v1/goods/lots/${a}`);
    expect(child.json).toMatchObject({
      recallStatus: 'recalled-upstream',
      recallCovering: { lot, reason: { code: 'contaminated' } },
    });
    const recalls = await n.http.get<{ recalls: { lot: string; productName: { cy: string } }[] }>(
      '/v1/goods/recalls',
    );
    expect(recalls.json.recalls[0]).toMatchObject({
      lot,
      productName: { cy: 'Blodau cywarch wedi’u sychu' },
    });

    // A recalled lot does not move on; destroying it is recorded.
    const sell = await act(shop, 'goods.loss', { lot: a, quantity: 1, reason: 'sold' });
    expect(sell).toMatchObject({ status: 'refused', code: 'GOODS_LOT_RECALLED', http: 409 });
    ok(await act(shop, 'goods.loss', { lot: a, quantity: 300, reason: 'destroyed' }));

    const ops = await n.http.get<{
      operators: { did: string; business: { number: string }; licensedNow: string[] }[];
    }>('/v1/goods/operators');
    expect(ops.status).toBe(200);
    const mine = ops.json.operators.find((o) => o.did === grower.did);
    expect(mine).toMatchObject({ business: { number: growerNo }, licensedNow: ['cultivation'] });
  });

  it('refuses: no role, no licence at hand-over, unbalanced quantities', async () => {
    const growerNo = await organisation('Raglan Hemp Growers Ltd', ['cultivation']);
    const haulierNo = await organisation('Gwent Hauliers Ltd', ['retail']);
    const grower = await operator(growerNo);
    const haulier = await operator(haulierNo);
    const stranger = newDidKeySender();

    const notOp = await send(
      stranger,
      'goods.createLot',
      { product: 'hemp-seed', unit: 'item', quantity: 5, premises: 'x' },
      grower.geo,
    );
    expect(notOp).toMatchObject({ status: 'refused', code: 'GOODS_NOT_OPERATOR', http: 403 });
    const noLicence = await act(haulier, 'goods.createLot', {
      product: 'hemp-seed',
      unit: 'item',
      quantity: 5,
    });
    expect(noLicence).toMatchObject({ status: 'refused', code: 'GOODS_NOT_LICENSED', http: 403 });
    const recallByOperator = await send(grower, 'goods.recall', {
      lot: '0123456789abcdef-0',
      reason: { code: 'x', en: 'x', cy: 'y' },
    });
    expect(recallByOperator).toMatchObject({
      status: 'refused',
      code: 'GOODS_NOT_AUTHORISED',
      http: 403,
    });

    const created = ok(
      await act(grower, 'goods.createLot', { product: 'hemp-seed', unit: 'item', quantity: 10 }),
    );
    const lot = `${created.slice(0, 16)}-0`;
    const unbalanced = await act(grower, 'goods.split', { lot, parts: [5, 4] });
    expect(unbalanced).toMatchObject({
      status: 'refused',
      code: 'GOODS_QUANTITY_UNBALANCED',
      http: 422,
    });
    // Offered for transport; the haulier holds only a retail licence, so accepting is refused.
    const offer = ok(
      await act(grower, 'goods.propose', { lot, to: haulier.did, activity: 'transport' }),
    );
    const accept = await act(haulier, 'goods.accept', { transfer: offer });
    expect(accept).toMatchObject({ status: 'refused', code: 'GOODS_NOT_LICENSED', http: 403 });
    const page = await n.http.get<LotPage>(`/v1/goods/lots/${lot}`);
    expect(page.json.holder).toBe(growerNo);
    expect(page.json.chain.map((e) => e.event)).toEqual(['created', 'proposed']);
  });

  it('unknown or malformed lot ids are 404 problem+json, in Welsh when asked', async () => {
    const unknown = await n.http.get<Problem>('/v1/goods/lots/0123456789abcdef-0', {
      'accept-language': 'cy',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.json).toMatchObject({
      code: 'GOODS_LOT_UNKNOWN',
      title: 'Dim lot o’r fath ar y gofrestr',
    });
    expect((await n.http.get<Problem>('/v1/goods/lots/not-a-lot')).json.code).toBe(
      'GOODS_LOT_UNKNOWN',
    );
    expect((await n.http.get<Problem>('/v1/goods/lots/not-a-lot/trace')).status).toBe(404);
    expect(
      (await n.http.get<Problem>('/v1/goods/lots/0123456789abcdef-0/trace?limit=0')).status,
    ).toBe(400);
  });
});

describe('demo goods register', () => {
  let n: TestNode | undefined;
  afterAll(async () => stopTestNode(n));

  it('a fresh demo node has licensed operators, moved lots and one recall traced to both shops', async () => {
    n = await startTestNode({ demoRegisters: true });
    await n.demoRegistersReady;
    const node = n;
    const ops = await node.http.get<{
      operators: { business: { number: string; name: { en: string } }; licensedNow: string[] }[];
    }>('/v1/goods/operators');
    expect(ops.json.operators.map((o) => o.business.name.en).sort()).toEqual(
      Object.values(DEMO_GOODS_OPERATORS)
        .map((o) => o.business)
        .sort(),
    );
    expect(ops.json.operators.every((o) => o.licensedNow.length === 1)).toBe(true);
    const recalls = await node.http.get<{ recalls: { lot: string; reason: { code: string } }[] }>(
      '/v1/goods/recalls',
    );
    expect(recalls.json.recalls.length).toBe(1);
    const recalled = recalls.json.recalls[0]?.lot ?? '';
    const trace = await node.http.get<TracePage>(`/v1/goods/lots/${recalled}/trace`);
    expect(trace.json.lots.length).toBe(7);
    const holders = trace.json.holders.map((h) => h.name.en);
    for (const o of Object.values(DEMO_GOODS_OPERATORS)) expect(holders).toContain(o.business);
    const shelf = trace.json.lots.find((l) => l.quantity === 150);
    const page = await node.http.get<LotPage>(`/v1/goods/lots/${shelf?.id ?? ''}`);
    expect(page.json).toMatchObject({
      product: 'cbd-oil-bottle',
      recallStatus: 'recalled-upstream',
      holderBusiness: { name: { en: 'Cwmbran Market Traders Co-operative' } },
      results: [{ kind: 'inspection', outcome: 'pass' }],
    });
    // Grown, split, carried, processed, split, delivered: the whole chain, each at a premises.
    expect(page.json.chain.filter((e) => e.event === 'accepted').map((e) => e.place?.id)).toEqual([
      'pontypool-depot',
      'tintern-works',
      'cwmbran-market',
    ]);
    const qr = await fetch(`${node.url}${page.json.qr}`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toContain('<svg');
    expect((await fetch(`${node.url}/v1/goods/lots/0123456789abcdef-0/qr.svg`)).status).toBe(404);
  }, 60_000);
});

describe('goods refusal codes', () => {
  it('every code the goods module can refuse with has a real bilingual title and a status', () => {
    const src = readFileSync(new URL('../src/ledger/modules/goods.ts', import.meta.url), 'utf8');
    const codes = new Set([...src.matchAll(/fail\(\s*'([A-Z_]+)'/g)].map((m) => m[1] ?? ''));
    expect(codes.size).toBeGreaterThan(20);
    const generic = titleOf('NO_SUCH_CODE', 'en');
    for (const code of codes) {
      expect(titleOf(code, 'en'), code).not.toBe(generic);
      expect(titleOf(code, 'cy'), code).not.toBe(titleOf(code, 'en'));
      expect(STATUS_OF[code], code).toBeDefined();
    }
  });
});
