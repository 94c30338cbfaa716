// WebCrypto signature backend: the browser's (and the wallet's) path. Keys cross the interface as
// raw bytes (crypto.ts), so every call imports them; public keys are cached because a verifier
// checks many transactions from the same key. Where the browser has no Ed25519 in WebCrypto, that
// algorithm falls back to @noble/curves.
import { p256 } from '@noble/curves/nist.js';
import { concatBytes, fromBase64Url, fromHex, toBase64Url, toHex } from './bytes.js';
import type { KeyPair, PrivateKey, PublicKey, SignatureAlg, SignatureBackend } from './crypto.js';
import { isSignatureAlg, PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from './crypto.js';
import { nobleBackend } from './noble.js';

/** How many imported public keys one backend keeps (LRU). */
export const WEBCRYPTO_KEY_CACHE_MAX = 1024;

const ED25519: Algorithm = { name: 'Ed25519' };
const ECDSA_P256: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

// PKCS#8 for an Ed25519 seed (RFC 8410): a fixed 16-byte header, then the 32-byte seed.
const ED25519_PKCS8_PREFIX = fromHex('302e020100300506032b657004220420') as Uint8Array;
// RFC 8032 §7.1 TEST 1 public key: a valid point, used once to ask whether Ed25519 is supported.
const ED25519_PROBE_KEY = fromHex(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
) as Uint8Array;

// y-coordinates (little-endian) of the eight small-order Ed25519 points: 0 and 1, p-1, and the
// order-8 pair (libsodium's list). The sign bit is ignored: either x gives a small-order point.
const SMALL_ORDER_Y = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].map((h) => fromHex(h) as Uint8Array);

/**
 * False for Ed25519 public keys that OpenSSL-based verifiers accept but @noble/curves (RFC 8032
 * strict decoding) rejects: a non-canonical y (y >= p) or a small-order point, under which a
 * "signature" of any message can verify without any secret. Byte compares only: cheap enough for
 * every uncached key. Both OpenSSL backends (this one and node:crypto) check it before verifying.
 */
export function isStrictEd25519PublicKey(bytes: Uint8Array): boolean {
  if (bytes.length !== 32) return false;
  const top = bytes[31] & 0x7f;
  // y >= p = 2^255 - 19 means bytes ed..ff (low byte >= 0xed), then ff..ff, then 7f.
  let allOnes = top === 0x7f;
  for (let i = 1; allOnes && i < 31; i++) allOnes = bytes[i] === 0xff;
  if (allOnes && bytes[0] >= 0xed) return false;
  for (const y of SMALL_ORDER_Y) {
    let diff = top ^ y[31];
    for (let i = 0; i < 31; i++) diff |= bytes[i] ^ y[i];
    if (diff === 0) return false;
  }
  return true;
}

/**
 * A bounded cache of imported public keys that keeps the recently used ones. Two generations,
 * not a Map kept in LRU order: V8 finds a Map's oldest entry by walking past deleted slots, which
 * measured ~9 µs per eviction at 10,000 entries. A key used in this generation or the last stays;
 * when `young` is full it becomes `old` and the previous `old` is dropped. At most `max` entries.
 */
export class KeyCache<V> {
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  readonly #half: number;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 2) throw new RangeError('KeyCache max must be >= 2');
    this.#half = Math.floor(max / 2);
  }

  get(id: string): V | undefined {
    const hit = this.#young.get(id);
    if (hit !== undefined) return hit;
    const older = this.#old.get(id);
    if (older !== undefined) this.set(id, older);
    return older;
  }

  set(id: string, value: V): void {
    if (this.#young.size >= this.#half && !this.#young.has(id)) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(id, value);
  }

  delete(id: string): void {
    this.#young.delete(id);
    this.#old.delete(id);
  }

  /** O(max): for tests and metrics, not the hot path. */
  get size(): number {
    let n = this.#young.size;
    for (const id of this.#old.keys()) if (!this.#young.has(id)) n++;
    return n;
  }
}

// WebCrypto's BufferSource wants ArrayBuffer-backed views; copy only when the view is not.
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

function jwkBytes(value: string | undefined, length: number): Uint8Array {
  const bytes = value === undefined ? undefined : fromBase64Url(value);
  // An exported JWK of the wrong shape is a platform bug, not hostile input.
  if (bytes?.length !== length) throw new Error('WebCrypto exported an unexpected JWK');
  return bytes;
}

function checkAlg(alg: SignatureAlg): void {
  if (!isSignatureAlg(alg)) throw new TypeError(`unknown signature algorithm ${String(alg)}`);
}

/** 33-byte compressed SEC1 point from affine x, y (32 bytes each). */
function compressP256(x: Uint8Array, y: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x02 | (y[31] & 1)), x);
}

/**
 * A SignatureBackend on WebCrypto (`globalThis.crypto.subtle` unless given). Same bytes in and
 * out as every other backend; `verify` answers false, never throws, for hostile input.
 */
