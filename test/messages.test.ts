// Every sentence a person sees from the CLI and the API exists in English and in Welsh.
import { describe, expect, it } from 'vitest';
import { allMessages, say } from '../src/cli/messages.js';
import { problemCodes, titleOf } from '../src/node/problems.js';
import { RECEIPT_ERRORS, describeReceiptError } from '../src/core/receipt.js';
import { createLedger } from '../src/node/node.js';

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
});
