// Form fields in the GOV.UK Frontend pattern: label, hint, error message tied to the control
// with aria-describedby, an error summary that links to each field. File fields are also drop
// zones.
import type { Child } from './dom.js';
import { h, hidden, tr, uid, view } from './dom.js';
import type { Arg, Key } from './i18n.js';
import { t } from './i18n.js';

export interface FieldError {
  readonly key: Key;
  readonly args?: readonly Arg[];
}

export interface Field<C extends HTMLElement = HTMLElement> {
  readonly group: HTMLDivElement;
  readonly control: C;
  /** Shows (or, with null, clears) the field's error. */
  setError(error: FieldError | null): void;
  readonly error: FieldError | null;
}

export interface FieldParts {
  readonly id?: string;
  readonly label: Key;
  readonly hint?: Key;
  readonly hintArgs?: readonly Arg[];
  /** The control's class when the field is in error, where GOV.UK Frontend has one. */
  readonly errorClass?: string;
}

/** A labelled control with its hint and error message; `body` wraps the control if needed. */
export function makeField<C extends HTMLElement>(
  control: C,
  parts: FieldParts,
  body: (control: C) => Child = (c) => c,
): Field<C> {
  const id = parts.id ?? uid('field');
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = parts.hint
    ? h('div', { class: 'govuk-hint', id: hintId }, tr(parts.hint, ...(parts.hintArgs ?? [])))
    : null;
  let error: FieldError | null = null;
  const message = view(h('p', { class: 'govuk-error-message', id: errorId }), () =>
    error ? [hidden('common.errorPrefix'), ' ', tr(error.key, ...(error.args ?? []))] : null,
  );
  const label = h(
    'label',
    { class: 'govuk-label govuk-label--s', for: id, id: `${id}-label` },
    tr(parts.label),
  );
  const group = h('div', { class: 'govuk-form-group' }, label, hint, body(control));
  const describe = () => {
    const ids = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
    if (ids) control.setAttribute('aria-describedby', ids);
    else control.removeAttribute('aria-describedby');
  };
  describe();
  return {
    group,
    control,
    get error() {
      return error;
    },
    setError(e) {
      error = e;
      message.update();
      group.classList.toggle('govuk-form-group--error', !!e);
      if (parts.errorClass) control.classList.toggle(parts.errorClass, !!e);
      if (e) group.insertBefore(message.el, (hint ?? label).nextSibling);
      else message.el.remove();
      describe();
    },
  };
}

export interface FileFieldOptions {
  /** The field's id: the error summary links to it. */
  readonly id?: string;
  readonly label: Key;
  readonly hint?: Key;
  /** File types the picker offers, e.g. ".json,application/json". Dropped files are not limited. */
  readonly accept?: string;
  /** A file was chosen or dropped. */
  readonly onFile: (file: File) => void;
}

export interface FileField extends Field<HTMLButtonElement> {
  /** The file chosen or dropped last, if any. */
  file(): File | undefined;
}

/**
 * A file field that is also a drop zone, in GOV.UK Frontend's enhanced file-upload markup (its
 * styles, our words: the browser's own "Choose file" would not follow the page's language).
 * The button opens the hidden native input, so keyboard and screen-reader use is a button's.
 */
export function fileField(o: FileFieldOptions): FileField {
  const id = o.id ?? uid('file');
  let current: File | undefined;
  const input = h('input', {
    class: 'govuk-file-upload',
    id: `${id}-input`,
    type: 'file',
    accept: o.accept ?? null,
    hidden: true,
    tabindex: '-1',
  });
  const status = h('span', { class: 'govuk-body govuk-file-upload-button__status' });
  const statusView = view(status, () => current?.name ?? tr('common.file.none'));
  const button = h(
    'button',
    {
      class: 'govuk-file-upload-button govuk-file-upload-button--empty',
      type: 'button',
      id,
      // Its name: the label, then what it shows (WCAG 2.5.3: the visible words are in it).
      'aria-labelledby': `${id}-label ${id}`,
    },
    status,
    ' ',
    h(
      'span',
      { class: 'govuk-file-upload-button__pseudo-button-container' },
      h(
        'span',
        { class: 'govuk-button govuk-button--secondary govuk-file-upload-button__pseudo-button' },
        tr('common.file.choose'),
      ),
      ' ',
      h(
        'span',
        { class: 'govuk-body govuk-file-upload-button__instruction' },
        tr('common.file.drop'),
      ),
    ),
  );
  const announcements = h('span', {
    class: 'govuk-visually-hidden',
    'aria-live': 'assertive',
  });
  const use = (file: File | undefined): void => {
    current = file;
    statusView.update();
    button.classList.toggle('govuk-file-upload-button--empty', !file);
    if (file) o.onFile(file);
  };
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => use(input.files?.[0]));
  let depth = 0; // dragenter and dragleave fire for every child crossed
  const dragging = (on: boolean) => {
    if (button.classList.contains('govuk-file-upload-button--dragging') === on) return;
    button.classList.toggle('govuk-file-upload-button--dragging', on);
    announcements.textContent = t(on ? 'common.file.dropEntered' : 'common.file.dropLeft');
  };
  button.addEventListener('dragenter', (e) => {
    e.preventDefault();
    depth += 1;
    dragging(true);
  });
  button.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  button.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging(false);
  });
  button.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    dragging(false);
    const file = e.dataTransfer?.files[0];
    if (file) use(file);
  });
  const field = makeField(button, { id, label: o.label, hint: o.hint }, () => [
    h('div', { class: 'govuk-file-upload-wrapper' }, button, input),
    announcements,
  ]);
  return Object.assign(field, { file: () => current });
}

