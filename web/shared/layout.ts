// The frame every page shares: skip link, our own header ("Cadwyn" and the page's name — no
// crown, no logotype: these are not GOV.UK pages), the language switch, and the footer.
import type { Child } from './dom.js';
import { h, tr } from './dom.js';
import type { Key } from './i18n.js';
import { initLang, languageSwitch, t, whenLang } from './i18n.js';

export type Face = 'home' | 'explorer' | 'wallet' | 'portal' | 'business' | 'accessibility';

const FACES: readonly { readonly face: Face; readonly href: string; readonly name: Key }[] = [
  { face: 'explorer', href: '/explorer/', name: 'common.face.explorer' },
  { face: 'wallet', href: '/wallet/', name: 'common.face.wallet' },
  { face: 'portal', href: '/portal/', name: 'common.face.portal' },
];

export interface PageOptions {
  readonly face: Face;
  /** The page's name: shown in the header and first in <title>. */
  readonly name: Key;
  /** The content of <main>. */
  readonly main: () => Child;
}

function header(o: PageOptions): HTMLElement {
  const nav = h(
    'nav',
    { class: 'cadwyn-header__nav' },
    h(
      'ul',
      { class: 'cadwyn-header__list' },
      FACES.map((f) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              class: 'govuk-link cadwyn-header__link',
              href: f.href,
              'aria-current': f.face === o.face ? 'page' : null,
            },
            tr(f.name),
          ),
        ),
      ),
    ),
  );
  whenLang(nav, () => nav.setAttribute('aria-label', t('common.navLabel')));
  return h(
    'header',
    { class: 'cadwyn-header' },
    h(
      'div',
      { class: 'govuk-width-container cadwyn-header__inner' },
      h(
        'p',
        { class: 'cadwyn-header__brand' },
        h('a', { class: 'cadwyn-header__name', href: '/' }, tr('common.siteName')),
        o.face === 'home' ? null : h('span', { class: 'cadwyn-header__page' }, tr(o.name)),
      ),
      languageSwitch(),
      nav,
    ),
  );
}

function footer(): HTMLElement {
  const link = (href: string, name: Key) =>
    h('li', null, h('a', { class: 'govuk-link', href }, tr(name)));
  return h(
    'footer',
    { class: 'cadwyn-footer' },
    h(
      'div',
      { class: 'govuk-width-container' },
      h('h2', { class: 'govuk-visually-hidden' }, tr('common.footer.heading')),
      h(
        'ul',
        { class: 'cadwyn-footer__links' },
        link('/accessibility/', 'common.face.accessibility'),
        link('/explorer/', 'common.face.explorer'),
        link('/wallet/', 'common.face.wallet'),
        link('/portal/', 'common.face.portal'),
        link('/v1/openapi.json', 'common.footer.api'),
      ),
      h('p', { class: 'govuk-body-s cadwyn-footer__text' }, tr('common.footer.runBy')),
    ),
  );
}

/** Draws the page. Call once, from the page's entry module. */
export function mountPage(o: PageOptions): void {
  initLang();
  whenLang(document, () => {
    document.title =
      o.face === 'home'
        ? `${t('common.siteName')} – ${t('common.tagline')}`
        : `${t(o.name)} – ${t('common.siteName')}`;
  });
  // tabindex -1: the skip link moves focus here, not only the scroll position.
  const main = h('main', { class: 'govuk-main-wrapper', id: 'main', tabindex: '-1' }, o.main());
  document.body.classList.add('govuk-template__body');
  document.body.replaceChildren(
    h('a', { class: 'govuk-skip-link', href: '#main' }, tr('common.skipLink')),
    header(o),
    h('div', { class: 'govuk-width-container' }, main),
    footer(),
  );
}
