// The demo business register (decision 0010): on a fresh `cadwyn start`, a few dozen made-up
// Gwent organisations across the five council areas, put on the ledger as ordinary transactions:
// a demo applicant's pseudonym applies, each council (as registrar) approves, councils, Natural
// Resources Wales and South Wales Fire and Rescue grant licences, one is dissolved, two stay
// pending. Once only: nothing happens when the register already has entries.
//
// No real company's name is used. The directors below are demo personas: only a salted digest
// of a pseudonym derived from each ever reaches the ledger (the salt is thrown away), never the
// persona's name.
import { randomBytes } from 'node:crypto';
import { concatBytes, utf8 } from '../core/bytes.js';
import type { PrivateKey } from '../core/crypto.js';
import { didKeyFromPublicKey } from '../core/did.js';
import { sha256, sha256Hex } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import type { SignedTx, TxBody } from '../core/tx.js';
import { signTx, txIdOf } from '../core/tx.js';
import type { BusinessKind, BusinessName } from '../ledger/modules/business.js';
import { BUSINESS_KEYS, getApplication } from '../ledger/modules/business.js';
import { nodeCryptoBackend, publicKeyOfSync } from './crypto-node.js';
import type { IdentityContext } from './identity/context.js';

const AREA = {
  caerphilly: 'W06000018',
  'blaenau-gwent': 'W06000019',
  torfaen: 'W06000020',
  monmouthshire: 'W06000021',
  newport: 'W06000022',
} as const;
type Council = keyof typeof AREA;

type LicenceKind = 'premises-licence' | 'food-hygiene-registration' | 'waste-permit' | 'fire';

interface DemoBusiness {
  readonly name: BusinessName;
  readonly kind: BusinessKind;
  readonly council: Council;
  /** Indexes into DEMO_DIRECTORS. */
  readonly directors: readonly number[];
  readonly licences?: readonly LicenceKind[];
  /** Left undecided, for the Portal's registrar to decide. */
  readonly pending?: boolean;
  readonly dissolved?: boolean;
  /** One licence granted and then revoked, so the history shows a revocation. */
  readonly revokeFirstLicence?: boolean;
  /** One licence that has run out. */
  readonly expiredLicence?: boolean;
}

/** Demo personas: their names stay in this file (a test checks they never reach the data dir). */
export const DEMO_DIRECTORS: readonly string[] = [
  'Angharad Demo-Prydderch',
  'Bryn Demo-Llewellyn',
  'Carys Demo-Bowen',
  'Dafydd Demo-Rhisiart',
  'Eirlys Demo-Watkins',
  'Gethin Demo-Morgan',
  'Heledd Demo-Pugh',
  'Iolo Demo-Gruffudd',
  'Mererid Demo-Price',
  'Rhodri Demo-Jenkins',
  'Siân Demo-Howells',
  'Tomos Demo-Parry',
];

const b = (
  en: string,
  cy: string | undefined,
  kind: BusinessKind,
  council: Council,
  directors: number[],
  extra: Partial<DemoBusiness> = {},
): DemoBusiness => ({
  name: cy === undefined ? { en } : { en, cy },
  kind,
  council,
  directors,
  ...extra,
});

