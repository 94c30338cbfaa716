// Live changes to the public registers (decisions 0010, 0011, 0012): one server-sent event stream
// per register, each event one committed transaction of the register's module, in log order.
// The events are read from a block's log entries (one indexed read per block), mapped by the
// register's own function to public facts only: what happened, to which numbers, lots or
// transfers — never an owner digest, a director digest or a person's pseudonym.
//
// Every stream resumes the same way: `Last-Event-ID: <height>` (what a browser's EventSource
// sends: events after that block) or `?from=<height>` (events from that block on); at most
// REPLAY_BLOCKS_MAX blocks are replayed, further back one `reset` event says "read it again".
// All open streams of one register share one block listener; closing the node ends them.
import type { FastifyInstance } from 'fastify';
import type { LogEntry } from '../core/block.js';
import { getOperator, getTransfer as getGoodsTransfer } from '../ledger/modules/goods.js';
import type { TransferHistoryEntry, TransferStage } from '../ledger/modules/title.js';
import { getTransfer as getTitleTransfer, TITLE_KEYS } from '../ledger/modules/title.js';
import type { BlockEvent, CadwynNode } from './node.js';

/** At most this many blocks are replayed on a resume; further back, a `reset` event is sent. */
export const REPLAY_BLOCKS_MAX = 1000;
const PING_MS = 15_000;

/** What every event carries: where it is in the log. */
export interface EventBase {
  readonly height: number;
  readonly logIndex: number;
  readonly timeMs: number;
  readonly txId: string;
}

/** One committed transaction of a module, as a mapper sees it. */
export interface ModuleTx {
  readonly type: string;
  readonly sender: string;
  readonly payload: { readonly [k: string]: unknown };
  readonly base: EventBase;
}

export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const strs = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : [];

/**
 * A register's events in one committed block, in log order: its module's transactions (type
 * `<prefix>…`), each mapped to at most one event.
 */
