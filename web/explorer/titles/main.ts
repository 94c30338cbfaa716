// The property title register (decision 0012), public: look up a title by number or UPRN; a
// title's register entry (owners only counted), its charges, restrictions and history; a
// transfer's progress as a list of steps, who has signed, what it waits for, and the chain it
// is in. `?q=` looks up; `?title=CYM512001` shows a title; `?transfer=<id>` a transfer. Each
// follows the register's live changes (GET /v1/titles/events) and says so politely.
import type { Child } from '../../shared/dom.js';
import { add, h, tr, view } from '../../shared/dom.js';
import type { Arg, Key } from '../../shared/i18n.js';
import { currentLang, lookup, useStrings } from '../../shared/i18n.js';
import { getJson } from '../../shared/api.js';
import { geoText, GWENT_AREAS } from '../../shared/format.js';
import type { Geo } from '../../../src/core/geo.js';
import { mountPage } from '../../shared/layout.js';
import { summaryList, summaryRow, timeEl } from '../live.js';
import { titles } from './strings.js';

useStrings(titles);

// The page dictionary is registered at run time; until the shared Key type lists it, its keys
// are checked here against the dictionary itself.
type TitleKey = keyof typeof titles;
const k = (key: TitleKey): Key => key as unknown as Key;
const trk = (key: TitleKey, ...args: Arg[]) => tr(k(key), ...args);
const parak = (key: TitleKey, ...args: Arg[]) => h('p', { class: 'govuk-body' }, trk(key, ...args));

interface Name {
  readonly en: string;
  readonly cy: string;
}
interface Charge {
  readonly ref: string;
  readonly lender: string;
  readonly lenderName: Name | null;
}
interface Restriction {
  readonly ref: string;
  readonly kind: string;
  readonly blocksTransfer: boolean;
}
interface TitleHistoryEntry {
  readonly event: string;
  readonly by: string;
  readonly byName: Name | null;
  readonly timeMs: number;
  readonly txId: string;
  readonly transfer?: string;
  readonly charge?: { readonly ref: string };
  readonly restriction?: { readonly ref: string };
  readonly geo?: Geo;
}
interface TitleView {
  readonly titleNumber: string;
  readonly uprn: string;
  readonly tenure: string;
  readonly area: string;
  readonly ownerCount: number;
  readonly registrarName: Name | null;
  readonly registrar: string;
  readonly registeredMs: number;
  readonly charges: readonly Charge[];
  readonly restrictions: readonly Restriction[];
  readonly transferInProgress: { readonly id: string; readonly stage: string } | null;
  readonly history?: readonly TitleHistoryEntry[];
}
interface Stamp {
  readonly timeMs: number;
  readonly txId: string;
}
interface Party {
  readonly did: string;
  readonly roles: readonly string[];
  readonly name: Name | null;
  readonly signed: Stamp | null;
}
interface Waiting {
  readonly step: string;
  readonly party: string;
  readonly roles: readonly string[];
}
interface TransferHistoryEntry {
  readonly event: string;
  readonly by: string;
  readonly byName: Name | null;
  readonly roles: readonly string[];
  readonly timeMs: number;
  readonly txId: string;
  readonly geo?: Geo;
}
interface TransferView {
  readonly id: string;
  readonly titleNumber: string;
  readonly stage: string;
  readonly registrar: string;
  readonly registrarName: Name | null;
  readonly priceBand?: string;
  readonly reason?: { readonly en: string; readonly cy: string };
  readonly parties: readonly Party[];
  readonly funds: readonly {
    readonly did: string;
    readonly roles: readonly string[];
    readonly confirmed: Stamp | null;
  }[];
  readonly waitingFor: readonly Waiting[];
  readonly history: readonly TransferHistoryEntry[];
}
interface ChainView {
  readonly transfers: readonly {
    readonly id: string;
    readonly titleNumber: string;
    readonly stage: string;
    readonly waitingFor: readonly Waiting[];
  }[];
  readonly holdingUp: readonly string[];
}

const TITLE_RE = /^[A-Z]{2,3}[0-9]{1,6}$/;
const UPRN_RE = /^[0-9]{1,12}$/;
const ID_RE = /^[0-9a-f]{64}$/;

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

