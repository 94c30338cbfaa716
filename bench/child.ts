// A real node as a child process (`node bin/cadwyn.js start`), always killed at the end, and the
// CPU time of each of its threads read from /proc (Linux) to see where the cores went.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './util.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../bin/cadwyn.js', import.meta.url));

const live = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL): for exit paths and signal handlers. */
export function killAllChildren(): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  live.clear();
}
process.once('exit', killAllChildren);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface ChildNode {
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  /** The last few KB of the child's stdout and stderr, for error reports. */
  output(): string;
  /** SIGTERM, then wait for a clean exit (the node commits what it holds); SIGKILL on timeout. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null; ms: number }>;
}

/** Spawns `node [nodeArgs] bin/cadwyn.js start …` and waits until /readyz answers. */
export async function startChildNode(o: {
  dataDir: string;
  nodeArgs?: readonly string[];
  cliArgs?: readonly string[];
  readyTimeoutMs?: number;
}): Promise<ChildNode> {
  const port = await freePort();
  const args = [
    ...(o.nodeArgs ?? []),
    CLI,
    'start',
    '--data',
    o.dataDir,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    ...(o.cliArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let tail = '';
  const keep = (b: Buffer) => {
    tail = (tail + b.toString('utf8')).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the node exited before it was ready:\n${tail}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the node was not ready in time:\n${tail}`);
    }
    try {
      const r = await fetch(`${url}/readyz`);
      await r.arrayBuffer();
      ready = r.status === 200;
    } catch {
      // not listening yet
    }
    if (!ready) await sleep(100);
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    dataDir: o.dataDir,
    output: () => tail,
    async stop(timeoutMs = 120_000) {
      const start = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return { ...r, ms: Date.now() - start };
    },
  };
}

export interface ThreadTimes {
  /** Seconds on a CPU. */
  readonly cpu: number;
  /** Seconds runnable but waiting for a CPU (other processes had it). */
  readonly wait: number;
}

/**
 * Per-thread scheduler times of a process, by thread id, from /proc/PID/task/TID/schedstat
 * (ns on a CPU, ns waiting on a run queue). Linux only; empty elsewhere.
 */
export function threadTimes(pid: number): Map<number, ThreadTimes> {
  const out = new Map<number, ThreadTimes>();
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    try {
      const [run, wait] = readFileSync(`${dir}/${tid}/schedstat`, 'utf8').trim().split(' ');
      out.set(Number(tid), { cpu: Number(run) / 1e9, wait: Number(wait) / 1e9 });
    } catch {
      // the thread ended
    }
  }
  return out;
}

export interface ThreadUse {
  readonly wallSeconds: number;
  /** The event-loop thread: % of wall time on a CPU, and runnable but waiting for one. */
  readonly main: { readonly cpuPct: number; readonly waitPct: number; readonly cpuSeconds: number };
  /** Other threads with any CPU use, busiest first (for the node: the verify workers first). */
  readonly others: readonly {
    readonly cpuPct: number;
    readonly waitPct: number;
    readonly cpuSeconds: number;
  }[];
  /** All threads, CPU seconds. */
  readonly cpuSeconds: number;
}

/** What each thread did between two threadTimes samples over wallSeconds. */
export function threadUse(
  pid: number,
  before: Map<number, ThreadTimes>,
  after: Map<number, ThreadTimes>,
  wallSeconds: number,
): ThreadUse {
  const of = (tid: number) => {
    const a = after.get(tid) ?? { cpu: 0, wait: 0 };
    const b = before.get(tid) ?? { cpu: 0, wait: 0 };
    const cpuSeconds = a.cpu - b.cpu;
    return {
      cpuSeconds,
      cpuPct: (cpuSeconds / wallSeconds) * 100,
      waitPct: ((a.wait - b.wait) / wallSeconds) * 100,
    };
  };
  const others = [...after.keys()]
    .filter((t) => t !== pid)
    .map(of)
    .filter((t) => t.cpuPct >= 0.5)
    .sort((a, b) => b.cpuPct - a.cpuPct);
  const main = of(pid);
  return {
    wallSeconds,
    main,
    others,
    cpuSeconds: main.cpuSeconds + others.reduce((a, t) => a + t.cpuSeconds, 0),
  };
}
