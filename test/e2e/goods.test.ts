// The regulated-goods page (web/explorer/goods/, decision 0011) in Debian's Chromium against a
// demo node: the start page, a recalled lot and a bottled lot on a shop shelf (recalled
// upstream), each in English and Welsh on a phone and a desktop — axe-core WCAG 2.2 AA with no
// violations, no horizontal scrolling, the recall warning, the chain of custody with its places,
// the trace reaching both shops, and the QR code loaded. Screenshots in .tmp/screens/.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNode } from '../helpers.js';
import { startTestNode, stopTestNode } from '../helpers.js';
import {
  checkAxe,
  desktopContext,
  launchBrowser,
  noHorizontalScroll,
  phoneContext,
  screenshot,
} from './browser.js';

let node: TestNode | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let recalled = '';
let shelf = '';

beforeAll(async () => {
  browser = await launchBrowser();
  // CADWYN_WEB_ROOT: a site built elsewhere (one engineer's own build) instead of dist/web.
  node = await startTestNode({
    demoRegisters: true,
    ...(process.env.CADWYN_WEB_ROOT ? { webRoot: process.env.CADWYN_WEB_ROOT } : {}),
  });
  await node.demoRegistersReady;
  const recalls = (await (await fetch(`${node.url}/v1/goods/recalls`)).json()) as {
    recalls: { lot: string }[];
  };
  recalled = recalls.recalls[0]?.lot ?? '';
  const trace = (await (await fetch(`${node.url}/v1/goods/lots/${recalled}/trace`)).json()) as {
    lots: { id: string; product: string; quantity: number }[];
  };
  shelf = trace.lots.find((l) => l.product === 'cbd-oil-bottle' && l.quantity === 150)?.id ?? '';
  contexts.push(await phoneContext(browser), await desktopContext(browser));
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stopTestNode(node);
});

const PAGES = [
  { name: 'goods', path: () => '/explorer/goods/' },
  { name: 'goods-recalled', path: () => `/explorer/goods/?lot=${recalled}` },
  { name: 'goods-shelf', path: () => `/explorer/goods/?lot=${shelf}` },
] as const;

describe('regulated goods page', () => {
  for (const p of PAGES) {
    for (const lang of ['en', 'cy'] as const) {
      it(`${p.name} (${lang}): accessible, fits, shows what it must`, async () => {
        expect(recalled).toMatch(/^[0-9a-f]{16}-0$/);
        for (const [i, context] of contexts.entries()) {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          await page.goto(
            `${node?.url ?? ''}${p.path()}${p.path().includes('?') ? '&' : '?'}lang=${lang}`,
          );
          await page.waitForLoadState('networkidle');
          const label = `${p.name}-${lang}-${i === 0 ? 'phone' : 'desktop'}`;
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          const h1 = await page.locator('h1').first().textContent();
          expect(h1?.trim().length).toBeGreaterThan(0);
          if (p.name === 'goods') {
            await page.locator('h3').last().waitFor();
            const text = await page.locator('main').textContent();
            expect(text).toContain(lang === 'cy' ? 'Siop Fferm Rhaglan' : 'Raglan Farm Shop');
          } else {
            await page.locator('.govuk-warning-text').waitFor();
            // The trace is read after the lot: its list of organisations comes last.
            await page.locator('h3').last().waitFor();
            const text = (await page.locator('main').textContent()) ?? '';
            expect(text).toContain(lang === 'cy' ? 'wedi’i alw’n ôl' : 'has been recalled');
            expect(text).toContain(lang === 'cy' ? 'Caeau Brynbuga' : 'Usk fields');
            // The shops are in the trace, by their names in the page's language.
            if (p.name === 'goods-recalled') {
              expect(text).toContain(lang === 'cy' ? 'Siop Fferm Rhaglan' : 'Raglan Farm Shop');
            }
            expect(text).toContain(
              lang === 'cy'
                ? 'Cwmni Cydweithredol Masnachwyr Marchnad Cwmbrân'
                : 'Cwmbran Market Traders Co-operative',
            );
            if (p.name === 'goods-shelf') {
              expect(text).toContain(
                lang === 'cy' ? 'Neuadd farchnad Cwmbrân' : 'Cwmbran market hall',
              );
            }
            const qr = page.locator('img[src$="/qr.svg"]');
            expect(await qr.getAttribute('alt')).toBe(
              lang === 'cy' ? 'Cod QR sy’n agor y dudalen hon' : 'QR code that opens this page',
            );
            expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(
              0,
            );
          }
          expect(await checkAxe(page, label)).toEqual([]);
          expect((await noHorizontalScroll(page)).ok, label).toBe(true);
          await screenshot(page, label);
          expect(errors).toEqual([]);
          await page.close();
        }
      }, 60_000);
    }
  }
});
