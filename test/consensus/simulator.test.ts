// The seeded consortium simulator (src/consensus/sim): 1,000 small runs, each with 4 validators,
// 11–31 txs, random network faults, partitions, crashes with corrupted disks, and sometimes one
// Byzantine validator; three runs in four also add a fifth validator, remove one or rotate a
// key mid-run (a governance tx signed by 3 of the 4 members). A failure names its seed; `npx tsx scripts/simulate.ts --from <seed>
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

  it('membership changes can be left out of a run', async () => {
    const r = await runSeed(world, 7, { membership: false });
    expect(r.stats.membership).toBe('none');
    expect(r.ok).toBe(true);
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
      const inForce = { add: 0, remove: 0, rotate: 0, none: 0 };
      let addedCosigned = 0;
      for (let seed = from; seed < from + CHUNK; seed++) {
        const r = await runSeed(world, seed);
        if (!r.ok) failures.push(...r.violations);
        seen.byzantine.add(r.stats.byzantine);
        seen.corruptions += r.stats.corruptions;
        seen.crashes += r.stats.crashes;
        seen.evidence += r.stats.evidence;
        if (r.stats.membershipInForce) inForce[r.stats.membership]++;
        if (r.stats.addedCosigned > 0) addedCosigned++;
        expect(r.stats.progressAfterHealMs ?? Infinity).toBeLessThanOrEqual(5000);
      }
      if (failures.length > 0) console.log(failures.join('\n'));
      expect(failures).toEqual([]);
      // The chunk did exercise the faults it claims to.
      expect([...seen.byzantine].sort()).toEqual(['equivocate', 'none', 'wrongRoot']);
      expect(seen.corruptions).toBeGreaterThan(0);
      expect(seen.crashes).toBeGreaterThan(0);
      expect(seen.evidence).toBeGreaterThan(0);
      // Membership changes took effect at their height in many runs, through the faults.
      expect(inForce.add).toBeGreaterThan(CHUNK / 8);
      expect(inForce.remove).toBeGreaterThan(CHUNK / 8);
      expect(inForce.rotate).toBeGreaterThan(CHUNK / 8);
      expect(addedCosigned).toBeGreaterThan(CHUNK / 8);
    }, 240_000);
  }
});
