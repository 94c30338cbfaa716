// RFC 8785 JSON Canonicalization Scheme. Hand-written (docs/decisions/0002-jcs-by-hand.md): it
// is on the ingest hot path and must also reject what I-JSON forbids, in one walk.
import { utf8 } from './bytes.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class CanonicalJsonError extends Error {
  readonly code = 'CANONICAL_JSON_INVALID';
  constructor(readonly reason: string) {
    super(`not canonicalisable JSON: ${reason}`);
  }
}

const LONE_SURROGATE_RE = /\p{Surrogate}/u;

/** Arrays and objects nest at most this deep (it also stops cycles). */
export const NESTING_MAX = 64;

// depth = how many arrays/objects enclose value. The limit counts containers only, so 65 nested
// empty arrays are refused just as 65 nested arrays around a number are.
function serialise(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      // I-JSON (RFC 7493) forbids lone surrogates; a well-formed string has none.
      if (LONE_SURROGATE_RE.test(value)) throw new CanonicalJsonError('lone surrogate in string');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number');
      // ECMAScript Number::toString is exactly what RFC 8785 §3.2.2.3 prescribes.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= NESTING_MAX) throw new CanonicalJsonError(`nesting deeper than ${NESTING_MAX}`);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += serialise(value[i], depth + 1);
        }
        return out + ']';
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError('not a plain object');
      }
      const obj = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = obj[key];
        if (v === undefined) throw new CanonicalJsonError('undefined value');
        if (LONE_SURROGATE_RE.test(key)) throw new CanonicalJsonError('lone surrogate in key');
        if (!first) out += ',';
        first = false;
        out += JSON.stringify(key) + ':' + serialise(v, depth + 1);
      }
      return out + '}';
    }
    default:
      throw new CanonicalJsonError(`unsupported type ${typeof value}`);
  }
}

/** The canonical JSON text of a value. Throws CanonicalJsonError for non-JSON values. */
export function canonicalJson(value: unknown): string {
  return serialise(value, 0);
}

/** The canonical UTF-8 bytes of a value. Throws CanonicalJsonError for non-JSON values. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(serialise(value, 0));
}

/** Like canonicalJson, but answers undefined for hostile input instead of throwing. */
export function tryCanonicalJson(value: unknown): string | undefined {
  try {
    return serialise(value, 0);
  } catch (e) {
    if (e instanceof CanonicalJsonError) return undefined;
    throw e;
  }
}
