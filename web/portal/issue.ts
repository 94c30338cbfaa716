// Issue (issuer role): choose a credential type the body may issue, enter the citizen's details,
// create the offer, then show the QR code, the same-device link and the PIN to tell the
// citizen, and watch until the wallet collects it. And the list of issued credentials, with
// Revoke / Suspend / Reinstate after a confirmation step.
import { CREDENTIAL_TYPES } from '../../src/identity/types.js';
import { getJson } from '../shared/api.js';
import type { Child } from '../shared/dom.js';
import { h, view } from '../shared/dom.js';
import type { Field } from '../shared/forms.js';
import { errorSummary } from '../shared/forms.js';
import { GWENT_AREAS, areaName, formatTime } from '../shared/format.js';
import type { ViewContext } from './app.js';
import { Refused, failure, loaded, refusal, showFailure, showOutcome } from './app.js';
import { call, get, isAbort, post } from './client.js';
import { claimLabel, loadConsortium, loadTypes, memberOf, typeOf } from './directory.js';
import type { DateField } from './fields.js';
import { checkBirthDate, choiceField, dateField, selectField, textField } from './fields.js';
import type { Bilingual, PKey, TagColour } from './ui.js';
import {
  banner,
  bi,
  button,
  code,
  dyn,
  focusSoon,
  h1,
  inLang,
  liveStatus,
  perr,
  phidden,
  ppara,
  pt,
  ptr,
  qrImage,
  summary,
  table,
  tag,
  timeEl,
} from './ui.js';

const POLL_MS = 2_000;

// ---- what the body may issue --------------------------------------------------------------------

interface Configuration {
  readonly id: string;
  readonly vct: string;
  readonly name: Bilingual;
  readonly description?: Bilingual;
  readonly claims: readonly (readonly string[])[];
}

function bilingualFrom(list: unknown, field: 'name' | 'description'): Bilingual | undefined {
  if (!Array.isArray(list)) return undefined;
  const pick = (lang: string) => {
    const d = list.find(
      (x: unknown) =>
        typeof x === 'object' && x !== null && (x as { locale?: unknown }).locale === lang,
    ) as Record<string, unknown> | undefined;
    return typeof d?.[field] === 'string' ? d[field] : undefined;
  };
  const en = pick('en');
  const cy = pick('cy');
  return en || cy ? { en: en ?? cy ?? '', cy: cy ?? en ?? '' } : undefined;
}

const FROM_REGISTER = new Set(
  Object.values(CREDENTIAL_TYPES)
    .filter((t) => t.fromRegister === true)
    .map((t) => t.vct),
);

/** The body's credential configurations, from its OID4VCI issuer metadata. */
async function loadConfigurations(slug: string, signal: AbortSignal): Promise<Configuration[]> {
  const r = await getJson<{ credential_configurations_supported?: Record<string, unknown> }>(
    `/.well-known/openid-credential-issuer/issuers/${encodeURIComponent(slug)}`,
    signal,
  );
  if (!r.ok) throw new Refused({ ...r.problem, extra: {} });
  const configs = r.body.credential_configurations_supported ?? {};
  return Object.entries(configs).flatMap(([id, c]): Configuration[] => {
    const o = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    const meta = (o.credential_metadata ?? {}) as Record<string, unknown>;
    // A registration credential is offered from the register entry (Business register
    // screen), never typed in here: the node refuses it from this form.
    if (typeof o.vct !== 'string' || FROM_REGISTER.has(o.vct)) return [];
    const description = bilingualFrom(meta.display, 'description');
    const claims = (Array.isArray(meta.claims) ? meta.claims : []).flatMap((cl: unknown) => {
      const p = (cl as { path?: unknown } | null)?.path;
      return Array.isArray(p) && p.every((s) => typeof s === 'string') ? [p as string[]] : [];
    });
    return [
      {
        id,
        vct: o.vct,
        name: bilingualFrom(meta.display, 'name') ?? { en: id, cy: id },
        ...(description ? { description } : {}),
        claims,
      },
    ];
  });
}

// ---- the citizen's details ----------------------------------------------------------------------

