// The business register through a real node (decision 0010): an application by a pseudonym,
// the registrar's staff API, public search and entry pages, licences with validity, refusals as
// problem+json; and the demo register a fresh `cadwyn start` puts on the ledger.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStream, Problem, Sender, SseEvent, TestNode } from './helpers.js';
import {
  GWENT_BODIES,
  newDidKeySender,
  openEventStream,
  randomDigest,
  removeDir,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
  waitUntil,
} from './helpers.js';
import { staffOf } from './identity-helpers.js';
import { REPLAY_BLOCKS_MAX, replayPlan } from '../src/node/business-events.js';
import { DEMO_BUSINESSES, DEMO_DIRECTORS } from '../src/node/demo-registers.js';

const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport');
const REASON = {
  code: 'name-misleading',
  en: 'The name suggests a public body',
  cy: 'Mae’r enw’n awgrymu corff cyhoeddus',
};

interface Summary {
  number: string;
  name: { en: string; cy?: string };
  status: string;
  officeArea: string;
  formerly?: { en: string; cy?: string };
}
interface Entry extends Summary {
  formerNames: { name: { en: string; cy?: string }; untilMs: number; txId: string }[];
  licences: { id: string; kind: string; status: string; validNow: boolean }[];
  history: { event: string; txId: string; receipt: string }[];
  directorCount: number;
}

