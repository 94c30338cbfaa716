// business register (decision 0010): apply → approve/refuse, amend, dissolve, licences; names
// unique by normal form among registered and pending entries; every refusal writes nothing.
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
import { GWENT_BODIES } from '../demo.js';
import { accountSeq, Ledger } from '../ledger.js';
import { MemoryState } from '../state.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import type {
  Business,
  BusinessApplication,
  BusinessHistoryEntry,
  BusinessName,
  NameHeld,
} from './business.js';
import {
  BUSINESS_KEYS,
  businessHistory,
  businessLicenceValidAt,
  businessModule,
  getApplication,
  getBusiness,
  getLicence,
  nameHolder,
  normaliseBusinessName,
} from './business.js';
import { governanceModule } from './governance.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const ledger = new Ledger([governanceModule, businessModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

const { memberKps, bodies } = gwentTestMembers();
const body = (i: number) => bodies[i] as Signer;
const citizens: Signer[] = (['ES256', 'Ed25519'] as const).map((alg) => {
  const kp = generateKeyPairSync(alg);
  return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey };
});
const citizen = (i: number) => citizens[i] as Signer;

// GWENT_BODIES: 0–4 councils (registrar too), 5 health board, 6 police, 7 fire, 8 NRW (regulator).
const NEWPORT = body(3);
const TORFAEN = body(4);
const HEALTH = body(5);
const FIRE = body(7);
const NRW = body(8);
const APPLICANT = citizen(0);

const { freshState } = gwentTestGenesis(memberKps, NET, T0);

interface Sent {
  readonly code: string;
  readonly id: string;
}

let logIndex = 0;
let height = 0;

/** Signs and executes one transaction in its own block (heights and log indexes increase). */
function send(
  state: MemoryState,
  type: string,
  sender: Signer,
  payload: { readonly [k: string]: Json },
  geo?: Geo,
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
  geo?: Geo,
): void {
  const before = dump(s);
  expect(send(s, type, sender, payload, geo).code, `${type} ${JSON.stringify(payload)}`).toBe(code);
  expect(dump(s)).toBe(before);
}

const digest = (n: number) => n.toString(16).padStart(64, '0');
const reason = {
  code: 'incomplete',
  en: 'The application is incomplete',
  cy: 'Mae’r cais yn anghyflawn',
};

const applyPayload = (name: BusinessName, o: Record<string, Json> = {}): Record<string, Json> => ({
  name: name as unknown as Json,
  kind: 'private-limited',
  officeArea: 'W06000022',
  directors: [digest(1), digest(2)],
  registrar: NEWPORT.did,
  ...o,
});

function applyFor(s: MemoryState, name: BusinessName, o: Record<string, Json> = {}): string {
  const r = send(s, 'business.apply', APPLICANT, applyPayload(name, o), { area: 'W06000022' });
  expect(r.code).toBe('ok');
  return r.id;
}

function register(s: MemoryState, name: BusinessName, registrar = NEWPORT): string {
  const id = applyFor(s, name, { registrar: registrar.did });
  expect(send(s, 'business.approve', registrar, { application: id }).code).toBe('ok');
  const n = getApplication(s, id)?.number;
  if (n === undefined) throw new Error('not approved');
  return n;
}

const historyOf = (s: MemoryState, number: string): BusinessHistoryEntry[] =>
  [...s.map.entries()]
    .filter(([k]) => k.startsWith(businessHistory(number)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, v]) => v as unknown as BusinessHistoryEntry);

