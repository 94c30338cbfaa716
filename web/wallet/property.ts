// My property transfers (decision 0012): a seller or buyer acts in a transfer of title by a key
// made for that one transfer (a pairwise did:key, kept and backed up like the wallet's others),
// so two of a person's transfers cannot be joined on the public ledger. The citizen makes the
// key and gives its did:key to their conveyancer, who names it in the draft; once the registrar
// has approved, the citizen opens the transfer (its reference, or a link /wallet/?transfer=…),
// sees where it stands and signs with that key. The signature is stamped with an area only, and
// its receipt is kept in the wallet.
import { h } from '../shared/dom.js';
import { areaName, GWENT_AREAS } from '../shared/format.js';
import { getJson, NodeUnreachable } from '../shared/api.js';
import { sendPartyTx } from '../../src/wallet/party.js';
import type { App, Screen } from './app.js';
import type { WKey } from './ui.js';
import {
  busy,
  button,
  buttonGroup,
  err,
  heading,
  inputField,
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

/**
 * The service a transfer key is made toward: one per transfer (a fresh random path), so the
 * wallet never reuses a key across transfers. Not a real service: no request is made to it.
 */
const PROPERTY_SERVICE = 'did:web:property.cadwyn.invalid';
const HEX64 = /^[0-9a-f]{64}$/;

/** What the Wallet reads of GET /v1/transfers/{id} (the module's own view of it). */
interface TransferView {
  readonly id: string;
  readonly titleNumber: string;
  readonly stage: string;
  readonly sellers: readonly string[];
  readonly buyers: readonly string[];
  readonly signedBy: readonly string[];
  /** The module's waitingFor(): each step still to be taken, and by whom. */
  readonly waitingFor: readonly { readonly step: string; readonly party: string }[];
}
type PartyRole = 'seller' | 'buyer';

const isPropertyService = (service: string) => service.startsWith(`${PROPERTY_SERVICE}:`);

/** The transfer's reference from what was pasted: the id itself, or a link carrying it. */
export function transferRef(text: string): string | undefined {
  const t = text.trim();
  const m = /(?:[?&#]transfer=)?([0-9a-fA-F]{64})\b/.exec(t);
  const id = m?.[1]?.toLowerCase();
  return id !== undefined && HEX64.test(id) ? id : undefined;
}

const roleKey = (r: PartyRole): WKey =>
  r === 'seller' ? 'wallet.property.role.seller' : 'wallet.property.role.buyer';

const STAGES: Readonly<Record<string, WKey>> = {
  drafted: 'wallet.property.stage.drafted',
  approved: 'wallet.property.stage.approved',
  signed: 'wallet.property.stage.signed',
  'funds-confirmed': 'wallet.property.stage.funds',
  completed: 'wallet.property.stage.completed',
  registered: 'wallet.property.stage.registered',
  withdrawn: 'wallet.property.stage.withdrawn',
  refused: 'wallet.property.stage.refused',
};

/** Words for a refusal the citizen may meet; the code itself otherwise. */
const REFUSALS: Readonly<Record<string, WKey>> = {
  TITLE_ALREADY_SIGNED: 'wallet.property.refused.signed',
  TITLE_STEP_OUT_OF_ORDER: 'wallet.property.refused.stage',
  TITLE_NOT_PARTY: 'wallet.property.refused.party',
  TITLE_TRANSFER_UNKNOWN: 'wallet.property.refused.unknown',
  LEDGER_UNREACHABLE: 'wallet.property.refused.unreachable',
};
const refusal = (code: string) => {
  const k = REFUSALS[code];
  return [
    h('span', null, k ? trw(k) : trw('wallet.property.refused.other')),
    h('span', { class: 'govuk-body-s cadwyn-muted' }, ' ', trw('wallet.property.code', code)),
  ];
};

/** Where the transfer stands, what it waits for, and the signature this wallet may add now. */
function transferScreen(app: App, id: string): Screen {
  const problem = problemBox();
  const line = status();
  const body = h('div', null, paraw('wallet.property.loading'));
  const el = h(
    'section',
    { class: 'cadwyn-wallet__property' },
    heading(trw('wallet.property.transfer.h1')),
    problem.el,
    line.el,
    body,
  );

  async function load(note?: Node): Promise<void> {
    try {
      const a = await getJson<TransferView>(`/v1/transfers/${id}`);
      if (!a.ok) {
        body.replaceChildren(h('p', { class: 'govuk-body' }, refusal(a.problem.code)));
        return;
      }
      draw(a.body, note);
    } catch (e) {
      if (!(e instanceof NodeUnreachable)) throw e;
      body.replaceChildren(paraw('wallet.property.refused.unreachable'));
    }
  }

  function draw(t: TransferView, note?: Node): void {
    const wallet = app.wallet();
    const mine = wallet
      .pseudonyms()
      .filter((p) => isPropertyService(p.service))
      .map((p) => p.did)
      .find((did) => t.sellers.includes(did) || t.buyers.includes(did));
    const roles: PartyRole[] = mine
      ? [
          ...(t.sellers.includes(mine) ? ['seller' as const] : []),
          ...(t.buyers.includes(mine) ? ['buyer' as const] : []),
        ]
      : [];
    const waits = t.waitingFor;
    // The module's stepTransfer, for the one step a seller or buyer takes: the Wallet does not
    // carry the title module (its JavaScript budget); the ledger checks again on submission.
    const mayStep = waits.some((w) => w.step === 'sign' && w.party === mine);
    const stage = STAGES[t.stage];
    const facts = summary([
      [trw('wallet.property.title'), t.titleNumber],
      [trw('wallet.property.reference'), h('span', { class: 'cadwyn-code' }, t.id)],
      [trw('wallet.property.stage'), stage ? trw(stage) : t.stage],
      [
        trw('wallet.property.yourPart'),
        roles.length === 0
          ? trw('wallet.property.notYours')
          : live(() => roles.map((r) => tw(roleKey(r))).join(', ')),
      ],
      [
        trw('wallet.property.waiting'),
        live(() => {
          const you = waits.some((w) => w.party === mine);
          const others = waits.filter((w) => w.party !== mine).length;
          if (waits.length === 0) return tw('wallet.property.waitingNone');
          if (you && others === 0) return tw('wallet.property.waitingYou');
          if (you) return tw('wallet.property.waitingYouAnd', others);
          return tw('wallet.property.waitingOthers', others);
        }),
      ],
    ]);
    const parts: Node[] = [];
    if (note) parts.push(note);
    parts.push(facts);
    if (mayStep && mine) {
      const area = selectField({
        id: 'property-area',
        label: 'wallet.property.area',
        hint: 'wallet.property.areaHint',
        choices: GWENT_AREAS.map((code) => ({ value: code, text: live(() => areaName(code)) })),
      });
      const sign = button(
        trw('wallet.property.sign'),
        () => {
          problem.show(null);
          void busy([sign], line, 'wallet.property.signing', () =>
            sendPartyTx({ did: mine, sign: (m) => wallet.sign(mine, m) }, app.nodeUrl, {
              type: 'title.sign',
              payload: { transfer: t.id },
              geo: { area: area.control.value },
            }),
          ).then(async (r) => {
            if (!r.ok) {
              problem.show(refusal(r.code));
              return;
            }
            await wallet.storeReceipt(r.value.txId, r.value.receipt);
            const done = successBanner([
              trw('wallet.property.signed'),
              h('br'),
              h('span', { class: 'govuk-body-s' }, trw('wallet.property.receipt', r.value.height)),
              h('br'),
              h(
                'span',
                { class: 'cadwyn-code govuk-body-s', id: 'property-receipt' },
                r.value.txId,
              ),
            ]);
            app.announce(tw('wallet.property.signed'));
            await load(done);
            el.querySelector('h1')?.focus();
          });
        },
        { id: 'property-sign' },
      );
      parts.push(paraw('wallet.property.signHint'), area.group, sign);
    } else if (mine && t.signedBy.includes(mine)) {
      parts.push(paraw('wallet.property.alreadySigned'));
    }
    parts.push(
      buttonGroup(
        h(
          'a',
          { class: 'govuk-link', href: `/explorer/titles/?transfer=${t.id}` },
          trw('wallet.property.explorer'),
        ),
        h('a', { class: 'govuk-link', href: '#property' }, trw('wallet.property.back')),
      ),
    );
    body.replaceChildren(...parts);
  }

  void load();
  return { el, title: () => tw('wallet.property.transfer.h1') };
}

/** The screen: make a key for a new transfer, the keys made, and open a transfer. */
export function propertyScreen(app: App): Screen {
  const wallet = app.wallet();
  const problem = problemBox();
  const line = status();
  const keys = h('div');
  const ref = inputField({
    id: 'property-ref',
    label: 'wallet.property.open.label',
    hint: 'wallet.property.open.hint',
  });
  const open = (id: string) => app.show(transferScreen(app, id));
  const openButton = button(
    trw('wallet.property.open.button'),
    () => {
      const id = transferRef(ref.control.value);
      ref.setError(id ? null : err('wallet.property.open.error'));
      if (id) open(id);
      else ref.control.focus();
    },
    { id: 'property-open' },
  );

  const drawKeys = (fresh?: string) => {
    const mine = wallet.pseudonyms().filter((p) => isPropertyService(p.service));
    keys.replaceChildren(
      mine.length === 0
        ? paraw('wallet.property.keys.none')
        : h(
            'ul',
            { class: 'govuk-list', id: 'property-keys' },
            mine.map((p) =>
              h(
                'li',
                { class: 'cadwyn-card cadwyn-wallet__card' },
                p.did === fresh
                  ? h(
                      'p',
                      { class: 'govuk-body govuk-!-font-weight-bold' },
                      trw('wallet.property.keys.new'),
                    )
                  : null,
                h('p', { class: 'govuk-body cadwyn-code', 'data-did': p.did }, p.did),
                transfersOf(p.did),
              ),
            ),
          ),
    );
  };

  /** The transfers the key is named in, each a button that opens it. */
  function transfersOf(did: string): HTMLElement {
    const box = h('div');
    void getJson<{ transfers: { id: string; titleNumber: string }[] }>(
      `/v1/transfers?party=${encodeURIComponent(did)}`,
    )
      .then((a) => {
        if (!a.ok || a.body.transfers.length === 0) {
          box.replaceChildren(paraw('wallet.property.keys.unused'));
          return;
        }
        box.replaceChildren(
          ...a.body.transfers.map((t) =>
            button(trw('wallet.property.keys.open', t.titleNumber), () => open(t.id), {
              kind: 'secondary',
            }),
          ),
        );
      })
      .catch(() => box.replaceChildren(paraw('wallet.property.refused.unreachable')));
    return box;
  }

  const make = button(
    trw('wallet.property.make'),
    () => {
      problem.show(null);
      const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
      void busy([make], line, 'wallet.property.making', () =>
        wallet.didFor(`${PROPERTY_SERVICE}:${nonce}`),
      ).then((did) => {
        drawKeys(did);
        app.announce(tw('wallet.property.keys.new'));
      });
    },
    { id: 'property-make', kind: 'secondary' },
  );

  drawKeys();
  // A link opened on this device: /wallet/?transfer=<id>#property (taken off the address once).
  const url = new URL(location.href);
  const linked = url.searchParams.get('transfer');
  if (linked !== null) {
    url.searchParams.delete('transfer');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    const id = transferRef(linked);
    if (id) setTimeout(() => open(id), 0);
  }

  const el = h(
    'section',
    { class: 'cadwyn-wallet__property' },
    heading(trw('wallet.property.h1')),
    problem.el,
    paraw('wallet.property.intro'),
    h('h2', { class: 'govuk-heading-m' }, trw('wallet.property.open.h2')),
    ref.group,
    openButton,
    h('h2', { class: 'govuk-heading-m' }, trw('wallet.property.keys.h2')),
    paraw('wallet.property.keys.hint'),
    make,
    line.el,
    keys,
  );
  return { el, title: () => tw('wallet.property.h1') };
}
