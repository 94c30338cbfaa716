// Cadwyn checkpoints: a C2SP tlog-checkpoint body (c2sp.org/tlog-checkpoint) with four Cadwyn
// extension lines, signed as a C2SP note by the proposing validator (type 0x01) and cosigned by
// the others with cosignature/v1 (type 0x04, c2sp.org/tlog-cosignature). A block is final once
// more than 2/3 of the validators have signed the same checkpoint (DESIGN.md: finality).
//
//   <origin>
//   <log size>
//   <base64 log root>
//   height <block height>
//   block <base64 block hash>
//   state <base64 state root>
//   time <block time, ms since epoch>
//   snapshot <base64 state commitment>      (only every `snapshotEvery` blocks, decision 0009)
//
// Cosigners are asked to make no statement about extension lines unless their operator says
// so; a Cadwyn validator does (tlog-cosignature "additional statements"): its cosignature vouches
// for the height, block hash, state root and time as well. Ed25519 cosignatures cover them.
import { fromBase64, toBase64, toHex } from './bytes.js';
import type { PrivateKey, PublicKey, SignatureBackend } from './crypto.js';
import { HASH_LENGTH } from './hash.js';
import type { NoteVerifier } from './note.js';
import {
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  addNoteSignatures,
  isValidKeyName,
  isValidNoteText,
  noteVerifier,
  openNote,
  parseNote,
  signNote,
} from './note.js';
import type { Result } from './result.js';
import { fail } from './result.js';

export interface Checkpoint {
  /** The log's identity, e.g. "cadwyn.gwent.example/ledger". */
  readonly origin: string;
  /** Number of leaves in the Merkle log. */
  readonly logSize: number;
  /** RFC 6962/9162 root of the log at logSize (32 bytes). */
  readonly logRoot: Uint8Array;
  readonly height: number;
  readonly blockHash: Uint8Array;
  readonly stateRoot: Uint8Array;
  /** Block time (the proposer's clock), ms since the epoch. */
  readonly timeMs: number;
  /** Merkle root over the whole state after this block (decision 0009 "Snapshots"), if due. */
  readonly snapshotRoot?: Uint8Array;
}

export type CheckpointCode =
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_WRONG_ORIGIN'
  | 'CHECKPOINT_BAD_SIGNATURE'
  | 'CHECKPOINT_NO_QUORUM'
  | 'CHECKPOINT_BAD_POLICY';

export interface CheckpointSigner {
  readonly name: string;
  readonly privateKey: PrivateKey;
}

export interface CheckpointValidator {
  readonly name: string;
  readonly publicKey: PublicKey;
}

export interface CheckpointPolicy {
  readonly origin: string;
  readonly validators: readonly CheckpointValidator[];
  readonly quorum: number;
}

export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** Validators with a valid signature or cosignature, each once, in note order. */
  readonly signers: readonly string[];
}

// Reserved for Cadwyn's own signature domains (domain.ts): a checkpoint signed with a node key
// must never read as "cadwyn/v1/<domain>\n…", the input of some other Cadwyn signature.
const RESERVED_ORIGIN_PREFIX = 'cadwyn/v1/';

function isValidOrigin(origin: string): boolean {
  // One line of valid note text: no newline, no other ASCII controls, well-formed UTF-16.
  return (
    origin.length > 0 &&
    !origin.includes('\n') &&
    isValidNoteText(origin + '\n') &&
    !origin.startsWith(RESERVED_ORIGIN_PREFIX)
  );
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: Uint8Array): boolean {
  return h instanceof Uint8Array && h.length === HASH_LENGTH;
}

// ASCII decimal without leading zeros; at most 16 digits, then checked against 2^53-1.
const DECIMAL_RE = /^(?:0|[1-9][0-9]{0,15})$/;

