// Applying to register a business from the Wallet, and the registration credential (0010).
//   Applicant's wallet (the session id is its capability; nobody else learns it):
//     GET  /v1/registrars                                          hosted bodies with the registrar role
//     POST /v1/registrars/:slug/business-applications              {name, kind, officeArea, directors: n}
//     GET  /v1/registrars/:slug/business-applications/:session     who has presented; the digests once all have
//     POST /v1/registrars/:slug/business-applications/:session/directors/:index/renew   a fresh request
//     POST /v1/registrars/:slug/business-applications/:session/submit   {tx}: the signed business.apply
//     GET  /v1/business-applications/:id                           the application's state on the ledger
//   Each director's wallet (OpenID4VP 1.0, DCQL: age_over_18 and local_authority only):
//     GET  /verifiers/:slug/directors/:request                     the signed request object
//     POST /verifiers/:slug/directors/responses                    vp_token (direct_post)
//   Staff of the approving registrar:
//     POST /v1/bodies/:slug/businesses/:number/credential-offer    OID4VCI offer of the registration credential
// Sessions stay in memory and expire: the directors' pseudonyms never leave them. The only thing
// written is each director's salt (services.db, off the ledger), once the application is sent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { concatBytes, toBase64Url, utf8 } from '../core/bytes.js';
import { didKeyFromPublicKey } from '../core/did.js';
import { ONS_AREA_RE } from '../core/geo.js';
import { sha256Hex } from '../core/hash.js';
import { canonicalJson } from '../core/jcs.js';
import type { Json } from '../core/jcs.js';
import { claimsRequested } from '../identity/present.js';
import { publicKeyFromJwk } from '../identity/signer.js';
import { credentialTypeById, validateClaims, VCT } from '../identity/types.js';
import { verifyPresentation } from '../identity/verify.js';
import {
  BUSINESS_KINDS,
  BUSINESS_NUMBER_RE,
  getApplication,
  getBusiness,
  NAME_CHARS_PATTERN,
  nameHolder,
  normaliseBusinessName,
} from '../ledger/modules/business.js';
import { getMember } from '../ledger/modules/governance.js';
import { issuerAuthorisedAt } from '../ledger/modules/identity.js';
import { nodeCryptoBackend } from './crypto-node.js';
import { statusOf } from './errors.js';
import type { Hosted, IdentityContext } from './identity/context.js';
import { hostedOr404 } from './identity/context.js';
import { offerMakerOf } from './identity/issuer.js';
import type { StatusLists } from './identity/status-lists.js';
import { ledgerTrust, signRequestObject } from './identity/verifier.js';
import { sendProblem } from './problems.js';

const SESSION_TTL_MS = 30 * 60_000;
const SESSIONS_MAX = 10_000;
const DIRECTORS_MAX = 10;
const SUBMIT_WAIT_MS = 10_000;

/** What a registrar asks each director: adult, and which council area, nothing more (0010). */
export const DIRECTOR_DCQL = {
  credentials: [
    {
      id: 'resident',
      format: 'dc+sd-jwt',
      meta: { vct_values: [VCT.gwentResident] },
      claims: [{ path: ['age_over_18'] }, { path: ['local_authority'] }],
    },
  ],
} as const;

const DIRECTOR_PURPOSE = {
  code: 'business-director',
  en: 'Confirm you are a director of a business being registered',
  cy: 'Cadarnhau eich bod yn gyfarwyddwr busnes sy’n cael ei gofrestru',
} as const;

/** decision 0010: SHA-256("cadwyn/v1/director\n" || salt || did). */
export function directorDigest(salt: Uint8Array, did: string): string {
  return sha256Hex(concatBytes(utf8('cadwyn/v1/director\n'), salt, utf8(did)));
}

