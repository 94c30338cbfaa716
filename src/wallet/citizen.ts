// The citizen's own dealings with a ledger node: consent transactions (sent, waited for, and
// their receipts kept) and "who used my data" (every pseudonym proves control of itself).
import type { Json } from '../core/jcs.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { SignedTx } from '../core/tx.js';
import { txIdOf } from '../core/tx.js';
import type { Bilingual } from '../identity/types.js';
import { fetchReceipt, ledgerFacts, nextSeq, submitTx } from './ledger.js';
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
  httpRequest,
} from './net.js';
import type {
  ConsentPurpose,
  ConsentGrantInput,
  ConsentWithdrawInput,
  ControlProof,
  TxContext,
  WalletTxError,
} from './wallet.js';

export interface LedgerTxOptions extends NetOptions {
  /** The transaction's time, ms since the epoch; default now. */
  readonly timeMs?: number;
}

export interface LedgerTxOutcome {
  /** The transaction id; for a grant, the consent id. */
  readonly txId: string;
  /** The node's receipt (inclusion proof and signed checkpoint), also kept in the wallet. */
  readonly receipt: Json;
}

/**
 * The wallet's own codes (WalletTxError, LEDGER_UNREACHABLE, TX_PENDING with the id as detail:
 * fetch the receipt later) or the node's stable code for a refusal (TX_REPLAYED,
 * CONSENT_UNKNOWN, CONSENT_NOT_SUBJECT, MEMPOOL_FULL, …), passed through as it gave it.
 */
export type LedgerTxError = WalletTxError | 'LEDGER_UNREACHABLE' | 'TX_PENDING' | (string & {});

export interface TxHolder {
  didFor(service: string): Promise<string>;
  consentGrant(input: ConsentGrantInput, ctx: TxContext): Promise<Result<SignedTx, WalletTxError>>;
  consentWithdraw(
    input: ConsentWithdrawInput,
    ctx: TxContext,
  ): Promise<Result<SignedTx, WalletTxError>>;
  storeReceipt(txId: string, receipt: Json): Promise<void>;
}

// One submission at a time per pseudonym: two at once would both be given the same next seq.
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

function serialised<T>(owner: object, key: string, run: () => Promise<T>): Promise<T> {
  let byKey = queues.get(owner);
  if (byKey === undefined) {
    byKey = new Map();
    queues.set(owner, byKey);
  }
  const queue = byKey;
  const before = queue.get(key) ?? Promise.resolve();
  const mine = before.then(run, run);
  const tail = mine.catch(() => undefined);
  queue.set(key, tail);
  void tail.then(() => {
    if (queue.get(key) === tail) queue.delete(key);
  });
  return mine;
}

/**
 * Signs a transaction from the pseudonym toward `service` with the node's next seq, submits it,
 * waits for its block, and keeps its receipt.
 */
export async function sendTx(
  holder: TxHolder,
  nodeUrl: string,
  service: string,
  build: (ctx: TxContext) => Promise<Result<SignedTx, WalletTxError>>,
  opts: LedgerTxOptions = {},
): Promise<Result<LedgerTxOutcome, LedgerTxError>> {
  if (!isWebUrl(nodeUrl)) return fail('LEDGER_UNREACHABLE', 'nodeUrl is not an https URL');
  const fetch = fetchOf(opts);
  const sender = await holder.didFor(service);
  return serialised(holder, sender, async () => {
    const facts = await ledgerFacts(fetch, nodeUrl);
    if (!facts.ok) return facts;
    const seq = await nextSeq(fetch, nodeUrl, sender);
    if (!seq.ok) return seq;
    const ctx: TxContext = {
      network: facts.value.network,
      seq: seq.value,
      timeMs: opts.timeMs ?? Date.now(),
    };
    const tx = await build(ctx);
    if (!tx.ok) return tx;
    const txId = txIdOf(tx.value.body);
    const sent = await submitTx(fetch, nodeUrl, tx.value, txId);
    if (!sent.ok) return sent;
    return receiptOf(holder, nodeUrl, txId, opts);
  });
}

/** Fetches and keeps the receipt of a committed transaction (after TX_PENDING, say). */
export async function receiptOf(
  holder: Pick<TxHolder, 'storeReceipt'>,
  nodeUrl: string,
  txId: string,
  opts: NetOptions = {},
): Promise<Result<LedgerTxOutcome, LedgerTxError>> {
  if (!isWebUrl(nodeUrl)) return fail('LEDGER_UNREACHABLE', 'nodeUrl is not an https URL');
  const receipt = await fetchReceipt(fetchOf(opts), nodeUrl, txId);
  if (!receipt.ok) return receipt;
  await holder.storeReceipt(txId, receipt.value);
  return { ok: true, value: { txId, receipt: receipt.value } };
}

// ---- who used my data ----

export type HistoryError =
  /** The wallet has no pseudonym yet, so there is nothing to ask about. */
  | 'NO_PSEUDONYMS'
  | 'LEDGER_UNREACHABLE'
  /** The node's challenge names another audience: signing it could open another node's door. */
  | 'HISTORY_AUD_MISMATCH'
  | 'HISTORY_CHALLENGE_INVALID'
  | 'HISTORY_PROOF_INVALID'
  | 'HISTORY_REFUSED';

