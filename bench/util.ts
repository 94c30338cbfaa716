// Small helpers shared by the benchmark modules: machine info, formatting, statistics, workers.
import { availableParallelism, cpus, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly memoryGiB: number;
}

export function machineInfo(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects after ms with a message naming what took too long. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Nearest-rank percentile of an ascending-sorted array (q in [0, 1]). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** 12345.6 → "12,346"; digits after the point for small numbers. */
export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${fmt(n / 1024, 1)} KiB`;
  if (n < 1024 ** 3) return `${fmt(n / 1024 ** 2, 1)} MiB`;
  return `${fmt(n / 1024 ** 3, 2)} GiB`;
}

export interface Row {
  readonly figure: string;
  readonly value: string;
  readonly note?: string;
}

/** A plain three-column text table. */
export function table(title: string, rows: readonly Row[]): string {
  const w0 = Math.max(6, ...rows.map((r) => r.figure.length));
  const w1 = Math.max(5, ...rows.map((r) => r.value.length));
  const line = (a: string, b: string, c: string) =>
    `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd();
  const rule = `  ${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(20)}`;
  return [
    title,
    line('figure', 'value', 'note'),
    rule,
    ...rows.map((r) => line(r.figure, r.value, r.note ?? '')),
  ].join('\n');
}

/**
 * A worker thread running a bench module. Under tsx (this file is .ts) the worker registers
 * tsx's loader itself first: Node 20 does not pass module hooks on to worker threads.
 */
export function benchWorker(file: URL, workerData: unknown): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const boot =
    `import { register } from ${JSON.stringify(api)};\n` +
    `register();\n` +
    `await import(${JSON.stringify(file.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}

/** Runs a worker to completion: its first message is the answer. */
export function runWorker<T>(file: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = benchWorker(file, workerData);
    let answered = false;
    w.once('message', (m: T) => {
      answered = true;
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!answered) reject(new Error(`worker ${file.pathname} exited (${code}) without answer`));
    });
  });
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
