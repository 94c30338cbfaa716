// The Organisations face's small parts: its strings through t() (keys cast once, here), form
// fields in the GOV.UK pattern (forms.ts), buttons, banners, the receipt of a step and the words
// for a refusal.
import type { Attrs, Child } from '../shared/dom.js';
import { h, tr, uid, view } from '../shared/dom.js';
import type { Field, FieldError } from '../shared/forms.js';
import { makeField } from '../shared/forms.js';
import type { Arg, Key } from '../shared/i18n.js';
import { currentLang, lookup, t, whenLang } from '../shared/i18n.js';
import type { PartyTxOutcome } from '../../src/wallet/party.js';
import type { business } from './strings.js';

export type BKey = keyof typeof business;

/** One of this face's keys as the shared modules take it (registered at run time). */
export const bk = (k: BKey): Key => k as unknown as Key;
export const tb = (k: BKey, ...a: Arg[]): string => t(bk(k), ...a);
export const trb = (k: BKey, ...a: Arg[]): Text => tr(bk(k), ...a);
export const parab = (k: BKey, ...a: Arg[]): HTMLParagraphElement =>
  h('p', { class: 'govuk-body' }, trb(k, ...a));

/** A key built from a ledger value (a stage, a role), when this face has words for it. */
export function known(prefix: string, value: string): BKey | undefined {
  const key = `${prefix}.${value}`;
  try {
    lookup(key as Key);
    return key as BKey;
  } catch {
    return undefined;
  }
}

/** Words for a ledger value, or the value itself when the face has none. */
export const words = (prefix: string, value: string): Child => {
  const key = known(prefix, value);
  return key ? trb(key) : value;
};

/** A screen's heading: focus moves here when the screen changes. */
export const heading = (k: BKey): HTMLHeadingElement =>
  h('h1', { class: 'govuk-heading-l', tabindex: '-1' }, trb(k));

export function button(
  label: Child,
  onClick: (e: Event) => void,
  o: { kind?: 'primary' | 'secondary' | 'warning'; id?: string } = {},
): HTMLButtonElement {
  const kind = o.kind ?? 'primary';
  const cls = `govuk-button${kind === 'primary' ? '' : ` govuk-button--${kind}`}`;
  const attrs: Attrs = { class: cls, type: 'button', id: o.id ?? null, onclick: onClick };
  return h('button', attrs, label);
}

function banner(kind: 'success' | 'info', title: BKey, message: Child): HTMLDivElement {
  const id = uid('banner');
  return h(
    'div',
    {
      class: `govuk-notification-banner${kind === 'success' ? ' govuk-notification-banner--success' : ''}`,
      'aria-labelledby': id,
      role: kind === 'success' ? 'alert' : null,
    },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id }, trb(title)),
    ),
    h('div', { class: 'govuk-notification-banner__content' }, message),
  );
}

export const infoBanner = (message: Child): HTMLDivElement =>
  banner('info', 'business.important', h('p', { class: 'govuk-body' }, message));

/** What a step left on the ledger: its transaction, its block and a link to its receipt. */
export function receiptBanner(done: BKey, outcome: PartyTxOutcome): HTMLDivElement {
  const href = `/v1/transactions/${outcome.txId}/receipt`;
  return banner(
    'success',
    'business.success',
    h(
      'div',
      { class: 'cadwyn-business__receipt' },
      h(
        'p',
        { class: 'govuk-notification-banner__heading' },
        trb('business.receipt.done', () => tb(done)),
      ),
      h(
        'dl',
        { class: 'govuk-summary-list cadwyn-summary' },
        row(trb('business.receipt.tx'), h('span', { class: 'cadwyn-code' }, outcome.txId)),
        row(trb('business.receipt.height'), String(outcome.height)),
      ),
      h(
        'p',
        { class: 'govuk-body' },
        h(
          'a',
          { class: 'govuk-link', href, 'data-receipt': outcome.txId },
          trb('business.receipt.link'),
        ),
      ),
    ),
  );
}

