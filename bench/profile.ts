// Summaries of V8 CPU profiles (`node --cpu-prof`): per thread, how busy it was, the functions
// with the most self time, the project functions with the most inclusive time, and self time
// by package — enough to say where a node spends its time per transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  /** Share of the thread's busy (non-idle) time. */
  readonly pct: number;
}

export interface ThreadProfile {
  readonly file: string;
  /** 'main' for the event-loop thread, 'worker N' otherwise. */
  readonly thread: string;
  readonly wallMs: number;
  readonly busyMs: number;
  readonly busyPct: number;
  readonly gcMs: number;
  readonly topSelf: readonly ProfileEntry[];
  readonly topInclusive: readonly ProfileEntry[];
  readonly byPackage: readonly ProfileEntry[];
}

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node: built-ins';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '?');
  }
  const m = /\/(dist|src)\/(core|ledger|node|cli)\//.exec(url);
  if (m) return `cadwyn ${m[2] ?? ''}`;
  return shortUrl(url);
}

function frameName(f: CallFrame): string {
  const fn = f.functionName || '(anonymous)';
  if (!f.url) return fn;
  return `${fn} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
}

// (program) is native work outside JS (libuv, the HTTP parser, …): busy, and listed as such.
const IDLE = new Set(['(idle)']);

export function summariseProfile(path: string, top = 15): ThreadProfile {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const pkg = new Map<string, number>();
  let idleUs = 0;
  let gcUs = 0;
  let totalUs = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] ?? 0;
    const dt = p.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) continue;
    totalUs += dt;
    const f = node.callFrame;
    if (IDLE.has(f.functionName)) {
      idleUs += dt;
      continue;
    }
    if (f.functionName === '(garbage collector)') gcUs += dt;
    const name = frameName(f);
    self.set(name, (self.get(name) ?? 0) + dt);
    const pk = f.functionName.startsWith('(') ? f.functionName : packageOf(f.url);
    pkg.set(pk, (pkg.get(pk) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      // Inclusive time for project code only: that is what one would change.
      if (!/\/(dist|src)\/(core|ledger|node)\//.test(n.callFrame.url)) continue;
      const k = frameName(n.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const busyUs = totalUs - idleUs;
  const list = (m: Map<string, number>, n: number): ProfileEntry[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, pct: busyUs ? (us / busyUs) * 100 : 0 }));
  // CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile: thread 0 is the main thread.
  const tid = /\.(\d+)\.(\d+)\.cpuprofile$/.exec(path)?.[1] ?? '?';
  const wallMs = (p.endTime - p.startTime) / 1000;
  return {
    file: path,
    thread: tid === '0' ? 'main' : `worker ${tid}`,
    wallMs,
    busyMs: busyUs / 1000,
    busyPct: wallMs ? (busyUs / 1000 / wallMs) * 100 : 0,
    gcMs: gcUs / 1000,
    topSelf: list(self, top),
    topInclusive: list(inclusive, top),
    byPackage: list(pkg, 12),
  };
}

export function summariseProfileDir(dir: string, top = 15): ThreadProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => summariseProfile(join(dir, f), top))
    .sort((a, b) => (a.thread === 'main' ? -1 : b.thread === 'main' ? 1 : 0));
}

export function formatProfile(t: ThreadProfile, perTxDivisor?: number): string {
  const per = (ms: number) =>
    perTxDivisor ? `  ${((ms * 1000) / perTxDivisor).toFixed(1).padStart(7)} µs/tx` : '';
  const lines = [
    `  thread ${t.thread}: ${(t.busyMs / 1000).toFixed(1)} s busy of ${(t.wallMs / 1000).toFixed(1)} s` +
      ` profiled (${t.busyPct.toFixed(0)} %), GC ${(t.gcMs / 1000).toFixed(1)} s` +
      (perTxDivisor ? `; ${((t.busyMs * 1000) / perTxDivisor).toFixed(1)} µs busy per tx` : ''),
    '    by package (self time):',
    ...t.byPackage.map(
      (e) =>
        `      ${e.pct.toFixed(1).padStart(5)} %  ${(e.ms / 1000).toFixed(2).padStart(6)} s${per(e.ms)}  ${e.name}`,
    ),
    '    top self time:',
    ...t.topSelf.map(
      (e) =>
        `      ${e.pct.toFixed(1).padStart(5)} %  ${(e.ms / 1000).toFixed(2).padStart(6)} s${per(e.ms)}  ${e.name}`,
    ),
    '    top inclusive time (project code):',
    ...t.topInclusive.map(
      (e) =>
        `      ${e.pct.toFixed(1).padStart(5)} %  ${(e.ms / 1000).toFixed(2).padStart(6)} s${per(e.ms)}  ${e.name}`,
    ),
  ];
  return lines.join('\n');
}
