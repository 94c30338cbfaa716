// governance: the consortium itself — member bodies and validators. Any change needs signatures
// from more than 2/3 of the members: one transaction carrying all their signatures, or a
// proposal whose approvals are gathered on the ledger one transaction each (decision 0008).
import { fromBase64Url } from '../../core/bytes.js';
import type { PublicKey, SignatureAlg } from '../../core/crypto.js';
import { PUBLIC_KEY_LENGTH } from '../../core/crypto.js';
import type { Json } from '../../core/jcs.js';
import type { Verdict } from '../../core/result.js';
import { fail, OK } from '../../core/result.js';
import type { JsonSchema, LedgerModule, TxContext, TxType } from '../module.js';
import type { StateReader, StateWriter } from '../state.js';

export interface Bilingual {
  readonly en: string;
  readonly cy: string;
}

export interface MemberKey {
  readonly id: string;
  readonly alg: SignatureAlg;
  /** base64url of the raw public key. */
  readonly publicKey: string;
}

export const MEMBER_ROLES = [
  'council',
  'health',
  'police',
  'fire',
  'regulator',
  'issuer',
  'registrar',
] as const;

export interface Member {
  readonly did: string;
  readonly name: Bilingual;
  /** ONS area code where the body has one. */
  readonly area?: string;
  readonly roles: readonly string[];
  readonly keys: readonly MemberKey[];
}

export interface Validator {
  /** The note key name its checkpoint signatures carry. */
  readonly name: string;
  /** The member body that runs it. */
  readonly member: string;
  /** base64url of the Ed25519 public key. */
  readonly publicKey: string;
}

export interface LedgerParams {
  /** How far before block time a transaction's claimed time may be. */
  readonly txTimePastMs: number;
  /** How far after block time a transaction's claimed time may be. */
  readonly txTimeFutureMs: number;
  /** A state commitment every N blocks (decision 0009 "Snapshots"); absent: none. */
  readonly snapshotEvery?: number;
  /**
   * How many blocks ahead a validator change must be stated (effectiveHeight ≥ height + this).
   * Absent in every genesis so far: VALIDATOR_CHANGE_MIN_LEAD.
   */
  readonly validatorChangeLeadBlocks?: number;
}

export const defaultLedgerParams: LedgerParams = {
  txTimePastMs: 10 * 60_000,
  txTimeFutureMs: 2 * 60_000,
};

export const KEYS = {
  member: (did: string) => `gov/member/${did}`,
  members: 'gov/members',
  validators: 'gov/validators',
  /** Validator changes stated for a later height and not yet folded into `validators`. */
  validatorChanges: 'gov/validator-changes',
  params: 'gov/params',
  network: 'gov/network',
} as const;

const bilingualSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['en', 'cy'],
  properties: {
    en: { type: 'string', minLength: 1, maxLength: 200 },
    cy: { type: 'string', minLength: 1, maxLength: 200 },
  },
};

const memberKeySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'alg', 'publicKey'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
    alg: { enum: ['Ed25519', 'ES256'] },
    publicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43,44}$' },
  },
};

const didWebSchema: JsonSchema = {
  type: 'string',
  pattern: '^did:web:[A-Za-z0-9._%:-]+$',
  maxLength: 256,
};

export const memberSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['did', 'name', 'roles', 'keys'],
  properties: {
    did: didWebSchema,
    name: bilingualSchema,
    area: { type: 'string', pattern: '^[EWSNKLMJ][0-9]{8}$' },
    roles: { type: 'array', uniqueItems: true, maxItems: 8, items: { enum: [...MEMBER_ROLES] } },
    keys: { type: 'array', minItems: 1, maxItems: 8, items: memberKeySchema },
  },
};

export const validatorSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'member', 'publicKey'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,100}$' },
    member: didWebSchema,
    publicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
  },
};

// ---- reading governance state (used by other modules and the node) ----

export function getMember(state: StateReader, did: string): Member | undefined {
  return state.get(KEYS.member(did)) as unknown as Member | undefined;
}

export function memberDids(state: StateReader): readonly string[] {
  return (state.get(KEYS.members) as string[] | undefined) ?? [];
}

export function getValidators(state: StateReader): readonly Validator[] {
  return (state.get(KEYS.validators) as unknown as Validator[] | undefined) ?? [];
}

export function getParams(state: StateReader): LedgerParams {
  return (state.get(KEYS.params) as unknown as LedgerParams | undefined) ?? defaultLedgerParams;
}

