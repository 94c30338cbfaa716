// The holder's side: presenting a credential with only the chosen claims and a key-binding JWT
// (@sd-jwt/core), and matching a verifier's DCQL query against the wallet's credentials (dcql).
import { SDJwtInstance } from '@sd-jwt/core';
import type { PresentationFrame } from '@sd-jwt/types';
import { DcqlQuery } from 'dcql';
import type { DcqlSdJwtVcCredential } from 'dcql';
import { toBase64Url, utf8 } from '../core/bytes.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import { decodeCredential, SD_JWT_VC_TYP } from './credential.js';
import { hasClaim, isPlainObject, sdHasher, splitSdJwt } from './sd-jwt.js';
import type { JwsSigner } from './signer.js';
import type { ClaimPath } from './types.js';

export { hasClaim };

export interface PresentOptions {
  /** The credential as issued (`jwt~d1~…~`). */
  readonly sdJwt: string;
  /** The claims to reveal; a path reveals everything under it, and the parents it needs. */
  readonly disclose: readonly ClaimPath[];
  readonly aud: string;
  readonly nonce: string;
  readonly iatS: number;
  /** The key named in the credential's `cnf.jwk`. */
  readonly holderSigner: JwsSigner;
}

// Does presentable key k (dot-separated, as @sd-jwt reports it) lie on or under path p, or is it
// one of p's parents? A parent's disclosure is needed for anything nested in it.
function wanted(k: readonly string[], p: ClaimPath): boolean {
  const n = Math.min(k.length, p.length);
  for (let i = 0; i < n; i++) {
    const seg = p[i];
    if (seg === null) {
      if (!/^[0-9]+$/.test(k[i])) return false;
    } else if (String(seg) !== k[i]) {
      return false;
    }
  }
  return true;
}

/**
 * Presents a credential: keeps only the disclosures the paths need and appends a KB-JWT
 * (typ kb+jwt; aud, nonce, iat, sd_hash) signed by the holder. Throws for a path the credential
 * does not have, or a claim name containing '.', which @sd-jwt's frames cannot express.
 */
export async function presentCredential(o: PresentOptions): Promise<string> {
  const parts = splitSdJwt(o.sdJwt);
  if (!parts) throw new TypeError('not a well-formed SD-JWT');
  const issued = parts.sdInput; // any old key-binding JWT is dropped
  const decoded = decodeCredential(issued);
  for (const path of o.disclose) {
    if (path.some((s) => typeof s === 'string' && s.includes('.'))) {
      throw new TypeError(`claim path ${JSON.stringify(path)} has a '.' in a name`);
    }
    if (!hasClaim(decoded.claims, path)) {
      throw new TypeError(`the credential has no claim ${JSON.stringify(path)}`);
    }
  }
  const signer = o.holderSigner;
  const sdjwt = new SDJwtInstance({
    hasher: sdHasher,
    kbSigner: async (data: string) => toBase64Url(await signer.sign(utf8(data))),
    kbSignAlg: signer.alg,
  });
  const keys = (await sdjwt.presentableKeys(issued)).map((k) => k.split('.'));
  const frame: Record<string, unknown> = {};
  for (const k of keys) {
    if (!o.disclose.some((p) => wanted(k, p))) continue;
    let node = frame;
    for (let i = 0; i < k.length - 1; i++) {
      const next = node[k[i]];
      if (isPlainObject(next)) {
        node = next;
      } else {
        const child: Record<string, unknown> = {};
        node[k[i]] = child;
        node = child;
      }
    }
    const last = k[k.length - 1];
    if (!isPlainObject(node[last])) node[last] = true;
  }
  return sdjwt.present(issued, frame as PresentationFrame<Record<string, unknown>>, {
    kb: { payload: { iat: o.iatS, aud: o.aud, nonce: o.nonce } },
  });
}

// ---- DCQL ----

/** The part of a DCQL query read here (OpenID4VP 1.0 §6). */
export interface DcqlQueryInput {
  readonly credentials: readonly {
    readonly id: string;
    readonly format?: string;
    readonly claims?: readonly { readonly id?: string; readonly path: ClaimPath }[];
    readonly claim_sets?: readonly (readonly string[])[];
    readonly meta?: { readonly vct_values?: readonly string[] };
  }[];
}

