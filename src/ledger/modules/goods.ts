// goods: the regulated-goods register (decision 0011) — licensed operators, lots with quantities
// conserved by construction, custody hand-over as propose → accept/reject, results, recall and
// the downstream trace. Operators are business keys (did:key acting for a registered
// organisation), never people, so a premises may be stamped with its coordinates.
import { isDid } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import { parseGeo } from '../../core/geo.js';
import { HEX_DIGEST_RE } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import type { Result, Verdict } from '../../core/result.js';
import { fail, OK } from '../../core/result.js';
import type { JsonSchema, LedgerModule, TxContext, TxType } from '../module.js';
import type { StateReader, StateWriter } from '../state.js';
import type { Reason } from './business.js';
import { BUSINESS_NUMBER_RE, businessLicenceValidAt, getBusiness } from './business.js';
import { CODE_RE } from './consent.js';
import type { Bilingual } from './governance.js';
import { getMember } from './governance.js';

export const GOODS_UNITS = ['g', 'ml', 'item'] as const;
export type GoodsUnit = (typeof GOODS_UNITS)[number];

/** The products the register knows, each with its one unit and its names in both languages. */
export const GOODS_PRODUCTS: {
  readonly [code: string]: { readonly unit: GoodsUnit; readonly name: Bilingual };
} = {
  'hemp-seed': { unit: 'item', name: { en: 'Hemp seed', cy: 'Hadau cywarch' } },
  'hemp-plant': { unit: 'item', name: { en: 'Hemp plants', cy: 'Planhigion cywarch' } },
  'hemp-flower': {
    unit: 'g',
    name: { en: 'Dried hemp flower', cy: 'Blodau cywarch wedi’u sychu' },
  },
  'cbd-extract': { unit: 'ml', name: { en: 'CBD extract', cy: 'Echdyniad CBD' } },
  'cbd-oil-bottle': { unit: 'item', name: { en: 'CBD oil, bottled', cy: 'Olew CBD mewn potel' } },
  'cbd-edible': { unit: 'item', name: { en: 'CBD edibles', cy: 'Bwydydd CBD' } },
};
export const GOODS_PRODUCT_CODES = Object.keys(GOODS_PRODUCTS);

/** The activities a licence covers; a hand-over names the one the receiver takes the lot for. */
export const GOODS_ACTIVITIES = ['cultivation', 'processing', 'retail', 'transport'] as const;
export type GoodsActivity = (typeof GOODS_ACTIVITIES)[number];
export const licenceKindFor = (a: GoodsActivity) => `regulated-goods-${a}`;

/**
 * Why stock leaves the register: the only way it does, apart from processing (decision 0011).
 * `sold` is a retail sale to the public and needs a valid retail licence.
 */
export const GOODS_LOSS_REASONS = [
  'destroyed',
  'lost',
  'stolen',
  'spoiled',
  'lab-sample',
  'sold',
] as const;
export type GoodsLossReason = (typeof GOODS_LOSS_REASONS)[number];

export const GOODS_RESULT_KINDS = ['lab-test', 'inspection'] as const;
export const GOODS_OUTCOMES = ['pass', 'fail'] as const;

/** Member roles that register operators, report results and recall lots. */
const REGULATOR_ROLES = ['council', 'regulator'] as const;

/** A lot id: the first 16 hex digits of the creating transaction's id, `-`, an index. */
export const LOT_ID_RE = /^[0-9a-f]{16}-[0-9]{1,3}$/;
export const PREMISES_ID_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** Large enough for tonnes in grams; a merge of 100 still sums exactly in a double. */
export const MAX_QUANTITY = 1_000_000_000_000;
const MAX_PARTS = 100;
const MAX_PREMISES = 20;
/** How far a recall check walks up a lot's ancestry; a larger ancestry is refused, not guessed. */
export const MAX_ANCESTORS = 10_000;

export interface Premises {
  readonly id: string;
  readonly name: Bilingual;
  readonly lat: number;
  readonly lon: number;
}

export interface Operator {
  /** The business key (did:key) that signs for the organisation. */
  readonly did: string;
  readonly number: string;
  readonly premises: readonly Premises[];
  /** An accredited testing laboratory may add results to lots. */
  readonly laboratory?: { readonly ref: string };
  readonly registeredBy: string;
  readonly registeredMs: number;
  readonly txId: string;
  /** A key withdrawn (lost, or the organisation no longer uses it): it can no longer act. */
  readonly revoked?: {
    readonly by: string;
    readonly timeMs: number;
    readonly txId: string;
    readonly reason: Reason;
  };
}

/** Where an event happened: a premises of the acting operator. */
export interface Place extends Premises {
  readonly number: string;
}

export type LotStatus = 'open' | 'split' | 'merged' | 'processed' | 'depleted';
export type LotOrigin = 'created' | 'split' | 'merged' | 'processed';

export interface Lot {
  readonly id: string;
  readonly product: string;
  readonly unit: GoodsUnit;
  /** What is in the lot now. */
  readonly quantity: number;
  /** What it started with. */
  readonly initialQuantity: number;
  /** Recorded losses from this lot (their sum). */
  readonly lost: number;
  /** The business number holding it. */
  readonly holder: string;
  /** Every business that has held it, in order. */
  readonly holders: readonly string[];
  readonly status: LotStatus;
  readonly origin: LotOrigin;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly place: Place;
  readonly createdMs: number;
  readonly txId: string;
  /** The transfer it is under, if any: then it cannot move, split, merge or lose stock. */
  readonly pending?: string;
  readonly recall?: Recall;
}

