import { decodeSdJwtSync, getClaimsSync } from '@sd-jwt/decode';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../core/bytes.js';
import {
  decodeCredential,
  IssueError,
  issueCredential,
  verifyIssuedCredential,
} from './credential.js';
import type { IssueOptions } from './credential.js';
import { presentCredential } from './present.js';
import { sdHasher } from './sd-jwt.js';
import { testKey } from './testkit.js';
import { VCT } from './types.js';

const ISSUER = 'did:web:monmouthshire.gwent.example';
const issuer = testKey('monmouthshire key-1', 'Ed25519', `${ISSUER}#key-1`);
const holder = testKey('citizen toward monmouthshire', 'ES256');
const IAT = 1_760_000_000;
const CLAIMS = {
  given_name: 'Gwenllian',
  family_name: 'Huws',
  birthdate: '1975-05-05',
  address: { street_address: '1 Agincourt Square', locality: 'Trefynwy', postal_code: 'NP25 3BT' },
  local_authority: 'W06000021',
  age_over_16: true,
  age_over_18: true,
};

// Counter-based randomness: deterministic salts for a reproducible test.
function counterRandom(start = 0) {
  let n = start;
  return (len: number) => Uint8Array.from({ length: len }, () => n++ & 255);
}

const base = (over: Partial<IssueOptions> = {}): IssueOptions => ({
  vct: VCT.gwentResident,
  issuer: ISSUER,
  signer: issuer.signer,
  holderJwk: holder.jwk,
  claims: CLAIMS,
  iatS: IAT,
  expS: IAT + 86_400,
  status: { uri: 'https://monmouthshire.gwent.example/status/m/1', idx: 42 },
  ...over,
});

function decodeSegment(s: string) {
  return JSON.parse(Buffer.from(s, 'base64url').toString()) as Record<string, unknown>;
}