/**
 * The smallest lead a validator change may have. A change recorded in block b takes effect at
 * b + lead or later, so a validator whose state is at block t knows the set in force at every
 * height up to t + lead: at least the next block, which is what it needs to check a proposal
 * and count cosignatures before it executes anything.
 */
export const VALIDATOR_CHANGE_MIN_LEAD = 3;

export function validatorChangeLead(state: StateReader): number {
  const lead = getParams(state).validatorChangeLeadBlocks;
  return lead !== undefined && Number.isSafeInteger(lead) && lead >= VALIDATOR_CHANGE_MIN_LEAD
    ? lead
    : VALIDATOR_CHANGE_MIN_LEAD;
}

/** A validator change stated for a later height (decision 0009, "Membership"). */
export type ValidatorChange =
  | {
      readonly kind: 'add';
      readonly effectiveHeight: number;
      readonly tx: string;
      readonly validator: Validator;
    }
  | {
      readonly kind: 'remove';
      readonly effectiveHeight: number;
      readonly tx: string;
      readonly name: string;
    }
  | {
      readonly kind: 'rotate';
      readonly effectiveHeight: number;
      readonly tx: string;
      readonly name: string;
      readonly publicKey: string;
    };

/** The stated changes not yet folded into the stored set, in the order they take effect. */
export function pendingValidatorChanges(state: StateReader): readonly ValidatorChange[] {
  return (state.get(KEYS.validatorChanges) as unknown as ValidatorChange[] | undefined) ?? [];
}

/** One change on a set: the new set, or why it does not apply. */
export function applyValidatorChange(
  set: readonly Validator[],
  c: ValidatorChange,
): Validator[] | Refusal {
  switch (c.kind) {
    case 'add':
      if (set.some((v) => v.name === c.validator.name)) {
        return fail('GOV_VALIDATOR_EXISTS', c.validator.name);
      }
      if (set.some((v) => v.publicKey === c.validator.publicKey)) {
        return fail('GOV_VALIDATOR_KEY_IN_USE', c.validator.name);
      }
      return [...set, c.validator];
    case 'remove':
      if (!set.some((v) => v.name === c.name)) return fail('GOV_VALIDATOR_UNKNOWN', c.name);
      if (set.length === 1) return fail('GOV_LAST_VALIDATOR', 'the last validator cannot leave');
      return set.filter((v) => v.name !== c.name);
    case 'rotate':
      if (!set.some((v) => v.name === c.name)) return fail('GOV_VALIDATOR_UNKNOWN', c.name);
      if (set.some((v) => v.publicKey === c.publicKey)) {
        return fail('GOV_VALIDATOR_KEY_IN_USE', c.name);
      }
      return set.map((v) => (v.name === c.name ? { ...v, publicKey: c.publicKey } : v));
  }
}

type Refusal = Extract<Verdict, { ok: false }>;
const isSet = (x: Validator[] | Refusal): x is Validator[] => Array.isArray(x);

/**
 * The validator set in force at `height`: the stored set with every stated change whose
 * effectiveHeight ≤ height applied, in order. Pure. Exact for every height at or above the
 * block that produced `state` (folding only ever moves changes already in force into the stored
 * set); consumers that need older heights keep the sets as they go (the consensus core does).
 */
export function validatorsAt(state: StateReader, height: number): readonly Validator[] {
  let set: readonly Validator[] = getValidators(state);
  for (const c of pendingValidatorChanges(state)) {
    if (c.effectiveHeight > height) break;
    const next = applyValidatorChange(set, c);
    // Every change was checked against the whole schedule when recorded: this cannot fail.
    if (isSet(next)) set = next;
  }
  return set;
}

/** The sets in force from the current height on: now, and after each stated change. */
function setsFromNow(state: StateReader, height: number): (readonly Validator[])[] {
  const sets = [validatorsAt(state, height)];
  for (const c of pendingValidatorChanges(state)) {
    if (c.effectiveHeight > height) sets.push(validatorsAt(state, c.effectiveHeight));
  }
  return sets;
}

/**
 * Records a change stated for `c.effectiveHeight`: it must be at least the lead ahead, and the
 * whole schedule with it must apply in order (no empty set, no unknown name, no key twice).
 * Changes already in force are folded into the stored set first, so the list stays short.
 */
