// The title register's live changes (decisions 0010, 0012): GET /v1/titles/events on a real
// node — a title registered, restricted, a charge discharged, transfers drafted, linked,
// refused, withdrawn and taken through every step to registration, each step sent by its own
// signer and seen once on the stream with its title number, transfer id and the stage it left;
// never an owner digest or a party's key. Resuming, a reset past the replay limit, and closing.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import { ownerDigest } from '../src/ledger/modules/title.js';
import type { TitleStreamEvent } from '../src/node/register-events.js';
import { registerEventStream, titleEventsOfBlock } from '../src/node/register-events.js';
import type { EventStream, Sender, SseEvent, TestNode } from './helpers.js';
import {
  newDidKeySender,
  openEventStream,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
  waitForTx,
  waitUntil,
} from './helpers.js';

const AREA: Geo = { area: 'W06000022' };
const SALT = new Uint8Array(32).fill(7);
const REASON = {
  code: 'wrong-parcel',
  en: 'The plan shows another parcel',
  cy: 'Mae’r cynllun yn dangos parsel arall',
};

const ev = (e: SseEvent) => JSON.parse(e.data) as TitleStreamEvent;
const kindsOf = (s: EventStream) =>
  s.received.filter((e) => e.event === 'title').map((e) => ev(e).kind);

