// Issue 3's security and privacy tests, against a real node over HTTP. Every attack must be
// refused with its stable code; every data request a member body makes — served or refused —
// must leave an access record on the ledger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, toHex, utf8 } from '../src/core/bytes.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { SignedTx } from '../src/core/tx.js';
import { issueCredential } from '../src/identity/credential.js';
import { signerFromPrivateKey } from '../src/identity/signer.js';
import { VCT } from '../src/identity/types.js';
import { DEMO_NETWORK } from '../src/ledger/demo.js';
import type { MemberKeyFile } from '../src/node/datadir.js';
import { FILES, privateKeyOf } from '../src/node/datadir.js';
import { signSync } from '../src/node/crypto-node.js';
import { dataRequestMessage } from '../src/node/identity/exchange.js';
import type { DataRequest } from '../src/node/identity/exchange.js';
import { historyChallengeMessage } from '../src/node/identity/history.js';
import { MemoryStorage, Wallet } from '../src/wallet/index.js';
import type { Problem, TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';
import type { Holder } from './identity-helpers.js';
import { askAndPresent, newHolder, offer, redeem, RESIDENT, staffOf } from './identity-helpers.js';

const NEWPORT = 'did:web:newport.gwent.example';
const HEALTH = 'did:web:aneurin-bevan.gwent.example';
const TORFAEN = 'did:web:torfaen.gwent.example';
const CARE = { code: 'care-planning', en: 'Planning your care', cy: 'Cynllunio eich gofal' };
const FULL_CLAIMS = {
  ...RESIDENT,
  age_over_16: true,
  age_over_18: true,
  local_authority: 'W06000022',
};
const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };

let n: TestNode;

beforeAll(async () => {
  n = await startTestNode();
});
afterAll(async () => stopTestNode(n));

const nowS = () => Math.floor(Date.now() / 1000);

async function newWallet(): Promise<Wallet> {
  const w = await Wallet.create({
    storage: new MemoryStorage(),
    passphrase: 'pin 2468',
    kdf: FAST_KDF,
  });
  if (!w.ok) throw new Error(w.code);
  return w.value;
}

async function submit(tx: SignedTx): Promise<string> {
  const r = await n.http.post<{ id: string; status: string }>('/v1/transactions?waitMs=10000', tx);
  expect(r.status, r.text).toBeLessThan(300);
  expect(['committed', 'final'], r.text).toContain(r.json.status);
  return r.json.id;
}

async function nextSeq(did: string): Promise<number> {
  const r = await n.http.get<{ nextSeq: number }>(`/v1/accounts/${did}`);
  return r.json.nextSeq;
}

async function grant(w: Wallet, over: Partial<Parameters<Wallet['consentGrant']>[0]> = {}) {
  const sender = await w.didFor(over.holder ?? NEWPORT);
  const tx = await w.consentGrant(
    {
      holder: NEWPORT,
      requester: HEALTH,
      purpose: CARE,
      categories: ['housing'],
      lawfulBasis: 'consent',
      expiresMs: Date.now() + 3_600_000,
      geo: { area: 'W06000022' },
      ...over,
    },
    { network: DEMO_NETWORK, seq: await nextSeq(sender), timeMs: Date.now() },
  );
  if (!tx.ok) throw new Error(tx.code);
  return submit(tx.value);
}

interface AskAnswer {
  status: number;
  code?: string;
  data?: unknown;
  accessRecord?: { requestId: string; txId: string };
}

async function ask(
  requesterSlug: string,
  body: { holder?: string; consentId: string; category?: string; purpose?: string },
): Promise<AskAnswer> {
  const r = await n.http.post<AskAnswer & Problem>(
    `/v1/exchange/${requesterSlug}/ask`,
    { holder: NEWPORT, category: 'housing', purpose: 'care-planning', ...body },
    staffOf(n),
  );
  return { ...r.json, status: r.status };
}

