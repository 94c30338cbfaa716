// The Portal for staff of the member bodies: sign in, then the tasks the account's roles allow
// (issue, verify, audit, data requests, notarise, the business register) and the consortium's governance. One page;
// each task is a view named in the fragment (#/issue), so Back and bookmarks work. Moving to a
// view puts focus on its heading; switching language redraws in place.
import type { Child } from '../shared/dom.js';
import { h, tr } from '../shared/dom.js';
import { t, whenLang } from '../shared/i18n.js';
import { mountPage } from '../shared/layout.js';
import type { Role, StaffSession, ViewContext, ViewName } from './app.js';
import { hrefOf, readSession } from './app.js';
import { accessView, consentsView } from './audit.js';
import { businessesView } from './businesses.js';
import { goodsView } from './goods.js';
import { call, get, watchSession } from './client.js';
import { loadConsortium, memberOf } from './directory.js';
import { exchangeView } from './exchange.js';
import { governanceView } from './governance.js';
import { credentialsView, issueView } from './issue.js';
import { notariseView } from './notarise.js';
import { titlesView } from './titles.js';
import type { SignInNotice } from './signin.js';
import { signInView } from './signin.js';
import type { PKey } from './ui.js';
import { banner, both, button, dyn, h1, ppara, pt, ptr } from './ui.js';
import { verifyView } from './verify.js';

interface ViewSpec {
  readonly title: PKey;
  readonly nav: PKey;
  readonly about?: PKey;
  readonly role?: Role;
  /** Member roles the body needs on the ledger (any one); shown to others only until known. */
  readonly bodyRoles?: readonly string[];
  readonly render: (ctx: ViewContext) => Child;
}

const VIEWS: Readonly<Record<ViewName, ViewSpec>> = {
  home: { title: 'portal.home.h1', nav: 'portal.nav.home', render: (c) => homeView(c) },
  issue: {
    title: 'portal.issue.h1',
    nav: 'portal.nav.issue',
    about: 'portal.home.issue',
    role: 'issuer',
    render: issueView,
  },
  credentials: {
    title: 'portal.credentials.h1',
    nav: 'portal.nav.credentials',
    about: 'portal.home.credentials',
    role: 'issuer',
    render: credentialsView,
  },
  verify: {
    title: 'portal.verify.h1',
    nav: 'portal.nav.verify',
    about: 'portal.home.verify',
    role: 'verifier',
    render: verifyView,
  },
  consents: {
    title: 'portal.consents.h1',
    nav: 'portal.nav.consents',
    about: 'portal.home.consents',
    role: 'auditor',
    render: consentsView,
  },
  access: {
    title: 'portal.access.h1',
    nav: 'portal.nav.access',
    about: 'portal.home.access',
    role: 'auditor',
    render: accessView,
  },
  exchange: {
    title: 'portal.exchange.h1',
    nav: 'portal.nav.exchange',
    about: 'portal.home.exchange',
    role: 'registrar',
    render: exchangeView,
  },
  notarise: {
    title: 'portal.notarise.h1',
    nav: 'portal.nav.notarise',
    about: 'portal.home.notarise',
    role: 'registrar',
    render: notariseView,
  },
  businesses: {
    title: 'portal.businesses.h1',
    nav: 'portal.nav.businesses',
    about: 'portal.home.businesses',
    role: 'registrar',
    render: businessesView,
  },
  titles: {
    title: 'portal.titles.h1',
    nav: 'portal.nav.titles',
    about: 'portal.home.titles',
    role: 'registrar',
    bodyRoles: ['registrar'],
    render: titlesView,
  },
  goods: {
    title: 'portal.goods.h1',
    nav: 'portal.nav.goods',
    about: 'portal.home.goods',
    role: 'registrar',
    bodyRoles: ['council', 'regulator'],
    render: goodsView,
  },
  governance: {
    title: 'portal.governance.h1',
    nav: 'portal.nav.governance',
    about: 'portal.home.governance',
    render: governanceView,
  },
};

const ORDER: readonly ViewName[] = [
  'home',
  'issue',
  'credentials',
  'verify',
  'consents',
  'access',
  'exchange',
  'notarise',
  'businesses',
  'titles',
  'goods',
  'governance',
];

const isViewName = (s: string): s is ViewName => Object.hasOwn(VIEWS, s);

