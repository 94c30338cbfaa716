// title register and transfers (decision 0012): registration, the transfer state machine
// (exhaustively, and over random histories on a real ledger), lender consent, chains, and
// every refusal writing nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import { generateKeyPairSync, signSync } from '../../node/crypto-node.js';
import { verifySync } from '../../node/crypto-node.js';
import { accountSeq, Ledger } from '../ledger.js';
import type { MemoryState } from '../state.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import { governanceModule } from './governance.js';
import type {
  TitleHistoryEntry,
  Transfer,
  TransferHistoryEntry,
  TransferMachine,
  TransferStage,
  TransferStep,
} from './title.js';
import {
  chainOf,
  fundsConfirmers,
  getTitle,
  getTransfer,
  LINKED_FROM_MAX,
  openTransferOf,
  ownerDigest,
  requiredSigners,
  stepTransfer,
  TITLE_KEYS,
  titleHistory,
  titleModule,
  TRANSFER_STAGES,
  TRANSFER_STEPS,
  transferHistory,
  waitingFor,
} from './title.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const ledger = new Ledger([governanceModule, titleModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

const { memberKps, bodies } = gwentTestMembers();
const body = (i: number) => bodies[i] as Signer;
const didKeySigner = (alg: 'Ed25519' | 'ES256' = 'Ed25519'): Signer => {
  const kp = generateKeyPairSync(alg);
  return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey };
};

// GWENT_BODIES: 0–4 councils (registrar too), 5 health board, 6 police, 7 fire, 8 NRW.
const NEWPORT = body(3);
const TORFAEN = body(4);
const HEALTH = body(5);
// Pairwise pseudonyms for this transfer, the firms' and lenders' system keys.
const SELLER = didKeySigner();
const SELLER2 = didKeySigner('ES256');
const BUYER = didKeySigner();
const SELLER_CONV = didKeySigner();
const BUYER_CONV = didKeySigner('ES256');
const OLD_LENDER = didKeySigner();
const NEW_LENDER = didKeySigner();
const STRANGER = didKeySigner();

const { freshState } = gwentTestGenesis(memberKps, NET, T0);
const NEWPORT_AREA: Geo = { area: 'W06000022' };

interface Sent {
  readonly code: string;
  readonly id: string;
}

let logIndex = 0;
let height = 0;

/** Signs (by the sender, and any co-signers) and executes one transaction in its own block. */
function send(
  state: MemoryState,
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  geo: Geo | null = NEWPORT_AREA,
  cosigners: readonly Signer[] = [],
): Sent {
  height++;
  const timeMs = T0 + height * 1000;
  const txBody: TxBody = {
    v: 1,
    network: NET,
    type,
    sender: sender.did,
    seq: accountSeq(state, sender.did) + 1,
    timeMs,
    ...(geo ? { geo } : {}),
    payload,
  };
  const message = txSigningMessage(canonicalJson(txBody));
  const p = prepareTx({
    body: txBody,
    signatures: [sender, ...cosigners].map((s) => ({
      signer: s.did,
      ...(s.keyId === undefined ? {} : { keyId: s.keyId }),
      alg: s.privateKey.alg,
      sig: toBase64Url(signSync(s.privateKey, message)),
    })),
  });
  if (!p.ok) throw new Error(p.code);
  const v = ledger.execute(state, { network: NET, height, timeMs }, p.value, logIndex++);
  return { code: v.ok ? 'ok' : v.code, id: p.value.id };
}

const dump = (s: MemoryState) => canonicalJson(Object.fromEntries(s.map));

/** Sends, expects the refusal `code`, and that nothing at all was written. */
function refused(
  s: MemoryState,
  code: string,
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  geo: Geo | null = NEWPORT_AREA,
): void {
  const before = dump(s);
  expect(send(s, type, sender, payload, geo).code, `${type} ${JSON.stringify(payload)}`).toBe(code);
  expect(dump(s)).toBe(before);
}

function ok(
  s: MemoryState,
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  geo: Geo | null = NEWPORT_AREA,
): string {
  const r = send(s, type, sender, payload, geo);
  expect(r.code, `${type} ${JSON.stringify(payload)}`).toBe('ok');
  return r.id;
}

const SALT = new Uint8Array(32).fill(7);
const owner = (d: Signer) => ownerDigest(SALT, d.did);

const titlePayload = (o: Record<string, Json> = {}): Record<string, Json> => ({
  titleNumber: 'CYM123456',
  uprn: '010090001234',
  tenure: 'freehold',
  area: 'W06000022',
  owners: [owner(SELLER)],
  charges: [{ ref: 'MORTGAGE-1', lender: OLD_LENDER.did }],
  restrictions: [],
  ...o,
});

function registered(s: MemoryState, o: Record<string, Json> = {}): string {
  const p = titlePayload(o);
  ok(s, 'title.register', NEWPORT, p, { lat: 51.5881, lon: -2.9977 });
  return String(p.titleNumber);
}

const draftPayload = (o: Record<string, Json> = {}): Record<string, Json> => ({
  titleNumber: 'CYM123456',
  sellers: [SELLER.did],
  buyers: [BUYER.did],
  buyerConveyancer: BUYER_CONV.did,
  newOwners: [owner(BUYER)],
  discharge: ['MORTGAGE-1'],
  newCharge: { ref: 'NEW-MORTGAGE-9', lender: NEW_LENDER.did },
  priceBand: '225k-400k',
  ...o,
});

