// OpenID4VCI 1.0, the wallet's side of the pre-authorised code flow: read the offer (by value or
// by reference), the issuer's and its authorisation server's metadata, redeem the code (with the
// PIN staff told the citizen), fetch a c_nonce, prove possession of the holder key, and check the
// credential that comes back against the issuer's key on the ledger before keeping it.
//
// Which pairwise key the credential is bound to: the wallet cannot know the issuing body's DID
// before the credential arrives (the issuer metadata names a URL, and the DID is only in the
// signed credential), so the key is chosen per credential issuer identifier (the
// `credential_issuer` URL, compared exactly). Offers from one issuer bind to one key, as a
// per-service pseudonym should; that key is a different pseudonym from the one the wallet uses
// toward the same body's DID on the ledger (consents), so issuance and consents are not linked
// by key. The check that matters is made anyway: `cnf.jwk` must be the key the wallet proved.
import { sha256Hex } from '../core/hash.js';
import { toBase64Url, utf8 } from '../core/bytes.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import { decodeCredential, SD_JWT_VC_TYP, verifyIssuedCredential } from '../identity/credential.js';
import type { JwsSigner } from '../identity/signer.js';
import type { Bilingual } from '../identity/types.js';
import { CREDENTIAL_TYPES } from '../identity/types.js';
import { issuerAuthorised, ledgerFacts, ledgerKey } from './ledger.js';
import type { Fetch, HttpAnswer, NetOptions } from './net.js';
import {
  fetchOf,
  getJson,
  isOk,
  isPlainObject,
  isWebUrl,
  nonEmpty,
  postForm,
  postJson,
  refusalDetail,
  httpRequest,
} from './net.js';
import type { CredentialRecord } from './wallet.js';

export const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const PROOF_TYP = 'openid4vci-proof+jwt';
const OFFER_SCHEME = 'openid-credential-offer:';

export type ReceiveOfferError =
  /** Not an offer link, or an offer that is not well formed. */
  | 'OFFER_INVALID'
  /** A well-formed offer this wallet cannot take (no pre-authorised code, unknown type). */
  | 'OFFER_UNSUPPORTED'
  /** The offer needs the PIN staff gave; ask for it and call again (detail: the prompt). */
  | 'TX_CODE_REQUIRED'
  | 'ISSUER_UNREACHABLE'
  | 'ISSUER_METADATA_INVALID'
  /** The token endpoint said no; detail starts with the OAuth error (invalid_grant, …). */
  | 'TOKEN_REFUSED'
  /** The credential endpoint said no; detail starts with the OAuth error. */
  | 'CREDENTIAL_REFUSED'
  /** What came back does not verify; detail starts with identity's code. */
  | 'CREDENTIAL_INVALID'
  /** The credential's issuer or key is not on the ledger. */
  | 'ISSUER_UNKNOWN'
  /** The ledger did not authorise the issuer for this type when it issued. */
  | 'ISSUER_NOT_AUTHORISED'
  | 'LEDGER_UNREACHABLE';

export interface TxCodePrompt {
  readonly inputMode: 'numeric' | 'text';
  readonly length?: number;
  readonly description?: string;
}

/** An offer, read and checked; no secret in it is shown to anyone but the issuer. */
export interface CredentialOffer {
  readonly credentialIssuer: string;
  readonly configurationIds: readonly string[];
  readonly preAuthorizedCode: string;
  /** Present when the issuer asks for a PIN. */
  readonly txCode?: TxCodePrompt;
  readonly authorizationServer?: string;
}

export interface ReceiveOfferOptions extends NetOptions {
  /** The PIN (tx_code) staff told the citizen, when the offer asks for one. */
  readonly txCode?: string;
  /** Seconds since the epoch; default now. */
  readonly nowS?: number;
  /**
   * The ledger node whose DID documents and authorisations the wallet trusts. Default: the
   * issuer URL's origin (a council's node serves its issuer); a wallet that knows its node
   * should pass it, so an issuer cannot also vouch for itself.
   */
  readonly nodeUrl?: string;
}

