// Credential types of decision 0006, with their SD-JWT VC type metadata (display in English and
// Welsh), the JSON Schema of their claims, and the vocabularies consents are written in.
import { CLAIM_VALIDATORS } from './claim-validators.js';
import { ONS_AREA_RE } from '../core/geo.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';

export type Lang = 'en' | 'cy';

/** A claims path pointer (SD-JWT VC / DCQL): keys, array indexes, or null for "every element". */
export type ClaimPath = readonly (string | number | null)[];

export interface TypeDisplay {
  readonly lang: Lang;
  readonly name: string;
  readonly description?: string;
}

export interface ClaimDisplay {
  readonly lang: Lang;
  readonly label: string;
}

export interface ClaimMetadata {
  readonly path: readonly string[];
  readonly display: readonly ClaimDisplay[];
  readonly sd: 'always' | 'allowed' | 'never';
}

/** SD-JWT VC type metadata, exactly what `GET /v1/credential-types` serves. */
export interface TypeMetadata {
  readonly vct: string;
  readonly name: string;
  readonly description?: string;
  readonly display: readonly TypeDisplay[];
  readonly claims: readonly ClaimMetadata[];
}

/** A JSON Schema (draft 2020-12) object schema; only what callers read is typed. */
export interface ClaimSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly [keyword: string]: unknown;
}

export interface CredentialType {
  /** Short configuration id (OID4VCI `credential_configuration_id`, scope). */
  readonly id: string;
  readonly vct: string;
  readonly metadata: TypeMetadata;
  readonly claimSchema: ClaimSchema;
  /** How long an issued credential stays valid. */
  readonly validityDays: number;
  /** Claims come from a public register entry, never from a form staff fill in (0010). */
  readonly fromRegister?: boolean;
}

export const VCT = {
  gwentResident: 'urn:cadwyn:vct:gwent-resident:1',
  blueBadge: 'urn:cadwyn:vct:blue-badge:1',
  patient: 'urn:cadwyn:vct:patient:1',
  businessRegistration: 'urn:cadwyn:vct:business-registration:1',
} as const;

// ---- claim labels, shared by the types ----

const LABELS: Record<string, { en: string; cy: string }> = {
  given_name: { en: 'First name', cy: 'Enw cyntaf' },
  family_name: { en: 'Surname', cy: 'Cyfenw' },
  birthdate: { en: 'Date of birth', cy: 'Dyddiad geni' },
  address: { en: 'Address', cy: 'Cyfeiriad' },
  'address.street_address': { en: 'Street address', cy: 'Cyfeiriad stryd' },
  'address.locality': { en: 'Town or city', cy: 'Tref neu ddinas' },
  'address.postal_code': { en: 'Postcode', cy: 'Cod post' },
  local_authority: { en: 'Local authority', cy: 'Awdurdod lleol' },
  age_over_16: { en: 'Over 16', cy: 'Dros 16 oed' },
  age_over_18: { en: 'Over 18', cy: 'Dros 18 oed' },
  badge_number: { en: 'Badge number', cy: 'Rhif y bathodyn' },
  nhs_number: { en: 'NHS number', cy: 'Rhif GIG' },
  gp_practice: { en: 'GP practice', cy: 'Meddygfa' },
  // business registration (decision 0010): public register facts only
  number: { en: 'Registered number', cy: 'Rhif cofrestredig' },
  name_en: { en: 'Name in English', cy: 'Enw yn Saesneg' },
  name_cy: { en: 'Name in Welsh', cy: 'Enw yn Gymraeg' },
  kind: { en: 'Type of organisation', cy: 'Math o sefydliad' },
  office_area: { en: 'Registered office area', cy: 'Ardal y swyddfa gofrestredig' },
  registered: { en: 'Date registered', cy: 'Dyddiad cofrestru' },
};

function claim(...path: string[]): ClaimMetadata {
  const label = LABELS[path.join('.')];
  if (label === undefined) throw new Error(`no label for ${path.join('.')}`);
  return {
    path,
    display: [
      { lang: 'en', label: label.en },
      { lang: 'cy', label: label.cy },
    ],
    sd: 'always',
  };
}

// ---- claim schemas ----

const NAME = { type: 'string', minLength: 1, maxLength: 100 } as const;
// A calendar date, YYYY-MM-DD (no ajv-formats: the pattern says enough for a birth date).
const DATE = {
  type: 'string',
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
} as const;
const ONS_CODE = { type: 'string', pattern: ONS_AREA_RE.source } as const;
// UK postcode, upper case, with or without the space.
const POSTCODE = {
  type: 'string',
  pattern: '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$',
} as const;

