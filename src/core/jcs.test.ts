import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from './bytes.js';
import {
  canonicalBytes,
  canonicalJson,
  CanonicalJsonError,
  NESTING_MAX,
  tryCanonicalJson,
} from './jcs.js';

const VECTORS = new URL('../../../shared/vectors/rfc8785-jcs/', import.meta.url);
const vectorNames = readdirSync(new URL('input/', VECTORS)).filter((f) => f.endsWith('.json'));

describe('RFC 8785 test data (shared/vectors/rfc8785-jcs)', () => {
  it('has the six published vectors', () => {
    expect(vectorNames.sort()).toEqual([
      'arrays.json',
      'french.json',
      'structures.json',
      'unicode.json',
      'values.json',
      'weird.json',
    ]);
  });

  it.each(vectorNames)('%s canonicalises to exactly the expected bytes', (name) => {
    const input: unknown = JSON.parse(readFileSync(new URL(`input/${name}`, VECTORS), 'utf8'));
    const expected = new Uint8Array(readFileSync(new URL(`output/${name}`, VECTORS)));
    expect(toHex(canonicalBytes(input))).toBe(toHex(expected));
  });
});

function float64(ieeeHex: string): number {
  const bytes = fromHex(ieeeHex);
  if (!bytes) throw new Error(`bad hex in test: ${ieeeHex}`);
  return new DataView(bytes.buffer).getFloat64(0);
}

describe('RFC 8785 Appendix B: number serialisation', () => {
  // IEEE 754 bit pattern → canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('%s → %s', (bits, text) => {
    expect(canonicalJson(float64(bits))).toBe(text);
  });

  it.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [-0, '0'],
    // The RFC's literal has more digits than a double holds; parse it as JSON would.
    [Number('333333333.33333329'), '333333333.3333333'],
    [4.5, '4.5'],
    [2e-3, '0.002'],
    [1e-27, '1e-27'],
    [100, '100'],
  ])('%d → %s', (n, text) => {
    expect(canonicalJson(n)).toBe(text);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('%s (%s) is refused', (bits) => {
    expect(() => canonicalJson(float64(bits))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [float64(bits)] })).toThrow(CanonicalJsonError);
  });
});

describe('strings and keys', () => {
  it('escapes only what JSON must, in lower-case hex', () => {
    expect(canonicalJson('\u0000\u001f\b\f\n\r\t"\\/\u007f\u2028€😀')).toBe(
      '"\\u0000\\u001f\\b\\f\\n\\r\\t\\"\\\\/\u007f\u2028€😀"',
    );
  });

  it('sorts keys by UTF-16 code units, not code points or locale', () => {
    // U+FB33 (one unit, 0xFB33) sorts after U+1F602 (surrogates 0xD83D 0xDE02).
    expect(canonicalJson({ '\ufb33': 1, '\u{1f602}': 2, '\u00e9': 3, z: 4, Z: 5, '': 6 })).toBe(
      '{"":6,"Z":5,"z":4,"\u00e9":3,"\u{1f602}":2,"\ufb33":1}',
    );
  });

  it('keeps a "__proto__" key that JSON.parse made an own property', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":2}}'))).toBe(
      '{"__proto__":{"x":2},"b":1}',
    );
  });

  it('accepts objects with a null prototype', () => {
    const o = Object.create(null) as Record<string, number>;
    o.b = 1;
    o.a = 2;
    expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
  });

  it('gives the canonical UTF-8 bytes', () => {
    expect(toHex(canonicalBytes({ '€': 'ö' }))).toBe(toHex(utf8('{"€":"ö"}')));
  });
});

