// business: the public register of organisations (decision 0010). What the law makes public is
// here as it is (names, number, kind, office area, status, licences); people are not: an
// applicant is their pairwise did:key, a director a salted digest the registrar can open.
import { isDid } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import { HEX_DIGEST_RE } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import type { Verdict } from '../../core/result.js';
import { fail, OK } from '../../core/result.js';
import type { JsonSchema, LedgerModule, TxContext, TxType } from '../module.js';
import type { StateReader, StateWriter } from '../state.js';
import { CODE_RE } from './consent.js';
import type { Bilingual } from './governance.js';
import { getMember, MEMBER_ROLES } from './governance.js';

export const BUSINESS_KINDS = [
  'private-limited',
  'public-limited',
  'llp',
  'partnership',
  'sole-trader',
  'cic',
  'charity-cio',
  'co-operative',
] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];

type MemberRole = (typeof MEMBER_ROLES)[number];

/** Which member roles may grant each licence kind. */
export const LICENCE_GRANTORS: { readonly [kind: string]: readonly MemberRole[] } = {
  'premises-licence': ['council'],
  'food-hygiene-registration': ['council'],
  'waste-permit': ['regulator'],
  'fire-safety-certificate': ['fire'],
  'regulated-goods-cultivation': ['council', 'regulator'],
  'regulated-goods-processing': ['council', 'regulator'],
  'regulated-goods-retail': ['council', 'regulator'],
  'regulated-goods-transport': ['council', 'regulator'],
};
export const LICENCE_KINDS = Object.keys(LICENCE_GRANTORS);

/** A registered number: `GW` and six digits, from the ledger counter. */
export const BUSINESS_NUMBER_RE = /^GW[0-9]{6}$/;
const NUMBER_MAX = 999_999;

export interface BusinessName {
  readonly en: string;
  readonly cy?: string;
}

export interface Reason extends Bilingual {
  readonly code: string;
}

export type ApplicationStatus = 'pending' | 'approved' | 'refused';

export interface BusinessApplication {
  /** The apply transaction's id. */
  readonly id: string;
  /** The applicant's pairwise did:key toward the registrar (or a body's did:web). */
  readonly applicant: string;
  readonly registrar: string;
  readonly name: BusinessName;
  readonly kind: BusinessKind;
  readonly officeArea: string;
  /** Salted digests, never people. */
  readonly directors: readonly string[];
  readonly status: ApplicationStatus;
  readonly appliedMs: number;
  readonly height: number;
  readonly geo?: Geo;
  readonly decidedMs?: number;
  readonly decisionTxId?: string;
  /** Set when approved. */
  readonly number?: string;
  /** Set when refused. */
  readonly reason?: Reason;
}

export type BusinessStatus = 'registered' | 'dissolved';

export interface Business {
  readonly number: string;
  readonly name: BusinessName;
  readonly kind: BusinessKind;
  readonly officeArea: string;
  readonly directors: readonly string[];
  readonly status: BusinessStatus;
  /** The application it came from. */
  readonly application: string;
  /** The registrar body that approved it. */
  readonly registrar: string;
  readonly registeredMs: number;
  readonly dissolvedMs?: number;
  readonly dissolveReason?: Reason;
}

export interface BusinessLicence {
  /** The granting transaction's id. */
  readonly id: string;
  readonly number: string;
  readonly kind: string;
  /** The granting body's own reference. */
  readonly ref: string;
  readonly validFromMs: number;
  /** Exclusive. */
  readonly validUntilMs: number;
  readonly grantedBy: string;
  readonly grantedMs: number;
  readonly geo?: Geo;
  readonly revoked?: {
    readonly by: string;
    readonly timeMs: number;
    readonly txId: string;
    readonly reason: Reason;
  };
}

export type HistoryEvent = 'registered' | 'amended' | 'dissolved' | 'licensed' | 'licence-revoked';

