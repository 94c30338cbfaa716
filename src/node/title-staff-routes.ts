// The title register's staff routes (decision 0012): what a registrar body's staff do. Every
// write is a transaction of the hosted body (so the ledger checks the body's `registrar` role and
// that it holds the title), and the staff action is recorded. Owners arrive as salted digests:
// the Portal computes them from the owner's pseudonym, so no person reaches this node.
//   GET  /v1/bodies/:slug/titles/transfers?waiting=approval|registration
//   POST /v1/bodies/:slug/titles                                   register a title
//   POST /v1/bodies/:slug/titles/:titleNumber/restrictions         {ref, kind}
//   POST /v1/bodies/:slug/titles/:titleNumber/restrictions/:ref/remove
//   POST /v1/bodies/:slug/titles/transfers/:id/approve
//   POST /v1/bodies/:slug/titles/transfers/:id/refuse             {reason:{code,en,cy}}
//   POST /v1/bodies/:slug/titles/transfers/:id/register
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Json } from '../core/jcs.js';
import type { Transfer } from '../ledger/modules/title.js';
import {
  getTitle,
  RESTRICTION_KINDS,
  TENURES,
  TITLE_KEYS,
  TITLE_NUMBER_RE,
  UPRN_RE,
} from '../ledger/modules/title.js';
import { statusOf } from './errors.js';
import { CODE_RE } from '../ledger/modules/consent.js';
import { BodyTxError } from './identity/bodies.js';
import type { IdentityContext, StaffActionName } from './identity/context.js';
import { hostedOr404 } from './identity/context.js';
import { sendProblem } from './problems.js';

/** Transfers read per listing: every transfer on the ledger is scanned, so it is bounded. */
const SCAN_MAX = 10_000;

const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const titleNumber = { type: 'string', pattern: TITLE_NUMBER_RE.source } as const;
const refSchema = { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,64}$' } as const;
const text = { type: 'string', minLength: 1, maxLength: 300 } as const;
const reasonBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'en', 'cy'],
  properties: { code: { type: 'string', pattern: CODE_RE.source }, en: text, cy: text },
} as const;
const restrictionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['ref', 'kind'],
  properties: { ref: refSchema, kind: { enum: RESTRICTION_KINDS } },
} as const;
const slugTitle = {
  type: 'object',
  required: ['slug', 'titleNumber'],
  properties: { slug: { type: 'string' }, titleNumber },
} as const;
const slugTransfer = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: hex64 },
} as const;
const writeResponse = {
  201: {
    type: 'object',
    properties: {
      txId: { type: 'string' },
      height: { type: 'integer' },
      receipt: { type: 'string' },
    },
  },
  400: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
} as const;

/** What a transfer waits on the registrar for: approval of a draft, registration once complete. */
const WAITING = { approval: 'drafted', registration: 'completed' } as const;
type Waiting = keyof typeof WAITING;

