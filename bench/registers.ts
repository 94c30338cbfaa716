// (m) Register writes per second (issue 6): `business.apply` transactions from many did:key
// senders — each a citizen's pseudonym applying to register an organisation under its own
// distinct name, directors as salted digests — pre-signed before any timing, POSTed in batches
// to a real node child process (`cadwyn start`, FULL sync, no demo seeding), measured from the
// first POST until every one is committed. Each apply checks the registrar's role, normalises
// the name and checks every form of it is free, then writes the application, its pending index
// and the name claims: a heavier write than a notarisation.
// Run alone: `npx tsx bench/run.ts --phases=m`.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { concatBytes, utf8 } from '../src/core/bytes.js';
import type { PrivateKey, SignatureBackend } from '../src/core/crypto.js';
import { didKeyFromPublicKey } from '../src/core/did.js';
import { sha256Hex } from '../src/core/hash.js';
import type { TxBody } from '../src/core/tx.js';
import { signTx, txIdOf } from '../src/core/tx.js';
import { GWENT_BODIES } from '../src/ledger/demo.js';
import { nodeCryptoBackend } from '../src/node/crypto-node.js';
import type { IngestResult } from './load.js';
import { ingest } from './load.js';
import type { Load } from './txgen.js';
import type { SignedSender } from './sign-worker.js';

export interface RegistersBenchResult extends IngestResult {
  readonly senders: number;
  readonly appliesPerSender: number;
  readonly signMs: number;
}

const AREA = 'W06000021';

/** Pre-signs `senders × perSender` applications, every name distinct. */
export async function makeApplyLoad(o: {
  network: string;
  senders: number;
  perSender: number;
}): Promise<Load> {
  const start = performance.now();
  const registrar = GWENT_BODIES.find((b) => b.slug === 'monmouthshire')?.did ?? '';
  // Signing with a KeyObject made once per sender (importing the key per signature is ~1 ms).
  const keys = new WeakMap<PrivateKey, KeyObject>();
  const backend: SignatureBackend = {
    ...nodeCryptoBackend,
    name: 'node-cached-keys',
    async sign(privateKey, message) {
      const k = keys.get(privateKey);
      return k
        ? new Uint8Array(sign(null, message, k))
        : nodeCryptoBackend.sign(privateKey, message);
    },
  };
  const salt = new Uint8Array(randomBytes(32));
  const run = randomBytes(3).toString('hex');
  const timeMs = Date.now();
  const senders: SignedSender[] = [];
  let n = 0;
  for (let s = 0; s < o.senders; s++) {
    const kp = generateKeyPairSync('ed25519');
    const jwk = kp.privateKey.export({ format: 'jwk' });
    const privateKey: PrivateKey = {
      alg: 'Ed25519',
      bytes: new Uint8Array(Buffer.from(jwk.d ?? '', 'base64url')),
    };
    keys.set(privateKey, kp.privateKey);
    const did = didKeyFromPublicKey({
      alg: 'Ed25519',
      bytes: new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url')),
    });
    const txs: string[] = [];
    const ids: string[] = [];
    for (let seq = 1; seq <= o.perSender; seq++) {
      n++;
      const body: TxBody = {
        v: 1,
        network: o.network,
        type: 'business.apply',
        sender: did,
        seq,
        timeMs,
        geo: { area: AREA },
        payload: {
          name: { en: `Bench ${run} Works ${n} Ltd`, cy: `Gwaith Mainc ${run} ${n} Cyf` },
          kind: 'private-limited',
          officeArea: AREA,
          directors: [
            sha256Hex(concatBytes(utf8('cadwyn/v1/director\n'), salt, utf8(`${did}/${seq}`))),
          ],
          registrar,
        },
      };
      const tx = await signTx(body, [{ did, privateKey }], backend);
      txs.push(JSON.stringify(tx));
      ids.push(txIdOf(body));
    }
    senders.push({ did, txs, ids });
  }
  return { senders, txCount: n, signMs: performance.now() - start };
}

/** (m) against a running node: batched POSTs of pre-signed applications. */
export async function benchRegisterWrites(o: {
  url: string;
  network: string;
  nodePid: number;
  senders: number;
  perSender: number;
  batch: number;
  connections: number;
  log: (msg: string) => void;
}): Promise<RegistersBenchResult> {
  const load = await makeApplyLoad(o);
  o.log(
    `(m) signed ${load.txCount} business.apply from ${o.senders} senders in ${Math.round(load.signMs)} ms; ` +
      `${o.batch} per request, ${o.connections} in flight`,
  );
  const r = await ingest(o.url, load, {
    connections: o.connections,
    txsPerRequest: o.batch,
    timeoutMs: 300_000,
    nodePid: o.nodePid,
  });
  return { ...r, senders: o.senders, appliesPerSender: o.perSender, signMs: load.signMs };
}
