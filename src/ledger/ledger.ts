// Deterministic execution: same blocks in, same state out, on every node. Signature checks use
// an injected synchronous verifier (a pure function of its inputs), so this stays I/O-free.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { PublicKey } from '../core/crypto.js';
import type { Json } from '../core/jcs.js';
import type { Verdict } from '../core/result.js';
import { fail, OK } from '../core/result.js';
import type { PreparedTx } from '../core/tx.js';
import { signatureBytes, txSigningMessage } from '../core/tx.js';
import type {
  BlockContext,
  LedgerModule,
  RegisteredTxType,
  TxContext,
  TxRegistry,
  TxType,
} from './module.js';
import { getParams, memberKey } from './modules/governance.js';
import type { StateReader, StateWriter } from './state.js';
import { StateOverlay } from './state.js';

export type SyncVerify = (
  publicKey: PublicKey,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean;

/** Turns a did:key DID into its key (core/did.ts); injected to keep this module's deps small. */
export type DidKeyResolver = (did: string) => PublicKey | undefined;

export interface LedgerDeps {
  readonly verify: SyncVerify;
  readonly didKey: DidKeyResolver;
}

export type ExecutionError =
  | 'TX_WRONG_NETWORK'
  | 'TX_UNKNOWN_TYPE'
  | 'TX_PAYLOAD_INVALID'
  | 'TX_TIME_OUT_OF_WINDOW'
  | 'TX_REPLAYED'
  | 'TX_SEQ_GAP'
  | 'TX_SIGNER_UNKNOWN'
  | 'TX_SIGNATURE_INVALID'
  | 'TX_SENDER_NOT_SIGNED';

export interface ExecuteOptions {
  /**
   * did:key signatures were already verified (the node's worker threads do it at ingest).
   * did:web signatures depend on state and are always verified here.
   */
  readonly didKeySignaturesVerified?: boolean;
  /**
   * The sequence number to expect instead of the one after the state's (the mempool's door:
   * the sender may have transactions accepted but not yet in a block).
   */
  readonly expectedSeq?: number;
}

export const seqKey = (did: string) => `seq/${did}`;

export function accountSeq(state: StateReader, did: string): number {
  return (state.get(seqKey(did)) as number | undefined) ?? 0;
}

function checkPayload(validate: ValidateFunction, payload: Json): Verdict<'TX_PAYLOAD_INVALID'> {
  if (validate(payload)) return OK;
  const e = validate.errors?.[0];
  return fail('TX_PAYLOAD_INVALID', e ? `payload${e.instancePath} ${e.message ?? ''}` : '');
}

export class Ledger {
  private readonly types = new Map<string, RegisteredTxType>();
  /** What a transaction sees of the types (a proposal validates and runs the one it carries). */
  private readonly registry: TxRegistry = { get: (type) => this.types.get(type) };

  constructor(
    readonly modules: readonly LedgerModule[],
    private readonly deps: LedgerDeps,
  ) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    for (const m of modules) {
      for (const spec of m.txTypes) {
        if (!spec.type.startsWith(`${m.name}.`)) {
          throw new TypeError(`${spec.type} does not belong to module ${m.name}`);
        }
        if (this.types.has(spec.type)) throw new TypeError(`duplicate tx type ${spec.type}`);
        const validate = ajv.compile(spec.payloadSchema);
        this.types.set(spec.type, { spec, validate: (payload) => checkPayload(validate, payload) });
      }
    }
  }

  txTypes(): TxType<never>[] {
    return [...this.types.values()].map((t) => t.spec);
  }

  /**
   * The checks that need only state, not execution: network, type, payload, time window,
   * sequence. The mempool runs them at the door so bad input is refused before it is accepted.
   */
  precheck(
    state: StateReader,
    block: BlockContext,
    p: PreparedTx,
    expectedSeq: number = accountSeq(state, p.tx.body.sender) + 1,
  ): Verdict<ExecutionError> {
    const body = p.tx.body;
    if (body.network !== block.network) return fail('TX_WRONG_NETWORK', 'another network');
    const t = this.types.get(body.type);
    if (!t) return fail('TX_UNKNOWN_TYPE', body.type);
    const valid = t.validate(body.payload);
    if (!valid.ok) return fail('TX_PAYLOAD_INVALID', valid.detail);
    const params = getParams(state);
    if (
      body.timeMs < block.timeMs - params.txTimePastMs ||
      body.timeMs > block.timeMs + params.txTimeFutureMs
    ) {
      return fail('TX_TIME_OUT_OF_WINDOW', 'claimed time too far from block time');
    }
    if (body.seq < expectedSeq) return fail('TX_REPLAYED', `seq ${body.seq} already used`);
    if (body.seq > expectedSeq) return fail('TX_SEQ_GAP', `expected seq ${expectedSeq}`);
    return OK;
  }

  /** Verifies every signature and returns the DIDs that signed. */
  checkSignatures(
    state: StateReader,
    p: PreparedTx,
    opts: ExecuteOptions,
  ): { ok: true; signers: Set<string> } | { ok: false; code: ExecutionError; detail?: string } {
    const signers = new Set<string>();
    let message: Uint8Array | undefined;
    for (const s of p.tx.signatures) {
      const isKey = s.signer.startsWith('did:key:');
      const pk = isKey ? this.deps.didKey(s.signer) : memberKey(state, s.signer, s.keyId);
      if (!pk || pk.alg !== s.alg) return fail('TX_SIGNER_UNKNOWN', 'no such key for signer');
      if (!(isKey && opts.didKeySignaturesVerified)) {
        const sig = signatureBytes(s);
        message ??= txSigningMessage(p.canonicalBody);
        if (!sig || !this.deps.verify(pk, message, sig)) {
          return fail('TX_SIGNATURE_INVALID', 'a signature does not verify');
        }
      }
      signers.add(s.signer);
    }
    if (!signers.has(p.tx.body.sender)) return fail('TX_SENDER_NOT_SIGNED', 'sender did not sign');
    return { ok: true, signers };
  }

  /**
   * Executes one transaction against `state`. On success its writes (and the sender's new
   * sequence number) are in `state`; on failure nothing is.
   */
  execute(
    state: StateWriter,
    block: BlockContext,
    p: PreparedTx,
    logIndex: number,
    opts: ExecuteOptions = {},
  ): Verdict {
    const pre = this.precheck(state, block, p, opts.expectedSeq);
    if (!pre.ok) return pre;
    const sigs = this.checkSignatures(state, p, opts);
    if (!sigs.ok) return sigs;
    const t = this.types.get(p.tx.body.type);
    if (!t) return fail('TX_UNKNOWN_TYPE', p.tx.body.type);
    const overlay = new StateOverlay(state);
    const ctx: TxContext = {
      block,
      prepared: p,
      logIndex,
      signers: sigs.signers,
      state: overlay,
      registry: this.registry,
      verify: this.deps.verify,
    };
    const payload = p.tx.body.payload as never;
    const auth = t.spec.authorise(ctx, payload);
    if (!auth.ok) return auth;
    const applied = t.spec.apply(ctx, payload);
    if (!applied.ok) return applied;
    overlay.put(seqKey(p.tx.body.sender), p.tx.body.seq as Json);
    overlay.commitInto(state);
    return OK;
  }
}
