// consent and access (decision 0006): a citizen, under the pairwise did:key they use toward the
// body holding their data, lets a named requester use named categories for one purpose until a
// time; the holder records every request it answers. The ledger refuses a 'served' record that
// no consent covers, so "who used my data" cannot be quietly wrong.
import { isDid } from '../../core/did.js';
import { HEX_DIGEST_RE } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import type { Geo } from '../../core/geo.js';
import type { Verdict } from '../../core/result.js';
import { fail, OK } from '../../core/result.js';
import type { JsonSchema, LedgerModule, TxContext, TxType } from '../module.js';
import type { StateReader } from '../state.js';
import type { Bilingual } from './governance.js';
import { getMember } from './governance.js';

export const LAWFUL_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Category, purpose and reason codes: short, lower-case, machine-readable. */
export const CODE_RE = /^[a-z][a-z0-9-]{0,40}$/;

export interface Purpose extends Bilingual {
  readonly code: string;
}

export interface Consent {
  /** The grant's transaction id. */
  readonly id: string;
  /** The citizen's pairwise did:key toward the holder. */
  readonly subject: string;
  readonly holder: string;
  readonly requester: string;
  readonly purpose: Purpose;
  readonly categories: readonly string[];
  readonly lawfulBasis: LawfulBasis;
  readonly grantedMs: number;
  readonly expiresMs: number;
  readonly height: number;
  readonly txId: string;
  readonly withdrawnMs?: number;
  readonly withdrawTxId?: string;
}

export type AccessOutcome = 'served' | 'refused';

export interface AccessRecord {
  readonly requestId: string;
  readonly requester: string;
  readonly subject: string;
  readonly category: string;
  readonly purpose: string;
  readonly consentId: string | null;
  readonly outcome: AccessOutcome;
  readonly reason?: string;
  /** The sender: the body that holds the data. */
  readonly holder: string;
  readonly txId: string;
  readonly height: number;
  readonly timeMs: number;
  readonly geo?: Geo;
}

export const CONSENT_KEYS = {
  consent: (id: string) => `consent/${id}`,
  consentOf: (subject: string, id: string) => `consent-of/${subject}/${id}`,
  access: (requestId: string) => `access/${requestId}`,
  accessOf: (subject: string, requestId: string) => `access-of/${subject}/${requestId}`,
  /** A member body's side: consents and access records it holds data for or asked under. */
  consentParty: (body: string, id: string) => `consent-party/${body}/${id}`,
  accessParty: (body: string, requestId: string) => `access-party/${body}/${requestId}`,
} as const;

export function getConsent(state: StateReader, id: string): Consent | undefined {
  return state.get(CONSENT_KEYS.consent(id)) as unknown as Consent | undefined;
}

export function getAccessRecord(state: StateReader, requestId: string): AccessRecord | undefined {
  return state.get(CONSENT_KEYS.access(requestId)) as unknown as AccessRecord | undefined;
}

// ---- the check a holder (and the ledger) makes before serving ----

export type ConsentCheckError =
  | 'CONSENT_UNKNOWN'
  | 'CONSENT_WITHDRAWN'
  | 'CONSENT_EXPIRED'
  | 'CONSENT_WRONG_HOLDER'
  | 'CONSENT_WRONG_REQUESTER'
  | 'CONSENT_WRONG_CATEGORY'
  | 'CONSENT_WRONG_PURPOSE'
  | 'CONSENT_WRONG_SUBJECT';

export interface ConsentQuery {
  readonly consentId: string;
  readonly holder: string;
  readonly requester: string;
  readonly category: string;
  /** The purpose code. */
  readonly purpose: string;
  readonly subject?: string;
  readonly atMs: number;
}

/** Does consent `consentId` cover this use at `atMs`? Pure; expiry is exclusive. */
export function checkConsent(state: StateReader, q: ConsentQuery): Verdict<ConsentCheckError> {
  const c = getConsent(state, q.consentId);
  if (!c) return fail('CONSENT_UNKNOWN', q.consentId);
  // Withdrawn is final whatever the time asked about: state is now, and now it is withdrawn.
  if (c.withdrawnMs !== undefined) return fail('CONSENT_WITHDRAWN');
  if (q.atMs >= c.expiresMs) return fail('CONSENT_EXPIRED');
  if (c.holder !== q.holder) return fail('CONSENT_WRONG_HOLDER');
  if (c.requester !== q.requester) return fail('CONSENT_WRONG_REQUESTER');
  if (!c.categories.includes(q.category)) return fail('CONSENT_WRONG_CATEGORY');
  if (c.purpose.code !== q.purpose) return fail('CONSENT_WRONG_PURPOSE');
  if (q.subject !== undefined && c.subject !== q.subject) return fail('CONSENT_WRONG_SUBJECT');
  return OK;
}

