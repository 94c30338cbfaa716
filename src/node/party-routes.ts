// What a party needs to see before it signs its own step (decisions 0011, 0012): public reads,
// nothing a person could not already read off the ledger, gathered for one key.
//   GET /v1/goods/operators/:did   an operator key: its organisation, premises, licences now, the
//                                  open lots the organisation holds, offers waiting for it and
//                                  its own offers still undecided
//   GET /v1/transfers?party=did    the transfers of title a key is a party to, with its roles,
//                                  the stage and what each waits for
// Registered from goods-routes.ts and title-routes.ts (one line each).
import type { FastifyInstance } from 'fastify';
import { businessLicenceValidAt, getBusiness } from '../ledger/modules/business.js';
import type { Lot, Transfer as GoodsTransfer } from '../ledger/modules/goods.js';
import {
  GOODS_ACTIVITIES,
  GOODS_KEYS,
  GOODS_PRODUCTS,
  getLot,
  getOperator,
  getTransfer as getGoodsTransfer,
  licenceKindFor,
} from '../ledger/modules/goods.js';
import { getMember } from '../ledger/modules/governance.js';
import type { Transfer } from '../ledger/modules/title.js';
import { CLOSED_STAGES, rolesOf, TITLE_KEYS, waitingFor } from '../ledger/modules/title.js';
import type { IdentityContext } from './identity/context.js';
import { sendProblem } from './problems.js';

/**
 * Lots read looking for an organisation's own. The module keeps no index by holder, so this is
 * a bounded scan; `truncated` says when the register is larger than this.
 */
const LOT_SCAN_MAX = 50_000;
const HELD_MAX = 500;
const INBOX_MAX = 500;
const TRANSFER_SCAN_MAX = 10_000;
const PARTY_TRANSFERS_MAX = 200;

const didParams = {
  type: 'object',
  required: ['did'],
  properties: { did: { type: 'string', maxLength: 256 } },
} as const;

export function registerGoodsPartyRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const store = ctx.node.store;
  const businessOf = (number: string) => {
    const b = getBusiness(state, number);
    return b ? { number, name: b.name, status: b.status } : { number };
  };
  const lotView = (l: Lot) => ({
    ...l,
    productName: GOODS_PRODUCTS[l.product]?.name ?? null,
  });
  const transferView = (t: GoodsTransfer) => {
    const lot = getLot(state, t.lot);
    return {
      ...t,
      fromBusiness: businessOf(t.from),
      toBusiness: businessOf(t.to),
      ...(lot ? { lotView: lotView(lot) } : {}),
    };
  };

  app.get<{ Params: { did: string } }>(
    '/v1/goods/operators/:did',
    {
      schema: {
        summary:
          'An operator key: its organisation, premises, licences now, lots held, offers waiting',
        tags: ['registers'],
        params: didParams,
        response: {
          200: { type: 'object', additionalProperties: true },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const op = getOperator(state, req.params.did);
      if (!op) return sendProblem(req, reply, 404, 'GOODS_OPERATOR_UNKNOWN', req.params.did);
      const now = ctx.clock();
      const scanned = store.stateRange(GOODS_KEYS.lotPrefix, LOT_SCAN_MAX);
      const held = scanned
        .map(([, v]) => v as unknown as Lot)
        .filter((l) => l.holder === op.number && l.quantity > 0);
      const incoming = store
        .stateRange(GOODS_KEYS.inboxPrefix(op.number), INBOX_MAX)
        .map(([, v]) => getGoodsTransfer(state, String(v)))
        .filter((t): t is GoodsTransfer => t?.status === 'pending')
        .map(transferView);
      const outgoing = held
        .map((l) => (l.pending === undefined ? undefined : getGoodsTransfer(state, l.pending)))
        .filter((t): t is GoodsTransfer => t?.status === 'pending')
        .map(transferView);
      return {
        ...op,
        business: businessOf(op.number),
        registeredByName: getMember(state, op.registeredBy)?.name ?? null,
        nowMs: now,
        licensedNow: GOODS_ACTIVITIES.filter((a) =>
          businessLicenceValidAt(state, op.number, licenceKindFor(a), now),
        ),
        lots: held.slice(0, HELD_MAX).map(lotView),
        lotsTruncated: held.length > HELD_MAX || scanned.length >= LOT_SCAN_MAX,
        incoming,
        outgoing,
      };
    },
  );
}

export function registerTitlePartyRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const nameOf = (did: string) => getMember(state, did)?.name ?? null;

  app.get<{ Querystring: { party: string } }>(
    '/v1/transfers',
    {
      schema: {
        summary: 'The transfers of title a DID is a party to: roles, stage, what each waits for',
        tags: ['registers'],
        querystring: {
          type: 'object',
          required: ['party'],
          properties: { party: { type: 'string', minLength: 1, maxLength: 256 } },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          400: { $ref: 'Problem#' },
        },
      },
    },
    async (req) => {
      const party = req.query.party;
      // The module keeps no index by party: a bounded scan, newest drafts are not favoured.
      const scanned = ctx.node.store.stateRange(TITLE_KEYS.transferPrefix, TRANSFER_SCAN_MAX);
      const mine = scanned
        .map(([, v]) => v as unknown as Transfer)
        .map((t) => ({ t, roles: rolesOf(t, party) }))
        .filter((x) => x.roles.length > 0)
        .sort((a, b) => b.t.updatedMs - a.t.updatedMs);
      const transfers = mine.slice(0, PARTY_TRANSFERS_MAX).map(({ t, roles }) => ({
        id: t.id,
        titleNumber: t.titleNumber,
        stage: t.stage,
        closed: CLOSED_STAGES.includes(t.stage),
        roles,
        registrar: t.registrar,
        registrarName: nameOf(t.registrar),
        signed: t.signedBy.includes(party),
        fundsConfirmed: t.fundsConfirmedBy.includes(party),
        waitingFor: waitingFor(t),
        draftedMs: t.draftedMs,
        updatedMs: t.updatedMs,
      }));
      return {
        party,
        count: transfers.length,
        transfers,
        truncated: mine.length > PARTY_TRANSFERS_MAX || scanned.length >= TRANSFER_SCAN_MAX,
      };
    },
  );
}
