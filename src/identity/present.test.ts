import { describe, expect, it } from 'vitest';
import { decodeCredential, issueCredential } from './credential.js';
import { claimsRequested, matchDcql, presentCredential } from './present.js';
import { digestOf } from './sd-jwt.js';
import { testKey } from './testkit.js';
import type { ClaimPath } from './types.js';
import { VCT } from './types.js';

const NEWPORT = 'did:web:newport.gwent.example';
const TORFAEN = 'did:web:torfaen.gwent.example';
const newport = testKey('newport key-1', 'Ed25519', `${NEWPORT}#key-1`);
const torfaen = testKey('torfaen key-1', 'Ed25519', `${TORFAEN}#key-1`);
const holder = testKey('citizen', 'ES256');
const IAT = 1_760_000_000;

const RESIDENT = {
  given_name: 'Owain',
  family_name: 'Lewis',
  birthdate: '2008-02-29',
  address: { street_address: '7 Stow Hill', locality: 'Newport', postal_code: 'NP20 4EA' },
  local_authority: 'W06000022',
  age_over_16: true,
  age_over_18: false,
};

function issue(vct: string, claims: Record<string, unknown>, who = newport, did = NEWPORT) {
  return issueCredential({
    vct,
    issuer: did,
    signer: who.signer,
    holderJwk: holder.jwk,
    claims,
    iatS: IAT,
    expS: IAT + 86_400,
    status: { uri: `https://${did.slice(8)}/status/1`, idx: 0 },
  });
}

function present(sdJwt: string, disclose: readonly ClaimPath[]) {
  return presentCredential({
    sdJwt,
    disclose,
    aud: 'verifier',
    nonce: 'abc',
    iatS: IAT + 9,
    holderSigner: holder.signer,
  });
}

function disclosedNames(vp: string): string[] {
  return vp
    .split('~')
    .slice(1, -1)
    .map((d) => (JSON.parse(Buffer.from(d, 'base64url').toString()) as unknown[])[1] as string)
    .sort();
}

describe('presentCredential', () => {
  it('keeps only the disclosures the paths need, parents included', async () => {
    const sd = await issue(VCT.gwentResident, RESIDENT);
    expect(disclosedNames(await present(sd, [['given_name']]))).toEqual(['given_name']);
    expect(disclosedNames(await present(sd, [['address', 'locality'], ['age_over_16']]))).toEqual(
      ['address', 'age_over_16', 'locality'].sort(),
    );
    expect(disclosedNames(await present(sd, [['address']]))).toEqual(
      ['address', 'locality', 'postal_code', 'street_address'].sort(),
    );
    expect(disclosedNames(await present(sd, []))).toEqual([]);
  });

  it('appends a KB-JWT with aud, nonce, iat and the sd_hash of what precedes it', async () => {
    const sd = await issue(VCT.gwentResident, RESIDENT);
    const vp = await present(sd, [['birthdate']]);
    const kb = vp.slice(vp.lastIndexOf('~') + 1);
    const [h, p] = kb
      .split('.')
      .slice(0, 2)
      .map((s) => JSON.parse(Buffer.from(s, 'base64url').toString()) as unknown);
    expect(h).toEqual({ typ: 'kb+jwt', alg: 'ES256' });
    expect(p).toEqual({
      iat: IAT + 9,
      aud: 'verifier',
      nonce: 'abc',
      sd_hash: digestOf(vp.slice(0, vp.lastIndexOf('~') + 1)),
    });
  });

  it('re-presenting a presentation replaces its key-binding JWT', async () => {
    const sd = await issue(VCT.gwentResident, RESIDENT);
    const first = await present(sd, [['given_name'], ['family_name']]);
    const second = await present(first, [['given_name']]);
    expect(disclosedNames(second)).toEqual(['given_name']);
    expect(second.split('~')).toHaveLength(3);
  });

  it('throws for a claim the credential does not have, or a name with a dot', async () => {
    const sd = await issue(VCT.gwentResident, RESIDENT);
    await expect(present(sd, [['nhs_number']])).rejects.toThrow(TypeError);
    await expect(present(sd, [['address', 'country']])).rejects.toThrow(TypeError);
    await expect(present(sd, [['address.locality']])).rejects.toThrow(TypeError);
    await expect(present('junk', [])).rejects.toThrow(TypeError);
  });
});