export interface BusinessHistoryEntry {
  readonly number: string;
  readonly event: HistoryEvent;
  /** The sender: a member body. */
  readonly by: string;
  readonly timeMs: number;
  readonly height: number;
  readonly logIndex: number;
  readonly txId: string;
  /** What changed: field → previous and new value. */
  readonly changes?: { readonly [field: string]: { readonly from: Json; readonly to: Json } };
  readonly licence?: { readonly id: string; readonly kind: string };
  readonly reason?: Reason;
  readonly geo?: Geo;
}

/** What a name index entry points at: a registered number or a pending application. */
export type NameHolder = { readonly number: string } | { readonly application: string };

/** A name an organisation has held (the index of names ever held): the name as it was. */
export interface NameHeld {
  readonly number: string;
  readonly name: BusinessName;
}

// Index keys are ASCII (the node's range reads bound a prefix with '\uffff'), so a normal form
// with letters outside ASCII is percent-encoded; encoding is per character, so prefixes survive.
const nameKeyPart = (normal: string) => encodeURIComponent(normal);
// Zero-padded so a range read returns an organisation's history in log order.
const logKeyPart = (logIndex: number) => String(logIndex).padStart(12, '0');

export const BUSINESS_KEYS = {
  counter: 'business-counter',
  application: (id: string) => `business-application/${id}`,
  applicationPrefix: 'business-application/',
  /** A registrar body's undecided applications. */
  pending: (registrar: string, id: string) => `business-pending/${registrar}/${id}`,
  pendingPrefix: (registrar: string) => `business-pending/${registrar}/`,
  business: (number: string) => `business/${number}`,
  businessPrefix: 'business/',
  /** Name index by normal form; search is a prefix read of `name(normaliseBusinessName(q))`. */
  name: (normal: string) => `business-name/${nameKeyPart(normal)}`,
  namePrefix: 'business-name/',
  /**
   * Every name an organisation has ever held, written on approve and amend and never deleted,
   * so a renamed or dissolved one is still found by its former names (decision 0010).
   */
  nameEver: (normal: string, number: string) =>
    `business-name-ever/${nameKeyPart(normal)}/${number}`,
  /** Prefix search over names ever held: `nameEverPrefix(normaliseBusinessName(q))`. */
  nameEverPrefix: (normal: string) => `business-name-ever/${nameKeyPart(normal)}`,
  licence: (number: string, id: string) => `business-licence/${number}/${id}`,
  licencePrefix: (number: string) => `business-licence/${number}/`,
  /** Licence ids of one kind, so a module can check validity without a range read. */
  licencesOfKind: (number: string, kind: string) => `business-licence-kind/${number}/${kind}`,
  history: (number: string, logIndex: number) =>
    `business-history/${number}/${logKeyPart(logIndex)}`,
} as const;

/** The key prefix of an organisation's history: a range read gives it in order. */
export const businessHistory = (number: string) => `business-history/${number}/`;

export function getApplication(state: StateReader, id: string): BusinessApplication | undefined {
  return state.get(BUSINESS_KEYS.application(id)) as unknown as BusinessApplication | undefined;
}

export function getBusiness(state: StateReader, number: string): Business | undefined {
  return state.get(BUSINESS_KEYS.business(number)) as unknown as Business | undefined;
}

export function getLicence(
  state: StateReader,
  number: string,
  id: string,
): BusinessLicence | undefined {
  return state.get(BUSINESS_KEYS.licence(number, id)) as unknown as BusinessLicence | undefined;
}

export function nameHolder(state: StateReader, normal: string): NameHolder | undefined {
  return state.get(BUSINESS_KEYS.name(normal)) as unknown as NameHolder | undefined;
}

function licenceIdsOfKind(state: StateReader, number: string, kind: string): readonly string[] {
  return (state.get(BUSINESS_KEYS.licencesOfKind(number, kind)) as string[] | undefined) ?? [];
}

/**
 * Does `number` hold a licence of `kind` valid at `timeMs`? Valid: not revoked, from ≤ t < until,
 * and the organisation registered (not dissolved). For the goods module's custody checks.
 */
