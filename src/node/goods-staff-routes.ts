// The regulated-goods register's staff routes (decision 0011): what a council's or regulator's
// staff do. Every write is a transaction of the hosted body, so the ledger checks the body's
// `council` or `regulator` role; the staff role is `registrar` (the officer keeping the
// register), and the staff action is recorded. The trace of a recalled lot is the public
// GET /v1/goods/lots/:id/trace.
//   POST /v1/bodies/:slug/goods/operators          {number, did, premises[], laboratory?}
//   POST /v1/bodies/:slug/goods/operators/revoke   {did, reason}
//   POST /v1/bodies/:slug/goods/lots/:id/results   {kind?, outcome, ref}
//   POST /v1/bodies/:slug/goods/lots/:id/recall    {reason}
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Json } from '../core/jcs.js';
import { BUSINESS_NUMBER_RE } from '../ledger/modules/business.js';
import { CODE_RE } from '../ledger/modules/consent.js';
import {
  GOODS_OUTCOMES,
  GOODS_RESULT_KINDS,
  LOT_ID_RE,
  PREMISES_ID_RE,
} from '../ledger/modules/goods.js';
import { statusOf } from './errors.js';
import { BodyTxError } from './identity/bodies.js';
import type { IdentityContext, StaffActionName } from './identity/context.js';
import { hostedOr404 } from './identity/context.js';
import { sendProblem } from './problems.js';

const text = { type: 'string', minLength: 1, maxLength: 300 } as const;
const refSchema = { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,64}$' } as const;
const didKey = { type: 'string', pattern: '^did:key:z[1-9A-HJ-NP-Za-km-z]+$' } as const;
const reasonBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'en', 'cy'],
  properties: { code: { type: 'string', pattern: CODE_RE.source }, en: text, cy: text },
} as const;
const premisesBody = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'lat', 'lon'],
  properties: {
    id: { type: 'string', pattern: PREMISES_ID_RE.source },
    name: {
      type: 'object',
      additionalProperties: false,
      required: ['en', 'cy'],
      properties: { en: text, cy: text },
    },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
  },
} as const;
const slugOnly = {
  type: 'object',
  required: ['slug'],
  properties: { slug: { type: 'string' } },
} as const;
const slugLot = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: { type: 'string', pattern: LOT_ID_RE.source } },
} as const;
const writeResponse = {
  201: {
    type: 'object',
    properties: {
      txId: { type: 'string' },
      height: { type: 'integer' },
      receipt: { type: 'string' },
      trace: { type: 'string' },
    },
  },
  400: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
} as const;

type Reason = { code: string; en: string; cy: string };

export function registerGoodsStaffRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const staff = { preHandler: ctx.staff('registrar') };

  /** Submits as the body, waits for the block, records the staff action: 201 or a problem. */
  async function write(
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    type: string,
    payload: Json,
    action: StaffActionName,
    extra: Record<string, string> = {},
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
        ...extra,
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
      number: string;
      did: string;
      premises: { id: string; name: { en: string; cy: string }; lat: number; lon: number }[];
      laboratory?: { ref: string };
    };
  }>(
    '/v1/bodies/:slug/goods/operators',
    {
      ...staff,
      schema: {
        summary: 'Staff: register a key that acts for a registered organisation, with premises',
        tags: ['staff'],
        params: slugOnly,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['number', 'did', 'premises'],
          properties: {
            number: { type: 'string', pattern: BUSINESS_NUMBER_RE.source },
            did: didKey,
            premises: { type: 'array', minItems: 1, maxItems: 20, items: premisesBody },
            laboratory: {
              type: 'object',
              additionalProperties: false,
              required: ['ref'],
              properties: { ref: refSchema },
            },
          },
        },
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(req, reply, 'goods.registerOperator', req.body as Json, 'operator-registered'),
  );

  app.post<{ Params: { slug: string }; Body: { did: string; reason: Reason } }>(
    '/v1/bodies/:slug/goods/operators/revoke',
    {
      ...staff,
      schema: {
        summary: 'Staff: withdraw an operator key; it can no longer act',
        tags: ['staff'],
        params: slugOnly,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['did', 'reason'],
          properties: { did: didKey, reason: reasonBody },
        },
        response: writeResponse,
      },
    },
    (req, reply) => write(req, reply, 'goods.revokeOperator', req.body as Json, 'operator-revoked'),
  );

  app.post<{
    Params: { slug: string; id: string };
    Body: { kind?: string; outcome: string; ref: string };
  }>(
    '/v1/bodies/:slug/goods/lots/:id/results',
    {
      ...staff,
      schema: {
        summary: 'Staff: record an inspection (or test) result on a lot',
        tags: ['staff'],
        params: slugLot,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['outcome', 'ref'],
          properties: {
            kind: { enum: [...GOODS_RESULT_KINDS], default: 'inspection' },
            outcome: { enum: [...GOODS_OUTCOMES] },
            ref: refSchema,
          },
        },
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(
        req,
        reply,
        'goods.result',
        {
          lot: req.params.id,
          kind: req.body.kind ?? 'inspection',
          outcome: req.body.outcome,
          ref: req.body.ref,
        },
        'goods-result-recorded',
      ),
  );

  app.post<{ Params: { slug: string; id: string }; Body: { reason: Reason } }>(
    '/v1/bodies/:slug/goods/lots/:id/recall',
    {
      ...staff,
      schema: {
        summary: 'Staff: recall a lot and everything made from it',
        tags: ['staff'],
        params: slugLot,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: reasonBody },
        },
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(
        req,
        reply,
        'goods.recall',
        { lot: req.params.id, reason: req.body.reason },
        'lot-recalled',
        { trace: `/v1/goods/lots/${req.params.id}/trace` },
      ),
  );
}
