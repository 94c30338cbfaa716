// Staff accounts of the bodies a node hosts, for the Portal: roles, scrypt-hashed passwords
// (memory-hard), sessions that expire, a lock after repeated failures. Accounts live in
// services.db; sessions in memory (a restart signs everyone out, which is safe).
//   POST   /v1/staff/sessions  {username, password} → session cookie
//   GET    /v1/staff/session                        → who is signed in
//   DELETE /v1/staff/session                        → sign out
// On first start the demo gets two accounts per body (an officer with every working role and an
// administrator); their passwords are written once to data/demo-staff.json (mode 0600).
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../ledger/modules/staff.js';
import { STAFF_ROLES } from '../../ledger/modules/staff.js';
import { writeFileAtomic } from '../datadir.js';
import { registerTitles, sendProblem } from '../problems.js';
import type { IdentityContext } from './context.js';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 8 * 3_600_000;
const FAILURES_MAX = 5;
const LOCK_MS = 15 * 60_000;
export const SESSION_COOKIE = 'cadwyn_staff';
export const DEMO_STAFF_FILE = 'demo-staff.json';

registerTitles({
  STAFF_SIGNIN_FAILED: {
    en: 'The username or password is not right',
    cy: 'Nid yw’r enw defnyddiwr neu’r cyfrinair yn gywir',
  },
  STAFF_SIGNIN_LOCKED: {
    en: 'Too many attempts: try again in 15 minutes',
    cy: 'Gormod o ymdrechion: rhowch gynnig arall ymhen 15 munud',
  },
  STAFF_ROLE_MISSING: {
    en: 'Your account does not have the role this needs',
    cy: 'Nid oes gan eich cyfrif y rôl sydd ei hangen ar gyfer hyn',
  },
});

export interface StaffSession {
  readonly token: string;
  readonly account: string;
  readonly username: string;
  readonly slug: string;
  readonly roles: readonly StaffRole[];
  readonly createdMs: number;
  lastMs: number;
}

interface AccountRow {
  id: string;
  slug: string;
  username: string;
  roles: string;
  salt: Buffer;
  hash: Buffer;
  n: number;
}

export class StaffAccounts {
  private readonly sessions = new Map<string, StaffSession>();
  private readonly failures = new Map<string, { count: number; untilMs: number }>();
  /** Set when the node closes: a background demo-account creation then writes nothing. */
  closed = false;

  constructor(private readonly ctx: IdentityContext) {
    ctx.db.exec(`CREATE TABLE IF NOT EXISTS staff_accounts (
      id TEXT PRIMARY KEY, slug TEXT NOT NULL, username TEXT NOT NULL UNIQUE,
      roles TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL, n INTEGER NOT NULL,
      created_ms INTEGER NOT NULL, demo INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`);
  }