// ---- schemas ----

const codeSchema: JsonSchema = { type: 'string', pattern: CODE_RE.source };
const textSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 300 };
const didWebSchema: JsonSchema = {
  type: 'string',
  pattern: '^did:web:[A-Za-z0-9._%:-]+$',
  maxLength: 256,
};
// Shape only; isDid decodes the key.
const didKeySchema: JsonSchema = {
  type: 'string',
  pattern: '^did:key:z[1-9A-HJ-NP-Za-km-z]+$',
  maxLength: 64,
};
const hex64Schema: JsonSchema = { type: 'string', pattern: HEX_DIGEST_RE.source };

// ---- authorisation helpers ----

const senderOf = (ctx: TxContext) => ctx.prepared.tx.body.sender;

/** A citizen's transaction: their pairwise did:key, and at most an area geo-stamp. */
function citizenOnly(ctx: TxContext): Verdict {
  const sender = senderOf(ctx);
  if (!sender.startsWith('did:key:') || !isDid(sender)) {
    return fail('CONSENT_SENDER_NOT_DID_KEY', 'a citizen’s pairwise did:key sends this');
  }
  const geo = ctx.prepared.tx.body.geo;
  // Coordinates next to a pseudonym would say where the person was: an area at most.
  if (geo !== undefined && !('area' in geo)) {
    return fail('CONSENT_GEO_TOO_PRECISE', 'a citizen’s transaction carries an area, not a point');
  }
  return OK;
}

const isMember = (ctx: TxContext, did: string) => getMember(ctx.state, did) !== undefined;

// ---- transaction types ----

interface GrantPayload {
  holder: string;
  requester: string;
  purpose: Purpose;
  categories: string[];
  lawfulBasis: LawfulBasis;
  expiresMs: number;
}

const grant: TxType<GrantPayload> = {
  type: 'consent.grant',
  summary: {
    en: 'Consent to a body using personal data held by another',
    cy: 'Cydsynio i gorff ddefnyddio data personol a ddelir gan un arall',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['holder', 'requester', 'purpose', 'categories', 'lawfulBasis', 'expiresMs'],
    properties: {
      holder: didWebSchema,
      requester: didWebSchema,
      purpose: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'en', 'cy'],
        properties: { code: codeSchema, en: textSchema, cy: textSchema },
      },
      categories: {
        type: 'array',
        minItems: 1,
        maxItems: 16,
        uniqueItems: true,
        items: codeSchema,
      },
      lawfulBasis: { enum: [...LAWFUL_BASES] },
      expiresMs: { type: 'integer', minimum: 0 },
    },
  },
  authorise: citizenOnly,
  apply(ctx, p) {
    if (!isMember(ctx, p.holder)) return fail('CONSENT_HOLDER_UNKNOWN', p.holder);
    if (!isMember(ctx, p.requester)) return fail('CONSENT_REQUESTER_UNKNOWN', p.requester);
    if (p.holder === p.requester) {
      return fail('CONSENT_SAME_PARTY', 'the holder and the requester must differ');
    }
    if (p.expiresMs <= ctx.block.timeMs) return fail('CONSENT_EXPIRES_IN_PAST');
    const id = ctx.prepared.id;
    const subject = senderOf(ctx);
    const c: Consent = {
      id,
      subject,
      holder: p.holder,
      requester: p.requester,
      purpose: { code: p.purpose.code, en: p.purpose.en, cy: p.purpose.cy },
      categories: p.categories,
      lawfulBasis: p.lawfulBasis,
      grantedMs: ctx.block.timeMs,
      expiresMs: p.expiresMs,
      height: ctx.block.height,
      txId: id,
    };
    ctx.state.put(CONSENT_KEYS.consent(id), c as unknown as Json);
    ctx.state.put(CONSENT_KEYS.consentOf(subject, id), id);
    ctx.state.put(CONSENT_KEYS.consentParty(c.holder, id), id);
    ctx.state.put(CONSENT_KEYS.consentParty(c.requester, id), id);
    return OK;
  },
};

