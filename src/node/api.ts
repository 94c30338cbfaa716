// The HTTP API (/v1): Fastify, JSON schemas that both validate requests and generate the
// OpenAPI 3.1 document, RFC 9457 problems for every error.
import type { EquivocationEvidence } from '../ledger/modules/consortium.js';
import { EVIDENCE_PREFIX } from '../ledger/modules/consortium.js';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import { toHex } from '../core/bytes.js';
import type { BlockHeader } from '../core/block.js';
import { buildReceipt } from '../core/receipt.js';
import type { ConsortiumKeys } from '../core/receipt.js';
import { getMember, memberDids, validatorsAt } from '../ledger/modules/governance.js';
import type { Member } from '../ledger/modules/governance.js';
import { lookupNotarised } from '../ledger/modules/notary.js';
import type { IssuerAuthorisation } from '../ledger/modules/identity.js';
import {
  didDocument,
  getStatusAnchor,
  ID_KEYS,
  STATUS_URI_LENGTH_MAX,
  VCT_LENGTH_MAX,
  VCT_RE,
} from '../ledger/modules/identity.js';
import { getAccessRecord, getConsent } from '../ledger/modules/consent.js';
import { accountSeq } from '../ledger/ledger.js';
import type { BlockEvent, CadwynNode, TxStatus } from './node.js';
import { statusOf } from './errors.js';
import { problemSchema, sendProblem } from './problems.js';
import { createMetrics } from './metrics.js';

export interface ApiOptions {
  /** Largest request body, bytes. */
  readonly bodyLimitBytes: number;
  /** Longest `?waitMs=` a client may ask for. */
  readonly waitMsMax: number;
  readonly logger: FastifyServerOptions['logger'];
}

export const defaultApiOptions: ApiOptions = {
  bodyLimitBytes: 8 * 1024 * 1024,
  waitMsMax: 30_000,
  logger: false,
};

const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

const signatureSchema = {
  type: 'object',
  required: ['signer', 'alg', 'sig'],
  additionalProperties: false,
  properties: {
    signer: { type: 'string', description: 'DID of the signer (did:key or did:web)' },
    keyId: { type: 'string' },
    alg: { enum: ['Ed25519', 'ES256'] },
    sig: { type: 'string', description: 'base64url signature over the domain-separated body' },
  },
} as const;

const txSchema = {
  $id: 'SignedTransaction',
  type: 'object',
  required: ['body', 'signatures'],
  additionalProperties: false,
  properties: {
    body: {
      type: 'object',
      required: ['v', 'network', 'type', 'sender', 'seq', 'timeMs', 'payload'],
      additionalProperties: false,
      properties: {
        v: { const: 1 },
        network: { type: 'string' },
        type: { type: 'string', description: 'module.action; payload schemas in components' },
        sender: { type: 'string' },
        seq: { type: 'integer', minimum: 1 },
        timeMs: { type: 'integer', minimum: 0, description: 'claimed time, ms since epoch' },
        geo: {
          oneOf: [
            {
              type: 'object',
              required: ['area'],
              additionalProperties: false,
              properties: { area: { type: 'string', pattern: '^[EWSNKLMJ][0-9]{8}$' } },
            },
            {
              type: 'object',
              required: ['lat', 'lon'],
              additionalProperties: false,
              properties: {
                lat: { type: 'number', minimum: -90, maximum: 90 },
                lon: { type: 'number', minimum: -180, maximum: 180 },
              },
            },
          ],
        },
        payload: { type: 'object' },
      },
    },
    signatures: { type: 'array', minItems: 1, maxItems: 16, items: signatureSchema },
  },
} as const;

const statusSchema = {
  $id: 'TransactionStatus',
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: hex64,
    status: { enum: ['pending', 'committed', 'final', 'rejected'] },
    height: { type: 'integer' },
    logIndex: { type: 'integer' },
    blockTimeMs: { type: 'integer' },
    receivedMs: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    tx: { type: 'object', additionalProperties: true },
  },
} as const;

const blockSchema = {
  $id: 'Block',
  type: 'object',
  required: ['height', 'hash', 'header', 'checkpoint'],
  properties: {
    height: { type: 'integer' },
    hash: hex64,
    header: { type: 'object', additionalProperties: true },
    checkpoint: { type: 'string', description: 'C2SP signed note' },
    txIds: { type: 'array', items: hex64 },
  },
} as const;

