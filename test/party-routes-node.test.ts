// The parties' own reads (src/node/party-routes.ts, decisions 0011, 0012) on a real node with the
// demo registers: an operator key's organisation, premises, lots held and offers; the transfers a
// DID is a party to, with its roles and what each waits for; problems for what is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONVEYANCERS, DEMO_LENDERS } from '../src/node/demo-titles.js';
import type { TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';

let n: TestNode;

beforeAll(async () => {
  n = await startTestNode({ demoRegisters: true });
  await n.demoRegistersReady;
}, 120_000);

afterAll(async () => {
  await stopTestNode(n);
});

interface Lot {
  id: string;
  holder: string;
  quantity: number;
  productName: { en: string; cy: string } | null;
}
interface OperatorView {
  did: string;
  number: string;
  premises: { id: string; lat: number; lon: number }[];
  business: { number: string; name?: { en: string } };
  licensedNow: string[];
  lots: Lot[];
  lotsTruncated: boolean;
  incoming: unknown[];
  outgoing: unknown[];
}

describe('a party’s own reads', () => {
  it('shows an operator key its organisation, premises, licences and the open lots it holds', async () => {
    const all = await n.http.get<{ operators: { did: string; number: string }[] }>(
      '/v1/goods/operators',
    );
    expect(all.json.operators.length).toBeGreaterThan(0);
    let held = 0;
    for (const o of all.json.operators) {
      const r = await n.http.get<OperatorView>(`/v1/goods/operators/${encodeURIComponent(o.did)}`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ did: o.did, number: o.number, lotsTruncated: false });
      expect(r.json.business.number).toBe(o.number);
      expect(r.json.premises.length).toBeGreaterThan(0);
      for (const l of r.json.lots) {
        expect(l.holder).toBe(o.number);
        expect(l.quantity).toBeGreaterThan(0);
        expect(l.productName?.en).toBeTruthy();
      }
      held += r.json.lots.length;
    }
    // The demo leaves stock on the shelves: somebody holds something.
    expect(held).toBeGreaterThan(0);
  });

  it('answers an unknown operator key with a problem', async () => {
    const r = await n.http.get<{ code: string }>(
      `/v1/goods/operators/${encodeURIComponent('did:key:z6MkNope')}`,
    );
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.json.code).toBe('GOODS_OPERATOR_UNKNOWN');
  });

  it('lists the transfers a DID is a party to, with its roles and what each waits for', async () => {
    type List = {
      count: number;
      truncated: boolean;
      transfers: {
        id: string;
        titleNumber: string;
        stage: string;
        roles: string[];
        waitingFor: { step: string; party: string }[];
      }[];
    };
    const castle = DEMO_CONVEYANCERS.castle.did;
    const r = await n.http.get<List>(`/v1/transfers?party=${encodeURIComponent(castle)}`);
    expect(r.status).toBe(200);
    expect(r.json.truncated).toBe(false);
    const byTitle = new Map(r.json.transfers.map((t) => [t.titleNumber, t]));
    // Demo: castle acts for the seller in two transfers and for the buyer in one.
    expect(byTitle.get('CYM512001')?.roles).toEqual(['seller-conveyancer']);
    expect(byTitle.get('CYM845220')).toMatchObject({ stage: 'registered', waitingFor: [] });
    expect(byTitle.get('CYM620114')?.roles).toEqual(['buyer-conveyancer']);
    // Severn Mutual: the Newport purchase's new lender, and the lender whose charge the linked
    // sale discharges — that sale waits for its consent (its signature).
    const severn = DEMO_LENDERS.severn.did;
    const s = await n.http.get<List>(`/v1/transfers?party=${encodeURIComponent(severn)}`);
    const roles = new Map(s.json.transfers.map((t) => [t.titleNumber, t.roles]));
    expect(roles.get('CYM512001')).toEqual(['new-lender']);
    expect(roles.get('CYM620114')).toEqual(['discharging-lender']);
    const sale = s.json.transfers.find((t) => t.titleNumber === 'CYM620114');
    expect(sale?.waitingFor).toContainEqual(
      expect.objectContaining({ step: 'sign', party: severn }),
    );
    // Not a party to anything: an empty list, not an error.
    const none = await n.http.get<List>(
      `/v1/transfers?party=${encodeURIComponent('did:web:nobody.gwent.example')}`,
    );
    expect(none.json).toMatchObject({ count: 0, transfers: [] });
    // No party named: refused.
    const bad = await n.http.get<{ code: string }>('/v1/transfers');
    expect(bad.status).toBe(400);
  });
});
