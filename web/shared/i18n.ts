// Every string a person sees, in English and Welsh (decision 0007), and the page language.
//
// Strings live in dictionaries, one per page plus `common` and `areas`, all listed in
// DICTIONARIES; keys are unique across them. `{0}`, `{1}`… are t()'s arguments; in long texts
// `[words](/path)` is a link (dom.ts rich()). A test checks that every key has both languages
// and that they differ, except PROPER_NAMES.
//
// The language (0007): `?lang=cy|en` (remembered), else localStorage `cadwyn-lang`, else
// navigator.language (cy… is Welsh), else English. Changing it redraws what is on screen in
// place, so nothing a person has typed, chosen or checked is lost.

import type { businesses } from '../explorer/businesses/strings.js';
import type { goods } from '../explorer/goods/strings.js';
import type { titles } from '../explorer/titles/strings.js';
import type { business, businessLanding } from '../business/strings.js';
import type { portal } from '../portal/strings.js';
import type { wallet } from '../wallet/strings.js';

export type Lang = 'en' | 'cy';
export const LANGS: readonly Lang[] = ['en', 'cy'];

export interface Text {
  readonly en: string;
  readonly cy: string;
}
export type Dictionary = Readonly<Record<string, Text>>;

export const STORAGE_KEY = 'cadwyn-lang';

// ---- the language ---------------------------------------------------------------------------

function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

/** The rule of decision 0007, without side effects. */
export function chooseLang(
  query: string | null | undefined,
  stored: string | null | undefined,
  navigatorLanguage: string | null | undefined,
): Lang {
  if (isLang(query)) return query;
  if (isLang(stored)) return stored;
  return /^cy\b/i.test(navigatorLanguage ?? '') ? 'cy' : 'en';
}

let lang: Lang = 'en';
let strings: ReadonlyMap<string, Text> | undefined;

export function currentLang(): Lang {
  return lang;
}

/** Both languages of `key`. */
export function lookup(key: Key): Text {
  strings ??= new Map(
    [...Object.values(DICTIONARIES), ...registered].flatMap((d: Dictionary) => Object.entries(d)),
  );
  const text = strings.get(key);
  // Key is checked by the compiler; this is for keys built at run time (areaName).
  if (!text) throw new Error(`i18n: no string ${key}`);
  return text;
}

// The Wallet's and the Portal's strings are big and only theirs: each page registers its own
// (useStrings), so the Wallet does not carry the Portal's words and stays inside its budget.
const registered: Dictionary[] = [];

/** Makes a page's own dictionary available to t() (the shared ones always are). */
export function useStrings(...dictionaries: Dictionary[]): void {
  registered.push(...dictionaries);
  strings = undefined;
}

/** An argument of t(): a value, or a function evaluated in the current language (dates, names). */
export type Arg = string | number | (() => string);

/** The string for `key` in the current language, `{0}`, `{1}`… replaced by `args`. */
export function t(key: Key, ...args: Arg[]): string {
  return lookup(key)[lang].replace(/\{(\d)\}/g, (m, i: string) => {
    const a = args[Number(i)];
    if (a === undefined) return m;
    return typeof a === 'function' ? a() : String(a);
  });
}

// What is on screen registers how to redraw itself in another language. Owners are held
// weakly: a panel that has been replaced is forgotten once it is garbage.
const redraws = new WeakMap<object, (() => void)[]>();
let owners: WeakRef<object>[] = [];
let pruneAt = 1024; // a live page makes new owners all day: forget the dead ones now and then

/** Runs `redraw` now, and again whenever the language changes while `owner` is alive. */
export function whenLang(owner: object, redraw: () => void): void {
  redraw();
  const list = redraws.get(owner);
  if (list) list.push(redraw);
  else {
    redraws.set(owner, [redraw]);
    owners.push(new WeakRef(owner));
    if (owners.length > pruneAt) {
      owners = owners.filter((r) => r.deref() !== undefined);
      pruneAt = 2 * owners.length + 1024;
    }
  }
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked: the choice lasts for this page only
  }
}

/** Switches the page to `next`, remembers it, and redraws everything registered. */
export function setLang(next: Lang, remember = true): void {
  if (remember) {
    try {
      storage()?.setItem(STORAGE_KEY, next);
    } catch {
      // quota or privacy mode: applied, not remembered
    }
  }
  const changed = next !== lang;
  lang = next;
  document.documentElement.lang = next;
  if (!changed) return;
  // Redraws register new nodes, already drawn in `next`: walk a snapshot.
  owners = owners.filter((r) => r.deref() !== undefined);
  for (const ref of [...owners]) {
    const owner = ref.deref();
    for (const redraw of (owner && redraws.get(owner)) ?? []) redraw();
  }
}

/** Picks this page load's language and applies it to <html lang>. */
export function initLang(): Lang {
  const query = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = storage()?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  // Through setLang, so what a page drew before choosing (its menu, at load) is redrawn;
  // `?lang=` also remembers the choice.
  setLang(chooseLang(query, stored, navigator.language), isLang(query));
  return lang;
}

function otherLang(): Lang {
  return lang === 'en' ? 'cy' : 'en';
}

/** This page's address in language `l` (query and fragment kept). */
function hrefIn(l: Lang): string {
  const url = new URL(location.href);
  url.searchParams.set('lang', l);
  return url.pathname + url.search + url.hash;
}

/**
 * The visible switch: "Cymraeg" on an English page, "English" on a Welsh one, with `lang` and
 * `hreflang`. A real link (it opens in a new tab too); a plain click switches in place.
 */
export function languageSwitch(className = 'cadwyn-header__lang'): HTMLAnchorElement {
  const a = document.createElement('a');
  a.className = `govuk-link ${className}`;
  whenLang(a, () => {
    const other = otherLang();
    a.textContent = t('common.langSwitch');
    a.lang = other;
    a.hreflang = other;
    a.href = hrefIn(other);
  });
  a.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const other = otherLang();
    history.replaceState(history.state, '', hrefIn(other));
    setLang(other);
  });
  return a;
}

// ---- dictionaries ---------------------------------------------------------------------------

/** Keys whose English and Welsh are rightly the same: names. */
export const PROPER_NAMES: ReadonlySet<string> = new Set(['common.siteName', 'area.W06000019']);