/** What receiveOffer needs from the wallet: a pairwise key per issuer, and the store. */
export interface IssuanceHolder {
  didForIssuer(credentialIssuer: string): Promise<string>;
  holderSigner(did: string): JwsSigner;
  store(record: CredentialRecord): Promise<void>;
}

type Fail<C extends string> = { readonly ok: false; readonly code: C; readonly detail?: string };

function parseOfferJson(x: unknown): Result<CredentialOffer, ReceiveOfferError> {
  const invalid = (d: string) => fail('OFFER_INVALID' as const, d);
  if (!isPlainObject(x)) return invalid('the offer is not a JSON object');
  const issuer = x.credential_issuer;
  if (!isWebUrl(issuer)) return invalid('credential_issuer is not an https URL');
  const u = new URL(issuer);
  if (u.search !== '' || u.hash !== '') return invalid('credential_issuer has a query');
  const ids = x.credential_configuration_ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every(nonEmpty)) {
    return invalid('credential_configuration_ids');
  }
  const grants = isPlainObject(x.grants) ? x.grants : {};
  const pre = grants[PRE_AUTH_GRANT];
  if (!isPlainObject(pre)) return fail('OFFER_UNSUPPORTED', 'no pre-authorised code grant');
  const code = pre['pre-authorized_code'];
  if (!nonEmpty(code)) return invalid('pre-authorized_code');
  let txCode: TxCodePrompt | undefined;
  if (pre.tx_code !== undefined) {
    const t = pre.tx_code;
    if (!isPlainObject(t)) return invalid('tx_code');
    txCode = {
      inputMode: t.input_mode === 'text' ? 'text' : 'numeric',
      ...(Number.isSafeInteger(t.length) ? { length: t.length as number } : {}),
      ...(nonEmpty(t.description) ? { description: t.description.slice(0, 300) } : {}),
    };
  }
  const as = pre.authorization_server;
  if (as !== undefined && !isWebUrl(as)) return invalid('authorization_server');
  return {
    ok: true,
    value: {
      credentialIssuer: issuer,
      configurationIds: [...ids],
      preAuthorizedCode: code,
      ...(txCode ? { txCode } : {}),
      ...(as === undefined ? {} : { authorizationServer: as }),
    },
  };
}

/**
 * Reads an offer link (`openid-credential-offer://?credential_offer=…`, or
 * `…?credential_offer_uri=…`, fetched). A UI can call this first to know whether to ask for a PIN.
 */
export async function readOffer(
  offerUri: string,
  opts: NetOptions = {},
): Promise<Result<CredentialOffer, ReceiveOfferError>> {
  let params: URLSearchParams;
  try {
    const u = new URL(offerUri);
    if (u.protocol !== OFFER_SCHEME && u.protocol !== 'https:') {
      return fail('OFFER_INVALID', 'not an openid-credential-offer link');
    }
    params = u.searchParams;
  } catch {
    return fail('OFFER_INVALID', 'not a URL');
  }
  const byValue = params.get('credential_offer');
  const byRef = params.get('credential_offer_uri');
  if ((byValue === null) === (byRef === null)) {
    return fail('OFFER_INVALID', 'exactly one of credential_offer and credential_offer_uri');
  }
  if (byValue !== null) {
    let json: unknown;
    try {
      json = JSON.parse(byValue) as unknown;
    } catch {
      return fail('OFFER_INVALID', 'credential_offer is not JSON');
    }
    return parseOfferJson(json);
  }
  if (!isWebUrl(byRef)) return fail('OFFER_INVALID', 'credential_offer_uri is not an https URL');
  const a = await getJson(fetchOf(opts), byRef);
  if (a === undefined || !isOk(a)) return fail('ISSUER_UNREACHABLE', 'credential_offer_uri');
  return parseOfferJson(a.json);
}

/** `<origin>/.well-known/<name><path>`: OID4VCI §12.2.2 and RFC 8414 §3.1. */
function wellKnown(id: string, name: string): string {
  const u = new URL(id);
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '');
  return `${u.origin}/.well-known/${name}${path}`;
}