function objectSchema(properties: Record<string, unknown>): ClaimSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

const ADDRESS = objectSchema({
  street_address: { type: 'string', minLength: 1, maxLength: 200 },
  locality: { type: 'string', minLength: 1, maxLength: 100 },
  postal_code: POSTCODE,
});

// ---- the three types ----

const TYPE_LIST: readonly CredentialType[] = [
  {
    id: 'gwent-resident',
    vct: VCT.gwentResident,
    validityDays: 365,
    metadata: {
      vct: VCT.gwentResident,
      name: 'Gwent resident',
      description: 'Proof of living in a Gwent council area',
      display: [
        {
          lang: 'en',
          name: 'Gwent resident',
          description: 'Proof that you live in one of the Gwent council areas',
        },
        {
          lang: 'cy',
          name: 'Preswylydd Gwent',
          description: 'Prawf eich bod yn byw yn ardal un o gynghorau Gwent',
        },
      ],
      claims: [
        claim('given_name'),
        claim('family_name'),
        claim('birthdate'),
        claim('address'),
        claim('address', 'street_address'),
        claim('address', 'locality'),
        claim('address', 'postal_code'),
        claim('local_authority'),
        claim('age_over_16'),
        claim('age_over_18'),
      ],
    },
    claimSchema: objectSchema({
      given_name: NAME,
      family_name: NAME,
      birthdate: DATE,
      address: ADDRESS,
      local_authority: ONS_CODE,
      age_over_16: { type: 'boolean' },
      age_over_18: { type: 'boolean' },
    }),
  },
  {
    id: 'blue-badge',
    vct: VCT.blueBadge,
    validityDays: 3 * 365,
    metadata: {
      vct: VCT.blueBadge,
      name: 'Blue Badge',
      description: 'Disabled person’s parking permit',
      display: [
        {
          lang: 'en',
          name: 'Blue Badge',
          description: 'Parking permit for disabled people, issued by your council',
        },
        {
          lang: 'cy',
          name: 'Bathodyn Glas',
          description: 'Trwydded barcio i bobl anabl, gan eich cyngor',
        },
      ],
      claims: [
        claim('given_name'),
        claim('family_name'),
        claim('badge_number'),
        claim('local_authority'),
      ],
    },
    claimSchema: objectSchema({
      given_name: NAME,
      family_name: NAME,
      badge_number: { type: 'string', pattern: '^[A-Z0-9]{6,20}$' },
      local_authority: ONS_CODE,
    }),
  },
  {
    id: 'patient',
    vct: VCT.patient,
    validityDays: 365,
    metadata: {
      vct: VCT.patient,
      name: 'Health board patient',
      description: 'Registered patient of Aneurin Bevan University Health Board',
      display: [
        {
          lang: 'en',
          name: 'Health Board patient',
          description: 'Registered patient of Aneurin Bevan University Health Board',
        },
        {
          lang: 'cy',
          name: 'Claf Bwrdd Iechyd',
          description: 'Claf cofrestredig Bwrdd Iechyd Prifysgol Aneurin Bevan',
        },
      ],
      claims: [
        claim('given_name'),
        claim('family_name'),
        claim('birthdate'),
        claim('nhs_number'),
        claim('gp_practice'),
      ],
    },
    claimSchema: objectSchema({
      given_name: NAME,
      family_name: NAME,
      birthdate: DATE,
      nhs_number: { type: 'string', pattern: '^[0-9]{10}$' },
      // ODS code of the practice, e.g. W93001.
      gp_practice: { type: 'string', pattern: '^[A-Z][0-9A-Z]{5}$' },
    }),
  },
  {
    id: 'business-registration',
    vct: VCT.businessRegistration,
    validityDays: 365,
    fromRegister: true,
    metadata: {
      vct: VCT.businessRegistration,
      name: 'Business registration',
      description: 'An organisation on the Gwent business register',
      display: [
        {
          lang: 'en',
          name: 'Business registration',
          description: 'Proof that an organisation is on the business register, from its registrar',
        },
        {
          lang: 'cy',
          name: 'Cofrestriad busnes',
          description: 'Prawf bod sefydliad ar y gofrestr busnesau, gan ei gofrestrydd',
        },
      ],
      claims: [
        claim('number'),
        claim('name_en'),
        claim('name_cy'),
        claim('kind'),
        claim('office_area'),
        claim('registered'),
      ],
    },
    // All public register facts (no director, no applicant); the Welsh name is optional.
    claimSchema: {
      type: 'object',
      properties: {
        number: { type: 'string', pattern: '^GW[0-9]{6}$' },
        name_en: { type: 'string', minLength: 1, maxLength: 160 },
        name_cy: { type: 'string', minLength: 1, maxLength: 160 },
        kind: { type: 'string', pattern: '^[a-z][a-z-]{1,40}$' },
        office_area: ONS_CODE,
        registered: DATE,
      },
      required: ['number', 'name_en', 'kind', 'office_area', 'registered'],
      additionalProperties: false,
    },
  },
];