/** The frame of every page (layout.ts) and the form parts every page may use. */
export const common = {
  'common.siteName': { en: 'Cadwyn', cy: 'Cadwyn' },
  'common.tagline': {
    en: 'the public-service ledger for Gwent',
    cy: 'cyfriflyfr gwasanaethau cyhoeddus Gwent',
  },
  'common.skipLink': { en: 'Skip to main content', cy: 'Neidio i’r prif gynnwys' },
  'common.navLabel': { en: 'Cadwyn’s services', cy: 'Gwasanaethau Cadwyn' },
  'common.face.home': { en: 'Home', cy: 'Hafan' },
  'common.face.explorer': { en: 'Explorer', cy: 'Archwiliwr' },
  'common.face.wallet': { en: 'Wallet', cy: 'Waled' },
  'common.face.portal': { en: 'Portal', cy: 'Porth' },
  'common.face.accessibility': { en: 'Accessibility statement', cy: 'Datganiad hygyrchedd' },
  // On an English page the switch offers Welsh, and the other way round.
  'common.langSwitch': { en: 'Cymraeg', cy: 'English' },
  'common.footer.heading': { en: 'About this service', cy: 'Am y gwasanaeth hwn' },
  'common.footer.api': { en: 'API documentation (OpenAPI)', cy: 'Dogfennaeth yr API (OpenAPI)' },
  'common.footer.runBy': {
    en: 'Cadwyn is run together by the public bodies of Gwent. You can use it in Welsh or in English.',
    cy: 'Mae cyrff cyhoeddus Gwent yn rhedeg Cadwyn gyda’i gilydd. Gallwch ddefnyddio Cadwyn yn Gymraeg neu yn Saesneg.',
  },
  'common.noscript': {
    en: 'This page needs JavaScript. Turn it on in your browser’s settings, or use the ‘cadwyn’ command-line tool.',
    cy: 'Mae angen JavaScript ar y dudalen hon. Trowch JavaScript ymlaen yng ngosodiadau eich porwr, neu defnyddiwch yr offeryn llinell orchymyn ‘cadwyn’.',
  },
  // formatTime's month names: browsers' own Welsh dates cannot be relied on.
  'common.month.1': { en: 'January', cy: 'Ionawr' },
  'common.month.2': { en: 'February', cy: 'Chwefror' },
  'common.month.3': { en: 'March', cy: 'Mawrth' },
  'common.month.4': { en: 'April', cy: 'Ebrill' },
  'common.month.5': { en: 'May', cy: 'Mai' },
  'common.month.6': { en: 'June', cy: 'Mehefin' },
  'common.month.7': { en: 'July', cy: 'Gorffennaf' },
  'common.month.8': { en: 'August', cy: 'Awst' },
  'common.month.9': { en: 'September', cy: 'Medi' },
  'common.month.10': { en: 'October', cy: 'Hydref' },
  'common.month.11': { en: 'November', cy: 'Tachwedd' },
  'common.month.12': { en: 'December', cy: 'Rhagfyr' },
  'common.loading': { en: 'Loading…', cy: 'Wrthi’n llwytho…' },
  'common.warning': { en: 'Warning', cy: 'Rhybudd' },
  'common.errorPrefix': { en: 'Error:', cy: 'Gwall:' },
  'common.errorSummary': { en: 'There is a problem', cy: 'Mae problem' },
  'common.error.unreachable': {
    en: 'We could not reach the ledger’s node. Check your connection, then try again.',
    cy: 'Nid oedd modd cyrraedd nod y cyfriflyfr. Gwiriwch eich cysylltiad, yna rhowch gynnig arall arni.',
  },
  // The file field (GOV.UK Frontend's own Welsh for its file upload).
  'common.file.choose': { en: 'Choose file', cy: 'Dewiswch ffeil' },
  'common.file.drop': { en: 'or drop file', cy: 'neu ollwng ffeil' },
  'common.file.none': { en: 'No file chosen', cy: 'Dim ffeil wedi’i dewis' },
  'common.file.dropEntered': {
    en: 'Entered drop zone',
    cy: 'Wedi mynd i mewn i’r parth gollwng',
  },
  'common.file.dropLeft': { en: 'Left drop zone', cy: 'Wedi gadael y parth gollwng' },
  'common.file.tooLarge': {
    en: '{0} is too big: choose a file smaller than {1} KB',
    cy: 'Mae {0} yn rhy fawr: dewiswch ffeil sy’n llai na {1} KB',
  },
  'common.file.notText': {
    en: '{0} is not a text file',
    cy: 'Nid yw {0} yn ffeil testun',
  },
  'common.file.unreadable': {
    en: '{0} could not be read: choose it again',
    cy: 'Nid oedd modd darllen {0}: dewiswch y ffeil eto',
  },
} as const satisfies Dictionary;

/** Places: the Gwent areas by ONS code (format.ts areaName) and geo-stamps in words. */
export const areas = {
  'area.W06000018': { en: 'Caerphilly', cy: 'Caerffili' },
  'area.W06000019': { en: 'Blaenau Gwent', cy: 'Blaenau Gwent' },
  'area.W06000020': { en: 'Torfaen', cy: 'Tor-faen' },
  'area.W06000021': { en: 'Monmouthshire', cy: 'Sir Fynwy' },
  'area.W06000022': { en: 'Newport', cy: 'Casnewydd' },
  'geo.none': { en: 'No place given', cy: 'Dim lle wedi’i nodi' },
  'geo.area': { en: '{0} (area {1})', cy: '{0} (ardal {1})' },
  'geo.areaCode': { en: 'Area {0}', cy: 'Ardal {0}' },
  'geo.coordinates': { en: 'Coordinates {0}, {1}', cy: 'Cyfesurynnau {0}, {1}' },
  'geo.coordinatesShort': { en: 'Coordinates', cy: 'Cyfesurynnau' },
} as const satisfies Dictionary;

