// Form fields in GOV.UK Frontend's markup that the shared forms.ts does not have: text inputs,
// date inputs, radios, checkboxes and selects. Each is a forms.ts Field, so the shared error
// summary links to it; its error message is tied to it with aria-describedby.
import type { Child } from '../shared/dom.js';
import { h, hidden, tr, uid, view } from '../shared/dom.js';
import type { Field, FieldError } from '../shared/forms.js';
import type { PKey } from './ui.js';
import { ptr } from './ui.js';

/** A label or hint: a key of the Portal's dictionary, or drawn (names from the node). */
export type Words = PKey | (() => Child);
const words = (w: Words): Child => (typeof w === 'string' ? ptr(w) : w());

interface Wiring {
  readonly group: HTMLDivElement;
  /** Where the error message goes: after this element. */
  readonly after: HTMLElement;
  /** The element described by the hint and the error (the control, or the fieldset). */
  readonly described: HTMLElement;
  readonly hintId: string | undefined;
  readonly errorId: string;
  /** Inputs that get `errorClass` when the field is in error. */
  readonly inputs: readonly HTMLElement[];
  readonly errorClass?: string;
  /** More ids that always describe the control (a warning beside it). */
  readonly extraIds?: string;
}

function wire<C extends HTMLElement>(control: C, w: Wiring): Field<C> {
  let error: FieldError | null = null;
  const message = view(h('p', { class: 'govuk-error-message', id: w.errorId }), () =>
    error ? [hidden('common.errorPrefix'), ' ', tr(error.key, ...(error.args ?? []))] : null,
  );
  const describe = (): void => {
    const ids = [w.hintId ?? '', w.extraIds ?? '', error ? w.errorId : '']
      .filter(Boolean)
      .join(' ');
    if (ids) w.described.setAttribute('aria-describedby', ids);
    else w.described.removeAttribute('aria-describedby');
  };
  describe();
  return {
    group: w.group,
    control,
    get error() {
      return error;
    },
    setError(e) {
      error = e;
      message.update();
      w.group.classList.toggle('govuk-form-group--error', !!e);
      if (w.errorClass) for (const i of w.inputs) i.classList.toggle(w.errorClass, !!e);
      if (e) w.after.after(message.el);
      else message.el.remove();
      describe();
    },
  };
}

const hintEl = (id: string, hint: Words | undefined): HTMLDivElement | null =>
  hint ? h('div', { class: 'govuk-hint', id }, words(hint)) : null;

// ---- text -----------------------------------------------------------------------------------

export interface TextOptions {
  readonly id?: string;
  readonly label: Words;
  readonly hint?: Words;
  readonly type?: 'text' | 'password' | 'email' | 'number';
  readonly autocomplete?: string;
  readonly inputmode?: 'text' | 'numeric' | 'decimal';
  /** A GOV.UK width class, e.g. 'govuk-input--width-10'. */
  readonly width?: string;
  readonly spellcheck?: boolean;
  readonly value?: string;
  readonly mono?: boolean;
  readonly bold?: boolean;
  /** Something shown between the hint and the input that describes it too (a warning). */
  readonly note?: HTMLElement;
}

export function textField(o: TextOptions): Field<HTMLInputElement> {
  const id = o.id ?? uid('text');
  const hintId = `${id}-hint`;
  const hint = hintEl(hintId, o.hint);
  const input = h('input', {
    class: ['govuk-input', o.width, o.mono ? 'cadwyn-mono' : ''].filter(Boolean).join(' '),
    id,
    name: id,
    type: o.type ?? 'text',
    autocomplete: o.autocomplete ?? 'off',
    inputmode: o.inputmode ?? null,
    spellcheck: o.spellcheck === undefined ? null : String(o.spellcheck),
  });
  if (o.value !== undefined) input.value = o.value;
  const label = h(
    'label',
    { class: `govuk-label${o.bold === false ? '' : ' govuk-label--s'}`, for: id },
    words(o.label),
  );
  if (o.note && !o.note.id) o.note.id = `${id}-note`;
  const group = h('div', { class: 'govuk-form-group' }, label, hint, o.note ?? null, input);
  return wire(input, {
    group,
    after: o.note ?? hint ?? label,
    ...(o.note ? { extraIds: o.note.id } : {}),
    described: input,
    hintId: hint ? hintId : undefined,
    errorId: `${id}-error`,
    inputs: [input],
    errorClass: 'govuk-input--error',
  });
}

// ---- date -----------------------------------------------------------------------------------

export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

export interface DateField extends Field<HTMLInputElement> {
  value(): DateParts;
}