function scheduleValidatorChange(ctx: TxContext, c: ValidatorChange): Verdict {
  const height = ctx.block.height;
  const lead = validatorChangeLead(ctx.state);
  if (c.effectiveHeight < height + lead) {
    return fail(
      'GOV_EFFECTIVE_HEIGHT_TOO_SOON',
      `effectiveHeight ${c.effectiveHeight} is before ${height + lead} (height ${height} + ${lead})`,
    );
  }
  const inForce = validatorsAt(ctx.state, height);
  const later = pendingValidatorChanges(ctx.state).filter((x) => x.effectiveHeight > height);
  // Stable: a change stated later takes effect after those stated for the same height before it.
  const at = later.findIndex((x) => x.effectiveHeight > c.effectiveHeight);
  const schedule = at < 0 ? [...later, c] : [...later.slice(0, at), c, ...later.slice(at)];
  let set: readonly Validator[] = inForce;
  for (const x of schedule) {
    const next = applyValidatorChange(set, x);
    if (!isSet(next)) {
      return x === c
        ? next
        : fail(
            next.code,
            `conflicts with the change stated for ${x.effectiveHeight}: ${next.detail ?? ''}`,
          );
    }
    set = next;
  }
  ctx.state.put(KEYS.validators, inForce as unknown as Json);
  ctx.state.put(KEYS.validatorChanges, schedule as unknown as Json);
  return OK;
}

export function decodeKey(alg: SignatureAlg, b64url: string): PublicKey | undefined {
  const bytes = fromBase64Url(b64url);
  return bytes && bytes.length === PUBLIC_KEY_LENGTH[alg] ? { alg, bytes } : undefined;
}

/** A member's registered key, for verifying a did:web signature. */
export function memberKey(
  state: StateReader,
  did: string,
  keyId: string | undefined,
): PublicKey | undefined {
  const m = getMember(state, did);
  if (!m) return undefined;
  const k = keyId === undefined ? m.keys[0] : m.keys.find((x) => x.id === keyId);
  return k ? decodeKey(k.alg, k.publicKey) : undefined;
}

/** Smallest count strictly greater than 2/3 of n. */
export function supermajority(n: number): number {
  return Math.floor((2 * n) / 3) + 1;
}

// ---- authorisation ----

/** A member proposed it and more than 2/3 of the members signed (identity reuses it). */
export function memberQuorum(ctx: TxContext): Verdict {
  const members = memberDids(ctx.state);
  if (!members.includes(ctx.prepared.tx.body.sender)) {
    return fail('GOV_SENDER_NOT_MEMBER', 'only a member body may propose a change');
  }
  let signed = 0;
  for (const did of members) if (ctx.signers.has(did)) signed++;
  const needed = supermajority(members.length);
  if (signed < needed) {
    return fail('GOV_NO_QUORUM', `${signed} of ${members.length} members signed; ${needed} needed`);
  }
  return OK;
}

function putMember(state: StateWriter, m: Member): void {
  state.put(KEYS.member(m.did), m as unknown as Json);
}

function validMember(m: Member): Verdict {
  for (const k of m.keys) {
    if (!decodeKey(k.alg, k.publicKey)) return fail('GOV_BAD_KEY', `key ${k.id} is malformed`);
  }
  if (new Set(m.keys.map((k) => k.id)).size !== m.keys.length) {
    return fail('GOV_BAD_KEY', 'key ids must be unique');
  }
  return OK;
}

function validValidatorKey(v: Validator): Verdict {
  return decodeKey('Ed25519', v.publicKey) ? OK : fail('GOV_BAD_KEY', 'validator key malformed');
}

// ---- transaction types ----

const addMember: TxType<{ member: Member }> = {
  type: 'governance.addMember',
  summary: { en: 'Add a member body', cy: 'Ychwanegu corff sy’n aelod' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['member'],
    properties: { member: memberSchema },
  },
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, { member }) {
    if (getMember(ctx.state, member.did)) return fail('GOV_MEMBER_EXISTS', member.did);
    const v = validMember(member);
    if (!v.ok) return v;
    putMember(ctx.state, member);
    ctx.state.put(KEYS.members, [...memberDids(ctx.state), member.did].sort());
    return OK;
  },
};

