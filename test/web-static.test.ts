// The web faces as the node serves them (decision 0007): every page, without shadowing the API;
// every string in both languages; no GOV.UK branding in the build; and the Explorer's own
// verification functions, run from Node on what a real node hands out.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWeb } from '../src/node/web.js';
import { chooseLang, DICTIONARIES, PROPER_NAMES } from '../web/shared/i18n.js';
import { portal } from '../web/portal/strings.js';
import { wallet } from '../web/wallet/strings.js';
import { businesses } from '../web/explorer/businesses/strings.js';
import { goods } from '../web/explorer/goods/strings.js';
import { titles } from '../web/explorer/titles/strings.js';
import type { Dictionary } from '../web/shared/i18n.js';
import {
  checkCheckpoint,
  checkConsistency,
  checkReceipt,
  describeReceiptError,
  documentDigest,
  readKeys,
  readNotaryRecord,
} from '../web/explorer/verify.js';
import type { TestNode } from './helpers.js';
import {
  newDidKeySender,
  notaryTx,
  startTestNode,
  stopTestNode,
  submitAndWait,
} from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const webRoot = join(root, 'dist/web');
const PAGES = [
  '/',
  '/explorer/',
  '/explorer/businesses/',
  '/explorer/goods/',
  '/explorer/titles/',
  '/wallet/',
  '/business/',
  '/portal/',
  '/accessibility/',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

// `npm test` builds first; running this file alone builds what is missing.
beforeAll(async () => {
  if (existsSync(join(webRoot, 'explorer/index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent' });
}, 120_000);

describe('the node serves the web faces', () => {
  let node: TestNode | undefined;
  const n = (): TestNode => {
    if (!node) throw new Error('node not started');
    return node;
  };
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(() => stopTestNode(node));

  it.each(PAGES)('%s is an HTML page, revalidated on every load', async (path) => {
    const r = await n().http.get(path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // The public URL's origin too: wallets follow it in credential offers.
    expect(csp).toContain(`connect-src 'self' ${new URL(n().url).origin}`);
    expect(r.text).toContain('<html lang="en"');
    expect(r.text).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
  });

  it('a folder without its slash redirects to it, query kept', async () => {
    const res = await fetch(`${n().url}/explorer?lang=cy`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/explorer/?lang=cy');
  });

  it('hashed assets are cached for a year, with the right type', async () => {
    const html = (await n().http.get('/explorer/')).text;
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    for (const [path, type] of [
      [js, /javascript/],
      [css, /^text\/css/],
    ] as const) {
      expect(path).toBeDefined();
      const r = await n().http.get(path ?? '');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(type);
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('does not shadow the API: unknown paths are still problem+json 404s', async () => {
    for (const path of ['/v1/does-not-exist', '/v1/', '/nope', '/explorer/nope.js']) {
      const r = await n().http.get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      expect(r.json.code, path).toBe('NOT_FOUND');
    }
    expect((await n().http.get('/v1/consortium')).status).toBe(200);
    expect((await n().http.get('/healthz')).status).toBe(200);
  });

  it('a node without a built site starts anyway, and says why', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ logger: { level: 'warn', stream } });
    expect(await registerWeb(app, { root: join(root, '.tmp/no-such-site') })).toBe(false);
    await app.ready();
    expect((await app.inject('/')).statusCode).toBe(404);
    await app.close();
    expect(lines.join('')).toMatch(/web faces not built/);

    const bare = await startTestNode({ webRoot: false });
    try {
      expect((await bare.http.get('/')).status).toBe(404);
      expect((await bare.http.get('/v1/consortium')).status).toBe(200);
    } finally {
      await stopTestNode(bare);
    }
  });
});

describe('every string in English and Welsh', () => {
  // The shared dictionaries, and the ones the Wallet and the Portal register themselves.
  const all = { ...DICTIONARIES, wallet, portal, businesses, goods, titles };
  const entries = Object.entries(all).flatMap(([d, dict]) =>
    Object.entries(dict as Dictionary).map(([key, text]) => ({ d, key, text })),
  );

  it('each key has both languages, not empty, and different except for names', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const { key, text } of entries) {
      expect(text.en.trim(), key).not.toBe('');
      expect(text.cy.trim(), key).not.toBe('');
      if (PROPER_NAMES.has(key)) expect(text.cy, key).toBe(text.en);
      else expect(text.cy, `${key} is the same in Welsh`).not.toBe(text.en);
    }
  });

  it('keys are unique across dictionaries, and names are real keys', () => {
    const keys = entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const name of PROPER_NAMES) expect(keys).toContain(name);
  });

  it('both languages take the same arguments and the same links', () => {
    const args = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort();
    const links = (s: string) => [...s.matchAll(/\]\(([^)]+)\)/g)].length;
    for (const { key, text } of entries) {
      expect(args(text.cy), key).toEqual(args(text.en));
      expect(links(text.cy), key).toBe(links(text.en));
    }
  });

  it('the language comes from ?lang=, then storage, then the browser, then English', () => {
    expect(chooseLang('cy', 'en', 'en-GB')).toBe('cy');
    expect(chooseLang('xx', 'cy', 'en-GB')).toBe('cy');
    expect(chooseLang(null, null, 'cy-GB')).toBe('cy');
    expect(chooseLang(null, null, 'cy')).toBe('cy');
    expect(chooseLang(null, null, 'cyr')).toBe('en');
    expect(chooseLang(null, 'de', 'fr-FR')).toBe('en');
    expect(chooseLang(undefined, undefined, undefined)).toBe('en');
  });
});

