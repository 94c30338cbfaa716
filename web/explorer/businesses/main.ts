// The business register (decision 0010), public: search by name or number, and an entry with
// its names in both languages, its licences (valid now or not) and its full history, each
// change linked to its transaction and receipt. `?q=` searches; `?number=GW000001` shows one.
// Both follow the register's live changes (GET /v1/businesses/events) and say so politely.
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
  /** Found by a name it no longer holds: that name. */
  readonly formerly?: Name;
}
interface Reason {
  readonly code: string;
  readonly en: string;
  readonly cy: string;
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
  readonly changes?: { readonly [field: string]: { readonly from: unknown; readonly to: unknown } };
  readonly reason?: Reason;
}
interface Entry extends Summary {
  readonly registrarName: Name | null;
  readonly dissolvedMs?: number;
  readonly dissolveReason?: Reason;
  readonly formerNames?: readonly { readonly name: Name; readonly untilMs: number }[];
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

/** A reason given on the ledger in both languages, in the page language. */
const reasonIn = (r: Reason): string => (currentLang() === 'cy' ? r.cy : r.en);

const isName = (x: unknown): x is Name =>
  typeof x === 'object' && x !== null && typeof (x as { en?: unknown }).en === 'string';

/**
 * Calls `changed` (at most once a second) when the register changes, as the node's event
 * stream tells it; `concerns` picks the events that matter to the page.
 */
function followRegister(
  concerns: (e: { kind?: unknown; number?: unknown }) => boolean,
  changed: () => void,
): void {
  if (typeof EventSource === 'undefined') return;
  const events = new EventSource('/v1/businesses/events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  events.addEventListener('business', (m) => {
    let e: { kind?: unknown; number?: unknown };
    try {
      e = JSON.parse((m as MessageEvent<string>).data) as typeof e;
    } catch {
      return;
    }
    if (!concerns(e) || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      changed();
    }, 1000);
  });
  // Back after too long away to be told each change: read everything shown again.
  events.addEventListener('reset', () => changed());
  // EventSource reconnects by itself (with Last-Event-ID); it goes with the page.
  addEventListener('pagehide', () => events.close());
}

/** A polite live region: it says a change once, and stays on the page to say the next. */
function liveNotice(): { el: HTMLElement; say: (k: Key) => void } {
  const el = h('div', { 'aria-live': 'polite' });
  return {
    el,
    say: (k) => el.replaceChildren(h('p', { class: 'govuk-inset-text' }, tr(k))),
  };
}

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
            b.formerly
              ? [
                  h('br'),
                  h(
                    'span',
                    { class: 'govuk-body-s' },
                    textView(() => t('explorer.business.formerly', nameIn(b.formerly))),
                  ),
                ]
              : null,
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
  const notice = liveNotice();
  const path = q ? `/v1/businesses?q=${encodeURIComponent(q)}&limit=50` : '/v1/businesses?limit=20';
  let shown = '';
  // A change to any organisation may add to, remove from or reword the list: read it again, and
  // redraw (and say so) only when it differs.
  followRegister(
    (e) => typeof e.number === 'string',
    () =>
      void getJson<{ businesses: Summary[] }>(path)
        .then((r) => {
          if (!r.ok || JSON.stringify(r.body.businesses) === shown) return;
          shown = JSON.stringify(r.body.businesses);
          results.replaceChildren(
            resultsTable(
              r.body.businesses,
              q ? 'explorer.business.results.caption' : 'explorer.business.results.recent',
              q,
            ),
          );
          notice.say('explorer.business.live.list');
        })
        .catch(() => undefined),
  );
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
      shown = JSON.stringify(r.body.businesses);
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
    notice.el,
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
  const changes = e.changes ?? {};
  const name = changes.name;
  const area = changes.officeArea;
  const directors = changes.directors;
  const detail: Child[] = [
    name && isName(name.from) && isName(name.to)
      ? textView(() =>
          t('explorer.business.change.name', nameIn(name.from as Name), nameIn(name.to as Name)),
        )
      : null,
    area && typeof area.from === 'string' && typeof area.to === 'string'
      ? textView(() =>
          t(
            'explorer.business.change.officeArea',
            areaBoth(String(area.from)),
            areaBoth(String(area.to)),
          ),
        )
      : null,
    directors && Array.isArray(directors.from) && Array.isArray(directors.to)
      ? tr('explorer.business.change.directors', directors.from.length, directors.to.length)
      : null,
    e.reason
      ? textView(() => t('explorer.business.history.reason', reasonIn(e.reason as Reason)))
      : null,
  ].filter((c) => c !== null);
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
    detail.map((d) => h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, d)),
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
    b.status === 'dissolved'
      ? h(
          'div',
          { class: 'govuk-warning-text' },
          h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h('strong', { class: 'govuk-warning-text__text' }, tr('explorer.business.dissolvedNote')),
        )
      : null,
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
      b.dissolveReason
        ? summaryRow(
            'explorer.business.dissolveReason',
            textView(() => reasonIn(b.dissolveReason as Reason)),
          )
        : null,
      b.formerNames && b.formerNames.length > 0
        ? summaryRow(
            'explorer.business.formerNames',
            h(
              'ul',
              { class: 'govuk-list' },
              b.formerNames.map((f) =>
                h(
                  'li',
                  null,
                  h('span', { lang: 'en' }, f.name.en),
                  f.name.cy ? [' / ', h('span', { lang: 'cy' }, f.name.cy)] : null,
                  h(
                    'span',
                    { class: 'govuk-body-s cadwyn-muted' },
                    ' (',
                    tr('explorer.business.formerNames.until'),
                    ' ',
                    timeEl(f.untilMs),
                    ')',
                  ),
                ),
              ),
            ),
          )
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

/** The entry as shown: without the node's clock, which differs at every read. */
const entryKey = (e: Entry): string => JSON.stringify({ ...e, nowMs: undefined });

function entryPage(number: string): Child {
  const body = h('div', null, para('explorer.business.loading'));
  const notice = liveNotice();
  let shown = '';
  followRegister(
    (e) => e.number === number,
    () =>
      void getJson<Entry>(`/v1/businesses/${number}`)
        .then((r) => {
          if (!r.ok || entryKey(r.body) === shown) return;
          shown = entryKey(r.body);
          body.replaceChildren();
          add(body, entryView(r.body));
          notice.say('explorer.business.live.entry');
        })
        .catch(() => undefined),
  );
  void getJson<Entry>(`/v1/businesses/${number}`)
    .then((r) => {
      if (r.ok) {
        shown = entryKey(r.body);
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
  return [notice.el, body];
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
