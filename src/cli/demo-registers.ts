// `cadwyn demo registers`: the three public registers of issue 6, step by step, against a running
// node. People, firms and operators appear only as fresh did:key pseudonyms (owners as salted
// digests of them) that sign their own transactions; Monmouthshire County Council acts through
// the node's staff routes (businesses, goods and titles). Every step prints one line with the
// transaction id and its receipt, in English or Welsh.
import { randomBytes } from 'node:crypto';
import { concatBytes, utf8 } from '../core/bytes.js';
import type { PrivateKey } from '../core/crypto.js';
import { didKeyFromPublicKey } from '../core/did.js';
import type { Geo } from '../core/geo.js';
import { sha256Hex } from '../core/hash.js';
import type { ConsortiumKeys } from '../core/receipt.js';
import { parseConsortiumKeys, verifyReceipt } from '../core/receipt.js';
import type { Json } from '../core/jcs.js';
import type { TxBody, TxSigner } from '../core/tx.js';
import { signTx, txIdOf } from '../core/tx.js';
import { ownerDigest } from '../ledger/modules/title.js';
import { nodeCryptoBackend, publicKeyOfSync } from '../node/crypto-node.js';
import { DemoError } from './demo-citizen.js';
import type { Lang } from './messages.js';

const DAY_MS = 86_400_000;
/** Monmouthshire: the council every step of this story deals with. */
const COUNCIL = 'monmouthshire';
const AREA = 'W06000021';
const WAIT_MS = 10_000;

type Say = Record<Lang, string>;
const STEPS: Record<string, Say> = {
  business: { en: 'The business register', cy: 'Y gofrestr fusnesau' },
  apply: {
    en: 'A citizen, as a pseudonym, applies to register a bakery',
    cy: 'Mae dinesydd, fel ffugenw, yn gwneud cais i gofrestru becws',
  },
  approve: {
    en: 'The Monmouthshire registrar approves the application',
    cy: 'Mae cofrestrydd Sir Fynwy yn cymeradwyo’r cais',
  },
  licence: {
    en: 'The council grants a regulated-goods cultivation licence',
    cy: 'Mae’r cyngor yn rhoi trwydded tyfu nwyddau rheoledig',
  },
  lookup: {
    en: 'Anyone looks the bakery up by its Welsh name, typed without accents',
    cy: 'Mae unrhyw un yn chwilio am y becws wrth ei enw Cymraeg, heb acenion',
  },
  goods: { en: 'The regulated-goods register', cy: 'Y gofrestr nwyddau rheoledig' },
  haulier: {
    en: 'A haulier is registered and licensed for transport',
    cy: 'Mae cludwr yn cael ei gofrestru a’i drwyddedu i gludo',
  },
  operators: {
    en: 'The council registers an operator key for each, with its premises',
    cy: 'Mae’r cyngor yn cofrestru allwedd weithredwr i bob un, gyda’i safle',
  },
  createLot: {
    en: 'The bakery’s operator records a lot of hemp flower, stamped at its premises',
    cy: 'Mae gweithredwr y becws yn cofnodi lot o flodau cywarch, wedi’i stampio yn ei safle',
  },
  propose: {
    en: 'It offers the lot to the haulier',
    cy: 'Mae’n cynnig y lot i’r cludwr',
  },
  accept: {
    en: 'The haulier accepts it at its depot',
    cy: 'Mae’r cludwr yn ei dderbyn yn ei ddepo',
  },
  result: {
    en: 'The council adds a laboratory result: fail',
    cy: 'Mae’r cyngor yn ychwanegu canlyniad labordy: methu',
  },
  recall: {
    en: 'The council recalls the lot',
    cy: 'Mae’r cyngor yn galw’r lot yn ôl',
  },
  trace: {
    en: 'The recalled lot is traced to everyone who held it',
    cy: 'Olrheinir y lot a alwyd yn ôl at bawb a’i daliodd',
  },
  titles: { en: 'The title register', cy: 'Y gofrestr teitlau' },
  titleRegister: {
    en: 'The council registers a title; its owner is a salted digest of a pseudonym',
    cy: 'Mae’r cyngor yn cofrestru teitl; crynodeb halenog o ffugenw yw ei berchennog',
  },
  draft: {
    en: 'The seller’s conveyancer drafts the transfer',
    cy: 'Mae trawsgludwr y gwerthwr yn drafftio’r trosglwyddiad',
  },
  titleApprove: {
    en: 'The registrar approves the draft',
    cy: 'Mae’r cofrestrydd yn cymeradwyo’r drafft',
  },
  sign: {
    en: 'Every party signs: seller, buyer and both conveyancers',
    cy: 'Mae pob parti’n llofnodi: gwerthwr, prynwr a’r ddau drawsgludwr',
  },
  funds: {
    en: 'The buyer’s conveyancer confirms the funds',
    cy: 'Mae trawsgludwr y prynwr yn cadarnhau’r arian',
  },
  complete: {
    en: 'The seller’s conveyancer completes',
    cy: 'Mae trawsgludwr y gwerthwr yn cwblhau',
  },
  registered: {
    en: 'The registrar registers the transfer: the title has its new owner',
    cy: 'Mae’r cofrestrydd yn cofrestru’r trosglwyddiad: mae gan y teitl ei berchennog newydd',
  },
  done: { en: 'The story is complete.', cy: 'Mae’r stori’n gyflawn.' },
};

