// Observers (issue 5): `cadwyn start --observe URL` follows a node over HTTP, re-executes every
// block, checks every quorum, and serves reads, proofs and receipts — and it never trusts the
// node it follows: a node that serves a doctored block stops the observer, which stores
// nothing of it.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReceipt, parseConsortiumKeys } from '../../src/core/receipt.js';
import { nodeCryptoBackend } from '../../src/node/crypto-node.js';
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

let source: TestNode;
const observers: { node: RunningNode; dir: string }[] = [];

async function observe(url: string): Promise<{ node: RunningNode; http: Http }> {
  const dir = makeTempDir('cadwyn-observer-');
  const node = await startNode({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    logLevel: false,
    webRoot: false,
    demoStaffAccounts: false,
    verifyWorkers: 1,
    observe: { url, pollMs: 50 },
  });
  observers.push({ node, dir });
  return { node, http: httpClient(node.url) };
}

beforeAll(async () => {
  source = await startTestNode();
  const s = newDidKeySender();
  for (let k = 1; k <= 5; k++) await submitAndWait(source.http, await notaryTx(s, k));
}, 60_000);

afterAll(async () => {
  for (const o of observers) {
    await o.node.close();
    removeDir(o.dir);
  }
  await stopTestNode(source);
}, 30_000);

describe('an observer', () => {
  it('replicates and re-verifies the whole chain, follows new blocks, serves receipts', async () => {
    const { node, http } = await observe(source.url);
    await waitUntil(
      () => (node.node.height === source.node.height ? true : undefined),
      15_000,
      'the observer to catch up',
    );
    for (let h = 0; h <= source.node.height; h++) {
      expect(node.node.store.getBlock(h)?.hash).toBe(source.node.store.getBlock(h)?.hash);
    }
    // A new block on the source reaches the observer.
    const tx = await notaryTx(newDidKeySender(), 1);
    await submitAndWait(source.http, tx);
    const id = txId(tx);
    const s = await waitUntil(
      async () => {
        const r = await http.get<{ status: string }>(`/v1/transactions/${id}`);
        return r.status === 200 && r.json.status === 'final' ? r.json : undefined;
      },
      10_000,
      'the new tx on the observer',
    );
    expect(s.status).toBe('final');
    // Its receipt, from the observer, verifies offline against the consortium keys.
    const receipt = await http.get<unknown>(`/v1/transactions/${id}/receipt`);
    expect(receipt.status).toBe(200);
    const keys = parseConsortiumKeys((await http.get<unknown>('/v1/consortium/keys')).json);
    expect(keys.ok).toBe(true);
    if (keys.ok) {
      const v = await verifyReceipt(receipt.json, keys.value, nodeCryptoBackend);
      expect(v.ok, JSON.stringify(v)).toBe(true);
    }
    const status = await http.get<{ mode: string; observer: { following: string } }>('/v1/status');
    expect(status.json.mode).toBe('observer');
    expect(status.json.observer.following).toBe(source.url);
    // It serves reads only.
    const refused = await http.post<{ code: string }>(
      '/v1/transactions',
      await notaryTx(newDidKeySender(), 1),
    );
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('OBSERVER_READ_ONLY');
  }, 60_000);

  it('stops, storing nothing of it, when the node it follows serves a doctored block', async () => {
    // A proxy in front of the source that rewrites one notarised digest in the newest block.
    const tx = await notaryTx(newDidKeySender(), 1);
    const done = await submitAndWait(source.http, tx);
    const target = done.height as number;
    const server: Server = createServer((req, res) => {
      void (async () => {
        const r = await fetch(`${source.url}${req.url ?? '/'}`);
        let body = await r.text();
        if (req.url === `/v1/blocks/${target}/transactions`) {
          body = body.replace(/"digest":"[0-9a-f]/, '"digest":"0');
          if (!body.includes('"digest":"0'))
            body = body.replace(/"digest":"[0-9a-f]/, '"digest":"1');
        }
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(body);
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      const { node, http } = await observe(`http://127.0.0.1:${port}`);
      const st = await waitUntil(
        async () => {
          const r = await http.get<{ observer: { halted?: { code: string } } }>('/v1/status');
          return r.json.observer.halted;
        },
        15_000,
        'the observer to halt',
      );
      expect(st.code).toBe('OBSERVED_TX_INVALID');
      expect(node.node.height).toBe(target - 1);
      expect(node.node.store.getBlock(target)).toBeUndefined();
      const ready = await http.get<{ code: string }>('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.json.code).toBe('OBSERVER_HALTED');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 60_000);
});
