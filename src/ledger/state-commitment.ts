// The state commitment (decision 0009, "Snapshots"): every `snapshotEvery` blocks, an RFC 9162
// Merkle root over the whole state, one leaf per (key, value) in key order, carried in the
// block's checkpoint so that the validators cosign it. The state root (decision 0003) chains
// diffs and cannot check a snapshot; this root can: a node that downloads the state rows at such
// a height recomputes it and compares it with a final checkpoint before it uses any of them.
//
// A leaf is the canonical JSON of [key, value] — the same text a diff digest uses per write —
// so a node holding canonical value texts (SQLite) hashes them without parsing.
import { utf8 } from '../core/bytes.js';
import type { Json } from '../core/jcs.js';
import { canonicalJson } from '../core/jcs.js';
import { leafHash, rootOf } from '../core/merkle.js';
import type { StateDiff, StateReader } from './state.js';
import { MemoryState } from './state.js';
import { KEYS } from './modules/governance.js';

/** A state row: the key and the canonical JSON text of its value. */
export type StateRow = readonly [key: string, valueText: string];

/** A state that can list all of its rows (any order): what a commitment is computed from. */
export interface ScannableState extends StateReader {
  scanState(): Iterable<StateRow>;
}

const HIGH_UNITS = /[\ud800-\uffff]/;

/**
 * Key order: Unicode code points, which is also UTF-8 byte order (SQLite's BINARY collation).
 * JavaScript's default sort compares UTF-16 code units, which differs above U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  // Without surrogates or U+E000–U+FFFF the two orders agree: the native comparison is exact.
  if (!HIGH_UNITS.test(a) && !HIGH_UNITS.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (0xD800–0xDFFF) encodes a code point above 0xFFFF: it sorts after 0xE000–0xFFFF.
    const sx = x >= 0xd800 && x <= 0xdfff ? x + 0x10000 : x;
    const sy = y >= 0xd800 && y <= 0xdfff ? y + 0x10000 : y;
    return sx - sy;
  }
  return a.length - b.length;
}

/** The leaf hash of one state row. */
export function stateLeaf(key: string, valueText: string): Uint8Array {
  return leafHash(utf8(`[${JSON.stringify(key)},${valueText}]`));
}

/**
 * The commitment over a whole state given as rows in any order (each key once). Rows already
 * in key order (SQLite's `ORDER BY key`) cost no sort work beyond one pass.
 */
export function stateCommitment(rows: Iterable<StateRow>): Uint8Array {
  const all = [...rows];
  let sorted = true;
  for (let i = 1; i < all.length && sorted; i++) {
    sorted = compareKeys((all[i - 1] as StateRow)[0], (all[i] as StateRow)[0]) < 0;
  }
  if (!sorted) all.sort((a, b) => compareKeys(a[0], b[0]));
  for (let i = 1; i < all.length; i++) {
    if ((all[i - 1] as StateRow)[0] === (all[i] as StateRow)[0]) {
      throw new TypeError(`state key ${(all[i] as StateRow)[0]} twice`);
    }
  }
  return rootOf(all.map(([k, v]) => stateLeaf(k, v)));
}

/** The rows of `base` with `diff` applied on top (a deletion removes the row). */
export function* rowsAfter(base: Iterable<StateRow>, diff: StateDiff): Iterable<StateRow> {
  for (const row of base) {
    if (!diff.has(row[0])) yield row;
  }
  for (const [k, v] of diff) if (v !== null) yield [k, canonicalJson(v)];
}

/** The rows of a state, if it can list them: a `ScannableState`, or a `MemoryState`. */
export function scanOf(state: StateReader): Iterable<StateRow> | undefined {
  if (state instanceof MemoryState) {
    return (function* () {
      for (const [k, v] of state.map) yield [k, canonicalJson(v)] as const;
    })();
  }
  const s = state as Partial<ScannableState>;
  return typeof s.scanState === 'function' ? s.scanState() : undefined;
}

/**
 * How often the state is committed: `snapshotEvery` from the ledger parameters (genesis), or 0
 * (never) when absent, so chains started from older genesis files keep their checkpoints.
 */
export function snapshotEvery(state: StateReader): number {
  const p = state.get(KEYS.params) as { snapshotEvery?: Json } | undefined;
  const n = p?.snapshotEvery;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** Whether the block at `height` carries a state commitment. */
export function commitsAt(every: number, height: number): boolean {
  return every > 0 && height > 0 && height % every === 0;
}