export interface RegistersDemoOptions {
  readonly nodeUrl: string;
  readonly staffToken: string;
  readonly lang: Lang;
  readonly print: (line: string) => void;
}

export interface StepRecord {
  readonly step: string;
  readonly txId: string;
  readonly status: string;
  readonly height: number;
  /** The receipt verified: inclusion proof and checkpoint signatures against the keys. */
  readonly receipt: boolean;
}

/** Everything the story produced, for tests and --json. */
export interface RegistersDemoOutcome {
  readonly business: {
    readonly number: string;
    readonly name: { readonly en: string; readonly cy: string };
    readonly query: string;
    readonly found: string[];
  };
  readonly goods: {
    readonly lot: string;
    readonly holder: string;
    readonly recalled: boolean;
    readonly traced: string[];
  };
  readonly title: {
    readonly titleNumber: string;
    readonly transfer: string;
    readonly stage: string;
  };
  readonly steps: readonly StepRecord[];
}

interface Key extends TxSigner {
  readonly did: string;
  readonly privateKey: PrivateKey;
}

function freshKey(): Key {
  const privateKey: PrivateKey = { alg: 'Ed25519', bytes: new Uint8Array(randomBytes(32)) };
  return { did: didKeyFromPublicKey(publicKeyOfSync(privateKey)), privateKey };
}

/** decision 0010: SHA-256("cadwyn/v1/director\n" || salt || did). */
const directorDigest = (salt: Uint8Array, did: string) =>
  sha256Hex(concatBytes(utf8('cadwyn/v1/director\n'), salt, utf8(did)));

const PREMISES = {
  bakery: {
    id: 'raglan-bakehouse',
    name: { en: 'Raglan bakehouse', cy: 'Popty Rhaglan' },
    lat: 51.7661,
    lon: -2.8502,
  },
  haulier: {
    id: 'abergavenny-yard',
    name: { en: 'Abergavenny yard', cy: 'Iard y Fenni' },
    lat: 51.8246,
    lon: -3.0167,
  },
} as const;