export function businessLicenceValidAt(
  state: StateReader,
  number: string,
  kind: string,
  timeMs: number,
): boolean {
  if (getBusiness(state, number)?.status !== 'registered') return false;
  return licenceIdsOfKind(state, number, kind).some((id) => {
    const l = getLicence(state, number, id);
    return (
      l !== undefined &&
      l.revoked === undefined &&
      l.validFromMs <= timeMs &&
      timeMs < l.validUntilMs
    );
  });
}

// ---- names ----

// Longest first, so `cwmni buddiant cymunedol` goes before any shorter word could match.
const COMPANY_SUFFIXES = [
  'cwmni buddiant cymunedol',
  'cyfyngedig',
  'limited',
  'ltd',
  'cyf',
  'plc',
  'ccc',
  'cic',
  'llp',
  'pac',
];

/**
 * The form names are compared in (decision 0010): NFKD, combining marks removed, case-folded,
 * `&` → `and`, punctuation removed, whitespace collapsed, trailing company-type words removed.
 * Empty when nothing of the name is left (the module refuses such a name).
 */
export function normaliseBusinessName(name: string): string {
  let s = name
    .normalize('NFKD')
    // Upper then lower folds more than lower alone (ß → ss); NFKD again for what casing composed.
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // Final sigma depends on context that punctuation removal changes: fold it to σ.
    .replace(/ς/g, 'σ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Repeat, so the result is a fixed point ("X Ltd Cyf" → "x"); a lone suffix word stays a name.
  for (let again = true; again;) {
    again = false;
    for (const suffix of COMPANY_SUFFIXES) {
      if (s.endsWith(` ${suffix}`)) {
        s = s.slice(0, -suffix.length - 1);
        again = true;
      }
    }
  }
  return s;
}

/** The distinct normal forms of both names; undefined if either normalises to nothing. */
function normalForms(name: BusinessName): string[] | undefined {
  const forms = [name.en, ...(name.cy === undefined ? [] : [name.cy])].map(normaliseBusinessName);
  if (forms.some((f) => f.length === 0)) return undefined;
  return [...new Set(forms)];
}

const sameHolder = (a: NameHolder | undefined, b: NameHolder) =>
  a !== undefined &&
  ('number' in a
    ? 'number' in b && a.number === b.number
    : 'application' in b && a.application === b.application);

/** Every form must be free, or already held by `self`. */
function namesFree(state: StateReader, forms: readonly string[], self?: NameHolder): Verdict {
  for (const f of forms) {
    const h = nameHolder(state, f);
    if (h !== undefined && !(self !== undefined && sameHolder(h, self))) {
      return fail('BUSINESS_NAME_TAKEN', 'number' in h ? h.number : 'pending application');
    }
  }
  return OK;
}

function putNames(state: StateWriter, forms: readonly string[], holder: NameHolder): void {
  for (const f of forms) state.put(BUSINESS_KEYS.name(f), holder as unknown as Json);
}

/** Adds to the index of names ever held (kept after a rename or a dissolution). */
function putNamesEver(
  state: StateWriter,
  forms: readonly string[],
  number: string,
  name: BusinessName,
): void {
  const held: NameHeld = {
    number,
    name: { en: name.en, ...(name.cy === undefined ? {} : { cy: name.cy }) },
  };
  for (const f of forms) state.put(BUSINESS_KEYS.nameEver(f, number), held as unknown as Json);
}

function deleteNames(state: StateWriter, forms: readonly string[]): void {
  for (const f of forms) state.delete(BUSINESS_KEYS.name(f));
}

/** Normal forms of a name already on the ledger (it was valid when written). */
const storedForms = (name: BusinessName) => normalForms(name) ?? [];

// ---- schemas ----

/**
 * Characters a registered name may use: Latin letters with their accents (Welsh ŵ ŷ ẁ ẃ ẅ ỳ
 * included), digits, punctuation, no control characters — much as Companies House permits.
 * Blocks fully assigned long ago, so every node's Unicode data normalises them alike: a letter
 * new in a later Unicode would normalise differently on an older node and fork the state.
 */
export const NAME_CHARS_PATTERN =
  '^[\\u0020-\\u007e\\u00a0-\\u024f\\u0300-\\u036f\\u1e00-\\u1eff\\u2010-\\u2027]+$';
const nameText: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 160,
  pattern: NAME_CHARS_PATTERN,
};
const nameSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['en'],
  properties: { en: nameText, cy: nameText },
};
const textSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 300 };
const reasonSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'en', 'cy'],
  properties: { code: { type: 'string', pattern: CODE_RE.source }, en: textSchema, cy: textSchema },
};
const areaSchema: JsonSchema = { type: 'string', pattern: '^[EWSNKLMJ][0-9]{8}$' };
const directorsSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 20,
  uniqueItems: true,
  items: { type: 'string', pattern: HEX_DIGEST_RE.source, description: 'salted SHA-256, hex' },
};
const didWebSchema: JsonSchema = {
  type: 'string',
  pattern: '^did:web:[A-Za-z0-9._%:-]+$',
  maxLength: 256,
};
const numberSchema: JsonSchema = { type: 'string', pattern: BUSINESS_NUMBER_RE.source };
const txIdSchema: JsonSchema = { type: 'string', pattern: HEX_DIGEST_RE.source };
const timeSchema: JsonSchema = { type: 'integer', minimum: 0 };