describe('business.apply, approve and refuse', () => {
  it('numbers approved organisations GW000001, GW000002 from the ledger counter', () => {
    const s = freshState();
    const a = applyFor(s, { en: 'Caffi’r Ŵy Ltd', cy: 'Caffi’r Ŵy Cyf' });
    const app = getApplication(s, a);
    expect(app).toMatchObject({
      id: a,
      applicant: APPLICANT.did,
      registrar: NEWPORT.did,
      status: 'pending',
      kind: 'private-limited',
      directors: [digest(1), digest(2)],
      geo: { area: 'W06000022' },
    });
    expect(s.get(BUSINESS_KEYS.pending(NEWPORT.did, a))).toBe(a);
    expect(nameHolder(s, 'caffir wy')).toEqual({ application: a });

    expect(send(s, 'business.approve', NEWPORT, { application: a }).code).toBe('ok');
    expect(getApplication(s, a)).toMatchObject({ status: 'approved', number: 'GW000001' });
    expect(getBusiness(s, 'GW000001')).toMatchObject<Partial<Business>>({
      number: 'GW000001',
      status: 'registered',
      application: a,
      registrar: NEWPORT.did,
      name: { en: 'Caffi’r Ŵy Ltd', cy: 'Caffi’r Ŵy Cyf' },
    });
    expect(s.get(BUSINESS_KEYS.pending(NEWPORT.did, a))).toBeUndefined();
    expect(nameHolder(s, 'caffir wy')).toEqual({ number: 'GW000001' });
    expect(s.get(BUSINESS_KEYS.counter)).toBe(1);
    const h = historyOf(s, 'GW000001');
    expect(h.map((e) => e.event)).toEqual(['registered']);
    expect(h[0]?.by).toBe(NEWPORT.did);

    expect(register(s, { en: 'Bara Brith Bakery' }, TORFAEN)).toBe('GW000002');
    expect(s.get(BUSINESS_KEYS.counter)).toBe(2);
  });

  it('a refusal is terminal, gives its reason in both languages and frees the name', () => {
    const s = freshState();
    const a = applyFor(s, { en: 'Gwent Widgets' });
    refused(
      s,
      'BUSINESS_NAME_TAKEN',
      'business.apply',
      citizen(1),
      applyPayload({ en: 'GWENT WIDGETS' }),
    );
    expect(send(s, 'business.refuse', NEWPORT, { application: a, reason }).code).toBe('ok');
    expect(getApplication(s, a)).toMatchObject({ status: 'refused', reason });
    expect(nameHolder(s, 'gwent widgets')).toBeUndefined();
    refused(s, 'BUSINESS_NOT_PENDING', 'business.approve', NEWPORT, { application: a });
    refused(s, 'BUSINESS_NOT_PENDING', 'business.refuse', NEWPORT, { application: a, reason });
    expect(s.get(BUSINESS_KEYS.counter)).toBeUndefined();
    // The name is free again.
    applyFor(s, { en: 'Gwent Widgets' });
  });

  it('only the addressed registrar decides, and only once', () => {
    const s = freshState();
    const a = applyFor(s, { en: 'Usk Valley Honey' });
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.approve', TORFAEN, { application: a });
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.approve', HEALTH, { application: a });
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.approve', APPLICANT, { application: a });
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.refuse', TORFAEN, { application: a, reason });
    refused(s, 'BUSINESS_APPLICATION_UNKNOWN', 'business.approve', NEWPORT, {
      application: digest(99),
    });
    expect(send(s, 'business.approve', NEWPORT, { application: a }).code).toBe('ok');
    refused(s, 'BUSINESS_NOT_PENDING', 'business.approve', NEWPORT, { application: a });
  });

  it('refuses an unknown registrar, an empty name, a pinpointed applicant and bad payloads', () => {
    const s = freshState();
    const name = { en: 'Blaenavon Ironworks Tours' };
    const apply = (code: string, o: Record<string, Json>, geo?: Geo) =>
      refused(s, code, 'business.apply', APPLICANT, applyPayload(name, o), geo);
    apply('BUSINESS_REGISTRAR_UNKNOWN', { registrar: HEALTH.did });
    apply('BUSINESS_REGISTRAR_UNKNOWN', { registrar: 'did:web:elsewhere.example' });
    apply('BUSINESS_NAME_INVALID', { name: { en: '!!!' } });
    apply('BUSINESS_NAME_INVALID', { name: { en: 'Good name', cy: '— —' } });
    apply('BUSINESS_GEO_TOO_PRECISE', {}, { lat: 51.58, lon: -2.99 });
    const bads: Record<string, Json>[] = [
      { name: { en: '' } },
      { name: { en: 'x'.repeat(161) } },
      { name: { en: 'Two\nlines' } },
      { name: { en: 'Tŷ Te 茶馆' } },
      { name: { en: 'Zero\u200bwidth' } },
      { name: { en: 'A', fr: 'B' } },
      { name: { cy: 'Dim Saesneg' } },
      { kind: 'pirate-ship' },
      { officeArea: 'W0600002' },
      { officeArea: 'X06000022' },
      { directors: [] },
      { directors: [digest(1), digest(1)] },
      { directors: Array.from({ length: 21 }, (_, i) => digest(i)) },
      { directors: ['Jane Jones'] },
      { registrar: 'newport' },
      { extra: true },
    ];
    for (const bad of bads) apply('TX_PAYLOAD_INVALID', bad);
    // A member body may apply too, and may say where it is.
    expect(
      send(s, 'business.apply', HEALTH, applyPayload(name), { lat: 51.58, lon: -2.99 }).code,
    ).toBe('ok');
    expect(
      send(
        s,
        'business.apply',
        citizen(1),
        applyPayload(
          { en: 'Twenty Directors Ltd' },
          {
            directors: Array.from({ length: 20 }, (_, i) => digest(i)),
          },
        ),
      ).code,
    ).toBe('ok');
  });
});

