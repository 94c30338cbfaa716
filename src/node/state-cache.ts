// A write-through cache of parsed state values over the SQLite store. Only the block producer
// writes state, and it writes through here, so the cache never goes stale.
import type { Json } from '../core/jcs.js';
import type { StateDiff, StateReader } from '../ledger/state.js';
import { KeyFilter } from './key-filter.js';

export class StateCache implements StateReader {
  private readonly cache = new Map<string, Json | null>();
  private filter: KeyFilter;

  /** `keys` lists every key the store holds (to build the filter, and rebuild it larger). */
  constructor(
    private readonly base: StateReader,
    private readonly keys: () => Iterable<string>,
    private readonly entriesMax = 200_000,
  ) {
    this.filter = this.buildFilter();
  }

  private buildFilter(): KeyFilter {
    const all = [...this.keys()];
    const f = new KeyFilter(Math.max(1 << 20, all.length * 2));
    for (const k of all) f.add(k);
    return f;
  }

  get(key: string): Json | undefined {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit === null ? undefined : hit;
    if (!this.filter.mightHave(key)) return undefined;
    const v = this.base.get(key);
    this.remember(key, v === undefined ? null : v);
    return v;
  }

  /** Call after the diff is durably in the store. */
  applied(diff: StateDiff): void {
    for (const [k, v] of diff) {
      // A key that already tests "maybe" stays so: adding it again would only count it twice.
      if (v !== null && !this.filter.mightHave(k)) this.filter.add(k);
      this.remember(k, v);
    }
    // Past its size the filter answers "maybe" too often: rebuild it twice as large.
    if (this.filter.full) this.filter = this.buildFilter();
  }

  private remember(key: string, value: Json | null): void {
    // Bounded: past the limit start over rather than track recency on the hot path.
    if (this.cache.size >= this.entriesMax) this.cache.clear();
    this.cache.set(key, value);
  }
}