/** The landing page. */
export const landing = {
  'landing.h1': {
    en: 'Cadwyn: the public-service ledger for Gwent',
    cy: 'Cadwyn: cyfriflyfr gwasanaethau cyhoeddus Gwent',
  },
  'landing.lead': {
    en: 'Cadwyn (Welsh for ‘chain’) is a shared record kept by the councils, the health board, the police, the fire service and Natural Resources Wales in Gwent. Every entry is signed, dated and marked with the area it concerns. No single body can change it, and anyone can check it.',
    cy: 'Cofnod a rennir yw Cadwyn, a gedwir gan y cynghorau, y bwrdd iechyd, yr heddlu, y gwasanaeth tân a Chyfoeth Naturiol Cymru yng Ngwent. Mae pob cofnod wedi’i lofnodi, wedi’i ddyddio ac wedi’i farcio â’r ardal y mae’n ymwneud â hi. Ni all unrhyw gorff ar ei ben ei hun ei newid, a gall unrhyw un ei wirio.',
  },
  'landing.personal': {
    en: 'No personal data goes on the ledger: only fingerprints of documents, pseudonyms and public facts. Your personal details stay with you and with the service you gave them to.',
    cy: 'Nid oes data personol yn mynd ar y cyfriflyfr: dim ond olion bysedd dogfennau, ffugenwau a ffeithiau cyhoeddus. Mae eich manylion personol yn aros gyda chi a chyda’r gwasanaeth y rhoesoch chi nhw iddo.',
  },
  'landing.who': { en: 'What you can do', cy: 'Beth allwch chi ei wneud' },
  'landing.citizen.heading': { en: 'If you live in Gwent', cy: 'Os ydych yn byw yng Ngwent' },
  'landing.citizen.body': {
    en: 'Keep the credentials your council gives you, such as proof that you live in Gwent, on your phone. Decide what you share with each service, see every time a service used your data, and withdraw your consent.',
    cy: 'Cadwch y tystlythyrau y mae eich cyngor yn eu rhoi i chi, fel prawf eich bod yn byw yng Ngwent, ar eich ffôn. Penderfynwch beth rydych yn ei rannu â phob gwasanaeth, gwelwch bob tro y defnyddiodd gwasanaeth eich data, a thynnwch eich cydsyniad yn ôl.',
  },
  'landing.citizen.link': { en: 'Open the Wallet', cy: 'Agor y Waled' },
  'landing.staff.heading': {
    en: 'If you work for a member body',
    cy: 'Os ydych yn gweithio i gorff sy’n aelod',
  },
  'landing.staff.body': {
    en: 'Issue and revoke credentials, check what citizens show you, and ask other bodies for data with the citizen’s consent. Every action is recorded on the ledger.',
    cy: 'Cyhoeddwch a dirymwch dystlythyrau, gwiriwch yr hyn y mae dinasyddion yn ei ddangos i chi, a gofynnwch i gyrff eraill am ddata gyda chydsyniad y dinesydd. Caiff pob gweithred ei chofnodi ar y cyfriflyfr.',
  },
  'landing.staff.link': { en: 'Open the Portal', cy: 'Agor y Porth' },
  'landing.anyone.heading': {
    en: 'If you want to check for yourself',
    cy: 'Os ydych am wirio drosoch eich hun',
  },
  'landing.anyone.body': {
    en: 'Watch new blocks arrive, check a receipt or two checkpoints on your own device, and find out whether and when a document was notarised. You do not need to trust us: the checks run in your browser.',
    cy: 'Gwyliwch flociau newydd yn cyrraedd, gwiriwch dderbynneb neu ddau bwynt gwirio ar eich dyfais eich hun, a dewch i wybod a gafodd dogfen ei notareiddio, a phryd. Nid oes angen i chi ymddiried ynom ni: mae’r gwiriadau’n rhedeg yn eich porwr.',
  },
  'landing.anyone.link': { en: 'Open the Explorer', cy: 'Agor yr Archwiliwr' },
  'landing.how.h2': { en: 'How it works', cy: 'Sut mae’n gweithio' },
  'landing.how.1': {
    en: 'Each member body runs a node. A transaction (a notarised document, a consent, a record that data was used) is signed by whoever makes it, then added to a block.',
    cy: 'Mae pob corff sy’n aelod yn rhedeg nod. Caiff trafodiad (dogfen wedi’i notareiddio, cydsyniad, cofnod bod data wedi’i ddefnyddio) ei lofnodi gan bwy bynnag sy’n ei wneud, ac yna’i ychwanegu at floc.',
  },
  'landing.how.2': {
    en: 'Blocks form a chain. Each one is sealed with a checkpoint that more than two thirds of the validators sign. Changing anything already recorded would break every checkpoint after it.',
    cy: 'Mae’r blociau’n ffurfio cadwyn. Caiff pob un ei selio â phwynt gwirio y mae mwy na dwy ran o dair o’r dilyswyr yn ei lofnodi. Byddai newid unrhyw beth sydd eisoes wedi’i gofnodi yn torri pob pwynt gwirio ar ei ôl.',
  },
  'landing.how.3': {
    en: 'A receipt lets you prove, even years later and without asking anyone, that a transaction is in the ledger, when it was recorded and where it concerns.',
    cy: 'Mae derbynneb yn gadael i chi brofi, hyd yn oed flynyddoedd yn ddiweddarach a heb ofyn i neb, fod trafodiad yn y cyfriflyfr, pryd y cafodd ei gofnodi a’r lle y mae’n ymwneud ag ef.',
  },
} as const satisfies Dictionary;

/** The Wallet and the Portal, until they are built. */
export const comingSoon = {
  'wallet.soon': {
    en: 'The Wallet is coming soon. It will keep your credentials on your phone and let you decide what you share, with whom and for how long.',
    cy: 'Mae’r Waled yn dod cyn bo hir. Bydd yn cadw eich tystlythyrau ar eich ffôn ac yn gadael i chi benderfynu beth rydych yn ei rannu, â phwy ac am ba hyd.',
  },
  'portal.soon': {
    en: 'The Portal for staff of the member bodies is coming soon.',
    cy: 'Mae’r Porth ar gyfer staff y cyrff sy’n aelodau yn dod cyn bo hir.',
  },
  'soon.meanwhile': {
    en: 'In the meantime, you can [explore the ledger](/explorer/) and check receipts and documents for yourself.',
    cy: 'Yn y cyfamser, gallwch [archwilio’r cyfriflyfr](/explorer/) a gwirio derbynebau a dogfennau drosoch eich hun.',
  },
} as const satisfies Dictionary;

