// Notarise (registrar role): the body puts a document's SHA-256 on the ledger. The fingerprint
// is worked out here, in the browser, with core's sha256: the file never leaves the computer.
// Then a receipt anyone can check, even years later, without asking us.
import { toHex } from '../../src/core/bytes.js';
import { sha256 } from '../../src/core/hash.js';
import type { Child } from '../shared/dom.js';
import { h, view } from '../shared/dom.js';
import { errorSummary, fileField } from '../shared/forms.js';
import { formatNumber } from '../shared/format.js';
import type { ViewContext } from './app.js';
import { refusal, showFailure, showOutcome } from './app.js';
import { post } from './client.js';
import { textField } from './fields.js';
import {
  banner,
  button,
  code,
  h1,
  liveStatus,
  key,
  perr,
  phidden,
  ppara,
  pt,
  ptr,
  summary,
} from './ui.js';

/** Larger files would be read into memory whole; notarised documents are far smaller. */
const FILE_MAX_BYTES = 256 * 1024 * 1024;
const LABEL_MAX = 200;

interface Notarised {
  readonly txId: string;
  readonly height: number;
  readonly receipt: string;
}

export function notariseView(ctx: ViewContext): Child {
  const errors = errorSummary();
  let digest: string | undefined;
  let hashing = false;
  const status = liveStatus();
  const fingerprint = view(h('div'), () =>
    digest
      ? summary([
          [ptr('portal.notarise.file.name'), file.file()?.name ?? ''],
          [
            ptr('portal.notarise.file.size'),
            pt('portal.notarise.bytes', formatNumber(file.file()?.size ?? 0)),
          ],
          [ptr('portal.notarise.fingerprint'), code(digest)],
        ])
      : null,
  );

  const file = fileField({
    id: 'notarise-file',
    label: key('portal.notarise.file'),
    hint: key('portal.notarise.file.hint'),
    onFile: (f) => void hash(f),
  });

  async function hash(f: File): Promise<void> {
    digest = undefined;
    fingerprint.update();
    result.replaceChildren();
    if (f.size > FILE_MAX_BYTES) {
      file.setError(perr('portal.notarise.err.tooBig', f.name));
      return;
    }
    file.setError(null);
    hashing = true;
    status.textContent = pt('portal.notarise.hashing', f.name);
    try {
      // Let the status be drawn before the (synchronous) hashing takes the thread.
      await new Promise((r) => setTimeout(r, 0));
      const bytes = new Uint8Array(await f.arrayBuffer());
      if (file.file() !== f) return; // another file was chosen meanwhile
      digest = toHex(sha256(bytes));
      status.textContent = pt('portal.notarise.hashed', f.name);
    } catch {
      file.setError(perr('portal.notarise.err.unreadable', f.name));
      status.textContent = '';
    } finally {
      hashing = false;
      fingerprint.update();
    }
  }

  const warning = h(
    'div',
    { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h(
      'strong',
      { class: 'govuk-warning-text__text' },
      phidden('portal.warning'),
      ptr('portal.notarise.label.warning'),
    ),
  );
  // The warning sits with the label field, and screen readers hear it with the field.
  const label = textField({
    id: 'notarise-label',
    label: 'portal.notarise.label',
    hint: 'portal.notarise.label.hint',
    width: 'govuk-!-width-three-quarters',
    note: warning,
  });

  const submit = button('portal.notarise.submit');
  const result = h('div', { class: 'cadwyn-result' });
  const form = h(
    'form',
    { novalidate: true },
    file.group,
    fingerprint.el,
    status,
    label.group,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void notarise();
  });

  async function notarise(): Promise<void> {
    result.replaceChildren();
    const text = label.control.value.trim();
    if (hashing) {
      file.setError(perr('portal.notarise.err.wait'));
    } else {
      file.setError(digest ? null : perr('portal.notarise.err.noFile'));
    }
    label.setError(
      text.length > LABEL_MAX ? perr('portal.notarise.err.labelLong', LABEL_MAX) : null,
    );
    errors.show([file, label]);
    if (file.error || label.error || !digest) return;
    submit.disabled = true;
    try {
      const r = await post<Notarised>(
        `/v1/bodies/${encodeURIComponent(ctx.session.body.slug)}/notarise`,
        { digest, ...(text ? { label: text } : {}) },
        { signal: ctx.signal },
      );
      let box: HTMLElement;
      if (r.ok) {
        const n = r.body;
        const download = h(
          'a',
          {
            class: 'govuk-link govuk-!-font-weight-bold',
            href: n.receipt,
            download: `cadwyn-receipt-${n.txId.slice(0, 16)}.json`,
            id: 'receipt-link',
          },
          ptr('portal.notarise.download'),
        );
        box = banner(
          'success',
          ptr('portal.notarise.done'),
          summary([
            [ptr('portal.notarise.fingerprint'), code(digest)],
            [ptr('portal.notarise.tx'), code(n.txId)],
            [ptr('portal.notarise.height'), formatNumber(n.height)],
          ]),
          h('p', { class: 'govuk-body' }, download),
          ppara('portal.notarise.check'),
        );
      } else if (r.problem.code === 'NOTARY_ALREADY_NOTARISED') {
        box = refusal(r.problem, 'portal.notarise.already');
      } else {
        box = refusal(r.problem);
      }
      showOutcome(result, box);
    } catch (e) {
      showFailure(result, e);
    } finally {
      submit.disabled = false;
    }
  }

  return [
    errors.el,
    h1('portal.notarise.h1'),
    ppara('portal.notarise.lead'),
    h('div', { class: 'govuk-inset-text' }, ptr('portal.notarise.private')),
    form,
    result,
  ];
}
