// One signature interface, two backends (DESIGN.md): node:crypto on Node (src/node/crypto-node.ts)
// and WebCrypto in the browser (./webcrypto.ts), with @noble/curves as the browser's fallback.

export type SignatureAlg = 'Ed25519' | 'ES256';

/**
 * Public key bytes: Ed25519 — the 32-byte point; ES256 — the 33-byte compressed SEC1 point
 * (what did:key carries).
 */
export interface PublicKey {
  readonly alg: SignatureAlg;
  readonly bytes: Uint8Array;
}

/**
 * Private key bytes: Ed25519 — the 32-byte seed; ES256 — the 32-byte scalar.
 * Never logged, never put in an error.
 */
export interface PrivateKey {
  readonly alg: SignatureAlg;
  readonly bytes: Uint8Array;
}

export interface KeyPair {
  readonly publicKey: PublicKey;
  readonly privateKey: PrivateKey;
}

/**
 * Signature bytes: Ed25519 — 64 bytes (RFC 8032); ES256 — 64 bytes r||s (IEEE P1363, as JOSE and
 * WebCrypto use).
 */
export interface SignatureBackend {
  readonly name: string;
  generateKeyPair(alg: SignatureAlg): Promise<KeyPair>;
  /** Derives the public key of a private key. */
  publicKeyOf(privateKey: PrivateKey): Promise<PublicKey>;
  sign(privateKey: PrivateKey, message: Uint8Array): Promise<Uint8Array>;
  /** Returns false — never throws — for a malformed key, signature or a failed check. */
  verify(publicKey: PublicKey, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /**
   * Optional ES256 check from a point's affine x and y (as a JWK carries them): saves
   * decompressing a compressed key when the caller has both. Same contract as verify.
   */
  verifyP256Xy?(
    x: Uint8Array,
    y: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
  ): Promise<boolean>;
}

export const PUBLIC_KEY_LENGTH: Record<SignatureAlg, number> = { Ed25519: 32, ES256: 33 };
export const SIGNATURE_LENGTH: Record<SignatureAlg, number> = { Ed25519: 64, ES256: 64 };

export function isSignatureAlg(x: unknown): x is SignatureAlg {
  return x === 'Ed25519' || x === 'ES256';
}
