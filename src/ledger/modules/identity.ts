// identity: which member body may issue which credential type, and when (decision 0006); the
// digests of published status lists; and member bodies' DID documents, read from their
// governance record. A verifier takes keys and trust from here, never from the network.
import { p256 } from '@noble/curves/nist.js';
import { toBase64Url } from '../../core/bytes.js';
import { HEX_DIGEST_RE } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import { fail, OK } from '../../core/result.js';
import type { JsonSchema, LedgerModule, TxType } from '../module.js';
import type { StateReader, StateWriter } from '../state.js';
import type { Member, MemberKey } from './governance.js';
import { decodeKey, getMember, memberQuorum } from './governance.js';

// ---- shapes and keys ----

/** A credential type identifier (`vct`): URI-ish, e.g. `urn:cadwyn:vct:patient:1`. */
export const VCT_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
export const VCT_LENGTH_MAX = 200;
export const STATUS_URI_LENGTH_MAX = 500;
// http(s), a host, then printable ASCII only: one spelling per list, since keys compare as strings.
const STATUS_URI_PATTERN = '^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?$';

export const vctSchema: JsonSchema = {
  type: 'string',
  pattern: VCT_RE.source,
  maxLength: VCT_LENGTH_MAX,
};

const didWebSchema: JsonSchema = {
  type: 'string',
  pattern: '^did:web:[A-Za-z0-9._%:-]+$',
  maxLength: 256,
};

/** `{issuer, vct}`: an authorisation as a transaction, or in the genesis file, names it. */
export const issuerGrantSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['issuer', 'vct'],
  properties: { issuer: didWebSchema, vct: vctSchema },
};

export interface IssuerGrant {
  readonly issuer: string;
  readonly vct: string;
}

/** One stretch of authorisation; open (no `until…`) while it lasts. Block times and heights. */
export interface IssuerPeriod {
  readonly fromMs: number;
  readonly fromHeight: number;
  readonly untilMs?: number;
  readonly untilHeight?: number;
}

export interface IssuerAuthorisation {
  readonly issuer: string;
  readonly vct: string;
  readonly periods: readonly IssuerPeriod[];
}

export interface StatusAnchor {
  readonly uri: string;
  /** The member body that anchored it first, and alone may anchor it again. */
  readonly issuer: string;
  /** SHA-256 hex of the exact status-list token bytes. */
  readonly digest: string;
  readonly version: number;
  readonly height: number;
  readonly timeMs: number;
  readonly txId: string;
}

export const ID_KEYS = {
  issuerPrefix: 'id/issuer/',
  issuer: (vct: string, did: string) => `id/issuer/${vct}/${did}`,
  status: (uri: string) => `id/status/${uri}`,
} as const;

// ---- reading ----

export function getIssuerAuthorisation(
  state: StateReader,
  did: string,
  vct: string,
): IssuerAuthorisation | undefined {
  return state.get(ID_KEYS.issuer(vct, did)) as unknown as IssuerAuthorisation | undefined;
}

const isOpen = (p: IssuerPeriod | undefined) => p !== undefined && p.untilMs === undefined;

/** Whether `did` may issue `vct` now (its last period is open). */
export function issuerAuthorisedNow(state: StateReader, did: string, vct: string): boolean {
  return isOpen(getIssuerAuthorisation(state, did, vct)?.periods.at(-1));
}

/**
 * Was `did` authorised to issue `vct` at `timeMs` (a credential's `iat`)? Periods are
 * half-open: [fromMs, untilMs). A JWT's `iat` has whole seconds, so a period's start counts
 * from the start of its second: a credential issued in the very second the authorisation
 * began carries an `iat` a little before `fromMs`, and is in.
 */
/** The start of the second `fromMs` falls in. */
export function periodStart(fromMs: number): number {
  return Math.floor(fromMs / 1000) * 1000;
}

export function issuerAuthorisedAt(
  state: StateReader,
  did: string,
  vct: string,
  timeMs: number,
): boolean {
  const a = getIssuerAuthorisation(state, did, vct);
  return (a?.periods ?? []).some(
    (p) => periodStart(p.fromMs) <= timeMs && (p.untilMs === undefined || timeMs < p.untilMs),
  );
}

export function getStatusAnchor(state: StateReader, uri: string): StatusAnchor | undefined {
  return state.get(ID_KEYS.status(uri)) as unknown as StatusAnchor | undefined;
}

// ---- DID documents ----

export type Jwk =
  | { readonly kty: 'OKP'; readonly crv: 'Ed25519'; readonly x: string }
  | { readonly kty: 'EC'; readonly crv: 'P-256'; readonly x: string; readonly y: string };

export interface VerificationMethod {
  readonly id: string;
  readonly type: 'JsonWebKey2020';
  readonly controller: string;
  readonly publicKeyJwk: Jwk;
}

export interface DidDocument {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly verificationMethod: readonly VerificationMethod[];
  readonly assertionMethod: readonly string[];
  readonly authentication: readonly string[];
}

export const DID_CONTEXT = [
  'https://www.w3.org/ns/did/v1',
  'https://w3id.org/security/suites/jws-2020/v1',
] as const;

/**
 * The public JWK of a member key, or undefined when the bytes are not a key (state only checks
 * lengths, so a P-256 "key" off the curve is possible and must not reach a verifier).
 */
export function jwkOfKey(k: MemberKey): Jwk | undefined {
  const pk = decodeKey(k.alg, k.publicKey);
  if (!pk) return undefined;
  if (pk.alg === 'Ed25519') return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(pk.bytes) };
  let raw: Uint8Array;
  try {
    raw = p256.Point.fromBytes(pk.bytes).toBytes(false); // 0x04 || x || y
  } catch {
    return undefined;
  }
  return {
    kty: 'EC',
    crv: 'P-256',
    x: toBase64Url(raw.slice(1, 33)),
    y: toBase64Url(raw.slice(33, 65)),
  };
}

