// The title register page's strings (web/explorer/titles/, decision 0012), in English and
// Welsh. Registered by that page with useStrings(), so other pages' bundles do not carry them.
import type { Dictionary } from '../../shared/i18n.js';

export const titles = {
  'explorer.title.title': { en: 'Property title register', cy: 'Cofrestr teitlau eiddo' },
  'explorer.title.h1': {
    en: 'Look up a property title',
    cy: 'Chwilio am deitl eiddo',
  },
  'explorer.title.lead': {
    en: 'Titles to land in Gwent and every transfer of them, as the ledger records them. Nobody is named here: owners are recorded only as sealed references, and the parties to a transfer only by references used for that one transfer.',
    cy: 'Teitlau i dir yng Ngwent a phob trosglwyddiad ohonynt, fel y mae’r cyfriflyfr yn eu cofnodi. Nid oes neb yn cael ei enwi yma: dim ond fel cyfeiriadau wedi’u selio y cofnodir perchnogion, a’r partïon i drosglwyddiad dim ond drwy gyfeiriadau a ddefnyddir ar gyfer yr un trosglwyddiad hwnnw.',
  },
  'explorer.title.back.explorer': { en: 'Back to the Explorer', cy: 'Yn ôl i’r Archwiliwr' },
  'explorer.title.back.search': {
    en: 'Back to the title register',
    cy: 'Yn ôl i’r gofrestr teitlau',
  },
  'explorer.title.search.label': {
    en: 'Title number or UPRN',
    cy: 'Rhif teitl neu UPRN',
  },
  'explorer.title.search.hint': {
    en: 'A title number such as CYM512001, or the property’s Unique Property Reference Number (up to 12 digits).',
    cy: 'Rhif teitl fel CYM512001, neu Gyfeirnod Eiddo Unigryw yr eiddo (hyd at 12 digid).',
  },
  'explorer.title.search.button': { en: 'Look up', cy: 'Chwilio' },
  'explorer.title.search.invalid': {
    en: 'Enter a title number such as CYM512001 or a UPRN of up to 12 digits.',
    cy: 'Rhowch rif teitl fel CYM512001 neu UPRN o hyd at 12 digid.',
  },
  'explorer.title.search.none': {
    en: 'No title on the register matches.',
    cy: 'Nid oes teitl ar y gofrestr yn cyfateb.',
  },
  'explorer.title.results.all': { en: 'Titles on the register', cy: 'Teitlau ar y gofrestr' },
  'explorer.title.results.uprn': {
    en: 'Titles on the parcel with UPRN {0}',
    cy: 'Teitlau ar y parsel ag UPRN {0}',
  },
  'explorer.title.loading': { en: 'Loading…', cy: 'Wrthi’n llwytho…' },
  'explorer.title.error': {
    en: 'The register could not be read just now. Try again later.',
    cy: 'Nid oedd modd darllen y gofrestr ar hyn o bryd. Rhowch gynnig arall arni nes ymlaen.',
  },
  'explorer.title.col.number': { en: 'Title number', cy: 'Rhif teitl' },
  'explorer.title.col.tenure': { en: 'Tenure', cy: 'Deiliadaeth' },
  'explorer.title.col.area': { en: 'Area', cy: 'Ardal' },
  'explorer.title.col.transfer': { en: 'Transfer in progress', cy: 'Trosglwyddiad ar y gweill' },
  'explorer.title.uprn': { en: 'UPRN', cy: 'UPRN (cyfeirnod eiddo)' },
  'explorer.title.tenure.freehold': { en: 'Freehold', cy: 'Rhydd-ddaliad' },
  'explorer.title.tenure.leasehold': { en: 'Leasehold', cy: 'Lesddaliad' },
  'explorer.title.owners': { en: 'Owners', cy: 'Perchnogion' },
  'explorer.title.owners.count': {
    en: '{0} (pseudonymous)',
    cy: '{0} (ffugenwol)',
  },
  'explorer.title.owners.hint': {
    en: 'Owners are sealed references: the registrar can show that a person is an owner, but nobody can list a person’s property from the ledger.',
    cy: 'Cyfeiriadau wedi’u selio yw perchnogion: gall y cofrestrydd ddangos bod rhywun yn berchennog, ond ni all neb restru eiddo rhywun o’r cyfriflyfr.',
  },
  'explorer.title.registrar': { en: 'Registered by', cy: 'Cofrestrwyd gan' },
  'explorer.title.registered': { en: 'Registered on', cy: 'Cofrestrwyd ar' },
  'explorer.title.none': { en: 'None', cy: 'Dim' },
  'explorer.title.charges.h2': { en: 'Charges', cy: 'Arwystlon' },
  'explorer.title.charges.none': {
    en: 'There are no charges (mortgages) on this title.',
    cy: 'Nid oes arwystlon (morgeisi) ar y teitl hwn.',
  },
  'explorer.title.charge.ref': { en: 'Lender’s reference', cy: 'Cyfeirnod y benthyciwr' },
  'explorer.title.charge.lender': { en: 'Lender', cy: 'Benthyciwr' },
  'explorer.title.restrictions.h2': { en: 'Restrictions', cy: 'Cyfyngiadau' },
  'explorer.title.restrictions.none': {
    en: 'There are no restrictions on this title.',
    cy: 'Nid oes cyfyngiadau ar y teitl hwn.',
  },
  'explorer.title.restriction.kind.joint-proprietors': {
    en: 'Joint owners (a sole survivor cannot give a valid receipt)',
    cy: 'Cydberchnogion (ni all un sydd wedi goroesi roi derbynneb ddilys)',
  },
  'explorer.title.restriction.kind.notice': { en: 'Notice', cy: 'Hysbysiad' },
  'explorer.title.restriction.kind.consent-required': {
    en: 'No transfer without another party’s consent',
    cy: 'Dim trosglwyddiad heb gydsyniad parti arall',
  },
  'explorer.title.restriction.kind.court-order': { en: 'Court order', cy: 'Gorchymyn llys' },
  'explorer.title.restriction.kind.bankruptcy': { en: 'Bankruptcy', cy: 'Methdaliad' },
  'explorer.title.restriction.blocks': {
    en: 'Stops a transfer',
    cy: 'Yn atal trosglwyddiad',
  },
  'explorer.title.restriction.informs': {
    en: 'For information',
    cy: 'Er gwybodaeth',
  },
  'explorer.title.transfer.link': {
    en: 'See where the transfer stands',
    cy: 'Gweld sefyllfa’r trosglwyddiad',
  },
  'explorer.title.history.h2': { en: 'History', cy: 'Hanes' },
  'explorer.title.history.intro': {
    en: 'Every change, oldest first. Each one is a transaction on the ledger, with its time and place: download its receipt to check it for yourself.',
    cy: 'Pob newid, yr hynaf yn gyntaf. Mae pob un yn drafodiad ar y cyfriflyfr, gyda’i amser a’i le: lawrlwythwch ei dderbynneb i’w wirio drosoch eich hun.',
  },
  'explorer.title.history.by': { en: 'By', cy: 'Gan' },
  'explorer.title.history.tx': { en: 'View the transaction', cy: 'Gweld y trafodiad' },
  'explorer.title.event.registered': { en: 'Title registered', cy: 'Cofrestrwyd y teitl' },
  'explorer.title.event.restricted': { en: 'Restriction entered', cy: 'Cofnodwyd cyfyngiad' },
  'explorer.title.event.restriction-removed': {
    en: 'Restriction withdrawn',
    cy: 'Tynnwyd cyfyngiad yn ôl',
  },
  'explorer.title.event.charged': { en: 'Charge registered', cy: 'Cofrestrwyd arwystl' },
  'explorer.title.event.charge-discharged': {
    en: 'Charge discharged by the lender',
    cy: 'Rhyddhawyd arwystl gan y benthyciwr',
  },
  'explorer.title.event.transfer-approved': {
    en: 'A transfer was approved',
    cy: 'Cymeradwywyd trosglwyddiad',
  },
  'explorer.title.event.transfer-closed': {
    en: 'A transfer was withdrawn or refused',
    cy: 'Tynnwyd trosglwyddiad yn ôl neu fe’i gwrthodwyd',
  },
  'explorer.title.event.transferred': {
    en: 'Transfer registered: new owners',
    cy: 'Cofrestrwyd trosglwyddiad: perchnogion newydd',
  },
  'explorer.title.unknown.h1': {
    en: 'No title with this number',
    cy: 'Dim teitl â’r rhif hwn',
  },
  'explorer.title.unknown.body': {
    en: 'Check the number and look it up again.',
    cy: 'Gwiriwch y rhif a chwilio eto.',
  },
  // ---- a transfer ----
  'explorer.transfer.caption': { en: 'Transfer {0}', cy: 'Trosglwyddiad {0}' },
  'explorer.transfer.h1': {
    en: 'Transfer of title {0}',
    cy: 'Trosglwyddo teitl {0}',
  },
  'explorer.transfer.stage': { en: 'Stage', cy: 'Cam' },
  'explorer.transfer.stage.drafted': { en: 'Drafted', cy: 'Wedi’i ddrafftio' },
  'explorer.transfer.stage.approved': {
    en: 'Approved, being signed',
    cy: 'Wedi’i gymeradwyo, yn cael ei lofnodi',
  },
  'explorer.transfer.stage.signed': { en: 'Signed by all', cy: 'Wedi’i lofnodi gan bawb' },
  'explorer.transfer.stage.funds-confirmed': {
    en: 'Funds confirmed',
    cy: 'Arian wedi’i gadarnhau',
  },
  'explorer.transfer.stage.completed': { en: 'Completed', cy: 'Wedi’i gwblhau' },
  'explorer.transfer.stage.registered': { en: 'Registered', cy: 'Wedi’i gofrestru' },
  'explorer.transfer.stage.withdrawn': { en: 'Withdrawn', cy: 'Wedi’i dynnu’n ôl' },
  'explorer.transfer.stage.refused': {
    en: 'Refused by the registrar',
    cy: 'Wedi’i wrthod gan y cofrestrydd',
  },
  'explorer.transfer.title': { en: 'Title', cy: 'Teitl' },
  'explorer.transfer.priceBand': { en: 'Price band', cy: 'Band pris' },
  'explorer.transfer.priceBand.up-to-225k': { en: 'Up to £225,000', cy: 'Hyd at £225,000' },
  'explorer.transfer.priceBand.225k-400k': {
    en: '£225,001 to £400,000',
    cy: '£225,001 i £400,000',
  },
  'explorer.transfer.priceBand.400k-750k': {
    en: '£400,001 to £750,000',
    cy: '£400,001 i £750,000',
  },
  'explorer.transfer.priceBand.750k-1500k': {
    en: '£750,001 to £1.5 million',
    cy: '£750,001 i £1.5 miliwn',
  },
  'explorer.transfer.priceBand.over-1500k': {
    en: 'Over £1.5 million',
    cy: 'Dros £1.5 miliwn',
  },
  'explorer.transfer.reason': { en: 'Reason', cy: 'Rheswm' },
  'explorer.transfer.steps.h2': { en: 'Where the transfer stands', cy: 'Sefyllfa’r trosglwyddiad' },
  'explorer.transfer.step.drafted': {
    en: 'Drafted by the seller’s conveyancer',
    cy: 'Drafftiwyd gan drawsgludwr y gwerthwr',
  },
  'explorer.transfer.step.approve': {
    en: 'Checked against the register and approved by the registrar',
    cy: 'Gwiriwyd yn erbyn y gofrestr a’i gymeradwyo gan y cofrestrydd',
  },
  'explorer.transfer.step.sign': {
    en: 'Signed by every party',
    cy: 'Llofnodwyd gan bob parti',
  },
  'explorer.transfer.step.confirmFunds': {
    en: 'Funds confirmed',
    cy: 'Cadarnhawyd yr arian',
  },
  'explorer.transfer.step.complete': {
    en: 'Completed by the seller’s conveyancer',
    cy: 'Cwblhawyd gan drawsgludwr y gwerthwr',
  },
  'explorer.transfer.step.register': {
    en: 'Registered by the registrar: the new owners are on the title',
    cy: 'Cofrestrwyd gan y cofrestrydd: mae’r perchnogion newydd ar y teitl',
  },
  'explorer.transfer.status.done': { en: 'Done', cy: 'Wedi’i wneud' },
  'explorer.transfer.status.waiting': { en: 'Waiting', cy: 'Yn aros' },
  'explorer.transfer.status.later': { en: 'Not yet', cy: 'Ddim eto' },
  'explorer.transfer.status.stopped': { en: 'Stopped', cy: 'Wedi dod i ben' },
  'explorer.transfer.signed': { en: 'Signed', cy: 'Wedi llofnodi' },
  'explorer.transfer.notSigned': { en: 'Not signed yet', cy: 'Heb lofnodi eto' },
  'explorer.transfer.confirmed': { en: 'Confirmed', cy: 'Wedi cadarnhau' },
  'explorer.transfer.notConfirmed': { en: 'Not confirmed yet', cy: 'Heb gadarnhau eto' },
  'explorer.transfer.role.seller': { en: 'Seller', cy: 'Gwerthwr' },
  'explorer.transfer.role.buyer': { en: 'Buyer', cy: 'Prynwr' },
  'explorer.transfer.role.seller-conveyancer': {
    en: 'Seller’s conveyancer',
    cy: 'Trawsgludwr y gwerthwr',
  },
  'explorer.transfer.role.buyer-conveyancer': {
    en: 'Buyer’s conveyancer',
    cy: 'Trawsgludwr y prynwr',
  },
  'explorer.transfer.role.discharging-lender': {
    en: 'Lender whose charge is discharged (its signature is its consent)',
    cy: 'Benthyciwr y mae ei arwystl yn cael ei ryddhau (ei lofnod yw ei gydsyniad)',
  },
  'explorer.transfer.role.new-lender': {
    en: 'Buyer’s lender (new charge)',
    cy: 'Benthyciwr y prynwr (arwystl newydd)',
  },
  'explorer.transfer.role.registrar': { en: 'Registrar', cy: 'Cofrestrydd' },
  'explorer.transfer.party': { en: 'Party {0}', cy: 'Parti {0}' },
  'explorer.transfer.waiting.h2': { en: 'Waiting for', cy: 'Yn aros am' },
  'explorer.transfer.waiting.none': {
    en: 'Nothing: this transfer is finished.',
    cy: 'Dim: mae’r trosglwyddiad hwn wedi dod i ben.',
  },
  'explorer.transfer.todo.approve': {
    en: 'To approve against the register',
    cy: 'I’w gymeradwyo yn erbyn y gofrestr',
  },
  'explorer.transfer.todo.sign': { en: 'To sign', cy: 'I’w lofnodi' },
  'explorer.transfer.todo.confirmFunds': {
    en: 'To confirm the funds',
    cy: 'I gadarnhau’r arian',
  },
  'explorer.transfer.todo.complete': { en: 'To complete', cy: 'I’w gwblhau' },
  'explorer.transfer.todo.register': {
    en: 'To register the new owners',
    cy: 'I gofrestru’r perchnogion newydd',
  },
  'explorer.title.history.where': { en: 'Where', cy: 'Ble' },
  'explorer.transfer.chain.h2': { en: 'The chain', cy: 'Y gadwyn' },
  'explorer.transfer.chain.intro': {
    en: 'Transfers linked to this one, where a buyer is also selling. A chain moves together: the transfers furthest behind are what is holding it up.',
    cy: 'Trosglwyddiadau sy’n gysylltiedig â’r un hwn, lle mae prynwr hefyd yn gwerthu. Mae cadwyn yn symud gyda’i gilydd: y trosglwyddiadau sydd bellaf ar ei hôl hi sy’n ei dal yn ôl.',
  },
  'explorer.transfer.chain.none': {
    en: 'This transfer is not in a chain.',
    cy: 'Nid yw’r trosglwyddiad hwn mewn cadwyn.',
  },
  'explorer.transfer.chain.caption': {
    en: '{0} transfers in the chain',
    cy: '{0} trosglwyddiad yn y gadwyn',
  },
  'explorer.transfer.chain.col.transfer': { en: 'Transfer', cy: 'Trosglwyddiad' },
  'explorer.transfer.chain.col.waiting': { en: 'Waiting for', cy: 'Yn aros am' },
  'explorer.transfer.chain.holding': {
    en: 'Holding up the chain',
    cy: 'Yn dal y gadwyn yn ôl',
  },
  'explorer.transfer.chain.this': { en: '(this transfer)', cy: '(y trosglwyddiad hwn)' },
  'explorer.transfer.history.h2': { en: 'Every step', cy: 'Pob cam' },
  'explorer.transfer.event.drafted': { en: 'Drafted', cy: 'Drafftiwyd' },
  'explorer.transfer.event.linked': {
    en: 'Linked to another transfer',
    cy: 'Cysylltwyd â throsglwyddiad arall',
  },
  'explorer.transfer.event.approve': { en: 'Approved', cy: 'Cymeradwywyd' },
  'explorer.transfer.event.refuse': { en: 'Refused', cy: 'Gwrthodwyd' },
  'explorer.transfer.event.sign': { en: 'Signed', cy: 'Llofnodwyd' },
  'explorer.transfer.event.confirmFunds': { en: 'Funds confirmed', cy: 'Cadarnhawyd yr arian' },
  'explorer.transfer.event.complete': { en: 'Completed', cy: 'Cwblhawyd' },
  'explorer.transfer.event.register': { en: 'Registered', cy: 'Cofrestrwyd' },
  'explorer.transfer.event.withdraw': { en: 'Withdrawn', cy: 'Tynnwyd yn ôl' },
  'explorer.transfer.unknown.h1': {
    en: 'No such transfer',
    cy: 'Dim trosglwyddiad o’r fath',
  },
  'explorer.transfer.unknown.body': {
    en: 'Check the link you followed, or look up the title instead.',
    cy: 'Gwiriwch y ddolen a ddilynoch, neu chwiliwch am y teitl yn lle hynny.',
  },
  'explorer.title.live.title': {
    en: 'This title has just changed on the ledger: the page now shows it as it is.',
    cy: 'Mae’r teitl hwn newydd newid ar y cyfriflyfr: mae’r dudalen yn ei ddangos fel y mae nawr.',
  },
  'explorer.title.live.list': {
    en: 'The register has just changed: the list now shows it as it is.',
    cy: 'Mae’r gofrestr newydd newid: mae’r rhestr yn ei dangos fel y mae nawr.',
  },
  'explorer.transfer.live': {
    en: 'This transfer or its chain has just changed on the ledger: the page now shows it as it is.',
    cy: 'Mae’r trosglwyddiad hwn neu ei gadwyn newydd newid ar y cyfriflyfr: mae’r dudalen yn ei ddangos fel y mae nawr.',
  },
} as const satisfies Dictionary;
