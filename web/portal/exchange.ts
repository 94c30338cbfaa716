// Data requests (registrar role): ask another member body for a category of a citizen's data
// under the consent the citizen gave (the holder checks it on the ledger, and records the
// request either way), and keep this body's own housing record for a citizen's pseudonym.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import type { ViewContext } from './app.js';
import { failure, refusal, showFailure, showOutcome } from './app.js';
import { call, post } from './client.js';
import type { Member } from './directory.js';
import {
  CATEGORIES,
  PURPOSES,
  categoryName,
  loadConsortium,
  problemText,
  purposeName,
} from './directory.js';
import { choiceField, selectField, textField } from './fields.js';
import {
  banner,
  bi,
  button,
  code,
  dyn,
  h1,
  h2,
  isPKey,
  perr,
  ppara,
  problemBox,
  pt,
  ptr,
  summary,
} from './ui.js';

const CONSENT_ID_RE = /^[0-9a-f]{64}$/;
const PSEUDONYM_RE = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/;

export const HOUSING = [
  'social-housing-band-a',
  'social-housing-band-b',
  'social-housing-band-c',
  'social-housing-band-d',
  'not-on-register',
] as const;

/** A value from a record in words where the Portal knows it ('social-housing-band-b'). */
function recordValue(v: unknown): string {
  if (typeof v === 'string') {
    const k = `portal.housing.${v}`;
    return isPKey(k) ? pt(k) : v;
  }
  if (typeof v === 'boolean') return pt(v ? 'portal.yes' : 'portal.no');
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

function recordLabel(k: string): string {
  const key = `portal.exchange.field.${k}`;
  return isPKey(key) ? pt(key) : k;
}

function served(data: unknown): Child {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    return summary(
      Object.entries(data).map(([k, v]): [Child, Child] => [
        dyn(() => recordLabel(k)),
        dyn(() => recordValue(v)),
      ]),
    );
  }
  return h('pre', { class: 'cadwyn-pre' }, JSON.stringify(data, null, 2));
}

interface AccessRef {
  readonly txId?: string;
}

const txOf = (x: unknown): string | undefined => {
  const a = (typeof x === 'object' && x !== null ? x : {}) as AccessRef;
  return typeof a.txId === 'string' ? a.txId : undefined;
};

function askForm(ctx: ViewContext, members: readonly Member[]): Child {
  const errors = errorSummary();
  const others = members.filter((m) => m.did !== ctx.session.body.did);
  const holder = selectField({
    id: 'ask-holder',
    label: 'portal.exchange.holder',
    placeholder: 'portal.choose',
    options: others.map((m) => ({ value: m.did, label: () => bi(m.name) })),
  });
  const consent = textField({
    id: 'ask-consent',
    label: 'portal.exchange.consent',
    hint: 'portal.exchange.consent.hint',
    spellcheck: false,
    mono: true,
  });
  const category = selectField({
    id: 'ask-category',
    label: 'portal.exchange.category',
    placeholder: 'portal.choose',
    options: CATEGORIES.map((c) => ({ value: c, label: () => dyn(() => categoryName(c)) })),
  });
  const purpose = selectField({
    id: 'ask-purpose',
    label: 'portal.exchange.purpose',
    hint: 'portal.exchange.purpose.hint',
    placeholder: 'portal.choose',
    options: PURPOSES.map((p) => ({ value: p, label: () => dyn(() => purposeName(p)) })),
  });
  // Arriving from the consents table: the consent's details are filled in.
  const q = ctx.params;
  holder.control.value = q.get('holder') ?? '';
  consent.control.value = q.get('consent') ?? '';
  category.control.value = q.get('category') ?? '';
  purpose.control.value = q.get('purpose') ?? '';

  const submit = button('portal.exchange.ask.submit');
  const result = h('div', { class: 'cadwyn-result' });
  const form = h(
    'form',
    { novalidate: true },
    holder.group,
    consent.group,
    category.group,
    purpose.group,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void ask();
  });

  async function ask(): Promise<void> {
    result.replaceChildren();
    const id = consent.control.value.trim().toLowerCase();
    holder.setError(holder.control.value ? null : perr('portal.exchange.err.holder'));
    consent.setError(
      !id
        ? perr('portal.exchange.err.consent')
        : CONSENT_ID_RE.test(id)
          ? null
          : perr('portal.exchange.err.consentInvalid'),
    );
    category.setError(category.control.value ? null : perr('portal.exchange.err.category'));
    purpose.setError(purpose.control.value ? null : perr('portal.exchange.err.purpose'));
    const fields = [holder, consent, category, purpose];
    errors.show(fields);
    if (fields.some((f) => f.error)) return;
    consent.control.value = id;
    submit.disabled = true;
    try {
      const r = await post<{ data?: unknown; accessRecord?: unknown }>(
        `/v1/exchange/${encodeURIComponent(ctx.session.body.slug)}/ask`,
        {
          holder: holder.control.value,
          consentId: id,
          category: category.control.value,
          purpose: purpose.control.value,
        },
        { signal: ctx.signal },
      );
      let box: HTMLElement;
      if (r.ok) {
        const tx = txOf(r.body.accessRecord);
        box = banner(
          'success',
          ptr('portal.exchange.served'),
          served(r.body.data),
          tx
            ? h('p', { class: 'govuk-body' }, ptr('portal.exchange.onLedger'), ' ', code(tx))
            : null,
        );
      } else {
        const tx = txOf(r.problem.extra.accessRecord);
        const why = r.problem.code;
        box = tx
          ? problemBox(
              ptr('portal.exchange.refused'),
              h(
                'p',
                { class: 'govuk-body' },
                dyn(() => problemText(why)),
              ),
              h(
                'p',
                { class: 'govuk-body' },
                ptr('portal.exchange.refusalOnLedger'),
                ' ',
                code(tx),
              ),
            )
          : refusal(r.problem, 'portal.exchange.refused');
      }
      showOutcome(result, box);
    } catch (e) {
      showFailure(result, e);
    } finally {
      submit.disabled = false;
    }
  }

  return [errors.el, form, result];
}

