// Interop: a standard wallet can use the node's OID4VCI issuer and OID4VP verifier. Our
// services are written by hand (Fastify + @sd-jwt/*); here the other side is the OpenWallet
// Foundation's `@openid4vc/*` clients, and the credential is checked by an independent SD-JWT VC
// implementation (`@meeco/sd-jwt-vc`) against the key in the body's DID document. The crypto
// callbacks those libraries need are written here with `jose` and node:crypto.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Meeco from '@meeco/sd-jwt-vc';
import { Oauth2ClientErrorResponseError, clientAuthenticationAnonymous } from '@openid4vc/oauth2';
import type { CallbackContext, Jwk, JwtSigner } from '@openid4vc/oauth2';
import {
  Openid4vciClient,
  Openid4vciRetrieveCredentialsError,
  Openid4vciVersion,
} from '@openid4vc/openid4vci';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { setGlobalConfig } from '@openid4vc/utils';
import {
  SignJWT,
  base64url,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';

const ISSUER_DID = 'did:web:newport.gwent.example';
const VCT_RESIDENT = 'urn:cadwyn:vct:gwent-resident:1';
const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};

// @meeco/sd-jwt-vc 0.0.6's ESM build cannot load under Node (dist/node/esm/util.js imports
// './errors' with no extension); its CommonJS build is the same code and loads.
const { Verifier } = createRequire(import.meta.url)('@meeco/sd-jwt-vc') as typeof Meeco;

let n: TestNode;
let staff: Record<string, string>;

beforeAll(async () => {
  // The node listens on plain http://127.0.0.1 in tests; the OWF libraries insist on https
  // unless told otherwise.
  setGlobalConfig({ allowInsecureUrls: true });
  n = await startTestNode();
  staff = { authorization: `Bearer ${n.identity.ctx.staffToken}` };
});
afterAll(async () => {
  setGlobalConfig({ allowInsecureUrls: false });
  await stopTestNode(n);
});

// ---- what the OWF libraries need from the host: hashing, randomness, JWS ------------------------

interface HolderKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: Jwk;
}

async function newHolderKey(): Promise<HolderKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { privateKey, publicJwk: { kty: kty ?? 'EC', crv, x, y } };
}

const sha256 = (data: Uint8Array | string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(data).digest());

// HashAlgorithm values are 'sha-256', 'sha-384', 'sha-512'; node:crypto spells them 'sha256'…
const hash: CallbackContext['hash'] = (data, alg) =>
  new Uint8Array(createHash(alg.replace('-', '')).update(data).digest());

/** Signs whatever the library asks for with the one holder key it was given. */
function signJwtWith(holder: HolderKey): CallbackContext['signJwt'] {
  return async (signer: JwtSigner, { header, payload }) => {
    if (signer.method !== 'jwk') throw new Error(`unexpected signer method ${signer.method}`);
    const jwt = await new SignJWT(payload)
      .setProtectedHeader({ ...header, alg: signer.alg })
      .sign(holder.privateKey);
    return { jwt, signerJwk: signer.publicJwk };
  };
}

/** A DID resolver for `did:web` member bodies: the node's own `/v1/dids/{did}`. */
async function resolveDid(did: string): Promise<DidDocument> {
  const res = await fetch(`${n.url}/v1/dids/${encodeURIComponent(did)}`);
  expect(res.status, `resolving ${did}`).toBe(200);
  return (await res.json()) as DidDocument;
}

interface DidDocument {
  id: string;
  verificationMethod: { id: string; type: string; controller: string; publicKeyJwk: JWK }[];
  assertionMethod: string[];
  authentication: string[];
}

