// OpenID4VP 1.0 verifier with DCQL, one per hosted body:
//   staff  POST /v1/verifiers/:slug/requests      → openid4vp:// link + QR
//   wallet GET  /verifiers/:slug/requests/:id     → the request object, signed by the body's
//                                                   ledger key (client_id decentralized_identifier:<did>)
//   wallet POST /verifiers/:slug/responses        ← vp_token (direct_post)
//   staff  GET  /v1/verifiers/:slug/requests/:id  → verified + disclosed claims, or failed + code
// A nonce answers once: a second response to the same request is refused as a replay. Results
// (which hold the disclosed claims) stay in memory only and expire.
import { createPrivateKey } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CompactSign } from 'jose';
import QRCode from 'qrcode';
import { toBase64Url, toHex, utf8 } from '../../core/bytes.js';
import { sha256 } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import { claimsRequested } from '../../identity/present.js';
import { publicJwkOf } from '../../identity/signer.js';
import type { Trust } from '../../identity/verify.js';
import { VP_ERROR_MESSAGES, verifyPresentation } from '../../identity/verify.js';
import { issuerAuthorisedAt, getStatusAnchor, memberJwk } from '../../ledger/modules/identity.js';
import { nodeCryptoBackend } from '../crypto-node.js';
import { registerTitles, sendProblem } from '../problems.js';
import type { Hosted, IdentityContext } from './context.js';
import { hostedOr404 as bodyOr404 } from './context.js';
import type { StatusLists } from './status-lists.js';

const REQUEST_TTL_MS = 10 * 60_000;
const RESULT_TTL_MS = 30 * 60_000;
const STATUS_FETCH_MAX_BYTES = 1024 * 1024;

registerTitles({
  ...VP_ERROR_MESSAGES,
  VP_REQUEST_UNKNOWN: {
    en: 'Unknown or expired presentation request',
    cy: 'Cais cyflwyno anhysbys neu wedi dod i ben',
  },
  PRESENTATION_REPLAYED: {
    en: 'This request was already answered',
    cy: 'Atebwyd y cais hwn eisoes',
  },
  DCQL_INVALID: {
    en: 'The credential query is not valid',
    cy: 'Nid yw’r ymholiad tystlythyr yn ddilys',
  },
});

interface Session {
  readonly id: string;
  readonly slug: string;
  readonly nonce: string;
  readonly clientId: string;
  readonly dcql: DcqlQuery;
  readonly purpose: Json | undefined;
  readonly expiresMs: number;
  status: 'pending' | 'verified' | 'failed';
  code?: string;
  result?: Json;
}

interface DcqlQuery {
  credentials: {
    id: string;
    format: string;
    meta?: { vct_values?: string[] };
    claims?: { path: (string | number | null)[] }[];
  }[];
}

function validDcql(q: unknown): q is DcqlQuery {
  if (typeof q !== 'object' || q === null) return false;
  const creds = (q as { credentials?: unknown }).credentials;
  if (!Array.isArray(creds) || creds.length === 0 || creds.length > 8) return false;
  return creds.every(
    (c) =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as { id?: unknown }).id === 'string' &&
      /^[A-Za-z0-9_-]{1,64}$/.test((c as { id: string }).id) &&
      (c as { format?: unknown }).format === 'dc+sd-jwt',
  );
}

