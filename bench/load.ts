// The HTTP load phases against a running node: batched ingest (b), one transaction per request
// (c), and submit→committed latency at a paced, open-loop offered load (d).
import { performance } from 'node:perf_hooks';
import type { ThreadUse } from './child.js';
import { threadTimes, threadUse } from './child.js';
import { HttpClient } from './http.js';
import type { Load } from './txgen.js';
import { streamsOf } from './txgen.js';
import { percentile, sleep } from './util.js';

interface BlockSummary {
  readonly height: number;
  readonly header: { readonly txCount: number; readonly timeMs: number; readonly logSize: number };
}

export interface Head {
  readonly height: number;
  readonly logSize: number;
}

export async function head(client: HttpClient): Promise<Head> {
  const r = await client.getJson<{ blocks: BlockSummary[] }>('/v1/blocks?limit=1');
  const b = r.blocks[0];
  return { height: b?.height ?? 0, logSize: b?.header.logSize ?? 0 };
}

/** Polls the head until the log holds `target` entries; returns the time it was first seen. */
export async function waitForLogSize(
  client: HttpClient,
  target: number,
  timeoutMs: number,
  pollMs = 20,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const h = await head(client);
    const now = performance.now();
    if (h.logSize >= target) return now;
    if (now > deadline) {
      throw new Error(`log reached ${h.logSize} of ${target} entries before the time limit`);
    }
    await sleep(pollMs);
  }
}

export interface BlockStats {
  readonly blocks: number;
  readonly meanTxPerBlock: number;
  readonly maxTxPerBlock: number;
  readonly meanIntervalMs: number;
}

/** Block count and sizes between two heights (exclusive, inclusive). */
export async function blockStats(
  client: HttpClient,
  from: number,
  to: number,
): Promise<BlockStats> {
  const sizes: number[] = [];
  const times: number[] = [];
  let before = to + 1;
  while (before > from + 1) {
    const page = await client.getJson<{ blocks: BlockSummary[] }>(
      `/v1/blocks?before=${before}&limit=100`,
    );
    if (page.blocks.length === 0) break;
    for (const b of page.blocks) {
      if (b.height <= from) continue;
      sizes.push(b.header.txCount);
      times.push(b.header.timeMs);
    }
    before = Math.min(...page.blocks.map((b) => b.height));
  }
  times.sort((a, b) => a - b);
  const span = times.length > 1 ? (times[times.length - 1] ?? 0) - (times[0] ?? 0) : 0;
  return {
    blocks: sizes.length,
    meanTxPerBlock: sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : 0,
    maxTxPerBlock: Math.max(0, ...sizes),
    meanIntervalMs: times.length > 1 ? span / (times.length - 1) : 0,
  };
}

function problemCode(body: string): string {
  try {
    const p = JSON.parse(body) as { code?: string };
    return p.code ?? 'UNKNOWN';
  } catch {
    return 'UNPARSABLE';
  }
}

export interface IngestResult {
  readonly txs: number;
  readonly requests: number;
  readonly txsPerRequest: number;
  readonly connections: number;
  /** First POST → every accepted transaction committed. */
  readonly seconds: number;
  readonly txPerSec: number;
  /** First POST → every POST answered (accepted = durably in the mempool). */
  readonly acceptSeconds: number;
  readonly acceptTxPerSec: number;
  /** 503 answers (mempool full) that were retried. */
  readonly retries: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly committedChecked: number;
  readonly notCommitted: number;
  readonly blocks: BlockStats;
  /** The node's threads from first POST to last commit (when its pid was given). */
  readonly nodeThreads?: ThreadUse;
  /** CPU the load generator (this process) used meanwhile, % of one core. */
  readonly clientCpuPct: number;
}

/**
 * Sends the load over `connections` keep-alive connections, each one request in flight, and
 * times it until the last transaction is committed.
 */
