// title: the property title register and its transfers (decision 0012). What a register of
// title makes public is here (title number, parcel UPRN, tenure, area, charges and restrictions
// by reference); people are not: an owner is a salted digest the registrar can open, a seller or
// buyer the pairwise did:key they use for this one transfer. A transfer is a state machine with
// one signed transaction per step and per party; `stepTransfer` is that machine, pure.
import { concatBytes, utf8 } from '../../core/bytes.js';
import { isDid } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import { HEX_DIGEST_RE, sha256Hex } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import type { Result, Verdict } from '../../core/result.js';
import { fail, OK } from '../../core/result.js';
import type { JsonSchema, LedgerModule, TxContext, TxType } from '../module.js';
import type { StateReader, StateWriter } from '../state.js';
import { CODE_RE } from './consent.js';
import type { Reason } from './business.js';
import { getMember } from './governance.js';

/** HM Land Registry style: up to three letters and up to six digits (CYM123456, WA12345). */
export const TITLE_NUMBER_RE = /^[A-Z]{2,3}[0-9]{1,6}$/;
/** A Unique Property Reference Number, zero-padded to twelve digits. */
export const UPRN_RE = /^[0-9]{12}$/;
export const TENURES = ['freehold', 'leasehold'] as const;
export type Tenure = (typeof TENURES)[number];

/**
 * Restriction kinds, and whether one stops a transfer being approved. A joint-proprietor
 * restriction (Form A) or a notice is information for the parties; the others must be withdrawn
 * by the registrar first (a court order, a bankruptcy, a third party's consent not yet given).
 */
export const RESTRICTION_BLOCKS: { readonly [kind: string]: boolean } = {
  'joint-proprietors': false,
  notice: false,
  'consent-required': true,
  'court-order': true,
  bankruptcy: true,
};
export const RESTRICTION_KINDS = Object.keys(RESTRICTION_BLOCKS);

/** Land Transaction Tax bands (Wales), so a transfer can say roughly what it is without a sum. */
export const PRICE_BANDS = [
  'up-to-225k',
  '225k-400k',
  '400k-750k',
  '750k-1500k',
  'over-1500k',
] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

/** How many transfers one chain may hold, and links one transfer may name: reads stay bounded. */
export const CHAIN_MAX = 32;
export const LINKS_MAX = 4;
/** How many transfers may link to one: drafts are free, so a link must not grow without end. */
export const LINKED_FROM_MAX = 16;
const PARTIES_MAX = 4;
const CHARGES_MAX = 10;
const RESTRICTIONS_MAX = 10;

export interface Charge {
  /** The lender's own reference for the charge. */
  readonly ref: string;
  /** The lender: a did:key of its system, or a member body's did:web. */
  readonly lender: string;
}

export interface Restriction {
  readonly ref: string;
  readonly kind: string;
}

export interface Title {
  readonly titleNumber: string;
  readonly uprn: string;
  readonly tenure: Tenure;
  /** ONS code of the area the parcel is in. */
  readonly area: string;
  /** Salted digests, never people. */
  readonly owners: readonly string[];
  readonly charges: readonly Charge[];
  readonly restrictions: readonly Restriction[];
  /** The registrar body that registered it; it approves and registers its transfers. */
  readonly registrar: string;
  readonly registeredMs: number;
  readonly updatedMs: number;
}

export const TRANSFER_STAGES = [
  'drafted',
  'approved',
  'signed',
  'funds-confirmed',
  'completed',
  'registered',
  'withdrawn',
  'refused',
] as const;
export type TransferStage = (typeof TRANSFER_STAGES)[number];
/** Stages after which nothing more happens to a transfer. */
export const CLOSED_STAGES: readonly TransferStage[] = ['registered', 'withdrawn', 'refused'];

