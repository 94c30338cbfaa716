// The node's identity services over real HTTP against a real node: OID4VCI issuance with a
// tx_code and proof of possession, status lists anchored on the ledger, OID4VP with a signed
// request object and DCQL, revocation and suspension, replay. The holder here is hand-made
// from the identity library (the wallet library has its own tests and the demo story).
import { p256 } from '@noble/curves/nist.js';
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, toHex, utf8 } from '../src/core/bytes.js';
import { sha256 } from '../src/core/hash.js';
import { presentCredential } from '../src/identity/present.js';
import { signerFromPrivateKey } from '../src/identity/signer.js';
import { VCT } from '../src/identity/types.js';
import type { TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';

let n: TestNode;
let staff: Record<string, string>;

beforeAll(async () => {
  n = await startTestNode();
  staff = { authorization: `Bearer ${n.identity.ctx.staffToken}` };
});
afterAll(async () => stopTestNode(n));

interface Holder {
  readonly jwk: JsonWebKey;
  readonly signer: ReturnType<typeof signerFromPrivateKey>;
  readonly privateJwk: JsonWebKey;
}

function newHolder(): Holder {
  const scalar = p256.utils.randomSecretKey();
  const signer = signerFromPrivateKey({ alg: 'ES256', bytes: scalar });
  const jwk = signer.jwk as JsonWebKey;
  return { jwk, signer, privateJwk: { ...jwk, d: toBase64Url(scalar) } };
}

const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};

async function offer(slug = 'newport', configId = 'gwent-resident', claims: object = RESIDENT) {
  const r = await n.http.post<{ offerId: string; offerUri: string; txCode: string; credentialOffer: Record<string, unknown> }>(
    `/v1/issuers/${slug}/offers`,
    { credential_configuration_id: configId, claims },
    staff,
  );
  expect(r.status, r.text).toBe(201);
  return r.json;
}

async function redeem(o: Awaited<ReturnType<typeof offer>>, holder: Holder): Promise<string> {
  const co = o.credentialOffer as {
    credential_issuer: string;
    grants: Record<string, { 'pre-authorized_code': string }>;
  };
  const issuer = co.credential_issuer;
  const meta = (await (await fetch(issuer.replace('/issuers/', '/.well-known/openid-credential-issuer/issuers/'))).json()) as {
    credential_endpoint: string;
    nonce_endpoint: string;
  };
  const code = co.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.['pre-authorized_code'] ?? '';
  const tok = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': code,
      tx_code: o.txCode,
    }),
  });
  expect(tok.status).toBe(200);
  const { access_token } = (await tok.json()) as { access_token: string };
  const { c_nonce } = (await (await fetch(meta.nonce_endpoint, { method: 'POST' })).json()) as { c_nonce: string };
  const { d: _d, ...pub } = holder.privateJwk;
  const proof = await new SignJWT({ nonce: c_nonce })
    .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: pub })
    .setAudience(issuer)
    .setIssuedAt()
    .sign(await importJWK(holder.privateJwk, 'ES256'));
  const res = await fetch(meta.credential_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify({ credential_configuration_id: 'gwent-resident', proofs: { jwt: [proof] } }),
  });
  const body = (await res.json()) as { credentials: { credential: string }[] };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.credentials[0]?.credential ?? '';
}

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

async function askAndPresent(credential: string, holder: Holder, tweak?: (p: string) => string) {
  const req = await n.http.post<{ requestId: string; requestUri: string }>(
    '/v1/verifiers/newport/requests',
    { dcql_query: AGE_AND_AREA, purpose: { code: 'parking-permit', en: 'Resident parking permit', cy: 'Trwydded barcio preswylwyr' } },
    staff,
  );
  expect(req.status, req.text).toBe(201);
  const link = new URL(req.json.requestUri);
  const requestUri = link.searchParams.get('request_uri') ?? '';
  const jwt = await (await fetch(requestUri)).text();
  const header = decodeProtectedHeader(jwt);
  expect(header.typ).toBe('oauth-authz-req+jwt');
  expect(header.kid).toBe('did:web:newport.gwent.example#key-1');
  const ro = decodeJwt(jwt) as { client_id: string; nonce: string; state: string; response_uri: string };
  let presentation = await presentCredential({
    sdJwt: credential,
    disclose: [['age_over_18'], ['local_authority']],
    aud: ro.client_id,
    nonce: ro.nonce,
    iatS: Math.floor(Date.now() / 1000),
    holderSigner: holder.signer,
  });
  if (tweak) presentation = tweak(presentation);
  const post = () =>
    fetch(ro.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ vp_token: JSON.stringify({ resident: [presentation] }), state: ro.state }),
    });
  const res = await post();
  const result = await n.http.get<{ status: string; code?: string; credentials?: Record<string, { claims: Record<string, unknown> }> }>(
    `/v1/verifiers/newport/requests/${req.json.requestId}`,
    staff,
  );
  return { res, result: result.json, post, presentation };
}

