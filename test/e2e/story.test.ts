// The whole citizen story (issue 4), once in English and once in Welsh, in Debian's Chromium
// against a real node with its demo staff accounts. Three browser contexts that share nothing
// but the node: the citizen on a 360×800 phone, a Newport City Council officer at a desktop,
// and an officer of the health board at another desktop. Everything is done through the pages
// (no API calls on anyone's behalf), and the QR codes go from the officer's screen to the phone
// as photos, read by the Wallet itself:
//
//   landing page → Wallet set up → council issues a resident credential (QR + PIN) → citizen
//   adds it → council asks for two details (QR) → citizen sees exactly what, shares → council
//   sees only those → citizen consents to the health board getting their housing record from
//   the council → council keeps the record under the consent's pseudonym → health board asks,
//   is served → citizen sees who used the data → withdraws the consent → health board asks
//   again, is refused → citizen sees the refusal → council revokes the credential → a new check
//   fails as revoked, and the citizen's card says so → citizen's receipts verify on the phone.
//
// Every screen on the way passes axe (WCAG 2.2 AA) in the story's language; the phone never
// scrolls sideways; each screen is saved as .tmp/screens/story-<lang>-<nn>-<who>-<screen>.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal } from '../../web/portal/strings.js';
import { landing } from '../../web/shared/i18n.js';
import { wallet } from '../../web/wallet/strings.js';
import type { TestNode } from '../helpers.js';
import { GWENT_BODIES, startTestNode, stopTestNode } from '../helpers.js';
import {
  checkAxe,
  desktopContext,
  launchBrowser,
  noHorizontalScroll,
  phoneContext,
  screenshot,
} from './browser.js';

type Lang = 'en' | 'cy';
const STRINGS = { ...landing, ...wallet, ...portal };
type StoryKey = keyof typeof STRINGS;

const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport')?.did ?? '';
const HEALTH = GWENT_BODIES.find((b) => b.slug === 'aneurin-bevan')?.did ?? '';
const RESIDENT = { en: 'Gwent resident', cy: 'Preswylydd Gwent' };
const PASSPHRASE = 'bara brith a the';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
}, 30_000);

/** One run of the story in one language. */
class Story {
  node!: TestNode;
  private readonly contexts: BrowserContext[] = [];
  citizen!: Page;
  council!: Page;
  health!: Page;
  readonly problems: string[] = [];
  readonly pageErrors: string[] = [];
  private shot = 0;
  private readonly passwords = new Map<string, string>();

  constructor(readonly lang: Lang) {}