export const DEMO_BUSINESSES: readonly DemoBusiness[] = [
  // Newport
  b('Bridge Café Ltd', 'Caffi’r Bont Cyf', 'private-limited', 'newport', [0], {
    licences: ['food-hygiene-registration', 'premises-licence', 'fire'],
  }),
  b('Usk Riverside Lettings Ltd', 'Gosodiadau Glan Wysg Cyf', 'private-limited', 'newport', [1, 2]),
  b('Transporter Cycles', 'Beiciau’r Bont Gludo', 'partnership', 'newport', [3, 4], {
    licences: ['premises-licence'],
  }),
  b('Caerleon Amphitheatre Tours CIC', 'Teithiau Amffitheatr Caerllion CBC', 'cic', 'newport', [5]),
  b(
    'Pillgwenlly Community Kitchen',
    'Cegin Gymunedol Pilgwenlli',
    'charity-cio',
    'newport',
    [6, 7],
    {
      licences: ['food-hygiene-registration', 'fire'],
    },
  ),
  b(
    'Severn Estuary Recycling Ltd',
    'Ailgylchu Aber Hafren Cyf',
    'private-limited',
    'newport',
    [8],
    {
      licences: ['waste-permit', 'fire'],
    },
  ),
  b('Newport Docks Joinery LLP', 'Gwaith Coed Dociau Casnewydd PAC', 'llp', 'newport', [9, 10]),
  // Caerphilly
  b('Gwent Valley Brewing Co. Ltd', 'Bragdy Cwm Gwent Cyf', 'private-limited', 'caerphilly', [11], {
    licences: ['premises-licence', 'waste-permit', 'fire'],
  }),
  b(
    'Castle Cheese Dairy Ltd',
    'Llaethdy Caws y Castell Cyf',
    'private-limited',
    'caerphilly',
    [0, 3],
    {
      licences: ['food-hygiene-registration'],
      expiredLicence: true,
    },
  ),
  b('Rhymney Valley Bakers', 'Pobyddion Cwm Rhymni', 'co-operative', 'caerphilly', [1, 5, 9], {
    licences: ['food-hygiene-registration'],
  }),
  b('Ystrad Mynach Garage', 'Garej Ystrad Mynach', 'sole-trader', 'caerphilly', [2]),
  b('Bargoed Bookshop Ltd', 'Siop Lyfrau Bargod Cyf', 'private-limited', 'caerphilly', [4]),
  b('Risca Hill Walks CIC', 'Teithiau Bryniau Rhisga CBC', 'cic', 'caerphilly', [6], {
    dissolved: true,
  }),
  b(
    'Nelson Print Works Ltd',
    'Gwaith Argraffu Nelson Cyf',
    'private-limited',
    'caerphilly',
    [7, 8],
    {
      pending: true,
    },
  ),
  // Monmouthshire
  b(
    'Wye Valley Cider Press Ltd',
    'Gwasg Seidr Dyffryn Gwy Cyf',
    'private-limited',
    'monmouthshire',
    [10],
    {
      licences: ['premises-licence', 'food-hygiene-registration'],
    },
  ),
  b(
    'Abergavenny Food Hall Ltd',
    'Neuadd Fwyd y Fenni Cyf',
    'private-limited',
    'monmouthshire',
    [11, 0],
    {
      licences: ['food-hygiene-registration', 'premises-licence', 'fire'],
      revokeFirstLicence: true,
    },
  ),
  b(
    'Chepstow Racecourse Catering',
    'Arlwyo Cae Ras Cas-gwent',
    'partnership',
    'monmouthshire',
    [1, 2],
    {
      licences: ['food-hygiene-registration'],
    },
  ),
  b('Monmouth Saddlery', 'Cyfrwywaith Trefynwy', 'sole-trader', 'monmouthshire', [3]),
  b(
    'Usk Valley Vineyards Ltd',
    'Gwinllannoedd Dyffryn Wysg Cyf',
    'private-limited',
    'monmouthshire',
    [4, 5],
    {
      licences: ['premises-licence'],
    },
  ),
  b(
    'Caldicot Castle Events CIC',
    'Digwyddiadau Castell Cil-y-coed CBC',
    'cic',
    'monmouthshire',
    [6],
    {
      licences: ['premises-licence', 'fire'],
    },
  ),
  b('Raglan Farm Shop', 'Siop Fferm Rhaglan', 'sole-trader', 'monmouthshire', [7]),
  // Torfaen
  b(
    'Blaenavon Ironworks Heritage CIC',
    'Treftadaeth Gwaith Haearn Blaenafon CBC',
    'cic',
    'torfaen',
    [8, 9],
  ),
  b('Pontypool Japanware Ltd', 'Llestri Japan Pont-y-pŵl Cyf', 'private-limited', 'torfaen', [10]),
  b(
    'Cwmbran Market Traders Co-operative',
    'Cwmni Cydweithredol Masnachwyr Marchnad Cwmbrân',
    'co-operative',
    'torfaen',
    [11, 1],
    {
      licences: ['premises-licence'],
    },
  ),
  b('Llanyrafon Mill Tearoom', 'Ystafell De Melin Llanyrafon', 'sole-trader', 'torfaen', [2], {
    licences: ['food-hygiene-registration'],
  }),
  b('Torfaen Skip Hire Ltd', 'Llogi Sgipiau Torfaen Cyf', 'private-limited', 'torfaen', [3, 4], {
    licences: ['waste-permit'],
  }),
  b('Griffithstown Motors LLP', 'Moduron Griffithstown PAC', 'llp', 'torfaen', [5, 6], {
    pending: true,
  }),
  // Blaenau Gwent
  b(
    'Ebbw Vale Steel Crafts Ltd',
    'Crefftau Dur Glynebwy Cyf',
    'private-limited',
    'blaenau-gwent',
    [7],
    {
      licences: ['fire'],
    },
  ),
  b(
    'Tredegar Chapel Choir Trust',
    'Ymddiriedolaeth Côr Capel Tredegar',
    'charity-cio',
    'blaenau-gwent',
    [8, 11],
  ),
  b('Brynmawr Mountain Bikes', 'Beiciau Mynydd Bryn-mawr', 'partnership', 'blaenau-gwent', [9, 0]),
  b('Abertillery Fish Bar', 'Siop Sglodion Abertyleri', 'sole-trader', 'blaenau-gwent', [10], {
    licences: ['food-hygiene-registration', 'premises-licence'],
  }),
  b(
    'Blaenau Gwent Green Energy CIC',
    'Ynni Gwyrdd Blaenau Gwent CBC',
    'cic',
    'blaenau-gwent',
    [1, 2, 3],
    {
      licences: ['waste-permit'],
    },
  ),
];

