// A regulated-goods operator's own steps (decision 0011): what the organisation holds, the offers
// waiting for it, and its steps — accept or refuse an offer, offer a lot to another business,
// split, merge or process lots, record a loss, record a new lot — each signed with the organisation's key and
// geo-stamped at the premises chosen (the envelope geo is exactly the premises' coordinates, as
// the ledger requires). Every step shows its receipt; every refusal the face's words for it.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import type { Field } from '../shared/forms.js';
import { errorSummary } from '../shared/forms.js';
import { getJson, NodeUnreachable } from '../shared/api.js';
import { formatNumber } from '../shared/format.js';
import { lookup } from '../shared/i18n.js';
import type { PartyStep } from '../../src/wallet/party.js';
import { sendPartyTx } from '../../src/wallet/party.js';
import {
  GOODS_ACTIVITIES,
  GOODS_LOSS_REASONS,
  GOODS_PRODUCTS,
} from '../../src/ledger/modules/goods.js';
import { BUSINESS_NUMBER_RE } from '../../src/ledger/modules/business.js';
import type { OrgKey } from './keys.js';
import type { BusinessApp } from './main.js';
import type { BKey, Choice } from './ui.js';
import {
  bi,
  bk,
  busy,
  button,
  checkboxesField,
  err,
  heading,
  infoBanner,
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
interface Premises {
  readonly id: string;
  readonly name: Name;
  readonly lat: number;
  readonly lon: number;
}
interface BusinessRef {
  readonly number: string;
  readonly name?: Name;
}
interface LotView {
  readonly id: string;
  readonly product: string;
  readonly productName: Name | null;
  readonly unit: string;
  readonly quantity: number;
  readonly status: string;
  readonly pending?: string;
  readonly recall?: unknown;
}
interface OfferView {
  readonly id: string;
  readonly lot: string;
  readonly activity: string;
  readonly fromBusiness: BusinessRef;
  readonly toBusiness: BusinessRef;
  readonly lotView?: LotView;
}
interface OperatorView {
  readonly did: string;
  readonly number: string;
  readonly premises: readonly Premises[];
  readonly business: BusinessRef;
  readonly revoked?: unknown;
  readonly licensedNow: readonly string[];
  readonly lots: readonly LotView[];
  readonly lotsTruncated: boolean;
  readonly incoming: readonly OfferView[];
  readonly outgoing: readonly OfferView[];
}

/** Reasons offered for refusing a hand-over (the ledger takes any code with both languages). */
const REJECT_REASONS = ['not-ordered', 'damaged', 'wrong-quantity'] as const;

const quantity = (unit: string, n: number): Child => {
  const k = known('business.goods.unit', unit);
  return k ? trb(k, formatNumber(n)) : `${formatNumber(n)} ${unit}`;
};
const businessText = (b: BusinessRef): Child => [b.name ? bi(b.name) : null, ` (${b.number})`];
const lotChoice = (l: LotView): Choice => ({
  value: l.id,
  text: [l.id, ' – ', bi(l.productName), ', ', quantity(l.unit, l.quantity)],
});
const wholeNumber = (s: string): number | undefined => {
  const t = s.trim().replace(/[,\s]/g, '');
  if (!/^[0-9]{1,13}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 ? n : undefined;
};

export function goodsScreen(app: BusinessApp, key: OrgKey): HTMLElement {
  const notice = h('div', { tabindex: '-1' });
  const problem = problemBox();
  const line = statusLine();
  const content = h('div', null, h('p', { class: 'govuk-body' }, trb('business.loading')));
  let premisesChoice = '';

  async function refresh(): Promise<void> {
    try {
      const a = await getJson<OperatorView>(`/v1/goods/operators/${encodeURIComponent(key.did)}`);
      if (!a.ok) {
        content.replaceChildren(
          a.problem.code === 'GOODS_OPERATOR_UNKNOWN'
            ? infoBanner(trb('business.goods.notOperator'))
            : refusalMessage(a.problem.code),
          h('p', { class: 'govuk-body cadwyn-code' }, key.did),
        );
        return;
      }
      content.replaceChildren(draw(a.body));
    } catch (e) {
      if (!(e instanceof NodeUnreachable)) throw e;
      content.replaceChildren(parab('business.unreachable'));
    }
  }

  /** Signs and sends one step; a receipt or the refusal; then what changed is drawn again. */
  async function act(buttons: HTMLButtonElement[], done: BKey, step: PartyStep): Promise<boolean> {
    problem.show(null);
    notice.replaceChildren();
    const r = await busy(buttons, line, () => sendPartyTx(key.signer, app.nodeUrl, step));
    if (!r.ok) {
      problem.show(refusalMessage(r.code));
      return false;
    }
    notice.replaceChildren(receiptBanner(done, r.value));
    app.announce(tb(done));
    await refresh();
    notice.focus();
    return true;
  }

  function draw(op: OperatorView): HTMLElement {
    const premises = selectField({
      id: 'goods-premises',
      label: 'business.goods.premises',
      hint: 'business.goods.premisesHint',
      ...(op.premises.length > 1 ? { placeholder: 'business.goods.err.premises' } : {}),
      choices: op.premises.map((p) => ({ value: p.id, text: bi(p.name) })),
    });
    if (premisesChoice && op.premises.some((p) => p.id === premisesChoice)) {
      premises.control.value = premisesChoice;
    }
    premises.control.addEventListener('change', () => {
      premisesChoice = premises.control.value;
    });
    /** The chosen premises and its stamp, or its field in error. */
    const place = (): { premises: string; geo: { lat: number; lon: number } } | undefined => {
      const p = op.premises.find((x) => x.id === premises.control.value);
      premises.setError(p ? null : err('business.goods.err.premises'));
      return p ? { premises: p.id, geo: { lat: p.lat, lon: p.lon } } : undefined;
    };
    const open = op.lots.filter((l) => l.pending === undefined);

    const facts = summary([
      [trb('business.goods.org'), businessText(op.business)],
      [
        trb('business.goods.licensed'),
        op.licensedNow.length === 0
          ? trb('business.goods.licensedNone')
          : op.licensedNow.map((a, i) => [i > 0 ? ', ' : '', words('business.goods.activity', a)]),
      ],
    ]);

    // ---- offers waiting ----
    const incoming = op.incoming.map((o, i) => {
      const reason = selectField({
        id: `reject-reason-${i + 1}`,
        label: 'business.goods.rejectReason',
        choices: REJECT_REASONS.map((r) => ({
          value: r,
          text: trb(`business.goods.reason.${r}` as BKey),
        })),
      });
      const accept = button(trb('business.goods.accept', o.lot), () => {
        const at = place();
        if (!at) return;
        void act([accept, reject], 'business.goods.accept.done', {
          type: 'goods.accept',
          payload: { transfer: o.id, premises: at.premises },
          geo: at.geo,
        });
      });
      const reject = button(
        trb('business.goods.reject', o.lot),
        () => {
          const code = reason.control.value;
          void act([accept, reject], 'business.goods.reject.done', {
            type: 'goods.reject',
            payload: {
              transfer: o.id,
              reason: {
                code,
                en: tbIn('en', `business.goods.reason.${code}` as BKey),
                cy: tbIn('cy', `business.goods.reason.${code}` as BKey),
              },
            },
          });
        },
        { kind: 'secondary' },
      );
      return h(
        'li',
        { class: 'cadwyn-business__item' },
        offerFacts(o, 'from'),
        reason.group,
        h('div', { class: 'govuk-button-group' }, accept, reject),
      );
    });

    const outgoing = op.outgoing.map((o) => {
      const cancel = button(
        trb('business.goods.cancel', o.lot),
        () =>
          void act([cancel], 'business.goods.cancel.done', {
            type: 'goods.cancel',
            payload: { transfer: o.id },
          }),
        { kind: 'secondary' },
      );
      return h('li', { class: 'cadwyn-business__item' }, offerFacts(o, 'to'), cancel);
    });

    const lots = op.lots.map((l) =>
      h(
        'li',
        { class: 'cadwyn-business__item' },
        summary([
          [
            trb('business.goods.lot'),
            h('a', { class: 'govuk-link', href: `/explorer/goods/?lot=${l.id}` }, l.id),
          ],
          [trb('business.goods.product'), bi(l.productName)],
          [trb('business.goods.quantity'), quantity(l.unit, l.quantity)],
        ]),
        l.pending
          ? h('p', { class: 'govuk-body' }, h('strong', null, trb('business.goods.pending')))
          : null,
        l.recall
          ? h('p', { class: 'govuk-body' }, h('strong', null, trb('business.goods.recalled')))
          : null,
      ),
    );

    return h(
      'div',
      null,
      op.revoked ? infoBanner(trb('business.goods.revoked')) : null,
      facts,
      premises.group,
      h('h2', { class: 'govuk-heading-m' }, trb('business.goods.incoming.h2')),
      incoming.length === 0
        ? parab('business.goods.incoming.none')
        : h('ul', { class: 'govuk-list', id: 'goods-incoming' }, incoming),
      outgoing.length === 0
        ? null
        : [
            h('h2', { class: 'govuk-heading-m' }, trb('business.goods.outgoing.h2')),
            h('ul', { class: 'govuk-list', id: 'goods-outgoing' }, outgoing),
          ],
      h('h2', { class: 'govuk-heading-m' }, trb('business.goods.lots.h2')),
      op.lots.length === 0
        ? parab('business.goods.lots.none')
        : h('ul', { class: 'govuk-list', id: 'goods-lots' }, lots),
      op.lotsTruncated ? parab('business.goods.lots.truncated') : null,
      open.length > 0 ? proposeForm(open, place) : null,
      open.length > 0 ? splitForm(open, place) : null,
      open.length > 0 ? lossForm(open, place) : null,
      open.length > 1 ? mergeForm(open, place) : null,
      open.length > 0 && op.licensedNow.includes('processing') ? processForm(open, place) : null,
      op.licensedNow.some((a) => a === 'cultivation' || a === 'processing')
        ? createForm(place)
        : null,
    );
  }

  function offerFacts(o: OfferView, side: 'from' | 'to'): HTMLElement {
    const l = o.lotView;
    return summary([
      [trb('business.goods.lot'), o.lot],
      ...(l
        ? ([
            [trb('business.goods.product'), bi(l.productName)],
            [trb('business.goods.quantity'), quantity(l.unit, l.quantity)],
          ] as const)
        : []),
      side === 'from'
        ? [trb('business.goods.offer.from'), businessText(o.fromBusiness)]
        : [trb('business.goods.offer.to'), businessText(o.toBusiness)],
      [trb('business.goods.offer.for'), words('business.goods.activity', o.activity)],
    ]);
  }

  type Place = () => { premises: string; geo: { lat: number; lon: number } } | undefined;

  /** A form section: its heading, error summary, fields and one button. */
  function form(
    id: string,
    title: BKey,
    fields: Field[],
    submitKey: BKey,
    run: (submit: HTMLButtonElement) => boolean,
    hint?: BKey,
  ): HTMLElement {
    const summaryBox = errorSummary();
    const submit = button(
      trb(submitKey),
      () => {
        const ok = run(submit);
        summaryBox.show(ok ? [] : fields);
      },
      { id: `${id}-submit` },
    );
    return h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': `${id}-h2` },
      h('h2', { class: 'govuk-heading-m', id: `${id}-h2` }, trb(title)),
      hint ? parab(hint) : null,
      summaryBox.el,
      fields.map((f) => f.group),
      submit,
    );
  }

  function lotField(id: string, lots: readonly LotView[]): Field<HTMLSelectElement> {
    return selectField({
      id,
      label: 'business.goods.chooseLot',
      placeholder: 'business.goods.chooseLotFirst',
      choices: lots.map(lotChoice),
    });
  }

  function proposeForm(lots: readonly LotView[], place: Place): HTMLElement {
    const lot = lotField('propose-lot', lots);
    const to = inputField({
      id: 'propose-to',
      label: 'business.goods.propose.to',
      hint: 'business.goods.propose.toHint',
      width: '10',
    });
    const activity = selectField({
      id: 'propose-activity',
      label: 'business.goods.propose.activity',
      placeholder: 'business.goods.err.activity',
      choices: GOODS_ACTIVITIES.map((a) => ({
        value: a,
        text: words('business.goods.activity', a),
      })),
    });
    return form(
      'propose',
      'business.goods.propose.h2',
      [lot, to, activity],
      'business.goods.propose.submit',
      (submit) => {
        const number = to.control.value.trim().toUpperCase();
        lot.setError(lot.control.value ? null : err('business.goods.err.lot'));
        to.setError(BUSINESS_NUMBER_RE.test(number) ? null : err('business.goods.err.number'));
        activity.setError(activity.control.value ? null : err('business.goods.err.activity'));
        if (lot.error || to.error || activity.error) return false;
        const at = place();
        if (!at) return true;
        void act([submit], 'business.goods.propose.done', {
          type: 'goods.propose',
          payload: {
            lot: lot.control.value,
            to: number,
            activity: activity.control.value,
            premises: at.premises,
          },
          geo: at.geo,
        });
        return true;
      },
    );
  }

  function splitForm(lots: readonly LotView[], place: Place): HTMLElement {
    const lot = lotField('split-lot', lots);
    const parts = inputField({
      id: 'split-parts',
      label: 'business.goods.split.parts',
      hint: 'business.goods.split.hint',
    });
    return form(
      'split',
      'business.goods.split.h2',
      [lot, parts],
      'business.goods.split.submit',
      (submit) => {
        const values = parts.control.value.split(/[,;]/).map((s) => wholeNumber(s));
        const ok =
          values.length >= 2 && values.length <= 100 && values.every((v) => v !== undefined);
        lot.setError(lot.control.value ? null : err('business.goods.err.lot'));
        parts.setError(ok ? null : err('business.goods.err.parts'));
        if (lot.error || parts.error) return false;
        const at = place();
        if (!at) return true;
        void act([submit], 'business.goods.split.done', {
          type: 'goods.split',
          payload: { lot: lot.control.value, parts: values as number[], premises: at.premises },
          geo: at.geo,
        });
        return true;
      },
    );
  }

  function lossForm(lots: readonly LotView[], place: Place): HTMLElement {
    const lot = lotField('loss-lot', lots);
    const qty = inputField({
      id: 'loss-quantity',
      label: 'business.goods.loss.quantity',
      inputmode: 'numeric',
      width: '10',
    });
    const reason = selectField({
      id: 'loss-reason',
      label: 'business.goods.loss.reason',
      placeholder: 'business.goods.err.reason',
      choices: GOODS_LOSS_REASONS.map((r) => ({ value: r, text: words('business.goods.loss', r) })),
    });
    return form(
      'loss',
      'business.goods.loss.h2',
      [lot, qty, reason],
      'business.goods.loss.submit',
      (submit) => {
        const n = wholeNumber(qty.control.value);
        lot.setError(lot.control.value ? null : err('business.goods.err.lot'));
        qty.setError(n === undefined ? err('business.goods.err.quantity') : null);
        reason.setError(reason.control.value ? null : err('business.goods.err.reason'));
        if (lot.error || qty.error || reason.error) return false;
        const at = place();
        if (!at) return true;
        void act([submit], 'business.goods.loss.done', {
          type: 'goods.loss',
          payload: {
            lot: lot.control.value,
            quantity: n as number,
            reason: reason.control.value,
            premises: at.premises,
          },
          geo: at.geo,
        });
        return true;
      },
    );
  }

  /** Lots of one product and unit, all held here (the open lots listed), merged into one. */
  function mergeForm(lots: readonly LotView[], place: Place): HTMLElement {
    const chosen = checkboxesField({
      id: 'merge-lots',
      legend: 'business.goods.merge.lots',
      hint: 'business.goods.merge.hint',
      choices: lots.map(lotChoice),
    });
    return form(
      'merge',
      'business.goods.merge.h2',
      [chosen],
      'business.goods.merge.submit',
      (submit) => {
        const ids = chosen.checked();
        const picked = lots.filter((l) => ids.includes(l.id));
        const first = picked[0];
        // The module's own rule (GOODS_MERGE_MISMATCH), said before anything is signed.
        const same =
          first !== undefined &&
          picked.every((l) => l.product === first.product && l.unit === first.unit);
        chosen.setError(
          ids.length < 2
            ? err('business.goods.err.mergeTwo')
            : same
              ? null
              : err('business.goods.err.mergeMismatch'),
        );
        if (chosen.error) return false;
        const at = place();
        if (!at) return true;
        void act([submit], 'business.goods.merge.done', {
          type: 'goods.merge',
          payload: { lots: ids, premises: at.premises },
          geo: at.geo,
        });
        return true;
      },
    );
  }

  /** Inputs used up, outputs recorded tracing back to them (a processing licence, checked). */
  function processForm(lots: readonly LotView[], place: Place): HTMLElement {
    const inputs = checkboxesField({
      id: 'process-inputs',
      legend: 'business.goods.process.inputs',
      hint: 'business.goods.process.inputsHint',
      choices: lots.map(lotChoice),
    });
    const outputs = [1, 2].map((i) => ({
      product: selectField({
        id: `process-product-${i}`,
        label: i === 1 ? 'business.goods.process.product1' : 'business.goods.process.product2',
        placeholder: i === 1 ? 'business.goods.err.product' : 'business.goods.process.product2None',
        choices: Object.entries(GOODS_PRODUCTS).map(([code, p]) => ({
          value: code,
          text: [bi(p.name), ' (', words('business.goods.unitName', p.unit), ')'],
        })),
      }),
      qty: inputField({
        id: `process-quantity-${i}`,
        label: i === 1 ? 'business.goods.process.quantity1' : 'business.goods.process.quantity2',
        inputmode: 'numeric',
        width: '10',
      }),
    }));
    const fields: Field[] = [inputs, ...outputs.flatMap((o) => [o.product, o.qty])];
    return form(
      'process',
      'business.goods.process.h2',
      fields,
      'business.goods.process.submit',
      (submit) => {
        inputs.setError(inputs.checked().length > 0 ? null : err('business.goods.err.inputs'));
        const out: { product: string; unit: string; quantity: number }[] = [];
        for (const [i, o] of outputs.entries()) {
          const code = o.product.control.value;
          const n = wholeNumber(o.qty.control.value);
          // The second output is optional: both its fields empty means none.
          const none = i > 0 && code === '' && o.qty.control.value.trim() === '';
          o.product.setError(
            none || GOODS_PRODUCTS[code] ? null : err('business.goods.err.product'),
          );
          o.qty.setError(none || n !== undefined ? null : err('business.goods.err.quantity'));
          if (!none && GOODS_PRODUCTS[code] && n !== undefined) {
            out.push({ product: code, unit: GOODS_PRODUCTS[code]?.unit ?? 'item', quantity: n });
          }
        }
        if (fields.some((f) => f.error)) return false;
        const at = place();
        if (!at) return true;
        void act([submit], 'business.goods.process.done', {
          type: 'goods.process',
          payload: { inputs: inputs.checked(), outputs: out, premises: at.premises },
          geo: at.geo,
        });
        return true;
      },
      'business.goods.process.hint',
    );
  }

  function createForm(place: Place): HTMLElement {
    const product = selectField({
      id: 'create-product',
      label: 'business.goods.product',
      placeholder: 'business.goods.err.product',
      choices: Object.entries(GOODS_PRODUCTS).map(([code, p]) => ({
        value: code,
        text: [bi(p.name), ' (', words('business.goods.unitName', p.unit), ')'],
      })),
    });
    const qty = inputField({
      id: 'create-quantity',
      label: 'business.goods.quantity',
      inputmode: 'numeric',
      width: '10',
    });
    return form(
      'create',
      'business.goods.create.h2',
      [product, qty],
      'business.goods.create.submit',
      (submit) => {
        const code = product.control.value;
        const n = wholeNumber(qty.control.value);
        product.setError(GOODS_PRODUCTS[code] ? null : err('business.goods.err.product'));
        qty.setError(n === undefined ? err('business.goods.err.quantity') : null);
        if (product.error || qty.error) return false;
        const at = place();
        if (!at) return true;
        void act([submit], 'business.goods.create.done', {
          type: 'goods.createLot',
          payload: {
            product: code,
            unit: GOODS_PRODUCTS[code]?.unit ?? 'item',
            quantity: n as number,
            premises: at.premises,
          },
          geo: at.geo,
        });
        return true;
      },
      'business.goods.create.hint',
    );
  }

  void refresh();
  return h('div', null, heading('business.goods.h1'), notice, problem.el, line.el, content);
}

/** A string in a given language (a refusal reason goes on the ledger in both). */
const tbIn = (lang: 'en' | 'cy', k: BKey): string => lookup(bk(k))[lang];
