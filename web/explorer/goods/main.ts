// Regulated goods (decision 0011), public: a lot's provenance page — the one the QR code on the
// product opens (`?lot=<id>`) — with its recall status, results, chain of custody (each step at
// a premises, with its transaction and receipt) and where it went (the recall trace). Without a
// lot: a form for the number under the QR code, the recalls and the licensed operators. Both
// follow the register's live changes (GET /v1/goods/events) and say so politely.
import type { Child } from '../../shared/dom.js';
import { add, h, rich, tr, trAttr, view } from '../../shared/dom.js';
import type { Arg, Key } from '../../shared/i18n.js';
import { currentLang, lookup, t, useStrings } from '../../shared/i18n.js';
import { getJson } from '../../shared/api.js';
import { formatNumber } from '../../shared/format.js';
import { mountPage } from '../../shared/layout.js';
import { summaryList, summaryRow, timeEl } from '../live.js';
import { goods } from './strings.js';

useStrings(goods);

// The page's own keys: checked here, then handed to the shared helpers (which take any Key).
type GoodsKey = keyof typeof goods;
const k = (key: GoodsKey): Key => key as unknown as Key;
const gtr = (key: GoodsKey, ...args: Arg[]) => tr(k(key), ...args);
const gt = (key: GoodsKey, ...args: Arg[]) => t(k(key), ...args);
const gpara = (key: GoodsKey, ...args: Arg[]) =>
  rich('p', { class: 'govuk-body' }, k(key), ...args);
const grow = (key: GoodsKey, ...value: Child[]) => summaryRow(k(key), ...value);

interface Bilingual {
  readonly en: string;
  readonly cy?: string;
}
interface Business {
  readonly number: string;
  readonly name?: Bilingual;
  readonly status?: string;
}
interface Place {
  readonly id: string;
  readonly name: Bilingual;
  readonly lat: number;
  readonly lon: number;
  readonly number: string;
}
interface Actor {
  readonly kind: 'body' | 'operator';
  readonly name?: Bilingual;
  readonly number?: string;
}
interface Reason {
  readonly code: string;
  readonly en: string;
  readonly cy: string;
}
interface Recall {
  readonly lot: string;
  readonly reason: Reason;
  readonly timeMs: number;
  readonly byActor: Actor;
}
interface ChainEvent {
  readonly lot: string;
  readonly event: string;
  /** The unit of the event's lot (a parent lot may be counted in another). */
  readonly unit: string;
  readonly timeMs: number;
  readonly txId: string;
  readonly receipt: string;
  readonly by: string;
  readonly byActor: Actor;
  readonly place?: Place;
  readonly quantity?: number;
  readonly related?: readonly string[];
  readonly to?: string;
  readonly toBusiness?: Business;
  readonly lossReason?: string;
  readonly result?: { readonly kind: string; readonly outcome: string; readonly ref: string };
  readonly reason?: Reason;
}
interface LotPage {
  readonly id: string;
  readonly product: string;
  readonly productName: Bilingual | null;
  readonly unit: string;
  readonly quantity: number;
  readonly initialQuantity: number;
  readonly status: string;
  readonly pending?: string;
  readonly place: Place;
  readonly createdMs: number;
  readonly holderBusiness: Business;
  readonly recallStatus: 'none' | 'recalled' | 'recalled-upstream' | 'unknown';
  readonly recallCovering?: Recall;
  readonly results: readonly {
    readonly kind: string;
    readonly outcome: string;
    readonly ref: string;
    readonly timeMs: number;
    readonly byActor: Actor;
  }[];
  readonly chain: readonly ChainEvent[];
  /** The lot and every lot its chain went back through. */
  readonly chainLots?: readonly string[];
  readonly chainTruncated: boolean;
  readonly qr: string;
}
interface TraceLot {
  readonly id: string;
  readonly product: string;
  readonly productName: Bilingual | null;
  readonly unit: string;
  readonly quantity: number;
  readonly status: string;
  readonly holder: string;
  readonly pending?: string;
}
interface Trace {
  readonly lots: readonly TraceLot[];
  readonly holders: readonly Business[];
  readonly truncated: boolean;
}
interface Operator {
  readonly did: string;
  readonly business: Business;
  readonly premises: readonly Omit<Place, 'number'>[];
  readonly licensedNow: readonly string[];
  /** Set when the key was withdrawn: it is not shown. */
  readonly revoked?: unknown;
}

