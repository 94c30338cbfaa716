// RFC 9457 problem details: a stable `code`, a bilingual title, a status. No stack traces,
// no payloads, no secrets.
import type { FastifyReply, FastifyRequest } from 'fastify';

const TITLES: Record<string, { en: string; cy: string }> = {
  TX_MALFORMED: { en: 'The transaction is malformed', cy: 'Mae’r trafodyn wedi’i ffurfio’n wael' },
  TX_TOO_LARGE: { en: 'The transaction is too large', cy: 'Mae’r trafodyn yn rhy fawr' },
  GEO_INVALID: { en: 'The geo-stamp is not valid', cy: 'Nid yw’r stamp daearyddol yn ddilys' },
  TX_WRONG_NETWORK: {
    en: 'The transaction is for another network',
    cy: 'Mae’r trafodyn ar gyfer rhwydwaith arall',
  },
  TX_UNKNOWN_TYPE: { en: 'Unknown transaction type', cy: 'Math anhysbys o drafodyn' },
  TX_PAYLOAD_INVALID: {
    en: 'The transaction’s content is not valid',
    cy: 'Nid yw cynnwys y trafodyn yn ddilys',
  },
  TX_TIME_OUT_OF_WINDOW: {
    en: 'The transaction’s time is too far from now',
    cy: 'Mae amser y trafodyn yn rhy bell o’r presennol',
  },
  TX_REPLAYED: {
    en: 'This sequence number was already used',
    cy: 'Mae’r rhif dilyniant hwn wedi’i ddefnyddio eisoes',
  },
  TX_DUPLICATE: {
    en: 'This transaction was already received',
    cy: 'Mae’r trafodyn hwn wedi dod i law eisoes',
  },
  TX_SEQ_GAP: {
    en: 'A transaction from this sender is missing before this one',
    cy: 'Mae trafodyn gan yr anfonwr hwn ar goll cyn hwn',
  },
  TX_SIGNER_UNKNOWN: { en: 'Unknown signing key', cy: 'Allwedd lofnodi anhysbys' },
  TX_SIGNATURE_INVALID: { en: 'A signature does not verify', cy: 'Nid yw llofnod yn dilysu' },
  TX_SENDER_NOT_SIGNED: {
    en: 'The sender did not sign the transaction',
    cy: 'Ni lofnododd yr anfonwr y trafodyn',
  },
  GOV_NO_QUORUM: {
    en: 'Not enough member bodies signed this change',
    cy: 'Ni lofnododd digon o gyrff sy’n aelodau y newid hwn',
  },
  GOV_SENDER_NOT_MEMBER: {
    en: 'Only a member body may propose this change',
    cy: 'Dim ond corff sy’n aelod all gynnig y newid hwn',
  },
  // governance proposals (decision 0008)
  GOV_NOT_PROPOSABLE: {
    en: 'This kind of change cannot be proposed',
    cy: 'Ni ellir cynnig y math hwn o newid',
  },
  GOV_CHANGE_INVALID: {
    en: 'The proposed change is not valid',
    cy: 'Nid yw’r newid a gynigiwyd yn ddilys',
  },
  GOV_EXPIRY_PAST: {
    en: 'A proposal must end after now',
    cy: 'Rhaid i gynnig ddod i ben ar ôl nawr',
  },
  GOV_EXPIRY_TOO_LONG: {
    en: 'A proposal can stay open for 30 days at most',
    cy: 'Gall cynnig aros ar agor am 30 diwrnod ar y mwyaf',
  },
  GOV_PROPOSAL_UNKNOWN: { en: 'No such proposal', cy: 'Dim cynnig o’r fath' },
  GOV_PROPOSAL_NOT_PENDING: {
    en: 'This proposal has already been decided',
    cy: 'Mae penderfyniad eisoes wedi’i wneud ar y cynnig hwn',
  },
  GOV_PROPOSAL_EXPIRED: {
    en: 'This proposal has expired',
    cy: 'Mae’r cynnig hwn wedi dod i ben',
  },
  GOV_ALREADY_APPROVED: {
    en: 'This body has already signed this proposal',
    cy: 'Mae’r corff hwn eisoes wedi llofnodi’r cynnig hwn',
  },
  GOV_NOT_PROPOSER: {
    en: 'Only the body that proposed a change may withdraw it',
    cy: 'Dim ond y corff a gynigiodd newid all ei dynnu’n ôl',
  },
  GOV_MEMBER_UNKNOWN: { en: 'No such member body', cy: 'Dim corff sy’n aelod o’r fath' },
  // ---- validator changes at a stated height (decision 0009, membership) ----
  GOV_EFFECTIVE_HEIGHT_TOO_SOON: {
    en: 'A validator change must be stated further ahead',
    cy: 'Rhaid datgan newid i nod dilysu ymhellach ymlaen llaw',
  },
  GOV_VALIDATOR_KEY_IN_USE: {
    en: 'Another validator already uses this key',
    cy: 'Mae nod dilysu arall eisoes yn defnyddio’r allwedd hon',
  },
  NOTARY_ALREADY_NOTARISED: {
    en: 'This document was already notarised',
    cy: 'Mae’r ddogfen hon wedi’i notareiddio eisoes',
  },
  // consortium mode (decision 0009)
  ORDERING_UNAVAILABLE: {
    en: 'The consortium’s ordering service cannot be reached: try again shortly',
    cy: 'Ni ellir cyrraedd gwasanaeth trefnu’r consortiwm: rhowch gynnig arall arni cyn hir',
  },
  OBSERVER_READ_ONLY: {
    en: 'This node only observes the ledger: send transactions to a member body’s node',
    cy: 'Dim ond arsylwi’r cyfriflyfr y mae’r nod hwn: anfonwch drafodion at nod corff sy’n aelod',
  },
  OBSERVER_HALTED: {
    en: 'This observer stopped: the node it follows served a block that does not verify',
    cy: 'Mae’r arsylwr hwn wedi stopio: rhoddodd y nod y mae’n ei ddilyn floc nad yw’n dilysu',
  },
  // snapshot sync (decision 0009 "Snapshots")
  SNAPSHOT_NONE: {
    en: 'This node holds no state snapshot yet',
    cy: 'Nid oes gan y nod hwn giplun o’r cyflwr eto',
  },
  SNAPSHOT_NOT_HELD: {
    en: 'This node no longer holds a snapshot at that height: ask for the latest',
    cy: 'Nid oes gan y nod hwn giplun ar yr uchder hwnnw mwyach: gofynnwch am yr un diweddaraf',
  },
  SNAPSHOT_UNAVAILABLE: {
    en: 'No peer could be reached for a state snapshot',
    cy: 'Ni ellid cyrraedd unrhyw gymar i gael ciplun o’r cyflwr',
  },
  SNAPSHOT_MALFORMED: {
    en: 'The state snapshot a peer sent is malformed',
    cy: 'Mae’r ciplun o’r cyflwr a anfonodd cymar wedi’i ffurfio’n wael',
  },
  SNAPSHOT_CHECKPOINT_DIFFERS: {
    en: 'The snapshot’s checkpoint is not of its block, or commits to no state',
    cy: 'Nid yw pwynt gwirio’r ciplun yn perthyn i’w floc, neu nid yw’n ymrwymo i unrhyw gyflwr',
  },
  SNAPSHOT_NO_QUORUM: {
    en: 'The snapshot’s checkpoint lacks a quorum of the trusted validators',
    cy: 'Nid oes gan bwynt gwirio’r ciplun gworwm o’r dilyswyr a ymddiriedir',
  },
  SNAPSHOT_LOG_MISMATCH: {
    en: 'The snapshot’s log frontier does not give its block’s log root',
    cy: 'Nid yw ffin log y ciplun yn rhoi gwreiddyn log ei floc',
  },
  SNAPSHOT_ROOT_MISMATCH: {
    en: 'The snapshot’s state rows do not hash to the cosigned commitment: nothing installed',
    cy: 'Nid yw rhesi cyflwr y ciplun yn stwnsio i’r ymrwymiad a gydlofnodwyd: ni osodwyd dim',
  },
  SNAPSHOT_WRONG_NETWORK: {
    en: 'The snapshot belongs to another network or genesis',
    cy: 'Mae’r ciplun yn perthyn i rwydwaith neu genesis arall',
  },
  SNAPSHOT_VALIDATORS_UNKNOWN: {
    en: 'The validator set changed since genesis: sync from genesis instead',
    cy: 'Newidiodd y set o ddilyswyr ers y genesis: cysoni o’r genesis yn lle hynny',
  },
  SNAPSHOT_TIP_UNKNOWN: {
    en: 'The ordering service no longer holds the snapshot’s block, so the validator cannot start there',
    cy: 'Nid yw’r gwasanaeth trefnu bellach yn dal bloc y ciplun, felly ni all y dilysydd ddechrau yno',
  },
  EVIDENCE_VALIDATOR_UNKNOWN: {
    en: 'No validator of that name',
    cy: 'Dim dilysydd o’r enw hwnnw',
  },
  EVIDENCE_INVALID: {
    en: 'This is not proof of equivocation: two valid cosignatures over different checkpoints at one height are needed',
    cy: 'Nid yw hyn yn brawf bod dilysydd wedi cydlofnodi ddwywaith: mae angen dau gydlofnod dilys dros bwyntiau gwirio gwahanol ar yr un uchder',
  },
  EVIDENCE_KNOWN: {
    en: 'This equivocation is already on the ledger',
    cy: 'Mae’r dystiolaeth hon ar y cyfriflyfr eisoes',
  },
  VALIDATOR_HALTED: {
    en: 'This node’s validator has stopped to keep the ledger safe; use another node',
    cy: 'Mae dilysydd y nod hwn wedi stopio i gadw’r cyfriflyfr yn ddiogel; defnyddiwch nod arall',
  },
  MEMPOOL_FULL: {
    en: 'The node is busy: try again shortly',
    cy: 'Mae’r nod yn brysur: rhowch gynnig arall arni cyn hir',
  },
  BATCH_TOO_LARGE: {
    en: 'Too many transactions in one request',
    cy: 'Gormod o drafodion mewn un cais',
  },
  BATCH_REJECTED: {
    en: 'No transaction of the batch was accepted',
    cy: 'Ni dderbyniwyd yr un trafodyn o’r swp',
  },
  JSON_MALFORMED: { en: 'The request is not valid JSON', cy: 'Nid yw’r cais yn JSON dilys' },
  BODY_TOO_LARGE: { en: 'The request body is too large', cy: 'Mae corff y cais yn rhy fawr' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'Send application/json',
    cy: 'Anfonwch application/json',
  },
  REQUEST_INVALID: { en: 'The request is not valid', cy: 'Nid yw’r cais yn ddilys' },
  NOT_FOUND: { en: 'Not found', cy: 'Heb ei ganfod' },
  TX_NOT_FOUND: { en: 'No such transaction', cy: 'Dim trafodyn o’r fath' },
  TX_NOT_COMMITTED: {
    en: 'The transaction is not in a block yet',
    cy: 'Nid yw’r trafodyn mewn bloc eto',
  },
  BLOCK_NOT_FOUND: { en: 'No such block', cy: 'Dim bloc o’r fath' },
  NOTARY_NOT_FOUND: {
    en: 'This document has not been notarised',
    cy: 'Nid yw’r ddogfen hon wedi’i notareiddio',
  },
  PROOF_RANGE: { en: 'The proof range is not valid', cy: 'Nid yw ystod y prawf yn ddilys' },
  NODE_NOT_READY: { en: 'The node is not ready', cy: 'Nid yw’r nod yn barod' },
  STORAGE_FAILED: { en: 'The node could not store the request', cy: 'Ni allai’r nod gadw’r cais' },
  INTERNAL: { en: 'Something went wrong on the node', cy: 'Aeth rhywbeth o’i le ar y nod' },
  // identity, consent and access (decision 0006)
  DID_UNKNOWN: {
    en: 'No member body has this DID',
    cy: 'Nid oes gan yr un corff sy’n aelod y DID hwn',
  },
  STATUS_ANCHOR_NOT_FOUND: {
    en: 'No status list is anchored at this address',
    cy: 'Nid oes rhestr statws wedi’i hangori yn y cyfeiriad hwn',
  },
  CONSENT_NOT_FOUND: { en: 'No such consent', cy: 'Dim cydsyniad o’r fath' },
  ACCESS_RECORD_NOT_FOUND: { en: 'No such access record', cy: 'Dim cofnod mynediad o’r fath' },
  ID_ISSUER_UNKNOWN: {
    en: 'Only a member body can be an issuer',
    cy: 'Dim ond corff sy’n aelod all fod yn gyhoeddwr',
  },
  ID_ISSUER_ALREADY_AUTHORISED: {
    en: 'This body already issues this credential type',
    cy: 'Mae’r corff hwn eisoes yn cyhoeddi’r math hwn o dystlythyr',
  },
  ID_ISSUER_NOT_ACTIVE: {
    en: 'This body does not issue this credential type now',
    cy: 'Nid yw’r corff hwn yn cyhoeddi’r math hwn o dystlythyr nawr',
  },
  ID_SENDER_NOT_MEMBER: {
    en: 'Only a member body may anchor a status list',
    cy: 'Dim ond corff sy’n aelod all angori rhestr statws',
  },
  ID_STATUS_NOT_OWNER: {
    en: 'Another body anchored this status list',
    cy: 'Corff arall a angorodd y rhestr statws hon',
  },
  CONSENT_SENDER_NOT_DID_KEY: {
    en: 'Only a citizen’s own key may give or withdraw consent',
    cy: 'Dim ond allwedd y dinesydd ei hun all roi neu dynnu cydsyniad yn ôl',
  },
  CONSENT_GEO_TOO_PRECISE: {
    en: 'A citizen’s transaction may name an area, never a point',
    cy: 'Gall trafodyn dinesydd enwi ardal, byth bwynt',
  },
  CONSENT_HOLDER_UNKNOWN: {
    en: 'The body holding the data is not a member',
    cy: 'Nid yw’r corff sy’n dal y data yn aelod',
  },
  CONSENT_REQUESTER_UNKNOWN: {
    en: 'The requesting body is not a member',
    cy: 'Nid yw’r corff sy’n gofyn yn aelod',
  },
  CONSENT_SAME_PARTY: {
    en: 'The holder and the requester must be different bodies',
    cy: 'Rhaid i’r deiliad a’r ceisydd fod yn gyrff gwahanol',
  },
  CONSENT_EXPIRES_IN_PAST: {
    en: 'The consent would already have expired',
    cy: 'Byddai’r cydsyniad eisoes wedi dod i ben',
  },
  CONSENT_NOT_SUBJECT: {
    en: 'Only the person who gave this consent may withdraw it',
    cy: 'Dim ond y sawl a roddodd y cydsyniad hwn all ei dynnu’n ôl',
  },
  CONSENT_ALREADY_WITHDRAWN: {
    en: 'This consent was already withdrawn',
    cy: 'Mae’r cydsyniad hwn wedi’i dynnu’n ôl eisoes',
  },
  CONSENT_UNKNOWN: {
    en: 'No such consent on the ledger',
    cy: 'Dim cydsyniad o’r fath ar y cyfriflyfr',
  },
  CONSENT_WITHDRAWN: { en: 'The consent was withdrawn', cy: 'Tynnwyd y cydsyniad yn ôl' },
  CONSENT_EXPIRED: { en: 'The consent has expired', cy: 'Mae’r cydsyniad wedi dod i ben' },
  CONSENT_WRONG_HOLDER: {
    en: 'The consent is for data held by another body',
    cy: 'Mae’r cydsyniad ar gyfer data a ddelir gan gorff arall',
  },
  CONSENT_WRONG_REQUESTER: {
    en: 'The consent was given to another body',
    cy: 'Rhoddwyd y cydsyniad i gorff arall',
  },
  CONSENT_WRONG_CATEGORY: {
    en: 'The consent does not cover this kind of data',
    cy: 'Nid yw’r cydsyniad yn cynnwys y math hwn o ddata',
  },
  CONSENT_WRONG_PURPOSE: {
    en: 'The consent was given for another purpose',
    cy: 'Rhoddwyd y cydsyniad at ddiben arall',
  },
  CONSENT_WRONG_SUBJECT: {
    en: 'The consent was given by someone else',
    cy: 'Rhoddwyd y cydsyniad gan rywun arall',
  },
  ACCESS_SENDER_NOT_MEMBER: {
    en: 'Only the member body holding the data records access to it',
    cy: 'Dim ond y corff sy’n aelod sy’n dal y data sy’n cofnodi mynediad iddo',
  },
  ACCESS_REQUESTER_UNKNOWN: {
    en: 'The requesting body is not a member',
    cy: 'Nid yw’r corff a wnaeth y cais yn aelod',
  },
  ACCESS_SUBJECT_INVALID: {
    en: 'The person’s identifier is not a valid did:key',
    cy: 'Nid yw dynodydd yr unigolyn yn did:key dilys',
  },
  ACCESS_DUPLICATE: {
    en: 'This request was already recorded',
    cy: 'Mae’r cais hwn wedi’i gofnodi eisoes',
  },
  ACCESS_SERVED_WITHOUT_CONSENT: {
    en: 'Data cannot be recorded as served without a valid consent',
    cy: 'Ni ellir cofnodi bod data wedi’i gyflwyno heb gydsyniad dilys',
  },
  BUSINESS_REGISTRAR_UNKNOWN: {
    en: 'That body is not a registrar on the ledger',
    cy: 'Nid yw’r corff hwnnw’n gofrestrydd ar y cyfriflyfr',
  },
  BUSINESS_NAME_TAKEN: {
    en: 'That name, or one too like it, is already registered or applied for',
    cy: 'Mae’r enw hwnnw, neu un rhy debyg iddo, eisoes wedi’i gofrestru neu wedi gwneud cais amdano',
  },
  BUSINESS_NAME_INVALID: {
    en: 'A name needs at least one letter or digit',
    cy: 'Mae angen o leiaf un llythyren neu ddigid mewn enw',
  },
  BUSINESS_APPLICATION_UNKNOWN: {
    en: 'No such application on the register',
    cy: 'Dim cais o’r fath ar y gofrestr',
  },
  BUSINESS_NOT_REGISTRAR: {
    en: 'Only the registrar body the application is addressed to may do this',
    cy: 'Dim ond y corff cofrestru y cyfeiriwyd y cais ato all wneud hyn',
  },
  BUSINESS_NOT_PENDING: {
    en: 'This application has already been decided',
    cy: 'Mae penderfyniad eisoes wedi’i wneud ar y cais hwn',
  },
  BUSINESS_NUMBERS_EXHAUSTED: {
    en: 'The register has run out of numbers',
    cy: 'Mae’r gofrestr wedi rhedeg allan o rifau',
  },
  BUSINESS_UNKNOWN: {
    en: 'No organisation with that number on the register',
    cy: 'Dim sefydliad â’r rhif hwnnw ar y gofrestr',
  },
  BUSINESS_DISSOLVED: {
    en: 'The organisation has been dissolved',
    cy: 'Mae’r sefydliad wedi’i ddiddymu',
  },
  BUSINESS_NOTHING_TO_CHANGE: {
    en: 'The amendment changes nothing',
    cy: 'Nid yw’r diwygiad yn newid dim',
  },
  BUSINESS_NOT_MEMBER: {
    en: 'Only a member body may grant or revoke a licence',
    cy: 'Dim ond corff sy’n aelod all roi neu ddirymu trwydded',
  },
  BUSINESS_LICENCE_NOT_ALLOWED: {
    en: 'This body may not grant that kind of licence',
    cy: 'Ni chaiff y corff hwn roi’r math hwnnw o drwydded',
  },
  BUSINESS_LICENCE_DATES_INVALID: {
    en: 'A licence must end after it starts',
    cy: 'Rhaid i drwydded ddod i ben ar ôl iddi ddechrau',
  },
  BUSINESS_LICENCE_UNKNOWN: {
    en: 'No such licence for that organisation',
    cy: 'Dim trwydded o’r fath ar gyfer y sefydliad hwnnw',
  },
  BUSINESS_LICENCE_NOT_GRANTOR: {
    en: 'Only the body that granted a licence may revoke it',
    cy: 'Dim ond y corff a roddodd drwydded all ei dirymu',
  },
  BUSINESS_LICENCE_REVOKED: {
    en: 'This licence was already revoked',
    cy: 'Mae’r drwydded hon wedi’i dirymu eisoes',
  },
  BUSINESS_GEO_TOO_PRECISE: {
    en: 'An applicant’s transaction may name an area, never a point',
    cy: 'Gall trafodyn ymgeisydd enwi ardal, byth bwynt',
  },
  // ---- applying from the Wallet, the registration credential (decision 0010) ----
  BUSINESS_SESSION_UNKNOWN: {
    en: 'Unknown or expired application',
    cy: 'Cais anhysbys neu wedi dod i ben',
  },
  BUSINESS_SESSION_INCOMPLETE: {
    en: 'Not every director has confirmed yet',
    cy: 'Nid yw pob cyfarwyddwr wedi cadarnhau eto',
  },
  BUSINESS_SESSION_CLOSED: {
    en: 'This application was already sent',
    cy: 'Anfonwyd y cais hwn eisoes',
  },
  BUSINESS_TX_MISMATCH: {
    en: 'The signed application does not match what the directors confirmed',
    cy: 'Nid yw’r cais wedi’i lofnodi yn cyfateb i’r hyn a gadarnhaodd y cyfarwyddwyr',
  },
  DIRECTOR_UNDER_18: {
    en: 'A director must be 18 or over',
    cy: 'Rhaid i gyfarwyddwr fod yn 18 oed neu’n hŷn',
  },
  DIRECTOR_DUPLICATE: {
    en: 'This person has already confirmed as a director of this application',
    cy: 'Mae’r person hwn eisoes wedi cadarnhau ei fod yn gyfarwyddwr ar gyfer y cais hwn',
  },
  DIRECTOR_ALREADY_PRESENTED: {
    en: 'This director has already confirmed',
    cy: 'Mae’r cyfarwyddwr hwn eisoes wedi cadarnhau',
  },
  CREDENTIAL_FROM_REGISTER: {
    en: 'This credential is issued from the register entry, not from a form',
    cy: 'Caiff y tystlythyr hwn ei gyhoeddi o gofnod y gofrestr, nid o ffurflen',
  },
  // ---- title register and transfers (decision 0012) ----
  TITLE_NOT_REGISTRAR: {
    en: 'Only the registrar body that holds the title may do this',
    cy: 'Dim ond y corff cofrestru sy’n dal y teitl all wneud hyn',
  },
  TITLE_NOT_PARTY: {
    en: 'Only a party to the transfer may do this',
    cy: 'Dim ond parti i’r trosglwyddiad all wneud hyn',
  },
  TITLE_WRONG_ROLE: {
    en: 'This step is not for your role in the transfer',
    cy: 'Nid yw’r cam hwn ar gyfer eich rôl yn y trosglwyddiad',
  },
  TITLE_NOT_LENDER: {
    en: 'Only the lender named in the charge may discharge it',
    cy: 'Dim ond y benthyciwr a enwir yn yr arwystl all ei ryddhau',
  },
  TITLE_LINK_NOT_CONVEYANCER: {
    en: 'Only a conveyancer acting in both transfers may link them',
    cy: 'Dim ond trawsgludwr sy’n gweithredu yn y ddau drosglwyddiad all eu cysylltu',
  },
  TITLE_UNKNOWN: {
    en: 'No title with that number on the register',
    cy: 'Dim teitl â’r rhif hwnnw ar y gofrestr',
  },
  TITLE_TRANSFER_UNKNOWN: {
    en: 'No such transfer on the ledger',
    cy: 'Dim trosglwyddiad o’r fath ar y cyfriflyfr',
  },
  TITLE_LINK_UNKNOWN: {
    en: 'The linked transfer is not on the ledger',
    cy: 'Nid yw’r trosglwyddiad cysylltiedig ar y cyfriflyfr',
  },
  TITLE_EXISTS: {
    en: 'A title with that number is already registered',
    cy: 'Mae teitl â’r rhif hwnnw wedi’i gofrestru eisoes',
  },
  TITLE_PARCEL_TAKEN: {
    en: 'That parcel already has a freehold title',
    cy: 'Mae gan y parsel hwnnw deitl rhydd-ddaliad eisoes',
  },
  TITLE_TRANSFER_OPEN: {
    en: 'The title already has a transfer in progress',
    cy: 'Mae trosglwyddiad ar y gweill ar y teitl eisoes',
  },
  TITLE_STEP_OUT_OF_ORDER: {
    en: 'The transfer is not at the stage where this step can be taken',
    cy: 'Nid yw’r trosglwyddiad ar y cam lle gellir cymryd y cam hwn',
  },
  TITLE_ALREADY_SIGNED: {
    en: 'You have already signed this transfer',
    cy: 'Rydych chi wedi llofnodi’r trosglwyddiad hwn eisoes',
  },
  TITLE_FUNDS_ALREADY_CONFIRMED: {
    en: 'You have already confirmed the funds',
    cy: 'Rydych chi wedi cadarnhau’r arian eisoes',
  },
  TITLE_RESTRICTED: {
    en: 'A restriction on the title stops this transfer',
    cy: 'Mae cyfyngiad ar y teitl yn atal y trosglwyddiad hwn',
  },
  TITLE_LENDER_CONSENT_MISSING: {
    en: 'The lender has not given its consent',
    cy: 'Nid yw’r benthyciwr wedi rhoi ei gydsyniad',
  },
  TITLE_CHARGE_EXISTS: {
    en: 'A charge with that reference is already on the title',
    cy: 'Mae arwystl â’r cyfeirnod hwnnw ar y teitl eisoes',
  },
  TITLE_RESTRICTION_EXISTS: {
    en: 'A restriction with that reference is already on the title',
    cy: 'Mae cyfyngiad â’r cyfeirnod hwnnw ar y teitl eisoes',
  },
  TITLE_CHARGE_UNKNOWN: {
    en: 'No charge with that reference on the title',
    cy: 'Dim arwystl â’r cyfeirnod hwnnw ar y teitl',
  },
  TITLE_RESTRICTION_UNKNOWN: {
    en: 'No restriction with that reference on the title',
    cy: 'Dim cyfyngiad â’r cyfeirnod hwnnw ar y teitl',
  },
  TITLE_PARTIES_INVALID: {
    en: 'The parties to the transfer are not valid',
    cy: 'Nid yw’r partïon i’r trosglwyddiad yn ddilys',
  },
  TITLE_LINK_INVALID: {
    en: 'Those transfers cannot be linked',
    cy: 'Ni ellir cysylltu’r trosglwyddiadau hynny',
  },
  TITLE_GEO_REQUIRED: {
    en: 'A title transaction must carry a geo-stamp',
    cy: 'Rhaid i drafodyn teitl gynnwys stamp lleoliad',
  },
  TITLE_GEO_TOO_PRECISE: {
    en: 'A seller’s or buyer’s transaction may name an area, never a point',
    cy: 'Gall trafodyn gwerthwr neu brynwr enwi ardal, byth bwynt',
  },
  // ---- regulated goods (decision 0011) ----
  GOODS_NOT_AUTHORISED: {
    en: 'Only a council or regulator may do this',
    cy: 'Dim ond cyngor neu reoleiddiwr all wneud hyn',
  },
  GOODS_NOT_OPERATOR: {
    en: 'Only a registered operator of a licensed organisation may do this',
    cy: 'Dim ond gweithredwr cofrestredig sefydliad trwyddedig all wneud hyn',
  },
  GOODS_NOT_LICENSED: {
    en: 'The organisation holds no valid licence for this activity',
    cy: 'Nid oes gan y sefydliad drwydded ddilys ar gyfer y gweithgaredd hwn',
  },
  GOODS_NOT_HOLDER: {
    en: 'Your organisation does not hold this lot',
    cy: 'Nid yw eich sefydliad yn dal y lot hwn',
  },
  GOODS_NOT_RECEIVER: {
    en: 'This lot was offered to another organisation',
    cy: 'Cynigiwyd y lot hwn i sefydliad arall',
  },
  GOODS_NOT_PROPOSER: {
    en: 'Only the organisation that offered the lot may withdraw the offer',
    cy: 'Dim ond y sefydliad a gynigiodd y lot all dynnu’r cynnig yn ôl',
  },
  GOODS_OPERATOR_EXISTS: {
    en: 'This key is already registered as an operator',
    cy: 'Mae’r allwedd hon eisoes wedi’i chofrestru fel gweithredwr',
  },
  GOODS_OPERATOR_INVALID: {
    en: 'An operator is identified by a valid did:key',
    cy: 'Caiff gweithredwr ei adnabod gan did:key dilys',
  },
  GOODS_OPERATOR_UNKNOWN: {
    en: 'No operator with that key on the register',
    cy: 'Dim gweithredwr â’r allwedd honno ar y gofrestr',
  },
  GOODS_OPERATOR_REVOKED: {
    en: 'This operator key has already been withdrawn',
    cy: 'Mae’r allwedd gweithredwr hon eisoes wedi’i thynnu’n ôl',
  },
  GOODS_BUSINESS_UNKNOWN: {
    en: 'No organisation with that number on the business register',
    cy: 'Dim sefydliad â’r rhif hwnnw ar y gofrestr busnesau',
  },
  GOODS_BUSINESS_DISSOLVED: {
    en: 'The organisation has been dissolved',
    cy: 'Mae’r sefydliad wedi’i ddiddymu',
  },
  GOODS_PREMISES_INVALID: {
    en: 'Each premises needs its own id and valid coordinates',
    cy: 'Mae angen dynodydd ei hun a chyfesurynnau dilys ar bob safle',
  },
  GOODS_PREMISES_UNKNOWN: {
    en: 'That premises is not one of this operator’s',
    cy: 'Nid yw’r safle hwnnw’n un o safleoedd y gweithredwr hwn',
  },
  GOODS_GEO_REQUIRED: {
    en: 'The transaction must be stamped with the premises’ coordinates',
    cy: 'Rhaid stampio’r trafodyn â chyfesurynnau’r safle',
  },
  GOODS_GEO_MISMATCH: {
    en: 'The geo-stamp is not the named premises’ coordinates',
    cy: 'Nid cyfesurynnau’r safle a enwyd yw’r stamp lleoliad',
  },
  GOODS_PRODUCT_UNKNOWN: {
    en: 'That product is not on the register’s list',
    cy: 'Nid yw’r cynnyrch hwnnw ar restr y gofrestr',
  },
  GOODS_UNIT_MISMATCH: {
    en: 'That product is counted in another unit',
    cy: 'Caiff y cynnyrch hwnnw ei gyfrif mewn uned arall',
  },
  GOODS_LOT_UNKNOWN: {
    en: 'No such lot on the register',
    cy: 'Dim lot o’r fath ar y gofrestr',
  },
  GOODS_LOT_EXISTS: {
    en: 'A lot with that id already exists',
    cy: 'Mae lot â’r dynodydd hwnnw eisoes yn bodoli',
  },
  GOODS_LOT_CLOSED: {
    en: 'This lot has been split, merged, processed or used up',
    cy: 'Mae’r lot hwn wedi’i rannu, ei uno, ei brosesu neu ei ddefnyddio’n llwyr',
  },
  GOODS_LOT_PENDING: {
    en: 'This lot is on offer to another organisation; nothing else may happen to it until then',
    cy: 'Mae’r lot hwn ar gynnig i sefydliad arall; ni all dim arall ddigwydd iddo tan hynny',
  },
  GOODS_LOT_RECALLED: {
    en: 'This lot, or one it came from, has been recalled; it may only be destroyed',
    cy: 'Mae’r lot hwn, neu un y daeth ohono, wedi’i alw’n ôl; dim ond ei ddinistrio a ganiateir',
  },
  GOODS_ALREADY_RECALLED: {
    en: 'This lot has already been recalled',
    cy: 'Mae’r lot hwn eisoes wedi’i alw’n ôl',
  },
  GOODS_QUANTITY_UNBALANCED: {
    en: 'The quantities do not balance: stock can leave only through a recorded loss',
    cy: 'Nid yw’r meintiau’n cydbwyso: dim ond drwy golled a gofnodwyd y gall stoc adael',
  },
  GOODS_QUANTITY_TOO_LARGE: {
    en: 'The quantity is larger than one lot may hold',
    cy: 'Mae’r maint yn fwy nag y caiff un lot ei ddal',
  },
  GOODS_MERGE_MISMATCH: {
    en: 'Only lots of the same product and unit can be merged',
    cy: 'Dim ond lotiau o’r un cynnyrch a’r un uned y gellir eu huno',
  },
  GOODS_TRANSFER_UNKNOWN: {
    en: 'No such hand-over on the register',
    cy: 'Dim trosglwyddiad o’r fath ar y gofrestr',
  },
  GOODS_TRANSFER_NOT_PENDING: {
    en: 'This hand-over has already been decided',
    cy: 'Mae penderfyniad eisoes wedi’i wneud ar y trosglwyddiad hwn',
  },
  GOODS_TRANSFER_TO_SELF: {
    en: 'A lot cannot be offered to the organisation that holds it',
    cy: 'Ni ellir cynnig lot i’r sefydliad sy’n ei ddal',
  },
  GOODS_TRACE_TOO_LARGE: {
    en: 'The lot’s ancestry is too large to check',
    cy: 'Mae llinach y lot yn rhy fawr i’w gwirio',
  },
};

