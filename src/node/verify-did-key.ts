// The stateless part of signature checking: did:key signers carry their key in the DID.
import { publicKeyFromDidKey } from '../core/did.js';
import { prepareTx, signatureBytes, txSigningMessage } from '../core/tx.js';
import { verifySync } from './crypto-node.js';
import type { VerifyJob } from './verify-pool.js';

export function verifyDidKeySignatures(jobs: readonly VerifyJob[]): Uint8Array {
  const out = new Uint8Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i];
    if (!job) continue;
    let ok = 1;
    let message: Uint8Array | undefined;
    for (const s of job.signatures) {
      if (!s.signer.startsWith('did:key:')) continue;
      const pk = publicKeyFromDidKey(s.signer);
      const sig = signatureBytes(s);
      message ??= txSigningMessage(job.canonicalBody);
      if (!pk || pk.alg !== s.alg || !sig || !verifySync(pk, message, sig)) {
        ok = 0;
        break;
      }
    }
    out[i] = ok;
  }
  return out;
}

export type IngestItem =
  | {
      readonly ok: true;
      readonly id: string;
      readonly canonicalBody: string;
      readonly canonicalTx: string;
    }
  | { readonly ok: false; readonly code: string; readonly detail?: string; readonly id?: string };

export type IngestResult =
  | {
      readonly ok: false;
      readonly code: 'JSON_MALFORMED' | 'BATCH_TOO_LARGE' | 'TX_MALFORMED';
      readonly detail?: string;
    }
  | { readonly ok: true; readonly single: boolean; readonly items: readonly IngestItem[] };

/**
 * Everything about a submitted body that needs no state: parse, shape, canonical forms, id,
 * did:key signatures. Runs in the worker threads so the main thread keeps only what needs state.
 */
export function ingest(raw: string, batchTxMax: number): IngestResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'JSON_MALFORMED' };
  }
  const single = !Array.isArray(parsed);
  const list = single ? [parsed] : (parsed as unknown[]);
  if (list.length === 0) return { ok: false, code: 'TX_MALFORMED', detail: 'empty batch' };
  if (list.length > batchTxMax) {
    return {
      ok: false,
      code: 'BATCH_TOO_LARGE',
      detail: `at most ${batchTxMax} transactions in one request`,
    };
  }
  const items = list.map((x): IngestItem => {
    const r = prepareTx(x);
    if (!r.ok) return { ok: false, code: r.code, ...(r.detail ? { detail: r.detail } : {}) };
    const p = r.value;
    const verified = verifyDidKeySignatures([
      { canonicalBody: p.canonicalBody, signatures: p.tx.signatures },
    ]);
    if (verified[0] !== 1) {
      return {
        ok: false,
        id: p.id,
        code: 'TX_SIGNATURE_INVALID',
        detail: 'a signature does not verify',
      };
    }
    return { ok: true, id: p.id, canonicalBody: p.canonicalBody, canonicalTx: p.canonicalTx };
  });
  return { ok: true, single, items };
}