describe('business names', () => {
  it('are taken by exact, case, accent, punctuation and company-suffix variants', () => {
    const s = freshState();
    register(s, { en: 'Caffi’r Ŵy', cy: 'Caffi’r Ŵy' });
    const a = applyFor(s, { en: 'Siop Ŷd Limited', cy: 'Siop Fara' }); // pending holds it too
    const taken = (name: BusinessName) =>
      refused(s, 'BUSINESS_NAME_TAKEN', 'business.apply', citizen(1), applyPayload(name));
    taken({ en: 'Caffi’r Ŵy' });
    taken({ en: 'CAFFI’R ŴY' });
    taken({ en: 'caffir wy' });
    taken({ en: "Caffi'r Wy Ltd" });
    taken({ en: 'Caffi’r Ŵy Cyf.' });
    taken({ en: 'Caffi-r   Ŵy Cyfyngedig' });
    taken({ en: 'siop yd' });
    taken({ en: 'Siop Ẏd' });
    taken({ en: 'New English Name', cy: 'SIOP YD CYF' });
    // A Welsh name clashing with another's English name, and the other way round.
    taken({ en: 'Bakery of Gwent', cy: 'Siop Ŷd' });
    taken({ en: 'Siop Fara Cyf', cy: 'Popty Gwent' });
    expect(getApplication(s, a)?.status).toBe('pending');
    // Near but different names are free.
    applyFor(s, { en: 'Caffi Wy' });
    applyFor(s, { en: 'Siop Yd Newydd' });
  });

  it('& and "and" are the same name', () => {
    const s = freshState();
    register(s, { en: 'Bara & Menyn' });
    refused(
      s,
      'BUSINESS_NAME_TAKEN',
      'business.apply',
      citizen(1),
      applyPayload({ en: 'Bara and Menyn Ltd' }),
    );
  });
});

