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
  NOTARY_ALREADY_NOTARISED: {
    en: 'This document was already notarised',
    cy: 'Mae’r ddogfen hon wedi’i notareiddio eisoes',
  },
  // consortium mode (decision 0009)
  ORDERING_UNAVAILABLE: {
    en: 'The consortium’s ordering service cannot be reached: try again shortly',
    cy: 'Ni ellir cyrraedd gwasanaeth trefnu’r consortiwm: rhowch gynnig arall arni cyn hir',
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
