// The regulated-goods register's live changes (decisions 0010, 0011): GET /v1/goods/events on a
// real node, every kind of goods transaction sent by its real signer, each seen once on the
// stream with the lots, hand-over and organisations it concerns and nothing private; resuming
// with Last-Event-ID and ?from=, a reset past the replay limit, and closing ends the streams.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import type { Hosted } from '../src/node/identity/context.js';
import type { GoodsStreamEvent } from '../src/node/register-events.js';
import { goodsEventsOfBlock, registerEventStream } from '../src/node/register-events.js';
import type { EventStream, Sender, SseEvent, TestNode, TxStatusView } from './helpers.js';
import {
  GWENT_BODIES,
  newDidKeySender,
  nextSeq,
  openEventStream,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
  waitUntil,
} from './helpers.js';

const NEWPORT = GWENT_BODIES.find((b) => b.slug === 'newport');
const DAY = 86_400_000;
const REASON = { code: 'not-wanted', en: 'Not ordered', cy: 'Heb ei archebu' };
/** A director's salted digest: on the business register, never on a goods event. */
const DIRECTOR = 'd'.repeat(64);

interface Op extends Sender {
  readonly number: string;
  readonly premises: string;
  readonly geo: Geo;
}

const ev = (e: SseEvent) => JSON.parse(e.data) as GoodsStreamEvent;
const kindsOf = (s: EventStream) =>
  s.received.filter((e) => e.event === 'goods').map((e) => ev(e).kind);

/**
 * Nothing private: no DID at all, and every 64-hex string is a transaction id (the event's own,
 * or the hand-over's offer) — never a digest.
 */
function publicOnly(e: GoodsStreamEvent): void {
  const text = JSON.stringify(e);
  expect(text).not.toContain('did:');
  expect(text).not.toContain(DIRECTOR);
  for (const hex of text.match(/[0-9a-f]{64}/g) ?? []) {
    expect([e.txId, e.transfer], text).toContain(hex);
  }
}

