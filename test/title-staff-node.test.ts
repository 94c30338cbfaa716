// The title register's staff routes through a real node (decision 0012): a registrar's staff
// register a title, enter and withdraw a restriction, list transfers waiting for them, approve,
// refuse and register transfers the parties drafted and signed themselves; each action is a
// transaction of the body and a `staff.action` on the ledger. Staff without the role, a body
// without the registrar role and bad input are refused as problem+json and change nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import { ownerDigest } from '../src/ledger/modules/title.js';
import type { Problem, Sender, TestNode } from './helpers.js';
import {
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

const AREA: Geo = { area: 'W06000022' };
const SALT = new Uint8Array(32).fill(7);
const REASON = {
  code: 'owner-mismatch',
  en: 'The sellers are not the registered owners',
  cy: 'Nid y gwerthwyr yw’r perchnogion cofrestredig',
};

interface Written {
  txId: string;
  height: number;
  receipt: string;
}
interface Waiting {
  truncated: boolean;
  transfers: { id: string; titleNumber: string; stage: string; sellerCount: number }[];
}
interface TitleView {
  ownerCount: number;
  restrictions: { ref: string; kind: string }[];
  transferInProgress: { id: string; stage: string } | null;
  history: { event: string; txId: string }[];
}

describe('title register staff routes', () => {
  let n: TestNode;
  const staff = () => staffOf(n);
  const seller = newDidKeySender();
  const buyer = newDidKeySender();
  const sellerConv = newDidKeySender();
  const buyerConv = newDidKeySender();

  beforeAll(async () => {
    n = await startTestNode({ demoStaffAccounts: true });
    await n.identity.staffReady();
  });
  afterAll(async () => stopTestNode(n));

  /** A party signs and sends its own transaction and waits for the block. */
  async function party(who: Sender, type: string, payload: Json): Promise<string> {
    const tx = await sign(
      txBody({
        type,
        sender: who.did,
        seq: await nextSeq(n.http, who.did),
        geo: AREA,
        payload: payload as Record<string, Json>,
      }),
      [who],
    );
    const s = await submitAndWait(n.http, tx);
    expect(s.status, `${type}: ${JSON.stringify(s)}`).not.toBe('rejected');
    return s.id;
  }

  const post = <T = Written>(path: string, body: Json, headers: Record<string, string> = staff()) =>
    n.http.post<T>(`/v1/bodies/newport/titles${path}`, body, headers);

  const register = (titleNumber: string, uprn: string, owner: Sender) =>
    post('', {
      titleNumber,
      uprn,
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(SALT, owner.did)],
    });

  const draft = (titleNumber: string) =>
    party(sellerConv, 'title.draft', {
      titleNumber,
      sellers: [seller.did],
      buyers: [buyer.did],
      buyerConveyancer: buyerConv.did,
      newOwners: [ownerDigest(SALT, buyer.did)],
      discharge: [],
    });

  /** What staff did, as the ledger has it (the record is sent after the answer: wait for it). */
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

  const title = async (no: string) => (await n.http.get<TitleView>(`/v1/titles/${no}`)).json;

  it('staff register a title, restrict it and withdraw the restriction; each is recorded', async () => {
    const r = await register('CYM200001', '010090020001', seller);
    expect(r.status, r.text).toBe(201);
    expect(r.json.receipt).toBe(`/v1/transactions/${r.json.txId}/receipt`);
    expect((await title('CYM200001')).ownerCount).toBe(1);

    const restrict = await post('/CYM200001/restrictions', { ref: 'CO-1', kind: 'court-order' });
    expect(restrict.status, restrict.text).toBe(201);
    expect((await title('CYM200001')).restrictions).toEqual([
      { ref: 'CO-1', kind: 'court-order', blocksTransfer: true },
    ]);
    const remove = await post('/CYM200001/restrictions/CO-1/remove', {});
    expect(remove.status, remove.text).toBe(201);
    expect((await title('CYM200001')).restrictions).toEqual([]);
    const again = await post<Problem>('/CYM200001/restrictions/CO-1/remove', {});
    expect(again.status).toBe(422);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json.code).toBe('TITLE_RESTRICTION_UNKNOWN');

    const actions = await waitUntil(async () => {
      const a = await staffActions();
      return a.some((x) => x.action === 'title-restriction-removed') ? a : undefined;
    });
    for (const [action, ref] of [
      ['title-registered', r.json.txId],
      ['title-restricted', restrict.json.txId],
      ['title-restriction-removed', remove.json.txId],
    ]) {
      expect(actions).toContainEqual(expect.objectContaining({ action, ref }));
    }
  });

  it('a drafted transfer waits for approval, is approved, signed, completed and registered', async () => {
    expect((await register('CYM200002', '010090020002', seller)).status).toBe(201);
    const id = await draft('CYM200002');
    const waiting = await n.http.get<Waiting>(
      '/v1/bodies/newport/titles/transfers?waiting=approval',
      staff(),
    );
    expect(waiting.status, waiting.text).toBe(200);
    expect(waiting.json.truncated).toBe(false);
    expect(waiting.json.transfers).toContainEqual(
      expect.objectContaining({ id, titleNumber: 'CYM200002', stage: 'drafted', sellerCount: 1 }),
    );
    // Another registrar's staff do not see it.
    const other = await n.http.get<Waiting>(
      '/v1/bodies/torfaen/titles/transfers?waiting=approval',
      staff(),
    );
    expect(other.json.transfers.map((t) => t.id)).not.toContain(id);

    const ok = await post(`/transfers/${id}/approve`, {});
    expect(ok.status, ok.text).toBe(201);
    expect((await title('CYM200002')).transferInProgress).toEqual({ id, stage: 'approved' });
    const twice = await post<Problem>(`/transfers/${id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('TITLE_STEP_OUT_OF_ORDER');
    // Registration before completion is out of order and changes nothing.
    const early = await post<Problem>(`/transfers/${id}/register`, {});
    expect(early.json.code).toBe('TITLE_STEP_OUT_OF_ORDER');

    for (const p of [seller, buyer, sellerConv, buyerConv]) {
      await party(p, 'title.sign', { transfer: id });
    }
    await party(buyerConv, 'title.confirmFunds', { transfer: id });
    await party(sellerConv, 'title.complete', { transfer: id });
    const toRegister = await n.http.get<Waiting>(
      '/v1/bodies/newport/titles/transfers?waiting=registration',
      staff(),
    );
    expect(toRegister.json.transfers.map((t) => t.id)).toContain(id);
    const reg = await post(`/transfers/${id}/register`, {});
    expect(reg.status, reg.text).toBe(201);
    const after = await title('CYM200002');
    expect(after.transferInProgress).toBeNull();
    expect(after.history.map((h) => h.event)).toEqual([
      'registered',
      'transfer-approved',
      'transferred',
    ]);
    const left = await n.http.get<Waiting>(
      '/v1/bodies/newport/titles/transfers?waiting=registration',
      staff(),
    );
    expect(left.json.transfers.map((t) => t.id)).not.toContain(id);
    const actions = await waitUntil(async () => {
      const a = await staffActions();
      return a.some((x) => x.action === 'transfer-registered') ? a : undefined;
    });
    expect(actions).toContainEqual(
      expect.objectContaining({ action: 'transfer-approved', ref: ok.json.txId }),
    );
    expect(actions).toContainEqual(
      expect.objectContaining({ action: 'transfer-registered', ref: reg.json.txId }),
    );
  });

  it('a transfer is refused with a reason in both languages; a refusal needs one', async () => {
    expect((await register('CYM200003', '010090020003', seller)).status).toBe(201);
    const id = await draft('CYM200003');
    const noReason = await post<Problem>(`/transfers/${id}/refuse`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.headers.get('content-type')).toContain('application/problem+json');
    const refused = await post(`/transfers/${id}/refuse`, { reason: REASON });
    expect(refused.status, refused.text).toBe(201);
    const view = await n.http.get<{ stage: string; history: { reason?: unknown }[] }>(
      `/v1/transfers/${id}`,
    );
    expect(view.json.stage).toBe('refused');
    expect(view.json.history.at(-1)?.reason).toEqual(REASON);
    const waiting = await n.http.get<Waiting>(
      '/v1/bodies/newport/titles/transfers?waiting=approval',
      staff(),
    );
    expect(waiting.json.transfers.map((t) => t.id)).not.toContain(id);
  });

  it('staff without the registrar role, or a body without it, are refused; nothing changes', async () => {
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
    const body = {
      titleNumber: 'CYM200009',
      uprn: '010090020009',
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(SALT, seller.did)],
    };
    const asAdmin = await post<Problem>('', body, { cookie });
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.headers.get('content-type')).toContain('application/problem+json');
    expect(asAdmin.json.code).toBe('STAFF_ROLE_MISSING');
    const list = await n.http.get<Problem>('/v1/bodies/newport/titles/transfers', { cookie });
    expect(list.status).toBe(403);
    const anon = await n.http.post<Problem>('/v1/bodies/newport/titles', body);
    expect(anon.status).toBe(401);

    // The health board is hosted here but is not a registrar on the ledger.
    const health = await n.http.post<Problem>('/v1/bodies/aneurin-bevan/titles', body, staff());
    expect(health.status).toBe(403);
    expect(health.json.code).toBe('TITLE_NOT_REGISTRAR');
    const unknown = await n.http.post<Problem>('/v1/bodies/nowhere/titles', body, staff());
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('BODY_UNKNOWN');
    expect((await n.http.get('/v1/titles/CYM200009')).status).toBe(404);
  });

  it('the staff routes of both registers are in the OpenAPI document', async () => {
    const r = await n.http.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/v1/openapi.json',
    );
    expect(r.status).toBe(200);
    for (const p of [
      '/v1/bodies/{slug}/titles',
      '/v1/bodies/{slug}/titles/transfers',
      '/v1/bodies/{slug}/titles/{titleNumber}/restrictions',
      '/v1/bodies/{slug}/titles/{titleNumber}/restrictions/{ref}/remove',
      '/v1/bodies/{slug}/titles/transfers/{id}/approve',
      '/v1/bodies/{slug}/titles/transfers/{id}/refuse',
      '/v1/bodies/{slug}/titles/transfers/{id}/register',
      '/v1/bodies/{slug}/goods/operators',
      '/v1/bodies/{slug}/goods/operators/revoke',
      '/v1/bodies/{slug}/goods/lots/{id}/results',
      '/v1/bodies/{slug}/goods/lots/{id}/recall',
    ]) {
      expect(Object.keys(r.json.paths), p).toContain(p);
    }
  });

  it('bad input is refused before the ledger and changes nothing', async () => {
    const good = {
      titleNumber: 'CYM200010',
      uprn: '010090020010',
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(SALT, seller.did)],
    };
    for (const bad of [
      { ...good, titleNumber: 'cym 1' },
      { ...good, uprn: '12' },
      { ...good, tenure: 'commonhold' },
      { ...good, owners: [] },
      { ...good, owners: ['not-a-digest'] },
      { ...good, owners: [seller.did] },
      { ...good, restrictions: [{ ref: 'X', kind: 'curse' }] },
    ] as Json[]) {
      const r = await post<Problem>('', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    // A field the route does not know (a person's name) is dropped: it never reaches the ledger.
    const named = await post('', {
      ...good,
      titleNumber: 'CYM200011',
      uprn: '010090020011',
      name: 'Ann Jones',
    });
    expect(named.status, named.text).toBe(201);
    const tx = await n.http.get(`/v1/transactions/${named.json.txId}`);
    expect(tx.status).toBe(200);
    expect(tx.text).not.toContain('Ann Jones');
    const badRef = await post<Problem>('/CYM200001/restrictions', { ref: 'a b', kind: 'notice' });
    expect(badRef.status).toBe(400);
    const badId = await post<Problem>('/transfers/xyz/approve', {});
    expect(badId.status).toBe(400);
    const badReason = await post<Problem>(`/transfers/${'a'.repeat(64)}/refuse`, {
      reason: { code: 'Bad Code', en: 'x', cy: 'y' },
    });
    expect(badReason.status).toBe(400);
    const unknown = await post<Problem>(`/transfers/${'a'.repeat(64)}/approve`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('TITLE_TRANSFER_UNKNOWN');
    expect((await n.http.get('/v1/titles/CYM200010')).status).toBe(404);
  });
});
