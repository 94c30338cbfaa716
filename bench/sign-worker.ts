// Worker that makes senders (fresh Ed25519 did:keys) and signs their notary transactions with
// the client library (core/tx.ts signTx), so signing is off the timed path and uses every core.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { didKeyFromPublicKey } from '../src/core/did.js';
import type { TxBody } from '../src/core/tx.js';
import { signTx, txIdOf } from '../src/core/tx.js';
import type { PrivateKey, SignatureBackend } from '../src/core/crypto.js';
import { nodeCryptoBackend } from '../src/node/crypto-node.js';

export interface SignWorkerData {
  readonly network: string;
  readonly timeMs: number;
  readonly senders: number;
  readonly txsPerSender: number;
  readonly area: string;
}

export interface SignedSender {
  readonly did: string;
  /** JSON text of each signed transaction, seq 1, 2, … */
  readonly txs: string[];
  /** Id of each transaction, in the same order. */
  readonly ids: string[];
}

const port = parentPort;
if (!port) throw new Error('sign-worker runs as a worker thread');
const job = workerData as SignWorkerData;

// nodeCryptoBackend.sign imports the private key for every signature, and OpenSSL 3's PKCS#8
// decoder makes that ~1 ms; here each sender's KeyObject is made once and kept.
const keyObjects = new WeakMap<PrivateKey, KeyObject>();
const backend: SignatureBackend = {
  ...nodeCryptoBackend,
  name: 'node-cached-keys',
  async sign(privateKey, message) {
    const k = keyObjects.get(privateKey);
    if (!k) return nodeCryptoBackend.sign(privateKey, message);
    return new Uint8Array(sign(null, message, k));
  },
};

function newSender(): { did: string; privateKey: PrivateKey } {
  const kp = generateKeyPairSync('ed25519');
  const jwk = kp.privateKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const d = Buffer.from(jwk.d ?? '', 'base64url');
  if (x.length !== 32 || d.length !== 32) throw new Error('unexpected Ed25519 JWK');
  const privateKey: PrivateKey = { alg: 'Ed25519', bytes: new Uint8Array(d) };
  keyObjects.set(privateKey, kp.privateKey);
  return { did: didKeyFromPublicKey({ alg: 'Ed25519', bytes: new Uint8Array(x) }), privateKey };
}

const out: SignedSender[] = [];
for (let s = 0; s < job.senders; s++) {
  const { did, privateKey } = newSender();
  const signer = [{ did, privateKey }];
  const txs: string[] = [];
  const ids: string[] = [];
  for (let seq = 1; seq <= job.txsPerSender; seq++) {
    const body: TxBody = {
      v: 1,
      network: job.network,
      type: 'notary.notarise',
      sender: did,
      seq,
      timeMs: job.timeMs,
      geo: { area: job.area },
      payload: { digest: randomBytes(32).toString('hex') },
    };
    const tx = await signTx(body, signer, backend);
    txs.push(JSON.stringify(tx));
    ids.push(txIdOf(body));
  }
  out.push({ did, txs, ids });
}
port.postMessage(out);