describe('refuses what is not I-JSON', () => {
  const nest = (levels: number, inner: unknown): unknown => {
    let v = inner;
    for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { k: v };
    return v;
  };

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', 'a\udc00b'],
    ['reversed surrogates', '\ude00\ud83d'],
  ])('%s in a string or a key', (_name, s) => {
    expect(() => canonicalJson(s)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ [s]: 1 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson([s])).toThrow(CanonicalJsonError);
  });

  it.each([
    ['undefined', undefined],
    ['undefined member', { a: undefined }],
    ['undefined in an array', [undefined]],
    ['an array hole', [1, , 3]], // eslint-disable-line no-sparse-arrays -- a hole is the point
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 1n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a Uint8Array', new Uint8Array(1)],
    [
      'a class instance',
      new (class Receipt {
        readonly id = 1;
      })(),
    ],
    ['a boxed string', Object('s')],
  ])('%s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ nested: [value] })).toThrow(CanonicalJsonError);
    expect(tryCanonicalJson(value)).toBeUndefined();
  });

  it(`nesting deeper than ${NESTING_MAX}, empty or not`, () => {
    expect(canonicalJson(nest(NESTING_MAX, 1))).toMatch(/^\{"k":\[\{"k":/);
    expect(canonicalJson(nest(NESTING_MAX - 1, []))).toMatch(/^\[\{"k":\[/);
    expect(() => canonicalJson(nest(NESTING_MAX + 1, 1))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(nest(NESTING_MAX, []))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(nest(NESTING_MAX, {}))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(nest(100_000, 1))).toThrow(CanonicalJsonError);
  });

  it('a cycle', () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    expect(() => canonicalJson(o)).toThrow(CanonicalJsonError);
    expect(tryCanonicalJson(o)).toBeUndefined();
  });

  it('the error carries a code and a reason, not the value', () => {
    try {
      canonicalJson({ secret: 'hunter2', n: NaN });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CanonicalJsonError);
      expect((e as CanonicalJsonError).code).toBe('CANONICAL_JSON_INVALID');
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('tryCanonicalJson rethrows what is not a canonicalisation error', () => {
    const hostile = {
      get boom(): never {
        throw new RangeError('from a getter');
      },
    };
    expect(() => tryCanonicalJson(hostile)).toThrow(RangeError);
  });
});

// JSON values with every object key order shuffled, to compare against the original.
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    // Deterministic rotation and reversal keyed by the seed: enough to change insertion order.
    const k = entries.length === 0 ? 0 : seed % entries.length;
    const rotated = [...entries.slice(k), ...entries.slice(0, k)];
    if (seed % 2 === 1) rotated.reverse();
    const out: Record<string, unknown> = {};
    for (const [key, v] of rotated) {
      Object.defineProperty(out, key, {
        value: shuffleKeys(v, seed + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

describe('properties', () => {
  it('canonical(JSON.parse(canonical(x))) === canonical(x)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const c = canonicalJson(x);
        return canonicalJson(JSON.parse(c)) === c;
      }),
      { numRuns: 500 },
    );
  });

  it('the canonical form is valid JSON for the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        // fc.jsonValue() has -0, which JSON writes as 0.
        expect(JSON.parse(canonicalJson(x))).toEqual(JSON.parse(JSON.stringify(x)));
      }),
      { numRuns: 300 },
    );
  });

  it('key order does not matter', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (x, seed) => {
        return canonicalJson(shuffleKeys(x, seed)) === canonicalJson(x);
      }),
      { numRuns: 500 },
    );
  });

  it('canonical text has no insignificant whitespace', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const c = canonicalJson(x);
        // Outside strings, only structural characters and literals remain.
        const outsideStrings = c.replace(/"(?:[^"\\]|\\.)*"/g, '""');
        return !/\s/.test(outsideStrings);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but CanonicalJsonError for JSON-like input with holes', () => {
    const jsonish = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
    });
    fc.assert(
      fc.property(jsonish, (x) => {
        try {
          canonicalJson(x);
          return true;
        } catch (e) {
          return e instanceof CanonicalJsonError;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('running time grows linearly', () => {
  // Best per-call time over a few rounds. Sizes stay modest: past ~10^5 live nodes V8's young
  // generation overflows and GC cost steps up once, which is the runtime's, not a quadratic term.
  function perCall(f: () => void, reps: number): number {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      for (let i = 0; i < reps; i++) f();
      best = Math.min(best, (performance.now() - start) / reps);
    }
    return best;
  }

  // 10x the input: linear is ~10x the time; quadratic would be ~100x.
  function growth(small: unknown, large: unknown): number {
    canonicalJson(small); // warm up
    return perCall(() => canonicalJson(large), 2) / perCall(() => canonicalJson(small), 20);
  }

  it('on a long array', () => {
    const make = (n: number) =>
      Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i / 7 : i % 3 === 1 ? `s${i}` : null));
    expect(growth(make(2_000), make(20_000))).toBeLessThan(40);
  });

  it('on a wide, deep-ish object', () => {
    const make = (n: number): unknown => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        let v: unknown = { value: i, text: 'x'.repeat(i % 50) };
        for (let d = 0; d < 8; d++) v = { [`d${d}`]: v, i: d };
        o[`key-${(i * 7919) % n}-${i}`] = v;
      }
      return o;
    };
    expect(growth(make(100), make(1_000))).toBeLessThan(40);
  });

  it('on one long string with many escapes', () => {
    const unit = '"\\\u0001é😀';
    expect(growth(unit.repeat(10_000), unit.repeat(100_000))).toBeLessThan(40);
  });
});
