// Consents and the access log (auditor role): every consent the body holds data under or asks
// under, and every data request it answered or made, served or refused, as the ledger has them.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import type { ViewContext } from './app.js';
import { Refused, loaded } from './app.js';
import { get } from './client.js';
import { bodyName, categoryName, loadConsortium, problemText, purposeName } from './directory.js';
import type { Bilingual, PKey, TagColour } from './ui.js';
import { code, dyn, h1, inLang, isBilingual, ppara, ptr, table, tag, timeEl } from './ui.js';

const obj = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {};
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
const num = (x: unknown): number => (typeof x === 'number' ? x : NaN);
const nameOrNull = (x: unknown): Bilingual | null => (isBilingual(x) ? x : null);

/** Who is on the other side, and which way the data goes. */
function who(
  role: string,
  holder: string,
  holderName: Bilingual | null,
  requester: string,
  requesterName: Bilingual | null,
): Child {
  const asksUs = role === 'holder';
  const other = asksUs ? requester : holder;
  const name = asksUs ? requesterName : holderName;
  return [
    h(
      'strong',
      null,
      dyn(() => bodyName(other, name)),
    ),
    h('br'),
    h(
      'span',
      { class: 'cadwyn-muted' },
      ptr(asksUs ? 'portal.audit.asksUs' : 'portal.audit.weAsk'),
    ),
  ];
}

// ---- consents -----------------------------------------------------------------------------------

interface ConsentRow {
  readonly id: string;
  /** The citizen’s pseudonym toward the holder. */
  readonly subject: string;
  readonly holder: string;
  readonly requester: string;
  readonly holderName: Bilingual | null;
  readonly requesterName: Bilingual | null;
  readonly role: string;
  readonly status: string;
  readonly purpose: Bilingual & { readonly code: string };
  readonly categories: readonly string[];
  readonly grantedMs: number;
  readonly expiresMs: number;
  readonly withdrawnMs?: number;
}

function readConsents(x: unknown): ConsentRow[] {
  const list = obj(x).consents;
  if (!Array.isArray(list)) return [];
  return list.map((c: unknown): ConsentRow => {
    const o = obj(c);
    const p = obj(o.purpose);
    return {
      id: str(o.id),
      subject: str(o.subject),
      holder: str(o.holder),
      requester: str(o.requester),
      holderName: nameOrNull(o.holderName),
      requesterName: nameOrNull(o.requesterName),
      role: str(o.role),
      status: str(o.status),
      purpose: { code: str(p.code), en: str(p.en), cy: str(p.cy) },
      categories: Array.isArray(o.categories)
        ? o.categories.filter((s) => typeof s === 'string')
        : [],
      grantedMs: num(o.grantedMs),
      expiresMs: num(o.expiresMs),
      ...(typeof o.withdrawnMs === 'number' ? { withdrawnMs: o.withdrawnMs } : {}),
    };
  });
}

const CONSENT_STATUS: Readonly<Record<string, [PKey, TagColour]>> = {
  active: ['portal.consents.status.active', 'green'],
  withdrawn: ['portal.consents.status.withdrawn', 'grey'],
  expired: ['portal.consents.status.expired', 'yellow'],
};

