// consent and access: a citizen's pairwise did:key grants and withdraws; the holder body records
// every request; the ledger refuses a 'served' record that no live consent covers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import { generateKeyPairSync, signSync, verifySync } from '../../node/crypto-node.js';
import { accountSeq, Ledger } from '../ledger.js';
import { MemoryState } from '../state.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import type { ConsentQuery } from './consent.js';
import {
  accessModule,
  checkConsent,
  CONSENT_KEYS,
  consentModule,
  getAccessRecord,
  getConsent,
} from './consent.js';
import { governanceModule } from './governance.js';
import { identityModule } from './identity.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const ledger = new Ledger([governanceModule, identityModule, consentModule, accessModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

const { memberKps, bodies } = gwentTestMembers();
const body = (i: number) => bodies[i] as Signer;
const citizens: Signer[] = (['ES256', 'Ed25519', 'ES256'] as const).map((alg) => {
  const kp = generateKeyPairSync(alg);
  return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey };
});
const citizen = (i: number) => citizens[i] as Signer;

const { freshState } = gwentTestGenesis(memberKps, NET, T0);

interface Sent {
  readonly code: string;
  readonly id: string;
}

/** Signs (node:crypto, synchronously) and executes one transaction in a block at `at`. */
function send(
  state: MemoryState,
  at: { height: number; timeMs: number },
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  geo?: Geo,
): Sent {
  const txBody: TxBody = {
    v: 1,
    network: NET,
    type,
    sender: sender.did,
    seq: accountSeq(state, sender.did) + 1,
    timeMs: at.timeMs,
    ...(geo ? { geo } : {}),
    payload,
  };
  const sig = toBase64Url(signSync(sender.privateKey, txSigningMessage(canonicalJson(txBody))));
  const p = prepareTx({
    body: txBody,
    signatures: [
      {
        signer: sender.did,
        ...(sender.keyId === undefined ? {} : { keyId: sender.keyId }),
        alg: sender.privateKey.alg,
        sig,
      },
    ],
  });
  if (!p.ok) throw new Error(p.code);
  const v = ledger.execute(state, { network: NET, ...at }, p.value, 0);
  return { code: v.ok ? 'ok' : v.code, id: p.value.id };
}

const HOLDER = body(5); // Aneurin Bevan UHB holds the data
const REQUESTER = body(3); // Newport asks for it
const purpose = { code: 'blue-badge', en: 'Blue badge application', cy: 'Cais bathodyn glas' };
const grantPayload = (o: Record<string, Json> = {}): Record<string, Json> => ({
  holder: HOLDER.did,
  requester: REQUESTER.did,
  purpose,
  categories: ['mobility', 'gp-practice'],
  lawfulBasis: 'consent',
  expiresMs: T0 + 3_600_000,
  ...o,
});
const rid = (n: number) => n.toString(16).padStart(32, '0');
const recordPayload = (o: Record<string, Json> = {}): Record<string, Json> => ({
  requestId: rid(1),
  requester: REQUESTER.did,
  subject: citizen(0).did,
  category: 'mobility',
  purpose: 'blue-badge',
  consentId: null,
  outcome: 'refused',
  ...o,
});
const at = (h: number, dtMs = h * 1000) => ({ height: h, timeMs: T0 + dtMs });
const dump = (s: MemoryState) => canonicalJson(Object.fromEntries(s.map));

