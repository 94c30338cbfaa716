// Issue 3's benchmarks (citizen identity, decision 0006):
//   (h1) credentials issued per second by the library (issueCredential, one thread)
//   (h2) credentials issued per second end to end over HTTP against a child node (staff offer →
//        token → nonce → proof → credential), a few concurrent wallets
//   (i)  presentations verified per second (verifyPresentation, node:crypto backend, one worker
//        thread per core) against the target, and the raw-signature ceiling of the same run
//   (j)  consent-checked data requests answered per second end to end; every answer waits for
//        its access record to be committed on the ledger
// Every phase is bounded in time. Personal values are the demo's made-up ones.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync as nodeKeyPair, randomBytes, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { toBase64Url, toHex, utf8 } from '../src/core/bytes.js';
import type { PrivateKey } from '../src/core/crypto.js';
import { sha256Hex } from '../src/core/hash.js';
import { issueCredential, verifyIssuedCredential } from '../src/identity/credential.js';
import type { JwsSigner } from '../src/identity/signer.js';
import { publicJwkOf, signerFromPrivateKey } from '../src/identity/signer.js';
import { createStatusListToken } from '../src/identity/status-list.js';
import { VCT } from '../src/identity/types.js';
import type { MemberKeyFile } from '../src/node/datadir.js';
import { FILES, privateKeyOf } from '../src/node/datadir.js';
import { generateKeyPairSync, publicKeyOfSync, signSync } from '../src/node/crypto-node.js';
import { dataRequestMessage } from '../src/node/identity/exchange.js';
import type { DataRequest } from '../src/node/identity/exchange.js';
import { STAFF_TOKEN_FILE } from '../src/node/identity/staff.js';
import { MemoryStorage, Wallet } from '../src/wallet/index.js';
import type { ChildNode, ThreadUse } from './child.js';
import { threadTimes, threadUse } from './child.js';
import {
  FULL_CLAIMS,
  holderSigner,
  NEWPORT,
  NEWPORT_KID,
  nodeIssuerSigner,
  nowS,
  RESIDENT,
  threadSched,
  YEAR_S,
} from './identity-pool.js';
import type { Timed, VerifyWorkerData, WorkerAnswer, WorkerCommand } from './identity-worker.js';
import type { Row } from './util.js';
import { benchWorker, fmt, percentile, sleep, withTimeout } from './util.js';

export const VERIFY_TARGET_PER_SEC = 5_000;

const HEALTH = 'did:web:aneurin-bevan.gwent.example';
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const CARE = { code: 'care-planning', en: 'Planning your care', cy: 'Cynllunio eich gofal' };
const STATUS_URI = 'https://bench.invalid/status/newport/1';

type Log = (msg: string) => void;

const mean = (xs: readonly number[]) =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

/** A fresh Ed25519 issuer key, signing with node:crypto as the node's bodySigner does. */
function issuerKey(): { privateKey: PrivateKey; jwk: JsonWebKey; signer: JwsSigner } {
  const kp = generateKeyPairSync('Ed25519');
  const jwk = publicJwkOf(kp.publicKey) as JsonWebKey;
  return { privateKey: kp.privateKey, jwk, signer: nodeIssuerSigner(kp.privateKey, jwk) };
}

// ---- (h1) library issuance ----

export interface IssueLibraryResult {
  readonly credentials: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly meanUs: number;
  /** Credentials per second of CPU this thread received: an idle core's rate. */
  readonly perCpuSecond?: number;
  readonly waitPct?: number;
  readonly credentialBytes: number;
  readonly disclosures: number;
  /** The same with the library's pure-JS (@noble) Ed25519 signer, a shorter run. */
  readonly nobleSigner: {
    readonly credentials: number;
    readonly perSecond: number;
    readonly perCpuSecond?: number;
  };
}

async function issueFor(ms: number, signer: JwsSigner, holderJwk: JsonWebKey) {
  const iatS = nowS();
  let n = 0;
  let last = '';
  const s0 = threadSched();
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let k = 0; k < 8; k++) {
      last = await issueCredential({
        vct: VCT.gwentResident,
        issuer: NEWPORT,
        signer,
        holderJwk,
        claims: FULL_CLAIMS,
        iatS,
        expS: iatS + YEAR_S,
        status: { uri: STATUS_URI, idx: n % 4096 },
      });
      n++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const s1 = threadSched();
  const cpu = s0 && s1 ? (s1.cpu - s0.cpu) / 1000 : undefined;
  return {
    n,
    seconds,
    last,
    ...(cpu && s0 && s1
      ? { perCpuSecond: n / cpu, waitPct: (s1.wait - s0.wait) / 10 / seconds }
      : {}),
  };
}

