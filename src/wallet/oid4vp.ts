// OpenID4VP 1.0 with DCQL, the wallet's side, in two steps so a UI can ask the citizen first:
//   openRequest: fetch the request object, check its signature against the verifier body's key
//                in its ledger DID document, and work out which credential answers each query
//                and exactly which claims that would disclose (with their English and Welsh
//                labels);
//   respond:     present only those claims, bound to the verifier's nonce and client_id, and post
//                them (direct_post). decline: nothing is sent.
// Only `decentralized_identifier:` client ids naming a member body are accepted: the ledger is
// where the wallet learns who a verifier is and which key speaks for it.
import { utf8 } from '../core/bytes.js';
import { isDid } from '../core/did.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import { CLOCK_SKEW_S, decodeCredential } from '../identity/credential.js';
import { matchDcql, presentCredential } from '../identity/present.js';
import { parseCompactJwt } from '../identity/sd-jwt.js';
import type { JwsSigner } from '../identity/signer.js';
import { verifyJws } from '../identity/signer.js';
import type { Bilingual, ClaimPath } from '../identity/types.js';
import { CREDENTIAL_TYPES } from '../identity/types.js';
import type { VpErrorCode } from '../identity/verify.js';
import { VP_ERROR_CODES } from '../identity/verify.js';
import type { LedgerKeyError } from './ledger.js';
import { ledgerFacts, ledgerKey } from './ledger.js';
import type { NetOptions } from './net.js';
import {
  fetchOf,
  httpRequest,
  isOk,
  isPlainObject,
  isWebUrl,
  nonEmpty,
  refusalCode,
  refusalDetail,
} from './net.js';
import type { ConsentPurpose, CredentialRecord } from './wallet.js';

export const CLIENT_ID_PREFIX = 'decentralized_identifier:';
export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt';
const REQUEST_OBJECT_MAX = 64 * 1024;

export type OpenRequestError =
  /** Not an openid4vp link, or a request object that is not well formed. */
  | 'REQUEST_INVALID'
  /** Well formed, but asks for what this wallet does not do (client id scheme, response mode). */
  | 'REQUEST_UNSUPPORTED'
  /** The verifier no longer knows it: expired, or already answered. */
  | 'REQUEST_UNKNOWN'
  | 'REQUEST_EXPIRED'
  /** Not signed by a key the verifier body holds on the ledger. */
  | 'REQUEST_SIGNATURE_INVALID'
  /** The client id names no member body on the ledger. */
  | 'VERIFIER_UNKNOWN'
  | 'VERIFIER_UNREACHABLE'
  | 'LEDGER_UNREACHABLE';

export type RespondError =
  /** Not a request this wallet handle opened (or it was declined). */
  | 'REQUEST_NOT_OPENED'
  | 'REQUEST_CANNOT_BE_SATISFIED'
  /** A chosen credential, or its holder key, is no longer in the wallet. */
  | 'CREDENTIAL_NOT_FOUND'
  | 'VERIFIER_UNREACHABLE'
  /** A refusal with a code this wallet does not know; detail has it. */
  | 'VERIFIER_REFUSED'
  | 'PRESENTATION_REPLAYED'
  | 'VP_REQUEST_UNKNOWN'
  /** The verifier's own verdict on the presentation (CREDENTIAL_REVOKED, …). */
  | VpErrorCode;

/** One claim that would be disclosed, as a consent screen shows it. */
export interface DisclosedClaim {
  readonly path: ClaimPath;
  readonly label: Bilingual;
  /** The value that would be shared (everything under the path). */
  readonly value: unknown;
}

/** One of the wallet's credentials that can answer a query, and what answering would disclose. */
export interface PresentationOption {
  readonly credentialId: string;
  readonly vct: string;
  readonly typeName: Bilingual;
  readonly issuer: string;
  readonly issuerName?: Bilingual;
  /** Exactly the claims the presentation would disclose, nothing else. */
  readonly claims: readonly DisclosedClaim[];
}

