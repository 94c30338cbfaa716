// The demo title register (decision 0012): on a fresh `cadwyn start`, after the demo business
// register and under the same switch, a handful of made-up titles in Gwent and a few transfers
// at different stages, one a chain of two. Everything goes on the ledger as ordinary signed
// transactions: the councils (as registrars) register and approve, the parties' demo keys sign.
// Once only: nothing happens when the register already has a title.
//
// No real address or person is used. Owners are salted digests of demo pseudonyms (the salt is
// thrown away); parties are deterministic demo did:keys anyone can derive (demo only).
import { randomBytes } from 'node:crypto';
import { utf8 } from '../core/bytes.js';
import type { PrivateKey } from '../core/crypto.js';
import { didKeyFromPublicKey } from '../core/did.js';
import { sha256 } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import type { SignedTx, TxBody } from '../core/tx.js';
import { signTx, txIdOf } from '../core/tx.js';
import type { PriceBand, Tenure } from '../ledger/modules/title.js';
import { ownerDigest, TITLE_KEYS } from '../ledger/modules/title.js';
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

interface DemoKey {
  readonly did: string;
  readonly privateKey: PrivateKey;
}

/** A deterministic Ed25519 key from a label (demo only: anyone can derive it). */
function demoKey(label: string): DemoKey {
  const privateKey: PrivateKey = {
    alg: 'Ed25519',
    bytes: sha256(utf8(`cadwyn/demo/title/${label}`)),
  };
  return { did: didKeyFromPublicKey(publicKeyOfSync(privateKey)), privateKey };
}

/** Lenders' and conveyancing firms' system keys (made up; their names stay in this file). */
export const DEMO_LENDERS = {
  usk: demoKey('lender/usk-valley-building-society'),
  severn: demoKey('lender/severn-mutual'),
} as const;
export const DEMO_CONVEYANCERS = {
  castle: demoKey('conveyancer/castle-street-law'),
  bridge: demoKey('conveyancer/bridge-conveyancing'),
  valley: demoKey('conveyancer/valley-legal'),
} as const;

interface DemoTitle {
  readonly titleNumber: string;
  readonly uprn: string;
  readonly tenure: Tenure;
  readonly council: Council;
  /** Labels of the demo owners' pseudonyms (digested with a discarded salt). */
  readonly owners: readonly string[];
  readonly charges?: readonly { ref: string; lender: keyof typeof DEMO_LENDERS }[];
  readonly restrictions?: readonly { ref: string; kind: string }[];
}

export const DEMO_TITLES: readonly DemoTitle[] = [
  {
    titleNumber: 'CYM512001',
    uprn: '010090051201',
    tenure: 'freehold',
    council: 'newport',
    owners: ['owner-a'],
    charges: [{ ref: 'UVBS-88231', lender: 'usk' }],
  },
  {
    titleNumber: 'CYM512002',
    uprn: '010090051202',
    tenure: 'freehold',
    council: 'newport',
    owners: ['owner-b', 'owner-c'],
    restrictions: [{ ref: 'FORM-A', kind: 'joint-proprietors' }],
  },
  {
    titleNumber: 'CYM512003',
    uprn: '010090051202',
    tenure: 'leasehold',
    council: 'newport',
    owners: ['owner-d'],
  },
  {
    titleNumber: 'CYM620114',
    uprn: '043000062011',
    tenure: 'freehold',
    council: 'caerphilly',
    owners: ['owner-e'],
    charges: [{ ref: 'SM-4410', lender: 'severn' }],
  },
  {
    titleNumber: 'CYM731090',
    uprn: '100100073109',
    tenure: 'freehold',
    council: 'torfaen',
    owners: ['owner-f'],
  },
  {
    titleNumber: 'CYM845220',
    uprn: '010020084522',
    tenure: 'freehold',
    council: 'monmouthshire',
    owners: ['owner-g', 'owner-h'],
    restrictions: [{ ref: 'NOTICE-2', kind: 'notice' }],
  },
  {
    titleNumber: 'CYM903377',
    uprn: '010010090337',
    tenure: 'freehold',
    council: 'blaenau-gwent',
    owners: ['owner-i'],
    restrictions: [{ ref: 'CONSENT-1', kind: 'consent-required' }],
  },
];