export async function benchIssueLibrary(durationMs = 3000): Promise<IssueLibraryResult> {
  const { privateKey, signer } = issuerKey();
  const holderJwk = holderSigner().jwk as JsonWebKey;
  await issueFor(300, signer, holderJwk); // warm-up (JIT)
  const r = await issueFor(durationMs, signer, holderJwk);
  const noble = signerFromPrivateKey(privateKey, NEWPORT_KID);
  await issueFor(100, noble, holderJwk);
  const nr = await issueFor(Math.min(1000, durationMs / 3), noble, holderJwk);
  return {
    credentials: r.n,
    seconds: r.seconds,
    perSecond: r.n / r.seconds,
    meanUs: (r.seconds * 1e6) / r.n,
    ...(r.perCpuSecond ? { perCpuSecond: r.perCpuSecond, waitPct: r.waitPct } : {}),
    credentialBytes: r.last.length,
    disclosures: r.last.split('~').length - 2,
    nobleSigner: {
      credentials: nr.n,
      perSecond: nr.n / nr.seconds,
      ...(nr.perCpuSecond ? { perCpuSecond: nr.perCpuSecond } : {}),
    },
  };
}

// ---- a small keep-alive HTTP client with headers (forms, bearer tokens) ----

interface Answer {
  readonly status: number;
  readonly text: string;
}