interface IssuerMetadata {
  readonly credentialEndpoint: string;
  readonly nonceEndpoint?: string;
  readonly tokenEndpoint: string;
  readonly display?: Bilingual;
  readonly vct: string;
  readonly configurationId: string;
}

function displayOf(x: unknown): Bilingual | undefined {
  if (!Array.isArray(x)) return undefined;
  const name = (lang: string) => {
    const d = x.find((e) => isPlainObject(e) && e.locale === lang && nonEmpty(e.name));
    return d === undefined ? undefined : String((d as Record<string, unknown>).name);
  };
  const en = name('en');
  const cy = name('cy');
  return en !== undefined && cy !== undefined ? { en, cy } : undefined;
}

async function issuerMetadata(
  fetch: Fetch,
  offer: CredentialOffer,
): Promise<Result<IssuerMetadata, ReceiveOfferError>> {
  const bad = (d: string) => fail('ISSUER_METADATA_INVALID' as const, d);
  const a = await getJson(fetch, wellKnown(offer.credentialIssuer, 'openid-credential-issuer'));
  if (a === undefined || a.status >= 500) return fail('ISSUER_UNREACHABLE', 'issuer metadata');
  const m = a.json;
  if (!isOk(a) || !isPlainObject(m)) return bad(`HTTP ${a.status}`);
  // §12.2.4: the metadata must name the very issuer the offer named.
  if (m.credential_issuer !== offer.credentialIssuer) return bad('credential_issuer differs');
  if (!isWebUrl(m.credential_endpoint)) return bad('credential_endpoint');
  if (m.nonce_endpoint !== undefined && !isWebUrl(m.nonce_endpoint)) return bad('nonce_endpoint');
  const configs = isPlainObject(m.credential_configurations_supported)
    ? m.credential_configurations_supported
    : {};
  // One credential per offer: ours name one configuration, and a wallet screen shows one card.
  const configurationId = offer.configurationIds[0];
  const config = Object.hasOwn(configs, configurationId) ? configs[configurationId] : undefined;
  if (!isPlainObject(config)) return bad(`no configuration ${configurationId}`);
  if (config.format !== SD_JWT_VC_TYP || !nonEmpty(config.vct)) {
    return fail('OFFER_UNSUPPORTED', `format ${String(config.format)}`);
  }
  if (!Object.hasOwn(CREDENTIAL_TYPES, config.vct)) {
    return fail('OFFER_UNSUPPORTED', `unknown credential type ${config.vct}`);
  }
  const proofTypes = isPlainObject(config.proof_types_supported)
    ? config.proof_types_supported
    : undefined;
  const jwtProof = proofTypes?.jwt;
  const algs = isPlainObject(jwtProof) ? jwtProof.proof_signing_alg_values_supported : undefined;
  if (proofTypes !== undefined && !(Array.isArray(algs) && algs.includes('ES256'))) {
    return fail('OFFER_UNSUPPORTED', 'the issuer takes no ES256 jwt proof');
  }

  const servers = Array.isArray(m.authorization_servers) ? m.authorization_servers : [];
  const asId = offer.authorizationServer ?? servers[0] ?? offer.credentialIssuer;
  if (!isWebUrl(asId)) return bad('authorization_servers');
  const b = await getJson(fetch, wellKnown(asId, 'oauth-authorization-server'));
  if (b === undefined || b.status >= 500) return fail('ISSUER_UNREACHABLE', 'server metadata');
  const s = b.json;
  if (!isOk(b) || !isPlainObject(s) || s.issuer !== asId || !isWebUrl(s.token_endpoint)) {
    return bad('authorisation server metadata');
  }
  const display = displayOf(m.display);
  return {
    ok: true,
    value: {
      credentialEndpoint: m.credential_endpoint,
      ...(m.nonce_endpoint === undefined ? {} : { nonceEndpoint: m.nonce_endpoint as string }),
      tokenEndpoint: s.token_endpoint,
      ...(display ? { display } : {}),
      vct: config.vct,
      configurationId,
    },
  };
}