interface TextRule {
  readonly width: string;
  readonly missing: PKey;
  readonly max?: number;
  readonly hint?: PKey;
  readonly invalid?: PKey;
  readonly pattern?: RegExp;
  readonly normalise?: (s: string) => string;
  readonly numeric?: boolean;
}

const upper = (s: string) => s.toUpperCase();
const noSpaces = (s: string) => s.replace(/\s+/g, '');
const postcode = (s: string) => {
  const c = noSpaces(s).toUpperCase();
  return c.length > 3 ? `${c.slice(0, -3)} ${c.slice(-3)}` : c;
};

const TEXT_RULES: Readonly<Record<string, TextRule>> = {
  given_name: { width: 'govuk-!-width-one-half', missing: 'portal.issue.err.givenName', max: 100 },
  family_name: {
    width: 'govuk-!-width-one-half',
    missing: 'portal.issue.err.familyName',
    max: 100,
  },
  'address.street_address': {
    width: 'govuk-!-width-three-quarters',
    missing: 'portal.issue.err.street',
    max: 200,
  },
  'address.locality': {
    width: 'govuk-!-width-one-half',
    missing: 'portal.issue.err.locality',
    max: 100,
  },
  'address.postal_code': {
    width: 'govuk-input--width-10',
    missing: 'portal.issue.err.postcode',
    invalid: 'portal.issue.err.postcodeInvalid',
    hint: 'portal.issue.hint.postcode',
    pattern: /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/,
    normalise: postcode,
  },
  badge_number: {
    width: 'govuk-input--width-20',
    missing: 'portal.issue.err.badge',
    invalid: 'portal.issue.err.badgeInvalid',
    hint: 'portal.issue.hint.badge',
    pattern: /^[A-Z0-9]{6,20}$/,
    normalise: (s) => upper(noSpaces(s)),
  },
  nhs_number: {
    width: 'govuk-input--width-10',
    missing: 'portal.issue.err.nhs',
    invalid: 'portal.issue.err.nhsInvalid',
    hint: 'portal.issue.hint.nhs',
    pattern: /^[0-9]{10}$/,
    normalise: noSpaces,
    numeric: true,
  },
  gp_practice: {
    width: 'govuk-input--width-10',
    missing: 'portal.issue.err.gp',
    invalid: 'portal.issue.err.gpInvalid',
    hint: 'portal.issue.hint.gp',
    pattern: /^[A-Z][0-9A-Z]{5}$/,
    normalise: (s) => upper(noSpaces(s)),
  },
};

/** Claims the node works out itself (from the birth date), never typed in. */
const COMPUTED = new Set(['age_over_16', 'age_over_18']);

interface ClaimInput {
  readonly path: readonly string[];
  readonly field: Field;
  /** The value, or the field's error (already set on the field). */
  read(): { ok: true; value: unknown } | { ok: false };
}

const fieldId = (path: readonly string[]) => `claim-${path.join('-').replace(/_/g, '-')}`;

function textClaim(path: readonly string[], vct: string): ClaimInput {
  const name = path.join('.');
  const rule: TextRule = TEXT_RULES[name] ?? {
    width: 'govuk-!-width-one-half',
    missing: 'portal.issue.err.generic',
    max: 200,
  };
  const field = textField({
    id: fieldId(path),
    label: () => dyn(() => claimLabel(path, vct)),
    ...(rule.hint ? { hint: rule.hint } : {}),
    width: rule.width,
    spellcheck: false,
    ...(rule.numeric ? { inputmode: 'numeric' as const } : {}),
  });
  return {
    path,
    field,
    read() {
      const raw = field.control.value.trim();
      const value = rule.normalise ? rule.normalise(raw) : raw;
      if (!value) {
        field.setError(perr(rule.missing, () => claimLabel(path, vct)));
        return { ok: false };
      }
      if (rule.max !== undefined && value.length > rule.max) {
        field.setError(perr('portal.issue.err.tooLong', () => claimLabel(path, vct), rule.max));
        return { ok: false };
      }
      if (rule.pattern && !rule.pattern.test(value)) {
        field.setError(
          perr(rule.invalid ?? 'portal.issue.err.generic', () => claimLabel(path, vct)),
        );
        return { ok: false };
      }
      field.setError(null);
      if (value !== raw) field.control.value = value;
      return { ok: true, value };
    },
  };
}

