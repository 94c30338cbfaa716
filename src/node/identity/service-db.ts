// The services' own off-ledger store (services.db beside cadwyn.db): what issuers, verifiers
// and data holders must remember that is not the ledger's business. No citizen's name, birth
// date or address is ever written here (decision 0006): the issuer keeps a credential's type
// and status-list slot, the holder keeps records keyed by pairwise DID.
import { join } from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS status_lists (
  slug TEXT NOT NULL,
  list INTEGER NOT NULL,
  uri TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  statuses BLOB NOT NULL,
  version INTEGER NOT NULL,
  token TEXT,
  digest TEXT,
  pending_token TEXT,
  pending_digest TEXT,
  PRIMARY KEY (slug, list)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS issued (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL,
  vct TEXT NOT NULL,
  list INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  status INTEGER NOT NULL,
  issued_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  UNIQUE (slug, list, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
  holder TEXT NOT NULL,
  subject TEXT NOT NULL,
  category TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (holder, subject, category)
) WITHOUT ROWID;
`;

export const SERVICES_DB = 'services.db';

export function openServiceDb(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, SERVICES_DB));
  db.pragma('journal_mode = WAL');
  // An issued credential's status slot must survive a crash once the credential left.
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  return db;
}
