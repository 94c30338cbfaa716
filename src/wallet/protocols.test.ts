// The wallet's protocols against a fake issuer, verifier and ledger node (an injected fetch):
// the refusals a real node does not easily produce. test/wallet-flow.test.ts runs the same
// flows against a real node.
import { EmbeddedJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../core/bytes.js';
import type { Result } from '../core/result.js';
import type { SignedTx } from '../core/tx.js';
import { txIdOf } from '../core/tx.js';
import { issueCredential } from '../identity/credential.js';
import type { JwsSigner } from '../identity/signer.js';
import { testKey } from '../identity/testkit.js';
import { VCT } from '../identity/types.js';
import type { Fetch } from './net.js';
import { readOffer } from './oid4vci.js';
import type { KeyLookup } from './oid4vp.js';
import { verifyRequestObject } from './oid4vp.js';
import { MemoryStorage } from './storage.js';
import { Wallet } from './wallet.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const NODE = 'https://node.example';
const ISSUER_URL = 'https://council.example/issuers/newport';
const COUNCIL = 'did:web:newport.gwent.example';
const HEALTH = 'did:web:aneurin-bevan.gwent.example';
const KID = `${COUNCIL}#key-1`;
const councilKey = testKey('council', 'Ed25519', KID);
const PRE = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const CLAIMS = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
  local_authority: 'W06000022',
  age_over_16: true,
  age_over_18: true,
};

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

function code(r: Result<unknown>): string {
  return r.ok ? 'OK' : r.code;
}

const json = (x: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(x), { status, headers: { 'content-type': type } });
const problem = (status: number, c: string) =>
  json({ status, code: c, title: c, detail: 'because' }, status, 'application/problem+json');

type Handler = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;