const LOT_RE = /^[0-9a-f]{16}-[0-9]{1,3}$/;

/** A key built from data, used only when the dictionary has it (else the raw value is shown). */
function known(key: string): Key | undefined {
  try {
    lookup(key as Key);
    return key as Key;
  } catch {
    return undefined;
  }
}
const words = (prefix: string, value: string, ...args: Arg[]): Child => {
  const key = known(`${prefix}.${value}`);
  return key ? tr(key, ...args) : value;
};
const wordsText = (prefix: string, value: string, ...args: Arg[]): string => {
  const key = known(`${prefix}.${value}`);
  return key ? t(key, ...args) : value;
};

/** A name in the page language (English when there is no Welsh one). */
const nameIn = (n: Bilingual | null | undefined, fallback = ''): string =>
  n ? (currentLang() === 'cy' && n.cy ? n.cy : n.en) : fallback;
const textView = (draw: () => string) => view(h('span'), draw).el;
const reasonIn = (r: Reason): string => (currentLang() === 'cy' ? r.cy : r.en);
const quantityText = (q: number, unit: string) =>
  wordsText('explorer.goods.qty', unit, () => formatNumber(q));
const lotLink = (id: string) =>
  h('a', { class: 'govuk-link cadwyn-mono', href: `/explorer/goods/?lot=${id}` }, id);

function businessLink(b: Business): HTMLElement {
  return h(
    'a',
    { class: 'govuk-link', href: `/explorer/businesses/?number=${b.number}` },
    textView(() => nameIn(b.name, b.number)),
    ' ',
    h('span', { class: 'cadwyn-muted cadwyn-mono' }, `(${b.number})`),
  );
}

const placeText = (p: Place | Omit<Place, 'number'>) =>
  textView(() => gt('explorer.goods.place', nameIn(p.name), String(p.lat), String(p.lon)));

function actorText(a: Actor, fallback: string): HTMLElement {
  return textView(() => nameIn(a.name, fallback));
}

function errorText(key: GoodsKey): HTMLElement {
  return h('p', { class: 'govuk-error-message' }, gtr(key));
}

/** A change on the register as the stream sends it (`event: goods`): public facts only. */
interface GoodsChange {
  readonly kind: string;
  readonly lots: readonly string[];
}

/**
 * Calls `changed` (at most once a second) when the register changes, as the node's event
 * stream tells it; `concerns` picks the events that matter to the page.
 */
