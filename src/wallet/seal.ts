// Encryption at rest. Two layers:
//  - a passphrase box: scrypt(passphrase) -> AES-256-GCM key (WebCrypto), used for the wallet's
//    data key and for backups. The scrypt parameters travel with the ciphertext so they can be
//    raised later without breaking old wallets or backups.
//  - a record cipher: every stored record is AES-256-GCM under a random data key, so changing the
//    passphrase re-wraps 32 bytes instead of re-encrypting the wallet, and record names are
//    replaced by opaque slots.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import {
  concatBytes,
  equalBytes,
  fromBase64Url,
  fromUtf8,
  toBase64Url,
  utf8,
} from '../core/bytes.js';
import { canonicalJson } from '../core/jcs.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { Random } from './random.js';
import { randomBytes } from './random.js';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** ~100 ms on a laptop, a few hundred on a phone; raise with Wallet#changePassphrase. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

/**
 * What a box may ask for. The floor keeps tests fast while refusing toy costs; the ceilings stop
 * a hostile backup from asking a phone for gigabytes (scrypt needs 128·N·r bytes).
 */
export const SCRYPT_LIMITS = Object.freeze({
  logNMin: 10,
  logNMax: 20,
  rMax: 16,
  pMax: 4,
  memoryMax: 256 * 1024 * 1024,
});

export interface SealedBox {
  readonly v: 1;
  readonly kdf: {
    readonly name: 'scrypt';
    readonly N: number;
    readonly r: number;
    readonly p: number;
    /** base64url */
    readonly salt: string;
  };
  /**
   * base64url of 16 more bytes of the scrypt output. It tells a wrong passphrase apart from a
   * tampered ciphertext (AES-GCM alone fails the same way for both). It is no extra oracle: the
   * GCM tag already confirms a guessed passphrase.
   */
  readonly check: string;
  /** base64url, 12 bytes. */
  readonly iv: string;
  /** base64url, AES-GCM output (ciphertext || 16-byte tag). */
  readonly ciphertext: string;
}

/** What a box holds; the additional data differs, so one kind cannot be passed off as another. */
export type BoxPurpose = 'wallet-key' | 'wallet-backup';

export type UnsealError = 'WRONG_PASSPHRASE' | 'INVALID';

const SALT_LENGTH = 16;
const IV_LENGTH = 12;
const CHECK_LENGTH = 16;
const TAG_LENGTH = 16;
const AES_GCM = 'AES-GCM';

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

// WebCrypto's BufferSource wants ArrayBuffer-backed views; copy only when the view is not.
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

export function checkScryptParams(x: ScryptParams): boolean {
  const { N, r, p } = x;
  if (!Number.isSafeInteger(N) || !Number.isSafeInteger(r) || !Number.isSafeInteger(p)) {
    return false;
  }
  const logN = Math.log2(N);
  return (
    Number.isInteger(logN) &&
    logN >= SCRYPT_LIMITS.logNMin &&
    logN <= SCRYPT_LIMITS.logNMax &&
    r >= 1 &&
    r <= SCRYPT_LIMITS.rMax &&
    p >= 1 &&
    p <= SCRYPT_LIMITS.pMax &&
    128 * N * r <= SCRYPT_LIMITS.memoryMax
  );
}

/**
 * The same passphrase typed on two devices must give the same key: macOS keyboards can produce
 * decomposed accents (NFD) where others produce NFC, so normalise first.
 */
function passphraseBytes(passphrase: string): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new TypeError('a passphrase must be a non-empty string');
  }
  return utf8(passphrase.normalize('NFC'));
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<{ key: CryptoKey; check: Uint8Array }> {
  const out = await scryptAsync(passphraseBytes(passphrase), salt, {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: 32 + CHECK_LENGTH,
    maxmem: SCRYPT_LIMITS.memoryMax + 1024 * 1024,
  });
  const key = await subtle().importKey('raw', buf(out.slice(0, 32)), AES_GCM, false, [
    'encrypt',
    'decrypt',
  ]);
  const check = out.slice(32);
  out.fill(0);
  return { key, check };
}

function headerAad(purpose: BoxPurpose, header: Omit<SealedBox, 'iv' | 'ciphertext'>): Uint8Array {
  return utf8(`cadwyn/v1/${purpose}\n${canonicalJson(header)}`);
}

