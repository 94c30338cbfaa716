// The regulated-goods register (registrar role, for a council or regulator body; decision 0011):
// register an operator key for a registered organisation with its premises (a place of
// business: its name in both languages and its coordinates); record an inspection result on a
// lot; recall a lot and see every lot and holder downstream of it; revoke an operator key.
// Recalling and revoking are confirmed first and carry a reason in both languages. Each is a
// transaction of the body, with a receipt; lots are public in the Explorer.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import { LOT_ID_RE, PREMISES_ID_RE } from '../../src/ledger/modules/goods.js';
import type { ViewContext } from './app.js';
import { loaded, refusal, showFailure, showOutcome } from './app.js';
import { get, post } from './client.js';
import { loadConsortium, memberOf } from './directory.js';
import { choiceField, selectField, textField } from './fields.js';
import { portal } from './strings.js';
import type { PKey } from './ui.js';
import {
  banner,
  button,
  code,
  focusSoon,
  h1,
  h2,
  perr,
  ppara,
  ptr,
  receiptLink,
  summary,
  table,
} from './ui.js';

const NUMBER_RE = /^GW[0-9]{6}$/;
const DID_KEY_RE = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/;
const REF_RE = /^[A-Za-z0-9._/-]{1,64}$/;
const TEXT_MAX = 300;
/** Degrees with at most seven decimals (about a centimetre), as the ledger takes them. */
const COORD_RE = /^-?[0-9]{1,3}(\.[0-9]{1,7})?$/;

const RECALL_REASONS: readonly { readonly code: string; readonly text: PKey }[] = [
  { code: 'contaminated', text: 'portal.goods.recallReason.contaminated' },
  { code: 'failed-test', text: 'portal.goods.recallReason.failed-test' },
  { code: 'mislabelled', text: 'portal.goods.recallReason.mislabelled' },
];
const REVOKE_REASONS: readonly { readonly code: string; readonly text: PKey }[] = [
  { code: 'key-lost', text: 'portal.goods.revokeReason.key-lost' },
  { code: 'key-retired', text: 'portal.goods.revokeReason.key-retired' },
  { code: 'licence-ended', text: 'portal.goods.revokeReason.licence-ended' },
];

interface Written {
  readonly txId: string;
  readonly height: number;
  readonly receipt: string;
  readonly trace?: string;
}

interface Trace {
  readonly lots: readonly {
    readonly id: string;
    readonly holder: string;
    readonly quantity: number;
  }[];
  readonly holders: readonly { readonly number: string; readonly name: string }[];
  readonly truncated: boolean;
}

const rec = (x: unknown): Record<string, unknown> =>
  (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;

function readTrace(x: unknown): Trace {
  const o = rec(x);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    lots: (Array.isArray(o.lots) ? o.lots : []).flatMap((l: unknown) => {
      const r = rec(l);
      if (typeof r.id !== 'string' || !LOT_ID_RE.test(r.id)) return [];
      return [
        {
          id: r.id,
          holder: str(r.holder),
          quantity: typeof r.quantity === 'number' ? r.quantity : 0,
        },
      ];
    }),
    holders: (Array.isArray(o.holders) ? o.holders : []).flatMap((b: unknown) => {
      const r = rec(b);
      if (typeof r.number !== 'string') return [];
      return [{ number: r.number, name: str(rec(r.name).en) }];
    }),
    truncated: o.truncated === true,
  };
}

/** A lot's public provenance page in the Explorer. */
function publicLot(lot: string, id: string): HTMLParagraphElement {
  return h(
    'p',
    { class: 'govuk-body' },
    h(
      'a',
      { class: 'govuk-link', href: `/explorer/goods/?lot=${encodeURIComponent(lot)}`, id },
      ptr('portal.goods.publicLot', lot),
    ),
  );
}

