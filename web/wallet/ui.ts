// The Wallet's own small parts: its strings through t() (the keys cast once, here), text in both
// languages from the ledger and the type metadata, form fields in the GOV.UK Frontend pattern
// (forms.ts has the file field and the error summary; a text input, a select and checkboxes
// are here), buttons, banners, and downloads.
import type { Attrs, Child } from '../shared/dom.js';
import { add, h, rich, uid, view } from '../shared/dom.js';
import type { FieldError, Field } from '../shared/forms.js';
import { makeField as makeSharedField } from '../shared/forms.js';
import type { Arg, Key } from '../shared/i18n.js';
import { currentLang, t, whenLang } from '../shared/i18n.js';
import type { wallet } from './strings.js';

export type WKey = keyof typeof wallet;

/** A Wallet string's key as the shared modules take it. */
export const wk = (k: WKey): Key => k as Key;

/** t() for the Wallet's strings. */
export const tw = (k: WKey, ...a: Arg[]): string => t(k as Key, ...a);

/** A text node showing tw(k, ...a), redrawn when the language changes. */
export function trw(k: WKey, ...a: Arg[]): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = tw(k, ...a);
  });
  return node;
}

/** A paragraph of body text, `[words](target)` as links. */
export const paraw = (k: WKey, ...a: Arg[]): HTMLParagraphElement =>
  rich('p', { class: 'govuk-body' }, wk(k), ...a);

export interface Bilingual {
  readonly en: string;
  readonly cy: string;
}

/** A name the ledger or the type metadata gives in both languages, as a t() argument. */
export const biArg =
  (b: Bilingual | null | undefined, fallback = ''): (() => string) =>
  () =>
    b ? b[currentLang()] : fallback;

/** A text node with `b` in the page's language, redrawn when it changes. */
export function bi(b: Bilingual | null | undefined, fallback = ''): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = b ? b[currentLang()] : fallback;
  });
  return node;
}

/** A text node computed in the page's language (dates, lists), redrawn when it changes. */
export function live(text: () => string): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = text();
  });
  return node;
}

/** Replaces what `el` shows (null, false and arrays as h() takes them). */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  add(el, ...children);
}

// ---- screens ----------------------------------------------------------------------------------

/** A screen's heading: focus moves here when the screen changes (tabindex -1). */
export const heading = (...children: Child[]): HTMLHeadingElement =>
  h('h1', { class: 'govuk-heading-l cadwyn-wallet__h1', tabindex: '-1' }, ...children);

export interface ButtonOptions {
  readonly kind?: 'primary' | 'secondary' | 'warning';
  readonly type?: 'button' | 'submit';
  readonly id?: string;
}

export function button(
  label: Child,
  onClick: ((e: Event) => void) | null,
  o: ButtonOptions = {},
): HTMLButtonElement {
  const kind = o.kind ?? 'primary';
  const cls = `govuk-button${kind === 'primary' ? '' : ` govuk-button--${kind}`}`;
  const attrs: Attrs = { class: cls, type: o.type ?? 'button', id: o.id ?? null };
  if (onClick) attrs.onclick = onClick;
  return h('button', attrs, label);
}

export const buttonGroup = (...children: Child[]): HTMLDivElement =>
  h('div', { class: 'govuk-button-group' }, ...children);

/** A link styled as a button (GOV.UK's pattern for navigation that looks like an action). */
export const buttonLink = (href: string, label: Child, secondary = false): HTMLAnchorElement =>
  h('a', { class: `govuk-button${secondary ? ' govuk-button--secondary' : ''}`, href }, label);

/** A success banner (GOV.UK notification banner); the page's live region announces it. */
export function successBanner(message: Child): HTMLDivElement {
  const id = uid('banner');
  return h(
    'div',
    {
      class: 'govuk-notification-banner govuk-notification-banner--success',
      'aria-labelledby': id,
    },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id }, trw('wallet.success')),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-notification-banner__heading' }, message),
    ),
  );
}

/** An important-information banner (neutral GOV.UK notification banner). */
export function infoBanner(message: Child): HTMLDivElement {
  const id = uid('banner');
  return h(
    'div',
    { class: 'govuk-notification-banner', 'aria-labelledby': id },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id }, trw('wallet.important')),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-body' }, message),
    ),
  );
}

/**
 * A problem that belongs to no field (the network, a refusal): an error summary with the
 * message in words. show() fills and focuses it; show(null) hides it.
 */
export interface ProblemBox {
  readonly el: HTMLDivElement;
  show(message: Child | null): void;
}