// ---- helpers ----

const senderOf = (ctx: TxContext) => ctx.prepared.tx.body.sender;
const geoOf = (ctx: TxContext) => {
  const geo = ctx.prepared.tx.body.geo;
  return geo === undefined ? {} : { geo };
};

function hasRole(ctx: TxContext, did: string, role: MemberRole): boolean {
  return getMember(ctx.state, did)?.roles.includes(role) ?? false;
}

function registrarSender(ctx: TxContext): Verdict {
  return hasRole(ctx, senderOf(ctx), 'registrar')
    ? OK
    : fail('BUSINESS_NOT_REGISTRAR', 'only a member body with the registrar role');
}

function appendHistory(
  ctx: TxContext,
  number: string,
  event: HistoryEvent,
  extra: Omit<
    BusinessHistoryEntry,
    'number' | 'event' | 'by' | 'timeMs' | 'height' | 'logIndex' | 'txId' | 'geo'
  >,
): void {
  const entry: BusinessHistoryEntry = {
    number,
    event,
    by: senderOf(ctx),
    timeMs: ctx.block.timeMs,
    height: ctx.block.height,
    logIndex: ctx.logIndex,
    txId: ctx.prepared.id,
    ...extra,
    ...geoOf(ctx),
  };
  ctx.state.put(BUSINESS_KEYS.history(number, ctx.logIndex), entry as unknown as Json);
}

