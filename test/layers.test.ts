// The layers of DESIGN.md, enforced: core is isomorphic (bundles for the browser with no Node
// built-ins), ledger imports only core, consensus only core and ledger, and nothing imports
// upwards.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const LAYERS = ['core', 'ledger', 'consensus', 'identity', 'wallet', 'node', 'cli'] as const;
/** The layers that must run in a browser as well as in Node. */
const ISOMORPHIC = ['core', 'consensus', 'identity', 'wallet'] as const;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? '',
  );
}

describe('layers', () => {
  it.each(ISOMORPHIC)('%s bundles for the browser without any Node built-in', async (layer) => {
    const entries = sources(join(root, 'src', layer));
    const result = await build({
      entryPoints: entries,
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      outdir: join(root, `.tmp/${layer}-browser`),
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    for (const f of result.outputFiles) expect(f.text).not.toMatch(/from\s*["']node:/);
  });

  it('no layer imports a layer above it', () => {
    for (const [i, layer] of LAYERS.entries()) {
      const above = LAYERS.slice(i + 1);
      for (const file of sources(join(root, 'src', layer))) {
        for (const spec of importsOf(file)) {
          for (const up of above) {
            expect(spec.includes(`/${up}/`), `${relative(root, file)} imports ${spec}`).toBe(false);
          }
        }
      }
    }
  });

  it('core, ledger, identity and wallet import no Node built-ins', () => {
    for (const layer of ['core', 'ledger', 'consensus', 'identity', 'wallet']) {
      for (const file of sources(join(root, 'src', layer))) {
        for (const spec of importsOf(file)) {
          expect(
            /^node:|^(fs|path|os|crypto|child_process|net|http|worker_threads)$/.test(spec),
            `${relative(root, file)} imports ${spec}`,
          ).toBe(false);
        }
        const text = readFileSync(file, 'utf8');
        if (layer === 'ledger' || layer === 'consensus') {
          expect(text, relative(root, file)).not.toMatch(/Date\.now\(|Math\.random\(/);
        }
      }
    }
  });
});