describe('business.amend and business.dissolve', () => {
  it('amending the name frees the old one and takes the new one', () => {
    const s = freshState();
    const n = register(s, { en: 'Old Name Ltd' });
    const other = register(s, { en: 'Taken Elsewhere' });
    refused(s, 'BUSINESS_NAME_TAKEN', 'business.amend', TORFAEN, {
      number: n,
      name: { en: 'Taken Elsewhere Limited' },
    });
    // Its own old name does not count: a respelling that keeps the normal form is fine.
    expect(
      send(s, 'business.amend', TORFAEN, { number: n, name: { en: 'OLD NAME Limited' } }).code,
    ).toBe('ok');
    expect(nameHolder(s, 'old name')).toEqual({ number: n });
    expect(
      send(s, 'business.amend', NEWPORT, {
        number: n,
        name: { en: 'New Name', cy: 'Enw Newydd' },
        officeArea: 'W06000020',
      }).code,
    ).toBe('ok');
    expect(nameHolder(s, 'old name')).toBeUndefined();
    expect(nameHolder(s, 'new name')).toEqual({ number: n });
    expect(nameHolder(s, 'enw newydd')).toEqual({ number: n });
    expect(getBusiness(s, n)).toMatchObject({
      name: { en: 'New Name', cy: 'Enw Newydd' },
      officeArea: 'W06000020',
    });
    applyFor(s, { en: 'Old Name' });
    refused(
      s,
      'BUSINESS_NAME_TAKEN',
      'business.apply',
      citizen(1),
      applyPayload({ en: 'Enw Newydd Cyf' }),
    );
    const h = historyOf(s, n);
    expect(h.map((e) => e.event)).toEqual(['registered', 'amended', 'amended']);
    expect(h[2]?.changes).toEqual({
      name: { from: { en: 'OLD NAME Limited' }, to: { en: 'New Name', cy: 'Enw Newydd' } },
      officeArea: { from: 'W06000022', to: 'W06000020' },
    });
    expect(h[2]?.by).toBe(NEWPORT.did);
    expect(getBusiness(s, other)?.name).toEqual({ en: 'Taken Elsewhere' });
  });

  it('refuses unknown numbers, non-registrars and amendments that change nothing', () => {
    const s = freshState();
    const n = register(s, { en: 'Same Same' });
    const b = getBusiness(s, n);
    refused(s, 'BUSINESS_UNKNOWN', 'business.amend', NEWPORT, {
      number: 'GW999999',
      officeArea: 'W06000020',
    });
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.amend', HEALTH, {
      number: n,
      officeArea: 'W06000020',
    });
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.amend', APPLICANT, {
      number: n,
      officeArea: 'W06000020',
    });
    refused(s, 'BUSINESS_NOTHING_TO_CHANGE', 'business.amend', NEWPORT, {
      number: n,
      name: { en: 'Same Same' },
      officeArea: b?.officeArea ?? '',
      directors: [digest(2), digest(1)],
    });
    refused(s, 'BUSINESS_NAME_INVALID', 'business.amend', NEWPORT, {
      number: n,
      name: { en: '...' },
    });
    refused(s, 'TX_PAYLOAD_INVALID', 'business.amend', NEWPORT, { number: n });
    refused(s, 'TX_PAYLOAD_INVALID', 'business.amend', NEWPORT, {
      number: 'GW1',
      officeArea: 'W06000020',
    });
    expect(send(s, 'business.amend', NEWPORT, { number: n, directors: [digest(3)] }).code).toBe(
      'ok',
    );
    expect(historyOf(s, n)[1]?.changes).toEqual({
      directors: { from: [digest(1), digest(2)], to: [digest(3)] },
    });
  });

  it('dissolving is terminal, frees the name and is recorded with its reason', () => {
    const s = freshState();
    const n = register(s, { en: 'Short Lived Ltd' });
    const why = {
      code: 'voluntary',
      en: 'Dissolved at the members’ request',
      cy: 'Diddymwyd ar gais yr aelodau',
    };
    refused(s, 'BUSINESS_NOT_REGISTRAR', 'business.dissolve', FIRE, { number: n });
    expect(
      send(s, 'business.dissolve', TORFAEN, { number: n, reason: why }, { area: 'W06000020' }).code,
    ).toBe('ok');
    expect(getBusiness(s, n)).toMatchObject({ status: 'dissolved', dissolveReason: why });
    refused(s, 'BUSINESS_DISSOLVED', 'business.amend', NEWPORT, {
      number: n,
      officeArea: 'W06000020',
    });
    refused(s, 'BUSINESS_DISSOLVED', 'business.dissolve', NEWPORT, { number: n });
    refused(s, 'BUSINESS_UNKNOWN', 'business.dissolve', NEWPORT, { number: 'GW000404' });
    expect(nameHolder(s, 'short lived')).toBeUndefined();
    const h = historyOf(s, n);
    expect(h.map((e) => e.event)).toEqual(['registered', 'dissolved']);
    expect(h[1]).toMatchObject({ reason: why, by: TORFAEN.did, geo: { area: 'W06000020' } });
    expect(register(s, { en: 'Short Lived' })).toBe('GW000002');
  });
});

/** The names-ever index as `normal form → number → name held`. */
const namesEver = (s: MemoryState): Map<string, NameHeld> =>
  new Map(
    [...s.map.entries()]
      .filter(([k]) => k.startsWith('business-name-ever/'))
      .map(([k, v]) => [k, v as unknown as NameHeld]),
  );

