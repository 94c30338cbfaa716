// Cadwyn for organisations (issue 6; decisions 0011, 0012): the parties who are not member-body
// staff take their own steps here, signed by their organisation's key made in this browser
// (WebCrypto, non-extractable, IndexedDB). #key shows the key (to be registered as a goods
// operator, or named in a transfer by a conveyancer); #goods the regulated-goods operator's
// lots and offers; #titles the transfers of title the key is a party to. Each screen change
// moves focus to its h1 and updates the window title.
import QRCode from 'qrcode';
import type { Child } from '../shared/dom.js';
import { h, trAttr } from '../shared/dom.js';
import { formatTime } from '../shared/format.js';
import { useStrings, whenLang } from '../shared/i18n.js';
import { mountPage } from '../shared/layout.js';
import { goodsScreen } from './goods.js';
import type { OrgKey } from './keys.js';
import { createOrgKey, loadOrgKey } from './keys.js';
import { business as strings } from './strings.js';
import { titlesScreen } from './titles.js';
import type { BKey } from './ui.js';
import {
  bk,
  button,
  heading,
  infoBanner,
  inputField,
  parab,
  problemBox,
  statusLine,
  summary,
  tb,
  trb,
} from './ui.js';

useStrings(strings);

export interface Screen {
  readonly el: HTMLElement;
  readonly title: BKey;
}

export interface BusinessApp {
  readonly nodeUrl: string;
  announce(text: string): void;
}

const ROUTES = ['key', 'goods', 'titles'] as const;
type Route = (typeof ROUTES)[number];
const MENU: readonly (readonly [Route, BKey])[] = [
  ['key', 'business.nav.key'],
  ['goods', 'business.nav.goods'],
  ['titles', 'business.nav.titles'],
];

const container = h('div');
const announcer = h('div', { class: 'govuk-visually-hidden', role: 'status' });
const menuLinks = new Map<Route, HTMLAnchorElement>();
const menu = h(
  'nav',
  { class: 'cadwyn-business__menu' },
  h(
    'ul',
    { class: 'cadwyn-business__menu-list' },
    MENU.map(([route, key]) => {
      const a = h(
        'a',
        { class: 'govuk-link cadwyn-business__menu-link', href: `#${route}` },
        trb(key),
      );
      menuLinks.set(route, a);
      return h('li', null, a);
    }),
  ),
);
trAttr(menu, 'aria-label', bk('business.nav.label'));

const app: BusinessApp = {
  nodeUrl: location.origin,
  announce(text) {
    announcer.textContent = '';
    setTimeout(() => {
      announcer.textContent = text;
    }, 100);
  },
};

let current: Screen | undefined;
const updateTitle = () => {
  if (current) document.title = tb('business.title', tb(current.title));
};

function routeOf(): Route {
  const name = location.hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'key';
}

// ---- the key ----------------------------------------------------------------------------------

async function qrImage(did: string): Promise<HTMLImageElement> {
  const svg = await QRCode.toString(did, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const img = h('img', {
    class: 'cadwyn-business__qr',
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    width: 200,
    height: 200,
  });
  trAttr(img, 'alt', bk('business.key.qr'));
  return img;
}

function keyView(key: OrgKey): Child {
  const did = h('p', { class: 'govuk-body cadwyn-code', id: 'org-did' }, key.did);
  const copied = h('p', { class: 'govuk-body', role: 'status' });
  const copy = button(
    trb('business.key.copy'),
    () => {
      void navigator.clipboard
        .writeText(key.did)
        .then(() => copied.replaceChildren(trb('business.key.copied')))
        .catch(() => copied.replaceChildren(trb('business.key.copyFailed')));
    },
    { kind: 'secondary', id: 'org-did-copy' },
  );
  const qr = h('div');
  void qrImage(key.did).then((img) => qr.replaceChildren(img));
  return [
    h('h2', { class: 'govuk-heading-m' }, trb('business.key.did')),
    did,
    copy,
    copied,
    qr,
    summary([
      ...(key.label ? [[trb('business.key.name'), key.label] as const] : []),
      [trb('business.key.made.on'), formatTime(key.createdMs)],
    ]),
    h('h2', { class: 'govuk-heading-m' }, trb('business.key.next.h2')),
    parab('business.key.next.goods'),
    parab('business.key.next.titles'),
  ];
}

function keyScreen(): Screen {
  const body = h('div');
  const el = h('div', null, heading('business.key.h1'), parab('business.key.intro'), body);
  void loadOrgKey()
    .then((key) => {
      if (key) {
        body.replaceChildren(h('div', null, keyView(key)));
        return;
      }
      const problem = problemBox();
      const line = statusLine();
      const label = inputField({
        id: 'org-key-label',
        label: 'business.key.label',
        hint: 'business.key.labelHint',
      });
      const make = button(
        trb('business.key.make'),
        () => {
          problem.show(null);
          make.disabled = true;
          line.set('business.key.making');
          createOrgKey(label.control.value)
            .then((k) => {
              app.announce(tb('business.key.made'));
              body.replaceChildren(
                infoBanner(trb('business.key.made')),
                h('div', null, keyView(k)),
              );
              body.querySelector('h2')?.focus();
            })
            .catch(() => {
              problem.show(trb('business.key.unsupported'));
              make.disabled = false;
            })
            .finally(() => line.set(null));
        },
        { id: 'org-key-make' },
      );
      body.replaceChildren(problem.el, parab('business.key.none'), label.group, make, line.el);
    })
    .catch(() => body.replaceChildren(infoBanner(trb('business.key.unsupported'))));
  return { el, title: 'business.key.h1' };
}

// ---- the router ---------------------------------------------------------------------------------

/** A screen that needs the key: the key, or a link to make one. */
function withKey(title: BKey, draw: (key: OrgKey) => HTMLElement): Screen {
  const el = h(
    'div',
    null,
    heading(title),
    h('p', { class: 'govuk-body' }, trb('business.loading')),
  );
  void loadOrgKey().then((key) => {
    if (!key) {
      el.replaceChildren(
        heading(title),
        parab('business.key.needed'),
        h('a', { class: 'govuk-button', href: '#key' }, trb('business.key.goMake')),
      );
      return;
    }
    const hadFocus = el.contains(document.activeElement);
    el.replaceChildren(draw(key));
    if (hadFocus) el.querySelector('h1')?.focus();
  });
  return { el, title };
}

function render(focus: boolean): void {
  const route = routeOf();
  for (const [r, a] of menuLinks) {
    if (r === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const next =
    route === 'goods'
      ? withKey('business.goods.h1', (key) => goodsScreen(app, key))
      : route === 'titles'
        ? withKey('business.titles.h1', (key) => titlesScreen(app, key))
        : keyScreen();
  current = next;
  container.replaceChildren(next.el);
  updateTitle();
  if (focus) next.el.querySelector('h1')?.focus();
}

mountPage({
  // Not one of the shared header's faces: no header link is marked as this page.
  face: 'business',
  name: bk('business.name'),
  main: () => [menu, container, announcer],
});
whenLang(document, updateTitle);
window.addEventListener('hashchange', () => render(true));
render(false);
