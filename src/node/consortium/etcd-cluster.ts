// A local etcd cluster of N members on 127.0.0.1, for tests, fault drills and (later)
// `cadwyn cluster up`. Each member is a child process of /usr/bin/etcd with its own data dir and
// log file under a directory the caller gives. Nothing listens beyond loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';

export interface EtcdClusterOptions {
  /** Where each member's data dir (`m<i>/`) and log (`m<i>.log`) go. Created if missing. */
  readonly baseDir: string;
  /** Number of members; 3 unless told (an odd number keeps a majority after one loss). */
  readonly members?: number;
  readonly etcdBinary?: string;
  /** Raft heartbeat and election timeout (ms): short by default, for tests. */
  readonly heartbeatMs?: number;
  readonly electionTimeoutMs?: number;
  /** Unique per cluster so members of another cluster can never join this one. */
  readonly clusterToken?: string;
  /** How long start() and restart() wait for health. */
  readonly startTimeoutMs?: number;
  /**
   * The members' ports, to start again a cluster whose data dirs exist (its peers' URLs are in
   * that data); fresh free ports otherwise.
   */
  readonly ports?: readonly { readonly client: number; readonly peer: number }[];
}

export interface EtcdMemberInfo {
  readonly index: number;
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** OS pid while running, null while stopped/killed. */
  readonly pid: number | null;
  readonly paused: boolean;
}

interface Member {
  readonly index: number;
  readonly name: string;
  readonly clientPort: number;
  readonly peerPort: number;
  readonly dataDir: string;
  readonly logFile: string;
  proc: ChildProcess | null;
  exited: Promise<void> | null;
  paused: boolean;
}

