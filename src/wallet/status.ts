// Whether a credential in the wallet is still valid, as its issuer says (IETF Token Status
// List, 2 bits per credential: see src/identity/status-list.ts), checked the way a verifier
// checks it but privately:
//   - the WHOLE list is fetched from the credential's `status_list.uri`, never a question about
//     one credential, so the node learns only that someone holding a credential of that list
//     looked (herd privacy);
//   - the token's signature is checked with the issuer's key from the ledger's DID document (the
//     same trust path as issuance and request objects: ledger.ts), its `sub` must be the list's
//     URI and its `iss` the credential's issuer;
//   - its SHA-256 must be the digest the ledger anchors for that URI now (GET /v1/status-anchors,
//     a public route asked about the list, not the credential), so a node cannot keep serving an
//     old, signed "valid" after the issuer revoked.
// The list is decompressed with the platform's DecompressionStream (zlib, as the spec says):
// @sd-jwt/jwt-status-list's pako would cost the Wallet's bundle more than its whole budget gap.
import { utf8 } from '../core/bytes.js';
import { sha256Hex } from '../core/hash.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import { b64uDecode } from '../identity/b64.js';
import { decodeCredential } from '../identity/credential.js';
import { parseCompactJwt, vcFields } from '../identity/sd-jwt.js';
import { verifyJws } from '../identity/signer.js';
import {
  STATUS_INVALID,
  STATUS_LIST_ENTRIES_MAX,
  STATUS_LIST_TOKEN_MAX,
  STATUS_LIST_TYP,
  STATUS_SUSPENDED,
  STATUS_VALID,
} from '../identity/status-list.js';
import { ledgerKey } from './ledger.js';
import type { Fetch, NetOptions } from './net.js';
import { fetchOf, httpRequest, isOk, isPlainObject, isWebUrl, joinUrl, nonEmpty } from './net.js';

export type CredentialStatusName = 'valid' | 'revoked' | 'suspended';

export interface CredentialStatus {
  readonly status: CredentialStatusName;
  /** When the wallet checked (ms since the epoch). */
  readonly checkedMs: number;
  /** When the issuer signed the list that said so (ms). */
  readonly listIssuedMs: number;
}

export type CredentialStatusError =
  /** The list, the ledger's anchor or the issuer's key could not be fetched (offline, say). */
  | 'STATUS_UNREACHABLE'
  /** The list is not one the issuer signed for this URI, or has no entry for the credential. */
  | 'STATUS_LIST_INVALID'
  /** A signed list, but not the version the ledger anchors now (stale, or no anchor). */
  | 'STATUS_LIST_NOT_CURRENT'
  /** No such credential in the wallet. */
  | 'CREDENTIAL_NOT_FOUND'
  /** The stored credential has no readable issuer or status reference. */
  | 'CREDENTIAL_MALFORMED';

export interface CredentialStatusOptions extends NetOptions {
  /**
   * The ledger node whose DID documents and anchors the wallet trusts. Default: the status list
   * URI's origin; a wallet that knows its node should pass it.
   */
  readonly nodeUrl?: string;
  /** ms since the epoch; default now. */
  readonly nowMs?: number;
}

/** Where a credential's status is, and who must have signed it. */
export interface StatusReference {
  readonly issuer: string;
  readonly uri: string;
  readonly idx: number;
}

/** The issuer and status reference of a stored SD-JWT VC (signature checked at issuance). */
export function statusReferenceOf(sdJwt: string): StatusReference | undefined {
  try {
    const f = vcFields(decodeCredential(sdJwt).payload);
    return typeof f === 'string'
      ? undefined
      : { issuer: f.iss, uri: f.status.uri, idx: f.status.idx };
  } catch {
    return undefined;
  }
}

const unreachable = (what: string) => fail('STATUS_UNREACHABLE' as const, what);
const invalid = (what: string) => fail('STATUS_LIST_INVALID' as const, what);

/** A list token's signed content, once its signature, `sub`, `iss` and shape are checked. */
interface SignedList {
  readonly iat: number;
  readonly bits: 1 | 2 | 4 | 8;
  readonly lst: string;
}

/** The whole list at ref.uri, as text; `fresh` asks past any copy the browser kept. */
async function fetchList(
  fetch: Fetch,
  uri: string,
  fresh: boolean,
): Promise<Result<string, CredentialStatusError>> {
  const a = await httpRequest(fetch, uri, {
    headers: { accept: 'application/statuslist+jwt' },
    ...(fresh ? { cache: 'no-cache' as const } : {}),
  });
  if (a === undefined || a.status >= 500) return unreachable('status list');
  if (!isOk(a)) return invalid(`status list HTTP ${a.status}`);
  const token = a.text.trim();
  if (token.length > STATUS_LIST_TOKEN_MAX) return invalid('too large');
  return { ok: true, value: token };
}