/** A registered (not dissolved) organisation, or the refusal. */
function liveBusiness(
  state: StateReader,
  number: string,
): { ok: true; value: Business } | { ok: false; code: string; detail?: string } {
  const b = getBusiness(state, number);
  if (!b) return fail('BUSINESS_UNKNOWN', number);
  if (b.status === 'dissolved') return fail('BUSINESS_DISSOLVED', number);
  return { ok: true, value: b };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

const sameName = (a: BusinessName, b: BusinessName) => a.en === b.en && a.cy === b.cy;

const copyName = (n: BusinessName): BusinessName => ({
  en: n.en,
  ...(n.cy === undefined ? {} : { cy: n.cy }),
});
const copyReason = (r: Reason): Reason => ({ code: r.code, en: r.en, cy: r.cy });

// ---- transaction types ----

interface ApplyPayload {
  name: BusinessName;
  kind: BusinessKind;
  officeArea: string;
  directors: string[];
  registrar: string;
}

const apply: TxType<ApplyPayload> = {
  type: 'business.apply',
  summary: {
    en: 'Apply to register an organisation',
    cy: 'Gwneud cais i gofrestru sefydliad',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'kind', 'officeArea', 'directors', 'registrar'],
    properties: {
      name: nameSchema,
      kind: { enum: [...BUSINESS_KINDS] },
      officeArea: areaSchema,
      directors: directorsSchema,
      registrar: didWebSchema,
    },
  },
  authorise(ctx) {
    const sender = senderOf(ctx);
    const geo = ctx.prepared.tx.body.geo;
    // A point next to a person's pseudonym says where they were: an area at most (0006).
    if (sender.startsWith('did:key:') && isDid(sender) && geo !== undefined && !('area' in geo)) {
      return fail('BUSINESS_GEO_TOO_PRECISE', 'an applicant’s transaction carries an area');
    }
    return OK;
  },
  apply(ctx, p) {
    if (!hasRole(ctx, p.registrar, 'registrar')) {
      return fail('BUSINESS_REGISTRAR_UNKNOWN', p.registrar);
    }
    const forms = normalForms(p.name);
    if (!forms) return fail('BUSINESS_NAME_INVALID', 'a name needs letters or digits');
    const free = namesFree(ctx.state, forms);
    if (!free.ok) return free;
    const id = ctx.prepared.id;
    const a: BusinessApplication = {
      id,
      applicant: senderOf(ctx),
      registrar: p.registrar,
      name: copyName(p.name),
      kind: p.kind,
      officeArea: p.officeArea,
      directors: p.directors,
      status: 'pending',
      appliedMs: ctx.block.timeMs,
      height: ctx.block.height,
      ...geoOf(ctx),
    };
    ctx.state.put(BUSINESS_KEYS.application(id), a as unknown as Json);
    ctx.state.put(BUSINESS_KEYS.pending(p.registrar, id), id);
    putNames(ctx.state, forms, { application: id });
    return OK;
  },
};

/** The addressed registrar's pending application, or the refusal. */
function decidable(
  ctx: TxContext,
  id: string,
): { ok: true; value: BusinessApplication } | { ok: false; code: string; detail?: string } {
  const a = getApplication(ctx.state, id);
  if (!a) return fail('BUSINESS_APPLICATION_UNKNOWN', id);
  if (a.registrar !== senderOf(ctx)) {
    return fail('BUSINESS_NOT_REGISTRAR', 'the application is addressed to another body');
  }
  if (a.status !== 'pending') return fail('BUSINESS_NOT_PENDING', a.status);
  return { ok: true, value: a };
}

const approve: TxType<{ application: string }> = {
  type: 'business.approve',
  summary: {
    en: 'Approve an application and register the organisation',
    cy: 'Cymeradwyo cais a chofrestru’r sefydliad',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['application'],
    properties: { application: txIdSchema },
  },
  authorise: registrarSender,
  apply(ctx, { application }) {
    const d = decidable(ctx, application);
    if (!d.ok) return d;
    const a = d.value;
    const n = ((ctx.state.get(BUSINESS_KEYS.counter) as number | undefined) ?? 0) + 1;
    if (n > NUMBER_MAX) return fail('BUSINESS_NUMBERS_EXHAUSTED');
    const number = `GW${String(n).padStart(6, '0')}`;
    const b: Business = {
      number,
      name: a.name,
      kind: a.kind,
      officeArea: a.officeArea,
      directors: a.directors,
      status: 'registered',
      application,
      registrar: a.registrar,
      registeredMs: ctx.block.timeMs,
    };
    const decided: BusinessApplication = {
      ...a,
      status: 'approved',
      decidedMs: ctx.block.timeMs,
      decisionTxId: ctx.prepared.id,
      number,
    };
    ctx.state.put(BUSINESS_KEYS.counter, n);
    ctx.state.put(BUSINESS_KEYS.business(number), b as unknown as Json);
    ctx.state.put(BUSINESS_KEYS.application(application), decided as unknown as Json);
    ctx.state.delete(BUSINESS_KEYS.pending(a.registrar, application));
    putNames(ctx.state, storedForms(a.name), { number });
    putNamesEver(ctx.state, storedForms(a.name), number, a.name);
    appendHistory(ctx, number, 'registered', {});
    return OK;
  },
};