describe('DCQL', () => {
  const query = {
    credentials: [
      {
        id: 'residence',
        format: 'dc+sd-jwt',
        meta: { vct_values: [VCT.gwentResident] },
        claims: [{ path: ['address', 'postal_code'] }, { path: ['age_over_16'], values: [true] }],
      },
      {
        id: 'badge',
        format: 'dc+sd-jwt',
        meta: { vct_values: [VCT.blueBadge] },
        claims: [
          { id: 'number', path: ['badge_number'] },
          { id: 'area', path: ['local_authority'], values: ['W06000022'] },
          { id: 'name', path: ['family_name'] },
        ],
        claim_sets: [
          ['number', 'area'],
          ['number', 'name'],
        ],
      },
    ],
  };

  it('matchDcql finds the wallet’s credentials that answer each query, and what to disclose', async () => {
    const resident = await issue(VCT.gwentResident, RESIDENT);
    const badgeClaims = {
      given_name: 'Owain',
      family_name: 'Lewis',
      badge_number: 'TF25B0007',
      local_authority: 'W06000020',
    };
    const torfaenBadge = await issue(VCT.blueBadge, badgeClaims, torfaen, TORFAEN);
    const newportBadge = await issue(VCT.blueBadge, {
      ...badgeClaims,
      local_authority: 'W06000022',
    });
    const r = matchDcql(query, [torfaenBadge, 'not a credential', resident, newportBadge]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.canBeSatisfied).toBe(true);
    expect(r.value.candidates.residence).toEqual([
      {
        credentialIndex: 2,
        vct: VCT.gwentResident,
        paths: [['address', 'postal_code'], ['age_over_16']],
      },
    ]);
    // The Torfaen badge fails the area value but satisfies the second claim set.
    expect(r.value.candidates.badge).toEqual([
      { credentialIndex: 0, vct: VCT.blueBadge, paths: [['badge_number'], ['family_name']] },
      { credentialIndex: 3, vct: VCT.blueBadge, paths: [['badge_number'], ['local_authority']] },
    ]);
    // The chosen paths present cleanly.
    const vp = await present(resident, r.value.candidates.residence[0].paths);
    expect(decodeCredential(vp).claims).toEqual({
      address: { postal_code: 'NP20 4EA' },
      age_over_16: true,
    });
  });

  it('matchDcql reports a query it cannot satisfy, and refuses an invalid one', async () => {
    const resident = await issue(VCT.gwentResident, { ...RESIDENT, age_over_16: false });
    const r = matchDcql(query, [resident]);
    expect(r.ok && r.value.canBeSatisfied).toBe(false);
    expect(r.ok && r.value.candidates).toEqual({ residence: [], badge: [] });
    for (const bad of [
      {},
      { credentials: [] },
      { credentials: [{ id: 'x y', format: 'dc+sd-jwt' }] },
      'q',
    ]) {
      const b = matchDcql(bad, [resident]);
      expect(b.ok ? 'ok' : b.code).toBe('DCQL_QUERY_INVALID');
    }
  });

  it('claimsRequested gives the paths a presentation must have', () => {
    expect(claimsRequested(query, 'residence')).toEqual([
      ['address', 'postal_code'],
      ['age_over_16'],
    ]);
    // With claim sets, only what every set asks for.
    expect(claimsRequested(query, 'badge')).toEqual([['badge_number']]);
    expect(claimsRequested({ credentials: [{ id: 'any' }] }, 'any')).toEqual([]);
    expect(() => claimsRequested(query, 'nope')).toThrow(RangeError);
  });
});
