// "My credentials": each credential as a card, with what it says in the page's language. Read
// from the wallet's store on this device: works offline.
//
// Each card also says whether the credential is still valid (Valid / Revoked / Suspended / Not
// checked, in words, not colour alone). The screen draws at once with the last answer the wallet
// kept, then asks the issuers' whole status lists (Wallet.credentialStatus: private, checked
// against the ledger) and updates the tags; one polite announcement says the outcome, so a
// screen reader hears it once rather than a message per card. Offline, the kept answer stays,
// with when it was checked: nothing alarming about being offline.
import type { Child } from '../shared/dom.js';
import { h, view } from '../shared/dom.js';
import { decodeCredential } from '../../src/identity/credential.js';
import type {
  CredentialRecord,
  CredentialStatusName,
  StoredStatus,
} from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import { claimRows, claimText, formatDay, typeName } from './show.js';
import type { WKey } from './ui.js';
import {
  bi,
  biArg,
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

const TAG: Record<CredentialStatusName | 'unknown', readonly [WKey, string]> = {
  valid: ['wallet.status.valid', 'govuk-tag--green'],
  revoked: ['wallet.status.revoked', 'govuk-tag--red'],
  suspended: ['wallet.status.suspended', 'govuk-tag--orange'],
  unknown: ['wallet.status.unknown', 'govuk-tag--grey'],
};

/** "19:05" in Gwent's clock. */
function formatTime(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));
}

type Check = 'checking' | 'done' | 'failed';

/** A card's status: its tag, what it means, and when it was checked. */
interface Validity {
  readonly el: HTMLDivElement;
  show(last: StoredStatus | undefined, check: Check): void;
}

function validity(record: CredentialRecord): Validity {
  let last: StoredStatus | undefined;
  let check: Check = 'checking';
  const issuer = biArg(record.issuerName, record.issuer);
  const line = (): string => {
    if (check === 'checking') return tw('wallet.status.checking');
    if (last === undefined) return tw('wallet.status.never');
    const when = [formatDay(last.checkedMs), formatTime(last.checkedMs)];
    return tw(check === 'done' ? 'wallet.status.checked' : 'wallet.status.stale', ...when);
  };
  const v = view(h('div', { class: 'cadwyn-wallet__validity' }), () => {
    const [key, colour] = TAG[last?.status ?? 'unknown'];
    const meaning =
      last?.status === 'revoked'
        ? 'wallet.status.revokedText'
        : last?.status === 'suspended'
          ? 'wallet.status.suspendedText'
          : undefined;
    return [
      h('strong', { class: `govuk-tag ${colour}` }, tw(key)),
      meaning ? h('p', { class: 'govuk-body govuk-!-margin-top-2' }, tw(meaning, issuer)) : null,
      h('p', { class: 'govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0' }, line()),
    ];
  });
  return {
    el: v.el,
    show(l, c) {
      last = l;
      check = c;
      v.update();
    },
  };
}

function card(record: CredentialRecord, status: Validity): HTMLLIElement {
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
      [trw('wallet.card.status'), status.el],
      [trw('wallet.card.issuer'), bi(record.issuerName, record.issuer)],
      [trw('wallet.card.received'), live(() => formatDay(record.receivedMs))],
      ...(expMs === undefined ? [] : [[trw('wallet.card.validUntil'), until(expMs)] as const]),
    ]),
    h('h3', { class: 'govuk-heading-s' }, trw('wallet.card.details')),
    summary(rows),
  );
}

/**
 * Checks every card's credential (in parallel: a few lists at most) and says the outcome once,
 * when a tag changed and the screen is still shown.
 */
async function checkAll(
  app: App,
  items: readonly { record: CredentialRecord; status: Validity }[],
  kept: ReadonlyMap<string, StoredStatus>,
  shown: Element,
): Promise<void> {
  const wallet = app.wallet();
  const found = await Promise.all(
    items.map(async ({ record, status }) => {
      const r = await wallet
        .credentialStatus(record, { nodeUrl: app.nodeUrl })
        .catch(() => undefined); // locked meanwhile: nothing to show
      if (r?.ok) {
        status.show({ id: record.id, ...r.value }, 'done');
        return r.value.status;
      }
      status.show(kept.get(record.id), 'failed');
      return undefined;
    }),
  );
  const changed = found.some(
    (s, i) => s !== undefined && s !== kept.get(items[i].record.id)?.status,
  );
  if (!changed || !shown.isConnected) return;
  const problem = found.some((s) => s === 'revoked' || s === 'suspended');
  app.announce(tw(problem ? 'wallet.status.announceProblem' : 'wallet.status.announceValid'));
}

export function credentialsScreen(app: App, message?: Child): Screen {
  const list = h('ul', { class: 'cadwyn-wallet__cards' });
  const count = h('p', { class: 'govuk-body' });
  const problem = problemBox();
  const load = async () => {
    const wallet = app.wallet();
    const records = await wallet.credentials();
    // Only a cache: a damaged one must not hide the credentials.
    const kept = await wallet.lastStatuses().catch(() => new Map<string, StoredStatus>());
    records.sort((a, b) => b.receivedMs - a.receivedMs);
    if (records.length === 0) {
      count.replaceChildren(trw('wallet.home.empty'));
      return;
    }
    count.replaceChildren(trw('wallet.home.count', records.length));
    const items = records.map((record) => ({ record, status: validity(record) }));
    for (const { record, status } of items) status.show(kept.get(record.id), 'checking');
    list.replaceChildren(...items.map(({ record, status }) => card(record, status)));
    // Drawn first, checked after: the screen never waits for the network.
    void checkAll(app, items, kept, list);
  };
  load().catch((e: unknown) =>
    problem.show(trw('wallet.unexpected', e instanceof Error ? e.name : '?')),
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
