// Validator changes at a stated later height (decision 0009, "Membership"): each is recorded by
// a quorum-signed transaction (or an approved proposal) and takes effect at its effectiveHeight,
// never before; the set in force at a height is a pure function of state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.js';
import { publicKeyFromDidKey } from '../../core/did.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import { generateKeyPairSync, signSync, verifySync } from '../../node/crypto-node.js';
import { GWENT_BODIES } from '../demo.js';
import { accountSeq, Ledger } from '../ledger.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import type { Validator } from './governance.js';
import {
  getProposal,
  getValidators,
  governanceModule,
  pendingValidatorChanges,
  supermajority,
  VALIDATOR_CHANGE_MIN_LEAD,
  validatorsAt,
} from './governance.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const LEAD = VALIDATOR_CHANGE_MIN_LEAD;
const ledger = new Ledger([governanceModule], { verify: verifySync, didKey: publicKeyFromDidKey });
const { memberKps, bodies } = gwentTestMembers();
const body = (i: number) => bodies[i] as Signer;
const NEEDED = supermajority(GWENT_BODIES.length);
const QUORUM = bodies.slice(0, NEEDED);
const { genesis, freshState } = gwentTestGenesis(memberKps, NET, T0);
const V1 = genesis.validators[0] as Validator;

const newKey = () => toBase64Url(generateKeyPairSync('Ed25519').publicKey.bytes);
/** A type literal, not the interface: payloads must be Json. */
const validator = (
  name: string,
  member = body(1).did,
): { name: string; member: string; publicKey: string } => ({
  name,
  member,
  publicKey: newKey(),
});

/** One transaction per block; `signers` sign it, the first is the sender. */
class Chain {
  readonly state = freshState();
  height = 0;
  timeMs = T0;

  /** Moves on `n` empty blocks. */
  skip(n: number): void {
    this.height += n;
    this.timeMs += n * 1000;
  }

  send(type: string, payload: { readonly [k: string]: Json }, signers = QUORUM): string {
    this.height++;
    this.timeMs += 1000;
    const sender = signers[0] as Signer;
    const txBody: TxBody = {
      v: 1,
      network: NET,
      type,
      sender: sender.did,
      seq: accountSeq(this.state, sender.did) + 1,
      timeMs: this.timeMs,
      payload,
    };
    const msg = txSigningMessage(canonicalJson(txBody));
    const p = prepareTx({
      body: txBody,
      signatures: signers.map((s) => ({
        signer: s.did,
        keyId: s.keyId ?? 'key-1',
        alg: s.privateKey.alg,
        sig: toBase64Url(signSync(s.privateKey, msg)),
      })),
    });
    if (!p.ok) throw new Error(p.code);
    const v = ledger.execute(
      this.state,
      { network: NET, height: this.height, timeMs: this.timeMs },
      p.value,
      0,
    );
    return v.ok ? 'ok' : v.code;
  }

  /** The height the next transaction will be executed at. */
  get next(): number {
    return this.height + 1;
  }
}

const names = (vs: readonly Validator[]) => vs.map((v) => v.name).sort();