export const PARTY_ROLES = [
  'seller',
  'buyer',
  'seller-conveyancer',
  'buyer-conveyancer',
  'discharging-lender',
  'new-lender',
  'registrar',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const TRANSFER_STEPS = [
  'approve',
  'refuse',
  'sign',
  'confirmFunds',
  'complete',
  'register',
  'withdraw',
] as const;
export type TransferStep = (typeof TRANSFER_STEPS)[number];

/** What the state machine needs of a transfer: who is in it, and how far it has come. */
export interface TransferParties {
  readonly registrar: string;
  readonly sellers: readonly string[];
  readonly buyers: readonly string[];
  readonly sellerConveyancer: string;
  readonly buyerConveyancer: string;
  /** Existing charges to be discharged: each lender's signature is its consent. */
  readonly discharge: readonly Charge[];
  /** A new charge for the buyer's lender: its signature is its consent, and it confirms funds. */
  readonly newCharge?: Charge;
}

export interface TransferProgress {
  readonly stage: TransferStage;
  /** Parties who signed, in the order they did. */
  readonly signedBy: readonly string[];
  readonly fundsConfirmedBy: readonly string[];
}

export type TransferMachine = TransferParties & TransferProgress;

export interface Transfer extends TransferMachine {
  /** The draft transaction's id. */
  readonly id: string;
  readonly titleNumber: string;
  /** Salted digests of the buyers, who become the owners when it is registered. */
  readonly newOwners: readonly string[];
  readonly priceBand?: PriceBand;
  /** Linked transfers this one named (the buyer's own sale, say). */
  readonly links: readonly string[];
  readonly draftedMs: number;
  readonly height: number;
  readonly updatedMs: number;
  readonly reason?: Reason;
  readonly geo?: Geo;
}

/** One thing a transfer waits for: a step, and the party who must take it. */
export interface Waiting {
  readonly step: TransferStep;
  readonly party: string;
  readonly roles: readonly PartyRole[];
}

export type TitleEvent =
  | 'registered'
  | 'restricted'
  | 'restriction-removed'
  | 'charged'
  | 'charge-discharged'
  | 'transfer-approved'
  | 'transfer-closed'
  | 'transferred';

export interface TitleHistoryEntry {
  readonly titleNumber: string;
  readonly event: TitleEvent;
  readonly by: string;
  readonly timeMs: number;
  readonly height: number;
  readonly logIndex: number;
  readonly txId: string;
  readonly transfer?: string;
  readonly charge?: Charge;
  readonly restriction?: Restriction;
  /** How many owners before and after, for a transfer (the digests are on the entry itself). */
  readonly owners?: { readonly from: number; readonly to: number };
  readonly geo?: Geo;
}

export type TransferEvent = 'drafted' | 'linked' | TransferStep;

export interface TransferHistoryEntry {
  readonly transfer: string;
  readonly event: TransferEvent;
  readonly by: string;
  /** The roles the sender acted in. */
  readonly roles: readonly PartyRole[];
  /** The stage after this step. */
  readonly stage: TransferStage;
  readonly timeMs: number;
  readonly height: number;
  readonly logIndex: number;
  readonly txId: string;
  readonly links?: readonly string[];
  readonly reason?: Reason;
  readonly geo?: Geo;
}

// Zero-padded so a range read returns a history in log order.
const logKeyPart = (logIndex: number) => String(logIndex).padStart(12, '0');

export const TITLE_KEYS = {
  title: (titleNumber: string) => `title/${titleNumber}`,
  titlePrefix: 'title/',
  /** Titles on a parcel (a freehold and its leases): a range read of `uprnPrefix(uprn)`. */
  uprn: (uprn: string, titleNumber: string) => `title-uprn/${uprn}/${titleNumber}`,
  uprnPrefix: (uprn: string) => `title-uprn/${uprn}/`,
  /** A parcel has one freehold title (leases beside it). */
  freehold: (uprn: string) => `title-freehold/${uprn}`,
  /** The one approved transfer in progress on a title, if any. */
  open: (titleNumber: string) => `title-open/${titleNumber}`,
  history: (titleNumber: string, logIndex: number) =>
    `title-history/${titleNumber}/${logKeyPart(logIndex)}`,
  transfer: (id: string) => `title-transfer/${id}`,
  transferPrefix: 'title-transfer/',
  /** Transfers that named this one as a link (the other direction of `Transfer.links`). */
  linkedFrom: (id: string) => `title-transfer-linked/${id}`,
  transferHistory: (id: string, logIndex: number) =>
    `title-transfer-history/${id}/${logKeyPart(logIndex)}`,
} as const;

/** Key prefixes of the two histories: a range read gives each in order. */
export const titleHistory = (titleNumber: string) => `title-history/${titleNumber}/`;
export const transferHistory = (id: string) => `title-transfer-history/${id}/`;

/** decision 0012: SHA-256("cadwyn/v1/owner\n" || salt || did), lower-case hex. */
export function ownerDigest(salt: Uint8Array, did: string): string {
  return sha256Hex(concatBytes(utf8('cadwyn/v1/owner\n'), salt, utf8(did)));
}

export function getTitle(state: StateReader, titleNumber: string): Title | undefined {
  return state.get(TITLE_KEYS.title(titleNumber)) as unknown as Title | undefined;
}

export function getTransfer(state: StateReader, id: string): Transfer | undefined {
  return state.get(TITLE_KEYS.transfer(id)) as unknown as Transfer | undefined;
}

export function openTransferOf(state: StateReader, titleNumber: string): string | undefined {
  return state.get(TITLE_KEYS.open(titleNumber)) as string | undefined;
}

function linkedFrom(state: StateReader, id: string): readonly string[] {
  return (state.get(TITLE_KEYS.linkedFrom(id)) as string[] | undefined) ?? [];
}

// ---- the state machine (pure) ----

const uniq = (xs: readonly string[]) => [...new Set(xs)];

/** Everyone whose signature the transfer needs: both sides, their conveyancers, the lenders. */
export function requiredSigners(t: TransferParties): string[] {
  return uniq([
    ...t.sellers,
    ...t.buyers,
    t.sellerConveyancer,
    t.buyerConveyancer,
    ...t.discharge.map((c) => c.lender),
    ...(t.newCharge ? [t.newCharge.lender] : []),
  ]);
}

/** Who confirms the funds: the buyer's conveyancer, and the new lender when there is one. */
export function fundsConfirmers(t: TransferParties): string[] {
  return uniq([t.buyerConveyancer, ...(t.newCharge ? [t.newCharge.lender] : [])]);
}

/** The roles `did` holds in the transfer (none: not a party). */
export function rolesOf(t: TransferParties, did: string): PartyRole[] {
  const roles: PartyRole[] = [];
  if (t.sellers.includes(did)) roles.push('seller');
  if (t.buyers.includes(did)) roles.push('buyer');
  if (t.sellerConveyancer === did) roles.push('seller-conveyancer');
  if (t.buyerConveyancer === did) roles.push('buyer-conveyancer');
  if (t.discharge.some((c) => c.lender === did)) roles.push('discharging-lender');
  if (t.newCharge?.lender === did) roles.push('new-lender');
  if (t.registrar === did) roles.push('registrar');
  return roles;
}

/** May `did` take `step` at all, whatever the stage? */
function mayTake(t: TransferParties, step: TransferStep, did: string): boolean {
  switch (step) {
    case 'approve':
    case 'refuse':
    case 'register':
      return t.registrar === did;
    case 'sign':
      return requiredSigners(t).includes(did);
    case 'confirmFunds':
      return fundsConfirmers(t).includes(did);
    case 'complete':
      return t.sellerConveyancer === did;
    case 'withdraw':
      return t.sellerConveyancer === did || t.buyerConveyancer === did;
  }
}

/** Which stages each step may be taken in. */
const STEP_FROM: { readonly [S in TransferStep]: readonly TransferStage[] } = {
  approve: ['drafted'],
  refuse: ['drafted', 'approved'],
  sign: ['approved'],
  confirmFunds: ['signed'],
  complete: ['funds-confirmed'],
  register: ['completed'],
  withdraw: ['drafted', 'approved', 'signed', 'funds-confirmed'],
};

export type StepCode =
  | 'TITLE_NOT_PARTY'
  | 'TITLE_WRONG_ROLE'
  | 'TITLE_STEP_OUT_OF_ORDER'
  | 'TITLE_ALREADY_SIGNED'
  | 'TITLE_FUNDS_ALREADY_CONFIRMED'
  | 'TITLE_LENDER_CONSENT_MISSING';

/**
 * The transfer state machine: `actor` takes `step`; the new progress, or why not. Who first
 * (not a party, then the wrong role), then when (out of order), then twice (already signed).
 * Signatures are taken in any order among the parties, only after approval; funds are confirmed
 * only once every party signed, so a discharge never goes ahead without the old lender's consent.
 */
export function stepTransfer(
  t: TransferMachine,
  step: TransferStep,
  actor: string,
): Result<TransferProgress, StepCode> {
  if (!mayTake(t, step, actor)) {
    return rolesOf(t, actor).length === 0
      ? fail('TITLE_NOT_PARTY', step)
      : fail('TITLE_WRONG_ROLE', `${step}: not for ${rolesOf(t, actor).join(', ')}`);
  }
  if (step === 'sign' && t.signedBy.includes(actor)) {
    return fail('TITLE_ALREADY_SIGNED', t.stage);
  }
  if (step === 'confirmFunds' && t.fundsConfirmedBy.includes(actor)) {
    return fail('TITLE_FUNDS_ALREADY_CONFIRMED', t.stage);
  }
  if (!STEP_FROM[step].includes(t.stage)) {
    if (step === 'confirmFunds' && t.stage === 'approved') {
      const missing = requiredSigners(t).filter((d) => !t.signedBy.includes(d));
      const lenders = [...t.discharge.map((c) => c.lender), t.newCharge?.lender];
      if (missing.every((d) => lenders.includes(d))) {
        return fail('TITLE_LENDER_CONSENT_MISSING', missing.join(' '));
      }
    }
    return fail('TITLE_STEP_OUT_OF_ORDER', `${step} at stage ${t.stage}`);
  }
  const same = { signedBy: t.signedBy, fundsConfirmedBy: t.fundsConfirmedBy };
  switch (step) {
    case 'approve':
      return { ok: true, value: { ...same, stage: 'approved' } };
    case 'refuse':
      return { ok: true, value: { ...same, stage: 'refused' } };
    case 'withdraw':
      return { ok: true, value: { ...same, stage: 'withdrawn' } };
    case 'complete':
      return { ok: true, value: { ...same, stage: 'completed' } };
    case 'register':
      return { ok: true, value: { ...same, stage: 'registered' } };
    case 'sign': {
      const signedBy = [...t.signedBy, actor];
      const all = requiredSigners(t).every((d) => signedBy.includes(d));
      return {
        ok: true,
        value: { ...same, signedBy, stage: all ? 'signed' : 'approved' },
      };
    }
    case 'confirmFunds': {
      const fundsConfirmedBy = [...t.fundsConfirmedBy, actor];
      const all = fundsConfirmers(t).every((d) => fundsConfirmedBy.includes(d));
      return {
        ok: true,
        value: { ...same, fundsConfirmedBy, stage: all ? 'funds-confirmed' : 'signed' },
      };
    }
  }
}

/** What the transfer is waiting for, and from whom: "where it stands" in one answer. */
export function waitingFor(t: TransferMachine): Waiting[] {
  const w = (step: TransferStep, parties: readonly string[]): Waiting[] =>
    parties.map((party) => ({ step, party, roles: rolesOf(t, party) }));
  switch (t.stage) {
    case 'drafted':
      return w('approve', [t.registrar]);
    case 'approved':
      return w(
        'sign',
        requiredSigners(t).filter((d) => !t.signedBy.includes(d)),
      );
    case 'signed':
      return w(
        'confirmFunds',
        fundsConfirmers(t).filter((d) => !t.fundsConfirmedBy.includes(d)),
      );
    case 'funds-confirmed':
      return w('complete', [t.sellerConveyancer]);
    case 'completed':
      return w('register', [t.registrar]);
    default:
      return [];
  }
}

export interface ChainLink {
  readonly id: string;
  readonly titleNumber: string;
  readonly stage: TransferStage;
  readonly waitingFor: readonly Waiting[];
  /** Transfers this one is linked to, either direction. */
  readonly links: readonly string[];
}

export interface Chain {
  readonly transfers: readonly ChainLink[];
  /** The open transfers furthest behind: the ones holding the chain up. */
  readonly holdingUp: readonly string[];
  /** True when the chain had more than CHAIN_MAX transfers and was cut short. */
  readonly truncated: boolean;
}

const STAGE_RANK: { readonly [S in TransferStage]: number } = {
  drafted: 0,
  approved: 1,
  signed: 2,
  'funds-confirmed': 3,
  completed: 4,
  registered: 5,
  withdrawn: 6,
  refused: 6,
};

/**
 * The whole chain a transfer is in (links followed both ways, at most CHAIN_MAX transfers),
 * each with its stage and what it waits for. Reads only what the ledger already shows.
 */
export function chainOf(state: StateReader, id: string): Chain | undefined {
  if (!getTransfer(state, id)) return undefined;
  const seen = new Set<string>([id]);
  const queue = [id];
  const out: ChainLink[] = [];
  let truncated = false;
  while (queue.length > 0) {
    const at = queue.shift() as string;
    const t = getTransfer(state, at);
    if (!t) continue;
    const links = uniq([...t.links, ...linkedFrom(state, at)]);
    out.push({
      id: at,
      titleNumber: t.titleNumber,
      stage: t.stage,
      waitingFor: waitingFor(t),
      links,
    });
    for (const l of links) {
      if (seen.has(l)) continue;
      if (seen.size >= CHAIN_MAX) {
        truncated = true;
        continue;
      }
      seen.add(l);
      queue.push(l);
    }
  }
  const open = out.filter((c) => !CLOSED_STAGES.includes(c.stage));
  const least = Math.min(...open.map((c) => STAGE_RANK[c.stage]));
  return {
    transfers: out,
    // A chain moves together: the transfers at the lowest stage are the ones to chase.
    holdingUp: open.filter((c) => STAGE_RANK[c.stage] === least).map((c) => c.id),
    truncated,
  };
}

// ---- schemas ----

const titleNumberSchema: JsonSchema = { type: 'string', pattern: TITLE_NUMBER_RE.source };
const refSchema: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,64}$' };
const didSchema: JsonSchema = { type: 'string', minLength: 8, maxLength: 256 };
const digestsSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: PARTIES_MAX,
  uniqueItems: true,
  items: { type: 'string', pattern: HEX_DIGEST_RE.source, description: 'salted SHA-256, hex' },
};
const partiesSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: PARTIES_MAX,
  uniqueItems: true,
  items: didSchema,
};
const chargeSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ref', 'lender'],
  properties: { ref: refSchema, lender: didSchema },
};
const restrictionSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ref', 'kind'],
  properties: { ref: refSchema, kind: { enum: RESTRICTION_KINDS } },
};
const txIdSchema: JsonSchema = { type: 'string', pattern: HEX_DIGEST_RE.source };
const textSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 300 };
const reasonSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'en', 'cy'],
  properties: { code: { type: 'string', pattern: CODE_RE.source }, en: textSchema, cy: textSchema },
};
const transferOnly: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['transfer'],
  properties: { transfer: txIdSchema },
};

