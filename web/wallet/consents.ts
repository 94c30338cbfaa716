// Consents: those in force (from the ledger's answer to "who used my data"), what each covers,
// withdrawing one (a signed consent.withdraw; its receipt is kept), and giving a new one.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import { currentLang } from '../shared/i18n.js';
import { GWENT_BODIES } from '../../src/ledger/demo.js';
import { DATA_CATEGORIES, LAWFUL_BASES, PURPOSES } from '../../src/identity/types.js';
import type { LedgerTxError } from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import type { ConsentEntry } from './ledger-history.js';
import { bodyName, isActive, loadHistory } from './ledger-history.js';
import { formatDay } from './show.js';
import type { WKey } from './ui.js';
import {
  bi,
  biArg,
  busy,
  button,
  buttonGroup,
  buttonLink,
  checkboxesField,
  err,
  fill,
  heading,
  live,
  paraw,
  problemBox,
  selectField,
  status,
  successBanner,
  summary,
  trw,
  tw,
} from './ui.js';

/** A ledger refusal in words. */
export function txProblem(code: LedgerTxError): Child {
  const own: Partial<Record<string, WKey>> = {
    TX_PENDING: 'wallet.tx.TX_PENDING',
    CONSENT_ALREADY_WITHDRAWN: 'wallet.tx.CONSENT_ALREADY_WITHDRAWN',
    LEDGER_UNREACHABLE: 'wallet.error.ledgerUnreachable',
  };
  const key = own[code];
  return key ? trw(key) : trw('wallet.tx.refused', code);
}

const named = (table: Readonly<Record<string, { en: string; cy: string }>>, code: string) =>
  Object.hasOwn(table, code) ? table[code] : undefined;

/** Data categories in words, in the page's language. */
export const categoriesText = (codes: readonly string[]): string =>
  codes.map((c) => named(DATA_CATEGORIES, c)?.[currentLang()] ?? c).join(', ');

export const purposeText = (code: string): string => named(PURPOSES, code)?.[currentLang()] ?? code;

function consentCard(
  app: App,
  c: ConsentEntry,
  problem: ReturnType<typeof problemBox>,
): HTMLElement {
  const requester = bodyName(c.requester, c.requesterName);
  const holder = bodyName(c.holder, c.holderName);
  const active = isActive(c, Date.now());
  const basis = named(LAWFUL_BASES, c.lawfulBasis);
  const id = `consent-${c.id.slice(0, 16)}`;
  const rows = [
    [trw('wallet.consents.categories'), live(() => categoriesText(c.categories))],
    [trw('wallet.consents.purpose'), bi(c.purpose)],
    [trw('wallet.consents.requester'), bi(requester)],
    [trw('wallet.consents.holder'), bi(holder)],
    [trw('wallet.consents.basis'), basis ? bi(basis) : c.lawfulBasis],
    [trw('wallet.consents.granted'), live(() => formatDay(c.grantedMs))],
    [
      trw('wallet.consents.status'),
      active
        ? live(() => tw('wallet.consents.inForceUntil', formatDay(c.expiresMs)))
        : c.withdrawnMs !== undefined
          ? live(() => tw('wallet.consents.withdrawnOn', formatDay(c.withdrawnMs ?? 0)))
          : live(() => tw('wallet.consents.endedOn', formatDay(c.expiresMs))),
    ],
  ] as const;
  const card = h(
    'li',
    { class: 'cadwyn-card cadwyn-wallet__card', 'aria-labelledby': id },
    h(
      'h3',
      { class: 'govuk-heading-s', id },
      trw('wallet.consents.title', biArg(requester), biArg(holder)),
    ),
    summary(rows),
  );
  if (!active) return card;

  const withdraw = button(
    [
      trw('wallet.consents.withdraw'),
      h(
        'span',
        { class: 'govuk-visually-hidden' },
        ': ',
        trw('wallet.consents.title', biArg(requester), biArg(holder)),
      ),
    ],
    null,
    { kind: 'warning' },
  );
  const confirmId = `${id}-confirm`;
  const yes = button(trw('wallet.consents.confirmYes'), null, { kind: 'warning' });
  yes.setAttribute('aria-describedby', confirmId);
  const no = button(trw('wallet.cancel'), null, { kind: 'secondary' });
  const line = status();
  const confirm = h(
    'div',
    { class: 'cadwyn-wallet__confirm', hidden: true },
    h(
      'p',
      { class: 'govuk-body govuk-!-font-weight-bold', id: confirmId },
      trw('wallet.consents.confirm', biArg(requester), biArg(holder)),
    ),
    buttonGroup(yes, no),
    line.el,
  );
  withdraw.addEventListener('click', () => {
    withdraw.hidden = true;
    confirm.hidden = false;
    yes.focus();
  });
  no.addEventListener('click', () => {
    confirm.hidden = true;
    withdraw.hidden = false;
    withdraw.focus();
  });
  yes.addEventListener('click', () => {
    problem.show(null);
    void busy([yes, no], line, 'wallet.consents.withdrawing', async () => {
      const r = await app
        .wallet()
        .withdrawConsent(app.nodeUrl, { consentId: c.id, holder: c.holder });
      if (r.ok) {
        app.go('consents', trw('wallet.consents.withdrawn'));
      } else problem.show(txProblem(r.code));
    });
  });
  card.append(withdraw, confirm);
  return card;
}

