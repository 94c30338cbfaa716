// A Bloom filter over the state's keys: most look-ups of a key that does not exist (a new
// document digest, a first-time sender) answer "absent" without a SQLite read. No false
// negatives — every written key is added — so it only ever saves work, never changes a result.

const BITS_PER_KEY = 10;
const HASHES = 7; // ~1 % false positives at 10 bits per key

export class KeyFilter {
  private bits: Uint32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.bits = new Uint32Array(Math.ceil((capacity * BITS_PER_KEY) / 32) + 1);
  }

  get size(): number {
    return this.count;
  }

  /** True when more keys were added than it was sized for (its error rate climbs). */
  get full(): boolean {
    return this.count > this.capacity;
  }

  add(key: string): void {
    const [h1, h2] = hashes(key);
    const m = this.bits.length * 32;
    for (let i = 0; i < HASHES; i++) {
      const b = (h1 + i * h2) % m;
      this.bits[b >>> 5] = (this.bits[b >>> 5] ?? 0) | (1 << (b & 31));
    }
    this.count++;
  }

  mightHave(key: string): boolean {
    const [h1, h2] = hashes(key);
    const m = this.bits.length * 32;
    for (let i = 0; i < HASHES; i++) {
      const b = (h1 + i * h2) % m;
      if (((this.bits[b >>> 5] ?? 0) & (1 << (b & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a variants (double hashing), as non-negative integers. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
