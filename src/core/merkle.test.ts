// Tests run only on Node: they read the shared vectors from disk and cross-check hashing against
// node:crypto, an implementation independent of the one core ships.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { equalBytes, fromHex, toHex } from './bytes.js';
import { sha256 } from './hash.js';
import {
  emptyRoot,
  leafHash,
  MemoryNodeStore,
  MerkleLog,
  type MerkleNodeStore,
  nodeHash,
  rootFromInclusionProof,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

// Count SHA-256 calls, so the cost tests measure work done rather than flaky wall-clock time.
const sha256Calls = vi.hoisted(() => ({ count: 0 }));
vi.mock('./hash.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./hash.js')>();
  return {
    ...real,
    sha256: (data: Uint8Array) => {
      sha256Calls.count++;
      return real.sha256(data);
    },
  };
});
const hashCalls = (): number => sha256Calls.count;
const resetHashCalls = (): void => {
  sha256Calls.count = 0;
};

// ---------------------------------------------------------------------------------------------
// Vectors

interface Vectors {
  leaves_hex: string[];
  root_by_size_hex: Record<string, string>;
  inclusion: { leaf_index: number; tree_size: number; proof_hex: string[] }[];
  consistency: { size1: number; size2: number; proof_hex: string[] }[];
  must_reject: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../shared/vectors/rfc6962-merkle.json', import.meta.url), 'utf8'),
) as Vectors;

function hex(h: string): Uint8Array {
  const bytes = fromHex(h);
  if (bytes === undefined) throw new Error(`bad hex in vectors: ${h}`);
  return bytes;
}

const leafData = vectors.leaves_hex.map(hex);
const leaves = leafData.map(leafHash);
const rootAt = (n: number): Uint8Array => hex(vectors.root_by_size_hex[String(n)]);
const vectorLog = new MerkleLog();
vectorLog.appendMany(leaves);

const hexes = (proof: readonly Uint8Array[]): string[] => proof.map(toHex);
const sameProof = (a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean =>
  a.length === b.length && a.every((h, i) => equalBytes(h, b[i]));

// ---------------------------------------------------------------------------------------------
// An independent reference: RFC 9162 §2.1 written literally (recursion on slices, node:crypto).

const refSha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const ONE = Uint8Array.of(1);
const largestPow2Below = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));

function refMth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return refSha();
  if (d.length === 1) return d[0];
  const k = largestPow2Below(d.length);
  return refSha(ONE, refMth(d.slice(0, k)), refMth(d.slice(k)));
}

function refPath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = largestPow2Below(d.length);
  return m < k
    ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))]
    : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}

function refSubproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = largestPow2Below(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}

const refProof = (m: number, d: readonly Uint8Array[]): Uint8Array[] =>
  m === 0 || m === d.length ? [] : refSubproof(m, d, true);

// ---------------------------------------------------------------------------------------------
// The corruptions the vectors' must_reject lists, applied to one valid case.

function flipEveryBit(proof: readonly Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  proof.forEach((h, i) => {
    for (let bit = 0; bit < h.length * 8; bit++) {
      const flipped = h.slice();
      flipped[bit >> 3] ^= 1 << (bit & 7);
      out.push(proof.map((p, j) => (j === i ? flipped : p)));
    }
  });
  return out;
}

function proofCorruptions(proof: readonly Uint8Array[], root: Uint8Array): Uint8Array[][] {
  const empty = new Uint8Array(0);
  const out: Uint8Array[][] = [
    [...proof, empty],
    [...proof, root],
    [empty, ...proof],
    [root, ...proof],
    ...flipEveryBit(proof),
  ];
  if (proof.length > 0) out.push(proof.slice(0, -1));
  for (let i = 0; i <= proof.length; i++) {
    out.push([...proof.slice(0, i), sha256(Uint8Array.of(i)), ...proof.slice(i)]);
  }
  return out;
}

const indexMutations = (i: number): number[] => [i - 1, i + 1, i ^ 2];
const treeSizeMutations = (n: number): number[] => [n * 2, Math.floor(n / 2)];
const randomRoot = sha256(Uint8Array.of(0xde, 0xad));

