// DIDs (DESIGN.md): `did:key` for citizens (the key is the identifier, a fresh one per service)
// and `did:web` for member bodies (bound to keys in the on-ledger registry).
import { base58 } from '@scure/base';
import type { PublicKey, SignatureAlg } from './crypto.js';
import { PUBLIC_KEY_LENGTH } from './crypto.js';

// Multicodec prefixes as unsigned varints: ed25519-pub (0xed), p256-pub (0x1200).
const MULTICODEC: Record<SignatureAlg, readonly [number, number]> = {
  Ed25519: [0xed, 0x01],
  ES256: [0x80, 0x24],
};

// Longer than any did:key we decode (57 chars for P-256); base58 decoding is quadratic, so
// hostile lengths are refused before decoding.
const DID_KEY_LENGTH_MAX = 64;
const DNS_NAME_LENGTH_MAX = 253;

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
// Lower-case LDH labels; the last one starts with a letter, so IP addresses (which the did:web
// spec forbids) never match. Lower case only: one spelling per DID, as the ledger compares strings.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const TOP_LABEL = '[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?';
// DID Core idchar: ALPHA / DIGIT / "." / "-" / "_" / pct-encoded (upper-case hex, RFC 3986 §6.2.2.1).
const ID_CHAR = '(?:[A-Za-z0-9._-]|%[0-9A-F]{2})';

/**
 * The DIDs Cadwyn accepts, by syntax: `did:key:z…` (base58btc multibase), and
 * `did:web:<domain>[%3A<port>][:<path>…]` per the did:web method spec.
 * Use `isDid` for the full check.
 */
export const DID_RE = new RegExp(
  `^did:(?:key:z${BASE58}+|web:(?:${LABEL}\\.)*${TOP_LABEL}(?:%3A[1-9][0-9]{0,4})?(?::${ID_CHAR}+)*)$`,
);

/** True for a did:key Cadwyn can verify (Ed25519 or P-256) or a well-formed did:web. */
export function isDid(x: unknown): x is string {
  if (typeof x !== 'string' || !DID_RE.test(x)) return false;
  if (x.startsWith('did:key:')) return publicKeyFromDidKey(x) !== undefined;
  const authority = x.slice('did:web:'.length).split(':', 1)[0];
  const [host, port] = authority.split('%3A');
  return host.length <= DNS_NAME_LENGTH_MAX && (port === undefined || Number(port) <= 65535);
}

function keyBytesWellFormed(alg: SignatureAlg, bytes: Uint8Array): boolean {
  if (bytes.length !== PUBLIC_KEY_LENGTH[alg]) return false;
  // ES256 keys are compressed SEC1 points; whether a point is on the curve is verify's question.
  return alg === 'Ed25519' || bytes[0] === 0x02 || bytes[0] === 0x03;
}

/** The did:key of a public key (`z6Mk…` for Ed25519, `zDn…` for P-256). Throws for a bad key. */
export function didKeyFromPublicKey(pk: PublicKey): string {
  const prefix = MULTICODEC[pk.alg] as readonly [number, number] | undefined;
  if (prefix === undefined || !keyBytesWellFormed(pk.alg, pk.bytes)) {
    throw new TypeError(`not an ${String(pk.alg)} public key`);
  }
  const bytes = new Uint8Array(2 + pk.bytes.length);
  bytes.set(prefix);
  bytes.set(pk.bytes, 2);
  return 'did:key:z' + base58.encode(bytes);
}

/**
 * The public key a did:key carries, or undefined for anything else: another DID method, a
 * DID URL (`#fragment`), another multibase or key type, a wrong length.
 */
export function publicKeyFromDidKey(did: string): PublicKey | undefined {
  if (typeof did !== 'string' || did.length > DID_KEY_LENGTH_MAX) return undefined;
  if (!did.startsWith('did:key:z')) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(did.slice('did:key:z'.length));
  } catch {
    return undefined;
  }
  for (const alg of ['Ed25519', 'ES256'] as const) {
    const [a, b] = MULTICODEC[alg];
    if (bytes[0] !== a || bytes[1] !== b) continue;
    const key = bytes.slice(2);
    return keyBytesWellFormed(alg, key) ? { alg, bytes: key } : undefined;
  }
  return undefined;
}
