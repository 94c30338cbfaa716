// Receipts (DESIGN.md, "What every verification must be able to do offline"): a transaction as
// committed, its inclusion proof, and a checkpoint cosigned by the validators. With the receipt
// and a consortium keys file they trust, anyone can check offline, in the browser or on the CLI,
// that the transaction is in the log, when, where, and that a quorum of member bodies vouched
// for it. Nothing here fetches anything: the trust file is the only root of trust.
import { logEntryText } from './block.js';
import { fromBase64Url, fromHex, utf8 } from './bytes.js';
import type { CheckpointValidator } from './checkpoint.js';
import { parseCheckpoint, quorumFor, verifyCheckpoint } from './checkpoint.js';
import type { PublicKey, SignatureAlg, SignatureBackend } from './crypto.js';
import { isSignatureAlg, PUBLIC_KEY_LENGTH } from './crypto.js';
import { isDid, publicKeyFromDidKey } from './did.js';
import type { Geo } from './geo.js';
import { HEX_DIGEST_RE } from './hash.js';
import type { Json } from './jcs.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { isValidNoteText, parseNote } from './note.js';
import type { Result } from './result.js';
import { fail } from './result.js';
import type { KeyResolver, SignedTx } from './tx.js';
import { prepareTx, TX_LIMITS, verifyTxSignatures } from './tx.js';

// ---- types ---------------------------------------------------------------------------------

export interface ReceiptEntry {
  readonly height: number;
  /** Block time, ms since the epoch. */
  readonly timeMs: number;
  readonly tx: SignedTx;
}

export interface Receipt {
  readonly v: 1;
  readonly kind: 'cadwyn-receipt';
  /** The checkpoint origin: which log. */
  readonly origin: string;
  readonly network: string;
  /** Hex SHA-256 of the canonical transaction body. */
  readonly txId: string;
  readonly logIndex: number;
  /** The log entry; its leaf data is the canonical JSON of {height, timeMs, tx}. */
  readonly entry: ReceiptEntry;
  readonly inclusion: {
    readonly logSize: number;
    /** RFC 9162 inclusion path, lower-case hex hashes, leaf to root. */
    readonly proof: readonly string[];
  };
  /** The signed checkpoint note (C2SP signed-note), cosigned by validators. */
  readonly checkpoint: string;
}

export interface ConsortiumValidator {
  /** The note key name its checkpoint signatures carry. */
  readonly name: string;
  /** The did:web of the member body that runs it. */
  readonly member: string;
  /** base64url of the Ed25519 public key. */
  readonly publicKey: string;
}

export interface ConsortiumMemberKey {
  readonly id: string;
  readonly alg: SignatureAlg;
  /** base64url of the raw public key. */
  readonly publicKey: string;
}

export interface ConsortiumMember {
  readonly did: string;
  readonly name: { readonly en: string; readonly cy: string };
  readonly keys: readonly ConsortiumMemberKey[];
}

/** The trust file, written by `cadwyn keys export`. */
export interface ConsortiumKeys {
  readonly v: 1;
  readonly kind: 'cadwyn-consortium-keys';
  readonly network: string;
  readonly origin: string;
  readonly validators: readonly ConsortiumValidator[];
  readonly members: readonly ConsortiumMember[];
  /** The height whose state these keys come from. */
  readonly atHeight: number;
}

/** What the node has to build a receipt from (see CadwynNode.receiptParts). */
export interface ReceiptParts {
  readonly origin: string;
  readonly network: string;
  readonly txId: string;
  readonly logIndex: number;
  readonly entry: ReceiptEntry;
  readonly logSize: number;
  readonly proof: readonly string[];
  readonly checkpoint: string;
}

