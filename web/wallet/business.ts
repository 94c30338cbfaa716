// Registering a business (decision 0010): the applicant fills in the public facts (names, type,
// office area), chooses the council that registers it, and asks each director to confirm with
// their own Cadwyn Wallet (a QR code or a link per director: only "over 18" and the council area
// are shared). Once all have confirmed, this wallet signs business.apply with its pseudonym
// toward that council and sends it; its receipt is kept. The screen then follows the
// application (pending, registered with a number, or refused with the council's reason), and
// lists the registration credentials the wallet holds.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import { areaName, GWENT_AREAS } from '../shared/format.js';
import { currentLang, whenLang } from '../shared/i18n.js';
import { signTxAsync } from '../../src/core/async-sign.js';
import type { Json } from '../../src/core/jcs.js';
import { decodeCredential } from '../../src/identity/credential.js';
import type { CredentialRecord } from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import type { Bilingual, WKey } from './ui.js';
import {
  bi,
  busy,
  button,
  err,
  fill,
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

const REGISTRATION_VCT = 'urn:cadwyn:vct:business-registration:1';
const POLL_MS = 2_000;
const DIRECTORS_MAX = 10;
// As the ledger's business module allows in a name (Latin letters with Welsh accents, punctuation).
const NAME_RE = new RegExp(
  // eslint-disable-next-line no-misleading-character-class -- the ledger's ranges; marks on purpose
  '^[\\u0020-\\u007e\\u00a0-\\u024f\\u0300-\\u036f\\u1e00-\\u1eff\\u2010-\\u2027]+$',
  'u',
);

/** The kinds of organisation of the business module, with their names. */
const KINDS: readonly (readonly [string, WKey])[] = [
  ['private-limited', 'wallet.business.kind.privateLimited'],
  ['public-limited', 'wallet.business.kind.publicLimited'],
  ['llp', 'wallet.business.kind.llp'],
  ['partnership', 'wallet.business.kind.partnership'],
  ['sole-trader', 'wallet.business.kind.soleTrader'],
  ['cic', 'wallet.business.kind.cic'],
  ['charity-cio', 'wallet.business.kind.charityCio'],
  ['co-operative', 'wallet.business.kind.coOperative'],
];
const kindKey = (kind: string): WKey | undefined => KINDS.find(([k]) => k === kind)?.[1];
const kindText = (kind: string): Child => {
  const k = kindKey(kind);
  return k ? trw(k) : kind;
};

interface Registrar {
  readonly slug: string;
  readonly did: string;
  readonly name: Bilingual;
}

interface Slot {
  readonly index: number;
  readonly status: 'waiting' | 'presented' | 'refused';
  readonly code?: string;
  readonly requestUri?: string;
  readonly qrSvg?: string;
}

interface SessionView {
  readonly session: string;
  readonly status: 'collecting' | 'ready' | 'submitted';
  readonly registrar: string;
  readonly registrarName?: Bilingual;
  readonly name: { readonly en: string; readonly cy?: string };
  readonly directors: readonly Slot[];
  readonly payload?: Json;
  readonly application?: string;
}

interface ApplicationView {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'refused';
  readonly name: { readonly en: string; readonly cy?: string };
  readonly registrarName?: Bilingual;
  readonly number?: string;
  readonly reason?: { readonly code: string; readonly en: string; readonly cy: string };
}

type Answer<T> = { ok: true; body: T } | { ok: false; status: number; code: string };

/** JSON over the node's API; a network failure throws (the caller says so). */
async function api<T>(path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return { ok: true, body: json as T };
  return { ok: false, status: res.status, code: typeof json.code === 'string' ? json.code : '?' };
}

const nameOf = (n: { readonly en: string; readonly cy?: string }): Child =>
  live(() => (currentLang() === 'cy' && n.cy ? n.cy : n.en));

/** The QR code the node drew (SVG, no script: shown as an image). */
const qrImage = (svg: string, index: number): HTMLImageElement => {
  const img = h('img', {
    class: 'cadwyn-wallet__qr',
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    width: 200,
    height: 200,
  });
  whenLang(img, () => img.setAttribute('alt', tw('wallet.business.director.qrAlt', index + 1)));
  return img;
};

// ---- the application, once sent -----------------------------------------------------------------

function statusText(a: ApplicationView): Child {
  if (a.status === 'approved') return trw('wallet.business.status.approved', a.number ?? '');
  if (a.status === 'refused') {
    const reason = a.reason;
    return trw('wallet.business.status.refused', () =>
      reason ? reason[currentLang()] : tw('wallet.business.status.noReason'),
    );
  }
  return trw('wallet.business.status.pending');
}

function applicationCard(a: ApplicationView, held: ReadonlySet<string>): HTMLLIElement {
  const id = `business-application-${a.id.slice(0, 12)}`;
  return h(
    'li',
    { class: 'cadwyn-card cadwyn-wallet__card', 'aria-labelledby': id },
    h('h3', { class: 'govuk-heading-s', id }, nameOf(a.name)),
    summary([
      [trw('wallet.business.status'), h('strong', null, statusText(a))],
      [trw('wallet.business.registrar'), bi(a.registrarName, '')],
    ]),
    // Approved, and its credential not yet in this wallet: say how to get it.
    a.status === 'approved' && !held.has(a.number ?? '')
      ? paraw('wallet.business.approved.next')
      : null,
  );
}

function registrationCard(r: CredentialRecord): HTMLLIElement {
  // The credential's own disclosures: what the register says, shown as the business's card.
  const claims = disclosed(r.sdJwt);
  const id = `business-card-${r.id.slice(0, 12)}`;
  const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : '');
  return h(
    'li',
    { class: 'cadwyn-card cadwyn-wallet__card', 'aria-labelledby': id },
    h(
      'h3',
      { class: 'govuk-heading-s', id },
      nameOf({ en: str('name_en'), ...(str('name_cy') ? { cy: str('name_cy') } : {}) }),
    ),
    summary([
      [trw('wallet.business.number'), str('number')],
      [trw('wallet.business.kind'), kindText(str('kind'))],
      [trw('wallet.business.area'), live(() => areaName(str('office_area')))],
      [trw('wallet.business.registrar'), bi(r.issuerName, r.issuer)],
    ]),
  );
}