export interface CredentialQueryView {
  /** The DCQL credential query id. */
  readonly id: string;
  /** Whether the wallet holds a credential that answers it. */
  readonly satisfiable: boolean;
  /** The wallet's credentials that answer it; respond uses the first unless told otherwise. */
  readonly options: readonly PresentationOption[];
  /** What respond discloses for this query by default: the first option's claims. */
  readonly claims: readonly DisclosedClaim[];
}

export interface PresentationRequest {
  readonly verifierDid: string;
  readonly clientId: string;
  /** From the ledger's member record; the request's signed client_name if the ledger has none. */
  readonly verifierName: Bilingual;
  readonly purpose: ConsentPurpose | undefined;
  /** Where the answer would go. */
  readonly responseUri: string;
  /** Per DCQL credential query, in the request's order. */
  readonly credentials: readonly CredentialQueryView[];
  readonly canBeSatisfied: boolean;
}

export interface OpenRequestOptions extends NetOptions {
  readonly nowS?: number;
  /**
   * The ledger node whose DID documents the wallet trusts. Default: the request_uri's origin
   * (a body's node serves its verifier); a wallet that knows its node should pass it.
   */
  readonly nodeUrl?: string;
}

export interface RespondOptions extends NetOptions {
  readonly nowS?: number;
  /** Per credential query id, the credentialId of the option to present. Default: the first. */
  readonly choices?: Readonly<Record<string, string>>;
}

export interface RespondOutcome {
  /** The verifier took the answer (its verdict is its own to show). */
  readonly status: 'accepted';
  readonly redirectUri?: string;
}

/** What the presentation flow needs from the wallet. */
export interface PresentationHolder {
  credentials(): Promise<CredentialRecord[]>;
  /** Throws when the wallet does not hold the DID's key. */
  holderSigner(did: string): JwsSigner;
}

/** The checked content of a request object. */
export interface RequestObject {
  readonly clientId: string;
  readonly verifierDid: string;
  readonly responseUri: string;
  readonly nonce: string;
  readonly state?: string;
  readonly dcqlQuery: Record<string, unknown>;
  readonly clientName?: Bilingual;
  readonly purpose?: ConsentPurpose;
}

export type KeyLookup = (did: string, kid: string) => Promise<Result<JsonWebKey, LedgerKeyError>>;

function purposeOf(x: unknown): ConsentPurpose | undefined {
  if (!isPlainObject(x)) return undefined;
  const ok = (s: unknown): s is string => nonEmpty(s) && s.length <= 300;
  return ok(x.code) && ok(x.en) && ok(x.cy) ? { code: x.code, en: x.en, cy: x.cy } : undefined;
}

/**
 * Checks a request object: `typ`, a `kid` under the client id's DID, the signature with that
 * key as the ledger holds it, then the fields the wallet relies on. Exported for tests.
 */
