// The seeded consortium simulator (src/consensus/sim): 1,000 small runs, each with 4 validators,
// 11–31 txs, random network faults, partitions, crashes with corrupted disks, and sometimes one
// Byzantine validator. A failure names its seed; `npx tsx scripts/simulate.ts --from <seed>
// --seeds 1 --verbose` replays it exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimWorld } from '../../src/consensus/sim/world.js';
import { buildWorld } from '../../src/consensus/sim/world.js';
import { runSeed } from '../../src/consensus/sim/simulator.js';
import { nodeCryptoBackend, verifySync } from '../../src/node/crypto-node.js';

let world: SimWorld;
beforeAll(async () => {
  world = await buildWorld({ backend: nodeCryptoBackend, verify: verifySync });
});

const SEEDS = 1000;
const CHUNK = 250;

describe('consortium simulator', () => {
  it('replays a seed exactly', async () => {
    const a = await runSeed(world, 4242);
    const b = await runSeed(world, 4242);
    expect(b).toEqual(a);
    expect(a.ok).toBe(true);
  });

  it('without faults or Byzantine validators, every tx is final quickly', async () => {
    const r = await runSeed(world, 1, { faults: false, byzantine: false });
    expect(r.violations).toEqual([]);
    expect(r.stats.finalHeight).toBeGreaterThan(3);
  });

  it('with a lying orderer (blocks overwritten, no fencing) it halts but never forks', async () => {
    let halted = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = await runSeed(world, seed, { lyingOrderer: true });
      expect(r.safe, `seed=${seed}`).toBe(true);
      if (r.violations.some((v) => v.includes('ORDERER_BLOCK_CHANGED'))) halted++;
    }
    expect(halted).toBeGreaterThan(0);
  }, 30_000);

  for (let from = 1; from <= SEEDS; from += CHUNK) {
    it(`seeds ${from}–${from + CHUNK - 1}: safety, acknowledged txs final, progress after heal`, async () => {
      const failures: string[] = [];
      const seen = { byzantine: new Set<string>(), corruptions: 0, crashes: 0, evidence: 0 };
      for (let seed = from; seed < from + CHUNK; seed++) {
        const r = await runSeed(world, seed);
        if (!r.ok) failures.push(...r.violations);
        seen.byzantine.add(r.stats.byzantine);
        seen.corruptions += r.stats.corruptions;
        seen.crashes += r.stats.crashes;
        seen.evidence += r.stats.evidence;
        expect(r.stats.progressAfterHealMs ?? Infinity).toBeLessThanOrEqual(5000);
      }
      if (failures.length > 0) console.log(failures.join('\n'));
      expect(failures).toEqual([]);
      // The chunk did exercise the faults it claims to.
      expect([...seen.byzantine].sort()).toEqual(['equivocate', 'none', 'wrongRoot']);
      expect(seen.corruptions).toBeGreaterThan(0);
      expect(seen.crashes).toBeGreaterThan(0);
      expect(seen.evidence).toBeGreaterThan(0);
    }, 60_000);
  }
});
