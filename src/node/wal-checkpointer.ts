// Copies the SQLite write-ahead log back into the database file from a thread of its own.
// Left to the writer (SQLite's auto-checkpoint), that copy and its fsync ran inside block
// commits on the event loop and cost ~30 % of the main thread's time per transaction.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

export interface WalCheckpointerOptions {
  readonly dbPath: string;
  /** How often to checkpoint (PASSIVE: never blocks the writer or readers). */
  readonly intervalMs: number;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private failed = false;

  constructor(opts: WalCheckpointerOptions) {
    let url = new URL('./wal-checkpointer-worker.js', import.meta.url);
    // Under the TypeScript test runner this file is .ts; the worker runs from the build.
    if (import.meta.url.endsWith('.ts')) {
      url = new URL(url.href.replace('/src/node/', '/dist/node/'));
    }
    this.worker = new Worker(fileURLToPath(url), { workerData: opts });
    this.worker.on('error', () => {
      this.failed = true;
    });
    this.worker.unref();
  }

  /** False when the thread died: the writer must then checkpoint for itself. */
  get healthy(): boolean {
    return !this.failed;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