describe('names ever held', () => {
  it('approve and amend add to the index; rename and dissolution never remove from it', () => {
    const s = freshState();
    const n = register(s, { en: 'Pont Bakery Ltd', cy: 'Becws y Bont Cyf' });
    expect(namesEver(s)).toEqual(
      new Map([
        [
          BUSINESS_KEYS.nameEver('pont bakery', n),
          { number: n, name: { en: 'Pont Bakery Ltd', cy: 'Becws y Bont Cyf' } },
        ],
        [
          BUSINESS_KEYS.nameEver('becws y bont', n),
          { number: n, name: { en: 'Pont Bakery Ltd', cy: 'Becws y Bont Cyf' } },
        ],
      ]),
    );
    // A pending application holds its name but has never held it as an organisation.
    applyFor(s, { en: 'Not Yet Registered' });
    expect(namesEver(s).size).toBe(2);

    expect(
      send(s, 'business.amend', NEWPORT, { number: n, name: { en: 'Bridge Loaves' } }).code,
    ).toBe('ok');
    expect([...namesEver(s).keys()].sort()).toEqual(
      [
        BUSINESS_KEYS.nameEver('becws y bont', n),
        BUSINESS_KEYS.nameEver('bridge loaves', n),
        BUSINESS_KEYS.nameEver('pont bakery', n),
      ].sort(),
    );
    // The old name is free for others, and still remembered as this one's.
    expect(nameHolder(s, 'pont bakery')).toBeUndefined();
    const other = register(s, { en: 'Pont Bakery' });
    expect(namesEver(s).get(BUSINESS_KEYS.nameEver('pont bakery', other))).toEqual({
      number: other,
      name: { en: 'Pont Bakery' },
    });
    expect(namesEver(s).get(BUSINESS_KEYS.nameEver('pont bakery', n))?.number).toBe(n);

    const before = namesEver(s);
    expect(send(s, 'business.dissolve', NEWPORT, { number: n }).code).toBe('ok');
    expect(namesEver(s)).toEqual(before);
    expect(nameHolder(s, 'bridge loaves')).toBeUndefined();
  });

  it('percent-encodes non-ASCII normal forms, so a prefix of the name is a prefix of the key', () => {
    const s = freshState();
    const n = register(s, { en: 'Smørrebrød Bar' });
    const key = [...namesEver(s).keys()][0] ?? '';
    expect(key).toMatch(/^[\x21-\x7e]+$/);
    expect(key.startsWith(BUSINESS_KEYS.nameEverPrefix(normaliseBusinessName('SMØRRE')))).toBe(
      true,
    );
    expect(key.endsWith(`/${n}`)).toBe(true);
  });
});

