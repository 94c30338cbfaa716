// What the Explorer checks in the browser: receipts, pairs of checkpoints, document digests.
// Core does the checking (decision 0007: no verification logic written twice); this module
// only reads the files people give it. No DOM here: the page and the tests call these same
// functions.
import { fromBase64Url, fromHex } from '../../src/core/bytes.js';
import type { Checkpoint, CheckpointCode, CheckpointValidator } from '../../src/core/checkpoint.js';
import { parseCheckpoint, quorumFor, verifyCheckpoint } from '../../src/core/checkpoint.js';
import type { SignatureBackend } from '../../src/core/crypto.js';
import { HEX_DIGEST_RE, sha256Hex } from '../../src/core/hash.js';
import { verifyConsistency } from '../../src/core/merkle.js';
import { parseNote } from '../../src/core/note.js';
import type { ConsortiumKeys, ReceiptError, ReceiptFacts } from '../../src/core/receipt.js';
import {
  describeReceiptError,
  parseConsortiumKeys,
  verifyReceipt,
} from '../../src/core/receipt.js';
import type { Result } from '../../src/core/result.js';
import { fail } from '../../src/core/result.js';
import { webCryptoBackend } from '../../src/core/webcrypto.js';

export type { Checkpoint, ConsortiumKeys, ReceiptError, ReceiptFacts };
export { describeReceiptError };

/** Receipts and keys files are a few kilobytes; anything far bigger is not one. */
export const RECEIPT_BYTES_MAX = 1024 * 1024;
export const KEYS_BYTES_MAX = 1024 * 1024;
export const CHECKPOINT_BYTES_MAX = 64 * 1024;
/** Hashed in memory on the page's thread: beyond this, `cadwyn notary check` is the tool. */
export const DOCUMENT_BYTES_MAX = 256 * 1024 * 1024;

let backend: SignatureBackend | undefined;

/** WebCrypto, with @noble/curves where a browser lacks Ed25519. */
export function browserBackend(): SignatureBackend {
  backend ??= webCryptoBackend();
  return backend;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// ---- keys -----------------------------------------------------------------------------------

/** A consortium keys file (`cadwyn keys export`, or GET /v1/consortium/keys), checked strictly. */
export function readKeys(text: string): Result<ConsortiumKeys, 'KEYS_NOT_JSON' | 'KEYS_MALFORMED'> {
  const x = parseJson(text);
  if (x === undefined) return fail('KEYS_NOT_JSON');
  return parseConsortiumKeys(x);
}

// ---- receipts -------------------------------------------------------------------------------

/**
 * Checks the text of a receipt file against keys the person trusts: what the page runs when a
 * receipt is chosen or dropped. Text that is not JSON is a malformed receipt, as on the CLI.
 */
export async function checkReceipt(
  text: string,
  keys: ConsortiumKeys,
  signatures: SignatureBackend = browserBackend(),
): Promise<Result<ReceiptFacts, ReceiptError>> {
  return verifyReceipt(parseJson(text), keys, signatures);
}

// ---- checkpoints ----------------------------------------------------------------------------

export type CheckpointError = CheckpointCode | 'CHECKPOINT_EMPTY';

export interface CheckedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly signers: readonly string[];
  readonly quorum: number;
  readonly validatorCount: number;
}

export interface ValidatorKey {
  readonly name: string;
  /** base64url Ed25519 public key, as the keys file and /v1/consortium give it. */
  readonly publicKey: string;
}

/** A pasted note: CRLF from a text editor or a lost final newline are not the signer's bytes. */
export function normaliseNote(text: string): string {
  const t = text.replace(/\r\n?/g, '\n').trim();
  return t === '' ? '' : t + '\n';
}

function validatorKeys(validators: readonly ValidatorKey[]): CheckpointValidator[] | undefined {
  const out: CheckpointValidator[] = [];
  for (const v of validators) {
    const bytes = fromBase64Url(v.publicKey);
    if (bytes?.length !== 32) return undefined;
    out.push({ name: v.name, publicKey: { alg: 'Ed25519', bytes } });
  }
  return out;
}

/**
 * Verifies a signed checkpoint: a Cadwyn checkpoint for `origin`, signed by more than two
 * thirds of `validators`.
 */
export async function checkCheckpoint(
  text: string,
  origin: string,
  validators: readonly ValidatorKey[],
  signatures: SignatureBackend = browserBackend(),
): Promise<Result<CheckedCheckpoint, CheckpointError>> {
  const note = normaliseNote(text);
  if (note === '') return fail('CHECKPOINT_EMPTY');
  const keys = validatorKeys(validators);
  if (!keys || keys.length === 0) return fail('CHECKPOINT_BAD_POLICY', 'no usable validator key');
  const quorum = quorumFor(keys.length);
  const r = await verifyCheckpoint(note, { origin, validators: keys, quorum }, signatures);
  if (!r.ok) return r;
  return { ok: true, value: { ...r.value, quorum, validatorCount: keys.length } };
}

