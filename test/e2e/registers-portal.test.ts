// The title and regulated-goods registers' Portal screens (decisions 0011, 0012) in Debian's
// Chromium against a real node with demo staff accounts: a registrar registers titles (each
// owner's salt shown once, only the digest on the ledger), approves a transfer the parties drafted
// through the API and registers it once they complete it (the Explorer's transfer page following
// each step live), refuses another after confirming, and enters and withdraws a restriction; a
// council officer registers an operator key with its premises, records an inspection, recalls
// the lot the operator made (after confirming, seeing its trace) and revokes the key (after
// confirming). axe-core WCAG 2.2 AA on every new screen in
// English and Welsh; no sideways scrolling at 360 px; a body without the ledger role is not
// offered the registers. CADWYN_WEB_ROOT: a site built elsewhere instead of dist/web.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../src/core/jcs.js';
import type { Geo } from '../../src/core/geo.js';
import { ownerDigest } from '../../src/ledger/modules/title.js';
import type { Hosted } from '../../src/node/identity/context.js';
import type { Sender, TestNode } from '../helpers.js';
import {
  newDidKeySender,
  nextSeq,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
} from '../helpers.js';
import {
  checkScreen,
  desktopContext,
  launchBrowser,
  noHorizontalScroll,
  open,
  phoneContext,
  screenshot,
} from './browser.js';

const NEWPORT = 'did:web:newport.gwent.example';
const DAY = 86_400_000;

let n: TestNode;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext | undefined;
let page: Page;
const passwords = new Map<string, string>();
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  n = await startTestNode({
    demoStaffAccounts: true,
    ...(process.env.CADWYN_WEB_ROOT ? { webRoot: process.env.CADWYN_WEB_ROOT } : {}),
  });
  await n.identity.staffReady();
  const demo = JSON.parse(readFileSync(join(n.dataDir, 'demo-staff.json'), 'utf8')) as {
    accounts: { username: string; password: string }[];
  };
  for (const a of demo.accounts) passwords.set(a.username, a.password);
  desktop = await desktopContext(browser);
  page = await desktop.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await phone?.close().catch(() => undefined);
  await desktop?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await stopTestNode(n);
}, 30_000);

const h1Text = (p: Page = page) => p.locator('h1').first().innerText();
const nav = (p: Page = page) => p.locator('nav.cadwyn-portal-nav');
const success = () => page.locator('.govuk-notification-banner--success');
/** Waits for a success banner saying `text` (other parts of the screen may show their own). */
async function seen(text: string): Promise<string> {
  const b = success().filter({ hasText: text });
  await expect.poll(() => b.count(), { timeout: 15_000 }).toBe(1);
  return b.innerText();
}