function refusedBy(
  code: 'TOKEN_REFUSED' | 'CREDENTIAL_REFUSED',
  a: HttpAnswer | undefined,
): Fail<ReceiveOfferError> {
  if (a === undefined || a.status >= 500) return fail('ISSUER_UNREACHABLE', code);
  return fail(code, refusalDetail(a));
}

function b64json(x: unknown): string {
  return toBase64Url(utf8(JSON.stringify(x)));
}

/** The proof of possession (OID4VCI §F.1): the holder key in the header, bound to the c_nonce. */
async function proofJwt(
  signer: JwsSigner,
  aud: string,
  nonce: string | undefined,
  iatS: number,
): Promise<string> {
  const header = b64json({ alg: signer.alg, typ: PROOF_TYP, jwk: signer.jwk });
  // No `iss`: a pre-authorised, anonymous wallet has no client_id to put there.
  const payload = b64json({ aud, iat: iatS, ...(nonce === undefined ? {} : { nonce }) });
  const input = `${header}.${payload}`;
  return `${input}.${toBase64Url(await signer.sign(utf8(input)))}`;
}

/** The whole flow; see Wallet#receiveOffer. */
export async function receiveOffer(
  holder: IssuanceHolder,
  offerUri: string,
  opts: ReceiveOfferOptions = {},
): Promise<Result<CredentialRecord, ReceiveOfferError>> {
  const fetch = fetchOf(opts);
  const nowS = opts.nowS ?? Math.floor(Date.now() / 1000);
  const read = await readOffer(offerUri, opts);
  if (!read.ok) return read;
  const offer = read.value;
  if (offer.txCode !== undefined && !nonEmpty(opts.txCode)) {
    return fail('TX_CODE_REQUIRED', offer.txCode.description);
  }
  const nodeUrl = opts.nodeUrl ?? new URL(offer.credentialIssuer).origin;
  if (!isWebUrl(nodeUrl)) return fail('LEDGER_UNREACHABLE', 'nodeUrl is not an https URL');

  const meta = await issuerMetadata(fetch, offer);
  if (!meta.ok) return meta;
  const md = meta.value;

  const token = await postForm(fetch, md.tokenEndpoint, {
    grant_type: PRE_AUTH_GRANT,
    'pre-authorized_code': offer.preAuthorizedCode,
    ...(offer.txCode !== undefined && opts.txCode !== undefined ? { tx_code: opts.txCode } : {}),
  });
  const t = token?.json;
  if (token === undefined || !isOk(token)) return refusedBy('TOKEN_REFUSED', token);
  if (!isPlainObject(t) || !nonEmpty(t.access_token)) {
    return fail('TOKEN_REFUSED', 'no access_token');
  }
  if (typeof t.token_type !== 'string' || t.token_type.toLowerCase() !== 'bearer') {
    return fail('OFFER_UNSUPPORTED', `token_type ${String(t.token_type)}`);
  }
  // With authorization_details in the token answer, §8.2 asks for credential_identifier.
  const details = Array.isArray(t.authorization_details) ? t.authorization_details : [];
  const detail = details.find(
    (d) =>
      isPlainObject(d) &&
      d.type === 'openid_credential' &&
      d.credential_configuration_id === md.configurationId,
  ) as Record<string, unknown> | undefined;
  const identifiers = Array.isArray(detail?.credential_identifiers)
    ? detail.credential_identifiers
    : [];
  const identifier = identifiers.find(nonEmpty);

  let nonce = nonEmpty(t.c_nonce) ? t.c_nonce : undefined;
  if (md.nonceEndpoint !== undefined) {
    const n = await httpRequest(fetch, md.nonceEndpoint, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    if (n === undefined || !isOk(n)) return refusedBy('CREDENTIAL_REFUSED', n);
    const j = n.json;
    if (!isPlainObject(j) || !nonEmpty(j.c_nonce)) return fail('CREDENTIAL_REFUSED', 'no c_nonce');
    nonce = j.c_nonce;
  }

  const holderDid = await holder.didForIssuer(offer.credentialIssuer);
  const signer = holder.holderSigner(holderDid);
  const proof = await proofJwt(signer, offer.credentialIssuer, nonce, nowS);
  const issued = await postJson(
    fetch,
    md.credentialEndpoint,
    {
      ...(identifier === undefined
        ? { credential_configuration_id: md.configurationId }
        : { credential_identifier: identifier }),
      proofs: { jwt: [proof] },
    },
    { authorization: `Bearer ${t.access_token}` },
  );
  if (issued === undefined || !isOk(issued)) return refusedBy('CREDENTIAL_REFUSED', issued);
  const body = issued.json;
  const first =
    isPlainObject(body) && Array.isArray(body.credentials) ? body.credentials[0] : undefined;
  if (issued.status === 202 || !isPlainObject(first) || !nonEmpty(first.credential)) {
    return fail('CREDENTIAL_REFUSED', 'no credential in the answer (deferred issuance?)');
  }
  const sdJwt = first.credential;

  // ---- the credential, checked against the ledger before it is kept ----
  const checked = await checkIssued(fetch, nodeUrl, sdJwt, signer.jwk as JsonWebKey, nowS);
  if (!checked.ok) return checked;
  const { issuer, iatS } = checked.value;
  if (checked.value.vct !== md.vct) {
    return fail('CREDENTIAL_INVALID', `vct ${checked.value.vct}, offered ${md.vct}`);
  }
  const authorised = await issuerAuthorised(fetch, nodeUrl, issuer, md.vct, iatS * 1000);
  if (!authorised.ok) return authorised;
  if (!authorised.value) return fail('ISSUER_NOT_AUTHORISED', `${issuer} ${md.vct}`);
  const facts = await ledgerFacts(fetch, nodeUrl);
  const issuerName = (facts.ok ? facts.value.names.get(issuer) : undefined) ?? md.display;
  const type = CREDENTIAL_TYPES[md.vct];
  const typeDisplay = (lang: string) => type.metadata.display.find((d) => d.lang === lang)?.name;
  const record: CredentialRecord = {
    // The digest of what the issuer signed: receiving the same credential twice keeps one copy.
    id: sha256Hex(sdJwt.split('~', 1)[0]).slice(0, 32),
    vct: md.vct,
    issuer,
    sdJwt,
    receivedMs: opts.nowS === undefined ? Date.now() : nowS * 1000,
    holderDid,
    typeName: {
      en: typeDisplay('en') ?? type.metadata.name,
      cy: typeDisplay('cy') ?? typeDisplay('en') ?? type.metadata.name,
    },
    ...(issuerName ? { issuerName } : {}),
    credentialIssuer: offer.credentialIssuer,
  };
  await holder.store(record);
  return { ok: true, value: record };
}

/** The issuer's signature (key from the ledger), disclosures, times, schema and binding. */
async function checkIssued(
  fetch: Fetch,
  nodeUrl: string,
  sdJwt: string,
  holderJwk: JsonWebKey,
  nowS: number,
): Promise<
  Result<{ issuer: string; vct: string; iatS: number }, ReceiveOfferError | 'LEDGER_UNREACHABLE'>
> {
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeCredential(sdJwt));
  } catch {
    return fail('CREDENTIAL_INVALID', 'CREDENTIAL_MALFORMED');
  }
  const iss = payload.iss;
  const kid = header.kid;
  if (!nonEmpty(iss) || !nonEmpty(kid) || !kid.startsWith(`${iss}#`)) {
    return fail('CREDENTIAL_INVALID', 'CREDENTIAL_MALFORMED: kid is not a key of iss');
  }
  const key = await ledgerKey(fetch, nodeUrl, iss, kid);
  if (!key.ok) {
    return key.code === 'LEDGER_UNREACHABLE'
      ? fail('LEDGER_UNREACHABLE', key.detail)
      : fail('ISSUER_UNKNOWN', `${key.code} ${kid}`);
  }
  const v = await verifyIssuedCredential(sdJwt, key.value, { holderJwk, nowS });
  if (!v.ok) {
    return fail('CREDENTIAL_INVALID', v.detail === undefined ? v.code : `${v.code}: ${v.detail}`);
  }
  return { ok: true, value: { issuer: v.value.iss, vct: v.value.vct, iatS: v.value.iat } };
}
