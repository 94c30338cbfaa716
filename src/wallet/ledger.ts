// What the wallet asks a ledger node: member bodies' keys (their DID documents are a function of
// the ledger's governance records), names, issuer authorisations, sequence numbers, and the
// submission and receipts of the citizen's own transactions. Keys for checking a credential or a
// request object come from here, never from the party that sent the credential or the request.
import { isDid } from '../core/did.js';
import { HEX_DIGEST_RE } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { SignedTx } from '../core/tx.js';
import type { Bilingual } from '../identity/types.js';
import type { Fetch, HttpAnswer } from './net.js';
import {
  getJson,
  isOk,
  isPlainObject,
  joinUrl,
  nonEmpty,
  postJson,
  refusalCode,
  refusalDetail,
  REQUEST_TIMEOUT_MS,
} from './net.js';

export type LedgerKeyError = 'LEDGER_UNREACHABLE' | 'DID_UNKNOWN' | 'KEY_UNKNOWN';

const unreachable = (what: string) => fail('LEDGER_UNREACHABLE' as const, what);

/**
 * The public JWK of `kid` (a full `<did>#<keyId>`) from the ledger's DID document of `did`,
 * when the document lists it for assertions or authentication.
 */
export async function ledgerKey(
  fetch: Fetch,
  nodeUrl: string,
  did: string,
  kid: string,
): Promise<Result<JsonWebKey, LedgerKeyError>> {
  if (!isDid(did) || !did.startsWith('did:web:')) return fail('DID_UNKNOWN', did);
  const a = await getJson(fetch, joinUrl(nodeUrl, `/v1/dids/${encodeURIComponent(did)}`));
  if (a === undefined || a.status >= 500) return unreachable('DID document');
  if (a.status === 404) return fail('DID_UNKNOWN', did);
  const doc = a.json;
  if (!isOk(a) || !isPlainObject(doc) || doc.id !== did) {
    return unreachable('not a DID document');
  }
  const listed = [doc.assertionMethod, doc.authentication].some(
    (ids) => Array.isArray(ids) && ids.includes(kid),
  );
  const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : [];
  const method = methods.find((m) => isPlainObject(m) && m.id === kid) as
    Record<string, unknown> | undefined;
  if (!listed || method === undefined || !isPlainObject(method.publicKeyJwk)) {
    return fail('KEY_UNKNOWN', kid);
  }
  return { ok: true, value: method.publicKeyJwk as JsonWebKey };
}

export interface LedgerFacts {
  readonly network: string;
  /** Member bodies' names, by DID. */
  readonly names: ReadonlyMap<string, Bilingual>;
}

function isBilingual(x: unknown): x is Bilingual {
  return isPlainObject(x) && nonEmpty(x.en) && nonEmpty(x.cy);
}

/** The network name (for transactions) and the member bodies' names. */
export async function ledgerFacts(
  fetch: Fetch,
  nodeUrl: string,
): Promise<Result<LedgerFacts, 'LEDGER_UNREACHABLE'>> {
  const a = await getJson(fetch, joinUrl(nodeUrl, '/v1/consortium'));
  const j = a?.json;
  if (a === undefined || !isOk(a) || !isPlainObject(j) || !nonEmpty(j.network)) {
    return unreachable('consortium');
  }
  const names = new Map<string, Bilingual>();
  for (const m of Array.isArray(j.members) ? j.members : []) {
    if (isPlainObject(m) && isDid(m.did) && isBilingual(m.name)) {
      names.set(m.did, { en: m.name.en, cy: m.name.cy });
    }
  }
  return { ok: true, value: { network: j.network, names } };
}