const updateMember: TxType<{
  did: string;
  name?: Bilingual;
  area?: string;
  roles?: string[];
  keys?: MemberKey[];
}> = {
  type: 'governance.updateMember',
  summary: {
    en: 'Change a member body’s names, roles or keys',
    cy: 'Newid enwau, rolau neu allweddi corff sy’n aelod',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['did'],
    minProperties: 2,
    properties: {
      did: didWebSchema,
      name: bilingualSchema,
      area: (memberSchema.properties as Record<string, Json>).area as Json,
      roles: (memberSchema.properties as Record<string, Json>).roles as Json,
      keys: (memberSchema.properties as Record<string, Json>).keys as Json,
    },
  },
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, p) {
    const m = getMember(ctx.state, p.did);
    if (!m) return fail('GOV_MEMBER_UNKNOWN', p.did);
    const next: Member = {
      ...m,
      ...(p.name ? { name: p.name } : {}),
      ...(p.area ? { area: p.area } : {}),
      ...(p.roles ? { roles: p.roles } : {}),
      ...(p.keys ? { keys: p.keys } : {}),
    };
    const v = validMember(next);
    if (!v.ok) return v;
    putMember(ctx.state, next);
    return OK;
  },
};

const removeMember: TxType<{ did: string }> = {
  type: 'governance.removeMember',
  summary: { en: 'Remove a member body', cy: 'Tynnu corff sy’n aelod' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['did'],
    properties: { did: didWebSchema },
  },
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, { did }) {
    const members = memberDids(ctx.state);
    if (!members.includes(did)) return fail('GOV_MEMBER_UNKNOWN', did);
    if (members.length === 1) return fail('GOV_LAST_MEMBER', 'the last member cannot leave');
    // Now or at any stated later height.
    if (setsFromNow(ctx.state, ctx.block.height).some((s) => s.some((v) => v.member === did))) {
      return fail('GOV_MEMBER_RUNS_VALIDATOR', 'remove its validators first');
    }
    ctx.state.delete(KEYS.member(did));
    ctx.state.put(
      KEYS.members,
      members.filter((d) => d !== did),
    );
    return OK;
  },
};

const effectiveHeightSchema: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: Number.MAX_SAFE_INTEGER,
};

/**
 * The height a change states, or — absent (transactions written before heights were stated,
 * and a proposal that leaves it to the block that approves it) — the earliest allowed.
 */
function effectiveHeightOf(ctx: TxContext, stated: number | undefined): number {
  return stated ?? ctx.block.height + validatorChangeLead(ctx.state);
}

const addValidator: TxType<{ validator: Validator; effectiveHeight?: number }> = {
  type: 'governance.addValidator',
  summary: { en: 'Add a validator node', cy: 'Ychwanegu nod dilysu' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['validator'],
    properties: { validator: validatorSchema, effectiveHeight: effectiveHeightSchema },
  },
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, { validator, effectiveHeight }) {
    if (!getMember(ctx.state, validator.member)) {
      return fail('GOV_MEMBER_UNKNOWN', validator.member);
    }
    const k = validValidatorKey(validator);
    if (!k.ok) return k;
    return scheduleValidatorChange(ctx, {
      kind: 'add',
      effectiveHeight: effectiveHeightOf(ctx, effectiveHeight),
      tx: ctx.prepared.id,
      validator,
    });
  },
};

const removeValidator: TxType<{ name: string; effectiveHeight?: number }> = {
  type: 'governance.removeValidator',
  summary: { en: 'Remove a validator node', cy: 'Tynnu nod dilysu' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: (validatorSchema.properties as Record<string, Json>).name as Json,
      effectiveHeight: effectiveHeightSchema,
    },
  },
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, { name, effectiveHeight }) {
    return scheduleValidatorChange(ctx, {
      kind: 'remove',
      effectiveHeight: effectiveHeightOf(ctx, effectiveHeight),
      tx: ctx.prepared.id,
      name,
    });
  },
};

const rotateValidatorKey: TxType<{ name: string; publicKey: string; effectiveHeight?: number }> = {
  type: 'governance.rotateValidatorKey',
  summary: { en: 'Rotate a validator’s key', cy: 'Newid allwedd nod dilysu' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'publicKey'],
    properties: {
      name: (validatorSchema.properties as Record<string, Json>).name as Json,
      publicKey: (validatorSchema.properties as Record<string, Json>).publicKey as Json,
      effectiveHeight: effectiveHeightSchema,
    },
  },
  proposable: true,
  authorise: memberQuorum,
  apply(ctx, { name, publicKey, effectiveHeight }) {
    if (!decodeKey('Ed25519', publicKey)) return fail('GOV_BAD_KEY', 'validator key malformed');
    return scheduleValidatorChange(ctx, {
      kind: 'rotate',
      effectiveHeight: effectiveHeightOf(ctx, effectiveHeight),
      tx: ctx.prepared.id,
      name,
      publicKey,
    });
  },
};

