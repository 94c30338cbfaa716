import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '../core/bytes.js';
import { platformRandom } from './random.js';
import type { SealedBox } from './seal.js';
import {
  checkScryptParams,
  DEFAULT_SCRYPT,
  parseSealedBox,
  RecordCipher,
  seal,
  unseal,
} from './seal.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

function flipFirstByte(b64: string): string {
  const bytes = fromBase64Url(b64) as Uint8Array;
  bytes[0] ^= 1;
  return toBase64Url(bytes);
}

describe('passphrase boxes', () => {
  it('round-trips and refuses a wrong passphrase with its own code', async () => {
    const box = await seal('correct horse', utf8('secret'), 'wallet-backup', FAST, platformRandom);
    const opened = await unseal('correct horse', box, 'wallet-backup');
    expect(opened.ok && new TextDecoder().decode(opened.value)).toBe('secret');
    const wrong = await unseal('wrong horse', box, 'wallet-backup');
    expect(wrong.ok ? 'ok' : wrong.code).toBe('WRONG_PASSPHRASE');
  });

  it('derives the same key from composed and decomposed spellings of a passphrase', async () => {
    const box = await seal('caf\u00e9', utf8('x'), 'wallet-key', FAST, platformRandom);
    expect((await unseal('cafe\u0301', box, 'wallet-key')).ok).toBe(true);
  });

  it('reports tampering as INVALID, not as a wrong passphrase', async () => {
    const box = await seal('pw', utf8('payload'), 'wallet-backup', FAST, platformRandom);
    const tampered: SealedBox[] = [
      { ...box, ciphertext: flipFirstByte(box.ciphertext) },
      { ...box, iv: flipFirstByte(box.iv) },
    ];
    for (const t of tampered) {
      const r = await unseal('pw', t, 'wallet-backup');
      expect(r.ok ? 'ok' : r.code).toBe('INVALID');
    }
    // A box of one kind is not accepted as the other.
    const r = await unseal('pw', box, 'wallet-key');
    expect(r.ok ? 'ok' : r.code).toBe('INVALID');
  });

  it('refuses malformed boxes and costs outside the limits without running scrypt', async () => {
    const box = await seal('pw', utf8('p'), 'wallet-backup', FAST, platformRandom);
    const bad: unknown[] = [
      null,
      'text',
      { ...box, v: 2 },
      { ...box, extra: 1 },
      { ...box, kdf: { ...box.kdf, name: 'pbkdf2' } },
      { ...box, kdf: { ...box.kdf, N: 2 ** 30 } },
      { ...box, kdf: { ...box.kdf, N: 1000 } },
      { ...box, kdf: { ...box.kdf, r: 0 } },
      { ...box, kdf: { ...box.kdf, salt: 'AA' } },
      { ...box, iv: 'AAAA' },
      { ...box, check: '+/' },
    ];
    for (const b of bad) {
      expect(parseSealedBox(b)).toBeUndefined();
      const r = await unseal('pw', b, 'wallet-backup');
      expect(r.ok ? 'ok' : r.code).toBe('INVALID');
    }
    expect(checkScryptParams(DEFAULT_SCRYPT)).toBe(true);
    expect(checkScryptParams({ N: 2 ** 20, r: 16, p: 1 })).toBe(false); // 2 GiB
    await expect(
      seal('pw', utf8('p'), 'wallet-key', { N: 4, r: 1, p: 1 }, platformRandom),
    ).rejects.toThrow(RangeError);
    await expect(seal('', utf8('p'), 'wallet-key', FAST, platformRandom)).rejects.toThrow(
      TypeError,
    );
  });
});

describe('RecordCipher', () => {
  it('hides record names and binds each record to its slot', async () => {
    const cipher = await RecordCipher.fromBytes(platformRandom(32), platformRandom);
    const name = 'key/did:key:zDnaeSecretPseudonym';
    const { slot, stored } = await cipher.encrypt({ name, text: '{"x":1}' });
    expect(slot).toMatch(/^key\/[A-Za-z0-9_-]{43}$/);
    expect(slot).toBe(await cipher.slot(name));
    expect(stored).not.toContain('zDnae');
    expect(stored).not.toContain('"x"');
    expect(await cipher.decrypt(slot, stored)).toEqual({ name, text: '{"x":1}' });
    // Moved to another slot (its own kind or another), it does not decrypt.
    const other = await cipher.encrypt({ name: 'credential/a', text: '{}' });
    expect(await cipher.decrypt(other.slot, stored)).toBeUndefined();
    expect(await cipher.decrypt(slot, other.stored)).toBeUndefined();
    expect(await cipher.decrypt(slot, 'not json')).toBeUndefined();
    expect(await cipher.decrypt(slot, '{"v":1,"iv":"x","ct":"y"}')).toBeUndefined();
    // Another data key neither decrypts nor finds the same slot.
    const stranger = await RecordCipher.fromBytes(platformRandom(32), platformRandom);
    expect(await stranger.decrypt(slot, stored)).toBeUndefined();
    expect(await stranger.slot(name)).not.toBe(slot);
    await expect(cipher.slot('Bad Name')).rejects.toThrow(TypeError);
  });
});