const textView = (draw: () => string) => view(h('span'), draw).el;
const nameIn = (n: Name | null | undefined, fallback = ''): string =>
  n ? (currentLang() === 'cy' ? n.cy : n.en) : fallback;

/** An area in both languages: "Casnewydd / Newport" (page language first). */
function areaBoth(code: string): string {
  if (!GWENT_AREAS.includes(code)) return code;
  const both = lookup(`area.${code}` as Key);
  if (both.en === both.cy) return both.en;
  return currentLang() === 'cy' ? `${both.cy} / ${both.en}` : `${both.en} / ${both.cy}`;
}

/** A pseudonym is long and means nothing to read aloud: its start and end, the rest on hover. */
function shortRef(did: string): HTMLElement {
  const short = did.length > 28 ? `${did.slice(0, 16)}…${did.slice(-6)}` : did;
  return h('span', { class: 'cadwyn-mono', title: did }, short);
}

/** A party: the body's name when it is a member, else its reference. */
const partyEl = (did: string, name: Name | null): Child =>
  name ? textView(() => nameIn(name)) : shortRef(did);

const rolesText = (roles: readonly string[]): Child =>
  roles.map((r, i) => [i > 0 ? ', ' : '', words('explorer.transfer.role', r)]);

function tag(colour: string, child: Child): HTMLElement {
  return h('strong', { class: `govuk-tag govuk-tag--${colour}` }, child);
}
const stageColour = (stage: string) =>
  stage === 'registered' ? 'green' : stage === 'withdrawn' || stage === 'refused' ? 'grey' : 'blue';
const stageTag = (stage: string) =>
  tag(stageColour(stage), words('explorer.transfer.stage', stage));

function receiptLinks(txId: string): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body-s' },
    h(
      'a',
      { class: 'govuk-link', href: `/v1/transactions/${txId}` },
      trk('explorer.title.history.tx'),
      h('span', { class: 'govuk-visually-hidden' }, ` ${txId}`),
    ),
    ' · ',
    h(
      'a',
      {
        class: 'govuk-link',
        href: `/v1/transactions/${txId}/receipt`,
        download: `${txId}.receipt.json`,
      },
      tr('explorer.tx.receipt'),
    ),
  );
}

/** Where the transaction says it happened (every title transaction carries a place). */
function wherePara(geo: Geo | undefined): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body-s govuk-!-margin-bottom-1' },
    trk('explorer.title.history.where'),
    ': ',
    textView(() => geoText(geo)),
  );
}

function errorPara(key: TitleKey): HTMLElement {
  return h('p', { class: 'govuk-error-message' }, trk(key));
}

/** A change as the stream sends it (`event: title`): a title number, a transfer and its links. */
interface TitleChange {
  readonly kind: string;
  readonly title: string;
  readonly transfer?: string;
  readonly linked: readonly string[];
}

/**
 * Calls `changed` (at most once a second) when the register changes, as the node's event
 * stream tells it; `concerns` picks the events that matter to the page.
 */
