// JWS keys for credentials: signers over raw bytes, public JWKs, and a verifier with a key cache.
// Signatures are raw (Ed25519: 64 bytes; ES256: r||s, 64 bytes), as JWS and WebCrypto use them.
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { concatBytes, toBase64Url } from '../core/bytes.js';
import { b64uDecode } from './b64.js';
import type { PrivateKey, PublicKey, SignatureBackend } from '../core/crypto.js';
import { isStrictEd25519PublicKey, KeyCache } from '../core/webcrypto.js';

export type JwsAlg = 'EdDSA' | 'ES256';

export interface JwsSigner {
  readonly alg: JwsAlg;
  /** `<did>#<keyId>` for a member body's key; absent for a citizen's bare key. */
  readonly kid?: string;
  /** The public key, for `cnf` and key-binding checks. */
  readonly jwk?: JsonWebKey;
  /** The raw JWS signature of data: 64 bytes (ES256 as r||s). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A public JWK of the two key types Cadwyn uses. */
export type PublicJwk =
  { kty: 'OKP'; crv: 'Ed25519'; x: string } | { kty: 'EC'; crv: 'P-256'; x: string; y: string };

/** The public JWK of a core public key (Ed25519 → OKP; compressed P-256 → EC with x and y). */
export function publicJwkOf(publicKey: PublicKey): PublicJwk {
  if (publicKey.alg === 'Ed25519') {
    if (publicKey.bytes.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
    return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(publicKey.bytes) };
  }
  if (publicKey.alg !== 'ES256') throw new TypeError(`unknown key type ${String(publicKey.alg)}`);
  // Throws for a point that is not on the curve.
  const point = p256.Point.fromBytes(publicKey.bytes).toBytes(false);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: toBase64Url(point.subarray(1, 33)),
    y: toBase64Url(point.subarray(33, 65)),
  };
}

/** Raw key bytes of a public JWK: Ed25519 x, or P-256 x and y. */
interface JwkBytes {
  readonly alg: JwsAlg;
  readonly x: Uint8Array;
  readonly y?: Uint8Array;
  /** A cheap, exact cache key. */
  readonly id: string;
}

function jwkBytes(jwk: unknown): JwkBytes | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  if (typeof x !== 'string') return undefined;
  const xb = b64uDecode(x);
  if (xb?.length !== 32) return undefined;
  if (kty === 'OKP' && crv === 'Ed25519') {
    // Small-order and non-canonical keys let a "signature" verify without any secret.
    if (!isStrictEd25519PublicKey(xb)) return undefined;
    return { alg: 'EdDSA', x: xb, id: 'E' + x };
  }
  if (kty === 'EC' && crv === 'P-256' && typeof y === 'string') {
    const yb = b64uDecode(y);
    if (yb?.length !== 32) return undefined;
    return { alg: 'ES256', x: xb, y: yb, id: 'P' + x + y };
  }
  return undefined;
}

/** The JWS alg a public JWK signs with, or undefined for a key Cadwyn does not accept. */
export function jwsAlgOf(jwk: unknown): JwsAlg | undefined {
  return jwkBytes(jwk)?.alg;
}

/**
 * The core public key of a JWK (P-256 compressed, as did:key carries it), or undefined for
 * anything else. Whether a P-256 point is on the curve is left to verification.
 */
export function publicKeyFromJwk(jwk: unknown): PublicKey | undefined {
  const k = jwkBytes(jwk);
  if (k === undefined) return undefined;
  if (k.alg === 'EdDSA') return { alg: 'Ed25519', bytes: k.x };
  return { alg: 'ES256', bytes: compress(k.x, k.y as Uint8Array) };
}

/** Only the public members of a public JWK, in a fixed order. Throws for another key. */
export function publicMembers(jwk: unknown): PublicJwk {
  const k = jwkBytes(jwk);
  if (k === undefined) throw new TypeError('not an Ed25519 or P-256 public JWK');
  const j = jwk as Record<string, string>;
  return k.alg === 'EdDSA'
    ? { kty: 'OKP', crv: 'Ed25519', x: j.x }
    : { kty: 'EC', crv: 'P-256', x: j.x, y: j.y };
}

function compress(x: Uint8Array, y: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x02 | (y[31] & 1)), x);
}

// ---- signers ----

/** A signer from a core private key (Ed25519 seed or P-256 scalar), on @noble/curves. */
export function signerFromPrivateKey(privateKey: PrivateKey, kid?: string): JwsSigner {
  if (privateKey.bytes.length !== 32) throw new RangeError('private key must be 32 bytes');
  const seed = privateKey.bytes.slice();
  if (privateKey.alg === 'Ed25519') {
    const jwk = publicJwkOf({ alg: 'Ed25519', bytes: ed25519.getPublicKey(seed) });
    return {
      alg: 'EdDSA',
      jwk,
      ...(kid === undefined ? {} : { kid }),
      sign: async (data) => ed25519.sign(data, seed),
    };
  }
  if (privateKey.alg !== 'ES256') throw new TypeError(`unknown key type ${String(privateKey.alg)}`);
  const jwk = publicJwkOf({ alg: 'ES256', bytes: p256.getPublicKey(seed, true) });
  return {
    alg: 'ES256',
    jwk,
    ...(kid === undefined ? {} : { kid }),
    // prehash: ES256 signs SHA-256(data); RFC 6979 nonces, so signatures are deterministic.
    sign: async (data) => p256.sign(data, seed, { prehash: true }),
  };
}