describe('validator changes at a stated height', () => {
  it('adds a validator at its effectiveHeight, not before, and refuses a too-short lead', () => {
    const c = new Chain();
    const v2 = validator('v2');
    const soon = c.next + LEAD - 1;
    expect(c.send('governance.addValidator', { validator: v2, effectiveHeight: soon })).toBe(
      'GOV_EFFECTIVE_HEIGHT_TOO_SOON',
    );
    const at = c.next + LEAD;
    expect(c.send('governance.addValidator', { validator: v2, effectiveHeight: at })).toBe('ok');
    expect(names(validatorsAt(c.state, at - 1))).toEqual(['v1']);
    expect(names(validatorsAt(c.state, at))).toEqual(['v1', 'v2']);
    // Computed on read: the stored set is unchanged until a later change folds it in.
    expect(names(getValidators(c.state))).toEqual(['v1']);
    expect(pendingValidatorChanges(c.state)).toHaveLength(1);
    // Only with the quorum of members.
    expect(
      c.send('governance.addValidator', { validator: validator('v3') }, bodies.slice(0, 2)),
    ).toBe('GOV_NO_QUORUM');
  });

  it('defaults an absent effectiveHeight to the earliest allowed (older transactions)', () => {
    const c = new Chain();
    const h = c.next;
    expect(c.send('governance.addValidator', { validator: validator('v2') })).toBe('ok');
    expect(pendingValidatorChanges(c.state)[0]?.effectiveHeight).toBe(h + LEAD);
  });

  it('folds changes in force into the stored set when the next change is recorded', () => {
    const c = new Chain();
    const v2 = validator('v2');
    expect(c.send('governance.addValidator', { validator: v2 })).toBe('ok');
    c.skip(5);
    expect(c.send('governance.removeValidator', { name: 'v1', effectiveHeight: c.next + 10 })).toBe(
      'ok',
    );
    expect(names(getValidators(c.state))).toEqual(['v1', 'v2']);
    expect(pendingValidatorChanges(c.state)).toHaveLength(1);
    expect(names(validatorsAt(c.state, c.height + 9))).toEqual(['v1', 'v2']);
    expect(names(validatorsAt(c.state, c.height + 10))).toEqual(['v2']);
  });

  it('never leaves a height without a validator, whatever order changes are stated in', () => {
    const c = new Chain();
    expect(c.send('governance.removeValidator', { name: 'v1' })).toBe('GOV_LAST_VALIDATOR');
    // v2 joins at +20; removing v1 at +10 would leave 10 heights with none.
    const base = c.next;
    expect(
      c.send('governance.addValidator', { validator: validator('v2'), effectiveHeight: base + 20 }),
    ).toBe('ok');
    expect(c.send('governance.removeValidator', { name: 'v1', effectiveHeight: base + 10 })).toBe(
      'GOV_LAST_VALIDATOR',
    );
    expect(c.send('governance.removeValidator', { name: 'v1', effectiveHeight: base + 20 })).toBe(
      'ok',
    );
    expect(names(validatorsAt(c.state, base + 19))).toEqual(['v1']);
    expect(names(validatorsAt(c.state, base + 20))).toEqual(['v2']);
    // A change that an earlier-stated one would contradict: rotating v1 after it left.
    expect(
      c.send('governance.rotateValidatorKey', {
        name: 'v1',
        publicKey: newKey(),
        effectiveHeight: base + 25,
      }),
    ).toBe('GOV_VALIDATOR_UNKNOWN');
    // Inserted before a stated change that it then breaks: removing v2 before v1 leaves.
    expect(c.send('governance.removeValidator', { name: 'v2', effectiveHeight: base + 15 })).toBe(
      'GOV_VALIDATOR_UNKNOWN',
    );
  });

  it('rotates a key at its height; a key in use is refused', () => {
    const c = new Chain();
    const k = newKey();
    const at = c.next + 5;
    expect(
      c.send('governance.rotateValidatorKey', { name: 'v1', publicKey: k, effectiveHeight: at }),
    ).toBe('ok');
    expect(validatorsAt(c.state, at - 1)[0]?.publicKey).toBe(V1.publicKey);
    expect(validatorsAt(c.state, at)[0]?.publicKey).toBe(k);
    const v2 = { ...validator('v2'), publicKey: k };
    expect(c.send('governance.addValidator', { validator: v2, effectiveHeight: at + 1 })).toBe(
      'GOV_VALIDATOR_KEY_IN_USE',
    );
    expect(c.send('governance.rotateValidatorKey', { name: 'v9', publicKey: newKey() })).toBe(
      'GOV_VALIDATOR_UNKNOWN',
    );
  });

  it('keeps a member that will run a validator from leaving', () => {
    const c = new Chain();
    const v2 = validator('v2', body(8).did);
    expect(c.send('governance.addValidator', { validator: v2, effectiveHeight: c.next + 50 })).toBe(
      'ok',
    );
    expect(c.send('governance.removeMember', { did: body(8).did })).toBe(
      'GOV_MEMBER_RUNS_VALIDATOR',
    );
  });

  it('applies through a proposal approved body by body, at the stated height', () => {
    const c = new Chain();
    const at = c.next + 40;
    const change = {
      type: 'governance.removeValidator',
      payload: { name: 'v1', effectiveHeight: at },
    };
    expect(c.send('governance.addValidator', { validator: validator('v2') })).toBe('ok');
    const proposeAt = c.height;
    const id = (() => {
      const r = c.send('governance.propose', { change, expiresMs: c.timeMs + 86_400_000 }, [
        body(0),
      ]);
      expect(r).toBe('ok');
      return Object.keys(Object.fromEntries(c.state.map)).find((k) =>
        k.startsWith('proposal-open/'),
      );
    })();
    const pid = (id ?? '').slice('proposal-open/'.length);
    for (let i = 1; i < NEEDED; i++) {
      expect(c.send('governance.approve', { proposal: pid }, [body(i)])).toBe('ok');
    }
    expect(getProposal(c.state, pid)?.status).toBe('applied');
    expect(c.height).toBeGreaterThan(proposeAt);
    expect(names(validatorsAt(c.state, at - 1))).toEqual(['v1', 'v2']);
    expect(names(validatorsAt(c.state, at))).toEqual(['v2']);
  });

  it('refuses a proposal whose stated height has come too close by the last approval', () => {
    const c = new Chain();
    const change = {
      type: 'governance.addValidator',
      payload: { validator: validator('v2'), effectiveHeight: c.next + LEAD + 2 },
    };
    expect(
      c.send('governance.propose', { change, expiresMs: c.timeMs + 86_400_000 }, [body(0)]),
    ).toBe('ok');
    const pid = (
      Object.keys(Object.fromEntries(c.state.map)).find((k) => k.startsWith('proposal-open/')) ?? ''
    ).slice('proposal-open/'.length);
    const codes: string[] = [];
    for (let i = 1; i < NEEDED; i++) {
      codes.push(c.send('governance.approve', { proposal: pid }, [body(i)]));
    }
    expect(codes.at(-1)).toBe('GOV_EFFECTIVE_HEIGHT_TOO_SOON');
    expect(names(validatorsAt(c.state, c.height + 100))).toEqual(['v1']);
  });
});