function followTitles(concerns: (e: TitleChange) => boolean, changed: () => void): void {
  if (typeof EventSource === 'undefined') return;
  const events = new EventSource('/v1/titles/events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  events.addEventListener('title', (m) => {
    let e: { kind?: unknown; title?: unknown; transfer?: unknown; linked?: unknown };
    try {
      e = JSON.parse((m as MessageEvent<string>).data) as typeof e;
    } catch {
      return;
    }
    if (typeof e.kind !== 'string' || typeof e.title !== 'string') return;
    const change: TitleChange = {
      kind: e.kind,
      title: e.title,
      ...(typeof e.transfer === 'string' ? { transfer: e.transfer } : {}),
      linked: Array.isArray(e.linked) ? e.linked.filter((l) => typeof l === 'string') : [],
    };
    if (!concerns(change) || timer !== undefined) return;
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
function liveNotice(): { el: HTMLElement; say: (key: TitleKey) => void } {
  const el = h('div', { 'aria-live': 'polite' });
  return {
    el,
    say: (key) => el.replaceChildren(h('p', { class: 'govuk-inset-text' }, trk(key))),
  };
}

// ---- look-up ----------------------------------------------------------------------------------

function searchForm(q: string): HTMLElement {
  return h(
    'form',
    { method: 'get', action: '/explorer/titles/', role: 'search' },
    h(
      'div',
      { class: 'govuk-form-group' },
      h(
        'label',
        { class: 'govuk-label govuk-label--m', for: 'title-q' },
        trk('explorer.title.search.label'),
      ),
      h('div', { class: 'govuk-hint', id: 'title-q-hint' }, trk('explorer.title.search.hint')),
      h('input', {
        class: 'govuk-input govuk-input--width-20',
        id: 'title-q',
        name: 'q',
        type: 'search',
        maxlength: 20,
        spellcheck: 'false',
        autocomplete: 'off',
        value: q,
        'aria-describedby': 'title-q-hint',
      }),
    ),
    h(
      'button',
      { class: 'govuk-button', type: 'submit', 'data-module': 'govuk-button' },
      trk('explorer.title.search.button'),
    ),
  );
}

function titlesTable(rows: readonly TitleView[], caption: Child): HTMLElement {
  if (rows.length === 0) return parak('explorer.title.search.none');
  const cols: TitleKey[] = [
    'explorer.title.col.number',
    'explorer.title.uprn',
    'explorer.title.col.tenure',
    'explorer.title.col.area',
    'explorer.title.col.transfer',
  ];
  return h(
    'table',
    { class: 'govuk-table govuk-table--small-text-until-tablet cadwyn-table-fit' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, caption),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        cols.map((c) => h('th', { scope: 'col', class: 'govuk-table__header' }, trk(c))),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      rows.map((x) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          h(
            'td',
            { class: 'govuk-table__cell' },
            h(
              'a',
              { class: 'govuk-link', href: `/explorer/titles/?title=${x.titleNumber}` },
              x.titleNumber,
            ),
          ),
          h('td', { class: 'govuk-table__cell cadwyn-mono' }, x.uprn),
          h('td', { class: 'govuk-table__cell' }, words('explorer.title.tenure', x.tenure)),
          h(
            'td',
            { class: 'govuk-table__cell' },
            textView(() => areaBoth(x.area)),
          ),
          h(
            'td',
            { class: 'govuk-table__cell' },
            x.transferInProgress
              ? h(
                  'a',
                  {
                    class: 'govuk-link',
                    href: `/explorer/titles/?transfer=${x.transferInProgress.id}`,
                  },
                  words('explorer.transfer.stage', x.transferInProgress.stage),
                )
              : trk('explorer.title.none'),
          ),
        ),
      ),
    ),
  );
}

function searchPage(q: string): Child {
  const results = h('div', { 'aria-live': 'polite' }, parak('explorer.title.loading'));
  const notice = liveNotice();
  const wanted = q.trim().toUpperCase();
  const invalid = wanted !== '' && !UPRN_RE.test(wanted) && !TITLE_RE.test(wanted);
  if (TITLE_RE.test(wanted)) {
    // A title number goes straight to its entry.
    location.replace(`/explorer/titles/?title=${encodeURIComponent(wanted)}`);
  } else if (invalid) {
    results.replaceChildren(errorPara('explorer.title.search.invalid'));
  } else {
    const path = wanted
      ? `/v1/titles?uprn=${encodeURIComponent(wanted)}&limit=50`
      : '/v1/titles?limit=50';
    // What the list shows, so a change on the ledger redraws it only when it reads differently.
    let shown = '';
    let numbers = new Set<string>();
    const read = () =>
      getJson<{ uprn: string | null; titles: TitleView[] }>(path).then((r) => {
        if (!r.ok) {
          if (shown === '') {
            results.replaceChildren(
              errorPara(
                r.problem.code === 'TITLE_QUERY_INVALID'
                  ? 'explorer.title.search.invalid'
                  : 'explorer.title.error',
              ),
            );
          }
          return false;
        }
        if (JSON.stringify(r.body.titles) === shown) return false;
        shown = JSON.stringify(r.body.titles);
        numbers = new Set(r.body.titles.map((x) => x.titleNumber));
        const uprn = r.body.uprn;
        results.replaceChildren(
          titlesTable(
            r.body.titles,
            uprn ? trk('explorer.title.results.uprn', uprn) : trk('explorer.title.results.all'),
          ),
        );
        return true;
      });
    void read().catch(() => results.replaceChildren(errorPara('explorer.title.error')));
    // A new title may join the list; a shown one may change (a transfer begun, a restriction).
    followTitles(
      (e) => e.kind === 'title-registered' || numbers.has(e.title),
      () =>
        void read()
          .then((drawn) => {
            if (drawn) notice.say('explorer.title.live.list');
          })
          .catch(() => undefined),
    );
  }
  return [
    h('h1', { class: 'govuk-heading-xl' }, trk('explorer.title.h1')),
    parak('explorer.title.lead'),
    searchForm(q),
    notice.el,
    results,
  ];
}

