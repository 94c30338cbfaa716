// Shared helpers for integration tests: a temp data dir, a real node on 127.0.0.1, did:key
// senders, demo member bodies (did:web) and signed transactions. Any test file may reuse them.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fromBase64Url, toBase64Url, toHex, utf8 } from '../src/core/bytes.js';
import type { PrivateKey } from '../src/core/crypto.js';
import { didKeyFromPublicKey } from '../src/core/did.js';
import type { SignatureDomain } from '../src/core/domain.js';
import { signingInput } from '../src/core/domain.js';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import { canonicalJson } from '../src/core/jcs.js';
import type { SignedTx, TxBody, TxSigner } from '../src/core/tx.js';
import { cosignTx, signTx, txIdOf } from '../src/core/tx.js';
import { DEMO_NETWORK, GWENT_BODIES } from '../src/ledger/demo.js';
import { generateKeyPairSync, nodeCryptoBackend } from '../src/node/crypto-node.js';
import type { MemberKeyFile } from '../src/node/datadir.js';
import { FILES, privateKeyOf } from '../src/node/datadir.js';
import type { RunningNode, StartOptions } from '../src/node/start.js';
import { startNode } from '../src/node/start.js';

export { DEMO_NETWORK, GWENT_BODIES, nodeCryptoBackend };

// ---- data directories and nodes ----------------------------------------------------------------

/** A fresh empty directory under the OS temp dir; remove it with `removeDir`. */
export function makeTempDir(prefix = 'cadwyn-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export type TestNodeOptions = Partial<Omit<StartOptions, 'dataDir' | 'port' | 'host'>> & {
  /** Reuse this data dir (e.g. to reopen a node); a new temp dir otherwise. */
  readonly dataDir?: string;
};

export interface TestNode extends RunningNode {
  readonly dataDir: string;
  /** GET/POST helpers bound to this node's URL. */
  readonly http: Http;
}

/**
 * Starts a real node (SQLite file, HTTP on 127.0.0.1, random port) with short block intervals
 * and verification on the calling thread (verifyWorkers 0: no dependency on `dist/`).
 * Pass `verifyWorkers: 1` to exercise the worker pool (needs `npm run build` first).
 */
export async function startTestNode(o: TestNodeOptions = {}): Promise<TestNode> {
  const dataDir = o.dataDir ?? makeTempDir();
  const running = await startNode({
    logLevel: false,
    verifyWorkers: 0,
    blockIntervalMs: 25,
    synchronous: 'NORMAL',
    // 18 scrypt hashes per fresh node would slow every test; the staff tests turn them on.
    demoStaffAccounts: false,
    ...o,
    dataDir,
    port: 0,
    host: '127.0.0.1',
  });
  return Object.assign(running, { dataDir, http: httpClient(running.url) });
}

/** Closes the node (if still open) and removes its data dir. */
export async function stopTestNode(n: TestNode | undefined, opts: { keepDir?: boolean } = {}) {
  if (!n) return;
  try {
    await n.close();
  } catch {
    // already closed
  }
  if (!opts.keepDir) removeDir(n.dataDir);
}

// ---- HTTP ---------------------------------------------------------------------------------------

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: { index: number; code: string; id?: string; detail?: string }[];
}

export interface HttpResult<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  readonly json: T;
}

export interface Http {
  get<T = Record<string, unknown>>(path: string, headers?: HeadersInit): Promise<HttpResult<T>>;
  /** POSTs `body` as JSON (a string is sent verbatim). */
  post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    headers?: HeadersInit,
  ): Promise<HttpResult<T>>;
}

async function toResult<T>(res: Response): Promise<HttpResult<T>> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as T };
}

export function httpClient(baseUrl: string): Http {
  return {
    async get<T>(path: string, headers: HeadersInit = {}) {
      return toResult<T>(await fetch(baseUrl + path, { headers }));
    },
    async post<T>(path: string, body: unknown, headers: HeadersInit = {}) {
      const res = await fetch(baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return toResult<T>(res);
    },
  };
}

// ---- identities ---------------------------------------------------------------------------------

/** A did:key sender (a citizen's pairwise DID, a business, …) with its private key. */
export interface Sender extends TxSigner {
  readonly did: string;
  readonly privateKey: PrivateKey;
}

export function newDidKeySender(alg: 'Ed25519' | 'ES256' = 'Ed25519'): Sender {
  const kp = generateKeyPairSync(alg);
  return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey };
}

