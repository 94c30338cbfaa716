import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../core/bytes.js';
import { nobleBackend } from '../core/noble.js';
import { issueCredential } from './credential.js';
import { presentCredential } from './present.js';
import { digestOf } from './sd-jwt.js';
import type { JwsSigner } from './signer.js';
import { createStatusListToken } from './status-list.js';
import { MemoryTrust, testKey } from './testkit.js';
import type { ClaimPath } from './types.js';
import { VCT } from './types.js';
import type { VerifyPresentationOptions, VpErrorCode } from './verify.js';
import { VP_ERROR_CODES, VP_ERROR_MESSAGES, verifyPresentation } from './verify.js';

const NEWPORT = 'did:web:newport.gwent.example';
const ABUHB = 'did:web:aneurin-bevan.gwent.example';
const LIST = 'https://newport.gwent.example/status/newport/1';
const ABUHB_LIST = 'https://aneurin-bevan.gwent.example/status/aneurin-bevan/1';
const IAT = 1_760_000_000;
const EXP = IAT + 365 * 86_400;
const NOW = IAT + 3_600;
const AUD = 'decentralized_identifier:did:web:torfaen.gwent.example';
const NONCE = 'n-0S6_WzA2Mj';

const issuerKey = testKey('newport key-1', 'Ed25519', `${NEWPORT}#key-1`);
const abuhbKey = testKey('abuhb key-1', 'ES256', `${ABUHB}#key-1`);
const holder = testKey('citizen toward newport', 'ES256');
const otherHolder = testKey('someone else', 'ES256');

const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prys',
  birthdate: '1984-03-01',
  address: { street_address: '12 Commercial Street', locality: 'Newport', postal_code: 'NP20 1AB' },
  local_authority: 'W06000022',
  age_over_16: true,
  age_over_18: true,
};
const BADGE = {
  given_name: 'Angharad',
  family_name: 'Prys',
  badge_number: 'NP2024A00123',
  local_authority: 'W06000022',
};
const PATIENT = {
  given_name: 'Angharad',
  family_name: 'Prys',
  birthdate: '1984-03-01',
  nhs_number: '9434765919',
  gp_practice: 'W93001',
};

// Index 3 valid, 4 revoked, 5 suspended.
const STATUSES = [0, 0, 0, 0, 1, 2, 0, 0];

let trust: MemoryTrust;
let listV1: string;
let listV2: string;
let resident: string;

const produced = new Set<VpErrorCode>();

async function issue(over: Partial<Parameters<typeof issueCredential>[0]> = {}): Promise<string> {
  return issueCredential({
    vct: VCT.gwentResident,
    issuer: NEWPORT,
    signer: issuerKey.signer,
    holderJwk: holder.jwk,
    claims: RESIDENT,
    iatS: IAT,
    expS: EXP,
    status: { uri: LIST, idx: 3 },
    ...over,
  });
}

async function present(
  sdJwt: string,
  disclose: ClaimPath[] = [['given_name'], ['address', 'locality']],
  over: { aud?: string; nonce?: string; iatS?: number; holderSigner?: JwsSigner } = {},
): Promise<string> {
  return presentCredential({
    sdJwt,
    disclose,
    aud: AUD,
    nonce: NONCE,
    iatS: NOW - 5,
    holderSigner: holder.signer,
    ...over,
  });
}

async function check(presentation: unknown, over: Partial<VerifyPresentationOptions> = {}) {
  const r = await verifyPresentation({
    presentation,
    aud: AUD,
    nonce: NONCE,
    nowS: NOW,
    trust,
    ...over,
  });
  if (!r.ok) produced.add(r.code);
  return r;
}

async function expectCode(
  presentation: unknown,
  code: VpErrorCode,
  over: Partial<VerifyPresentationOptions> = {},
) {
  const r = await check(presentation, over);
  expect(r.ok ? 'ok' : r.code).toBe(code);
}

/** A fresh KB-JWT over whatever precedes it: what a holder who tampers with its own presentation does. */
async function rebind(sdInput: string, signer: JwsSigner = holder.signer, iat = NOW - 5) {
  const header = toBase64Url(utf8(JSON.stringify({ typ: 'kb+jwt', alg: signer.alg })));
  const payload = toBase64Url(
    utf8(JSON.stringify({ iat, aud: AUD, nonce: NONCE, sd_hash: digestOf(sdInput) })),
  );
  const sig = await signer.sign(utf8(`${header}.${payload}`));
  return `${sdInput}${header}.${payload}.${toBase64Url(sig)}`;
}