describe('identity services on a node', () => {
  let holder: Holder;
  let credential: string;
  let credentialId: string;

  it('issues a resident credential over OID4VCI with a tx_code and proof of possession', async () => {
    holder = newHolder();
    const o = await offer();
    expect(o.offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    credential = await redeem(o, holder);
    const payload = decodeJwt(credential.split('~')[0] ?? '');
    expect(payload.iss).toBe('did:web:newport.gwent.example');
    expect(payload.vct).toBe(VCT.gwentResident);
    // Every personal claim is hidden behind a disclosure.
    expect(JSON.stringify(payload)).not.toContain('Angharad');
    const st = await n.http.get<{ status: string; credentialId: string }>(`/v1/issuers/newport/offers/${o.offerId}`, staff);
    expect(st.json.status).toBe('redeemed');
    credentialId = st.json.credentialId;
  });

  it('anchors the status list on the ledger and serves the same bytes', async () => {
    const payload = decodeJwt(credential.split('~')[0] ?? '') as { status: { status_list: { uri: string } } };
    const uri = payload.status.status_list.uri;
    const token = await (await fetch(uri)).text();
    const anchor = await n.http.get<{ digest: string }>(`/v1/status-anchors?uri=${encodeURIComponent(uri)}`);
    expect(anchor.status).toBe(200);
    expect(anchor.json.digest).toBe(toHex(sha256(utf8(token))));
  });

  it('a redeemed offer cannot be redeemed again; a wrong tx_code is refused in OAuth shape', async () => {
    const o = await offer();
    const code = Object.values(o.credentialOffer.grants as Record<string, { 'pre-authorized_code': string }>)[0]?.['pre-authorized_code'] ?? '';
    const res = await fetch(`${n.url}/issuers/newport/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
        tx_code: o.txCode === '0000' ? '1111' : '0000',
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('verifies a presentation of exactly the claims asked for', async () => {
    const { res, result } = await askAndPresent(credential, holder);
    expect(res.status).toBe(200);
    expect(result.status).toBe('verified');
    expect(result.credentials?.resident?.claims).toEqual({ age_over_18: true, local_authority: 'W06000022' });
  });

  it('refuses a replayed response', async () => {
    const { res, post } = await askAndPresent(credential, holder);
    expect(res.status).toBe(200);
    const again = await post();
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: string }).code).toBe('PRESENTATION_REPLAYED');
  });

  it('suspension, reinstatement and revocation reach the verifier through the anchored list', async () => {
    const set = (status: string) =>
      n.http.post(`/v1/issuers/newport/credentials/${credentialId}/status`, { status }, staff);
    expect((await set('suspended')).status).toBe(200);
    expect((await askAndPresent(credential, holder)).result.code).toBe('CREDENTIAL_SUSPENDED');
    expect((await set('valid')).status).toBe(200);
    expect((await askAndPresent(credential, holder)).result.status).toBe('verified');
    expect((await set('revoked')).status).toBe(200);
    expect((await askAndPresent(credential, holder)).result.code).toBe('CREDENTIAL_REVOKED');
    const back = await set('valid');
    expect(back.status).toBe(409);
    expect((back.json as { code: string }).code).toBe('CREDENTIAL_STATUS_FINAL');
  });

  it('staff endpoints need the staff token', async () => {
    const r = await n.http.post('/v1/issuers/newport/offers', { credential_configuration_id: 'gwent-resident', claims: RESIDENT });
    expect(r.status).toBe(401);
    expect((r.json as { code: string }).code).toBe('STAFF_UNAUTHORISED');
  });

  it('a council cannot offer the patient credential (not authorised on the ledger)', async () => {
    const r = await n.http.post(
      '/v1/issuers/newport/offers',
      { credential_configuration_id: 'patient', claims: { given_name: 'A', family_name: 'B' } },
      staff,
    );
    expect(r.status).toBe(403);
    expect((r.json as { code: string }).code).toBe('ISSUER_NOT_AUTHORISED');
  });
});
