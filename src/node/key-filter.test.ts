import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyFilter } from './key-filter.js';

describe('KeyFilter', () => {
  it('never forgets a key it was given (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 500 }), (keys) => {
        const f = new KeyFilter(1000);
        for (const k of keys) f.add(k);
        for (const k of keys) expect(f.mightHave(k)).toBe(true);
      }),
    );
  });

  it('answers "absent" for most keys it was not given', () => {
    const f = new KeyFilter(20_000);
    for (let i = 0; i < 20_000; i++) f.add(`notary/${i.toString(16).padStart(64, '0')}`);
    let maybe = 0;
    for (let i = 0; i < 20_000; i++) {
      if (f.mightHave(`notary/${(i + 1e9).toString(16).padStart(64, '0')}`)) maybe++;
    }
    expect(maybe / 20_000).toBeLessThan(0.03);
    expect(f.full).toBe(false);
    f.add('one more');
    expect(f.full).toBe(true);
  });
});
