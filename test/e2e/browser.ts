// Browser helpers for the e2e tests (decision 0007): Debian's Chromium driven by playwright-core,
// phone and desktop contexts, axe-core, layout and keyboard checks, screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; CI installs it with apt (`.ci/run`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENS_DIR = join(REPO_ROOT, '.tmp', 'screens');

/** How long a single browser action or navigation may take before the test fails. */
const ACTION_TIMEOUT_MS = 10_000;

/**
 * Launches headless Chromium. Throws (never skips) when Chromium is missing: CI installs it, so
 * a missing binary is a broken environment, not a reason to pass.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the e2e tests need Debian's chromium ` +
        '(apt-get install -y chromium; .ci/run does this).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function newContext(browser: Browser, o: BrowserContextOptions): Promise<BrowserContext> {
  // bypassCSP: axe is injected as an inline script, which a strict CSP would (rightly) block.
  const ctx = await browser.newContext({ bypassCSP: true, reducedMotion: 'reduce', ...o });
  ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
  ctx.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  return ctx;
}

/** A small phone: 360×800 CSS px at 2× density, touch. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return newContext(browser, {
    viewport: { width: 360, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}

/** A desktop window: 1280×900 CSS px. */
export function desktopContext(browser: Browser): Promise<BrowserContext> {
  return newContext(browser, { viewport: { width: 1280, height: 900 } });
}

// ---- axe ----------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
function getAxeSource(): string {
  axeSource ??= (require('axe-core') as { source: string }).source;
  return axeSource;
}

export const WCAG_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22a',
  'wcag22aa',
] as const;

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now. Returns one readable line
 * per violation (empty when the page passes), so `expect(await checkAxe(...)).toEqual([])`
 * says what is wrong and where.
 */
export async function checkAxe(page: Page, label: string): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: getAxeSource() });
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: Document, opts: unknown): Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations;
    },
    WCAG_TAGS as unknown as string[],
  );
  return (violations as AxeViolation[]).map((v) => {
    const targets = v.nodes
      .slice(0, 5)
      .map((n) => {
        const summary = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim();
        return `    ${n.target.map(String).join(' ')}  ${n.html.slice(0, 120)}${
          summary ? `\n      ${summary.slice(0, 300)}` : ''
        }`;
      })
      .join('\n');
    const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
    return `[${label}] ${v.id} (${v.impact ?? 'n/a'}): ${v.help} <${v.helpUrl}>\n${targets}${more}`;
  });
}

// ---- layout -------------------------------------------------------------------------------------

/**
 * The page can be used at its viewport width without horizontal scrolling: the document is no
 * wider than the layout viewport, and the layout viewport is no wider than the window (a page
 * without `<meta name="viewport" content="width=device-width">` is laid out at 980 px on a
 * phone). Under mobile emulation `innerWidth` grows to fit wide content, so the layout
 * viewport's `clientWidth` and the configured viewport width are what is compared.
 */
export async function noHorizontalScroll(page: Page): Promise<{
  ok: boolean;
  scrollWidth: number;
  clientWidth: number;
  innerWidth: number;
  viewportWidth: number;
  widest: string[];
}> {
  const viewportWidth = page.viewportSize()?.width ?? Number.POSITIVE_INFINITY;
  return page.evaluate((viewportWidth) => {
    const root = document.scrollingElement ?? document.documentElement;
    const scrollWidth = root.scrollWidth;
    const clientWidth = document.documentElement.clientWidth;
    const ok = scrollWidth <= clientWidth && clientWidth <= viewportWidth;
    // On failure, name the elements that stick out, to say where to look.
    const widest: string[] = [];
    if (!ok) {
      const limit = Math.min(clientWidth, viewportWidth);
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > limit + 1 && widest.length < 5) {
          const id = el.id ? `#${el.id}` : '';
          const cls =
            typeof el.className === 'string' && el.className
              ? `.${el.className.trim().split(/\s+/).join('.')}`
              : '';
          widest.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
        }
      }
    }
    return { ok, scrollWidth, clientWidth, innerWidth: window.innerWidth, viewportWidth, widest };
  }, viewportWidth);
}

