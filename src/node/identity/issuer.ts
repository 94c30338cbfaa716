// OpenID4VCI 1.0 issuer, pre-authorised code flow, one issuer per hosted body:
//   staff  POST /v1/issuers/:slug/offers            → offer URI + QR (+ a tx_code to tell)
//   wallet GET  /.well-known/openid-credential-issuer/issuers/:slug
//          GET  /.well-known/oauth-authorization-server/issuers/:slug
//          POST /issuers/:slug/token                (pre-authorised code [+ tx_code])
//          POST /issuers/:slug/nonce                → c_nonce
//          POST /issuers/:slug/credential           (proof of possession) → SD-JWT VC
//   staff  POST /v1/issuers/:slug/credentials/:id/status  (revoke / suspend / reinstate)
//   anyone GET  /status/:slug/:list                 (the anchored Token Status List)
// Pending offers are the only place the citizen's claims exist on the node: they stay in
// memory, expire, and are dropped once redeemed. OAuth endpoints answer errors in OAuth's
// shape (`error`, `error_description`) plus our problem fields, so both kinds of client read
// them.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmbeddedJWK, jwtVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { JWK } from 'jose';
import QRCode from 'qrcode';
import { toBase64Url } from '../../core/bytes.js';
import { publicKeyFromDidKey } from '../../core/did.js';
import { issueCredential } from '../../identity/credential.js';
import { publicJwkOf } from '../../identity/signer.js';
import { CREDENTIAL_TYPES, validateClaims } from '../../identity/types.js';
import type { CredentialType } from '../../identity/types.js';
import { issuerAuthorisedAt } from '../../ledger/modules/identity.js';
import { registerTitles, sendProblem } from '../problems.js';
import type { Hosted, IdentityContext } from './context.js';
import { hostedOr404 as bodyOr404 } from './context.js';
import { bodySigner } from './jws.js';
import type { StatusName } from './status-lists.js';
import { StatusLists } from './status-lists.js';

const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const OFFER_TTL_MS = 10 * 60_000;
const TOKEN_TTL_MS = 5 * 60_000;
const NONCE_TTL_MS = 5 * 60_000;
const PROOF_MAX_AGE_S = 300;
const DAY_MS = 86_400_000;

registerTitles({
  STAFF_UNAUTHORISED: {
    en: 'Staff sign-in is needed for this',
    cy: 'Mae angen i staff fewngofnodi ar gyfer hyn',
  },
  BODY_UNKNOWN: {
    en: 'This node does not act for that body',
    cy: 'Nid yw’r nod hwn yn gweithredu ar ran y corff hwnnw',
  },
  CREDENTIAL_TYPE_UNKNOWN: { en: 'Unknown credential type', cy: 'Math anhysbys o dystlythyr' },
  ISSUER_NOT_AUTHORISED: {
    en: 'This body is not authorised to issue that credential',
    cy: 'Nid yw’r corff hwn wedi’i awdurdodi i gyhoeddi’r tystlythyr hwnnw',
  },
  CREDENTIAL_CLAIMS_INVALID: {
    en: 'The credential’s details are not valid',
    cy: 'Nid yw manylion y tystlythyr yn ddilys',
  },
  CREDENTIAL_UNKNOWN: { en: 'Unknown credential', cy: 'Tystlythyr anhysbys' },
  CREDENTIAL_STATUS_FINAL: {
    en: 'A revoked credential cannot be reinstated',
    cy: 'Ni ellir adfer tystlythyr sydd wedi’i ddirymu',
  },
  OFFER_UNKNOWN: { en: 'Unknown or expired offer', cy: 'Cynnig anhysbys neu wedi dod i ben' },
  STATUS_LIST_UNKNOWN: { en: 'Unknown status list', cy: 'Rhestr statws anhysbys' },
  invalid_grant: {
    en: 'The offer code is not valid, or was already used',
    cy: 'Nid yw cod y cynnig yn ddilys, neu fe’i defnyddiwyd eisoes',
  },
  invalid_request: { en: 'The request is not valid', cy: 'Nid yw’r cais yn ddilys' },
  unsupported_grant_type: {
    en: 'Only pre-authorised codes are supported',
    cy: 'Dim ond codau wedi’u cyn-awdurdodi a gefnogir',
  },
  invalid_token: { en: 'The access token is not valid', cy: 'Nid yw’r tocyn mynediad yn ddilys' },
  invalid_proof: {
    en: 'The proof of key possession is not valid',
    cy: 'Nid yw’r prawf o feddu ar yr allwedd yn ddilys',
  },
  invalid_nonce: {
    en: 'The proof’s nonce is not valid or has expired',
    cy: 'Nid yw nonce y prawf yn ddilys neu mae wedi dod i ben',
  },
  unknown_credential_configuration: {
    en: 'That credential is not offered here',
    cy: 'Ni chynigir y tystlythyr hwnnw yma',
  },
});