/** Whether the ledger authorised `did` to issue `vct` at `timeMs` (a credential's iat). */
export async function issuerAuthorised(
  fetch: Fetch,
  nodeUrl: string,
  did: string,
  vct: string,
  timeMs: number,
): Promise<Result<boolean, 'LEDGER_UNREACHABLE'>> {
  const url = joinUrl(nodeUrl, `/v1/trusted-issuers?vct=${encodeURIComponent(vct)}`);
  const a = await getJson(fetch, url);
  const j = a?.json;
  if (a === undefined || !isOk(a) || !isPlainObject(j) || !Array.isArray(j.issuers)) {
    return unreachable('trusted issuers');
  }
  const authorised = j.issuers.some(
    (x) =>
      isPlainObject(x) &&
      x.issuer === did &&
      x.vct === vct &&
      Array.isArray(x.periods) &&
      x.periods.some(
        (p) =>
          isPlainObject(p) &&
          typeof p.fromMs === 'number' &&
          // As the ledger's issuerAuthorisedAt: a JWT iat has whole seconds.
          Math.floor(p.fromMs / 1000) * 1000 <= timeMs &&
          (p.untilMs === undefined || (typeof p.untilMs === 'number' && timeMs < p.untilMs)),
      ),
  );
  return { ok: true, value: authorised };
}

// ---- the citizen's transactions ----

export async function nextSeq(
  fetch: Fetch,
  nodeUrl: string,
  did: string,
): Promise<Result<number, 'LEDGER_UNREACHABLE'>> {
  const a = await getJson(fetch, joinUrl(nodeUrl, `/v1/accounts/${encodeURIComponent(did)}`));
  const j = a?.json;
  if (a === undefined || !isOk(a) || !isPlainObject(j) || !Number.isSafeInteger(j.nextSeq)) {
    return unreachable('account');
  }
  return { ok: true, value: j.nextSeq as number };
}

/** How long the node is asked to hold a submission until it is in a block. */
export const SUBMIT_WAIT_MS = 10_000;

/**
 * Submits one transaction and waits for its block. OK when committed; TX_PENDING (detail: the
 * id) when the node is still holding it; otherwise the node's stable code (TX_REPLAYED,
 * CONSENT_UNKNOWN, …) with its detail.
 */
export async function submitTx(
  fetch: Fetch,
  nodeUrl: string,
  tx: SignedTx,
  txId: string,
): Promise<Result<void, string>> {
  const a = await postJson(
    fetch,
    joinUrl(nodeUrl, `/v1/transactions?waitMs=${SUBMIT_WAIT_MS}`),
    tx,
    {},
    SUBMIT_WAIT_MS + REQUEST_TIMEOUT_MS,
  );
  if (a === undefined) return unreachable('transactions');
  if (!isOk(a)) return refused(a);
  const j = a.json;
  if (!isPlainObject(j) || j.id !== txId) return unreachable('unexpected answer');
  if (j.status === 'committed' || j.status === 'final') return { ok: true, value: undefined };
  if (j.status === 'rejected') {
    return fail(nonEmpty(j.code) ? j.code : 'TX_REJECTED', nonEmpty(j.detail) ? j.detail : txId);
  }
  return fail('TX_PENDING', txId);
}

/** The receipt of a committed transaction, as the node builds it. */
export async function fetchReceipt(
  fetch: Fetch,
  nodeUrl: string,
  txId: string,
): Promise<Result<Json, string>> {
  if (!HEX_DIGEST_RE.test(txId)) return fail('TX_NOT_FOUND', 'not a transaction id');
  const a = await getJson(fetch, joinUrl(nodeUrl, `/v1/transactions/${txId}/receipt`));
  if (a === undefined) return unreachable('receipt');
  if (a.status === 409) return fail('TX_PENDING', txId);
  if (!isOk(a)) return refused(a);
  const j = a.json;
  // A receipt for another transaction would sit in the wallet as proof of this one.
  if (!isPlainObject(j) || j.txId !== txId) return unreachable('not a receipt of this transaction');
  return { ok: true, value: j as Json };
}

function refused(a: HttpAnswer): { readonly ok: false; readonly code: string; detail?: string } {
  const code = refusalCode(a);
  if (code === undefined) return unreachable(`HTTP ${a.status}`);
  return fail(code, refusalDetail(a));
}