interface DemoTransfer {
  readonly key: string;
  readonly titleNumber: string;
  readonly sellers: readonly string[];
  readonly buyers: readonly string[];
  readonly sellerConveyancer: keyof typeof DEMO_CONVEYANCERS;
  readonly buyerConveyancer: keyof typeof DEMO_CONVEYANCERS;
  readonly discharge: readonly string[];
  readonly newCharge?: { readonly ref: string; readonly lender: keyof typeof DEMO_LENDERS };
  readonly priceBand?: PriceBand;
  /** Keys of earlier transfers this one links to (the buyer's own sale). */
  readonly links?: readonly string[];
  /** How far it gets: signers who do not sign are what the chain waits for. */
  readonly upTo: 'drafted' | 'approved' | 'signed' | 'registered';
  readonly notSigning?: readonly string[];
}

// Owner e (Caerphilly) buys owner f's house in Torfaen and sells their own: a chain of two. The
// purchase is signed by all; the sale waits for Severn Mutual to consent to the discharge.
export const DEMO_TRANSFERS: readonly DemoTransfer[] = [
  {
    key: 'purchase',
    titleNumber: 'CYM731090',
    sellers: ['owner-f'],
    buyers: ['owner-e/buying'],
    sellerConveyancer: 'valley',
    buyerConveyancer: 'bridge',
    discharge: [],
    newCharge: { ref: 'UVBS-90412', lender: 'usk' },
    priceBand: '225k-400k',
    upTo: 'signed',
  },
  {
    key: 'sale',
    titleNumber: 'CYM620114',
    sellers: ['owner-e'],
    buyers: ['buyer-j'],
    sellerConveyancer: 'bridge',
    buyerConveyancer: 'castle',
    discharge: ['SM-4410'],
    priceBand: 'up-to-225k',
    links: ['purchase'],
    upTo: 'approved',
    notSigning: ['lender:severn'],
  },
  {
    key: 'newport-house',
    titleNumber: 'CYM512001',
    sellers: ['owner-a'],
    buyers: ['buyer-k'],
    sellerConveyancer: 'castle',
    buyerConveyancer: 'valley',
    discharge: ['UVBS-88231'],
    newCharge: { ref: 'SM-5120', lender: 'severn' },
    priceBand: '225k-400k',
    upTo: 'approved',
    notSigning: ['buyer-k', 'lender:severn'],
  },
  {
    key: 'monmouth-cottage',
    titleNumber: 'CYM845220',
    sellers: ['owner-g', 'owner-h'],
    buyers: ['buyer-l'],
    sellerConveyancer: 'castle',
    buyerConveyancer: 'bridge',
    discharge: [],
    priceBand: '400k-750k',
    upTo: 'registered',
  },
];

export interface TitleSeedOutcome {
  readonly seeded: boolean;
  readonly titles: number;
  readonly transfers: number;
  readonly ms: number;
}

/**
 * Puts the demo title register on the ledger unless a title exists. Needs the five councils
 * (registrars) hosted by this node.
 */
