// Applying to register a business from a wallet, through a real node (decision 0010): directors
// present their Gwent resident credential (age_over_18 and local_authority only) from their own
// wallets, the node keeps each director's salt off the ledger, the applicant's wallet signs
// business.apply with its pseudonym toward the registrar; a registrar approves and offers the
// registration credential, which lands in the applicant's wallet and can be presented.
// Refusals are problem+json with stable codes, and write nothing.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTxAsync } from '../src/core/async-sign.js';
import type { SignedTx } from '../src/core/tx.js';
import { presentCredential } from '../src/identity/present.js';
import { VCT } from '../src/identity/types.js';
import { directorDigest } from '../src/node/business-apply-routes.js';
import type { CredentialRecord } from '../src/wallet/index.js';
import { MemoryStorage, Wallet } from '../src/wallet/index.js';
import type { Problem, TestNode } from './helpers.js';
import { GWENT_BODIES, snapshot, startTestNode, stopTestNode } from './helpers.js';
import { offer, RESIDENT, staffOf, value } from './identity-helpers.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport');
const NEWPORT_DID = NEWPORT?.did ?? '';
const BASE = '/v1/registrars/newport/business-applications';

interface SlotView {
  index: number;
  status: 'waiting' | 'presented' | 'refused';
  code?: string;
  requestUri?: string;
  qrSvg?: string;
}
interface SessionView {
  session: string;
  status: 'collecting' | 'ready' | 'submitted';
  directors: SlotView[];
  payload?: {
    name: { en: string; cy?: string };
    kind: string;
    officeArea: string;
    directors: string[];
    registrar: string;
  };
  application?: string;
}

let n: TestNode;
let adultA: Wallet;
let adultB: Wallet;
let minor: Wallet;
let applicant: Wallet;

const newWallet = async () =>
  value(await Wallet.create({ storage: new MemoryStorage(), passphrase: '1357', kdf: FAST }));

async function residentIn(w: Wallet, birthdate = RESIDENT.birthdate): Promise<CredentialRecord> {
  const o = await offer(n, 'newport', 'gwent-resident', { ...RESIDENT, birthdate });
  return value(await w.receiveOffer(o.offerUri, { txCode: o.txCode, nodeUrl: n.url }));
}

async function start(name: { en: string; cy?: string }, directors = 2): Promise<SessionView> {
  const r = await n.http.post<SessionView>(BASE, {
    name,
    kind: 'private-limited',
    officeArea: 'W06000022',
    directors,
  });
  expect(r.status, r.text).toBe(201);
  return r.json;
}

const view = async (id: string) => (await n.http.get<SessionView>(`${BASE}/${id}`)).json;

/** A director's wallet answers one slot's request, as the Wallet app does. */
async function present(w: Wallet, slot: SlotView) {
  const request = value(await w.openRequest(slot.requestUri ?? '', { nodeUrl: n.url }));
  return w.respond(request);
}

/** The applicant's wallet signs business.apply over the session's payload, toward the registrar. */
async function signApply(w: Wallet, payload: object): Promise<SignedTx> {
  const did = await w.didFor(NEWPORT_DID);
  const account = await n.http.get<{ nextSeq: number }>(`/v1/accounts/${encodeURIComponent(did)}`);
  const consortium = await n.http.get<{ network: string }>('/v1/consortium');
  return signTxAsync(
    {
      v: 1,
      network: consortium.json.network,
      type: 'business.apply',
      sender: did,
      seq: account.json.nextSeq,
      timeMs: Date.now(),
      payload: payload as never,
    },
    [{ did, alg: 'ES256', sign: (m) => w.sign(did, m) }],
  );
}

