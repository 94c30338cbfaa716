import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFromDidKey } from '../core/did.js';
import { nobleBackend } from '../core/noble.js';
import type { Result } from '../core/result.js';
import { prepareTx, verifyTxSignatures } from '../core/tx.js';
import type { TestNode } from '../../test/helpers.js';
import { randomDigest, startTestNode, stopTestNode } from '../../test/helpers.js';
import type { PartySigner } from './party.js';
import { generatePartyKey, sendPartyTx, signPartyStep, walletKeySigner } from './party.js';

const CTX = { network: 'gwent-test', seq: 1, timeMs: 1_760_000_000_000 };

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}
const code = (r: { ok: true } | { ok: false; code: string }): string => (r.ok ? 'OK' : r.code);

describe('party keys and steps (offline)', () => {
  it('makes a non-extractable P-256 key named by its did:key', async () => {
    const key = await generatePartyKey();
    expect(key.did).toMatch(/^did:key:zDn/);
    expect(publicKeyFromDidKey(key.did)).toEqual(key.publicKey);
    expect(key.cryptoKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('jwk', key.cryptoKey)).rejects.toThrow();
    expect((await generatePartyKey()).did).not.toBe(key.did);
  });

  it('signs a step the ledger’s own check accepts, and refuses what cannot be one', async () => {
    const signer = walletKeySigner(await generatePartyKey());
    const step = {
      type: 'title.sign',
      payload: { transfer: 'a'.repeat(64) },
      geo: { area: 'W06000021' },
    };
    const tx = value(await signPartyStep(signer, step, CTX));
    expect(tx.body).toMatchObject({ sender: signer.did, seq: 1, geo: { area: 'W06000021' } });
    const verify = (x: unknown) =>
      verifyTxSignatures(value(prepareTx(x)), (d) => publicKeyFromDidKey(d), nobleBackend);
    expect(code(await verify(tx))).toBe('OK');
    // A signature over another body does not verify.
    expect(code(await verify({ ...tx, body: { ...tx.body, seq: 2 } }))).toBe(
      'TX_SIGNATURE_INVALID',
    );

    expect(code(await signPartyStep(signer, { ...step, type: 'sign' }, CTX))).toBe(
      'PARTY_STEP_INVALID',
    );
    const badGeo = { ...step, geo: { lat: 91, lon: 0 } };
    expect(code(await signPartyStep(signer, badGeo, CTX))).toBe('PARTY_STEP_INVALID');
    const web: PartySigner = { did: 'did:web:torfaen.gwent.example', sign: signer.sign };
    expect(code(await signPartyStep(web, step, CTX))).toBe('PARTY_STEP_INVALID');
  });

  it('will not talk to a node over plain http elsewhere', async () => {
    const signer = walletKeySigner(await generatePartyKey());
    const r = await sendPartyTx(signer, 'http://example.org', { type: 'a.b', payload: {} });
    expect(code(r)).toBe('LEDGER_UNREACHABLE');
  });
});

describe('party steps on a real node', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode();
  }, 60_000);
  afterAll(async () => {
    await stopTestNode(node);
  });

  it('commits in order with the next seq, and returns height and receipt', async () => {
    const signer = walletKeySigner(await generatePartyKey());
    const notarise = () => ({ type: 'notary.notarise', payload: { digest: randomDigest() } });
    // Two at once: serialised, so each gets its own seq.
    const [a, b] = await Promise.all([
      sendPartyTx(signer, node.url, notarise()),
      sendPartyTx(signer, node.url, notarise()),
    ]);
    const first = value(a);
    const second = value(b);
    expect(first.height).toBeGreaterThan(0);
    expect(second.height).toBeGreaterThanOrEqual(first.height);
    expect(first.receipt).toMatchObject({ txId: first.txId });
    const account = await node.http.get<{ nextSeq: number }>(
      `/v1/accounts/${encodeURIComponent(signer.did)}`,
    );
    expect(account.json.nextSeq).toBe(3);
  }, 60_000);

  it('passes the ledger’s refusal through with its stable code', async () => {
    const signer = walletKeySigner(await generatePartyKey());
    const split = {
      type: 'goods.split',
      payload: { lot: '0123456789abcdef-0', parts: [1, 1], premises: 'yard' },
      geo: { lat: 51.7, lon: -3.0 },
    };
    expect(code(await sendPartyTx(signer, node.url, split))).toBe('GOODS_NOT_OPERATOR');
    const sign = {
      type: 'title.sign',
      payload: { transfer: 'b'.repeat(64) },
      geo: { area: 'W06000021' },
    };
    expect(code(await sendPartyTx(signer, node.url, sign))).toBe('TITLE_TRANSFER_UNKNOWN');
  }, 60_000);
});