// ---- helpers ----

const senderOf = (ctx: TxContext) => ctx.prepared.tx.body.sender;
const geoOf = (ctx: TxContext) => {
  const geo = ctx.prepared.tx.body.geo;
  return geo === undefined ? {} : { geo };
};
const isDidKey = (d: string) => d.startsWith('did:key:') && isDid(d);

/** Every title transaction is geo-stamped (DESIGN.md: time and place of every state change). */
function geoStamped(ctx: TxContext): Verdict {
  return ctx.prepared.tx.body.geo === undefined
    ? fail('TITLE_GEO_REQUIRED', 'a title transaction carries geo')
    : OK;
}

function registrarOf(ctx: TxContext, title: Title): Verdict {
  const sender = senderOf(ctx);
  const isRegistrar = getMember(ctx.state, sender)?.roles.includes('registrar') ?? false;
  if (!isRegistrar)
    return fail('TITLE_NOT_REGISTRAR', 'only a member body with the registrar role');
  if (title.registrar !== sender) {
    return fail('TITLE_NOT_REGISTRAR', 'the title is held by another registrar');
  }
  return OK;
}

function titleOr(
  state: StateReader,
  titleNumber: string,
): { ok: true; value: Title } | { ok: false; code: string; detail?: string } {
  const t = getTitle(state, titleNumber);
  return t ? { ok: true, value: t } : fail('TITLE_UNKNOWN', titleNumber);
}