/** The checkpoint's contents and its signers' key names, without checking any signature. */
export function readCheckpoint(
  text: string,
): { checkpoint: Checkpoint; signatureNames: string[] } | undefined {
  const note = parseNote(normaliseNote(text));
  if (!note.ok) return undefined;
  const body = parseCheckpoint(note.value.text);
  if (!body.ok) return undefined;
  return { checkpoint: body.value, signatureNames: note.value.signatures.map((s) => s.name) };
}

// ---- consistency ----------------------------------------------------------------------------

export type ConsistencyError =
  /** The node would not or could not give a proof between these sizes. */
  | 'CONSISTENCY_NO_PROOF'
  /** The proof does not show the later log extending the earlier one. */
  | 'CONSISTENCY_FAILED'
  /** The longer log claims an earlier block or time than the shorter: they cannot both be true. */
  | 'CONSISTENCY_OUT_OF_ORDER';

export interface ConsistencyFacts {
  readonly older: Checkpoint;
  readonly newer: Checkpoint;
}

/** Either way, which checkpoint was taken as the earlier one. */
export type ConsistencyVerdict =
  | ({ readonly ok: true } & ConsistencyFacts)
  | ({
      readonly ok: false;
      readonly code: ConsistencyError;
      readonly detail?: string;
    } & ConsistencyFacts);

/** Asks for RFC 9162 proof hashes between two log sizes (GET /v1/proofs/consistency). */
export type ProofSource = (from: number, to: number) => Promise<unknown>;

const PROOF_HASHES_MAX = 64;

function readProof(x: unknown, from: number, to: number): Uint8Array[] | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const p = x as { from?: unknown; to?: unknown; proof?: unknown };
  if (p.from !== from || p.to !== to || !Array.isArray(p.proof)) return undefined;
  if (p.proof.length > PROOF_HASHES_MAX) return undefined;
  const out: Uint8Array[] = [];
  for (const h of p.proof as unknown[]) {
    if (typeof h !== 'string' || !HEX_DIGEST_RE.test(h)) return undefined;
    out.push(fromHex(h) as Uint8Array);
  }
  return out;
}

/**
 * Does the later of two (already verified) checkpoints extend the earlier one? Which is earlier
 * is read from their log sizes. The roots come from the signed checkpoints; the node supplies
 * only the proof hashes, so a node that rewrote history cannot make this pass.
 */
export async function checkConsistency(
  a: Checkpoint,
  b: Checkpoint,
  proofs: ProofSource,
): Promise<ConsistencyVerdict> {
  const [older, newer] = a.logSize <= b.logSize ? [a, b] : [b, a];
  const facts = { older, newer };
  if (newer.height < older.height || newer.timeMs < older.timeMs) {
    return { ...fail('CONSISTENCY_OUT_OF_ORDER'), ...facts };
  }
  let proof: Uint8Array[] = [];
  if (older.logSize !== newer.logSize && older.logSize !== 0) {
    let answer: unknown;
    try {
      answer = await proofs(older.logSize, newer.logSize);
    } catch {
      answer = undefined;
    }
    const read = readProof(answer, older.logSize, newer.logSize);
    if (!read) return { ...fail('CONSISTENCY_NO_PROOF'), ...facts };
    proof = read;
  }
  const v = verifyConsistency(older.logSize, newer.logSize, older.logRoot, newer.logRoot, proof);
  if (!v.ok) return { ...fail('CONSISTENCY_FAILED', v.code), ...facts };
  return { ok: true, ...facts };
}

// ---- documents ------------------------------------------------------------------------------

/** The document's SHA-256, lower-case hex: what `cadwyn notarise` puts on the ledger. */
export function documentDigest(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

/** What GET /v1/notary/{digest} answers (the notary module's record), read defensively. */
export interface NotaryRecord {
  readonly digest: string;
  readonly txId: string;
  readonly height: number;
  readonly blockTimeMs: number;
  readonly claimedTimeMs: number;
  readonly sender: string;
  readonly label?: string;
  readonly geo?: { readonly area: string } | { readonly lat: number; readonly lon: number };
  readonly status?: string;
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

export function readNotaryRecord(x: unknown, digest: string): NotaryRecord | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const r = x as Record<string, unknown>;
  if (r.digest !== digest || typeof r.txId !== 'string' || !HEX_DIGEST_RE.test(r.txId)) {
    return undefined;
  }
  if (!isCount(r.height) || !isCount(r.blockTimeMs) || !isCount(r.claimedTimeMs)) return undefined;
  if (typeof r.sender !== 'string') return undefined;
  let geo: NotaryRecord['geo'];
  const g = r.geo as Record<string, unknown> | undefined;
  if (g && typeof g.area === 'string') geo = { area: g.area };
  else if (g && typeof g.lat === 'number' && typeof g.lon === 'number')
    geo = { lat: g.lat, lon: g.lon };
  return {
    digest,
    txId: r.txId,
    height: r.height,
    blockTimeMs: r.blockTimeMs,
    claimedTimeMs: r.claimedTimeMs,
    sender: r.sender,
    ...(typeof r.label === 'string' ? { label: r.label } : {}),
    ...(geo ? { geo } : {}),
    ...(typeof r.status === 'string' ? { status: r.status } : {}),
  };
}
