// Worker thread entry: the stateless checks for the pool (see verify-did-key.ts).
import { parentPort } from 'node:worker_threads';
import { ingest, verifyDidKeySignatures } from './verify-did-key.js';
import type { VerifyJob } from './verify-pool.js';

type Request =
  | { readonly kind: 'verify'; readonly id: number; readonly jobs: VerifyJob[] }
  | {
      readonly kind: 'ingest';
      readonly id: number;
      readonly bodies: { readonly raw: string; readonly max: number }[];
    };

parentPort?.on('message', (m: Request) => {
  if (m.kind === 'verify') {
    const results = verifyDidKeySignatures(m.jobs);
    parentPort?.postMessage({ id: m.id, results }, [results.buffer as ArrayBuffer]);
  } else {
    parentPort?.postMessage({ id: m.id, results: m.bodies.map((b) => ingest(b.raw, b.max)) });
  }
});
