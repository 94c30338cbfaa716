// The verifier's check of an SD-JWT VC presentation (decision 0006). Each failure has a stable
// code, checked in a fixed order; hostile input gets a code, never an exception. Trust (issuer
// keys, authorisations, status-list anchors) comes from the ledger through the Trust interface.
//
// Replay: a presentation is bound to the verifier's nonce, but this function cannot know whether
// that nonce was already used. Keeping nonces single-use is the caller's job.
import { utf8 } from '../core/bytes.js';
import type { SignatureBackend } from '../core/crypto.js';
import { sha256Hex } from '../core/hash.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import { KeyCache } from '../core/webcrypto.js';
import { CLOCK_SKEW_S, SD_JWT_VC_TYP } from './credential.js';
import type { CompactJwt, VcPayloadFields } from './sd-jwt.js';
import {
  digestOf,
  hasClaim,
  parseCompactJwt,
  parseDisclosures,
  resolveClaims,
  splitSdJwt,
  subjectClaims,
  vcFields,
} from './sd-jwt.js';
import { verifyJws } from './signer.js';
import type { VerifiedStatusList } from './status-list.js';
import {
  checkStatusList,
  parseStatusListToken,
  STATUS_INVALID,
  STATUS_LIST_TOKEN_MAX,
  STATUS_SUSPENDED,
  STATUS_VALID,
  statusAt,
  verifyParsedStatusList,
} from './status-list.js';
import type { Bilingual, ClaimPath } from './types.js';

/** The failure codes, in the order they are checked. */
export const VP_ERROR_CODES = [
  'PRESENTATION_MALFORMED',
  'ISSUER_UNKNOWN',
  'CREDENTIAL_SIGNATURE_INVALID',
  'DISCLOSURE_INVALID',
  'CREDENTIAL_EXPIRED',
  'CREDENTIAL_NOT_YET_VALID',
  'ISSUER_NOT_AUTHORISED',
  'KB_MISSING',
  'KB_SIGNATURE_INVALID',
  'KB_SD_HASH_MISMATCH',
  'KB_WRONG_AUDIENCE',
  'KB_WRONG_NONCE',
  'KB_STALE',
  'STATUS_UNAVAILABLE',
  'STATUS_LIST_NOT_CURRENT',
  'STATUS_LIST_INVALID',
  'CREDENTIAL_REVOKED',
  'CREDENTIAL_SUSPENDED',
  'CLAIMS_MISSING',
] as const;

export type VpErrorCode = (typeof VP_ERROR_CODES)[number];

/** What a citizen or a member of staff is told, in plain English and Welsh. */
export const VP_ERROR_MESSAGES: Readonly<Record<VpErrorCode, Bilingual>> = Object.freeze({
  PRESENTATION_MALFORMED: {
    en: 'The credential could not be read.',
    cy: 'Nid oedd modd darllen y tystlythyr.',
  },
  ISSUER_UNKNOWN: {
    en: 'We do not recognise the organisation that issued this credential.',
    cy: 'Nid ydym yn adnabod y sefydliad a gyhoeddodd y tystlythyr hwn.',
  },
  CREDENTIAL_SIGNATURE_INVALID: {
    en: 'The credential’s signature is not valid. It may have been changed.',
    cy: 'Nid yw llofnod y tystlythyr yn ddilys. Efallai ei fod wedi cael ei newid.',
  },
  DISCLOSURE_INVALID: {
    en: 'Some of the details shared do not match the credential.',
    cy: 'Nid yw rhai o’r manylion a rannwyd yn cyfateb i’r tystlythyr.',
  },
  CREDENTIAL_EXPIRED: {
    en: 'The credential has expired.',
    cy: 'Mae’r tystlythyr wedi dod i ben.',
  },
  CREDENTIAL_NOT_YET_VALID: {
    en: 'The credential is not valid yet.',
    cy: 'Nid yw’r tystlythyr yn ddilys eto.',
  },
  ISSUER_NOT_AUTHORISED: {
    en: 'The organisation that issued this credential was not allowed to issue this kind.',
    cy: 'Nid oedd gan y sefydliad a gyhoeddodd y tystlythyr hwn hawl i gyhoeddi’r math hwn.',
  },
  KB_MISSING: {
    en: 'The wallet did not prove that it holds this credential.',
    cy: 'Ni phrofodd y waled mai hi sy’n dal y tystlythyr hwn.',
  },
  KB_SIGNATURE_INVALID: {
    en: 'The wallet’s proof that it holds this credential is not valid.',
    cy: 'Nid yw prawf y waled mai hi sy’n dal y tystlythyr hwn yn ddilys.',
  },
  KB_SD_HASH_MISMATCH: {
    en: 'The details shared were changed after the wallet signed them.',
    cy: 'Cafodd y manylion a rannwyd eu newid ar ôl i’r waled eu llofnodi.',
  },
  KB_WRONG_AUDIENCE: {
    en: 'This was shared with a different service, not this one.',
    cy: 'Cafodd hwn ei rannu â gwasanaeth gwahanol, nid â’r un hwn.',
  },
  KB_WRONG_NONCE: {
    en: 'This answer belongs to a different request. Please scan the code again.',
    cy: 'Mae’r ateb hwn yn perthyn i gais gwahanol. Sganiwch y cod eto.',
  },
  KB_STALE: {
    en: 'This answer is too old, or the wallet’s clock is wrong. Please try again.',
    cy: 'Mae’r ateb hwn yn rhy hen, neu mae cloc y waled yn anghywir. Rhowch gynnig arall arni.',
  },
  STATUS_UNAVAILABLE: {
    en: 'We could not check whether the credential is still valid. Please try again later.',
    cy: 'Nid oedd modd gwirio a yw’r tystlythyr yn dal yn ddilys. Rhowch gynnig arall arni yn nes ymlaen.',
  },
  STATUS_LIST_NOT_CURRENT: {
    en: 'The credential’s status information is out of date.',
    cy: 'Mae gwybodaeth statws y tystlythyr wedi dyddio.',
  },
  STATUS_LIST_INVALID: {
    en: 'The credential’s status information is not valid.',
    cy: 'Nid yw gwybodaeth statws y tystlythyr yn ddilys.',
  },
  CREDENTIAL_REVOKED: {
    en: 'The organisation that issued this credential has cancelled it.',
    cy: 'Mae’r sefydliad a gyhoeddodd y tystlythyr hwn wedi ei ganslo.',
  },
  CREDENTIAL_SUSPENDED: {
    en: 'The organisation that issued this credential has suspended it for now.',
    cy: 'Mae’r sefydliad a gyhoeddodd y tystlythyr hwn wedi ei atal am y tro.',
  },
  CLAIMS_MISSING: {
    en: 'Some of the details asked for were not shared.',
    cy: 'Ni rannwyd rhai o’r manylion y gofynnwyd amdanynt.',
  },
});