/** The Explorer. */
export const explorer = {
  'explorer.h1': { en: 'Explore the ledger', cy: 'Archwilio’r cyfriflyfr' },
  'explorer.lead': {
    en: 'See what is being recorded as it happens, and check receipts, documents and checkpoints for yourself. The checks run in your browser: you do not have to trust this website.',
    cy: 'Gwelwch beth sy’n cael ei gofnodi wrth iddo ddigwydd, a gwiriwch dderbynebau, dogfennau a phwyntiau gwirio drosoch eich hun. Mae’r gwiriadau’n rhedeg yn eich porwr: nid oes rhaid i chi ymddiried yn y wefan hon.',
  },
  'explorer.contents': { en: 'On this page', cy: 'Ar y dudalen hon' },

  'explorer.checkpoint.h2': { en: 'The latest checkpoint', cy: 'Y pwynt gwirio diweddaraf' },
  'explorer.checkpoint.intro': {
    en: 'A checkpoint seals the ledger as it stands after a block. Validators run by the member bodies sign it. Once more than two thirds have signed, nothing before it can be changed without everyone seeing.',
    cy: 'Mae pwynt gwirio yn selio’r cyfriflyfr fel y mae ar ôl bloc. Mae dilyswyr a redir gan y cyrff sy’n aelodau yn ei lofnodi. Unwaith y bydd mwy na dwy ran o dair wedi’i lofnodi, ni ellir newid dim byd cyn hynny heb i bawb weld.',
  },
  'explorer.checkpoint.height': { en: 'Block', cy: 'Bloc' },
  'explorer.checkpoint.logSize': { en: 'Entries in the log', cy: 'Cofnodion yn y log' },
  'explorer.checkpoint.time': { en: 'Sealed', cy: 'Amser selio' },
  'explorer.checkpoint.signers': { en: 'Signed by', cy: 'Wedi’i lofnodi gan' },
  'explorer.checkpoint.signatures': { en: 'Signatures', cy: 'Llofnodion' },
  'explorer.checkpoint.final': { en: 'Final', cy: 'Terfynol' },
  'explorer.checkpoint.notChecked': { en: 'Not confirmed', cy: 'Heb ei gadarnhau' },
  'explorer.checkpoint.signedBy': {
    en: 'checked in your browser: {0} of {1} validators signed, and {2} are needed.',
    cy: 'wedi’u gwirio yn eich porwr: llofnododd {0} o’r {1} dilyswr, ac mae angen {2}.',
  },
  'explorer.checkpoint.raw': {
    en: 'The checkpoint as it was signed',
    cy: 'Y pwynt gwirio fel y’i llofnodwyd',
  },
  'explorer.checkpoint.error.malformed': {
    en: 'This is not a Cadwyn checkpoint, or it is damaged.',
    cy: 'Nid pwynt gwirio Cadwyn yw hwn, neu mae wedi’i ddifrodi.',
  },
  'explorer.checkpoint.error.origin': {
    en: 'This checkpoint is for a different ledger from the one your keys describe.',
    cy: 'Mae’r pwynt gwirio hwn ar gyfer cyfriflyfr gwahanol i’r un a ddisgrifir gan eich allweddi.',
  },
  'explorer.checkpoint.error.signature': {
    en: 'A signature on this checkpoint does not check out: it may have been altered.',
    cy: 'Nid yw un o’r llofnodion ar y pwynt gwirio hwn yn ddilys: efallai ei fod wedi’i newid.',
  },
  'explorer.checkpoint.error.quorum': {
    en: 'Too few of the validators you trust have signed this checkpoint.',
    cy: 'Rhy ychydig o’r dilyswyr yr ydych yn ymddiried ynddynt sydd wedi llofnodi’r pwynt gwirio hwn.',
  },
  'explorer.checkpoint.error.keys': {
    en: 'The validators’ keys could not be used to check this checkpoint.',
    cy: 'Nid oedd modd defnyddio allweddi’r dilyswyr i wirio’r pwynt gwirio hwn.',
  },

  'explorer.blocks.h2': { en: 'Latest blocks', cy: 'Y blociau diweddaraf' },
  'explorer.blocks.intro': {
    en: 'New blocks appear at the top as the ledger seals them. Each transaction shows when it was recorded, the time its sender gave, and the place it concerns.',
    cy: 'Mae blociau newydd yn ymddangos ar y brig wrth i’r cyfriflyfr eu selio. Mae pob trafodiad yn dangos pryd y cafodd ei gofnodi, yr amser a roddodd ei anfonwr, a’r lle y mae’n ymwneud ag ef.',
  },
  'explorer.live.on': {
    en: 'Live: new blocks appear as they are sealed.',
    cy: 'Byw: mae blociau newydd yn ymddangos wrth iddynt gael eu selio.',
  },
  'explorer.live.paused': {
    en: 'Paused. New blocks waiting: {0}.',
    cy: 'Wedi’i oedi. Blociau newydd yn aros: {0}.',
  },
  'explorer.live.reconnecting': {
    en: 'The connection was lost. Trying again…',
    cy: 'Collwyd y cysylltiad. Yn ceisio eto…',
  },
  'explorer.live.pauseButton': { en: 'Pause live updates', cy: 'Oedi’r diweddariadau byw' },
  'explorer.live.resumeButton': {
    en: 'Resume live updates',
    cy: 'Ailddechrau’r diweddariadau byw',
  },
  'explorer.live.announce.one': {
    en: '{0} new block, up to block {1}. Transactions: {2}.',
    cy: '{0} bloc newydd, hyd at floc {1}. Trafodiadau: {2}.',
  },
  'explorer.live.announce.other': {
    en: '{0} new blocks, up to block {1}. Transactions: {2}.',
    cy: '{0} bloc newydd, hyd at floc {1}. Trafodiadau: {2}.',
  },
  'explorer.block.heading': { en: 'Block {0}', cy: 'Bloc {0}' },
  'explorer.block.sealed': { en: 'Sealed {0}', cy: 'Seliwyd {0}' },
  // Welsh keeps the noun singular after a number.
  'explorer.block.txCount.one': { en: '{0} transaction', cy: '{0} trafodiad' },
  'explorer.block.txCount.other': { en: '{0} transactions', cy: '{0} trafodiad' },
  'explorer.block.txsUnavailable': {
    en: 'The transactions in this block could not be loaded.',
    cy: 'Nid oedd modd llwytho’r trafodiadau yn y bloc hwn.',
  },
  'explorer.block.more': { en: 'And {0} more in this block.', cy: 'A {0} arall yn y bloc hwn.' },
  'explorer.tx.type': { en: 'What', cy: 'Beth' },
  'explorer.tx.blockTime': { en: 'Recorded (block time)', cy: 'Cofnodwyd (amser y bloc)' },
  'explorer.tx.claimedTime': {
    en: 'Time given by the sender',
    cy: 'Amser a roddwyd gan yr anfonwr',
  },
  'explorer.tx.where': { en: 'Where', cy: 'Ble' },
  'explorer.tx.sender': { en: 'Sent by', cy: 'Anfonwyd gan' },
  'explorer.tx.id': { en: 'Transaction', cy: 'Trafodiad' },
  'explorer.tx.receipt': { en: 'Download the receipt', cy: 'Lawrlwytho’r dderbynneb' },
  'explorer.tx.block': { en: 'Block', cy: 'Bloc' },
  'explorer.tx.logIndex': { en: 'Place in the log', cy: 'Lle yn y log' },
  'explorer.tx.logIndexOf': { en: 'Entry {0} of {1}', cy: 'Cofnod {0} o {1}' },
  'explorer.sender.pseudonym': { en: 'A pseudonym ({0})', cy: 'Ffugenw ({0})' },
  'explorer.validator': { en: '{0} (validator {1})', cy: '{0} (dilyswr {1})' },

  'explorer.charts.h2': { en: 'Recent activity', cy: 'Gweithgarwch diweddar' },
  'explorer.charts.scope': {
    en: 'Based on the {0} transactions in blocks {1} to {2}.',
    cy: 'Yn seiliedig ar y {0} trafodiad ym mlociau {1} i {2}.',
  },
  'explorer.charts.overTime': { en: 'Transactions over time', cy: 'Trafodiadau dros amser' },
  'explorer.charts.byType': { en: 'Transactions by type', cy: 'Trafodiadau yn ôl math' },
  'explorer.charts.byArea': { en: 'Transactions by area', cy: 'Trafodiadau yn ôl ardal' },
  'explorer.charts.period': { en: 'Period starting', cy: 'Cyfnod yn dechrau' },
  'explorer.charts.type': { en: 'Type', cy: 'Math' },
  'explorer.charts.area': { en: 'Area', cy: 'Ardal' },
  'explorer.charts.count': { en: 'Transactions', cy: 'Trafodiadau' },
  'explorer.charts.asTable': {
    en: 'Show the figures as a table',
    cy: 'Dangos y ffigurau fel tabl',
  },
  'explorer.charts.empty': { en: 'No transactions yet.', cy: 'Dim trafodiadau eto.' },

  'explorer.check.h2': { en: 'Check for yourself', cy: 'Gwiriwch drosoch eich hun' },
  'explorer.check.intro': {
    en: 'These checks run in your browser. Receipts and checkpoints are checked against the consortium keys you choose to trust, and nothing you give them is uploaded.',
    cy: 'Mae’r gwiriadau hyn yn rhedeg yn eich porwr. Caiff derbynebau a phwyntiau gwirio eu gwirio yn erbyn allweddi’r consortiwm yr ydych yn dewis ymddiried ynddynt, ac nid oes dim a roddwch iddynt yn cael ei uwchlwytho.',
  },
  'explorer.technical': { en: 'Technical details', cy: 'Manylion technegol' },

  'explorer.keys.h3': { en: 'The keys you trust', cy: 'Yr allweddi yr ydych yn ymddiried ynddynt' },
  'explorer.keys.intro': {
    en: 'A consortium keys file lists the member bodies and the public keys of their validators. Every check below is made against this file.',
    cy: 'Mae ffeil allweddi’r consortiwm yn rhestru’r cyrff sy’n aelodau ac allweddi cyhoeddus eu dilyswyr. Caiff pob gwiriad isod ei wneud yn erbyn y ffeil hon.',
  },
  'explorer.keys.none': {
    en: 'There are no keys yet. You can fetch them from this node, or choose a keys file.',
    cy: 'Nid oes allweddi eto. Gallwch eu nôl o’r nod hwn, neu ddewis ffeil allweddi.',
  },
  'explorer.keys.fromNode': {
    en: 'Using the keys this node gave on {0}: the consortium at block {1}, with {2} validators.',
    cy: 'Yn defnyddio’r allweddi a roddodd y nod hwn ar {0}: y consortiwm ym mloc {1}, gyda {2} dilyswr.',
  },
  'explorer.keys.fromFile': {
    en: 'Using your keys file {3}, chosen on {0}: the consortium at block {1}, with {2} validators.',
    cy: 'Yn defnyddio eich ffeil allweddi {3}, a ddewiswyd ar {0}: y consortiwm ym mloc {1}, gyda {2} dilyswr.',
  },
  'explorer.keys.warning': {
    en: 'Keys from this node only show that the node agrees with itself. For a check that does not depend on this node, use a keys file from a source you trust, such as a member body.',
    cy: 'Dim ond dangos bod y nod yn cytuno ag ef ei hun y mae allweddi o’r nod hwn. I gael gwiriad nad yw’n dibynnu ar y nod hwn, defnyddiwch ffeil allweddi o ffynhonnell yr ydych yn ymddiried ynddi, megis corff sy’n aelod.',
  },
  'explorer.keys.refetch': {
    en: 'Fetch the keys from this node again',
    cy: 'Nôl yr allweddi o’r nod hwn eto',
  },
  'explorer.keys.refetched': {
    en: 'The keys were fetched from this node.',
    cy: 'Cafwyd yr allweddi o’r nod hwn.',
  },
  'explorer.keys.file': { en: 'Use a keys file', cy: 'Defnyddio ffeil allweddi' },
  'explorer.keys.fileHint': {
    en: 'A JSON file written by ‘cadwyn keys export’.',
    cy: 'Ffeil JSON a ysgrifennwyd gan ‘cadwyn keys export’.',
  },
  'explorer.keys.error.notJson': {
    en: '{0} is not a keys file: it is not JSON',
    cy: 'Nid ffeil allweddi yw {0}: nid JSON ydyw',
  },
  'explorer.keys.error.bad': {
    en: '{0} is not a valid consortium keys file',
    cy: 'Nid yw {0} yn ffeil allweddi consortiwm ddilys',
  },
  'explorer.keys.needed': {
    en: 'Before checking, fetch the keys or choose a keys file:',
    cy: 'Cyn gwirio, mae angen i chi nôl yr allweddi neu ddewis ffeil allweddi:',
  },
  'explorer.keys.checkedAgainst': { en: 'Checked against', cy: 'Wedi’i wirio yn erbyn' },
  'explorer.keys.sourceNode': { en: 'the keys from this node', cy: 'yr allweddi o’r nod hwn' },
  'explorer.keys.sourceFile': { en: 'your keys file {0}', cy: 'eich ffeil allweddi {0}' },

  'explorer.receipt.h3': { en: 'Check a receipt', cy: 'Gwirio derbynneb' },
  'explorer.receipt.intro': {
    en: 'A receipt proves that a transaction is in the ledger, when it was recorded and the place it concerns, and that the validators vouched for it.',
    cy: 'Mae derbynneb yn profi bod trafodiad yn y cyfriflyfr, pryd y cafodd ei gofnodi a’r lle y mae’n ymwneud ag ef, a bod y dilyswyr wedi’i warantu.',
  },
  'explorer.receipt.file': { en: 'Receipt file', cy: 'Ffeil y dderbynneb' },
  'explorer.receipt.fileHint': {
    en: 'A JSON file from ‘cadwyn receipt’, or from a ‘Download the receipt’ link on this page.',
    cy: 'Ffeil JSON o ‘cadwyn receipt’, neu o ddolen ‘Lawrlwytho’r dderbynneb’ ar y dudalen hon.',
  },
  'explorer.receipt.check': { en: 'Check the receipt', cy: 'Gwirio’r dderbynneb' },
  'explorer.receipt.error.none': { en: 'Choose a receipt file', cy: 'Dewiswch ffeil derbynneb' },
  'explorer.receipt.valid': {
    en: 'Valid: this receipt checks out',
    cy: 'Dilys: mae’r dderbynneb hon yn gywir',
  },
  'explorer.receipt.validBody': {
    en: 'The transaction is in the ledger, and {0} of the {1} validators you trust signed the checkpoint that includes it ({2} are needed).',
    cy: 'Mae’r trafodiad yn y cyfriflyfr, a llofnododd {0} o’r {1} dilyswr yr ydych yn ymddiried ynddynt y pwynt gwirio sy’n ei gynnwys (mae angen {2}).',
  },
  'explorer.receipt.invalid': {
    en: 'Not valid: do not rely on this receipt',
    cy: 'Annilys: peidiwch â dibynnu ar y dderbynneb hon',
  },
  'explorer.receipt.payload': { en: 'The transaction’s contents', cy: 'Cynnwys y trafodiad' },

  'explorer.notary.h3': { en: 'Check a document', cy: 'Gwirio dogfen' },
  'explorer.notary.intro': {
    en: 'Find out whether a document was notarised on the ledger, and when. Your file stays on your device: only its SHA-256 fingerprint is sent, to look it up.',
    cy: 'Dewch i wybod a gafodd dogfen ei notareiddio ar y cyfriflyfr, a phryd. Mae eich ffeil yn aros ar eich dyfais: dim ond ei hôl bys SHA-256 sy’n cael ei anfon, i chwilio amdani.',
  },
  'explorer.notary.file': { en: 'Document', cy: 'Dogfen' },
  'explorer.notary.fileHint': { en: 'Any kind of file.', cy: 'Unrhyw fath o ffeil.' },
  'explorer.notary.check': { en: 'Check the document', cy: 'Gwirio’r ddogfen' },
  'explorer.notary.working': {
    en: 'Working out the document’s fingerprint…',
    cy: 'Wrthi’n cyfrifo ôl bys y ddogfen…',
  },
  'explorer.notary.error.none': { en: 'Choose a document', cy: 'Dewiswch ddogfen' },
  'explorer.notary.error.tooLarge': {
    en: '{0} is too big to check in the browser (the limit is {1} MB): use ‘cadwyn notary check’ instead',
    cy: 'Mae {0} yn rhy fawr i’w gwirio yn y porwr (y terfyn yw {1} MB): defnyddiwch ‘cadwyn notary check’ yn lle hynny',
  },
  'explorer.notary.found': { en: 'Notarised', cy: 'Wedi’i notareiddio' },
  'explorer.notary.foundBody': {
    en: 'This document was notarised on {0}.',
    cy: 'Cafodd y ddogfen hon ei notareiddio ar {0}.',
  },
  'explorer.notary.notFound': { en: 'Not notarised', cy: 'Heb ei notareiddio' },
  'explorer.notary.notFoundBody': {
    en: 'No document with this fingerprint has been notarised on this ledger. Even the smallest change to a file gives it a different fingerprint.',
    cy: 'Nid oes dogfen â’r ôl bys hwn wedi’i notareiddio ar y cyfriflyfr hwn. Mae’r newid lleiaf i ffeil yn rhoi ôl bys gwahanol iddi.',
  },
  'explorer.notary.digest': { en: 'Fingerprint (SHA-256)', cy: 'Ôl bys (SHA-256)' },
  'explorer.notary.label': { en: 'Description', cy: 'Disgrifiad' },
  'explorer.notary.status': { en: 'Status', cy: 'Statws' },
  'explorer.notary.status.final': {
    en: 'Final: signed by enough validators',
    cy: 'Terfynol: wedi’i lofnodi gan ddigon o ddilyswyr',
  },
  'explorer.notary.status.committed': {
    en: 'Recorded, waiting for the validators’ signatures',
    cy: 'Wedi’i gofnodi, yn aros am lofnodion y dilyswyr',
  },
  'explorer.notary.trust': {
    en: 'This answer comes from this node. To prove it without trusting the node, download the receipt and check it above.',
    cy: 'Daw’r ateb hwn o’r nod hwn. I’w brofi heb ymddiried yn y nod, lawrlwythwch y dderbynneb a’i gwirio uchod.',
  },

  'explorer.consistency.h3': {
    en: 'Check that the ledger has not been rewritten',
    cy: 'Gwirio nad yw’r cyfriflyfr wedi’i ailysgrifennu',
  },
  'explorer.consistency.intro': {
    en: 'Save a checkpoint today. Later, compare it with a newer one: if the newer log does not contain the older one unchanged, history has been rewritten.',
    cy: 'Cadwch bwynt gwirio heddiw. Yn nes ymlaen, cymharwch ef ag un mwy diweddar: os nad yw’r log mwy diweddar yn cynnwys yr hen un heb ei newid, mae hanes wedi’i ailysgrifennu.',
  },
  'explorer.consistency.save': {
    en: 'Save the latest checkpoint',
    cy: 'Cadw’r pwynt gwirio diweddaraf',
  },
  'explorer.consistency.older': { en: 'Earlier checkpoint', cy: 'Pwynt gwirio cynharach' },
  'explorer.consistency.olderHint': {
    en: 'Paste it here, or drop the file you saved.',
    cy: 'Gludwch ef yma, neu gollyngwch y ffeil a gadwoch chi.',
  },
  'explorer.consistency.newer': { en: 'Later checkpoint', cy: 'Pwynt gwirio diweddarach' },
  'explorer.consistency.newerHint': {
    en: 'Paste it here, drop a file, or use the latest one.',
    cy: 'Gludwch ef yma, gollyngwch ffeil, neu ddefnyddiwch yr un diweddaraf.',
  },
  'explorer.consistency.useLatest': {
    en: 'Use the latest checkpoint',
    cy: 'Defnyddio’r pwynt gwirio diweddaraf',
  },
  'explorer.consistency.check': {
    en: 'Check the two checkpoints',
    cy: 'Gwirio’r ddau bwynt gwirio',
  },
  'explorer.consistency.error.empty': { en: 'Enter a checkpoint', cy: 'Rhowch bwynt gwirio' },
  'explorer.consistency.ok': {
    en: 'Consistent: the later log extends the earlier one',
    cy: 'Cyson: mae’r log diweddarach yn estyn yr un cynharach',
  },
  'explorer.consistency.okBody': {
    en: 'Everything in the log of {0} entries (block {1}, sealed {2}) is still there, unchanged and in the same order, in the log of {3} entries (block {4}, sealed {5}).',
    cy: 'Mae popeth yn y log o {0} cofnod (bloc {1}, wedi’i selio {2}) yno o hyd, heb ei newid ac yn yr un drefn, yn y log o {3} cofnod (bloc {4}, wedi’i selio {5}).',
  },
  'explorer.consistency.bad': { en: 'Not consistent', cy: 'Anghyson' },
  'explorer.consistency.failed': {
    en: 'This node could not prove that the log of {3} entries (block {4}) extends the log of {0} entries (block {1}). Both checkpoints are signed by validators you trust, so either history was rewritten between them or this node holds a different history. Keep both checkpoints and tell the member bodies.',
    cy: 'Nid oedd y nod hwn yn gallu profi bod y log o {3} cofnod (bloc {4}) yn estyn y log o {0} cofnod (bloc {1}). Mae’r ddau bwynt gwirio wedi’u llofnodi gan ddilyswyr yr ydych yn ymddiried ynddynt, felly naill ai cafodd hanes ei ailysgrifennu rhyngddynt neu mae gan y nod hwn hanes gwahanol. Cadwch y ddau bwynt gwirio a rhowch wybod i’r cyrff sy’n aelodau.',
  },
  'explorer.consistency.noProof': {
    en: 'This node could not give a proof between the log of {0} entries and the log of {3} entries. Its own log may be shorter than the later checkpoint’s: try the node of another member body.',
    cy: 'Nid oedd y nod hwn yn gallu rhoi prawf rhwng y log o {0} cofnod a’r log o {3} cofnod. Efallai fod ei log ei hun yn fyrrach na log y pwynt gwirio diweddarach: rhowch gynnig ar nod corff arall sy’n aelod.',
  },
  'explorer.consistency.outOfOrder': {
    en: 'These checkpoints contradict each other: the one with the longer log (block {4}, sealed {5}) has an earlier block or time than the other (block {1}, sealed {2}). They cannot both be true of one ledger.',
    cy: 'Mae’r pwyntiau gwirio hyn yn gwrth-ddweud ei gilydd: mae gan yr un â’r log hirach (bloc {4}, wedi’i selio {5}) floc neu amser cynharach na’r llall (bloc {1}, wedi’i selio {2}). Ni all y ddau fod yn wir am un cyfriflyfr.',
  },

  // The business register (web/explorer/businesses/)
  'explorer.business.link': {
    en: 'Look up an organisation in the [business register](/explorer/businesses/): its names in English and Welsh, its licences and every change to it.',
    cy: 'Chwiliwch am sefydliad yn y [gofrestr busnesau](/explorer/businesses/): ei enwau yn Gymraeg ac yn Saesneg, ei drwyddedau a phob newid iddo.',
  },
  // Regulated goods (web/explorer/goods/, decision 0011)
  'explorer.goods.link': {
    en: 'See where a [regulated product](/explorer/goods/) came from, who has held it and what has been recalled.',
    cy: 'Gwelwch o ble daeth [cynnyrch rheoledig](/explorer/goods/), pwy sydd wedi’i ddal a beth sydd wedi’i alw’n ôl.',
  },
  // Property titles (web/explorer/titles/, decision 0012)
  'explorer.titles.link': {
    en: 'Read the [title register](/explorer/titles/): a property’s title, its charges and restrictions, and where a sale stands — owners appear only by pseudonym.',
    cy: 'Darllenwch y [gofrestr teitlau](/explorer/titles/): teitl eiddo, ei arwystlon a’i gyfyngiadau, a ble mae gwerthiant arni — dim ond drwy ffugenw y mae perchnogion yn ymddangos.',
  },
} as const satisfies Dictionary;

