// `cadwyn demo citizen`: the identity story of issue 3, step by step, against a running node.
// The citizen is a real wallet (the wallet library, in memory); the staff of Newport City
// Council and of Aneurin Bevan University Health Board are the node's staff API. Every step
// prints what happened, in English or Welsh.
import { MemoryStorage, Wallet } from '../wallet/index.js';
import type { Lang } from './messages.js';

const NEWPORT = 'did:web:newport.gwent.example';
const HEALTH = 'did:web:aneurin-bevan.gwent.example';

const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Maesglas', postal_code: 'NP20 1AA' },
};

const PARKING_QUERY = {
  credentials: [
    {
      id: 'resident',
      format: 'dc+sd-jwt',
      meta: { vct_values: ['urn:cadwyn:vct:gwent-resident:1'] },
      claims: [{ path: ['age_over_18'] }, { path: ['local_authority'] }],
    },
  ],
};
const PARKING = {
  code: 'parking-permit',
  en: 'Resident parking permit',
  cy: 'Trwydded barcio preswylwyr',
};
const CARE = { code: 'care-planning', en: 'Planning your care', cy: 'Cynllunio eich gofal' };

type Say = Record<Lang, string>;
const STEPS: Record<string, Say> = {
  issue: {
    en: 'Newport City Council issues a Gwent resident credential to the citizen’s wallet',
    cy: 'Mae Cyngor Dinas Casnewydd yn cyhoeddi tystlythyr preswylydd Gwent i waled y dinesydd',
  },
  parking: {
    en: 'The citizen applies for a resident parking permit, sharing only their age (over 18) and local authority',
    cy: 'Mae’r dinesydd yn gwneud cais am drwydded barcio preswylwyr, gan rannu dim ond eu hoed (dros 18) a’u hawdurdod lleol',
  },
  consent: {
    en: 'The citizen lets the health board see their housing category held by Newport',
    cy: 'Mae’r dinesydd yn caniatáu i’r bwrdd iechyd weld eu categori tai a ddelir gan Gasnewydd',
  },
  fetch: {
    en: 'The health board asks Newport for the housing category (logged on the ledger)',
    cy: 'Mae’r bwrdd iechyd yn gofyn i Gasnewydd am y categori tai (wedi’i gofnodi ar y cyfriflyfr)',
  },
  history: {
    en: 'The citizen asks: who used my data?',
    cy: 'Mae’r dinesydd yn gofyn: pwy ddefnyddiodd fy nata?',
  },
  withdraw: {
    en: 'The citizen withdraws the consent',
    cy: 'Mae’r dinesydd yn tynnu’r caniatâd yn ôl',
  },
  refused: {
    en: 'The health board asks again: refused, and the refusal is logged',
    cy: 'Mae’r bwrdd iechyd yn gofyn eto: gwrthodwyd, a chofnodir y gwrthodiad',
  },
  revoke: { en: 'Newport revokes the credential', cy: 'Mae Casnewydd yn dirymu’r tystlythyr' },
  revoked: {
    en: 'The citizen presents it again: it fails as revoked',
    cy: 'Mae’r dinesydd yn ei gyflwyno eto: mae’n methu gan ei fod wedi’i ddirymu',
  },
  done: { en: 'The story is complete.', cy: 'Mae’r stori’n gyflawn.' },
};

export class DemoError extends Error {
  constructor(
    readonly step: string,
    readonly code: string,
    detail?: string,
  ) {
    super(`${step}: ${code}${detail ? ` (${detail})` : ''}`);
  }
}

export interface DemoOptions {
  readonly nodeUrl: string;
  readonly staffToken: string;
  readonly lang: Lang;
  readonly print: (line: string) => void;
}

/** Everything the story produced, for tests and --json. */
export interface DemoOutcome {
  readonly credentialId: string;
  readonly consentId: string;
  readonly pseudonymTowardNewport: string;
  readonly disclosed: Record<string, unknown>;
  readonly servedData: unknown;
  readonly accessRecords: readonly string[];
  readonly refusedCode: string;
  readonly revokedCode: string;
  readonly history: { consents: unknown[]; access: unknown[] };
}