  private async row(slug: string, username: string, password: string, roles: StaffRole[]) {
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32, SCRYPT);
    return { id: randomBytes(8).toString('hex'), slug, username, roles, salt, hash };
  }

  private insert(rows: Awaited<ReturnType<StaffAccounts['row']>>[], demo: boolean): void {
    const ins = this.ctx.db.prepare(
      `INSERT INTO staff_accounts (id, slug, username, roles, salt, hash, n, created_ms, demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows) {
      ins.run(
        r.id,
        r.slug,
        r.username,
        JSON.stringify(r.roles),
        r.salt,
        r.hash,
        SCRYPT.N,
        this.ctx.clock(),
        demo ? 1 : 0,
      );
    }
  }

  async create(slug: string, username: string, password: string, roles: StaffRole[]) {
    const r = await this.row(slug, username, password, roles);
    this.insert([r], false);
    return r.id;
  }

  /**
   * Demo accounts for every hosted body, once; the passwords go to data/demo-staff.json. All
   * rows land in one transaction before the file: a crash in between leaves no file, and the
   * next start makes the demo accounts afresh.
   */
  async ensureDemoAccounts(dataDir: string): Promise<void> {
    const file = join(dataDir, DEMO_STAFF_FILE);
    if (existsSync(file)) return;
    const rows: Awaited<ReturnType<StaffAccounts['row']>>[] = [];
    const accounts: { username: string; password: string; body: string; roles: StaffRole[] }[] = [];
    for (const { body } of this.ctx.bodies.values()) {
      for (const [who, roles] of [
        ['officer', ['issuer', 'verifier', 'registrar', 'auditor']],
        ['admin', ['administrator', 'auditor']],
      ] as const) {
        const username = `${body.slug}.${who}`;
        // Four groups of four letters and digits: easy to type on a phone, 82 bits.
        const password = randomBytes(12)
          .toString('base64url')
          .replace(/[-_]/g, 'x')
          .slice(0, 16)
          .replace(/(.{4})(?!$)/g, '$1-');
        rows.push(await this.row(body.slug, username, password, [...roles]));
        accounts.push({ username, password, body: body.did, roles: [...roles] });
      }
    }
    if (this.closed) return;
    this.ctx.db.transaction(() => {
      this.ctx.db.prepare(`DELETE FROM staff_accounts WHERE demo = 1`).run();
      this.insert(rows, true);
    })();
    writeFileAtomic(file, JSON.stringify({ accounts }, null, 2) + '\n', 0o600);
  }

  private sweep(now: number): void {
    for (const [k, s] of this.sessions) {
      if (now - s.lastMs > SESSION_IDLE_MS || now - s.createdMs > SESSION_MAX_MS) {
        this.sessions.delete(k);
      }
    }
  }

  /** The live session for a request's cookie, refreshed; undefined when none or expired. */
  sessionOf(req: FastifyRequest): StaffSession | undefined {
    const cookie = req.headers.cookie ?? '';
    const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{43})`).exec(cookie);
    if (!m?.[1]) return undefined;
    const now = this.ctx.clock();
    this.sweep(now);
    const s = this.sessions.get(m[1]);
    if (!s) return undefined;
    s.lastMs = now;
    return s;
  }

  async signIn(
    username: string,
    password: string,
  ): Promise<{ ok: true; session: StaffSession } | { ok: false; code: string }> {
    const now = this.ctx.clock();
    const f = this.failures.get(username);
    if (f && f.count >= FAILURES_MAX && f.untilMs > now) {
      return { ok: false, code: 'STAFF_SIGNIN_LOCKED' };
    }
    const row = this.ctx.db
      .prepare(`SELECT * FROM staff_accounts WHERE username = ?`)
      .get(username) as AccountRow | undefined;
    // Hash even for an unknown user, so timing does not tell which usernames exist.
    const salt = row?.salt ?? Buffer.alloc(16);
    const got = await scrypt(password, salt, 32, { ...SCRYPT, N: row?.n ?? SCRYPT.N });
    if (!row || !timingSafeEqual(got, row.hash)) {
      const prev = f && f.untilMs > now ? f.count : 0;
      this.failures.set(username, { count: prev + 1, untilMs: now + LOCK_MS });
      return { ok: false, code: 'STAFF_SIGNIN_FAILED' };
    }
    this.failures.delete(username);
    const session: StaffSession = {
      token: randomBytes(32).toString('base64url'),
      account: row.id,
      username: row.username,
      slug: row.slug,
      roles: (JSON.parse(row.roles) as string[]).filter((r): r is StaffRole =>
        (STAFF_ROLES as readonly string[]).includes(r),
      ),
      createdMs: now,
      lastMs: now,
    };
    this.sessions.set(session.token, session);
    return { ok: true, session };
  }

  signOut(token: string): void {
    this.sessions.delete(token);
  }

  cookieFor(session: StaffSession | undefined, secure: boolean): string {
    const base = `${SESSION_COOKIE}=${session?.token ?? ''}; Path=/; HttpOnly; SameSite=Strict`;
    const age = session ? `; Max-Age=${SESSION_MAX_MS / 1000}` : '; Max-Age=0';
    return base + age + (secure ? '; Secure' : '');
  }
}