export interface Recall {
  readonly lot: string;
  readonly by: string;
  readonly reason: Reason;
  readonly timeMs: number;
  readonly txId: string;
}

export type TransferStatus = 'pending' | 'accepted' | 'rejected' | 'cancelled';

export interface Transfer {
  readonly id: string;
  readonly lot: string;
  readonly from: string;
  readonly to: string;
  readonly activity: GoodsActivity;
  readonly status: TransferStatus;
  readonly fromPlace: Place;
  readonly proposedMs: number;
  readonly toPlace?: Place;
  readonly decidedMs?: number;
  readonly decisionTxId?: string;
  readonly reason?: Reason;
}

export interface GoodsResult {
  readonly lot: string;
  readonly kind: (typeof GOODS_RESULT_KINDS)[number];
  readonly outcome: (typeof GOODS_OUTCOMES)[number];
  readonly ref: string;
  readonly by: string;
  readonly timeMs: number;
  readonly txId: string;
}

export type GoodsEvent =
  | 'created'
  | 'split'
  | 'split-from'
  | 'merged'
  | 'merged-from'
  | 'processed'
  | 'processed-from'
  | 'loss'
  | 'proposed'
  | 'accepted'
  | 'rejected'
  | 'cancelled'
  | 'result'
  | 'recalled';

export interface GoodsHistoryEntry {
  readonly lot: string;
  readonly event: GoodsEvent;
  /** The sender: an operator's did:key or a member body. */
  readonly by: string;
  /** The business the operator acted for. */
  readonly number?: string;
  readonly timeMs: number;
  readonly height: number;
  readonly logIndex: number;
  readonly txId: string;
  readonly place?: Place;
  readonly geo?: Geo;
  readonly quantity?: number;
  /** Lots on the other side of a split, merge or processing. */
  readonly related?: readonly string[];
  readonly transfer?: string;
  readonly to?: string;
  readonly lossReason?: GoodsLossReason;
  readonly result?: Omit<GoodsResult, 'lot' | 'by' | 'timeMs' | 'txId'>;
  readonly reason?: Reason;
}

const logKeyPart = (logIndex: number) => String(logIndex).padStart(12, '0');

export const GOODS_KEYS = {
  operator: (did: string) => `goods-operator/${did}`,
  operatorPrefix: 'goods-operator/',
  /** A business's operator keys. */
  operatorOf: (number: string, did: string) => `goods-business-operator/${number}/${did}`,
  operatorOfPrefix: (number: string) => `goods-business-operator/${number}/`,
  lot: (id: string) => `goods-lot/${id}`,
  lotPrefix: 'goods-lot/',
  transfer: (id: string) => `goods-transfer/${id}`,
  /** Undecided hand-overs addressed to a business. */
  inbox: (number: string, id: string) => `goods-inbox/${number}/${id}`,
  inboxPrefix: (number: string) => `goods-inbox/${number}/`,
  result: (lot: string, logIndex: number) => `goods-result/${lot}/${logKeyPart(logIndex)}`,
  resultPrefix: (lot: string) => `goods-result/${lot}/`,
  /** Recalled lots, newest by log order. */
  recall: (logIndex: number) => `goods-recall/${logKeyPart(logIndex)}`,
  recallPrefix: 'goods-recall/',
  history: (lot: string, logIndex: number) => `goods-history/${lot}/${logKeyPart(logIndex)}`,
} as const;

/** The key prefix of a lot's history: a range read gives it in order. */
export const goodsHistory = (lot: string) => `goods-history/${lot}/`;

export function getOperator(state: StateReader, did: string): Operator | undefined {
  return state.get(GOODS_KEYS.operator(did)) as unknown as Operator | undefined;
}

/** An operator key that may act now (registered, not revoked). */
export function liveOperator(state: StateReader, did: string): Operator | undefined {
  const op = getOperator(state, did);
  return op && op.revoked === undefined ? op : undefined;
}

export function getLot(state: StateReader, id: string): Lot | undefined {
  return state.get(GOODS_KEYS.lot(id)) as unknown as Lot | undefined;
}

export function getTransfer(state: StateReader, id: string): Transfer | undefined {
  return state.get(GOODS_KEYS.transfer(id)) as unknown as Transfer | undefined;
}

// ---- trace ----

export interface TraceLot {
  readonly id: string;
  readonly product: string;
  readonly unit: GoodsUnit;
  readonly quantity: number;
  readonly status: LotStatus;
  readonly holder: string;
  readonly parents: readonly string[];
  readonly pending?: string;
}

export interface Trace {
  readonly lot: string;
  /** The lot and every descendant (split, merge and processing children), breadth first. */
  readonly lots: readonly TraceLot[];
  /** Every business that has held any of them, in the order first met. */
  readonly holders: readonly string[];
  /** More lots than `limit`: the lists stop there. */
  readonly truncated: boolean;
}

