// staff: what a member body's staff did that matters (issued, revoked, asked for a
// presentation, asked another body for data), recorded by the body itself. A staff member
// appears only as an opaque account id that the body can map back to a person — their name is
// personal data and stays off the ledger, like everyone else's.
import { fail, OK } from '../../core/result.js';
import type { LedgerModule, TxType } from '../module.js';
import { getMember } from './governance.js';

export const STAFF_ROLES = ['issuer', 'verifier', 'registrar', 'auditor', 'administrator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ACTIONS = [
  'signed-in',
  'offer-created',
  'credential-status-changed',
  'presentation-requested',
  'data-requested',
  'record-kept',
  'document-notarised',
  'governance-signed',
  'governance-proposed',
  'governance-withdrawn',
  'business-approved',
  'business-refused',
  'business-amended',
  'business-dissolved',
  'licence-granted',
  'licence-revoked',
  // The title and regulated-goods registers' staff (decisions 0011, 0012).
  'title-registered',
  'title-restricted',
  'title-restriction-removed',
  'transfer-approved',
  'transfer-refused',
  'transfer-registered',
  'operator-registered',
  'operator-revoked',
  'goods-result-recorded',
  'lot-recalled',
] as const;

export interface StaffAction {
  /** Opaque account id: the body knows who it is, the ledger does not. */
  readonly account: string;
  readonly role: StaffRole;
  readonly action: (typeof STAFF_ACTIONS)[number];
  /** What it was about: a credential id, a request id, a transaction id. */
  readonly ref?: string;
}

const recordAction: TxType<StaffAction> = {
  type: 'staff.action',
  summary: {
    en: 'A member body records what its staff did',
    cy: 'Corff sy’n aelod yn cofnodi beth wnaeth ei staff',
  },
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['account', 'role', 'action'],
    properties: {
      account: { type: 'string', pattern: '^[0-9a-f]{16,64}$' },
      role: { enum: [...STAFF_ROLES] },
      action: { enum: [...STAFF_ACTIONS] },
      ref: { type: 'string', pattern: '^[A-Za-z0-9._:#/-]{1,200}$' },
    },
  },
  authorise(ctx) {
    const sender = ctx.prepared.tx.body.sender;
    return getMember(ctx.state, sender)
      ? OK
      : fail('STAFF_SENDER_NOT_MEMBER', 'only a member body records its staff’s actions');
  },
  // The log entry is the record (signed, time- and geo-stamped); no state is needed.
  apply: () => OK,
};

export const staffModule: LedgerModule = {
  name: 'staff',
  txTypes: [recordAction] as unknown as TxType<never>[],
};
