// C2SP signed notes (c2sp.org/signed-note), wire-compatible with golang.org/x/mod/sumdb/note:
// Ed25519 note signatures (type 0x01) and timestamped Ed25519 cosignatures (type 0x04,
// c2sp.org/tlog-cosignature "cosignature/v1"). Checkpoints (./checkpoint.ts) are notes.
import { concatBytes, fromBase64, toBase64, utf8 } from './bytes.js';
import type { PrivateKey, PublicKey, SignatureBackend } from './crypto.js';
import { sha256 } from './hash.js';
import type { Result } from './result.js';
import { fail } from './result.js';

/** Signature type 0x01: Ed25519 over the note text (c2sp.org/signed-note). */
export const SIG_TYPE_ED25519 = 0x01;
/** Signature type 0x04: timestamped Ed25519 cosignature/v1 (c2sp.org/tlog-cosignature). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
export type NoteSignatureType = typeof SIG_TYPE_ED25519 | typeof SIG_TYPE_COSIGNATURE_V1;

/** The spec asks verifiers to accept at least 16; Go's sumdb/note stops at 100, and so do we. */
export const MAX_NOTE_SIGNATURES = 100;

export type NoteCode =
  | 'NOTE_MALFORMED'
  | 'NOTE_TOO_MANY_SIGNATURES'
  | 'NOTE_BAD_SIGNATURE'
  | 'NOTE_UNVERIFIED'
  | 'NOTE_AMBIGUOUS_KEY'
  | 'NOTE_BAD_VERIFIER';

export type NoteKeyCode = 'NOTE_KEY_MALFORMED' | 'NOTE_KEY_UNSUPPORTED' | 'NOTE_KEY_ID_MISMATCH';

/** A trusted key: signatures are matched to it by (name, keyId), then checked with publicKey. */
export interface NoteVerifier {
  readonly name: string;
  /** uint32, normally noteKeyId(name, type, publicKey.bytes). */
  readonly keyId: number;
  readonly type: NoteSignatureType;
  readonly publicKey: PublicKey;
}

/**
 * Who signs: an Ed25519 seed under a key name. Plain note signature (type 0x01) by default;
 * a cosignature/v1 (type 0x04) carries the POSIX time (seconds) it attests to.
 */
export type NoteSigner =
  | {
      readonly name: string;
      readonly privateKey: PrivateKey;
      readonly type?: typeof SIG_TYPE_ED25519;
    }
  | {
      readonly name: string;
      readonly privateKey: PrivateKey;
      readonly type: typeof SIG_TYPE_COSIGNATURE_V1;
      readonly timeSec: number;
    };

/** A signature line, parsed but not verified. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The base64 exactly as on the line: keyId (4 bytes) || signature. */
  readonly base64: string;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
}

export interface VerifiedNoteSignature extends NoteSignature {
  readonly type: NoteSignatureType;
  /** The time a cosignature attests to (type 0x04 only), POSIX seconds. */
  readonly timeSec?: number;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures by known keys, all verified; repeats by one key listed once. */
  readonly verified: readonly VerifiedNoteSignature[];
  /** Signatures by unknown keys: kept (to pass on) but carry no weight. */
  readonly unverified: readonly NoteSignature[];
}

const SIG_PREFIX = '\u2014 '; // em dash, space
const COSIGNATURE_V1_HEADER = 'cosignature/v1\n';
const MAX_TIMESTAMP = BigInt(Number.MAX_SAFE_INTEGER);

// ---- names and text ------------------------------------------------------------------------

const WHITE_SPACE_RE = /\p{White_Space}/u; // Go's unicode.IsSpace is exactly this property

/** Spec-invalid text: ASCII controls other than newline, or lone surrogates (not UTF-8). */
function hasInvalidChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1); // NaN past the end
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** Key names: non-empty, no Unicode spaces, no '+' (and, since notes forbid them, no controls). */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 && !name.includes('+') && !WHITE_SPACE_RE.test(name) && !hasInvalidChar(name)
  );
}

/** Whether text can be the text of a signed note: ends in newline, no forbidden characters. */
export function isValidNoteText(text: string): boolean {
  return text.endsWith('\n') && !hasInvalidChar(text);
}

// ---- key IDs and key encodings -------------------------------------------------------------

