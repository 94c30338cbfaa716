// The business register page's strings (web/explorer/businesses/, decision 0010), in English and
// Welsh. Registered by that page with useStrings(), so the Wallet's bundle does not carry them.
import type { Dictionary } from '../../shared/i18n.js';

export const businesses = {
  'explorer.business.title': { en: 'Business register', cy: 'Cofrestr busnesau' },
  'explorer.business.h1': {
    en: 'Search the business register',
    cy: 'Chwilio’r gofrestr busnesau',
  },
  'explorer.business.lead': {
    en: 'Organisations registered in Gwent, their licences and every change to them, as the ledger records them. People are never named here: directors are recorded only as sealed references.',
    cy: 'Sefydliadau sydd wedi’u cofrestru yng Ngwent, eu trwyddedau a phob newid iddynt, fel y mae’r cyfriflyfr yn eu cofnodi. Nid oes neb yn cael ei enwi yma: dim ond fel cyfeiriadau wedi’u selio y cofnodir cyfarwyddwyr.',
  },
  'explorer.business.back.explorer': { en: 'Back to the Explorer', cy: 'Yn ôl i’r Archwiliwr' },
  'explorer.business.back.search': {
    en: 'Back to the business register',
    cy: 'Yn ôl i’r gofrestr busnesau',
  },
  'explorer.business.search.label': {
    en: 'Name or registered number',
    cy: 'Enw neu rif cofrestredig',
  },
  'explorer.business.search.hint': {
    en: 'The start of the name in English or Welsh, for example ‘bragdy’ or ‘bridge cafe’ (accents and capitals do not matter), or a number such as GW000001.',
    cy: 'Dechrau’r enw yn Saesneg neu’n Gymraeg, er enghraifft ‘bragdy’ neu ‘caffi’ (nid yw acenion a phriflythrennau’n bwysig), neu rif fel GW000001.',
  },
  'explorer.business.search.button': { en: 'Search', cy: 'Chwilio' },
  'explorer.business.search.none': {
    en: 'No registered organisation matches your search.',
    cy: 'Nid oes sefydliad cofrestredig yn cyfateb i’ch chwiliad.',
  },
  'explorer.business.search.invalid': {
    en: 'Enter a name with letters or digits, or a number such as GW000001.',
    cy: 'Rhowch enw gyda llythrennau neu ddigidau, neu rif fel GW000001.',
  },
  'explorer.business.results.caption': {
    en: 'Organisations whose name starts, or once started, with ‘{0}’',
    cy: 'Sefydliadau y mae eu henw’n dechrau, neu’n arfer dechrau, gyda ‘{0}’',
  },
  'explorer.business.results.recent': {
    en: 'Recently registered organisations',
    cy: 'Sefydliadau a gofrestrwyd yn ddiweddar',
  },
  'explorer.business.loading': { en: 'Loading…', cy: 'Wrthi’n llwytho…' },
  'explorer.business.error': {
    en: 'The register could not be read just now. Try again later.',
    cy: 'Nid oedd modd darllen y gofrestr ar hyn o bryd. Rhowch gynnig arall arni nes ymlaen.',
  },
  'explorer.business.col.number': { en: 'Registered number', cy: 'Rhif cofrestredig' },
  'explorer.business.col.name': { en: 'Name', cy: 'Enw' },
  'explorer.business.col.area': {
    en: 'Registered office area',
    cy: 'Ardal y swyddfa gofrestredig',
  },
  'explorer.business.name.en': { en: 'Name in English', cy: 'Enw yn Saesneg' },
  'explorer.business.name.cy': { en: 'Name in Welsh', cy: 'Enw yn Gymraeg' },
  'explorer.business.name.none': { en: 'None registered', cy: 'Dim un wedi’i gofrestru' },
  'explorer.business.kind': { en: 'Type', cy: 'Math' },
  'explorer.business.kind.private-limited': {
    en: 'Private limited company',
    cy: 'Cwmni preifat cyfyngedig',
  },
  'explorer.business.kind.public-limited': {
    en: 'Public limited company',
    cy: 'Cwmni cyfyngedig cyhoeddus',
  },
  'explorer.business.kind.llp': {
    en: 'Limited liability partnership',
    cy: 'Partneriaeth atebolrwydd cyfyngedig',
  },
  'explorer.business.kind.partnership': { en: 'Partnership', cy: 'Partneriaeth' },
  'explorer.business.kind.sole-trader': { en: 'Sole trader', cy: 'Unig fasnachwr' },
  'explorer.business.kind.cic': {
    en: 'Community interest company',
    cy: 'Cwmni buddiant cymunedol',
  },
  'explorer.business.kind.charity-cio': {
    en: 'Charitable incorporated organisation',
    cy: 'Sefydliad corfforedig elusennol',
  },
  'explorer.business.kind.co-operative': {
    en: 'Co-operative society',
    cy: 'Cymdeithas gydweithredol',
  },
  'explorer.business.status': { en: 'Status', cy: 'Statws' },
  'explorer.business.status.registered': { en: 'Registered', cy: 'Cofrestredig' },
  'explorer.business.status.dissolved': { en: 'Dissolved', cy: 'Wedi’i diddymu' },
  'explorer.business.registered': { en: 'Registered on', cy: 'Cofrestrwyd ar' },
  'explorer.business.dissolved': { en: 'Dissolved on', cy: 'Diddymwyd ar' },
  'explorer.business.registrar': { en: 'Registered by', cy: 'Cofrestrwyd gan' },
  'explorer.business.licences.h2': { en: 'Licences', cy: 'Trwyddedau' },
  'explorer.business.licences.none': {
    en: 'No licences have been granted to this organisation.',
    cy: 'Nid oes trwyddedau wedi’u rhoi i’r sefydliad hwn.',
  },
  'explorer.business.licence.kind.premises-licence': {
    en: 'Premises licence',
    cy: 'Trwydded safle',
  },
  'explorer.business.licence.kind.food-hygiene-registration': {
    en: 'Food business registration',
    cy: 'Cofrestriad busnes bwyd',
  },
  'explorer.business.licence.kind.waste-permit': {
    en: 'Environmental permit (waste)',
    cy: 'Trwydded amgylcheddol (gwastraff)',
  },
  'explorer.business.licence.kind.fire-safety-certificate': {
    en: 'Fire safety certificate',
    cy: 'Tystysgrif diogelwch tân',
  },
  'explorer.business.licence.kind.regulated-goods-cultivation': {
    en: 'Regulated goods: cultivation',
    cy: 'Nwyddau rheoledig: tyfu',
  },
  'explorer.business.licence.kind.regulated-goods-processing': {
    en: 'Regulated goods: processing',
    cy: 'Nwyddau rheoledig: prosesu',
  },
  'explorer.business.licence.kind.regulated-goods-retail': {
    en: 'Regulated goods: retail',
    cy: 'Nwyddau rheoledig: manwerthu',
  },
  'explorer.business.licence.kind.regulated-goods-transport': {
    en: 'Regulated goods: transport',
    cy: 'Nwyddau rheoledig: cludo',
  },
  'explorer.business.licence.other': { en: 'Licence', cy: 'Trwydded' },
  'explorer.business.licence.status': { en: 'Valid now?', cy: 'Yn ddilys nawr?' },
  'explorer.business.licence.status.valid': { en: 'Valid now', cy: 'Dilys nawr' },
  'explorer.business.licence.status.not-yet-valid': {
    en: 'Not valid yet',
    cy: 'Ddim yn ddilys eto',
  },
  'explorer.business.licence.status.expired': { en: 'Expired', cy: 'Wedi dod i ben' },
  'explorer.business.licence.status.revoked': { en: 'Revoked', cy: 'Wedi’i dirymu' },
  'explorer.business.licence.grantedBy': { en: 'Granted by', cy: 'Rhoddwyd gan' },
  'explorer.business.licence.ref': { en: 'Their reference', cy: 'Eu cyfeirnod' },
  'explorer.business.licence.from': { en: 'Valid from', cy: 'Dilys o' },
  'explorer.business.licence.until': { en: 'Valid until', cy: 'Dilys tan' },
  'explorer.business.history.h2': { en: 'History', cy: 'Hanes' },
  'explorer.business.history.intro': {
    en: 'Every change, oldest first. Each one is a transaction on the ledger: download its receipt to check it for yourself.',
    cy: 'Pob newid, yr hynaf yn gyntaf. Mae pob un yn drafodiad ar y cyfriflyfr: lawrlwythwch ei dderbynneb i’w wirio drosoch eich hun.',
  },
  'explorer.business.history.by': { en: 'By', cy: 'Gan' },
  'explorer.business.history.tx': { en: 'View the transaction', cy: 'Gweld y trafodiad' },
  'explorer.business.event.registered': { en: 'Registered', cy: 'Cofrestrwyd' },
  'explorer.business.event.amended': { en: 'Details changed', cy: 'Newidiwyd y manylion' },
  'explorer.business.event.dissolved': { en: 'Dissolved', cy: 'Diddymwyd' },
  'explorer.business.event.licensed': { en: 'Licence granted: {0}', cy: 'Rhoddwyd trwydded: {0}' },
  'explorer.business.event.licence-revoked': {
    en: 'Licence revoked: {0}',
    cy: 'Dirymwyd trwydded: {0}',
  },
  'explorer.business.formerly': { en: 'Formerly: {0}', cy: 'Gynt: {0}' },
  'explorer.business.formerNames': { en: 'Former names', cy: 'Enwau blaenorol' },
  'explorer.business.formerNames.until': { en: 'until', cy: 'tan' },
  'explorer.business.dissolvedNote': {
    en: 'This organisation has been dissolved. It stays on the register, and its name may now be registered by another organisation.',
    cy: 'Mae’r sefydliad hwn wedi’i ddiddymu. Mae’n aros ar y gofrestr, a gall sefydliad arall gofrestru ei enw bellach.',
  },
  'explorer.business.dissolveReason': {
    en: 'Why it was dissolved',
    cy: 'Pam y cafodd ei ddiddymu',
  },
  'explorer.business.history.reason': { en: 'Reason: {0}', cy: 'Rheswm: {0}' },
  'explorer.business.change.name': {
    en: 'Name: {0} → {1}',
    cy: 'Enw: {0} → {1}',
  },
  'explorer.business.change.officeArea': {
    en: 'Office area: {0} → {1}',
    cy: 'Ardal y swyddfa: {0} → {1}',
  },
  'explorer.business.change.directors': {
    en: 'Directors changed ({0} → {1})',
    cy: 'Newidiwyd y cyfarwyddwyr ({0} → {1})',
  },
  'explorer.business.live.entry': {
    en: 'This entry has just changed on the ledger: the page now shows it as it is.',
    cy: 'Mae’r cofnod hwn newydd newid ar y cyfriflyfr: mae’r dudalen yn ei ddangos fel y mae nawr.',
  },
  'explorer.business.live.list': {
    en: 'The register has just changed: the list now shows it as it is.',
    cy: 'Mae’r gofrestr newydd newid: mae’r rhestr yn ei dangos fel y mae nawr.',
  },
  'explorer.business.unknown.h1': {
    en: 'No organisation with this number',
    cy: 'Dim sefydliad â’r rhif hwn',
  },
  'explorer.business.unknown.body': {
    en: 'Check the number and search again.',
    cy: 'Gwiriwch y rhif a chwilio eto.',
  },
} as const satisfies Dictionary;
