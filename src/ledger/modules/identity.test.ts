// identity: issuer authorisations by quorum with block-time periods, status-list anchors owned by
// their first anchorer, and DID documents that follow the governance record.
import { createPublicKey, generateKeyPairSync as nodeKeyPair } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../core/bytes.js';
import type { PrivateKey } from '../../core/crypto.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { PreparedTx, TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import { generateKeyPairSync, signSync, verifySync } from '../../node/crypto-node.js';
import { DEMO_ISSUERS, DEMO_VCT, GWENT_BODIES } from '../demo.js';
import type { Genesis } from '../genesis.js';
import { genesisBlock, parseGenesis, writeGenesisState } from '../genesis.js';
import { accountSeq, Ledger } from '../ledger.js';
import { MemoryState } from '../state.js';
import { accessModule, consentModule } from './consent.js';
import type { Member, MemberKey } from './governance.js';
import { getMember, governanceModule } from './governance.js';
import {
  didDocument,
  getIssuerAuthorisation,
  getStatusAnchor,
  identityModule,
  issuerAuthorisedAt,
  jwkOfKey,
  memberJwk,
  openIssuerPeriod,
} from './identity.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const ledger = new Ledger([governanceModule, identityModule, consentModule, accessModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

interface Signer {
  readonly did: string;
  readonly keyId?: string;
  readonly privateKey: PrivateKey;
}

const members: (Signer & { publicKey: string })[] = GWENT_BODIES.map((b) => {
  const kp = generateKeyPairSync('Ed25519');
  return {
    did: b.did,
    keyId: 'key-1',
    privateKey: kp.privateKey,
    publicKey: toBase64Url(kp.publicKey.bytes),
  };
});
const member = (i: number) => members[i] as Signer;
const validatorKp = generateKeyPairSync('Ed25519');
const citizenKp = generateKeyPairSync('ES256');
const citizen: Signer = {
  did: didKeyFromPublicKey(citizenKp.publicKey),
  privateKey: citizenKp.privateKey,
};

const genesis: Genesis = {
  v: 1,
  network: NET,
  origin: 'test.cadwyn.example/ledger',
  timeMs: T0,
  members: GWENT_BODIES.map((b, i) => ({
    did: b.did,
    name: b.name,
    roles: [...b.roles],
    keys: [{ id: 'key-1', alg: 'Ed25519' as const, publicKey: members[i]?.publicKey ?? '' }],
  })),
  validators: [
    {
      name: 'v1',
      member: GWENT_BODIES[0]?.did ?? '',
      publicKey: toBase64Url(validatorKp.publicKey.bytes),
    },
  ],
  params: { txTimePastMs: 600_000, txTimeFutureMs: 120_000 },
  issuers: DEMO_ISSUERS,
};

function freshState(g: Genesis = genesis): MemoryState {
  const s = new MemoryState();
  writeGenesisState(s, g);
  return s;
}

/** Signs synchronously with each signer (node:crypto) and prepares the transaction. */
function signed(body: TxBody, signers: readonly Signer[]): PreparedTx {
  const msg = txSigningMessage(canonicalJson(body));
  const signatures = signers.map((s) => ({
    signer: s.did,
    ...(s.keyId === undefined ? {} : { keyId: s.keyId }),
    alg: s.privateKey.alg,
    sig: toBase64Url(signSync(s.privateKey, msg)),
  }));
  const p = prepareTx({ body, signatures });
  if (!p.ok) throw new Error(p.code);
  return p.value;
}

/** Sends one transaction in a block at (height, timeMs); 'ok' or the refusal code. */
function send(
  state: MemoryState,
  at: { height: number; timeMs: number },
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  o: { cosigners?: readonly Signer[]; geo?: Geo } = {},
): string {
  const body: TxBody = {
    v: 1,
    network: NET,
    type,
    sender: sender.did,
    seq: accountSeq(state, sender.did) + 1,
    timeMs: at.timeMs,
    ...(o.geo ? { geo: o.geo } : {}),
    payload,
  };
  const signers = [sender, ...(o.cosigners ?? []).filter((c) => c.did !== sender.did)];
  const v = ledger.execute(state, { network: NET, ...at }, signed(body, signers), 0);
  return v.ok ? 'ok' : v.code;
}

