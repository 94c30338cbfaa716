// The organisation's key in this browser: a WebCrypto P-256 pair made non-extractable
// (src/wallet/party.ts) and kept as CryptoKey objects in IndexedDB, which stores them without
// ever exposing the private key. One key per browser profile; its name is only for the person.
import type { UseStore } from 'idb-keyval';
import { createStore, get, set } from 'idb-keyval';
import type { PartySigner } from '../../src/wallet/party.js';
import { generatePartyKey, partyKeyOf, walletKeySigner } from '../../src/wallet/party.js';

export const DB_NAME = 'cadwyn-business';
const STORE_NAME = 'keys';
const RECORD = 'organisation-key';

interface StoredKey {
  readonly v: 1;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly label: string;
  readonly createdMs: number;
}

export interface OrgKey {
  readonly did: string;
  readonly label: string;
  readonly createdMs: number;
  readonly signer: PartySigner;
}

let db: UseStore | undefined;
const store = (): UseStore => (db ??= createStore(DB_NAME, STORE_NAME));

function isStored(x: unknown): x is StoredKey {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    r.v === 1 &&
    r.privateKey instanceof CryptoKey &&
    r.publicKey instanceof CryptoKey &&
    typeof r.label === 'string' &&
    typeof r.createdMs === 'number'
  );
}

let cached: OrgKey | undefined;

/** The key kept in this browser, if any. */
export async function loadOrgKey(): Promise<OrgKey | undefined> {
  if (cached) return cached;
  const x: unknown = await get(RECORD, store());
  if (!isStored(x)) return undefined;
  const key = await partyKeyOf(x.privateKey, x.publicKey);
  cached = { did: key.did, label: x.label, createdMs: x.createdMs, signer: walletKeySigner(key) };
  return cached;
}

/** Makes the organisation's key and keeps it; an existing key is kept, never replaced. */
export async function createOrgKey(label: string): Promise<OrgKey> {
  const existing = await loadOrgKey();
  if (existing) return existing;
  const key = await generatePartyKey();
  const record: StoredKey = {
    v: 1,
    privateKey: key.cryptoKey,
    publicKey: key.publicCryptoKey,
    label: label.trim().slice(0, 80),
    createdMs: Date.now(),
  };
  await set(RECORD, record, store());
  cached = undefined;
  const loaded = await loadOrgKey();
  if (!loaded) throw new Error('the key was not kept');
  return loaded;
}
