import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { describe, expect, it } from 'vitest';
import {
  createStatusListToken,
  readStatusListToken,
  STATUS_INVALID,
  STATUS_SUSPENDED,
  STATUS_VALID,
  statusAt,
} from './status-list.js';
import { testKey } from './testkit.js';

const ISSUER = 'did:web:torfaen.gwent.example';
const URI = 'https://torfaen.gwent.example/status/torfaen/3';
const key = testKey('torfaen key-1', 'Ed25519', `${ISSUER}#key-1`);

function make(statuses: number[] | Uint8Array, over: Record<string, unknown> = {}) {
  return createStatusListToken({
    uri: URI,
    issuer: ISSUER,
    kid: `${ISSUER}#key-1`,
    signer: key.signer,
    statuses,
    iatS: 1_760_000_000,
    ttlS: 120,
    ...over,
  });
}

function decode(segment: string) {
  return JSON.parse(Buffer.from(segment, 'base64url').toString()) as Record<string, unknown>;
}

describe('status list tokens', () => {
  it('are statuslist+jwt with sub = uri, 2 bits per entry, readable back', async () => {
    const statuses = Array.from({ length: 1001 }, (_, i) =>
      i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0,
    );
    const token = await make(statuses);
    const [h, p] = token.split('.');
    expect(decode(h)).toEqual({ alg: 'EdDSA', typ: 'statuslist+jwt', kid: `${ISSUER}#key-1` });
    expect(decode(p)).toMatchObject({
      sub: URI,
      iss: ISSUER,
      iat: 1_760_000_000,
      ttl: 120,
      status_list: { bits: 2 },
    });
    const r = await readStatusListToken(token, key.jwk, {
      uri: URI,
      issuer: ISSUER,
      nowS: 1_760_000_100,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bits).toBe(2);
    for (let i = 0; i < statuses.length; i++) expect(statusAt(r.value, i)).toBe(statuses[i]);
    expect(statusAt(r.value, 0)).toBe(STATUS_INVALID);
    expect(statusAt(r.value, 11)).toBe(STATUS_SUSPENDED);
    expect(statusAt(r.value, 1)).toBe(STATUS_VALID);
    // 2 bits per entry: the list rounds up to whole bytes, and no further.
    expect(statusAt(r.value, 1003)).toBe(0);
    expect(statusAt(r.value, 1004)).toBeUndefined();
    expect(statusAt(r.value, -1)).toBeUndefined();
    // The library's own reader sees the same list.
    expect(getListFromStatusListJWT(token).statusList.slice(0, 1001)).toEqual(statuses);
  });

  it('accept a Uint8Array of statuses', async () => {
    const token = await make(Uint8Array.of(0, 1, 2, 3));
    const r = await readStatusListToken(token, key.jwk);
    expect(r.ok && [...r.value.statuses]).toEqual([0, 1, 2, 3]);
  });

  it('refuse a wrong key, another uri or issuer, an expired or malformed token', async () => {
    const token = await make([0, 1]);
    const code = async (p: Promise<{ ok: boolean; code?: string }>) => {
      const r = await p;
      return r.ok ? 'ok' : r.code;
    };
    const other = testKey('other', 'Ed25519');
    expect(await code(readStatusListToken(token, other.jwk))).toBe('STATUS_LIST_INVALID');
    expect(await code(readStatusListToken(token, key.jwk, { uri: `${URI}x` }))).toBe(
      'STATUS_LIST_INVALID',
    );
    expect(await code(readStatusListToken(token, key.jwk, { issuer: 'did:web:x.example' }))).toBe(
      'STATUS_LIST_INVALID',
    );
    const expiring = await make([0], { expS: 1_760_000_500 });
    expect(await code(readStatusListToken(expiring, key.jwk, { nowS: 1_760_000_499 }))).toBe('ok');
    expect(await code(readStatusListToken(expiring, key.jwk, { nowS: 1_760_000_500 }))).toBe(
      'STATUS_LIST_INVALID',
    );
    for (const junk of ['', 'a.b.c', token.replace(/\.[^.]+$/, '.AAAA'), `${token}x`]) {
      expect(await code(readStatusListToken(junk, key.jwk))).toBe('STATUS_LIST_INVALID');
    }
  });

  it('refuse to create from values that do not fit 2 bits', async () => {
    await expect(make([0, 4])).rejects.toThrow(RangeError);
    await expect(make([0.5])).rejects.toThrow(RangeError);
    await expect(make([])).rejects.toThrow(RangeError);
  });
});
