// Every sentence a person sees from the CLI and the API exists in English and in Welsh.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMessages, say } from '../src/cli/messages.js';
import { STATUS_OF } from '../src/node/errors.js';
import { problemCodes, titleOf } from '../src/node/problems.js';
import { RECEIPT_ERRORS, describeReceiptError } from '../src/core/receipt.js';
import { createLedger } from '../src/node/node.js';
import {
  CREDENTIAL_TYPES,
  DATA_CATEGORIES,
  LAWFUL_BASES,
  PURPOSES,
} from '../src/identity/types.js';
import { VP_ERROR_CODES, VP_ERROR_MESSAGES } from '../src/identity/verify.js';
// The identity services register their codes' titles when loaded, as the node does.
import '../src/node/identity/routes.js';

describe('bilingual strings', () => {
  it('CLI messages have both languages, and they differ', () => {
    for (const [key, m] of Object.entries(allMessages())) {
      expect(typeof m.en, key).toBe('function');
      expect(typeof m.cy, key).toBe('function');
      const sayAny = say as (lang: 'en' | 'cy', key: string, ...args: unknown[]) => string;
      const en = sayAny('en', key, 'x', 1, 2);
      const cy = sayAny('cy', key, 'x', 1, 2);
      expect(en.length, key).toBeGreaterThan(0);
      expect(cy, key).not.toBe(en);
    }
  });

  it('problem titles have both languages, and they differ', () => {
    for (const code of problemCodes()) {
      expect(titleOf(code, 'cy'), code).not.toBe(titleOf(code, 'en'));
    }
  });

  it('receipt verdicts have both languages', () => {
    for (const code of RECEIPT_ERRORS) {
      const d = describeReceiptError(code);
      expect(d.cy, code).not.toBe(d.en);
    }
  });

  it('every transaction type has a summary in both languages', () => {
    for (const t of createLedger().txTypes()) {
      expect(t.summary.en.length, t.type).toBeGreaterThan(0);
      expect(t.summary.cy, t.type).not.toBe(t.summary.en);
    }
  });

  it('identity codes a person can meet have real titles (not the generic fallback)', () => {
    const generic = titleOf('NO_SUCH_CODE', 'en');
    const codes = [
      ...VP_ERROR_CODES,
      'STAFF_UNAUTHORISED',
      'ISSUER_NOT_AUTHORISED',
      'CREDENTIAL_CLAIMS_INVALID',
      'CREDENTIAL_STATUS_FINAL',
      'PRESENTATION_REPLAYED',
      'EXCHANGE_SIGNATURE_INVALID',
      'EXCHANGE_REPLAYED',
      'NO_RECORD',
      'CONSENT_WITHDRAWN',
      'CONSENT_EXPIRED',
      'CONSENT_WRONG_REQUESTER',
      'CONSENT_WRONG_PURPOSE',
      'CONSENT_WRONG_CATEGORY',
      'CONSENT_WRONG_HOLDER',
      'HISTORY_CHALLENGE_INVALID',
      'HISTORY_PROOF_INVALID',
      'invalid_grant',
      'invalid_proof',
    ];
    for (const code of codes) {
      expect(titleOf(code, 'en'), code).not.toBe(generic);
      expect(titleOf(code, 'cy'), code).not.toBe(titleOf(code, 'en'));
    }
    for (const code of VP_ERROR_CODES) {
      expect(VP_ERROR_MESSAGES[code].cy, code).not.toBe(VP_ERROR_MESSAGES[code].en);
    }
  });

  it('every code the business register can refuse with has a real title and a status', () => {
    const src = readFileSync(new URL('../src/ledger/modules/business.ts', import.meta.url), 'utf8');
    const codes = new Set([...src.matchAll(/fail\('([A-Z_]+)'/g)].map((m) => m[1] ?? ''));
    expect(codes.size).toBeGreaterThan(10);
    const generic = titleOf('NO_SUCH_CODE', 'en');
    for (const code of codes) {
      expect(titleOf(code, 'en'), code).not.toBe(generic);
      expect(titleOf(code, 'cy'), code).not.toBe(titleOf(code, 'en'));
      expect(STATUS_OF[code], code).toBeDefined();
    }
  });

  it('credential types, claims, categories, purposes and lawful bases have both languages', () => {
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      expect(t.metadata.display.map((d) => d.lang).sort(), t.vct).toEqual(['cy', 'en']);
      for (const c of t.metadata.claims) {
        const en = c.display.find((d) => d.lang === 'en')?.label;
        const cy = c.display.find((d) => d.lang === 'cy')?.label;
        expect(en, c.path.join('.')).toBeTruthy();
        expect(cy, c.path.join('.')).toBeTruthy();
        expect(cy).not.toBe(en);
      }
    }
    for (const table of [DATA_CATEGORIES, PURPOSES, LAWFUL_BASES]) {
      for (const [k, v] of Object.entries(table)) {
        expect(v.en, k).toBeTruthy();
        expect(v.cy, k).not.toBe(v.en);
      }
    }
  });
});
