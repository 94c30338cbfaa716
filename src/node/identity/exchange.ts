// Consent-gated data exchange between member bodies, with an access log on the ledger.
//   requester staff  POST /v1/exchange/:slug/ask        → signs a request, sends it to the holder
//   holder           POST /v1/exchange/:slug/requests   ← a request signed by the requester body
//   holder staff     PUT  /v1/exchange/:slug/records    (the holder's own data, by pseudonym)
// The holder checks the consent on the ledger and serves or refuses; either way it records
// `access.record` on the ledger and waits for it to be committed *before* answering, so no
// answer ever leaves without its trace. A request that is not signed by a member body is
// refused without a ledger record: there is nobody to attribute it to, and recording
// anonymous junk would let anyone fill the ledger (it is logged by the node instead).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromBase64Url, toBase64Url, toHex, utf8 } from '../../core/bytes.js';
import { isSignatureAlg } from '../../core/crypto.js';
import { signingInput } from '../../core/domain.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import { checkConsent, getConsent } from '../../ledger/modules/consent.js';
import { getMember, memberKey } from '../../ledger/modules/governance.js';
import { signSync, verifySync } from '../crypto-node.js';
import { registerTitles, sendProblem } from '../problems.js';
import { BodyTxError } from './bodies.js';
import type { IdentityContext } from './context.js';

/** Clock difference between two bodies' nodes that a request may show. */
const REQUEST_WINDOW_MS = 2 * 60_000;
const CODE = '^[a-z][a-z0-9-]{0,40}$';

registerTitles({
  EXCHANGE_SIGNATURE_INVALID: {
    en: 'The request is not signed by a member body',
    cy: 'Nid yw’r cais wedi’i lofnodi gan gorff sy’n aelod',
  },
  EXCHANGE_WRONG_HOLDER: {
    en: 'The request is addressed to another body',
    cy: 'Mae’r cais wedi’i gyfeirio at gorff arall',
  },
  EXCHANGE_STALE: {
    en: 'The request is too old or from the future',
    cy: 'Mae’r cais yn rhy hen neu o’r dyfodol',
  },
  EXCHANGE_REPLAYED: { en: 'This request was already answered', cy: 'Atebwyd y cais hwn eisoes' },
  EXCHANGE_HOLDER_UNREACHABLE: {
    en: 'The body holding the data could not be reached',
    cy: 'Nid oedd modd cyrraedd y corff sy’n dal y data',
  },
  NO_RECORD: {
    en: 'The holder has no such data about this person',
    cy: 'Nid oes gan y deiliad ddata o’r fath am yr unigolyn hwn',
  },
  CONSENT_UNKNOWN: {
    en: 'No such consent on the ledger',
    cy: 'Dim caniatâd o’r fath ar y cyfriflyfr',
  },
  CONSENT_WITHDRAWN: {
    en: 'The citizen withdrew this consent',
    cy: 'Tynnodd y dinesydd y caniatâd hwn yn ôl',
  },
  CONSENT_EXPIRED: { en: 'This consent has expired', cy: 'Mae’r caniatâd hwn wedi dod i ben' },
  CONSENT_WRONG_HOLDER: {
    en: 'This consent is for data held by another body',
    cy: 'Mae’r caniatâd hwn ar gyfer data a ddelir gan gorff arall',
  },
  CONSENT_WRONG_REQUESTER: {
    en: 'This consent was not given to the body asking',
    cy: 'Ni roddwyd y caniatâd hwn i’r corff sy’n gofyn',
  },
  CONSENT_WRONG_CATEGORY: {
    en: 'This consent does not cover that kind of data',
    cy: 'Nid yw’r caniatâd hwn yn cynnwys y math hwnnw o ddata',
  },
  CONSENT_WRONG_PURPOSE: {
    en: 'This consent is for another purpose',
    cy: 'Mae’r caniatâd hwn at ddiben arall',
  },
  CONSENT_WRONG_SUBJECT: {
    en: 'This consent was given by someone else',
    cy: 'Rhoddwyd y caniatâd hwn gan rywun arall',
  },
});

export interface DataRequest {
  readonly v: 1;
  readonly requestId: string;
  readonly requester: string;
  readonly holder: string;
  readonly consentId: string;
  readonly category: string;
  readonly purpose: string;
  readonly timeMs: number;
}

