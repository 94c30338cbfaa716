// Snapshot sync against a real consortium (decision 0009 "Snapshots"): four validators on a
// real 3-member etcd, whose genesis commits to the state every 4 blocks, each compute the
// commitment and cosign it; a new observer of one validator installs the snapshot — its quorum
// checked against the genesis validators — and then follows block by block.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint, verifyCheckpoint } from '../../src/core/checkpoint.js';
import { parseNote } from '../../src/core/note.js';
import { nodeCryptoBackend } from '../../src/node/crypto-node.js';
import { FILES, initClusterDataDirs } from '../../src/node/datadir.js';
import { EtcdCluster } from '../../src/node/consortium/etcd-cluster.js';
import type { RunningNode } from '../../src/node/start.js';
import { startNode } from '../../src/node/start.js';
import type { Http, TxStatusView } from '../helpers.js';
import { httpClient, newDidKeySender, notaryTx, sleep, txId, waitUntil } from '../helpers.js';

const EVERY = 4;
let dir = '';
let etcd: EtcdCluster;
let dirs: string[] = [];
const nodes: RunningNode[] = [];
let observer: RunningNode | undefined;
let rejoined: RunningNode | undefined;

const base = {
  port: 0,
  host: '127.0.0.1',
  logLevel: false as const,
  webRoot: false as const,
  demoStaffAccounts: false,
  verifyWorkers: 1,
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadwyn-sync-cluster-'));
  etcd = new EtcdCluster({ baseDir: join(dir, 'etcd'), members: 3 });
  await etcd.start();
  dirs = [0, 1, 2, 3].map((i) => join(dir, `node-${i}`));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  initClusterDataDirs(dirs, Date.now());
  for (const d of dirs) {
    const p = join(d, FILES.genesis);
    const g = JSON.parse(readFileSync(p, 'utf8')) as { params: Record<string, number> };
    g.params.snapshotEvery = EVERY;
    writeFileSync(p, JSON.stringify(g, null, 2));
  }
  nodes.push(
    ...(await Promise.all(
      dirs.map((d) =>
        startNode({
          ...base,
          dataDir: d,
          blockIntervalMs: 50,
          consortium: { etcd: etcd.clientUrls },
        }),
      ),
    )),
  );
}, 60_000);

