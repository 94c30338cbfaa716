// Citizen keys: P-256 (ES256), one per service, named by did:key.
//
// Why the private scalar exists outside WebCrypto at all: a key generated inside WebCrypto as
// non-extractable can never leave the device, so a lost phone would lose every pseudonym and
// every consent made with it. The wallet therefore generates the scalar itself, keeps it only
// encrypted at rest (seal.ts) so it can be backed up and restored on a second device, and at run
// time holds it as a non-extractable CryptoKey: page scripts can sign while unlocked but cannot
// read the key out.
import { p256 } from '@noble/curves/nist.js';
import { toBase64Url } from '../core/bytes.js';
import type { PublicKey } from '../core/crypto.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../core/did.js';
import { publicJwkOf } from '../identity/signer.js';
import type { Random } from './random.js';
import { randomBytes } from './random.js';

export interface WalletKey {
  readonly did: string;
  /** ES256, the 33-byte compressed point did:key carries. */
  readonly publicKey: PublicKey;
  /** Non-extractable; usages ['sign']. */
  readonly cryptoKey: CryptoKey;
}

export interface P256PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

const ECDSA_P256: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
// WebCrypto hashes the message with SHA-256 itself, which is what core's ES256 means: every
// backend signs SHA-256(message) (noble with prehash: true), so the signatures are the same kind.
const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

// WebCrypto's BufferSource wants ArrayBuffer-backed views; copy only when the view is not.
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/**
 * A new P-256 private scalar. noble maps 48 random bytes onto [1, n-1] with negligible bias,
 * so `random` is the only source of entropy.
 */
export function generateScalar(random: Random): Uint8Array {
  return p256.utils.randomSecretKey(randomBytes(random, p256.lengths.seed ?? 48));
}

export function isValidScalar(scalar: Uint8Array): boolean {
  return scalar.length === 32 && p256.utils.isValidSecretKey(scalar);
}

/** The ES256 public key of a scalar. Throws for an invalid scalar. */
export function publicKeyOfScalar(scalar: Uint8Array): PublicKey {
  return { alg: 'ES256', bytes: p256.getPublicKey(scalar, true) };
}

/** The JWK of a P-256 public key (for `cnf.jwk` and JWS headers). */
export function publicJwk(publicKey: PublicKey): P256PublicJwk {
  if (publicKey.alg !== 'ES256') throw new TypeError('not an ES256 public key');
  return publicJwkOf(publicKey) as P256PublicJwk;
}

/** The JWK of a P-256 did:key, or undefined for any other DID. */
export function publicJwkOfDid(did: string): P256PublicJwk | undefined {
  const pk = publicKeyFromDidKey(did);
  if (pk?.alg !== 'ES256') return undefined;
  try {
    return publicJwk(pk);
  } catch {
    return undefined; // well-formed prefix, but not a point on the curve
  }
}

/**
 * Imports a scalar into WebCrypto as a non-extractable signing key. The caller should wipe its
 * copy of the scalar afterwards.
 */
export async function importSigningKey(scalar: Uint8Array): Promise<WalletKey> {
  if (!isValidScalar(scalar)) throw new RangeError('not a P-256 private key');
  const publicKey = publicKeyOfScalar(scalar);
  const jwk: JsonWebKey = {
    ...publicJwk(publicKey),
    d: toBase64Url(scalar),
  };
  const cryptoKey = await globalThis.crypto.subtle.importKey('jwk', jwk, ECDSA_P256, false, [
    'sign',
  ]);
  return { did: didKeyFromPublicKey(publicKey), publicKey, cryptoKey };
}

/** ES256 over `message`: 64 bytes r||s (IEEE P1363), as JOSE and core's backends use. */
export async function signEs256(key: WalletKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await globalThis.crypto.subtle.sign(ECDSA_SHA256, key.cryptoKey, buf(message)),
  );
}
