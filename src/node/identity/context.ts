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
import { hasStaffToken, loadStaffToken } from './staff.js';
import type { StaffRole } from '../../ledger/modules/staff.js';
import { StaffAccounts, staffActorOf, staffGuardFor } from './staff-accounts.js';

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
  /** A preHandler for a staff route needing `role` (bearer token, or a session of that body). */
  readonly staff: (
    role: StaffRole,
  ) => (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  readonly staffToken: string;
  readonly accounts: StaffAccounts;
  /** Puts what a staff member just did on the ledger (as their opaque account id). */
  recordStaff(
    req: FastifyRequest,
    slug: string,
    action: StaffActionName,
    ref?: string,
  ): Promise<void>;
}

export type StaffActionName = Parameters<typeof staffActionPayload>[1];

function staffActionPayload(
  actor: { account: string; role: StaffRole },
  action:
    | 'offer-created'
    | 'credential-status-changed'
    | 'presentation-requested'
    | 'data-requested'
    | 'record-kept'
    | 'document-notarised'
    | 'governance-proposed'
    | 'governance-signed'
    | 'governance-withdrawn'
    | 'business-approved'
    | 'business-refused'
    | 'business-amended'
    | 'business-dissolved'
    | 'licence-granted'
    | 'licence-revoked'
    | 'title-registered'
    | 'title-restricted'
    | 'title-restriction-removed'
    | 'transfer-approved'
    | 'transfer-refused'
    | 'transfer-registered'
    | 'operator-registered'
    | 'operator-revoked'
    | 'goods-result-recorded'
    | 'lot-recalled',
  ref?: string,
) {
  return { account: actor.account, role: actor.role, action, ...(ref ? { ref } : {}) };
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
  const bearer = hasStaffToken(staffToken);
  const ctx = {
    node,
    db: openServiceDb(dataDir),
    bodies,
    baseUrl,
    clock: node.deps.clock,
    random,
    staffToken,
  } as Omit<IdentityContext, 'accounts' | 'staff' | 'recordStaff'> & Partial<IdentityContext>;
  const full = ctx as IdentityContext;
  const accounts = new StaffAccounts(full);
  Object.assign(ctx, {
    accounts,
    staff: (role: StaffRole) => staffGuardFor(full, accounts, bearer, role),
    async recordStaff(req: FastifyRequest, slug: string, action: StaffActionName, ref?: string) {
      const actor = staffActorOf(req);
      const hosted = bodies.get(slug);
      if (!actor || !hosted) return;
      await hosted.actor.submit('staff.action', staffActionPayload(actor, action, ref));
    },
  });
  return full;
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