/** A demo member body, from `<data>/member-keys/<slug>.json`. */
export interface MemberSigner extends TxSigner {
  readonly slug: string;
  readonly did: string;
  readonly keyId: string;
  readonly privateKey: PrivateKey;
}

/** The demo consortium's member bodies with their governance keys, in GWENT_BODIES order. */
export function loadMembers(dataDir: string): MemberSigner[] {
  const dir = join(dataDir, FILES.membersDir);
  const files = new Set(readdirSync(dir));
  return GWENT_BODIES.filter((b) => files.has(`${b.slug}.json`)).map((b) => {
    const f = JSON.parse(readFileSync(join(dir, `${b.slug}.json`), 'utf8')) as MemberKeyFile;
    return {
      slug: b.slug,
      did: f.did,
      keyId: f.keyId,
      privateKey: privateKeyOf(f.alg, f.privateKey),
    };
  });
}

// ---- transactions -------------------------------------------------------------------------------

export interface BodyInit {
  readonly type?: string;
  readonly sender: string;
  readonly seq: number;
  readonly payload?: { readonly [key: string]: Json };
  readonly timeMs?: number;
  readonly network?: string;
  readonly geo?: Geo;
}

export function txBody(b: BodyInit): TxBody {
  return {
    v: 1,
    network: b.network ?? DEMO_NETWORK,
    type: b.type ?? 'notary.notarise',
    sender: b.sender,
    seq: b.seq,
    timeMs: b.timeMs ?? Date.now(),
    ...(b.geo ? { geo: b.geo } : {}),
    payload: b.payload ?? { digest: randomDigest() },
  };
}

/** 64 lower-case hex digits: a random "document digest". */
export function randomDigest(): string {
  return toHex(randomBytes(32));
}

export async function sign(body: TxBody, signers: readonly TxSigner[]): Promise<SignedTx> {
  return signTx(body, signers, nodeCryptoBackend);
}

export async function cosign(tx: SignedTx, signers: readonly TxSigner[]): Promise<SignedTx> {
  return cosignTx(tx, signers, nodeCryptoBackend);
}

/** A notary transaction signed by a did:key sender. */
export async function notaryTx(
  sender: Sender,
  seq: number,
  opts: {
    digest?: string;
    label?: string;
    timeMs?: number;
    geo?: Geo;
    network?: string;
  } = {},
): Promise<SignedTx> {
  const payload: Record<string, Json> = { digest: opts.digest ?? randomDigest() };
  if (opts.label !== undefined) payload.label = opts.label;
  return sign(
    txBody({
      sender: sender.did,
      seq,
      payload,
      ...(opts.timeMs === undefined ? {} : { timeMs: opts.timeMs }),
      ...(opts.geo ? { geo: opts.geo } : {}),
      ...(opts.network ? { network: opts.network } : {}),
    }),
    [sender],
  );
}

/**
 * A governance transaction: `sender` (normally a member body) proposes it, and it carries the
 * signatures of the sender and of each of `cosigners` (duplicates dropped).
 */
export async function governanceTx(
  type: string,
  payload: { readonly [key: string]: Json },
  o: { sender: TxSigner; cosigners: readonly TxSigner[]; seq: number; timeMs?: number },
): Promise<SignedTx> {
  const body = txBody({
    type,
    sender: o.sender.did,
    seq: o.seq,
    payload,
    ...(o.timeMs === undefined ? {} : { timeMs: o.timeMs }),
  });
  const signers = [o.sender, ...o.cosigners].filter(
    (s, i, all) => all.findIndex((x) => x.did === s.did) === i,
  );
  return sign(body, signers);
}

/** A signature over the body with another domain's prefix (must never verify as a tx). */
export async function signForDomain(
  body: TxBody,
  signer: TxSigner,
  domain: SignatureDomain,
): Promise<SignedTx> {
  const msg = signingInput(domain, utf8(canonicalJson(body)));
  const sig = toBase64Url(await nodeCryptoBackend.sign(signer.privateKey, msg));
  return {
    body,
    signatures: [
      signer.keyId === undefined
        ? { signer: signer.did, alg: signer.privateKey.alg, sig }
        : { signer: signer.did, keyId: signer.keyId, alg: signer.privateKey.alg, sig },
    ],
  };
}

