// ValidatorCore driven by hand: four validators, a perfect network, then hostile input.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint, formatCheckpoint } from '../../src/core/checkpoint.js';
import { SIG_TYPE_COSIGNATURE_V1, signNote } from '../../src/core/note.js';
import type { OrderedTx } from '../../src/ledger/block-builder.js';
import type { Effect, ValidatorEvent } from '../../src/consensus/validator.js';
import { MemoryChainStorage, ValidatorCore } from '../../src/consensus/validator.js';
import { blockHash } from '../../src/core/block.js';
import { canonicalJson } from '../../src/core/jcs.js';
import { buildBlock, LogFrontier, proposalFor } from '../../src/ledger/block-builder.js';
import { genesisBlock } from '../../src/ledger/genesis.js';
import { MemoryState } from '../../src/ledger/state.js';
import type { SimWorld } from '../../src/consensus/sim/world.js';
import { buildWorld, SIM_T0 } from '../../src/consensus/sim/world.js';
import { nodeCryptoBackend, verifySync } from '../../src/node/crypto-node.js';

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing test fixture');
  return x;
}

let world: SimWorld;
beforeAll(async () => {
  world = await buildWorld({ backend: nodeCryptoBackend, verify: verifySync, citizens: 3 });
});

async function open(i: number, storage = new MemoryChainStorage()) {
  const v = must(world.validators[i]);
  const r = await ValidatorCore.open(
    {
      name: v.name,
      privateKey: v.privateKey,
      backend: nodeCryptoBackend,
      ledger: world.ledger,
      genesis: world.genesis,
      validators: world.validators,
      maxDriftMs: 2000,
      blockIntervalMs: 0,
      maxTxsPerBlock: 10,
      retryMs: 300,
    },
    storage,
  );
  return { ...r, storage };
}

/** Four validators over a perfect, synchronous orderer. */
async function cluster() {
  const nodes = await Promise.all([0, 1, 2, 3].map((i) => open(i)));
  const cores = nodes.map((n) => n.core);
  const blocks = new Map<number, string>();
  const effects: { from: number; e: Effect }[] = [];
  let now = SIM_T0 + 1000;
  let rev = 0;
  let submitted = 0;
  const send = async (to: number, ev: ValidatorEvent): Promise<void> => {
    for (const e of await must(cores[to]).handle(ev, now)) {
      effects.push({ from: to, e });
      if (e.kind === 'putBlock' && !blocks.has(e.height)) {
        blocks.set(e.height, e.proposal);
        for (let k = 0; k < 4; k++)
          await send(k, { kind: 'block', height: e.height, proposal: e.proposal });
      }
      if (e.kind === 'putCosig') {
        const v = must(world.validators[to]).name;
        for (let k = 0; k < 4; k++)
          await send(k, { kind: 'cosig', height: e.height, validator: v, note: e.note });
      }
    }
  };
  const submit = async (n: number): Promise<OrderedTx[]> => {
    const out: OrderedTx[] = [];
    for (let k = 0; k < n; k++) {
      const after = rev;
      rev += 3;
      const j = submitted++;
      const t = { revision: rev, p: must(must(world.pool[j % 3])[Math.floor(j / 3)]) };
      out.push(t);
      for (let i = 0; i < 4; i++) await send(i, { kind: 'txs', after, upTo: rev, entries: [t] });
    }
    return out;
  };
  const tick = async (advanceMs = 100) => {
    now += advanceMs;
    for (let i = 0; i < 4; i++) await send(i, { kind: 'tick' });
  };
  return { cores, nodes, blocks, effects, send, submit, tick };
}