afterAll(async () => {
  await observer?.close().catch(() => undefined);
  await Promise.all(nodes.map((n) => n.close().catch(() => undefined)));
  await rejoined?.close().catch(() => undefined);
  await etcd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

async function finalOn(h: Http, id: string): Promise<TxStatusView> {
  return waitUntil(
    async () => {
      const r = await h.get<TxStatusView>(`/v1/transactions/${id}`);
      return r.status === 200 && r.json.status !== 'pending' ? r.json : undefined;
    },
    15_000,
    `tx ${id}`,
  );
}

describe('snapshot sync from a consortium', () => {
  it('validators cosign commitments; a new observer installs one and follows', async () => {
    const h0 = httpClient((nodes[0] as RunningNode).url);
    const s = newDidKeySender();
    for (let k = 1; (nodes[1] as RunningNode).node.height < 2 * EVERY + 1; k++) {
      const tx = await notaryTx(s, k);
      const r = await h0.post<{ id: string }>('/v1/transactions', tx);
      expect(r.status, r.text).toBe(202);
      await finalOn(httpClient((nodes[1] as RunningNode).url), txId(tx));
      expect(k).toBeLessThan(40);
    }
    const n1 = nodes[1] as RunningNode;
    const snap = await httpClient(n1.url).get<{ height: number; checkpoint: string }>(
      '/v1/snapshot/latest',
    );
    expect(snap.status).toBe(200);
    expect(snap.json.height % EVERY).toBe(0);
    // The note carries a quorum of the four validators, over a body with the commitment.
    const v = await verifyCheckpoint(
      snap.json.checkpoint,
      n1.node.checkpointPolicy(),
      nodeCryptoBackend,
    );
    expect(v.ok && v.value.signers.length).toBeGreaterThanOrEqual(3);
    const body = parseNote(snap.json.checkpoint);
    const cp = body.ok ? parseCheckpoint(body.value.text) : undefined;
    expect(cp?.ok && cp.value.snapshotRoot?.length).toBe(32);

    const oDir = join(dir, 'observer');
    observer = await startNode({ ...base, dataDir: oDir, observe: { url: n1.url, pollMs: 50 } });
    const o = observer;
    expect(o.node.store.getBlock(1)).toBeUndefined();
    expect(o.node.store.getBlock(snap.json.height)?.hash).toBe(
      n1.node.store.getBlock(snap.json.height)?.hash,
    );
    // A new tx after the sync is re-executed on the installed state and final there too.
    const tx = await notaryTx(newDidKeySender(), 1);
    expect((await h0.post('/v1/transactions', tx)).status).toBe(202);
    const done = await finalOn(httpClient(o.url), txId(tx));
    expect(done.status).toBe('final');
    expect(o.node.observerStatus()?.halted).toBeUndefined();
    expect(o.node.store.getBlock(o.node.height)?.hash).toBe(
      n1.node.store.getBlock(o.node.height)?.hash,
    );
  }, 60_000);

  it('a validator that lost its database after compaction rejoins from a snapshot and cosigns', async () => {
    const h0 = httpClient((nodes[0] as RunningNode).url);
    const n1 = nodes[1] as RunningNode;
    const lost = nodes.pop() as RunningNode;
    // Let the proposer compact etcd's tx/ keys up to what all four cosigned, then lose node 3.
    await sleep(1500);
    const lastHeight = lost.node.height;
    await lost.close();
    for (const f of [FILES.database, `${FILES.database}-wal`, `${FILES.database}-shm`]) {
      rmSync(join(dirs[3] as string, f), { force: true });
    }
    // The chain goes on with three; the peers' snapshot moves past where node 3 stopped.
    const s = newDidKeySender();
    let snap = 0;
    for (let k = 1; snap < lastHeight; k++) {
      const tx = await notaryTx(s, k);
      expect((await h0.post('/v1/transactions', tx)).status).toBe(202);
      await finalOn(httpClient(n1.url), txId(tx));
      snap = (await httpClient(n1.url).get<{ height: number }>('/v1/snapshot/latest')).json.height;
      expect(k).toBeLessThan(40);
    }
    rejoined = await startNode({
      ...base,
      dataDir: dirs[3] as string,
      blockIntervalMs: 50,
      consortium: { etcd: etcd.clientUrls },
      peers: [n1.url],
    });
    const r = rejoined;
    expect(r.node.store.getBlock(1)).toBeUndefined();
    expect(r.node.store.getBlock(snap)?.hash).toBe(n1.node.store.getBlock(snap)?.hash);
    // It executes and cosigns new blocks from etcd, and they become final on it.
    const tx = await notaryTx(newDidKeySender(), 1);
    expect((await h0.post('/v1/transactions', tx)).status).toBe(202);
    const done = await finalOn(httpClient(r.url), txId(tx));
    expect(done.status).toBe('final');
    const h = done.height as number;
    expect(r.node.consortiumStatus()?.halted).toBeUndefined();
    expect(r.node.store.getBlock(h)?.hash).toBe(n1.node.store.getBlock(h)?.hash);
    // Its own record of that block (stored before its cosignature leaves) carries a note
    // signed with its key over the final checkpoint.
    const rec = JSON.parse(r.node.store.chainRecord(h) ?? '{}') as { note?: string };
    const own = await verifyCheckpoint(
      rec.note ?? '',
      { ...n1.node.checkpointPolicy(), quorum: 1 },
      nodeCryptoBackend,
    );
    expect(own.ok && own.value.signers).toEqual([r.node.validatorName]);
    // Restarted, it starts its validator from the snapshot it holds (not genesis) and goes on.
    await r.close();
    rejoined = await startNode({
      ...base,
      dataDir: dirs[3] as string,
      blockIntervalMs: 50,
      consortium: { etcd: etcd.clientUrls },
    });
    const again = await notaryTx(newDidKeySender(), 1);
    expect((await h0.post('/v1/transactions', again)).status).toBe(202);
    const done2 = await finalOn(httpClient(rejoined.url), txId(again));
    expect(done2.status).toBe('final');
    expect(rejoined.node.consortiumStatus()?.halted).toBeUndefined();
    expect(rejoined.node.store.chainRecord(done2.height as number)).toBeDefined();
  }, 60_000);
});