function drafted(s: MemoryState, o: Record<string, Json> = {}): string {
  return ok(s, 'title.draft', SELLER_CONV, draftPayload(o));
}

const PARTY_SIGNERS = [SELLER, BUYER, SELLER_CONV, BUYER_CONV, OLD_LENDER, NEW_LENDER];

function historyOf<T>(s: MemoryState, prefix: string): T[] {
  return [...s.map.entries()]
    .filter(([k]) => k.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, v]) => v as unknown as T);
}

const stageOf = (s: MemoryState, id: string) => getTransfer(s, id)?.stage;

describe('title.register and the register’s own changes', () => {
  it('registers the public facts; owners only as salted digests; indexed by UPRN', () => {
    const s = freshState();
    const tn = registered(s);
    expect(getTitle(s, tn)).toMatchObject({
      titleNumber: 'CYM123456',
      uprn: '010090001234',
      tenure: 'freehold',
      area: 'W06000022',
      owners: [owner(SELLER)],
      charges: [{ ref: 'MORTGAGE-1', lender: OLD_LENDER.did }],
      restrictions: [],
      registrar: NEWPORT.did,
    });
    expect(s.get(TITLE_KEYS.uprn('010090001234', tn))).toBe(tn);
    const h = historyOf<TitleHistoryEntry>(s, titleHistory(tn));
    expect(h.map((e) => e.event)).toEqual(['registered']);
    // A registrar's transaction may carry the parcel's point: the place is the process.
    expect(h[0]?.geo).toEqual({ lat: 51.5881, lon: -2.9977 });
    // The digest is SHA-256 over the domain, the salt and the pseudonym: not the DID itself.
    expect(JSON.stringify([...s.map.values()])).not.toContain(SELLER.did);
  });

  it('refuses a non-registrar, a taken number or freehold parcel, no geo; a lease sits beside', () => {
    const s = freshState();
    refused(s, 'TITLE_NOT_REGISTRAR', 'title.register', HEALTH, titlePayload());
    refused(s, 'TITLE_NOT_REGISTRAR', 'title.register', SELLER_CONV, titlePayload());
    refused(s, 'TITLE_GEO_REQUIRED', 'title.register', NEWPORT, titlePayload(), null);
    registered(s);
    refused(s, 'TITLE_EXISTS', 'title.register', TORFAEN, titlePayload({ uprn: '000000000001' }));
    refused(
      s,
      'TITLE_PARCEL_TAKEN',
      'title.register',
      NEWPORT,
      titlePayload({ titleNumber: 'WA1' }),
    );
    ok(s, 'title.register', NEWPORT, titlePayload({ titleNumber: 'WA2', tenure: 'leasehold' }));
    refused(
      s,
      'TX_PAYLOAD_INVALID',
      'title.register',
      NEWPORT,
      titlePayload({ titleNumber: 'WA3', owners: ['Angharad Jones'] }),
    );
    refused(
      s,
      'TX_PAYLOAD_INVALID',
      'title.register',
      NEWPORT,
      titlePayload({ titleNumber: 'WA4', uprn: '12345' }),
    );
    refused(
      s,
      'TITLE_CHARGE_EXISTS',
      'title.register',
      NEWPORT,
      titlePayload({
        titleNumber: 'WA5',
        uprn: '000000000005',
        charges: [
          { ref: 'A', lender: OLD_LENDER.did },
          { ref: 'A', lender: NEW_LENDER.did },
        ],
      }),
    );
  });

  it('restrictions are entered and withdrawn by the title’s registrar only', () => {
    const s = freshState();
    const tn = registered(s);
    const restriction = { ref: 'R1', kind: 'court-order' };
    refused(s, 'TITLE_NOT_REGISTRAR', 'title.restrict', TORFAEN, { titleNumber: tn, restriction });
    refused(s, 'TITLE_NOT_REGISTRAR', 'title.restrict', SELLER_CONV, {
      titleNumber: tn,
      restriction,
    });
    refused(s, 'TITLE_UNKNOWN', 'title.restrict', NEWPORT, { titleNumber: 'CYM9', restriction });
    ok(s, 'title.restrict', NEWPORT, { titleNumber: tn, restriction });
    refused(s, 'TITLE_RESTRICTION_EXISTS', 'title.restrict', NEWPORT, {
      titleNumber: tn,
      restriction,
    });
    expect(getTitle(s, tn)?.restrictions).toEqual([restriction]);
    refused(s, 'TITLE_RESTRICTION_UNKNOWN', 'title.removeRestriction', NEWPORT, {
      titleNumber: tn,
      ref: 'R2',
    });
    ok(s, 'title.removeRestriction', NEWPORT, { titleNumber: tn, ref: 'R1' });
    expect(getTitle(s, tn)?.restrictions).toEqual([]);
    expect(historyOf<TitleHistoryEntry>(s, titleHistory(tn)).map((e) => e.event)).toEqual([
      'registered',
      'restricted',
      'restriction-removed',
    ]);
  });

  it('a new charge needs the lender’s co-signature; only its lender discharges a charge', () => {
    const s = freshState();
    const tn = registered(s);
    const charge = { ref: 'REMORTGAGE-2', lender: NEW_LENDER.did };
    const before = dump(s);
    expect(send(s, 'title.charge', NEWPORT, { titleNumber: tn, charge }).code).toBe(
      'TITLE_LENDER_CONSENT_MISSING',
    );
    // Co-signed by someone else is no consent either.
    expect(
      send(s, 'title.charge', NEWPORT, { titleNumber: tn, charge }, NEWPORT_AREA, [STRANGER]).code,
    ).toBe('TITLE_LENDER_CONSENT_MISSING');
    expect(dump(s)).toBe(before);
    expect(
      send(s, 'title.charge', NEWPORT, { titleNumber: tn, charge }, NEWPORT_AREA, [NEW_LENDER])
        .code,
    ).toBe('ok');
    expect(getTitle(s, tn)?.charges.map((c) => c.ref)).toEqual(['MORTGAGE-1', 'REMORTGAGE-2']);

    refused(s, 'TITLE_NOT_LENDER', 'title.discharge', NEW_LENDER, {
      titleNumber: tn,
      ref: 'MORTGAGE-1',
    });
    refused(s, 'TITLE_NOT_LENDER', 'title.discharge', NEWPORT, {
      titleNumber: tn,
      ref: 'MORTGAGE-1',
    });
    refused(s, 'TITLE_CHARGE_UNKNOWN', 'title.discharge', OLD_LENDER, {
      titleNumber: tn,
      ref: 'X',
    });
    ok(s, 'title.discharge', OLD_LENDER, { titleNumber: tn, ref: 'MORTGAGE-1' });
    expect(getTitle(s, tn)?.charges).toEqual([charge]);
    expect(historyOf<TitleHistoryEntry>(s, titleHistory(tn)).map((e) => e.event)).toEqual([
      'registered',
      'charged',
      'charge-discharged',
    ]);
  });
});

