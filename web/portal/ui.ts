// The Portal's small helpers: its strings (strings.ts) through t(), names in both languages,
// times, tables, tags, banners and QR codes.
import type { Attrs, Child } from '../shared/dom.js';
import { h, hidden, rich, tr, trAttr, uid } from '../shared/dom.js';
import type { FieldError } from '../shared/forms.js';
import { formatTime, isoTime } from '../shared/format.js';
import type { Arg, Key } from '../shared/i18n.js';
import { currentLang, t, useStrings, whenLang } from '../shared/i18n.js';
import { portal } from './strings.js';

useStrings(portal);

/** A key of the Portal's dictionary. */
export type PKey = keyof typeof portal;

// The shared helpers take the site's Key; the Portal's keys are registered with useStrings.
export const key = (k: PKey): Key => k as string as Key;

export const pt = (k: PKey, ...a: Arg[]): string => t(key(k), ...a);
export const ptr = (k: PKey, ...a: Arg[]): Text => tr(key(k), ...a);
export const pAttr = <E extends Element>(el: E, name: string, k: PKey, ...a: Arg[]): E =>
  trAttr(el, name, key(k), ...a);
export const prich = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null,
  k: PKey,
  ...a: Arg[]
): HTMLElementTagNameMap[K] => rich(tag, attrs, key(k), ...a);
export const ppara = (k: PKey, ...a: Arg[]): HTMLParagraphElement =>
  prich('p', { class: 'govuk-body' }, k, ...a);
export const perr = (k: PKey, ...args: Arg[]): FieldError => ({ key: key(k), args });
export const phidden = (k: PKey): HTMLSpanElement => hidden(key(k));

/** Is `k` a key of the Portal's dictionary (for keys built from codes)? */
export const isPKey = (k: string): k is PKey => Object.hasOwn(portal, k);

// ---- names in two languages -----------------------------------------------------------------

export interface Bilingual {
  readonly en: string;
  readonly cy: string;
}

export function isBilingual(x: unknown): x is Bilingual {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Bilingual).en === 'string' &&
    typeof (x as Bilingual).cy === 'string'
  );
}

/** The name in the page's language (English if the other is empty), or `fallback`. */
export function inLang(b: Bilingual | null | undefined, fallback = ''): string {
  if (!b) return fallback;
  return b[currentLang()] || b.en || fallback;
}

/** A text node with the name in the page's language, redrawn when it changes. */
export function bi(b: Bilingual | null | undefined, fallback = ''): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = inLang(b, fallback);
  });
  return node;
}

/** A text node drawn by `fn` in the page's language, redrawn when it changes. */
export function dyn(fn: () => string): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = fn();
  });
  return node;
}

/** Both languages, the page's first, each marked with its `lang`. */
export function both(b: Bilingual): HTMLSpanElement {
  const el = h('span');
  whenLang(el, () => {
    const first = currentLang();
    const second = first === 'en' ? 'cy' : 'en';
    el.replaceChildren(
      h('span', { lang: first }, b[first]),
      ' / ',
      h('span', { lang: second }, b[second]),
    );
  });
  return el;
}

// ---- times ------------------------------------------------------------------------------------

/** A moment as <time>, in words of the page's language. */
export function timeEl(ms: number, style: 'medium' | 'short' = 'short'): HTMLTimeElement {
  const el = h('time', { datetime: isoTime(ms) });
  whenLang(el, () => {
    el.textContent = formatTime(ms, style);
  });
  return el;
}

/** A calendar date (YYYY-MM-DD) in words: "12 April 1990". */
export function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y = '', mo = '', d = ''] = m;
  return `${Number(d)} ${t(`common.month.${Number(mo)}` as Key)} ${y}`;
}

// ---- building blocks -----------------------------------------------------------------------------

export const h1 = (k: PKey, ...a: Arg[]): HTMLHeadingElement =>
  h('h1', { class: 'govuk-heading-l', tabindex: '-1' }, ptr(k, ...a));

export const h2 = (k: PKey, attrs: Attrs = {}): HTMLHeadingElement =>
  h('h2', { class: 'govuk-heading-m', ...attrs }, ptr(k));

export function button(
  k: PKey,
  attrs: Attrs = {},
  kind: 'primary' | 'secondary' | 'warning' = 'primary',
): HTMLButtonElement {
  const cls = kind === 'primary' ? 'govuk-button' : `govuk-button govuk-button--${kind}`;
  return h(
    'button',
    { type: 'submit', class: cls, 'data-module': 'govuk-button', ...attrs },
    ptr(k),
  );
}

export type TagColour = 'green' | 'yellow' | 'red' | 'grey' | 'blue';

/** A status in words; the colour only repeats what the words say. */
export function tag(k: PKey, colour: TagColour): HTMLElement {
  const cls = colour === 'blue' ? 'govuk-tag' : `govuk-tag govuk-tag--${colour}`;
  return h('strong', { class: cls }, ptr(k));
}

