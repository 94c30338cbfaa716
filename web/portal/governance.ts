// Governance (any role): the consortium's members and validators as the ledger holds them, and
// its proposals (decision 0008). An administrator proposes a change, signs another body's
// proposal or withdraws their own: each is one signed ledger transaction of their body, with a
// receipt. The change is in force once more than 2/3 of the member bodies have signed.
import type { Child } from '../shared/dom.js';
import { h, view } from '../shared/dom.js';
import type { Field } from '../shared/forms.js';
import { errorSummary } from '../shared/forms.js';
import { formatNumber } from '../shared/format.js';
import type { ViewContext } from './app.js';
import { Refused, failure, loaded, refusal, showFailure, showOutcome } from './app.js';
import { call, get, post } from './client.js';
import type { Member, TypeInfo } from './directory.js';
import {
  areaText,
  bodyName,
  loadConsortium,
  loadTypes,
  memberRoleName,
  typeOf,
} from './directory.js';
import { choiceField, selectField, textField } from './fields.js';
import type { Bilingual, PKey, TagColour } from './ui.js';
import {
  banner,
  bi,
  button,
  code,
  dyn,
  focusSoon,
  h1,
  h2,
  inLang,
  isBilingual,
  perr,
  ppara,
  pt,
  ptr,
  receiptLink,
  summary,
  table,
  tag,
  timeEl,
} from './ui.js';

const NAME_MAX = 200;

// ---- proposals as the node lists them ---------------------------------------------------------

type Status = 'pending' | 'applied' | 'withdrawn' | 'expired';

interface Change {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

interface ProposalView {
  readonly id: string;
  readonly change: Change;
  readonly proposer: string;
  readonly proposerName: Bilingual | null;
  readonly expiresMs: number;
  readonly approvals: readonly { readonly did: string; readonly name: Bilingual | null }[];
  readonly counted: number;
  readonly needed: number;
  readonly status: Status;
  readonly decidedMs?: number;
}

const STATUSES: readonly Status[] = ['pending', 'applied', 'withdrawn', 'expired'];

/** The node's list, checked: it came over the network. */
function readProposals(x: unknown): ProposalView[] {
  const list = (x as { proposals?: unknown } | undefined)?.proposals;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: unknown): ProposalView[] => {
    const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const c = (typeof o.change === 'object' && o.change !== null ? o.change : {}) as Record<
      string,
      unknown
    >;
    const status = STATUSES.find((s) => s === o.status);
    if (typeof o.id !== 'string' || typeof c.type !== 'string' || !status) return [];
    if (typeof o.proposer !== 'string') return [];
    const payload = (
      typeof c.payload === 'object' && c.payload !== null ? c.payload : {}
    ) as Record<string, unknown>;
    const approvals = (Array.isArray(o.approvals) ? o.approvals : []).flatMap((a: unknown) => {
      const r = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
      return typeof r.did === 'string'
        ? [{ did: r.did, name: isBilingual(r.name) ? r.name : null }]
        : [];
    });
    return [
      {
        id: o.id,
        change: { type: c.type, payload },
        proposer: o.proposer,
        proposerName: isBilingual(o.proposerName) ? o.proposerName : null,
        expiresMs: typeof o.expiresMs === 'number' ? o.expiresMs : NaN,
        approvals,
        counted: typeof o.counted === 'number' ? o.counted : approvals.length,
        needed: typeof o.needed === 'number' ? o.needed : NaN,
        status,
        ...(typeof o.decidedMs === 'number' ? { decidedMs: o.decidedMs } : {}),
      },
    ];
  });
}

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A change in a plain sentence, in the page's language. */
export function describeChange(c: Change): string {
  const p = c.payload;
  const body = () => bodyName(str(p.issuer) || str(p.did));
  const type = () => inLang(typeOf(str(p.vct))?.name, str(p.vct));
  switch (c.type) {
    case 'identity.authoriseIssuer':
      return pt('portal.governance.change.authorise', body, type);
    case 'identity.deauthoriseIssuer':
      return pt('portal.governance.change.deauthorise', body, type);
    case 'governance.updateMember':
      return isBilingual(p.name)
        ? pt('portal.governance.change.rename', body, p.name.en, p.name.cy)
        : pt('portal.governance.change.update', body);
    case 'governance.addMember': {
      const m = (typeof p.member === 'object' && p.member !== null ? p.member : {}) as Record<
        string,
        unknown
      >;
      return pt('portal.governance.change.addMember', inLang(isBilingual(m.name) ? m.name : null));
    }
    case 'governance.removeMember':
      return pt('portal.governance.change.removeMember', body);
    case 'governance.addValidator':
    case 'governance.removeValidator':
    case 'governance.rotateValidatorKey': {
      const v = (
        typeof p.validator === 'object' && p.validator !== null ? p.validator : p
      ) as Record<string, unknown>;
      const k: PKey =
        c.type === 'governance.addValidator'
          ? 'portal.governance.change.addValidator'
          : c.type === 'governance.removeValidator'
            ? 'portal.governance.change.removeValidator'
            : 'portal.governance.change.rotateKey';
      return pt(k, str(v.name));
    }
    default:
      return pt('portal.governance.change.other', c.type);
  }
}

