// Staff endpoints (create an offer, change a credential's status, ask for a presentation, ask
// another body for data) need a bearer token until the Portal's staff accounts replace it
// (issue 4). The token is made on first start, kept in data/staff-token (mode 0600), and
// compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { writeFileAtomic } from '../datadir.js';

export const STAFF_TOKEN_FILE = 'staff-token';

export function loadStaffToken(dataDir: string): string {
  const path = join(dataDir, STAFF_TOKEN_FILE);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  writeFileAtomic(path, token + '\n', 0o600);
  return token;
}

/** Does the request carry the node's staff token (constant-time compare)? */
export function hasStaffToken(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req: FastifyRequest): boolean => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
}
