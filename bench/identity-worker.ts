// Worker for (i): builds its share of a pool of real SD-JWT VC presentations (issued by the
// library, each presented by its own holder key with its own nonce), verifies them with the
// identity library's verifyPresentation (node:crypto backend, in-memory Trust) for a fixed time after a go signal,
// then measures the raw ceiling — this thread's Ed25519 and ES256 verifications per second on
// exactly the two signatures each presentation carries (issuer JWS, key-binding JWT).
// Each timed loop also reads this thread's own CPU and run-queue wait from
// /proc/thread-self/schedstat (Linux), so the rates can be given per CPU-second received.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { utf8 } from '../src/core/bytes.js';
import type { PrivateKey, PublicKey } from '../src/core/crypto.js';
import { b64uDecode } from '../src/identity/b64.js';
import { publicKeyFromJwk } from '../src/identity/signer.js';
import { MemoryTrust } from '../src/identity/testkit.js';
import { verifyPresentation } from '../src/identity/verify.js';
import { VCT } from '../src/identity/types.js';
import { nodeCryptoBackend, verifySync } from '../src/node/crypto-node.js';
import type { PoolItem } from './identity-pool.js';
import {
  buildPool,
  DISCLOSE,
  NEWPORT,
  NEWPORT_KID,
  nodeIssuerSigner,
  threadSched,
  VERIFIER_AUD,
} from './identity-pool.js';

export interface VerifyWorkerData {
  /** This worker's share of the pool, and where its status-list indices start. */
  readonly count: number;
  readonly firstIdx: number;
  readonly buildDeadlineMs: number;
  readonly issuerKey: PrivateKey;
  readonly issuerJwk: JsonWebKey;
  readonly statusUri: string;
  readonly statusToken: string;
  /** SHA-256 hex of the status token: what the ledger would anchor. */
  readonly anchoredDigest: string;
}

/** One timed loop of one thread. */
export interface Timed {
  readonly count: number;
  readonly failures: number;
  readonly elapsedMs: number;
  /** This thread's CPU time during the loop (undefined off Linux). */
  readonly cpuMs?: number;
  /** Time runnable but waiting for a CPU. */
  readonly waitMs?: number;
  readonly firstError?: string;
}

export type WorkerCommand =
  | { readonly cmd: 'verify'; readonly durationMs: number }
  | { readonly cmd: 'ceiling'; readonly durationMs: number };

export type WorkerAnswer =
  | {
      readonly kind: 'ready';
      readonly pool: number;
      readonly buildMs: number;
      readonly presentationChars: number;
      readonly cold: Timed;
      /** The fresh pool, once, after the warm-up: distinct citizens in a warm process. */
      readonly firstSight: Timed;
    }
  | { readonly kind: 'verify'; readonly timed: Timed }
  | {
      readonly kind: 'ceiling';
      readonly ed25519: Timed;
      readonly es256: Timed;
      /** Each presentation's two signatures with a holder key never seen: a fresh key import each. */
      readonly cold: Timed;
    };

const port = parentPort;
if (!port) throw new Error('identity-worker runs as a worker thread');
const data = workerData as VerifyWorkerData;

const built = performance.now();
const pool: readonly PoolItem[] = await buildPool({
  signer: nodeIssuerSigner(data.issuerKey, data.issuerJwk),
  statusUri: data.statusUri,
  firstIdx: data.firstIdx,
  count: data.count,
  deadlineMs: data.buildDeadlineMs,
});
const buildMs = performance.now() - built;
// Never verified before the timed first-sight pass, which runs in a warmed-up process: each
// one a new credential (issuer signature not cached) and a new holder key (not imported).
const fresh: readonly PoolItem[] = await buildPool({
  signer: nodeIssuerSigner(data.issuerKey, data.issuerJwk),
  statusUri: data.statusUri,
  firstIdx: data.firstIdx + data.count,
  count: Math.max(50, Math.floor(data.count / 2)),
  deadlineMs: data.buildDeadlineMs / 2,
});

const trust = new MemoryTrust()
  .addKey(NEWPORT_KID, data.issuerJwk)
  .authorise(NEWPORT, VCT.gwentResident);
trust.lists.set(data.statusUri, data.statusToken);
trust.anchors.set(data.statusUri, data.anchoredDigest);

const sched = threadSched;

function timed(
  count: number,
  failures: number,
  start: number,
  s0: ReturnType<typeof sched>,
  firstError?: string,
): Timed {
  const elapsedMs = performance.now() - start;
  const s1 = sched();
  return {
    count,
    failures,
    elapsedMs,
    ...(s0 && s1 ? { cpuMs: s1.cpu - s0.cpu, waitMs: s1.wait - s0.wait } : {}),
    ...(firstError ? { firstError } : {}),
  };
}

async function verifyOne(item: PoolItem): Promise<string | undefined> {
  const r = await verifyPresentation({
    presentation: item.presentation,
    aud: VERIFIER_AUD,
    nonce: item.nonce,
    nowS: Math.floor(Date.now() / 1000),
    trust,
    dcqlClaims: DISCLOSE,
    backend: nodeCryptoBackend,
  });
  return r.ok ? undefined : `${r.code}${r.detail ? ` ${r.detail}` : ''}`;
}

