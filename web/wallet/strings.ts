// Every string the Wallet shows, in English and Welsh (decision 0007). Registered by the page
// with useStrings(wallet); test/wallet-strings.test.ts checks both languages of every key.
// `{0}`, `{1}`… are t()'s arguments; `[words](target)` is a link (dom.ts rich()).
//
// Words: credential = tystlythyr (as VP_ERROR_MESSAGES say it), consent = cydsyniad,
// receipt = derbynneb, passphrase = cyfrinymadrodd, ledger = cyfriflyfr.
import type { Dictionary } from '../shared/i18n.js';

export const wallet = {
  // ---- the frame of the Wallet ----------------------------------------------------------------
  'wallet.nav.label': { en: 'Wallet menu', cy: 'Dewislen y waled' },
  'wallet.nav.credentials': { en: 'My credentials', cy: 'Fy nhystlythyrau' },
  'wallet.nav.receive': { en: 'Add a credential', cy: 'Ychwanegu tystlythyr' },
  'wallet.nav.share': { en: 'Share details', cy: 'Rhannu manylion' },
  'wallet.nav.consents': { en: 'Consents', cy: 'Cydsyniadau' },
  'wallet.nav.history': { en: 'Who used my data', cy: 'Pwy ddefnyddiodd fy nata' },
  'wallet.nav.receipts': { en: 'Receipts', cy: 'Derbynebau' },
  'wallet.nav.backup': { en: 'Backup', cy: 'Copi wrth gefn' },
  'wallet.nav.lock': { en: 'Lock wallet', cy: 'Cloi’r waled' },
  'wallet.title': { en: '{0} – Wallet – Cadwyn', cy: '{0} – Waled – Cadwyn' },
  'wallet.success': { en: 'Success', cy: 'Llwyddiant' },
  'wallet.important': { en: 'Important', cy: 'Pwysig' },
  'wallet.cancel': { en: 'Cancel', cy: 'Canslo' },
  'wallet.continue': { en: 'Continue', cy: 'Parhau' },
  'wallet.yes': { en: 'Yes', cy: 'Ie' },
  'wallet.no': { en: 'No', cy: 'Na' },
  'wallet.backToCredentials': { en: 'Back to my credentials', cy: 'Yn ôl i fy nhystlythyrau' },
  'wallet.offline': {
    en: 'You are offline. Your credentials, receipts and the last list of who used your data are still here. Adding, sharing and consents need a connection.',
    cy: 'Rydych all-lein. Mae eich tystlythyrau, eich derbynebau a’r rhestr ddiwethaf o bwy ddefnyddiodd eich data yma o hyd. Mae angen cysylltiad i ychwanegu, rhannu a chydsynio.',
  },
  'wallet.unexpected': {
    en: 'Something went wrong ({0}). Try again.',
    cy: 'Aeth rhywbeth o’i le ({0}). Rhowch gynnig arall arni.',
  },
  'wallet.error.ledgerUnreachable': {
    en: 'We could not reach the ledger. Check your connection, then try again.',
    cy: 'Nid oedd modd cyrraedd y cyfriflyfr. Gwiriwch eich cysylltiad, yna rhowch gynnig arall arni.',
  },
  'wallet.error.storage': {
    en: 'Your browser would not let the wallet keep its data. Check that you are not browsing privately, then try again.',
    cy: 'Ni adawodd eich porwr i’r waled gadw ei data. Gwiriwch nad ydych yn pori’n breifat, yna rhowch gynnig arall arni.',
  },

  // ---- setting up -----------------------------------------------------------------------------
  'wallet.welcome.h1': { en: 'Set up your wallet', cy: 'Sefydlu eich waled' },
  'wallet.welcome.lead': {
    en: 'Your wallet keeps the credentials that public bodies in Gwent give you, such as proof that you live here, on this phone. You decide what to share, with whom and for how long.',
    cy: 'Mae eich waled yn cadw’r tystlythyrau y mae cyrff cyhoeddus Gwent yn eu rhoi i chi, fel prawf eich bod yn byw yma, ar y ffôn hwn. Chi sy’n penderfynu beth i’w rannu, â phwy ac am ba hyd.',
  },
  'wallet.welcome.keys': {
    en: 'Your wallet makes its own keys on this device. They never leave it, except inside a backup that only your passphrase can open.',
    cy: 'Mae eich waled yn creu ei hallweddi ei hun ar y ddyfais hon. Nid ydynt byth yn gadael y ddyfais, ac eithrio mewn copi wrth gefn na all dim ond eich cyfrinymadrodd ei agor.',
  },
  'wallet.welcome.pending': {
    en: 'Once your wallet is set up, it will carry on with the link you opened.',
    cy: 'Unwaith y bydd eich waled wedi’i sefydlu, bydd yn parhau â’r ddolen a agoroch.',
  },
  'wallet.create.h2': { en: 'Choose a passphrase', cy: 'Dewiswch gyfrinymadrodd' },
  'wallet.passphrase': { en: 'Passphrase', cy: 'Cyfrinymadrodd' },
  'wallet.create.hint': {
    en: 'At least {0} characters. A few unrelated words are easy to remember and hard to guess. Nobody can reset it for you.',
    cy: 'O leiaf {0} nod. Mae ychydig o eiriau nad ydynt yn perthyn i’w gilydd yn hawdd eu cofio ac yn anodd eu dyfalu. Ni all neb ei ailosod i chi.',
  },
  'wallet.confirm': { en: 'Enter the passphrase again', cy: 'Rhowch y cyfrinymadrodd eto' },
  'wallet.create.submit': { en: 'Create my wallet', cy: 'Creu fy waled' },
  'wallet.create.working': { en: 'Creating your wallet…', cy: 'Wrthi’n creu eich waled…' },
  'wallet.create.done': { en: 'Your wallet is ready.', cy: 'Mae eich waled yn barod.' },
  'wallet.create.restoreLink': {
    en: 'Restore a wallet from a backup instead',
    cy: 'Adfer waled o gopi wrth gefn yn lle hynny',
  },
  'wallet.error.passphraseEmpty': { en: 'Enter a passphrase', cy: 'Rhowch gyfrinymadrodd' },
  'wallet.error.passphraseShort': {
    en: 'Your passphrase must be at least {0} characters',
    cy: 'Rhaid i’ch cyfrinymadrodd fod yn {0} nod o leiaf',
  },
  'wallet.error.confirmEmpty': {
    en: 'Enter your passphrase again',
    cy: 'Rhowch eich cyfrinymadrodd eto',
  },
  'wallet.error.confirmMismatch': {
    en: 'The two passphrases do not match',
    cy: 'Nid yw’r ddau gyfrinymadrodd yr un fath',
  },
  'wallet.error.wrongPassphrase': {
    en: 'The passphrase is not right. Check it and try again',
    cy: 'Nid yw’r cyfrinymadrodd yn gywir. Gwiriwch ef a rhowch gynnig arall arni',
  },

  'wallet.restore.h1': {
    en: 'Restore your wallet from a backup',
    cy: 'Adfer eich waled o gopi wrth gefn',
  },
  'wallet.restore.lead': {
    en: 'Choose the backup file you downloaded from your wallet, and enter the passphrase you chose for it.',
    cy: 'Dewiswch y ffeil wrth gefn a lwythoch i lawr o’ch waled, a rhowch y cyfrinymadrodd a ddewisoch ar ei chyfer.',
  },
  'wallet.restore.file': { en: 'Backup file', cy: 'Ffeil wrth gefn' },
  'wallet.restore.passphrase': {
    en: 'Passphrase of the backup',
    cy: 'Cyfrinymadrodd y copi wrth gefn',
  },
  'wallet.restore.hint': {
    en: 'Your restored wallet will be locked with this passphrase too.',
    cy: 'Bydd eich waled wedi’i hadfer yn cael ei chloi â’r cyfrinymadrodd hwn hefyd.',
  },
  'wallet.restore.submit': { en: 'Restore my wallet', cy: 'Adfer fy waled' },
  'wallet.restore.working': { en: 'Restoring your wallet…', cy: 'Wrthi’n adfer eich waled…' },
  'wallet.restore.done': {
    en: 'Your wallet has been restored.',
    cy: 'Mae eich waled wedi’i hadfer.',
  },
  'wallet.restore.createLink': {
    en: 'Set up a new wallet instead',
    cy: 'Sefydlu waled newydd yn lle hynny',
  },
  'wallet.error.fileMissing': {
    en: 'Choose your backup file',
    cy: 'Dewiswch eich ffeil wrth gefn',
  },
  'wallet.error.backupInvalid': {
    en: 'This file is not a Cadwyn wallet backup, or it is damaged',
    cy: 'Nid copi wrth gefn o waled Cadwyn yw’r ffeil hon, neu mae wedi’i difrodi',
  },
  'wallet.error.exists': {
    en: 'There is already a wallet on this device',
    cy: 'Mae waled ar y ddyfais hon yn barod',
  },

  // ---- unlocking ------------------------------------------------------------------------------
  'wallet.unlock.h1': { en: 'Unlock your wallet', cy: 'Datgloi eich waled' },
  'wallet.unlock.lead': {
    en: 'Enter your passphrase to open your wallet on this device.',
    cy: 'Rhowch eich cyfrinymadrodd i agor eich waled ar y ddyfais hon.',
  },
  'wallet.unlock.pending': {
    en: 'Once your wallet is unlocked, it will carry on with the link you opened.',
    cy: 'Unwaith y bydd eich waled wedi’i datgloi, bydd yn parhau â’r ddolen a agoroch.',
  },
  'wallet.unlock.submit': { en: 'Unlock', cy: 'Datgloi' },
  'wallet.unlock.working': { en: 'Unlocking your wallet…', cy: 'Wrthi’n datgloi eich waled…' },
  'wallet.unlock.forgot': {
    en: 'I have forgotten my passphrase',
    cy: 'Rwyf wedi anghofio fy nghyfrinymadrodd',
  },
  'wallet.unlock.forgotBody': {
    en: 'Nobody can reset your passphrase: not Cadwyn, and not your council. If you have a backup, you can remove the wallet from this device and restore it from the backup. Without a backup, you will need to ask for your credentials again.',
    cy: 'Ni all neb ailosod eich cyfrinymadrodd: nid Cadwyn, ac nid eich cyngor. Os oes gennych gopi wrth gefn, gallwch dynnu’r waled oddi ar y ddyfais hon a’i hadfer o’r copi wrth gefn. Heb gopi wrth gefn, bydd angen i chi ofyn am eich tystlythyrau eto.',
  },
  'wallet.unlock.remove': {
    en: 'Remove the wallet from this device',
    cy: 'Tynnu’r waled oddi ar y ddyfais hon',
  },
  'wallet.unlock.removeConfirm': {
    en: 'Everything in the wallet on this device will be deleted. This cannot be undone. Are you sure?',
    cy: 'Bydd popeth yn y waled ar y ddyfais hon yn cael ei ddileu. Ni ellir dadwneud hyn. Ydych chi’n siŵr?',
  },
  'wallet.unlock.removeYes': { en: 'Yes, remove it', cy: 'Ie, ei thynnu' },
  'wallet.removed': {
    en: 'The wallet was removed from this device.',
    cy: 'Tynnwyd y waled oddi ar y ddyfais hon.',
  },
  'wallet.locked': { en: 'Your wallet is locked.', cy: 'Mae eich waled wedi’i chloi.' },

  // ---- credentials ----------------------------------------------------------------------------
  'wallet.home.h1': { en: 'My credentials', cy: 'Fy nhystlythyrau' },
  'wallet.home.empty': {
    en: 'Your wallet has no credentials yet. When your council or health board offers you one, they give you a QR code or a link, and a PIN.',
    cy: 'Nid oes tystlythyrau yn eich waled eto. Pan fydd eich cyngor neu’ch bwrdd iechyd yn cynnig un i chi, byddant yn rhoi cod QR neu ddolen i chi, a rhif PIN.',
  },
  'wallet.home.count': {
    en: 'Credentials in your wallet: {0}.',
    cy: 'Tystlythyrau yn eich waled: {0}.',
  },
  'wallet.card.issuer': { en: 'Issued by', cy: 'Cyhoeddwyd gan' },
  'wallet.card.received': { en: 'Received', cy: 'Derbyniwyd' },
  'wallet.card.validUntil': { en: 'Valid until', cy: 'Yn ddilys tan' },
  'wallet.card.expired': { en: 'Expired on {0}', cy: 'Daeth i ben ar {0}' },
  'wallet.card.details': { en: 'What it says', cy: 'Beth mae’n ei ddweud' },
  'wallet.card.status': { en: 'Status', cy: 'Statws' },
  'wallet.status.valid': { en: 'Valid', cy: 'Dilys' },
  'wallet.status.revoked': { en: 'Revoked', cy: 'Wedi’i ddirymu' },
  'wallet.status.suspended': { en: 'Suspended', cy: 'Wedi’i atal' },
  'wallet.status.unknown': { en: 'Not checked', cy: 'Heb ei wirio' },
  'wallet.status.revokedText': {
    en: '{0} has revoked this credential. Services will not accept it.',
    cy: 'Mae {0} wedi dirymu’r tystlythyr hwn. Ni fydd gwasanaethau’n ei dderbyn.',
  },
  'wallet.status.suspendedText': {
    en: '{0} has suspended this credential. Services will not accept it while it is suspended.',
    cy: 'Mae {0} wedi atal y tystlythyr hwn. Ni fydd gwasanaethau’n ei dderbyn tra bydd wedi’i atal.',
  },
  'wallet.status.checking': {
    en: 'Checking with the issuer now…',
    cy: 'Wrthi’n gwirio gyda’r cyhoeddwr…',
  },
  'wallet.status.checked': { en: 'Checked on {0} at {1}.', cy: 'Gwiriwyd ar {0} am {1}.' },
  'wallet.status.stale': {
    en: 'Could not check just now. Last checked on {0} at {1}.',
    cy: 'Methu gwirio ar hyn o bryd. Gwiriwyd ddiwethaf ar {0} am {1}.',
  },
  'wallet.status.never': {
    en: 'Could not check just now. The wallet will try again next time you open this page with a connection.',
    cy: 'Methu gwirio ar hyn o bryd. Bydd y waled yn ceisio eto y tro nesaf y byddwch yn agor y dudalen hon gyda chysylltiad.',
  },
  'wallet.status.announceValid': {
    en: 'Checked: your credentials are valid.',
    cy: 'Wedi gwirio: mae eich tystlythyrau’n ddilys.',
  },
  'wallet.status.announceProblem': {
    en: 'Checked: at least one of your credentials has been revoked or suspended.',
    cy: 'Wedi gwirio: mae o leiaf un o’ch tystlythyrau wedi’i ddirymu neu wedi’i atal.',
  },

  // ---- links and QR codes ---------------------------------------------------------------------
  'wallet.scan.start': { en: 'Scan a QR code', cy: 'Sganio cod QR' },
  'wallet.scan.stop': { en: 'Stop the camera', cy: 'Stopio’r camera' },
  'wallet.scan.video': { en: 'What your camera sees', cy: 'Yr hyn y mae eich camera yn ei weld' },
  'wallet.scan.starting': { en: 'Starting the camera…', cy: 'Wrthi’n cychwyn y camera…' },
  'wallet.scan.aim': {
    en: 'Point your camera at the QR code. It is read as soon as it is in view.',
    cy: 'Anelwch eich camera at y cod QR. Caiff ei ddarllen cyn gynted ag y bydd i’w weld.',
  },
  'wallet.scan.found': { en: 'QR code read.', cy: 'Darllenwyd y cod QR.' },
  'wallet.scan.noCamera': {
    en: 'The camera could not be used. You can use a photo of the QR code instead, or paste the link.',
    cy: 'Nid oedd modd defnyddio’r camera. Gallwch ddefnyddio llun o’r cod QR yn lle hynny, neu ludo’r ddolen.',
  },
  'wallet.scan.photo': {
    en: 'Or use a photo of the QR code',
    cy: 'Neu defnyddiwch lun o’r cod QR',
  },
  'wallet.scan.photoHint': {
    en: 'Take a photo, or choose one you already have.',
    cy: 'Tynnwch lun, neu dewiswch un sydd gennych yn barod.',
  },
  'wallet.scan.noCode': {
    en: 'No QR code could be read in {0}. Try a sharper photo, taken closer to the code',
    cy: 'Nid oedd modd darllen cod QR yn {0}. Rhowch gynnig ar lun cliriach, wedi’i dynnu’n nes at y cod',
  },
  'wallet.link.paste': { en: 'Or paste the link', cy: 'Neu gludwch y ddolen' },
  'wallet.link.offerHint': {
    en: 'A credential offer link starts with openid-credential-offer://',
    cy: 'Mae dolen cynnig tystlythyr yn dechrau gydag openid-credential-offer://',
  },
  'wallet.link.requestHint': {
    en: 'A request link starts with openid4vp://',
    cy: 'Mae dolen cais yn dechrau gydag openid4vp://',
  },
  'wallet.error.linkEmpty': {
    en: 'Paste the link, or scan the QR code',
    cy: 'Gludwch y ddolen, neu sganiwch y cod QR',
  },

  // ---- receiving ------------------------------------------------------------------------------
  'wallet.receive.h1': { en: 'Add a credential', cy: 'Ychwanegu tystlythyr' },
  'wallet.receive.lead': {
    en: 'The organisation offering you a credential gives you a QR code or a link, and usually a PIN. Scan the code, or paste the link.',
    cy: 'Mae’r sefydliad sy’n cynnig tystlythyr i chi yn rhoi cod QR neu ddolen i chi, a rhif PIN fel arfer. Sganiwch y cod, neu gludwch y ddolen.',
  },
  'wallet.pin.h1': {
    en: 'Enter the PIN for this offer',
    cy: 'Rhowch y rhif PIN ar gyfer y cynnig hwn',
  },
  'wallet.pin.lead': {
    en: 'The organisation at {0} is offering you a credential. It gave you a PIN with the offer, so that only you can take it.',
    cy: 'Mae’r sefydliad yn {0} yn cynnig tystlythyr i chi. Rhoddodd rif PIN i chi gyda’r cynnig, fel mai dim ond chi all ei gymryd.',
  },
  'wallet.pin.label': { en: 'PIN', cy: 'Rhif PIN' },
  'wallet.pin.hint': {
    en: 'It is not your wallet passphrase.',
    cy: 'Nid cyfrinymadrodd eich waled yw hwn.',
  },
  'wallet.pin.hintLength': {
    en: '{0} characters. It is not your wallet passphrase.',
    cy: '{0} nod. Nid cyfrinymadrodd eich waled yw hwn.',
  },
  'wallet.pin.submit': { en: 'Add to my wallet', cy: 'Ychwanegu at fy waled' },
  'wallet.error.pinEmpty': {
    en: 'Enter the PIN you were given with the offer',
    cy: 'Rhowch y rhif PIN a gawsoch gyda’r cynnig',
  },
  'wallet.error.pinWrong': {
    en: 'The PIN is not right, or the offer has expired or been used. Check the PIN, or ask for a new offer',
    cy: 'Nid yw’r rhif PIN yn gywir, neu mae’r cynnig wedi dod i ben neu wedi’i ddefnyddio. Gwiriwch y rhif PIN, neu gofynnwch am gynnig newydd',
  },
  'wallet.receive.working': {
    en: 'Getting your credential and checking it against the ledger…',
    cy: 'Wrthi’n cael eich tystlythyr a’i wirio yn erbyn y cyfriflyfr…',
  },
  'wallet.receive.done': {
    en: '{0} has been added to your wallet.',
    cy: 'Mae {0} wedi’i ychwanegu at eich waled.',
  },
  'wallet.offer.OFFER_INVALID': {
    en: 'This is not a credential offer link. Check that you copied all of it',
    cy: 'Nid dolen cynnig tystlythyr yw hon. Gwiriwch eich bod wedi copïo’r cyfan ohoni',
  },
  'wallet.offer.OFFER_UNSUPPORTED': {
    en: 'This wallet cannot take this kind of credential.',
    cy: 'Ni all y waled hon dderbyn y math hwn o dystlythyr.',
  },
  'wallet.offer.ISSUER_UNREACHABLE': {
    en: 'We could not reach the organisation offering the credential. Check your connection, then try again.',
    cy: 'Nid oedd modd cyrraedd y sefydliad sy’n cynnig y tystlythyr. Gwiriwch eich cysylltiad, yna rhowch gynnig arall arni.',
  },
  'wallet.offer.ISSUER_METADATA_INVALID': {
    en: 'The organisation’s service gave an answer the wallet could not use. Try again later.',
    cy: 'Rhoddodd gwasanaeth y sefydliad ateb na allai’r waled ei ddefnyddio. Rhowch gynnig arall arni yn nes ymlaen.',
  },
  'wallet.offer.TOKEN_REFUSED': {
    en: 'The offer has expired or has already been used. Ask for a new one.',
    cy: 'Mae’r cynnig wedi dod i ben neu wedi’i ddefnyddio’n barod. Gofynnwch am un newydd.',
  },
  'wallet.offer.CREDENTIAL_REFUSED': {
    en: 'The organisation would not issue the credential. Ask them for a new offer.',
    cy: 'Ni fyddai’r sefydliad yn cyhoeddi’r tystlythyr. Gofynnwch iddynt am gynnig newydd.',
  },
  'wallet.offer.CREDENTIAL_INVALID': {
    en: 'The credential that came back does not check out, so it was not added.',
    cy: 'Nid yw’r tystlythyr a ddaeth yn ôl yn ddilys, felly ni chafodd ei ychwanegu.',
  },
  'wallet.offer.ISSUER_UNKNOWN': {
    en: 'The ledger does not know the organisation that signed this credential, so it was not added.',
    cy: 'Nid yw’r cyfriflyfr yn adnabod y sefydliad a lofnododd y tystlythyr hwn, felly ni chafodd ei ychwanegu.',
  },
  'wallet.offer.ISSUER_NOT_AUTHORISED': {
    en: 'The ledger shows that this organisation may not issue this kind of credential, so it was not added.',
    cy: 'Mae’r cyfriflyfr yn dangos nad oes gan y sefydliad hwn hawl i gyhoeddi’r math hwn o dystlythyr, felly ni chafodd ei ychwanegu.',
  },

  // ---- sharing --------------------------------------------------------------------------------
  'wallet.share.h1': { en: 'Share details with a service', cy: 'Rhannu manylion â gwasanaeth' },
  'wallet.share.lead': {
    en: 'A service that needs to check something about you, such as your age or where you live, shows you a QR code or gives you a link. Nothing is shared until you say yes.',
    cy: 'Mae gwasanaeth sydd angen gwirio rhywbeth amdanoch, fel eich oedran neu ble rydych yn byw, yn dangos cod QR i chi neu’n rhoi dolen i chi. Ni chaiff dim ei rannu nes i chi ddweud ie.',
  },
  'wallet.share.opening': {
    en: 'Checking who is asking…',
    cy: 'Wrthi’n gwirio pwy sy’n gofyn…',
  },
  'wallet.request.REQUEST_INVALID': {
    en: 'This is not a request link, or it is damaged. Check that you copied all of it',
    cy: 'Nid dolen cais yw hon, neu mae wedi’i difrodi. Gwiriwch eich bod wedi copïo’r cyfan ohoni',
  },
  'wallet.request.REQUEST_UNSUPPORTED': {
    en: 'This wallet cannot answer this kind of request.',
    cy: 'Ni all y waled hon ateb y math hwn o gais.',
  },
  'wallet.request.REQUEST_UNKNOWN': {
    en: 'The service no longer knows this request: it has expired or been answered. Ask for a new one.',
    cy: 'Nid yw’r gwasanaeth yn adnabod y cais hwn mwyach: mae wedi dod i ben neu wedi’i ateb. Gofynnwch am un newydd.',
  },
  'wallet.request.REQUEST_EXPIRED': {
    en: 'This request has expired. Ask for a new one.',
    cy: 'Mae’r cais hwn wedi dod i ben. Gofynnwch am un newydd.',
  },
  'wallet.request.REQUEST_SIGNATURE_INVALID': {
    en: 'This request is not signed by the organisation it names. Do not share anything: it may not be genuine.',
    cy: 'Nid yw’r cais hwn wedi’i lofnodi gan y sefydliad y mae’n ei enwi. Peidiwch â rhannu dim: efallai nad yw’n ddilys.',
  },
  'wallet.request.VERIFIER_UNKNOWN': {
    en: 'The organisation asking is not a member body of the ledger. Do not share anything.',
    cy: 'Nid yw’r sefydliad sy’n gofyn yn un o gyrff y cyfriflyfr. Peidiwch â rhannu dim.',
  },
  'wallet.request.VERIFIER_UNREACHABLE': {
    en: 'We could not reach the service that is asking. Check your connection, then try again.',
    cy: 'Nid oedd modd cyrraedd y gwasanaeth sy’n gofyn. Gwiriwch eich cysylltiad, yna rhowch gynnig arall arni.',
  },
  // Welsh names after a preposition would mutate (â Chyngor, gan Gyngor): the Welsh is worded
  // so that a body's name never follows one.
  'wallet.consent.h1': {
    en: 'Do you want to share these details with {0}?',
    cy: 'Mae {0} yn gofyn am eich manylion. Ydych chi am eu rhannu?',
  },
  'wallet.consent.who': { en: 'Who is asking', cy: 'Pwy sy’n gofyn' },
  'wallet.consent.checked': {
    en: 'The ledger confirms that this request comes from {0}.',
    cy: 'Mae’r cyfriflyfr yn cadarnhau mai {0} a anfonodd y cais hwn.',
  },
  'wallet.consent.why': { en: 'Why', cy: 'Pam' },
  'wallet.consent.noPurpose': { en: 'They did not say why', cy: 'Ni ddywedon nhw pam' },
  'wallet.consent.what': {
    en: 'What they would get',
    cy: 'Beth fydden nhw’n ei gael',
  },
  'wallet.consent.from': {
    en: 'From your credential “{0}”, issued by {1}.',
    cy: 'O’ch tystlythyr “{0}”; {1} a’i cyhoeddodd.',
  },
  'wallet.consent.only': {
    en: 'Only these details are shared: nothing else in your wallet, and nothing at all unless you choose Share.',
    cy: 'Dim ond y manylion hyn sy’n cael eu rhannu: dim byd arall yn eich waled, a dim byd o gwbl oni bai eich bod yn dewis Rhannu.',
  },
  'wallet.consent.cannot': {
    en: 'You do not have the credential this service asks for, so there is nothing to share.',
    cy: 'Nid oes gennych y tystlythyr y mae’r gwasanaeth hwn yn gofyn amdano, felly nid oes dim i’w rannu.',
  },
  'wallet.consent.share': { en: 'Share', cy: 'Rhannu' },
  'wallet.consent.decline': { en: 'Don’t share', cy: 'Peidio â rhannu' },
  'wallet.consent.sharing': {
    en: 'Sharing your details…',
    cy: 'Wrthi’n rhannu eich manylion…',
  },
  'wallet.outcome.sharedH1': { en: 'Details shared', cy: 'Manylion wedi’u rhannu' },
  'wallet.outcome.shared': {
    en: '{0} has received your details and checked them.',
    cy: 'Mae {0} wedi derbyn eich manylion ac wedi’u gwirio.',
  },
  'wallet.outcome.declinedH1': { en: 'Nothing was shared', cy: 'Ni rannwyd dim' },
  'wallet.outcome.declined': {
    en: 'You chose not to share. Nothing was sent to {0}.',
    cy: 'Dewisoch beidio â rhannu. Ni chafodd {0} unrhyw beth.',
  },
  'wallet.outcome.failedH1': {
    en: 'Your details were not accepted',
    cy: 'Ni dderbyniwyd eich manylion',
  },
  'wallet.outcome.PRESENTATION_REPLAYED': {
    en: 'This request has already been answered. Ask the service for a new one.',
    cy: 'Mae’r cais hwn wedi’i ateb yn barod. Gofynnwch i’r gwasanaeth am un newydd.',
  },
  'wallet.outcome.VP_REQUEST_UNKNOWN': {
    en: 'The service no longer knows this request. Ask for a new one.',
    cy: 'Nid yw’r gwasanaeth yn adnabod y cais hwn mwyach. Gofynnwch am un newydd.',
  },
  'wallet.outcome.VERIFIER_REFUSED': {
    en: 'The service did not accept your details, and gave a reason this wallet does not know ({0}).',
    cy: 'Ni dderbyniodd y gwasanaeth eich manylion, a rhoddodd reswm nad yw’r waled hon yn ei adnabod ({0}).',
  },
  'wallet.outcome.CREDENTIAL_NOT_FOUND': {
    en: 'The credential is no longer in your wallet.',
    cy: 'Nid yw’r tystlythyr yn eich waled mwyach.',
  },
  'wallet.outcome.REQUEST_NOT_OPENED': {
    en: 'This request was closed. Open the link again.',
    cy: 'Caewyd y cais hwn. Agorwch y ddolen eto.',
  },
  'wallet.outcome.again': { en: 'Share with another service', cy: 'Rhannu â gwasanaeth arall' },

  // ---- consents -------------------------------------------------------------------------------
  'wallet.consents.h1': { en: 'Your consents', cy: 'Eich cydsyniadau' },
  'wallet.consents.lead': {
    en: 'A consent lets one public body get some of your data from another, for one purpose, until a date you choose. It is recorded on the ledger, and you can withdraw it at any time.',
    cy: 'Mae cydsyniad yn gadael i un corff cyhoeddus gael rhywfaint o’ch data gan gorff arall, at un diben, tan ddyddiad a ddewiswch chi. Caiff ei gofnodi ar y cyfriflyfr, a gallwch ei dynnu’n ôl unrhyw bryd.',
  },
  'wallet.consents.give': { en: 'Give a consent', cy: 'Rhoi cydsyniad' },
  'wallet.consents.activeH2': { en: 'Consents in force', cy: 'Cydsyniadau mewn grym' },
  'wallet.consents.none': {
    en: 'You have no consents in force.',
    cy: 'Nid oes gennych gydsyniadau mewn grym.',
  },
  'wallet.consents.pastH2': {
    en: 'Ended or withdrawn',
    cy: 'Wedi dod i ben neu wedi’u tynnu’n ôl',
  },
  'wallet.consents.title': {
    en: '{0} may get your data from {1}',
    cy: 'Caiff {0} gael eich data; {1} sy’n ei ddal',
  },
  'wallet.consents.requester': { en: 'Who may get it', cy: 'Pwy gaiff ei gael' },
  'wallet.consents.holder': { en: 'Who holds it', cy: 'Pwy sy’n ei ddal' },
  'wallet.consents.categories': { en: 'What data', cy: 'Pa ddata' },
  'wallet.consents.purpose': { en: 'What for', cy: 'At ba ddiben' },
  'wallet.consents.basis': { en: 'Lawful basis', cy: 'Sail gyfreithlon' },
  'wallet.consents.granted': { en: 'Given on', cy: 'Rhoddwyd ar' },
  'wallet.consents.status': { en: 'Status', cy: 'Statws' },
  'wallet.consents.inForceUntil': { en: 'In force until {0}', cy: 'Mewn grym tan {0}' },
  'wallet.consents.withdrawnOn': { en: 'Withdrawn on {0}', cy: 'Tynnwyd yn ôl ar {0}' },
  'wallet.consents.endedOn': { en: 'Ended on {0}', cy: 'Daeth i ben ar {0}' },
  'wallet.consents.withdraw': { en: 'Withdraw this consent', cy: 'Tynnu’r cydsyniad hwn yn ôl' },
  'wallet.consents.confirm': {
    en: 'Withdraw this consent? {0} will no longer be able to get this data from {1}. This is recorded on the ledger and cannot be undone.',
    cy: 'Tynnu’r cydsyniad hwn yn ôl? Ni fydd {0} yn gallu cael y data hwn mwyach; {1} sy’n ei ddal. Caiff hyn ei gofnodi ar y cyfriflyfr ac ni ellir ei ddadwneud.',
  },
  'wallet.consents.confirmYes': { en: 'Yes, withdraw it', cy: 'Ie, ei dynnu’n ôl' },
  'wallet.consents.withdrawing': {
    en: 'Withdrawing your consent and waiting for the ledger…',
    cy: 'Wrthi’n tynnu eich cydsyniad yn ôl ac yn aros am y cyfriflyfr…',
  },
  'wallet.consents.withdrawn': {
    en: 'Consent withdrawn. The receipt is in your wallet.',
    cy: 'Tynnwyd y cydsyniad yn ôl. Mae’r dderbynneb yn eich waled.',
  },
  'wallet.consents.loading': {
    en: 'Asking the ledger for your consents…',
    cy: 'Wrthi’n gofyn i’r cyfriflyfr am eich cydsyniadau…',
  },
  'wallet.ledger.cached': {
    en: 'We could not reach the ledger, so this is what it said on {0}.',
    cy: 'Nid oedd modd cyrraedd y cyfriflyfr, felly dyma’r hyn a ddywedodd ar {0}.',
  },
  'wallet.ledger.asOf': {
    en: 'As the ledger said on {0}.',
    cy: 'Fel y dywedodd y cyfriflyfr ar {0}.',
  },
  'wallet.tx.TX_PENDING': {
    en: 'The ledger has not confirmed this yet. Look again in a minute.',
    cy: 'Nid yw’r cyfriflyfr wedi cadarnhau hyn eto. Edrychwch eto ymhen munud.',
  },
  'wallet.tx.CONSENT_ALREADY_WITHDRAWN': {
    en: 'This consent had already been withdrawn.',
    cy: 'Roedd y cydsyniad hwn wedi’i dynnu’n ôl yn barod.',
  },
  'wallet.tx.refused': {
    en: 'The ledger refused this ({0}). Nothing was changed.',
    cy: 'Gwrthododd y cyfriflyfr hyn ({0}). Ni newidiwyd dim.',
  },

  'wallet.give.h1': { en: 'Give a consent', cy: 'Rhoi cydsyniad' },
  'wallet.give.lead': {
    en: 'Choose who may get your data, from whom, which data, why, and for how long. The consent is signed on this device and recorded on the ledger.',
    cy: 'Dewiswch pwy gaiff eich data, gan bwy, pa ddata, pam, ac am ba hyd. Caiff y cydsyniad ei lofnodi ar y ddyfais hon a’i gofnodi ar y cyfriflyfr.',
  },
  'wallet.give.holder': { en: 'Which body holds your data?', cy: 'Pa gorff sy’n dal eich data?' },
  'wallet.give.requester': { en: 'Which body may get it?', cy: 'Pa gorff gaiff ei gael?' },
  'wallet.give.chooseBody': { en: 'Choose a body', cy: 'Dewiswch gorff' },
  'wallet.give.categories': { en: 'Which data?', cy: 'Pa ddata?' },
  'wallet.give.categoriesHint': {
    en: 'Choose all that apply.',
    cy: 'Dewiswch bob un sy’n berthnasol.',
  },
  'wallet.give.purpose': { en: 'What is it for?', cy: 'At ba ddiben?' },
  'wallet.give.choosePurpose': { en: 'Choose a purpose', cy: 'Dewiswch ddiben' },
  'wallet.give.basis': { en: 'Lawful basis', cy: 'Sail gyfreithlon' },
  'wallet.give.basisHint': {
    en: 'Under UK GDPR. If you are not sure, ask the body: most requests rest on your consent.',
    cy: 'O dan GDPR y DU. Os nad ydych yn siŵr, gofynnwch i’r corff: mae’r rhan fwyaf o geisiadau’n dibynnu ar eich cydsyniad.',
  },
  'wallet.give.article': { en: '{0} (Article {1})', cy: '{0} (Erthygl {1})' },
  'wallet.give.duration': { en: 'For how long?', cy: 'Am ba hyd?' },
  'wallet.give.months': { en: '{0} months', cy: '{0} mis' },
  'wallet.give.month1': { en: '1 month', cy: '1 mis' },
  'wallet.give.year1': { en: '1 year', cy: '1 flwyddyn' },
  'wallet.give.submit': { en: 'Give consent', cy: 'Rhoi cydsyniad' },
  'wallet.give.working': {
    en: 'Signing your consent and waiting for the ledger…',
    cy: 'Wrthi’n llofnodi eich cydsyniad ac yn aros am y cyfriflyfr…',
  },
  'wallet.give.done': {
    en: 'Consent given. The receipt is in your wallet.',
    cy: 'Rhoddwyd y cydsyniad. Mae’r dderbynneb yn eich waled.',
  },
  'wallet.error.holderEmpty': {
    en: 'Choose the body that holds your data',
    cy: 'Dewiswch y corff sy’n dal eich data',
  },
  'wallet.error.requesterEmpty': {
    en: 'Choose the body that may get your data',
    cy: 'Dewiswch y corff a gaiff eich data',
  },
  'wallet.error.sameBody': {
    en: 'The body that gets the data must be different from the one that holds it',
    cy: 'Rhaid i’r corff sy’n cael y data fod yn wahanol i’r un sy’n ei ddal',
  },
  'wallet.error.categoriesEmpty': {
    en: 'Choose at least one kind of data',
    cy: 'Dewiswch o leiaf un math o ddata',
  },
  'wallet.error.purposeEmpty': {
    en: 'Choose what the data is for',
    cy: 'Dewiswch at ba ddiben y mae’r data',
  },

  // ---- who used my data -----------------------------------------------------------------------
  'wallet.history.h1': { en: 'Who used my data', cy: 'Pwy ddefnyddiodd fy nata' },
  'wallet.history.lead': {
    en: 'Every time a public body asks another for your data, the body that holds it records the request on the ledger, whether it gave the data or refused. Only you can see this list: your wallet proves to the ledger that these records are about you.',
    cy: 'Bob tro y bydd corff cyhoeddus yn gofyn i gorff arall am eich data, mae’r corff sy’n ei ddal yn cofnodi’r cais ar y cyfriflyfr, p’un a roddodd y data neu ei wrthod. Dim ond chi sy’n gallu gweld y rhestr hon: mae eich waled yn profi i’r cyfriflyfr mai amdanoch chi y mae’r cofnodion hyn.',
  },
  'wallet.history.consentsLink': {
    en: 'The consents you gave are on [your consents](#consents).',
    cy: 'Mae’r cydsyniadau a roesoch ar [eich cydsyniadau](#consents).',
  },
  'wallet.history.loading': {
    en: 'Asking the ledger who used your data…',
    cy: 'Wrthi’n gofyn i’r cyfriflyfr pwy ddefnyddiodd eich data…',
  },
  'wallet.history.nothing': {
    en: 'Nothing to show yet: you have not given a consent, and nobody has asked for your data.',
    cy: 'Dim i’w ddangos eto: nid ydych wedi rhoi cydsyniad, ac nid oes neb wedi gofyn am eich data.',
  },
  'wallet.history.requestsH2': { en: 'Requests for your data', cy: 'Ceisiadau am eich data' },
  'wallet.history.none': {
    en: 'No body has asked for your data.',
    cy: 'Nid oes unrhyw gorff wedi gofyn am eich data.',
  },
  'wallet.history.count': {
    en: 'Requests recorded: {0}.',
    cy: 'Ceisiadau a gofnodwyd: {0}.',
  },
  'wallet.history.who': { en: 'Who asked', cy: 'Pwy ofynnodd' },
  'wallet.history.holder': { en: 'Asked of', cy: 'Gofynnwyd i' },
  'wallet.history.what': { en: 'What', cy: 'Beth' },
  'wallet.history.when': { en: 'When', cy: 'Pryd' },
  'wallet.history.where': { en: 'Area', cy: 'Ardal' },
  'wallet.history.noArea': { en: 'Not recorded', cy: 'Heb ei chofnodi' },
  'wallet.history.outcome': { en: 'Outcome', cy: 'Canlyniad' },
  'wallet.history.served': { en: 'Data given', cy: 'Rhoddwyd y data' },
  'wallet.history.refused': { en: 'Refused: {0}', cy: 'Gwrthodwyd: {0}' },
  'wallet.history.downloadH2': { en: 'Download the list', cy: 'Lawrlwytho’r rhestr' },
  'wallet.history.json': { en: 'Download as JSON', cy: 'Lawrlwytho fel JSON' },
  'wallet.history.csv': {
    en: 'Download as CSV (for a spreadsheet)',
    cy: 'Lawrlwytho fel CSV (ar gyfer taenlen)',
  },
  'wallet.history.csvOffline': {
    en: 'The CSV file comes from the ledger, which cannot be reached now. The JSON file can be downloaded offline.',
    cy: 'Daw’r ffeil CSV o’r cyfriflyfr, ac nid oes modd ei gyrraedd nawr. Gellir lawrlwytho’r ffeil JSON all-lein.',
  },
  'wallet.reason.CONSENT_UNKNOWN': {
    en: 'no consent had been given',
    cy: 'nid oedd cydsyniad wedi’i roi',
  },
  'wallet.reason.CONSENT_WITHDRAWN': {
    en: 'you had withdrawn your consent',
    cy: 'roeddech wedi tynnu eich cydsyniad yn ôl',
  },
  'wallet.reason.CONSENT_EXPIRED': {
    en: 'your consent had ended',
    cy: 'roedd eich cydsyniad wedi dod i ben',
  },
  'wallet.reason.CONSENT_WRONG_HOLDER': {
    en: 'your consent did not cover data held by this body',
    cy: 'nid oedd eich cydsyniad yn cynnwys data a ddelir gan y corff hwn',
  },
  'wallet.reason.CONSENT_WRONG_REQUESTER': {
    en: 'your consent was for a different body',
    cy: 'roedd eich cydsyniad ar gyfer corff gwahanol',
  },
  'wallet.reason.CONSENT_WRONG_CATEGORY': {
    en: 'your consent did not cover this data',
    cy: 'nid oedd eich cydsyniad yn cynnwys y data hwn',
  },
  'wallet.reason.CONSENT_WRONG_PURPOSE': {
    en: 'your consent was for a different purpose',
    cy: 'roedd eich cydsyniad at ddiben gwahanol',
  },
  'wallet.reason.CONSENT_WRONG_SUBJECT': {
    en: 'the consent was not yours',
    cy: 'nid eich cydsyniad chi oedd e',
  },
  'wallet.reason.other': { en: 'reason given: {0}', cy: 'y rheswm a roddwyd: {0}' },
  'wallet.reason.none': { en: 'no reason recorded', cy: 'dim rheswm wedi’i gofnodi' },

  // ---- receipts -------------------------------------------------------------------------------
  'wallet.receipts.h1': { en: 'Your receipts', cy: 'Eich derbynebau' },
  'wallet.receipts.lead': {
    en: 'Every time your wallet records something on the ledger, it keeps a receipt. A receipt proves, without asking anyone, that the record is in the ledger and when it was made. Your wallet checks each one on this device.',
    cy: 'Bob tro y bydd eich waled yn cofnodi rhywbeth ar y cyfriflyfr, mae’n cadw derbynneb. Mae derbynneb yn profi, heb ofyn i neb, fod y cofnod yn y cyfriflyfr a phryd y’i gwnaed. Mae eich waled yn gwirio pob un ar y ddyfais hon.',
  },
  'wallet.receipts.none': {
    en: 'No receipts yet. You get one each time you give or withdraw a consent.',
    cy: 'Dim derbynebau eto. Byddwch yn cael un bob tro y byddwch yn rhoi cydsyniad neu’n ei dynnu’n ôl.',
  },
  'wallet.receipts.grant': { en: 'You gave a consent', cy: 'Rhoesoch gydsyniad' },
  'wallet.receipts.withdraw': { en: 'You withdrew a consent', cy: 'Tynnoch gydsyniad yn ôl' },
  'wallet.receipts.other': { en: 'Ledger record ({0})', cy: 'Cofnod ar y cyfriflyfr ({0})' },
  'wallet.receipts.when': { en: 'Recorded', cy: 'Cofnodwyd' },
  'wallet.receipts.block': { en: 'Block', cy: 'Bloc' },
  'wallet.receipts.id': { en: 'Transaction', cy: 'Trafodiad' },
  'wallet.receipts.check': { en: 'Check', cy: 'Gwiriad' },
  'wallet.receipts.checking': { en: 'Checking…', cy: 'Wrthi’n gwirio…' },
  'wallet.receipts.valid': {
    en: 'Valid: checked on this device. Sealed by {0} of the {1} validators.',
    cy: 'Dilys: wedi’i gwirio ar y ddyfais hon. Wedi’i selio gan {0} o’r {1} dilyswr.',
  },
  'wallet.receipts.invalid': { en: 'Not valid: {0}', cy: 'Ddim yn ddilys: {0}' },
  'wallet.receipts.noKeys': {
    en: 'Not checked yet: the wallet needs the ledger’s keys once, and the ledger cannot be reached now.',
    cy: 'Heb ei gwirio eto: mae angen allweddi’r cyfriflyfr ar y waled unwaith, ac nid oes modd cyrraedd y cyfriflyfr nawr.',
  },
  'wallet.receipts.download': { en: 'Download receipt', cy: 'Lawrlwytho’r dderbynneb' },
  'wallet.receipts.explorer': {
    en: 'Anyone you give a receipt file to can check it too, in the [Explorer](/explorer/#check).',
    cy: 'Gall unrhyw un y byddwch yn rhoi ffeil derbynneb iddynt ei gwirio hefyd, yn yr [Archwiliwr](/explorer/#check).',
  },

  // ---- registering a business (web/wallet/business.ts, decision 0010) ----
  'wallet.nav.business': { en: 'Register a business', cy: 'Cofrestru busnes' },
  'wallet.business.h1': { en: 'Register a business', cy: 'Cofrestru busnes' },
  'wallet.business.lead': {
    en: 'Put a business on the Gwent business register. Its name, type and office area are public. Each director confirms with their own wallet that they are over 18: their names are never on the ledger.',
    cy: 'Rhowch fusnes ar gofrestr busnesau Gwent. Mae ei enw, ei fath ac ardal ei swyddfa yn gyhoeddus. Mae pob cyfarwyddwr yn cadarnhau gyda’i waled ei hun ei fod dros 18 oed: nid yw eu henwau byth ar y cyfriflyfr.',
  },
  'wallet.business.mine.h2': { en: 'Your businesses', cy: 'Eich busnesau' },
  'wallet.business.apps.h2': { en: 'Your applications', cy: 'Eich ceisiadau' },
  'wallet.business.name': { en: 'Name', cy: 'Enw' },
  'wallet.business.number': { en: 'Registered number', cy: 'Rhif cofrestredig' },
  'wallet.business.kind': { en: 'Type of organisation', cy: 'Math o sefydliad' },
  'wallet.business.area': { en: 'Registered office area', cy: 'Ardal y swyddfa gofrestredig' },
  'wallet.business.registrar': { en: 'Registrar', cy: 'Cofrestrydd' },
  'wallet.business.status': { en: 'Status', cy: 'Statws' },
  'wallet.business.status.pending': {
    en: 'Waiting for the council’s decision',
    cy: 'Yn aros am benderfyniad y cyngor',
  },
  'wallet.business.status.approved': { en: 'Registered as {0}', cy: 'Wedi’i gofrestru fel {0}' },
  'wallet.business.status.refused': { en: 'Refused: {0}', cy: 'Gwrthodwyd: {0}' },
  'wallet.business.status.noReason': { en: 'no reason given', cy: 'ni roddwyd rheswm' },
  'wallet.business.approved.next': {
    en: 'Ask the council for the registration credential (a QR code and a PIN), then [add it](#receive).',
    cy: 'Gofynnwch i’r cyngor am y tystlythyr cofrestru (cod QR a PIN), yna [ychwanegwch ef](#receive).',
  },
  'wallet.business.form.h2': { en: 'About the business', cy: 'Am y busnes' },
  'wallet.business.nameEn': { en: 'Name in English', cy: 'Enw yn Saesneg' },
  'wallet.business.nameEn.hint': {
    en: 'As it will appear on the register',
    cy: 'Fel y bydd yn ymddangos ar y gofrestr',
  },
  'wallet.business.nameCy': { en: 'Name in Welsh (optional)', cy: 'Enw yn Gymraeg (dewisol)' },
  'wallet.business.kind.choose': { en: 'Choose a type', cy: 'Dewiswch fath' },
  'wallet.business.kind.privateLimited': {
    en: 'Private limited company',
    cy: 'Cwmni cyfyngedig preifat',
  },
  'wallet.business.kind.publicLimited': {
    en: 'Public limited company',
    cy: 'Cwmni cyfyngedig cyhoeddus',
  },
  'wallet.business.kind.llp': {
    en: 'Limited liability partnership',
    cy: 'Partneriaeth atebolrwydd cyfyngedig',
  },
  'wallet.business.kind.partnership': { en: 'Partnership', cy: 'Partneriaeth' },
  'wallet.business.kind.soleTrader': { en: 'Sole trader', cy: 'Unig fasnachwr' },
  'wallet.business.kind.cic': {
    en: 'Community interest company',
    cy: 'Cwmni buddiant cymunedol',
  },
  'wallet.business.kind.charityCio': {
    en: 'Charitable incorporated organisation',
    cy: 'Sefydliad elusennol corfforedig',
  },
  'wallet.business.kind.coOperative': {
    en: 'Co-operative society',
    cy: 'Cymdeithas gydweithredol',
  },
  'wallet.business.area.choose': { en: 'Choose an area', cy: 'Dewiswch ardal' },
  'wallet.business.registrarLabel': {
    en: 'Council to register with',
    cy: 'Y cyngor i gofrestru ag ef',
  },
  'wallet.business.registrar.hint': {
    en: 'It decides on your application.',
    cy: 'Mae’n penderfynu ar eich cais.',
  },
  'wallet.business.registrar.choose': { en: 'Choose a council', cy: 'Dewiswch gyngor' },
  'wallet.business.directors': { en: 'Number of directors', cy: 'Nifer y cyfarwyddwyr' },
  'wallet.business.directors.hint': {
    en: 'From 1 to 10. Each director confirms with their own Cadwyn Wallet.',
    cy: 'Rhwng 1 a 10. Mae pob cyfarwyddwr yn cadarnhau gyda’i Waled Cadwyn ei hun.',
  },
  'wallet.business.starting': {
    en: 'Starting your application…',
    cy: 'Wrthi’n dechrau eich cais…',
  },
  'wallet.business.error.nameEnEmpty': {
    en: 'Enter the name of the business in English',
    cy: 'Rhowch enw’r busnes yn Saesneg',
  },
  'wallet.business.error.nameInvalid': {
    en: 'The name can only have letters, numbers, spaces and punctuation',
    cy: 'Dim ond llythrennau, rhifau, bylchau ac atalnodau all fod yn yr enw',
  },
  'wallet.business.error.nameTaken': {
    en: 'That name is already on the register or applied for. Choose another name',
    cy: 'Mae’r enw hwnnw eisoes ar y gofrestr neu wedi’i gynnig mewn cais. Dewiswch enw arall',
  },
  'wallet.business.error.kindEmpty': {
    en: 'Choose the type of organisation',
    cy: 'Dewiswch y math o sefydliad',
  },
  'wallet.business.error.areaEmpty': {
    en: 'Choose the area of the registered office',
    cy: 'Dewiswch ardal y swyddfa gofrestredig',
  },
  'wallet.business.error.registrarEmpty': {
    en: 'Choose the council to register with',
    cy: 'Dewiswch y cyngor i gofrestru ag ef',
  },
  'wallet.business.error.directorsInvalid': {
    en: 'Enter a number of directors from 1 to {0}',
    cy: 'Rhowch nifer o gyfarwyddwyr rhwng 1 a {0}',
  },
  'wallet.business.error.sessionGone': {
    en: 'This application is no longer open. Start again.',
    cy: 'Nid yw’r cais hwn ar agor mwyach. Dechreuwch eto.',
  },
  'wallet.business.error.refused': {
    en: 'The application could not be made ({0}).',
    cy: 'Nid oedd modd gwneud y cais ({0}).',
  },
  'wallet.business.directors.h1': {
    en: 'Ask your directors to confirm',
    cy: 'Gofynnwch i’ch cyfarwyddwyr gadarnhau',
  },
  'wallet.business.directors.lead': {
    en: 'Each director scans their code, or opens their link, with their own Cadwyn Wallet. They share only that they are over 18 and their council area.',
    cy: 'Mae pob cyfarwyddwr yn sganio ei god, neu’n agor ei ddolen, gyda’i Waled Cadwyn ei hun. Dim ond ei fod dros 18 oed a’i ardal cyngor y mae’n ei rannu.',
  },
  'wallet.business.director.h2': { en: 'Director {0}', cy: 'Cyfarwyddwr {0}' },
  'wallet.business.director.waiting': { en: 'Waiting', cy: 'Yn aros' },
  'wallet.business.director.presented': { en: 'Confirmed', cy: 'Wedi cadarnhau' },
  'wallet.business.director.refused': { en: 'Not accepted', cy: 'Heb ei dderbyn' },
  'wallet.business.director.DIRECTOR_UNDER_18': {
    en: 'A director must be 18 or over.',
    cy: 'Rhaid i gyfarwyddwr fod yn 18 oed neu’n hŷn.',
  },
  'wallet.business.director.DIRECTOR_DUPLICATE': {
    en: 'This person has already confirmed as another director.',
    cy: 'Mae’r person hwn eisoes wedi cadarnhau fel cyfarwyddwr arall.',
  },
  'wallet.business.director.other': {
    en: 'The confirmation could not be checked.',
    cy: 'Nid oedd modd gwirio’r cadarnhad.',
  },
  'wallet.business.director.qrAlt': {
    en: 'QR code for director {0} to scan with their wallet',
    cy: 'Cod QR i gyfarwyddwr {0} ei sganio gyda’i waled',
  },
  'wallet.business.director.link': {
    en: 'Link for director {0} (open it in their wallet)',
    cy: 'Dolen i gyfarwyddwr {0} (agorwch hi yn ei waled)',
  },
  'wallet.business.director.again': {
    en: 'Ask director {0} again',
    cy: 'Gofyn i gyfarwyddwr {0} eto',
  },
  'wallet.business.director.announce': {
    en: 'Director {0} has confirmed.',
    cy: 'Mae cyfarwyddwr {0} wedi cadarnhau.',
  },
  'wallet.business.director.announceRefused': {
    en: 'Director {0} was not accepted.',
    cy: 'Ni dderbyniwyd cyfarwyddwr {0}.',
  },
  'wallet.business.waitingAll': {
    en: 'You can send the application once every director has confirmed.',
    cy: 'Gallwch anfon y cais unwaith y bydd pob cyfarwyddwr wedi cadarnhau.',
  },
  'wallet.business.send': {
    en: 'Sign and send the application',
    cy: 'Llofnodi ac anfon y cais',
  },
  'wallet.business.sending': {
    en: 'Signing and sending…',
    cy: 'Wrthi’n llofnodi ac yn anfon…',
  },
  'wallet.business.sent.banner': {
    en: 'Your application has been sent.',
    cy: 'Mae eich cais wedi’i anfon.',
  },
  'wallet.business.sent.h1': { en: 'Application sent', cy: 'Anfonwyd y cais' },
  'wallet.business.sent.lead': {
    en: '{0} will decide. Your wallet signed with a key it uses only with that council: your name is not on the ledger.',
    cy: 'Bydd {0} yn penderfynu. Llofnododd eich waled ag allwedd y mae’n ei defnyddio gyda’r cyngor hwnnw yn unig: nid yw eich enw ar y cyfriflyfr.',
  },
  'wallet.business.sent.receipt': {
    en: 'Its receipt is in [Receipts](#receipts).',
    cy: 'Mae ei dderbynneb yn [Derbynebau](#receipts).',
  },
  'wallet.business.resume': {
    en: 'Continue the application you started',
    cy: 'Parhau â’r cais a ddechreuoch',
  },
  'wallet.business.back': {
    en: 'Back to Register a business',
    cy: 'Yn ôl i Cofrestru busnes',
  },

  // ---- backup ---------------------------------------------------------------------------------
  'wallet.backup.h1': { en: 'Back up your wallet', cy: 'Gwneud copi wrth gefn o’ch waled' },
  'wallet.backup.lead': {
    en: 'A backup is one file with everything in your wallet: your credentials, your keys and your receipts. It is encrypted with a passphrase you choose here. Keep it somewhere safe, away from this phone: with it, you can restore your wallet on a new one.',
    cy: 'Un ffeil yw copi wrth gefn sy’n cynnwys popeth yn eich waled: eich tystlythyrau, eich allweddi a’ch derbynebau. Caiff ei hamgryptio â chyfrinymadrodd a ddewiswch yma. Cadwch hi rywle diogel, i ffwrdd o’r ffôn hwn: gyda hi, gallwch adfer eich waled ar un newydd.',
  },
  'wallet.backup.passphrase': {
    en: 'Passphrase for the backup',
    cy: 'Cyfrinymadrodd ar gyfer y copi wrth gefn',
  },
  'wallet.backup.hint': {
    en: 'At least {0} characters. It can be your wallet passphrase or another one. Without it nobody can open the backup, not even you.',
    cy: 'O leiaf {0} nod. Gall fod yn gyfrinymadrodd eich waled neu’n un arall. Hebddo ni all neb agor y copi wrth gefn, nid hyd yn oed chi.',
  },
  'wallet.backup.submit': { en: 'Download backup', cy: 'Lawrlwytho’r copi wrth gefn' },
  'wallet.backup.working': {
    en: 'Encrypting your backup…',
    cy: 'Wrthi’n amgryptio eich copi wrth gefn…',
  },
  'wallet.backup.done': {
    en: 'Backup downloaded. Keep the file, and its passphrase, safe.',
    cy: 'Lawrlwythwyd y copi wrth gefn. Cadwch y ffeil, a’i chyfrinymadrodd, yn ddiogel.',
  },

  // ---- my property transfers (web/wallet/property.ts, decision 0012) ----
  'wallet.nav.property': { en: 'My property transfers', cy: 'Fy nhrosglwyddiadau eiddo' },
  'wallet.property.h1': { en: 'My property transfers', cy: 'Fy nhrosglwyddiadau eiddo' },
  'wallet.property.intro': {
    en: 'When you buy or sell a home, you sign the transfer with a key made for that one transfer. Your conveyancer names the key in the transfer; your name is never on the ledger, and your transfers cannot be linked to each other.',
    cy: 'Pan fyddwch yn prynu neu’n gwerthu cartref, rydych yn llofnodi’r trosglwyddiad ag allwedd a wnaed ar gyfer y trosglwyddiad hwnnw’n unig. Mae eich trawsgludwr yn enwi’r allwedd yn y trosglwyddiad; nid yw eich enw byth ar y cyfriflyfr, ac ni ellir cysylltu eich trosglwyddiadau â’i gilydd.',
  },
  'wallet.property.open.h2': { en: 'Open a transfer', cy: 'Agor trosglwyddiad' },
  'wallet.property.open.label': {
    en: 'The transfer’s reference or link',
    cy: 'Cyfeirnod neu ddolen y trosglwyddiad',
  },
  'wallet.property.open.hint': {
    en: 'Your conveyancer gives it to you: 64 letters and numbers, or a link containing them.',
    cy: 'Bydd eich trawsgludwr yn ei roi i chi: 64 o lythrennau a rhifau, neu ddolen sy’n eu cynnwys.',
  },
  'wallet.property.open.button': { en: 'Open the transfer', cy: 'Agor y trosglwyddiad' },
  'wallet.property.open.error': {
    en: 'Enter the transfer’s reference: 64 letters and numbers',
    cy: 'Rhowch gyfeirnod y trosglwyddiad: 64 o lythrennau a rhifau',
  },
  'wallet.property.keys.h2': {
    en: 'Your keys for transfers',
    cy: 'Eich allweddi ar gyfer trosglwyddiadau',
  },
  'wallet.property.keys.hint': {
    en: 'Make a new key for each purchase or sale, and give it to your conveyancer. It is kept in your wallet and in its backups.',
    cy: 'Gwnewch allwedd newydd ar gyfer pob pryniant neu werthiant, a’i rhoi i’ch trawsgludwr. Caiff ei chadw yn eich waled ac yn ei chopïau wrth gefn.',
  },
  'wallet.property.make': {
    en: 'Make a key for a new transfer',
    cy: 'Gwneud allwedd ar gyfer trosglwyddiad newydd',
  },
  'wallet.property.making': { en: 'Making the key…', cy: 'Wrthi’n gwneud yr allwedd…' },
  'wallet.property.keys.none': {
    en: 'You have not made a key for a transfer yet.',
    cy: 'Nid ydych wedi gwneud allwedd ar gyfer trosglwyddiad eto.',
  },
  'wallet.property.keys.new': {
    en: 'New key: give this to your conveyancer',
    cy: 'Allwedd newydd: rhowch hon i’ch trawsgludwr',
  },
  'wallet.property.keys.unused': {
    en: 'No transfer names this key yet.',
    cy: 'Nid oes trosglwyddiad yn enwi’r allwedd hon eto.',
  },
  'wallet.property.keys.open': { en: 'Open the transfer of {0}', cy: 'Agor trosglwyddiad {0}' },
  'wallet.property.loading': {
    en: 'Loading the transfer…',
    cy: 'Wrthi’n llwytho’r trosglwyddiad…',
  },
  'wallet.property.transfer.h1': { en: 'Transfer of a property', cy: 'Trosglwyddo eiddo' },
  'wallet.property.title': { en: 'Title number', cy: 'Rhif y teitl' },
  'wallet.property.reference': { en: 'Reference', cy: 'Cyfeirnod' },
  'wallet.property.stage': { en: 'Where it stands', cy: 'Ble mae arni' },
  'wallet.property.yourPart': { en: 'Your part', cy: 'Eich rhan' },
  'wallet.property.notYours': {
    en: 'None of your keys is named in this transfer',
    cy: 'Nid oes yr un o’ch allweddi wedi’i henwi yn y trosglwyddiad hwn',
  },
  'wallet.property.role.seller': { en: 'seller', cy: 'gwerthwr' },
  'wallet.property.role.buyer': { en: 'buyer', cy: 'prynwr' },
  'wallet.property.waiting': { en: 'Waiting for', cy: 'Yn aros am' },
  'wallet.property.waitingNone': { en: 'Nothing more', cy: 'Dim byd arall' },
  'wallet.property.waitingYou': { en: 'Your signature', cy: 'Eich llofnod' },
  'wallet.property.waitingYouAnd': {
    en: 'Your signature and {0} other steps',
    cy: 'Eich llofnod a {0} cam arall',
  },
  'wallet.property.waitingOthers': {
    en: '{0} steps by the other parties',
    cy: '{0} cam gan y partïon eraill',
  },
  'wallet.property.stage.drafted': {
    en: 'Drafted: waiting for the registrar to approve it',
    cy: 'Wedi’i ddrafftio: yn aros i’r cofrestrydd ei gymeradwyo',
  },
  'wallet.property.stage.approved': {
    en: 'Approved: being signed',
    cy: 'Wedi’i gymeradwyo: yn cael ei lofnodi',
  },
  'wallet.property.stage.signed': {
    en: 'Signed by everyone: waiting for the funds',
    cy: 'Wedi’i lofnodi gan bawb: yn aros am yr arian',
  },
  'wallet.property.stage.funds': {
    en: 'Funds ready: waiting for completion',
    cy: 'Arian yn barod: yn aros i’w gwblhau',
  },
  'wallet.property.stage.completed': {
    en: 'Completed: waiting for the registrar to register it',
    cy: 'Wedi’i gwblhau: yn aros i’r cofrestrydd ei gofrestru',
  },
  'wallet.property.stage.registered': { en: 'Registered', cy: 'Wedi’i gofrestru' },
  'wallet.property.stage.withdrawn': { en: 'Withdrawn', cy: 'Wedi’i dynnu’n ôl' },
  'wallet.property.stage.refused': {
    en: 'Refused by the registrar',
    cy: 'Wedi’i wrthod gan y cofrestrydd',
  },
  'wallet.property.area': { en: 'Your area', cy: 'Eich ardal' },
  'wallet.property.areaHint': {
    en: 'Your signature is stamped with an area only, never where you are exactly.',
    cy: 'Caiff eich llofnod ei stampio ag ardal yn unig, byth â’r union le rydych chi.',
  },
  'wallet.property.signHint': {
    en: 'Signing says you agree to the transfer as it was drafted and approved. You sign once.',
    cy: 'Mae llofnodi’n dweud eich bod yn cytuno i’r trosglwyddiad fel y cafodd ei ddrafftio a’i gymeradwyo. Rydych yn llofnodi unwaith.',
  },
  'wallet.property.sign': { en: 'Sign the transfer', cy: 'Llofnodi’r trosglwyddiad' },
  'wallet.property.signing': { en: 'Signing and sending…', cy: 'Wrthi’n llofnodi ac yn anfon…' },
  'wallet.property.signed': {
    en: 'You have signed the transfer',
    cy: 'Rydych wedi llofnodi’r trosglwyddiad',
  },
  'wallet.property.receipt': {
    en: 'In block {0}. The receipt is kept in your wallet.',
    cy: 'Ym mloc {0}. Caiff y dderbynneb ei chadw yn eich waled.',
  },
  'wallet.property.alreadySigned': {
    en: 'You have signed this transfer.',
    cy: 'Rydych wedi llofnodi’r trosglwyddiad hwn.',
  },
  'wallet.property.explorer': {
    en: 'See every step in the Explorer',
    cy: 'Gweld pob cam yn yr Archwiliwr',
  },
  'wallet.property.back': {
    en: 'Back to my property transfers',
    cy: 'Yn ôl i fy nhrosglwyddiadau eiddo',
  },
  'wallet.property.code': { en: '(code {0})', cy: '(cod {0})' },
  'wallet.property.refused.signed': {
    en: 'You have already signed this transfer.',
    cy: 'Rydych eisoes wedi llofnodi’r trosglwyddiad hwn.',
  },
  'wallet.property.refused.stage': {
    en: 'The transfer is not waiting for your signature now.',
    cy: 'Nid yw’r trosglwyddiad yn aros am eich llofnod nawr.',
  },
  'wallet.property.refused.party': {
    en: 'Your key is not named in this transfer. Check the key you gave your conveyancer.',
    cy: 'Nid yw eich allwedd wedi’i henwi yn y trosglwyddiad hwn. Gwiriwch yr allwedd a roesoch i’ch trawsgludwr.',
  },
  'wallet.property.refused.unknown': {
    en: 'There is no transfer with that reference.',
    cy: 'Nid oes trosglwyddiad â’r cyfeirnod hwnnw.',
  },
  'wallet.property.refused.unreachable': {
    en: 'The ledger could not be reached. Try again in a moment.',
    cy: 'Nid oedd modd cyrraedd y cyfriflyfr. Rhowch gynnig arall arni ymhen ychydig.',
  },
  'wallet.property.refused.other': {
    en: 'The ledger refused the signature.',
    cy: 'Gwrthododd y cyfriflyfr y llofnod.',
  },
} as const satisfies Dictionary;