const refuse: TxType<{ application: string; reason: Reason }> = {
  type: 'business.refuse',
  summary: { en: 'Refuse an application', cy: 'Gwrthod cais' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['application', 'reason'],
    properties: { application: txIdSchema, reason: reasonSchema },
  },
  authorise: registrarSender,
  apply(ctx, { application, reason }) {
    const d = decidable(ctx, application);
    if (!d.ok) return d;
    const a = d.value;
    const decided: BusinessApplication = {
      ...a,
      status: 'refused',
      decidedMs: ctx.block.timeMs,
      decisionTxId: ctx.prepared.id,
      reason: copyReason(reason),
    };
    ctx.state.put(BUSINESS_KEYS.application(application), decided as unknown as Json);
    ctx.state.delete(BUSINESS_KEYS.pending(a.registrar, application));
    // A refused application no longer holds its name.
    deleteNames(ctx.state, storedForms(a.name));
    return OK;
  },
};

interface AmendPayload {
  number: string;
  name?: BusinessName;
  officeArea?: string;
  directors?: string[];
}

const amend: TxType<AmendPayload> = {
  type: 'business.amend',
  summary: {
    en: 'Change a registered organisation’s name, office area or directors',
    cy: 'Newid enw, ardal swyddfa neu gyfarwyddwyr sefydliad cofrestredig',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['number'],
    minProperties: 2,
    properties: {
      number: numberSchema,
      name: nameSchema,
      officeArea: areaSchema,
      directors: directorsSchema,
    },
  },
  authorise: registrarSender,
  apply(ctx, p) {
    const live = liveBusiness(ctx.state, p.number);
    if (!live.ok) return live;
    const b = live.value;
    const changes: Record<string, { from: Json; to: Json }> = {};
    let next: Business = b;
    if (p.name !== undefined && !sameName(p.name, b.name)) {
      const forms = normalForms(p.name);
      if (!forms) return fail('BUSINESS_NAME_INVALID', 'a name needs letters or digits');
      // Its own old name does not count against it.
      const free = namesFree(ctx.state, forms, { number: b.number });
      if (!free.ok) return free;
      deleteNames(ctx.state, storedForms(b.name));
      putNames(ctx.state, forms, { number: b.number });
      // The old name's entries stay: it is still searchable as a former name.
      putNamesEver(ctx.state, forms, b.number, p.name);
      const name = copyName(p.name);
      changes.name = { from: b.name as unknown as Json, to: name as unknown as Json };
      next = { ...next, name };
    }
    if (p.officeArea !== undefined && p.officeArea !== b.officeArea) {
      changes.officeArea = { from: b.officeArea, to: p.officeArea };
      next = { ...next, officeArea: p.officeArea };
    }
    if (p.directors !== undefined && !sameSet(p.directors, b.directors)) {
      changes.directors = { from: [...b.directors], to: p.directors };
      next = { ...next, directors: p.directors };
    }
    if (Object.keys(changes).length === 0) return fail('BUSINESS_NOTHING_TO_CHANGE');
    ctx.state.put(BUSINESS_KEYS.business(b.number), next as unknown as Json);
    appendHistory(ctx, b.number, 'amended', { changes });
    return OK;
  },
};

const dissolve: TxType<{ number: string; reason?: Reason }> = {
  type: 'business.dissolve',
  summary: { en: 'Dissolve a registered organisation', cy: 'Diddymu sefydliad cofrestredig' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['number'],
    properties: { number: numberSchema, reason: reasonSchema },
  },
  authorise: registrarSender,
  apply(ctx, { number, reason }) {
    const live = liveBusiness(ctx.state, number);
    if (!live.ok) return live;
    const b = live.value;
    const r = reason === undefined ? {} : { dissolveReason: copyReason(reason) };
    const next: Business = { ...b, status: 'dissolved', dissolvedMs: ctx.block.timeMs, ...r };
    ctx.state.put(BUSINESS_KEYS.business(number), next as unknown as Json);
    // Names are unique among registered and pending entries only: a dissolved one frees its name
    // (as at Companies House), and is still found by it through the names-ever index.
    deleteNames(ctx.state, storedForms(b.name));
    appendHistory(
      ctx,
      number,
      'dissolved',
      reason === undefined ? {} : { reason: copyReason(reason) },
    );
    return OK;
  },
};

