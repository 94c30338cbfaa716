// Shared by the identity tests: a hand-made holder (P-256 key from the identity library), staff
// calls for offers and presentation requests, and the wallet side of OID4VCI/OID4VP done by
// hand with jose — independent of the wallet library, which has its own tests.
import { p256 } from '@noble/curves/nist.js';
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { expect } from 'vitest';
import { toBase64Url } from '../src/core/bytes.js';
import type { Result } from '../src/core/result.js';
import type { Fetch } from '../src/wallet/index.js';
import { presentCredential } from '../src/identity/present.js';
import { signerFromPrivateKey } from '../src/identity/signer.js';
import type { ClaimPath } from '../src/identity/types.js';
import { VCT } from '../src/identity/types.js';
import type { TestNode } from './helpers.js';

export const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

export const staffOf = (n: TestNode) => ({ authorization: `Bearer ${n.identity.ctx.staffToken}` });

export interface Holder {
  readonly jwk: JsonWebKey;
  readonly signer: ReturnType<typeof signerFromPrivateKey>;
  readonly privateJwk: JsonWebKey;
}

export function newHolder(): Holder {
  const scalar = p256.utils.randomSecretKey();
  const signer = signerFromPrivateKey({ alg: 'ES256', bytes: scalar });
  const jwk = signer.jwk as JsonWebKey;
  return { jwk, signer, privateJwk: { ...jwk, d: toBase64Url(scalar) } };
}

export const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};

export interface Offer {
  offerId: string;
  offerUri: string;
  /** The same offer by reference (`credential_offer_uri`): what the QR code holds. */
  offerRefUri: string;
  txCode: string;
  credentialOffer: {
    credential_issuer: string;
    credential_configuration_ids: string[];
    grants: Record<string, { 'pre-authorized_code': string }>;
  };
}

export async function offer(
  n: TestNode,
  slug = 'newport',
  configId = 'gwent-resident',
  claims: object = RESIDENT,
): Promise<Offer> {
  const r = await n.http.post<Offer>(
    `/v1/issuers/${slug}/offers`,
    { credential_configuration_id: configId, claims },
    staffOf(n),
  );
  expect(r.status, r.text).toBe(201);
  return r.json;
}

/** The wallet's side of OID4VCI, by hand: token, nonce, proof, credential. */
export async function redeem(o: Offer, holder: Holder, nowS?: number): Promise<string> {
  const issuer = o.credentialOffer.credential_issuer;
  const metaUrl = issuer.replace('/issuers/', '/.well-known/openid-credential-issuer/issuers/');
  const meta = (await (await fetch(metaUrl)).json()) as {
    credential_endpoint: string;
    nonce_endpoint: string;
  };
  const code = o.credentialOffer.grants[PRE_AUTH]?.['pre-authorized_code'] ?? '';
  const tok = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: PRE_AUTH,
      'pre-authorized_code': code,
      tx_code: o.txCode,
    }),
  });
  expect(tok.status).toBe(200);
  const { access_token } = (await tok.json()) as { access_token: string };
  const nonceRes = await fetch(meta.nonce_endpoint, { method: 'POST' });
  const { c_nonce } = (await nonceRes.json()) as { c_nonce: string };
  const { d: _d, ...pub } = holder.privateJwk;
  const proof = await new SignJWT({ nonce: c_nonce })
    .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: pub })
    .setAudience(issuer)
    .setIssuedAt(nowS ?? Math.floor(Date.now() / 1000))
    .sign(await importJWK(holder.privateJwk, 'ES256'));
  const res = await fetch(meta.credential_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify({
      credential_configuration_id: o.credentialOffer.credential_configuration_ids[0],
      proofs: { jwt: [proof] },
    }),
  });
  const body = (await res.json()) as { credentials: { credential: string }[] };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.credentials[0]?.credential ?? '';
}

export const AGE_AND_AREA = {
  credentials: [
    {
      id: 'resident',
      format: 'dc+sd-jwt',
      meta: { vct_values: [VCT.gwentResident] },
      claims: [{ path: ['age_over_18'] }, { path: ['local_authority'] }],
    },
  ],
};

export const PARKING = {
  code: 'parking-permit',
  en: 'Resident parking permit',
  cy: 'Trwydded barcio preswylwyr',
};

export interface RequestObject {
  client_id: string;
  nonce: string;
  state: string;
  response_uri: string;
}

export interface PresentOutcome {
  readonly res: Response;
  readonly result: {
    status: string;
    code?: string;
    credentials?: Record<string, { claims: Record<string, unknown> }>;
  };
  readonly post: () => Promise<Response>;
  readonly presentation: string;
  readonly ro: RequestObject;
}

/**
 * Staff ask for age and area; the holder answers (optionally tampering with the presentation
 * or the KB-JWT's aud/nonce); returns the verifier's answer and the staff-side result.
 */
export async function askAndPresent(
  n: TestNode,
  credential: string,
  holder: Holder,
  o: {
    tweak?: (p: string) => string;
    aud?: string;
    nonce?: string;
    iatS?: number;
    disclose?: ClaimPath[];
  } = {},
): Promise<PresentOutcome> {
  const req = await n.http.post<{ requestId: string; requestUri: string }>(
    '/v1/verifiers/newport/requests',
    { dcql_query: AGE_AND_AREA, purpose: PARKING },
    staffOf(n),
  );
  expect(req.status, req.text).toBe(201);
  const link = new URL(req.json.requestUri);
  const requestUri = link.searchParams.get('request_uri') ?? '';
  const jwt = await (await fetch(requestUri)).text();
  const header = decodeProtectedHeader(jwt);
  expect(header.typ).toBe('oauth-authz-req+jwt');
  const ro = decodeJwt(jwt) as unknown as RequestObject;
  let presentation = await presentCredential({
    sdJwt: credential,
    disclose: o.disclose ?? [['age_over_18'], ['local_authority']],
    aud: o.aud ?? ro.client_id,
    nonce: o.nonce ?? ro.nonce,
    iatS: o.iatS ?? Math.floor(Date.now() / 1000),
    holderSigner: holder.signer,
  });
  if (o.tweak) presentation = o.tweak(presentation);
  const post = () =>
    fetch(ro.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        vp_token: JSON.stringify({ resident: [presentation] }),
        state: ro.state,
      }),
    });
  const res = await post();
  const result = await n.http.get<PresentOutcome['result']>(
    `/v1/verifiers/newport/requests/${req.json.requestId}`,
    staffOf(n),
  );
  return { res, result: result.json, post, presentation, ro };
}

/** The value of an ok result; a failed one fails the test with its code. */
export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

/** A fetch that records the URLs it was asked for and may rewrite answers (the test's network). */
export function recordingFetch(rewrite?: (url: string, text: string) => string): {
  fetch: Fetch;
  calls: string[];
} {
  const calls: string[] = [];
  const f: Fetch = async (url, init) => {
    calls.push(url);
    const res = await fetch(url, init);
    if (!rewrite) return res;
    const text = rewrite(url, await res.text());
    return new Response(text, { status: res.status, headers: res.headers });
  };
  return { fetch: f, calls };
}
