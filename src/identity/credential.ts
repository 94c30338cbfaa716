// Issuing SD-JWT VCs (typ dc+sd-jwt) with @sd-jwt/sd-jwt-vc, decoding them, and the wallet's
// check of a credential it has just received.
import type { DisclosureFrame } from '@sd-jwt/types';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import { toBase64Url, utf8 } from '../core/bytes.js';
import type { SignatureBackend } from '../core/crypto.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { Disclosure, VcPayloadFields } from './sd-jwt.js';
import {
  isPlainObject,
  parseCompactJwt,
  parseDisclosures,
  resolveClaims,
  sdHasher,
  splitSdJwt,
  subjectClaims,
  vcFields,
} from './sd-jwt.js';
import type { JwsSigner } from './signer.js';
import { jwsAlgOf, publicMembers, verifyJws } from './signer.js';
import { validateClaims } from './types.js';

/** The JOSE `typ` of an SD-JWT VC. */
export const SD_JWT_VC_TYP = 'dc+sd-jwt';
/** Tolerated clock difference between issuer, holder and verifier, in seconds. */
export const CLOCK_SKEW_S = 60;

export type Random = (n: number) => Uint8Array;

export const defaultRandom: Random = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

export interface StatusReference {
  readonly uri: string;
  readonly idx: number;
}

export interface IssueOptions {
  readonly vct: string;
  /** The issuing body's DID; the signer's kid must be `<issuer>#<keyId>`. */
  readonly issuer: string;
  readonly signer: JwsSigner;
  /** The holder's public key (the pairwise key the wallet used toward this issuer). */
  readonly holderJwk: JsonWebKey;
  readonly claims: Record<string, unknown>;
  readonly iatS: number;
  readonly expS: number;
  readonly nbfS?: number;
  readonly status: StatusReference;
  /** Randomness for the salts; defaults to crypto.getRandomValues. */
  readonly random?: Random;
}

/** Error for an issuer's own mistake (bad claims, a signer that does not fit). */
export class IssueError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

// Every claim is selectively disclosable, and inside objects every member too (decision 0006):
// `address` is one disclosure, and each of its parts is another.
function frameFor(claims: Record<string, unknown>): Record<string, unknown> {
  const frame: Record<string, unknown> = { _sd: Object.keys(claims) };
  for (const [key, value] of Object.entries(claims)) {
    if (isPlainObject(value)) frame[key] = frameFor(value);
  }
  return frame;
}

/** Issues an SD-JWT VC: `<jwt>~<disclosure>~…~`. Throws IssueError for invalid input. */
export async function issueCredential(o: IssueOptions): Promise<string> {
  const valid = validateClaims(o.vct, o.claims);
  if (!valid.ok) throw new IssueError(valid.code, valid.detail ?? o.vct);
  if (o.signer.kid === undefined || !o.signer.kid.startsWith(`${o.issuer}#`)) {
    throw new IssueError('SIGNER_KID_INVALID', `signer kid must be ${o.issuer}#<keyId>`);
  }
  if (!Number.isSafeInteger(o.iatS) || !Number.isSafeInteger(o.expS) || o.expS <= o.iatS) {
    throw new IssueError('CREDENTIAL_TIMES_INVALID', 'iat and exp must be integers, exp > iat');
  }
  if (jwsAlgOf(o.holderJwk) === undefined) {
    throw new IssueError('HOLDER_KEY_INVALID', 'holder key must be an Ed25519 or P-256 JWK');
  }
  if (!Number.isSafeInteger(o.status.idx) || o.status.idx < 0 || o.status.uri === '') {
    throw new IssueError('STATUS_INVALID', 'status needs a uri and an index >= 0');
  }
  const random = o.random ?? defaultRandom;
  const signer = o.signer;
  const sdjwt = new SDJwtVcInstance({
    signer: async (data: string) => toBase64Url(await signer.sign(utf8(data))),
    signAlg: signer.alg,
    hasher: sdHasher,
    hashAlg: 'sha-256',
    // The library asks for 16 bytes: 128 bits of salt, as RFC 9901 recommends.
    saltGenerator: (n: number) => toBase64Url(random(n)),
  });
  const payload: SdJwtVcPayload = {
    iss: o.issuer,
    iat: o.iatS,
    ...(o.nbfS === undefined ? {} : { nbf: o.nbfS }),
    exp: o.expS,
    vct: o.vct,
    // Only the public members: a careless caller's private `d` must never be signed into a token.
    cnf: { jwk: publicMembers(o.holderJwk) },
    status: { status_list: { idx: o.status.idx, uri: o.status.uri } },
    ...o.claims,
  };
  const frame = frameFor(o.claims) as DisclosureFrame<SdJwtVcPayload>;
  return sdjwt.issue(payload, frame, { header: { typ: SD_JWT_VC_TYP, kid: signer.kid } });
}

