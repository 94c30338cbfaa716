import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockHeader } from './block.js';
import { blockHash, parseBlockHeader, verifyBlockLink, ZERO_HASH_HEX } from './block.js';
import { canonicalJson } from './jcs.js';

const hex = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));
const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const headerArb: fc.Arbitrary<BlockHeader> = fc.record({
  v: fc.constant(1 as const),
  network: fc.string({ minLength: 1, maxLength: 20 }),
  height: count,
  prevHash: hex,
  timeMs: count,
  txCount: count,
  txRoot: hex,
  logSize: count,
  logRoot: hex,
  stateRoot: hex,
  proposer: fc.string({ minLength: 1, maxLength: 40 }),
});

const genesis: BlockHeader = {
  v: 1,
  network: 'n',
  height: 0,
  prevHash: ZERO_HASH_HEX,
  timeMs: 1000,
  txCount: 0,
  txRoot: 'a'.repeat(64),
  logSize: 0,
  logRoot: 'b'.repeat(64),
  stateRoot: 'c'.repeat(64),
  proposer: 'p',
};

describe('block headers', () => {
  it('parse(canonical(h)) round-trips and the hash is of those bytes (property)', () => {
    fc.assert(
      fc.property(headerArb, (h) => {
        const r = parseBlockHeader(canonicalJson(h));
        expect(r.ok).toBe(true);
        if (r.ok) expect(blockHash(r.value)).toBe(blockHash(h));
      }),
    );
  });

  it('never throws and refuses non-canonical or malformed text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseBlockHeader(s);
        if (r.ok) expect(canonicalJson(r.value)).toBe(s);
      }),
    );
    const text = canonicalJson(genesis);
    expect(parseBlockHeader(JSON.stringify(genesis, null, 1))).toMatchObject({
      ok: false,
      code: 'BLOCK_NOT_CANONICAL',
    });
    expect(parseBlockHeader(text.replace('"v":1', '"v":2'))).toMatchObject({ ok: false });
    expect(parseBlockHeader(text.replace('"height":0', '"height":-1'))).toMatchObject({
      ok: false,
      code: 'BLOCK_MALFORMED',
    });
    expect(parseBlockHeader(text.replace('}', ',"extra":1}'))).toMatchObject({ ok: false });
  });

  it('links a block to its predecessor', () => {
    const next: BlockHeader = {
      ...genesis,
      height: 1,
      prevHash: blockHash(genesis),
      timeMs: 2000,
      txCount: 3,
      logSize: 3,
    };
    const prevHash = blockHash(genesis);
    expect(verifyBlockLink(next, genesis, prevHash).ok).toBe(true);
    for (const bad of [
      { ...next, height: 2 },
      { ...next, network: 'other' },
      { ...next, prevHash: ZERO_HASH_HEX },
      { ...next, timeMs: 999 },
      { ...next, logSize: 2 },
    ]) {
      expect(verifyBlockLink(bad, genesis, prevHash)).toMatchObject({
        ok: false,
        code: 'BLOCK_LINK_INVALID',
      });
    }
  });
});