const withdraw: TxType<{ consentId: string }> = {
  type: 'consent.withdraw',
  summary: { en: 'Withdraw a consent', cy: 'Tynnu cydsyniad yn ôl' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['consentId'],
    properties: { consentId: hex64Schema },
  },
  authorise: citizenOnly,
  apply(ctx, { consentId }) {
    const c = getConsent(ctx.state, consentId);
    if (!c) return fail('CONSENT_UNKNOWN', consentId);
    // The same pseudonym only: a consent is withdrawn by the person who gave it.
    if (c.subject !== senderOf(ctx)) return fail('CONSENT_NOT_SUBJECT');
    if (c.withdrawnMs !== undefined) return fail('CONSENT_ALREADY_WITHDRAWN', c.withdrawTxId);
    const next: Consent = { ...c, withdrawnMs: ctx.block.timeMs, withdrawTxId: ctx.prepared.id };
    ctx.state.put(CONSENT_KEYS.consent(consentId), next as unknown as Json);
    return OK;
  },
};

interface RecordPayload {
  requestId: string;
  requester: string;
  subject: string;
  category: string;
  purpose: string;
  consentId: string | null;
  outcome: AccessOutcome;
  reason?: string;
}

const record: TxType<RecordPayload> = {
  type: 'access.record',
  summary: {
    en: 'Record a request for personal data, served or refused',
    cy: 'Cofnodi cais am ddata personol, a gyflwynwyd neu a wrthodwyd',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['requestId', 'requester', 'subject', 'category', 'purpose', 'consentId', 'outcome'],
    properties: {
      requestId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
      requester: didWebSchema,
      subject: didKeySchema,
      category: codeSchema,
      purpose: codeSchema,
      consentId: { anyOf: [hex64Schema, { type: 'null' }] },
      outcome: { enum: ['served', 'refused'] },
      reason: codeSchema,
    },
  },
  authorise(ctx) {
    return isMember(ctx, senderOf(ctx))
      ? OK
      : fail('ACCESS_SENDER_NOT_MEMBER', 'the body holding the data records its requests');
  },
  apply(ctx, p) {
    if (!isMember(ctx, p.requester)) return fail('ACCESS_REQUESTER_UNKNOWN', p.requester);
    if (!isDid(p.subject)) return fail('ACCESS_SUBJECT_INVALID', 'not a did:key');
    if (getAccessRecord(ctx.state, p.requestId)) return fail('ACCESS_DUPLICATE', p.requestId);
    const holder = senderOf(ctx);
    if (p.outcome === 'served') {
      const v =
        p.consentId === null
          ? fail('CONSENT_UNKNOWN', 'no consent cited')
          : checkConsent(ctx.state, {
              consentId: p.consentId,
              holder,
              requester: p.requester,
              category: p.category,
              purpose: p.purpose,
              subject: p.subject,
              atMs: ctx.block.timeMs,
            });
      if (!v.ok) return fail('ACCESS_SERVED_WITHOUT_CONSENT', v.code);
    }
    const geo = ctx.prepared.tx.body.geo;
    const r: AccessRecord = {
      requestId: p.requestId,
      requester: p.requester,
      subject: p.subject,
      category: p.category,
      purpose: p.purpose,
      consentId: p.consentId,
      outcome: p.outcome,
      ...(p.reason === undefined ? {} : { reason: p.reason }),
      holder,
      txId: ctx.prepared.id,
      height: ctx.block.height,
      timeMs: ctx.block.timeMs,
      ...(geo === undefined ? {} : { geo }),
    };
    ctx.state.put(CONSENT_KEYS.access(p.requestId), r as unknown as Json);
    ctx.state.put(CONSENT_KEYS.accessOf(p.subject, p.requestId), p.requestId);
    ctx.state.put(CONSENT_KEYS.accessParty(holder, p.requestId), p.requestId);
    ctx.state.put(CONSENT_KEYS.accessParty(p.requester, p.requestId), p.requestId);
    return OK;
  },
};

export const consentModule: LedgerModule = {
  name: 'consent',
  txTypes: [grant, withdraw] as unknown as TxType<never>[],
};

export const accessModule: LedgerModule = {
  name: 'access',
  txTypes: [record] as unknown as TxType<never>[],
};