/** The ledger's access record for an answer: it must exist whatever the outcome. */
async function accessRecordOf(a: AskAnswer) {
  expect(a.accessRecord, JSON.stringify(a)).toBeDefined();
  const r = await n.http.get<{
    outcome: string;
    reason?: string;
    requester: string;
    subject: string;
    holder: string;
  }>(`/v1/access-records/${a.accessRecord?.requestId ?? ''}`);
  expect(r.status).toBe(200);
  return r.json;
}

describe('presentations: each attack refused with its code', () => {
  let holder: Holder;
  let credential: string;

  beforeAll(async () => {
    holder = newHolder();
    credential = await redeem(await offer(n), holder);
  });

  const codeOf = async (o: Parameters<typeof askAndPresent>[3]) => {
    const { res, result } = await askAndPresent(n, credential, holder, o);
    expect(res.status).toBe(400);
    expect(result.status).toBe('failed');
    return result.code;
  };

  it('a tampered disclosure', async () => {
    const tweak = (p: string) => {
      const parts = p.split('~');
      const d = parts[1] ?? '';
      parts[1] = d.slice(0, 5) + (d[5] === 'A' ? 'B' : 'A') + d.slice(6);
      return parts.join('~');
    };
    expect(await codeOf({ tweak })).toBe('DISCLOSURE_INVALID');
  });

  it('a dropped disclosure (after the key-binding JWT was signed)', async () => {
    const tweak = (p: string) => {
      const parts = p.split('~');
      parts.splice(1, 1);
      return parts.join('~');
    };
    expect(await codeOf({ tweak })).toBe('KB_SD_HASH_MISMATCH');
  });

  it('an added disclosure: genuine from the same credential, or made up', async () => {
    const all = credential.split('~').filter((x) => x.length > 0);
    const tweakGenuine = (p: string) => {
      const parts = p.split('~');
      // A top-level claim of the same credential that was not chosen: its digest is genuine.
      const extra =
        all
          .slice(1)
          .find((d) => new TextDecoder().decode(fromBase64Url(d)).includes('"given_name"')) ?? '';
      parts.splice(1, 0, extra);
      return parts.join('~');
    };
    expect(await codeOf({ tweak: tweakGenuine })).toBe('KB_SD_HASH_MISMATCH');
    const fake = toBase64Url(utf8(JSON.stringify(['c2FsdHNhbHRzYWx0', 'age_over_21', true])));
    const tweakFake = (p: string) => {
      const parts = p.split('~');
      parts.splice(1, 0, fake);
      return parts.join('~');
    };
    expect(await codeOf({ tweak: tweakFake })).toBe('DISCLOSURE_INVALID');
  });

  it('a wrong key-binding audience or nonce', async () => {
    expect(await codeOf({ aud: 'decentralized_identifier:did:web:caerphilly.gwent.example' })).toBe(
      'KB_WRONG_AUDIENCE',
    );
    expect(await codeOf({ nonce: 'not-the-nonce' })).toBe('KB_WRONG_NONCE');
  });

  it('a replayed presentation: to the same request, and to a new one', async () => {
    const first = await askAndPresent(n, credential, holder);
    expect(first.res.status).toBe(200);
    const again = await first.post();
    expect(((await again.json()) as Problem).code).toBe('PRESENTATION_REPLAYED');
    expect(await codeOf({ tweak: () => first.presentation })).toBe('KB_WRONG_NONCE');
  });

  it('a presentation that leaves out a claim the service asked for', async () => {
    expect(await codeOf({ disclose: [['age_over_18']] })).toBe('CLAIMS_MISSING');
  });

  it('an issuer that is not a member (not trusted)', async () => {
    const seed = ed25519.utils.randomSecretKey();
    const forged = await issueCredential({
      vct: VCT.gwentResident,
      issuer: 'did:web:newport.evil.example',
      signer: signerFromPrivateKey(
        { alg: 'Ed25519', bytes: seed },
        'did:web:newport.evil.example#key-1',
      ),
      holderJwk: holder.jwk,
      claims: FULL_CLAIMS,
      iatS: nowS(),
      expS: nowS() + 86_400,
      status: { uri: 'https://newport.evil.example/status/1', idx: 1 },
    });
    const r = await askAndPresent(n, forged, holder);
    expect(r.result.code).toBe('ISSUER_UNKNOWN');
  });

  it('a member body not authorised for that credential type', async () => {
    const file = JSON.parse(
      readFileSync(join(n.dataDir, FILES.membersDir, 'gwent-police.json'), 'utf8'),
    ) as MemberKeyFile;
    const police = 'did:web:gwent-police.gwent.example';
    const uri = (
      decodeJwt(credential.split('~')[0] ?? '') as { status: { status_list: { uri: string } } }
    ).status.status_list.uri;
    const unauthorised = await issueCredential({
      vct: VCT.gwentResident,
      issuer: police,
      signer: signerFromPrivateKey(
        privateKeyOf(file.alg, file.privateKey),
        `${police}#${file.keyId}`,
      ),
      holderJwk: holder.jwk,
      claims: FULL_CLAIMS,
      iatS: nowS(),
      expS: nowS() + 86_400,
      status: { uri, idx: 4095 },
    });
    const r = await askAndPresent(n, unauthorised, holder);
    expect(r.result.code).toBe('ISSUER_NOT_AUTHORISED');
  });

  it('a status list swapped for an older version (the ledger anchor disagrees)', async () => {
    const h2 = newHolder();
    const o = await offer(n);
    const cred = await redeem(o, h2);
    const st = await n.http.get<{ credentialId: string }>(
      `/v1/issuers/newport/offers/${o.offerId}`,
      staffOf(n),
    );
    const uri = (
      decodeJwt(cred.split('~')[0] ?? '') as { status: { status_list: { uri: string } } }
    ).status.status_list.uri;
    const old = await (await fetch(uri)).text();
    const revoked = await n.http.post(
      `/v1/issuers/newport/credentials/${st.json.credentialId}/status`,
      { status: 'revoked' },
      staffOf(n),
    );
    expect(revoked.status).toBe(200);
    // Someone with access to the issuer's store puts back the list from before the revocation.
    const db = new Database(join(n.dataDir, 'services.db'));
    db.prepare(`UPDATE status_lists SET token = ? WHERE uri = ?`).run(old, uri);
    db.close();
    expect((await askAndPresent(n, cred, h2)).result.code).toBe('STATUS_LIST_NOT_CURRENT');
  });

  it('revoked and suspended credentials', async () => {
    const h3 = newHolder();
    const o = await offer(n);
    const cred = await redeem(o, h3);
    const st = await n.http.get<{ credentialId: string }>(
      `/v1/issuers/newport/offers/${o.offerId}`,
      staffOf(n),
    );
    const set = (status: string) =>
      n.http.post(
        `/v1/issuers/newport/credentials/${st.json.credentialId}/status`,
        { status },
        staffOf(n),
      );
    await set('suspended');
    expect((await askAndPresent(n, cred, h3)).result.code).toBe('CREDENTIAL_SUSPENDED');
    await set('revoked');
    expect((await askAndPresent(n, cred, h3)).result.code).toBe('CREDENTIAL_REVOKED');
  });
});

