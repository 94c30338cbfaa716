// The identity ledger against a real node (decision 0006): DID documents that follow key
// rotation, trusted issuers with their periods, status anchors, and consent + access records
// submitted over HTTP and read back.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../src/core/bytes.js';
import type { Geo } from '../src/core/geo.js';
import type { Json } from '../src/core/jcs.js';
import type { SignedTx, TxSigner } from '../src/core/tx.js';
import { DEMO_VCT } from '../src/ledger/demo.js';
import type { Consent, AccessRecord } from '../src/ledger/modules/consent.js';
import type {
  DidDocument,
  IssuerAuthorisation,
  StatusAnchor,
} from '../src/ledger/modules/identity.js';
import { generateKeyPairSync } from '../src/node/crypto-node.js';
import type { MemberSigner, Problem, Sender, TestNode } from './helpers.js';
import {
  governanceTx,
  loadMembers,
  newDidKeySender,
  nextSeq,
  randomDigest,
  sign,
  startTestNode,
  stopTestNode,
  submitAndWait,
  txBody,
  txId,
} from './helpers.js';

type Issuers = { height: number; issuers: (IssuerAuthorisation & { authorisedNow: boolean })[] };

/** GET with a chosen Host header (fetch always sends the URL's own). */
function getWithHost(
  baseUrl: string,
  path: string,
  host: string,
): Promise<{ status: number; type: string | undefined; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'],
          json: JSON.parse(text) as Record<string, unknown>,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('identity ledger over HTTP', () => {
  let n: TestNode;
  let members: MemberSigner[];
  let quorum: MemberSigner[];
  const by = (slug: string): MemberSigner => {
    const m = members.find((x) => x.slug === slug);
    if (!m) throw new Error(`no member ${slug}`);
    return m;
  };
  const NEWPORT = 'did:web:newport.gwent.example';
  const UHB = 'did:web:aneurin-bevan.gwent.example';

  /** A transaction from one signer with its next sequence number. */
  async function tx(
    type: string,
    signer: TxSigner,
    payload: { readonly [k: string]: Json },
    geo?: Geo,
  ): Promise<SignedTx> {
    const seq = await nextSeq(n.http, signer.did);
    return sign(txBody({ type, sender: signer.did, seq, payload, ...(geo ? { geo } : {}) }), [
      signer,
    ]);
  }

  async function gov(type: string, payload: { readonly [k: string]: Json }, cosigners = quorum) {
    const sender = by('blaenau-gwent');
    const seq = await nextSeq(n.http, sender.did);
    return governanceTx(type, payload, { sender, cosigners, seq });
  }

  /** Submits and expects a refusal at the door: its status and code. */
  async function refused(t: SignedTx): Promise<[number, string]> {
    const r = await n.http.post<Problem>('/v1/transactions', t);
    return [r.status, r.json.code];
  }

  async function committed(t: SignedTx) {
    const s = await submitAndWait(n.http, t);
    expect(s.status, s.code).toMatch(/^(committed|final)$/);
    return s;
  }

  beforeAll(async () => {
    n = await startTestNode();
    members = loadMembers(n.dataDir);
    // Newport's key is rotated below: the quorum never needs it (7 of the other 8).
    quorum = members.filter((m) => m.slug !== 'newport').slice(0, 7);
  });

  afterAll(async () => {
    await stopTestNode(n);
  });

  describe('DID documents', () => {
    it('GET /v1/dids/{did} serves a member’s document from its governance record', async () => {
      const r = await n.http.get<DidDocument>(`/v1/dids/${NEWPORT}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/did\+ld\+json/);
      const genesisKey = n.node.genesis.members.find((m) => m.did === NEWPORT)?.keys[0]?.publicKey;
      expect(r.json).toEqual({
        '@context': [
          'https://www.w3.org/ns/did/v1',
          'https://w3id.org/security/suites/jws-2020/v1',
        ],
        id: NEWPORT,
        verificationMethod: [
          {
            id: `${NEWPORT}#key-1`,
            type: 'JsonWebKey2020',
            controller: NEWPORT,
            publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: genesisKey },
          },
        ],
        assertionMethod: [`${NEWPORT}#key-1`],
        authentication: [`${NEWPORT}#key-1`],
      });
      const encoded = await n.http.get(`/v1/dids/${encodeURIComponent(NEWPORT)}`);
      expect(encoded.json).toEqual(r.json);
    });

    it('an unknown DID, or a did:key, is a 404 DID_UNKNOWN problem (in Welsh if asked)', async () => {
      for (const did of ['did:web:elsewhere.example', newDidKeySender().did]) {
        const r = await n.http.get<Problem>(`/v1/dids/${did}`);
        expect(r.status).toBe(404);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.json.code).toBe('DID_UNKNOWN');
      }
      const cy = await n.http.get<Problem>('/v1/dids/did:web:elsewhere.example', {
        'accept-language': 'cy',
      });
      expect(cy.json.title).toBe('Nid oes gan yr un corff sy’n aelod y DID hwn');
    });

    it('GET /.well-known/did.json answers for the member its Host names', async () => {
      const r = await getWithHost(n.url, '/.well-known/did.json', 'newport.gwent.example');
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^application\/did\+ld\+json/);
      expect(r.json.id).toBe(NEWPORT);
      const withPort = await getWithHost(
        n.url,
        '/.well-known/did.json',
        'Torfaen.Gwent.Example:8443',
      );
      expect(withPort.json.id).toBe('did:web:torfaen.gwent.example');
      for (const host of ['127.0.0.1', 'elsewhere.example', '[::1]:80']) {
        const miss = await getWithHost(n.url, '/.well-known/did.json', host);
        expect(miss.status, host).toBe(404);
        expect(miss.json.code).toBe('DID_UNKNOWN');
      }
    });
  });

  describe('trusted issuers', () => {
    it('the demo genesis authorises the councils and the UHB from height 0', async () => {
      const all = await n.http.get<Issuers>('/v1/trusted-issuers');
      expect(all.status).toBe(200);
      expect(all.json.issuers).toHaveLength(16);
      for (const a of all.json.issuers) {
        expect(a.periods).toEqual([{ fromMs: n.node.genesis.timeMs, fromHeight: 0 }]);
        expect(a.authorisedNow).toBe(true);
      }
      const patient = await n.http.get<Issuers>(
        `/v1/trusted-issuers?vct=${encodeURIComponent(DEMO_VCT.patient)}`,
      );
      expect(patient.json.issuers.map((a) => a.issuer)).toEqual([UHB]);
      const bad = await n.http.get<Problem>('/v1/trusted-issuers?vct=no%20scheme');
      expect([bad.status, bad.json.code]).toEqual([400, 'REQUEST_INVALID']);
    });

    it('authorise and deauthorise take a quorum; the periods say when, in block time', async () => {
      const vct = 'urn:cadwyn:vct:fishing-licence:1';
      const grant = { issuer: 'did:web:nrw.gwent.example', vct };
      expect(
        await refused(await gov('identity.authoriseIssuer', grant, quorum.slice(0, 6))),
      ).toEqual([403, 'GOV_NO_QUORUM']);
      const on = await committed(await gov('identity.authoriseIssuer', grant));
      const q = `/v1/trusted-issuers?vct=${encodeURIComponent(vct)}`;
      const after = await n.http.get<Issuers>(q);
      expect(after.json.issuers).toEqual([
        {
          ...grant,
          periods: [{ fromMs: on.blockTimeMs, fromHeight: on.height }],
          authorisedNow: true,
        },
      ]);
      expect(await refused(await gov('identity.authoriseIssuer', grant))).toEqual([
        422,
        'ID_ISSUER_ALREADY_AUTHORISED',
      ]);
      const off = await committed(await gov('identity.deauthoriseIssuer', grant));
      const closed = await n.http.get<Issuers>(q);
      expect(closed.json.issuers[0]?.periods).toEqual([
        {
          fromMs: on.blockTimeMs,
          fromHeight: on.height,
          untilMs: off.blockTimeMs,
          untilHeight: off.height,
        },
      ]);
      expect(closed.json.issuers[0]?.authorisedNow).toBe(false);
      // The genesis authorisations are untouched.
      expect((await n.http.get<Issuers>('/v1/trusted-issuers')).json.issuers).toHaveLength(17);
    });
  });

  describe('status anchors', () => {
    it('a member anchors a list; GET /v1/status-anchors?uri= gives the current anchor', async () => {
      const uri = `${n.url}/status/torfaen/1`;
      const torfaen = by('torfaen');
      const d1 = randomDigest();
      const first = await committed(
        await tx('identity.anchorStatusList', torfaen, { uri, digest: d1 }),
      );
      const d2 = randomDigest();
      await committed(await tx('identity.anchorStatusList', torfaen, { uri, digest: d2 }));
      const r = await n.http.get<StatusAnchor>(`/v1/status-anchors?uri=${encodeURIComponent(uri)}`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ uri, issuer: torfaen.did, digest: d2, version: 2 });
      expect(r.json.height).toBeGreaterThan(first.height ?? 0);
      expect(
        await refused(await tx('identity.anchorStatusList', by('caerphilly'), { uri, digest: d1 })),
      ).toEqual([422, 'ID_STATUS_NOT_OWNER']);
      expect(
        await refused(
          await tx('identity.anchorStatusList', newDidKeySender(), { uri, digest: d1 }),
        ),
      ).toEqual([403, 'ID_SENDER_NOT_MEMBER']);
      const none = await n.http.get<Problem>(
        `/v1/status-anchors?uri=${encodeURIComponent(`${uri}x`)}`,
      );
      expect([none.status, none.json.code]).toEqual([404, 'STATUS_ANCHOR_NOT_FOUND']);
      const missing = await n.http.get<Problem>('/v1/status-anchors');
      expect([missing.status, missing.json.code]).toEqual([400, 'REQUEST_INVALID']);
    });
  });

  describe('consent and access records', () => {
    it('grant, access served, withdraw, then a served claim is refused by the ledger', async () => {
      const citizen: Sender = newDidKeySender('ES256');
      const uhb = by('aneurin-bevan');
      const grantPayload = {
        holder: UHB,
        requester: NEWPORT,
        purpose: { code: 'blue-badge', en: 'Blue badge application', cy: 'Cais bathodyn glas' },
        categories: ['mobility'],
        lawfulBasis: 'consent',
        expiresMs: Date.now() + 3_600_000,
      };
      expect(
        await refused(await tx('consent.grant', citizen, grantPayload, { lat: 51.58, lon: -2.99 })),
      ).toEqual([422, 'CONSENT_GEO_TOO_PRECISE']);
      const grant = await tx('consent.grant', citizen, grantPayload, { area: 'W06000022' });
      const g = await committed(grant);
      const consentId = txId(grant);
      const c = await n.http.get<Consent>(`/v1/consents/${consentId}`);
      expect(c.status).toBe(200);
      expect(c.json).toMatchObject({
        id: consentId,
        subject: citizen.did,
        holder: UHB,
        requester: NEWPORT,
        categories: ['mobility'],
        grantedMs: g.blockTimeMs,
        height: g.height,
      });

      const record = (requestId: string, outcome: 'served' | 'refused', who: TxSigner = uhb) =>
        tx('access.record', who, {
          requestId,
          requester: NEWPORT,
          subject: citizen.did,
          category: 'mobility',
          purpose: 'blue-badge',
          consentId,
          outcome,
          ...(outcome === 'refused' ? { reason: 'consent-withdrawn' } : {}),
        });
      const rid1 = randomDigest().slice(0, 32);
      expect(await refused(await record(rid1, 'served', by('torfaen')))).toEqual([
        422,
        'ACCESS_SERVED_WITHOUT_CONSENT',
      ]);
      const served = await committed(await record(rid1, 'served'));
      const a = await n.http.get<AccessRecord>(`/v1/access-records/${rid1}`);
      expect(a.status).toBe(200);
      expect(a.json).toMatchObject({
        requestId: rid1,
        holder: UHB,
        subject: citizen.did,
        outcome: 'served',
        consentId,
        height: served.height,
        timeMs: served.blockTimeMs,
      });

      await committed(await tx('consent.withdraw', citizen, { consentId }));
      const w = await n.http.get<Consent>(`/v1/consents/${consentId}`);
      expect(w.json.withdrawnMs).toBeGreaterThanOrEqual(g.blockTimeMs ?? 0);
      const rid2 = randomDigest().slice(0, 32);
      expect(await refused(await record(rid2, 'served'))).toEqual([
        422,
        'ACCESS_SERVED_WITHOUT_CONSENT',
      ]);
      await committed(await record(rid2, 'refused'));
      expect(await refused(await record(rid2, 'refused'))).toEqual([422, 'ACCESS_DUPLICATE']);

      // "Who used my data": the node reads the subject's index keys by range.
      const consents = n.node.store.stateRange(`consent-of/${citizen.did}/`, 100);
      expect(consents.map(([, v]) => v)).toEqual([consentId]);
      const accesses = n.node.store.stateRange(`access-of/${citizen.did}/`, 100);
      expect(accesses.map(([, v]) => v).sort()).toEqual([rid1, rid2].sort());
      expect(n.node.store.stateRange(`access-of/${citizen.did}/`, 1)).toHaveLength(1);
    });

    it('unknown ids are 404 problems; malformed ones 400', async () => {
      const c = await n.http.get<Problem>(`/v1/consents/${'0'.repeat(64)}`);
      expect([c.status, c.json.code]).toEqual([404, 'CONSENT_NOT_FOUND']);
      const a = await n.http.get<Problem>(`/v1/access-records/${'0'.repeat(32)}`);
      expect([a.status, a.json.code]).toEqual([404, 'ACCESS_RECORD_NOT_FOUND']);
      const bad = await n.http.get<Problem>('/v1/access-records/XYZ');
      expect([bad.status, bad.json.code]).toEqual([400, 'REQUEST_INVALID']);
    });
  });

  describe('key rotation', () => {
    it('governance.updateMember rotates a key; /v1/dids and did.json show only the new one', async () => {
      const kp = generateKeyPairSync('Ed25519');
      const x = toBase64Url(kp.publicKey.bytes);
      await committed(
        await gov('governance.updateMember', {
          did: NEWPORT,
          keys: [{ id: 'key-2', alg: 'Ed25519', publicKey: x }],
        }),
      );
      const expected = [
        {
          id: `${NEWPORT}#key-2`,
          type: 'JsonWebKey2020',
          controller: NEWPORT,
          publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x },
        },
      ];
      const r = await n.http.get<DidDocument>(`/v1/dids/${NEWPORT}`);
      expect(r.json.verificationMethod).toEqual(expected);
      expect(r.json.assertionMethod).toEqual([`${NEWPORT}#key-2`]);
      const wk = await getWithHost(n.url, '/.well-known/did.json', 'newport.gwent.example');
      expect(wk.json.verificationMethod).toEqual(expected);
    });
  });

  it('the OpenAPI document lists the new read endpoints and transaction types', async () => {
    const r = await n.http.get<{ paths: Record<string, unknown>; components: { schemas: object } }>(
      '/v1/openapi.json',
    );
    for (const p of [
      '/v1/dids/{did}',
      '/.well-known/did.json',
      '/v1/trusted-issuers',
      '/v1/status-anchors',
      '/v1/consents/{id}',
      '/v1/access-records/{requestId}',
    ]) {
      expect(Object.keys(r.json.paths)).toContain(p);
    }
    for (const t of [
      'identity.authoriseIssuer',
      'identity.deauthoriseIssuer',
      'identity.anchorStatusList',
      'consent.grant',
      'consent.withdraw',
      'access.record',
    ]) {
      expect(Object.keys(r.json.components.schemas)).toContain(`payload:${t}`);
    }
  });
});
