// The title register (registrar role, decision 0012): register a title, its owners as salted
// digests of their pseudonyms (the salt is made here, shown once for the owner's records, and
// never sent); enter and withdraw restrictions; approve or refuse (after confirming, with a
// reason in both languages) the transfers drafted against this body's titles, and register the
// completed ones. Each is a transaction of the body, with a receipt; the register is public in
// the Explorer.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import { GWENT_AREAS, areaName } from '../shared/format.js';
import { toHex } from '../../src/core/bytes.js';
import {
  ownerDigest,
  RESTRICTION_BLOCKS,
  TITLE_NUMBER_RE,
} from '../../src/ledger/modules/title.js';
import type { ViewContext } from './app.js';
import { Refused, loaded, refusal, showFailure, showOutcome } from './app.js';
import { get, post } from './client.js';
import { loadConsortium, memberOf } from './directory.js';
import { selectField, textField } from './fields.js';
import { portal } from './strings.js';
import type { PKey } from './ui.js';
import {
  banner,
  button,
  code,
  dyn,
  focusSoon,
  h1,
  h2,
  perr,
  ppara,
  pt,
  ptr,
  receiptLink,
  summary,
  table,
  timeEl,
} from './ui.js';

const DID_KEY_RE = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/;
const REF_RE = /^[A-Za-z0-9._/-]{1,64}$/;

const TENURE_NAMES: Readonly<Record<string, PKey>> = {
  freehold: 'portal.titles.tenure.freehold',
  leasehold: 'portal.titles.tenure.leasehold',
};

const RESTRICTION_NAMES: Readonly<Record<string, PKey>> = {
  'joint-proprietors': 'portal.titles.restriction.joint-proprietors',
  notice: 'portal.titles.restriction.notice',
  'consent-required': 'portal.titles.restriction.consent-required',
  'court-order': 'portal.titles.restriction.court-order',
  bankruptcy: 'portal.titles.restriction.bankruptcy',
};

/** Why a registrar refuses a transfer, said in both languages on the ledger. */
const REFUSE_REASONS: readonly { readonly code: string; readonly text: PKey }[] = [
  { code: 'owner-mismatch', text: 'portal.titles.reason.owner-mismatch' },
  { code: 'restriction', text: 'portal.titles.reason.restriction' },
  { code: 'incomplete', text: 'portal.titles.reason.incomplete' },
];

interface Written {
  readonly txId: string;
  readonly height: number;
  readonly receipt: string;
}

interface Waiting {
  readonly id: string;
  readonly titleNumber: string;
  readonly uprn: string;
  readonly sellerCount: number;
  readonly buyerCount: number;
  readonly draftedMs: number;
  readonly updatedMs: number;
}

