// Our credentials and presentations, checked by code that is not ours: @meeco/sd-jwt-vc (an
// independent SD-JWT VC implementation) with jose and node:crypto underneath, jose alone with the
// digests recomputed by hand, and the @sd-jwt/sd-jwt-vc verifier itself.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Verifier as MeecoVerifier } from '@meeco/sd-jwt-vc';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8 } from '../core/bytes.js';
import { issueCredential } from './credential.js';
import { presentCredential } from './present.js';
import { sdHasher } from './sd-jwt.js';
import { verifyJws } from './signer.js';
import { createStatusListToken } from './status-list.js';
import { MemoryTrust, testKey } from './testkit.js';
import { VCT } from './types.js';
import { verifyPresentation } from './verify.js';

const ISSUER = 'did:web:caerphilly.gwent.example';
const LIST = 'https://caerphilly.gwent.example/status/caerphilly/1';
const IAT = 1_760_000_000;
const NOW = IAT + 600;
const AUD = 'decentralized_identifier:did:web:newport.gwent.example';
const NONCE = 'interop-nonce-1';
const CLAIMS = {
  given_name: 'Dafydd',
  family_name: 'ap Gwilym',
  birthdate: '1990-11-30',
  address: { street_address: '3 Heol y Castell', locality: 'Caerffili', postal_code: 'CF83 1JD' },
  local_authority: 'W06000018',
  age_over_16: true,
  age_over_18: true,
};

// The package's ESM build imports './errors' without an extension, which Node refuses; its
// CommonJS build is the same code.
const { Verifier } = createRequire(import.meta.url)('@meeco/sd-jwt-vc') as {
  Verifier: typeof MeecoVerifier;
};

const issuer = testKey('caerphilly key-1', 'Ed25519', `${ISSUER}#key-1`);
const holder = testKey('citizen toward caerphilly', 'ES256');

let credential: string;
let presentation: string;
let statusList: string;

// Independent primitives: node:crypto for hashing, jose for JWS.
const nodeDigest = (s: string) => createHash('sha256').update(s).digest('base64url');
const at = new Date(NOW * 1000);

beforeAll(async () => {
  credential = await issueCredential({
    vct: VCT.gwentResident,
    issuer: ISSUER,
    signer: issuer.signer,
    holderJwk: holder.jwk,
    claims: CLAIMS,
    iatS: IAT,
    expS: IAT + 86_400 * 365,
    status: { uri: LIST, idx: 7 },
  });
  presentation = await presentCredential({
    sdJwt: credential,
    disclose: [['family_name'], ['address', 'postal_code'], ['age_over_18']],
    aud: AUD,
    nonce: NONCE,
    iatS: NOW - 2,
    holderSigner: holder.signer,
  });
  statusList = await createStatusListToken({
    uri: LIST,
    issuer: ISSUER,
    kid: `${ISSUER}#key-1`,
    signer: issuer.signer,
    statuses: new Uint8Array(64),
    iatS: IAT,
    ttlS: 300,
  });
});

describe('@meeco/sd-jwt-vc verifies what we produce', () => {
  const verifier = new Verifier();
  const issuerCheck = async (jwt: string) => {
    const key = await importJWK(issuer.jwk as JWK, 'EdDSA');
    const { protectedHeader } = await jwtVerify(jwt, key, { currentDate: at, typ: 'dc+sd-jwt' });
    return protectedHeader.kid === `${ISSUER}#key-1`;
  };

  it('a credential: signature and every disclosure', async () => {
    const payload = await verifier.verifyVCSDJWT(credential, issuerCheck, nodeDigest);
    const { _sd_alg, iss, iat, exp, vct, cnf, status, ...claims } = payload as Record<
      string,
      unknown
    >;
    expect({ _sd_alg, iss, iat, vct, cnf, status }).toEqual({
      _sd_alg: undefined,
      iss: ISSUER,
      iat: IAT,
      vct: VCT.gwentResident,
      cnf: { jwk: holder.jwk },
      status: { status_list: { idx: 7, uri: LIST } },
    });
    expect(exp).toBe(IAT + 86_400 * 365);
    expect(claims).toEqual(CLAIMS);
  });

  it('a presentation: the key-binding JWT, its sd_hash and only the chosen claims', async () => {
    let kbChecked = false;
    const kbCheck = async (kbJwt: string, holderJwk: JWK) => {
      const key = await importJWK(holderJwk, 'ES256');
      const { payload, protectedHeader } = await jwtVerify(kbJwt, key, {
        currentDate: at,
        typ: 'kb+jwt',
        audience: AUD,
      });
      const sdInput = presentation.slice(0, presentation.lastIndexOf('~') + 1);
      kbChecked =
        protectedHeader.alg === 'ES256' &&
        payload.nonce === NONCE &&
        payload.sd_hash === nodeDigest(sdInput);
      return kbChecked;
    };
    const payload = (await verifier.verifyVCSDJWT(
      presentation,
      issuerCheck,
      nodeDigest,
      kbCheck,
    )) as Record<string, unknown>;
    expect(kbChecked).toBe(true);
    expect(payload.family_name).toBe('ap Gwilym');
    expect(payload.address).toEqual({ postal_code: 'CF83 1JD' });
    expect(payload.age_over_18).toBe(true);
    expect(payload.given_name).toBeUndefined();
    expect(payload.birthdate).toBeUndefined();

    // Our verifier agrees, claim for claim.
    const trust = new MemoryTrust()
      .addKey(`${ISSUER}#key-1`, issuer.jwk)
      .authorise(ISSUER, VCT.gwentResident)
      .publish(LIST, statusList);
    const ours = await verifyPresentation({
      presentation,
      aud: AUD,
      nonce: NONCE,
      nowS: NOW,
      trust,
    });
    expect(ours.ok && ours.value.claims).toEqual({
      family_name: payload.family_name,
      address: payload.address,
      age_over_18: payload.age_over_18,
    });
  });

  it('a credential checked against another issuer key fails there', async () => {
    const other = testKey('not caerphilly', 'Ed25519');
    const otherCheck = async (jwt: string) =>
      !!(await jwtVerify(jwt, await importJWK(other.jwk as JWK, 'EdDSA'), { currentDate: at }));
    await expect(verifier.verifyVCSDJWT(credential, otherCheck, nodeDigest)).rejects.toThrow();
  });

  it('a presentation signed by the wrong holder fails there too', async () => {
    const other = testKey('not the holder', 'ES256');
    const forged = await presentCredential({
      sdJwt: credential,
      disclose: [['family_name']],
      aud: AUD,
      nonce: NONCE,
      iatS: NOW,
      holderSigner: other.signer,
    });
    const kbCheck = async (kbJwt: string, holderJwk: JWK) =>
      !!(await jwtVerify(kbJwt, await importJWK(holderJwk, 'ES256'), { currentDate: at }));
    await expect(
      verifier.verifyVCSDJWT(forged, issuerCheck, nodeDigest, kbCheck),
    ).rejects.toThrow();
  });
});

