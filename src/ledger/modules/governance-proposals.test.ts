// Governance proposals (decision 0008): approvals gathered on the ledger one transaction each;
// the change applies in the approval that reaches the supermajority of the members at that
// block, through the change's own authorise and apply, or not at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import type { TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import { generateKeyPairSync, signSync, verifySync } from '../../node/crypto-node.js';
import { DEMO_VCT, GWENT_BODIES } from '../demo.js';
import { accountSeq, Ledger } from '../ledger.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import {
  currentApprovals,
  getMember,
  getProposal,
  governanceModule,
  memberDids,
  PROPOSAL_EXPIRY_MAX_MS,
  PROPOSAL_KEYS,
  proposalStatusAt,
  supermajority,
} from './governance.js';
import { identityModule, issuerAuthorisedNow } from './identity.js';
import { notaryModule } from './notary.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const DAY = 86_400_000;
const ledger = new Ledger([governanceModule, identityModule, notaryModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});

const { memberKps, bodies } = gwentTestMembers();
const body = (i: number) => bodies[i] as Signer;
const citizenKp = generateKeyPairSync('Ed25519');
const citizen: Signer = {
  did: didKeyFromPublicKey(citizenKp.publicKey),
  privateKey: citizenKp.privateKey,
};

const { freshState } = gwentTestGenesis(memberKps, NET, T0);

/** Block heights and times move on with every transaction sent. */
class Chain {
  readonly state = freshState();
  height = 0;
  timeMs = T0;

  /** Signs and executes one transaction in the next block, `dtMs` after the last. */
  send(
    type: string,
    sender: Signer,
    payload: { readonly [k: string]: Json },
    dtMs = 1000,
  ): { code: string; id: string } {
    this.height++;
    this.timeMs += dtMs;
    const txBody: TxBody = {
      v: 1,
      network: NET,
      type,
      sender: sender.did,
      seq: accountSeq(this.state, sender.did) + 1,
      timeMs: this.timeMs,
      payload,
    };
    const sig = toBase64Url(signSync(sender.privateKey, txSigningMessage(canonicalJson(txBody))));
    const p = prepareTx({
      body: txBody,
      signatures: [
        {
          signer: sender.did,
          ...(sender.keyId === undefined ? {} : { keyId: sender.keyId }),
          alg: sender.privateKey.alg,
          sig,
        },
      ],
    });
    if (!p.ok) throw new Error(p.code);
    const v = ledger.execute(
      this.state,
      { network: NET, height: this.height, timeMs: this.timeMs },
      p.value,
      0,
    );
    return { code: v.ok ? 'ok' : v.code, id: p.value.id };
  }

  propose(
    proposer: Signer,
    change: { type: string; payload: { readonly [k: string]: Json } },
    expiresInMs = 7 * DAY,
  ): { code: string; id: string } {
    return this.send('governance.propose', proposer, {
      change,
      expiresMs: this.timeMs + 1000 + expiresInMs,
    });
  }

  approve(by: Signer, proposal: string): string {
    return this.send('governance.approve', by, { proposal }).code;
  }

  dump(): string {
    return canonicalJson(Object.fromEntries(this.state.map));
  }
}

// South Wales Fire (body 7) does not issue blue badges in any genesis.
const FIRE = body(7).did;
const grantFire = {
  type: 'identity.authoriseIssuer',
  payload: { issuer: FIRE, vct: DEMO_VCT.blueBadge },
};
const NEEDED = supermajority(GWENT_BODIES.length); // 7 of 9

