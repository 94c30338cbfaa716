// node:crypto (OpenSSL) signature backend: the node's hot path, ~10x faster than pure JS
// (DESIGN.md). Sync functions for ingest and block execution; `nodeCryptoBackend` wraps them in
// the async SignatureBackend interface that core code takes.
import {
  createECDH,
  createHash,
  ECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync as generateNodeKeyPair,
  sign as nodeSign,
  verify as nodeVerify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type {
  KeyPair,
  PrivateKey,
  PublicKey,
  SignatureAlg,
  SignatureBackend,
} from '../core/crypto.js';
import { isSignatureAlg, PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from '../core/crypto.js';
import { isStrictEd25519PublicKey, KeyCache } from '../core/webcrypto.js';
import { useSha256 } from '../core/hash.js';

/** SHA-256 through OpenSSL: same results as core's default, several times faster. */
export function nodeSha256(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest();
}

// Every Node process that loads the node layer (the node, its workers, the CLI, the audit)
// hashes through OpenSSL.
useSha256(nodeSha256);

/** How many public KeyObjects are kept (most recently used); 10,000 keys is a few MB. */
export const NODE_KEY_CACHE_MAX = 10_000;

// The P-256 group order n: a private scalar must be in [1, n-1].
const P256_N = Buffer.from(
  'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  'hex',
);

// KeyObjects are built from JWKs, not DER (SPKI/PKCS#8): OpenSSL 3's DER decoders cost ~100 µs a
// key, while a raw Ed25519 JWK imports in ~12 µs (measured on Node 20), and a cache miss is the
// common case for pairwise did:keys.
const publicKeys = new KeyCache<KeyObject>(NODE_KEY_CACHE_MAX);

function publicKeyObject(publicKey: PublicKey): KeyObject {
  const view = Buffer.from(
    publicKey.bytes.buffer,
    publicKey.bytes.byteOffset,
    publicKey.bytes.length,
  );
  // latin1 maps each byte to one char: a cheap, exact cache key.
  const id = publicKey.alg + view.toString('latin1');
  const hit = publicKeys.get(id);
  if (hit !== undefined) return hit;
  let key: KeyObject;
  if (publicKey.alg === 'Ed25519') {
    key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: view.toString('base64url') },
      format: 'jwk',
    });
  } else {
    // Decompressing throws for a point off the curve.
    const point = ECDH.convertKey(view, 'prime256v1', undefined, undefined, 'uncompressed');
    key = createPublicKey({ key: p256Jwk(point as Buffer), format: 'jwk' });
  }
  publicKeys.set(id, key);
  return key;
}

/** A P-256 public key from x and y; OpenSSL refuses a point off the curve (throws). */
function p256KeyObjectXy(x: Uint8Array, y: Uint8Array): KeyObject {
  const xs = Buffer.from(x.buffer, x.byteOffset, x.length);
  const ys = Buffer.from(y.buffer, y.byteOffset, y.length);
  const id = 'XY' + xs.toString('latin1') + ys.toString('latin1');
  const hit = publicKeys.get(id);
  if (hit !== undefined) return hit;
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: xs.toString('base64url'), y: ys.toString('base64url') },
    format: 'jwk',
  });
  publicKeys.set(id, key);
  return key;
}

/** ES256 from affine coordinates (JWK x, y): no decompression. False, never a throw. */
export function verifyP256XySync(
  x: Uint8Array,
  y: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (x.length !== 32 || y.length !== 32 || signature.length !== 64) return false;
    const key = p256KeyObjectXy(x, y);
    return nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

function p256Jwk(uncompressed: Buffer, scalar?: Uint8Array): JsonWebKey {
  const jwk: JsonWebKey = {
    kty: 'EC',
    crv: 'P-256',
    x: uncompressed.subarray(1, 33).toString('base64url'),
    y: uncompressed.subarray(33, 65).toString('base64url'),
  };
  if (scalar) jwk.d = Buffer.from(scalar).toString('base64url');
  return jwk;
}

function checkAlg(alg: SignatureAlg): void {
  if (!isSignatureAlg(alg)) throw new TypeError(`unknown signature algorithm ${String(alg)}`);
}

function privateKeyObject(privateKey: PrivateKey): KeyObject {
  // Throw for caller mistakes; OpenSSL's errors for a wrong-sized key are vaguer.
  checkAlg(privateKey.alg);
  if (privateKey.bytes.length !== 32) {
    throw new RangeError(`${privateKey.alg} private key must be 32 bytes`);
  }
  if (privateKey.alg === 'Ed25519') {
    // Node builds an Ed25519 private key from `d` alone; `x` is required by the JWK shape but not
    // read. (Tests sign RFC 8032 vectors through here, so a Node that began reading it would show.)
    const d = Buffer.from(privateKey.bytes).toString('base64url');
    return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d, x: '' }, format: 'jwk' });
  }
  // OpenSSL signs with 0 or n without complaint (and a useless signature): refuse them here.
  if (Buffer.compare(privateKey.bytes, P256_N) >= 0 || privateKey.bytes.every((b) => b === 0)) {
    throw new RangeError('ES256 private key must be a scalar in [1, n-1]');
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey.bytes);
  return createPrivateKey({ key: p256Jwk(ecdh.getPublicKey(), privateKey.bytes), format: 'jwk' });
}

