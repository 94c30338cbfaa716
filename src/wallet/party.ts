// A party's own ledger transactions (decisions 0011, 0012): an organisation's operator or firm
// key, or a citizen's pairwise key for one property transfer, signs one step and sends it. The
// Wallet's consent transactions go through citizen.ts; this is the same path (network and next
// seq from the node, signed in WebCrypto, submitted, waited for, receipt fetched) for any
// transaction type and any did:key signer, with the block height the node answered.
import { signTxAsync } from '../core/async-sign.js';
import { didKeyFromPublicKey, isDid } from '../core/did.js';
import type { Geo } from '../core/geo.js';
import { parseGeo } from '../core/geo.js';
import type { Json } from '../core/jcs.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { SignedTx, TxBody } from '../core/tx.js';
import { prepareTx, txIdOf } from '../core/tx.js';
import type { WalletKey } from './keys.js';
import { signEs256 } from './keys.js';
import { fetchReceipt, ledgerFacts, nextSeq, SUBMIT_WAIT_MS } from './ledger.js';
import type { NetOptions } from './net.js';
import {
  fetchOf,
  isOk,
  isPlainObject,
  isWebUrl,
  joinUrl,
  nonEmpty,
  postJson,
  refusalCode,
  refusalDetail,
  REQUEST_TIMEOUT_MS,
} from './net.js';

/** Whoever signs a party's step: an ES256 did:key whose private key never leaves its holder. */
export interface PartySigner {
  readonly did: string;
  /** ES256 over `message`: 64 bytes r||s. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** One step: its type, payload and geo-stamp (an operator's premises, a citizen's area). */
export interface PartyStep {
  readonly type: string;
  readonly payload: { readonly [key: string]: Json };
  readonly geo?: Geo;
}

export interface PartyTxOptions extends NetOptions {
  /** The transaction's time, ms since the epoch; default now. */
  readonly timeMs?: number;
}

export interface PartyTxOutcome {
  readonly txId: string;
  /** The block it is in. */
  readonly height: number;
  /** The node's receipt (inclusion proof and signed checkpoint). */
  readonly receipt: Json;
}

/**
 * PARTY_STEP_INVALID (the step cannot be a transaction: bad type, geo or signer),
 * LEDGER_UNREACHABLE, TX_PENDING (detail: the id; fetch the receipt later), or the node's own
 * stable code for a refusal (GOODS_NOT_LICENSED, TITLE_WRONG_ROLE, TX_REPLAYED, …) as it gave it.
 */
export type PartyTxError =
  'PARTY_STEP_INVALID' | 'LEDGER_UNREACHABLE' | 'TX_PENDING' | (string & {});

/** A signer for a key made by this library (or the Wallet's keys.ts). */
export function walletKeySigner(key: WalletKey): PartySigner {
  return { did: key.did, sign: (message) => signEs256(key, message) };
}

/** A key made here: the Wallet's key shape, plus the public CryptoKey to keep beside it. */
export interface PartyKey extends WalletKey {
  readonly publicCryptoKey: CryptoKey;
}

/**
 * A new P-256 key made inside WebCrypto, its private half non-extractable: it can sign on this
 * device and never be read out (an organisation registers another key if a device is lost,
 * decision 0011, so nothing is gained by exporting it). Both CryptoKeys can be kept as they are
 * in IndexedDB, which stores them without ever exposing the private key.
 */
export async function generatePartyKey(): Promise<PartyKey> {
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign', 'verify'],
  );
  return partyKeyOf(pair.privateKey, pair.publicKey);
}

/** The did:key and public key of a kept pair (private: non-extractable; public: always). */
export async function partyKeyOf(privateKey: CryptoKey, publicKey: CryptoKey): Promise<PartyKey> {
  const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', publicKey));
  if (raw.length !== 65 || raw[0] !== 0x04) throw new RangeError('not a P-256 public key');
  // did:key carries the compressed point: 02/03 by the parity of y, then x.
  const compressed = new Uint8Array(33);
  compressed[0] = ((raw[64] as number) & 1) === 1 ? 0x03 : 0x02;
  compressed.set(raw.subarray(1, 33), 1);
  const pk = { alg: 'ES256' as const, bytes: compressed };
  return {
    did: didKeyFromPublicKey(pk),
    publicKey: pk,
    cryptoKey: privateKey,
    publicCryptoKey: publicKey,
  };
}

