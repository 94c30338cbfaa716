import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../core/bytes.js';
import { b64uDecode, b64uEncode } from './b64.js';

describe('b64u', () => {
  it('encodes as core does and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const s = b64uEncode(bytes);
        expect(s).toBe(toBase64Url(bytes));
        expect(b64uDecode(s)).toEqual(bytes);
      }),
    );
  });

  it('accepts exactly the strings core accepts (canonical spelling only)', () => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= .é'.split(
      '',
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 24 }), (a) => {
        const s = a.join('');
        expect(b64uDecode(s)).toEqual(fromBase64Url(s));
      }),
      { numRuns: 2000 },
    );
    expect(b64uDecode('AB')).toBeUndefined(); // unused bits set
    expect(b64uDecode('AA')).toEqual(Uint8Array.of(0));
    expect(b64uDecode('A')).toBeUndefined();
  });
});