export async function verifyRequestObject(
  jwt: string,
  clientId: string,
  keyOf: KeyLookup,
  nowS: number,
): Promise<Result<RequestObject, OpenRequestError>> {
  const invalid = (d: string) => fail('REQUEST_INVALID' as const, d);
  if (!clientId.startsWith(CLIENT_ID_PREFIX)) {
    return fail('REQUEST_UNSUPPORTED', 'client_id is not a decentralized_identifier');
  }
  const did = clientId.slice(CLIENT_ID_PREFIX.length);
  if (!isDid(did) || !did.startsWith('did:web:')) return fail('VERIFIER_UNKNOWN', did);
  const parsed = jwt.length <= REQUEST_OBJECT_MAX ? parseCompactJwt(jwt) : undefined;
  if (parsed === undefined) return invalid('not a signed request object');
  const { header, payload } = parsed;
  if (header.typ !== REQUEST_OBJECT_TYP) return invalid(`typ ${String(header.typ)}`);
  const kid = header.kid;
  if (!nonEmpty(kid) || !kid.startsWith(`${did}#`)) {
    return fail('REQUEST_SIGNATURE_INVALID', 'kid is not a key of the client_id');
  }
  const key = await keyOf(did, kid);
  if (!key.ok) {
    return key.code === 'LEDGER_UNREACHABLE'
      ? fail('LEDGER_UNREACHABLE', key.detail)
      : key.code === 'DID_UNKNOWN'
        ? fail('VERIFIER_UNKNOWN', did)
        : fail('REQUEST_SIGNATURE_INVALID', `no key ${kid} on the ledger`);
  }
  const signed = await verifyJws(
    key.value,
    header.alg,
    utf8(parsed.signingInput),
    parsed.signature,
  );
  if (!signed) return fail('REQUEST_SIGNATURE_INVALID');

  // Signed by the verifier: now its content can be read.
  if (payload.client_id !== clientId) return invalid('client_id differs from the link');
  if (payload.response_type !== 'vp_token') return fail('REQUEST_UNSUPPORTED', 'response_type');
  if (payload.response_mode !== 'direct_post') {
    return fail('REQUEST_UNSUPPORTED', `response_mode ${String(payload.response_mode)}`);
  }
  if (!isWebUrl(payload.response_uri)) return invalid('response_uri');
  if (!nonEmpty(payload.nonce)) return invalid('nonce');
  if (payload.state !== undefined && !nonEmpty(payload.state)) return invalid('state');
  if (!isPlainObject(payload.dcql_query)) return invalid('no dcql_query');
  if (typeof payload.exp === 'number' && nowS >= payload.exp + CLOCK_SKEW_S) {
    return fail('REQUEST_EXPIRED');
  }
  const meta = isPlainObject(payload.client_metadata) ? payload.client_metadata : {};
  const en = meta.client_name;
  const cy = meta['client_name#cy'];
  const purpose = purposeOf(payload.cadwyn_purpose);
  return {
    ok: true,
    value: {
      clientId,
      verifierDid: did,
      responseUri: payload.response_uri,
      nonce: payload.nonce,
      ...(payload.state === undefined ? {} : { state: payload.state }),
      dcqlQuery: payload.dcql_query,
      ...(nonEmpty(en) ? { clientName: { en, cy: nonEmpty(cy) ? cy : en } } : {}),
      ...(purpose ? { purpose } : {}),
    },
  };
}

// ---- what the consent screen shows ----

function labelOf(vct: string, path: ClaimPath): Bilingual {
  const claims = Object.hasOwn(CREDENTIAL_TYPES, vct) ? CREDENTIAL_TYPES[vct].metadata.claims : [];
  const meta = claims.find(
    (c) => c.path.length === path.length && c.path.every((s, i) => s === path[i]),
  );
  const text = (lang: string) => meta?.display.find((d) => d.lang === lang)?.label;
  const fallback = path.map((s) => (s === null ? '*' : String(s))).join('.');
  return { en: text('en') ?? fallback, cy: text('cy') ?? text('en') ?? fallback };
}

function valueAt(x: unknown, path: ClaimPath): unknown {
  if (path.length === 0) return x;
  const [seg, ...rest] = path;
  if (seg === null) return Array.isArray(x) ? x.map((e) => valueAt(e, rest)) : undefined;
  if (typeof seg === 'number') return Array.isArray(x) ? valueAt(x[seg], rest) : undefined;
  return isPlainObject(x) && Object.hasOwn(x, seg) ? valueAt(x[seg], rest) : undefined;
}

function typeNameOf(record: CredentialRecord): Bilingual {
  if (record.typeName) return record.typeName;
  const t = Object.hasOwn(CREDENTIAL_TYPES, record.vct) ? CREDENTIAL_TYPES[record.vct] : undefined;
  const name = (lang: string) => t?.metadata.display.find((d) => d.lang === lang)?.name;
  return { en: name('en') ?? record.vct, cy: name('cy') ?? name('en') ?? record.vct };
}

// ---- the two steps ----

interface Chosen {
  readonly record: CredentialRecord;
  readonly paths: readonly ClaimPath[];
}

interface Opened {
  readonly object: RequestObject;
  /** Per query id, the options in the order shown. */
  readonly options: ReadonlyMap<string, readonly Chosen[]>;
}