export function titleOf(code: string, lang: 'en' | 'cy'): string {
  const t = TITLES[code];
  if (t) return t[lang];
  return lang === 'cy' ? 'Gwrthodwyd y cais' : 'The request was refused';
}

/** Services with their own codes (identity, exchange) add their bilingual titles here. */
export function registerTitles(titles: Record<string, { en: string; cy: string }>): void {
  Object.assign(TITLES, titles);
}

export function problemCodes(): string[] {
  return Object.keys(TITLES);
}

/** Welsh or English, whichever Accept-Language ranks higher (q-values count); English by default. */
export function preferredLang(req: FastifyRequest): 'en' | 'cy' {
  const al = req.headers['accept-language'];
  if (typeof al !== 'string') return 'en';
  let best: { lang: 'en' | 'cy'; q: number } = { lang: 'en', q: -1 };
  for (const part of al.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.split('-')[0];
    if (lang !== 'en' && lang !== 'cy') continue;
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { lang, q };
  }
  return best.lang;
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const lang = preferredLang(req);
  return reply
    .code(status)
    .type('application/problem+json')
    .header('content-language', lang)
    .send({
      type: `urn:cadwyn:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      title: titleOf(code, lang),
      status,
      code,
      ...(detail ? { detail } : {}),
      instance: req.url.split('?')[0],
      ...extra,
    });
}

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine-readable error code' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    id: { type: 'string', description: 'the transaction concerned, where there is one' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          code: { type: 'string' },
          detail: { type: 'string' },
          id: { type: 'string' },
        },
      },
    },
  },
} as const;