/** Day, month and year in GOV.UK's date input; the error summary links to the day. */
export function dateField(o: { id: string; legend: Words; hint?: Words }): DateField {
  const hintId = `${o.id}-hint`;
  const hint = hintEl(hintId, o.hint);
  const part = (name: 'day' | 'month' | 'year', label: PKey, width: string) => {
    const id = name === 'day' ? o.id : `${o.id}-${name}`;
    const input = h('input', {
      class: `govuk-input govuk-date-input__input ${width}`,
      id,
      name: id,
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
    });
    const item = h(
      'div',
      { class: 'govuk-date-input__item' },
      h(
        'div',
        { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label govuk-date-input__label', for: id }, ptr(label)),
        input,
      ),
    );
    return { input, item };
  };
  const day = part('day', 'portal.date.day', 'govuk-input--width-2');
  const month = part('month', 'portal.date.month', 'govuk-input--width-2');
  const year = part('year', 'portal.date.year', 'govuk-input--width-4');
  const legend = h(
    'legend',
    { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' },
    words(o.legend),
  );
  const inputs = h(
    'div',
    { class: 'govuk-date-input', id: `${o.id}-date` },
    day.item,
    month.item,
    year.item,
  );
  const fieldset = h('fieldset', { class: 'govuk-fieldset', role: 'group' }, legend, hint, inputs);
  const group = h('div', { class: 'govuk-form-group' }, fieldset);
  const field = wire(day.input, {
    group,
    after: hint ?? legend,
    described: fieldset,
    hintId: hint ? hintId : undefined,
    errorId: `${o.id}-error`,
    inputs: [day.input, month.input, year.input],
    errorClass: 'govuk-input--error',
  });
  return Object.assign(field, {
    value: () => ({
      day: day.input.value.trim(),
      month: month.input.value.trim(),
      year: year.input.value.trim(),
    }),
  });
}

/** Why a date of birth is not acceptable, or the date as YYYY-MM-DD. */
export function checkBirthDate(
  d: DateParts,
  nowMs: number,
): { ok: true; iso: string } | { ok: false; error: PKey } {
  if (!d.day && !d.month && !d.year) return { ok: false, error: 'portal.date.missing' };
  if (!d.day) return { ok: false, error: 'portal.date.noDay' };
  if (!d.month) return { ok: false, error: 'portal.date.noMonth' };
  if (!d.year) return { ok: false, error: 'portal.date.noYear' };
  if (!/^\d{1,2}$/.test(d.day) || !/^\d{1,2}$/.test(d.month) || !/^\d{4}$/.test(d.year)) {
    return { ok: false, error: 'portal.date.notReal' };
  }
  const [y, m, dd] = [Number(d.year), Number(d.month), Number(d.day)];
  const date = new Date(Date.UTC(y, m - 1, dd));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== dd) {
    return { ok: false, error: 'portal.date.notReal' };
  }
  if (date.getTime() > nowMs) return { ok: false, error: 'portal.date.future' };
  if (y < 1900) return { ok: false, error: 'portal.date.tooOld' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { ok: true, iso: `${y}-${pad(m)}-${pad(dd)}` };
}

// ---- radios and checkboxes ------------------------------------------------------------------

export interface Choice {
  readonly value: string;
  readonly label: Words;
  readonly hint?: Words;
}

export interface ChoiceField extends Field<HTMLInputElement> {
  /** The chosen values (one at most for radios). */
  values(): string[];
  /** Checks exactly these values. */
  set(values: readonly string[]): void;
  readonly inputs: readonly HTMLInputElement[];
}

export function choiceField(o: {
  id: string;
  type: 'radio' | 'checkbox';
  legend: Words;
  hint?: Words;
  items: readonly Choice[];
  small?: boolean;
  onChange?: () => void;
}): ChoiceField {
  const hintId = `${o.id}-hint`;
  const hint = hintEl(hintId, o.hint);
  const kind = o.type === 'radio' ? 'radios' : 'checkboxes';
  const inputs: HTMLInputElement[] = [];
  const items = o.items.map((c, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    const itemHintId = `${id}-item-hint`;
    const input = h('input', {
      class: `govuk-${kind}__input`,
      id,
      name: o.id,
      type: o.type,
      value: c.value,
      'aria-describedby': c.hint ? itemHintId : null,
    });
    if (o.onChange) input.addEventListener('change', o.onChange);
    inputs.push(input);
    return h(
      'div',
      { class: `govuk-${kind}__item` },
      input,
      h('label', { class: `govuk-label govuk-${kind}__label`, for: id }, words(c.label)),
      c.hint
        ? h('div', { class: `govuk-hint govuk-${kind}__hint`, id: itemHintId }, words(c.hint))
        : null,
    );
  });
  const legend = h(
    'legend',
    { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' },
    words(o.legend),
  );
  const list = h(
    'div',
    {
      class: `govuk-${kind}${o.small ? ` govuk-${kind}--small` : ''}`,
      'data-module': `govuk-${kind}`,
    },
    items,
  );
  const fieldset = h('fieldset', { class: 'govuk-fieldset' }, legend, hint, list);
  const group = h('div', { class: 'govuk-form-group' }, fieldset);
  const first = inputs[0] ?? h('input');
  const field = wire(first, {
    group,
    after: hint ?? legend,
    described: fieldset,
    hintId: hint ? hintId : undefined,
    errorId: `${o.id}-error`,
    inputs: [],
  });
  return Object.assign(field, {
    inputs,
    values: () => inputs.filter((i) => i.checked).map((i) => i.value),
    set: (values: readonly string[]) => {
      for (const i of inputs) i.checked = values.includes(i.value);
    },
  });
}

// ---- select ---------------------------------------------------------------------------------

export function selectField(o: {
  id: string;
  label: Words;
  hint?: Words;
  options: readonly Choice[];
  /** A first, empty option ("Choose…"). */
  placeholder?: PKey;
}): Field<HTMLSelectElement> {
  const hintId = `${o.id}-hint`;
  const hint = hintEl(hintId, o.hint);
  const select = h(
    'select',
    { class: 'govuk-select', id: o.id, name: o.id },
    o.placeholder ? h('option', { value: '' }, ptr(o.placeholder)) : null,
    o.options.map((c) => h('option', { value: c.value }, words(c.label))),
  );
  const label = h('label', { class: 'govuk-label govuk-label--s', for: o.id }, words(o.label));
  const group = h('div', { class: 'govuk-form-group' }, label, hint, select);
  return wire(select, {
    group,
    after: hint ?? label,
    described: select,
    hintId: hint ? hintId : undefined,
    errorId: `${o.id}-error`,
    inputs: [select],
    errorClass: 'govuk-select--error',
  });
}
