// Adding a credential (OpenID4VCI, pre-authorised code): the offer link (scanned, from a photo,
// pasted, or opened on this device as /wallet/?offer=…), then the PIN when the offer asks for
// one (readOffer says so before anything is sent), then receiveOffer against this node's ledger.
import { h } from '../shared/dom.js';
import { errorSummary } from '../shared/forms.js';
import type { CredentialOffer, ReceiveOfferError } from '../../src/wallet/index.js';
import { readOffer } from '../../src/wallet/index.js';
import type { App, Screen } from './app.js';
import { linkInput } from './links.js';
import { typeName } from './show.js';
import type { WKey } from './ui.js';
import {
  biArg,
  busy,
  button,
  err,
  heading,
  inputField,
  paraw,
  problemBox,
  status,
  trw,
  tw,
} from './ui.js';

const OFFER_PROBLEMS: Readonly<Record<ReceiveOfferError, WKey>> = {
  OFFER_INVALID: 'wallet.offer.OFFER_INVALID',
  OFFER_UNSUPPORTED: 'wallet.offer.OFFER_UNSUPPORTED',
  TX_CODE_REQUIRED: 'wallet.error.pinEmpty',
  ISSUER_UNREACHABLE: 'wallet.offer.ISSUER_UNREACHABLE',
  ISSUER_METADATA_INVALID: 'wallet.offer.ISSUER_METADATA_INVALID',
  TOKEN_REFUSED: 'wallet.offer.TOKEN_REFUSED',
  CREDENTIAL_REFUSED: 'wallet.offer.CREDENTIAL_REFUSED',
  CREDENTIAL_INVALID: 'wallet.offer.CREDENTIAL_INVALID',
  ISSUER_UNKNOWN: 'wallet.offer.ISSUER_UNKNOWN',
  ISSUER_NOT_AUTHORISED: 'wallet.offer.ISSUER_NOT_AUTHORISED',
  LEDGER_UNREACHABLE: 'wallet.error.ledgerUnreachable',
};

/** Takes the credential; on success goes to the credentials with a message. */
async function take(
  app: App,
  link: string,
  txCode: string | undefined,
): Promise<{ ok: true } | { ok: false; code: ReceiveOfferError }> {
  const r = await app.wallet().receiveOffer(link, {
    nodeUrl: app.nodeUrl,
    ...(txCode === undefined ? {} : { txCode }),
  });
  if (!r.ok) return { ok: false, code: r.code };
  const name = typeName(r.value.vct, r.value.typeName);
  app.go('credentials', trw('wallet.receive.done', biArg(name)));
  return { ok: true };
}

function pinScreen(app: App, link: string, offer: CredentialOffer): Screen {
  const summaryBox = errorSummary();
  const problem = problemBox();
  const prompt = offer.txCode;
  const pin = inputField({
    id: 'offer-pin',
    label: 'wallet.pin.label',
    hint: prompt?.length === undefined ? 'wallet.pin.hint' : 'wallet.pin.hintLength',
    hintArgs: prompt?.length === undefined ? [] : [prompt.length],
    inputmode: prompt?.inputMode === 'text' ? 'text' : 'numeric',
    autocomplete: 'one-time-code',
    width: '10',
  });
  const line = status();
  const submit = button(trw('wallet.pin.submit'), null, { type: 'submit' });
  const form = h('form', { novalidate: true }, pin.group, submit, line.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    problem.show(null);
    const value = pin.control.value.trim();
    pin.setError(value === '' ? err('wallet.error.pinEmpty') : null);
    summaryBox.show([pin]);
    if (value === '') return;
    void busy([submit], line, 'wallet.receive.working', async () => {
      const r = await take(app, link, value);
      if (r.ok) return;
      if (r.code === 'TOKEN_REFUSED') {
        pin.setError(err('wallet.error.pinWrong'));
        summaryBox.show([pin]);
      } else {
        problem.show(trw(OFFER_PROBLEMS[r.code]));
      }
    });
  });
  let host = offer.credentialIssuer;
  try {
    host = new URL(offer.credentialIssuer).host;
  } catch {
    // shown as it is
  }
  return {
    el: h(
      'div',
      null,
      summaryBox.el,
      problem.el,
      heading(trw('wallet.pin.h1')),
      paraw('wallet.pin.lead', host),
      form,
    ),
    title: () => tw('wallet.pin.h1'),
  };
}

export function receiveScreen(app: App): Screen {
  const problem = problemBox();
  const input = linkInput(app, 'offer', (link) => {
    problem.show(null);
    void busy([input.submit], input.status, 'wallet.receive.working', async () => {
      const offer = await readOffer(link);
      if (!offer.ok) {
        if (offer.code === 'OFFER_INVALID') {
          input.field.setError(err('wallet.offer.OFFER_INVALID'));
          input.summary.show([input.field]);
        } else problem.show(trw(OFFER_PROBLEMS[offer.code]));
        return;
      }
      if (offer.value.txCode !== undefined) {
        input.stop();
        app.show(pinScreen(app, link, offer.value));
        return;
      }
      const r = await take(app, link, undefined);
      if (!r.ok) problem.show(trw(OFFER_PROBLEMS[r.code]));
    });
  });
  const screen: Screen = {
    el: h(
      'div',
      null,
      input.summary.el,
      problem.el,
      heading(trw('wallet.receive.h1')),
      paraw('wallet.receive.lead'),
      input.el,
    ),
    title: () => tw('wallet.receive.h1'),
    leave: () => input.stop(),
  };
  const pending = app.takePending('offer');
  if (pending !== undefined) queueMicrotask(() => input.use(pending));
  return screen;
}