/**
 * Every lot downstream of `lot` and every holder, computed on read (decision 0011): breadth
 * first with an explicit queue, so 100,000 descendants need no recursion; each lot visited once
 * (merges join branches). Undefined when the lot is unknown.
 */
export function traceDownstream(
  state: StateReader,
  lot: string,
  limit = Number.MAX_SAFE_INTEGER,
): Trace | undefined {
  const root = getLot(state, lot);
  if (!root) return undefined;
  const seen = new Set<string>([lot]);
  const queue: Lot[] = [root];
  const lots: TraceLot[] = [];
  const holders = new Set<string>();
  let truncated = false;
  for (let i = 0; i < queue.length; i++) {
    if (lots.length >= limit) {
      truncated = true;
      break;
    }
    const l = queue[i] as Lot;
    lots.push({
      id: l.id,
      product: l.product,
      unit: l.unit,
      quantity: l.quantity,
      status: l.status,
      holder: l.holder,
      parents: l.parents,
      ...(l.pending === undefined ? {} : { pending: l.pending }),
    });
    for (const h of l.holders) holders.add(h);
    for (const c of l.children) {
      if (seen.has(c)) continue;
      seen.add(c);
      const child = getLot(state, c);
      if (child) queue.push(child);
    }
  }
  return { lot, lots, holders: [...holders], truncated };
}

/**
 * The recall that covers `lot`: its own, or one on any ancestor (a recall is kept on the lot it
 * was made on and found by walking up, so a recall writes one key however large the trace).
 */
export function recallCovering(
  state: StateReader,
  lot: Lot,
  max = MAX_ANCESTORS,
): Result<Recall | undefined, 'GOODS_TRACE_TOO_LARGE'> {
  if (lot.recall) return { ok: true, value: lot.recall };
  const seen = new Set<string>();
  const stack = [...lot.parents];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    if (seen.size > max) return fail('GOODS_TRACE_TOO_LARGE', `more than ${max} ancestors`);
    const p = getLot(state, id);
    if (!p) continue;
    if (p.recall) return { ok: true, value: p.recall };
    stack.push(...p.parents);
  }
  return { ok: true, value: undefined };
}

// ---- schemas ----

const textSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 300 };
const bilingualSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['en', 'cy'],
  properties: { en: textSchema, cy: textSchema },
};
const reasonSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'en', 'cy'],
  properties: { code: { type: 'string', pattern: CODE_RE.source }, en: textSchema, cy: textSchema },
};
const lotIdSchema: JsonSchema = { type: 'string', pattern: LOT_ID_RE.source };
const premisesIdSchema: JsonSchema = { type: 'string', pattern: PREMISES_ID_RE.source };
const quantitySchema: JsonSchema = { type: 'integer', minimum: 1, maximum: MAX_QUANTITY };
const txIdSchema: JsonSchema = { type: 'string', pattern: HEX_DIGEST_RE.source };
const refSchema: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,64}$' };
const didKeySchema: JsonSchema = { type: 'string', pattern: '^did:key:z[1-9A-HJ-NP-Za-km-z]+$' };
const numberSchema: JsonSchema = { type: 'string', pattern: BUSINESS_NUMBER_RE.source };
const premisesSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'lat', 'lon'],
  properties: {
    id: premisesIdSchema,
    name: bilingualSchema,
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
  },
};

// ---- helpers ----

const senderOf = (ctx: TxContext) => ctx.prepared.tx.body.sender;
const envelopeGeo = (ctx: TxContext) => ctx.prepared.tx.body.geo;
const copyReason = (r: Reason): Reason => ({ code: r.code, en: r.en, cy: r.cy });
const put = (state: StateWriter, key: string, value: unknown) =>
  state.put(key, value as unknown as Json);

function regulatorSender(ctx: TxContext): Verdict {
  const roles = getMember(ctx.state, senderOf(ctx))?.roles ?? [];
  return REGULATOR_ROLES.some((r) => roles.includes(r))
    ? OK
    : fail(
        'GOODS_NOT_AUTHORISED',
        `only a member body with a role of ${REGULATOR_ROLES.join(', ')}`,
      );
}

function operatorSender(ctx: TxContext): Verdict {
  return liveOperator(ctx.state, senderOf(ctx))
    ? OK
    : fail('GOODS_NOT_OPERATOR', 'only a registered operator key that has not been revoked');
}

/** The sending operator (authorise has checked there is one). */
const operatorOf = (ctx: TxContext) => getOperator(ctx.state, senderOf(ctx)) as Operator;

/**
 * The operator's premises `id`, as the event's place; the transaction must be geo-stamped with
 * exactly its coordinates, so the stamp and the named place cannot disagree.
 */
function placeOf(ctx: TxContext, op: Operator, id: string): Result<Place> {
  const p = op.premises.find((x) => x.id === id);
  if (!p) return fail('GOODS_PREMISES_UNKNOWN', id);
  const geo = envelopeGeo(ctx);
  if (geo === undefined) return fail('GOODS_GEO_REQUIRED', 'stamp the premises coordinates');
  if (!('lat' in geo) || geo.lat !== p.lat || geo.lon !== p.lon) {
    return fail('GOODS_GEO_MISMATCH', `premises ${id} is at ${p.lat},${p.lon}`);
  }
  return {
    ok: true,
    value: {
      id: p.id,
      name: { en: p.name.en, cy: p.name.cy },
      lat: p.lat,
      lon: p.lon,
      number: op.number,
    },
  };
}

