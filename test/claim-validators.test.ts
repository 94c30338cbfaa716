// The credential claim validators are generated ahead of time (scripts/gen-claim-validators.ts)
// so the wallet need not ship ajv's compiler. The generated file must be what the schemas give
// today, and it must decide exactly as ajv compiling the schemas at run time does.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_VALIDATORS_FILE, claimValidatorsSource } from '../scripts/gen-claim-validators.js';
import { CREDENTIAL_TYPES, validateClaims } from '../src/identity/types.js';

describe('generated claim validators', () => {
  it('are up to date with the claim schemas (else run npx tsx scripts/gen-claim-validators.ts)', () => {
    expect(readFileSync(CLAIM_VALIDATORS_FILE, 'utf8')).toBe(claimValidatorsSource());
  });

  it('decide as ajv does at run time, for every credential type', () => {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    const str = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom('', 'W00000022', 'NP20 1AB', 'NP201AB', '1990-02-30', '2001-12-31', '😀'),
    );
    for (const t of Object.values(CREDENTIAL_TYPES)) {
      const runtime = ajv.compile(t.claimSchema);
      const props = Object.keys((t.claimSchema as { properties: object }).properties);
      const value = fc.oneof(str, fc.boolean(), fc.integer(), fc.constant(null));
      const claims = fc.dictionary(fc.constantFrom(...props, 'extra'), value);
      fc.assert(
        fc.property(claims, (c) => {
          expect(validateClaims(t.vct, c).ok).toBe(runtime(c));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('refuses an unknown type and says which field is wrong', () => {
    expect(validateClaims('urn:nope', {})).toMatchObject({
      ok: false,
      code: 'CREDENTIAL_TYPE_UNKNOWN',
    });
    const bad = validateClaims('urn:cadwyn:vct:gwent-resident:1', { given_name: '' });
    expect(bad).toMatchObject({ ok: false, code: 'CREDENTIAL_CLAIMS_INVALID' });
  });
});
