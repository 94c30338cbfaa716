// (n) State commitment and snapshot sync on a large state (decision 0009 "Snapshots"): N state
// rows of notary-record size in a real SQLite store, then
//   - the commitment: scan the state in key order and hash every row (what a node does every
//     `snapshotEvery` blocks, inside the block cut),
//   - the snapshot copy: the state copied to `snapshot_rows` (same transaction, same blocks),
//   - the sync: every row paged over loopback HTTP from the real routes, the commitment
//     recomputed, and the rows installed into a fresh database in one transaction.
// `npx tsx bench/snapshot.ts [rows]` runs it alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { toHex } from '../src/core/bytes.js';
import { canonicalJson } from '../src/core/jcs.js';
import type { BlockHeader } from '../src/core/block.js';
import { LogFrontier } from '../src/ledger/block-builder.js';
import type { StateRow } from '../src/ledger/state-commitment.js';
import { stateCommitment } from '../src/ledger/state-commitment.js';
import { registerSnapshotRoutes, saveSnapshot } from '../src/node/consortium/sync.js';
import { Store } from '../src/node/store.js';
// The node's SHA-256 (OpenSSL), as every node process installs it.
import '../src/node/crypto-node.js';

export interface SnapshotBenchResult {
  rows: number;
  /** Scan + hash of the whole state, ms. */
  commitmentMs: number;
  /** The same, this process's CPU time only (the shared machine's wall clock is noisy). */
  commitmentCpuMs: number;
  /** The copy to snapshot_rows, ms. */
  copyMs: number;
  /** Paged download over HTTP + recompute + install, ms (and each part). */
  syncMs: number;
  downloadMs: number;
  verifyMs: number;
  installMs: number;
  pageSize: number;
}

export async function benchSnapshot(rows = 100_000, pageSize = 5000): Promise<SnapshotBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cadwyn-bench-snapshot-'));
  const src = new Store(join(dir, 'src.db'), { synchronous: 'NORMAL' });
  const dst = new Store(join(dir, 'dst.db'), { synchronous: 'NORMAL' });
  const app = Fastify({ logger: false });
  try {
    const put = src.db.prepare('INSERT INTO state (key, value) VALUES (?, ?)');
    src.atomically(() => {
      for (let i = 0; i < rows; i++) {
        const digest = toHex(new Uint8Array(32).map((_, j) => (i * 31 + j * 7) & 0xff)) + i;
        put.run(
          `notary/${digest}`,
          canonicalJson({
            by: `did:key:z6Mk${i.toString(36).padStart(44, 'x')}`,
            height: Math.floor(i / 100) + 1,
            timeMs: 1_767_225_600_000 + i,
          }),
        );
      }
    });

    const cpu0 = process.cpuUsage().user;
    let t = performance.now();
    const scanned = function* (): Iterable<StateRow> {
      for (const r of src.stateRows()) yield [r.key, r.value];
    };
    const root = stateCommitment(scanned());
    const commitmentMs = performance.now() - t;
    const commitmentCpuMs = (process.cpuUsage().user - cpu0) / 1000;

    const header = { height: 64 } as unknown as BlockHeader;
    t = performance.now();
    src.atomically(() =>
      saveSnapshot(src, { height: 64, hash: '', header, checkpoint: '' }, LogFrontier.empty()),
    );
    const copyMs = performance.now() - t;

    registerSnapshotRoutes(app, src);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

    const t0 = performance.now();
    const got: StateRow[] = [];
    let after = '';
    for (;;) {
      const r = await fetch(
        `${base}/v1/snapshot/64/state?after=${encodeURIComponent(after)}&limit=${pageSize}`,
      );
      const page = (await r.json()) as { rows: [string, string][]; more: boolean };
      for (const row of page.rows) got.push(row);
      if (!page.more || page.rows.length === 0) break;
      after = got[got.length - 1]?.[0] ?? '';
    }
    const downloadMs = performance.now() - t0;
    t = performance.now();
    if (toHex(stateCommitment(got)) !== toHex(root)) throw new Error('commitment differs');
    const verifyMs = performance.now() - t;
    t = performance.now();
    const ins = dst.db.prepare('INSERT INTO state (key, value) VALUES (?, ?)');
    dst.atomically(() => {
      for (const [k, v] of got) ins.run(k, v);
    });
    const installMs = performance.now() - t;
    return {
      rows,
      commitmentMs,
      commitmentCpuMs,
      copyMs,
      syncMs: performance.now() - t0,
      downloadMs,
      verifyMs,
      installMs,
      pageSize,
    };
  } finally {
    await app.close();
    src.close();
    dst.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const n = Number(process.argv[2] ?? 100_000);
  const r = await benchSnapshot(n);
  console.log(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v)));
}