/** Verifies a JWS whose signer is a DID URL (the verifier's request object). */
const verifyJwt: CallbackContext['verifyJwt'] = async (signer, { compact }) => {
  if (signer.method !== 'did') return { verified: false };
  const [did] = signer.didUrl.split('#');
  const doc = await resolveDid(did ?? '');
  const vm = doc.verificationMethod.find((m) => m.id === signer.didUrl);
  if (!vm || !doc.authentication.includes(vm.id)) return { verified: false };
  try {
    await jwtVerify(compact, await importJWK(vm.publicKeyJwk, signer.alg), {
      algorithms: ['EdDSA', 'ES256'],
    });
    return { verified: true, signerJwk: vm.publicKeyJwk as Jwk };
  } catch {
    return { verified: false, signerJwk: vm.publicKeyJwk as Jwk };
  }
};

const noJwe = () => {
  throw new Error('no JWE in this flow');
};

// ---- SD-JWT helpers written from the spec (RFC 9901), for the independent checks ----------------

interface Disclosure {
  readonly disclosure: string;
  readonly key: string;
  readonly value: unknown;
}

function disclosuresOf(sdJwt: string): Disclosure[] {
  return sdJwt
    .split('~')
    .slice(1)
    .filter((d) => d.length > 0 && !d.includes('.'))
    .map((disclosure) => {
      const arr = JSON.parse(new TextDecoder().decode(base64url.decode(disclosure))) as unknown[];
      return { disclosure, key: String(arr[1]), value: arr[2] };
    });
}

const digest = (disclosure: string) => base64url.encode(sha256(disclosure));

/** Every `_sd` digest anywhere in a (decoded) JSON value. */
function sdDigests(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) sdDigests(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === '_sd' && Array.isArray(x)) for (const d of x) out.add(String(d));
      else sdDigests(x, out);
    }
  }
  return out;
}

/** The issuer's JWK for a credential, taken from the DID document its `kid` names. */
async function issuerKeyFromDidDocument(sdJwt: string): Promise<{ jwk: JWK; kid: string }> {
  const header = decodeProtectedHeader(sdJwt.split('~')[0] ?? '');
  const kid = String(header.kid);
  expect(kid.startsWith(`${ISSUER_DID}#`)).toBe(true);
  const doc = await resolveDid(ISSUER_DID);
  expect(doc.id).toBe(ISSUER_DID);
  const vm = doc.verificationMethod.find((m) => m.id === kid);
  expect(vm, `${kid} in the DID document`).toBeDefined();
  expect(doc.assertionMethod).toContain(kid);
  return { jwk: vm?.publicKeyJwk ?? {}, kid };
}

const vciClient = (holder: HolderKey) =>
  new Openid4vciClient({
    callbacks: {
      fetch,
      hash,
      generateRandom: (size) => new Uint8Array(randomBytes(size)),
      signJwt: signJwtWith(holder),
      clientAuthentication: clientAuthenticationAnonymous(),
    },
  });

/** RFC 6749 §5.2 / OID4VCI 1.0 §8.3.1.2: the characters an `error_description` may use. */
const ERROR_DESCRIPTION = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

// ---- the staff side (as identity-node.test.ts does it) ------------------------------------------