/** The node's view of trust: keys, authorisations and status anchors from the ledger. */
export function ledgerTrust(ctx: IdentityContext, lists: StatusLists): Trust {
  const state = ctx.node.state;
  return {
    issuerJwk: async (did, kid) => memberJwk(state, did, kid) as JsonWebKey | undefined,
    issuerAuthorisedAt: async (did, vct, timeMs) => issuerAuthorisedAt(state, did, vct, timeMs),
    anchoredStatusDigest: async (uri) => getStatusAnchor(state, uri)?.digest,
    fetchStatusList: async (uri) => {
      const local = lists.tokenByUri(uri);
      if (local) return local;
      if (!/^https?:\/\//.test(uri)) return undefined;
      try {
        const res = await fetch(uri, {
          headers: { accept: 'application/statuslist+jwt' },
          signal: AbortSignal.timeout(5_000),
        });
        if (!res.ok) return undefined;
        const text = await res.text();
        return text.length <= STATUS_FETCH_MAX_BYTES ? text.trim() : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Signs an OpenID4VP request object with the body's ledger key (also the registrars' own requests). */
export async function signRequestObject(
  hosted: Hosted,
  payload: Record<string, unknown>,
): Promise<string> {
  const pub = publicJwkOf(hosted.body.publicKey) as Record<string, string>;
  const key = createPrivateKey({
    key: { ...pub, d: toBase64Url(hosted.body.privateKey.bytes) } as never,
    format: 'jwk',
  });
  return new CompactSign(utf8(JSON.stringify(payload)))
    .setProtectedHeader({
      alg: hosted.body.privateKey.alg === 'Ed25519' ? 'EdDSA' : 'ES256',
      typ: 'oauth-authz-req+jwt',
      kid: `${hosted.body.did}#${hosted.body.keyId}`,
    })
    .sign(key);
}

export function registerVerifier(
  app: FastifyInstance,
  ctx: IdentityContext,
  lists: StatusLists,
): void {
  const sessions = new Map<string, Session>();
  const trust = ledgerTrust(ctx, lists);
  const sweep = () => {
    const now = ctx.clock();
    for (const [k, s] of sessions) {
      if (s.expiresMs + (s.status === 'pending' ? 0 : RESULT_TTL_MS) < now) sessions.delete(k);
    }
  };
  const hostedOr404 = (req: FastifyRequest, reply: FastifyReply, slug: string) =>
    bodyOr404(ctx, req, reply, slug);

  app.post<{ Params: { slug: string }; Body: { dcql_query: unknown; purpose?: Json } }>(
    '/v1/verifiers/:slug/requests',
    {
      preHandler: ctx.staff('verifier'),
      schema: {
        summary: 'Staff: ask a citizen to present exactly the claims a service needs (DCQL)',
        tags: ['presentation', 'staff'],
        body: {
          type: 'object',
          required: ['dcql_query'],
          properties: {
            dcql_query: { type: 'object' },
            purpose: {
              type: 'object',
              required: ['code', 'en', 'cy'],
              properties: {
                code: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$' },
                en: { type: 'string', minLength: 1, maxLength: 300 },
                cy: { type: 'string', minLength: 1, maxLength: 300 },
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      sweep();
      const hosted = hostedOr404(req, reply, req.params.slug);
      if (!hosted) return reply;
      if (!validDcql(req.body.dcql_query)) return sendProblem(req, reply, 400, 'DCQL_INVALID');
      const id = toBase64Url(ctx.random(16));
      const session: Session = {
        id,
        slug: hosted.body.slug,
        nonce: toBase64Url(ctx.random(24)),
        clientId: `decentralized_identifier:${hosted.body.did}`,
        dcql: req.body.dcql_query,
        purpose: req.body.purpose,
        expiresMs: ctx.clock() + REQUEST_TTL_MS,
        status: 'pending',
      };
      sessions.set(id, session);
      const requestUri = `${ctx.baseUrl()}/verifiers/${hosted.body.slug}/requests/${id}`;
      const link = `openid4vp://?client_id=${encodeURIComponent(session.clientId)}&request_uri=${encodeURIComponent(requestUri)}`;
      const qrSvg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M' });
      await ctx.recordStaff(req, hosted.body.slug, 'presentation-requested', id);
      return reply
        .code(201)
        .send({ requestId: id, requestUri: link, qrSvg, expiresMs: session.expiresMs });
    },
  );

  app.get<{ Params: { slug: string; id: string } }>(
    '/verifiers/:slug/requests/:id',
    { schema: { summary: 'The signed OpenID4VP request object', tags: ['presentation'] } },
    async (req, reply) => {
      sweep();
      const hosted = hostedOr404(req, reply, req.params.slug);
      if (!hosted) return reply;
      const s = sessions.get(req.params.id);
      if (!s || s.slug !== req.params.slug || s.status !== 'pending') {
        return sendProblem(req, reply, 404, 'VP_REQUEST_UNKNOWN');
      }
      const member = hosted.actor.member();
      const jwt = await signRequestObject(hosted, {
        client_id: s.clientId,
        aud: 'https://self-issued.me/v2',
        response_type: 'vp_token',
        response_mode: 'direct_post',
        response_uri: `${ctx.baseUrl()}/verifiers/${s.slug}/responses`,
        nonce: s.nonce,
        state: s.id,
        dcql_query: s.dcql,
        client_metadata: {
          vp_formats_supported: {
            'dc+sd-jwt': {
              'sd-jwt_alg_values': ['EdDSA', 'ES256'],
              'kb-jwt_alg_values': ['ES256', 'EdDSA'],
            },
          },
          ...(member ? { client_name: member.name.en, 'client_name#cy': member.name.cy } : {}),
        },
        // Our wallet shows this on its consent screen; other wallets ignore it.
        ...(s.purpose ? { cadwyn_purpose: s.purpose } : {}),
        iat: Math.floor(ctx.clock() / 1000),
        exp: Math.floor(s.expiresMs / 1000),
      });
      return reply.type('application/oauth-authz-req+jwt').send(jwt);
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/verifiers/:slug/responses',
    {
      schema: {
        summary: 'The wallet’s response (direct_post): vp_token and state',
        tags: ['presentation'],
      },
    },
    async (req, reply) => {
      sweep();
      const b = (req.body ?? {}) as Record<string, unknown>;
      const s = typeof b.state === 'string' ? sessions.get(b.state) : undefined;
      if (!s || s.slug !== req.params.slug)
        return sendProblem(req, reply, 400, 'VP_REQUEST_UNKNOWN');
      if (s.status !== 'pending') return sendProblem(req, reply, 400, 'PRESENTATION_REPLAYED');
      const fail = (code: string, detail?: string) => {
        s.status = 'failed';
        s.code = code;
        return sendProblem(req, reply, 400, code, detail);
      };
      if (s.expiresMs < ctx.clock()) return fail('VP_REQUEST_UNKNOWN', 'expired');
      let token: unknown = b.vp_token;
      if (typeof token === 'string') {
        try {
          token = JSON.parse(token);
        } catch {
          return fail('PRESENTATION_MALFORMED', 'vp_token is not JSON');
        }
      }
      if (typeof token !== 'object' || token === null) return fail('PRESENTATION_MALFORMED');
      const disclosed: Record<string, Json> = {};
      for (const cq of s.dcql.credentials) {
        const entry = (token as Record<string, unknown>)[cq.id];
        const presentation = Array.isArray(entry) ? entry[0] : entry;
        if (typeof presentation !== 'string') return fail('PRESENTATION_MALFORMED', `no ${cq.id}`);
        const r = await verifyPresentation({
          presentation,
          aud: s.clientId,
          nonce: s.nonce,
          nowS: Math.floor(ctx.clock() / 1000),
          trust,
          backend: nodeCryptoBackend,
          dcqlClaims: claimsRequested(s.dcql as never, cq.id),
        });
        if (!r.ok) return fail(r.code, r.detail);
        const vcts = cq.meta?.vct_values;
        if (vcts && !vcts.includes(r.value.vct))
          return fail('CLAIMS_MISSING', `vct ${r.value.vct}`);
        disclosed[cq.id] = {
          vct: r.value.vct,
          issuer: r.value.issuer,
          claims: r.value.claims as Json,
          // The holder's key thumbprint-ish id: lets a service recognise a returning citizen.
          holder: toHex(sha256(utf8(JSON.stringify(r.value.holderJwk)))).slice(0, 32),
        };
      }
      s.status = 'verified';
      s.result = disclosed;
      return {};
    },
  );

  app.get<{ Params: { slug: string; id: string } }>(
    '/v1/verifiers/:slug/requests/:id',
    {
      preHandler: ctx.staff('verifier'),
      schema: {
        summary: 'Staff: the outcome of a presentation request',
        tags: ['presentation', 'staff'],
      },
    },
    async (req, reply) => {
      sweep();
      const s = sessions.get(req.params.id);
      if (!s || s.slug !== req.params.slug)
        return sendProblem(req, reply, 404, 'VP_REQUEST_UNKNOWN');
      return {
        requestId: s.id,
        status: s.status,
        ...(s.code
          ? { code: s.code, message: VP_ERROR_MESSAGES[s.code as keyof typeof VP_ERROR_MESSAGES] }
          : {}),
        ...(s.result ? { credentials: s.result } : {}),
        ...(s.purpose ? { purpose: s.purpose } : {}),
      };
    },
  );
}
