// The global transaction log (DESIGN.md: the log): RFC 9162 (CT v2) §2.1 Merkle tree hashing
// with SHA-256, an append-only log over stored perfect subtrees, and the proof verifiers that
// wallets and auditors run offline against attacker-supplied proofs.
//
// All index arithmetic uses division and remainder, not bitwise operators: JS bitwise operators
// truncate to 32 bits, and log sizes and hostile indices may go up to 2^53 - 1.
import { equalBytes } from './bytes.js';
import { HASH_LENGTH, sha256 } from './hash.js';
import { fail, OK, type Result, type Verdict } from './result.js';

// ---------------------------------------------------------------------------------------------
// Size arithmetic on safe integers

function isSize(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

const half = (n: number): number => Math.floor(n / 2);

/** Number of bits needed to write n (0 for 0). */
function bitLength(n: number): number {
  let bits = 0;
  for (; n > 0; n = half(n)) bits++;
  return bits;
}

function popCount(n: number): number {
  let ones = 0;
  for (; n > 0; n = half(n)) ones += n % 2;
  return ones;
}

// ---------------------------------------------------------------------------------------------
// Hashing (RFC 9162 §2.1.1)

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return sha256(input);
}

// Node hashing is the hot path of appends and verification: reuse one input buffer
// (hashing is synchronous, so nothing can interleave).
const nodeInput = new Uint8Array(1 + 2 * HASH_LENGTH);
nodeInput[0] = NODE_PREFIX;

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_LENGTH || right.length !== HASH_LENGTH) {
    throw new RangeError(`node children must be ${HASH_LENGTH}-byte hashes`);
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_LENGTH);
  return sha256(nodeInput);
}

const EMPTY_ROOT = sha256(new Uint8Array(0));

/** MTH({}) = SHA-256 of the empty string. */
export function emptyRoot(): Uint8Array {
  return EMPTY_ROOT.slice();
}

/** MTH of a list of leaf hashes (e.g. a block's transaction root). O(n) hashes, O(log n) memory. */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  // A stack of perfect-subtree roots, largest first, merged like binary carries as leaves
  // arrive; folding it from the right at the end is exactly RFC 9162's split at the largest
  // power of two below n.
  const stack: Uint8Array[] = [];
  for (let i = 0; i < leafHashes.length; i++) {
    const h = leafHashes[i];
    if (h.length !== HASH_LENGTH)
      throw new RangeError(`leaf hash ${i} is not ${HASH_LENGTH} bytes`);
    let top = h;
    for (let n = i; n % 2 === 1; n = (n - 1) / 2) top = nodeHash(stack.pop() as Uint8Array, top);
    stack.push(top);
  }
  return foldRight(stack);
}

/** MTH from the perfect subtrees tiling a range, largest first (non-empty). A fresh array. */
function foldRight(parts: readonly Uint8Array[]): Uint8Array {
  let root = parts[parts.length - 1];
  for (let i = parts.length - 2; i >= 0; i--) root = nodeHash(parts[i], root);
  return root.slice();
}

// ---------------------------------------------------------------------------------------------
// Storage of perfect subtrees

/**
 * Hashes of perfect subtrees only: level 0 holds leaf hashes, and (level k, index i) is the root
 * of leaves [i * 2^k, (i + 1) * 2^k). Partial right-edge subtrees are never stored, so nothing
 * stored ever changes once the log has grown past it.
 */
export interface MerkleNodeStore {
  get(level: number, index: number): Uint8Array | undefined;
  set(level: number, index: number, hash: Uint8Array): void;
}

const MAX_LEVEL = 63;
const INITIAL_CAPACITY = 1024;

interface Level {
  bytes: Uint8Array;
  count: number;
}

/**
 * In-memory store: one flat, doubling byte array per level (32 bytes per node, not one object per
 * hash), so a million-leaf log takes ~64 MB and rebuilds quickly at start-up. Levels are dense:
 * `set` may overwrite or append, never leave a gap.
 */
export class MemoryNodeStore implements MerkleNodeStore {
  readonly #levels: Level[] = [];

  get(level: number, index: number): Uint8Array | undefined {
    const l = this.#levels[level];
    if (l === undefined || !Number.isInteger(index) || index < 0 || index >= l.count) {
      return undefined;
    }
    // A copy: callers may keep or alter what they get without touching the log.
    return l.bytes.slice(index * HASH_LENGTH, (index + 1) * HASH_LENGTH);
  }

