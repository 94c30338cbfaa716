// The business register (decision 0010), public: search by name or number, and an entry with
// its names in both languages, its licences (valid now or not) and its full history, each
// change linked to its transaction and receipt. `?q=` searches; `?number=GW000001` shows one.
import type { Child } from '../../shared/dom.js';
import { add, h, para, tr, view } from '../../shared/dom.js';
import type { Key } from '../../shared/i18n.js';
import { currentLang, lookup, t, useStrings } from '../../shared/i18n.js';
import { getJson } from '../../shared/api.js';
import { GWENT_AREAS } from '../../shared/format.js';
import { mountPage } from '../../shared/layout.js';
import { summaryList, summaryRow, timeEl } from '../live.js';
import { businesses } from './strings.js';

useStrings(businesses);

interface Name {
  readonly en: string;
  readonly cy?: string;
}
interface Summary {
  readonly number: string;
  readonly name: Name;
  readonly kind: string;
  readonly status: string;
  readonly officeArea: string;
  readonly registeredMs: number;
}
interface Licence {
  readonly id: string;
  readonly kind: string;
  readonly ref: string;
  readonly validFromMs: number;
  readonly validUntilMs: number;
  readonly status: string;
  readonly grantedByName: Name | null;
  readonly grantedBy: string;
}
interface HistoryEntry {
  readonly event: string;
  readonly timeMs: number;
  readonly txId: string;
  readonly by: string;
  readonly byName: Name | null;
  readonly licence?: { readonly kind: string };
}
interface Entry extends Summary {
  readonly registrarName: Name | null;
  readonly dissolvedMs?: number;
  readonly licences: readonly Licence[];
  readonly history: readonly HistoryEntry[];
}

const NUMBER_RE = /^GW[0-9]{6}$/;

/** A key built from data, used only when the dictionary has it (else the raw value is shown). */
function known(key: string): Key | undefined {
  try {
    lookup(key as Key);
    return key as Key;
  } catch {
    return undefined;
  }
}
const words = (prefix: string, value: string): Child => {
  const key = known(`${prefix}.${value}`);
  return key ? tr(key) : value;
};

/** A name in the page language (English when there is no Welsh one). */
const nameIn = (n: Name | null | undefined, fallback = ''): string =>
  n ? (currentLang() === 'cy' && n.cy ? n.cy : n.en) : fallback;

/** An area in both languages: "Casnewydd / Newport" (page language first). */
function areaBoth(code: string): string {
  if (!GWENT_AREAS.includes(code)) return code;
  const both = lookup(`area.${code}` as Key);
  if (both.en === both.cy) return both.en;
  return currentLang() === 'cy' ? `${both.cy} / ${both.en}` : `${both.en} / ${both.cy}`;
}

const textView = (draw: () => string) => view(h('span'), draw).el;

function statusTag(status: string): HTMLElement {
  const colour = status === 'registered' || status === 'valid' ? 'green' : 'grey';
  return h(
    'strong',
    { class: `govuk-tag govuk-tag--${colour}` },
    words(
      status === 'registered' || status === 'dissolved'
        ? 'explorer.business.status'
        : 'explorer.business.licence.status',
      status,
    ),
  );
}

// ---- search ---------------------------------------------------------------------------------

function searchForm(q: string): HTMLElement {
  return h(
    'form',
    { method: 'get', action: '/explorer/businesses/', role: 'search' },
    h(
      'div',
      { class: 'govuk-form-group' },
      h(
        'label',
        { class: 'govuk-label govuk-label--m', for: 'business-q' },
        tr('explorer.business.search.label'),
      ),
      h('div', { class: 'govuk-hint', id: 'business-q-hint' }, tr('explorer.business.search.hint')),
      h('input', {
        class: 'govuk-input',
        id: 'business-q',
        name: 'q',
        type: 'search',
        maxlength: 160,
        spellcheck: 'false',
        autocomplete: 'off',
        value: q,
        'aria-describedby': 'business-q-hint',
      }),
    ),
    h(
      'button',
      { class: 'govuk-button', type: 'submit', 'data-module': 'govuk-button' },
      tr('explorer.business.search.button'),
    ),
  );
}

