// The Organisations face's strings (decision 0007): English and Welsh for every key. Registered
// by the page itself (useStrings), so no other face carries them.
import type { Dictionary } from '../shared/i18n.js';

/** The landing page's card for organisations (the landing page registers only these). */
export const businessLanding = {
  'business.landing.heading': {
    en: 'If you run a business or a firm',
    cy: 'Os ydych yn rhedeg busnes neu gwmni',
  },
  'business.landing.body': {
    en: 'Licensed businesses hand over regulated goods, and conveyancers and lenders sign property transfers, with their organisation’s own key.',
    cy: 'Mae busnesau trwyddedig yn trosglwyddo nwyddau rheoledig, ac mae trawsgludwyr a benthycwyr yn llofnodi trosglwyddiadau eiddo, ag allwedd eu sefydliad eu hunain.',
  },
  'business.landing.link': {
    en: 'Open Cadwyn for organisations',
    cy: 'Agor Cadwyn i sefydliadau',
  },
} as const satisfies Dictionary;

export const business = {
  ...businessLanding,
  'business.name': { en: 'Cadwyn for organisations', cy: 'Cadwyn i sefydliadau' },
  'business.title': { en: '{0} – Cadwyn for organisations', cy: '{0} – Cadwyn i sefydliadau' },
  'business.nav.label': { en: 'Your organisation', cy: 'Eich sefydliad' },
  'business.nav.key': { en: 'Key', cy: 'Allwedd' },
  'business.nav.goods': { en: 'Regulated goods', cy: 'Nwyddau rheoledig' },
  'business.nav.titles': { en: 'Property transfers', cy: 'Trosglwyddiadau eiddo' },
  'business.success': { en: 'Success', cy: 'Llwyddiant' },
  'business.important': { en: 'Important', cy: 'Pwysig' },
  'business.loading': { en: 'Loading…', cy: 'Yn llwytho…' },
  'business.sending': {
    en: 'Signing and sending to the ledger…',
    cy: 'Yn llofnodi ac yn anfon i’r cyfriflyfr…',
  },
  'business.unreachable': {
    en: 'The ledger could not be reached. Try again in a moment.',
    cy: 'Nid oedd modd cyrraedd y cyfriflyfr. Rhowch gynnig arall arni ymhen ychydig.',
  },

  // ---- the key ----
  'business.key.h1': { en: 'Your organisation’s key', cy: 'Allwedd eich sefydliad' },
  'business.key.intro': {
    en: 'Your organisation signs its own steps on the ledger with a key kept in this browser. The key cannot be copied out of it: if you lose this device, ask the body that registered the key to withdraw it, and make a new one.',
    cy: 'Mae eich sefydliad yn llofnodi ei gamau ei hun ar y cyfriflyfr ag allwedd a gedwir yn y porwr hwn. Ni ellir copïo’r allwedd allan ohono: os byddwch yn colli’r ddyfais hon, gofynnwch i’r corff a gofrestrodd yr allwedd ei thynnu’n ôl, a gwnewch un newydd.',
  },
  'business.key.none': {
    en: 'There is no key for an organisation in this browser yet.',
    cy: 'Nid oes allwedd ar gyfer sefydliad yn y porwr hwn eto.',
  },
  'business.key.label': {
    en: 'A name for the key (kept only in this browser)',
    cy: 'Enw i’r allwedd (a gedwir yn y porwr hwn yn unig)',
  },
  'business.key.labelHint': {
    en: 'For example, ‘Shop till 1’. It is never sent to the ledger.',
    cy: 'Er enghraifft, ‘Til siop 1’. Ni chaiff byth ei anfon i’r cyfriflyfr.',
  },
  'business.key.make': { en: 'Make a key', cy: 'Gwneud allwedd' },
  'business.key.making': { en: 'Making the key…', cy: 'Yn gwneud yr allwedd…' },
  'business.key.made': {
    en: 'The key is made and kept in this browser',
    cy: 'Mae’r allwedd wedi’i gwneud a’i chadw yn y porwr hwn',
  },
  'business.key.unsupported': {
    en: 'This browser cannot keep a key safely. Use an up-to-date browser.',
    cy: 'Ni all y porwr hwn gadw allwedd yn ddiogel. Defnyddiwch borwr cyfredol.',
  },
  'business.key.did': {
    en: 'Your organisation’s key (did:key)',
    cy: 'Allwedd eich sefydliad (did:key)',
  },
  'business.key.name': { en: 'Name', cy: 'Enw' },
  'business.key.made.on': { en: 'Made', cy: 'Gwnaed' },
  'business.key.copy': { en: 'Copy the key', cy: 'Copïo’r allwedd' },
  'business.key.copied': { en: 'The key is copied', cy: 'Mae’r allwedd wedi’i chopïo' },
  'business.key.copyFailed': {
    en: 'The key could not be copied: select it and copy it yourself.',
    cy: 'Nid oedd modd copïo’r allwedd: dewiswch hi a’i chopïo eich hun.',
  },
  'business.key.qr': {
    en: 'QR code of your organisation’s key',
    cy: 'Cod QR allwedd eich sefydliad',
  },
  'business.key.next.h2': { en: 'What to do with it', cy: 'Beth i’w wneud â hi' },
  'business.key.next.goods': {
    en: 'To hold regulated goods, give the key to your council’s or regulator’s regulated-goods officer: they register it as an operator of your business, with your premises.',
    cy: 'I ddal nwyddau rheoledig, rhowch yr allwedd i swyddog nwyddau rheoledig eich cyngor neu’ch rheoleiddiwr: bydd yn ei chofrestru’n weithredwr i’ch busnes, gyda’ch safleoedd.',
  },
  'business.key.next.titles': {
    en: 'Conveyancers and lenders: give the key to the seller’s conveyancer, who names it in the draft of a transfer. A seller’s conveyancer drafts under Property transfers.',
    cy: 'Trawsgludwyr a benthycwyr: rhowch yr allwedd i drawsgludwr y gwerthwr, a fydd yn ei henwi yn nrafft trosglwyddiad. Mae trawsgludwr y gwerthwr yn drafftio o dan Trosglwyddiadau eiddo.',
  },
  'business.key.needed': {
    en: 'Make your organisation’s key first.',
    cy: 'Gwnewch allwedd eich sefydliad yn gyntaf.',
  },
  'business.key.goMake': { en: 'Make a key', cy: 'Gwneud allwedd' },

  // ---- receipts and refusals ----
  'business.receipt.done': { en: '{0}: done', cy: '{0}: wedi’i wneud' },
  'business.receipt.tx': { en: 'Transaction', cy: 'Trafodyn' },
  'business.receipt.height': { en: 'Block', cy: 'Bloc' },
  'business.receipt.link': { en: 'Receipt (JSON)', cy: 'Derbynneb (JSON)' },
  'business.refused': {
    en: 'The ledger refused this step: {0}',
    cy: 'Gwrthododd y cyfriflyfr y cam hwn: {0}',
  },
  'business.refused.code': { en: 'Code: {0}', cy: 'Cod: {0}' },
  'business.problem.other': {
    en: 'the step does not meet the ledger’s rules.',
    cy: 'nid yw’r cam yn bodloni rheolau’r cyfriflyfr.',
  },
  'business.problem.LEDGER_UNREACHABLE': {
    en: 'the ledger could not be reached. Try again in a moment.',
    cy: 'nid oedd modd cyrraedd y cyfriflyfr. Rhowch gynnig arall arni ymhen ychydig.',
  },
  'business.problem.TX_PENDING': {
    en: 'the step was sent but is not in a block yet. Look again in a moment before trying again.',
    cy: 'anfonwyd y cam ond nid yw mewn bloc eto. Edrychwch eto ymhen ychydig cyn rhoi cynnig arall arni.',
  },
  'business.problem.GOODS_NOT_LICENSED': {
    en: 'the receiving organisation does not hold a valid licence for this activity now.',
    cy: 'nid oes gan y sefydliad sy’n derbyn drwydded ddilys ar gyfer y gweithgaredd hwn nawr.',
  },
  'business.problem.GOODS_NOT_OPERATOR': {
    en: 'this key is not a registered operator key.',
    cy: 'nid yw’r allwedd hon yn allwedd gweithredwr gofrestredig.',
  },
  'business.problem.GOODS_OPERATOR_REVOKED': {
    en: 'this operator key has been withdrawn.',
    cy: 'mae’r allwedd gweithredwr hon wedi’i thynnu’n ôl.',
  },
  'business.problem.GOODS_NOT_HOLDER': {
    en: 'your organisation does not hold this lot.',
    cy: 'nid yw eich sefydliad yn dal y lot hwn.',
  },
  'business.problem.GOODS_NOT_RECEIVER': {
    en: 'this offer was made to another organisation.',
    cy: 'gwnaed y cynnig hwn i sefydliad arall.',
  },
  'business.problem.GOODS_LOT_PENDING': {
    en: 'the lot is already offered to someone: wait for their answer or cancel the offer.',
    cy: 'mae’r lot eisoes wedi’i gynnig i rywun: arhoswch am eu hateb neu canslwch y cynnig.',
  },
  'business.problem.GOODS_LOT_RECALLED': {
    en: 'the lot is under a recall: it can only be destroyed.',
    cy: 'mae’r lot wedi’i alw’n ôl: dim ond ei ddinistrio sy’n bosibl.',
  },
  'business.problem.GOODS_LOT_CLOSED': {
    en: 'the lot has no stock left in it.',
    cy: 'nid oes stoc ar ôl yn y lot.',
  },
  'business.problem.GOODS_QUANTITY_UNBALANCED': {
    en: 'the quantities do not add up to what the lot holds.',
    cy: 'nid yw’r meintiau’n adio i’r hyn sydd yn y lot.',
  },
  'business.problem.GOODS_TRANSFER_TO_SELF': {
    en: 'you cannot offer a lot to your own organisation.',
    cy: 'ni allwch gynnig lot i’ch sefydliad eich hun.',
  },
  'business.problem.GOODS_BUSINESS_UNKNOWN': {
    en: 'there is no business with that number on the register.',
    cy: 'nid oes busnes â’r rhif hwnnw ar y gofrestr.',
  },
  'business.problem.GOODS_BUSINESS_DISSOLVED': {
    en: 'that business has been dissolved.',
    cy: 'mae’r busnes hwnnw wedi’i ddiddymu.',
  },
  'business.problem.GOODS_TRANSFER_NOT_PENDING': {
    en: 'this offer has already been decided.',
    cy: 'mae penderfyniad eisoes ar y cynnig hwn.',
  },
  'business.problem.GOODS_GEO_MISMATCH': {
    en: 'the place stamped does not match the premises chosen.',
    cy: 'nid yw’r lle a stampiwyd yn cyfateb i’r safle a ddewiswyd.',
  },
  'business.problem.GOODS_PREMISES_UNKNOWN': {
    en: 'the premises is not one of this operator’s.',
    cy: 'nid yw’r safle yn un o safleoedd y gweithredwr hwn.',
  },
  'business.problem.TITLE_NOT_PARTY': {
    en: 'this key is not a party to the transfer.',
    cy: 'nid yw’r allwedd hon yn barti i’r trosglwyddiad.',
  },
  'business.problem.TITLE_WRONG_ROLE': {
    en: 'this step is not one your role in the transfer takes.',
    cy: 'nid yw’r cam hwn yn un y mae eich rôl yn y trosglwyddiad yn ei gymryd.',
  },
  'business.problem.TITLE_ALREADY_SIGNED': {
    en: 'you have already signed this transfer.',
    cy: 'rydych eisoes wedi llofnodi’r trosglwyddiad hwn.',
  },
  'business.problem.TITLE_FUNDS_ALREADY_CONFIRMED': {
    en: 'you have already confirmed the funds.',
    cy: 'rydych eisoes wedi cadarnhau’r arian.',
  },
  'business.problem.TITLE_STEP_OUT_OF_ORDER': {
    en: 'the transfer is not at the stage for this step.',
    cy: 'nid yw’r trosglwyddiad ar y cam cywir ar gyfer hyn.',
  },
  'business.problem.TITLE_LENDER_CONSENT_MISSING': {
    en: 'a lender has not yet consented by signing.',
    cy: 'nid yw benthyciwr wedi cydsynio drwy lofnodi eto.',
  },
  'business.problem.TITLE_TRANSFER_UNKNOWN': {
    en: 'there is no transfer with that reference.',
    cy: 'nid oes trosglwyddiad â’r cyfeirnod hwnnw.',
  },
  'business.problem.GOODS_MERGE_MISMATCH': {
    en: 'only lots of one product and unit can be merged.',
    cy: 'dim ond lotiau o’r un cynnyrch ac uned y gellir eu huno.',
  },
  'business.problem.GOODS_QUANTITY_TOO_LARGE': {
    en: 'the quantity is larger than one lot can hold.',
    cy: 'mae’r maint yn fwy nag y gall un lot ei ddal.',
  },
  'business.problem.TITLE_UNKNOWN': {
    en: 'there is no title with that number on the register.',
    cy: 'nid oes teitl â’r rhif hwnnw ar y gofrestr.',
  },
  'business.problem.TITLE_CHARGE_UNKNOWN': {
    en: 'the title has no charge with that reference.',
    cy: 'nid oes gan y teitl arwystl â’r cyfeirnod hwnnw.',
  },
  'business.problem.TITLE_NOT_LENDER': {
    en: 'only the lender that holds the charge can discharge it.',
    cy: 'dim ond y benthyciwr sy’n dal yr arwystl all ei ryddhau.',
  },
  'business.problem.TITLE_LINK_INVALID': {
    en: 'these transfers cannot be linked (closed, already linked, or too many links).',
    cy: 'ni ellir cysylltu’r trosglwyddiadau hyn (wedi cau, wedi’u cysylltu eisoes, neu ormod o gysylltiadau).',
  },
  'business.problem.TITLE_LINK_UNKNOWN': {
    en: 'there is no transfer with the reference to link to.',
    cy: 'nid oes trosglwyddiad â’r cyfeirnod i gysylltu ag ef.',
  },
  'business.problem.TITLE_LINK_NOT_CONVEYANCER': {
    en: 'only a conveyancer acting in both transfers can link them.',
    cy: 'dim ond trawsgludwr sy’n gweithredu yn y ddau drosglwyddiad all eu cysylltu.',
  },

  // ---- regulated goods ----
  'business.goods.h1': { en: 'Regulated goods', cy: 'Nwyddau rheoledig' },
  'business.goods.notOperator': {
    en: 'This key is not registered as an operator yet. Give it to your council’s or regulator’s regulated-goods officer.',
    cy: 'Nid yw’r allwedd hon wedi’i chofrestru’n weithredwr eto. Rhowch hi i swyddog nwyddau rheoledig eich cyngor neu’ch rheoleiddiwr.',
  },
  'business.goods.revoked': {
    en: 'This operator key has been withdrawn: it can no longer act for the organisation.',
    cy: 'Mae’r allwedd gweithredwr hon wedi’i thynnu’n ôl: ni all weithredu dros y sefydliad mwyach.',
  },
  'business.goods.org': { en: 'Organisation', cy: 'Sefydliad' },
  'business.goods.licensed': { en: 'Licensed now for', cy: 'Wedi’i drwyddedu nawr ar gyfer' },
  'business.goods.licensedNone': { en: 'No valid licence', cy: 'Dim trwydded ddilys' },
  'business.goods.premises': {
    en: 'Where are you acting from?',
    cy: 'O ble rydych yn gweithredu?',
  },
  'business.goods.premisesHint': {
    en: 'Every step is stamped with the place of one of your premises.',
    cy: 'Caiff pob cam ei stampio â lleoliad un o’ch safleoedd.',
  },
  'business.goods.incoming.h2': { en: 'Offers waiting for you', cy: 'Cynigion yn aros amdanoch' },
  'business.goods.incoming.none': {
    en: 'No lots are offered to your organisation.',
    cy: 'Nid oes lotiau wedi’u cynnig i’ch sefydliad.',
  },
  'business.goods.offer.from': { en: 'From', cy: 'Oddi wrth' },
  'business.goods.offer.to': { en: 'To', cy: 'At' },
  'business.goods.offer.for': { en: 'Taken for', cy: 'Ar gyfer' },
  'business.goods.accept': { en: 'Accept lot {0}', cy: 'Derbyn lot {0}' },
  'business.goods.reject': { en: 'Refuse lot {0}', cy: 'Gwrthod lot {0}' },
  'business.goods.rejectReason': { en: 'Reason for refusing', cy: 'Rheswm dros wrthod' },
  'business.goods.cancel': { en: 'Cancel the offer of lot {0}', cy: 'Canslo cynnig lot {0}' },
  'business.goods.outgoing.h2': {
    en: 'Your offers not yet answered',
    cy: 'Eich cynigion heb eu hateb eto',
  },
  'business.goods.lots.h2': {
    en: 'Lots your organisation holds',
    cy: 'Lotiau y mae eich sefydliad yn eu dal',
  },
  'business.goods.lots.none': {
    en: 'Your organisation holds no open lots.',
    cy: 'Nid yw eich sefydliad yn dal unrhyw lotiau agored.',
  },
  'business.goods.lots.truncated': {
    en: 'Only part of the register was searched: some lots may not be shown.',
    cy: 'Chwiliwyd rhan o’r gofrestr yn unig: efallai na ddangosir rhai lotiau.',
  },
  'business.goods.lot': { en: 'Lot number', cy: 'Rhif y lot' },
  'business.goods.product': { en: 'Product', cy: 'Cynnyrch' },
  'business.goods.quantity': { en: 'Quantity', cy: 'Maint' },
  'business.goods.pending': {
    en: 'Offered, waiting for an answer',
    cy: 'Wedi’i gynnig, yn aros am ateb',
  },
  'business.goods.recalled': { en: 'Recalled', cy: 'Wedi’i alw’n ôl' },
  'business.goods.chooseLot': { en: 'Which lot', cy: 'Pa lot' },
  'business.goods.chooseLotFirst': { en: 'Choose a lot', cy: 'Dewiswch lot' },
  'business.goods.create.h2': { en: 'Record a new lot', cy: 'Cofnodi lot newydd' },
  'business.goods.create.hint': {
    en: 'Only an organisation licensed to grow or process may record a new lot.',
    cy: 'Dim ond sefydliad sydd wedi’i drwyddedu i dyfu neu brosesu all gofnodi lot newydd.',
  },
  'business.goods.create.submit': { en: 'Record the lot', cy: 'Cofnodi’r lot' },
  'business.goods.create.done': { en: 'New lot recorded', cy: 'Cofnodwyd lot newydd' },
  'business.goods.propose.h2': { en: 'Hand a lot over', cy: 'Trosglwyddo lot' },
  'business.goods.propose.to': {
    en: 'Business number of the receiver',
    cy: 'Rhif busnes y derbynnydd',
  },
  'business.goods.propose.toHint': {
    en: 'For example, GW000123. They accept it with their own key; their licence is checked then.',
    cy: 'Er enghraifft, GW000123. Byddant yn ei dderbyn â’u hallwedd eu hunain; caiff eu trwydded ei gwirio bryd hynny.',
  },
  'business.goods.propose.activity': {
    en: 'What they take it for',
    cy: 'Ar gyfer beth y maent yn ei gymryd',
  },
  'business.goods.propose.submit': { en: 'Offer the lot', cy: 'Cynnig y lot' },
  'business.goods.propose.done': { en: 'Lot offered', cy: 'Cynigiwyd y lot' },
  'business.goods.split.h2': { en: 'Split a lot', cy: 'Rhannu lot' },
  'business.goods.split.parts': { en: 'Quantities of the parts', cy: 'Meintiau’r rhannau' },
  'business.goods.split.hint': {
    en: 'Separate them with commas, for example 600, 400. They must add up to what the lot holds.',
    cy: 'Gwahanwch nhw â chomas, er enghraifft 600, 400. Rhaid iddynt adio i’r hyn sydd yn y lot.',
  },
  'business.goods.split.submit': { en: 'Split the lot', cy: 'Rhannu’r lot' },
  'business.goods.split.done': { en: 'Lot split', cy: 'Rhannwyd y lot' },
  'business.goods.merge.h2': { en: 'Merge lots', cy: 'Uno lotiau' },
  'business.goods.merge.lots': { en: 'Lots to merge', cy: 'Lotiau i’w huno' },
  'business.goods.merge.hint': {
    en: 'Choose two or more lots of the same product. They become one lot holding their sum.',
    cy: 'Dewiswch ddau lot neu fwy o’r un cynnyrch. Byddant yn dod yn un lot sy’n dal eu cyfanswm.',
  },
  'business.goods.merge.submit': { en: 'Merge the lots', cy: 'Uno’r lotiau' },
  'business.goods.merge.done': { en: 'Lots merged', cy: 'Unwyd y lotiau' },
  'business.goods.process.h2': { en: 'Process lots', cy: 'Prosesu lotiau' },
  'business.goods.process.hint': {
    en: 'The lots you choose are used up; the new lots trace back to them. Only an organisation licensed to process may do this.',
    cy: 'Defnyddir y lotiau a ddewiswch; mae’r lotiau newydd yn olrhain yn ôl iddynt. Dim ond sefydliad sydd wedi’i drwyddedu i brosesu all wneud hyn.',
  },
  'business.goods.process.inputs': { en: 'Lots to process', cy: 'Lotiau i’w prosesu' },
  'business.goods.process.inputsHint': {
    en: 'Choose one or more lots.',
    cy: 'Dewiswch un lot neu fwy.',
  },
  'business.goods.process.product1': { en: 'What it makes', cy: 'Beth mae’n ei wneud' },
  'business.goods.process.quantity1': { en: 'How much it makes', cy: 'Faint mae’n ei wneud' },
  'business.goods.process.product2': {
    en: 'A second product (optional)',
    cy: 'Ail gynnyrch (dewisol)',
  },
  'business.goods.process.product2None': { en: 'None', cy: 'Dim' },
  'business.goods.process.quantity2': {
    en: 'How much of the second product (optional)',
    cy: 'Faint o’r ail gynnyrch (dewisol)',
  },
  'business.goods.process.submit': { en: 'Process the lots', cy: 'Prosesu’r lotiau' },
  'business.goods.process.done': { en: 'Lots processed', cy: 'Proseswyd y lotiau' },
  'business.goods.loss.h2': { en: 'Record a loss', cy: 'Cofnodi colled' },
  'business.goods.loss.quantity': {
    en: 'Quantity that left the lot',
    cy: 'Y maint a adawodd y lot',
  },
  'business.goods.loss.reason': { en: 'Why it left', cy: 'Pam y gadawodd' },
  'business.goods.loss.submit': { en: 'Record the loss', cy: 'Cofnodi’r golled' },
  'business.goods.loss.done': { en: 'Loss recorded', cy: 'Cofnodwyd y golled' },
  'business.goods.accept.done': { en: 'Lot accepted', cy: 'Derbyniwyd y lot' },
  'business.goods.reject.done': { en: 'Lot refused', cy: 'Gwrthodwyd y lot' },
  'business.goods.cancel.done': { en: 'Offer cancelled', cy: 'Canslwyd y cynnig' },
  'business.goods.err.premises': {
    en: 'Choose the premises you are acting from',
    cy: 'Dewiswch y safle rydych yn gweithredu ohono',
  },
  'business.goods.err.lot': { en: 'Choose a lot', cy: 'Dewiswch lot' },
  'business.goods.err.number': {
    en: 'Enter a business number like GW000123',
    cy: 'Rhowch rif busnes fel GW000123',
  },
  'business.goods.err.activity': {
    en: 'Choose what they take it for',
    cy: 'Dewiswch ar gyfer beth y maent yn ei gymryd',
  },
  'business.goods.err.quantity': {
    en: 'Enter a whole number of at least 1',
    cy: 'Rhowch rif cyfan o 1 o leiaf',
  },
  'business.goods.err.parts': {
    en: 'Enter at least two whole numbers, separated by commas',
    cy: 'Rhowch o leiaf ddau rif cyfan, wedi’u gwahanu â chomas',
  },
  'business.goods.err.product': { en: 'Choose a product', cy: 'Dewiswch gynnyrch' },
  'business.goods.err.mergeTwo': {
    en: 'Choose at least two lots to merge',
    cy: 'Dewiswch o leiaf ddau lot i’w huno',
  },
  'business.goods.err.mergeMismatch': {
    en: 'Choose lots of the same product and unit only',
    cy: 'Dewiswch lotiau o’r un cynnyrch ac uned yn unig',
  },
  'business.goods.err.inputs': {
    en: 'Choose at least one lot to process',
    cy: 'Dewiswch o leiaf un lot i’w brosesu',
  },
  'business.goods.err.reason': { en: 'Choose why it left', cy: 'Dewiswch pam y gadawodd' },
  'business.goods.activity.cultivation': { en: 'Cultivation', cy: 'Tyfu' },
  'business.goods.activity.processing': { en: 'Processing', cy: 'Prosesu' },
  'business.goods.activity.retail': { en: 'Retail', cy: 'Manwerthu' },
  'business.goods.activity.transport': { en: 'Transport', cy: 'Cludo' },
  'business.goods.unit.g': { en: '{0} grams', cy: '{0} gram' },
  'business.goods.unit.ml': { en: '{0} millilitres', cy: '{0} mililitr' },
  'business.goods.unit.item': { en: '{0} items', cy: '{0} eitem' },
  'business.goods.unitName.g': { en: 'grams', cy: 'gramau' },
  'business.goods.unitName.ml': { en: 'millilitres', cy: 'mililitrau' },
  'business.goods.unitName.item': { en: 'items', cy: 'eitemau' },
  'business.goods.loss.destroyed': { en: 'Destroyed', cy: 'Wedi’i ddinistrio' },
  'business.goods.loss.lost': { en: 'Lost', cy: 'Wedi’i golli' },
  'business.goods.loss.stolen': { en: 'Stolen', cy: 'Wedi’i ddwyn' },
  'business.goods.loss.spoiled': { en: 'Spoiled', cy: 'Wedi’i ddifetha' },
  'business.goods.loss.lab-sample': {
    en: 'Used as a laboratory sample',
    cy: 'Wedi’i ddefnyddio fel sampl labordy',
  },
  'business.goods.loss.sold': {
    en: 'Sold to the public (retail)',
    cy: 'Wedi’i werthu i’r cyhoedd (manwerthu)',
  },
  'business.goods.reason.not-ordered': { en: 'We did not order it', cy: 'Ni wnaethom ei archebu' },
  'business.goods.reason.damaged': { en: 'It arrived damaged', cy: 'Cyrhaeddodd wedi’i ddifrodi' },
  'business.goods.reason.wrong-quantity': {
    en: 'The quantity is wrong',
    cy: 'Mae’r maint yn anghywir',
  },

  // ---- property transfers ----
  'business.titles.h1': { en: 'Property transfers', cy: 'Trosglwyddiadau eiddo' },
  'business.titles.intro': {
    en: 'Transfers of title that name your organisation’s key, as a conveyancer or a lender. Each step you take is signed with your key and kept on the ledger.',
    cy: 'Trosglwyddiadau teitl sy’n enwi allwedd eich sefydliad, fel trawsgludwr neu fenthyciwr. Caiff pob cam a gymerwch ei lofnodi â’ch allwedd a’i gadw ar y cyfriflyfr.',
  },
  'business.titles.draft.h2': { en: 'Draft a transfer', cy: 'Drafftio trosglwyddiad' },
  'business.titles.draft.intro': {
    en: 'As the seller’s conveyancer, you draft the transfer; the title’s registrar then checks it against the register. Parties are named only by their keys, new owners only by the fingerprints the buyer’s conveyancer gives you.',
    cy: 'Fel trawsgludwr y gwerthwr, rydych yn drafftio’r trosglwyddiad; yna bydd cofrestrydd y teitl yn ei wirio yn erbyn y gofrestr. Caiff partïon eu henwi drwy eu hallweddi yn unig, a pherchnogion newydd drwy’r olion bysedd y mae trawsgludwr y prynwr yn eu rhoi i chi yn unig.',
  },
  'business.titles.draft.title': { en: 'Title number', cy: 'Rhif y teitl' },
  'business.titles.draft.sellers': { en: 'Sellers’ keys', cy: 'Allweddi’r gwerthwyr' },
  'business.titles.draft.buyers': { en: 'Buyers’ keys', cy: 'Allweddi’r prynwyr' },
  'business.titles.draft.didsHint': {
    en: 'One did:key per line, made in each person’s Wallet for this transfer.',
    cy: 'Un did:key ar bob llinell, wedi’i gwneud yn Waled pob person ar gyfer y trosglwyddiad hwn.',
  },
  'business.titles.draft.owners': {
    en: 'New owners’ fingerprints',
    cy: 'Olion bysedd y perchnogion newydd',
  },
  'business.titles.draft.ownersHint': {
    en: 'One for each buyer, in the same order: 64 letters and numbers from the buyer’s conveyancer.',
    cy: 'Un ar gyfer pob prynwr, yn yr un drefn: 64 o lythrennau a rhifau gan drawsgludwr y prynwr.',
  },
  'business.titles.draft.buyerConveyancer': {
    en: 'Buyer’s conveyancer’s key',
    cy: 'Allwedd trawsgludwr y prynwr',
  },
  'business.titles.draft.discharge': {
    en: 'Charges to discharge (optional)',
    cy: 'Arwystlon i’w rhyddhau (dewisol)',
  },
  'business.titles.draft.dischargeHint': {
    en: 'The lenders’ references, separated by commas. Each lender consents by signing.',
    cy: 'Cyfeirnodau’r benthycwyr, wedi’u gwahanu â chomas. Mae pob benthyciwr yn cydsynio drwy lofnodi.',
  },
  'business.titles.draft.chargeRef': {
    en: 'New charge: lender’s reference (optional)',
    cy: 'Arwystl newydd: cyfeirnod y benthyciwr (dewisol)',
  },
  'business.titles.draft.chargeHint': {
    en: 'Only if the buyer borrows: the new lender signs and confirms the funds.',
    cy: 'Dim ond os yw’r prynwr yn benthyca: mae’r benthyciwr newydd yn llofnodi ac yn cadarnhau’r arian.',
  },
  'business.titles.draft.chargeLender': {
    en: 'New charge: lender’s key (optional)',
    cy: 'Arwystl newydd: allwedd y benthyciwr (dewisol)',
  },
  'business.titles.draft.band': { en: 'Price band (optional)', cy: 'Band pris (dewisol)' },
  'business.titles.draft.bandNone': { en: 'Not given', cy: 'Heb ei roi' },
  'business.titles.band.up-to-225k': { en: 'Up to £225,000', cy: 'Hyd at £225,000' },
  'business.titles.band.225k-400k': { en: '£225,000 to £400,000', cy: '£225,000 i £400,000' },
  'business.titles.band.400k-750k': { en: '£400,000 to £750,000', cy: '£400,000 i £750,000' },
  'business.titles.band.750k-1500k': {
    en: '£750,000 to £1.5 million',
    cy: '£750,000 i £1.5 miliwn',
  },
  'business.titles.band.over-1500k': { en: 'Over £1.5 million', cy: 'Dros £1.5 miliwn' },
  'business.titles.draft.submit': { en: 'Draft the transfer', cy: 'Drafftio’r trosglwyddiad' },
  'business.titles.draft.done': {
    en: 'Transfer drafted (its reference is the transaction below)',
    cy: 'Trosglwyddiad wedi’i ddrafftio (ei gyfeirnod yw’r trafodyn isod)',
  },
  'business.titles.draft.err.title': {
    en: 'Enter a title number like CYM123456',
    cy: 'Rhowch rif teitl fel CYM123456',
  },
  'business.titles.draft.err.dids': {
    en: 'Enter one to four did:keys, one per line',
    cy: 'Rhowch rhwng un a phedair did:key, un ar bob llinell',
  },
  'business.titles.draft.err.owners': {
    en: 'Enter one fingerprint of 64 letters and numbers for each buyer',
    cy: 'Rhowch un ôl bys o 64 o lythrennau a rhifau ar gyfer pob prynwr',
  },
  'business.titles.draft.err.did': {
    en: 'Enter the buyer’s conveyancer’s key (a did:key or did:web)',
    cy: 'Rhowch allwedd trawsgludwr y prynwr (did:key neu did:web)',
  },
  'business.titles.draft.err.ref': {
    en: 'A reference has only letters, numbers and . _ / -',
    cy: 'Dim ond llythrennau, rhifau a . _ / - sydd mewn cyfeirnod',
  },
  'business.titles.draft.err.lender': {
    en: 'Give both the new charge’s reference and the lender’s key, or neither',
    cy: 'Rhowch gyfeirnod yr arwystl newydd ac allwedd y benthyciwr, neu’r naill na’r llall',
  },
  'business.titles.none': {
    en: 'No transfer names this key.',
    cy: 'Nid oes trosglwyddiad yn enwi’r allwedd hon.',
  },
  'business.titles.area': { en: 'Area you act from', cy: 'Yr ardal rydych yn gweithredu ohoni' },
  'business.titles.areaHint': {
    en: 'Every step on a title is stamped with a place: your area is enough.',
    cy: 'Caiff pob cam ar deitl ei stampio â lle: mae eich ardal yn ddigon.',
  },
  'business.titles.transfer': { en: 'Transfer of {0}', cy: 'Trosglwyddo {0}' },
  'business.titles.stage': { en: 'Stage', cy: 'Cam' },
  'business.titles.roles': { en: 'Your part', cy: 'Eich rhan' },
  'business.titles.waiting': { en: 'Waiting for', cy: 'Yn aros am' },
  'business.titles.waitingNone': {
    en: 'Nothing: the transfer is closed',
    cy: 'Dim: mae’r trosglwyddiad ar gau',
  },
  'business.titles.waitingItem': { en: '{0} by {1}', cy: '{0} gan {1}' },
  'business.titles.you': { en: 'you', cy: 'chi' },
  'business.titles.reference': { en: 'Reference', cy: 'Cyfeirnod' },
  'business.titles.walletLink': {
    en: 'Link for the seller’s or buyer’s Wallet',
    cy: 'Dolen ar gyfer Waled y gwerthwr neu’r prynwr',
  },
  'business.titles.explorer': { en: 'See it in the Explorer', cy: 'Ei weld yn yr Archwiliwr' },
  'business.titles.nothingNow': {
    en: 'There is no step for you to take now.',
    cy: 'Nid oes cam i chi ei gymryd nawr.',
  },
  'business.titles.step.sign': { en: 'Sign the transfer', cy: 'Llofnodi’r trosglwyddiad' },
  'business.titles.step.confirmFunds': {
    en: 'Confirm the funds are ready',
    cy: 'Cadarnhau bod yr arian yn barod',
  },
  'business.titles.step.complete': { en: 'Complete the transfer', cy: 'Cwblhau’r trosglwyddiad' },
  'business.titles.step.withdraw': {
    en: 'Withdraw the transfer',
    cy: 'Tynnu’r trosglwyddiad yn ôl',
  },
  'business.titles.stepName.approve': { en: 'approval', cy: 'cymeradwyaeth' },
  'business.titles.stepName.refuse': { en: 'refusal', cy: 'gwrthodiad' },
  'business.titles.stepName.sign': { en: 'a signature', cy: 'llofnod' },
  'business.titles.stepName.confirmFunds': { en: 'funds confirmed', cy: 'cadarnhau’r arian' },
  'business.titles.stepName.complete': { en: 'completion', cy: 'cwblhau' },
  'business.titles.stepName.register': { en: 'registration', cy: 'cofrestru' },
  'business.titles.stepName.withdraw': { en: 'withdrawal', cy: 'tynnu’n ôl' },
  'business.titles.withdrawConfirm': {
    en: 'Withdrawing ends the transfer for every party. Select the button again to withdraw.',
    cy: 'Mae tynnu’n ôl yn dod â’r trosglwyddiad i ben i bob parti. Dewiswch y botwm eto i’w dynnu’n ôl.',
  },
  'business.titles.stage.drafted': { en: 'Drafted', cy: 'Wedi’i ddrafftio' },
  'business.titles.stage.approved': {
    en: 'Approved, being signed',
    cy: 'Wedi’i gymeradwyo, yn cael ei lofnodi',
  },
  'business.titles.stage.signed': {
    en: 'Signed, waiting for funds',
    cy: 'Wedi’i lofnodi, yn aros am yr arian',
  },
  'business.titles.stage.funds-confirmed': { en: 'Funds confirmed', cy: 'Arian wedi’i gadarnhau' },
  'business.titles.stage.completed': {
    en: 'Completed, waiting for registration',
    cy: 'Wedi’i gwblhau, yn aros i’w gofrestru',
  },
  'business.titles.stage.registered': { en: 'Registered', cy: 'Wedi’i gofrestru' },
  'business.titles.stage.withdrawn': { en: 'Withdrawn', cy: 'Wedi’i dynnu’n ôl' },
  'business.titles.stage.refused': {
    en: 'Refused by the registrar',
    cy: 'Wedi’i wrthod gan y cofrestrydd',
  },
  'business.titles.role.seller': { en: 'seller', cy: 'gwerthwr' },
  'business.titles.role.buyer': { en: 'buyer', cy: 'prynwr' },
  'business.titles.role.seller-conveyancer': {
    en: 'seller’s conveyancer',
    cy: 'trawsgludwr y gwerthwr',
  },
  'business.titles.role.buyer-conveyancer': {
    en: 'buyer’s conveyancer',
    cy: 'trawsgludwr y prynwr',
  },
  'business.titles.role.discharging-lender': {
    en: 'lender whose charge is discharged',
    cy: 'benthyciwr y caiff ei arwystl ei ryddhau',
  },
  'business.titles.role.new-lender': { en: 'new lender', cy: 'benthyciwr newydd' },
  'business.titles.role.registrar': { en: 'registrar', cy: 'cofrestrydd' },
  'business.titles.step.consentDischarge': {
    en: 'Consent to discharge charge {0}',
    cy: 'Cydsynio i ryddhau arwystl {0}',
  },
  'business.titles.step.consentCharge': {
    en: 'Consent to the new charge {0}',
    cy: 'Cydsynio i’r arwystl newydd {0}',
  },
  'business.titles.done.consent': {
    en: 'Consent given by signing',
    cy: 'Rhoddwyd cydsyniad drwy lofnodi',
  },
  'business.titles.dischargeRow': { en: 'Charges to discharge', cy: 'Arwystlon i’w rhyddhau' },
  'business.titles.newChargeRow': { en: 'New charge', cy: 'Arwystl newydd' },
  'business.titles.yours': { en: 'yours', cy: 'eich un chi' },
  'business.titles.linked': { en: 'Linked in a chain with', cy: 'Wedi’i gysylltu mewn cadwyn â' },
  'business.titles.link.to': {
    en: 'Link this transfer to another you act in',
    cy: 'Cysylltu’r trosglwyddiad hwn ag un arall rydych yn gweithredu ynddo',
  },
  'business.titles.link.hint': {
    en: 'When your client’s sale and purchase depend on each other, link them so the chain shows.',
    cy: 'Pan fo gwerthiant a phryniant eich cleient yn dibynnu ar ei gilydd, cysylltwch nhw fel bod y gadwyn yn dangos.',
  },
  'business.titles.link.submit': { en: 'Link the transfers', cy: 'Cysylltu’r trosglwyddiadau' },
  'business.titles.link.done': { en: 'Transfers linked', cy: 'Cysylltwyd y trosglwyddiadau' },
  'business.titles.charges.h2': {
    en: 'Charges your organisation holds',
    cy: 'Arwystlon y mae eich sefydliad yn eu dal',
  },
  'business.titles.charges.intro': {
    en: 'If you are a lender and a loan is repaid, discharge your charge on the title. Enter the title number to see the charges this key holds.',
    cy: 'Os ydych yn fenthyciwr a bod benthyciad wedi’i ad-dalu, rhyddhewch eich arwystl ar y teitl. Rhowch rif y teitl i weld yr arwystlon y mae’r allwedd hon yn eu dal.',
  },
  'business.titles.charges.newCharge': {
    en: 'A new charge outside a sale (a remortgage) is registered by the registrar, with your key’s signature beside theirs: ask the registrar. In a transfer, you consent to a new charge or a discharge by signing it above.',
    cy: 'Caiff arwystl newydd y tu allan i werthiant (ailforgais) ei gofrestru gan y cofrestrydd, gyda llofnod eich allwedd wrth ymyl eu llofnod nhw: gofynnwch i’r cofrestrydd. Mewn trosglwyddiad, rydych yn cydsynio i arwystl newydd neu ryddhad drwy ei lofnodi uchod.',
  },
  'business.titles.charges.title': { en: 'Title number', cy: 'Rhif y teitl' },
  'business.titles.charges.find': {
    en: 'Show the charges I hold',
    cy: 'Dangos yr arwystlon rwy’n eu dal',
  },
  'business.titles.charges.none': {
    en: 'This key holds no charge on that title.',
    cy: 'Nid yw’r allwedd hon yn dal unrhyw arwystl ar y teitl hwnnw.',
  },
  'business.titles.charges.discharge': {
    en: 'Discharge charge {0} (loan repaid)',
    cy: 'Rhyddhau arwystl {0} (benthyciad wedi’i ad-dalu)',
  },
  'business.titles.charges.confirm': {
    en: 'A discharge cannot be undone. Press the button again to discharge the charge.',
    cy: 'Ni ellir dadwneud rhyddhad. Pwyswch y botwm eto i ryddhau’r arwystl.',
  },
  'business.titles.charges.done': { en: 'Charge discharged', cy: 'Rhyddhawyd yr arwystl' },
  'business.titles.done.sign': { en: 'Transfer signed', cy: 'Llofnodwyd y trosglwyddiad' },
  'business.titles.done.confirmFunds': { en: 'Funds confirmed', cy: 'Cadarnhawyd yr arian' },
  'business.titles.done.complete': { en: 'Transfer completed', cy: 'Cwblhawyd y trosglwyddiad' },
  'business.titles.done.withdraw': {
    en: 'Transfer withdrawn',
    cy: 'Tynnwyd y trosglwyddiad yn ôl',
  },
} as const satisfies Dictionary;
