// Sharing details with a service (OpenID4VP with DCQL): the request link (scanned, from a
// photo, pasted, or opened on this device as /wallet/?request=…); openRequest checks who signed
// it against the ledger; a consent screen says exactly which claims go to whom and why; Share
// or Don't share; then the outcome in words.
import type { Child } from '../shared/dom.js';
import { h } from '../shared/dom.js';
import { VP_ERROR_MESSAGES } from '../../src/identity/verify.js';
import type {
  OpenRequestError,
  PresentationRequest,
  RespondError,
} from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import { linkInput } from './links.js';
import { claimText, ordered } from './show.js';
import type { WKey } from './ui.js';
import {
  bi,
  biArg,
  busy,
  button,
  buttonGroup,
  buttonLink,
  err,
  heading,
  live,
  paraw,
  problemBox,
  status,
  summary,
  trw,
  tw,
} from './ui.js';

const REQUEST_PROBLEMS: Readonly<Record<OpenRequestError, WKey>> = {
  REQUEST_INVALID: 'wallet.request.REQUEST_INVALID',
  REQUEST_UNSUPPORTED: 'wallet.request.REQUEST_UNSUPPORTED',
  REQUEST_UNKNOWN: 'wallet.request.REQUEST_UNKNOWN',
  REQUEST_EXPIRED: 'wallet.request.REQUEST_EXPIRED',
  REQUEST_SIGNATURE_INVALID: 'wallet.request.REQUEST_SIGNATURE_INVALID',
  VERIFIER_UNKNOWN: 'wallet.request.VERIFIER_UNKNOWN',
  VERIFIER_UNREACHABLE: 'wallet.request.VERIFIER_UNREACHABLE',
  LEDGER_UNREACHABLE: 'wallet.error.ledgerUnreachable',
};

const OWN_RESPOND_PROBLEMS: Partial<Record<RespondError, WKey>> = {
  REQUEST_NOT_OPENED: 'wallet.outcome.REQUEST_NOT_OPENED',
  REQUEST_CANNOT_BE_SATISFIED: 'wallet.consent.cannot',
  CREDENTIAL_NOT_FOUND: 'wallet.outcome.CREDENTIAL_NOT_FOUND',
  VERIFIER_UNREACHABLE: 'wallet.request.VERIFIER_UNREACHABLE',
  PRESENTATION_REPLAYED: 'wallet.outcome.PRESENTATION_REPLAYED',
  VP_REQUEST_UNKNOWN: 'wallet.outcome.VP_REQUEST_UNKNOWN',
};

/** The verifier's refusal in plain words: its own message where the code is one we know. */
function respondProblem(code: RespondError, detail: string | undefined): Child {
  const own = OWN_RESPOND_PROBLEMS[code];
  if (own) return trw(own);
  const known = Object.hasOwn(VP_ERROR_MESSAGES, code)
    ? VP_ERROR_MESSAGES[code as keyof typeof VP_ERROR_MESSAGES]
    : undefined;
  if (known) return bi(known);
  return trw('wallet.outcome.VERIFIER_REFUSED', (detail ?? code).split(':')[0] ?? code);
}

function endLinks(): HTMLElement {
  return buttonGroup(
    buttonLink('#share', trw('wallet.outcome.again'), true),
    h('a', { class: 'govuk-link', href: '#credentials' }, trw('wallet.backToCredentials')),
  );
}

function outcomeScreen(
  kind: 'shared' | 'declined' | 'failed',
  request: PresentationRequest,
  problem?: Child,
): Screen {
  const who = biArg(request.verifierName, request.verifierDid);
  const title: WKey =
    kind === 'shared'
      ? 'wallet.outcome.sharedH1'
      : kind === 'declined'
        ? 'wallet.outcome.declinedH1'
        : 'wallet.outcome.failedH1';
  const top =
    kind === 'shared'
      ? h(
          'div',
          { class: 'govuk-panel govuk-panel--confirmation' },
          h('h1', { class: 'govuk-panel__title', tabindex: '-1' }, trw(title)),
          h('div', { class: 'govuk-panel__body' }, trw('wallet.outcome.shared', who)),
        )
      : h(
          'div',
          null,
          heading(trw(title)),
          kind === 'declined'
            ? paraw('wallet.outcome.declined', who)
            : h(
                'div',
                { class: 'cadwyn-verdict cadwyn-verdict--bad' },
                h('p', { class: 'govuk-body' }, problem),
              ),
        );
  return {
    el: h('div', { class: 'cadwyn-wallet__outcome' }, top, endLinks()),
    title: () => tw(title),
  };
}