/** Encrypts `plaintext` under a key derived from `passphrase`. */
export async function seal(
  passphrase: string,
  plaintext: Uint8Array,
  purpose: BoxPurpose,
  params: ScryptParams,
  random: Random,
): Promise<SealedBox> {
  if (!checkScryptParams(params)) throw new RangeError('scrypt parameters out of range');
  const salt = randomBytes(random, SALT_LENGTH);
  const iv = randomBytes(random, IV_LENGTH);
  const { key, check } = await deriveKey(passphrase, salt, params);
  const header = {
    v: 1 as const,
    kdf: {
      name: 'scrypt' as const,
      N: params.N,
      r: params.r,
      p: params.p,
      salt: toBase64Url(salt),
    },
    check: toBase64Url(check),
  };
  const ct = await subtle().encrypt(
    { name: AES_GCM, iv: buf(iv), additionalData: buf(headerAad(purpose, header)) },
    key,
    buf(plaintext),
  );
  return { ...header, iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(ct)) };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function hasExactly(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
}

function b64(x: unknown, length?: number): Uint8Array | undefined {
  if (typeof x !== 'string') return undefined;
  const bytes = fromBase64Url(x);
  if (bytes === undefined || (length !== undefined && bytes.length !== length)) return undefined;
  return bytes;
}

/** Checks an untrusted box's shape; undefined when it is not one. */
export function parseSealedBox(x: unknown): SealedBox | undefined {
  if (!isPlainObject(x) || !hasExactly(x, ['v', 'kdf', 'check', 'iv', 'ciphertext'])) {
    return undefined;
  }
  const { v, kdf, check, iv, ciphertext } = x;
  if (v !== 1 || !isPlainObject(kdf) || !hasExactly(kdf, ['name', 'N', 'r', 'p', 'salt'])) {
    return undefined;
  }
  if (kdf.name !== 'scrypt') return undefined;
  const params = { N: kdf.N, r: kdf.r, p: kdf.p } as ScryptParams;
  if (!checkScryptParams(params)) return undefined;
  const salt = b64(kdf.salt);
  if (salt === undefined || salt.length < SALT_LENGTH || salt.length > 64) return undefined;
  if (b64(check, CHECK_LENGTH) === undefined || b64(iv, IV_LENGTH) === undefined) return undefined;
  const ct = b64(ciphertext);
  if (ct === undefined || ct.length < TAG_LENGTH) return undefined;
  return x as unknown as SealedBox;
}

/**
 * Opens an untrusted box. WRONG_PASSPHRASE when the key check fails; INVALID for anything
 * malformed or tampered with. Never throws for hostile input.
 */
export async function unseal(
  passphrase: string,
  box: unknown,
  purpose: BoxPurpose,
): Promise<Result<Uint8Array, UnsealError>> {
  const parsed = parseSealedBox(box);
  if (parsed === undefined) return fail('INVALID', 'not a sealed box');
  const { kdf, check } = parsed;
  const salt = fromBase64Url(kdf.salt) as Uint8Array;
  const derived = await deriveKey(passphrase, salt, kdf);
  // A changed salt or cost also lands here: it derives another key, indistinguishable from a
  // wrong passphrase.
  if (!equalBytes(derived.check, fromBase64Url(check) as Uint8Array)) {
    return fail('WRONG_PASSPHRASE');
  }
  const header = { v: parsed.v, kdf, check };
  try {
    const plain = await subtle().decrypt(
      {
        name: AES_GCM,
        iv: buf(fromBase64Url(parsed.iv) as Uint8Array),
        additionalData: buf(headerAad(purpose, header)),
      },
      derived.key,
      buf(fromBase64Url(parsed.ciphertext) as Uint8Array),
    );
    return { ok: true, value: new Uint8Array(plain) };
  } catch {
    return fail('INVALID', 'the ciphertext does not authenticate');
  }
}

/** A record as the wallet sees it: a logical name (`kind/...`) and its JSON text. */
export interface PlainRecord {
  readonly name: string;
  readonly text: string;
}

const NAME_RE = /^[a-z]+(?:\/[^]*)?$/;

