// Cadwyn for organisations' strings (web/business/strings.ts, decisions 0007, 0011, 0012): every
// key has English and Welsh, neither empty and the two different, with the same {n} arguments;
// its keys clash with no other dictionary's; every key the face names exists and every key is
// used; it has words for every value the ledger can show it; and the Wallet's property screen
// names only keys that exist, and shows a business registration's kind by its name.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUSINESS_KINDS } from '../src/ledger/modules/business.js';
import { VCT } from '../src/identity/types.js';
import { GOODS_ACTIVITIES, GOODS_LOSS_REASONS, GOODS_UNITS } from '../src/ledger/modules/goods.js';
import {
  PARTY_ROLES,
  PRICE_BANDS,
  TRANSFER_STAGES,
  TRANSFER_STEPS,
} from '../src/ledger/modules/title.js';
import { business, businessLanding } from '../web/business/strings.js';
import { businesses } from '../web/explorer/businesses/strings.js';
import { goods } from '../web/explorer/goods/strings.js';
import { titles } from '../web/explorer/titles/strings.js';
import { portal } from '../web/portal/strings.js';
import { DICTIONARIES, setLang, useStrings } from '../web/shared/i18n.js';
import { claimText, ordered } from '../web/wallet/show.js';
import { wallet } from '../web/wallet/strings.js';

const entries = Object.entries(business) as [string, { en: string; cy: string }][];
const keys = new Set(Object.keys(business));
const args = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort();
const dir = new URL('../web/business/', import.meta.url);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'strings.ts')
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');
const landing = readFileSync(new URL('../web/landing/main.ts', import.meta.url), 'utf8');

/** Keys the face builds from ledger values or codes (`${prefix}.${value}`). */
const BUILT: Record<string, readonly string[]> = {
  'business.goods.activity': GOODS_ACTIVITIES,
  'business.goods.unit': GOODS_UNITS,
  'business.goods.unitName': GOODS_UNITS,
  'business.goods.loss': GOODS_LOSS_REASONS,
  'business.goods.reason': ['not-ordered', 'damaged', 'wrong-quantity'],
  'business.titles.stage': TRANSFER_STAGES,
  'business.titles.role': PARTY_ROLES,
  'business.titles.stepName': TRANSFER_STEPS,
  'business.titles.band': PRICE_BANDS,
  'business.titles.step': ['sign', 'confirmFunds', 'complete', 'withdraw'],
  'business.titles.done': ['sign', 'confirmFunds', 'complete', 'withdraw'],
};
/** The codes the merge, process, link and discharge steps can meet: each has the face's words. */
const STEP_CODES = [
  'GOODS_MERGE_MISMATCH',
  'GOODS_QUANTITY_TOO_LARGE',
  'GOODS_NOT_HOLDER',
  'GOODS_NOT_LICENSED',
  'TITLE_UNKNOWN',
  'TITLE_CHARGE_UNKNOWN',
  'TITLE_NOT_LENDER',
  'TITLE_LINK_INVALID',
  'TITLE_LINK_UNKNOWN',
  'TITLE_LINK_NOT_CONVEYANCER',
];
/** Refusal codes with their own words (the rest get business.problem.other). */
const PROBLEMS = [...keys].filter((k) => k.startsWith('business.problem.'));

