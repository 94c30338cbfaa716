// notary: prove that a document existed, unchanged, at a time — by its SHA-256 digest only.
// The document never reaches the ledger; a label is public, so the Portal warns against
// putting personal data in it.
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import { fail, OK } from '../../core/result.js';
import type { LedgerModule, TxType } from '../module.js';
import type { StateReader } from '../state.js';

export interface NotaryRecord {
  readonly digest: string;
  readonly txId: string;
  readonly height: number;
  readonly logIndex: number;
  readonly blockTimeMs: number;
  readonly claimedTimeMs: number;
  readonly sender: string;
  readonly label?: string;
  readonly geo?: Geo;
}

export const notaryKey = (digest: string) => `notary/${digest}`;

export function lookupNotarised(state: StateReader, digest: string): NotaryRecord | undefined {
  return state.get(notaryKey(digest)) as unknown as NotaryRecord | undefined;
}

const notarise: TxType<{ digest: string; label?: string }> = {
  type: 'notary.notarise',
  summary: { en: 'Notarise a document', cy: 'Notareiddio dogfen' },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['digest'],
    properties: {
      digest: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, hex' },
      label: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  // Anyone with a key may notarise: a citizen, a business, a member body.
  authorise: () => OK,
  apply(ctx, { digest, label }) {
    const existing = lookupNotarised(ctx.state, digest);
    if (existing) {
      return fail('NOTARY_ALREADY_NOTARISED', `notarised in transaction ${existing.txId}`);
    }
    const body = ctx.prepared.tx.body;
    const record: NotaryRecord = {
      digest,
      txId: ctx.prepared.id,
      height: ctx.block.height,
      logIndex: ctx.logIndex,
      blockTimeMs: ctx.block.timeMs,
      claimedTimeMs: body.timeMs,
      sender: body.sender,
      ...(label === undefined ? {} : { label }),
      ...(body.geo === undefined ? {} : { geo: body.geo }),
    };
    ctx.state.put(notaryKey(digest), record as unknown as Json);
    return OK;
  },
};

export const notaryModule: LedgerModule = {
  name: 'notary',
  txTypes: [notarise] as unknown as TxType<never>[],
};
