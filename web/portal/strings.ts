// Every string of the Portal, in English and Welsh (decision 0007). Registered with
// useStrings (ui.ts); `{0}`, `{1}`… are t()'s arguments, `[words](/path)` a link.
import type { Dictionary } from '../shared/i18n.js';

export const portal = {
  // ---- shared words ----
  'portal.none': { en: 'None', cy: 'Dim' },
  'portal.yes': { en: 'Yes', cy: 'Ydy' },
  'portal.no': { en: 'No', cy: 'Nac ydy' },
  'portal.choose': { en: 'Choose…', cy: 'Dewiswch…' },
  'portal.continue': { en: 'Continue', cy: 'Parhau' },
  'portal.cancel': { en: 'Cancel', cy: 'Canslo' },
  'portal.warning': { en: 'Warning', cy: 'Rhybudd' },
  'portal.problemPrefix': { en: 'There is a problem: ', cy: 'Mae problem: ' },
  'portal.banner.success': { en: 'Success', cy: 'Llwyddiant' },
  'portal.banner.important': { en: 'Important', cy: 'Pwysig' },
  'portal.copyLink': { en: 'Copy the link', cy: 'Copïo’r ddolen' },
  'portal.copied': { en: 'Link copied', cy: 'Dolen wedi’i chopïo' },
  'portal.copyFailed': {
    en: 'The link could not be copied: select it and copy it yourself',
    cy: 'Nid oedd modd copïo’r ddolen: dewiswch hi a’i chopïo eich hun',
  },
  'portal.loadingMembers': {
    en: 'Loading the member bodies…',
    cy: 'Wrthi’n llwytho’r cyrff sy’n aelodau…',
  },
  'portal.error.unreachableTitle': {
    en: 'The ledger’s node cannot be reached',
    cy: 'Nid oes modd cyrraedd nod y cyfriflyfr',
  },
  'portal.error.unexpectedTitle': { en: 'Something went wrong', cy: 'Aeth rhywbeth o’i le' },
  'portal.error.unexpected': {
    en: 'The page could not finish what you asked. Reload the page and try again.',
    cy: 'Nid oedd modd i’r dudalen orffen yr hyn a ofynnoch. Ail-lwythwch y dudalen a rhowch gynnig arall arni.',
  },
  'portal.error.refusedTitle': {
    en: 'This could not be done',
    cy: 'Nid oedd modd gwneud hyn',
  },

  // ---- dates (GOV.UK date input) ----
  'portal.date.day': { en: 'Day', cy: 'Diwrnod' },
  'portal.date.month': { en: 'Month', cy: 'Mis' },
  'portal.date.year': { en: 'Year', cy: 'Blwyddyn' },
  'portal.date.missing': { en: 'Enter the date of birth', cy: 'Rhowch y dyddiad geni' },
  'portal.date.noDay': {
    en: 'Date of birth must include a day',
    cy: 'Rhaid i’r dyddiad geni gynnwys diwrnod',
  },
  'portal.date.noMonth': {
    en: 'Date of birth must include a month',
    cy: 'Rhaid i’r dyddiad geni gynnwys mis',
  },
  'portal.date.noYear': {
    en: 'Date of birth must include a year',
    cy: 'Rhaid i’r dyddiad geni gynnwys blwyddyn',
  },
  'portal.date.notReal': {
    en: 'Date of birth must be a real date',
    cy: 'Rhaid i’r dyddiad geni fod yn ddyddiad go iawn',
  },
  'portal.date.future': {
    en: 'Date of birth must be in the past',
    cy: 'Rhaid i’r dyddiad geni fod yn y gorffennol',
  },
  'portal.date.tooOld': {
    en: 'Date of birth must be after 1900',
    cy: 'Rhaid i’r dyddiad geni fod ar ôl 1900',
  },

  // ---- sign-in and the session ----
  'portal.signin.h1': { en: 'Sign in to the Portal', cy: 'Mewngofnodi i’r Porth' },
  'portal.signin.lead': {
    en: 'The Portal is for staff of Gwent’s public bodies. Sign in with the username and password your organisation gave you.',
    cy: 'Mae’r Porth ar gyfer staff cyrff cyhoeddus Gwent. Mewngofnodwch gyda’r enw defnyddiwr a’r cyfrinair a roddodd eich sefydliad i chi.',
  },
  'portal.signin.username': { en: 'Username', cy: 'Enw defnyddiwr' },
  'portal.signin.password': { en: 'Password', cy: 'Cyfrinair' },
  'portal.signin.submit': { en: 'Sign in', cy: 'Mewngofnodi' },
  'portal.signin.noUsername': { en: 'Enter your username', cy: 'Rhowch eich enw defnyddiwr' },
  'portal.signin.noPassword': { en: 'Enter your password', cy: 'Rhowch eich cyfrinair' },
  'portal.signin.failed': {
    en: 'The username or password is not right. Check them and try again.',
    cy: 'Nid yw’r enw defnyddiwr neu’r cyfrinair yn gywir. Gwiriwch nhw a rhowch gynnig arall arni.',
  },
  'portal.signin.locked': {
    en: 'There have been too many attempts to sign in to this account. Wait 15 minutes, then try again.',
    cy: 'Bu gormod o ymdrechion i fewngofnodi i’r cyfrif hwn. Arhoswch 15 munud, yna rhowch gynnig arall arni.',
  },
  'portal.signin.expired': {
    en: 'Your session has ended, so you have been signed out',
    cy: 'Mae eich sesiwn wedi dod i ben, felly rydych wedi cael eich allgofnodi',
  },
  'portal.signin.idle': {
    en: 'You have been signed out because you did not use the Portal for 30 minutes',
    cy: 'Rydych wedi cael eich allgofnodi am na wnaethoch ddefnyddio’r Porth am 30 munud',
  },
  'portal.signin.again': {
    en: 'Sign in again to carry on. Anything you had not finished was not saved.',
    cy: 'Mewngofnodwch eto i barhau. Ni chadwyd unrhyw beth nad oeddech wedi’i orffen.',
  },
  'portal.signin.signedOut': { en: 'You have signed out', cy: 'Rydych wedi allgofnodi' },
  'portal.signin.demo.summary': {
    en: 'Trying the demonstration?',
    cy: 'Rhoi cynnig ar yr arddangosiad?',
  },
  'portal.signin.demo.text': {
    en: 'The demonstration node makes two accounts for each body, such as ‘newport.officer’ and ‘newport.admin’. Their passwords are in the file demo-staff.json in the node’s data folder.',
    cy: 'Mae’r nod arddangos yn creu dau gyfrif ar gyfer pob corff, fel ‘newport.officer’ a ‘newport.admin’. Mae eu cyfrineiriau yn y ffeil demo-staff.json yn ffolder data’r nod.',
  },
  'portal.session.heading': { en: 'Who is signed in', cy: 'Pwy sydd wedi mewngofnodi' },
  'portal.session.user': { en: 'Signed in as', cy: 'Wedi mewngofnodi fel' },
  'portal.session.body': { en: 'Organisation', cy: 'Sefydliad' },
  'portal.session.roles': { en: 'Your roles', cy: 'Eich rolau' },
  'portal.session.signOut': { en: 'Sign out', cy: 'Allgofnodi' },
  'portal.timeout.heading': {
    en: 'You will be signed out in 2 minutes',
    cy: 'Byddwch yn cael eich allgofnodi ymhen 2 funud',
  },
  'portal.timeout.text': {
    en: 'You have not used the Portal for 28 minutes. To keep people’s data safe, you will be signed out unless you choose to stay signed in.',
    cy: 'Nid ydych wedi defnyddio’r Porth ers 28 munud. Er mwyn cadw data pobl yn ddiogel, byddwch yn cael eich allgofnodi oni bai eich bod yn dewis aros wedi mewngofnodi.',
  },
  'portal.timeout.stay': { en: 'Stay signed in', cy: 'Aros wedi mewngofnodi' },

  // ---- roles ----
  'portal.role.issuer': { en: 'Issuer', cy: 'Cyhoeddwr' },
  'portal.role.verifier': { en: 'Verifier', cy: 'Gwiriwr' },
  'portal.role.registrar': { en: 'Registrar', cy: 'Cofrestrydd' },
  'portal.role.auditor': { en: 'Auditor', cy: 'Archwilydd' },
  'portal.role.administrator': { en: 'Administrator', cy: 'Gweinyddwr' },

  // ---- navigation and home ----
  'portal.nav.label': { en: 'Portal tasks', cy: 'Tasgau’r Porth' },
  'portal.nav.home': { en: 'Your tasks', cy: 'Eich tasgau' },
  'portal.nav.issue': { en: 'Issue a credential', cy: 'Cyhoeddi tystlythyr' },
  'portal.nav.credentials': { en: 'Issued credentials', cy: 'Tystlythyrau a gyhoeddwyd' },
  'portal.nav.verify': { en: 'Check a credential', cy: 'Gwirio tystlythyr' },
  'portal.nav.consents': { en: 'Consents', cy: 'Cydsyniadau' },
  'portal.nav.access': { en: 'Access log', cy: 'Log mynediad' },
  'portal.nav.exchange': { en: 'Data requests', cy: 'Ceisiadau am ddata' },
  'portal.nav.notarise': { en: 'Notarise a document', cy: 'Notareiddio dogfen' },
  'portal.nav.businesses': { en: 'Business register', cy: 'Cofrestr busnesau' },
  'portal.nav.titles': { en: 'Title register', cy: 'Cofrestr teitlau' },
  'portal.nav.goods': { en: 'Regulated goods', cy: 'Nwyddau rheoledig' },
  'portal.nav.governance': { en: 'Governance', cy: 'Llywodraethu' },
  'portal.home.h1': { en: 'Your tasks', cy: 'Eich tasgau' },
  'portal.home.lead': {
    en: 'What you do here is recorded on the ledger under your account number, never your name. You only see the tasks your roles allow.',
    cy: 'Caiff yr hyn rydych yn ei wneud yma ei gofnodi ar y cyfriflyfr o dan rif eich cyfrif, byth eich enw. Dim ond y tasgau y mae eich rolau yn eu caniatáu a welwch.',
  },
  'portal.home.issue': {
    en: 'Give a citizen a credential for their wallet, such as proof that they live in Gwent.',
    cy: 'Rhoi tystlythyr i ddinesydd ar gyfer ei waled, fel prawf ei fod yn byw yng Ngwent.',
  },
  'portal.home.credentials': {
    en: 'See the credentials your organisation has issued, and revoke, suspend or reinstate them.',
    cy: 'Gweld y tystlythyrau y mae eich sefydliad wedi’u cyhoeddi, a’u dirymu, eu hatal neu eu hadfer.',
  },
  'portal.home.verify': {
    en: 'Ask a citizen’s wallet for only the details a service needs, and check them.',
    cy: 'Gofyn i waled dinesydd am y manylion sydd eu hangen ar wasanaeth yn unig, a’u gwirio.',
  },
  'portal.home.consents': {
    en: 'The consents citizens have given for data your organisation holds or asks for.',
    cy: 'Y cydsyniadau y mae dinasyddion wedi’u rhoi ar gyfer data y mae eich sefydliad yn ei ddal neu’n gofyn amdano.',
  },
  'portal.home.access': {
    en: 'Every request for citizens’ data your organisation answered or made, served or refused.',
    cy: 'Pob cais am ddata dinasyddion a atebodd neu a wnaeth eich sefydliad, p’un a gafodd ei weini neu ei wrthod.',
  },
  'portal.home.exchange': {
    en: 'Ask another body for a citizen’s data under their consent, and keep your own records.',
    cy: 'Gofyn i gorff arall am ddata dinesydd o dan ei gydsyniad, a chadw eich cofnodion eich hun.',
  },
  'portal.home.notarise': {
    en: 'Put a document’s fingerprint on the ledger, and get a receipt anyone can check.',
    cy: 'Rhoi ôl bys dogfen ar y cyfriflyfr, a chael derbynneb y gall unrhyw un ei gwirio.',
  },
  'portal.home.businesses': {
    en: 'Decide applications to the business register, and grant licences.',
    cy: 'Penderfynu ar geisiadau i’r gofrestr busnesau, a rhoi trwyddedau.',
  },
  'portal.home.titles': {
    en: 'Register titles to land and decide the transfers of your titles.',
    cy: 'Cofrestru teitlau i dir a phenderfynu ar drosglwyddiadau eich teitlau.',
  },
  'portal.home.goods': {
    en: 'Register operators of regulated goods, record inspections and recall lots.',
    cy: 'Cofrestru gweithredwyr nwyddau rheoledig, cofnodi arolygiadau a galw lotiau’n ôl.',
  },
  'portal.home.governance': {
    en: 'The member bodies and the validators of the ledger.',
    cy: 'Y cyrff sy’n aelodau a dilyswyr y cyfriflyfr.',
  },
  'portal.notAllowed.h1': {
    en: 'You cannot use this page',
    cy: 'Ni allwch ddefnyddio’r dudalen hon',
  },
  'portal.notAllowed.text': {
    en: 'It needs the ‘{0}’ role, which your account does not have. If you need it, ask your organisation’s Portal administrator.',
    cy: 'Mae angen y rôl ‘{0}’ arni, ac nid oes gan eich cyfrif y rôl honno. Os oes ei hangen arnoch, gofynnwch i weinyddwr Porth eich sefydliad.',
  },
  'portal.notAllowed.back': { en: 'Go to your tasks', cy: 'Mynd i’ch tasgau' },

  // ---- issue ----
  'portal.issue.h1': { en: 'Issue a credential', cy: 'Cyhoeddi tystlythyr' },
  'portal.issue.lead': {
    en: 'Check the citizen’s documents as you usually would, then enter their details. The details stay on this node only until the citizen’s wallet collects the credential, and for 10 minutes at most.',
    cy: 'Gwiriwch ddogfennau’r dinesydd fel y byddech fel arfer, yna rhowch ei fanylion. Mae’r manylion yn aros ar y nod hwn dim ond nes bydd waled y dinesydd yn casglu’r tystlythyr, ac am 10 munud ar y mwyaf.',
  },
  'portal.issue.noTypes': {
    en: 'Your organisation is not authorised on the ledger to issue any credentials.',
    cy: 'Nid yw eich sefydliad wedi’i awdurdodi ar y cyfriflyfr i gyhoeddi unrhyw dystlythyrau.',
  },
  'portal.issue.type.h2': { en: 'Choose the credential', cy: 'Dewiswch y tystlythyr' },
  'portal.issue.type.legend': {
    en: 'Which credential are you issuing?',
    cy: 'Pa dystlythyr rydych chi’n ei gyhoeddi?',
  },
  'portal.issue.type.missing': {
    en: 'Choose the credential you are issuing',
    cy: 'Dewiswch y tystlythyr rydych yn ei gyhoeddi',
  },
  'portal.issue.changeType': {
    en: 'Choose a different credential',
    cy: 'Dewis tystlythyr gwahanol',
  },
  'portal.issue.details.h2': { en: '{0}: the citizen’s details', cy: '{0}: manylion y dinesydd' },
  'portal.issue.details.lead': {
    en: 'Enter the details exactly as they are on the documents you checked.',
    cy: 'Rhowch y manylion yn union fel y maent ar y dogfennau a wiriwyd gennych.',
  },
  'portal.issue.hint.birthdate': { en: 'For example, 27 3 2007', cy: 'Er enghraifft, 27 3 2007' },
  'portal.issue.hint.postcode': { en: 'For example, NP20 1AA', cy: 'Er enghraifft, NP20 1AA' },
  'portal.issue.hint.badge': {
    en: '6 to 20 letters and numbers, as printed on the badge',
    cy: 'Rhwng 6 ac 20 o lythrennau a rhifau, fel y maent wedi’u hargraffu ar y bathodyn',
  },
  'portal.issue.hint.nhs': {
    en: 'A 10 digit number, like 485 777 3456',
    cy: 'Rhif 10 digid, fel 485 777 3456',
  },
  'portal.issue.hint.gp': {
    en: 'The practice code: a letter and 5 letters or numbers, like W93001',
    cy: 'Cod y practis: llythyren a 5 llythyren neu rif, fel W93001',
  },
  'portal.issue.note.ages': {
    en: 'The credential will say whether the citizen is over 16 and over 18: this is worked out from the date of birth.',
    cy: 'Bydd y tystlythyr yn dweud a yw’r dinesydd dros 16 oed a dros 18 oed: caiff hyn ei gyfrifo o’r dyddiad geni.',
  },
  'portal.issue.note.area': {
    en: 'The local authority is filled in from your council’s area: {0}.',
    cy: 'Caiff yr awdurdod lleol ei lenwi o ardal eich cyngor: {0}.',
  },
  'portal.issue.err.givenName': { en: 'Enter the first name', cy: 'Rhowch yr enw cyntaf' },
  'portal.issue.err.familyName': { en: 'Enter the surname', cy: 'Rhowch y cyfenw' },
  'portal.issue.err.street': {
    en: 'Enter the street address',
    cy: 'Rhowch y cyfeiriad stryd',
  },
  'portal.issue.err.locality': { en: 'Enter the town or city', cy: 'Rhowch y dref neu’r ddinas' },
  'portal.issue.err.postcode': { en: 'Enter the postcode', cy: 'Rhowch y cod post' },
  'portal.issue.err.postcodeInvalid': {
    en: 'Enter a real postcode, like NP20 1AA',
    cy: 'Rhowch god post go iawn, fel NP20 1AA',
  },
  'portal.issue.err.badge': { en: 'Enter the badge number', cy: 'Rhowch rif y bathodyn' },
  'portal.issue.err.badgeInvalid': {
    en: 'Badge number must be 6 to 20 letters and numbers',
    cy: 'Rhaid i rif y bathodyn fod rhwng 6 ac 20 o lythrennau a rhifau',
  },
  'portal.issue.err.nhs': { en: 'Enter the NHS number', cy: 'Rhowch y rhif GIG' },
  'portal.issue.err.nhsInvalid': {
    en: 'NHS number must be 10 digits',
    cy: 'Rhaid i’r rhif GIG fod yn 10 digid',
  },
  'portal.issue.err.gp': { en: 'Enter the GP practice code', cy: 'Rhowch god y feddygfa' },
  'portal.issue.err.gpInvalid': {
    en: 'Enter a real practice code, like W93001',
    cy: 'Rhowch god meddygfa go iawn, fel W93001',
  },
  'portal.issue.err.area': {
    en: 'Choose the local authority',
    cy: 'Dewiswch yr awdurdod lleol',
  },
  'portal.issue.err.generic': { en: 'Enter {0}', cy: 'Rhowch {0}' },
  'portal.issue.err.tooLong': {
    en: '{0} must be {1} characters or fewer',
    cy: 'Rhaid i {0} fod yn {1} nod neu lai',
  },
  'portal.issue.create': { en: 'Create the offer', cy: 'Creu’r cynnig' },
  'portal.issue.offer.h2': {
    en: 'Show the citizen this code',
    cy: 'Dangoswch y cod hwn i’r dinesydd',
  },
  'portal.issue.qrAlt': {
    en: 'QR code of the credential offer, for the citizen to scan with their wallet',
    cy: 'Cod QR y cynnig tystlythyr, i’r dinesydd ei sganio gyda’i waled',
  },
  'portal.issue.pin.label': {
    en: 'PIN to tell the citizen',
    cy: 'Rhif PIN i’w ddweud wrth y dinesydd',
  },
  'portal.issue.step.scan': {
    en: 'Ask the citizen to scan the QR code with their Cadwyn Wallet.',
    cy: 'Gofynnwch i’r dinesydd sganio’r cod QR gyda’i Waled Cadwyn.',
  },
  'portal.issue.step.pin': {
    en: 'When the wallet asks for it, tell them the PIN. Say it: do not write it down beside the code.',
    cy: 'Pan fydd y waled yn gofyn amdano, dywedwch y rhif PIN wrthynt. Dywedwch ef yn uchel: peidiwch â’i ysgrifennu wrth ymyl y cod.',
  },
  'portal.issue.step.expires': {
    en: 'The offer can be used once, until {0}.',
    cy: 'Gellir defnyddio’r cynnig unwaith, tan {0}.',
  },
  'portal.issue.sameDevice': {
    en: 'Open the offer in a wallet on this device',
    cy: 'Agor y cynnig mewn waled ar y ddyfais hon',
  },
  'portal.issue.link.summary': {
    en: 'Show the offer link',
    cy: 'Dangos dolen y cynnig',
  },
  'portal.issue.state.pending': { en: 'Waiting', cy: 'Yn aros' },
  'portal.issue.state.redeemed': { en: 'Collected', cy: 'Wedi’i gasglu' },
  'portal.issue.state.expired': { en: 'Expired', cy: 'Wedi dod i ben' },
  'portal.issue.waiting': {
    en: 'Waiting for the citizen’s wallet to collect the credential…',
    cy: 'Yn aros i waled y dinesydd gasglu’r tystlythyr…',
  },
  'portal.issue.redeemed': {
    en: 'The citizen’s wallet has collected the credential. Their details have been deleted from this node.',
    cy: 'Mae waled y dinesydd wedi casglu’r tystlythyr. Mae ei fanylion wedi’u dileu o’r nod hwn.',
  },
  'portal.issue.expired': {
    en: 'The offer has expired or was used up, and the citizen’s details have been deleted. Make a new offer if they still need the credential.',
    cy: 'Mae’r cynnig wedi dod i ben neu wedi’i ddefnyddio, ac mae manylion y dinesydd wedi’u dileu. Gwnewch gynnig newydd os oes angen y tystlythyr arnynt o hyd.',
  },
  'portal.issue.pollFailed': {
    en: 'We could not find out whether the wallet has collected the credential. Check the list of issued credentials.',
    cy: 'Nid oedd modd darganfod a yw’r waled wedi casglu’r tystlythyr. Gwiriwch y rhestr o dystlythyrau a gyhoeddwyd.',
  },
  'portal.issue.privacy': {
    en: 'Nothing personal about the citizen is written to the ledger or kept by this node once the credential is collected.',
    cy: 'Nid oes dim byd personol am y dinesydd yn cael ei ysgrifennu ar y cyfriflyfr na’i gadw gan y nod hwn unwaith y caiff y tystlythyr ei gasglu.',
  },
  'portal.issue.another': { en: 'Issue another credential', cy: 'Cyhoeddi tystlythyr arall' },

  // ---- issued credentials ----
  'portal.credentials.h1': { en: 'Issued credentials', cy: 'Tystlythyrau a gyhoeddwyd' },
  'portal.credentials.lead': {
    en: 'This node keeps no personal details of the credentials it issued: only their type, dates and status. A change of status is published in a status list that wallets and verifiers check, and the new list is anchored on the ledger.',
    cy: 'Nid yw’r nod hwn yn cadw unrhyw fanylion personol am y tystlythyrau a gyhoeddodd: dim ond eu math, eu dyddiadau a’u statws. Caiff newid statws ei gyhoeddi mewn rhestr statws y mae waledi a gwirwyr yn ei gwirio, a chaiff y rhestr newydd ei hangori ar y cyfriflyfr.',
  },
  'portal.credentials.none': {
    en: 'Your organisation has not issued any credentials yet.',
    cy: 'Nid yw eich sefydliad wedi cyhoeddi unrhyw dystlythyrau eto.',
  },
  'portal.credentials.caption': {
    en: 'Credentials issued ({0})',
    cy: 'Tystlythyrau a gyhoeddwyd ({0})',
  },
  'portal.credentials.col.id': { en: 'Credential', cy: 'Tystlythyr' },
  'portal.credentials.col.type': { en: 'Type', cy: 'Math' },
  'portal.credentials.col.issued': { en: 'Issued', cy: 'Cyhoeddwyd' },
  'portal.credentials.col.expires': { en: 'Expires', cy: 'Yn dod i ben' },
  'portal.credentials.col.status': { en: 'Status', cy: 'Statws' },
  'portal.credentials.col.actions': { en: 'Actions', cy: 'Camau' },
  'portal.credentials.status.valid': { en: 'Valid', cy: 'Dilys' },
  'portal.credentials.status.suspended': { en: 'Suspended', cy: 'Wedi’i atal' },
  'portal.credentials.status.revoked': { en: 'Revoked', cy: 'Wedi’i ddirymu' },
  'portal.credentials.status.unknown': { en: 'Unknown', cy: 'Anhysbys' },
  'portal.credentials.revoke': { en: 'Revoke', cy: 'Dirymu' },
  'portal.credentials.suspend': { en: 'Suspend', cy: 'Atal' },
  'portal.credentials.reinstate': { en: 'Reinstate', cy: 'Adfer' },
  'portal.credentials.actionOf': { en: 'credential {0}', cy: 'tystlythyr {0}' },
  'portal.credentials.noActions': {
    en: 'None: revoking is final',
    cy: 'Dim: mae dirymu yn derfynol',
  },
  'portal.credentials.confirm.revoke.h2': {
    en: 'Are you sure you want to revoke this credential?',
    cy: 'Ydych chi’n siŵr eich bod am ddirymu’r tystlythyr hwn?',
  },
  'portal.credentials.confirm.suspend.h2': {
    en: 'Are you sure you want to suspend this credential?',
    cy: 'Ydych chi’n siŵr eich bod am atal y tystlythyr hwn?',
  },
  'portal.credentials.confirm.reinstate.h2': {
    en: 'Are you sure you want to reinstate this credential?',
    cy: 'Ydych chi’n siŵr eich bod am adfer y tystlythyr hwn?',
  },
  'portal.credentials.confirm.revoke.warn': {
    en: 'Revoking cannot be undone. Verifiers will refuse the credential, and the citizen will need a new one.',
    cy: 'Ni ellir dadwneud dirymu. Bydd gwirwyr yn gwrthod y tystlythyr, a bydd angen un newydd ar y dinesydd.',
  },
  'portal.credentials.confirm.suspend.warn': {
    en: 'While it is suspended, verifiers will refuse the credential. You can reinstate it later.',
    cy: 'Tra bydd wedi’i atal, bydd gwirwyr yn gwrthod y tystlythyr. Gallwch ei adfer yn nes ymlaen.',
  },
  'portal.credentials.confirm.reinstate.warn': {
    en: 'Verifiers will accept the credential again.',
    cy: 'Bydd gwirwyr yn derbyn y tystlythyr eto.',
  },
  'portal.credentials.confirm.revoke': { en: 'Yes, revoke it', cy: 'Ydw, ei ddirymu' },
  'portal.credentials.confirm.suspend': { en: 'Yes, suspend it', cy: 'Ydw, ei atal' },
  'portal.credentials.confirm.reinstate': { en: 'Yes, reinstate it', cy: 'Ydw, ei adfer' },
  'portal.credentials.done.revoked': {
    en: 'Credential {0} has been revoked',
    cy: 'Mae tystlythyr {0} wedi’i ddirymu',
  },
  'portal.credentials.done.suspended': {
    en: 'Credential {0} has been suspended',
    cy: 'Mae tystlythyr {0} wedi’i atal',
  },
  'portal.credentials.done.valid': {
    en: 'Credential {0} has been reinstated',
    cy: 'Mae tystlythyr {0} wedi’i adfer',
  },
  'portal.credentials.issueNew': { en: 'Issue a new credential', cy: 'Cyhoeddi tystlythyr newydd' },

  // ---- verify ----
  'portal.verify.h1': { en: 'Check a credential', cy: 'Gwirio tystlythyr' },
  'portal.verify.lead': {
    en: 'Ask the citizen’s wallet for only the details your service needs. The citizen sees what you ask for and why, and chooses whether to share it. The answer is checked against the ledger.',
    cy: 'Gofynnwch i waled y dinesydd am y manylion sydd eu hangen ar eich gwasanaeth yn unig. Mae’r dinesydd yn gweld yr hyn rydych yn gofyn amdano a pham, ac yn dewis a yw am ei rannu. Caiff yr ateb ei wirio yn erbyn y cyfriflyfr.',
  },
  'portal.verify.ask.h2': { en: 'What to ask for', cy: 'Beth i ofyn amdano' },
  'portal.verify.what.legend': {
    en: 'What do you need to know?',
    cy: 'Beth sydd angen i chi ei wybod?',
  },
  'portal.verify.what.parking': {
    en: 'Over 18 and local authority (for a parking permit)',
    cy: 'Dros 18 oed a’r awdurdod lleol (ar gyfer trwydded barcio)',
  },
  'portal.verify.what.parkingHint': {
    en: 'Asks only whether the person is over 18 and which council area they live in: not their name, address or date of birth.',
    cy: 'Yn gofyn dim ond a yw’r unigolyn dros 18 oed ac ym mha ardal cyngor y mae’n byw: nid ei enw, ei gyfeiriad na’i ddyddiad geni.',
  },
  'portal.verify.what.custom': {
    en: 'Choose the details to ask for',
    cy: 'Dewis y manylion i ofyn amdanynt',
  },
  'portal.verify.claims.legend': {
    en: 'Details from the Gwent resident credential',
    cy: 'Manylion o’r tystlythyr preswylydd Gwent',
  },
  'portal.verify.claims.hint': {
    en: 'Ask for as little as you can. Select all that apply.',
    cy: 'Gofynnwch am gyn lleied ag y gallwch. Dewiswch bob un sy’n berthnasol.',
  },
  'portal.verify.purpose.en': {
    en: 'Why you are asking, in English',
    cy: 'Pam rydych yn gofyn, yn Saesneg',
  },
  'portal.verify.purpose.cy': {
    en: 'Why you are asking, in Welsh',
    cy: 'Pam rydych yn gofyn, yn Gymraeg',
  },
  'portal.verify.purpose.hint': {
    en: 'The citizen sees this in their wallet, in their language, before they choose to share.',
    cy: 'Mae’r dinesydd yn gweld hyn yn ei waled, yn ei iaith ei hun, cyn dewis a yw am rannu.',
  },
  // The preset's purpose: English in `en`, Welsh in `cy` (both are sent, whatever the page's).
  'portal.verify.parking.purpose': {
    en: 'Resident parking permit',
    cy: 'Trwydded barcio preswylwyr',
  },
  'portal.verify.err.noClaims': {
    en: 'Select at least one detail to ask for',
    cy: 'Dewiswch o leiaf un manylyn i ofyn amdano',
  },
  'portal.verify.err.purposeEn': {
    en: 'Enter why you are asking, in English',
    cy: 'Rhowch pam rydych yn gofyn, yn Saesneg',
  },
  'portal.verify.err.purposeCy': {
    en: 'Enter why you are asking, in Welsh',
    cy: 'Rhowch pam rydych yn gofyn, yn Gymraeg',
  },
  'portal.verify.err.purposeLong': {
    en: 'The reason must be {0} characters or fewer',
    cy: 'Rhaid i’r rheswm fod yn {0} nod neu lai',
  },
  'portal.verify.create': { en: 'Create the request', cy: 'Creu’r cais' },
  'portal.verify.request.h2': {
    en: 'Ask the citizen to scan this code',
    cy: 'Gofynnwch i’r dinesydd sganio’r cod hwn',
  },
  'portal.verify.qrAlt': {
    en: 'QR code of the request, for the citizen to scan with their wallet',
    cy: 'Cod QR y cais, i’r dinesydd ei sganio gyda’i waled',
  },
  'portal.verify.asking': { en: 'You are asking for:', cy: 'Rydych yn gofyn am:' },
  'portal.verify.expires': {
    en: 'The request can be answered once, until {0}.',
    cy: 'Gellir ateb y cais unwaith, tan {0}.',
  },
  'portal.verify.sameDevice': {
    en: 'Open the request in a wallet on this device',
    cy: 'Agor y cais mewn waled ar y ddyfais hon',
  },
  'portal.verify.link.summary': { en: 'Show the request link', cy: 'Dangos dolen y cais' },
  'portal.verify.state.pending': { en: 'Waiting', cy: 'Yn aros' },
  'portal.verify.state.verified': { en: 'Verified', cy: 'Wedi’i wirio' },
  'portal.verify.state.failed': { en: 'Not verified', cy: 'Heb ei wirio' },
  'portal.verify.state.expired': { en: 'Expired', cy: 'Wedi dod i ben' },
  'portal.verify.waiting': {
    en: 'Waiting for the citizen’s wallet to answer…',
    cy: 'Yn aros i waled y dinesydd ateb…',
  },
  'portal.verify.verified': {
    en: 'The citizen’s wallet answered and the credential checks out.',
    cy: 'Mae waled y dinesydd wedi ateb ac mae’r tystlythyr yn gywir.',
  },
  'portal.verify.failed': {
    en: 'The citizen’s wallet answered, but the credential did not pass the checks.',
    cy: 'Mae waled y dinesydd wedi ateb, ond ni wnaeth y tystlythyr basio’r gwiriadau.',
  },
  'portal.verify.expired': {
    en: 'The request has expired without an answer. Make a new one if you still need to check.',
    cy: 'Mae’r cais wedi dod i ben heb ateb. Gwnewch un newydd os oes angen i chi wirio o hyd.',
  },
  'portal.verify.result.verified': { en: 'Verified', cy: 'Wedi’i wirio' },
  'portal.verify.result.failed': { en: 'Not verified', cy: 'Heb ei wirio' },
  'portal.verify.result.type': { en: 'Credential', cy: 'Tystlythyr' },
  'portal.verify.result.issuer': { en: 'Issued by', cy: 'Cyhoeddwyd gan' },
  'portal.verify.result.only': {
    en: 'These are the only details the citizen shared. Nothing else about them was sent.',
    cy: 'Dyma’r unig fanylion a rannodd y dinesydd. Ni anfonwyd dim byd arall amdanynt.',
  },
  'portal.verify.another': { en: 'Make another request', cy: 'Gwneud cais arall' },

  // ---- claims of the credential types ----
  'portal.claim.given_name': { en: 'First name', cy: 'Enw cyntaf' },
  'portal.claim.family_name': { en: 'Surname', cy: 'Cyfenw' },
  'portal.claim.birthdate': { en: 'Date of birth', cy: 'Dyddiad geni' },
  'portal.claim.address': { en: 'Address', cy: 'Cyfeiriad' },
  'portal.claim.address.street_address': { en: 'Street address', cy: 'Cyfeiriad stryd' },
  'portal.claim.address.locality': { en: 'Town or city', cy: 'Tref neu ddinas' },
  'portal.claim.address.postal_code': { en: 'Postcode', cy: 'Cod post' },
  'portal.claim.local_authority': { en: 'Local authority', cy: 'Awdurdod lleol' },
  'portal.claim.age_over_16': { en: 'Over 16', cy: 'Dros 16 oed' },
  'portal.claim.age_over_18': { en: 'Over 18', cy: 'Dros 18 oed' },
  'portal.claim.badge_number': { en: 'Badge number', cy: 'Rhif y bathodyn' },
  'portal.claim.nhs_number': { en: 'NHS number', cy: 'Rhif GIG' },
  'portal.claim.gp_practice': { en: 'GP practice code', cy: 'Cod y feddygfa' },
  // business registration (decision 0010)
  'portal.claim.number': { en: 'Registered number', cy: 'Rhif cofrestredig' },
  'portal.claim.name_en': { en: 'Name in English', cy: 'Enw yn Saesneg' },
  'portal.claim.name_cy': { en: 'Name in Welsh', cy: 'Enw yn Gymraeg' },
  'portal.claim.kind': { en: 'Type of organisation', cy: 'Math o sefydliad' },
  'portal.claim.office_area': { en: 'Registered office area', cy: 'Ardal y swyddfa gofrestredig' },
  'portal.claim.registered': { en: 'Date registered', cy: 'Dyddiad cofrestru' },

  // ---- consents and the access log ----
  'portal.audit.col.who': { en: 'Who', cy: 'Pwy' },
  'portal.audit.col.purpose': { en: 'Purpose', cy: 'Diben' },
  'portal.audit.col.status': { en: 'Status', cy: 'Statws' },
  'portal.audit.asksUs': { en: 'asks us for data', cy: 'yn gofyn i ni am ddata' },
  'portal.audit.weAsk': { en: 'we ask them for data', cy: 'rydym yn gofyn iddynt am ddata' },
  'portal.consents.h1': { en: 'Consents', cy: 'Cydsyniadau' },
  'portal.consents.lead': {
    en: 'Consents citizens have given on the ledger for data your organisation holds, or asks another body for. A citizen appears only as a pseudonym.',
    cy: 'Cydsyniadau y mae dinasyddion wedi’u rhoi ar y cyfriflyfr ar gyfer data y mae eich sefydliad yn ei ddal, neu’n gofyn i gorff arall amdano. Dim ond fel ffugenw y mae dinesydd yn ymddangos.',
  },
  'portal.consents.none': {
    en: 'There are no consents for your organisation yet.',
    cy: 'Nid oes unrhyw gydsyniadau ar gyfer eich sefydliad eto.',
  },
  'portal.consents.caption': { en: 'Consents ({0})', cy: 'Cydsyniadau ({0})' },
  'portal.consents.col.data': { en: 'Data shared', cy: 'Data a rennir' },
  'portal.consents.col.dates': { en: 'When', cy: 'Pryd' },
  'portal.consents.col.id': { en: 'Consent', cy: 'Cydsyniad' },
  'portal.consents.given': { en: 'Given', cy: 'Rhoddwyd' },
  'portal.consents.expires': { en: 'Expires', cy: 'Yn dod i ben' },
  'portal.consents.withdrawnOn': { en: 'Withdrawn', cy: 'Tynnwyd yn ôl' },
  'portal.consents.status.active': { en: 'Active', cy: 'Gweithredol' },
  'portal.consents.status.withdrawn': { en: 'Withdrawn', cy: 'Wedi’i dynnu’n ôl' },
  'portal.consents.status.expired': { en: 'Expired', cy: 'Wedi dod i ben' },
  'portal.consents.status.unknown': { en: 'Unknown', cy: 'Anhysbys' },
  'portal.consents.askLink': {
    en: 'Ask for the data',
    cy: 'Gofyn am y data',
  },
  'portal.consents.recordLink': {
    en: 'Keep a record for this person',
    cy: 'Cadw cofnod ar gyfer yr unigolyn hwn',
  },
  'portal.access.h1': { en: 'Access log', cy: 'Log mynediad' },
  'portal.access.lead': {
    en: 'Every request for a citizen’s data that your organisation answered or made, as the ledger records it. A request is on the ledger before it is answered, whether the data was served or refused.',
    cy: 'Pob cais am ddata dinesydd a atebodd neu a wnaeth eich sefydliad, fel y mae’r cyfriflyfr yn ei gofnodi. Mae cais ar y cyfriflyfr cyn iddo gael ei ateb, p’un a gafodd y data ei weini neu ei wrthod.',
  },
  'portal.access.none': {
    en: 'There are no data requests for your organisation yet.',
    cy: 'Nid oes unrhyw geisiadau am ddata ar gyfer eich sefydliad eto.',
  },
  'portal.access.caption': { en: 'Data requests ({0})', cy: 'Ceisiadau am ddata ({0})' },
  'portal.access.col.when': { en: 'When', cy: 'Pryd' },
  'portal.access.col.data': { en: 'Data asked for', cy: 'Data y gofynnwyd amdano' },
  'portal.access.col.outcome': { en: 'Outcome', cy: 'Canlyniad' },
  'portal.access.col.record': { en: 'Ledger record', cy: 'Cofnod ar y cyfriflyfr' },
  'portal.access.served': { en: 'Served', cy: 'Wedi’i weini' },
  'portal.access.refused': { en: 'Refused', cy: 'Wedi’i wrthod' },

  // ---- data requests ----
  'portal.exchange.h1': { en: 'Data requests', cy: 'Ceisiadau am ddata' },
  'portal.exchange.lead': {
    en: 'Member bodies share a citizen’s data only under a consent the citizen gave on the ledger. Every request is recorded on the ledger, whether it is served or refused.',
    cy: 'Dim ond o dan gydsyniad a roddodd y dinesydd ar y cyfriflyfr y mae cyrff sy’n aelodau yn rhannu data dinesydd. Caiff pob cais ei gofnodi ar y cyfriflyfr, p’un a gaiff ei weini neu ei wrthod.',
  },
  'portal.exchange.ask.h2': {
    en: 'Ask another body for data',
    cy: 'Gofyn i gorff arall am ddata',
  },
  'portal.exchange.ask.lead': {
    en: 'The body holding the data checks the consent on the ledger before it answers.',
    cy: 'Mae’r corff sy’n dal y data yn gwirio’r cydsyniad ar y cyfriflyfr cyn iddo ateb.',
  },
  'portal.exchange.holder': {
    en: 'Body that holds the data',
    cy: 'Y corff sy’n dal y data',
  },
  'portal.exchange.consent': { en: 'Consent identifier', cy: 'Dynodydd y cydsyniad' },
  'portal.exchange.consent.hint': {
    en: 'The 64 letters and numbers the citizen gave you, or copy it from the list of consents',
    cy: 'Y 64 o lythrennau a rhifau a roddodd y dinesydd i chi, neu copïwch ef o’r rhestr o gydsyniadau',
  },
  'portal.exchange.category': { en: 'Data you need', cy: 'Y data sydd ei angen arnoch' },
  'portal.exchange.purpose': { en: 'Purpose', cy: 'Diben' },
  'portal.exchange.purpose.hint': {
    en: 'It must be the purpose the citizen agreed to',
    cy: 'Rhaid iddo fod y diben y cytunodd y dinesydd iddo',
  },
  'portal.exchange.ask.submit': { en: 'Ask for the data', cy: 'Gofyn am y data' },
  'portal.exchange.err.holder': {
    en: 'Choose the body that holds the data',
    cy: 'Dewiswch y corff sy’n dal y data',
  },
  'portal.exchange.err.consent': {
    en: 'Enter the consent identifier',
    cy: 'Rhowch ddynodydd y cydsyniad',
  },
  'portal.exchange.err.consentInvalid': {
    en: 'The consent identifier must be 64 characters, using only the numbers 0 to 9 and the letters a to f',
    cy: 'Rhaid i ddynodydd y cydsyniad fod yn 64 nod, gan ddefnyddio’r rhifau 0 i 9 a’r llythrennau a i f yn unig',
  },
  'portal.exchange.err.category': {
    en: 'Choose the data you need',
    cy: 'Dewiswch y data sydd ei angen arnoch',
  },
  'portal.exchange.err.purpose': { en: 'Choose the purpose', cy: 'Dewiswch y diben' },
  'portal.exchange.served': { en: 'The data was served', cy: 'Cafodd y data ei weini' },
  'portal.exchange.refused': {
    en: 'The data was not served',
    cy: 'Ni chafodd y data ei weini',
  },
  'portal.exchange.onLedger': {
    en: 'This request is on the ledger in transaction',
    cy: 'Mae’r cais hwn ar y cyfriflyfr yn y trafodiad',
  },
  'portal.exchange.refusalOnLedger': {
    en: 'The refusal is on the ledger too, in transaction',
    cy: 'Mae’r gwrthodiad ar y cyfriflyfr hefyd, yn y trafodiad',
  },
  'portal.exchange.field.category': { en: 'Record', cy: 'Cofnod' },
  'portal.exchange.record.h2': {
    en: 'Keep a housing record',
    cy: 'Cadw cofnod tai',
  },
  'portal.exchange.record.lead': {
    en: 'Your organisation’s own record, kept on this node under the citizen’s pseudonym: not on the ledger. Another body can have it only under the citizen’s consent.',
    cy: 'Cofnod eich sefydliad ei hun, a gedwir ar y nod hwn o dan ffugenw’r dinesydd: nid ar y cyfriflyfr. Dim ond o dan gydsyniad y dinesydd y gall corff arall ei gael.',
  },
  'portal.exchange.record.subject': {
    en: 'Citizen’s pseudonym',
    cy: 'Ffugenw’r dinesydd',
  },
  'portal.exchange.record.subject.hint': {
    en: 'It starts with did:key:z. The citizen’s wallet shows it. Do not enter a name.',
    cy: 'Mae’n dechrau gyda did:key:z. Mae waled y dinesydd yn ei ddangos. Peidiwch â rhoi enw.',
  },
  'portal.exchange.record.housing': {
    en: 'Housing record',
    cy: 'Cofnod tai',
  },
  'portal.exchange.record.submit': { en: 'Keep the record', cy: 'Cadw’r cofnod' },
  'portal.exchange.err.subject': {
    en: 'Enter the citizen’s pseudonym',
    cy: 'Rhowch ffugenw’r dinesydd',
  },
  'portal.exchange.err.subjectInvalid': {
    en: 'Enter a pseudonym that starts with did:key:z, as the wallet shows it',
    cy: 'Rhowch ffugenw sy’n dechrau gyda did:key:z, fel y mae’r waled yn ei ddangos',
  },
  'portal.exchange.err.housing': {
    en: 'Choose the housing record',
    cy: 'Dewiswch y cofnod tai',
  },
  'portal.exchange.record.kept': { en: 'The record has been kept', cy: 'Mae’r cofnod wedi’i gadw' },
  'portal.exchange.record.keptText': {
    en: 'It replaces any housing record you had for this pseudonym.',
    cy: 'Mae’n disodli unrhyw gofnod tai a oedd gennych ar gyfer y ffugenw hwn.',
  },
  'portal.housing.social-housing-band-a': {
    en: 'On the social housing register, band A (urgent need)',
    cy: 'Ar y gofrestr tai cymdeithasol, band A (angen brys)',
  },
  'portal.housing.social-housing-band-b': {
    en: 'On the social housing register, band B (high need)',
    cy: 'Ar y gofrestr tai cymdeithasol, band B (angen uchel)',
  },
  'portal.housing.social-housing-band-c': {
    en: 'On the social housing register, band C (medium need)',
    cy: 'Ar y gofrestr tai cymdeithasol, band C (angen canolig)',
  },
  'portal.housing.social-housing-band-d': {
    en: 'On the social housing register, band D (low need)',
    cy: 'Ar y gofrestr tai cymdeithasol, band D (angen isel)',
  },
  'portal.housing.not-on-register': {
    en: 'Not on the social housing register',
    cy: 'Ddim ar y gofrestr tai cymdeithasol',
  },

  // ---- categories and purposes of data (the consent vocabularies) ----
  'portal.category.housing': { en: 'Housing', cy: 'Tai' },
  'portal.category.council-tax': { en: 'Council Tax', cy: 'Treth Gyngor' },
  'portal.category.blue-badge': { en: 'Blue Badge', cy: 'Bathodyn Glas' },
  'portal.category.contact-details': { en: 'Contact details', cy: 'Manylion cyswllt' },
  'portal.category.health-summary': { en: 'Health summary', cy: 'Crynodeb iechyd' },
  'portal.category.social-care': { en: 'Social care', cy: 'Gofal cymdeithasol' },
  'portal.purpose.care-planning': {
    en: 'Planning the person’s care',
    cy: 'Cynllunio gofal yr unigolyn',
  },
  'portal.purpose.parking-permit': { en: 'Parking permit', cy: 'Trwydded barcio' },
  'portal.purpose.benefits-assessment': { en: 'Assessing benefits', cy: 'Asesu budd-daliadau' },
  'portal.purpose.housing-application': { en: 'Housing application', cy: 'Cais am dŷ' },
  'portal.purpose.council-tax-reduction': {
    en: 'Council Tax Reduction',
    cy: 'Gostyngiad Treth Gyngor',
  },

  // ---- notarise ----
  'portal.notarise.h1': { en: 'Notarise a document', cy: 'Notareiddio dogfen' },
  'portal.notarise.lead': {
    en: 'Put a document’s fingerprint (its SHA-256) on the ledger in your organisation’s name. Anyone with the same document can later prove that it existed, unchanged, on that date.',
    cy: 'Rhowch ôl bys dogfen (ei SHA-256) ar y cyfriflyfr yn enw eich sefydliad. Gall unrhyw un sydd â’r un ddogfen brofi’n ddiweddarach ei bod yn bodoli, heb ei newid, ar y dyddiad hwnnw.',
  },
  'portal.notarise.private': {
    en: 'The fingerprint is worked out on this computer. The document itself is not uploaded: it never leaves your browser.',
    cy: 'Caiff yr ôl bys ei gyfrifo ar y cyfrifiadur hwn. Nid yw’r ddogfen ei hun yn cael ei huwchlwytho: nid yw byth yn gadael eich porwr.',
  },
  'portal.notarise.file': { en: 'Document', cy: 'Dogfen' },
  'portal.notarise.file.hint': {
    en: 'Any kind of file, up to 256 MB',
    cy: 'Unrhyw fath o ffeil, hyd at 256 MB',
  },
  'portal.notarise.file.name': { en: 'File', cy: 'Ffeil' },
  'portal.notarise.file.size': { en: 'Size', cy: 'Maint' },
  'portal.notarise.bytes': { en: '{0} bytes', cy: '{0} beit' },
  'portal.notarise.fingerprint': { en: 'Fingerprint (SHA-256)', cy: 'Ôl bys (SHA-256)' },
  'portal.notarise.hashing': {
    en: 'Working out the fingerprint of {0}…',
    cy: 'Wrthi’n cyfrifo ôl bys {0}…',
  },
  'portal.notarise.hashed': {
    en: 'Fingerprint of {0} worked out',
    cy: 'Mae ôl bys {0} wedi’i gyfrifo',
  },
  'portal.notarise.label': {
    en: 'Public label (optional)',
    cy: 'Label cyhoeddus (dewisol)',
  },
  'portal.notarise.label.hint': {
    en: 'A short description anyone can read on the ledger, like ‘Planning decision 2026/0142’',
    cy: 'Disgrifiad byr y gall unrhyw un ei ddarllen ar y cyfriflyfr, fel ‘Penderfyniad cynllunio 2026/0142’',
  },
  'portal.notarise.label.warning': {
    en: 'Do not put personal data in the label, such as a name or an address. The label is public and stays on the ledger for ever.',
    cy: 'Peidiwch â rhoi data personol yn y label, fel enw neu gyfeiriad. Mae’r label yn gyhoeddus ac yn aros ar y cyfriflyfr am byth.',
  },
  'portal.notarise.submit': { en: 'Notarise', cy: 'Notareiddio' },
  'portal.notarise.err.noFile': {
    en: 'Choose the document to notarise',
    cy: 'Dewiswch y ddogfen i’w notareiddio',
  },
  'portal.notarise.err.wait': {
    en: 'Wait until the fingerprint has been worked out',
    cy: 'Arhoswch nes bydd yr ôl bys wedi’i gyfrifo',
  },
  'portal.notarise.err.tooBig': {
    en: '{0} is too big: the document must be 256 MB or smaller',
    cy: 'Mae {0} yn rhy fawr: rhaid i’r ddogfen fod yn 256 MB neu’n llai',
  },
  'portal.notarise.err.unreadable': {
    en: '{0} could not be read: choose it again',
    cy: 'Nid oedd modd darllen {0}: dewiswch y ffeil eto',
  },
  'portal.notarise.err.labelLong': {
    en: 'The label must be {0} characters or fewer',
    cy: 'Rhaid i’r label fod yn {0} nod neu lai',
  },
  'portal.notarise.done': {
    en: 'The document has been notarised',
    cy: 'Mae’r ddogfen wedi’i notareiddio',
  },
  'portal.notarise.tx': { en: 'Transaction', cy: 'Trafodiad' },
  'portal.notarise.height': { en: 'Block', cy: 'Bloc' },
  'portal.notarise.download': {
    en: 'Download the receipt (JSON)',
    cy: 'Lawrlwytho’r dderbynneb (JSON)',
  },
  'portal.notarise.check': {
    en: 'Keep the receipt with the document. Anyone can check both in the [Explorer](/explorer/#check), without asking us.',
    cy: 'Cadwch y dderbynneb gyda’r ddogfen. Gall unrhyw un wirio’r ddwy yn yr [Archwiliwr](/explorer/#check), heb ofyn i ni.',
  },
  'portal.notarise.already': {
    en: 'This document was notarised before',
    cy: 'Cafodd y ddogfen hon ei notareiddio o’r blaen',
  },

  // ---- business register ----
  'portal.businesses.h1': { en: 'Business register', cy: 'Cofrestr busnesau' },
  'portal.businesses.lead': {
    en: 'Decide the applications to register an organisation that were made to your body, and grant the licences your body may grant. Everything here is public on the ledger.',
    cy: 'Penderfynwch ar y ceisiadau i gofrestru sefydliad a wnaed i’ch corff, a rhoi’r trwyddedau y caiff eich corff eu rhoi. Mae popeth yma’n gyhoeddus ar y cyfriflyfr.',
  },
  'portal.businesses.explorer': {
    en: 'Search the public business register in the Explorer',
    cy: 'Chwilio’r gofrestr busnesau gyhoeddus yn yr Archwiliwr',
  },
  'portal.businesses.apps.h2': {
    en: 'Applications waiting for your decision',
    cy: 'Ceisiadau sy’n aros am eich penderfyniad',
  },
  'portal.businesses.apps.none': {
    en: 'There are no applications waiting for your decision.',
    cy: 'Nid oes ceisiadau’n aros am eich penderfyniad.',
  },
  'portal.businesses.apps.caption': {
    en: 'Applications waiting: {0}',
    cy: 'Ceisiadau’n aros: {0}',
  },
  'portal.businesses.col.nameEn': { en: 'Name in English', cy: 'Enw yn Saesneg' },
  'portal.businesses.col.nameCy': { en: 'Name in Welsh', cy: 'Enw yn Gymraeg' },
  'portal.businesses.col.kind': { en: 'Kind', cy: 'Math' },
  'portal.businesses.col.area': { en: 'Office area', cy: 'Ardal y swyddfa' },
  'portal.businesses.col.received': { en: 'Received', cy: 'Derbyniwyd' },
  'portal.businesses.col.actions': { en: 'Decision', cy: 'Penderfyniad' },
  'portal.businesses.approve': { en: 'Approve', cy: 'Cymeradwyo' },
  'portal.businesses.refuse': { en: 'Refuse', cy: 'Gwrthod' },
  'portal.businesses.forApp': { en: ' the application of {0}', cy: ' cais {0}' },
  'portal.businesses.registered': { en: 'Registered as {0}', cy: 'Wedi’i gofrestru fel {0}' },
  // ---- the registration credential (decision 0010) ----
  'portal.businesses.credential.offer': {
    en: 'Offer the registration credential',
    cy: 'Cynnig y tystlythyr cofrestru',
  },
  'portal.businesses.credential.h3': {
    en: 'Registration credential for {0}',
    cy: 'Tystlythyr cofrestru ar gyfer {0}',
  },
  'portal.businesses.credential.lead': {
    en: 'The applicant scans this with the Cadwyn Wallet of the business. The credential holds only what the register shows: number, names, type, office area and date registered.',
    cy: 'Mae’r ymgeisydd yn sganio hwn gyda Waled Cadwyn y busnes. Dim ond yr hyn y mae’r gofrestr yn ei ddangos sydd yn y tystlythyr: rhif, enwau, math, ardal y swyddfa a dyddiad cofrestru.',
  },
  'portal.businesses.refused': {
    en: 'The application of {0} has been refused',
    cy: 'Mae cais {0} wedi’i wrthod',
  },
  'portal.businesses.receipt': {
    en: 'Download the receipt (JSON)',
    cy: 'Lawrlwytho’r dderbynneb (JSON)',
  },
  'portal.businesses.publicEntry': {
    en: 'See the public entry of {0} in the Explorer',
    cy: 'Gweld cofnod cyhoeddus {0} yn yr Archwiliwr',
  },
  'portal.businesses.refuse.h2': {
    en: 'Refuse the application of {0}?',
    cy: 'Gwrthod cais {0}?',
  },
  'portal.businesses.refuse.reason': { en: 'Reason', cy: 'Rheswm' },
  'portal.businesses.refuse.hint': {
    en: 'The applicant and anyone reading the ledger see the reason, in English and Welsh.',
    cy: 'Mae’r ymgeisydd ac unrhyw un sy’n darllen y cyfriflyfr yn gweld y rheswm, yn Saesneg ac yn Gymraeg.',
  },
  'portal.businesses.refuse.yes': { en: 'Yes, refuse it', cy: 'Ydw, gwrthod y cais' },
  'portal.businesses.err.reason': {
    en: 'Choose the reason for refusing',
    cy: 'Dewiswch y rheswm dros wrthod',
  },
  'portal.businesses.reason.name-misleading': {
    en: 'The name is misleading: it suggests a public body or another organisation',
    cy: 'Mae’r enw’n gamarweiniol: mae’n awgrymu corff cyhoeddus neu sefydliad arall',
  },
  'portal.businesses.reason.incomplete': {
    en: 'The application is incomplete',
    cy: 'Nid yw’r cais yn gyflawn',
  },
  'portal.businesses.reason.not-eligible': {
    en: 'The organisation is not eligible to be registered here',
    cy: 'Nid yw’r sefydliad yn gymwys i’w gofrestru yma',
  },
  'portal.businesses.kind.private-limited': {
    en: 'Private limited company',
    cy: 'Cwmni preifat cyfyngedig',
  },
  'portal.businesses.kind.public-limited': {
    en: 'Public limited company',
    cy: 'Cwmni cyfyngedig cyhoeddus',
  },
  'portal.businesses.kind.llp': {
    en: 'Limited liability partnership',
    cy: 'Partneriaeth atebolrwydd cyfyngedig',
  },
  'portal.businesses.kind.partnership': { en: 'Partnership', cy: 'Partneriaeth' },
  'portal.businesses.kind.sole-trader': { en: 'Sole trader', cy: 'Unig fasnachwr' },
  'portal.businesses.kind.cic': {
    en: 'Community interest company',
    cy: 'Cwmni buddiant cymunedol',
  },
  'portal.businesses.kind.charity-cio': {
    en: 'Charitable incorporated organisation',
    cy: 'Sefydliad corfforedig elusennol',
  },
  'portal.businesses.kind.co-operative': { en: 'Co-operative', cy: 'Cwmni cydweithredol' },
  'portal.businesses.licence.h2': { en: 'Grant a licence', cy: 'Rhoi trwydded' },
  'portal.businesses.licence.none': {
    en: 'Your body does not grant any kind of licence on the register.',
    cy: 'Nid yw eich corff yn rhoi unrhyw fath o drwydded ar y gofrestr.',
  },
  'portal.businesses.licence.number': {
    en: 'Registered number',
    cy: 'Rhif cofrestredig',
  },
  'portal.businesses.licence.number.hint': {
    en: 'GW and six digits, for example GW000123',
    cy: 'GW a chwe digid, er enghraifft GW000123',
  },
  'portal.businesses.licence.kind': { en: 'Kind of licence', cy: 'Math o drwydded' },
  'portal.businesses.licence.kind.hint': {
    en: 'Only the kinds your body may grant.',
    cy: 'Dim ond y mathau y caiff eich corff eu rhoi.',
  },
  'portal.businesses.licence.ref': {
    en: 'Your reference',
    cy: 'Eich cyfeirnod',
  },
  'portal.businesses.licence.from': { en: 'Valid from', cy: 'Yn ddilys o' },
  'portal.businesses.licence.until': {
    en: 'Valid until (the last day)',
    cy: 'Yn ddilys tan (y diwrnod olaf)',
  },
  'portal.businesses.licence.dateHint': {
    en: 'For example, 27 3 2027',
    cy: 'Er enghraifft, 27 3 2027',
  },
  'portal.businesses.licence.submit': { en: 'Grant the licence', cy: 'Rhoi’r drwydded' },
  'portal.businesses.licence.done': {
    en: 'Licence granted to {0}',
    cy: 'Trwydded wedi’i rhoi i {0}',
  },
  'portal.businesses.err.number': {
    en: 'Enter a registered number: GW and six digits, like GW000123',
    cy: 'Rhowch rif cofrestredig: GW a chwe digid, fel GW000123',
  },
  'portal.businesses.err.kind': {
    en: 'Choose the kind of licence',
    cy: 'Dewiswch y math o drwydded',
  },
  'portal.businesses.err.ref': {
    en: 'Enter your reference, up to {0} characters',
    cy: 'Rhowch eich cyfeirnod, hyd at {0} nod',
  },
  'portal.businesses.err.from': {
    en: 'Enter a real date the licence is valid from',
    cy: 'Rhowch ddyddiad go iawn y mae’r drwydded yn ddilys ohono',
  },
  'portal.businesses.err.until': {
    en: 'Enter a real date the licence is valid until',
    cy: 'Rhowch ddyddiad go iawn y mae’r drwydded yn ddilys tan hynny',
  },
  'portal.businesses.err.order': {
    en: 'The last day must be on or after the first day',
    cy: 'Rhaid i’r diwrnod olaf fod ar y diwrnod cyntaf neu ar ei ôl',
  },
  'portal.businesses.lic.premises-licence': { en: 'Premises licence', cy: 'Trwydded mangre' },
  'portal.businesses.lic.food-hygiene-registration': {
    en: 'Food business registration',
    cy: 'Cofrestriad busnes bwyd',
  },
  'portal.businesses.lic.waste-permit': { en: 'Waste permit', cy: 'Trwydded wastraff' },
  'portal.businesses.lic.fire-safety-certificate': {
    en: 'Fire safety certificate',
    cy: 'Tystysgrif diogelwch tân',
  },
  'portal.businesses.lic.regulated-goods-cultivation': {
    en: 'Regulated goods: growing',
    cy: 'Nwyddau rheoledig: tyfu',
  },
  'portal.businesses.lic.regulated-goods-processing': {
    en: 'Regulated goods: processing',
    cy: 'Nwyddau rheoledig: prosesu',
  },
  'portal.businesses.lic.regulated-goods-retail': {
    en: 'Regulated goods: selling',
    cy: 'Nwyddau rheoledig: gwerthu',
  },
  'portal.businesses.lic.regulated-goods-transport': {
    en: 'Regulated goods: transport',
    cy: 'Nwyddau rheoledig: cludo',
  },

  // ---- business register: change, dissolve, revoke a licence (registrar) ----
  'portal.businesses.manage.h2': {
    en: 'Change a registered organisation',
    cy: 'Newid sefydliad cofrestredig',
  },
  'portal.businesses.manage.number': { en: 'Registered number', cy: 'Rhif cofrestredig' },
  'portal.businesses.manage.number.hint': {
    en: 'GW and six digits, for example GW000123',
    cy: 'GW a chwe digid, er enghraifft GW000123',
  },
  'portal.businesses.manage.find': {
    en: 'Find the organisation',
    cy: 'Dod o hyd i’r sefydliad',
  },
  'portal.businesses.manage.unknown': {
    en: 'No organisation has this number: check it and try again',
    cy: 'Nid oes gan unrhyw sefydliad y rhif hwn: gwiriwch ef a rhoi cynnig arall arni',
  },
  'portal.businesses.manage.status': { en: 'Status', cy: 'Statws' },
  'portal.businesses.status.registered': { en: 'Registered', cy: 'Cofrestredig' },
  'portal.businesses.status.dissolved': { en: 'Dissolved', cy: 'Wedi’i ddiddymu' },
  'portal.businesses.manage.formerly': { en: 'Former names', cy: 'Enwau blaenorol' },
  'portal.businesses.manage.dissolvedNote': {
    en: 'This organisation is dissolved: its entry can no longer be changed.',
    cy: 'Mae’r sefydliad hwn wedi’i ddiddymu: ni ellir newid ei gofnod mwyach.',
  },
  'portal.businesses.amend.h3': {
    en: 'Change the name or the office area',
    cy: 'Newid yr enw neu ardal y swyddfa',
  },
  'portal.businesses.amend.nameCy.hint': {
    en: 'Leave it empty if the organisation has no Welsh name.',
    cy: 'Gadewch yn wag os nad oes gan y sefydliad enw Cymraeg.',
  },
  'portal.businesses.amend.submit': { en: 'Save the changes', cy: 'Cadw’r newidiadau' },
  'portal.businesses.amend.done': {
    en: 'The entry of {0} has been changed',
    cy: 'Mae cofnod {0} wedi’i newid',
  },
  'portal.businesses.err.nameEn': {
    en: 'Enter the name in English',
    cy: 'Rhowch yr enw yn Saesneg',
  },
  'portal.businesses.err.nameChars': {
    en: 'Use letters, digits and punctuation only, up to 160 characters',
    cy: 'Defnyddiwch lythrennau, digidau ac atalnodi yn unig, hyd at 160 nod',
  },
  'portal.businesses.err.unchanged': {
    en: 'Change the name or the office area first',
    cy: 'Newidiwch yr enw neu ardal y swyddfa yn gyntaf',
  },
  'portal.businesses.revoke.h3': {
    en: 'Licences your body granted',
    cy: 'Trwyddedau a roddodd eich corff',
  },
  'portal.businesses.revoke.none': {
    en: 'Your body has granted it no licence that is still in force.',
    cy: 'Nid yw eich corff wedi rhoi trwydded iddo sy’n dal mewn grym.',
  },
  'portal.businesses.revoke.caption': {
    en: 'Licences in force: {0}',
    cy: 'Trwyddedau mewn grym: {0}',
  },
  'portal.businesses.col.licence': { en: 'Licence', cy: 'Trwydded' },
  'portal.businesses.col.ref': { en: 'Your reference', cy: 'Eich cyfeirnod' },
  'portal.businesses.col.until': { en: 'Last day', cy: 'Diwrnod olaf' },
  'portal.businesses.revoke': { en: 'Revoke', cy: 'Dirymu' },
  'portal.businesses.forLicence': { en: ' the licence {0}', cy: ' y drwydded {0}' },
  'portal.businesses.revoke.h2': { en: 'Revoke licence {0}?', cy: 'Dirymu trwydded {0}?' },
  'portal.businesses.revoke.warning': {
    en: 'Revoking cannot be undone: the organisation would need a new licence.',
    cy: 'Ni ellir dadwneud dirymu: byddai angen trwydded newydd ar y sefydliad.',
  },
  'portal.businesses.revoke.yes': { en: 'Yes, revoke it', cy: 'Ydw, dirymu’r drwydded' },
  'portal.businesses.revoke.done': {
    en: 'Licence {0} has been revoked',
    cy: 'Mae trwydded {0} wedi’i dirymu',
  },
  'portal.businesses.reason.public': {
    en: 'Anyone reading the ledger sees the reason, in English and Welsh.',
    cy: 'Mae unrhyw un sy’n darllen y cyfriflyfr yn gweld y rheswm, yn Saesneg ac yn Gymraeg.',
  },
  'portal.businesses.err.revokeReason': {
    en: 'Choose why the licence is revoked',
    cy: 'Dewiswch pam y mae’r drwydded yn cael ei dirymu',
  },
  'portal.businesses.revokeReason.premises-closed': {
    en: 'The premises have closed',
    cy: 'Mae’r safle wedi cau',
  },
  'portal.businesses.revokeReason.conditions-breached': {
    en: 'The conditions of the licence were broken',
    cy: 'Torrwyd amodau’r drwydded',
  },
  'portal.businesses.revokeReason.surrendered': {
    en: 'The holder gave the licence up',
    cy: 'Ildiodd y deiliad y drwydded',
  },
  'portal.businesses.dissolve.h3': {
    en: 'Dissolve the organisation',
    cy: 'Diddymu’r sefydliad',
  },
  'portal.businesses.dissolve.lead': {
    en: 'Dissolving is final. The entry stays on the register as dissolved, and its name becomes free for others to register.',
    cy: 'Mae diddymu’n derfynol. Mae’r cofnod yn aros ar y gofrestr fel un wedi’i ddiddymu, a daw ei enw’n rhydd i eraill ei gofrestru.',
  },
  'portal.businesses.dissolve.open': {
    en: 'Dissolve this organisation',
    cy: 'Diddymu’r sefydliad hwn',
  },
  'portal.businesses.dissolve.h2': { en: 'Dissolve {0}?', cy: 'Diddymu {0}?' },
  'portal.businesses.dissolve.yes': { en: 'Yes, dissolve it', cy: 'Ydw, diddymu’r sefydliad' },
  'portal.businesses.dissolve.done': {
    en: '{0} has been dissolved',
    cy: 'Mae {0} wedi’i ddiddymu',
  },
  'portal.businesses.err.dissolveReason': {
    en: 'Choose why the organisation is dissolved',
    cy: 'Dewiswch pam y mae’r sefydliad yn cael ei ddiddymu',
  },
  'portal.businesses.dissolveReason.voluntary': {
    en: 'At its members’ request',
    cy: 'Ar gais ei aelodau',
  },
  'portal.businesses.dissolveReason.struck-off': {
    en: 'Struck off: it was no longer carrying on business',
    cy: 'Wedi’i ddileu: nid oedd yn cynnal busnes mwyach',
  },
  'portal.businesses.dissolveReason.wound-up': {
    en: 'Wound up after insolvency',
    cy: 'Wedi’i ddirwyn i ben ar ôl ansolfedd',
  },
  'portal.problem.BUSINESS_NAME_TAKEN': {
    en: 'That name, or one too like it, is already registered or applied for.',
    cy: 'Mae’r enw hwnnw, neu un rhy debyg iddo, eisoes wedi’i gofrestru neu mewn cais.',
  },
  'portal.problem.BUSINESS_DISSOLVED': {
    en: 'The organisation is dissolved: its entry can no longer be changed.',
    cy: 'Mae’r sefydliad wedi’i ddiddymu: ni ellir newid ei gofnod mwyach.',
  },
  'portal.problem.BUSINESS_NOTHING_TO_CHANGE': {
    en: 'Nothing would change: the register already says this.',
    cy: 'Ni fyddai dim yn newid: mae’r gofrestr eisoes yn dweud hyn.',
  },
  'portal.problem.BUSINESS_LICENCE_REVOKED': {
    en: 'That licence has already been revoked.',
    cy: 'Mae’r drwydded honno wedi’i dirymu eisoes.',
  },
  'portal.problem.BUSINESS_UNKNOWN': {
    en: 'No organisation has that number.',
    cy: 'Nid oes gan unrhyw sefydliad y rhif hwnnw.',
  },

  // ---- title register (registrar) ----
  'portal.titles.h1': { en: 'Title register', cy: 'Cofrestr teitlau' },
  'portal.titles.lead': {
    en: 'Register titles to land, enter and withdraw restrictions, and decide the transfers drafted against your titles. Owners are never named: the ledger holds a salted fingerprint of each owner’s pseudonym.',
    cy: 'Cofrestru teitlau i dir, cofnodi a thynnu cyfyngiadau, a phenderfynu ar y trosglwyddiadau a ddrafftiwyd yn erbyn eich teitlau. Ni chaiff perchnogion eu henwi byth: mae’r cyfriflyfr yn dal ôl bys hallt o ffugenw pob perchennog.',
  },
  'portal.titles.bodyNotAllowed': {
    en: 'Your organisation is not a registrar of land on the ledger, so the register will refuse what you do here.',
    cy: 'Nid yw eich sefydliad yn gofrestrydd tir ar y cyfriflyfr, felly bydd y gofrestr yn gwrthod yr hyn a wnewch yma.',
  },
  'portal.titles.explorer': {
    en: 'See the public title register in the Explorer',
    cy: 'Gweld y gofrestr teitlau gyhoeddus yn yr Archwiliwr',
  },
  'portal.titles.receipt': {
    en: 'Download the receipt for this decision',
    cy: 'Lawrlwytho’r dderbynneb ar gyfer y penderfyniad hwn',
  },
  'portal.titles.publicEntry': {
    en: 'See title {0} in the Explorer',
    cy: 'Gweld teitl {0} yn yr Archwiliwr',
  },
  'portal.titles.tenure.freehold': { en: 'Freehold', cy: 'Rhydd-ddaliad' },
  'portal.titles.tenure.leasehold': { en: 'Leasehold', cy: 'Lesddaliad' },
  'portal.titles.restriction.joint-proprietors': {
    en: 'Joint proprietors (information only)',
    cy: 'Cydberchnogion (gwybodaeth yn unig)',
  },
  'portal.titles.restriction.notice': {
    en: 'Notice (information only)',
    cy: 'Hysbysiad (gwybodaeth yn unig)',
  },
  'portal.titles.restriction.consent-required': {
    en: 'Consent required (stops a transfer)',
    cy: 'Angen cydsyniad (yn atal trosglwyddiad)',
  },
  'portal.titles.restriction.court-order': {
    en: 'Court order (stops a transfer)',
    cy: 'Gorchymyn llys (yn atal trosglwyddiad)',
  },
  'portal.titles.restriction.bankruptcy': {
    en: 'Bankruptcy (stops a transfer)',
    cy: 'Methdaliad (yn atal trosglwyddiad)',
  },
  'portal.titles.reason.owner-mismatch': {
    en: 'The sellers are not the registered owners',
    cy: 'Nid y gwerthwyr yw’r perchnogion cofrestredig',
  },
  'portal.titles.reason.restriction': {
    en: 'A restriction on the title stops this transfer',
    cy: 'Mae cyfyngiad ar y teitl yn atal y trosglwyddiad hwn',
  },
  'portal.titles.reason.incomplete': {
    en: 'The transfer is incomplete or does not match the register',
    cy: 'Mae’r trosglwyddiad yn anghyflawn neu nid yw’n cyfateb i’r gofrestr',
  },
  'portal.titles.approval.h2': {
    en: 'Transfers waiting for your approval',
    cy: 'Trosglwyddiadau sy’n aros am eich cymeradwyaeth',
  },
  'portal.titles.approval.none': {
    en: 'No transfers are waiting for approval.',
    cy: 'Nid oes unrhyw drosglwyddiadau’n aros am gymeradwyaeth.',
  },
  'portal.titles.approval.caption': {
    en: 'Transfers waiting for approval: {0}',
    cy: 'Trosglwyddiadau sy’n aros am gymeradwyaeth: {0}',
  },
  'portal.titles.registration.h2': {
    en: 'Completed transfers to register',
    cy: 'Trosglwyddiadau a gwblhawyd i’w cofrestru',
  },
  'portal.titles.registration.lead': {
    en: 'Every party has signed, the funds are confirmed and the sale is complete. Registering makes the buyers the owners.',
    cy: 'Mae pob parti wedi llofnodi, mae’r arian wedi’i gadarnhau ac mae’r gwerthiant wedi’i gwblhau. Mae cofrestru’n gwneud y prynwyr yn berchnogion.',
  },
  'portal.titles.registration.none': {
    en: 'No completed transfers are waiting to be registered.',
    cy: 'Nid oes unrhyw drosglwyddiadau a gwblhawyd yn aros i gael eu cofrestru.',
  },
  'portal.titles.registration.caption': {
    en: 'Completed transfers to register: {0}',
    cy: 'Trosglwyddiadau a gwblhawyd i’w cofrestru: {0}',
  },
  'portal.titles.col.title': { en: 'Title', cy: 'Teitl' },
  'portal.titles.col.uprn': { en: 'UPRN', cy: 'UPRN (cyfeirnod eiddo)' },
  'portal.titles.col.parties': { en: 'Parties', cy: 'Partïon' },
  'portal.titles.col.since': { en: 'Since', cy: 'Ers' },
  'portal.titles.col.actions': { en: 'Actions', cy: 'Camau' },
  'portal.titles.parties': {
    en: '{0} selling, {1} buying',
    cy: '{0} yn gwerthu, {1} yn prynu',
  },
  'portal.titles.transferLink': {
    en: '{0} (see the transfer)',
    cy: '{0} (gweld y trosglwyddiad)',
  },
  'portal.titles.forTransfer': {
    en: ' the transfer of {0}',
    cy: ' trosglwyddiad {0}',
  },
  'portal.titles.approve': { en: 'Approve', cy: 'Cymeradwyo' },
  'portal.titles.refuse': { en: 'Refuse', cy: 'Gwrthod' },
  'portal.titles.approved': {
    en: 'The transfer of {0} is approved',
    cy: 'Mae trosglwyddiad {0} wedi’i gymeradwyo',
  },
  'portal.titles.approved.next': {
    en: 'The parties can now sign it. Nobody else can buy the title while it is in progress.',
    cy: 'Gall y partïon ei lofnodi nawr. Ni all neb arall brynu’r teitl tra bydd ar y gweill.',
  },
  'portal.titles.refuse.h2': {
    en: 'Refuse the transfer of {0}?',
    cy: 'Gwrthod trosglwyddiad {0}?',
  },
  'portal.titles.refuse.reason': { en: 'Reason', cy: 'Rheswm' },
  'portal.titles.refuse.hint': {
    en: 'The conveyancers see this reason, in English and Welsh. A refused transfer is closed: they would draft a new one.',
    cy: 'Bydd y trawsgludwyr yn gweld y rheswm hwn, yn Gymraeg ac yn Saesneg. Caiff trosglwyddiad a wrthodwyd ei gau: byddent yn drafftio un newydd.',
  },
  'portal.titles.refuse.yes': { en: 'Yes, refuse the transfer', cy: 'Ie, gwrthod y trosglwyddiad' },
  'portal.titles.refused': {
    en: 'The transfer of {0} is refused',
    cy: 'Mae trosglwyddiad {0} wedi’i wrthod',
  },
  'portal.titles.registerTransfer': { en: 'Register', cy: 'Cofrestru' },
  'portal.titles.transferRegistered': {
    en: 'The transfer of {0} is registered: the buyers are the owners',
    cy: 'Mae trosglwyddiad {0} wedi’i gofrestru: y prynwyr yw’r perchnogion',
  },
  'portal.titles.register.h2': { en: 'Register a title', cy: 'Cofrestru teitl' },
  'portal.titles.register.lead': {
    en: 'Ask each owner for the pseudonym (a did:key) their wallet made for this title. This page makes a secret salt for each owner and puts only the salted fingerprint on the ledger.',
    cy: 'Gofynnwch i bob perchennog am y ffugenw (did:key) a wnaeth ei waled ar gyfer y teitl hwn. Mae’r dudalen hon yn gwneud halen cyfrinachol ar gyfer pob perchennog ac yn rhoi’r ôl bys hallt yn unig ar y cyfriflyfr.',
  },
  'portal.titles.register.number': { en: 'Title number', cy: 'Rhif teitl' },
  'portal.titles.register.number.hint': {
    en: 'Two or three letters and up to six digits, for example CYM123456',
    cy: 'Dwy neu dair llythyren a hyd at chwe digid, er enghraifft CYM123456',
  },
  'portal.titles.register.uprn': {
    en: 'Unique Property Reference Number (UPRN)',
    cy: 'Cyfeirnod Eiddo Unigryw (UPRN)',
  },
  'portal.titles.register.uprn.hint': {
    en: 'Up to twelve digits',
    cy: 'Hyd at ddeuddeg digid',
  },
  'portal.titles.register.tenure': { en: 'Tenure', cy: 'Deiliadaeth' },
  'portal.titles.register.area': { en: 'Council area', cy: 'Ardal y cyngor' },
  'portal.titles.register.owner': {
    en: 'Owner’s pseudonym',
    cy: 'Ffugenw’r perchennog',
  },
  'portal.titles.register.owner.hint': {
    en: 'Starts with did:key:z',
    cy: 'Yn dechrau gyda did:key:z',
  },
  'portal.titles.register.owner2': {
    en: 'Second owner’s pseudonym (optional)',
    cy: 'Ffugenw’r ail berchennog (dewisol)',
  },
  'portal.titles.register.owner2.hint': {
    en: 'Only for land owned jointly',
    cy: 'Dim ond ar gyfer tir sy’n eiddo ar y cyd',
  },
  'portal.titles.register.submit': { en: 'Register the title', cy: 'Cofrestru’r teitl' },
  'portal.titles.register.done': {
    en: 'Title {0} is registered',
    cy: 'Mae teitl {0} wedi’i gofrestru',
  },
  'portal.titles.register.saltLead': {
    en: 'Give each owner their salt now, for their records: it is shown only once and is not kept anywhere. With it, the owner can show that the fingerprint on the register is theirs.',
    cy: 'Rhowch ei halen i bob perchennog nawr, ar gyfer ei gofnodion: dim ond unwaith y caiff ei ddangos ac ni chaiff ei gadw yn unman. Gydag ef, gall y perchennog ddangos mai ef biau’r ôl bys ar y gofrestr.',
  },
  'portal.titles.register.ownerN': { en: 'Owner {0}', cy: 'Perchennog {0}' },
  'portal.titles.register.salt': { en: 'Salt', cy: 'Halen' },
  'portal.titles.register.digest': {
    en: 'Fingerprint on the register',
    cy: 'Ôl bys ar y gofrestr',
  },
  'portal.titles.restrict.h2': { en: 'Restrictions', cy: 'Cyfyngiadau' },
  'portal.titles.restrict.number': { en: 'Title number', cy: 'Rhif teitl' },
  'portal.titles.restrict.ref': {
    en: 'Restriction reference',
    cy: 'Cyfeirnod y cyfyngiad',
  },
  'portal.titles.restrict.ref.hint': {
    en: 'Letters, digits, dots, dashes and slashes, for example CO-2026-14',
    cy: 'Llythrennau, digidau, dotiau, cysylltnodau a slaesau, er enghraifft CO-2026-14',
  },
  'portal.titles.restrict.kind': { en: 'Kind of restriction', cy: 'Math o gyfyngiad' },
  'portal.titles.restrict.kind.hint': {
    en: 'Only needed to enter one. To withdraw one, give its title number and reference.',
    cy: 'Dim ond ei angen i gofnodi un. I dynnu un, rhowch rif ei deitl a’i gyfeirnod.',
  },
  'portal.titles.restrict.add': { en: 'Enter the restriction', cy: 'Cofnodi’r cyfyngiad' },
  'portal.titles.restrict.remove': {
    en: 'Withdraw the restriction',
    cy: 'Tynnu’r cyfyngiad',
  },
  'portal.titles.restrict.added': {
    en: 'Restriction {0} is entered on title {1}',
    cy: 'Mae cyfyngiad {0} wedi’i gofnodi ar deitl {1}',
  },
  'portal.titles.restrict.removed': {
    en: 'Restriction {0} is withdrawn from title {1}',
    cy: 'Mae cyfyngiad {0} wedi’i dynnu oddi ar deitl {1}',
  },
  'portal.titles.restrict.blocks': {
    en: 'No transfer of this title can be approved until it is withdrawn.',
    cy: 'Ni ellir cymeradwyo unrhyw drosglwyddiad o’r teitl hwn nes ei dynnu.',
  },
  'portal.titles.err.number': {
    en: 'Enter a title number like CYM123456',
    cy: 'Rhowch rif teitl fel CYM123456',
  },
  'portal.titles.err.uprn': {
    en: 'Enter a UPRN of up to twelve digits',
    cy: 'Rhowch UPRN o hyd at ddeuddeg digid',
  },
  'portal.titles.err.tenure': { en: 'Choose the tenure', cy: 'Dewiswch y ddeiliadaeth' },
  'portal.titles.err.area': { en: 'Choose the council area', cy: 'Dewiswch ardal y cyngor' },
  'portal.titles.err.owner': {
    en: 'Enter the owner’s pseudonym: it starts with did:key:z',
    cy: 'Rhowch ffugenw’r perchennog: mae’n dechrau gyda did:key:z',
  },
  'portal.titles.err.ownerTwice': {
    en: 'The second owner’s pseudonym must be different from the first',
    cy: 'Rhaid i ffugenw’r ail berchennog fod yn wahanol i’r cyntaf',
  },
  'portal.titles.err.ref': {
    en: 'Enter a reference of up to 64 letters, digits, dots, dashes or slashes',
    cy: 'Rhowch gyfeirnod o hyd at 64 o lythrennau, digidau, dotiau, cysylltnodau neu slaesau',
  },
  'portal.titles.err.kind': {
    en: 'Choose the kind of restriction',
    cy: 'Dewiswch y math o gyfyngiad',
  },
  'portal.titles.err.reason': {
    en: 'Choose why the transfer is refused',
    cy: 'Dewiswch pam y caiff y trosglwyddiad ei wrthod',
  },
  'portal.problem.TITLE_NOT_REGISTRAR': {
    en: 'Your organisation is not the registrar of this title.',
    cy: 'Nid eich sefydliad chi yw cofrestrydd y teitl hwn.',
  },
  'portal.problem.TITLE_EXISTS': {
    en: 'A title with that number is already registered.',
    cy: 'Mae teitl gyda’r rhif hwnnw wedi’i gofrestru eisoes.',
  },
  'portal.problem.TITLE_PARCEL_TAKEN': {
    en: 'That parcel already has a freehold title.',
    cy: 'Mae gan y llain honno deitl rhydd-ddaliad eisoes.',
  },
  'portal.problem.TITLE_UNKNOWN': {
    en: 'No title has that number.',
    cy: 'Nid oes gan unrhyw deitl y rhif hwnnw.',
  },
  'portal.problem.TITLE_RESTRICTION_EXISTS': {
    en: 'That title already has a restriction with this reference, or has as many as it can.',
    cy: 'Mae gan y teitl hwnnw gyfyngiad gyda’r cyfeirnod hwn eisoes, neu mae ganddo gymaint ag y gall.',
  },
  'portal.problem.TITLE_RESTRICTION_UNKNOWN': {
    en: 'That title has no restriction with this reference.',
    cy: 'Nid oes gan y teitl hwnnw gyfyngiad gyda’r cyfeirnod hwn.',
  },
  'portal.problem.TITLE_RESTRICTED': {
    en: 'A restriction on the title stops this transfer. Withdraw it first, or refuse the transfer.',
    cy: 'Mae cyfyngiad ar y teitl yn atal y trosglwyddiad hwn. Tynnwch ef yn gyntaf, neu gwrthodwch y trosglwyddiad.',
  },
  'portal.problem.TITLE_TRANSFER_OPEN': {
    en: 'Another transfer of this title is already in progress.',
    cy: 'Mae trosglwyddiad arall o’r teitl hwn ar y gweill eisoes.',
  },
  'portal.problem.TITLE_STEP_OUT_OF_ORDER': {
    en: 'The transfer is not at the stage for this step any more. Reload the page.',
    cy: 'Nid yw’r trosglwyddiad ar y cam ar gyfer hyn mwyach. Ail-lwythwch y dudalen.',
  },

  // ---- regulated goods (registrar of a council or regulator) ----
  'portal.goods.h1': { en: 'Regulated goods', cy: 'Nwyddau rheoledig' },
  'portal.goods.lead': {
    en: 'Register the keys licensed organisations act with, record inspections, recall lots and revoke keys. Every lot’s history is public in the Explorer.',
    cy: 'Cofrestru’r allweddi y mae sefydliadau trwyddedig yn gweithredu â nhw, cofnodi arolygiadau, galw lotiau’n ôl a dirymu allweddi. Mae hanes pob lot yn gyhoeddus yn yr Archwiliwr.',
  },
  'portal.goods.bodyNotAllowed': {
    en: 'Only a council or a regulator keeps this register, and your organisation is neither, so the register will refuse what you do here.',
    cy: 'Dim ond cyngor neu reoleiddiwr sy’n cadw’r gofrestr hon, ac nid yw eich sefydliad yn un o’r rheini, felly bydd y gofrestr yn gwrthod yr hyn a wnewch yma.',
  },
  'portal.goods.explorer': {
    en: 'See regulated goods in the Explorer',
    cy: 'Gweld nwyddau rheoledig yn yr Archwiliwr',
  },
  'portal.goods.receipt': {
    en: 'Download the receipt for this action',
    cy: 'Lawrlwytho’r dderbynneb ar gyfer y weithred hon',
  },
  'portal.goods.publicLot': {
    en: 'See lot {0} in the Explorer',
    cy: 'Gweld lot {0} yn yr Archwiliwr',
  },
  'portal.goods.reason': { en: 'Reason', cy: 'Rheswm' },
  'portal.goods.reason.hint': {
    en: 'It goes on the ledger in English and Welsh.',
    cy: 'Mae’n mynd ar y cyfriflyfr yn Gymraeg ac yn Saesneg.',
  },
  'portal.goods.recallReason.contaminated': {
    en: 'Contaminated: not safe to use',
    cy: 'Wedi’i halogi: nid yw’n ddiogel i’w ddefnyddio',
  },
  'portal.goods.recallReason.failed-test': {
    en: 'Failed a laboratory test or inspection',
    cy: 'Wedi methu prawf labordy neu arolygiad',
  },
  'portal.goods.recallReason.mislabelled': {
    en: 'Mislabelled: the contents are not as described',
    cy: 'Label anghywir: nid yw’r cynnwys fel y’i disgrifiwyd',
  },
  'portal.goods.revokeReason.key-lost': {
    en: 'The key was lost or stolen',
    cy: 'Cafodd yr allwedd ei cholli neu ei dwyn',
  },
  'portal.goods.revokeReason.key-retired': {
    en: 'The organisation no longer uses this key',
    cy: 'Nid yw’r sefydliad yn defnyddio’r allwedd hon mwyach',
  },
  'portal.goods.revokeReason.licence-ended': {
    en: 'The organisation’s licence has ended',
    cy: 'Mae trwydded y sefydliad wedi dod i ben',
  },
  'portal.goods.operator.h2': {
    en: 'Register an operator key',
    cy: 'Cofrestru allwedd gweithredwr',
  },
  'portal.goods.operator.lead': {
    en: 'An operator key signs for a registered organisation: it is the organisation’s key, never a person’s. Give the place of business it acts from.',
    cy: 'Mae allwedd gweithredwr yn llofnodi dros sefydliad cofrestredig: allwedd y sefydliad yw hi, byth allwedd person. Rhowch y man busnes y mae’n gweithredu ohono.',
  },
  'portal.goods.operator.number': { en: 'Organisation number', cy: 'Rhif y sefydliad' },
  'portal.goods.operator.number.hint': {
    en: 'From the business register, for example GW000123',
    cy: 'O’r gofrestr busnesau, er enghraifft GW000123',
  },
  'portal.goods.operator.did': { en: 'Operator key', cy: 'Allwedd y gweithredwr' },
  'portal.goods.operator.did.hint': {
    en: 'The organisation’s did:key, starting did:key:z',
    cy: 'did:key y sefydliad, yn dechrau gyda did:key:z',
  },
  'portal.goods.operator.premisesLegend': { en: 'Premises', cy: 'Safle' },
  'portal.goods.operator.premises': { en: 'Premises reference', cy: 'Cyfeirnod y safle' },
  'portal.goods.operator.premises.hint': {
    en: 'Lower-case letters, digits and dashes, for example unit-4',
    cy: 'Llythrennau bach, digidau a chysylltnodau, er enghraifft uned-4',
  },
  'portal.goods.operator.nameEn': {
    en: 'Name of the premises in English',
    cy: 'Enw’r safle yn Saesneg',
  },
  'portal.goods.operator.nameCy': {
    en: 'Name of the premises in Welsh',
    cy: 'Enw’r safle yn Gymraeg',
  },
  'portal.goods.operator.lat': { en: 'Latitude', cy: 'Lledred' },
  'portal.goods.operator.lat.hint': {
    en: 'In degrees, for example 51.5842',
    cy: 'Mewn graddau, er enghraifft 51.5842',
  },
  'portal.goods.operator.lon': { en: 'Longitude', cy: 'Hydred' },
  'portal.goods.operator.lon.hint': {
    en: 'In degrees, west is negative, for example -2.9977',
    cy: 'Mewn graddau, mae’r gorllewin yn negatif, er enghraifft -2.9977',
  },
  'portal.goods.operator.submit': { en: 'Register the key', cy: 'Cofrestru’r allwedd' },
  'portal.goods.operator.done': {
    en: 'The key now acts for {0}',
    cy: 'Mae’r allwedd bellach yn gweithredu dros {0}',
  },
  'portal.goods.lot': { en: 'Lot number', cy: 'Rhif y lot' },
  'portal.goods.lot.hint': {
    en: 'As on the product’s label: 16 letters and digits, a dash and a number, for example 3fa85f6457174562-0',
    cy: 'Fel ar label y cynnyrch: 16 o lythrennau a digidau, cysylltnod a rhif, er enghraifft 3fa85f6457174562-0',
  },
  'portal.goods.result.h2': { en: 'Record an inspection', cy: 'Cofnodi arolygiad' },
  'portal.goods.result.outcome': { en: 'Result', cy: 'Canlyniad' },
  'portal.goods.result.pass': { en: 'Passed', cy: 'Wedi pasio' },
  'portal.goods.result.fail': { en: 'Failed', cy: 'Wedi methu' },
  'portal.goods.result.ref': { en: 'Inspection reference', cy: 'Cyfeirnod yr arolygiad' },
  'portal.goods.result.ref.hint': {
    en: 'Your own reference, for example TS/2026/14',
    cy: 'Eich cyfeirnod eich hun, er enghraifft TS/2026/14',
  },
  'portal.goods.result.submit': { en: 'Record the result', cy: 'Cofnodi’r canlyniad' },
  'portal.goods.result.donePass': {
    en: 'Lot {0} passed inspection',
    cy: 'Pasiodd lot {0} yr arolygiad',
  },
  'portal.goods.result.doneFail': {
    en: 'Lot {0} failed inspection',
    cy: 'Methodd lot {0} yr arolygiad',
  },
  'portal.goods.recall.h2': { en: 'Recall a lot', cy: 'Galw lot yn ôl' },
  'portal.goods.recall.lead': {
    en: 'A recall covers the lot and everything made from it. You will see every lot and holder that must be told.',
    cy: 'Mae galw’n ôl yn cynnwys y lot a phopeth a wnaed ohono. Byddwch yn gweld pob lot a deiliad y mae’n rhaid rhoi gwybod iddynt.',
  },
  'portal.goods.recall.open': { en: 'Recall this lot', cy: 'Galw’r lot hwn yn ôl' },
  'portal.goods.recall.h3': { en: 'Recall lot {0}?', cy: 'Galw lot {0} yn ôl?' },
  'portal.goods.recall.yes': { en: 'Yes, recall it', cy: 'Ie, ei alw’n ôl' },
  'portal.goods.recall.done': { en: 'Lot {0} is recalled', cy: 'Mae lot {0} wedi’i alw’n ôl' },
  'portal.goods.trace.caption': {
    en: 'Lots covered by the recall: {0}',
    cy: 'Lotiau sydd wedi’u cynnwys yn y galw’n ôl: {0}',
  },
  'portal.goods.trace.col.lot': { en: 'Lot number', cy: 'Rhif y lot' },
  'portal.goods.trace.col.holder': { en: 'Held by', cy: 'Yn cael ei ddal gan' },
  'portal.goods.trace.col.quantity': { en: 'Quantity', cy: 'Swm' },
  'portal.goods.trace.holders': {
    en: 'Organisations to tell ({0}):',
    cy: 'Sefydliadau i roi gwybod iddynt ({0}):',
  },
  'portal.goods.trace.truncated': {
    en: 'There are more lots than shown here: see the full trace in the Explorer.',
    cy: 'Mae mwy o lotiau nag a ddangosir yma: gweler yr olrhain llawn yn yr Archwiliwr.',
  },
  'portal.goods.revoke.h2': { en: 'Revoke an operator key', cy: 'Dirymu allwedd gweithredwr' },
  'portal.goods.revoke.lead': {
    en: 'A revoked key can no longer act for its organisation. What it did stays on the record.',
    cy: 'Ni all allwedd a ddirymwyd weithredu dros ei sefydliad mwyach. Mae’r hyn a wnaeth yn aros ar y cofnod.',
  },
  'portal.goods.revoke.hint': {
    en: 'The key to revoke, starting did:key:z',
    cy: 'Yr allwedd i’w dirymu, yn dechrau gyda did:key:z',
  },
  'portal.goods.revoke.open': { en: 'Revoke this key', cy: 'Dirymu’r allwedd hon' },
  'portal.goods.revoke.h3': {
    en: 'Revoke this operator key?',
    cy: 'Dirymu’r allwedd gweithredwr hon?',
  },
  'portal.goods.revoke.yes': { en: 'Yes, revoke it', cy: 'Ie, ei dirymu' },
  'portal.goods.revoke.done': { en: 'The key is revoked', cy: 'Mae’r allwedd wedi’i dirymu' },
  'portal.goods.err.number': {
    en: 'Enter an organisation number like GW000123',
    cy: 'Rhowch rif sefydliad fel GW000123',
  },
  'portal.goods.err.did': {
    en: 'Enter the key: it starts with did:key:z',
    cy: 'Rhowch yr allwedd: mae’n dechrau gyda did:key:z',
  },
  'portal.goods.err.premises': {
    en: 'Enter a premises reference of lower-case letters, digits and dashes',
    cy: 'Rhowch gyfeirnod safle o lythrennau bach, digidau a chysylltnodau',
  },
  'portal.goods.err.nameEn': {
    en: 'Enter the name of the premises in English, up to {0} characters',
    cy: 'Rhowch enw’r safle yn Saesneg, hyd at {0} nod',
  },
  'portal.goods.err.nameCy': {
    en: 'Enter the name of the premises in Welsh, up to {0} characters',
    cy: 'Rhowch enw’r safle yn Gymraeg, hyd at {0} nod',
  },
  'portal.goods.err.lat': {
    en: 'Enter a latitude between -90 and 90, with at most seven decimals',
    cy: 'Rhowch ledred rhwng -90 a 90, gydag uchafswm o saith degolyn',
  },
  'portal.goods.err.lon': {
    en: 'Enter a longitude between -180 and 180, with at most seven decimals',
    cy: 'Rhowch hydred rhwng -180 a 180, gydag uchafswm o saith degolyn',
  },
  'portal.goods.err.lot': {
    en: 'Enter a lot number like 3fa85f6457174562-0',
    cy: 'Rhowch rif lot fel 3fa85f6457174562-0',
  },
  'portal.goods.err.outcome': {
    en: 'Choose whether the lot passed or failed',
    cy: 'Dewiswch a wnaeth y lot basio neu fethu',
  },
  'portal.goods.err.ref': {
    en: 'Enter a reference of up to 64 letters, digits, dots, dashes or slashes',
    cy: 'Rhowch gyfeirnod o hyd at 64 o lythrennau, digidau, dotiau, cysylltnodau neu slaesau',
  },
  'portal.goods.err.reason': { en: 'Choose a reason', cy: 'Dewiswch reswm' },
  'portal.problem.GOODS_NOT_AUTHORISED': {
    en: 'Only a council or a regulator can do this, and your organisation is neither.',
    cy: 'Dim ond cyngor neu reoleiddiwr all wneud hyn, ac nid yw eich sefydliad yn un o’r rheini.',
  },
  'portal.problem.GOODS_BUSINESS_UNKNOWN': {
    en: 'No organisation on the business register has that number.',
    cy: 'Nid oes gan unrhyw sefydliad ar y gofrestr busnesau y rhif hwnnw.',
  },
  'portal.problem.GOODS_BUSINESS_DISSOLVED': {
    en: 'That organisation has been dissolved.',
    cy: 'Mae’r sefydliad hwnnw wedi’i ddiddymu.',
  },
  'portal.problem.GOODS_OPERATOR_EXISTS': {
    en: 'That key is already registered.',
    cy: 'Mae’r allwedd honno wedi’i chofrestru eisoes.',
  },
  'portal.problem.GOODS_OPERATOR_UNKNOWN': {
    en: 'No operator has that key.',
    cy: 'Nid oes gan unrhyw weithredwr yr allwedd honno.',
  },
  'portal.problem.GOODS_OPERATOR_REVOKED': {
    en: 'That key has already been revoked.',
    cy: 'Mae’r allwedd honno wedi’i dirymu eisoes.',
  },
  'portal.problem.GOODS_PREMISES_INVALID': {
    en: 'The premises are not right: check the coordinates.',
    cy: 'Nid yw’r safle’n gywir: gwiriwch y cyfesurynnau.',
  },
  'portal.problem.GOODS_LOT_UNKNOWN': {
    en: 'No lot has that number.',
    cy: 'Nid oes gan unrhyw lot y rhif hwnnw.',
  },
  'portal.problem.GOODS_ALREADY_RECALLED': {
    en: 'That lot has already been recalled.',
    cy: 'Mae’r lot hwnnw wedi’i alw’n ôl eisoes.',
  },

  // ---- governance ----
  'portal.governance.h1': { en: 'Governance', cy: 'Llywodraethu' },
  'portal.governance.lead': {
    en: 'The bodies that run the ledger together, and the validators whose signatures seal each block, as the ledger holds them now.',
    cy: 'Y cyrff sy’n rhedeg y cyfriflyfr gyda’i gilydd, a’r dilyswyr y mae eu llofnodion yn selio pob bloc, fel y mae’r cyfriflyfr yn eu dal nawr.',
  },
  'portal.governance.network': { en: 'Network', cy: 'Rhwydwaith' },
  'portal.governance.height': { en: 'Latest block', cy: 'Y bloc diweddaraf' },
  'portal.governance.quorum': { en: 'Signatures needed', cy: 'Llofnodion sydd eu hangen' },
  'portal.governance.quorumOf': {
    en: '{0} of {1} validators',
    cy: '{0} o {1} dilysydd',
  },
  'portal.governance.members.caption': {
    en: 'Member bodies ({0})',
    cy: 'Cyrff sy’n aelodau ({0})',
  },
  'portal.governance.validators.caption': { en: 'Validators ({0})', cy: 'Dilyswyr ({0})' },
  'portal.governance.col.nameEn': { en: 'Name in English', cy: 'Enw yn Saesneg' },
  'portal.governance.col.nameCy': { en: 'Name in Welsh', cy: 'Enw yn Gymraeg' },
  'portal.governance.col.area': { en: 'Area', cy: 'Ardal' },
  'portal.governance.col.roles': { en: 'Roles', cy: 'Rolau' },
  'portal.governance.col.validator': { en: 'Validator', cy: 'Dilysydd' },
  'portal.governance.col.runBy': { en: 'Run by', cy: 'Yn cael ei redeg gan' },
  'portal.governance.col.key': { en: 'Public key', cy: 'Allwedd gyhoeddus' },
  'portal.governance.consortium.h2': {
    en: 'Members and validators',
    cy: 'Aelodau a dilyswyr',
  },
  'portal.governance.propose.h2': {
    en: 'Propose a change',
    cy: 'Cynnig newid',
  },
  'portal.governance.propose.lead': {
    en: 'A change to the consortium needs the signatures of more than two thirds of the member bodies. Your body’s signature is the first. The proposal stays open for 14 days.',
    cy: 'Mae newid i’r consortiwm angen llofnodion mwy na dwy ran o dair o’r cyrff sy’n aelodau. Llofnod eich corff yw’r cyntaf. Mae’r cynnig yn aros ar agor am 14 diwrnod.',
  },
  'portal.governance.propose.kind': {
    en: 'What do you want to change?',
    cy: 'Beth ydych chi am ei newid?',
  },
  'portal.governance.propose.kind.authorise': {
    en: 'Authorise a body to issue a credential type',
    cy: 'Awdurdodi corff i gyhoeddi math o dystlythyr',
  },
  'portal.governance.propose.kind.deauthorise': {
    en: 'Stop a body issuing a credential type',
    cy: 'Atal corff rhag cyhoeddi math o dystlythyr',
  },
  'portal.governance.propose.kind.rename': {
    en: 'Change a member body’s name',
    cy: 'Newid enw corff sy’n aelod',
  },
  'portal.governance.propose.body': {
    en: 'Which body',
    cy: 'Pa gorff',
  },
  'portal.governance.propose.type': {
    en: 'Which credential type',
    cy: 'Pa fath o dystlythyr',
  },
  'portal.governance.propose.member': {
    en: 'Which member body',
    cy: 'Pa gorff sy’n aelod',
  },
  'portal.governance.propose.nameEn': {
    en: 'New name in English',
    cy: 'Enw newydd yn Saesneg',
  },
  'portal.governance.propose.nameCy': {
    en: 'New name in Welsh',
    cy: 'Enw newydd yn Gymraeg',
  },
  'portal.governance.propose.submit': {
    en: 'Propose this change',
    cy: 'Cynnig y newid hwn',
  },
  'portal.governance.err.kind': {
    en: 'Select what you want to change',
    cy: 'Dewiswch beth rydych chi am ei newid',
  },
  'portal.governance.err.body': {
    en: 'Select the body',
    cy: 'Dewiswch y corff',
  },
  'portal.governance.err.type': {
    en: 'Select the credential type',
    cy: 'Dewiswch y math o dystlythyr',
  },
  'portal.governance.err.member': {
    en: 'Select the member body',
    cy: 'Dewiswch y corff sy’n aelod',
  },
  'portal.governance.err.nameEn': {
    en: 'Enter the name in English',
    cy: 'Rhowch yr enw yn Saesneg',
  },
  'portal.governance.err.nameCy': {
    en: 'Enter the name in Welsh',
    cy: 'Rhowch yr enw yn Gymraeg',
  },
  'portal.governance.err.nameLong': {
    en: 'The name must be {0} characters or fewer',
    cy: 'Rhaid i’r enw fod yn {0} nod neu lai',
  },
  'portal.governance.err.sameName': {
    en: 'Enter a name that is different from the body’s name now',
    cy: 'Rhowch enw sy’n wahanol i enw presennol y corff',
  },
  'portal.governance.err.already': {
    en: 'This body already issues this credential type',
    cy: 'Mae’r corff hwn eisoes yn cyhoeddi’r math hwn o dystlythyr',
  },
  'portal.governance.err.notIssuing': {
    en: 'This body does not issue this credential type now',
    cy: 'Nid yw’r corff hwn yn cyhoeddi’r math hwn o dystlythyr nawr',
  },
  'portal.governance.proposed': {
    en: 'Your body has proposed the change',
    cy: 'Mae eich corff wedi cynnig y newid',
  },
  'portal.governance.proposed.next': {
    en: 'Your body’s signature is the first. The administrators of the other member bodies can now sign it in the list of proposals.',
    cy: 'Llofnod eich corff yw’r cyntaf. Gall gweinyddwyr y cyrff eraill sy’n aelodau ei lofnodi nawr yn y rhestr o gynigion.',
  },
  'portal.governance.receipt': {
    en: 'Download the receipt',
    cy: 'Lawrlwytho’r dderbynneb',
  },
  'portal.governance.proposals.h2': {
    en: 'Proposals',
    cy: 'Cynigion',
  },
  'portal.governance.proposals.lead': {
    en: 'Each signature is a transaction of your body on the ledger, with a receipt. A change comes into force with the last signature it needs.',
    cy: 'Mae pob llofnod yn drafodyn gan eich corff ar y cyfriflyfr, gyda derbynneb. Daw newid i rym gyda’r llofnod olaf sydd ei angen arno.',
  },
  'portal.governance.proposals.readOnly': {
    en: 'Only a body’s administrators can propose or sign changes.',
    cy: 'Dim ond gweinyddwyr corff all gynnig neu lofnodi newidiadau.',
  },
  'portal.governance.pending.none': {
    en: 'There are no proposals waiting for signatures.',
    cy: 'Nid oes unrhyw gynigion yn aros am lofnodion.',
  },
  'portal.governance.pending.caption': {
    en: 'Waiting for signatures ({0})',
    cy: 'Yn aros am lofnodion ({0})',
  },
  'portal.governance.decided.caption': {
    en: 'Decided ({0})',
    cy: 'Wedi’u penderfynu ({0})',
  },
  'portal.governance.col.change': {
    en: 'Change',
    cy: 'Newid',
  },
  'portal.governance.col.proposer': {
    en: 'Proposed by',
    cy: 'Cynigiwyd gan',
  },
  'portal.governance.col.signatures': {
    en: 'Signatures',
    cy: 'Llofnodion',
  },
  'portal.governance.col.expires': {
    en: 'Open until',
    cy: 'Ar agor tan',
  },
  'portal.governance.col.actions': {
    en: 'Actions',
    cy: 'Camau gweithredu',
  },
  'portal.governance.col.outcome': {
    en: 'Outcome',
    cy: 'Canlyniad',
  },
  'portal.governance.col.decided': {
    en: 'Decided',
    cy: 'Penderfynwyd',
  },
  'portal.governance.signedOf': {
    en: '{0} of {1} signatures',
    cy: '{0} o {1} llofnod',
  },
  'portal.governance.actionOf': {
    en: '(proposal: {0})',
    cy: '(cynnig: {0})',
  },
  'portal.governance.sign': {
    en: 'Sign this proposal',
    cy: 'Llofnodi’r cynnig hwn',
  },
  'portal.governance.withdraw': {
    en: 'Withdraw',
    cy: 'Tynnu’n ôl',
  },
  'portal.governance.youSigned': {
    en: 'Your body has signed',
    cy: 'Mae eich corff wedi llofnodi',
  },
  'portal.governance.noActions': {
    en: 'Only an administrator can sign',
    cy: 'Dim ond gweinyddwr all lofnodi',
  },
  'portal.governance.signed': {
    en: 'Your body has signed the proposal',
    cy: 'Mae eich corff wedi llofnodi’r cynnig',
  },
  'portal.governance.signed.next': {
    en: '{0} of {1} signatures so far. The change comes into force when {1} member bodies have signed.',
    cy: '{0} o {1} llofnod hyd yma. Daw’r newid i rym pan fydd {1} corff sy’n aelod wedi llofnodi.',
  },
  'portal.governance.applied': {
    en: 'Signed: the change is now in force',
    cy: 'Wedi’i lofnodi: mae’r newid mewn grym nawr',
  },
  'portal.governance.confirmWithdraw.h2': {
    en: 'Are you sure you want to withdraw this proposal?',
    cy: 'Ydych chi’n siŵr eich bod am dynnu’r cynnig hwn yn ôl?',
  },
  'portal.governance.confirmWithdraw.warn': {
    en: 'The signatures it has gathered will no longer count. To make the change later, propose it again.',
    cy: 'Ni fydd y llofnodion a gasglodd yn cyfrif mwyach. I wneud y newid yn nes ymlaen, cynigiwch ef eto.',
  },
  'portal.governance.confirmWithdraw.yes': {
    en: 'Yes, withdraw it',
    cy: 'Ydw, ei dynnu’n ôl',
  },
  'portal.governance.withdrawn': {
    en: 'The proposal has been withdrawn',
    cy: 'Mae’r cynnig wedi’i dynnu’n ôl',
  },
  'portal.governance.outcome.applied': {
    en: 'In force',
    cy: 'Mewn grym',
  },
  'portal.governance.outcome.withdrawn': {
    en: 'Withdrawn',
    cy: 'Tynnwyd yn ôl',
  },
  'portal.governance.outcome.expired': {
    en: 'Expired',
    cy: 'Daeth i ben',
  },
  'portal.governance.change.authorise': {
    en: 'Authorise {0} to issue {1}',
    cy: 'Awdurdodi {0} i gyhoeddi {1}',
  },
  'portal.governance.change.deauthorise': {
    en: 'Stop {0} issuing {1}',
    cy: 'Atal {0} rhag cyhoeddi {1}',
  },
  'portal.governance.change.rename': {
    en: 'Change the name of {0} to ‘{1}’ in English and ‘{2}’ in Welsh',
    cy: 'Newid enw {0} i ‘{1}’ yn Saesneg a ‘{2}’ yn Gymraeg',
  },
  'portal.governance.change.update': {
    en: 'Change the details of {0}',
    cy: 'Newid manylion {0}',
  },
  'portal.governance.change.addMember': {
    en: 'Add {0} as a member body',
    cy: 'Ychwanegu {0} fel corff sy’n aelod',
  },
  'portal.governance.change.removeMember': {
    en: 'Remove {0} from the member bodies',
    cy: 'Tynnu {0} o’r cyrff sy’n aelodau',
  },
  'portal.governance.change.addValidator': {
    en: 'Add the validator {0}',
    cy: 'Ychwanegu’r dilysydd {0}',
  },
  'portal.governance.change.removeValidator': {
    en: 'Remove the validator {0}',
    cy: 'Tynnu’r dilysydd {0}',
  },
  'portal.governance.change.rotateKey': {
    en: 'Change the key of the validator {0}',
    cy: 'Newid allwedd y dilysydd {0}',
  },
  'portal.governance.change.other': {
    en: 'A change of the kind {0}',
    cy: 'Newid o’r math {0}',
  },
  'portal.memberRole.council': { en: 'Council', cy: 'Cyngor' },
  'portal.memberRole.issuer': { en: 'Issues credentials', cy: 'Yn cyhoeddi tystlythyrau' },
  'portal.memberRole.registrar': { en: 'Keeps registers', cy: 'Yn cadw cofrestrau' },
  'portal.memberRole.health': { en: 'Health', cy: 'Iechyd' },
  'portal.memberRole.police': { en: 'Police', cy: 'Heddlu' },
  'portal.memberRole.fire': { en: 'Fire and rescue', cy: 'Tân ac achub' },
  'portal.memberRole.regulator': { en: 'Regulator', cy: 'Rheoleiddiwr' },

  // ---- the node's refusals, in plain words (by problem code) ----
  'portal.problem.other': {
    en: 'Something went wrong (code {0}). Try again. If it keeps happening, tell your IT service desk and give them the code.',
    cy: 'Aeth rhywbeth o’i le (cod {0}). Rhowch gynnig arall arni. Os yw’n dal i ddigwydd, rhowch wybod i ddesg gymorth TG eich sefydliad a rhowch y cod iddynt.',
  },
  'portal.problem.STAFF_SIGNIN_FAILED': {
    en: 'The username or password is not right.',
    cy: 'Nid yw’r enw defnyddiwr neu’r cyfrinair yn gywir.',
  },
  'portal.problem.STAFF_SIGNIN_LOCKED': {
    en: 'There have been too many attempts to sign in. Wait 15 minutes, then try again.',
    cy: 'Bu gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud, yna rhowch gynnig arall arni.',
  },
  'portal.problem.STAFF_ROLE_MISSING': {
    en: 'Your account does not have the role this needs. Ask your organisation’s Portal administrator if you need it.',
    cy: 'Nid oes gan eich cyfrif y rôl sydd ei hangen ar gyfer hyn. Gofynnwch i weinyddwr Porth eich sefydliad os oes ei hangen arnoch.',
  },
  'portal.problem.STAFF_UNAUTHORISED': {
    en: 'You need to sign in again.',
    cy: 'Mae angen i chi fewngofnodi eto.',
  },
  'portal.problem.BODY_UNKNOWN': {
    en: 'This node does not act for your organisation any more. Tell your IT service desk.',
    cy: 'Nid yw’r nod hwn yn gweithredu ar ran eich sefydliad mwyach. Rhowch wybod i’ch desg gymorth TG.',
  },
  'portal.problem.REQUEST_INVALID': {
    en: 'The node could not accept what was sent. Check the details and try again.',
    cy: 'Nid oedd modd i’r nod dderbyn yr hyn a anfonwyd. Gwiriwch y manylion a rhowch gynnig arall arni.',
  },
  'portal.problem.CREDENTIAL_TYPE_UNKNOWN': {
    en: 'The node does not know this kind of credential.',
    cy: 'Nid yw’r nod yn adnabod y math hwn o dystlythyr.',
  },
  'portal.problem.ISSUER_NOT_AUTHORISED': {
    en: 'The organisation is not authorised on the ledger to issue this kind of credential.',
    cy: 'Nid yw’r sefydliad wedi’i awdurdodi ar y cyfriflyfr i gyhoeddi’r math hwn o dystlythyr.',
  },
  'portal.problem.CREDENTIAL_CLAIMS_INVALID': {
    en: 'Some of the citizen’s details are not in the form the credential needs. Check them and try again.',
    cy: 'Nid yw rhai o fanylion y dinesydd yn y ffurf sydd ei hangen ar y tystlythyr. Gwiriwch nhw a rhowch gynnig arall arni.',
  },
  'portal.problem.CREDENTIAL_UNKNOWN': {
    en: 'The node has no record of this credential.',
    cy: 'Nid oes gan y nod gofnod o’r tystlythyr hwn.',
  },
  'portal.problem.CREDENTIAL_STATUS_FINAL': {
    en: 'This credential has been revoked. A revoked credential cannot be reinstated: issue a new one.',
    cy: 'Mae’r tystlythyr hwn wedi’i ddirymu. Ni ellir adfer tystlythyr sydd wedi’i ddirymu: cyhoeddwch un newydd.',
  },
  'portal.problem.OFFER_UNKNOWN': {
    en: 'The offer has expired or was used.',
    cy: 'Mae’r cynnig wedi dod i ben neu wedi’i ddefnyddio.',
  },
  'portal.problem.DCQL_INVALID': {
    en: 'The node could not accept what you asked for. Choose the details again.',
    cy: 'Nid oedd modd i’r nod dderbyn yr hyn y gofynnoch amdano. Dewiswch y manylion eto.',
  },
  'portal.problem.VP_REQUEST_UNKNOWN': {
    en: 'The request has expired. Make a new one.',
    cy: 'Mae’r cais wedi dod i ben. Gwnewch un newydd.',
  },
  'portal.problem.PRESENTATION_REPLAYED': {
    en: 'This request was already answered. Make a new one.',
    cy: 'Atebwyd y cais hwn eisoes. Gwnewch un newydd.',
  },
  'portal.problem.PRESENTATION_MALFORMED': {
    en: 'The credential could not be read.',
    cy: 'Nid oedd modd darllen y tystlythyr.',
  },
  'portal.problem.ISSUER_UNKNOWN': {
    en: 'The organisation that issued this credential is not a member of the ledger.',
    cy: 'Nid yw’r sefydliad a gyhoeddodd y tystlythyr hwn yn aelod o’r cyfriflyfr.',
  },
  'portal.problem.CREDENTIAL_SIGNATURE_INVALID': {
    en: 'The credential’s signature is not valid. It may have been changed.',
    cy: 'Nid yw llofnod y tystlythyr yn ddilys. Efallai ei fod wedi cael ei newid.',
  },
  'portal.problem.DISCLOSURE_INVALID': {
    en: 'Some of the details shared do not match the credential.',
    cy: 'Nid yw rhai o’r manylion a rannwyd yn cyfateb i’r tystlythyr.',
  },
  'portal.problem.CREDENTIAL_EXPIRED': {
    en: 'The credential has expired.',
    cy: 'Mae’r tystlythyr wedi dod i ben.',
  },
  'portal.problem.CREDENTIAL_NOT_YET_VALID': {
    en: 'The credential is not valid yet.',
    cy: 'Nid yw’r tystlythyr yn ddilys eto.',
  },
  'portal.problem.KB_MISSING': {
    en: 'The wallet did not prove that it holds this credential.',
    cy: 'Ni phrofodd y waled mai hi sy’n dal y tystlythyr hwn.',
  },
  'portal.problem.KB_SIGNATURE_INVALID': {
    en: 'The wallet’s proof that it holds this credential is not valid.',
    cy: 'Nid yw prawf y waled mai hi sy’n dal y tystlythyr hwn yn ddilys.',
  },
  'portal.problem.KB_SD_HASH_MISMATCH': {
    en: 'The details shared were changed after the wallet signed them.',
    cy: 'Cafodd y manylion a rannwyd eu newid ar ôl i’r waled eu llofnodi.',
  },
  'portal.problem.KB_WRONG_AUDIENCE': {
    en: 'The answer was made for a different service, not this one.',
    cy: 'Cafodd yr ateb ei wneud ar gyfer gwasanaeth gwahanol, nid yr un hwn.',
  },
  'portal.problem.KB_WRONG_NONCE': {
    en: 'The answer belongs to a different request. Ask the citizen to scan the code again.',
    cy: 'Mae’r ateb yn perthyn i gais gwahanol. Gofynnwch i’r dinesydd sganio’r cod eto.',
  },
  'portal.problem.KB_STALE': {
    en: 'The answer is too old, or the wallet’s clock is wrong. Make a new request.',
    cy: 'Mae’r ateb yn rhy hen, neu mae cloc y waled yn anghywir. Gwnewch gais newydd.',
  },
  'portal.problem.STATUS_UNAVAILABLE': {
    en: 'We could not check whether the credential is still valid. Try again later.',
    cy: 'Nid oedd modd gwirio a yw’r tystlythyr yn dal yn ddilys. Rhowch gynnig arall arni yn nes ymlaen.',
  },
  'portal.problem.STATUS_LIST_NOT_CURRENT': {
    en: 'The credential’s status information is out of date.',
    cy: 'Mae gwybodaeth statws y tystlythyr wedi dyddio.',
  },
  'portal.problem.STATUS_LIST_INVALID': {
    en: 'The credential’s status information is not valid.',
    cy: 'Nid yw gwybodaeth statws y tystlythyr yn ddilys.',
  },
  'portal.problem.CREDENTIAL_REVOKED': {
    en: 'The organisation that issued this credential has revoked it.',
    cy: 'Mae’r sefydliad a gyhoeddodd y tystlythyr hwn wedi’i ddirymu.',
  },
  'portal.problem.CREDENTIAL_SUSPENDED': {
    en: 'The organisation that issued this credential has suspended it for now.',
    cy: 'Mae’r sefydliad a gyhoeddodd y tystlythyr hwn wedi’i atal am y tro.',
  },
  'portal.problem.CLAIMS_MISSING': {
    en: 'Some of the details asked for were not shared.',
    cy: 'Ni rannwyd rhai o’r manylion y gofynnwyd amdanynt.',
  },
  'portal.problem.EXCHANGE_SIGNATURE_INVALID': {
    en: 'The request was not signed by a member body, so it was refused.',
    cy: 'Nid oedd y cais wedi’i lofnodi gan gorff sy’n aelod, felly cafodd ei wrthod.',
  },
  'portal.problem.EXCHANGE_WRONG_HOLDER': {
    en: 'That body is not a member of the ledger, or the request went to the wrong body.',
    cy: 'Nid yw’r corff hwnnw’n aelod o’r cyfriflyfr, neu aeth y cais at y corff anghywir.',
  },
  'portal.problem.EXCHANGE_STALE': {
    en: 'The clocks of the two bodies’ nodes disagree too much. Tell your IT service desk.',
    cy: 'Mae clociau nodau’r ddau gorff yn anghytuno gormod. Rhowch wybod i’ch desg gymorth TG.',
  },
  'portal.problem.EXCHANGE_REPLAYED': {
    en: 'This request was already answered.',
    cy: 'Atebwyd y cais hwn eisoes.',
  },
  'portal.problem.EXCHANGE_HOLDER_UNREACHABLE': {
    en: 'The body that holds the data could not be reached. Try again later.',
    cy: 'Nid oedd modd cyrraedd y corff sy’n dal y data. Rhowch gynnig arall arni yn nes ymlaen.',
  },
  'portal.problem.NO_RECORD': {
    en: 'The body holding the data has no record of that kind for this person.',
    cy: 'Nid oes gan y corff sy’n dal y data gofnod o’r math hwnnw ar gyfer yr unigolyn hwn.',
  },
  'portal.problem.CONSENT_UNKNOWN': {
    en: 'There is no consent with that identifier on the ledger.',
    cy: 'Nid oes cydsyniad gyda’r dynodydd hwnnw ar y cyfriflyfr.',
  },
  'portal.problem.CONSENT_WITHDRAWN': {
    en: 'The citizen has withdrawn this consent.',
    cy: 'Mae’r dinesydd wedi tynnu’r cydsyniad hwn yn ôl.',
  },
  'portal.problem.CONSENT_EXPIRED': {
    en: 'This consent has expired.',
    cy: 'Mae’r cydsyniad hwn wedi dod i ben.',
  },
  'portal.problem.CONSENT_WRONG_HOLDER': {
    en: 'This consent is for data held by another body.',
    cy: 'Mae’r cydsyniad hwn ar gyfer data a ddelir gan gorff arall.',
  },
  'portal.problem.CONSENT_WRONG_REQUESTER': {
    en: 'This consent was not given to your organisation.',
    cy: 'Ni roddwyd y cydsyniad hwn i’ch sefydliad chi.',
  },
  'portal.problem.CONSENT_WRONG_CATEGORY': {
    en: 'This consent does not cover that kind of data.',
    cy: 'Nid yw’r cydsyniad hwn yn cynnwys y math hwnnw o ddata.',
  },
  'portal.problem.CONSENT_WRONG_PURPOSE': {
    en: 'This consent was given for another purpose.',
    cy: 'Rhoddwyd y cydsyniad hwn at ddiben arall.',
  },
  'portal.problem.CONSENT_WRONG_SUBJECT': {
    en: 'This consent was given by someone else.',
    cy: 'Rhoddwyd y cydsyniad hwn gan rywun arall.',
  },
  'portal.problem.NOTARY_ALREADY_NOTARISED': {
    en: 'A document with exactly the same fingerprint is already on the ledger. You do not need to notarise it again: check it in the Explorer to see when.',
    cy: 'Mae dogfen gyda’r un ôl bys yn union eisoes ar y cyfriflyfr. Nid oes angen i chi ei notareiddio eto: gwiriwch hi yn yr Archwiliwr i weld pryd.',
  },
  'portal.problem.TX_NOT_COMMITTED': {
    en: 'The ledger did not confirm this in time. Check the Explorer before you try again.',
    cy: 'Ni chadarnhaodd y cyfriflyfr hyn mewn pryd. Gwiriwch yr Archwiliwr cyn rhoi cynnig arall arni.',
  },
  'portal.problem.GOV_NOT_PROPOSABLE': {
    en: 'This kind of change cannot be proposed here.',
    cy: 'Ni ellir cynnig y math hwn o newid yma.',
  },
  'portal.problem.GOV_CHANGE_INVALID': {
    en: 'The change is not complete or not valid. Check what you entered.',
    cy: 'Nid yw’r newid yn gyflawn nac yn ddilys. Gwiriwch yr hyn a roesoch.',
  },
  'portal.problem.GOV_EXPIRY_PAST': {
    en: 'A proposal must stay open for some time. Try again.',
    cy: 'Rhaid i gynnig aros ar agor am beth amser. Rhowch gynnig arall arni.',
  },
  'portal.problem.GOV_EXPIRY_TOO_LONG': {
    en: 'A proposal can stay open for 30 days at most.',
    cy: 'Gall cynnig aros ar agor am 30 diwrnod ar y mwyaf.',
  },
  'portal.problem.GOV_PROPOSAL_UNKNOWN': {
    en: 'There is no such proposal on the ledger.',
    cy: 'Nid oes cynnig o’r fath ar y cyfriflyfr.',
  },
  'portal.problem.GOV_PROPOSAL_NOT_PENDING': {
    en: 'This proposal has already been decided: it is in force or was withdrawn.',
    cy: 'Mae penderfyniad eisoes wedi’i wneud ar y cynnig hwn: mae mewn grym neu cafodd ei dynnu’n ôl.',
  },
  'portal.problem.GOV_PROPOSAL_EXPIRED': {
    en: 'This proposal has expired. Propose the change again if it is still needed.',
    cy: 'Mae’r cynnig hwn wedi dod i ben. Cynigiwch y newid eto os oes ei angen o hyd.',
  },
  'portal.problem.GOV_ALREADY_APPROVED': {
    en: 'Your body has already signed this proposal.',
    cy: 'Mae eich corff eisoes wedi llofnodi’r cynnig hwn.',
  },
  'portal.problem.GOV_NOT_PROPOSER': {
    en: 'Only the body that proposed a change can withdraw it.',
    cy: 'Dim ond y corff a gynigiodd newid all ei dynnu’n ôl.',
  },
  'portal.problem.GOV_SENDER_NOT_MEMBER': {
    en: 'Only a member body can propose or sign a change.',
    cy: 'Dim ond corff sy’n aelod all gynnig neu lofnodi newid.',
  },
  'portal.problem.GOV_MEMBER_UNKNOWN': {
    en: 'That body is not a member of the consortium.',
    cy: 'Nid yw’r corff hwnnw’n aelod o’r consortiwm.',
  },
  'portal.problem.ID_ISSUER_ALREADY_AUTHORISED': {
    en: 'That body already issues that credential type, so the change cannot apply. Its proposer can withdraw it.',
    cy: 'Mae’r corff hwnnw eisoes yn cyhoeddi’r math hwnnw o dystlythyr, felly ni all y newid fod yn berthnasol. Gall y corff a’i cynigiodd ei dynnu’n ôl.',
  },
  'portal.problem.ID_ISSUER_NOT_ACTIVE': {
    en: 'That body does not issue that credential type now, so the change cannot apply. Its proposer can withdraw it.',
    cy: 'Nid yw’r corff hwnnw’n cyhoeddi’r math hwnnw o dystlythyr nawr, felly ni all y newid fod yn berthnasol. Gall y corff a’i cynigiodd ei dynnu’n ôl.',
  },
  'portal.problem.MEMPOOL_FULL': {
    en: 'The ledger is very busy. Wait a minute, then try again.',
    cy: 'Mae’r cyfriflyfr yn brysur iawn. Arhoswch funud, yna rhowch gynnig arall arni.',
  },
  'portal.problem.NODE_NOT_READY': {
    en: 'The node is starting up. Wait a minute, then try again.',
    cy: 'Mae’r nod yn cychwyn. Arhoswch funud, yna rhowch gynnig arall arni.',
  },
} as const satisfies Dictionary;
