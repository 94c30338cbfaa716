// Runs the consortium simulator over many seeds: npx tsx scripts/simulate.ts --seeds 5000 [--from N]
// A failing seed is printed as seed=<n>; `--from <n> --seeds 1 --verbose` replays it exactly.
import { buildWorld } from '../src/consensus/sim/world.js';
import { runSeed } from '../src/consensus/sim/simulator.js';
import { nodeCryptoBackend, verifySync } from '../src/node/crypto-node.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
  return v;
}

const seeds = arg('seeds', 1000);
const from = arg('from', 1);
const verbose = process.argv.includes('--verbose');
const world = await buildWorld({ backend: nodeCryptoBackend, verify: verifySync });
const t0 = performance.now();
let failed = 0;
let progressMax = 0;
for (let seed = from; seed < from + seeds; seed++) {
  const r = await runSeed(world, seed);
  progressMax = Math.max(progressMax, r.stats.progressAfterHealMs ?? 0);
  if (verbose) console.log(JSON.stringify(r.stats));
  if (!r.ok) {
    failed++;
    for (const v of r.violations) console.log(v);
  }
}
const s = (performance.now() - t0) / 1000;
console.log(
  `${seeds} seeds from ${from}: ${failed} failed, ${s.toFixed(1)} s, ` +
    `${(seeds / s).toFixed(0)} seeds/s, slowest progress after heal ${progressMax} ms (sim)`,
);
process.exitCode = failed > 0 ? 1 : 0;