export function webCryptoBackend(
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): SignatureBackend {
  // Promises are cached so concurrent verifications of one new key import it once.
  const publicKeys = new KeyCache<Promise<CryptoKey>>(WEBCRYPTO_KEY_CACHE_MAX);
  let ed25519Supported: Promise<boolean> | undefined;

  function hasEd25519(): Promise<boolean> {
    ed25519Supported ??= subtle
      .importKey('raw', buf(ED25519_PROBE_KEY), ED25519, false, ['verify'])
      .then(
        () => true,
        // Any failure to import a valid key means "not here"; NotSupportedError is the usual one.
        () => false,
      );
    return ed25519Supported;
  }

  function importPublicKey(publicKey: PublicKey): Promise<CryptoKey> {
    const id = publicKey.alg + ':' + toHex(publicKey.bytes);
    const hit = publicKeys.get(id);
    if (hit !== undefined) return hit;
    let imported: Promise<CryptoKey>;
    if (publicKey.alg === 'Ed25519') {
      imported = subtle.importKey('raw', buf(publicKey.bytes), ED25519, false, ['verify']);
    } else {
      // Browsers need the uncompressed point; decompressing also rejects points off the curve.
      const uncompressed = p256.Point.fromBytes(publicKey.bytes).toBytes(false);
      imported = subtle.importKey('raw', buf(uncompressed), ECDSA_P256, false, ['verify']);
    }
    publicKeys.set(id, imported);
    // A key that fails to import is not kept.
    imported.catch(() => {
      if (publicKeys.get(id) === imported) publicKeys.delete(id);
    });
    return imported;
  }

  // Private keys are imported per call and never cached: they should not outlive the operation.
  async function importPrivateKey(privateKey: PrivateKey, extractable = false): Promise<CryptoKey> {
    if (privateKey.alg === 'Ed25519') {
      const pkcs8 = concatBytes(ED25519_PKCS8_PREFIX, privateKey.bytes);
      return subtle.importKey('pkcs8', buf(pkcs8), ED25519, extractable, ['sign']);
    }
    // A JWK needs the public point beside the scalar; noble derives it (and rejects bad scalars).
    const point = p256.getPublicKey(privateKey.bytes, false);
    const jwk: JsonWebKey = {
      kty: 'EC',
      crv: 'P-256',
      x: toBase64Url(point.subarray(1, 33)),
      y: toBase64Url(point.subarray(33, 65)),
      d: toBase64Url(privateKey.bytes),
    };
    return subtle.importKey('jwk', jwk, ECDSA_P256, false, ['sign']);
  }

  function checkPrivateKey(privateKey: PrivateKey): void {
    // Throw for caller mistakes, before WebCrypto gives a vaguer error.
    checkAlg(privateKey.alg);
    if (privateKey.bytes.length !== 32) {
      throw new RangeError(`${privateKey.alg} private key must be 32 bytes`);
    }
  }

  return {
    name: 'webcrypto',

    async generateKeyPair(alg: SignatureAlg): Promise<KeyPair> {
      checkAlg(alg);
      if (alg === 'Ed25519') {
        if (!(await hasEd25519())) return nobleBackend.generateKeyPair(alg);
        const pair = (await subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
        const jwk = await subtle.exportKey('jwk', pair.privateKey);
        return {
          privateKey: { alg, bytes: jwkBytes(jwk.d, 32) },
          publicKey: { alg, bytes: jwkBytes(jwk.x, 32) },
        };
      }
      const pair = (await subtle.generateKey(ECDSA_P256, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const jwk = await subtle.exportKey('jwk', pair.privateKey);
      return {
        privateKey: { alg, bytes: jwkBytes(jwk.d, 32) },
        publicKey: { alg, bytes: compressP256(jwkBytes(jwk.x, 32), jwkBytes(jwk.y, 32)) },
      };
    },

    async publicKeyOf(privateKey: PrivateKey): Promise<PublicKey> {
      checkPrivateKey(privateKey);
      if (privateKey.alg === 'Ed25519') {
        if (!(await hasEd25519())) return nobleBackend.publicKeyOf(privateKey);
        // WebCrypto derives the public key on import; exporting the JWK reveals it as `x`.
        const jwk = await subtle.exportKey('jwk', await importPrivateKey(privateKey, true));
        return { alg: 'Ed25519', bytes: jwkBytes(jwk.x, 32) };
      }
      return { alg: 'ES256', bytes: p256.getPublicKey(privateKey.bytes, true) };
    },

    async sign(privateKey: PrivateKey, message: Uint8Array): Promise<Uint8Array> {
      checkPrivateKey(privateKey);
      if (privateKey.alg === 'Ed25519') {
        if (!(await hasEd25519())) return nobleBackend.sign(privateKey, message);
        const key = await importPrivateKey(privateKey);
        return new Uint8Array(await subtle.sign(ED25519, key, buf(message)));
      }
      const key = await importPrivateKey(privateKey);
      return new Uint8Array(await subtle.sign(ECDSA_SHA256, key, buf(message)));
    },

    async verify(
      publicKey: PublicKey,
      message: Uint8Array,
      signature: Uint8Array,
    ): Promise<boolean> {
      try {
        if (publicKey.bytes.length !== PUBLIC_KEY_LENGTH[publicKey.alg]) return false;
        if (signature.length !== SIGNATURE_LENGTH[publicKey.alg]) return false;
        if (publicKey.alg === 'Ed25519') {
          if (!(await hasEd25519())) {
            return await nobleBackend.verify(publicKey, message, signature);
          }
          if (!isStrictEd25519PublicKey(publicKey.bytes)) return false;
          const key = await importPublicKey(publicKey);
          return await subtle.verify(ED25519, key, buf(signature), buf(message));
        }
        if (publicKey.alg !== 'ES256') return false;
        const key = await importPublicKey(publicKey);
        return await subtle.verify(ECDSA_SHA256, key, buf(signature), buf(message));
      } catch {
        return false;
      }
    },
  };
}