function putTitle(ctx: TxContext, t: Title): void {
  ctx.state.put(TITLE_KEYS.title(t.titleNumber), {
    ...t,
    updatedMs: ctx.block.timeMs,
  } as unknown as Json);
}

function appendTitleHistory(
  ctx: TxContext,
  titleNumber: string,
  event: TitleEvent,
  extra: Pick<TitleHistoryEntry, 'transfer' | 'charge' | 'restriction' | 'owners'> = {},
): void {
  const entry: TitleHistoryEntry = {
    titleNumber,
    event,
    by: senderOf(ctx),
    timeMs: ctx.block.timeMs,
    height: ctx.block.height,
    logIndex: ctx.logIndex,
    txId: ctx.prepared.id,
    ...extra,
    ...geoOf(ctx),
  };
  ctx.state.put(TITLE_KEYS.history(titleNumber, ctx.logIndex), entry as unknown as Json);
}

function appendTransferHistory(
  ctx: TxContext,
  t: Transfer,
  event: TransferEvent,
  extra: Pick<TransferHistoryEntry, 'links' | 'reason'> = {},
): void {
  const entry: TransferHistoryEntry = {
    transfer: t.id,
    event,
    by: senderOf(ctx),
    roles: rolesOf(t, senderOf(ctx)),
    stage: t.stage,
    timeMs: ctx.block.timeMs,
    height: ctx.block.height,
    logIndex: ctx.logIndex,
    txId: ctx.prepared.id,
    ...extra,
    ...geoOf(ctx),
  };
  ctx.state.put(TITLE_KEYS.transferHistory(t.id, ctx.logIndex), entry as unknown as Json);
}

const copyCharge = (c: Charge): Charge => ({ ref: c.ref, lender: c.lender });
const copyReason = (r: Reason): Reason => ({ code: r.code, en: r.en, cy: r.cy });

/** A link may be made only by a conveyancer acting in both transfers (it knows the chain). */
function linkable(state: StateReader, sender: string, self: string, link: string): Verdict {
  if (link === self) return fail('TITLE_LINK_INVALID', 'a transfer cannot link to itself');
  const other = getTransfer(state, link);
  if (!other) return fail('TITLE_LINK_UNKNOWN', link);
  if (CLOSED_STAGES.includes(other.stage)) return fail('TITLE_LINK_INVALID', `${link} is closed`);
  if (other.sellerConveyancer !== sender && other.buyerConveyancer !== sender) {
    return fail('TITLE_LINK_NOT_CONVEYANCER', link);
  }
  if (linkedFrom(state, link).length >= LINKED_FROM_MAX) {
    return fail('TITLE_LINK_INVALID', `${link} has ${LINKED_FROM_MAX} links`);
  }
  return OK;
}

