// Governance proposals over HTTP (decision 0008): each call is one signed ledger transaction of
// the body the administrator works for.
//   GET    /v1/proposals                                  pending and recently decided (public)
//   POST   /v1/bodies/:slug/proposals                     {change, expiresInDays?}: propose
//   POST   /v1/bodies/:slug/proposals/:id/approvals       sign a pending proposal
//   DELETE /v1/bodies/:slug/proposals/:id                 withdraw one this body proposed
// Proposals are public on the ledger anyway; the list is read from its state indexes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Json } from '../../core/jcs.js';
import type { Proposal, ProposedChange } from '../../ledger/modules/governance.js';
import {
  currentApprovals,
  getMember,
  getProposal,
  hasQuorum,
  memberDids,
  PROPOSAL_KEYS,
  proposalStatusAt,
  supermajority,
} from '../../ledger/modules/governance.js';
import { statusOf } from '../errors.js';
import { sendProblem } from '../problems.js';
import { BodyTxError } from './bodies.js';
import type { IdentityContext } from './context.js';
import { hostedOr404 } from './context.js';

const DAY_MS = 24 * 60 * 60_000;
/** Decided proposals shown, newest first (the pending ones are all shown). */
const DECIDED_MAX = 50;
/** How many index entries are read at most: governance is a handful of changes a month. */
const SCAN_MAX = 1000;
const ID_PATTERN = '^[0-9a-f]{64}$';

const idParams = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: { type: 'string', pattern: ID_PATTERN } },
} as const;

const submitted = {
  type: 'object',
  properties: {
    proposalId: { type: 'string' },
    txId: { type: 'string' },
    height: { type: 'integer' },
    receipt: { type: 'string' },
    status: { enum: ['pending', 'applied', 'withdrawn'] },
  },
} as const;

