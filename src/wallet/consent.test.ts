import { describe, expect, it } from 'vitest';
import { signTxAsync } from '../core/async-sign.js';
import { publicKeyFromDidKey } from '../core/did.js';
import { nobleBackend } from '../core/noble.js';
import type { Result } from '../core/result.js';
import type { SignedTx } from '../core/tx.js';
import { prepareTx, verifyTxSignatures } from '../core/tx.js';
import { MemoryStorage } from './storage.js';
import type { ConsentGrantInput, TxContext } from './wallet.js';
import { Wallet } from './wallet.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const HOLDER = 'did:web:abuhb.gwent.example';
const REQUESTER = 'did:web:torfaen.gwent.example';
const CTX: TxContext = { network: 'gwent-test', seq: 1, timeMs: 1_760_000_000_000 };

const GRANT: ConsentGrantInput = {
  holder: HOLDER,
  requester: REQUESTER,
  purpose: {
    code: 'blue-badge-eligibility',
    en: 'Blue Badge eligibility',
    cy: 'Cymhwysedd Bathodyn Glas',
  },
  categories: ['mobility-assessment'],
  lawfulBasis: 'consent',
  expiresMs: CTX.timeMs + 30 * 24 * 3600 * 1000,
};

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

function code(r: Result<unknown>): string {
  return r.ok ? 'OK' : r.code;
}

async function newWallet(storage = new MemoryStorage()): Promise<Wallet> {
  return value(await Wallet.create({ storage, passphrase: 'pin', kdf: FAST }));
}

/** What the node does with a transaction: shape check, then did:key signatures with core. */
async function nodeAccepts(tx: SignedTx): Promise<string> {
  const prepared = prepareTx(JSON.parse(JSON.stringify(tx)));
  if (!prepared.ok) return prepared.code;
  const verdict = await verifyTxSignatures(
    prepared.value,
    (signer) => publicKeyFromDidKey(signer),
    nobleBackend,
  );
  return verdict.ok ? 'OK' : verdict.code;
}

