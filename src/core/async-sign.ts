// Signing a transaction with a key that cannot be handed over as bytes: a wallet's
// non-extractable WebCrypto key, a hardware token. signTx (tx.ts) takes raw private keys and a
// backend; here each signer is a function, and the bytes signed are exactly the same
// (txSigningMessage: domain 'transaction' + canonical body), so verifyTxSignatures accepts both.
import { toBase64Url } from './bytes.js';
import type { SignatureAlg } from './crypto.js';
import { SIGNATURE_LENGTH } from './crypto.js';
import { canonicalJson } from './jcs.js';
import type { SignedTx, TxBody, TxSignature } from './tx.js';
import { txSigningMessage } from './tx.js';

export interface AsyncTxSigner {
  readonly did: string;
  readonly keyId?: string;
  readonly alg: SignatureAlg;
  /** The signature over `message` in the bytes crypto.ts defines for `alg` (ES256: r||s). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Signs a body with each signer, in order. Throws if a signer returns the wrong length. */
export async function signTxAsync(
  body: TxBody,
  signers: readonly AsyncTxSigner[],
): Promise<SignedTx> {
  const message = txSigningMessage(canonicalJson(body));
  const signatures: TxSignature[] = [];
  for (const s of signers) {
    const bytes = await s.sign(message);
    // A DER signature (what many ECDSA APIs return) would be malformed on the ledger: fail here.
    if (bytes.length !== SIGNATURE_LENGTH[s.alg]) {
      throw new RangeError(`${s.alg} signer returned ${bytes.length} bytes`);
    }
    const sig = toBase64Url(bytes);
    signatures.push(
      s.keyId === undefined
        ? { signer: s.did, alg: s.alg, sig }
        : { signer: s.did, keyId: s.keyId, alg: s.alg, sig },
    );
  }
  return { body, signatures };
}