function resultsTable(rows: readonly Summary[], caption: Key, q: string): HTMLElement {
  if (rows.length === 0) return para('explorer.business.search.none');
  return h(
    'table',
    { class: 'govuk-table govuk-table--small-text-until-tablet cadwyn-table-fit' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, tr(caption, q)),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        (
          [
            'explorer.business.col.number',
            'explorer.business.col.name',
            'explorer.business.col.area',
          ] as const
        ).map((k) => h('th', { scope: 'col', class: 'govuk-table__header' }, tr(k))),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      rows.map((b) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          h(
            'td',
            { class: 'govuk-table__cell' },
            h(
              'a',
              { class: 'govuk-link', href: `/explorer/businesses/?number=${b.number}` },
              b.number,
            ),
          ),
          h(
            'td',
            { class: 'govuk-table__cell' },
            h('span', { lang: 'en' }, b.name.en),
            b.name.cy ? [h('br'), h('span', { lang: 'cy' }, b.name.cy)] : null,
            h('br'),
            h(
              'span',
              { class: 'govuk-body-s cadwyn-muted' },
              words('explorer.business.kind', b.kind),
            ),
            ' ',
            b.status === 'dissolved' ? statusTag(b.status) : null,
          ),
          h(
            'td',
            { class: 'govuk-table__cell' },
            textView(() => areaBoth(b.officeArea)),
          ),
        ),
      ),
    ),
  );
}

function searchPage(q: string): Child {
  const results = h('div', { 'aria-live': 'polite' }, para('explorer.business.loading'));
  const path = q ? `/v1/businesses?q=${encodeURIComponent(q)}&limit=50` : '/v1/businesses?limit=20';
  void getJson<{ businesses: Summary[] }>(path)
    .then((r) => {
      if (!r.ok) {
        results.replaceChildren(
          h(
            'p',
            { class: 'govuk-error-message' },
            tr(
              r.problem.code === 'BUSINESS_QUERY_INVALID'
                ? 'explorer.business.search.invalid'
                : 'explorer.business.error',
            ),
          ),
        );
        return;
      }
      results.replaceChildren(
        resultsTable(
          r.body.businesses,
          q ? 'explorer.business.results.caption' : 'explorer.business.results.recent',
          q,
        ),
      );
    })
    .catch(() =>
      results.replaceChildren(
        h('p', { class: 'govuk-error-message' }, tr('explorer.business.error')),
      ),
    );
  return [
    h('h1', { class: 'govuk-heading-xl' }, tr('explorer.business.h1')),
    para('explorer.business.lead'),
    searchForm(q),
    results,
  ];
}

// ---- one entry ------------------------------------------------------------------------------

function licenceCard(l: Licence): HTMLElement {
  return h(
    'div',
    { class: 'govuk-!-margin-bottom-6' },
    h('h3', { class: 'govuk-heading-s' }, words('explorer.business.licence.kind', l.kind)),
    summaryList(
      summaryRow('explorer.business.licence.status', statusTag(l.status)),
      summaryRow(
        'explorer.business.licence.grantedBy',
        textView(() => nameIn(l.grantedByName, l.grantedBy)),
      ),
      summaryRow('explorer.business.licence.ref', h('span', { class: 'cadwyn-mono' }, l.ref)),
      summaryRow('explorer.business.licence.from', timeEl(l.validFromMs)),
      summaryRow('explorer.business.licence.until', timeEl(l.validUntilMs)),
    ),
  );
}