const quorum = members.slice(0, 7);
const VCT = 'urn:cadwyn:vct:library-card:1';
const newport = GWENT_BODIES.find((b) => b.slug === 'newport')?.did ?? '';

describe('genesis issuers', () => {
  it('writes one open period from genesis time at height 0 for each', () => {
    const s = freshState();
    const a = getIssuerAuthorisation(s, newport, DEMO_VCT.blueBadge);
    expect(a).toEqual({
      issuer: newport,
      vct: DEMO_VCT.blueBadge,
      periods: [{ fromMs: T0, fromHeight: 0 }],
    });
    expect(issuerAuthorisedAt(s, newport, DEMO_VCT.blueBadge, T0)).toBe(true);
    expect(issuerAuthorisedAt(s, newport, DEMO_VCT.blueBadge, T0 - 1)).toBe(false);
    expect(issuerAuthorisedAt(s, newport, DEMO_VCT.patient, T0 + 1)).toBe(false);
    const uhb = 'did:web:aneurin-bevan.gwent.example';
    expect(issuerAuthorisedAt(s, uhb, DEMO_VCT.patient, T0 + 1)).toBe(true);
  });

  it('the demo issuers are the five councils for three types and the UHB for patients', () => {
    // 5 × resident and Blue Badge, the UHB's patients, 5 registrars × business registration.
    expect(DEMO_ISSUERS).toHaveLength(16);
    expect(parseGenesis(genesis).ok).toBe(true);
  });

  it('without issuers nothing is written, so older genesis files keep their block 0', () => {
    const { issuers: _, ...old } = genesis;
    const s = freshState(old);
    expect([...s.map.keys()].filter((k) => k.startsWith('id/'))).toEqual([]);
    // Block 0 of a file without issuers is what it was before issuers existed.
    expect(genesisBlock(old).diff.size).toBe(4 + genesis.members.length);
  });

  it('refuses an issuer that is not a member, a duplicate, and a malformed vct', () => {
    const codeOf = (issuers: Genesis['issuers']) => {
      const r = parseGenesis({ ...genesis, issuers });
      return r.ok ? 'ok' : r.code;
    };
    expect(codeOf([{ issuer: 'did:web:elsewhere.example', vct: VCT }])).toBe('GENESIS_INVALID');
    expect(
      codeOf([
        { issuer: newport, vct: VCT },
        { issuer: newport, vct: VCT },
      ]),
    ).toBe('GENESIS_INVALID');
    expect(codeOf([{ issuer: newport, vct: 'no scheme' }])).toBe('GENESIS_INVALID');
    expect(codeOf([])).toBe('ok');
  });
});

describe('identity.authoriseIssuer / deauthoriseIssuer', () => {
  const grant = { issuer: newport, vct: VCT };

  it('needs the same >2/3 quorum as governance, from a member', () => {
    const s = freshState();
    const at = { height: 1, timeMs: T0 + 1000 };
    const few = members.slice(0, 6);
    expect(send(s, at, 'identity.authoriseIssuer', member(0), grant, { cosigners: few })).toBe(
      'GOV_NO_QUORUM',
    );
    expect(send(s, at, 'identity.authoriseIssuer', citizen, grant, { cosigners: quorum })).toBe(
      'GOV_SENDER_NOT_MEMBER',
    );
    expect(getIssuerAuthorisation(s, newport, VCT)).toBeUndefined();
  });

  it('keeps periods in block time and height; a gap is not authorised', () => {
    const s = freshState();
    const gov = (type: string, height: number, timeMs: number, p = grant) =>
      send(s, { height, timeMs }, type, member(0), p, { cosigners: quorum });
    expect(gov('identity.authoriseIssuer', 1, T0 + 1000)).toBe('ok');
    expect(gov('identity.authoriseIssuer', 2, T0 + 1500)).toBe('ID_ISSUER_ALREADY_AUTHORISED');
    expect(gov('identity.deauthoriseIssuer', 3, T0 + 2000)).toBe('ok');
    expect(gov('identity.deauthoriseIssuer', 4, T0 + 2500)).toBe('ID_ISSUER_NOT_ACTIVE');
    expect(gov('identity.authoriseIssuer', 5, T0 + 3000)).toBe('ok');
    expect(getIssuerAuthorisation(s, newport, VCT)?.periods).toEqual([
      { fromMs: T0 + 1000, fromHeight: 1, untilMs: T0 + 2000, untilHeight: 3 },
      { fromMs: T0 + 3000, fromHeight: 5 },
    ]);
    const at = (t: number) => issuerAuthorisedAt(s, newport, VCT, T0 + t);
    expect([at(999), at(1000), at(1999), at(2000), at(2999), at(3000), at(9e9)]).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(
      gov('identity.deauthoriseIssuer', 6, T0 + 4000, { issuer: newport, vct: 'urn:x:y' }),
    ).toBe('ID_ISSUER_NOT_ACTIVE');
  });

  it('refuses an issuer that is not a member, and a malformed vct', () => {
    const s = freshState();
    const at = { height: 1, timeMs: T0 + 1000 };
    const gov = (p: { issuer: string; vct: string }) =>
      send(s, at, 'identity.authoriseIssuer', member(0), p, { cosigners: quorum });
    expect(gov({ issuer: 'did:web:elsewhere.example', vct: VCT })).toBe('ID_ISSUER_UNKNOWN');
    expect(gov({ issuer: newport, vct: 'not a uri' })).toBe('TX_PAYLOAD_INVALID');
    expect(gov({ issuer: newport, vct: `urn:${'x'.repeat(197)}` })).toBe('TX_PAYLOAD_INVALID');
    expect(gov({ issuer: newport, vct: `urn:${'x'.repeat(196)}` })).toBe('ok');
  });
});

