// The title register and its transfers over HTTP (decision 0012). Public reads only: every
// step of a transfer is a transaction its party signs and sends to POST /v1/transactions.
//   GET /v1/titles?uprn=&limit=          titles on a parcel (no uprn: the register by number)
//   GET /v1/titles/:titleNumber          the register's public facts, owners only counted,
//                                        the transfer in progress, the full history
//   GET /v1/transfers/:id                stage, who has signed, what it waits for, its history
//   GET /v1/transfers/:id/chain          the chain it is in, and what holds the chain up
//   GET /v1/titles/events                server-sent events of committed changes (register-events.ts)
import type { FastifyInstance } from 'fastify';
import { getMember } from '../ledger/modules/governance.js';
import type {
  Title,
  TitleHistoryEntry,
  Transfer,
  TransferHistoryEntry,
} from '../ledger/modules/title.js';
import {
  chainOf,
  fundsConfirmers,
  getTitle,
  getTransfer,
  openTransferOf,
  requiredSigners,
  RESTRICTION_BLOCKS,
  rolesOf,
  TITLE_KEYS,
  TITLE_NUMBER_RE,
  titleHistory,
  transferHistory,
  UPRN_RE,
  waitingFor,
} from '../ledger/modules/title.js';
import type { IdentityContext } from './identity/context.js';
import { registerTitles, sendProblem } from './problems.js';
import { registerTitleEvents } from './register-events.js';
import { registerTitlePartyRoutes } from './party-routes.js';

registerTitles({
  TITLE_QUERY_INVALID: {
    en: 'Give a UPRN of up to twelve digits',
    cy: 'Rhowch UPRN o hyd at ddeuddeg digid',
  },
});

const HISTORY_MAX = 10_000;
const LIST_LIMIT_MAX = 100;
const HEX64 = /^[0-9a-f]{64}$/;

/** A UPRN as people write it (no leading zeros) or as the register keys it (twelve digits). */
export function normaliseUprn(q: string): string | undefined {
  const t = q.trim();
  if (!/^[0-9]{1,12}$/.test(t)) return undefined;
  const padded = t.padStart(12, '0');
  return UPRN_RE.test(padded) ? padded : undefined;
}

const receiptOf = (txId: string) => `/v1/transactions/${txId}/receipt`;