function dateClaim(path: readonly string[], vct: string): ClaimInput {
  const field: DateField = dateField({
    id: fieldId(path),
    legend: () => dyn(() => claimLabel(path, vct)),
    hint: 'portal.issue.hint.birthdate',
  });
  return {
    path,
    field,
    read() {
      const r = checkBirthDate(field.value(), Date.now());
      field.setError(r.ok ? null : perr(r.error));
      return r.ok ? { ok: true, value: r.iso } : { ok: false };
    },
  };
}

function areaClaim(path: readonly string[], vct: string): ClaimInput {
  const field = selectField({
    id: fieldId(path),
    label: () => dyn(() => claimLabel(path, vct)),
    placeholder: 'portal.choose',
    options: GWENT_AREAS.map((a) => ({ value: a, label: () => dyn(() => areaName(a)) })),
  });
  return {
    path,
    field,
    read() {
      const v = field.control.value;
      field.setError(v ? null : perr('portal.issue.err.area'));
      return v ? { ok: true, value: v } : { ok: false };
    },
  };
}

function setPath(into: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = into;
  path.forEach((p, i) => {
    if (i === path.length - 1) at[p] = value;
    else {
      const next = (at[p] ??= {}) as Record<string, unknown>;
      at = next;
    }
  });
}

// ---- the view -----------------------------------------------------------------------------------

interface Offer {
  readonly offerId: string;
  readonly offerUri: string;
  readonly qrSvg: string;
  readonly txCode?: string;
  readonly expiresMs: number;
}