/** The same transaction with one bit of its first signature flipped. */
export function flipSignatureBit(tx: SignedTx, byte = 10): SignedTx {
  const [first, ...rest] = tx.signatures;
  if (!first) throw new Error('no signature');
  const bytes = fromBase64Url(first.sig);
  if (!bytes) throw new Error('bad signature');
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  return { body: tx.body, signatures: [{ ...first, sig: toBase64Url(bytes) }, ...rest] };
}

export const txId = (tx: SignedTx): string => txIdOf(tx.body);

// ---- waiting and reading ------------------------------------------------------------------------

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export interface TxStatusView {
  readonly id: string;
  readonly status: 'pending' | 'committed' | 'final' | 'rejected';
  readonly height?: number;
  readonly logIndex?: number;
  readonly blockTimeMs?: number;
  readonly receivedMs?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly tx?: SignedTx;
}

/** Waits until the transaction is no longer pending; returns its status. */
export async function waitForTx(http: Http, id: string, timeoutMs = 5000): Promise<TxStatusView> {
  return waitUntil(
    async () => {
      const r = await http.get<TxStatusView>(`/v1/transactions/${id}`);
      return r.status === 200 && r.json.status !== 'pending' ? r.json : undefined;
    },
    timeoutMs,
    `transaction ${id}`,
  );
}

/** Submits one transaction and waits until it is final (or rejected). */
export async function submitAndWait(http: Http, tx: SignedTx): Promise<TxStatusView> {
  const r = await http.post<TxStatusView>('/v1/transactions?waitMs=5000', tx);
  if (r.status !== 200 && r.status !== 202) {
    throw new Error(`submit refused: ${r.status} ${r.text}`);
  }
  return r.json.status === 'pending' ? waitForTx(http, r.json.id) : r.json;
}

export async function nextSeq(http: Http, did: string): Promise<number> {
  const r = await http.get<{ nextSeq: number }>(`/v1/accounts/${encodeURIComponent(did)}`);
  return r.json.nextSeq;
}

/** One Prometheus sample value (first series with this name). */
export function metricValue(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

/** What must not change when a request is refused. */
export interface LedgerSnapshot {
  readonly checkpoint: string;
  readonly mempool: number;
  readonly height: number;
}

export async function snapshot(n: TestNode): Promise<LedgerSnapshot> {
  const cp = await n.http.get('/v1/checkpoint');
  const metrics = await n.http.get('/metrics');
  return {
    checkpoint: cp.text,
    mempool: metricValue(metrics.text, 'cadwyn_mempool_transactions') ?? -1,
    height: n.node.height,
  };
}

// ---- server-sent events -------------------------------------------------------------------------

export interface SseEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

export interface EventStream {
  readonly status: number;
  readonly contentType: string | null;
  /** Resolves with the first event (already received or next) that matches. */
  next(match?: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Every event received so far. */
  readonly received: readonly SseEvent[];
  close(): void;
}

/** Connects to an SSE endpoint with fetch and parses events as they arrive. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const ac = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: ac.signal,
  });
  const received: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const reader = res.body?.getReader();
  void (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const r = await reader?.read();
        if (!r || r.done) break;
        buf += dec.decode(r.value, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          let id: string | undefined;
          let event = 'message';
          const data: string[] = [];
          for (const line of chunk.split('\n')) {
            if (line.startsWith(':')) continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (field === 'id') id = value;
            else if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
          }
          if (data.length > 0)
            received.push({ ...(id ? { id } : {}), event, data: data.join('\n') });
        }
        for (const w of [...waiters]) w();
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      for (const w of [...waiters]) w();
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    received,
    next(match = () => true, timeoutMs = 5000) {
      return new Promise<SseEvent>((resolve, reject) => {
        const check = () => {
          const e = received.find(match);
          if (e) {
            cleanup();
            resolve(e);
          } else if (ended) {
            cleanup();
            reject(new Error('event stream ended'));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error('timed out waiting for an event'));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      ac.abort();
    },
  };
}
