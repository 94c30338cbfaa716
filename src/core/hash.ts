// SHA-256 for the whole ledger (DESIGN.md: hashes). Synchronous and isomorphic: Merkle trees
// and state roots hash millions of small inputs, which WebCrypto's async digest cannot do well.
// The default is @noble/hashes (pure JS, runs anywhere); a host with a faster implementation of
// the same function (Node's OpenSSL, ~10x faster on long inputs) installs it with useSha256.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes.js';

export type Sha256 = (data: Uint8Array) => Uint8Array;

let impl: Sha256 = nobleSha256;

/**
 * Installs another implementation of exactly SHA-256. It must give identical output (tests
 * cross-check it); it changes speed, never results, so determinism is unaffected.
 */
export function useSha256(fn: Sha256): void {
  if (fn(new Uint8Array(0)).length !== 32) throw new TypeError('not a SHA-256 function');
  impl = fn;
}

export function sha256(data: Uint8Array): Uint8Array {
  return impl(data);
}

export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(typeof data === 'string' ? utf8(data) : data));
}

export const HASH_LENGTH = 32;

/** A lower-case hex SHA-256 digest. */
export const HEX_DIGEST_RE = /^[0-9a-f]{64}$/;
