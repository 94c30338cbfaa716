// Pre-signed load: senders and their transactions, made in worker threads before any timing,
// then laid out as request bodies.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SignedSender, SignWorkerData } from './sign-worker.js';
import { runWorker, withTimeout } from './util.js';

export interface Load {
  readonly senders: readonly SignedSender[];
  readonly txCount: number;
  readonly signMs: number;
}

/** `senders` fresh did:key senders with `txsPerSender` notarisations each (seq 1…n). */
export async function makeLoad(o: {
  network: string;
  senders: number;
  txsPerSender: number;
  threads?: number;
}): Promise<Load> {
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), o.senders));
  const start = performance.now();
  const timeMs = Date.now();
  const parts: Promise<SignedSender[]>[] = [];
  for (let i = 0; i < threads; i++) {
    const senders = Math.floor(o.senders / threads) + (i < o.senders % threads ? 1 : 0);
    const data: SignWorkerData = {
      network: o.network,
      timeMs,
      senders,
      txsPerSender: o.txsPerSender,
      area: 'W06000022',
    };
    parts.push(runWorker<SignedSender[]>(new URL('./sign-worker.ts', import.meta.url), data));
  }
  const senders = (await withTimeout(Promise.all(parts), 300_000, 'signing')).flat();
  return {
    senders,
    txCount: senders.reduce((a, s) => a + s.txs.length, 0),
    signMs: performance.now() - start,
  };
}

/**
 * Splits the load into `streams` ordered lists of request bodies. A sender belongs to one
 * stream, so a stream that waits for each answer before its next request keeps every sender's
 * sequence numbers in order; within a stream, senders are interleaved.
 */
export function streamsOf(
  load: Load,
  streams: number,
  txsPerRequest: number,
): { bodies: Buffer[]; txs: number[] }[] {
  const out: { bodies: Buffer[]; txs: number[] }[] = [];
  for (let c = 0; c < streams; c++) {
    const mine = load.senders.filter((_, i) => i % streams === c);
    const order: string[] = [];
    const most = Math.max(0, ...mine.map((s) => s.txs.length));
    for (let k = 0; k < most; k++) {
      for (const s of mine) {
        const t = s.txs[k];
        if (t !== undefined) order.push(t);
      }
    }
    const bodies: Buffer[] = [];
    const txs: number[] = [];
    for (let i = 0; i < order.length; i += txsPerRequest) {
      const chunk = order.slice(i, i + txsPerRequest);
      bodies.push(
        Buffer.from(txsPerRequest === 1 ? (chunk[0] ?? '') : `[${chunk.join(',')}]`, 'utf8'),
      );
      txs.push(chunk.length);
    }
    out.push({ bodies, txs });
  }
  return out;
}