describe('issueCredential', () => {
  it('issues a dc+sd-jwt with every claim (and every address member) selectively disclosable', async () => {
    const sd = await issueCredential(base());
    expect(sd.endsWith('~')).toBe(true);
    const [jwt, ...disclosures] = sd.slice(0, -1).split('~');
    const [h, p] = jwt.split('.');
    expect(decodeSegment(h)).toEqual({ typ: 'dc+sd-jwt', kid: `${ISSUER}#key-1`, alg: 'EdDSA' });
    const payload = decodeSegment(p);
    expect(payload).toMatchObject({
      iss: ISSUER,
      iat: IAT,
      exp: IAT + 86_400,
      vct: VCT.gwentResident,
      cnf: { jwk: holder.jwk },
      status: { status_list: { idx: 42, uri: 'https://monmouthshire.gwent.example/status/m/1' } },
      _sd_alg: 'sha-256',
    });
    expect(Object.keys(payload).sort()).toEqual(
      ['_sd', '_sd_alg', 'cnf', 'exp', 'iat', 'iss', 'status', 'vct'].sort(),
    );
    expect(payload._sd).toHaveLength(7);
    expect(disclosures).toHaveLength(10);
    const address = disclosures
      .map((d) => JSON.parse(Buffer.from(d, 'base64url').toString()) as unknown[])
      .find((d) => d[1] === 'address');
    expect((address?.[2] as { _sd: string[] })._sd).toHaveLength(3);
  });

  it('takes its salts from the randomness given, so output is reproducible', async () => {
    const a = await issueCredential(base({ random: counterRandom() }));
    const b = await issueCredential(base({ random: counterRandom() }));
    const c = await issueCredential(base({ random: counterRandom(1) }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    const salts = decodeCredential(a).disclosures.map((d) => d.salt);
    expect(new Set(salts).size).toBe(salts.length);
    for (const s of salts) expect(Buffer.from(s, 'base64url')).toHaveLength(16);
  });

  it('signs only the public members of the holder key, and nbf when given', async () => {
    const sd = await issueCredential(
      base({ holderJwk: { ...holder.jwk, d: 'c2VjcmV0' }, nbfS: IAT + 10 }),
    );
    const d = decodeCredential(sd);
    expect(d.payload.cnf).toEqual({ jwk: holder.jwk });
    expect(d.payload.nbf).toBe(IAT + 10);
  });

  it('refuses invalid claims, a foreign kid, bad times, a bad holder key', async () => {
    const code = async (o: IssueOptions) => {
      try {
        await issueCredential(o);
        return 'ok';
      } catch (e) {
        return e instanceof IssueError ? e.code : String(e);
      }
    };
    expect(await code(base({ claims: { ...CLAIMS, birthdate: 'yesterday' } }))).toBe(
      'CREDENTIAL_CLAIMS_INVALID',
    );
    expect(await code(base({ vct: 'urn:x' }))).toBe('CREDENTIAL_TYPE_UNKNOWN');
    expect(await code(base({ issuer: 'did:web:newport.gwent.example' }))).toBe(
      'SIGNER_KID_INVALID',
    );
    expect(await code(base({ expS: IAT }))).toBe('CREDENTIAL_TIMES_INVALID');
    expect(await code(base({ holderJwk: { kty: 'RSA' } }))).toBe('HOLDER_KEY_INVALID');
    expect(await code(base({ status: { uri: '', idx: 0 } }))).toBe('STATUS_INVALID');
  });
});

describe('decodeCredential', () => {
  it('gives the claims, agreeing with @sd-jwt/decode', async () => {
    const sd = await issueCredential(base());
    const d = decodeCredential(sd);
    expect(d.claims).toEqual(CLAIMS);
    expect(d.kbJwt).toBe('');
    const lib = decodeSdJwtSync(sd, (data, alg) => sdHasher(data, alg) as Uint8Array);
    const libClaims = getClaimsSync<Record<string, unknown>>(
      lib.jwt.payload,
      lib.disclosures,
      (data, alg) => sdHasher(data, alg) as Uint8Array,
    );
    const { iss: _i, iat: _a, exp: _e, vct: _v, cnf: _c, status: _s, ...subject } = libClaims;
    expect(subject).toEqual(CLAIMS);
  });

  it('throws for junk', () => {
    for (const junk of ['', 'abc', 'a.b.c~', '~~'])
      expect(() => decodeCredential(junk)).toThrow(TypeError);
  });
});

describe('verifyIssuedCredential', () => {
  const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

  it('accepts a fresh credential bound to the wallet’s key', async () => {
    const sd = await issueCredential(base());
    const r = await verifyIssuedCredential(sd, issuer.jwk, {
      holderJwk: holder.jwk,
      nowS: IAT + 5,
    });
    expect(r.ok && r.value.claims).toEqual(CLAIMS);
    expect(r.ok && r.value.status).toEqual({
      uri: 'https://monmouthshire.gwent.example/status/m/1',
      idx: 42,
    });
  });

  it('refuses a credential bound to another key, signed by another key, expired, or tampered', async () => {
    const sd = await issueCredential(base());
    const other = testKey('other', 'ES256');
    expect(code(await verifyIssuedCredential(sd, issuer.jwk, { holderJwk: other.jwk }))).toBe(
      'CREDENTIAL_HOLDER_MISMATCH',
    );
    expect(code(await verifyIssuedCredential(sd, other.jwk))).toBe('CREDENTIAL_SIGNATURE_INVALID');
    expect(code(await verifyIssuedCredential(sd, issuer.jwk, { nowS: IAT + 86_400 + 61 }))).toBe(
      'CREDENTIAL_EXPIRED',
    );
    expect(code(await verifyIssuedCredential(sd, issuer.jwk, { nowS: IAT - 61 }))).toBe(
      'CREDENTIAL_NOT_YET_VALID',
    );
    const [jwt, ...rest] = sd.split('~');
    const dropped = [jwt, ...rest.slice(1)].join('~');
    expect(code(await verifyIssuedCredential(dropped, issuer.jwk))).toBe(
      'CREDENTIAL_CLAIMS_INVALID',
    );
    const extra = [jwt, ...rest.slice(0, -1), rest[0], ''].join('~');
    expect(code(await verifyIssuedCredential(extra, issuer.jwk))).toBe('DISCLOSURE_INVALID');
    const vp = await presentCredential({
      sdJwt: sd,
      disclose: [],
      aud: 'a',
      nonce: 'n',
      iatS: IAT,
      holderSigner: holder.signer,
    });
    expect(code(await verifyIssuedCredential(vp, issuer.jwk))).toBe('CREDENTIAL_MALFORMED');
    expect(code(await verifyIssuedCredential('nonsense', issuer.jwk))).toBe('CREDENTIAL_MALFORMED');
  });

  it('refuses claims outside the type’s schema even when properly signed', async () => {
    const lib = new SDJwtVcInstance({
      signer: async (data: string) => toBase64Url(await issuer.signer.sign(utf8(data))),
      signAlg: 'EdDSA',
      hasher: sdHasher,
      saltGenerator: (n: number) => toBase64Url(new Uint8Array(n).fill(1)),
    });
    const sd = await lib.issue(
      {
        iss: ISSUER,
        iat: IAT,
        exp: IAT + 60,
        vct: VCT.gwentResident,
        cnf: { jwk: holder.jwk },
        status: { status_list: { idx: 0, uri: 'https://x.example/s' } },
        given_name: 'Eve',
      },
      { _sd: ['given_name'] },
      { header: { kid: `${ISSUER}#key-1` } },
    );
    expect(code(await verifyIssuedCredential(sd, issuer.jwk))).toBe('CREDENTIAL_CLAIMS_INVALID');
  });
});