function consentScreen(app: App, request: PresentationRequest): Screen {
  const who = biArg(request.verifierName, request.verifierDid);
  const problem = problemBox();
  const line = status();
  const purpose = request.purpose;
  const queries = request.credentials.map((q) => {
    const option = q.options[0];
    if (!option) return null;
    return h(
      'div',
      { class: 'cadwyn-card cadwyn-wallet__card' },
      summary(
        q.claims.map(
          (c) =>
            [
              bi(c.label),
              h(
                'span',
                { class: 'cadwyn-wallet__lines' },
                live(() => claimText(ordered(option.vct, c.path, c.value))),
              ),
            ] as const,
        ),
      ),
      paraw('wallet.consent.from', biArg(option.typeName), biArg(option.issuerName, option.issuer)),
    );
  });
  const share = button(trw('wallet.consent.share'), null);
  const decline = button(trw('wallet.consent.decline'), null, { kind: 'secondary' });
  share.addEventListener('click', () => {
    problem.show(null);
    void busy([share, decline], line, 'wallet.consent.sharing', async () => {
      const r = await app.wallet().respond(request);
      if (r.ok) {
        app.show(outcomeScreen('shared', request));
        app.announce(tw('wallet.outcome.shared', who));
      } else {
        const why = h('span', null, respondProblem(r.code, r.detail));
        app.show(outcomeScreen('failed', request, why));
        app.announce(`${tw('wallet.outcome.failedH1')}. ${why.textContent ?? ''}`);
      }
    });
  });
  decline.addEventListener('click', () => {
    app.wallet().decline(request);
    app.show(outcomeScreen('declined', request));
  });
  const title = () => tw('wallet.consent.h1', who);
  return {
    el: h(
      'div',
      null,
      problem.el,
      heading(live(title)),
      summary([
        [
          trw('wallet.consent.who'),
          h(
            'span',
            null,
            h('strong', null, bi(request.verifierName, request.verifierDid)),
            h('br'),
            h('span', { class: 'govuk-body-s cadwyn-muted' }, trw('wallet.consent.checked', who)),
          ),
        ],
        [trw('wallet.consent.why'), purpose ? bi(purpose) : trw('wallet.consent.noPurpose')],
      ]),
      h('h2', { class: 'govuk-heading-m' }, trw('wallet.consent.what')),
      request.canBeSatisfied
        ? [queries, paraw('wallet.consent.only'), buttonGroup(share, decline), line.el]
        : [
            h('div', { class: 'govuk-inset-text' }, trw('wallet.consent.cannot')),
            buttonGroup(decline),
          ],
    ),
    title,
  };
}

export function shareScreen(app: App): Screen {
  const problem = problemBox();
  const input = linkInput(app, 'request', (link) => {
    problem.show(null);
    void busy([input.submit], input.status, 'wallet.share.opening', async () => {
      const r = await app.wallet().openRequest(link, { nodeUrl: app.nodeUrl });
      if (!r.ok) {
        if (r.code === 'REQUEST_INVALID') {
          input.field.setError(err('wallet.request.REQUEST_INVALID'));
          input.summary.show([input.field]);
        } else problem.show(trw(REQUEST_PROBLEMS[r.code]));
        return;
      }
      input.stop();
      app.show(consentScreen(app, r.value));
    });
  });
  const screen: Screen = {
    el: h(
      'div',
      null,
      input.summary.el,
      problem.el,
      heading(trw('wallet.share.h1')),
      paraw('wallet.share.lead'),
      input.el,
    ),
    title: () => tw('wallet.share.h1'),
    leave: () => input.stop(),
  };
  const pending = app.takePending('request');
  if (pending !== undefined) queueMicrotask(() => input.use(pending));
  return screen;
}