function split(presentation: string) {
  const parts = presentation.split('~');
  return { jwt: parts[0], disclosures: parts.slice(1, -1), kb: parts[parts.length - 1] };
}

function join(jwt: string, disclosures: string[], kb = ''): string {
  return [jwt, ...disclosures, kb].join('~');
}

function b64json(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function reencode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

beforeAll(async () => {
  trust = new MemoryTrust()
    .addKey(issuerKey.signer.kid as string, issuerKey.jwk)
    .addKey(abuhbKey.signer.kid as string, abuhbKey.jwk)
    .authorise(NEWPORT, VCT.gwentResident)
    .authorise(NEWPORT, VCT.blueBadge)
    .authorise(ABUHB, VCT.patient);
  const list = (
    statuses: number[],
    iatS: number,
    signer = issuerKey.signer,
    uri = LIST,
    issuer = NEWPORT,
  ) =>
    createStatusListToken({
      uri,
      issuer,
      kid: signer.kid as string,
      signer,
      statuses,
      iatS,
      ttlS: 60,
    });
  listV1 = await list(STATUSES, IAT);
  listV2 = await list([0, 0, 0, 1, 1, 2, 0, 0], IAT + 60); // index 3 revoked in version 2
  trust.publish(LIST, listV1);
  trust.publish(ABUHB_LIST, await list(STATUSES, IAT, abuhbKey.signer, ABUHB_LIST, ABUHB));
  resident = await issue();
});

describe('verifyPresentation: happy path per type', () => {
  it('gwent-resident: only the disclosed claims come back', async () => {
    const vp = await present(resident, [
      ['given_name'],
      ['address', 'postal_code'],
      ['age_over_18'],
    ]);
    const r = await check(vp, { dcqlClaims: [['age_over_18'], ['address', 'postal_code']] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      vct: VCT.gwentResident,
      issuer: NEWPORT,
      iat: IAT,
      exp: EXP,
      claims: { given_name: 'Angharad', address: { postal_code: 'NP20 1AB' }, age_over_18: true },
      holderJwk: holder.jwk,
      status: { uri: LIST, idx: 3, listIat: IAT },
    });
  });

  it('blue-badge', async () => {
    const sd = await issue({ vct: VCT.blueBadge, claims: BADGE, status: { uri: LIST, idx: 6 } });
    const r = await check(await present(sd, [['badge_number'], ['family_name']]));
    expect(r.ok && r.value.claims).toEqual({ badge_number: 'NP2024A00123', family_name: 'Prys' });
  });

  it('patient, from an ES256 issuer to an EdDSA holder key', async () => {
    const edHolder = testKey('citizen toward abuhb', 'Ed25519');
    const sd = await issue({
      vct: VCT.patient,
      issuer: ABUHB,
      signer: abuhbKey.signer,
      holderJwk: edHolder.jwk,
      claims: PATIENT,
      status: { uri: ABUHB_LIST, idx: 0 },
    });
    const vp = await present(sd, [['nhs_number'], ['gp_practice']], {
      holderSigner: edHolder.signer,
    });
    const r = await check(vp);
    expect(r.ok && r.value.claims).toEqual({ nhs_number: '9434765919', gp_practice: 'W93001' });
    expect(r.ok && r.value.issuer).toBe(ABUHB);
  });

  it('an EdDSA issuer and an ES256 holder, the pairing decision 0006 uses', async () => {
    const { jwt } = split(resident);
    expect(b64json(jwt.split('.')[0])).toMatchObject({ alg: 'EdDSA', typ: 'dc+sd-jwt' });
    const vp = await present(resident);
    expect(b64json(split(vp).kb.split('.')[0])).toEqual({ typ: 'kb+jwt', alg: 'ES256' });
    expect((await check(vp)).ok).toBe(true);
  });

  it('a whole object path discloses the object and all its members', async () => {
    const r = await check(await present(resident, [['address']]));
    expect(r.ok && r.value.claims).toEqual({ address: RESIDENT.address });
  });

  it('nothing disclosed at all still proves possession and validity', async () => {
    const vp = await present(resident, []);
    expect(split(vp).disclosures).toEqual([]);
    const r = await check(vp);
    expect(r.ok && r.value.claims).toEqual({});
  });

  it('an injected signature backend (here core noble) gives the same answers', async () => {
    const vp = await present(resident);
    expect((await check(vp, { backend: nobleBackend })).ok).toBe(true);
    await expectCode(vp, 'KB_WRONG_NONCE', { backend: nobleBackend, nonce: 'other' });
    const forged = await presentCredential({
      sdJwt: resident,
      disclose: [],
      aud: AUD,
      nonce: NONCE,
      iatS: NOW,
      holderSigner: otherHolder.signer,
    });
    await expectCode(forged, 'KB_SIGNATURE_INVALID', { backend: nobleBackend });
  });
});

describe('verifyPresentation: every failure code from a real tampering', () => {
  it('PRESENTATION_MALFORMED for junk and for broken structure', async () => {
    const vp = await present(resident);
    const { jwt, disclosures, kb } = split(vp);
    for (const junk of [
      undefined,
      null,
      42,
      {},
      '',
      '~',
      'abc',
      `${jwt}`,
      'a.b.c~',
      vp + '\n',
      'é' + vp,
    ]) {
      await expectCode(junk, 'PRESENTATION_MALFORMED');
    }
    await expectCode('x'.repeat(70_000) + '~', 'PRESENTATION_MALFORMED');
    // An empty disclosure slot, a KB-JWT that is not a JWT, a two-part issuer JWT.
    await expectCode(join(jwt, ['', ...disclosures], kb), 'PRESENTATION_MALFORMED');
    await expectCode(join(jwt, disclosures, 'not-a-jwt'), 'PRESENTATION_MALFORMED');
    await expectCode(
      join(jwt.split('.').slice(0, 2).join('.'), disclosures, kb),
      'PRESENTATION_MALFORMED',
    );
    // The header claims another type.
    const [h, p, s] = jwt.split('.');
    const vcJwt = `${reencode({ ...b64json(h), typ: 'vc+sd-jwt' })}.${p}.${s}`;
    await expectCode(join(vcJwt, disclosures, kb), 'PRESENTATION_MALFORMED');
    // The payload lost its status reference.
    const { status: _s, ...noStatus } = b64json(p);
    await expectCode(
      join(`${h}.${reencode(noStatus)}.${s}`, disclosures, kb),
      'PRESENTATION_MALFORMED',
    );
  });

  it('ISSUER_UNKNOWN for an unknown kid and for a kid of another DID', async () => {
    const stray = testKey('newport key-9', 'Ed25519', `${NEWPORT}#key-9`);
    await expectCode(await present(await issue({ signer: stray.signer })), 'ISSUER_UNKNOWN');
    const vp = await present(resident);
    const { jwt, disclosures, kb } = split(vp);
    const [h, p, s] = jwt.split('.');
    const header = { ...b64json(h), kid: 'did:web:evil.example#key-1' };
    await expectCode(join(`${reencode(header)}.${p}.${s}`, disclosures, kb), 'ISSUER_UNKNOWN');
  });

  it('CREDENTIAL_SIGNATURE_INVALID for an edited payload or a key that is not the ledger’s', async () => {
    const vp = await present(resident);
    const { jwt, disclosures } = split(vp);
    const [h, p, s] = jwt.split('.');
    const longer = `${h}.${reencode({ ...b64json(p), exp: EXP + 10 * 365 * 86_400 })}.${s}`;
    await expectCode(await rebind(join(longer, disclosures)), 'CREDENTIAL_SIGNATURE_INVALID');
    // Same kid, wrong key: an impostor.
    const impostor = testKey('impostor', 'Ed25519', `${NEWPORT}#key-1`);
    await expectCode(
      await present(await issue({ signer: impostor.signer })),
      'CREDENTIAL_SIGNATURE_INVALID',
    );
    // The alg in the header does not fit the key.
    const es = `${reencode({ ...b64json(h), alg: 'ES256' })}.${p}.${s}`;
    await expectCode(await rebind(join(es, disclosures)), 'CREDENTIAL_SIGNATURE_INVALID');
  });

  it('DISCLOSURE_INVALID for a flipped byte, a foreign, duplicated or orphaned disclosure', async () => {
    const vp = await present(resident, [['given_name'], ['address', 'locality']]);
    const { jwt, disclosures, kb } = split(vp);
    // A flipped byte inside the given_name disclosure (its digest is then nowhere in the payload).
    const d = disclosures[0];
    const flipped = d.slice(0, 10) + (d[10] === 'A' ? 'B' : 'A') + d.slice(11);
    await expectCode(join(jwt, [flipped, ...disclosures.slice(1)], kb), 'DISCLOSURE_INVALID');
    // A disclosure taken from someone else's credential, with a freshly signed KB-JWT.
    const foreign = split(await issue({ claims: { ...RESIDENT, given_name: 'Mallory' } }));
    const mallory = foreign.disclosures.find((x) =>
      Buffer.from(x, 'base64url').toString().includes('Mallory'),
    );
    await expectCode(
      await rebind(join(jwt, [...disclosures, mallory as string])),
      'DISCLOSURE_INVALID',
    );
    // The same disclosure twice.
    await expectCode(
      await rebind(join(jwt, [...disclosures, disclosures[0]])),
      'DISCLOSURE_INVALID',
    );
    // A member of address without the address disclosure that references it.
    const vp2 = await present(resident, [['address', 'locality']]);
    const two = split(vp2).disclosures;
    expect(two).toHaveLength(2);
    const orphan = two.filter((x) => !Buffer.from(x, 'base64url').toString().includes('"address"'));
    await expectCode(await rebind(join(jwt, orphan)), 'DISCLOSURE_INVALID');
    // A disclosure that is not base64url JSON at all.
    await expectCode(await rebind(join(jwt, ['bm90IGpzb24'])), 'DISCLOSURE_INVALID');
  });

  it('CREDENTIAL_EXPIRED and CREDENTIAL_NOT_YET_VALID by the clock passed in', async () => {
    const late = EXP + 3_600;
    await expectCode(await present(resident, [], { iatS: late }), 'CREDENTIAL_EXPIRED', {
      nowS: late,
    });
    const early = IAT - 3_600;
    await expectCode(await present(resident, [], { iatS: early }), 'CREDENTIAL_NOT_YET_VALID', {
      nowS: early,
    });
    const later = await issue({ nbfS: NOW + 86_400 });
    await expectCode(await present(later), 'CREDENTIAL_NOT_YET_VALID');
    // Within the 60 s of tolerated skew, still fine.
    expect(
      (await check(await present(resident, [], { iatS: EXP + 30 }), { nowS: EXP + 30 })).ok,
    ).toBe(true);
  });

  it('ISSUER_NOT_AUTHORISED when the ledger did not authorise that issuer for that type', async () => {
    // Newport is a council: the ledger authorises it for residence and Blue Badges, not patients.
    const patient = await issue({ vct: VCT.patient, claims: PATIENT });
    await expectCode(await present(patient, [['nhs_number']]), 'ISSUER_NOT_AUTHORISED');
  });

  it('KB_MISSING when the key-binding JWT is stripped', async () => {
    const vp = await present(resident);
    const { jwt, disclosures } = split(vp);
    await expectCode(join(jwt, disclosures), 'KB_MISSING');
    await expectCode(resident, 'KB_MISSING');
  });

  it('KB_SIGNATURE_INVALID for a key-binding JWT by someone else, or of another type', async () => {
    await expectCode(
      await present(resident, [], { holderSigner: otherHolder.signer }),
      'KB_SIGNATURE_INVALID',
    );
    const vp = await present(resident);
    const { jwt, disclosures, kb } = split(vp);
    const [h, p, s] = kb.split('.');
    const retyped = `${reencode({ ...b64json(h), typ: 'JWT' })}.${p}.${s}`;
    await expectCode(join(jwt, disclosures, retyped), 'KB_SIGNATURE_INVALID');
  });

  it('KB_SD_HASH_MISMATCH when a disclosure is dropped after the holder signed', async () => {
    const vp = await present(resident, [['given_name'], ['family_name']]);
    const { jwt, disclosures, kb } = split(vp);
    await expectCode(join(jwt, disclosures.slice(1), kb), 'KB_SD_HASH_MISMATCH');
    // …or a genuine disclosure of the same credential added after signing.
    const extra = split(resident).disclosures.find((x) =>
      Buffer.from(x, 'base64url').toString().includes('"birthdate"'),
    ) as string;
    await expectCode(join(jwt, [...disclosures, extra], kb), 'KB_SD_HASH_MISMATCH');
  });

  it('KB_WRONG_AUDIENCE, KB_WRONG_NONCE and KB_STALE', async () => {
    const vp = await present(resident);
    await expectCode(vp, 'KB_WRONG_AUDIENCE', {
      aud: 'decentralized_identifier:did:web:caerphilly.gwent.example',
    });
    await expectCode(await present(resident, [], { aud: 'someone-else' }), 'KB_WRONG_AUDIENCE');
    await expectCode(vp, 'KB_WRONG_NONCE', { nonce: 'another-request' });
    await expectCode(await present(resident, [], { iatS: NOW - 301 }), 'KB_STALE');
    await expectCode(await present(resident, [], { iatS: NOW + 61 }), 'KB_STALE');
    expect((await check(await present(resident, [], { iatS: NOW - 290 }))).ok).toBe(true);
    await expectCode(await present(resident, [], { iatS: NOW - 100 }), 'KB_STALE', {
      maxKbAgeS: 60,
    });
  });

  it('STATUS_UNAVAILABLE when the list cannot be had', async () => {
    const lost = await present(
      await issue({ status: { uri: 'https://nowhere.example/1', idx: 0 } }),
    );
    await expectCode(lost, 'STATUS_UNAVAILABLE');
    const failing = Object.assign(Object.create(trust) as MemoryTrust, {
      fetchStatusList: async () => {
        throw new Error('network down');
      },
    });
    await expectCode(await present(resident), 'STATUS_UNAVAILABLE', { trust: failing });
  });

  it('STATUS_LIST_NOT_CURRENT when an older list is served than the ledger anchors', async () => {
    const swapped = new MemoryTrust();
    for (const [k, v] of trust.keys) swapped.addKey(k, v);
    swapped.authorise(NEWPORT, VCT.gwentResident).publish(LIST, listV2);
    // The issuer published and anchored version 2; a cache or an attacker serves version 1.
    swapped.lists.set(LIST, listV1);
    const vp = await present(resident);
    await expectCode(vp, 'STATUS_LIST_NOT_CURRENT', { trust: swapped });
    // Never anchored at all.
    swapped.anchors.delete(LIST);
    await expectCode(vp, 'STATUS_LIST_NOT_CURRENT', { trust: swapped });
    // Served and anchored version 2: the credential (index 3) is now revoked.
    swapped.publish(LIST, listV2);
    await expectCode(vp, 'CREDENTIAL_REVOKED', { trust: swapped });
  });

  it('STATUS_LIST_INVALID for an anchored list that is not the issuer’s, or too short', async () => {
    const vp = await present(resident);
    const forger = testKey('forger', 'Ed25519', `${NEWPORT}#key-1`);
    const forged = await createStatusListToken({
      uri: LIST,
      issuer: NEWPORT,
      kid: `${NEWPORT}#key-1`,
      signer: forger.signer,
      statuses: [0, 0, 0, 0],
      iatS: IAT,
      ttlS: 60,
    });
    const t2 = new MemoryTrust();
    for (const [k, v] of trust.keys) t2.addKey(k, v);
    t2.authorise(NEWPORT, VCT.gwentResident).publish(LIST, forged);
    await expectCode(vp, 'STATUS_LIST_INVALID', { trust: t2 });
    // A genuine list of another URI, anchored under this one.
    const elsewhere = await createStatusListToken({
      uri: 'https://newport.gwent.example/status/newport/2',
      issuer: NEWPORT,
      kid: `${NEWPORT}#key-1`,
      signer: issuerKey.signer,
      statuses: STATUSES,
      iatS: IAT,
      ttlS: 60,
    });
    t2.publish(LIST, elsewhere);
    await expectCode(vp, 'STATUS_LIST_INVALID', { trust: t2 });
    // An index past the end of the list.
    await expectCode(
      await present(await issue({ status: { uri: LIST, idx: 4096 } })),
      'STATUS_LIST_INVALID',
    );
  });

  it('CREDENTIAL_REVOKED and CREDENTIAL_SUSPENDED from the status list', async () => {
    await expectCode(
      await present(await issue({ status: { uri: LIST, idx: 4 } })),
      'CREDENTIAL_REVOKED',
    );
    await expectCode(
      await present(await issue({ status: { uri: LIST, idx: 5 } })),
      'CREDENTIAL_SUSPENDED',
    );
  });

  it('CLAIMS_MISSING when a requested claim was not disclosed', async () => {
    const vp = await present(resident, [['given_name'], ['address', 'locality']]);
    await expectCode(vp, 'CLAIMS_MISSING', { dcqlClaims: [['given_name'], ['birthdate']] });
    await expectCode(vp, 'CLAIMS_MISSING', { dcqlClaims: [['address', 'postal_code']] });
    expect((await check(vp, { dcqlClaims: [['address']] })).ok).toBe(true);
  });

  it('a cached verification does not outlive a key rotation on the ledger', async () => {
    const vp = await present(resident);
    expect((await check(vp)).ok).toBe(true); // now cached
    const rotated = new MemoryTrust()
      .addKey(`${NEWPORT}#key-1`, testKey('newport key-1 after rotation', 'Ed25519').jwk)
      .authorise(NEWPORT, VCT.gwentResident)
      .publish(LIST, listV1);
    await expectCode(vp, 'CREDENTIAL_SIGNATURE_INVALID', { trust: rotated });
    // What a caller does with the result cannot reach the cache.
    const r = await check(vp);
    if (r.ok) (r.value.holderJwk as Record<string, unknown>).x = 'changed';
    const again = await check(vp);
    expect(again.ok && again.value.holderJwk).toEqual(holder.jwk);
  });

  it('checks run in the documented order', async () => {
    // Expired, unauthorised, wrong nonce and revoked at once: the first in order wins.
    const sd = await issue({ vct: VCT.patient, claims: PATIENT, status: { uri: LIST, idx: 4 } });
    const vp = await present(sd, [], { iatS: EXP + 3_600 });
    await expectCode(vp, 'CREDENTIAL_EXPIRED', { nowS: EXP + 3_600, nonce: 'x' });
    await expectCode(vp, 'ISSUER_NOT_AUTHORISED', { nowS: EXP - 10, nonce: 'x' });
  });
});

describe('verifyPresentation: properties', () => {
  const LEAVES: ClaimPath[] = [
    ['given_name'],
    ['family_name'],
    ['birthdate'],
    ['address', 'street_address'],
    ['address', 'locality'],
    ['address', 'postal_code'],
    ['local_authority'],
    ['age_over_16'],
    ['age_over_18'],
  ];

  function expected(paths: ClaimPath[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [a, b] of paths as [string, string?][]) {
      const v = (RESIDENT as Record<string, unknown>)[a];
      if (b === undefined) out[a] = v;
      else out[a] = { ...(out[a] as object), [b]: (v as Record<string, unknown>)[b] };
    }
    return out;
  }

  it('the verified claims are exactly the chosen subset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(LEAVES), async (paths) => {
        const r = await check(await present(resident, paths), { dcqlClaims: paths });
        expect(r.ok).toBe(true);
        expect(r.ok && r.value.claims).toEqual(expected(paths));
      }),
      { numRuns: 40 },
    );
  });

  it('no single-character change of a presentation verifies', async () => {
    const vp = await present(resident, [['given_name'], ['address', 'locality'], ['age_over_18']]);
    expect((await check(vp)).ok).toBe(true);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~=+/ é';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: vp.length - 1 }),
        fc.constantFrom(...alphabet),
        async (i, c) => {
          fc.pre(vp[i] !== c);
          const changed = vp.slice(0, i) + c + vp.slice(i + 1);
          expect((await check(changed)).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hostile input never throws', async () => {
    const vp = await present(resident);
    const pieces = [...vp.split(/([~.])/), '~', '.', 'e30', 'W10', 'bnVsbA'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom(...pieces)).map((a) => a.join('')),
          fc.anything(),
        ),
        async (x) => {
          const r = await check(x);
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('VP_ERROR_MESSAGES', () => {
  it('has plain English and Welsh for every code', () => {
    expect(Object.keys(VP_ERROR_MESSAGES).sort()).toEqual([...VP_ERROR_CODES].sort());
    for (const m of Object.values(VP_ERROR_MESSAGES)) {
      expect(m.en.length).toBeGreaterThan(10);
      expect(m.cy.length).toBeGreaterThan(10);
      expect(m.cy).not.toBe(m.en);
    }
  });
});

describe('coverage of the codes', () => {
  // Last in the file, so it runs after every test above (and is skipped with them by a filter).
  it('every failure code was produced by a real tampering above', () => {
    expect([...produced].sort()).toEqual([...VP_ERROR_CODES].sort());
  });
});
