// The demo consortium: the Gwent Public Services Board bodies of DESIGN.md. The DIDs use the
// reserved .example domain: they are a demonstration, not the bodies' real identities.
import type { Bilingual } from './modules/governance.js';

export interface DemoBody {
  readonly slug: string;
  readonly did: string;
  readonly name: Bilingual;
  readonly area?: string;
  readonly roles: readonly string[];
}

const body = (slug: string, en: string, cy: string, roles: string[], area?: string): DemoBody => ({
  slug,
  did: `did:web:${slug}.gwent.example`,
  name: { en, cy },
  roles,
  ...(area ? { area } : {}),
});

export const GWENT_BODIES: readonly DemoBody[] = [
  body(
    'blaenau-gwent',
    'Blaenau Gwent County Borough Council',
    'Cyngor Bwrdeistref Sirol Blaenau Gwent',
    ['council', 'issuer', 'registrar'],
    'W06000019',
  ),
  body(
    'caerphilly',
    'Caerphilly County Borough Council',
    'Cyngor Bwrdeistref Sirol Caerffili',
    ['council', 'issuer', 'registrar'],
    'W06000018',
  ),
  body(
    'monmouthshire',
    'Monmouthshire County Council',
    'Cyngor Sir Fynwy',
    ['council', 'issuer', 'registrar'],
    'W06000021',
  ),
  body(
    'newport',
    'Newport City Council',
    'Cyngor Dinas Casnewydd',
    ['council', 'issuer', 'registrar'],
    'W06000022',
  ),
  body(
    'torfaen',
    'Torfaen County Borough Council',
    'Cyngor Bwrdeistref Sirol Torfaen',
    ['council', 'issuer', 'registrar'],
    'W06000020',
  ),
  body(
    'aneurin-bevan',
    'Aneurin Bevan University Health Board',
    'Bwrdd Iechyd Prifysgol Aneurin Bevan',
    ['health', 'issuer'],
  ),
  body('gwent-police', 'Gwent Police', 'Heddlu Gwent', ['police']),
  body(
    'south-wales-fire',
    'South Wales Fire and Rescue Service',
    'Gwasanaeth Tân ac Achub De Cymru',
    ['fire', 'issuer'],
  ),
  body('nrw', 'Natural Resources Wales', 'Cyfoeth Naturiol Cymru', ['regulator', 'issuer']),
];

export const DEMO_NETWORK = 'gwent-demo';
export const DEMO_ORIGIN = 'gwent.cadwyn.example/ledger';

/** The credential types of decision 0006. */
export const DEMO_VCT = {
  gwentResident: 'urn:cadwyn:vct:gwent-resident:1',
  blueBadge: 'urn:cadwyn:vct:blue-badge:1',
  patient: 'urn:cadwyn:vct:patient:1',
  businessRegistration: 'urn:cadwyn:vct:business-registration:1',
} as const;

/** Who issues what in the demo genesis: each council its residents' cards, the UHB patients'. */
export const DEMO_ISSUERS: readonly { readonly issuer: string; readonly vct: string }[] = [
  ...GWENT_BODIES.filter((b) => b.roles.includes('council')).flatMap((b) => [
    { issuer: b.did, vct: DEMO_VCT.gwentResident },
    { issuer: b.did, vct: DEMO_VCT.blueBadge },
  ]),
  { issuer: 'did:web:aneurin-bevan.gwent.example', vct: DEMO_VCT.patient },
  // Each registrar issues the registration credential of the organisations it registers (0010).
  ...GWENT_BODIES.filter((b) => b.roles.includes('registrar')).map((b) => ({
    issuer: b.did,
    vct: DEMO_VCT.businessRegistration,
  })),
];