interface LicencePayload {
  number: string;
  licence: { kind: string; ref: string; validFromMs: number; validUntilMs: number };
}

const licence: TxType<LicencePayload> = {
  type: 'business.licence',
  summary: {
    en: 'Grant a licence to a registered organisation',
    cy: 'Rhoi trwydded i sefydliad cofrestredig',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['number', 'licence'],
    properties: {
      number: numberSchema,
      licence: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'ref', 'validFromMs', 'validUntilMs'],
        properties: {
          kind: { enum: LICENCE_KINDS },
          ref: { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,64}$' },
          validFromMs: timeSchema,
          validUntilMs: timeSchema,
        },
      },
    },
  },
  authorise(ctx) {
    return getMember(ctx.state, senderOf(ctx))
      ? OK
      : fail('BUSINESS_NOT_MEMBER', 'only a member body grants licences');
  },
  apply(ctx, { number, licence: l }) {
    const grantors = LICENCE_GRANTORS[l.kind] ?? [];
    if (!grantors.some((role) => hasRole(ctx, senderOf(ctx), role))) {
      return fail('BUSINESS_LICENCE_NOT_ALLOWED', `${l.kind}: ${grantors.join(', ')}`);
    }
    if (l.validUntilMs <= l.validFromMs) {
      return fail('BUSINESS_LICENCE_DATES_INVALID', 'validUntilMs must be after validFromMs');
    }
    const live = liveBusiness(ctx.state, number);
    if (!live.ok) return live;
    const id = ctx.prepared.id;
    const rec: BusinessLicence = {
      id,
      number,
      kind: l.kind,
      ref: l.ref,
      validFromMs: l.validFromMs,
      validUntilMs: l.validUntilMs,
      grantedBy: senderOf(ctx),
      grantedMs: ctx.block.timeMs,
      ...geoOf(ctx),
    };
    ctx.state.put(BUSINESS_KEYS.licence(number, id), rec as unknown as Json);
    ctx.state.put(BUSINESS_KEYS.licencesOfKind(number, l.kind), [
      ...licenceIdsOfKind(ctx.state, number, l.kind),
      id,
    ]);
    appendHistory(ctx, number, 'licensed', { licence: { id, kind: l.kind } });
    return OK;
  },
};

const revokeLicence: TxType<{ number: string; licence: string; reason: Reason }> = {
  type: 'business.revokeLicence',
  summary: { en: 'Revoke a licence', cy: 'Dirymu trwydded' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['number', 'licence', 'reason'],
    properties: { number: numberSchema, licence: txIdSchema, reason: reasonSchema },
  },
  authorise(ctx) {
    return getMember(ctx.state, senderOf(ctx))
      ? OK
      : fail('BUSINESS_NOT_MEMBER', 'only a member body revokes licences');
  },
  apply(ctx, p) {
    const l = getLicence(ctx.state, p.number, p.licence);
    if (!l) return fail('BUSINESS_LICENCE_UNKNOWN', p.licence);
    if (l.grantedBy !== senderOf(ctx)) {
      return fail('BUSINESS_LICENCE_NOT_GRANTOR', 'only the body that granted it may revoke it');
    }
    if (l.revoked !== undefined) return fail('BUSINESS_LICENCE_REVOKED', l.revoked.txId);
    const reason = copyReason(p.reason);
    const next: BusinessLicence = {
      ...l,
      revoked: { by: senderOf(ctx), timeMs: ctx.block.timeMs, txId: ctx.prepared.id, reason },
    };
    ctx.state.put(BUSINESS_KEYS.licence(p.number, p.licence), next as unknown as Json);
    appendHistory(ctx, p.number, 'licence-revoked', {
      licence: { id: l.id, kind: l.kind },
      reason,
    });
    return OK;
  },
};

export const businessModule: LedgerModule = {
  name: 'business',
  txTypes: [
    apply,
    approve,
    refuse,
    amend,
    dissolve,
    licence,
    revokeLicence,
  ] as unknown as TxType<never>[],
};
