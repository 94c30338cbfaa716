// Showing what credentials say, in the page's language: claim labels from the type metadata
// (src/identity/types.ts), values in words (yes/no, area names, dates).
import { areaName } from '../shared/format.js';
import type { Key } from '../shared/i18n.js';
import { t } from '../shared/i18n.js';
import { ONS_AREA_RE } from '../../src/core/geo.js';
import type { ClaimPath } from '../../src/identity/types.js';
import { CREDENTIAL_TYPES, VCT } from '../../src/identity/types.js';
import type { Bilingual, WKey } from './ui.js';
import { tw } from './ui.js';

/** A coded claim value with a name in both languages: shown in the page's language. */
class Worded {
  constructor(readonly key: WKey) {}
}

/**
 * The business module's kinds of organisation and their names (the same keys the Wallet's
 * registration form uses): a registration credential carries the code, a person reads the name.
 */
const BUSINESS_KIND_KEYS: Readonly<Record<string, WKey>> = {
  'private-limited': 'wallet.business.kind.privateLimited',
  'public-limited': 'wallet.business.kind.publicLimited',
  llp: 'wallet.business.kind.llp',
  partnership: 'wallet.business.kind.partnership',
  'sole-trader': 'wallet.business.kind.soleTrader',
  cic: 'wallet.business.kind.cic',
  'charity-cio': 'wallet.business.kind.charityCio',
  'co-operative': 'wallet.business.kind.coOperative',
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "12 April 1990" / "12 Ebrill 1990" from YYYY-MM-DD (no time zone games: it is a date). */
export function formatIsoDate(iso: string): string {
  const m = DATE_RE.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return `${Number(d)} ${t(`common.month.${Number(mo)}` as Key)} ${y}`;
}

/** A moment's date in Gwent's clock: "25 November 2026". */
export function formatDay(ms: number): string {
  const d = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(ms))
    .reduce<Record<string, string>>((o, p) => ({ ...o, [p.type]: p.value }), {});
  return formatIsoDate(`${d.year}-${d.month}-${d.day}`);
}

/** A claim's value in words. */
export function claimText(value: unknown): string {
  if (value instanceof Worded) return tw(value.key);
  if (value === true) return tw('wallet.yes');
  if (value === false) return tw('wallet.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (ONS_AREA_RE.test(value)) {
      const name = areaName(value);
      return name === value ? value : `${name} (${value})`;
    }
    return DATE_RE.test(value) ? formatIsoDate(value) : value;
  }
  if (Array.isArray(value)) return value.map(claimText).join(', ');
  if (value && typeof value === 'object') {
    return Object.values(value as Record<string, unknown>)
      .map(claimText)
      .join('\n');
  }
  return '';
}

/** The label of a claim of type `vct` in both languages (the path itself when unknown). */
export function claimLabel(vct: string, path: ClaimPath): Bilingual {
  const meta = metadataClaims(vct).find(
    (c) => c.path.length === path.length && c.path.every((s, i) => s === path[i]),
  );
  const label = (lang: string) => meta?.display.find((d) => d.lang === lang)?.label;
  const fallback = path.map((s) => (s === null ? '*' : String(s))).join('.');
  return { en: label('en') ?? fallback, cy: label('cy') ?? label('en') ?? fallback };
}

function metadataClaims(vct: string) {
  return Object.hasOwn(CREDENTIAL_TYPES, vct) ? CREDENTIAL_TYPES[vct].metadata.claims : [];
}

/** `keys` in the order the metadata lists them under `path`, then any others. */
function inMetadataOrder(vct: string, path: ClaimPath, keys: readonly string[]): string[] {
  const known = metadataClaims(vct)
    .filter((c) => c.path.length === path.length + 1 && path.every((s, i) => c.path[i] === s))
    .map((c) => c.path[path.length] ?? '');
  return [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k))];
}

/** A claim's value with its parts (an address's lines) in the metadata's order. */
export function ordered(vct: string, path: ClaimPath, value: unknown): unknown {
  if (
    vct === VCT.businessRegistration &&
    path.length === 1 &&
    path[0] === 'kind' &&
    typeof value === 'string' &&
    Object.hasOwn(BUSINESS_KIND_KEYS, value)
  ) {
    return new Worded(BUSINESS_KIND_KEYS[value] as WKey);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  return Object.fromEntries(
    inMetadataOrder(vct, path, Object.keys(v)).map((k) => [k, ordered(vct, [...path, k], v[k])]),
  );
}

/** The top-level claims of a credential in the type metadata's order: [label, value]. */
export function claimRows(
  vct: string,
  claims: Record<string, unknown>,
): { label: Bilingual; value: unknown }[] {
  return inMetadataOrder(vct, [], Object.keys(claims)).map((n) => ({
    label: claimLabel(vct, [n]),
    value: ordered(vct, [n], claims[n]),
  }));
}

/** The type's name in both languages, from the record or the metadata. */
export function typeName(vct: string, given?: Bilingual): Bilingual {
  if (given) return given;
  const type = Object.hasOwn(CREDENTIAL_TYPES, vct) ? CREDENTIAL_TYPES[vct] : undefined;
  const name = (lang: string) => type?.metadata.display.find((d) => d.lang === lang)?.name;
  return { en: name('en') ?? vct, cy: name('cy') ?? name('en') ?? vct };
}