describe('identity.anchorStatusList', () => {
  const uri = 'https://newport.gwent.example/status/newport/1';
  const d1 = 'a'.repeat(64);
  const d2 = 'b'.repeat(64);

  it('the first anchor owns the URI; only the owner anchors again, version by version', () => {
    const s = freshState();
    const at = (h: number) => ({ height: h, timeMs: T0 + h * 1000 });
    expect(send(s, at(1), 'identity.anchorStatusList', citizen, { uri, digest: d1 })).toBe(
      'ID_SENDER_NOT_MEMBER',
    );
    expect(send(s, at(1), 'identity.anchorStatusList', member(3), { uri, digest: d1 })).toBe('ok');
    const first = getStatusAnchor(s, uri);
    expect(first).toMatchObject({ uri, issuer: member(3).did, digest: d1, version: 1, height: 1 });
    expect(first?.timeMs).toBe(T0 + 1000);
    expect(first?.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(send(s, at(2), 'identity.anchorStatusList', member(1), { uri, digest: d2 })).toBe(
      'ID_STATUS_NOT_OWNER',
    );
    expect(send(s, at(3), 'identity.anchorStatusList', member(3), { uri, digest: d2 })).toBe('ok');
    expect(getStatusAnchor(s, uri)).toMatchObject({ digest: d2, version: 2, height: 3 });
  });

  it('takes only lower-hex SHA-256 digests and http(s) URLs up to 500 characters', () => {
    const s = freshState();
    const at = { height: 1, timeMs: T0 + 1000 };
    const anchor = (p: { uri: string; digest: string }) =>
      send(s, at, 'identity.anchorStatusList', member(0), p);
    expect(anchor({ uri, digest: 'A'.repeat(64) })).toBe('TX_PAYLOAD_INVALID');
    expect(anchor({ uri, digest: 'a'.repeat(63) })).toBe('TX_PAYLOAD_INVALID');
    expect(anchor({ uri: 'ftp://x.example/1', digest: d1 })).toBe('TX_PAYLOAD_INVALID');
    expect(anchor({ uri: 'https://x.example/a b', digest: d1 })).toBe('TX_PAYLOAD_INVALID');
    const long = (n: number) => `https://x.example/${'p'.repeat(n - 18)}`;
    expect(long(501)).toHaveLength(501);
    expect(anchor({ uri: long(501), digest: d1 })).toBe('TX_PAYLOAD_INVALID');
    expect(anchor({ uri: long(500), digest: d1 })).toBe('ok');
    expect(anchor({ uri: 'http://127.0.0.1:8080/status/newport/1', digest: d1 })).toBe('ok');
  });
});

describe('didDocument', () => {
  /** A key as node:crypto exports it (the reference JWK) and as a member key. */
  function refKey(alg: 'Ed25519' | 'ES256', id: string) {
    const { publicKey } =
      alg === 'Ed25519' ? nodeKeyPair('ed25519') : nodeKeyPair('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const x = fromBase64Url(jwk.x ?? '') ?? new Uint8Array();
    let raw = x;
    if (alg === 'ES256') {
      const y = fromBase64Url(jwk.y ?? '') ?? new Uint8Array();
      raw = new Uint8Array([(y[31] ?? 0) & 1 ? 0x03 : 0x02, ...x]);
    }
    const key: MemberKey = { id, alg, publicKey: toBase64Url(raw) };
    return { key, jwk };
  }

  it('lists Ed25519 and P-256 keys as JsonWebKey2020 with the JWKs node:crypto derives', () => {
    const ed = refKey('Ed25519', 'key-1');
    const ec = refKey('ES256', 'key-p256');
    const m: Member = {
      did: newport,
      name: { en: 'Newport', cy: 'Casnewydd' },
      roles: ['council'],
      keys: [ed.key, ec.key],
    };
    const doc = didDocument(m);
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: newport,
      verificationMethod: [
        {
          id: `${newport}#key-1`,
          type: 'JsonWebKey2020',
          controller: newport,
          publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: ed.jwk.x },
        },
        {
          id: `${newport}#key-p256`,
          type: 'JsonWebKey2020',
          controller: newport,
          publicKeyJwk: { kty: 'EC', crv: 'P-256', x: ec.jwk.x, y: ec.jwk.y },
        },
      ],
      assertionMethod: [`${newport}#key-1`, `${newport}#key-p256`],
      authentication: [`${newport}#key-1`, `${newport}#key-p256`],
    });
    // Round trip: the document's JWK is a key node:crypto accepts.
    const back = createPublicKey({
      key: { ...doc.verificationMethod[1]?.publicKeyJwk },
      format: 'jwk',
    });
    expect(back.asymmetricKeyType).toBe('ec');
  });

  it('leaves out a P-256 "key" that is not on the curve', () => {
    const bogus: MemberKey = {
      id: 'bad',
      alg: 'ES256',
      publicKey: toBase64Url(new Uint8Array([0x02, ...new Uint8Array(32).fill(0xff)])),
    };
    expect(jwkOfKey(bogus)).toBeUndefined();
    const m: Member = { did: newport, name: { en: 'N', cy: 'C' }, roles: [], keys: [bogus] };
    expect(didDocument(m).verificationMethod).toEqual([]);
  });

  it('follows governance.updateMember: after a rotation only the new key is listed', () => {
    const s = freshState();
    const next = refKey('Ed25519', 'key-2');
    const before = getMember(s, newport);
    if (!before) throw new Error('no member');
    expect(memberJwk(s, newport, 'key-1')).toEqual(jwkOfKey(before.keys[0] as MemberKey));
    expect(memberJwk(s, newport, `${newport}#key-1`)).toBeDefined();
    expect(
      send(
        s,
        { height: 1, timeMs: T0 + 1000 },
        'governance.updateMember',
        member(0),
        {
          did: newport,
          keys: [next.key as unknown as Json],
        },
        { cosigners: quorum },
      ),
    ).toBe('ok');
    const m = getMember(s, newport);
    if (!m) throw new Error('no member');
    const doc = didDocument(m);
    expect(doc.verificationMethod.map((v) => v.id)).toEqual([`${newport}#key-2`]);
    expect(doc.verificationMethod[0]?.publicKeyJwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: next.jwk.x,
    });
    expect(memberJwk(s, newport, 'key-1')).toBeUndefined();
    expect(memberJwk(s, newport, `${newport}#key-2`)).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: next.jwk.x,
    });
    expect(memberJwk(s, 'did:web:elsewhere.example', 'key-2')).toBeUndefined();
    expect(memberJwk(s, newport, 'did:web:elsewhere.example#key-2')).toBeUndefined();
  });
});

describe('issuerAuthorisedAt and whole-second iat', () => {
  it('counts a credential issued in the same second the authorisation began', () => {
    const state = new MemoryState();
    const grant = { issuer: 'did:web:newport.gwent.example', vct: DEMO_VCT.gwentResident };
    openIssuerPeriod(state, grant, 1_700_000_000_750, 3);
    // iat = 1700000000 s: issued 250 ms later, but the JWT rounds down.
    expect(issuerAuthorisedAt(state, grant.issuer, grant.vct, 1_700_000_000_000)).toBe(true);
    expect(issuerAuthorisedAt(state, grant.issuer, grant.vct, 1_699_999_999_000)).toBe(false);
  });
});