/** Does the body's ledger record allow the view (true while the consortium is not loaded)? */
function bodyAllows(n: ViewName, did: string): boolean {
  const need = VIEWS[n].bodyRoles;
  const member = memberOf(did);
  return !need || !member || need.some((r) => member.roles.includes(r));
}

// ---- state --------------------------------------------------------------------------------------

const root = h('div', { class: 'cadwyn-portal' });
let session: StaffSession | undefined;
let notice: SignInNotice;
let current: AbortController | undefined;
let drawnOnce = false;
let consortiumAsked = false;

const can = (role: Role): boolean => !!session?.roles.includes(role);

function parseHash(): { name: ViewName; params: URLSearchParams } {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(location.hash);
  const name = m?.[1] ?? 'home';
  return {
    name: isViewName(name) ? name : 'home',
    params: new URLSearchParams(m?.[2] ?? ''),
  };
}

// ---- the idle timeout ---------------------------------------------------------------------------

// The node ends a session after 30 minutes without a call. Two minutes before, the page says so
// and offers to stay signed in (WCAG 2.2.1); a few seconds before, it signs out itself.
const IDLE_MS = 30 * 60_000;
const WARN_MS = 2 * 60_000;
let warnTimer: ReturnType<typeof setTimeout> | undefined;
let endTimer: ReturnType<typeof setTimeout> | undefined;
const warning = h('div', { class: 'cadwyn-portal__warning' });

function clearTimers(): void {
  clearTimeout(warnTimer);
  clearTimeout(endTimer);
  // Focus was on the warning ("Stay signed in"): it goes back to the view's heading.
  const hadFocus = warning.contains(document.activeElement);
  warning.replaceChildren();
  if (hadFocus) root.querySelector<HTMLElement>('h1')?.focus();
}

function activity(): void {
  if (!session) return;
  clearTimers();
  warnTimer = setTimeout(showWarning, IDLE_MS - WARN_MS);
  endTimer = setTimeout(() => void idleEnd(), IDLE_MS - 5_000);
}

function showWarning(): void {
  const stay = button('portal.timeout.stay', { type: 'button' });
  stay.addEventListener('click', () => {
    // Any call keeps the session alive; this one also says whether it still is.
    void get('/v1/staff/session').catch(() => undefined);
  });
  const b = banner('important', ptr('portal.timeout.heading'), ppara('portal.timeout.text'), stay);
  b.setAttribute('role', 'alert');
  warning.replaceChildren(b);
}

async function idleEnd(): Promise<void> {
  try {
    await call('DELETE', '/v1/staff/session', undefined, { quiet: true });
  } catch {
    // the node will end it anyway
  }
  ended('idle');
}

function ended(why: SignInNotice = 'expired'): void {
  if (!session) return;
  session = undefined;
  notice = why;
  clearTimers();
  route();
}

watchSession({ ended: () => ended('expired'), activity });

// ---- the frame ----------------------------------------------------------------------------------

function sessionBar(s: StaffSession): HTMLElement {
  const signOut = button('portal.session.signOut', { type: 'button' }, 'secondary');
  signOut.classList.add('cadwyn-portal-session__out');
  signOut.addEventListener('click', () => void doSignOut());
  const row = (k: PKey, v: Child) =>
    h('div', { class: 'cadwyn-portal-session__row' }, h('dt', null, ptr(k)), h('dd', null, v));
  return h(
    'section',
    { class: 'cadwyn-portal-session', 'aria-labelledby': 'session-heading' },
    h(
      'h2',
      { class: 'govuk-visually-hidden', id: 'session-heading' },
      ptr('portal.session.heading'),
    ),
    h(
      'dl',
      { class: 'govuk-body-s cadwyn-portal-session__list' },
      row('portal.session.user', h('strong', null, s.username)),
      row(
        'portal.session.body',
        s.body.name ? h('strong', null, both(s.body.name)) : h('strong', null, s.body.slug),
      ),
      row(
        'portal.session.roles',
        dyn(() => s.roles.map((r) => pt(`portal.role.${r}`)).join(', ') || pt('portal.none')),
      ),
    ),
    signOut,
  );
}

