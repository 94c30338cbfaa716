// The genesis file: who the consortium is on day one. Its state is the ledger's first state.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { toHex, utf8 } from '../core/bytes.js';
import { sha256 } from '../core/hash.js';
import type { Json } from '../core/jcs.js';
import { canonicalJson } from '../core/jcs.js';
import type { Result } from '../core/result.js';
import { fail } from '../core/result.js';
import type { LedgerParams, Member, Validator } from './modules/governance.js';
import {
  decodeKey,
  defaultLedgerParams,
  KEYS,
  memberSchema,
  validatorSchema,
} from './modules/governance.js';
import type { BlockHeader } from '../core/block.js';
import { ZERO_HASH_HEX } from '../core/block.js';
import { emptyRoot } from '../core/merkle.js';
import type { StateDiff, StateWriter } from './state.js';
import { canonicalDiff, nextStateRoot, StateOverlay } from './state.js';
import type { IssuerGrant } from './modules/identity.js';
import { issuerGrantSchema, openIssuerPeriod } from './modules/identity.js';

export interface Genesis {
  readonly v: 1;
  readonly network: string;
  /** The checkpoint origin line (C2SP tlog-checkpoint): a schema-less URL naming the log. */
  readonly origin: string;
  readonly timeMs: number;
  readonly members: readonly Member[];
  readonly validators: readonly Validator[];
  readonly params: LedgerParams;
  /** Credential issuers authorised from the start (decision 0006); absent in older files. */
  readonly issuers?: readonly IssuerGrant[];
}

const genesisSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['v', 'network', 'origin', 'timeMs', 'members', 'validators', 'params'],
  properties: {
    v: { const: 1 },
    network: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
    origin: { type: 'string', pattern: '^[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+)*$', maxLength: 200 },
    timeMs: { type: 'integer', minimum: 0 },
    members: { type: 'array', minItems: 1, maxItems: 100, items: memberSchema },
    validators: { type: 'array', minItems: 1, maxItems: 100, items: validatorSchema },
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['txTimePastMs', 'txTimeFutureMs'],
      properties: {
        txTimePastMs: { type: 'integer', minimum: 0 },
        txTimeFutureMs: { type: 'integer', minimum: 0 },
        // Decision 0009 "Snapshots": a state commitment every N blocks; absent = none.
        snapshotEvery: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      },
    },
    issuers: { type: 'array', maxItems: 1000, items: issuerGrantSchema },
  },
} as const;

const validate = new Ajv2020({ strict: true }).compile(genesisSchema);

export function parseGenesis(x: unknown): Result<Genesis, 'GENESIS_INVALID'> {
  if (!validate(x)) {
    const e = validate.errors?.[0];
    return fail('GENESIS_INVALID', e ? `${e.instancePath} ${e.message ?? ''}` : 'invalid');
  }
  const g = x as unknown as Genesis;
  const dids = new Set(g.members.map((m) => m.did));
  if (dids.size !== g.members.length) return fail('GENESIS_INVALID', 'duplicate member');
  for (const m of g.members) {
    for (const k of m.keys) {
      if (!decodeKey(k.alg, k.publicKey)) return fail('GENESIS_INVALID', `bad key ${m.did}`);
    }
  }
  const names = new Set(g.validators.map((v) => v.name));
  if (names.size !== g.validators.length) return fail('GENESIS_INVALID', 'duplicate validator');
  for (const v of g.validators) {
    if (!dids.has(v.member)) return fail('GENESIS_INVALID', `validator of unknown ${v.member}`);
    if (!decodeKey('Ed25519', v.publicKey)) return fail('GENESIS_INVALID', `bad key ${v.name}`);
  }
  const grants = new Set<string>();
  for (const i of g.issuers ?? []) {
    if (!dids.has(i.issuer)) return fail('GENESIS_INVALID', `issuer ${i.issuer} is not a member`);
    const k = `${i.vct} ${i.issuer}`;
    if (grants.has(k)) return fail('GENESIS_INVALID', `issuer ${i.issuer} twice for ${i.vct}`);
    grants.add(k);
  }
  return { ok: true, value: g };
}

export function genesisHash(g: Genesis): string {
  return toHex(sha256(utf8(canonicalJson(g))));
}

/** Writes the genesis state. */
export function writeGenesisState(state: StateWriter, g: Genesis): void {
  for (const m of g.members) state.put(KEYS.member(m.did), m as unknown as Json);
  state.put(KEYS.members, g.members.map((m) => m.did).sort());
  state.put(KEYS.validators, g.validators as unknown as Json);
  state.put(KEYS.params, { ...defaultLedgerParams, ...g.params } as unknown as Json);
  state.put(KEYS.network, { network: g.network, origin: g.origin, genesis: genesisHash(g) });
  for (const i of g.issuers ?? []) openIssuerPeriod(state, i, g.timeMs, 0);
}

/**
 * Block 0: no transactions, an empty log, and the genesis state. The node writes it and the
 * audit recomputes it, from this one definition.
 */
export function genesisBlock(g: Genesis): {
  readonly header: BlockHeader;
  readonly diff: StateDiff;
  readonly texts: [string, string | null][];
} {
  const overlay = new StateOverlay({ get: () => undefined });
  writeGenesisState(overlay, g);
  const diff = overlay.diff();
  const texts = canonicalDiff(diff);
  const empty = toHex(emptyRoot());
  const header: BlockHeader = {
    v: 1,
    network: g.network,
    height: 0,
    prevHash: ZERO_HASH_HEX,
    timeMs: g.timeMs,
    txCount: 0,
    txRoot: empty,
    logSize: 0,
    logRoot: empty,
    stateRoot: nextStateRoot(ZERO_HASH_HEX, diff, texts),
    proposer: g.validators[0]?.name ?? '',
  };
  return { header, diff, texts };
}
