// Issue 3's "done when": the demo story runs, through the real CLI, against a freshly started
// node (the same `cadwyn start` that `npm start` runs) — and afterwards no personal value the
// story used is anywhere in the node's files: not as text, not base64url-encoded.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../src/core/bytes.js';
import { makeTempDir, removeDir } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/cadwyn.js');
const env = { ...process.env, LOG_LEVEL: 'info', CADWYN_LANG: 'en', CADWYN_DEMO_REGISTERS: '0' };

/** Every personal value the story gives the council (see src/cli/demo-citizen.ts). */
const PERSONAL = ['Angharad', 'Prydderch', '1990-04-12', '12 Stryd y Bont', 'Maesglas', 'NP20 1AA'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** The value as it would look inside base64url at each of the three alignments. */
function encodedForms(v: string): string[] {
  return [0, 1, 2].map((pad) => {
    const enc = toBase64Url(utf8('\0'.repeat(pad) + v));
    return enc.slice(Math.ceil((pad * 4) / 3) + 1, -2);
  });
}

describe('cadwyn demo citizen', () => {
  let dir = '';
  let child: ChildProcess | undefined;
  let url = '';
  let logs = '';

  beforeAll(async () => {
    dir = makeTempDir('cadwyn-demo-');
    child = spawn(process.execPath, [bin, 'start', '--data', join(dir, 'data'), '--port', '0'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const t = setTimeout(() => reject(new Error(`node did not start: ${text}`)), 30_000);
      child?.stderr?.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(text);
        if (m?.[1]) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
    });
  });

  afterAll(() => {
    child?.kill('SIGKILL');
    if (dir) removeDir(dir);
  });

  it('runs the whole story, in English and in Welsh', () => {
    const run = (lang: string) =>
      spawnSync(
        process.execPath,
        [bin, 'demo', 'citizen', '--node', url, '--data', 'data', '--json', '--lang', lang],
        {
          cwd: dir,
          env,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    const en = run('en');
    expect(en.stderr).toBe('');
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('The story is complete.');
    const outcome = JSON.parse(en.stdout.slice(en.stdout.indexOf('\n{'))) as {
      disclosed: Record<string, unknown>;
      refusedCode: string;
      revokedCode: string;
      servedData: unknown;
      history: { access: { outcome: string }[] };
    };
    expect(outcome.disclosed).toEqual({ age_over_18: true, local_authority: 'W06000022' });
    expect(outcome.servedData).toBeDefined();
    expect(outcome.history.access.map((a) => a.outcome)).toEqual(['served']);
    expect(outcome.refusedCode).toBe('CONSENT_WITHDRAWN');
    expect(outcome.revokedCode).toBe('CREDENTIAL_REVOKED');
    const cy = run('cy');
    expect(cy.status).toBe(0);
    expect(cy.stdout).toContain('Mae’r stori’n gyflawn.');
  });

  it('leaves no personal value in any of the node’s files (or its logs)', async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    const files = filesUnder(join(dir, 'data'));
    expect(files.some((f) => f.endsWith('cadwyn.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('services.db'))).toBe(true);
    for (const f of files) {
      if (statSync(f).size === 0) continue;
      const text = readFileSync(f).toString('latin1');
      for (const v of PERSONAL) {
        expect(text.includes(Buffer.from(v, 'utf8').toString('latin1')), `${v} in ${f}`).toBe(
          false,
        );
        for (const form of encodedForms(v)) {
          expect(text.includes(form), `${v} (base64url) in ${f}`).toBe(false);
        }
      }
    }
    for (const v of PERSONAL) expect(logs.includes(v), `${v} in the node's log`).toBe(false);
  });
});
