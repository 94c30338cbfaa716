// Membership by governance on a real consortium (decision 0009, "Membership"; issue 5): four
// in-process nodes on a real 3-member etcd. A key rotation and a validator's removal, each a
// proposal that the bodies sign one by one, each on its own node, take effect at the height they
// state; the network keeps finalising throughout, with the quorum of the set in force.
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/core/bytes.js';
import { formatCheckpoint, parseCheckpoint, verifyCheckpoint } from '../../src/core/checkpoint.js';
import type { PublicKey } from '../../src/core/crypto.js';
import type { Json } from '../../src/core/jcs.js';
import {
  noteVerifier,
  openNote,
  parseNote,
  SIG_TYPE_COSIGNATURE_V1,
  signNote,
} from '../../src/core/note.js';
import { getProposal, validatorsAt } from '../../src/ledger/modules/governance.js';
import { generateKeyPairSync, nodeCryptoBackend } from '../../src/node/crypto-node.js';
import { FILES, initClusterDataDirs, privateKeyOf } from '../../src/node/datadir.js';
import { EtcdCluster } from '../../src/node/consortium/etcd-cluster.js';
import { EtcdOrdering } from '../../src/node/consortium/etcd-ordering.js';
import type { RunningNode } from '../../src/node/start.js';
import { startNode } from '../../src/node/start.js';
import type { Http, MemberSigner, TxStatusView } from '../helpers.js';
import {
  httpClient,
  loadMembers,
  newDidKeySender,
  nextSeq,
  notaryTx,
  sign,
  txBody,
  txId,
  waitUntil,
} from '../helpers.js';

let dir = '';
let etcd: EtcdCluster;
let dirs: string[] = [];
let names: readonly string[] = [];
let members: MemberSigner[] = [];
const nodes: (RunningNode | undefined)[] = [];
const http: Http[] = [];

async function start(i: number): Promise<void> {
  const n = await startNode({
    dataDir: dirs[i] as string,
    port: 0,
    host: '127.0.0.1',
    logLevel: false,
    webRoot: false,
    demoStaffAccounts: false,
    verifyWorkers: 1,
    blockIntervalMs: 50,
    consortium: { etcd: etcd.clientUrls },
  });
  nodes[i] = n;
  http[i] = httpClient(n.url);
}

const node = (i: number): RunningNode => {
  const n = nodes[i];
  if (!n) throw new Error(`node ${i} is not running`);
  return n;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadwyn-membership-'));
  etcd = new EtcdCluster({ baseDir: join(dir, 'etcd'), members: 3 });
  await etcd.start();
  dirs = [0, 1, 2, 3].map((i) => join(dir, `node-${i}`));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  names = initClusterDataDirs(dirs, Date.now()).validatorNames;
  members = loadMembers(dirs[0] as string);
  await Promise.all(dirs.map((_, i) => start(i)));
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n?.close().catch(() => undefined)));
  await etcd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

async function finalOn(h: Http, id: string, timeoutMs = 15_000): Promise<TxStatusView> {
  return waitUntil(
    async () => {
      const r = await h.get<TxStatusView>(`/v1/transactions/${id}`);
      return r.status === 200 && r.json.status !== 'pending' ? r.json : undefined;
    },
    timeoutMs,
    `tx ${id}`,
  );
}

/** Body k sends from its own node (the four nodes stand in for the nine bodies' nodes). */
const nodeOf = (k: number): Http => http[k % 4] as Http;

/** A governance tx signed by body k alone, sent to its node; resolves once final there. */
async function byBody(k: number, type: string, payload: Record<string, Json>): Promise<string> {
  const m = members[k] as MemberSigner;
  const h = nodeOf(k);
  const tx = await sign(txBody({ type, sender: m.did, seq: await nextSeq(h, m.did), payload }), [
    m,
  ]);
  const r = await h.post('/v1/transactions', tx);
  expect(r.status, r.text).toBe(202);
  const s = await finalOn(h, txId(tx));
  expect(s.status, JSON.stringify(s)).toBe('final');
  return txId(tx);
}

/** A change proposed by body 0 and approved by bodies 1..6, each on its own node: 7 of 9. */
async function governed(change: { type: string; payload: Record<string, Json> }): Promise<void> {
  const id = await byBody(0, 'governance.propose', {
    change,
    expiresMs: Date.now() + 3_600_000,
  });
  await Promise.all(
    [1, 2, 3, 4, 5, 6].map((k) => byBody(k, 'governance.approve', { proposal: id })),
  );
  expect(getProposal(node(0).node.state, id)?.status).toBe('applied');
}