/** The claims the credential discloses (what the register says); none if it cannot be read. */
function disclosed(sdJwt: string): Record<string, unknown> {
  try {
    return decodeCredential(sdJwt).claims;
  } catch {
    return {};
  }
}

/** Applications this wallet sent: the receipts of its business.apply transactions. */
async function myApplications(app: App): Promise<string[]> {
  const receipts = await app.wallet().receipts();
  return receipts
    .filter((r) => {
      const entry = (r.receipt as { entry?: { tx?: { body?: { type?: unknown } } } }).entry;
      return entry?.tx?.body?.type === 'business.apply';
    })
    .map((r) => r.txId);
}

/** The application being put together on this page, if any: the menu leads back to it. */
let unfinished: { readonly slug: string; readonly session: string } | undefined;

// ---- step 3: sent -------------------------------------------------------------------------------

function sentScreen(app: App, registrarName: Bilingual | undefined): Screen {
  return {
    el: h(
      'div',
      null,
      successBanner(trw('wallet.business.sent.banner')),
      heading(trw('wallet.business.sent.h1')),
      paraw('wallet.business.sent.lead', () => (registrarName ? registrarName[currentLang()] : '')),
      paraw('wallet.business.sent.receipt'),
      h(
        'p',
        { class: 'govuk-body' },
        h('a', { class: 'govuk-link', href: '#business' }, trw('wallet.business.back')),
      ),
    ),
    title: () => tw('wallet.business.sent.h1'),
  };
}

// ---- step 2: the directors ----------------------------------------------------------------------

