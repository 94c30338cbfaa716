// Where a wallet keeps its records. The wallet only ever stores strings it has encrypted (except
// the key names), so a storage backend needs no security of its own: the web app gives an
// IndexedDB one, the CLI a JSON-file one, tests this in-memory one.

export interface WalletStorage {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`, in any order. */
  keys(prefix: string): Promise<string[]>;
}

export class MemoryStorage implements WalletStorage {
  readonly #data = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.#data.get(key);
  }

  async put(key: string, value: string): Promise<void> {
    this.#data.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#data.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.#data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  /** How many entries (tests). */
  get size(): number {
    return this.#data.size;
  }
}