describe('consent.grant', () => {
  it('records the consent under its transaction id, with an index by subject', () => {
    const s = freshState();
    const r = send(s, at(1), 'consent.grant', citizen(0), grantPayload(), { area: 'W06000022' });
    expect(r.code).toBe('ok');
    expect(getConsent(s, r.id)).toEqual({
      id: r.id,
      subject: citizen(0).did,
      holder: HOLDER.did,
      requester: REQUESTER.did,
      purpose,
      categories: ['mobility', 'gp-practice'],
      lawfulBasis: 'consent',
      grantedMs: T0 + 1000,
      expiresMs: T0 + 3_600_000,
      height: 1,
      txId: r.id,
    });
    expect(s.get(CONSENT_KEYS.consentOf(citizen(0).did, r.id))).toBe(r.id);
  });

  it('refuses what 0006 forbids, each with its code, and writes nothing', () => {
    const s = freshState();
    const before = dump(s);
    const grant = (o: Record<string, Json>, who = citizen(0), geo?: Geo) =>
      send(s, at(1), 'consent.grant', who, grantPayload(o), geo).code;
    expect(grant({}, body(0))).toBe('CONSENT_SENDER_NOT_DID_KEY');
    expect(grant({}, citizen(0), { lat: 51.58, lon: -2.99 })).toBe('CONSENT_GEO_TOO_PRECISE');
    expect(grant({ holder: 'did:web:elsewhere.example' })).toBe('CONSENT_HOLDER_UNKNOWN');
    expect(grant({ requester: 'did:web:elsewhere.example' })).toBe('CONSENT_REQUESTER_UNKNOWN');
    expect(grant({ requester: HOLDER.did })).toBe('CONSENT_SAME_PARTY');
    expect(grant({ expiresMs: T0 + 1000 })).toBe('CONSENT_EXPIRES_IN_PAST');
    const bads: Record<string, Json>[] = [
      { categories: [] },
      { categories: ['a', 'a'] },
      { categories: Array.from({ length: 17 }, (_, i) => `c${i}`) },
      { categories: ['Mobility'] },
      { categories: [`a${'b'.repeat(41)}`] },
      { lawfulBasis: 'because' },
      { purpose: { ...purpose, code: '1st' } },
      { purpose: { ...purpose, en: '' } },
      { purpose: { ...purpose, cy: 'x'.repeat(301) } },
      { holder: citizen(1).did },
      { expiresMs: 1.5 },
    ];
    for (const bad of bads) {
      expect(grant(bad), JSON.stringify(bad)).toBe('TX_PAYLOAD_INVALID');
    }
    expect(dump(s)).toBe(before);
    expect(grant({ categories: Array.from({ length: 16 }, (_, i) => `c${i}`) })).toBe('ok');
  });
});

describe('consent.withdraw and checkConsent', () => {
  it('answers each 0006 code, and a withdrawal is final', () => {
    const s = freshState();
    const g = send(s, at(1), 'consent.grant', citizen(0), grantPayload());
    const q: ConsentQuery = {
      consentId: g.id,
      holder: HOLDER.did,
      requester: REQUESTER.did,
      category: 'mobility',
      purpose: 'blue-badge',
      subject: citizen(0).did,
      atMs: T0 + 2000,
    };
    const check = (o: Partial<ConsentQuery>) => {
      const v = checkConsent(s, { ...q, ...o });
      return v.ok ? 'OK' : v.code;
    };
    expect(check({})).toBe('OK');
    expect(check({ subject: undefined })).toBe('OK');
    expect(check({ consentId: 'f'.repeat(64) })).toBe('CONSENT_UNKNOWN');
    expect(check({ atMs: T0 + 3_600_000 })).toBe('CONSENT_EXPIRED');
    expect(check({ atMs: T0 + 3_599_999 })).toBe('OK');
    expect(check({ holder: body(0).did })).toBe('CONSENT_WRONG_HOLDER');
    expect(check({ requester: body(0).did })).toBe('CONSENT_WRONG_REQUESTER');
    expect(check({ category: 'income' })).toBe('CONSENT_WRONG_CATEGORY');
    expect(check({ purpose: 'housing' })).toBe('CONSENT_WRONG_PURPOSE');
    expect(check({ subject: citizen(1).did })).toBe('CONSENT_WRONG_SUBJECT');

    const withdraw = (who: Signer, consentId: string, h: number, geo?: Geo) =>
      send(s, at(h), 'consent.withdraw', who, { consentId }, geo).code;
    expect(withdraw(citizen(0), 'e'.repeat(64), 2)).toBe('CONSENT_UNKNOWN');
    expect(withdraw(citizen(1), g.id, 2)).toBe('CONSENT_NOT_SUBJECT');
    expect(withdraw(body(5), g.id, 2)).toBe('CONSENT_SENDER_NOT_DID_KEY');
    expect(withdraw(citizen(0), g.id, 2, { lat: 51.5, lon: -3 })).toBe('CONSENT_GEO_TOO_PRECISE');
    expect(withdraw(citizen(0), g.id, 3)).toBe('ok');
    expect(getConsent(s, g.id)).toMatchObject({ withdrawnMs: T0 + 3000 });
    expect(getConsent(s, g.id)?.withdrawTxId).toMatch(/^[0-9a-f]{64}$/);
    expect(withdraw(citizen(0), g.id, 4)).toBe('CONSENT_ALREADY_WITHDRAWN');
    expect(check({})).toBe('CONSENT_WITHDRAWN');
  });
});

