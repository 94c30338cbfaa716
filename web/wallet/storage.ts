// Where the Wallet keeps its records on the phone: IndexedDB, in a database of its own. The
// wallet library stores only what it has encrypted (records under opaque names, the data key
// sealed under the passphrase), so this store needs no security of its own. The same database
// keeps a few public things for offline use (the consortium's keys), outside the wallet's
// prefix so backups and restores never see them.
import type { UseStore } from 'idb-keyval';
import { createStore, del, delMany, get, promisifyRequest, set } from 'idb-keyval';
import type { WalletStorage } from '../../src/wallet/index.js';
import { DEFAULT_PREFIX } from '../../src/wallet/index.js';

export const DB_NAME = 'cadwyn-wallet';
export const STORE_NAME = 'records';
/** Public data cached for offline use, never part of the wallet itself. */
const APP_PREFIX = 'app/';

let shared: UseStore | undefined;
function store(): UseStore {
  shared ??= createStore(DB_NAME, STORE_NAME);
  return shared;
}

/** Every key starting with `prefix`, read as a key range: no record is loaded to list them. */
async function keysWith(prefix: string): Promise<string[]> {
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  const found = await store()('readonly', (s) => promisifyRequest(s.getAllKeys(range)));
  return found.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
}

export class IdbWalletStorage implements WalletStorage {
  async get(key: string): Promise<string | undefined> {
    const v: unknown = await get(key, store());
    return typeof v === 'string' ? v : undefined;
  }

  async put(key: string, value: string): Promise<void> {
    await set(key, value, store());
  }

  async delete(key: string): Promise<void> {
    await del(key, store());
  }

  keys(prefix: string): Promise<string[]> {
    return keysWith(prefix);
  }
}

export const walletStorage = new IdbWalletStorage();

/** Removes the wallet from this device (every record under its prefix). */
export async function deleteWallet(): Promise<void> {
  await delMany(await keysWith(DEFAULT_PREFIX), store());
}

/** A public value kept for offline use (JSON-compatible). */
export async function getCached<T>(name: string): Promise<T | undefined> {
  return (await get(APP_PREFIX + name, store())) as T | undefined;
}

export async function putCached(name: string, value: unknown): Promise<void> {
  await set(APP_PREFIX + name, value, store());
}