function putLink(state: StateWriter, from: string, to: string): void {
  state.put(TITLE_KEYS.linkedFrom(to), uniq([...linkedFrom(state, to), from]));
}

// ---- register transactions ----

interface RegisterPayload {
  titleNumber: string;
  uprn: string;
  tenure: Tenure;
  area: string;
  owners: string[];
  charges: Charge[];
  restrictions: Restriction[];
}

const register: TxType<RegisterPayload> = {
  type: 'title.register',
  summary: { en: 'Register a title to land', cy: 'Cofrestru teitl i dir' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['titleNumber', 'uprn', 'tenure', 'area', 'owners', 'charges', 'restrictions'],
    properties: {
      titleNumber: titleNumberSchema,
      uprn: { type: 'string', pattern: UPRN_RE.source },
      tenure: { enum: [...TENURES] },
      area: { type: 'string', pattern: '^[EWSNKLMJ][0-9]{8}$' },
      owners: digestsSchema,
      charges: { type: 'array', maxItems: CHARGES_MAX, items: chargeSchema },
      restrictions: { type: 'array', maxItems: RESTRICTIONS_MAX, items: restrictionSchema },
    },
  },
  authorise(ctx) {
    const member = getMember(ctx.state, senderOf(ctx));
    if (!(member?.roles.includes('registrar') ?? false)) {
      return fail('TITLE_NOT_REGISTRAR', 'only a member body with the registrar role');
    }
    return geoStamped(ctx);
  },
  apply(ctx, p) {
    if (getTitle(ctx.state, p.titleNumber)) return fail('TITLE_EXISTS', p.titleNumber);
    const freehold = ctx.state.get(TITLE_KEYS.freehold(p.uprn));
    if (p.tenure === 'freehold' && freehold !== undefined) {
      return fail('TITLE_PARCEL_TAKEN', String(freehold));
    }
    if (new Set(p.charges.map((c) => c.ref)).size !== p.charges.length) {
      return fail('TITLE_CHARGE_EXISTS', 'charge references repeat');
    }
    if (p.charges.some((c) => !isDid(c.lender))) return fail('TITLE_PARTIES_INVALID', 'lender');
    if (new Set(p.restrictions.map((r) => r.ref)).size !== p.restrictions.length) {
      return fail('TITLE_RESTRICTION_EXISTS', 'restriction references repeat');
    }
    const t: Title = {
      titleNumber: p.titleNumber,
      uprn: p.uprn,
      tenure: p.tenure,
      area: p.area,
      owners: p.owners,
      charges: p.charges.map(copyCharge),
      restrictions: p.restrictions.map((r) => ({ ref: r.ref, kind: r.kind })),
      registrar: senderOf(ctx),
      registeredMs: ctx.block.timeMs,
      updatedMs: ctx.block.timeMs,
    };
    putTitle(ctx, t);
    ctx.state.put(TITLE_KEYS.uprn(p.uprn, p.titleNumber), p.titleNumber);
    if (p.tenure === 'freehold') ctx.state.put(TITLE_KEYS.freehold(p.uprn), p.titleNumber);
    appendTitleHistory(ctx, p.titleNumber, 'registered');
    return OK;
  },
};

const restrict: TxType<{ titleNumber: string; restriction: Restriction }> = {
  type: 'title.restrict',
  summary: { en: 'Enter a restriction on a title', cy: 'Cofnodi cyfyngiad ar deitl' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['titleNumber', 'restriction'],
    properties: { titleNumber: titleNumberSchema, restriction: restrictionSchema },
  },
  authorise: geoStamped,
  apply(ctx, { titleNumber, restriction }) {
    const t = titleOr(ctx.state, titleNumber);
    if (!t.ok) return t;
    const r = registrarOf(ctx, t.value);
    if (!r.ok) return r;
    if (t.value.restrictions.some((x) => x.ref === restriction.ref)) {
      return fail('TITLE_RESTRICTION_EXISTS', restriction.ref);
    }
    if (t.value.restrictions.length >= RESTRICTIONS_MAX) {
      return fail('TITLE_RESTRICTION_EXISTS', `at most ${RESTRICTIONS_MAX}`);
    }
    const added = { ref: restriction.ref, kind: restriction.kind };
    putTitle(ctx, { ...t.value, restrictions: [...t.value.restrictions, added] });
    appendTitleHistory(ctx, titleNumber, 'restricted', { restriction: added });
    return OK;
  },
};

const removeRestriction: TxType<{ titleNumber: string; ref: string }> = {
  type: 'title.removeRestriction',
  summary: { en: 'Withdraw a restriction from a title', cy: 'Tynnu cyfyngiad oddi ar deitl' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['titleNumber', 'ref'],
    properties: { titleNumber: titleNumberSchema, ref: refSchema },
  },
  authorise: geoStamped,
  apply(ctx, { titleNumber, ref }) {
    const t = titleOr(ctx.state, titleNumber);
    if (!t.ok) return t;
    const r = registrarOf(ctx, t.value);
    if (!r.ok) return r;
    const gone = t.value.restrictions.find((x) => x.ref === ref);
    if (!gone) return fail('TITLE_RESTRICTION_UNKNOWN', ref);
    putTitle(ctx, { ...t.value, restrictions: t.value.restrictions.filter((x) => x.ref !== ref) });
    appendTitleHistory(ctx, titleNumber, 'restriction-removed', { restriction: gone });
    return OK;
  },
};