describe('business.licence and business.revokeLicence', () => {
  const lic = (kind: string, from = T0, until = T0 + 100_000, ref = 'LIC/2026/001') => ({
    kind,
    ref,
    validFromMs: from,
    validUntilMs: until,
  });

  it('only a body whose role allows the kind may grant it', () => {
    const s = freshState();
    const n = register(s, { en: 'Green Leaf Processing' });
    const grant = (who: Signer, kind: string) =>
      send(s, 'business.licence', who, { number: n, licence: lic(kind) });
    refused(s, 'BUSINESS_LICENCE_NOT_ALLOWED', 'business.licence', HEALTH, {
      number: n,
      licence: lic('premises-licence'),
    });
    refused(s, 'BUSINESS_LICENCE_NOT_ALLOWED', 'business.licence', NEWPORT, {
      number: n,
      licence: lic('waste-permit'),
    });
    refused(s, 'BUSINESS_LICENCE_NOT_ALLOWED', 'business.licence', NRW, {
      number: n,
      licence: lic('fire-safety-certificate'),
    });
    refused(s, 'BUSINESS_LICENCE_NOT_ALLOWED', 'business.licence', FIRE, {
      number: n,
      licence: lic('regulated-goods-retail'),
    });
    refused(s, 'BUSINESS_NOT_MEMBER', 'business.licence', APPLICANT, {
      number: n,
      licence: lic('premises-licence'),
    });
    refused(s, 'BUSINESS_LICENCE_DATES_INVALID', 'business.licence', NEWPORT, {
      number: n,
      licence: lic('premises-licence', T0 + 5, T0 + 5),
    });
    refused(s, 'BUSINESS_UNKNOWN', 'business.licence', NEWPORT, {
      number: 'GW000404',
      licence: lic('premises-licence'),
    });
    refused(s, 'TX_PAYLOAD_INVALID', 'business.licence', NEWPORT, {
      number: n,
      licence: lic('dragon-keeping'),
    });
    refused(s, 'TX_PAYLOAD_INVALID', 'business.licence', NEWPORT, {
      number: n,
      licence: { ...lic('premises-licence'), holderName: 'Jane' },
    });
    for (const [who, kind] of [
      [NEWPORT, 'premises-licence'],
      [NEWPORT, 'food-hygiene-registration'],
      [NRW, 'waste-permit'],
      [FIRE, 'fire-safety-certificate'],
      [NEWPORT, 'regulated-goods-processing'],
      [NRW, 'regulated-goods-transport'],
    ] as const) {
      const r = grant(who, kind);
      expect(r.code, kind).toBe('ok');
      expect(getLicence(s, n, r.id)).toMatchObject({
        id: r.id,
        kind,
        grantedBy: who.did,
        number: n,
      });
    }
    expect(historyOf(s, n).filter((e) => e.event === 'licensed')).toHaveLength(6);
  });

  it('is valid from its start until (not at) its end, and not after revocation or dissolution', () => {
    const s = freshState();
    const n = register(s, { en: 'Cwm Growers' });
    const kind = 'regulated-goods-cultivation';
    const g = send(s, 'business.licence', NRW, {
      number: n,
      licence: lic(kind, T0 + 1000, T0 + 2000),
    });
    expect(g.code).toBe('ok');
    const valid = (t: number, k = kind) => businessLicenceValidAt(s, n, k, t);
    expect(valid(T0 + 999)).toBe(false);
    expect(valid(T0 + 1000)).toBe(true);
    expect(valid(T0 + 1999)).toBe(true);
    expect(valid(T0 + 2000)).toBe(false);
    expect(valid(T0 + 1500, 'regulated-goods-retail')).toBe(false);
    expect(businessLicenceValidAt(s, 'GW000404', kind, T0 + 1500)).toBe(false);

    const why = { code: 'breach', en: 'Conditions breached', cy: 'Torrwyd yr amodau' };
    refused(s, 'BUSINESS_LICENCE_NOT_GRANTOR', 'business.revokeLicence', NEWPORT, {
      number: n,
      licence: g.id,
      reason: why,
    });
    refused(s, 'BUSINESS_LICENCE_UNKNOWN', 'business.revokeLicence', NRW, {
      number: n,
      licence: digest(7),
      reason: why,
    });
    refused(s, 'BUSINESS_NOT_MEMBER', 'business.revokeLicence', APPLICANT, {
      number: n,
      licence: g.id,
      reason: why,
    });
    expect(
      send(s, 'business.revokeLicence', NRW, { number: n, licence: g.id, reason: why }).code,
    ).toBe('ok');
    expect(getLicence(s, n, g.id)?.revoked).toMatchObject({ by: NRW.did, reason: why });
    expect(valid(T0 + 1500)).toBe(false);
    refused(s, 'BUSINESS_LICENCE_REVOKED', 'business.revokeLicence', NRW, {
      number: n,
      licence: g.id,
      reason: why,
    });
    expect(historyOf(s, n).map((e) => e.event)).toEqual([
      'registered',
      'licensed',
      'licence-revoked',
    ]);

    // A second, live licence of the same kind: valid until the organisation is dissolved.
    expect(
      send(s, 'business.licence', NEWPORT, { number: n, licence: lic(kind, T0, T0 + 5000) }).code,
    ).toBe('ok');
    expect(valid(T0 + 1500)).toBe(true);
    expect(send(s, 'business.dissolve', NEWPORT, { number: n }).code).toBe('ok');
    expect(valid(T0 + 1500)).toBe(false);
    refused(s, 'BUSINESS_DISSOLVED', 'business.licence', NEWPORT, {
      number: n,
      licence: lic(kind),
    });
  });
});

const lic0 = { kind: 'premises-licence', ref: 'P-1', validFromMs: T0, validUntilMs: T0 + 1 };

describe('privacy', () => {
  it('no register value holds a person: applicants are did:keys, directors digests', () => {
    const s = freshState();
    const n = register(s, { en: 'Private Matters Ltd' });
    send(s, 'business.licence', NEWPORT, { number: n, licence: lic0 });
    const strings: string[] = [];
    const walk = (v: Json): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const [k, v] of s.map) if (k.startsWith('business')) walk(v);
    for (const x of strings.filter((x) => x.startsWith('did:'))) {
      expect(x.startsWith('did:key:') || GWENT_BODIES.some((b) => b.did === x), x).toBe(true);
    }
    const app = [...s.map.values()].find(
      (v) => (v as unknown as BusinessApplication).applicant !== undefined,
    ) as unknown as BusinessApplication;
    expect(app.applicant).toBe(APPLICANT.did);
    for (const d of getBusiness(s, n)?.directors ?? []) expect(d).toMatch(/^[0-9a-f]{64}$/);
  });
});

// ---- the normal form ----

const WELSH_FOLDS: readonly [string, string][] = [
  ['ŵ', 'w'],
  ['ŷ', 'y'],
  ['â', 'a'],
  ['ê', 'e'],
  ['î', 'i'],
  ['ô', 'o'],
  ['û', 'u'],
  ['ï', 'i'],
  ['ë', 'e'],
  ['Ŵ', 'W'],
  ['Ŷ', 'Y'],
  ['Â', 'A'],
];
const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const PUNCT = ['’', "'", '.', ',', '-', '(', ')', '!', '"', '/', ':'];
const SUFFIXES = [
  'Ltd',
  'Ltd.',
  'Limited',
  'Cyf',
  'Cyf.',
  'Cyfyngedig',
  'PLC',
  'plc',
  'C.C.C.',
  'CIC',
  'Cwmni Buddiant Cymunedol',
  'LLP',
  'PAC',
];