/** Every cluster still running in this process, so an exit hook can kill them. */
const live = new Set<EtcdCluster>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: process.kill is.
  process.on('exit', () => {
    for (const c of live) c.killAllNow();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      for (const c of live) c.killAllNow();
      // Re-raise with the default action so the process still dies of the signal.
      process.removeListener(sig, handler);
      process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

/** 2n distinct free loopback ports: all listened on at once (so distinct), then released. */
async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
      const addr = s.address();
      if (addr === null || typeof addr === 'string') throw new Error('no port bound');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

/** Is the port free on 127.0.0.1 right now? (a bind test, just before use) */
async function portFree(port: number): Promise<boolean> {
  const s = createServer();
  return new Promise<boolean>((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Races p against a timer; the timer never keeps the process alive. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MemberStatus {
  readonly index: number;
  /** etcd member id (decimal string as etcd3 gives it). */
  readonly memberId: string;
  /** The member id this member believes is the Raft leader ('0' if none). */
  readonly leaderId: string;
  readonly raftTerm: string;
  readonly revision: string;
}

export class EtcdCluster {
  private readonly members: Member[] = [];
  private readonly opts: Required<Omit<EtcdClusterOptions, 'members' | 'ports'>>;
  private readonly fixedPorts: EtcdClusterOptions['ports'];
  private readonly size: number;
  private started = false;

  constructor(options: EtcdClusterOptions) {
    const size = options.members ?? 3;
    if (!Number.isInteger(size) || size < 1 || size > 9) {
      throw new RangeError(`members must be an integer in 1..9, got ${size}`);
    }
    this.size = size;
    if (options.ports && options.ports.length !== size) {
      throw new RangeError(`ports for ${options.ports.length} members, cluster of ${size}`);
    }
    this.fixedPorts = options.ports;
    this.opts = {
      baseDir: options.baseDir,
      etcdBinary: options.etcdBinary ?? '/usr/bin/etcd',
      heartbeatMs: options.heartbeatMs ?? 50,
      electionTimeoutMs: options.electionTimeoutMs ?? 500,
      clusterToken: options.clusterToken ?? `cadwyn-${randomBytes(8).toString('hex')}`,
      startTimeoutMs: options.startTimeoutMs ?? 20_000,
    };
  }

  get clientUrls(): readonly string[] {
    return this.members.map((m) => `http://127.0.0.1:${m.clientPort}`);
  }

  /** Each member's ports (to start this cluster again later on the same data). */
  get ports(): { client: number; peer: number }[] {
    return this.members.map((m) => ({ client: m.clientPort, peer: m.peerPort }));
  }

  get clusterToken(): string {
    return this.opts.clusterToken;
  }

  member(i: number): EtcdMemberInfo {
    const m = this.at(i);
    return {
      index: m.index,
      name: m.name,
      clientUrl: `http://127.0.0.1:${m.clientPort}`,
      peerUrl: `http://127.0.0.1:${m.peerPort}`,
      dataDir: m.dataDir,
      logFile: m.logFile,
      pid: m.proc?.pid ?? null,
      paused: m.paused,
    };
  }

  /** Starts every member (new cluster) and waits until each answers a status call. */
  async start(): Promise<void> {
    if (this.started) throw new Error('cluster already started');
    this.started = true;
    installExitHooks();
    live.add(this);
    mkdirSync(this.opts.baseDir, { recursive: true });
    const ports = this.fixedPorts
      ? this.fixedPorts.flatMap((p) => [p.client, p.peer])
      : await freePorts(this.size * 2);
    for (let i = 0; i < this.size; i++) {
      this.members.push({
        index: i,
        name: `m${i}`,
        clientPort: ports[2 * i] ?? 0,
        peerPort: ports[2 * i + 1] ?? 0,
        dataDir: join(this.opts.baseDir, `m${i}`),
        logFile: join(this.opts.baseDir, `m${i}.log`),
        proc: null,
        exited: null,
        paused: false,
      });
    }
    try {
      // etcd itself ignores the initial cluster once a member's data dir holds one.
      for (const m of this.members) await this.spawnMember(m, 'new');
      await this.waitHealthy(this.members.map((m) => m.index));
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  /** Sends a signal to member i (default SIGKILL) and waits for it to exit. */
  async kill(i: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const m = this.at(i);
    const p = m.proc;
    if (p === null) return;
    // A stopped process only acts on SIGKILL/SIGCONT; resume it so SIGTERM is honoured.
    if (m.paused && signal !== 'SIGKILL') p.kill('SIGCONT');
    p.kill(signal);
    await m.exited;
    m.paused = false;
  }

  /** SIGSTOP: the member freezes (no heartbeats, sockets stay open), like a hung machine. */
  pause(i: number): void {
    const m = this.at(i);
    if (m.proc === null) throw new Error(`member ${i} is not running`);
    m.proc.kill('SIGSTOP');
    m.paused = true;
  }

  resume(i: number): void {
    const m = this.at(i);
    if (m.proc === null) throw new Error(`member ${i} is not running`);
    m.proc.kill('SIGCONT');
    m.paused = false;
  }

  /** Starts a stopped member again on its own data dir and ports; waits until it is healthy. */
  async restart(i: number): Promise<void> {
    const m = this.at(i);
    if (m.proc !== null) await this.kill(i, 'SIGTERM');
    await this.spawnMember(m, 'existing');
    await this.waitHealthy([i]);
  }

  /** Status of each running member, as that member sees it (unreachable ones are left out). */
  async statuses(timeoutMs = 1000): Promise<MemberStatus[]> {
    const out = await Promise.all(
      this.members.map(async (m): Promise<MemberStatus | null> => {
        if (m.proc === null || m.paused) return null;
        return this.statusOf(m, timeoutMs);
      }),
    );
    return out.filter((s): s is MemberStatus => s !== null);
  }

  /**
   * The index of the Raft leader, as a majority of the reachable members agree, or null if
   * there is none right now (mid-election, or no quorum).
   */
  async leader(timeoutMs = 1000): Promise<number | null> {
    const st = await this.statuses(timeoutMs);
    const votes = new Map<string, number>();
    for (const s of st)
      if (s.leaderId !== '0') votes.set(s.leaderId, (votes.get(s.leaderId) ?? 0) + 1);
    for (const [id, n] of votes) {
      if (n * 2 <= this.size) continue;
      const leader = st.find((s) => s.memberId === id);
      if (leader !== undefined) return leader.index;
    }
    return null;
  }

  /** Polls until some member is leader (by majority view), or throws after timeoutMs. */
  async waitForLeader(timeoutMs = 10_000, exclude?: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const l = await this.leader(500);
      if (l !== null && l !== exclude) return l;
      await sleep(50);
    }
    throw new Error(`no etcd leader within ${timeoutMs} ms`);
  }

  /**
   * Stops every member (SIGTERM, then SIGKILL after a grace period). Safe to call twice. The
   * grace is short on purpose: on SIGTERM a Raft leader first tries to hand leadership over,
   * and with its peers stopping too that takes etcd 3.4 about 6 s to give up (measured).
   * SIGKILL loses nothing: etcd fsyncs its WAL before acknowledging.
   */
  async stop(graceMs = 1000): Promise<void> {
    await Promise.all(
      this.members.map(async (m) => {
        const p = m.proc;
        if (p === null) return;
        if (m.paused) p.kill('SIGCONT');
        p.kill('SIGTERM');
        const done = await within(m.exited ?? Promise.resolve(), graceMs);
        if (done === undefined && m.proc !== null) {
          m.proc.kill('SIGKILL');
          await m.exited;
        }
      }),
    );
    live.delete(this);
  }

  /** Synchronous last-resort kill, for the process-exit hook. */
  killAllNow(): void {
    for (const m of this.members) {
      try {
        m.proc?.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  private at(i: number): Member {
    const m = this.members[i];
    if (m === undefined) throw new RangeError(`no member ${i} (cluster of ${this.members.length})`);
    return m;
  }

  private async spawnMember(m: Member, state: 'new' | 'existing'): Promise<void> {
    for (const port of [m.clientPort, m.peerPort]) {
      if (!(await portFree(port))) throw new Error(`port ${port} of member ${m.name} is taken`);
    }
    mkdirSync(m.dataDir, { recursive: true, mode: 0o700 });
    const initialCluster = this.members
      .map((x) => `${x.name}=http://127.0.0.1:${x.peerPort}`)
      .join(',');
    const client = `http://127.0.0.1:${m.clientPort}`;
    const peer = `http://127.0.0.1:${m.peerPort}`;
    const args = [
      '--name',
      m.name,
      '--data-dir',
      m.dataDir,
      '--listen-client-urls',
      client,
      '--advertise-client-urls',
      client,
      '--listen-peer-urls',
      peer,
      '--initial-advertise-peer-urls',
      peer,
      '--initial-cluster',
      initialCluster,
      '--initial-cluster-state',
      state,
      '--initial-cluster-token',
      this.opts.clusterToken,
      '--heartbeat-interval',
      String(this.opts.heartbeatMs),
      '--election-timeout',
      String(this.opts.electionTimeoutMs),
      '--logger',
      'zap',
      '--log-level',
      'warn',
      // Tests create few keys; keep the default quota but no auto compaction surprises.
      '--auto-compaction-retention',
      '0',
    ];
    const fd = openSync(m.logFile, 'a');
    try {
      const proc = spawn(this.opts.etcdBinary, args, {
        stdio: ['ignore', fd, fd],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      });
      m.proc = proc;
      m.paused = false;
      m.exited = new Promise<void>((resolve) => {
        proc.once('exit', () => {
          if (m.proc === proc) m.proc = null;
          resolve();
        });
        proc.once('error', () => {
          if (m.proc === proc) m.proc = null;
          resolve();
        });
      });
    } finally {
      closeSync(fd); // the child has its own copy
    }
  }

  private async statusOf(m: Member, timeoutMs: number): Promise<MemberStatus | null> {
    // One client per call, bound to this member only, so the answer is this member's view.
    const c = new Etcd3({ hosts: [`http://127.0.0.1:${m.clientPort}`], dialTimeout: timeoutMs });
    try {
      const s = await within(
        c.maintenance.status({ deadline: Date.now() + timeoutMs }).catch(() => null),
        timeoutMs + 100,
      );
      if (s === undefined || s === null) return null;
      return {
        index: m.index,
        memberId: s.header.member_id,
        leaderId: s.leader,
        raftTerm: s.raftTerm,
        revision: s.header.revision,
      };
    } finally {
      c.close();
    }
  }

  /** Waits until each listed member answers a status call and knows a leader. */
  private async waitHealthy(indices: readonly number[]): Promise<void> {
    const deadline = Date.now() + this.opts.startTimeoutMs;
    const pending = new Set(indices);
    while (pending.size > 0) {
      for (const i of [...pending]) {
        const m = this.at(i);
        if (m.proc === null) throw new Error(`etcd member ${m.name} exited; see ${m.logFile}`);
        const s = await this.statusOf(m, 500);
        if (s !== null && s.leaderId !== '0') pending.delete(i);
      }
      if (pending.size === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`etcd members ${[...pending].join(',')} not healthy in time`);
      }
      await sleep(100);
    }
  }
}
