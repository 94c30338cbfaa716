// The main thread's side of lease-keeper-worker.ts: one worker per EtcdOrdering renews every
// lease its campaigns hold. If the thread cannot start (no dist/ build when run from sources,
// say), the campaigns renew on the main thread as before.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface KeeperOptions {
  readonly hosts: readonly string[];
  readonly timeoutMs: number;
}

export type KeeperCommand =
  | {
      readonly kind: 'keep';
      /** The lease id, decimal. */
      readonly id: string;
      readonly everyMs: number;
      readonly validUntil: number;
    }
  | { readonly kind: 'stop'; readonly id: string }
  | { readonly kind: 'close' };

export type KeeperEvent =
  | { readonly kind: 'renewed'; readonly id: string; readonly validUntil: number }
  | { readonly kind: 'lost'; readonly id: string; readonly detail: string };

export class LeaseKeeper {
  private readonly worker: Worker;
  private readonly listeners = new Map<string, (e: KeeperEvent) => void>();
  private failed = false;

  private constructor(opts: KeeperOptions, file: string) {
    this.worker = new Worker(file, { workerData: opts });
    this.worker.on('message', (e: KeeperEvent) => this.listeners.get(e.id)?.(e));
    this.worker.on('error', () => this.fail('the lease thread failed'));
    this.worker.on('exit', () => this.fail('the lease thread stopped'));
    this.worker.unref();
  }

  /** A keeper, or undefined if its thread cannot run here. */
  static start(opts: KeeperOptions): LeaseKeeper | undefined {
    let url = new URL('./lease-keeper-worker.js', import.meta.url);
    // Run from sources (tsx, vitest): the thread runs the compiled file.
    if (import.meta.url.endsWith('.ts')) {
      url = new URL(url.href.replace('/src/node/', '/dist/node/'));
    }
    const file = fileURLToPath(url);
    if (!existsSync(file)) return undefined;
    try {
      return new LeaseKeeper(opts, file);
    } catch {
      return undefined;
    }
  }

  get healthy(): boolean {
    return !this.failed;
  }

  keep(id: string, everyMs: number, validUntil: number, on: (e: KeeperEvent) => void): void {
    this.listeners.set(id, on);
    this.post({ kind: 'keep', id, everyMs, validUntil });
  }

  stop(id: string): void {
    this.listeners.delete(id);
    this.post({ kind: 'stop', id });
  }

  async close(): Promise<void> {
    if (this.failed) return;
    this.post({ kind: 'close' });
    this.failed = true;
    await this.worker.terminate().catch(() => undefined);
  }

  private post(c: KeeperCommand): void {
    if (!this.failed) this.worker.postMessage(c);
  }

  /** Every lease it kept is reported lost: its campaign ends, and the validator stands again. */
  private fail(detail: string): void {
    if (this.failed) return;
    this.failed = true;
    for (const [id, on] of this.listeners) on({ kind: 'lost', id, detail });
    this.listeners.clear();
  }
}
