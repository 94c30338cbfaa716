// The citizen's Wallet (web/wallet) in Chromium on a 360×800 phone against a real node: set up
// with a passphrase; receive a Gwent resident credential from a council's offer (with its PIN);
// open a verifier's request on the same device, see exactly what would be shared, share it, and
// the verifier finds it verified; give a consent, see two requests under it (served, refused)
// in "who used my data", withdraw it; check and download receipts; download the history and a
// backup; lock; and open again offline from the service worker's cache. Every screen passes axe
// (WCAG 2.2 AA) in English and in Welsh, has no horizontal scrolling, and is photographed into
// .tmp/screens/wallet-<screen>-<lang>-phone.png.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNode } from '../helpers.js';
import { GWENT_BODIES, startTestNode, stopTestNode } from '../helpers.js';
import {
  checkAxe,
  launchBrowser,
  noHorizontalScroll,
  phoneContext,
  screenshot,
} from './browser.js';

const PASSPHRASE = 'bara brith a the';
const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport')?.did ?? '';
const HEALTH = GWENT_BODIES.find((b) => b.slug === 'aneurin-bevan')?.did ?? '';

const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};
const AGE_AND_AREA = {
  credentials: [
    {
      id: 'resident',
      format: 'dc+sd-jwt',
      meta: { vct_values: ['urn:cadwyn:vct:gwent-resident:1'] },
      claims: [{ path: ['age_over_18'] }, { path: ['local_authority'] }],
    },
  ],
};
const PARKING = {
  code: 'parking-permit',
  en: 'Resident parking permit',
  cy: 'Trwydded barcio preswylwyr',
};

let node: TestNode;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
/** Every screen checked: name → axe violations in each language. */
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  node = await startTestNode();
  context = await phoneContext(browser);
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await stopTestNode(node);
}, 30_000);

const staff = () => ({
  'content-type': 'application/json',
  authorization: `Bearer ${node.identity.ctx.staffToken}`,
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: staff(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The visible h1, once it says `text` (a string or a pattern). */
async function heading(text: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await page.locator('main h1').first().innerText()).trim(), {
      timeout: 10_000,
    })
    .toMatch(typeof text === 'string' ? new RegExp(`^${text}`) : text);
}

async function lang(): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

/** Clicks the language switch (it redraws in place) and waits for <html lang>. */
async function switchLang(to: 'en' | 'cy'): Promise<void> {
  await page.locator(`a[hreflang="${to}"]`).first().click();
  await expect.poll(lang, { timeout: 5_000 }).toBe(to);
}

/** axe, layout and a screenshot of the screen as it is, in English and then in Welsh. */
async function checkScreen(name: string, welshHeading?: RegExp): Promise<void> {
  for (const l of ['en', 'cy'] as const) {
    if ((await lang()) !== l) await switchLang(l);
    if (l === 'cy' && welshHeading) await heading(welshHeading);
    const label = `wallet ${name} ${l}`;
    const found = await checkAxe(page, label);
    if (found.length > 0) console.warn(found.join('\n'));
    problems.push(...found);
    const scroll = await noHorizontalScroll(page);
    if (!scroll.ok) problems.push(`[${label}] horizontal scrolling ${JSON.stringify(scroll)}`);
    await screenshot(page, `wallet-${name}-${l}-phone`);
  }
  await switchLang('en');
}

/** The focused element is the screen's h1 (focus moved on the screen change). */
async function focusOnHeading(): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? ''), { timeout: 5_000 })
    .toBe('H1');
}

async function nav(name: string): Promise<void> {
  await page.locator('nav.cadwyn-wallet__menu a', { hasText: name }).first().click();
}

