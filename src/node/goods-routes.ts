// The regulated-goods register over HTTP (decision 0011). All public: what a lot is, where it has
// been and who has held it is what the provenance page (reached by the QR code on the product)
// shows. Writes are transactions signed by the operator's own key (POST /v1/transactions).
//   GET /v1/goods/lots/:id          the lot, its holder, recall status, results and its chain of
//                                   custody back through every lot it came from
//   GET /v1/goods/lots/:id/trace    every lot downstream of it and every holder (recall trace)
//   GET /v1/goods/lots/:id/qr.svg   the QR code for the product: it opens the provenance page
//   GET /v1/goods/operators         registered operator keys with their organisation and premises
//   GET /v1/goods/recalls           recalls, newest first
//   GET /v1/goods/events            server-sent events of committed changes (register-events.ts)
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { businessLicenceValidAt, getBusiness } from '../ledger/modules/business.js';
import type {
  GoodsHistoryEntry,
  GoodsResult,
  Lot,
  Operator,
  Recall,
} from '../ledger/modules/goods.js';
import {
  GOODS_ACTIVITIES,
  GOODS_KEYS,
  GOODS_PRODUCTS,
  getLot,
  goodsHistory,
  licenceKindFor,
  LOT_ID_RE,
  recallCovering,
  traceDownstream,
} from '../ledger/modules/goods.js';
import { getMember } from '../ledger/modules/governance.js';
import type { IdentityContext } from './identity/context.js';
import { sendProblem } from './problems.js';
import { registerGoodsEvents } from './register-events.js';
import { registerGoodsPartyRoutes } from './party-routes.js';

/** Lots walked back for a provenance page; past this the chain says it was cut short. */
const CHAIN_LOTS_MAX = 200;
const HISTORY_MAX = 1000;
const LIST_MAX = 1000;
const TRACE_DEFAULT = 1000;
const TRACE_MAX = 10_000;

const lotParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export function registerGoodsRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const store = ctx.node.store;
  registerGoodsEvents(app, ctx.node);
  // An operator's own view (what it holds, offers waiting): the Organisations face.
  registerGoodsPartyRoutes(app, ctx);

  /** Who someone is, for people reading: a member body's name or an organisation's. */
  const actorOf = (did: string, number?: string) => {
    const member = getMember(state, did);
    if (member) return { kind: 'body' as const, name: member.name };
    const b = number === undefined ? undefined : getBusiness(state, number);
    return { kind: 'operator' as const, ...(b ? { name: b.name, number: b.number } : {}) };
  };
  const businessOf = (number: string) => {
    const b = getBusiness(state, number);
    return b ? { number, name: b.name, status: b.status } : { number };
  };
  const historyOf = (lot: string) =>
    store
      .stateRange(goodsHistory(lot), HISTORY_MAX)
      .map(([, v]) => v as unknown as GoodsHistoryEntry);

  /** The lot and what it came from, nearest first, each lot once; bounded. */
  function ancestry(lot: Lot): { lots: Lot[]; truncated: boolean } {
    const lots: Lot[] = [];
    const seen = new Set<string>([lot.id]);
    const queue: Lot[] = [lot];
    for (let i = 0; i < queue.length; i++) {
      if (lots.length >= CHAIN_LOTS_MAX) return { lots, truncated: true };
      const l = queue[i] as Lot;
      lots.push(l);
      for (const p of l.parents) {
        if (seen.has(p)) continue;
        seen.add(p);
        const parent = getLot(state, p);
        if (parent) queue.push(parent);
      }
    }
    return { lots, truncated: false };
  }

  app.get<{ Params: { id: string } }>(
    '/v1/goods/lots/:id',
    {
      schema: {
        summary:
          'A regulated-goods lot: product, holder, recall status, results and chain of custody',
        tags: ['registers'],
        params: lotParams,
        response: {
          200: { type: 'object', additionalProperties: true },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      const lot = LOT_ID_RE.test(id) ? getLot(state, id) : undefined;
      if (!lot) return sendProblem(req, reply, 404, 'GOODS_LOT_UNKNOWN', req.params.id);
      const covering = recallCovering(state, lot);
      const recall: Recall | undefined = covering.ok ? covering.value : undefined;
      const results = store
        .stateRange(GOODS_KEYS.resultPrefix(id), LIST_MAX)
        .map(([, v]) => v as unknown as GoodsResult)
        .map((r) => ({ ...r, byActor: actorOf(r.by) }));
      const { lots, truncated } = ancestry(lot);
      const units = new Map(lots.map((l) => [l.id, l.unit]));
      // Every event of the lot and of the lots it came from, in ledger order.
      // One transaction's events (a split) stay parent first: oldest lots first, stable sort.
      const chain = [...lots]
        .reverse()
        .flatMap((l) => historyOf(l.id))
        .sort((a, b) => a.logIndex - b.logIndex)
        .map((e) => ({
          ...e,
          unit: units.get(e.lot) ?? lot.unit,
          ...(e.to === undefined ? {} : { toBusiness: businessOf(e.to) }),
          byActor: actorOf(e.by, e.number),
          receipt: `/v1/transactions/${e.txId}/receipt`,
        }));
      return {
        ...lot,
        productName: GOODS_PRODUCTS[lot.product]?.name ?? null,
        holderBusiness: businessOf(lot.holder),
        holdersBusinesses: lot.holders.map(businessOf),
        // An ancestry too large to walk is said so, never reported as clear.
        recallStatus: lot.recall
          ? 'recalled'
          : recall
            ? 'recalled-upstream'
            : covering.ok
              ? 'none'
              : 'unknown',
        ...(recall ? { recallCovering: { ...recall, byActor: actorOf(recall.by) } } : {}),
        ...(covering.ok ? {} : { recallUnknown: covering.code }),
        results,
        chain,
        chainLots: lots.map((l) => l.id),
        chainTruncated: truncated,
        trace: `/v1/goods/lots/${id}/trace`,
        page: `/explorer/goods/?lot=${id}`,
        qr: `/v1/goods/lots/${id}/qr.svg`,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/goods/lots/:id/qr.svg',
    {
      schema: {
        summary: 'The QR code printed on the product: it opens the lot’s provenance page',
        tags: ['registers'],
        params: lotParams,
      },
    },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      if (!LOT_ID_RE.test(id) || !getLot(state, id)) {
        return sendProblem(req, reply, 404, 'GOODS_LOT_UNKNOWN', req.params.id);
      }
      const svg = await QRCode.toString(`${ctx.baseUrl()}/explorer/goods/?lot=${id}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      // A lot's id never changes its page: the code may be kept.
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/v1/goods/lots/:id/trace',
    {
      schema: {
        summary: 'Every lot downstream of a lot, and every organisation that has held one',
        tags: ['registers'],
        params: lotParams,
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: TRACE_MAX, default: TRACE_DEFAULT },
          },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          400: { $ref: 'Problem#' },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      const started = performance.now();
      const trace = LOT_ID_RE.test(id)
        ? traceDownstream(state, id, req.query.limit ?? TRACE_DEFAULT)
        : undefined;
      if (!trace) return sendProblem(req, reply, 404, 'GOODS_LOT_UNKNOWN', req.params.id);
      const root = getLot(state, id) as Lot;
      const covering = recallCovering(state, root);
      const recall = covering.ok ? covering.value : undefined;
      return {
        ...trace,
        ...(recall ? { recall: { ...recall, byActor: actorOf(recall.by) } } : {}),
        holders: trace.holders.map(businessOf),
        lots: trace.lots.map((l) => ({
          ...l,
          productName: GOODS_PRODUCTS[l.product]?.name ?? null,
        })),
        ms: Math.round((performance.now() - started) * 1000) / 1000,
      };
    },
  );

  app.get(
    '/v1/goods/operators',
    {
      schema: {
        summary: 'Registered regulated-goods operators: organisation, premises, licences now',
        tags: ['registers'],
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => {
      const now = ctx.clock();
      const operators = store
        .stateRange(GOODS_KEYS.operatorPrefix, LIST_MAX)
        .map(([, v]) => v as unknown as Operator)
        .map((o) => ({
          ...o,
          business: businessOf(o.number),
          registeredByName: getMember(state, o.registeredBy)?.name ?? null,
          licensedNow: GOODS_ACTIVITIES.filter((a) =>
            businessLicenceValidAt(state, o.number, licenceKindFor(a), now),
          ),
        }))
        .sort((a, b) =>
          a.number === b.number ? a.registeredMs - b.registeredMs : a.number < b.number ? -1 : 1,
        );
      return { nowMs: now, count: operators.length, operators };
    },
  );

  app.get(
    '/v1/goods/recalls',
    {
      schema: {
        summary: 'Recalled regulated-goods lots, newest first',
        tags: ['registers'],
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => {
      const recalls = store
        .stateRange(GOODS_KEYS.recallPrefix, LIST_MAX)
        .map(([, v]) => v as unknown as Recall)
        .reverse()
        .map((r) => {
          const lot = getLot(state, r.lot);
          return {
            ...r,
            byActor: actorOf(r.by),
            product: lot?.product ?? null,
            productName: lot ? (GOODS_PRODUCTS[lot.product]?.name ?? null) : null,
          };
        });
      return { count: recalls.length, recalls };
    },
  );
}