/** What the verifier trusts, read from the ledger (keys never come from the network). */
export interface Trust {
  /** The public key of `kid` (the full `<did>#<keyId>` of the JWS header) of member `did`. */
  issuerJwk(did: string, kid: string): Promise<JsonWebKey | undefined>;
  /** Whether `did` was authorised to issue `vct` at `timeMs` (the credential's iat). */
  issuerAuthorisedAt(did: string, vct: string, timeMs: number): Promise<boolean>;
  /** The current status list token served at uri, or undefined when it cannot be had. */
  fetchStatusList(uri: string): Promise<string | undefined>;
  /** SHA-256 hex of the token bytes currently anchored on the ledger for uri. */
  anchoredStatusDigest(uri: string): Promise<string | undefined>;
}

export interface VerifyPresentationOptions {
  readonly presentation: unknown;
  /** The verifier's client_id, which the KB-JWT's `aud` must equal. */
  readonly aud: string;
  /** The nonce of this request; the caller must make sure it is used only once. */
  readonly nonce: string;
  readonly nowS: number;
  readonly trust: Trust;
  /** Oldest KB-JWT accepted, in seconds. */
  readonly maxKbAgeS?: number;
  /** Claim paths that must be disclosed (see claimsRequested). */
  readonly dcqlClaims?: readonly ClaimPath[];
  /** A faster signature backend (node:crypto on the server); WebCrypto otherwise. */
  readonly backend?: SignatureBackend;
}

export interface VerifiedPresentation {
  readonly vct: string;
  readonly issuer: string;
  readonly iat: number;
  readonly exp: number;
  /** Only what the holder disclosed. */
  readonly claims: Record<string, unknown>;
  readonly holderJwk: JsonWebKey;
  readonly status: { readonly uri: string; readonly idx: number; readonly listIat: number };
}

/** A KB-JWT `iat` this far ahead of the verifier's clock is refused. */
export const KB_FUTURE_MAX_S = 60;
export const KB_MAX_AGE_S = 300;
const KB_TYP = 'kb+jwt';

type Fail = { readonly ok: false; readonly code: VpErrorCode; readonly detail?: string };

// Status list tokens seen recently, keyed by the exact token text: a verifier sees the same few
// lists over and over, so its digest, parse and signature check are done once per version.
interface StatusEntry {
  readonly digest: string;
  parsed?: CompactJwt | null;
  checked?: { readonly keyId: string; readonly result: Result<VerifiedStatusList> };
}
const STATUS_CACHE_MAX = 64;
const statusCache = new KeyCache<StatusEntry>(STATUS_CACHE_MAX);

