// The business register (registrar role, decision 0010): decide the applications to register an
// organisation that were addressed to this body (approve: the ledger gives the number; refuse:
// with a reason in both languages, after confirming), and grant the licences this body's member
// roles allow; change a registered organisation's names or office area, revoke a licence this
// body granted and dissolve an organisation (both after confirming, with a reason in both
// languages). Each decision is a transaction of the body, with a receipt; the entry itself is
// public in the Explorer.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import type { DateParts } from './fields.js';
import { dateField, selectField, textField } from './fields.js';
import { LICENCE_GRANTORS, NAME_CHARS_PATTERN } from '../../src/ledger/modules/business.js';
import { GWENT_AREAS, areaName, formatTime } from '../shared/format.js';
import type { ViewContext } from './app.js';
import { Refused, loaded, refusal, showFailure, showOutcome } from './app.js';
import { get, post } from './client.js';
import { areaText, loadConsortium, memberOf } from './directory.js';
import { portal } from './strings.js';
import type { PKey } from './ui.js';
import {
  banner,
  button,
  dateText,
  dyn,
  focusSoon,
  h1,
  h2,
  perr,
  ppara,
  pt,
  ptr,
  qrImage,
  receiptLink,
  summary,
  table,
  tag,
  timeEl,
} from './ui.js';

const NUMBER_RE = /^GW[0-9]{6}$/;
const REF_MAX = 64;
const DAY_MS = 86_400_000;

const KIND_NAMES: Readonly<Record<string, PKey>> = {
  'private-limited': 'portal.businesses.kind.private-limited',
  'public-limited': 'portal.businesses.kind.public-limited',
  llp: 'portal.businesses.kind.llp',
  partnership: 'portal.businesses.kind.partnership',
  'sole-trader': 'portal.businesses.kind.sole-trader',
  cic: 'portal.businesses.kind.cic',
  'charity-cio': 'portal.businesses.kind.charity-cio',
  'co-operative': 'portal.businesses.kind.co-operative',
};

const LICENCE_NAMES: Readonly<Record<string, PKey>> = {
  'premises-licence': 'portal.businesses.lic.premises-licence',
  'food-hygiene-registration': 'portal.businesses.lic.food-hygiene-registration',
  'waste-permit': 'portal.businesses.lic.waste-permit',
  'fire-safety-certificate': 'portal.businesses.lic.fire-safety-certificate',
  'regulated-goods-cultivation': 'portal.businesses.lic.regulated-goods-cultivation',
  'regulated-goods-processing': 'portal.businesses.lic.regulated-goods-processing',
  'regulated-goods-retail': 'portal.businesses.lic.regulated-goods-retail',
  'regulated-goods-transport': 'portal.businesses.lic.regulated-goods-transport',
};

/** The reasons a registrar may give for refusing, said in both languages on the ledger. */
const REASONS: readonly { readonly code: string; readonly text: PKey }[] = [
  { code: 'name-misleading', text: 'portal.businesses.reason.name-misleading' },
  { code: 'incomplete', text: 'portal.businesses.reason.incomplete' },
  { code: 'not-eligible', text: 'portal.businesses.reason.not-eligible' },
];

/** Why a registrar dissolves an organisation, and why a body revokes a licence. */
const DISSOLVE_REASONS: readonly { readonly code: string; readonly text: PKey }[] = [
  { code: 'voluntary', text: 'portal.businesses.dissolveReason.voluntary' },
  { code: 'struck-off', text: 'portal.businesses.dissolveReason.struck-off' },
  { code: 'wound-up', text: 'portal.businesses.dissolveReason.wound-up' },
];
const REVOKE_REASONS: readonly { readonly code: string; readonly text: PKey }[] = [
  { code: 'premises-closed', text: 'portal.businesses.revokeReason.premises-closed' },
  { code: 'conditions-breached', text: 'portal.businesses.revokeReason.conditions-breached' },
  { code: 'surrendered', text: 'portal.businesses.revokeReason.surrendered' },
];

const NAME_MAX = 160;
const NAME_CHARS = new RegExp(NAME_CHARS_PATTERN, 'u');

interface Name {
  readonly en: string;
  readonly cy?: string;
}

