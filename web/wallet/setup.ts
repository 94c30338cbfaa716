// Before the wallet is open: creating one (passphrase twice, keys made on this device by the
// library), restoring one from a backup file, and unlocking the one on this device.
import { h } from '../shared/dom.js';
import type { Field } from '../shared/forms.js';
import { errorSummary, fileField, readTextFile } from '../shared/forms.js';
import { Wallet } from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import { PASSPHRASE_MIN } from './app.js';
import { deleteWallet, walletStorage } from './storage.js';
import type { Status } from './ui.js';
import {
  busy,
  button,
  buttonGroup,
  err,
  heading,
  inputField,
  paraw,
  problemBox,
  status,
  trw,
  tw,
  wk,
} from './ui.js';

/** Checks a new passphrase and its confirmation; returns the fields in error. */
export function checkNewPassphrase(
  pass: Field<HTMLInputElement>,
  again: Field<HTMLInputElement>,
): Field[] {
  const p = pass.control.value;
  const a = again.control.value;
  pass.setError(
    p === ''
      ? err('wallet.error.passphraseEmpty')
      : [...p].length < PASSPHRASE_MIN
        ? err('wallet.error.passphraseShort', PASSPHRASE_MIN)
        : null,
  );
  again.setError(
    pass.error
      ? null
      : a === ''
        ? err('wallet.error.confirmEmpty')
        : a !== p
          ? err('wallet.error.confirmMismatch')
          : null,
  );
  return [pass, again].filter((f) => f.error);
}

/** A new pair of passphrase fields. */
export function newPassphraseFields(
  prefix: string,
  label: 'wallet.passphrase' | 'wallet.backup.passphrase',
  hint: 'wallet.create.hint' | 'wallet.backup.hint',
): [Field<HTMLInputElement>, Field<HTMLInputElement>] {
  const pass = inputField({
    id: `${prefix}-passphrase`,
    label,
    hint,
    hintArgs: [PASSPHRASE_MIN],
    type: 'password',
    autocomplete: 'new-password',
  });
  const again = inputField({
    id: `${prefix}-confirm`,
    label: 'wallet.confirm',
    type: 'password',
    autocomplete: 'new-password',
  });
  return [pass, again];
}

async function guarded<T>(line: Status, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch {
    line.set(null);
    return undefined;
  }
}

/**
 * What password managers save the passphrase under: they look for a user name beside a
 * password. Not shown, and not in the accessibility tree (display: none).
 */
const accountName = (): HTMLInputElement =>
  h('input', {
    type: 'text',
    name: 'username',
    autocomplete: 'username',
    value: 'Cadwyn Wallet',
    readonly: true,
    hidden: true,
    tabindex: '-1',
  });

export function welcomeScreen(app: App, pending: boolean): Screen {
  const summaryBox = errorSummary();
  const problem = problemBox();
  const [pass, again] = newPassphraseFields('create', 'wallet.passphrase', 'wallet.create.hint');
  const line = status();
  const submit = button(trw('wallet.create.submit'), null, { type: 'submit' });
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, trw('wallet.create.h2')),
    accountName(),
    pass.group,
    again.group,
    submit,
    line.el,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    const bad = checkNewPassphrase(pass, again);
    summaryBox.show(bad);
    if (bad.length > 0) return;
    void busy([submit], line, 'wallet.create.working', async () => {
      const made = await guarded(line, () =>
        Wallet.create({ storage: walletStorage, passphrase: pass.control.value }),
      );
      if (made === undefined) return problem.show(trw('wallet.error.storage'));
      if (!made.ok) return problem.show(trw('wallet.error.exists'));
      pass.control.value = '';
      again.control.value = '';
      app.unlocked(made.value, trw('wallet.create.done'));
    });
  });
  const restore = h(
    'a',
    { class: 'govuk-link', href: '#restore' },
    trw('wallet.create.restoreLink'),
  );
  restore.addEventListener('click', (e) => {
    e.preventDefault();
    app.goLocked('restore');
  });
  return {
    el: h(
      'div',
      null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.welcome.h1')),
      h('p', { class: 'govuk-body-l' }, trw('wallet.welcome.lead')),
      paraw('wallet.welcome.keys'),
      pending ? paraw('wallet.welcome.pending') : null,
      form,
      h('p', { class: 'govuk-body' }, restore),
    ),
    title: () => tw('wallet.welcome.h1'),
  };
}

