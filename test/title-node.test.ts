// The title register through a real node (decision 0012): a council registers a title, the
// parties to a transfer send each step as their own signed transaction, anyone reads where the
// transfer stands and the chain it is in; refusals come back as problem+json with stable codes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../src/core/jcs.js';
import type { Geo } from '../src/core/geo.js';
import {
  ownerDigest,
  PARTY_ROLES,
  PRICE_BANDS,
  RESTRICTION_KINDS,
  TENURES,
  TRANSFER_STAGES,
  TRANSFER_STEPS,
} from '../src/ledger/modules/title.js';
import type { Dictionary } from '../web/shared/i18n.js';
import { DICTIONARIES } from '../web/shared/i18n.js';
import { businesses } from '../web/explorer/businesses/strings.js';
import { titles } from '../web/explorer/titles/strings.js';
import { portal } from '../web/portal/strings.js';
import { wallet } from '../web/wallet/strings.js';
import {
  DEMO_TITLES,
  DEMO_TRANSFERS,
  demoTransferIds,
  seedDemoTitles,
} from '../src/node/demo-titles.js';
import type { HttpResult, Problem, Sender, TestNode, TxStatusView } from './helpers.js';
import {
  newDidKeySender,
  sign,
  startTestNode,
  stopTestNode,
  txBody,
  waitForTx,
} from './helpers.js';

const AREA: Geo = { area: 'W06000022' };
const SALT = new Uint8Array(32).fill(9);

interface TitleView {
  titleNumber: string;
  uprn: string;
  tenure: string;
  ownerCount: number;
  registrarName: { en: string; cy: string };
  charges: { ref: string; lender: string }[];
  restrictions: { ref: string; kind: string; blocksTransfer: boolean }[];
  transferInProgress: { id: string; stage: string } | null;
  history: { event: string; txId: string; receipt: string; transfer?: string }[];
}
interface TransferView {
  id: string;
  stage: string;
  titleNumber: string;
  newOwnerCount: number;
  parties: { did: string; roles: string[]; signed: { txId: string; receipt: string } | null }[];
  funds: { did: string; confirmed: unknown }[];
  waitingFor: { step: string; party: string; roles: string[] }[];
  history: { event: string; by: string; receipt: string; geo?: Geo }[];
}
interface ChainView {
  transfer: string;
  transfers: { id: string; stage: string; titleNumber: string; waitingFor: { step: string }[] }[];
  holdingUp: string[];
  truncated: boolean;
}

/** What POST /v1/transactions answers: a status view, or a problem. */
interface Answer {
  readonly id: string;
  readonly status: TxStatusView['status'] | number;
  readonly code?: string;
}