export function registerStaffRoutes(
  app: FastifyInstance,
  ctx: IdentityContext,
  accounts: StaffAccounts,
): void {
  const view = (s: StaffSession) => {
    const body = ctx.bodies.get(s.slug);
    const member = body?.actor.member();
    return {
      username: s.username,
      account: s.account,
      body: { slug: s.slug, did: body?.body.did, name: member?.name },
      roles: s.roles,
      expiresMs: Math.min(s.lastMs + SESSION_IDLE_MS, s.createdMs + SESSION_MAX_MS),
    };
  };
  const secure = () => ctx.baseUrl().startsWith('https://');

  app.post<{ Body: { username: string; password: string } }>(
    '/v1/staff/sessions',
    {
      schema: {
        summary: 'Staff sign-in (Portal): sets a session cookie',
        tags: ['staff'],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 100 },
            password: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
    async (req, reply) => {
      const r = await accounts.signIn(req.body.username, req.body.password);
      if (!r.ok) {
        return sendProblem(req, reply, r.code === 'STAFF_SIGNIN_LOCKED' ? 429 : 401, r.code);
      }
      const hosted = ctx.bodies.get(r.session.slug);
      // Signing in matters: it is on the ledger (as an opaque account id).
      await hosted?.actor.submit('staff.action', {
        account: r.session.account,
        role: r.session.roles[0] ?? 'auditor',
        action: 'signed-in',
      });
      reply.header('set-cookie', accounts.cookieFor(r.session, secure()));
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(view(r.session));
    },
  );

  app.get(
    '/v1/staff/session',
    { schema: { summary: 'Who is signed in', tags: ['staff'] } },
    async (req, reply) => {
      const s = accounts.sessionOf(req);
      if (!s) return sendProblem(req, reply, 401, 'STAFF_UNAUTHORISED');
      reply.header('cache-control', 'no-store');
      return view(s);
    },
  );

  app.delete(
    '/v1/staff/session',
    { schema: { summary: 'Sign out', tags: ['staff'] } },
    async (req, reply) => {
      const s = accounts.sessionOf(req);
      if (s) accounts.signOut(s.token);
      reply.header('set-cookie', accounts.cookieFor(undefined, secure()));
      return reply.code(204).send();
    },
  );
}

/** Who did a staff request: a session (Portal) or the node's bearer token (CLI, tests). */
export interface StaffActor {
  readonly account: string;
  readonly role: StaffRole;
}

export function staffActorOf(req: FastifyRequest): StaffActor | undefined {
  return (req as unknown as { staffActor?: StaffActor }).staffActor;
}

/**
 * A preHandler for staff routes: the bearer token, or a session of the route's body (`:slug`)
 * holding `role`. Sets the actor on the request so the action can be recorded on the ledger.
 */
export function staffGuardFor(
  ctx: IdentityContext,
  accounts: StaffAccounts,
  bearer: (req: FastifyRequest) => boolean,
  role: StaffRole,
) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const actor = req as unknown as { staffActor?: StaffActor };
    if (bearer(req)) {
      // The node's operator token: recorded as the operator, an account of its own.
      actor.staffActor = { account: '0000000000000000', role };
      return;
    }
    const s = accounts.sessionOf(req);
    const slug = (req.params as { slug?: string } | undefined)?.slug;
    if (!s) {
      reply.header('www-authenticate', 'Bearer realm="cadwyn-staff"');
      return sendProblem(req, reply, 401, 'STAFF_UNAUTHORISED');
    }
    if (slug !== undefined && slug !== s.slug) {
      return sendProblem(req, reply, 403, 'STAFF_ROLE_MISSING', `signed in for ${s.slug}`);
    }
    if (!s.roles.includes(role)) return sendProblem(req, reply, 403, 'STAFF_ROLE_MISSING', role);
    actor.staffActor = { account: s.account, role };
  };
}
