// Signature verification in worker threads: Ed25519 checks are the ingest bottleneck, and
// node:crypto's are synchronous, so each worker takes a share of every batch.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { PreparedTx } from '../core/tx.js';
import { verifyDidKeySignatures } from './verify-did-key.js';

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
  resolve: (r: Uint8Array) => void;
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
      worker.on('message', (m: { id: number; results: Uint8Array }) => {
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
      const w = this.workers[this.rr++ % this.workers.length];
      if (!w) throw new Error('no worker');
      const id = this.nextId++;
      parts.push(
        new Promise<Uint8Array>((resolve, reject) => {
          w.pending.set(id, { resolve, reject });
          w.worker.ref();
          w.worker.postMessage({ id, jobs: slice });
        }),
      );
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

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }
}
