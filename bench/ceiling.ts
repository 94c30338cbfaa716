// (a) The machine's Ed25519 verification ceiling: one worker thread per core, each running the
// node's verifySync over pre-made triples for a fixed time, all started together.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { CeilingWorkerData, CeilingWorkerResult } from './ceiling-worker.js';
import { threadTimes, threadUse } from './child.js';
import { benchWorker, withTimeout } from './util.js';

export interface CeilingResult {
  readonly threads: number;
  readonly durationMs: number;
  readonly messageBytes: number;
  readonly verifiedTotal: number;
  readonly perSecond: number;
  readonly perSecondPerCore: number;
  readonly perThread: readonly number[];
  /** Verifications per second of CPU time actually received: the rate of an idle core. */
  readonly perCpuSecond?: number;
  /** % of the run the verifying threads spent runnable but waiting for a CPU. */
  readonly waitPct?: number;
}

export async function benchVerifyCeiling(
  durationMs = 3000,
  threads = availableParallelism(),
): Promise<CeilingResult> {
  const data: CeilingWorkerData = { keys: 1000, messageBytes: 250, durationMs };
  const workers: Worker[] = [];
  try {
    const ready: Promise<void>[] = [];
    for (let i = 0; i < threads; i++) {
      const w = benchWorker(new URL('./ceiling-worker.ts', import.meta.url), data);
      workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
        }),
      );
    }
    await withTimeout(Promise.all(ready), 60_000, 'verify workers starting');
    const results = workers.map(
      (w) =>
        new Promise<CeilingWorkerResult>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    const t0 = threadTimes(process.pid);
    const wall0 = performance.now();
    for (const w of workers) w.postMessage('go');
    const done = await withTimeout(Promise.all(results), durationMs + 30_000, 'verify ceiling');
    const use = threadUse(
      process.pid,
      t0,
      threadTimes(process.pid),
      (performance.now() - wall0) / 1000,
    );
    // The verifying threads are the busiest others; the rest (loader hooks, GC) are small.
    const busiest = use.others.slice(0, threads);
    const cpuSeconds = busiest.reduce((a, t) => a + t.cpuSeconds, 0);
    if (done.some((r) => r.failures > 0)) throw new Error('a signature failed to verify');
    const perThread = done.map((r) => (r.verified * 1000) / r.elapsedMs);
    const perSecond = perThread.reduce((a, b) => a + b, 0);
    return {
      threads,
      durationMs,
      messageBytes: data.messageBytes,
      verifiedTotal: done.reduce((a, r) => a + r.verified, 0),
      perSecond,
      perSecondPerCore: perSecond / threads,
      perThread,
      ...(cpuSeconds > 0
        ? {
            perCpuSecond: done.reduce((a, r) => a + r.verified, 0) / cpuSeconds,
            waitPct: busiest.reduce((a, t) => a + t.waitPct, 0) / busiest.length,
          }
        : {}),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