describe('access.record', () => {
  it('a served record cites a consent that covers it; a refused one needs none', () => {
    const s = freshState();
    const g = send(s, at(1), 'consent.grant', citizen(0), grantPayload());
    const record = (o: Record<string, Json>, who = HOLDER, h = 2, geo?: Geo) =>
      send(s, at(h), 'access.record', who, recordPayload(o), geo).code;
    const served = { outcome: 'served', consentId: g.id };
    expect(record({ ...served, requestId: rid(1) }, citizen(0))).toBe('ACCESS_SENDER_NOT_MEMBER');
    expect(record({ ...served, requestId: rid(1) }, body(0))).toBe('ACCESS_SERVED_WITHOUT_CONSENT');
    expect(record({ ...served, consentId: null })).toBe('ACCESS_SERVED_WITHOUT_CONSENT');
    expect(record({ ...served, category: 'income' })).toBe('ACCESS_SERVED_WITHOUT_CONSENT');
    expect(record({ ...served, subject: citizen(1).did })).toBe('ACCESS_SERVED_WITHOUT_CONSENT');
    expect(record({ ...served, requester: 'did:web:elsewhere.example' })).toBe(
      'ACCESS_REQUESTER_UNKNOWN',
    );
    expect(record({ ...served, requestId: 'A'.repeat(32) })).toBe('TX_PAYLOAD_INVALID');
    expect(record({ ...served, subject: body(0).did })).toBe('TX_PAYLOAD_INVALID');
    expect(record({ ...served, reason: 'Bad Reason' })).toBe('TX_PAYLOAD_INVALID');
    expect(record({ ...served, outcome: 'maybe' })).toBe('TX_PAYLOAD_INVALID');
    expect(record(served, HOLDER, 2, { area: 'W06000022' })).toBe('ok');
    expect(getAccessRecord(s, rid(1))).toEqual({
      ...recordPayload(served),
      holder: HOLDER.did,
      txId: getAccessRecord(s, rid(1))?.txId,
      height: 2,
      timeMs: T0 + 2000,
      geo: { area: 'W06000022' },
    });
    expect(s.get(CONSENT_KEYS.accessOf(citizen(0).did, rid(1)))).toBe(rid(1));
    expect(record({ ...served, requestId: rid(1) })).toBe('ACCESS_DUPLICATE');
    // Refused: always recorded, with or without a consent, whoever the requester is.
    expect(record({ requestId: rid(2), reason: 'no-record' })).toBe('ok');
    expect(record({ requestId: rid(3), consentId: 'f'.repeat(64), category: 'x' })).toBe('ok');
    // After expiry, and after withdrawal, the ledger refuses a 'served' claim.
    expect(record({ ...served, requestId: rid(4) }, HOLDER, 3, undefined)).toBe('ok');
    expect(
      send(
        s,
        at(5, 3_600_000),
        'access.record',
        HOLDER,
        recordPayload({ ...served, requestId: rid(5) }),
      ).code,
    ).toBe('ACCESS_SERVED_WITHOUT_CONSENT');
    expect(send(s, at(6), 'consent.withdraw', citizen(0), { consentId: g.id }).code).toBe('ok');
    expect(record({ ...served, requestId: rid(6) }, HOLDER, 7)).toBe(
      'ACCESS_SERVED_WITHOUT_CONSENT',
    );
    expect(record({ ...served, requestId: rid(6), outcome: 'refused' }, HOLDER, 7)).toBe('ok');
  });
});

// ---- the state machine, by property ----

const CATEGORIES = ['mobility', 'income', 'address'] as const;
const PURPOSES = ['blue-badge', 'housing'] as const;
/** Holders and requesters: three member bodies, and one that is not a member. */
const PARTIES = [body(3).did, body(5).did, body(0).did, 'did:web:elsewhere.example'];
const SENDERS: Signer[] = [...citizens, body(3), body(5), body(0)];

