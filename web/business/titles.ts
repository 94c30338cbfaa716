// A conveyancer's or lender's own steps on a transfer of title (decision 0012): the transfers
// that name the organisation's key, where each stands and what it waits for, and a button for
// each step the module's own state machine (stepTransfer) lets this key take now — sign (for a
// lender, its consent to the discharge or to the new charge), confirm funds, complete, withdraw —
// and, for a conveyancer acting in two open transfers, the link that makes the chain show. A
// lender also discharges a charge it holds (title.discharge). Each step is stamped with the area
// chosen; each shows its receipt.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { getJson, NodeUnreachable } from '../shared/api.js';
import { areaName, GWENT_AREAS } from '../shared/format.js';
import { currentLang, whenLang } from '../shared/i18n.js';
import type { PartyRole, TransferMachine, TransferStep } from '../../src/ledger/modules/title.js';
import {
  CLOSED_STAGES,
  PRICE_BANDS,
  stepTransfer,
  TITLE_NUMBER_RE,
  waitingFor,
} from '../../src/ledger/modules/title.js';
import { isDid } from '../../src/core/did.js';
import type { Json } from '../../src/core/jcs.js';
import type { Field } from '../shared/forms.js';
import { errorSummary, makeField } from '../shared/forms.js';
import { sendPartyTx } from '../../src/wallet/party.js';
import type { OrgKey } from './keys.js';
import type { BusinessApp } from './main.js';
import type { BKey } from './ui.js';
import {
  bk,
  busy,
  button,
  err,
  heading,
  inputField,
  known,
  parab,
  problemBox,
  receiptBanner,
  refusalMessage,
  selectField,
  statusLine,
  summary,
  tb,
  trb,
  words,
} from './ui.js';

interface Name {
  readonly en: string;
  readonly cy: string;
}
interface TransferView extends TransferMachine {
  readonly id: string;
  readonly links: readonly string[];
  readonly titleNumber: string;
  readonly parties: readonly { did: string; name: Name | null }[];
  readonly registrarName: Name | null;
}
interface TitleView {
  readonly titleNumber: string;
  readonly charges: readonly { ref: string; lender: string }[];
}
interface PartyList {
  readonly transfers: readonly { id: string }[];
}

const REF_RE = /^[A-Za-z0-9._/-]{1,64}$/;