/** A registered organisation as the public entry gives it (what this screen uses of it). */
interface Entry {
  readonly number: string;
  readonly name: Name;
  readonly status: string;
  readonly officeArea: string;
  /** The body that registered it (the one that may offer its registration credential). */
  readonly registrar: string;
  readonly formerNames: readonly Name[];
  readonly licences: readonly {
    readonly id: string;
    readonly kind: string;
    readonly ref: string;
    readonly status: string;
    readonly grantedBy: string;
    readonly validUntilMs: number;
  }[];
}

const rec = (x: unknown): Record<string, unknown> =>
  (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
const readName = (x: unknown): Name | undefined => {
  const n = rec(x);
  if (typeof n.en !== 'string') return undefined;
  return { en: n.en, ...(typeof n.cy === 'string' ? { cy: n.cy } : {}) };
};

function readEntry(x: unknown): Entry | undefined {
  const o = rec(x);
  const name = readName(o.name);
  if (typeof o.number !== 'string' || !NUMBER_RE.test(o.number) || !name) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    number: o.number,
    name,
    status: str(o.status),
    officeArea: str(o.officeArea),
    registrar: str(o.registrar),
    formerNames: (Array.isArray(o.formerNames) ? o.formerNames : []).flatMap((f: unknown) => {
      const n = readName(rec(f).name);
      return n ? [n] : [];
    }),
    licences: (Array.isArray(o.licences) ? o.licences : []).flatMap((l: unknown) => {
      const r = rec(l);
      if (typeof r.id !== 'string' || !/^[0-9a-f]{64}$/.test(r.id)) return [];
      return [
        {
          id: r.id,
          kind: str(r.kind),
          ref: str(r.ref),
          status: str(r.status),
          grantedBy: str(r.grantedBy),
          validUntilMs: typeof r.validUntilMs === 'number' ? r.validUntilMs : 0,
        },
      ];
    }),
  };
}

/** A name in both languages, each marked with its language. */
const nameBoth = (n: Name): Child => [
  h('span', { lang: 'en' }, n.en),
  n.cy ? [' / ', h('span', { lang: 'cy' }, n.cy)] : null,
];

interface Application {
  readonly id: string;
  readonly name: { readonly en: string; readonly cy?: string };
  readonly kind: string;
  readonly officeArea: string;
  readonly appliedMs: number;
}

/** An OID4VCI offer of the registration credential (the issuer's answer). */
interface Offered {
  readonly offerUri: string;
  readonly qrSvg: string;
  readonly txCode?: string;
  readonly expiresMs: number;
}

interface Written {
  readonly txId: string;
  readonly height: number;
  readonly receipt: string;
  readonly number?: string;
}

function readApplications(x: unknown): Application[] {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  return (Array.isArray(o.applications) ? o.applications : []).flatMap(
    (a: unknown): Application[] => {
      const r = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
      const n = (typeof r.name === 'object' && r.name !== null ? r.name : {}) as Record<
        string,
        unknown
      >;
      if (typeof r.id !== 'string' || !/^[0-9a-f]{64}$/.test(r.id)) return [];
      if (typeof n.en !== 'string') return [];
      return [
        {
          id: r.id,
          name: { en: n.en, ...(typeof n.cy === 'string' ? { cy: n.cy } : {}) },
          kind: typeof r.kind === 'string' ? r.kind : '',
          officeArea: typeof r.officeArea === 'string' ? r.officeArea : '',
          appliedMs: typeof r.appliedMs === 'number' ? r.appliedMs : 0,
        },
      ];
    },
  );
}

const kindText = (kind: string): string => {
  const k = KIND_NAMES[kind];
  return k ? pt(k) : kind;
};

/** The organisation's public entry in the Explorer. */
function publicEntry(number: string, id: string): HTMLParagraphElement {
  return h(
    'p',
    { class: 'govuk-body' },
    h(
      'a',
      {
        class: 'govuk-link',
        href: `/explorer/businesses/?number=${encodeURIComponent(number)}`,
        id,
      },
      ptr('portal.businesses.publicEntry', number),
    ),
  );
}

/** A real calendar date as the start of that day (UTC), or undefined. */
function dayStartMs(d: DateParts): number | undefined {
  if (!/^\d{1,2}$/.test(d.day) || !/^\d{1,2}$/.test(d.month) || !/^\d{4}$/.test(d.year)) {
    return undefined;
  }
  const [y, m, dd] = [Number(d.year), Number(d.month), Number(d.day)];
  const date = new Date(Date.UTC(y, m - 1, dd));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== dd) {
    return undefined;
  }
  return y < 1900 ? undefined : date.getTime();
}