const DAY_MS = 86_400_000;

/** A deterministic Ed25519 key from a label (demo only: anyone can derive it). */
function demoKey(label: string): { did: string; privateKey: PrivateKey } {
  const privateKey: PrivateKey = { alg: 'Ed25519', bytes: sha256(utf8(`cadwyn/demo/${label}`)) };
  return { did: didKeyFromPublicKey(publicKeyOfSync(privateKey)), privateKey };
}

/** The demo applicant's pairwise pseudonym toward the registrars. */
export const demoApplicant = () => demoKey('business-applicant');

/** decision 0010: SHA-256("cadwyn/v1/director\n" || salt || did). */
function directorDigest(salt: Uint8Array, did: string): string {
  return sha256Hex(concatBytes(utf8('cadwyn/v1/director\n'), salt, utf8(did)));
}

export interface SeedOutcome {
  readonly seeded: boolean;
  readonly registered: number;
  readonly pending: number;
  readonly ms: number;
}

/**
 * Puts the demo register on the ledger, unless the register already has any entry. Needs the
 * five councils (registrars), NRW and South Wales Fire and Rescue hosted by this node.
 */
export async function seedDemoRegisters(ctx: IdentityContext): Promise<SeedOutcome> {
  const started = Date.now();
  const node = ctx.node;
  const none: SeedOutcome = { seeded: false, registered: 0, pending: 0, ms: 0 };
  if (node.state.get(BUSINESS_KEYS.counter) !== undefined) return none;
  if (node.store.stateRange(BUSINESS_KEYS.applicationPrefix, 1).length > 0) return none;
  const hosted = (slug: string) => {
    const h = ctx.bodies.get(slug);
    if (!h) throw new Error(`demo registers: body ${slug} not hosted`);
    return h;
  };
  const nrw = hosted('nrw');
  const fire = hosted('south-wales-fire');

  // 1. The applicant applies for every one, in one batch.
  const applicant = demoApplicant();
  const salt = new Uint8Array(randomBytes(32));
  const directorDids = DEMO_DIRECTORS.map((_, i) => demoKey(`director-${i}`).did);
  const firstSeq = node.nextSeqFor(applicant.did);
  const txs: SignedTx[] = [];
  for (const [i, d] of DEMO_BUSINESSES.entries()) {
    const body: TxBody = {
      v: 1,
      network: node.network,
      type: 'business.apply',
      sender: applicant.did,
      seq: firstSeq + i,
      timeMs: node.deps.clock(),
      geo: { area: AREA[d.council] },
      payload: {
        name: d.name as unknown as Json,
        kind: d.kind,
        officeArea: AREA[d.council],
        directors: d.directors.map((k) => directorDigest(salt, directorDids[k] ?? '')),
        registrar: hosted(d.council).body.did,
      },
    } as TxBody;
    txs.push(await signTx(body, [applicant], nodeCryptoBackend));
  }
  const outcomes = await node.submit(txs);
  const refused = outcomes.find((o) => !o.ok);
  if (refused && !refused.ok) throw new Error(`demo registers: apply refused ${refused.code}`);
  const appIds = txs.map((t) => txIdOf(t.body));
  await waitAll(ctx, appIds);

  // 2. Each council approves what was addressed to it.
  const approvals: Promise<string>[] = [];
  DEMO_BUSINESSES.forEach((d, i) => {
    if (d.pending) return;
    approvals.push(
      hosted(d.council).actor.submit('business.approve', { application: appIds[i] ?? '' }),
    );
  });
  await waitAll(ctx, await Promise.all(approvals));

  // 3. Licences, and one dissolution.
  const now = node.deps.clock();
  const toRevoke: { number: string; grantor: string; grant: Promise<string> }[] = [];
  const round3: Promise<string>[] = [];
  let ref = 1;
  DEMO_BUSINESSES.forEach((d, i) => {
    const number = getApplication(node.state, appIds[i] ?? '')?.number;
    if (!number) return;
    if (d.dissolved) {
      round3.push(
        hosted(d.council).actor.submit('business.dissolve', {
          number,
          reason: {
            code: 'voluntary-strike-off',
            en: 'Struck off at the directors’ request',
            cy: 'Dilëwyd ar gais y cyfarwyddwyr',
          },
        }),
      );
      return;
    }
    (d.licences ?? []).forEach((kind, j) => {
      const grantor = kind === 'waste-permit' ? nrw : kind === 'fire' ? fire : hosted(d.council);
      const expired = d.expiredLicence === true && j === 0;
      const licence = {
        kind: kind === 'fire' ? 'fire-safety-certificate' : kind,
        ref: `${grantor.body.slug.toUpperCase()}/${new Date(now).getUTCFullYear()}/${String(ref++).padStart(4, '0')}`,
        validFromMs: expired ? now - 3 * 365 * DAY_MS : now - (30 + i * 7) * DAY_MS,
        validUntilMs: expired ? now - 30 * DAY_MS : now + (365 + i * 11) * DAY_MS,
      };
      const grant = grantor.actor.submit('business.licence', { number, licence });
      round3.push(grant);
      if (d.revokeFirstLicence === true && j === 0) {
        toRevoke.push({ number, grantor: grantor.body.slug, grant });
      }
    });
  });
  await waitAll(ctx, await Promise.all(round3));

  // 4. A revocation, so a history shows one.
  const revocations = await Promise.all(
    toRevoke.map(async (r) =>
      hosted(r.grantor).actor.submit('business.revokeLicence', {
        number: r.number,
        licence: await r.grant,
        reason: {
          code: 'premises-closed',
          en: 'The premises closed for rebuilding',
          cy: 'Caeodd yr adeilad i’w ailadeiladu',
        },
      }),
    ),
  );
  await waitAll(ctx, revocations);
  const pending = DEMO_BUSINESSES.filter((d) => d.pending).length;
  return {
    seeded: true,
    registered:
      DEMO_BUSINESSES.length - pending - DEMO_BUSINESSES.filter((d) => d.dissolved).length,
    pending,
    ms: Date.now() - started,
  };
}

/** Waits for every id to be in a block; a refusal there is an error (the demo data is wrong). */
async function waitAll(ctx: IdentityContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const s = await ctx.node.waitFor(id, 30_000);
    if (!s || s.status === 'pending') throw new Error(`demo registers: ${id} not committed`);
    if (s.status === 'rejected') throw new Error(`demo registers: ${s.code} ${s.detail ?? ''}`);
  }
}