function licensedFor(
  ctx: TxContext,
  number: string,
  activities: readonly GoodsActivity[],
): Verdict {
  if (
    activities.some((a) =>
      businessLicenceValidAt(ctx.state, number, licenceKindFor(a), ctx.block.timeMs),
    )
  ) {
    return OK;
  }
  return fail(
    'GOODS_NOT_LICENSED',
    `${number} holds no valid ${activities.map(licenceKindFor).join(' or ')} licence`,
  );
}

function activeBusiness(state: StateReader, number: string): Verdict {
  const b = getBusiness(state, number);
  if (!b) return fail('GOODS_BUSINESS_UNKNOWN', number);
  if (b.status !== 'registered') return fail('GOODS_BUSINESS_DISSOLVED', number);
  return OK;
}

/** An open lot the sender's business holds, not under a transfer and not recalled. */
function heldLot(ctx: TxContext, id: string, opts: { allowRecalled?: boolean } = {}): Result<Lot> {
  const lot = getLot(ctx.state, id);
  if (!lot) return fail('GOODS_LOT_UNKNOWN', id);
  if (lot.status !== 'open') return fail('GOODS_LOT_CLOSED', `${id} is ${lot.status}`);
  if (lot.holder !== operatorOf(ctx).number) return fail('GOODS_NOT_HOLDER', id);
  if (lot.pending !== undefined) return fail('GOODS_LOT_PENDING', lot.pending);
  if (!opts.allowRecalled) {
    const r = recallCovering(ctx.state, lot);
    if (!r.ok) return r;
    if (r.value) return fail('GOODS_LOT_RECALLED', r.value.lot);
  }
  return { ok: true, value: lot };
}

function appendHistory(
  ctx: TxContext,
  lot: string,
  event: GoodsEvent,
  extra: Omit<
    GoodsHistoryEntry,
    'lot' | 'event' | 'by' | 'timeMs' | 'height' | 'logIndex' | 'txId' | 'geo'
  >,
): void {
  const geo = envelopeGeo(ctx);
  const entry: GoodsHistoryEntry = {
    lot,
    event,
    by: senderOf(ctx),
    timeMs: ctx.block.timeMs,
    height: ctx.block.height,
    logIndex: ctx.logIndex,
    txId: ctx.prepared.id,
    ...extra,
    ...(geo === undefined ? {} : { geo }),
  };
  put(ctx.state, GOODS_KEYS.history(lot, ctx.logIndex), entry);
}

/** Lot ids from this transaction: deterministic, so every validator agrees. */
const newLotId = (ctx: TxContext, i: number) => `${ctx.prepared.id.slice(0, 16)}-${i}`;

interface NewLot {
  readonly product: string;
  readonly unit: GoodsUnit;
  readonly quantity: number;
  readonly holders: readonly string[];
  readonly origin: LotOrigin;
  readonly parents: readonly string[];
  readonly place: Place;
}

function writeNewLot(ctx: TxContext, id: string, n: NewLot): Verdict {
  if (getLot(ctx.state, id)) return fail('GOODS_LOT_EXISTS', id);
  const lot: Lot = {
    id,
    product: n.product,
    unit: n.unit,
    quantity: n.quantity,
    initialQuantity: n.quantity,
    lost: 0,
    holder: n.place.number,
    holders: n.holders,
    status: 'open',
    origin: n.origin,
    parents: n.parents,
    children: [],
    place: n.place,
    createdMs: ctx.block.timeMs,
    txId: ctx.prepared.id,
  };
  put(ctx.state, GOODS_KEYS.lot(id), lot);
  return OK;
}

function checkProduct(product: string, unit: string): Verdict {
  const p = GOODS_PRODUCTS[product];
  if (!p) return fail('GOODS_PRODUCT_UNKNOWN', product);
  if (p.unit !== unit) return fail('GOODS_UNIT_MISMATCH', `${product} is counted in ${p.unit}`);
  return OK;
}

// ---- transaction types ----

interface RegisterOperatorPayload {
  number: string;
  did: string;
  premises: Premises[];
  laboratory?: { ref: string };
}

const registerOperator: TxType<RegisterOperatorPayload> = {
  type: 'goods.registerOperator',
  summary: {
    en: 'Register a key that acts for a licensed organisation in the regulated-goods register',
    cy: 'Cofrestru allwedd sy’n gweithredu dros sefydliad trwyddedig yn y gofrestr nwyddau rheoledig',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['number', 'did', 'premises'],
    properties: {
      number: numberSchema,
      did: didKeySchema,
      premises: { type: 'array', minItems: 1, maxItems: MAX_PREMISES, items: premisesSchema },
      laboratory: {
        type: 'object',
        additionalProperties: false,
        required: ['ref'],
        properties: { ref: refSchema },
      },
    },
  },
  authorise: regulatorSender,
  apply(ctx, p) {
    if (!isDid(p.did)) return fail('GOODS_OPERATOR_INVALID', 'not a did:key');
    const live = activeBusiness(ctx.state, p.number);
    if (!live.ok) return live;
    if (getOperator(ctx.state, p.did)) return fail('GOODS_OPERATOR_EXISTS', p.did);
    const ids = new Set<string>();
    for (const x of p.premises) {
      if (ids.has(x.id)) return fail('GOODS_PREMISES_INVALID', `premises ${x.id} twice`);
      ids.add(x.id);
      const g = parseGeo({ lat: x.lat, lon: x.lon });
      if (!g.ok) return fail('GOODS_PREMISES_INVALID', g.detail);
    }
    const op: Operator = {
      did: p.did,
      number: p.number,
      premises: p.premises.map((x) => ({
        id: x.id,
        name: { en: x.name.en, cy: x.name.cy },
        lat: x.lat,
        lon: x.lon,
      })),
      ...(p.laboratory ? { laboratory: { ref: p.laboratory.ref } } : {}),
      registeredBy: senderOf(ctx),
      registeredMs: ctx.block.timeMs,
      txId: ctx.prepared.id,
    };
    put(ctx.state, GOODS_KEYS.operator(p.did), op);
    ctx.state.put(GOODS_KEYS.operatorOf(p.number, p.did), p.did);
    return OK;
  },
};

