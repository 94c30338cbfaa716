// Micro-benchmark of the transaction log: rebuilding a log from stored leaf hashes (what a node
// does at start-up), then inclusion-proof generation and verification at random indices.
import { performance } from 'node:perf_hooks';
import { HASH_LENGTH } from '../src/core/hash.js';
import { MemoryNodeStore, MerkleLog, verifyInclusion } from '../src/core/merkle.js';

export interface MerkleBenchResult {
  leaves: number;
  buildMs: number;
  proofGenUs: number;
  proofVerifyUs: number;
}

const SAMPLES = 10_000;
const WARM_UP = 500;

/** xorshift32: seeded, so every run measures the same indices. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

export async function benchMerkle(leaves = 1_000_000): Promise<MerkleBenchResult> {
  if (!Number.isSafeInteger(leaves) || leaves < 1) throw new RangeError('leaves must be >= 1');
  const random = prng(0x5eed);

  // Stand-ins for stored leaf hashes: the build from them is what we measure, not SHA-256 of data.
  const leafBytes = new Uint8Array(leaves * HASH_LENGTH);
  for (let i = 0; i < leafBytes.length; i++) leafBytes[i] = (random() * 256) | 0;
  const leafAt = (i: number): Uint8Array =>
    leafBytes.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);

  const buildStart = performance.now();
  const log = new MerkleLog(new MemoryNodeStore());
  for (let i = 0; i < leaves; i++) log.append(leafAt(i));
  const root = log.root();
  const buildMs = performance.now() - buildStart;

  const indices = Array.from({ length: SAMPLES }, () => Math.floor(random() * leaves));
  for (let i = 0; i < WARM_UP; i++) {
    const index = indices[i];
    verifyInclusion(leafAt(index), index, leaves, log.inclusionProof(index), root);
  }

  const proofs: Uint8Array[][] = new Array<Uint8Array[]>(SAMPLES);
  const genStart = performance.now();
  for (let i = 0; i < SAMPLES; i++) proofs[i] = log.inclusionProof(indices[i]);
  const proofGenUs = ((performance.now() - genStart) * 1000) / SAMPLES;

  let failures = 0;
  const verifyStart = performance.now();
  for (let i = 0; i < SAMPLES; i++) {
    const index = indices[i];
    if (!verifyInclusion(leafAt(index), index, leaves, proofs[i], root).ok) failures++;
  }
  const proofVerifyUs = ((performance.now() - verifyStart) * 1000) / SAMPLES;
  // A fast wrong answer is no result.
  if (failures > 0) throw new Error(`${failures} of ${SAMPLES} inclusion proofs failed`);

  return { leaves, buildMs, proofGenUs, proofVerifyUs };
}