/** A consent as the ledger holds it (withdrawn or not), with the bodies' names. */
export interface ConsentEntry {
  /** The grant's transaction id. */
  readonly id: string;
  /** The pseudonym that gave it. */
  readonly subject: string;
  readonly holder: string;
  readonly requester: string;
  readonly purpose: ConsentPurpose;
  readonly categories: readonly string[];
  readonly lawfulBasis: string;
  readonly grantedMs: number;
  readonly expiresMs: number;
  readonly withdrawnMs?: number;
  readonly txId: string;
  readonly requesterName: Bilingual | null;
  readonly holderName: Bilingual | null;
}

/** One request for data about a pseudonym, served or refused, as the holder recorded it. */
export interface AccessEntry {
  readonly requestId: string;
  readonly requester: string;
  readonly holder: string;
  readonly subject: string;
  readonly category: string;
  readonly purpose: string;
  readonly consentId: string | null;
  readonly outcome: 'served' | 'refused';
  readonly reason?: string;
  readonly timeMs: number;
  readonly txId: string;
  readonly requesterName: Bilingual | null;
  readonly holderName: Bilingual | null;
}

export interface HistoryAnswer {
  /** The pseudonyms asked about. */
  readonly subjects: string[];
  readonly generatedMs: number;
  readonly consents: ConsentEntry[];
  readonly access: AccessEntry[];
}

export interface HistoryOptions extends NetOptions {
  readonly format?: 'json' | 'csv';
}

export interface HistoryHolder {
  pseudonyms(): { readonly did: string }[];
  proveControl(challenge: string, aud: string): Promise<ControlProof[]>;
  storeHistory(history: Json): Promise<void>;
}

/** The node takes at most this many proofs at once; more pseudonyms are asked in turns. */
export const HISTORY_PROOFS_MAX = 200;

function historyRefusal(a: Awaited<ReturnType<typeof httpRequest>>): Result<never, HistoryError> {
  if (a === undefined || a.status >= 500) return fail('LEDGER_UNREACHABLE', 'history');
  const code = refusalCode(a);
  return code === 'HISTORY_CHALLENGE_INVALID' || code === 'HISTORY_PROOF_INVALID'
    ? fail(code, refusalDetail(a))
    : fail('HISTORY_REFUSED', refusalDetail(a));
}

function isConsentEntry(x: unknown): boolean {
  return (
    isPlainObject(x) &&
    [x.id, x.subject, x.holder, x.requester, x.txId].every(nonEmpty) &&
    isPlainObject(x.purpose) &&
    Array.isArray(x.categories) &&
    typeof x.grantedMs === 'number' &&
    typeof x.expiresMs === 'number'
  );
}

function isAccessEntry(x: unknown): boolean {
  return (
    isPlainObject(x) &&
    [x.requestId, x.requester, x.holder, x.subject, x.category, x.txId].every(nonEmpty) &&
    (x.outcome === 'served' || x.outcome === 'refused') &&
    typeof x.timeMs === 'number'
  );
}

/** See Wallet#fetchHistory. */
export async function fetchHistory(
  holder: HistoryHolder,
  nodeUrl: string,
  opts: HistoryOptions = {},
): Promise<Result<HistoryAnswer | string, HistoryError>> {
  if (!isWebUrl(nodeUrl)) return fail('LEDGER_UNREACHABLE', 'nodeUrl is not an https URL');
  const fetch = fetchOf(opts);
  const csv = opts.format === 'csv';
  const dids = holder.pseudonyms().map((p) => p.did);
  if (dids.length === 0) return fail('NO_PSEUDONYMS');
  const expectedAud = joinUrl(nodeUrl, '/v1/history');
  const subjects: string[] = [];
  const consents: ConsentEntry[] = [];
  const access: AccessEntry[] = [];
  let generatedMs = 0;
  let text = '';
  for (let i = 0; i < dids.length; i += HISTORY_PROOFS_MAX) {
    const c = await postJson(fetch, joinUrl(nodeUrl, '/v1/history/challenge'), {});
    const cj = c?.json;
    if (c === undefined || !isOk(c) || !isPlainObject(cj) || !nonEmpty(cj.challenge)) {
      return historyRefusal(c);
    }
    if (cj.aud !== expectedAud) return fail('HISTORY_AUD_MISMATCH', String(cj.aud));
    const all = await holder.proveControl(cj.challenge, expectedAud);
    const mine = new Set(dids.slice(i, i + HISTORY_PROOFS_MAX));
    const proofs = all.filter((p) => mine.has(p.did));
    const a = await postJson(
      fetch,
      joinUrl(nodeUrl, `/v1/history${csv ? '?format=csv' : ''}`),
      { challenge: cj.challenge, proofs },
      csv ? { accept: 'text/csv' } : {},
    );
    if (a === undefined || !isOk(a)) return historyRefusal(a);
    if (csv) {
      // Every answer starts with the header line; keep the first only.
      text += i === 0 ? a.text : a.text.slice(a.text.indexOf('\n') + 1);
      continue;
    }
    const j = a.json;
    if (!isPlainObject(j) || !Array.isArray(j.consents) || !Array.isArray(j.access)) {
      return fail('LEDGER_UNREACHABLE', 'not a history answer');
    }
    subjects.push(...(Array.isArray(j.subjects) ? j.subjects.filter(nonEmpty) : []));
    // Shown to the citizen as they are; entries missing what a page needs are left out.
    consents.push(...(j.consents.filter(isConsentEntry) as ConsentEntry[]));
    access.push(...(j.access.filter(isAccessEntry) as AccessEntry[]));
    if (typeof j.generatedMs === 'number') generatedMs = j.generatedMs;
  }
  if (csv) return { ok: true, value: text };
  const history: HistoryAnswer = { subjects, generatedMs, consents, access };
  await holder.storeHistory(history as unknown as Json);
  return { ok: true, value: history };
}
