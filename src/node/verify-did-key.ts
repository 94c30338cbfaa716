// The stateless part of signature checking: did:key signers carry their key in the DID.
import { publicKeyFromDidKey } from '../core/did.js';
import { signatureBytes, txSigningMessage } from '../core/tx.js';
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