/** key ID = SHA-256(name || 0x0A || type || public key)[:4], as a big-endian uint32. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, type), publicKey));
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function keyIdBytes(keyId: number): Uint8Array {
  return Uint8Array.of(keyId >>> 24, (keyId >>> 16) & 255, (keyId >>> 8) & 255, keyId & 255);
}

function isSignatureType(t: number): t is NoteSignatureType {
  return t === SIG_TYPE_ED25519 || t === SIG_TYPE_COSIGNATURE_V1;
}

function isEd25519Key(k: { readonly alg: string; readonly bytes: Uint8Array }): boolean {
  return k.alg === 'Ed25519' && k.bytes instanceof Uint8Array && k.bytes.length === 32;
}

/** A verifier for an Ed25519 public key; throws TypeError on a bad name or key (caller bug). */
export function noteVerifier(
  name: string,
  publicKey: PublicKey,
  type: NoteSignatureType = SIG_TYPE_ED25519,
): NoteVerifier {
  if (!isValidKeyName(name)) throw new TypeError('invalid note key name');
  if (!isEd25519Key(publicKey)) throw new TypeError('note keys are 32-byte Ed25519 keys');
  if (!isSignatureType(type)) throw new TypeError('unsupported note signature type');
  return { name, keyId: noteKeyId(name, type, publicKey.bytes), type, publicKey };
}

/** The vkey text: name+hex8(keyID)+base64(type || public key). */
export function formatVerifierKey(verifier: NoteVerifier): string {
  return `${verifier.name}+${hex8(verifier.keyId)}+${toBase64(concatBytes(Uint8Array.of(verifier.type), verifier.publicKey.bytes))}`;
}

const HEX8_RE = /^[0-9a-fA-F]{8}$/; // Go parses the ID with strconv.ParseUint(_, 16, 32)

/** Splits name+hex8+base64; the base64 may itself contain '+', the name and hex8 cannot. */
function splitKey(
  text: string,
): Result<{ name: string; keyId: number; type: NoteSignatureType; key: Uint8Array }, NoteKeyCode> {
  const a = text.indexOf('+');
  const b = a < 0 ? -1 : text.indexOf('+', a + 1);
  if (b < 0) return fail('NOTE_KEY_MALFORMED', 'expected name+keyid+key');
  const name = text.slice(0, a);
  const idHex = text.slice(a + 1, b);
  const raw = fromBase64(text.slice(b + 1));
  if (!isValidKeyName(name)) return fail('NOTE_KEY_MALFORMED', 'invalid key name');
  if (!HEX8_RE.test(idHex)) return fail('NOTE_KEY_MALFORMED', 'key ID must be 8 hex digits');
  if (raw === undefined || raw.length < 1) return fail('NOTE_KEY_MALFORMED', 'invalid base64');
  const type = raw[0];
  if (!isSignatureType(type)) return fail('NOTE_KEY_UNSUPPORTED', `signature type ${type}`);
  const key = raw.subarray(1);
  if (key.length !== 32) return fail('NOTE_KEY_MALFORMED', 'Ed25519 keys are 32 bytes');
  return { ok: true, value: { name, keyId: parseInt(idHex, 16), type, key } };
}

/** Parses a vkey (type 0x01, or 0x04 for cosigners); the key ID must match the key. */
export function parseVerifierKey(text: string): Result<NoteVerifier, NoteKeyCode> {
  const parts = splitKey(text);
  if (!parts.ok) return parts;
  const { name, keyId, type, key } = parts.value;
  if (keyId !== noteKeyId(name, type, key)) return fail('NOTE_KEY_ID_MISMATCH');
  return {
    ok: true,
    value: { name, keyId, type, publicKey: { alg: 'Ed25519', bytes: key.slice() } },
  };
}

export interface ParsedSignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: NoteSignatureType;
  readonly privateKey: PrivateKey;
  readonly publicKey: PublicKey;
}

const PRIVATE_PREFIX = 'PRIVATE+KEY+';

/** Parses PRIVATE+KEY+name+hex8+base64(type || seed); the key ID must match the derived key. */
export async function parseSignerKey(
  text: string,
  backend: SignatureBackend,
): Promise<Result<ParsedSignerKey, NoteKeyCode>> {
  if (!text.startsWith(PRIVATE_PREFIX)) return fail('NOTE_KEY_MALFORMED', 'expected PRIVATE+KEY+');
  const parts = splitKey(text.slice(PRIVATE_PREFIX.length));
  if (!parts.ok) return parts;
  const { name, keyId, type, key } = parts.value;
  const privateKey: PrivateKey = { alg: 'Ed25519', bytes: key.slice() };
  const publicKey = await backend.publicKeyOf(privateKey);
  // The ID names the public key, which only exists once derived from the seed.
  if (keyId !== noteKeyId(name, type, publicKey.bytes)) return fail('NOTE_KEY_ID_MISMATCH');
  return { ok: true, value: { name, keyId, type, privateKey, publicKey } };
}

