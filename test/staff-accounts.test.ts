// Staff accounts for the Portal: demo accounts per body, scrypt-hashed passwords, sessions that
// expire, roles and bodies enforced, a lock after repeated failures, and every staff action
// that matters recorded on the ledger (as an opaque account id).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';
import { RESIDENT } from './identity-helpers.js';
import { DEMO_NETWORK } from '../src/ledger/demo.js';
import { MemoryStorage, Wallet } from '../src/wallet/index.js';

let n: TestNode;
let offsetMs = 0;
let demo: { accounts: { username: string; password: string; roles: string[] }[] };

beforeAll(async () => {
  n = await startTestNode({ clock: () => Date.now() + offsetMs, demoStaffAccounts: true });
  await n.identity.staffReady();
  demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as typeof demo;
});
afterAll(async () => stopTestNode(n));

const password = (username: string) =>
  demo.accounts.find((a) => a.username === username)?.password ?? '';

async function signIn(username: string, pw = password(username)) {
  const res = await fetch(`${n.url}/v1/staff/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: pw }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: res.status, cookie, json: (await res.json()) as Record<string, unknown> };
}

const offerAs = (cookie: string, slug = 'newport') =>
  n.http.post<Problem & { offerId: string }>(
    `/v1/issuers/${slug}/offers`,
    { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
    { cookie },
  );

async function staffActions(): Promise<{ action: string; account: string }[]> {
  const out: { action: string; account: string }[] = [];
  const blocks = await n.http.get<{ blocks: { height: number }[] }>('/v1/blocks?limit=100');
  for (const b of blocks.json.blocks) {
    const txs = await n.http.get<{
      entries: {
        entry: { tx: { body: { type: string; payload: { action: string; account: string } } } };
      }[];
    }>(`/v1/blocks/${b.height}/transactions`);
    for (const e of txs.json.entries) {
      if (e.entry.tx.body.type === 'staff.action') out.push(e.entry.tx.body.payload);
    }
  }
  return out;
}

describe('staff accounts and sessions', () => {
  it('demo accounts exist for every hosted body; passwords only in a 0600 file, hashed in the database', () => {
    expect(demo.accounts.map((a) => a.username)).toContain('newport.officer');
    expect(demo.accounts).toHaveLength(18);
    expect(statSync(join(n.dataDir, 'demo-staff.json')).mode & 0o777).toBe(0o600);
    const db = readFileSync(join(n.dataDir, 'services.db')).toString('latin1');
    for (const a of demo.accounts) expect(db.includes(a.password)).toBe(false);
  });

  it('an officer signs in, acts for their body, and the action is on the ledger', async () => {
    const s = await signIn('newport.officer');
    expect(s.status).toBe(201);
    expect(s.cookie).toMatch(/^cadwyn_staff=/);
    expect(s.json.roles).toEqual(['issuer', 'verifier', 'registrar', 'auditor']);
    const who = await n.http.get<{ username: string }>('/v1/staff/session', { cookie: s.cookie });
    expect(who.json.username).toBe('newport.officer');
    const o = await offerAs(s.cookie);
    expect(o.status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    const actions = await staffActions();
    const mine = actions.filter((a) => a.account === s.json.account);
    expect(mine.map((a) => a.action)).toEqual(
      expect.arrayContaining(['signed-in', 'offer-created']),
    );
    // The ledger names an opaque account, never the username.
    expect(JSON.stringify(actions)).not.toContain('newport.officer');
  });

  it('refuses another body’s routes, a missing role, and a signed-out session', async () => {
    const s = await signIn('newport.officer');
    const other = await offerAs(s.cookie, 'torfaen');
    expect(other.status).toBe(403);
    expect(other.json.code).toBe('STAFF_ROLE_MISSING');
    const admin = await signIn('newport.admin');
    const noRole = await offerAs(admin.cookie);
    expect(noRole.status).toBe(403);
    expect(noRole.json.code).toBe('STAFF_ROLE_MISSING');
    const out = await fetch(`${n.url}/v1/staff/session`, {
      method: 'DELETE',
      headers: { cookie: s.cookie },
    });
    expect(out.status).toBe(204);
    expect((await offerAs(s.cookie)).status).toBe(401);
  });

  it('a wrong password is refused the same way as an unknown user, and five lock the account', async () => {
    const wrong = await signIn('torfaen.officer', 'not-the-password');
    const unknown = await signIn('nobody.officer', 'whatever');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.code).toBe('STAFF_SIGNIN_FAILED');
    expect(unknown.json.code).toBe('STAFF_SIGNIN_FAILED');
    for (let i = 0; i < 4; i++) await signIn('torfaen.officer', 'still-wrong');
    const locked = await signIn('torfaen.officer');
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe('STAFF_SIGNIN_LOCKED');
  });

  it('a session expires after 30 idle minutes', async () => {
    const s = await signIn('caerphilly.officer');
    expect((await n.http.get('/v1/staff/session', { cookie: s.cookie })).status).toBe(200);
    offsetMs = 31 * 60_000;
    try {
      expect((await n.http.get('/v1/staff/session', { cookie: s.cookie })).status).toBe(401);
    } finally {
      offsetMs = 0;
    }
  });

  it('the Portal lists a body’s consents and access records, and notarises as the body', async () => {
    const w = await Wallet.create({
      storage: new MemoryStorage(),
      passphrase: 'p',
      kdf: { N: 1024, r: 8, p: 1 },
    });
    if (!w.ok) throw new Error(w.code);
    const newport = 'did:web:newport.gwent.example';
    const subject = await w.value.didFor(newport);
    const seq = (await n.http.get<{ nextSeq: number }>(`/v1/accounts/${subject}`)).json.nextSeq;
    const tx = await w.value.consentGrant(
      {
        holder: newport,
        requester: 'did:web:aneurin-bevan.gwent.example',
        purpose: { code: 'care-planning', en: 'Planning your care', cy: 'Cynllunio eich gofal' },
        categories: ['housing'],
        lawfulBasis: 'consent',
        expiresMs: Date.now() + 3_600_000,
      },
      { network: DEMO_NETWORK, seq, timeMs: Date.now() },
    );
    if (!tx.ok) throw new Error(tx.code);
    const sub = await n.http.post<{ id: string }>('/v1/transactions?waitMs=10000', tx.value);
    const consentId = sub.json.id;
    const officer = await signIn('newport.officer');
    const health = await signIn('aneurin-bevan.officer');
    const asked = await n.http.post(
      '/v1/exchange/aneurin-bevan/ask',
      { holder: newport, consentId, category: 'housing', purpose: 'care-planning' },
      { cookie: health.cookie },
    );
    expect(asked.status).toBe(403); // Newport keeps no housing record for this pseudonym
    const consents = await n.http.get<{ consents: { id: string; role: string; status: string }[] }>(
      '/v1/bodies/newport/consents',
      { cookie: officer.cookie },
    );
    expect(consents.json.consents).toEqual([
      expect.objectContaining({ id: consentId, role: 'holder', status: 'active' }),
    ]);
    const mine = await n.http.get<{
      accessRecords: { role: string; outcome: string; reason: string }[];
    }>('/v1/bodies/newport/access-records', { cookie: officer.cookie });
    expect(mine.json.accessRecords).toEqual([
      expect.objectContaining({ role: 'holder', outcome: 'refused', reason: 'no-record' }),
    ]);
    const theirs = await n.http.get<{ accessRecords: { role: string }[] }>(
      '/v1/bodies/aneurin-bevan/access-records',
      { cookie: health.cookie },
    );
    expect(theirs.json.accessRecords.map((r) => r.role)).toEqual(['requester']);
    const digest = 'ab'.repeat(32);
    const notarised = await n.http.post<{ txId: string; receipt: string }>(
      '/v1/bodies/newport/notarise',
      { digest, label: 'Planning decision 2026/0142' },
      { cookie: officer.cookie },
    );
    expect(notarised.status).toBe(201);
    expect((await n.http.get(notarised.json.receipt)).status).toBe(200);
    const again = await n.http.post<Problem>(
      '/v1/bodies/newport/notarise',
      { digest },
      { cookie: officer.cookie },
    );
    expect(again.json.code).toBe('NOTARY_ALREADY_NOTARISED');
  });
});