export function issueView(ctx: ViewContext): Child {
  const slug = ctx.session.body.slug;
  const step = h('div');
  const setStep = (content: Child, focus: boolean): void => {
    step.replaceChildren(h('div', null, content));
    const heading = step.querySelector<HTMLElement>('h2');
    if (focus && heading) focusSoon(heading);
  };

  const start = loaded(
    ctx,
    async () => {
      const [configs] = await Promise.all([
        loadConfigurations(slug, ctx.signal),
        loadConsortium(),
        loadTypes(),
      ]);
      return configs;
    },
    (configs) => {
      // Drawn once: a language change redraws only the words, never the form (or what is typed).
      if (!step.hasChildNodes()) setStep(chooseType(configs), false);
      return step;
    },
  );

  function chooseType(configs: readonly Configuration[], chosen?: string): Child {
    if (configs.length === 0) return ppara('portal.issue.noTypes');
    const errors = errorSummary();
    const types = choiceField({
      id: 'issue-type',
      type: 'radio',
      legend: 'portal.issue.type.legend',
      items: configs.map((c) => ({
        value: c.id,
        label: () => bi(c.name),
        ...(c.description ? { hint: () => bi(c.description) } : {}),
      })),
    });
    if (chosen) types.set([chosen]);
    else if (configs.length === 1) types.set([configs[0]?.id ?? '']);
    const form = h('form', { novalidate: true }, types.group, button('portal.continue'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const c = configs.find((x) => x.id === types.values()[0]);
      types.setError(c ? null : perr('portal.issue.type.missing'));
      errors.show([types]);
      if (c) setStep(detailsForm(configs, c), true);
    });
    return [errors.el, h('h2', { class: 'govuk-heading-m' }, ptr('portal.issue.type.h2')), form];
  }

  function detailsForm(configs: readonly Configuration[], c: Configuration): Child {
    const errors = errorSummary();
    const area = memberOf(ctx.session.body.did)?.area;
    const inputs: ClaimInput[] = [];
    const notes: PKey[] = [];
    for (const path of c.claims) {
      const name = path.join('.');
      const isParent = c.claims.some((p) => p.length > path.length && p[0] === path[0]);
      if (isParent) continue;
      if (COMPUTED.has(name)) {
        if (!notes.includes('portal.issue.note.ages')) notes.push('portal.issue.note.ages');
        continue;
      }
      if (name === 'local_authority') {
        if (area) notes.push('portal.issue.note.area');
        else inputs.push(areaClaim(path, c.vct));
        continue;
      }
      inputs.push(name === 'birthdate' ? dateClaim(path, c.vct) : textClaim(path, c.vct));
    }
    const submit = button('portal.issue.create');
    const outcome = h('div');
    const change = h(
      'button',
      { type: 'button', class: 'govuk-body-s cadwyn-link-button' },
      ptr('portal.issue.changeType'),
    );
    change.addEventListener('click', () => setStep(chooseType(configs, c.id), true));
    const form = h(
      'form',
      { novalidate: true },
      inputs.map((i) => i.field.group),
      notes.map((k) =>
        h(
          'div',
          { class: 'govuk-inset-text' },
          k === 'portal.issue.note.area' ? ptr(k, () => (area ? areaName(area) : '')) : ptr(k),
        ),
      ),
      submit,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void create();
    });

    async function create(): Promise<void> {
      outcome.replaceChildren();
      const claims: Record<string, unknown> = {};
      let ok = true;
      for (const i of inputs) {
        const r = i.read();
        if (r.ok) setPath(claims, i.path, r.value);
        else ok = false;
      }
      errors.show(inputs.map((i) => i.field));
      if (!ok) return;
      submit.disabled = true;
      try {
        const r = await post<Offer>(
          `/v1/issuers/${encodeURIComponent(slug)}/offers`,
          { credential_configuration_id: c.id, claims },
          { signal: ctx.signal },
        );
        if (r.ok) {
          setStep(offerShown(configs, c, r.body), true);
          return;
        }
        const box = refusal(r.problem);
        outcome.replaceChildren(box);
        box.focus();
      } catch (e) {
        const f = failure(e);
        outcome.replaceChildren(...(f ? [f] : []));
        f?.focus();
      } finally {
        submit.disabled = false;
      }
    }

    return [
      change,
      errors.el,
      h(
        'h2',
        { class: 'govuk-heading-m' },
        ptr('portal.issue.details.h2', () => inLang(c.name)),
      ),
      ppara('portal.issue.details.lead'),
      outcome,
      form,
    ];
  }

  function offerShown(configs: readonly Configuration[], c: Configuration, o: Offer): Child {
    const status = liveStatus();
    let state: 'pending' | 'redeemed' | 'expired' | 'unknown' = 'pending';
    let stopped = false;
    const statusView = view(status, () => {
      if (state === 'redeemed')
        return [tag('portal.issue.state.redeemed', 'green'), ' ', ptr('portal.issue.redeemed')];
      if (state === 'expired')
        return [tag('portal.issue.state.expired', 'grey'), ' ', ptr('portal.issue.expired')];
      if (state === 'unknown') return ptr('portal.issue.pollFailed');
      return [tag('portal.issue.state.pending', 'blue'), ' ', ptr('portal.issue.waiting')];
    });
    const poll = async (): Promise<void> => {
      while (!ctx.signal.aborted && !stopped && state === 'pending') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (ctx.signal.aborted || stopped) return;
        try {
          const r = await get<{ status?: string }>(
            `/v1/issuers/${encodeURIComponent(slug)}/offers/${encodeURIComponent(o.offerId)}`,
            { signal: ctx.signal },
          );
          if (r.ok && r.body.status === 'redeemed') state = 'redeemed';
          else if (!r.ok && r.problem.code === 'OFFER_UNKNOWN') state = 'expired';
          else if (!r.ok) state = 'unknown';
        } catch (e) {
          if (isAbort(e) || ctx.signal.aborted) return;
          if (!failure(e)) return; // signed out
          continue; // a network blip: keep waiting
        }
        if (state !== 'pending') statusView.update();
      }
    };
    void poll();

    const again = button('portal.issue.another', { type: 'button' }, 'secondary');
    again.addEventListener('click', () => {
      stopped = true;
      setStep(chooseType(configs, c.id), true);
    });

    const copyStatus = h('span', { class: 'govuk-body cadwyn-copy-status', role: 'status' });
    const copy = button('portal.copyLink', { type: 'button' }, 'secondary');
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(o.offerUri).then(
        () => {
          copyStatus.textContent = pt('portal.copied');
        },
        () => {
          copyStatus.textContent = pt('portal.copyFailed');
        },
      );
    });

    return [
      h('h2', { class: 'govuk-heading-m' }, ptr('portal.issue.offer.h2')),
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
                h('p', { class: 'cadwyn-pin__digits', id: 'offer-pin' }, o.txCode),
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
              ptr('portal.issue.step.expires', () => timeText(o.expiresMs)),
            ),
          ),
          h(
            'p',
            { class: 'govuk-body' },
            h('a', { class: 'govuk-link', href: o.offerUri }, ptr('portal.issue.sameDevice')),
          ),
        ),
      ),
      status,
      h(
        'details',
        { class: 'govuk-details' },
        h(
          'summary',
          { class: 'govuk-details__summary' },
          h('span', { class: 'govuk-details__summary-text' }, ptr('portal.issue.link.summary')),
        ),
        h(
          'div',
          { class: 'govuk-details__text' },
          h('p', { class: 'govuk-body cadwyn-mono cadwyn-uri' }, o.offerUri),
          copy,
          ' ',
          copyStatus,
        ),
      ),
      ppara('portal.issue.privacy'),
      again,
    ];
  }

  return [h1('portal.issue.h1'), ppara('portal.issue.lead'), start.el];
}

