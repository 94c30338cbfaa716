// Worker thread: renews proposer leases (decision 0009). A validator's main thread executes
// blocks and, on a loaded machine, waits seconds for a CPU; renewals sent from there went out
// late, and leases of healthy validators ran out (measured: the proposer changed every few
// seconds under load). Here a renewal needs only this thread's turn, which it gets in
// milliseconds. The main thread still decides nothing from this thread's clock but "lost".
import { parentPort, workerData } from 'node:worker_threads';
import { Etcd3 } from 'etcd3';
import type { KeeperCommand, KeeperEvent, KeeperOptions } from './lease-keeper.js';
import { LEASE_GONE, etcdFaultHandling, message } from './etcd-ordering.js';

const opts = workerData as KeeperOptions;
const client = new Etcd3({
  hosts: [...opts.hosts],
  dialTimeout: opts.timeoutMs,
  faultHandling: etcdFaultHandling(opts.hosts.length),
});

interface Kept {
  readonly everyMs: number;
  /** Wall-clock ms until which the lease is surely alive (renewal send time + TTL). */
  validUntil: number;
  timer?: ReturnType<typeof setTimeout>;
}
const kept = new Map<string, Kept>();

function post(e: KeeperEvent): void {
  parentPort?.postMessage(e);
}

/** One renewal; resolves with the TTL etcd granted (≤ 0: the lease is gone). */
async function renewOnce(id: string, timeoutMs: number): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const renewal = (async () => {
    const stream = await client.leaseClient.leaseKeepAlive({
      deadline: new Date(Date.now() + timeoutMs),
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        stream.on('data', (res: { TTL: string }) => resolve(Number(res.TTL)));
        stream.on('error', reject);
        stream.write({ ID: id });
      });
    } finally {
      stream.end();
    }
  })();
  renewal.catch(() => undefined);
  try {
    return await Promise.race([renewal, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function renew(id: string): Promise<void> {
  const k = kept.get(id);
  if (!k) return;
  const sentAt = Date.now();
  try {
    // A slow answer is still an answer: wait for it as long as the lease is surely alive.
    const ttl = await renewOnce(id, Math.max(k.everyMs, k.validUntil - sentAt));
    if (kept.get(id) !== k) return;
    if (!(ttl > 0)) return lost(id, 'etcd says the lease expired or was revoked');
    // The TTL etcd reports counts from when it renewed, which is after we sent.
    k.validUntil = sentAt + ttl * 1000;
    post({ kind: 'renewed', id, validUntil: k.validUntil });
  } catch (e) {
    if (kept.get(id) !== k) return;
    const m = message(e);
    if (LEASE_GONE.test(m)) return lost(id, m);
    if (Date.now() >= k.validUntil) return lost(id, `no renewal within the TTL (last: ${m})`);
  }
  k.timer = setTimeout(() => void renew(id), k.everyMs);
}

function lost(id: string, detail: string): void {
  const k = kept.get(id);
  if (k) clearTimeout(k.timer);
  kept.delete(id);
  post({ kind: 'lost', id, detail });
}

parentPort?.on('message', (c: KeeperCommand) => {
  if (c.kind === 'keep') {
    const k: Kept = { everyMs: c.everyMs, validUntil: c.validUntil };
    kept.set(c.id, k);
    k.timer = setTimeout(() => void renew(c.id), c.everyMs);
  } else if (c.kind === 'stop') {
    clearTimeout(kept.get(c.id)?.timer);
    kept.delete(c.id);
  } else {
    for (const k of kept.values()) clearTimeout(k.timer);
    kept.clear();
    client.close();
    parentPort?.close();
  }
});