async function downloaded(click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('the Wallet on a phone', () => {
  it('sets up, receives, shares, consents, shows who used the data, and works offline', async () => {
    // ---- setting up ----
    await page.goto(`${node.url}/wallet/?lang=en`);
    await heading('Set up your wallet');
    await checkScreen('welcome', /^Sefydlu eich waled/);

    // Errors are tied to their fields and listed in a summary that takes focus.
    await page.getByRole('button', { name: 'Create my wallet' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').first().isVisible(), { timeout: 5_000 })
      .toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain(
      'govuk-error-summary',
    );
    const described = await page.locator('#create-passphrase').getAttribute('aria-describedby');
    expect(described).toContain('create-passphrase-error');
    await page.fill('#create-passphrase', 'short');
    await page.fill('#create-confirm', 'other');
    await page.getByRole('button', { name: 'Create my wallet' }).click();
    await expect
      .poll(() => page.locator('#create-passphrase-error').innerText(), { timeout: 5_000 })
      .toContain('at least 8 characters');
    await checkScreen('welcome-errors');

    await page.fill('#create-passphrase', PASSPHRASE);
    await page.fill('#create-confirm', PASSPHRASE);
    await page.getByRole('button', { name: 'Create my wallet' }).click();
    await heading('My credentials');
    await focusOnHeading();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Your wallet is ready',
    );
    await checkScreen('credentials-empty', /^Fy nhystlythyrau/);

    // ---- receiving a credential: the link pasted, then the PIN ----
    const offer = await api<{ offerId: string; offerUri: string; txCode: string }>(
      'POST',
      '/v1/issuers/newport/offers',
      { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
    );
    await nav('Add a credential');
    await heading('Add a credential');
    await focusOnHeading();
    await checkScreen('receive', /^Ychwanegu tystlythyr/);
    await page.fill('#offer-link', offer.offerUri);
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading('Enter the PIN for this offer');
    await checkScreen('pin');
    await page.fill('#offer-pin', offer.txCode === '0000' ? '1111' : '0000');
    await page.getByRole('button', { name: 'Add to my wallet' }).click();
    await expect
      .poll(() => page.locator('#offer-pin-error').innerText(), { timeout: 10_000 })
      .toContain('The PIN is not right');
    await page.fill('#offer-pin', offer.txCode);
    await page.getByRole('button', { name: 'Add to my wallet' }).click();
    await heading('My credentials');
    const card = page.locator('.cadwyn-wallet__card').first();
    await expect.poll(() => card.innerText(), { timeout: 5_000 }).toContain('Gwent resident');
    const cardText = await card.innerText();
    expect(cardText).toContain('Newport City Council');
    expect(cardText).toContain('12 April 1990');
    expect(cardText).toContain('Newport (W06000022)');
    // Its status, checked with Newport's list once the screen is drawn: a tag in words.
    const tag = card.locator('.cadwyn-wallet__validity .govuk-tag');
    await expect.poll(() => tag.innerText(), { timeout: 10_000 }).toBe('Valid');
    expect(await card.innerText()).toContain('Checked on');
    await checkScreen('credentials', /^Fy nhystlythyrau/);
    await switchLang('cy');
    const welshCard = await card.innerText();
    expect(welshCard).toContain('Preswylydd Gwent');
    expect(welshCard).toContain('Cyngor Dinas Casnewydd');
    expect(welshCard).toContain('12 Ebrill 1990');
    expect(welshCard).toContain('Casnewydd (W06000022)');
    expect(welshCard).toContain('Dilys');
    await switchLang('en');

    // ---- sharing: a request opened on this device, after unlocking ----
    const request = await api<{ requestId: string; requestUri: string }>(
      'POST',
      '/v1/verifiers/torfaen/requests',
      { dcql_query: AGE_AND_AREA, purpose: PARKING },
    );
    await page.goto(`${node.url}/wallet/?request=${encodeURIComponent(request.requestUri)}`);
    await heading('Unlock your wallet');
    expect(page.url()).not.toContain('request=');
    await checkScreen('unlock', /^Datgloi eich waled/);
    await page.fill('#unlock-passphrase', 'not my passphrase');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect
      .poll(() => page.locator('#unlock-passphrase-error').innerText(), { timeout: 10_000 })
      .toContain('The passphrase is not right');
    await page.fill('#unlock-passphrase', PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading('Do you want to share these details with Torfaen County Borough Council?');
    await focusOnHeading();
    const consent = await page.locator('main').innerText();
    expect(consent).toContain('Resident parking permit');
    expect(consent).toMatch(/Over 18\s+Yes/);
    expect(consent).toMatch(/Local authority\s+Newport \(W06000022\)/);
    // Only what was asked: no name, birth date or address.
    expect(consent).not.toContain('Angharad');
    expect(consent).not.toContain('1990');
    expect(consent).not.toContain('Stryd y Bont');
    await checkScreen('consent', /^Mae Cyngor Bwrdeistref Sirol Torfaen yn gofyn am eich manylion/);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await heading('Details shared');
    await focusOnHeading();
    await checkScreen('shared', /^Manylion wedi’u rhannu/);
    const result = await api<{ status: string; credentials?: { resident?: { claims: object } } }>(
      'GET',
      `/v1/verifiers/torfaen/requests/${request.requestId}`,
    );
    expect(result.status).toBe('verified');
    expect(result.credentials?.resident?.claims).toEqual({
      age_over_18: true,
      local_authority: 'W06000022',
    });

    // Don't share: nothing is sent.
    const second = await api<{ requestId: string; requestUri: string }>(
      'POST',
      '/v1/verifiers/torfaen/requests',
      { dcql_query: AGE_AND_AREA, purpose: PARKING },
    );
    await nav('Share details');
    await heading('Share details with a service');
    await checkScreen('share', /^Rhannu manylion â gwasanaeth/);
    // This time from a photo of the QR code the service shows (read by jsQR in the page).
    const qr = await QRCode.toBuffer(second.requestUri, { type: 'png', scale: 4, margin: 4 });
    await page.setInputFiles('#request-photo-input', {
      name: 'qr.png',
      mimeType: 'image/png',
      buffer: qr,
    });
    await heading(/^Do you want to share/);
    expect(await page.locator('main').innerText()).toContain('Resident parking permit');
    await page.getByRole('button', { name: 'Don’t share' }).click();
    await heading('Nothing was shared');
    await checkScreen('declined');
    const pending = await api<{ status: string }>(
      'GET',
      `/v1/verifiers/torfaen/requests/${second.requestId}`,
    );
    expect(pending.status).toBe('pending');

    // ---- giving a consent ----
    await nav('Consents');
    await heading('Your consents');
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 5_000 })
      .toContain('no consents in force');
    await page.getByRole('link', { name: 'Give a consent' }).click();
    await heading('Give a consent');
    await page.getByRole('button', { name: 'Give consent' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').first().isVisible(), { timeout: 5_000 })
      .toBe(true);
    await checkScreen('give-errors', /^Rhoi cydsyniad/);
    await page.selectOption('#give-holder', NEWPORT);
    await page.selectOption('#give-requester', HEALTH);
    await page.check('#give-categories');
    await page.selectOption('#give-purpose', 'housing-application');
    await page.getByRole('button', { name: 'Give consent' }).click();
    await heading('Your consents');
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 15_000 })
      .toContain(
        'Aneurin Bevan University Health Board may get your data from Newport City Council',
      );
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Consent given',
    );
    await checkScreen('consents', /^Eich cydsyniadau/);

    // Health asks Newport for the data twice: once as consented, once for another purpose.
    const held = await api<{ consents: { id: string; subject: string; requester: string }[] }>(
      'GET',
      '/v1/bodies/newport/consents',
    );
    const granted = held.consents.find((c) => c.requester === HEALTH);
    expect(granted).toBeDefined();
    await api('PUT', '/v1/exchange/newport/records', {
      subject: granted?.subject,
      category: 'housing',
      value: { band: 'B' },
    });
    const ask = (purpose: string) =>
      fetch(`${node.url}/v1/exchange/aneurin-bevan/ask`, {
        method: 'POST',
        headers: staff(),
        body: JSON.stringify({
          holder: NEWPORT,
          consentId: granted?.id,
          category: 'housing',
          purpose,
        }),
      }).then((r) => r.status);
    expect(await ask('housing-application')).toBe(200);
    expect(await ask('benefits-assessment')).toBe(403);

    // ---- who used my data ----
    await nav('Who used my data');
    await heading('Who used my data');
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 10_000 })
      .toContain('Requests recorded: 2.');
    const history = await page.locator('main').innerText();
    expect(history).toContain('Data given');
    expect(history).toContain('Refused: your consent was for a different purpose');
    expect(history).toContain('Housing application');
    expect(history).toContain('Assessing benefits');
    await checkScreen('history', /^Pwy ddefnyddiodd fy nata/);
    await switchLang('cy');
    expect(await page.locator('main').innerText()).toContain(
      'Gwrthodwyd: roedd eich cydsyniad at ddiben gwahanol',
    );
    await switchLang('en');
    const json = await downloaded(() =>
      page.getByRole('button', { name: 'Download as JSON' }).click(),
    );
    expect(json.name).toMatch(/^cadwyn-who-used-my-data-.*\.json$/);
    expect((JSON.parse(json.text) as { access: unknown[] }).access).toHaveLength(2);
    const csv = await downloaded(() =>
      page.getByRole('button', { name: /Download as CSV/ }).click(),
    );
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^kind,time,pseudonym/);

    // ---- withdrawing the consent ----
    await nav('Consents');
    await heading('Your consents');
    const withdraw = page.getByRole('button', { name: /^Withdraw this consent/ });
    await expect.poll(() => withdraw.count(), { timeout: 10_000 }).toBe(1);
    await withdraw.click();
    await checkScreen('withdraw-confirm');
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').innerText(), {
        timeout: 15_000,
      })
      .toContain('Consent withdrawn');
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 5_000 })
      .toContain('Withdrawn on');
    expect(await page.locator('main').innerText()).toContain('You have no consents in force.');

    // ---- receipts: checked on the device, downloadable ----
    await nav('Receipts');
    await heading('Your receipts');
    await expect
      .poll(() => page.locator('.cadwyn-wallet__verdict').allInnerTexts(), { timeout: 10_000 })
      .toEqual([
        expect.stringMatching(/^Valid: checked on this device/),
        expect.stringMatching(/^Valid: checked on this device/),
      ]);
    await checkScreen('receipts', /^Eich derbynebau/);
    const receipt = await downloaded(() =>
      page.getByRole('button', { name: /^Download receipt\W+You withdrew a consent/ }).click(),
    );
    expect(receipt.name).toMatch(/^cadwyn-receipt-[0-9a-f]{16}\.json$/);
    expect(JSON.parse(receipt.text)).toMatchObject({ kind: 'cadwyn-receipt' });

    // ---- backup ----
    await nav('Backup');
    await heading('Back up your wallet');
    await checkScreen('backup', /^Gwneud copi wrth gefn/);
    await page.fill('#backup-passphrase', 'copi wrth gefn diogel');
    await page.fill('#backup-confirm', 'copi wrth gefn diogel');
    const backup = await downloaded(() =>
      page.getByRole('button', { name: 'Download backup' }).click(),
    );
    expect(backup.name).toMatch(/^cadwyn-wallet-backup-.*\.json$/);
    const box = JSON.parse(backup.text) as Record<string, unknown>;
    expect(Object.keys(box)).toEqual(expect.arrayContaining(['kdf', 'iv', 'ciphertext']));
    expect(backup.text).not.toContain('Angharad');

    // ---- lock, and open again without a network (the service worker's copy) ----
    await page.getByRole('button', { name: 'Lock wallet' }).click();
    await heading('Unlock your wallet');
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    expect(scope).toBe(`${node.url}/wallet/`);
    // The shell it keeps includes the parts loaded only on demand (the QR scanner).
    const kept = await page.evaluate(async () => {
      const names = await caches.keys();
      const all = await Promise.all(names.map(async (n) => (await caches.open(n)).keys()));
      return all.flat().map((r) => new URL(r.url).pathname);
    });
    expect(kept).toContain('/wallet/');
    expect(kept).toContain('/wallet/manifest.webmanifest');
    expect(
      kept.some((p) => /^\/assets\/scan-[\w-]+\.js$/.test(p)),
      kept.join(' '),
    ).toBe(true);
    await context.setOffline(true);
    try {
      await page.reload();
      await heading('Unlock your wallet');
      await page.fill('#unlock-passphrase', PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      // Back where it was locked: the backup screen.
      await heading('Back up your wallet');
      expect(await page.locator('main').innerText()).toContain('You are offline');
      await nav('My credentials');
      await heading('My credentials');
      await expect.poll(() => card.innerText(), { timeout: 5_000 }).toContain('Gwent resident');
      // The kept answer, calmly: no network is not a problem with the credential.
      await expect
        .poll(() => card.innerText(), { timeout: 10_000 })
        .toContain('Could not check just now. Last checked on');
      expect(await tag.innerText()).toBe('Valid');
      await screenshot(page, 'wallet-offline-en-phone');
    } finally {
      await context.setOffline(false);
    }

    // ---- Newport revokes it: the card says so next time My credentials opens ----
    const { credentialId } = await api<{ credentialId: string }>(
      'GET',
      `/v1/issuers/newport/offers/${offer.offerId}`,
    );
    await api('POST', `/v1/issuers/newport/credentials/${credentialId}/status`, {
      status: 'revoked',
    });
    await nav('Add a credential');
    await heading('Add a credential');
    await nav('My credentials');
    await heading('My credentials');
    await expect.poll(() => tag.innerText(), { timeout: 10_000 }).toBe('Revoked');
    expect(await card.innerText()).toContain(
      'Newport City Council has revoked this credential. Services will not accept it.',
    );
    await checkScreen('credentials-revoked', /^Fy nhystlythyrau/);

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