describe('title event stream', () => {
  let n: TestNode;
  const seqs = new Map<string, number>();
  const seller = newDidKeySender();
  const buyer = newDidKeySender();
  const sellerConv = newDidKeySender();
  const buyerConv = newDidKeySender();
  const lender = newDidKeySender();
  const other = newDidKeySender();
  /** Every digest on the register in this test: none may reach an event. */
  const digests: string[] = [];

  beforeAll(async () => {
    n = await startTestNode();
  });
  afterAll(async () => stopTestNode(n));

  const newport = () => {
    const h = n.identity.ctx.bodies.get('newport');
    if (!h) throw new Error('newport not hosted');
    return h;
  };
  const registrar = async (type: string, payload: Json) =>
    (await newport().actor.submitAndWait(type, payload)).id;
  const digest = (s: Sender) => {
    const d = ownerDigest(SALT, s.did);
    digests.push(d);
    return d;
  };

  /** A party signs and sends its own transaction and waits for its block. */
  async function ok(who: Sender, type: string, payload: Json): Promise<string> {
    const seq = seqs.get(who.did) ?? 1;
    const tx = await sign(
      txBody({ type, sender: who.did, seq, geo: AREA, payload: payload as Record<string, Json> }),
      [who],
    );
    const r = await n.http.post<{ id: string; status: string }>('/v1/transactions?waitMs=5000', tx);
    expect(r.status, `${type}: ${r.text}`).toBeLessThan(300);
    seqs.set(who.did, seq + 1);
    const s = r.json.status === 'pending' ? await waitForTx(n.http, r.json.id) : r.json;
    expect(['committed', 'final'], `${type}: ${JSON.stringify(s)}`).toContain(s.status);
    return r.json.id;
  }

  /** Nothing private: no DID, no owner digest; every 64-hex string is a transaction id. */
  function publicOnly(e: TitleStreamEvent): void {
    const text = JSON.stringify(e);
    expect(text).not.toContain('did:');
    for (const d of digests) expect(text).not.toContain(d);
    for (const hex of text.match(/[0-9a-f]{64}/g) ?? []) {
      expect([e.txId, e.transfer, ...(e.linked ?? [])], text).toContain(hex);
    }
  }

  it('streams the register and every transfer step with its title, transfer and stage; resumes', async () => {
    const listeners = n.node.events.listenerCount('block');
    const stream = await openEventStream(`${n.url}/v1/titles/events`);
    // Left open until the node stops: closing the server must end it (afterAll would hang).
    await openEventStream(`${n.url}/v1/titles/events`);
    expect(n.node.events.listenerCount('block')).toBe(listeners + 1);
    const wait = async (txId: string) => {
      const e = await stream.next((x) => x.event === 'title' && ev(x).txId === txId, 15_000);
      return { ...ev(e), id: e.id };
    };
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const registered = await registrar('title.register', {
        titleNumber: 'CYM200001',
        uprn: '010090201234',
        tenure: 'freehold',
        area: 'W06000022',
        owners: [digest(seller)],
        charges: [{ ref: 'MTG-1', lender: lender.did }],
        restrictions: [],
      });
      const first = await wait(registered);
      expect(first).toMatchObject({ kind: 'title-registered', title: 'CYM200001' });
      expect(first.transfer).toBeUndefined();
      expect(first.id).toBe(String(first.height));
      await registrar('title.register', {
        titleNumber: 'CYM200002',
        uprn: '010090202222',
        tenure: 'freehold',
        area: 'W06000022',
        owners: [digest(buyer)],
        charges: [],
        restrictions: [],
      });
      const restricted = await registrar('title.restrict', {
        titleNumber: 'CYM200001',
        restriction: { ref: 'NOTICE-1', kind: 'notice' },
      });
      expect(await wait(restricted)).toMatchObject({
        kind: 'restriction-added',
        title: 'CYM200001',
      });
      const lifted = await registrar('title.removeRestriction', {
        titleNumber: 'CYM200001',
        ref: 'NOTICE-1',
      });
      expect(await wait(lifted)).toMatchObject({ kind: 'restriction-removed', title: 'CYM200001' });
      const discharged = await ok(lender, 'title.discharge', {
        titleNumber: 'CYM200001',
        ref: 'MTG-1',
      });
      expect(await wait(discharged)).toMatchObject({ kind: 'discharged', title: 'CYM200001' });
      // A remortgage: the registrar sends it, the lender co-signs (its consent).
      const { did, keyId, privateKey } = newport().body;
      const chargeTx = await sign(
        txBody({
          type: 'title.charge',
          sender: did,
          seq: n.node.nextSeqFor(did),
          geo: AREA,
          payload: { titleNumber: 'CYM200001', charge: { ref: 'MTG-2', lender: lender.did } },
        }),
        [{ did, keyId, privateKey }, lender],
      );
      const charged = (await submitAndWait(n.http, chargeTx)).id;
      expect(await wait(charged)).toMatchObject({ kind: 'charged', title: 'CYM200001' });

      // A transfer of CYM200001, and the buyer's own sale of CYM200002 linked to it.
      const a = await ok(sellerConv, 'title.draft', {
        titleNumber: 'CYM200001',
        sellers: [seller.did],
        buyers: [buyer.did],
        buyerConveyancer: buyerConv.did,
        newOwners: [digest(buyer)],
        discharge: [],
      });
      expect(await wait(a)).toMatchObject({
        kind: 'drafted',
        title: 'CYM200001',
        transfer: a,
        stage: 'drafted',
      });
      const saleDraft = {
        titleNumber: 'CYM200002',
        sellers: [buyer.did],
        buyers: [other.did],
        buyerConveyancer: sellerConv.did,
        newOwners: [digest(other)],
        discharge: [],
      };
      const b = await ok(buyerConv, 'title.draft', saleDraft);
      const linked = await ok(buyerConv, 'title.link', { transfer: b, to: a });
      expect(await wait(linked)).toMatchObject({
        kind: 'linked',
        title: 'CYM200002',
        transfer: b,
        linked: [a],
        stage: 'drafted',
      });
      const c = await ok(buyerConv, 'title.draft', { ...saleDraft, links: [a] });
      expect(await wait(c)).toMatchObject({ kind: 'drafted', transfer: c, linked: [a] });
      const withdrawn = await ok(buyerConv, 'title.withdraw', { transfer: c });
      expect(await wait(withdrawn)).toMatchObject({
        kind: 'withdrawn',
        title: 'CYM200002',
        transfer: c,
        stage: 'withdrawn',
      });
      const refused = await registrar('title.refuseTransfer', { transfer: b, reason: REASON });
      expect(await wait(refused)).toMatchObject({
        kind: 'refused',
        transfer: b,
        stage: 'refused',
      });

      const approved = await registrar('title.approve', { transfer: a });
      expect(await wait(approved)).toMatchObject({
        kind: 'approved',
        title: 'CYM200001',
        transfer: a,
        stage: 'approved',
      });
      const signs: string[] = [];
      for (const p of [seller, buyer, sellerConv, buyerConv]) {
        signs.push(await ok(p, 'title.sign', { transfer: a }));
      }
      // Each signature is an event; the stage moves on with the last one.
      const stages = [];
      for (const s of signs) stages.push((await wait(s)).stage);
      expect(stages).toEqual(['approved', 'approved', 'approved', 'signed']);
      const funds = await ok(buyerConv, 'title.confirmFunds', { transfer: a });
      expect(await wait(funds)).toMatchObject({
        kind: 'funds-confirmed',
        stage: 'funds-confirmed',
      });
      const completed = await ok(sellerConv, 'title.complete', { transfer: a });
      expect(await wait(completed)).toMatchObject({ kind: 'completed', stage: 'completed' });
      const done = await registrar('title.registerTransfer', { transfer: a });
      expect(await wait(done)).toMatchObject({
        kind: 'registered',
        title: 'CYM200001',
        transfer: a,
        stage: 'registered',
      });

      const kinds = kindsOf(stream);
      expect(kinds).toEqual([
        'title-registered',
        'title-registered',
        'restriction-added',
        'restriction-removed',
        'discharged',
        'charged',
        'drafted',
        'drafted',
        'linked',
        'drafted',
        'withdrawn',
        'refused',
        'approved',
        'signed',
        'signed',
        'signed',
        'signed',
        'funds-confirmed',
        'completed',
        'registered',
      ]);
      expect(digests.length).toBeGreaterThan(2);
      for (const e of stream.received) {
        expect(e.event).toBe('title');
        publicOnly(ev(e));
      }

      // Resume: Last-Event-ID is the last height seen (events after it); ?from= a first height.
      const at = ev(stream.received[6] as SseEvent).height;
      const after = await openEventStream(`${n.url}/v1/titles/events`, {
        'last-event-id': String(at),
      });
      const from = await openEventStream(`${n.url}/v1/titles/events?from=${at}`);
      try {
        await after.next((e) => e.event === 'title' && ev(e).txId === done);
        await from.next((e) => e.event === 'title' && ev(e).txId === done);
        expect(kindsOf(after)).toEqual(kinds.slice(7));
        expect(kindsOf(from)).toEqual(kinds.slice(6));
        expect(after.received.map((e) => e.data)).toEqual(
          stream.received.slice(7).map((e) => e.data),
        );
      } finally {
        after.close();
        from.close();
      }
      const bad = await n.http.get<{ code: string }>('/v1/titles/events?from=1.5');
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('REQUEST_INVALID');
      // The route is not taken for a title number.
      expect((await n.http.get<{ code: string }>('/v1/titles/CYM200001')).status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it('past the replay limit one reset is sent; closing the server ends every stream', async () => {
    const app = Fastify();
    registerEventStream(app, n.node, {
      path: '/events',
      event: 'title',
      summary: 'test',
      eventsOfBlock: (h) => titleEventsOfBlock(n.node, h),
      replayMax: 3,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const listeners = n.node.events.listenerCount('block');
    let closed = false;
    try {
      const head = n.node.height;
      const reset = await openEventStream(`${url}/events`, { 'last-event-id': '0' });
      expect(await reset.next()).toEqual({
        id: String(head),
        event: 'reset',
        data: JSON.stringify({ height: head }),
      });
      expect(reset.received.length).toBe(1);
      const near = await openEventStream(`${url}/events?from=${head - 2}`);
      const tail = [head - 2, head - 1, head].flatMap((h) => titleEventsOfBlock(n.node, h));
      if (tail.length > 0) await near.next((e) => ev(e).txId === tail.at(-1)?.txId);
      expect(near.received.map((e) => ev(e).txId)).toEqual(tail.map((e) => e.txId));
      expect(n.node.events.listenerCount('block')).toBe(listeners + 1);
      await app.close();
      closed = true;
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