/** The W3C DID document of a member body: a pure function of its governance record. */
export function didDocument(member: Member): DidDocument {
  const did = member.did;
  const methods: VerificationMethod[] = [];
  for (const k of member.keys) {
    const publicKeyJwk = jwkOfKey(k);
    if (publicKeyJwk) {
      methods.push({ id: `${did}#${k.id}`, type: 'JsonWebKey2020', controller: did, publicKeyJwk });
    }
  }
  const ids = methods.map((m) => m.id);
  return {
    '@context': [...DID_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: [...ids],
  };
}

/**
 * The JWK of `did#kid` if that member has that key now. `kid` is the key id, or the whole
 * DID URL (a JWS `kid`) of this DID.
 */
export function memberJwk(state: StateReader, did: string, kid: string): Jwk | undefined {
  const id = kid.startsWith(`${did}#`) ? kid.slice(did.length + 1) : kid;
  const k = getMember(state, did)?.keys.find((x) => x.id === id);
  return k ? jwkOfKey(k) : undefined;
}

// ---- writing ----

/** Opens a period for `issuer`/`vct` (a transaction, or the genesis file at height 0). */
export function openIssuerPeriod(
  state: StateWriter,
  g: IssuerGrant,
  atMs: number,
  height: number,
): void {
  const prev = getIssuerAuthorisation(state, g.issuer, g.vct)?.periods ?? [];
  const next: IssuerAuthorisation = {
    issuer: g.issuer,
    vct: g.vct,
    periods: [...prev, { fromMs: atMs, fromHeight: height }],
  };
  state.put(ID_KEYS.issuer(g.vct, g.issuer), next as unknown as Json);
}

// ---- transaction types ----

const authoriseIssuer: TxType<{ issuer: string; vct: string }> = {
  type: 'identity.authoriseIssuer',
  summary: {
    en: 'Authorise a member body to issue a credential type',
    cy: 'Awdurdodi corff sy’n aelod i gyhoeddi math o dystlythyr',
  },
  payloadSchema: issuerGrantSchema,
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, p) {
    if (!getMember(ctx.state, p.issuer)) return fail('ID_ISSUER_UNKNOWN', p.issuer);
    if (issuerAuthorisedNow(ctx.state, p.issuer, p.vct)) {
      return fail('ID_ISSUER_ALREADY_AUTHORISED', `${p.issuer} already issues ${p.vct}`);
    }
    openIssuerPeriod(ctx.state, p, ctx.block.timeMs, ctx.block.height);
    return OK;
  },
};

const deauthoriseIssuer: TxType<{ issuer: string; vct: string }> = {
  type: 'identity.deauthoriseIssuer',
  summary: {
    en: 'Stop a member body issuing a credential type',
    cy: 'Atal corff sy’n aelod rhag cyhoeddi math o dystlythyr',
  },
  payloadSchema: issuerGrantSchema,
  proposable: true,
  authorise: memberQuorum,
  // No membership check: a body that has left may still need its authorisation closed.
  apply(ctx, p) {
    const a = getIssuerAuthorisation(ctx.state, p.issuer, p.vct);
    const last = a?.periods.at(-1);
    if (!a || !last || !isOpen(last)) {
      return fail('ID_ISSUER_NOT_ACTIVE', `${p.issuer} does not issue ${p.vct} now`);
    }
    const closed: IssuerPeriod = {
      ...last,
      untilMs: ctx.block.timeMs,
      untilHeight: ctx.block.height,
    };
    const next: IssuerAuthorisation = { ...a, periods: [...a.periods.slice(0, -1), closed] };
    ctx.state.put(ID_KEYS.issuer(p.vct, p.issuer), next as unknown as Json);
    return OK;
  },
};

const anchorStatusList: TxType<{ uri: string; digest: string }> = {
  type: 'identity.anchorStatusList',
  summary: {
    en: 'Anchor the digest of a published status list',
    cy: 'Angori crynhoad rhestr statws a gyhoeddwyd',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['uri', 'digest'],
    properties: {
      uri: { type: 'string', pattern: STATUS_URI_PATTERN, maxLength: STATUS_URI_LENGTH_MAX },
      digest: { type: 'string', pattern: HEX_DIGEST_RE.source, description: 'SHA-256, hex' },
    },
  },
  authorise(ctx) {
    const sender = ctx.prepared.tx.body.sender;
    return getMember(ctx.state, sender)
      ? OK
      : fail('ID_SENDER_NOT_MEMBER', 'only a member body anchors status lists');
  },
  apply(ctx, { uri, digest }) {
    const sender = ctx.prepared.tx.body.sender;
    const prev = getStatusAnchor(ctx.state, uri);
    // First come owns the URI: nobody else can swap a list a verifier already trusts.
    if (prev && prev.issuer !== sender) {
      return fail('ID_STATUS_NOT_OWNER', `anchored by ${prev.issuer}`);
    }
    const anchor: StatusAnchor = {
      uri,
      issuer: sender,
      digest,
      version: (prev?.version ?? 0) + 1,
      height: ctx.block.height,
      timeMs: ctx.block.timeMs,
      txId: ctx.prepared.id,
    };
    ctx.state.put(ID_KEYS.status(uri), anchor as unknown as Json);
    return OK;
  },
};

export const identityModule: LedgerModule = {
  name: 'identity',
  txTypes: [authoriseIssuer, deauthoriseIssuer, anchorStatusList] as unknown as TxType<never>[],
};
