// The wallet's own check of whether a credential is still valid, against a real node: valid
// after issuance, suspended, reinstated, revoked; the whole list fetched and never a question
// about one credential; a forged list refused; a genuine but stale list not believed; offline
// is STATUS_UNREACHABLE and the last answer is kept. Plus the wallet's decompression against
// @sd-jwt/jwt-status-list's encoding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signerFromPrivateKey } from '../src/identity/signer.js';
import { createStatusListToken } from '../src/identity/status-list.js';
import type { Fetch } from '../src/wallet/index.js';
import { MemoryStorage, Wallet } from '../src/wallet/index.js';
import { entryAt, inflate } from '../src/wallet/status.js';
import { recordingFetch, value } from './identity-helpers.js';
import type { TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const RESIDENT = {
  given_name: 'Angharad',
  family_name: 'Prydderch',
  birthdate: '1990-04-12',
  address: { street_address: '12 Stryd y Bont', locality: 'Casnewydd', postal_code: 'NP20 1AA' },
};

let n: TestNode;
let staff: Record<string, string>;

beforeAll(async () => {
  n = await startTestNode();
  staff = { authorization: `Bearer ${n.identity.ctx.staffToken}` };
});
afterAll(async () => stopTestNode(n));

const isList = (url: string) => new URL(url).pathname.startsWith('/status/');

describe('a credential’s status, checked by the wallet', () => {
  let wallet: Wallet;
  let id: string;
  let credentialId: string;
  /** A list token from before the revocation. */
  let old: string;

  async function setStatus(status: 'valid' | 'suspended' | 'revoked') {
    const r = await n.http.post(
      `/v1/issuers/newport/credentials/${credentialId}/status`,
      { status },
      staff,
    );
    expect(r.status, r.text).toBe(200);
  }

  it('is valid just after issuance; only the whole list and public ledger data are asked for', async () => {
    wallet = value(
      await Wallet.create({ storage: new MemoryStorage(), passphrase: '1357', kdf: FAST }),
    );
    const o = await n.http.post<{ offerId: string; offerUri: string; txCode: string }>(
      '/v1/issuers/newport/offers',
      { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
      staff,
    );
    expect(o.status, o.text).toBe(201);
    const record = value(await wallet.receiveOffer(o.json.offerUri, { txCode: o.json.txCode }));
    id = record.id;
    const st = await n.http.get<{ credentialId: string }>(
      `/v1/issuers/newport/offers/${o.json.offerId}`,
      staff,
    );
    credentialId = st.json.credentialId;

    const seen = recordingFetch();
    const before = Date.now();
    const r = value(await wallet.credentialStatus(id, { nodeUrl: n.url, fetch: seen.fetch }));
    expect(r.status).toBe('valid');
    expect(r.checkedMs).toBeGreaterThanOrEqual(before);
    // Herd privacy: the list (by its URI, with no index) and public ledger routes, nothing else.
    for (const url of seen.calls) {
      expect(url).not.toContain(credentialId);
      const path = new URL(url).pathname;
      expect(
        isList(url) || ['/v1/status-anchors', '/v1/dids/'].some((p) => path.startsWith(p)),
        url,
      ).toBe(true);
    }
    expect(seen.calls.filter(isList)).toHaveLength(1);
    expect((await wallet.lastStatuses()).get(id)?.status).toBe('valid');
  });

  it('says suspended once Newport suspends it, and valid again when reinstated', async () => {
    await setStatus('suspended');
    expect(value(await wallet.credentialStatus(id, { nodeUrl: n.url })).status).toBe('suspended');
    await setStatus('valid');
    const record = (await wallet.credentials()).find((c) => c.id === id);
    if (!record) throw new Error('no record');
    // By record as well as by id.
    expect(value(await wallet.credentialStatus(record, { nodeUrl: n.url })).status).toBe('valid');
  });

  it('refuses a list whose signature does not verify (STATUS_LIST_INVALID)', async () => {
    const forged = recordingFetch((url, text) => {
      if (!isList(url)) return text;
      const [h, p, s] = text.split('.');
      const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as {
        status_list: { lst: string };
      };
      // Every entry "valid": what a forger would want the phone to believe.
      payload.status_list.lst = Buffer.from([
        0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01,
      ]).toString('base64url');
      return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    });
    const r = await wallet.credentialStatus(id, { nodeUrl: n.url, fetch: forged.fetch });
    expect(r.ok ? 'OK' : r.code).toBe('STATUS_LIST_INVALID');
    expect(r.ok ? '' : r.detail).toBe('signature');
  });

  it('does not believe a genuine but stale list: the ledger anchors the current one', async () => {
    old = (await n.http.get(new URL(await listUri(wallet, id)).pathname)).text;
    await setStatus('revoked');
    const stale = recordingFetch((url, text) => (isList(url) ? old : text));
    const r = await wallet.credentialStatus(id, { nodeUrl: n.url, fetch: stale.fetch });
    expect(r.ok ? 'OK' : r.code).toBe('STATUS_LIST_NOT_CURRENT');
    // The failed check left the last good answer alone.
    expect((await wallet.lastStatuses()).get(id)?.status).toBe('valid');
  });

  it('says revoked once Newport revokes it, past a copy of the list kept from before', async () => {
    // A browser cache holding the old list (max-age) until asked with cache: 'no-cache'.
    const calls: (RequestCache | undefined)[] = [];
    const cached: Fetch = async (url, init) => {
      if (!isList(url)) return fetch(url, init);
      calls.push(init?.cache);
      return init?.cache === 'no-cache'
        ? fetch(url, init)
        : new Response(old, { headers: { 'content-type': 'application/statuslist+jwt' } });
    };
    const r = value(await wallet.credentialStatus(id, { nodeUrl: n.url, fetch: cached }));
    expect(r.status).toBe('revoked');
    expect(calls).toEqual([undefined, 'no-cache']);
    expect((await wallet.lastStatuses()).get(id)?.status).toBe('revoked');
  });

  it('offline is STATUS_UNREACHABLE, and the last answer is still there', async () => {
    const offline: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const r = await wallet.credentialStatus(id, { nodeUrl: n.url, fetch: offline });
    expect(r.ok ? 'OK' : r.code).toBe('STATUS_UNREACHABLE');
    const down = await wallet.credentialStatus(id, { nodeUrl: 'http://127.0.0.1:9' });
    expect(down.ok ? 'OK' : down.code).toBe('STATUS_UNREACHABLE');
    expect((await wallet.lastStatuses()).get(id)?.status).toBe('revoked');
  });

  it('an unknown credential is CREDENTIAL_NOT_FOUND; removing one drops its status too', async () => {
    const r = await wallet.credentialStatus('no-such-credential', { nodeUrl: n.url });
    expect(r.ok ? 'OK' : r.code).toBe('CREDENTIAL_NOT_FOUND');
    expect(await wallet.removeCredential(id)).toBe(true);
    expect((await wallet.lastStatuses()).size).toBe(0);
  });
});

async function listUri(wallet: Wallet, id: string): Promise<string> {
  const record = (await wallet.credentials()).find((c) => c.id === id);
  const payload = JSON.parse(
    Buffer.from(record?.sdJwt.split('~')[0]?.split('.')[1] ?? '', 'base64url').toString(),
  ) as { status: { status_list: { uri: string } } };
  return payload.status.status_list.uri;
}

describe('the wallet’s reading of a status list', () => {
  it('agrees with @sd-jwt/jwt-status-list on every entry, at every width', async () => {
    const signer = signerFromPrivateKey({ alg: 'Ed25519', bytes: new Uint8Array(32).fill(7) });
    const statuses = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 3);
    const token = await createStatusListToken({
      uri: 'https://example.test/status/x/1',
      issuer: 'did:web:example.test',
      kid: 'did:web:example.test#k',
      signer,
      statuses,
      iatS: 1,
      ttlS: 60,
    });
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      status_list: { bits: number; lst: string };
    };
    expect(payload.status_list.bits).toBe(2);
    const bytes = await inflate(payload.status_list.lst, 1 << 20);
    if (!bytes) throw new Error('did not inflate');
    statuses.forEach((s, i) => expect(entryAt(bytes, 2, i)).toBe(s));
    expect(entryAt(bytes, 2, bytes.length * 4)).toBeUndefined();
    expect(entryAt(bytes, 2, -1)).toBeUndefined();
  });

  it('refuses what is not zlib, and a list that inflates past the limit', async () => {
    expect(await inflate('not*base64', 100)).toBeUndefined();
    expect(await inflate(Buffer.from('hello').toString('base64url'), 100)).toBeUndefined();
    // 1000 zero bytes, zlib-compressed, read with room for 100.
    const { deflateSync } = await import('node:zlib');
    const bomb = deflateSync(new Uint8Array(1000)).toString('base64url');
    expect(await inflate(bomb, 100)).toBeUndefined();
    expect((await inflate(bomb, 1000))?.length).toBe(1000);
  });
});
