import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { base58 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex, toHex } from './bytes.js';
import type { PublicKey } from './crypto.js';
import { DID_RE, didKeyFromPublicKey, isDid, publicKeyFromDidKey } from './did.js';
import { nobleBackend } from './noble.js';

// W3C CCG did:key test vectors (github.com/w3c-ccg/did-method-key, test-vectors/).
// ed25519-x25519.json: seed → did and publicKeyBase58.
const ED25519_VECTORS = [
  [
    '00',
    'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
    '4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS',
  ],
  [
    '01',
    'z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG',
    '6ASf5EcmmEHTgDJ4X4ZT5vT6iHVJBXPg5AN5YoTCpGWt',
  ],
  [
    '02',
    'z6MknGc3ocHs3zdPiJbnaaqDi58NGb4pk1Sp9WxWufuXSdxf',
    '8pM1DN3RiT8vbom5u1sNryaNT1nyL8CTTW3b5PwWXRBH',
  ],
  [
    '03',
    'z6MkvqoYXQfDDJRv8L4wKzxYeuKyVZBfi9Qo6Ro8MiLH3kDQ',
    'HPYVwAQmskwT1qEEeRzhoomyfyupJGASQQtCXSNG8XS2',
  ],
  [
    '04',
    'z6MkwW6aqMnjgrhJXFUko3NnZPGzVpkNzhYK7yEhnsibmLwL',
    'J3qYF7YJMKCqQke47UQwiHizgFUXapHxRxKmxbkar89x',
  ],
] as const;

// nist-curves.json, P-256: did → private JWK.
const P256_VECTORS = [
  {
    did: 'did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv',
    x: 'igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns',
    y: 'efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM',
    d: 'gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj0bmbpehRlpc',
  },
  {
    did: 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169',
    x: 'fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI',
    y: 'hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU',
    d: 'YjRs6vNvw4sYrzVVY8ipkEpDAD9PFqw1sUnvPRMA-WI',
  },
];

function b64u(text: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (!bytes) throw new Error(`bad base64url in test: ${text}`);
  return bytes;
}

const ed25519Key = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((seed): PublicKey => ({ alg: 'Ed25519', bytes: ed25519.getPublicKey(seed) }));
const p256Key = fc
  .bigInt({ min: 1n, max: p256.Point.CURVE().n - 1n })
  .map((d): PublicKey => ({ alg: 'ES256', bytes: p256.Point.BASE.multiply(d).toBytes(true) }));
const anyKey = fc.oneof(ed25519Key, p256Key);

describe('did:key, W3C CCG test vectors', () => {
  it.each(ED25519_VECTORS)('Ed25519 seed %s', async (seedByte, id, publicKeyBase58) => {
    const seed = fromHex(seedByte.padStart(64, '0')) as Uint8Array;
    const pk = await nobleBackend.publicKeyOf({ alg: 'Ed25519', bytes: seed });
    expect(toHex(pk.bytes)).toBe(toHex(base58.decode(publicKeyBase58)));
    expect(didKeyFromPublicKey(pk)).toBe(`did:key:${id}`);
    expect(publicKeyFromDidKey(`did:key:${id}`)).toEqual(pk);
    expect(isDid(`did:key:${id}`)).toBe(true);
  });

  it.each(P256_VECTORS)('P-256 $did', async (v) => {
    const x = b64u(v.x);
    const y = b64u(v.y);
    const compressed = Uint8Array.of(2 | (y[31] & 1), ...x);
    const pk: PublicKey = { alg: 'ES256', bytes: compressed };
    // The JWK's own private key gives the same compressed point.
    expect(await nobleBackend.publicKeyOf({ alg: 'ES256', bytes: b64u(v.d) })).toEqual(pk);
    expect(didKeyFromPublicKey(pk)).toBe(v.did);
    expect(publicKeyFromDidKey(v.did)).toEqual(pk);
    expect(v.did.startsWith('did:key:zDn')).toBe(true);
    expect(isDid(v.did)).toBe(true);
  });
});

