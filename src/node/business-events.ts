// Live changes to the business register (decision 0010): GET /v1/businesses/events, server-sent
// events, one per committed business transaction, in log order. Read from the log, not from
// `business-history`: applications (applied, refused) have no number and so no history, and a
// block's transactions are one indexed read, where the history would need a scan of every
// organisation's entries. Resume with `Last-Event-ID: <height>` (what a browser's EventSource
// sends: events after that block) or `?from=<height>` (events from that block on).
import type { FastifyInstance } from 'fastify';
import type { LogEntry } from '../core/block.js';
import type { BusinessHistoryEntry } from '../ledger/modules/business.js';
import { BUSINESS_KEYS, getApplication } from '../ledger/modules/business.js';
import type { IdentityContext } from './identity/context.js';
import type { BlockEvent, CadwynNode } from './node.js';

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

/** At most this many blocks are replayed on a resume; further back, a `reset` event is sent. */
export const REPLAY_BLOCKS_MAX = 1000;
const PING_MS = 15_000;

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** The business events of one committed block, in log order. */
export function businessEventsOfBlock(node: CadwynNode, height: number): BusinessEvent[] {
  const out: BusinessEvent[] = [];
  for (const row of node.store.txsOfHeight(height)) {
    const entry = JSON.parse(row.entry) as LogEntry;
    const body = (entry.tx as { body?: { type?: unknown; payload?: Record<string, unknown> } })
      .body;
    const type = str(body?.type);
    if (type === undefined || !type.startsWith('business.')) continue;
    const p = body?.payload ?? {};
    const base = { height, logIndex: row.logIndex, timeMs: entry.timeMs, txId: row.id };
    const number = str(p.number);
    switch (type) {
      case 'business.apply':
        out.push({ kind: 'applied', ...base, application: row.id });
        break;
      case 'business.approve': {
        const application = str(p.application) ?? '';
        const n = getApplication(node.state, application)?.number;
        out.push({ kind: 'approved', ...base, application, ...(n ? { number: n } : {}) });
        break;
      }
      case 'business.refuse':
        out.push({ kind: 'refused', ...base, application: str(p.application) ?? '' });
        break;
      case 'business.amend': {
        // What actually changed is in the history entry this transaction wrote.
        const h = node.state.get(BUSINESS_KEYS.history(number ?? '', row.logIndex)) as unknown as
          BusinessHistoryEntry | undefined;
        out.push({
          kind: 'amended',
          ...base,
          number: number ?? '',
          changed: Object.keys(h?.changes ?? {}),
        });
        break;
      }
      case 'business.dissolve':
        out.push({ kind: 'dissolved', ...base, number: number ?? '' });
        break;
      case 'business.licence':
        out.push({ kind: 'licence-granted', ...base, number: number ?? '', licence: row.id });
        break;
      case 'business.revokeLicence':
        out.push({
          kind: 'licence-revoked',
          ...base,
          number: number ?? '',
          licence: str(p.licence) ?? '',
        });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * A block's events as SSE text. Only the block's last event carries `id: <height>`, so a client
 * cut off inside a block resumes from the block before and receives the whole block again.
 */
function eventsText(events: readonly BusinessEvent[]): string {
  return events
    .map(
      (e, i) =>
        `${i === events.length - 1 ? `id: ${e.height}\n` : ''}event: business\ndata: ${JSON.stringify(e)}\n\n`,
    )
    .join('');
}

/**
 * What a new stream replays: the blocks `from`..`head` (none when `from` is unset or past the
 * head), or a reset when that is more than `max` blocks.
 */
export function replayPlan(
  from: number | undefined,
  head: number,
  max = REPLAY_BLOCKS_MAX,
): { readonly from: number; readonly to: number } | 'reset' | undefined {
  if (from === undefined || from > head) return undefined;
  const first = Math.max(from, 1);
  return head - first + 1 > max ? 'reset' : { from: first, to: head };
}

const heightOf = (s: string): number | undefined =>
  /^(0|[1-9][0-9]{0,14})$/.test(s) ? Number(s) : undefined;

export function registerBusinessEvents(app: FastifyInstance, ctx: IdentityContext): void {
  const node = ctx.node;
  // One block listener for every open stream: each block's events are read and written out once.
  const streams = new Set<(height: number, text: string) => void>();
  const ends = new Set<() => void>();
  const onBlock = (ev: BlockEvent) => {
    const events = businessEventsOfBlock(node, ev.height);
    if (events.length === 0) return;
    const text = eventsText(events);
    for (const send of streams) send(ev.height, text);
  };
  // An open stream would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const end of [...ends]) end();
  });

  app.get<{ Querystring: { from?: number } }>(
    '/v1/businesses/events',
    {
      schema: {
        summary:
          'Server-sent events: one `business` event per committed change to the business register',
        tags: ['registers'],
        produces: ['text/event-stream'],
        querystring: {
          type: 'object',
          properties: { from: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
        },
      },
    },
    (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The header wins: a reconnecting EventSource sends it with the URL it first opened.
      const last = heightOf(String(req.headers['last-event-id'] ?? ''));
      const from = last !== undefined ? last + 1 : req.query.from;
      const head = node.height;
      const plan = replayPlan(from, head);
      if (plan === 'reset') {
        // Too far back to replay: the client reads the register again instead.
        res.write(`id: ${head}\nevent: reset\ndata: ${JSON.stringify({ height: head })}\n\n`);
      } else if (plan) {
        for (let h = plan.from; h <= plan.to; h++) {
          const events = businessEventsOfBlock(node, h);
          if (events.length > 0) res.write(eventsText(events));
        }
      }
      res.write(`retry: 2000\n: connected at height ${head}\n\n`);
      // A `from` beyond the head: nothing before it, live either.
      const first = from ?? 0;
      const send = (height: number, text: string) => {
        if (height >= first) res.write(text);
      };
      if (streams.size === 0) node.events.on('block', onBlock);
      streams.add(send);
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        clearInterval(ping);
        streams.delete(send);
        ends.delete(end);
        if (streams.size === 0) node.events.off('block', onBlock);
      };
      const end = () => {
        stop();
        res.end();
      };
      ends.add(end);
      req.raw.on('close', stop);
    },
  );
}
