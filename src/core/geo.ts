// Geo-stamps (DESIGN.md): an ONS area code, or coordinates where the process needs a place.
import type { Result } from './result.js';
import { fail } from './result.js';

export type Geo = { readonly area: string } | { readonly lat: number; readonly lon: number };

/** ONS GSS codes: one letter for the nation and entity, eight digits (e.g. W06000022). */
export const ONS_AREA_RE = /^[EWSNKLMJ][0-9]{8}$/;

/** Seven decimal places is ~1 cm: more is noise, and noise is a fingerprint. */
const MAX_DECIMALS = 7;

function decimals(x: number): number {
  const s = String(x);
  if (s.includes('e')) return Infinity;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export function parseGeo(x: unknown): Result<Geo, 'GEO_INVALID'> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return fail('GEO_INVALID', 'geo must be an object');
  }
  const keys = Object.keys(x).sort().join(',');
  const g = x as Record<string, unknown>;
  if (keys === 'area') {
    if (typeof g.area !== 'string' || !ONS_AREA_RE.test(g.area)) {
      return fail('GEO_INVALID', 'area must be an ONS code such as W06000022');
    }
    return { ok: true, value: { area: g.area } };
  }
  if (keys === 'lat,lon') {
    const { lat, lon } = g;
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
      return fail('GEO_INVALID', 'lat must be a number in [-90, 90]');
    }
    if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
      return fail('GEO_INVALID', 'lon must be a number in [-180, 180]');
    }
    if (decimals(lat) > MAX_DECIMALS || decimals(lon) > MAX_DECIMALS) {
      return fail('GEO_INVALID', `coordinates have at most ${MAX_DECIMALS} decimals`);
    }
    return { ok: true, value: { lat, lon } };
  }
  return fail('GEO_INVALID', 'geo is {area} or {lat, lon}');
}
