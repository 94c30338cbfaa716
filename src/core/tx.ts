// Transactions: a body that says what is asked, and signatures over its canonical bytes.
// id = SHA-256 of the canonical body, so signatures can be added without changing the id
// (a governance change gathers signatures from many members).
import { fromBase64Url, toBase64Url, toHex } from './bytes.js';
import type { PrivateKey, PublicKey, SignatureAlg, SignatureBackend } from './crypto.js';
import { isSignatureAlg, SIGNATURE_LENGTH } from './crypto.js';
import { signingInput } from './domain.js';
import type { Geo } from './geo.js';
import { parseGeo } from './geo.js';
import { sha256 } from './hash.js';
import type { Json } from './jcs.js';
import { canonicalJson, CanonicalJsonError } from './jcs.js';
import type { Result, Verdict } from './result.js';
import { fail, OK } from './result.js';
import { utf8 } from './bytes.js';

export interface TxBody {
  readonly v: 1;
  /** The consortium's network name, so a transaction for one network is void on another. */
  readonly network: string;
  /** `module.action`, e.g. `notary.notarise`. */
  readonly type: string;
  readonly sender: string;
  /** Per-sender sequence number, from 1, one more each time: stops replay. */
  readonly seq: number;
  /** The time the sender claims, ms since the Unix epoch. */
  readonly timeMs: number;
  readonly geo?: Geo;
  readonly payload: { readonly [key: string]: Json };
}

export interface TxSignature {
  /** The DID that signs: the sender itself, or (governance) a member body. */
  readonly signer: string;
  /** Which of the signer's registered keys, for DIDs with more than one (did:web). */
  readonly keyId?: string;
  readonly alg: SignatureAlg;
  /** base64url, no padding. */
  readonly sig: string;
}

export interface SignedTx {
  readonly body: TxBody;
  readonly signatures: readonly TxSignature[];
}

export const TX_LIMITS = {
  /** Canonical body bytes. */
  bodyBytesMax: 16 * 1024,
  signaturesMax: 16,
  typeLengthMax: 64,
  didLengthMax: 256,
  networkLengthMax: 64,
} as const;

export type TxShapeError = 'TX_MALFORMED' | 'TX_TOO_LARGE' | 'GEO_INVALID';

const TYPE_RE = /^[a-z][a-z0-9]*\.[a-z][a-zA-Z0-9]*$/;
const DID_SHAPE_RE = /^did:(key|web):[A-Za-z0-9._%:-]+$/;
const KEY_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
const B64URL_RE = /^[A-Za-z0-9_-]+$/;

export interface PreparedTx {
  readonly tx: SignedTx;
  /** Hex SHA-256 of the canonical body. */
  readonly id: string;
  /** Canonical JSON text of the body. */
  readonly canonicalBody: string;
  /** Canonical JSON text of the whole signed transaction (what the log stores). */
  readonly canonicalTx: string;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return false;
  return true;
}

const bad = (detail: string) => fail('TX_MALFORMED' as const, detail);

/**
 * Checks the shape of an untrusted transaction and computes its id and canonical forms.
 * It does not check signatures (see verifyTxSignatures) nor anything that needs state.
 */
