// Bad input gets a 4xx RFC 9457 problem with a stable code, no stack trace, and leaves the
// ledger exactly as it was: same checkpoint, same mempool, same next sequence number.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../src/core/jcs.js';
import type { SignedTx } from '../src/core/tx.js';
import type { HttpResult, LedgerSnapshot, MemberSigner, Sender, TestNode } from './helpers.js';
import type { Problem } from './helpers.js';
import {
  flipSignatureBit,
  governanceTx,
  loadMembers,
  newDidKeySender,
  nextSeq,
  notaryTx,
  randomDigest,
  sign,
  signForDomain,
  snapshot,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
  txId,
  waitForTx,
} from './helpers.js';

const BATCH_MAX = 5;
const MINUTE = 60_000;

let n: TestNode;
let alice: Sender;
/** alice's committed transaction (seq 1). */
let aliceTx1: SignedTx;
let members: MemberSigner[];
let newport: MemberSigner;

beforeAll(async () => {
  n = await startTestNode({ blockIntervalMs: 20, batchTxMax: BATCH_MAX });
  members = loadMembers(n.dataDir);
  const np = members.find((m) => m.slug === 'newport');
  if (!np) throw new Error('no newport key');
  newport = np;
  alice = newDidKeySender();
  aliceTx1 = await notaryTx(alice, 1, { label: 'first' });
  expect((await submitAndWait(n.http, aliceTx1)).status).toBe('final');
});

afterAll(async () => {
  await stopTestNode(n);
});

function expectProblem(r: HttpResult, status: number, code: string | readonly string[]): Problem {
  const p = r.json as Problem;
  const codes = typeof code === 'string' ? [code] : code;
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(codes, r.text).toContain(p.code);
  expect(p.status).toBe(status);
  expect(p.type).toBe(`urn:cadwyn:problem:${p.code.toLowerCase().replace(/_/g, '-')}`);
  expect(typeof p.title).toBe('string');
  expect(p).not.toHaveProperty('stack');
  expect(r.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts:\d+/);
  return p;
}