export async function seedDemoTitles(ctx: IdentityContext): Promise<TitleSeedOutcome> {
  const started = Date.now();
  const node = ctx.node;
  if (node.store.stateRange(TITLE_KEYS.titlePrefix, 1).length > 0) {
    return { seeded: false, titles: 0, transfers: 0, ms: 0 };
  }
  const council = (c: Council) => {
    const h = ctx.bodies.get(c);
    if (!h) throw new Error(`demo titles: body ${c} not hosted`);
    return h;
  };
  const councilOf = (titleNumber: string) =>
    DEMO_TITLES.find((t) => t.titleNumber === titleNumber)?.council ?? 'newport';
  const salt = new Uint8Array(randomBytes(32));
  const person = (label: string) => demoKey(`person/${label}`);
  const digest = (label: string) => ownerDigest(salt, person(label).did);
  const party = (label: string): DemoKey =>
    label.startsWith('lender:')
      ? DEMO_LENDERS[label.slice('lender:'.length) as keyof typeof DEMO_LENDERS]
      : person(label);

  // Parties' own transactions: sequence numbers kept here, a round submitted as one batch.
  const seqs = new Map<string, number>();
  async function round(
    items: readonly { by: DemoKey; type: string; payload: Json; area: string }[],
  ): Promise<string[]> {
    const txs: SignedTx[] = [];
    for (const it of items) {
      const seq = seqs.get(it.by.did) ?? node.nextSeqFor(it.by.did);
      seqs.set(it.by.did, seq + 1);
      const body: TxBody = {
        v: 1,
        network: node.network,
        type: it.type,
        sender: it.by.did,
        seq,
        timeMs: node.deps.clock(),
        geo: { area: it.area },
        payload: it.payload,
      } as TxBody;
      txs.push(await signTx(body, [it.by], nodeCryptoBackend));
    }
    const outcomes = await node.submit(txs);
    const refused = outcomes.find((o) => !o.ok);
    if (refused && !refused.ok) throw new Error(`demo titles: refused ${refused.code}`);
    const ids = txs.map((t) => txIdOf(t.body));
    await waitAll(ctx, ids);
    return ids;
  }
  const registrarSteps = async (steps: readonly { c: Council; type: string; payload: Json }[]) =>
    waitAll(ctx, await Promise.all(steps.map((s) => council(s.c).actor.submit(s.type, s.payload))));

  // 1. Each council registers its titles.
  await registrarSteps(
    DEMO_TITLES.map((t) => ({
      c: t.council,
      type: 'title.register',
      payload: {
        titleNumber: t.titleNumber,
        uprn: t.uprn,
        tenure: t.tenure,
        area: AREA[t.council],
        owners: t.owners.map(digest),
        charges: (t.charges ?? []).map((c) => ({ ref: c.ref, lender: DEMO_LENDERS[c.lender].did })),
        restrictions: (t.restrictions ?? []).map((r) => ({ ref: r.ref, kind: r.kind })),
      },
    })),
  );

  // 2. Drafts, by the sellers' conveyancers: unlinked first, then those naming a link.
  const ids = new Map<string, string>();
  const draftOf = (d: DemoTransfer) => ({
    by: DEMO_CONVEYANCERS[d.sellerConveyancer],
    type: 'title.draft',
    area: AREA[councilOf(d.titleNumber)],
    payload: {
      titleNumber: d.titleNumber,
      sellers: d.sellers.map((s) => person(s).did),
      buyers: d.buyers.map((b) => person(b).did),
      buyerConveyancer: DEMO_CONVEYANCERS[d.buyerConveyancer].did,
      newOwners: d.buyers.map(digest),
      discharge: [...d.discharge],
      ...(d.newCharge
        ? { newCharge: { ref: d.newCharge.ref, lender: DEMO_LENDERS[d.newCharge.lender].did } }
        : {}),
      ...(d.priceBand ? { priceBand: d.priceBand } : {}),
      ...(d.links ? { links: d.links.map((k) => ids.get(k) ?? '') } : {}),
    } as Json,
  });
  for (const linked of [false, true]) {
    const batch = DEMO_TRANSFERS.filter((d) => (d.links !== undefined) === linked);
    const got = await round(batch.map(draftOf));
    batch.forEach((d, i) => ids.set(d.key, got[i] ?? ''));
  }
  const idOf = (d: DemoTransfer) => ids.get(d.key) ?? '';
  const from = (stages: DemoTransfer['upTo'][]) =>
    DEMO_TRANSFERS.filter((d) => stages.includes(d.upTo));

  // 3. The registrars approve; 4. the parties sign (in one round: any order among them).
  await registrarSteps(
    from(['approved', 'signed', 'registered']).map((d) => ({
      c: councilOf(d.titleNumber),
      type: 'title.approve',
      payload: { transfer: idOf(d) },
    })),
  );
  const signers = (d: DemoTransfer): string[] => [
    ...d.sellers,
    ...d.buyers,
    ...d.discharge.map((ref) => {
      const lender = DEMO_TITLES.find((t) => t.titleNumber === d.titleNumber)?.charges?.find(
        (c) => c.ref === ref,
      )?.lender;
      return `lender:${lender ?? ''}`;
    }),
    ...(d.newCharge ? [`lender:${d.newCharge.lender}`] : []),
  ];
  const signing = from(['approved', 'signed', 'registered']).flatMap((d) => {
    const area = AREA[councilOf(d.titleNumber)];
    const people = [...new Set(signers(d))].filter((l) => !(d.notSigning ?? []).includes(l));
    return [
      ...people.map((l) => ({
        by: party(l),
        type: 'title.sign',
        area,
        payload: { transfer: idOf(d) },
      })),
      ...[d.sellerConveyancer, d.buyerConveyancer].map((c) => ({
        by: DEMO_CONVEYANCERS[c],
        type: 'title.sign',
        area,
        payload: { transfer: idOf(d) },
      })),
    ];
  });
  // A firm or lender in two transfers signs both in this batch, with consecutive sequences.
  await round(signing);

  // 5. The transfer that goes all the way: funds, completion, registration.
  for (const d of from(['registered'])) {
    const area = AREA[councilOf(d.titleNumber)];
    const payload = { transfer: idOf(d) };
    await round([
      { by: DEMO_CONVEYANCERS[d.buyerConveyancer], type: 'title.confirmFunds', area, payload },
      ...(d.newCharge
        ? [{ by: DEMO_LENDERS[d.newCharge.lender], type: 'title.confirmFunds', area, payload }]
        : []),
    ]);
    await round([
      { by: DEMO_CONVEYANCERS[d.sellerConveyancer], type: 'title.complete', area, payload },
    ]);
    await registrarSteps([
      { c: councilOf(d.titleNumber), type: 'title.registerTransfer', payload },
    ]);
  }
  return {
    seeded: true,
    titles: DEMO_TITLES.length,
    transfers: DEMO_TRANSFERS.length,
    ms: Date.now() - started,
  };
}

