import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../core/bytes.js';
import { publicKeyFromDidKey } from '../core/did.js';
import { nobleBackend } from '../core/noble.js';
import { webCryptoBackend } from '../core/webcrypto.js';
import {
  generateScalar,
  importSigningKey,
  publicJwk,
  publicJwkOfDid,
  publicKeyOfScalar,
  signEs256,
} from './keys.js';
import type { Random } from './random.js';

/** Deterministic bytes for reproducible keys. */
function seededRandom(seed: string): Random {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += 32) {
      out.set(sha256(utf8(`${seed}/${counter++}`)).subarray(0, Math.min(32, n - off)), off);
    }
    return out;
  };
}

describe('citizen keys', () => {
  it('come only from the injected randomness', () => {
    expect(generateScalar(seededRandom('a'))).toEqual(generateScalar(seededRandom('a')));
    expect(generateScalar(seededRandom('a'))).not.toEqual(generateScalar(seededRandom('b')));
    expect(() => generateScalar(() => new Uint8Array(3))).toThrow(RangeError);
  });

  it('are named by a P-256 did:key of the compressed public key', async () => {
    const scalar = generateScalar(seededRandom('did'));
    const key = await importSigningKey(scalar);
    expect(key.did).toMatch(/^did:key:zDn/);
    expect(publicKeyFromDidKey(key.did)).toEqual(publicKeyOfScalar(scalar));
    expect(key.publicKey.bytes).toHaveLength(33);
    const jwk = publicJwkOfDid(key.did);
    expect(jwk).toEqual(publicJwk(key.publicKey));
    expect(jwk?.crv).toBe('P-256');
    expect(publicJwkOfDid('did:web:example.org')).toBeUndefined();
  });

  it('are non-extractable CryptoKeys that can only sign', async () => {
    const key = await importSigningKey(generateScalar(seededRandom('x')));
    expect(key.cryptoKey.extractable).toBe(false);
    expect(key.cryptoKey.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('jwk', key.cryptoKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', key.cryptoKey)).rejects.toThrow();
  });

  it('sign ES256 (SHA-256 of the message, r||s) as core verifies it', async () => {
    const scalar = generateScalar(seededRandom('sig'));
    const key = await importSigningKey(scalar);
    const message = utf8('cadwyn/v1/transaction\n{"a":1}');
    const sig = await signEs256(key, message);
    expect(sig).toHaveLength(64);
    expect(await nobleBackend.verify(key.publicKey, message, sig)).toBe(true);
    expect(await webCryptoBackend().verify(key.publicKey, message, sig)).toBe(true);
    expect(await nobleBackend.verify(key.publicKey, utf8('other'), sig)).toBe(false);
    // The same message noble signs verifies too: both mean ECDSA over SHA-256(message).
    expect(
      p256.verify(sig, sha256(message), key.publicKey.bytes, { prehash: false, lowS: false }),
    ).toBe(true);
  });

  it('refuses an invalid scalar', async () => {
    await expect(importSigningKey(new Uint8Array(32))).rejects.toThrow(RangeError);
    await expect(importSigningKey(new Uint8Array(31).fill(1))).rejects.toThrow(RangeError);
  });
});
