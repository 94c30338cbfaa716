// The regulated-goods register's staff routes through a real node (decision 0011): a council's
// staff register an operator key with its premises for a registered organisation, record an
// inspection on a lot, recall it (its trace is public) and revoke a key, which can then no longer
// act; each is a transaction of the body and a `staff.action` on the ledger. Staff without the
// role, a body that is neither council nor regulator, and bad input are refused as problem+json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import type { Hosted } from '../src/node/identity/context.js';
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
  waitUntil,
} from './helpers.js';
import { staffOf } from './identity-helpers.js';

const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport');
const DAY = 86_400_000;
const RECALL = {
  code: 'contaminated',
  en: 'Mould found at inspection',
  cy: 'Canfuwyd llwydni wrth arolygu',
};
const LOST = { code: 'key-lost', en: 'The key was lost', cy: 'Collwyd yr allwedd' };

interface Written {
  txId: string;
  receipt: string;
  trace?: string;
}

describe('regulated goods staff routes', () => {
  let n: TestNode;
  const staff = () => staffOf(n);
  const applicant = newDidKeySender();
  let applicantSeq = 1;
  const body = (slug: string) => n.identity.ctx.bodies.get(slug) as Hosted;

  beforeAll(async () => {
    n = await startTestNode({ demoStaffAccounts: true });
    await n.identity.staffReady();
  });
  afterAll(async () => stopTestNode(n));

  const post = <T = Written>(
    path: string,
    payload: Json,
    headers: Record<string, string> = staff(),
    slug = 'newport',
  ) => n.http.post<T>(`/v1/bodies/${slug}/goods${path}`, payload, headers);

  /** An organisation on the business register with a cultivation licence. */
  async function organisation(name: string): Promise<string> {
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
    const s = await submitAndWait(n.http, apply);
    await body('newport').actor.submitAndWait('business.approve', { application: s.id });
    const number = String(
      (n.node.state.get(`business-application/${s.id}`) as { number: string }).number,
    );
    const now = Date.now();
    await body('newport').actor.submitAndWait('business.licence', {
      number,
      licence: {
        kind: 'regulated-goods-cultivation',
        ref: 'NPT/cult',
        validFromMs: now - DAY,
        validUntilMs: now + 365 * DAY,
      },
    });
    return number;
  }

  const premises = (id: string, lat: number) => ({
    id,
    name: { en: `Unit ${id}`, cy: `Uned ${id}` },
    lat,
    lon: -2.99,
  });

  /** The operator's own signed transaction, stamped at its premises. */
  async function operatorSends(
    op: Sender,
    type: string,
    payload: Json,
    geo: Geo,
  ): Promise<{ status: string; id: string; code?: string }> {
    const tx = await sign(
      txBody({
        type,
        sender: op.did,
        seq: await nextSeq(n.http, op.did),
        geo,
        payload: payload as Record<string, Json>,
      }),
      [op],
    );
    const r = await n.http.post<TxStatusView & { code?: string }>(
      '/v1/transactions?waitMs=5000',
      tx,
    );
    if (r.status !== 200 && r.status !== 202)
      return { status: 'refused', id: '', code: r.json.code };
    return r.json.status === 'pending' ? submitAndWait(n.http, tx) : r.json;
  }

  async function staffActions(): Promise<{ action: string; ref?: string }[]> {
    const out: { action: string; ref?: string }[] = [];
    const blocks = await n.http.get<{ blocks: { height: number }[] }>('/v1/blocks?limit=100');
    for (const b of blocks.json.blocks) {
      const txs = await n.http.get<{
        entries: { entry: { tx: { body: { type: string; payload: { action: string } } } } }[];
      }>(`/v1/blocks/${b.height}/transactions`);
      for (const e of txs.json.entries) {
        if (e.entry.tx.body.type === 'staff.action') out.push(e.entry.tx.body.payload);
      }
    }
    return out;
  }

  it('staff register an operator; it grows a lot; staff inspect and recall it; the trace is public', async () => {
    const number = await organisation('Llanwern Hemp Ltd');
    const key = newDidKeySender();
    const site = premises('barn-1', 51.5712);
    const reg = await post('/operators', { number, did: key.did, premises: [site] });
    expect(reg.status, reg.text).toBe(201);
    expect(reg.json.receipt).toBe(`/v1/transactions/${reg.json.txId}/receipt`);
    const ops = await n.http.get<{ operators: { did: string; number: string }[] }>(
      '/v1/goods/operators',
    );
    expect(ops.json.operators).toContainEqual(expect.objectContaining({ did: key.did, number }));
    const twice = await post<Problem>('/operators', { number, did: key.did, premises: [site] });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('GOODS_OPERATOR_EXISTS');

    const created = await operatorSends(
      key,
      'goods.createLot',
      { product: 'hemp-flower', unit: 'g', quantity: 500, premises: 'barn-1' },
      { lat: site.lat, lon: site.lon },
    );
    expect(created.status, JSON.stringify(created)).not.toBe('rejected');
    const lot = `${created.id.slice(0, 16)}-0`;

    const result = await post(`/lots/${lot}/results`, { outcome: 'fail', ref: 'TS/2026/99' });
    expect(result.status, result.text).toBe(201);
    const recall = await post(`/lots/${lot}/recall`, { reason: RECALL });
    expect(recall.status, recall.text).toBe(201);
    expect(recall.json.trace).toBe(`/v1/goods/lots/${lot}/trace`);
    const page = await n.http.get<{
      recallStatus: string;
      results: { kind: string; outcome: string; ref: string }[];
    }>(`/v1/goods/lots/${lot}`);
    expect(page.json.results).toEqual([
      expect.objectContaining({ kind: 'inspection', outcome: 'fail', ref: 'TS/2026/99' }),
    ]);
    expect(page.json.recallStatus).not.toBe('none');
    const trace = await n.http.get<{ lot: string; holders: { number: string }[] }>(
      recall.json.trace ?? '',
    );
    expect(trace.status).toBe(200);
    expect(trace.json.holders.map((h) => h.number)).toContain(number);
    const again = await post<Problem>(`/lots/${lot}/recall`, { reason: RECALL });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('GOODS_ALREADY_RECALLED');

    const revoke = await post('/operators/revoke', { did: key.did, reason: LOST });
    expect(revoke.status, revoke.text).toBe(201);
    const after = await operatorSends(
      key,
      'goods.createLot',
      { product: 'hemp-flower', unit: 'g', quantity: 5, premises: 'barn-1' },
      { lat: site.lat, lon: site.lon },
    );
    expect(after.code ?? after.status).toBe('GOODS_NOT_OPERATOR');
    const revokedTwice = await post<Problem>('/operators/revoke', { did: key.did, reason: LOST });
    expect(revokedTwice.json.code).toBe('GOODS_OPERATOR_REVOKED');

    const actions = await waitUntil(async () => {
      const a = await staffActions();
      return a.some((x) => x.action === 'operator-revoked') ? a : undefined;
    });
    for (const [action, ref] of [
      ['operator-registered', reg.json.txId],
      ['goods-result-recorded', result.json.txId],
      ['lot-recalled', recall.json.txId],
      ['operator-revoked', revoke.json.txId],
    ]) {
      expect(actions).toContainEqual(expect.objectContaining({ action, ref }));
    }
  });

  it('staff without the role, or a body that is neither council nor regulator, are refused', async () => {
    const number = await organisation('Rogiet Seeds Ltd');
    const key = newDidKeySender();
    const payload = { number, did: key.did, premises: [premises('yard', 51.6)] };
    const demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as {
      accounts: { username: string; password: string }[];
    };
    const admin = demo.accounts.find((a) => a.username === 'newport.admin');
    const res = await fetch(`${n.url}/v1/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin?.username, password: admin?.password }),
    });
    expect(res.status).toBe(201);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const asAdmin = await post<Problem>('/operators', payload, { cookie });
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.headers.get('content-type')).toContain('application/problem+json');
    expect(asAdmin.json.code).toBe('STAFF_ROLE_MISSING');
    expect((await n.http.post<Problem>('/v1/bodies/newport/goods/operators', payload)).status).toBe(
      401,
    );
    const health = await post<Problem>('/operators', payload, staff(), 'aneurin-bevan');
    expect(health.status).toBe(403);
    expect(health.json.code).toBe('GOODS_NOT_AUTHORISED');
    // The regulator may: Natural Resources Wales is hosted here too.
    const nrw = await post('/operators', payload, staff(), 'nrw');
    expect(nrw.status, nrw.text).toBe(201);
  });

  it('bad input is refused before the ledger and changes nothing', async () => {
    const number = await organisation('Magor Growers Ltd');
    const key = newDidKeySender();
    const good = { number, did: key.did, premises: [premises('field', 51.59)] };
    for (const bad of [
      { ...good, number: 'GW12' },
      { ...good, did: 'did:web:example.com' },
      { ...good, premises: [] },
      { ...good, premises: [{ ...premises('field', 51.59), lat: 91 }] },
      { ...good, premises: [{ ...premises('Field One', 51.59) }] },
      { ...good, premises: [{ id: 'x', name: { en: 'Only English' }, lat: 51, lon: -3 }] },
    ] as Json[]) {
      const r = await post<Problem>('/operators', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const unknownBusiness = await post<Problem>('/operators', { ...good, number: 'GW999999' });
    expect(unknownBusiness.json.code).toBe('GOODS_BUSINESS_UNKNOWN');
    const ops = await n.http.get<{ operators: { did: string }[] }>('/v1/goods/operators');
    expect(ops.json.operators.map((o) => o.did)).not.toContain(key.did);

    const lot = '0123456789abcdef-0';
    expect((await post<Problem>('/lots/not-a-lot/recall', { reason: RECALL })).status).toBe(400);
    expect((await post<Problem>(`/lots/${lot}/recall`, {})).status).toBe(400);
    const noWelsh = await post<Problem>(`/lots/${lot}/recall`, {
      reason: { code: 'x', en: 'English only' },
    });
    expect(noWelsh.status).toBe(400);
    const unknownLot = await post<Problem>(`/lots/${lot}/recall`, { reason: RECALL });
    expect(unknownLot.status).toBe(404);
    expect(unknownLot.json.code).toBe('GOODS_LOT_UNKNOWN');
    const badOutcome = await post<Problem>(`/lots/${lot}/results`, { outcome: 'maybe', ref: 'R1' });
    expect(badOutcome.status).toBe(400);
    const unknownOp = await post<Problem>('/operators/revoke', {
      did: newDidKeySender().did,
      reason: LOST,
    });
    expect(unknownOp.json.code).toBe('GOODS_OPERATOR_UNKNOWN');
  });
});