describe('governance.propose / approve', () => {
  it('applies the change at exactly the supermajority, counting the proposer', () => {
    const c = new Chain();
    const p = c.propose(body(0), grantFire);
    expect(p.code).toBe('ok');
    expect(getProposal(c.state, p.id)).toMatchObject({
      id: p.id,
      proposer: body(0).did,
      approvals: [body(0).did],
      status: 'pending',
    });
    expect(c.state.get(PROPOSAL_KEYS.open(p.id))).toBe(p.id);
    // Bodies 1..5: six approvals in all, one short.
    for (let i = 1; i < NEEDED - 1; i++) expect(c.approve(body(i), p.id)).toBe('ok');
    expect(getProposal(c.state, p.id)?.approvals).toHaveLength(NEEDED - 1);
    expect(getProposal(c.state, p.id)?.status).toBe('pending');
    expect(issuerAuthorisedNow(c.state, FIRE, DEMO_VCT.blueBadge)).toBe(false);
    // The seventh applies it, in the same transaction.
    const last = c.send('governance.approve', body(NEEDED - 1), { proposal: p.id });
    expect(last.code).toBe('ok');
    expect(issuerAuthorisedNow(c.state, FIRE, DEMO_VCT.blueBadge)).toBe(true);
    const done = getProposal(c.state, p.id);
    expect(done).toMatchObject({ status: 'applied', decidedMs: c.timeMs, decidedTx: last.id });
    expect(c.state.get(PROPOSAL_KEYS.open(p.id))).toBeUndefined();
    expect(c.state.get(PROPOSAL_KEYS.done(p.id))).toBe(p.id);
    // Decided: no more approvals.
    expect(c.approve(body(NEEDED), p.id)).toBe('GOV_PROPOSAL_NOT_PENDING');
  });

  it('changes a member’s names when applied', () => {
    const c = new Chain();
    const name = { en: 'Newport Council', cy: 'Cyngor Casnewydd' };
    const p = c.propose(body(1), {
      type: 'governance.updateMember',
      payload: { did: body(3).did, name },
    });
    for (let i = 2; i <= NEEDED; i++) expect(c.approve(body(i), p.id)).toBe('ok');
    expect(getMember(c.state, body(3).did)?.name).toEqual(name);
  });

  it('refuses a second approval by the same body, the proposer’s included', () => {
    const c = new Chain();
    const p = c.propose(body(0), grantFire);
    expect(c.approve(body(0), p.id)).toBe('GOV_ALREADY_APPROVED');
    expect(c.approve(body(1), p.id)).toBe('ok');
    expect(c.approve(body(1), p.id)).toBe('GOV_ALREADY_APPROVED');
    expect(getProposal(c.state, p.id)?.approvals).toEqual([body(0).did, body(1).did]);
  });

  it('refuses a sender that is not a member, to propose or to approve', () => {
    const c = new Chain();
    expect(c.propose(citizen, grantFire).code).toBe('GOV_SENDER_NOT_MEMBER');
    const p = c.propose(body(0), grantFire);
    expect(c.approve(citizen, p.id)).toBe('GOV_SENDER_NOT_MEMBER');
    expect(c.approve(body(1), '0'.repeat(64))).toBe('GOV_PROPOSAL_UNKNOWN');
  });

  it('refuses approvals once expired (block time), and reads as expired', () => {
    const c = new Chain();
    const p = c.propose(body(0), grantFire, DAY);
    const prop = getProposal(c.state, p.id);
    if (!prop) throw new Error('no proposal');
    expect(c.approve(body(1), p.id)).toBe('ok');
    expect(proposalStatusAt(prop, prop.expiresMs - 1)).toBe('pending');
    expect(proposalStatusAt(prop, prop.expiresMs)).toBe('expired');
    // The next block is past the expiry.
    expect(c.send('governance.approve', body(2), { proposal: p.id }, DAY).code).toBe(
      'GOV_PROPOSAL_EXPIRED',
    );
  });

  it('bounds the expiry: after now, at most 30 days on', () => {
    const c = new Chain();
    const ex = (expiresMs: number) =>
      c.send('governance.propose', body(0), { change: grantFire, expiresMs }).code;
    expect(ex(T0)).toBe('GOV_EXPIRY_PAST');
    expect(ex(c.timeMs + 1000 + PROPOSAL_EXPIRY_MAX_MS + 1)).toBe('GOV_EXPIRY_TOO_LONG');
    expect(ex(c.timeMs + 1000 + PROPOSAL_EXPIRY_MAX_MS)).toBe('ok');
  });

  it('refuses a change that is not proposable, or malformed, at the door', () => {
    const c = new Chain();
    const before = c.dump();
    const digest = 'a'.repeat(64);
    expect(c.propose(body(0), { type: 'notary.notarise', payload: { digest } }).code).toBe(
      'GOV_NOT_PROPOSABLE',
    );
    expect(c.propose(body(0), { type: 'governance.propose', payload: {} }).code).toBe(
      'GOV_NOT_PROPOSABLE',
    );
    expect(c.propose(body(0), { type: 'identity.nothing', payload: {} }).code).toBe(
      'GOV_NOT_PROPOSABLE',
    );
    expect(
      c.propose(body(0), {
        type: 'identity.authoriseIssuer',
        payload: { issuer: FIRE, vct: 'no scheme' },
      }).code,
    ).toBe('GOV_CHANGE_INVALID');
    expect(
      c.propose(body(0), {
        type: 'governance.updateMember',
        payload: { did: FIRE, extra: true },
      }).code,
    ).toBe('GOV_CHANGE_INVALID');
    expect(c.dump()).toBe(before);
  });

  it('refuses the approval that reaches quorum when the change fails, writing nothing', () => {
    const c = new Chain();
    // Two proposals of the same grant: the first applies, the second no longer can.
    const a = c.propose(body(0), grantFire);
    const b = c.propose(body(1), grantFire);
    for (let i = 1; i < NEEDED; i++) expect(c.approve(body(i), a.id)).toBe('ok');
    expect(issuerAuthorisedNow(c.state, FIRE, DEMO_VCT.blueBadge)).toBe(true);
    for (let i = 2; i < NEEDED; i++) expect(c.approve(body(i), b.id)).toBe('ok');
    const before = c.dump();
    const seq = accountSeq(c.state, body(NEEDED).did);
    expect(c.approve(body(NEEDED), b.id)).toBe('ID_ISSUER_ALREADY_AUTHORISED');
    expect(c.dump()).toBe(before);
    expect(accountSeq(c.state, body(NEEDED).did)).toBe(seq);
    expect(getProposal(c.state, b.id)?.approvals).toHaveLength(NEEDED - 1);
    // The proposer can withdraw it.
    expect(c.send('governance.withdrawProposal', body(1), { proposal: b.id }).code).toBe('ok');
  });

  it('counts the members at the approving block, not at proposal', () => {
    const c = new Chain();
    const p = c.propose(body(0), grantFire);
    for (let i = 1; i < NEEDED - 1; i++) expect(c.approve(body(i), p.id)).toBe('ok'); // 0..5
    // Body 5, which approved, leaves: 8 members, 6 needed, 5 current approvals.
    const leave = c.propose(body(0), {
      type: 'governance.removeMember',
      payload: { did: body(5).did },
    });
    for (let i = 1; i < NEEDED; i++) expect(c.approve(body(i), leave.id)).toBe('ok');
    expect(memberDids(c.state)).not.toContain(body(5).did);
    const prop = getProposal(c.state, p.id);
    if (!prop) throw new Error('no proposal');
    expect(currentApprovals(c.state, prop)).toHaveLength(NEEDED - 2);
    expect(prop.status).toBe('pending');
    // A body that left has no registered key: its approval cannot even be verified.
    expect(c.approve(body(5), p.id)).toBe('TX_SIGNER_UNKNOWN');
    // One more current member: 6 of 8, the supermajority now.
    expect(supermajority(8)).toBe(NEEDED - 1);
    expect(c.approve(body(6), p.id)).toBe('ok');
    expect(getProposal(c.state, p.id)?.status).toBe('applied');
    expect(issuerAuthorisedNow(c.state, FIRE, DEMO_VCT.blueBadge)).toBe(true);
  });

  it('a repeat approval applies a proposal that members leaving brought to quorum', () => {
    const c = new Chain();
    const p = c.propose(body(0), grantFire);
    for (let i = 1; i < NEEDED - 1; i++) expect(c.approve(body(i), p.id)).toBe('ok'); // 0..5
    // Body 8 leaves: 8 members, 6 needed, and the six approvals there already suffice.
    const leave = c.propose(body(0), {
      type: 'governance.removeMember',
      payload: { did: body(8).did },
    });
    for (let i = 1; i < NEEDED; i++) expect(c.approve(body(i), leave.id)).toBe('ok');
    expect(memberDids(c.state)).not.toContain(body(8).did);
    expect(getProposal(c.state, p.id)?.status).toBe('pending');
    expect(c.approve(body(1), p.id)).toBe('ok');
    expect(getProposal(c.state, p.id)?.status).toBe('applied');
    expect(issuerAuthorisedNow(c.state, FIRE, DEMO_VCT.blueBadge)).toBe(true);
  });

  it('applies exactly when distinct members’ approvals reach the supermajority, in any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bodies.length - 1 }),
        fc.shuffledSubarray(
          bodies.map((_, i) => i),
          { minLength: bodies.length, maxLength: bodies.length },
        ),
        (proposer, order) => {
          const c = new Chain();
          const p = c.propose(body(proposer), grantFire);
          let count = 1;
          for (const i of order) {
            if (i === proposer) continue;
            const code = c.approve(body(i), p.id);
            if (count >= NEEDED) {
              expect(code).toBe('GOV_PROPOSAL_NOT_PENDING');
              continue;
            }
            expect(code).toBe('ok');
            count++;
            expect(getProposal(c.state, p.id)?.status).toBe(
              count >= NEEDED ? 'applied' : 'pending',
            );
            expect(issuerAuthorisedNow(c.state, FIRE, DEMO_VCT.blueBadge)).toBe(count >= NEEDED);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('governance.withdrawProposal', () => {
  it('only the proposer, only while pending; a withdrawn proposal cannot be approved', () => {
    const c = new Chain();
    const p = c.propose(body(2), grantFire);
    const w = (by: Signer) => c.send('governance.withdrawProposal', by, { proposal: p.id }).code;
    expect(w(body(3))).toBe('GOV_NOT_PROPOSER');
    expect(w(citizen)).toBe('GOV_NOT_PROPOSER');
    expect(w(body(2))).toBe('ok');
    expect(getProposal(c.state, p.id)).toMatchObject({ status: 'withdrawn', decidedMs: c.timeMs });
    expect(c.state.get(PROPOSAL_KEYS.open(p.id))).toBeUndefined();
    expect(c.state.get(PROPOSAL_KEYS.done(p.id))).toBe(p.id);
    expect(c.approve(body(3), p.id)).toBe('GOV_PROPOSAL_NOT_PENDING');
    expect(w(body(2))).toBe('GOV_PROPOSAL_NOT_PENDING');
    expect(c.send('governance.withdrawProposal', body(2), { proposal: 'f'.repeat(64) }).code).toBe(
      'GOV_PROPOSAL_UNKNOWN',
    );
  });
});