const timeText = (ms: number): string => formatTime(ms, 'short');

// ---- issued credentials -------------------------------------------------------------------------

interface Issued {
  readonly id: string;
  readonly vct: string;
  readonly status: 'valid' | 'suspended' | 'revoked' | 'unknown';
  readonly issuedMs: number;
  readonly expiresMs: number;
}

type Change = 'revoked' | 'suspended' | 'valid';

const STATUS_TAG: Readonly<Record<Issued['status'], [PKey, TagColour]>> = {
  valid: ['portal.credentials.status.valid', 'green'],
  suspended: ['portal.credentials.status.suspended', 'yellow'],
  revoked: ['portal.credentials.status.revoked', 'red'],
  unknown: ['portal.credentials.status.unknown', 'grey'],
};

const CHANGE: Readonly<
  Record<
    Change,
    {
      action: PKey;
      confirmH: PKey;
      confirm: PKey;
      warn: PKey;
      done: PKey;
      kind: 'warning' | 'secondary' | 'primary';
    }
  >
> = {
  revoked: {
    action: 'portal.credentials.revoke',
    confirmH: 'portal.credentials.confirm.revoke.h2',
    confirm: 'portal.credentials.confirm.revoke',
    warn: 'portal.credentials.confirm.revoke.warn',
    done: 'portal.credentials.done.revoked',
    kind: 'warning',
  },
  suspended: {
    action: 'portal.credentials.suspend',
    confirmH: 'portal.credentials.confirm.suspend.h2',
    confirm: 'portal.credentials.confirm.suspend',
    warn: 'portal.credentials.confirm.suspend.warn',
    done: 'portal.credentials.done.suspended',
    kind: 'warning',
  },
  valid: {
    action: 'portal.credentials.reinstate',
    confirmH: 'portal.credentials.confirm.reinstate.h2',
    confirm: 'portal.credentials.confirm.reinstate',
    warn: 'portal.credentials.confirm.reinstate.warn',
    done: 'portal.credentials.done.valid',
    kind: 'primary',
  },
};

function readIssued(x: unknown): Issued[] {
  const list = (x as { credentials?: unknown } | undefined)?.credentials;
  if (!Array.isArray(list)) return [];
  return list
    .flatMap((c: unknown): Issued[] => {
      const o = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      if (typeof o.id !== 'string' || typeof o.vct !== 'string') return [];
      const status =
        o.status === 'valid' || o.status === 'suspended' || o.status === 'revoked'
          ? o.status
          : 'unknown';
      return [
        {
          id: o.id,
          vct: o.vct,
          status,
          issuedMs: typeof o.issuedMs === 'number' ? o.issuedMs : NaN,
          expiresMs: typeof o.expiresMs === 'number' ? o.expiresMs : NaN,
        },
      ];
    })
    .sort((a, b) => b.issuedMs - a.issuedMs);
}

