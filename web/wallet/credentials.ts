// "My credentials": each credential as a card, with what it says in the page's language. Read
// from the wallet's store on this device: works offline.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { decodeCredential } from '../../src/identity/credential.js';
import type { CredentialRecord } from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import { claimRows, claimText, formatDay, typeName } from './show.js';
import {
  bi,
  buttonGroup,
  buttonLink,
  heading,
  live,
  paraw,
  problemBox,
  successBanner,
  summary,
  trw,
  tw,
} from './ui.js';

/** "25 November 2027", or "Expired on …" in bold once past. */
function until(expMs: number): Child {
  return expMs < Date.now()
    ? h(
        'strong',
        null,
        live(() => tw('wallet.card.expired', formatDay(expMs))),
      )
    : live(() => formatDay(expMs));
}

function card(record: CredentialRecord): HTMLLIElement {
  let claims: Record<string, unknown> = {};
  let expMs: number | undefined;
  try {
    const decoded = decodeCredential(record.sdJwt);
    claims = decoded.claims;
    const exp = decoded.payload.exp;
    if (typeof exp === 'number') expMs = exp * 1000;
  } catch {
    // A damaged record still shows its name; there is nothing else to show.
  }
  const name = typeName(record.vct, record.typeName);
  const rows = claimRows(record.vct, claims).map(
    ({ label, value }) =>
      [
        bi(label),
        h(
          'span',
          { class: 'cadwyn-wallet__lines' },
          live(() => claimText(value)),
        ),
      ] as const,
  );
  const id = `credential-${record.id}`;
  return h(
    'li',
    { class: 'cadwyn-card cadwyn-wallet__card', 'aria-labelledby': id },
    h('h2', { class: 'govuk-heading-m', id }, bi(name)),
    summary([
      [trw('wallet.card.issuer'), bi(record.issuerName, record.issuer)],
      [trw('wallet.card.received'), live(() => formatDay(record.receivedMs))],
      ...(expMs === undefined ? [] : [[trw('wallet.card.validUntil'), until(expMs)] as const]),
    ]),
    h('h3', { class: 'govuk-heading-s' }, trw('wallet.card.details')),
    summary(rows),
  );
}

export function credentialsScreen(app: App, message?: Child): Screen {
  const list = h('ul', { class: 'cadwyn-wallet__cards' });
  const count = h('p', { class: 'govuk-body' });
  const problem = problemBox();
  void app
    .wallet()
    .credentials()
    .then(
      (records) => {
        records.sort((a, b) => b.receivedMs - a.receivedMs);
        if (records.length === 0) {
          count.replaceChildren(trw('wallet.home.empty'));
          return;
        }
        count.replaceChildren(trw('wallet.home.count', records.length));
        list.replaceChildren(...records.map(card));
      },
      (e: unknown) => problem.show(trw('wallet.unexpected', e instanceof Error ? e.name : '?')),
    );
  return {
    el: h(
      'div',
      null,
      message ? successBanner(message) : null,
      problem.el,
      heading(trw('wallet.home.h1')),
      count,
      buttonGroup(
        buttonLink('#receive', trw('wallet.nav.receive')),
        buttonLink('#share', trw('wallet.nav.share'), true),
      ),
      list,
      paraw('wallet.welcome.keys'),
    ),
    title: () => tw('wallet.home.h1'),
  };
}