// ---- the property: a model of the schedule, independent of the module ----

type Op =
  | { kind: 'add'; slot: number; lead: number }
  | { kind: 'remove'; slot: number; lead: number }
  | { kind: 'rotate'; slot: number; lead: number }
  | { kind: 'skip'; n: number };

const SLOTS = ['v1', 'v2', 'v3', 'v4'];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('add' as const, 'remove' as const, 'rotate' as const),
    slot: fc.integer({ min: 0, max: SLOTS.length - 1 }),
    lead: fc.integer({ min: LEAD - 2, max: LEAD + 8 }),
  }),
  fc.record({ kind: fc.constant('skip' as const), n: fc.integer({ min: 1, max: 6 }) }),
);

interface ModelChange {
  at: number;
  kind: 'add' | 'remove' | 'rotate';
  name: string;
  key: string;
}

/** name → key at `h`: genesis, then every accepted change with at ≤ h, by (at, order). */
function modelAt(changes: readonly ModelChange[], h: number): Map<string, string> {
  const set = new Map([[V1.name, V1.publicKey]]);
  const due = changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.at <= h)
    .sort((a, b) => a.c.at - b.c.at || a.i - b.i);
  for (const { c } of due) {
    if (c.kind === 'remove') set.delete(c.name);
    else set.set(c.name, c.key);
  }
  return set;
}

describe('validatorsAt (property)', () => {
  it('applies exactly the changes due, never one before its height, never empty', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
        (ops, probes) => {
          const c = new Chain();
          const accepted: ModelChange[] = [];
          for (const op of ops) {
            if (op.kind === 'skip') {
              c.skip(op.n);
              continue;
            }
            const name = SLOTS[op.slot] as string;
            const at = c.next + op.lead;
            const key = newKey();
            const code =
              op.kind === 'add'
                ? c.send('governance.addValidator', {
                    validator: { name, member: body(1).did, publicKey: key },
                    effectiveHeight: at,
                  })
                : op.kind === 'remove'
                  ? c.send('governance.removeValidator', { name, effectiveHeight: at })
                  : c.send('governance.rotateValidatorKey', {
                      name,
                      publicKey: key,
                      effectiveHeight: at,
                    });
            if (op.lead < LEAD) expect(code).toBe('GOV_EFFECTIVE_HEIGHT_TOO_SOON');
            // The module refuses exactly the changes the model says break some later height.
            const trial = [...accepted, { at, kind: op.kind, name, key }];
            const heights = [c.height, ...trial.map((x) => x.at)].filter((x) => x >= c.height);
            const consistent = heights.every((h) => modelApplies(trial, h));
            expect(code === 'ok', `${op.kind} ${name} at ${at}: ${code}`).toBe(
              op.lead >= LEAD && consistent,
            );
            if (code === 'ok') accepted.push({ at, kind: op.kind, name, key });
          }
          for (const d of probes) {
            const h = c.height + d;
            const got = validatorsAt(c.state, h);
            expect(got.length).toBeGreaterThan(0);
            const want = modelAt(accepted, h);
            expect(new Map(got.map((v) => [v.name, v.publicKey]))).toEqual(want);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

/** Does every accepted change apply in turn (add: absent, remove/rotate: present, non-empty)? */
function modelApplies(changes: readonly ModelChange[], h: number): boolean {
  const set = new Map([[V1.name, V1.publicKey]]);
  const due = changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.at <= h)
    .sort((a, b) => a.c.at - b.c.at || a.i - b.i);
  for (const { c } of due) {
    if (c.kind === 'add') {
      if (set.has(c.name) || [...set.values()].includes(c.key)) return false;
      set.set(c.name, c.key);
    } else {
      if (!set.has(c.name)) return false;
      if (c.kind === 'remove') {
        if (set.size === 1) return false;
        set.delete(c.name);
      } else set.set(c.name, c.key);
    }
  }
  return true;
}