async function signIn(p: Page, username: string): Promise<void> {
  await p.locator('#username').fill(username);
  await p.locator('#password').fill(passwords.get(username) ?? '');
  const answered = p.waitForResponse(
    (r) => r.url().endsWith('/v1/staff/sessions') && r.request().method() === 'POST',
    { timeout: 15_000 },
  );
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

/** A party signs and sends its own transaction, and waits for the block. */
async function party(who: Sender, type: string, payload: Json, geo: Geo): Promise<string> {
  const tx = await sign(
    txBody({
      type,
      sender: who.did,
      seq: await nextSeq(n.http, who.did),
      geo,
      payload: payload as Record<string, Json>,
    }),
    [who],
  );
  const s = await submitAndWait(n.http, tx);
  expect(s.status, `${type}: ${JSON.stringify(s)}`).not.toBe('rejected');
  return s.id;
}

const AREA: Geo = { area: 'W06000022' };
const seller = newDidKeySender();
const buyer = newDidKeySender();
const sellerConv = newDidKeySender();
const buyerConv = newDidKeySender();
const draft = (titleNumber: string) =>
  party(
    sellerConv,
    'title.draft',
    {
      titleNumber,
      sellers: [seller.did],
      buyers: [buyer.did],
      buyerConveyancer: buyerConv.did,
      newOwners: [ownerDigest(new Uint8Array(32).fill(3), buyer.did)],
      discharge: [],
    },
    AREA,
  );

describe('the title and regulated-goods registers in the Portal', () => {
  it('a registrar registers titles, decides and registers transfers, restricts a title', async () => {
    await page.goto(`${n.url}/portal/?lang=en`);
    await expect.poll(() => h1Text()).toBe('Sign in to the Portal');
    await signIn(page, 'newport.officer');
    await expect.poll(() => h1Text()).toBe('Your tasks');
    await expect.poll(() => nav().getByRole('link').allInnerTexts()).toContain('Title register');
    expect(await nav().getByRole('link').allInnerTexts()).toContain('Regulated goods');

    await open(page, 'Title register', 'Title register', 'loaded');
    expect(await page.locator('body').innerText()).toContain(
      'No transfers are waiting for approval.',
    );
    await checkScreen(page, 'titles');

    // Nothing entered: each field in error, in the summary and tied to its field.
    const submit = page.getByRole('button', { name: 'Register the title', exact: true });
    await submit.click();
    await expect
      .poll(() => page.locator('#title-number').getAttribute('aria-describedby'))
      .toContain('title-number-error');
    expect(await page.locator('#title-owner').getAttribute('aria-describedby')).toContain(
      'title-owner-error',
    );
    const summaryText = await page.locator('.govuk-error-summary').first().innerText();
    expect(summaryText).toContain('Enter a title number like CYM123456');
    await checkScreen(page, 'titles-errors');

    for (const [no, uprn] of [
      ['CYM300001', '10090030001'],
      ['CYM300002', '10090030002'],
    ] as const) {
      await page.locator('#title-number').fill(no);
      await page.locator('#title-uprn').fill(uprn);
      await page.locator('#title-tenure').selectOption('freehold');
      await page.locator('#title-area').selectOption('W06000022');
      await page.locator('#title-owner').fill(seller.did);
      await submit.click();
      await seen(`Title ${no} is registered`);
    }
    // The salt is shown once, with the fingerprint it makes: the ledger has only the fingerprint.
    const banner = await seen('Title CYM300002 is registered');
    const salt = /Salt\s+([0-9a-f]{64})/.exec(banner)?.[1] ?? '';
    const digest = /Fingerprint on the register\s+([0-9a-f]{64})/.exec(banner)?.[1] ?? '';
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(ownerDigest(Buffer.from(salt, 'hex'), seller.did));
    const receipt = (await page.locator('#titles-receipt').getAttribute('href')) ?? '';
    expect(receipt).toMatch(/^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/);
    const tx = await fetch(`${n.url}${receipt.replace(/\/receipt$/, '')}`);
    const txText = await tx.text();
    expect(txText).toContain(digest);
    expect(txText).not.toContain(salt);
    expect(txText).not.toContain(seller.did);
    await checkScreen(page, 'titles-registered');

    // The parties draft two transfers through the API; the registrar sees both waiting.
    const first = await draft('CYM300001');
    const second = await draft('CYM300002');
    await page.reload();
    await expect.poll(() => h1Text()).toBe('Title register');
    const row1 = page.getByRole('row').filter({ hasText: 'CYM300001' });
    const row2 = page.getByRole('row').filter({ hasText: 'CYM300002' });
    await expect.poll(() => row1.count()).toBe(1);
    await expect.poll(() => row2.count()).toBe(1);

    await row1.getByRole('button', { name: /^Approve/ }).click();
    await seen('The transfer of CYM300001 is approved');
    const view = await n.http.get<{ stage: string }>(`/v1/transfers/${first}`);
    expect(view.json.stage).toBe('approved');
    await expect.poll(() => row1.count()).toBe(0);

    // The Explorer's transfer page, open beside the Portal, follows the steps as they are
    // committed (GET /v1/titles/events): redrawn in place, not reloaded, and said politely.
    const explorer = await desktop.newPage();
    explorer.on('pageerror', (e) => pageErrors.push(e.message));
    await explorer.goto(`${n.url}/explorer/titles/?transfer=${first}&lang=en`);
    const stage = () => explorer.locator('main .govuk-summary-list').first().innerText();
    await expect.poll(stage).toContain('Approved, being signed');
    await explorer.evaluate(() => Object.assign(window, { notReloaded: true }));

    // Refusing asks for a reason and a confirmation first.
    await row2.getByRole('button', { name: /^Refuse/ }).click();
    await expect
      .poll(() => page.locator('#transfer-refuse-heading').innerText())
      .toBe('Refuse the transfer of CYM300002?');
    const yes = page.getByRole('button', { name: 'Yes, refuse the transfer', exact: true });
    await yes.click();
    await expect
      .poll(() => page.locator('#transfer-refuse-reason').getAttribute('aria-describedby'))
      .toContain('transfer-refuse-reason-error');
    await checkScreen(page, 'titles-refuse-confirm');
    await page.locator('#transfer-refuse-reason').selectOption('owner-mismatch');
    await yes.click();
    await seen('The transfer of CYM300002 is refused');
    const refused = await n.http.get<{ stage: string }>(`/v1/transfers/${second}`);
    expect(refused.json.stage).toBe('refused');

    // The parties sign, the funds are confirmed, the sale completes: the registrar registers it.
    for (const who of [seller, buyer, sellerConv, buyerConv]) {
      await party(who, 'title.sign', { transfer: first }, AREA);
    }
    await party(buyerConv, 'title.confirmFunds', { transfer: first }, AREA);
    await party(sellerConv, 'title.complete', { transfer: first }, AREA);
    await expect.poll(stage, { timeout: 15_000 }).toContain('Completed');
    // The notice is written when the page has redrawn, which may come after the stage shows.
    await expect
      .poll(() => explorer.locator('main [aria-live="polite"]').first().innerText(), {
        timeout: 15_000,
      })
      .toContain('This transfer or its chain has just changed on the ledger');
    expect(await explorer.evaluate(() => 'notReloaded' in window)).toBe(true);
    await page.reload();
    await expect.poll(() => h1Text()).toBe('Title register');
    const completed = page.getByRole('row').filter({ hasText: 'CYM300001' });
    await expect.poll(() => completed.count()).toBe(1);
    await completed.getByRole('button', { name: /^Register/ }).click();
    await seen('The transfer of CYM300001 is registered');
    expect((await n.http.get<{ stage: string }>(`/v1/transfers/${first}`)).json.stage).toBe(
      'registered',
    );
    await expect.poll(() => completed.count()).toBe(0);
    await expect.poll(stage, { timeout: 15_000 }).toContain('Registered');
    await explorer.close();

    // A court order is entered on a title, then withdrawn.
    await page.locator('#restriction-title').fill('CYM300002');
    await page.locator('#restriction-ref').fill('CO-2026-1');
    await page.locator('#restriction-kind').selectOption('court-order');
    await page.getByRole('button', { name: 'Enter the restriction', exact: true }).click();
    await seen('Restriction CO-2026-1 is entered on title CYM300002');
    type Restrictions = { restrictions: { ref: string }[] };
    const restricted = await n.http.get<Restrictions>('/v1/titles/CYM300002');
    expect(restricted.json.restrictions.map((r) => r.ref)).toEqual(['CO-2026-1']);
    await page.getByRole('button', { name: 'Withdraw the restriction', exact: true }).click();
    await seen('Restriction CO-2026-1 is withdrawn from title CYM300002');
    expect((await n.http.get<Restrictions>('/v1/titles/CYM300002')).json.restrictions).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Eight screens checked twice, the parties' steps and the Explorer beside: a busy machine
    // takes over a minute.
  }, 180_000);

  it('a council officer registers an operator, inspects and recalls its lot, revokes the key', async () => {
    // An organisation with a cultivation licence, on the business register through the API.
    const applicant = newDidKeySender();
    const newport = n.identity.ctx.bodies.get('newport') as Hosted;
    const applied = await party(
      applicant,
      'business.apply',
      {
        name: { en: 'Caerleon Hemp Ltd' },
        kind: 'private-limited',
        officeArea: 'W06000022',
        directors: ['b'.repeat(64)],
        registrar: NEWPORT,
      },
      AREA,
    );
    await newport.actor.submitAndWait('business.approve', { application: applied });
    const number = String(
      (n.node.state.get(`business-application/${applied}`) as { number: string }).number,
    );
    await newport.actor.submitAndWait('business.licence', {
      number,
      licence: {
        kind: 'regulated-goods-cultivation',
        ref: 'NPT/e2e',
        validFromMs: Date.now() - DAY,
        validUntilMs: Date.now() + 365 * DAY,
      },
    });

    await open(page, 'Regulated goods', 'Regulated goods', 'loaded');
    await checkScreen(page, 'goods');

    const key = newDidKeySender();
    const submit = page.getByRole('button', { name: 'Register the key', exact: true });
    await page.locator('#operator-number').fill('GW12');
    await submit.click();
    await expect
      .poll(() => page.locator('#operator-number').getAttribute('aria-describedby'))
      .toContain('operator-number-error');
    expect(await page.locator('#operator-name-cy').getAttribute('aria-describedby')).toContain(
      'operator-name-cy-error',
    );
    await checkScreen(page, 'goods-errors');
    await page.locator('#operator-number').fill(number);
    await page.locator('#operator-did').fill(key.did);
    await page.locator('#operator-premises').fill('barn-1');
    await page.locator('#operator-name-en').fill('Home Farm barn');
    await page.locator('#operator-name-cy').fill('Ysgubor Fferm y Cartref');
    await page.locator('#operator-lat').fill('51.6101');
    await page.locator('#operator-lon').fill('-2.9541');
    await submit.click();
    await seen(`The key now acts for ${number}`);
    expect(await page.locator('#operator-receipt').getAttribute('href')).toMatch(
      /^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/,
    );

    // The operator grows a lot with its own key, stamped at its premises.
    const created = await party(
      key,
      'goods.createLot',
      { product: 'hemp-flower', unit: 'g', quantity: 250, premises: 'barn-1' },
      { lat: 51.6101, lon: -2.9541 },
    );
    const lot = `${created.slice(0, 16)}-0`;

    await page.locator('#result-lot').fill(lot);
    await page.getByRole('radio', { name: 'Failed', exact: true }).check();
    await page.locator('#result-ref').fill('TS/2026/77');
    await page.getByRole('button', { name: 'Record the result', exact: true }).click();
    await seen(`Lot ${lot} failed inspection`);

    // Recalling asks for a reason and a confirmation first, then shows the trace.
    await page.locator('#recall-lot').fill(lot);
    await page.getByRole('button', { name: 'Recall this lot', exact: true }).click();
    await expect
      .poll(() => page.locator('#recall-confirm-heading').innerText())
      .toBe(`Recall lot ${lot}?`);
    const yes = page.getByRole('button', { name: 'Yes, recall it', exact: true });
    await yes.click();
    await expect
      .poll(() => page.locator('#recall-confirm-reason').getAttribute('aria-describedby'))
      .toContain('recall-confirm-reason-error');
    await checkScreen(page, 'goods-recall-confirm');
    await page.locator('#recall-confirm-reason').selectOption('failed-test');
    await yes.click();
    const done = page.locator('.govuk-notification-banner--success').filter({
      hasText: `Lot ${lot} is recalled`,
    });
    await expect.poll(() => done.count(), { timeout: 15_000 }).toBe(1);
    expect(await done.innerText()).toContain('Lots covered by the recall: 1');
    expect(await done.innerText()).toContain('Caerleon Hemp Ltd');
    const lotPage = await n.http.get<{ recallStatus: string; results: unknown[] }>(
      `/v1/goods/lots/${lot}`,
    );
    expect(lotPage.json.recallStatus).not.toBe('none');
    expect(lotPage.json.results).toHaveLength(1);
    await checkScreen(page, 'goods-recalled');

    // The key is revoked after confirming: it can no longer act.
    await page.locator('#revoke-did').fill(key.did);
    await page.getByRole('button', { name: 'Revoke this key', exact: true }).click();
    await expect
      .poll(() => page.locator('#revoke-confirm-heading').innerText())
      .toBe('Revoke this operator key?');
    await page.locator('#revoke-confirm-reason').selectOption('key-lost');
    await page.getByRole('button', { name: 'Yes, revoke it', exact: true }).click();
    await seen('The key is revoked');
    const ops = await n.http.get<{ operators: { did: string; revoked?: unknown }[] }>(
      '/v1/goods/operators',
    );
    expect(ops.json.operators.find((o) => o.did === key.did)?.revoked).toBeTruthy();
    expect(pageErrors).toEqual([]);
  });

  it('fits a 360 px phone; the health board’s officer is not offered the registers', async () => {
    phone = await phoneContext(browser);
    const p = await phone.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${n.url}/portal/?lang=en`);
    await expect.poll(() => h1Text(p)).toBe('Sign in to the Portal');
    await signIn(p, 'newport.officer');
    await expect.poll(() => h1Text(p)).toBe('Your tasks');
    for (const view of ['titles', 'goods']) {
      for (const lang of ['en', 'cy']) {
        await p.goto(`${n.url}/portal/?lang=${lang}#/${view}`);
        await expect.poll(() => p.locator('[aria-busy="true"]').count()).toBe(0);
        await p.evaluate(() => document.fonts.ready.then(() => undefined));
        const fit = await noHorizontalScroll(p);
        expect(fit.ok, `${view} (${lang}) at 360 px: ${fit.widest.join(', ')}`).toBe(true);
        await screenshot(p, `portal-${view}-${lang}-phone`);
      }
    }
    await p.getByRole('button', { name: /^(Sign out|Allgofnodi)$/ }).click();
    await expect.poll(() => p.locator('#username').count()).toBe(1);

    // The health board is neither registrar nor council: its officer (who has the staff role)
    // is not offered either register once the ledger says what the body is.
    await p.goto(`${n.url}/portal/?lang=en`);
    await signIn(p, 'aneurin-bevan.officer');
    await expect.poll(() => h1Text(p)).toBe('Your tasks');
    await expect
      .poll(() => nav(p).getByRole('link').allInnerTexts())
      .toContain('Business register');
    await expect
      .poll(() => nav(p).getByRole('link').allInnerTexts())
      .not.toContain('Title register');
    expect(await nav(p).getByRole('link').allInnerTexts()).not.toContain('Regulated goods');
    // Reached by its address, the screen says so before anything is tried.
    await p.goto(`${n.url}/portal/?lang=en#/goods`);
    await expect.poll(() => h1Text(p)).toBe('Regulated goods');
    await expect
      .poll(() => p.locator('main').innerText())
      .toContain('your organisation is neither, so the register will refuse');
    expect(pageErrors).toEqual([]);
  });
});
