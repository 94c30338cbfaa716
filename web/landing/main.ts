// The landing page: what Cadwyn is, and where each kind of visitor goes next.
import { h, para, tr } from '../shared/dom.js';
import type { Key } from '../shared/i18n.js';
import { mountPage } from '../shared/layout.js';
import { businessLanding } from '../business/strings.js';
import { useStrings } from '../shared/i18n.js';

// Organisations' card: its words live with the Organisations face.
useStrings(businessLanding);

const AUDIENCES: readonly { heading: Key; body: Key; link: Key; href: string }[] = [
  {
    heading: 'landing.citizen.heading',
    body: 'landing.citizen.body',
    link: 'landing.citizen.link',
    href: '/wallet/',
  },
  {
    heading: 'landing.staff.heading',
    body: 'landing.staff.body',
    link: 'landing.staff.link',
    href: '/portal/',
  },
  {
    heading: 'business.landing.heading',
    body: 'business.landing.body',
    link: 'business.landing.link',
    href: '/business/',
  },
  {
    heading: 'landing.anyone.heading',
    body: 'landing.anyone.body',
    link: 'landing.anyone.link',
    href: '/explorer/',
  },
];

mountPage({
  face: 'home',
  name: 'common.face.home',
  main: () => [
    h('h1', { class: 'govuk-heading-xl' }, tr('landing.h1')),
    h('p', { class: 'govuk-body-l' }, tr('landing.lead')),
    h('div', { class: 'govuk-inset-text' }, tr('landing.personal')),
    h('h2', { class: 'govuk-heading-l' }, tr('landing.who')),
    h(
      'ul',
      { class: 'cadwyn-cards' },
      AUDIENCES.map((a) =>
        h(
          'li',
          { class: 'cadwyn-card' },
          h('h3', { class: 'govuk-heading-m' }, tr(a.heading)),
          para(a.body),
          h(
            'p',
            { class: 'govuk-body' },
            h('a', { class: 'govuk-link govuk-!-font-weight-bold', href: a.href }, tr(a.link)),
          ),
        ),
      ),
    ),
    h('h2', { class: 'govuk-heading-l' }, tr('landing.how.h2')),
    para('landing.how.1'),
    para('landing.how.2'),
    para('landing.how.3'),
  ],
});
