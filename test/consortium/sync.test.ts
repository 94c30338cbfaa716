// Snapshot sync (issue 5 item 4, decision 0009 "Snapshots"): a node with an empty database
// installs the state at the latest commitment height from a peer — only after the rows hash to
// the cosigned commitment — and then follows block by block, verifying as before. A peer that
// changes one row gets a coded refusal, and nothing is written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/bytes.js';
import { MerkleLog, verifyInclusion } from '../../src/core/merkle.js';
import { parseConsortiumKeys, verifyReceipt } from '../../src/core/receipt.js';
import { LogFrontier } from '../../src/ledger/block-builder.js';
import { frontierOfLog, logFromFrontier } from '../../src/node/consortium/sync.js';
import { nodeCryptoBackend } from '../../src/node/crypto-node.js';
import { FILES, initDataDir } from '../../src/node/datadir.js';
import type { RunningNode } from '../../src/node/start.js';
import { startNode } from '../../src/node/start.js';
import type { Http, TestNode } from '../helpers.js';
import {
  httpClient,
  makeTempDir,
  newDidKeySender,
  notaryTx,
  removeDir,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txId,
  waitUntil,
} from '../helpers.js';

const leaf = (i: number) => {
  const b = new Uint8Array(32);
  new DataView(b.buffer).setUint32(0, i + 1);
  return b;
};

describe('a log that starts at a frontier', () => {
  it('frontierOfLog gives the tiles LogFrontier computes, for every size up to 70', () => {
    const log = new MerkleLog();
    let f = LogFrontier.empty();
    for (let i = 0; i < 70; i++) {
      expect(frontierOfLog(log).tileHashes.map(toHex)).toEqual(f.tileHashes.map(toHex));
      log.append(leaf(i));
      f = f.append([leaf(i)]);
    }
  });

  it('continues with the same roots and inclusion proofs as the whole log', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 80 }), (s, n) => {
        const whole = new MerkleLog();
        for (let i = 0; i < s; i++) whole.append(leaf(i));
        const tail = logFromFrontier(frontierOfLog(whole));
        for (let i = s; i < s + n; i++) {
          whole.append(leaf(i));
          tail.append(leaf(i));
        }
        expect(toHex(tail.root())).toBe(toHex(whole.root()));
        for (let i = s; i < s + n; i++) {
          const proof = tail.inclusionProof(i);
          expect(proof.map(toHex)).toEqual(whole.inclusionProof(i).map(toHex));
          expect(verifyInclusion(leaf(i), i, s + n, proof, whole.root()).ok).toBe(true);
        }
        expect(toHex(frontierOfLog(tail).root())).toBe(toHex(whole.root()));
      }),
      { numRuns: 60 },
    );
  });
});

const EVERY = 32;
const BLOCKS = 200;
let source: TestNode;
const opened: { node?: RunningNode; dir: string }[] = [];

async function observer(url: string): Promise<{ node: RunningNode; http: Http; dir: string }> {
  const dir = makeTempDir('cadwyn-sync-');
  const o: { node?: RunningNode; dir: string } = { dir };
  opened.push(o);
  o.node = await startNode({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    logLevel: false,
    webRoot: false,
    demoStaffAccounts: false,
    verifyWorkers: 1,
    observe: { url, pollMs: 50 },
  });
  return { node: o.node, http: httpClient(o.node.url), dir };
}

beforeAll(async () => {
  // A solo node whose genesis commits to the state every 32 blocks, one tx per block.
  const dir = makeTempDir('cadwyn-sync-source-');
  initDataDir(dir, Date.now());
  const gPath = join(dir, FILES.genesis);
  const g = JSON.parse(readFileSync(gPath, 'utf8')) as { params: Record<string, number> };
  g.params.snapshotEvery = EVERY;
  writeFileSync(gPath, JSON.stringify(g, null, 2));
  source = await startTestNode({ dataDir: dir, blockTxMax: 1, blockIntervalMs: 5 });
  const s = newDidKeySender();
  const txs = [];
  for (let k = 1; k <= BLOCKS; k++) txs.push(await notaryTx(s, k));
  const out = await source.node.submit(txs);
  expect(out.every((o) => o.ok)).toBe(true);
  await waitUntil(
    () => (source.node.height >= BLOCKS ? true : undefined),
    60_000,
    `${BLOCKS} blocks on the source`,
  );
}, 120_000);