/** A word as pairs of (plain letter, its Welsh-accented twin where it has one). */
const wordPairs = fc.array(
  fc.oneof(
    fc.constantFrom(...PLAIN.split('')).map((c) => [c, c] as const),
    fc.constantFrom(...WELSH_FOLDS).map(([acc, plain]) => [plain, acc] as const),
  ),
  { minLength: 1, maxLength: 8 },
);
const namePairs = fc.array(wordPairs, { minLength: 1, maxLength: 4 });
const plainOf = (ws: (readonly (readonly [string, string])[])[]) =>
  ws.map((w) => w.map((p) => p[0]).join('')).join(' ');
const accentedOf = (ws: (readonly (readonly [string, string])[])[]) =>
  ws.map((w) => w.map((p) => p[1]).join('')).join(' ');

describe('normaliseBusinessName', () => {
  const n = normaliseBusinessName;

  it('examples', () => {
    expect(n('Caffi’r Ŵy')).toBe('caffir wy');
    expect(n("  CAFFI'R   ŴY  Cyf. ")).toBe('caffir wy');
    expect(n('Bara & Menyn Ltd')).toBe('bara and menyn');
    expect(n('Gwent Community Interest Co CIC')).toBe('gwent community interest co');
    expect(n('Menter Cwmni Buddiant Cymunedol')).toBe('menter');
    expect(n('Foo Ltd Cyf')).toBe('foo');
    expect(n('Ltd')).toBe('ltd');
    expect(n('!!!')).toBe('');
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => n(n(s)) === n(s)),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(namePairs, (ws) => n(n(accentedOf(ws))) === n(accentedOf(ws))));
  });

  it('ignores case, Welsh accents, punctuation, whitespace and a company-type suffix', () => {
    fc.assert(
      fc.property(
        namePairs,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PUNCT)), { maxLength: 4 }),
        fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0'), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(...SUFFIXES),
        (ws, puncts, spaces, suffix) => {
          const plain = plainOf(ws);
          const accented = accentedOf(ws);
          const base = n(plain);
          expect(base.length).toBeGreaterThan(0);
          expect(n(accented)).toBe(base);
          expect(n(accented.toUpperCase())).toBe(base);
          expect(n(accented.toLowerCase())).toBe(base);
          let punctuated = accented;
          for (const [at, p] of puncts) {
            const i = at % (punctuated.length + 1);
            punctuated = punctuated.slice(0, i) + p + punctuated.slice(i);
          }
          expect(n(punctuated)).toBe(base);
          let k = 0;
          const spaced = `${spaces[3] ?? ''}${accented.replace(/ /g, () => spaces[k++ % 3] ?? ' ')}${spaces[0] ?? ''}`;
          expect(n(spaced)).toBe(base);
          expect(n(`${accented} ${suffix}`)).toBe(base);
          expect(n(`${accented}, ${suffix.toUpperCase()}`)).toBe(base);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads & as "and"', () => {
    fc.assert(
      fc.property(namePairs, namePairs, (a, b) => {
        expect(n(`${plainOf(a)} & ${plainOf(b)}`)).toBe(n(`${plainOf(a)} and ${plainOf(b)}`));
        expect(n(`${plainOf(a)}&${plainOf(b)}`)).toBe(n(`${plainOf(a)} and ${plainOf(b)}`));
      }),
    );
  });
});

// ---- the invariant over random histories ----

const POOL: readonly BusinessName[] = [
  { en: 'Caffi’r Ŵy' },
  { en: 'caffir wy Ltd' },
  { en: 'Egg Café', cy: 'Caffi’r Ŵy Cyf' },
  { en: 'Bara & Menyn' },
  { en: 'Bread and Butter', cy: 'BARA AND MENYN' },
  { en: 'Siop Ŷd' },
  { en: 'Corn Shop', cy: 'siop yd' },
  { en: 'Gwent Widgets' },
  { en: 'Teclynnau Gwent', cy: 'Teclynnau Gwent Cyf' },
  { en: 'ACME Limited' },
];