interface Offer {
  readonly id: string;
  readonly slug: string;
  readonly type: CredentialType;
  /** Dropped as soon as the credential is issued. */
  claims: Record<string, unknown> | undefined;
  readonly preAuthCode: string;
  readonly txCode: string | undefined;
  readonly expiresMs: number;
  credentialId?: string;
  /** Wrong tx_code attempts; the offer dies after a few. */
  failures: number;
  /** What `credential_offer_uri` serves, until the credential is collected. */
  credentialOffer?: Record<string, unknown>;
}

/** What a new offer is, for staff to show: the link, its QR code and the PIN to tell. */
export interface OfferMade {
  readonly offerId: string;
  readonly offerUri: string;
  readonly offerRefUri: string;
  readonly credentialOffer: Record<string, unknown>;
  readonly qrSvg: string;
  readonly txCode?: string;
  readonly expiresMs: number;
}

/** Makes an offer of `type` with `claims` already checked (the routes of a register use it). */
export type OfferMaker = (
  hosted: Hosted,
  type: CredentialType,
  claims: Record<string, unknown>,
) => Promise<OfferMade>;

// One per node: registers that issue from their own entries (business registration) reach the
// same offers, codes and tokens as the staff form, without a second issuer.
const offerMakers = new WeakMap<IdentityContext, OfferMaker>();

/** The offer maker of this node's issuer (registered by registerIssuer). */
export function offerMakerOf(ctx: IdentityContext): OfferMaker {
  const m = offerMakers.get(ctx);
  if (!m) throw new Error('the issuer is not registered');
  return m;
}

interface AccessToken {
  readonly offerId: string;
  readonly expiresMs: number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
) {
  // RFC 6749 §5.2: error_description may hold only these characters.
  const safe = description.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, "'");
  reply.header('cache-control', 'no-store');
  return sendProblem(req, reply, status, error, safe, {
    error,
    error_description: safe,
  }).type('application/json');
}

/** Adds what a council knows from the issue date and its own area (age flags, authority). */
function completeClaims(
  type: CredentialType,
  hosted: Hosted,
  claims: Record<string, unknown>,
  nowMs: number,
): Record<string, unknown> {
  const out = { ...claims };
  const area = hosted.actor.member()?.area;
  if ('local_authority' in (type.claimSchema.properties ?? {}) && !out.local_authority && area) {
    out.local_authority = area;
  }
  if (typeof out.birthdate === 'string' && type.id === 'gwent-resident') {
    const now = new Date(nowMs);
    const born = new Date(`${out.birthdate}T00:00:00Z`);
    let age = now.getUTCFullYear() - born.getUTCFullYear();
    const m = now.getUTCMonth() - born.getUTCMonth();
    if (m < 0 || (m === 0 && now.getUTCDate() < born.getUTCDate())) age--;
    out.age_over_16 ??= age >= 16;
    out.age_over_18 ??= age >= 18;
  }
  return out;
}

