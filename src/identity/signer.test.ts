import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { compactVerify, CompactSign, importJWK } from 'jose';
import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../core/bytes.js';
import { nobleBackend } from '../core/noble.js';
import {
  jwsAlgOf,
  publicJwkOf,
  publicKeyFromJwk,
  publicMembers,
  signerFromCryptoKey,
  signerFromPrivateKey,
  verifierFor,
  verifyJws,
} from './signer.js';

const seed = new Uint8Array(32).fill(7);
const scalar = new Uint8Array(32).fill(9);

async function jws(
  signer: { alg: string; sign(d: Uint8Array): Promise<Uint8Array> },
  text: string,
) {
  const header = toBase64Url(utf8(JSON.stringify({ alg: signer.alg })));
  const payload = toBase64Url(utf8(text));
  const sig = await signer.sign(utf8(`${header}.${payload}`));
  return `${header}.${payload}.${toBase64Url(sig)}`;
}

describe('publicJwkOf / publicKeyFromJwk', () => {
  it('Ed25519 ↔ OKP JWK', () => {
    const pk = { alg: 'Ed25519' as const, bytes: ed25519.getPublicKey(seed) };
    const jwk = publicJwkOf(pk);
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: toBase64Url(pk.bytes) });
    expect(publicKeyFromJwk(jwk)).toEqual(pk);
    expect(jwsAlgOf(jwk)).toBe('EdDSA');
  });

  it('compressed P-256 ↔ EC JWK with x and y', () => {
    const pk = { alg: 'ES256' as const, bytes: p256.getPublicKey(scalar, true) };
    const jwk = publicJwkOf(pk);
    const full = p256.getPublicKey(scalar, false);
    expect(jwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: toBase64Url(full.subarray(1, 33)),
      y: toBase64Url(full.subarray(33)),
    });
    expect(publicKeyFromJwk(jwk)).toEqual(pk);
    expect(jwsAlgOf(jwk)).toBe('ES256');
  });

  it('refuses keys Cadwyn does not use, and small-order Ed25519 keys', () => {
    expect(() =>
      publicJwkOf({ alg: 'ES256', bytes: Uint8Array.of(5, ...new Uint8Array(32)) }),
    ).toThrow();
    for (const bad of [
      null,
      {},
      { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
      { kty: 'OKP', crv: 'X25519', x: toBase64Url(new Uint8Array(32)) },
      { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(Uint8Array.of(1, ...new Uint8Array(31))) },
      { kty: 'EC', crv: 'P-256', x: toBase64Url(new Uint8Array(32)) },
      { kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' },
    ]) {
      expect(jwsAlgOf(bad)).toBeUndefined();
      expect(publicKeyFromJwk(bad)).toBeUndefined();
    }
  });

  it('publicMembers drops private and extra members', () => {
    const jwk = publicJwkOf({ alg: 'ES256', bytes: p256.getPublicKey(scalar, true) });
    expect(publicMembers({ ...jwk, d: 'secret', use: 'sig', kid: 'k' })).toEqual(jwk);
  });
});

describe('signers and verifiers', () => {
  for (const alg of ['Ed25519', 'ES256'] as const) {
    it(`${alg}: our signatures verify with jose, ours and an injected backend`, async () => {
      const signer = signerFromPrivateKey(
        { alg, bytes: alg === 'Ed25519' ? seed : scalar },
        'did:web:x.example#k',
      );
      expect(signer.kid).toBe('did:web:x.example#k');
      const token = await jws(signer, 'hello');
      const key = await importJWK(signer.jwk as JWK, signer.alg);
      expect(new TextDecoder().decode((await compactVerify(token, key)).payload)).toBe('hello');
      const [h, p, s] = token.split('.');
      const verify = verifierFor(signer.jwk as JsonWebKey);
      const data = utf8(`${h}.${p}`);
      const sig = Buffer.from(s, 'base64url');
      expect(await verify?.(data, sig)).toBe(true);
      expect(await verifyJws(signer.jwk, signer.alg, data, sig, nobleBackend)).toBe(true);
      expect(await verify?.(utf8(`${h}.${p}x`), sig)).toBe(false);
      expect(await verifyJws(signer.jwk, alg === 'ES256' ? 'EdDSA' : 'ES256', data, sig)).toBe(
        false,
      );
      expect(await verifyJws(signer.jwk, signer.alg, data, sig.subarray(1))).toBe(false);
    });

    it(`${alg}: jose's signatures verify with ours`, async () => {
      const signer = signerFromPrivateKey({ alg, bytes: alg === 'Ed25519' ? seed : scalar });
      const jwk = signer.jwk as Record<string, string>;
      const d = toBase64Url(alg === 'Ed25519' ? seed : scalar);
      const priv = await importJWK({ ...jwk, d }, signer.alg);
      const token = await new CompactSign(utf8('from jose'))
        .setProtectedHeader({ alg: signer.alg })
        .sign(priv);
      const [h, p, s] = token.split('.');
      expect(await verifyJws(jwk, signer.alg, utf8(`${h}.${p}`), Buffer.from(s, 'base64url'))).toBe(
        true,
      );
    });
  }

  it('a WebCrypto key signs as a wallet would', async () => {
    const subtle = globalThis.crypto.subtle;
    const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const jwk = await subtle.exportKey('jwk', pair.publicKey);
    const signer = signerFromCryptoKey(pair.privateKey, jwk);
    expect(signer.alg).toBe('ES256');
    expect(Object.keys(signer.jwk as object)).toEqual(['kty', 'crv', 'x', 'y']);
    const token = await jws(signer, 'wallet');
    await expect(
      compactVerify(token, await importJWK(signer.jwk as JWK, 'ES256')),
    ).resolves.toBeTruthy();
  });
});
