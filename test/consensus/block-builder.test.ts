// The pure block builder and proposal checker (src/ledger/block-builder.ts): a proposal is
// accepted only if re-executing its range gives the very same block, and every way it can
// differ has its own code.
import { beforeAll, describe, expect, it } from 'vitest';
import { blockHash, verifyBlockLink } from '../../src/core/block.js';
import { canonicalJson } from '../../src/core/jcs.js';
import { leafHash, MerkleLog } from '../../src/core/merkle.js';
import { utf8 } from '../../src/core/bytes.js';
import type { ChainTip, OrderedTx, Proposal } from '../../src/ledger/block-builder.js';
import {
  buildBlock,
  checkProposal,
  LogFrontier,
  parseProposal,
  proposalFor,
} from '../../src/ledger/block-builder.js';
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
let state: MemoryState;
let tip: ChainTip & { toRev: number };
let range: OrderedTx[];
let proposal: Proposal;
const NOW = SIM_T0 + 5000;
const params = () => ({ network: world.genesis.network, nowMs: NOW, maxDriftMs: 1000 });

beforeAll(async () => {
  world = await buildWorld({ backend: nodeCryptoBackend, verify: verifySync, citizens: 2 });
  const g = genesisBlock(world.genesis);
  state = new MemoryState();
  state.apply(g.diff);
  tip = { header: g.header, hash: blockHash(g.header), log: LogFrontier.empty(), toRev: 0 };
  const [a, b] = world.pool as [SimWorld['pool'][0], SimWorld['pool'][0]];
  // a1, a2, then a2 again's neighbour a4 (a seq gap: refused), then b1.
  range = [a[0], a[1], a[3], b[0]].map((p, i) => ({ revision: 10 + 2 * i, p: must(p) }));
  const built = buildBlock(
    world.ledger,
    state,
    tip,
    range.map((t) => t.p),
    { network: world.genesis.network, timeMs: NOW, proposer: 'v0.sim.example/node' },
  );
  proposal = proposalFor(built, 0, 16);
});

const check = (p: Proposal, known: readonly OrderedTx[] = range, extra = {}) =>
  checkProposal(world.ledger, state, tip, p, known, { ...params(), ...extra });

describe('LogFrontier', () => {
  it('gives the same roots as MerkleLog for every size up to 70', () => {
    const log = new MerkleLog();
    let f = LogFrontier.empty();
    expect(f.root()).toEqual(log.root());
    for (let i = 0; i < 70; i++) {
      const leaf = leafHash(utf8(`leaf ${i}`));
      log.append(leaf);
      const before = f;
      f = f.append([leaf]);
      expect(before.size).toBe(i); // immutable: the old frontier is unchanged
      expect(f.root()).toEqual(log.root());
    }
    expect(
      LogFrontier.empty()
        .append([...Array(70)].map((_, i) => leafHash(utf8(`leaf ${i}`))))
        .root(),
    ).toEqual(log.root());
  });
});

describe('buildBlock', () => {
  it('includes what applies, refuses the rest with its code, and links to the tip', () => {
    expect(proposal.included).toHaveLength(3);
    expect(proposal.refused).toEqual([{ id: range[2]?.p.id, code: 'TX_SEQ_GAP' }]);
    expect(proposal.header.txCount).toBe(3);
    expect(proposal.header.logSize).toBe(3);
    expect(verifyBlockLink(proposal.header, tip.header, tip.hash)).toEqual({ ok: true });
    expect(state.get('seq/' + range[0]?.p.tx.body.sender)).toBeUndefined(); // state untouched
  });

  it('is deterministic', () => {
    const again = buildBlock(
      world.ledger,
      state,
      tip,
      range.map((t) => t.p),
      {
        network: world.genesis.network,
        timeMs: NOW,
        proposer: 'v0.sim.example/node',
      },
    );
    expect(canonicalJson(proposalFor(again, 0, 16))).toBe(canonicalJson(proposal));
  });
});