// Its own node: moving a node's clock a year ahead moves its blocks too, and the later tests
// need a node whose blocks are in the present.
describe('an expired credential', () => {
  let m: TestNode;
  let offset = 0;
  beforeAll(async () => {
    m = await startTestNode({ clock: () => Date.now() + offset });
  });
  afterAll(async () => stopTestNode(m));

  it('is refused once the clock moves past exp', async () => {
    const h = newHolder();
    const cred = await redeem(await offer(m), h);
    const exp = (decodeJwt(cred.split('~')[0] ?? '') as { exp: number }).exp;
    offset = (exp - Math.floor(Date.now() / 1000) + 3600) * 1000;
    const r = await askAndPresent(m, cred, h, { iatS: Math.floor((Date.now() + offset) / 1000) });
    expect(r.result.code).toBe('CREDENTIAL_EXPIRED');
  });
});

describe('consent-gated data exchange: refused with a code, and always on the ledger', () => {
  let w: Wallet;
  let consentId: string;
  let subject: string;

  beforeAll(async () => {
    w = await newWallet();
    subject = await w.didFor(NEWPORT);
    const rec = await fetch(`${n.url}/v1/exchange/newport/records`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...staffOf(n) },
      body: JSON.stringify({
        subject,
        category: 'housing',
        value: { band: 'B', tenure: 'council' },
      }),
    });
    expect(rec.status).toBe(204);
    consentId = await grant(w);
  });

  it('serves under a valid consent, and records it', async () => {
    const a = await ask('aneurin-bevan', { consentId });
    expect(a.status).toBe(200);
    expect(a.data).toEqual({ band: 'B', tenure: 'council' });
    const rec = await accessRecordOf(a);
    expect(rec).toMatchObject({ outcome: 'served', requester: HEALTH, subject, holder: NEWPORT });
  });

  it.each([
    [
      'another purpose',
      'aneurin-bevan',
      { purpose: 'benefits-assessment' },
      'CONSENT_WRONG_PURPOSE',
    ],
    ['another category', 'aneurin-bevan', { category: 'council-tax' }, 'CONSENT_WRONG_CATEGORY'],
    ['another service (someone else’s consent)', 'caerphilly', {}, 'CONSENT_WRONG_REQUESTER'],
    [
      'a consent for data held by another body',
      'aneurin-bevan',
      { holder: TORFAEN },
      'CONSENT_WRONG_HOLDER',
    ],
  ])('refuses %s', async (_what, requester, over, code) => {
    const a = await ask(requester, { consentId, ...over });
    expect(a.status).toBe(403);
    expect(a.code).toBe(code);
    const rec = await accessRecordOf(a);
    expect(rec.outcome).toBe('refused');
    expect(rec.reason).toBe(code.toLowerCase().replace(/_/g, '-'));
    expect(rec.subject).toBe(subject);
  });

  it('refuses under an expired consent', async () => {
    const short = await grant(w, { expiresMs: Date.now() + 1500 });
    await new Promise((r) => setTimeout(r, 1700));
    const a = await ask('aneurin-bevan', { consentId: short });
    expect(a.code).toBe('CONSENT_EXPIRED');
    expect((await accessRecordOf(a)).outcome).toBe('refused');
  });

  it('refuses under a withdrawn consent', async () => {
    const c = await grant(w);
    expect((await ask('aneurin-bevan', { consentId: c })).status).toBe(200);
    const tx = await w.consentWithdraw(
      { consentId: c, holder: NEWPORT },
      { network: DEMO_NETWORK, seq: await nextSeq(subject), timeMs: Date.now() },
    );
    if (!tx.ok) throw new Error(tx.code);
    await submit(tx.value);
    const a = await ask('aneurin-bevan', { consentId: c });
    expect(a.code).toBe('CONSENT_WITHDRAWN');
    expect((await accessRecordOf(a)).outcome).toBe('refused');
  });

  it('refuses a request not signed by the body it names, and a replayed one', async () => {
    const request: DataRequest = {
      v: 1,
      requestId: toHex(crypto.getRandomValues(new Uint8Array(16))),
      requester: HEALTH,
      holder: NEWPORT,
      consentId,
      category: 'housing',
      purpose: 'care-planning',
      timeMs: Date.now(),
    };
    const caerphillyKey = JSON.parse(
      readFileSync(join(n.dataDir, FILES.membersDir, 'caerphilly.json'), 'utf8'),
    ) as MemberKeyFile;
    const forged = toBase64Url(
      signSync(privateKeyOf('Ed25519', caerphillyKey.privateKey), dataRequestMessage(request)),
    );
    const bad = await n.http.post<Problem>('/v1/exchange/newport/requests', {
      request,
      sig: { keyId: 'key-1', alg: 'Ed25519', sig: forged },
    });
    expect(bad.status).toBe(401);
    expect(bad.json.code).toBe('EXCHANGE_SIGNATURE_INVALID');
    const healthKey = JSON.parse(
      readFileSync(join(n.dataDir, FILES.membersDir, 'aneurin-bevan.json'), 'utf8'),
    ) as MemberKeyFile;
    const good = {
      request,
      sig: {
        keyId: 'key-1',
        alg: 'Ed25519',
        sig: toBase64Url(
          signSync(privateKeyOf('Ed25519', healthKey.privateKey), dataRequestMessage(request)),
        ),
      },
    };
    expect((await n.http.post('/v1/exchange/newport/requests', good)).status).toBe(200);
    const replay = await n.http.post<Problem>('/v1/exchange/newport/requests', good);
    expect(replay.status).toBe(409);
    expect(replay.json.code).toBe('EXCHANGE_REPLAYED');
  });
});