function directorsScreen(app: App, slug: string, first: SessionView): Screen {
  const problem = problemBox();
  const list = h('ol', { class: 'govuk-list cadwyn-wallet__directors' });
  const line = status();
  const waiting = h('p', { class: 'govuk-body' }, trw('wallet.business.waitingAll'));
  const send = button(trw('wallet.business.send'), () => void submit(), { id: 'business-send' });
  const base = `/v1/registrars/${encodeURIComponent(slug)}/business-applications/${first.session}`;
  let current = first;
  let timer: ReturnType<typeof setInterval> | undefined;
  let shownStatus = new Map<number, string>();

  const draw = (s: SessionView) => {
    current = s;
    const before = shownStatus;
    shownStatus = new Map(s.directors.map((d) => [d.index, d.status]));
    list.replaceChildren(...s.directors.map(slotItem));
    for (const d of s.directors) {
      const was = before.get(d.index);
      if (was === undefined || was === d.status) continue;
      if (d.status === 'presented')
        app.announce(tw('wallet.business.director.announce', d.index + 1));
      if (d.status === 'refused') {
        app.announce(tw('wallet.business.director.announceRefused', d.index + 1));
      }
    }
    const ready = s.status === 'ready';
    send.disabled = !ready;
    send.setAttribute('aria-disabled', String(!ready));
    waiting.hidden = ready;
  };

  const slotItem = (d: Slot): HTMLLIElement => {
    const n = d.index + 1;
    const id = `director-${n}`;
    const tag =
      d.status === 'presented'
        ? h(
            'strong',
            { class: 'govuk-tag govuk-tag--green' },
            trw('wallet.business.director.presented'),
          )
        : d.status === 'refused'
          ? h(
              'strong',
              { class: 'govuk-tag govuk-tag--red' },
              trw('wallet.business.director.refused'),
            )
          : h(
              'strong',
              { class: 'govuk-tag govuk-tag--grey' },
              trw('wallet.business.director.waiting'),
            );
    const reasonKey: WKey =
      d.code === 'DIRECTOR_UNDER_18'
        ? 'wallet.business.director.DIRECTOR_UNDER_18'
        : d.code === 'DIRECTOR_DUPLICATE'
          ? 'wallet.business.director.DIRECTOR_DUPLICATE'
          : 'wallet.business.director.other';
    const link = d.requestUri
      ? `${location.origin}/wallet/?request=${encodeURIComponent(d.requestUri)}`
      : undefined;
    return h(
      'li',
      { class: 'cadwyn-card cadwyn-wallet__card', 'aria-labelledby': id, 'data-director': n },
      h('h2', { class: 'govuk-heading-m', id }, trw('wallet.business.director.h2', n), ' ', tag),
      d.status === 'refused'
        ? [
            paraw(reasonKey),
            button(trw('wallet.business.director.again', n), () => void renew(d.index), {
              kind: 'secondary',
            }),
          ]
        : null,
      d.status === 'waiting' && d.qrSvg && link
        ? [
            h('p', { class: 'govuk-body' }, qrImage(d.qrSvg, d.index)),
            h(
              'p',
              { class: 'govuk-body' },
              h(
                'a',
                { class: 'govuk-link cadwyn-wallet__director-link', href: link },
                trw('wallet.business.director.link', n),
              ),
            ),
          ]
        : null,
    );
  };

  const refresh = async () => {
    const r = await api<SessionView>(base).catch(() => undefined);
    if (!r) return;
    if (!r.ok) {
      stop();
      problem.show(trw('wallet.business.error.sessionGone'));
      return;
    }
    draw(r.body);
    if (r.body.status !== 'collecting') stop();
  };
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  async function renew(index: number) {
    problem.show(null);
    const r = await api<SessionView>(`${base}/directors/${index}/renew`, {}).catch(() => undefined);
    if (!r) return problem.show(trw('wallet.error.ledgerUnreachable'));
    if (!r.ok) return problem.show(trw('wallet.business.error.sessionGone'));
    draw(r.body);
    if (timer === undefined) timer = setInterval(() => void refresh(), POLL_MS);
  }

  async function submit() {
    problem.show(null);
    if (current.status !== 'ready' || current.payload === undefined) return;
    await busy([send], line, 'wallet.business.sending', async () => {
      try {
        const w = app.wallet();
        const did = await w.didFor(current.registrar);
        const facts = await api<{ network: string }>('/v1/consortium');
        const account = await api<{ nextSeq: number }>(`/v1/accounts/${encodeURIComponent(did)}`);
        if (!facts.ok || !account.ok) return problem.show(trw('wallet.error.ledgerUnreachable'));
        const tx = await signTxAsync(
          {
            v: 1,
            network: facts.body.network,
            type: 'business.apply',
            sender: did,
            seq: account.body.nextSeq,
            timeMs: Date.now(),
            payload: current.payload as { readonly [k: string]: Json },
          },
          [{ did, alg: 'ES256', sign: (m) => w.sign(did, m) }],
        );
        const r = await api<{ application: string }>(`${base}/submit`, { tx });
        if (!r.ok) {
          if (r.code === 'BUSINESS_SESSION_UNKNOWN') {
            return problem.show(trw('wallet.business.error.sessionGone'));
          }
          return problem.show(trw('wallet.business.error.refused', r.code));
        }
        // The receipt is the wallet's own record of the application (and of its number).
        await w.fetchReceipt(app.nodeUrl, r.body.application).catch(() => undefined);
        stop();
        unfinished = undefined;
        app.show(sentScreen(app, current.registrarName));
      } catch {
        problem.show(trw('wallet.error.ledgerUnreachable'));
      }
    });
  }

  draw(first);
  timer = setInterval(() => void refresh(), POLL_MS);
  return {
    el: h(
      'div',
      null,
      problem.el,
      heading(trw('wallet.business.directors.h1')),
      paraw('wallet.business.directors.lead'),
      summary([
        [trw('wallet.business.name'), nameOf(first.name)],
        [trw('wallet.business.registrar'), bi(first.registrarName, '')],
      ]),
      list,
      waiting,
      send,
      line.el,
    ),
    title: () => tw('wallet.business.directors.h1'),
    leave: stop,
  };
}