describe('a transfer, start to finish', () => {
  it('drafted → approved → signed by all → funds → completed → registered', () => {
    const s = freshState();
    const tn = registered(s);
    const id = drafted(s);
    const t = getTransfer(s, id) as Transfer;
    expect(t).toMatchObject({
      titleNumber: tn,
      registrar: NEWPORT.did,
      sellerConveyancer: SELLER_CONV.did,
      buyerConveyancer: BUYER_CONV.did,
      discharge: [{ ref: 'MORTGAGE-1', lender: OLD_LENDER.did }],
      newCharge: { ref: 'NEW-MORTGAGE-9', lender: NEW_LENDER.did },
      stage: 'drafted',
      signedBy: [],
    });
    // A draft does not hold the title; approval does.
    expect(openTransferOf(s, tn)).toBeUndefined();
    expect(waitingFor(t)).toEqual([{ step: 'approve', party: NEWPORT.did, roles: ['registrar'] }]);
    expect(requiredSigners(t).sort()).toEqual(PARTY_SIGNERS.map((p) => p.did).sort());

    ok(s, 'title.approve', NEWPORT, { transfer: id });
    expect(stageOf(s, id)).toBe('approved');
    expect(openTransferOf(s, tn)).toBe(id);
    // Any order among the parties; the stage moves on with the last signature.
    const order = [NEW_LENDER, BUYER, OLD_LENDER, SELLER_CONV, SELLER, BUYER_CONV];
    for (const [i, p] of order.entries()) {
      ok(s, 'title.sign', p, { transfer: id });
      const now = getTransfer(s, id) as Transfer;
      expect(now.signedBy).toEqual(order.slice(0, i + 1).map((x) => x.did));
      expect(now.stage).toBe(i === order.length - 1 ? 'signed' : 'approved');
      if (i < order.length - 1) {
        expect(waitingFor(now).map((w) => w.party)).toEqual(
          requiredSigners(now).filter((d) => !order.slice(0, i + 1).some((x) => x.did === d)),
        );
      }
    }
    expect(waitingFor(getTransfer(s, id) as Transfer).map((w) => w.roles)).toEqual([
      ['buyer-conveyancer'],
      ['new-lender'],
    ]);
    ok(s, 'title.confirmFunds', NEW_LENDER, { transfer: id });
    expect(stageOf(s, id)).toBe('signed');
    ok(s, 'title.confirmFunds', BUYER_CONV, { transfer: id });
    expect(stageOf(s, id)).toBe('funds-confirmed');
    ok(s, 'title.complete', SELLER_CONV, { transfer: id });
    expect(stageOf(s, id)).toBe('completed');
    // The register is unchanged until the registrar registers the transfer.
    expect(getTitle(s, tn)?.owners).toEqual([owner(SELLER)]);
    ok(s, 'title.registerTransfer', NEWPORT, { transfer: id });
    expect(stageOf(s, id)).toBe('registered');
    expect(getTitle(s, tn)).toMatchObject({
      owners: [owner(BUYER)],
      charges: [{ ref: 'NEW-MORTGAGE-9', lender: NEW_LENDER.did }],
    });
    expect(openTransferOf(s, tn)).toBeUndefined();
    expect(waitingFor(getTransfer(s, id) as Transfer)).toEqual([]);

    const th = historyOf<TransferHistoryEntry>(s, transferHistory(id));
    expect(th.map((e) => e.event)).toEqual([
      'drafted',
      'approve',
      ...order.map(() => 'sign'),
      'confirmFunds',
      'confirmFunds',
      'complete',
      'register',
    ]);
    expect(th.every((e) => e.geo !== undefined && e.txId.length === 64)).toBe(true);
    expect(th.find((e) => e.by === OLD_LENDER.did)?.roles).toEqual(['discharging-lender']);
    expect(historyOf<TitleHistoryEntry>(s, titleHistory(tn)).map((e) => e.event)).toEqual([
      'registered',
      'transfer-approved',
      'transferred',
    ]);
    // The old owner's side can still draft (the ledger cannot open the digests): the registrar,
    // who can, refuses it, and the register is untouched.
    const stale = drafted(s, { discharge: [], newCharge: { ref: 'M3', lender: NEW_LENDER.did } });
    const notOwners = { code: 'not-the-owners', en: 'Not the owners', cy: 'Nid y perchnogion' };
    ok(s, 'title.refuseTransfer', NEWPORT, { transfer: stale, reason: notOwners });
    expect(getTitle(s, tn)?.owners).toEqual([owner(BUYER)]);
  });

  it('refuses acting without the role, out of order, twice, and by a non-party', () => {
    const s = freshState();
    registered(s);
    const id = drafted(s);
    const tr = { transfer: id };
    // Before approval nobody signs.
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.sign', SELLER, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.confirmFunds', BUYER_CONV, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.complete', SELLER_CONV, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.registerTransfer', NEWPORT, tr);
    // Only the title's registrar approves.
    refused(s, 'TITLE_WRONG_ROLE', 'title.approve', SELLER_CONV, tr);
    refused(s, 'TITLE_NOT_PARTY', 'title.approve', TORFAEN, tr);
    refused(s, 'TITLE_NOT_PARTY', 'title.approve', STRANGER, tr);
    refused(s, 'TITLE_TRANSFER_UNKNOWN', 'title.approve', NEWPORT, { transfer: '0'.repeat(64) });
    ok(s, 'title.approve', NEWPORT, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.approve', NEWPORT, tr);
    refused(s, 'TITLE_NOT_PARTY', 'title.sign', STRANGER, tr);
    refused(s, 'TITLE_WRONG_ROLE', 'title.sign', NEWPORT, tr);
    ok(s, 'title.sign', SELLER, tr);
    refused(s, 'TITLE_ALREADY_SIGNED', 'title.sign', SELLER, tr);
    // A seller's or buyer's transaction names an area, not a point.
    refused(s, 'TITLE_GEO_TOO_PRECISE', 'title.sign', BUYER, tr, { lat: 51.58, lon: -2.99 });
    refused(s, 'TITLE_GEO_REQUIRED', 'title.sign', BUYER, tr, null);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.confirmFunds', BUYER_CONV, tr);
    refused(s, 'TITLE_WRONG_ROLE', 'title.confirmFunds', SELLER_CONV, tr);
    refused(s, 'TITLE_WRONG_ROLE', 'title.complete', BUYER_CONV, tr);
    refused(s, 'TITLE_WRONG_ROLE', 'title.withdraw', BUYER, tr);
    for (const p of [BUYER, SELLER_CONV, BUYER_CONV, OLD_LENDER, NEW_LENDER]) {
      ok(s, 'title.sign', p, tr);
    }
    refused(s, 'TITLE_ALREADY_SIGNED', 'title.sign', NEW_LENDER, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.complete', SELLER_CONV, tr);
    ok(s, 'title.confirmFunds', BUYER_CONV, tr);
    refused(s, 'TITLE_FUNDS_ALREADY_CONFIRMED', 'title.confirmFunds', BUYER_CONV, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.complete', SELLER_CONV, tr);
    ok(s, 'title.confirmFunds', NEW_LENDER, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.registerTransfer', NEWPORT, tr);
    ok(s, 'title.complete', SELLER_CONV, tr);
    // Completed: too late to withdraw.
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.withdraw', BUYER_CONV, tr);
    refused(s, 'TITLE_NOT_PARTY', 'title.registerTransfer', TORFAEN, tr);
    ok(s, 'title.registerTransfer', NEWPORT, tr);
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.registerTransfer', NEWPORT, tr);
  });

  it('a discharge waits for the old lender’s consent; without it nothing moves on', () => {
    const s2 = freshState();
    registered(s2);
    const payload = draftPayload();
    delete payload.newCharge;
    const id2 = ok(s2, 'title.draft', SELLER_CONV, payload);
    ok(s2, 'title.approve', NEWPORT, { transfer: id2 });
    for (const p of [SELLER, BUYER, SELLER_CONV, BUYER_CONV]) {
      ok(s2, 'title.sign', p, { transfer: id2 });
    }
    refused(s2, 'TITLE_LENDER_CONSENT_MISSING', 'title.confirmFunds', BUYER_CONV, {
      transfer: id2,
    });
    expect(waitingFor(getTransfer(s2, id2) as Transfer)).toEqual([
      { step: 'sign', party: OLD_LENDER.did, roles: ['discharging-lender'] },
    ]);
    ok(s2, 'title.sign', OLD_LENDER, { transfer: id2 });
    ok(s2, 'title.confirmFunds', BUYER_CONV, { transfer: id2 });
    ok(s2, 'title.complete', SELLER_CONV, { transfer: id2 });
    ok(s2, 'title.registerTransfer', NEWPORT, { transfer: id2 });
    expect(getTitle(s2, 'CYM123456')?.charges).toEqual([]);
  });

  it('checks the draft against the register, and the registrar checks restrictions', () => {
    const s = freshState();
    registered(s);
    const bad = (code: string, o: Record<string, Json>) =>
      refused(s, code, 'title.draft', SELLER_CONV, draftPayload(o));
    bad('TITLE_UNKNOWN', { titleNumber: 'CYM9' });
    bad('TITLE_CHARGE_UNKNOWN', { discharge: ['NOPE'] });
    bad('TITLE_CHARGE_EXISTS', {
      discharge: [],
      newCharge: { ref: 'MORTGAGE-1', lender: NEW_LENDER.did },
    });
    bad('TITLE_PARTIES_INVALID', { sellers: [SELLER.did, SELLER2.did] });
    bad('TITLE_PARTIES_INVALID', { sellers: [NEWPORT.did] });
    bad('TITLE_PARTIES_INVALID', { buyers: [SELLER.did], newOwners: [owner(SELLER)] });
    bad('TITLE_PARTIES_INVALID', { buyers: [BUYER.did, SELLER2.did] });
    bad('TITLE_PARTIES_INVALID', { buyerConveyancer: NEWPORT.did });
    bad('TITLE_PARTIES_INVALID', { buyerConveyancer: BUYER.did });
    bad('TITLE_PARTIES_INVALID', { buyerConveyancer: 'did:example:nope' });
    bad('TITLE_LINK_UNKNOWN', { links: ['1'.repeat(64)] });
    bad('TX_PAYLOAD_INVALID', { priceBand: '£250,000' });
    refused(s, 'TITLE_GEO_REQUIRED', 'title.draft', SELLER_CONV, draftPayload(), null);

    ok(s, 'title.restrict', NEWPORT, {
      titleNumber: 'CYM123456',
      restriction: { ref: 'FORM-A', kind: 'joint-proprietors' },
    });
    ok(s, 'title.restrict', NEWPORT, {
      titleNumber: 'CYM123456',
      restriction: { ref: 'BKY-1', kind: 'bankruptcy' },
    });
    const id = drafted(s);
    // Anyone may draft (a rival draft costs nothing); only one is approved at a time.
    const rival = drafted(s);
    refused(s, 'TITLE_RESTRICTED', 'title.approve', NEWPORT, { transfer: id });
    ok(s, 'title.removeRestriction', NEWPORT, { titleNumber: 'CYM123456', ref: 'BKY-1' });
    // A joint-proprietor restriction is for the parties to see; it does not block.
    ok(s, 'title.approve', NEWPORT, { transfer: id });
    refused(s, 'TITLE_TRANSFER_OPEN', 'title.approve', NEWPORT, { transfer: rival });
    // Withdrawing the rival draft leaves the approved transfer holding the title.
    ok(s, 'title.withdraw', SELLER_CONV, { transfer: rival });
    expect(openTransferOf(s, 'CYM123456')).toBe(id);
  });

  it('withdrawal and refusal close a transfer and free the title', () => {
    const s = freshState();
    const tn = registered(s);
    const id = drafted(s);
    refused(s, 'TITLE_WRONG_ROLE', 'title.refuseTransfer', SELLER_CONV, {
      transfer: id,
      reason: { code: 'mismatch', en: 'Does not match', cy: 'Ddim yn cyfateb' },
    });
    ok(s, 'title.refuseTransfer', NEWPORT, {
      transfer: id,
      reason: { code: 'mismatch', en: 'Does not match', cy: 'Ddim yn cyfateb' },
    });
    expect(getTransfer(s, id)).toMatchObject({ stage: 'refused', reason: { code: 'mismatch' } });
    expect(openTransferOf(s, tn)).toBeUndefined();
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.withdraw', SELLER_CONV, { transfer: id });

    const id2 = drafted(s);
    ok(s, 'title.approve', NEWPORT, { transfer: id2 });
    ok(s, 'title.sign', SELLER, { transfer: id2 });
    ok(s, 'title.withdraw', BUYER_CONV, { transfer: id2 });
    expect(stageOf(s, id2)).toBe('withdrawn');
    refused(s, 'TITLE_STEP_OUT_OF_ORDER', 'title.sign', BUYER, { transfer: id2 });
    expect(openTransferOf(s, tn)).toBeUndefined();
    expect(historyOf<TitleHistoryEntry>(s, titleHistory(tn)).map((e) => e.event)).toEqual([
      'registered',
      'transfer-approved',
      'transfer-closed',
    ]);
    drafted(s);
  });
});

describe('chains', () => {
  // P sells CYM1 (P's conveyancer is the seller's) and buys CYM2 (P's conveyancer is the buyer's).
  const P_CONV = didKeySigner();
  const P_AS_SELLER = didKeySigner();
  const P_AS_BUYER = didKeySigner();
  const X = didKeySigner();
  const X_CONV = didKeySigner();
  const Y = didKeySigner();
  const Y_CONV = didKeySigner();

  function chainOfTwo(s: MemoryState): { sale: string; purchase: string } {
    ok(
      s,
      'title.register',
      NEWPORT,
      titlePayload({
        titleNumber: 'CYM1',
        uprn: '000000000001',
        owners: [owner(P_AS_SELLER)],
        charges: [],
      }),
    );
    ok(
      s,
      'title.register',
      NEWPORT,
      titlePayload({ titleNumber: 'CYM2', uprn: '000000000002', owners: [owner(X)], charges: [] }),
    );
    // X sells CYM2 to P.
    const purchase = ok(s, 'title.draft', X_CONV, {
      titleNumber: 'CYM2',
      sellers: [X.did],
      buyers: [P_AS_BUYER.did],
      buyerConveyancer: P_CONV.did,
      newOwners: [owner(P_AS_BUYER)],
      discharge: [],
    });
    // P sells CYM1 to Y; P's conveyancer acts in both, so may link them.
    const sale = ok(s, 'title.draft', P_CONV, {
      titleNumber: 'CYM1',
      sellers: [P_AS_SELLER.did],
      buyers: [Y.did],
      buyerConveyancer: Y_CONV.did,
      newOwners: [owner(Y)],
      discharge: [],
      links: [purchase],
    });
    return { sale, purchase };
  }

  it('is seen whole from either end, with what each transfer waits for', () => {
    const s = freshState();
    const { sale, purchase } = chainOfTwo(s);
    ok(s, 'title.approve', NEWPORT, { transfer: purchase });
    ok(s, 'title.sign', X, { transfer: purchase });
    const c = chainOf(s, sale);
    expect(c?.transfers.map((t) => t.id)).toEqual([sale, purchase]);
    expect(chainOf(s, purchase)?.transfers.map((t) => t.id)).toEqual([purchase, sale]);
    expect(c?.transfers[0]?.links).toEqual([purchase]);
    expect(c?.transfers[1]?.links).toEqual([sale]);
    // The sale is not yet approved: it holds the chain up.
    expect(c?.holdingUp).toEqual([sale]);
    expect(c?.transfers[1]?.waitingFor.map((w) => w.roles[0])).toEqual([
      'buyer',
      'seller-conveyancer',
      'buyer-conveyancer',
    ]);
    expect(c?.truncated).toBe(false);
    ok(s, 'title.approve', NEWPORT, { transfer: sale });
    expect(chainOf(s, sale)?.holdingUp).toEqual([sale, purchase]);
    expect(chainOf(s, '2'.repeat(64))).toBeUndefined();
    const th = historyOf<TransferHistoryEntry>(s, transferHistory(sale));
    expect(th[0]).toMatchObject({ event: 'drafted', links: [purchase] });
  });

  it('a transfer takes at most LINKED_FROM_MAX links: free drafts cannot grow it forever', () => {
    const s = freshState();
    const { purchase } = chainOfTwo(s);
    const again = {
      titleNumber: 'CYM1',
      sellers: [P_AS_SELLER.did],
      buyers: [Y.did],
      buyerConveyancer: Y_CONV.did,
      newOwners: [owner(Y)],
      discharge: [],
      links: [purchase],
    };
    for (let i = 1; i < LINKED_FROM_MAX; i++) ok(s, 'title.draft', P_CONV, again);
    refused(s, 'TITLE_LINK_INVALID', 'title.draft', P_CONV, again);
    expect(chainOf(s, purchase)?.transfers).toHaveLength(LINKED_FROM_MAX + 1);
  });

  it('only a conveyancer acting in both may link; no self, closed or repeated links', () => {
    const s = freshState();
    const { sale, purchase } = chainOfTwo(s);
    refused(s, 'TITLE_LINK_NOT_CONVEYANCER', 'title.link', Y_CONV, {
      transfer: sale,
      to: purchase,
    });
    refused(s, 'TITLE_LINK_NOT_CONVEYANCER', 'title.link', X_CONV, {
      transfer: sale,
      to: purchase,
    });
    refused(s, 'TITLE_LINK_INVALID', 'title.link', P_CONV, { transfer: sale, to: purchase });
    refused(s, 'TITLE_LINK_INVALID', 'title.link', P_CONV, { transfer: sale, to: sale });
    refused(s, 'TITLE_LINK_INVALID', 'title.link', P_CONV, { transfer: purchase, to: sale });
    // A conveyancer not in the other transfer cannot name it at draft either.
    ok(
      s,
      'title.register',
      NEWPORT,
      titlePayload({ titleNumber: 'CYM3', uprn: '000000000003', owners: [owner(Y)], charges: [] }),
    );
    refused(s, 'TITLE_LINK_NOT_CONVEYANCER', 'title.draft', Y_CONV, {
      titleNumber: 'CYM3',
      sellers: [Y.did],
      buyers: [X.did],
      buyerConveyancer: X_CONV.did,
      newOwners: [owner(X)],
      discharge: [],
      links: [purchase],
    });
    ok(s, 'title.withdraw', X_CONV, { transfer: purchase });
    const third = ok(s, 'title.draft', Y_CONV, {
      titleNumber: 'CYM3',
      sellers: [Y.did],
      buyers: [X.did],
      buyerConveyancer: X_CONV.did,
      newOwners: [owner(X)],
      discharge: [],
    });
    refused(s, 'TITLE_LINK_INVALID', 'title.link', X_CONV, { transfer: third, to: purchase });
    ok(s, 'title.link', Y_CONV, { transfer: third, to: sale });
    expect(chainOf(s, purchase)?.transfers.map((t) => t.id)).toEqual([purchase, sale, third]);
    // A withdrawn transfer is not what holds a chain up.
    expect(chainOf(s, purchase)?.holdingUp).toEqual([sale, third]);
  });
});

// ---- the state machine, exhaustively ----

const REG = 'did:web:registrar.example';
const PARTIES = {
  registrar: REG,
  sellers: ['did:key:seller'],
  buyers: ['did:key:buyer'],
  sellerConveyancer: 'did:key:sconv',
  buyerConveyancer: 'did:key:bconv',
  discharge: [{ ref: 'C1', lender: 'did:key:oldlender' }],
  newCharge: { ref: 'C2', lender: 'did:key:newlender' },
} as const;
const ACTORS = [
  REG,
  'did:key:seller',
  'did:key:buyer',
  'did:key:sconv',
  'did:key:bconv',
  'did:key:oldlender',
  'did:key:newlender',
  'did:key:stranger',
];
const ALL_SIGNED = requiredSigners(PARTIES);

/** Who may take each step (the specification, written out rather than derived). */
const WHO: { readonly [S in TransferStep]: readonly string[] } = {
  approve: [REG],
  refuse: [REG],
  register: [REG],
  sign: ALL_SIGNED,
  confirmFunds: ['did:key:bconv', 'did:key:newlender'],
  complete: ['did:key:sconv'],
  withdraw: ['did:key:sconv', 'did:key:bconv'],
};
/** From which stage each step goes where (for the last signature or confirmation). */
const NEXT: { readonly [S in TransferStage]: Partial<Record<TransferStep, TransferStage>> } = {
  drafted: { approve: 'approved', refuse: 'refused', withdraw: 'withdrawn' },
  approved: { sign: 'signed', refuse: 'refused', withdraw: 'withdrawn' },
  signed: { confirmFunds: 'funds-confirmed', withdraw: 'withdrawn' },
  'funds-confirmed': { complete: 'completed', withdraw: 'withdrawn' },
  completed: { register: 'registered' },
  registered: {},
  withdrawn: {},
  refused: {},
};

/** A machine at `stage` with everything before it done, and at `approved`/`signed` one short. */
function machineAt(stage: TransferStage): TransferMachine {
  const afterSigning = !['drafted', 'approved'].includes(stage);
  const afterFunds = !['drafted', 'approved', 'signed'].includes(stage);
  const signedBy = stage === 'approved' ? ALL_SIGNED.slice(0, -1) : afterSigning ? ALL_SIGNED : [];
  const confirmers = fundsConfirmers(PARTIES);
  const fundsConfirmedBy =
    stage === 'signed' ? confirmers.slice(0, -1) : afterFunds ? confirmers : [];
  return { ...PARTIES, stage, signedBy, fundsConfirmedBy };
}

describe('stepTransfer', () => {
  it('allows exactly the specified step, actor and stage; refuses all else with the right code', () => {
    let allowed = 0;
    for (const stage of TRANSFER_STAGES) {
      const m = machineAt(stage);
      for (const step of TRANSFER_STEPS) {
        for (const actor of ACTORS) {
          const r = stepTransfer(m, step, actor);
          const label = `${stage} ${step} ${actor}`;
          const mayAct = WHO[step].includes(actor);
          const to = NEXT[stage][step];
          const twice =
            (step === 'sign' && m.signedBy.includes(actor)) ||
            (step === 'confirmFunds' && m.fundsConfirmedBy.includes(actor));
          if (!mayAct) {
            expect(r, label).toMatchObject({
              ok: false,
              code: actor === 'did:key:stranger' ? 'TITLE_NOT_PARTY' : 'TITLE_WRONG_ROLE',
            });
          } else if (twice) {
            expect(r, label).toMatchObject({
              ok: false,
              code: step === 'sign' ? 'TITLE_ALREADY_SIGNED' : 'TITLE_FUNDS_ALREADY_CONFIRMED',
            });
          } else if (to === undefined) {
            expect(r.ok, label).toBe(false);
            if (!r.ok) {
              expect(['TITLE_STEP_OUT_OF_ORDER', 'TITLE_LENDER_CONSENT_MISSING']).toContain(r.code);
            }
          } else {
            allowed++;
            expect(r, label).toMatchObject({ ok: true, value: { stage: to } });
          }
        }
      }
    }
    // approve, refuse, withdraw×2 at drafted; the last signer, refuse, withdraw×2 at approved;
    // the last confirmer, withdraw×2 at signed; complete, withdraw×2; register.
    expect(allowed).toBe(4 + 4 + 3 + 3 + 1);
  });

  it('says the lender’s consent is missing when only lenders have not signed', () => {
    const m: TransferMachine = {
      ...PARTIES,
      stage: 'approved',
      signedBy: ALL_SIGNED.filter((d) => d !== 'did:key:oldlender'),
      fundsConfirmedBy: [],
    };
    expect(stepTransfer(m, 'confirmFunds', 'did:key:bconv')).toMatchObject({
      code: 'TITLE_LENDER_CONSENT_MISSING',
    });
    const m2 = { ...m, signedBy: ALL_SIGNED.filter((d) => d !== 'did:key:buyer') };
    expect(stepTransfer(m2, 'confirmFunds', 'did:key:bconv')).toMatchObject({
      code: 'TITLE_STEP_OUT_OF_ORDER',
    });
  });

  it('never reaches registered unless every step happened in order (random step sequences)', () => {
    const stepArb = fc.tuple(fc.constantFrom(...TRANSFER_STEPS), fc.constantFrom(...ACTORS));
    let reached = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { arbitrary: stepArb, weight: 1 },
            { arbitrary: fc.constant('progress' as const), weight: 2 },
          ),
          { minLength: 11, maxLength: 40, size: 'max' },
        ),
        fc.nat(),
        (ops, seed) => {
          let m: TransferMachine = {
            ...PARTIES,
            stage: 'drafted',
            signedBy: [],
            fundsConfirmedBy: [],
          };
          const accepted: [TransferStep, string][] = [];
          let k = seed;
          for (const op of ops) {
            // 'progress' takes one of the steps the machine waits for, so runs do get far.
            const w = waitingFor(m);
            const pick = w[k++ % Math.max(1, w.length)];
            const [step, actor] =
              op === 'progress'
                ? pick
                  ? [pick.step, pick.party]
                  : (['approve', REG] as const)
                : op;
            const r = stepTransfer(m, step, actor);
            if (!r.ok) continue;
            accepted.push([step, actor]);
            m = { ...m, ...r.value };
          }
          if (m.stage !== 'registered') return;
          reached++;
          const steps = accepted.map(([s]) => s);
          const signs = accepted.filter(([s]) => s === 'sign').map(([, a]) => a);
          const funds = accepted.filter(([s]) => s === 'confirmFunds').map(([, a]) => a);
          expect(steps).toEqual([
            'approve',
            ...signs.map(() => 'sign'),
            ...funds.map(() => 'confirmFunds'),
            'complete',
            'register',
          ]);
          expect([...signs].sort()).toEqual([...ALL_SIGNED].sort());
          expect([...funds].sort()).toEqual([...fundsConfirmers(PARTIES)].sort());
          expect(accepted[0]?.[1]).toBe(REG);
          expect(accepted.at(-2)?.[1]).toBe('did:key:sconv');
          expect(accepted.at(-1)?.[1]).toBe(REG);
        },
      ),
      { numRuns: 2000 },
    );
    expect(reached).toBeGreaterThan(50);
  });
});

