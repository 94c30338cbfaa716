// SHA-256 for the whole ledger (DESIGN.md: hashes). Synchronous and isomorphic: Merkle trees
// and state roots hash millions of small inputs, which WebCrypto's async digest cannot do well.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes.js';

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(typeof data === 'string' ? utf8(data) : data));
}

export const HASH_LENGTH = 32;

/** A lower-case hex SHA-256 digest. */
export const HEX_DIGEST_RE = /^[0-9a-f]{64}$/;