type Op =
  | { op: 'apply'; name: number; registrar: number }
  | { op: 'approve' | 'refuse' | 'dissolve'; pick: number; by: number }
  | { op: 'amend'; pick: number; name: number; by: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('apply' as const),
    name: fc.nat(POOL.length - 1),
    registrar: fc.nat(4),
  }),
  fc.record({
    op: fc.constantFrom('approve' as const, 'refuse' as const, 'dissolve' as const),
    pick: fc.nat(),
    by: fc.nat(4),
  }),
  fc.record({
    op: fc.constant('amend' as const),
    pick: fc.nat(),
    name: fc.nat(POOL.length - 1),
    by: fc.nat(4),
  }),
);

function checkNamesUnique(s: MemoryState): void {
  const holders = new Map<string, string>();
  const claim = (name: BusinessName, who: string) => {
    for (const f of new Set([name.en, ...(name.cy ? [name.cy] : [])].map(normaliseBusinessName))) {
      expect(holders.get(f), `${f} held twice`).toBeUndefined();
      holders.set(f, who);
    }
  };
  for (const [k, v] of s.map) {
    if (k.startsWith(BUSINESS_KEYS.applicationPrefix)) {
      const a = v as unknown as BusinessApplication;
      if (a.status === 'pending') claim(a.name, `a:${a.id}`);
    } else if (k.startsWith(BUSINESS_KEYS.businessPrefix)) {
      const b = v as unknown as Business;
      if (b.status === 'registered') claim(b.name, `b:${b.number}`);
    }
  }
  // The index holds exactly those forms, each pointing at its holder.
  const index = [...s.map.keys()].filter((k) => k.startsWith(BUSINESS_KEYS.namePrefix));
  expect(index.length).toBe(holders.size);
  for (const [f, who] of holders) {
    const h = nameHolder(s, f);
    expect(h && ('number' in h ? `b:${h.number}` : `a:${h.application}`)).toBe(who);
  }
}

/**
 * The names-ever index holds exactly every normal form of every name an organisation has had
 * (its first name and every name it was amended to), whatever became of it since.
 */
function checkNamesEver(s: MemoryState): void {
  const expected = new Set<string>();
  const forms = (name: BusinessName) =>
    new Set([name.en, ...(name.cy ? [name.cy] : [])].map(normaliseBusinessName));
  for (const [k, v] of s.map) {
    if (!k.startsWith(BUSINESS_KEYS.businessPrefix)) continue;
    const b = v as unknown as Business;
    const names = [b.name];
    for (const e of historyOf(s, b.number)) {
      const change = e.changes?.name;
      if (change) names.push(change.from as unknown as BusinessName);
    }
    for (const name of names)
      for (const f of forms(name)) expected.add(BUSINESS_KEYS.nameEver(f, b.number));
  }
  expect(new Set(namesEver(s).keys())).toEqual(expected);
}

describe('the register over random histories', () => {
  it('never leaves two registered or pending entries with the same normal form; names ever held stay', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const s = freshState();
        const apps: string[] = [];
        const numbers: string[] = [];
        for (const o of ops) {
          const by = body(o.op === 'apply' ? o.registrar : o.by);
          if (o.op === 'apply') {
            const r = send(
              s,
              'business.apply',
              APPLICANT,
              applyPayload(POOL[o.name] as BusinessName, { registrar: by.did }),
            );
            if (r.code === 'ok') apps.push(r.id);
          } else if (o.op === 'approve' || o.op === 'refuse') {
            const id = apps[o.pick % Math.max(apps.length, 1)] ?? digest(0);
            // Mostly the addressed registrar, sometimes another body (which must be refused).
            const addressed = bodies.find((b) => b.did === getApplication(s, id)?.registrar);
            const who = o.by < 3 && addressed ? addressed : by;
            const r =
              o.op === 'approve'
                ? send(s, 'business.approve', who, { application: id })
                : send(s, 'business.refuse', who, { application: id, reason });
            const n = getApplication(s, id)?.number;
            if (r.code === 'ok' && n !== undefined) numbers.push(n);
          } else {
            const number = numbers[o.pick % Math.max(numbers.length, 1)] ?? 'GW000404';
            if (o.op === 'amend') {
              send(s, 'business.amend', by, { number, name: POOL[o.name] as unknown as Json });
            } else send(s, 'business.dissolve', by, { number });
          }
          checkNamesUnique(s);
          checkNamesEver(s);
        }
      }),
      { numRuns: 60 },
    );
  });
});
