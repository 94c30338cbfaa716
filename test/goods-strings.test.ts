// The regulated-goods page's strings (web/explorer/goods/strings.ts, decisions 0007 and 0011):
// every key has English and Welsh, neither empty and the two different, with the same {n}
// arguments; its keys clash with no other dictionary's; every key the page names exists and
// every key is used; and it has words for every value the ledger can show it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GOODS_ACTIVITIES,
  GOODS_LOSS_REASONS,
  GOODS_OUTCOMES,
  GOODS_PRODUCTS,
  GOODS_RESULT_KINDS,
  GOODS_UNITS,
} from '../src/ledger/modules/goods.js';
import type { GoodsEvent, LotStatus } from '../src/ledger/modules/goods.js';
import { businesses } from '../web/explorer/businesses/strings.js';
import { goods } from '../web/explorer/goods/strings.js';
import { portal } from '../web/portal/strings.js';
import { DICTIONARIES } from '../web/shared/i18n.js';
import { wallet } from '../web/wallet/strings.js';

const entries = Object.entries(goods) as [string, { en: string; cy: string }][];
const keys = new Set(Object.keys(goods));
const args = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort();
const main = readFileSync(new URL('../web/explorer/goods/main.ts', import.meta.url), 'utf8');

/** Keys the page builds from ledger values (`words(prefix, value)`). */
const BUILT = {
  'explorer.goods.activity': [...GOODS_ACTIVITIES],
  'explorer.goods.qty': [...GOODS_UNITS],
  'explorer.goods.status': [
    'open',
    'split',
    'merged',
    'processed',
    'depleted',
  ] satisfies LotStatus[],
  'explorer.goods.event': [
    'created',
    'split',
    'split-from',
    'merged',
    'merged-from',
    'processed',
    'processed-from',
    'loss',
    'proposed',
    'accepted',
    'rejected',
    'cancelled',
    'result',
    'recalled',
  ] satisfies GoodsEvent[],
  'explorer.goods.loss': [...GOODS_LOSS_REASONS],
  'explorer.goods.result.kind': [...GOODS_RESULT_KINDS],
  'explorer.goods.result.outcome': [...GOODS_OUTCOMES],
} as const;

describe('regulated goods strings', () => {
  it.each(entries)('%s has English and Welsh, different, with the same arguments', (_k, v) => {
    expect(v.en.trim()).not.toBe('');
    expect(v.cy.trim()).not.toBe('');
    expect(v.cy).not.toBe(v.en);
    expect(args(v.cy)).toEqual(args(v.en));
  });

  it('keys are the page’s own and clash with no other dictionary', () => {
    for (const k of keys) expect(k).toMatch(/^explorer\.goods\.[A-Za-z0-9_.-]+$/);
    const others = { ...DICTIONARIES, wallet, portal, businesses };
    for (const [name, dict] of Object.entries(others) as [string, object][]) {
      const clash = Object.keys(dict).filter((k) => keys.has(k));
      expect(clash, `keys also in the ${name} dictionary`).toEqual([]);
    }
  });

  it('has words for every value the ledger can show, and every key is used', () => {
    const built = new Set<string>();
    for (const [prefix, values] of Object.entries(BUILT)) {
      for (const v of values) {
        const k = `${prefix}.${v}`;
        expect(keys.has(k), k).toBe(true);
        built.add(k);
      }
    }
    for (const k of keys) {
      if (built.has(k)) continue;
      expect(main.includes(`'${k}'`), `${k} is not used by main.ts`).toBe(true);
    }
    // Every key main.ts names exists (a prefix it builds keys from is no key).
    for (const m of main.matchAll(/'(explorer\.goods\.[A-Za-z0-9_.-]+)'/g)) {
      const k = m[1] ?? '';
      if (k in BUILT) continue;
      expect(keys.has(k), k).toBe(true);
    }
  });

  it('every product has a name in both languages (the API hands them to the page)', () => {
    for (const [code, p] of Object.entries(GOODS_PRODUCTS)) {
      expect(p.name.cy, code).not.toBe(p.name.en);
      expect((GOODS_UNITS as readonly string[]).includes(p.unit), code).toBe(true);
    }
  });
});