/** The demo transfer ids by key, for tests: the draft transactions' ids are on the ledger. */
export function demoTransferIds(ctx: IdentityContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, v] of ctx.node.store.stateRange(TITLE_KEYS.transferPrefix, 1000)) {
    const t = v as unknown as { id: string; titleNumber: string };
    const d = DEMO_TRANSFERS.find((x) => x.titleNumber === t.titleNumber);
    if (d) out.set(d.key, t.id);
  }
  return out;
}

/** Seeds, logging the outcome; never throws (a demo that fails to seed is not a node failure). */
export async function seedDemoTitlesLogged(ctx: IdentityContext): Promise<void> {
  try {
    const r = await seedDemoTitles(ctx);
    if (r.seeded) ctx.node.deps.logger.info({ ...r }, 'demo title register seeded');
  } catch (e) {
    ctx.node.deps.logger.error({ err: String(e) }, 'demo title register not seeded');
  }
}

/** Waits for every id to be in a block; a refusal there is an error (the demo data is wrong). */
async function waitAll(ctx: IdentityContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const s = await ctx.node.waitFor(id, 30_000);
    if (!s || s.status === 'pending') throw new Error(`demo titles: ${id} not committed`);
    if (s.status === 'rejected') throw new Error(`demo titles: ${s.code} ${s.detail ?? ''}`);
  }
}