export interface TextareaFieldOptions {
  readonly id?: string;
  readonly label: Key;
  readonly hint?: Key;
  readonly rows?: number;
  /** A dropped file's text goes into the box (checkpoints saved as files). */
  readonly dropMaxBytes?: number;
  readonly onDropError?: (error: FieldError) => void;
}

/** A multi-line text box that also takes a dropped text file. */
export function textareaField(o: TextareaFieldOptions): Field<HTMLTextAreaElement> {
  const area = h('textarea', {
    class: 'govuk-textarea cadwyn-mono',
    rows: o.rows ?? 8,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const field = makeField(
    area,
    { id: o.id, label: o.label, hint: o.hint, errorClass: 'govuk-textarea--error' },
    (c) => c,
  );
  area.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  area.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return; // dropped text: the browser inserts it
    e.preventDefault();
    void readTextFile(file, o.dropMaxBytes ?? 64 * 1024).then((r) => {
      if (r.ok) {
        area.value = r.text;
        field.setError(null);
      } else field.setError(r.error);
    });
  });
  return field;
}

/** Reads a small text file; too big or not UTF-8 text is a field error, not an exception. */
export async function readTextFile(
  file: File,
  maxBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; error: FieldError }> {
  if (file.size > maxBytes) {
    return {
      ok: false,
      error: { key: 'common.file.tooLarge', args: [file.name, Math.ceil(maxBytes / 1024)] },
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    return { ok: true, text };
  } catch {
    return { ok: false, error: { key: 'common.file.notText', args: [file.name] } };
  }
}

export interface ErrorSummary {
  readonly el: HTMLDivElement;
  /** Lists the fields' current errors (focusing the summary), or hides it when there are none. */
  show(fields: readonly Field[]): void;
}

/** The error summary at the top of a form: a link to each field in error. */
export function errorSummary(): ErrorSummary {
  let fields: readonly Field[] = [];
  const list = view(h('ul', { class: 'govuk-list govuk-error-summary__list' }), () =>
    fields.map((f) => {
      const e = f.error;
      if (!e) return null;
      const a = h('a', { href: `#${f.control.id}` }, tr(e.key, ...(e.args ?? [])));
      a.addEventListener('click', (ev) => {
        // Focus the control itself, with its label in view (the fragment alone only scrolls).
        ev.preventDefault();
        f.group.scrollIntoView();
        f.control.focus({ preventScroll: true });
      });
      return h('li', null, a);
    }),
  );
  const el = h(
    'div',
    { class: 'govuk-error-summary', tabindex: '-1', hidden: true },
    h(
      'div',
      { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, tr('common.errorSummary')),
      h('div', { class: 'govuk-error-summary__body' }, list.el),
    ),
  );
  return {
    el,
    show(next) {
      fields = next.filter((f) => f.error);
      list.update();
      el.hidden = fields.length === 0;
      if (fields.length > 0) el.focus();
    },
  };
}

export interface CheckboxesField extends Field<HTMLInputElement> {
  /** The values ticked. */
  checked(): string[];
}

/** Checkboxes in a fieldset; the error summary links to the first box (Wallet, organisations). */
export function checkboxesField(o: {
  readonly id: string;
  readonly legend: Key;
  readonly hint?: Key;
  /** Defaults to the id. */
  readonly name?: string;
  readonly choices: readonly { readonly value: string; readonly text: Child }[];
}): CheckboxesField {
  const hintId = `${o.id}-hint`;
  const errorId = `${o.id}-error`;
  const boxes = o.choices.map((c, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    const input = h('input', {
      class: 'govuk-checkboxes__input',
      id,
      name: o.name ?? o.id,
      type: 'checkbox',
      value: c.value,
    });
    return {
      input,
      item: h(
        'div',
        { class: 'govuk-checkboxes__item' },
        input,
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, c.text),
      ),
    };
  });
  const first = boxes[0]?.input ?? h('input', { type: 'checkbox' });
  let error: FieldError | null = null;
  const message = view(h('p', { class: 'govuk-error-message', id: errorId }), () =>
    error ? [hidden('common.errorPrefix'), ' ', tr(error.key, ...(error.args ?? []))] : null,
  );
  const hint = o.hint ? h('div', { class: 'govuk-hint', id: hintId }, tr(o.hint)) : null;
  const list = h(
    'div',
    { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
    boxes.map((b) => b.item),
  );
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset' },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, tr(o.legend)),
    hint,
    list,
  );
  const group = h('div', { class: 'govuk-form-group' }, fieldset);
  const describe = () => {
    const ids = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
    if (ids) fieldset.setAttribute('aria-describedby', ids);
    else fieldset.removeAttribute('aria-describedby');
  };
  describe();
  return {
    group,
    control: first,
    get error() {
      return error;
    },
    setError(e) {
      error = e;
      message.update();
      group.classList.toggle('govuk-form-group--error', !!e);
      if (e) fieldset.insertBefore(message.el, list);
      else message.el.remove();
      describe();
    },
    checked: () => boxes.filter((b) => b.input.checked).map((b) => b.input.value),
  };
}