const revokeOperator: TxType<{ did: string; reason: Reason }> = {
  type: 'goods.revokeOperator',
  summary: {
    en: 'Withdraw an operator key: it can no longer act for its organisation',
    cy: 'Tynnu allwedd gweithredwr yn ôl: ni all weithredu dros ei sefydliad mwyach',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['did', 'reason'],
    properties: { did: didKeySchema, reason: reasonSchema },
  },
  authorise: regulatorSender,
  apply(ctx, p) {
    const op = getOperator(ctx.state, p.did);
    if (!op) return fail('GOODS_OPERATOR_UNKNOWN', p.did);
    if (op.revoked) return fail('GOODS_OPERATOR_REVOKED', op.revoked.txId);
    // The record stays: past events still name the organisation this key acted for.
    const revoked = {
      by: senderOf(ctx),
      timeMs: ctx.block.timeMs,
      txId: ctx.prepared.id,
      reason: copyReason(p.reason),
    };
    put(ctx.state, GOODS_KEYS.operator(p.did), { ...op, revoked });
    return OK;
  },
};

interface CreateLotPayload {
  product: string;
  unit: GoodsUnit;
  quantity: number;
  premises: string;
}

const createLot: TxType<CreateLotPayload> = {
  type: 'goods.createLot',
  summary: {
    en: 'Record a new lot grown or made by a licensed operator',
    cy: 'Cofnodi lot newydd a dyfwyd neu a wnaed gan weithredwr trwyddedig',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['product', 'unit', 'quantity', 'premises'],
    properties: {
      product: { enum: GOODS_PRODUCT_CODES },
      unit: { enum: [...GOODS_UNITS] },
      quantity: quantitySchema,
      premises: premisesIdSchema,
    },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const pr = checkProduct(p.product, p.unit);
    if (!pr.ok) return pr;
    const lic = licensedFor(ctx, op.number, ['cultivation', 'processing']);
    if (!lic.ok) return lic;
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    const id = newLotId(ctx, 0);
    const w = writeNewLot(ctx, id, {
      product: p.product,
      unit: p.unit,
      quantity: p.quantity,
      holders: [op.number],
      origin: 'created',
      parents: [],
      place: place.value,
    });
    if (!w.ok) return w;
    appendHistory(ctx, id, 'created', {
      number: op.number,
      place: place.value,
      quantity: p.quantity,
    });
    return OK;
  },
};

const split: TxType<{ lot: string; parts: number[]; premises: string }> = {
  type: 'goods.split',
  summary: {
    en: 'Split a lot into smaller lots whose quantities add up to it exactly',
    cy: 'Rhannu lot yn lotiau llai y mae eu meintiau’n adio iddo’n union',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['lot', 'parts', 'premises'],
    properties: {
      lot: lotIdSchema,
      parts: { type: 'array', minItems: 2, maxItems: MAX_PARTS, items: quantitySchema },
      premises: premisesIdSchema,
    },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const held = heldLot(ctx, p.lot);
    if (!held.ok) return held;
    const lot = held.value;
    const sum = p.parts.reduce((a, b) => a + b, 0);
    if (sum !== lot.quantity) {
      return fail(
        'GOODS_QUANTITY_UNBALANCED',
        `parts sum to ${sum}, the lot holds ${lot.quantity}`,
      );
    }
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    const children = p.parts.map((_, i) => newLotId(ctx, i));
    for (const [i, q] of p.parts.entries()) {
      const w = writeNewLot(ctx, children[i] as string, {
        product: lot.product,
        unit: lot.unit,
        quantity: q,
        holders: [op.number],
        origin: 'split',
        parents: [lot.id],
        place: place.value,
      });
      if (!w.ok) return w;
      appendHistory(ctx, children[i] as string, 'split-from', {
        number: op.number,
        place: place.value,
        quantity: q,
        related: [lot.id],
      });
    }
    put(ctx.state, GOODS_KEYS.lot(lot.id), { ...lot, quantity: 0, status: 'split', children });
    appendHistory(ctx, lot.id, 'split', {
      number: op.number,
      place: place.value,
      quantity: lot.quantity,
      related: children,
    });
    return OK;
  },
};