/** The signer key text: PRIVATE+KEY+name+hex8(keyID)+base64(type || seed). Secret. */
export async function formatSignerKey(
  name: string,
  privateKey: PrivateKey,
  backend: SignatureBackend,
  type: NoteSignatureType = SIG_TYPE_ED25519,
): Promise<string> {
  if (!isEd25519Key(privateKey)) throw new TypeError('note keys are 32-byte Ed25519 seeds');
  const v = noteVerifier(name, await backend.publicKeyOf(privateKey), type);
  return `${PRIVATE_PREFIX}${name}+${hex8(v.keyId)}+${toBase64(concatBytes(Uint8Array.of(type), privateKey.bytes))}`;
}

// ---- parsing -------------------------------------------------------------------------------

// Not bytes.ts's fromUtf8: that strips a leading BOM, and the signed bytes must be exactly these.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeNote(note: string | Uint8Array): string | undefined {
  if (typeof note === 'string') return note;
  try {
    return strictDecoder.decode(note);
  } catch {
    return undefined;
  }
}

/**
 * Parses a signed note's syntax without checking any signature. Every rule of the spec is
 * enforced; hostile input gets a code, never an exception.
 */
export function parseNote(
  note: string | Uint8Array,
): Result<ParsedNote, 'NOTE_MALFORMED' | 'NOTE_TOO_MANY_SIGNATURES'> {
  const s = decodeNote(note);
  if (s === undefined) return fail('NOTE_MALFORMED', 'not UTF-8');
  if (hasInvalidChar(s)) return fail('NOTE_MALFORMED', 'control character or invalid UTF-8');
  // The text ends at the last blank line: signature lines never contain "\n\n".
  const split = s.lastIndexOf('\n\n');
  if (split < 0) return fail('NOTE_MALFORMED', 'no blank line before signatures');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block === '') return fail('NOTE_MALFORMED', 'no signatures');
  if (!block.endsWith('\n')) return fail('NOTE_MALFORMED', 'signature block must end in newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    return fail('NOTE_TOO_MANY_SIGNATURES', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX))
      return fail('NOTE_MALFORMED', 'signature line without em dash');
    const rest = line.slice(SIG_PREFIX.length);
    const sp = rest.indexOf(' ');
    if (sp < 0) return fail('NOTE_MALFORMED', 'signature line without signature');
    const name = rest.slice(0, sp);
    const base64 = rest.slice(sp + 1);
    if (!isValidKeyName(name)) return fail('NOTE_MALFORMED', 'invalid key name');
    const raw = fromBase64(base64);
    if (raw === undefined || raw.length < 5) return fail('NOTE_MALFORMED', 'invalid signature');
    const keyId = ((raw[0] << 24) | (raw[1] << 16) | (raw[2] << 8) | raw[3]) >>> 0;
    signatures.push({ name, keyId, base64, signature: raw.slice(4) });
  }
  return { ok: true, value: { text, signatures } };
}

// ---- signing -------------------------------------------------------------------------------

function cosignatureV1Message(timeSec: bigint | number, text: Uint8Array): Uint8Array {
  return concatBytes(utf8(`${COSIGNATURE_V1_HEADER}time ${timeSec}\n`), text);
}

function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

async function signLine(
  signer: NoteSigner,
  text: Uint8Array,
  backend: SignatureBackend,
): Promise<{ name: string; keyId: number; line: string }> {
  if (!isEd25519Key(signer.privateKey)) throw new TypeError('note keys are 32-byte Ed25519 seeds');
  const type = signer.type ?? SIG_TYPE_ED25519;
  const { keyId } = noteVerifier(signer.name, await backend.publicKeyOf(signer.privateKey), type);
  let sig: Uint8Array;
  if (signer.type === SIG_TYPE_COSIGNATURE_V1) {
    const t = signer.timeSec;
    if (!Number.isSafeInteger(t) || t < 0) throw new TypeError('cosignature time must be >= 0');
    // timestamped_signature: u64 big-endian timestamp || Ed25519 signature.
    const ed = await backend.sign(signer.privateKey, cosignatureV1Message(t, text));
    sig = concatBytes(u64be(t), ed);
  } else {
    sig = await backend.sign(signer.privateKey, text);
  }
  const line = `${SIG_PREFIX}${signer.name} ${toBase64(concatBytes(keyIdBytes(keyId), sig))}\n`;
  return { name: signer.name, keyId, line };
}

