// The identity services as one Fastify plugin: issuer (OID4VCI), verifier (OID4VP), data
// exchange and "who used my data". Its own body parsers: JSON parsed here (the ledger routes
// take raw text for the worker threads), and OAuth's form encoding.
import type { FastifyInstance } from 'fastify';
import type { CadwynNode } from '../node.js';
import type { IdentityContext } from './context.js';
import { createIdentityContext } from './context.js';
import { registerExchange } from './exchange.js';
import { registerHistory } from './history.js';
import { registerIssuer } from './issuer.js';
import { registerVerifier } from './verifier.js';

export interface IdentityServices {
  readonly ctx: IdentityContext;
  /** Finishes work a crash left half done (status lists anchored but not yet served). */
  recover(): Promise<void>;
  close(): void;
}

export async function registerIdentity(
  app: FastifyInstance,
  node: CadwynNode,
  baseUrl: () => string,
): Promise<IdentityServices> {
  const ctx = createIdentityContext(node, baseUrl);
  let recover: () => Promise<void> = async () => {};
  await app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, body.length === 0 ? {} : JSON.parse(String(body)));
      } catch {
        done(
          Object.assign(new Error('malformed JSON'), {
            code: 'FST_ERR_CTP_INVALID_JSON_BODY',
            statusCode: 400,
          }),
        );
      }
    });
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const lists = registerIssuer(scope, ctx);
    registerVerifier(scope, ctx, lists);
    registerExchange(scope, ctx);
    registerHistory(scope, ctx);
    recover = () => lists.recover();
  });
  return {
    ctx,
    recover: () => recover(),
    close: () => ctx.db.close(),
  };
}