export function consentsView(ctx: ViewContext): Child {
  const slug = encodeURIComponent(ctx.session.body.slug);
  const list = loaded(
    ctx,
    async () => {
      const [r] = await Promise.all([
        get<unknown>(`/v1/bodies/${slug}/consents`, { signal: ctx.signal }),
        loadConsortium().catch(() => undefined),
      ]);
      if (!r.ok) throw new Refused(r.problem);
      return readConsents(r.body);
    },
    (rows) => {
      if (rows.length === 0) return ppara('portal.consents.none');
      return table(
        ptr('portal.consents.caption', rows.length),
        [
          'portal.audit.col.who',
          'portal.consents.col.data',
          'portal.audit.col.purpose',
          'portal.consents.col.dates',
          'portal.audit.col.status',
          'portal.consents.col.id',
        ],
        rows.map((c) => {
          const [k, colour] = CONSENT_STATUS[c.status] ?? [
            'portal.consents.status.unknown',
            'grey',
          ];
          const askHere = c.role === 'requester' && c.status === 'active' && ctx.can('registrar');
          // The holder learns the citizen's pseudonym from the consent: its record goes under it.
          const recordHere = c.role === 'holder' && c.status === 'active' && ctx.can('registrar');
          return [
            who(c.role, c.holder, c.holderName, c.requester, c.requesterName),
            dyn(() => c.categories.map(categoryName).join(', ')),
            dyn(() => (c.purpose.en ? inLang(c.purpose) : purposeName(c.purpose.code))),
            [
              ptr('portal.consents.given'),
              ' ',
              timeEl(c.grantedMs),
              h('br'),
              c.withdrawnMs !== undefined
                ? [ptr('portal.consents.withdrawnOn'), ' ', timeEl(c.withdrawnMs)]
                : [ptr('portal.consents.expires'), ' ', timeEl(c.expiresMs)],
            ],
            tag(k, colour),
            [
              code(`${c.id.slice(0, 12)}…`),
              askHere
                ? [
                    h('br'),
                    h(
                      'a',
                      {
                        class: 'govuk-link',
                        href: ctx.href('exchange', {
                          consent: c.id,
                          holder: c.holder,
                          category: c.categories[0] ?? '',
                          purpose: c.purpose.code,
                        }),
                      },
                      ptr('portal.consents.askLink'),
                    ),
                  ]
                : null,
              recordHere
                ? [
                    h('br'),
                    h(
                      'a',
                      {
                        class: 'govuk-link',
                        href: ctx.href('exchange', { subject: c.subject }),
                      },
                      ptr('portal.consents.recordLink'),
                    ),
                  ]
                : null,
            ],
          ];
        }),
      );
    },
  );
  return [h1('portal.consents.h1'), ppara('portal.consents.lead'), list.el];
}

// ---- the access log -----------------------------------------------------------------------------

interface AccessRow {
  readonly requestId: string;
  readonly holder: string;
  readonly requester: string;
  readonly holderName: Bilingual | null;
  readonly requesterName: Bilingual | null;
  readonly role: string;
  readonly category: string;
  readonly purpose: string;
  readonly outcome: string;
  readonly reason?: string;
  readonly txId: string;
  readonly timeMs: number;
}

function readAccess(x: unknown): AccessRow[] {
  const list = obj(x).accessRecords;
  if (!Array.isArray(list)) return [];
  return list.map((r: unknown): AccessRow => {
    const o = obj(r);
    return {
      requestId: str(o.requestId),
      holder: str(o.holder),
      requester: str(o.requester),
      holderName: nameOrNull(o.holderName),
      requesterName: nameOrNull(o.requesterName),
      role: str(o.role),
      category: str(o.category),
      purpose: str(o.purpose),
      outcome: str(o.outcome),
      ...(typeof o.reason === 'string' ? { reason: o.reason } : {}),
      txId: str(o.txId),
      timeMs: num(o.timeMs),
    };
  });
}

/** A refusal's reason ('no-record') in words: the code it was made from ('NO_RECORD'). */
export const reasonText = (reason: string): string =>
  problemText(reason.toUpperCase().replace(/-/g, '_'));

export function accessView(ctx: ViewContext): Child {
  const slug = encodeURIComponent(ctx.session.body.slug);
  const list = loaded(
    ctx,
    async () => {
      const [r] = await Promise.all([
        get<unknown>(`/v1/bodies/${slug}/access-records`, { signal: ctx.signal }),
        loadConsortium().catch(() => undefined),
      ]);
      if (!r.ok) throw new Refused(r.problem);
      return readAccess(r.body);
    },
    (rows) => {
      if (rows.length === 0) return ppara('portal.access.none');
      return table(
        ptr('portal.access.caption', rows.length),
        [
          'portal.access.col.when',
          'portal.audit.col.who',
          'portal.access.col.data',
          'portal.audit.col.purpose',
          'portal.access.col.outcome',
          'portal.access.col.record',
        ],
        rows.map((r) => {
          const served = r.outcome === 'served';
          const reason = r.reason;
          return [
            timeEl(r.timeMs),
            who(r.role, r.holder, r.holderName, r.requester, r.requesterName),
            dyn(() => categoryName(r.category)),
            dyn(() => purposeName(r.purpose)),
            [
              tag(
                served ? 'portal.access.served' : 'portal.access.refused',
                served ? 'green' : 'red',
              ),
              !served && reason ? [h('br'), dyn(() => reasonText(reason))] : null,
            ],
            code(`${r.txId.slice(0, 12)}…`),
          ];
        }),
      );
    },
  );
  return [h1('portal.access.h1'), ppara('portal.access.lead'), list.el];
}