export function prepareTx(x: unknown): Result<PreparedTx, TxShapeError> {
  if (!isPlainObject(x) || !onlyKeys(x, ['body', 'signatures'])) {
    return bad('a transaction is {body, signatures}');
  }
  const { body, signatures } = x;
  if (!isPlainObject(body)) return bad('body must be an object');
  if (!onlyKeys(body, ['v', 'network', 'type', 'sender', 'seq', 'timeMs', 'geo', 'payload'])) {
    return bad('body has an unknown field');
  }
  if (body.v !== 1) return bad('body.v must be 1');
  if (
    typeof body.network !== 'string' ||
    body.network.length === 0 ||
    body.network.length > TX_LIMITS.networkLengthMax
  ) {
    return bad('body.network must be a non-empty string');
  }
  if (
    typeof body.type !== 'string' ||
    body.type.length > TX_LIMITS.typeLengthMax ||
    !TYPE_RE.test(body.type)
  ) {
    return bad('body.type must look like module.action');
  }
  if (!isDidShape(body.sender)) return bad('body.sender must be a did:key or did:web DID');
  if (!Number.isSafeInteger(body.seq) || (body.seq as number) < 1) {
    return bad('body.seq must be a positive integer');
  }
  if (!Number.isSafeInteger(body.timeMs) || (body.timeMs as number) < 0) {
    return bad('body.timeMs must be a non-negative integer (ms since epoch)');
  }
  if (body.geo !== undefined) {
    const g = parseGeo(body.geo);
    if (!g.ok) return g;
  }
  if (!isPlainObject(body.payload)) return bad('body.payload must be an object');
  if (!Array.isArray(signatures) || signatures.length === 0) {
    return bad('at least one signature is needed');
  }
  if (signatures.length > TX_LIMITS.signaturesMax) {
    return fail('TX_TOO_LARGE', `at most ${TX_LIMITS.signaturesMax} signatures`);
  }
  const seen = new Set<string>();
  for (const s of signatures as unknown[]) {
    if (!isPlainObject(s) || !onlyKeys(s, ['signer', 'keyId', 'alg', 'sig'])) {
      return bad('a signature is {signer, keyId?, alg, sig}');
    }
    if (!isDidShape(s.signer)) return bad('signature.signer must be a DID');
    if (s.keyId !== undefined && (typeof s.keyId !== 'string' || !KEY_ID_RE.test(s.keyId))) {
      return bad('signature.keyId is malformed');
    }
    if (!isSignatureAlg(s.alg)) return bad('signature.alg must be Ed25519 or ES256');
    if (typeof s.sig !== 'string' || !B64URL_RE.test(s.sig) || s.sig.length > 128) {
      return bad('signature.sig must be base64url');
    }
    const who = `${s.signer}#${String(s.keyId ?? '')}`;
    if (seen.has(who)) return bad('the same key signed twice');
    seen.add(who);
  }
  let canonicalBody: string;
  let canonicalSigs: string;
  try {
    canonicalBody = canonicalJson(body);
    canonicalSigs = canonicalJson(signatures);
  } catch (e) {
    if (e instanceof CanonicalJsonError) return bad(e.reason);
    throw e;
  }
  if (canonicalBody.length > TX_LIMITS.bodyBytesMax) {
    // length in UTF-16 units is a lower bound of the UTF-8 length: check bytes only when close.
    return fail('TX_TOO_LARGE', `body over ${TX_LIMITS.bodyBytesMax} bytes`);
  }
  if (utf8(canonicalBody).length > TX_LIMITS.bodyBytesMax) {
    return fail('TX_TOO_LARGE', `body over ${TX_LIMITS.bodyBytesMax} bytes`);
  }
  const id = toHex(sha256(utf8(canonicalBody)));
  return {
    ok: true,
    value: {
      tx: x as unknown as SignedTx,
      id,
      canonicalBody,
      canonicalTx: `{"body":${canonicalBody},"signatures":${canonicalSigs}}`,
    },
  };
}

export function isDidShape(x: unknown): x is string {
  return typeof x === 'string' && x.length <= TX_LIMITS.didLengthMax && DID_SHAPE_RE.test(x);
}

/** The bytes every signature on this transaction covers. */
export function txSigningMessage(canonicalBody: string): Uint8Array {
  return signingInput('transaction', utf8(canonicalBody));
}

export function txIdOf(body: TxBody): string {
  return toHex(sha256(utf8(canonicalJson(body))));
}

/** Decodes a signature's bytes; undefined when malformed for its algorithm. */
export function signatureBytes(s: TxSignature): Uint8Array | undefined {
  const b = fromBase64Url(s.sig);
  return b && b.length === SIGNATURE_LENGTH[s.alg] ? b : undefined;
}