// ---- one title --------------------------------------------------------------------------------

function titleHistoryItem(e: TitleHistoryEntry): HTMLElement {
  const detail = e.charge?.ref ?? e.restriction?.ref;
  return h(
    'li',
    { class: 'govuk-!-margin-bottom-4' },
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-1' },
      h('strong', null, words('explorer.title.event', e.event)),
      detail ? [' (', h('span', { class: 'cadwyn-mono' }, detail), ')'] : null,
      ' — ',
      timeEl(e.timeMs),
    ),
    e.transfer
      ? h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-1' },
          h(
            'a',
            { class: 'govuk-link', href: `/explorer/titles/?transfer=${e.transfer}` },
            trk('explorer.title.transfer.link'),
          ),
        )
      : null,
    h(
      'p',
      { class: 'govuk-body-s govuk-!-margin-bottom-1' },
      trk('explorer.title.history.by'),
      ' ',
      partyEl(e.by, e.byName),
    ),
    wherePara(e.geo),
    receiptLinks(e.txId),
  );
}

function titleView(x: TitleView): Child {
  return [
    h('span', { class: 'govuk-caption-l' }, trk('explorer.title.title')),
    h('h1', { class: 'govuk-heading-xl' }, x.titleNumber),
    summaryList(
      summaryRow(
        k('explorer.title.col.number'),
        h('span', { class: 'cadwyn-mono' }, x.titleNumber),
      ),
      summaryRow(k('explorer.title.uprn'), h('span', { class: 'cadwyn-mono' }, x.uprn)),
      summaryRow(k('explorer.title.col.tenure'), words('explorer.title.tenure', x.tenure)),
      summaryRow(
        k('explorer.title.col.area'),
        textView(() => areaBoth(x.area)),
      ),
      summaryRow(
        k('explorer.title.owners'),
        trk('explorer.title.owners.count', x.ownerCount),
        h('p', { class: 'govuk-body-s cadwyn-muted' }, trk('explorer.title.owners.hint')),
      ),
      summaryRow(k('explorer.title.registrar'), partyEl(x.registrar, x.registrarName)),
      summaryRow(k('explorer.title.registered'), timeEl(x.registeredMs)),
      summaryRow(
        k('explorer.title.col.transfer'),
        x.transferInProgress
          ? h(
              'a',
              {
                class: 'govuk-link',
                href: `/explorer/titles/?transfer=${x.transferInProgress.id}`,
              },
              words('explorer.transfer.stage', x.transferInProgress.stage),
            )
          : trk('explorer.title.none'),
      ),
    ),
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.title.charges.h2')),
    x.charges.length === 0
      ? parak('explorer.title.charges.none')
      : summaryList(
          x.charges.map((c) =>
            summaryRow(
              k('explorer.title.charge.ref'),
              h('span', { class: 'cadwyn-mono' }, c.ref),
              h('br'),
              trk('explorer.title.charge.lender'),
              ': ',
              partyEl(c.lender, c.lenderName),
            ),
          ),
        ),
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.title.restrictions.h2')),
    x.restrictions.length === 0
      ? parak('explorer.title.restrictions.none')
      : h(
          'ul',
          { class: 'govuk-list govuk-list--bullet' },
          x.restrictions.map((r) =>
            h(
              'li',
              null,
              words('explorer.title.restriction.kind', r.kind),
              ' (',
              h('span', { class: 'cadwyn-mono' }, r.ref),
              ') ',
              r.blocksTransfer
                ? tag('red', trk('explorer.title.restriction.blocks'))
                : tag('grey', trk('explorer.title.restriction.informs')),
            ),
          ),
        ),
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.title.history.h2')),
    parak('explorer.title.history.intro'),
    h('ol', { class: 'govuk-list' }, (x.history ?? []).map(titleHistoryItem)),
  ];
}