describe('ValidatorCore', () => {
  it('four honest validators: the leader cuts, all re-execute, cosign and reach finality', async () => {
    const c = await cluster();
    const txs = await c.submit(5);
    await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
    await c.tick();
    expect(c.blocks.size).toBe(1);
    for (const core of c.cores) {
      expect(core.height).toBe(1);
      expect(core.finalHeight).toBe(1);
      expect(core.finalCheckpoint(1)).toBe(core.checkpointAt(1));
      for (const t of txs) expect(core.decidedAt(t.p.id)).toBe(1);
    }
    // Only the lease holder proposed; nobody alarmed.
    expect(c.effects.filter((x) => x.e.kind === 'putBlock').map((x) => x.from)).toEqual([0]);
    expect(c.effects.some((x) => x.e.kind === 'alarm')).toBe(false);
    // A second batch, a new leader.
    await c.submit(3);
    await c.send(0, { kind: 'lease', until: 0 });
    await c.send(2, { kind: 'lease', until: SIM_T0 + 60_000 });
    await c.tick();
    expect(c.cores.map((k) => k.finalHeight)).toEqual([2, 2, 2, 2]);
    expect(JSON.parse(must(c.blocks.get(2))).header.proposer).toBe(must(world.validators[2]).name);
  });

  it('records equivocation evidence, ignores a bad cosignature, and halts on divergence', async () => {
    const c = await cluster();
    await c.submit(2);
    await c.send(1, { kind: 'lease', until: SIM_T0 + 60_000 });
    await c.tick();
    const body = must(must(c.cores[0]).checkpointAt(1));
    const cp = parseCheckpoint(body);
    if (!cp.ok) throw new Error(cp.code);
    const root = cp.value.stateRoot.slice();
    root[0] ^= 1;
    const wrongBody = formatCheckpoint({ ...cp.value, stateRoot: root });
    const sign = (i: number, text: string) =>
      signNote(
        text,
        [
          {
            name: must(world.validators[i]).name,
            privateKey: must(world.validators[i]).privateKey,
            type: SIG_TYPE_COSIGNATURE_V1,
            timeSec: 1,
          },
        ],
        nodeCryptoBackend,
      );
    // Validator 3 also cosigns another checkpoint at height 1: evidence.
    const out = await must(c.cores[0]).handle(
      {
        kind: 'cosig',
        height: 1,
        validator: must(world.validators[3]).name,
        note: await sign(3, wrongBody),
      },
      SIM_T0 + 2000,
    );
    expect(out).toEqual([
      expect.objectContaining({
        kind: 'evidence',
        validator: must(world.validators[3]).name,
        height: 1,
      }),
    ]);
    // Signed by 2 but claimed as 1's, or garbage: counted, never thrown.
    const before = must(c.cores[0]).rejectedCosigs;
    for (const note of [await sign(2, wrongBody), 'garbage', '']) {
      expect(
        await must(c.cores[0]).handle(
          { kind: 'cosig', height: 1, validator: must(world.validators[1]).name, note },
          SIM_T0,
        ),
      ).toEqual([]);
    }
    expect(must(c.cores[0]).rejectedCosigs).toBe(before + 3);
    // A fresh validator whose own block 1 differs from a quorum's final checkpoint halts.
    const lone = await open(0);
    for (const i of [1, 2, 3]) {
      await lone.core.handle(
        {
          kind: 'cosig',
          height: 1,
          validator: must(world.validators[i]).name,
          note: await sign(i, wrongBody),
        },
        SIM_T0,
      );
    }
    expect(lone.core.finalCheckpoint(1)).toBe(wrongBody);
    const [t1, t2] = [must(must(world.pool[0])[0]), must(must(world.pool[1])[0])];
    await lone.core.handle(
      {
        kind: 'txs',
        after: 0,
        upTo: 6,
        entries: [
          { revision: 3, p: t1 },
          { revision: 6, p: t2 },
        ],
      },
      SIM_T0,
    );
    const halted = await lone.core.handle(
      { kind: 'block', height: 1, proposal: must(c.blocks.get(1)) },
      SIM_T0 + 5000,
    );
    expect(halted).toContainEqual(
      expect.objectContaining({ kind: 'alarm', code: 'DIVERGED', halted: true }),
    );
    expect(lone.core.halted?.code).toBe('DIVERGED');
    // Halted: it no longer proposes, even holding the lease.
    expect(
      await lone.core.handle({ kind: 'lease', until: SIM_T0 + 60_000 }, SIM_T0 + 6000),
    ).toEqual([]);
  });

  it('refuses a bad proposal with an alarm and does not cosign it', async () => {
    const c = await cluster();
    await c.submit(2);
    const v = await open(1);
    await v.core.handle(
      {
        kind: 'txs',
        after: 0,
        upTo: 6,
        entries: [
          { revision: 3, p: must(must(world.pool[0])[0]) },
          { revision: 6, p: must(must(world.pool[1])[0]) },
        ],
      },
      SIM_T0,
    );
    await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
    await c.tick();
    const p = JSON.parse(must(c.blocks.get(1)));
    p.header.stateRoot = 'ab'.repeat(32);
    const out = await v.core.handle(
      { kind: 'block', height: 1, proposal: JSON.stringify(p) },
      SIM_T0 + 2000,
    );
    expect(out).toEqual([
      expect.objectContaining({ kind: 'alarm', code: 'PROPOSAL_REFUSED', halted: true }),
      { kind: 'resign' },
    ]);
    expect(out[0]).toMatchObject({ detail: expect.stringContaining('PROPOSAL_HEADER_DIFFERS') });
    expect(v.core.height).toBe(0);
  });

  it('restarts from its stored chain; a corrupted record is dropped and fetched again', async () => {
    const c = await cluster();
    await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
    for (let k = 0; k < 3; k++) {
      await c.submit(1);
      await c.tick();
    }
    const { storage } = must(c.nodes[2]);
    expect(must(c.cores[2]).height).toBeGreaterThanOrEqual(2);
    const height = must(c.cores[2]).height;
    const reopened = await open(2, storage.clone());
    expect(reopened.effects).toEqual([]);
    expect(reopened.core.height).toBe(height);
    expect(reopened.core.checkpointAt(height)).toBe(must(c.cores[2]).checkpointAt(height));
    // Flip one character of block 2's stored record.
    const bad = storage.clone();
    const text = must(bad.get(2));
    const pos = text.indexOf('"stateRoot":"') + 15;
    bad.set(2, text.slice(0, pos) + (text[pos] === 'a' ? 'b' : 'a') + text.slice(pos + 1));
    const r = await open(2, bad);
    expect(r.effects).toEqual([
      expect.objectContaining({ kind: 'alarm', code: 'STORE_CORRUPT', halted: false }),
    ]);
    expect(r.core.height).toBe(1);
    expect(bad.blocks.has(2)).toBe(false);
    // Re-reading from the orderer restores it, identically.
    const cur = r.core.cursor();
    expect(cur.blockFrom).toBe(2);
    for (const [h, proposal] of c.blocks) {
      if (h >= 2) await r.core.handle({ kind: 'block', height: h, proposal }, SIM_T0 + 9000);
    }
    expect(r.core.height).toBe(1); // the range is not known yet: it waits, it does not guess
    const all = [0, 1, 2].map((k) => ({
      revision: 3 * (k + 1),
      p: must(must(world.pool[k % 3])[Math.floor(k / 3)]),
    }));
    const out = await r.core.handle(
      { kind: 'txs', after: cur.txAfter, upTo: 9, entries: all },
      SIM_T0 + 9000,
    );
    expect(r.core.height).toBe(height);
    expect(r.core.checkpointAt(height)).toBe(must(c.cores[2]).checkpointAt(height));
    expect(
      out.filter((e) => e.kind === 'putCosig').map((e) => (e.kind === 'putCosig' ? e.note : '')),
    ).toEqual([2, 3].filter((h) => h <= height).map((h) => JSON.parse(must(storage.get(h))).note));
  });

  it('never cosigns a second checkpoint at a height, and stays halted across a restart', async () => {
    const c = await cluster();
    const txs = await c.submit(2);
    await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
    await c.tick();
    const old = c.effects.find((x) => x.from === 3 && x.e.kind === 'putCosig');
    if (old?.e.kind !== 'putCosig') throw new Error('validator 3 did not cosign');
    // Validator 3 loses its record of block 1, and a lying orderer serves another valid block 1
    // (same range, another proposer).
    const storage = c.nodes[3]?.storage.clone() ?? new MemoryChainStorage();
    storage.delete(1);
    const v3 = await open(3, storage);
    const name = must(world.validators[3]).name;
    await v3.core.handle({ kind: 'cosig', height: 1, validator: name, note: old.e.note }, SIM_T0);
    const g = genesisBlock(world.genesis);
    const state = new MemoryState();
    state.apply(g.diff);
    const first = JSON.parse(must(c.blocks.get(1))) as { timeMs: number };
    const other = buildBlock(
      world.ledger,
      state,
      { header: g.header, hash: blockHash(g.header), log: LogFrontier.empty() },
      txs.map((t) => t.p),
      {
        network: world.genesis.network,
        timeMs: first.timeMs,
        proposer: must(world.validators[1]).name,
      },
    );
    await v3.core.handle({ kind: 'txs', after: 0, upTo: 6, entries: txs }, SIM_T0 + 2000);
    const out = await v3.core.handle(
      { kind: 'block', height: 1, proposal: canonicalJson(proposalFor(other, 0, 6)) },
      SIM_T0 + 2000,
    );
    expect(out).toEqual([
      expect.objectContaining({ kind: 'alarm', code: 'WOULD_EQUIVOCATE', halted: true }),
      { kind: 'resign' },
    ]);
    expect(v3.core.height).toBe(0);
    // The halt is stored: a restart does not forget it.
    const again = await open(3, storage);
    expect(again.effects).toEqual([
      expect.objectContaining({ kind: 'alarm', code: 'HALTED_BEFORE', halted: true }),
      { kind: 'resign' },
    ]);
    expect(again.core.halted?.detail).toContain('WOULD_EQUIVOCATE');
  });
});
