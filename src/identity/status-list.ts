// IETF Token Status List with @sd-jwt/jwt-status-list: 2 bits per credential, in a signed JWT
// (typ statuslist+jwt) whose exact bytes the issuer anchors on the ledger.
import { Jwt } from '@sd-jwt/core';
import type { JwtPayload } from '@sd-jwt/types';
import type { BitsPerStatus, StatusListJWTHeaderParameters } from '@sd-jwt/jwt-status-list';
import { createHeaderAndPayload, StatusList } from '@sd-jwt/jwt-status-list';
import { toBase64Url, utf8 } from '../core/bytes.js';
import type { SignatureBackend } from '../core/crypto.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { CompactJwt } from './sd-jwt.js';
import { isPlainObject, isTime, parseCompactJwt } from './sd-jwt.js';
import type { JwsSigner } from './signer.js';
import { verifyJws } from './signer.js';

export const STATUS_LIST_TYP = 'statuslist+jwt';
/** Bits per credential: room for valid, invalid (revoked) and suspended. */
export const STATUS_BITS = 2;

export const STATUS_VALID = 0;
/** "INVALID" in the Token Status List: revoked for good. */
export const STATUS_INVALID = 1;
export const STATUS_SUSPENDED = 2;

/** Largest status list token read (a 2-bit list of a million entries compresses far below it). */
export const STATUS_LIST_TOKEN_MAX = 512 * 1024;
/** Most entries a decompressed list may have: bounds what a signed but hostile list costs. */
export const STATUS_LIST_ENTRIES_MAX = 1 << 22;

export interface CreateStatusListOptions {
  /** Where the token is served; becomes `sub`. */
  readonly uri: string;
  readonly issuer: string;
  readonly kid: string;
  readonly signer: JwsSigner;
  /** One value (0–3) per credential. */
  readonly statuses: Uint8Array | readonly number[];
  readonly iatS: number;
  /** How long a verifier may cache the token, in seconds. */
  readonly ttlS: number;
  /** Optional hard expiry; the ledger anchor already tells a verifier which version is current. */
  readonly expS?: number;
}

/** A signed status list token (compact JWT). Throws for invalid input. */
export async function createStatusListToken(o: CreateStatusListOptions): Promise<string> {
  const statuses = Array.from(o.statuses);
  if (statuses.length === 0 || statuses.length > STATUS_LIST_ENTRIES_MAX) {
    throw new RangeError(`a status list holds 1 to ${STATUS_LIST_ENTRIES_MAX} entries`);
  }
  for (const s of statuses) {
    if (!Number.isInteger(s) || s < 0 || s >= 1 << STATUS_BITS) {
      throw new RangeError(`status values are 0 to ${(1 << STATUS_BITS) - 1}`);
    }
  }
  if (!isTime(o.iatS) || !isTime(o.ttlS)) throw new RangeError('iatS and ttlS must be integers');
  const list = new StatusList(statuses, STATUS_BITS as BitsPerStatus);
  const payload: JwtPayload = {
    sub: o.uri,
    iss: o.issuer,
    iat: o.iatS,
    ...(o.expS === undefined ? {} : { exp: o.expS }),
    ttl: o.ttlS,
  };
  const header: StatusListJWTHeaderParameters = {
    alg: o.signer.alg,
    typ: STATUS_LIST_TYP,
    kid: o.kid,
  };
  const made = createHeaderAndPayload(list, payload, header);
  const jwt = new Jwt({ header: made.header, payload: made.payload });
  const signer = o.signer;
  return jwt.sign(async (data: string) => toBase64Url(await signer.sign(utf8(data))));
}

export interface VerifiedStatusList {
  /** `sub`: the URI the list is served at. */
  readonly uri: string;
  readonly issuer: string | undefined;
  readonly kid: string | undefined;
  readonly iat: number;
  readonly exp: number | undefined;
  readonly ttl: number | undefined;
  readonly bits: number;
  /** One byte per credential. */
  readonly statuses: Uint8Array;
}

/** The status of entry idx, or undefined when the list has no such entry. */
export function statusAt(list: VerifiedStatusList, idx: number): number | undefined {
  return Number.isInteger(idx) && idx >= 0 && idx < list.statuses.length
    ? list.statuses[idx]
    : undefined;
}

