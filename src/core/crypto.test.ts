import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateKeyPairSync,
  nodeCryptoBackend,
  signSync,
  verifyP256XySync,
  verifySync,
} from '../node/crypto-node.js';
import { concatBytes, fromHex, toHex, utf8 } from './bytes.js';
import type { KeyPair, PrivateKey, PublicKey, SignatureAlg, SignatureBackend } from './crypto.js';
import { nobleBackend } from './noble.js';
import {
  KeyCache,
  isStrictEd25519PublicKey,
  WEBCRYPTO_KEY_CACHE_MAX,
  webCryptoBackend,
} from './webcrypto.js';

const hex = (h: string): Uint8Array => {
  const bytes = fromHex(h);
  if (!bytes) throw new Error(`bad hex in test: ${h}`);
  return bytes;
};

function algorithmName(alg: unknown): string | undefined {
  if (typeof alg === 'string') return alg;
  if (typeof alg === 'object' && alg !== null && 'name' in alg && typeof alg.name === 'string') {
    return alg.name;
  }
  return undefined;
}

/** A SubtleCrypto that counts calls and can play a browser without Ed25519. */
function instrumentedSubtle(opts: { ed25519: boolean }): {
  subtle: SubtleCrypto;
  calls: Map<string, number>;
} {
  const real = globalThis.crypto.subtle;
  const calls = new Map<string, number>();
  const subtle = new Proxy(real, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        if (!opts.ed25519 && args.some((a) => algorithmName(a)?.toLowerCase() === 'ed25519')) {
          return Promise.reject(new DOMException('Ed25519 is not supported', 'NotSupportedError'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { subtle, calls };
}

const webcrypto = webCryptoBackend();
const webcryptoNoEd25519 = webCryptoBackend(instrumentedSubtle({ ed25519: false }).subtle);
// The three backends of the brief, plus WebCrypto as a browser without Ed25519 (noble fallback).
const BACKENDS: readonly SignatureBackend[] = [
  nobleBackend,
  webcrypto,
  nodeCryptoBackend,
  { ...webcryptoNoEd25519, name: 'webcrypto-without-ed25519' },
];
const ALGS: readonly SignatureAlg[] = ['Ed25519', 'ES256'];

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

async function verifyEverywhere(pk: PublicKey, msg: Uint8Array, sig: Uint8Array) {
  return Promise.all(BACKENDS.map((b) => b.verify(pk, msg, sig)));
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const i = bit % (out.length * 8);
  out[i >> 3] ^= 1 << (i & 7);
  return out;
}

describe.each(ALGS)('%s across backends', (alg) => {
  // One key pair made by each backend.
  const pairs = new Map<string, KeyPair>();
  beforeAll(async () => {
    for (const b of BACKENDS) pairs.set(b.name, await b.generateKeyPair(alg));
  });

  it('makes key pairs of the documented sizes', () => {
    for (const [, pair] of pairs) {
      expect(pair.privateKey.alg).toBe(alg);
      expect(pair.publicKey.alg).toBe(alg);
      expect(pair.privateKey.bytes).toBeInstanceOf(Uint8Array);
      expect(pair.privateKey.bytes.length).toBe(32);
      expect(pair.publicKey.bytes.length).toBe(alg === 'Ed25519' ? 32 : 33);
      // Plain Uint8Array, not a Buffer view on Node's shared pool.
      expect(Object.getPrototypeOf(pair.publicKey.bytes)).toBe(Uint8Array.prototype);
    }
  });

  it('agrees on publicKeyOf for every key pair', async () => {
    for (const [, pair] of pairs) {
      for (const b of BACKENDS) {
        expect(toHex((await b.publicKeyOf(pair.privateKey)).bytes), b.name).toBe(
          toHex(pair.publicKey.bytes),
        );
      }
    }
  });

  it('verifies, on every backend, what any backend signs with any backend’s key', async () => {
    const msg = utf8('Cyngor Bwrdeistref Sirol Caerffili — receipt 42');
    for (const [maker, pair] of pairs) {
      for (const signer of BACKENDS) {
        const sig = await signer.sign(pair.privateKey, msg);
        expect(sig.length).toBe(64);
        expect(await verifyEverywhere(pair.publicKey, msg, sig), `${maker}/${signer.name}`).toEqual(
          BACKENDS.map(() => true),
        );
        expect(await verifyEverywhere(pair.publicKey, utf8('other'), sig)).toEqual(
          BACKENDS.map(() => false),
        );
      }
    }
  });

  if (alg === 'Ed25519') {
    it('signs byte-identically on every backend (Ed25519 is deterministic)', async () => {
      for (const [, pair] of pairs) {
        const msg = utf8('deterministic');
        const sigs = await Promise.all(BACKENDS.map((b) => b.sign(pair.privateKey, msg)));
        for (const sig of sigs) expect(toHex(sig)).toBe(toHex(sigs[0]));
      }
    });
  } else {
    it('accepts high-S signatures on every backend, as WebCrypto and OpenSSL do', async () => {
      const pair = pairs.get('noble') as KeyPair;
      const msg = utf8('malleable');
      const sig = await nodeCryptoBackend.sign(pair.privateKey, msg);
      const s = BigInt('0x' + toHex(sig.subarray(32)));
      const flipped = concatBytes(
        sig.subarray(0, 32),
        hex((P256_N - s).toString(16).padStart(64, '0')),
      );
      expect(await verifyEverywhere(pair.publicKey, msg, flipped)).toEqual(
        BACKENDS.map(() => true),
      );
    });
  }

  it('property: random messages sign and verify across backends', async () => {
    const pairList = [...pairs.values()];
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.nat({ max: BACKENDS.length - 1 }),
        fc.nat({ max: pairList.length - 1 }),
        async (msg, signerIndex, pairIndex) => {
          const pair = pairList[pairIndex];
          const sig = await BACKENDS[signerIndex].sign(pair.privateKey, msg);
          const results = await verifyEverywhere(pair.publicKey, msg, sig);
          return results.every((r) => r);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: flipping any bit of message, signature or public key fails everywhere', async () => {
    const pair = pairs.get('node') as KeyPair;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.constantFrom('message', 'signature', 'publicKey'),
        fc.nat(),
        async (msg, part, bit) => {
          const sig = signSync(pair.privateKey, msg);
          let m: Uint8Array = msg;
          let s: Uint8Array = sig;
          let pk = pair.publicKey;
          if (part === 'message') m = flipBit(msg, bit);
          else if (part === 'signature') s = flipBit(sig, bit);
          else pk = { alg, bytes: flipBit(pair.publicKey.bytes, bit) };
          const results = await verifyEverywhere(pk, m, s);
          return results.every((r) => r === false);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('verify never throws', () => {
  it('property: arbitrary byte arrays of any length are answered false', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<SignatureAlg>('Ed25519', 'ES256'),
        fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ minLength: 32, maxLength: 33 })),
        fc.oneof(
          fc.uint8Array({ maxLength: 130 }),
          fc.uint8Array({ minLength: 64, maxLength: 64 }),
        ),
        fc.uint8Array({ maxLength: 64 }),
        async (alg, key, sig, msg) => {
          for (const b of BACKENDS) {
            if ((await b.verify({ alg, bytes: key }, msg, sig)) !== false) return false;
          }
          return verifySync({ alg, bytes: key }, msg, sig) === false;
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers false for keys off the curve, zero keys and zero signatures', async () => {
    const msg = utf8('x');
    const cases: [PublicKey, Uint8Array][] = [
      [{ alg: 'ES256', bytes: new Uint8Array(33) }, new Uint8Array(64)],
      [
        { alg: 'ES256', bytes: concatBytes(Uint8Array.of(2), new Uint8Array(32).fill(0xff)) },
        new Uint8Array(64),
      ],
      [
        { alg: 'ES256', bytes: concatBytes(Uint8Array.of(4), new Uint8Array(32)) },
        new Uint8Array(64),
      ],
      [{ alg: 'Ed25519', bytes: new Uint8Array(32) }, new Uint8Array(64)],
      [{ alg: 'Ed25519', bytes: new Uint8Array(32).fill(0xff) }, new Uint8Array(64).fill(0xff)],
    ];
    for (const [pk, sig] of cases) {
      expect(await verifyEverywhere(pk, msg, sig)).toEqual(BACKENDS.map(() => false));
    }
  });

  it('answers false for an unknown algorithm from untyped input', async () => {
    for (const alg of ['RS256', '__proto__', 'constructor', '']) {
      const pk = { alg, bytes: new Uint8Array(32) } as unknown as PublicKey;
      expect(await verifyEverywhere(pk, new Uint8Array(1), new Uint8Array(64))).toEqual(
        BACKENDS.map(() => false),
      );
      expect(verifySync(pk, new Uint8Array(1), new Uint8Array(64))).toBe(false);
    }
  });

  it('OpenSSL-based backends throw for an unknown algorithm from untyped input', async () => {
    const rs256 = 'RS256' as SignatureAlg;
    for (const b of [webcrypto, nodeCryptoBackend]) {
      await expect(b.generateKeyPair(rs256)).rejects.toThrow(TypeError);
      await expect(b.sign({ alg: rs256, bytes: new Uint8Array(32) }, utf8('m'))).rejects.toThrow(
        TypeError,
      );
      await expect(b.publicKeyOf({ alg: rs256, bytes: new Uint8Array(32) })).rejects.toThrow(
        TypeError,
      );
    }
  });

  it('throws for caller mistakes: a private key of the wrong size, an ES256 scalar out of range', async () => {
    const bad: PrivateKey[] = [
      { alg: 'Ed25519', bytes: new Uint8Array(31) },
      { alg: 'ES256', bytes: new Uint8Array(33) },
      { alg: 'ES256', bytes: new Uint8Array(32) },
      { alg: 'ES256', bytes: hex(P256_N.toString(16)) },
    ];
    for (const b of BACKENDS) {
      for (const privateKey of bad) {
        await expect(b.sign(privateKey, utf8('m')), b.name).rejects.toThrow();
        await expect(b.publicKeyOf(privateKey), b.name).rejects.toThrow();
      }
    }
  });
});

// RFC 8032 §7.1, TEST 1–3.
const RFC8032 = [
  {
    name: 'TEST 1',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

describe.each(BACKENDS)('RFC 8032 Ed25519 vectors on $name', (backend) => {
  it.each(RFC8032)('$name', async (v) => {
    const privateKey = { alg: 'Ed25519', bytes: hex(v.secret) } as const;
    const publicKey = { alg: 'Ed25519', bytes: hex(v.public) } as const;
    expect(toHex((await backend.publicKeyOf(privateKey)).bytes)).toBe(v.public);
    expect(toHex(await backend.sign(privateKey, hex(v.message)))).toBe(v.signature);
    expect(await backend.verify(publicKey, hex(v.message), hex(v.signature))).toBe(true);
    expect(await backend.verify(publicKey, utf8('not the message'), hex(v.signature))).toBe(false);
  });
});

describe('ES256 known answer (RFC 6979 §A.2.5, P-256, SHA-256, "sample")', () => {
  const d = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
  const ux = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
  const uy = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
  const r = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
  const s = 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';
  // uy is odd, so the compressed point starts 03.
  const publicKey: PublicKey = { alg: 'ES256', bytes: hex('03' + ux) };

  it.each(BACKENDS)('derives the public key and verifies on $name', async (backend) => {
    expect(Number.parseInt(uy.slice(-1), 16) & 1).toBe(1);
    expect(toHex((await backend.publicKeyOf({ alg: 'ES256', bytes: hex(d) })).bytes)).toBe(
      '03' + ux,
    );
    expect(await backend.verify(publicKey, utf8('sample'), hex(r + s))).toBe(true);
    expect(await backend.verify(publicKey, utf8('samplf'), hex(r + s))).toBe(false);
  });

  it('noble signs it exactly (deterministic k, high S kept)', async () => {
    expect(toHex(await nobleBackend.sign({ alg: 'ES256', bytes: hex(d) }, utf8('sample')))).toBe(
      r + s,
    );
  });
});

describe('Ed25519 edge cases (ed25519-speccheck, "Taming the many EdDSAs")', () => {
  // From github.com/novifinancial/ed25519-speccheck cases.json: small-order and mixed-order keys
  // and R, S >= L, non-canonical encodings. Each row: message, public key, signature, and who
  // accepts — OpenSSL backends (node, WebCrypto on Node) and noble (cofactored, RFC 8032 strict).
  const CASES: [string, string, string, { openssl: boolean; noble: boolean }][] = [
    [
      '8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000',
      { openssl: false, noble: false },
    ],
    [
      '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
      'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04',
      { openssl: false, noble: false },
    ],
    [
      '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41',
      'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa182ef1a5b928da07fec769cc8a12db6bcf70dab3f3227fa315e9d5e3e01a3405',
      { openssl: false, noble: true },
    ],
    [
      'aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab',
      'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e',
      { openssl: true, noble: true },
    ],
    [
      '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79',
      'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
      '9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009',
      { openssl: true, noble: true },
    ],
    [
      'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c',
      'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
      '160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09',
      { openssl: false, noble: true },
    ],
    [
      'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c',
      'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
      '21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405',
      { openssl: false, noble: true },
    ],
    [
      '85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40',
      '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623',
      'e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514',
      { openssl: false, noble: false },
    ],
    [
      '85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40',
      '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623',
      '8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22',
      { openssl: false, noble: false },
    ],
    [
      '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41',
      'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f',
      { openssl: false, noble: false },
    ],
    [
      '39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04',
      { openssl: false, noble: false },
    ],
  ];

  it.each(CASES.map((c, i) => [i, ...c] as const))(
    'case %i',
    async (_i, msg, pub, sig, expected) => {
      const pk: PublicKey = { alg: 'Ed25519', bytes: hex(pub) };
      const [noble, web, node, webFallback] = await verifyEverywhere(pk, hex(msg), hex(sig));
      expect({ node, web }).toEqual({ node: expected.openssl, web: expected.openssl });
      expect({ noble, webFallback }).toEqual({
        noble: expected.noble,
        webFallback: expected.noble,
      });
      // Known divergence, one way only: noble's cofactored check also accepts signer-made
      // signatures with a torsion component; what OpenSSL accepts, noble always accepts.
      if (expected.openssl) expect(expected.noble).toBe(true);
    },
  );
});

describe('isStrictEd25519PublicKey', () => {
  const P = 2n ** 255n - 19n;
  const le = (n: bigint): Uint8Array => hex(n.toString(16).padStart(64, '0')).reverse();

  it('rejects every small-order point, whatever the sign bit', () => {
    for (const y of [0n, 1n, P - 1n]) {
      for (const sign of [0, 0x80]) {
        const bytes = le(y);
        bytes[31] |= sign;
        expect(isStrictEd25519PublicKey(bytes)).toBe(false);
      }
    }
    // The eight points of the torsion subgroup, generated from one of order 8.
    const order8 = ed25519.Point.fromBytes(
      hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'),
    );
    const encodings = new Set<string>();
    for (let k = 1n; k <= 8n; k++) {
      const point = order8.multiplyUnsafe(k);
      expect(point.isSmallOrder()).toBe(true);
      expect(isStrictEd25519PublicKey(point.toBytes())).toBe(false);
      encodings.add(toHex(point.toBytes()));
    }
    expect(encodings.size).toBe(8);
  });

  it('rejects every non-canonical y (p <= y < 2^255)', () => {
    for (let k = 0n; k < 19n; k++) {
      for (const sign of [0, 0x80]) {
        const bytes = le(P + k);
        bytes[31] |= sign;
        expect(isStrictEd25519PublicKey(bytes)).toBe(false);
        expect(() => ed25519.Point.fromBytes(bytes, false)).toThrow();
      }
    }
  });

  it('property: never refuses a key noble accepts as a large-order point', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        let point;
        try {
          point = ed25519.Point.fromBytes(bytes, false);
        } catch {
          return true; // not a point: OpenSSL refuses it too
        }
        return isStrictEd25519PublicKey(bytes) === !point.isSmallOrder();
      }),
      { numRuns: 500 },
    );
  });

  it('accepts real keys', () => {
    for (let i = 0; i < 50; i++) {
      expect(isStrictEd25519PublicKey(ed25519.getPublicKey(ed25519.utils.randomSecretKey()))).toBe(
        true,
      );
    }
  });
});

describe('WebCrypto backend specifics', () => {
  it('falls back to noble for every Ed25519 operation where WebCrypto lacks it', async () => {
    const { subtle, calls } = instrumentedSubtle({ ed25519: false });
    const backend = webCryptoBackend(subtle);
    const pair = await backend.generateKeyPair('Ed25519');
    const sig = await backend.sign(pair.privateKey, utf8('m'));
    expect(await nodeCryptoBackend.verify(pair.publicKey, utf8('m'), sig)).toBe(true);
    expect(await backend.verify(pair.publicKey, utf8('m'), sig)).toBe(true);
    expect(toHex((await backend.publicKeyOf(pair.privateKey)).bytes)).toBe(
      toHex(pair.publicKey.bytes),
    );
    // Only the one probe touched WebCrypto; ES256 still goes through it.
    expect(calls.get('importKey')).toBe(1);
    const es = await backend.generateKeyPair('ES256');
    expect(calls.get('generateKey')).toBe(1);
    expect(
      await nodeCryptoBackend.verify(
        es.publicKey,
        utf8('m'),
        await backend.sign(es.privateKey, utf8('m')),
      ),
    ).toBe(true);
  });

  it('imports a public key once, for concurrent and repeated verifications', async () => {
    const { subtle, calls } = instrumentedSubtle({ ed25519: true });
    const backend = webCryptoBackend(subtle);
    for (const alg of ALGS) {
      const pair = await nodeCryptoBackend.generateKeyPair(alg);
      const sig = signSync(pair.privateKey, utf8('m'));
      calls.clear();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => backend.verify(pair.publicKey, utf8('m'), sig)),
      );
      expect(results.every((r) => r)).toBe(true);
      expect(await backend.verify(pair.publicKey, utf8('m'), sig)).toBe(true);
      expect(calls.get('importKey'), alg).toBe(alg === 'Ed25519' ? 2 : 1); // Ed25519: + the probe
    }
  });

  it('keeps at most WEBCRYPTO_KEY_CACHE_MAX keys, dropping those not used lately', async () => {
    const { subtle, calls } = instrumentedSubtle({ ed25519: true });
    const backend = webCryptoBackend(subtle);
    const first = await nodeCryptoBackend.generateKeyPair('Ed25519');
    const sig = signSync(first.privateKey, utf8('m'));
    await backend.verify(first.publicKey, utf8('m'), sig);
    const imports = () => calls.get('importKey') ?? 0;
    const before = imports();
    await backend.verify(first.publicKey, utf8('m'), sig);
    expect(imports()).toBe(before); // cached
    for (let i = 0; i < WEBCRYPTO_KEY_CACHE_MAX; i++) {
      const other = {
        alg: 'Ed25519',
        bytes: ed25519.getPublicKey(ed25519.utils.randomSecretKey()),
      } as const;
      await backend.verify(other, utf8('m'), sig);
    }
    const afterFlood = imports();
    expect(await backend.verify(first.publicKey, utf8('m'), sig)).toBe(true);
    expect(imports()).toBe(afterFlood + 1); // evicted, imported again
  });

  it('keys the cache by content, not by the caller’s array', async () => {
    for (const backend of [webCryptoBackend(), nodeCryptoBackend]) {
      const a = await nodeCryptoBackend.generateKeyPair('Ed25519');
      const b = await nodeCryptoBackend.generateKeyPair('Ed25519');
      const sigB = signSync(b.privateKey, utf8('m'));
      const bytes = a.publicKey.bytes.slice();
      expect(await backend.verify({ alg: 'Ed25519', bytes }, utf8('m'), sigB)).toBe(false);
      bytes.set(b.publicKey.bytes);
      expect(await backend.verify({ alg: 'Ed25519', bytes }, utf8('m'), sigB)).toBe(true);
    }
  });

  it('accepts keys and messages that are views into larger or shared buffers', async () => {
    const pair = await nodeCryptoBackend.generateKeyPair('ES256');
    const msg = utf8('in the middle');
    const sig = signSync(pair.privateKey, msg);
    const shared = new Uint8Array(new SharedArrayBuffer(200));
    shared.set(msg, 7);
    const view = shared.subarray(7, 7 + msg.length);
    const keyView = concatBytes(new Uint8Array(5), pair.publicKey.bytes).subarray(5);
    expect(await verifyEverywhere({ alg: 'ES256', bytes: keyView }, view, sig)).toEqual(
      BACKENDS.map(() => true),
    );
  });
});

describe('KeyCache', () => {
  it('property: holds at most max entries, and every key set or read in the last max/2 distinct sets', () => {
    const op = fc.tuple(fc.boolean(), fc.nat({ max: 40 }));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.array(op, { maxLength: 300 }), (max, ops) => {
        const cache = new KeyCache<number>(max);
        // Model: keys touched, most recent last, with the value they hold.
        const model = new Map<string, number>();
        const recent: string[] = [];
        const touch = (id: string) => {
          const i = recent.indexOf(id);
          if (i >= 0) recent.splice(i, 1);
          recent.push(id);
        };
        for (const [isSet, n] of ops) {
          const id = `k${n}`;
          if (isSet) {
            cache.set(id, n);
            model.set(id, n);
            touch(id);
          } else {
            const got = cache.get(id);
            if (got !== undefined) {
              if (got !== model.get(id)) return false;
              touch(id);
            }
          }
          if (cache.size > max) return false;
          // The most recent floor(max/2) keys are always there.
          for (const k of recent.slice(-Math.floor(max / 2))) {
            if (cache.get(k) !== model.get(k)) return false;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a key in use through a flood of others', () => {
    const cache = new KeyCache<number>(100);
    cache.set('hot', 1);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`cold${i}`, i);
      if (i % 40 === 0) expect(cache.get('hot')).toBe(1);
    }
    expect(cache.size).toBeLessThanOrEqual(100);
    expect(cache.get('cold0')).toBeUndefined();
  });

  it('refuses a bound below 2', () => {
    expect(() => new KeyCache(1)).toThrow(RangeError);
  });
});

describe('node:crypto sync API', () => {
  it('signSync/verifySync agree with noble on P-256 points decompressed by noble', () => {
    const d = p256.utils.randomSecretKey();
    const pk: PublicKey = { alg: 'ES256', bytes: p256.getPublicKey(d, true) };
    const sig = signSync({ alg: 'ES256', bytes: d }, utf8('m'));
    expect(verifySync(pk, utf8('m'), sig)).toBe(true);
    expect(p256.verify(sig, utf8('m'), pk.bytes, { prehash: true, lowS: false })).toBe(true);
  });

  it('throws for an ES256 scalar outside [1, n-1] (OpenSSL alone would sign with it)', () => {
    for (const bytes of [
      new Uint8Array(32),
      hex(P256_N.toString(16)),
      new Uint8Array(32).fill(0xff),
    ]) {
      expect(() => signSync({ alg: 'ES256', bytes }, utf8('m'))).toThrow(RangeError);
    }
  });
});

describe('SHA-256 backends', () => {
  it('node:crypto and @noble give identical digests (property)', async () => {
    const { nodeSha256 } = await import('../node/crypto-node.js');
    const { sha256: noble } = await import('@noble/hashes/sha2.js');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (d) => {
        expect(Buffer.from(nodeSha256(d)).equals(Buffer.from(noble(d)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('node backend: ES256 from a JWK’s x and y (no decompression)', () => {
  it('agrees with verify on the compressed key, and refuses points off the curve', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.boolean(), async (msg, flip) => {
        const kp = generateKeyPairSync('ES256');
        const point = p256.Point.fromBytes(kp.publicKey.bytes).toBytes(false);
        const x = point.slice(1, 33);
        const y = point.slice(33, 65);
        const sig = signSync(kp.privateKey, msg);
        if (flip) sig[5] = (sig[5] ?? 0) ^ 1;
        expect(verifyP256XySync(x, y, msg, sig)).toBe(verifySync(kp.publicKey, msg, sig));
        expect(verifyP256XySync(x, y, msg, sig)).toBe(!flip);
        const offCurve = y.slice();
        offCurve[31] = (offCurve[31] ?? 0) ^ 1;
        expect(verifyP256XySync(x, offCurve, msg, sig)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });
});