const REGULATIONS_EN =
  'the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018';
const REGULATIONS_CY =
  'Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018';
const CONTACT = '[accessibility@cadwyn.gwent.example](mailto:accessibility@cadwyn.gwent.example)';
const STATEMENT_DATE = { en: '25 November 2026', cy: '25 Tachwedd 2026' };

/** The accessibility statement (the model statement for UK public-sector websites). */
export const accessibility = {
  'a11y.h1': {
    en: 'Accessibility statement for Cadwyn',
    cy: 'Datganiad hygyrchedd ar gyfer Cadwyn',
  },
  'a11y.scope': {
    en: 'This statement applies to the Cadwyn website: the Explorer, the Wallet, the Portal and these pages. The website is run together by the public bodies of Gwent: the councils of Blaenau Gwent, Caerphilly, Monmouthshire, Newport and Torfaen, Aneurin Bevan University Health Board, Gwent Police, South Wales Fire and Rescue Service and Natural Resources Wales.',
    cy: 'Mae’r datganiad hwn yn berthnasol i wefan Cadwyn: yr Archwiliwr, y Waled, y Porth a’r tudalennau hyn. Caiff y wefan ei rhedeg ar y cyd gan gyrff cyhoeddus Gwent: cynghorau Blaenau Gwent, Caerffili, Sir Fynwy, Casnewydd a Thor-faen, Bwrdd Iechyd Prifysgol Aneurin Bevan, Heddlu Gwent, Gwasanaeth Tân ac Achub De Cymru a Chyfoeth Naturiol Cymru.',
  },
  'a11y.want': {
    en: 'We want as many people as possible to be able to use this website. For example, you should be able to:',
    cy: 'Rydym am i gymaint o bobl â phosibl allu defnyddio’r wefan hon. Er enghraifft, dylech allu:',
  },
  'a11y.want.1': {
    en: 'change colours, contrast levels and fonts using your browser or device settings',
    cy: 'newid lliwiau, lefelau cyferbyniad a ffontiau drwy osodiadau eich porwr neu’ch dyfais',
  },
  'a11y.want.2': {
    en: 'zoom in up to 400% without the text spilling off the screen',
    cy: 'chwyddo hyd at 400% heb i’r testun lifo oddi ar y sgrin',
  },
  'a11y.want.3': {
    en: 'use the whole website with just a keyboard',
    cy: 'defnyddio’r wefan gyfan gyda bysellfwrdd yn unig',
  },
  'a11y.want.4': {
    en: 'use most of the website with speech recognition software',
    cy: 'defnyddio’r rhan fwyaf o’r wefan gyda meddalwedd adnabod lleferydd',
  },
  'a11y.want.5': {
    en: 'listen to most of the website with a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)',
    cy: 'gwrando ar y rhan fwyaf o’r wefan gyda darllenydd sgrin (gan gynnwys y fersiynau diweddaraf o JAWS, NVDA a VoiceOver)',
  },
  'a11y.want.6': {
    en: 'use the whole website in Welsh or in English, and change language on any page',
    cy: 'defnyddio’r wefan gyfan yn Gymraeg neu yn Saesneg, a newid iaith ar unrhyw dudalen',
  },
  'a11y.simple': {
    en: 'We have also made the text as simple as we can. [AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use if you have a disability.',
    cy: 'Rydym hefyd wedi gwneud y testun mor syml ag y gallwn. Mae gan [AbilityNet](https://mcmw.abilitynet.org.uk/) gyngor ar wneud eich dyfais yn haws ei defnyddio os oes gennych anabledd.',
  },
  'a11y.how.h2': { en: 'How accessible this website is', cy: 'Pa mor hygyrch yw’r wefan hon' },
  'a11y.how': {
    en: 'We know some parts of this website are not fully accessible:',
    cy: 'Rydym yn gwybod nad yw rhai rhannau o’r wefan hon yn gwbl hygyrch:',
  },
  'a11y.how.1': {
    en: 'transaction identifiers and document fingerprints are long codes that are hard to follow when read aloud (the page always says in words what they mean)',
    cy: 'mae dynodyddion trafodiadau ac olion bysedd dogfennau yn godau hir sy’n anodd eu dilyn pan gânt eu darllen yn uchel (mae’r dudalen bob amser yn dweud mewn geiriau beth yw eu hystyr)',
  },
  'a11y.how.2': {
    en: 'the signed checkpoint text and a transaction’s contents, shown for specialists, are in a technical format and are not translated',
    cy: 'mae testun y pwynt gwirio wedi’i lofnodi a chynnwys trafodiad, a ddangosir ar gyfer arbenigwyr, mewn fformat technegol ac nid ydynt wedi’u cyfieithu',
  },
  'a11y.how.3': {
    en: 'the Wallet and the Portal are new and have not yet been tested by disabled people',
    cy: 'mae’r Waled a’r Porth yn newydd ac nid ydynt wedi’u profi eto gan bobl anabl',
  },
  'a11y.contact.h2': {
    en: 'Feedback and contact information',
    cy: 'Adborth a gwybodaeth gyswllt',
  },
  'a11y.contact': {
    en: `If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille, email ${CONTACT}. We will consider your request and get back to you within 5 working days.`,
    cy: `Os oes angen gwybodaeth ar y wefan hon arnoch mewn fformat gwahanol, megis PDF hygyrch, print bras, fformat hawdd ei ddeall, recordiad sain neu braille, e-bostiwch ${CONTACT}. Byddwn yn ystyried eich cais ac yn cysylltu â chi o fewn 5 diwrnod gwaith.`,
  },
  'a11y.contact.welsh': {
    en: 'You can contact us in Welsh or in English. We will reply in the language you use, and a reply in Welsh will not take longer.',
    cy: 'Gallwch gysylltu â ni yn Gymraeg neu yn Saesneg. Byddwn yn ateb yn yr iaith a ddefnyddiwch, ac ni fydd ateb yn Gymraeg yn cymryd mwy o amser.',
  },
  'a11y.report.h2': {
    en: 'Reporting accessibility problems with this website',
    cy: 'Rhoi gwybod am broblemau hygyrchedd ar y wefan hon',
  },
  'a11y.report': {
    en: `We are always looking to improve the accessibility of this website. If you find any problems not listed on this page, or think we are not meeting accessibility requirements, email ${CONTACT}. Tell us the page, what you were trying to do, and the browser and any assistive technology you use.`,
    cy: `Rydym bob amser yn ceisio gwella hygyrchedd y wefan hon. Os dewch o hyd i unrhyw broblemau nad ydynt wedi’u rhestru ar y dudalen hon, neu os ydych yn credu nad ydym yn bodloni’r gofynion hygyrchedd, e-bostiwch ${CONTACT}. Dywedwch wrthym pa dudalen, beth roeddech yn ceisio’i wneud, a’r porwr ac unrhyw dechnoleg gynorthwyol rydych yn ei defnyddio.`,
  },
  'a11y.enforcement.h2': { en: 'Enforcement procedure', cy: 'Gweithdrefn orfodi' },
  'a11y.enforcement': {
    en: `The Equality and Human Rights Commission (EHRC) is responsible for enforcing ${REGULATIONS_EN} (the ‘accessibility regulations’). If you are not happy with how we respond to your complaint, [contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).`,
    cy: `Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy’n gyfrifol am orfodi ${REGULATIONS_CY} (y ‘rheoliadau hygyrchedd’). Os nad ydych yn fodlon â’r ffordd rydym yn ymateb i’ch cwyn, [cysylltwch â’r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS)](https://www.equalityadvisoryservice.com/).`,
  },
  'a11y.enforcement.welsh': {
    en: 'If you think we have not met our duty to provide this website in Welsh, you can also complain to the [Welsh Language Commissioner](https://www.welshlanguagecommissioner.wales/).',
    cy: 'Os ydych yn credu nad ydym wedi cyflawni ein dyletswydd i ddarparu’r wefan hon yn Gymraeg, gallwch hefyd gwyno wrth [Gomisiynydd y Gymraeg](https://www.comisiynyddygymraeg.cymru/).',
  },
  'a11y.technical.h2': {
    en: 'Technical information about this website’s accessibility',
    cy: 'Gwybodaeth dechnegol am hygyrchedd y wefan hon',
  },
  'a11y.technical': {
    en: `The public bodies of Gwent are committed to making this website accessible, in accordance with ${REGULATIONS_EN}.`,
    cy: `Mae cyrff cyhoeddus Gwent wedi ymrwymo i sicrhau bod y wefan hon yn hygyrch, yn unol â ${REGULATIONS_CY}.`,
  },
  'a11y.status.h3': { en: 'Compliance status', cy: 'Statws cydymffurfio' },
  'a11y.status': {
    en: 'This website is partially compliant with the [Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard, because of the gaps listed below.',
    cy: 'Mae’r wefan hon yn cydymffurfio’n rhannol â safon AA [Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2](https://www.w3.org/TR/WCAG22/), oherwydd y bylchau a restrir isod.',
  },
  'a11y.gaps.h3': { en: 'Non-accessible content', cy: 'Cynnwys nad yw’n hygyrch' },
  'a11y.gaps': {
    en: 'The website has not yet been audited by an accessibility specialist or tested with disabled people. Until it has, there may be failures against WCAG 2.2 AA that automated testing cannot find. We plan to complete an audit by 31 March 2027 and will then update this statement.',
    cy: 'Nid yw’r wefan wedi cael ei harchwilio eto gan arbenigwr hygyrchedd na’i phrofi gyda phobl anabl. Hyd nes y bydd hynny wedi digwydd, gallai fod methiannau yn erbyn WCAG 2.2 AA na all profion awtomatig eu canfod. Rydym yn bwriadu cwblhau archwiliad erbyn 31 Mawrth 2027 ac yna byddwn yn diweddaru’r datganiad hwn.',
  },
  'a11y.improve.h2': {
    en: 'What we are doing to improve accessibility',
    cy: 'Beth rydym yn ei wneud i wella hygyrchedd',
  },
  'a11y.improve': {
    en: 'Every page, in both languages, is checked with the axe-core accessibility engine in a browser whenever the software changes, at phone and desktop sizes. We also check keyboard use, that focus is always visible, and that nothing depends on colour alone.',
    cy: 'Caiff pob tudalen, yn y ddwy iaith, ei gwirio gyda pheiriant hygyrchedd axe-core mewn porwr bob tro y bydd y feddalwedd yn newid, ar faint ffôn a bwrdd gwaith. Rydym hefyd yn gwirio defnydd bysellfwrdd, bod ffocws bob amser yn weladwy, a bod dim yn dibynnu ar liw yn unig.',
  },
  'a11y.prepared.h2': {
    en: 'Preparation of this accessibility statement',
    cy: 'Paratoi’r datganiad hygyrchedd hwn',
  },
  'a11y.prepared': {
    en: `This statement was prepared on ${STATEMENT_DATE.en}. It was last reviewed on ${STATEMENT_DATE.en}.`,
    cy: `Paratowyd y datganiad hwn ar ${STATEMENT_DATE.cy}. Cafodd ei adolygu ddiwethaf ar ${STATEMENT_DATE.cy}.`,
  },
  'a11y.tested': {
    en: `This website was last tested on ${STATEMENT_DATE.en} against the WCAG 2.2 AA standard. The test was carried out by the Cadwyn team, with automated tests (axe-core in Chromium) on every page in English and in Welsh, and with checks of keyboard use.`,
    cy: `Profwyd y wefan hon ddiwethaf ar ${STATEMENT_DATE.cy} yn erbyn safon AA WCAG 2.2. Cynhaliwyd y prawf gan dîm Cadwyn, gyda phrofion awtomatig (axe-core yn Chromium) ar bob tudalen yn Saesneg ac yn Gymraeg, a chyda gwiriadau o ddefnydd bysellfwrdd.`,
  },
} as const satisfies Dictionary;

/** Every dictionary: t() looks in all of them, and the tests check all of them. */
export const DICTIONARIES = {
  common,
  areas,
  landing,
  comingSoon,
  explorer,
  accessibility,
} as const;

/** The page dictionaries, registered at run time by their pages (typed here). */
interface PageDictionaries {
  readonly wallet: typeof wallet;
  readonly portal: typeof portal;
  readonly businesses: typeof businesses;
  readonly goods: typeof goods;
  readonly titles: typeof titles;
  readonly business: typeof business;
  readonly businessLanding: typeof businessLanding;
}
type AllDictionaries = typeof DICTIONARIES & PageDictionaries;

/** A string's key. */
export type Key = {
  [D in keyof AllDictionaries]: keyof AllDictionaries[D];
}[keyof AllDictionaries] &
  string;
