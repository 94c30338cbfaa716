// Signature verification in worker threads: Ed25519 checks are the ingest bottleneck, and
// node:crypto's are synchronous, so each worker takes a share of every batch.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { PreparedTx } from '../core/tx.js';
import type { IngestResult } from './verify-did-key.js';
import { ingest, verifyDidKeySignatures } from './verify-did-key.js';

export interface VerifyPoolOptions {
  /** 0 verifies on the calling thread. */
  readonly workers: number;
  /** Where the compiled worker is; defaults to beside this file (dist/node). */
  readonly workerUrl?: URL;
}

export const defaultVerifyPoolOptions: VerifyPoolOptions = {
  workers: Math.max(1, availableParallelism()),
};

export interface VerifyJob {
  readonly canonicalBody: string;
  readonly signatures: PreparedTx['tx']['signatures'];
}

interface Pending {
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

/** Answers per transaction: 1 = every did:key signature verified; 0 = one failed or unknown. */
export class VerifyPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 1;
  private rr = 0;

  constructor(opts: VerifyPoolOptions) {
    let url = opts.workerUrl ?? new URL('./verify-worker.js', import.meta.url);
    // Under the TypeScript test runner this file is .ts; the worker runs from the build.
    if (url.pathname.includes('/src/node/') && import.meta.url.endsWith('.ts')) {
      url = new URL(url.href.replace('/src/node/', '/dist/node/'));
    }
    for (let i = 0; i < opts.workers; i++) {
      const worker = new Worker(fileURLToPath(url));
      const pending = new Map<number, Pending>();
      worker.on('message', (m: { id: number; results: never }) => {
        const p = pending.get(m.id);
        pending.delete(m.id);
        // An idle worker must not keep the process alive; a busy one must.
        if (pending.size === 0) worker.unref();
        p?.resolve(m.results);
      });
      worker.on('error', (e) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      });
      worker.unref();
      this.workers.push({ worker, pending });
    }
  }

  /** Verifies the did:key signatures of each job. Others (did:web) are left to execution. */
  async verify(jobs: readonly VerifyJob[]): Promise<Uint8Array> {
    if (jobs.length === 0) return new Uint8Array(0);
    if (this.workers.length === 0) return verifyDidKeySignatures(jobs);
    // Split a batch across all workers so one large request uses every core.
    const n = Math.min(this.workers.length, Math.ceil(jobs.length / 64));
    const chunk = Math.ceil(jobs.length / n);
    const parts: Promise<Uint8Array>[] = [];
    for (let i = 0; i < n; i++) {
      const slice = jobs.slice(i * chunk, (i + 1) * chunk);
      parts.push(this.send<Uint8Array>({ kind: 'verify', jobs: slice }));
    }
    const results = await Promise.all(parts);
    const out = new Uint8Array(jobs.length);
    let off = 0;
    for (const r of results) {
      out.set(r, off);
      off += r.length;
    }
    return out;
  }

  private ingestQueue: {
    raw: string;
    max: number;
    resolve: (r: IngestResult) => void;
    reject: (e: Error) => void;
  }[] = [];

  /**
   * Parses and checks a submitted body off the main thread (see `ingest`). Bodies that arrive
   * in the same turn of the event loop travel together: one message per worker, not per request.
   */
  ingest(raw: string, batchTxMax: number): Promise<IngestResult> {
    if (this.workers.length === 0) return Promise.resolve(ingest(raw, batchTxMax));
    return new Promise((resolve, reject) => {
      if (this.ingestQueue.length === 0) setImmediate(() => this.flushIngest());
      this.ingestQueue.push({ raw, max: batchTxMax, resolve, reject });
    });
  }

  private flushIngest(): void {
    const queue = this.ingestQueue;
    this.ingestQueue = [];
    const n = Math.min(this.workers.length, queue.length);
    const per = Math.ceil(queue.length / n);
    for (let i = 0; i < n; i++) {
      const part = queue.slice(i * per, (i + 1) * per);
      if (part.length === 0) continue;
      this.send<IngestResult[]>({
        kind: 'ingest',
        bodies: part.map((q) => ({ raw: q.raw, max: q.max })),
      }).then(
        (results) => part.forEach((q, k) => q.resolve(results[k] as IngestResult)),
        (e: Error) => part.forEach((q) => q.reject(e)),
      );
    }
  }

  /** Sends a request to the least busy worker. */
  private send<T>(request: Record<string, unknown>): Promise<T> {
    let w = this.workers[this.rr++ % this.workers.length];
    for (const x of this.workers) if (w && x.pending.size < w.pending.size) w = x;
    if (!w) throw new Error('no worker');
    const worker = w;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      worker.pending.set(id, { resolve: resolve as (r: never) => void, reject });
      worker.worker.ref();
      worker.worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }
}