  set(level: number, index: number, hash: Uint8Array): void {
    if (!Number.isInteger(level) || level < 0 || level > MAX_LEVEL) {
      throw new RangeError(`level ${level} out of range`);
    }
    if (hash.length !== HASH_LENGTH) throw new RangeError(`hash must be ${HASH_LENGTH} bytes`);
    while (this.#levels.length <= level) {
      this.#levels.push({ bytes: new Uint8Array(INITIAL_CAPACITY * HASH_LENGTH), count: 0 });
    }
    const l = this.#levels[level];
    if (!Number.isInteger(index) || index < 0 || index > l.count) {
      throw new RangeError(`index ${index} would leave a gap at level ${level}`);
    }
    if ((index + 1) * HASH_LENGTH > l.bytes.length) {
      const grown = new Uint8Array(l.bytes.length * 2);
      grown.set(l.bytes);
      l.bytes = grown;
    }
    l.bytes.set(hash, index * HASH_LENGTH);
    if (index === l.count) l.count++;
  }
}

// ---------------------------------------------------------------------------------------------
// The append-only log

/** The perfect subtrees that tile [start, start + length), largest first (start suitably aligned). */
function* tiles(start: number, length: number): Generator<{ level: number; index: number }> {
  let pos = start;
  for (let level = bitLength(length) - 1; level >= 0; level--) {
    const width = 2 ** level;
    if (pos + width <= start + length) {
      yield { level, index: pos / width };
      pos += width;
    }
  }
}

/**
 * An append-only RFC 9162 log over a `MerkleNodeStore`. Every append stores the leaf and each
 * perfect subtree it completes (amortised one node hash per append); roots and proofs for any
 * size up to the current one are assembled from stored subtrees in O(log n).
 *
 * Methods throw `RangeError` for out-of-range arguments: they are called by our own node, so a
 * bad index is a bug, not an answer.
 */
export class MerkleLog {
  readonly #store: MerkleNodeStore;
  #size: number;
  // Roots of the perfect subtrees that tile [0, size), largest first: appends merge these
  // without reading the store back (cheap for a disk-backed store), and root() is one fold.
  readonly #frontier: Uint8Array[];

  /** Opens a log of `size` leaves over `store` (a fresh one by default). */
  constructor(store: MerkleNodeStore = new MemoryNodeStore(), size = 0) {
    if (!isSize(size)) throw new RangeError(`log size ${size} is not a non-negative integer`);
    this.#store = store;
    this.#size = size;
    // Also fails now, not on the first proof, if the store does not hold this log.
    this.#frontier = [...tiles(0, size)].map((t) => this.#node(t.level, t.index));
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a leaf hash; returns its index. */
  append(leafHash: Uint8Array): number {
    if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_LENGTH) {
      throw new RangeError(`leaf hash must be ${HASH_LENGTH} bytes`);
    }
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('log is full');
    const index = this.#size;
    this.#store.set(0, index, leafHash);
    // Each odd index completes its parent; carry upwards like binary addition.
    let hash: Uint8Array = leafHash.slice(); // ours: the caller may reuse its buffer
    let level = 0;
    for (let i = index; i % 2 === 1; i = (i - 1) / 2) {
      hash = nodeHash(this.#frontier.pop() as Uint8Array, hash);
      level++;
      this.#store.set(level, (i - 1) / 2, hash);
    }
    this.#frontier.push(hash);
    this.#size = index + 1;
    return index;
  }

  /** Appends leaf hashes in order; returns the index of the first (the old size). */
  appendMany(leafHashes: Iterable<Uint8Array>): number {
    const first = this.#size;
    for (const h of leafHashes) this.append(h);
    return first;
  }

  /** The hash of leaf `index`. */
  leafHashAt(index: number): Uint8Array {
    this.#checkIndex(index, this.#size);
    return this.#node(0, index);
  }

  /** The root of the log when it had `size` leaves (any size up to the current one). */
  root(size: number = this.#size): Uint8Array {
    this.#checkSize(size);
    if (size === 0) return emptyRoot();
    return size === this.#size ? foldRight(this.#frontier) : this.#rangeRoot(0, size);
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[size]): sibling hashes from the leaf up to the root. */
  inclusionProof(index: number, size: number = this.#size): Uint8Array[] {
    this.#checkSize(size);
    this.#checkIndex(index, size);
    return this.#pathUp(0, index, size);
  }

  /**
   * RFC 9162 §2.1.4.1 PROOF(fromSize, D[toSize]). Empty when fromSize is 0 or equal to toSize
   * (nothing to prove beyond the roots themselves).
   */
  consistencyProof(fromSize: number, toSize: number = this.#size): Uint8Array[] {
    this.#checkSize(toSize);
    if (!isSize(fromSize) || fromSize > toSize) {
      throw new RangeError(`from size ${fromSize} is not in [0, ${toSize}]`);
    }
    if (fromSize === 0 || fromSize === toSize) return [];
    // The largest perfect subtree ending at fromSize, then its inclusion path in toSize. Its root
    // is left out when it is the whole old tree: the verifier already has that as fromRoot.
    let level = 0;
    while ((fromSize / 2 ** level) % 2 === 0) level++;
    const index = (fromSize - 2 ** level) / 2 ** level;
    const path = this.#pathUp(level, index, toSize);
    return index === 0 ? path : [this.#node(level, index), ...path];
  }

  #checkSize(size: number): void {
    if (!isSize(size) || size > this.#size) {
      throw new RangeError(`size ${size} is not in [0, ${this.#size}]`);
    }
  }

  #checkIndex(index: number, size: number): void {
    if (!isSize(index) || index >= size) {
      throw new RangeError(`index ${index} is not in [0, ${size})`);
    }
  }