async function staffOffer() {
  const r = await n.http.post<{ offerId: string; offerUri: string; txCode: string }>(
    '/v1/issuers/newport/offers',
    { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
    staff,
  );
  expect(r.status, r.text).toBe(201);
  return r.json;
}

const AGE_AND_AREA = {
  credentials: [
    {
      id: 'resident',
      format: 'dc+sd-jwt',
      meta: { vct_values: [VCT_RESIDENT] },
      claims: [{ path: ['age_over_18'] }, { path: ['local_authority'] }],
    },
  ],
};

// ---- the tests ----------------------------------------------------------------------------------

describe('a standard OID4VCI / OID4VP wallet against the node', () => {
  let holder: HolderKey;
  let credential: string;

  it('issues an SD-JWT VC to the OWF Openid4vciClient (pre-authorised code + tx_code)', async () => {
    holder = await newHolderKey();
    const client = vciClient(holder);
    const o = await staffOffer();

    const offer = await client.resolveCredentialOffer(o.offerUri);
    expect(offer.credential_issuer).toBe(`${n.url}/issuers/newport`);
    expect(offer.credential_configuration_ids).toEqual(['gwent-resident']);

    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
    expect(issuerMetadata.originalDraftVersion).toBe(Openid4vciVersion.V1);
    const config = issuerMetadata.credentialIssuer.credential_configurations_supported[
      'gwent-resident'
    ] as { format?: string; vct?: string } | undefined;
    expect(config?.format).toBe('dc+sd-jwt');
    expect(config?.vct).toBe(VCT_RESIDENT);
    // The library found nothing wrong with the configuration's format-specific metadata.
    expect(Object.keys(issuerMetadata.knownCredentialConfigurations)).toContain('gwent-resident');
    expect(issuerMetadata.authorizationServers[0]?.token_endpoint).toBe(
      `${n.url}/issuers/newport/token`,
    );

    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata,
      txCode: o.txCode,
    });
    expect(accessTokenResponse.token_type).toBe('Bearer');

    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const { jwt: proof } = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: 'gwent-resident',
      signer: { method: 'jwk', alg: 'ES256', publicJwk: holder.publicJwk },
      nonce: c_nonce,
    });
    expect(decodeProtectedHeader(proof).typ).toBe('openid4vci-proof+jwt');

    const { credentialResponse } = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: 'gwent-resident',
      proofs: { jwt: [proof] },
    });
    const first = credentialResponse.credentials?.[0] as { credential?: unknown } | undefined;
    expect(typeof first?.credential).toBe('string');
    credential = String(first?.credential);
    expect(credential.endsWith('~')).toBe(true);

    const st = await n.http.get<{ status: string }>(
      `/v1/issuers/newport/offers/${o.offerId}`,
      staff,
    );
    expect(st.json.status).toBe('redeemed');
  });

  it('the credential verifies with @meeco/sd-jwt-vc against the key in the DID document', async () => {
    const { jwk, kid } = await issuerKeyFromDidDocument(credential);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    const issuerKey = await importJWK(jwk, 'EdDSA');
    const header = decodeProtectedHeader(credential.split('~')[0] ?? '');
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'dc+sd-jwt', kid });

    const claims = await new Verifier().verifyVCSDJWT(
      credential,
      async (jwt) => {
        const { payload } = await jwtVerify(jwt, issuerKey, {
          algorithms: ['EdDSA'],
          typ: 'dc+sd-jwt',
          issuer: ISSUER_DID,
        });
        return payload.vct === VCT_RESIDENT;
      },
      (data) => base64url.encode(sha256(data)),
    );
    expect(claims).toMatchObject({
      iss: ISSUER_DID,
      vct: VCT_RESIDENT,
      cnf: { jwk: holder.publicJwk },
      ...RESIDENT,
      local_authority: 'W06000022',
      age_over_16: true,
      age_over_18: true,
    });
    expect(typeof claims.exp).toBe('number');
    expect(claims).toHaveProperty('status.status_list.uri');

    // The same by hand (RFC 9901 §7.1): every disclosure's SHA-256 is an `_sd` digest of the
    // payload or of another disclosure, and no personal value is visible without one.
    const payload = decodeJwt(credential.split('~')[0] ?? '');
    expect(payload._sd_alg).toBe('sha-256');
    const disclosures = disclosuresOf(credential);
    const digests = sdDigests([payload, ...disclosures.map((d) => d.value)]);
    for (const d of disclosures) expect(digests.has(digest(d.disclosure)), d.key).toBe(true);
    expect(disclosures.map((d) => d.key).sort()).toEqual(
      [
        'address',
        'age_over_16',
        'age_over_18',
        'birthdate',
        'family_name',
        'given_name',
        'local_authority',
        'locality',
        'postal_code',
        'street_address',
      ].sort(),
    );
    expect(JSON.stringify(payload)).not.toContain('Angharad');
  });

  it('presents exactly two claims through the OWF Openid4vpClient (DID-signed request, direct_post)', async () => {
    const req = await n.http.post<{ requestId: string; requestUri: string }>(
      '/v1/verifiers/newport/requests',
      {
        dcql_query: AGE_AND_AREA,
        purpose: { code: 'parking-permit', en: 'Resident parking permit', cy: 'Trwydded barcio' },
      },
      staff,
    );
    expect(req.status, req.text).toBe(201);
    expect(req.json.requestUri).toMatch(/^openid4vp:\/\/\?/);

    // The request object as served. OID4VP 1.0 §5: `iss` is optional there and the Wallet MUST
    // ignore it — but the OWF wallet does not: with a DID-URL `kid` it refuses any `iss` the kid
    // does not start with (such as the prefixed client_id). Say so before the library does.
    const requestUri = new URL(req.json.requestUri).searchParams.get('request_uri') ?? '';
    const served = await fetch(requestUri);
    expect(served.headers.get('content-type')).toMatch(/^application\/oauth-authz-req\+jwt\b/);
    const requestObject = await served.text();
    const { kid, typ } = decodeProtectedHeader(requestObject);
    expect(typ).toBe('oauth-authz-req+jwt');
    const { iss } = decodeJwt(requestObject);
    if (iss !== undefined) {
      expect(String(kid).startsWith(iss), `request object iss ${iss} vs kid ${kid}`).toBe(true);
    }

    const wallet = new Openid4vpClient({
      callbacks: {
        fetch,
        hash,
        verifyJwt,
        signJwt: signJwtWith(holder),
        encryptJwe: noJwe,
        decryptJwe: noJwe,
      },
    });
    const parsed = wallet.parseOpenid4vpAuthorizationRequest({
      authorizationRequest: req.json.requestUri,
    });
    expect(parsed.type).toBe('jar');
    const resolved = await wallet.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: parsed.params,
    });
    expect(resolved.client.prefix).toBe('decentralized_identifier');
    expect(resolved.client.identifier).toBe(ISSUER_DID);
    expect(resolved.jar?.signer).toMatchObject({ method: 'did', didUrl: `${ISSUER_DID}#key-1` });
    expect(resolved.version).toBe(100);
    const request = resolved.authorizationRequestPayload as {
      client_id: string;
      nonce: string;
      response_mode: string;
      response_uri: string;
    };
    expect(request.client_id).toBe(`decentralized_identifier:${ISSUER_DID}`);
    expect(request.response_mode).toBe('direct_post');
    expect(request.response_uri).toBe(`${n.url}/verifiers/newport/responses`);
    const query = resolved.dcql?.query as typeof AGE_AND_AREA | undefined;
    expect(query).toEqual(AGE_AND_AREA);

    // The wallet's own part: pick the disclosures the query asks for, then bind the
    // presentation to this request with a KB-JWT (RFC 9901 §4.3, OID4VP 1.0 B.3.6).
    const wanted = new Set((query?.credentials[0]?.claims ?? []).map((c) => String(c.path[0])));
    const chosen = disclosuresOf(credential).filter((d) => wanted.has(d.key));
    expect(chosen).toHaveLength(2);
    const sdJwt = `${credential.split('~')[0]}~${chosen.map((d) => `${d.disclosure}~`).join('')}`;
    const kbJwt = await new SignJWT({
      aud: request.client_id,
      nonce: request.nonce,
      sd_hash: base64url.encode(sha256(sdJwt)),
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt' })
      .setIssuedAt()
      .sign(holder.privateKey);
    const presentation = sdJwt + kbJwt;

    // Sanity check with the independent implementation before sending it.
    const { jwk } = await issuerKeyFromDidDocument(credential);
    const seen = await new Verifier().verifyVCSDJWT(
      presentation,
      async (jwt) => Boolean(await jwtVerify(jwt, await importJWK(jwk, 'EdDSA'))),
      (data) => base64url.encode(sha256(data)),
      async (kb, holderJwk) => {
        const { payload } = await jwtVerify(kb, await importJWK(holderJwk as JWK, 'ES256'), {
          typ: 'kb+jwt',
          audience: request.client_id,
        });
        return payload.nonce === request.nonce && payload.sd_hash === digest(sdJwt);
      },
    );
    expect(seen).toMatchObject({ age_over_18: true, local_authority: 'W06000022' });
    expect(seen).not.toHaveProperty('given_name');

    const { authorizationResponsePayload } = await wallet.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: resolved.authorizationRequestPayload,
      authorizationResponsePayload: { vp_token: { resident: [presentation] } },
    });
    const submitted = await wallet.submitOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: { response_uri: request.response_uri },
      authorizationResponsePayload,
    });
    expect(submitted.responseMode).toBe('direct_post');
    expect(submitted.response.status, await submitted.response.clone().text()).toBe(200);
    // OID4VP 1.0 §8.2: the response endpoint answers 200 with a JSON body.
    expect(submitted.response.headers.get('content-type')).toMatch(/^application\/json\b/);

    const result = await n.http.get<{
      status: string;
      code?: string;
      credentials?: Record<string, { vct: string; issuer: string; claims: unknown }>;
    }>(`/v1/verifiers/newport/requests/${req.json.requestId}`, staff);
    expect(result.json.status, JSON.stringify(result.json)).toBe('verified');
    expect(result.json.credentials?.resident).toMatchObject({
      vct: VCT_RESIDENT,
      issuer: ISSUER_DID,
    });
    expect(result.json.credentials?.resident?.claims).toEqual({
      age_over_18: true,
      local_authority: 'W06000022',
    });
  });

  it('OAuth and credential errors reach the OWF client in their standard shape', async () => {
    const key = await newHolderKey();
    const client = vciClient(key);
    const o = await staffOffer();
    const offer = await client.resolveCredentialOffer(o.offerUri);
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);

    // A wrong PIN: RFC 6749 §5.2 error, application/json.
    const wrongPin = await client
      .retrievePreAuthorizedCodeAccessTokenFromOffer({
        credentialOffer: offer,
        issuerMetadata,
        txCode: o.txCode === '0000' ? '1111' : '0000',
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(wrongPin).toBeInstanceOf(Oauth2ClientErrorResponseError);
    const tokenError = wrongPin as Oauth2ClientErrorResponseError;
    expect(tokenError.errorResponse.error).toBe('invalid_grant');
    expect(tokenError.errorResponse.error_description ?? '').toMatch(ERROR_DESCRIPTION);
    expect(tokenError.response.headers.get('content-type')).toMatch(/^application\/json\b/);

    // The right PIN still works (the offer survives one mistake).
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata,
      txCode: o.txCode,
    });

    // A proof over a nonce the issuer never gave: OID4VCI 1.0 §8.3.1.2 `invalid_nonce`, as
    // application/json, so the wallet knows to fetch a fresh c_nonce and try again.
    const stale = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: 'gwent-resident',
      signer: { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk },
      nonce: 'not-a-nonce-this-issuer-gave',
    });
    const refused = await client
      .retrieveCredentials({
        issuerMetadata,
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId: 'gwent-resident',
        proofs: { jwt: [stale.jwt] },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(Openid4vciRetrieveCredentialsError);
    const notOk = (refused as Openid4vciRetrieveCredentialsError).response;
    expect(notOk.response.status).toBe(400);
    expect(notOk.response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(notOk.credentialErrorResponseResult?.data?.error).toBe('invalid_nonce');
    expect(notOk.credentialErrorResponseResult?.data?.error_description ?? '').toMatch(
      ERROR_DESCRIPTION,
    );

    // …and the same access token, with a fresh c_nonce, then gets the credential.
    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const fresh = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: 'gwent-resident',
      signer: { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk },
      nonce: c_nonce,
    });
    const retried = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: 'gwent-resident',
      proofs: { jwt: [fresh.jwt] },
    });
    expect(retried.credentialResponse.credentials).toHaveLength(1);
  });
});
