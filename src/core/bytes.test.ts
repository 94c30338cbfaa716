// Node's Buffer is the independent implementation these helpers are checked against.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  equalBytes,
  fromBase64,
  fromBase64Url,
  fromHex,
  fromUtf8,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from './bytes.js';

const bytes = fc.uint8Array({ maxLength: 200 });
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Strings near base64: the alphabet, both URL-safe characters, padding and a few strangers.
const base64ish = fc.string({
  unit: fc.constantFrom(...(B64 + '-_=').split(''), ' ', '\n', '.', 'é', '\u0000'),
  maxLength: 24,
});
// Canonical encodings with one character changed: most near misses are non-canonical.
const nearMiss = (encode: (b: Uint8Array) => string) =>
  fc
    .tuple(
      fc.uint8Array({ minLength: 1, maxLength: 40 }),
      fc.nat(),
      fc.constantFrom(...(B64 + '-_=')),
    )
    .map(([b, at, c]) => {
      const text = encode(b);
      const i = at % text.length;
      return text.slice(0, i) + c + text.slice(i + 1);
    });

describe('hex', () => {
  it('property: matches Buffer and round-trips', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const hex = toHex(b);
        expect(hex).toBe(Buffer.from(b).toString('hex'));
        expect(fromHex(hex)).toEqual(b);
      }),
    );
  });

  it('property: parses exactly the lower-case, even-length hex strings, as Buffer does', () => {
    const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgx '.split('')) });
    fc.assert(
      fc.property(hexish, (s) => {
        const parsed = fromHex(s);
        if (!/^(?:[0-9a-f]{2})*$/.test(s)) return parsed === undefined;
        return parsed !== undefined && equalBytes(parsed, Buffer.from(s, 'hex'));
      }),
      { numRuns: 500 },
    );
  });

  it.each(['0', 'abc', 'AB', '0g', ' 00', '00 ', '0x00', '+1'])('refuses %j', (s) => {
    expect(fromHex(s)).toBeUndefined();
  });

  it('parses the empty string as no bytes', () => {
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });
});

describe('base64 (RFC 4648 §4, padded)', () => {
  it('property: matches Buffer and round-trips', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = toBase64(b);
        expect(text).toBe(Buffer.from(b).toString('base64'));
        expect(fromBase64(text)).toEqual(b);
      }),
    );
  });

  it('property: accepts exactly the canonical encodings (what Buffer re-encodes unchanged)', () => {
    fc.assert(
      fc.property(fc.oneof(base64ish, nearMiss(toBase64)), (s) => {
        const isCanonical = Buffer.from(s, 'base64').toString('base64') === s;
        const parsed = fromBase64(s);
        if (!isCanonical) return parsed === undefined;
        return parsed !== undefined && equalBytes(parsed, Buffer.from(s, 'base64'));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['unused bits set (1 byte)', 'QR=='],
    ['unused bits set (2 bytes)', 'QUJ='],
    ['missing padding', 'QQ'],
    ['short padding', 'QQ='],
    ['too much padding', 'Q==='],
    ['padding only', '===='],
    ['padding in the middle', 'QQ==QQ=='],
    ['URL-safe alphabet', '-_-_'],
    ['whitespace', 'QUJD\nREVG'],
    ['trailing newline', 'QUJD\n'],
    ['non-ASCII', 'QUJ\u00e9'],
  ])('refuses %s: %j', (_name, s) => {
    expect(fromBase64(s)).toBeUndefined();
  });

  it('parses canonical examples (RFC 4648 §10)', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(toBase64(utf8(plain))).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(utf8(plain));
    }
  });
});

describe('base64url (RFC 4648 §5, unpadded)', () => {
  it('property: matches Buffer and round-trips', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = toBase64Url(b);
        expect(text).toBe(Buffer.from(b).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(b);
      }),
    );
  });

  it('property: accepts exactly the canonical encodings', () => {
    fc.assert(
      fc.property(fc.oneof(base64ish, nearMiss(toBase64Url)), (s) => {
        const isCanonical = Buffer.from(s, 'base64url').toString('base64url') === s;
        const parsed = fromBase64Url(s);
        if (!isCanonical) return parsed === undefined;
        return parsed !== undefined && equalBytes(parsed, Buffer.from(s, 'base64url'));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['padding', 'QQ=='],
    ['standard alphabet', '+/+/'],
    ['unused bits set', 'QR'],
    ['a length of 4n+1', 'QUJDR'],
    ['whitespace', 'QUJD REVG'],
  ])('refuses %s: %j', (_name, s) => {
    expect(fromBase64Url(s)).toBeUndefined();
  });
});

describe('utf8', () => {
  it('property: encodes like Buffer, and decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8(s)).toEqual(new Uint8Array(Buffer.from(s, 'utf8')));
        expect(fromUtf8(utf8(s))).toBe(s);
      }),
    );
  });

  it('property: decodes exactly the valid UTF-8 (what Buffer round-trips unchanged)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const valid = Buffer.from(Buffer.from(b).toString('utf8'), 'utf8').equals(b);
        const decoded = fromUtf8(b);
        return valid ? decoded === Buffer.from(b).toString('utf8') : decoded === undefined;
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('refuses %s', (_name, b) => {
    expect(fromUtf8(Uint8Array.from(b))).toBeUndefined();
  });
});

describe('concatBytes and equalBytes', () => {
  it('property: concatBytes matches Buffer.concat', () => {
    fc.assert(
      fc.property(fc.array(bytes, { maxLength: 6 }), (parts) => {
        expect(concatBytes(...parts)).toEqual(new Uint8Array(Buffer.concat(parts)));
      }),
    );
  });

  it('property: equalBytes matches Buffer.equals', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.boolean(), (a, b, same) => {
        const other = same ? a.slice() : b;
        return equalBytes(a, other) === Buffer.from(a).equals(Buffer.from(other));
      }),
    );
  });
});
