import { describe, expect, it } from 'vitest';
import { fromBase64Url, utf8 } from '../core/bytes.js';
import type { PublicKey } from '../core/crypto.js';
import { publicKeyFromDidKey } from '../core/did.js';
import { signingInput } from '../core/domain.js';
import { canonicalBytes } from '../core/jcs.js';
import { nobleBackend } from '../core/noble.js';
import type { Result } from '../core/result.js';
import { WalletError } from './errors.js';
import { MemoryStorage } from './storage.js';
import type { CredentialRecord } from './wallet.js';
import { Wallet } from './wallet.js';

// Low scrypt cost keeps the folder fast; production uses DEFAULT_SCRYPT (N = 2^15).
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PIN = '482913';
const COUNCIL = 'did:web:torfaen.gwent.example';
const HEALTH = 'did:web:abuhb.gwent.example';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}`);
  return r.value;
}

function didKey(did: string): PublicKey {
  const pk = publicKeyFromDidKey(did);
  if (pk === undefined) throw new Error(`not a did:key: ${did}`);
  return pk;
}

function b64(text: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (bytes === undefined) throw new Error('not base64url');
  return bytes;
}

function code(r: Result<unknown>): string {
  return r.ok ? 'OK' : r.code;
}

async function newWallet(storage = new MemoryStorage()) {
  const wallet = value(await Wallet.create({ storage, passphrase: PIN, kdf: FAST }));
  return { storage, wallet };
}

const credential = (id: string, holderDid: string): CredentialRecord => ({
  id,
  vct: 'urn:cadwyn:vct:gwent-resident:1',
  issuer: COUNCIL,
  sdJwt: 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln~WyJzYWx0IiwiZ2l2ZW5fbmFtZSIsIkFsZWQiXQ~',
  receivedMs: 1_760_000_000_000,
  holderDid,
});

describe('wallet lifecycle', () => {
  it('is created, locked and opened again with the passphrase', async () => {
    const { storage, wallet } = await newWallet();
    expect(await Wallet.exists(storage)).toBe(true);
    expect(wallet.locked).toBe(false);
    const did = await wallet.didFor(COUNCIL);
    wallet.lock();
    expect(wallet.locked).toBe(true);
    expect(() => wallet.pseudonyms()).toThrow(WalletError);
    await expect(wallet.didFor(COUNCIL)).rejects.toMatchObject({ code: 'WALLET_LOCKED' });
    await expect(wallet.credentials()).rejects.toMatchObject({ code: 'WALLET_LOCKED' });
    const again = value(await Wallet.open({ storage, passphrase: PIN }));
    expect(await again.didFor(COUNCIL)).toBe(did);
  });

  it('answers a wrong passphrase with a code, not a throw', async () => {
    const { storage } = await newWallet();
    expect(code(await Wallet.open({ storage, passphrase: '000000' }))).toBe(
      'WALLET_WRONG_PASSPHRASE',
    );
    expect(code(await Wallet.open({ storage: new MemoryStorage(), passphrase: PIN }))).toBe(
      'WALLET_NOT_FOUND',
    );
    expect(code(await Wallet.create({ storage, passphrase: PIN, kdf: FAST }))).toBe(
      'WALLET_EXISTS',
    );
  });

  it('keeps separate wallets under separate prefixes of one store', async () => {
    const storage = new MemoryStorage();
    const a = value(await Wallet.create({ storage, passphrase: 'a', kdf: FAST, prefix: 'a/' }));
    const b = value(await Wallet.create({ storage, passphrase: 'b', kdf: FAST, prefix: 'b/' }));
    expect(await a.didFor(COUNCIL)).not.toBe(await b.didFor(COUNCIL));
    expect(code(await Wallet.open({ storage, passphrase: 'b', prefix: 'a/' }))).toBe(
      'WALLET_WRONG_PASSPHRASE',
    );
  });

  it('reports a damaged store as WALLET_CORRUPT', async () => {
    const { storage, wallet } = await newWallet();
    const did = await wallet.didFor(COUNCIL);
    const [slot] = await storage.keys('cadwyn-wallet/key/');
    expect(slot).toBeDefined();
    expect(slot).not.toContain(did);
    await storage.put(slot, '{"v":1,"iv":"AAAAAAAAAAAAAAAA","ct":"AAAAAAAAAAAAAAAAAAAAAA"}');
    expect(code(await Wallet.open({ storage, passphrase: PIN }))).toBe('WALLET_CORRUPT');
    await storage.put('cadwyn-wallet/meta', '{}');
    expect(code(await Wallet.open({ storage, passphrase: PIN }))).toBe('WALLET_CORRUPT');
  });

  it('changes the passphrase only for someone who knows the current one', async () => {
    const { storage, wallet } = await newWallet();
    const did = await wallet.didFor(COUNCIL);
    expect(code(await wallet.changePassphrase('guess', 'new', FAST))).toBe(
      'WALLET_WRONG_PASSPHRASE',
    );
    expect(
      code(await wallet.changePassphrase(PIN, 'a longer passphrase', { ...FAST, N: 2 ** 11 })),
    ).toBe('OK');
    expect(code(await Wallet.open({ storage, passphrase: PIN }))).toBe('WALLET_WRONG_PASSPHRASE');
    const reopened = value(await Wallet.open({ storage, passphrase: 'a longer passphrase' }));
    expect(await reopened.didFor(COUNCIL)).toBe(did);
    expect(JSON.parse((await storage.get('cadwyn-wallet/meta')) as string).kdf.N).toBe(2 ** 11);
  });
});

describe('pairwise DIDs', () => {
  it('are distinct per service and stable across reopening', async () => {
    const { storage, wallet } = await newWallet();
    const services = [
      COUNCIL,
      HEALTH,
      'did:web:newport.gwent.example',
      'did:web:gwent.police.example',
    ];
    const dids: string[] = [];
    for (const s of services) dids.push(await wallet.didFor(s));
    expect(new Set(dids).size).toBe(services.length);
    for (const d of dids) expect(publicKeyFromDidKey(d)?.alg).toBe('ES256');
    expect(await wallet.didFor(COUNCIL)).toBe(dids[0]);
    const reopened = value(await Wallet.open({ storage, passphrase: PIN }));
    for (const [i, s] of services.entries()) expect(await reopened.didFor(s)).toBe(dids[i]);
    expect(reopened.pseudonyms()).toEqual(
      services
        .map((service, i) => ({ service, did: dids[i] }))
        .sort((a, b) => (a.service < b.service ? -1 : 1)),
    );
  });

  it('makes one key when a service is first used twice at once', async () => {
    const { wallet } = await newWallet();
    const [a, b] = await Promise.all([wallet.didFor(HEALTH), wallet.didFor(HEALTH)]);
    expect(a).toBe(b);
    expect(wallet.pseudonyms()).toHaveLength(1);
  });

  it('refuses a service that is not a DID', async () => {
    const { wallet } = await newWallet();
    await expect(wallet.didFor('https://torfaen.gov.uk')).rejects.toThrow(TypeError);
  });

  it('hold non-extractable signing keys whose signatures core verifies', async () => {
    const { wallet } = await newWallet();
    const did = await wallet.didFor(COUNCIL);
    const key = wallet.signingKey(did) as CryptoKey;
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
    expect(wallet.signingKey('did:key:zDnaeNotMine')).toBeUndefined();
    const message = utf8('hello');
    const sig = await wallet.sign(did, message);
    expect(await nobleBackend.verify(didKey(did), message, sig)).toBe(true);
    await expect(wallet.sign('did:key:zDnaeNotMine', message)).rejects.toThrow(TypeError);
  });
});

describe('challenge proofs', () => {
  it('sign canonical {challenge, did, aud} in the challenge domain for every pseudonym', async () => {
    const { wallet } = await newWallet();
    await wallet.didFor(COUNCIL);
    await wallet.didFor(HEALTH);
    const proofs = await wallet.proveControl('n-0S6_WzA2Mj', 'https://node.gwent.example');
    expect(proofs.map((p) => p.did).sort()).toEqual(
      wallet
        .pseudonyms()
        .map((p) => p.did)
        .sort(),
    );
    for (const { did, sig } of proofs) {
      const message = signingInput(
        'challenge',
        canonicalBytes({ challenge: 'n-0S6_WzA2Mj', did, aud: 'https://node.gwent.example' }),
      );
      const pk = didKey(did);
      expect(await nobleBackend.verify(pk, message, b64(sig))).toBe(true);
      // Bound to the audience: the same proof does not work for another node.
      const elsewhere = signingInput(
        'challenge',
        canonicalBytes({ challenge: 'n-0S6_WzA2Mj', did, aud: 'https://evil.example' }),
      );
      expect(await nobleBackend.verify(pk, elsewhere, b64(sig))).toBe(false);
    }
    await expect(wallet.proveControl('', 'aud')).rejects.toThrow(TypeError);
  });
});

describe('credentials, receipts and history', () => {
  it('are stored, listed and removed, and never in the clear', async () => {
    const { storage, wallet } = await newWallet();
    const holderDid = await wallet.didFor(COUNCIL);
    await wallet.storeCredential(credential('urn:uuid:1/a', holderDid));
    await wallet.storeCredential({
      ...credential('c2', holderDid),
      extra: 'dropped',
    } as CredentialRecord);
    expect((await wallet.credentials()).map((c) => c.id).sort()).toEqual(['c2', 'urn:uuid:1/a']);
    expect((await wallet.credentials()).find((c) => c.id === 'c2')).toEqual(
      credential('c2', holderDid),
    );
    expect(await wallet.removeCredential('urn:uuid:1/a')).toBe(true);
    expect(await wallet.removeCredential('urn:uuid:1/a')).toBe(false);
    expect((await wallet.credentials()).map((c) => c.id)).toEqual(['c2']);
    await expect(wallet.storeCredential({ id: 'x' } as CredentialRecord)).rejects.toThrow(
      TypeError,
    );

    const txId = 'ab'.repeat(32);
    await wallet.storeReceipt(txId, { v: 1, kind: 'cadwyn-receipt', logIndex: 7 });
    expect(await wallet.receipts()).toEqual([
      { txId, receipt: { v: 1, kind: 'cadwyn-receipt', logIndex: 7 } },
    ]);
    await expect(wallet.storeReceipt('nope', {})).rejects.toThrow(TypeError);

    expect(await wallet.history()).toBeUndefined();
    await wallet.storeHistory({ consents: [{ requester: HEALTH }], access: [] });
    expect(await wallet.history()).toEqual({ consents: [{ requester: HEALTH }], access: [] });

    // The store holds ciphertext only, under opaque names: no claim, no SD-JWT, no service, no
    // pseudonym DID, no transaction id.
    const names = await storage.keys('');
    const dump = [...names, ...(await Promise.all(names.map((k) => storage.get(k))))].join('\n');
    for (const secret of [
      'eyJhbGciOiJFZERTQSJ9',
      'resident',
      'abuhb',
      'torfaen',
      'logIndex',
      'zDn',
      txId,
    ]) {
      expect(dump).not.toContain(secret);
    }
  });
});
