// Ledger state: a key→JSON map that modules read and write through an overlay, so a failed
// transaction leaves nothing behind and a block's writes are known exactly (its state diff).
import { concatBytes, fromHex, toHex, utf8 } from '../core/bytes.js';
import { sha256 } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import { canonicalJson } from '../core/jcs.js';

export interface StateReader {
  get(key: string): Json | undefined;
}

export interface StateWriter extends StateReader {
  put(key: string, value: Json): void;
  delete(key: string): void;
}

/** A write in a state diff: a value, or null for a deletion. */
export type StateDiff = ReadonlyMap<string, Json | null>;

/** Buffers writes over a reader; commit() folds them into its parent, discard() forgets them. */
export class StateOverlay implements StateWriter {
  private readonly writes = new Map<string, Json | null>();
  constructor(private readonly base: StateReader) {}

  get(key: string): Json | undefined {
    const w = this.writes.get(key);
    if (w !== undefined) return w === null ? undefined : w;
    return this.base.get(key);
  }

  put(key: string, value: Json): void {
    this.writes.set(key, value);
  }

  delete(key: string): void {
    this.writes.set(key, null);
  }

  /** The buffered writes, key → value or null (deleted). */
  diff(): StateDiff {
    return this.writes;
  }

  /** Folds these writes into a parent overlay. */
  commitInto(parent: StateWriter): void {
    for (const [k, v] of this.writes) {
      if (v === null) parent.delete(k);
      else parent.put(k, v);
    }
    this.writes.clear();
  }
}

/** A plain in-memory state, for tests and the audit's replay. */
export class MemoryState implements StateWriter {
  readonly map = new Map<string, Json>();
  get(key: string): Json | undefined {
    return this.map.get(key);
  }
  put(key: string, value: Json): void {
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  apply(diff: StateDiff): void {
    for (const [k, v] of diff) {
      if (v === null) this.map.delete(k);
      else this.map.set(k, v);
    }
  }
}

/** The canonical text of each write of a diff (null for a deletion), sorted by key. */
export function canonicalDiff(diff: StateDiff): [string, string | null][] {
  return [...diff.keys()].sort().map((k) => {
    const v = diff.get(k);
    return [k, v === null || v === undefined ? null : canonicalJson(v)];
  });
}

/**
 * The digest of a block's state diff: SHA-256 over the canonical JSON of [key, value|null]
 * pairs sorted by key. Order-independent in how the writes happened, dependent on what they
 * were. Built from the texts, which are canonical JSON already, so each value is serialised once.
 */
export function diffDigest(diff: StateDiff, texts = canonicalDiff(diff)): Uint8Array {
  const body = texts.map(([k, v]) => `[${JSON.stringify(k)},${v ?? 'null'}]`).join(',');
  return sha256(utf8(`[${body}]`));
}

/**
 * The state root after a block: SHA-256(previous root || diff digest). Every node recomputes it
 * from the blocks alone; see docs/decisions/0003-state-root.md for why a chain of diffs and not
 * a tree over all state.
 */
export function nextStateRoot(
  prevRootHex: string,
  diff: StateDiff,
  texts = canonicalDiff(diff),
): string {
  const prev = fromHex(prevRootHex);
  if (!prev || prev.length !== 32) throw new TypeError('state root must be 32 bytes of hex');
  return toHex(sha256(concatBytes(prev, diffDigest(diff, texts))));
}
