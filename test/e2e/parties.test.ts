// The parties' own steps (issue 6; decisions 0011, 0012) in Debian's Chromium against a fresh
// node: two organisations each make their key in Cadwyn for organisations (/business/); a
// council officer registers both as regulated-goods operators in the Portal; one records a lot
// and offers it to the other, whose acceptance the ledger refuses while it lacks the licence for
// the activity named (shown in English and Welsh), then accepts once offered for an activity it
// is licensed for, and splits it and records a sale. The first organisation, named as the
// buyer's conveyancer, signs a transfer of title from the face; a citizen makes a key for the
// transfer in the Wallet on a 360×800 phone and signs from there. Then the second organisation
// merges its two lots and processes the result; as the lender whose charge a sale discharges it
// consents by signing from the face; as the conveyancer in two sales of a chain it links them.
// axe-core WCAG 2.2 AA on every new screen in English and Welsh; no sideways scrolling at
// 360 px. CADWYN_WEB_ROOT: a site built elsewhere instead of dist/web.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geo } from '../../src/core/geo.js';
import type { Json } from '../../src/core/jcs.js';
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
  checkAxe,
  desktopContext,
  langIs,
  launchBrowser,
  noHorizontalScroll,
  phoneContext,
  screenshot,
} from './browser.js';

const NEWPORT = 'did:web:newport.gwent.example';
const AREA: Geo = { area: 'W06000022' };
const DAY = 86_400_000;
const PASSPHRASE = 'a long wallet passphrase';

let n: TestNode;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext;
let orgA: Page;
let orgB: Page;
let portal: Page;
let citizen: Page;
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
  phone = await phoneContext(browser);
  orgA = await desktop.newPage();
  portal = await desktop.newPage();
  // Another organisation, on a phone; the citizen on a phone of their own (its own storage).
  orgB = await phone.newPage();
  citizen = await (await phoneContext(browser)).newPage();
  for (const p of [orgA, orgB, portal, citizen])
    p.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stopTestNode(n);
}, 30_000);

const h1 = (p: Page) => p.locator('h1').first().innerText();
const banner = (p: Page, text: string) =>
  p.locator('.govuk-notification-banner--success').filter({ hasText: text });

async function seen(p: Page, text: string): Promise<string> {
  await expect.poll(() => banner(p, text).count(), { timeout: 20_000 }).toBe(1);
  return banner(p, text).innerText();
}

/** axe in English and Welsh (switched in place), a screenshot of each; no sideways scroll. */
async function check(p: Page, name: string): Promise<void> {
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  const viewport = (p.viewportSize()?.width ?? 0) <= 400 ? 'phone' : 'desktop';
  expect(await checkAxe(p, `${name} en`)).toEqual([]);
  await screenshot(p, `parties-${name}-en-${viewport}`);
  const english = await h1(p);
  await p.locator('a[hreflang="cy"]').first().click();
  await langIs(p, 'cy');
  await expect.poll(() => h1(p), { message: `${name}: the heading in Welsh` }).not.toBe(english);
  expect(await checkAxe(p, `${name} cy`)).toEqual([]);
  await screenshot(p, `parties-${name}-cy-${viewport}`);
  if (viewport === 'phone') {
    const scroll = await noHorizontalScroll(p);
    expect(scroll.ok, `${name} cy at 360 px: ${scroll.widest.join(', ')}`).toBe(true);
  }
  await p.locator('a[hreflang="en"]').first().click();
  await langIs(p, 'en');
  expect(await h1(p)).toBe(english);
  if (viewport === 'phone') {
    const scroll = await noHorizontalScroll(p);
    expect(scroll.ok, `${name} en at 360 px: ${scroll.widest.join(', ')}`).toBe(true);
  }
}

/** A party's own transaction through the API (the parts not under test here). */
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