describe('Cadwyn for organisations: strings', () => {
  it('has them', () => {
    expect(entries.length).toBeGreaterThan(150);
  });

  it.each(entries)('%s: English and Welsh, not empty, not the same', (key, text) => {
    expect(key).toMatch(/^business\.[A-Za-z0-9_.-]+$/);
    expect(Object.keys(text).sort()).toEqual(['cy', 'en']);
    expect(text.en.trim(), `${key} en`).not.toBe('');
    expect(text.cy.trim(), `${key} cy`).not.toBe('');
    expect(text.cy, `${key} is the same in Welsh`).not.toBe(text.en);
    expect(args(text.cy), key).toEqual(args(text.en));
    for (const s of [text.en, text.cy]) {
      expect(s, key).toBe(s.trim());
      expect(s, key).not.toMatch(/ {2}/);
      expect(s, key).not.toMatch(/'/);
    }
  });

  it('clashes with no other dictionary', () => {
    const others = [
      ...Object.values(DICTIONARIES),
      wallet,
      portal,
      businesses,
      goods,
      titles,
    ].flatMap((d) => Object.keys(d));
    for (const k of others) expect(keys.has(k), k).toBe(false);
  });

  it('has words for every value the ledger can show', () => {
    for (const [prefix, values] of Object.entries(BUILT)) {
      for (const v of values) expect(keys.has(`${prefix}.${v}`), `${prefix}.${v}`).toBe(true);
    }
  });

  it('has words for every refusal the new steps can meet, each a code the ledger gives', () => {
    const ledger = ['goods', 'title']
      .map((m) => readFileSync(new URL(`../src/ledger/modules/${m}.ts`, import.meta.url), 'utf8'))
      .join('\n');
    for (const code of STEP_CODES) {
      expect(keys.has(`business.problem.${code}`), code).toBe(true);
      expect(ledger, code).toContain(`'${code}'`);
    }
  });

  it('names only keys that exist, and uses every key', () => {
    const named = [...sources.matchAll(/'(business\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1] ?? '');
    // A prefix handed to known()/words() names a family of keys (`business.goods.unit`).
    const exists = (k: string) => keys.has(k) || [...keys].some((x) => x.startsWith(`${k}.`));
    for (const k of named) expect(exists(k), k).toBe(true);
    const used = new Set(named);
    // A family named by its prefix (`words('business.goods.unit', unit)`) or built in a template
    // (`business.titles.step.${s}`) uses every key in it.
    const prefixes = [
      ...named.filter((k) => [...keys].some((x) => x.startsWith(`${k}.`))),
      ...[...sources.matchAll(/`(business\.[a-zA-Z.]+)\.\$\{/g)].map((m) => m[1] ?? ''),
    ];
    for (const prefix of prefixes) {
      for (const key of keys) if (key.startsWith(`${prefix}.`)) used.add(key);
    }
    for (const k of PROBLEMS) used.add(k);
    for (const k of Object.keys(businessLanding)) {
      expect(landing, k).toContain(`'${k}'`);
      used.add(k);
    }
    expect([...keys].filter((k) => !used.has(k))).toEqual([]);
  });

  it('the Wallet’s property screen names only Wallet keys that exist', () => {
    const src = readFileSync(new URL('../web/wallet/property.ts', import.meta.url), 'utf8');
    const named = [...src.matchAll(/'(wallet\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1] ?? '');
    expect(named.length).toBeGreaterThan(30);
    for (const k of named) expect(k in wallet, k).toBe(true);
    expect('wallet.nav.property' in wallet).toBe(true);
  });
});

describe('the Wallet shows a business registration’s kind by its name', () => {
  // setLang writes <html lang>: the least of a document for it, in Node.
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  useStrings(wallet);
  const shown = (kind: string, vct: string = VCT.businessRegistration) =>
    claimText(ordered(vct, ['kind'], kind));

  it.each(BUSINESS_KINDS.map((k) => [k]))('%s in English and Welsh', (kind) => {
    setLang('en', false);
    const en = shown(kind);
    setLang('cy', false);
    const cy = shown(kind);
    setLang('en', false);
    expect(en).not.toBe(kind);
    expect(Object.values(wallet).some((x) => x.en === en && x.cy === cy)).toBe(true);
  });

  it('leaves another credential’s value, and an unknown kind, as they are', () => {
    expect(shown('private-limited', VCT.blueBadge)).toBe('private-limited');
    expect(shown('guild')).toBe('guild');
    expect(claimText(ordered(VCT.businessRegistration, ['number'], 'llp'))).toBe('llp');
  });
});