function followGoods(concerns: (e: GoodsChange) => boolean, changed: () => void): void {
  if (typeof EventSource === 'undefined') return;
  const events = new EventSource('/v1/goods/events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  events.addEventListener('goods', (m) => {
    let e: { kind?: unknown; lots?: unknown };
    try {
      e = JSON.parse((m as MessageEvent<string>).data) as typeof e;
    } catch {
      return;
    }
    const lots = Array.isArray(e.lots) ? e.lots.filter((l) => typeof l === 'string') : [];
    if (typeof e.kind !== 'string' || !concerns({ kind: e.kind, lots })) return;
    if (timer !== undefined) return;
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
function liveNotice(): { el: HTMLElement; say: (key: GoodsKey) => void } {
  const el = h('div', { 'aria-live': 'polite' });
  return {
    el,
    say: (key) => el.replaceChildren(h('p', { class: 'govuk-inset-text' }, gtr(key))),
  };
}

// ---- the start page -------------------------------------------------------------------------

function lotForm(): HTMLElement {
  return h(
    'form',
    { method: 'get', action: '/explorer/goods/', role: 'search' },
    h(
      'div',
      { class: 'govuk-form-group' },
      h(
        'label',
        { class: 'govuk-label govuk-label--m', for: 'goods-lot' },
        gtr('explorer.goods.search.label'),
      ),
      h('div', { class: 'govuk-hint', id: 'goods-lot-hint' }, gtr('explorer.goods.search.hint')),
      h('input', {
        class: 'govuk-input govuk-input--width-20 cadwyn-mono',
        id: 'goods-lot',
        name: 'lot',
        type: 'text',
        maxlength: 24,
        spellcheck: 'false',
        autocomplete: 'off',
        'aria-describedby': 'goods-lot-hint',
      }),
    ),
    h(
      'button',
      { class: 'govuk-button', type: 'submit', 'data-module': 'govuk-button' },
      gtr('explorer.goods.search.button'),
    ),
  );
}

function startPage(): Child {
  const recalls = h('div', null, gpara('explorer.goods.loading'));
  const operators = h('div', null, gpara('explorer.goods.loading'));
  const notice = liveNotice();
  // What each list shows, so a change on the ledger redraws it only when it reads differently.
  let shownRecalls = '';
  let shownOperators = '';
  const readRecalls = () =>
    getJson<{ recalls: (Recall & { productName: Bilingual | null })[] }>('/v1/goods/recalls').then(
      (r) => {
        if (!r.ok) {
          if (shownRecalls === '') recalls.replaceChildren(errorText('explorer.goods.error'));
          return false;
        }
        if (JSON.stringify(r.body.recalls) === shownRecalls) return false;
        shownRecalls = JSON.stringify(r.body.recalls);
        drawRecalls(r.body.recalls);
        return true;
      },
    );
  const drawRecalls = (list: readonly (Recall & { productName: Bilingual | null })[]) =>
    // Lists, not tables: they read well on a phone.
    recalls.replaceChildren(
      list.length === 0
        ? gpara('explorer.goods.recalls.none')
        : h(
            'ul',
            { class: 'govuk-list' },
            list.map((x) =>
              h(
                'li',
                { class: 'govuk-!-margin-bottom-4' },
                h(
                  'p',
                  { class: 'govuk-body govuk-!-margin-bottom-1' },
                  h(
                    'strong',
                    null,
                    textView(() => nameIn(x.productName)),
                  ),
                  ' — ',
                  lotLink(x.lot),
                ),
                h(
                  'p',
                  { class: 'govuk-body-s govuk-!-margin-bottom-1' },
                  textView(() => gt('explorer.goods.recall.reason', reasonIn(x.reason))),
                ),
                h(
                  'p',
                  { class: 'govuk-body-s' },
                  textView(() => gt('explorer.goods.recall.by', nameIn(x.byActor.name))),
                  ' ',
                  timeEl(x.timeMs),
                ),
              ),
            ),
          ),
    );
  const readOperators = () =>
    getJson<{ operators: Operator[] }>('/v1/goods/operators').then((r) => {
      if (!r.ok) {
        if (shownOperators === '') operators.replaceChildren(errorText('explorer.goods.error'));
        return false;
      }
      const current = r.body.operators.filter((o) => o.revoked === undefined);
      if (JSON.stringify(current) === shownOperators) return false;
      shownOperators = JSON.stringify(current);
      operators.replaceChildren();
      add(
        operators,
        current.length === 0
          ? gpara('explorer.goods.operators.none')
          : current.map((o) =>
              h(
                'div',
                { class: 'govuk-!-margin-bottom-6' },
                h('h3', { class: 'govuk-heading-s' }, businessLink(o.business)),
                summaryList(
                  grow(
                    'explorer.goods.col.licensed',
                    o.licensedNow.length === 0
                      ? gtr('explorer.goods.licensed.none')
                      : textView(() =>
                          o.licensedNow
                            .map((a) => wordsText('explorer.goods.activity', a))
                            .join(', '),
                        ),
                  ),
                  grow(
                    'explorer.goods.col.premises',
                    h(
                      'ul',
                      { class: 'govuk-list' },
                      o.premises.map((p) => h('li', null, placeText(p))),
                    ),
                  ),
                ),
              ),
            ),
      );
      return true;
    });
  void readRecalls().catch(() => recalls.replaceChildren(errorText('explorer.goods.error')));
  void readOperators().catch(() => operators.replaceChildren(errorText('explorer.goods.error')));
  followGoods(
    (e) => e.kind === 'recall' || e.kind.startsWith('operator-'),
    () =>
      void Promise.all([readRecalls(), readOperators()])
        .then((drawn) => {
          if (drawn.includes(true)) notice.say('explorer.goods.live.list');
        })
        .catch(() => undefined),
  );
  return [
    h('h1', { class: 'govuk-heading-xl' }, gtr('explorer.goods.h1')),
    gpara('explorer.goods.lead'),
    lotForm(),
    notice.el,
    h('h2', { class: 'govuk-heading-l' }, gtr('explorer.goods.recalls.h2')),
    recalls,
    h('h2', { class: 'govuk-heading-l' }, gtr('explorer.goods.operators.h2')),
    operators,
  ];
}

// ---- one lot ----------------------------------------------------------------------------------

function statusTag(l: { status: string; pending?: string }): HTMLElement {
  const open = l.status === 'open' && l.pending === undefined;
  return h(
    'strong',
    { class: `govuk-tag govuk-tag--${open ? 'green' : 'grey'}` },
    l.pending !== undefined
      ? gtr('explorer.goods.status.pending')
      : words('explorer.goods.status', l.status),
  );
}

function recallBanner(lot: LotPage): HTMLElement | null {
  const r = lot.recallCovering;
  if (lot.recallStatus === 'unknown') {
    return h(
      'div',
      { class: 'govuk-warning-text' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'govuk-warning-text__text' }, gtr('explorer.goods.recall.unknown')),
    );
  }
  if (lot.recallStatus === 'none' || !r) return null;
  return h(
    'div',
    { class: 'govuk-warning-text', role: 'alert' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h(
      'div',
      { class: 'govuk-warning-text__text' },
      h('strong', null, gtr('explorer.goods.recall.banner')),
      lot.recallStatus === 'recalled-upstream'
        ? h(
            'p',
            { class: 'govuk-body govuk-!-margin-top-2' },
            gtr('explorer.goods.recall.upstream', r.lot),
          )
        : null,
      h(
        'p',
        { class: 'govuk-body' },
        textView(() => gt('explorer.goods.recall.reason', reasonIn(r.reason))),
      ),
      h(
        'p',
        { class: 'govuk-body-s' },
        textView(() => gt('explorer.goods.recall.by', nameIn(r.byActor.name))),
        ' ',
        timeEl(r.timeMs),
      ),
    ),
  );
}

/** What an event says, in the page language. */
function eventText(e: ChainEvent): string {
  const q = e.quantity === undefined ? '' : quantityText(e.quantity, e.unit);
  const n = e.related?.length ?? 0;
  switch (e.event) {
    case 'created':
    case 'split-from':
    case 'processed-from':
      return wordsText('explorer.goods.event', e.event, q);
    case 'split':
    case 'processed':
      return wordsText('explorer.goods.event', e.event, n);
    case 'merged-from':
      return wordsText('explorer.goods.event', e.event, n, q);
    case 'loss':
      return gt(
        'explorer.goods.event.loss',
        wordsText('explorer.goods.loss', e.lossReason ?? '', q),
      );
    case 'proposed':
      return gt('explorer.goods.event.proposed', nameIn(e.toBusiness?.name, e.to ?? ''));
    default:
      return wordsText('explorer.goods.event', e.event);
  }
}

function chainItem(e: ChainEvent, lot: LotPage): HTMLElement {
  const details: Child[] = [
    e.lot !== lot.id
      ? h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-1' },
          gtr('explorer.goods.chain.otherLot', e.lot),
        )
      : null,
    e.result
      ? h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-1' },
          textView(() =>
            gt(
              'explorer.goods.result.line',
              wordsText('explorer.goods.result.kind', e.result?.kind ?? ''),
              wordsText('explorer.goods.result.outcome', e.result?.outcome ?? ''),
              e.result?.ref ?? '',
            ),
          ),
        )
      : null,
    e.reason
      ? h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-1' },
          textView(() => gt('explorer.goods.recall.reason', reasonIn(e.reason as Reason))),
        )
      : null,
    e.place
      ? h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-1' },
          gtr('explorer.goods.chain.at'),
          ' ',
          placeText(e.place),
        )
      : null,
  ];
  return h(
    'li',
    { class: 'govuk-!-margin-bottom-4' },
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-1' },
      h(
        'strong',
        null,
        textView(() => eventText(e)),
      ),
      ' — ',
      timeEl(e.timeMs),
    ),
    details,
    h(
      'p',
      { class: 'govuk-body-s govuk-!-margin-bottom-1' },
      gtr('explorer.goods.chain.by'),
      ' ',
      actorText(e.byActor, e.by),
    ),
    h(
      'p',
      { class: 'govuk-body-s' },
      h(
        'a',
        { class: 'govuk-link', href: `/v1/transactions/${e.txId}` },
        gtr('explorer.goods.chain.tx'),
        h('span', { class: 'govuk-visually-hidden' }, ` ${e.txId}`),
      ),
      ' · ',
      h(
        'a',
        { class: 'govuk-link', href: e.receipt, download: `${e.txId}.receipt.json` },
        gtr('explorer.goods.chain.receipt'),
      ),
    ),
  );
}