export interface ReadStatusListOptions {
  /** The URI the token was fetched from: `sub` must name it. */
  readonly uri?: string;
  /** The issuer expected in `iss`. */
  readonly issuer?: string;
  /** Checks `exp` when given. */
  readonly nowS?: number;
  readonly backend?: SignatureBackend;
}

/** Parses a status list token without checking its signature (for verify's cache). */
export function parseStatusListToken(jwt: unknown): CompactJwt | undefined {
  if (typeof jwt !== 'string' || jwt.length > STATUS_LIST_TOKEN_MAX) return undefined;
  const parsed = parseCompactJwt(jwt);
  if (!parsed || parsed.header.typ !== STATUS_LIST_TYP) return undefined;
  return parsed;
}

/** Checks the signature and shape of a parsed token and decompresses its list. */
export async function verifyParsedStatusList(
  parsed: CompactJwt,
  issuerJwk: unknown,
  backend?: SignatureBackend,
): Promise<Result<VerifiedStatusList, 'STATUS_LIST_INVALID'>> {
  const { header, payload } = parsed;
  const ok = await verifyJws(
    issuerJwk,
    header.alg,
    utf8(parsed.signingInput),
    parsed.signature,
    backend,
  );
  if (!ok) return fail('STATUS_LIST_INVALID', 'signature');
  const sl = payload.status_list;
  if (typeof payload.sub !== 'string' || !isTime(payload.iat) || !isPlainObject(sl)) {
    return fail('STATUS_LIST_INVALID', 'sub, iat and status_list are required');
  }
  if (payload.exp !== undefined && !isTime(payload.exp)) return fail('STATUS_LIST_INVALID', 'exp');
  if (payload.ttl !== undefined && !isTime(payload.ttl)) return fail('STATUS_LIST_INVALID', 'ttl');
  const { bits, lst } = sl;
  if ((bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) || typeof lst !== 'string') {
    return fail('STATUS_LIST_INVALID', 'status_list.bits or lst');
  }
  let statuses: Uint8Array;
  try {
    const values = StatusList.decompressStatusList(lst, bits).statusList;
    if (values.length > STATUS_LIST_ENTRIES_MAX) return fail('STATUS_LIST_INVALID', 'too long');
    statuses = Uint8Array.from(values);
  } catch {
    return fail('STATUS_LIST_INVALID', 'status_list.lst does not decompress');
  }
  return {
    ok: true,
    value: {
      uri: payload.sub,
      issuer: typeof payload.iss === 'string' ? payload.iss : undefined,
      kid: typeof header.kid === 'string' ? header.kid : undefined,
      iat: payload.iat,
      exp: payload.exp as number | undefined,
      ttl: payload.ttl as number | undefined,
      bits,
      statuses,
    },
  };
}

/** Verifies a status list token with the issuer's key. Never throws. */
export async function readStatusListToken(
  jwt: string,
  issuerJwk: JsonWebKey,
  opts: ReadStatusListOptions = {},
): Promise<Result<VerifiedStatusList, 'STATUS_LIST_INVALID'>> {
  try {
    const parsed = parseStatusListToken(jwt);
    if (!parsed) return fail('STATUS_LIST_INVALID', 'not a status list token');
    const r = await verifyParsedStatusList(parsed, issuerJwk, opts.backend);
    if (!r.ok) return r;
    return checkStatusList(r.value, opts);
  } catch {
    return fail('STATUS_LIST_INVALID', 'unreadable');
  }
}

/** The checks that depend on where and when the list is used, not on the token alone. */
export function checkStatusList(
  list: VerifiedStatusList,
  opts: { readonly uri?: string; readonly issuer?: string; readonly nowS?: number },
): Result<VerifiedStatusList, 'STATUS_LIST_INVALID'> {
  if (opts.uri !== undefined && list.uri !== opts.uri) return fail('STATUS_LIST_INVALID', 'sub');
  if (opts.issuer !== undefined && list.issuer !== opts.issuer) {
    return fail('STATUS_LIST_INVALID', 'iss');
  }
  if (opts.nowS !== undefined && list.exp !== undefined && opts.nowS >= list.exp) {
    return fail('STATUS_LIST_INVALID', 'expired');
  }
  return { ok: true, value: list };
}
