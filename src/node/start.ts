// Wires a node to its HTTP API: what `cadwyn start` and the tests run.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi, defaultApiOptions } from './api.js';
import { existsSync } from 'node:fs';
import type { Genesis } from '../ledger/genesis.js';
import { FILES, initDataDir, initObserverDataDir, writeFileAtomic } from './datadir.js';
import type { Logger, NodeOptions } from './node.js';
import { CadwynNode, defaultNodeOptions } from './node.js';
import type { IdentityServices } from './identity/routes.js';
import { registerIdentity } from './identity/routes.js';
import type { SeedOutcome } from './demo-registers.js';
import { seedDemoRegisters } from './demo-registers.js';
import { seedDemoGoods } from './demo-goods.js';
import { seedDemoTitlesLogged } from './demo-titles.js';
import { defaultWebOptions, registerWeb } from './web.js';
import { registerSnapshotRoutes } from './consortium/sync.js';

export interface StartOptions extends Partial<Omit<NodeOptions, 'dataDir'>> {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** Structured JSON logs to stdout at this level; false for none. */
  readonly logLevel?: string | false;
  readonly onCreated?: (dir: string) => void;
  readonly clock?: () => number;
  /** The URL wallets and other nodes reach this node at; the listening address otherwise. */
  readonly publicUrl?: string;
  /** The built web faces (default dist/web); false serves the API only. */
  readonly webRoot?: string | false;
  /** Make the demo staff accounts (data/demo-staff.json) on first start; default true. */
  readonly demoStaffAccounts?: boolean;
  /**
   * Put the demo business register on the ledger once (skipped when the register has entries);
   * `cadwyn start` turns it on, tests leave it off. Runs in the background after listening.
   */
  readonly demoRegisters?: boolean;
}

export interface RunningNode {
  readonly node: CadwynNode;
  readonly app: FastifyInstance;
  readonly url: string;
  readonly identity: IdentityServices;
  /** Resolves when the demo register is on the ledger (or was not asked for, or failed). */
  readonly demoRegistersReady: Promise<SeedOutcome | undefined>;
  close(): Promise<void>;
}

export async function startNode(o: StartOptions): Promise<RunningNode> {
  const clock = o.clock ?? Date.now;
  if (o.observe && !existsSync(join(o.dataDir, FILES.genesis))) {
    // An observer starts from the genesis of the node it follows (its hash is logged, for the
    // operator to compare with the one the consortium publishes).
    const r = await fetch(`${o.observe.url.replace(/\/+$/, '')}/v1/genesis`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!r.ok) throw new Error(`${o.observe.url}: no genesis (HTTP ${r.status})`);
    initObserverDataDir(o.dataDir, (await r.json()) as Genesis);
  }
  const init = initDataDir(o.dataDir, clock());
  if (init.created) o.onCreated?.(o.dataDir);
  const level = o.logLevel ?? process.env.LOG_LEVEL ?? 'info';
  const app0Logger =
    level === false
      ? false
      : {
          level,
          // Never log credentials or bodies; request logs carry method, url and status only.
          redact: ['req.headers.authorization', 'req.headers.cookie'],
        };
  const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
  let logger: Logger = silent;
  const node = await CadwynNode.open(
    {
      ...defaultNodeOptions,
      verifyWorkers: Math.max(1, availableParallelism()),
      ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
      dataDir: o.dataDir,
    } as NodeOptions,
    {
      clock,
      logger: {
        info: (a, b) => logger.info(a, b),
        warn: (a, b) => logger.warn(a, b),
        error: (a, b) => logger.error(a, b),
      },
    },
    init.genesis,
  );
  let app: FastifyInstance;
  let identity: IdentityServices | undefined;
  let url = o.publicUrl?.replace(/\/+$/, '') ?? '';
  try {
    app = await buildApi(node, { ...defaultApiOptions, logger: app0Logger });
    registerSnapshotRoutes(app, node.store);
    identity = await registerIdentity(app, node, () => url, {
      demoStaffAccounts: o.demoStaffAccounts ?? true,
    });
    if (level !== false) logger = app.log;
    // After the API and identity routes: the site's routes are exact paths, never shadowing them.
    await registerWeb(app, { root: o.webRoot ?? defaultWebOptions.root, publicUrl: () => url });
    writeFileAtomic(
      join(o.dataDir, FILES.consortiumKeys),
      JSON.stringify(node.consortiumKeys(), null, 2) + '\n',
    );
    await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    await node.close();
    await identity?.close();
    throw e;
  }
  const services = identity;
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const listening = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  if (!url) url = listening;
  // A status list a crash left anchored-but-unserved (or the reverse) is finished first.
  await services.recover();
  const demoRegistersReady: Promise<SeedOutcome | undefined> = o.demoRegisters
    ? seedDemoRegisters(services.ctx).then(
        async (r) => {
          if (r.seeded) node.deps.logger.info({ ...r }, 'demo business register seeded');
          // The demo goods register moves lots between organisations of the one above (0011).
          await seedDemoGoods(services.ctx).then(
            (g) => g.seeded && node.deps.logger.info({ ...g }, 'demo goods register seeded'),
            (e: unknown) =>
              node.deps.logger.error({ err: String(e) }, 'demo goods register not seeded'),
          );
          // The demo title register (0012), under the same switch; it logs its own outcome.
          await seedDemoTitlesLogged(services.ctx);
          return r;
        },
        (e: unknown) => {
          node.deps.logger.error({ err: String(e) }, 'demo business register not seeded');
          return undefined;
        },
      )
    : Promise.resolve(undefined);
  return {
    node,
    app,
    url: listening,
    identity: services,
    demoRegistersReady,
    async close() {
      // Seeding still under way is let finish first (its transactions are mid-flight).
      await demoRegistersReady;
      // Stop taking requests, finish in-flight ones, then let the node commit what it holds.
      await app.close();
      await node.close();
      await services.close();
    },
  };
}