/** Open lots the sender holds, for merging or processing; each once. */
function heldLots(ctx: TxContext, ids: readonly string[]): Result<Lot[]> {
  const lots: Lot[] = [];
  for (const id of ids) {
    const h = heldLot(ctx, id);
    if (!h.ok) return h;
    lots.push(h.value);
  }
  return { ok: true, value: lots };
}

const merge: TxType<{ lots: string[]; premises: string }> = {
  type: 'goods.merge',
  summary: {
    en: 'Merge lots of one product into one lot holding their sum',
    cy: 'Uno lotiau o’r un cynnyrch yn un lot sy’n dal eu cyfanswm',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['lots', 'premises'],
    properties: {
      lots: {
        type: 'array',
        minItems: 2,
        maxItems: MAX_PARTS,
        uniqueItems: true,
        items: lotIdSchema,
      },
      premises: premisesIdSchema,
    },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const held = heldLots(ctx, p.lots);
    if (!held.ok) return held;
    const lots = held.value;
    const first = lots[0] as Lot;
    if (lots.some((l) => l.product !== first.product || l.unit !== first.unit)) {
      return fail('GOODS_MERGE_MISMATCH', 'lots of one product and unit only');
    }
    const sum = lots.reduce((a, l) => a + l.quantity, 0);
    if (sum > MAX_QUANTITY) return fail('GOODS_QUANTITY_TOO_LARGE', String(sum));
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    const id = newLotId(ctx, 0);
    const holders = [...new Set(lots.flatMap((l) => l.holders))];
    // The merged lot's last holder is its holder: move it to the end of the list.
    const ordered = [...holders.filter((h) => h !== op.number), op.number];
    const w = writeNewLot(ctx, id, {
      product: first.product,
      unit: first.unit,
      quantity: sum,
      holders: ordered,
      origin: 'merged',
      parents: lots.map((l) => l.id),
      place: place.value,
    });
    if (!w.ok) return w;
    for (const l of lots) {
      put(ctx.state, GOODS_KEYS.lot(l.id), { ...l, quantity: 0, status: 'merged', children: [id] });
      appendHistory(ctx, l.id, 'merged', {
        number: op.number,
        place: place.value,
        quantity: l.quantity,
        related: [id],
      });
    }
    appendHistory(ctx, id, 'merged-from', {
      number: op.number,
      place: place.value,
      quantity: sum,
      related: lots.map((l) => l.id),
    });
    return OK;
  },
};

interface ProcessPayload {
  inputs: string[];
  outputs: { product: string; unit: GoodsUnit; quantity: number }[];
  premises: string;
}

const processLots: TxType<ProcessPayload> = {
  type: 'goods.process',
  summary: {
    en: 'Process lots into new products (the inputs are used up, the outputs trace back to them)',
    cy: 'Prosesu lotiau yn gynhyrchion newydd (defnyddir y mewnbynnau, mae’r allbynnau’n olrhain yn ôl iddynt)',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['inputs', 'outputs', 'premises'],
    properties: {
      inputs: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_PARTS,
        uniqueItems: true,
        items: lotIdSchema,
      },
      outputs: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_PARTS,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['product', 'unit', 'quantity'],
          properties: {
            product: { enum: GOODS_PRODUCT_CODES },
            unit: { enum: [...GOODS_UNITS] },
            quantity: quantitySchema,
          },
        },
      },
      premises: premisesIdSchema,
    },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    for (const o of p.outputs) {
      const pr = checkProduct(o.product, o.unit);
      if (!pr.ok) return pr;
    }
    const lic = licensedFor(ctx, op.number, ['processing']);
    if (!lic.ok) return lic;
    const held = heldLots(ctx, p.inputs);
    if (!held.ok) return held;
    const inputs = held.value;
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    const holders = [
      ...new Set([...inputs.flatMap((l) => l.holders).filter((h) => h !== op.number), op.number]),
    ];
    const outputs = p.outputs.map((_, i) => newLotId(ctx, i));
    for (const [i, o] of p.outputs.entries()) {
      const id = outputs[i] as string;
      const w = writeNewLot(ctx, id, {
        product: o.product,
        unit: o.unit,
        quantity: o.quantity,
        holders,
        origin: 'processed',
        parents: inputs.map((l) => l.id),
        place: place.value,
      });
      if (!w.ok) return w;
      appendHistory(ctx, id, 'processed-from', {
        number: op.number,
        place: place.value,
        quantity: o.quantity,
        related: inputs.map((l) => l.id),
      });
    }
    for (const l of inputs) {
      put(ctx.state, GOODS_KEYS.lot(l.id), {
        ...l,
        quantity: 0,
        status: 'processed',
        children: outputs,
      });
      appendHistory(ctx, l.id, 'processed', {
        number: op.number,
        place: place.value,
        quantity: l.quantity,
        related: outputs,
      });
    }
    return OK;
  },
};

