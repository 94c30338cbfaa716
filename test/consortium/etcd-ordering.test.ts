// The etcd side of decision 0009 against a real 3-member etcd cluster on 127.0.0.1: exactly-once
// admission, one total order, the proposer election and its failover, fencing, and the member
// faults (SIGKILL of the Raft leader, SIGSTOP, restart on the same data dir). Each test uses its
// own network name, so its keys never meet another test's. Timings are printed at the end.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtcdCluster } from '../../src/node/consortium/etcd-cluster.js';
import { EtcdOrdering, SUB } from '../../src/node/consortium/etcd-ordering.js';
import type { Campaign, Ordering, TxEntry } from '../../src/node/consortium/ordering.js';

const TTL = 2; // seconds, as the decision says
const timings: Record<string, number> = {};

let dir = '';
let cluster: EtcdCluster;
const open: EtcdOrdering[] = [];

/** An Ordering bound to the given members only (so a test knows which member it talks to). */
function ordering(network: string, members: readonly number[], timeoutMs = 2000): EtcdOrdering {
  const o = new EtcdOrdering({
    hosts: members.map((i) => cluster.member(i).clientUrl),
    network,
    timeoutMs,
    now: Date.now,
  });
  open.push(o);
  return o;
}

async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((o) => o.close()));
}

