// "Who used my data": a citizen proves control of their pairwise DIDs (each signs a fresh
// challenge) and gets every consent and access record about them, as JSON or CSV.
//   POST /v1/history/challenge → { challenge, aud, expiresMs }
//   POST /v1/history[?format=csv] { challenge, proofs: [{ did, sig }] }
// Each proof is a did:key signature (domain `challenge`) over canonical {challenge, did, aud}.
// A challenge is single-use and short-lived; the node keeps no record of who asked.
import type { FastifyInstance } from 'fastify';
import { fromBase64Url, toBase64Url, utf8 } from '../../core/bytes.js';
import { publicKeyFromDidKey } from '../../core/did.js';
import { signingInput } from '../../core/domain.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import { getMember } from '../../ledger/modules/governance.js';
import { verifySync } from '../crypto-node.js';
import { registerTitles, sendProblem } from '../problems.js';
import type { IdentityContext } from './context.js';

const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGES_MAX = 100_000;
const PER_SUBJECT_MAX = 10_000;

registerTitles({
  HISTORY_CHALLENGE_INVALID: {
    en: 'The challenge is unknown, used or expired: ask for a new one',
    cy: 'Mae’r her yn anhysbys, wedi’i defnyddio neu wedi dod i ben: gofynnwch am un newydd',
  },
  HISTORY_PROOF_INVALID: {
    en: 'A proof of control of a pseudonym does not verify',
    cy: 'Nid yw prawf o reoli ffugenw yn dilysu',
  },
});

/** The exact bytes a wallet signs to prove it controls `did`. */
export function historyChallengeMessage(challenge: string, did: string, aud: string): Uint8Array {
  return signingInput('challenge', utf8(canonicalJson({ challenge, did, aud })));
}

const CSV_COLUMNS = [
  'kind',
  'time',
  'pseudonym',
  'requester',
  'requester_en',
  'requester_cy',
  'holder',
  'category',
  'purpose',
  'consent',
  'outcome',
  'reason',
  'area',
  'expires',
  'withdrawn',
  'transaction',
] as const;

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Quote always; double inner quotes; a leading = + - @ could run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function registerHistory(app: FastifyInstance, ctx: IdentityContext): void {
  const challenges = new Map<string, number>();
  const aud = () => `${ctx.baseUrl()}/v1/history`;

  app.post(
    '/v1/history/challenge',
    { schema: { summary: 'A fresh challenge to sign with each pseudonym', tags: ['history'] } },
    async (_req, reply) => {
      const now = ctx.clock();
      for (const [k, exp] of challenges) if (exp < now) challenges.delete(k);
      if (challenges.size >= CHALLENGES_MAX) {
        reply.header('retry-after', '5');
        return sendProblem(_req, reply, 503, 'NODE_NOT_READY', 'too many open challenges');
      }
      const challenge = toBase64Url(ctx.random(32));
      challenges.set(challenge, now + CHALLENGE_TTL_MS);
      reply.header('cache-control', 'no-store');
      return { challenge, aud: aud(), expiresMs: now + CHALLENGE_TTL_MS };
    },
  );

  app.post<{
    Querystring: { format?: 'json' | 'csv' };
    Body: { challenge: string; proofs: { did: string; sig: string }[] };
  }>(
    '/v1/history',
    {
      schema: {
        summary: 'Every consent and access record about the pseudonyms you prove you control',
        tags: ['history'],
        querystring: { type: 'object', properties: { format: { enum: ['json', 'csv'] } } },
        body: {
          type: 'object',
          required: ['challenge', 'proofs'],
          additionalProperties: false,
          properties: {
            challenge: { type: 'string', maxLength: 100 },
            proofs: {
              type: 'array',
              minItems: 1,
              maxItems: 200,
              items: {
                type: 'object',
                required: ['did', 'sig'],
                additionalProperties: false,
                properties: {
                  did: { type: 'string', maxLength: 200 },
                  sig: { type: 'string', maxLength: 200 },
                },
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const { challenge, proofs } = req.body;
      const exp = challenges.get(challenge);
      if (exp === undefined || exp < ctx.clock()) {
        return sendProblem(req, reply, 401, 'HISTORY_CHALLENGE_INVALID');
      }
      for (const p of proofs) {
        const pk = p.did.startsWith('did:key:') ? publicKeyFromDidKey(p.did) : undefined;
        const sig = fromBase64Url(p.sig);
        if (!pk || !sig || !verifySync(pk, historyChallengeMessage(challenge, p.did, aud()), sig)) {
          return sendProblem(req, reply, 401, 'HISTORY_PROOF_INVALID', p.did);
        }
      }
      // Only now is the challenge spent: a wrong proof does not burn a good challenge.
      challenges.delete(challenge);
      const dids = [...new Set(proofs.map((p) => p.did))];
      const nameOf = (did: unknown) =>
        typeof did === 'string' ? getMember(ctx.node.state, did)?.name : undefined;
      const consents: Record<string, Json>[] = [];
      const access: Record<string, Json>[] = [];
      for (const did of dids) {
        for (const [, id] of ctx.node.store.stateRange(`consent-of/${did}/`, PER_SUBJECT_MAX)) {
          const c = ctx.node.state.get(`consent/${String(id)}`) as Record<string, Json> | undefined;
          if (c)
            consents.push({
              ...c,
              requesterName: (nameOf(c.requester) ?? null) as Json,
              holderName: (nameOf(c.holder) ?? null) as Json,
            });
        }
        for (const [key] of ctx.node.store.stateRange(`access-of/${did}/`, PER_SUBJECT_MAX)) {
          const requestId = key.slice(`access-of/${did}/`.length);
          const a = ctx.node.state.get(`access/${requestId}`) as Record<string, Json> | undefined;
          if (a)
            access.push({
              ...a,
              requesterName: (nameOf(a.requester) ?? null) as Json,
              holderName: (nameOf(a.holder) ?? null) as Json,
            });
        }
      }
      const t = (x: Record<string, Json>, k: string) => Number(x[k] ?? 0);
      consents.sort((a, b) => t(a, 'grantedMs') - t(b, 'grantedMs'));
      access.sort((a, b) => t(a, 'timeMs') - t(b, 'timeMs'));
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'csv') {
        const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : '');
        const rows: string[][] = [];
        for (const c of consents) {
          const name = c.requesterName as { en?: string; cy?: string } | null;
          const purpose = c.purpose as { code?: string } | undefined;
          rows.push(
            [
              'consent',
              iso(c.grantedMs),
              c.subject,
              c.requester,
              name?.en,
              name?.cy,
              c.holder,
              (c.categories as string[] | undefined)?.join(' '),
              purpose?.code,
              c.id,
              '',
              '',
              '',
              iso(c.expiresMs),
              iso(c.withdrawnMs),
              c.txId,
            ].map(csvCell),
          );
        }
        for (const a of access) {
          const name = a.requesterName as { en?: string; cy?: string } | null;
          const geo = a.geo as { area?: string } | undefined;
          rows.push(
            [
              'access',
              iso(a.timeMs),
              a.subject,
              a.requester,
              name?.en,
              name?.cy,
              a.holder,
              a.category,
              a.purpose,
              a.consentId,
              a.outcome,
              a.reason,
              geo?.area,
              '',
              '',
              a.txId,
            ].map(csvCell),
          );
        }
        const csv = [CSV_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="cadwyn-who-used-my-data.csv"')
          .send(csv);
      }
      return { subjects: dids, generatedMs: ctx.clock(), consents, access };
    },
  );
}