export async function runCitizenDemo(o: DemoOptions): Promise<DemoOutcome> {
  const { nodeUrl, lang } = o;
  const staff = { authorization: `Bearer ${o.staffToken}`, 'content-type': 'application/json' };
  let stepNo = 0;
  const step = (key: string) => o.print(`\n${++stepNo}. ${STEPS[key]?.[lang] ?? key}`);
  const info = (en: string, cy: string) => o.print(`   ${lang === 'cy' ? cy : en}`);
  const call = async <T>(
    where: string,
    path: string,
    init: RequestInit,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(nodeUrl + path, init);
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (res.status >= 500) throw new DemoError(where, `HTTP_${res.status}`, text.slice(0, 200));
    return { status: res.status, body: body as T };
  };

  const created = await Wallet.create({
    storage: new MemoryStorage(),
    passphrase: 'demo passphrase 2468',
  });
  if (!created.ok) throw new DemoError('wallet', created.code);
  const wallet = created.value;

  // 1. Issuance
  step('issue');
  const offer = await call<{ offerUri: string; offerId: string; txCode?: string; code?: string }>(
    'issue',
    '/v1/issuers/newport/offers',
    {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ credential_configuration_id: 'gwent-resident', claims: RESIDENT }),
    },
  );
  if (offer.status !== 201) throw new DemoError('issue', offer.body.code ?? `HTTP_${offer.status}`);
  info(
    `offer made (PIN ${offer.body.txCode ?? '-'}); the wallet scans it`,
    `cynnig wedi’i wneud (PIN ${offer.body.txCode ?? '-'}); mae’r waled yn ei sganio`,
  );
  const received = await wallet.receiveOffer(offer.body.offerUri, {
    nodeUrl,
    ...(offer.body.txCode ? { txCode: offer.body.txCode } : {}),
  });
  if (!received.ok) throw new DemoError('issue', received.code, received.detail);
  const offerState = await call<{ credentialId: string }>(
    'issue',
    `/v1/issuers/newport/offers/${offer.body.offerId}`,
    { headers: staff },
  );
  const credentialId = offerState.body.credentialId;
  info(
    `credential ${received.value.vct} from ${received.value.issuer} is in the wallet`,
    `mae tystlythyr ${received.value.vct} gan ${received.value.issuer} yn y waled`,
  );

  // 2. Parking permit: only age and local authority.
  const present = async (where: string) => {
    const req = await call<{ requestId: string; requestUri: string }>(
      where,
      '/v1/verifiers/newport/requests',
      {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ dcql_query: PARKING_QUERY, purpose: PARKING }),
      },
    );
    const opened = await wallet.openRequest(req.body.requestUri, { nodeUrl });
    if (!opened.ok) throw new DemoError(where, opened.code, opened.detail);
    const r = opened.value;
    const labels = r.credentials.flatMap((c) => c.claims.map((cl) => cl.label[lang]));
    info(
      `the wallet asks: share ${labels.join(', ')} with ${r.verifierName?.en ?? r.verifierDid} for “${r.purpose?.en ?? ''}”? — yes`,
      `mae’r waled yn gofyn: rhannu ${labels.join(', ')} gyda ${r.verifierName?.cy ?? r.verifierDid} ar gyfer “${r.purpose?.cy ?? ''}”? — ydw`,
    );
    const answered = await wallet.respond(r);
    const result = await call<{
      status: string;
      code?: string;
      credentials?: Record<string, { claims: Record<string, unknown> }>;
    }>(where, `/v1/verifiers/newport/requests/${req.body.requestId}`, { headers: staff });
    return { answered, result: result.body };
  };
  step('parking');
  const first = await present('parking');
  if (first.result.status !== 'verified')
    throw new DemoError('parking', first.result.code ?? 'NOT_VERIFIED');
  const disclosed = first.result.credentials?.resident?.claims ?? {};
  info(
    `Newport saw only: ${JSON.stringify(disclosed)}`,
    `Gwelodd Casnewydd ddim ond: ${JSON.stringify(disclosed)}`,
  );

  // 3. Consent. Newport keeps the housing category under the citizen's pseudonym toward it.
  step('consent');
  const pseudonym = await wallet.didFor(NEWPORT);
  await call('consent', '/v1/exchange/newport/records', {
    method: 'PUT',
    headers: staff,
    body: JSON.stringify({
      subject: pseudonym,
      category: 'housing',
      value: { category: 'social-housing-band-b' },
    }),
  });
  const granted = await wallet.grantConsent(nodeUrl, {
    holder: NEWPORT,
    requester: HEALTH,
    purpose: CARE,
    categories: ['housing'],
    lawfulBasis: 'consent',
    expiresMs: Date.now() + 90 * 86_400_000,
    geo: { area: 'W06000022' },
  });
  if (!granted.ok) throw new DemoError('consent', granted.code, granted.detail);
  const consentId = granted.value.txId;
  info(
    `consent ${consentId.slice(0, 16)}… signed by pseudonym ${pseudonym.slice(0, 24)}…, on the ledger with a receipt`,
    `caniatâd ${consentId.slice(0, 16)}… wedi’i lofnodi gan y ffugenw ${pseudonym.slice(0, 24)}…, ar y cyfriflyfr gyda derbynneb`,
  );

  // 4. The health board fetches it.
  const ask = () =>
    call<{ data?: unknown; code?: string; accessRecord?: { requestId: string; txId: string } }>(
      'fetch',
      '/v1/exchange/aneurin-bevan/ask',
      {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({
          holder: NEWPORT,
          consentId,
          category: 'housing',
          purpose: CARE.code,
        }),
      },
    );
  step('fetch');
  const served = await ask();
  if (served.status !== 200)
    throw new DemoError('fetch', served.body.code ?? `HTTP_${served.status}`);
  info(
    `served: ${JSON.stringify(served.body.data)}; access record ${served.body.accessRecord?.txId.slice(0, 16)}…`,
    `gweinyddwyd: ${JSON.stringify(served.body.data)}; cofnod mynediad ${served.body.accessRecord?.txId.slice(0, 16)}…`,
  );

  // 5. Who used my data.
  step('history');
  const history = await wallet.fetchHistory(nodeUrl);
  if (!history.ok) throw new DemoError('history', history.code, history.detail);
  const h = history.value;
  for (const a of h.access) {
    info(
      `${a.requesterName?.en ?? a.requester} — ${a.category} — ${a.outcome}`,
      `${a.requesterName?.cy ?? a.requester} — ${a.category} — ${a.outcome === 'served' ? 'gweinyddwyd' : 'gwrthodwyd'}`,
    );
  }

  // 6. Withdraw; 7. refused and logged.
  step('withdraw');
  const withdrawn = await wallet.withdrawConsent(nodeUrl, { consentId, holder: NEWPORT });
  if (!withdrawn.ok) throw new DemoError('withdraw', withdrawn.code, withdrawn.detail);
  info(
    `withdrawal ${withdrawn.value.txId.slice(0, 16)}… on the ledger`,
    `tynnu’n ôl ${withdrawn.value.txId.slice(0, 16)}… ar y cyfriflyfr`,
  );
  step('refused');
  const refused = await ask();
  if (refused.status !== 403) throw new DemoError('refused', 'NOT_REFUSED', String(refused.status));
  info(
    `${refused.body.code}; access record ${refused.body.accessRecord?.txId.slice(0, 16)}…`,
    `${refused.body.code}; cofnod mynediad ${refused.body.accessRecord?.txId.slice(0, 16)}…`,
  );

  // 8. Revoke; 9. the presentation fails.
  step('revoke');
  const rv = await call<{ statusList?: { version: number }; code?: string }>(
    'revoke',
    `/v1/issuers/newport/credentials/${credentialId}/status`,
    {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ status: 'revoked' }),
    },
  );
  if (rv.status !== 200) throw new DemoError('revoke', rv.body.code ?? `HTTP_${rv.status}`);
  info(
    `status list version ${rv.body.statusList?.version} anchored on the ledger`,
    `fersiwn ${rv.body.statusList?.version} o’r rhestr statws wedi’i hangori ar y cyfriflyfr`,
  );
  step('revoked');
  const second = await present('revoked');
  if (second.result.status !== 'failed') throw new DemoError('revoked', 'NOT_REFUSED');
  info(`${second.result.code}`, `${second.result.code}`);
  o.print(`\n${STEPS.done?.[lang]}`);

  return {
    credentialId,
    consentId,
    pseudonymTowardNewport: pseudonym,
    disclosed,
    servedData: served.body.data,
    accessRecords: [
      served.body.accessRecord?.requestId ?? '',
      refused.body.accessRecord?.requestId ?? '',
    ],
    refusedCode: refused.body.code ?? '',
    revokedCode: second.result.code ?? '',
    history: h,
  };
}