function historyItem(e: HistoryEntry): HTMLElement {
  const what: Child =
    e.licence && (e.event === 'licensed' || e.event === 'licence-revoked')
      ? textView(() =>
          t(
            e.event === 'licensed'
              ? 'explorer.business.event.licensed'
              : 'explorer.business.event.licence-revoked',
            t(
              (known(`explorer.business.licence.kind.${e.licence?.kind ?? ''}`) ??
                'explorer.business.licence.other') as Key,
            ),
          ),
        )
      : words('explorer.business.event', e.event);
  return h(
    'li',
    { class: 'govuk-!-margin-bottom-4' },
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-1' },
      h('strong', null, what),
      ' — ',
      timeEl(e.timeMs),
    ),
    h(
      'p',
      { class: 'govuk-body-s govuk-!-margin-bottom-1' },
      tr('explorer.business.history.by'),
      ' ',
      textView(() => nameIn(e.byName, e.by)),
    ),
    h(
      'p',
      { class: 'govuk-body-s' },
      h(
        'a',
        { class: 'govuk-link', href: `/v1/transactions/${e.txId}` },
        tr('explorer.business.history.tx'),
        h('span', { class: 'govuk-visually-hidden' }, ` ${e.txId}`),
      ),
      ' · ',
      h(
        'a',
        {
          class: 'govuk-link',
          href: `/v1/transactions/${e.txId}/receipt`,
          download: `${e.txId}.receipt.json`,
        },
        tr('explorer.tx.receipt'),
      ),
    ),
  );
}

function entryView(b: Entry): Child {
  return [
    h('span', { class: 'govuk-caption-l' }, b.number),
    h(
      'h1',
      { class: 'govuk-heading-xl' },
      textView(() => nameIn(b.name)),
    ),
    summaryList(
      summaryRow('explorer.business.col.number', h('span', { class: 'cadwyn-mono' }, b.number)),
      summaryRow('explorer.business.name.en', h('span', { lang: 'en' }, b.name.en)),
      summaryRow(
        'explorer.business.name.cy',
        b.name.cy ? h('span', { lang: 'cy' }, b.name.cy) : tr('explorer.business.name.none'),
      ),
      summaryRow('explorer.business.kind', words('explorer.business.kind', b.kind)),
      summaryRow('explorer.business.status', statusTag(b.status)),
      summaryRow(
        'explorer.business.col.area',
        textView(() => areaBoth(b.officeArea)),
      ),
      summaryRow('explorer.business.registered', timeEl(b.registeredMs)),
      b.dissolvedMs !== undefined
        ? summaryRow('explorer.business.dissolved', timeEl(b.dissolvedMs))
        : null,
      summaryRow(
        'explorer.business.registrar',
        textView(() => nameIn(b.registrarName)),
      ),
    ),
    h('h2', { class: 'govuk-heading-l' }, tr('explorer.business.licences.h2')),
    b.licences.length === 0 ? para('explorer.business.licences.none') : b.licences.map(licenceCard),
    h('h2', { class: 'govuk-heading-l' }, tr('explorer.business.history.h2')),
    para('explorer.business.history.intro'),
    h('ol', { class: 'govuk-list' }, b.history.map(historyItem)),
  ];
}

function entryPage(number: string): Child {
  const body = h('div', null, para('explorer.business.loading'));
  void getJson<Entry>(`/v1/businesses/${number}`)
    .then((r) => {
      if (r.ok) {
        body.replaceChildren();
        add(body, entryView(r.body));
      } else
        body.replaceChildren(
          h('h1', { class: 'govuk-heading-xl' }, tr('explorer.business.unknown.h1')),
          para(r.status === 404 ? 'explorer.business.unknown.body' : 'explorer.business.error'),
        );
    })
    .catch(() =>
      body.replaceChildren(h('p', { class: 'govuk-error-message' }, tr('explorer.business.error'))),
    );
  return body;
}

mountPage({
  face: 'explorer',
  name: 'explorer.business.title',
  main: () => {
    const params = new URLSearchParams(location.search);
    const number = (params.get('number') ?? '').trim().toUpperCase();
    const back = h(
      'a',
      {
        class: 'govuk-back-link',
        href: NUMBER_RE.test(number) ? '/explorer/businesses/' : '/explorer/',
      },
      tr(
        NUMBER_RE.test(number)
          ? 'explorer.business.back.search'
          : 'explorer.business.back.explorer',
      ),
    );
    return [back, NUMBER_RE.test(number) ? entryPage(number) : searchPage(params.get('q') ?? '')];
  },
});