// Issuer JWTs whose signature was verified recently, keyed by their exact text: a citizen shows
// the same credential again and again, and its parse and signature check need doing only once
// per issuer key. (The key is compared on every use, so a rotation re-verifies.)
interface IssuerJwtEntry {
  readonly jwt: CompactJwt;
  readonly fields: VcPayloadFields;
  readonly verifiedWith: string;
}
const ISSUER_JWT_CACHE_MAX = 1024;
const issuerJwtCache = new KeyCache<IssuerJwtEntry>(ISSUER_JWT_CACHE_MAX);

function keyIdOf(jwk: JsonWebKey): string {
  return `${jwk.kty}|${jwk.crv}|${jwk.x}|${jwk.y}`;
}

async function attempt<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch {
    return undefined;
  }
}

/**
 * Verifies a presentation (`<issuer-jwt>~<disclosure>~…~<kb-jwt>`) of an SD-JWT VC. Never throws.
 */
export async function verifyPresentation(
  o: VerifyPresentationOptions,
): Promise<Result<VerifiedPresentation, VpErrorCode>> {
  try {
    return await verify(o);
  } catch {
    // A bug or a hostile value no check foresaw: still an answer, never an exception.
    return fail('PRESENTATION_MALFORMED', 'unreadable');
  }
}

async function verify(
  o: VerifyPresentationOptions,
): Promise<Result<VerifiedPresentation, VpErrorCode>> {
  // ---- PRESENTATION_MALFORMED: everything parsed up front, once ----
  const parts = splitSdJwt(o.presentation);
  if (!parts) return fail('PRESENTATION_MALFORMED', 'not an SD-JWT');
  const cached = issuerJwtCache.get(parts.jwt);
  const jwt = cached?.jwt ?? parseCompactJwt(parts.jwt);
  if (!jwt) return fail('PRESENTATION_MALFORMED', 'issuer JWT');
  if (jwt.header.typ !== SD_JWT_VC_TYP) return fail('PRESENTATION_MALFORMED', 'typ');
  const kid = jwt.header.kid;
  if (typeof kid !== 'string') return fail('PRESENTATION_MALFORMED', 'kid');
  const f = cached?.fields ?? vcFields(jwt.payload);
  if (typeof f === 'string') return fail('PRESENTATION_MALFORMED', f);
  let kb: CompactJwt | undefined;
  if (parts.kb !== '') {
    kb = parseCompactJwt(parts.kb);
    const p = kb?.payload;
    if (
      !p ||
      // NumericDate may carry a fraction (RFC 7519); other wallets' KB-JWTs are welcome.
      typeof p.iat !== 'number' ||
      !Number.isFinite(p.iat) ||
      typeof p.aud !== 'string' ||
      typeof p.nonce !== 'string' ||
      typeof p.sd_hash !== 'string'
    ) {
      return fail('PRESENTATION_MALFORMED', 'KB-JWT');
    }
  }

  // ---- the issuer and its signature ----
  if (!kid.startsWith(`${f.iss}#`)) return fail('ISSUER_UNKNOWN', 'kid is not a key of iss');
  const issuerJwk = await attempt(() => o.trust.issuerJwk(f.iss, kid));
  if (issuerJwk === undefined) return fail('ISSUER_UNKNOWN', kid);
  const keyId = keyIdOf(issuerJwk);
  if (cached?.verifiedWith !== keyId) {
    const signed = await verifyJws(
      issuerJwk,
      jwt.header.alg,
      utf8(jwt.signingInput),
      jwt.signature,
      o.backend,
    );
    if (!signed) return fail('CREDENTIAL_SIGNATURE_INVALID');
    // Only verified credentials are kept: junk cannot crowd them out.
    issuerJwtCache.set(parts.jwt, { jwt, fields: f, verifiedWith: keyId });
  }

  // ---- disclosures: each one must be referenced by the signed payload, once ----
  const disclosures = parseDisclosures(parts.disclosures);
  if (!disclosures) return fail('DISCLOSURE_INVALID', 'malformed disclosure');
  const resolved = resolveClaims(jwt.payload, disclosures);
  if (!resolved.ok) return resolved;

  // ---- validity period and the issuer's authorisation at issue time ----
  if (o.nowS >= f.exp + CLOCK_SKEW_S) return fail('CREDENTIAL_EXPIRED');
  if (o.nowS < Math.max(f.iat, f.nbf ?? 0) - CLOCK_SKEW_S) return fail('CREDENTIAL_NOT_YET_VALID');
  const authorised = await attempt(() => o.trust.issuerAuthorisedAt(f.iss, f.vct, f.iat * 1000));
  if (authorised !== true) return fail('ISSUER_NOT_AUTHORISED', `${f.iss} ${f.vct}`);

  // ---- key binding: the holder of cnf.jwk signed this very presentation for us, now ----
  if (kb === undefined) return fail('KB_MISSING');
  const kbp = kb.payload as { iat: number; aud: string; nonce: string; sd_hash: string };
  if (kb.header.typ !== KB_TYP) return fail('KB_SIGNATURE_INVALID', 'typ');
  const kbSigned = await verifyJws(
    f.cnfJwk,
    kb.header.alg,
    utf8(kb.signingInput),
    kb.signature,
    o.backend,
  );
  if (!kbSigned) return fail('KB_SIGNATURE_INVALID');
  if (digestOf(parts.sdInput) !== kbp.sd_hash) return fail('KB_SD_HASH_MISMATCH');
  if (kbp.aud !== o.aud) return fail('KB_WRONG_AUDIENCE');
  if (kbp.nonce !== o.nonce) return fail('KB_WRONG_NONCE');
  const maxAge = o.maxKbAgeS ?? KB_MAX_AGE_S;
  if (o.nowS - kbp.iat > maxAge || kbp.iat - o.nowS > KB_FUTURE_MAX_S) {
    return fail('KB_STALE', `iat ${kbp.iat}`);
  }

  // ---- status: the list the ledger anchors now, signed by the issuer ----
  const status = await checkStatus(o, f.iss, f.status);
  if (!status.ok) return status;

  // ---- what the verifier asked for ----
  const claims = subjectClaims(resolved.value);
  for (const path of o.dcqlClaims ?? []) {
    if (!hasClaim(claims, path)) return fail('CLAIMS_MISSING', JSON.stringify(path));
  }
  return {
    ok: true,
    value: {
      vct: f.vct,
      issuer: f.iss,
      iat: f.iat,
      exp: f.exp,
      claims,
      // A copy: the parsed credential is cached, and callers may keep or change what they get.
      holderJwk: { ...f.cnfJwk } as JsonWebKey,
      status: { uri: f.status.uri, idx: f.status.idx, listIat: status.value },
    },
  };
}