const salts = () => {
  const db = new Database(join(n.dataDir, 'services.db'), { readonly: true });
  try {
    return db.prepare('SELECT digest, registrar, salt FROM director_salts').all() as {
      digest: string;
      registrar: string;
      salt: Buffer;
    }[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  n = await startTestNode();
  [adultA, adultB, minor, applicant] = await Promise.all([
    newWallet(),
    newWallet(),
    newWallet(),
    newWallet(),
  ]);
  await residentIn(adultA);
  await residentIn(adultB);
  // Fifteen at the issue date: the council's credential says age_over_18 false.
  const born = new Date(Date.now() - 15 * 365.25 * 86_400_000).toISOString().slice(0, 10);
  await residentIn(minor, born);
});
afterAll(async () => stopTestNode(n));

describe('applying from the wallet', () => {
  let application = '';
  let directorDids: string[] = [];
  let number = '';

  it('two directors present from their own wallets; the applicant signs and sends', async () => {
    const s = await start({ en: 'Bara Brith Bakers Ltd', cy: 'Pobyddion Bara Brith Cyf' });
    expect(s.status).toBe('collecting');
    expect(s.directors.map((d) => d.status)).toEqual(['waiting', 'waiting']);
    expect(s.directors[0]?.qrSvg).toMatch(/^<svg/);

    // The request asks exactly age_over_18 and local_authority of the resident credential.
    const request = value(
      await adultA.openRequest(s.directors[0]?.requestUri ?? '', { nodeUrl: n.url }),
    );
    expect(request.verifierDid).toBe(NEWPORT_DID);
    expect(request.credentials[0]?.claims.map((c) => c.path)).toEqual([
      ['age_over_18'],
      ['local_authority'],
    ]);
    expect(value(await adultA.respond(request)).status).toBe('accepted');
    expect((await view(s.session)).directors.map((d) => d.status)).toEqual([
      'presented',
      'waiting',
    ]);
    // Not all have presented: nothing to sign yet, and sending is refused.
    const early = await n.http.post<Problem>(`${BASE}/${s.session}/submit`, { tx: {} });
    expect([early.status, early.json.code]).toEqual([409, 'BUSINESS_SESSION_INCOMPLETE']);

    value(await present(adultB, s.directors[1] as SlotView));
    const ready = await view(s.session);
    expect(ready.status).toBe('ready');
    const payload = ready.payload;
    expect(payload?.directors).toHaveLength(2);
    expect(payload?.registrar).toBe(NEWPORT_DID);

    const tx = await signApply(applicant, payload ?? {});
    const sent = await n.http.post<{ application: string; status: string }>(
      `${BASE}/${s.session}/submit`,
      { tx },
    );
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json.status).not.toBe('pending');
    application = sent.json.application;
    expect((await view(s.session)).status).toBe('submitted');

    // On the ledger: the applicant's pseudonym toward Newport and two salted digests, no more.
    const a = await n.http.get<{ status: string; name: object }>(
      `/v1/business-applications/${application}`,
    );
    expect(a.json.status).toBe('pending');
    const onLedger = await n.http.get<{ applications: { id: string; applicant: string }[] }>(
      '/v1/bodies/newport/businesses/applications',
      staffOf(n),
    );
    const mine = onLedger.json.applications.find((x) => x.id === application);
    expect(mine?.applicant).toBe(await applicant.didFor(NEWPORT_DID));

    // Off the ledger: one salt per digest, and with the director's pseudonym it proves the digest.
    directorDids = await Promise.all(
      [adultA, adultB].map(async (w) => (await w.credentials())[0]?.holderDid ?? ''),
    );
    const rows = salts().filter((r) => payload?.directors.includes(r.digest));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.registrar).toBe(NEWPORT_DID);
      expect(directorDids.map((did) => directorDigest(new Uint8Array(r.salt), did))).toContain(
        r.digest,
      );
    }
    const text = JSON.stringify(mine);
    for (const did of directorDids) expect(text).not.toContain(did);
    // Nor in any of the node's files (ledger, services.db): they lived in the session's memory.
    const files = readdirSync(n.dataDir, { withFileTypes: true }).filter((f) => f.isFile());
    for (const { name: file } of files) {
      const bytes = readFileSync(join(n.dataDir, file)).toString('latin1');
      for (const did of directorDids) expect(bytes, file).not.toContain(did);
    }
  });

  it('lists the registrars an application can be started with (councils, not the UHB)', async () => {
    const r = await n.http.get<{ registrars: { slug: string; did: string }[] }>('/v1/registrars');
    expect(r.json.registrars.map((x) => x.slug).sort()).toEqual([
      'blaenau-gwent',
      'caerphilly',
      'monmouthshire',
      'newport',
      'torfaen',
    ]);
  });

  it('a registrar approves; the registration credential is offered and lands in the wallet', async () => {
    const ok = await n.http.post<{ number: string }>(
      `/v1/bodies/newport/businesses/applications/${application}/approve`,
      {},
      staffOf(n),
    );
    expect(ok.status, ok.text).toBe(201);
    number = ok.json.number;
    const a = await n.http.get<{ status: string; number: string }>(
      `/v1/business-applications/${application}`,
    );
    expect([a.json.status, a.json.number]).toEqual(['approved', number]);

    // Another registrar did not register it, so it cannot vouch for it.
    const other = await n.http.post<Problem>(
      `/v1/bodies/torfaen/businesses/${number}/credential-offer`,
      {},
      staffOf(n),
    );
    expect([other.status, other.json.code]).toEqual([403, 'BUSINESS_NOT_REGISTRAR']);
    // The staff form cannot type a registration credential's claims.
    const forged = await n.http.post<Problem>(
      '/v1/issuers/newport/offers',
      {
        credential_configuration_id: 'business-registration',
        claims: { number, name_en: 'X', kind: 'llp', office_area: 'W06000022' },
      },
      staffOf(n),
    );
    expect([forged.status, forged.json.code]).toEqual([400, 'CREDENTIAL_FROM_REGISTER']);

    const o = await n.http.post<{ offerUri: string; txCode: string; qrSvg: string }>(
      `/v1/bodies/newport/businesses/${number}/credential-offer`,
      {},
      staffOf(n),
    );
    expect(o.status, o.text).toBe(201);
    expect(o.json.qrSvg).toMatch(/^<svg/);
    const record = value(
      await applicant.receiveOffer(o.json.offerUri, { txCode: o.json.txCode, nodeUrl: n.url }),
    );
    expect(record.vct).toBe(VCT.businessRegistration);
    expect(record.issuer).toBe(NEWPORT_DID);
    expect(record.typeName).toEqual({ en: 'Business registration', cy: 'Cofrestriad busnes' });
    // Bound to a pairwise key toward the issuer: not the applicant's pseudonym on the ledger.
    expect(record.holderDid).not.toBe(await applicant.didFor(NEWPORT_DID));

    // The business presents it to another body, disclosing only what is asked.
    const ask = await n.http.post<{ requestId: string; requestUri: string }>(
      '/v1/verifiers/torfaen/requests',
      {
        dcql_query: {
          credentials: [
            {
              id: 'business',
              format: 'dc+sd-jwt',
              meta: { vct_values: [VCT.businessRegistration] },
              claims: [{ path: ['number'] }, { path: ['name_en'] }, { path: ['registered'] }],
            },
          ],
        },
      },
      staffOf(n),
    );
    expect(ask.status, ask.text).toBe(201);
    const req = value(await applicant.openRequest(ask.json.requestUri, { nodeUrl: n.url }));
    expect(req.credentials[0]?.claims.map((c) => c.label.cy)).toEqual([
      'Rhif cofrestredig',
      'Enw yn Saesneg',
      'Dyddiad cofrestru',
    ]);
    value(await applicant.respond(req));
    const seen = await n.http.get<{
      status: string;
      credentials: { business: { claims: Record<string, unknown>; issuer: string } };
    }>(`/v1/verifiers/torfaen/requests/${ask.json.requestId}`, staffOf(n));
    expect(seen.json.status).toBe('verified');
    expect(seen.json.credentials.business.issuer).toBe(NEWPORT_DID);
    expect(seen.json.credentials.business.claims).toEqual({
      number,
      name_en: 'Bara Brith Bakers Ltd',
      registered: new Date().toISOString().slice(0, 10),
    });
  });
});