export function credentialsView(ctx: ViewContext): Child {
  const slug = ctx.session.body.slug;
  const notice = h('div');
  const typeName = (vct: string) => dyn(() => inLang(typeOf(vct)?.name, vct));

  const list = loaded(
    ctx,
    async () => {
      const [r] = await Promise.all([
        get<unknown>(`/v1/issuers/${encodeURIComponent(slug)}/credentials`, { signal: ctx.signal }),
        loadTypes().catch(() => []),
      ]);
      if (!r.ok) throw new Refused(r.problem);
      return readIssued(r.body);
    },
    (rows) => {
      if (rows.length === 0) return ppara('portal.credentials.none');
      return table(
        ptr('portal.credentials.caption', rows.length),
        [
          'portal.credentials.col.id',
          'portal.credentials.col.type',
          'portal.credentials.col.issued',
          'portal.credentials.col.expires',
          'portal.credentials.col.status',
          'portal.credentials.col.actions',
        ],
        rows.map((c) => {
          const [k, colour] = STATUS_TAG[c.status];
          const changes: Change[] =
            c.status === 'valid'
              ? ['suspended', 'revoked']
              : c.status === 'suspended'
                ? ['valid', 'revoked']
                : [];
          return [
            code(c.id),
            typeName(c.vct),
            timeEl(c.issuedMs),
            timeEl(c.expiresMs),
            tag(k, colour),
            changes.length === 0
              ? h('span', { class: 'cadwyn-muted' }, ptr('portal.credentials.noActions'))
              : h(
                  'div',
                  { class: 'govuk-button-group cadwyn-actions' },
                  changes.map((to) => {
                    const b = h(
                      'button',
                      {
                        type: 'button',
                        class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
                        'data-module': 'govuk-button',
                      },
                      ptr(CHANGE[to].action),
                      h(
                        'span',
                        { class: 'govuk-visually-hidden' },
                        ' ',
                        ptr('portal.credentials.actionOf', c.id),
                      ),
                    );
                    b.addEventListener('click', () => ask(c, to, b));
                    return b;
                  }),
                ),
          ];
        }),
      );
    },
  );

  function ask(c: Issued, to: Change, opener: HTMLElement): void {
    const spec = CHANGE[to];
    const yes = button(spec.confirm, { type: 'button' }, spec.kind);
    const no = button('portal.cancel', { type: 'button' }, 'secondary');
    const outcome = h('div');
    const heading = h('h2', { class: 'govuk-heading-m', tabindex: '-1' }, ptr(spec.confirmH));
    const panel = h(
      'section',
      { class: 'cadwyn-confirm', 'aria-labelledby': 'confirm-heading' },
      heading,
      summary([
        [ptr('portal.credentials.col.id'), code(c.id)],
        [ptr('portal.credentials.col.type'), typeName(c.vct)],
        [ptr('portal.credentials.col.issued'), timeEl(c.issuedMs)],
      ]),
      h(
        'div',
        { class: 'govuk-warning-text' },
        h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
        h(
          'strong',
          { class: 'govuk-warning-text__text' },
          phidden('portal.warning'),
          ptr(spec.warn),
        ),
      ),
      outcome,
      h('div', { class: 'govuk-button-group' }, yes, no),
    );
    heading.id = 'confirm-heading';
    notice.replaceChildren(panel);
    focusSoon(heading);
    no.addEventListener('click', () => {
      notice.replaceChildren();
      if (opener.isConnected) opener.focus();
    });
    yes.addEventListener('click', () => {
      yes.disabled = true;
      void (async () => {
        try {
          const r = await call<unknown>(
            'POST',
            `/v1/issuers/${encodeURIComponent(slug)}/credentials/${encodeURIComponent(c.id)}/status`,
            { status: to },
            { signal: ctx.signal },
          );
          if (r.ok) {
            const done = banner('success', ptr(spec.done, c.id));
            showOutcome(notice, done);
            list.reload();
          } else {
            const box = refusal(r.problem);
            showOutcome(outcome, box);
          }
        } catch (e) {
          showFailure(outcome, e);
        } finally {
          yes.disabled = false;
        }
      })();
    });
  }

  return [
    h1('portal.credentials.h1'),
    ppara('portal.credentials.lead'),
    notice,
    list.el,
    h(
      'p',
      { class: 'govuk-body' },
      h('a', { class: 'govuk-link', href: ctx.href('issue') }, ptr('portal.credentials.issueNew')),
    ),
  ];
}
