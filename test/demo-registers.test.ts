// Issue 6: `cadwyn demo registers` runs its three stories against a real node, in English and in
// Welsh, one after the other on the same ledger (the story must be repeatable), and every step it
// prints is a committed transaction with a receipt.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoError } from '../src/cli/demo-citizen.js';
import type { RegistersDemoOutcome } from '../src/cli/demo-registers.js';
import { runRegistersDemo } from '../src/cli/demo-registers.js';
import type { Lang } from '../src/cli/messages.js';
import { startTestNode, stopTestNode } from './helpers.js';
import type { TestNode } from './helpers.js';

describe('cadwyn demo registers', () => {
  let n: TestNode | undefined;
  beforeAll(async () => {
    n = await startTestNode();
    await n.identity.staffReady();
  });
  afterAll(() => stopTestNode(n));

  const run = async (lang: Lang, staffToken?: string) => {
    const node = n as TestNode;
    const lines: string[] = [];
    const outcome = await runRegistersDemo({
      nodeUrl: node.url,
      staffToken: staffToken ?? node.identity.ctx.staffToken,
      lang,
      print: (l) => lines.push(l),
    });
    return { outcome, text: lines.join('\n') };
  };

  const checkOutcome = async (o: RegistersDemoOutcome) => {
    const node = n as TestNode;
    // Business: found by the accent-free Welsh query, and its licence is on its entry.
    expect(o.business.query).not.toMatch(/ŷ/);
    expect(o.business.name.cy).toMatch(/Tŷ/);
    expect(o.business.found).toContain(o.business.number);
    const entry = await node.http.get(`/v1/businesses/${o.business.number}`);
    expect(entry.status).toBe(200);
    const e = entry.json as { licences: { kind: string; validNow: boolean }[] };
    expect(e.licences.map((l) => l.kind)).toContain('regulated-goods-cultivation');
    // Goods: the haulier holds the lot now, it is recalled, and the trace names both holders.
    expect(o.goods.recalled).toBe(true);
    expect(o.goods.traced).toHaveLength(2);
    expect(o.goods.traced).toContain(o.business.number);
    expect(o.goods.holder).toBe(o.goods.traced[1]);
    // Titles: registered, and the title's history ends with the registration.
    expect(o.title.stage).toBe('registered');
    const title = await node.http.get(`/v1/titles/${o.title.titleNumber}`);
    expect(title.status).toBe(200);
    // Every step: committed, with a receipt, in order of height.
    const types = o.steps.map((s) => s.step);
    for (const k of ['apply', 'approve', 'licence', 'operators', 'createLot', 'propose']) {
      expect(types).toContain(k);
    }
    for (const k of ['accept', 'result', 'recall', 'titleRegister', 'draft', 'titleApprove']) {
      expect(types).toContain(k);
    }
    expect(types.filter((s) => s === 'sign')).toHaveLength(4);
    for (const k of ['funds', 'complete', 'registered']) expect(types).toContain(k);
    for (const s of o.steps) {
      expect(s.receipt).toBe(true);
      expect(['committed', 'final']).toContain(s.status);
      expect(s.txId).toMatch(/^[0-9a-f]{64}$/);
    }
    const heights = o.steps.map((s) => s.height);
    expect([...heights].sort((a, b) => a - b)).toEqual(heights);
    expect(new Set(o.steps.map((s) => s.txId)).size).toBe(o.steps.length);
  };

  it('tells the story in English: each step a line with its tx id and receipt', async () => {
    const { outcome, text } = await run('en');
    await checkOutcome(outcome);
    for (const s of outcome.steps) expect(text).toContain(`tx ${s.txId}`);
    expect(text).toContain('The business register');
    expect(text).toContain('receipt ✓');
    expect(text).toContain('The story is complete.');
    expect(text).not.toMatch(/derbynneb/);
  }, 120_000);

  it('tells it again in Welsh, on the same ledger', async () => {
    const { outcome, text } = await run('cy');
    await checkOutcome(outcome);
    for (const s of outcome.steps) expect(text).toContain(`tx ${s.txId}`);
    expect(text).toContain('Y gofrestr fusnesau');
    expect(text).toContain('derbynneb ✓');
    expect(text).toContain('Mae’r stori’n gyflawn.');
    expect(text).not.toMatch(/receipt|The story/);
  }, 120_000);

  it('runs as `cadwyn demo registers --lang cy --json` (the CLI from source)', async () => {
    const node = n as TestNode;
    const root = new URL('..', import.meta.url).pathname;
    const args = ['--import', 'tsx', 'src/cli/main.ts', '--lang', 'cy', 'demo', 'registers'];
    const child = spawn(process.execPath, [...args, '--node', node.url, '--json'], {
      cwd: root,
      env: { ...process.env, CADWYN_STAFF_TOKEN: node.identity.ctx.staffToken },
      stdio: 'pipe',
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, err).toBe(0);
    expect(out).toContain('Y gofrestr teitlau');
    const json = JSON.parse(out.slice(out.indexOf('\n{') + 1)) as RegistersDemoOutcome;
    expect(json.title.stage).toBe('registered');
    expect(json.steps.length).toBeGreaterThan(20);
  }, 120_000);

  it('stops at the approval with the node’s code when the staff token is wrong', async () => {
    const err = await run('en', 'not-the-token').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DemoError);
    expect((err as DemoError).step).toBe('approve');
  }, 60_000);
});
