// Governance (any role; read-only for now): the consortium's members and validators as the
// ledger holds them. Proposing and signing changes comes to the Portal later.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import type { ViewContext } from './app.js';
import { loaded } from './app.js';
import { areaText, bodyName, loadConsortium, memberRoleName } from './directory.js';
import { code, dyn, h1, ppara, ptr, summary, table } from './ui.js';

export function governanceView(ctx: ViewContext): Child {
  const data = loaded(
    ctx,
    () => loadConsortium(true),
    (c) => [
      summary([
        [ptr('portal.governance.network'), c.network ? code(c.network) : ptr('portal.none')],
        [
          ptr('portal.governance.height'),
          c.height === undefined ? ptr('portal.none') : formatNumber(c.height),
        ],
        [
          ptr('portal.governance.quorum'),
          c.quorum === undefined
            ? ptr('portal.none')
            : ptr('portal.governance.quorumOf', c.quorum, c.validators.length),
        ],
      ]),
      table(
        ptr('portal.governance.members.caption', c.members.length),
        [
          'portal.governance.col.nameEn',
          'portal.governance.col.nameCy',
          'portal.governance.col.area',
          'portal.governance.col.roles',
        ],
        c.members.map((m) => [
          h('span', { lang: 'en' }, m.name.en),
          h('span', { lang: 'cy' }, m.name.cy),
          dyn(() => areaText(m.area)),
          dyn(() => m.roles.map(memberRoleName).join(', ')),
        ]),
      ),
      table(
        ptr('portal.governance.validators.caption', c.validators.length),
        [
          'portal.governance.col.validator',
          'portal.governance.col.runBy',
          'portal.governance.col.key',
        ],
        c.validators.map((v) => [code(v.name), dyn(() => bodyName(v.member)), code(v.publicKey)]),
      ),
    ],
  );
  return [
    h1('portal.governance.h1'),
    ppara('portal.governance.lead'),
    h('div', { class: 'govuk-inset-text' }, ptr('portal.governance.later')),
    data.el,
  ];
}