/** Everything a plain-language verdict needs, all of it proven by the receipt. */
export interface ReceiptFacts {
  readonly network: string;
  readonly origin: string;
  readonly txId: string;
  readonly type: string;
  readonly sender: string;
  readonly seq: number;
  /** The time the sender claims, ms since the epoch. */
  readonly claimedTimeMs: number;
  /** The block's time (the proposer's clock), ms since the epoch. */
  readonly blockTimeMs: number;
  readonly height: number;
  readonly logIndex: number;
  readonly geo?: Geo;
  readonly payload: { readonly [key: string]: Json };
  readonly checkpoint: {
    readonly height: number;
    readonly logSize: number;
    readonly timeMs: number;
    /** Names of the trusted validators whose signatures verified, in note order. */
    readonly signers: readonly string[];
    readonly quorum: number;
    readonly validatorCount: number;
  };
}

export const RECEIPT_ERRORS = [
  'KEYS_MALFORMED',
  'RECEIPT_MALFORMED',
  'RECEIPT_WRONG_NETWORK',
  'RECEIPT_TX_MISMATCH',
  'RECEIPT_TX_SIGNATURE_INVALID',
  'RECEIPT_SIGNER_UNKNOWN',
  'RECEIPT_UNTRUSTED_SIGNERS',
  'RECEIPT_NO_QUORUM',
  'RECEIPT_CHECKPOINT_INVALID',
  'RECEIPT_NOT_INCLUDED',
  'RECEIPT_INCONSISTENT',
] as const;

/** Why a receipt does not verify. KEYS_MALFORMED: the trust file itself is not valid. */
export type ReceiptError = (typeof RECEIPT_ERRORS)[number];

// ---- limits and small checks ---------------------------------------------------------------

export const RECEIPT_LIMITS = {
  /** A path in a log of 2^53 leaves has at most 53 hashes. */
  proofLengthMax: 64,
  /** Characters of the checkpoint note: 100 signature lines fit easily. */
  checkpointLengthMax: 64 * 1024,
  originLengthMax: 256,
  validatorsMax: 100,
  membersMax: 256,
  memberKeysMax: 8,
  memberNameLengthMax: 200,
} as const;

// Reserved for Cadwyn's own signature domains (checkpoint.ts refuses such origins too).
const RESERVED_ORIGIN_PREFIX = 'cadwyn/v1/';
// As governance's validator schema: always a valid note key name (no spaces, no '+').
const VALIDATOR_NAME_RE = /^[A-Za-z0-9._/-]{1,100}$/;
const KEY_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function hasExactly(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && own.every((k) => keys.includes(k));
}