export interface DecodedCredential {
  readonly header: Record<string, unknown>;
  /** The issuer-signed payload as is (digests, not claims). */
  readonly payload: Record<string, unknown>;
  readonly disclosures: readonly Disclosure[];
  /** The subject's claims: every disclosure applied, JWT claims (iss, cnf, …) left out. */
  readonly claims: Record<string, unknown>;
  /** The key-binding JWT if the string was a presentation, else ''. */
  readonly kbJwt: string;
}

/**
 * Decodes an SD-JWT VC (or a presentation of one) without checking any signature: for a wallet
 * showing what it holds. Throws TypeError for a string that is not a well-formed SD-JWT.
 */
export function decodeCredential(sdJwt: string): DecodedCredential {
  const parts = splitSdJwt(sdJwt);
  const jwt = parts && parseCompactJwt(parts.jwt);
  const disclosures = parts && parseDisclosures(parts.disclosures);
  if (!parts || !jwt || !disclosures) throw new TypeError('not a well-formed SD-JWT');
  const resolved = resolveClaims(jwt.payload, disclosures);
  if (!resolved.ok) throw new TypeError(`SD-JWT disclosures: ${resolved.detail ?? 'invalid'}`);
  return {
    header: jwt.header,
    payload: jwt.payload,
    disclosures,
    claims: subjectClaims(resolved.value),
    kbJwt: parts.kb,
  };
}

export type CredentialErrorCode =
  | 'CREDENTIAL_MALFORMED'
  | 'CREDENTIAL_SIGNATURE_INVALID'
  | 'DISCLOSURE_INVALID'
  | 'CREDENTIAL_EXPIRED'
  | 'CREDENTIAL_NOT_YET_VALID'
  | 'CREDENTIAL_HOLDER_MISMATCH'
  | 'CREDENTIAL_TYPE_UNKNOWN'
  | 'CREDENTIAL_CLAIMS_INVALID';

export interface VerifiedCredential extends VcPayloadFields {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

export interface VerifyIssuedOptions {
  /** The key the wallet asked the credential to be bound to; checked against `cnf.jwk`. */
  readonly holderJwk?: JsonWebKey;
  /** Checks exp/nbf/iat against this time when given. */
  readonly nowS?: number;
  readonly backend?: SignatureBackend;
}

/**
 * A wallet's check of a credential it has just received: the issuer's signature (key from the
 * ledger, never the network), every disclosure, the times, the binding to the wallet's key, and
 * the claims against the type's schema. Never throws.
 */
export async function verifyIssuedCredential(
  sdJwt: string,
  issuerJwk: JsonWebKey,
  opts: VerifyIssuedOptions = {},
): Promise<Result<VerifiedCredential, CredentialErrorCode>> {
  try {
    const parts = splitSdJwt(sdJwt);
    if (!parts || parts.kb !== '') return fail('CREDENTIAL_MALFORMED', 'not an issued SD-JWT');
    const jwt = parseCompactJwt(parts.jwt);
    if (!jwt) return fail('CREDENTIAL_MALFORMED', 'issuer JWT');
    if (jwt.header.typ !== SD_JWT_VC_TYP) return fail('CREDENTIAL_MALFORMED', 'typ');
    const fields = vcFields(jwt.payload);
    if (typeof fields === 'string') return fail('CREDENTIAL_MALFORMED', fields);
    const signed = await verifyJws(
      issuerJwk,
      jwt.header.alg,
      utf8(jwt.signingInput),
      jwt.signature,
      opts.backend,
    );
    if (!signed) return fail('CREDENTIAL_SIGNATURE_INVALID');
    const disclosures = parseDisclosures(parts.disclosures);
    if (!disclosures) return fail('DISCLOSURE_INVALID', 'malformed disclosure');
    const resolved = resolveClaims(jwt.payload, disclosures);
    if (!resolved.ok) return resolved;
    if (opts.nowS !== undefined) {
      if (opts.nowS >= fields.exp + CLOCK_SKEW_S) return fail('CREDENTIAL_EXPIRED');
      const from = Math.max(fields.iat, fields.nbf ?? 0);
      if (opts.nowS < from - CLOCK_SKEW_S) return fail('CREDENTIAL_NOT_YET_VALID');
    }
    if (opts.holderJwk !== undefined && !sameKey(opts.holderJwk, fields.cnfJwk)) {
      return fail('CREDENTIAL_HOLDER_MISMATCH');
    }
    const claims = subjectClaims(resolved.value);
    const valid = validateClaims(fields.vct, claims);
    if (!valid.ok) return valid;
    return { ok: true, value: { ...fields, header: jwt.header, claims } };
  } catch {
    return fail('CREDENTIAL_MALFORMED', 'unreadable');
  }
}

function sameKey(a: unknown, b: unknown): boolean {
  try {
    const x = publicMembers(a);
    const y = publicMembers(b);
    return JSON.stringify(x) === JSON.stringify(y);
  } catch {
    return false;
  }
}
