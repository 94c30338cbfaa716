// The staff Portal (decision 0007) in Debian's Chromium against a real node with demo staff
// accounts: sign-in (and a wrong password), issuing a resident credential (QR code, link, PIN,
// collected by a real wallet), suspending and reinstating it, a verification request answered
// by the wallet (only the asked-for claims shown), consents, data requests, the access log,
// notarising a file (hashed in the browser, never uploaded) with its receipt, the business
// register (an application approved, a licence granted; the organisation renamed, the licence
// revoked and the organisation dissolved, each confirmed, and the Explorer following), governance, the
// roles an account has, and the end of a session. axe-core WCAG 2.2 AA on every screen in
// English and Welsh; no sideways scrolling at 360 px; screenshots in .tmp/screens/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNode } from '../helpers.js';
import {
  newDidKeySender,
  randomDigest,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
} from '../helpers.js';
import { MemoryStorage, Wallet } from '../../src/wallet/index.js';
import {
  checkAxe,
  checkScreen,
  desktopContext,
  langIs,
  launchBrowser,
  noHorizontalScroll,
  open,
  phoneContext,
  screenshot,
} from './browser.js';

const NEWPORT = 'did:web:newport.gwent.example';
const HEALTH = 'did:web:aneurin-bevan.gwent.example';
const FIRE = 'did:web:south-wales-fire.gwent.example';

let n: TestNode;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext | undefined;
let page: Page;
let wallet: Wallet;
const passwords = new Map<string, string>();
const pageErrors: string[] = [];
/** Every request body the Portal sent, to show that a notarised file never leaves the browser. */
const sentBodies: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // CADWYN_WEB_ROOT: a site built elsewhere (one engineer's own build) instead of dist/web.
  n = await startTestNode({
    demoStaffAccounts: true,
    ...(process.env.CADWYN_WEB_ROOT ? { webRoot: process.env.CADWYN_WEB_ROOT } : {}),
  });
  await n.identity.staffReady();
  const demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as {
    accounts: { username: string; password: string }[];
  };
  for (const a of demo.accounts) passwords.set(a.username, a.password);
  const w = await Wallet.create({
    storage: new MemoryStorage(),
    passphrase: 'portal e2e',
    kdf: { N: 1024, r: 8, p: 1 },
  });
  if (!w.ok) throw new Error(w.code);
  wallet = w.value;
  desktop = await desktopContext(browser);
  page = await desktop.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => sentBodies.push(r.postData() ?? ''));
}, 60_000);

afterAll(async () => {
  await phone?.close().catch(() => undefined);
  await desktop?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await stopTestNode(n);
}, 30_000);

const h1Text = (p: Page = page) => p.locator('h1').first().innerText();
const nav = (p: Page = page) => p.locator('nav.cadwyn-portal-nav');