// What respond needs stays here, out of the caller's reach: a UI that edits the request it was
// given cannot widen what is disclosed or redirect where it goes.
const opened = new WeakMap<PresentationRequest, Opened>();

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

function notExpired(record: CredentialRecord, nowS: number): boolean {
  try {
    const exp = decodeCredential(record.sdJwt).payload.exp;
    return typeof exp === 'number' && nowS < exp + CLOCK_SKEW_S;
  } catch {
    return false;
  }
}

/** Step one; see Wallet#openRequest. */
export async function openRequest(
  holder: PresentationHolder,
  link: string,
  opts: OpenRequestOptions = {},
): Promise<Result<PresentationRequest, OpenRequestError>> {
  const fetch = fetchOf(opts);
  const nowS = opts.nowS ?? Math.floor(Date.now() / 1000);
  let params: URLSearchParams;
  try {
    const u = new URL(link);
    if (u.protocol !== 'openid4vp:' && u.protocol !== 'https:') {
      return fail('REQUEST_INVALID', 'not an openid4vp link');
    }
    params = u.searchParams;
  } catch {
    return fail('REQUEST_INVALID', 'not a URL');
  }
  const clientId = params.get('client_id');
  const requestUri = params.get('request_uri');
  const byValue = params.get('request');
  if (!nonEmpty(clientId)) return fail('REQUEST_INVALID', 'no client_id');
  if ((requestUri === null) === (byValue === null)) {
    return fail('REQUEST_INVALID', 'exactly one of request_uri and request');
  }
  const method = params.get('request_uri_method');
  if (method !== null && method !== 'get') {
    return fail('REQUEST_UNSUPPORTED', `request_uri_method ${method}`);
  }
  let jwt: string;
  if (requestUri !== null) {
    if (!isWebUrl(requestUri)) return fail('REQUEST_INVALID', 'request_uri is not an https URL');
    const a = await httpRequest(fetch, requestUri, {
      headers: { accept: `application/${REQUEST_OBJECT_TYP}` },
    });
    if (a === undefined || a.status >= 500) return fail('VERIFIER_UNREACHABLE', 'request_uri');
    if (a.status === 404 || a.status === 410) return fail('REQUEST_UNKNOWN', refusalDetail(a));
    if (!isOk(a)) return fail('REQUEST_INVALID', refusalDetail(a));
    jwt = a.text.trim();
  } else {
    jwt = byValue ?? '';
  }

  // A request by value names no server of the verifier's but its response_uri, which it chose:
  // the node to trust must then come from the caller.
  const nodeUrl = opts.nodeUrl ?? (requestUri === null ? undefined : new URL(requestUri).origin);
  if (nodeUrl === undefined || !isWebUrl(nodeUrl)) {
    return fail('REQUEST_UNSUPPORTED', 'a request by value needs nodeUrl');
  }
  const keyOf: KeyLookup = (did, kid) => ledgerKey(fetch, nodeUrl, did, kid);
  const checked = await verifyRequestObject(jwt, clientId, keyOf, nowS);
  if (!checked.ok) return checked;
  const object = checked.value;

  const facts = await ledgerFacts(fetch, nodeUrl);
  const ledgerName = facts.ok ? facts.value.names.get(object.verifierDid) : undefined;
  const verifierName = ledgerName ??
    object.clientName ?? { en: object.verifierDid, cy: object.verifierDid };

  const records = (await holder.credentials()).filter((r) => notExpired(r, nowS));
  const match = matchDcql(
    object.dcqlQuery,
    records.map((r) => r.sdJwt),
  );
  if (!match.ok) return fail('REQUEST_INVALID', `dcql_query: ${match.detail ?? ''}`);

  const options = new Map<string, Chosen[]>();
  const queries: CredentialQueryView[] = [];
  for (const [id, candidates] of Object.entries(match.value.candidates)) {
    const chosen: Chosen[] = [];
    const shown: PresentationOption[] = [];
    for (const c of candidates) {
      const record = records[c.credentialIndex];
      const claims = decodeCredential(record.sdJwt).claims;
      chosen.push({ record, paths: c.paths });
      shown.push({
        credentialId: record.id,
        vct: record.vct,
        typeName: typeNameOf(record),
        issuer: record.issuer,
        ...(record.issuerName ? { issuerName: record.issuerName } : {}),
        claims: c.paths.map((path) => ({
          path: [...path],
          label: labelOf(record.vct, path),
          value: valueAt(claims, path),
        })),
      });
    }
    options.set(id, chosen);
    queries.push({
      id,
      satisfiable: shown.length > 0,
      options: shown,
      claims: shown[0]?.claims ?? [],
    });
  }
  const request: PresentationRequest = deepFreeze({
    verifierDid: object.verifierDid,
    clientId: object.clientId,
    verifierName,
    purpose: object.purpose,
    responseUri: object.responseUri,
    credentials: queries,
    canBeSatisfied: match.value.canBeSatisfied,
  });
  opened.set(request, { object, options });
  return { ok: true, value: request };
}