/** The credential's status; on success, the `iat` of the list that said it is valid. */
async function checkStatus(
  o: VerifyPresentationOptions,
  issuer: string,
  ref: { readonly uri: string; readonly idx: number },
): Promise<Result<number, VpErrorCode> | Fail> {
  const [token, anchored] = await Promise.all([
    attempt(() => o.trust.fetchStatusList(ref.uri)),
    attempt(() => o.trust.anchoredStatusDigest(ref.uri)),
  ]);
  if (typeof token !== 'string' || token.length > STATUS_LIST_TOKEN_MAX) {
    return fail('STATUS_UNAVAILABLE', ref.uri);
  }
  let entry = statusCache.get(token);
  const digest = entry?.digest ?? sha256Hex(token);
  if (anchored === undefined || digest !== anchored) {
    return fail('STATUS_LIST_NOT_CURRENT', ref.uri);
  }
  if (entry === undefined) {
    // Only anchored tokens are cached, so junk from the network cannot crowd out real lists.
    entry = { digest };
    statusCache.set(token, entry);
  }
  if (entry.parsed === undefined) entry.parsed = parseStatusListToken(token) ?? null;
  const parsed = entry.parsed;
  if (parsed === null) return fail('STATUS_LIST_INVALID', 'not a status list token');
  const listKid = parsed.header.kid;
  if (parsed.payload.iss !== issuer) return fail('STATUS_LIST_INVALID', 'iss');
  if (typeof listKid !== 'string' || !listKid.startsWith(`${issuer}#`)) {
    return fail('STATUS_LIST_INVALID', 'kid');
  }
  const jwk = await attempt(() => o.trust.issuerJwk(issuer, listKid));
  if (jwk === undefined) return fail('STATUS_LIST_INVALID', 'unknown key');
  // Checked again if the ledger now gives another key for that kid (a rotation).
  const keyId = keyIdOf(jwk);
  if (entry.checked?.keyId !== keyId) {
    entry.checked = { keyId, result: await verifyParsedStatusList(parsed, jwk, o.backend) };
  }
  const verified = entry.checked.result;
  if (!verified.ok) return fail('STATUS_LIST_INVALID', verified.detail);
  const list = checkStatusList(verified.value as VerifiedStatusList, {
    uri: ref.uri,
    issuer,
    nowS: o.nowS,
  });
  if (!list.ok) return fail('STATUS_LIST_INVALID', list.detail);
  const value = statusAt(list.value, ref.idx);
  if (value === undefined) return fail('STATUS_LIST_INVALID', 'index outside the list');
  if (value === STATUS_INVALID) return fail('CREDENTIAL_REVOKED');
  if (value === STATUS_SUSPENDED) return fail('CREDENTIAL_SUSPENDED');
  if (value !== STATUS_VALID) return fail('STATUS_LIST_INVALID', `unknown status ${value}`);
  return { ok: true, value: list.value.iat };
}