/** One of the wallet's credentials that satisfies a credential query. */
export interface DcqlCandidate {
  /** Index into the credentials passed in. */
  readonly credentialIndex: number;
  readonly vct: string;
  /** What to disclose for it (the first claim set it satisfies). */
  readonly paths: ClaimPath[];
}

export interface DcqlMatch {
  readonly canBeSatisfied: boolean;
  /** Per credential query id: the wallet's credentials that satisfy it (maybe none). */
  readonly candidates: Readonly<Record<string, readonly DcqlCandidate[]>>;
}

interface QueryResultShape {
  can_be_satisfied: boolean;
  credential_matches: Record<
    string,
    {
      valid_credentials?: {
        input_credential_index: number;
        claims: { valid_claim_sets: { valid_claim_indexes?: number[] }[] };
      }[];
    }
  >;
}

/**
 * For a wallet: which of its credentials (issued SD-JWT VCs) can answer a DCQL query, and which
 * claims each would disclose. Undecodable credentials never match.
 */
export function matchDcql(
  query: unknown,
  credentials: readonly string[],
): Result<DcqlMatch, 'DCQL_QUERY_INVALID'> {
  let parsed: DcqlQuery;
  try {
    parsed = DcqlQuery.parse(query as DcqlQuery.Input);
    DcqlQuery.validate(parsed);
  } catch (e) {
    return fail('DCQL_QUERY_INVALID', e instanceof Error ? e.message.slice(0, 200) : undefined);
  }
  const vcts: string[] = [];
  const dcqlCredentials = credentials.map((c): DcqlSdJwtVcCredential => {
    let vct = '';
    let claims: Record<string, unknown> = {};
    try {
      const d = decodeCredential(c);
      if (d.header.typ === SD_JWT_VC_TYP && typeof d.payload.vct === 'string') {
        vct = d.payload.vct;
        claims = d.claims;
      }
    } catch {
      // An unreadable credential gets no vct, so no query matches it.
    }
    vcts.push(vct);
    return {
      credential_format: SD_JWT_VC_TYP,
      vct,
      claims: claims as DcqlSdJwtVcCredential['claims'],
      cryptographic_holder_binding: true,
    };
  });
  const result = DcqlQuery.query(parsed, dcqlCredentials) as unknown as QueryResultShape;
  const candidates: Record<string, DcqlCandidate[]> = {};
  for (const cq of parsed.credentials) {
    const match = result.credential_matches[cq.id];
    const claims = 'claims' in cq && Array.isArray(cq.claims) ? cq.claims : [];
    candidates[cq.id] = (match?.valid_credentials ?? [])
      .filter((v) => vcts[v.input_credential_index] !== '')
      .map((v) => {
        const set = v.claims.valid_claim_sets[0];
        const indexes = set?.valid_claim_indexes ?? [];
        return {
          credentialIndex: v.input_credential_index,
          vct: vcts[v.input_credential_index],
          paths: indexes.map((i) => [...(claims[i] as { path: ClaimPath }).path]),
        };
      });
  }
  return { ok: true, value: { canBeSatisfied: result.can_be_satisfied, candidates } };
}

function samePath(a: ClaimPath, b: ClaimPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * For a verifier: the claim paths a presentation for this credential query must disclose. With
 * claim_sets, only the paths every set asks for (any one set satisfies the query). Throws for an
 * id the query does not have.
 */
export function claimsRequested(query: DcqlQueryInput, credentialQueryId: string): ClaimPath[] {
  const cq = query.credentials.find((c) => c.id === credentialQueryId);
  if (cq === undefined) throw new RangeError(`no credential query ${credentialQueryId}`);
  const claims = cq.claims ?? [];
  if (cq.claim_sets === undefined || cq.claim_sets.length === 0) {
    return claims.map((c) => [...c.path]);
  }
  const pathsOf = (set: readonly string[]) =>
    claims.filter((c) => c.id !== undefined && set.includes(c.id)).map((c) => c.path);
  const [first, ...rest] = cq.claim_sets.map(pathsOf);
  return first
    .filter((p) => rest.every((set) => set.some((q) => samePath(p, q))))
    .map((p) => [...p]);
}