describe('jose alone, digests recomputed by hand', () => {
  it('every disclosure of a presentation is committed to by the signed payload', async () => {
    const [jwt, ...rest] = presentation.split('~');
    const kb = rest.pop() as string;
    const { payload: raw, protectedHeader } = await compactVerify(
      jwt,
      await importJWK(issuer.jwk as JWK, 'EdDSA'),
    );
    expect(protectedHeader).toEqual({ typ: 'dc+sd-jwt', kid: `${ISSUER}#key-1`, alg: 'EdDSA' });
    const payload = JSON.parse(Buffer.from(raw).toString('utf8')) as Record<string, unknown>;
    expect(payload._sd_alg).toBe('sha-256');
    // Every claim is hidden: nothing of the subject is readable in the signed payload.
    for (const k of Object.keys(CLAIMS)) expect(payload).not.toHaveProperty(k);
    const committed = new Set<string>(payload._sd as string[]);
    for (const d of rest) {
      const decoded = JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[];
      expect(decoded).toHaveLength(3);
      const digest = nodeDigest(d);
      if (committed.has(digest)) {
        const value = decoded[2];
        // An object claim commits to its own members in turn.
        if (typeof value === 'object' && value !== null) {
          for (const x of (value as { _sd: string[] })._sd) committed.add(x);
        }
      } else {
        // Disclosures come parent first, so a member's digest is known by now.
        throw new Error(`disclosure ${decoded[1] as string} is not committed to`);
      }
    }
    const { payload: kbPayload } = await jwtVerify(
      kb,
      await importJWK(holder.jwk as JWK, 'ES256'),
      {
        currentDate: at,
      },
    );
    expect(kbPayload.sd_hash).toBe(
      nodeDigest(presentation.slice(0, presentation.lastIndexOf('~') + 1)),
    );
    expect(decodeProtectedHeader(kb).typ).toBe('kb+jwt');
  });

  it('the status list token verifies with jose and carries sub, iat, ttl', async () => {
    const { payload, protectedHeader } = await jwtVerify(
      statusList,
      await importJWK(issuer.jwk as JWK, 'EdDSA'),
      { currentDate: at, typ: 'statuslist+jwt', subject: LIST, issuer: ISSUER },
    );
    expect(protectedHeader.kid).toBe(`${ISSUER}#key-1`);
    expect(payload).toMatchObject({ iat: IAT, ttl: 300, status_list: { bits: 2 } });
  });
});

describe('@sd-jwt/sd-jwt-vc, the library we build on, verifies presentation and status', () => {
  it('agrees with verifyPresentation', async () => {
    const sig = (jwk: unknown) => async (data: string, signature: string) =>
      verifyJws(
        jwk,
        JSON.parse(Buffer.from(data.split('.')[0], 'base64url').toString()).alg,
        utf8(data),
        Buffer.from(signature, 'base64url'),
      );
    const lib = new SDJwtVcInstance({
      hasher: sdHasher,
      verifier: sig(issuer.jwk),
      kbVerifier: async (data, signature, payload) => sig(payload.cnf?.jwk)(data, signature),
      statusListFetcher: async () => statusList,
    });
    const r = await lib.verify(presentation, { keyBindingNonce: NONCE, currentDate: NOW });
    expect(r.kb?.payload.aud).toBe(AUD);
    expect(r.payload).toMatchObject({
      family_name: 'ap Gwilym',
      address: { postal_code: 'CF83 1JD' },
    });
  });
});