/** A multi-line text field (one DID or fingerprint per line). */
function textarea(id: string, label: BKey, hint: BKey): Field<HTMLTextAreaElement> {
  const control = h('textarea', {
    class: 'govuk-textarea cadwyn-code',
    rows: 3,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  return makeField(control, {
    id,
    label: bk(label),
    hint: bk(hint),
    errorClass: 'govuk-textarea--error',
  });
}

/** The steps a party other than the registrar takes, in the order a transfer reaches them. */
const PARTY_STEPS = ['sign', 'confirmFunds', 'complete', 'withdraw'] as const;
const TX_TYPE: Readonly<Record<(typeof PARTY_STEPS)[number], string>> = {
  sign: 'title.sign',
  confirmFunds: 'title.confirmFunds',
  complete: 'title.complete',
  withdraw: 'title.withdraw',
};

const rolesText = (roles: readonly PartyRole[]): Child =>
  roles.map((r, i) => [i > 0 ? ', ' : '', words('business.titles.role', r)]);

export function titlesScreen(app: BusinessApp, key: OrgKey): HTMLElement {
  const notice = h('div', { tabindex: '-1' });
  const problem = problemBox();
  const line = statusLine();
  const content = h('div', null, parab('business.loading'));
  const area = selectField({
    id: 'titles-area',
    label: 'business.titles.area',
    hint: 'business.titles.areaHint',
    choices: GWENT_AREAS.map((code) => ({ value: code, text: areaText(code) })),
  });

  /** The transfers drawn last: the candidates for a link. */
  let all: readonly TransferView[] = [];

  async function refresh(): Promise<void> {
    try {
      const list = await getJson<PartyList>(`/v1/transfers?party=${encodeURIComponent(key.did)}`);
      if (!list.ok) {
        content.replaceChildren(refusalMessage(list.problem.code));
        return;
      }
      const views = await Promise.all(
        list.body.transfers.map((t) => getJson<TransferView>(`/v1/transfers/${t.id}`)),
      );
      const transfers = views.flatMap((v) => (v.ok ? [v.body] : []));
      all = transfers;
      content.replaceChildren(
        transfers.length === 0
          ? parab('business.titles.none')
          : h('ul', { class: 'govuk-list', id: 'titles-list' }, transfers.map(draw)),
      );
    } catch (e) {
      if (!(e instanceof NodeUnreachable)) throw e;
      content.replaceChildren(parab('business.unreachable'));
    }
  }

  /** Who a step waits for, in words of the current language. */
  function partyLabel(t: TransferView, did: string): string {
    if (did === key.did) return tb('business.titles.you');
    const named =
      t.parties.find((p) => p.did === did)?.name ?? (did === t.registrar ? t.registrarName : null);
    if (named) return named[currentLang()];
    const roles = waitingFor(t).find((w) => w.party === did)?.roles ?? [];
    return roles.length > 0
      ? roles
          .map((r) =>
            known('business.titles.role', r) ? tb(`business.titles.role.${r}` as BKey) : r,
          )
          .join(', ')
      : did;
  }

  function draw(t: TransferView): HTMLElement {
    const mine = PARTY_STEPS.filter((s) => stepTransfer(t, s as TransferStep, key.did).ok);
    const waits = waitingFor(t);
    const roles = rolesOfMine(t);
    const buttons: HTMLButtonElement[] = [];
    // A lender's signature is its consent (decision 0012): the button says which charge.
    const onlyLender = roles.every((r) => r === 'discharging-lender' || r === 'new-lender');
    const myRefs = t.discharge.filter((c) => c.lender === key.did).map((c) => c.ref);
    const signLabel = (): Text =>
      !onlyLender
        ? trb('business.titles.step.sign')
        : myRefs.length > 0
          ? trb('business.titles.step.consentDischarge', myRefs.join(', '))
          : trb('business.titles.step.consentCharge', t.newCharge?.ref ?? '');
    const doneKey = (s: (typeof PARTY_STEPS)[number]): BKey =>
      s === 'sign' && onlyLender
        ? 'business.titles.done.consent'
        : (`business.titles.done.${s}` as BKey);
    for (const s of mine) {
      let armed = s !== 'withdraw';
      const b = button(
        s === 'sign' ? signLabel() : trb(`business.titles.step.${s}` as BKey),
        () => {
          if (!armed) {
            // Withdrawing ends the transfer for everyone: the second press does it.
            armed = true;
            problem.show(trb('business.titles.withdrawConfirm'));
            return;
          }
          void act(buttons, doneKey(s), t.id, s);
        },
        { kind: s === 'withdraw' ? 'warning' : 'primary', id: `${s}-${t.id.slice(0, 12)}` },
      );
      buttons.push(b);
    }
    return h(
      'li',
      { class: 'cadwyn-business__item' },
      h('h2', { class: 'govuk-heading-m' }, trb('business.titles.transfer', t.titleNumber)),
      summary([
        [trb('business.titles.reference'), h('span', { class: 'cadwyn-code' }, t.id)],
        [trb('business.titles.stage'), words('business.titles.stage', t.stage)],
        [trb('business.titles.roles'), rolesText(roles)],
        ...(t.discharge.length > 0
          ? ([
              [
                trb('business.titles.dischargeRow'),
                t.discharge.map((c, i) => [i > 0 ? ', ' : '', chargeText(c)]),
              ],
            ] as const)
          : []),
        ...(t.newCharge
          ? ([[trb('business.titles.newChargeRow'), chargeText(t.newCharge)]] as const)
          : []),
        ...(linkedWith(t).length > 0
          ? ([
              [
                trb('business.titles.linked'),
                h(
                  'ul',
                  { class: 'govuk-list' },
                  linkedWith(t).map((id) => h('li', { class: 'cadwyn-code' }, id)),
                ),
              ],
            ] as const)
          : []),
        // What a seller's or buyer's Wallet opens the transfer with (a link or its QR code).
        [
          trb('business.titles.walletLink'),
          h('span', { class: 'cadwyn-code' }, `${app.nodeUrl}/wallet/?transfer=${t.id}#property`),
        ],
        [
          trb('business.titles.waiting'),
          waits.length === 0 || CLOSED_STAGES.includes(t.stage)
            ? trb('business.titles.waitingNone')
            : h(
                'ul',
                { class: 'govuk-list' },
                waits.map((w) =>
                  h(
                    'li',
                    null,
                    trb(
                      'business.titles.waitingItem',
                      () => tb(`business.titles.stepName.${w.step}` as BKey),
                      () => partyLabel(t, w.party),
                    ),
                  ),
                ),
              ),
        ],
      ]),
      mine.length === 0
        ? parab('business.titles.nothingNow')
        : h('div', { class: 'govuk-button-group' }, buttons),
      linkForm(t),
      h(
        'p',
        { class: 'govuk-body' },
        h(
          'a',
          { class: 'govuk-link', href: `/explorer/titles/?transfer=${t.id}` },
          trb('business.titles.explorer'),
        ),
      ),
    );
  }

  const chargeText = (c: { ref: string; lender: string }): Child => [
    h('span', { class: 'cadwyn-code' }, c.ref),
    c.lender === key.did ? [' (', trb('business.titles.yours'), ')'] : null,
  ];

  /** The transfers linked to `t` either way, among those listed here. */
  const linkedWith = (t: TransferView): string[] => [
    ...new Set([...t.links, ...all.filter((o) => o.links.includes(t.id)).map((o) => o.id)]),
  ];

  const conveys = (t: TransferView) =>
    t.sellerConveyancer === key.did || t.buyerConveyancer === key.did;

  /**
   * Linking, offered as the module allows it (title.link): this key is a conveyancer in both,
   * neither is closed, not the same transfer, not linked already. The ledger checks again (and
   * the bound on links, which this list cannot see).
   */
  function linkForm(t: TransferView): HTMLElement | null {
    if (!conveys(t) || CLOSED_STAGES.includes(t.stage)) return null;
    const linked = linkedWith(t);
    const others = all.filter(
      (o) =>
        o.id !== t.id && conveys(o) && !CLOSED_STAGES.includes(o.stage) && !linked.includes(o.id),
    );
    if (others.length === 0) return null;
    const short = t.id.slice(0, 12);
    const to = selectField({
      id: `link-to-${short}`,
      label: 'business.titles.link.to',
      hint: 'business.titles.link.hint',
      choices: others.map((o) => ({
        value: o.id,
        text: [trb('business.titles.transfer', o.titleNumber), ` – ${o.id.slice(0, 12)}…`],
      })),
    });
    const b = button(
      trb('business.titles.link.submit'),
      () =>
        void send([b], 'business.titles.link.done', {
          type: 'title.link',
          payload: { transfer: t.id, to: to.control.value },
        }),
      { kind: 'secondary', id: `link-${short}` },
    );
    return h('div', { class: 'cadwyn-subsection' }, to.group, b);
  }

  /** A lender discharges a charge it holds (the loan repaid): its own transaction. */
  function dischargeForm(): HTMLElement {
    const titleNo = inputField({
      id: 'charge-title',
      label: 'business.titles.charges.title',
      width: '10',
    });
    const found = h('div', { id: 'charge-found' });
    const summaryBox = errorSummary();
    const find = button(trb('business.titles.charges.find'), () => void look(), {
      kind: 'secondary',
      id: 'charge-find',
    });
    async function look(): Promise<void> {
      const number = titleNo.control.value.trim().toUpperCase();
      titleNo.setError(
        TITLE_NUMBER_RE.test(number) ? null : err('business.titles.draft.err.title'),
      );
      summaryBox.show([titleNo]);
      found.replaceChildren();
      if (titleNo.error) return;
      try {
        const r = await getJson<TitleView>(`/v1/titles/${encodeURIComponent(number)}`);
        if (!r.ok) {
          found.replaceChildren(refusalMessage(r.problem.code));
          return;
        }
        // Only the charges this key holds: the module lets no one else discharge them.
        const held = r.body.charges.filter((c) => c.lender === key.did);
        if (held.length === 0) {
          found.replaceChildren(parab('business.titles.charges.none'));
          return;
        }
        found.replaceChildren(
          h(
            'ul',
            { class: 'govuk-list' },
            held.map((c) => {
              let armed = false;
              const b = button(
                trb('business.titles.charges.discharge', c.ref),
                () => {
                  if (!armed) {
                    // A discharge cannot be undone: the second press does it.
                    armed = true;
                    problem.show(trb('business.titles.charges.confirm'));
                    return;
                  }
                  void send([b], 'business.titles.charges.done', {
                    type: 'title.discharge',
                    payload: { titleNumber: number, ref: c.ref },
                  }).then(() => void look());
                },
                { kind: 'warning', id: `discharge-${c.ref.replace(/[^A-Za-z0-9-]/g, '-')}` },
              );
              return h('li', null, b);
            }),
          ),
        );
      } catch (e) {
        if (!(e instanceof NodeUnreachable)) throw e;
        found.replaceChildren(parab('business.unreachable'));
      }
    }
    return h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'charges-h2' },
      h('h2', { class: 'govuk-heading-m', id: 'charges-h2' }, trb('business.titles.charges.h2')),
      parab('business.titles.charges.intro'),
      parab('business.titles.charges.newCharge'),
      summaryBox.el,
      titleNo.group,
      find,
      found,
    );
  }

  function rolesOfMine(t: TransferView): PartyRole[] {
    const roles: PartyRole[] = [];
    if (t.sellerConveyancer === key.did) roles.push('seller-conveyancer');
    if (t.buyerConveyancer === key.did) roles.push('buyer-conveyancer');
    if (t.discharge.some((c) => c.lender === key.did)) roles.push('discharging-lender');
    if (t.newCharge?.lender === key.did) roles.push('new-lender');
    if (t.sellers.includes(key.did)) roles.push('seller');
    if (t.buyers.includes(key.did)) roles.push('buyer');
    return roles;
  }

  const act = (
    buttons: HTMLButtonElement[],
    done: BKey,
    transfer: string,
    step: (typeof PARTY_STEPS)[number],
  ): Promise<void> => send(buttons, done, { type: TX_TYPE[step], payload: { transfer } });

  /** Signs and sends one step stamped with the area chosen; its receipt, or the refusal. */
  async function send(
    buttons: HTMLButtonElement[],
    done: BKey,
    step: { type: string; payload: Record<string, Json> },
  ): Promise<void> {
    problem.show(null);
    notice.replaceChildren();
    const r = await busy(buttons, line, () =>
      sendPartyTx(key.signer, app.nodeUrl, { ...step, geo: { area: area.control.value } }),
    );
    if (!r.ok) {
      problem.show(refusalMessage(r.code));
      return;
    }
    notice.replaceChildren(receiptBanner(done, r.value));
    app.announce(tb(done));
    await refresh();
    notice.focus();
  }

  /** The seller's conveyancer drafts: the transfer's reference is the draft's transaction id. */
  function draftForm(): HTMLElement {
    const summaryBox = errorSummary();
    const titleNo = inputField({
      id: 'draft-title',
      label: 'business.titles.draft.title',
      width: '10',
    });
    const sellers = textarea(
      'draft-sellers',
      'business.titles.draft.sellers',
      'business.titles.draft.didsHint',
    );
    const buyers = textarea(
      'draft-buyers',
      'business.titles.draft.buyers',
      'business.titles.draft.didsHint',
    );
    const owners = textarea(
      'draft-owners',
      'business.titles.draft.owners',
      'business.titles.draft.ownersHint',
    );
    const buyerConv = inputField({
      id: 'draft-buyer-conveyancer',
      label: 'business.titles.draft.buyerConveyancer',
    });
    const discharge = inputField({
      id: 'draft-discharge',
      label: 'business.titles.draft.discharge',
      hint: 'business.titles.draft.dischargeHint',
    });
    const chargeRef = inputField({
      id: 'draft-charge-ref',
      label: 'business.titles.draft.chargeRef',
      hint: 'business.titles.draft.chargeHint',
      width: '20',
    });
    const chargeLender = inputField({
      id: 'draft-charge-lender',
      label: 'business.titles.draft.chargeLender',
    });
    const band = selectField({
      id: 'draft-band',
      label: 'business.titles.draft.band',
      placeholder: 'business.titles.draft.bandNone',
      choices: PRICE_BANDS.map((b) => ({ value: b, text: words('business.titles.band', b) })),
    });
    const fields: Field[] = [
      titleNo,
      sellers,
      buyers,
      owners,
      buyerConv,
      discharge,
      chargeRef,
      chargeLender,
      band,
    ];
    const lines = (f: Field<HTMLInputElement | HTMLTextAreaElement>) =>
      f.control.value.split(/[\s,]+/).filter((x) => x !== '');
    const submit = button(
      trb('business.titles.draft.submit'),
      () => {
        const number = titleNo.control.value.trim().toUpperCase();
        const s = lines(sellers);
        const b = lines(buyers);
        const o = lines(owners).map((x) => x.toLowerCase());
        const refs = lines(discharge);
        const ref = chargeRef.control.value.trim();
        const lender = chargeLender.control.value.trim();
        const dids = (xs: string[]) =>
          xs.length >= 1 && xs.length <= 4 && xs.every((d) => d.startsWith('did:key:') && isDid(d));
        titleNo.setError(
          TITLE_NUMBER_RE.test(number) ? null : err('business.titles.draft.err.title'),
        );
        sellers.setError(dids(s) ? null : err('business.titles.draft.err.dids'));
        buyers.setError(dids(b) ? null : err('business.titles.draft.err.dids'));
        owners.setError(
          o.length === b.length && o.every((x) => /^[0-9a-f]{64}$/.test(x))
            ? null
            : err('business.titles.draft.err.owners'),
        );
        buyerConv.setError(
          isDid(buyerConv.control.value.trim()) ? null : err('business.titles.draft.err.did'),
        );
        discharge.setError(
          refs.every((r) => REF_RE.test(r)) ? null : err('business.titles.draft.err.ref'),
        );
        chargeRef.setError(
          ref === '' || REF_RE.test(ref) ? null : err('business.titles.draft.err.ref'),
        );
        chargeLender.setError(
          (ref === '' && lender === '') || (ref !== '' && isDid(lender))
            ? null
            : err('business.titles.draft.err.lender'),
        );
        summaryBox.show(fields);
        if (fields.some((f) => f.error)) return;
        const payload: Record<string, Json> = {
          titleNumber: number,
          sellers: s,
          buyers: b,
          buyerConveyancer: buyerConv.control.value.trim(),
          newOwners: o,
          discharge: refs,
          ...(ref === '' ? {} : { newCharge: { ref, lender } }),
          ...(band.control.value === '' ? {} : { priceBand: band.control.value }),
        };
        void send([submit], 'business.titles.draft.done', { type: 'title.draft', payload });
      },
      { id: 'draft-submit' },
    );
    return h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'draft-h2' },
      h('h2', { class: 'govuk-heading-m', id: 'draft-h2' }, trb('business.titles.draft.h2')),
      parab('business.titles.draft.intro'),
      summaryBox.el,
      fields.map((f) => f.group),
      submit,
    );
  }

  void refresh();
  return h(
    'div',
    null,
    heading('business.titles.h1'),
    notice,
    problem.el,
    parab('business.titles.intro'),
    area.group,
    line.el,
    content,
    draftForm(),
    dischargeForm(),
  );
}

/** An area's name, redrawn with the language. */
function areaText(code: string): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = areaName(code);
  });
  return node;
}