export function registerIssuer(app: FastifyInstance, ctx: IdentityContext): StatusLists {
  const lists = new StatusLists(ctx);
  const offers = new Map<string, Offer>();
  const byCode = new Map<string, Offer>();
  const tokens = new Map<string, AccessToken>();
  const nonces = new Map<string, number>();
  const rand = (n: number) => toBase64Url(ctx.random(n));

  // Forget what expired, on every use (no timers to stop).
  const sweep = () => {
    const now = ctx.clock();
    for (const [k, o] of offers) {
      if (o.expiresMs < now) {
        offers.delete(k);
        byCode.delete(o.preAuthCode);
      }
    }
    for (const [k, t] of tokens) if (t.expiresMs < now) tokens.delete(k);
    for (const [k, t] of nonces) if (t < now) nonces.delete(k);
  };

  const issuerId = (slug: string) => `${ctx.baseUrl()}/issuers/${slug}`;
  const typesOf = (hosted: Hosted): CredentialType[] => {
    const now = ctx.clock();
    return Object.values(CREDENTIAL_TYPES).filter((t) =>
      issuerAuthorisedAt(ctx.node.state, hosted.body.did, t.vct, now),
    );
  };
  const hostedOr404 = (req: FastifyRequest, reply: FastifyReply, slug: string) =>
    bodyOr404(ctx, req, reply, slug);

  const makeOffer = async (
    hosted: Hosted,
    type: CredentialType,
    full: Record<string, unknown>,
    withTxCode = true,
  ): Promise<OfferMade> => {
    sweep();
    const digits = ctx.random(4);
    const txCode = !withTxCode
      ? undefined
      : String(
          (((digits[0] ?? 0) << 16) | ((digits[1] ?? 0) << 8) | (digits[2] ?? 0)) % 10_000,
        ).padStart(4, '0');
    const offer: Offer = {
      id: rand(12),
      slug: hosted.body.slug,
      type,
      claims: full,
      preAuthCode: rand(32),
      txCode,
      expiresMs: ctx.clock() + OFFER_TTL_MS,
      failures: 0,
    };
    offers.set(offer.id, offer);
    byCode.set(offer.preAuthCode, offer);
    const credentialOffer = {
      credential_issuer: issuerId(hosted.body.slug),
      credential_configuration_ids: [type.id],
      grants: {
        [PRE_AUTH_GRANT]: {
          'pre-authorized_code': offer.preAuthCode,
          ...(txCode
            ? {
                tx_code: {
                  input_mode: 'numeric',
                  length: 4,
                  description:
                    'The PIN the member of staff tells you / Y PIN y mae’r aelod o staff yn ei ddweud wrthych',
                },
              }
            : {}),
        },
      },
    };
    offer.credentialOffer = credentialOffer;
    const offerUri = `openid-credential-offer://?credential_offer=${encodeURIComponent(
      JSON.stringify(credentialOffer),
    )}`;
    // The QR code carries the offer by reference: a third of the modules of the offer by
    // value, so a phone's camera reads it from across a counter.
    const offerRefUri = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(
      `${issuerId(hosted.body.slug)}/offers/${offer.id}`,
    )}`;
    const qrSvg = await QRCode.toString(offerRefUri, { type: 'svg', errorCorrectionLevel: 'M' });
    return {
      offerId: offer.id,
      offerUri,
      offerRefUri,
      credentialOffer,
      qrSvg,
      ...(txCode ? { txCode } : {}),
      expiresMs: offer.expiresMs,
    };
  };
  offerMakers.set(ctx, makeOffer);

  // ---- metadata ----
  app.get<{ Params: { slug: string } }>(
    '/.well-known/openid-credential-issuer/issuers/:slug',
    { schema: { summary: 'OpenID4VCI credential issuer metadata', tags: ['issuance'] } },
    async (req, reply) => {
      const hosted = hostedOr404(req, reply, req.params.slug);
      if (!hosted) return reply;
      const id = issuerId(req.params.slug);
      const member = hosted.actor.member();
      return {
        credential_issuer: id,
        credential_endpoint: `${id}/credential`,
        nonce_endpoint: `${id}/nonce`,
        display: member
          ? [
              { name: member.name.en, locale: 'en' },
              { name: member.name.cy, locale: 'cy' },
            ]
          : [],
        credential_configurations_supported: Object.fromEntries(
          typesOf(hosted).map((t) => [
            t.id,
            {
              format: 'dc+sd-jwt',
              vct: t.vct,
              scope: t.id,
              cryptographic_binding_methods_supported: ['jwk'],
              credential_signing_alg_values_supported: ['EdDSA'],
              proof_types_supported: {
                jwt: { proof_signing_alg_values_supported: ['ES256', 'EdDSA'] },
              },
              credential_metadata: {
                display: t.metadata.display.map((d) => ({
                  name: d.name,
                  locale: d.lang,
                  ...(d.description ? { description: d.description } : {}),
                })),
                claims: t.metadata.claims.map((c) => ({
                  path: c.path,
                  display: c.display.map((d) => ({ name: d.label, locale: d.lang })),
                })),
              },
            },
          ]),
        ),
      };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/.well-known/oauth-authorization-server/issuers/:slug',
    { schema: { summary: 'OAuth 2.0 authorisation server metadata', tags: ['issuance'] } },
    async (req, reply) => {
      if (!hostedOr404(req, reply, req.params.slug)) return reply;
      const id = issuerId(req.params.slug);
      return {
        issuer: id,
        token_endpoint: `${id}/token`,
        grant_types_supported: [PRE_AUTH_GRANT],
        'pre-authorized_grant_anonymous_access_supported': true,
        response_types_supported: [],
      };
    },
  );

  // SD-JWT VC type metadata (display names in English and Welsh) for every type we know.
  app.get(
    '/v1/credential-types',
    {
      schema: {
        summary: 'Credential types: SD-JWT VC type metadata in English and Welsh',
        tags: ['issuance'],
      },
    },
    async () => ({
      types: Object.values(CREDENTIAL_TYPES).map((t) => ({
        id: t.id,
        vct: t.vct,
        validityDays: t.validityDays,
        metadata: t.metadata,
      })),
    }),
  );

  // ---- staff: offers ----
  app.post<{
    Params: { slug: string };
    Body: {
      credential_configuration_id?: string;
      claims?: Record<string, unknown>;
      txCode?: boolean;
    };
  }>(
    '/v1/issuers/:slug/offers',
    {
      preHandler: ctx.staff('issuer'),
      schema: {
        summary: 'Staff: offer a credential to a citizen (QR code and same-device link)',
        tags: ['issuance', 'staff'],
        body: {
          type: 'object',
          required: ['credential_configuration_id', 'claims'],
          properties: {
            credential_configuration_id: { type: 'string' },
            claims: { type: 'object' },
            txCode: { type: 'boolean', description: 'ask for a one-time PIN (default true)' },
          },
        },
      },
    },
    async (req, reply) => {
      sweep();
      const hosted = hostedOr404(req, reply, req.params.slug);
      if (!hosted) return reply;
      const { credential_configuration_id: configId = '', claims = {} } = req.body;
      const type = Object.values(CREDENTIAL_TYPES).find((t) => t.id === configId);
      if (!type) return sendProblem(req, reply, 400, 'CREDENTIAL_TYPE_UNKNOWN', configId);
      if (!issuerAuthorisedAt(ctx.node.state, hosted.body.did, type.vct, ctx.clock())) {
        return sendProblem(
          req,
          reply,
          403,
          'ISSUER_NOT_AUTHORISED',
          `${hosted.body.did} ${type.vct}`,
        );
      }
      if (type.fromRegister) {
        // Its claims are the register's entry: only the register's own route offers it.
        return sendProblem(req, reply, 400, 'CREDENTIAL_FROM_REGISTER', type.id);
      }
      const full = completeClaims(type, hosted, claims, ctx.clock());
      const valid = validateClaims(type.vct, full);
      if (!valid.ok) {
        return sendProblem(req, reply, 400, 'CREDENTIAL_CLAIMS_INVALID', valid.detail);
      }
      const made = await makeOffer(hosted, type, full, req.body.txCode !== false);
      await ctx.recordStaff(req, hosted.body.slug, 'offer-created', made.offerId);
      return reply.code(201).send(made);
    },
  );

  app.get<{ Params: { slug: string; id: string } }>(
    '/v1/issuers/:slug/offers/:id',
    {
      preHandler: ctx.staff('issuer'),
      schema: { summary: 'Staff: has the offer been redeemed?', tags: ['issuance', 'staff'] },
    },
    async (req, reply) => {
      sweep();
      const o = offers.get(req.params.id);
      if (!o || o.slug !== req.params.slug) return sendProblem(req, reply, 404, 'OFFER_UNKNOWN');
      return {
        offerId: o.id,
        status: o.credentialId ? 'redeemed' : 'pending',
        ...(o.credentialId ? { credentialId: o.credentialId } : {}),
        expiresMs: o.expiresMs,
      };
    },
  );

  // ---- wallet: the offer by reference, token, nonce, credential ----
  app.get<{ Params: { slug: string; id: string } }>(
    '/issuers/:slug/offers/:id',
    {
      schema: {
        summary: 'The credential offer a `credential_offer_uri` names (until it is collected)',
        tags: ['issuance'],
      },
    },
    async (req, reply) => {
      sweep();
      const o = offers.get(req.params.id);
      // Gone once collected: the pre-authorised code in it is single-use anyway.
      if (!o || o.slug !== req.params.slug || !o.credentialOffer || o.claims === undefined) {
        return sendProblem(req, reply, 404, 'OFFER_UNKNOWN');
      }
      void reply.header('cache-control', 'no-store');
      return o.credentialOffer;
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/issuers/:slug/token',
    { schema: { summary: 'OAuth token endpoint (pre-authorised code)', tags: ['issuance'] } },
    async (req, reply) => {
      sweep();
      if (!hostedOr404(req, reply, req.params.slug)) return reply;
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (b.grant_type !== PRE_AUTH_GRANT) {
        return oauthError(req, reply, 400, 'unsupported_grant_type', String(b.grant_type ?? ''));
      }
      const code = typeof b['pre-authorized_code'] === 'string' ? b['pre-authorized_code'] : '';
      const offer = byCode.get(code);
      if (!offer || offer.slug !== req.params.slug || offer.credentialId) {
        return oauthError(req, reply, 400, 'invalid_grant', 'unknown, expired or used code');
      }
      if (offer.txCode !== undefined) {
        const given = typeof b.tx_code === 'string' ? b.tx_code : '';
        if (!sameSecret(given, offer.txCode)) {
          // Three wrong PINs and the offer is gone: staff make a new one.
          if (++offer.failures >= 3) {
            offers.delete(offer.id);
            byCode.delete(offer.preAuthCode);
          }
          return oauthError(req, reply, 400, 'invalid_grant', 'wrong or missing tx_code');
        }
      }
      byCode.delete(code);
      const access = rand(32);
      tokens.set(access, { offerId: offer.id, expiresMs: ctx.clock() + TOKEN_TTL_MS });
      reply.header('cache-control', 'no-store');
      return {
        access_token: access,
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_MS / 1000,
      };
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/issuers/:slug/nonce',
    { schema: { summary: 'A fresh c_nonce for the proof of possession', tags: ['issuance'] } },
    async (req, reply) => {
      sweep();
      if (!hostedOr404(req, reply, req.params.slug)) return reply;
      const nonce = rand(24);
      nonces.set(nonce, ctx.clock() + NONCE_TTL_MS);
      reply.header('cache-control', 'no-store');
      return { c_nonce: nonce };
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/issuers/:slug/credential',
    {
      schema: {
        summary: 'Issue the credential (SD-JWT VC) to the key that proves possession',
        tags: ['issuance'],
      },
    },
    async (req, reply) => {
      sweep();
      const hosted = hostedOr404(req, reply, req.params.slug);
      if (!hosted) return reply;
      const auth = req.headers.authorization ?? '';
      const m = /^(?:Bearer|DPoP) (.+)$/.exec(auth);
      const token = m?.[1] ? tokens.get(m[1]) : undefined;
      const offer = token ? offers.get(token.offerId) : undefined;
      if (!m?.[1] || !token || !offer || !offer.claims) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return oauthError(req, reply, 401, 'invalid_token', 'unknown, expired or used token');
      }
      const b = (req.body ?? {}) as Record<string, unknown>;
      const configId =
        typeof b.credential_configuration_id === 'string'
          ? b.credential_configuration_id
          : typeof b.credential_identifier === 'string'
            ? b.credential_identifier
            : offer.type.id;
      if (configId !== offer.type.id) {
        return oauthError(req, reply, 400, 'unknown_credential_configuration', configId);
      }
      const proofs = b.proofs as { jwt?: unknown } | undefined;
      const legacy = b.proof as { proof_type?: string; jwt?: unknown } | undefined;
      const jwt = Array.isArray(proofs?.jwt) ? proofs.jwt[0] : legacy?.jwt;
      if (typeof jwt !== 'string') {
        return oauthError(req, reply, 400, 'invalid_proof', 'a jwt proof is required');
      }
      const holder = await verifyProof(jwt, issuerId(hosted.body.slug), ctx.clock());
      if (!holder.ok) return oauthError(req, reply, 400, 'invalid_proof', holder.detail);
      const expiry = nonces.get(holder.nonce);
      if (expiry === undefined || expiry < ctx.clock()) {
        return oauthError(req, reply, 400, 'invalid_nonce', 'unknown or expired c_nonce');
      }
      nonces.delete(holder.nonce);

      const slot = await lists.allocate(hosted.body.slug);
      const nowMs = ctx.clock();
      const expiresMs = nowMs + offer.type.validityDays * DAY_MS;
      const credential = await issueCredential({
        vct: offer.type.vct,
        issuer: hosted.body.did,
        signer: bodySigner(hosted.body),
        holderJwk: holder.jwk,
        claims: offer.claims,
        iatS: Math.floor(nowMs / 1000),
        expS: Math.floor(expiresMs / 1000),
        status: { uri: slot.uri, idx: slot.idx },
        random: ctx.random,
      });
      const credentialId = rand(16);
      lists.recordIssued({
        id: credentialId,
        slug: hosted.body.slug,
        vct: offer.type.vct,
        list: slot.list,
        idx: slot.idx,
        issuedMs: nowMs,
        expiresMs,
      });
      // The claims are no longer needed on the node: drop them now.
      offer.claims = undefined;
      offer.credentialId = credentialId;
      tokens.delete(m[1]);
      reply.header('cache-control', 'no-store');
      return { credentials: [{ credential }] };
    },
  );

  // ---- status lists ----
  app.get<{ Params: { slug: string; list: string } }>(
    '/status/:slug/:list',
    {
      schema: {
        summary: 'A Token Status List (its digest is anchored on the ledger)',
        tags: ['issuance'],
      },
    },
    async (req, reply) => {
      const n = Number(req.params.list);
      const token = Number.isSafeInteger(n) ? lists.token(req.params.slug, n) : undefined;
      if (!token) return sendProblem(req, reply, 404, 'STATUS_LIST_UNKNOWN');
      return reply
        .type('application/statuslist+jwt')
        .header('cache-control', 'max-age=30')
        .send(token);
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/v1/issuers/:slug/credentials',
    {
      preHandler: ctx.staff('issuer'),
      schema: {
        summary: 'Staff: credentials this body issued (no personal data)',
        tags: ['issuance', 'staff'],
      },
    },
    async (req, reply) => {
      if (!hostedOr404(req, reply, req.params.slug)) return reply;
      return {
        credentials: lists.listIssued(req.params.slug).map((r) => ({
          id: r.id,
          vct: r.vct,
          status: (['valid', 'revoked', 'suspended'] as const)[r.status] ?? 'unknown',
          issuedMs: r.issued_ms,
          expiresMs: r.expires_ms,
        })),
      };
    },
  );

  app.post<{ Params: { slug: string; id: string }; Body: { status?: string } }>(
    '/v1/issuers/:slug/credentials/:id/status',
    {
      preHandler: ctx.staff('issuer'),
      schema: {
        summary: 'Staff: revoke, suspend or reinstate a credential (the new list is anchored)',
        tags: ['issuance', 'staff'],
        body: {
          type: 'object',
          required: ['status'],
          properties: { status: { enum: ['valid', 'suspended', 'revoked'] } },
        },
      },
    },
    async (req, reply) => {
      if (!hostedOr404(req, reply, req.params.slug)) return reply;
      const r = await lists.setStatus(
        req.params.slug,
        req.params.id,
        req.body.status as StatusName,
      );
      if (!r.ok)
        return sendProblem(req, reply, r.code === 'CREDENTIAL_UNKNOWN' ? 404 : 409, r.code);
      await ctx.recordStaff(req, req.params.slug, 'credential-status-changed', req.params.id);
      return { credentialId: req.params.id, status: req.body.status, statusList: r };
    },
  );

  return lists;
}

/** Checks an OID4VCI proof JWT: typ, signature by the key it names, audience, freshness. */
async function verifyProof(
  jwt: string,
  audience: string,
  nowMs: number,
): Promise<{ ok: true; jwk: JWK; nonce: string } | { ok: false; detail: string }> {
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.typ !== 'openid4vci-proof+jwt')
      return { ok: false, detail: 'typ must be openid4vci-proof+jwt' };
    let jwk: JWK;
    let result;
    const opts = {
      audience,
      algorithms: ['ES256', 'EdDSA'],
      currentDate: new Date(nowMs),
      maxTokenAge: PROOF_MAX_AGE_S,
      clockTolerance: 60,
    };
    if (header.jwk) {
      result = await jwtVerify(jwt, EmbeddedJWK, opts);
      jwk = header.jwk as JWK;
    } else if (typeof header.kid === 'string' && header.kid.startsWith('did:key:')) {
      const pk = publicKeyFromDidKey(header.kid.split('#')[0] ?? '');
      if (!pk) return { ok: false, detail: 'unresolvable did:key' };
      jwk = publicJwkOf(pk) as JWK;
      result = await jwtVerify(jwt, await importJWK(jwk, header.alg), opts);
    } else {
      return { ok: false, detail: 'the proof must carry a jwk or a did:key kid' };
    }
    const nonce = result.payload.nonce;
    if (typeof nonce !== 'string') return { ok: false, detail: 'nonce missing' };
    const { d: _d, ...publicOnly } = jwk;
    if (_d !== undefined) return { ok: false, detail: 'the proof leaked a private key' };
    return { ok: true, jwk: publicOnly, nonce };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : 'invalid proof' };
  }
}