/** Where the lot went, drawn into `el` (the trace is read with the lot, and again on a change). */
function drawTrace(el: HTMLElement, id: string, trace: Trace): void {
  const names = new Map(trace.holders.map((b) => [b.number, b]));
  el.replaceChildren();
  add(
    el,
    gpara('explorer.goods.trace.intro'),
    h(
      'p',
      { class: 'govuk-body' },
      gtr('explorer.goods.trace.count', trace.lots.length, trace.holders.length),
    ),
    trace.truncated ? gpara('explorer.goods.trace.truncated', trace.lots.length) : null,
    h('h3', { class: 'govuk-heading-m' }, gtr('explorer.goods.trace.caption')),
    // A list, not a table: lot numbers do not wrap, and a phone has room for one column.
    h(
      'ol',
      { class: 'govuk-list' },
      trace.lots.map((l) =>
        h(
          'li',
          { class: 'govuk-!-margin-bottom-4' },
          h(
            'p',
            { class: 'govuk-body govuk-!-margin-bottom-1' },
            h(
              'strong',
              null,
              textView(() => nameIn(l.productName, l.product)),
            ),
            ' — ',
            lotLink(l.id),
            l.id === id ? [' ', gtr('explorer.goods.trace.this')] : null,
          ),
          h(
            'p',
            { class: 'govuk-body-s govuk-!-margin-bottom-1' },
            textView(() => quantityText(l.quantity, l.unit)),
            ' ',
            statusTag(l),
          ),
          h(
            'p',
            { class: 'govuk-body-s' },
            gtr('explorer.goods.col.holder'),
            ': ',
            businessLink(names.get(l.holder) ?? { number: l.holder }),
          ),
        ),
      ),
    ),
    h('h3', { class: 'govuk-heading-m' }, gtr('explorer.goods.trace.holders')),
    h(
      'ul',
      { class: 'govuk-list govuk-list--bullet' },
      trace.holders.map((b) => h('li', null, businessLink(b))),
    ),
  );
}

