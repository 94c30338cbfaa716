// What a member body's staff see and do in the Portal beyond issuing and verifying:
//   GET  /v1/bodies/:slug/consents        consents where the body holds the data or asks for it
//   GET  /v1/bodies/:slug/access-records  every request it answered or made, served or refused
//   POST /v1/bodies/:slug/notarise        {digest, label?}: the body notarises a document's digest
// Lists are read from the ledger's state (indexes written by the consent and access modules).
import type { FastifyInstance } from 'fastify';
import type { Json } from '../../core/jcs.js';
import type { AccessRecord, Consent } from '../../ledger/modules/consent.js';
import { CONSENT_KEYS, getAccessRecord, getConsent } from '../../ledger/modules/consent.js';
import { getMember } from '../../ledger/modules/governance.js';
import { BodyTxError } from './bodies.js';
import type { IdentityContext } from './context.js';
import { hostedOr404 } from './context.js';
import { sendProblem } from '../problems.js';
import { statusOf } from '../errors.js';

const LIST_MAX = 1000;

export function registerPortal(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const nameOf = (did: string) => getMember(state, did)?.name ?? null;

  app.get<{ Params: { slug: string } }>(
    '/v1/bodies/:slug/consents',
    {
      preHandler: ctx.staff('auditor'),
      schema: {
        summary: 'Staff: consents this body holds data under or asks under',
        tags: ['staff'],
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const did = hosted.body.did;
      const now = ctx.clock();
      const consents = ctx.node.store
        .stateRange(CONSENT_KEYS.consentParty(did, ''), LIST_MAX)
        .map(([, id]) => getConsent(state, String(id)))
        .filter((c): c is Consent => c !== undefined)
        .sort((a, b) => b.grantedMs - a.grantedMs)
        .map((c) => ({
          ...c,
          role: c.holder === did ? 'holder' : 'requester',
          status:
            c.withdrawnMs !== undefined ? 'withdrawn' : c.expiresMs <= now ? 'expired' : 'active',
          holderName: nameOf(c.holder),
          requesterName: nameOf(c.requester),
        }));
      return { body: did, consents };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/v1/bodies/:slug/access-records',
    {
      preHandler: ctx.staff('auditor'),
      schema: { summary: 'Staff: every data request this body answered or made', tags: ['staff'] },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const did = hosted.body.did;
      const records = ctx.node.store
        .stateRange(CONSENT_KEYS.accessParty(did, ''), LIST_MAX)
        .map(([, id]) => getAccessRecord(state, String(id)))
        .filter((r): r is AccessRecord => r !== undefined)
        .sort((a, b) => b.timeMs - a.timeMs)
        .map((r) => ({
          ...r,
          role: r.holder === did ? 'holder' : 'requester',
          holderName: nameOf(r.holder),
          requesterName: nameOf(r.requester),
        }));
      return { body: did, accessRecords: records };
    },
  );

  app.post<{ Params: { slug: string }; Body: { digest: string; label?: string } }>(
    '/v1/bodies/:slug/notarise',
    {
      preHandler: ctx.staff('registrar'),
      schema: {
        summary:
          'Staff: the body notarises a document by its SHA-256 (the file never leaves the browser)',
        tags: ['staff'],
        body: {
          type: 'object',
          required: ['digest'],
          additionalProperties: false,
          properties: {
            digest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            label: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const payload: Record<string, Json> = { digest: req.body.digest };
      if (req.body.label) payload.label = req.body.label;
      try {
        const s = await hosted.actor.submitAndWait('notary.notarise', payload);
        await ctx.recordStaff(req, hosted.body.slug, 'document-notarised', s.id);
        return reply.code(201).send({
          txId: s.id,
          height: s.height,
          receipt: `/v1/transactions/${s.id}/receipt`,
        });
      } catch (e) {
        if (e instanceof BodyTxError)
          return sendProblem(req, reply, statusOf(e.code), e.code, e.detail);
        throw e;
      }
    },
  );
}