// The registrar's salts, one per director digest: with the salt and a DID a registrar can show
// that this person is that director; the ledger alone shows nobody.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS director_salts (
  digest TEXT PRIMARY KEY,
  registrar TEXT NOT NULL,
  salt BLOB NOT NULL,
  created_ms INTEGER NOT NULL
) WITHOUT ROWID;
`;

type SlotStatus = 'waiting' | 'presented' | 'refused';

interface Slot {
  readonly index: number;
  requestId: string;
  nonce: string;
  status: SlotStatus;
  code?: string;
  link?: string;
  qrSvg?: string;
  /** In memory only, to refuse the same person twice. */
  did?: string;
  digest?: string;
  salt?: Uint8Array;
}

interface ApplySession {
  readonly id: string;
  readonly slug: string;
  readonly registrar: string;
  readonly clientId: string;
  readonly name: { en: string; cy?: string };
  readonly kind: string;
  readonly officeArea: string;
  readonly slots: Slot[];
  readonly expiresMs: number;
  status: 'collecting' | 'ready' | 'submitted';
  application?: string;
}

const nameText = { type: 'string', minLength: 1, maxLength: 160, pattern: NAME_CHARS_PATTERN };
const sessionParams = {
  type: 'object',
  required: ['slug', 'session'],
  properties: {
    slug: { type: 'string', maxLength: 64 },
    session: { type: 'string', pattern: '^[A-Za-z0-9_-]{32}$' },
  },
} as const;

const sameJson = (a: unknown, b: unknown) => canonicalJson(a as Json) === canonicalJson(b as Json);

export function registerBusinessApplyRoutes(
  app: FastifyInstance,
  ctx: IdentityContext,
  lists: StatusLists,
): void {
  ctx.db.exec(SCHEMA);
  const saveSalt = ctx.db.prepare(
    'INSERT OR REPLACE INTO director_salts (digest, registrar, salt, created_ms) VALUES (?, ?, ?, ?)',
  );
  const dropSalt = ctx.db.prepare('DELETE FROM director_salts WHERE digest = ?');
  const sessions = new Map<string, ApplySession>();
  const requests = new Map<string, { session: ApplySession; slot: Slot }>();
  const trust = ledgerTrust(ctx, lists);
  const state = ctx.node.state;
  const rand = (n: number) => toBase64Url(ctx.random(n));

  const sweep = () => {
    const now = ctx.clock();
    for (const [k, s] of sessions) {
      if (s.expiresMs >= now) continue;
      sessions.delete(k);
      for (const slot of s.slots) requests.delete(slot.requestId);
    }
  };

  /** A hosted body with the registrar role, or a problem already sent. */
  const registrarOr4xx = (req: FastifyRequest, reply: FastifyReply, slug: string) => {
    const hosted = hostedOr404(ctx, req, reply, slug);
    if (!hosted) return undefined;
    if (!(hosted.actor.member()?.roles ?? []).includes('registrar')) {
      void sendProblem(req, reply, 422, 'BUSINESS_REGISTRAR_UNKNOWN', hosted.body.did);
      return undefined;
    }
    return hosted;
  };

  const sessionOr404 = (
    req: FastifyRequest<{ Params: { slug: string; session: string } }>,
    reply: FastifyReply,
  ) => {
    sweep();
    const s = sessions.get(req.params.session);
    if (!s || s.slug !== req.params.slug) {
      void sendProblem(req, reply, 404, 'BUSINESS_SESSION_UNKNOWN');
      return undefined;
    }
    return s;
  };

  /** A new request (id, nonce, link and QR code drawn once: the applicant's page polls). */
  async function openSlot(s: ApplySession, slot: Slot) {
    requests.delete(slot.requestId);
    slot.requestId = rand(16);
    slot.nonce = rand(24);
    slot.status = 'waiting';
    delete slot.code;
    const requestUri = `${ctx.baseUrl()}/verifiers/${s.slug}/directors/${slot.requestId}`;
    slot.link = `openid4vp://?client_id=${encodeURIComponent(s.clientId)}&request_uri=${encodeURIComponent(requestUri)}`;
    slot.qrSvg = await QRCode.toString(slot.link, { type: 'svg', errorCorrectionLevel: 'M' });
    requests.set(slot.requestId, { session: s, slot });
  }

  const slotView = (slot: Slot) => ({
    index: slot.index,
    status: slot.status,
    ...(slot.code ? { code: slot.code } : {}),
    ...(slot.status === 'presented' ? {} : { requestUri: slot.link, qrSvg: slot.qrSvg }),
  });

  async function sessionView(s: ApplySession) {
    const member = getMember(state, s.registrar);
    return {
      session: s.id,
      status: s.status,
      registrar: s.registrar,
      ...(member ? { registrarName: member.name } : {}),
      name: s.name,
      kind: s.kind,
      officeArea: s.officeArea,
      expiresMs: s.expiresMs,
      directors: s.slots.map(slotView),
      // The payload the applicant's wallet signs, once every director has presented.
      ...(s.status === 'collecting' ? {} : { payload: payloadOf(s) }),
      ...(s.application
        ? { application: s.application, receipt: `/v1/transactions/${s.application}/receipt` }
        : {}),
    };
  }

  const payloadOf = (s: ApplySession) => ({
    name: s.name,
    kind: s.kind,
    officeArea: s.officeArea,
    directors: s.slots.map((slot) => slot.digest ?? ''),
    registrar: s.registrar,
  });

  app.get(
    '/v1/registrars',
    {
      schema: {
        summary: 'Registrar bodies this node acts for (where an application can be started)',
        tags: ['registers'],
      },
    },
    async () => ({
      registrars: [...ctx.bodies.values()].flatMap((h) => {
        const m = h.actor.member();
        if (!m || !m.roles.includes('registrar')) return [];
        return [{ slug: h.body.slug, did: h.body.did, name: m.name, area: m.area ?? null }];
      }),
    }),
  );

  app.post<{
    Params: { slug: string };
    Body: {
      name: { en: string; cy?: string };
      kind: string;
      officeArea: string;
      directors: number;
    };
  }>(
    '/v1/registrars/:slug/business-applications',
    {
      schema: {
        summary: 'Start an application: one presentation request per director',
        tags: ['registers'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'kind', 'officeArea', 'directors'],
          properties: {
            name: {
              type: 'object',
              additionalProperties: false,
              required: ['en'],
              properties: { en: nameText, cy: nameText },
            },
            kind: { enum: [...BUSINESS_KINDS] },
            officeArea: { type: 'string', pattern: ONS_AREA_RE.source },
            directors: { type: 'integer', minimum: 1, maximum: DIRECTORS_MAX },
          },
        },
      },
    },
    async (req, reply) => {
      sweep();
      const hosted = registrarOr4xx(req, reply, req.params.slug);
      if (!hosted) return reply;
      const { name, kind, officeArea, directors } = req.body;
      // Checked now so the applicant hears of a taken name before the directors are asked.
      for (const n of [name.en, ...(name.cy === undefined ? [] : [name.cy])]) {
        const form = normaliseBusinessName(n);
        if (form.length === 0) return sendProblem(req, reply, 422, 'BUSINESS_NAME_INVALID', n);
        if (nameHolder(state, form)) return sendProblem(req, reply, 409, 'BUSINESS_NAME_TAKEN', n);
      }
      if (sessions.size >= SESSIONS_MAX) return sendProblem(req, reply, 503, 'NODE_NOT_READY');
      const s: ApplySession = {
        id: rand(24),
        slug: hosted.body.slug,
        registrar: hosted.body.did,
        clientId: `decentralized_identifier:${hosted.body.did}`,
        name: { en: name.en, ...(name.cy === undefined ? {} : { cy: name.cy }) },
        kind,
        officeArea,
        slots: [],
        expiresMs: ctx.clock() + SESSION_TTL_MS,
        status: 'collecting',
      };
      for (let index = 0; index < directors; index++) {
        const slot: Slot = { index, requestId: '', nonce: '', status: 'waiting' };
        s.slots.push(slot);
        await openSlot(s, slot);
      }
      sessions.set(s.id, s);
      return reply.code(201).send(await sessionView(s));
    },
  );

  app.get<{ Params: { slug: string; session: string } }>(
    '/v1/registrars/:slug/business-applications/:session',
    {
      schema: {
        summary: 'The application session: which directors have presented',
        tags: ['registers'],
        params: sessionParams,
      },
    },
    async (req, reply) => {
      const s = sessionOr404(req, reply);
      if (!s) return reply;
      void reply.header('cache-control', 'no-store');
      return sessionView(s);
    },
  );

  app.post<{ Params: { slug: string; session: string; index: number } }>(
    '/v1/registrars/:slug/business-applications/:session/directors/:index/renew',
    {
      schema: {
        summary: 'A fresh request for a director who has not presented, or was refused',
        tags: ['registers'],
        params: {
          ...sessionParams,
          required: ['slug', 'session', 'index'],
          properties: {
            ...sessionParams.properties,
            index: { type: 'integer', minimum: 0, maximum: DIRECTORS_MAX - 1 },
          },
        },
      },
    },
    async (req, reply) => {
      const s = sessionOr404(req, reply);
      if (!s) return reply;
      const slot = s.slots[req.params.index];
      if (!slot)
        return sendProblem(req, reply, 404, 'BUSINESS_SESSION_UNKNOWN', 'no such director');
      if (slot.status === 'presented' || s.status === 'submitted') {
        return sendProblem(req, reply, 409, 'DIRECTOR_ALREADY_PRESENTED');
      }
      await openSlot(s, slot);
      return sessionView(s);
    },
  );

  // ---- the directors' presentations ----

  app.get<{ Params: { slug: string; id: string } }>(
    '/verifiers/:slug/directors/:id',
    { schema: { summary: 'The signed request object asking a director', tags: ['presentation'] } },
    async (req, reply) => {
      sweep();
      const r = requests.get(req.params.id);
      if (!r || r.session.slug !== req.params.slug || r.slot.status !== 'waiting') {
        return sendProblem(req, reply, 404, 'VP_REQUEST_UNKNOWN');
      }
      const hosted = ctx.bodies.get(r.session.slug) as Hosted;
      const member = hosted.actor.member();
      const jwt = await signRequestObject(hosted, {
        client_id: r.session.clientId,
        aud: 'https://self-issued.me/v2',
        response_type: 'vp_token',
        response_mode: 'direct_post',
        response_uri: `${ctx.baseUrl()}/verifiers/${r.session.slug}/directors/responses`,
        nonce: r.slot.nonce,
        state: r.slot.requestId,
        dcql_query: DIRECTOR_DCQL,
        client_metadata: {
          vp_formats_supported: {
            'dc+sd-jwt': {
              'sd-jwt_alg_values': ['EdDSA', 'ES256'],
              'kb-jwt_alg_values': ['ES256', 'EdDSA'],
            },
          },
          ...(member ? { client_name: member.name.en, 'client_name#cy': member.name.cy } : {}),
        },
        cadwyn_purpose: DIRECTOR_PURPOSE,
        iat: Math.floor(ctx.clock() / 1000),
        exp: Math.floor(r.session.expiresMs / 1000),
      });
      return reply.type('application/oauth-authz-req+jwt').send(jwt);
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/verifiers/:slug/directors/responses',
    {
      schema: {
        summary: 'A director’s wallet answers (direct_post): vp_token and state',
        tags: ['presentation'],
      },
    },
    async (req, reply) => {
      sweep();
      const b = (req.body ?? {}) as Record<string, unknown>;
      const r = typeof b.state === 'string' ? requests.get(b.state) : undefined;
      if (!r || r.session.slug !== req.params.slug) {
        return sendProblem(req, reply, 400, 'VP_REQUEST_UNKNOWN');
      }
      const { session: s, slot } = r;
      // A request answers once, whatever the outcome: a refused director gets a renewed one.
      if (slot.status !== 'waiting' || s.status === 'submitted') {
        return sendProblem(req, reply, 400, 'PRESENTATION_REPLAYED');
      }
      const refuse = (code: string, detail?: string) => {
        slot.status = 'refused';
        slot.code = code;
        return sendProblem(
          req,
          reply,
          code.startsWith('DIRECTOR_') ? statusOf(code) : 400,
          code,
          detail,
        );
      };
      let token: unknown = b.vp_token;
      if (typeof token === 'string') {
        try {
          token = JSON.parse(token);
        } catch {
          return refuse('PRESENTATION_MALFORMED', 'vp_token is not JSON');
        }
      }
      const entry =
        typeof token === 'object' && token !== null
          ? (token as Record<string, unknown>).resident
          : undefined;
      const presentation = Array.isArray(entry) ? entry[0] : entry;
      if (typeof presentation !== 'string') return refuse('PRESENTATION_MALFORMED', 'no resident');
      const v = await verifyPresentation({
        presentation,
        aud: s.clientId,
        nonce: slot.nonce,
        nowS: Math.floor(ctx.clock() / 1000),
        trust,
        backend: nodeCryptoBackend,
        dcqlClaims: claimsRequested(DIRECTOR_DCQL as never, 'resident'),
      });
      if (!v.ok) return refuse(v.code, v.detail);
      if (v.value.vct !== VCT.gwentResident) return refuse('CLAIMS_MISSING', `vct ${v.value.vct}`);
      const { age_over_18: adult, local_authority: area } = v.value.claims;
      if (typeof area !== 'string') return refuse('CLAIMS_MISSING', 'local_authority');
      if (adult !== true) return refuse('DIRECTOR_UNDER_18');
      const pk = publicKeyFromJwk(v.value.holderJwk);
      if (!pk) return refuse('PRESENTATION_MALFORMED', 'holder key');
      // The pseudonym the director presented with: the key their credential is bound to.
      const did = didKeyFromPublicKey(pk);
      if (s.slots.some((o) => o !== slot && o.status === 'presented' && o.did === did)) {
        return refuse('DIRECTOR_DUPLICATE');
      }
      const salt = ctx.random(32);
      slot.did = did;
      slot.salt = salt;
      slot.digest = directorDigest(salt, did);
      slot.status = 'presented';
      requests.delete(slot.requestId);
      delete slot.qrSvg;
      if (s.slots.every((o) => o.status === 'presented')) s.status = 'ready';
      return {};
    },
  );

  // ---- the applicant sends the signed application ----

  app.post<{ Params: { slug: string; session: string }; Body: { tx: Record<string, unknown> } }>(
    '/v1/registrars/:slug/business-applications/:session/submit',
    {
      schema: {
        summary: 'Send the business.apply the applicant’s wallet signed over the session’s payload',
        tags: ['registers'],
        params: sessionParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['tx'],
          properties: { tx: { type: 'object' } },
        },
      },
    },
    async (req, reply) => {
      const s = sessionOr404(req, reply);
      if (!s) return reply;
      if (s.status === 'submitted') return sendProblem(req, reply, 409, 'BUSINESS_SESSION_CLOSED');
      if (s.status !== 'ready') {
        const missing = s.slots.filter((o) => o.status !== 'presented').length;
        return sendProblem(req, reply, 409, 'BUSINESS_SESSION_INCOMPLETE', `${missing} to present`);
      }
      const tx = req.body.tx as { body?: Record<string, unknown> };
      const body = tx.body ?? {};
      if (body.type !== 'business.apply' || !sameJson(body.payload, payloadOf(s))) {
        return sendProblem(req, reply, 422, 'BUSINESS_TX_MISMATCH', 'sign the session’s payload');
      }
      if (typeof body.sender !== 'string' || !body.sender.startsWith('did:key:')) {
        return sendProblem(req, reply, 422, 'BUSINESS_TX_MISMATCH', 'a pseudonym applies');
      }
      // The salts are kept before the digests reach the ledger: a crash must not orphan them.
      const digests = s.slots.map((o) => o.digest ?? '');
      ctx.db.transaction(() => {
        for (const o of s.slots) saveSalt.run(o.digest, s.registrar, o.salt, ctx.clock());
      })();
      const forget = () => ctx.db.transaction(() => digests.forEach((d) => dropSalt.run(d)))();
      const submitted = await ctx.node.submitRaw(JSON.stringify(tx), { atomic: true });
      const first = submitted.ok ? submitted.outcomes[0] : submitted;
      if (!first || !first.ok) {
        forget();
        const code = first?.code ?? 'TX_MALFORMED';
        return sendProblem(req, reply, statusOf(code), code, first?.detail);
      }
      const done = await ctx.node.waitFor(first.id, SUBMIT_WAIT_MS);
      if (done?.status === 'rejected') {
        forget();
        return sendProblem(req, reply, statusOf(done.code), done.code, done.detail);
      }
      s.status = 'submitted';
      s.application = first.id;
      // What identified the directors is no longer needed here.
      for (const o of s.slots) {
        delete o.did;
        delete o.salt;
      }
      return reply.code(201).send({
        application: first.id,
        status: done?.status ?? 'pending',
        receipt: `/v1/transactions/${first.id}/receipt`,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/business-applications/:id',
    {
      schema: {
        summary: 'An application’s state on the ledger: pending, approved (number) or refused',
        tags: ['registers'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        },
      },
    },
    async (req, reply) => {
      const a = getApplication(state, req.params.id);
      if (!a) return sendProblem(req, reply, 404, 'BUSINESS_APPLICATION_UNKNOWN');
      const member = getMember(state, a.registrar);
      return {
        id: a.id,
        status: a.status,
        name: a.name,
        kind: a.kind,
        officeArea: a.officeArea,
        registrar: a.registrar,
        ...(member ? { registrarName: member.name } : {}),
        appliedMs: a.appliedMs,
        ...(a.decidedMs === undefined ? {} : { decidedMs: a.decidedMs }),
        ...(a.number ? { number: a.number } : {}),
        ...(a.reason ? { reason: a.reason } : {}),
      };
    },
  );

  // ---- the registration credential ----

  app.post<{ Params: { slug: string; number: string } }>(
    '/v1/bodies/:slug/businesses/:number/credential-offer',
    {
      preHandler: ctx.staff('registrar'),
      schema: {
        summary: 'Staff: offer the organisation its registration credential (QR code and PIN)',
        tags: ['staff', 'issuance'],
        params: {
          type: 'object',
          required: ['slug', 'number'],
          properties: {
            slug: { type: 'string' },
            number: { type: 'string', pattern: BUSINESS_NUMBER_RE.source },
          },
        },
      },
    },
    async (req, reply) => {
      const hosted = hostedOr404(ctx, req, reply, req.params.slug);
      if (!hosted) return reply;
      const b = getBusiness(state, req.params.number);
      if (!b) return sendProblem(req, reply, 404, 'BUSINESS_UNKNOWN', req.params.number);
      if (b.status !== 'registered') return sendProblem(req, reply, 409, 'BUSINESS_DISSOLVED');
      // The registrar that registered it vouches for it: its key signs, its staff hand it over.
      if (b.registrar !== hosted.body.did) {
        return sendProblem(req, reply, 403, 'BUSINESS_NOT_REGISTRAR', b.registrar);
      }
      const type = credentialTypeById('business-registration');
      if (!type || !issuerAuthorisedAt(state, hosted.body.did, type.vct, ctx.clock())) {
        return sendProblem(req, reply, 403, 'ISSUER_NOT_AUTHORISED', hosted.body.did);
      }
      const claims = validateClaims(type.vct, {
        number: b.number,
        name_en: b.name.en,
        ...(b.name.cy === undefined ? {} : { name_cy: b.name.cy }),
        kind: b.kind,
        office_area: b.officeArea,
        registered: new Date(b.registeredMs).toISOString().slice(0, 10),
      });
      if (!claims.ok) return sendProblem(req, reply, 500, 'CREDENTIAL_CLAIMS_INVALID');
      const made = await offerMakerOf(ctx)(hosted, type, claims.value);
      await ctx.recordStaff(req, hosted.body.slug, 'offer-created', made.offerId);
      return reply.code(201).send({ ...made, number: b.number });
    },
  );
}
