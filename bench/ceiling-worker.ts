// Worker for the verification ceiling: verifies pre-made Ed25519 (key, message, signature)
// triples with the node's own verifySync for a fixed time, after a go signal from the parent.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { PublicKey } from '../src/core/crypto.js';
import { generateKeyPairSync, signSync, verifySync } from '../src/node/crypto-node.js';

export interface CeilingWorkerData {
  readonly keys: number;
  readonly messageBytes: number;
  readonly durationMs: number;
}

export interface CeilingWorkerResult {
  readonly verified: number;
  readonly failures: number;
  readonly elapsedMs: number;
}

interface Triple {
  readonly publicKey: PublicKey;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

const port = parentPort;
if (!port) throw new Error('ceiling-worker runs as a worker thread');
const { keys, messageBytes, durationMs } = workerData as CeilingWorkerData;

const triples: Triple[] = [];
for (let i = 0; i < keys; i++) {
  const kp = generateKeyPairSync('Ed25519');
  const message = new Uint8Array(randomBytes(messageBytes));
  triples.push({ publicKey: kp.publicKey, message, signature: signSync(kp.privateKey, message) });
}
// Warm-up: every key once (the KeyObject cache, the JIT), and a check that all verify.
for (const t of triples) {
  if (!verifySync(t.publicKey, t.message, t.signature)) throw new Error('a signature failed');
}

port.once('message', () => {
  let verified = 0;
  let failures = 0;
  const start = performance.now();
  const end = start + durationMs;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 64; i++) {
      const t = triples[(verified + i) % triples.length];
      if (t && !verifySync(t.publicKey, t.message, t.signature)) failures++;
    }
    verified += 64;
    now = performance.now();
  }
  const result: CeilingWorkerResult = { verified, failures, elapsedMs: now - start };
  port.postMessage(result);
});
port.postMessage('ready');