export async function runRegistersDemo(o: RegistersDemoOptions): Promise<RegistersDemoOutcome> {
  const { nodeUrl, lang } = o;
  const staff = { authorization: `Bearer ${o.staffToken}`, 'content-type': 'application/json' };
  const steps: StepRecord[] = [];
  let stepNo = 0;
  const t = (key: string) => STEPS[key]?.[lang] ?? key;
  const heading = (key: string) => o.print(`\n== ${t(key)} ==`);
  const info = (en: string, cy: string) => o.print(`   ${lang === 'cy' ? cy : en}`);

  const call = async <T>(where: string, path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(nodeUrl + path, init);
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (res.status >= 300) {
      const code = (body as { code?: string } | undefined)?.code ?? `HTTP_${res.status}`;
      throw new DemoError(where, code, (body as { detail?: string } | undefined)?.detail);
    }
    return body as T;
  };

  // The consortium's keys as this node serves them (a demo: `cadwyn receipt verify` takes a file).
  const served = parseConsortiumKeys(await call<unknown>('start', '/v1/consortium/keys'));
  if (!served.ok) throw new DemoError('start', served.code, served.detail);
  const keys: ConsortiumKeys = served.value;

  /** One printed line: the step, the transaction id, its status and whether its receipt verifies. */
  let lastStep = '';
  const record = async (where: string, txId: string, what?: Say) => {
    const s = await call<{ status: string; height?: number; code?: string }>(
      where,
      `/v1/transactions/${txId}`,
    );
    if (s.status !== 'committed' && s.status !== 'final') {
      throw new DemoError(where, s.code ?? `TX_${s.status.toUpperCase()}`, txId);
    }
    const r = await call<{ txId?: string }>(where, `/v1/transactions/${txId}/receipt`);
    const verified = await verifyReceipt(r, keys, nodeCryptoBackend);
    const receipt = r.txId === txId && verified.ok;
    const height = s.height ?? 0;
    steps.push({ step: where, txId, status: s.status, height, receipt });
    const ok = receipt ? '✓' : '✗';
    // A step of several transactions is titled once; each transaction says what it is.
    if (where !== lastStep) o.print(`${++stepNo}. ${t(where)}`);
    lastStep = where;
    const label = what ? `${what[lang]}: ` : '';
    o.print(
      lang === 'cy'
        ? `   ${label}tx ${txId} — ${s.status === 'final' ? 'terfynol' : 'wedi’i ymrwymo'} ar uchder ${height}; derbynneb ${ok}`
        : `   ${label}tx ${txId} — ${s.status} at height ${height}; receipt ${ok}`,
    );
  };

  // The ledger's network name, and the council's DID (the registrar an application names).
  const consortium = await call<{ network: string; members?: { did: string }[] }>(
    'start',
    '/v1/consortium',
  );
  const network = consortium.network;
  const council = (consortium.members ?? []).find((m) => m.did.startsWith(`did:web:${COUNCIL}.`));
  if (!council) throw new DemoError('start', 'BODY_UNKNOWN', COUNCIL);
  /** A staff action of the council: the node signs as the body and answers with the tx id. */
  const asStaff = async (where: string, path: string, body: unknown, what?: Say) => {
    const r = await call<{ txId: string }>(where, `/v1/bodies/${COUNCIL}${path}`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify(body),
    });
    await record(where, r.txId, what);
    return r.txId;
  };

  /** Signs and submits one transaction, waits for its block; a refusal stops the story. */
  const submit = async (
    where: string,
    by: TxSigner,
    type: string,
    payload: Record<string, Json>,
    geo: Geo,
    what?: Say,
  ): Promise<string> => {
    const acct = await call<{ nextSeq: number }>(
      where,
      `/v1/accounts/${encodeURIComponent(by.did)}`,
    );
    const body: TxBody = {
      v: 1,
      network,
      type,
      sender: by.did,
      seq: acct.nextSeq,
      timeMs: Date.now(),
      geo,
      payload,
    };
    const tx = await signTx(body, [by], nodeCryptoBackend);
    const id = txIdOf(tx.body);
    const s = await call<{ id: string; status: string; code?: string; detail?: string }>(
      where,
      `/v1/transactions?waitMs=${WAIT_MS}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(tx) },
    );
    if (s.status === 'rejected') throw new DemoError(where, s.code ?? 'TX_REJECTED', s.detail);
    if (s.status === 'pending') throw new DemoError(where, 'TX_PENDING', id);
    await record(where, id, what);
    return id;
  };
  const area: Geo = { area: AREA };
  const now = Date.now();
  // A tag keeps names and numbers unique when the story runs twice on one ledger.
  const tag = String(1000 + (randomBytes(2).readUInt16BE(0) % 9000));

  // ---- (a) business ----
  heading('business');
  const salt = new Uint8Array(randomBytes(32));
  /** An organisation applied for by a fresh pseudonym, approved, and licensed. */
  const registerBusiness = async (
    name: { en: string; cy: string },
    licenceKind: string,
    steps: { apply: string; approve: string; licence: string },
  ) => {
    const applicant = freshKey();
    const application = await submit(
      steps.apply,
      applicant,
      'business.apply',
      {
        name,
        kind: 'private-limited',
        officeArea: AREA,
        directors: [directorDigest(salt, applicant.did)],
        registrar: council.did,
      },
      area,
      { en: 'application', cy: 'cais' },
    );
    const approved = await call<{ txId: string; number?: string }>(
      steps.approve,
      `/v1/bodies/${COUNCIL}/businesses/applications/${application}/approve`,
      { method: 'POST', headers: staff, body: '{}' },
    );
    await record(steps.approve, approved.txId, { en: 'approval', cy: 'cymeradwyaeth' });
    const number = approved.number ?? '';
    await asStaff(
      steps.licence,
      `/businesses/${number}/licences`,
      {
        kind: licenceKind,
        ref: `MON/DEMO/${tag}/${licenceKind.slice('regulated-goods-'.length)}`,
        validFromMs: now - DAY_MS,
        validUntilMs: now + 365 * DAY_MS,
      },
      { en: 'licence', cy: 'trwydded' },
    );
    return number;
  };
  const name = { en: `Red House Bakery ${tag} Ltd`, cy: `Becws y Tŷ Coch ${tag} Cyf` };
  const number = await registerBusiness(name, 'regulated-goods-cultivation', {
    apply: 'apply',
    approve: 'approve',
    licence: 'licence',
  });
  info(`registered as ${number}`, `cofrestrwyd fel ${number}`);
  const query = `becws y ty coch ${tag}`;
  const found = await call<{ businesses: { number: string; name: { en: string; cy?: string } }[] }>(
    'lookup',
    `/v1/businesses?q=${encodeURIComponent(query)}`,
  );
  o.print(`${++stepNo}. ${t('lookup')}`);
  const hit = found.businesses.find((b) => b.number === number);
  if (!hit) throw new DemoError('lookup', 'BUSINESS_NOT_FOUND', query);
  info(
    `“${query}” → ${hit.number} ${hit.name.cy ?? ''} (${hit.name.en})`,
    `“${query}” → ${hit.number} ${hit.name.cy ?? hit.name.en}`,
  );

  // ---- (b) goods ----
  heading('goods');
  const haulierNumber = await registerBusiness(
    { en: `Usk Haulage ${tag} Ltd`, cy: `Cludo Brynbuga ${tag} Cyf` },
    'regulated-goods-transport',
    { apply: 'haulier', approve: 'haulier', licence: 'haulier' },
  );
  const grower = freshKey();
  const haulier = freshKey();
  for (const [op, n, premises] of [
    [grower, number, PREMISES.bakery],
    [haulier, haulierNumber, PREMISES.haulier],
  ] as const) {
    await asStaff(
      'operators',
      '/goods/operators',
      { number: n, did: op.did, premises: [premises] },
      premises.name,
    );
  }
  const at = (p: { lat: number; lon: number }): Geo => ({ lat: p.lat, lon: p.lon });
  const created = await submit(
    'createLot',
    grower,
    'goods.createLot',
    { product: 'hemp-flower', unit: 'g', quantity: 4_000, premises: PREMISES.bakery.id },
    at(PREMISES.bakery),
  );
  const lot = `${created.slice(0, 16)}-0`;
  const offer = await submit(
    'propose',
    grower,
    'goods.propose',
    { lot, to: haulierNumber, activity: 'transport', premises: PREMISES.bakery.id },
    at(PREMISES.bakery),
  );
  await submit(
    'accept',
    haulier,
    'goods.accept',
    { transfer: offer, premises: PREMISES.haulier.id },
    at(PREMISES.haulier),
  );
  await asStaff('result', `/goods/lots/${lot}/results`, {
    kind: 'lab-test',
    outcome: 'fail',
    ref: `MON-TS/DEMO/${tag}`,
  });
  await asStaff('recall', `/goods/lots/${lot}/recall`, {
    reason: {
      code: 'pesticide-residue',
      en: 'Pesticide residue above the permitted level',
      cy: 'Gweddillion plaladdwr uwchlaw’r lefel a ganiateir',
    },
  });
  const trace = await call<{
    holders: { number: string }[];
    lots: { id: string; holder: string }[];
    recall?: unknown;
  }>('trace', `/v1/goods/lots/${lot}/trace`);
  o.print(`${++stepNo}. ${t('trace')}`);
  const traced = trace.holders.map((h) => h.number);
  info(
    `lot ${lot} recalled: ${trace.recall ? 'yes' : 'no'}; held by ${traced.join(', ')}`,
    `lot ${lot} wedi’i alw’n ôl: ${trace.recall ? 'ydy' : 'nac ydy'}; daliwyd gan ${traced.join(', ')}`,
  );
  const lotNow = await call<{ holder: string }>('trace', `/v1/goods/lots/${lot}`);

  // ---- (c) titles ----
  heading('titles');
  const seller = freshKey();
  const buyer = freshKey();
  const sellerConveyancer = freshKey();
  const buyerConveyancer = freshKey();
  const titleNumber = `CYM${tag}${String((randomBytes(1)[0] ?? 0) % 100).padStart(2, '0')}`;
  const uprn = `01${tag}${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, '0')}`;
  await asStaff('titleRegister', '/titles', {
    titleNumber,
    uprn,
    tenure: 'freehold',
    area: AREA,
    owners: [ownerDigest(new Uint8Array(randomBytes(32)), seller.did)],
  });
  const transfer = await submit(
    'draft',
    sellerConveyancer,
    'title.draft',
    {
      titleNumber,
      sellers: [seller.did],
      buyers: [buyer.did],
      buyerConveyancer: buyerConveyancer.did,
      newOwners: [ownerDigest(new Uint8Array(randomBytes(32)), buyer.did)],
      discharge: [],
      priceBand: '225k-400k',
    },
    area,
  );
  const p = { transfer };
  await asStaff('titleApprove', `/titles/transfers/${transfer}/approve`, {});
  const parties: [Key, Say][] = [
    [seller, { en: 'seller', cy: 'gwerthwr' }],
    [buyer, { en: 'buyer', cy: 'prynwr' }],
    [sellerConveyancer, { en: 'seller’s conveyancer', cy: 'trawsgludwr y gwerthwr' }],
    [buyerConveyancer, { en: 'buyer’s conveyancer', cy: 'trawsgludwr y prynwr' }],
  ];
  for (const [by, who] of parties) await submit('sign', by, 'title.sign', p, area, who);
  await submit('funds', buyerConveyancer, 'title.confirmFunds', p, area);
  await submit('complete', sellerConveyancer, 'title.complete', p, area);
  await asStaff('registered', `/titles/transfers/${transfer}/register`, {});
  const tr = await call<{ stage: string }>('registered', `/v1/transfers/${transfer}`);
  info(
    `${titleNumber}: ${tr.stage}`,
    `${titleNumber}: ${tr.stage === 'registered' ? 'wedi’i gofrestru' : tr.stage}`,
  );

  o.print(`\n${t('done')}`);
  return {
    business: { number, name, query, found: found.businesses.map((b) => b.number) },
    goods: { lot, holder: lotNow.holder, recalled: trace.recall !== undefined, traced },
    title: { titleNumber, transfer, stage: tr.stage },
    steps,
  };
}