function must<T>(r: { ok: true; value: T } | { ok: false; code: string; detail?: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

async function allTxs(o: Ordering, pageSize = 1000): Promise<TxEntry[]> {
  const out: TxEntry[] = [];
  let after = 0;
  for (;;) {
    const page = must(await o.txRange(after, pageSize));
    out.push(...page.entries);
    const last = page.entries.at(-1);
    if (!page.more || last === undefined) return out;
    after = last.revision;
  }
}

/** Polls f until it returns true or the bound passes; returns the elapsed ms. */
async function within(ms: number, f: () => Promise<boolean>, what: string): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await f()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

function settleIn<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: over ${ms} ms`)), ms),
    ),
  ]);
}

const CHILD = new URL('./child.ts', import.meta.url).pathname;

/** Runs child.ts in its own node process; resolves once it printed `line`. */
async function child(args: readonly string[], line: string, ms: number): Promise<ChildProcess> {
  const p = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await settleIn(
    new Promise<void>((resolve, reject) => {
      p.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(line)) resolve();
      });
      p.once('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
    }),
    ms,
    `child ${args[0] ?? ''} printing ${line}`,
  ).catch((e: unknown) => {
    p.kill('SIGKILL');
    throw e;
  });
  return p;
}

function pgrep(pattern: string): string {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

/** A follower: any member but the current Raft leader. */
async function follower(): Promise<number> {
  const l = await cluster.waitForLeader(5000);
  return (l + 1) % 3;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadwyn-etcd-'));
  cluster = new EtcdCluster({ baseDir: dir, members: 3 });
  const t0 = Date.now();
  await cluster.start();
  timings['cluster start'] = Date.now() - t0;
}, 30_000);

afterAll(async () => {
  await closeAll();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log('etcd timings (ms):', JSON.stringify(timings));
}, 30_000);

describe('etcd ordering (3 members on 127.0.0.1)', () => {
  it('admits a tx exactly once when two clients on different members put it at once', async () => {
    const a = ordering('exactly-once', [0]);
    const b = ordering('exactly-once', [1]);
    for (let i = 0; i < 20; i++) {
      const id = `tx${i}`;
      const [ra, rb] = await Promise.all([a.putTx(id, `{"n":${i}}`), b.putTx(id, `{"n":${i}}`)]);
      const [va, vb] = [must(ra), must(rb)];
      expect(va.revision).toBe(vb.revision);
      expect([va.duplicate, vb.duplicate].sort()).toEqual([false, true]);
    }
    expect((await allTxs(a)).map((e) => e.id)).toHaveLength(20);
    await closeAll();
  }, 15_000);

  it('property: any interleaving of duplicate puts gives one revision per id', async () => {
    const clients = [0, 1, 2].map((i) => ordering('prop', [i]));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), via: fc.nat(2) }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (puts) => {
          const tag = `r${run++}-`;
          const results = await Promise.all(
            puts.map((p) => (clients[p.via] as EtcdOrdering).putTx(tag + p.id, p.id)),
          );
          for (const id of new Set(puts.map((p) => p.id))) {
            const mine = results.filter((_, i) => puts[i]?.id === id).map(must);
            expect(mine.filter((r) => !r.duplicate)).toHaveLength(1);
            expect(new Set(mine.map((r) => r.revision)).size).toBe(1);
          }
        },
      ),
      { numRuns: 15 },
    );
    await closeAll();
  }, 20_000);

  it('gives one total order: 200 txs through 3 members read back identically through each', async () => {
    const cs = [0, 1, 2].map((i) => ordering('total-order', [i]));
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (cs[i % 3] as EtcdOrdering).putTx(`t${String(i).padStart(3, '0')}`, `{"i":${i}}`),
      ),
    );
    for (const a of acks) expect(must(a).duplicate).toBe(false);
    const views = await Promise.all(cs.map((c) => allTxs(c)));
    const paged = await allTxs(cs[1] as EtcdOrdering, 37); // paging gives the same sequence
    expect(views[0]).toHaveLength(200);
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    expect(paged).toEqual(views[0]);
    const revs = (views[0] ?? []).map((e) => e.revision);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(new Set(revs).size).toBe(200);
    // A validator re-reads exactly a proposal's range (fromRev, toRev].
    const slice = must(
      await (cs[2] as EtcdOrdering).txRange(revs[49] ?? 0, 1000, { upToRevision: revs[149] }),
    );
    expect(slice.entries).toEqual((views[0] ?? []).slice(50, 150));
    await closeAll();
  }, 20_000);

  it('writes a burst of puts as few txns, in call order; pages, slices and compacts inside a txn', async () => {
    const o = ordering('batched', [0]);
    const r = ordering('batched', [2]);
    must(await o.putTx('seen-before', '{"n":-1}'));
    // 300 calls in one turn, a repeat inside the burst and one of an id already stored.
    const ids = Array.from({ length: 300 }, (_, i) => `b${String(i).padStart(3, '0')}`);
    const calls = [...ids, 'b007', 'seen-before'];
    const acks = (await Promise.all(calls.map((id) => o.putTx(id, `{"id":"${id}"}`)))).map(must);
    const revs = acks.slice(0, 300).map((a) => a.revision);
    expect(acks.slice(0, 300).every((a) => !a.duplicate)).toBe(true);
    expect(revs).toEqual([...revs].sort((x, y) => x - y)); // call order is the order
    expect(new Set(revs).size).toBe(300);
    // Far fewer txns than puts (128 keys per txn at most).
    const txns = new Set(revs.map((v) => Math.floor(v / SUB))).size;
    expect(txns).toBeGreaterThanOrEqual(3);
    expect(txns).toBeLessThan(10);
    timings['txns for a burst of 300 puts'] = txns;
    expect(acks[300]).toEqual({ revision: revs[7], duplicate: true });
    expect(acks[301]?.duplicate).toBe(true);
    // Every page size reads the same sequence, even one smaller than a txn.
    const whole = (await allTxs(r)).filter((e) => e.id !== 'seen-before');
    expect(whole.map((e) => e.id)).toEqual(ids);
    expect(whole.map((e) => e.tx)).toEqual(ids.map((id) => `{"id":"${id}"}`));
    for (const size of [1, 7, 129]) {
      expect((await allTxs(r, size)).filter((e) => e.id !== 'seen-before')).toEqual(whole);
    }
    // A proposal's range may start and end inside a txn.
    const slice = must(await r.txRange(revs[10] ?? 0, 1000, { upToRevision: revs[140] }));
    expect(slice.entries.map((e) => e.id)).toEqual(ids.slice(11, 141));
    expect(slice.more).toBe(false);
    // Compaction up to the middle of a txn keeps the rest of it.
    must(await o.compact(revs[140] ?? 0));
    expect((await allTxs(r)).map((e) => e.id)).toEqual(ids.slice(141));
    await closeAll();
  }, 20_000);

  it('splits a burst of large txs into txns under etcd’s request size limit', async () => {
    const o = ordering('large', [1]);
    // 120 txs of 15 kB: 1.8 MB in one txn would be refused (etcd's 1.5 MiB request cap).
    const pad = 'x'.repeat(15_000);
    const acks = await Promise.all(
      Array.from({ length: 120 }, (_, i) => o.putTx(`big${i}`, `{"i":${i},"pad":"${pad}"}`)),
    );
    for (const a of acks) expect(must(a).duplicate).toBe(false);
    expect((await allTxs(o)).map((e) => e.id)).toHaveLength(120);
    await closeAll();
  }, 20_000);

  it('elects one proposer; when it resigns or its client closes, the other leads within 2 s', async () => {
    const oa = ordering('election', [0]);
    const ob = ordering('election', [1]);
    const oc = ordering('election', [2]);
    const a = oa.campaign('validator-a', { ttlSeconds: TTL });
    await settleIn(a.elected, 3000, 'a elected');
    const b = ob.campaign('validator-b', { ttlSeconds: TTL });
    await new Promise((r) => setTimeout(r, 300));
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    expect(must(await oc.leader())).toBe('validator-a');

    let t0 = Date.now();
    await a.resign();
    await settleIn(b.elected, 2000, 'b elected after resign');
    timings['campaign failover after resign'] = Date.now() - t0;
    expect(await a.lost).toBe('RESIGNED');
    expect(must(await oc.leader())).toBe('validator-b');

    // A third candidate, then the leader's whole client closes (as on a clean shutdown).
    const c = oc.campaign('validator-c', { ttlSeconds: TTL });
    await new Promise((r) => setTimeout(r, 200));
    t0 = Date.now();
    await ob.close();
    await settleIn(c.elected, 2000, 'c elected after close');
    timings['campaign failover after client close'] = Date.now() - t0;
    expect(c.isLeader()).toBe(true);
    await closeAll();
  }, 15_000);

  it('a campaigning process SIGKILLed (no resign): its lease runs out and the other leads within TTL + 1.5 s', async () => {
    const net = 'campaigner-killed';
    const hosts = [0, 1, 2].map((i) => cluster.member(i).clientUrl).join(',');
    const p = await child(['campaign', hosts, net, 'validator-a'], 'elected', 10_000);
    try {
      const ob = ordering(net, [1]);
      const b = ob.campaign('validator-b', { ttlSeconds: TTL });
      await new Promise((r) => setTimeout(r, 300));
      expect(must(await ob.leader())).toBe('validator-a');
      expect(b.isLeader()).toBe(false);
      const t0 = Date.now();
      p.kill('SIGKILL');
      await settleIn(b.elected, TTL * 1000 + 1500, 'b elected after a was killed');
      timings['campaign failover after campaigner SIGKILL'] = Date.now() - t0;
      expect(must(await ob.leader())).toBe('validator-b');
    } finally {
      p.kill('SIGKILL');
      await closeAll();
    }
  }, 20_000);

  it('a validator restarted after a SIGKILL removes its own stale candidacy: the next candidate leads without waiting out the dead lease', async () => {
    const net = 'campaigner-restarted';
    const hosts = [0, 1, 2].map((i) => cluster.member(i).clientUrl);
    const p = await child(['campaign', hosts.join(','), net, 'validator-a'], 'elected', 10_000);
    const raw = new Etcd3({ hosts });
    try {
      const ob = ordering(net, [1]);
      const b = ob.campaign('validator-b', { ttlSeconds: TTL });
      await new Promise((r) => setTimeout(r, 300));
      expect(must(await ob.leader())).toBe('validator-a');
      const keys = await raw.namespace(`/cadwyn/${net}/`).getAll().prefix('leader/').strings();
      const stale = Object.entries(keys)
        .filter(([, v]) => v === 'validator-a')
        .map(([k]) => BigInt(`0x${k.slice('leader/'.length)}`).toString());
      expect(stale).toHaveLength(1);
      p.kill('SIGKILL');
      // The same validator comes back (its process restarted) and stands again at once: it
      // removes its dead candidacy, so b, queued behind that, leads without waiting it out.
      const oa = ordering(net, [0]);
      const a = oa.campaign('validator-a', { ttlSeconds: TTL });
      await settleIn(b.elected, TTL * 1000, 'b elected');
      // Elected while the dead process's lease was still alive in etcd.
      const ttl = await raw.leaseClient.leaseTimeToLive({ ID: stale[0] ?? '0' });
      expect(Number(ttl.TTL)).toBeGreaterThan(0);
      expect(must(await ob.leader())).toBe('validator-b');
      expect(a.isLeader()).toBe(false);
    } finally {
      p.kill('SIGKILL');
      raw.close();
      await closeAll();
    }
  }, 20_000);

  it('a process that crashes with a cluster up takes its etcd members with it (exit hook)', async () => {
    const sub = join(dir, 'crashing');
    const p = await child(['crash', sub], 'started', 15_000);
    await new Promise<void>((r) => (p.exitCode !== null ? r() : p.once('exit', () => r())));
    expect(p.exitCode).not.toBe(0);
    await within(2000, async () => pgrep(sub) === '', 'etcd of the crashed process gone');
  }, 20_000);

  it('fences a deposed proposer: NOT_LEADER for it, the new one writes, BLOCK_EXISTS on a taken height', async () => {
    const net = 'fencing';
    const oa = ordering(net, [0]);
    const ob = ordering(net, [1]);
    const a: Campaign = oa.campaign('validator-a', { ttlSeconds: TTL });
    await settleIn(a.elected, 3000, 'a elected');
    const b: Campaign = ob.campaign('validator-b', { ttlSeconds: TTL });
    expect(must(await oa.putBlock(a, 1, '{"h":1,"by":"a"}')).revision).toBeGreaterThan(0);

    // Depose A behind its back: revoke its lease from elsewhere (as if it expired in a pause).
    const raw = new Etcd3({ hosts: [cluster.member(2).clientUrl] });
    try {
      const keys = await raw.getAll().prefix(`/cadwyn/${net}/leader/`).exec();
      const mine = keys.kvs.find((kv) => kv.value.toString() === 'validator-a');
      expect(mine).toBeDefined();
      await raw.leaseClient.leaseRevoke({ ID: mine?.lease ?? '0' });
    } finally {
      raw.close();
    }
    // A still believes it leads (its keep-alive has not noticed yet) — the write is refused anyway.
    const stale = await oa.putBlock(a, 2, '{"h":2,"by":"a"}');
    expect(stale).toMatchObject({ ok: false, code: 'NOT_LEADER' });
    expect(await settleIn(a.lost, 2000, 'a lost')).toBe('LEASE_LOST');

    await settleIn(b.elected, 3000, 'b elected');
    expect(must(await ob.putBlock(b, 2, '{"h":2,"by":"b"}')).revision).toBeGreaterThan(0);
    expect(await ob.putBlock(b, 2, '{"h":2,"again":true}')).toMatchObject({
      ok: false,
      code: 'BLOCK_EXISTS',
    });
    expect(await oa.putBlock(a, 3, '{"h":3,"by":"a"}')).toMatchObject({
      ok: false,
      code: 'NOT_LEADER',
    });
    expect(must(await oa.getBlock(2))?.proposal).toBe('{"h":2,"by":"b"}');
    expect(must(await oa.getBlock(9))).toBeNull();

    // A resigned leader's handle is stale too.
    await b.resign();
    expect(await ob.putBlock(b, 3, '{"h":3,"by":"b"}')).toMatchObject({
      ok: false,
      code: 'NOT_LEADER',
    });
    await closeAll();
  }, 15_000);

  it('watches blocks and cosignatures from a height, and compacts tx/', async () => {
    const net = 'watch';
    const o = ordering(net, [0]);
    const p = ordering(net, [1]);
    const a = o.campaign('validator-a', { ttlSeconds: TTL });
    await settleIn(a.elected, 3000, 'a elected');
    for (const h of [1, 2, 3]) must(await o.putBlock(a, h, `{"h":${h}}`));
    const seen: number[] = [];
    const w = must(await p.watchBlocks(2, (b) => seen.push(b.height)));
    const sigs: string[] = [];
    const wc = must(await p.watchCosigs(2, (c) => sigs.push(`${c.height}/${c.validator}`)));
    must(await o.putBlock(a, 4, '{"h":4}'));
    must(await o.putCosig(1, 'validator-a', 'note-1a'));
    must(await o.putCosig(2, 'validator-a', 'note-2a'));
    must(await p.putCosig(2, 'validator-b', 'note-2b'));
    await within(2000, async () => seen.length === 3 && sigs.length === 2, 'watch delivers');
    expect(seen).toEqual([2, 3, 4]);
    expect(sigs).toEqual(['2/validator-a', '2/validator-b']);
    expect(must(await o.cosigs(2)).map((c) => [c.validator, c.note])).toEqual([
      ['validator-a', 'note-2a'],
      ['validator-b', 'note-2b'],
    ]);
    await w.close();
    await wc.close();

    const revs: number[] = [];
    for (let i = 0; i < 10; i++) revs.push(must(await o.putTx(`c${i}`, `{"i":${i}}`)).revision);
    expect(must(await o.compact(revs[5] ?? 0)).deleted).toBe(6);
    expect((await allTxs(p)).map((e) => e.id)).toEqual(['c6', 'c7', 'c8', 'c9']);
    await closeAll();
  }, 15_000);

  it('a paused (SIGSTOP) member: the others keep serving, a call through it times out coded, it catches up on resume', async () => {
    const f = await follower();
    const others = [0, 1, 2].filter((i) => i !== f);
    const net = 'paused';
    const live = ordering(net, others);
    const viaPaused = ordering(net, [f], 500);
    must(await live.putTx('before', '{}'));
    cluster.pause(f);
    try {
      const t0 = Date.now();
      for (let i = 0; i < 30; i++) must(await live.putTx(`during${i}`, `{"i":${i}}`));
      timings['30 puts with one member paused'] = Date.now() - t0;
      const t1 = Date.now();
      const r = await viaPaused.putTx('through-paused', '{}');
      expect(r).toMatchObject({ ok: false, code: 'ORDERING_UNAVAILABLE' });
      expect(Date.now() - t1).toBeLessThan(1500);
    } finally {
      cluster.resume(f);
    }
    const fresh = ordering(net, [f]);
    timings['paused member catch-up after resume'] = await within(
      5000,
      async () => {
        const r = await fresh.txRange(0, 1000, { timeoutMs: 500 });
        return r.ok && r.value.entries.length >= 31;
      },
      'paused member catches up',
    );
    expect((await allTxs(fresh)).map((e) => e.id)).toEqual((await allTxs(live)).map((e) => e.id));
    await closeAll();
  }, 20_000);

  it('a candidate whose member is paused loses its lease; the other leads only after it has stopped believing it leads', async () => {
    const f = await follower();
    const other = [0, 1, 2].find((i) => i !== f) ?? 0;
    const net = 'partitioned-candidate';
    const oa = ordering(net, [f], 500);
    const ob = ordering(net, [other]);
    const a = oa.campaign('validator-a', { ttlSeconds: TTL });
    await settleIn(a.elected, 3000, 'a elected');
    const b = ob.campaign('validator-b', { ttlSeconds: TTL });
    await new Promise((r) => setTimeout(r, 200));
    let aLeadWhenBElected: boolean | null = null;
    void b.elected.then(() => (aLeadWhenBElected = a.isLeader()));
    const t0 = Date.now();
    cluster.pause(f);
    try {
      expect(await settleIn(a.lost, 4000, 'a lost')).toBe('LEASE_LOST');
      timings['paused candidate notices lease loss'] = Date.now() - t0;
      await settleIn(b.elected, 5000, 'b elected');
      timings['other candidate elected after pause'] = Date.now() - t0;
      expect(aLeadWhenBElected).toBe(false);
    } finally {
      cluster.resume(f);
    }
    await closeAll();
  }, 20_000);

  it('SIGKILL of the Raft leader member: a new Raft leader, puts succeed through the rest within 5 s, nothing acknowledged is lost', async () => {
    const net = 'leader-kill';
    const dead = await cluster.waitForLeader(5000);
    const rest = [0, 1, 2].filter((i) => i !== dead);
    const all = ordering(net, [0, 1, 2], 1000);
    const perMember = [0, 1, 2].map((i) => ordering(net, [i], 1000));
    const acked = new Set<string>();
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const r = await (perMember[i % 3] as EtcdOrdering).putTx(`pre${i}`, `{"i":${i}}`);
        if (r.ok) acked.add(`pre${i}`);
      }),
    );
    expect(acked.size).toBe(60);

    const t0 = Date.now();
    await cluster.kill(dead, 'SIGKILL');
    try {
      const survivor = perMember[rest[0] ?? 0] as EtcdOrdering;
      let n = 0;
      let last = '';
      const attempt = async (o: EtcdOrdering): Promise<boolean> => {
        const r = await o.putTx(`post${n++}`, '{}', { timeoutMs: 500 });
        if (!r.ok) last = r.detail ?? r.code;
        return r.ok;
      };
      timings['put succeeds through a surviving member after leader kill'] = await within(
        5000,
        () => attempt(survivor),
        'put through a survivor',
      ).catch((e: unknown) => {
        throw new Error(`${String(e)}; last failure: ${last}`);
      });
      const newLeader = await cluster.waitForLeader(5000, dead);
      timings['new Raft leader seen after leader kill'] = Date.now() - t0;
      expect(rest).toContain(newLeader);
      timings['put through a 3-host client after leader kill'] = await within(
        5000,
        () => attempt(all),
        'put through the 3-host client',
      );
      for (const i of rest) {
        const ids = new Set((await allTxs(perMember[i] as EtcdOrdering)).map((e) => e.id));
        for (const id of acked) expect(ids.has(id), `${id} via member ${i}`).toBe(true);
      }
    } finally {
      const t1 = Date.now();
      await cluster.restart(dead);
      timings['killed member restart to healthy'] = Date.now() - t1;
    }
    const back = ordering(net, [dead]);
    const ids = new Set((await allTxs(back)).map((e) => e.id));
    for (const id of acked) expect(ids.has(id)).toBe(true);
    await closeAll();
  }, 30_000);

  it('restarts a member on its own data dir: it rejoins as the same member and sees everything', async () => {
    const f = await follower();
    const before = (await cluster.statuses()).find((s) => s.index === f)?.memberId;
    const others = [0, 1, 2].filter((i) => i !== f);
    const net = 'restart';
    const live = ordering(net, others);
    must(await live.putTx('r-before', '{}'));
    await cluster.kill(f, 'SIGTERM');
    for (let i = 0; i < 20; i++) must(await live.putTx(`r-down${i}`, '{}'));
    const t0 = Date.now();
    await cluster.restart(f);
    timings['follower restart to healthy'] = Date.now() - t0;
    expect((await cluster.statuses()).find((s) => s.index === f)?.memberId).toBe(before);
    const back = ordering(net, [f]);
    expect((await allTxs(back)).map((e) => e.id)).toEqual((await allTxs(live)).map((e) => e.id));
    expect(await allTxs(back)).toHaveLength(21);
    await closeAll();
  }, 20_000);

  it('stop() leaves no etcd process behind', async () => {
    await closeAll();
    const pids = [0, 1, 2].map((i) => cluster.member(i).pid);
    expect(pids.every((p) => p !== null)).toBe(true);
    expect(pgrep(dir)).not.toBe('');
    await cluster.stop();
    expect(pgrep(dir)).toBe('');
  }, 15_000);
});