describe('did:key round trips', () => {
  it('property: key → did → the same key, with the documented prefixes', () => {
    fc.assert(
      fc.property(anyKey, (pk) => {
        const did = didKeyFromPublicKey(pk);
        expect(did.startsWith(pk.alg === 'Ed25519' ? 'did:key:z6Mk' : 'did:key:zDn')).toBe(true);
        expect(publicKeyFromDidKey(did)).toEqual(pk);
        expect(DID_RE.test(did)).toBe(true);
        expect(isDid(did)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('property: a did:key that parses is the one canonical spelling of its key', () => {
    const base58Char = fc.constantFrom(
      ...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz',
    );
    fc.assert(
      fc.property(anyKey, fc.nat(), base58Char, (pk, at, c) => {
        const did = didKeyFromPublicKey(pk);
        const i = 'did:key:z'.length + (at % (did.length - 'did:key:z'.length));
        const mutated = did.slice(0, i) + c + did.slice(i + 1);
        const parsed = publicKeyFromDidKey(mutated);
        return parsed === undefined || didKeyFromPublicKey(parsed) === mutated;
      }),
      { numRuns: 300 },
    );
  });

  it('property: never throws, whatever the string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => 'did:key:z' + s),
        ),
        (s) => {
          const parsed = publicKeyFromDidKey(s);
          return parsed === undefined || parsed.bytes.length >= 32;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('publicKeyFromDidKey refuses anything malformed', () => {
  const ed = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
  const p = 'did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv';
  it.each([
    ['empty', ''],
    ['no key', 'did:key:'],
    ['multibase only', 'did:key:z'],
    ['upper-case scheme', ed.replace('did:', 'DID:')],
    ['base64url multibase', 'did:key:u7QGYQ1r5gS-QCWnSvgSLnTdUhmN2cbpBV_1VLuuLZ9Q'],
    ['not base58 (0, O, I, l)', ed.slice(0, -1) + '0'],
    ['truncated', ed.slice(0, -1)],
    ['one char too many', ed + 'z'],
    ['a DID URL with a fragment', `${ed}#${ed.slice(8)}`],
    ['leading 1 (a zero byte)', 'did:key:z1' + ed.slice(9)],
    ['X25519 key', 'did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW'],
    ['secp256k1 key', 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'],
    [
      'P-384 key',
      'did:key:z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJKXkcVBgjGhnLBn2Kaau9',
    ],
    ['P-256 with a trailing char', p + '1'],
    ['very long', 'did:key:z' + '2'.repeat(100_000)],
  ])('%s', (_name, did) => {
    expect(publicKeyFromDidKey(did)).toBeUndefined();
    expect(isDid(did)).toBe(false);
  });

  it('another method is not a did:key', () => {
    expect(publicKeyFromDidKey('did:web:example.com')).toBeUndefined();
  });

  it('P-256 keys must be compressed points (02/03), not uncompressed (04)', () => {
    const point = p256.Point.BASE.toBytes(false);
    const did = 'did:key:z' + base58.encode(Uint8Array.of(0x80, 0x24, ...point));
    expect(publicKeyFromDidKey(did)).toBeUndefined();
    const bad =
      'did:key:z' + base58.encode(Uint8Array.of(0x80, 0x24, 0x04, ...point.subarray(1, 33)));
    expect(publicKeyFromDidKey(bad)).toBeUndefined();
  });

  it('answers undefined for non-strings from untyped input', () => {
    for (const x of [undefined, null, 42, {}, ['did:key:z6Mk']]) {
      expect(publicKeyFromDidKey(x as unknown as string)).toBeUndefined();
      expect(isDid(x)).toBe(false);
    }
  });
});

describe('didKeyFromPublicKey throws for caller mistakes', () => {
  it.each([
    ['short Ed25519', { alg: 'Ed25519', bytes: new Uint8Array(31) }],
    ['ES256 of 32 bytes', { alg: 'ES256', bytes: new Uint8Array(32) }],
    ['ES256 uncompressed', { alg: 'ES256', bytes: p256.Point.BASE.toBytes(false) }],
    ['ES256 with prefix 04', { alg: 'ES256', bytes: Uint8Array.of(4, ...new Uint8Array(32)) }],
    ['unknown alg', { alg: 'RS256', bytes: new Uint8Array(32) }],
  ])('%s', (_name, pk) => {
    expect(() => didKeyFromPublicKey(pk as PublicKey)).toThrow(TypeError);
  });
});

describe('DID_RE and isDid', () => {
  it.each([
    'did:web:w3c-ccg.github.io',
    'did:web:w3c-ccg.github.io:user:alice',
    'did:web:example.com%3A3000',
    'did:web:example.com%3A3000:user:alice',
    'did:web:localhost%3A8080',
    'did:web:newport.gov.uk',
    'did:web:xn--caerffili-8ya.cymru:cyngor',
    'did:web:gwent.police.uk:keys:2025_01',
    'did:web:example.com:%E2%82%AC',
    'did:web:example.com%3A65535',
    `did:web:${'a'.repeat(63)}.example`,
  ])('accepts %s', (did) => {
    expect(DID_RE.test(did)).toBe(true);
    expect(isDid(did)).toBe(true);
  });

  it.each([
    'did:web:',
    'did:web:Example.com',
    'did:web:example.com:',
    'did:web:example.com::alice',
    'did:web:127.0.0.1',
    'did:web:example.com%3A0',
    'did:web:example.com%3A080',
    'did:web:example.com%3a3000',
    'did:web:-example.com',
    'did:web:example-.com',
    'did:web:exa_mple.com',
    'did:web:.example.com',
    'did:web:example..com',
    'did:web:example.com.',
    'did:web:example.com/path',
    'did:web:example.com#key-1',
    'did:web:example.com?service=x',
    'did:web:example.com:%e2%82%ac',
    'did:web:example.com:%2',
    'did:web:example.com:al ice',
    `did:web:${'a'.repeat(64)}.example`,
    'did:example:123456789abcdefghi',
    'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0',
    ' did:web:example.com',
    'did:web:example.com\n',
  ])('refuses %j', (did) => {
    expect(isDid(did)).toBe(false);
  });

  it('refuses ports above 65535 and host names over 253 characters', () => {
    expect(DID_RE.test('did:web:example.com%3A65536')).toBe(true); // syntax alone
    expect(isDid('did:web:example.com%3A65536')).toBe(false);
    const label = 'a'.repeat(63);
    const host254 = [label, label, label, 'a'.repeat(59) + '.uk'].join('.');
    expect(host254.length).toBe(254);
    expect(isDid(`did:web:${host254}`)).toBe(false);
    const host253 = [label, label, label, 'a'.repeat(58) + '.uk'].join('.');
    expect(host253.length).toBe(253);
    expect(isDid(`did:web:${host253}`)).toBe(true);
  });

  it('answers in time linear in the input, for hostile strings', () => {
    const time = (n: number): number => {
      const inputs = [
        'did:web:' + 'a.'.repeat(n) + '!',
        'did:web:a' + ':b'.repeat(n) + ':',
        'did:web:' + 'a-'.repeat(n),
        'did:web:a' + '%3A'.repeat(n),
        'did:key:z' + '2'.repeat(n) + '!',
      ];
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const start = performance.now();
        for (const s of inputs) isDid(s);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    time(1000); // warm up
    const small = Math.max(time(20_000), 0.2);
    const large = time(200_000);
    // 10x the input: linear is ~10x; quadratic would be ~100x.
    expect(large / small).toBeLessThan(40);
  });
});
