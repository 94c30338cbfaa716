// Shared by (h) and (i): the demo's resident credential, node:crypto signers like the node's
// own (bodySigner), and a pool of real presentations — each credential issued by the library
// and presented once by its own P-256 holder key with its own nonce.
import { generateKeyPairSync as nodeKeyPair, randomBytes, sign as nodeSign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { toBase64Url } from '../src/core/bytes.js';
import type { PrivateKey } from '../src/core/crypto.js';
import { issueCredential } from '../src/identity/credential.js';
import { presentCredential } from '../src/identity/present.js';
import type { JwsSigner } from '../src/identity/signer.js';
import type { ClaimPath } from '../src/identity/types.js';
import { VCT } from '../src/identity/types.js';
import { signSync } from '../src/node/crypto-node.js';

export const NEWPORT = 'did:web:newport.gwent.example';
export const NEWPORT_KID = `${NEWPORT}#key-1`;
export const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};
/** The resident type with every claim (what a council's offer completes it to). */
export const FULL_CLAIMS = {
  ...RESIDENT,
  age_over_16: true,
  age_over_18: true,
  local_authority: 'W06000022',
};
export const YEAR_S = 365 * 86_400;
/** What the demo verifier asks for (age and area). */
export const DISCLOSE: ClaimPath[] = [['age_over_18'], ['local_authority']];
/** A verifier's client_id: the KB-JWT audience. */
export const VERIFIER_AUD = 'decentralized_identifier:did:web:torfaen.gwent.example';

export const nowS = () => Math.floor(Date.now() / 1000);

const SCHEDSTAT = '/proc/thread-self/schedstat';
const hasSchedstat = existsSync(SCHEDSTAT);

/**
 * The calling thread's CPU time and run-queue wait so far, in ms (Linux; undefined elsewhere):
 * rates per CPU-second received do not depend on what else runs on the machine.
 */
export function threadSched(): { cpu: number; wait: number } | undefined {
  if (!hasSchedstat) return undefined;
  const [run, wait] = readFileSync(SCHEDSTAT, 'utf8').trim().split(' ');
  return { cpu: Number(run) / 1e6, wait: Number(wait) / 1e6 };
}

/** An issuer signer over node:crypto, as the node's bodySigner. */
export function nodeIssuerSigner(privateKey: PrivateKey, jwk: JsonWebKey): JwsSigner {
  return { alg: 'EdDSA', kid: NEWPORT_KID, jwk, sign: async (d) => signSync(privateKey, d) };
}

/** A citizen's fresh P-256 key (node:crypto) as a JWS signer; r||s signatures. */
export function holderSigner(): JwsSigner {
  const { privateKey, publicKey } = nodeKeyPair('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return {
    alg: 'ES256',
    jwk: { kty, crv, x, y },
    sign: async (d) =>
      new Uint8Array(nodeSign('sha256', d, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}

export interface PoolItem {
  readonly presentation: string;
  readonly nonce: string;
}

/** count presentations (fewer if deadlineMs passes first, but at least 50). */
export async function buildPool(o: {
  readonly signer: JwsSigner;
  readonly statusUri: string;
  readonly firstIdx: number;
  readonly count: number;
  readonly deadlineMs: number;
}): Promise<PoolItem[]> {
  const pool: PoolItem[] = [];
  const iatS = nowS();
  const end = performance.now() + o.deadlineMs;
  while (pool.length < o.count && (pool.length < 50 || performance.now() < end)) {
    const holder = holderSigner();
    const credential = await issueCredential({
      vct: VCT.gwentResident,
      issuer: NEWPORT,
      signer: o.signer,
      holderJwk: holder.jwk as JsonWebKey,
      claims: FULL_CLAIMS,
      iatS,
      expS: iatS + YEAR_S,
      status: { uri: o.statusUri, idx: (o.firstIdx + pool.length) % 4096 },
    });
    const nonce = toBase64Url(randomBytes(16));
    const presentation = await presentCredential({
      sdJwt: credential,
      disclose: DISCLOSE,
      aud: VERIFIER_AUD,
      nonce,
      iatS: nowS(),
      holderSigner: holder,
    });
    pool.push({ presentation, nonce });
  }
  return pool;
}
