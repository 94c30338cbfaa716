import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logEntryText } from './block.js';
import { fromBase64, toBase64, toBase64Url, toHex, utf8 } from './bytes.js';
import type { Checkpoint, CheckpointSigner } from './checkpoint.js';
import { cosignCheckpoint, signCheckpoint } from './checkpoint.js';
import type { PrivateKey, SignatureAlg } from './crypto.js';
import { didKeyFromPublicKey } from './did.js';
import { sha256, sha256Hex } from './hash.js';
import { canonicalJson } from './jcs.js';
import { leafHash, MerkleLog } from './merkle.js';
import { nobleBackend } from './noble.js';
import type { ConsortiumKeys, Receipt, ReceiptError, ReceiptFacts } from './receipt.js';
import {
  buildReceipt,
  describeReceiptError,
  parseConsortiumKeys,
  RECEIPT_ERRORS,
  verifyReceipt,
} from './receipt.js';
import type { Geo } from './geo.js';
import type { SignedTx, TxBody, TxSigner } from './tx.js';
import { prepareTx, signTx, txIdOf } from './tx.js';

const backend = nobleBackend;
const NETWORK = 'gwent-test';
const ORIGIN = 'cadwyn.gwent.example/ledger';
const T0 = 1_767_225_600_000;

function must<T>(r: { ok: true; value: T } | { ok: false; code: string; detail?: string }): T {
  if (!r.ok) throw new Error(`unexpected ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

// Deep, except below an index signature (the payload's Json): that recursion never ends.
type Mutable<T> = T extends object
  ? string extends keyof T
    ? { -readonly [K in keyof T]: T[K] }
    : { -readonly [K in keyof T]: Mutable<T[K]> }
  : T;

/** A deep, editable copy of a receipt, as a hostile party would hand it over. */
function edit(r: Receipt, change: (m: Mutable<Receipt>) => void): unknown {
  const m = JSON.parse(JSON.stringify(r)) as Mutable<Receipt>;
  change(m);
  return m;
}

// ---- a small consortium, with deterministic keys so failures reproduce ----------------------

function privateKey(label: string, alg: SignatureAlg = 'Ed25519'): PrivateKey {
  return { alg, bytes: sha256(utf8(`receipt test ${label}`)) };
}

interface Body {
  readonly did: string;
  readonly en: string;
  readonly cy: string;
  readonly key: PrivateKey;
  readonly validator: CheckpointSigner;
}

const bodies: Body[] = [
  ['newport.gov.uk', 'Newport City Council', 'Cyngor Dinas Casnewydd'],
  ['torfaen.gov.uk', 'Torfaen County Borough Council', 'Cyngor Bwrdeistref Sirol Tor-faen'],
  ['monmouthshire.gov.uk', 'Monmouthshire County Council', 'Cyngor Sir Fynwy'],
  ['caerphilly.gov.uk', 'Caerphilly County Borough Council', 'Cyngor Bwrdeistref Sirol Caerffili'],
].map(([host, en, cy]) => ({
  did: `did:web:${host}`,
  en,
  cy,
  key: privateKey(`member ${host}`),
  validator: { name: `cadwyn.${host}`, privateKey: privateKey(`validator ${host}`) },
}));
const [newport, torfaen, monmouth, caerphilly] = bodies;

async function keysFileFor(members: readonly Body[], validators: readonly Body[]) {
  return {
    v: 1,
    kind: 'cadwyn-consortium-keys',
    network: NETWORK,
    origin: ORIGIN,
    validators: await Promise.all(
      validators.map(async (b) => ({
        name: b.validator.name,
        member: b.did,
        publicKey: toBase64Url((await backend.publicKeyOf(b.validator.privateKey)).bytes),
      })),
    ),
    members: await Promise.all(
      members.map(async (b) => ({
        did: b.did,
        name: { en: b.en, cy: b.cy },
        keys: [
          {
            id: 'k1',
            alg: 'Ed25519',
            publicKey: toBase64Url((await backend.publicKeyOf(b.key)).bytes),
          },
        ],
      })),
    ),
    atHeight: 3,
  };
}

const keysJson = await keysFileFor(bodies, bodies);
const keys: ConsortiumKeys = must(parseConsortiumKeys(keysJson));

// Citizens: pairwise did:keys, one Ed25519 and one P-256 (what phones keep in hardware).
const aliceKey = privateKey('alice');
const bobKey = privateKey('bob', 'ES256');
const alice: TxSigner = {
  did: didKeyFromPublicKey(await backend.publicKeyOf(aliceKey)),
  privateKey: aliceKey,
};
const bob: TxSigner = {
  did: didKeyFromPublicKey(await backend.publicKeyOf(bobKey)),
  privateKey: bobKey,
};
const asMember = (b: Body, keyId = 'k1'): TxSigner => ({ did: b.did, keyId, privateKey: b.key });
// Blaenau Gwent is not in the keys file (say it left the consortium since).
const blaenau: Body = {
  ...newport,
  did: 'did:web:blaenau-gwent.gov.uk',
  key: privateKey('member blaenau-gwent.gov.uk'),
};

function body(sender: string, seq: number, timeMs: number, title: string, geo?: Geo): TxBody {
  return {
    v: 1,
    network: NETWORK,
    type: 'notary.notarise',
    sender,
    seq,
    timeMs,
    ...(geo ? { geo } : {}),
    payload: { digest: sha256Hex(title), title },
  };
}

// ---- a real log of three blocks -----------------------------------------------------------

interface Committed {
  readonly tx: SignedTx;
  readonly id: string;
  readonly height: number;
  readonly timeMs: number;
  readonly logIndex: number;
}

const log = new MerkleLog();
function commit(height: number, timeMs: number, tx: SignedTx, into: MerkleLog = log): Committed {
  const p = must(prepareTx(tx));
  const logIndex = into.append(leafHash(utf8(logEntryText(height, timeMs, p.canonicalTx))));
  return { tx, id: p.id, height, timeMs, logIndex };
}

const blockTime = (h: number) => T0 + 5_000 * h;

// A control character in the title: its JSON escape can be spelt \u001f or \u001F.
const notarised = commit(
  1,
  blockTime(1),
  await signTx(
    body(alice.did, 1, blockTime(1) - 1_200, 'Cofrestr tir — Casnewydd \u001f ŵ', {
      area: 'W06000022',
    }),
    [alice],
    backend,
  ),
);
const handOver = commit(
  1,
  blockTime(1),
  await signTx(
    body(bob.did, 1, blockTime(1) - 300, 'custody hand-over', { lat: 51.5881, lon: -2.9977 }),
    [bob],
    backend,
  ),
);
for (let seq = 2; seq <= 5; seq++) {
  commit(
    2,
    blockTime(2),
    await signTx(body(alice.did, seq, blockTime(2), `doc ${seq}`), [alice], backend),
  );
}
const byMember = commit(
  2,
  blockTime(2),
  await signTx(
    body(newport.did, 1, blockTime(2) - 50, 'council minute'),
    [asMember(newport), asMember(torfaen)],
    backend,
  ),
);
const byFormerMember = commit(
  3,
  blockTime(3),
  await signTx(body(blaenau.did, 1, blockTime(3), 'old minute'), [asMember(blaenau)], backend),
);
const byRotatedKey = commit(
  3,
  blockTime(3),
  await signTx(body(newport.did, 2, blockTime(3), 'rotated'), [asMember(newport, 'k0')], backend),
);
const last = commit(
  3,
  blockTime(3),
  await signTx(body(alice.did, 6, blockTime(3), 'last'), [alice], backend),
);

function checkpointOf(l: MerkleLog, height: number, timeMs: number, origin = ORIGIN): Checkpoint {
  return {
    origin,
    logSize: l.size,
    logRoot: l.root(),
    height,
    blockHash: sha256(utf8(`block ${height}`)),
    stateRoot: sha256(utf8(`state ${height}`)),
    timeMs,
  };
}

/** The proposer signs, then each cosigner adds a cosignature. */
async function signedBy(
  cp: Checkpoint,
  proposer: CheckpointSigner,
  ...cosigners: CheckpointSigner[]
) {
  let note = await signCheckpoint(cp, proposer, backend);
  let t = Math.floor(cp.timeMs / 1000) + 1;
  for (const c of cosigners) note = must(await cosignCheckpoint(note, c, t++, backend));
  return note;
}

const cp = checkpointOf(log, 3, blockTime(3));
const [vN, vT, vM, vC] = bodies.map((b) => b.validator);
const note = await signedBy(cp, vN, vT, vM); // 3 of 4: exactly the quorum

function receiptFor(c: Committed, checkpoint = note, l: MerkleLog = log, origin = ORIGIN): Receipt {
  return buildReceipt({
    origin,
    network: NETWORK,
    txId: c.id,
    logIndex: c.logIndex,
    entry: { height: c.height, timeMs: c.timeMs, tx: c.tx },
    logSize: l.size,
    proof: l.inclusionProof(c.logIndex).map(toHex),
    checkpoint,
  });
}

const receipt = receiptFor(notarised);

async function codeOf(x: unknown, k: ConsortiumKeys = keys): Promise<string> {
  const r = await verifyReceipt(x, k, backend);
  return r.ok ? 'OK' : r.code;
}

// ---- the trust file ------------------------------------------------------------------------

describe('parseConsortiumKeys', () => {
  it('accepts an exported keys file and returns a fresh, equal copy', () => {
    expect(keys).toEqual(keysJson);
    expect(keys).not.toBe(keysJson);
    expect(must(parseConsortiumKeys(JSON.parse(JSON.stringify(keys))))).toEqual(keys);
  });

  type KeysJson = Mutable<ConsortiumKeys> & Record<string, unknown>;
  const bad = (change: (k: KeysJson) => void): unknown => {
    const k = JSON.parse(JSON.stringify(keysJson)) as KeysJson;
    change(k);
    return k;
  };
  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [keysJson]],
    ['a string', JSON.stringify(keysJson)],
    ['an extra field', bad((k) => (k.extra = 1))],
    ['version 2', bad((k) => ((k as Record<string, unknown>).v = 2))],
    ['another kind', bad((k) => ((k as Record<string, unknown>).kind = 'cadwyn-receipt'))],
    ['an empty network', bad((k) => (k.network = ''))],
    ['a reserved origin', bad((k) => (k.origin = 'cadwyn/v1/transaction'))],
    ['an origin with a newline', bad((k) => (k.origin = 'a\nb'))],
    ['a fractional height', bad((k) => (k.atHeight = 1.5))],
    ['no validators', bad((k) => (k.validators = []))],
    ['a validator of an unlisted body', bad((k) => (k.validators[0].member = 'did:web:x.example'))],
    ['a validator twice by name', bad((k) => (k.validators[1].name = k.validators[0].name))],
    [
      'one key for two validators',
      bad((k) => (k.validators[1].publicKey = k.validators[0].publicKey)),
    ],
    [
      'a 31-byte validator key',
      bad((k) => (k.validators[0].publicKey = toBase64Url(new Uint8Array(31)))),
    ],
    ['a padded validator key', bad((k) => (k.validators[0].publicKey += '='))],
    ['a validator name with a space', bad((k) => (k.validators[0].name = 'cadwyn newport'))],
    ['a did:key member', bad((k) => (k.members[0].did = alice.did))],
    ['a member twice', bad((k) => (k.members[1] = k.members[0]))],
    [
      'a member without a Welsh name',
      bad((k) => delete (k.members[0].name as Partial<{ cy: string }>).cy),
    ],
    ['an empty English name', bad((k) => (k.members[0].name.en = ''))],
    ['a member without keys', bad((k) => (k.members[0].keys = []))],
    ['an RS256 key', bad((k) => ((k.members[0].keys[0] as Record<string, unknown>).alg = 'RS256'))],
    ['an ES256 key of 32 bytes', bad((k) => (k.members[0].keys[0].alg = 'ES256'))],
    ['a key id twice', bad((k) => k.members[0].keys.push({ ...k.members[0].keys[0] }))],
  ])('rejects %s', (_what, x) => {
    expect(parseConsortiumKeys(x)).toMatchObject({ ok: false, code: 'KEYS_MALFORMED' });
  });
});

// ---- receipts that verify ------------------------------------------------------------------

describe('verifyReceipt: genuine receipts', () => {
  it('states what, when, where and who vouched', async () => {
    const facts = must(await verifyReceipt(receipt, keys, backend));
    expect(facts).toEqual<ReceiptFacts>({
      network: NETWORK,
      origin: ORIGIN,
      txId: notarised.id,
      type: 'notary.notarise',
      sender: alice.did,
      seq: 1,
      claimedTimeMs: blockTime(1) - 1_200,
      blockTimeMs: blockTime(1),
      height: 1,
      logIndex: 0,
      geo: { area: 'W06000022' },
      payload: notarised.tx.body.payload,
      checkpoint: {
        height: 3,
        logSize: 10,
        timeMs: blockTime(3),
        signers: [vN.name, vT.name, vM.name],
        quorum: 3,
        validatorCount: 4,
      },
    });
  });

  it.each([
    ['an Ed25519 did:key', notarised],
    ['a P-256 did:key, with coordinates', handOver],
    ['member bodies (did:web, two signatures)', byMember],
    ['the last entry of the log', last],
  ])('verifies a transaction signed by %s', async (_who, c) => {
    const facts = must(await verifyReceipt(receiptFor(c), keys, backend));
    expect(facts).toMatchObject({ txId: c.id, logIndex: c.logIndex, height: c.height });
    expect(facts.geo).toEqual(c.tx.body.geo);
  });

  it('verifies after a trip through a JSON file', async () => {
    const text = JSON.stringify(receiptFor(handOver), null, 2);
    expect(must(await verifyReceipt(JSON.parse(text), keys, backend)).geo).toEqual({
      lat: 51.5881,
      lon: -2.9977,
    });
  });

  it('counts every trusted signer, and ignores signatures by keys it does not know', async () => {
    const stranger = { name: 'cadwyn.stranger.example', privateKey: privateKey('stranger') };
    const all = await signedBy(cp, vN, vT, vM, vC, stranger);
    const facts = must(await verifyReceipt(receiptFor(last, all), keys, backend));
    expect(facts.checkpoint.signers).toEqual([vN.name, vT.name, vM.name, vC.name]);
  });

  it('uses the quorum of the validators the user trusts', async () => {
    const three = must(
      parseConsortiumKeys(await keysFileFor(bodies, [newport, torfaen, monmouth])),
    );
    expect(must(await verifyReceipt(receipt, three, backend)).checkpoint).toMatchObject({
      quorum: 3,
      validatorCount: 3,
    });
  });

  it('verifies a one-entry log, whose proof is empty', async () => {
    const solo = new MerkleLog();
    const c = commit(0, T0, notarised.tx, solo);
    const r = receiptFor(c, await signedBy(checkpointOf(solo, 0, T0), vC, vM, vT), solo);
    expect(r.inclusion.proof).toEqual([]);
    expect(await codeOf(r)).toBe('OK');
  });

  it('accepts the other spelling of a JSON escape (the same receipt)', async () => {
    const text = JSON.stringify(receipt);
    expect(text).toContain('\\u001f');
    expect(await codeOf(JSON.parse(text.replace('\\u001f', '\\u001F')))).toBe('OK');
  });
});

// ---- receipts that must not verify ---------------------------------------------------------

const otherOrigin = await signedBy(
  checkpointOf(log, 3, blockTime(3), 'cadwyn.elsewhere.example/ledger'),
  vN,
  vT,
  vM,
);
const impostors = bodies.map((b) => ({
  name: b.validator.name,
  privateKey: privateKey(`impostor ${b.did}`),
}));
const byImpostors = await signedBy(cp, impostors[0], impostors[1], impostors[2], impostors[3]);
const twoOfFour = await signedBy(cp, vN, vC);
const twoPlusImpostors = await signedBy(cp, vN, vC, impostors[1], impostors[2]);
const earlier = new MerkleLog();
for (let i = 0; i < 6; i++) earlier.append(log.leafHashAt(i));
const earlierNote = await signedBy(checkpointOf(earlier, 2, blockTime(2)), vN, vT, vM);

function corruptLastSignature(n: string): string {
  const at = n.lastIndexOf(' ') + 1;
  const raw = fromBase64(n.slice(at, -1)) as Uint8Array;
  raw[raw.length - 1] ^= 1; // still base64, still by a trusted key: a forged signature
  return n.slice(0, at) + toBase64(raw) + '\n';
}

const payloadChanged = (m: Mutable<Receipt>) => {
  m.entry.tx.body.payload.title = 'Cofrestr tir — Casnewydd \u001f w';
};

it.each<[string, () => unknown, ReceiptError]>([
  // the transaction
  ['a payload byte changed', () => edit(receipt, payloadChanged), 'RECEIPT_TX_MISMATCH'],
  [
    'a payload byte changed, txId recomputed',
    () =>
      edit(receipt, (m) => {
        payloadChanged(m);
        m.txId = txIdOf(m.entry.tx.body as TxBody);
      }),
    'RECEIPT_TX_SIGNATURE_INVALID',
  ],
  [
    'the claimed time changed',
    () => edit(receipt, (m) => (m.entry.tx.body.timeMs += 1)),
    'RECEIPT_TX_MISMATCH',
  ],
  [
    'the txId of another transaction',
    () => edit(receipt, (m) => (m.txId = last.id)),
    'RECEIPT_TX_MISMATCH',
  ],
  [
    'a transaction without signatures',
    () => edit(receipt, (m) => (m.entry.tx.signatures = [])),
    'RECEIPT_TX_MISMATCH',
  ],
  [
    'a signature corrupted',
    () =>
      edit(receipt, (m) => {
        const s = m.entry.tx.signatures[0];
        s.sig = (s.sig[0] === 'A' ? 'B' : 'A') + s.sig.slice(1);
      }),
    'RECEIPT_TX_SIGNATURE_INVALID',
  ],
  [
    'the sender’s signature removed',
    () => edit(receiptFor(byMember), (m) => m.entry.tx.signatures.shift()),
    'RECEIPT_TX_SIGNATURE_INVALID',
  ],
  [
    'a did:web signer not in the keys file',
    () => receiptFor(byFormerMember),
    'RECEIPT_SIGNER_UNKNOWN',
  ],
  ['a member key not in the keys file', () => receiptFor(byRotatedKey), 'RECEIPT_SIGNER_UNKNOWN'],
  // where in the log
  [
    'the block time changed',
    () => edit(receipt, (m) => (m.entry.timeMs += 1)),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'the block height changed',
    () => edit(receipt, (m) => (m.entry.height = 2)),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'the index of a neighbour',
    () => edit(receipt, (m) => (m.logIndex = 1)),
    'RECEIPT_NOT_INCLUDED',
  ],
  ['an index past the log', () => edit(receipt, (m) => (m.logIndex = 10)), 'RECEIPT_NOT_INCLUDED'],
  [
    'a proof hash flipped',
    () =>
      edit(receipt, (m) => {
        const h = m.inclusion.proof[1];
        m.inclusion.proof[1] = (h[0] === 'a' ? 'b' : 'a') + h.slice(1);
      }),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'a truncated proof',
    () => edit(receipt, (m) => m.inclusion.proof.pop()),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'a lengthened proof',
    () => edit(receipt, (m) => m.inclusion.proof.push('00'.repeat(32))),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'the proof of another entry',
    () => edit(receipt, (m) => (m.inclusion.proof = [...receiptFor(handOver).inclusion.proof])),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'a proof for another log size',
    () =>
      edit(receipt, (m) => {
        m.inclusion = { logSize: 9, proof: log.inclusionProof(0, 9).map(toHex) };
      }),
    'RECEIPT_NOT_INCLUDED',
  ],
  [
    'a valid but earlier checkpoint',
    () => edit(receipt, (m) => (m.checkpoint = earlierNote)),
    'RECEIPT_NOT_INCLUDED',
  ],
  // which ledger
  [
    'a checkpoint from another origin',
    () => edit(receipt, (m) => (m.checkpoint = otherOrigin)),
    'RECEIPT_WRONG_NETWORK',
  ],
  [
    'another origin',
    () => edit(receipt, (m) => (m.origin = 'cadwyn.elsewhere.example/ledger')),
    'RECEIPT_WRONG_NETWORK',
  ],
  ['another network', () => edit(receipt, (m) => (m.network = 'dyfed')), 'RECEIPT_WRONG_NETWORK'],
  [
    'a transaction for another network',
    () =>
      edit(receipt, (m) => {
        m.entry.tx.body.network = 'dyfed';
        m.txId = txIdOf(m.entry.tx.body as TxBody);
      }),
    'RECEIPT_WRONG_NETWORK',
  ],
  [
    'another network and a broken proof (the first failure wins)',
    () =>
      edit(receipt, (m) => {
        m.network = 'dyfed';
        m.inclusion.proof = [];
      }),
    'RECEIPT_WRONG_NETWORK',
  ],
  // who vouched
  [
    'a checkpoint signed only by untrusted keys',
    () => edit(receipt, (m) => (m.checkpoint = byImpostors)),
    'RECEIPT_UNTRUSTED_SIGNERS',
  ],
  [
    'a checkpoint signed by 2 of 4',
    () => edit(receipt, (m) => (m.checkpoint = twoOfFour)),
    'RECEIPT_NO_QUORUM',
  ],
  [
    '2 of 4 and untrusted keys',
    () => edit(receipt, (m) => (m.checkpoint = twoPlusImpostors)),
    'RECEIPT_NO_QUORUM',
  ],
  [
    'a forged cosignature',
    () => edit(receipt, (m) => (m.checkpoint = corruptLastSignature(note))),
    'RECEIPT_CHECKPOINT_INVALID',
  ],
  [
    'the checkpoint’s log size changed',
    () => edit(receipt, (m) => (m.checkpoint = note.replace('\n10\n', '\n11\n'))),
    'RECEIPT_CHECKPOINT_INVALID',
  ],
  [
    'a checkpoint without signatures',
    () => edit(receipt, (m) => (m.checkpoint = note.slice(0, note.indexOf('\n\n') + 1))),
    'RECEIPT_CHECKPOINT_INVALID',
  ],
  [
    'a checkpoint that is not a note',
    () => edit(receipt, (m) => (m.checkpoint = 'trust me\n')),
    'RECEIPT_CHECKPOINT_INVALID',
  ],
  // shape
  ['null', () => null, 'RECEIPT_MALFORMED'],
  ['a string', () => JSON.stringify(receipt), 'RECEIPT_MALFORMED'],
  ['an array', () => [receipt], 'RECEIPT_MALFORMED'],
  ['an extra field', () => ({ ...receipt, note: 'hi' }), 'RECEIPT_MALFORMED'],
  ['version 2', () => ({ ...receipt, v: 2 }), 'RECEIPT_MALFORMED'],
  ['a keys file', () => keys, 'RECEIPT_MALFORMED'],
  [
    'an upper-case txId',
    () => edit(receipt, (m) => (m.txId = m.txId.toUpperCase())),
    'RECEIPT_MALFORMED',
  ],
  [
    'an upper-case proof hash',
    () => edit(receipt, (m) => (m.inclusion.proof[0] = m.inclusion.proof[0].toUpperCase())),
    'RECEIPT_MALFORMED',
  ],
  ['a negative index', () => edit(receipt, (m) => (m.logIndex = -1)), 'RECEIPT_MALFORMED'],
  ['a fractional height', () => edit(receipt, (m) => (m.entry.height = 1.5)), 'RECEIPT_MALFORMED'],
  ['an index beyond 2^53', () => edit(receipt, (m) => (m.logIndex = 2 ** 53)), 'RECEIPT_MALFORMED'],
  [
    'a 65-hash proof',
    () => edit(receipt, (m) => (m.inclusion.proof = Array(65).fill('00'.repeat(32)))),
    'RECEIPT_MALFORMED',
  ],
  [
    'an entry without its transaction',
    () => edit(receipt, (m) => delete (m.entry as Partial<typeof m.entry>).tx),
    'RECEIPT_MALFORMED',
  ],
  ['an empty checkpoint', () => edit(receipt, (m) => (m.checkpoint = '')), 'RECEIPT_MALFORMED'],
])('rejects %s', async (_what, make, code) => {
  expect(await codeOf(make())).toBe(code);
});

describe('verifyReceipt: what only misbehaving validators could sign', () => {
  // A quorum that signs a checkpoint older than an entry in its own log: the proof holds,
  // the story does not.
  it.each([
    ['an entry from a later block', 4, blockTime(9)],
    ['an entry with a later block time', 5, blockTime(5) - 1],
  ])('rejects %s than the checkpoint', async (_what, cpHeight, cpTimeMs) => {
    const bent = new MerkleLog();
    const c = commit(5, blockTime(5), notarised.tx, bent);
    const r = receiptFor(
      c,
      await signedBy(checkpointOf(bent, cpHeight, cpTimeMs), vN, vT, vM),
      bent,
    );
    expect(await codeOf(r)).toBe('RECEIPT_INCONSISTENT');
  });

  it('counts validators the user trusts, not validators that exist', async () => {
    const extra = [1, 2, 3].map((i) => ({
      ...caerphilly,
      validator: { name: `cadwyn.extra${i}.example`, privateKey: privateKey(`extra ${i}`) },
    }));
    const seven = must(parseConsortiumKeys(await keysFileFor(bodies, [...bodies, ...extra])));
    const r = await verifyReceipt(receipt, seven, backend);
    expect(r).toMatchObject({ ok: false, code: 'RECEIPT_NO_QUORUM' });
  });

  it('refuses an invalid keys file, without throwing', async () => {
    const broken = { ...keys, validators: [] } as ConsortiumKeys;
    expect(await codeOf(receipt, broken)).toBe('KEYS_MALFORMED');
    expect(await codeOf(receipt, null as unknown as ConsortiumKeys)).toBe('KEYS_MALFORMED');
  });
});

// ---- words ---------------------------------------------------------------------------------

describe('describeReceiptError', () => {
  it('has a distinct English and Welsh sentence for every code', () => {
    const seen = new Set<string>();
    for (const code of RECEIPT_ERRORS) {
      const { en, cy } = describeReceiptError(code);
      for (const s of [en, cy]) {
        expect(s).toMatch(/^[A-Z].*\.$/);
        expect(seen.has(s)).toBe(false);
        seen.add(s);
      }
    }
    expect(seen.size).toBe(2 * RECEIPT_ERRORS.length);
  });

  it('throws for a code that does not exist (a caller bug)', () => {
    expect(() => describeReceiptError('NOPE' as ReceiptError)).toThrow(TypeError);
  });
});

// ---- properties ----------------------------------------------------------------------------

describe('verifyReceipt on hostile input', () => {
  it('never throws on arbitrary values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.jsonValue()), async (x) => {
        const r = await verifyReceipt(x, keys, backend);
        expect(r).toMatchObject({ ok: false, code: 'RECEIPT_MALFORMED' });
      }),
      { numRuns: 300 },
    );
  });

  const originals = [receipt, receiptFor(handOver), receiptFor(byMember)];
  const same = (x: unknown, original: Receipt) => canonicalJson(x) === canonicalJson(original);

  it('never accepts a receipt with a character changed, unless it means the same', async () => {
    const chars = fc.oneof(
      fc.constantFrom(...'0123456789abcdefABCDEF"\\{}[],:.-+eE /nut='),
      fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: originals.length - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        chars,
        fc.boolean(),
        async (which, where, c, remove) => {
          const original = originals[which];
          const text = JSON.stringify(original);
          const at = Math.floor(where * text.length);
          const mutated = text.slice(0, at) + (remove ? '' : c) + text.slice(at + 1);
          let x: unknown;
          try {
            x = JSON.parse(mutated);
          } catch {
            x = mutated; // not JSON at all: still an answer, not an exception
          }
          const r = await verifyReceipt(x, keys, backend);
          if (r.ok) expect(same(x, original)).toBe(true);
          else expect(RECEIPT_ERRORS).toContain(r.code);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never accepts a receipt with any one value replaced, unless it is the same value', async () => {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (typeof v === 'object' && v !== null) {
        for (const [k, child] of Object.entries(v)) {
          walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
        }
      }
    };
    walk(receipt, []);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths.slice(1)),
        fc.jsonValue({ maxDepth: 2 }),
        async (path, value) => {
          const m = JSON.parse(JSON.stringify(receipt)) as Record<string | number, unknown>;
          let parent = m;
          for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
          parent[path[path.length - 1]] = value;
          const r = await verifyReceipt(m, keys, backend);
          if (r.ok) expect(same(m, receipt)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