/** The words for a refusal: the face's own for the codes a party meets, a general one else. */
export function refusalMessage(code: string): HTMLDivElement {
  const key = known('business.problem', code) ?? 'business.problem.other';
  return h(
    'div',
    { class: 'cadwyn-business__refusal' },
    h(
      'p',
      { class: 'govuk-body' },
      trb('business.refused', () => tb(key)),
    ),
    h('p', { class: 'govuk-body-s cadwyn-muted' }, trb('business.refused.code', code)),
  );
}

/** A problem belonging to no field: an error summary, filled and focused, or hidden. */
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
      h('h2', { class: 'govuk-error-summary__title' }, tr('common.errorSummary')),
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
      if (message instanceof Node) body.append(message);
      else body.append(h('p', { class: 'govuk-body' }, message as string));
      el.hidden = false;
      el.focus();
    },
  };
}

/** A line saying what is happening (role=status). */
export function statusLine(): { el: HTMLParagraphElement; set(k: BKey | null): void } {
  let current: BKey | null = null;
  const el = h('p', { class: 'govuk-body', role: 'status' });
  const v = view(el, () => (current ? tb(current) : null));
  return {
    el,
    set(k) {
      current = k;
      v.update();
    },
  };
}

export const err = (k: BKey, ...args: Arg[]): FieldError => ({ key: bk(k), args });

export function inputField(o: {
  id: string;
  label: BKey;
  labelArgs?: Arg[];
  hint?: BKey;
  inputmode?: 'numeric' | 'text';
  width?: '10' | '20';
}): Field<HTMLInputElement> {
  const input = h('input', {
    class: `govuk-input${o.width ? ` govuk-input--width-${o.width}` : ''}`,
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    inputmode: o.inputmode ?? null,
  });
  const f = makeField(input, {
    id: o.id,
    label: bk(o.label),
    ...(o.hint ? { hint: bk(o.hint) } : {}),
    errorClass: 'govuk-input--error',
  });
  if (o.labelArgs) {
    const label = f.group.querySelector('label');
    if (label) label.replaceChildren(trb(o.label, ...o.labelArgs));
  }
  return f;
}

export interface Choice {
  readonly value: string;
  readonly text: Child;
}

export function selectField(o: {
  id: string;
  label: BKey;
  hint?: BKey;
  placeholder?: BKey;
  choices: readonly Choice[];
}): Field<HTMLSelectElement> {
  const select = h(
    'select',
    { class: 'govuk-select cadwyn-business__select' },
    o.placeholder ? h('option', { value: '' }, trb(o.placeholder)) : null,
    o.choices.map((c) => h('option', { value: c.value }, c.text)),
  );
  return makeField(select, {
    id: o.id,
    label: bk(o.label),
    ...(o.hint ? { hint: bk(o.hint) } : {}),
    errorClass: 'govuk-select--error',
  });
}

export type Row = readonly [Child, Child];

function row(k: Child, v: Child): HTMLDivElement {
  return h(
    'div',
    { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key' }, k),
    h('dd', { class: 'govuk-summary-list__value' }, v),
  );
}

export const summary = (rows: readonly Row[]): HTMLDListElement =>
  h(
    'dl',
    { class: 'govuk-summary-list cadwyn-summary' },
    rows.map(([k, v]) => row(k, v)),
  );

/** Runs `work` with `buttons` disabled and the status line saying so; always re-enables. */
export async function busy<T>(
  buttons: readonly HTMLButtonElement[],
  line: { set(k: BKey | null): void },
  work: () => Promise<T>,
): Promise<T> {
  for (const b of buttons) b.disabled = true;
  line.set('business.sending');
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    line.set(null);
  }
}

/**
 * A ledger name in both languages, shown in the page's language and redrawn with it. A business
 * name may have no Welsh form on the ledger: then its English one.
 */
export function bi(name: { readonly en: string; readonly cy?: string } | null | undefined): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = name ? (name[currentLang()] ?? name.en) : '';
  });
  return node;
}

export type { CheckboxesField } from '../shared/forms.js';
export { checkboxesField } from '../shared/forms.js';
