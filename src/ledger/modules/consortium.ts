// consortium: what the validators prove about each other (decision 0009). Equivocation — one
// validator cosigning two different checkpoints at one height — is self-proving: the two notes,
// each verified here against the validator's key in state, are the evidence. Recorded once per
// validator and height, for governance to act on (remove the validator, rotate its key).
import { fromBase64Url } from '../../core/bytes.js';
import { parseCheckpoint } from '../../core/checkpoint.js';
import type { Json } from '../../core/jcs.js';
import { cosignedText } from '../../core/note.js';
import { fail, OK } from '../../core/result.js';
import type { LedgerModule, TxType } from '../module.js';
import type { StateReader } from '../state.js';
import { getMember, getValidators } from './governance.js';

export interface EquivocationEvidence {
  readonly validator: string;
  readonly height: number;
  readonly noteA: string;
  readonly noteB: string;
  /** The member body that reported it, and when (block time). */
  readonly reportedBy: string;
  readonly txId: string;
  readonly recordedMs: number;
}

export const evidenceKey = (validator: string, height: number) =>
  `consortium-evidence/${validator}/${String(height).padStart(16, '0')}`;
export const EVIDENCE_PREFIX = 'consortium-evidence/';

export function getEvidence(
  state: StateReader,
  validator: string,
  height: number,
): EquivocationEvidence | undefined {
  return state.get(evidenceKey(validator, height)) as unknown as EquivocationEvidence | undefined;
}

const NOTE_MAX = 4000;

const equivocation: TxType<{ validator: string; noteA: string; noteB: string }> = {
  type: 'consortium.equivocation',
  summary: {
    en: 'Record that a validator cosigned two checkpoints at one height',
    cy: 'Cofnodi bod dilysydd wedi cydlofnodi dau bwynt gwirio ar yr un uchder',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['validator', 'noteA', 'noteB'],
    properties: {
      validator: { type: 'string', minLength: 1, maxLength: 100 },
      noteA: { type: 'string', minLength: 1, maxLength: NOTE_MAX },
      noteB: { type: 'string', minLength: 1, maxLength: NOTE_MAX },
    },
  },
  // Any member body may report it; the evidence proves itself, whoever brings it.
  authorise(ctx) {
    const sender = ctx.prepared.tx.body.sender;
    return getMember(ctx.state, sender)
      ? OK
      : fail('GOV_SENDER_NOT_MEMBER', 'only a member body may report equivocation');
  },
  apply(ctx, { validator, noteA, noteB }) {
    const v = getValidators(ctx.state).find((x) => x.name === validator);
    const bytes = v ? fromBase64Url(v.publicKey) : undefined;
    if (!v || !bytes) return fail('EVIDENCE_VALIDATOR_UNKNOWN', validator);
    const publicKey = { alg: 'Ed25519' as const, bytes };
    const a = cosignedText(noteA, validator, publicKey, ctx.verify);
    const b = cosignedText(noteB, validator, publicKey, ctx.verify);
    if (!a || !b) {
      return fail('EVIDENCE_INVALID', 'each note must carry a valid cosignature by the validator');
    }
    const ca = parseCheckpoint(a.text);
    const cb = parseCheckpoint(b.text);
    if (!ca.ok || !cb.ok) return fail('EVIDENCE_INVALID', 'each note must be a checkpoint');
    if (ca.value.origin !== cb.value.origin || ca.value.height !== cb.value.height) {
      return fail('EVIDENCE_INVALID', 'the checkpoints are not of one log at one height');
    }
    if (a.text === b.text) return fail('EVIDENCE_INVALID', 'the two checkpoints are the same');
    const height = ca.value.height;
    if (getEvidence(ctx.state, validator, height)) {
      return fail('EVIDENCE_KNOWN', `already recorded for ${validator} at ${height}`);
    }
    const record: EquivocationEvidence = {
      validator,
      height,
      noteA,
      noteB,
      reportedBy: ctx.prepared.tx.body.sender,
      txId: ctx.prepared.id,
      recordedMs: ctx.block.timeMs,
    };
    ctx.state.put(evidenceKey(validator, height), record as unknown as Json);
    return OK;
  },
};

export const consortiumModule: LedgerModule = {
  name: 'consortium',
  txTypes: [equivocation] as unknown as TxType<never>[],
};
