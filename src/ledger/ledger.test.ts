// Execution is deterministic: the same transactions in the same blocks give the same state root,
// whatever the node; a refused transaction leaves nothing behind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../core/bytes.js';
import { didKeyFromPublicKey } from '../core/did.js';
import { prepareTx, signTx } from '../core/tx.js';
import type { PreparedTx, SignedTx } from '../core/tx.js';
import { canonicalJson } from '../core/jcs.js';
import { generateKeyPairSync, nodeCryptoBackend, verifySync } from '../node/crypto-node.js';
import { publicKeyFromDidKey } from '../core/did.js';
import { parseGenesis, writeGenesisState } from './genesis.js';
import type { Genesis } from './genesis.js';
import { Ledger, accountSeq } from './ledger.js';
import { governanceModule, getMember, supermajority } from './modules/governance.js';
import { notaryModule, lookupNotarised } from './modules/notary.js';
import { MemoryState, nextStateRoot, StateOverlay } from './state.js';
import { GWENT_BODIES } from './demo.js';

const T0 = 1_790_000_000_000;
const ledger = new Ledger([governanceModule, notaryModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

const memberKeys = GWENT_BODIES.map((b) => ({ body: b, kp: generateKeyPairSync('Ed25519') }));
const validatorKp = generateKeyPairSync('Ed25519');
const genesis: Genesis = {
  v: 1,
  network: 'test-net',
  origin: 'test.cadwyn.example/ledger',
  timeMs: T0,
  members: memberKeys.map(({ body, kp }) => ({
    did: body.did,
    name: body.name,
    roles: [...body.roles],
    keys: [{ id: 'key-1', alg: 'Ed25519' as const, publicKey: toBase64Url(kp.publicKey.bytes) }],
  })),
  validators: [
    {
      name: 'v1.example/node',
      member: GWENT_BODIES[0]?.did ?? '',
      publicKey: toBase64Url(validatorKp.publicKey.bytes),
    },
  ],
  params: { txTimePastMs: 600_000, txTimeFutureMs: 120_000 },
};

const citizens = Array.from({ length: 3 }, () => {
  const kp = generateKeyPairSync('Ed25519');
  return { did: didKeyFromPublicKey(kp.publicKey), kp };
});

function freshState(): MemoryState {
  const s = new MemoryState();
  writeGenesisState(s, genesis);
  return s;
}

async function notarise(who: number, seq: number, digest: string): Promise<PreparedTx> {
  const c = citizens[who];
  if (!c) throw new Error('no such citizen');
  const tx = await signTx(
    {
      v: 1,
      network: 'test-net',
      type: 'notary.notarise',
      sender: c.did,
      seq,
      timeMs: T0 + 1000,
      payload: { digest },
    },
    [{ did: c.did, privateKey: c.kp.privateKey }],
    nodeCryptoBackend,
  );
  const p = prepareTx(tx);
  if (!p.ok) throw new Error(p.code);
  return p.value;
}

/** Executes blocks of transactions and returns the state root after each block. */
function run(blocks: PreparedTx[][]): { roots: string[]; state: MemoryState; results: string[] } {
  const state = freshState();
  let root = '0'.repeat(64);
  const roots: string[] = [];
  const results: string[] = [];
  let logIndex = 0;
  blocks.forEach((txs, h) => {
    const overlay = new StateOverlay(state);
    for (const p of txs) {
      const v = ledger.execute(
        overlay,
        { network: 'test-net', height: h + 1, timeMs: T0 + 2000 },
        p,
        logIndex,
      );
      results.push(v.ok ? 'ok' : v.code);
      if (v.ok) logIndex++;
    }
    root = nextStateRoot(root, overlay.diff());
    state.apply(overlay.diff());
    roots.push(root);
  });
  return { roots, state, results };
}

describe('genesis', () => {
  it('the demo genesis parses, and a broken one is refused with a code', () => {
    expect(parseGenesis(genesis).ok).toBe(true);
    const bad = parseGenesis({ ...genesis, members: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.code).toBe('GENESIS_INVALID');
  });
});

describe('execution', () => {
  it('is deterministic: same blocks, same roots and state (property)', async () => {
    const pool = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        notarise(i % 3, Math.floor(i / 3) + 1, (i % 7).toString(16).padStart(64, 'a')),
      ),
    );
    await fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 6 }), {
          maxLength: 5,
        }),
        (shape) => {
          const blocks = shape.map((b) => b.map((i) => pool[i] as PreparedTx));
          const a = run(blocks);
          const b = run(blocks);
          expect(b.roots).toEqual(a.roots);
          expect(b.results).toEqual(a.results);
          expect([...b.state.map.entries()].map(([k, v]) => [k, canonicalJson(v)])).toEqual(
            [...a.state.map.entries()].map(([k, v]) => [k, canonicalJson(v)]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a refused transaction writes nothing, not even its sequence number', async () => {
    const first = await notarise(0, 1, 'b'.repeat(64));
    const again = await notarise(1, 1, 'b'.repeat(64));
    const { results, state } = run([[first, again]]);
    expect(results).toEqual(['ok', 'NOTARY_ALREADY_NOTARISED']);
    expect(accountSeq(state, citizens[1]?.did ?? '')).toBe(0);
    expect(lookupNotarised(state, 'b'.repeat(64))?.sender).toBe(citizens[0]?.did);
  });

  it('refuses replay, gaps, wrong network and time outside the window', async () => {
    const t1 = await notarise(0, 1, 'c'.repeat(64));
    const gap = await notarise(0, 3, 'd'.repeat(64));
    const { results } = run([[t1, t1, gap]]);
    expect(results).toEqual(['ok', 'TX_REPLAYED', 'TX_SEQ_GAP']);
    const s = freshState();
    const late = ledger.execute(
      new StateOverlay(s),
      { network: 'test-net', height: 1, timeMs: T0 + 3_600_000 },
      t1,
      0,
    );
    expect(late.ok ? 'ok' : late.code).toBe('TX_TIME_OUT_OF_WINDOW');
    const other = ledger.execute(
      new StateOverlay(s),
      { network: 'other', height: 1, timeMs: T0 + 2000 },
      t1,
      0,
    );
    expect(other.ok ? 'ok' : other.code).toBe('TX_WRONG_NETWORK');
  });
});

describe('governance', () => {
  async function updateRoles(signers: number): Promise<PreparedTx> {
    const proposer = memberKeys[0];
    if (!proposer) throw new Error('no members');
    const tx: SignedTx = await signTx(
      {
        v: 1,
        network: 'test-net',
        type: 'governance.updateMember',
        sender: proposer.body.did,
        seq: 1,
        timeMs: T0 + 1000,
        payload: { did: proposer.body.did, roles: ['council'] },
      },
      memberKeys
        .slice(0, signers)
        .map(({ body, kp }) => ({ did: body.did, keyId: 'key-1', privateKey: kp.privateKey })),
      nodeCryptoBackend,
    );
    const p = prepareTx(tx);
    if (!p.ok) throw new Error(p.code);
    return p.value;
  }

  it('needs more than 2/3 of the members', async () => {
    const n = memberKeys.length;
    expect(supermajority(n)).toBe(7);
    const few = run([[await updateRoles(supermajority(n) - 1)]]);
    expect(few.results).toEqual(['GOV_NO_QUORUM']);
    const enough = run([[await updateRoles(supermajority(n))]]);
    expect(enough.results).toEqual(['ok']);
    expect(getMember(enough.state, memberKeys[0]?.body.did ?? '')?.roles).toEqual(['council']);
  });

  it('refuses a change proposed by a citizen key', async () => {
    const c = citizens[0];
    if (!c) throw new Error('no citizen');
    const tx = await signTx(
      {
        v: 1,
        network: 'test-net',
        type: 'governance.removeMember',
        sender: c.did,
        seq: 1,
        timeMs: T0 + 1000,
        payload: { did: memberKeys[1]?.body.did ?? '' },
      },
      [{ did: c.did, privateKey: c.kp.privateKey }],
      nodeCryptoBackend,
    );
    const p = prepareTx(tx);
    if (!p.ok) throw new Error(p.code);
    expect(run([[p.value]]).results).toEqual(['GOV_SENDER_NOT_MEMBER']);
  });
});
