// Governance proposals over HTTP (decision 0008) against a real node with demo staff accounts:
// a body's administrator proposes, six more bodies' administrators sign, and the change is in
// force; roles, unknown proposals, second signatures and bad input are refused with codes, and
// nothing is written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VCT } from '../src/ledger/demo.js';
import type { Problem, TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';

let n: TestNode;
let demo: { accounts: { username: string; password: string }[] };
const cookies = new Map<string, string>();

beforeAll(async () => {
  n = await startTestNode({ demoStaffAccounts: true });
  await n.identity.staffReady();
  demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as typeof demo;
});
afterAll(async () => stopTestNode(n));

async function as(username: string): Promise<{ cookie: string }> {
  let cookie = cookies.get(username);
  if (!cookie) {
    const password = demo.accounts.find((a) => a.username === username)?.password ?? '';
    const res = await fetch(`${n.url}/v1/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status, username).toBe(201);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies.set(username, cookie);
  }
  return { cookie };
}

const FIRE = 'did:web:south-wales-fire.gwent.example';
const grantFire = {
  type: 'identity.authoriseIssuer',
  payload: { issuer: FIRE, vct: DEMO_VCT.blueBadge },
};

interface Submitted {
  proposalId: string;
  txId: string;
  receipt: string;
  status: string;
}
interface ProposalView {
  id: string;
  proposer: string;
  proposerName: { en: string; cy: string } | null;
  approvals: { did: string; name: { en: string; cy: string } | null }[];
  counted: number;
  needed: number;
  status: string;
  expiresMs: number;
}
type Answer = Submitted & Problem;

const propose = async (slug: string, body: unknown) =>
  n.http.post<Answer>(`/v1/bodies/${slug}/proposals`, body, await as(`${slug}.admin`));
const approve = async (slug: string, id: string, user = `${slug}.admin`) =>
  n.http.post<Answer>(`/v1/bodies/${slug}/proposals/${id}/approvals`, {}, await as(user));
const withdraw = async (slug: string, id: string) => {
  const res = await fetch(`${n.url}/v1/bodies/${slug}/proposals/${id}`, {
    method: 'DELETE',
    headers: await as(`${slug}.admin`),
  });
  return { status: res.status, json: (await res.json()) as Answer };
};
const list = async () =>
  (await n.http.get<{ needed: number; proposals: ProposalView[] }>('/v1/proposals')).json;
const fireIssuesBadges = async () => {
  const r = await n.http.get<{ issuers: { issuer: string; authorisedNow: boolean }[] }>(
    `/v1/trusted-issuers?vct=${encodeURIComponent(DEMO_VCT.blueBadge)}`,
  );
  return r.json.issuers.some((i) => i.issuer === FIRE && i.authorisedNow);
};

describe('governance proposals on a node', () => {
  let id = '';

  it('an administrator proposes a change; it is public and pending, 1 of 7 signatures', async () => {
    const r = await propose('caerphilly', { change: grantFire, expiresInDays: 7 });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.status).toBe('pending');
    expect(r.json.proposalId).toMatch(/^[0-9a-f]{64}$/);
    expect(r.json.receipt).toBe(`/v1/transactions/${r.json.txId}/receipt`);
    expect((await fetch(`${n.url}${r.json.receipt}`)).status).toBe(200);
    id = r.json.proposalId;
    const l = await list();
    expect(l.needed).toBe(7);
    const p = l.proposals.find((x) => x.id === id);
    expect(p).toMatchObject({
      proposer: 'did:web:caerphilly.gwent.example',
      proposerName: { en: 'Caerphilly County Borough Council' },
      counted: 1,
      needed: 7,
      status: 'pending',
    });
    expect(p?.approvals.map((a) => a.name?.cy)).toEqual(['Cyngor Bwrdeistref Sirol Caerffili']);
    expect(await fireIssuesBadges()).toBe(false);
  });

  it('refuses an officer (403), an unknown proposal (404) and a second signature (409)', async () => {
    const officer = await approve('newport', id, 'newport.officer');
    expect([officer.status, officer.json.code]).toEqual([403, 'STAFF_ROLE_MISSING']);
    const unknown = await approve('newport', 'f'.repeat(64));
    expect([unknown.status, unknown.json.code]).toEqual([404, 'GOV_PROPOSAL_UNKNOWN']);
    const again = await approve('caerphilly', id);
    expect([again.status, again.json.code]).toEqual([409, 'GOV_ALREADY_APPROVED']);
    // Another body's administrator cannot act for Caerphilly.
    const other = await n.http.post<Answer>(
      `/v1/bodies/caerphilly/proposals/${id}/approvals`,
      {},
      await as('newport.admin'),
    );
    expect([other.status, other.json.code]).toEqual([403, 'STAFF_ROLE_MISSING']);
    const notProposer = await withdraw('newport', id);
    expect([notProposer.status, notProposer.json.code]).toEqual([403, 'GOV_NOT_PROPOSER']);
    expect((await list()).proposals.find((x) => x.id === id)?.counted).toBe(1);
  });

  it('refuses bad input with a stable code, writing nothing', async () => {
    const before = (await list()).proposals.length;
    const cases: [unknown, number, string][] = [
      [
        { change: { type: 'notary.notarise', payload: { digest: 'a'.repeat(64) } } },
        422,
        'GOV_NOT_PROPOSABLE',
      ],
      [
        { change: { type: 'identity.authoriseIssuer', payload: { issuer: FIRE } } },
        422,
        'GOV_CHANGE_INVALID',
      ],
      [{ change: grantFire, expiresInDays: 31 }, 400, 'REQUEST_INVALID'],
      [{ change: { type: 'identity.authoriseIssuer' } }, 400, 'REQUEST_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const r = await propose('torfaen', body);
      expect([r.status, r.json.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const bad = await n.http.post<Answer>(
      `/v1/bodies/torfaen/proposals/not-an-id/approvals`,
      {},
      await as('torfaen.admin'),
    );
    expect([bad.status, bad.json.code]).toEqual([400, 'REQUEST_INVALID']);
    expect((await list()).proposals.length).toBe(before);
  });

  it('six more administrators sign; the seventh signature puts the change in force', async () => {
    const signers = ['blaenau-gwent', 'monmouthshire', 'newport', 'torfaen', 'aneurin-bevan'];
    for (const slug of signers) {
      const r = await approve(slug, id);
      expect([r.status, r.json.status], slug).toEqual([201, 'pending']);
    }
    expect((await list()).proposals.find((x) => x.id === id)?.counted).toBe(6);
    expect(await fireIssuesBadges()).toBe(false);
    const last = await approve('gwent-police', id);
    expect([last.status, last.json.status]).toEqual([201, 'applied']);
    expect((await fetch(`${n.url}${last.json.receipt}`)).status).toBe(200);
    expect(await fireIssuesBadges()).toBe(true);
    const p = (await list()).proposals.find((x) => x.id === id);
    expect(p).toMatchObject({ status: 'applied', counted: 7 });
    const late = await approve('nrw', id);
    expect([late.status, late.json.code]).toEqual([409, 'GOV_PROPOSAL_NOT_PENDING']);
  });

  it('the proposer withdraws a pending proposal; it cannot be signed after', async () => {
    const name = { en: 'Natural Resources Wales', cy: 'Cyfoeth Naturiol Cymru (newydd)' };
    const r = await propose('nrw', {
      change: {
        type: 'governance.updateMember',
        payload: { did: 'did:web:nrw.gwent.example', name },
      },
    });
    expect(r.status).toBe(201);
    const w = await withdraw('nrw', r.json.proposalId);
    expect([w.status, w.json.status]).toEqual([200, 'withdrawn']);
    const after = await approve('newport', r.json.proposalId);
    expect([after.status, after.json.code]).toEqual([409, 'GOV_PROPOSAL_NOT_PENDING']);
    const p = (await list()).proposals.find((x) => x.id === r.json.proposalId);
    expect(p?.status).toBe('withdrawn');
  });
});
