// The wallet's JavaScript budget (decision 0007): every JS file the built wallet page can load —
// its scripts and modulepreloads, and, transitively, every chunk those import (statically or
// dynamically, including Vite's __vite__mapDeps lists) and any other same-site .js they name
// (e.g. the service worker) — gzipped one by one at level 9, must total at most 200 KB.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB_ROOT = join(REPO_ROOT, 'dist', 'web');
const WALLET_HTML = join(WEB_ROOT, 'wallet', 'index.html');
/** 200 KB, counted as KiB (1024 bytes). */
const BUDGET_BYTES = 200 * 1024;

const built = existsSync(WALLET_HTML);
if (!built) {
  console.warn(
    `[budget] SKIPPED: ${relative(REPO_ROOT, WALLET_HTML)} is absent — run \`npm run build\` ` +
      'to build the web app, then rerun.',
  );
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves a URL found in `fromFile` to a file under dist/web: root-relative ('/x.js') against
 * dist/web; anything else against the referring file's directory, then (Vite's mapDeps lists
 * are relative to the base) against dist/web. Undefined if it names no such file.
 */
function resolveRef(ref: string, fromFile: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) return undefined; // other sites
  const clean = ref.replace(/[?#].*$/, '');
  if (clean === '') return undefined;
  const candidates = clean.startsWith('/')
    ? [join(WEB_ROOT, clean)]
    : [resolve(dirname(fromFile), clean), join(WEB_ROOT, clean)];
  return candidates.find((c) => (c + sep).startsWith(WEB_ROOT + sep) && isFile(c));
}

/** The JS files the wallet's index.html refers to directly. */
function htmlRefs(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi))
    refs.push(m[1] ?? '');
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\brel\s*=\s*["']?(?:modulepreload|preload)\b/i.test(tag)) continue;
    if (/\brel\s*=\s*["']?preload\b/i.test(tag) && !/\bas\s*=\s*["']?script\b/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(tag);
    if (href) refs.push(href[1] ?? '');
  }
  return refs;
}

/** String literals in a JS file that look like JS files (imports, import(), mapDeps, sw.js). */
function jsRefs(code: string): string[] {
  return [...code.matchAll(/(["'`])([^"'`\s\\]+?\.m?js)(?:\?[^"'`\s\\]*)?\1/g)].map(
    (m) => m[2] ?? '',
  );
}

function walletJs(): string[] {
  const found = new Set<string>();
  const queue: string[] = [];
  const add = (file: string | undefined) => {
    if (file && /\.m?js$/.test(file) && !found.has(file)) {
      found.add(file);
      queue.push(file);
    }
  };
  for (const ref of htmlRefs(readFileSync(WALLET_HTML, 'utf8'))) add(resolveRef(ref, WALLET_HTML));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const ref of jsRefs(readFileSync(file, 'utf8'))) add(resolveRef(ref, file));
  }
  return [...found];
}

describe('wallet JavaScript budget', () => {
  it.skipIf(!built)('gzipped JS of /wallet/ is at most 200 KB', () => {
    const files = walletJs();
    expect(files.length, 'JS files referenced by dist/web/wallet/index.html').toBeGreaterThan(0);
    const rows = files.map((f) => {
      const raw = readFileSync(f);
      return {
        file: relative(WEB_ROOT, f),
        raw: raw.length,
        gz: gzipSync(raw, { level: 9 }).length,
      };
    });
    rows.sort((a, b) => b.gz - a.gz);
    const total = rows.reduce((s, r) => s + r.gz, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `[budget] wallet JS: ${kb(total)} gzipped (${total} bytes) of ${kb(BUDGET_BYTES)}, ` +
        `${rows.length} file(s):\n` +
        rows.map((r) => `  ${kb(r.gz).padStart(9)}  (${kb(r.raw)} raw)  ${r.file}`).join('\n'),
    );
    expect(total, `wallet JS gzipped bytes (budget ${BUDGET_BYTES})`).toBeLessThanOrEqual(
      BUDGET_BYTES,
    );
  });
});