export function consentsScreen(app: App, message?: Child): Screen {
  const problem = problemBox();
  const line = status();
  const body = h('div');
  line.set('wallet.consents.loading');
  void loadHistory(app)
    .then((v) => {
      line.set(null);
      if (v.kind === 'unreachable') return problem.show(trw('wallet.error.ledgerUnreachable'));
      const consents = v.kind === 'nothing' ? [] : [...v.answer.consents];
      consents.sort((x, y) => y.grantedMs - x.grantedMs);
      const now = Date.now();
      const active = consents.filter((c) => isActive(c, now));
      const past = consents.filter((c) => !isActive(c, now));
      fill(
        body,
        v.kind === 'cached'
          ? h(
              'div',
              { class: 'govuk-inset-text' },
              trw('wallet.ledger.cached', () => formatDay(v.answer.generatedMs)),
            )
          : null,
        h('h2', { class: 'govuk-heading-m' }, trw('wallet.consents.activeH2')),
        active.length === 0
          ? paraw('wallet.consents.none')
          : h(
              'ul',
              { class: 'cadwyn-wallet__cards' },
              active.map((c) => consentCard(app, c, problem)),
            ),
        past.length === 0
          ? null
          : [
              h('h2', { class: 'govuk-heading-m' }, trw('wallet.consents.pastH2')),
              h(
                'ul',
                { class: 'cadwyn-wallet__cards' },
                past.map((c) => consentCard(app, c, problem)),
              ),
            ],
      );
    })
    .catch((e: unknown) => {
      line.set(null);
      problem.show(trw('wallet.unexpected', e instanceof Error ? e.name : '?'));
    });
  return {
    el: h(
      'div',
      null,
      message ? successBanner(message) : null,
      problem.el,
      heading(trw('wallet.consents.h1')),
      paraw('wallet.consents.lead'),
      buttonLink('#give', trw('wallet.consents.give'), true),
      line.el,
      body,
    ),
    title: () => tw('wallet.consents.h1'),
  };
}

const DURATIONS = [1, 3, 6, 12] as const;

function monthsFromNow(months: number): number {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  return d.getTime();
}

export function giveScreen(app: App): Screen {
  const summaryBox = errorSummary();
  const problem = problemBox();
  const bodies = GWENT_BODIES.map((b) => ({ value: b.did, text: bi(b.name) }));
  // Two lists of the same bodies: each option needs text nodes of its own.
  const bodies2 = GWENT_BODIES.map((b) => ({ value: b.did, text: bi(b.name) }));
  const holder = selectField({
    id: 'give-holder',
    label: 'wallet.give.holder',
    placeholder: 'wallet.give.chooseBody',
    choices: bodies,
  });
  const requester = selectField({
    id: 'give-requester',
    label: 'wallet.give.requester',
    placeholder: 'wallet.give.chooseBody',
    choices: bodies2,
  });
  const categories = checkboxesField({
    id: 'give-categories',
    legend: 'wallet.give.categories',
    hint: 'wallet.give.categoriesHint',
    name: 'categories',
    choices: Object.entries(DATA_CATEGORIES).map(([code, name]) => ({
      value: code,
      text: bi(name),
    })),
  });
  const purpose = selectField({
    id: 'give-purpose',
    label: 'wallet.give.purpose',
    placeholder: 'wallet.give.choosePurpose',
    choices: Object.entries(PURPOSES).map(([code, name]) => ({ value: code, text: bi(name) })),
  });
  const basis = selectField({
    id: 'give-basis',
    label: 'wallet.give.basis',
    hint: 'wallet.give.basisHint',
    choices: Object.entries(LAWFUL_BASES).map(([code, b]) => ({
      value: code,
      text: trw('wallet.give.article', biArg(b), b.article),
    })),
    value: 'consent',
  });
  const duration = selectField({
    id: 'give-duration',
    label: 'wallet.give.duration',
    choices: DURATIONS.map((m) => ({
      value: String(m),
      text:
        m === 1
          ? trw('wallet.give.month1')
          : m === 12
            ? trw('wallet.give.year1')
            : trw('wallet.give.months', m),
    })),
    value: '3',
  });
  const line = status();
  const submit = button(trw('wallet.give.submit'), null, { type: 'submit' });
  const form = h(
    'form',
    { novalidate: true },
    holder.group,
    requester.group,
    categories.group,
    purpose.group,
    basis.group,
    duration.group,
    submit,
    line.el,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    const from = holder.control.value;
    const to = requester.control.value;
    const chosen = categories.checked();
    const why = purpose.control.value;
    holder.setError(from === '' ? err('wallet.error.holderEmpty') : null);
    requester.setError(
      to === ''
        ? err('wallet.error.requesterEmpty')
        : to === from
          ? err('wallet.error.sameBody')
          : null,
    );
    categories.setError(chosen.length === 0 ? err('wallet.error.categoriesEmpty') : null);
    purpose.setError(why === '' ? err('wallet.error.purposeEmpty') : null);
    const bad = [holder, requester, categories, purpose].filter((f) => f.error);
    summaryBox.show(bad);
    if (bad.length > 0) return;
    const names = PURPOSES[why];
    if (!names) return;
    void busy([submit], line, 'wallet.give.working', async () => {
      const r = await app.wallet().grantConsent(app.nodeUrl, {
        holder: from,
        requester: to,
        purpose: { code: why, en: names.en, cy: names.cy },
        categories: chosen,
        lawfulBasis: basis.control.value,
        expiresMs: monthsFromNow(Number(duration.control.value)),
      });
      if (r.ok) {
        app.go('consents', trw('wallet.give.done'));
      } else problem.show(txProblem(r.code));
    });
  });
  return {
    el: h(
      'div',
      null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.give.h1')),
      paraw('wallet.give.lead'),
      form,
    ),
    title: () => tw('wallet.give.h1'),
  };
}