// ---- step 1: the business -----------------------------------------------------------------------

export function businessScreen(app: App): Screen {
  /** A way back to the directors of an application started and not yet sent. */
  const resume = (): Child => {
    const u = unfinished;
    if (!u) return null;
    const b = button(
      trw('wallet.business.resume'),
      () =>
        void (async () => {
          const path = `/v1/registrars/${encodeURIComponent(u.slug)}/business-applications/${u.session}`;
          const r = await api<SessionView>(path).catch(() => undefined);
          if (r?.ok && r.body.status !== 'submitted') {
            app.show(directorsScreen(app, u.slug, r.body));
            return;
          }
          unfinished = undefined;
          b.remove();
          problem.show(trw('wallet.business.error.sessionGone'));
        })(),
      { kind: 'secondary', id: 'business-resume' },
    );
    return b;
  };
  const summaryBox = errorSummary();
  const problem = problemBox();
  const mine = h('div', null);
  const nameEn = inputField({
    id: 'business-name-en',
    label: 'wallet.business.nameEn',
    hint: 'wallet.business.nameEn.hint',
    autocomplete: 'organization',
  });
  const nameCy = inputField({ id: 'business-name-cy', label: 'wallet.business.nameCy' });
  const kind = selectField({
    id: 'business-kind',
    label: 'wallet.business.kind',
    placeholder: 'wallet.business.kind.choose',
    choices: KINDS.map(([value, key]) => ({ value, text: trw(key) })),
  });
  const area = selectField({
    id: 'business-area',
    label: 'wallet.business.area',
    placeholder: 'wallet.business.area.choose',
    choices: GWENT_AREAS.map((code) => ({ value: code, text: live(() => areaName(code)) })),
  });
  const registrars: Registrar[] = [];
  const registrar = selectField({
    id: 'business-registrar',
    label: 'wallet.business.registrarLabel',
    hint: 'wallet.business.registrar.hint',
    placeholder: 'wallet.business.registrar.choose',
    choices: [],
  });
  const directors = inputField({
    id: 'business-directors',
    label: 'wallet.business.directors',
    hint: 'wallet.business.directors.hint',
    inputmode: 'numeric',
    width: '5',
  });
  directors.control.value = '1';
  const line = status();
  const submit = button(trw('wallet.continue'), null, { type: 'submit', id: 'business-start' });
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, trw('wallet.business.form.h2')),
    nameEn.group,
    nameCy.group,
    kind.group,
    area.group,
    registrar.group,
    directors.group,
    submit,
    line.el,
  );

  const fields = [nameEn, nameCy, kind, area, registrar, directors];
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    const en = nameEn.control.value.trim();
    const cy = nameCy.control.value.trim();
    const count = directors.control.value.trim();
    const n = /^[0-9]{1,2}$/.test(count) ? Number(count) : 0;
    nameEn.setError(
      en === ''
        ? err('wallet.business.error.nameEnEmpty')
        : NAME_RE.test(en)
          ? null
          : err('wallet.business.error.nameInvalid'),
    );
    nameCy.setError(
      cy === '' || NAME_RE.test(cy) ? null : err('wallet.business.error.nameInvalid'),
    );
    kind.setError(kind.control.value ? null : err('wallet.business.error.kindEmpty'));
    area.setError(area.control.value ? null : err('wallet.business.error.areaEmpty'));
    registrar.setError(
      registrar.control.value ? null : err('wallet.business.error.registrarEmpty'),
    );
    directors.setError(
      n >= 1 && n <= DIRECTORS_MAX
        ? null
        : err('wallet.business.error.directorsInvalid', DIRECTORS_MAX),
    );
    summaryBox.show(fields);
    if (fields.some((f) => f.error)) return;
    const slug = registrar.control.value;
    void busy([submit], line, 'wallet.business.starting', async () => {
      const r = await api<SessionView>(
        `/v1/registrars/${encodeURIComponent(slug)}/business-applications`,
        {
          name: { en, ...(cy ? { cy } : {}) },
          kind: kind.control.value,
          officeArea: area.control.value,
          directors: n,
        },
      ).catch(() => undefined);
      if (!r) return problem.show(trw('wallet.error.ledgerUnreachable'));
      if (!r.ok) {
        if (r.code === 'BUSINESS_NAME_TAKEN' || r.code === 'BUSINESS_NAME_INVALID') {
          const key: WKey =
            r.code === 'BUSINESS_NAME_TAKEN'
              ? 'wallet.business.error.nameTaken'
              : 'wallet.business.error.nameInvalid';
          nameEn.setError(err(key));
          summaryBox.show(fields);
          return;
        }
        return problem.show(trw('wallet.business.error.refused', r.code));
      }
      unfinished = { slug, session: r.body.session };
      app.show(directorsScreen(app, slug, r.body));
    });
  });

  const load = async () => {
    const wallet = app.wallet();
    const [regs, creds, ids] = await Promise.all([
      api<{ registrars: Registrar[] }>('/v1/registrars').catch(() => undefined),
      wallet.credentials(),
      myApplications(app),
    ]);
    if (regs?.ok) {
      registrars.push(...regs.body.registrars);
      registrar.control.append(
        ...registrars.map((x) => h('option', { value: x.slug }, bi(x.name, x.slug))),
      );
    }
    const cards = creds.filter((c) => c.vct === REGISTRATION_VCT);
    const held = new Set(cards.map((c) => String(disclosed(c.sdJwt).number)));
    const apps = (
      await Promise.all(
        ids.map((id) =>
          api<ApplicationView>(`/v1/business-applications/${id}`).catch(() => undefined),
        ),
      )
    ).flatMap((a) => (a?.ok ? [a.body] : []));
    fill(
      mine,
      cards.length > 0
        ? [
            h('h2', { class: 'govuk-heading-m' }, trw('wallet.business.mine.h2')),
            h('ul', { class: 'cadwyn-wallet__cards' }, cards.map(registrationCard)),
          ]
        : null,
      apps.length > 0
        ? [
            h('h2', { class: 'govuk-heading-m' }, trw('wallet.business.apps.h2')),
            h(
              'ul',
              { class: 'cadwyn-wallet__cards', id: 'business-applications' },
              apps.map((a) => applicationCard(a, held)),
            ),
          ]
        : null,
    );
  };
  load().catch(() => problem.show(trw('wallet.error.ledgerUnreachable')));

  return {
    el: h(
      'div',
      null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.business.h1')),
      resume(),
      paraw('wallet.business.lead'),
      mine,
      form,
    ),
    title: () => tw('wallet.business.h1'),
  };
}
