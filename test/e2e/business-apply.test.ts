// Registering a business from the Wallet (decision 0010), in Debian's Chromium against a real
// node: a citizen's phone fills in the business and asks one director; the director's phone
// (its own wallet, a resident credential from Newport) opens the link and shares only "over 18"
// and the council area; the applicant signs and sends; a Newport officer approves in the Portal
// and shows the registration credential's QR code and PIN; the applicant's wallet takes it and
// shows the business's card. axe-core WCAG 2.2 AA on each new screen in English and Welsh, no
// sideways scrolling at 360 px. CADWYN_WEB_ROOT: a site built elsewhere instead of dist/web.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallet as W } from '../../web/wallet/strings.js';
import { portal as P } from '../../web/portal/strings.js';
import type { TestNode } from '../helpers.js';
import { startTestNode, stopTestNode } from '../helpers.js';
import { RESIDENT } from '../identity-helpers.js';
import {
  checkAxe,
  desktopContext,
  langIs,
  launchBrowser,
  noHorizontalScroll,
  phoneContext,
  screenshot,
} from './browser.js';

const PASSPHRASE = 'bara brith a the';
const NAME = 'Siop Lyfrau Caerllion Ltd';

let n: TestNode;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const passwords = new Map<string, string>();
let staff: Record<string, string>;

beforeAll(async () => {
  browser = await launchBrowser();
  n = await startTestNode({
    demoStaffAccounts: true,
    ...(process.env.CADWYN_WEB_ROOT ? { webRoot: process.env.CADWYN_WEB_ROOT } : {}),
  });
  await n.identity.staffReady();
  staff = { authorization: `Bearer ${n.identity.ctx.staffToken}` };
  const demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as {
    accounts: { username: string; password: string }[];
  };
  for (const a of demo.accounts) passwords.set(a.username, a.password);
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await stopTestNode(n);
}, 30_000);

async function newPage(kind: 'phone' | 'desktop'): Promise<Page> {
  const c = kind === 'phone' ? await phoneContext(browser) : await desktopContext(browser);
  contexts.push(c);
  const p = await c.newPage();
  p.on('pageerror', (e) => pageErrors.push(e.message));
  return p;
}

const h1 = (p: Page) => p.locator('main h1').first();
async function heading(p: Page, text: string): Promise<void> {
  await expect.poll(async () => (await h1(p).innerText()).trim(), { timeout: 15_000 }).toBe(text);
}

/** axe (and, on a phone, no sideways scrolling) in English, then Welsh, then back. */
async function bothLangs(p: Page, name: string, device: 'phone' | 'desktop'): Promise<void> {
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  for (const lang of ['en', 'cy'] as const) {
    if (lang === 'cy') {
      await p.locator('a[hreflang="cy"]').first().click();
      await langIs(p, 'cy');
    }
    expect(await checkAxe(p, `${name} ${lang}`)).toEqual([]);
    if (device === 'phone') {
      const scroll = await noHorizontalScroll(p);
      expect(scroll.ok, `${name} ${lang} scrolls sideways`).toBe(true);
    }
    await screenshot(p, `business-apply-${name}-${lang}-${device}`);
  }
  await p.locator('a[hreflang="en"]').first().click();
  await langIs(p, 'en');
}

async function createWallet(p: Page): Promise<void> {
  await heading(p, W['wallet.welcome.h1'].en);
  await p.fill('#create-passphrase', PASSPHRASE);
  await p.fill('#create-confirm', PASSPHRASE);
  await p.getByRole('button', { name: W['wallet.create.submit'].en }).click();
}

async function unlock(p: Page): Promise<void> {
  await heading(p, W['wallet.unlock.h1'].en);
  await p.fill('#unlock-passphrase', PASSPHRASE);
  await p.getByRole('button', { name: W['wallet.unlock.submit'].en, exact: true }).click();
}

async function takeOffer(p: Page, offerUri: string, pin: string, fresh: boolean): Promise<void> {
  await p.goto(`${n.url}/wallet/?lang=en&offer=${encodeURIComponent(offerUri)}`);
  if (fresh) await createWallet(p);
  else await unlock(p);
  await heading(p, W['wallet.pin.h1'].en);
  await p.fill('#offer-pin', pin);
  await p.getByRole('button', { name: W['wallet.pin.submit'].en }).click();
  await heading(p, W['wallet.home.h1'].en);
}