/** An organisation on the business register with one regulated-goods licence. */
async function licensedBusiness(name: string, activity: string): Promise<string> {
  const newport = n.identity.ctx.bodies.get('newport') as Hosted;
  const applied = await party(
    newDidKeySender(),
    'business.apply',
    {
      name: { en: name },
      kind: 'private-limited',
      officeArea: 'W06000022',
      directors: ['c'.repeat(64)],
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
      kind: `regulated-goods-${activity}`,
      ref: `NPT/${activity}`,
      validFromMs: Date.now() - DAY,
      validUntilMs: Date.now() + 365 * DAY,
    },
  });
  return number;
}

/** The organisation makes its key in the face and reads its did:key off the screen. */
async function makeKey(p: Page, label: string, checkName?: string): Promise<string> {
  await p.goto(`${n.url}/business/?lang=en`);
  await expect.poll(() => h1(p)).toBe('Your organisation’s key');
  await expect.poll(() => p.locator('#org-key-make').count()).toBe(1);
  if (checkName) await check(p, checkName);
  await p.locator('#org-key-label').fill(label);
  await p.locator('#org-key-make').click();
  await expect.poll(() => p.locator('#org-did').count(), { timeout: 15_000 }).toBe(1);
  const did = (await p.locator('#org-did').innerText()).trim();
  expect(did).toMatch(/^did:key:zDn[1-9A-HJ-NP-Za-km-z]+$/);
  return did;
}

async function goTo(p: Page, linkName: string, heading: string): Promise<void> {
  await p.locator('nav.cadwyn-business__menu').getByRole('link', { name: linkName }).click();
  await expect.poll(() => h1(p)).toBe(heading);
}

async function registerOperator(number: string, did: string, premises: string, lat: string) {
  await portal.locator('#operator-number').fill(number);
  await portal.locator('#operator-did').fill(did);
  await portal.locator('#operator-premises').fill(premises);
  await portal.locator('#operator-name-en').fill(`${premises} yard`);
  await portal.locator('#operator-name-cy').fill(`Iard ${premises}`);
  await portal.locator('#operator-lat').fill(lat);
  await portal.locator('#operator-lon').fill('-2.9541');
  await portal.getByRole('button', { name: 'Register the key', exact: true }).click();
  await seen(portal, `The key now acts for ${number}`);
}

interface OperatorView {
  lots: { id: string; quantity: number; holder: string }[];
}
const operatorView = async (did: string) =>
  (await n.http.get<OperatorView>(`/v1/goods/operators/${encodeURIComponent(did)}`)).json;