function titlePage(titleNumber: string): Child {
  const body = h('div', null, parak('explorer.title.loading'));
  const notice = liveNotice();
  let shown = '';
  const read = () =>
    getJson<TitleView>(`/v1/titles/${encodeURIComponent(titleNumber)}`).then((r) => {
      if (!r.ok) {
        if (shown !== '') return false;
        body.replaceChildren();
        add(
          body,
          h('h1', { class: 'govuk-heading-xl' }, trk('explorer.title.unknown.h1')),
          parak(r.status === 404 ? 'explorer.title.unknown.body' : 'explorer.title.error'),
        );
        return false;
      }
      if (JSON.stringify(r.body) === shown) return false;
      shown = JSON.stringify(r.body);
      body.replaceChildren();
      add(body, titleView(r.body));
      return true;
    });
  void read().catch(() => body.replaceChildren(errorPara('explorer.title.error')));
  // Every event names its title: a transfer's steps show here as the transfer in progress.
  followTitles(
    (e) => e.title === titleNumber,
    () =>
      void read()
        .then((drawn) => {
          if (drawn) notice.say('explorer.title.live.title');
        })
        .catch(() => undefined),
  );
  return [notice.el, body];
}

// ---- one transfer -----------------------------------------------------------------------------

type StepState = 'done' | 'waiting' | 'later' | 'stopped';
const STEP_ORDER = ['drafted', 'approve', 'sign', 'confirmFunds', 'complete', 'register'] as const;
const STATUS_COLOUR: { readonly [S in StepState]: string } = {
  done: 'green',
  waiting: 'yellow',
  later: 'grey',
  stopped: 'red',
};

/** Each step done or not, from what the ledger recorded; the first not done waits (or stopped). */
function stepStates(x: TransferView): { readonly [S in (typeof STEP_ORDER)[number]]: StepState } {
  const happened = (e: string) => x.history.some((h) => h.event === e);
  const done: Record<(typeof STEP_ORDER)[number], boolean> = {
    drafted: true,
    approve: happened('approve'),
    sign: x.parties.every((p) => p.signed !== null),
    confirmFunds: x.funds.every((f) => f.confirmed !== null),
    complete: happened('complete'),
    register: happened('register'),
  };
  const closed = x.stage === 'withdrawn' || x.stage === 'refused';
  let first = true;
  const out = {} as Record<(typeof STEP_ORDER)[number], StepState>;
  for (const s of STEP_ORDER) {
    if (done[s] && first) out[s] = 'done';
    else if (first) {
      out[s] = closed ? 'stopped' : 'waiting';
      first = false;
    } else out[s] = 'later';
  }
  return out;
}

function stepList(x: TransferView): HTMLElement {
  const states = stepStates(x);
  const sub = (s: (typeof STEP_ORDER)[number]): Child => {
    if (s === 'sign') {
      return h(
        'ul',
        { class: 'govuk-list govuk-body-s' },
        x.parties.map((p) =>
          h(
            'li',
            null,
            rolesText(p.roles),
            ' — ',
            partyEl(p.did, p.name),
            ': ',
            p.signed
              ? [trk('explorer.transfer.signed'), ' (', timeEl(p.signed.timeMs), ')']
              : h('strong', null, trk('explorer.transfer.notSigned')),
          ),
        ),
      );
    }
    if (s === 'confirmFunds') {
      return h(
        'ul',
        { class: 'govuk-list govuk-body-s' },
        x.funds.map((f) =>
          h(
            'li',
            null,
            rolesText(f.roles),
            ' — ',
            shortRef(f.did),
            ': ',
            f.confirmed
              ? [trk('explorer.transfer.confirmed'), ' (', timeEl(f.confirmed.timeMs), ')']
              : h('strong', null, trk('explorer.transfer.notConfirmed')),
          ),
        ),
      );
    }
    const at = x.history.find((e) => e.event === s);
    return at ? h('p', { class: 'govuk-body-s' }, timeEl(at.timeMs)) : null;
  };
  return h(
    'ol',
    { class: 'govuk-list govuk-list--number' },
    STEP_ORDER.map((s) =>
      h(
        'li',
        { class: 'govuk-!-margin-bottom-4' },
        h(
          'p',
          { class: 'govuk-body govuk-!-margin-bottom-1' },
          words('explorer.transfer.step', s),
          ' ',
          tag(STATUS_COLOUR[states[s]], words('explorer.transfer.status', states[s])),
        ),
        sub(s),
      ),
    ),
  );
}