describe('who used my data', () => {
  let w: Wallet;

  beforeAll(async () => {
    w = await newWallet();
    const subject = await w.didFor(NEWPORT);
    await fetch(`${n.url}/v1/exchange/newport/records`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...staffOf(n) },
      body: JSON.stringify({ subject, category: 'housing', value: { band: 'C' } }),
    });
    const c = await grant(w);
    expect((await ask('aneurin-bevan', { consentId: c })).status).toBe(200);
    expect((await ask('caerphilly', { consentId: c })).status).toBe(403);
  });

  async function challenge() {
    const r = await n.http.post<{ challenge: string; aud: string }>('/v1/history/challenge', {});
    expect(r.status).toBe(200);
    return r.json;
  }

  it('lists every consent and access record (served and refused), as JSON and CSV', async () => {
    const c = await challenge();
    const proofs = await w.proveControl(c.challenge, c.aud);
    const r = await n.http.post<{ consents: unknown[]; access: { outcome: string }[] }>(
      '/v1/history',
      {
        challenge: c.challenge,
        proofs,
      },
    );
    expect(r.status).toBe(200);
    expect(r.json.consents).toHaveLength(1);
    expect(r.json.access.map((a) => a.outcome).sort()).toEqual(['refused', 'served']);
    const c2 = await challenge();
    const csv = await n.http.post('/v1/history?format=csv', {
      challenge: c2.challenge,
      proofs: await w.proveControl(c2.challenge, c2.aud),
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.trim().split('\r\n')).toHaveLength(4);
  });

  it('refuses without proof of control of the pseudonym', async () => {
    const c = await challenge();
    const victim = await w.didFor(NEWPORT);
    const attacker = await newWallet();
    const [mine] = await attacker.proveControl(c.challenge, c.aud);
    // The attacker's signature presented as the victim's.
    const r = await n.http.post<Problem>('/v1/history', {
      challenge: c.challenge,
      proofs: [{ did: victim, sig: mine?.sig ?? '' }],
    });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('HISTORY_PROOF_INVALID');
    // A signature over another challenge, and an unknown challenge.
    const other = await challenge();
    const sig = toBase64Url(
      await w.sign(victim, historyChallengeMessage(other.challenge, victim, other.aud)),
    );
    const r2 = await n.http.post<Problem>('/v1/history', {
      challenge: c.challenge,
      proofs: [{ did: victim, sig }],
    });
    expect(r2.json.code).toBe('HISTORY_PROOF_INVALID');
    const r3 = await n.http.post<Problem>('/v1/history', {
      challenge: 'made-up',
      proofs: [{ did: victim, sig }],
    });
    expect(r3.status).toBe(401);
    expect(r3.json.code).toBe('HISTORY_CHALLENGE_INVALID');
  });

  it('a challenge answers once', async () => {
    const c = await challenge();
    const proofs = await w.proveControl(c.challenge, c.aud);
    expect((await n.http.post('/v1/history', { challenge: c.challenge, proofs })).status).toBe(200);
    const again = await n.http.post<Problem>('/v1/history', { challenge: c.challenge, proofs });
    expect(again.json.code).toBe('HISTORY_CHALLENGE_INVALID');
  });
});