type Cmd =
  | {
      kind: 'grant';
      sender: number;
      holder: number;
      requester: number;
      categories: string[];
      purpose: number;
      expiresInMs: number;
      coords: boolean;
    }
  | { kind: 'withdraw'; sender: number; consent: number }
  | {
      kind: 'record';
      sender: number;
      requester: number;
      subject: number;
      category: number;
      purpose: number;
      consent: number | null;
      served: boolean;
      reuseId: boolean;
      /** Take holder, requester, category, purpose and subject from the cited consent. */
      aligned: boolean;
    };

const idx = (n: number) => fc.integer({ min: 0, max: n - 1 });
/** Mostly the first `likely` choices (the ones that can succeed), sometimes any of `n`. */
const mostly = (likely: number, n: number) =>
  fc.oneof({ weight: 4, arbitrary: idx(likely) }, { weight: 1, arbitrary: idx(n) });
const cmdArb: fc.Arbitrary<{ dtMs: number; cmd: Cmd }> = fc.record({
  dtMs: fc.integer({ min: 0, max: 2000 }),
  cmd: fc.oneof(
    fc.record({
      kind: fc.constant('grant' as const),
      sender: mostly(citizens.length, SENDERS.length),
      holder: mostly(3, PARTIES.length),
      requester: mostly(3, PARTIES.length),
      categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 3 }),
      purpose: idx(PURPOSES.length),
      expiresInMs: fc.integer({ min: -1000, max: 40_000 }),
      coords: fc.constantFrom(false, false, false, true),
    }),
    fc.record({
      kind: fc.constant('withdraw' as const),
      sender: mostly(citizens.length, SENDERS.length),
      consent: fc.nat(20),
    }),
    fc.record({
      kind: fc.constant('record' as const),
      sender: idx(SENDERS.length),
      requester: mostly(3, PARTIES.length),
      subject: idx(citizens.length),
      category: idx(CATEGORIES.length),
      purpose: idx(PURPOSES.length),
      consent: fc.option(fc.nat(20), { nil: null, freq: 4 }),
      served: fc.boolean(),
      reuseId: fc.constantFrom(false, false, false, true),
      aligned: fc.constantFrom(true, true, false),
    }),
  ),
});

interface ModelConsent {
  readonly id: string;
  readonly subject: string;
  readonly holder: string;
  readonly requester: string;
  readonly categories: readonly string[];
  readonly purpose: string;
  readonly expiresMs: number;
  withdrawn: boolean;
}