class Http {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: { json: unknown } | { form: Record<string, string> },
    headers: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<Answer> {
    let payload: Buffer | undefined;
    const h: Record<string, string | number> = { ...headers };
    if (body && 'json' in body) {
      payload = Buffer.from(JSON.stringify(body.json));
      h['content-type'] = 'application/json';
    } else if (body) {
      payload = Buffer.from(new URLSearchParams(body.form).toString());
      h['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (payload) h['content-length'] = payload.length;
    else if (method === 'POST') h['content-length'] = 0;
    return new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: h,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  async json<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    expect: number,
    body?: { json: unknown } | { form: Record<string, string> },
    headers?: Record<string, string>,
  ): Promise<T> {
    const r = await this.call(method, path, body, headers);
    if (r.status !== expect) {
      throw new Error(`${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    }
    return (r.text ? JSON.parse(r.text) : {}) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

function codeOf(a: Answer): string {
  try {
    const p = JSON.parse(a.text) as { code?: string; error?: string };
    return `${a.status} ${p.code ?? p.error ?? ''}`.trim();
  } catch {
    return String(a.status);
  }
}

const staffHeaders = (node: ChildNode) => ({
  authorization: `Bearer ${readFileSync(join(node.dataDir, STAFF_TOKEN_FILE), 'utf8').trim()}`,
});

// ---- (h2) issuance over HTTP ----

export interface IssueHttpResult {
  readonly clients: number;
  readonly issued: number;
  readonly failed: Readonly<Record<string, number>>;
  /** First offer → last credential received. */
  readonly seconds: number;
  readonly perSecond: number;
  /** One whole issuance (four requests), per wallet. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Mean time of each step as a wallet saw it (under the concurrent load). */
  readonly stepsMs: {
    readonly offer: number;
    readonly token: number;
    readonly nonce: number;
    readonly credential: number;
  };
  /** Credentials re-checked afterwards with verifyIssuedCredential (issuer key from disk). */
  readonly checked: number;
  readonly checkedOk: number;
  readonly nodeThreads?: ThreadUse;
  readonly clientCpuPct: number;
}

interface WalletKey {
  readonly privateKey: KeyObject;
  readonly jwk: JsonWebKey;
}

function walletKey(): WalletKey {
  const { privateKey, publicKey } = nodeKeyPair('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, jwk: { kty, crv, x, y } };
}

/** The OID4VCI proof JWT (openid4vci-proof+jwt, ES256, key in the header). */
function proofJwt(key: WalletKey, aud: string, nonce: string): string {
  const enc = (o: unknown) => toBase64Url(utf8(JSON.stringify(o)));
  const input = `${enc({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: key.jwk })}.${enc({
    aud,
    iat: nowS(),
    nonce,
  })}`;
  const sig = nodeSign('sha256', Buffer.from(input), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${sig.toString('base64url')}`;
}

interface OfferAnswer {
  txCode?: string;
  credentialOffer: {
    credential_issuer: string;
    credential_configuration_ids: string[];
    grants: Record<string, { 'pre-authorized_code': string }>;
  };
}

/** One citizen's credential: staff offer, then the wallet's four steps. Times each step. */
async function issueOverHttp(
  http: Http,
  staff: Record<string, string>,
  steps: number[][],
): Promise<{ credential: string; jwk: JsonWebKey }> {
  const t0 = performance.now();
  const offer = await http.json<OfferAnswer>(
    'POST',
    '/v1/issuers/newport/offers',
    201,
    {
      json: { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
    },
    staff,
  );
  const t1 = performance.now();
  const issuer = offer.credentialOffer.credential_issuer;
  // The node names itself by its public URL (localhost); the bench talks to 127.0.0.1.
  const base = new URL(issuer).pathname;
  const code = offer.credentialOffer.grants[PRE_AUTH]?.['pre-authorized_code'] ?? '';
  const tok = await http.json<{ access_token: string }>('POST', `${base}/token`, 200, {
    form: {
      grant_type: PRE_AUTH,
      'pre-authorized_code': code,
      ...(offer.txCode ? { tx_code: offer.txCode } : {}),
    },
  });
  const t2 = performance.now();
  const { c_nonce } = await http.json<{ c_nonce: string }>('POST', `${base}/nonce`, 200);
  const t3 = performance.now();
  const key = walletKey();
  const res = await http.json<{ credentials: { credential: string }[] }>(
    'POST',
    `${base}/credential`,
    200,
    {
      json: {
        credential_configuration_id: offer.credentialOffer.credential_configuration_ids[0],
        proofs: { jwt: [proofJwt(key, issuer, c_nonce)] },
      },
    },
    { authorization: `Bearer ${tok.access_token}` },
  );
  const t4 = performance.now();
  steps.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3]);
  const credential = res.credentials[0]?.credential ?? '';
  if (!credential.includes('~')) throw new Error('the credential endpoint answered no SD-JWT');
  return { credential, jwk: key.jwk };
}

export async function benchIssueHttp(
  node: ChildNode,
  o: { clients?: number; durationMs?: number; log?: Log } = {},
): Promise<IssueHttpResult> {
  const clients = o.clients ?? 4;
  const durationMs = o.durationMs ?? 10_000;
  const http = new Http(node.url, clients);
  const staff = staffHeaders(node);
  const failed: Record<string, number> = {};
  const steps: number[][] = [];
  const totals: number[] = [];
  const samples: { credential: string; jwk: JsonWebKey }[] = [];
  try {
    // Warm-up: the first list of each body is published (and anchored) on first issuance.
    for (let k = 0; k < 3; k++) await issueOverHttp(http, staff, []);
    const cpu0 = process.cpuUsage();
    const t0 = threadTimes(node.pid);
    const start = performance.now();
    const deadline = start + durationMs;
    let last = start;
    const client = async () => {
      while (performance.now() < deadline) {
        const s = performance.now();
        try {
          const got = await issueOverHttp(http, staff, steps);
          last = performance.now();
          totals.push(last - s);
          if (samples.length < 20 && totals.length % 10 === 0) samples.push(got);
        } catch (e) {
          bump(failed, e instanceof Error ? e.message.slice(0, 80) : String(e));
          if (sum(Object.values(failed)) > 100) throw new Error('(h2) too many failures');
        }
      }
    };
    await withTimeout(
      Promise.all(Array.from({ length: clients }, client)),
      durationMs + 60_000,
      '(h2) issuance',
    );
    const seconds = (last - start) / 1000;
    const wall = (performance.now() - start) / 1000;
    const nodeThreads = threadUse(node.pid, t0, threadTimes(node.pid), wall);
    const cpu = process.cpuUsage(cpu0);
    // The credentials are real: re-check a sample with the issuer's key from the data directory.
    const keyFile = JSON.parse(
      readFileSync(join(node.dataDir, FILES.membersDir, 'newport.json'), 'utf8'),
    ) as MemberKeyFile;
    const issuerJwk = publicJwkOf(
      publicKeyOfSync(privateKeyOf(keyFile.alg, keyFile.privateKey)),
    ) as JsonWebKey;
    let checkedOk = 0;
    for (const s of samples) {
      const v = await verifyIssuedCredential(s.credential, issuerJwk, {
        holderJwk: s.jwk,
        nowS: nowS(),
      });
      if (v.ok && v.value.claims.local_authority === 'W06000022') checkedOk++;
    }
    const sorted = [...totals].sort((a, b) => a - b);
    const stepMean = (i: number) => mean(steps.map((s) => s[i] ?? NaN));
    o.log?.(`(h2) ${fmt(totals.length)} credentials in ${fmt(seconds, 1)} s`);
    return {
      clients,
      issued: totals.length,
      failed,
      seconds,
      perSecond: totals.length / seconds,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      stepsMs: {
        offer: stepMean(0),
        token: stepMean(1),
        nonce: stepMean(2),
        credential: stepMean(3),
      },
      checked: samples.length,
      checkedOk,
      nodeThreads,
      clientCpuPct: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    };
  } finally {
    http.close();
  }
}

// ---- (i) presentation verification ----

export interface ThreadRates {
  /** Sum over threads of count / wall time. */
  readonly perSecond: number;
  /** All counts / all CPU time the threads received: the rate of idle cores (per core). */
  readonly perCpuSecond?: number;
  /** % of the run the threads were runnable but waiting for a CPU. */
  readonly waitPct?: number;
}

export interface VerifyResult {
  readonly threads: number;
  readonly pool: number;
  readonly presentationBytes: number;
  readonly buildSeconds: number;
  readonly durationMs: number;
  readonly verified: number;
  readonly failures: number;
  readonly firstError?: string;
  readonly rate: ThreadRates;
  readonly perThread: readonly number[];
  /** The warm-up pass: first sight of each holder key (key import, JIT), per second, all threads. */
  readonly coldPerSecond: number;
  readonly target: number;
  readonly ratioToTarget: number;
  readonly ceiling: {
    readonly durationMs: number;
    /** Raw verifySync per second per thread (mean), and per CPU-second. */
    readonly ed25519PerCore: number;
    readonly es256PerCore: number;
    readonly ed25519PerCpuSecond?: number;
    readonly es256PerCpuSecond?: number;
    /** cores / (1/ed + 1/es): presentations per second if only the two signatures cost. */
    readonly perSecond: number;
    readonly perCpuSecond?: number;
  };
  readonly ratioToCeiling: number;
  readonly ratioToCeilingPerCpu?: number;
  /** Distinct citizens: the first pass against its own floor (fresh key import each time). */
  readonly coldCeilingPerSecond: number;
  readonly coldCeilingPerCpuSecond?: number;
  readonly coldRatioToTarget: number;
  /** Distinct citizens in a warmed-up process: nothing of theirs cached. */
  readonly firstSight: ThreadRates;
  readonly firstSightRatioToTarget: number;
}

function rates(ts: readonly Timed[]): ThreadRates {
  const perSecond = sum(ts.map((t) => (t.count * 1000) / t.elapsedMs));
  const cpu = ts.every((t) => t.cpuMs !== undefined) ? sum(ts.map((t) => t.cpuMs ?? 0)) : 0;
  const wait = sum(ts.map((t) => t.waitMs ?? 0));
  const wall = sum(ts.map((t) => t.elapsedMs));
  return {
    perSecond,
    ...(cpu > 0
      ? { perCpuSecond: (sum(ts.map((t) => t.count)) * 1000) / cpu, waitPct: (wait / wall) * 100 }
      : {}),
  };
}

const combined = (ed: number, es: number) => 1 / (1 / ed + 1 / es);

export async function benchVerify(
  o: {
    poolSize?: number;
    durationMs?: number;
    ceilingMs?: number;
    threads?: number;
    log?: Log;
  } = {},
): Promise<VerifyResult> {
  const poolSize = o.poolSize ?? 2000;
  const durationMs = o.durationMs ?? 5000;
  const ceilingMs = o.ceilingMs ?? 1500;
  const threads = o.threads ?? availableParallelism();
  const issuer = issuerKey();
  const statusToken = await createStatusListToken({
    uri: STATUS_URI,
    issuer: NEWPORT,
    kid: NEWPORT_KID,
    signer: issuer.signer,
    statuses: new Uint8Array(4096),
    iatS: nowS(),
    ttlS: 60,
  });
  // Each worker builds its share of the pool (on its own core), then verifies it.
  const share = Math.ceil(poolSize / threads);
  const dataFor = (k: number): VerifyWorkerData => ({
    count: share,
    firstIdx: k * share,
    buildDeadlineMs: 20_000,
    issuerKey: issuer.privateKey,
    issuerJwk: issuer.jwk,
    statusUri: STATUS_URI,
    statusToken,
    anchoredDigest: sha256Hex(statusToken),
  });
  const workers: Worker[] = [];
  const next = (w: Worker) =>
    new Promise<WorkerAnswer>((resolve, reject) => {
      const onError = (e: unknown) => reject(e instanceof Error ? e : new Error(String(e)));
      w.once('message', (m: WorkerAnswer) => {
        w.off('error', onError);
        resolve(m);
      });
      w.once('error', onError);
    });
  const all = async <K extends WorkerAnswer['kind']>(
    kind: K,
    cmd: WorkerCommand | undefined,
    timeoutMs: number,
  ): Promise<Extract<WorkerAnswer, { kind: K }>[]> => {
    const answers = workers.map(next);
    if (cmd) for (const w of workers) w.postMessage(cmd);
    const got = await withTimeout(Promise.all(answers), timeoutMs, `(i) workers: ${kind}`);
    return got.map((a) => {
      if (a.kind !== kind) throw new Error(`(i) a worker answered ${a.kind}, not ${kind}`);
      return a as Extract<WorkerAnswer, { kind: K }>;
    });
  };
  try {
    const built = performance.now();
    for (let k = 0; k < threads; k++) {
      workers.push(benchWorker(new URL('./identity-worker.ts', import.meta.url), dataFor(k)));
    }
    const ready = await all('ready', undefined, 90_000);
    const buildSeconds = (performance.now() - built) / 1000;
    const pool = sum(ready.map((r) => r.pool));
    o.log?.(
      `(i) ${fmt(pool)} presentations built by ${threads} threads in ${fmt(buildSeconds, 1)} s (incl. thread start-up)`,
    );
    const coldBad = ready.find((r) => r.cold.failures + r.firstSight.failures > 0);
    if (coldBad) throw new Error(`(i) the pool does not verify: ${coldBad.cold.firstError ?? ''}`);
    const verify = await all('verify', { cmd: 'verify', durationMs }, durationMs + 30_000);
    const ceil = await all(
      'ceiling',
      { cmd: 'ceiling', durationMs: ceilingMs },
      2 * ceilingMs + 30_000,
    );
    const v = verify.map((a) => a.timed);
    const rate = rates(v);
    const ed = rates(ceil.map((c) => c.ed25519));
    const es = rates(ceil.map((c) => c.es256));
    if (ceil.some((c) => c.ed25519.failures + c.es256.failures > 0)) {
      throw new Error('(i) a raw signature failed to verify');
    }
    const coldCeil = rates(ceil.map((c) => c.cold));
    if (ceil.some((c) => c.cold.failures > 0)) throw new Error('(i) a cold signature failed');
    const edPerCore = ed.perSecond / threads;
    const esPerCore = es.perSecond / threads;
    const ceilingPerSecond = threads * combined(edPerCore, esPerCore);
    const ceilingPerCpu =
      ed.perCpuSecond && es.perCpuSecond ? combined(ed.perCpuSecond, es.perCpuSecond) : undefined;
    const verified = sum(v.map((t) => t.count));
    const failures = sum(v.map((t) => t.failures));
    const firstError = v.find((t) => t.firstError)?.firstError;
    o.log?.(
      `(i) ${fmt(rate.perSecond)} presentations verified/s; ceiling ${fmt(ceilingPerSecond)}/s`,
    );
    return {
      threads,
      pool,
      presentationBytes: Math.round(mean(ready.map((r) => r.presentationChars))),
      buildSeconds,
      durationMs,
      verified,
      failures,
      ...(firstError ? { firstError } : {}),
      rate,
      perThread: v.map((t) => (t.count * 1000) / t.elapsedMs),
      coldPerSecond: sum(ready.map((r) => (r.cold.count * 1000) / r.cold.elapsedMs)),
      target: VERIFY_TARGET_PER_SEC,
      ratioToTarget: rate.perSecond / VERIFY_TARGET_PER_SEC,
      ceiling: {
        durationMs: ceilingMs,
        ed25519PerCore: edPerCore,
        es256PerCore: esPerCore,
        ...(ed.perCpuSecond ? { ed25519PerCpuSecond: ed.perCpuSecond } : {}),
        ...(es.perCpuSecond ? { es256PerCpuSecond: es.perCpuSecond } : {}),
        perSecond: ceilingPerSecond,
        ...(ceilingPerCpu ? { perCpuSecond: ceilingPerCpu } : {}),
      },
      firstSight: rates(ready.map((r) => r.firstSight)),
      firstSightRatioToTarget:
        rates(ready.map((r) => r.firstSight)).perSecond / VERIFY_TARGET_PER_SEC,
      coldCeilingPerSecond: coldCeil.perSecond,
      ...(coldCeil.perCpuSecond ? { coldCeilingPerCpuSecond: coldCeil.perCpuSecond } : {}),
      coldRatioToTarget:
        sum(ready.map((r) => (r.cold.count * 1000) / r.cold.elapsedMs)) / VERIFY_TARGET_PER_SEC,
      ratioToCeiling: rate.perSecond / ceilingPerSecond,
      ...(ceilingPerCpu && rate.perCpuSecond
        ? { ratioToCeilingPerCpu: rate.perCpuSecond / ceilingPerCpu }
        : {}),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// ---- (j) consent-gated data exchange ----

export interface ExchangeResult {
  readonly inFlight: number;
  readonly answers: number;
  readonly served: number;
  readonly failed: Readonly<Record<string, number>>;
  /** First request → last answer. */
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** access.record transactions in the blocks committed during the run. */
  readonly accessRecordsOnLedger: number;
  /** Other transactions in those blocks (none expected). */
  readonly otherTxs: number;
  readonly blocks: number;
  readonly meanBlockIntervalMs: number;
  /** Answers whose access record was fetched back by id and matched. */
  readonly sampleChecked: number;
  readonly sampleOk: number;
  readonly nodeThreads?: ThreadUse;
  readonly clientCpuPct: number;
}

interface BlockTxs {
  readonly entries: { readonly entry: { readonly tx?: { readonly body?: { type?: string } } } }[];
}

async function headHeight(http: Http): Promise<number> {
  const r = await http.json<{ blocks: { height: number }[] }>('GET', '/v1/blocks?limit=1', 200);
  return r.blocks[0]?.height ?? 0;
}

/** One citizen with a housing record at newport and a consent for aneurin-bevan to read it. */
async function setUpConsent(http: Http, node: ChildNode): Promise<string> {
  const staff = staffHeaders(node);
  const created = await Wallet.create({
    storage: new MemoryStorage(),
    passphrase: 'bench pin 2468',
    kdf: { N: 1024, r: 8, p: 1 },
  });
  if (!created.ok) throw new Error(`wallet: ${created.code}`);
  const w = created.value;
  const subject = await w.didFor(NEWPORT);
  await http.json(
    'PUT',
    '/v1/exchange/newport/records',
    204,
    { json: { subject, category: 'housing', value: { band: 'B', tenure: 'council' } } },
    staff,
  );
  const { network } = await http.json<{ network: string }>('GET', '/v1/consortium', 200);
  const { nextSeq } = await http.json<{ nextSeq: number }>(
    'GET',
    `/v1/accounts/${encodeURIComponent(subject)}`,
    200,
  );
  const tx = await w.consentGrant(
    {
      holder: NEWPORT,
      requester: HEALTH,
      purpose: CARE,
      categories: ['housing'],
      lawfulBasis: 'consent',
      expiresMs: Date.now() + 3_600_000,
      geo: { area: 'W06000022' },
    },
    { network, seq: nextSeq, timeMs: Date.now() },
  );
  if (!tx.ok) throw new Error(`consent.grant: ${tx.code}`);
  const r = await http.json<{ id: string; status: string }>(
    'POST',
    '/v1/transactions?waitMs=10000',
    200,
    { json: tx.value },
  );
  if (!['committed', 'final'].includes(r.status)) throw new Error(`consent.grant ${r.status}`);
  return r.id;
}

export async function benchExchange(
  node: ChildNode,
  o: { inFlight?: number; durationMs?: number; log?: Log } = {},
): Promise<ExchangeResult> {
  const inFlight = o.inFlight ?? 128;
  const durationMs = o.durationMs ?? 10_000;
  const http = new Http(node.url, inFlight + 4);
  try {
    const consentId = await setUpConsent(http, node);
    const keyFile = JSON.parse(
      readFileSync(join(node.dataDir, FILES.membersDir, 'aneurin-bevan.json'), 'utf8'),
    ) as MemberKeyFile;
    const key = privateKeyOf(keyFile.alg, keyFile.privateKey);
    const body = () => {
      const request: DataRequest = {
        v: 1,
        requestId: toHex(randomBytes(16)),
        requester: HEALTH,
        holder: NEWPORT,
        consentId,
        category: 'housing',
        purpose: 'care-planning',
        timeMs: Date.now(),
      };
      const sig = toBase64Url(signSync(key, dataRequestMessage(request)));
      return { request, sig: { keyId: keyFile.keyId, alg: keyFile.alg, sig } };
    };
    const send = (b: ReturnType<typeof body>) =>
      http.call('POST', '/v1/exchange/newport/requests', { json: b });
    // Warm-up, and a check that the set-up serves.
    const first = await send(body());
    if (first.status !== 200) throw new Error(`(j) first request: ${codeOf(first)}`);
    await sleep(200);
    const h0 = await headHeight(http);
    const failed: Record<string, number> = {};
    const latencies: number[] = [];
    const answered: { requestId: string; txId: string }[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = threadTimes(node.pid);
    const start = performance.now();
    const deadline = start + durationMs;
    let last = start;
    const loop = async () => {
      while (performance.now() < deadline) {
        const b = body();
        const s = performance.now();
        let a: Answer;
        try {
          a = await send(b);
        } catch (e) {
          bump(failed, e instanceof Error ? e.message.slice(0, 60) : String(e));
          continue;
        }
        last = performance.now();
        latencies.push(last - s);
        if (a.status !== 200) {
          bump(failed, codeOf(a));
          continue;
        }
        const r = JSON.parse(a.text) as {
          outcome?: string;
          accessRecord?: { requestId: string; txId: string; height?: number };
        };
        if (r.outcome !== 'served' || r.accessRecord?.height === undefined) {
          bump(failed, 'answer without a committed access record');
          continue;
        }
        answered.push({ requestId: r.accessRecord.requestId, txId: r.accessRecord.txId });
      }
    };
    await withTimeout(
      Promise.all(Array.from({ length: inFlight }, loop)),
      durationMs + 60_000,
      '(j) data requests',
    );
    const seconds = (last - start) / 1000;
    const wall = (performance.now() - start) / 1000;
    const nodeThreads = threadUse(node.pid, t0, threadTimes(node.pid), wall);
    const cpu = process.cpuUsage(cpu0);
    // Every answer waited for its record, so the blocks up to now hold all of them.
    const h1 = await headHeight(http);
    let accessRecordsOnLedger = 0;
    let otherTxs = 0;
    const times: number[] = [];
    for (let h = h0 + 1; h <= h1; h++) {
      const b = await http.json<BlockTxs>('GET', `/v1/blocks/${h}/transactions`, 200);
      for (const e of b.entries) {
        if (e.entry.tx?.body?.type === 'access.record') accessRecordsOnLedger++;
        else otherTxs++;
      }
      const blk = await http.json<{ header: { timeMs: number } }>('GET', `/v1/blocks/${h}`, 200);
      times.push(blk.header.timeMs);
    }
    // And a sample read back by request id: the record is the one the answer named.
    let sampleOk = 0;
    const step = Math.max(1, Math.floor(answered.length / 100));
    const sample = answered.filter((_, k) => k % step === 0).slice(0, 100);
    for (const s of sample) {
      const r = await http.call('GET', `/v1/access-records/${s.requestId}`);
      const rec =
        r.status === 200 ? (JSON.parse(r.text) as { txId?: string; outcome?: string }) : {};
      if (rec.txId === s.txId && rec.outcome === 'served') sampleOk++;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const span = times.length > 1 ? (times[times.length - 1] ?? 0) - (times[0] ?? 0) : 0;
    o.log?.(`(j) ${fmt(answered.length)} answers in ${fmt(seconds, 1)} s`);
    return {
      inFlight,
      answers: latencies.length,
      served: answered.length,
      failed,
      seconds,
      perSecond: answered.length / seconds,
      p50Ms: percentile(sorted, 0.5),
      p90Ms: percentile(sorted, 0.9),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? NaN,
      accessRecordsOnLedger,
      otherTxs,
      blocks: h1 - h0,
      meanBlockIntervalMs: times.length > 1 ? span / (times.length - 1) : NaN,
      sampleChecked: sample.length,
      sampleOk,
      nodeThreads,
      clientCpuPct: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    };
  } finally {
    http.close();
  }
}

// ---- the summary rows ----

function nodeCpuNote(t: ThreadUse | undefined, count: number): string {
  if (!t || count === 0) return '';
  const us = (s: number) => fmt((s * 1e6) / count);
  const cores = availableParallelism();
  return `node CPU ${us(t.cpuSeconds)} µs each (main thread ${us(t.main.cpuSeconds)} µs, ${fmt(t.main.cpuPct)} % busy, waited for a CPU ${fmt(t.main.waitPct)} %); CPU-bound ceiling ${fmt((cores * count) / t.cpuSeconds)}/s on ${cores} idle cores, main thread alone ${fmt(count / t.main.cpuSeconds)}/s`;
}

export function identityRows(r: {
  h1?: IssueLibraryResult;
  h2?: IssueHttpResult;
  i?: VerifyResult;
  j?: ExchangeResult;
}): Row[] {
  const rows: Row[] = [];
  if (r.h1) {
    rows.push({
      figure: '(h1) credentials issued, library, 1 thread',
      value: `${fmt(r.h1.perSecond)} /s`,
      note: `issueCredential, resident with all claims (${r.h1.disclosures} disclosures, ${fmt(r.h1.credentialBytes)} B), node:crypto Ed25519; ${fmt(r.h1.meanUs)} µs each`,
    });
    if (r.h1.perCpuSecond) {
      rows.push({
        figure: '    per CPU-second received',
        value: `${fmt(r.h1.perCpuSecond)} /s`,
        note: `an idle core's rate; the thread waited for a CPU ${fmt(r.h1.waitPct ?? NaN)} % of the run`,
      });
    }
    rows.push({
      figure: '    with the @noble Ed25519 signer',
      value: `${fmt(r.h1.nobleSigner.perSecond)} /s`,
      note: `signerFromPrivateKey (pure JS)${r.h1.nobleSigner.perCpuSecond ? `; ${fmt(r.h1.nobleSigner.perCpuSecond)} per CPU-second` : ''}`,
    });
  }
  if (r.h2) {
    const h = r.h2;
    const bad = Object.entries(h.failed);
    rows.push({
      figure: `(h2) credentials issued over HTTP, ${h.clients} wallets`,
      value: `${fmt(h.perSecond)} /s`,
      note: `${fmt(h.issued)} in ${fmt(h.seconds, 1)} s; offer→token→nonce→credential p50 ${fmt(h.p50Ms, 1)} ms, p99 ${fmt(h.p99Ms, 1)} ms${bad.length ? `; failed ${JSON.stringify(h.failed)}` : ''}`,
    });
    rows.push({
      figure: '    per step (mean, under load)',
      value: '',
      note: `offer ${fmt(h.stepsMs.offer, 1)} ms, token ${fmt(h.stepsMs.token, 1)}, nonce ${fmt(h.stepsMs.nonce, 1)}, credential ${fmt(h.stepsMs.credential, 1)}; ${h.checkedOk}/${h.checked} re-checked OK`,
    });
    rows.push({
      figure: '    where the time went',
      value: '',
      note: `${nodeCpuNote(h.nodeThreads, h.issued)}; wallets used ${fmt(h.clientCpuPct)} % of a core`,
    });
  }
  if (r.i) {
    const i = r.i;
    rows.push({
      figure: `(i) presentations verified, ${i.threads} threads`,
      value: `${fmt(i.rate.perSecond)} /s`,
      note: `returning credentials (keys and issuer signatures cached); verifyPresentation (node:crypto), pool of ${fmt(i.pool)} × ${fmt(i.presentationBytes)} B, ${i.durationMs / 1000} s; ${i.failures} failed${i.firstError ? ` (${i.firstError})` : ''}`,
    });
    if (i.rate.perCpuSecond) {
      rows.push({
        figure: '    per CPU-second received',
        value: `${fmt(i.rate.perCpuSecond)} /s`,
        note: `per thread; idle-machine estimate ${fmt(i.rate.perCpuSecond * i.threads)} /s on ${i.threads} cores (threads waited for a CPU ${fmt(i.rate.waitPct ?? NaN)} %)`,
      });
    }
    rows.push({
      figure: `    vs target ${fmt(i.target)} /s`,
      value: fmt(i.ratioToTarget, 2),
      note: `${i.rate.perSecond >= i.target ? 'met' : 'not met'}${
        i.rate.perCpuSecond
          ? `; idle-machine estimate / target ${fmt((i.rate.perCpuSecond * i.threads) / i.target, 2)}`
          : ''
      }`,
    });
    rows.push({
      figure: '    ceiling: Ed25519 + ES256 per core',
      value: `${fmt(i.ceiling.perSecond)} /s`,
      note: `${i.threads} × 1/(1/${fmt(i.ceiling.ed25519PerCore)} + 1/${fmt(i.ceiling.es256PerCore)}) (raw verifySync per core, same run, ${i.ceiling.durationMs / 1000} s each)`,
    });
    rows.push({
      figure: '    (i) / ceiling',
      value: fmt(i.ratioToCeiling, 2),
      note:
        i.ratioToCeilingPerCpu !== undefined
          ? `per CPU-second: ${fmt(i.rate.perCpuSecond ?? NaN)} verified vs ${fmt(i.ceiling.perCpuSecond ?? NaN)} (Ed25519 ${fmt(i.ceiling.ed25519PerCpuSecond ?? NaN)}, ES256 ${fmt(i.ceiling.es256PerCpuSecond ?? NaN)}) → ${fmt(i.ratioToCeilingPerCpu, 2)}`
          : '',
    });
    rows.push({
      figure: '    distinct citizens (first sight)',
      value: `${fmt(i.firstSight.perSecond)} /s`,
      note: `each credential and holder key new to a warmed-up verifier (nothing cached); vs target ${fmt(i.firstSightRatioToTarget, 2)}${i.firstSight.perCpuSecond ? `; per CPU-second ${fmt(i.firstSight.perCpuSecond)} per thread` : ''}`,
    });
    rows.push({
      figure: '    floor for first sight',
      value: `${fmt(i.coldCeilingPerSecond)} /s`,
      note: `Ed25519 + a fresh P-256 key import and verify per presentation, ${i.threads} threads, same run; first sight / floor ${fmt(i.firstSight.perSecond / i.coldCeilingPerSecond, 2)}`,
    });
    rows.push({
      figure: '    first pass, cold process',
      value: `${fmt(i.coldPerSecond)} /s`,
      note: `the very first verifications of a new process (JIT warm-up too); pool built in ${fmt(i.buildSeconds, 1)} s`,
    });
  }
  if (r.j) {
    const j = r.j;
    const bad = Object.entries(j.failed);
    rows.push({
      figure: `(j) data requests served, ${j.inFlight} in flight`,
      value: `${fmt(j.perSecond)} /s`,
      note: `consent check + access record committed before each answer; ${fmt(j.served)} in ${fmt(j.seconds, 1)} s${bad.length ? `; failed ${JSON.stringify(j.failed)}` : ''}`,
    });
    rows.push({
      figure: '    latency p50',
      value: `${fmt(j.p50Ms, 1)} ms`,
      note: `p90 ${fmt(j.p90Ms, 1)} ms, max ${fmt(j.maxMs, 1)} ms`,
    });
    rows.push({ figure: '    p99', value: `${fmt(j.p99Ms, 1)} ms`, note: '' });
    rows.push({
      figure: '    access records on the ledger',
      value: fmt(j.accessRecordsOnLedger),
      note: `${j.accessRecordsOnLedger === j.answers ? 'equals' : 'DIFFERS FROM'} ${fmt(j.answers)} answers (${j.otherTxs} other tx) in ${fmt(j.blocks)} blocks, every ${fmt(j.meanBlockIntervalMs)} ms; ${j.sampleOk}/${j.sampleChecked} read back by id`,
    });
    rows.push({
      figure: '    where the time went',
      value: '',
      note: `${nodeCpuNote(j.nodeThreads, j.answers)}; client used ${fmt(j.clientCpuPct)} % of a core`,
    });
  }
  return rows;
}
