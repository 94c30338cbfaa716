// A local consortium on one machine (decision 0009): 3 etcd members and N validator nodes, each
// node a real `cadwyn start` process with its own key and SQLite file, all on 127.0.0.1. What
// `cadwyn cluster up` runs, and what the fault tests kill, pause and restart.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initClusterDataDirs, writeFileAtomic } from '../datadir.js';
import { EtcdCluster } from './etcd-cluster.js';

export interface LocalClusterOptions {
  /** Everything lives here: `etcd/`, `node-<i>/`, `cluster.json`. */
  readonly dir: string;
  /** Validator nodes (default 4, at most 4: one per demo body that validates). */
  readonly validators?: number;
  readonly etcdMembers?: number;
  /** HTTP port of node 0; node i listens on basePort + i. 0: free ports. */
  readonly basePort?: number;
  /** Extra `cadwyn start` arguments for every node. */
  readonly nodeArgs?: readonly string[];
  /** Put the demo registers on the ledger through node 0 (default false). */
  readonly demoRegisters?: boolean;
  /** Environment for the node processes (merged over this process's). */
  readonly env?: NodeJS.ProcessEnv;
}

/** What `cluster.json` records, so a later `cluster up` resumes on the same ports and data. */
export interface ClusterFile {
  readonly v: 1;
  readonly supervisorPid: number;
  readonly etcd: {
    readonly token: string;
    readonly ports: readonly { readonly client: number; readonly peer: number }[];
  };
  readonly nodes: readonly { readonly port: number; readonly dir: string }[];
}

export const CLUSTER_FILE = 'cluster.json';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin/cadwyn.js');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r, j) => {
    s.once('error', j);
    s.listen(0, '127.0.0.1', () => r());
  });
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (a === null || typeof a === 'string') throw new Error('no port bound');
  return a.port;
}

interface NodeProc {
  readonly index: number;
  readonly dir: string;
  readonly port: number;
  proc: ChildProcess | null;
  exited: Promise<number | null> | null;
  paused: boolean;
}

export class LocalCluster {
  readonly etcd: EtcdCluster;
  private readonly nodes: NodeProc[] = [];

  private constructor(
    private readonly o: LocalClusterOptions,
    etcd: EtcdCluster,
  ) {
    this.etcd = etcd;
  }

  /**
   * Starts etcd and every node (creating the data and genesis on first use, resuming on the
   * same ports and data after that) and waits until each node answers /readyz.
   */
  static async up(o: LocalClusterOptions): Promise<LocalCluster> {
    const n = o.validators ?? 4;
    mkdirSync(o.dir, { recursive: true });
    const file = join(o.dir, CLUSTER_FILE);
    const prior = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterFile)
      : undefined;
    if (prior && prior.nodes.length !== n) {
      throw new Error(`${o.dir} holds a cluster of ${prior.nodes.length} nodes, not ${n}`);
    }
    const etcd = new EtcdCluster({
      baseDir: join(o.dir, 'etcd'),
      members: prior?.etcd.ports.length ?? o.etcdMembers ?? 3,
      ...(prior ? { ports: prior.etcd.ports, clusterToken: prior.etcd.token } : {}),
    });
    await etcd.start();
    const c = new LocalCluster(o, etcd);
    try {
      const dirs = Array.from({ length: n }, (_, i) => join(o.dir, `node-${i}`));
      if (!prior) initClusterDataDirs(dirs, Date.now());
      for (let i = 0; i < n; i++) {
        const port = prior?.nodes[i]?.port ?? (o.basePort ? o.basePort + i : await freePort());
        c.nodes.push({
          index: i,
          dir: dirs[i] as string,
          port,
          proc: null,
          exited: null,
          paused: false,
        });
      }
      const record: ClusterFile = {
        v: 1,
        supervisorPid: process.pid,
        etcd: { token: etcd.clusterToken, ports: etcd.ports },
        nodes: c.nodes.map((p) => ({ port: p.port, dir: p.dir })),
      };
      writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n');
      await Promise.all(c.nodes.map((p) => c.spawnNode(p)));
    } catch (e) {
      await c.down();
      throw e;
    }
    return c;
  }

  get size(): number {
    return this.nodes.length;
  }

  url(i: number): string {
    return `http://127.0.0.1:${this.at(i).port}`;
  }

  get urls(): string[] {
    return this.nodes.map((p) => this.url(p.index));
  }

  dataDir(i: number): string {
    return this.at(i).dir;
  }

  pid(i: number): number | null {
    return this.at(i).proc?.pid ?? null;
  }

  running(i: number): boolean {
    return this.at(i).proc !== null;
  }

  private at(i: number): NodeProc {
    const p = this.nodes[i];
    if (!p) throw new RangeError(`no node ${i}`);
    return p;
  }

  private async spawnNode(p: NodeProc): Promise<void> {
    const log = openSync(join(p.dir, 'node.log'), 'a');
    const args = [
      BIN,
      'start',
      '--data',
      p.dir,
      '--port',
      String(p.port),
      '--host',
      '127.0.0.1',
      '--etcd',
      this.etcd.clientUrls.join(','),
      '--public-url',
      `http://127.0.0.1:${p.port}`,
      ...(this.o.demoRegisters && p.index === 0 ? [] : ['--no-demo-registers']),
      ...(this.o.nodeArgs ?? []),
    ];
    const proc = spawn(process.execPath, args, {
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        LOG_LEVEL: process.env.CADWYN_CLUSTER_LOG_LEVEL ?? 'warn',
        ...this.o.env,
      },
    });
    closeSync(log);
    p.proc = proc;
    p.paused = false;
    p.exited = new Promise((r) => proc.once('exit', (code) => r(code)));
    void p.exited.then(() => {
      if (p.proc === proc) p.proc = null;
    });
    await this.waitReady(p, 90_000);
  }

  /** Polls /healthz (the node is up; /readyz may say its validator halted, by design). */
  private async waitReady(p: NodeProc, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (p.proc === null) throw new Error(`node ${p.index} exited; see ${p.dir}/node.log`);
      try {
        const r = await fetch(`http://127.0.0.1:${p.port}/healthz`);
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`node ${p.index} not up after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends a signal to node i (default SIGKILL: a crash) and waits until it has exited. */
  async kill(i: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.at(i);
    const proc = p.proc;
    if (!proc) return;
    if (p.paused && signal !== 'SIGKILL') proc.kill('SIGCONT');
    proc.kill(signal);
    await p.exited;
    p.paused = false;
  }

  /** SIGSTOP: the node freezes (a hung machine); its etcd lease then runs out. */
  pause(i: number): void {
    const p = this.at(i);
    if (!p.proc) throw new Error(`node ${i} is not running`);
    p.proc.kill('SIGSTOP');
    p.paused = true;
  }

  resume(i: number): void {
    const p = this.at(i);
    if (!p.proc) throw new Error(`node ${i} is not running`);
    p.proc.kill('SIGCONT');
    p.paused = false;
  }

  /** Starts node i again on its own data (stopping it first if it runs). */
  async restart(i: number): Promise<void> {
    const p = this.at(i);
    if (p.proc) await this.kill(i, 'SIGTERM');
    await this.spawnNode(p);
  }

  /** Stops every node (SIGTERM, then SIGKILL after 10 s), then etcd. */
  async down(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (p) => {
        if (!p.proc) return;
        const t = setTimeout(() => p.proc?.kill('SIGKILL'), 10_000);
        await this.kill(p.index, 'SIGTERM');
        clearTimeout(t);
      }),
    );
    await this.etcd.stop();
  }
}