async function readList(
  fetch: Fetch,
  nodeUrl: string,
  ref: StatusReference,
  token: string,
  nowMs: number,
): Promise<Result<SignedList, CredentialStatusError>> {
  const parsed = parseCompactJwt(token);
  if (parsed === undefined || parsed.header.typ !== STATUS_LIST_TYP) {
    return invalid('not a status list token');
  }
  const { header, payload } = parsed;
  const kid = header.kid;
  if (!nonEmpty(kid) || !kid.startsWith(`${ref.issuer}#`)) return invalid('kid');
  const key = await ledgerKey(fetch, nodeUrl, ref.issuer, kid);
  if (!key.ok) {
    return key.code === 'LEDGER_UNREACHABLE' ? unreachable('issuer key') : invalid(key.code);
  }
  const signed = await verifyJws(
    key.value,
    header.alg,
    utf8(parsed.signingInput),
    parsed.signature,
  );
  if (!signed) return invalid('signature');
  if (payload.sub !== ref.uri) return invalid('sub');
  if (payload.iss !== ref.issuer) return invalid('iss');
  const iat = payload.iat;
  if (typeof iat !== 'number' || !Number.isSafeInteger(iat) || iat < 0) return invalid('iat');
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') return invalid('exp');
    if (nowMs >= payload.exp * 1000) return invalid('expired');
  }
  const sl = payload.status_list;
  if (!isPlainObject(sl) || typeof sl.lst !== 'string') return invalid('status_list');
  const bits = sl.bits;
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) return invalid('status_list.bits');
  return { ok: true, value: { iat, bits, lst: sl.lst } };
}

/** Checks one credential's status against its issuer's whole, anchored, signed list. */
export async function checkCredentialStatus(
  ref: StatusReference,
  opts: CredentialStatusOptions = {},
): Promise<Result<CredentialStatus, CredentialStatusError>> {
  const fetch = fetchOf(opts);
  if (!isWebUrl(ref.uri)) return fail('CREDENTIAL_MALFORMED', 'status list URI');
  const nodeUrl = opts.nodeUrl ?? new URL(ref.uri).origin;
  const nowMs = opts.nowMs ?? Date.now();
  const anchorUrl = joinUrl(nodeUrl, `/v1/status-anchors?uri=${encodeURIComponent(ref.uri)}`);
  const [first, anchor] = await Promise.all([
    fetchList(fetch, ref.uri, false),
    // Always from the ledger itself: the anchor is what says which list is current.
    httpRequest(fetch, anchorUrl, { headers: { accept: 'application/json' }, cache: 'no-cache' }),
  ]);
  if (!first.ok) return first;
  if (anchor === undefined || anchor.status >= 500) return unreachable('ledger anchor');
  let token = first.value;
  let list = await readList(fetch, nodeUrl, ref, token, nowMs);
  if (!list.ok) return list;

  // After the signature: a forged list is INVALID whatever the anchor says; a genuine one
  // that is not the anchored version is a stale copy.
  const a = anchor.json;
  if (anchor.status === 404) return fail('STATUS_LIST_NOT_CURRENT', 'not anchored');
  if (!isOk(anchor) || !isPlainObject(a) || !nonEmpty(a.digest)) {
    return unreachable('not a status anchor');
  }
  // Only the issuer may anchor its lists (the ledger's first-come owner rule).
  if (a.uri !== ref.uri || a.issuer !== ref.issuer) return invalid('anchored by another body');
  if (sha256Hex(token) !== a.digest) {
    // Likely the copy the browser kept for the list's max-age from before a change: ask the
    // node itself, once.
    const again = await fetchList(fetch, ref.uri, true);
    if (!again.ok) return again;
    token = again.value;
    list = await readList(fetch, nodeUrl, ref, token, nowMs);
    if (!list.ok) return list;
    if (sha256Hex(token) !== a.digest) return fail('STATUS_LIST_NOT_CURRENT', 'digest');
  }

  const { bits, lst, iat } = list.value;
  const bytes = await inflate(lst, (STATUS_LIST_ENTRIES_MAX * bits) / 8);
  if (bytes === undefined) return invalid('status_list.lst does not decompress');
  const value = entryAt(bytes, bits, ref.idx);
  if (value === undefined) return invalid('index outside the list');
  const status =
    value === STATUS_VALID
      ? 'valid'
      : value === STATUS_INVALID
        ? 'revoked'
        : value === STATUS_SUSPENDED
          ? 'suspended'
          : undefined;
  if (status === undefined) return invalid(`unknown status ${value}`);
  return { ok: true, value: { status, checkedMs: nowMs, listIssuedMs: iat * 1000 } };
}

/**
 * Entry `idx` of a packed list: `bits` per entry, least significant bits first within each
 * byte (Token Status List §4.1).
 */
export function entryAt(bytes: Uint8Array, bits: number, idx: number): number | undefined {
  if (!Number.isSafeInteger(idx) || idx < 0) return undefined;
  const perByte = 8 / bits;
  const byte = bytes[Math.floor(idx / perByte)];
  if (byte === undefined) return undefined;
  return (byte >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

/**
 * base64url → zlib-inflated bytes, at most `max` of them (a signed but hostile list must not
 * fill the phone's memory). Undefined for anything that is not a complete zlib stream.
 */
export async function inflate(lst: string, max: number): Promise<Uint8Array | undefined> {
  const decoded = b64uDecode(lst);
  if (decoded === undefined) return undefined;
  // A copy on its own ArrayBuffer, as Blob wants.
  const compressed = new Uint8Array(decoded);
  try {
    const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('deflate'));
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > max) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } catch {
    return undefined;
  }
}