/** Forgets an opened request; nothing is sent. */
export function declineRequest(request: PresentationRequest): void {
  opened.delete(request);
}

const VERIFIER_CODES: ReadonlySet<string> = new Set<string>([
  ...VP_ERROR_CODES,
  'PRESENTATION_REPLAYED',
  'VP_REQUEST_UNKNOWN',
]);

/** Step two; see Wallet#respond. */
export async function respond(
  holder: PresentationHolder,
  request: PresentationRequest,
  opts: RespondOptions = {},
): Promise<Result<RespondOutcome, RespondError>> {
  const o = opened.get(request);
  if (o === undefined) return fail('REQUEST_NOT_OPENED');
  if (!request.canBeSatisfied) return fail('REQUEST_CANNOT_BE_SATISFIED');
  const nowS = opts.nowS ?? Math.floor(Date.now() / 1000);
  const held = new Set((await holder.credentials()).map((r) => r.id));
  const token: Record<string, string[]> = {};
  for (const [id, options] of o.options) {
    if (options.length === 0) continue; // an optional query (credential_sets) left unanswered
    const wanted = opts.choices?.[id];
    const pick = wanted === undefined ? options[0] : options.find((c) => c.record.id === wanted);
    if (pick === undefined) return fail('CREDENTIAL_NOT_FOUND', `no option ${wanted} for ${id}`);
    if (!held.has(pick.record.id)) return fail('CREDENTIAL_NOT_FOUND', pick.record.id);
    let signer: JwsSigner;
    try {
      signer = holder.holderSigner(pick.record.holderDid);
    } catch {
      return fail('CREDENTIAL_NOT_FOUND', `no key for ${pick.record.holderDid}`);
    }
    try {
      const presentation = await presentCredential({
        sdJwt: pick.record.sdJwt,
        disclose: pick.paths,
        // OID4VP 1.0 §B.3.6: the KB-JWT audience is the client_id, prefix and all.
        aud: o.object.clientId,
        nonce: o.object.nonce,
        iatS: nowS,
        holderSigner: signer,
      });
      token[id] = [presentation];
    } catch (e) {
      return fail('REQUEST_CANNOT_BE_SATISFIED', e instanceof Error ? e.message : id);
    }
  }
  const fields: Record<string, string> = { vp_token: JSON.stringify(token) };
  if (o.object.state !== undefined) fields.state = o.object.state;
  const a = await httpRequest(fetchOf(opts), o.object.responseUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
  if (a === undefined || a.status >= 500) return fail('VERIFIER_UNREACHABLE');
  if (!isOk(a)) {
    const code = refusalCode(a);
    return code !== undefined && VERIFIER_CODES.has(code)
      ? fail(code as RespondError, refusalDetail(a))
      : fail('VERIFIER_REFUSED', refusalDetail(a));
  }
  const redirect = isPlainObject(a.json) ? a.json.redirect_uri : undefined;
  return {
    ok: true,
    value: { status: 'accepted', ...(isWebUrl(redirect) ? { redirectUri: redirect } : {}) },
  };
}