function lotView(lot: LotPage, trace: HTMLElement): Child {
  const qrUrl = `${location.origin}/explorer/goods/?lot=${lot.id}`;
  // The node draws the code (with its own white margin); an image, so nothing in it can run.
  const qr = trAttr(
    h('img', { src: lot.qr, width: 200, height: 200 }),
    'alt',
    k('explorer.goods.qr.alt'),
  );
  return [
    h('span', { class: 'govuk-caption-l' }, gtr('explorer.goods.lot.caption', lot.id)),
    h(
      'h1',
      { class: 'govuk-heading-xl' },
      textView(() => nameIn(lot.productName, lot.product)),
    ),
    recallBanner(lot),
    summaryList(
      grow(
        'explorer.goods.lot.product',
        textView(() => nameIn(lot.productName, lot.product)),
      ),
      grow(
        'explorer.goods.lot.quantity',
        textView(() => quantityText(lot.quantity, lot.unit)),
      ),
      grow(
        'explorer.goods.lot.initial',
        textView(() => quantityText(lot.initialQuantity, lot.unit)),
      ),
      grow('explorer.goods.lot.status', statusTag(lot)),
      grow('explorer.goods.lot.holder', businessLink(lot.holderBusiness)),
      grow('explorer.goods.lot.place', placeText(lot.place)),
      grow('explorer.goods.lot.created', timeEl(lot.createdMs)),
    ),
    h('h2', { class: 'govuk-heading-l' }, gtr('explorer.goods.results.h2')),
    lot.results.length === 0
      ? gpara('explorer.goods.results.none')
      : h(
          'ul',
          { class: 'govuk-list' },
          lot.results.map((r) =>
            h(
              'li',
              null,
              textView(() =>
                gt(
                  'explorer.goods.result.line',
                  wordsText('explorer.goods.result.kind', r.kind),
                  wordsText('explorer.goods.result.outcome', r.outcome),
                  r.ref,
                ),
              ),
              ' — ',
              actorText(r.byActor, ''),
              ', ',
              timeEl(r.timeMs),
            ),
          ),
        ),
    h('h2', { class: 'govuk-heading-l' }, gtr('explorer.goods.chain.h2')),
    gpara('explorer.goods.chain.intro'),
    lot.chainTruncated ? gpara('explorer.goods.chain.truncated') : null,
    h(
      'ol',
      { class: 'govuk-list' },
      lot.chain.map((e) => chainItem(e, lot)),
    ),
    h('h2', { class: 'govuk-heading-l' }, gtr('explorer.goods.trace.h2')),
    trace,
    h('h2', { class: 'govuk-heading-l' }, gtr('explorer.goods.qr.h2')),
    gpara('explorer.goods.qr.body'),
    qr,
    h('p', { class: 'govuk-body-s cadwyn-mono govuk-!-margin-top-2' }, qrUrl),
  ];
}