  /** The text of a string in the story's language, `{n}` filled, link markup as its words. */
  t(key: StoryKey, ...args: (string | number)[]): string {
    return STRINGS[key][this.lang]
      .replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''))
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  }

  /** A pattern for a string whose `{n}` parts are not known in advance. */
  tx(key: StoryKey): RegExp {
    const parts = STRINGS[key][this.lang].split(/\{\d+\}/);
    return new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+'));
  }

  async start(): Promise<void> {
    this.node = await startTestNode({ demoStaffAccounts: true });
    await this.node.identity.staffReady();
    const demo = JSON.parse(readFileSync(join(this.node.dataDir, 'demo-staff.json'), 'utf8')) as {
      accounts: { username: string; password: string }[];
    };
    for (const a of demo.accounts) this.passwords.set(a.username, a.password);
    const phone = await phoneContext(browser);
    const desk1 = await desktopContext(browser);
    const desk2 = await desktopContext(browser);
    this.contexts.push(phone, desk1, desk2);
    this.citizen = await phone.newPage();
    this.council = await desk1.newPage();
    this.health = await desk2.newPage();
    for (const p of [this.citizen, this.council, this.health]) {
      p.on('pageerror', (e) => this.pageErrors.push(e.message));
    }
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    if (this.node) await stopTestNode(this.node);
  }

  /** axe, sideways scrolling (on the phone) and a screenshot of `p` as it is now. */
  async check(p: Page, who: string, screen: string): Promise<void> {
    await p.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(await p.evaluate(() => document.documentElement.lang)).toBe(this.lang);
    const label = `story ${this.lang} ${who} ${screen}`;
    this.problems.push(...(await checkAxe(p, label)));
    if (p === this.citizen) {
      const scroll = await noHorizontalScroll(p);
      if (!scroll.ok) this.problems.push(`[${label}] scrolls sideways ${JSON.stringify(scroll)}`);
    }
    this.shot += 1;
    const n = String(this.shot).padStart(2, '0');
    const device = p === this.citizen ? 'phone' : 'desktop';
    await screenshot(p, `story-${this.lang}-${n}-${who}-${screen}-${device}`);
  }

  async heading(p: Page, text: string | RegExp): Promise<void> {
    const want = typeof text === 'string' ? new RegExp(`^${escape(text)}`) : text;
    await expect
      .poll(async () => (await p.locator('main h1').first().innerText()).trim(), {
        timeout: 15_000,
      })
      .toMatch(want);
  }

  async mainText(p: Page, contains: string | RegExp, timeout = 15_000): Promise<void> {
    await expect
      .poll(() => p.locator('main').innerText(), { timeout })
      .toMatch(typeof contains === 'string' ? new RegExp(escape(contains)) : contains);
  }

  // ---- the citizen's Wallet ----

  async walletNav(key: StoryKey): Promise<void> {
    await this.citizen
      .locator('nav.cadwyn-wallet__menu a', { hasText: this.t(key) })
      .first()
      .click();
  }

  /** The QR code on an officer's screen, as a photo the phone's Wallet reads. */
  async photoOf(p: Page): Promise<Buffer> {
    const qr = p.locator('img.cadwyn-qr');
    await expect.poll(() => qr.isVisible(), { timeout: 15_000 }).toBe(true);
    return qr.screenshot({ animations: 'disabled' });
  }

  // ---- the Portal ----

  async signIn(p: Page, username: string): Promise<void> {
    await p.goto(`${this.node.url}/portal/?lang=${this.lang}`);
    await this.heading(p, this.t('portal.signin.h1'));
    await p.locator('#username').fill(username);
    await p.locator('#password').fill(this.passwords.get(username) ?? '');
    await p.getByRole('button', { name: this.t('portal.signin.submit'), exact: true }).click();
    await this.heading(p, this.t('portal.home.h1'));
  }

  async portalNav(p: Page, key: StoryKey, heading: StoryKey): Promise<void> {
    await p
      .locator('nav.cadwyn-portal-nav')
      .getByRole('link', { name: this.t(key), exact: true })
      .click();
    await this.heading(p, this.t(heading));
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.each(['en', 'cy'] as const)('the whole citizen story (%s)', (lang) => {
  const s = new Story(lang);

  beforeAll(() => s.start(), 60_000);
  afterAll(() => s.stop(), 30_000);

  it('runs from the landing page to revocation, across a phone and two desktops', async () => {
    const { citizen, council, health } = s;

    // ---- 1. a newcomer opens the landing page on a phone, in their language ----
    await citizen.goto(`${s.node.url}/`);
    if (lang === 'cy') {
      await citizen.locator('a[hreflang="cy"]').first().click();
      await expect.poll(() => citizen.evaluate(() => document.documentElement.lang)).toBe('cy');
    }
    await s.check(citizen, 'citizen', 'landing');
    await citizen.getByRole('link', { name: s.t('landing.citizen.link') }).click();

    // ---- 2. onboarding: keys made on the phone, a passphrase to unlock them ----
    await s.heading(citizen, s.t('wallet.welcome.h1'));
    await s.check(citizen, 'citizen', 'welcome');
    await citizen.fill('#create-passphrase', PASSPHRASE);
    await citizen.fill('#create-confirm', PASSPHRASE);
    await citizen.getByRole('button', { name: s.t('wallet.create.submit') }).click();
    await s.heading(citizen, s.t('wallet.home.h1'));
    await s.check(citizen, 'citizen', 'wallet-ready');

    // ---- 3. the council officer issues a resident credential in front of them ----
    await s.signIn(council, 'newport.officer');
    await s.check(council, 'council', 'home');
    await s.portalNav(council, 'portal.nav.issue', 'portal.issue.h1');
    await council.getByLabel(RESIDENT[lang]).check();
    await council.getByRole('button', { name: s.t('portal.continue') }).click();
    await council.locator('#claim-given-name').fill('Angharad');
    await council.locator('#claim-family-name').fill('Prydderch');
    await council.locator('#claim-birthdate').fill('12');
    await council.locator('#claim-birthdate-month').fill('4');
    await council.locator('#claim-birthdate-year').fill('1990');
    await council.locator('#claim-address-street-address').fill('12 Stryd y Bont');
    await council.locator('#claim-address-locality').fill('Casnewydd');
    await council.locator('#claim-address-postal-code').fill('NP20 1AA');
    await s.check(council, 'council', 'issue-form');
    await council.getByRole('button', { name: s.t('portal.issue.create') }).click();
    const offerPhoto = await s.photoOf(council);
    const pin = (await council.locator('#offer-pin').innerText()).trim();
    expect(pin).toMatch(/^\d{4}$/);
    await s.check(council, 'council', 'issue-offer');

    // ---- 4. the citizen points the phone at the QR code, types the PIN ----
    await s.walletNav('wallet.nav.receive');
    await s.heading(citizen, s.t('wallet.receive.h1'));
    await s.check(citizen, 'citizen', 'receive');
    await citizen.setInputFiles('#offer-photo-input', {
      name: 'qr.png',
      mimeType: 'image/png',
      buffer: offerPhoto,
    });
    await s.heading(citizen, s.t('wallet.pin.h1'));
    await s.check(citizen, 'citizen', 'pin');
    await citizen.fill('#offer-pin', pin);
    await citizen.getByRole('button', { name: s.t('wallet.pin.submit') }).click();
    await s.heading(citizen, s.t('wallet.home.h1'));
    const card = citizen.locator('.cadwyn-wallet__card').first();
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain(RESIDENT[lang]);
    expect(await card.innerText()).toContain(
      GWENT_BODIES.find((b) => b.slug === 'newport')?.name[lang],
    );
    // Checked with the council's status list on the ledger, privately (the whole list).
    await expect
      .poll(() => card.innerText(), { timeout: 15_000 })
      .toContain(s.t('wallet.status.valid'));
    await s.check(citizen, 'citizen', 'credential');
    await expect
      .poll(() => council.locator('.cadwyn-live-status').innerText(), { timeout: 15_000 })
      .toContain(s.t('portal.issue.redeemed'));
    await s.check(council, 'council', 'issue-collected');

    // ---- 5. the council checks two details: over 18, and which local authority ----
    await s.portalNav(council, 'portal.nav.verify', 'portal.verify.h1');
    await council.getByRole('button', { name: s.t('portal.verify.create') }).click();
    const requestPhoto = await s.photoOf(council);
    await s.check(council, 'council', 'verify-request');
    await s.walletNav('wallet.nav.share');
    await s.heading(citizen, s.t('wallet.share.h1'));
    await citizen.setInputFiles('#request-photo-input', {
      name: 'qr.png',
      mimeType: 'image/png',
      buffer: requestPhoto,
    });
    const councilName = GWENT_BODIES.find((b) => b.slug === 'newport')?.name[lang] ?? '';
    await s.heading(citizen, s.t('wallet.consent.h1', councilName));
    const asked = await citizen.locator('main').innerText();
    // Exactly what was asked, nothing else: no name, birth date or address.
    for (const secret of ['Angharad', 'Prydderch', '1990', 'Stryd y Bont', 'NP20']) {
      expect(asked).not.toContain(secret);
    }
    await s.check(citizen, 'citizen', 'consent-screen');
    await citizen.getByRole('button', { name: s.t('wallet.consent.share'), exact: true }).click();
    await s.heading(citizen, s.t('wallet.outcome.sharedH1'));
    await s.check(citizen, 'citizen', 'shared');
    const result = council.locator('.cadwyn-result');
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toContain(s.t('portal.verify.result.verified'));
    const seen = await result.innerText();
    expect(seen).toContain('W06000022');
    for (const secret of ['Angharad', 'Prydderch', '1990', 'Stryd y Bont', 'NP20']) {
      expect(seen).not.toContain(secret);
    }
    await s.check(council, 'council', 'verified');

    // ---- 6. the citizen lets the health board get their housing record from the council ----
    await s.walletNav('wallet.nav.consents');
    await s.heading(citizen, s.t('wallet.consents.h1'));
    await citizen.getByRole('link', { name: s.t('wallet.consents.give') }).click();
    await s.heading(citizen, s.t('wallet.give.h1'));
    await citizen.selectOption('#give-holder', NEWPORT);
    await citizen.selectOption('#give-requester', HEALTH);
    await citizen.check('#give-categories');
    await citizen.selectOption('#give-purpose', 'housing-application');
    await s.check(citizen, 'citizen', 'give-consent');
    await citizen.getByRole('button', { name: s.t('wallet.give.submit') }).click();
    await s.heading(citizen, s.t('wallet.consents.h1'));
    await s.mainText(citizen, s.tx('wallet.consents.title'));
    await s.check(citizen, 'citizen', 'consent-given');

    // ---- 7. the council sees the consent and keeps the record under its pseudonym ----
    await s.portalNav(council, 'portal.nav.consents', 'portal.consents.h1');
    const keep = council.getByRole('link', { name: s.t('portal.consents.recordLink') });
    await expect.poll(() => keep.count(), { timeout: 15_000 }).toBe(1);
    await s.check(council, 'council', 'consents');
    await keep.click();
    await s.heading(council, s.t('portal.exchange.h1'));
    expect(await council.locator('#record-subject').inputValue()).toMatch(/^did:key:z/);
    await council.getByLabel(s.t('portal.housing.social-housing-band-b')).check();
    await council.getByRole('button', { name: s.t('portal.exchange.record.submit') }).click();
    await expect
      .poll(() => council.locator('.govuk-notification-banner--success').innerText())
      .toContain(s.t('portal.exchange.record.kept'));
    await s.check(council, 'council', 'record-kept');

    // ---- 8. the health board asks the council for it, under the consent, and is served ----
    await s.signIn(health, 'aneurin-bevan.officer');
    await s.portalNav(health, 'portal.nav.consents', 'portal.consents.h1');
    const askLink = health.getByRole('link', { name: s.t('portal.consents.askLink') });
    await expect.poll(() => askLink.count(), { timeout: 15_000 }).toBe(1);
    await s.check(health, 'health', 'consents');
    await askLink.click();
    await s.heading(health, s.t('portal.exchange.h1'));
    expect(await health.locator('#ask-holder').inputValue()).toBe(NEWPORT);
    const askButton = health.getByRole('button', { name: s.t('portal.exchange.ask.submit') });
    await askButton.click();
    await s.mainText(health, s.t('portal.exchange.served'));
    await s.mainText(health, s.t('portal.housing.social-housing-band-b'));
    await s.check(health, 'health', 'served');

    // ---- 9. the citizen sees who used their data ----
    await s.walletNav('wallet.nav.history');
    await s.heading(citizen, s.t('wallet.history.h1'));
    await s.mainText(citizen, s.t('wallet.history.count', 1));
    await s.mainText(citizen, s.t('wallet.history.served'));
    await s.check(citizen, 'citizen', 'history-served');

    // ---- 10. the citizen withdraws the consent with one tap (and a confirmation) ----
    await s.walletNav('wallet.nav.consents');
    await s.heading(citizen, s.t('wallet.consents.h1'));
    const withdraw = citizen.getByRole('button', {
      name: new RegExp(`^${escape(s.t('wallet.consents.withdraw'))}`),
    });
    await expect.poll(() => withdraw.count(), { timeout: 15_000 }).toBe(1);
    await withdraw.click();
    await s.check(citizen, 'citizen', 'withdraw-confirm');
    await citizen.getByRole('button', { name: s.t('wallet.consents.confirmYes') }).click();
    await expect
      .poll(() => citizen.locator('.govuk-notification-banner--success').innerText(), {
        timeout: 15_000,
      })
      .toContain(s.t('wallet.consents.withdrawn'));
    await s.check(citizen, 'citizen', 'withdrawn');

    // ---- 11. the health board asks again: refused, and the refusal is on the ledger ----
    await askButton.click();
    await expect
      .poll(() => health.locator('.cadwyn-problem').innerText(), { timeout: 15_000 })
      .toContain(s.t('portal.problem.CONSENT_WITHDRAWN'));
    await s.check(health, 'health', 'refused');

    // ---- 12. the citizen sees both: served, then refused ----
    await s.walletNav('wallet.nav.history');
    await s.heading(citizen, s.t('wallet.history.h1'));
    await s.mainText(citizen, s.t('wallet.history.count', 2));
    await s.mainText(citizen, s.tx('wallet.history.refused'));
    await s.check(citizen, 'citizen', 'history-refused');

    // ---- 13. the council revokes the credential; a new check fails as revoked ----
    await s.portalNav(council, 'portal.nav.credentials', 'portal.credentials.h1');
    const row = council.locator('table tbody tr').first();
    await expect.poll(() => row.innerText()).toContain(s.t('portal.credentials.status.valid'));
    await row
      .getByRole('button', { name: new RegExp(`^${escape(s.t('portal.credentials.revoke'))}`) })
      .click();
    await s.check(council, 'council', 'revoke-confirm');
    await council.getByRole('button', { name: s.t('portal.credentials.confirm.revoke') }).click();
    await expect
      .poll(() => row.innerText(), { timeout: 15_000 })
      .toContain(s.t('portal.credentials.status.revoked'));
    await s.check(council, 'council', 'revoked');

    await s.portalNav(council, 'portal.nav.verify', 'portal.verify.h1');
    await council.getByRole('button', { name: s.t('portal.verify.create') }).click();
    const again = await s.photoOf(council);
    await s.walletNav('wallet.nav.share');
    await s.heading(citizen, s.t('wallet.share.h1'));
    await citizen.setInputFiles('#request-photo-input', {
      name: 'qr.png',
      mimeType: 'image/png',
      buffer: again,
    });
    await s.heading(citizen, s.t('wallet.consent.h1', councilName));
    await citizen.getByRole('button', { name: s.t('wallet.consent.share'), exact: true }).click();
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toContain(s.t('portal.verify.result.failed'));
    expect(await result.innerText()).toContain(s.t('portal.problem.CREDENTIAL_REVOKED'));
    await s.check(council, 'council', 'verify-revoked');
    await s.check(citizen, 'citizen', 'after-revoked');
    // The citizen's own card says so too, in words.
    await s.walletNav('wallet.nav.credentials');
    await s.heading(citizen, s.t('wallet.home.h1'));
    await expect
      .poll(() => card.innerText(), { timeout: 15_000 })
      .toContain(s.t('wallet.status.revoked'));
    expect(await card.innerText()).toContain(s.t('wallet.status.revokedText', councilName));
    await s.check(citizen, 'citizen', 'credential-revoked');

    // ---- 14. the citizen's receipts (consent given, withdrawn) verify on the phone ----
    await s.walletNav('wallet.nav.receipts');
    await s.heading(citizen, s.t('wallet.receipts.h1'));
    await expect
      .poll(() => citizen.locator('.cadwyn-wallet__verdict').allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(s.tx('wallet.receipts.valid')),
        expect.stringMatching(s.tx('wallet.receipts.valid')),
      ]);
    await s.check(citizen, 'citizen', 'receipts');

    expect(s.problems).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 240_000);
});
