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
const N = 2000;
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
const digest = sha256Hex(token);
const trust: Trust = { issuerJwk: async () => issuerJwk, issuerAuthorisedAt: async () => true, fetchStatusList: async () => token, anchoredStatusDigest: async () => digest };
const be = process.env.B === 'web' ? undefined : nodeCryptoBackend;
const c0 = process.cpuUsage();
for (const vp of vps) { const r = await verifyPresentation({ presentation: vp, aud: 'v', nonce: 'n', nowS: 1_700_000_250, trust, backend: be }); if (!r.ok) throw new Error(r.code); }
const c = process.cpuUsage(c0);
console.log(process.env.B ?? 'node', ((c.user + c.system) / N).toFixed(0), 'µs CPU per verification, distinct credentials');