const loss: TxType<{ lot: string; quantity: number; reason: GoodsLossReason; premises: string }> = {
  type: 'goods.loss',
  summary: {
    en: 'Record stock leaving a lot: destroyed, lost, stolen, spoiled, used as a sample or sold',
    cy: 'Cofnodi stoc yn gadael lot: wedi’i ddinistrio, ei golli, ei ddwyn, ei ddifetha, ei ddefnyddio fel sampl neu ei werthu',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['lot', 'quantity', 'reason', 'premises'],
    properties: {
      lot: lotIdSchema,
      quantity: quantitySchema,
      reason: { enum: [...GOODS_LOSS_REASONS] },
      premises: premisesIdSchema,
    },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    // Destroying recalled stock must stay possible; selling it must not.
    const held = heldLot(ctx, p.lot, { allowRecalled: p.reason !== 'sold' });
    if (!held.ok) return held;
    const lot = held.value;
    if (p.quantity > lot.quantity) {
      return fail('GOODS_QUANTITY_UNBALANCED', `the lot holds ${lot.quantity}`);
    }
    if (p.reason === 'sold') {
      const lic = licensedFor(ctx, op.number, ['retail']);
      if (!lic.ok) return lic;
    }
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    const quantity = lot.quantity - p.quantity;
    put(ctx.state, GOODS_KEYS.lot(lot.id), {
      ...lot,
      quantity,
      lost: lot.lost + p.quantity,
      status: quantity === 0 ? 'depleted' : 'open',
    });
    appendHistory(ctx, lot.id, 'loss', {
      number: op.number,
      place: place.value,
      quantity: p.quantity,
      lossReason: p.reason,
    });
    return OK;
  },
};

const propose: TxType<{ lot: string; to: string; activity: GoodsActivity; premises: string }> = {
  type: 'goods.propose',
  summary: {
    en: 'Offer a lot to another licensed organisation',
    cy: 'Cynnig lot i sefydliad trwyddedig arall',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['lot', 'to', 'activity', 'premises'],
    properties: {
      lot: lotIdSchema,
      to: { anyOf: [numberSchema, didKeySchema] },
      activity: { enum: [...GOODS_ACTIVITIES] },
      premises: premisesIdSchema,
    },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const held = heldLot(ctx, p.lot);
    if (!held.ok) return held;
    const lot = held.value;
    const from = activeBusiness(ctx.state, op.number);
    if (!from.ok) return from;
    let to = p.to;
    if (!BUSINESS_NUMBER_RE.test(to)) {
      const receiver = liveOperator(ctx.state, to);
      if (!receiver) return fail('GOODS_OPERATOR_UNKNOWN', to);
      to = receiver.number;
    }
    if (to === op.number) return fail('GOODS_TRANSFER_TO_SELF', to);
    const dest = activeBusiness(ctx.state, to);
    if (!dest.ok) return dest;
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    const id = ctx.prepared.id;
    const t: Transfer = {
      id,
      lot: lot.id,
      from: op.number,
      to,
      activity: p.activity,
      status: 'pending',
      fromPlace: place.value,
      proposedMs: ctx.block.timeMs,
    };
    put(ctx.state, GOODS_KEYS.transfer(id), t);
    ctx.state.put(GOODS_KEYS.inbox(to, id), id);
    put(ctx.state, GOODS_KEYS.lot(lot.id), { ...lot, pending: id });
    appendHistory(ctx, lot.id, 'proposed', {
      number: op.number,
      place: place.value,
      quantity: lot.quantity,
      transfer: id,
      to,
    });
    return OK;
  },
};

/** The pending transfer, or the refusal. */
function pendingTransfer(state: StateReader, id: string): Result<Transfer> {
  const t = getTransfer(state, id);
  if (!t) return fail('GOODS_TRANSFER_UNKNOWN', id);
  if (t.status !== 'pending') return fail('GOODS_TRANSFER_NOT_PENDING', t.status);
  return { ok: true, value: t };
}

/** Closes a transfer: lot released (with its new holder and place, if accepted). */
function decide(
  ctx: TxContext,
  t: Transfer,
  status: Exclude<TransferStatus, 'pending'>,
  extra: { toPlace?: Place; reason?: Reason },
): void {
  const lot = getLot(ctx.state, t.lot) as Lot;
  const { pending: _pending, ...rest } = lot;
  const moved: Lot =
    status === 'accepted' && extra.toPlace
      ? {
          ...rest,
          holder: t.to,
          holders: [...lot.holders.filter((h) => h !== t.to), t.to],
          place: extra.toPlace,
        }
      : rest;
  put(ctx.state, GOODS_KEYS.lot(t.lot), moved);
  put(ctx.state, GOODS_KEYS.transfer(t.id), {
    ...t,
    status,
    decidedMs: ctx.block.timeMs,
    decisionTxId: ctx.prepared.id,
    ...extra,
  });
  ctx.state.delete(GOODS_KEYS.inbox(t.to, t.id));
}

const accept: TxType<{ transfer: string; premises: string }> = {
  type: 'goods.accept',
  summary: {
    en: 'Accept custody of a lot offered to this organisation',
    cy: 'Derbyn gofal lot a gynigiwyd i’r sefydliad hwn',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['transfer', 'premises'],
    properties: { transfer: txIdSchema, premises: premisesIdSchema },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const pt = pendingTransfer(ctx.state, p.transfer);
    if (!pt.ok) return pt;
    const t = pt.value;
    if (t.to !== op.number) return fail('GOODS_NOT_RECEIVER', t.to);
    // The licence is checked now, at the hand-over, not when the offer was made.
    const lic = licensedFor(ctx, op.number, [t.activity]);
    if (!lic.ok) return lic;
    const lot = getLot(ctx.state, t.lot) as Lot;
    const r = recallCovering(ctx.state, lot);
    if (!r.ok) return r;
    if (r.value) return fail('GOODS_LOT_RECALLED', r.value.lot);
    const place = placeOf(ctx, op, p.premises);
    if (!place.ok) return place;
    decide(ctx, t, 'accepted', { toPlace: place.value });
    appendHistory(ctx, t.lot, 'accepted', {
      number: op.number,
      place: place.value,
      quantity: lot.quantity,
      transfer: t.id,
    });
    return OK;
  },
};

