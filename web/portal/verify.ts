// Verify (verifier role): choose what to ask a citizen's wallet for (a preset for a parking
// permit, or chosen claims of the Gwent resident credential), say why, show the QR code and
// link, and watch for the answer: verified with only the disclosed claims, or the failure in
// plain words.
import type { Child } from '../shared/dom.js';
import { h, view } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import { areaName, GWENT_AREAS } from '../shared/format.js';
import type { ViewContext } from './app.js';
import { failure, refusal, showFailure, showOutcome } from './app.js';
import { get, isAbort, post } from './client.js';
import { bodyName, claimLabel, loadConsortium, loadTypes, typeOf } from './directory.js';
import { choiceField, textField } from './fields.js';
import { portal } from './strings.js';
import {
  banner,
  button,
  dateText,
  dyn,
  focusSoon,
  h1,
  inLang,
  liveStatus,
  perr,
  ppara,
  problemBox,
  pt,
  ptr,
  qrImage,
  summary,
  tag,
} from './ui.js';
import { problemText } from './directory.js';
import { formatTime } from '../shared/format.js';

const POLL_MS = 2_000;
const RESIDENT_VCT = 'urn:cadwyn:vct:gwent-resident:1';
const PURPOSE_MAX = 300;

/** The resident credential's claims a verifier may ask for, whole (the address as one). */
const RESIDENT_CLAIMS = [
  'given_name',
  'family_name',
  'birthdate',
  'address',
  'local_authority',
  'age_over_16',
  'age_over_18',
] as const;

// The preset's purpose is written in each language, whatever the page's language.
const PARKING_PURPOSE = portal['portal.verify.parking.purpose'];

const PARKING = {
  claims: ['age_over_18', 'local_authority'],
  purpose: { code: 'parking-permit' },
} as const;

/** A purpose code from the English words: lower case, hyphens, a letter first. */
export function purposeCode(en: string): string {
  const c = en
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (!c) return 'staff-request';
  return /^[a-z]/.test(c) ? c : `p${c}`.slice(0, 41);
}

interface Created {
  readonly requestId: string;
  readonly requestUri: string;
  readonly qrSvg: string;
  readonly expiresMs: number;
}