export async function ingest(
  url: string,
  load: Load,
  o: { connections: number; txsPerRequest: number; timeoutMs: number; nodePid?: number },
): Promise<IngestResult> {
  const streams = streamsOf(load, o.connections, o.txsPerRequest);
  const client = new HttpClient(url, o.connections);
  const probe = new HttpClient(url, 2);
  try {
    const h0 = await head(probe);
    let accepted = 0;
    let retries = 0;
    const refused: Record<string, number> = {};
    const deadline = performance.now() + o.timeoutMs;
    const times0 = o.nodePid ? threadTimes(o.nodePid) : undefined;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      streams.map(async (s) => {
        for (let i = 0; i < s.bodies.length; i++) {
          const body = s.bodies[i];
          if (!body) continue;
          for (;;) {
            if (performance.now() > deadline) throw new Error('ingest: time limit passed');
            const r = await client.request('POST', '/v1/transactions', body);
            if (r.status === 200 || r.status === 202) {
              accepted += s.txs[i] ?? 0;
              break;
            }
            if (r.status === 503) {
              retries++;
              await sleep(20);
              continue;
            }
            // Atomic batches: a refusal leaves this stream's later seqs with a gap; stop it.
            const code = problemCode(r.body);
            refused[code] = (refused[code] ?? 0) + (s.txs[i] ?? 0);
            return;
          }
        }
      }),
    );
    const acceptEnd = performance.now();
    const end = await waitForLogSize(
      probe,
      h0.logSize + accepted,
      Math.max(10_000, deadline - performance.now()),
    );
    const cpu = process.cpuUsage(cpu0);
    const clientCpuPct = ((cpu.user + cpu.system) / 1000 / (end - start)) * 100;
    const nodeThreads =
      o.nodePid && times0
        ? threadUse(o.nodePid, times0, threadTimes(o.nodePid), (end - start) / 1000)
        : undefined;
    const h1 = await head(probe);
    // Every sender's last transaction must be committed (or final).
    let notCommitted = 0;
    let checked = 0;
    const lastIds = load.senders.map((s) => s.ids[s.ids.length - 1] ?? '');
    for (let i = 0; i < lastIds.length; i += 16) {
      await Promise.all(
        lastIds.slice(i, i + 16).map(async (id) => {
          const r = await probe.request('GET', `/v1/transactions/${id}`);
          checked++;
          const st = r.status === 200 ? (JSON.parse(r.body) as { status: string }).status : '';
          if (st !== 'committed' && st !== 'final') notCommitted++;
        }),
      );
    }
    const seconds = (end - start) / 1000;
    const acceptSeconds = (acceptEnd - start) / 1000;
    return {
      txs: accepted,
      requests: streams.reduce((a, s) => a + s.bodies.length, 0),
      txsPerRequest: o.txsPerRequest,
      connections: o.connections,
      seconds,
      txPerSec: accepted / seconds,
      acceptSeconds,
      acceptTxPerSec: accepted / acceptSeconds,
      retries,
      refused,
      committedChecked: checked,
      notCommitted,
      blocks: await blockStats(probe, h0.height, h1.height),
      ...(nodeThreads ? { nodeThreads } : {}),
      clientCpuPct,
    };
  } finally {
    client.close();
    probe.close();
  }
}

export interface LatencyResult {
  readonly offeredTxPerSec: number;
  readonly achievedTxPerSec: number;
  readonly requests: number;
  readonly committed: number;
  readonly failed: Readonly<Record<string, number>>;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Latency from the scheduled send time: includes waiting for a free sender or socket. */
  readonly p50FromScheduleMs: number;
  readonly p99FromScheduleMs: number;
  readonly maxInFlight: number;
  /** Sends that found every sender busy (their previous transaction not yet committed). */
  readonly delayedSends: number;
  readonly senders: number;
}

/** Senders for `latency`: enough that each has at most one request in flight at `rate`. */
export function latencySenders(rate: number, count: number): { senders: number; txs: number } {
  const senders = Math.max(64, Math.ceil(rate * 3));
  return { senders, txs: Math.ceil(count / senders) + 2 };
}

