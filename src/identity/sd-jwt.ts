// Strict parsing of compact JWTs and SD-JWTs, and the disclosure checks of RFC 9901 §7.1 that
// @sd-jwt/decode does not make (it silently ignores a disclosure whose digest is nowhere in the
// payload, and a duplicated one). Used by every verifier here; hostile input gives undefined or a
// coded failure, never a throw.
import type { Hasher } from '@sd-jwt/types';
import { fromUtf8, utf8 } from '../core/bytes.js';
import { b64uDecode, b64uEncode } from './b64.js';
import { sha256 } from '../core/hash.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { ClaimPath } from './types.js';

/** Longest presentation accepted: ours are a few KB; this refuses junk before any work. */
export const PRESENTATION_LENGTH_MAX = 64 * 1024;
/** Most disclosures accepted in one SD-JWT. */
export const DISCLOSURES_MAX = 256;
/** Deepest claim nesting walked. */
const DEPTH_MAX = 32;

// base64url segments separated by '.' (JWS) and '~' (SD-JWT): ASCII only, so string length is
// byte length and the sd_hash input needs no re-encoding questions.
const SD_JWT_CHARS_RE = /^[A-Za-z0-9_\-.~]*$/;

/** The @sd-jwt hasher: SHA-256 only, through core's sha256. */
export const sdHasher: Hasher = (data, alg) => {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported hash ${alg}`);
  return sha256(typeof data === 'string' ? utf8(data) : new Uint8Array(data));
};

/** base64url(SHA-256(ascii)): a disclosure digest or an sd_hash. */
export function digestOf(ascii: string): string {
  return b64uEncode(sha256(utf8(ascii)));
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function jsonOf(segment: string): unknown {
  const bytes = b64uDecode(segment);
  if (bytes === undefined) return undefined;
  const text = fromUtf8(bytes);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface CompactJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  /** `header.payload` exactly as received: what the signature covers. */
  readonly signingInput: string;
  readonly signature: Uint8Array;
}

/** A compact JWS with JSON-object header and payload, or undefined. Signature not checked. */
export function parseCompactJwt(jwt: string): CompactJwt | undefined {
  const a = jwt.indexOf('.');
  const b = jwt.indexOf('.', a + 1);
  if (a <= 0 || b <= a + 1 || jwt.indexOf('.', b + 1) !== -1) return undefined;
  const header = jsonOf(jwt.slice(0, a));
  const payload = jsonOf(jwt.slice(a + 1, b));
  // Canonical base64url only: a second spelling of the same signature would be a second token.
  const signature = b64uDecode(jwt.slice(b + 1));
  if (!isPlainObject(header) || !isPlainObject(payload) || signature === undefined) {
    return undefined;
  }
  // No critical extensions are understood, so any `crit` makes the token unusable (RFC 7515).
  if (header.crit !== undefined) return undefined;
  return { header, payload, signingInput: jwt.slice(0, b), signature };
}

export interface SdJwtParts {
  /** The issuer-signed JWT, as received. */
  readonly jwt: string;
  /** The disclosures, as received. */
  readonly disclosures: readonly string[];
  /** The key-binding JWT, or '' when there is none. */
  readonly kb: string;
  /** Everything up to and including the last '~': what a KB-JWT's sd_hash covers. */
  readonly sdInput: string;
}

/** Splits `jwt~d1~…~dn~[kb]`, or undefined when it is not of that shape. */
export function splitSdJwt(sdJwt: unknown): SdJwtParts | undefined {
  if (typeof sdJwt !== 'string' || sdJwt.length > PRESENTATION_LENGTH_MAX) return undefined;
  if (!SD_JWT_CHARS_RE.test(sdJwt)) return undefined;
  const parts = sdJwt.split('~');
  if (parts.length < 2 || parts.length > DISCLOSURES_MAX + 2) return undefined;
  const kb = parts[parts.length - 1];
  const disclosures = parts.slice(1, -1);
  if (parts[0] === '' || disclosures.some((d) => d === '')) return undefined;
  return { jwt: parts[0], disclosures, kb, sdInput: sdJwt.slice(0, sdJwt.length - kb.length) };
}

export interface Disclosure {
  readonly encoded: string;
  readonly digest: string;
  readonly salt: string;
  /** The claim name; absent for an array element. */
  readonly key?: string;
  readonly value: unknown;
}

/** Decodes one disclosure and computes its digest, or undefined when it is malformed. */
export function parseDisclosure(encoded: string): Disclosure | undefined {
  const item = jsonOf(encoded);
  if (!Array.isArray(item) || typeof item[0] !== 'string') return undefined;
  const digest = digestOf(encoded);
  if (item.length === 2) return { encoded, digest, salt: item[0], value: item[1] as unknown };
  if (item.length !== 3 || typeof item[1] !== 'string') return undefined;
  const key = item[1];
  // Claim names the SD-JWT machinery itself uses cannot be disclosed (RFC 9901 §4.2.1).
  if (key === '_sd' || key === '...') return undefined;
  return { encoded, digest, salt: item[0], key, value: item[2] as unknown };
}

class Invalid extends Error {}

function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  // A '__proto__' claim must stay a claim, not become the object's prototype.
  if (key === '__proto__') {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    obj[key] = value;
  }
}

/**
 * Rebuilds the claims of an SD-JWT payload with its disclosures, enforcing RFC 9901 §7.1: every
 * disclosure is referenced (directly or through another disclosure), none twice; no digest appears
 * twice; object disclosures only in `_sd`, array ones only in `...`; a disclosed name does not
 * already exist beside it. `_sd_alg` is dropped; the rest of the payload is kept.
 */
export function resolveClaims(
  payload: Record<string, unknown>,
  disclosures: readonly Disclosure[],
): Result<Record<string, unknown>, 'DISCLOSURE_INVALID'> {
  const byDigest = new Map<string, Disclosure>();
  for (const d of disclosures) {
    if (byDigest.has(d.digest)) return fail('DISCLOSURE_INVALID', 'duplicate disclosure');
    byDigest.set(d.digest, d);
  }
  const seen = new Set<string>();
  let used = 0;

  const reference = (digest: unknown): Disclosure | undefined => {
    if (typeof digest !== 'string') throw new Invalid('digest is not a string');
    if (seen.has(digest)) throw new Invalid('digest appears twice');
    seen.add(digest);
    const d = byDigest.get(digest);
    if (d !== undefined) used++;
    return d;
  };

  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (depth > DEPTH_MAX) throw new Invalid('nested too deep');
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) {
        if (isPlainObject(item) && Object.hasOwn(item, '...')) {
          if (Object.keys(item).length !== 1) throw new Invalid('"..." with other keys');
          const d = reference(item['...']);
          if (d === undefined) continue; // undisclosed element or decoy
          if (d.key !== undefined) throw new Invalid('object disclosure in an array');
          out.push(walk(d.value, depth + 1));
        } else {
          out.push(walk(item, depth + 1));
        }
      }
      return out;
    }
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      if (key !== '_sd') put(out, key, walk(obj[key], depth + 1));
    }
    const sd = obj._sd;
    if (sd !== undefined) {
      if (!Array.isArray(sd)) throw new Invalid('_sd is not an array');
      for (const digest of sd) {
        const d = reference(digest);
        if (d === undefined) continue;
        if (d.key === undefined) throw new Invalid('array disclosure in _sd');
        if (Object.hasOwn(out, d.key)) throw new Invalid(`claim ${d.key} disclosed twice`);
        put(out, d.key, walk(d.value, depth + 1));
      }
    }
    return out;
  };

  try {
    const claims = walk(payload, 0) as Record<string, unknown>;
    delete claims._sd_alg;
    if (used !== byDigest.size) return fail('DISCLOSURE_INVALID', 'disclosure not in the payload');
    return { ok: true, value: claims };
  } catch (e) {
    if (e instanceof Invalid) return fail('DISCLOSURE_INVALID', e.message);
    // Stack exhaustion and the like: still hostile input, still an answer.
    return fail('DISCLOSURE_INVALID', 'unreadable');
  }
}

/** Parses every disclosure; undefined when any is malformed. */
export function parseDisclosures(encoded: readonly string[]): Disclosure[] | undefined {
  const out: Disclosure[] = [];
  for (const e of encoded) {
    const d = parseDisclosure(e);
    if (d === undefined) return undefined;
    out.push(d);
  }
  return out;
}

/** JWT claims an SD-JWT VC carries in the clear; everything else is a (disclosed) claim. */
export const VISIBLE_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'iat',
  'nbf',
  'exp',
  'jti',
  'vct',
  'vct#integrity',
  'cnf',
  'status',
  '_sd_alg',
]);

/** The claims of a resolved payload without the always-visible JWT claims. */
export function subjectClaims(resolved: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(resolved)) {
    if (!VISIBLE_CLAIMS.has(key)) put(out, key, resolved[key]);
  }
  return out;
}

export function isTime(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** The fields of an SD-JWT VC payload every check here relies on. */
export interface VcPayloadFields {
  readonly iss: string;
  readonly vct: string;
  readonly iat: number;
  readonly exp: number;
  readonly nbf?: number;
  readonly cnfJwk: Record<string, unknown>;
  readonly status: { readonly uri: string; readonly idx: number };
}

/** Reads the visible fields of a Cadwyn SD-JWT VC, or explains what is missing. */
export function vcFields(p: Record<string, unknown>): VcPayloadFields | string {
  if (typeof p.iss !== 'string' || p.iss === '') return 'iss';
  if (typeof p.vct !== 'string' || p.vct === '') return 'vct';
  if (!isTime(p.iat)) return 'iat';
  if (!isTime(p.exp)) return 'exp';
  if (p.nbf !== undefined && !isTime(p.nbf)) return 'nbf';
  if (p._sd_alg !== undefined && p._sd_alg !== 'sha-256') return '_sd_alg';
  const cnf = p.cnf;
  if (!isPlainObject(cnf) || !isPlainObject(cnf.jwk)) return 'cnf.jwk';
  const status = p.status;
  const sl = isPlainObject(status) ? status.status_list : undefined;
  if (!isPlainObject(sl) || typeof sl.uri !== 'string' || !isTime(sl.idx)) {
    return 'status.status_list';
  }
  return {
    iss: p.iss,
    vct: p.vct,
    iat: p.iat,
    exp: p.exp,
    ...(p.nbf === undefined ? {} : { nbf: p.nbf as number }),
    cnfJwk: cnf.jwk,
    status: { uri: sl.uri, idx: sl.idx },
  };
}

/** Whether a claims path selects something in these claims. */
export function hasClaim(claims: unknown, path: ClaimPath): boolean {
  if (path.length === 0) return false;
  const [seg, ...rest] = path;
  const step = (v: unknown) => (rest.length === 0 ? true : hasClaim(v, rest));
  if (typeof seg === 'string') {
    return isPlainObject(claims) && Object.hasOwn(claims, seg) && step(claims[seg]);
  }
  if (!Array.isArray(claims)) return false;
  if (seg === null) return claims.some(step);
  return Number.isInteger(seg) && seg >= 0 && seg < claims.length && step(claims[seg]);
}
