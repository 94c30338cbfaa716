// Integration tests for every /v1 endpoint against a real node: a SQLite file in a temp dir,
// HTTP on 127.0.0.1, fetch. Run `npm run build` first (the verify worker runs from dist/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex, utf8 } from '../src/core/bytes.js';
import type { CheckpointPolicy } from '../src/core/checkpoint.js';
import { parseCheckpoint, quorumFor, verifyCheckpoint } from '../src/core/checkpoint.js';
import { canonicalJson } from '../src/core/jcs.js';
import { leafHash, verifyConsistency, verifyInclusion } from '../src/core/merkle.js';
import { parseNote } from '../src/core/note.js';
import type { ConsortiumKeys, Receipt } from '../src/core/receipt.js';
import { parseConsortiumKeys, verifyReceipt } from '../src/core/receipt.js';
import type { SignedTx } from '../src/core/tx.js';
import type { Member } from '../src/ledger/modules/governance.js';
import type { MemberSigner, TestNode, TxStatusView } from './helpers.js';
import type { Problem } from './helpers.js';
import {
  DEMO_NETWORK,
  GWENT_BODIES,
  governanceTx,
  loadMembers,
  metricValue,
  newDidKeySender,
  nextSeq,
  nodeCryptoBackend,
  notaryTx,
  openEventStream,
  randomDigest,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txId,
  waitForTx,
  waitUntil,
} from './helpers.js';

interface BlockView {
  height: number;
  hash: string;
  header: { height: number; txCount: number; logSize: number; logRoot: string; prevHash: string };
  checkpoint: string;
  txIds?: string[];
}

interface InclusionView {
  logIndex: number;
  logSize: number;
  leafHash: string;
  proof: string[];
  root: string;
}

const hex = (h: string): Uint8Array => {
  const b = fromHex(h);
  if (!b) throw new Error(`not hex: ${h}`);
  return b;
};

function policyOf(keys: ConsortiumKeys): CheckpointPolicy {
  const validators = keys.validators.map((v) => {
    const bytes = fromBase64Url(v.publicKey);
    if (!bytes) throw new Error('bad validator key');
    return { name: v.name, publicKey: { alg: 'Ed25519' as const, bytes } };
  });
  return { origin: keys.origin, validators, quorum: quorumFor(validators.length) };
}

/** The checkpoint body (size, root, height…) of a signed note. */
function checkpointBody(note: string) {
  const n = parseNote(note);
  if (!n.ok) throw new Error(`not a note: ${n.code}`);
  const cp = parseCheckpoint(n.value.text);
  if (!cp.ok) throw new Error(`not a checkpoint: ${cp.detail ?? cp.code}`);
  return cp.value;
}