export function registerGovernance(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const nameOf = (did: string) => getMember(state, did)?.name ?? null;

  function view(p: Proposal, now: number, needed: number) {
    return {
      id: p.id,
      change: p.change,
      proposer: p.proposer,
      proposerName: nameOf(p.proposer),
      proposedMs: p.proposedMs,
      expiresMs: p.expiresMs,
      approvals: p.approvals.map((did) => ({ did, name: nameOf(did) })),
      /** Approvals of bodies that are members now: what counts towards `needed`. */
      counted: currentApprovals(state, p).length,
      needed,
      status: proposalStatusAt(p, now),
      ...(p.decidedMs === undefined ? {} : { decidedMs: p.decidedMs }),
      ...(p.decidedTx === undefined ? {} : { decidedTx: p.decidedTx }),
    };
  }

  const read = (prefix: string): Proposal[] =>
    ctx.node.store
      .stateRange(prefix, SCAN_MAX)
      .map(([, id]) => getProposal(state, String(id)))
      .filter((p): p is Proposal => p !== undefined);

  app.get(
    '/v1/proposals',
    {
      schema: {
        summary: 'Governance proposals: every pending one and the most recently decided',
        tags: ['governance'],
        response: {
          200: {
            type: 'object',
            properties: {
              height: { type: 'integer' },
              members: { type: 'integer' },
              needed: { type: 'integer' },
              proposals: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          },
        },
      },
    },
    async () => {
      const now = ctx.clock();
      const members = memberDids(state).length;
      const needed = supermajority(members);
      const pending = read(PROPOSAL_KEYS.openPrefix).sort((a, b) => b.proposedMs - a.proposedMs);
      const decided = read(PROPOSAL_KEYS.donePrefix)
        .sort((a, b) => (b.decidedMs ?? 0) - (a.decidedMs ?? 0))
        .slice(0, DECIDED_MAX);
      return {
        height: ctx.node.height,
        members,
        needed,
        proposals: [...pending, ...decided].map((p) => view(p, now, needed)),
      };
    },
  );

  /** Submits a body's governance transaction; a refusal becomes its problem. */
  async function submit(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    type: string,
    payload: Json,
  ) {
    const hosted = ctx.bodies.get(slug);
    if (!hosted) return undefined;
    try {
      return await hosted.actor.submitAndWait(type, payload);
    } catch (e) {
      if (e instanceof BodyTxError) {
        void sendProblem(req, reply, statusOf(e.code), e.code, e.detail);
        return undefined;
      }
      throw e;
    }
  }

  const receiptOf = (txId: string) => `/v1/transactions/${txId}/receipt`;

  app.post<{
    Params: { slug: string };
    Body: { change: ProposedChange; expiresInDays?: number };
  }>(
    '/v1/bodies/:slug/proposals',
    {
      preHandler: ctx.staff('administrator'),
      schema: {
        summary: 'Staff: the body proposes a governance change (its signature is the first)',
        tags: ['staff', 'governance'],
        body: {
          type: 'object',
          required: ['change'],
          additionalProperties: false,
          properties: {
            change: {
              type: 'object',
              required: ['type', 'payload'],
              additionalProperties: false,
              properties: {
                type: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*\\.[A-Za-z0-9]{1,64}$' },
                payload: { type: 'object' },
              },
            },
            expiresInDays: { type: 'integer', minimum: 1, maximum: 30 },
          },
        },
        response: { 201: submitted },
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const days = req.body.expiresInDays ?? 14;
      const payload = {
        change: req.body.change as unknown as Json,
        expiresMs: ctx.clock() + days * DAY_MS,
      };
      const s = await submit(req, reply, hosted.body.slug, 'governance.propose', payload);
      if (!s) return reply;
      await ctx.recordStaff(req, hosted.body.slug, 'governance-proposed', s.id);
      return reply.code(201).send({
        proposalId: s.id,
        txId: s.id,
        height: s.height,
        receipt: receiptOf(s.id),
        status: getProposal(state, s.id)?.status ?? 'pending',
      });
    },
  );

  /** The proposal named by the route, or a 404 problem already sent. */
  function proposalOr404(req: FastifyRequest, reply: FastifyReply, id: string) {
    const p = getProposal(state, id);
    if (!p) void sendProblem(req, reply, 404, 'GOV_PROPOSAL_UNKNOWN', id);
    return p;
  }

  app.post<{ Params: { slug: string; id: string } }>(
    '/v1/bodies/:slug/proposals/:id/approvals',
    {
      preHandler: ctx.staff('administrator'),
      schema: {
        summary: 'Staff: the body signs a pending proposal; the last needed signature applies it',
        tags: ['staff', 'governance'],
        params: idParams,
        response: { 201: submitted },
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const p = proposalOr404(req, reply, req.params.id);
      if (!p) return reply;
      // Said here, before anything is signed; the ledger would refuse it the same way.
      if (p.approvals.includes(hosted.body.did) && !hasQuorum(state, p)) {
        return sendProblem(req, reply, 409, 'GOV_ALREADY_APPROVED', hosted.body.did);
      }
      const s = await submit(req, reply, hosted.body.slug, 'governance.approve', {
        proposal: p.id,
      });
      if (!s) return reply;
      await ctx.recordStaff(req, hosted.body.slug, 'governance-signed', p.id);
      return reply.code(201).send({
        proposalId: p.id,
        txId: s.id,
        height: s.height,
        receipt: receiptOf(s.id),
        status: getProposal(state, p.id)?.status ?? 'pending',
      });
    },
  );

  app.delete<{ Params: { slug: string; id: string } }>(
    '/v1/bodies/:slug/proposals/:id',
    {
      preHandler: ctx.staff('administrator'),
      schema: {
        summary: 'Staff: the body withdraws a pending proposal it made',
        tags: ['staff', 'governance'],
        params: idParams,
        response: { 200: submitted },
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const p = proposalOr404(req, reply, req.params.id);
      if (!p) return reply;
      if (p.proposer !== hosted.body.did) {
        return sendProblem(req, reply, 403, 'GOV_NOT_PROPOSER', p.proposer);
      }
      const s = await submit(req, reply, hosted.body.slug, 'governance.withdrawProposal', {
        proposal: p.id,
      });
      if (!s) return reply;
      await ctx.recordStaff(req, hosted.body.slug, 'governance-withdrawn', p.id);
      return reply.send({
        proposalId: p.id,
        txId: s.id,
        height: s.height,
        receipt: receiptOf(s.id),
        status: 'withdrawn',
      });
    },
  );
}
