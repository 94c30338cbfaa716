// The business register over HTTP (decision 0010).
//   Public:
//     GET  /v1/businesses?q=&limit=         search by name prefix (normal form) or by number
//     GET  /v1/businesses/:number           the entry, its licences (valid now?) and its history
//     GET  /v1/businesses/events            server-sent events of committed changes (business-events.ts)
//   Staff of a hosted registrar body (role `registrar`):
//     GET  /v1/bodies/:slug/businesses/applications             pending, addressed to this body
//     POST /v1/bodies/:slug/businesses/applications/:id/approve
//     POST /v1/bodies/:slug/businesses/applications/:id/refuse  {reason:{code,en,cy}}
//     POST /v1/bodies/:slug/businesses/:number/amend            {name?, officeArea?, directors?}
//     POST /v1/bodies/:slug/businesses/:number/dissolve         {reason?}
//     POST /v1/bodies/:slug/businesses/:number/licences         {kind, ref, validFromMs, validUntilMs}
//     POST /v1/bodies/:slug/businesses/:number/licences/:id/revoke  {reason}
// Every staff write is a transaction of the hosted body, and the staff action is recorded.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Json } from '../core/jcs.js';
import type {
  Business,
  BusinessApplication,
  BusinessHistoryEntry,
  BusinessLicence,
  BusinessName,
  NameHeld,
  NameHolder,
} from '../ledger/modules/business.js';
import {
  BUSINESS_KEYS,
  BUSINESS_NUMBER_RE,
  businessHistory,
  getApplication,
  getBusiness,
  normaliseBusinessName,
} from '../ledger/modules/business.js';
import { getMember } from '../ledger/modules/governance.js';
import { registerBusinessEvents } from './business-events.js';
import { statusOf } from './errors.js';
import { BodyTxError } from './identity/bodies.js';
import type { Hosted, IdentityContext, StaffActionName } from './identity/context.js';
import { hostedOr404 } from './identity/context.js';
import { registerTitles, sendProblem } from './problems.js';

registerTitles({
  BUSINESS_QUERY_INVALID: {
    en: 'Search for a name (letters or digits) or a number like GW000123',
    cy: 'Chwiliwch am enw (llythrennau neu ddigidau) neu rif fel GW000123',
  },
});

const LIST_MAX = 1000;
const HISTORY_MAX = 10_000;
const SEARCH_LIMIT_MAX = 100;
const Q_MAX = 160;

const numberParam = { type: 'string', pattern: BUSINESS_NUMBER_RE.source } as const;
const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const text = { type: 'string', minLength: 1, maxLength: 300 } as const;
const reasonBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'en', 'cy'],
  properties: { code: { type: 'string', maxLength: 64 }, en: text, cy: text },
} as const;
const nameBody = {
  type: 'object',
  additionalProperties: false,
  required: ['en'],
  properties: {
    en: { type: 'string', minLength: 1, maxLength: 160 },
    cy: { type: 'string', minLength: 1, maxLength: 160 },
  },
} as const;
const writeResponse = {
  201: {
    type: 'object',
    properties: {
      txId: { type: 'string' },
      height: { type: 'integer' },
      receipt: { type: 'string' },
      number: { type: 'string' },
    },
  },
  400: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
} as const;

/** One line of a search result. */
export interface BusinessSummary {
  readonly number: string;
  readonly name: Business['name'];
  readonly kind: Business['kind'];
  readonly status: Business['status'];
  readonly officeArea: string;
  readonly registeredMs: number;
  /** Set when it was found by a name it no longer holds: that name, as it was. */
  readonly formerly?: BusinessName;
}

const summaryOf = (b: Business): BusinessSummary => ({
  number: b.number,
  name: b.name,
  kind: b.kind,
  status: b.status,
  officeArea: b.officeArea,
  registeredMs: b.registeredMs,
});