function nav(s: StaffSession, here: ViewName): HTMLElement {
  const items = ORDER.filter((n) => {
    const r = VIEWS[n].role;
    return (!r || s.roles.includes(r)) && bodyAllows(n, s.body.did);
  });
  const el = h(
    'nav',
    { class: 'cadwyn-portal-nav' },
    h(
      'ul',
      { class: 'cadwyn-portal-nav__list' },
      items.map((n) =>
        h(
          'li',
          { class: 'cadwyn-portal-nav__item' },
          h(
            'a',
            {
              class: 'govuk-link cadwyn-portal-nav__link',
              href: hrefOf(n),
              'aria-current': n === here ? 'page' : null,
            },
            ptr(VIEWS[n].nav),
          ),
        ),
      ),
    ),
  );
  whenLang(el, () => el.setAttribute('aria-label', pt('portal.nav.label')));
  return el;
}

async function doSignOut(): Promise<void> {
  try {
    await call('DELETE', '/v1/staff/session', undefined, { quiet: true });
  } catch {
    // signed out here whatever the node says; its session expires on its own
  }
  session = undefined;
  notice = 'signedOut';
  clearTimers();
  history.pushState(null, '', location.pathname + location.search);
  route();
}

// ---- views that belong to the frame -------------------------------------------------------------

function homeView(ctx: ViewContext): Child {
  const tasks = ORDER.filter((n) => n !== 'home').filter((n) => {
    const r = VIEWS[n].role;
    return (!r || ctx.can(r)) && bodyAllows(n, ctx.session.body.did);
  });
  return [
    h1('portal.home.h1'),
    ppara('portal.home.lead'),
    h(
      'ul',
      { class: 'cadwyn-portal-tasks' },
      tasks.map((n) => {
        const about = VIEWS[n].about;
        return h(
          'li',
          { class: 'cadwyn-portal-task' },
          h(
            'h2',
            { class: 'govuk-heading-s' },
            h('a', { class: 'govuk-link', href: hrefOf(n) }, ptr(VIEWS[n].nav)),
          ),
          about ? ppara(about) : null,
        );
      }),
    ),
  ];
}

function notAllowed(role: Role): Child {
  return [
    h1('portal.notAllowed.h1'),
    ppara('portal.notAllowed.text', () => pt(`portal.role.${role}`)),
    h(
      'p',
      { class: 'govuk-body' },
      h('a', { class: 'govuk-link', href: hrefOf('home') }, ptr('portal.notAllowed.back')),
    ),
  ];
}

// ---- routing ------------------------------------------------------------------------------------

function route(): void {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { name, params } = parseHash();
  let title: PKey;
  let content: Child;
  const s = session;
  if (!s) {
    title = 'portal.signin.h1';
    content = signInView({
      notice,
      signedIn: (next) => {
        session = next;
        notice = undefined;
        activity();
        route();
      },
    });
  } else {
    const spec = VIEWS[name];
    const ctx: ViewContext = {
      session: s,
      signal: controller.signal,
      params,
      can,
      href: hrefOf,
    };
    if (spec.role && !s.roles.includes(spec.role)) {
      title = 'portal.notAllowed.h1';
      content = notAllowed(spec.role);
    } else {
      title = spec.title;
      content = spec.render(ctx);
    }
  }
  const body = h('div', { class: 'cadwyn-portal__view' }, content);
  whenLang(body, () => {
    document.title = `${pt(title)} – ${t('common.face.portal')} – ${t('common.siteName')}`;
  });
  const navEl = s ? nav(s, name) : null;
  root.replaceChildren(...(s && navEl ? [sessionBar(s), navEl] : []), warning, body);
  // The body's member roles decide some links: redraw them once the ledger says them (once).
  if (s && navEl && !consortiumAsked) {
    consortiumAsked = true;
    void loadConsortium().then(
      () => {
        if (!navEl.isConnected) return;
        if (name === 'home') route();
        else navEl.replaceWith(nav(s, name));
      },
      () => undefined,
    );
  }
  // A new view: focus its heading, so a screen reader starts there (not on the first load).
  if (drawnOnce) body.querySelector<HTMLElement>('h1')?.focus();
  else drawnOnce = true;
}

async function start(): Promise<void> {
  root.replaceChildren(
    h('h1', { class: 'govuk-heading-l' }, tr('common.face.portal')),
    h('p', { class: 'govuk-body' }, tr('common.loading')),
  );
  try {
    const r = await get<unknown>('/v1/staff/session', { quiet: true });
    session = r.ok ? readSession(r.body) : undefined;
    if (session) activity();
  } catch {
    // The node cannot be reached: sign-in is shown, and says so when it is tried.
  }
  route();
  window.addEventListener('hashchange', route);
}

mountPage({ face: 'portal', name: 'common.face.portal', main: () => root });
void start();
