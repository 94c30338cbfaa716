// The Explorer: the live ledger, and checks anyone can run in their own browser.
import { h, para, rich, tr } from '../shared/dom.js';
import type { Key } from '../shared/i18n.js';
import { mountPage } from '../shared/layout.js';
import { liveLedger } from './live.js';
import { checkTools } from './tools.js';

// The checking code (core's verifiers, the signature backends) loads beside the first paint;
// once loaded it stays, so checks keep working if the network goes.
const verifier = import('./verify.js');

const CONTENTS: readonly [string, Key][] = [
  ['#checkpoint', 'explorer.checkpoint.h2'],
  ['#blocks', 'explorer.blocks.h2'],
  ['#activity', 'explorer.charts.h2'],
  ['#check', 'explorer.check.h2'],
];

mountPage({
  face: 'explorer',
  name: 'common.face.explorer',
  main: () => {
    const live = liveLedger(verifier);
    const tools = checkTools(verifier, live);
    void live.start();
    void tools.start();
    return [
      h('h1', { class: 'govuk-heading-xl' }, tr('explorer.h1')),
      para('explorer.lead'),
      h(
        'nav',
        { class: 'cadwyn-contents', 'aria-labelledby': 'contents' },
        h('h2', { class: 'govuk-heading-s', id: 'contents' }, tr('explorer.contents')),
        h(
          'ul',
          { class: 'govuk-list' },
          CONTENTS.map(([href, key]) =>
            h('li', null, h('a', { class: 'govuk-link', href }, tr(key))),
          ),
        ),
      ),
      // The public registers have their own page.
      rich('p', { class: 'govuk-body' }, 'explorer.business.link'),
      rich('p', { class: 'govuk-body' }, 'explorer.goods.link'),
      rich('p', { class: 'govuk-body' }, 'explorer.titles.link'),
      live.sections,
      tools.el,
    ];
  },
});