describe('registering a business from the Wallet', () => {
  it('applies, a director confirms, the council approves, the credential lands', async () => {
    const citizen = await newPage('phone');
    const director = await newPage('phone');
    const officer = await newPage('desktop');

    // ---- the director's wallet holds a Gwent resident credential from Newport ----
    const o = await n.http.post<{ offerUri: string; txCode: string }>(
      '/v1/issuers/newport/offers',
      { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
      staff,
    );
    expect(o.status, o.text).toBe(201);
    await takeOffer(director, o.json.offerUri, o.json.txCode, true);

    // ---- the applicant fills in the business on their phone ----
    await citizen.goto(`${n.url}/wallet/?lang=en`);
    await createWallet(citizen);
    await heading(citizen, W['wallet.home.h1'].en);
    await citizen.locator('nav.cadwyn-wallet__menu a[href="#business"]').click();
    await heading(citizen, W['wallet.business.h1'].en);
    await expect.poll(() => citizen.locator('#business-registrar option').count()).toBe(6);
    // Nothing filled in: the error summary names each missing field, tied to it.
    await citizen.fill('#business-directors', '');
    await citizen.locator('#business-start').click();
    const summaryLinks = citizen.locator('.govuk-error-summary a');
    await expect.poll(() => summaryLinks.count()).toBe(5);
    expect(await summaryLinks.first().getAttribute('href')).toBe('#business-name-en');
    expect(await citizen.locator('#business-name-en').getAttribute('aria-describedby')).toContain(
      'business-name-en-error',
    );
    await bothLangs(citizen, 'form-errors', 'phone');
    await citizen.fill('#business-name-en', NAME);
    await citizen.fill('#business-name-cy', 'Siop Lyfrau Caerllion Cyf');
    await citizen.selectOption('#business-kind', 'private-limited');
    await citizen.selectOption('#business-area', 'W06000022');
    await citizen.selectOption('#business-registrar', 'newport');
    await citizen.fill('#business-directors', '1');
    await citizen.locator('#business-start').click();
    await heading(citizen, W['wallet.business.directors.h1'].en);
    const send = citizen.locator('#business-send');
    expect(await send.isDisabled()).toBe(true);
    await bothLangs(citizen, 'directors', 'phone');
    // Leaving for another screen loses nothing: the business screen leads back to it.
    await citizen.locator('nav.cadwyn-wallet__menu a[href="#business"]').click();
    await heading(citizen, W['wallet.business.h1'].en);
    await citizen.locator('#business-resume').click();
    await heading(citizen, W['wallet.business.directors.h1'].en);

    // ---- the director opens their link on their own phone and shares two facts ----
    const link = await citizen.locator('.cadwyn-wallet__director-link').getAttribute('href');
    expect(link).toMatch(/\/wallet\/\?request=openid4vp/);
    await director.goto(link ?? '');
    await unlock(director);
    const consent = director.locator('main');
    await expect
      .poll(() => consent.innerText(), { timeout: 15_000 })
      .toContain(W['wallet.consent.share'].en);
    const asked = await consent.innerText();
    for (const secret of ['Angharad', 'Prydderch', '1990', 'Stryd y Bont', 'NP20']) {
      expect(asked).not.toContain(secret);
    }
    await director.getByRole('button', { name: W['wallet.consent.share'].en, exact: true }).click();
    await heading(director, W['wallet.outcome.sharedH1'].en);

    // ---- the applicant sees it live, signs and sends ----
    await expect
      .poll(() => citizen.locator('[data-director="1"]').innerText(), { timeout: 15_000 })
      .toContain(W['wallet.business.director.presented'].en);
    await expect.poll(() => send.isDisabled()).toBe(false);
    await send.click();
    await heading(citizen, W['wallet.business.sent.h1'].en);
    await bothLangs(citizen, 'sent', 'phone');

    // ---- a Newport officer approves, and offers the registration credential ----
    await officer.goto(`${n.url}/portal/?lang=en`);
    await officer.locator('#username').fill('newport.officer');
    await officer.locator('#password').fill(passwords.get('newport.officer') ?? '');
    await officer.getByRole('button', { name: P['portal.signin.submit'].en, exact: true }).click();
    await heading(officer, P['portal.home.h1'].en);
    await officer
      .locator('nav.cadwyn-portal-nav')
      .getByRole('link', { name: P['portal.nav.businesses'].en, exact: true })
      .click();
    await heading(officer, P['portal.businesses.h1'].en);
    const approve = officer.getByRole('button', {
      name: new RegExp(`^${P['portal.businesses.approve'].en}.*${NAME}`),
    });
    await expect.poll(() => approve.count(), { timeout: 15_000 }).toBe(1);
    await approve.click();
    const offerButton = officer.getByRole('button', {
      name: P['portal.businesses.credential.offer'].en,
    });
    await expect.poll(() => offerButton.count(), { timeout: 15_000 }).toBe(1);
    await offerButton.click();
    const pinEl = officer.locator('#business-offer-pin');
    await expect.poll(() => pinEl.count(), { timeout: 15_000 }).toBe(1);
    const pin = (await pinEl.innerText()).trim();
    expect(pin).toMatch(/^\d{4}$/);
    const offerUri = (await officer.locator('#business-offer-link').getAttribute('href')) ?? '';
    expect(offerUri).toMatch(/^openid-credential-offer:/);
    await bothLangs(officer, 'portal-offer', 'desktop');

    // ---- the registration credential lands in the applicant's wallet ----
    await takeOffer(citizen, offerUri, pin, false);
    const card = citizen.locator('.cadwyn-wallet__card').first();
    await expect
      .poll(() => card.innerText(), { timeout: 15_000 })
      .toContain('Business registration');
    expect(await card.innerText()).toMatch(/GW\d{6}/);

    // ---- the business screen shows the business and the approved application ----
    await citizen.locator('nav.cadwyn-wallet__menu a[href="#business"]').click();
    await heading(citizen, W['wallet.business.h1'].en);
    const main = citizen.locator('main');
    await expect
      .poll(() => main.innerText(), { timeout: 15_000 })
      .toContain(W['wallet.business.mine.h2'].en);
    const text = await main.innerText();
    expect(text).toContain(NAME);
    expect(text).toMatch(/Registered as GW\d{6}/);
    await bothLangs(citizen, 'home', 'phone');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