describe('consent transactions', () => {
  it('grant: sent and signed by the pseudonym toward the holder, verified by core', async () => {
    const wallet = await newWallet();
    const tx = value(await wallet.consentGrant(GRANT, CTX));
    expect(tx.body).toEqual({
      v: 1,
      network: 'gwent-test',
      type: 'consent.grant',
      sender: await wallet.didFor(HOLDER),
      seq: 1,
      timeMs: CTX.timeMs,
      payload: {
        holder: HOLDER,
        requester: REQUESTER,
        purpose: GRANT.purpose,
        categories: ['mobility-assessment'],
        lawfulBasis: 'consent',
        expiresMs: GRANT.expiresMs,
      },
    });
    expect(tx.signatures).toHaveLength(1);
    expect(tx.signatures[0]).toMatchObject({ signer: tx.body.sender, alg: 'ES256' });
    expect(await nodeAccepts(tx)).toBe('OK');
    // Not the pseudonym toward the requester: the holder is who the citizen deals with.
    expect(tx.body.sender).not.toBe(await wallet.didFor(REQUESTER));
  });

  it('withdraw: same pseudonym, payload {consentId}', async () => {
    const wallet = await newWallet();
    const grant = value(await wallet.consentGrant(GRANT, CTX));
    const consentId = value(prepareTx(grant)).id;
    const withdraw = value(
      await wallet.consentWithdraw({ consentId, holder: HOLDER }, { ...CTX, seq: 2 }),
    );
    expect(withdraw.body.type).toBe('consent.withdraw');
    expect(withdraw.body.sender).toBe(grant.body.sender);
    expect(withdraw.body.payload).toEqual({ consentId });
    expect(await nodeAccepts(withdraw)).toBe('OK');
    expect(code(await wallet.consentWithdraw({ consentId: 'x', holder: HOLDER }, CTX))).toBe(
      'WALLET_TX_INVALID',
    );
  });

  it('carries an area geo-stamp and refuses coordinates with a code', async () => {
    const wallet = await newWallet();
    const tx = value(await wallet.consentGrant({ ...GRANT, geo: { area: 'W06000020' } }, CTX));
    expect(tx.body.geo).toEqual({ area: 'W06000020' });
    expect(await nodeAccepts(tx)).toBe('OK');
    const coords = { lat: 51.7, lon: -3.04 };
    expect(code(await wallet.consentGrant({ ...GRANT, geo: coords }, CTX))).toBe(
      'WALLET_GEO_NOT_AREA',
    );
    expect(
      code(
        await wallet.consentWithdraw(
          { consentId: 'ab'.repeat(32), holder: HOLDER, geo: coords },
          CTX,
        ),
      ),
    ).toBe('WALLET_GEO_NOT_AREA');
    expect(code(await wallet.consentGrant({ ...GRANT, geo: { area: 'Torfaen' } }, CTX))).toBe(
      'GEO_INVALID',
    );
  });

  it('refuses malformed grants before signing anything', async () => {
    const wallet = await newWallet();
    const bad: ConsentGrantInput[] = [
      { ...GRANT, holder: 'abuhb' },
      { ...GRANT, requester: '' },
      { ...GRANT, purpose: { code: 'x', en: 'x', cy: '' } },
      { ...GRANT, categories: [] },
      { ...GRANT, categories: ['a', 'a'] },
      { ...GRANT, lawfulBasis: '' },
      { ...GRANT, expiresMs: CTX.timeMs },
    ];
    for (const input of bad)
      expect(code(await wallet.consentGrant(input, CTX))).toBe('WALLET_TX_INVALID');
    expect(wallet.pseudonyms()).toEqual([]);
    // What only the transaction shape rules catch comes back with core's code.
    expect(code(await wallet.consentGrant(GRANT, { ...CTX, seq: 0 }))).toBe('TX_MALFORMED');
  });

  it('copies only the payload fields the contract names', async () => {
    const wallet = await newWallet();
    const sneaky = { ...GRANT, purpose: { ...GRANT.purpose, note: 'x' }, extra: 'y' };
    const tx = value(await wallet.consentGrant(sneaky as ConsentGrantInput, CTX));
    expect(Object.keys(tx.body.payload).sort()).toEqual([
      'categories',
      'expiresMs',
      'holder',
      'lawfulBasis',
      'purpose',
      'requester',
    ]);
    expect(tx.body.payload.purpose).toEqual(GRANT.purpose);
  });

  it('a signature by another key, or over another body, does not verify', async () => {
    const wallet = await newWallet();
    const tx = value(await wallet.consentGrant(GRANT, CTX));
    const altered = { ...tx, body: { ...tx.body, seq: 9 } };
    expect(await nodeAccepts(altered)).toBe('TX_SIGNATURE_INVALID');
    const other = await wallet.didFor(REQUESTER);
    const forged = await signTxAsync(tx.body, [
      { did: tx.body.sender, alg: 'ES256', sign: (m) => wallet.sign(other, m) },
    ]);
    expect(await nodeAccepts(forged)).toBe('TX_SIGNATURE_INVALID');
  });
});

describe('signTxAsync (core/async-sign.ts)', () => {
  it('refuses a signer that returns the wrong length (a DER signature, say)', async () => {
    const body = {
      v: 1 as const,
      network: 'n',
      type: 'a.b',
      sender: 'did:web:x.example',
      seq: 1,
      timeMs: 0,
      payload: {},
    };
    await expect(
      signTxAsync(body, [{ did: body.sender, alg: 'ES256', sign: async () => new Uint8Array(70) }]),
    ).rejects.toThrow(RangeError);
    const withKeyId = await signTxAsync(body, [
      { did: body.sender, keyId: 'k1', alg: 'Ed25519', sign: async () => new Uint8Array(64) },
    ]);
    expect(withKeyId.signatures[0]).toEqual({
      signer: body.sender,
      keyId: 'k1',
      alg: 'Ed25519',
      sig: 'A'.repeat(86),
    });
  });
});
