// Dates, numbers, places and transaction types, in the page's language.
import type { Geo } from '../../src/core/geo.js';
import { getJson } from './api.js';
import type { Key } from './i18n.js';
import { currentLang, t } from './i18n.js';

// Numbers from Intl (in Gwent's clock, whatever the visitor's: officers compare with local
// records), words from i18n.ts: browsers' Welsh locale data is often missing (Chromium has
// none), and an English date on a Welsh page is not acceptable.
let parts: Intl.DateTimeFormat | undefined;

function dateParts(ms: number): Record<string, string> {
  parts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(parts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** A moment, ms since the epoch, as "25 November 2026, 17:05:09" (short: no seconds). */
export function formatTime(ms: number, style: 'medium' | 'short' = 'medium'): string {
  if (!Number.isFinite(ms)) return '—';
  const p = dateParts(ms);
  const month = t(`common.month.${Number(p.month)}` as Key);
  const time = style === 'short' ? `${p.hour}:${p.minute}` : `${p.hour}:${p.minute}:${p.second}`;
  return `${Number(p.day)} ${month} ${p.year}, ${time}`;
}

/** The same moment as an ISO string, for <time datetime>. */
export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

const numbers = new Intl.NumberFormat('en-GB');

/** Welsh and English group digits alike: 12,345. */
export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** The Gwent areas (ONS codes) the demo consortium covers; their names are in i18n.ts. */
export const GWENT_AREAS = ['W06000018', 'W06000019', 'W06000020', 'W06000021', 'W06000022'];

/** An ONS area's name in the page language, or the code itself when we do not know it. */
export function areaName(code: string): string {
  return GWENT_AREAS.includes(code) ? t(`area.${code}` as Key) : code;
}

/** Where a transaction says it happened, in words. */
export function geoText(geo: Geo | undefined): string {
  if (!geo) return t('geo.none');
  if ('area' in geo) {
    const name = areaName(geo.area);
    return name === geo.area ? t('geo.areaCode', geo.area) : t('geo.area', name, geo.area);
  }
  return t('geo.coordinates', geo.lat, geo.lon);
}

/** The chart/table category of a geo-stamp. */
export function geoCategory(geo: Geo | undefined): string {
  if (!geo) return t('geo.none');
  return 'area' in geo ? areaName(geo.area) : t('geo.coordinatesShort');
}

// The ledger's own summaries of its transaction types, "English / Welsh", as the node's
// OpenAPI document publishes them (components `payload:<type>`). Fetched once per page.
let txTypeNames: Promise<Map<string, { en: string; cy: string }>> | undefined;
let knownTypes = new Map<string, { en: string; cy: string }>();

/** Fetches the type summaries once; txTypeName uses them from then on. */
export function loadTxTypeNames(): Promise<Map<string, { en: string; cy: string }>> {
  txTypeNames ??= getJson<{ components?: { schemas?: Record<string, { description?: unknown }> } }>(
    '/v1/openapi.json',
  )
    .then((r) => {
      const names = new Map<string, { en: string; cy: string }>();
      const schemas = r.ok ? (r.body.components?.schemas ?? {}) : {};
      for (const [id, s] of Object.entries(schemas)) {
        const d = s.description;
        if (!id.startsWith('payload:') || typeof d !== 'string') continue;
        const cut = d.indexOf(' / ');
        if (cut > 0) names.set(id.slice(8), { en: d.slice(0, cut), cy: d.slice(cut + 3) });
      }
      knownTypes = names;
      return names;
    })
    .catch(() => knownTypes); // the types are then shown as they are: no loss of meaning
  return txTypeNames;
}

/** A transaction type in words when the node has told us, else the type itself. */
export function txTypeName(type: string): string {
  return knownTypes.get(type)?.[currentLang()] ?? type;
}
