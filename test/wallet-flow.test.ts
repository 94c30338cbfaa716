// The wallet library against a real node over HTTP: a credential received over OID4VCI with the
// PIN, a consent screen that lists exactly the claims asked for (in English and Welsh), the
// presentation the verifier accepts, a tampered request refused, a consent granted and withdrawn
// with receipts, "who used my data", and a restored backup presenting on a second device.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURPOSES, VCT } from '../src/identity/types.js';
import type { PresentationRequest } from '../src/wallet/index.js';
import { MemoryStorage, publicJwkOfDid, Wallet } from '../src/wallet/index.js';
import { recordingFetch, value } from './identity-helpers.js';
import type { TestNode } from './helpers.js';
import { GWENT_BODIES, startTestNode, stopTestNode } from './helpers.js';

// Low scrypt cost keeps the file fast; production uses DEFAULT_SCRYPT.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const body = (slug: string) => {
  const b = GWENT_BODIES.find((x) => x.slug === slug);
  if (!b) throw new Error(`no demo body ${slug}`);
  return b;
};
const NEWPORT = body('newport');
const TORFAEN = body('torfaen');
const HEALTH = body('aneurin-bevan');

const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};

const AGE_AND_AREA = {
  credentials: [
    {
      id: 'resident',
      format: 'dc+sd-jwt',
      meta: { vct_values: [VCT.gwentResident] },
      claims: [{ path: ['age_over_18'] }, { path: ['local_authority'] }],
    },
  ],
};
const PARKING = {
  code: 'parking-permit',
  en: 'Resident parking permit',
  cy: 'Trwydded barcio preswylwyr',
};

let n: TestNode;
let staff: Record<string, string>;

beforeAll(async () => {
  n = await startTestNode();
  staff = { authorization: `Bearer ${n.identity.ctx.staffToken}` };
});
afterAll(async () => stopTestNode(n));