const OUTCOME: Readonly<Record<Exclude<Status, 'pending'>, [PKey, TagColour]>> = {
  applied: ['portal.governance.outcome.applied', 'green'],
  withdrawn: ['portal.governance.outcome.withdrawn', 'grey'],
  expired: ['portal.governance.outcome.expired', 'grey'],
};

interface Submitted {
  readonly proposalId: string;
  readonly txId: string;
  readonly receipt: string;
  readonly status: 'pending' | 'applied' | 'withdrawn';
}

// ---- propose a change ---------------------------------------------------------------------------

type Kind = 'authorise' | 'deauthorise' | 'rename';

interface Authorised {
  readonly issuer: string;
  readonly vct: string;
}

async function authorisedNow(signal: AbortSignal): Promise<Authorised[] | undefined> {
  const r = await get<{ issuers?: unknown }>('/v1/trusted-issuers', { signal });
  if (!r.ok || !Array.isArray(r.body.issuers)) return undefined;
  return r.body.issuers.flatMap((x: unknown): Authorised[] => {
    const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
    return o.authorisedNow === true && typeof o.issuer === 'string' && typeof o.vct === 'string'
      ? [{ issuer: o.issuer, vct: o.vct }]
      : [];
  });
}

function proposeForm(
  ctx: ViewContext,
  members: readonly Member[],
  types: readonly TypeInfo[],
  proposed: () => void,
  result: HTMLElement,
  otherOutcome: HTMLElement,
): Child {
  const errors = errorSummary();
  const kind = choiceField({
    id: 'propose-kind',
    type: 'radio',
    legend: 'portal.governance.propose.kind',
    items: [
      { value: 'authorise', label: 'portal.governance.propose.kind.authorise' },
      { value: 'deauthorise', label: 'portal.governance.propose.kind.deauthorise' },
      { value: 'rename', label: 'portal.governance.propose.kind.rename' },
    ],
    onChange: () => {
      for (const f of [body, type, member, nameEn, nameCy]) f.setError(null);
      errors.show([]);
      details.update();
      // A new name starts from the member's names now.
      fillNames();
    },
  });
  const memberOptions = members.map((m) => ({ value: m.did, label: () => bi(m.name) }));
  const body = selectField({
    id: 'propose-body',
    label: 'portal.governance.propose.body',
    placeholder: 'portal.choose',
    options: memberOptions,
  });
  const type = selectField({
    id: 'propose-type',
    label: 'portal.governance.propose.type',
    placeholder: 'portal.choose',
    options: types.map((t) => ({ value: t.vct, label: () => bi(t.name) })),
  });
  const member = selectField({
    id: 'propose-member',
    label: 'portal.governance.propose.member',
    placeholder: 'portal.choose',
    options: memberOptions,
  });
  const nameEn = textField({
    id: 'propose-name-en',
    label: 'portal.governance.propose.nameEn',
    width: 'govuk-!-width-three-quarters',
    spellcheck: true,
  });
  nameEn.control.lang = 'en';
  const nameCy = textField({
    id: 'propose-name-cy',
    label: 'portal.governance.propose.nameCy',
    width: 'govuk-!-width-three-quarters',
    spellcheck: true,
  });
  nameCy.control.lang = 'cy';
  const chosen = (): Kind | undefined => {
    const v = kind.values()[0];
    return v === 'authorise' || v === 'deauthorise' || v === 'rename' ? v : undefined;
  };
  const memberNamed = (did: string) => members.find((m) => m.did === did);
  function fillNames(): void {
    const m = memberNamed(member.control.value);
    nameEn.control.value = m?.name.en ?? '';
    nameCy.control.value = m?.name.cy ?? '';
  }
  member.control.addEventListener('change', fillNames);
  const details = view(h('div'), () => {
    const k = chosen();
    if (k === 'rename') return [member.group, nameEn.group, nameCy.group];
    if (k) return [body.group, type.group];
    return null;
  });

  const submit = button('portal.governance.propose.submit');
  const form = h('form', { novalidate: true }, kind.group, details.el, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void propose();
  });

  /** What the form asks for, or undefined after marking the fields in error. */
  async function change(k: Kind | undefined): Promise<Change | undefined> {
    kind.setError(k ? null : perr('portal.governance.err.kind'));
    let fields: Field[] = [kind];
    let c: Change | undefined;
    if (k === 'rename') {
      const did = member.control.value;
      const en = nameEn.control.value.trim();
      const cy = nameCy.control.value.trim();
      const m = memberNamed(did);
      member.setError(m ? null : perr('portal.governance.err.member'));
      const nameError = (v: string, missing: PKey): ReturnType<typeof perr> | null =>
        !v
          ? perr(missing)
          : v.length > NAME_MAX
            ? perr('portal.governance.err.nameLong', NAME_MAX)
            : null;
      nameEn.setError(nameError(en, 'portal.governance.err.nameEn'));
      nameCy.setError(nameError(cy, 'portal.governance.err.nameCy'));
      if (m && !nameEn.error && !nameCy.error && m.name.en === en && m.name.cy === cy) {
        nameEn.setError(perr('portal.governance.err.sameName'));
      }
      fields = [kind, member, nameEn, nameCy];
      c = { type: 'governance.updateMember', payload: { did, name: { en, cy } } };
    } else if (k) {
      body.setError(body.control.value ? null : perr('portal.governance.err.body'));
      type.setError(type.control.value ? null : perr('portal.governance.err.type'));
      fields = [kind, body, type];
      if (!body.error && !type.error) {
        // Said now, not after seven bodies have signed a change that cannot apply.
        const now = await authorisedNow(ctx.signal);
        const issues = now?.some(
          (a) => a.issuer === body.control.value && a.vct === type.control.value,
        );
        if (issues === true && k === 'authorise') {
          type.setError(perr('portal.governance.err.already'));
        } else if (issues === false && k === 'deauthorise') {
          type.setError(perr('portal.governance.err.notIssuing'));
        }
      }
      c = {
        type: k === 'authorise' ? 'identity.authoriseIssuer' : 'identity.deauthoriseIssuer',
        payload: { issuer: body.control.value, vct: type.control.value },
      };
    }
    errors.show(fields);
    return fields.some((f) => f.error) ? undefined : c;
  }

  async function propose(): Promise<void> {
    // One outcome on the page at a time: the last thing done.
    result.replaceChildren();
    otherOutcome.replaceChildren();
    submit.disabled = true;
    try {
      const c = await change(chosen());
      if (!c) return;
      const r = await post<Submitted>(
        `/v1/bodies/${encodeURIComponent(ctx.session.body.slug)}/proposals`,
        { change: c },
        { signal: ctx.signal },
      );
      let box: HTMLElement;
      if (r.ok) {
        box = banner(
          'success',
          ptr('portal.governance.proposed'),
          h(
            'p',
            { class: 'govuk-body' },
            dyn(() => describeChange(c)),
          ),
          ppara('portal.governance.proposed.next'),
          receiptLink(
            r.body.receipt,
            r.body.txId,
            'governance-receipt',
            'portal.governance.receipt',
          ),
        );
        form.reset();
        details.update();
        proposed();
      } else {
        box = refusal(r.problem);
      }
      showOutcome(result, box);
    } catch (e) {
      showFailure(result, e);
    } finally {
      submit.disabled = false;
    }
  }

  return [errors.el, form, result];
}