export function registerTitleRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  registerTitleEvents(app, ctx.node);
  // GET /v1/transfers?party=: a party's own transfers (Organisations face, Wallet).
  registerTitlePartyRoutes(app, ctx);
  const nameOf = (did: string) => getMember(state, did)?.name ?? null;

  /** The register's public facts: the owners' digests are counted, never listed. */
  function titleView(t: Title) {
    const { owners, ...facts } = t;
    const open = openTransferOf(state, t.titleNumber);
    const transfer = open === undefined ? undefined : getTransfer(state, open);
    return {
      ...facts,
      ownerCount: owners.length,
      registrarName: nameOf(t.registrar),
      charges: t.charges.map((c) => ({ ...c, lenderName: nameOf(c.lender) })),
      restrictions: t.restrictions.map((r) => ({
        ...r,
        blocksTransfer: RESTRICTION_BLOCKS[r.kind] === true,
      })),
      transferInProgress: transfer ? { id: transfer.id, stage: transfer.stage } : null,
    };
  }

  function transferView(t: Transfer) {
    const history = ctx.node.store
      .stateRange(transferHistory(t.id), HISTORY_MAX)
      .map(([, v]) => v as unknown as TransferHistoryEntry);
    const when = (did: string, step: string) => {
      const e = history.find((h) => h.by === did && h.event === step);
      return e ? { timeMs: e.timeMs, txId: e.txId, receipt: receiptOf(e.txId) } : null;
    };
    // The buyers' salted digests stay on the ledger; here only how many.
    const { newOwners, ...rest } = t;
    return {
      ...rest,
      newOwnerCount: newOwners.length,
      registrarName: nameOf(t.registrar),
      parties: requiredSigners(t).map((did) => ({
        did,
        roles: rolesOf(t, did),
        name: nameOf(did),
        signed: when(did, 'sign'),
      })),
      funds: fundsConfirmers(t).map((did) => ({
        did,
        roles: rolesOf(t, did),
        confirmed: when(did, 'confirmFunds'),
      })),
      waitingFor: waitingFor(t),
      history: history.map((h) => ({ ...h, byName: nameOf(h.by), receipt: receiptOf(h.txId) })),
    };
  }

  app.get<{ Querystring: { uprn?: string; limit?: number } }>(
    '/v1/titles',
    {
      schema: {
        summary: 'The title register: titles on a parcel (UPRN), or the register by title number',
        tags: ['registers'],
        querystring: {
          type: 'object',
          properties: {
            uprn: { type: 'string', maxLength: 20 },
            limit: { type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: 20 },
          },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          400: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const limit = req.query.limit ?? 20;
      if (req.query.uprn === undefined || req.query.uprn.trim() === '') {
        const titles = ctx.node.store
          .stateRange(TITLE_KEYS.titlePrefix, limit)
          .map(([, v]) => titleView(v as unknown as Title));
        return { uprn: null, count: titles.length, titles };
      }
      const uprn = normaliseUprn(req.query.uprn);
      if (uprn === undefined) {
        return sendProblem(req, reply, 400, 'TITLE_QUERY_INVALID', 'digits only');
      }
      const titles = ctx.node.store
        .stateRange(TITLE_KEYS.uprnPrefix(uprn), limit)
        .map(([, v]) => getTitle(state, String(v)))
        .filter((t): t is Title => t !== undefined)
        .map(titleView);
      return { uprn, count: titles.length, titles };
    },
  );

  app.get<{ Params: { titleNumber: string } }>(
    '/v1/titles/:titleNumber',
    {
      schema: {
        summary: 'A registered title: public facts, owners counted only, transfer, history',
        tags: ['registers'],
        params: {
          type: 'object',
          required: ['titleNumber'],
          properties: { titleNumber: { type: 'string', maxLength: 20 } },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const tn = req.params.titleNumber.toUpperCase();
      const t = TITLE_NUMBER_RE.test(tn) ? getTitle(state, tn) : undefined;
      if (!t) return sendProblem(req, reply, 404, 'TITLE_UNKNOWN', req.params.titleNumber);
      const history = ctx.node.store
        .stateRange(titleHistory(tn), HISTORY_MAX)
        .map(([, v]) => v as unknown as TitleHistoryEntry)
        .map((e) => ({ ...e, byName: nameOf(e.by), receipt: receiptOf(e.txId) }));
      return { ...titleView(t), history };
    },
  );

  const transferParams = {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', maxLength: 64 } },
  } as const;

  app.get<{ Params: { id: string } }>(
    '/v1/transfers/:id',
    {
      schema: {
        summary: 'A transfer of title: its stage, who has signed, what it waits for, its history',
        tags: ['registers'],
        params: transferParams,
        response: {
          200: { type: 'object', additionalProperties: true },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      const t = HEX64.test(id) ? getTransfer(state, id) : undefined;
      if (!t) return sendProblem(req, reply, 404, 'TITLE_TRANSFER_UNKNOWN', req.params.id);
      return transferView(t);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/transfers/:id/chain',
    {
      schema: {
        summary: 'The chain of linked transfers a transfer is in, and what holds it up',
        tags: ['registers'],
        params: transferParams,
        response: {
          200: { type: 'object', additionalProperties: true },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      const chain = HEX64.test(id) ? chainOf(state, id) : undefined;
      if (!chain) return sendProblem(req, reply, 404, 'TITLE_TRANSFER_UNKNOWN', req.params.id);
      return { transfer: id, ...chain };
    },
  );
}
