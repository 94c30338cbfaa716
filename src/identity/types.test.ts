import { TypeMetadataFormatSchema } from '@sd-jwt/sd-jwt-vc';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_TYPES,
  credentialTypeById,
  DATA_CATEGORIES,
  LAWFUL_BASES,
  PURPOSES,
  VCT,
  validateClaims,
} from './types.js';

const RESIDENT = {
  given_name: 'Rhys',
  family_name: 'Morgan',
  birthdate: '2001-07-15',
  address: { street_address: '5 Bridge Street', locality: 'Pont-y-pŵl', postal_code: 'NP4 6JN' },
  local_authority: 'W06000020',
  age_over_16: true,
  age_over_18: true,
};

describe('credential types', () => {
  it('are the three of decision 0006, keyed by vct, with short ids', () => {
    expect(Object.keys(CREDENTIAL_TYPES).sort()).toEqual(Object.values(VCT).sort());
    expect(
      Object.values(CREDENTIAL_TYPES)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['blue-badge', 'business-registration', 'gwent-resident', 'patient']);
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      expect(credentialTypeById(t.id)).toBe(t);
      expect(t.metadata.vct).toBe(t.vct);
      expect(t.validityDays).toBeGreaterThan(0);
    }
    expect(credentialTypeById('nope')).toBeUndefined();
  });

  it('metadata is valid SD-JWT VC type metadata (as @sd-jwt/sd-jwt-vc parses it)', () => {
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      expect(() => TypeMetadataFormatSchema.parse(t.metadata)).not.toThrow();
    }
  });

  it('displays every type and claim in English and Welsh, every claim always disclosable', () => {
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      expect(t.metadata.display.map((d) => d.lang)).toEqual(['en', 'cy']);
      const [en, cy] = t.metadata.display;
      expect(cy.name).not.toBe(en.name);
      for (const c of t.metadata.claims) {
        expect(c.sd).toBe('always');
        expect(c.display.map((d) => d.lang)).toEqual(['en', 'cy']);
        expect(c.display[1].label).not.toBe(c.display[0].label);
      }
    }
    const cy = (vct: string, path: string) =>
      CREDENTIAL_TYPES[vct].metadata.claims
        .find((c) => c.path.join('.') === path)
        ?.display.find((d) => d.lang === 'cy')?.label;
    expect(cy(VCT.gwentResident, 'given_name')).toBe('Enw cyntaf');
    expect(cy(VCT.gwentResident, 'family_name')).toBe('Cyfenw');
    expect(cy(VCT.gwentResident, 'birthdate')).toBe('Dyddiad geni');
    expect(cy(VCT.gwentResident, 'address')).toBe('Cyfeiriad');
    expect(cy(VCT.gwentResident, 'local_authority')).toBe('Awdurdod lleol');
    expect(cy(VCT.gwentResident, 'age_over_18')).toBe('Dros 18 oed');
    expect(CREDENTIAL_TYPES[VCT.blueBadge].metadata.display[1].name).toBe('Bathodyn Glas');
    expect(CREDENTIAL_TYPES[VCT.patient].metadata.display[1].name).toBe('Claf Bwrdd Iechyd');
  });

  it('metadata claims cover exactly the schema (address and its members)', () => {
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      const fromSchema: string[] = [];
      for (const [k, v] of Object.entries(t.claimSchema.properties)) {
        fromSchema.push(k);
        const inner = (v as { properties?: Record<string, unknown> }).properties;
        for (const m of Object.keys(inner ?? {})) fromSchema.push(`${k}.${m}`);
      }
      expect(t.metadata.claims.map((c) => c.path.join('.')).sort()).toEqual(fromSchema.sort());
    }
  });
});

describe('validateClaims', () => {
  it('accepts valid claims of each type', () => {
    expect(validateClaims(VCT.gwentResident, RESIDENT)).toEqual({ ok: true, value: RESIDENT });
    const badge = {
      given_name: 'R',
      family_name: 'M',
      badge_number: 'TF2025B00042',
      local_authority: 'W06000020',
    };
    expect(validateClaims(VCT.blueBadge, badge).ok).toBe(true);
    const patient = {
      given_name: 'R',
      family_name: 'M',
      birthdate: '2001-07-15',
      nhs_number: '9434765919',
      gp_practice: 'W93001',
    };
    expect(validateClaims(VCT.patient, patient).ok).toBe(true);
  });

  it('refuses missing, extra and malformed claims with CREDENTIAL_CLAIMS_INVALID', () => {
    const { birthdate: _b, ...missing } = RESIDENT;
    const bad = [
      missing,
      { ...RESIDENT, ni_number: 'QQ123456C' },
      { ...RESIDENT, birthdate: '15/07/2001' },
      { ...RESIDENT, local_authority: 'Torfaen' },
      { ...RESIDENT, age_over_18: 'yes' },
      { ...RESIDENT, address: { ...RESIDENT.address, postal_code: 'nowhere' } },
      { ...RESIDENT, address: { street_address: '5 Bridge Street' } },
      'not an object',
      null,
    ];
    for (const claims of bad) {
      const r = validateClaims(VCT.gwentResident, claims);
      expect(r.ok ? 'ok' : r.code).toBe('CREDENTIAL_CLAIMS_INVALID');
      expect(r.ok ? '' : r.detail).toBeTruthy();
    }
  });

  it('refuses an unknown type', () => {
    const r = validateClaims('urn:cadwyn:vct:library-card:1', {});
    expect(r.ok ? 'ok' : r.code).toBe('CREDENTIAL_TYPE_UNKNOWN');
    expect(validateClaims('toString', {}).ok).toBe(false);
  });
});

describe('consent vocabularies', () => {
  it('have English and Welsh labels', () => {
    for (const vocab of [DATA_CATEGORIES, PURPOSES, LAWFUL_BASES]) {
      for (const [code, label] of Object.entries(vocab)) {
        expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(label.en.length).toBeGreaterThan(2);
        expect(label.cy.length).toBeGreaterThan(2);
      }
    }
    for (const c of ['housing', 'council-tax', 'blue-badge', 'contact-details', 'health-summary']) {
      expect(DATA_CATEGORIES).toHaveProperty(c);
    }
    for (const p of ['care-planning', 'parking-permit', 'benefits-assessment']) {
      expect(PURPOSES).toHaveProperty(p);
    }
  });

  it('lawful bases are the six of UK GDPR Article 6(1)', () => {
    expect(Object.keys(LAWFUL_BASES)).toEqual([
      'consent',
      'contract',
      'legal-obligation',
      'vital-interests',
      'public-task',
      'legitimate-interests',
    ]);
    expect(Object.values(LAWFUL_BASES).map((b) => b.article)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `6(1)(${x})`),
    );
    expect(LAWFUL_BASES['public-task'].cy).toBe('Tasg gyhoeddus');
  });
});