describe('HTTP API against a real node', () => {
  let n: TestNode;
  let keys: ConsortiumKeys;
  let members: MemberSigner[];

  /** Commits transactions, one block each, until the chain is at least this high. */
  async function ensureHeight(min: number): Promise<void> {
    const s = newDidKeySender();
    for (let seq = 1; n.node.height < min; seq++) {
      await submitAndWait(n.http, await notaryTx(s, seq));
    }
  }

  beforeAll(async () => {
    // One verify worker: the path production uses (loads dist/node/verify-worker.js).
    n = await startTestNode({ verifyWorkers: 1, blockIntervalMs: 20 });
    members = loadMembers(n.dataDir);
    const k = await n.http.get('/v1/consortium/keys');
    const parsed = parseConsortiumKeys(k.json);
    if (!parsed.ok) throw new Error(`consortium keys: ${parsed.detail ?? parsed.code}`);
    keys = parsed.value;
  });

  afterAll(async () => {
    await stopTestNode(n);
  });

  describe('operations', () => {
    it('GET /healthz and /readyz', async () => {
      const h = await n.http.get('/healthz');
      expect(h.status).toBe(200);
      expect(h.json).toEqual({ status: 'ok' });
      const r = await n.http.get<{ status: string; height: number }>('/readyz');
      expect(r.status).toBe(200);
      expect(r.json.status).toBe('ready');
      expect(r.json.height).toBe(n.node.height);
    });

    it('GET /metrics is Prometheus text with the block height', async () => {
      const s = newDidKeySender();
      await submitAndWait(n.http, await notaryTx(s, 1));
      const m = await n.http.get('/metrics');
      expect(m.status).toBe(200);
      expect(m.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(m.text).toMatch(/^# HELP cadwyn_block_height /m);
      expect(m.text).toMatch(/^# TYPE cadwyn_block_height gauge$/m);
      expect(metricValue(m.text, 'cadwyn_block_height')).toBe(n.node.height);
      expect(metricValue(m.text, 'cadwyn_log_size')).toBe(n.node.log.size);
      expect(metricValue(m.text, 'cadwyn_transactions_committed_total')).toBeGreaterThanOrEqual(1);
    });

    it('GET /v1/openapi.json is an OpenAPI 3.1 document with every path and payload schema', async () => {
      const r = await n.http.get<{
        openapi: string;
        info: { title: string };
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, unknown> };
      }>('/v1/openapi.json');
      expect(r.status).toBe(200);
      expect(r.json.openapi).toBe('3.1.0');
      expect(r.json.info.title).toBeTruthy();
      const paths = Object.keys(r.json.paths);
      for (const p of [
        '/v1/transactions',
        '/v1/transactions/{id}',
        '/v1/transactions/{id}/receipt',
        '/v1/blocks',
        '/v1/blocks/{height}',
        '/v1/blocks/{height}/transactions',
        '/v1/checkpoint',
        '/v1/proofs/inclusion',
        '/v1/proofs/consistency',
        '/v1/notary/{digest}',
        '/v1/accounts/{did}',
        '/v1/consortium',
        '/v1/consortium/keys',
        '/v1/genesis',
        '/v1/events',
      ]) {
        expect(paths, p).toContain(p);
      }
      expect(r.json.paths['/v1/transactions']).toHaveProperty('post');
      expect(r.json.paths['/v1/blocks']).toHaveProperty('get');
      const schemas = r.json.components.schemas;
      for (const s of [
        'payload:notary.notarise',
        'payload:governance.addMember',
        'payload:governance.updateMember',
        'payload:governance.removeMember',
        'payload:business.apply',
        'payload:business.approve',
        'payload:business.refuse',
        'payload:business.amend',
        'payload:business.dissolve',
        'payload:business.licence',
        'payload:business.revokeLicence',
        'SignedTransaction',
        'Problem',
      ]) {
        expect(Object.keys(schemas), s).toContain(s);
      }
      expect(schemas['payload:notary.notarise']).toMatchObject({
        type: 'object',
        required: ['digest'],
      });
    });
  });

  describe('consortium and genesis', () => {
    it('GET /v1/consortium lists the 9 Gwent bodies in English and Welsh, and the validators', async () => {
      const r = await n.http.get<{
        network: string;
        origin: string;
        height: number;
        members: Member[];
        validators: { name: string; member: string; publicKey: string }[];
        quorum: number;
      }>('/v1/consortium');
      expect(r.status).toBe(200);
      expect(r.json.network).toBe(DEMO_NETWORK);
      expect(r.json.members).toHaveLength(9);
      for (const b of GWENT_BODIES) {
        const m = r.json.members.find((x) => x.did === b.did);
        expect(m, b.did).toBeDefined();
        expect(m?.name).toEqual(b.name);
        expect(m?.name.cy).not.toBe(m?.name.en);
        expect(m?.keys[0]?.id).toBe('key-1');
      }
      expect(r.json.members.map((m) => m.name.cy)).toContain('Cyngor Dinas Casnewydd');
      expect(r.json.validators).toHaveLength(1);
      expect(r.json.validators[0]?.member).toBe('did:web:newport.gwent.example');
      expect(r.json.quorum).toBe(1);
    });

    it('GET /v1/consortium/keys is a valid trust file', async () => {
      expect(keys.kind).toBe('cadwyn-consortium-keys');
      expect(keys.network).toBe(DEMO_NETWORK);
      expect(keys.members).toHaveLength(9);
      expect(keys.validators).toHaveLength(1);
    });

    it('GET /v1/genesis is the genesis the ledger started from', async () => {
      const r = await n.http.get<{
        v: number;
        network: string;
        origin: string;
        members: unknown[];
      }>('/v1/genesis');
      expect(r.status).toBe(200);
      expect(r.json.v).toBe(1);
      expect(r.json.network).toBe(DEMO_NETWORK);
      expect(r.json.origin).toBe(keys.origin);
      expect(r.json.members).toHaveLength(9);
      expect(r.json).toEqual(n.node.genesis);
    });
  });

  describe('transactions', () => {
    it('POST one → 202 with Location; GET it → pending then final, with height, logIndex and the tx', async () => {
      const s = newDidKeySender();
      const tx = await notaryTx(s, 1, { label: 'minutes', geo: { area: 'W06000022' } });
      const r = await n.http.post<{ id: string; status: string }>('/v1/transactions', tx);
      expect(r.status).toBe(202);
      expect(r.json).toEqual({ id: txId(tx), status: 'pending' });
      expect(r.headers.get('location')).toBe(`/v1/transactions/${txId(tx)}`);
      const first = await n.http.get<TxStatusView>(r.headers.get('location') ?? '');
      expect(first.status).toBe(200);
      expect(['pending', 'committed', 'final']).toContain(first.json.status);
      const s2 = await waitForTx(n.http, txId(tx));
      expect(s2.status).toBe('final');
      expect(s2.height).toBeGreaterThanOrEqual(1);
      expect(s2.logIndex).toBeGreaterThanOrEqual(0);
      expect(s2.blockTimeMs).toBeGreaterThan(0);
      const got = await n.http.get<TxStatusView>(`/v1/transactions/${txId(tx)}`);
      expect(got.json.tx).toEqual(tx);
    });

    it('POST a batch → 202 {accepted, results}; all of them commit', async () => {
      const a = newDidKeySender();
      const b = newDidKeySender();
      const txs = [await notaryTx(a, 1), await notaryTx(a, 2), await notaryTx(b, 1)];
      const r = await n.http.post<{ accepted: number; results: TxStatusView[] }>(
        '/v1/transactions',
        txs,
      );
      expect(r.status).toBe(202);
      expect(r.json.accepted).toBe(3);
      expect(r.json.results.map((x) => x.id)).toEqual(txs.map(txId));
      expect(r.json.results.every((x) => x.status === 'pending')).toBe(true);
      for (const t of txs) expect((await waitForTx(n.http, txId(t))).status).toBe('final');
    });

    it('POST ?waitMs= → 200 with the final status (single and batch)', async () => {
      const s = newDidKeySender();
      const one = await notaryTx(s, 1);
      const r = await n.http.post<TxStatusView>('/v1/transactions?waitMs=5000', one);
      expect(r.status).toBe(200);
      expect(r.json.id).toBe(txId(one));
      expect(r.json.status).toBe('final');
      expect(r.json.height).toBeGreaterThanOrEqual(1);
      const batch = [await notaryTx(s, 2), await notaryTx(s, 3)];
      const rb = await n.http.post<{ accepted: number; results: TxStatusView[] }>(
        '/v1/transactions?waitMs=5000',
        batch,
      );
      expect(rb.status).toBe(200);
      expect(rb.json.accepted).toBe(2);
      expect(rb.json.results.map((x) => x.status)).toEqual(['final', 'final']);
    });

    it('GET /v1/transactions/{id} of an unknown id → 404 TX_NOT_FOUND', async () => {
      const r = await n.http.get<Problem>(`/v1/transactions/${randomDigest()}`);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.json.code).toBe('TX_NOT_FOUND');
    });

    it('GET /v1/accounts/{did}: nextSeq starts at 1 and increases', async () => {
      const s = newDidKeySender();
      const r0 = await n.http.get<{ did: string; seq: number; nextSeq: number }>(
        `/v1/accounts/${s.did}`,
      );
      expect(r0.status).toBe(200);
      expect(r0.json).toEqual({ did: s.did, seq: 0, nextSeq: 1 });
      await submitAndWait(n.http, await notaryTx(s, 1));
      expect(await nextSeq(n.http, s.did)).toBe(2);
      await submitAndWait(n.http, await notaryTx(s, 2));
      const r2 = await n.http.get<{ seq: number; nextSeq: number }>(`/v1/accounts/${s.did}`);
      expect(r2.json).toMatchObject({ seq: 2, nextSeq: 3 });
    });
  });

  describe('receipts, blocks, checkpoints and proofs', () => {
    let tx: SignedTx;
    let status: TxStatusView;

    beforeAll(async () => {
      const s = newDidKeySender('ES256');
      tx = await notaryTx(s, 1, { geo: { lat: 51.5842, lon: -2.9977 } });
      status = await submitAndWait(n.http, tx);
      expect(status.status).toBe('final');
    });

    it('GET /v1/transactions/{id}/receipt verifies offline with the consortium keys', async () => {
      const r = await n.http.get<Receipt>(`/v1/transactions/${txId(tx)}/receipt`);
      expect(r.status).toBe(200);
      expect(r.json.kind).toBe('cadwyn-receipt');
      expect(r.json.txId).toBe(txId(tx));
      expect(r.json.entry.tx).toEqual(tx);
      const v = await verifyReceipt(r.json, keys, nodeCryptoBackend);
      if (!v.ok) throw new Error(`receipt: ${v.code} ${v.detail ?? ''}`);
      expect(v.value.txId).toBe(txId(tx));
      expect(v.value.height).toBe(status.height);
      expect(v.value.logIndex).toBe(status.logIndex);
      expect(v.value.geo).toEqual({ lat: 51.5842, lon: -2.9977 });
      expect(v.value.claimedTimeMs).toBe(tx.body.timeMs);
      expect(v.value.checkpoint.quorum).toBe(1);
      // Tampering is detected.
      const bad = structuredClone(r.json) as { entry: { tx: { body: { seq: number } } } };
      bad.entry.tx.body.seq = 2;
      expect((await verifyReceipt(bad, keys, nodeCryptoBackend)).ok).toBe(false);
    });

    it('GET /v1/transactions/{id}/receipt of an unknown id → 404 TX_NOT_FOUND', async () => {
      const r = await n.http.get<Problem>(`/v1/transactions/${randomDigest()}/receipt`);
      expect(r.status).toBe(404);
      expect(r.json.code).toBe('TX_NOT_FOUND');
    });

    it('GET /v1/blocks/{height} has the tx id; /transactions has its log entry', async () => {
      const h = status.height ?? -1;
      const b = await n.http.get<BlockView>(`/v1/blocks/${h}`);
      expect(b.status).toBe(200);
      expect(b.json.height).toBe(h);
      expect(b.json.header.height).toBe(h);
      expect(b.json.txIds).toContain(txId(tx));
      expect(b.json.header.txCount).toBe(b.json.txIds?.length);
      const cp = await verifyCheckpoint(b.json.checkpoint, policyOf(keys), nodeCryptoBackend);
      expect(cp.ok).toBe(true);
      if (cp.ok) expect(cp.value.checkpoint.height).toBe(h);

      const t = await n.http.get<{
        height: number;
        entries: { logIndex: number; id: string; entry: { height: number; tx: unknown } }[];
      }>(`/v1/blocks/${h}/transactions`);
      expect(t.status).toBe(200);
      expect(t.json.height).toBe(h);
      const e = t.json.entries.find((x) => x.id === txId(tx));
      expect(e?.logIndex).toBe(status.logIndex);
      expect(e?.entry.height).toBe(h);
      expect(e?.entry.tx).toEqual(tx);

      for (const path of [`/v1/blocks/${n.node.height + 100}`, '/v1/blocks/abc', '/v1/blocks/01']) {
        const nf = await n.http.get<Problem>(path);
        expect(nf.status, path).toBe(404);
        expect(nf.json.code).toBe('BLOCK_NOT_FOUND');
      }
      const nft = await n.http.get<Problem>(`/v1/blocks/${n.node.height + 100}/transactions`);
      expect(nft.status).toBe(404);
      expect(nft.json.code).toBe('BLOCK_NOT_FOUND');
    });

    it('GET /v1/blocks pages newest first with before/limit and a next link', async () => {
      await ensureHeight(5);
      const top = n.node.height;
      expect(top).toBeGreaterThanOrEqual(4);
      const first = await n.http.get<{ blocks: BlockView[]; next: string | null }>(
        '/v1/blocks?limit=2',
      );
      expect(first.status).toBe(200);
      expect(first.json.blocks.map((b) => b.height)).toEqual([top, top - 1]);
      expect(first.json.next).toBe(`/v1/blocks?before=${top - 1}&limit=2`);
      // Follow every next link to genesis: each height once, newest first, chained by prevHash.
      const seen: BlockView[] = [...first.json.blocks];
      let next = first.json.next;
      while (next) {
        const page = await n.http.get<{ blocks: BlockView[]; next: string | null }>(next);
        expect(page.status).toBe(200);
        expect(page.json.blocks.length).toBeLessThanOrEqual(2);
        seen.push(...page.json.blocks);
        next = page.json.next;
      }
      const heights = seen.map((b) => b.height);
      expect(heights.slice(0, top + 1)).toEqual(Array.from({ length: top + 1 }, (_, i) => top - i));
      for (let i = 0; i + 1 < top + 1; i++) {
        expect(seen[i]?.header.prevHash).toBe(seen[i + 1]?.hash);
      }
      expect(seen.every((b) => b.txIds === undefined)).toBe(true);

      const before = await n.http.get<{ blocks: BlockView[]; next: string | null }>(
        '/v1/blocks?before=2&limit=10',
      );
      expect(before.json.blocks.map((b) => b.height)).toEqual([1, 0]);
      expect(before.json.next).toBeNull();
      const none = await n.http.get<{ blocks: BlockView[]; next: string | null }>(
        '/v1/blocks?before=0',
      );
      expect(none.json).toEqual({ blocks: [], next: null });
      const dflt = await n.http.get<{ blocks: BlockView[] }>('/v1/blocks');
      expect(dflt.json.blocks.length).toBe(Math.min(20, n.node.height + 1));
      for (const q of ['limit=0', 'limit=101', 'before=-1', 'limit=abc']) {
        const bad = await n.http.get<Problem>(`/v1/blocks?${q}`);
        expect(bad.status, q).toBe(400);
        expect(bad.json.code, q).toBe('REQUEST_INVALID');
      }
    });

    it('GET /v1/checkpoint is a text/plain signed note that verifies', async () => {
      const r = await n.http.get('/v1/checkpoint');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
      const v = await verifyCheckpoint(r.text, policyOf(keys), nodeCryptoBackend);
      if (!v.ok) throw new Error(`checkpoint: ${v.code} ${v.detail ?? ''}`);
      expect(v.value.signers).toEqual([keys.validators[0]?.name]);
      expect(v.value.checkpoint.origin).toBe(keys.origin);
      expect(v.value.checkpoint.height).toBe(n.node.height);
      expect(v.value.checkpoint.logSize).toBe(n.node.log.size);
      const head = await n.http.get<BlockView>(`/v1/blocks/${v.value.checkpoint.height}`);
      expect(head.json.checkpoint).toBe(r.text);
    });

    it('GET /v1/proofs/inclusion by id and by index+size verifies against the root and the checkpoint', async () => {
      const cpText = (await n.http.get('/v1/checkpoint')).text;
      const cp = checkpointBody(cpText);
      const byId = await n.http.get<InclusionView>(`/v1/proofs/inclusion?id=${txId(tx)}`);
      expect(byId.status).toBe(200);
      expect(byId.json.logIndex).toBe(status.logIndex);
      // The leaf is the canonical log entry {height, timeMs, tx}.
      const entries = await n.http.get<{ entries: { id: string; entry: unknown }[] }>(
        `/v1/blocks/${status.height}/transactions`,
      );
      const entry = entries.json.entries.find((e) => e.id === txId(tx))?.entry;
      expect(Buffer.from(leafHash(utf8(canonicalJson(entry)))).toString('hex')).toBe(
        byId.json.leafHash,
      );
      const ok = verifyInclusion(
        hex(byId.json.leafHash),
        byId.json.logIndex,
        byId.json.logSize,
        byId.json.proof.map(hex),
        hex(byId.json.root),
      );
      expect(ok).toEqual({ ok: true });

      // Against the signed checkpoint's root, at the checkpoint's size.
      const atCp = await n.http.get<InclusionView>(
        `/v1/proofs/inclusion?id=${txId(tx)}&size=${cp.logSize}`,
      );
      expect(atCp.json.root).toBe(Buffer.from(cp.logRoot).toString('hex'));
      expect(
        verifyInclusion(
          hex(atCp.json.leafHash),
          atCp.json.logIndex,
          cp.logSize,
          atCp.json.proof.map(hex),
          cp.logRoot,
        ).ok,
      ).toBe(true);

      // By index and size.
      const byIndex = await n.http.get<InclusionView>(
        `/v1/proofs/inclusion?index=0&size=${cp.logSize}`,
      );
      expect(byIndex.status).toBe(200);
      expect(
        verifyInclusion(
          hex(byIndex.json.leafHash),
          0,
          cp.logSize,
          byIndex.json.proof.map(hex),
          cp.logRoot,
        ).ok,
      ).toBe(true);
      // A proof for another leaf does not verify ours.
      if (byIndex.json.leafHash !== byId.json.leafHash) {
        expect(
          verifyInclusion(
            hex(byId.json.leafHash),
            0,
            cp.logSize,
            byIndex.json.proof.map(hex),
            cp.logRoot,
          ).ok,
        ).toBe(false);
      }

      for (const q of [
        `index=${cp.logSize}&size=${cp.logSize}`,
        `index=0&size=${n.node.log.size + 5}`,
        '',
      ]) {
        const bad = await n.http.get<Problem>(`/v1/proofs/inclusion?${q}`);
        expect(bad.status, q).toBe(400);
        expect(bad.json.code, q).toBe('PROOF_RANGE');
      }
      const unknown = await n.http.get<Problem>(`/v1/proofs/inclusion?id=${randomDigest()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.json.code).toBe('TX_NOT_FOUND');
    });

    it('GET /v1/proofs/consistency proves a later checkpoint extends an earlier one', async () => {
      const a = checkpointBody((await n.http.get('/v1/checkpoint')).text);
      const s = newDidKeySender();
      for (let seq = 1; seq <= 3; seq++) await submitAndWait(n.http, await notaryTx(s, seq));
      const bText = (await n.http.get('/v1/checkpoint')).text;
      expect((await verifyCheckpoint(bText, policyOf(keys), nodeCryptoBackend)).ok).toBe(true);
      const b = checkpointBody(bText);
      expect(b.logSize).toBeGreaterThan(a.logSize);
      const r = await n.http.get<{
        from: number;
        to: number;
        fromRoot: string;
        toRoot: string;
        proof: string[];
      }>(`/v1/proofs/consistency?from=${a.logSize}&to=${b.logSize}`);
      expect(r.status).toBe(200);
      expect(r.json.fromRoot).toBe(Buffer.from(a.logRoot).toString('hex'));
      expect(r.json.toRoot).toBe(Buffer.from(b.logRoot).toString('hex'));
      const proof = r.json.proof.map(hex);
      expect(verifyConsistency(a.logSize, b.logSize, a.logRoot, b.logRoot, proof)).toEqual({
        ok: true,
      });
      // The same proof does not link the earlier checkpoint to a forged later root.
      const forged = b.logRoot.slice();
      forged[0] = (forged[0] ?? 0) ^ 1;
      expect(verifyConsistency(a.logSize, b.logSize, a.logRoot, forged, proof).ok).toBe(false);

      const bad = await n.http.get<Problem>(`/v1/proofs/consistency?from=${b.logSize + 1}`);
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('PROOF_RANGE');
      const missing = await n.http.get<Problem>('/v1/proofs/consistency');
      expect(missing.status).toBe(400);
      expect(missing.json.code).toBe('REQUEST_INVALID');
    });

    it('GET /v1/notary/{digest}: found, and 404 NOTARY_NOT_FOUND', async () => {
      const digest = tx.body.payload.digest as string;
      const r = await n.http.get<{
        digest: string;
        txId: string;
        height: number;
        logIndex: number;
        sender: string;
        status: string;
        receipt: string;
        geo: unknown;
      }>(`/v1/notary/${digest}`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        digest,
        txId: txId(tx),
        height: status.height,
        logIndex: status.logIndex,
        sender: tx.body.sender,
        status: 'final',
        receipt: `/v1/transactions/${txId(tx)}/receipt`,
        geo: tx.body.geo,
      });
      const rec = await n.http.get<Receipt>(r.json.receipt);
      expect((await verifyReceipt(rec.json, keys, nodeCryptoBackend)).ok).toBe(true);

      const nf = await n.http.get<Problem>(`/v1/notary/${randomDigest()}`);
      expect(nf.status).toBe(404);
      expect(nf.json.code).toBe('NOTARY_NOT_FOUND');
      const bad = await n.http.get<Problem>('/v1/notary/not-a-digest');
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('REQUEST_INVALID');
    });
  });

  describe('live events (SSE)', () => {
    it('GET /v1/events streams a block event after a submission', async () => {
      const stream = await openEventStream(`${n.url}/v1/events`);
      try {
        expect(stream.status).toBe(200);
        expect(stream.contentType).toMatch(/^text\/event-stream/);
        const s = newDidKeySender();
        const st = await submitAndWait(n.http, await notaryTx(s, 1));
        const ev = await stream.next(
          (e) =>
            e.event === 'block' && (JSON.parse(e.data) as { height: number }).height === st.height,
        );
        expect(ev.id).toBe(String(st.height));
        const data = JSON.parse(ev.data) as { hash: string; txCount: number; logSize: number };
        const b = await n.http.get<BlockView>(`/v1/blocks/${st.height}`);
        expect(data.hash).toBe(b.json.hash);
        expect(data.txCount).toBe(b.json.header.txCount);
        expect(data.logSize).toBe(b.json.header.logSize);
      } finally {
        stream.close();
      }
    });

    it('Last-Event-ID replays the blocks missed since', async () => {
      await ensureHeight(3);
      const top = n.node.height;
      expect(top).toBeGreaterThanOrEqual(3);
      const stream = await openEventStream(`${n.url}/v1/events`, {
        'last-event-id': String(top - 2),
      });
      try {
        await stream.next((e) => e.id === String(top));
        const replayed = stream.received.filter((e) => e.event === 'block').map((e) => e.id);
        expect(replayed.slice(0, 2)).toEqual([String(top - 1), String(top)]);
      } finally {
        stream.close();
      }
    });

    it('many waiting requests and streams leave no listener behind, and no warning', async () => {
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
      process.on('warning', onWarning);
      try {
        const base = n.node.events.listenerCount('block');
        const streams = await Promise.all(
          Array.from({ length: 12 }, () => openEventStream(`${n.url}/v1/events`)),
        );
        const txs = await Promise.all(
          Array.from({ length: 15 }, () => notaryTx(newDidKeySender(), 1)),
        );
        const rs = await Promise.all(
          txs.map((t) => n.http.post<TxStatusView>('/v1/transactions?waitMs=5000', t)),
        );
        expect(rs.map((r) => r.json.status)).toEqual(txs.map(() => 'final'));
        await Promise.all(streams.map((st) => st.next((e) => e.event === 'block')));
        for (const st of streams) st.close();
        await waitUntil(
          // At most as many as before (a stream of an earlier test may still be closing).
          () => (n.node.events.listenerCount('block') <= base ? true : undefined),
          5000,
          'block listeners to go',
        );
        await new Promise((r) => setImmediate(r));
        expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
      } finally {
        process.off('warning', onWarning);
      }
    });

    it('an open event stream does not stop the node from closing', async () => {
      const other = await startTestNode();
      const stream = await openEventStream(`${other.url}/v1/events`);
      try {
        const t0 = Date.now();
        await other.close();
        expect(Date.now() - t0).toBeLessThan(5000);
      } finally {
        stream.close();
        await stopTestNode(other);
      }
    });
  });

  describe('problems', () => {
    it('Accept-Language: cy gives Welsh problem titles', async () => {
      const id = randomDigest();
      const cy = await n.http.get<Problem>(`/v1/transactions/${id}`, { 'accept-language': 'cy' });
      expect(cy.status).toBe(404);
      expect(cy.headers.get('content-language')).toBe('cy');
      expect(cy.json.title).toBe('Dim trafodyn o’r fath');
      expect(cy.json.code).toBe('TX_NOT_FOUND');
      const en = await n.http.get<Problem>(`/v1/transactions/${id}`, {
        'accept-language': 'en-GB,cy;q=0.5',
      });
      expect(en.headers.get('content-language')).toBe('en');
      expect(en.json.title).toBe('No such transaction');
      // q-values count: Welsh preferred over English even when listed second.
      const ranked = await n.http.get<Problem>(`/v1/transactions/${id}`, {
        'accept-language': 'en;q=0.4, cy;q=0.9',
      });
      expect(ranked.headers.get('content-language')).toBe('cy');
      const cyGb = await n.http.get<Problem>('/no/such/route', { 'accept-language': 'cy-GB' });
      expect(cyGb.status).toBe(404);
      expect(cyGb.json).toMatchObject({ code: 'NOT_FOUND', title: 'Heb ei ganfod' });
      const post = await n.http.post<Problem>('/v1/transactions', '{"body":', {
        'accept-language': 'cy',
      });
      expect(post.json).toMatchObject({
        code: 'JSON_MALFORMED',
        title: 'Nid yw’r cais yn JSON dilys',
      });
    });
  });

  describe('governance', () => {
    const nrw = 'did:web:nrw.gwent.example';

    async function rolesOf(did: string): Promise<string[] | undefined> {
      const r = await n.http.get<{ members: Member[] }>('/v1/consortium');
      return r.json.members.find((m) => m.did === did)?.roles as string[] | undefined;
    }

    it('a change signed by 7 of 9 members is committed; 6 of 9 is refused with 403 GOV_NO_QUORUM', async () => {
      const newport = members.find((m) => m.slug === 'newport');
      if (!newport) throw new Error('no newport key');
      const others = members.filter((m) => m !== newport);
      expect(members).toHaveLength(9);

      const seq = await nextSeq(n.http, newport.did);
      const six = await governanceTx(
        'governance.updateMember',
        { did: nrw, roles: ['regulator'] },
        { sender: newport, cosigners: others.slice(0, 5), seq },
      );
      expect(six.signatures).toHaveLength(6);
      const refused = await n.http.post<Problem>('/v1/transactions', six);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.json.code).toBe('GOV_NO_QUORUM');
      expect(await rolesOf(nrw)).toEqual(['regulator', 'issuer']);
      expect(await nextSeq(n.http, newport.did)).toBe(seq);

      const seven = await governanceTx(
        'governance.updateMember',
        { did: nrw, roles: ['regulator'] },
        { sender: newport, cosigners: others.slice(0, 6), seq },
      );
      expect(seven.signatures).toHaveLength(7);
      const st = await submitAndWait(n.http, seven);
      expect(st.status).toBe('final');
      expect(await rolesOf(nrw)).toEqual(['regulator']);
      expect(await nextSeq(n.http, newport.did)).toBe(seq + 1);

      // Its receipt verifies with did:web signatures checked against the trust file.
      const rec = await n.http.get<Receipt>(`/v1/transactions/${txId(seven)}/receipt`);
      const v = await verifyReceipt(rec.json, keys, nodeCryptoBackend);
      expect(v.ok).toBe(true);
    });
  });
});

describe('pending transactions and graceful close', () => {
  it('pending is visible (status, 409 receipt, nextSeq); close keeps every acknowledged transaction', async () => {
    // A node whose orderer never fires on its own: only close cuts the last block.
    const slow = await startTestNode({ blockIntervalMs: 3_600_000 });
    const dataDir = slow.dataDir;
    let reopened: TestNode | undefined;
    try {
      const s = newDidKeySender();
      const txs = [await notaryTx(s, 1), await notaryTx(s, 2), await notaryTx(s, 3)];
      for (const t of txs) expect((await slow.http.post('/v1/transactions', t)).status).toBe(202);
      const st = await slow.http.get<TxStatusView>(`/v1/transactions/${txId(txs[0] as SignedTx)}`);
      expect(st.json.status).toBe('pending');
      expect(st.json.receivedMs).toBeGreaterThan(0);
      expect(st.json.tx).toBeUndefined();
      const rc = await slow.http.get<Problem>(
        `/v1/transactions/${txId(txs[0] as SignedTx)}/receipt`,
      );
      expect(rc.status).toBe(409);
      expect(rc.json.code).toBe('TX_NOT_COMMITTED');
      expect(await nextSeq(slow.http, s.did)).toBe(4);
      expect(slow.node.mempoolSize).toBe(3);
      const waited = await slow.http.post<TxStatusView>(
        '/v1/transactions?waitMs=50',
        await notaryTx(s, 4),
      );
      expect(waited.status).toBe(202);
      expect(waited.json.status).toBe('pending');
      txs.push(await notaryTx(s, 5));
      expect((await slow.http.post('/v1/transactions', txs[3])).status).toBe(202);
      const ids = [...txs.map(txId), waited.json.id];

      await slow.close();
      reopened = await startTestNode({ dataDir });
      for (const id of ids) expect((await waitForTx(reopened.http, id)).status).toBe('final');
      expect(await nextSeq(reopened.http, s.did)).toBe(6);
    } finally {
      await stopTestNode(reopened, { keepDir: true });
      await stopTestNode(slow);
    }
  });

  it('submissions racing with close: every acknowledged id is final after reopening', async () => {
    const first = await startTestNode({ blockIntervalMs: 20 });
    const dataDir = first.dataDir;
    let reopened: TestNode | undefined;
    try {
      const senders = Array.from({ length: 40 }, () => newDidKeySender());
      const txs = await Promise.all(senders.map((s) => notaryTx(s, 1)));
      const posts = txs.map((t) =>
        first.http.post<{ id?: string }>('/v1/transactions', t).then(
          (r) => r,
          () => undefined,
        ),
      );
      await Promise.race(posts);
      const closing = first.close();
      const results = await Promise.all(posts);
      await closing;
      const acked = results.filter((r) => r?.status === 202).map((r) => r?.json.id as string);
      expect(acked.length).toBeGreaterThan(0);
      for (const r of results) {
        if (!r || r.status === 202) continue;
        // Refused while closing: a problem with a code, not Fastify's own 503.
        expect(r.status).toBe(503);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        expect((r.json as { code?: string }).code).toBe('NODE_NOT_READY');
      }
      reopened = await startTestNode({ dataDir });
      for (const id of acked) expect((await waitForTx(reopened.http, id)).status).toBe('final');
    } finally {
      await stopTestNode(reopened, { keepDir: true });
      await stopTestNode(first);
    }
  });
});