/** A charge outside a transfer (a remortgage): the registrar sends it, the lender co-signs. */
const charge: TxType<{ titleNumber: string; charge: Charge }> = {
  type: 'title.charge',
  summary: {
    en: 'Register a charge on a title, with the lender’s consent',
    cy: 'Cofrestru arwystl ar deitl, gyda chydsyniad y benthyciwr',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['titleNumber', 'charge'],
    properties: { titleNumber: titleNumberSchema, charge: chargeSchema },
  },
  authorise: geoStamped,
  apply(ctx, p) {
    const t = titleOr(ctx.state, p.titleNumber);
    if (!t.ok) return t;
    const r = registrarOf(ctx, t.value);
    if (!r.ok) return r;
    if (!isDid(p.charge.lender)) return fail('TITLE_PARTIES_INVALID', 'lender');
    if (!ctx.signers.has(p.charge.lender)) {
      return fail('TITLE_LENDER_CONSENT_MISSING', 'the lender co-signs a new charge');
    }
    if (t.value.charges.some((c) => c.ref === p.charge.ref)) {
      return fail('TITLE_CHARGE_EXISTS', p.charge.ref);
    }
    if (t.value.charges.length >= CHARGES_MAX) {
      return fail('TITLE_CHARGE_EXISTS', `at most ${CHARGES_MAX}`);
    }
    const added = copyCharge(p.charge);
    putTitle(ctx, { ...t.value, charges: [...t.value.charges, added] });
    appendTitleHistory(ctx, p.titleNumber, 'charged', { charge: added });
    return OK;
  },
};

/** A lender discharges its own charge (the loan repaid): its transaction is its consent. */
const discharge: TxType<{ titleNumber: string; ref: string }> = {
  type: 'title.discharge',
  summary: {
    en: 'Discharge a charge (by the lender)',
    cy: 'Rhyddhau arwystl (gan y benthyciwr)',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['titleNumber', 'ref'],
    properties: { titleNumber: titleNumberSchema, ref: refSchema },
  },
  authorise: geoStamped,
  apply(ctx, { titleNumber, ref }) {
    const t = titleOr(ctx.state, titleNumber);
    if (!t.ok) return t;
    const c = t.value.charges.find((x) => x.ref === ref);
    if (!c) return fail('TITLE_CHARGE_UNKNOWN', ref);
    if (c.lender !== senderOf(ctx)) return fail('TITLE_NOT_LENDER', ref);
    putTitle(ctx, { ...t.value, charges: t.value.charges.filter((x) => x.ref !== ref) });
    appendTitleHistory(ctx, titleNumber, 'charge-discharged', { charge: copyCharge(c) });
    return OK;
  },
};

// ---- transfer transactions ----

interface DraftPayload {
  titleNumber: string;
  sellers: string[];
  buyers: string[];
  buyerConveyancer: string;
  newOwners: string[];
  discharge: string[];
  newCharge?: Charge;
  priceBand?: PriceBand;
  links?: string[];
}

/** Parties must be well-formed DIDs, people did:keys, and nobody on both sides. */
function partiesValid(ctx: TxContext, p: DraftPayload, registrar: string): Verdict {
  const sender = senderOf(ctx);
  if (![...p.sellers, ...p.buyers].every(isDidKey)) {
    return fail('TITLE_PARTIES_INVALID', 'sellers and buyers are pairwise did:keys');
  }
  if (!isDid(sender) || !isDid(p.buyerConveyancer)) {
    return fail('TITLE_PARTIES_INVALID', 'conveyancer');
  }
  if (p.newCharge !== undefined && !isDid(p.newCharge.lender)) {
    return fail('TITLE_PARTIES_INVALID', 'lender');
  }
  if (p.sellers.some((d) => p.buyers.includes(d))) {
    return fail('TITLE_PARTIES_INVALID', 'a party is on both sides');
  }
  const people = [...p.sellers, ...p.buyers];
  if ([sender, p.buyerConveyancer, p.newCharge?.lender].some((d) => d && people.includes(d))) {
    return fail('TITLE_PARTIES_INVALID', 'a conveyancer or lender is also a seller or buyer');
  }
  if ([sender, p.buyerConveyancer, p.newCharge?.lender, ...people].includes(registrar)) {
    return fail('TITLE_PARTIES_INVALID', 'the registrar is not a party');
  }
  return OK;
}