function parseCount(s: string): number | undefined {
  if (!DECIMAL_RE.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

function parseHash(s: string): Uint8Array | undefined {
  const h = fromBase64(s);
  return h !== undefined && h.length === HASH_LENGTH ? h : undefined;
}

/** The checkpoint body (the note text). Throws TypeError on an invalid checkpoint (caller bug). */
export function formatCheckpoint(cp: Checkpoint): string {
  if (!isValidOrigin(cp.origin)) throw new TypeError('invalid checkpoint origin');
  if (!isCount(cp.logSize)) throw new TypeError('invalid log size');
  if (!isHash(cp.logRoot)) throw new TypeError('log root must be 32 bytes');
  if (!isCount(cp.height)) throw new TypeError('invalid height');
  if (!isHash(cp.blockHash)) throw new TypeError('block hash must be 32 bytes');
  if (!isHash(cp.stateRoot)) throw new TypeError('state root must be 32 bytes');
  if (!isCount(cp.timeMs)) throw new TypeError('invalid block time');
  if (cp.snapshotRoot !== undefined && !isHash(cp.snapshotRoot)) {
    throw new TypeError('snapshot root must be 32 bytes');
  }
  return (
    `${cp.origin}\n${cp.logSize}\n${toBase64(cp.logRoot)}\n` +
    `height ${cp.height}\nblock ${toBase64(cp.blockHash)}\n` +
    `state ${toBase64(cp.stateRoot)}\ntime ${cp.timeMs}\n` +
    (cp.snapshotRoot ? `snapshot ${toBase64(cp.snapshotRoot)}\n` : '')
  );
}

/**
 * Parses a checkpoint body strictly: exactly the lines formatCheckpoint writes — seven, or eight
 * when the block carries a state commitment. Verifiers that do not use the commitment ignore it.
 */
export function parseCheckpoint(text: string): Result<Checkpoint, 'CHECKPOINT_MALFORMED'> {
  if (typeof text !== 'string' || !text.endsWith('\n')) {
    return fail('CHECKPOINT_MALFORMED', 'body must end in newline');
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 7 && lines.length !== 8)
    return fail('CHECKPOINT_MALFORMED', `expected 7 lines, got ${lines.length}`);
  const [origin, size, root, heightLine, blockLine, stateLine, timeLine, snapshotLine] = lines;
  if (!isValidOrigin(origin)) return fail('CHECKPOINT_MALFORMED', 'invalid origin');
  const logSize = parseCount(size);
  if (logSize === undefined) return fail('CHECKPOINT_MALFORMED', 'invalid tree size');
  const logRoot = parseHash(root);
  if (!logRoot) return fail('CHECKPOINT_MALFORMED', 'invalid root hash');
  const height = heightLine.startsWith('height ') ? parseCount(heightLine.slice(7)) : undefined;
  if (height === undefined) return fail('CHECKPOINT_MALFORMED', 'invalid height line');
  const blockHash = blockLine.startsWith('block ') ? parseHash(blockLine.slice(6)) : undefined;
  if (!blockHash) return fail('CHECKPOINT_MALFORMED', 'invalid block line');
  const stateRoot = stateLine.startsWith('state ') ? parseHash(stateLine.slice(6)) : undefined;
  if (!stateRoot) return fail('CHECKPOINT_MALFORMED', 'invalid state line');
  const timeMs = timeLine.startsWith('time ') ? parseCount(timeLine.slice(5)) : undefined;
  if (timeMs === undefined) return fail('CHECKPOINT_MALFORMED', 'invalid time line');
  const cp = { origin, logSize, logRoot, height, blockHash, stateRoot, timeMs };
  if (snapshotLine === undefined) return { ok: true, value: cp };
  const snapshotRoot = snapshotLine.startsWith('snapshot ')
    ? parseHash(snapshotLine.slice(9))
    : undefined;
  if (!snapshotRoot) return fail('CHECKPOINT_MALFORMED', 'invalid snapshot line');
  return { ok: true, value: { ...cp, snapshotRoot } };
}

/** The proposer's signed checkpoint: a note with one Ed25519 (type 0x01) signature. */
export async function signCheckpoint(
  cp: Checkpoint,
  signer: CheckpointSigner,
  backend: SignatureBackend,
): Promise<string> {
  const { name, privateKey } = signer;
  return signNote(formatCheckpoint(cp), [{ name, privateKey, type: SIG_TYPE_ED25519 }], backend);
}

/**
 * Adds a validator's cosignature/v1 line (time in POSIX seconds) to a signed checkpoint, which
 * must parse as a Cadwyn checkpoint. Existing signatures are kept as they are and not checked
 * here (verify the note first); an earlier cosignature by the same key is replaced.
 */
export async function cosignCheckpoint(
  noteText: string | Uint8Array,
  cosigner: CheckpointSigner,
  timeSec: number,
  backend: SignatureBackend,
): Promise<Result<string, 'CHECKPOINT_MALFORMED'>> {
  const parsed = parseNote(noteText);
  if (!parsed.ok) return fail('CHECKPOINT_MALFORMED', `${parsed.code}: ${parsed.detail ?? ''}`);
  const body = parseCheckpoint(parsed.value.text);
  if (!body.ok) return body;
  const { name, privateKey } = cosigner;
  const out = await addNoteSignatures(
    noteText,
    [{ name, privateKey, type: SIG_TYPE_COSIGNATURE_V1, timeSec }],
    backend,
  );
  return out.ok ? out : fail('CHECKPOINT_MALFORMED', `${out.code}: ${out.detail ?? ''}`);
}

/** The smallest number of validators that is strictly more than 2/3 of n. */
export function quorumFor(validatorCount: number): number {
  if (!isCount(validatorCount)) throw new RangeError('validator count must be an integer >= 0');
  return Math.floor((2 * validatorCount) / 3) + 1;
}

function policyVerifiers(
  policy: CheckpointPolicy,
): Result<NoteVerifier[], 'CHECKPOINT_BAD_POLICY'> {
  if (typeof policy.origin !== 'string' || !isValidOrigin(policy.origin)) {
    return fail('CHECKPOINT_BAD_POLICY', 'invalid origin');
  }
  const keyOwner = new Map<string, string>();
  const verifiers: NoteVerifier[] = [];
  for (const v of policy.validators) {
    if (!isValidKeyName(v.name)) return fail('CHECKPOINT_BAD_POLICY', 'invalid validator name');
    if (v.publicKey.alg !== 'Ed25519' || v.publicKey.bytes.length !== 32) {
      return fail('CHECKPOINT_BAD_POLICY', `${v.name}: validators sign with Ed25519`);
    }
    const hex = toHex(v.publicKey.bytes);
    const owner = keyOwner.get(hex);
    if (owner === v.name) continue; // the same entry twice
    // One key under two names would let one body count twice towards the quorum.
    if (owner !== undefined)
      return fail('CHECKPOINT_BAD_POLICY', `${owner} and ${v.name} share a key`);
    keyOwner.set(hex, v.name);
    verifiers.push(noteVerifier(v.name, v.publicKey, SIG_TYPE_ED25519));
    verifiers.push(noteVerifier(v.name, v.publicKey, SIG_TYPE_COSIGNATURE_V1));
  }
  const names = new Set(keyOwner.values()).size;
  if (!Number.isSafeInteger(policy.quorum) || policy.quorum < 1 || policy.quorum > names) {
    return fail('CHECKPOINT_BAD_POLICY', `quorum ${policy.quorum} with ${names} validators`);
  }
  return { ok: true, value: verifiers };
}

/**
 * Verifies a signed checkpoint against the validator set: well-formed, the expected origin, and
 * valid note signatures or cosignatures from at least `quorum` distinct validators. Signatures
 * by keys outside the set are ignored; a failing signature by a validator's key rejects the
 * note (as the signed-note spec says).
 */
export async function verifyCheckpoint(
  noteText: string | Uint8Array,
  policy: CheckpointPolicy,
  backend: SignatureBackend,
): Promise<Result<VerifiedCheckpoint, CheckpointCode>> {
  const verifiers = policyVerifiers(policy);
  if (!verifiers.ok) return verifiers;
  // Syntax and origin first: no signature work for a note that cannot be for us.
  const parsed = parseNote(noteText);
  if (!parsed.ok) return fail('CHECKPOINT_MALFORMED', `${parsed.code}: ${parsed.detail ?? ''}`);
  const body = parseCheckpoint(parsed.value.text);
  if (!body.ok) return body;
  if (body.value.origin !== policy.origin) {
    return fail('CHECKPOINT_WRONG_ORIGIN', `expected ${policy.origin}`);
  }
  const validatorCount = new Set(verifiers.value.map((v) => v.name)).size;
  const opened = await openNote(noteText, verifiers.value, backend);
  if (!opened.ok) {
    switch (opened.code) {
      case 'NOTE_UNVERIFIED':
        return fail(
          'CHECKPOINT_NO_QUORUM',
          `0 of ${validatorCount} validators signed; quorum is ${policy.quorum}`,
        );
      case 'NOTE_BAD_SIGNATURE':
        return fail('CHECKPOINT_BAD_SIGNATURE', opened.detail);
      case 'NOTE_AMBIGUOUS_KEY':
      case 'NOTE_BAD_VERIFIER':
        return fail('CHECKPOINT_BAD_POLICY', opened.detail);
      default:
        return fail('CHECKPOINT_MALFORMED', `${opened.code}: ${opened.detail ?? ''}`);
    }
  }
  const signers = [...new Set(opened.value.verified.map((s) => s.name))];
  if (signers.length < policy.quorum) {
    return fail(
      'CHECKPOINT_NO_QUORUM',
      `${signers.length} of ${validatorCount} validators signed; quorum is ${policy.quorum}`,
    );
  }
  return { ok: true, value: { checkpoint: body.value, signers } };
}
