// (k) The consortium (issue 5, decision 0009): 4 validator nodes + 3 etcd members on this one
// machine, all real processes (LocalCluster, as `cadwyn cluster up`). Final tx/s with batched
// POSTs spread over the four nodes (final = a block more than 2/3 of the validators cosigned;
// a consortium node stores a block only then), then submit→final latency, open loop, at half
// that rate. The ceiling is this machine's Ed25519 verifications per second ÷ 4: each of the
// four validators verifies every transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster } from '../src/node/consortium/local-cluster.js';
import { HttpClient } from './http.js';
import type { LatencyResult } from './load.js';
import { head, latency, latencySenders, waitForLogSize } from './load.js';
import type { Load } from './txgen.js';
import { makeLoad, streamsOf } from './txgen.js';

export interface ConsortiumResult {
  readonly validators: number;
  readonly etcdMembers: number;
  readonly txs: number;
  readonly txsPerRequest: number;
  /** First POST → every accepted tx final (in node 0's store). */
  readonly seconds: number;
  readonly finalTxPerSec: number;
  readonly retries: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly latency: LatencyResult;
}

const VALIDATORS = 4;
const SENDERS = 64;
const BATCH = 200;
const CONNECTIONS_PER_NODE = 2;

/** The txs of a batch that a 503 answer lists as not ordered (all of them if it lists none). */
function unanswered(body: Buffer, answer: string): string[] {
  const txs = (JSON.parse(body.toString('utf8')) as unknown[]).map((t) => JSON.stringify(t));
  let errors: { index: number; code: string }[] = [];
  try {
    errors = (JSON.parse(answer) as { errors?: { index: number; code: string }[] }).errors ?? [];
  } catch {
    return txs;
  }
  if (errors.length === 0) return txs;
  return errors.flatMap((e) => (e.code === 'ORDERING_UNAVAILABLE' ? [txs[e.index] ?? ''] : []));
}

function subset(load: Load, k: number, n: number): Load {
  const senders = load.senders.filter((_, i) => i % n === k);
  return { senders, txCount: senders.reduce((a, s) => a + s.txs.length, 0), signMs: 0 };
}

export async function benchConsortium(o: {
  readonly txs: number;
  readonly log: (m: string) => void;
  readonly keep?: boolean;
}): Promise<ConsortiumResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cadwyn-bench-consortium-'));
  o.log(`(k) starting 3 etcd members and ${VALIDATORS} validator nodes in ${dir}`);
  // Extra `cadwyn start` options for every node, to try settings (e.g. "--block-tx-max 1000").
  const nodeArgs = (process.env.CADWYN_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const c = await LocalCluster.up({ dir, validators: VALIDATORS, basePort: 0, nodeArgs });
  try {
    const probe = new HttpClient(c.url(0), 2);
    const net = (await probe.getJson<{ network: string }>('/v1/consortium')).network;
    const perSender = Math.ceil(o.txs / SENDERS);
    const load = await makeLoad({ network: net, senders: SENDERS, txsPerSender: perSender });
    o.log(`(k) signed ${load.txCount} transactions; sending to all ${VALIDATORS} nodes`);
    const h0 = await head(probe);
    let accepted = 0;
    let retries = 0;
    const refused: Record<string, number> = {};
    const start = performance.now();
    await Promise.all(
      Array.from({ length: VALIDATORS }, async (_, k) => {
        // A sender's txs all go to one node, in order (its next seq is known there).
        const client = new HttpClient(c.url(k), CONNECTIONS_PER_NODE);
        try {
          const streams = streamsOf(subset(load, k, VALIDATORS), CONNECTIONS_PER_NODE, BATCH);
          await Promise.all(
            streams.map(async (s) => {
              for (let i = 0; i < s.bodies.length; i++) {
                let body = s.bodies[i];
                if (!body) continue;
                let count = s.txs[i] ?? 0;
                for (;;) {
                  const r = await client.request('POST', '/v1/transactions', body);
                  if (r.status === 200 || r.status === 202) {
                    accepted += count;
                    break;
                  }
                  if (r.status === 503) {
                    // The orderer did not answer for some of the batch: those (the errors) go
                    // again; the rest were accepted, and sending them again would be duplicates.
                    retries++;
                    const again = unanswered(body, r.body);
                    accepted += count - again.length;
                    if (again.length === 0) break;
                    body = Buffer.from(`[${again.join(',')}]`, 'utf8');
                    count = again.length;
                    await new Promise((res) => setTimeout(res, 20));
                    continue;
                  }
                  // Refused (reported): the stream goes on with its next batch.
                  refused[String(r.status)] = (refused[String(r.status)] ?? 0) + count;
                  break;
                }
              }
            }),
          );
        } finally {
          client.close();
        }
      }),
    );
    const end = await waitForLogSize(probe, h0.logSize + accepted, 600_000);
    const seconds = (end - start) / 1000;
    const finalTxPerSec = accepted / seconds;
    o.log(`(k) ${accepted} txs final in ${seconds.toFixed(1)} s: ${finalTxPerSec.toFixed(0)} tx/s`);
    const rate = Math.max(20, Math.round(finalTxPerSec / 2));
    const count = Math.min(20_000, Math.max(200, rate * 10));
    const shape = latencySenders(rate, count);
    const l2 = await makeLoad({ network: net, senders: shape.senders, txsPerSender: shape.txs });
    o.log(`(k) latency: ${count} single-tx POSTs to node 0 at ${rate}/s, each answered when final`);
    const lat = await latency(c.url(0), l2, { rate, count, timeoutMs: 300_000 });
    probe.close();
    return {
      validators: VALIDATORS,
      etcdMembers: 3,
      txs: accepted,
      txsPerRequest: BATCH,
      seconds,
      finalTxPerSec,
      retries,
      refused,
      latency: lat,
    };
  } finally {
    await c.down();
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
}