describe('refusals', () => {
  it('a director under 18 is refused DIRECTOR_UNDER_18; a fresh request lets another adult in', async () => {
    const s = await start({ en: 'Cwmni Ifanc' }, 1);
    const r = await present(minor, s.directors[0] as SlotView);
    expect(r.ok ? 'OK' : r.detail).toMatch(/^DIRECTOR_UNDER_18/);
    const after = await view(s.session);
    expect(after.directors[0]).toMatchObject({ status: 'refused', code: 'DIRECTOR_UNDER_18' });
    expect(after.payload).toBeUndefined();
    // The same request does not answer twice.
    const again = await adultA.openRequest(s.directors[0]?.requestUri ?? '', { nodeUrl: n.url });
    expect(again.ok ? 'OK' : again.code).toBe('REQUEST_UNKNOWN');
    const renewed = await n.http.post<SessionView>(`${BASE}/${s.session}/directors/0/renew`, {});
    expect(renewed.status, renewed.text).toBe(200);
    value(await present(adultA, renewed.json.directors[0] as SlotView));
    expect((await view(s.session)).status).toBe('ready');
  });

  it('a presentation without age_over_18 is CLAIMS_MISSING', async () => {
    const s = await start({ en: 'Hanner Ateb' }, 1);
    const [record] = await adultA.credentials();
    const link = new URL(s.directors[0]?.requestUri ?? '');
    const ro = await (await fetch(link.searchParams.get('request_uri') ?? '')).text();
    const payload = JSON.parse(Buffer.from(ro.split('.')[1] ?? '', 'base64url').toString()) as {
      nonce: string;
      state: string;
      client_id: string;
      response_uri: string;
    };
    const presentation = await presentCredential({
      sdJwt: record?.sdJwt ?? '',
      disclose: [['local_authority']],
      aud: payload.client_id,
      nonce: payload.nonce,
      iatS: Math.floor(Date.now() / 1000),
      holderSigner: adultA.holderSigner(record?.holderDid ?? ''),
    });
    const post = (p: string, nonceState = payload.state) =>
      fetch(payload.response_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          vp_token: JSON.stringify({ resident: [p] }),
          state: nonceState,
        }),
      });
    const res = await post(presentation);
    const body = (await res.json()) as Problem;
    expect([res.status, body.code]).toEqual([400, 'CLAIMS_MISSING']);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    // Answering the same request again is a replay.
    const replay = (await (await post(presentation)).json()) as Problem;
    expect(replay.code).toBe('PRESENTATION_REPLAYED');
  });

  it('a presentation bound to another nonce is refused, and so is an unknown state', async () => {
    const s = await start({ en: 'Nonce Anghywir' }, 1);
    const [record] = await adultB.credentials();
    const link = new URL(s.directors[0]?.requestUri ?? '');
    const ro = await (await fetch(link.searchParams.get('request_uri') ?? '')).text();
    const p = JSON.parse(Buffer.from(ro.split('.')[1] ?? '', 'base64url').toString()) as {
      state: string;
      client_id: string;
      response_uri: string;
    };
    const presentation = await presentCredential({
      sdJwt: record?.sdJwt ?? '',
      disclose: [['age_over_18'], ['local_authority']],
      aud: p.client_id,
      nonce: 'not-the-nonce',
      iatS: Math.floor(Date.now() / 1000),
      holderSigner: adultB.holderSigner(record?.holderDid ?? ''),
    });
    const send = (state: string) =>
      fetch(p.response_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          vp_token: JSON.stringify({ resident: [presentation] }),
          state,
        }),
      });
    const unknown = (await (await send('nope')).json()) as Problem;
    expect(unknown.code).toBe('VP_REQUEST_UNKNOWN');
    const wrong = await send(p.state);
    const body = (await wrong.json()) as Problem;
    expect(wrong.status).toBe(400);
    expect(body.code).toMatch(/^KB_|NONCE/);
    expect((await view(s.session)).directors[0]?.status).toBe('refused');
  });

  it('the same person presenting for two directors is DIRECTOR_DUPLICATE', async () => {
    const s = await start({ en: 'Un Person Dwywaith' }, 2);
    value(await present(adultA, s.directors[0] as SlotView));
    const twice = await present(adultA, s.directors[1] as SlotView);
    expect(twice.ok ? 'OK' : twice.detail).toMatch(/^DIRECTOR_DUPLICATE/);
    expect((await view(s.session)).directors.map((d) => d.status)).toEqual([
      'presented',
      'refused',
    ]);
    const presented = await n.http.post<Problem>(`${BASE}/${s.session}/directors/0/renew`, {});
    expect([presented.status, presented.json.code]).toEqual([409, 'DIRECTOR_ALREADY_PRESENTED']);
  });

  it('a signed application that differs from the session is refused, and nothing is written', async () => {
    const s = await start({ en: 'Llofnod Gwahanol' }, 1);
    value(await present(adultB, s.directors[0] as SlotView));
    const ready = await view(s.session);
    const before = await snapshot(n);
    const saltsBefore = salts().length;
    const other = { ...ready.payload, directors: ['0'.repeat(64)] };
    const bad = await n.http.post<Problem>(`${BASE}/${s.session}/submit`, {
      tx: await signApply(applicant, other),
    });
    expect([bad.status, bad.json.code]).toEqual([422, 'BUSINESS_TX_MISMATCH']);
    const notApply = await n.http.post<Problem>(`${BASE}/${s.session}/submit`, {
      tx: { body: { type: 'notary.notarise', payload: ready.payload } },
    });
    expect(notApply.json.code).toBe('BUSINESS_TX_MISMATCH');
    // Signed by someone else's key than the sender named: refused by the ledger's own check.
    const tx = await signApply(applicant, ready.payload ?? {});
    const forged = {
      ...tx,
      signatures: [
        {
          ...tx.signatures[0],
          sig: tx.signatures[0]?.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        },
      ],
    };
    const sigBad = await n.http.post<Problem>(`${BASE}/${s.session}/submit`, { tx: forged });
    expect(sigBad.json.code).toMatch(/^TX_SIGNATURE_INVALID|TX_MALFORMED$/);
    expect(await snapshot(n)).toEqual(before);
    expect(salts()).toHaveLength(saltsBefore);
    // The session is still open: the right transaction goes through.
    const good = await n.http.post(`${BASE}/${s.session}/submit`, { tx });
    expect(good.status, good.text).toBe(201);
    expect(salts()).toHaveLength(saltsBefore + 1);
    const closed = await n.http.post<Problem>(`${BASE}/${s.session}/submit`, { tx });
    expect([closed.status, closed.json.code]).toEqual([409, 'BUSINESS_SESSION_CLOSED']);
  });

  it('a name taken while directors were confirming: the ledger refuses it, the salts go', async () => {
    const a = await start({ en: 'Ras Enwau' }, 1);
    const b = await start({ en: 'RAS ENWAU' }, 1);
    value(await present(adultA, a.directors[0] as SlotView));
    value(await present(adultB, b.directors[0] as SlotView));
    const first = (await view(a.session)).payload ?? {};
    const sent = await n.http.post(`${BASE}/${a.session}/submit`, {
      tx: await signApply(applicant, first),
    });
    expect(sent.status, sent.text).toBe(201);
    const saltsBefore = salts().length;
    const second = await n.http.post<Problem>(`${BASE}/${b.session}/submit`, {
      tx: await signApply(adultB, (await view(b.session)).payload ?? {}),
    });
    expect([second.status, second.json.code]).toEqual([409, 'BUSINESS_NAME_TAKEN']);
    expect(salts()).toHaveLength(saltsBefore);
  });

  it('property: directors answering in any order and mix keep the session consistent', async () => {
    const who = [adultA, adultB, minor];
    let run = 0;
    type Model = { st: 'waiting' } | { st: 'presented'; w: number } | { st: 'refused' };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            slot: fc.integer({ min: 0, max: 1 }),
            w: fc.integer({ min: 0, max: 2 }),
            renew: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (steps) => {
          const s = await start({ en: `Prawf Trefn ${run++}` }, 2);
          const model: Model[] = [{ st: 'waiting' }, { st: 'waiting' }];
          for (const step of steps) {
            const m = model[step.slot] as Model;
            if (step.renew) {
              const r = await n.http.post(`${BASE}/${s.session}/directors/${step.slot}/renew`, {});
              expect(r.status).toBe(m.st === 'presented' ? 409 : 200);
              if (m.st !== 'presented') model[step.slot] = { st: 'waiting' };
              continue;
            }
            const slot = (await view(s.session)).directors[step.slot] as SlotView;
            if (m.st === 'presented') {
              expect(slot.requestUri).toBeUndefined();
              continue;
            }
            if (m.st === 'refused') {
              const again = await who[step.w]?.openRequest(slot.requestUri ?? '', {
                nodeUrl: n.url,
              });
              expect(again?.ok ? 'OK' : again?.code).toBe('REQUEST_UNKNOWN');
              continue;
            }
            const r = await present(who[step.w] as Wallet, slot);
            const other = model[1 - step.slot] as Model;
            const expected =
              step.w === 2
                ? 'DIRECTOR_UNDER_18'
                : other.st === 'presented' && other.w === step.w
                  ? 'DIRECTOR_DUPLICATE'
                  : 'OK';
            expect(r.ok ? 'OK' : r.detail?.split(':')[0]).toBe(expected);
            model[step.slot] =
              expected === 'OK' ? { st: 'presented', w: step.w } : { st: 'refused' };
          }
          const v = await view(s.session);
          expect(v.directors.map((d) => d.status)).toEqual(model.map((x) => x.st));
          const ready = model.every((x) => x.st === 'presented');
          expect(v.status).toBe(ready ? 'ready' : 'collecting');
          if (ready) expect(new Set(v.payload?.directors).size).toBe(2);
          else expect(v.payload).toBeUndefined();
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);

  it('bad input is a problem with a stable code', async () => {
    const post = (body: unknown) => n.http.post<Problem>(BASE, body);
    const good = { name: { en: 'Da Iawn' }, kind: 'llp', officeArea: 'W06000022', directors: 1 };
    for (const body of [
      { ...good, kind: 'empire' },
      { ...good, directors: 0 },
      { ...good, directors: 11 },
      { ...good, officeArea: 'Newport' },
      { ...good, name: { en: '' } },
    ]) {
      const r = await post(body);
      expect([r.status, r.json.code], JSON.stringify(body)).toEqual([400, 'REQUEST_INVALID']);
    }
    const taken = await post({ ...good, name: { en: 'BARA BRITH BAKERS' } });
    expect([taken.status, taken.json.code]).toEqual([409, 'BUSINESS_NAME_TAKEN']);
    const noLetters = await post({ ...good, name: { en: '!!!' } });
    expect([noLetters.status, noLetters.json.code]).toEqual([422, 'BUSINESS_NAME_INVALID']);
    const notRegistrar = await n.http.post<Problem>(
      '/v1/registrars/aneurin-bevan/business-applications',
      good,
    );
    expect([notRegistrar.status, notRegistrar.json.code]).toEqual([
      422,
      'BUSINESS_REGISTRAR_UNKNOWN',
    ]);
    const unknown = await n.http.get<Problem>(`${BASE}/${'A'.repeat(32)}`);
    expect([unknown.status, unknown.json.code]).toEqual([404, 'BUSINESS_SESSION_UNKNOWN']);
    const noApp = await n.http.get<Problem>(`/v1/business-applications/${'0'.repeat(64)}`);
    expect([noApp.status, noApp.json.code]).toEqual([404, 'BUSINESS_APPLICATION_UNKNOWN']);
  });
});