async function offer() {
  const r = await n.http.post<{ offerId: string; offerUri: string; txCode: string }>(
    '/v1/issuers/newport/offers',
    { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
    staff,
  );
  expect(r.status, r.text).toBe(201);
  return r.json;
}

async function ask(slug: string, dcql: object = AGE_AND_AREA) {
  const r = await n.http.post<{ requestId: string; requestUri: string }>(
    `/v1/verifiers/${slug}/requests`,
    { dcql_query: dcql, purpose: PARKING },
    staff,
  );
  expect(r.status, r.text).toBe(201);
  return r.json;
}

async function outcome(slug: string, requestId: string) {
  const r = await n.http.get<{
    status: string;
    code?: string;
    credentials?: Record<string, { claims: Record<string, unknown>; issuer: string }>;
  }>(`/v1/verifiers/${slug}/requests/${requestId}`, staff);
  return r.json;
}

describe('wallet flows against a node', () => {
  let wallet: Wallet;
  let offerId: string;

  it('receives a resident credential from Newport over OID4VCI, with the PIN', async () => {
    wallet = value(
      await Wallet.create({ storage: new MemoryStorage(), passphrase: '1357', kdf: FAST }),
    );
    const o = await offer();
    offerId = o.offerId;

    // Without the PIN the wallet says so before anything is sent.
    const net = recordingFetch();
    const noPin = await wallet.receiveOffer(o.offerUri, { fetch: net.fetch });
    expect(noPin.ok ? 'OK' : noPin.code).toBe('TX_CODE_REQUIRED');
    expect(net.calls).toEqual([]);

    const record = value(await wallet.receiveOffer(o.offerUri, { txCode: o.txCode }));
    expect(record.issuer).toBe(NEWPORT.did);
    expect(record.vct).toBe(VCT.gwentResident);
    expect(record.typeName).toEqual({ en: 'Gwent resident', cy: 'Preswylydd Gwent' });
    expect(record.issuerName).toEqual(NEWPORT.name);
    expect(record.credentialIssuer).toBe(`${n.url}/issuers/newport`);
    // Bound to the pairwise key toward that issuer, and to nothing else.
    const pseudonym = wallet.pseudonyms().find((p) => p.service === record.credentialIssuer);
    expect(pseudonym?.did).toBe(record.holderDid);
    const payload = decodeJwt(record.sdJwt.split('~')[0] ?? '') as { cnf: { jwk: object } };
    expect(payload.cnf.jwk).toEqual(publicJwkOfDid(record.holderDid));
    expect(await wallet.credentials()).toEqual([record]);

    const st = await n.http.get<{ status: string }>(`/v1/issuers/newport/offers/${offerId}`, staff);
    expect(st.json.status).toBe('redeemed');
  });

  it('a wrong PIN is TOKEN_REFUSED, carrying the OAuth error', async () => {
    const o = await offer();
    const r = await wallet.receiveOffer(o.offerUri, {
      txCode: o.txCode === '0000' ? '1111' : '0000',
    });
    expect(r.ok ? 'OK' : r.code).toBe('TOKEN_REFUSED');
    expect(r.ok ? '' : r.detail).toMatch(/^invalid_grant/);
    expect(await wallet.credentials()).toHaveLength(1);
  });

  it('shows exactly the claims asked for, labelled in English and Welsh; the verifier gets only those', async () => {
    const req = await ask('torfaen');
    const request = value(await wallet.openRequest(req.requestUri));
    expect(request.verifierDid).toBe(TORFAEN.did);
    expect(request.verifierName).toEqual(TORFAEN.name);
    expect(request.purpose).toEqual(PARKING);
    expect(request.canBeSatisfied).toBe(true);
    expect(request.credentials).toHaveLength(1);
    const [query] = request.credentials;
    expect(query?.id).toBe('resident');
    expect(query?.options.map((o) => o.credentialId)).toEqual(
      (await wallet.credentials()).map((c) => c.id),
    );
    expect(query?.claims).toEqual([
      { path: ['age_over_18'], label: { en: 'Over 18', cy: 'Dros 18 oed' }, value: true },
      {
        path: ['local_authority'],
        label: { en: 'Local authority', cy: 'Awdurdod lleol' },
        value: 'W06000022',
      },
    ]);

    expect(value(await wallet.respond(request)).status).toBe('accepted');
    const result = await outcome('torfaen', req.requestId);
    expect(result.status).toBe('verified');
    expect(result.credentials?.resident?.issuer).toBe(NEWPORT.did);
    expect(result.credentials?.resident?.claims).toEqual({
      age_over_18: true,
      local_authority: 'W06000022',
    });

    // The verifier's nonce answers once; its refusal code comes back as is.
    const again = await wallet.respond(request);
    expect(again.ok ? 'OK' : again.code).toBe('PRESENTATION_REPLAYED');
  });

  it('decline sends nothing, and the declined request cannot be answered', async () => {
    const req = await ask('torfaen');
    const net = recordingFetch();
    const request = value(await wallet.openRequest(req.requestUri, { fetch: net.fetch }));
    const seen = net.calls.length;
    wallet.decline(request);
    const r = await wallet.respond(request, { fetch: net.fetch });
    expect(r.ok ? 'OK' : r.code).toBe('REQUEST_NOT_OPENED');
    expect(net.calls).toHaveLength(seen);
    expect((await outcome('torfaen', req.requestId)).status).toBe('pending');
  });

  it('a request object with one signature byte changed is REQUEST_SIGNATURE_INVALID', async () => {
    const req = await ask('torfaen');
    const requestUri = new URL(req.requestUri).searchParams.get('request_uri') ?? '';
    const tamper = recordingFetch((url, text) => {
      if (url !== requestUri) return text;
      const at = text.lastIndexOf('.') + 10;
      const flipped = text[at] === 'A' ? 'B' : 'A';
      return text.slice(0, at) + flipped + text.slice(at + 1);
    });
    const r = await wallet.openRequest(req.requestUri, { fetch: tamper.fetch });
    expect(r.ok ? 'OK' : r.code).toBe('REQUEST_SIGNATURE_INVALID');

    // A link whose client_id names another body than the key that signed: refused too.
    const link = new URL(req.requestUri);
    link.searchParams.set('client_id', `decentralized_identifier:${NEWPORT.did}`);
    const other = await wallet.openRequest(link.toString());
    expect(other.ok ? 'OK' : other.code).toBe('REQUEST_SIGNATURE_INVALID');
  });

  it('a request for a credential the wallet lacks cannot be satisfied, and sends nothing', async () => {
    const patient = {
      credentials: [
        {
          id: 'patient',
          format: 'dc+sd-jwt',
          meta: { vct_values: [VCT.patient] },
          claims: [{ path: ['nhs_number'] }],
        },
      ],
    };
    const req = await ask('aneurin-bevan', patient);
    const request = value(await wallet.openRequest(req.requestUri));
    expect(request.verifierName).toEqual(HEALTH.name);
    expect(request.canBeSatisfied).toBe(false);
    expect(request.credentials[0]?.satisfiable).toBe(false);
    const r = await wallet.respond(request);
    expect(r.ok ? 'OK' : r.code).toBe('REQUEST_CANNOT_BE_SATISFIED');
    expect((await outcome('aneurin-bevan', req.requestId)).status).toBe('pending');
  });

  let consentId: string;

  it('grants and withdraws a consent on the ledger, keeping both receipts', async () => {
    const granted = value(
      await wallet.grantConsent(n.url, {
        holder: NEWPORT.did,
        requester: HEALTH.did,
        purpose: { code: 'housing-application', ...PURPOSES['housing-application'] },
        categories: ['housing'],
        lawfulBasis: 'consent',
        expiresMs: Date.now() + 30 * 86_400_000,
        geo: { area: 'W06000022' },
      }),
    );
    consentId = granted.txId;
    expect(granted.receipt).toMatchObject({ kind: 'cadwyn-receipt', txId: consentId });
    const consent = await n.http.get<{ subject: string; withdrawnMs?: number }>(
      `/v1/consents/${consentId}`,
    );
    // Sent by the pseudonym toward the holder, not by the one the credential is bound to.
    expect(consent.json.subject).toBe(await wallet.didFor(NEWPORT.did));
    expect(consent.json.withdrawnMs).toBeUndefined();

    const withdrawn = value(
      await wallet.withdrawConsent(n.url, { consentId, holder: NEWPORT.did }),
    );
    expect(withdrawn.receipt).toMatchObject({ kind: 'cadwyn-receipt', txId: withdrawn.txId });
    const after = await n.http.get<{ withdrawnMs?: number }>(`/v1/consents/${consentId}`);
    expect(after.json.withdrawnMs).toEqual(expect.any(Number));
    expect((await wallet.receipts()).map((r) => r.txId).sort()).toEqual(
      [consentId, withdrawn.txId].sort(),
    );

    // A refusal from the ledger comes back with its own code.
    const twice = await wallet.withdrawConsent(n.url, { consentId, holder: NEWPORT.did });
    expect(twice.ok ? 'OK' : twice.code).toBe('CONSENT_ALREADY_WITHDRAWN');
  });

  it('"who used my data" lists the consent, as JSON (kept) and as CSV', async () => {
    const history = value(await wallet.fetchHistory(n.url));
    const entry = history.consents.find((c) => c.id === consentId);
    expect(entry).toMatchObject({
      holder: NEWPORT.did,
      requester: HEALTH.did,
      categories: ['housing'],
      requesterName: HEALTH.name,
    });
    expect(entry?.withdrawnMs).toEqual(expect.any(Number));
    expect(history.subjects).toEqual(expect.arrayContaining(wallet.pseudonyms().map((p) => p.did)));
    expect(await wallet.history()).toEqual(history);

    const csv = value(await wallet.fetchHistory(n.url, { format: 'csv' }));
    expect(csv.split('\r\n')[0]).toMatch(/^kind,time,pseudonym/);
    expect(csv).toContain(consentId);
  });

  it('a backup restored on a second device presents again', async () => {
    const backup = await wallet.exportBackup('second device, same person', FAST);
    const phone = value(
      await Wallet.restore({
        storage: new MemoryStorage(),
        backup,
        passphrase: 'second device, same person',
        kdf: FAST,
      }),
    );
    expect(await phone.credentials()).toEqual(await wallet.credentials());
    expect(phone.pseudonyms()).toEqual(wallet.pseudonyms());

    const req = await ask('newport');
    const request: PresentationRequest = value(await phone.openRequest(req.requestUri));
    expect(request.verifierName).toEqual(NEWPORT.name);
    expect(value(await phone.respond(request)).status).toBe('accepted');
    const result = await outcome('newport', req.requestId);
    expect(result.status).toBe('verified');
    expect(Object.keys(result.credentials?.resident?.claims ?? {}).sort()).toEqual([
      'age_over_18',
      'local_authority',
    ]);
  });

  it('once Newport revokes the credential, the verifier’s CREDENTIAL_REVOKED comes back', async () => {
    const st = await n.http.get<{ credentialId: string }>(
      `/v1/issuers/newport/offers/${offerId}`,
      staff,
    );
    const revoked = await n.http.post(
      `/v1/issuers/newport/credentials/${st.json.credentialId}/status`,
      { status: 'revoked' },
      staff,
    );
    expect(revoked.status).toBe(200);
    const req = await ask('torfaen');
    const request = value(await wallet.openRequest(req.requestUri));
    const r = await wallet.respond(request);
    expect(r.ok ? 'OK' : r.code).toBe('CREDENTIAL_REVOKED');
    expect((await outcome('torfaen', req.requestId)).code).toBe('CREDENTIAL_REVOKED');
  });
});
