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
import { registerStaffRoutes } from './staff-accounts.js';
import { registerPortal } from './portal.js';
import { registerGovernance } from './governance.js';
import { registerBusinessRoutes } from '../business-routes.js';
import { registerBusinessApplyRoutes } from '../business-apply-routes.js';
import { registerTitleRoutes } from '../title-routes.js';
import { registerGoodsRoutes } from '../goods-routes.js';
import { registerTitleStaffRoutes } from '../title-staff-routes.js';
import { registerGoodsStaffRoutes } from '../goods-staff-routes.js';

export interface IdentityServices {
  readonly ctx: IdentityContext;
  /** Finishes work a crash left half done (status lists anchored but not yet served). */
  recover(): Promise<void>;
  /** Resolves once the demo staff accounts exist (made in the background on first start). */
  staffReady(): Promise<void>;
  close(): Promise<void>;
}

export async function registerIdentity(
  app: FastifyInstance,
  node: CadwynNode,
  baseUrl: () => string,
  opts: { readonly demoStaffAccounts?: boolean } = {},
): Promise<IdentityServices> {
  const ctx = createIdentityContext(node, baseUrl);
  let recover: () => Promise<void> = async () => {};
  let staffReady: Promise<void> = Promise.resolve();
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
    registerStaffRoutes(scope, ctx, ctx.accounts);
    const lists = registerIssuer(scope, ctx);
    registerVerifier(scope, ctx, lists);
    registerExchange(scope, ctx);
    registerHistory(scope, ctx);
    registerPortal(scope, ctx);
    registerGovernance(scope, ctx);
    registerBusinessRoutes(scope, ctx);
    registerBusinessApplyRoutes(scope, ctx, lists);
    registerTitleRoutes(scope, ctx);
    registerGoodsRoutes(scope, ctx);
    registerTitleStaffRoutes(scope, ctx);
    registerGoodsStaffRoutes(scope, ctx);
    recover = async () => {
      // Hashing 18 demo passwords takes a second or two of the thread pool: not in the way of
      // start-up. `staffReady` says when they exist.
      if (opts.demoStaffAccounts !== false) {
        staffReady = ctx.accounts.ensureDemoAccounts(node.opts.dataDir).catch((e: unknown) => {
          node.deps.logger.error({ err: String(e) }, 'demo staff accounts not created');
        });
      }
      await lists.recover();
    };
  });
  return {
    ctx,
    recover: () => recover(),
    staffReady: () => staffReady,
    close: async () => {
      // Demo accounts still being hashed are dropped (they are made again at the next start).
      ctx.accounts.closed = true;
      ctx.db.close();
    },
  };
}