describe('the ledger over random histories', () => {
  const SIGNERS: readonly Signer[] = [NEWPORT, TORFAEN, ...PARTY_SIGNERS, STRANGER];
  const TYPE_OF: { readonly [S in TransferStep]: string } = {
    approve: 'title.approve',
    refuse: 'title.refuseTransfer',
    sign: 'title.sign',
    confirmFunds: 'title.confirmFunds',
    complete: 'title.complete',
    register: 'title.registerTransfer',
    withdraw: 'title.withdraw',
  };
  const reason = { code: 'x', en: 'Reason', cy: 'Rheswm' };

  it('changes the owners only after every signature and step, in order; refusals write nothing', () => {
    let reached = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            {
              arbitrary: fc.tuple(fc.constantFrom(...TRANSFER_STEPS), fc.nat(SIGNERS.length - 1)),
              weight: 1,
            },
            { arbitrary: fc.constant('progress' as const), weight: 3 },
          ),
          { minLength: 11, maxLength: 24, size: 'max' },
        ),
        (ops) => {
          const s = freshState();
          const tn = registered(s);
          const id = drafted(s);
          const accepted: [TransferStep, string][] = [];
          for (const op of ops) {
            const t = getTransfer(s, id) as Transfer;
            const w = waitingFor(t)[0];
            let step: TransferStep;
            let who: Signer;
            if (op === 'progress') {
              if (!w) break;
              step = w.step;
              who = SIGNERS.find((x) => x.did === w.party) as Signer;
            } else {
              step = op[0];
              who = SIGNERS[op[1]] as Signer;
            }
            const before = dump(s);
            const payload: Record<string, Json> =
              step === 'refuse' ? { transfer: id, reason } : { transfer: id };
            const r = send(s, TYPE_OF[step], who, payload);
            if (r.code === 'ok') {
              accepted.push([step, who.did]);
            } else {
              expect(r.code.startsWith('TITLE_'), r.code).toBe(true);
              expect(dump(s)).toBe(before);
            }
            const title = getTitle(s, tn);
            const st = stageOf(s, id);
            expect(title?.owners).toEqual(st === 'registered' ? [owner(BUYER)] : [owner(SELLER)]);
          }
          if (stageOf(s, id) !== 'registered') return;
          reached++;
          const t = getTransfer(s, id) as Transfer;
          expect(accepted.map(([x]) => x)).toEqual([
            'approve',
            ...requiredSigners(t).map(() => 'sign'),
            ...fundsConfirmers(t).map(() => 'confirmFunds'),
            'complete',
            'register',
          ]);
          expect(t.signedBy.length).toBe(requiredSigners(t).length);
          expect(getTitle(s, tn)?.charges.map((c) => c.ref)).toEqual(['NEW-MORTGAGE-9']);
          const events = historyOf<TransferHistoryEntry>(s, transferHistory(id)).map(
            (e) => e.event,
          );
          expect(events).toEqual(['drafted', ...accepted.map(([x]) => x)]);
        },
      ),
      { numRuns: 60 },
    );
    expect(reached).toBeGreaterThan(0);
  });
});