/** Verifies the pool round-robin until durationMs has passed (or once through, for warm-up). */
async function verifyLoop(
  durationMs: number | 'once',
  items: readonly PoolItem[] = pool,
): Promise<Timed> {
  let count = 0;
  let failures = 0;
  let firstError: string | undefined;
  const s0 = sched();
  const start = performance.now();
  const end = durationMs === 'once' ? Infinity : start + durationMs;
  for (;;) {
    for (let i = 0; i < 16; i++) {
      const item = items[count % items.length];
      const err = item ? await verifyOne(item) : 'empty pool';
      if (err !== undefined) {
        failures++;
        firstError ??= err;
      }
      count++;
      if (durationMs === 'once' && count >= items.length) {
        return timed(count, failures, start, s0, firstError);
      }
    }
    if (performance.now() >= end) break;
  }
  return timed(count, failures, start, s0, firstError);
}

// ---- the raw ceiling: the same two signatures per presentation, verifySync alone ----

interface Check {
  readonly publicKey: PublicKey;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

function jwtCheck(compact: string, publicKey: PublicKey | undefined): Check {
  const dot = compact.lastIndexOf('.');
  const signature = b64uDecode(compact.slice(dot + 1));
  if (!publicKey || !signature) throw new Error('a presentation the ceiling cannot read');
  return { publicKey, message: utf8(compact.slice(0, dot)), signature };
}

const issuerKey = publicKeyFromJwk(data.issuerJwk);
const edChecks: Check[] = [];
const esChecks: Check[] = [];
for (const item of pool) {
  const parts = item.presentation.split('~');
  const issuerJwt = parts[0] ?? '';
  const kbJwt = parts[parts.length - 1] ?? '';
  const payload = JSON.parse(
    new TextDecoder().decode(b64uDecode(issuerJwt.split('.')[1] ?? '') ?? new Uint8Array()),
  ) as { cnf: { jwk: JsonWebKey } };
  edChecks.push(jwtCheck(issuerJwt, issuerKey));
  esChecks.push(jwtCheck(kbJwt, publicKeyFromJwk(payload.cnf.jwk)));
}

function rawLoop(checks: readonly Check[], durationMs: number): Timed {
  let count = 0;
  let failures = 0;
  const s0 = sched();
  const start = performance.now();
  const end = start + durationMs;
  while (performance.now() < end) {
    for (let i = 0; i < 32; i++) {
      const c = checks[(count + i) % checks.length];
      if (c && !verifySync(c.publicKey, c.message, c.signature)) failures++;
    }
    count += 32;
  }
  return timed(count, failures, start, s0);
}

// The floor for a citizen never seen before: the issuer's Ed25519 check (its key is always the
// same body's) plus a fresh P-256 key import from the JWK and its first verification — no cache.
const holderJwks = pool.map((item) => {
  const parts = item.presentation.split('~');
  const payload = JSON.parse(
    new TextDecoder().decode(b64uDecode(parts[0]?.split('.')[1] ?? '') ?? new Uint8Array()),
  ) as { cnf: { jwk: { x: string; y: string } } };
  return payload.cnf.jwk;
});

function coldLoop(durationMs: number): Timed {
  let count = 0;
  let failures = 0;
  const s0 = sched();
  const start = performance.now();
  const end = start + durationMs;
  while (performance.now() < end) {
    const i = count % pool.length;
    const ed = edChecks[i];
    const es = esChecks[i];
    const jwk = holderJwks[i];
    if (!ed || !es || !jwk) break;
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', ...jwk }, format: 'jwk' });
    const ok =
      verifySync(ed.publicKey, ed.message, ed.signature) &&
      nodeVerify('sha256', es.message, { key, dsaEncoding: 'ieee-p1363' }, es.signature);
    if (!ok) failures++;
    count++;
  }
  return timed(count, failures, start, s0);
}

// Warm-up, timed: the first sight of every holder key (key import, JIT), and a check that the
// whole pool verifies.
const cold = await verifyLoop('once');
const firstSight = await verifyLoop('once', fresh);
for (const c of [...edChecks, ...esChecks]) {
  if (!verifySync(c.publicKey, c.message, c.signature)) throw new Error('a raw signature failed');
}

port.on('message', (m: WorkerCommand) => {
  void (async () => {
    let answer: WorkerAnswer;
    if (m.cmd === 'verify') {
      answer = { kind: 'verify', timed: await verifyLoop(m.durationMs) };
    } else {
      const ed25519 = rawLoop(edChecks, m.durationMs);
      const es256 = rawLoop(esChecks, m.durationMs);
      const cold = coldLoop(m.durationMs);
      answer = { kind: 'ceiling', ed25519, es256, cold };
    }
    port.postMessage(answer);
  })();
});
const ready: WorkerAnswer = {
  kind: 'ready',
  pool: pool.length,
  buildMs,
  presentationChars: pool.reduce((a, p) => a + p.presentation.length, 0) / (pool.length || 1),
  cold,
  firstSight,
};
port.postMessage(ready);