const TYPE_RE = /^[a-z][a-z0-9]*\.[a-z][a-zA-Z0-9]*$/;

/** The signed transaction of one step, for a given network and seq. */
export async function signPartyStep(
  signer: PartySigner,
  step: PartyStep,
  ctx: { readonly network: string; readonly seq: number; readonly timeMs: number },
): Promise<
  Result<SignedTx, 'PARTY_STEP_INVALID' | 'TX_MALFORMED' | 'TX_TOO_LARGE' | 'GEO_INVALID'>
> {
  if (!isDid(signer.did) || !signer.did.startsWith('did:key:')) {
    return fail('PARTY_STEP_INVALID', 'the signer is a did:key');
  }
  if (!TYPE_RE.test(step.type)) return fail('PARTY_STEP_INVALID', 'type is module.action');
  if (step.geo !== undefined && !parseGeo(step.geo).ok) {
    return fail('PARTY_STEP_INVALID', 'geo is an ONS area or coordinates');
  }
  const body: TxBody = {
    v: 1,
    network: ctx.network,
    type: step.type,
    sender: signer.did,
    seq: ctx.seq,
    timeMs: ctx.timeMs,
    ...(step.geo === undefined ? {} : { geo: step.geo }),
    payload: step.payload,
  };
  const tx = await signTxAsync(body, [{ did: signer.did, alg: 'ES256', sign: signer.sign }]);
  // The node runs the same check: refusing here says why without a round trip.
  const prepared = prepareTx(tx);
  if (!prepared.ok) return prepared;
  return { ok: true, value: tx };
}

// One submission at a time per signer: two at once would be given the same next seq.
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(did: string, run: () => Promise<T>): Promise<T> {
  const before = queues.get(did) ?? Promise.resolve();
  const mine = before.then(run, run);
  const tail = mine.catch(() => undefined);
  queues.set(did, tail);
  void tail.then(() => {
    if (queues.get(did) === tail) queues.delete(did);
  });
  return mine;
}

/**
 * Signs `step` with the signer's next seq, submits it to the node at `nodeUrl`, waits for its
 * block and fetches its receipt. A refusal is the node's stable code with its detail.
 */
export async function sendPartyTx(
  signer: PartySigner,
  nodeUrl: string,
  step: PartyStep,
  opts: PartyTxOptions = {},
): Promise<Result<PartyTxOutcome, PartyTxError>> {
  if (!isWebUrl(nodeUrl)) return fail('LEDGER_UNREACHABLE', 'nodeUrl is not an https URL');
  const fetch = fetchOf(opts);
  return serialised(signer.did, async () => {
    const facts = await ledgerFacts(fetch, nodeUrl);
    if (!facts.ok) return facts;
    const seq = await nextSeq(fetch, nodeUrl, signer.did);
    if (!seq.ok) return seq;
    const tx = await signPartyStep(signer, step, {
      network: facts.value.network,
      seq: seq.value,
      timeMs: opts.timeMs ?? Date.now(),
    });
    if (!tx.ok) return tx;
    const txId = txIdOf(tx.value.body);
    const a = await postJson(
      fetch,
      joinUrl(nodeUrl, `/v1/transactions?waitMs=${SUBMIT_WAIT_MS}`),
      tx.value,
      {},
      SUBMIT_WAIT_MS + REQUEST_TIMEOUT_MS,
    );
    if (a === undefined) return fail('LEDGER_UNREACHABLE', 'transactions');
    if (!isOk(a)) {
      const code = refusalCode(a);
      return code === undefined
        ? fail('LEDGER_UNREACHABLE', `HTTP ${a.status}`)
        : fail(code, refusalDetail(a));
    }
    const j = a.json;
    if (!isPlainObject(j) || j.id !== txId) return fail('LEDGER_UNREACHABLE', 'unexpected answer');
    if (j.status === 'rejected') {
      return fail(nonEmpty(j.code) ? j.code : 'TX_REJECTED', nonEmpty(j.detail) ? j.detail : txId);
    }
    if ((j.status !== 'committed' && j.status !== 'final') || !Number.isSafeInteger(j.height)) {
      return fail('TX_PENDING', txId);
    }
    const receipt = await fetchReceipt(fetch, nodeUrl, txId);
    if (!receipt.ok) return receipt;
    return { ok: true, value: { txId, height: j.height as number, receipt: receipt.value } };
  });
}