export function goodsView(ctx: ViewContext): Child {
  const slug = encodeURIComponent(ctx.session.body.slug);
  const base = `/v1/bodies/${slug}/goods`;

  /** Posts, then shows the receipt (and more) or the refusal in `into`. */
  async function send(
    into: HTMLElement,
    b: HTMLButtonElement,
    path: string,
    body: unknown,
    done: (w: Written) => HTMLElement | Promise<HTMLElement>,
  ): Promise<boolean> {
    b.disabled = true;
    try {
      const r = await post<Written>(path, body, { signal: ctx.signal });
      showOutcome(into, r.ok ? await done(r.body) : refusal(r.problem));
      return r.ok;
    } catch (e) {
      showFailure(into, e);
      return false;
    } finally {
      b.disabled = false;
    }
  }

  const receipt = (w: Written, id: string) =>
    receiptLink(w.receipt, w.txId, id, 'portal.goods.receipt');

  /** A reason list, a warning button and Cancel: what a final step asks before it is taken. */
  function confirmPanel(o: {
    into: HTMLElement;
    id: string;
    heading: Text;
    reasons: readonly { readonly code: string; readonly text: PKey }[];
    yes: PKey;
    opener: HTMLElement;
    go: (
      reason: { code: string; en: string; cy: string },
      text: PKey,
      b: HTMLButtonElement,
    ) => void;
  }): void {
    const reason = selectField({
      id: `${o.id}-reason`,
      label: 'portal.goods.reason',
      hint: 'portal.goods.reason.hint',
      placeholder: 'portal.choose',
      options: o.reasons.map((r) => ({ value: r.code, label: r.text })),
    });
    const yes = button(o.yes, { type: 'button' }, 'warning');
    const no = button('portal.cancel', { type: 'button' }, 'secondary');
    const heading = h(
      'h3',
      { class: 'govuk-heading-m', tabindex: '-1', id: `${o.id}-heading` },
      o.heading,
    );
    o.into.replaceChildren(
      h(
        'section',
        { class: 'cadwyn-confirm', 'aria-labelledby': `${o.id}-heading` },
        heading,
        reason.group,
        h('div', { class: 'govuk-button-group' }, yes, no),
      ),
    );
    focusSoon(heading);
    no.addEventListener('click', () => {
      o.into.replaceChildren();
      if (o.opener.isConnected) o.opener.focus();
    });
    yes.addEventListener('click', () => {
      const chosen = o.reasons.find((r) => r.code === reason.control.value);
      reason.setError(chosen ? null : perr('portal.goods.err.reason'));
      if (!chosen) {
        reason.control.focus();
        return;
      }
      const words = portal[chosen.text];
      o.go({ code: chosen.code, en: words.en, cy: words.cy }, chosen.text, yes);
    });
  }

  // ---- register an operator ----

  const opErrors = errorSummary();
  const opResult = h('div', { class: 'cadwyn-result' });
  const number = textField({
    id: 'operator-number',
    label: 'portal.goods.operator.number',
    hint: 'portal.goods.operator.number.hint',
    width: 'govuk-input--width-10',
    spellcheck: false,
    mono: true,
  });
  const did = textField({
    id: 'operator-did',
    label: 'portal.goods.operator.did',
    hint: 'portal.goods.operator.did.hint',
    spellcheck: false,
    mono: true,
  });
  const premisesId = textField({
    id: 'operator-premises',
    label: 'portal.goods.operator.premises',
    hint: 'portal.goods.operator.premises.hint',
    width: 'govuk-input--width-20',
    spellcheck: false,
    mono: true,
  });
  const nameEn = textField({
    id: 'operator-name-en',
    label: 'portal.goods.operator.nameEn',
    width: 'govuk-!-width-two-thirds',
  });
  const nameCy = textField({
    id: 'operator-name-cy',
    label: 'portal.goods.operator.nameCy',
    width: 'govuk-!-width-two-thirds',
  });
  nameEn.control.lang = 'en';
  nameCy.control.lang = 'cy';
  const lat = textField({
    id: 'operator-lat',
    label: 'portal.goods.operator.lat',
    hint: 'portal.goods.operator.lat.hint',
    width: 'govuk-input--width-10',
    inputmode: 'decimal',
    spellcheck: false,
  });
  const lon = textField({
    id: 'operator-lon',
    label: 'portal.goods.operator.lon',
    hint: 'portal.goods.operator.lon.hint',
    width: 'govuk-input--width-10',
    inputmode: 'decimal',
    spellcheck: false,
  });
  const opSubmit = button('portal.goods.operator.submit');
  const opForm = h(
    'form',
    { novalidate: true },
    number.group,
    did.group,
    h(
      'fieldset',
      { class: 'govuk-fieldset' },
      h(
        'legend',
        { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' },
        ptr('portal.goods.operator.premisesLegend'),
      ),
      premisesId.group,
      nameEn.group,
      nameCy.group,
      lat.group,
      lon.group,
    ),
    opSubmit,
  );
  opForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void registerOperator();
  });

  const coordOk = (s: string, max: number) => COORD_RE.test(s) && Math.abs(Number(s)) <= max;

  async function registerOperator(): Promise<void> {
    opResult.replaceChildren();
    const n = number.control.value.trim().toUpperCase();
    const d = did.control.value.trim();
    const p = premisesId.control.value.trim().toLowerCase();
    const en = nameEn.control.value.trim();
    const cy = nameCy.control.value.trim();
    const la = lat.control.value.trim();
    const lo = lon.control.value.trim();
    number.setError(NUMBER_RE.test(n) ? null : perr('portal.goods.err.number'));
    did.setError(DID_KEY_RE.test(d) ? null : perr('portal.goods.err.did'));
    premisesId.setError(PREMISES_ID_RE.test(p) ? null : perr('portal.goods.err.premises'));
    nameEn.setError(
      en.length > 0 && en.length <= TEXT_MAX ? null : perr('portal.goods.err.nameEn', TEXT_MAX),
    );
    nameCy.setError(
      cy.length > 0 && cy.length <= TEXT_MAX ? null : perr('portal.goods.err.nameCy', TEXT_MAX),
    );
    lat.setError(coordOk(la, 90) ? null : perr('portal.goods.err.lat'));
    lon.setError(coordOk(lo, 180) ? null : perr('portal.goods.err.lon'));
    const fields = [number, did, premisesId, nameEn, nameCy, lat, lon];
    opErrors.show(fields);
    if (fields.some((f) => f.error)) return;
    await send(
      opResult,
      opSubmit,
      `${base}/operators`,
      {
        number: n,
        did: d,
        premises: [{ id: p, name: { en, cy }, lat: Number(la), lon: Number(lo) }],
      },
      (w) =>
        banner(
          'success',
          ptr('portal.goods.operator.done', n),
          summary([
            [ptr('portal.goods.operator.did'), code(d)],
            [
              ptr('portal.goods.operator.premisesLegend'),
              h('span', null, h('span', { lang: 'en' }, en), ' / ', h('span', { lang: 'cy' }, cy)),
            ],
          ]),
          receipt(w, 'operator-receipt'),
        ),
    );
  }

  // ---- inspection result ----

  const resErrors = errorSummary();
  const resResult = h('div', { class: 'cadwyn-result' });
  const resLot = textField({
    id: 'result-lot',
    label: 'portal.goods.lot',
    hint: 'portal.goods.lot.hint',
    width: 'govuk-input--width-20',
    spellcheck: false,
    mono: true,
  });
  const outcome = choiceField({
    id: 'result-outcome',
    type: 'radio',
    legend: 'portal.goods.result.outcome',
    items: [
      { value: 'pass', label: 'portal.goods.result.pass' },
      { value: 'fail', label: 'portal.goods.result.fail' },
    ],
  });
  const resRef = textField({
    id: 'result-ref',
    label: 'portal.goods.result.ref',
    hint: 'portal.goods.result.ref.hint',
    width: 'govuk-input--width-20',
    spellcheck: false,
  });
  const resSubmit = button('portal.goods.result.submit');
  const resForm = h(
    'form',
    { novalidate: true },
    resLot.group,
    outcome.group,
    resRef.group,
    resSubmit,
  );
  resForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void recordResult();
  });

  async function recordResult(): Promise<void> {
    resResult.replaceChildren();
    const lot = resLot.control.value.trim().toLowerCase();
    const chosen = outcome.inputs.find((i) => i.checked)?.value ?? '';
    const r = resRef.control.value.trim();
    resLot.setError(LOT_ID_RE.test(lot) ? null : perr('portal.goods.err.lot'));
    outcome.setError(chosen ? null : perr('portal.goods.err.outcome'));
    resRef.setError(REF_RE.test(r) ? null : perr('portal.goods.err.ref'));
    resErrors.show([resLot, outcome, resRef]);
    if (resLot.error || outcome.error || resRef.error) return;
    await send(
      resResult,
      resSubmit,
      `${base}/lots/${lot}/results`,
      { kind: 'inspection', outcome: chosen, ref: r },
      (w) =>
        banner(
          'success',
          chosen === 'pass'
            ? ptr('portal.goods.result.donePass', lot)
            : ptr('portal.goods.result.doneFail', lot),
          receipt(w, 'result-receipt'),
          publicLot(lot, 'result-public-lot'),
        ),
    );
  }

  // ---- recall ----

  const recErrors = errorSummary();
  const recResult = h('div', { class: 'cadwyn-result' });
  const recLot = textField({
    id: 'recall-lot',
    label: 'portal.goods.lot',
    hint: 'portal.goods.lot.hint',
    width: 'govuk-input--width-20',
    spellcheck: false,
    mono: true,
  });
  const recOpen = button('portal.goods.recall.open', {}, 'warning');
  const recForm = h('form', { novalidate: true }, recLot.group, recOpen);
  recForm.addEventListener('submit', (e) => {
    e.preventDefault();
    recResult.replaceChildren();
    const lot = recLot.control.value.trim().toLowerCase();
    recLot.setError(LOT_ID_RE.test(lot) ? null : perr('portal.goods.err.lot'));
    recErrors.show([recLot]);
    if (recLot.error) return;
    confirmPanel({
      into: recResult,
      id: 'recall-confirm',
      heading: ptr('portal.goods.recall.h3', lot),
      reasons: RECALL_REASONS,
      yes: 'portal.goods.recall.yes',
      opener: recOpen,
      go: (reason, text, b) =>
        void send(recResult, b, `${base}/lots/${lot}/recall`, { reason }, async (w) =>
          banner(
            'success',
            ptr('portal.goods.recall.done', lot),
            ppara(text),
            receipt(w, 'recall-receipt'),
            await traceOf(lot, w.trace ?? `/v1/goods/lots/${lot}/trace`),
            publicLot(lot, 'recall-public-lot'),
          ),
        ),
    });
  });

  /** Every lot downstream of the recalled one and who holds it: who must be told. */
  async function traceOf(lot: string, path: string): Promise<Child> {
    try {
      const r = await get<unknown>(path, { signal: ctx.signal });
      if (!r.ok) return null;
      const t = readTrace(r.body);
      return [
        table(
          ptr('portal.goods.trace.caption', t.lots.length),
          [
            'portal.goods.trace.col.lot',
            'portal.goods.trace.col.holder',
            'portal.goods.trace.col.quantity',
          ],
          t.lots.map((l) => [
            h('span', { class: 'cadwyn-mono' }, l.id),
            l.holder,
            String(l.quantity),
          ]),
        ),
        t.holders.length > 0
          ? h(
              'p',
              { class: 'govuk-body' },
              ptr('portal.goods.trace.holders', t.holders.length),
              ' ',
              t.holders.map((b, i) => [
                i > 0 ? ', ' : '',
                h('span', { lang: 'en' }, b.name),
                ` (${b.number})`,
              ]),
            )
          : null,
        t.truncated ? ppara('portal.goods.trace.truncated') : null,
      ];
    } catch {
      return null;
    }
  }

  // ---- revoke an operator ----

  const revErrors = errorSummary();
  const revResult = h('div', { class: 'cadwyn-result' });
  const revDid = textField({
    id: 'revoke-did',
    label: 'portal.goods.operator.did',
    hint: 'portal.goods.revoke.hint',
    spellcheck: false,
    mono: true,
  });
  const revOpen = button('portal.goods.revoke.open', {}, 'warning');
  const revForm = h('form', { novalidate: true }, revDid.group, revOpen);
  revForm.addEventListener('submit', (e) => {
    e.preventDefault();
    revResult.replaceChildren();
    const d = revDid.control.value.trim();
    revDid.setError(DID_KEY_RE.test(d) ? null : perr('portal.goods.err.did'));
    revErrors.show([revDid]);
    if (revDid.error) return;
    confirmPanel({
      into: revResult,
      id: 'revoke-confirm',
      heading: ptr('portal.goods.revoke.h3'),
      reasons: REVOKE_REASONS,
      yes: 'portal.goods.revoke.yes',
      opener: revOpen,
      go: (reason, text, b) =>
        void send(revResult, b, `${base}/operators/revoke`, { did: d, reason }, (w) =>
          banner(
            'success',
            ptr('portal.goods.revoke.done'),
            summary([[ptr('portal.goods.operator.did'), code(d)]]),
            ppara(text),
            receipt(w, 'revoke-receipt'),
          ),
        ),
    });
  });

  // Reached by its address, not the navigation: say at once if the body cannot do this.
  const bodyCheck = loaded(
    ctx,
    async () => {
      // Not known (the consortium did not load): the node will say, if it comes to it.
      await loadConsortium().catch(() => undefined);
      const member = memberOf(ctx.session.body.did);
      if (!member) return true;
      const roles = member.roles;
      return ['council', 'regulator'].some((r) => roles.includes(r));
    },
    (allowed) => (allowed ? null : ppara('portal.goods.bodyNotAllowed')),
  );

  const explorer = h(
    'p',
    { class: 'govuk-body' },
    h('a', { class: 'govuk-link', href: '/explorer/goods/' }, ptr('portal.goods.explorer')),
  );

  const section = (id: string, heading: PKey, ...body: Child[]) =>
    h('section', { class: 'cadwyn-subsection', 'aria-labelledby': id }, h2(heading, { id }), body);

  return [
    opErrors.el,
    resErrors.el,
    recErrors.el,
    revErrors.el,
    h1('portal.goods.h1'),
    ppara('portal.goods.lead'),
    bodyCheck.el,
    explorer,
    section(
      'operator-h2',
      'portal.goods.operator.h2',
      ppara('portal.goods.operator.lead'),
      opForm,
      opResult,
    ),
    section('result-h2', 'portal.goods.result.h2', resForm, resResult),
    section(
      'recall-h2',
      'portal.goods.recall.h2',
      ppara('portal.goods.recall.lead'),
      recForm,
      recResult,
    ),
    section(
      'revoke-h2',
      'portal.goods.revoke.h2',
      ppara('portal.goods.revoke.lead'),
      revForm,
      revResult,
    ),
  ];
}