/** A GOV.UK notification banner: `success` is announced (role alert), `important` is a region. */
export function banner(
  kind: 'success' | 'important',
  heading: Child,
  ...body: Child[]
): HTMLDivElement {
  const titleId = uid('banner-title');
  return h(
    'div',
    {
      class: `govuk-notification-banner${kind === 'success' ? ' govuk-notification-banner--success' : ''}`,
      role: kind === 'success' ? 'alert' : 'region',
      'aria-labelledby': titleId,
      tabindex: '-1',
    },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h(
        'h2',
        { class: 'govuk-notification-banner__title', id: titleId },
        ptr(kind === 'success' ? 'portal.banner.success' : 'portal.banner.important'),
      ),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-notification-banner__heading' }, heading),
      body,
    ),
  );
}

/** A problem said plainly, in a box that is announced when it appears. */
export function problemBox(heading: Child, ...body: Child[]): HTMLDivElement {
  return h(
    'div',
    { class: 'cadwyn-problem', role: 'alert', tabindex: '-1' },
    h('h2', { class: 'govuk-heading-m' }, phidden('portal.problemPrefix'), heading),
    body,
  );
}

/** A live region whose text is set as things happen. */
export function liveStatus(): HTMLParagraphElement {
  return h('p', { class: 'govuk-body cadwyn-live-status', role: 'status', 'aria-live': 'polite' });
}

/** A summary list (label, value) rows. */
export function summary(rows: readonly (readonly [Child, Child])[]): HTMLDListElement {
  return h(
    'dl',
    { class: 'govuk-summary-list cadwyn-summary' },
    rows.map(([k, v]) =>
      h(
        'div',
        { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key' }, k),
        h('dd', { class: 'govuk-summary-list__value' }, v),
      ),
    ),
  );
}

export const code = (s: string): HTMLElement => h('code', { class: 'cadwyn-code' }, s);

/**
 * A table with a caption and column headers. On a phone its rows stack as cards, each value
 * with its column's name beside it (the table's roles are explicit, so it stays a table to
 * screen readers). When it is still wider than the page, it scrolls inside its own box, which
 * then takes keyboard focus and is named by the caption, so the page never scrolls sideways.
 */
export function table(
  caption: Child,
  heads: readonly PKey[],
  rows: readonly (readonly Child[])[],
): HTMLDivElement {
  const captionId = uid('caption');
  const el = h(
    'table',
    { class: 'govuk-table govuk-table--small-text-until-tablet cadwyn-stack-table', role: 'table' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m', id: captionId }, caption),
    h(
      'thead',
      { class: 'govuk-table__head', role: 'rowgroup' },
      h(
        'tr',
        { class: 'govuk-table__row', role: 'row' },
        heads.map((k) =>
          h('th', { scope: 'col', class: 'govuk-table__header', role: 'columnheader' }, ptr(k)),
        ),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body', role: 'rowgroup' },
      rows.map((r) =>
        h(
          'tr',
          { class: 'govuk-table__row', role: 'row' },
          r.map((c, i) => {
            const head = heads[i];
            return h(
              'td',
              { class: 'govuk-table__cell', role: 'cell' },
              head
                ? h('span', { class: 'cadwyn-cell-label', 'aria-hidden': 'true' }, ptr(head))
                : null,
              h('span', { class: 'cadwyn-cell-value' }, c),
            );
          }),
        ),
      ),
    ),
  );
  const wrap = h('div', { class: 'cadwyn-table-wrap' }, el);
  const fit = (): void => {
    if (!wrap.isConnected) {
      observer.disconnect(); // the table was replaced: stop watching it
      return;
    }
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls) {
      wrap.setAttribute('tabindex', '0');
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-labelledby', captionId);
    } else {
      wrap.removeAttribute('tabindex');
      wrap.removeAttribute('role');
      wrap.removeAttribute('aria-labelledby');
    }
  };
  const observer = new ResizeObserver(fit);
  observer.observe(wrap);
  return wrap;
}

/**
 * A QR code from the node's SVG, shown as an image (so nothing in it can run) with a name for
 * screen readers.
 */
export function qrImage(svg: string, alt: PKey): HTMLImageElement {
  const img = h('img', {
    class: 'cadwyn-qr',
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    width: 240,
    height: 240,
  });
  return pAttr(img, 'alt', alt);
}

/** Moves focus to `el` (a heading or a result) after it is on the page. */
export function focusSoon(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  requestAnimationFrame(() => el.focus());
}

/** A download link to a transaction's receipt (the JSON a person keeps and checks offline). */
export function receiptLink(
  receipt: string,
  txId: string,
  id: string,
  label: PKey,
): HTMLParagraphElement {
  return h(
    'p',
    { class: 'govuk-body' },
    h(
      'a',
      {
        class: 'govuk-link govuk-!-font-weight-bold',
        href: receipt,
        download: `cadwyn-receipt-${txId.slice(0, 16)}.json`,
        id,
      },
      ptr(label),
    ),
  );
}