interface Disclosed {
  readonly vct: string;
  readonly issuer: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

type Outcome =
  | { kind: 'pending' }
  | { kind: 'verified'; credentials: readonly Disclosed[] }
  | { kind: 'failed'; code: string }
  | { kind: 'expired' };

function readOutcome(x: unknown): Outcome {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  if (o.status === 'verified') {
    const creds = (
      typeof o.credentials === 'object' && o.credentials !== null ? o.credentials : {}
    ) as Record<string, unknown>;
    const list = Object.values(creds).flatMap((c): Disclosed[] => {
      const r = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      const claims = typeof r.claims === 'object' && r.claims !== null ? r.claims : {};
      return [
        {
          vct: typeof r.vct === 'string' ? r.vct : '',
          issuer: typeof r.issuer === 'string' ? r.issuer : '',
          claims: claims as Record<string, unknown>,
        },
      ];
    });
    return { kind: 'verified', credentials: list };
  }
  if (o.status === 'failed')
    return { kind: 'failed', code: typeof o.code === 'string' ? o.code : 'UNKNOWN' };
  return { kind: 'pending' };
}

/** A disclosed value in words of the page's language. */
function valueText(path: readonly string[], v: unknown): string {
  const name = path[path.length - 1];
  if (typeof v === 'boolean') return pt(v ? 'portal.yes' : 'portal.no');
  if (name === 'local_authority' && typeof v === 'string') {
    return GWENT_AREAS.includes(v) ? `${areaName(v)} (${v})` : v;
  }
  if (name === 'birthdate' && typeof v === 'string') return dateText(v);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** Rows of (path, value), objects (an address) opened up. */
function flatten(
  claims: Readonly<Record<string, unknown>>,
  prefix: string[] = [],
): [string[], unknown][] {
  return Object.entries(claims).flatMap(([k, v]): [string[], unknown][] =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? flatten(v as Record<string, unknown>, [...prefix, k])
      : [[[...prefix, k], v]],
  );
}

export function verifyView(ctx: ViewContext): Child {
  const slug = ctx.session.body.slug;
  const step = h('div');
  const setStep = (content: Child, focus: boolean): void => {
    step.replaceChildren(h('div', null, content));
    const heading = step.querySelector<HTMLElement>('h2');
    if (focus && heading) focusSoon(heading);
  };
  void loadTypes().catch(() => undefined);
  void loadConsortium().catch(() => undefined);

  function askForm(): Child {
    const errors = errorSummary();
    const claims = choiceField({
      id: 'verify-claims',
      type: 'checkbox',
      legend: 'portal.verify.claims.legend',
      hint: 'portal.verify.claims.hint',
      small: true,
      items: RESIDENT_CLAIMS.map((c) => ({
        value: c,
        label: () => dyn(() => claimLabel([c], RESIDENT_VCT)),
      })),
    });
    const purposeEn = textField({
      id: 'verify-purpose-en',
      label: 'portal.verify.purpose.en',
      hint: 'portal.verify.purpose.hint',
      width: 'govuk-!-width-three-quarters',
    });
    purposeEn.control.lang = 'en';
    const purposeCy = textField({
      id: 'verify-purpose-cy',
      label: 'portal.verify.purpose.cy',
      width: 'govuk-!-width-three-quarters',
    });
    purposeCy.control.lang = 'cy';
    const presetEn = () => PARKING_PURPOSE.en;
    const presetCy = () => PARKING_PURPOSE.cy;
    purposeEn.control.value = presetEn();
    purposeCy.control.value = presetCy();
    const conditional = h(
      'div',
      { class: 'govuk-radios__conditional', id: 'verify-what-custom' },
      claims.group,
    );
    const what = choiceField({
      id: 'verify-what',
      type: 'radio',
      legend: 'portal.verify.what.legend',
      items: [
        {
          value: 'parking',
          label: 'portal.verify.what.parking',
          hint: 'portal.verify.what.parkingHint',
        },
        { value: 'custom', label: 'portal.verify.what.custom' },
      ],
      onChange: () => reveal(),
    });
    what.set(['parking']);
    what.inputs[1]?.setAttribute('aria-controls', 'verify-what-custom');
    what.inputs[1]?.parentElement?.after(conditional);
    let wasParking = true;
    function reveal(): void {
      const custom = what.values()[0] === 'custom';
      conditional.hidden = !custom;
      // Leaving the preset clears its purpose if it was not changed, and the other way round.
      if (custom && wasParking) {
        if (purposeEn.control.value === presetEn()) purposeEn.control.value = '';
        if (purposeCy.control.value === presetCy()) purposeCy.control.value = '';
      } else if (!custom && !wasParking) {
        if (!purposeEn.control.value) purposeEn.control.value = presetEn();
        if (!purposeCy.control.value) purposeCy.control.value = presetCy();
      }
      wasParking = !custom;
    }
    reveal();

    const submit = button('portal.verify.create');
    const outcome = h('div');
    const form = h(
      'form',
      { novalidate: true },
      what.group,
      purposeEn.group,
      purposeCy.group,
      submit,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void create();
    });

    async function create(): Promise<void> {
      outcome.replaceChildren();
      const custom = what.values()[0] === 'custom';
      const paths = custom ? claims.values() : [...PARKING.claims];
      claims.setError(custom && paths.length === 0 ? perr('portal.verify.err.noClaims') : null);
      const en = purposeEn.control.value.trim();
      const cy = purposeCy.control.value.trim();
      purposeEn.setError(
        !en
          ? perr('portal.verify.err.purposeEn')
          : en.length > PURPOSE_MAX
            ? perr('portal.verify.err.purposeLong', PURPOSE_MAX)
            : null,
      );
      purposeCy.setError(
        !cy
          ? perr('portal.verify.err.purposeCy')
          : cy.length > PURPOSE_MAX
            ? perr('portal.verify.err.purposeLong', PURPOSE_MAX)
            : null,
      );
      const fields = [claims, purposeEn, purposeCy];
      errors.show(fields);
      if (fields.some((f) => f.error)) return;
      const purpose = {
        code: !custom && en === presetEn() ? PARKING.purpose.code : purposeCode(en),
        en,
        cy,
      };
      const dcql = {
        credentials: [
          {
            id: 'resident',
            format: 'dc+sd-jwt',
            meta: { vct_values: [RESIDENT_VCT] },
            claims: paths.map((p) => ({ path: [p] })),
          },
        ],
      };
      submit.disabled = true;
      try {
        const r = await post<Created>(
          `/v1/verifiers/${encodeURIComponent(slug)}/requests`,
          { dcql_query: dcql, purpose },
          { signal: ctx.signal },
        );
        if (r.ok) {
          setStep(requestShown(r.body, paths), true);
          return;
        }
        const box = refusal(r.problem);
        showOutcome(outcome, box);
      } catch (e) {
        showFailure(outcome, e);
      } finally {
        submit.disabled = false;
      }
    }

    return [
      errors.el,
      h('h2', { class: 'govuk-heading-m' }, ptr('portal.verify.ask.h2')),
      outcome,
      form,
    ];
  }

  function requestShown(c: Created, asked: readonly string[]): Child {
    let outcome: Outcome = { kind: 'pending' };
    let stopped = false;
    const status = liveStatus();
    const statusView = view(status, () => {
      switch (outcome.kind) {
        case 'verified':
          return [tag('portal.verify.state.verified', 'green'), ' ', ptr('portal.verify.verified')];
        case 'failed':
          return [tag('portal.verify.state.failed', 'red'), ' ', ptr('portal.verify.failed')];
        case 'expired':
          return [tag('portal.verify.state.expired', 'grey'), ' ', ptr('portal.verify.expired')];
        default:
          return [tag('portal.verify.state.pending', 'blue'), ' ', ptr('portal.verify.waiting')];
      }
    });
    const result = view(h('div', { class: 'cadwyn-result' }), () => {
      if (outcome.kind === 'verified') {
        return outcome.credentials.map((d) =>
          banner(
            'success',
            ptr('portal.verify.result.verified'),
            summary([
              [ptr('portal.verify.result.type'), dyn(() => inLang(typeOf(d.vct)?.name, d.vct))],
              [ptr('portal.verify.result.issuer'), dyn(() => bodyName(d.issuer))],
              ...flatten(d.claims).map(([path, v]): [Child, Child] => [
                dyn(() => claimLabel(path, d.vct)),
                dyn(() => valueText(path, v)),
              ]),
            ]),
            ppara('portal.verify.result.only'),
          ),
        );
      }
      if (outcome.kind === 'failed') {
        const code = outcome.code;
        return problemBox(
          ptr('portal.verify.result.failed'),
          h(
            'p',
            { class: 'govuk-body' },
            dyn(() => problemText(code)),
          ),
        );
      }
      return null;
    });
    const poll = async (): Promise<void> => {
      while (!ctx.signal.aborted && !stopped && outcome.kind === 'pending') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (ctx.signal.aborted || stopped) return;
        try {
          const r = await get<unknown>(
            `/v1/verifiers/${encodeURIComponent(slug)}/requests/${encodeURIComponent(c.requestId)}`,
            { signal: ctx.signal },
          );
          if (r.ok) outcome = readOutcome(r.body);
          else if (r.problem.code === 'VP_REQUEST_UNKNOWN') outcome = { kind: 'expired' };
        } catch (e) {
          if (isAbort(e) || ctx.signal.aborted || !failure(e)) return;
          continue;
        }
        if (outcome.kind !== 'pending') {
          statusView.update();
          result.update();
          const first = result.el.firstElementChild;
          if (first instanceof HTMLElement) focusSoon(first);
        }
      }
    };
    void poll();

    const again = button('portal.verify.another', { type: 'button' }, 'secondary');
    again.addEventListener('click', () => {
      stopped = true;
      setStep(askForm(), true);
    });
    const copyStatus = h('span', { class: 'govuk-body cadwyn-copy-status', role: 'status' });
    const copy = button('portal.copyLink', { type: 'button' }, 'secondary');
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(c.requestUri).then(
        () => (copyStatus.textContent = pt('portal.copied')),
        () => (copyStatus.textContent = pt('portal.copyFailed')),
      );
    });

    return [
      h('h2', { class: 'govuk-heading-m' }, ptr('portal.verify.request.h2')),
      h(
        'div',
        { class: 'cadwyn-offer' },
        h('div', { class: 'cadwyn-offer__qr' }, qrImage(c.qrSvg, 'portal.verify.qrAlt')),
        h(
          'div',
          { class: 'cadwyn-offer__text' },
          h('p', { class: 'govuk-body' }, ptr('portal.verify.asking')),
          h(
            'ul',
            { class: 'govuk-list govuk-list--bullet' },
            asked.map((p) =>
              h(
                'li',
                null,
                dyn(() => claimLabel([p], RESIDENT_VCT)),
              ),
            ),
          ),
          h(
            'p',
            { class: 'govuk-body' },
            ptr('portal.verify.expires', () => formatTime(c.expiresMs, 'short')),
          ),
          h(
            'p',
            { class: 'govuk-body' },
            h('a', { class: 'govuk-link', href: c.requestUri }, ptr('portal.verify.sameDevice')),
          ),
        ),
      ),
      status,
      result.el,
      h(
        'details',
        { class: 'govuk-details' },
        h(
          'summary',
          { class: 'govuk-details__summary' },
          h('span', { class: 'govuk-details__summary-text' }, ptr('portal.verify.link.summary')),
        ),
        h(
          'div',
          { class: 'govuk-details__text' },
          h('p', { class: 'govuk-body cadwyn-mono cadwyn-uri' }, c.requestUri),
          copy,
          ' ',
          copyStatus,
        ),
      ),
      again,
    ];
  }

  setStep(askForm(), false);
  return [h1('portal.verify.h1'), ppara('portal.verify.lead'), step];
}