// ---- proposals (decision 0008) ----

/** A proposal may run for at most 30 days after the block that records it. */
export const PROPOSAL_EXPIRY_MAX_MS = 30 * 24 * 60 * 60_000;

export interface ProposedChange {
  readonly type: string;
  readonly payload: { readonly [key: string]: Json };
}

export type ProposalState = 'pending' | 'applied' | 'withdrawn';

export interface Proposal {
  /** The id of the governance.propose transaction. */
  readonly id: string;
  readonly change: ProposedChange;
  readonly proposer: string;
  readonly proposedMs: number;
  readonly expiresMs: number;
  /** Member DIDs in the order they approved; the proposer first. */
  readonly approvals: readonly string[];
  readonly status: ProposalState;
  readonly decidedMs?: number;
  /** The transaction that applied or withdrew it. */
  readonly decidedTx?: string;
}

export const PROPOSAL_KEYS = {
  proposal: (id: string) => `proposal/${id}`,
  /** Index of the pending ones (range-read by the node). */
  open: (id: string) => `proposal-open/${id}`,
  /** Index of the decided ones (applied or withdrawn). */
  done: (id: string) => `proposal-done/${id}`,
  openPrefix: 'proposal-open/',
  donePrefix: 'proposal-done/',
} as const;

export function getProposal(state: StateReader, id: string): Proposal | undefined {
  return state.get(PROPOSAL_KEYS.proposal(id)) as unknown as Proposal | undefined;
}

/** Its status at `nowMs`: a pending proposal past its expiry is expired (nothing runs). */
export function proposalStatusAt(p: Proposal, nowMs: number): ProposalState | 'expired' {
  return p.status === 'pending' && nowMs >= p.expiresMs ? 'expired' : p.status;
}

/** The approvals that count now: those of bodies that are members now. */
export function currentApprovals(state: StateReader, p: Proposal): string[] {
  const members = new Set(memberDids(state));
  return p.approvals.filter((d) => members.has(d));
}

/** Do the current members' approvals reach the supermajority of the members now? */
export function hasQuorum(state: StateReader, p: Proposal): boolean {
  return currentApprovals(state, p).length >= supermajority(memberDids(state).length);
}

const ID_RE = '^[0-9a-f]{64}$';

function putProposal(state: StateWriter, p: Proposal): void {
  state.put(PROPOSAL_KEYS.proposal(p.id), p as unknown as Json);
  if (p.status === 'pending') {
    state.put(PROPOSAL_KEYS.open(p.id), p.id);
  } else {
    state.delete(PROPOSAL_KEYS.open(p.id));
    state.put(PROPOSAL_KEYS.done(p.id), p.id);
  }
}

function senderIsMember(ctx: TxContext): Verdict {
  return memberDids(ctx.state).includes(ctx.prepared.tx.body.sender)
    ? OK
    : fail('GOV_SENDER_NOT_MEMBER', 'only a member body may propose or approve a change');
}

/** The proposal named by a payload, if it is pending and not expired at block time. */
function pendingProposal(ctx: TxContext, id: string): Proposal | Verdict {
  const p = getProposal(ctx.state, id);
  if (!p) return fail('GOV_PROPOSAL_UNKNOWN', id);
  if (p.status !== 'pending') return fail('GOV_PROPOSAL_NOT_PENDING', `it is ${p.status}`);
  if (ctx.block.timeMs >= p.expiresMs) return fail('GOV_PROPOSAL_EXPIRED', id);
  return p;
}

const isProposal = (x: Proposal | Verdict): x is Proposal => 'id' in x;

/**
 * Once the current members' approvals reach the supermajority, runs the change's own
 * `authorise` and `apply` with the approvers as its signers: the one rule (memberQuorum) decides
 * as for a multi-signed transaction. A refusal refuses this whole transaction; the ledger's
 * overlay then discards every write, the change's included.
 */
