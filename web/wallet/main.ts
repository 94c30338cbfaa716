// The citizen's Wallet (decisions 0006 and 0007): an installable app, mobile first, that keeps
// credentials on the phone (IndexedDB, encrypted by the wallet library), receives them over
// OpenID4VCI, shares exactly what the citizen agrees to over OpenID4VP, gives and withdraws
// consents on the ledger, shows who used the citizen's data, and checks its receipts offline.
//
// One page, several screens named by the address's #fragment (#receive, #share, …); each
// screen change moves focus to the new screen's h1 and updates the window title.
import type { Child } from '../shared/dom.js';
import { h, trAttr } from '../shared/dom.js';
import { useStrings, whenLang } from '../shared/i18n.js';
import { mountPage } from '../shared/layout.js';
import type { Wallet } from '../../src/wallet/index.js';
import { Wallet as WalletClass } from '../../src/wallet/index.js';
import type { App, LockedRoute, PendingLink, Route, Screen } from './app.js';
import { ROUTES } from './app.js';
import { backupScreen } from './backup.js';
import { propertyScreen } from './property.js';
import { businessScreen } from './business.js';
import { consentsScreen, giveScreen } from './consents.js';
import { credentialsScreen } from './credentials.js';
import { historyScreen } from './history.js';
import { receiptsScreen } from './receipts.js';
import { receiveScreen } from './receive.js';
import { restoreScreen, unlockScreen, welcomeScreen } from './setup.js';
import { shareScreen } from './share.js';
import { wallet as strings } from './strings.js';
import { walletStorage } from './storage.js';
import type { WKey } from './ui.js';
import { button, infoBanner, trw, tw, wk } from './ui.js';

useStrings(strings);

/** After this long in the background, the wallet locks itself. */
const AUTO_LOCK_MS = 5 * 60_000;

const SCREENS: Readonly<Record<Route, (app: App, message?: Child) => Screen>> = {
  credentials: credentialsScreen,
  receive: (app) => receiveScreen(app),
  share: (app) => shareScreen(app),
  consents: consentsScreen,
  give: (app) => giveScreen(app),
  history: (app) => historyScreen(app),
  receipts: (app) => receiptsScreen(app),
  property: (app) => propertyScreen(app),
  business: (app) => businessScreen(app),
  backup: backupScreen,
};

const MENU: readonly (readonly [Route, WKey])[] = [
  ['credentials', 'wallet.nav.credentials'],
  ['receive', 'wallet.nav.receive'],
  ['share', 'wallet.nav.share'],
  ['consents', 'wallet.nav.consents'],
  ['history', 'wallet.nav.history'],
  ['receipts', 'wallet.nav.receipts'],
  ['property', 'wallet.nav.property'],
  ['business', 'wallet.nav.business'],
  ['backup', 'wallet.nav.backup'],
];

// ---- a link opened on this device -------------------------------------------------------------

/**
 * /wallet/?offer=<openid-credential-offer link> or ?request=<openid4vp link>, or the protocol's
 * own parameters on this page's address (?credential_offer=…, ?client_id=…&request_uri=…). The
 * parameters are taken off the address at once, so a reload does not use the link twice.
 */