const draft: TxType<DraftPayload> = {
  type: 'title.draft',
  summary: {
    en: 'Draft the transfer of a title (seller’s conveyancer)',
    cy: 'Drafftio trosglwyddiad teitl (trawsgludwr y gwerthwr)',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['titleNumber', 'sellers', 'buyers', 'buyerConveyancer', 'newOwners', 'discharge'],
    properties: {
      titleNumber: titleNumberSchema,
      sellers: partiesSchema,
      buyers: partiesSchema,
      buyerConveyancer: didSchema,
      newOwners: digestsSchema,
      discharge: { type: 'array', maxItems: CHARGES_MAX, uniqueItems: true, items: refSchema },
      newCharge: chargeSchema,
      priceBand: { enum: [...PRICE_BANDS] },
      links: { type: 'array', maxItems: LINKS_MAX, uniqueItems: true, items: txIdSchema },
    },
  },
  authorise: geoStamped,
  apply(ctx, p) {
    const tr = titleOr(ctx.state, p.titleNumber);
    if (!tr.ok) return tr;
    const title = tr.value;
    const valid = partiesValid(ctx, p, title.registrar);
    if (!valid.ok) return valid;
    // The registrar checks at approval that these pseudonyms are the owners (decision 0012);
    // the ledger checks what it can: one seller per owner, one digest per buyer.
    if (p.sellers.length !== title.owners.length) {
      return fail('TITLE_PARTIES_INVALID', `${title.owners.length} owners sell`);
    }
    if (p.newOwners.length !== p.buyers.length) {
      return fail('TITLE_PARTIES_INVALID', 'one new owner digest per buyer');
    }
    const discharged: Charge[] = [];
    for (const ref of p.discharge) {
      const c = title.charges.find((x) => x.ref === ref);
      if (!c) return fail('TITLE_CHARGE_UNKNOWN', ref);
      discharged.push(copyCharge(c));
    }
    if (p.newCharge !== undefined) {
      const ref = p.newCharge.ref;
      if (title.charges.some((c) => c.ref === ref && !p.discharge.includes(ref))) {
        return fail('TITLE_CHARGE_EXISTS', ref);
      }
    }
    const id = ctx.prepared.id;
    const links = p.links ?? [];
    for (const l of links) {
      const ok = linkable(ctx.state, senderOf(ctx), id, l);
      if (!ok.ok) return ok;
    }
    const t: Transfer = {
      id,
      titleNumber: p.titleNumber,
      registrar: title.registrar,
      sellers: p.sellers,
      buyers: p.buyers,
      sellerConveyancer: senderOf(ctx),
      buyerConveyancer: p.buyerConveyancer,
      discharge: discharged,
      ...(p.newCharge === undefined ? {} : { newCharge: copyCharge(p.newCharge) }),
      newOwners: p.newOwners,
      ...(p.priceBand === undefined ? {} : { priceBand: p.priceBand }),
      links,
      stage: 'drafted',
      signedBy: [],
      fundsConfirmedBy: [],
      draftedMs: ctx.block.timeMs,
      height: ctx.block.height,
      updatedMs: ctx.block.timeMs,
      ...geoOf(ctx),
    };
    ctx.state.put(TITLE_KEYS.transfer(id), t as unknown as Json);
    for (const l of links) putLink(ctx.state, id, l);
    appendTransferHistory(ctx, t, 'drafted', links.length > 0 ? { links } : {});
    return OK;
  },
};

const link: TxType<{ transfer: string; to: string }> = {
  type: 'title.link',
  summary: {
    en: 'Link two transfers in a chain (a conveyancer acting in both)',
    cy: 'Cysylltu dau drosglwyddiad mewn cadwyn (trawsgludwr sy’n gweithredu yn y ddau)',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['transfer', 'to'],
    properties: { transfer: txIdSchema, to: txIdSchema },
  },
  authorise: geoStamped,
  apply(ctx, p) {
    const t = getTransfer(ctx.state, p.transfer);
    if (!t) return fail('TITLE_TRANSFER_UNKNOWN', p.transfer);
    const sender = senderOf(ctx);
    if (CLOSED_STAGES.includes(t.stage)) return fail('TITLE_STEP_OUT_OF_ORDER', t.stage);
    if (t.sellerConveyancer !== sender && t.buyerConveyancer !== sender) {
      return fail('TITLE_LINK_NOT_CONVEYANCER', p.transfer);
    }
    const ok = linkable(ctx.state, sender, p.transfer, p.to);
    if (!ok.ok) return ok;
    if (t.links.includes(p.to) || linkedFrom(ctx.state, p.transfer).includes(p.to)) {
      return fail('TITLE_LINK_INVALID', 'already linked');
    }
    if (t.links.length >= LINKS_MAX) return fail('TITLE_LINK_INVALID', `at most ${LINKS_MAX}`);
    const next: Transfer = { ...t, links: [...t.links, p.to], updatedMs: ctx.block.timeMs };
    ctx.state.put(TITLE_KEYS.transfer(t.id), next as unknown as Json);
    putLink(ctx.state, t.id, p.to);
    appendTransferHistory(ctx, next, 'linked', { links: [p.to] });
    return OK;
  },
};

/**
 * One step of the machine as a transaction: `stepTransfer` decides, `effect` does what the step
 * does to the register beyond the transfer itself (approval's checks, registration's changes).
 */
function stepTx<P extends { transfer: string }>(
  type: string,
  step: TransferStep,
  summary: { en: string; cy: string },
  extra: {
    payloadSchema?: JsonSchema;
    effect?: (ctx: TxContext, t: Transfer, p: P) => Verdict;
  } = {},
): TxType<P> {
  return {
    type,
    summary,
    payloadSchema: extra.payloadSchema ?? transferOnly,
    authorise(ctx) {
      const v = geoStamped(ctx);
      if (!v.ok) return v;
      const geo = ctx.prepared.tx.body.geo;
      // A point beside a person's pseudonym says where they were: an area at most (0006).
      if (geo !== undefined && !('area' in geo) && (step === 'sign' || step === 'withdraw')) {
        const sender = senderOf(ctx);
        if (isDidKey(sender)) {
          const t = getTransfer(ctx.state, (ctx.prepared.tx.body.payload as P).transfer);
          if (t && (t.sellers.includes(sender) || t.buyers.includes(sender))) {
            return fail(
              'TITLE_GEO_TOO_PRECISE',
              'a seller’s or buyer’s transaction carries an area',
            );
          }
        }
      }
      return OK;
    },
    apply(ctx, p) {
      const t = getTransfer(ctx.state, p.transfer);
      if (!t) return fail('TITLE_TRANSFER_UNKNOWN', p.transfer);
      const sender = senderOf(ctx);
      // A registrar step needs the role on the ledger too, not only the name on the transfer.
      if (
        (step === 'approve' || step === 'refuse' || step === 'register') &&
        t.registrar === sender &&
        !(getMember(ctx.state, sender)?.roles.includes('registrar') ?? false)
      ) {
        return fail('TITLE_NOT_REGISTRAR', 'the body no longer has the registrar role');
      }
      const s = stepTransfer(t, step, sender);
      if (!s.ok) return s;
      const reason = (p as { reason?: Reason }).reason;
      const next: Transfer = {
        ...t,
        ...s.value,
        updatedMs: ctx.block.timeMs,
        ...(reason === undefined ? {} : { reason: copyReason(reason) }),
      };
      if (extra.effect) {
        const e = extra.effect(ctx, next, p);
        if (!e.ok) return e;
      }
      ctx.state.put(TITLE_KEYS.transfer(t.id), next as unknown as Json);
      // Only an approved transfer holds the title; closing one that never did frees nothing.
      if (CLOSED_STAGES.includes(next.stage) && openTransferOf(ctx.state, t.titleNumber) === t.id) {
        ctx.state.delete(TITLE_KEYS.open(t.titleNumber));
        if (next.stage !== 'registered') {
          appendTitleHistory(ctx, t.titleNumber, 'transfer-closed', { transfer: t.id });
        }
      }
      appendTransferHistory(
        ctx,
        next,
        step,
        reason === undefined ? {} : { reason: copyReason(reason) },
      );
      return OK;
    },
  };
}