function applyIfQuorum(ctx: TxContext, p: Proposal): Verdict {
  if (!hasQuorum(ctx.state, p)) {
    putProposal(ctx.state, p);
    return OK;
  }
  const approvers = currentApprovals(ctx.state, p);
  const inner = ctx.registry.get(p.change.type);
  if (!inner?.spec.proposable) return fail('GOV_NOT_PROPOSABLE', p.change.type);
  const innerCtx: TxContext = { ...ctx, signers: new Set(approvers) };
  const payload = p.change.payload as never;
  const auth = inner.spec.authorise(innerCtx, payload);
  if (!auth.ok) return auth;
  const applied = inner.spec.apply(innerCtx, payload);
  if (!applied.ok) return applied;
  putProposal(ctx.state, {
    ...p,
    status: 'applied',
    decidedMs: ctx.block.timeMs,
    decidedTx: ctx.prepared.id,
  });
  return OK;
}

const proposalRefSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['proposal'],
  properties: { proposal: { type: 'string', pattern: ID_RE } },
};

const propose: TxType<{ change: ProposedChange; expiresMs: number }> = {
  type: 'governance.propose',
  summary: {
    en: 'Propose a change for the member bodies to approve',
    cy: 'Cynnig newid i’r cyrff sy’n aelodau ei gymeradwyo',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['change', 'expiresMs'],
    properties: {
      change: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'payload'],
        properties: {
          type: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*\\.[A-Za-z0-9]{1,64}$' },
          payload: { type: 'object' },
        },
      },
      expiresMs: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    },
  },
  authorise: senderIsMember,
  apply(ctx, { change, expiresMs }) {
    const inner = ctx.registry.get(change.type);
    if (!inner?.spec.proposable) return fail('GOV_NOT_PROPOSABLE', change.type);
    // A malformed change is refused at the door, not when the last approval arrives.
    const valid = inner.validate(change.payload);
    if (!valid.ok) return fail('GOV_CHANGE_INVALID', valid.detail);
    if (expiresMs <= ctx.block.timeMs) return fail('GOV_EXPIRY_PAST', 'expiry is not after now');
    if (expiresMs > ctx.block.timeMs + PROPOSAL_EXPIRY_MAX_MS) {
      return fail('GOV_EXPIRY_TOO_LONG', 'at most 30 days');
    }
    const proposer = ctx.prepared.tx.body.sender;
    return applyIfQuorum(ctx, {
      id: ctx.prepared.id,
      change,
      proposer,
      proposedMs: ctx.block.timeMs,
      expiresMs,
      approvals: [proposer],
      status: 'pending',
    });
  },
};

const approve: TxType<{ proposal: string }> = {
  type: 'governance.approve',
  summary: {
    en: 'Approve a proposed change',
    cy: 'Cymeradwyo newid a gynigiwyd',
  },
  payloadSchema: proposalRefSchema,
  authorise: senderIsMember,
  apply(ctx, { proposal }) {
    const p = pendingProposal(ctx, proposal);
    if (!isProposal(p)) return p;
    const sender = ctx.prepared.tx.body.sender;
    if (p.approvals.includes(sender)) {
      // Members left since, and the approvals there already suffice: this one applies it.
      if (!hasQuorum(ctx.state, p)) return fail('GOV_ALREADY_APPROVED', sender);
      return applyIfQuorum(ctx, p);
    }
    return applyIfQuorum(ctx, { ...p, approvals: [...p.approvals, sender] });
  },
};

const withdrawProposal: TxType<{ proposal: string }> = {
  type: 'governance.withdrawProposal',
  summary: {
    en: 'Withdraw a change you proposed',
    cy: 'Tynnu’n ôl newid a gynigiwyd gennych',
  },
  payloadSchema: proposalRefSchema,
  // Only the proposer, checked in apply once the proposal is known.
  authorise: () => OK,
  apply(ctx, { proposal }) {
    const p = getProposal(ctx.state, proposal);
    if (!p) return fail('GOV_PROPOSAL_UNKNOWN', proposal);
    if (p.proposer !== ctx.prepared.tx.body.sender) {
      return fail('GOV_NOT_PROPOSER', 'only the body that proposed it may withdraw it');
    }
    if (p.status !== 'pending') return fail('GOV_PROPOSAL_NOT_PENDING', `it is ${p.status}`);
    putProposal(ctx.state, {
      ...p,
      status: 'withdrawn',
      decidedMs: ctx.block.timeMs,
      decidedTx: ctx.prepared.id,
    });
    return OK;
  },
};

export const governanceModule: LedgerModule = {
  name: 'governance',
  txTypes: [
    addMember,
    updateMember,
    removeMember,
    addValidator,
    removeValidator,
    rotateValidatorKey,
    propose,
    approve,
    withdrawProposal,
  ] as unknown as TxType<never>[],
};