function readPending(): PendingLink | undefined {
  const url = new URL(location.href);
  const q = url.searchParams;
  let found: PendingLink | undefined;
  const own = (scheme: string, names: readonly string[]) => {
    const p = new URLSearchParams();
    for (const n of names) {
      const v = q.get(n);
      if (v !== null) p.set(n, v);
    }
    return `${scheme}?${p.toString()}`;
  };
  const offer = q.get('offer');
  const request = q.get('request');
  if (offer) found = { kind: 'offer', link: offer };
  else if (request) found = { kind: 'request', link: request };
  else if (q.has('credential_offer') || q.has('credential_offer_uri')) {
    found = {
      kind: 'offer',
      link: own('openid-credential-offer://', ['credential_offer', 'credential_offer_uri']),
    };
  } else if (q.has('client_id') && (q.has('request_uri') || q.has('request'))) {
    found = {
      kind: 'request',
      link: own('openid4vp://', ['client_id', 'request_uri', 'request', 'request_uri_method']),
    };
  }
  const names = ['offer', 'request', 'credential_offer', 'credential_offer_uri', 'client_id'];
  const more = ['request_uri', 'request_uri_method'];
  if (found) {
    for (const n of [...names, ...more]) q.delete(n);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return found;
}

// ---- the page ---------------------------------------------------------------------------------

let wallet: Wallet | undefined;
let screen: Screen | undefined;
let pending = readPending();
let message: Child | undefined;

const container = h('div', { class: 'cadwyn-wallet__screen' });
const announcer = h('div', { class: 'govuk-visually-hidden', role: 'status' });
const offline = h('div', { hidden: true }, infoBanner(trw('wallet.offline')));

const menuLinks = new Map<Route, HTMLAnchorElement>();
const lockButton = button(trw('wallet.nav.lock'), () => app.lock(), { kind: 'secondary' });
lockButton.classList.add('cadwyn-wallet__lock');
const menu = h(
  'nav',
  { class: 'cadwyn-wallet__menu', hidden: true },
  h(
    'ul',
    { class: 'cadwyn-wallet__menu-list' },
    MENU.map(([route, key]) => {
      const a = h(
        'a',
        { class: 'govuk-link cadwyn-wallet__menu-link', href: `#${route}` },
        trw(key),
      );
      menuLinks.set(route, a);
      return h('li', null, a);
    }),
    h('li', null, lockButton),
  ),
);
trAttr(menu, 'aria-label', wk('wallet.nav.label'));

function hashRoute(): string {
  return decodeURIComponent(location.hash.replace(/^#\/?/, ''));
}

function isRoute(x: string): x is Route {
  return (ROUTES as readonly string[]).includes(x);
}

function updateTitle(): void {
  if (screen) document.title = tw('wallet.title', screen.title());
}

function mount(next: Screen, focus: boolean): void {
  screen?.leave?.();
  screen = next;
  container.replaceChildren(next.el);
  updateTitle();
  if (focus) next.el.querySelector('h1')?.focus();
}

function markMenu(route: Route | undefined): void {
  const shown = route === 'give' ? 'consents' : route;
  for (const [r, a] of menuLinks) {
    if (r === shown) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

let renders = 0;
async function render(focus: boolean): Promise<void> {
  const mine = (renders += 1);
  const name = hashRoute();
  const note = message;
  message = undefined;
  if (!wallet) {
    menu.hidden = true;
    markMenu(undefined);
    const exists = await WalletClass.exists(walletStorage).catch(() => false);
    if (mine !== renders) return; // another screen was asked for meanwhile
    if (exists) mount(unlockScreen(app, pending !== undefined), focus);
    else {
      mount(
        name === 'restore' ? restoreScreen(app) : welcomeScreen(app, pending !== undefined),
        focus,
      );
    }
    return;
  }
  menu.hidden = false;
  const route: Route = isRoute(name) ? name : 'credentials';
  markMenu(route);
  mount(SCREENS[route](app, note), focus);
}

function navigate(route: Route | LockedRoute): void {
  if (hashRoute() === route) void render(true);
  else location.hash = route;
}

const app: App = {
  nodeUrl: location.origin,
  wallet() {
    if (!wallet) throw new Error('the wallet is locked');
    return wallet;
  },
  go(route, note) {
    message = note;
    if (note instanceof Node && note.textContent) app.announce(note.textContent);
    navigate(route);
  },
  show(next) {
    mount(next, true);
  },
  announce(text) {
    announcer.textContent = '';
    setTimeout(() => {
      announcer.textContent = text;
    }, 100);
  },
  takePending(kind) {
    if (pending?.kind !== kind) return undefined;
    const { link } = pending;
    pending = undefined;
    return link;
  },
  unlocked(w, note) {
    wallet = w;
    const target: Route = pending
      ? pending.kind === 'offer'
        ? 'receive'
        : 'share'
      : isRoute(hashRoute())
        ? (hashRoute() as Route)
        : 'credentials';
    app.go(target, note);
  },
  lock() {
    wallet?.lock();
    wallet = undefined;
    app.announce(tw('wallet.locked'));
    void render(true);
  },
  removed() {
    wallet = undefined;
    app.announce(tw('wallet.removed'));
    navigate('welcome');
  },
  goLocked(route) {
    navigate(route);
  },
};

mountPage({
  face: 'wallet',
  name: 'common.face.wallet',
  main: () => [offline, menu, container, announcer],
});
whenLang(document, updateTitle);

window.addEventListener('hashchange', () => void render(true));
// A link to the screen already shown (the menu, "Share with another service") starts it afresh:
// the address does not change, so no hashchange would.
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
  const name = a?.getAttribute('href')?.slice(1) ?? '';
  if (isRoute(name) && name === hashRoute() && wallet) {
    e.preventDefault();
    void render(true);
  }
});
const onlineChanged = () => {
  offline.hidden = navigator.onLine;
};
window.addEventListener('online', onlineChanged);
window.addEventListener('offline', onlineChanged);
onlineChanged();

// Locks itself after a while in the background: a phone left unlocked on a table.
let hiddenAt = 0;
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') hiddenAt = Date.now();
  else if (wallet && hiddenAt > 0 && Date.now() - hiddenAt > AUTO_LOCK_MS) app.lock();
});

void render(false);

// The app shell is cached by the service worker, so the wallet opens offline.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('/wallet/sw.js', { scope: '/wallet/' }).catch(() => undefined);
}