/** The kind of a record name (`credential` for `credential/x`), or undefined for a bad name. */
export function recordKind(name: string): string | undefined {
  return typeof name === 'string' && NAME_RE.test(name) ? name.split('/', 1)[0] : undefined;
}

/**
 * AES-256-GCM for the wallet's records under its data key. Both keys derived from it live in
 * memory only as non-extractable CryptoKeys while the wallet is unlocked.
 *
 * A record's storage slot is `<kind>/<HMAC(name)>`, not its name: names carry pairwise DIDs and
 * transaction ids, which the public ledger would link to the services a citizen uses. So the
 * store shows how many records of each kind there are and nothing else. The name is inside the
 * ciphertext, and decrypt checks it maps to the slot, so a record moved to another slot (a
 * credential passed off as a key) is refused.
 */
export class RecordCipher {
  readonly #enc: CryptoKey;
  readonly #mac: CryptoKey;
  readonly #random: Random;

  private constructor(enc: CryptoKey, mac: CryptoKey, random: Random) {
    this.#enc = enc;
    this.#mac = mac;
    this.#random = random;
  }

  static async fromBytes(dataKey: Uint8Array, random: Random): Promise<RecordCipher> {
    if (dataKey.length !== 32) throw new RangeError('a data key is 32 bytes');
    const base = await subtle().importKey('raw', buf(dataKey), 'HKDF', false, ['deriveKey']);
    const hkdf = (info: string): HkdfParams => ({
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: buf(utf8(info)),
    });
    const enc = await subtle().deriveKey(
      hkdf('cadwyn/v1/wallet-record'),
      base,
      { name: AES_GCM, length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
    const mac = await subtle().deriveKey(
      hkdf('cadwyn/v1/wallet-slot'),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    );
    return new RecordCipher(enc, mac, random);
  }

  /** The storage slot of a record name. Throws for a malformed name. */
  async slot(name: string): Promise<string> {
    const kind = recordKind(name);
    if (kind === undefined) throw new TypeError('a record name is kind/...');
    const mac = await subtle().sign('HMAC', this.#mac, buf(utf8(name)));
    return `${kind}/${toBase64Url(new Uint8Array(mac))}`;
  }

  /** The slot and the value to store there. */
  async encrypt(record: PlainRecord): Promise<{ slot: string; stored: string }> {
    const slot = await this.slot(record.name);
    const iv = randomBytes(this.#random, IV_LENGTH);
    const plaintext = canonicalJson({ name: record.name, text: record.text });
    const ct = await subtle().encrypt(
      { name: AES_GCM, iv: buf(iv), additionalData: buf(recordAad(slot)) },
      this.#enc,
      buf(utf8(plaintext)),
    );
    const stored = canonicalJson({
      v: 1,
      iv: toBase64Url(iv),
      ct: toBase64Url(new Uint8Array(ct)),
    });
    return { slot, stored };
  }

  /** The record, or undefined when the stored value is malformed, altered or in another slot. */
  async decrypt(slot: string, stored: string): Promise<PlainRecord | undefined> {
    let x: unknown;
    try {
      x = JSON.parse(stored);
    } catch {
      return undefined;
    }
    if (!isPlainObject(x) || !hasExactly(x, ['v', 'iv', 'ct']) || x.v !== 1) return undefined;
    const iv = b64(x.iv, IV_LENGTH);
    const ct = b64(x.ct);
    if (iv === undefined || ct === undefined || ct.length < TAG_LENGTH) return undefined;
    let plain: unknown;
    try {
      const bytes = await subtle().decrypt(
        { name: AES_GCM, iv: buf(iv), additionalData: buf(recordAad(slot)) },
        this.#enc,
        buf(ct),
      );
      plain = JSON.parse(fromUtf8(new Uint8Array(bytes)) ?? '');
    } catch {
      return undefined;
    }
    if (!isPlainObject(plain) || typeof plain.name !== 'string' || typeof plain.text !== 'string') {
      return undefined;
    }
    if (recordKind(plain.name) === undefined || (await this.slot(plain.name)) !== slot) {
      return undefined;
    }
    return { name: plain.name, text: plain.text };
  }
}

function recordAad(slot: string): Uint8Array {
  return concatBytes(utf8('cadwyn/v1/wallet-record\n'), utf8(slot));
}