  #node(level: number, index: number): Uint8Array {
    const h = this.#store.get(level, index);
    if (h === undefined) throw new Error(`Merkle store lacks node (${level}, ${index})`);
    return h;
  }

  /** MTH of leaves [start, end): a right fold over the perfect subtrees that tile the range. */
  #rangeRoot(start: number, end: number): Uint8Array {
    const parts: Uint8Array[] = [];
    for (const t of tiles(start, end - start)) parts.push(this.#node(t.level, t.index));
    return foldRight(parts);
  }

  /**
   * Siblings on the way from perfect node (level, index) up to the root of a tree of `size`
   * leaves. A right-edge node without a right sibling is promoted unchanged (that is the RFC's
   * split at the largest power of two); at most one sibling is a partial subtree, built on demand.
   */
  #pathUp(fromLevel: number, index: number, size: number): Uint8Array[] {
    const path: Uint8Array[] = [];
    let level = fromLevel;
    for (let width = 2 ** level, i = index; width < size; width *= 2, i = half(i)) {
      if (i % 2 === 1) {
        path.push(this.#node(level, i - 1));
      } else {
        const start = (i + 1) * width;
        if (start < size) {
          const end = Math.min(start + width, size);
          path.push(end - start === width ? this.#node(level, i + 1) : this.#rangeRoot(start, end));
        }
      }
      level++;
    }
    return path;
  }
}

// ---------------------------------------------------------------------------------------------
// Verifiers for attacker-controlled proofs: never throw, range-check everything.

export type InclusionError =
  | 'MERKLE_MALFORMED_HASH'
  | 'MERKLE_MALFORMED_PROOF'
  | 'MERKLE_INVALID_SIZE'
  | 'MERKLE_INDEX_OUT_OF_RANGE'
  | 'MERKLE_PROOF_WRONG_LENGTH'
  | 'MERKLE_ROOT_MISMATCH';

export type ConsistencyError =
  | 'MERKLE_MALFORMED_HASH'
  | 'MERKLE_MALFORMED_PROOF'
  | 'MERKLE_INVALID_SIZE'
  | 'MERKLE_SIZE_DECREASED'
  | 'MERKLE_PROOF_WRONG_LENGTH'
  | 'MERKLE_ROOT_MISMATCH';

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_LENGTH;
}

/** Proof elements checked one by one: a proof is any value an attacker could hand us. */
function checkProof(proof: unknown): 'MERKLE_MALFORMED_PROOF' | 'MERKLE_MALFORMED_HASH' | null {
  if (!Array.isArray(proof)) return 'MERKLE_MALFORMED_PROOF';
  for (let i = 0; i < proof.length; i++) if (!isHash(proof[i])) return 'MERKLE_MALFORMED_HASH';
  return null;
}

/**
 * Length of PATH(index, D[size]) for index < size: the levels below the point where the paths to
 * index and to the last leaf meet, plus the left siblings above it.
 */
function inclusionProofLength(index: number, size: number): number {
  let inner = 0;
  for (let a = index, b = size - 1, level = 1; a > 0 || b > 0; level++) {
    if (a % 2 !== b % 2) inner = level;
    a = half(a);
    b = half(b);
  }
  return inner + popCount(Math.floor(index / 2 ** inner));
}