function isCount(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

function isNetwork(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= TX_LIMITS.networkLengthMax;
}

function isOrigin(x: unknown): x is string {
  return (
    typeof x === 'string' &&
    x.length > 0 &&
    x.length <= RECEIPT_LIMITS.originLengthMax &&
    !x.startsWith(RESERVED_ORIGIN_PREFIX) &&
    !x.includes('\n') &&
    isValidNoteText(x + '\n')
  );
}

function isText(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= max;
}

function decodeKey(alg: SignatureAlg, b64url: unknown): PublicKey | undefined {
  if (typeof b64url !== 'string' || b64url.length > 64) return undefined;
  const bytes = fromBase64Url(b64url);
  return bytes && bytes.length === PUBLIC_KEY_LENGTH[alg] ? { alg, bytes } : undefined;
}

// ---- the trust file ------------------------------------------------------------------------

interface Trust {
  readonly keys: ConsortiumKeys;
  readonly validators: readonly CheckpointValidator[];
  /** did:web → its keys, decoded, in file order. */
  readonly memberKeys: ReadonlyMap<string, readonly { id: string; publicKey: PublicKey }[]>;
}

const keysBad = (detail: string) => fail('KEYS_MALFORMED' as const, detail);

function readMember(
  m: unknown,
): Result<{ member: ConsortiumMember; keys: { id: string; publicKey: PublicKey }[] }, string> {
  if (!isPlainObject(m) || !hasExactly(m, ['did', 'name', 'keys'])) {
    return fail('a member is {did, name, keys}');
  }
  if (!isDid(m.did) || !m.did.startsWith('did:web:')) return fail('a member DID is a did:web');
  const { name } = m;
  if (
    !isPlainObject(name) ||
    !hasExactly(name, ['en', 'cy']) ||
    !isText(name.en, RECEIPT_LIMITS.memberNameLengthMax) ||
    !isText(name.cy, RECEIPT_LIMITS.memberNameLengthMax)
  ) {
    return fail(`${m.did}: name is {en, cy}`);
  }
  if (
    !Array.isArray(m.keys) ||
    m.keys.length === 0 ||
    m.keys.length > RECEIPT_LIMITS.memberKeysMax
  ) {
    return fail(`${m.did}: 1 to ${RECEIPT_LIMITS.memberKeysMax} keys`);
  }
  const keys: ConsortiumMemberKey[] = [];
  const decoded: { id: string; publicKey: PublicKey }[] = [];
  for (const k of m.keys as unknown[]) {
    if (!isPlainObject(k) || !hasExactly(k, ['id', 'alg', 'publicKey'])) {
      return fail(`${m.did}: a key is {id, alg, publicKey}`);
    }
    if (typeof k.id !== 'string' || !KEY_ID_RE.test(k.id)) return fail(`${m.did}: bad key id`);
    if (!isSignatureAlg(k.alg)) return fail(`${m.did}: key alg is Ed25519 or ES256`);
    const publicKey = decodeKey(k.alg, k.publicKey);
    if (!publicKey) return fail(`${m.did}: key ${k.id} is malformed`);
    if (keys.some((x) => x.id === k.id)) return fail(`${m.did}: key ${k.id} listed twice`);
    keys.push({ id: k.id, alg: k.alg, publicKey: k.publicKey as string });
    decoded.push({ id: k.id, publicKey });
  }
  const member: ConsortiumMember = { did: m.did, name: { en: name.en, cy: name.cy }, keys };
  return { ok: true, value: { member, keys: decoded } };
}

function readTrust(x: unknown): Result<Trust, 'KEYS_MALFORMED'> {
  if (
    !isPlainObject(x) ||
    !hasExactly(x, ['v', 'kind', 'network', 'origin', 'validators', 'members', 'atHeight'])
  ) {
    return keysBad('a keys file is {v, kind, network, origin, validators, members, atHeight}');
  }
  if (x.v !== 1 || x.kind !== 'cadwyn-consortium-keys') {
    return keysBad('not a cadwyn-consortium-keys v1 file');
  }
  if (!isNetwork(x.network)) return keysBad('network must be a non-empty string');
  if (!isOrigin(x.origin)) return keysBad('origin is not a valid checkpoint origin');
  if (!isCount(x.atHeight)) return keysBad('atHeight must be a non-negative integer');

  if (!Array.isArray(x.members) || x.members.length > RECEIPT_LIMITS.membersMax) {
    return keysBad(`members: a list of at most ${RECEIPT_LIMITS.membersMax}`);
  }
  const members: ConsortiumMember[] = [];
  const memberKeys = new Map<string, readonly { id: string; publicKey: PublicKey }[]>();
  for (const m of x.members as unknown[]) {
    const r = readMember(m);
    if (!r.ok) return keysBad(r.code);
    if (memberKeys.has(r.value.member.did)) return keysBad(`${r.value.member.did} listed twice`);
    members.push(r.value.member);
    memberKeys.set(r.value.member.did, r.value.keys);
  }

  if (
    !Array.isArray(x.validators) ||
    x.validators.length === 0 ||
    x.validators.length > RECEIPT_LIMITS.validatorsMax
  ) {
    return keysBad(`validators: a list of 1 to ${RECEIPT_LIMITS.validatorsMax}`);
  }
  const validators: ConsortiumValidator[] = [];
  const decoded: CheckpointValidator[] = [];
  const seenKeys = new Set<string>();
  for (const v of x.validators as unknown[]) {
    if (!isPlainObject(v) || !hasExactly(v, ['name', 'member', 'publicKey'])) {
      return keysBad('a validator is {name, member, publicKey}');
    }
    if (typeof v.name !== 'string' || !VALIDATOR_NAME_RE.test(v.name)) {
      return keysBad('a validator name is malformed');
    }
    if (typeof v.member !== 'string' || !memberKeys.has(v.member)) {
      return keysBad(`${v.name}: its member body is not in the file`);
    }
    const publicKey = decodeKey('Ed25519', v.publicKey);
    if (!publicKey) return keysBad(`${v.name}: key is not a base64url Ed25519 key`);
    // One name or one key twice would let one validator count twice towards the quorum.
    if (validators.some((w) => w.name === v.name)) return keysBad(`${v.name} listed twice`);
    if (seenKeys.has(v.publicKey as string)) return keysBad(`${v.name} shares a key`);
    seenKeys.add(v.publicKey as string);
    validators.push({ name: v.name, member: v.member, publicKey: v.publicKey as string });
    decoded.push({ name: v.name, publicKey });
  }

  const keys: ConsortiumKeys = {
    v: 1,
    kind: 'cadwyn-consortium-keys',
    network: x.network,
    origin: x.origin,
    validators,
    members,
    atHeight: x.atHeight,
  };
  return { ok: true, value: { keys, validators: decoded, memberKeys } };
}

/**
 * Validates an untrusted keys file strictly (exact fields, well-formed keys, no validator name
 * or key twice, every validator's member body listed) and returns a fresh copy of it.
 */
export function parseConsortiumKeys(x: unknown): Result<ConsortiumKeys, 'KEYS_MALFORMED'> {
  const t = readTrust(x);
  return t.ok ? { ok: true, value: t.value.keys } : t;
}

// ---- building ------------------------------------------------------------------------------

/** Assembles a receipt from what the node holds. Pure: no check, no copy of the transaction. */
export function buildReceipt(parts: ReceiptParts): Receipt {
  return {
    v: 1,
    kind: 'cadwyn-receipt',
    origin: parts.origin,
    network: parts.network,
    txId: parts.txId,
    logIndex: parts.logIndex,
    entry: { height: parts.entry.height, timeMs: parts.entry.timeMs, tx: parts.entry.tx },
    inclusion: { logSize: parts.logSize, proof: [...parts.proof] },
    checkpoint: parts.checkpoint,
  };
}

// ---- verifying -----------------------------------------------------------------------------

/** A receipt whose envelope has the right shape; the transaction is still unchecked. */
interface ReceiptShape {
  readonly origin: string;
  readonly network: string;
  readonly txId: string;
  readonly logIndex: number;
  readonly entry: { readonly height: number; readonly timeMs: number; readonly tx: unknown };
  readonly logSize: number;
  readonly proof: readonly Uint8Array[];
  readonly checkpoint: string;
}

const malformed = (detail: string) => fail('RECEIPT_MALFORMED' as const, detail);

function readShape(x: unknown): Result<ReceiptShape, 'RECEIPT_MALFORMED'> {
  const fields = [
    'v',
    'kind',
    'origin',
    'network',
    'txId',
    'logIndex',
    'entry',
    'inclusion',
    'checkpoint',
  ];
  if (!isPlainObject(x) || !hasExactly(x, fields)) {
    return malformed(`a receipt is {${fields.join(', ')}}`);
  }
  if (x.v !== 1 || x.kind !== 'cadwyn-receipt') return malformed('not a cadwyn-receipt v1');
  if (!isOrigin(x.origin)) return malformed('origin is not a valid checkpoint origin');
  if (!isNetwork(x.network)) return malformed('network must be a non-empty string');
  if (typeof x.txId !== 'string' || !HEX_DIGEST_RE.test(x.txId)) {
    return malformed('txId must be 64 lower-case hex digits');
  }
  if (!isCount(x.logIndex)) return malformed('logIndex must be a non-negative integer');
  const { entry, inclusion } = x;
  if (!isPlainObject(entry) || !hasExactly(entry, ['height', 'timeMs', 'tx'])) {
    return malformed('entry is {height, timeMs, tx}');
  }
  if (!isCount(entry.height) || !isCount(entry.timeMs)) {
    return malformed('entry height and time must be non-negative integers');
  }
  if (!isPlainObject(inclusion) || !hasExactly(inclusion, ['logSize', 'proof'])) {
    return malformed('inclusion is {logSize, proof}');
  }
  if (!isCount(inclusion.logSize)) return malformed('logSize must be a non-negative integer');
  const { proof } = inclusion;
  if (!Array.isArray(proof) || proof.length > RECEIPT_LIMITS.proofLengthMax) {
    return malformed(`proof: a list of at most ${RECEIPT_LIMITS.proofLengthMax} hashes`);
  }
  const hashes: Uint8Array[] = [];
  for (const h of proof as unknown[]) {
    if (typeof h !== 'string' || !HEX_DIGEST_RE.test(h)) {
      return malformed('proof hashes are 64 lower-case hex digits');
    }
    hashes.push(fromHex(h) as Uint8Array);
  }
  if (
    typeof x.checkpoint !== 'string' ||
    x.checkpoint.length === 0 ||
    x.checkpoint.length > RECEIPT_LIMITS.checkpointLengthMax
  ) {
    return malformed('checkpoint must be a signed note');
  }
  return {
    ok: true,
    value: {
      origin: x.origin,
      network: x.network,
      txId: x.txId,
      logIndex: x.logIndex,
      entry: { height: entry.height, timeMs: entry.timeMs, tx: entry.tx },
      logSize: inclusion.logSize,
      proof: hashes,
      checkpoint: x.checkpoint,
    },
  };
}

/** did:key signers carry their key; did:web signers must be members of the trust file. */
function trustResolver(trust: Trust): KeyResolver {
  return (signer, keyId) => {
    if (signer.startsWith('did:key:')) return publicKeyFromDidKey(signer);
    const keys = trust.memberKeys.get(signer);
    if (!keys) return undefined;
    // As the ledger does (governance memberKey): no key id means the member's first key.
    const k = keyId === undefined ? keys[0] : keys.find((x) => x.id === keyId);
    return k?.publicKey;
  };
}

/**
 * Verifies an untrusted receipt against a trust file, offline. Never throws on hostile input.
 * Checks, in order, each failure with its own code: the shape; the network and origin against
 * the trust file; the transaction and its id; its signatures; the checkpoint's signatures (a
 * quorum of the trust file's validators); the inclusion of the entry in the checkpoint's log;
 * that the entry's block is not after the checkpoint.
 *
 * did:web signatures are checked with the member keys in the trust file, i.e. at its
 * `atHeight`: a transaction signed with a key rotated out since then needs an older file.
 */
export async function verifyReceipt(
  x: unknown,
  keys: ConsortiumKeys,
  backend: SignatureBackend,
): Promise<Result<ReceiptFacts, ReceiptError>> {
  const t = readTrust(keys);
  if (!t.ok) return t;
  const trust = t.value;

  // 1. Shape.
  const shape = readShape(x);
  if (!shape.ok) return shape;
  const r = shape.value;

  // 2. For the ledger the user trusts: receipt, checkpoint body (unverified yet: a note for
  // another log is not evidence for this one, however well signed) and, below, the transaction.
  if (r.network !== trust.keys.network) {
    return fail('RECEIPT_WRONG_NETWORK', `receipt is for network ${r.network}`);
  }
  if (r.origin !== trust.keys.origin) {
    return fail('RECEIPT_WRONG_NETWORK', 'receipt is for another log origin');
  }
  const note = parseNote(r.checkpoint);
  if (note.ok) {
    const body = parseCheckpoint(note.value.text);
    if (body.ok && body.value.origin !== trust.keys.origin) {
      return fail('RECEIPT_WRONG_NETWORK', 'the checkpoint is for another log origin');
    }
  }

  // 3. The transaction is well-formed and is the one the receipt names.
  const prepared = prepareTx(r.entry.tx);
  if (!prepared.ok) {
    return fail('RECEIPT_TX_MISMATCH', `${prepared.code}: ${prepared.detail ?? ''}`);
  }
  const p = prepared.value;
  if (p.id !== r.txId) return fail('RECEIPT_TX_MISMATCH', 'txId is not the transaction’s id');
  if (p.tx.body.network !== trust.keys.network) {
    return fail('RECEIPT_WRONG_NETWORK', 'the transaction is for another network');
  }

  // 4. Its signatures.
  const sigs = await verifyTxSignatures(p, trustResolver(trust), backend);
  if (!sigs.ok) {
    return sigs.code === 'TX_SIGNER_UNKNOWN'
      ? fail('RECEIPT_SIGNER_UNKNOWN', sigs.detail)
      : fail('RECEIPT_TX_SIGNATURE_INVALID', sigs.detail);
  }

  // 5. The checkpoint. Asked with quorum 1, verifyCheckpoint's NO_QUORUM can only mean that no
  // trusted key signed; the real quorum is counted here.
  const validatorCount = trust.validators.length;
  const quorum = quorumFor(validatorCount);
  const cp = await verifyCheckpoint(
    r.checkpoint,
    { origin: trust.keys.origin, validators: trust.validators, quorum: 1 },
    backend,
  );
  if (!cp.ok) {
    switch (cp.code) {
      case 'CHECKPOINT_NO_QUORUM': {
        const count = note.ok ? note.value.signatures.length : 0;
        return fail(
          'RECEIPT_UNTRUSTED_SIGNERS',
          `signed by ${count} key(s), none of them a validator in the keys file`,
        );
      }
      case 'CHECKPOINT_WRONG_ORIGIN':
        return fail('RECEIPT_WRONG_NETWORK', cp.detail);
      case 'CHECKPOINT_BAD_POLICY':
        return fail('KEYS_MALFORMED', cp.detail);
      default:
        return fail('RECEIPT_CHECKPOINT_INVALID', `${cp.code}: ${cp.detail ?? ''}`);
    }
  }
  const { checkpoint, signers } = cp.value;
  if (signers.length < quorum) {
    return fail(
      'RECEIPT_NO_QUORUM',
      `${signers.length} of ${validatorCount} validators signed; ${quorum} needed`,
    );
  }

  // 6. The entry is in the log the checkpoint commits to.
  if (r.logSize !== checkpoint.logSize) {
    return fail('RECEIPT_NOT_INCLUDED', 'the proof is for another log size than the checkpoint’s');
  }
  const leaf = leafHash(utf8(logEntryText(r.entry.height, r.entry.timeMs, p.canonicalTx)));
  const included = verifyInclusion(leaf, r.logIndex, r.logSize, r.proof, checkpoint.logRoot);
  if (!included.ok) return fail('RECEIPT_NOT_INCLUDED', included.code);

  // 7. A log cannot hold a block from after its own checkpoint.
  if (r.entry.height > checkpoint.height) {
    return fail('RECEIPT_INCONSISTENT', 'the entry’s block is higher than the checkpoint’s');
  }
  if (r.entry.timeMs > checkpoint.timeMs) {
    return fail('RECEIPT_INCONSISTENT', 'the entry’s block time is after the checkpoint’s');
  }

  const body = p.tx.body;
  const facts: ReceiptFacts = {
    network: body.network,
    origin: checkpoint.origin,
    txId: p.id,
    type: body.type,
    sender: body.sender,
    seq: body.seq,
    claimedTimeMs: body.timeMs,
    blockTimeMs: r.entry.timeMs,
    height: r.entry.height,
    logIndex: r.logIndex,
    ...(body.geo === undefined ? {} : { geo: body.geo }),
    payload: body.payload,
    checkpoint: {
      height: checkpoint.height,
      logSize: checkpoint.logSize,
      timeMs: checkpoint.timeMs,
      signers,
      quorum,
      validatorCount,
    },
  };
  return { ok: true, value: facts };
}

// ---- words for people ----------------------------------------------------------------------

const DESCRIPTIONS: Record<ReceiptError, { readonly en: string; readonly cy: string }> = {
  KEYS_MALFORMED: {
    en: 'The keys file is not a valid Cadwyn consortium keys file.',
    cy: 'Nid yw’r ffeil allweddi yn ffeil allweddi consortiwm Cadwyn ddilys.',
  },
  RECEIPT_MALFORMED: {
    en: 'This file is not a Cadwyn receipt, or it is damaged.',
    cy: 'Nid derbynneb Cadwyn yw’r ffeil hon, neu mae wedi’i difrodi.',
  },
  RECEIPT_WRONG_NETWORK: {
    en: 'This receipt is for a different ledger from the one your keys file describes.',
    cy: 'Mae’r dderbynneb hon ar gyfer cyfriflyfr gwahanol i’r un a ddisgrifir yn eich ffeil allweddi.',
  },
  RECEIPT_TX_MISMATCH: {
    en: 'The transaction in this receipt is not valid, or is not the transaction the receipt names.',
    cy: 'Nid yw’r trafodiad yn y dderbynneb hon yn ddilys, neu nid dyma’r trafodiad y mae’r dderbynneb yn ei enwi.',
  },
  RECEIPT_TX_SIGNATURE_INVALID: {
    en: 'The transaction’s signatures do not check out: it may have been altered after it was signed.',
    cy: 'Nid yw llofnodion y trafodiad yn ddilys: efallai iddo gael ei newid ar ôl ei lofnodi.',
  },
  RECEIPT_SIGNER_UNKNOWN: {
    en: 'The transaction is signed by someone whose key is not in your keys file.',
    cy: 'Mae’r trafodiad wedi’i lofnodi gan rywun nad yw ei allwedd yn eich ffeil allweddi.',
  },
  RECEIPT_UNTRUSTED_SIGNERS: {
    en: 'The checkpoint is signed, but by no validator in your keys file: nobody you trust vouches for this receipt.',
    cy: 'Mae’r pwynt gwirio wedi’i lofnodi, ond nid gan unrhyw ddilyswr yn eich ffeil allweddi: nid oes neb yr ydych yn ymddiried ynddo yn gwarantu’r dderbynneb hon.',
  },
  RECEIPT_NO_QUORUM: {
    en: 'Too few of the validators you trust signed the checkpoint: more than two thirds of them must vouch for it.',
    cy: 'Rhy ychydig o’r dilyswyr yr ydych yn ymddiried ynddynt a lofnododd y pwynt gwirio: rhaid i fwy na dwy ran o dair ohonynt ei warantu.',
  },
  RECEIPT_CHECKPOINT_INVALID: {
    en: 'The checkpoint in this receipt is damaged, or one of its signatures does not check out.',
    cy: 'Mae’r pwynt gwirio yn y dderbynneb hon wedi’i ddifrodi, neu nid yw un o’i lofnodion yn ddilys.',
  },
  RECEIPT_NOT_INCLUDED: {
    en: 'The proof does not show this transaction in the log at the checkpoint: the receipt has been altered, or does not belong with this checkpoint.',
    cy: 'Nid yw’r prawf yn dangos y trafodiad hwn yn y cofnod ar adeg y pwynt gwirio: mae’r dderbynneb wedi’i newid, neu nid yw’n perthyn i’r pwynt gwirio hwn.',
  },
  RECEIPT_INCONSISTENT: {
    en: 'The receipt contradicts itself: the transaction’s block comes after the checkpoint that is meant to include it.',
    cy: 'Mae’r dderbynneb yn gwrth-ddweud ei hun: daw bloc y trafodiad ar ôl y pwynt gwirio sydd i fod i’w gynnwys.',
  },
};

/** One plain-language sentence, in English and Welsh, for each reason a receipt can fail. */
export function describeReceiptError(code: ReceiptError): { en: string; cy: string } {
  const d = DESCRIPTIONS[code] as { en: string; cy: string } | undefined;
  if (!d) throw new TypeError(`unknown receipt error ${String(code)}`);
  return { en: d.en, cy: d.cy };
}
