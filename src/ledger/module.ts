// The module interface (DESIGN.md): a module owns transaction types, each with a schema, an
// authorisation rule and a deterministic apply. No clocks, randomness or I/O in here.
import type { PublicKey } from '../core/crypto.js';
import type { Json } from '../core/jcs.js';
import type { Verdict } from '../core/result.js';
import type { PreparedTx } from '../core/tx.js';
import type { StateWriter } from './state.js';

export interface BlockContext {
  readonly network: string;
  readonly height: number;
  readonly timeMs: number;
}

export interface TxContext {
  readonly block: BlockContext;
  readonly prepared: PreparedTx;
  /** The log index this transaction will have if it applies. */
  readonly logIndex: number;
  /** DIDs whose signatures verified (the sender is always one of them). */
  readonly signers: ReadonlySet<string>;
  readonly state: StateWriter;
  /** The ledger's transaction types, for a transaction that carries another (a proposal). */
  readonly registry: TxRegistry;
  /** Synchronous Ed25519/ES256 verification, for payloads that carry signed evidence. */
  readonly verify: (publicKey: PublicKey, message: Uint8Array, signature: Uint8Array) => boolean;
}

/** A transaction type as the ledger holds it: its spec and its compiled payload schema. */
export interface RegisteredTxType {
  readonly spec: TxType<never>;
  /** Checks a payload against the type's schema (TX_PAYLOAD_INVALID with where, if not). */
  validate(payload: Json): Verdict;
}

export interface TxRegistry {
  get(type: string): RegisteredTxType | undefined;
}

/** A JSON Schema (draft 2020-12 subset) — the one that validates and that OpenAPI shows. */
export type JsonSchema = { readonly [key: string]: Json };

export interface TxType<P = Record<string, Json>> {
  readonly type: string;
  readonly summary: { readonly en: string; readonly cy: string };
  readonly payloadSchema: JsonSchema;
  /**
   * May be proposed with governance.propose and applied once enough members approved
   * (decision 0008). Only quorum-governed types are: their `authorise` is `memberQuorum`.
   */
  readonly proposable?: boolean;
  /** Who may send it. */
  authorise(ctx: TxContext, payload: P): Verdict;
  /** Reads and writes state; a failed verdict discards every write of this transaction. */
  apply(ctx: TxContext, payload: P): Verdict;
}

export interface LedgerModule {
  readonly name: string;
  readonly txTypes: readonly TxType<never>[];
}

/** Looks up a member body's registered key (did:web signers) in state. */
export type StateKeyResolver = (
  state: StateWriter,
  signer: string,
  keyId: string | undefined,
) => PublicKey | undefined;