/** A full-page screenshot (CSS pixels) at `.tmp/screens/<name>.png`; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`);
  // CSS-pixel scale: a quarter of the pixels to encode on the 2× phone, still readable.
  await page.screenshot({ path, fullPage: true, animations: 'disabled', scale: 'css' });
  return path;
}

// ---- keyboard -----------------------------------------------------------------------------------

const INTERACTIVE = [
  'a[href]',
  'area[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  'iframe',
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(',');

/**
 * Tabs through the page from the top. Every visible interactive element (one per radio group)
 * must receive focus, and each must look different when focused (computed outline, box-shadow,
 * background, colour, border or text decoration of the element, its ::before/::after, or its
 * label's). Returns the problems found, empty when keyboard use works.
 */
export async function keyboardReachable(page: Page, maxTabs = 1000): Promise<string[]> {
  // Transitions would make the computed style lag behind focus; they are not what is tested.
  await page.addStyleTag({
    content: '*,*::before,*::after{transition:none!important;animation:none!important}',
  });
  const count = await page.evaluate((selector) => {
    const isShown = (el: Element): boolean => {
      if (el.closest('[inert],[hidden],[aria-hidden="true"]')) return false;
      if (el.getClientRects().length === 0) return false;
      return getComputedStyle(el).visibility !== 'hidden';
    };
    const styleOf = (el: Element): string => {
      const parts: string[] = [];
      const take = (e: Element, pseudo: string | null) => {
        const s = getComputedStyle(e, pseudo);
        parts.push(
          [
            s.outlineStyle,
            s.outlineWidth,
            s.outlineColor,
            s.outlineOffset,
            s.boxShadow,
            s.backgroundColor,
            s.color,
            s.borderColor,
            s.borderWidth,
            s.textDecorationLine,
            s.textDecorationThickness,
          ].join('|'),
        );
      };
      const withPseudo = (e: Element) => {
        take(e, null);
        take(e, '::before');
        take(e, '::after');
      };
      withPseudo(el);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) {
        for (const label of Array.from(el.labels ?? [])) withPseudo(label);
      }
      return parts.join('#');
    };
    (window as unknown as { __e2eStyleOf: typeof styleOf }).__e2eStyleOf = styleOf;
    // Start from the top whatever the page focused on load: focus a (non-tabbable) marker at the
    // start of <body>, which also unfocuses everything else before their styles are recorded.
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.setAttribute('data-e2e-start', '');
    document.body.prepend(start);
    start.focus({ preventScroll: true });
    const groups = new Set<string>();
    let n = 0;
    for (const el of Array.from(document.querySelectorAll(selector))) {
      if (el.getAttribute('tabindex') === '-1') continue;
      if ((el as HTMLButtonElement).disabled) continue;
      if (!isShown(el)) continue;
      el.setAttribute('data-e2e-unfocused', styleOf(el));
      // Tab reaches one radio per group (arrow keys move within it): count the group once.
      if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
        const group = `${el.form?.id ?? ''}/${el.name}`;
        el.setAttribute('data-e2e-radio-group', group);
        if (groups.has(group)) continue;
        groups.add(group);
      }
      el.setAttribute('data-e2e-kbd', String(n));
      n += 1;
    }
    return n;
  }, INTERACTIVE);

  const reached = new Map<number, string>(); // index → problem ('' if none)
  let previousKey: string | undefined;
  for (let i = 0; i < Math.min(maxTabs, count * 2 + 5); i += 1) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const group = el.getAttribute('data-e2e-radio-group');
      const owner =
        group === null
          ? el
          : (document.querySelector(
              `[data-e2e-radio-group="${CSS.escape(group)}"][data-e2e-kbd]`,
            ) ?? el);
      const index = owner.getAttribute('data-e2e-kbd');
      const unfocused = el.getAttribute('data-e2e-unfocused');
      const styleOf = (window as unknown as { __e2eStyleOf: (e: Element) => string }).__e2eStyleOf;
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${
        text || el.getAttribute('aria-label') || el.getAttribute('name') || ''
      }"`;
      return {
        index: index === null ? null : Number(index),
        key: `${index ?? '?'}:${name}`,
        name,
        styled: unfocused === null || styleOf(el) !== unfocused,
      };
    });
    if (step === null) {
      if (reached.size > 0) break; // focus left the document: the end of the tab order
      continue;
    }
    if (step.key === previousKey) break; // focus is stuck
    previousKey = step.key;
    if (step.index === null) continue; // e.g. inside an iframe, or not something we listed
    if (reached.has(step.index)) break; // wrapped round to the start
    reached.set(step.index, step.styled ? '' : `no visible focus style on ${step.name}`);
  }

  const problems = [...reached.values()].filter((p) => p !== '');
  if (reached.size < count) {
    const missing = await page.evaluate(
      (seen) =>
        Array.from(document.querySelectorAll('[data-e2e-kbd]'))
          .filter((el) => !seen.includes(Number(el.getAttribute('data-e2e-kbd'))))
          .slice(0, 10)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "` +
              `${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
          ),
      [...reached.keys()],
    );
    problems.push(
      `${count - reached.size} of ${count} interactive elements never got focus by Tab: ` +
        missing.join(', '),
    );
  }
  await page.evaluate(() => {
    document.querySelector('[data-e2e-start]')?.remove();
    const attrs = ['data-e2e-kbd', 'data-e2e-unfocused', 'data-e2e-radio-group'];
    for (const el of Array.from(document.querySelectorAll('[data-e2e-unfocused]'))) {
      for (const a of attrs) el.removeAttribute(a);
    }
  });
  return problems;
}

// ---- Portal screens (portal.test.ts, registers-portal.test.ts) ------------------------------

/** Waits until the page says it is in `lang` (the switch happens in place, without a load). */
export async function langIs(p: Page, lang: 'en' | 'cy'): Promise<void> {
  await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe(lang);
}

const h1Of = (p: Page) => p.locator('h1').first().innerText();

/**
 * axe on the screen as it is, in English then in Welsh (switched in place with the page's own
 * link, so what is typed and shown stays), with a screenshot of each; back to English after.
 */
export async function checkScreen(p: Page, name: string): Promise<void> {
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(await checkAxe(p, `${name} en`)).toEqual([]);
  await screenshot(p, `portal-${name}-en-desktop`);
  const english = await h1Of(p);
  await p.locator('a[hreflang="cy"]').first().click();
  await langIs(p, 'cy');
  expect(await h1Of(p), `${name}: the heading in Welsh`).not.toBe(english);
  expect(await checkAxe(p, `${name} cy`)).toEqual([]);
  await screenshot(p, `portal-${name}-cy-desktop`);
  await p.locator('a[hreflang="en"]').first().click();
  await langIs(p, 'en');
  expect(await h1Of(p)).toBe(english);
}

/**
 * Moves to a view with the Portal's own navigation and waits for its heading, then for `until`:
 * focus on the new heading, or nothing on the screen still loading (`aria-busy`).
 */
export async function open(
  p: Page,
  linkName: string,
  heading: string,
  until: 'focus' | 'loaded',
): Promise<void> {
  await p
    .locator('nav.cadwyn-portal-nav')
    .getByRole('link', { name: linkName, exact: true })
    .click();
  await expect.poll(() => h1Of(p)).toBe(heading);
  if (until === 'focus') {
    await expect.poll(() => p.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  } else {
    await expect.poll(() => p.locator('[aria-busy="true"]').count()).toBe(0);
  }
}
