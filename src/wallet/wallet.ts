// The citizen's wallet (decision 0006): pairwise P-256 keys named by did:key, one per service;
// consent transactions signed by them; challenge proofs for "who used my data"; credentials,
// receipts and a history cache. Everything lives in the injected storage under `prefix`,
// encrypted under a data key that the passphrase unlocks (seal.ts).
//
// Records, by name (stored under prefix + an opaque slot, see RecordCipher):
//   key/<did>             {v, did, service, alg, d}: a pairwise key and the service it is for
//                         (a body's DID, or a credential issuer's URL: see oid4vci.ts)
//   credential/<id>       a CredentialRecord
//   receipt/<txId>        {txId, receipt}
//   history               the last history answer, as the node gave it
//   status/<id>           {id, status, checkedMs, listIssuedMs}: the last status check of a
//                         credential, so the cards can show it offline (status.ts)
// and, at prefix + 'meta', the data key sealed under the passphrase (a SealedBox, JSON).
//
// The protocols (OID4VCI, OID4VP, consents, history) live in oid4vci.ts, oid4vp.ts and
// citizen.ts; the methods here hand them this wallet's keys and store.
import { signTxAsync } from '../core/async-sign.js';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../core/bytes.js';
import { isDid } from '../core/did.js';
import { signingInput } from '../core/domain.js';
import type { Geo } from '../core/geo.js';
import { parseGeo } from '../core/geo.js';
import { HEX_DIGEST_RE } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import { canonicalBytes, canonicalJson } from '../core/jcs.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { SignedTx, TxBody, TxShapeError } from '../core/tx.js';
import { prepareTx } from '../core/tx.js';
import type { JwsSigner } from '../identity/signer.js';
import { signerFromCryptoKey } from '../identity/signer.js';
import type { Bilingual } from '../identity/types.js';
import type {
  HistoryAnswer,
  HistoryError,
  HistoryOptions,
  LedgerTxError,
  LedgerTxOptions,
  LedgerTxOutcome,
} from './citizen.js';
import { fetchHistory, receiptOf, sendTx } from './citizen.js';
import { WalletError } from './errors.js';
import type { WalletKey } from './keys.js';
import { generateScalar, importSigningKey, isValidScalar, publicJwk, signEs256 } from './keys.js';
import type { NetOptions } from './net.js';
import { isWebUrl } from './net.js';
import type { ReceiveOfferError, ReceiveOfferOptions } from './oid4vci.js';
import { receiveOffer } from './oid4vci.js';
import type {
  OpenRequestError,
  OpenRequestOptions,
  PresentationRequest,
  RespondError,
  RespondOptions,
  RespondOutcome,
} from './oid4vp.js';
import { declineRequest, openRequest, respond } from './oid4vp.js';
import type { Random } from './random.js';
import type { CredentialStatus, CredentialStatusError, CredentialStatusOptions } from './status.js';
import { checkCredentialStatus, statusReferenceOf } from './status.js';
import { platformRandom, randomBytes } from './random.js';
import type { PlainRecord, ScryptParams } from './seal.js';
import { DEFAULT_SCRYPT, RecordCipher, recordKind, seal, unseal } from './seal.js';
import type { WalletStorage } from './storage.js';

export const DEFAULT_PREFIX = 'cadwyn-wallet/';

const META = 'meta';
const KEY = 'key/';
const CREDENTIAL = 'credential/';
const RECEIPT = 'receipt/';
const HISTORY = 'history';
const STATUS = 'status/';
const DATA_KEY_LENGTH = 32;

export interface Pseudonym {
  /**
   * The service this pseudonym is used toward: a body's DID, or the URL of a credential issuer
   * (the key its credentials are bound to).
   */
  readonly service: string;
  /** The pairwise did:key. */
  readonly did: string;
}

export interface CredentialRecord {
  readonly id: string;
  readonly vct: string;
  readonly issuer: string;
  /** The SD-JWT VC as received, with all its disclosures. */
  readonly sdJwt: string;
  readonly receivedMs: number;
  /** The pairwise DID the credential is bound to (its `cnf`). */
  readonly holderDid: string;
  /** The type's display name (type metadata), for the wallet's cards. */
  readonly typeName?: Bilingual;
  /** The issuing body's name, from the ledger. */
  readonly issuerName?: Bilingual;
  /** The OID4VCI credential issuer URL it came from. */
  readonly credentialIssuer?: string;
}

export interface StoredReceipt {
  readonly txId: string;
  readonly receipt: Json;
}

export interface ControlProof {
  readonly did: string;
  /** base64url ES256 over signingInput('challenge', canonical {challenge, did, aud}). */
  readonly sig: string;
}

export interface ConsentPurpose {
  readonly code: string;
  readonly en: string;
  readonly cy: string;
}