const EVER_ROOT = BUSINESS_KEYS.nameEverPrefix('');
const formsOf = (n: BusinessName) =>
  new Set([n.en, ...(n.cy === undefined ? [] : [n.cy])].map(normaliseBusinessName));

/**
 * Organisations whose English or Welsh name starts with `q` (normal form): those holding such a
 * name now first, then, from the index of names ever held, dissolved ones and ones renamed since
 * (with `formerly`: the name they had).
 */
export function searchBusinesses(
  ctx: IdentityContext,
  q: string,
  limit: number,
): BusinessSummary[] {
  const state = ctx.node.state;
  const trimmed = q.trim().toUpperCase();
  if (BUSINESS_NUMBER_RE.test(trimmed)) {
    const b = getBusiness(state, trimmed);
    return b ? [summaryOf(b)] : [];
  }
  const normal = normaliseBusinessName(q);
  const seen = new Set<string>();
  const out: BusinessSummary[] = [];
  // Each organisation has up to two index entries (English and Welsh), pending ones too.
  for (const [, v] of ctx.node.store.stateRange(BUSINESS_KEYS.name(normal), limit * 4)) {
    const holder = v as unknown as NameHolder;
    if (!('number' in holder) || seen.has(holder.number)) continue;
    seen.add(holder.number);
    const b = getBusiness(state, holder.number);
    if (b) out.push(summaryOf(b));
    if (out.length >= limit) break;
  }
  if (out.length >= limit) return out;
  // Every name an organisation held is here (its current ones too): skip those already listed.
  const everPrefix = BUSINESS_KEYS.nameEverPrefix(normal);
  const everRows = ctx.node.store.stateRange(everPrefix, (limit + seen.size) * 4);
  for (const [key, v] of everRows) {
    const held = v as unknown as NameHeld;
    if (seen.has(held.number)) continue;
    const b = getBusiness(state, held.number);
    if (!b) continue;
    seen.add(held.number);
    // The key is `business-name-ever/<normal form>/<number>`: the form that matched.
    const form = decodeURIComponent(key.slice(EVER_ROOT.length, key.lastIndexOf('/')));
    out.push(formsOf(b.name).has(form) ? summaryOf(b) : { ...summaryOf(b), formerly: held.name });
    if (out.length >= limit) break;
  }
  return out;
}

function licenceView(l: BusinessLicence, nowMs: number, nameOf: (did: string) => unknown) {
  const status =
    l.revoked !== undefined
      ? 'revoked'
      : nowMs < l.validFromMs
        ? 'not-yet-valid'
        : nowMs >= l.validUntilMs
          ? 'expired'
          : 'valid';
  return { ...l, status, validNow: status === 'valid', grantedByName: nameOf(l.grantedBy) };
}

