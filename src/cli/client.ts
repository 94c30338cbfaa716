// Talking to a node over HTTP, and the CLI user's own signing key.
import { existsSync, readFileSync } from 'node:fs';
import { toBase64Url } from '../core/bytes.js';
import type { SignatureAlg } from '../core/crypto.js';
import { didKeyFromPublicKey } from '../core/did.js';
import type { Json } from '../core/jcs.js';
import type { Geo } from '../core/geo.js';
import type { SignedTx } from '../core/tx.js';
import { signTx } from '../core/tx.js';
import { generateKeyPairSync, nodeCryptoBackend } from '../node/crypto-node.js';
import { privateKeyOf, writeFileAtomic } from '../node/datadir.js';

export interface ClientKeyFile {
  readonly v: 1;
  readonly kind: 'cadwyn-key';
  readonly did: string;
  readonly alg: SignatureAlg;
  readonly privateKey: string;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function createKeyFile(path: string, alg: SignatureAlg): ClientKeyFile {
  const kp = generateKeyPairSync(alg);
  const file: ClientKeyFile = {
    v: 1,
    kind: 'cadwyn-key',
    did: didKeyFromPublicKey(kp.publicKey),
    alg,
    privateKey: toBase64Url(kp.privateKey.bytes),
  };
  writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n', 0o600);
  return file;
}

export function loadOrCreateKey(path: string): ClientKeyFile {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as ClientKeyFile;
  return createKeyFile(path, 'Ed25519');
}

export interface Problem {
  readonly code: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
}

export class NodeClient {
  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(new URL(path, this.baseUrl), init);
    } catch {
      throw new CliError(`UNREACHABLE ${this.baseUrl}`);
    }
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    const res = await this.request(path, init);
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body: body as T };
  }

  async nextSeq(did: string): Promise<number> {
    const r = await this.json<{ nextSeq: number }>(`/v1/accounts/${encodeURIComponent(did)}`);
    if (r.status !== 200) throw new CliError(`cannot read the account of ${did}`);
    return r.body.nextSeq;
  }

  async network(): Promise<string> {
    const r = await this.json<{ network: string }>('/v1/consortium');
    if (r.status !== 200) throw new CliError('cannot read the consortium');
    return r.body.network;
  }

  async submit(
    txs: unknown,
    waitMs: number,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    return this.json(`/v1/transactions?waitMs=${waitMs}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(txs),
    });
  }
}

/** Builds and signs a transaction from the CLI user's key. */
export async function signAs(
  key: ClientKeyFile,
  fields: { network: string; type: string; seq: number; payload: Record<string, Json>; geo?: Geo },
): Promise<SignedTx> {
  const body = {
    v: 1 as const,
    network: fields.network,
    type: fields.type,
    sender: key.did,
    seq: fields.seq,
    timeMs: Date.now(),
    ...(fields.geo ? { geo: fields.geo } : {}),
    payload: fields.payload,
  };
  return signTx(
    body,
    [{ did: key.did, privateKey: privateKeyOf(key.alg, key.privateKey) }],
    nodeCryptoBackend,
  );
}