export interface TxSigner {
  readonly did: string;
  readonly keyId?: string;
  readonly privateKey: PrivateKey;
}

/** Signs a body with each signer (the wallet, the CLI, tests). */
export async function signTx(
  body: TxBody,
  signers: readonly TxSigner[],
  backend: SignatureBackend,
): Promise<SignedTx> {
  const message = txSigningMessage(canonicalJson(body));
  const signatures: TxSignature[] = [];
  for (const s of signers) {
    const sig = toBase64Url(await backend.sign(s.privateKey, message));
    signatures.push(
      s.keyId === undefined
        ? { signer: s.did, alg: s.privateKey.alg, sig }
        : { signer: s.did, keyId: s.keyId, alg: s.privateKey.alg, sig },
    );
  }
  return { body, signatures };
}

/** Adds more signatures to a transaction (a governance change gathering its quorum). */
export async function cosignTx(
  tx: SignedTx,
  signers: readonly TxSigner[],
  backend: SignatureBackend,
): Promise<SignedTx> {
  const more = await signTx(tx.body, signers, backend);
  return { body: tx.body, signatures: [...tx.signatures, ...more.signatures] };
}

/** Finds the public key for a signature: did:key from the DID itself, did:web from the ledger. */
export type KeyResolver = (signer: string, keyId: string | undefined) => PublicKey | undefined;

export type TxSignatureError =
  'TX_SIGNATURE_INVALID' | 'TX_SIGNER_UNKNOWN' | 'TX_SENDER_NOT_SIGNED';

interface SignatureCheck {
  readonly publicKey: PublicKey;
  readonly signature: Uint8Array;
}

/** What has to verify, or the reason there is nothing to verify. Shared by sync and async. */
function signatureChecks(
  p: PreparedTx,
  resolve: KeyResolver,
): Result<SignatureCheck[], TxSignatureError> {
  let senderSigned = false;
  const checks: SignatureCheck[] = [];
  for (const s of p.tx.signatures) {
    const publicKey = resolve(s.signer, s.keyId);
    if (!publicKey || publicKey.alg !== s.alg) {
      return fail('TX_SIGNER_UNKNOWN', `no ${s.alg} key for the signer`);
    }
    const signature = signatureBytes(s);
    if (!signature) return fail('TX_SIGNATURE_INVALID', 'signature has the wrong length');
    if (s.signer === p.tx.body.sender) senderSigned = true;
    checks.push({ publicKey, signature });
  }
  if (!senderSigned) return fail('TX_SENDER_NOT_SIGNED', 'the sender did not sign');
  return { ok: true, value: checks };
}

export async function verifyTxSignatures(
  p: PreparedTx,
  resolve: KeyResolver,
  backend: SignatureBackend,
): Promise<Verdict<TxSignatureError>> {
  const checks = signatureChecks(p, resolve);
  if (!checks.ok) return checks;
  const message = txSigningMessage(p.canonicalBody);
  for (const c of checks.value) {
    if (!(await backend.verify(c.publicKey, message, c.signature))) {
      return fail('TX_SIGNATURE_INVALID', 'a signature does not verify');
    }
  }
  return OK;
}

/** The same check with a synchronous verifier (node:crypto on the ingest hot path). */
export function verifyTxSignaturesSync(
  p: PreparedTx,
  resolve: KeyResolver,
  verify: (publicKey: PublicKey, message: Uint8Array, signature: Uint8Array) => boolean,
): Verdict<TxSignatureError> {
  const checks = signatureChecks(p, resolve);
  if (!checks.ok) return checks;
  const message = txSigningMessage(p.canonicalBody);
  for (const c of checks.value) {
    if (!verify(c.publicKey, message, c.signature)) {
      return fail('TX_SIGNATURE_INVALID', 'a signature does not verify');
    }
  }
  return OK;
}
