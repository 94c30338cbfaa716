// The "done when", through the real CLI: start a node, notarise a file, take its
// receipt, stop the node, verify the receipt offline, audit the data dir, tamper, audit again.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/cadwyn.js');
const env = { ...process.env, LOG_LEVEL: 'warn', CADWYN_LANG: 'en', CADWYN_DEMO_REGISTERS: '0' };

function cadwyn(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cadwyn CLI, end to end', () => {
  let dir = '';
  let child: ChildProcess | undefined;
  let url = '';

  beforeAll(async () => {
    expect(existsSync(join(root, 'dist/cli/main.js')), 'run npm run build first').toBe(true);
    dir = makeTempDir('cadwyn-cli-');
    copyFileSync(join(root, 'README.md'), join(dir, 'README.md'));
    child = spawn(process.execPath, [bin, 'start', '--data', join(dir, 'data'), '--port', '0'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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

  it('notarise → receipt → stop → receipt verify → verify → tamper → verify fails', async () => {
    const n = cadwyn(
      ['notarise', 'README.md', '--node', url, '--data', 'data', '--area', 'W06000022'],
      dir,
    );
    expect(n.err).toBe('');
    expect(n.code).toBe(0);
    const id = n.out.trim().split('\n').pop() ?? '';
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const again = cadwyn(['notarise', 'README.md', '--node', url, '--data', 'data'], dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('NOTARY_ALREADY_NOTARISED');

    const check = cadwyn(['notary', 'check', 'README.md', '--node', url, '--json'], dir);
    expect(JSON.parse(check.out)).toMatchObject({
      notarised: true,
      txId: id,
      geo: { area: 'W06000022' },
    });
    writeFileSync(join(dir, 'other.txt'), 'never notarised');
    expect(cadwyn(['notary', 'check', 'other.txt', '--node', url], dir).code).toBe(3);

    const r = cadwyn(['receipt', id, '--out', 'r.json', '--node', url], dir);
    expect(r.code).toBe(0);

    // Stop the node gracefully; everything below is offline.
    const exited = new Promise<number | null>((res) => child?.once('exit', (c) => res(c)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);

    const ok = cadwyn(['receipt', 'verify', 'r.json', '--data', 'data'], dir);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('VALID');
    const cy = cadwyn(['--lang', 'cy', 'receipt', 'verify', 'r.json', '--data', 'data'], dir);
    expect(cy.out).toContain('DILYS');

    // A receipt checked against keys the user has not trusted is reported as such.
    const gen = cadwyn(['keys', 'export', '--data', 'data'], dir);
    const keys = JSON.parse(gen.out) as { validators: { publicKey: string }[] };
    const v0 = keys.validators[0];
    if (v0) v0.publicKey = 'A'.repeat(42) + 'E';
    writeFileSync(join(dir, 'stranger-keys.json'), JSON.stringify(keys));
    const untrusted = cadwyn(
      ['receipt', 'verify', 'r.json', '--keys', 'stranger-keys.json', '--json'],
      dir,
    );
    expect(untrusted.code).toBe(1);
    expect(JSON.parse(untrusted.out).code).toBe('RECEIPT_UNTRUSTED_SIGNERS');

    const audit = cadwyn(['verify', 'data', '--json'], dir);
    expect(audit.code).toBe(0);
    expect(JSON.parse(audit.out)).toMatchObject({ ok: true, txCount: 1 });

    const db = new Database(join(dir, 'data/cadwyn.db'));
    db.prepare('UPDATE txs SET entry = replace(entry, \'"W06000022"\', \'"W06000021"\')').run();
    db.close();
    const bad = cadwyn(['verify', 'data', '--json'], dir);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, height: 1 });
    expect(cadwyn(['verify', 'data'], dir).out).toContain('FAILED at block 1');
  });

  it('explains itself: --help, and clear errors', () => {
    const help = cadwyn(['--help'], dir);
    expect(help.code).toBe(0);
    for (const c of ['start', 'keygen', 'notarise', 'receipt', 'verify', 'keys', 'tx']) {
      expect(help.out).toContain(c);
    }
    const down = cadwyn(
      ['notarise', 'README.md', '--node', 'http://127.0.0.1:9', '--data', 'data'],
      dir,
    );
    expect(down.code).toBe(1);
    expect(down.err).toContain('Cannot reach the node');
    const missing = cadwyn(['receipt', 'verify', 'nope.json', '--data', 'data'], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cannot read');
  });
});