describe('checkProposal', () => {
  it('accepts the proposal it would have built, in any delivery order of the range', () => {
    const r = check(proposal, [...range].reverse());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.hash).toBe(blockHash(proposal.header));
  });

  it('round-trips through parseProposal, and refuses garbage with a code', () => {
    const parsed = parseProposal(canonicalJson(proposal));
    expect(parsed).toEqual({ ok: true, value: proposal });
    for (const bad of ['', 'null', '{"v":1}', canonicalJson({ ...proposal, toRev: -1 })]) {
      expect(parseProposal(bad)).toMatchObject({ ok: false, code: 'PROPOSAL_MALFORMED' });
    }
    const h = { ...proposal.header, extra: 1 };
    expect(parseProposal(canonicalJson({ ...proposal, header: h }))).toMatchObject({
      ok: false,
      code: 'PROPOSAL_MALFORMED',
    });
  });

  it('PROPOSAL_PREV_MISMATCH: wrong height or previous hash', () => {
    expect(check({ ...proposal, height: 2 })).toMatchObject({ code: 'PROPOSAL_PREV_MISMATCH' });
    expect(check({ ...proposal, prevHash: '0'.repeat(64) })).toMatchObject({
      code: 'PROPOSAL_PREV_MISMATCH',
    });
  });

  it('PROPOSAL_TIME_INVALID: before the previous block, or beyond our clock + drift', () => {
    const early = {
      ...proposal,
      timeMs: SIM_T0 - 1,
      header: { ...proposal.header, timeMs: SIM_T0 - 1 },
    };
    expect(check(early)).toMatchObject({ code: 'PROPOSAL_TIME_INVALID' });
    expect(check(proposal, range, { nowMs: NOW - 1001 })).toMatchObject({
      code: 'PROPOSAL_TIME_INVALID',
    });
    expect(check(proposal, range, { nowMs: NOW - 1000 }).ok).toBe(true);
    expect(check({ ...proposal, timeMs: NOW - 1 })).toMatchObject({
      code: 'PROPOSAL_TIME_INVALID',
    });
  });

  it('PROPOSAL_WRONG_PROPOSER: the proposer did not hold the lease', () => {
    expect(check(proposal, range, { expectedProposer: 'v1.sim.example/node' })).toMatchObject({
      code: 'PROPOSAL_WRONG_PROPOSER',
    });
  });

  it('PROPOSAL_RANGE_MISMATCH: wrong start, a tx left out, or one added', () => {
    expect(check({ ...proposal, fromRev: 1 })).toMatchObject({ code: 'PROPOSAL_RANGE_MISMATCH' });
    expect(check({ ...proposal, toRev: 14 })).toMatchObject({ code: 'PROPOSAL_RANGE_MISMATCH' });
    expect(check({ ...proposal, included: proposal.included.slice(1) })).toMatchObject({
      code: 'PROPOSAL_RANGE_MISMATCH',
    });
    const extra = { revision: 15, p: must(must(world.pool[1])[1]) };
    expect(check(proposal, [...range, extra])).toMatchObject({ code: 'PROPOSAL_RANGE_MISMATCH' });
  });

  it('PROPOSAL_REFUSALS_DIFFER: a refused tx listed as included, or another code', () => {
    const gap = must(proposal.refused[0]);
    expect(
      check({ ...proposal, included: [...proposal.included, gap.id], refused: [] }),
    ).toMatchObject({ code: 'PROPOSAL_REFUSALS_DIFFER' });
    expect(check({ ...proposal, refused: [{ id: gap.id, code: 'TX_REPLAYED' }] })).toMatchObject({
      code: 'PROPOSAL_REFUSALS_DIFFER',
    });
    expect(check({ ...proposal, included: [...proposal.included].reverse() })).toMatchObject({
      code: 'PROPOSAL_REFUSALS_DIFFER',
    });
  });

  it('PROPOSAL_HEADER_DIFFERS: a state root, log root or network that re-execution does not give', () => {
    for (const change of [
      { stateRoot: 'ab'.repeat(32) },
      { logRoot: 'ab'.repeat(32) },
      { txCount: 2 },
    ]) {
      expect(check({ ...proposal, header: { ...proposal.header, ...change } })).toMatchObject({
        code: 'PROPOSAL_HEADER_DIFFERS',
      });
    }
    expect(check({ ...proposal, header: { ...proposal.header, network: 'other' } })).toMatchObject({
      code: 'PROPOSAL_HEADER_DIFFERS',
    });
  });
});