export interface ConsentGrantInput {
  /** The body that holds the data; the transaction is sent by the pseudonym toward it. */
  readonly holder: string;
  readonly requester: string;
  readonly purpose: ConsentPurpose;
  readonly categories: readonly string[];
  readonly lawfulBasis: string;
  /** ms since the epoch. */
  readonly expiresMs: number;
  /** An ONS area code only: a citizen's transaction never carries coordinates. */
  readonly geo?: Geo;
}

export interface ConsentWithdrawInput {
  /** The grant's transaction id. */
  readonly consentId: string;
  /** The holder the grant was made toward: picks the pseudonym that must send the withdrawal. */
  readonly holder: string;
  readonly geo?: Geo;
}

/** What the ledger needs besides the payload; the node tells the wallet the next `seq`. */
export interface TxContext {
  readonly network: string;
  readonly seq: number;
  readonly timeMs: number;
}

export type WalletTxError = 'WALLET_TX_INVALID' | 'WALLET_GEO_NOT_AREA' | TxShapeError;

export type WalletCreateError = 'WALLET_EXISTS';
export type WalletOpenError = 'WALLET_NOT_FOUND' | 'WALLET_WRONG_PASSPHRASE' | 'WALLET_CORRUPT';
export type WalletRestoreError =
  'WALLET_EXISTS' | 'WALLET_BACKUP_INVALID' | 'WALLET_WRONG_PASSPHRASE';

interface Where {
  readonly storage: WalletStorage;
  /**
   * Storage key prefix, so one store can hold several wallets; one wallet's prefix must not
   * start another's. Default DEFAULT_PREFIX.
   */
  readonly prefix?: string;
  /** Default: the platform CSPRNG. */
  readonly random?: Random;
}

export interface WalletCreateOptions extends Where {
  readonly passphrase: string;
  /** Default DEFAULT_SCRYPT. */
  readonly kdf?: ScryptParams;
}

export type WalletOpenOptions = Where & { readonly passphrase: string };

export interface WalletRestoreOptions extends Where {
  /** The JSON text exportBackup gave. */
  readonly backup: string;
  /** The backup's passphrase; the restored wallet is locked with it too. */
  readonly passphrase: string;
  /** For the restored wallet's lock. Default DEFAULT_SCRYPT. */
  readonly kdf?: ScryptParams;
}

interface KeyRecord {
  readonly v: 1;
  readonly did: string;
  readonly service: string;
  readonly alg: 'ES256';
  /** base64url of the 32-byte scalar. */
  readonly d: string;
}

