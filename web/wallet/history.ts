// "Who used my data": every request a body made for the citizen's data, served or refused, as
// the holders recorded them on the ledger: who, what, why, when, where, and the outcome in
// words. Downloadable as JSON (the wallet's copy, also offline) or CSV (the node's).
import { h } from '../shared/dom.js';
import { areaName, formatTime } from '../shared/format.js';
import type { App, Screen } from './app.js';
import { categoriesText, purposeText } from './consents.js';
import type { AccessEntry, HistoryAnswer } from './ledger-history.js';
import { bodyName, loadHistory } from './ledger-history.js';
import { formatDay } from './show.js';
import type { WKey } from './ui.js';
import {
  bi,
  busy,
  button,
  buttonGroup,
  download,
  fill,
  heading,
  live,
  paraw,
  problemBox,
  status,
  summary,
  today,
  trw,
  tw,
} from './ui.js';

const REASONS: Readonly<Record<string, WKey>> = {
  CONSENT_UNKNOWN: 'wallet.reason.CONSENT_UNKNOWN',
  CONSENT_WITHDRAWN: 'wallet.reason.CONSENT_WITHDRAWN',
  CONSENT_EXPIRED: 'wallet.reason.CONSENT_EXPIRED',
  CONSENT_WRONG_HOLDER: 'wallet.reason.CONSENT_WRONG_HOLDER',
  CONSENT_WRONG_REQUESTER: 'wallet.reason.CONSENT_WRONG_REQUESTER',
  CONSENT_WRONG_CATEGORY: 'wallet.reason.CONSENT_WRONG_CATEGORY',
  CONSENT_WRONG_PURPOSE: 'wallet.reason.CONSENT_WRONG_PURPOSE',
  CONSENT_WRONG_SUBJECT: 'wallet.reason.CONSENT_WRONG_SUBJECT',
};

function reasonText(reason: string | undefined): string {
  if (reason === undefined || reason === '') return tw('wallet.reason.none');
  // Holders record the code in kebab case (consent-wrong-purpose).
  const code = reason.toUpperCase().replace(/-/g, '_');
  const key = Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
  return key ? tw(key) : tw('wallet.reason.other', reason);
}

function areaOf(a: AccessEntry): string | undefined {
  const geo = (a as AccessEntry & { readonly geo?: { readonly area?: unknown } }).geo;
  return typeof geo?.area === 'string' ? geo.area : undefined;
}

function accessCard(a: AccessEntry): HTMLLIElement {
  const requester = bodyName(a.requester, a.requesterName);
  const holder = bodyName(a.holder, a.holderName);
  const area = areaOf(a);
  const served = a.outcome === 'served';
  return h(
    'li',
    { class: 'cadwyn-card cadwyn-wallet__card' },
    h(
      'h3',
      { class: 'govuk-heading-s' },
      h('span', { class: 'govuk-caption-s cadwyn-wallet__caption' }, trw('wallet.history.who')),
      bi(requester),
    ),
    summary([
      [trw('wallet.history.what'), live(() => categoriesText([a.category]))],
      [trw('wallet.consent.why'), live(() => purposeText(a.purpose))],
      [
        trw('wallet.history.when'),
        h(
          'time',
          { datetime: new Date(a.timeMs).toISOString() },
          live(() => formatTime(a.timeMs, 'short')),
        ),
      ],
      [trw('wallet.history.holder'), bi(holder)],
      [
        trw('wallet.history.where'),
        area === undefined ? trw('wallet.history.noArea') : live(() => areaName(area)),
      ],
      [
        trw('wallet.history.outcome'),
        h(
          'strong',
          { class: `govuk-tag ${served ? 'govuk-tag--green' : 'govuk-tag--red'}` },
          served
            ? trw('wallet.history.served')
            : live(() => tw('wallet.history.refused', reasonText(a.reason))),
        ),
      ],
    ]),
  );
}

export function historyScreen(app: App): Screen {
  const problem = problemBox();
  const line = status();
  const body = h('div');
  let answer: HistoryAnswer | undefined;

  const json = button(trw('wallet.history.json'), null, { kind: 'secondary' });
  const csv = button(trw('wallet.history.csv'), null, { kind: 'secondary' });
  const downloads = h(
    'div',
    { hidden: true },
    h('h2', { class: 'govuk-heading-m' }, trw('wallet.history.downloadH2')),
    buttonGroup(json, csv),
  );
  json.addEventListener('click', () => {
    if (answer) {
      download(
        `cadwyn-who-used-my-data-${today()}.json`,
        JSON.stringify(answer, null, 2),
        'application/json',
      );
    }
  });
  csv.addEventListener('click', () => {
    problem.show(null);
    void busy([json, csv], line, 'wallet.history.loading', async () => {
      const r = await app.wallet().fetchHistory(app.nodeUrl, { format: 'csv' });
      if (r.ok) download(`cadwyn-who-used-my-data-${today()}.csv`, r.value, 'text/csv');
      else problem.show(trw('wallet.history.csvOffline'));
    });
  });

  line.set('wallet.history.loading');
  void loadHistory(app)
    .then((v) => {
      line.set(null);
      if (v.kind === 'unreachable') return problem.show(trw('wallet.error.ledgerUnreachable'));
      if (v.kind === 'nothing') return fill(body, paraw('wallet.history.nothing'));
      answer = v.answer;
      const access = [...v.answer.access].sort((x, y) => y.timeMs - x.timeMs);
      downloads.hidden = false;
      fill(
        body,
        h(
          'div',
          { class: 'govuk-inset-text' },
          v.kind === 'cached'
            ? trw('wallet.ledger.cached', () => formatDay(v.answer.generatedMs))
            : trw('wallet.ledger.asOf', () => formatTime(v.answer.generatedMs, 'short')),
        ),
        h('h2', { class: 'govuk-heading-m' }, trw('wallet.history.requestsH2')),
        access.length === 0
          ? paraw('wallet.history.none')
          : [
              paraw('wallet.history.count', access.length),
              h('ul', { class: 'cadwyn-wallet__cards' }, access.map(accessCard)),
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
      problem.el,
      heading(trw('wallet.history.h1')),
      paraw('wallet.history.lead'),
      paraw('wallet.history.consentsLink'),
      line.el,
      body,
      downloads,
    ),
    title: () => tw('wallet.history.h1'),
  };
}
