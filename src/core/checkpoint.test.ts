import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64, toBase64, toHex, utf8 } from './bytes.js';
import type { Checkpoint, CheckpointPolicy, CheckpointSigner } from './checkpoint.js';
import {
  cosignCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  quorumFor,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';
import type { PrivateKey, PublicKey } from './crypto.js';
import { sha256 } from './hash.js';
import { nobleBackend } from './noble.js';
import { parseNote, signNote } from './note.js';

const backend = nobleBackend;
const ORIGIN = 'cadwyn.gwent.example/ledger';

function must<T>(r: { ok: true; value: T } | { ok: false; code: string; detail?: string }): T {
  if (!r.ok) throw new Error(`unexpected ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

interface TestValidator extends CheckpointSigner {
  readonly publicKey: PublicKey;
}

// Deterministic keys, so failures reproduce.
async function validator(name: string): Promise<TestValidator> {
  const privateKey: PrivateKey = { alg: 'Ed25519', bytes: sha256(utf8(`test key ${name}`)) };
  return { name, privateKey, publicKey: await backend.publicKeyOf(privateKey) };
}

const [newport, torfaen, monmouth, caerphilly] = await Promise.all(
  ['newport.gov.uk', 'torfaen.gov.uk', 'monmouthshire.gov.uk', 'caerphilly.gov.uk'].map(validator),
);
const validators = [newport, torfaen, monmouth, caerphilly];
const policy: CheckpointPolicy = {
  origin: ORIGIN,
  validators: validators.map(({ name, publicKey }) => ({ name, publicKey })),
  quorum: quorumFor(4),
};

const cp: Checkpoint = {
  origin: ORIGIN,
  logSize: 42,
  logRoot: sha256(new Uint8Array(0)),
  height: 7,
  blockHash: new Uint8Array(32).fill(0x11),
  stateRoot: new Uint8Array(32).fill(0x22),
  timeMs: 1_767_225_600_000,
};

const BODY =
  'cadwyn.gwent.example/ledger\n' +
  '42\n' +
  '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n' +
  'height 7\n' +
  'block ERERERERERERERERERERERERERERERERERERERERERE=\n' +
  'state IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI=\n' +
  'time 1767225600000\n';

/** Proposer signs, then each cosigner in turn adds a cosignature. */
async function signedBy(
  proposer: TestValidator,
  cosigners: readonly CheckpointSigner[],
  checkpoint: Checkpoint = cp,
): Promise<string> {
  let note = await signCheckpoint(checkpoint, proposer, backend);
  let t = 1_767_225_601;
  for (const c of cosigners) note = must(await cosignCheckpoint(note, c, t++, backend));
  return note;
}

function lastLine(note: string): string {
  return note.slice(note.lastIndexOf('\u2014'));
}

describe('checkpoint body', () => {
  it('has the exact tlog-checkpoint layout with the Cadwyn extension lines', () => {
    expect(formatCheckpoint(cp)).toBe(BODY);
  });

  it('parses back to the same checkpoint', () => {
    const parsed = must(parseCheckpoint(BODY));
    expect(parsed).toEqual(cp);
    expect(formatCheckpoint(parsed)).toBe(BODY);
  });

  it('accepts an empty log and genesis', () => {
    const empty = { ...cp, logSize: 0, height: 0, timeMs: 0 };
    expect(formatCheckpoint(empty).split('\n').slice(1, 2)).toEqual(['0']);
    expect(must(parseCheckpoint(formatCheckpoint(empty)))).toEqual(empty);
  });

  const lines = BODY.split('\n');
  const withLine = (i: number, line: string): string =>
    lines.map((l, j) => (j === i ? line : l)).join('\n');
  it.each([
    ['no final newline', BODY.slice(0, -1)],
    ['CRLF', BODY.replace(/\n/g, '\r\n')],
    ['empty origin', withLine(0, '')],
    ['reserved origin', withLine(0, 'cadwyn/v1/transaction')],
    ['size with leading zero', withLine(1, '042')],
    ['negative size', withLine(1, '-42')],
    ['size with plus', withLine(1, '+42')],
    ['size in exponent form', withLine(1, '4.2e1')],
    ['size with space', withLine(1, ' 42')],
    ['size beyond 2^53', withLine(1, '9007199254740992')],
    ['size of 17 digits', withLine(1, '10000000000000000')],
    ['root of 31 bytes', withLine(2, toBase64(new Uint8Array(31)))],
    ['root without padding', withLine(2, lines[2].slice(0, -1))],
    ['non-canonical root base64', withLine(2, lines[2].replace('FU=', 'FV='))],
    ['hex root', withLine(2, toHex(cp.logRoot))],
    ['height with two spaces', withLine(3, 'height  7')],
    ['height with leading zero', withLine(3, 'height 07')],
    ['Height capitalised', withLine(3, 'Height 7')],
    ['block hash of 33 bytes', withLine(4, `block ${toBase64(new Uint8Array(33))}`)],
    ['state line missing', lines.filter((_, j) => j !== 5).join('\n')],
    ['extension lines swapped', [0, 1, 2, 3, 5, 4, 6, 7].map((j) => lines[j]).join('\n')],
    ['extra extension line', BODY + 'extra line\n'],
    ['blank extension line', BODY + '\n'],
    ['plain tlog checkpoint', lines.slice(0, 3).join('\n') + '\n'],
    ['time in seconds with fraction', withLine(6, 'time 1767225600.5')],
    ['empty', ''],
  ])('rejects %s', (_what, text) => {
    expect(parseCheckpoint(text)).toMatchObject({ ok: false, code: 'CHECKPOINT_MALFORMED' });
  });

  it('refuses to format an invalid checkpoint', () => {
    expect(() => formatCheckpoint({ ...cp, origin: 'a\nb' })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...cp, origin: '' })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...cp, logSize: -1 })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...cp, height: 1.5 })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...cp, timeMs: 2 ** 53 })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...cp, logRoot: new Uint8Array(31) })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...cp, stateRoot: new Uint8Array(0) })).toThrow(TypeError);
  });
});

describe('quorumFor', () => {
  it('is the smallest count strictly above 2/3', () => {
    const table = [1, 2, 3, 4, 5, 6, 7, 9, 10, 100].map((n) => [n, quorumFor(n)]);
    expect(table).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 3],
      [5, 4],
      [6, 5],
      [7, 5],
      [9, 7],
      [10, 7],
      [100, 67],
    ]);
    for (let n = 1; n <= 300; n++) {
      const q = quorumFor(n);
      expect(3 * q > 2 * n && 3 * (q - 1) <= 2 * n).toBe(true);
    }
    expect(() => quorumFor(-1)).toThrow(RangeError);
    expect(() => quorumFor(2.5)).toThrow(RangeError);
  });
});

describe('signing and cosigning', () => {
  it('a signed checkpoint is the body, a blank line and the proposer signature line', async () => {
    const note = await signCheckpoint(cp, newport, backend);
    expect(note.startsWith(BODY + '\n\u2014 newport.gov.uk ')).toBe(true);
    expect(note.split('\n')).toHaveLength(10);
    const r = must(await verifyCheckpoint(note, { ...policy, quorum: 1 }, backend));
    expect(r.checkpoint).toEqual(cp);
    expect(r.signers).toEqual(['newport.gov.uk']);
  });

  it('cosigning appends one line and keeps the existing ones byte for byte', async () => {
    const signed = await signCheckpoint(cp, newport, backend);
    const cosigned = must(await cosignCheckpoint(signed, torfaen, 1_767_225_601, backend));
    expect(cosigned.startsWith(signed)).toBe(true);
    expect(cosigned.slice(signed.length)).toMatch(
      /^\u2014 torfaen\.gov\.uk [A-Za-z0-9+/]{102}==\n$/,
    );
  });

  it('cosignatures interoperate with the c2sp.org/tlog-cosignature layout', async () => {
    const note = await signedBy(newport, [torfaen]);
    const line = lastLine(note);
    const b64 = line.slice('\u2014 torfaen.gov.uk '.length, -1);
    const raw = fromBase64(b64) as Uint8Array;
    // key ID: SHA-256(name || "\n" || 0x04 || public key)[:4]
    const id = sha256(
      concatBytes(utf8('torfaen.gov.uk\n'), Uint8Array.of(4), torfaen.publicKey.bytes),
    );
    expect(toHex(raw.subarray(0, 4))).toBe(toHex(id.subarray(0, 4)));
    // timestamped_signature: u64 big-endian POSIX seconds, then 64 Ed25519 bytes.
    expect(raw.length).toBe(4 + 8 + 64);
    expect(toHex(raw.subarray(4, 12))).toBe((1_767_225_601).toString(16).padStart(16, '0'));
    // Signed message: "cosignature/v1\n" "time <T>\n" then the whole body; checked with noble
    // directly, not through the backend.
    const message = utf8(`cosignature/v1\ntime 1767225601\n${BODY}`);
    expect(ed25519.verify(raw.subarray(12), message, torfaen.publicKey.bytes)).toBe(true);
  });

  it('reads the cosignature in the tlog-cosignature spec example', () => {
    const example =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
      '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';
    const sigs = must(parseNote(example)).signatures;
    expect(sigs[1].keyId).toBe(0x8d66cf3f);
    expect(sigs[1].signature.length).toBe(8 + 64);
    const t = new DataView(sigs[1].signature.buffer, sigs[1].signature.byteOffset).getBigUint64(0);
    expect(t).toBe(1679315147n); // the "time 1679315147" of the spec's signed-message example
    // A plain three-line checkpoint is not a Cadwyn checkpoint.
    expect(parseCheckpoint(must(parseNote(example)).text).ok).toBe(false);
  });

  it('a new cosignature by the same key replaces the old one', async () => {
    const once = await signedBy(newport, [torfaen]);
    const twice = must(await cosignCheckpoint(once, torfaen, 1_767_300_000, backend));
    expect(twice.split('\u2014 torfaen.gov.uk')).toHaveLength(2);
  });

  it('refuses to cosign a malformed note or a body that is not a Cadwyn checkpoint', async () => {
    expect(await cosignCheckpoint(BODY, torfaen, 1, backend)).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
    const other = await signNote(
      'example.com/log\n1\n' + BODY.split('\n')[2] + '\n',
      [newport],
      backend,
    );
    expect(await cosignCheckpoint(other, torfaen, 1, backend)).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
    await expect(
      cosignCheckpoint(await signCheckpoint(cp, newport, backend), torfaen, -5, backend),
    ).rejects.toThrow(TypeError);
  });
});

describe('verifyCheckpoint quorum', () => {
  it('3 of 4 validators pass', async () => {
    const note = await signedBy(newport, [torfaen, monmouth]);
    const r = must(await verifyCheckpoint(note, policy, backend));
    expect(r.signers).toEqual(['newport.gov.uk', 'torfaen.gov.uk', 'monmouthshire.gov.uk']);
    expect(r.checkpoint).toEqual(cp);
  });

  it('4 of 4 validators pass, given as UTF-8 bytes too', async () => {
    const note = await signedBy(caerphilly, [newport, torfaen, monmouth]);
    expect(must(await verifyCheckpoint(utf8(note), policy, backend)).signers).toHaveLength(4);
  });

  it('2 of 4 validators fail, with the counts', async () => {
    const note = await signedBy(newport, [torfaen]);
    expect(await verifyCheckpoint(note, policy, backend)).toEqual({
      ok: false,
      code: 'CHECKPOINT_NO_QUORUM',
      detail: '2 of 4 validators signed; quorum is 3',
    });
  });

  it('counts a validator once however many of its signatures there are', async () => {
    const base = await signCheckpoint(cp, newport, backend);
    // newport: its note signature and its own cosignature; torfaen: two cosignatures at
    // different times (joined by hand, since cosignCheckpoint would replace the first).
    const a = must(await cosignCheckpoint(base, newport, 100, backend));
    const b = must(await cosignCheckpoint(a, torfaen, 101, backend));
    const c = must(await cosignCheckpoint(a, torfaen, 102, backend));
    const note = b + lastLine(c);
    expect(note.split('\n').filter((l) => l.startsWith('\u2014'))).toHaveLength(4);
    expect(await verifyCheckpoint(note, policy, backend)).toMatchObject({
      code: 'CHECKPOINT_NO_QUORUM',
      detail: '2 of 4 validators signed; quorum is 3',
    });
    const r = must(await verifyCheckpoint(note, { ...policy, quorum: 2 }, backend));
    expect(r.signers).toEqual(['newport.gov.uk', 'torfaen.gov.uk']);
  });

  it('ignores signers outside the validator set, even under a validator name', async () => {
    const outsiders = await Promise.all(['a.example', 'b.example', 'c.example'].map(validator));
    const impostor = { ...(await validator('impostor')), name: 'monmouthshire.gov.uk' };
    const note = await signedBy(newport, [...outsiders, torfaen, impostor]);
    expect(await verifyCheckpoint(note, policy, backend)).toMatchObject({
      code: 'CHECKPOINT_NO_QUORUM',
      detail: '2 of 4 validators signed; quorum is 3',
    });
    const withMonmouth = must(await cosignCheckpoint(note, monmouth, 5, backend));
    expect(must(await verifyCheckpoint(withMonmouth, policy, backend)).signers).toHaveLength(3);
  });

  it('a note signed by no validator has no quorum', async () => {
    const outsider = await validator('outsider.example');
    const note = await signedBy(outsider, []);
    expect(await verifyCheckpoint(note, policy, backend)).toMatchObject({
      code: 'CHECKPOINT_NO_QUORUM',
      detail: '0 of 4 validators signed; quorum is 3',
    });
  });
});

describe('verifyCheckpoint rejects', () => {
  const full = signedBy(newport, [torfaen, monmouth, caerphilly]);

  it.each([
    ['tree size', '\n42\n', '\n43\n'],
    ['root hash', '47DEQpj8', '47DEQpj9'],
    ['height', 'height 7\n', 'height 8\n'],
    ['block hash', 'block ERER', 'block ERES'],
    ['state root', 'state IiIi', 'state IiIj'],
    ['block time', 'time 1767225600000', 'time 1767225600001'],
  ])('a tampered %s', async (_what, from, to) => {
    const note = (await full).replace(from, to);
    expect(note).not.toBe(await full);
    expect(await verifyCheckpoint(note, policy, backend)).toMatchObject({
      ok: false,
      code: 'CHECKPOINT_BAD_SIGNATURE',
    });
  });

  it('a validator cosignature that fails, even when a quorum of others is good', async () => {
    const note = await full;
    const line = lastLine(note);
    const raw = fromBase64(line.slice('\u2014 caerphilly.gov.uk '.length, -1)) as Uint8Array;
    raw[40] ^= 1;
    const forged = note.replace(line, `\u2014 caerphilly.gov.uk ${toBase64(raw)}\n`);
    expect(await verifyCheckpoint(forged, policy, backend)).toMatchObject({
      code: 'CHECKPOINT_BAD_SIGNATURE',
      detail: expect.stringContaining('caerphilly.gov.uk+') as unknown,
    });
  });

  it('a checkpoint for another origin', async () => {
    const note = await signedBy(newport, [torfaen, monmouth], {
      ...cp,
      origin: 'other.example/log',
    });
    expect(await verifyCheckpoint(note, policy, backend)).toMatchObject({
      code: 'CHECKPOINT_WRONG_ORIGIN',
    });
  });

  it('malformed notes and bodies', async () => {
    const note = await full;
    expect(await verifyCheckpoint(BODY, policy, backend)).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
    expect(
      await verifyCheckpoint(note.replace('height 7', 'height 07'), policy, backend),
    ).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
    expect(await verifyCheckpoint(note.slice(0, -1), policy, backend)).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
    expect(await verifyCheckpoint(new Uint8Array([0xff, 0x0a]), policy, backend)).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
  });

  it('bad policies', async () => {
    const note = await full;
    const vs = policy.validators;
    const check = async (p: CheckpointPolicy) =>
      expect(await verifyCheckpoint(note, p, backend)).toMatchObject({
        code: 'CHECKPOINT_BAD_POLICY',
      });
    await check({ ...policy, quorum: 0 });
    await check({ ...policy, quorum: 5 });
    await check({ ...policy, quorum: 2.5 });
    await check({ ...policy, validators: [] });
    await check({ ...policy, origin: '' });
    // One key under two names would let one body count twice.
    await check({ ...policy, validators: [...vs, { ...vs[0], name: 'alias.example' }] });
    await check({ ...policy, validators: [{ ...vs[0], name: 'bad name' }] });
    await check({
      ...policy,
      validators: [
        { name: 'p256.example', publicKey: { alg: 'ES256', bytes: new Uint8Array(33) } },
      ],
    });
    // Listing the same validator twice is harmless and does not change the count.
    const r = must(
      await verifyCheckpoint(note, { ...policy, validators: [...vs, vs[1]] }, backend),
    );
    expect(r.signers).toHaveLength(4);
  });
});

const validOrigin = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 40 })
  .map((s) =>
    s
      .split('')
      .filter((c) => c >= ' ')
      .join(''),
  )
  .filter((s) => s.length > 0 && !s.startsWith('cadwyn/v1/'));

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => b as Uint8Array);

const checkpointArb: fc.Arbitrary<Checkpoint> = fc.record({
  origin: fc.oneof(validOrigin, fc.constant(ORIGIN)),
  logSize: fc.oneof(fc.maxSafeNat(), fc.nat(1000)),
  logRoot: hash32,
  height: fc.oneof(fc.maxSafeNat(), fc.nat(1000)),
  blockHash: hash32,
  stateRoot: hash32,
  timeMs: fc.oneof(fc.maxSafeNat(), fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 })),
});

describe('properties', () => {
  it('parseCheckpoint(formatCheckpoint(x)) round-trips', () => {
    fc.assert(
      fc.property(checkpointArb, (x) => {
        const text = formatCheckpoint(x);
        expect(must(parseCheckpoint(text))).toEqual(x);
      }),
      { numRuns: 500 },
    );
  });

  it('parseCheckpoint never throws, and what it accepts is canonical', () => {
    const nearValid = fc
      .tuple(checkpointArb, fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }), fc.nat(3))
      .map(([x, at, s, cut]) => {
        const t = formatCheckpoint(x);
        const i = at % (t.length + 1);
        return t.slice(0, i) + s + t.slice(i + cut);
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), nearValid), (text) => {
        const r = parseCheckpoint(text);
        if (r.ok) expect(formatCheckpoint(r.value)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('verifyCheckpoint never throws on hostile notes', async () => {
    const note = await signedBy(newport, [torfaen, monmouth]);
    const mutated = fc
      .tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 4 }), fc.nat(4))
      .map(([at, s, cut]) => {
        const i = at % (note.length + 1);
        return note.slice(0, i) + s + note.slice(i + cut);
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), mutated), async (text) => {
        const r = await verifyCheckpoint(text, policy, backend);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(r.value.signers.length).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 200 },
    );
  });
});