/**
 * A signer from a WebCrypto private key (a wallet's non-extractable key). WebCrypto's ECDSA
 * signatures are already r||s.
 */
export function signerFromCryptoKey(
  privateKey: CryptoKey,
  publicJwk: JsonWebKey,
  kid?: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): JwsSigner {
  const alg = jwsAlgOf(publicJwk);
  if (alg === undefined) throw new TypeError('not an Ed25519 or P-256 public JWK');
  const params: AlgorithmIdentifier | EcdsaParams =
    alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  return {
    alg,
    jwk: publicMembers(publicJwk),
    ...(kid === undefined ? {} : { kid }),
    sign: async (data) => new Uint8Array(await subtle.sign(params, privateKey, buf(data))),
  };
}

// ---- verification ----

/** How many imported public keys are kept (issuers, and recently seen holders). */
export const JWS_KEY_CACHE_MAX = 1024;

const ED25519: Algorithm = { name: 'Ed25519' };
const ECDSA_P256: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

// 'noble': this platform's WebCrypto has no Ed25519 (older browsers); verify in pure JS.
type Imported = CryptoKey | 'noble';
const keyCache = new KeyCache<Promise<Imported | undefined>>(JWS_KEY_CACHE_MAX);

function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

async function importKey(k: JwkBytes): Promise<Imported | undefined> {
  const subtle = globalThis.crypto.subtle;
  if (k.alg === 'EdDSA') {
    try {
      return await subtle.importKey('raw', buf(k.x), ED25519, false, ['verify']);
    } catch {
      return 'noble';
    }
  }
  try {
    // Raw import of the uncompressed point: cheaper than a JWK import, and still checked on-curve.
    const point = concatBytes(Uint8Array.of(4), k.x, k.y as Uint8Array);
    return await subtle.importKey('raw', buf(point), ECDSA_P256, false, ['verify']);
  } catch {
    return undefined;
  }
}

function cachedKey(k: JwkBytes): Promise<Imported | undefined> {
  let hit = keyCache.get(k.id);
  if (hit === undefined) {
    // The promise is cached so concurrent verifications of one new key import it once.
    hit = importKey(k);
    keyCache.set(k.id, hit);
  }
  return hit;
}

/**
 * Checks a raw JWS signature over data with a public JWK, for the JWS `alg` named in the header.
 * With a backend (e.g. node:crypto on the server) the key goes to it as core key bytes;
 * otherwise WebCrypto is used, with imported keys cached. False — never a throw — for a bad key,
 * a wrong alg, a malformed signature or a failed check.
 */
export async function verifyJws(
  jwk: unknown,
  alg: unknown,
  data: Uint8Array,
  signature: Uint8Array,
  backend?: SignatureBackend,
): Promise<boolean> {
  try {
    const k = jwkBytes(jwk);
    if (k === undefined || signature.length !== 64) return false;
    // 'Ed25519' is the fully specified JOSE name (RFC 9864) for what 'EdDSA' means here.
    const algOk = k.alg === 'EdDSA' ? alg === 'EdDSA' || alg === 'Ed25519' : alg === 'ES256';
    if (!algOk) return false;
    if (backend?.verifyP256Xy !== undefined && k.alg === 'ES256' && k.y !== undefined) {
      return await backend.verifyP256Xy(k.x, k.y, data, signature);
    }
    if (backend !== undefined) {
      const pk: PublicKey =
        k.alg === 'EdDSA'
          ? { alg: 'Ed25519', bytes: k.x }
          : { alg: 'ES256', bytes: compress(k.x, k.y as Uint8Array) };
      return await backend.verify(pk, data, signature);
    }
    const key = await cachedKey(k);
    if (key === undefined) return false;
    if (key === 'noble') return ed25519.verify(signature, data, k.x, { zip215: false });
    const params = k.alg === 'EdDSA' ? ED25519 : ECDSA_SHA256;
    return await globalThis.crypto.subtle.verify(params, key, buf(signature), buf(data));
  } catch {
    return false;
  }
}

/**
 * A verifier for one public JWK, or undefined when the key is not an Ed25519 or P-256 public key.
 */
export function verifierFor(
  jwk: JsonWebKey,
  backend?: SignatureBackend,
): ((data: Uint8Array, signature: Uint8Array) => Promise<boolean>) | undefined {
  const alg = jwsAlgOf(jwk);
  if (alg === undefined) return undefined;
  return (data, signature) => verifyJws(jwk, alg, data, signature, backend);
}
