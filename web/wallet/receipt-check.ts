// Checking receipts on this device with core's verifyReceipt (decision 0007: no verification
// logic written twice). The consortium's keys come from the node once and are kept in
// IndexedDB, so receipts can be checked offline afterwards. Loaded when the receipts screen
// opens (a dynamic import).
import type { ConsortiumKeys, ReceiptError, ReceiptFacts } from '../../src/core/receipt.js';
import {
  describeReceiptError,
  parseConsortiumKeys,
  verifyReceipt,
} from '../../src/core/receipt.js';
import type { Result } from '../../src/core/result.js';
import { webCryptoBackend } from '../../src/core/webcrypto.js';
import { getCached, putCached } from './storage.js';

export type { ReceiptError, ReceiptFacts };
export { describeReceiptError };

const KEYS_CACHE = 'consortium-keys';
const backend = webCryptoBackend();

/** The consortium's keys: fresh from the node when it answers (and kept), else the kept copy. */
export async function consortiumKeys(nodeUrl: string): Promise<ConsortiumKeys | undefined> {
  try {
    const res = await fetch(`${nodeUrl}/v1/consortium/keys`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.ok) {
      const json: unknown = await res.json();
      const keys = parseConsortiumKeys(json);
      if (keys.ok) {
        await putCached(KEYS_CACHE, json).catch(() => undefined);
        return keys.value;
      }
    }
  } catch {
    // offline: the kept copy below
  }
  const kept = await getCached<unknown>(KEYS_CACHE).catch(() => undefined);
  if (kept === undefined) return undefined;
  const keys = parseConsortiumKeys(kept);
  return keys.ok ? keys.value : undefined;
}

export function checkReceipt(
  receipt: unknown,
  keys: ConsortiumKeys,
): Promise<Result<ReceiptFacts, ReceiptError>> {
  return verifyReceipt(receipt, keys, backend);
}