describe('title register API', () => {
  let n: TestNode;
  const seqs = new Map<string, number>();
  const seller = newDidKeySender();
  const buyer = newDidKeySender('ES256');
  const sellerConv = newDidKeySender();
  const buyerConv = newDidKeySender();
  const oldLender = newDidKeySender();
  const newLender = newDidKeySender();
  const stranger = newDidKeySender();

  beforeAll(async () => {
    n = await startTestNode();
  });
  afterAll(async () => stopTestNode(n));

  const newport = () => {
    const h = n.identity.ctx.bodies.get('newport');
    if (!h) throw new Error('newport not hosted');
    return h;
  };
  /** The registrar acts through the body it hosts (as its staff would). */
  const registrar = (type: string, payload: Json) => newport().actor.submitAndWait(type, payload);

  /** A party signs and sends its own transaction; the door's answer, then the block's. */
  async function act(
    who: Sender,
    type: string,
    payload: Json,
    geo: Geo = AREA,
  ): Promise<HttpResult<Answer>> {
    const seq = seqs.get(who.did) ?? 1;
    const tx = await sign(
      txBody({ type, sender: who.did, seq, geo, payload: payload as Record<string, Json> }),
      [who],
    );
    const r = await n.http.post<Answer>('/v1/transactions?waitMs=5000', tx);
    if (r.status === 200 || r.status === 202) {
      seqs.set(who.did, seq + 1);
      const s = r.json.status === 'pending' ? await waitForTx(n.http, r.json.id) : r.json;
      expect(s.status, `${type}: ${JSON.stringify(s)}`).not.toBe('rejected');
    }
    return r;
  }
  async function ok(who: Sender, type: string, payload: Json): Promise<string> {
    const r = await act(who, type, payload);
    expect(r.status, `${type}: ${r.text}`).toBeLessThan(300);
    return r.json.id;
  }
  async function refused(who: Sender, type: string, payload: Json, status: number, code: string) {
    const r = await act(who, type, payload);
    expect(r.status, `${type}: ${r.text}`).toBe(status);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.json.code).toBe(code);
  }

  const registerTitle = (titleNumber: string, uprn: string, owner: Sender, charges: Json[] = []) =>
    registrar('title.register', {
      titleNumber,
      uprn,
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(SALT, owner.did)],
      charges,
      restrictions: [{ ref: 'FORM-A', kind: 'joint-proprietors' }],
    });

  it('a title is public facts only, found by number and by UPRN', async () => {
    await registerTitle('CYM100001', '010090001234', seller, [
      { ref: 'MTG-1', lender: oldLender.did },
    ]);
    const t = await n.http.get<TitleView>('/v1/titles/cym100001');
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({
      titleNumber: 'CYM100001',
      uprn: '010090001234',
      tenure: 'freehold',
      ownerCount: 1,
      registrarName: { en: 'Newport City Council', cy: 'Cyngor Dinas Casnewydd' },
      charges: [{ ref: 'MTG-1', lender: oldLender.did }],
      restrictions: [{ ref: 'FORM-A', kind: 'joint-proprietors', blocksTransfer: false }],
      transferInProgress: null,
    });
    expect(t.json.history.map((h) => h.event)).toEqual(['registered']);
    // Not even the owner's salted digest is shown, only how many owners there are.
    expect(t.text).not.toContain(ownerDigest(SALT, seller.did));
    expect(t.text).not.toContain('"owners"');
    const receipt = await n.http.get(t.json.history[0]?.receipt ?? '');
    expect(receipt.status).toBe(200);

    // People write UPRNs without the leading zeros.
    const byUprn = await n.http.get<{ titles: TitleView[] }>('/v1/titles?uprn=10090001234');
    expect(byUprn.json.titles.map((x) => x.titleNumber)).toEqual(['CYM100001']);
    expect((await n.http.get<{ titles: unknown[] }>('/v1/titles?uprn=1')).json.titles).toEqual([]);
    const all = await n.http.get<{ titles: TitleView[] }>('/v1/titles');
    expect(all.json.titles.map((x) => x.titleNumber)).toContain('CYM100001');

    const bad = await n.http.get<Problem>('/v1/titles?uprn=Flat%202', { 'accept-language': 'cy' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'TITLE_QUERY_INVALID' });
    expect(bad.headers.get('content-language')).toBe('cy');
    const none = await n.http.get<Problem>('/v1/titles/CYM999999');
    expect(none.status).toBe(404);
    expect(none.json.code).toBe('TITLE_UNKNOWN');
    expect((await n.http.get<Problem>('/v1/titles/not-a-title')).status).toBe(404);
  });

  it('a transfer moves step by step, each a signed transaction; anyone sees where it stands', async () => {
    const draftPayload = {
      titleNumber: 'CYM100001',
      sellers: [seller.did],
      buyers: [buyer.did],
      buyerConveyancer: buyerConv.did,
      newOwners: [ownerDigest(SALT, buyer.did)],
      discharge: ['MTG-1'],
      newCharge: { ref: 'MTG-2', lender: newLender.did },
      priceBand: '225k-400k',
    };
    // Only the registrar role may register a title; only the seller's conveyancer drafts.
    const registerPayload = {
      titleNumber: 'CYM100009',
      uprn: '010090009999',
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(SALT, stranger.did)],
      charges: [],
      restrictions: [],
    };
    await refused(stranger, 'title.register', registerPayload, 403, 'TITLE_NOT_REGISTRAR');
    const id = await ok(sellerConv, 'title.draft', draftPayload);
    const view = async () => (await n.http.get<TransferView>(`/v1/transfers/${id}`)).json;

    let v = await view();
    expect(v).toMatchObject({ id, stage: 'drafted', titleNumber: 'CYM100001', newOwnerCount: 1 });
    expect(v.waitingFor).toEqual([
      { step: 'approve', party: newport().body.did, roles: ['registrar'] },
    ]);
    expect(JSON.stringify(v)).not.toContain(ownerDigest(SALT, buyer.did));
    const title = await n.http.get<TitleView>('/v1/titles/CYM100001');
    // A draft does not hold the title: approval does.
    expect(title.json.transferInProgress).toBeNull();

    // Out of order, twice, not a party, the wrong role: refused at the door, nothing written.
    await refused(seller, 'title.sign', { transfer: id }, 409, 'TITLE_STEP_OUT_OF_ORDER');
    await refused(sellerConv, 'title.approve', { transfer: id }, 403, 'TITLE_WRONG_ROLE');
    await registrar('title.approve', { transfer: id });
    const held = await n.http.get<TitleView>('/v1/titles/CYM100001');
    expect(held.json.transferInProgress).toEqual({ id, stage: 'approved' });
    const rival = await ok(stranger, 'title.draft', {
      ...draftPayload,
      buyerConveyancer: stranger.did,
    });
    await expect(registrar('title.approve', { transfer: rival })).rejects.toThrow(
      'TITLE_TRANSFER_OPEN',
    );
    await refused(stranger, 'title.sign', { transfer: id }, 403, 'TITLE_NOT_PARTY');
    await ok(seller, 'title.sign', { transfer: id });
    await refused(seller, 'title.sign', { transfer: id }, 409, 'TITLE_ALREADY_SIGNED');
    const point = await act(buyer, 'title.sign', { transfer: id }, { lat: 51.58, lon: -2.99 });
    expect(point.json.code).toBe('TITLE_GEO_TOO_PRECISE');

    for (const p of [buyer, sellerConv, buyerConv, newLender]) {
      await ok(p, 'title.sign', { transfer: id });
    }
    v = await view();
    expect(v.stage).toBe('approved');
    // Everyone signed but the old lender: its consent to the discharge is what is missing.
    expect(v.waitingFor).toEqual([
      { step: 'sign', party: oldLender.did, roles: ['discharging-lender'] },
    ]);
    expect(v.parties.find((p) => p.did === seller.did)?.signed?.receipt).toMatch(
      /^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/,
    );
    expect(v.parties.find((p) => p.did === oldLender.did)?.signed).toBeNull();
    await refused(
      buyerConv,
      'title.confirmFunds',
      { transfer: id },
      409,
      'TITLE_LENDER_CONSENT_MISSING',
    );
    await ok(oldLender, 'title.sign', { transfer: id });
    await ok(buyerConv, 'title.confirmFunds', { transfer: id });
    await ok(newLender, 'title.confirmFunds', { transfer: id });
    await refused(buyerConv, 'title.complete', { transfer: id }, 403, 'TITLE_WRONG_ROLE');
    await ok(sellerConv, 'title.complete', { transfer: id });
    expect((await view()).waitingFor.map((w) => w.step)).toEqual(['register']);
    await registrar('title.registerTransfer', { transfer: id });

    v = await view();
    expect(v.stage).toBe('registered');
    expect(v.waitingFor).toEqual([]);
    expect(v.history.map((h) => h.event)).toEqual([
      'drafted',
      'approve',
      'sign',
      'sign',
      'sign',
      'sign',
      'sign',
      'sign',
      'confirmFunds',
      'confirmFunds',
      'complete',
      'register',
    ]);
    // Each step is time- and geo-stamped, with a receipt.
    expect(v.history.every((h) => h.geo !== undefined && h.receipt.endsWith('/receipt'))).toBe(
      true,
    );
    const after = await n.http.get<TitleView>('/v1/titles/CYM100001');
    expect(after.json).toMatchObject({
      ownerCount: 1,
      charges: [{ ref: 'MTG-2', lender: newLender.did }],
      transferInProgress: null,
    });
    expect(after.json.history.map((h) => h.event)).toEqual([
      'registered',
      'transfer-approved',
      'transferred',
    ]);
    const missing = await n.http.get<Problem>(`/v1/transfers/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('TITLE_TRANSFER_UNKNOWN');
  });

  it('a chain of two is visible from either end, with what holds it up', async () => {
    // P sells CYM100002 to Q and buys CYM100003 from R; P's conveyancer acts in both.
    const p1 = newDidKeySender();
    const p2 = newDidKeySender();
    const q = newDidKeySender();
    const r = newDidKeySender();
    const pConv = newDidKeySender();
    const qConv = newDidKeySender();
    const rConv = newDidKeySender();
    await registerTitle('CYM100002', '010090002222', p1);
    await registerTitle('CYM100003', '010090003333', r);
    const purchase = await ok(rConv, 'title.draft', {
      titleNumber: 'CYM100003',
      sellers: [r.did],
      buyers: [p2.did],
      buyerConveyancer: pConv.did,
      newOwners: [ownerDigest(SALT, p2.did)],
      discharge: [],
    });
    const sale = await ok(pConv, 'title.draft', {
      titleNumber: 'CYM100002',
      sellers: [p1.did],
      buyers: [q.did],
      buyerConveyancer: qConv.did,
      newOwners: [ownerDigest(SALT, q.did)],
      discharge: [],
      links: [purchase],
    });
    await registrar('title.approve', { transfer: purchase });
    for (const x of [r, p2, rConv, pConv]) await ok(x, 'title.sign', { transfer: purchase });

    const fromSale = await n.http.get<ChainView>(`/v1/transfers/${sale}/chain`);
    expect(fromSale.status).toBe(200);
    expect(fromSale.json.transfers.map((t) => [t.id, t.stage])).toEqual([
      [sale, 'drafted'],
      [purchase, 'signed'],
    ]);
    expect(fromSale.json.holdingUp).toEqual([sale]);
    expect(fromSale.json.transfers[0]?.waitingFor.map((w) => w.step)).toEqual(['approve']);
    const fromPurchase = await n.http.get<ChainView>(`/v1/transfers/${purchase}/chain`);
    expect(fromPurchase.json.transfers.map((t) => t.id)).toEqual([purchase, sale]);
    expect(fromPurchase.json.holdingUp).toEqual([sale]);

    const notMine = await act(qConv, 'title.link', { transfer: sale, to: purchase });
    expect(notMine.status).toBe(403);
    expect(notMine.json.code).toBe('TITLE_LINK_NOT_CONVEYANCER');
    const gone = await n.http.get<Problem>(`/v1/transfers/${'f'.repeat(64)}/chain`);
    expect(gone.status).toBe(404);
  });
});

describe('demo title register', () => {
  let n: TestNode | undefined;
  afterAll(async () => stopTestNode(n));

  it('seeds titles in all five council areas and transfers at each stage, once', async () => {
    n = await startTestNode();
    const ctx = n.identity.ctx;
    const first = await seedDemoTitles(ctx);
    expect(first).toMatchObject({
      seeded: true,
      titles: DEMO_TITLES.length,
      transfers: DEMO_TRANSFERS.length,
    });
    const all = await n.http.get<{ titles: (TitleView & { area: string })[] }>(
      '/v1/titles?limit=100',
    );
    expect(all.json.titles.length).toBe(DEMO_TITLES.length);
    expect(new Set(all.json.titles.map((t) => t.area)).size).toBe(5);
    // A freehold and a lease on one parcel.
    const parcel = await n.http.get<{ titles: TitleView[] }>('/v1/titles?uprn=10090051202');
    expect(parcel.json.titles.map((t) => t.tenure).sort()).toEqual(['freehold', 'leasehold']);

    const ids = demoTransferIds(ctx);
    const stage = async (key: string) =>
      (await n?.http.get<TransferView>(`/v1/transfers/${ids.get(key) ?? ''}`))?.json;
    expect((await stage('monmouth-cottage'))?.stage).toBe('registered');
    expect((await stage('purchase'))?.stage).toBe('signed');
    const sale = await stage('sale');
    expect(sale?.stage).toBe('approved');
    expect(sale?.waitingFor.map((w) => w.roles)).toEqual([['discharging-lender']]);
    const chain = await n.http.get<ChainView>(`/v1/transfers/${ids.get('sale') ?? ''}/chain`);
    expect(chain.json.transfers.map((t) => t.id)).toEqual([ids.get('sale'), ids.get('purchase')]);
    expect(chain.json.holdingUp).toEqual([ids.get('sale')]);
    const cottage = await n.http.get<TitleView>('/v1/titles/CYM845220');
    expect(cottage.json.ownerCount).toBe(1);
    expect(cottage.json.history.map((h) => h.event)).toEqual([
      'registered',
      'transfer-approved',
      'transferred',
    ]);

    expect((await seedDemoTitles(ctx)).seeded).toBe(false);
  }, 60_000);

  it('a node started with demo registers seeds it after the business register', async () => {
    await stopTestNode(n);
    n = await startTestNode({ demoRegisters: true });
    await n.demoRegistersReady;
    const all = await n.http.get<{ titles: TitleView[] }>('/v1/titles?limit=100');
    expect(all.json.titles.length).toBe(DEMO_TITLES.length);
  }, 120_000);
});

describe('the title page’s strings (web/explorer/titles/strings.ts)', () => {
  const entries = Object.entries(titles as Dictionary);

  it('each has both languages, not empty, different, with the same arguments and links', () => {
    const args = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort();
    const links = (s: string) => [...s.matchAll(/\]\(([^)]+)\)/g)].length;
    expect(entries.length).toBeGreaterThan(80);
    for (const [key, text] of entries) {
      expect(text.en.trim(), key).not.toBe('');
      expect(text.cy.trim(), key).not.toBe('');
      expect(text.cy, `${key} is the same in Welsh`).not.toBe(text.en);
      expect(args(text.cy), key).toEqual(args(text.en));
      expect(links(text.cy), key).toBe(links(text.en));
    }
  });

  it('keys are unique across every dictionary', () => {
    const others = { ...DICTIONARIES, wallet, portal, businesses };
    const taken = new Set(Object.values(others).flatMap((d) => Object.keys(d as Dictionary)));
    for (const [key] of entries) expect(taken.has(key), key).toBe(false);
  });

  it('has a word for every stage, step, role, event, tenure, restriction and price band', () => {
    const need = [
      ...TRANSFER_STAGES.map((s) => `explorer.transfer.stage.${s}`),
      ...PARTY_ROLES.map((r) => `explorer.transfer.role.${r}`),
      ...[...TRANSFER_STEPS, 'drafted', 'linked'].map((s) => `explorer.transfer.event.${s}`),
      ...['drafted', 'approve', 'sign', 'confirmFunds', 'complete', 'register'].map(
        (s) => `explorer.transfer.step.${s}`,
      ),
      ...['approve', 'sign', 'confirmFunds', 'complete', 'register'].map(
        (s) => `explorer.transfer.todo.${s}`,
      ),
      ...TENURES.map((x) => `explorer.title.tenure.${x}`),
      ...RESTRICTION_KINDS.map((x) => `explorer.title.restriction.kind.${x}`),
      ...PRICE_BANDS.map((x) => `explorer.transfer.priceBand.${x}`),
      ...[
        'registered',
        'restricted',
        'restriction-removed',
        'charged',
        'charge-discharged',
        'transfer-approved',
        'transfer-closed',
        'transferred',
      ].map((e) => `explorer.title.event.${e}`),
    ];
    const keys = new Set(entries.map(([key]) => key));
    for (const key of need) expect(keys.has(key), key).toBe(true);
    // Every key the page names literally is in the dictionary.
    const page = readFileSync(new URL('../web/explorer/titles/main.ts', import.meta.url), 'utf8');
    for (const m of page.matchAll(/'(explorer\.(?:title|transfer)\.[A-Za-z0-9.-]+)'/g)) {
      const key = m[1] ?? '';
      // Prefixes completed with data (words(prefix, value)) are checked above.
      if (entries.some(([x]) => x.startsWith(`${key}.`))) continue;
      expect(keys.has(key), key).toBe(true);
    }
  });
});
