// The personal-data scanner of issue 6: opens a node's SQLite files read-only and looks in every
// text value of every table (blobs too, read as UTF-8) for a demo persona's name, address,
// postcode or birth date, for anything shaped like a UK postcode, for a birth-date claim, and for
// a first name beside a surname. Matching ignores case and accents ("Sian" finds "Siân").
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface PiiNeedles {
  /** Values that must never be stored: full names, street addresses, postcodes, birth dates. */
  readonly values: readonly { readonly kind: string; readonly value: string }[];
  /** First names and surnames: any first name followed by any surname is a person's name. */
  readonly firstNames: readonly string[];
  readonly surnames: readonly string[];
}

export interface PiiFinding {
  readonly file: string;
  readonly table: string;
  readonly column: string;
  readonly kind: string;
  readonly match: string;
}

/** Lower case, accents dropped, runs of white space as one space. */
export const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A UK postcode standing on its own: not inside a longer run of base64url or hex characters
// (ids, keys and signatures are full of short letter-digit runs).
// Not inside base64 (standard or url-safe): a signature once held `+LG7E3ZB/` (CI).
const POSTCODE_RE =
  /(?<![A-Za-z0-9_+/=-])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPS-UW]? ?[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9_+/=-])/g;
// A birth date as a claim: a key naming it, then an ISO date.
const BIRTH_CLAIM_RE =
  /(?:birth_?date|date_?of_?birth|\bdob)["']?\s*[:=]\s*["']?(\d{4}-\d{2}-\d{2})/gi;

/**
 * A value as a whole token of the folded text: "NP201AA" inside a random key is no postcode. A
 * date may run on into a time ("1990-04-12T00:00").
 */
function valueRe(value: string): RegExp {
  const v = fold(value);
  const end = /^\d{4}-\d{2}-\d{2}$/.test(v) ? '(?!\\d)' : '(?![a-z0-9])';
  return new RegExp(`(?<![a-z0-9])${escape(v)}${end}`);
}

/** Every finding in one string. */
export function scanText(text: string, needles: PiiNeedles): { kind: string; match: string }[] {
  const out: { kind: string; match: string }[] = [];
  const folded = fold(text);
  for (const v of needles.values) {
    if (valueRe(v.value).test(folded)) out.push({ kind: v.kind, match: v.value });
  }
  for (const m of text.matchAll(POSTCODE_RE)) out.push({ kind: 'postcode-shape', match: m[0] });
  for (const m of text.matchAll(BIRTH_CLAIM_RE))
    out.push({ kind: 'birth-date-claim', match: m[0] });
  if (needles.firstNames.length > 0 && needles.surnames.length > 0) {
    const pair = new RegExp(
      `\\b(${needles.firstNames.map((f) => escape(fold(f))).join('|')})\\s+(${needles.surnames
        .map((s) => escape(fold(s)))
        .join('|')})\\b`,
      'g',
    );
    for (const m of folded.matchAll(pair)) out.push({ kind: 'name-pair', match: m[0] });
  }
  return out;
}

/** Scans every table of one SQLite file, opened read-only. */
export function scanSqliteFile(file: string, needles: PiiNeedles): PiiFinding[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const findings: PiiFinding[] = [];
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
      name: string;
    }[];
    for (const { name: table } of tables) {
      const q = `SELECT * FROM "${table.replace(/"/g, '""')}"`;
      for (const row of db.prepare(q).iterate() as Iterable<Record<string, unknown>>) {
        for (const [column, v] of Object.entries(row)) {
          const text =
            typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
          if (text === undefined) continue;
          for (const f of scanText(text, needles)) findings.push({ file, table, column, ...f });
        }
      }
    }
  } finally {
    db.close();
  }
  return findings;
}

/** Every SQLite file directly in a node's data directory (the ledger and the services' store). */
export function sqliteFilesIn(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((f) => /\.(db|sqlite3?)$/.test(f))
    .map((f) => join(dataDir, f));
}

export function scanDataDir(dataDir: string, needles: PiiNeedles): PiiFinding[] {
  return sqliteFilesIn(dataDir).flatMap((f) => scanSqliteFile(f, needles));
}
