// The Portal's strings (web/portal/strings.ts, decision 0007): every key has English and Welsh,
// neither empty and the two different, with the same {n} arguments and links; its keys clash
// with no other dictionary's; every key the Portal's code names exists and every key is used;
// and it has words for every claim, data category, purpose and verification failure the node
// can show it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_TYPES, DATA_CATEGORIES, PURPOSES } from '../src/identity/types.js';
import { VP_ERROR_MESSAGES } from '../src/identity/verify.js';
import { portal } from '../web/portal/strings.js';
import { DICTIONARIES } from '../web/shared/i18n.js';

const PORTAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'portal');
const entries = Object.entries(portal) as [string, { en: string; cy: string }][];
const keys = new Set(Object.keys(portal));

const args = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort();
const links = (s: string) => [...s.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).sort();

describe('Portal strings', () => {
  it.each(entries)('%s has English and Welsh, different, with the same arguments', (_k, v) => {
    expect(typeof v.en).toBe('string');
    expect(typeof v.cy).toBe('string');
    expect(v.en.trim()).not.toBe('');
    expect(v.cy.trim()).not.toBe('');
    expect(v.cy).not.toBe(v.en);
    expect(args(v.cy)).toEqual(args(v.en));
    expect(links(v.cy)).toEqual(links(v.en));
  });

  it('keys are the Portal’s own, and clash with no other dictionary', () => {
    for (const k of keys) expect(k).toMatch(/^portal\.[A-Za-z0-9_.-]+$/);
    for (const [name, dict] of Object.entries(DICTIONARIES) as [string, object][]) {
      if ((dict as unknown) === portal) continue;
      const clash = Object.keys(dict).filter((k) => keys.has(k));
      expect(clash, `keys also in the ${name} dictionary`).toEqual([]);
    }
  });

  // Keys built at run time from codes: `portal.claim.${path}` and the like.
  const FAMILIES = [
    'portal.problem.',
    'portal.claim.',
    'portal.category.',
    'portal.purpose.',
    'portal.housing.',
    'portal.memberRole.',
    'portal.role.',
    'portal.exchange.field.',
  ];

  it('every key the code names exists, and every key is used', () => {
    const code = readdirSync(PORTAL_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'strings.ts')
      .map((f) => readFileSync(join(PORTAL_DIR, f), 'utf8'))
      .join('\n');
    const named = new Set(
      [...code.matchAll(/'(portal\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1] ?? ''),
    );
    expect([...named].filter((k) => !keys.has(k))).toEqual([]);
    const unused = [...keys].filter((k) => !named.has(k) && !FAMILIES.some((f) => k.startsWith(f)));
    expect(unused).toEqual([]);
  });

  it('has words for every claim, category, purpose and verification failure', () => {
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      for (const c of t.metadata.claims) expect(keys).toContain(`portal.claim.${c.path.join('.')}`);
    }
    for (const c of Object.keys(DATA_CATEGORIES)) expect(keys).toContain(`portal.category.${c}`);
    for (const p of Object.keys(PURPOSES)) expect(keys).toContain(`portal.purpose.${p}`);
    for (const code of Object.keys(VP_ERROR_MESSAGES)) {
      expect(keys).toContain(`portal.problem.${code}`);
    }
    for (const role of ['issuer', 'verifier', 'registrar', 'auditor', 'administrator']) {
      expect(keys).toContain(`portal.role.${role}`);
    }
  });
});