describe('consent state machine (property)', () => {
  it('withdrawn stays withdrawn, served implies a live consent, refusals write nothing', () => {
    const seen = { served: 0, withdrawn: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 1, maxLength: 40, size: 'medium' }), (steps) => {
        const s = freshState();
        const model: ModelConsent[] = [];
        const requestIds: string[] = [];
        let t = T0;
        const live = (c: ModelConsent | undefined, q: Omit<ConsentQuery, 'consentId'>) =>
          !!c &&
          !c.withdrawn &&
          q.atMs < c.expiresMs &&
          c.holder === q.holder &&
          c.requester === q.requester &&
          c.categories.includes(q.category) &&
          c.purpose === q.purpose &&
          (q.subject === undefined || c.subject === q.subject);

        steps.forEach(({ dtMs, cmd }, i) => {
          t += dtMs;
          const block = { height: i + 1, timeMs: t };
          const sender = SENDERS[cmd.sender] as Signer;
          const before = dump(s);
          let r: Sent;
          if (cmd.kind === 'grant') {
            r = send(
              s,
              block,
              'consent.grant',
              sender,
              grantPayload({
                holder: PARTIES[cmd.holder] ?? '',
                requester: PARTIES[cmd.requester] ?? '',
                categories: cmd.categories,
                purpose: { ...purpose, code: PURPOSES[cmd.purpose] ?? '' },
                expiresMs: t + cmd.expiresInMs,
              }),
              cmd.coords ? { lat: 51.5, lon: -3 } : { area: 'W06000022' },
            );
            const holder = PARTIES[cmd.holder] ?? '';
            const requester = PARTIES[cmd.requester] ?? '';
            const expected = !sender.did.startsWith('did:key:')
              ? 'CONSENT_SENDER_NOT_DID_KEY'
              : cmd.coords
                ? 'CONSENT_GEO_TOO_PRECISE'
                : cmd.holder === 3
                  ? 'CONSENT_HOLDER_UNKNOWN'
                  : cmd.requester === 3
                    ? 'CONSENT_REQUESTER_UNKNOWN'
                    : holder === requester
                      ? 'CONSENT_SAME_PARTY'
                      : cmd.expiresInMs <= 0
                        ? 'CONSENT_EXPIRES_IN_PAST'
                        : 'ok';
            expect(r.code).toBe(expected);
            if (r.code === 'ok') {
              model.push({
                id: r.id,
                subject: sender.did,
                holder: PARTIES[cmd.holder] ?? '',
                requester: PARTIES[cmd.requester] ?? '',
                categories: cmd.categories,
                purpose: PURPOSES[cmd.purpose] ?? '',
                expiresMs: t + cmd.expiresInMs,
                withdrawn: false,
              });
            }
          } else if (cmd.kind === 'withdraw') {
            const c = model[cmd.consent % Math.max(1, model.length)];
            r = send(s, block, 'consent.withdraw', sender, { consentId: c?.id ?? 'd'.repeat(64) });
            const expected = !sender.did.startsWith('did:key:')
              ? 'CONSENT_SENDER_NOT_DID_KEY'
              : !c
                ? 'CONSENT_UNKNOWN'
                : c.subject !== sender.did
                  ? 'CONSENT_NOT_SUBJECT'
                  : c.withdrawn
                    ? 'CONSENT_ALREADY_WITHDRAWN'
                    : 'ok';
            expect(r.code).toBe(expected);
            if (c && r.code === 'ok') {
              c.withdrawn = true;
              seen.withdrawn++;
            }
          } else {
            const c =
              cmd.consent === null ? undefined : model[cmd.consent % Math.max(1, model.length)];
            const reused = cmd.reuseId ? requestIds[i % Math.max(1, requestIds.length)] : undefined;
            const requestId = reused ?? rid(i + 1);
            const a = cmd.aligned ? c : undefined;
            const holder = SENDERS.find((x) => x.did === a?.holder) ?? sender;
            const q = {
              holder: holder.did,
              requester: a?.requester ?? PARTIES[cmd.requester] ?? '',
              category: a?.categories[0] ?? CATEGORIES[cmd.category] ?? '',
              purpose: a?.purpose ?? PURPOSES[cmd.purpose] ?? '',
              subject: a?.subject ?? citizen(cmd.subject).did,
              atMs: t,
            };
            const passedBefore = c ? checkConsent(s, { ...q, consentId: c.id }).ok : false;
            r = send(
              s,
              block,
              'access.record',
              holder,
              recordPayload({
                requestId,
                requester: q.requester,
                subject: q.subject,
                category: q.category,
                purpose: q.purpose,
                consentId: c?.id ?? null,
                outcome: cmd.served ? 'served' : 'refused',
              }),
            );
            if (r.code === 'ok') {
              requestIds.push(requestId);
              // Served is only ever recorded under a consent that passed at that block time.
              if (cmd.served) {
                seen.served++;
                expect(passedBefore).toBe(true);
                expect(live(c, q)).toBe(true);
              }
            }
            const canRecord =
              holder.did.startsWith('did:web:') &&
              PARTIES.slice(0, 3).includes(q.requester) &&
              reused === undefined;
            if (canRecord) {
              expect(r.code).toBe(
                !cmd.served || live(c, q) ? 'ok' : 'ACCESS_SERVED_WITHOUT_CONSENT',
              );
            }
          }
          // A refused transaction writes nothing at all.
          if (r.code !== 'ok') expect(dump(s)).toBe(before);
          // checkConsent agrees with the model, and a withdrawn consent never passes again.
          for (const c of model) {
            const q = {
              holder: c.holder,
              requester: c.requester,
              category: c.categories[0] ?? '',
              purpose: c.purpose,
              subject: c.subject,
              atMs: t,
            };
            const v = checkConsent(s, { ...q, consentId: c.id });
            expect(v.ok).toBe(live(c, q));
            if (c.withdrawn) expect(v.ok ? 'OK' : v.code).toBe('CONSENT_WITHDRAWN');
          }
          if (r.code !== 'ok') seen.refused++;
        });
      }),
      { numRuns: 100 },
    );
    // The runs reached the interesting states, not only refusals.
    expect(seen.served).toBeGreaterThan(10);
    expect(seen.withdrawn).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