export function moduleEventsOfBlock<E>(
  node: CadwynNode,
  height: number,
  prefix: string,
  toEvent: (tx: ModuleTx) => E | undefined,
): E[] {
  const out: E[] = [];
  for (const row of node.store.txsOfHeight(height)) {
    const entry = JSON.parse(row.entry) as LogEntry;
    const body = (
      entry.tx as {
        body?: { type?: unknown; sender?: unknown; payload?: { [k: string]: unknown } };
      }
    ).body;
    const type = str(body?.type);
    if (type === undefined || !type.startsWith(prefix)) continue;
    const e = toEvent({
      type,
      sender: str(body?.sender) ?? '',
      payload: body?.payload ?? {},
      base: { height, logIndex: row.logIndex, timeMs: entry.timeMs, txId: row.id },
    });
    if (e !== undefined) out.push(e);
  }
  return out;
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

/**
 * A block's events as SSE text. Only the block's last event carries `id: <height>`, so a client
 * cut off inside a block resumes from the block before and receives the whole block again.
 */
function eventsText(name: string, height: number, events: readonly unknown[]): string {
  return events
    .map(
      (e, i) =>
        `${i === events.length - 1 ? `id: ${height}\n` : ''}event: ${name}\ndata: ${JSON.stringify(e)}\n\n`,
    )
    .join('');
}

const heightOf = (s: string): number | undefined =>
  /^(0|[1-9][0-9]{0,14})$/.test(s) ? Number(s) : undefined;

export interface RegisterStream {
  /** The route, e.g. `/v1/goods/events`. */
  readonly path: string;
  /** The SSE event name of a change (`business`, `goods`, `title`). */
  readonly event: string;
  /** The OpenAPI summary. */
  readonly summary: string;
  /** The register's events of one committed block, in log order. */
  readonly eventsOfBlock: (height: number) => readonly unknown[];
  /** Blocks replayed at most before a reset (REPLAY_BLOCKS_MAX; smaller only in tests). */
  readonly replayMax?: number;
}

/** Adds one register's event stream to the app: GET `path`, text/event-stream. */
export function registerEventStream(
  app: FastifyInstance,
  node: CadwynNode,
  s: RegisterStream,
): void {
  // One block listener for every open stream: each block's events are read and written out once.
  const streams = new Set<(height: number, text: string) => void>();
  const ends = new Set<() => void>();
  const onBlock = (ev: BlockEvent) => {
    const events = s.eventsOfBlock(ev.height);
    if (events.length === 0) return;
    const text = eventsText(s.event, ev.height, events);
    for (const send of streams) send(ev.height, text);
  };
  // An open stream would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const end of [...ends]) end();
  });

  app.get<{ Querystring: { from?: number } }>(
    s.path,
    {
      schema: {
        summary: s.summary,
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
      const plan = replayPlan(from, head, s.replayMax);
      if (plan === 'reset') {
        // Too far back to replay: the client reads the register again instead.
        res.write(`id: ${head}\nevent: reset\ndata: ${JSON.stringify({ height: head })}\n\n`);
      } else if (plan) {
        for (let h = plan.from; h <= plan.to; h++) {
          const events = s.eventsOfBlock(h);
          if (events.length > 0) res.write(eventsText(s.event, h, events));
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

// ---- regulated goods (decision 0011) ----------------------------------------------------------

export type GoodsEventKind =
  | 'lot-created'
  | 'split'
  | 'merged'
  | 'processed'
  | 'loss'
  | 'offered'
  | 'accepted'
  | 'rejected'
  | 'cancelled'
  | 'result'
  | 'recall'
  | 'operator-registered'
  | 'operator-revoked';

/** One committed change to the goods register (`event: goods`): public facts only. */
export interface GoodsStreamEvent extends EventBase {
  readonly kind: GoodsEventKind;
  /** Every lot the change concerns: the lots it acted on, then the lots it made. */
  readonly lots: readonly string[];
  /** The lots it made (created, split, merged, processed). */
  readonly created?: readonly string[];
  /** The hand-over (its offer transaction's id). */
  readonly transfer?: string;
  /** The organisations concerned (business numbers): the acting one, a hand-over's both. */
  readonly numbers: readonly string[];
}

const GOODS_KINDS: { readonly [type: string]: GoodsEventKind } = {
  'goods.createLot': 'lot-created',
  'goods.split': 'split',
  'goods.merge': 'merged',
  'goods.process': 'processed',
  'goods.loss': 'loss',
  'goods.propose': 'offered',
  'goods.accept': 'accepted',
  'goods.reject': 'rejected',
  'goods.cancel': 'cancelled',
  'goods.result': 'result',
  'goods.recall': 'recall',
  'goods.registerOperator': 'operator-registered',
  'goods.revokeOperator': 'operator-revoked',
};

/** The goods events of one committed block, in log order. */
export function goodsEventsOfBlock(node: CadwynNode, height: number): GoodsStreamEvent[] {
  const state = node.state;
  return moduleEventsOfBlock(node, height, 'goods.', ({ type, sender, payload: p, base }) => {
    const kind = GOODS_KINDS[type];
    if (kind === undefined) return undefined;
    // Lot ids are the creating transaction's id and an index (decision 0011): no state needed.
    const made = (n: number) =>
      Array.from({ length: n }, (_, i) => `${base.txId.slice(0, 16)}-${i}`);
    // An operator key belongs to one organisation for ever; a member body has no number.
    const actor = getOperator(state, sender)?.number;
    const acting = actor === undefined ? [] : [actor];
    switch (kind) {
      case 'lot-created':
      case 'split':
      case 'merged':
      case 'processed': {
        // The lots it used up, then the lots it made (one for a new lot or a merge).
        const from =
          kind === 'split'
            ? strs([p.lot])
            : kind === 'merged'
              ? strs(p.lots)
              : kind === 'processed'
                ? strs(p.inputs)
                : [];
        const many = kind === 'split' ? p.parts : kind === 'processed' ? p.outputs : [0];
        const created = made(Array.isArray(many) ? many.length : 0);
        return { kind, ...base, lots: [...from, ...created], created, numbers: acting };
      }
      case 'offered': {
        const t = getGoodsTransfer(state, base.txId);
        return {
          kind,
          ...base,
          lots: strs([p.lot]),
          transfer: base.txId,
          numbers: t ? [t.from, t.to] : acting,
        };
      }
      case 'accepted':
      case 'rejected':
      case 'cancelled': {
        const id = str(p.transfer) ?? '';
        const t = getGoodsTransfer(state, id);
        return {
          kind,
          ...base,
          lots: t ? [t.lot] : [],
          transfer: id,
          numbers: t ? [t.from, t.to] : acting,
        };
      }
      case 'operator-registered':
        return { kind, ...base, lots: [], numbers: strs([p.number]) };
      case 'operator-revoked': {
        const op = getOperator(state, str(p.did) ?? '');
        return { kind, ...base, lots: [], numbers: op ? [op.number] : [] };
      }
      default:
        // loss, result, recall: one lot.
        return { kind, ...base, lots: strs([p.lot]), numbers: acting };
    }
  });
}

// ---- property titles (decision 0012) ----------------------------------------------------------

export type TitleEventKind =
  | 'title-registered'
  | 'restriction-added'
  | 'restriction-removed'
  | 'charged'
  | 'discharged'
  | 'drafted'
  | 'linked'
  | 'approved'
  | 'refused'
  | 'signed'
  | 'funds-confirmed'
  | 'completed'
  | 'registered'
  | 'withdrawn';

/**
 * One committed change to the title register (`event: title`): the title number and, for a
 * transfer, its id, the stage after the step and the transfers it was linked to. No owner
 * digest and no party's key: who signed is on the transfer's own public read.
 */
export interface TitleStreamEvent extends EventBase {
  readonly kind: TitleEventKind;
  readonly title: string;
  readonly transfer?: string;
  readonly stage?: TransferStage;
  /** For drafted (with links) and linked: the transfers now linked to this one. */
  readonly linked?: readonly string[];
}

const TITLE_KINDS: { readonly [type: string]: TitleEventKind } = {
  'title.register': 'title-registered',
  'title.restrict': 'restriction-added',
  'title.removeRestriction': 'restriction-removed',
  'title.charge': 'charged',
  'title.discharge': 'discharged',
  'title.draft': 'drafted',
  'title.link': 'linked',
  'title.approve': 'approved',
  'title.refuseTransfer': 'refused',
  'title.sign': 'signed',
  'title.confirmFunds': 'funds-confirmed',
  'title.complete': 'completed',
  'title.registerTransfer': 'registered',
  'title.withdraw': 'withdrawn',
};

/** The title events of one committed block, in log order. */
export function titleEventsOfBlock(node: CadwynNode, height: number): TitleStreamEvent[] {
  const state = node.state;
  return moduleEventsOfBlock(node, height, 'title.', ({ type, payload: p, base }) => {
    const kind = TITLE_KINDS[type];
    if (kind === undefined) return undefined;
    const titleNumber = str(p.titleNumber);
    // A change to the register itself: the title only.
    if (kind !== 'drafted' && titleNumber !== undefined) {
      return { kind, ...base, title: titleNumber };
    }
    // A transfer step: the draft is the transfer (its id), every other step names it.
    const id = kind === 'drafted' ? base.txId : (str(p.transfer) ?? '');
    const t = getTitleTransfer(state, id);
    // The stage this step left it in, from the entry it wrote (the transfer may have moved on).
    const step = state.get(TITLE_KEYS.transferHistory(id, base.logIndex)) as unknown as
      TransferHistoryEntry | undefined;
    const linked = kind === 'linked' ? strs([p.to]) : kind === 'drafted' ? strs(p.links) : [];
    return {
      kind,
      ...base,
      title: t?.titleNumber ?? titleNumber ?? '',
      transfer: id,
      ...(step ? { stage: step.stage } : {}),
      ...(linked.length > 0 ? { linked } : {}),
    };
  });
}

/** GET /v1/goods/events: `goods` events (decision 0011). */
export function registerGoodsEvents(app: FastifyInstance, node: CadwynNode): void {
  registerEventStream(app, node, {
    path: '/v1/goods/events',
    event: 'goods',
    summary:
      'Server-sent events: one `goods` event per committed change to the regulated-goods register',
    eventsOfBlock: (height) => goodsEventsOfBlock(node, height),
  });
}

/** GET /v1/titles/events: `title` events (decision 0012). */
export function registerTitleEvents(app: FastifyInstance, node: CadwynNode): void {
  registerEventStream(app, node, {
    path: '/v1/titles/events',
    event: 'title',
    summary:
      'Server-sent events: one `title` event per committed change to the title register or a transfer',
    eventsOfBlock: (height) => titleEventsOfBlock(node, height),
  });
}
