// The backup: every record of the wallet, encrypted (scrypt + AES-GCM, by the library) under a
// passphrase chosen here, downloaded as one file. Restoring it is on the setting-up screen.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import type { App, Screen } from './app.js';
import { checkNewPassphrase, newPassphraseFields } from './setup.js';
import {
  busy,
  button,
  download,
  heading,
  paraw,
  problemBox,
  status,
  successBanner,
  today,
  trw,
  tw,
} from './ui.js';

export function backupScreen(app: App, message?: Child): Screen {
  const summaryBox = errorSummary();
  const problem = problemBox();
  const [pass, again] = newPassphraseFields(
    'backup',
    'wallet.backup.passphrase',
    'wallet.backup.hint',
  );
  const line = status();
  const submit = button(trw('wallet.backup.submit'), null, { type: 'submit' });
  const form = h('form', { novalidate: true }, pass.group, again.group, submit, line.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    const bad = checkNewPassphrase(pass, again);
    summaryBox.show(bad);
    if (bad.length > 0) return;
    void busy([submit], line, 'wallet.backup.working', async () => {
      try {
        const text = await app.wallet().exportBackup(pass.control.value);
        download(`cadwyn-wallet-backup-${today()}.json`, text, 'application/json');
        pass.control.value = '';
        again.control.value = '';
        app.go('backup', trw('wallet.backup.done'));
      } catch (err) {
        problem.show(trw('wallet.unexpected', err instanceof Error ? err.name : '?'));
      }
    });
  });
  return {
    el: h(
      'div',
      null,
      message ? successBanner(message) : null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.backup.h1')),
      paraw('wallet.backup.lead'),
      form,
    ),
    title: () => tw('wallet.backup.h1'),
  };
}