const problemResponses = {
  400: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
} as const;

function heightOf(s: string): number | undefined {
  return /^(0|[1-9][0-9]{0,14})$/.test(s) ? Number(s) : undefined;
}

export async function buildApi(
  node: CadwynNode,
  opts: ApiOptions = defaultApiOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger,
    bodyLimit: opts.bodyLimitBytes,
    ajv: { customOptions: { strict: false } },
    // Requests that arrive while closing get our problem+json 503 (below), not Fastify's own.
    return503OnClosing: false,
    // Fastify's 10 s default failed a validator's restart on a machine under full load (the
    // static-files plugin alone waited that long for a CPU); a slow start is still a start.
    pluginTimeout: 120_000,
  });
  const metrics = createMetrics(node);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cadwyn node API',
        version: '1',
        description:
          'A public-service ledger: submit signed transactions, read blocks, checkpoints, ' +
          'proofs and receipts. Errors are RFC 9457 problem+json with a stable code.',
      },
      components: {
        schemas: Object.fromEntries(
          node.ledger
            .txTypes()
            .map((t) => [
              `payload:${t.type}`,
              { ...t.payloadSchema, description: `${t.summary.en} / ${t.summary.cy}` },
            ]),
        ) as Record<string, object>,
      },
    },
    refResolver: { buildLocalReference: (json, _b, _f, i) => String(json.$id ?? `def-${i}`) },
  });
  app.addSchema(problemSchema);
  app.addSchema(txSchema);
  app.addSchema(statusSchema);
  app.addSchema(blockSchema);

  app.setErrorHandler(
    (
      err: {
        code?: string;
        statusCode?: number;
        validation?: unknown;
        validationContext?: string;
        message: string;
      },
      req,
      reply,
    ) => {
      if (err.validation) {
        // TX_MALFORMED is about a submitted transaction; a bad id or query is REQUEST_INVALID.
        const txBody =
          req.method === 'POST' &&
          req.url.startsWith('/v1/transactions') &&
          err.validationContext === 'body';
        return sendProblem(
          req,
          reply,
          400,
          txBody ? 'TX_MALFORMED' : 'REQUEST_INVALID',
          err.message,
        );
      }
      switch (err.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return sendProblem(req, reply, 400, 'JSON_MALFORMED');
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return sendProblem(
            req,
            reply,
            413,
            'BODY_TOO_LARGE',
            `at most ${opts.bodyLimitBytes} bytes`,
          );
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return sendProblem(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      if (err.statusCode && err.statusCode < 500) {
        return sendProblem(req, reply, err.statusCode, 'REQUEST_INVALID', err.message);
      }
      req.log.error({ err: { message: err.message, code: err.code } }, 'request failed');
      return sendProblem(req, reply, 500, 'INTERNAL');
    },
  );
  // While closing, tell keep-alive clients to hang up after this answer; otherwise close()
  // waits for their idle timeout (72 s) before the node can commit and stop.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!closing) return;
    reply.header('retry-after', '1');
    return sendProblem(req, reply, 503, 'NODE_NOT_READY', 'the node is shutting down');
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, 404, 'NOT_FOUND'));

  // The body schema of POST /v1/transactions documents the shape (OpenAPI) but does not
  // validate: core's prepareTx checks every transaction exactly as sent and gives the stable
  // codes (TX_MALFORMED, TX_TOO_LARGE, GEO_INVALID). Fastify's default Ajv would instead coerce
  // types ("1" → 1), strip unknown properties, and answer TX_MALFORMED for a bad geo-stamp.
  // The querystring keeps Fastify's usual coercion.
  const queryAjv = new Ajv({ strict: false, coerceTypes: 'array', useDefaults: true });
  const txValidatorCompiler = ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    httpPart === 'body' ? () => true : queryAjv.compile(schema);

  // Transaction bodies are parsed and checked in the worker threads, not here: the JSON parser
  // hands over the text (still bounded by bodyLimit). Only POST /v1/transactions takes a body.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  const statusView = (s: TxStatus, withTx: boolean) => {
    if (!withTx || s.status === 'rejected') return s;
    const row = node.store.txById(s.id);
    if (row) return { ...s, tx: (JSON.parse(row.entry) as { tx: unknown }).tx };
    return s;
  };

  // ---- transactions ----
  app.post<{ Querystring: { waitMs?: number }; Body: unknown }>(
    '/v1/transactions',
    {
      validatorCompiler: txValidatorCompiler,
      schema: {
        summary: 'Submit one signed transaction, or a batch (all or nothing)',
        querystring: {
          type: 'object',
          properties: {
            waitMs: { type: 'integer', minimum: 0, description: 'wait until committed' },
          },
        },
        body: {
          oneOf: [
            { $ref: 'SignedTransaction#' },
            {
              type: 'array',
              minItems: 1,
              maxItems: node.opts.batchTxMax,
              items: { $ref: 'SignedTransaction#' },
            },
          ],
        },
        response: {
          202: {
            description: 'Accepted: durably stored, pending inclusion in a block',
            type: 'object',
            properties: {
              accepted: { type: 'integer' },
              results: { type: 'array', items: { $ref: 'TransactionStatus#' } },
              id: hex64,
              status: { type: 'string' },
            },
          },
          200: {
            description: 'Accepted and, as asked with waitMs, no longer pending',
            type: 'object',
            additionalProperties: true,
          },
          ...problemResponses,
          409: { $ref: 'Problem#' },
          413: { $ref: 'Problem#' },
          503: { $ref: 'Problem#' },
        },
      },
    },
    async (req: FastifyRequest<{ Querystring: { waitMs?: number }; Body: unknown }>, reply) => {
      if (node.closing) return sendProblem(req, reply, 503, 'NODE_NOT_READY');
      // The body arrives as text (see the parser above); a worker thread parses and checks it.
      const submitted = await node.submitRaw(String(req.body), { atomic: true });
      if (!submitted.ok) {
        return sendProblem(req, reply, statusOf(submitted.code), submitted.code, submitted.detail);
      }
      const { single, outcomes } = submitted;
      const failed = outcomes.filter((o) => !o.ok);
      if (failed.length > 0) {
        const first = outcomes.find((o) => !o.ok && o.code !== 'BATCH_REJECTED') ?? failed[0];
        const code = first && !first.ok ? first.code : 'BATCH_REJECTED';
        const status = statusOf(code);
        if (status === 503) reply.header('retry-after', '1');
        return sendProblem(
          req,
          reply,
          status,
          code,
          first && !first.ok ? first.detail : undefined,
          single
            ? first && !first.ok && first.id
              ? { id: first.id }
              : {}
            : {
                errors: outcomes.flatMap((o, index) =>
                  o.ok
                    ? []
                    : [
                        {
                          index,
                          code: o.code,
                          ...(o.id ? { id: o.id } : {}),
                          ...(o.detail ? { detail: o.detail } : {}),
                        },
                      ],
                ),
              },
        );
      }
      const ids = outcomes.map((o) => (o.ok ? o.id : ''));
      const waitMs = Math.min(req.query.waitMs ?? 0, opts.waitMsMax);
      let results: TxStatus[] | undefined;
      if (waitMs > 0) {
        const last = ids[ids.length - 1] ?? '';
        await node.waitFor(last, waitMs);
        results = ids.map((id) => node.txStatus(id)).filter((s): s is TxStatus => !!s);
      }
      const code = results && results.every((r) => r.status !== 'pending') ? 200 : 202;
      const view = results ?? ids.map((id) => ({ id, status: 'pending' as const }));
      if (single) {
        reply.header('location', `/v1/transactions/${ids[0]}`);
        return reply.code(code).send(view[0]);
      }
      return reply.code(code).send({ accepted: ids.length, results: view });
    },
  );

  app.get(
    '/v1/transactions/:id',
    {
      schema: {
        summary: 'Status of a transaction: pending, committed, final or rejected',
        params: { type: 'object', properties: { id: hex64 }, required: ['id'] },
        response: { 200: { $ref: 'TransactionStatus#' }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const s = node.txStatus(req.params.id);
      if (!s) return sendProblem(req, reply, 404, 'TX_NOT_FOUND');
      return statusView(s, true);
    },
  );

  app.get(
    '/v1/transactions/:id/receipt',
    {
      schema: {
        summary: 'A receipt: the transaction, its inclusion proof and a signed checkpoint',
        params: { type: 'object', properties: { id: hex64 }, required: ['id'] },
        response: {
          200: { type: 'object', additionalProperties: true },
          ...problemResponses,
          409: { $ref: 'Problem#' },
        },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const parts = node.receiptParts(req.params.id);
      if (!parts) {
        const s = node.txStatus(req.params.id);
        if (s) return sendProblem(req, reply, 409, 'TX_NOT_COMMITTED', `status: ${s.status}`);
        return sendProblem(req, reply, 404, 'TX_NOT_FOUND');
      }
      return buildReceipt({
        origin: node.origin,
        network: node.network,
        txId: req.params.id,
        logIndex: parts.logIndex,
        entry: parts.entry as never,
        logSize: parts.logSize,
        proof: parts.proof,
        checkpoint: parts.checkpoint,
      });
    },
  );

  app.get(
    '/v1/accounts/:did',
    {
      schema: {
        summary: 'The next sequence number a sender should use',
        params: {
          type: 'object',
          properties: { did: { type: 'string', maxLength: 256 } },
          required: ['did'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              did: { type: 'string' },
              seq: { type: 'integer' },
              nextSeq: { type: 'integer' },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (req: FastifyRequest<{ Params: { did: string } }>) => {
      const seq = accountSeq(node.state, req.params.did);
      return { did: req.params.did, seq, nextSeq: node.nextSeqFor(req.params.did) };
    },
  );

  // ---- blocks ----
  const blockView = (height: number, withTxs: boolean) => {
    const row = node.store.getBlock(height);
    if (!row) return undefined;
    const header = JSON.parse(row.header) as BlockHeader;
    return {
      height: row.height,
      hash: row.hash,
      header,
      checkpoint: row.checkpoint,
      ...(withTxs ? { txIds: node.store.txsOfHeight(height).map((t) => t.id) } : {}),
    };
  };

  app.get(
    '/v1/blocks',
    {
      schema: {
        summary: 'Blocks, newest first, a page at a time',
        querystring: {
          type: 'object',
          properties: {
            before: { type: 'integer', minimum: 0, description: 'heights below this' },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              blocks: { type: 'array', items: { $ref: 'Block#' } },
              next: { type: ['string', 'null'] },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (req: FastifyRequest<{ Querystring: { before?: number; limit?: number } }>) => {
      const limit = req.query.limit ?? 20;
      const top = Math.min(node.height, (req.query.before ?? node.height + 1) - 1);
      const from = Math.max(0, top - limit + 1);
      const blocks =
        top < 0
          ? []
          : node.store
              .blocks(from, top)
              .reverse()
              .map((r) => blockView(r.height, false));
      return { blocks, next: from > 0 ? `/v1/blocks?before=${from}&limit=${limit}` : null };
    },
  );

  app.get(
    '/v1/blocks/:height',
    {
      schema: {
        summary: 'One block: header, hash, checkpoint and transaction ids',
        params: {
          type: 'object',
          properties: { height: { type: 'string' } },
          required: ['height'],
        },
        response: { 200: { $ref: 'Block#' }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { height: string } }>, reply) => {
      const h = heightOf(req.params.height);
      const b = h === undefined ? undefined : blockView(h, true);
      if (!b) return sendProblem(req, reply, 404, 'BLOCK_NOT_FOUND');
      return b;
    },
  );

  app.get(
    '/v1/blocks/:height/transactions',
    {
      schema: {
        summary: 'The log entries of a block (for auditors and observers)',
        params: {
          type: 'object',
          properties: { height: { type: 'string' } },
          required: ['height'],
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { height: string } }>, reply) => {
      const h = heightOf(req.params.height);
      if (h === undefined || !node.store.getBlock(h))
        return sendProblem(req, reply, 404, 'BLOCK_NOT_FOUND');
      const rows = node.store.txsOfHeight(h);
      return {
        height: h,
        entries: rows.map((r) => ({
          logIndex: r.logIndex,
          id: r.id,
          entry: JSON.parse(r.entry) as unknown,
        })),
      };
    },
  );

  // ---- checkpoint and proofs ----
  app.get(
    '/v1/checkpoint',
    {
      schema: {
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note)',
        produces: ['text/plain'],
        response: { 200: { type: 'string' } },
      },
    },
    async (_req, reply) => reply.type('text/plain; charset=utf-8').send(node.checkpoint),
  );

  app.get(
    '/v1/proofs/inclusion',
    {
      schema: {
        summary: 'RFC 9162 inclusion proof of a log entry, by transaction id or by index',
        querystring: {
          type: 'object',
          properties: {
            id: hex64,
            index: { type: 'integer', minimum: 0 },
            size: { type: 'integer', minimum: 1 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              logIndex: { type: 'integer' },
              logSize: { type: 'integer' },
              leafHash: hex64,
              proof: { type: 'array', items: hex64 },
              root: hex64,
            },
          },
          ...problemResponses,
        },
      },
    },
    async (
      req: FastifyRequest<{ Querystring: { id?: string; index?: number; size?: number } }>,
      reply,
    ) => {
      let index = req.query.index;
      if (req.query.id) {
        const row = node.store.txById(req.query.id);
        if (!row) return sendProblem(req, reply, 404, 'TX_NOT_FOUND');
        index = row.logIndex;
      }
      // Proofs are for sizes a signed checkpoint covers: the in-memory log runs ahead of the
      // head block while a block is being signed and stored.
      const logSize = node.headHeader.logSize;
      const size = req.query.size ?? logSize;
      if (index === undefined || index >= size || size > logSize) {
        return sendProblem(req, reply, 400, 'PROOF_RANGE', `need index < size <= ${logSize}`);
      }
      return {
        logIndex: index,
        logSize: size,
        leafHash: toHex(node.log.leafHashAt(index)),
        proof: node.log.inclusionProof(index, size).map(toHex),
        root: toHex(node.log.root(size)),
      };
    },
  );

  app.get(
    '/v1/proofs/consistency',
    {
      schema: {
        summary: 'RFC 9162 consistency proof between two log sizes',
        querystring: {
          type: 'object',
          required: ['from'],
          properties: {
            from: { type: 'integer', minimum: 0 },
            to: { type: 'integer', minimum: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: 'integer' },
              to: { type: 'integer' },
              fromRoot: hex64,
              toRoot: hex64,
              proof: { type: 'array', items: hex64 },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (req: FastifyRequest<{ Querystring: { from: number; to?: number } }>, reply) => {
      const logSize = node.headHeader.logSize;
      const to = req.query.to ?? logSize;
      const from = req.query.from;
      if (from > to || to > logSize) {
        return sendProblem(req, reply, 400, 'PROOF_RANGE', `need from <= to <= ${logSize}`);
      }
      return {
        from,
        to,
        fromRoot: toHex(node.log.root(from)),
        toRoot: toHex(node.log.root(to)),
        proof: node.log.consistencyProof(from, to).map(toHex),
      };
    },
  );

  // ---- notary ----
  app.get(
    '/v1/notary/:digest',
    {
      schema: {
        summary: 'Was this document (by SHA-256 digest) notarised, when, where?',
        params: { type: 'object', properties: { digest: hex64 }, required: ['digest'] },
        response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { digest: string } }>, reply) => {
      const rec = lookupNotarised(node.state, req.params.digest);
      if (!rec) return sendProblem(req, reply, 404, 'NOTARY_NOT_FOUND');
      return {
        ...rec,
        status: node.txStatus(rec.txId)?.status,
        receipt: `/v1/transactions/${rec.txId}/receipt`,
      };
    },
  );

  // ---- identity: DID documents, trusted issuers, status anchors, consents, access ----
  app.addSchema({
    $id: 'DidDocument',
    type: 'object',
    description: 'W3C DID document of a member body, from its governance record',
    required: ['@context', 'id', 'verificationMethod', 'assertionMethod', 'authentication'],
    properties: {
      '@context': { type: 'array', items: { type: 'string' } },
      id: { type: 'string' },
      verificationMethod: {
        type: 'array',
        items: { type: 'object', additionalProperties: true },
      },
      assertionMethod: { type: 'array', items: { type: 'string' } },
      authentication: { type: 'array', items: { type: 'string' } },
    },
  });
  const sendDidDocument = (reply: FastifyReply, m: Member) =>
    reply.type('application/did+ld+json').send(didDocument(m));

  app.get(
    '/v1/dids/:did',
    {
      schema: {
        summary: 'The DID document of a member body (did:web), as the ledger holds its keys now',
        params: {
          type: 'object',
          properties: { did: { type: 'string', maxLength: 256 } },
          required: ['did'],
        },
        response: { 200: { $ref: 'DidDocument#' }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { did: string } }>, reply) => {
      const m = req.params.did.startsWith('did:web:')
        ? getMember(node.state, req.params.did)
        : undefined;
      if (!m) return sendProblem(req, reply, 404, 'DID_UNKNOWN');
      return sendDidDocument(reply, m);
    },
  );

  app.get(
    '/.well-known/did.json',
    {
      schema: {
        summary: 'did:web resolution: the DID document of the member body this Host names',
        response: { 200: { $ref: 'DidDocument#' }, ...problemResponses },
      },
    },
    async (req, reply) => {
      // did:web names the host without a port; DNS names are case-insensitive, DIDs are not.
      const host = (req.headers.host ?? '').replace(/:[0-9]*$/, '').toLowerCase();
      const m = /^[a-z0-9.-]{1,253}$/.test(host)
        ? getMember(node.state, `did:web:${encodeURIComponent(host)}`)
        : undefined;
      if (!m) return sendProblem(req, reply, 404, 'DID_UNKNOWN', 'no member body has this host');
      return sendDidDocument(reply, m);
    },
  );

  const ISSUERS_MAX = 1000;
  app.get(
    '/v1/trusted-issuers',
    {
      schema: {
        summary: 'Which member bodies may issue which credential types, with their periods',
        querystring: {
          type: 'object',
          properties: {
            vct: { type: 'string', pattern: VCT_RE.source, maxLength: VCT_LENGTH_MAX },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              height: { type: 'integer' },
              issuers: { type: 'array', items: { type: 'object', additionalProperties: true } },
              truncated: { type: 'boolean' },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (req: FastifyRequest<{ Querystring: { vct?: string } }>) => {
      const { vct } = req.query;
      const rows = node.store.stateRange(
        ID_KEYS.issuerPrefix + (vct === undefined ? '' : `${vct}/`),
        ISSUERS_MAX,
      );
      const issuers = rows
        .map(([, v]) => v as unknown as IssuerAuthorisation)
        // One vct may be a prefix of another ("…:1" and "…:1/x"): match it exactly.
        .filter((a) => vct === undefined || a.vct === vct)
        .map((a) => ({ ...a, authorisedNow: a.periods.at(-1)?.untilMs === undefined }));
      return { height: node.height, issuers, truncated: rows.length === ISSUERS_MAX };
    },
  );

  app.get(
    '/v1/status-anchors',
    {
      schema: {
        summary: 'The current anchor (digest, version, owner) of a status list, by its URI',
        querystring: {
          type: 'object',
          required: ['uri'],
          properties: { uri: { type: 'string', minLength: 1, maxLength: STATUS_URI_LENGTH_MAX } },
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Querystring: { uri: string } }>, reply) => {
      const a = getStatusAnchor(node.state, req.query.uri);
      if (!a) return sendProblem(req, reply, 404, 'STATUS_ANCHOR_NOT_FOUND');
      return a;
    },
  );

  app.get(
    '/v1/consents/:id',
    {
      schema: {
        summary: 'A consent (by the id of its grant transaction), withdrawn or not',
        params: { type: 'object', properties: { id: hex64 }, required: ['id'] },
        response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const c = getConsent(node.state, req.params.id);
      if (!c) return sendProblem(req, reply, 404, 'CONSENT_NOT_FOUND');
      return c;
    },
  );

  app.get(
    '/v1/access-records/:requestId',
    {
      schema: {
        summary: 'A holder’s record of one request for personal data, served or refused',
        params: {
          type: 'object',
          properties: { requestId: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
          required: ['requestId'],
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses },
      },
    },
    async (req: FastifyRequest<{ Params: { requestId: string } }>, reply) => {
      const r = getAccessRecord(node.state, req.params.requestId);
      if (!r) return sendProblem(req, reply, 404, 'ACCESS_RECORD_NOT_FOUND');
      return r;
    },
  );

  // ---- consortium ----
  const members = (): Member[] =>
    memberDids(node.state)
      .map((d) => getMember(node.state, d))
      .filter((m): m is Member => !!m);

  app.get(
    '/v1/consortium',
    {
      schema: {
        summary: 'The member bodies and validators, as the ledger holds them now',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => ({
      network: node.network,
      origin: node.origin,
      height: node.height,
      members: members(),
      // The set in force now; changes stated for later heights are in /v1/status.
      validators: validatorsAt(node.state, node.height),
      quorum: node.checkpointPolicy().quorum,
    }),
  );

  app.get(
    '/v1/genesis',
    {
      schema: {
        summary: 'The genesis file this ledger started from (what an auditor replays from)',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => node.genesis,
  );

  app.get(
    '/v1/consortium/keys',
    {
      schema: {
        summary: 'The consortium keys file (trust anchor for offline receipt verification)',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async (): Promise<ConsortiumKeys> => node.consortiumKeys(),
  );

  // ---- live events ----
  // Open event streams, ended when the server closes (hooks cannot be added once listening, and
  // an open stream would otherwise keep the server from closing).
  const sseStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...sseStreams]) end();
  });
  app.get(
    '/v1/events',
    {
      schema: {
        summary: 'Server-sent events: one `block` event per new block',
        produces: ['text/event-stream'],
      },
    },
    (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (ev: BlockEvent) =>
        res.write(`id: ${ev.height}\nevent: block\ndata: ${JSON.stringify(ev)}\n\n`);
      // Resume after a reconnect: replay what was missed (bounded).
      const last = heightOf(String(req.headers['last-event-id'] ?? ''));
      if (last !== undefined) {
        for (const r of node.store.blocks(Math.max(last + 1, node.height - 99), node.height)) {
          const h = JSON.parse(r.header) as BlockHeader;
          send({
            height: h.height,
            hash: r.hash,
            timeMs: h.timeMs,
            txCount: h.txCount,
            logSize: h.logSize,
          });
        }
      }
      res.write(`retry: 2000\n: connected at height ${node.height}\n\n`);
      node.events.on('block', send);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      const stop = () => {
        clearInterval(ping);
        node.events.off('block', send);
        sseStreams.delete(end);
      };
      const end = () => {
        stop();
        res.end();
      };
      sseStreams.add(end);
      req.raw.on('close', stop);
    },
  );

  // ---- operations ----
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply: FastifyReply) =>
    reply.type(metrics.contentType).send(await metrics.metrics()),
  );
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    if (node.closing) return sendProblem(req, reply, 503, 'NODE_NOT_READY', 'shutting down');
    if (node.mempoolSize >= node.opts.mempoolTxMax) {
      return sendProblem(req, reply, 503, 'NODE_NOT_READY', 'mempool full');
    }
    const obs = node.observerStatus();
    if (obs?.halted) {
      return sendProblem(
        req,
        reply,
        503,
        'OBSERVER_HALTED',
        `${obs.halted.code}: ${obs.halted.detail}`,
      );
    }
    const c = node.consortiumStatus();
    if (c?.halted) {
      return sendProblem(
        req,
        reply,
        503,
        'VALIDATOR_HALTED',
        `${c.halted.code}: ${c.halted.detail}`,
      );
    }
    return { status: 'ready', height: node.height, ...(c ? { consortium: c } : {}) };
  });
  // Equivocation evidence recorded on the ledger (decision 0009): public, like every proof.
  app.get('/v1/consortium/evidence', { schema: { hide: true } }, async () => ({
    evidence: node.store
      .stateRange(EVIDENCE_PREFIX, 1000)
      .map(([, v]) => v as unknown as EquivocationEvidence)
      .map((e) => ({
        validator: e.validator,
        height: e.height,
        reportedBy: e.reportedBy,
        txId: e.txId,
        recordedMs: e.recordedMs,
        noteA: e.noteA,
        noteB: e.noteB,
      })),
  }));
  // What an operator (and `cadwyn cluster status`) asks a node: its chain and its validator.
  app.get('/v1/status', { schema: { hide: true } }, async () => ({
    network: node.network,
    validator: node.validatorName,
    mode: node.opts.observe ? 'observer' : node.opts.consortium ? 'consortium' : 'solo',
    height: node.height,
    finalHeight: node.height,
    mempool: node.mempoolSize,
    ...(node.consortiumStatus() ? { consortium: node.consortiumStatus() } : {}),
    ...(node.observerStatus() ? { observer: node.observerStatus() } : {}),
  }));
  return app;
}
