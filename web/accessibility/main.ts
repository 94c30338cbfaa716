// The accessibility statement (Public Sector Bodies Accessibility Regulations 2018).
import { h, para, rich, tr } from '../shared/dom.js';
import type { Key } from '../shared/i18n.js';
import { mountPage } from '../shared/layout.js';

const h2 = (key: Key) => h('h2', { class: 'govuk-heading-l' }, tr(key));
const h3 = (key: Key) => h('h3', { class: 'govuk-heading-m' }, tr(key));
const bullets = (...keys: Key[]) =>
  h(
    'ul',
    { class: 'govuk-list govuk-list--bullet' },
    keys.map((k) => rich('li', null, k)),
  );

mountPage({
  face: 'accessibility',
  name: 'common.face.accessibility',
  main: () => [
    h('h1', { class: 'govuk-heading-xl' }, tr('a11y.h1')),
    para('a11y.scope'),
    para('a11y.want'),
    bullets(
      'a11y.want.1',
      'a11y.want.2',
      'a11y.want.3',
      'a11y.want.4',
      'a11y.want.5',
      'a11y.want.6',
    ),
    para('a11y.simple'),
    h2('a11y.how.h2'),
    para('a11y.how'),
    bullets('a11y.how.1', 'a11y.how.2', 'a11y.how.3'),
    h2('a11y.contact.h2'),
    para('a11y.contact'),
    para('a11y.contact.welsh'),
    h2('a11y.report.h2'),
    para('a11y.report'),
    h2('a11y.enforcement.h2'),
    para('a11y.enforcement'),
    para('a11y.enforcement.welsh'),
    h2('a11y.technical.h2'),
    para('a11y.technical'),
    h3('a11y.status.h3'),
    para('a11y.status'),
    h3('a11y.gaps.h3'),
    para('a11y.gaps'),
    h2('a11y.improve.h2'),
    para('a11y.improve'),
    h2('a11y.prepared.h2'),
    para('a11y.prepared'),
    para('a11y.tested'),
  ],
});
