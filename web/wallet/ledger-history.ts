// The wallet's view of the ledger's "who used my data" answer, shared by the consents and the
// history screens: fetched fresh when the node can be reached, else the copy the wallet kept.
import type { AccessEntry, ConsentEntry, HistoryAnswer } from '../../src/wallet/index.js';
import { GWENT_BODIES } from '../../src/ledger/demo.js';
import type { App } from './app.js';
import type { Bilingual } from './ui.js';

export type HistoryView =
  | { readonly kind: 'fresh'; readonly answer: HistoryAnswer }
  | { readonly kind: 'cached'; readonly answer: HistoryAnswer }
  /** The wallet has no pseudonym yet: no consent given, nobody can have asked. */
  | { readonly kind: 'nothing' }
  | { readonly kind: 'unreachable' };

function isAnswer(x: unknown): x is HistoryAnswer {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as Record<string, unknown>;
  return Array.isArray(a.consents) && Array.isArray(a.access) && typeof a.generatedMs === 'number';
}

export async function loadHistory(app: App): Promise<HistoryView> {
  const w = app.wallet();
  if (w.pseudonyms().length === 0) return { kind: 'nothing' };
  const r = await w.fetchHistory(app.nodeUrl);
  if (r.ok) return { kind: 'fresh', answer: r.value };
  if (r.code === 'NO_PSEUDONYMS') return { kind: 'nothing' };
  const kept = await w.history();
  return isAnswer(kept) ? { kind: 'cached', answer: kept } : { kind: 'unreachable' };
}

/** A member body's name: the ledger's, else the demo consortium's, else the DID itself. */
export function bodyName(did: string, given: Bilingual | null | undefined): Bilingual {
  if (given) return given;
  const known = GWENT_BODIES.find((b) => b.did === did);
  return known ? known.name : { en: did, cy: did };
}

export function isActive(c: ConsentEntry, nowMs: number): boolean {
  return c.withdrawnMs === undefined && c.expiresMs > nowMs;
}

export type { AccessEntry, ConsentEntry, HistoryAnswer };
