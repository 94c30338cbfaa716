// (f) the offline audit (`cadwyn verify DIR --json`) of a stopped node's data directory, and
// (g) the bytes its database takes per transaction.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { CLI, REPO_ROOT } from './child.js';

export interface AuditResult {
  readonly ok: boolean;
  readonly seconds: number;
  readonly txCount: number;
  readonly height: number;
  readonly txPerSec: number;
  /** Linear extrapolation of the wall time to 1,000,000 transactions. */
  readonly secondsPer1M: number;
  readonly extrapolated: boolean;
  /** What the audit itself says it took (without process start-up). */
  readonly reportMs?: number;
  readonly detail?: string;
  /** The command's exit was clean but it printed no report. */
  readonly noReport?: boolean;
  readonly args: readonly string[];
}

/** Runs `node bin/cadwyn.js verify DIR --json [extra]` and times it, start-up included. */
export function auditDir(
  dir: string,
  timeoutMs: number,
  extra: readonly string[] = [],
): Promise<AuditResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const args = ['verify', dir, '--json', ...extra];
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString('utf8')).slice(-4096)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      let report: {
        ok?: boolean;
        txCount?: number;
        height?: number;
        ms?: number;
        code?: string;
        detail?: string;
      } = {};
      try {
        report = JSON.parse(out) as typeof report;
      } catch {
        // no JSON: reported below
      }
      const txCount = report.txCount ?? 0;
      const ok = code === 0 && report.ok === true;
      const noReport = code === 0 && report.ok === undefined;
      resolve({
        ok,
        args: ['cadwyn', ...args.slice(0, 1), '<dir>', ...args.slice(2)],
        ...(noReport ? { noReport } : {}),
        seconds,
        txCount,
        height: report.height ?? 0,
        txPerSec: txCount / seconds,
        secondsPer1M: txCount > 0 ? (seconds * 1_000_000) / txCount : NaN,
        extrapolated: txCount < 1_000_000,
        ...(report.ms === undefined ? {} : { reportMs: report.ms }),
        ...(ok
          ? {}
          : {
              detail:
                report.code !== undefined
                  ? `${report.code}: ${report.detail ?? ''}`
                  : noReport
                    ? `exit 0 after ${seconds.toFixed(1)} s with no report on stdout`
                    : `exit ${code ?? signal}: ${err.trim().slice(-500) || out.slice(-500)}`,
            }),
      });
    });
  });
}

export interface DiskResult {
  readonly txCount: number;
  /** cadwyn.db + -wal + -shm as the stopped node left them. */
  readonly bytesAsLeft: number;
  /** The same after a WAL checkpoint (TRUNCATE): the database file alone. */
  readonly bytesCheckpointed: number;
  readonly bytesPerTx: number;
  /** Bytes per table/index (dbstat), where SQLite has it. */
  readonly byObject?: Readonly<Record<string, number>>;
}

const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);

export function diskUse(dir: string): DiskResult {
  const db = join(dir, 'cadwyn.db');
  const files = [db, `${db}-wal`, `${db}-shm`];
  const bytesAsLeft = files.reduce((a, f) => a + size(f), 0);
  const conn = new Database(db);
  let txCount = 0;
  let byObject: Record<string, number> | undefined;
  try {
    conn.pragma('wal_checkpoint(TRUNCATE)');
    txCount = (conn.prepare('SELECT count(*) AS n FROM txs').get() as { n: number }).n;
    try {
      const rows = conn
        .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC')
        .all() as { name: string; bytes: number }[];
      byObject = Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
    } catch {
      // SQLite built without the dbstat table
    }
  } finally {
    conn.close();
  }
  const bytesCheckpointed = files.reduce((a, f) => a + size(f), 0);
  return {
    txCount,
    bytesAsLeft,
    bytesCheckpointed,
    bytesPerTx: txCount > 0 ? bytesCheckpointed / txCount : NaN,
    ...(byObject ? { byObject } : {}),
  };
}