/** A fetch over a route table ("METHOD path"), recording what was asked. */
function fakeNet(routes: Record<string, Handler>) {
  const calls: { method: string; url: string; body?: string }[] = [];
  const f: Fetch = async (input, init) => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    calls.push({
      method,
      url: input,
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    const key = `${method} ${url.origin}${url.pathname}`;
    const h = routes[key];
    return h ? h(url, init) : problem(404, 'NOT_FOUND');
  };
  return { fetch: f, calls };
}

async function newWallet(): Promise<Wallet> {
  return value(await Wallet.create({ storage: new MemoryStorage(), passphrase: 'pin', kdf: FAST }));
}

function offerUri(offer: object): string {
  return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
}

const OFFER = {
  credential_issuer: ISSUER_URL,
  credential_configuration_ids: ['gwent-resident'],
  grants: { [PRE]: { 'pre-authorized_code': 'code-1', tx_code: { length: 4 } } },
};

interface IssuerSetup {
  /** Signs the credential (default: the council's ledger key). */
  signer?: JwsSigner;
  /** Binds the credential to this key instead of the proof's. */
  holderJwk?: JsonWebKey;
  metadataIssuer?: string;
  didKnown?: boolean;
  authorised?: boolean;
  credentialError?: string;
}

/** A council's issuer and the ledger node, as one fake network. */
function issuerWorld(o: IssuerSetup = {}) {
  const proofs: string[] = [];
  const net = fakeNet({
    'GET https://council.example/.well-known/openid-credential-issuer/issuers/newport': () =>
      json({
        credential_issuer: o.metadataIssuer ?? ISSUER_URL,
        credential_endpoint: `${ISSUER_URL}/credential`,
        nonce_endpoint: `${ISSUER_URL}/nonce`,
        display: [
          { name: 'Newport (metadata)', locale: 'en' },
          { name: 'Casnewydd (metadata)', locale: 'cy' },
        ],
        credential_configurations_supported: {
          'gwent-resident': {
            format: 'dc+sd-jwt',
            vct: VCT.gwentResident,
            proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
          },
        },
      }),
    'GET https://council.example/.well-known/oauth-authorization-server/issuers/newport': () =>
      json({ issuer: ISSUER_URL, token_endpoint: `${ISSUER_URL}/token` }),
    [`POST ${ISSUER_URL}/token`]: (_u, init) => {
      const form = new URLSearchParams(String(init?.body));
      if (form.get('tx_code') !== '1234') {
        return json({ error: 'invalid_grant', error_description: 'wrong or missing tx_code' }, 400);
      }
      return json({ access_token: 'at', token_type: 'Bearer' });
    },
    [`POST ${ISSUER_URL}/nonce`]: () => json({ c_nonce: 'n-1' }),
    [`POST ${ISSUER_URL}/credential`]: async (_u, init) => {
      if (o.credentialError) return json({ error: o.credentialError }, 400);
      const body = JSON.parse(String(init?.body)) as { proofs: { jwt: string[] } };
      const proof = body.proofs.jwt[0] ?? '';
      proofs.push(proof);
      const { protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { audience: ISSUER_URL });
      const credential = await issueCredential({
        vct: VCT.gwentResident,
        issuer: COUNCIL,
        signer: o.signer ?? councilKey.signer,
        holderJwk: o.holderJwk ?? (protectedHeader.jwk as JsonWebKey),
        claims: CLAIMS,
        iatS: Math.floor(Date.now() / 1000),
        expS: Math.floor(Date.now() / 1000) + 86_400,
        status: { uri: 'https://council.example/status/newport/1', idx: 3 },
      });
      return json({ credentials: [{ credential }] });
    },
    [`GET ${NODE}/v1/dids/${encodeURIComponent(COUNCIL)}`]: () =>
      o.didKnown === false
        ? problem(404, 'DID_UNKNOWN')
        : json({
            id: COUNCIL,
            verificationMethod: [{ id: KID, type: 'JsonWebKey2020', publicKeyJwk: councilKey.jwk }],
            assertionMethod: [KID],
            authentication: [KID],
          }),
    [`GET ${NODE}/v1/trusted-issuers`]: () =>
      json({
        issuers:
          o.authorised === false
            ? []
            : [{ issuer: COUNCIL, vct: VCT.gwentResident, periods: [{ fromMs: 0 }] }],
      }),
    [`GET ${NODE}/v1/consortium`]: () =>
      json({
        network: 'gwent-test',
        members: [
          { did: COUNCIL, name: { en: 'Newport City Council', cy: 'Cyngor Dinas Casnewydd' } },
        ],
      }),
  });
  return { ...net, proofs };
}

describe('reading offers', () => {
  it('by value, with the PIN prompt', async () => {
    const offer = value(await readOffer(offerUri(OFFER)));
    expect(offer).toEqual({
      credentialIssuer: ISSUER_URL,
      configurationIds: ['gwent-resident'],
      preAuthorizedCode: 'code-1',
      txCode: { inputMode: 'numeric', length: 4 },
    });
  });

  it('by reference, fetched', async () => {
    const net = fakeNet({ 'GET https://council.example/offers/9': () => json(OFFER) });
    const link = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('https://council.example/offers/9')}`;
    expect(value(await readOffer(link, { fetch: net.fetch })).preAuthorizedCode).toBe('code-1');
  });

  it('refuses what is not an offer it can take', async () => {
    const cases: [string, string][] = [
      ['https://example.com/', 'OFFER_INVALID'],
      ['mailto:x@example.com?credential_offer={}', 'OFFER_INVALID'],
      ['openid-credential-offer://?credential_offer=nope', 'OFFER_INVALID'],
      [offerUri({ ...OFFER, credential_issuer: 'http://council.example/x' }), 'OFFER_INVALID'],
      [offerUri({ ...OFFER, credential_configuration_ids: [] }), 'OFFER_INVALID'],
      [
        offerUri({ ...OFFER, grants: { authorization_code: { issuer_state: 's' } } }),
        'OFFER_UNSUPPORTED',
      ],
      [
        `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(OFFER))}&credential_offer_uri=https%3A%2F%2Fx.example`,
        'OFFER_INVALID',
      ],
    ];
    for (const [link, expected] of cases) expect(code(await readOffer(link)), link).toBe(expected);
  });
});

describe('receiving a credential (fake issuer and ledger)', () => {
  it('binds it to the pairwise key toward the issuer URL, proved with the c_nonce', async () => {
    const wallet = await newWallet();
    const world = issuerWorld();
    const record = value(
      await wallet.receiveOffer(offerUri(OFFER), {
        txCode: '1234',
        fetch: world.fetch,
        nodeUrl: NODE,
      }),
    );
    expect(record.issuerName).toEqual({ en: 'Newport City Council', cy: 'Cyngor Dinas Casnewydd' });
    expect(wallet.pseudonyms()).toEqual([{ service: ISSUER_URL, did: record.holderDid }]);
    const { payload, protectedHeader } = await jwtVerify(world.proofs[0] ?? '', EmbeddedJWK, {
      audience: ISSUER_URL,
    });
    expect(protectedHeader.typ).toBe('openid4vci-proof+jwt');
    expect(payload.nonce).toBe('n-1');
    expect(payload.iss).toBeUndefined();
    // The issuer's key came from the node named, never from the issuer.
    expect(world.calls.some((c) => c.url.startsWith(`${NODE}/v1/dids/`))).toBe(true);

    // A second offer from the same issuer binds to the same pseudonym.
    const again = value(
      await wallet.receiveOffer(offerUri(OFFER), {
        txCode: '1234',
        fetch: issuerWorld().fetch,
        nodeUrl: NODE,
      }),
    );
    expect(again.holderDid).toBe(record.holderDid);
  });

  const refusals: [string, IssuerSetup, string, RegExp?][] = [
    [
      'bound to another key',
      { holderJwk: testKey('other', 'ES256').jwk },
      'CREDENTIAL_INVALID',
      /HOLDER_MISMATCH/,
    ],
    [
      'signed by a key the ledger does not give',
      { signer: testKey('forger', 'Ed25519', KID).signer },
      'CREDENTIAL_INVALID',
      /SIGNATURE_INVALID/,
    ],
    ['from a DID the ledger does not know', { didKnown: false }, 'ISSUER_UNKNOWN'],
    ['from an issuer not authorised for the type', { authorised: false }, 'ISSUER_NOT_AUTHORISED'],
    [
      'with metadata naming another issuer',
      { metadataIssuer: 'https://evil.example' },
      'ISSUER_METADATA_INVALID',
    ],
    [
      'refused at the credential endpoint',
      { credentialError: 'invalid_nonce' },
      'CREDENTIAL_REFUSED',
      /^invalid_nonce/,
    ],
  ];
  it.each(refusals)(
    'refuses a credential %s, and keeps nothing',
    async (_what, setup, expected, detail) => {
      const wallet = await newWallet();
      const world = issuerWorld(setup);
      const r = await wallet.receiveOffer(offerUri(OFFER), {
        txCode: '1234',
        fetch: world.fetch,
        nodeUrl: NODE,
      });
      expect(code(r)).toBe(expected);
      if (detail && !r.ok) expect(r.detail).toMatch(detail);
      expect(await wallet.credentials()).toEqual([]);
    },
  );

  it('a wrong PIN is TOKEN_REFUSED; no network is ISSUER_UNREACHABLE', async () => {
    const wallet = await newWallet();
    const wrong = await wallet.receiveOffer(offerUri(OFFER), {
      txCode: '9999',
      fetch: issuerWorld().fetch,
      nodeUrl: NODE,
    });
    expect(code(wrong)).toBe('TOKEN_REFUSED');
    expect(wrong.ok ? '' : wrong.detail).toBe('invalid_grant: wrong or missing tx_code');
    const offline: Fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const r = await wallet.receiveOffer(offerUri(OFFER), { txCode: '1234', fetch: offline });
    expect(code(r)).toBe('ISSUER_UNREACHABLE');
  });
});

// ---- request objects ----

const VERIFIER = 'did:web:torfaen.gwent.example';
const VKID = `${VERIFIER}#key-1`;
const verifierKey = testKey('torfaen', 'Ed25519', VKID);
const CLIENT_ID = `decentralized_identifier:${VERIFIER}`;
const NOW_S = 1_760_000_000;
const ledger: KeyLookup = async (did, kid) =>
  did !== VERIFIER
    ? { ok: false, code: 'DID_UNKNOWN' }
    : kid === VKID
      ? { ok: true, value: verifierKey.jwk as JsonWebKey }
      : { ok: false, code: 'KEY_UNKNOWN' };

async function requestObject(
  payload: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  signer: JwsSigner = verifierKey.signer,
): Promise<string> {
  const b64 = (x: unknown) => toBase64Url(utf8(JSON.stringify(x)));
  const input = `${b64({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: VKID, ...header })}.${b64({
    client_id: CLIENT_ID,
    response_type: 'vp_token',
    response_mode: 'direct_post',
    response_uri: 'https://torfaen.example/verifiers/torfaen/responses',
    nonce: 'nonce-1',
    state: 'state-1',
    dcql_query: { credentials: [] },
    client_metadata: { client_name: 'Torfaen', 'client_name#cy': 'Torfaen (cy)' },
    cadwyn_purpose: { code: 'parking-permit', en: 'Parking', cy: 'Parcio' },
    exp: NOW_S + 600,
    ...payload,
  })}`;
  return `${input}.${toBase64Url(await signer.sign(utf8(input)))}`;
}

describe('request objects', () => {
  it('accepts one signed by the verifier body’s ledger key, and reads it', async () => {
    const r = value(await verifyRequestObject(await requestObject(), CLIENT_ID, ledger, NOW_S));
    expect(r).toMatchObject({
      verifierDid: VERIFIER,
      nonce: 'nonce-1',
      state: 'state-1',
      clientName: { en: 'Torfaen', cy: 'Torfaen (cy)' },
      purpose: { code: 'parking-permit', en: 'Parking', cy: 'Parcio' },
    });
  });

  it('refuses every other kind', async () => {
    const cases: [string, Promise<string>, string, string?][] = [
      ['wrong typ', requestObject({}, { typ: 'JWT' }), 'REQUEST_INVALID'],
      [
        'kid of another DID',
        requestObject({}, { kid: `${HEALTH}#key-1` }),
        'REQUEST_SIGNATURE_INVALID',
      ],
      [
        'kid not on the ledger',
        requestObject({}, { kid: `${VERIFIER}#key-9` }),
        'REQUEST_SIGNATURE_INVALID',
      ],
      [
        'signed by another key',
        requestObject({}, {}, testKey('x', 'Ed25519').signer),
        'REQUEST_SIGNATURE_INVALID',
      ],
      ['alg none', requestObject({}, { alg: 'none' }), 'REQUEST_SIGNATURE_INVALID'],
      [
        'client_id differs',
        requestObject({ client_id: 'decentralized_identifier:did:web:x.example' }),
        'REQUEST_INVALID',
      ],
      [
        'encrypted response mode',
        requestObject({ response_mode: 'direct_post.jwt' }),
        'REQUEST_UNSUPPORTED',
      ],
      ['no nonce', requestObject({ nonce: '' }), 'REQUEST_INVALID'],
      ['expired', requestObject({ exp: NOW_S - 3600 }), 'REQUEST_EXPIRED'],
      [
        'another client id scheme',
        requestObject(),
        'REQUEST_UNSUPPORTED',
        'x509_san_dns:torfaen.example',
      ],
      [
        'a verifier not on the ledger',
        requestObject(
          { client_id: 'decentralized_identifier:did:web:x.example' },
          { kid: 'did:web:x.example#key-1' },
        ),
        'VERIFIER_UNKNOWN',
        'decentralized_identifier:did:web:x.example',
      ],
    ];
    for (const [what, jwt, expected, clientId] of cases) {
      const r = await verifyRequestObject(await jwt, clientId ?? CLIENT_ID, ledger, NOW_S);
      expect(code(r), what).toBe(expected);
    }
  });

  it('a request by value needs the node to trust named by the caller', async () => {
    const wallet = await newWallet();
    const link = `openid4vp://?client_id=${encodeURIComponent(CLIENT_ID)}&request=${await requestObject()}`;
    expect(code(await wallet.openRequest(link, { nowS: NOW_S }))).toBe('REQUEST_UNSUPPORTED');
  });
});

// ---- ledger transactions and history ----

const GRANT = {
  holder: COUNCIL,
  requester: HEALTH,
  purpose: { code: 'care-planning', en: 'Planning your care', cy: 'Cynllunio eich gofal' },
  categories: ['housing'],
  lawfulBasis: 'consent',
  expiresMs: Date.now() + 86_400_000,
};

/** A node that takes transactions and answers as told. */
function ledgerWorld(answer: (tx: SignedTx, id: string) => Response) {
  const txs: SignedTx[] = [];
  const net = fakeNet({
    [`GET ${NODE}/v1/consortium`]: () => json({ network: 'gwent-test', members: [] }),
    [`POST ${NODE}/v1/transactions`]: async (_u, init) => {
      const tx = JSON.parse(String(init?.body)) as SignedTx;
      // The wallet must wait for one answer before asking the next seq.
      await new Promise((r) => setTimeout(r, 5));
      txs.push(tx);
      return answer(tx, txIdOf(tx.body));
    },
  });
  const f: Fetch = async (input, init) => {
    const u = new URL(input);
    if (u.pathname.startsWith('/v1/accounts/')) {
      const did = decodeURIComponent(u.pathname.slice('/v1/accounts/'.length));
      return json({ did, nextSeq: txs.filter((t) => t.body.sender === did).length + 1 });
    }
    const receipt = /^\/v1\/transactions\/([0-9a-f]{64})\/receipt$/.exec(u.pathname);
    if (receipt) return json({ v: 1, kind: 'cadwyn-receipt', txId: receipt[1] });
    return net.fetch(input, init);
  };
  return { fetch: f, txs, calls: net.calls };
}

describe('ledger transactions', () => {
  it('two grants at once toward one holder get consecutive seqs, each with its receipt', async () => {
    const wallet = await newWallet();
    const world = ledgerWorld((_tx, id) => json({ id, status: 'committed' }));
    const [a, b] = await Promise.all([
      wallet.grantConsent(NODE, GRANT, { fetch: world.fetch }),
      wallet.grantConsent(NODE, { ...GRANT, categories: ['council-tax'] }, { fetch: world.fetch }),
    ]);
    expect(world.txs.map((t) => t.body.seq)).toEqual([1, 2]);
    expect(world.txs.every((t) => t.body.network === 'gwent-test')).toBe(true);
    expect((await wallet.receipts()).map((r) => r.txId).sort()).toEqual(
      [value(a).txId, value(b).txId].sort(),
    );
  });

  it('passes the node’s refusal code through; a slow block is TX_PENDING with the id', async () => {
    const wallet = await newWallet();
    const refused = ledgerWorld(() => problem(409, 'TX_REPLAYED'));
    const r = await wallet.grantConsent(NODE, GRANT, { fetch: refused.fetch });
    expect(code(r)).toBe('TX_REPLAYED');
    const rejected = ledgerWorld((_tx, id) =>
      json({ id, status: 'rejected', code: 'CONSENT_HOLDER_UNKNOWN' }),
    );
    expect(code(await wallet.grantConsent(NODE, GRANT, { fetch: rejected.fetch }))).toBe(
      'CONSENT_HOLDER_UNKNOWN',
    );
    const slow = ledgerWorld((_tx, id) => json({ id, status: 'pending' }, 202));
    const p = await wallet.grantConsent(NODE, GRANT, { fetch: slow.fetch });
    expect(code(p)).toBe('TX_PENDING');
    expect(p.ok ? '' : p.detail).toBe(txIdOf(slow.txs[0]?.body ?? ({} as never)));
    expect(await wallet.receipts()).toEqual([]);
    // The wallet's own check comes first: nothing is sent for an invalid grant.
    const invalid = ledgerWorld(() => json({}));
    const bad = await wallet.grantConsent(
      NODE,
      { ...GRANT, categories: [] },
      { fetch: invalid.fetch },
    );
    expect(code(bad)).toBe('WALLET_TX_INVALID');
    expect(invalid.txs).toEqual([]);
  });
});

describe('history', () => {
  it('refuses a challenge meant for another node, sending no proof', async () => {
    const wallet = await newWallet();
    expect(code(await wallet.fetchHistory(NODE))).toBe('NO_PSEUDONYMS');
    await wallet.didFor(COUNCIL);
    const net = fakeNet({
      [`POST ${NODE}/v1/history/challenge`]: () =>
        json({ challenge: 'c', aud: 'https://other-node.example/v1/history', expiresMs: 0 }),
    });
    expect(code(await wallet.fetchHistory(NODE, { fetch: net.fetch }))).toBe(
      'HISTORY_AUD_MISMATCH',
    );
    expect(net.calls.map((c) => c.url)).toEqual([`${NODE}/v1/history/challenge`]);
  });
});