/**
 * Signs text (which must end in newline and be valid note text) and returns the signed note.
 * Bad text, names or keys are caller bugs and throw TypeError.
 */
export async function signNote(
  text: string,
  signers: readonly NoteSigner[],
  backend: SignatureBackend,
): Promise<string> {
  if (!isValidNoteText(text)) throw new TypeError('note text must end in newline, no controls');
  if (signers.length === 0) throw new TypeError('a signed note needs at least one signer');
  if (signers.length > MAX_NOTE_SIGNATURES) throw new TypeError('too many note signers');
  const bytes = utf8(text);
  const lines = await Promise.all(signers.map((s) => signLine(s, bytes, backend)));
  return `${text}\n${lines.map((l) => l.line).join('')}`;
}

/**
 * Adds signatures to an existing signed note (whose signatures are not checked here). As in
 * Go's note.Sign, existing lines come first, and a new signature replaces any line with the
 * same (name, key ID).
 */
export async function addNoteSignatures(
  note: string | Uint8Array,
  signers: readonly NoteSigner[],
  backend: SignatureBackend,
): Promise<Result<string, 'NOTE_MALFORMED' | 'NOTE_TOO_MANY_SIGNATURES'>> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const { text, signatures } = parsed.value;
  const bytes = utf8(text);
  const added = await Promise.all(signers.map((s) => signLine(s, bytes, backend)));
  const replaced = new Set(added.map((a) => `${a.keyId} ${a.name}`));
  const kept = signatures.filter((s) => !replaced.has(`${s.keyId} ${s.name}`));
  if (kept.length + added.length > MAX_NOTE_SIGNATURES) {
    return fail('NOTE_TOO_MANY_SIGNATURES', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const keptLines = kept.map((s) => `${SIG_PREFIX}${s.name} ${s.base64}\n`).join('');
  return { ok: true, value: `${text}\n${keptLines}${added.map((a) => a.line).join('')}` };
}

/**
 * One note carrying every signature of `notes`, which must all sign the same text (e.g. the
 * cosignatures of one checkpoint gathered from each validator). Signatures are not checked here;
 * a repeated (name, key ID) is kept once.
 */
export function mergeNoteSignatures(
  notes: readonly (string | Uint8Array)[],
): Result<string, 'NOTE_MALFORMED' | 'NOTE_TOO_MANY_SIGNATURES'> {
  if (notes.length === 0) return fail('NOTE_MALFORMED', 'no notes to merge');
  let text: string | undefined;
  const lines = new Map<string, string>();
  for (const n of notes) {
    const parsed = parseNote(n);
    if (!parsed.ok) return parsed;
    if (text === undefined) text = parsed.value.text;
    else if (parsed.value.text !== text) return fail('NOTE_MALFORMED', 'notes sign different text');
    for (const s of parsed.value.signatures) {
      const key = `${s.keyId} ${s.name}`;
      if (!lines.has(key)) lines.set(key, `${SIG_PREFIX}${s.name} ${s.base64}\n`);
    }
  }
  if (lines.size > MAX_NOTE_SIGNATURES) {
    return fail('NOTE_TOO_MANY_SIGNATURES', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  return { ok: true, value: `${text ?? ''}\n${[...lines.values()].join('')}` };
}

/**
 * Checks, synchronously, that `note` carries a valid cosignature/v1 by (name, publicKey) and
 * returns the signed text and time — for deterministic code (the ledger) that verifies with a
 * synchronous Ed25519 function. Hostile input gives undefined, never a throw.
 */
export function cosignedText(
  note: string,
  name: string,
  publicKey: PublicKey,
  verify: (publicKey: PublicKey, message: Uint8Array, signature: Uint8Array) => boolean,
): { readonly text: string; readonly timeSec: number } | undefined {
  const parsed = parseNote(note);
  if (!parsed.ok || !isValidKeyName(name) || !isEd25519Key(publicKey)) return undefined;
  const keyId = noteKeyId(name, SIG_TYPE_COSIGNATURE_V1, publicKey.bytes);
  const text = utf8(parsed.value.text);
  for (const s of parsed.value.signatures) {
    if (s.name !== name || s.keyId !== keyId || s.signature.length !== 8 + 64) continue;
    const t = new DataView(s.signature.buffer, s.signature.byteOffset, 8).getBigUint64(0);
    if (t > MAX_TIMESTAMP) continue;
    if (verify(publicKey, cosignatureV1Message(t, text), s.signature.subarray(8))) {
      return { text: parsed.value.text, timeSec: Number(t) };
    }
  }
  return undefined;
}

// ---- verifying -----------------------------------------------------------------------------

async function verifyOne(
  v: NoteVerifier,
  text: Uint8Array,
  sig: Uint8Array,
  backend: SignatureBackend,
): Promise<{ ok: boolean; timeSec?: number }> {
  if (v.type === SIG_TYPE_ED25519) return { ok: await backend.verify(v.publicKey, text, sig) };
  if (sig.length !== 8 + 64) return { ok: false };
  const t = new DataView(sig.buffer, sig.byteOffset, 8).getBigUint64(0);
  // The spec caps timestamps at 2^63-1 and lets verifiers refuse future ones; past 2^53 (year
  // ~285,000) is refused so the time stays an exact JS number.
  if (t > MAX_TIMESTAMP) return { ok: false };
  const ok = await backend.verify(v.publicKey, cosignatureV1Message(t, text), sig.subarray(8));
  return ok ? { ok, timeSec: Number(t) } : { ok };
}

function validVerifier(v: NoteVerifier): boolean {
  return (
    isValidKeyName(v.name) &&
    Number.isInteger(v.keyId) &&
    v.keyId >= 0 &&
    v.keyId <= 0xffffffff &&
    isSignatureType(v.type) &&
    isEd25519Key(v.publicKey)
  );
}

/**
 * Opens a signed note: parses it, then verifies every signature whose (name, key ID) is a known
 * verifier. Per the spec, unknown keys are ignored (even sharing a name or an ID with a known
 * one), a known key's failing signature rejects the whole note, and a note with no verified
 * signature is rejected.
 */
export async function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  backend: SignatureBackend,
): Promise<Result<OpenedNote, NoteCode>> {
  const byId = new Map<string, NoteVerifier[]>();
  for (const v of verifiers) {
    if (!validVerifier(v)) return fail('NOTE_BAD_VERIFIER', `verifier ${String(v.name)}`);
    const k = `${v.keyId} ${v.name}`; // names have no spaces, so this key is unambiguous
    const list = byId.get(k);
    if (list) list.push(v);
    else byId.set(k, [v]);
  }
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const { text, signatures } = parsed.value;
  const bytes = utf8(text);

  const known: { sig: NoteSignature; v: NoteVerifier }[] = [];
  const unverified: NoteSignature[] = [];
  const seenUnknown = new Set<string>();
  for (const sig of signatures) {
    const list = byId.get(`${sig.keyId} ${sig.name}`);
    if (!list) {
      if (!seenUnknown.has(sig.base64 + ' ' + sig.name)) unverified.push(sig);
      seenUnknown.add(sig.base64 + ' ' + sig.name);
      continue;
    }
    if (list.length > 1) {
      return fail('NOTE_AMBIGUOUS_KEY', `${sig.name}+${hex8(sig.keyId)} names several keys`);
    }
    known.push({ sig, v: list[0] });
  }

  // Every known key's signature is checked (the spec's MUST), repeats included.
  const checks = await Promise.all(
    known.map((k) => verifyOne(k.v, bytes, k.sig.signature, backend)),
  );
  const verified: VerifiedNoteSignature[] = [];
  const seenKnown = new Set<string>();
  for (let i = 0; i < known.length; i++) {
    const { sig, v } = known[i];
    const check = checks[i];
    if (!check.ok) return fail('NOTE_BAD_SIGNATURE', `${sig.name}+${hex8(sig.keyId)}`);
    const k = `${sig.keyId} ${sig.name}`;
    if (seenKnown.has(k)) continue;
    seenKnown.add(k);
    verified.push(
      check.timeSec === undefined
        ? { ...sig, type: v.type }
        : { ...sig, type: v.type, timeSec: check.timeSec },
    );
  }
  if (verified.length === 0) return fail('NOTE_UNVERIFIED', 'no signature from a known key');
  return { ok: true, value: { text, verified, unverified } };
}