/** The credential types, keyed by vct. */
export const CREDENTIAL_TYPES: Readonly<Record<string, CredentialType>> = Object.freeze(
  Object.fromEntries(TYPE_LIST.map((t) => [t.vct, t])),
);

/** The credential type with this configuration id (e.g. 'gwent-resident'). */
export function credentialTypeById(id: string): CredentialType | undefined {
  return TYPE_LIST.find((t) => t.id === id);
}

export type ClaimsErrorCode = 'CREDENTIAL_TYPE_UNKNOWN' | 'CREDENTIAL_CLAIMS_INVALID';

/** Checks claims against the type's schema; the claims are returned unchanged when valid. */
export function validateClaims(
  vct: string,
  claims: unknown,
): Result<Record<string, unknown>, ClaimsErrorCode> {
  // Compiled ahead of time (scripts/gen-claim-validators.ts): the issuer validates every
  // credential it issues, and the wallet every one it receives, without ajv's compiler.
  const validate = Object.hasOwn(CLAIM_VALIDATORS, vct) ? CLAIM_VALIDATORS[vct] : undefined;
  if (validate === undefined) return fail('CREDENTIAL_TYPE_UNKNOWN', vct);
  if (!validate(claims)) {
    const e = validate.errors?.[0];
    return fail(
      'CREDENTIAL_CLAIMS_INVALID',
      e ? `${e.instancePath || '/'} ${e.message ?? 'invalid'}` : 'invalid',
    );
  }
  return { ok: true, value: claims as Record<string, unknown> };
}

// ---- vocabularies for consents ----

export interface Bilingual {
  readonly en: string;
  readonly cy: string;
}

/** Categories of personal data one body may ask another for. */
export const DATA_CATEGORIES: Readonly<Record<string, Bilingual>> = Object.freeze({
  housing: { en: 'Housing', cy: 'Tai' },
  'council-tax': { en: 'Council Tax', cy: 'Treth Gyngor' },
  'blue-badge': { en: 'Blue Badge', cy: 'Bathodyn Glas' },
  'contact-details': { en: 'Contact details', cy: 'Manylion cyswllt' },
  'health-summary': { en: 'Health summary', cy: 'Crynodeb iechyd' },
  'social-care': { en: 'Social care', cy: 'Gofal cymdeithasol' },
});

/** Why the data is wanted. */
export const PURPOSES: Readonly<Record<string, Bilingual>> = Object.freeze({
  'care-planning': { en: 'Planning your care', cy: 'Cynllunio eich gofal' },
  'parking-permit': { en: 'Parking permit', cy: 'Trwydded barcio' },
  'benefits-assessment': { en: 'Assessing benefits', cy: 'Asesu budd-daliadau' },
  'housing-application': { en: 'Housing application', cy: 'Cais am dŷ' },
  'council-tax-reduction': {
    en: 'Council Tax Reduction',
    cy: 'Gostyngiad Treth Gyngor',
  },
});

export interface LawfulBasis extends Bilingual {
  /** UK GDPR Article 6(1) point. */
  readonly article: string;
}

/** UK GDPR Article 6(1) lawful bases for processing. */
export const LAWFUL_BASES: Readonly<Record<string, LawfulBasis>> = Object.freeze({
  consent: { article: '6(1)(a)', en: 'Consent', cy: 'Cydsyniad' },
  contract: { article: '6(1)(b)', en: 'Contract', cy: 'Cytundeb' },
  'legal-obligation': {
    article: '6(1)(c)',
    en: 'Legal obligation',
    cy: 'Rhwymedigaeth gyfreithiol',
  },
  'vital-interests': { article: '6(1)(d)', en: 'Vital interests', cy: 'Buddiannau hanfodol' },
  'public-task': { article: '6(1)(e)', en: 'Public task', cy: 'Tasg gyhoeddus' },
  'legitimate-interests': {
    article: '6(1)(f)',
    en: 'Legitimate interests',
    cy: 'Buddiannau dilys',
  },
});