function waitingList(x: TransferView): Child {
  if (x.waitingFor.length === 0) return parak('explorer.transfer.waiting.none');
  const nameOf = (did: string) =>
    x.parties.find((p) => p.did === did)?.name ?? (did === x.registrar ? x.registrarName : null);
  return h(
    'ul',
    { class: 'govuk-list govuk-list--bullet' },
    x.waitingFor.map((w) =>
      h(
        'li',
        null,
        words('explorer.transfer.todo', w.step),
        ' — ',
        rolesText(w.roles),
        ' (',
        partyEl(w.party, nameOf(w.party)),
        ')',
      ),
    ),
  );
}

/** The chain a transfer is in, drawn into `el` (read with the transfer, and again on a change). */
function drawChain(el: HTMLElement, id: string, chain: ChainView): void {
  if (chain.transfers.length < 2) {
    el.replaceChildren(parak('explorer.transfer.chain.none'));
    return;
  }
  el.replaceChildren(
    parak('explorer.transfer.chain.intro'),
    h(
      'table',
      { class: 'govuk-table govuk-table--small-text-until-tablet cadwyn-table-fit' },
      h(
        'caption',
        { class: 'govuk-table__caption govuk-table__caption--s' },
        trk('explorer.transfer.chain.caption', chain.transfers.length),
      ),
      h(
        'thead',
        { class: 'govuk-table__head' },
        h(
          'tr',
          { class: 'govuk-table__row' },
          (
            [
              'explorer.transfer.chain.col.transfer',
              'explorer.transfer.stage',
              'explorer.transfer.chain.col.waiting',
            ] as const
          ).map((c) => h('th', { scope: 'col', class: 'govuk-table__header' }, trk(c))),
        ),
      ),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        chain.transfers.map((c) =>
          h(
            'tr',
            { class: 'govuk-table__row' },
            h(
              'td',
              { class: 'govuk-table__cell' },
              c.id === id
                ? [
                    trk('explorer.transfer.h1', c.titleNumber),
                    ' ',
                    trk('explorer.transfer.chain.this'),
                  ]
                : h(
                    'a',
                    { class: 'govuk-link', href: `/explorer/titles/?transfer=${c.id}` },
                    trk('explorer.transfer.h1', c.titleNumber),
                  ),
            ),
            h(
              'td',
              { class: 'govuk-table__cell' },
              stageTag(c.stage),
              chain.holdingUp.includes(c.id)
                ? [h('br'), tag('orange', trk('explorer.transfer.chain.holding'))]
                : null,
            ),
            h(
              'td',
              { class: 'govuk-table__cell' },
              c.waitingFor.length === 0
                ? trk('explorer.title.none')
                : c.waitingFor.map((w, i) => [
                    i > 0 ? h('br') : null,
                    words('explorer.transfer.todo', w.step),
                    ' — ',
                    rolesText(w.roles),
                  ]),
            ),
          ),
        ),
      ),
    ),
  );
}