/** Everything an unlocked wallet holds in memory; dropped by lock(). */
interface Session {
  readonly cipher: RecordCipher;
  readonly keys: Map<string, WalletKey>;
  readonly byService: Map<string, string>;
  /** didFor calls in flight, so two concurrent first uses of a service make one key. */
  readonly creating: Map<string, Promise<string>>;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function nonEmpty(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

function isBilingualName(x: unknown): x is Bilingual {
  return isPlainObject(x) && typeof x.en === 'string' && typeof x.cy === 'string';
}

/** A credential issuer identifier (OID4VCI §12.2.1): a URL with no query or fragment. */
function isIssuerUrl(x: unknown): x is string {
  return isWebUrl(x) && !x.includes('?') && !x.includes('#');
}

/** What a pseudonym may be toward: a body's DID or a credential issuer's URL. */
function isService(x: unknown): x is string {
  return isDid(x) || isIssuerUrl(x);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A key record's content, checked: the scalar is valid and is the key of the DID it claims. */
async function loadKeyRecord(name: string, x: unknown): Promise<WalletKey | undefined> {
  if (!isPlainObject(x) || x.v !== 1 || x.alg !== 'ES256' || !isService(x.service)) {
    return undefined;
  }
  if (typeof x.did !== 'string' || name !== KEY + x.did || typeof x.d !== 'string') {
    return undefined;
  }
  const scalar = fromBase64Url(x.d);
  if (scalar === undefined || !isValidScalar(scalar)) return undefined;
  const key = await importSigningKey(scalar);
  scalar.fill(0);
  return key.did === x.did ? key : undefined;
}

function isCredentialRecord(x: unknown): x is CredentialRecord {
  return (
    isPlainObject(x) &&
    nonEmpty(x.id) &&
    nonEmpty(x.vct) &&
    nonEmpty(x.issuer) &&
    nonEmpty(x.sdJwt) &&
    Number.isSafeInteger(x.receivedMs) &&
    nonEmpty(x.holderDid) &&
    (x.typeName === undefined || isBilingualName(x.typeName)) &&
    (x.issuerName === undefined || isBilingualName(x.issuerName)) &&
    (x.credentialIssuer === undefined || nonEmpty(x.credentialIssuer))
  );
}

/** A kept status check: the credential's id with what the check said. */
export interface StoredStatus extends CredentialStatus {
  readonly id: string;
}

function isStoredStatus(x: unknown): x is StoredStatus {
  return (
    isPlainObject(x) &&
    nonEmpty(x.id) &&
    (x.status === 'valid' || x.status === 'revoked' || x.status === 'suspended') &&
    Number.isSafeInteger(x.checkedMs) &&
    Number.isSafeInteger(x.listIssuedMs)
  );
}

function isStoredReceipt(x: unknown): x is StoredReceipt {
  return isPlainObject(x) && typeof x.txId === 'string' && HEX_DIGEST_RE.test(x.txId);
}

/**
 * The checks restore makes on the record kinds it knows (key records have their own); records
 * of other kinds, from a newer wallet, pass through unchanged.
 */
function recordLooksRight(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  switch (recordKind(name)) {
    case undefined:
      return false;
    case 'credential':
      return isCredentialRecord(value) && name === CREDENTIAL + value.id;
    case 'receipt':
      return isStoredReceipt(value) && name === RECEIPT + value.txId;
    case 'history':
      return name === HISTORY;
    case 'status':
      return isStoredStatus(value) && name === STATUS + value.id;
    default:
      return true;
  }
}

/** A citizen's geo-stamp: an ONS area, never coordinates. */
function citizenGeo(geo: unknown): Result<Geo | undefined, WalletTxError> {
  if (geo === undefined) return { ok: true, value: undefined };
  if (isPlainObject(geo) && ('lat' in geo || 'lon' in geo)) {
    return fail(
      'WALLET_GEO_NOT_AREA',
      'a citizen transaction carries an area code, never coordinates',
    );
  }
  const parsed = parseGeo(geo);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value };
}

export class Wallet {
  readonly #storage: WalletStorage;
  readonly #prefix: string;
  readonly #random: Random;
  #session: Session | undefined;

  private constructor(storage: WalletStorage, prefix: string, random: Random, session: Session) {
    this.#storage = storage;
    this.#prefix = prefix;
    this.#random = random;
    this.#session = session;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** True when storage holds a wallet under the prefix. */
  static async exists(storage: WalletStorage, prefix = DEFAULT_PREFIX): Promise<boolean> {
    return (await storage.get(prefix + META)) !== undefined;
  }

  /** A new, empty wallet, unlocked. */
  static async create(opts: WalletCreateOptions): Promise<Result<Wallet, WalletCreateError>> {
    const { storage, prefix = DEFAULT_PREFIX, random = platformRandom } = opts;
    if (await Wallet.exists(storage, prefix)) return fail('WALLET_EXISTS');
    await Wallet.#clearOrphans(storage, prefix);
    const cipher = await Wallet.#writeMeta(storage, prefix, opts.passphrase, opts.kdf, random);
    return { ok: true, value: new Wallet(storage, prefix, random, Wallet.#newSession(cipher)) };
  }

  /** Unlocks the wallet in storage. */
  static async open(opts: WalletOpenOptions): Promise<Result<Wallet, WalletOpenError>> {
    const { storage, prefix = DEFAULT_PREFIX, random = platformRandom } = opts;
    const meta = await storage.get(prefix + META);
    if (meta === undefined) return fail('WALLET_NOT_FOUND');
    const dataKey = await unseal(opts.passphrase, parseJson(meta), 'wallet-key');
    if (!dataKey.ok) {
      return dataKey.code === 'WRONG_PASSPHRASE'
        ? fail('WALLET_WRONG_PASSPHRASE')
        : fail('WALLET_CORRUPT', 'the wallet key record is damaged');
    }
    if (dataKey.value.length !== DATA_KEY_LENGTH) return fail('WALLET_CORRUPT', 'bad data key');
    const cipher = await RecordCipher.fromBytes(dataKey.value, random);
    dataKey.value.fill(0);
    const keys: WalletKey[] = [];
    const services: string[] = [];
    for (const full of await storage.keys(prefix + KEY)) {
      const slot = full.slice(prefix.length);
      const stored = await storage.get(full);
      const plain = stored === undefined ? undefined : await cipher.decrypt(slot, stored);
      const record = parseJson(plain?.text);
      const key = plain && (await loadKeyRecord(plain.name, record));
      if (!key) return fail('WALLET_CORRUPT', `unreadable record ${slot}`);
      keys.push(key);
      services.push((record as KeyRecord).service);
    }
    const session = Wallet.#newSession(cipher);
    for (const [i, key] of keys.entries()) {
      if (session.byService.has(services[i])) {
        return fail('WALLET_CORRUPT', 'two keys for one service');
      }
      session.keys.set(key.did, key);
      session.byService.set(services[i], key.did);
    }
    return { ok: true, value: new Wallet(storage, prefix, random, session) };
  }

  /** Restores a backup (exportBackup) into storage that holds no wallet yet, unlocked. */
  static async restore(opts: WalletRestoreOptions): Promise<Result<Wallet, WalletRestoreError>> {
    const { storage, prefix = DEFAULT_PREFIX, random = platformRandom } = opts;
    if (await Wallet.exists(storage, prefix)) return fail('WALLET_EXISTS');
    const invalid = (detail: string) => fail('WALLET_BACKUP_INVALID' as const, detail);
    if (typeof opts.backup !== 'string') return invalid('a backup is JSON text');
    const opened = await unseal(opts.passphrase, parseJson(opts.backup), 'wallet-backup');
    if (!opened.ok) {
      return opened.code === 'WRONG_PASSPHRASE'
        ? fail('WALLET_WRONG_PASSPHRASE')
        : invalid('not a wallet backup, or altered');
    }
    // Authenticated, so written by a wallet; still checked, as that wallet may have been buggy.
    const content = parseJson(fromUtf8(opened.value));
    if (!isPlainObject(content) || content.v !== 1 || !isPlainObject(content.records)) {
      return invalid('unknown backup content');
    }
    const records = new Map<string, string>();
    const keys: [string, WalletKey][] = [];
    const services = new Set<string>();
    for (const [name, text] of Object.entries(content.records)) {
      if (typeof text !== 'string') return invalid(`bad record ${name}`);
      const parsed = parseJson(text);
      if (recordKind(name) === 'key') {
        const key = await loadKeyRecord(name, parsed);
        const service = (parsed as KeyRecord | undefined)?.service;
        if (key === undefined || service === undefined || services.has(service)) {
          return invalid(`bad key record ${name}`);
        }
        services.add(service);
        keys.push([service, key]);
      } else if (!recordLooksRight(name, parsed)) {
        return invalid(`bad record ${name}`);
      }
      records.set(name, text);
    }
    await Wallet.#clearOrphans(storage, prefix);
    const dataKey = randomBytes(random, DATA_KEY_LENGTH);
    const cipher = await RecordCipher.fromBytes(dataKey, random);
    // Records first, meta last: a restore cut short leaves no wallet, only orphans that the
    // next create or restore clears.
    for (const [name, text] of records) {
      const { slot, stored } = await cipher.encrypt({ name, text });
      await storage.put(prefix + slot, stored);
    }
    await Wallet.#putMeta(storage, prefix, opts.passphrase, dataKey, opts.kdf, random);
    dataKey.fill(0);
    const session = Wallet.#newSession(cipher);
    for (const [service, key] of keys) {
      session.keys.set(key.did, key);
      session.byService.set(service, key.did);
    }
    return { ok: true, value: new Wallet(storage, prefix, random, session) };
  }

  static #newSession(cipher: RecordCipher): Session {
    return { cipher, keys: new Map(), byService: new Map(), creating: new Map() };
  }

  /** Records under the prefix without a meta record cannot be read by anyone: remove them. */
  static async #clearOrphans(storage: WalletStorage, prefix: string): Promise<void> {
    for (const k of await storage.keys(prefix)) await storage.delete(k);
  }

  static async #putMeta(
    storage: WalletStorage,
    prefix: string,
    passphrase: string,
    dataKey: Uint8Array,
    kdf: ScryptParams | undefined,
    random: Random,
  ): Promise<void> {
    const box = await seal(passphrase, dataKey, 'wallet-key', kdf ?? DEFAULT_SCRYPT, random);
    await storage.put(prefix + META, canonicalJson(box));
  }

  static async #writeMeta(
    storage: WalletStorage,
    prefix: string,
    passphrase: string,
    kdf: ScryptParams | undefined,
    random: Random,
  ): Promise<RecordCipher> {
    const dataKey = randomBytes(random, DATA_KEY_LENGTH);
    const cipher = await RecordCipher.fromBytes(dataKey, random);
    await Wallet.#putMeta(storage, prefix, passphrase, dataKey, kdf, random);
    dataKey.fill(0);
    return cipher;
  }

  get locked(): boolean {
    return this.#session === undefined;
  }

  /**
   * Forgets the data key and every signing key. This handle is then unusable (WALLET_LOCKED);
   * Wallet.open with the passphrase gives a new one.
   */
  lock(): void {
    this.#session = undefined;
  }

  #unlocked(): Session {
    if (this.#session === undefined) throw new WalletError('WALLET_LOCKED', 'the wallet is locked');
    return this.#session;
  }

  /**
   * Sets a new passphrase, and optionally new scrypt costs (raising them as devices get faster).
   * Asks for the current passphrase: an unlocked phone left on a table is not enough. Only the
   * data key is re-encrypted, in one write, so a crash leaves the old passphrase or the new one.
   */
  async changePassphrase(
    current: string,
    next: string,
    kdf: ScryptParams = DEFAULT_SCRYPT,
  ): Promise<Result<void, 'WALLET_WRONG_PASSPHRASE' | 'WALLET_CORRUPT'>> {
    this.#unlocked();
    const meta = await this.#storage.get(this.#prefix + META);
    const dataKey = await unseal(current, parseJson(meta), 'wallet-key');
    if (!dataKey.ok) {
      return dataKey.code === 'WRONG_PASSPHRASE'
        ? fail('WALLET_WRONG_PASSPHRASE')
        : fail('WALLET_CORRUPT', 'the wallet key record is damaged');
    }
    await Wallet.#putMeta(this.#storage, this.#prefix, next, dataKey.value, kdf, this.#random);
    dataKey.value.fill(0);
    return { ok: true, value: undefined };
  }

  // ---- keys and pseudonyms ----------------------------------------------------------------

  /** The pairwise DID toward `service`, made on first use; never the same for two services. */
  async didFor(service: string): Promise<string> {
    if (!isDid(service)) throw new TypeError('a service is named by its DID');
    return this.#pseudonymFor(service);
  }

  /**
   * The pairwise DID toward an OID4VCI credential issuer (its `credential_issuer` URL, compared
   * exactly), made on first use: the key issued credentials are bound to. See oid4vci.ts for why
   * this is not the issuing body's DID.
   */
  async didForIssuer(credentialIssuer: string): Promise<string> {
    if (!isIssuerUrl(credentialIssuer)) {
      throw new TypeError('a credential issuer is an https URL without query or fragment');
    }
    return this.#pseudonymFor(credentialIssuer);
  }

  async #pseudonymFor(service: string): Promise<string> {
    const session = this.#unlocked();
    const known = session.byService.get(service);
    if (known !== undefined) return known;
    const inFlight = session.creating.get(service);
    if (inFlight !== undefined) return inFlight;
    const making = this.#newPseudonym(session, service).finally(() =>
      session.creating.delete(service),
    );
    session.creating.set(service, making);
    return making;
  }

  async #newPseudonym(session: Session, service: string): Promise<string> {
    const scalar = generateScalar(this.#random);
    const key = await importSigningKey(scalar);
    const record: KeyRecord = { v: 1, did: key.did, service, alg: 'ES256', d: toBase64Url(scalar) };
    scalar.fill(0);
    // Stored before it is used: a consent signed by a key the wallet then lost would be orphaned.
    const { slot, stored } = await session.cipher.encrypt({
      name: KEY + key.did,
      text: canonicalJson(record),
    });
    await this.#storage.put(this.#prefix + slot, stored);
    session.keys.set(key.did, key);
    session.byService.set(service, key.did);
    return key.did;
  }

  /** Every pseudonym, by service. */
  pseudonyms(): Pseudonym[] {
    const session = this.#unlocked();
    return [...session.byService]
      .map(([service, did]) => ({ service, did }))
      .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  }

  /**
   * The non-extractable CryptoKey of one of this wallet's DIDs, for libraries that sign with a
   * CryptoKey (JOSE). Undefined for a DID the wallet does not hold.
   */
  signingKey(did: string): CryptoKey | undefined {
    return this.#unlocked().keys.get(did)?.cryptoKey;
  }

  /**
   * ES256 over `message` (SHA-256 applied inside, as JWS ES256 and core's backends mean it):
   * 64 bytes r||s. Throws for a DID the wallet does not hold.
   */
  /**
   * A JWS signer (ES256, with its public JWK) for one of this wallet's DIDs: key-binding JWTs,
   * proofs of possession. Throws for a DID the wallet does not hold.
   */
  holderSigner(did: string): JwsSigner {
    const key = this.#unlocked().keys.get(did);
    if (key === undefined) throw new TypeError('not a DID of this wallet');
    return signerFromCryptoKey(key.cryptoKey, publicJwk(key.publicKey) as JsonWebKey);
  }

  async sign(did: string, message: Uint8Array): Promise<Uint8Array> {
    const key = this.#unlocked().keys.get(did);
    if (key === undefined) throw new TypeError('not a DID of this wallet');
    return signEs256(key, message);
  }

  /**
   * Proves control of every pseudonym for a history request: one signature per DID, domain
   * 'challenge', over the canonical {challenge, did, aud}.
   */
  async proveControl(challenge: string, aud: string): Promise<ControlProof[]> {
    if (!nonEmpty(challenge) || !nonEmpty(aud)) {
      throw new TypeError('challenge and aud are non-empty strings');
    }
    const proofs: ControlProof[] = [];
    for (const { did } of this.pseudonyms()) {
      const message = signingInput('challenge', canonicalBytes({ challenge, did, aud }));
      proofs.push({ did, sig: toBase64Url(await this.sign(did, message)) });
    }
    return proofs;
  }

  // ---- ledger transactions ----------------------------------------------------------------

  /** A signed `consent.grant`, sent by the pseudonym toward the holder (made if new). */
  async consentGrant(
    input: ConsentGrantInput,
    ctx: TxContext,
  ): Promise<Result<SignedTx, WalletTxError>> {
    const invalid = (detail: string) => fail('WALLET_TX_INVALID' as const, detail);
    const { holder, requester, purpose, categories, lawfulBasis, expiresMs } = input;
    if (!isDid(holder) || !isDid(requester)) return invalid('holder and requester are DIDs');
    if (
      !isPlainObject(purpose) ||
      !nonEmpty(purpose.code) ||
      !nonEmpty(purpose.en) ||
      !nonEmpty(purpose.cy)
    ) {
      return invalid('purpose is {code, en, cy}, all non-empty');
    }
    if (
      !Array.isArray(categories) ||
      categories.length === 0 ||
      !categories.every(nonEmpty) ||
      new Set(categories).size !== categories.length
    ) {
      return invalid('categories are distinct non-empty strings, at least one');
    }
    if (!nonEmpty(lawfulBasis)) return invalid('lawfulBasis is a non-empty string');
    if (!Number.isSafeInteger(expiresMs) || expiresMs <= ctx.timeMs) {
      return invalid('expiresMs is a time after timeMs');
    }
    // Copied field by field: nothing the caller's objects carry besides these reaches the ledger.
    const payload = {
      holder,
      requester,
      purpose: { code: purpose.code, en: purpose.en, cy: purpose.cy },
      categories: [...categories],
      lawfulBasis,
      expiresMs,
    };
    return this.#signedTx('consent.grant', holder, payload, input.geo, ctx);
  }

  /** A signed `consent.withdraw`, sent by the same pseudonym that granted it. */
  async consentWithdraw(
    input: ConsentWithdrawInput,
    ctx: TxContext,
  ): Promise<Result<SignedTx, WalletTxError>> {
    const { consentId, holder } = input;
    if (typeof consentId !== 'string' || !HEX_DIGEST_RE.test(consentId)) {
      return fail('WALLET_TX_INVALID', 'consentId is a transaction id (64 hex)');
    }
    if (!isDid(holder)) return fail('WALLET_TX_INVALID', 'holder is a DID');
    return this.#signedTx('consent.withdraw', holder, { consentId }, input.geo, ctx);
  }

  async #signedTx(
    type: string,
    holder: string,
    payload: { readonly [key: string]: Json },
    geo: unknown,
    ctx: TxContext,
  ): Promise<Result<SignedTx, WalletTxError>> {
    const stamp = citizenGeo(geo);
    if (!stamp.ok) return stamp;
    const sender = await this.didFor(holder);
    const key = this.#unlocked().keys.get(sender) as WalletKey;
    const body: TxBody = {
      v: 1,
      network: ctx.network,
      type,
      sender,
      seq: ctx.seq,
      timeMs: ctx.timeMs,
      ...(stamp.value === undefined ? {} : { geo: stamp.value }),
      payload,
    };
    const tx = await signTxAsync(body, [
      { did: sender, alg: 'ES256', sign: (message) => signEs256(key, message) },
    ]);
    // The node runs the same check: refusing here gives the caller the reason without a round trip.
    const prepared = prepareTx(tx);
    if (!prepared.ok) return prepared;
    return { ok: true, value: tx };
  }

  // ---- credentials, receipts, history ----------------------------------------------------

  async storeCredential(record: CredentialRecord): Promise<void> {
    if (!isCredentialRecord(record)) throw new TypeError('not a credential record');
    const { id, vct, issuer, sdJwt, receivedMs, holderDid } = record;
    const { typeName, issuerName, credentialIssuer } = record;
    await this.#put(CREDENTIAL + id, {
      id,
      vct,
      issuer,
      sdJwt,
      receivedMs,
      holderDid,
      ...(typeName ? { typeName: { en: typeName.en, cy: typeName.cy } } : {}),
      ...(issuerName ? { issuerName: { en: issuerName.en, cy: issuerName.cy } } : {}),
      ...(credentialIssuer === undefined ? {} : { credentialIssuer }),
    });
  }

  async credentials(): Promise<CredentialRecord[]> {
    const all = await this.#getAll(CREDENTIAL);
    return all.map(([name, x]) => {
      if (!isCredentialRecord(x) || name !== CREDENTIAL + x.id) {
        throw new WalletError('WALLET_CORRUPT', `bad record ${name}`);
      }
      return x;
    });
  }

  /** Removes a credential; false when there was none with that id. */
  async removeCredential(id: string): Promise<boolean> {
    const session = this.#unlocked();
    const full = this.#prefix + (await session.cipher.slot(CREDENTIAL + id));
    if ((await this.#storage.get(full)) === undefined) return false;
    await this.#storage.delete(full);
    await this.#storage.delete(this.#prefix + (await session.cipher.slot(STATUS + id)));
    return true;
  }

  /**
   * Whether a credential is still valid, as its issuer says now: fetches the issuer's whole
   * status list (never a question about this one credential), checks it is signed by the
   * issuer's key on the ledger and is the version the ledger anchors, and reads the
   * credential's entry. A successful check is kept (lastStatuses) for offline use; a failed
   * one leaves the last kept answer alone.
   */
  async credentialStatus(
    credential: string | CredentialRecord,
    opts: CredentialStatusOptions = {},
  ): Promise<Result<CredentialStatus, CredentialStatusError>> {
    const session = this.#unlocked();
    let record: CredentialRecord | undefined;
    if (typeof credential === 'string') {
      const slot = await session.cipher.slot(CREDENTIAL + credential);
      const stored = await this.#storage.get(this.#prefix + slot);
      const x = stored === undefined ? undefined : (await this.#decode(session, slot, stored))[1];
      record = isCredentialRecord(x) ? x : undefined;
    } else {
      record = isCredentialRecord(credential) ? credential : undefined;
    }
    if (record === undefined) return fail('CREDENTIAL_NOT_FOUND');
    const ref = statusReferenceOf(record.sdJwt);
    if (ref === undefined || ref.issuer !== record.issuer) return fail('CREDENTIAL_MALFORMED');
    const r = await checkCredentialStatus(ref, opts);
    if (r.ok) {
      const { status, checkedMs, listIssuedMs } = r.value;
      await this.#put(STATUS + record.id, { id: record.id, status, checkedMs, listIssuedMs });
    }
    return r;
  }

  /** The last successful status check of each credential, by credential id. */
  async lastStatuses(): Promise<Map<string, StoredStatus>> {
    const out = new Map<string, StoredStatus>();
    for (const [name, x] of await this.#getAll(STATUS)) {
      // A damaged cache entry is only a missing "last checked": not worth refusing the wallet.
      if (isStoredStatus(x) && name === STATUS + x.id) out.set(x.id, x);
    }
    return out;
  }

  async storeReceipt(txId: string, receipt: Json): Promise<void> {
    if (typeof txId !== 'string' || !HEX_DIGEST_RE.test(txId)) {
      throw new TypeError('txId is 64 lower-case hex');
    }
    await this.#put(RECEIPT + txId, { txId, receipt });
  }

  async receipts(): Promise<StoredReceipt[]> {
    const all = await this.#getAll(RECEIPT);
    return all.map(([name, x]) => {
      if (!isStoredReceipt(x) || name !== RECEIPT + x.txId) {
        throw new WalletError('WALLET_CORRUPT', `bad record ${name}`);
      }
      return x;
    });
  }

  /** Keeps the last history answer, so the page can show it offline. */
  async storeHistory(history: Json): Promise<void> {
    await this.#put(HISTORY, history);
  }

  async history(): Promise<Json | undefined> {
    const session = this.#unlocked();
    const slot = await session.cipher.slot(HISTORY);
    const stored = await this.#storage.get(this.#prefix + slot);
    if (stored === undefined) return undefined;
    return (await this.#decode(session, slot, stored))[1] as Json;
  }

  // ---- protocols (network) ---------------------------------------------------------------

  /**
   * Takes a credential offered over OpenID4VCI (pre-authorised code): reads the offer (by value
   * or by reference), the issuer's metadata, redeems the code with `txCode`, proves possession
   * of the pairwise key toward the issuer, checks the credential against the issuer's key and
   * authorisation on the ledger, and keeps it. TX_CODE_REQUIRED (nothing sent) when the offer
   * needs a PIN and none was given.
   */
  async receiveOffer(
    offerUri: string,
    opts: ReceiveOfferOptions = {},
  ): Promise<Result<CredentialRecord, ReceiveOfferError>> {
    this.#unlocked();
    return receiveOffer(
      {
        didForIssuer: (issuer) => this.didForIssuer(issuer),
        holderSigner: (did) => this.holderSigner(did),
        store: (record) => this.storeCredential(record),
      },
      offerUri,
      opts,
    );
  }

  /**
   * Step one of a presentation (OpenID4VP): fetches and checks the verifier's signed request
   * and says who asks, why, and which claims of which credential would be shared. Nothing is
   * sent to the verifier until respond().
   */
  async openRequest(
    link: string,
    opts: OpenRequestOptions = {},
  ): Promise<Result<PresentationRequest, OpenRequestError>> {
    this.#unlocked();
    return openRequest(this.#presentationHolder(), link, opts);
  }

  /** Step two: presents exactly the claims openRequest listed, and posts them to the verifier. */
  async respond(
    request: PresentationRequest,
    opts: RespondOptions = {},
  ): Promise<Result<RespondOutcome, RespondError>> {
    this.#unlocked();
    return respond(this.#presentationHolder(), request, opts);
  }

  /** The citizen said no: the request is forgotten and nothing is sent. */
  decline(request: PresentationRequest): void {
    declineRequest(request);
  }

  #presentationHolder() {
    return {
      credentials: () => this.credentials(),
      holderSigner: (did: string) => this.holderSigner(did),
    };
  }

  /**
   * Grants a consent on the ledger at `nodeUrl`, sent by the pseudonym toward the holder; waits
   * for its block and keeps the receipt. The consent id is the returned txId.
   */
  async grantConsent(
    nodeUrl: string,
    input: ConsentGrantInput,
    opts: LedgerTxOptions = {},
  ): Promise<Result<LedgerTxOutcome, LedgerTxError>> {
    this.#unlocked();
    return sendTx(this, nodeUrl, input.holder, (ctx) => this.consentGrant(input, ctx), opts);
  }

  /** Withdraws a consent (same pseudonym as the grant); waits for its block, keeps the receipt. */
  async withdrawConsent(
    nodeUrl: string,
    input: ConsentWithdrawInput,
    opts: LedgerTxOptions = {},
  ): Promise<Result<LedgerTxOutcome, LedgerTxError>> {
    this.#unlocked();
    return sendTx(this, nodeUrl, input.holder, (ctx) => this.consentWithdraw(input, ctx), opts);
  }

  /** Fetches and keeps the receipt of a transaction (one that came back TX_PENDING, say). */
  async fetchReceipt(
    nodeUrl: string,
    txId: string,
    opts: NetOptions = {},
  ): Promise<Result<LedgerTxOutcome, LedgerTxError>> {
    this.#unlocked();
    return receiptOf(this, nodeUrl, txId, opts);
  }

  /**
   * "Who used my data": every pseudonym proves control of itself to the node, which answers
   * with the consents and access records about them. The JSON answer is kept as the history
   * cache; CSV is returned as text and not kept.
   */
  async fetchHistory(
    nodeUrl: string,
    opts?: HistoryOptions & { readonly format?: 'json' },
  ): Promise<Result<HistoryAnswer, HistoryError>>;
  async fetchHistory(
    nodeUrl: string,
    opts: HistoryOptions & { readonly format: 'csv' },
  ): Promise<Result<string, HistoryError>>;
  async fetchHistory(
    nodeUrl: string,
    opts: HistoryOptions = {},
  ): Promise<Result<HistoryAnswer | string, HistoryError>> {
    this.#unlocked();
    return fetchHistory(this, nodeUrl, opts);
  }

  // ---- backup -----------------------------------------------------------------------------

  /**
   * The whole wallet (every record under the prefix) as versioned JSON text, encrypted under
   * `passphrase` (which may differ from the wallet's): `{v:1, kdf:{name:'scrypt',N,r,p,salt},
   * check, iv, ciphertext}`. Restore it with Wallet.restore on another device.
   */
  async exportBackup(passphrase: string, kdf: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
    const records: Record<string, string> = {};
    for (const { name, text } of await this.#readAll()) records[name] = text;
    const plaintext = utf8(canonicalJson({ v: 1, records }));
    const box = await seal(passphrase, plaintext, 'wallet-backup', kdf, this.#random);
    return canonicalJson(box);
  }

  // ---- records ------------------------------------------------------------------------------

  async #put(name: string, value: Json): Promise<void> {
    const session = this.#unlocked();
    // canonicalJson throws for what is not JSON (undefined, lone surrogates): caller mistakes.
    const { slot, stored } = await session.cipher.encrypt({ name, text: canonicalJson(value) });
    await this.#storage.put(this.#prefix + slot, stored);
  }

  /** A stored record's name and parsed content; WALLET_CORRUPT when it does not decrypt. */
  async #decode(session: Session, slot: string, stored: string): Promise<[string, unknown]> {
    const plain = await session.cipher.decrypt(slot, stored);
    const value = parseJson(plain?.text);
    if (plain === undefined || value === undefined) {
      throw new WalletError('WALLET_CORRUPT', `unreadable record ${slot}`);
    }
    return [plain.name, value];
  }

  /** Decoded records of one kind (`credential/`), by name. */
  async #getAll(kind: string): Promise<[string, unknown][]> {
    const session = this.#unlocked();
    const out: [string, unknown][] = [];
    for (const full of await this.#storage.keys(this.#prefix + kind)) {
      const stored = await this.#storage.get(full);
      if (stored === undefined) continue; // removed meanwhile
      out.push(await this.#decode(session, full.slice(this.#prefix.length), stored));
    }
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Every record but meta, decrypted. */
  async #readAll(): Promise<PlainRecord[]> {
    const session = this.#unlocked();
    const out: PlainRecord[] = [];
    for (const full of await this.#storage.keys(this.#prefix)) {
      const slot = full.slice(this.#prefix.length);
      if (slot === META) continue;
      const stored = await this.#storage.get(full);
      if (stored === undefined) continue;
      const plain = await session.cipher.decrypt(slot, stored);
      if (plain === undefined) throw new WalletError('WALLET_CORRUPT', `unreadable record ${slot}`);
      out.push(plain);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
