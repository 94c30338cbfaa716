// Worker thread entry: verifies did:key signatures for the pool.
import { parentPort } from 'node:worker_threads';
import { verifyDidKeySignatures } from './verify-did-key.js';
import type { VerifyJob } from './verify-pool.js';

parentPort?.on('message', (m: { id: number; jobs: VerifyJob[] }) => {
  const results = verifyDidKeySignatures(m.jobs);
  parentPort?.postMessage({ id: m.id, results }, [results.buffer as ArrayBuffer]);
});