describe('the built site', () => {
  it('has no GOV.UK name, crown, crest or typeface, and fetches nothing from elsewhere', () => {
    const built = files(webRoot);
    expect(built.some((f) => f.endsWith('.css'))).toBe(true);
    for (const f of built) {
      expect(f, 'a GOV.UK image').not.toMatch(/crown|crest|govuk-logo|govuk-icon|opengraph/i);
      if (!/\.(html|css|js|svg|json|webmanifest|txt)$/.test(f)) continue;
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/gov\.uk/i);
      expect(text, f).not.toMatch(/crown|govuk-crest|govuk-logotype|GDS Transport/i);
      if (f.endsWith('.css')) {
        // No font or image from anywhere: not GOV.UK's assets, not another site.
        expect(text, f).not.toMatch(/url\((?!["']?data:)/);
        expect(text, f).not.toMatch(/@import/);
      }
    }
  });
});

describe('the Explorer’s checks, on what a real node hands out', () => {
  let n: TestNode | undefined;
  afterAll(() => stopTestNode(n));

  it('verifies a receipt, and refuses it altered', async () => {
    n = await startTestNode();
    const sender = newDidKeySender();
    const document = new TextEncoder().encode('Minutes of the Gwent PSB, 25 November 2026\n');
    const digest = documentDigest(document);
    const tx = await notaryTx(sender, 1, { digest, geo: { area: 'W06000022' } });
    const status = await submitAndWait(n.http, tx);
    // The receipt names the checkpoint of a later block once the tx's block is final.
    const receipt = (await n.http.get(`/v1/transactions/${status.id}/receipt`)).text;
    const keys = readKeys((await n.http.get('/v1/consortium/keys')).text);
    expect(keys.ok).toBe(true);
    if (!keys.ok) return;

    const good = await checkReceipt(receipt, keys.value);
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.value.txId).toBe(status.id);
      expect(good.value.geo).toEqual({ area: 'W06000022' });
      expect(good.value.payload.digest).toBe(digest);
      expect(good.value.checkpoint.signers.length).toBeGreaterThanOrEqual(
        good.value.checkpoint.quorum,
      );
    }

    const altered = receipt.replace(digest, documentDigest(new Uint8Array([1])));
    const bad = await checkReceipt(altered, keys.value);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.code).toBe('RECEIPT_TX_MISMATCH');
      expect(describeReceiptError(bad.code).cy).toMatch(/trafodiad/);
    }
    const notJson = await checkReceipt('not a receipt', keys.value);
    expect(notJson.ok ? 'ok' : notJson.code).toBe('RECEIPT_MALFORMED');
    expect(readKeys('{').ok ? 'ok' : (readKeys('{') as { code: string }).code).toBe(
      'KEYS_NOT_JSON',
    );

    // The notary look-up the page does with the same digest.
    const found = await n.http.get(`/v1/notary/${digest}`);
    expect(readNotaryRecord(found.json, digest)).toMatchObject({
      txId: status.id,
      sender: sender.did,
      geo: { area: 'W06000022' },
    });
  });

  it('checks that a later checkpoint extends an earlier one', async () => {
    const node = n as TestNode;
    const keys = readKeys((await node.http.get('/v1/consortium/keys')).text);
    if (!keys.ok) throw new Error('keys');
    const { origin, validators } = keys.value;
    const older = (await node.http.get('/v1/checkpoint')).text;
    const sender = newDidKeySender();
    for (let seq = 1; seq <= 3; seq++) await submitAndWait(node.http, await notaryTx(sender, seq));
    const newer = (await node.http.get('/v1/checkpoint')).text;

    const a = await checkCheckpoint(older, origin, validators);
    // Pasted from a text editor: CRLF and no final newline.
    const b = await checkCheckpoint(newer.replace(/\n/g, '\r\n').trimEnd(), origin, validators);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const proofs = async (from: number, to: number) =>
      (await node.http.get(`/v1/proofs/consistency?from=${from}&to=${to}`)).json;

    const v = await checkConsistency(b.value.checkpoint, a.value.checkpoint, proofs);
    expect(v.ok).toBe(true);
    expect(v.older.logSize).toBeLessThan(v.newer.logSize);

    // A node that hands out a wrong proof cannot make two checkpoints agree.
    const lying = async (from: number, to: number) => {
      const p = (await proofs(from, to)) as { proof: string[] };
      return { ...p, proof: p.proof.map((h) => h.replace(/^./, h[0] === '0' ? '1' : '0')) };
    };
    const forged = await checkConsistency(a.value.checkpoint, b.value.checkpoint, lying);
    expect(forged.ok ? 'ok' : forged.code).toBe('CONSISTENCY_FAILED');

    expect((await checkCheckpoint('', origin, validators)).ok).toBe(false);
    const wrongOrigin = await checkCheckpoint(newer, 'elsewhere.example/log', validators);
    expect(wrongOrigin.ok ? 'ok' : wrongOrigin.code).toBe('CHECKPOINT_WRONG_ORIGIN');
  });
});