// ---- the proposals ------------------------------------------------------------------------------

export function governanceView(ctx: ViewContext): Child {
  const admin = ctx.can('administrator');
  const mine = ctx.session.body.did;
  const notice = h('div');
  // What proposing said, under the form; cleared when something is done in the list.
  const proposeResult = h('div', { class: 'cadwyn-result' });

  const consortium = loaded(
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

  const signers = (p: ProposalView): HTMLElement =>
    h(
      'div',
      null,
      h(
        'p',
        { class: 'govuk-body govuk-!-margin-bottom-1' },
        ptr('portal.governance.signedOf', p.counted, p.needed),
      ),
      h(
        'ul',
        { class: 'govuk-list govuk-body-s govuk-!-margin-bottom-0' },
        p.approvals.map((a) =>
          h(
            'li',
            null,
            dyn(() => bodyName(a.did, a.name)),
          ),
        ),
      ),
    );

  function actions(p: ProposalView): Child {
    const what = (): string => describeChange(p.change);
    const hiddenWhat = () =>
      h('span', { class: 'govuk-visually-hidden' }, ' ', ptr('portal.governance.actionOf', what));
    const signed = p.approvals.some((a) => a.did === mine);
    const parts: HTMLElement[] = [];
    if (signed) {
      parts.push(h('p', { class: 'govuk-body-s' }, ptr('portal.governance.youSigned')));
    } else if (admin) {
      const b = h(
        'button',
        {
          type: 'button',
          class: 'govuk-button govuk-!-margin-bottom-0',
          'data-module': 'govuk-button',
        },
        ptr('portal.governance.sign'),
        hiddenWhat(),
      );
      b.addEventListener('click', () => void act(p, 'sign', b));
      parts.push(b);
    } else {
      parts.push(h('span', { class: 'cadwyn-muted' }, ptr('portal.governance.noActions')));
    }
    if (admin && p.proposer === mine) {
      const b = h(
        'button',
        {
          type: 'button',
          class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0',
          'data-module': 'govuk-button',
        },
        ptr('portal.governance.withdraw'),
        hiddenWhat(),
      );
      b.addEventListener('click', () => confirmWithdraw(p, b));
      parts.push(b);
    }
    return h('div', { class: 'govuk-button-group cadwyn-actions' }, parts);
  }

  /** Withdrawing cannot be undone (a new proposal starts its signatures again): confirm first. */
  function confirmWithdraw(p: ProposalView, opener: HTMLButtonElement): void {
    const yes = button('portal.governance.confirmWithdraw.yes', { type: 'button' }, 'warning');
    const no = button('portal.cancel', { type: 'button' }, 'secondary');
    const heading = h(
      'h2',
      { class: 'govuk-heading-m', tabindex: '-1', id: 'withdraw-heading' },
      ptr('portal.governance.confirmWithdraw.h2'),
    );
    const panel = h(
      'section',
      { class: 'cadwyn-confirm', 'aria-labelledby': 'withdraw-heading' },
      heading,
      h(
        'p',
        { class: 'govuk-body' },
        dyn(() => describeChange(p.change)),
      ),
      ppara('portal.governance.confirmWithdraw.warn'),
      h('div', { class: 'govuk-button-group' }, yes, no),
    );
    proposeResult.replaceChildren();
    notice.replaceChildren(panel);
    focusSoon(heading);
    no.addEventListener('click', () => {
      notice.replaceChildren();
      if (opener.isConnected) opener.focus();
    });
    yes.addEventListener('click', () => void act(p, 'withdraw', yes));
  }

  async function act(p: ProposalView, what: 'sign' | 'withdraw', b: HTMLButtonElement) {
    b.disabled = true;
    const path = `/v1/bodies/${encodeURIComponent(ctx.session.body.slug)}/proposals/${p.id}`;
    try {
      const r =
        what === 'sign'
          ? await post<Submitted>(`${path}/approvals`, {}, { signal: ctx.signal })
          : await call<Submitted>('DELETE', path, undefined, { signal: ctx.signal });
      let box: HTMLElement;
      if (r.ok) {
        const said = h(
          'p',
          { class: 'govuk-body' },
          dyn(() => describeChange(p.change)),
        );
        const heading: PKey =
          r.body.status === 'applied'
            ? 'portal.governance.applied'
            : r.body.status === 'withdrawn'
              ? 'portal.governance.withdrawn'
              : 'portal.governance.signed';
        box = banner(
          'success',
          ptr(heading),
          said,
          r.body.status === 'pending'
            ? ppara('portal.governance.signed.next', p.counted + 1, p.needed)
            : null,
          receiptLink(
            r.body.receipt,
            r.body.txId,
            'governance-receipt',
            'portal.governance.receipt',
          ),
        );
        list.reload();
        // The change may be a member's name: the tables show the ledger as it is now.
        if (r.body.status === 'applied') consortium.reload();
      } else {
        box = refusal(r.problem);
      }
      proposeResult.replaceChildren();
      showOutcome(notice, box);
    } catch (e) {
      showFailure(notice, e);
    } finally {
      b.disabled = false;
    }
  }

  const list = loaded(
    ctx,
    async () => {
      const [r] = await Promise.all([
        get<unknown>('/v1/proposals', { signal: ctx.signal }),
        loadConsortium().catch(() => undefined),
        loadTypes().catch(() => []),
      ]);
      if (!r.ok) throw new Refused(r.problem);
      return readProposals(r.body);
    },
    (rows) => {
      const pending = rows.filter((p) => p.status === 'pending');
      const decided = rows.filter((p) => p.status !== 'pending');
      return [
        pending.length === 0
          ? ppara('portal.governance.pending.none')
          : table(
              ptr('portal.governance.pending.caption', pending.length),
              [
                'portal.governance.col.change',
                'portal.governance.col.proposer',
                'portal.governance.col.signatures',
                'portal.governance.col.expires',
                'portal.governance.col.actions',
              ],
              pending.map((p) => [
                dyn(() => describeChange(p.change)),
                dyn(() => bodyName(p.proposer, p.proposerName)),
                signers(p),
                timeEl(p.expiresMs),
                actions(p),
              ]),
            ),
        decided.length === 0
          ? null
          : table(
              ptr('portal.governance.decided.caption', decided.length),
              [
                'portal.governance.col.change',
                'portal.governance.col.proposer',
                'portal.governance.col.outcome',
                'portal.governance.col.decided',
              ],
              decided.map((p) => {
                const [k, colour] = OUTCOME[p.status as Exclude<Status, 'pending'>];
                return [
                  dyn(() => describeChange(p.change)),
                  dyn(() => bodyName(p.proposer, p.proposerName)),
                  tag(k, colour),
                  timeEl(p.decidedMs ?? p.expiresMs),
                ];
              }),
            ),
      ];
    },
  );

  const proposeSection = admin
    ? h(
        'section',
        { class: 'cadwyn-subsection', 'aria-labelledby': 'propose-h2' },
        h2('portal.governance.propose.h2', { id: 'propose-h2' }),
        ppara('portal.governance.propose.lead'),
        (() => {
          const part = h(
            'div',
            null,
            h('p', { class: 'govuk-body' }, ptr('portal.loadingMembers')),
          );
          void Promise.all([loadConsortium(), loadTypes()]).then(
            ([c, types]) => {
              if (!ctx.signal.aborted) {
                part.replaceChildren(
                  h(
                    'div',
                    null,
                    proposeForm(ctx, c.members, types, list.reload, proposeResult, notice),
                  ),
                );
              }
            },
            (e: unknown) => {
              const f = failure(e);
              part.replaceChildren(...(f ? [f] : []));
            },
          );
          return part;
        })(),
      )
    : null;

  return [
    h1('portal.governance.h1'),
    ppara('portal.governance.lead'),
    proposeSection,
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'proposals-h2' },
      h2('portal.governance.proposals.h2', { id: 'proposals-h2' }),
      ppara(admin ? 'portal.governance.proposals.lead' : 'portal.governance.proposals.readOnly'),
      notice,
      list.el,
    ),
    h(
      'section',
      { class: 'cadwyn-subsection', 'aria-labelledby': 'consortium-h2' },
      h2('portal.governance.consortium.h2', { id: 'consortium-h2' }),
      consortium.el,
    ),
  ];
}