describe('business register API', () => {
  let n: TestNode;
  let applicant: Sender;
  let seq = 1;
  let lingering: EventStream | undefined;
  const staff = () => staffOf(n);

  beforeAll(async () => {
    n = await startTestNode({ demoStaffAccounts: true });
    await n.identity.staffReady();
    applicant = newDidKeySender();
  });
  afterAll(async () => stopTestNode(n));

  async function applyFor(name: { en: string; cy?: string }): Promise<string> {
    const tx = await sign(
      txBody({
        type: 'business.apply',
        sender: applicant.did,
        seq: seq++,
        geo: { area: 'W06000022' },
        payload: {
          name,
          kind: 'private-limited',
          officeArea: 'W06000022',
          directors: [randomDigest()],
          registrar: NEWPORT?.did ?? '',
        },
      }),
      [applicant],
    );
    const s = await submitAndWait(n.http, tx);
    expect(s.status, JSON.stringify(s)).not.toBe('rejected');
    return s.id;
  }

  it('an application is approved by the registrar, then found by name and number', async () => {
    const id = await applyFor({ en: 'Ponty Pŵl Pottery Ltd', cy: 'Crochendy Pŵl Ponty Cyf' });
    const pending = await n.http.get<{ applications: { id: string; status: string }[] }>(
      '/v1/bodies/newport/businesses/applications',
      staff(),
    );
    expect(pending.status).toBe(200);
    expect(pending.json.applications.map((a) => a.id)).toContain(id);

    const ok = await n.http.post<{ txId: string; receipt: string; number: string }>(
      `/v1/bodies/newport/businesses/applications/${id}/approve`,
      {},
      staff(),
    );
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.number).toMatch(/^GW\d{6}$/);
    expect(ok.json.receipt).toBe(`/v1/transactions/${ok.json.txId}/receipt`);
    const number = ok.json.number;

    // Accent-less, lower-case Welsh name prefix.
    const byName = await n.http.get<{ businesses: Summary[] }>(
      `/v1/businesses?q=${encodeURIComponent('crochendy pwl')}`,
    );
    expect(byName.status).toBe(200);
    expect(byName.json.businesses.map((b) => b.number)).toEqual([number]);
    expect(byName.json.businesses[0]).toMatchObject({
      name: { en: 'Ponty Pŵl Pottery Ltd', cy: 'Crochendy Pŵl Ponty Cyf' },
      status: 'registered',
      officeArea: 'W06000022',
    });
    const byNumber = await n.http.get<{ businesses: Summary[] }>(
      `/v1/businesses?q=${number.toLowerCase()}`,
    );
    expect(byNumber.json.businesses.map((b) => b.number)).toEqual([number]);

    const entry = await n.http.get<Entry>(`/v1/businesses/${number}`);
    expect(entry.status).toBe(200);
    expect(entry.json.history.map((h) => h.event)).toEqual(['registered']);
    expect(entry.json.history[0]?.txId).toBe(ok.json.txId);
    expect(entry.json.directorCount).toBe(1);
    expect(JSON.stringify(entry.json)).not.toContain('directors');

    // No longer pending; approving again is refused with the module's code.
    const again = await n.http.post<Problem>(
      `/v1/bodies/newport/businesses/applications/${id}/approve`,
      {},
      staff(),
    );
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json.code).toBe('BUSINESS_NOT_PENDING');
  });

  it('refuses an application with a reason; the name is free again', async () => {
    const id = await applyFor({ en: 'Gwent Council Services Ltd' });
    const r = await n.http.post(
      `/v1/bodies/newport/businesses/applications/${id}/refuse`,
      { reason: REASON },
      staff(),
    );
    expect(r.status, r.text).toBe(201);
    const tx = await n.http.get<{ tx: { body: { payload: { reason: unknown } } } }>(
      `/v1/transactions/${String(r.json.txId)}`,
    );
    expect(tx.json.tx.body.payload.reason).toEqual(REASON);
    const search = await n.http.get<{ businesses: Summary[] }>('/v1/businesses?q=gwent+council');
    expect(search.json.businesses).toEqual([]);
    expect((await applyFor({ en: 'Gwent Council Services' })).length).toBe(64);
  });

  it('licences: granted and revoked, with validity computed now; amend and dissolve', async () => {
    const id = await applyFor({ en: 'Dock Street Diner Ltd', cy: 'Bwyty Stryd y Doc Cyf' });
    const approved = await n.http.post<{ number: string }>(
      `/v1/bodies/newport/businesses/applications/${id}/approve`,
      {},
      staff(),
    );
    const number = approved.json.number;
    const now = Date.now();
    const grant = await n.http.post<{ txId: string }>(
      `/v1/bodies/newport/businesses/${number}/licences`,
      {
        kind: 'premises-licence',
        ref: 'NPT/2026/7',
        validFromMs: now - 1000,
        validUntilMs: now + 86_400_000,
      },
      staff(),
    );
    expect(grant.status, grant.text).toBe(201);
    const future = await n.http.post<{ txId: string }>(
      `/v1/bodies/newport/businesses/${number}/licences`,
      {
        kind: 'food-hygiene-registration',
        ref: 'NPT/2026/8',
        validFromMs: now + 86_400_000,
        validUntilMs: now + 2 * 86_400_000,
      },
      staff(),
    );
    expect(future.status).toBe(201);
    // A council may not grant a waste permit (Natural Resources Wales does).
    const waste = await n.http.post<Problem>(
      `/v1/bodies/newport/businesses/${number}/licences`,
      { kind: 'waste-permit', ref: 'W/1', validFromMs: now, validUntilMs: now + 1000 },
      staff(),
    );
    expect(waste.status).toBe(403);
    expect(waste.json.code).toBe('BUSINESS_LICENCE_NOT_ALLOWED');

    let entry = await n.http.get<Entry>(`/v1/businesses/${number}`);
    const byId = (x: string) => entry.json.licences.find((l) => l.id === x);
    expect(byId(grant.json.txId)).toMatchObject({ status: 'valid', validNow: true });
    expect(byId(future.json.txId)).toMatchObject({ status: 'not-yet-valid', validNow: false });

    const revoke = await n.http.post(
      `/v1/bodies/newport/businesses/${number}/licences/${grant.json.txId}/revoke`,
      { reason: { code: 'premises-closed', en: 'Premises closed', cy: 'Caeodd yr adeilad' } },
      staff(),
    );
    expect(revoke.status, revoke.text).toBe(201);
    entry = await n.http.get<Entry>(`/v1/businesses/${number}`);
    expect(byId(grant.json.txId)).toMatchObject({ status: 'revoked', validNow: false });

    const amend = await n.http.post(
      `/v1/bodies/newport/businesses/${number}/amend`,
      { officeArea: 'W06000021' },
      staff(),
    );
    expect(amend.status, amend.text).toBe(201);
    const dissolve = await n.http.post(
      `/v1/bodies/newport/businesses/${number}/dissolve`,
      {},
      staff(),
    );
    expect(dissolve.status, dissolve.text).toBe(201);
    entry = await n.http.get<Entry>(`/v1/businesses/${number}`);
    expect(entry.json.status).toBe('dissolved');
    expect(entry.json.officeArea).toBe('W06000021');
    expect(entry.json.history.map((h) => h.event)).toEqual([
      'registered',
      'licensed',
      'licensed',
      'licence-revoked',
      'amended',
      'dissolved',
    ]);
    const amendAgain = await n.http.post<Problem>(
      `/v1/bodies/newport/businesses/${number}/amend`,
      { officeArea: 'W06000022' },
      staff(),
    );
    expect(amendAgain.status).toBe(409);
    expect(amendAgain.json.code).toBe('BUSINESS_DISSOLVED');
  });

  it('finds an organisation by names it no longer holds; a dissolved one’s name is free', async () => {
    const approve = async (id: string) =>
      (
        await n.http.post<{ number: string }>(
          `/v1/bodies/newport/businesses/applications/${id}/approve`,
          {},
          staff(),
        )
      ).json.number;
    const search = async (q: string) =>
      (await n.http.get<{ businesses: Summary[] }>(`/v1/businesses?q=${encodeURIComponent(q)}`))
        .json.businesses;
    const first = await approve(
      await applyFor({ en: 'Tredegar Tinworks Ltd', cy: 'Gwaith Tun Tredegar Cyf' }),
    );
    const renamed = await n.http.post<{ txId: string }>(
      `/v1/bodies/newport/businesses/${first}/amend`,
      { name: { en: 'Tredegar Metalworks Ltd', cy: 'Gwaith Metel Tredegar Cyf' } },
      staff(),
    );
    expect(renamed.status, renamed.text).toBe(201);

    // By its old English name and its old Welsh name: found, saying what it was called.
    for (const q of ['tredegar tin', 'gwaith tun']) {
      expect(await search(q)).toMatchObject([
        {
          number: first,
          status: 'registered',
          name: { en: 'Tredegar Metalworks Ltd' },
          formerly: { en: 'Tredegar Tinworks Ltd', cy: 'Gwaith Tun Tredegar Cyf' },
        },
      ]);
    }
    // A query both names match: listed once, by its current name.
    const both = await search('tredegar');
    expect(both.map((b) => b.number)).toEqual([first]);
    expect(both[0]?.formerly).toBeUndefined();
    const entry = await n.http.get<Entry>(`/v1/businesses/${first}`);
    expect(entry.json.formerNames).toMatchObject([
      { name: { en: 'Tredegar Tinworks Ltd' }, txId: renamed.json.txId },
    ]);

    // Dissolved: still found by its name, as dissolved; the name is free for a new registration.
    const dissolved = await n.http.post(
      `/v1/bodies/newport/businesses/${first}/dissolve`,
      { reason: { code: 'voluntary', en: 'Closed by its members', cy: 'Caewyd gan ei aelodau' } },
      staff(),
    );
    expect(dissolved.status, dissolved.text).toBe(201);
    expect(await search('tredegar metalworks')).toMatchObject([
      { number: first, status: 'dissolved' },
    ]);
    expect((await search('tredegar metalworks'))[0]?.formerly).toBeUndefined();
    const second = await approve(await applyFor({ en: 'Tredegar Metalworks' }));
    expect(second).not.toBe(first);
    // Those holding the name now come first.
    const now = await search('tredegar metalworks');
    expect(now.map((b) => [b.number, b.status])).toEqual([
      [second, 'registered'],
      [first, 'dissolved'],
    ]);
    // Unique among registered and pending entries still: a third is refused at the door.
    const other = newDidKeySender();
    const tx = await sign(
      txBody({
        type: 'business.apply',
        sender: other.did,
        seq: 1,
        payload: {
          name: { en: 'TREDEGAR METALWORKS LIMITED' },
          kind: 'private-limited',
          officeArea: 'W06000022',
          directors: [randomDigest()],
          registrar: NEWPORT?.did ?? '',
        },
      }),
      [other],
    );
    const taken = await n.http.post<Problem>('/v1/transactions', tx);
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ code: 'BUSINESS_NAME_TAKEN', detail: second });
  });

  it('streams every committed change as a server-sent event, and resumes from a height', async () => {
    const listeners = n.node.events.listenerCount('block');
    const stream = await openEventStream(`${n.url}/v1/businesses/events`);
    // Left open on purpose until the node stops: closing the server ends it (afterAll would hang).
    lingering = await openEventStream(`${n.url}/v1/businesses/events`);
    // However many streams are open, they share one block listener.
    expect(n.node.events.listenerCount('block')).toBe(listeners + 1);
    interface Ev {
      kind: string;
      height: number;
      txId: string;
      number?: string;
      application?: string;
      licence?: string;
      changed?: string[];
    }
    const ev = (e: SseEvent) => JSON.parse(e.data) as Ev;
    const wait = async (s: EventStream, txId: string) => {
      const e = await s.next((x) => x.event === 'business' && ev(x).txId === txId);
      return { ...ev(e), id: e.id };
    };
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const id = await applyFor({ en: 'Blaenavon Ironworks Café' });
      expect(await wait(stream, id)).toMatchObject({ kind: 'applied', application: id });
      const approved = await n.http.post<{ txId: string; height: number; number: string }>(
        `/v1/bodies/newport/businesses/applications/${id}/approve`,
        {},
        staff(),
      );
      const number = approved.json.number;
      const a = await wait(stream, approved.json.txId);
      expect(a).toMatchObject({ kind: 'approved', application: id, number });
      // One business change per block here: its event carries the block height as its id.
      expect(a.id).toBe(String(approved.json.height));
      expect(a.height).toBe(approved.json.height);

      const renamed = await n.http.post<{ txId: string }>(
        `/v1/bodies/newport/businesses/${number}/amend`,
        { name: { en: 'Blaenavon Forge Café' }, officeArea: 'W06000020' },
        staff(),
      );
      expect(await wait(stream, renamed.json.txId)).toMatchObject({
        kind: 'amended',
        number,
        changed: ['name', 'officeArea'],
      });
      const now = Date.now();
      const granted = await n.http.post<{ txId: string }>(
        `/v1/bodies/newport/businesses/${number}/licences`,
        { kind: 'premises-licence', ref: 'TFN/1', validFromMs: now, validUntilMs: now + 1e9 },
        staff(),
      );
      expect(await wait(stream, granted.json.txId)).toMatchObject({
        kind: 'licence-granted',
        number,
        licence: granted.json.txId,
      });
      const revoked = await n.http.post<{ txId: string }>(
        `/v1/bodies/newport/businesses/${number}/licences/${granted.json.txId}/revoke`,
        { reason: REASON },
        staff(),
      );
      expect(await wait(stream, revoked.json.txId)).toMatchObject({
        kind: 'licence-revoked',
        number,
        licence: granted.json.txId,
      });
      const dissolved = await n.http.post<{ txId: string; height: number }>(
        `/v1/bodies/newport/businesses/${number}/dissolve`,
        {},
        staff(),
      );
      expect(await wait(stream, dissolved.json.txId)).toMatchObject({ kind: 'dissolved', number });
      const refusedId = await applyFor({ en: 'Blaenavon Official Council' });
      const refused = await n.http.post<{ txId: string }>(
        `/v1/bodies/newport/businesses/applications/${refusedId}/refuse`,
        { reason: REASON },
        staff(),
      );
      expect(await wait(stream, refused.json.txId)).toMatchObject({
        kind: 'refused',
        application: refusedId,
      });
      // Other transactions (a notarisation, say) are not business events.
      const kinds = stream.received.filter((e) => e.event === 'business').map((e) => ev(e).kind);
      expect(kinds).toEqual([
        'applied',
        'approved',
        'amended',
        'licence-granted',
        'licence-revoked',
        'dissolved',
        'applied',
        'refused',
      ]);

      // Resume: Last-Event-ID is the last height seen (events after it); ?from= a first height.
      const after = await openEventStream(`${n.url}/v1/businesses/events`, {
        'last-event-id': String(approved.json.height),
      });
      const from = await openEventStream(
        `${n.url}/v1/businesses/events?from=${approved.json.height}`,
      );
      try {
        await wait(after, refused.json.txId);
        await wait(from, refused.json.txId);
        const kindsOf = (s: EventStream) =>
          s.received.filter((e) => e.event === 'business').map((e) => ev(e).kind);
        expect(kindsOf(after)).toEqual(kinds.slice(2));
        expect(kindsOf(from)).toEqual(kinds.slice(1));
        expect(after.received.map((e) => e.id)).toEqual(stream.received.slice(2).map((e) => e.id));
      } finally {
        after.close();
        from.close();
      }
      // From beyond the head: nothing until that height is reached.
      const ahead = await openEventStream(
        `${n.url}/v1/businesses/events?from=${n.node.height + 1000}`,
      );
      const late = await applyFor({ en: 'Blaenavon Late Arrivals' });
      await wait(stream, late);
      expect(ahead.received).toEqual([]);
      ahead.close();
      // Too far back to replay: one reset, then live events.
      expect(replayPlan(0, 10)).toEqual({ from: 1, to: 10 });
      expect(replayPlan(11, 10)).toBeUndefined();
      expect(replayPlan(undefined, 10)).toBeUndefined();
      expect(replayPlan(10, 10)).toEqual({ from: 10, to: 10 });
      expect(replayPlan(1, REPLAY_BLOCKS_MAX)).toEqual({ from: 1, to: REPLAY_BLOCKS_MAX });
      expect(replayPlan(1, REPLAY_BLOCKS_MAX + 1)).toBe('reset');
      expect(replayPlan(5, 20, 10)).toBe('reset');
      const bad = await n.http.get<Problem>('/v1/businesses/events?from=-1');
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('REQUEST_INVALID');
    } finally {
      stream.close();
    }
    // The shared block listener goes with the last stream.
    lingering?.close();
    await waitUntil(async () =>
      n.node.events.listenerCount('block') === listeners ? true : undefined,
    );
    lingering = await openEventStream(`${n.url}/v1/businesses/events`);
    expect(n.node.events.listenerCount('block')).toBe(listeners + 1);
  });

  it('an officer without the registrar role is refused 403; no credentials 401', async () => {
    const demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as {
      accounts: { username: string; password: string }[];
    };
    const admin = demo.accounts.find((a) => a.username === 'newport.admin');
    const res = await fetch(`${n.url}/v1/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin?.username, password: admin?.password }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(res.status).toBe(201);
    const list = await n.http.get<Problem>('/v1/bodies/newport/businesses/applications', {
      cookie,
    });
    expect(list.status).toBe(403);
    const approve = await n.http.post<Problem>(
      `/v1/bodies/newport/businesses/applications/${randomDigest()}/approve`,
      {},
      { cookie },
    );
    expect(approve.status).toBe(403);
    expect(approve.json.code).toBe('STAFF_ROLE_MISSING');
    const none = await n.http.post<Problem>(
      `/v1/bodies/newport/businesses/applications/${randomDigest()}/approve`,
      {},
    );
    expect(none.status).toBe(401);
  });

  it('unknown number → 404, bad q → 400, as problem+json', async () => {
    const unknown = await n.http.get<Problem>('/v1/businesses/GW999999');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.json.code).toBe('BUSINESS_UNKNOWN');
    expect((await n.http.get<Problem>('/v1/businesses/not-a-number')).json.code).toBe(
      'BUSINESS_UNKNOWN',
    );
    const bad = await n.http.get<Problem>(`/v1/businesses?q=${encodeURIComponent('!!! ---')}`);
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('BUSINESS_QUERY_INVALID');
    const long = await n.http.get<Problem>(`/v1/businesses?q=${'a'.repeat(500)}`);
    expect(long.status).toBe(400);
    expect(long.json.code).toBe('REQUEST_INVALID');
    const limit = await n.http.get<Problem>('/v1/businesses?q=a&limit=0');
    expect(limit.status).toBe(400);
  });

  it('a test node has no demo register unless asked', async () => {
    expect(await n.demoRegistersReady).toBeUndefined();
    expect(n.node.state.get('business/GW000100')).toBeUndefined();
  });
});

/** Every file under `dir`, as text (latin1, so any byte sequence is searchable). */
function filesText(dir: string): string {
  let out = '';
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out += filesText(p);
    else if (statSync(p).isFile()) out += readFileSync(p).toString('latin1');
  }
  return out;
}

describe('demo business register', () => {
  let n: TestNode | undefined;
  afterAll(async () => stopTestNode(n));

  it('a fresh node with demo registers has ≥ 24 businesses, once, and no personal names', async () => {
    n = await startTestNode({ demoRegisters: true });
    const seeded = await n.demoRegistersReady;
    expect(seeded?.seeded).toBe(true);
    const all = await n.http.get<{ businesses: Summary[] }>('/v1/businesses?limit=100');
    const registered = all.json.businesses.filter((b) => b.status === 'registered');
    expect(registered.length).toBeGreaterThanOrEqual(24);
    expect(all.json.businesses.some((b) => b.status === 'dissolved')).toBe(true);
    const areas = new Set(registered.map((b) => b.officeArea));
    expect(areas.size).toBe(5);
    const pending = await n.http.get<{ applications: unknown[] }>(
      '/v1/bodies/caerphilly/businesses/applications',
      staffOf(n),
    );
    expect(pending.json.applications.length).toBe(1);
    // Licences from a council, NRW and the fire service, one of them revoked.
    const withLicences = DEMO_BUSINESSES.filter((d) => (d.licences ?? []).length > 0).length;
    expect(withLicences).toBeGreaterThan(10);
    const hall = await n.http.get<{ businesses: Summary[] }>('/v1/businesses?q=neuadd+fwyd');
    const hallEntry = await n.http.get<Entry>(
      `/v1/businesses/${hall.json.businesses[0]?.number ?? ''}`,
    );
    expect(hallEntry.json.licences.map((l) => l.status)).toContain('revoked');
    expect(hallEntry.json.licences.map((l) => l.kind)).toContain('fire-safety-certificate');
    const countBefore = n.node.height;

    // Restart on the same data: nothing is seeded again.
    const dataDir = n.dataDir;
    await n.close();
    n = await startTestNode({ dataDir, demoRegisters: true });
    expect((await n.demoRegistersReady)?.seeded).toBe(false);
    const again = await n.http.get<{ businesses: Summary[] }>('/v1/businesses?limit=100');
    expect(again.json.businesses.length).toBe(all.json.businesses.length);
    expect(n.node.height).toBeGreaterThanOrEqual(countBefore);
    await n.close();

    // The directors' names (demo personas) never reach the data dir, in any encoding.
    const text = filesText(dataDir);
    for (const name of DEMO_DIRECTORS) {
      for (const part of [name, name.slice(name.indexOf('Demo-'))]) {
        expect(text.includes(part), part).toBe(false);
        expect(text.includes(Buffer.from(part, 'utf8').toString('latin1')), part).toBe(false);
      }
    }
    n = undefined;
    removeDir(dataDir);
  }, 60_000);
});
