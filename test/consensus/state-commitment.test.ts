// The state commitment (decision 0009 "Snapshots", src/ledger/state-commitment.ts): a Merkle root
// over the sorted state rows that any change of one row changes, whatever order the rows come
// in; carried as an eighth checkpoint line only at heights it is due, and nowhere else.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockHash } from '../../src/core/block.js';
import { toBase64 } from '../../src/core/bytes.js';
import { formatCheckpoint, parseCheckpoint } from '../../src/core/checkpoint.js';
import { emptyRoot } from '../../src/core/merkle.js';
import type { ChainTip } from '../../src/ledger/block-builder.js';
import { buildBlock, checkpointOf, LogFrontier } from '../../src/ledger/block-builder.js';
import { genesisBlock, parseGenesis } from '../../src/ledger/genesis.js';
import type { StateRow } from '../../src/ledger/state-commitment.js';
import {
  compareKeys,
  scanOf,
  stateCommitment,
  stateLeaf,
} from '../../src/ledger/state-commitment.js';
import { MemoryState } from '../../src/ledger/state.js';
import type { SimWorld } from '../../src/consensus/sim/world.js';
import { buildWorld, SIM_T0 } from '../../src/consensus/sim/world.js';
import { runSeed } from '../../src/consensus/sim/simulator.js';
import { nodeCryptoBackend, verifySync } from '../../src/node/crypto-node.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Distinct keys with JSON values as canonical text.
const rowsArb = fc
  .uniqueArray(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.jsonValue()), {
    selector: ([k]) => k,
    minLength: 1,
    maxLength: 40,
  })
  .map((rs) => rs.map(([k, v]) => [k, JSON.stringify(v) ?? 'null'] as StateRow));

describe('stateCommitment', () => {
  it('is the empty RFC 9162 root for an empty state', () => {
    expect(hex(stateCommitment([]))).toBe(hex(emptyRoot()));
  });

  it('does not depend on the order the rows come in', () => {
    fc.assert(
      fc.property(rowsArb, fc.infiniteStream(fc.nat()), (rows, rnd) => {
        const shuffled = [...rows];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (rnd.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as StateRow, shuffled[i] as StateRow];
        }
        expect(hex(stateCommitment(shuffled))).toBe(hex(stateCommitment(rows)));
      }),
    );
  });

  it('changes when one row changes, goes or comes', () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), fc.string({ minLength: 1 }), (rows, n, extra) => {
        const i = n % rows.length;
        const root = hex(stateCommitment(rows));
        const [k, v] = rows[i] as StateRow;
        const changed = rows.map((r, j) => (j === i ? ([k, `[${v}]`] as StateRow) : r));
        expect(hex(stateCommitment(changed))).not.toBe(root);
        const renamed = rows.map((r, j) => (j === i ? ([`${k}\u0000`, v] as StateRow) : r));
        if (!rows.some(([x]) => x === `${k}\u0000`)) {
          expect(hex(stateCommitment(renamed))).not.toBe(root);
        }
        expect(hex(stateCommitment(rows.filter((_, j) => j !== i)))).not.toBe(root);
        if (!rows.some(([x]) => x === extra)) {
          expect(hex(stateCommitment([...rows, [extra, '1']]))).not.toBe(root);
        }
      }),
    );
  });

  it('orders keys by code point, as SQLite orders UTF-8 text', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const byBytes = Buffer.compare(Buffer.from(enc.encode(a)), Buffer.from(enc.encode(b)));
        expect(Math.sign(compareKeys(a, b))).toBe(byBytes);
      }),
    );
  });

  it('refuses a key given twice (a caller bug)', () => {
    expect(() =>
      stateCommitment([
        ['a', '1'],
        ['a', '2'],
      ]),
    ).toThrow(TypeError);
  });

  it('hashes each row as the canonical JSON of [key, value]', () => {
    expect(hex(stateLeaf('k', '{"a":1}'))).toBe(hex(stateCommitment([['k', '{"a":1}']])));
  });
});