export function restoreScreen(app: App): Screen {
  const summaryBox = errorSummary();
  const problem = problemBox();
  const file = fileField({
    id: 'restore-file',
    label: wk('wallet.restore.file'),
    accept: '.json,application/json',
    onFile: () => file.setError(null),
  });
  const pass = inputField({
    id: 'restore-passphrase',
    label: 'wallet.restore.passphrase',
    hint: 'wallet.restore.hint',
    type: 'password',
    autocomplete: 'current-password',
  });
  const line = status();
  const submit = button(trw('wallet.restore.submit'), null, { type: 'submit' });
  const form = h(
    'form',
    { novalidate: true },
    file.group,
    accountName(),
    pass.group,
    submit,
    line.el,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    const chosen = file.file();
    file.setError(chosen ? null : err('wallet.error.fileMissing'));
    pass.setError(pass.control.value === '' ? err('wallet.error.passphraseEmpty') : null);
    const bad = [file, pass].filter((f) => f.error);
    summaryBox.show(bad);
    if (bad.length > 0 || !chosen) return;
    void busy([submit], line, 'wallet.restore.working', async () => {
      const text = await readTextFile(chosen, 4 * 1024 * 1024);
      if (!text.ok) {
        file.setError(text.error);
        return summaryBox.show([file]);
      }
      const restored = await guarded(line, () =>
        Wallet.restore({
          storage: walletStorage,
          backup: text.text,
          passphrase: pass.control.value,
        }),
      );
      if (restored === undefined) return problem.show(trw('wallet.error.storage'));
      if (!restored.ok) {
        if (restored.code === 'WALLET_EXISTS') return problem.show(trw('wallet.error.exists'));
        if (restored.code === 'WALLET_WRONG_PASSPHRASE') {
          pass.setError(err('wallet.error.wrongPassphrase'));
        } else {
          file.setError(err('wallet.error.backupInvalid'));
        }
        return summaryBox.show([file, pass]);
      }
      pass.control.value = '';
      app.unlocked(restored.value, trw('wallet.restore.done'));
    });
  });
  const create = h(
    'a',
    { class: 'govuk-link', href: '#welcome' },
    trw('wallet.restore.createLink'),
  );
  create.addEventListener('click', (e) => {
    e.preventDefault();
    app.goLocked('welcome');
  });
  return {
    el: h(
      'div',
      null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.restore.h1')),
      paraw('wallet.restore.lead'),
      form,
      h('p', { class: 'govuk-body' }, create),
    ),
    title: () => tw('wallet.restore.h1'),
  };
}

export function unlockScreen(app: App, pending: boolean): Screen {
  const summaryBox = errorSummary();
  const problem = problemBox();
  const pass = inputField({
    id: 'unlock-passphrase',
    label: 'wallet.passphrase',
    type: 'password',
    autocomplete: 'current-password',
  });
  const line = status();
  const submit = button(trw('wallet.unlock.submit'), null, { type: 'submit' });
  const form = h('form', { novalidate: true }, accountName(), pass.group, submit, line.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    pass.setError(pass.control.value === '' ? err('wallet.error.passphraseEmpty') : null);
    summaryBox.show([pass]);
    if (pass.error) return;
    void busy([submit], line, 'wallet.unlock.working', async () => {
      const opened = await guarded(line, () =>
        Wallet.open({ storage: walletStorage, passphrase: pass.control.value }),
      );
      if (opened === undefined) return problem.show(trw('wallet.error.storage'));
      if (!opened.ok) {
        if (opened.code === 'WALLET_WRONG_PASSPHRASE') {
          pass.setError(err('wallet.error.wrongPassphrase'));
          pass.control.select();
          return summaryBox.show([pass]);
        }
        if (opened.code === 'WALLET_NOT_FOUND') return app.removed();
        return problem.show(trw('wallet.unexpected', opened.code));
      }
      pass.control.value = '';
      app.unlocked(opened.value);
    });
  });

  // Forgotten passphrase: the only way on is to remove this copy (and restore a backup).
  const removeButton = button(trw('wallet.unlock.remove'), null, { kind: 'warning' });
  const yes = button(trw('wallet.unlock.removeYes'), null, { kind: 'warning' });
  const no = button(trw('wallet.cancel'), null, { kind: 'secondary' });
  const confirm = h(
    'div',
    { hidden: true },
    h(
      'p',
      { class: 'govuk-body govuk-!-font-weight-bold', id: 'remove-confirm' },
      trw('wallet.unlock.removeConfirm'),
    ),
    buttonGroup(yes, no),
  );
  removeButton.addEventListener('click', () => {
    confirm.hidden = false;
    removeButton.hidden = true;
    yes.focus();
  });
  no.addEventListener('click', () => {
    confirm.hidden = true;
    removeButton.hidden = false;
    removeButton.focus();
  });
  yes.setAttribute('aria-describedby', 'remove-confirm');
  yes.addEventListener('click', () => {
    yes.disabled = true;
    void deleteWallet().then(
      () => app.removed(trw('wallet.removed')),
      () => {
        yes.disabled = false;
        problem.show(trw('wallet.error.storage'));
      },
    );
  });
  const forgot = h(
    'details',
    { class: 'govuk-details' },
    h(
      'summary',
      { class: 'govuk-details__summary' },
      h('span', { class: 'govuk-details__summary-text' }, trw('wallet.unlock.forgot')),
    ),
    h(
      'div',
      { class: 'govuk-details__text' },
      paraw('wallet.unlock.forgotBody'),
      removeButton,
      confirm,
    ),
  );
  return {
    el: h(
      'div',
      null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.unlock.h1')),
      paraw('wallet.unlock.lead'),
      pending ? paraw('wallet.unlock.pending') : null,
      form,
      forgot,
    ),
    title: () => tw('wallet.unlock.h1'),
  };
}