/** Notary txs to every running node until every running node has stored `height`. */
async function driveTo(height: number): Promise<void> {
  await waitUntil(
    async () => {
      if (nodes.every((n) => !n || n.node.height >= height)) return true;
      await Promise.all(
        http.map(async (h, i) => {
          if (!nodes[i]) return;
          const r = await h.post('/v1/transactions', await notaryTx(newDidKeySender(), 1));
          expect(r.status, r.text).toBe(202);
        }),
      );
      return undefined;
    },
    30_000,
    `every node at ${height}`,
  );
}

/** Names of the validators whose signature on the note verifies with the key given. */
async function signedBy(note: string, who: { label: string; name: string; key: PublicKey }[]) {
  const out: string[] = [];
  for (const w of who) {
    const v = noteVerifier(w.name, w.key, SIG_TYPE_COSIGNATURE_V1);
    const o = await openNote(note, [v], nodeCryptoBackend);
    if (o.ok && o.value.verified.length > 0) out.push(w.label);
  }
  return out;
}

const keyOf = (b64: string): PublicKey => ({
  alg: 'Ed25519',
  bytes: Uint8Array.from(Buffer.from(b64, 'base64url')),
});

describe('membership at a stated height on a real consortium', () => {
  it('rotates a key at its height: the new key cosigns, the old one is ignored above it', async () => {
    const name = names[2] as string;
    const genesisSet = validatorsAt(node(0).node.state, 0);
    const oldB64 = genesisSet.find((v) => v.name === name)?.publicKey ?? '';
    const oldPriv = privateKeyOf(
      'Ed25519',
      (
        JSON.parse(readFileSync(join(dirs[2] as string, FILES.nodeKey), 'utf8')) as {
          privateKey: string;
        }
      ).privateKey,
    );
    const kp = generateKeyPairSync('Ed25519');
    const newB64 = toBase64Url(kp.publicKey.bytes);
    const eff = node(0).node.height + 14;
    await governed({
      type: 'governance.rotateValidatorKey',
      payload: { name, publicKey: newB64, effectiveHeight: eff },
    });
    expect(node(0).node.height).toBeLessThan(eff);
    // Stated ahead: every node already knows the set at eff.
    for (const i of [0, 1, 2, 3]) {
      const at = validatorsAt(node(i).node.state, eff);
      expect(at.find((v) => v.name === name)?.publicKey).toBe(newB64);
      expect(
        validatorsAt(node(i).node.state, eff - 1).find((v) => v.name === name)?.publicKey,
      ).toBe(oldB64);
    }
    // The operator restarts node 2 with its new key: until eff the other three make the quorum.
    await node(2).close();
    nodes[2] = undefined;
    const keyPath = join(dirs[2] as string, FILES.nodeKey);
    const file = JSON.parse(readFileSync(keyPath, 'utf8')) as Record<string, string>;
    writeFileSync(
      keyPath,
      JSON.stringify({ ...file, privateKey: toBase64Url(kp.privateKey.bytes) }),
    );
    await start(2);
    await driveTo(eff + 2);
    const who = [
      { label: 'old', name, key: keyOf(oldB64) },
      { label: 'new', name, key: kp.publicKey },
    ];
    const ordering = new EtcdOrdering({
      hosts: etcd.clientUrls,
      network: node(0).node.network,
      now: Date.now,
    });
    try {
      for (let h = eff - 3; h <= eff + 2; h++) {
        const row = node(0).node.store.getBlock(h);
        expect(row, `block ${h}`).toBeDefined();
        // Each final note verifies against the validators in force at its height.
        const note = row?.checkpoint ?? '';
        const v = await verifyCheckpoint(note, node(0).node.checkpointPolicy(h), nodeCryptoBackend);
        expect(v.ok, `quorum at ${h}`).toBe(true);
        // Node 2's own cosignature as the orderer holds it: the new key from eff on (a stored
        // note carries only the first quorum to arrive, so it is read here, not there).
        const cs = await ordering.cosigs(h);
        if (!cs.ok) throw new Error(cs.code);
        const mine = cs.value.find((c) => c.validator === name);
        if (h >= eff) {
          expect(await signedBy(mine?.note ?? '', who), `height ${h}`).toEqual(['new']);
        } else if (mine) {
          expect(await signedBy(mine.note, who), `height ${h}`).toEqual(['old']);
        }
      }
      // The old key signs another checkpoint above eff: were it counted, that would be evidence.
      const opened = parseNote(node(0).node.store.getBlock(eff + 1)?.checkpoint ?? '');
      const cp = parseCheckpoint(opened.ok ? opened.value.text : '');
      if (!cp.ok) throw new Error(cp.code);
      const root = cp.value.stateRoot.slice();
      root[0] = (root[0] ?? 0) ^ 1;
      const forged = await signNote(
        formatCheckpoint({ ...cp.value, stateRoot: root }),
        [{ name, privateKey: oldPriv, type: SIG_TYPE_COSIGNATURE_V1, timeSec: 1 }],
        nodeCryptoBackend,
      );
      expect((await ordering.putCosig(eff + 1, name, forged)).ok).toBe(true);
    } finally {
      await ordering.close();
    }
    await driveTo(eff + 4);
    for (const i of [0, 1, 2, 3]) {
      const s = node(i).node.consortiumStatus();
      expect(s?.halted, `node ${i}`).toBeUndefined();
      expect(s?.evidence, `node ${i}`).toBe(0);
    }
  }, 90_000);

  it('removes a validator at its height; the other three finalise with the new quorum', async () => {
    const name = names[3] as string;
    const eff = node(0).node.height + 14;
    await governed({
      type: 'governance.removeValidator',
      payload: { name, effectiveHeight: eff },
    });
    expect(node(0).node.height).toBeLessThan(eff);
    // `/v1/status` shows the change stated ahead, then the set in force.
    interface Status {
      consortium: {
        validators: string[];
        inForce: boolean;
        pendingValidatorChanges?: { kind: string; name: string; effectiveHeight: number }[];
      };
    }
    const before = await (http[1] as Http).get<Status>('/v1/status');
    expect(before.json.consortium.pendingValidatorChanges).toEqual([
      expect.objectContaining({ kind: 'remove', name, effectiveHeight: eff }),
    ]);
    expect(before.json.consortium.validators).toContain(name);
    await driveTo(eff + 3);
    const after = await (http[1] as Http).get<Status>('/v1/status');
    expect(after.json.consortium.pendingValidatorChanges).toBeUndefined();
    expect(after.json.consortium.validators).toEqual([...names].filter((n) => n !== name).sort());
    expect((await (http[3] as Http).get<Status>('/v1/status')).json.consortium.inForce).toBe(false);
    expect(node(0).node.checkpointPolicy(eff - 1).quorum).toBe(3);
    expect(node(0).node.checkpointPolicy(eff - 1).validators).toHaveLength(4);
    const policy = node(0).node.checkpointPolicy(eff);
    expect(policy.validators.map((v) => v.name)).not.toContain(name);
    expect(policy.quorum).toBe(3);
    const removedKey = {
      label: 'removed',
      name,
      key: keyOf(validatorsAt(node(0).node.state, 0).find((v) => v.name === name)?.publicKey ?? ''),
    };
    for (let h = eff - 2; h <= eff + 3; h++) {
      const note = node(0).node.store.getBlock(h)?.checkpoint ?? '';
      const v = await verifyCheckpoint(note, node(0).node.checkpointPolicy(h), nodeCryptoBackend);
      expect(v.ok, `quorum at ${h}`).toBe(true);
      const by = await signedBy(note, [removedKey]);
      if (h >= eff) expect(by, `height ${h}`).toEqual([]);
      if (h >= eff && v.ok) expect(v.value.signers).toHaveLength(3);
    }
    // The removed node follows the chain without cosigning, and still admits txs.
    const tx = await notaryTx(newDidKeySender(), 1);
    expect((await (http[3] as Http).post('/v1/transactions', tx)).status).toBe(202);
    for (const h of http) expect((await finalOn(h, txId(tx))).status).toBe('final');
    const top = Math.min(...nodes.map((n) => n?.node.height ?? 0));
    for (let h = 1; h <= top; h++) {
      const hashes = new Set(nodes.map((n) => n?.node.store.getBlock(h)?.hash));
      expect(hashes.size, `one block at ${h}`).toBe(1);
    }
    expect(node(3).node.consortiumStatus()?.halted).toBeUndefined();
  }, 90_000);
});
