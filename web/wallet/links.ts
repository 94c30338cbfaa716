// Getting a link into the wallet: scan its QR code with the camera, read it from a photo, or
// paste it. All three end in the same text box, so what was read can be seen before it is used.
import { h, trAttr } from '../shared/dom.js';
import type { Field } from '../shared/forms.js';
import { errorSummary, fileField, textareaField } from '../shared/forms.js';
import type { ErrorSummary } from '../shared/forms.js';
import type { App } from './app.js';
import type { Status } from './ui.js';
import { button, err, status, trw, tw, wk } from './ui.js';

export interface LinkInput {
  readonly el: HTMLElement;
  /** The text box: errors about the link are shown on it. */
  readonly field: Field<HTMLTextAreaElement>;
  readonly summary: ErrorSummary;
  /** Says what is happening under the Continue button. */
  readonly status: Status;
  readonly submit: HTMLButtonElement;
  /** Puts a link in the box and continues as if Continue was pressed. */
  use(link: string): void;
  /** Stops the camera (when the screen goes). */
  stop(): void;
}

type Scanner = typeof import('./scan.js');
let scanner: Promise<Scanner> | undefined;
const loadScanner = (): Promise<Scanner> => (scanner ??= import('./scan.js'));

export function linkInput(
  app: App,
  kind: 'offer' | 'request',
  onLink: (link: string) => void,
): LinkInput {
  const summary = errorSummary();
  const line = status();
  const field = textareaField({
    id: `${kind}-link`,
    label: wk('wallet.link.paste'),
    hint: wk(kind === 'offer' ? 'wallet.link.offerHint' : 'wallet.link.requestHint'),
    rows: 3,
  });
  const submit = button(trw('wallet.continue'), null, { type: 'submit' });
  const go = () => {
    const link = field.control.value.trim();
    field.setError(link === '' ? err('wallet.error.linkEmpty') : null);
    summary.show([field]);
    if (link !== '') onLink(link);
  };
  const use = (link: string) => {
    field.control.value = link;
    go();
  };

  // ---- camera ----
  let controller: AbortController | undefined;
  const video = h('video', {
    class: 'cadwyn-wallet__video',
    playsinline: true,
    muted: true,
  });
  trAttr(video, 'aria-label', wk('wallet.scan.video'));
  const aim = h('p', { class: 'govuk-body', role: 'status' });
  const stopButton = button(trw('wallet.scan.stop'), null, { kind: 'secondary' });
  const camera = h('div', { class: 'cadwyn-wallet__camera', hidden: true }, video, aim, stopButton);
  const startButton = button(trw('wallet.scan.start'), null, { kind: 'secondary' });
  const stop = () => {
    controller?.abort();
    controller = undefined;
    camera.hidden = true;
    startButton.hidden = false;
  };
  stopButton.addEventListener('click', () => {
    stop();
    startButton.focus();
  });
  startButton.addEventListener('click', () => {
    controller?.abort();
    const c = new AbortController();
    controller = c;
    camera.hidden = false;
    startButton.hidden = true;
    aim.replaceChildren(trw('wallet.scan.starting'));
    stopButton.focus();
    void loadScanner()
      .then((s) =>
        s.startCamera(
          video,
          (text) => {
            stop();
            app.announce(tw('wallet.scan.found'));
            use(text);
          },
          c.signal,
        ),
      )
      .then(
        (started) => {
          if (c.signal.aborted) return;
          if (started) aim.replaceChildren(trw('wallet.scan.aim'));
          else {
            stop();
            field.setError(err('wallet.scan.noCamera'));
            summary.show([field]);
          }
        },
        () => {
          stop();
          field.setError(err('wallet.scan.noCamera'));
          summary.show([field]);
        },
      );
  });

  // ---- photo ----
  const photo = fileField({
    id: `${kind}-photo`,
    label: wk('wallet.scan.photo'),
    hint: wk('wallet.scan.photoHint'),
    accept: 'image/*',
    onFile: (file) => {
      photo.setError(null);
      void loadScanner()
        .then((s) => s.decodePhoto(file))
        .then(
          (text) => {
            if (text === undefined) {
              photo.setError(err('wallet.scan.noCode', file.name));
              summary.show([photo]);
            } else {
              app.announce(tw('wallet.scan.found'));
              use(text);
            }
          },
          () => {
            photo.setError(err('wallet.scan.noCode', file.name));
            summary.show([photo]);
          },
        );
    },
  });

  const form = h('form', { novalidate: true }, field.group, submit, line.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go();
  });
  return {
    el: h(
      'div',
      null,
      h('div', { class: 'govuk-form-group' }, startButton, camera),
      photo.group,
      form,
    ),
    field,
    summary,
    status: line,
    submit,
    use,
    stop,
  };
}
