// Sign-in: username and password, errors tied to the fields and listed in an error summary.
// A wrong password and an unknown username get the same words (the node answers them alike).
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import type { StaffSession } from './app.js';
import { failure, readSession } from './app.js';
import { post } from './client.js';
import { textField } from './fields.js';
import { banner, button, h1, perr, ppara, ptr } from './ui.js';

export type SignInNotice = 'expired' | 'signedOut' | 'idle' | undefined;

export function signInView(o: {
  notice: SignInNotice;
  signedIn: (s: StaffSession) => void;
}): HTMLElement[] {
  const errors = errorSummary();
  const username = textField({
    id: 'username',
    label: 'portal.signin.username',
    autocomplete: 'username',
    spellcheck: false,
    width: 'govuk-!-width-two-thirds',
  });
  username.control.setAttribute('autocapitalize', 'none');
  const password = textField({
    id: 'password',
    label: 'portal.signin.password',
    type: 'password',
    autocomplete: 'current-password',
    width: 'govuk-!-width-two-thirds',
  });
  const submit = button('portal.signin.submit');
  const outcome = h('div');
  const form = h(
    'form',
    { novalidate: true, class: 'cadwyn-form' },
    username.group,
    password.group,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void signIn();
  });

  async function signIn(): Promise<void> {
    outcome.replaceChildren();
    const u = username.control.value.trim();
    const p = password.control.value;
    username.setError(u ? null : perr('portal.signin.noUsername'));
    password.setError(p ? null : perr('portal.signin.noPassword'));
    if (!u || !p) {
      errors.show([username, password]);
      return;
    }
    submit.disabled = true;
    submit.setAttribute('aria-disabled', 'true');
    try {
      const r = await post<unknown>(
        '/v1/staff/sessions',
        { username: u, password: p },
        { quiet: true },
      );
      const s = r.ok ? readSession(r.body) : undefined;
      if (s) {
        o.signedIn(s);
        return;
      }
      const code = r.ok ? 'UNKNOWN' : r.problem.code;
      password.control.value = '';
      if (code === 'STAFF_SIGNIN_LOCKED') {
        username.setError(perr('portal.signin.locked'));
        password.setError(null);
      } else {
        username.setError(null);
        password.setError(perr('portal.signin.failed'));
      }
      errors.show([username, password]);
    } catch (e) {
      const f = failure(e);
      outcome.replaceChildren(...(f ? [f] : []));
      f?.focus();
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-disabled');
    }
  }

  const notice =
    o.notice === 'expired' || o.notice === 'idle'
      ? banner(
          'important',
          ptr(o.notice === 'idle' ? 'portal.signin.idle' : 'portal.signin.expired'),
          ppara('portal.signin.again'),
        )
      : o.notice === 'signedOut'
        ? banner('important', ptr('portal.signin.signedOut'))
        : null;

  return [
    ...(notice ? [notice] : []),
    errors.el,
    h1('portal.signin.h1'),
    ppara('portal.signin.lead'),
    outcome,
    form,
    h(
      'details',
      { class: 'govuk-details' },
      h(
        'summary',
        { class: 'govuk-details__summary' },
        h('span', { class: 'govuk-details__summary-text' }, ptr('portal.signin.demo.summary')),
      ),
      h('div', { class: 'govuk-details__text' }, ppara('portal.signin.demo.text')),
    ),
  ];
}