const requestSchema = {
  type: 'object',
  required: ['request', 'sig'],
  additionalProperties: false,
  properties: {
    request: {
      type: 'object',
      additionalProperties: false,
      required: [
        'v',
        'requestId',
        'requester',
        'holder',
        'consentId',
        'category',
        'purpose',
        'timeMs',
      ],
      properties: {
        v: { const: 1 },
        requestId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
        requester: { type: 'string', pattern: '^did:web:[A-Za-z0-9._%:-]+$', maxLength: 256 },
        holder: { type: 'string', pattern: '^did:web:[A-Za-z0-9._%:-]+$', maxLength: 256 },
        consentId: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        category: { type: 'string', pattern: CODE },
        purpose: { type: 'string', pattern: CODE },
        timeMs: { type: 'integer', minimum: 0 },
      },
    },
    sig: {
      type: 'object',
      additionalProperties: false,
      required: ['keyId', 'alg', 'sig'],
      properties: {
        keyId: { type: 'string', maxLength: 64 },
        alg: { type: 'string' },
        sig: { type: 'string', maxLength: 200 },
      },
    },
  },
} as const;

/** The bytes a requester body signs: domain-separated, canonical. */
export function dataRequestMessage(r: DataRequest): Uint8Array {
  return signingInput('data-request', utf8(canonicalJson(r as unknown as Json)));
}

const reasonOf = (code: string) => code.toLowerCase().replace(/_/g, '-');

