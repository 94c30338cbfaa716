// Pure-JS signature backend on @noble/curves: the browser's fallback where WebCrypto lacks
// Ed25519, and an independent implementation to cross-check the other two against.
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import type { KeyPair, PrivateKey, PublicKey, SignatureAlg, SignatureBackend } from './crypto.js';
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from './crypto.js';

function publicKeyOfSync(privateKey: PrivateKey): PublicKey {
  if (privateKey.alg === 'Ed25519') {
    return { alg: 'Ed25519', bytes: ed25519.getPublicKey(privateKey.bytes) };
  }
  return { alg: 'ES256', bytes: p256.getPublicKey(privateKey.bytes, true) };
}

export const nobleBackend: SignatureBackend = {
  name: 'noble',
  async generateKeyPair(alg: SignatureAlg): Promise<KeyPair> {
    const bytes =
      alg === 'Ed25519' ? ed25519.utils.randomSecretKey() : p256.utils.randomSecretKey();
    const privateKey: PrivateKey = { alg, bytes };
    return { privateKey, publicKey: publicKeyOfSync(privateKey) };
  },
  async publicKeyOf(privateKey: PrivateKey): Promise<PublicKey> {
    return publicKeyOfSync(privateKey);
  },
  async sign(privateKey: PrivateKey, message: Uint8Array): Promise<Uint8Array> {
    if (privateKey.alg === 'Ed25519') return ed25519.sign(message, privateKey.bytes);
    // prehash: ES256 signs SHA-256(message); lowS off so it verifies like WebCrypto/OpenSSL.
    return p256.sign(message, privateKey.bytes, { prehash: true, lowS: false });
  },
  async verify(publicKey: PublicKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    if (publicKey.bytes.length !== PUBLIC_KEY_LENGTH[publicKey.alg]) return false;
    if (signature.length !== SIGNATURE_LENGTH[publicKey.alg]) return false;
    try {
      if (publicKey.alg === 'Ed25519') {
        return ed25519.verify(signature, message, publicKey.bytes, { zip215: false });
      }
      return p256.verify(signature, message, publicKey.bytes, { prehash: true, lowS: false });
    } catch {
      return false;
    }
  },
};