/** Length of PROOF(fromSize, D[toSize]) for 0 < fromSize < toSize. */
function consistencyProofLength(fromSize: number, toSize: number): number {
  let shift = 0;
  while ((fromSize / 2 ** shift) % 2 === 0) shift++;
  const seedIncluded = fromSize === 2 ** shift ? 0 : 1;
  return seedIncluded + inclusionProofLength(fromSize - 1, toSize) - shift;
}

/**
 * RFC 9162 §2.1.3.2: the root that an inclusion proof implies for `leafHash` at `index` in a tree
 * of `treeSize` leaves. Compare it with a trusted root yourself, or use `verifyInclusion`.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Result<Uint8Array, InclusionError> {
  if (!isSize(treeSize)) return fail('MERKLE_INVALID_SIZE', 'tree size');
  if (!isSize(index) || index >= treeSize) return fail('MERKLE_INDEX_OUT_OF_RANGE');
  if (!isHash(leafHash)) return fail('MERKLE_MALFORMED_HASH', 'leaf hash');
  const bad = checkProof(proof);
  if (bad !== null) return fail(bad, 'proof');
  // Checked before any hashing, so a hostile proof costs O(log n) at most.
  if (proof.length !== inclusionProofLength(index, treeSize)) {
    return fail('MERKLE_PROOF_WRONG_LENGTH');
  }
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return fail('MERKLE_PROOF_WRONG_LENGTH');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // fn === sn on a left child: its parents have no right sibling until fn turns odd.
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('MERKLE_PROOF_WRONG_LENGTH');
  return { ok: true, value: r === leafHash ? r.slice() : r };
}

/** RFC 9162 §2.1.3.2: does `proof` show `leafHash` at `index` in the tree of `treeSize` with `root`? */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verdict<InclusionError> {
  if (!isHash(root)) return fail('MERKLE_MALFORMED_HASH', 'root');
  const computed = rootFromInclusionProof(leafHash, index, treeSize, proof);
  if (!computed.ok) return computed;
  return equalBytes(computed.value, root) ? OK : fail('MERKLE_ROOT_MISMATCH');
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `toSize` with `toRoot` extends the tree of
 * `fromSize` with `fromRoot`? Equal sizes need an empty proof and equal roots. From size 0 the
 * proof is empty and `fromRoot` must be the empty-tree root (stricter than "anything goes": a
 * checkpoint claiming another root for an empty log is itself false).
 */
export function verifyConsistency(
  fromSize: number,
  toSize: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  proof: readonly Uint8Array[],
): Verdict<ConsistencyError> {
  if (!isSize(fromSize) || !isSize(toSize)) return fail('MERKLE_INVALID_SIZE');
  if (fromSize > toSize) return fail('MERKLE_SIZE_DECREASED');
  if (!isHash(fromRoot)) return fail('MERKLE_MALFORMED_HASH', 'from root');
  if (!isHash(toRoot)) return fail('MERKLE_MALFORMED_HASH', 'to root');
  const bad = checkProof(proof);
  if (bad !== null) return fail(bad, 'proof');

  if (fromSize === toSize || fromSize === 0) {
    if (proof.length !== 0) return fail('MERKLE_PROOF_WRONG_LENGTH');
    if (fromSize === 0) {
      return equalBytes(fromRoot, EMPTY_ROOT) ? OK : fail('MERKLE_ROOT_MISMATCH', 'from root');
    }
    return equalBytes(fromRoot, toRoot) ? OK : fail('MERKLE_ROOT_MISMATCH');
  }
  if (proof.length !== consistencyProofLength(fromSize, toSize)) {
    return fail('MERKLE_PROOF_WRONG_LENGTH');
  }

  // The RFC's steps, in order. When fromSize is a power of two the old root is the seed.
  const path = fromSize === 2 ** bitLength(fromSize - 1) ? [fromRoot, ...proof] : proof;
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) return fail('MERKLE_PROOF_WRONG_LENGTH');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('MERKLE_PROOF_WRONG_LENGTH');
  if (!equalBytes(fr, fromRoot)) return fail('MERKLE_ROOT_MISMATCH', 'from root');
  if (!equalBytes(sr, toRoot)) return fail('MERKLE_ROOT_MISMATCH', 'to root');
  return OK;
}