async function signIn(
  p: Page,
  username: string,
  password = passwords.get(username) ?? '',
): Promise<void> {
  await p.locator('#username').fill(username);
  await p.locator('#password').fill(password);
  // Checking a password (scrypt) can take the node over a second on a busy machine: wait for its
  // answer here, so the checks that follow need not.
  const answered = p.waitForResponse(
    (r) => r.url().endsWith('/v1/staff/sessions') && r.request().method() === 'POST',
    { timeout: 15_000 },
  );
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

describe('the staff Portal', () => {
  it('shows sign-in, says plainly what is wrong, and signs in', async () => {
    await page.goto(`${n.url}/portal/?lang=en`);
    await expect.poll(() => h1Text()).toBe('Sign in to the Portal');
    await checkScreen(page, 'signin');

    // Nothing entered: both fields in error, listed in the summary, tied to the fields.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.locator('a').allInnerTexts()).toEqual([
      'Enter your username',
      'Enter your password',
    ]);

    // A wrong password: the node's STAFF_SIGNIN_FAILED in plain words, on the password field.
    await signIn(page, 'newport.officer', 'not-the-password');
    await expect.poll(() => summary.innerText()).toContain('The username or password is not right');
    expect(await page.locator('#password').getAttribute('aria-describedby')).toContain(
      'password-error',
    );
    expect(await page.locator('#password-error').innerText()).toContain(
      'The username or password is not right',
    );
    expect(await page.locator('#password').inputValue()).toBe('');
    await checkScreen(page, 'signin-error');

    // Five wrong passwords lock an account: the node's STAFF_SIGNIN_LOCKED in plain words.
    for (let i = 0; i < 5; i++) {
      await fetch(`${n.url}/v1/staff/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'torfaen.officer', password: 'wrong' }),
      });
    }
    await signIn(page, 'torfaen.officer');
    await expect
      .poll(() => page.locator('#username-error').innerText())
      .toContain('too many attempts to sign in');

    await signIn(page, 'newport.officer');
    await expect.poll(() => h1Text()).toBe('Your tasks');
    const bar = await page.locator('.cadwyn-portal-session').innerText();
    expect(bar).toContain('newport.officer');
    expect(bar).toContain('Newport City Council');
    expect(bar).toContain('Cyngor Dinas Casnewydd');
    expect(bar).toMatch(/Issuer, Verifier, Registrar, Auditor/);
    expect(await nav().getByRole('link').allInnerTexts()).toEqual([
      'Your tasks',
      'Issue a credential',
      'Issued credentials',
      'Check a credential',
      'Consents',
      'Access log',
      'Data requests',
      'Notarise a document',
      'Business register',
      'Title register',
      'Regulated goods',
      'Governance',
    ]);
    await checkScreen(page, 'home');
  });

  it('issues a resident credential: QR code, link and PIN; the wallet collects it', async () => {
    await open(page, 'Issue a credential', 'Issue a credential', 'focus');
    await page.getByLabel('Gwent resident').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#claim-given-name').isVisible()).toBe(true);

    // Empty: every field says what to enter.
    await page.getByRole('button', { name: 'Create the offer' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.locator('a').allInnerTexts()).toContain('Enter the date of birth');
    await checkScreen(page, 'issue-errors');

    await page.locator('#claim-given-name').fill('Angharad');
    await page.locator('#claim-family-name').fill('Prydderch');
    await page.locator('#claim-birthdate').fill('12');
    await page.locator('#claim-birthdate-month').fill('4');
    await page.locator('#claim-birthdate-year').fill('1990');
    await page.locator('#claim-address-street-address').fill('12 Stryd y Bont');
    await page.locator('#claim-address-locality').fill('Casnewydd');
    await page.locator('#claim-address-postal-code').fill('np201aa');
    await page.getByRole('button', { name: 'Create the offer' }).click();

    const qr = page.locator('img.cadwyn-qr');
    await expect.poll(() => qr.isVisible()).toBe(true);
    expect(await qr.getAttribute('alt')).toMatch(/QR code of the credential offer/);
    expect(await qr.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    const pin = (await page.locator('#offer-pin').innerText()).trim();
    expect(pin).toMatch(/^\d{4}$/);
    const offerUri =
      (await page
        .getByRole('link', { name: 'Open the offer in a wallet on this device' })
        .getAttribute('href')) ?? '';
    expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    await checkScreen(page, 'issue-offer');

    // A real wallet scans it and types the PIN; the page sees it collected.
    const got = await wallet.receiveOffer(offerUri, { txCode: pin });
    expect(got.ok).toBe(true);
    await expect
      .poll(() => page.locator('.cadwyn-live-status').innerText(), { timeout: 10_000 })
      .toContain('has collected the credential');
  });

  it('lists issued credentials, and suspends and reinstates one after confirming', async () => {
    await open(page, 'Issued credentials', 'Issued credentials', 'focus');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Valid');
    await checkScreen(page, 'credentials');

    await rows
      .first()
      .getByRole('button', { name: /^Suspend/ })
      .click();
    await expect
      .poll(() => page.locator('.cadwyn-confirm h2').innerText())
      .toBe('Are you sure you want to suspend this credential?');
    await checkScreen(page, 'credentials-confirm');
    await page.getByRole('button', { name: 'Yes, suspend it' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').innerText())
      .toMatch(/has been suspended/);
    await expect.poll(() => rows.first().innerText()).toContain('Suspended');

    await rows
      .first()
      .getByRole('button', { name: /^Reinstate/ })
      .click();
    await page.getByRole('button', { name: 'Yes, reinstate it' }).click();
    await expect.poll(() => rows.first().innerText()).toContain('Valid');
  });

  it('asks for over 18 and local authority; the wallet answers; only those are shown', async () => {
    await open(page, 'Check a credential', 'Check a credential', 'focus');
    expect(
      await page.getByLabel('Over 18 and local authority (for a parking permit)').isChecked(),
    ).toBe(true);
    expect(await page.locator('#verify-purpose-en').inputValue()).toBe('Resident parking permit');
    expect(await page.locator('#verify-purpose-cy').inputValue()).toBe(
      'Trwydded barcio preswylwyr',
    );
    // The list of claims shows only when choosing them oneself.
    expect(await page.locator('#verify-claims').isVisible()).toBe(false);
    await page.getByLabel('Choose the details to ask for').check();
    expect(await page.locator('#verify-claims').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Create the request' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').innerText())
      .toContain('Select at least one detail to ask for');
    await checkScreen(page, 'verify-custom');
    await page.getByLabel('Over 18 and local authority (for a parking permit)').check();
    expect(await page.locator('#verify-claims').isVisible()).toBe(false);
    expect(await page.locator('#verify-purpose-en').inputValue()).toBe('Resident parking permit');
    await checkScreen(page, 'verify');
    await page.getByRole('button', { name: 'Create the request' }).click();

    const qr = page.locator('img.cadwyn-qr');
    await expect.poll(() => qr.isVisible()).toBe(true);
    expect(await qr.getAttribute('alt')).toMatch(/QR code of the request/);
    const link =
      (await page
        .getByRole('link', { name: 'Open the request in a wallet on this device' })
        .getAttribute('href')) ?? '';
    expect(link).toMatch(/^openid4vp:\/\//);
    await checkScreen(page, 'verify-request');

    const opened = await wallet.openRequest(link, { nodeUrl: n.url });
    if (!opened.ok) throw new Error(opened.code);
    const answered = await wallet.respond(opened.value);
    expect(answered.ok).toBe(true);

    const result = page.locator('.cadwyn-result');
    await expect.poll(() => result.innerText(), { timeout: 10_000 }).toContain('Verified');
    const text = await result.innerText();
    expect(text).toMatch(/Over 18\s+Yes/);
    expect(text).toMatch(/Local authority\s+Newport \(W06000022\)/);
    expect(text).toContain('Newport City Council');
    for (const secret of ['Angharad', 'Prydderch', '1990', 'NP20']) {
      expect(text).not.toContain(secret);
    }
    await checkScreen(page, 'verify-result');
    // In Welsh the labels are Welsh too.
    await page.locator('a[hreflang="cy"]').first().click();
    await langIs(page, 'cy');
    expect(await result.innerText()).toMatch(/Dros 18 oed\s+Ydy/);
    await page.locator('a[hreflang="en"]').first().click();
    await langIs(page, 'en');
  });

  it('keeps a housing record, asks another body for data, and shows consents and the access log', async () => {
    const purpose = { code: 'care-planning', en: 'Planning your care', cy: 'Cynllunio eich gofal' };
    const toNewport = await wallet.grantConsent(n.url, {
      holder: NEWPORT,
      requester: HEALTH,
      purpose,
      categories: ['housing'],
      lawfulBasis: 'consent',
      expiresMs: Date.now() + 3_600_000,
    });
    const toHealth = await wallet.grantConsent(n.url, {
      holder: HEALTH,
      requester: NEWPORT,
      purpose: {
        code: 'housing-application',
        en: 'Your housing application',
        cy: 'Eich cais am dŷ',
      },
      categories: ['health-summary'],
      lawfulBasis: 'consent',
      expiresMs: Date.now() + 3_600_000,
    });
    if (!toNewport.ok || !toHealth.ok) throw new Error('consents not granted');

    await open(page, 'Data requests', 'Data requests', 'focus');
    await page.locator('#record-subject').fill(await wallet.didFor(NEWPORT));
    await page.getByLabel('On the social housing register, band B (high need)').check();
    await page.getByRole('button', { name: 'Keep the record' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').innerText())
      .toContain('The record has been kept');

    // Newport asks the health board, which keeps no such record: refused, in plain words.
    await page.locator('#ask-holder').selectOption(HEALTH);
    await page.locator('#ask-consent').fill(toHealth.value.txId);
    await page.locator('#ask-category').selectOption('health-summary');
    await page.locator('#ask-purpose').selectOption('housing-application');
    await page.getByRole('button', { name: 'Ask for the data' }).click();
    await expect
      .poll(() => page.locator('.cadwyn-problem').innerText())
      .toContain('has no record of that kind');
    await checkScreen(page, 'exchange');

    // The health board asks Newport under the other consent: the record kept above is served.
    const signedIn = await fetch(`${n.url}/v1/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'aneurin-bevan.officer',
        password: passwords.get('aneurin-bevan.officer'),
      }),
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const asked = await fetch(`${n.url}/v1/exchange/aneurin-bevan/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        holder: NEWPORT,
        consentId: toNewport.value.txId,
        category: 'housing',
        purpose: 'care-planning',
      }),
    });
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { data: unknown }).data).toEqual({
      category: 'social-housing-band-b',
    });

    await open(page, 'Consents', 'Consents', 'focus');
    const consents = page.locator('table tbody tr');
    await expect.poll(() => consents.count()).toBe(2);
    const table = await page.locator('table').innerText();
    expect(table).toContain('Aneurin Bevan University Health Board');
    expect(table).toContain('asks us for data');
    expect(table).toContain('Health summary');
    await checkScreen(page, 'consents');

    // From a consent Newport asks under, the request form comes filled in.
    await page.getByRole('link', { name: 'Ask for the data' }).click();
    await expect.poll(() => h1Text()).toBe('Data requests');
    expect(await page.locator('#ask-consent').inputValue()).toBe(toHealth.value.txId);
    expect(await page.locator('#ask-holder').inputValue()).toBe(HEALTH);

    await open(page, 'Access log', 'Access log', 'focus');
    const access = page.locator('table tbody tr');
    await expect.poll(() => access.count()).toBe(2);
    const log = await page.locator('table').innerText();
    expect(log).toContain('Served');
    expect(log).toContain('Refused');
    expect(log).toContain('has no record of that kind');
    await checkScreen(page, 'access');
  });

  it('notarises a file hashed in the browser and links to its receipt', async () => {
    await open(page, 'Notarise a document', 'Notarise a document', 'focus');
    await checkScreen(page, 'notarise');
    const content = `Planning decision 2026/0142 — approved ${Date.now()}`;
    const digest = createHash('sha256').update(content).digest('hex');
    await page.locator('#notarise-file-input').setInputFiles({
      name: 'decision.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(content),
    });
    await expect.poll(() => page.locator('form').innerText()).toContain(digest);
    await page.locator('#notarise-label').fill('Planning decision 2026/0142');
    await page.getByRole('button', { name: 'Notarise', exact: true }).click();
    const receipt = page.locator('#receipt-link');
    await expect.poll(() => receipt.isVisible(), { timeout: 15_000 }).toBe(true);
    const href = (await receipt.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/);
    expect(await receipt.getAttribute('download')).toMatch(/^cadwyn-receipt-[0-9a-f]{16}\.json$/);
    expect((await fetch(`${n.url}${href}`)).status).toBe(200);
    await checkScreen(page, 'notarise-done');
    // Only the fingerprint went to the node, never the file.
    expect(sentBodies.some((b) => b.includes(digest))).toBe(true);
    expect(sentBodies.some((b) => b.includes('approved'))).toBe(false);
  });

  it('approves an application to the business register and grants a licence', async () => {
    // Citizens apply to Newport, each with a pairwise did:key, through the node's API.
    const apply = async (name: { en: string; cy: string }) => {
      const applicant = newDidKeySender();
      const applied = await submitAndWait(
        n.http,
        await sign(
          txBody({
            type: 'business.apply',
            sender: applicant.did,
            seq: 1,
            geo: { area: 'W06000022' },
            payload: {
              name,
              kind: 'private-limited',
              officeArea: 'W06000022',
              directors: [randomDigest()],
              registrar: NEWPORT,
            },
          }),
          [applicant],
        ),
      );
      expect(applied.status, JSON.stringify(applied)).not.toBe('rejected');
    };
    await apply({ en: 'Usk Valley Bakery Ltd', cy: 'Becws Dyffryn Wysg Cyf' });
    await apply({ en: 'Gwent County Council Ltd', cy: 'Cyngor Sir Gwent Cyf' });

    await open(page, 'Business register', 'Business register', 'focus');
    const row = page.getByRole('row').filter({ hasText: 'Usk Valley Bakery Ltd' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('Becws Dyffryn Wysg Cyf');
    expect(await row.innerText()).toContain('Private limited company');
    await checkScreen(page, 'businesses');

    // Refusing asks for a reason and a confirmation first.
    const misleading = page.getByRole('row').filter({ hasText: 'Gwent County Council Ltd' });
    await misleading.getByRole('button', { name: /^Refuse/ }).click();
    await expect
      .poll(() => page.locator('#refuse-heading').innerText())
      .toBe('Refuse the application of Gwent County Council Ltd?');
    const yes = page.getByRole('button', { name: 'Yes, refuse it', exact: true });
    await yes.click();
    await expect
      .poll(() => page.locator('#refuse-reason').getAttribute('aria-describedby'))
      .toContain('refuse-reason-error');
    await checkScreen(page, 'businesses-refuse-confirm');
    await page.locator('#refuse-reason').selectOption('name-misleading');
    await yes.click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').innerText(), {
        timeout: 15_000,
      })
      .toContain('The application of Gwent County Council Ltd has been refused');
    await expect.poll(() => misleading.count()).toBe(0);

    await row.getByRole('button', { name: /^Approve/ }).click();
    const done = page.locator('.govuk-notification-banner--success');
    await expect.poll(() => done.innerText(), { timeout: 15_000 }).toContain('Registered as');
    const number = /Registered as (GW\d{6})/.exec(await done.innerText())?.[1] ?? '';
    expect(number).toMatch(/^GW\d{6}$/);
    const receipt = page.locator('#businesses-receipt');
    const href = (await receipt.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/);
    expect((await fetch(`${n.url}${href}`)).status).toBe(200);
    expect(await page.locator('#businesses-public-entry').getAttribute('href')).toBe(
      `/explorer/businesses/?number=${number}`,
    );
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'Usk Valley' }).count())
      .toBe(0);

    // A number that is not GW and six digits: the error is tied to the field.
    const grant = page.getByRole('button', { name: 'Grant the licence', exact: true });
    await page.locator('#licence-number').fill('GW12');
    await grant.click();
    await expect
      .poll(() => page.locator('#licence-number').getAttribute('aria-describedby'))
      .toContain('licence-number-error');
    expect(await page.locator('#licence-number-error').innerText()).toContain(
      'Enter a registered number',
    );

    const today = new Date();
    await page.locator('#licence-number').fill(number);
    await page.locator('#licence-kind').selectOption('premises-licence');
    await page.locator('#licence-ref').fill('NPT/2026/0042');
    await page.locator('#licence-from').fill(String(today.getUTCDate()));
    await page.locator('#licence-from-month').fill(String(today.getUTCMonth() + 1));
    await page.locator('#licence-from-year').fill(String(today.getUTCFullYear()));
    await page.locator('#licence-until').fill('31');
    await page.locator('#licence-until-month').fill('12');
    await page.locator('#licence-until-year').fill(String(today.getUTCFullYear() + 1));
    await grant.click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').last().innerText(), {
        timeout: 15_000,
      })
      .toContain(`Licence granted to ${number}`);
    expect(await page.locator('#licence-receipt').getAttribute('href')).toMatch(
      /^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/,
    );
    const entry = (await (await fetch(`${n.url}/v1/businesses/${number}`)).json()) as {
      status: string;
      licences: { kind: string; ref: string; validNow: boolean }[];
    };
    expect(entry.status).toBe('registered');
    expect(entry.licences).toMatchObject([
      { kind: 'premises-licence', ref: 'NPT/2026/0042', validNow: true },
    ]);
    await checkScreen(page, 'businesses-done');

    // The Explorer's entry, open beside the Portal, follows the changes as they are committed.
    const explorer = await desktop.newPage();
    explorer.on('pageerror', (e) => pageErrors.push(e.message));
    await explorer.goto(`${n.url}/explorer/businesses/?number=${number}&lang=en`);
    await expect.poll(() => h1Text(explorer)).toBe('Usk Valley Bakery Ltd');

    // Find the organisation to change; a number that is nobody's is said on the field.
    const find = page.getByRole('button', { name: 'Find the organisation', exact: true });
    await page.locator('#manage-number').fill('GW999999');
    await find.click();
    await expect
      .poll(() => page.locator('#manage-number').getAttribute('aria-describedby'))
      .toContain('manage-number-error');
    expect(await page.locator('#manage-number-error').innerText()).toContain(
      'No organisation has this number',
    );
    await page.locator('#manage-number').fill(number.toLowerCase());
    await find.click();
    const heading = page.locator('#manage-entry-heading');
    await expect.poll(() => heading.innerText()).toBe(`${number}: Usk Valley Bakery Ltd`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('manage-entry-heading');
    expect(await page.locator('#amend-name-en').inputValue()).toBe('Usk Valley Bakery Ltd');
    expect(await page.locator('#amend-name-cy').inputValue()).toBe('Becws Dyffryn Wysg Cyf');

    // Saving nothing changed: the summary says so and links to the field.
    const save = page.getByRole('button', { name: 'Save the changes', exact: true });
    await save.click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').innerText())
      .toContain('Change the name or the office area first');
    expect(await page.locator('#amend-name-en').getAttribute('aria-describedby')).toContain(
      'amend-name-en-error',
    );
    await checkScreen(page, 'businesses-manage');

    // Rename in both languages and move the office: one transaction, with its receipt.
    await page.locator('#amend-name-en').fill('Usk Valley Bread Ltd');
    await page.locator('#amend-name-cy').fill('Bara Dyffryn Wysg Cyf');
    await page.locator('#amend-area').selectOption('W06000021');
    await save.click();
    const changed = page.locator('.govuk-notification-banner--success', {
      hasText: `The entry of ${number} has been changed`,
    });
    await expect.poll(() => changed.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('#manage-receipt').getAttribute('href')).toMatch(
      /^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/,
    );
    await expect.poll(() => heading.innerText()).toBe(`${number}: Usk Valley Bread Ltd`);
    expect(await page.locator('main').innerText()).toContain('Usk Valley Bakery Ltd');
    // The Explorer redraws the entry by itself and says so, politely.
    await expect.poll(() => h1Text(explorer), { timeout: 10_000 }).toBe('Usk Valley Bread Ltd');
    expect(await explorer.locator('main [aria-live="polite"]').first().innerText()).toContain(
      'This entry has just changed',
    );

    // Revoking the licence asks for a reason and a confirmation.
    const licenceRow = page.getByRole('row').filter({ hasText: 'NPT/2026/0042' });
    await licenceRow.getByRole('button', { name: /^Revoke/ }).click();
    await expect
      .poll(() => page.locator('#revoke-heading').innerText())
      .toBe('Revoke licence NPT/2026/0042?');
    const revokeYes = page.getByRole('button', { name: 'Yes, revoke it', exact: true });
    await revokeYes.click();
    await expect
      .poll(() => page.locator('#revoke-reason').getAttribute('aria-describedby'))
      .toContain('revoke-reason-error');
    await checkScreen(page, 'businesses-revoke-confirm');
    await page.locator('#revoke-reason').selectOption('premises-closed');
    await revokeYes.click();
    const revokedBanner = page.locator('.govuk-notification-banner--success', {
      hasText: 'Licence NPT/2026/0042 has been revoked',
    });
    await expect.poll(() => revokedBanner.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => page.locator('main').innerText())
      .toContain('Your body has granted it no licence that is still in force');

    // Dissolving: cancel puts focus back on the button; then confirm with a reason.
    const dissolve = page.getByRole('button', { name: 'Dissolve this organisation', exact: true });
    await dissolve.click();
    await expect
      .poll(() => page.locator('#dissolve-heading').innerText())
      .toBe('Dissolve Usk Valley Bread Ltd?');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await page.locator('#dissolve-heading').count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Dissolve this organisation');
    await dissolve.click();
    await page.locator('#dissolve-reason').selectOption('voluntary');
    await checkScreen(page, 'businesses-dissolve-confirm');
    await page.getByRole('button', { name: 'Yes, dissolve it', exact: true }).click();
    const dissolvedBanner = page.locator('.govuk-notification-banner--success', {
      hasText: 'Usk Valley Bread Ltd has been dissolved',
    });
    await expect.poll(() => dissolvedBanner.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => page.locator('main').innerText())
      .toContain('This organisation is dissolved: its entry can no longer be changed.');
    expect(await page.locator('#amend-name-en').count()).toBe(0);
    await checkScreen(page, 'businesses-dissolved');

    // The public entry: dissolved, its former name, and every change in its history.
    await expect
      .poll(() => explorer.locator('main').innerText(), { timeout: 10_000 })
      .toContain('This organisation has been dissolved');
    const shown = await explorer.locator('main').innerText();
    for (const text of [
      'Former names',
      'Usk Valley Bakery Ltd',
      'Name: Usk Valley Bakery Ltd → Usk Valley Bread Ltd',
      'Licence revoked: Premises licence',
      'Reason: The premises have closed',
      'Reason: At its members’ request',
    ]) {
      expect(shown).toContain(text);
    }
    expect(await explorer.locator('main ol li strong').allInnerTexts()).toEqual([
      'Registered',
      'Licence granted: Premises licence',
      'Details changed',
      'Licence revoked: Premises licence',
      'Dissolved',
    ]);
    expect(await checkAxe(explorer, 'explorer business entry dissolved')).toEqual([]);
    await screenshot(explorer, 'explorer-business-dissolved-en-desktop');
    // Searching by its former name finds it, saying what it was called.
    await explorer.goto(`${n.url}/explorer/businesses/?q=usk+valley+bakery&lang=en`);
    const found = explorer.getByRole('row').filter({ hasText: number });
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.innerText()).toContain('Formerly: Usk Valley Bakery Ltd');
    expect(await found.innerText()).toContain('Dissolved');
    await explorer.close();
  }, 240_000);

  it('lets administrators propose a change and sign it into force; others read the lists', async () => {
    // An officer sees the consortium and its proposals, and nothing to propose or sign.
    await open(page, 'Governance', 'Governance', 'focus');
    const members = page.locator('table', { hasText: 'Member bodies' });
    await expect.poll(() => members.locator('tbody tr').count()).toBe(9);
    expect(await members.innerText()).toContain('Cyngor Dinas Casnewydd');
    expect(
      await page.locator('table', { hasText: 'Validators' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('#propose-kind').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain(
      'Only a body’s administrators can propose or sign changes',
    );

    // Caerphilly's administrator proposes: authorise South Wales Fire to issue Blue Badges.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => h1Text()).toBe('Sign in to the Portal');
    await signIn(page, 'caerphilly.admin');
    await expect.poll(() => h1Text()).toBe('Your tasks');
    await open(page, 'Governance', 'Governance', 'focus');
    const propose = page.getByRole('button', { name: 'Propose this change', exact: true });
    await expect.poll(() => propose.isVisible()).toBe(true);
    await checkScreen(page, 'governance-propose');

    // Nothing chosen, then a kind without its fields: each error tied to its field.
    const summary = page.locator('.govuk-error-summary');
    await propose.click();
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.locator('a').allInnerTexts()).toEqual(['Select what you want to change']);
    await page.getByLabel('Authorise a body to issue a credential type').check();
    await propose.click();
    await expect
      .poll(() => summary.locator('a').allInnerTexts())
      .toEqual(['Select the body', 'Select the credential type']);
    expect(await page.locator('#propose-type').getAttribute('aria-describedby')).toContain(
      'propose-type-error',
    );
    // Newport already issues Blue Badges: said before anyone signs.
    await page.locator('#propose-body').selectOption(NEWPORT);
    await page.locator('#propose-type').selectOption('urn:cadwyn:vct:blue-badge:1');
    await propose.click();
    await expect
      .poll(() => summary.locator('a').allInnerTexts())
      .toEqual(['This body already issues this credential type']);
    await checkScreen(page, 'governance-errors');

    await page.locator('#propose-body').selectOption(FIRE);
    await propose.click();
    const done = page.locator('.govuk-notification-banner--success');
    await expect
      .poll(() => done.innerText(), { timeout: 15_000 })
      .toContain('Your body has proposed the change');
    expect(await done.innerText()).toContain(
      'Authorise South Wales Fire and Rescue Service to issue Blue Badge',
    );
    const receipt = page.locator('#governance-receipt');
    const href = (await receipt.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/);
    expect((await fetch(`${n.url}${href}`)).status).toBe(200);
    const pending = page.locator('table', { hasText: 'Waiting for signatures' });
    await expect.poll(() => pending.locator('tbody tr').count()).toBe(1);
    expect(await pending.innerText()).toContain('1 of 7 signatures');
    expect(await pending.innerText()).toContain('Your body has signed');
    expect(await pending.getByRole('button', { name: /^Withdraw/ }).count()).toBe(1);
    await checkScreen(page, 'governance-pending');

    // Five more bodies' administrators sign through the API, in their own sessions.
    const list = (await (await fetch(`${n.url}/v1/proposals`)).json()) as {
      proposals: { id: string; status: string }[];
    };
    const id = list.proposals.find((p) => p.status === 'pending')?.id ?? '';
    for (const slug of ['blaenau-gwent', 'monmouthshire', 'torfaen', 'aneurin-bevan', 'nrw']) {
      const signedIn = await fetch(`${n.url}/v1/staff/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: `${slug}.admin`,
          password: passwords.get(`${slug}.admin`),
        }),
      });
      expect(signedIn.status).toBe(201);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const r = await fetch(`${n.url}/v1/bodies/${slug}/proposals/${id}/approvals`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(r.status, slug).toBe(201);
    }

    // Newport's administrator gives the last signature needed, in the Portal.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => h1Text()).toBe('Sign in to the Portal');
    await signIn(page, 'newport.admin');
    await expect.poll(() => h1Text()).toBe('Your tasks');
    await open(page, 'Governance', 'Governance', 'focus');
    await expect.poll(() => pending.innerText()).toContain('6 of 7 signatures');
    const sign = pending.getByRole('button', { name: /^Sign this proposal/ });
    expect(await sign.textContent()).toContain('Authorise South Wales Fire and Rescue Service');
    await sign.click();
    await expect
      .poll(() => done.innerText(), { timeout: 15_000 })
      .toContain('the change is now in force');
    const decided = page.locator('table', { hasText: 'Decided' });
    await expect.poll(() => decided.innerText()).toContain('In force');
    expect(await page.locator('main').innerText()).toContain(
      'There are no proposals waiting for signatures',
    );
    const issuers = (await (
      await fetch(
        `${n.url}/v1/trusted-issuers?vct=${encodeURIComponent('urn:cadwyn:vct:blue-badge:1')}`,
      )
    ).json()) as { issuers: { issuer: string; authorisedNow: boolean }[] };
    expect(issuers.issuers.some((i) => i.issuer === FIRE && i.authorisedNow)).toBe(true);
    await checkScreen(page, 'governance-applied');

    // A proposal its own body withdraws, after saying yes to the question.
    await page.getByLabel('Stop a body issuing a credential type').check();
    await page.locator('#propose-body').selectOption(FIRE);
    await page.locator('#propose-type').selectOption('urn:cadwyn:vct:blue-badge:1');
    await propose.click();
    await expect.poll(() => pending.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await pending.getByRole('button', { name: /^Withdraw/ }).click();
    const question = page.locator('.cadwyn-confirm h2');
    await expect
      .poll(() => question.innerText())
      .toBe('Are you sure you want to withdraw this proposal?');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('withdraw-heading');
    await checkScreen(page, 'governance-withdraw-confirm');
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await expect
      .poll(() => done.innerText(), { timeout: 15_000 })
      .toContain('The proposal has been withdrawn');
    await expect.poll(() => decided.innerText()).toContain('Withdrawn');
  });

  it('fits a 360 px phone, and shows an administrator only what their roles allow', async () => {
    phone = await phoneContext(browser);
    const p = await phone.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${n.url}/portal/?lang=en`);
    await expect.poll(() => h1Text(p)).toBe('Sign in to the Portal');
    await signIn(p, 'newport.officer');
    await expect.poll(() => h1Text(p)).toBe('Your tasks');
    for (const view of [
      'home',
      'issue',
      'credentials',
      'verify',
      'consents',
      'access',
      'exchange',
      'notarise',
      'businesses',
      'titles',
      'goods',
      'governance',
    ]) {
      await p.goto(`${n.url}/portal/?lang=en#/${view}`);
      await expect.poll(() => p.locator('[aria-busy="true"]').count()).toBe(0);
      await p.evaluate(() => document.fonts.ready.then(() => undefined));
      const fit = await noHorizontalScroll(p);
      expect(fit.ok, `${view} at 360 px: ${fit.widest.join(', ')}`).toBe(true);
      await screenshot(p, `portal-${view}-en-phone`);
    }
    await p.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => h1Text(p)).toBe('Sign in to the Portal');
    expect(await p.locator('.govuk-notification-banner').innerText()).toContain(
      'You have signed out',
    );

    await signIn(p, 'newport.admin');
    await expect.poll(() => h1Text(p)).toBe('Your tasks');
    expect(await nav(p).getByRole('link').allInnerTexts()).toEqual([
      'Your tasks',
      'Consents',
      'Access log',
      'Governance',
    ]);
    await p.goto(`${n.url}/portal/?lang=en#/issue`);
    await expect.poll(() => h1Text(p)).toBe('You cannot use this page');
    // An administrator's Governance page (the form and the proposals) fits too.
    await p.goto(`${n.url}/portal/?lang=en#/governance`);
    await expect.poll(() => p.locator('#propose-kind').count()).toBe(1);
    await expect.poll(() => p.locator('[aria-busy="true"]').count()).toBe(0);
    const fitAdmin = await noHorizontalScroll(p);
    expect(fitAdmin.ok, `governance (administrator) at 360 px: ${fitAdmin.widest.join(', ')}`).toBe(
      true,
    );
    await screenshot(p, 'portal-governance-admin-en-phone');

    // Idle: a warning two minutes before, which keeps the session; then signed out, saying why.
    const q = await phone.newPage();
    q.on('pageerror', (e) => pageErrors.push(e.message));
    await q.clock.install();
    await q.goto(`${n.url}/portal/?lang=en#/governance`);
    await expect.poll(() => h1Text(q)).toBe('Governance');
    await q.clock.fastForward('28:30');
    const stay = q.getByRole('button', { name: 'Stay signed in' });
    await expect.poll(() => stay.isVisible()).toBe(true);
    expect(await checkAxe(q, 'timeout warning')).toEqual([]);
    await stay.click();
    await expect.poll(() => stay.count()).toBe(0);
    await q.clock.fastForward('30:00');
    await expect.poll(() => h1Text(q)).toBe('Sign in to the Portal');
    expect(await q.locator('.govuk-notification-banner').innerText()).toContain(
      'did not use the Portal for 30 minutes',
    );
    await q.close();
  });

  it('goes back to sign-in, saying why, when the session has ended', async () => {
    // The session ends on the node (as after 30 idle minutes); the next call finds out.
    await page.evaluate(() =>
      fetch('/v1/staff/session', { method: 'DELETE' }).then(() => undefined),
    );
    await nav().getByRole('link', { name: 'Consents', exact: true }).click();
    await expect.poll(() => h1Text()).toBe('Sign in to the Portal');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Your session has ended',
    );
    await checkScreen(page, 'signin-expired');
    // Signing in again goes back to where the person was.
    await signIn(page, 'newport.officer');
    await expect.poll(() => h1Text()).toBe('Consents');
    expect(pageErrors).toEqual([]);
  });
});