interface InclusionCase {
  leaf: Uint8Array;
  index: number;
  size: number;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

function inclusionCorruptions(c: InclusionCase): InclusionCase[] {
  const out: InclusionCase[] = [];
  for (const index of indexMutations(c.index)) out.push({ ...c, index });
  for (const size of treeSizeMutations(c.size)) out.push({ ...c, size });
  for (const leaf of [leafHash(Uint8Array.of(0x77)), c.root]) out.push({ ...c, leaf });
  for (const root of [emptyRoot(), randomRoot, c.leaf]) out.push({ ...c, root });
  for (const proof of proofCorruptions(c.proof, c.root)) out.push({ ...c, proof });
  // Only corruptions that change something: some are no-ops on tiny cases (an empty proof).
  return out.filter(
    (m) =>
      m.index !== c.index ||
      m.size !== c.size ||
      !equalBytes(m.leaf, c.leaf) ||
      !equalBytes(m.root, c.root) ||
      !sameProof(m.proof, c.proof),
  );
}

interface ConsistencyCase {
  from: number;
  to: number;
  fromRoot: Uint8Array;
  toRoot: Uint8Array;
  proof: readonly Uint8Array[];
}

function consistencyCorruptions(c: ConsistencyCase): ConsistencyCase[] {
  const out: ConsistencyCase[] = [];
  // As for inclusion: the old size plays the leaf index, the new size the tree size. (Other sizes
  // paired with the same roots can pass: a size means something only with its own root, which the
  // property tests below check with real checkpoints.)
  for (const from of indexMutations(c.from)) out.push({ ...c, from });
  for (const to of treeSizeMutations(c.to)) out.push({ ...c, to });
  for (const r of [emptyRoot(), randomRoot]) {
    out.push({ ...c, fromRoot: r }, { ...c, toRoot: r });
  }
  out.push({ ...c, fromRoot: c.toRoot, toRoot: c.fromRoot });
  out.push({ ...c, proof: [] });
  if (c.proof.length > 0) out.push({ ...c, proof: [c.proof[0], ...c.proof] });
  for (const proof of proofCorruptions(c.proof, c.toRoot)) out.push({ ...c, proof });
  return out.filter(
    (m) =>
      m.from !== c.from ||
      m.to !== c.to ||
      !equalBytes(m.fromRoot, c.fromRoot) ||
      !equalBytes(m.toRoot, c.toRoot) ||
      !sameProof(m.proof, c.proof),
  );
}

const verifyInc = (c: InclusionCase) => verifyInclusion(c.leaf, c.index, c.size, c.proof, c.root);
const verifyCon = (c: ConsistencyCase) =>
  verifyConsistency(c.from, c.to, c.fromRoot, c.toRoot, c.proof);

// ---------------------------------------------------------------------------------------------

describe('RFC 6962/9162 vectors', () => {
  it('has the vectors this file expects', () => {
    expect(leaves).toHaveLength(8);
    expect(Object.keys(vectors.root_by_size_hex)).toHaveLength(9);
    expect(vectors.inclusion.length).toBeGreaterThan(0);
    expect(vectors.consistency.length).toBeGreaterThan(0);
    expect(vectors.must_reject).toMatch(/bit flipped/);
  });

  it('computes the root for sizes 0-8 three ways: rootOf, a growing log, and root(n)', () => {
    const growing = new MerkleLog();
    for (let n = 0; n <= 8; n++) {
      const want = toHex(rootAt(n));
      expect(toHex(rootOf(leaves.slice(0, n)))).toBe(want);
      expect(toHex(growing.root())).toBe(want);
      expect(toHex(vectorLog.root(n))).toBe(want);
      expect(toHex(refMth(leaves.slice(0, n)))).toBe(want);
      if (n < 8) growing.append(leaves[n]);
    }
    expect(toHex(emptyRoot())).toBe(toHex(sha256(new Uint8Array(0))));
  });

  it('verifies every inclusion proof, and generates the same proofs', () => {
    for (const v of vectors.inclusion) {
      const proof = v.proof_hex.map(hex);
      const root = rootAt(v.tree_size);
      expect(verifyInclusion(leaves[v.leaf_index], v.leaf_index, v.tree_size, proof, root)).toEqual(
        { ok: true },
      );
      expect(hexes(vectorLog.inclusionProof(v.leaf_index, v.tree_size))).toEqual(v.proof_hex);
    }
  });

  it('verifies every consistency proof, and generates the same proofs', () => {
    for (const v of vectors.consistency) {
      const proof = v.proof_hex.map(hex);
      expect(verifyConsistency(v.size1, v.size2, rootAt(v.size1), rootAt(v.size2), proof)).toEqual({
        ok: true,
      });
      expect(hexes(vectorLog.consistencyProof(v.size1, v.size2))).toEqual(v.proof_hex);
    }
  });

  it('rejects every listed corruption of every inclusion proof', () => {
    let checked = 0;
    for (const v of vectors.inclusion) {
      const valid: InclusionCase = {
        leaf: leaves[v.leaf_index],
        index: v.leaf_index,
        size: v.tree_size,
        proof: v.proof_hex.map(hex),
        root: rootAt(v.tree_size),
      };
      for (const bad of inclusionCorruptions(valid)) {
        const verdict = verifyInc(bad);
        expect(verdict.ok, JSON.stringify({ ...v, index: bad.index, size: bad.size })).toBe(false);
        // rootFromInclusionProof must not produce the trusted root for any corruption either.
        const r = rootFromInclusionProof(bad.leaf, bad.index, bad.size, bad.proof);
        if (r.ok && equalBytes(bad.root, valid.root))
          expect(equalBytes(r.value, bad.root)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('rejects every listed corruption of every consistency proof', () => {
    let checked = 0;
    for (const v of vectors.consistency) {
      const valid: ConsistencyCase = {
        from: v.size1,
        to: v.size2,
        fromRoot: rootAt(v.size1),
        toRoot: rootAt(v.size2),
        proof: v.proof_hex.map(hex),
      };
      for (const bad of consistencyCorruptions(valid)) {
        expect(verifyCon(bad).ok, JSON.stringify({ ...v, from: bad.from, to: bad.to })).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('answers with stable codes', () => {
    const v = vectors.inclusion[0];
    const proof = v.proof_hex.map(hex);
    const root = rootAt(8);
    const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'OK' : r.code);
    expect(code(verifyInclusion(leaves[0], 8, 8, proof, root))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(code(verifyInclusion(leaves[0], -1, 8, proof, root))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(code(verifyInclusion(leaves[0], 0, NaN, proof, root))).toBe('MERKLE_INVALID_SIZE');
    expect(code(verifyInclusion(leaves[0], 0, 8, proof.slice(1), root))).toBe(
      'MERKLE_PROOF_WRONG_LENGTH',
    );
    expect(code(verifyInclusion(leaves[1], 0, 8, proof, root))).toBe('MERKLE_ROOT_MISMATCH');
    expect(code(verifyInclusion(leaves[0], 0, 8, proof, root.slice(1)))).toBe(
      'MERKLE_MALFORMED_HASH',
    );
    expect(
      code(verifyInclusion(leaves[0], 0, 8, [...proof.slice(1), new Uint8Array(31)], root)),
    ).toBe('MERKLE_MALFORMED_HASH');
    expect(code(verifyInclusion(leaves[0], 0, 8, 'proof' as unknown as Uint8Array[], root))).toBe(
      'MERKLE_MALFORMED_PROOF',
    );
    expect(code(verifyConsistency(8, 7, root, rootAt(7), []))).toBe('MERKLE_SIZE_DECREASED');
    expect(code(verifyConsistency(-1, 7, root, rootAt(7), []))).toBe('MERKLE_INVALID_SIZE');
    expect(code(verifyConsistency(4, 8, rootAt(4), root, []))).toBe('MERKLE_PROOF_WRONG_LENGTH');
    expect(code(verifyConsistency(8, 8, rootAt(7), root, []))).toBe('MERKLE_ROOT_MISMATCH');
    expect(code(verifyConsistency(0, 8, emptyRoot(), root, []))).toBe('OK');
    expect(code(verifyConsistency(0, 8, root, root, []))).toBe('MERKLE_ROOT_MISMATCH');
  });
});

// ---------------------------------------------------------------------------------------------

const MAX_SIZE = 300;
const bigLeaves = Array.from({ length: MAX_SIZE }, (_, i) => leafHash(Uint8Array.of(i >> 8, i)));
const bigLog = new MerkleLog();
bigLog.appendMany(bigLeaves);
const bigRoots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => bigLog.root(n));

describe('MerkleLog against the RFC definitions', () => {
  it('matches the literal RFC recursion for every index/size and size pair up to 40', () => {
    for (let n = 0; n <= 40; n++) {
      const d = bigLeaves.slice(0, n);
      expect(toHex(bigLog.root(n))).toBe(toHex(refMth(d)));
      for (let m = 0; m < n; m++) {
        expect(hexes(bigLog.inclusionProof(m, n))).toEqual(hexes(refPath(m, d)));
      }
      for (let m = 0; m <= n; m++) {
        expect(hexes(bigLog.consistencyProof(m, n))).toEqual(hexes(refProof(m, d)));
      }
    }
  });

  it('root(n) equals rootOf(first n leaves) for every n up to 300', () => {
    for (let n = 0; n <= MAX_SIZE; n++) {
      expect(equalBytes(bigRoots[n], rootOf(bigLeaves.slice(0, n)))).toBe(true);
    }
  });

  it('rootOf agrees with the RFC recursion on random leaves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 70 }),
        (d) => {
          const log = new MerkleLog();
          log.appendMany(d);
          const want = toHex(refMth(d));
          return toHex(rootOf(d)) === want && toHex(log.root()) === want;
        },
      ),
    );
  });

  it('keeps the leaf hashes it was given', () => {
    for (let i = 0; i < MAX_SIZE; i += 37) {
      expect(equalBytes(bigLog.leafHashAt(i), bigLeaves[i])).toBe(true);
    }
  });
});

describe('property: generated proofs verify, and nothing else does', () => {
  const indexAndSize = fc
    .integer({ min: 1, max: MAX_SIZE })
    .chain((size) => fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.constant(size)));
  const sizePair = fc
    .tuple(fc.integer({ min: 0, max: MAX_SIZE }), fc.integer({ min: 0, max: MAX_SIZE }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  it('every inclusion proof verifies against root(size)', () => {
    fc.assert(
      fc.property(indexAndSize, ([index, size]) => {
        const proof = bigLog.inclusionProof(index, size);
        return verifyInclusion(bigLeaves[index], index, size, proof, bigRoots[size]).ok;
      }),
      { numRuns: 500 },
    );
  });

  it('flipping any bits of any inclusion proof hash makes it fail', () => {
    fc.assert(
      fc.property(
        indexAndSize.filter(([, size]) => size > 1),
        fc.nat(),
        fc.nat({ max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        ([index, size], which, byte, mask) => {
          const proof = bigLog.inclusionProof(index, size);
          const j = which % proof.length;
          proof[j] = proof[j].slice();
          proof[j][byte] ^= mask;
          return !verifyInclusion(bigLeaves[index], index, size, proof, bigRoots[size]).ok;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an inclusion proof fails for any other index, or at any other checkpoint', () => {
    fc.assert(
      fc.property(
        indexAndSize,
        fc.integer({ min: -2, max: MAX_SIZE + 2 }),
        fc.integer({ min: 0, max: MAX_SIZE }),
        ([index, size], otherIndex, otherSize) => {
          const proof = bigLog.inclusionProof(index, size);
          const leaf = bigLeaves[index];
          if (otherIndex !== index) {
            if (verifyInclusion(leaf, otherIndex, size, proof, bigRoots[size]).ok) return false;
          }
          // A checkpoint binds size and root together: another real checkpoint never accepts it.
          if (otherSize !== size) {
            if (verifyInclusion(leaf, index, otherSize, proof, bigRoots[otherSize]).ok)
              return false;
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the claimed size is bound only through the root (why checkpoints sign both)', () => {
    // PATH(0, D[3]) and PATH(0, D[4]) have the same shape, so the RFC algorithm accepts the
    // size-3 proof with size 4 and the size-3 root. A verifier must take size and root from
    // the same signed checkpoint, never the size from the proof's sender.
    const proof = bigLog.inclusionProof(0, 3);
    expect(verifyInclusion(bigLeaves[0], 0, 4, proof, bigRoots[3]).ok).toBe(true);
    expect(verifyInclusion(bigLeaves[0], 0, 4, proof, bigRoots[4]).ok).toBe(false);
    // Likewise PROOF(1, D[8]) passes as (1, 7) with the size-8 root, never with the size-7 one.
    const consistency = bigLog.consistencyProof(1, 8);
    expect(verifyConsistency(1, 7, bigRoots[1], bigRoots[8], consistency).ok).toBe(true);
    expect(verifyConsistency(1, 7, bigRoots[1], bigRoots[7], consistency).ok).toBe(false);
  });

  it('every consistency proof verifies against root(from) and root(to)', () => {
    fc.assert(
      fc.property(sizePair, ([from, to]) => {
        const proof = bigLog.consistencyProof(from, to);
        return verifyConsistency(from, to, bigRoots[from], bigRoots[to], proof).ok;
      }),
      { numRuns: 500 },
    );
  });

  it('flipping any bits of any consistency proof hash makes it fail', () => {
    fc.assert(
      fc.property(
        sizePair.filter(([from, to]) => from > 0 && from < to),
        fc.nat(),
        fc.nat({ max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        ([from, to], which, byte, mask) => {
          const proof = bigLog.consistencyProof(from, to);
          const j = which % proof.length;
          proof[j] = proof[j].slice();
          proof[j][byte] ^= mask;
          return !verifyConsistency(from, to, bigRoots[from], bigRoots[to], proof).ok;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a consistency proof holds only for its own pair of checkpoints', () => {
    fc.assert(
      fc.property(sizePair, sizePair, ([from, to], [from2, to2]) => {
        const proof = bigLog.consistencyProof(from, to);
        const ok = verifyConsistency(from2, to2, bigRoots[from2], bigRoots[to2], proof).ok;
        // Empty proofs are shared by every (0, n) and (n, n) pair; otherwise proofs are unique.
        return ok === sameProof(proof, bigLog.consistencyProof(from2, to2));
      }),
      { numRuns: 500 },
    );
  });
});

describe('hostile input', () => {
  const hostileNumber = fc.oneof(
    fc.integer({ min: -5, max: 400 }),
    fc.constantFrom(
      NaN,
      Infinity,
      -Infinity,
      -0,
      0.5,
      -1,
      2 ** 31,
      2 ** 32 + 1,
      2 ** 53,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_VALUE,
    ),
    fc.double(),
    fc.maxSafeNat(),
  ) as fc.Arbitrary<number>;
  const hostileHash = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 40 }),
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
    fc.constantFrom(bigRoots[7], bigLeaves[3]),
    fc.anything(),
  ) as fc.Arbitrary<Uint8Array>;
  const hostileProof = fc.oneof(
    fc.array(hostileHash, { maxLength: 70 }),
    fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 70 }),
    fc.anything(),
  ) as fc.Arbitrary<Uint8Array[]>;
  const codes = new Set([
    'MERKLE_MALFORMED_HASH',
    'MERKLE_MALFORMED_PROOF',
    'MERKLE_INVALID_SIZE',
    'MERKLE_INDEX_OUT_OF_RANGE',
    'MERKLE_SIZE_DECREASED',
    'MERKLE_PROOF_WRONG_LENGTH',
    'MERKLE_ROOT_MISMATCH',
  ]);

  it('verifyInclusion and rootFromInclusionProof never throw', () => {
    fc.assert(
      fc.property(
        hostileHash,
        hostileNumber,
        hostileNumber,
        hostileProof,
        hostileHash,
        (leaf, index, size, proof, root) => {
          const v = verifyInclusion(leaf, index, size, proof, root);
          const r = rootFromInclusionProof(leaf, index, size, proof);
          return (v.ok || codes.has(v.code)) && (r.ok || codes.has(r.code));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('verifyConsistency never throws', () => {
    fc.assert(
      fc.property(
        hostileNumber,
        hostileNumber,
        hostileHash,
        hostileHash,
        hostileProof,
        (from, to, fromRoot, toRoot, proof) => {
          const v = verifyConsistency(from, to, fromRoot, toRoot, proof);
          return v.ok || codes.has(v.code);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on huge sizes with proofs of the right length', () => {
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.maxSafeNat(),
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 40, maxLength: 56 }),
        (a, b, pool) => {
          const [index, size] = a < b ? [a, b] : [b, a + 1];
          if (size > Number.MAX_SAFE_INTEGER) return true;
          // Try every length, so the correct one for this (index, size) is among them.
          for (let len = 0; len <= pool.length; len++) {
            const r = rootFromInclusionProof(pool[0], index, size, pool.slice(0, len));
            if (!r.ok && !codes.has(r.code)) return false;
            const c = verifyConsistency(index, size, pool[0], pool[1], pool.slice(0, len));
            if (!c.ok && !codes.has(c.code)) return false;
          }
          return true;
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** A store that claims every perfect subtree exists: enough to shape proofs of any size. */
const someHash = sha256(Uint8Array.of(42));
const everyNodeStore: MerkleNodeStore = {
  get: (level, index) => (level >= 0 && index >= 0 ? someHash.slice() : undefined),
  set: () => {
    throw new Error('read-only');
  },
};

describe('cost grows with log n, never worse', () => {
  beforeEach(() => {
    resetHashCalls();
  });

  it('proofs for 2^20 leaves have at most 20 (+1) hashes, and verifying costs one hash each', () => {
    const log = new MerkleLog(everyNodeStore, 2 ** 20);
    for (const index of [0, 1, 2 ** 19, 2 ** 20 - 1, 12345]) {
      const proof = log.inclusionProof(index, 2 ** 20);
      expect(proof).toHaveLength(20);
      resetHashCalls();
      expect(rootFromInclusionProof(bigLeaves[0], index, 2 ** 20, proof).ok).toBe(true);
      expect(hashCalls()).toBe(20);
    }
    for (const from of [1, 3, 2 ** 19, 2 ** 20 - 1, 777_777]) {
      const proof = log.consistencyProof(from, 2 ** 20);
      expect(proof.length).toBeLessThanOrEqual(21);
      resetHashCalls();
      verifyConsistency(from, 2 ** 20, bigRoots[1], bigRoots[2], proof);
      expect(hashCalls()).toBeLessThanOrEqual(2 * 21);
    }
  });

  it('proof length is at most ceil(log2 n) (+1 for consistency) for sizes up to 2^53', () => {
    for (let k = 1; k <= 53; k++) {
      for (const n of [2 ** k - 1, 2 ** k, 2 ** k + 1].filter(
        (x) => x >= 2 && x <= Number.MAX_SAFE_INTEGER,
      )) {
        const log = new MerkleLog(everyNodeStore, n);
        const bound = (n - 1).toString(2).length; // ceil(log2 n), exactly (Math.log2 rounds)
        for (const m of [1, Math.floor(n / 3), n - 2, n - 1].filter((x) => x >= 1 && x < n)) {
          expect(log.inclusionProof(m, n).length).toBeLessThanOrEqual(bound);
          expect(log.consistencyProof(m, n).length).toBeLessThanOrEqual(bound + 1);
        }
      }
    }
  });

  it('a hostile proof of 100,000 elements is refused without hashing', () => {
    const huge = Array.from({ length: 100_000 }, () => bigLeaves[0]);
    expect(verifyInclusion(bigLeaves[0], 5, 300, huge, bigRoots[300]).ok).toBe(false);
    expect(verifyConsistency(5, 300, bigRoots[5], bigRoots[300], huge).ok).toBe(false);
    expect(hashCalls()).toBe(0);
  });

  it('appending costs amortised one node hash per leaf', () => {
    const log = new MerkleLog();
    resetHashCalls();
    log.appendMany(bigLeaves.slice(0, 256));
    expect(hashCalls()).toBe(255);
  });
});

// ---------------------------------------------------------------------------------------------

describe('MerkleLog and MemoryNodeStore misuse and reopening', () => {
  it('throws RangeError for out-of-range arguments', () => {
    const log = new MerkleLog();
    log.appendMany(leaves);
    expect(() => log.inclusionProof(8)).toThrow(RangeError);
    expect(() => log.inclusionProof(-1)).toThrow(RangeError);
    expect(() => log.inclusionProof(0.5)).toThrow(RangeError);
    expect(() => log.inclusionProof(0, 9)).toThrow(RangeError);
    expect(() => log.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => log.root(9)).toThrow(RangeError);
    expect(() => log.root(NaN)).toThrow(RangeError);
    expect(() => log.consistencyProof(5, 4)).toThrow(RangeError);
    expect(() => log.consistencyProof(1, 9)).toThrow(RangeError);
    expect(() => log.leafHashAt(8)).toThrow(RangeError);
    expect(() => log.append(new Uint8Array(31))).toThrow(RangeError);
    expect(() => new MerkleLog(new MemoryNodeStore(), -1)).toThrow(RangeError);
    expect(() => nodeHash(leaves[0], new Uint8Array(33))).toThrow(RangeError);
    expect(() => rootOf([leaves[0], new Uint8Array(0)])).toThrow(RangeError);
    expect(log.size).toBe(8);
  });

  it('reopens an existing store and carries on as if never closed', () => {
    const store = new MemoryNodeStore();
    const first = new MerkleLog(store);
    first.appendMany(bigLeaves.slice(0, 77));
    const reopened = new MerkleLog(store, 77);
    expect(reopened.appendMany(bigLeaves.slice(77, 150))).toBe(77);
    expect(toHex(reopened.root())).toBe(toHex(bigRoots[150]));
    expect(toHex(reopened.root(77))).toBe(toHex(bigRoots[77]));
  });

  it('reopens at a smaller size and overwrites what was never committed', () => {
    const store = new MemoryNodeStore();
    new MerkleLog(store).appendMany(leaves); // e.g. a crash after writing, before committing
    const log = new MerkleLog(store, 5);
    log.appendMany(bigLeaves.slice(5, 12));
    expect(toHex(log.root())).toBe(
      toHex(rootOf([...leaves.slice(0, 5), ...bigLeaves.slice(5, 12)])),
    );
  });

  it('refuses to open a store that does not hold the claimed log', () => {
    const store = new MemoryNodeStore();
    new MerkleLog(store).appendMany(leaves.slice(0, 3));
    expect(() => new MerkleLog(store, 4)).toThrow(/lacks node/);
  });

  it('hands out copies, and keeps levels dense', () => {
    const store = new MemoryNodeStore();
    const h = leaves[1].slice();
    store.set(0, 0, h);
    h[0] ^= 1;
    const got = store.get(0, 0) as Uint8Array;
    expect(toHex(got)).toBe(toHex(leaves[1]));
    got[0] ^= 1;
    expect(toHex(store.get(0, 0) as Uint8Array)).toBe(toHex(leaves[1]));
    expect(store.get(0, 1)).toBeUndefined();
    expect(store.get(5, 0)).toBeUndefined();
    expect(() => store.set(0, 2, leaves[0])).toThrow(RangeError);
    expect(() => store.set(0, 1, new Uint8Array(5))).toThrow(RangeError);
    for (let i = 1; i < 5000; i++) store.set(0, i, leaves[i % 8]); // grows past its first block
    expect(toHex(store.get(0, 4097) as Uint8Array)).toBe(toHex(leaves[4097 % 8]));
  });
});
