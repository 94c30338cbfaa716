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
import type { PrivateKey } from '../../src/core/crypto.js';
import type { PreparedTx } from '../../src/core/tx.js';
import { noteVerifier, openNote } from '../../src/core/note.js';
import { VALIDATOR_CHANGE_MIN_LEAD } from '../../src/ledger/modules/governance.js';

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing test fixture');
  return x;
}

let world: SimWorld;
beforeAll(async () => {
  world = await buildWorld({ backend: nodeCryptoBackend, verify: verifySync, citizens: 3 });
});

async function open(
  i: number,
  storage = new MemoryChainStorage(),
  otherKeys: readonly PrivateKey[] = [],
) {
  const v = must(world.validators[i]);
  const r = await ValidatorCore.open(
    {
      name: v.name,
      privateKey: v.privateKey,
      otherKeys,
      backend: nodeCryptoBackend,
      ledger: world.ledger,
      genesis: world.genesis,
      maxDriftMs: 2000,
      blockIntervalMs: 0,
      maxTxsPerBlock: 10,
      retryMs: 300,
    },
    storage,
  );
  return { ...r, storage };
}

/** Four validators over a perfect, synchronous orderer; `keys[i]`: validator i's other keys. */
async function cluster(keys: Record<number, PrivateKey[]> = {}) {
  const nodes = await Promise.all([0, 1, 2, 3].map((i) => open(i, undefined, keys[i])));
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
  /** Orders one tx (a governance change, say) for every validator. */
  const order = async (p: PreparedTx): Promise<void> => {
    const after = rev;
    rev += 3;
    const t = { revision: rev, p };
    for (let i = 0; i < 4; i++) await send(i, { kind: 'txs', after, upTo: rev, entries: [t] });
  };
  const tick = async (advanceMs = 100) => {
    now += advanceMs;
    for (let i = 0; i < 4; i++) await send(i, { kind: 'tick' });
  };
  return { cores, nodes, blocks, effects, send, submit, order, tick };
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

  describe('membership at a stated height', () => {
    const LEAD = VALIDATOR_CHANGE_MIN_LEAD;
    const cosigsBy = (c: Awaited<ReturnType<typeof cluster>>, i: number) =>
      c.effects.flatMap((x) =>
        x.from === i && x.e.kind === 'putCosig' ? [{ height: x.e.height, note: x.e.note }] : [],
      );
    const signWith = (name: string, privateKey: PrivateKey, body: string) =>
      signNote(
        body,
        [{ name, privateKey, type: SIG_TYPE_COSIGNATURE_V1, timeSec: 1 }],
        nodeCryptoBackend,
      );

    it('a removed validator stops cosigning at its height; its cosignatures there count for nothing', async () => {
      const c = await cluster();
      const v3 = must(world.validators[3]);
      await c.order(must(world.membership.remove[3]));
      await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
      await c.tick();
      expect(c.cores.map((k) => k.height)).toEqual([1, 1, 1, 1]);
      const eff = 1 + LEAD;
      for (let h = 2; h <= eff + 1; h++) {
        await c.submit(1);
        await c.tick();
      }
      expect(c.cores.map((k) => k.finalHeight)).toEqual([eff + 1, eff + 1, eff + 1, eff + 1]);
      // Known ahead: at block 1 every validator already knew the set at 1 + lead.
      expect(
        must(c.cores[0])
          .validatorsAt(eff - 1)
          ?.has(v3.name),
      ).toBe(true);
      expect(must(c.cores[0]).validatorsAt(eff)?.has(v3.name)).toBe(false);
      expect(cosigsBy(c, 3).map((x) => x.height)).toEqual([1, 2, 3]);
      // Final at eff with three of three (the quorum of 3 is 3).
      const body = must(must(c.cores[0]).finalCheckpoint(eff));
      const note = must(must(c.cores[0]).finalNote(eff));
      expect(note.split('\n— ').length - 1).toBe(3);
      // v3 still signs at eff, even another checkpoint: ignored, and not evidence.
      const before = must(c.cores[0]).rejectedCosigs;
      const cp = parseCheckpoint(body);
      if (!cp.ok) throw new Error(cp.code);
      const root = cp.value.stateRoot.slice();
      root[0] ^= 1;
      const wrong = formatCheckpoint({ ...cp.value, stateRoot: root });
      for (const b of [body, wrong]) {
        const out = await must(c.cores[0]).handle(
          {
            kind: 'cosig',
            height: eff,
            validator: v3.name,
            note: await signWith(v3.name, v3.privateKey, b),
          },
          SIM_T0 + 9000,
        );
        expect(out).toEqual([]);
      }
      expect(must(c.cores[0]).rejectedCosigs).toBe(before + 2);
      expect(must(c.cores[0]).evidence).toEqual([]);
      // It no longer proposes: holding the lease it resigns instead.
      const out = await must(c.cores[3]).handle(
        { kind: 'lease', until: SIM_T0 + 90_000 },
        SIM_T0 + 9000,
      );
      expect(out).toEqual([]);
      await c.submit(1);
      const tickOut = await must(c.cores[3]).handle({ kind: 'tick' }, SIM_T0 + 9100);
      expect(tickOut).toEqual([{ kind: 'resign' }]);
      expect(must(c.cores[3]).canPropose).toBe(false);
    });

    it('a rotated key cosigns from its height; the old key’s cosignatures above it are ignored', async () => {
      const rotated = must(world.rotated[2]);
      const c = await cluster({ 2: [rotated] });
      const v2 = must(world.validators[2]);
      await c.order(must(world.membership.rotate[2]));
      await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
      await c.tick();
      const eff = 1 + LEAD;
      for (let h = 2; h <= eff + 1; h++) {
        await c.submit(1);
        await c.tick();
      }
      expect(c.cores.map((k) => k.finalHeight)).toEqual([eff + 1, eff + 1, eff + 1, eff + 1]);
      const oldV = noteVerifier(v2.name, v2.publicKey, SIG_TYPE_COSIGNATURE_V1);
      const newPk = await nodeCryptoBackend.publicKeyOf(rotated);
      const newV = noteVerifier(v2.name, newPk, SIG_TYPE_COSIGNATURE_V1);
      const mine = cosigsBy(c, 2);
      expect(mine.map((x) => x.height)).toEqual([1, 2, 3, 4, 5]);
      for (const { height, note } of mine) {
        const byOld = await openNote(note, [oldV], nodeCryptoBackend);
        const byNew = await openNote(note, [newV], nodeCryptoBackend);
        expect(byOld.ok && byOld.value.verified.length === 1, `old key at ${height}`).toBe(
          height < eff,
        );
        expect(byNew.ok && byNew.value.verified.length === 1, `new key at ${height}`).toBe(
          height >= eff,
        );
      }
      // Validator 2's cosignature counted at eff: four signatures on the final note.
      expect(must(must(c.cores[0]).finalNote(eff)).split('\n— ').length - 1).toBe(4);
      // The old key over the final checkpoint above the rotation: ignored, not evidence.
      const before = must(c.cores[1]).rejectedCosigs;
      const body = must(must(c.cores[1]).finalCheckpoint(eff + 1));
      const out = await must(c.cores[1]).handle(
        {
          kind: 'cosig',
          height: eff + 1,
          validator: v2.name,
          note: await signWith(v2.name, v2.privateKey, body),
        },
        SIM_T0 + 9000,
      );
      expect(out).toEqual([]);
      expect(must(c.cores[1]).rejectedCosigs).toBe(before + 1);
      // A restart holding only the new key re-verifies its old-key records instead of re-signing.
      const reopened = await open(2, must(c.nodes[2]).storage.clone(), []);
      const again = await ValidatorCore.open(
        {
          name: v2.name,
          privateKey: rotated,
          backend: nodeCryptoBackend,
          ledger: world.ledger,
          genesis: world.genesis,
          maxDriftMs: 2000,
          blockIntervalMs: 0,
          maxTxsPerBlock: 10,
          retryMs: 300,
        },
        must(c.nodes[2]).storage.clone(),
      );
      expect(again.effects).toEqual([]);
      expect(again.core.height).toBe(eff + 1);
      // And one holding only the old key cosigned nothing from the rotation on: it re-verifies
      // the new-key records it cannot re-sign.
      expect(reopened.effects).toEqual([]);
      expect(reopened.core.height).toBe(eff + 1);
    });

    it('holds cosignatures for heights beyond its known sets, and checks its own before cosigning', async () => {
      const c = await cluster();
      await c.send(0, { kind: 'lease', until: SIM_T0 + 60_000 });
      const txs: OrderedTx[] = [];
      for (let h = 1; h <= 6; h++) {
        txs.push(...(await c.submit(1)));
        await c.tick();
      }
      expect(must(c.cores[0]).finalHeight).toBe(6);
      const late = await open(1);
      const v0 = must(world.validators[0]);
      const v1 = must(world.validators[1]);
      // Height 6 is beyond genesis + lead: held, not rejected.
      const n6 = cosigsBy(c, 0).find((x) => x.height === 6);
      await late.core.handle(
        { kind: 'cosig', height: 6, validator: v0.name, note: must(n6).note },
        SIM_T0,
      );
      expect(late.core.rejectedCosigs).toBe(0);
      expect(late.core.validatorsAt(6)).toBeUndefined();
      expect(late.core.validatorsAt(LEAD)?.size).toBe(4);
      // Its own earlier cosignature at 6, over another checkpoint (it lost that record), arrives
      // before the blocks, as a re-read delivers them: held too, and seen before it cosigns 6.
      const cp = parseCheckpoint(must(must(c.cores[0]).checkpointAt(6)));
      if (!cp.ok) throw new Error(cp.code);
      const root = cp.value.stateRoot.slice();
      root[0] ^= 1;
      const other = await signWith(
        v1.name,
        v1.privateKey,
        formatCheckpoint({ ...cp.value, stateRoot: root }),
      );
      await late.core.handle({ kind: 'cosig', height: 6, validator: v1.name, note: other }, SIM_T0);
      // The blocks first, then their txs: all six are applied in one go.
      const out: Effect[] = [];
      for (const [height, proposal] of [...c.blocks].sort((a, b) => a[0] - b[0])) {
        out.push(...(await late.core.handle({ kind: 'block', height, proposal }, SIM_T0 + 9000)));
      }
      expect(late.core.height).toBe(0);
      const last = must(txs.at(-1)).revision;
      out.push(
        ...(await late.core.handle(
          { kind: 'txs', after: 0, upTo: last, entries: txs },
          SIM_T0 + 9000,
        )),
      );
      expect(late.core.height).toBe(5);
      expect(late.core.halted?.code).toBe('WOULD_EQUIVOCATE');
      expect(
        out.filter((e) => e.kind === 'putCosig').map((e) => e.kind === 'putCosig' && e.height),
      ).toEqual([1, 2, 3, 4, 5]);
    });
  });
});
