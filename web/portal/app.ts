// What every Portal view shares: the signed-in session, the view's lifetime (an AbortSignal
// that fires when the person moves on), and the way failures are said.
import type { Child } from '../shared/dom.js';
import { h, tr, view } from '../shared/dom.js';
import type { Problem } from './client.js';
import { NodeUnreachable, SessionEnded, isAbort } from './client.js';
import { problemText } from './directory.js';
import type { Bilingual, PKey } from './ui.js';
import { dyn, focusSoon, isBilingual, problemBox, ptr } from './ui.js';

export const ROLES = ['issuer', 'verifier', 'registrar', 'auditor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffSession {
  readonly username: string;
  readonly account: string;
  readonly body: { readonly slug: string; readonly did: string; readonly name: Bilingual | null };
  readonly roles: readonly Role[];
  readonly expiresMs: number;
}

/** The node's answer to sign-in or "who is signed in", checked: it came over the network. */
export function readSession(x: unknown): StaffSession | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  const b = (typeof o.body === 'object' && o.body !== null ? o.body : {}) as Record<
    string,
    unknown
  >;
  if (typeof o.username !== 'string' || typeof b.slug !== 'string') return undefined;
  if (!/^[a-z0-9-]{1,64}$/.test(b.slug)) return undefined;
  return {
    username: o.username,
    account: typeof o.account === 'string' ? o.account : '',
    body: {
      slug: b.slug,
      did: typeof b.did === 'string' ? b.did : '',
      name: isBilingual(b.name) ? { en: b.name.en, cy: b.name.cy } : null,
    },
    roles: (Array.isArray(o.roles) ? o.roles : []).filter((r): r is Role =>
      (ROLES as readonly unknown[]).includes(r),
    ),
    expiresMs: typeof o.expiresMs === 'number' ? o.expiresMs : 0,
  };
}

export type ViewName =
  | 'home'
  | 'issue'
  | 'credentials'
  | 'verify'
  | 'consents'
  | 'access'
  | 'exchange'
  | 'notarise'
  | 'businesses'
  | 'titles'
  | 'goods'
  | 'governance';

export interface ViewContext {
  readonly session: StaffSession;
  /** Aborted when the person leaves the view: stop polling, drop late answers. */
  readonly signal: AbortSignal;
  /** The view's query (after `?` in the fragment). */
  readonly params: URLSearchParams;
  readonly can: (role: Role) => boolean;
  /** Link target of a view. */
  readonly href: (name: ViewName, params?: Record<string, string>) => string;
}

export const hrefOf = (name: ViewName, params?: Record<string, string>): string => {
  const q = params ? new URLSearchParams(params).toString() : '';
  return `#/${name}${q ? `?${q}` : ''}`;
};

/**
 * What to show for a failed call: a box saying it plainly, or nothing when the session ended
 * (the page is already at sign-in) or the person moved on.
 */
export function failure(e: unknown): HTMLElement | null {
  if (e instanceof SessionEnded || isAbort(e)) return null;
  if (e instanceof Refused) return refusal(e.problem);
  if (e instanceof NodeUnreachable) {
    return problemBox(
      ptr('portal.error.unreachableTitle'),
      h('p', { class: 'govuk-body' }, tr('common.error.unreachable')),
    );
  }
  console.error(e);
  return problemBox(
    ptr('portal.error.unexpectedTitle'),
    h('p', { class: 'govuk-body' }, ptr('portal.error.unexpected')),
  );
}

/** Puts `box` (an outcome: success, refusal) in `into` and moves focus to it. */
export function showOutcome(into: HTMLElement, box: HTMLElement): void {
  into.replaceChildren(box);
  focusSoon(box);
}

/** Shows in `into`, focused, what went wrong with a call — or clears it (see failure()). */
export function showFailure(into: HTMLElement, e: unknown): void {
  const f = failure(e);
  into.replaceChildren(...(f ? [f] : []));
  if (f) focusSoon(f);
}

/** A refusal by the node, said plainly. */
export function refusal(p: Problem, title: PKey = 'portal.error.refusedTitle'): HTMLElement {
  return problemBox(
    ptr(title),
    h(
      'p',
      { class: 'govuk-body' },
      dyn(() => problemText(p.code)),
    ),
  );
}

/**
 * A part of a view filled from the node: "Loading…", then what `draw` makes of the answer, or
 * the failure. `reload()` fetches again.
 */
export function loaded<T>(
  ctx: Pick<ViewContext, 'signal'>,
  load: () => Promise<T>,
  draw: (value: T, reload: () => void) => Child,
): { el: HTMLDivElement; reload: () => void } {
  let state: { kind: 'loading' } | { kind: 'done'; value: T } | { kind: 'failed'; el: Child } = {
    kind: 'loading',
  };
  const el = h('div', { 'aria-busy': 'true' });
  const part = view(el, () => {
    if (state.kind === 'loading') return h('p', { class: 'govuk-body' }, tr('common.loading'));
    if (state.kind === 'failed') return state.el;
    return draw(state.value, reload);
  });
  function reload(): void {
    void load().then(
      (value) => {
        if (ctx.signal.aborted) return;
        state = { kind: 'done', value };
        el.removeAttribute('aria-busy');
        part.update();
      },
      (e: unknown) => {
        if (ctx.signal.aborted) return;
        state = { kind: 'failed', el: failure(e) };
        el.removeAttribute('aria-busy');
        part.update();
      },
    );
  }
  reload();
  return { el, reload };
}

/** Thrown by a loader when the node refused: shown with its code's words. */
export class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'Refused';
  }
}