describe('goods event stream', () => {
  let n: TestNode;
  const applicant = newDidKeySender();
  let applicantSeq = 1;
  const body = (slug: string) => n.identity.ctx.bodies.get(slug) as Hosted;

  beforeAll(async () => {
    n = await startTestNode();
  });
  afterAll(async () => stopTestNode(n));

  async function send(sender: Sender, type: string, payload: Json, geo?: Geo): Promise<string> {
    const tx = await sign(
      txBody({
        type,
        sender: sender.did,
        seq: await nextSeq(n.http, sender.did),
        payload: payload as { [k: string]: Json },
        ...(geo ? { geo } : {}),
      }),
      [sender],
    );
    const r = await n.http.post<TxStatusView & { code?: string }>(
      '/v1/transactions?waitMs=5000',
      tx,
    );
    expect(r.status, `${type}: ${r.text}`).toBeLessThan(300);
    const s = r.json.status === 'pending' ? await submitAndWait(n.http, tx) : r.json;
    expect(['committed', 'final'], `${type}: ${JSON.stringify(s)}`).toContain(s.status);
    return s.id;
  }
  const act = (op: Op, type: string, payload: Record<string, Json>) =>
    send(op, type, { ...payload, premises: op.premises }, op.geo);

  async function organisation(name: string, activities: readonly string[]): Promise<string> {
    const apply = await sign(
      txBody({
        type: 'business.apply',
        sender: applicant.did,
        seq: applicantSeq++,
        geo: { area: 'W06000022' },
        payload: {
          name: { en: name },
          kind: 'private-limited',
          officeArea: 'W06000022',
          directors: [DIRECTOR],
          registrar: NEWPORT?.did ?? '',
        },
      }),
      [applicant],
    );
    const id = (await submitAndWait(n.http, apply)).id;
    await body('newport').actor.submitAndWait('business.approve', { application: id });
    const number = String(
      (n.node.state.get(`business-application/${id}`) as { number: string }).number,
    );
    const now = Date.now();
    for (const a of activities) {
      await body('newport').actor.submitAndWait('business.licence', {
        number,
        licence: {
          kind: `regulated-goods-${a}`,
          ref: `NPT/${a}`,
          validFromMs: now - DAY,
          validUntilMs: now + 365 * DAY,
        },
      });
    }
    return number;
  }

  let site = 0;
  async function operator(number: string): Promise<{ op: Op; txId: string }> {
    const key = newDidKeySender();
    site++;
    const geo = { lat: Number((51.58 + site / 100).toFixed(4)), lon: -2.99 };
    const r = await body('newport').actor.submitAndWait('goods.registerOperator', {
      number,
      did: key.did,
      premises: [{ id: `site-${site}`, name: { en: `Unit ${site}`, cy: `Uned ${site}` }, ...geo }],
    });
    return { op: { ...key, number, premises: `site-${site}`, geo }, txId: r.id };
  }

  it('streams every kind of change with its lots, hand-over and organisations; resumes', async () => {
    const listeners = n.node.events.listenerCount('block');
    const stream = await openEventStream(`${n.url}/v1/goods/events`);
    // Left open until the node stops: closing the server must end it (afterAll would hang).
    await openEventStream(`${n.url}/v1/goods/events`);
    expect(n.node.events.listenerCount('block')).toBe(listeners + 1);
    const wait = async (txId: string) => {
      const e = await stream.next((x) => x.event === 'goods' && ev(x).txId === txId, 15_000);
      return { ...ev(e), id: e.id };
    };
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const growerNo = await organisation('Usk Valley Hemp Ltd', ['cultivation', 'processing']);
      const shopNo = await organisation('Cwmbran Wellbeing Shop Ltd', ['retail']);
      const { op: grower, txId: growerTx } = await operator(growerNo);
      const first = await wait(growerTx);
      expect(first).toMatchObject({ kind: 'operator-registered', numbers: [growerNo], lots: [] });
      expect(first.id).toBe(String(first.height));
      const { op: shop } = await operator(shopNo);

      const created = await act(grower, 'goods.createLot', {
        product: 'hemp-flower',
        unit: 'g',
        quantity: 900,
      });
      const lot = `${created.slice(0, 16)}-0`;
      expect(await wait(created)).toMatchObject({
        kind: 'lot-created',
        lots: [lot],
        created: [lot],
        numbers: [growerNo],
      });
      const split = await act(grower, 'goods.split', { lot, parts: [100, 200, 600] });
      const [a, b, c] = [0, 1, 2].map((i) => `${split.slice(0, 16)}-${i}`) as [
        string,
        string,
        string,
      ];
      expect(await wait(split)).toMatchObject({
        kind: 'split',
        lots: [lot, a, b, c],
        created: [a, b, c],
      });
      const merged = await act(grower, 'goods.merge', { lots: [a, b] });
      const m = `${merged.slice(0, 16)}-0`;
      expect(await wait(merged)).toMatchObject({ kind: 'merged', lots: [a, b, m], created: [m] });
      const processed = await act(grower, 'goods.process', {
        inputs: [m],
        outputs: [
          { product: 'cbd-extract', unit: 'ml', quantity: 40 },
          { product: 'hemp-seed', unit: 'item', quantity: 12 },
        ],
      });
      const [o1, o2] = [0, 1].map((i) => `${processed.slice(0, 16)}-${i}`) as [string, string];
      expect(await wait(processed)).toMatchObject({
        kind: 'processed',
        lots: [m, o1, o2],
        created: [o1, o2],
      });
      const lost = await act(grower, 'goods.loss', { lot: c, quantity: 50, reason: 'spoiled' });
      expect(await wait(lost)).toMatchObject({ kind: 'loss', lots: [c], numbers: [growerNo] });

      // Hand-overs: offered to the shop's key, rejected; offered again, withdrawn; then accepted.
      const offer1 = await act(grower, 'goods.propose', {
        lot: c,
        to: shop.did,
        activity: 'retail',
      });
      expect(await wait(offer1)).toMatchObject({
        kind: 'offered',
        lots: [c],
        transfer: offer1,
        numbers: [growerNo, shopNo],
      });
      const rejected = await send(shop, 'goods.reject', { transfer: offer1, reason: REASON });
      expect(await wait(rejected)).toMatchObject({
        kind: 'rejected',
        lots: [c],
        transfer: offer1,
        numbers: [growerNo, shopNo],
      });
      const offer2 = await act(grower, 'goods.propose', { lot: c, to: shopNo, activity: 'retail' });
      const cancelled = await send(grower, 'goods.cancel', { transfer: offer2 });
      expect(await wait(cancelled)).toMatchObject({ kind: 'cancelled', transfer: offer2 });
      const offer3 = await act(grower, 'goods.propose', { lot: c, to: shopNo, activity: 'retail' });
      const accepted = await act(shop, 'goods.accept', { transfer: offer3 });
      expect(await wait(accepted)).toMatchObject({
        kind: 'accepted',
        lots: [c],
        transfer: offer3,
        numbers: [growerNo, shopNo],
      });
      // A member body's steps: results and recalls name the lot, and no organisation.
      const result = await body('newport').actor.submitAndWait('goods.result', {
        lot: c,
        kind: 'inspection',
        outcome: 'pass',
        ref: 'TS/2026/14',
      });
      expect(await wait(result.id)).toMatchObject({ kind: 'result', lots: [c], numbers: [] });
      const recall = await body('nrw').actor.submitAndWait('goods.recall', {
        lot,
        reason: { code: 'contaminated', en: 'Pesticide residue', cy: 'Gweddillion plaladdwr' },
      });
      expect(await wait(recall.id)).toMatchObject({ kind: 'recall', lots: [lot] });
      const revoked = await body('newport').actor.submitAndWait('goods.revokeOperator', {
        did: shop.did,
        reason: { code: 'key-lost', en: 'Key lost', cy: 'Allwedd ar goll' },
      });
      expect(await wait(revoked.id)).toMatchObject({
        kind: 'operator-revoked',
        numbers: [shopNo],
        lots: [],
      });

      const kinds = kindsOf(stream);
      // The business transactions in between (applications, licences) are not goods events.
      expect(kinds).toEqual([
        'operator-registered',
        'operator-registered',
        'lot-created',
        'split',
        'merged',
        'processed',
        'loss',
        'offered',
        'rejected',
        'offered',
        'cancelled',
        'offered',
        'accepted',
        'result',
        'recall',
        'operator-revoked',
      ]);
      for (const e of stream.received) {
        expect(['goods'], e.data).toContain(e.event);
        publicOnly(ev(e));
      }

      // Resume: Last-Event-ID is the last height seen (events after it); ?from= a first height.
      const fromCreated = ev(stream.received[2] as SseEvent).height;
      const after = await openEventStream(`${n.url}/v1/goods/events`, {
        'last-event-id': String(fromCreated),
      });
      const from = await openEventStream(`${n.url}/v1/goods/events?from=${fromCreated}`);
      try {
        const last = revoked.id;
        await after.next((e) => e.event === 'goods' && ev(e).txId === last);
        await from.next((e) => e.event === 'goods' && ev(e).txId === last);
        expect(kindsOf(after)).toEqual(kinds.slice(3));
        expect(kindsOf(from)).toEqual(kinds.slice(2));
        expect(after.received.map((e) => e.data)).toEqual(
          stream.received.slice(3).map((e) => e.data),
        );
      } finally {
        after.close();
        from.close();
      }
      const bad = await n.http.get<{ code: string }>('/v1/goods/events?from=x');
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('REQUEST_INVALID');
    } finally {
      stream.close();
    }
  });

  it('the goods events of a block are read from the log, the same at any later time', () => {
    // Replaying the whole log gives each transaction's event once, in log order.
    const all: GoodsStreamEvent[] = [];
    for (let h = 1; h <= n.node.height; h++) all.push(...goodsEventsOfBlock(n.node, h));
    expect(all.length).toBe(16);
    const order = all.map((e) => e.logIndex);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    for (const e of all) publicOnly(e);
  });

  it('past the replay limit one reset is sent; closing the server ends every stream', async () => {
    // The same stream on a second server over the same node, with a replay limit of two blocks.
    const app = Fastify();
    registerEventStream(app, n.node, {
      path: '/events',
      event: 'goods',
      summary: 'test',
      eventsOfBlock: (h) => goodsEventsOfBlock(n.node, h),
      replayMax: 2,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const listeners = n.node.events.listenerCount('block');
    let closed = false;
    try {
      const head = n.node.height;
      const reset = await openEventStream(`${url}/events?from=1`);
      const r = await reset.next();
      expect(r).toEqual({
        id: String(head),
        event: 'reset',
        data: JSON.stringify({ height: head }),
      });
      // Within the limit: replayed, no reset.
      const near = await openEventStream(`${url}/events`, { 'last-event-id': String(head - 2) });
      const tail = [head - 1, head].flatMap((h) => goodsEventsOfBlock(n.node, h));
      if (tail.length > 0) await near.next((e) => ev(e).txId === tail.at(-1)?.txId);
      expect(near.received.map((e) => e.event)).not.toContain('reset');
      expect(near.received.map((e) => ev(e).txId)).toEqual(tail.map((e) => e.txId));
      expect(n.node.events.listenerCount('block')).toBe(listeners + 1);
      await app.close();
      closed = true;
      // Both streams end with the server, and the shared listener goes with them.
      await expect(reset.next(() => false)).rejects.toThrow('event stream ended');
      await expect(near.next(() => false)).rejects.toThrow('event stream ended');
      await waitUntil(async () =>
        n.node.events.listenerCount('block') === listeners ? true : undefined,
      );
    } finally {
      if (!closed) await app.close();
    }
  });
});