describe('the parties’ own steps', () => {
  let didA = '';
  let didB = '';
  let numberA = '';
  let numberB = '';

  it('organisations hand over regulated goods, the ledger checking the licence', async () => {
    numberA = await licensedBusiness('Caerleon Growers Ltd', 'cultivation');
    numberB = await licensedBusiness('Malpas Corner Shop Ltd', 'retail');
    didA = await makeKey(orgA, 'Office laptop', 'key-none');
    await check(orgA, 'key');
    // Before the key is registered, the goods screen says what to do with it.
    await goTo(orgA, 'Regulated goods', 'Regulated goods');
    await expect
      .poll(() => orgA.locator('main').innerText())
      .toContain('This key is not registered as an operator yet');
    didB = await makeKey(orgB, 'Till 1');
    const keyScroll = await noHorizontalScroll(orgB);
    expect(keyScroll.ok, `key at 360 px: ${keyScroll.widest.join(', ')}`).toBe(true);

    // A council officer registers both keys in the Portal.
    await portal.goto(`${n.url}/portal/?lang=en`);
    await expect.poll(() => h1(portal)).toBe('Sign in to the Portal');
    await portal.locator('#username').fill('newport.officer');
    await portal.locator('#password').fill(passwords.get('newport.officer') ?? '');
    await portal.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => h1(portal), { timeout: 20_000 }).toBe('Your tasks');
    await portal
      .locator('nav.cadwyn-portal-nav')
      .getByRole('link', { name: 'Regulated goods', exact: true })
      .click();
    await expect.poll(() => h1(portal)).toBe('Regulated goods');
    await registerOperator(numberA, didA, 'caerleon', '51.6101');
    await registerOperator(numberB, didB, 'malpas', '51.6102');

    // A records a lot at its premises (the one premises is chosen for it).
    await orgA.reload();
    await expect.poll(() => orgA.locator('#create-product').count(), { timeout: 15_000 }).toBe(1);
    await check(orgA, 'goods-empty');
    await orgA.locator('#create-submit').click();
    await expect
      .poll(() => orgA.locator('#create-quantity').getAttribute('aria-describedby'))
      .toContain('create-quantity-error');
    await orgA.locator('#create-product').selectOption('hemp-flower');
    await orgA.locator('#create-quantity').fill('1000');
    await orgA.locator('#create-submit').click();
    const created = await seen(orgA, 'New lot recorded: done');
    expect(created).toMatch(/Transaction\s+[0-9a-f]{64}/);
    const lot = (await operatorView(didA)).lots[0]?.id ?? '';
    expect(lot).toMatch(/^[0-9a-f]{16}-0$/);

    // Offered for processing, which B is not licensed for: the ledger refuses the acceptance.
    const offer = async (activity: string) => {
      await orgA.locator('#propose-lot').selectOption(lot);
      await orgA.locator('#propose-to').fill(numberB);
      await orgA.locator('#propose-activity').selectOption(activity);
      await orgA.locator('#propose-submit').click();
      await seen(orgA, 'Lot offered: done');
    };
    await offer('processing');

    await goTo(orgB, 'Regulated goods', 'Regulated goods');
    const accept = orgB.getByRole('button', { name: `Accept lot ${lot}` });
    await expect.poll(() => accept.count(), { timeout: 15_000 }).toBe(1);
    await accept.click();
    const problem = orgB.locator('.govuk-error-summary').filter({ hasText: 'GOODS_NOT_LICENSED' });
    await expect.poll(() => problem.count(), { timeout: 20_000 }).toBe(1);
    expect(await problem.innerText()).toContain(
      'the receiving organisation does not hold a valid licence for this activity now',
    );
    await check(orgB, 'goods-refused');
    await orgB.locator('a[hreflang="cy"]').first().click();
    await langIs(orgB, 'cy');
    await expect.poll(() => problem.innerText()).toContain('nid oes gan y sefydliad sy’n derbyn');
    await orgB.locator('a[hreflang="en"]').first().click();
    await langIs(orgB, 'en');
    await orgB.getByRole('button', { name: `Refuse lot ${lot}` }).click();
    await seen(orgB, 'Lot refused: done');

    // Offered again for retail: accepted, custody moves to B.
    await orgA.reload();
    await expect.poll(() => orgA.locator('#propose-lot').count(), { timeout: 15_000 }).toBe(1);
    await offer('retail');
    await orgB.reload();
    await expect.poll(() => accept.count(), { timeout: 15_000 }).toBe(1);
    await accept.click();
    const accepted = await seen(orgB, 'Lot accepted: done');
    expect(accepted).toMatch(/Block\s+\d+/);
    expect(await orgB.locator('[data-receipt]').first().getAttribute('href')).toMatch(
      /^\/v1\/transactions\/[0-9a-f]{64}\/receipt$/,
    );
    expect((await operatorView(didB)).lots.map((l) => l.id)).toEqual([lot]);
    await check(orgB, 'goods-held');

    // B splits it and records a sale from one part, stamped at its own premises.
    await orgB.locator('#split-lot').selectOption(lot);
    await orgB.locator('#split-parts').fill('600, 400');
    await orgB.locator('#split-submit').click();
    await seen(orgB, 'Lot split: done');
    const parts = (await operatorView(didB)).lots;
    expect(parts.map((l) => l.quantity).sort()).toEqual([400, 600]);
    const small = parts.find((l) => l.quantity === 400)?.id ?? '';
    await orgB.locator('#loss-lot').selectOption(small);
    await orgB.locator('#loss-quantity').fill('100');
    await orgB.locator('#loss-reason').selectOption('sold');
    await orgB.locator('#loss-submit').click();
    await seen(orgB, 'Loss recorded: done');
    const lotNow = await n.http.get<{ quantity: number; chain: { geo?: Geo }[] }>(
      `/v1/goods/lots/${small}`,
    );
    expect(lotNow.json.quantity).toBe(300);
    expect(lotNow.json.chain.at(-1)?.geo).toEqual({ lat: 51.6102, lon: -2.9541 });
  }, 240_000);

  it('a conveyancer signs from the face, and a citizen signs from the Wallet at 360 px', async () => {
    // The citizen makes a key for this one transfer in the Wallet.
    await citizen.goto(`${n.url}/wallet/?lang=en`);
    await expect.poll(() => h1(citizen), { timeout: 20_000 }).toBe('Set up your wallet');
    await citizen.fill('#create-passphrase', PASSPHRASE);
    await citizen.fill('#create-confirm', PASSPHRASE);
    await citizen.getByRole('button', { name: 'Create my wallet' }).click();
    await expect.poll(() => h1(citizen), { timeout: 30_000 }).toBe('My credentials');
    await citizen.goto(`${n.url}/wallet/?lang=en#property`);
    await expect.poll(() => h1(citizen), { timeout: 20_000 }).toBe('My property transfers');
    await check(citizen, 'wallet-property-empty');
    await citizen.locator('#property-make').click();
    const keyLine = citizen.locator('#property-keys [data-did]');
    await expect.poll(() => keyLine.count(), { timeout: 15_000 }).toBe(1);
    const buyerDid = (await keyLine.getAttribute('data-did')) ?? '';
    expect(buyerDid).toMatch(/^did:key:zDn/);
    await check(citizen, 'wallet-property-key');

    // Organisation A, as the seller's conveyancer, drafts on its screen naming the citizen's key;
    // the registrar approves.
    const newport = n.identity.ctx.bodies.get('newport') as Hosted;
    const seller = newDidKeySender();
    const buyerConv = newDidKeySender();
    await newport.actor.submitAndWait('title.register', {
      titleNumber: 'CYM400001',
      uprn: '010090040001',
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(new Uint8Array(32).fill(7), seller.did)],
      charges: [],
      restrictions: [],
    });
    await goTo(orgA, 'Property transfers', 'Property transfers');
    await expect
      .poll(() => orgA.locator('main').innerText())
      .toContain('No transfer names this key.');
    await orgA.locator('#draft-submit').click();
    await expect
      .poll(() => orgA.locator('#draft-title').getAttribute('aria-describedby'))
      .toContain('draft-title-error');
    await check(orgA, 'titles-draft-errors');
    await orgA.locator('#draft-title').fill('cym400001');
    await orgA.locator('#draft-sellers').fill(seller.did);
    await orgA.locator('#draft-buyers').fill(buyerDid);
    await orgA.locator('#draft-owners').fill(ownerDigest(new Uint8Array(32).fill(8), buyerDid));
    await orgA.locator('#draft-buyer-conveyancer').fill(buyerConv.did);
    await orgA.locator('#draft-band').selectOption('225k-400k');
    await orgA.locator('#draft-submit').click();
    const drafted = await seen(orgA, 'Transfer drafted');
    const transfer = /Transaction\s+([0-9a-f]{64})/.exec(drafted)?.[1] ?? '';
    expect(transfer).toMatch(/^[0-9a-f]{64}$/);
    await newport.actor.submitAndWait('title.approve', { transfer });

    // The seller's conveyancer signs from the face.
    await orgA.reload();
    const signA = orgA.locator(`#sign-${transfer.slice(0, 12)}`);
    await expect.poll(() => signA.count(), { timeout: 15_000 }).toBe(1);
    await check(orgA, 'titles');
    await signA.click();
    await seen(orgA, 'Transfer signed: done');
    // Signed once: what is left for a conveyancer before completion is to withdraw.
    await expect.poll(() => signA.count()).toBe(0);
    expect(await orgA.locator('#titles-list').innerText()).toContain('Withdraw the transfer');

    // The citizen opens the transfer by its reference and signs with the transfer's key.
    await citizen.reload();
    await expect.poll(() => h1(citizen), { timeout: 20_000 }).not.toBe('My credentials');
    if ((await h1(citizen)) !== 'My property transfers') {
      // The reload locked the wallet: unlock and come back.
      await citizen.fill('#unlock-passphrase', PASSPHRASE);
      await citizen.getByRole('button', { name: 'Unlock', exact: true }).click();
      await expect.poll(() => h1(citizen), { timeout: 30_000 }).toBe('My property transfers');
    }
    await citizen.locator('#property-ref').fill('not a reference');
    await citizen.locator('#property-open').click();
    await expect
      .poll(() => citizen.locator('#property-ref').getAttribute('aria-describedby'))
      .toContain('property-ref-error');
    // The link the conveyancer's screen shows for the client's Wallet.
    const link = `${n.url}/wallet/?transfer=${transfer}#property`;
    expect(await orgA.locator('#titles-list').innerText()).toContain(link);
    await citizen.locator('#property-ref').fill(link);
    await citizen.locator('#property-open').click();
    await expect.poll(() => h1(citizen)).toBe('Transfer of a property');
    await expect.poll(() => citizen.locator('#property-sign').count(), { timeout: 15_000 }).toBe(1);
    await check(citizen, 'wallet-property-transfer');
    await citizen.locator('#property-sign').click();
    await seen(citizen, 'You have signed the transfer');
    const txId = (await citizen.locator('#property-receipt').innerText()).trim();
    expect(txId).toMatch(/^[0-9a-f]{64}$/);
    await check(citizen, 'wallet-property-signed');

    const t = await n.http.get<{ signedBy: string[]; history: { by: string; geo?: Geo }[] }>(
      `/v1/transfers/${transfer}`,
    );
    expect(t.json.signedBy).toEqual(expect.arrayContaining([didA, buyerDid]));
    // The citizen's signature carries an area, never a point.
    expect(t.json.history.find((h) => h.by === buyerDid)?.geo).toEqual({ area: 'W06000018' });
    // The receipt is kept in the wallet.
    await citizen.goto(`${n.url}/wallet/?lang=en#receipts`);
    await expect
      .poll(() => citizen.locator('main').innerText(), { timeout: 20_000 })
      .toContain(txId);
    // The other organisation is party to nothing: said so, on its phone.
    await goTo(orgB, 'Property transfers', 'Property transfers');
    await expect
      .poll(() => orgB.locator('main').innerText(), { timeout: 15_000 })
      .toContain('No transfer names this key.');
    await check(orgB, 'titles-none');
    expect(pageErrors).toEqual([]);
  }, 240_000);
  it('an organisation merges and processes lots, consents to a discharge, links a chain', async () => {
    // B holds two lots of one product (the split parts): it merges them at its premises. Now
    // licensed to process as well, it is offered processing too.
    const newport = n.identity.ctx.bodies.get('newport') as Hosted;
    await newport.actor.submitAndWait('business.licence', {
      number: numberB,
      licence: {
        kind: 'regulated-goods-processing',
        ref: 'NPT/processing/2',
        validFromMs: Date.now() - DAY,
        validUntilMs: Date.now() + 365 * DAY,
      },
    });
    await goTo(orgB, 'Regulated goods', 'Regulated goods');
    await expect.poll(() => orgB.locator('#process-submit').count(), { timeout: 15_000 }).toBe(1);
    await orgB.locator('#merge-submit').click();
    await expect
      .poll(() => orgB.locator('#merge-lots-error').innerText())
      .toContain('Choose at least two lots to merge');
    await check(orgB, 'goods-merge');
    await orgB.locator('#merge-lots').check();
    await orgB.locator('#merge-lots-2').check();
    await orgB.locator('#merge-submit').click();
    await seen(orgB, 'Lots merged: done');
    const merged = (await operatorView(didB)).lots;
    expect(merged.map((l) => l.quantity)).toEqual([900]);
    // The merged lot processed into an extract: the input used up, the output traced to it.
    await orgB.locator('#process-inputs').check();
    await orgB.locator('#process-product-1').selectOption('cbd-extract');
    await orgB.locator('#process-quantity-1').fill('150');
    await orgB.locator('#process-submit').click();
    await seen(orgB, 'Lots processed: done');
    const made = (await operatorView(didB)).lots;
    expect(made.map((l) => l.quantity)).toEqual([150]);
    const output = await n.http.get<{ parents: string[] }>(`/v1/goods/lots/${made[0]?.id ?? ''}`);
    expect(output.json.parents).toEqual([merged[0]?.id]);

    // A title charged to B; a sale that discharges the charge, drafted and approved.
    const [seller, buyer, sellerConv, buyerConv] = [1, 2, 3, 4].map(() => newDidKeySender());
    await newport.actor.submitAndWait('title.register', {
      titleNumber: 'CYM400002',
      uprn: '010090040002',
      tenure: 'freehold',
      area: 'W06000022',
      owners: [ownerDigest(new Uint8Array(32).fill(9), seller?.did ?? '')],
      charges: [{ ref: 'NB-77', lender: didB }],
      restrictions: [],
    });
    const transfer = await party(
      sellerConv as Sender,
      'title.draft',
      {
        titleNumber: 'CYM400002',
        sellers: [seller?.did ?? ''],
        buyers: [buyer?.did ?? ''],
        buyerConveyancer: buyerConv?.did ?? '',
        newOwners: [ownerDigest(new Uint8Array(32).fill(10), buyer?.did ?? '')],
        discharge: ['NB-77'],
      },
      AREA,
    );
    await newport.actor.submitAndWait('title.approve', { transfer });
    // B also acts as the buyer's conveyancer in a sale and in its client's own sale: a chain.
    const chain: string[] = [];
    for (const [i, number] of ['CYM400003', 'CYM400004'].entries()) {
      const owner = newDidKeySender();
      await newport.actor.submitAndWait('title.register', {
        titleNumber: number,
        uprn: `01009004000${i + 3}`,
        tenure: 'freehold',
        area: 'W06000022',
        owners: [ownerDigest(new Uint8Array(32).fill(11), owner.did)],
        charges: [],
        restrictions: [],
      });
      const payload = {
        titleNumber: number,
        sellers: [owner.did],
        buyers: [buyer?.did ?? ''],
        buyerConveyancer: didB,
        newOwners: [ownerDigest(new Uint8Array(32).fill(12), buyer?.did ?? '')],
        discharge: [],
      };
      chain.push(await party(sellerConv as Sender, 'title.draft', payload, AREA));
    }
    const [first = '', second = ''] = chain;

    // The lender's screen offers its consent, named for the charge, and nothing else there.
    await goTo(orgB, 'Property transfers', 'Property transfers');
    const consent = orgB.locator(`#sign-${transfer.slice(0, 12)}`);
    await expect.poll(() => consent.count(), { timeout: 15_000 }).toBe(1);
    expect(await consent.innerText()).toBe('Consent to discharge charge NB-77');
    const card = (title: string) =>
      orgB.locator('#titles-list > li').filter({ hasText: `Transfer of ${title}` });
    expect(await card('CYM400002').locator('button').count()).toBe(1);
    // The charges it holds on the title, found by its number: a discharge would be offered.
    await orgB.locator('#charge-title').fill('cym400002');
    await orgB.locator('#charge-find').click();
    await expect.poll(() => orgB.locator('#discharge-NB-77').count()).toBe(1);
    await check(orgB, 'titles-lender');
    await consent.click();
    await seen(orgB, 'Consent given by signing: done');
    await expect.poll(() => consent.count()).toBe(0);
    const t = await n.http.get<{ signedBy: string[] }>(`/v1/transfers/${transfer}`);
    expect(t.json.signedBy).toEqual([didB]);

    // As the conveyancer in both sales, B links them; the chain shows on both cards.
    await orgB.locator(`#link-to-${first.slice(0, 12)}`).selectOption(second);
    await orgB.locator(`#link-${first.slice(0, 12)}`).click();
    await seen(orgB, 'Transfers linked: done');
    await expect.poll(() => orgB.locator(`#link-${second.slice(0, 12)}`).count()).toBe(0);
    expect(await card('CYM400004').innerText()).toContain(first);
    const linked = await n.http.get<{ links: string[] }>(`/v1/transfers/${first}`);
    expect(linked.json.links).toEqual([second]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