export function registerExchange(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;

  app.put<{ Params: { slug: string }; Body: { subject: string; category: string; value: Json } }>(
    '/v1/exchange/:slug/records',
    {
      preHandler: ctx.staff('registrar'),
      schema: {
        summary: 'Holder staff: keep a record about a pseudonym (off the ledger)',
        tags: ['exchange', 'staff'],
        body: {
          type: 'object',
          required: ['subject', 'category', 'value'],
          additionalProperties: false,
          properties: {
            subject: {
              type: 'string',
              pattern: '^did:key:z[1-9A-HJ-NP-Za-km-z]+$',
              maxLength: 200,
            },
            category: { type: 'string', pattern: CODE },
            value: {},
          },
        },
      },
    },
    async (req, reply) => {
      if (!ctx.bodies.has(req.params.slug)) return sendProblem(req, reply, 404, 'BODY_UNKNOWN');
      ctx.db
        .prepare(
          `INSERT INTO records (holder, subject, category, value, updated_ms) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (holder, subject, category) DO UPDATE SET value = excluded.value,
             updated_ms = excluded.updated_ms`,
        )
        .run(
          req.params.slug,
          req.body.subject,
          req.body.category,
          JSON.stringify(req.body.value),
          ctx.clock(),
        );
      await ctx.recordStaff(req, req.params.slug, 'record-kept');
      return reply.code(204).send();
    },
  );

  // ---- the holder's side ----
  app.post<{
    Params: { slug: string };
    Body: { request: DataRequest; sig: { keyId: string; alg: string; sig: string } };
  }>(
    '/v1/exchange/:slug/requests',
    {
      schema: {
        summary:
          'Holder: answer a member body’s request for data under a consent (always logged on the ledger)',
        tags: ['exchange'],
        body: requestSchema,
      },
    },
    async (req, reply) => {
      const hosted = ctx.bodies.get(req.params.slug);
      if (!hosted) return sendProblem(req, reply, 404, 'BODY_UNKNOWN');
      const { request: r, sig } = req.body;
      const pk = memberKey(state, r.requester, sig.keyId);
      const sigBytes = fromBase64Url(sig.sig);
      if (
        !pk ||
        !isSignatureAlg(sig.alg) ||
        pk.alg !== sig.alg ||
        !sigBytes ||
        !verifySync(pk, dataRequestMessage(r), sigBytes)
      ) {
        req.log.warn(
          { requester: r.requester, requestId: r.requestId },
          'unsigned data request refused',
        );
        return sendProblem(req, reply, 401, 'EXCHANGE_SIGNATURE_INVALID');
      }
      if (r.holder !== hosted.body.did)
        return sendProblem(req, reply, 400, 'EXCHANGE_WRONG_HOLDER');
      if (Math.abs(r.timeMs - ctx.clock()) > REQUEST_WINDOW_MS) {
        return sendProblem(req, reply, 400, 'EXCHANGE_STALE');
      }
      const consent = getConsent(state, r.consentId);
      if (!consent) {
        // No consent, no subject: nothing to attribute on the ledger (see the header comment).
        return sendProblem(req, reply, 403, 'CONSENT_UNKNOWN');
      }
      const check = () =>
        checkConsent(state, {
          consentId: r.consentId,
          holder: hosted.body.did,
          requester: r.requester,
          category: r.category,
          purpose: r.purpose,
          atMs: ctx.clock(),
        });
      const verdict = check();
      let refusal: string | undefined = verdict.ok ? undefined : verdict.code;
      let value: Json | undefined;
      if (!refusal) {
        const row = ctx.db
          .prepare(`SELECT value FROM records WHERE holder = ? AND subject = ? AND category = ?`)
          .get(hosted.body.slug, consent.subject, r.category) as { value: string } | undefined;
        if (row) value = JSON.parse(row.value) as Json;
        else refusal = 'NO_RECORD';
      }
      const log = (why: string | undefined) =>
        hosted.actor.submitAndWait('access.record', {
          requestId: r.requestId,
          requester: r.requester,
          subject: consent.subject,
          category: r.category,
          purpose: r.purpose,
          consentId: r.consentId,
          outcome: why ? 'refused' : 'served',
          ...(why ? { reason: reasonOf(why) } : {}),
        });
      let record;
      try {
        record = await log(refusal);
      } catch (e) {
        if (e instanceof BodyTxError && e.code === 'ACCESS_DUPLICATE') {
          return sendProblem(req, reply, 409, 'EXCHANGE_REPLAYED');
        }
        if (!(e instanceof BodyTxError && e.code === 'ACCESS_SERVED_WITHOUT_CONSENT')) throw e;
        // The consent changed between our check and the block (withdrawn, or expired): the
        // ledger is right. Nothing is served, and the refusal is what goes on record.
        const now = check();
        refusal = now.ok ? 'CONSENT_WITHDRAWN' : now.code;
        value = undefined;
        record = await log(refusal);
      }
      const accessRecord = { requestId: r.requestId, txId: record.id, height: record.height };
      if (refusal) return sendProblem(req, reply, 403, refusal, undefined, { accessRecord });
      return { outcome: 'served', category: r.category, data: value, accessRecord };
    },
  );

  // ---- the requester's side ----
  app.post<{
    Params: { slug: string };
    Body: {
      holder: string;
      consentId: string;
      category: string;
      purpose: string;
      holderUrl?: string;
    };
  }>(
    '/v1/exchange/:slug/ask',
    {
      preHandler: ctx.staff('registrar'),
      schema: {
        summary: 'Requester staff: ask another body for data under a consent',
        tags: ['exchange', 'staff'],
        body: {
          type: 'object',
          required: ['holder', 'consentId', 'category', 'purpose'],
          additionalProperties: false,
          properties: {
            holder: { type: 'string', pattern: '^did:web:[A-Za-z0-9._%:-]+$', maxLength: 256 },
            consentId: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            category: { type: 'string', pattern: CODE },
            purpose: { type: 'string', pattern: CODE },
            holderUrl: { type: 'string', pattern: '^https?://', maxLength: 300 },
          },
        },
      },
    },
    async (req, reply) => {
      const hosted = ctx.bodies.get(req.params.slug);
      if (!hosted) return sendProblem(req, reply, 404, 'BODY_UNKNOWN');
      const holderSlug = [...ctx.bodies.values()].find((b) => b.body.did === req.body.holder)?.body
        .slug;
      const holderMember = getMember(state, req.body.holder);
      if (!holderMember)
        return sendProblem(req, reply, 400, 'EXCHANGE_WRONG_HOLDER', 'not a member');
      // The holder's node: given, or this node when it acts for the holder too (the demo).
      const base = req.body.holderUrl ?? (holderSlug ? ctx.baseUrl() : undefined);
      const slug = holderSlug ?? req.body.holder.replace(/^did:web:/, '').split('.')[0];
      if (!base)
        return sendProblem(req, reply, 400, 'EXCHANGE_HOLDER_UNREACHABLE', 'holderUrl needed');
      const request: DataRequest = {
        v: 1,
        requestId: toHex(ctx.random(16)),
        requester: hosted.body.did,
        holder: req.body.holder,
        consentId: req.body.consentId,
        category: req.body.category,
        purpose: req.body.purpose,
        timeMs: ctx.clock(),
      };
      const sig = {
        keyId: hosted.body.keyId,
        alg: hosted.body.privateKey.alg,
        sig: toBase64Url(signSync(hosted.body.privateKey, dataRequestMessage(request))),
      };
      let res: Response;
      try {
        res = await fetch(`${base}/v1/exchange/${slug}/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ request, sig }),
          signal: AbortSignal.timeout(20_000),
        });
      } catch (e) {
        return sendProblem(req, reply, 502, 'EXCHANGE_HOLDER_UNREACHABLE', (e as Error).message);
      }
      const text = await res.text();
      await ctx.recordStaff(req, hosted.body.slug, 'data-requested', request.requestId);
      return passThrough(req, reply, res, text);
    },
  );
}

function passThrough(_req: FastifyRequest, reply: FastifyReply, res: Response, text: string) {
  return reply
    .code(res.status)
    .type(res.headers.get('content-type') ?? 'application/json')
    .send(text);
}