// Node hands back Buffers that may share a pooled ArrayBuffer; callers get a plain, own copy.
function own(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function jwkBytes(value: string | undefined, length: number): Uint8Array {
  const bytes = value === undefined ? undefined : Buffer.from(value, 'base64url');
  if (bytes?.length !== length) throw new Error('node:crypto exported an unexpected JWK');
  return own(bytes);
}

/** Verifies a signature; false — never an exception — for any malformed key or signature. */
export function verifySync(
  publicKey: PublicKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (publicKey.bytes.length !== PUBLIC_KEY_LENGTH[publicKey.alg]) return false;
    if (signature.length !== SIGNATURE_LENGTH[publicKey.alg]) return false;
    if (publicKey.alg === 'Ed25519') {
      // OpenSSL accepts small-order and non-canonical keys; noble and the spec-strict do not.
      if (!isStrictEd25519PublicKey(publicKey.bytes)) return false;
      return nodeVerify(null, message, publicKeyObject(publicKey), signature);
    }
    if (publicKey.alg !== 'ES256') return false;
    const key = publicKeyObject(publicKey);
    return nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

// A node signs every block with the same key: import it once per key object, not per block.
const privateKeyObjects = new WeakMap<PrivateKey, KeyObject>();

/** Signs a message: Ed25519 (deterministic) or ES256 (ECDSA P-256, SHA-256, r||s). */
export function signSync(privateKey: PrivateKey, message: Uint8Array): Uint8Array {
  let key = privateKeyObjects.get(privateKey);
  if (!key) {
    key = privateKeyObject(privateKey);
    privateKeyObjects.set(privateKey, key);
  }
  if (privateKey.alg === 'Ed25519') return own(nodeSign(null, message, key));
  return own(nodeSign('sha256', message, { key, dsaEncoding: 'ieee-p1363' }));
}

export function publicKeyOfSync(privateKey: PrivateKey): PublicKey {
  if (privateKey.alg === 'Ed25519') {
    const jwk = createPublicKey(privateKeyObject(privateKey)).export({ format: 'jwk' });
    return { alg: 'Ed25519', bytes: jwkBytes(jwk.x, 32) };
  }
  checkAlg(privateKey.alg);
  if (privateKey.bytes.length !== 32) throw new RangeError('ES256 private key must be 32 bytes');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey.bytes); // throws for a scalar outside [1, n-1]
  return { alg: 'ES256', bytes: own(ecdh.getPublicKey(null, 'compressed')) };
}

export function generateKeyPairSync(alg: SignatureAlg): KeyPair {
  checkAlg(alg);
  if (alg === 'Ed25519') {
    const jwk = generateNodeKeyPair('ed25519').privateKey.export({ format: 'jwk' });
    return {
      privateKey: { alg, bytes: jwkBytes(jwk.d, 32) },
      publicKey: { alg, bytes: jwkBytes(jwk.x, 32) },
    };
  }
  const jwk = generateNodeKeyPair('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'jwk',
  });
  const x = jwkBytes(jwk.x, 32);
  const y = jwkBytes(jwk.y, 32);
  const compressed = new Uint8Array(33);
  compressed[0] = 0x02 | (y[31] & 1);
  compressed.set(x, 1);
  return { privateKey: { alg, bytes: jwkBytes(jwk.d, 32) }, publicKey: { alg, bytes: compressed } };
}

export const nodeCryptoBackend: SignatureBackend = {
  name: 'node',
  async generateKeyPair(alg: SignatureAlg): Promise<KeyPair> {
    return generateKeyPairSync(alg);
  },
  async publicKeyOf(privateKey: PrivateKey): Promise<PublicKey> {
    return publicKeyOfSync(privateKey);
  },
  async sign(privateKey: PrivateKey, message: Uint8Array): Promise<Uint8Array> {
    return signSync(privateKey, message);
  },
  async verify(publicKey: PublicKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return verifySync(publicKey, message, signature);
  },
  async verifyP256Xy(x, y, message, signature) {
    return verifyP256XySync(x, y, message, signature);
  },
};
