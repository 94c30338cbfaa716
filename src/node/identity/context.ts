// What the identity services of a node share: the node, the services' own database, the bodies
// it acts for, its public URL, a clock and randomness (passed in, so tests can fix them).
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../problems.js';
import type { CadwynNode } from '../node.js';
import type { HostedBody } from './bodies.js';
import { BodyActor, loadHostedBodies } from './bodies.js';
import { openServiceDb } from './service-db.js';
import { loadStaffToken, staffGuard } from './staff.js';

export interface Hosted {
  readonly body: HostedBody;
  readonly actor: BodyActor;
}

export interface IdentityContext {
  readonly node: CadwynNode;
  readonly db: Database.Database;
  readonly bodies: ReadonlyMap<string, Hosted>;
  /** The URL the world reaches this node at (issuer ids, status-list and response URIs). */
  readonly baseUrl: () => string;
  readonly clock: () => number;
  readonly random: (n: number) => Uint8Array;
  readonly staff: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  readonly staffToken: string;
}

export function createIdentityContext(
  node: CadwynNode,
  baseUrl: () => string,
  random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n)),
): IdentityContext {
  const dataDir = node.opts.dataDir;
  const bodies = new Map<string, Hosted>();
  for (const body of loadHostedBodies(dataDir)) {
    bodies.set(body.slug, { body, actor: new BodyActor(body, node) });
  }
  const staffToken = loadStaffToken(dataDir);
  return {
    node,
    db: openServiceDb(dataDir),
    bodies,
    baseUrl,
    clock: node.deps.clock,
    random,
    staff: staffGuard(staffToken),
    staffToken,
  };
}

/** The body named by the route, or a 404 problem (BODY_UNKNOWN) already sent. */
export function hostedOr404(
  ctx: IdentityContext,
  req: FastifyRequest,
  reply: FastifyReply,
  slug: string,
): Hosted | undefined {
  const h = ctx.bodies.get(slug);
  if (!h) void sendProblem(req, reply, 404, 'BODY_UNKNOWN', slug);
  return h;
}
