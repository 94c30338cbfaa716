import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { issueCredential } from './src/identity/credential.js';
import type { JwsSigner } from './src/identity/signer.js';
import { publicJwkOf } from './src/identity/signer.js';
import { presentCredential } from './src/identity/present.js';
import { createStatusListToken } from './src/identity/status-list.js';
import { verifyPresentation, type Trust } from './src/identity/verify.js';
import { sha256Hex } from './src/core/hash.js';
import { generateKeyPairSync, signSync, nodeCryptoBackend } from './src/node/crypto-node.js';

const issuer = 'did:web:newport.gwent.example';
const kid = `${issuer}#key-1`;
const N = Number(process.env.N ?? 3000);

async function setup() {
  const ik = generateKeyPairSync('Ed25519');
  const iss: JwsSigner = { alg: 'EdDSA', kid, sign: async (d) => signSync(ik.privateKey, d) };
  const issuerJwk = publicJwkOf(ik.publicKey);
  const token = await createStatusListToken({ uri: 'https://x/s/1', issuer, kid, signer: iss, statuses: new Uint8Array(4096), iatS: 1_700_000_100, ttlS: 60 });
  const vps: string[] = [];
  for (let i = 0; i < N; i++) {
    const hk = generateKeyPairSync('ES256');
    const holder: JwsSigner = { alg: 'ES256', sign: async (d) => signSync(hk.privateKey, d) };
    const sd = await issueCredential({ vct: 'urn:cadwyn:vct:gwent-resident:1', issuer, signer: iss, holderJwk: publicJwkOf(hk.publicKey),
      claims: { given_name: 'Ann', family_name: 'Jones', birthdate: '1980-01-02', address: { street_address: '1 High St', locality: 'Newport', postal_code: 'NP20 1AA' }, local_authority: 'W06000022', age_over_16: true, age_over_18: true },
      iatS: 1_700_000_000, expS: 1_800_000_000, status: { uri: 'https://x/s/1', idx: i % 4096 } });
    vps.push(await presentCredential({ sdJwt: sd, disclose: [['given_name'], ['family_name'], ['address', 'postal_code'], ['age_over_18']], aud: 'v', nonce: 'n', iatS: 1_700_000_200, holderSigner: holder }));
  }
  return { issuerJwk, token, vps };
}

async function run(data: { issuerJwk: JsonWebKey; token: string; vps: string[] }, backendName: string, rounds: number) {
  const digest = sha256Hex(data.token);
  const trust: Trust = {
    issuerJwk: async () => ({ ...data.issuerJwk }),
    issuerAuthorisedAt: async () => true,
    fetchStatusList: async () => data.token,
    anchoredStatusDigest: async () => digest,
  };
  const backend = backendName === 'node' ? nodeCryptoBackend : undefined;
  const one = async (vp: string) => {
    const r = await verifyPresentation({ presentation: vp, aud: 'v', nonce: 'n', nowS: 1_700_000_250, trust, backend });
    if (!r.ok) throw new Error(r.code);
  };
  for (const vp of data.vps.slice(0, 200)) await one(vp);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  for (let r = 0; r < rounds; r++) for (const vp of data.vps) { await one(vp); n++; }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { n, wallMs: wall, cpuUsPer: (c.user + c.system) / n, wallUsPer: (wall * 1000) / n };
}

import crypto from 'node:crypto';
function reference() {
  const ed = crypto.generateKeyPairSync('ed25519');
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const m = Buffer.alloc(1500, 1);
  const se = crypto.sign(null, m, ed.privateKey);
  const sc = crypto.sign('sha256', m, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
  const jwk = ec.publicKey.export({ format: 'jwk' });
  const n = 3000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    crypto.verify(null, m, ed.publicKey, se);
    crypto.verify('sha256', m, { key: crypto.createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, sc);
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

if (isMainThread) {
  const data = await setup();
  console.log(`reference, raw node:crypto: Ed25519 verify + P-256 JWK import + verify = ${reference().toFixed(0)} µs CPU`);
  for (const b of ['webcrypto', 'node']) {
    const r = await run(data, b, 1);
    console.log(`${b} single-thread, ${N} distinct holders: ${r.wallUsPer.toFixed(0)} µs wall, ${r.cpuUsPer.toFixed(0)} µs CPU per verification (${(1e6 / r.wallUsPer).toFixed(0)}/s)`);
  }
  // Same presentations again: issuer JWT and holder keys now cached, status list cached.
  for (const b of ['webcrypto', 'node']) {
    const small = { ...data, vps: data.vps.slice(0, 500) };
    const r = await run(small, b, 4);
    console.log(`${b}, 500 credentials shown repeatedly (caches warm): ${r.wallUsPer.toFixed(0)} µs wall, ${r.cpuUsPer.toFixed(0)} µs CPU`);
  }
  for (const b of ['webcrypto', 'node']) {
    const t0 = performance.now();
    const workers = [0, 1].map(() => new Worker(new URL(import.meta.url), { workerData: { data, b } }));
    const results = await Promise.all(workers.map((w) => new Promise<{ n: number; wallMs: number }>((res) => w.once('message', res))));
    const total = results.reduce((s, r) => s + r.n, 0);
    const wall = Math.max(...results.map((r) => r.wallMs));
    console.log(`${b}, 2 worker threads: ${(total / (wall / 1000)).toFixed(0)} verifications/s`);
    await Promise.all(workers.map((w) => w.terminate()));
    void t0;
  }
} else {
  const { data, b } = workerData as { data: { issuerJwk: JsonWebKey; token: string; vps: string[] }; b: string };
  const r = await run(data, b, 1);
  parentPort!.postMessage({ n: r.n, wallMs: r.wallMs });
}