export function businessesView(ctx: ViewContext): Child {
  const slug = encodeURIComponent(ctx.session.body.slug);
  const base = `/v1/bodies/${slug}/businesses`;
  const notice = h('div', { class: 'cadwyn-result' });

  // ---- applications ----

  function decideButtons(a: Application): HTMLElement {
    const approve = h(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-!-margin-bottom-0',
        'data-module': 'govuk-button',
      },
      ptr('portal.businesses.approve'),
      h('span', { class: 'govuk-visually-hidden' }, ptr('portal.businesses.forApp', a.name.en)),
    );
    const refuse = h(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0',
        'data-module': 'govuk-button',
      },
      ptr('portal.businesses.refuse'),
      h('span', { class: 'govuk-visually-hidden' }, ptr('portal.businesses.forApp', a.name.en)),
    );
    approve.addEventListener('click', () => void approveApp(a, approve));
    refuse.addEventListener('click', () => confirmRefuse(a, refuse));
    return h('div', { class: 'govuk-button-group cadwyn-actions' }, approve, refuse);
  }

  async function approveApp(a: Application, b: HTMLButtonElement): Promise<void> {
    b.disabled = true;
    try {
      const r = await post<Written>(
        `${base}/applications/${a.id}/approve`,
        {},
        {
          signal: ctx.signal,
        },
      );
      let box: HTMLElement;
      if (r.ok) {
        const number = r.body.number ?? '';
        box = banner(
          'success',
          ptr('portal.businesses.registered', number),
          h(
            'p',
            { class: 'govuk-body' },
            h('span', { lang: 'en' }, a.name.en),
            a.name.cy ? [' / ', h('span', { lang: 'cy' }, a.name.cy)] : null,
          ),
          receiptLink(
            r.body.receipt,
            r.body.txId,
            'businesses-receipt',
            'portal.businesses.receipt',
          ),
          number ? publicEntry(number, 'businesses-public-entry') : null,
          number ? offerPart(number) : null,
        );
        // The licence form is for registered organisations: the new number is ready in it.
        if (number && !licenceNumber.value) licenceNumber.value = number;
        apps.reload();
      } else {
        box = refusal(r.problem);
      }
      showOutcome(notice, box);
    } catch (e) {
      showFailure(notice, e);
    } finally {
      b.disabled = false;
    }
  }

  /**
   * The registration credential (decision 0010): an OID4VCI offer made from the register entry,
   * signed by this body's key; the applicant scans it with the business's wallet.
   */
  function offerPart(number: string): HTMLElement {
    const place = h('div', { class: 'cadwyn-business-offer' });
    const b = button('portal.businesses.credential.offer', { type: 'button' }, 'secondary');
    b.addEventListener('click', () => void offer());
    place.append(b);
    async function offer(): Promise<void> {
      b.disabled = true;
      try {
        const r = await post<Offered>(
          `${base}/${encodeURIComponent(number)}/credential-offer`,
          {},
          { signal: ctx.signal },
        );
        if (!r.ok) {
          showOutcome(place, refusal(r.problem));
          return;
        }
        const o = r.body;
        const heading = h(
          'h3',
          { class: 'govuk-heading-s' },
          ptr('portal.businesses.credential.h3', number),
        );
        place.replaceChildren(
          heading,
          ppara('portal.businesses.credential.lead'),
          h(
            'div',
            { class: 'cadwyn-offer' },
            h('div', { class: 'cadwyn-offer__qr' }, qrImage(o.qrSvg, 'portal.issue.qrAlt')),
            h(
              'div',
              { class: 'cadwyn-offer__text' },
              o.txCode
                ? h(
                    'div',
                    { class: 'cadwyn-pin' },
                    h(
                      'p',
                      { class: 'govuk-body govuk-!-margin-bottom-1' },
                      ptr('portal.issue.pin.label'),
                    ),
                    h('p', { class: 'cadwyn-pin__digits', id: 'business-offer-pin' }, o.txCode),
                  )
                : null,
              h(
                'ol',
                { class: 'govuk-list govuk-list--number' },
                h('li', null, ptr('portal.issue.step.scan')),
                o.txCode ? h('li', null, ptr('portal.issue.step.pin')) : null,
                h(
                  'li',
                  null,
                  ptr('portal.issue.step.expires', () => formatTime(o.expiresMs, 'short')),
                ),
              ),
              h(
                'p',
                { class: 'govuk-body' },
                h(
                  'a',
                  { class: 'govuk-link', href: o.offerUri, id: 'business-offer-link' },
                  ptr('portal.issue.sameDevice'),
                ),
              ),
            ),
          ),
        );
        focusSoon(heading);
      } catch (e) {
        showFailure(place, e);
      } finally {
        b.disabled = false;
      }
    }
    return place;
  }

  /** Refusing is final (the applicant applies again): choose the reason and confirm first. */
  function confirmRefuse(a: Application, opener: HTMLButtonElement): void {
    const reason = selectField({
      id: 'refuse-reason',
      label: 'portal.businesses.refuse.reason',
      hint: 'portal.businesses.refuse.hint',
      placeholder: 'portal.choose',
      options: REASONS.map((r) => ({ value: r.code, label: r.text })),
    });
    const yes = button('portal.businesses.refuse.yes', { type: 'button' }, 'warning');
    const no = button('portal.cancel', { type: 'button' }, 'secondary');
    const heading = h(
      'h2',
      { class: 'govuk-heading-m', tabindex: '-1', id: 'refuse-heading' },
      ptr('portal.businesses.refuse.h2', a.name.en),
    );
    const panel = h(
      'section',
      { class: 'cadwyn-confirm', 'aria-labelledby': 'refuse-heading' },
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
      const chosen = REASONS.find((r) => r.code === reason.control.value);
      reason.setError(chosen ? null : perr('portal.businesses.err.reason'));
      if (!chosen) {
        reason.control.focus();
        return;
      }
      void refuseApp(a, chosen, yes);
    });
  }

  async function refuseApp(
    a: Application,
    why: (typeof REASONS)[number],
    b: HTMLButtonElement,
  ): Promise<void> {
    b.disabled = true;
    const words = portal[why.text];
    try {
      const r = await post<Written>(
        `${base}/applications/${a.id}/refuse`,
        { reason: { code: why.code, en: words.en, cy: words.cy } },
        { signal: ctx.signal },
      );
      let box: HTMLElement;
      if (r.ok) {
        box = banner(
          'success',
          ptr('portal.businesses.refused', a.name.en),
          ppara(why.text),
          receiptLink(
            r.body.receipt,
            r.body.txId,
            'businesses-receipt',
            'portal.businesses.receipt',
          ),
        );
        apps.reload();
      } else {
        box = refusal(r.problem);
      }
      showOutcome(notice, box);
    } catch (e) {
      showFailure(notice, e);
    } finally {
      b.disabled = false;
    }
  }

  const apps = loaded(
    ctx,
    async () => {
      const [r] = await Promise.all([
        get<unknown>(`${base}/applications`, { signal: ctx.signal }),
        loadConsortium().catch(() => undefined),
      ]);
      if (!r.ok) throw new Refused(r.problem);
      return readApplications(r.body);
    },
    (rows) =>
      rows.length === 0
        ? ppara('portal.businesses.apps.none')
        : table(
            ptr('portal.businesses.apps.caption', rows.length),
            [
              'portal.businesses.col.nameEn',
              'portal.businesses.col.nameCy',
              'portal.businesses.col.kind',
              'portal.businesses.col.area',
              'portal.businesses.col.received',
              'portal.businesses.col.actions',
            ],
            rows.map((a) => [
              h('span', { lang: 'en' }, a.name.en),
              a.name.cy ? h('span', { lang: 'cy' }, a.name.cy) : ptr('portal.none'),
              dyn(() => kindText(a.kind)),
              dyn(() => areaText(a.officeArea)),
              timeEl(a.appliedMs),
              decideButtons(a),
            ]),
          ),
  );

  // ---- grant a licence ----

  const errors = errorSummary();
  const number = textField({
    id: 'licence-number',
    label: 'portal.businesses.licence.number',
    hint: 'portal.businesses.licence.number.hint',
    width: 'govuk-input--width-10',
    spellcheck: false,
    mono: true,
  });
  const licenceNumber = number.control;
  const ref = textField({
    id: 'licence-ref',
    label: 'portal.businesses.licence.ref',
    width: 'govuk-input--width-20',
    spellcheck: false,
  });
  const from = dateField({
    id: 'licence-from',
    legend: 'portal.businesses.licence.from',
    hint: 'portal.businesses.licence.dateHint',
  });
  const until = dateField({
    id: 'licence-until',
    legend: 'portal.businesses.licence.until',
    hint: 'portal.businesses.licence.dateHint',
  });
  const licenceResult = h('div', { class: 'cadwyn-result' });

  function licenceForm(kinds: readonly string[]): Child {
    if (kinds.length === 0) return ppara('portal.businesses.licence.none');
    const kind = selectField({
      id: 'licence-kind',
      label: 'portal.businesses.licence.kind',
      hint: 'portal.businesses.licence.kind.hint',
      placeholder: 'portal.choose',
      options: kinds.map((k) => ({ value: k, label: LICENCE_NAMES[k] ?? (() => k) })),
    });
    const submit = button('portal.businesses.licence.submit');
    const form = h(
      'form',
      { novalidate: true },
      number.group,
      kind.group,
      ref.group,
      from.group,
      until.group,
      submit,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void grant();
    });

    async function grant(): Promise<void> {
      licenceResult.replaceChildren();
      const n = number.control.value.trim().toUpperCase();
      const k = kind.control.value;
      const r = ref.control.value.trim();
      const fromMs = dayStartMs(from.value());
      const lastMs = dayStartMs(until.value());
      number.setError(NUMBER_RE.test(n) ? null : perr('portal.businesses.err.number'));
      kind.setError(kinds.includes(k) ? null : perr('portal.businesses.err.kind'));
      ref.setError(
        r.length > 0 && r.length <= REF_MAX ? null : perr('portal.businesses.err.ref', REF_MAX),
      );
      from.setError(fromMs === undefined ? perr('portal.businesses.err.from') : null);
      until.setError(
        lastMs === undefined
          ? perr('portal.businesses.err.until')
          : fromMs !== undefined && lastMs < fromMs
            ? perr('portal.businesses.err.order')
            : null,
      );
      errors.show([number, kind, ref, from, until]);
      if (
        number.error ||
        kind.error ||
        ref.error ||
        from.error ||
        until.error ||
        fromMs === undefined ||
        lastMs === undefined
      ) {
        return;
      }
      submit.disabled = true;
      try {
        const res = await post<Written>(
          `${base}/${n}/licences`,
          // "Until" is the last day; the ledger's end is exclusive: the day after.
          { kind: k, ref: r, validFromMs: fromMs, validUntilMs: lastMs + DAY_MS },
          { signal: ctx.signal },
        );
        let box: HTMLElement;
        if (res.ok) {
          const name = LICENCE_NAMES[k];
          box = banner(
            'success',
            ptr('portal.businesses.licence.done', n),
            h(
              'p',
              { class: 'govuk-body' },
              dyn(() => (name ? pt(name) : k)),
              ` (${r})`,
            ),
            receiptLink(
              res.body.receipt,
              res.body.txId,
              'licence-receipt',
              'portal.businesses.receipt',
            ),
            publicEntry(n, 'licence-public-entry'),
          );
        } else {
          box = refusal(res.problem);
        }
        showOutcome(licenceResult, box);
      } catch (e) {
        showFailure(licenceResult, e);
      } finally {
        submit.disabled = false;
      }
    }

    return form;
  }

  const licence = loaded(
    ctx,
    async () => {
      await loadConsortium();
      const roles = memberOf(ctx.session.body.did)?.roles ?? [];
      return Object.entries(LICENCE_GRANTORS)
        .filter(([, grantors]) => grantors.some((g) => roles.includes(g)))
        .map(([k]) => k);
    },
    (kinds) => licenceForm(kinds),
  );

  // ---- change, dissolve, revoke ----

  const manageNumber = textField({
    id: 'manage-number',
    label: 'portal.businesses.manage.number',
    hint: 'portal.businesses.manage.number.hint',
    width: 'govuk-input--width-10',
    spellcheck: false,
    mono: true,
  });
  const findButton = button('portal.businesses.manage.find', {}, 'secondary');
  const findForm = h('form', { novalidate: true }, manageNumber.group, findButton);
  /** The entry found, with its forms; re-drawn after each change. */
  const manageEntry = h('div');
  /** Confirmations and outcomes of changes. */
  const manageResult = h('div', { class: 'cadwyn-result' });
  findForm.addEventListener('submit', (e) => {
    e.preventDefault();
    manageResult.replaceChildren();
    void find(true);
  });

  /** Looks the number up on the public register and shows it with what may be done to it. */
  async function find(focus: boolean): Promise<void> {
    const n = manageNumber.control.value.trim().toUpperCase();
    manageNumber.setError(NUMBER_RE.test(n) ? null : perr('portal.businesses.err.number'));
    errors.show([manageNumber]);
    if (manageNumber.error) {
      manageEntry.replaceChildren();
      return;
    }
    findButton.disabled = true;
    try {
      const r = await get<unknown>(`/v1/businesses/${n}`, { signal: ctx.signal });
      const entry = r.ok ? readEntry(r.body) : undefined;
      if (!entry) {
        manageEntry.replaceChildren();
        if (!r.ok && r.status !== 404) {
          showOutcome(manageResult, refusal(r.problem));
          return;
        }
        manageNumber.setError(perr('portal.businesses.manage.unknown'));
        errors.show([manageNumber]);
        return;
      }
      const heading = h(
        'h3',
        { class: 'govuk-heading-m', tabindex: '-1', id: 'manage-entry-heading' },
        `${entry.number}: `,
        h('span', { lang: 'en' }, entry.name.en),
      );
      manageEntry.replaceChildren(
        h(
          'section',
          { class: 'cadwyn-subsection', 'aria-labelledby': 'manage-entry-heading' },
          heading,
          summary([
            [ptr('portal.businesses.col.nameEn'), h('span', { lang: 'en' }, entry.name.en)],
            [
              ptr('portal.businesses.col.nameCy'),
              entry.name.cy ? h('span', { lang: 'cy' }, entry.name.cy) : ptr('portal.none'),
            ],
            [ptr('portal.businesses.col.area'), dyn(() => areaText(entry.officeArea))],
            [
              ptr('portal.businesses.manage.status'),
              entry.status === 'registered'
                ? tag('portal.businesses.status.registered', 'green')
                : tag('portal.businesses.status.dissolved', 'grey'),
            ],
            ...(entry.formerNames.length > 0
              ? [
                  [
                    ptr('portal.businesses.manage.formerly'),
                    h(
                      'ul',
                      { class: 'govuk-list' },
                      entry.formerNames.map((f) => h('li', null, nameBoth(f))),
                    ),
                  ] as const,
                ]
              : []),
          ]),
          publicEntry(entry.number, 'manage-public-entry'),
          entry.status === 'registered' && entry.registrar === ctx.session.body.did
            ? offerPart(entry.number)
            : null,
          entry.status === 'registered'
            ? [amendForm(entry), revokeList(entry), dissolvePart(entry)]
            : ppara('portal.businesses.manage.dissolvedNote'),
        ),
      );
      if (focus) focusSoon(heading);
    } catch (e) {
      showFailure(manageResult, e);
    } finally {
      findButton.disabled = false;
    }
  }

  /** Sends a change; shows the outcome with its receipt and the entry as it is now. */
  async function change(
    path: string,
    body: unknown,
    done: Child,
    b: HTMLButtonElement,
    number: string,
  ): Promise<void> {
    b.disabled = true;
    try {
      const r = await post<Written>(`${base}/${number}/${path}`, body, { signal: ctx.signal });
      let box: HTMLElement;
      if (r.ok) {
        box = banner(
          'success',
          done,
          receiptLink(r.body.receipt, r.body.txId, 'manage-receipt', 'portal.businesses.receipt'),
          publicEntry(number, 'manage-done-public-entry'),
        );
        await find(false);
      } else {
        box = refusal(r.problem);
      }
      showOutcome(manageResult, box);
    } catch (e) {
      showFailure(manageResult, e);
    } finally {
      b.disabled = false;
    }
  }

  function amendForm(entry: Entry): HTMLElement {
    const nameEn = textField({
      id: 'amend-name-en',
      label: 'portal.businesses.col.nameEn',
      width: 'govuk-input--width-30',
      value: entry.name.en,
    });
    nameEn.control.lang = 'en';
    const nameCy = textField({
      id: 'amend-name-cy',
      label: 'portal.businesses.col.nameCy',
      hint: 'portal.businesses.amend.nameCy.hint',
      width: 'govuk-input--width-30',
      value: entry.name.cy ?? '',
    });
    nameCy.control.lang = 'cy';
    const areas = GWENT_AREAS.includes(entry.officeArea)
      ? GWENT_AREAS
      : [entry.officeArea, ...GWENT_AREAS];
    const area = selectField({
      id: 'amend-area',
      label: 'portal.businesses.col.area',
      options: areas.map((a) => ({ value: a, label: () => dyn(() => areaName(a)) })),
    });
    area.control.value = entry.officeArea;
    const submit = button('portal.businesses.amend.submit');
    const form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'amend-h3' },
      h('h4', { class: 'govuk-heading-s', id: 'amend-h3' }, ptr('portal.businesses.amend.h3')),
      nameEn.group,
      nameCy.group,
      area.group,
      submit,
    );
    const nameError = (v: string, required: boolean) =>
      v.length === 0
        ? required
          ? perr('portal.businesses.err.nameEn')
          : null
        : v.length > NAME_MAX || !NAME_CHARS.test(v)
          ? perr('portal.businesses.err.nameChars')
          : null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      manageResult.replaceChildren();
      const en = nameEn.control.value.trim();
      const cy = nameCy.control.value.trim();
      nameEn.setError(nameError(en, true));
      nameCy.setError(nameError(cy, false));
      const name: Name = { en, ...(cy ? { cy } : {}) };
      const nameChanged = name.en !== entry.name.en || name.cy !== entry.name.cy;
      const areaChanged = area.control.value !== entry.officeArea;
      if (!nameEn.error && !nameCy.error && !nameChanged && !areaChanged) {
        nameEn.setError(perr('portal.businesses.err.unchanged'));
      }
      errors.show([nameEn, nameCy, area]);
      if (nameEn.error || nameCy.error) return;
      void change(
        'amend',
        {
          ...(nameChanged ? { name } : {}),
          ...(areaChanged ? { officeArea: area.control.value } : {}),
        },
        ptr('portal.businesses.amend.done', entry.number),
        submit,
        entry.number,
      );
    });
    return form;
  }

  /** A confirmation panel: a heading, a reason to choose, and yes or cancel. */
  function confirmPanel(o: {
    id: string;
    heading: Child;
    warning?: PKey;
    reasons: readonly { readonly code: string; readonly text: PKey }[];
    missing: PKey;
    yes: PKey;
    opener: HTMLButtonElement;
    go: (reason: { code: string; en: string; cy: string }, yes: HTMLButtonElement) => void;
  }): void {
    const reason = selectField({
      id: `${o.id}-reason`,
      label: 'portal.businesses.refuse.reason',
      hint: 'portal.businesses.reason.public',
      placeholder: 'portal.choose',
      options: o.reasons.map((r) => ({ value: r.code, label: r.text })),
    });
    const yes = button(o.yes, { type: 'button' }, 'warning');
    const no = button('portal.cancel', { type: 'button' }, 'secondary');
    const heading = h(
      'h2',
      { class: 'govuk-heading-m', tabindex: '-1', id: `${o.id}-heading` },
      o.heading,
    );
    manageResult.replaceChildren(
      h(
        'section',
        { class: 'cadwyn-confirm', 'aria-labelledby': `${o.id}-heading` },
        heading,
        o.warning
          ? h(
              'div',
              { class: 'govuk-warning-text' },
              h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
              h('strong', { class: 'govuk-warning-text__text' }, ptr(o.warning)),
            )
          : null,
        reason.group,
        h('div', { class: 'govuk-button-group' }, yes, no),
      ),
    );
    focusSoon(heading);
    no.addEventListener('click', () => {
      manageResult.replaceChildren();
      if (o.opener.isConnected) o.opener.focus();
    });
    yes.addEventListener('click', () => {
      const chosen = o.reasons.find((r) => r.code === reason.control.value);
      reason.setError(chosen ? null : perr(o.missing));
      if (!chosen) {
        reason.control.focus();
        return;
      }
      const words = portal[chosen.text];
      o.go({ code: chosen.code, en: words.en, cy: words.cy }, yes);
    });
  }

  function revokeList(entry: Entry): HTMLElement {
    const mine = entry.licences.filter(
      (l) =>
        l.grantedBy === ctx.session.body.did &&
        (l.status === 'valid' || l.status === 'not-yet-valid'),
    );
    const licenceName = (kind: string) => {
      const k = LICENCE_NAMES[kind];
      return k ? pt(k) : kind;
    };
    const revokeButton = (l: Entry['licences'][number]) => {
      const b = h(
        'button',
        {
          type: 'button',
          class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0',
          'data-module': 'govuk-button',
        },
        ptr('portal.businesses.revoke'),
        h('span', { class: 'govuk-visually-hidden' }, ptr('portal.businesses.forLicence', l.ref)),
      );
      b.addEventListener('click', () =>
        confirmPanel({
          id: 'revoke',
          heading: ptr('portal.businesses.revoke.h2', l.ref),
          warning: 'portal.businesses.revoke.warning',
          reasons: REVOKE_REASONS,
          missing: 'portal.businesses.err.revokeReason',
          yes: 'portal.businesses.revoke.yes',
          opener: b,
          go: (reason, yes) =>
            void change(
              `licences/${l.id}/revoke`,
              { reason },
              ptr('portal.businesses.revoke.done', l.ref),
              yes,
              entry.number,
            ),
        }),
      );
      return b;
    };
    return h(
      'section',
      { 'aria-labelledby': 'revoke-h3' },
      h('h4', { class: 'govuk-heading-s', id: 'revoke-h3' }, ptr('portal.businesses.revoke.h3')),
      mine.length === 0
        ? ppara('portal.businesses.revoke.none')
        : table(
            ptr('portal.businesses.revoke.caption', mine.length),
            [
              'portal.businesses.col.licence',
              'portal.businesses.col.ref',
              'portal.businesses.col.until',
              'portal.businesses.col.actions',
            ],
            mine.map((l) => [
              dyn(() => licenceName(l.kind)),
              h('span', { class: 'cadwyn-mono' }, l.ref),
              // The ledger's end is exclusive: the last day is the day before it.
              dyn(() => dateText(new Date(l.validUntilMs - 1).toISOString().slice(0, 10))),
              revokeButton(l),
            ]),
          ),
    );
  }

  function dissolvePart(entry: Entry): HTMLElement {
    const open = button('portal.businesses.dissolve.open', { type: 'button' }, 'warning');
    open.addEventListener('click', () =>
      confirmPanel({
        id: 'dissolve',
        heading: ptr('portal.businesses.dissolve.h2', entry.name.en),
        warning: 'portal.businesses.dissolve.lead',
        reasons: DISSOLVE_REASONS,
        missing: 'portal.businesses.err.dissolveReason',
        yes: 'portal.businesses.dissolve.yes',
        opener: open,
        go: (reason, yes) =>
          void change(
            'dissolve',
            { reason },
            ptr('portal.businesses.dissolve.done', entry.name.en),
            yes,
            entry.number,
          ),
      }),
    );
    return h(
      'section',
      { 'aria-labelledby': 'dissolve-h3' },
      h(
        'h4',
        { class: 'govuk-heading-s', id: 'dissolve-h3' },
        ptr('portal.businesses.dissolve.h3'),
      ),
      ppara('portal.businesses.dissolve.lead'),
      open,
    );
  }

  const explorer = h(
    'p',
    { class: 'govuk-body' },
    h(
      'a',
      { class: 'govuk-link', href: '/explorer/businesses/' },
      ptr('portal.businesses.explorer'),
    ),
  );

  return [
    errors.el,
    h1('portal.businesses.h1'),
    ppara('portal.businesses.lead'),
    explorer,
    notice,
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'apps-h2' },
      h2('portal.businesses.apps.h2', { id: 'apps-h2' }),
      apps.el,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'licence-h2' },
      h2('portal.businesses.licence.h2', { id: 'licence-h2' }),
      licence.el,
      licenceResult,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'manage-h2' },
      h2('portal.businesses.manage.h2', { id: 'manage-h2' }),
      findForm,
      manageResult,
      manageEntry,
    ),
  ];
}
