// Receipts: one for every ledger action the wallet took, each checked on this device against
// the consortium's keys (kept for offline use), and each downloadable as a file anyone can
// check in the Explorer or with `cadwyn receipt verify`.
import { h } from '../shared/dom.js';
import { formatTime } from '../shared/format.js';
import { currentLang } from '../shared/i18n.js';
import type { StoredReceipt } from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import { button, download, heading, live, paraw, problemBox, summary, trw, tw } from './ui.js';

type Checker = typeof import('./receipt-check.js');

interface Shown {
  readonly type: string;
  readonly timeMs: number | undefined;
  readonly height: number | undefined;
}

/** What the receipt says about itself; checked below, shown as is until then. */
function describe(r: StoredReceipt): Shown {
  const x = r.receipt as {
    entry?: { height?: unknown; timeMs?: unknown; tx?: { body?: { type?: unknown } } };
  } | null;
  const entry = x?.entry;
  const type = entry?.tx?.body?.type;
  return {
    type: typeof type === 'string' ? type : '?',
    timeMs: typeof entry?.timeMs === 'number' ? entry.timeMs : undefined,
    height: typeof entry?.height === 'number' ? entry.height : undefined,
  };
}

const typeText = (type: string): string =>
  type === 'consent.grant'
    ? tw('wallet.receipts.grant')
    : type === 'consent.withdraw'
      ? tw('wallet.receipts.withdraw')
      : tw('wallet.receipts.other', type);

function receiptCard(
  r: StoredReceipt,
  check: Promise<{ run(receipt: unknown): Promise<Node> } | undefined>,
): HTMLLIElement {
  const s = describe(r);
  const id = `receipt-${r.txId.slice(0, 16)}`;
  const verdict = h('span', { class: 'cadwyn-wallet__verdict' }, trw('wallet.receipts.checking'));
  void check.then(async (c) => {
    verdict.replaceChildren(c ? await c.run(r.receipt) : trw('wallet.receipts.noKeys'));
  });
  const title = () =>
    `${typeText(s.type)}${s.timeMs === undefined ? '' : `, ${formatTime(s.timeMs, 'short')}`}`;
  const save = button(
    [
      trw('wallet.receipts.download'),
      h('span', { class: 'govuk-visually-hidden' }, ': ', live(title)),
    ],
    () =>
      download(
        `cadwyn-receipt-${r.txId.slice(0, 16)}.json`,
        `${JSON.stringify(r.receipt, null, 2)}\n`,
        'application/json',
      ),
    { kind: 'secondary' },
  );
  return h(
    'li',
    { class: 'cadwyn-card cadwyn-wallet__card', 'aria-labelledby': id },
    h(
      'h2',
      { class: 'govuk-heading-s', id },
      live(() => typeText(s.type)),
    ),
    summary([
      [
        trw('wallet.receipts.when'),
        s.timeMs === undefined ? '—' : live(() => formatTime(s.timeMs ?? 0)),
      ],
      [trw('wallet.receipts.block'), s.height === undefined ? '—' : String(s.height)],
      [trw('wallet.receipts.id'), h('span', { class: 'cadwyn-code' }, r.txId)],
      [trw('wallet.receipts.check'), h('span', { 'aria-live': 'polite' }, verdict)],
    ]),
    save,
  );
}

/** Loads the checker and the keys once for the whole list. */
async function checker(app: App): Promise<{ run(receipt: unknown): Promise<Node> } | undefined> {
  const c: Checker = await import('./receipt-check.js');
  const keys = await c.consortiumKeys(app.nodeUrl);
  if (!keys) return undefined;
  return {
    async run(receipt) {
      const v = await c.checkReceipt(receipt, keys);
      if (v.ok) {
        const cp = v.value.checkpoint;
        return h(
          'strong',
          null,
          trw('wallet.receipts.valid', cp.signers.length, cp.validatorCount),
        );
      }
      const why = c.describeReceiptError(v.code);
      return h(
        'strong',
        null,
        live(() => tw('wallet.receipts.invalid', why[currentLang()])),
      );
    },
  };
}

export function receiptsScreen(app: App): Screen {
  const list = h('ul', { class: 'cadwyn-wallet__cards' });
  const problem = problemBox();
  const empty = h('div');
  void app
    .wallet()
    .receipts()
    .then(
      (receipts) => {
        if (receipts.length === 0) return empty.replaceChildren(paraw('wallet.receipts.none'));
        const shown = receipts
          .map((r) => ({ r, s: describe(r) }))
          .sort((a, b) => (b.s.timeMs ?? 0) - (a.s.timeMs ?? 0));
        const check = checker(app).catch(() => undefined);
        list.replaceChildren(...shown.map(({ r }) => receiptCard(r, check)));
      },
      (e: unknown) => problem.show(trw('wallet.unexpected', e instanceof Error ? e.name : '?')),
    );
  return {
    el: h(
      'div',
      null,
      problem.el,
      heading(trw('wallet.receipts.h1')),
      paraw('wallet.receipts.lead'),
      empty,
      list,
      paraw('wallet.receipts.explorer'),
    ),
    title: () => tw('wallet.receipts.h1'),
  };
}