function lotPage(id: string): Child {
  const body = h('div', null, gpara('explorer.goods.loading'));
  const trace = h('div', null, gpara('explorer.goods.loading'));
  const notice = liveNotice();
  // What is shown, so a change redraws only what reads differently; and every lot on the page
  // (its chain back, its trace forward), so a change to any of them is noticed.
  let shownLot = '';
  let shownTrace = '';
  let lots = new Set([id]);
  let traceLots: readonly string[] = [];
  const readLot = () =>
    getJson<LotPage>(`/v1/goods/lots/${id}`).then((r) => {
      if (!r.ok) {
        if (shownLot !== '') return false;
        body.replaceChildren();
        add(
          body,
          h('h1', { class: 'govuk-heading-xl' }, gtr('explorer.goods.unknown.h1')),
          gpara(r.status === 404 ? 'explorer.goods.unknown.body' : 'explorer.goods.error'),
          lotForm(),
        );
        return false;
      }
      if (JSON.stringify(r.body) === shownLot) return false;
      shownLot = JSON.stringify(r.body);
      lots = new Set([id, ...(r.body.chainLots ?? r.body.chain.map((e) => e.lot)), ...traceLots]);
      body.replaceChildren();
      add(body, lotView(r.body, trace));
      return true;
    });
  const readTrace = () =>
    getJson<Trace>(`/v1/goods/lots/${id}/trace`).then((r) => {
      if (!r.ok) {
        if (shownTrace === '') trace.replaceChildren(errorText('explorer.goods.error'));
        return false;
      }
      if (JSON.stringify(r.body) === shownTrace) return false;
      shownTrace = JSON.stringify(r.body);
      traceLots = r.body.lots.map((l) => l.id);
      for (const l of traceLots) lots.add(l);
      drawTrace(trace, id, r.body);
      return true;
    });
  void readLot().catch(() => body.replaceChildren(errorText('explorer.goods.error')));
  void readTrace().catch(() => trace.replaceChildren(errorText('explorer.goods.error')));
  followGoods(
    (e) => e.lots.some((l) => lots.has(l)),
    () =>
      void Promise.all([readLot(), readTrace()])
        .then((drawn) => {
          if (drawn.includes(true)) notice.say('explorer.goods.live.lot');
        })
        .catch(() => undefined),
  );
  return [notice.el, body];
}

mountPage({
  face: 'explorer',
  name: k('explorer.goods.title'),
  main: () => {
    const lot = (new URLSearchParams(location.search).get('lot') ?? '').trim().toLowerCase();
    const has = LOT_RE.test(lot);
    const back = h(
      'a',
      { class: 'govuk-back-link', href: has ? '/explorer/goods/' : '/explorer/' },
      gtr(has ? 'explorer.goods.back.search' : 'explorer.goods.back.explorer'),
    );
    return [back, has ? lotPage(lot) : startPage()];
  },
});