function recordForm(ctx: ViewContext): Child {
  const errors = errorSummary();
  const subject = textField({
    id: 'record-subject',
    label: 'portal.exchange.record.subject',
    hint: 'portal.exchange.record.subject.hint',
    spellcheck: false,
    mono: true,
  });
  const housing = choiceField({
    id: 'record-housing',
    type: 'radio',
    legend: 'portal.exchange.record.housing',
    items: HOUSING.map((v) => ({ value: v, label: `portal.housing.${v}` as const })),
  });
  // Arriving from a consent this body holds data under: the citizen's pseudonym is filled in.
  subject.control.value = ctx.params.get('subject') ?? '';
  const submit = button('portal.exchange.record.submit');
  const result = h('div', { class: 'cadwyn-result' });
  const form = h('form', { novalidate: true }, subject.group, housing.group, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void keep();
  });

  async function keep(): Promise<void> {
    result.replaceChildren();
    const did = subject.control.value.trim();
    subject.setError(
      !did
        ? perr('portal.exchange.err.subject')
        : PSEUDONYM_RE.test(did) && did.length <= 200
          ? null
          : perr('portal.exchange.err.subjectInvalid'),
    );
    const value = housing.values()[0];
    housing.setError(value ? null : perr('portal.exchange.err.housing'));
    errors.show([subject, housing]);
    if (subject.error || !value) return;
    submit.disabled = true;
    try {
      const r = await call<unknown>(
        'PUT',
        `/v1/exchange/${encodeURIComponent(ctx.session.body.slug)}/records`,
        { subject: did, category: 'housing', value: { category: value } },
        { signal: ctx.signal },
      );
      const box = r.ok
        ? banner(
            'success',
            ptr('portal.exchange.record.kept'),
            ppara('portal.exchange.record.keptText'),
          )
        : refusal(r.problem);
      showOutcome(result, box);
    } catch (e) {
      showFailure(result, e);
    } finally {
      submit.disabled = false;
    }
  }

  return [errors.el, form, result];
}

export function exchangeView(ctx: ViewContext): Child {
  const ask = h('div', null, h('p', { class: 'govuk-body' }, ptr('portal.loadingMembers')));
  void loadConsortium().then(
    (c) => {
      if (!ctx.signal.aborted) ask.replaceChildren(h('div', null, askForm(ctx, c.members)));
    },
    (e: unknown) => {
      const f = failure(e);
      ask.replaceChildren(...(f ? [f] : []));
    },
  );
  return [
    h1('portal.exchange.h1'),
    ppara('portal.exchange.lead'),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'ask-h2' },
      h2('portal.exchange.ask.h2', { id: 'ask-h2' }),
      ppara('portal.exchange.ask.lead'),
      ask,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'record-h2' },
      h2('portal.exchange.record.h2', { id: 'record-h2' }),
      ppara('portal.exchange.record.lead'),
      recordForm(ctx),
    ),
  ];
}