export function registerBusinessRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const state = ctx.node.state;
  const nameOf = (did: string) => getMember(state, did)?.name ?? null;
  registerBusinessEvents(app, ctx);

  app.get<{ Querystring: { q?: string; limit?: number } }>(
    '/v1/businesses',
    {
      schema: {
        summary: 'The business register: search by name (accents and case ignored) or number',
        tags: ['registers'],
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: Q_MAX },
            limit: { type: 'integer', minimum: 1, maximum: SEARCH_LIMIT_MAX, default: 20 },
          },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          400: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const q = req.query.q ?? '';
      const limit = req.query.limit ?? 20;
      if (q.trim().length === 0) {
        // No query: the newest registrations first, by number down from the ledger's counter.
        const all: BusinessSummary[] = [];
        const top = Number(state.get(BUSINESS_KEYS.counter) ?? 0);
        for (let i = top; i > 0 && all.length < limit; i--) {
          const b = getBusiness(state, `GW${String(i).padStart(6, '0')}`);
          if (b) all.push(summaryOf(b));
        }
        return { q: '', count: all.length, businesses: all };
      }
      if (
        normaliseBusinessName(q).length === 0 &&
        !BUSINESS_NUMBER_RE.test(q.trim().toUpperCase())
      ) {
        return sendProblem(req, reply, 400, 'BUSINESS_QUERY_INVALID', 'no letters or digits');
      }
      const businesses = searchBusinesses(ctx, q, limit);
      return { q, count: businesses.length, businesses };
    },
  );

  app.get<{ Params: { number: string } }>(
    '/v1/businesses/:number',
    {
      schema: {
        summary: 'A registered organisation: entry, licences (valid now or not) and full history',
        tags: ['registers'],
        params: {
          type: 'object',
          required: ['number'],
          properties: { number: { type: 'string' } },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          404: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const number = req.params.number.toUpperCase();
      const b = BUSINESS_NUMBER_RE.test(number) ? getBusiness(state, number) : undefined;
      if (!b) return sendProblem(req, reply, 404, 'BUSINESS_UNKNOWN', req.params.number);
      const now = ctx.clock();
      const licences = ctx.node.store
        .stateRange(BUSINESS_KEYS.licencePrefix(number), LIST_MAX)
        .map(([, v]) => licenceView(v as unknown as BusinessLicence, now, nameOf))
        .sort((x, y) => x.grantedMs - y.grantedMs);
      const history = ctx.node.store
        .stateRange(businessHistory(number), HISTORY_MAX)
        .map(([, v]) => v as unknown as BusinessHistoryEntry)
        .map((e) => ({
          ...e,
          byName: nameOf(e.by),
          receipt: `/v1/transactions/${e.txId}/receipt`,
        }));
      // Names it no longer holds, oldest first, each with when and by which change it was left.
      const formerNames = history.flatMap((e) => {
        const change = e.changes?.name;
        if (!change) return [];
        return [{ name: change.from as unknown as BusinessName, untilMs: e.timeMs, txId: e.txId }];
      });
      // Directors are salted digests: only how many there are is shown here.
      const { directors, ...entry } = b;
      return {
        ...entry,
        formerNames,
        directorCount: directors.length,
        registrarName: nameOf(b.registrar),
        nowMs: now,
        licences,
        history,
      };
    },
  );

  // ---- staff ----

  app.get<{ Params: { slug: string } }>(
    '/v1/bodies/:slug/businesses/applications',
    {
      preHandler: ctx.staff('registrar'),
      schema: {
        summary: 'Staff: applications to register an organisation awaiting this body’s decision',
        tags: ['staff'],
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const applications = ctx.node.store
        .stateRange(BUSINESS_KEYS.pendingPrefix(hosted.body.did), LIST_MAX)
        .map(([, id]) => getApplication(state, String(id)))
        .filter((a): a is BusinessApplication => a !== undefined && a.status === 'pending')
        .sort((a, b) => a.appliedMs - b.appliedMs);
      return { body: hosted.body.did, applications };
    },
  );

  /** Submits as the body, waits for the block, records the staff action: 201 or a problem. */
  async function write(
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    type: string,
    payload: Json,
    action: StaffActionName,
    extra: (hosted: Hosted) => Record<string, unknown> = () => ({}),
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
        ...extra(hosted),
      });
    } catch (e) {
      if (e instanceof BodyTxError) {
        return sendProblem(req, reply, statusOf(e.code), e.code, e.detail);
      }
      throw e;
    }
  }

  const staffPost = { preHandler: ctx.staff('registrar') };

  app.post<{ Params: { slug: string; id: string } }>(
    '/v1/bodies/:slug/businesses/applications/:id/approve',
    {
      ...staffPost,
      schema: {
        summary: 'Staff: approve an application; the organisation is registered with a number',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'id'],
          properties: { slug: { type: 'string' }, id: hex64 },
        },
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(
        req,
        reply,
        'business.approve',
        { application: req.params.id },
        'business-approved',
        () => {
          const number = getApplication(state, req.params.id)?.number;
          return number ? { number } : {};
        },
      ),
  );

  app.post<{
    Params: { slug: string; id: string };
    Body: { reason: { code: string; en: string; cy: string } };
  }>(
    '/v1/bodies/:slug/businesses/applications/:id/refuse',
    {
      ...staffPost,
      schema: {
        summary: 'Staff: refuse an application, with a reason in both languages',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'id'],
          properties: { slug: { type: 'string' }, id: hex64 },
        },
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
        'business.refuse',
        { application: req.params.id, reason: req.body.reason },
        'business-refused',
      ),
  );

  app.post<{
    Params: { slug: string; number: string };
    Body: { name?: { en: string; cy?: string }; officeArea?: string; directors?: string[] };
  }>(
    '/v1/bodies/:slug/businesses/:number/amend',
    {
      ...staffPost,
      schema: {
        summary: 'Staff: change a registered organisation’s name, office area or directors',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'number'],
          properties: { slug: { type: 'string' }, number: numberParam },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: nameBody,
            officeArea: { type: 'string', pattern: '^[EWSNKLMJ][0-9]{8}$' },
            directors: {
              type: 'array',
              minItems: 1,
              maxItems: 20,
              items: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            },
          },
        },
        response: writeResponse,
      },
    },
    (req, reply) =>
      write(
        req,
        reply,
        'business.amend',
        { number: req.params.number, ...req.body } as Json,
        'business-amended',
      ),
  );

  app.post<{
    Params: { slug: string; number: string };
    Body: { reason?: { code: string; en: string; cy: string } } | undefined;
  }>(
    '/v1/bodies/:slug/businesses/:number/dissolve',
    {
      ...staffPost,
      schema: {
        summary: 'Staff: dissolve a registered organisation',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'number'],
          properties: { slug: { type: 'string' }, number: numberParam },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { reason: reasonBody },
        },
        response: writeResponse,
      },
    },
    (req, reply) => {
      const reason = req.body?.reason;
      return write(
        req,
        reply,
        'business.dissolve',
        { number: req.params.number, ...(reason ? { reason } : {}) },
        'business-dissolved',
      );
    },
  );

  app.post<{
    Params: { slug: string; number: string };
    Body: { kind: string; ref: string; validFromMs: number; validUntilMs: number };
  }>(
    '/v1/bodies/:slug/businesses/:number/licences',
    {
      ...staffPost,
      schema: {
        summary: 'Staff: the body grants a licence to a registered organisation',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'number'],
          properties: { slug: { type: 'string' }, number: numberParam },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'ref', 'validFromMs', 'validUntilMs'],
          properties: {
            kind: { type: 'string', maxLength: 64 },
            ref: { type: 'string', maxLength: 64 },
            validFromMs: { type: 'integer', minimum: 0 },
            validUntilMs: { type: 'integer', minimum: 0 },
          },
        },
        response: writeResponse,
      },
    },
    (req, reply) => {
      const { kind, ref, validFromMs, validUntilMs } = req.body;
      return write(
        req,
        reply,
        'business.licence',
        { number: req.params.number, licence: { kind, ref, validFromMs, validUntilMs } },
        'licence-granted',
      );
    },
  );

  app.post<{
    Params: { slug: string; number: string; id: string };
    Body: { reason: { code: string; en: string; cy: string } };
  }>(
    '/v1/bodies/:slug/businesses/:number/licences/:id/revoke',
    {
      ...staffPost,
      schema: {
        summary: 'Staff: the body that granted a licence revokes it',
        tags: ['staff'],
        params: {
          type: 'object',
          required: ['slug', 'number', 'id'],
          properties: { slug: { type: 'string' }, number: numberParam, id: hex64 },
        },
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
        'business.revokeLicence',
        { number: req.params.number, licence: req.params.id, reason: req.body.reason },
        'licence-revoked',
      ),
  );
}