/**
 * Open-loop: `count` single-transaction POSTs ?waitMs=10000, one every 1/rate s whatever the
 * answers do; each request's time is submit → committed (the node answers when the transaction
 * is no longer pending). A sender is reused only once its previous transaction is committed,
 * so its sequence numbers stay in order; a send that finds every sender busy waits for one.
 */
export async function latency(
  url: string,
  load: Load,
  o: { rate: number; count: number; timeoutMs: number },
): Promise<LatencyResult> {
  const senders = load.senders.map((s) => ({
    bodies: s.txs.map((t) => Buffer.from(t, 'utf8')),
    next: 0,
  }));
  const free = senders.map((_, i) => i);
  let freeHead = 0;
  const backlog: number[] = [];
  const client = new HttpClient(url, 8192);
  const lat: number[] = [];
  const fromSchedule: number[] = [];
  const failed: Record<string, number> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  let delayedSends = 0;
  let finished = 0;
  let lastDone = 0;
  const fail = (code: string) => {
    failed[code] = (failed[code] ?? 0) + 1;
    finished++;
  };
  // Free senders, first in first out, so that use spreads over all of them.
  const takeFree = (): number | undefined => {
    while (freeHead < free.length) {
      const k = free[freeHead++];
      const sender = k === undefined ? undefined : senders[k];
      if (k !== undefined && sender && sender.next < sender.bodies.length) {
        if (freeHead > 4096) {
          free.splice(0, freeHead);
          freeHead = 0;
        }
        return k;
      }
    }
    return undefined;
  };
  const send = (k: number, scheduled: number) => {
    const s = senders[k];
    const body = s?.bodies[s.next++];
    if (!body) throw new Error('sender without transactions');
    const sent = performance.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    client
      .request('POST', '/v1/transactions?waitMs=10000', body, 30_000)
      .then((r) => {
        const done = performance.now();
        lastDone = Math.max(lastDone, done);
        const st = r.status === 200 ? (JSON.parse(r.body) as { status?: string }).status : '';
        if (st === 'committed' || st === 'final') {
          lat.push(done - sent);
          fromSchedule.push(done - scheduled);
          finished++;
          free.push(k);
          const waiting = backlog.shift();
          if (waiting !== undefined) fire(waiting);
        } else {
          // This sender's later transactions may now have a gap: retire it.
          fail(r.status === 202 ? 'STILL_PENDING' : problemCode(r.body));
        }
      })
      .catch(() => fail('NETWORK'))
      .finally(() => inFlight--);
  };
  const fire = (scheduled: number) => {
    const k = takeFree();
    if (k === undefined) {
      delayedSends++;
      backlog.push(scheduled);
    } else send(k, scheduled);
  };
  const start = performance.now();
  const deadline = start + o.timeoutMs;
  try {
    let next = 0;
    while (next < o.count) {
      if (performance.now() > deadline) throw new Error('latency: time limit passed');
      const due = Math.min(o.count, Math.floor(((performance.now() - start) * o.rate) / 1000) + 1);
      while (next < due) fire(start + (next++ * 1000) / o.rate);
      await sleep(1);
    }
    while (finished < o.count && performance.now() < deadline) {
      if (inFlight === 0 && backlog.length > 0) break; // no sender left to send with
      await sleep(10);
    }
    const left = o.count - finished;
    if (left > 0) failed.NOT_FINISHED = left;
  } finally {
    client.close();
  }
  lat.sort((a, b) => a - b);
  fromSchedule.sort((a, b) => a - b);
  return {
    offeredTxPerSec: o.rate,
    achievedTxPerSec: lat.length / ((lastDone - start) / 1000),
    requests: o.count,
    committed: lat.length,
    failed,
    p50Ms: percentile(lat, 0.5),
    p90Ms: percentile(lat, 0.9),
    p99Ms: percentile(lat, 0.99),
    maxMs: lat[lat.length - 1] ?? NaN,
    p50FromScheduleMs: percentile(fromSchedule, 0.5),
    p99FromScheduleMs: percentile(fromSchedule, 0.99),
    maxInFlight,
    delayedSends,
    senders: senders.length,
  };
}