const rec = (x: unknown): Record<string, unknown> =>
  (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;

function readWaiting(x: unknown): Waiting[] {
  const o = rec(x);
  return (Array.isArray(o.transfers) ? o.transfers : []).flatMap((t: unknown): Waiting[] => {
    const r = rec(t);
    if (typeof r.id !== 'string' || !/^[0-9a-f]{64}$/.test(r.id)) return [];
    if (typeof r.titleNumber !== 'string' || !TITLE_NUMBER_RE.test(r.titleNumber)) return [];
    const num = (v: unknown) => (typeof v === 'number' ? v : 0);
    return [
      {
        id: r.id,
        titleNumber: r.titleNumber,
        uprn: typeof r.uprn === 'string' ? r.uprn : '',
        sellerCount: num(r.sellerCount),
        buyerCount: num(r.buyerCount),
        draftedMs: num(r.draftedMs),
        updatedMs: num(r.updatedMs),
      },
    ];
  });
}

/** The title's public page in the Explorer. */
function publicTitle(titleNumber: string, id: string): HTMLParagraphElement {
  return h(
    'p',
    { class: 'govuk-body' },
    h(
      'a',
      {
        class: 'govuk-link',
        href: `/explorer/titles/?title=${encodeURIComponent(titleNumber)}`,
        id,
      },
      ptr('portal.titles.publicEntry', titleNumber),
    ),
  );
}

export function titlesView(ctx: ViewContext): Child {
  const slug = encodeURIComponent(ctx.session.body.slug);
  const base = `/v1/bodies/${slug}/titles`;
  const notice = h('div', { class: 'cadwyn-result' });

  /** Posts, then shows the receipt (and more) or the refusal in `into`. */
  async function send(
    into: HTMLElement,
    b: HTMLButtonElement,
    path: string,
    body: unknown,
    done: (w: Written) => HTMLElement,
  ): Promise<boolean> {
    b.disabled = true;
    try {
      const r = await post<Written>(path, body, { signal: ctx.signal });
      showOutcome(into, r.ok ? done(r.body) : refusal(r.problem));
      return r.ok;
    } catch (e) {
      showFailure(into, e);
      return false;
    } finally {
      b.disabled = false;
    }
  }

  const receipt = (w: Written, id: string) =>
    receiptLink(w.receipt, w.txId, id, 'portal.titles.receipt');

  // ---- register a title ----

  const regErrors = errorSummary();
  const regResult = h('div', { class: 'cadwyn-result' });
  const titleNo = textField({
    id: 'title-number',
    label: 'portal.titles.register.number',
    hint: 'portal.titles.register.number.hint',
    width: 'govuk-input--width-10',
    spellcheck: false,
    mono: true,
  });
  const uprn = textField({
    id: 'title-uprn',
    label: 'portal.titles.register.uprn',
    hint: 'portal.titles.register.uprn.hint',
    width: 'govuk-input--width-20',
    inputmode: 'numeric',
    spellcheck: false,
    mono: true,
  });
  const tenure = selectField({
    id: 'title-tenure',
    label: 'portal.titles.register.tenure',
    placeholder: 'portal.choose',
    options: Object.entries(TENURE_NAMES).map(([value, label]) => ({ value, label })),
  });
  const area = selectField({
    id: 'title-area',
    label: 'portal.titles.register.area',
    placeholder: 'portal.choose',
    options: GWENT_AREAS.map((a) => ({ value: a, label: () => dyn(() => areaName(a)) })),
  });
  const owner = textField({
    id: 'title-owner',
    label: 'portal.titles.register.owner',
    hint: 'portal.titles.register.owner.hint',
    spellcheck: false,
    mono: true,
  });
  const owner2 = textField({
    id: 'title-owner2',
    label: 'portal.titles.register.owner2',
    hint: 'portal.titles.register.owner2.hint',
    spellcheck: false,
    mono: true,
  });
  const regSubmit = button('portal.titles.register.submit');
  const regForm = h(
    'form',
    { novalidate: true },
    titleNo.group,
    uprn.group,
    tenure.group,
    area.group,
    owner.group,
    owner2.group,
    regSubmit,
  );
  regForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void registerTitle();
  });

  async function registerTitle(): Promise<void> {
    regResult.replaceChildren();
    const n = titleNo.control.value.trim().toUpperCase();
    const u = uprn.control.value.trim();
    const tn = tenure.control.value;
    const a = area.control.value;
    const o1 = owner.control.value.trim();
    const o2 = owner2.control.value.trim();
    titleNo.setError(TITLE_NUMBER_RE.test(n) ? null : perr('portal.titles.err.number'));
    uprn.setError(/^[0-9]{1,12}$/.test(u) ? null : perr('portal.titles.err.uprn'));
    tenure.setError(tenure.control.value ? null : perr('portal.titles.err.tenure'));
    area.setError(GWENT_AREAS.includes(a) ? null : perr('portal.titles.err.area'));
    owner.setError(DID_KEY_RE.test(o1) ? null : perr('portal.titles.err.owner'));
    owner2.setError(
      o2 === ''
        ? null
        : !DID_KEY_RE.test(o2)
          ? perr('portal.titles.err.owner')
          : o2 === o1
            ? perr('portal.titles.err.ownerTwice')
            : null,
    );
    const fields = [titleNo, uprn, tenure, area, owner, owner2];
    regErrors.show(fields);
    if (fields.some((f) => f.error)) return;
    // A fresh salt per owner: the digest on the ledger links to nobody without it.
    const owners = [o1, ...(o2 ? [o2] : [])].map((did) => {
      const salt = crypto.getRandomValues(new Uint8Array(32));
      return { did, salt: toHex(salt), digest: ownerDigest(salt, did) };
    });
    await send(
      regResult,
      regSubmit,
      base,
      {
        titleNumber: n,
        uprn: u.padStart(12, '0'),
        tenure: tn,
        area: a,
        owners: owners.map((o) => o.digest),
      },
      (w) => {
        titleNo.control.value = '';
        uprn.control.value = '';
        owner.control.value = '';
        owner2.control.value = '';
        return banner(
          'success',
          ptr('portal.titles.register.done', n),
          receipt(w, 'titles-receipt'),
          ppara('portal.titles.register.saltLead'),
          owners.map((o, i) =>
            summary([
              [ptr('portal.titles.register.ownerN', i + 1), code(o.did)],
              [ptr('portal.titles.register.salt'), code(o.salt)],
              [ptr('portal.titles.register.digest'), code(o.digest)],
            ]),
          ),
          publicTitle(n, 'titles-public-entry'),
        );
      },
    );
  }

  // ---- restrictions ----

  const resErrors = errorSummary();
  const resResult = h('div', { class: 'cadwyn-result' });
  const resTitle = textField({
    id: 'restriction-title',
    label: 'portal.titles.restrict.number',
    width: 'govuk-input--width-10',
    spellcheck: false,
    mono: true,
  });
  const resRef = textField({
    id: 'restriction-ref',
    label: 'portal.titles.restrict.ref',
    hint: 'portal.titles.restrict.ref.hint',
    width: 'govuk-input--width-20',
    spellcheck: false,
  });
  const resKind = selectField({
    id: 'restriction-kind',
    label: 'portal.titles.restrict.kind',
    hint: 'portal.titles.restrict.kind.hint',
    placeholder: 'portal.choose',
    options: Object.entries(RESTRICTION_NAMES).map(([value, label]) => ({ value, label })),
  });
  const addButton = button('portal.titles.restrict.add');
  const removeButton = button('portal.titles.restrict.remove', { type: 'button' }, 'secondary');
  const resForm = h(
    'form',
    { novalidate: true },
    resTitle.group,
    resRef.group,
    resKind.group,
    h('div', { class: 'govuk-button-group' }, addButton, removeButton),
  );
  resForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void restriction('add');
  });
  removeButton.addEventListener('click', () => void restriction('remove'));

  async function restriction(what: 'add' | 'remove'): Promise<void> {
    resResult.replaceChildren();
    const n = resTitle.control.value.trim().toUpperCase();
    const r = resRef.control.value.trim();
    const k = resKind.control.value;
    resTitle.setError(TITLE_NUMBER_RE.test(n) ? null : perr('portal.titles.err.number'));
    resRef.setError(REF_RE.test(r) ? null : perr('portal.titles.err.ref'));
    // Withdrawing needs only the reference.
    resKind.setError(
      what === 'remove' || Object.hasOwn(RESTRICTION_NAMES, k)
        ? null
        : perr('portal.titles.err.kind'),
    );
    resErrors.show([resTitle, resRef, resKind]);
    if (resTitle.error || resRef.error || resKind.error) return;
    const path =
      what === 'add'
        ? `${base}/${n}/restrictions`
        : `${base}/${n}/restrictions/${encodeURIComponent(r)}/remove`;
    await send(
      resResult,
      what === 'add' ? addButton : removeButton,
      path,
      what === 'add' ? { ref: r, kind: k } : {},
      (w) =>
        banner(
          'success',
          what === 'add'
            ? ptr('portal.titles.restrict.added', r, n)
            : ptr('portal.titles.restrict.removed', r, n),
          what === 'add' && RESTRICTION_BLOCKS[k] === true
            ? ppara('portal.titles.restrict.blocks')
            : null,
          receipt(w, 'restriction-receipt'),
          publicTitle(n, 'restriction-public-entry'),
        ),
    );
  }

  // ---- transfers ----

  function approveButtons(t: Waiting): HTMLElement {
    const approve = h(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-!-margin-bottom-0',
        'data-module': 'govuk-button',
      },
      ptr('portal.titles.approve'),
      h(
        'span',
        { class: 'govuk-visually-hidden' },
        ptr('portal.titles.forTransfer', t.titleNumber),
      ),
    );
    const refuse = h(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0',
        'data-module': 'govuk-button',
      },
      ptr('portal.titles.refuse'),
      h(
        'span',
        { class: 'govuk-visually-hidden' },
        ptr('portal.titles.forTransfer', t.titleNumber),
      ),
    );
    approve.addEventListener('click', () => {
      void send(notice, approve, `${base}/transfers/${t.id}/approve`, {}, (w) => {
        forApproval.reload();
        return banner(
          'success',
          ptr('portal.titles.approved', t.titleNumber),
          ppara('portal.titles.approved.next'),
          receipt(w, 'transfer-receipt'),
          publicTitle(t.titleNumber, 'transfer-public-entry'),
        );
      });
    });
    refuse.addEventListener('click', () => confirmRefuse(t, refuse));
    return h('div', { class: 'govuk-button-group cadwyn-actions' }, approve, refuse);
  }

  /** Refusing closes the transfer for good: choose the reason and confirm first. */
  function confirmRefuse(t: Waiting, opener: HTMLButtonElement): void {
    const reason = selectField({
      id: 'transfer-refuse-reason',
      label: 'portal.titles.refuse.reason',
      hint: 'portal.titles.refuse.hint',
      placeholder: 'portal.choose',
      options: REFUSE_REASONS.map((r) => ({ value: r.code, label: r.text })),
    });
    const yes = button('portal.titles.refuse.yes', { type: 'button' }, 'warning');
    const no = button('portal.cancel', { type: 'button' }, 'secondary');
    const heading = h(
      'h2',
      { class: 'govuk-heading-m', tabindex: '-1', id: 'transfer-refuse-heading' },
      ptr('portal.titles.refuse.h2', t.titleNumber),
    );
    const panel = h(
      'section',
      { class: 'cadwyn-confirm', 'aria-labelledby': 'transfer-refuse-heading' },
      heading,
      reason.group,
      h('div', { class: 'govuk-button-group' }, yes, no),
    );
    notice.replaceChildren(panel);
    focusSoon(heading);
    no.addEventListener('click', () => {
      notice.replaceChildren();
      if (opener.isConnected) opener.focus();
    });
    yes.addEventListener('click', () => {
      const chosen = REFUSE_REASONS.find((r) => r.code === reason.control.value);
      reason.setError(chosen ? null : perr('portal.titles.err.reason'));
      if (!chosen) {
        reason.control.focus();
        return;
      }
      const words = portal[chosen.text];
      void send(
        notice,
        yes,
        `${base}/transfers/${t.id}/refuse`,
        { reason: { code: chosen.code, en: words.en, cy: words.cy } },
        (w) => {
          forApproval.reload();
          return banner(
            'success',
            ptr('portal.titles.refused', t.titleNumber),
            ppara(chosen.text),
            receipt(w, 'transfer-receipt'),
          );
        },
      );
    });
  }

  function registerButton(t: Waiting): HTMLElement {
    const b = h(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-!-margin-bottom-0',
        'data-module': 'govuk-button',
      },
      ptr('portal.titles.registerTransfer'),
      h(
        'span',
        { class: 'govuk-visually-hidden' },
        ptr('portal.titles.forTransfer', t.titleNumber),
      ),
    );
    b.addEventListener('click', () => {
      void send(notice, b, `${base}/transfers/${t.id}/register`, {}, (w) => {
        forRegistration.reload();
        return banner(
          'success',
          ptr('portal.titles.transferRegistered', t.titleNumber),
          receipt(w, 'transfer-receipt'),
          publicTitle(t.titleNumber, 'transfer-public-entry'),
        );
      });
    });
    return b;
  }

  const transferLink = (t: Waiting) =>
    h(
      'a',
      { class: 'govuk-link', href: `/explorer/titles/?transfer=${t.id}` },
      ptr('portal.titles.transferLink', t.titleNumber),
    );

  const waitingList = (waiting: 'approval' | 'registration') =>
    loaded(
      ctx,
      async () => {
        const r = await get<unknown>(`${base}/transfers?waiting=${waiting}`, {
          signal: ctx.signal,
        });
        if (!r.ok) throw new Refused(r.problem);
        return readWaiting(r.body);
      },
      (rows) =>
        rows.length === 0
          ? ppara(
              waiting === 'approval'
                ? 'portal.titles.approval.none'
                : 'portal.titles.registration.none',
            )
          : table(
              waiting === 'approval'
                ? ptr('portal.titles.approval.caption', rows.length)
                : ptr('portal.titles.registration.caption', rows.length),
              [
                'portal.titles.col.title',
                'portal.titles.col.uprn',
                'portal.titles.col.parties',
                'portal.titles.col.since',
                'portal.titles.col.actions',
              ],
              rows.map((t) => [
                transferLink(t),
                h('span', { class: 'cadwyn-mono' }, t.uprn),
                dyn(() => pt('portal.titles.parties', t.sellerCount, t.buyerCount)),
                timeEl(waiting === 'approval' ? t.draftedMs : t.updatedMs),
                waiting === 'approval' ? approveButtons(t) : registerButton(t),
              ]),
            ),
    );
  const forApproval = waitingList('approval');
  const forRegistration = waitingList('registration');

  // Reached by its address, not the navigation: say at once if the body cannot do this.
  const bodyCheck = loaded(
    ctx,
    async () => {
      // Not known (the consortium did not load): the node will say, if it comes to it.
      await loadConsortium().catch(() => undefined);
      const member = memberOf(ctx.session.body.did);
      if (!member) return true;
      const roles = member.roles;
      return ['registrar'].some((r) => roles.includes(r));
    },
    (allowed) => (allowed ? null : ppara('portal.titles.bodyNotAllowed')),
  );

  const explorer = h(
    'p',
    { class: 'govuk-body' },
    h('a', { class: 'govuk-link', href: '/explorer/titles/' }, ptr('portal.titles.explorer')),
  );

  return [
    regErrors.el,
    resErrors.el,
    h1('portal.titles.h1'),
    ppara('portal.titles.lead'),
    bodyCheck.el,
    explorer,
    notice,
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'approval-h2' },
      h2('portal.titles.approval.h2', { id: 'approval-h2' }),
      forApproval.el,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'registration-h2' },
      h2('portal.titles.registration.h2', { id: 'registration-h2' }),
      ppara('portal.titles.registration.lead'),
      forRegistration.el,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'register-h2' },
      h2('portal.titles.register.h2', { id: 'register-h2' }),
      ppara('portal.titles.register.lead'),
      regForm,
      regResult,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'restrict-h2' },
      h2('portal.titles.restrict.h2', { id: 'restrict-h2' }),
      resForm,
      resResult,
    ),
  ];
}
