// Live changes to the business register (decision 0010): GET /v1/businesses/events, server-sent
// events, one per committed business transaction, in log order. Read from the log, not from
// `business-history`: applications (applied, refused) have no number and so no history, and a
// block's transactions are one indexed read, where the history would need a scan of every
// organisation's entries. The stream itself (resume, replay limit, shared listener) is the one
// every register uses (register-events.ts).
import type { FastifyInstance } from 'fastify';
import type { BusinessHistoryEntry } from '../ledger/modules/business.js';
import { BUSINESS_KEYS, getApplication } from '../ledger/modules/business.js';
import type { IdentityContext } from './identity/context.js';
import type { CadwynNode } from './node.js';
import { moduleEventsOfBlock, registerEventStream, str } from './register-events.js';

export { REPLAY_BLOCKS_MAX, replayPlan } from './register-events.js';

export type BusinessEventKind =
  | 'applied'
  | 'approved'
  | 'refused'
  | 'amended'
  | 'dissolved'
  | 'licence-granted'
  | 'licence-revoked';

/** One committed change to the register, as sent on the stream (`event: business`). */
export interface BusinessEvent {
  readonly kind: BusinessEventKind;
  readonly height: number;
  readonly logIndex: number;
  readonly timeMs: number;
  readonly txId: string;
  /** The registered number, once there is one (not for applied or refused). */
  readonly number?: string;
  /** The application's id (its apply transaction's id), for applied, approved and refused. */
  readonly application?: string;
  /** The licence's id (its grant transaction's id). */
  readonly licence?: string;
  /** For amended: which fields changed. */
  readonly changed?: readonly string[];
}

/** The business events of one committed block, in log order. */
export function businessEventsOfBlock(node: CadwynNode, height: number): BusinessEvent[] {
  return moduleEventsOfBlock<BusinessEvent>(
    node,
    height,
    'business.',
    ({ type, payload: p, base }) => {
      const number = str(p.number);
      switch (type) {
        case 'business.apply':
          return { kind: 'applied', ...base, application: base.txId };
        case 'business.approve': {
          const application = str(p.application) ?? '';
          const n = getApplication(node.state, application)?.number;
          return { kind: 'approved', ...base, application, ...(n ? { number: n } : {}) };
        }
        case 'business.refuse':
          return { kind: 'refused', ...base, application: str(p.application) ?? '' };
        case 'business.amend': {
          // What actually changed is in the history entry this transaction wrote.
          const h = node.state.get(
            BUSINESS_KEYS.history(number ?? '', base.logIndex),
          ) as unknown as BusinessHistoryEntry | undefined;
          return {
            kind: 'amended',
            ...base,
            number: number ?? '',
            changed: Object.keys(h?.changes ?? {}),
          };
        }
        case 'business.dissolve':
          return { kind: 'dissolved', ...base, number: number ?? '' };
        case 'business.licence':
          return { kind: 'licence-granted', ...base, number: number ?? '', licence: base.txId };
        case 'business.revokeLicence':
          return {
            kind: 'licence-revoked',
            ...base,
            number: number ?? '',
            licence: str(p.licence) ?? '',
          };
        default:
          return undefined;
      }
    },
  );
}

export function registerBusinessEvents(app: FastifyInstance, ctx: IdentityContext): void {
  registerEventStream(app, ctx.node, {
    path: '/v1/businesses/events',
    event: 'business',
    summary:
      'Server-sent events: one `business` event per committed change to the business register',
    eventsOfBlock: (height) => businessEventsOfBlock(ctx.node, height),
  });
}