const reject: TxType<{ transfer: string; reason: Reason }> = {
  type: 'goods.reject',
  summary: {
    en: 'Refuse a lot offered to this organisation',
    cy: 'Gwrthod lot a gynigiwyd i’r sefydliad hwn',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['transfer', 'reason'],
    properties: { transfer: txIdSchema, reason: reasonSchema },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const pt = pendingTransfer(ctx.state, p.transfer);
    if (!pt.ok) return pt;
    const t = pt.value;
    if (t.to !== op.number) return fail('GOODS_NOT_RECEIVER', t.to);
    const reason = copyReason(p.reason);
    decide(ctx, t, 'rejected', { reason });
    appendHistory(ctx, t.lot, 'rejected', { number: op.number, transfer: t.id, reason });
    return OK;
  },
};

const cancel: TxType<{ transfer: string }> = {
  type: 'goods.cancel',
  summary: { en: 'Withdraw an offer of a lot', cy: 'Tynnu cynnig lot yn ôl' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['transfer'],
    properties: { transfer: txIdSchema },
  },
  authorise: operatorSender,
  apply(ctx, p) {
    const op = operatorOf(ctx);
    const pt = pendingTransfer(ctx.state, p.transfer);
    if (!pt.ok) return pt;
    const t = pt.value;
    if (t.from !== op.number) return fail('GOODS_NOT_PROPOSER', t.from);
    decide(ctx, t, 'cancelled', {});
    appendHistory(ctx, t.lot, 'cancelled', { number: op.number, transfer: t.id });
    return OK;
  },
};

interface ResultPayload {
  lot: string;
  kind: GoodsResult['kind'];
  outcome: GoodsResult['outcome'];
  ref: string;
}

const result: TxType<ResultPayload> = {
  type: 'goods.result',
  summary: {
    en: 'Add a laboratory test or inspection result to a lot',
    cy: 'Ychwanegu canlyniad prawf labordy neu arolygiad at lot',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['lot', 'kind', 'outcome', 'ref'],
    properties: {
      lot: lotIdSchema,
      kind: { enum: [...GOODS_RESULT_KINDS] },
      outcome: { enum: [...GOODS_OUTCOMES] },
      ref: refSchema,
    },
  },
  authorise(ctx) {
    // A regulator or council (Trading Standards), or an accredited laboratory's key.
    if (liveOperator(ctx.state, senderOf(ctx))?.laboratory) return OK;
    return regulatorSender(ctx);
  },
  apply(ctx, p) {
    if (!getLot(ctx.state, p.lot)) return fail('GOODS_LOT_UNKNOWN', p.lot);
    const r: GoodsResult = {
      lot: p.lot,
      kind: p.kind,
      outcome: p.outcome,
      ref: p.ref,
      by: senderOf(ctx),
      timeMs: ctx.block.timeMs,
      txId: ctx.prepared.id,
    };
    put(ctx.state, GOODS_KEYS.result(p.lot, ctx.logIndex), r);
    const op = getOperator(ctx.state, senderOf(ctx));
    appendHistory(ctx, p.lot, 'result', {
      ...(op ? { number: op.number } : {}),
      result: { kind: p.kind, outcome: p.outcome, ref: p.ref },
    });
    return OK;
  },
};

const recall: TxType<{ lot: string; reason: Reason }> = {
  type: 'goods.recall',
  summary: {
    en: 'Recall a lot and everything made from it',
    cy: 'Galw lot yn ôl a phopeth a wnaed ohono',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['lot', 'reason'],
    properties: { lot: lotIdSchema, reason: reasonSchema },
  },
  authorise: regulatorSender,
  apply(ctx, p) {
    const lot = getLot(ctx.state, p.lot);
    if (!lot) return fail('GOODS_LOT_UNKNOWN', p.lot);
    if (lot.recall) return fail('GOODS_ALREADY_RECALLED', lot.recall.txId);
    const reason = copyReason(p.reason);
    const rec: Recall = {
      lot: lot.id,
      by: senderOf(ctx),
      reason,
      timeMs: ctx.block.timeMs,
      txId: ctx.prepared.id,
    };
    put(ctx.state, GOODS_KEYS.lot(lot.id), { ...lot, recall: rec });
    put(ctx.state, GOODS_KEYS.recall(ctx.logIndex), rec);
    appendHistory(ctx, lot.id, 'recalled', { reason });
    return OK;
  },
};

export const goodsModule: LedgerModule = {
  name: 'goods',
  txTypes: [
    registerOperator,
    revokeOperator,
    createLot,
    split,
    merge,
    processLots,
    loss,
    propose,
    accept,
    reject,
    cancel,
    result,
    recall,
  ] as unknown as TxType<never>[],
};
