// governance: the consortium itself — member bodies and validators. Any change needs signatures
// from more than 2/3 of the members (one transaction carrying all their signatures).
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
}

export const defaultLedgerParams: LedgerParams = {
  txTimePastMs: 10 * 60_000,
  txTimeFutureMs: 2 * 60_000,
};

export const KEYS = {
  member: (did: string) => `gov/member/${did}`,
  members: 'gov/members',
  validators: 'gov/validators',
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
  authorise: memberQuorum,
  apply(ctx, { did }) {
    const members = memberDids(ctx.state);
    if (!members.includes(did)) return fail('GOV_MEMBER_UNKNOWN', did);
    if (members.length === 1) return fail('GOV_LAST_MEMBER', 'the last member cannot leave');
    if (getValidators(ctx.state).some((v) => v.member === did)) {
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

const addValidator: TxType<{ validator: Validator }> = {
  type: 'governance.addValidator',
  summary: { en: 'Add a validator node', cy: 'Ychwanegu nod dilysu' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['validator'],
    properties: { validator: validatorSchema },
  },
  authorise: memberQuorum,
  apply(ctx, { validator }) {
    const vs = getValidators(ctx.state);
    if (vs.some((v) => v.name === validator.name || v.publicKey === validator.publicKey)) {
      return fail('GOV_VALIDATOR_EXISTS', validator.name);
    }
    if (!getMember(ctx.state, validator.member)) {
      return fail('GOV_MEMBER_UNKNOWN', validator.member);
    }
    const k = validValidatorKey(validator);
    if (!k.ok) return k;
    ctx.state.put(KEYS.validators, [...vs, validator] as unknown as Json);
    return OK;
  },
};

const removeValidator: TxType<{ name: string }> = {
  type: 'governance.removeValidator',
  summary: { en: 'Remove a validator node', cy: 'Tynnu nod dilysu' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: (validatorSchema.properties as Record<string, Json>).name as Json },
  },
  authorise: memberQuorum,
  apply(ctx, { name }) {
    const vs = getValidators(ctx.state);
    if (!vs.some((v) => v.name === name)) return fail('GOV_VALIDATOR_UNKNOWN', name);
    if (vs.length === 1) return fail('GOV_LAST_VALIDATOR', 'the last validator cannot leave');
    ctx.state.put(KEYS.validators, vs.filter((v) => v.name !== name) as unknown as Json);
    return OK;
  },
};

const rotateValidatorKey: TxType<{ name: string; publicKey: string }> = {
  type: 'governance.rotateValidatorKey',
  summary: { en: 'Rotate a validator’s key', cy: 'Newid allwedd nod dilysu' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'publicKey'],
    properties: {
      name: (validatorSchema.properties as Record<string, Json>).name as Json,
      publicKey: (validatorSchema.properties as Record<string, Json>).publicKey as Json,
    },
  },
  authorise: memberQuorum,
  apply(ctx, { name, publicKey }) {
    const vs = getValidators(ctx.state);
    const v = vs.find((x) => x.name === name);
    if (!v) return fail('GOV_VALIDATOR_UNKNOWN', name);
    const next = { ...v, publicKey };
    const k = validValidatorKey(next);
    if (!k.ok) return k;
    ctx.state.put(KEYS.validators, vs.map((x) => (x.name === name ? next : x)) as unknown as Json);
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
  ] as unknown as TxType<never>[],
};