export function problemBox(): ProblemBox {
  const body = h('div', { class: 'govuk-error-summary__body' });
  const el = h(
    'div',
    { class: 'govuk-error-summary', tabindex: '-1', hidden: true },
    h(
      'div',
      { role: 'alert' },
      h(
        'h2',
        { class: 'govuk-error-summary__title' },
        live(() => t('common.errorSummary')),
      ),
      body,
    ),
  );
  return {
    el,
    show(message) {
      body.replaceChildren();
      if (message === null) {
        el.hidden = true;
        return;
      }
      body.append(h('p', { class: 'govuk-body' }, message));
      el.hidden = false;
      el.focus();
    },
  };
}

/** A line that says what is happening (role=status): "Creating your wallet…". */
export interface Status {
  readonly el: HTMLParagraphElement;
  set(key: WKey | null, ...a: Arg[]): void;
}

export function status(): Status {
  let current: { key: WKey; args: Arg[] } | null = null;
  const el = h('p', { class: 'govuk-body cadwyn-wallet__status', role: 'status' });
  const v = view(el, () => (current ? tw(current.key, ...current.args) : null));
  return {
    el,
    set(key, ...args) {
      current = key === null ? null : { key, args };
      v.update();
    },
  };
}

/** Runs `work` with `buttons` disabled and the status saying what happens; always re-enables. */
export async function busy<T>(
  buttons: readonly HTMLButtonElement[],
  line: Status,
  key: WKey,
  work: () => Promise<T>,
): Promise<T> {
  for (const b of buttons) b.disabled = true;
  line.set(key);
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    line.set(null);
  }
}

// ---- form fields --------------------------------------------------------------------------------

interface FieldParts {
  readonly id: string;
  readonly label: WKey;
  readonly hint?: WKey;
  readonly hintArgs?: readonly Arg[];
  readonly errorClass?: string;
}

/** A labelled control with its hint and error message: forms.ts's, with the Wallet's keys. */
function makeField<C extends HTMLElement>(control: C, parts: FieldParts): Field<C> {
  return makeSharedField(control, {
    id: parts.id,
    label: wk(parts.label),
    ...(parts.hint ? { hint: wk(parts.hint) } : {}),
    ...(parts.hintArgs ? { hintArgs: parts.hintArgs } : {}),
    ...(parts.errorClass ? { errorClass: parts.errorClass } : {}),
  });
}

/** A field error from one of the Wallet's keys. */
export const err = (key: WKey, ...args: Arg[]): FieldError => ({ key: wk(key), args });

export interface InputOptions extends FieldParts {
  readonly type?: 'text' | 'password';
  readonly autocomplete?: string;
  readonly inputmode?: 'text' | 'numeric';
  readonly width?: 'full' | '10' | '5';
}

export function inputField(o: InputOptions): Field<HTMLInputElement> {
  const width = o.width ?? 'full';
  const input = h('input', {
    class: `govuk-input${width === 'full' ? '' : ` govuk-input--width-${width}`}`,
    type: o.type ?? 'text',
    autocomplete: o.autocomplete ?? 'off',
    inputmode: o.inputmode ?? null,
    spellcheck: 'false',
    autocapitalize: 'none',
  });
  return makeField(input, { ...o, errorClass: 'govuk-input--error' });
}

export interface Choice {
  readonly value: string;
  readonly text: Child;
}

export interface SelectOptions extends FieldParts {
  /** The first, empty option ("Choose a body"); omit when a value is always chosen. */
  readonly placeholder?: WKey;
  readonly choices: readonly Choice[];
  readonly value?: string;
}

export function selectField(o: SelectOptions): Field<HTMLSelectElement> {
  const select = h(
    'select',
    { class: 'govuk-select cadwyn-wallet__select' },
    o.placeholder ? h('option', { value: '' }, trw(o.placeholder)) : null,
    o.choices.map((c) => h('option', { value: c.value }, c.text)),
  );
  if (o.value !== undefined) select.value = o.value;
  return makeField(select, { ...o, errorClass: 'govuk-select--error' });
}

export type { CheckboxesField } from '../shared/forms.js';
export { checkboxesField } from '../shared/forms.js';

// ---- summary lists ----------------------------------------------------------------------------

export type Row = readonly [Child, Child];

/** A GOV.UK summary list of label → value rows. */
export const summary = (rows: readonly Row[], extraClass = ''): HTMLDListElement =>
  h(
    'dl',
    { class: `govuk-summary-list cadwyn-summary ${extraClass}`.trim() },
    rows.map(([k, v]) =>
      h(
        'div',
        { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key' }, k),
        h('dd', { class: 'govuk-summary-list__value' }, v),
      ),
    ),
  );

// ---- files ------------------------------------------------------------------------------------

/** Saves `text` as a file called `name` (the browser's download). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today as YYYY-MM-DD, for file names. */
export const today = (): string => new Date().toISOString().slice(0, 10);
