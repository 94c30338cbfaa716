// Four real nodes in consortium mode (decision 0009) on a real 3-member etcd cluster, all on
// 127.0.0.1, in this process: transactions sent to any node become final on every node, blocks
// carry a quorum of cosignatures, a stopped node leaves the others going and catches up when it
// comes back.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCheckpoint } from '../../src/core/checkpoint.js';
import { nodeCryptoBackend } from '../../src/node/crypto-node.js';
import { initClusterDataDirs } from '../../src/node/datadir.js';
import { EtcdCluster } from '../../src/node/consortium/etcd-cluster.js';
import type { RunningNode } from '../../src/node/start.js';
import { startNode } from '../../src/node/start.js';
import type { Http, TxStatusView } from '../helpers.js';
import { httpClient, newDidKeySender, notaryTx, sleep, txId, waitUntil } from '../helpers.js';

let dir = '';
let etcd: EtcdCluster;
let dirs: string[] = [];
const nodes: (RunningNode | undefined)[] = [];
const http: Http[] = [];

async function start(i: number): Promise<void> {
  const n = await startNode({
    dataDir: dirs[i] as string,
    port: 0,
    host: '127.0.0.1',
    logLevel: false,
    webRoot: false,
    demoStaffAccounts: false,
    verifyWorkers: 1,
    blockIntervalMs: 50,
    consortium: { etcd: etcd.clientUrls },
  });
  nodes[i] = n;
  http[i] = httpClient(n.url);
}

const running = (): RunningNode[] => nodes.filter((n): n is RunningNode => n !== undefined);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadwyn-cluster-'));
  etcd = new EtcdCluster({ baseDir: join(dir, 'etcd'), members: 3 });
  await etcd.start();
  dirs = [0, 1, 2, 3].map((i) => join(dir, `node-${i}`));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  initClusterDataDirs(dirs, Date.now());
  await Promise.all(dirs.map((_, i) => start(i)));
}, 60_000);

afterAll(async () => {
  await Promise.all(running().map((n) => n.close().catch(() => undefined)));
  await etcd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

async function finalOn(h: Http, id: string, timeoutMs = 10_000): Promise<TxStatusView> {
  return waitUntil(
    async () => {
      const r = await h.get<TxStatusView>(`/v1/transactions/${id}`);
      return r.status === 200 && r.json.status !== 'pending' ? r.json : undefined;
    },
    timeoutMs,
    `tx ${id}`,
  );
}

/** Every running node has the same block hash and state root at every height up to `h`. */
function sameChain(upTo: number): void {
  const ns = running();
  for (let height = 1; height <= upTo; height++) {
    const rows = ns.map((n) => n.node.store.getBlock(height));
    for (const r of rows) expect(r, `block ${height}`).toBeDefined();
    expect(new Set(rows.map((r) => r?.hash)).size, `one block at ${height}`).toBe(1);
  }
}

describe('a consortium of four nodes on etcd', () => {
  it('makes a tx sent to any node final on every node, with a quorum of cosignatures', async () => {
    const senders = [0, 1, 2, 3].map(() => newDidKeySender());
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) {
      for (let i = 0; i < 4; i++) {
        const tx = await notaryTx(senders[i] as (typeof senders)[number], k + 1);
        const r = await (http[i] as Http).post<{ status: string; id: string }>(
          '/v1/transactions',
          tx,
        );
        expect(r.status, r.text).toBe(202);
        ids.push(txId(tx));
      }
    }
    for (const id of ids) {
      for (const h of http) {
        const s = await finalOn(h, id);
        expect(s.status).toBe('final');
      }
    }
    const top = Math.min(...running().map((n) => n.node.height));
    expect(top).toBeGreaterThan(0);
    sameChain(top);
    // The checkpoint in a receipt verifies against the validator set with > 2/3 of it.
    const n0 = nodes[0] as RunningNode;
    const policy = n0.node.checkpointPolicy();
    expect(policy.validators).toHaveLength(4);
    expect(policy.quorum).toBe(3);
    const v = await verifyCheckpoint(n0.node.checkpoint, policy, nodeCryptoBackend);
    expect(v.ok && v.value.signers.length).toBeGreaterThanOrEqual(3);
    const receipt = await (http[2] as Http).get<{ checkpoint: string }>(
      `/v1/transactions/${ids[0] as string}/receipt`,
    );
    expect(receipt.status, receipt.text).toBe(200);
    const status = await (http[1] as Http).get<{
      mode: string;
      consortium: { finalHeight: number };
    }>('/v1/status');
    expect(status.json.mode).toBe('consortium');
    expect(status.json.consortium.finalHeight).toBeGreaterThanOrEqual(top);
  }, 60_000);

  it('goes on without one node, which catches up when it comes back', async () => {
    const stopped = nodes[3] as RunningNode;
    nodes[3] = undefined;
    await stopped.close();
    const ids: string[] = [];
    for (let k = 1; k <= 6; k++) {
      // A sender's next seq is known where its last tx went: one sender per tx here.
      const tx = await notaryTx(newDidKeySender(), 1);
      const r = await (http[k % 3] as Http).post('/v1/transactions', tx);
      expect(r.status, r.text).toBe(202);
      ids.push(txId(tx));
    }
    for (const id of ids) {
      for (const h of http.slice(0, 3)) expect((await finalOn(h, id)).status).toBe('final');
    }
    await start(3);
    const target = Math.max(...running().map((n) => n.node.height));
    await waitUntil(
      () => ((nodes[3] as RunningNode).node.height >= target ? true : undefined),
      15_000,
      'node 3 to catch up',
    );
    for (const id of ids) expect((await finalOn(http[3] as Http, id)).status).toBe('final');
    sameChain(target);
    await sleep(0);
  }, 60_000);

  it('an observer following one validator re-verifies the chain and every quorum', async () => {
    const obsDir = join(dir, 'observer');
    const obs = await startNode({
      dataDir: obsDir,
      port: 0,
      host: '127.0.0.1',
      logLevel: false,
      webRoot: false,
      demoStaffAccounts: false,
      verifyWorkers: 1,
      observe: { url: (nodes[2] as RunningNode).url, pollMs: 50 },
    });
    try {
      const target = (nodes[2] as RunningNode).node.height;
      await waitUntil(
        () => (obs.node.height >= target ? true : undefined),
        15_000,
        'the observer to catch up',
      );
      for (let h = 1; h <= target; h++) {
        expect(obs.node.store.getBlock(h)?.hash).toBe(nodes[0]?.node.store.getBlock(h)?.hash);
      }
      expect(obs.node.observerStatus()?.halted).toBeUndefined();
    } finally {
      await obs.close();
    }
  }, 60_000);
});
