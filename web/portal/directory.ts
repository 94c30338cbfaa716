// What the Portal looks up once and uses everywhere: the consortium's members (names in both
// languages, areas) and the credential types (names and claim labels in both languages).
import { getJson } from '../shared/api.js';
import { areaName } from '../shared/format.js';
import type { Bilingual } from './ui.js';
import { inLang, isBilingual, isPKey, pt } from './ui.js';

export interface Member {
  readonly did: string;
  readonly name: Bilingual;
  readonly area?: string;
  readonly roles: readonly string[];
}

export interface Validator {
  readonly name: string;
  readonly member: string;
  readonly publicKey: string;
}

export interface Consortium {
  readonly network?: string;
  readonly height?: number;
  readonly quorum?: number;
  readonly members: readonly Member[];
  readonly validators: readonly Validator[];
}

let consortium: Promise<Consortium> | undefined;
let known = new Map<string, Member>();

function readConsortium(x: unknown): Consortium {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const members = (Array.isArray(o.members) ? o.members : []).flatMap((m: unknown): Member[] => {
    const r = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (typeof r.did !== 'string' || !isBilingual(r.name)) return [];
    return [
      {
        did: r.did,
        name: { en: r.name.en, cy: r.name.cy },
        ...(typeof r.area === 'string' ? { area: r.area } : {}),
        roles: Array.isArray(r.roles) ? r.roles.filter((s) => typeof s === 'string') : [],
      },
    ];
  });
  const validators = (Array.isArray(o.validators) ? o.validators : []).flatMap(
    (v: unknown): Validator[] => {
      const r = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
      if (typeof r.name !== 'string' || typeof r.member !== 'string') return [];
      return [
        {
          name: r.name,
          member: r.member,
          publicKey: typeof r.publicKey === 'string' ? r.publicKey : '',
        },
      ];
    },
  );
  return {
    members,
    validators,
    ...(typeof o.network === 'string' ? { network: o.network } : {}),
    ...(typeof o.height === 'number' ? { height: o.height } : {}),
    ...(typeof o.quorum === 'number' ? { quorum: o.quorum } : {}),
  };
}

/** The consortium as the ledger holds it (fetched once; `fresh` fetches again). */
export function loadConsortium(fresh = false): Promise<Consortium> {
  if (fresh || !consortium) {
    const p = getJson('/v1/consortium').then((r) => {
      if (!r.ok) throw new Error(r.problem.code);
      const c = readConsortium(r.body);
      known = new Map(c.members.map((m) => [m.did, m]));
      return c;
    });
    p.catch(() => {
      if (consortium === p) consortium = undefined; // try again next time
    });
    consortium = p;
  }
  return consortium;
}

/** A member body by DID, once the consortium is loaded. */
export const memberOf = (did: string): Member | undefined => known.get(did);

/** A body's name in the page language: the ledger's name, the node's, or the DID itself. */
export function bodyName(did: string, given?: Bilingual | null): string {
  return inLang(given ?? memberOf(did)?.name, did);
}

/** A member role ('council', 'issuer'…) in words. */
export function memberRoleName(role: string): string {
  const k = `portal.memberRole.${role}`;
  return isPKey(k) ? pt(k) : role;
}

/** An ONS area code in words (the code itself when unknown). */
export const areaText = (code: string | undefined): string =>
  code ? areaName(code) : pt('portal.none');

// ---- credential types ---------------------------------------------------------------------------

export interface TypeInfo {
  readonly id: string;
  readonly vct: string;
  readonly name: Bilingual;
  readonly description?: Bilingual;
  /** Claim paths in order, with their labels from the type metadata. */
  readonly claims: readonly { path: readonly string[]; label: Bilingual }[];
}

let types: Promise<TypeInfo[]> | undefined;
let typesByVct = new Map<string, TypeInfo>();

function bilingualOf(
  list: unknown,
  field: 'name' | 'label' | 'description',
): Bilingual | undefined {
  if (!Array.isArray(list)) return undefined;
  const pick = (lang: string): string | undefined => {
    const d = list.find(
      (x: unknown) =>
        typeof x === 'object' &&
        x !== null &&
        ((x as { lang?: unknown }).lang === lang || (x as { locale?: unknown }).locale === lang),
    ) as Record<string, unknown> | undefined;
    const v = d?.[field];
    return typeof v === 'string' ? v : undefined;
  };
  const en = pick('en');
  const cy = pick('cy');
  return en || cy ? { en: en ?? cy ?? '', cy: cy ?? en ?? '' } : undefined;
}

function readTypes(x: unknown): TypeInfo[] {
  const list = (x as { types?: unknown } | undefined)?.types;
  if (!Array.isArray(list)) return [];
  return list.flatMap((t: unknown): TypeInfo[] => {
    const r = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    const meta = (r.metadata ?? {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || typeof r.vct !== 'string') return [];
    const name = bilingualOf(meta.display, 'name') ?? { en: r.id, cy: r.id };
    const description = bilingualOf(meta.display, 'description');
    const claims = (Array.isArray(meta.claims) ? meta.claims : []).flatMap((c: unknown) => {
      const cr = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      const path = Array.isArray(cr.path) ? cr.path.filter((p) => typeof p === 'string') : [];
      if (path.length === 0) return [];
      const label = bilingualOf(cr.display, 'label') ?? { en: path.join('.'), cy: path.join('.') };
      return [{ path, label }];
    });
    return [{ id: r.id, vct: r.vct, name, ...(description ? { description } : {}), claims }];
  });
}

/** Every credential type the node knows (GET /v1/credential-types), fetched once. */
export function loadTypes(): Promise<TypeInfo[]> {
  if (!types) {
    const p = getJson('/v1/credential-types').then((r) => {
      if (!r.ok) throw new Error(r.problem.code);
      const list = readTypes(r.body);
      typesByVct = new Map(list.map((t) => [t.vct, t]));
      return list;
    });
    p.catch(() => {
      if (types === p) types = undefined;
    });
    types = p;
  }
  return types;
}

export const typeOf = (vct: string): TypeInfo | undefined => typesByVct.get(vct);

/** A claim's label: the Portal's words for the claims it knows, else the type metadata's. */
export function claimLabel(path: readonly string[], vct?: string): string {
  const k = `portal.claim.${path.join('.')}`;
  if (isPKey(k)) return pt(k);
  const fromType = vct
    ? typeOf(vct)?.claims.find((c) => c.path.join('.') === path.join('.'))?.label
    : undefined;
  return inLang(fromType, path.join('.'));
}

/** A data category code ('housing') in words. */
export function categoryName(code: string): string {
  const k = `portal.category.${code}`;
  return isPKey(k) ? pt(k) : code;
}

/** A purpose code ('care-planning') in words. */
export function purposeName(code: string): string {
  const k = `portal.purpose.${code}`;
  return isPKey(k) ? pt(k) : code;
}

export const CATEGORIES = [
  'housing',
  'council-tax',
  'blue-badge',
  'contact-details',
  'health-summary',
  'social-care',
] as const;

export const PURPOSES = [
  'care-planning',
  'parking-permit',
  'benefits-assessment',
  'housing-application',
  'council-tax-reduction',
] as const;

/** A problem code said plainly; unknown codes get a general sentence that names the code. */
export function problemText(code: string): string {
  const k = `portal.problem.${code}`;
  return isPKey(k) ? pt(k) : pt('portal.problem.other', code);
}