afterAll(async () => {
  for (const o of opened) {
    await o.node?.close();
    removeDir(o.dir);
  }
  await stopTestNode(source);
}, 30_000);

describe('snapshot sync', () => {
  it('serves its latest snapshot with a cosigned commitment', async () => {
    const r = await source.http.get<{ height: number; checkpoint: string; rows: number }>(
      '/v1/snapshot/latest',
    );
    expect(r.status).toBe(200);
    expect(r.json.height).toBe(Math.floor(source.node.height / EVERY) * EVERY);
    expect(r.json.checkpoint).toMatch(/\nsnapshot [A-Za-z0-9+/]{43}=\n/);
    const page = await source.http.get<{ rows: unknown[]; more: boolean }>(
      `/v1/snapshot/${r.json.height}/state?limit=3`,
    );
    expect(page.json.rows).toHaveLength(3);
    expect(page.json.more).toBe(true);
    const gone = await source.http.get<{ code: string }>('/v1/snapshot/1/state');
    expect(gone.status).toBe(404);
    expect(gone.json.code).toBe('SNAPSHOT_NOT_HELD');
    // Heights without a commitment keep the seven-line checkpoint.
    const b = await source.http.get<{ checkpoint: string }>(`/v1/blocks/${EVERY + 1}`);
    expect(b.json.checkpoint).not.toContain('\nsnapshot ');
  });

  it('a new observer installs the verified snapshot, then follows and verifies', async () => {
    const snap = (await source.http.get<{ height: number }>('/v1/snapshot/latest')).json.height;
    const { node, http } = await observer(source.url);
    // Nothing before the snapshot was fetched: it started at the snapshot's height.
    expect(node.node.store.getBlock(1)).toBeUndefined();
    expect(node.node.store.getBlock(snap)?.hash).toBe(source.node.store.getBlock(snap)?.hash);
    await waitUntil(
      () => (node.node.height === source.node.height ? true : undefined),
      20_000,
      'the observer to catch up',
    );
    for (let h = snap; h <= source.node.height; h++) {
      expect(node.node.store.getBlock(h)?.hash).toBe(source.node.store.getBlock(h)?.hash);
    }
    // A new block reaches it, re-executed on the installed state; its receipt verifies.
    const tx = await notaryTx(newDidKeySender(), 1);
    await submitAndWait(source.http, tx);
    const id = txId(tx);
    await waitUntil(
      async () => {
        const r = await http.get<{ status: string }>(`/v1/transactions/${id}`);
        return r.status === 200 && r.json.status === 'final' ? true : undefined;
      },
      10_000,
      'the new tx on the observer',
    );
    const receipt = await http.get<unknown>(`/v1/transactions/${id}/receipt`);
    expect(receipt.status).toBe(200);
    const keys = parseConsortiumKeys((await http.get<unknown>('/v1/consortium/keys')).json);
    expect(keys.ok).toBe(true);
    if (keys.ok) {
      const v = await verifyReceipt(receipt.json, keys.value, nodeCryptoBackend);
      expect(v.ok, JSON.stringify(v)).toBe(true);
    }
    // Same state, row for row, as the node it synced from.
    const rows = (n: RunningNode | TestNode) =>
      [...n.node.store.stateRows()].map((r) => `${r.key}=${r.value}`);
    expect(rows(node)).toEqual(rows(source));
    // And it serves the snapshot on to the next node.
    const served = await http.get<{ height: number }>('/v1/snapshot/latest');
    expect(served.json.height).toBe(snap);
    // Past the next commitment height it recomputes the commitment on its installed state.
    const s = newDidKeySender();
    const more = [];
    for (let k = 1; k <= EVERY + 2; k++) more.push(await notaryTx(s, k));
    expect((await source.node.submit(more)).every((o) => o.ok)).toBe(true);
    await waitUntil(
      () => (node.node.height > snap + EVERY ? true : undefined),
      30_000,
      'the observer past the next commitment',
    );
    expect(node.node.observerStatus()?.halted).toBeUndefined();
    const next = await http.get<{ height: number; checkpoint: string }>('/v1/snapshot/latest');
    expect(next.json.height).toBe(snap + EVERY);
    expect(next.json.checkpoint).toBe(source.node.store.getBlock(snap + EVERY)?.checkpoint);
  }, 90_000);

  it('an observer from genesis recomputes every commitment the solo node cut', async () => {
    // fastSync off: it re-executes blocks 1.. and compares each checkpoint byte for byte, so
    // buildBlock's commitment must equal the one the solo cutBlock signed at 32, 64, ...
    const dir = makeTempDir('cadwyn-sync-full-');
    const o: { node?: RunningNode; dir: string } = { dir };
    opened.push(o);
    o.node = await startNode({
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      logLevel: false,
      webRoot: false,
      demoStaffAccounts: false,
      verifyWorkers: 1,
      fastSync: false,
      observe: { url: source.url, pollMs: 20 },
    });
    const n = o.node;
    await waitUntil(
      () => (n.node.height >= 2 * EVERY + 1 ? true : undefined),
      30_000,
      'the full observer past two commitments',
    );
    expect(n.node.observerStatus()?.halted).toBeUndefined();
    expect(n.node.store.getBlock(1)?.hash).toBe(source.node.store.getBlock(1)?.hash);
    expect(n.node.store.getBlock(2 * EVERY)?.checkpoint).toContain('\nsnapshot ');
  }, 60_000);

  it('refuses a snapshot with one row changed, writes nothing, and asks the next peer', async () => {
    let changed = 0;
    const server: Server = createServer((req, res) => {
      void (async () => {
        const r = await fetch(`${source.url}${req.url ?? '/'}`);
        let body = await r.text();
        if (/^\/v1\/snapshot\/\d+\/state/.test(req.url ?? '')) {
          // One row's value in the middle of each page, wrapped in something else.
          const page = JSON.parse(body) as { rows: [string, string][] };
          const row = page.rows[Math.floor(page.rows.length / 2)];
          if (row) {
            row[1] = JSON.stringify(['tampered', JSON.parse(row[1]) as unknown]);
            changed++;
          }
          body = JSON.stringify(page);
        }
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(body);
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      const dir = makeTempDir('cadwyn-sync-tampered-');
      opened.push({ dir });
      const err = await startNode({
        dataDir: dir,
        port: 0,
        host: '127.0.0.1',
        logLevel: false,
        webRoot: false,
        demoStaffAccounts: false,
        verifyWorkers: 1,
        observe: { url: `http://127.0.0.1:${port}`, pollMs: 50 },
      }).then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
      expect(changed).toBeGreaterThanOrEqual(1);
      expect(err?.code).toBe('SNAPSHOT_ROOT_MISMATCH');
      expect(existsSync(join(dir, FILES.database))).toBe(false);
      // One bad peer does not stop a sync: the next peer's snapshot verifies and is installed.
      const dir2 = makeTempDir('cadwyn-sync-second-peer-');
      const o: { node?: RunningNode; dir: string } = { dir: dir2 };
      opened.push(o);
      o.node = await startNode({
        dataDir: dir2,
        port: 0,
        host: '127.0.0.1',
        logLevel: false,
        webRoot: false,
        demoStaffAccounts: false,
        verifyWorkers: 1,
        observe: { url: `http://127.0.0.1:${port}`, pollMs: 50 },
        peers: [source.url],
      });
      expect(o.node.node.store.getBlock(1)).toBeUndefined();
      const snap = (await source.http.get<{ height: number }>('/v1/snapshot/latest')).json.height;
      expect(o.node.node.store.getBlock(snap)?.hash).toBe(source.node.store.getBlock(snap)?.hash);
      // Closed here: it follows through the proxy, whose close waits for its connections.
      await o.node.close();
      o.node = undefined;
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 60_000);
});
