// Domain separation (DESIGN.md): every Cadwyn signature covers a purpose tag and the canonical
// bytes, so a signature made for one purpose can never be accepted for another.
import { concatBytes, utf8 } from './bytes.js';

export const SIGNATURE_DOMAINS = [
  'transaction',
  'governance-approval',
  'block',
  'challenge',
  'data-request',
] as const;
export type SignatureDomain = (typeof SIGNATURE_DOMAINS)[number];

const prefixes = new Map<SignatureDomain, Uint8Array>(
  SIGNATURE_DOMAINS.map((d) => [d, utf8(`cadwyn/v1/${d}\n`)]),
);

/** The exact bytes that get signed for a purpose. */
export function signingInput(domain: SignatureDomain, canonical: Uint8Array): Uint8Array {
  const prefix = prefixes.get(domain);
  if (!prefix) throw new TypeError(`unknown signature domain ${String(domain)}`);
  return concatBytes(prefix, canonical);
}