describe('checkpoint snapshot line', () => {
  const cp = {
    origin: 'cadwyn.test/ledger',
    logSize: 3,
    logRoot: new Uint8Array(32).fill(1),
    height: 64,
    blockHash: new Uint8Array(32).fill(2),
    stateRoot: new Uint8Array(32).fill(3),
    timeMs: 1_767_225_600_000,
  };

  it('is absent unless given, and round-trips when given', () => {
    expect(formatCheckpoint(cp).split('\n')).toHaveLength(8); // seven lines and the final ''
    const withRoot = { ...cp, snapshotRoot: new Uint8Array(32).fill(4) };
    const text = formatCheckpoint(withRoot);
    expect(text.endsWith(`\nsnapshot ${toBase64(withRoot.snapshotRoot)}\n`)).toBe(true);
    const back = parseCheckpoint(text);
    expect(back.ok && hex(back.value.snapshotRoot ?? new Uint8Array())).toBe(
      hex(withRoot.snapshotRoot),
    );
  });

  it.each([
    ['another eighth line', 'extra line'],
    ['a short root', `snapshot ${toBase64(new Uint8Array(31))}`],
    ['a blank line', ''],
  ])('rejects %s', (_w, line) => {
    expect(parseCheckpoint(`${formatCheckpoint(cp)}${line}\n`)).toMatchObject({
      ok: false,
      code: 'CHECKPOINT_MALFORMED',
    });
  });
});

describe('buildBlock and the commitment', () => {
  let world: SimWorld;
  beforeAll(async () => {
    world = await buildWorld({ backend: nodeCryptoBackend, verify: verifySync });
  });

  function chain(every: number | undefined) {
    const genesis = {
      ...world.genesis,
      params: { ...world.genesis.params, ...(every ? { snapshotEvery: every } : {}) },
    };
    expect(parseGenesis(JSON.parse(JSON.stringify(genesis))).ok).toBe(true);
    const g = genesisBlock(genesis);
    const state = new MemoryState();
    state.apply(g.diff);
    let tip: ChainTip = { header: g.header, hash: blockHash(g.header), log: LogFrontier.empty() };
    const bodies: string[] = [];
    const roots: (Uint8Array | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const p = world.pool[0]?.[i];
      if (!p) throw new Error('fixture');
      const built = buildBlock(world.ledger, state, tip, [p], {
        network: genesis.network,
        timeMs: SIM_T0 + 1000 * (i + 1),
        proposer: 'v0.sim.example/node',
      });
      expect(built.refused).toEqual([]);
      state.apply(built.diff);
      tip = { header: built.header, hash: built.hash, log: built.log };
      roots.push(built.snapshotRoot);
      bodies.push(formatCheckpoint(checkpointOf(genesis.origin, built.header, built.hash)));
      if (built.snapshotRoot) {
        // The commitment is over the state after the block, as a scan of it gives.
        const scanned = stateCommitment(scanOf(state) ?? []);
        expect(hex(built.snapshotRoot)).toBe(hex(scanned));
      }
    }
    return { bodies, roots };
  }

  it('adds nothing when snapshotEvery is absent (older genesis files)', () => {
    const off = chain(undefined);
    expect(off.roots.every((r) => r === undefined)).toBe(true);
    expect(off.bodies.every((b) => b.split('\n').length === 8)).toBe(true);
  });

  it('commits at every second height with snapshotEvery 2, headers unchanged', () => {
    const off = chain(undefined);
    const on = chain(2);
    expect(on.roots.map((r) => r !== undefined)).toEqual([false, true, false, true]);
    // The parameter is state, so the state roots (and headers) differ from the run without it;
    // the checkpoint of a height without a commitment has the usual seven lines.
    expect(on.bodies[0]?.split('\n')).toHaveLength(8);
    expect(off.bodies[0]).not.toBe(on.bodies[0]);
  });

  it('four simulated validators cosign commitment-bearing checkpoints, crashes included', async () => {
    // Every second height carries a commitment; restarts replay and re-sign them.
    const w = {
      ...world,
      genesis: { ...world.genesis, params: { ...world.genesis.params, snapshotEvery: 2 } },
    };
    const clean = await runSeed(w, 1, { faults: false, byzantine: false });
    expect(clean.violations).toEqual([]);
    expect(clean.stats.finalHeight).toBeGreaterThan(3);
    for (const seed of [2, 3, 4, 5, 6]) {
      const r = await runSeed(w, seed);
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.ok).toBe(true);
    }
  }, 60_000);
});
