// The Wallet's strings (web/wallet/strings.ts), as decision 0007 asks of every string: English
// and Welsh for each key, neither empty, the two different, the same {n} arguments and the same
// links in both; keys in the Wallet's own namespace.
import { describe, expect, it } from 'vitest';
import { wallet } from '../web/wallet/strings.js';

const entries = Object.entries(wallet) as [string, { en: string; cy: string }][];

describe('the Wallet’s strings', () => {
  it('has them', () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it.each(entries)('%s: English and Welsh, not empty, not the same', (key, text) => {
    expect(key).toMatch(/^wallet\.[A-Za-z0-9_.]+$/);
    expect(Object.keys(text).sort()).toEqual(['cy', 'en']);
    expect(typeof text.en).toBe('string');
    expect(typeof text.cy).toBe('string');
    expect(text.en.trim(), `${key} en`).not.toBe('');
    expect(text.cy.trim(), `${key} cy`).not.toBe('');
    expect(text.cy, `${key} is the same in Welsh`).not.toBe(text.en);
  });

  it('both languages take the same arguments and the same links', () => {
    const args = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort();
    const links = (s: string) => [...s.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    for (const [key, text] of entries) {
      expect(args(text.cy), key).toEqual(args(text.en));
      expect(links(text.cy), key).toEqual(links(text.en));
    }
  });

  it('has no stray spaces or straight apostrophes (the other strings use ’)', () => {
    for (const [key, text] of entries) {
      for (const s of [text.en, text.cy]) {
        expect(s, key).toBe(s.trim());
        expect(s, key).not.toMatch(/ {2}/);
        expect(s, key).not.toMatch(/'/);
      }
    }
  });
});