export function registerTitleStaffRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const staff = { preHandler: ctx.staff('registrar') };

  app.get<{ Params: { slug: string }; Querystring: { waiting?: Waiting } }>(
    '/v1/bodies/:slug/titles/transfers',
    {
      ...staff,
      schema: {
        summary: 'Staff: transfers of this body’s titles waiting for approval or registration',
        tags: ['staff'],
        querystring: {
          type: 'object',
          properties: { waiting: { enum: Object.keys(WAITING), default: 'approval' } },
        },
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const waiting: Waiting = req.query.waiting ?? 'approval';
      const stage = WAITING[waiting];
      // The ledger keeps no index by registrar and stage: every transfer is read, up to a bound.
      const rows = ctx.node.store.stateRange(TITLE_KEYS.transferPrefix, SCAN_MAX + 1);
      const truncated = rows.length > SCAN_MAX;
      const transfers = rows
        .slice(0, SCAN_MAX)
        .map(([, v]) => v as unknown as Transfer)
        .filter((t) => t.registrar === hosted.body.did && t.stage === stage)
        .sort((a, b) => a.draftedMs - b.draftedMs)
        .map((t) => {
          const title = getTitle(state, t.titleNumber);
          // People are pseudonyms on a transfer; the digests stay with the register.
          return {
            id: t.id,
            titleNumber: t.titleNumber,
            stage: t.stage,
            uprn: title?.uprn ?? null,
            tenure: title?.tenure ?? null,
            sellerCount: t.sellers.length,
            buyerCount: t.buyers.length,
            ownerCount: title?.owners.length ?? 0,
            restrictions: title?.restrictions ?? [],
            discharge: t.discharge,
            ...(t.newCharge ? { newCharge: t.newCharge } : {}),
            ...(t.priceBand ? { priceBand: t.priceBand } : {}),
            draftedMs: t.draftedMs,
            updatedMs: t.updatedMs,
          };
        });
      return { body: hosted.body.did, waiting, transfers, truncated };
    },
  );

  /** Submits as the body, waits for the block, records the staff action: 201 or a problem. */
  async function write(
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    type: string,
    payload: Json,
    action: StaffActionName,
  ) {
    const hosted = hostedOr404(ctx, req, reply, req.params.slug);
    if (!hosted) return reply;
    try {
      const s = await hosted.actor.submitAndWait(type, payload);
      await ctx.recordStaff(req, hosted.body.slug, action, s.id);
      return reply.code(201).send({
        txId: s.id,
        height: s.height,
        receipt: `/v1/transactions/${s.id}/receipt`,
      });
    } catch (e) {
      if (e instanceof BodyTxError) {
        return sendProblem(req, reply, statusOf(e.code), e.code, e.detail);
      }
      throw e;
    }
  }

  app.post<{
    Params: { slug: string };
    Body: {
      titleNumber: string;
      uprn: string;
      tenure: string;
      area: string;
      owners: string[];
      restrictions?: { ref: string; kind: string }[];
    };
  }>(
    '/v1/bodies/:slug/titles',
    {
      ...staff,
      schema: {
        summary: 'Staff: register a title; owners as salted digests of their pseudonyms',
        tags: ['staff'],
        params: { type: 'object', required: ['slug'], properties: { slug: { type: 'string' } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['titleNumber', 'uprn', 'tenure', 'area', 'owners'],
          properties: {
            titleNumber,
            uprn: { type: 'string', pattern: UPRN_RE.source },
            tenure: { enum: [...TENURES] },
            area: { type: 'string', pattern: '^[EWSNKLMJ][0-9]{8}$' },
            owners: { type: 'array', minItems: 1, maxItems: 4, uniqueItems: true, items: hex64 },
            restrictions: { type: 'array', maxItems: 10, items: restrictionBody },
          },
        },
        response: writeResponse,
      },
    },
    (req, reply) => {
      const { restrictions, ...rest } = req.body;
      // Charges are a lender's own transaction (title.charge, co-signed): none at registration.
      return write(
        req,
        reply,
        'title.register',
        { ...rest, charges: [], restrictions: restrictions ?? [] } as Json,
        'title-registered',
      );
    },
  );

  app.post<{ Params: { slug: string; titleNumber: string }; Body: { ref: string; kind: string } }>(
    '/v1/bodies/:slug/titles/:titleNumber/restrictions',
    {
      ...staff,
      schema: {
        summary: 'Staff: enter a restriction on a title this body holds',
        tags: ['staff'],
        params: slugTitle,
        body: restrictionBody,
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(
        req,
        reply,
        'title.restrict',
        { titleNumber: req.params.titleNumber, restriction: req.body },
        'title-restricted',
      ),
  );

  app.post<{ Params: { slug: string; titleNumber: string; ref: string } }>(
    '/v1/bodies/:slug/titles/:titleNumber/restrictions/:ref/remove',
    {
      ...staff,
      schema: {
        summary: 'Staff: withdraw a restriction from a title this body holds',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'titleNumber', 'ref'],
          properties: { slug: { type: 'string' }, titleNumber, ref: refSchema },
        },
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(
        req,
        reply,
        'title.removeRestriction',
        { titleNumber: req.params.titleNumber, ref: req.params.ref },
        'title-restriction-removed',
      ),
  );

  const step = (
    path: string,
    type: string,
    action: StaffActionName,
    summary: string,
    withReason: boolean,
  ) =>
    app.post<{
      Params: { slug: string; id: string };
      Body: { reason?: { code: string; en: string; cy: string } } | undefined;
    }>(
      `/v1/bodies/:slug/titles/transfers/:id/${path}`,
      {
        ...staff,
        schema: {
          summary,
          tags: ['staff'],
          params: slugTransfer,
          body: {
            type: 'object',
            additionalProperties: false,
            ...(withReason ? { required: ['reason'] } : {}),
            properties: withReason ? { reason: reasonBody } : {},
          },
          response: writeResponse,
        },
      },
      (req, reply) => {
        const reason = req.body?.reason;
        return write(
          req,
          reply,
          type,
          { transfer: req.params.id, ...(withReason && reason ? { reason } : {}) },
          action,
        );
      },
    );

  step(
    'approve',
    'title.approve',
    'transfer-approved',
    'Staff: approve a drafted transfer against the register',
    false,
  );
  step(
    'refuse',
    'title.refuseTransfer',
    'transfer-refused',
    'Staff: refuse a transfer, with a reason in both languages',
    true,
  );
  step(
    'register',
    'title.registerTransfer',
    'transfer-registered',
    'Staff: register a completed transfer (new owners and charges)',
    false,
  );
}