const withReason = (required: boolean): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: required ? ['transfer', 'reason'] : ['transfer'],
  properties: { transfer: txIdSchema, reason: reasonSchema },
});

const approve = stepTx<{ transfer: string }>(
  'title.approve',
  'approve',
  {
    en: 'Approve a drafted transfer against the register (registrar)',
    cy: 'Cymeradwyo trosglwyddiad drafft yn erbyn y gofrestr (cofrestrydd)',
  },
  {
    effect(ctx, t) {
      const title = getTitle(ctx.state, t.titleNumber);
      if (!title) return fail('TITLE_UNKNOWN', t.titleNumber);
      const blocking = title.restrictions.filter((r) => RESTRICTION_BLOCKS[r.kind] === true);
      if (blocking.length > 0) {
        return fail('TITLE_RESTRICTED', blocking.map((r) => `${r.kind} ${r.ref}`).join(', '));
      }
      const missing = t.discharge.find((c) => !title.charges.some((x) => x.ref === c.ref));
      if (missing) return fail('TITLE_CHARGE_UNKNOWN', missing.ref);
      // The register may have changed since the draft (another transfer registered).
      if (t.sellers.length !== title.owners.length) {
        return fail('TITLE_PARTIES_INVALID', `${title.owners.length} owners sell`);
      }
      // Drafts cost nothing and anyone may make one; approval is what holds the title, so
      // nobody can block a title by drafting, and it is never sold twice at once.
      const open = openTransferOf(ctx.state, t.titleNumber);
      if (open !== undefined) return fail('TITLE_TRANSFER_OPEN', open);
      ctx.state.put(TITLE_KEYS.open(t.titleNumber), t.id);
      appendTitleHistory(ctx, t.titleNumber, 'transfer-approved', { transfer: t.id });
      return OK;
    },
  },
);

const refuseTransfer = stepTx<{ transfer: string; reason: Reason }>(
  'title.refuseTransfer',
  'refuse',
  {
    en: 'Refuse a transfer that does not match the register (registrar)',
    cy: 'Gwrthod trosglwyddiad nad yw’n cyfateb i’r gofrestr (cofrestrydd)',
  },
  { payloadSchema: withReason(true) },
);

const sign = stepTx<{ transfer: string }>('title.sign', 'sign', {
  en: 'Sign an approved transfer (each party once)',
  cy: 'Llofnodi trosglwyddiad a gymeradwywyd (pob parti unwaith)',
});

const confirmFunds = stepTx<{ transfer: string }>('title.confirmFunds', 'confirmFunds', {
  en: 'Confirm the funds are ready (buyer’s conveyancer, new lender)',
  cy: 'Cadarnhau bod yr arian yn barod (trawsgludwr y prynwr, benthyciwr newydd)',
});

const complete = stepTx<{ transfer: string }>('title.complete', 'complete', {
  en: 'Complete the transfer (seller’s conveyancer)',
  cy: 'Cwblhau’r trosglwyddiad (trawsgludwr y gwerthwr)',
});

const registerTransfer = stepTx<{ transfer: string }>(
  'title.registerTransfer',
  'register',
  {
    en: 'Register a completed transfer: new owners and charges (registrar)',
    cy: 'Cofrestru trosglwyddiad a gwblhawyd: perchnogion ac arwystlon newydd (cofrestrydd)',
  },
  {
    effect(ctx, t) {
      const title = getTitle(ctx.state, t.titleNumber);
      if (!title) return fail('TITLE_UNKNOWN', t.titleNumber);
      // Every lender whose charge goes signed: stepTransfer let nothing reach here without it.
      const gone = new Set(t.discharge.map((c) => c.ref));
      const kept = title.charges.filter((c) => !gone.has(c.ref));
      if (t.newCharge !== undefined && kept.some((c) => c.ref === t.newCharge?.ref)) {
        return fail('TITLE_CHARGE_EXISTS', t.newCharge.ref);
      }
      const charges = t.newCharge === undefined ? kept : [...kept, copyCharge(t.newCharge)];
      putTitle(ctx, { ...title, owners: t.newOwners, charges });
      appendTitleHistory(ctx, t.titleNumber, 'transferred', {
        transfer: t.id,
        owners: { from: title.owners.length, to: t.newOwners.length },
      });
      return OK;
    },
  },
);

const withdraw = stepTx<{ transfer: string; reason?: Reason }>(
  'title.withdraw',
  'withdraw',
  {
    en: 'Withdraw a transfer before completion (either conveyancer)',
    cy: 'Tynnu trosglwyddiad yn ôl cyn ei gwblhau (y naill drawsgludwr neu’r llall)',
  },
  { payloadSchema: withReason(false) },
);

export const titleModule: LedgerModule = {
  name: 'title',
  txTypes: [
    register,
    restrict,
    removeRestriction,
    charge,
    discharge,
    draft,
    link,
    approve,
    refuseTransfer,
    sign,
    confirmFunds,
    complete,
    registerTransfer,
    withdraw,
  ] as unknown as TxType<never>[],
};