/** Sends bad input; asserts the problem and that nothing changed. */
async function refused(
  send: () => Promise<HttpResult>,
  status: number,
  code: string | readonly string[],
): Promise<Problem> {
  const before = await snapshot(n);
  const seq = await nextSeq(n.http, alice.did);
  const p = expectProblem(await send(), status, code);
  expect(await snapshot(n)).toEqual(before);
  expect(await nextSeq(n.http, alice.did)).toBe(seq);
  return p;
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  n.http.post('/v1/transactions', body, headers);

/** alice's next transaction, valid unless changed. */
const aliceNext = (o: Parameters<typeof notaryTx>[2] = {}) => notaryTx(alice, 2, o);

describe('the request itself', () => {
  it('malformed JSON → 400 JSON_MALFORMED', async () => {
    await refused(() => post('{"body": {"v": 1,'), 400, 'JSON_MALFORMED');
    await refused(() => post(''), 400, 'JSON_MALFORMED');
    await refused(() => post('{} trailing'), 400, 'JSON_MALFORMED');
    // JSON.parse makes "__proto__" an own key, never a prototype: it is just not a transaction.
    await refused(() => post('{"__proto__": {"polluted": true}}'), 400, 'TX_MALFORMED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('wrong content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const tx = JSON.stringify(await aliceNext());
    await refused(
      () => post(tx, { 'content-type': 'application/xml' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await refused(
      () => post(tx, { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await refused(() => post(tx, { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over the limit → 413 BODY_TOO_LARGE', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(8 * 1024 * 1024 + 10) });
    await refused(() => post(big), 413, 'BODY_TOO_LARGE');
  });

  it('too many transactions in one request → 413 BATCH_TOO_LARGE; an empty batch → TX_MALFORMED', async () => {
    const s = newDidKeySender();
    const txs = await Promise.all(
      Array.from({ length: BATCH_MAX + 1 }, (_, i) => notaryTx(s, i + 1)),
    );
    await refused(() => post(txs), 413, 'BATCH_TOO_LARGE');
    await refused(() => post([]), 400, 'TX_MALFORMED');
    expect(await nextSeq(n.http, s.did)).toBe(1);
  });

  it('a bad id, query or route → 4xx REQUEST_INVALID / NOT_FOUND', async () => {
    const before = await snapshot(n);
    expectProblem(await n.http.get('/v1/transactions/XYZ'), 400, 'REQUEST_INVALID');
    expectProblem(
      await n.http.post('/v1/transactions?waitMs=soon', await aliceNext()),
      400,
      'REQUEST_INVALID',
    );
    expectProblem(await n.http.get('/v1/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await n.http.post('/v1/blocks', {}), 404, 'NOT_FOUND');
    expect(await snapshot(n)).toEqual(before);
  });
});

describe('the shape of a transaction', () => {
  it('wrong types → 400 TX_MALFORMED', async () => {
    const tx = await aliceNext();
    const withBody = (b: Record<string, unknown>) => ({ ...tx, body: { ...tx.body, ...b } });
    for (const change of [
      { seq: '2' },
      { seq: 0 },
      { seq: 2.5 },
      { seq: 2 ** 53 },
      { timeMs: -1 },
      { timeMs: String(tx.body.timeMs) },
      { payload: [] },
      { payload: 'digest' },
      { v: 2 },
      { network: '' },
      { type: 'Notary' },
      { sender: 'alice' },
      { sender: 'did:example:123' },
    ]) {
      await refused(() => post(withBody(change)), 400, 'TX_MALFORMED');
    }
    await refused(() => post({ body: tx.body }), 400, 'TX_MALFORMED');
    await refused(() => post({ ...tx, signatures: [] }), 400, 'TX_MALFORMED');
    await refused(() => post({ ...tx, signatures: {} }), 400, 'TX_MALFORMED');
    await refused(() => post(null), 400, 'TX_MALFORMED');
    await refused(() => post('"a string"'), 400, 'TX_MALFORMED');
    await refused(() => post(42), 400, 'TX_MALFORMED');
    const sig = tx.signatures[0];
    await refused(
      () => post({ ...tx, signatures: [{ ...sig, alg: 'RS256' }] }),
      400,
      'TX_MALFORMED',
    );
    await refused(
      () => post({ ...tx, signatures: [{ ...sig, sig: 'not base64url!' }] }),
      400,
      'TX_MALFORMED',
    );
    await refused(() => post({ ...tx, signatures: [sig, sig] }), 400, 'TX_MALFORMED');
  });

  it('unknown fields → 400 TX_MALFORMED, even when signed', async () => {
    const tx = await aliceNext();
    // Signed with the extra field: the signature is good, the shape is not.
    const signedExtra = await sign({ ...tx.body, extra: 1 } as unknown as SignedTx['body'], [
      alice,
    ]);
    await refused(() => post(signedExtra), 400, 'TX_MALFORMED');
    await refused(() => post({ ...tx, body: { ...tx.body, note: 'x' } }), 400, 'TX_MALFORMED');
    await refused(() => post({ ...tx, id: txId(tx) }), 400, 'TX_MALFORMED');
    await refused(
      () => post({ ...tx, signatures: [{ ...tx.signatures[0], when: 1 }] }),
      400,
      'TX_MALFORMED',
    );
    // The same, in a batch.
    await refused(() => post([{ ...tx, extra: true }]), 400, 'TX_MALFORMED');
  });

  it('an oversized transaction → 413 TX_TOO_LARGE; an over-long label → 400 TX_PAYLOAD_INVALID', async () => {
    const big = await sign(
      txBody({
        sender: alice.did,
        seq: 2,
        payload: { digest: randomDigest(), pad: 'x'.repeat(17_000) },
      }),
      [alice],
    );
    await refused(() => post(big), 413, 'TX_TOO_LARGE');
    await refused(
      async () => post(await aliceNext({ label: 'x'.repeat(300) })),
      400,
      'TX_PAYLOAD_INVALID',
    );
    // 17 signatures (the limit is 16).
    const many = Array.from({ length: 17 }, () => newDidKeySender());
    const tx17 = await sign(txBody({ sender: alice.did, seq: 2 }), [alice, ...many.slice(1)]);
    expect(tx17.signatures).toHaveLength(17);
    await refused(() => post(tx17), 413, 'TX_TOO_LARGE');
  });

  it('an invalid geo-stamp → 400 GEO_INVALID', async () => {
    for (const geo of [
      { area: 'X123' },
      { area: 'W0600002' },
      { area: 'w06000022' },
      { lat: 91, lon: 0 },
      { lat: 0, lon: -180.5 },
      { lat: 51.123456789, lon: -3 },
      { lat: 51.5, lon: -3.12345678 },
      { lat: 51.5, lon: -3, alt: 10 },
      { area: 'W06000022', lat: 51.5 },
      { lat: 51.5 },
      { lat: '51.5', lon: '-3' },
      {},
    ]) {
      const tx = await sign(
        { ...txBody({ sender: alice.did, seq: 2 }), geo } as unknown as SignedTx['body'],
        [alice],
      );
      await refused(() => post(tx), 400, 'GEO_INVALID');
    }
    const tx = await aliceNext();
    await refused(
      () => post({ ...tx, body: { ...tx.body, geo: 'W06000022' } }),
      400,
      'GEO_INVALID',
    );
  });
});

describe('signatures', () => {
  it('a bad signature (one bit flipped) → 401 TX_SIGNATURE_INVALID', async () => {
    const tx = await aliceNext();
    await refused(() => post(flipSignatureBit(tx)), 401, 'TX_SIGNATURE_INVALID');
    await refused(() => post(flipSignatureBit(tx, 63)), 401, 'TX_SIGNATURE_INVALID');
    const short = { ...tx, signatures: [{ ...tx.signatures[0], sig: 'AAAA' }] };
    await refused(() => post(short), 401, 'TX_SIGNATURE_INVALID');
    // The signature of another transaction.
    const other = await notaryTx(alice, 2);
    await refused(
      () => post({ body: tx.body, signatures: other.signatures }),
      401,
      'TX_SIGNATURE_INVALID',
    );
  });

  it('a signature made for another domain → 401 TX_SIGNATURE_INVALID', async () => {
    const body = txBody({ sender: alice.did, seq: 2 });
    for (const domain of ['governance-approval', 'block', 'challenge'] as const) {
      const tx = await signForDomain(body, alice, domain);
      await refused(() => post(tx), 401, 'TX_SIGNATURE_INVALID');
    }
    // The same body signed for the right domain is fine (then withdrawn from the test).
    expect((await signForDomain(body, alice, 'transaction')).signatures[0]?.sig).toBe(
      (await sign(body, [alice])).signatures[0]?.sig,
    );
  });

  it('a signature by a key that is not the sender’s → 401', async () => {
    const mallory = newDidKeySender();
    const body = txBody({ sender: alice.did, seq: 2 });
    // Mallory signs as herself: the sender did not sign.
    await refused(async () => post(await sign(body, [mallory])), 401, 'TX_SENDER_NOT_SIGNED');
    // Mallory's signature presented as alice's.
    const forged = await sign(body, [mallory]);
    await refused(
      () => post({ body, signatures: [{ ...forged.signatures[0], signer: alice.did }] }),
      401,
      'TX_SIGNATURE_INVALID',
    );
    // An Ed25519 key claimed to be ES256.
    const good = await sign(body, [alice]);
    await refused(
      () => post({ body, signatures: [{ ...good.signatures[0], alg: 'ES256' }] }),
      401,
      ['TX_SIGNATURE_INVALID', 'TX_SIGNER_UNKNOWN'],
    );
    // A did:web that is no member, and a member's key id that does not exist.
    const stranger = { ...mallory, did: 'did:web:evil.example', keyId: 'key-1' };
    await refused(async () => post(await sign(body, [alice, stranger])), 401, 'TX_SIGNER_UNKNOWN');
    await refused(
      async () => post(await sign(body, [alice, { ...newport, keyId: 'key-9' }])),
      401,
      'TX_SIGNER_UNKNOWN',
    );
    // A member's DID with someone else's key.
    await refused(
      async () => post(await sign(body, [alice, { ...newport, privateKey: mallory.privateKey }])),
      401,
      'TX_SIGNATURE_INVALID',
    );
    // A member as sender that did not sign.
    const asNewport = txBody({ sender: newport.did, seq: await nextSeq(n.http, newport.did) });
    await refused(async () => post(await sign(asNewport, [alice])), 401, 'TX_SENDER_NOT_SIGNED');
  });
});

describe('sequence, time and network', () => {
  it('a replayed transaction → 409 TX_DUPLICATE; a new one with a used seq → 409 TX_REPLAYED', async () => {
    await refused(() => post(aliceTx1), 409, 'TX_DUPLICATE');
    await refused(async () => post(await notaryTx(alice, 1)), 409, 'TX_REPLAYED');
    // In a batch too.
    await refused(() => post([aliceTx1]), 409, 'TX_DUPLICATE');
  });

  it('a gap in the sequence → 409 TX_SEQ_GAP', async () => {
    await refused(async () => post(await notaryTx(alice, 3)), 409, 'TX_SEQ_GAP');
    await refused(async () => post(await notaryTx(alice, 1000)), 409, 'TX_SEQ_GAP');
  });

  it('a time far in the past or the future → 400 TX_TIME_OUT_OF_WINDOW', async () => {
    const now = Date.now();
    for (const timeMs of [now - 11 * MINUTE, now + 3 * MINUTE, 0, now + 365 * 24 * 60 * MINUTE]) {
      await refused(async () => post(await aliceNext({ timeMs })), 400, 'TX_TIME_OUT_OF_WINDOW');
    }
  });

  it('another network → 400 TX_WRONG_NETWORK; an unknown type → 400 TX_UNKNOWN_TYPE', async () => {
    await refused(
      async () => post(await aliceNext({ network: 'gwent-prod' })),
      400,
      'TX_WRONG_NETWORK',
    );
    for (const type of ['notary.burn', 'bank.transfer', 'governance.dissolve']) {
      const tx = await sign(txBody({ sender: alice.did, seq: 2, type }), [alice]);
      await refused(() => post(tx), 400, 'TX_UNKNOWN_TYPE');
    }
  });

  it('a bad digest or payload → 400 TX_PAYLOAD_INVALID', async () => {
    const payloads: Record<string, Json>[] = [
      { digest: 'ABCDEF'.padEnd(64, '0') },
      { digest: 'a'.repeat(63) },
      { digest: 'g'.repeat(64) },
      { digest: 42 },
      {},
      { digest: randomDigest(), extra: 1 },
      { digest: randomDigest(), label: '' },
    ];
    for (const payload of payloads) {
      const tx = await sign(txBody({ sender: alice.did, seq: 2, payload }), [alice]);
      await refused(() => post(tx), 400, 'TX_PAYLOAD_INVALID');
    }
  });
});

describe('authorisation', () => {
  const change = { did: 'did:web:nrw.gwent.example', roles: ['regulator'] };

  it('a governance change sent by a did:key → 403 GOV_SENDER_NOT_MEMBER, even with every member’s signature', async () => {
    const citizen = newDidKeySender();
    const tx = await governanceTx('governance.updateMember', change, {
      sender: citizen,
      cosigners: members,
      seq: 1,
    });
    await refused(() => post(tx), 403, 'GOV_SENDER_NOT_MEMBER');
    expect(await nextSeq(n.http, citizen.did)).toBe(1);
  });

  it('a governance change with too few member signatures → 403 GOV_NO_QUORUM', async () => {
    const seq = await nextSeq(n.http, newport.did);
    const others = members.filter((m) => m !== newport);
    for (const count of [0, 3, 5]) {
      const tx = await governanceTx('governance.updateMember', change, {
        sender: newport,
        cosigners: others.slice(0, count),
        seq,
      });
      const p = await refused(() => post(tx), 403, 'GOV_NO_QUORUM');
      expect(p.detail).toContain(`${count + 1} of 9`);
    }
    // Citizens' signatures do not count towards the quorum.
    const citizens = Array.from({ length: 6 }, () => newDidKeySender());
    const tx = await governanceTx('governance.updateMember', change, {
      sender: newport,
      cosigners: [...others.slice(0, 5), ...citizens],
      seq,
    });
    await refused(() => post(tx), 403, 'GOV_NO_QUORUM');
    expect(await nextSeq(n.http, newport.did)).toBe(seq);
  });
});

describe('batches are all or nothing', () => {
  it('one bad transaction among good ones: nothing is accepted, errors[] names it', async () => {
    const bob = newDidKeySender();
    const carol = newDidKeySender();
    const good1 = await notaryTx(bob, 1);
    const good2 = await notaryTx(carol, 1);
    const bad = flipSignatureBit(await notaryTx(bob, 2));
    const good3 = await notaryTx(bob, 3);
    const p = await refused(() => post([good1, good2, bad, good3]), 401, 'TX_SIGNATURE_INVALID');
    expect(p.errors?.find((e) => e.index === 2)).toMatchObject({
      index: 2,
      code: 'TX_SIGNATURE_INVALID',
      id: txId(bad),
    });
    for (const i of [0, 1, 3]) {
      expect(p.errors?.find((e) => e.index === i)?.code).toBe('BATCH_REJECTED');
    }
    for (const t of [good1, good2, good3]) {
      expect((await n.http.get(`/v1/transactions/${txId(t)}`)).status).toBe(404);
    }
    expect(await nextSeq(n.http, bob.did)).toBe(1);
    expect(await nextSeq(n.http, carol.did)).toBe(1);

    // A refusal that needs state (seq gap) also refuses the whole batch.
    const gap = await notaryTx(carol, 5);
    const p2 = await refused(() => post([good1, gap, good2]), 409, 'TX_SEQ_GAP');
    expect(p2.errors?.map((e) => e.code)).toEqual([
      'BATCH_REJECTED',
      'TX_SEQ_GAP',
      'BATCH_REJECTED',
    ]);
    // The same transaction twice in a batch.
    const p3 = await refused(() => post([good1, good1]), 409, 'TX_DUPLICATE');
    expect(p3.errors?.find((e) => e.index === 1)?.code).toBe('TX_DUPLICATE');

    // The good ones alone are fine.
    const ok = await n.http.post<{ accepted: number }>('/v1/transactions?waitMs=5000', [
      good1,
      good2,
    ]);
    expect(ok.status).toBe(200);
    expect(ok.json.accepted).toBe(2);
  });
});

describe('notarising the same digest twice', () => {
  it('the ledger keeps only the first; the second is refused (at the door or at execution)', async () => {
    const dave = newDidKeySender();
    const erin = newDidKeySender();
    const digest = randomDigest();
    const first = await notaryTx(dave, 1, { digest });
    const second = await notaryTx(erin, 1, { digest });
    // Sent together, both pass the door (the digest is not notarised yet) and the second is
    // rejected when its block executes. A door that sees pending transactions may refuse it.
    const r = await n.http.post<{ accepted: number } & Problem>('/v1/transactions', [
      first,
      second,
    ]);
    if (r.status === 202) {
      expect(r.json.accepted).toBe(2);
      expect((await waitForTx(n.http, txId(first))).status).toBe('final');
      const s2 = await waitForTx(n.http, txId(second));
      expect(s2).toMatchObject({ status: 'rejected', code: 'NOTARY_ALREADY_NOTARISED' });
      expect(s2.detail).toContain(txId(first));
      expect(s2.height).toBeUndefined();
      expect(s2.tx).toBeUndefined();
      const rc = await n.http.get<Problem>(`/v1/transactions/${txId(second)}/receipt`);
      expect(rc.status).toBe(409);
      expect(rc.json.code).toBe('TX_NOT_COMMITTED');
      // Rejected at execution: erin's sequence number was not used.
      expect(await nextSeq(n.http, erin.did)).toBe(1);
    } else {
      expectProblem(r, 422, 'NOTARY_ALREADY_NOTARISED');
      expect((await submitAndWait(n.http, first)).status).toBe('final');
    }

    // Once committed, another attempt is refused at the door, or rejected when executed.
    const third = await notaryTx(erin, 1, { digest, label: 'again' });
    const before = await snapshot(n);
    const r3 = await n.http.post('/v1/transactions', third);
    if (r3.status === 202) {
      expect(await waitForTx(n.http, txId(third))).toMatchObject({
        status: 'rejected',
        code: 'NOTARY_ALREADY_NOTARISED',
      });
    } else {
      expectProblem(r3, 422, 'NOTARY_ALREADY_NOTARISED');
      expect(await snapshot(n)).toEqual(before);
    }

    // Only the first is on the ledger.
    const rec = await n.http.get<{ txId: string; sender: string }>(`/v1/notary/${digest}`);
    expect(rec.json).toMatchObject({ txId: txId(first), sender: dave.did });
    const st = await n.http.get<{ height: number }>(`/v1/transactions/${txId(first)}`);
    const entries = await n.http.get<{ entries: { id: string }[] }>(
      `/v1/blocks/${st.json.height}/transactions`,
    );
    const ids = entries.json.entries.map((e) => e.id);
    expect(ids).toContain(txId(first));
    expect(ids).not.toContain(txId(second));
    expect((await n.http.get(`/v1/proofs/inclusion?id=${txId(second)}`)).status).toBe(404);
    expect((await n.http.get(`/v1/proofs/inclusion?id=${txId(third)}`)).status).toBe(404);
  });

  it('with ?waitMs= the response says rejected (HTTP 200, status rejected)', async () => {
    const frank = newDidKeySender();
    const gina = newDidKeySender();
    const digest = randomDigest();
    const r = await n.http.post<{ results: { status: string; code?: string }[] } & Problem>(
      '/v1/transactions?waitMs=5000',
      [await notaryTx(frank, 1, { digest }), await notaryTx(gina, 1, { digest })],
    );
    if (r.status === 200) {
      expect(r.json.results.map((x) => x.status)).toEqual(['final', 'rejected']);
      expect(r.json.results[1]?.code).toBe('NOTARY_ALREADY_NOTARISED');
    } else {
      expectProblem(r, 422, 'NOTARY_ALREADY_NOTARISED');
    }
  });
});

// ---- property: random mutations of a valid transaction ------------------------------------------

type Path = (string | number)[];

function pathsOf(v: unknown, p: Path = []): Path[] {
  const out: Path[] = [p];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...p, i])));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...p, k]));
  }
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  return cur !== null && typeof cur === 'object' ? cur : undefined;
}

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'text'; at: number; insert: string; remove: number };

function mutate(tx: SignedTx, ms: readonly Mutation[]): string {
  const v: unknown = structuredClone(tx);
  let text: string | undefined;
  for (const m of ms) {
    if (text !== undefined || m.kind === 'text') {
      text ??= JSON.stringify(v);
      if (m.kind === 'text') {
        const i = m.at % (text.length + 1);
        text = text.slice(0, i) + m.insert + text.slice(i + m.remove);
      }
      continue;
    }
    // Every path but the root.
    const paths = pathsOf(v).slice(1);
    const path = paths[m.at % paths.length] ?? [];
    const parent = parentOf(v, path);
    const key = path[path.length - 1] as string | number;
    if (!parent) continue;
    if (m.kind === 'set') parent[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else Reflect.deleteProperty(parent, key);
    } else {
      // Into the chosen object or array, else into the one that holds the chosen value.
      const target = parent[key];
      const into = target !== null && typeof target === 'object' ? target : parent;
      if (Array.isArray(into)) into.push(m.value);
      else (into as Record<string, unknown>)[m.key] = m.value;
    }
  }
  return text ?? JSON.stringify(v);
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.integer(),
      fc.constantFrom(-1, 0, 1, 2, 2 ** 53, -0, 1.5, '', 'did:key:z6Mk', 'W06000022', null, [], {}),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('geo', 'keyId', 'label', 'v')),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    at: fc.nat(),
    insert: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('"', '{', ']', ',', '\\u0000')),
    remove: fc.nat({ max: 3 }),
  }),
);

describe('property', () => {
  it('random mutations of a valid transaction never give a 5xx, nor change the ledger unless accepted', async () => {
    let before: LedgerSnapshot = await snapshot(n);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (ms) => {
        const s = newDidKeySender();
        const tx = await notaryTx(s, 1);
        const text = mutate(tx, ms);
        const r = await post(text);
        expect(r.status, text).toBeLessThan(500);
        if (r.status === 202) {
          accepted++;
          const id = (r.json as { id: string }).id;
          expect(['final', 'rejected']).toContain((await waitForTx(n.http, id)).status);
          before = await snapshot(n);
          return;
        }
        expectProblem(r, r.status, (r.json as unknown as Problem | undefined)?.code ?? '?');
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(await snapshot(n)).toEqual(before);
      }),
      { numRuns: 200 },
    );
    // Some mutations keep a transaction valid (e.g. adding keyId to a did:key signature).
    expect(accepted).toBeLessThan(200);
  });
});
