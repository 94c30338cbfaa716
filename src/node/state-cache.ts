// A write-through cache of parsed state values over the SQLite store. Only the block producer
// writes state, and it writes through here, so the cache never goes stale.
import type { Json } from '../core/jcs.js';
import type { StateDiff, StateReader } from '../ledger/state.js';

export class StateCache implements StateReader {
  private readonly cache = new Map<string, Json | null>();
  constructor(
    private readonly base: StateReader,
    private readonly entriesMax = 200_000,
  ) {}

  get(key: string): Json | undefined {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit === null ? undefined : hit;
    const v = this.base.get(key);
    this.remember(key, v === undefined ? null : v);
    return v;
  }

  /** Call after the diff is durably in the store. */
  applied(diff: StateDiff): void {
    for (const [k, v] of diff) this.remember(k, v);
  }

  private remember(key: string, value: Json | null): void {
    // Bounded: past the limit start over rather than track recency on the hot path.
    if (this.cache.size >= this.entriesMax) this.cache.clear();
    this.cache.set(key, value);
  }
}