function transferView(x: TransferView, chain: HTMLElement): Child {
  return [
    h('span', { class: 'govuk-caption-l' }, trk('explorer.transfer.caption', x.id.slice(0, 12))),
    h('h1', { class: 'govuk-heading-xl' }, trk('explorer.transfer.h1', x.titleNumber)),
    summaryList(
      summaryRow(k('explorer.transfer.stage'), stageTag(x.stage)),
      summaryRow(
        k('explorer.transfer.title'),
        h(
          'a',
          { class: 'govuk-link', href: `/explorer/titles/?title=${x.titleNumber}` },
          x.titleNumber,
        ),
      ),
      x.priceBand
        ? summaryRow(
            k('explorer.transfer.priceBand'),
            words('explorer.transfer.priceBand', x.priceBand),
          )
        : null,
      x.reason
        ? summaryRow(
            k('explorer.transfer.reason'),
            textView(() => nameIn(x.reason as Name)),
          )
        : null,
    ),
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.transfer.waiting.h2')),
    waitingList(x),
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.transfer.steps.h2')),
    stepList(x),
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.transfer.chain.h2')),
    chain,
    h('h2', { class: 'govuk-heading-l' }, trk('explorer.transfer.history.h2')),
    parak('explorer.title.history.intro'),
    h(
      'ol',
      { class: 'govuk-list' },
      x.history.map((e) =>
        h(
          'li',
          { class: 'govuk-!-margin-bottom-4' },
          h(
            'p',
            { class: 'govuk-body govuk-!-margin-bottom-1' },
            h('strong', null, words('explorer.transfer.event', e.event)),
            ' — ',
            timeEl(e.timeMs),
          ),
          h(
            'p',
            { class: 'govuk-body-s govuk-!-margin-bottom-1' },
            trk('explorer.title.history.by'),
            ' ',
            rolesText(e.roles),
            ' (',
            partyEl(e.by, e.byName),
            ')',
          ),
          wherePara(e.geo),
          receiptLinks(e.txId),
        ),
      ),
    ),
  ];
}

function transferPage(id: string): Child {
  const body = h('div', null, parak('explorer.title.loading'));
  const chain = h('div', null, parak('explorer.title.loading'));
  const notice = liveNotice();
  // What is shown, so a change redraws only what reads differently; and every transfer in the
  // chain, so a step in any of them (or a new link to one) is noticed.
  let shownTransfer = '';
  let shownChain = '';
  let ids = new Set([id]);
  const readTransfer = () =>
    getJson<TransferView>(`/v1/transfers/${id}`).then((r) => {
      if (!r.ok) {
        if (shownTransfer !== '') return false;
        body.replaceChildren();
        add(
          body,
          h('h1', { class: 'govuk-heading-xl' }, trk('explorer.transfer.unknown.h1')),
          parak(r.status === 404 ? 'explorer.transfer.unknown.body' : 'explorer.title.error'),
        );
        return false;
      }
      if (JSON.stringify(r.body) === shownTransfer) return false;
      shownTransfer = JSON.stringify(r.body);
      body.replaceChildren();
      add(body, transferView(r.body, chain));
      return true;
    });
  const readChain = () =>
    getJson<ChainView>(`/v1/transfers/${id}/chain`).then((r) => {
      if (!r.ok) {
        if (shownChain === '') chain.replaceChildren(errorPara('explorer.title.error'));
        return false;
      }
      if (JSON.stringify(r.body) === shownChain) return false;
      shownChain = JSON.stringify(r.body);
      ids = new Set([id, ...r.body.transfers.map((t) => t.id)]);
      drawChain(chain, id, r.body);
      return true;
    });
  void readTransfer().catch(() => body.replaceChildren(errorPara('explorer.title.error')));
  void readChain().catch(() => chain.replaceChildren(errorPara('explorer.title.error')));
  followTitles(
    (e) => (e.transfer !== undefined && ids.has(e.transfer)) || e.linked.some((l) => ids.has(l)),
    () =>
      void Promise.all([readTransfer(), readChain()])
        .then((drawn) => {
          if (drawn.includes(true)) notice.say('explorer.transfer.live');
        })
        .catch(() => undefined),
  );
  return [notice.el, body];
}

mountPage({
  face: 'explorer',
  name: k('explorer.title.title'),
  main: () => {
    const params = new URLSearchParams(location.search);
    const title = (params.get('title') ?? '').trim().toUpperCase();
    const transfer = (params.get('transfer') ?? '').trim().toLowerCase();
    const one = TITLE_RE.test(title) || ID_RE.test(transfer);
    const back = h(
      'a',
      { class: 'govuk-back-link', href: one ? '/explorer/titles/' : '/explorer/' },
      trk(one ? 'explorer.title.back.search' : 'explorer.title.back.explorer'),
    );
    if (ID_RE.test(transfer)) return [back, transferPage(transfer)];
    if (TITLE_RE.test(title)) return [back, titlePage(title)];
    return [back, searchPage(params.get('q') ?? '')];
  },
});
