import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64, toBase64, toHex, utf8 } from './bytes.js';
import type { PrivateKey } from './crypto.js';
import { sha256 } from './hash.js';
import { nobleBackend } from './noble.js';
import type { NoteVerifier } from './note.js';
import {
  MAX_NOTE_SIGNATURES,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  addNoteSignatures,
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  noteKeyId,
  noteVerifier,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './note.js';

interface Vectors {
  signer_key: string;
  verifier_key: string;
  second_verifier_key: string;
  text: string;
  signed_note: string;
  signed_note_two_signers: string;
  must_reject_as_malformed: string[];
  must_reject_bad_signature: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../shared/vectors/c2sp-signed-note.json', import.meta.url), 'utf8'),
) as Vectors;

const backend = nobleBackend;

function must<T>(r: { ok: true; value: T } | { ok: false; code: string; detail?: string }): T {
  if (!r.ok) throw new Error(`unexpected ${r.code}: ${r.detail ?? ''}`);
  return r.value;
}

const peter = must(parseVerifierKey(vectors.verifier_key));
const enoch = must(parseVerifierKey(vectors.second_verifier_key));

async function peterSigner(): Promise<{ name: string; privateKey: PrivateKey }> {
  const k = must(await parseSignerKey(vectors.signer_key, backend));
  return { name: k.name, privateKey: k.privateKey };
}

async function freshKey(): Promise<PrivateKey> {
  return (await backend.generateKeyPair('Ed25519')).privateKey;
}

describe('keys (Go sumdb/note text encoding)', () => {
  it('parses the vector verifier keys and formats them back unchanged', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(peter.type).toBe(SIG_TYPE_ED25519);
    expect(peter.publicKey.bytes.length).toBe(32);
    expect(formatVerifierKey(peter)).toBe(vectors.verifier_key);
    expect(enoch.keyId).toBe(0xaf0cfe78);
    expect(formatVerifierKey(enoch)).toBe(vectors.second_verifier_key);
  });

  it('computes key IDs as SHA-256(name || 0x0A || type || key)[:4], big-endian', () => {
    const expected = sha256(
      concatBytes(utf8('PeterNeumann\n'), Uint8Array.of(0x01), peter.publicKey.bytes),
    );
    expect(noteKeyId('PeterNeumann', 0x01, peter.publicKey.bytes).toString(16)).toBe(
      toHex(expected.subarray(0, 4)),
    );
    // The same key as a cosigner (0x04) has a different ID.
    expect(noteKeyId('PeterNeumann', 0x04, peter.publicKey.bytes)).not.toBe(peter.keyId);
  });

  it('parses the signer key (whose base64 contains "+") and formats it back', async () => {
    expect(vectors.signer_key.split('+').length).toBeGreaterThan(5);
    const k = must(await parseSignerKey(vectors.signer_key, backend));
    expect(k.name).toBe('PeterNeumann');
    expect(k.keyId).toBe(0xc74f20a3);
    expect(toHex(k.publicKey.bytes)).toBe(toHex(peter.publicKey.bytes));
    expect(await formatSignerKey(k.name, k.privateKey, backend)).toBe(vectors.signer_key);
  });

  it('rejects malformed keys with codes', async () => {
    const vk = vectors.verifier_key;
    expect(parseVerifierKey('').ok).toBe(false);
    expect(parseVerifierKey('PeterNeumann+c74f20a3')).toMatchObject({ code: 'NOTE_KEY_MALFORMED' });
    expect(parseVerifierKey(vk.replace('c74f20a3', 'c74f20a4'))).toMatchObject({
      code: 'NOTE_KEY_ID_MISMATCH',
    });
    expect(parseVerifierKey(vk.replace('c74f20a3', 'c74f20a'))).toMatchObject({
      code: 'NOTE_KEY_MALFORMED',
    });
    expect(parseVerifierKey(vk.replace('PeterNeumann', 'Peter Neumann'))).toMatchObject({
      code: 'NOTE_KEY_MALFORMED',
    });
    expect(parseVerifierKey(vk + '=')).toMatchObject({ code: 'NOTE_KEY_MALFORMED' });
    // An unknown signature type.
    const raw = fromBase64(vk.split('+')[2]) as Uint8Array;
    const other = Uint8Array.of(0x02, ...raw.subarray(1));
    expect(parseVerifierKey(`PeterNeumann+c74f20a3+${toBase64(other)}`)).toMatchObject({
      code: 'NOTE_KEY_UNSUPPORTED',
    });
    expect(await parseSignerKey(vk, backend)).toMatchObject({ code: 'NOTE_KEY_MALFORMED' });
    expect(
      await parseSignerKey(vectors.signer_key.replace('c74f20a3', '00000000'), backend),
    ).toMatchObject({ code: 'NOTE_KEY_ID_MISMATCH' });
  });

  it('round-trips cosigner (type 0x04) keys', async () => {
    const privateKey = await freshKey();
    const publicKey = await backend.publicKeyOf(privateKey);
    const v = noteVerifier('witness.example/w1', publicKey, SIG_TYPE_COSIGNATURE_V1);
    expect(formatVerifierKey(v)).toMatch(/^witness\.example\/w1\+[0-9a-f]{8}\+B/);
    expect(must(parseVerifierKey(formatVerifierKey(v)))).toEqual(v);
    const sk = await formatSignerKey(v.name, privateKey, backend, SIG_TYPE_COSIGNATURE_V1);
    const parsed = must(await parseSignerKey(sk, backend));
    expect(parsed.type).toBe(SIG_TYPE_COSIGNATURE_V1);
    expect(parsed.keyId).toBe(v.keyId);
  });

  it('accepts vkeys published with transparency-dev/formats (0x01, and 0x04 for a witness)', () => {
    const plain = must(
      parseVerifierKey('TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6'),
    );
    expect(plain.type).toBe(SIG_TYPE_ED25519);
    const witness = must(
      parseVerifierKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2'),
    );
    expect([witness.type, witness.keyId]).toEqual([SIG_TYPE_COSIGNATURE_V1, 0xda77ade7]);
  });

  it('applies the key-name rules', () => {
    expect(isValidKeyName('example.com/log42')).toBe(true);
    expect(isValidKeyName('Cymraeg/ŵŷ')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u3000b', 'a\u0001b']) {
      expect(isValidKeyName(bad)).toBe(false);
    }
    expect(isValidKeyName('a\ud800')).toBe(false);
  });
});

describe('signNote / openNote against the published vectors', () => {
  it('produces the vector signed note byte for byte', async () => {
    expect(await signNote(vectors.text, [await peterSigner()], backend)).toBe(vectors.signed_note);
  });

  it('opens the vector note', async () => {
    const opened = must(await openNote(vectors.signed_note, [peter], backend));
    expect(opened.text).toBe(vectors.text);
    expect(opened.verified.map((s) => [s.name, s.keyId, s.type])).toEqual([
      ['PeterNeumann', 0xc74f20a3, SIG_TYPE_ED25519],
    ]);
    expect(opened.unverified).toEqual([]);
  });

  it('opens the same note given as UTF-8 bytes', async () => {
    const opened = must(await openNote(utf8(vectors.signed_note), [peter], backend));
    expect(opened.text).toBe(vectors.text);
  });

  it('opens the two-signer note with either or both keys; unknown keys are kept', async () => {
    const note = vectors.signed_note_two_signers;
    const both = must(await openNote(note, [peter, enoch], backend));
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    const onlyPeter = must(await openNote(note, [peter], backend));
    expect(onlyPeter.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(onlyPeter.unverified.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const onlyEnoch = must(await openNote(note, [enoch], backend));
    expect(onlyEnoch.verified.map((s) => s.name)).toEqual(['EnochRoot']);
  });

  it('adding a signature to the one-signer note gives the two-signer layout', async () => {
    const privateKey = await freshKey();
    const out = must(
      await addNoteSignatures(vectors.signed_note, [{ name: 'EnochRoot', privateKey }], backend),
    );
    const lines = out.split('\n');
    expect(out.startsWith(vectors.signed_note)).toBe(true);
    expect(lines[4]).toMatch(/^\u2014 EnochRoot [A-Za-z0-9+/]{91}=$/);
    const v = noteVerifier('EnochRoot', await backend.publicKeyOf(privateKey));
    expect(must(await openNote(out, [peter, v], backend)).verified).toHaveLength(2);
    // Re-signing with an existing key replaces its line instead of adding a second one.
    const again = must(await addNoteSignatures(out, [await peterSigner()], backend));
    expect(again.split('\n').filter((l) => l.startsWith('\u2014 PeterNeumann'))).toHaveLength(1);
  });

  it.each(vectors.must_reject_as_malformed.map((n, i) => [i, n]))(
    'rejects malformed vector note #%i',
    async (_i, note) => {
      expect(await openNote(note, [peter, enoch], backend)).toMatchObject({
        ok: false,
        code: 'NOTE_MALFORMED',
      });
      expect(parseNote(note).ok).toBe(false);
    },
  );

  it('rejects the vector note whose signature fails', async () => {
    expect(await openNote(vectors.must_reject_bad_signature, [peter], backend)).toMatchObject({
      ok: false,
      code: 'NOTE_BAD_SIGNATURE',
    });
  });

  it('rejects a note with no signature from a known key', async () => {
    expect(await openNote(vectors.signed_note, [enoch], backend)).toMatchObject({
      ok: false,
      code: 'NOTE_UNVERIFIED',
    });
    expect(await openNote(vectors.signed_note, [], backend)).toMatchObject({
      code: 'NOTE_UNVERIFIED',
    });
  });

  it('parses the signed-note spec example (an unknown key there)', async () => {
    const example =
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n' +
      '\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';
    const parsed = must(parseNote(example));
    // The text keeps its own blank line: only the last one separates the signatures.
    expect(parsed.text).toBe(
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n',
    );
    expect(parsed.signatures[0].name).toBe('quasimodo.example/salvatore');
    expect(parsed.signatures[0].signature.length).toBe(64);
    const opened = await openNote(example, [peter], backend);
    expect(opened).toMatchObject({ ok: false, code: 'NOTE_UNVERIFIED' });
  });
});

describe('openNote rules', () => {
  const text = vectors.text;
  const sigLine = vectors.signed_note.slice(text.length + 1);

  it.each([
    ['no blank line', `${text}${sigLine}`],
    ['empty text and no blank line', sigLine],
    ['hyphen instead of em dash', `${text}\n${sigLine.replace('\u2014', '-')}`],
    ['no space after em dash', `${text}\n${sigLine.replace('\u2014 ', '\u2014')}`],
    ['two spaces after name', `${text}\n${sigLine.replace('PeterNeumann ', 'PeterNeumann  ')}`],
    ['name with plus', `${text}\n${sigLine.replace('PeterNeumann', 'Peter+Neumann')}`],
    ['empty name', `${text}\n${sigLine.replace('PeterNeumann', '')}`],
    ['no signature', `${text}\n\u2014 PeterNeumann\n`],
    ['empty signature', `${text}\n\u2014 PeterNeumann \n`],
    ['short signature (4 bytes)', `${text}\n\u2014 PeterNeumann x08gow==\n`],
    ['unpadded base64', `${text}\n${sigLine.replace('=\n', '\n')}`],
    ['base64url', `${text}\n${sigLine.replace(/\//g, '_')}`],
    ['trailing space', `${text}\n${sigLine.replace('=\n', '= \n')}`],
    ['CR line ending', `${text}\n${sigLine.replace('\n', '\r\n')}`],
    ['tab in text', `a\tb\n\n${sigLine}`],
    ['trailing blank line', `${text}\n${sigLine}\n`],
    ['lone surrogate', `a\ud800\n\n${sigLine}`],
    ['empty', ''],
  ])('rejects %s as NOTE_MALFORMED', async (_what, note) => {
    expect(await openNote(note, [peter], backend)).toMatchObject({ code: 'NOTE_MALFORMED' });
  });

  it('rejects invalid UTF-8 bytes and keeps a BOM as part of the signed text', async () => {
    const bad = concatBytes(Uint8Array.of(0xff), utf8(vectors.signed_note));
    expect(await openNote(bad, [peter], backend)).toMatchObject({ code: 'NOTE_MALFORMED' });
    const bom = concatBytes(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(vectors.signed_note));
    // The BOM is text the key did not sign: the signature must fail, not be stripped away.
    expect(await openNote(bom, [peter], backend)).toMatchObject({ code: 'NOTE_BAD_SIGNATURE' });
  });

  it('accepts up to the signature limit and no more', async () => {
    const privateKey = await freshKey();
    const signer = { name: 'many', privateKey };
    const v = noteVerifier('many', await backend.publicKeyOf(privateKey));
    const one = await signNote('x\n', [signer], backend);
    const line = one.slice(3);
    const max = `x\n\n${line.repeat(MAX_NOTE_SIGNATURES)}`;
    const opened = must(await openNote(max, [v], backend));
    expect(opened.verified).toHaveLength(1); // repeats by one key count once
    expect(await openNote(max + line, [v], backend)).toMatchObject({
      code: 'NOTE_TOO_MANY_SIGNATURES',
    });
  });

  it('accepts 16 distinct signatures (the spec minimum)', async () => {
    const keys = await Promise.all(Array.from({ length: 16 }, () => freshKey()));
    const signers = keys.map((privateKey, i) => ({ name: `k${i}.example`, privateKey }));
    const note = await signNote('sixteen\n', signers, backend);
    const vs = await Promise.all(
      signers.map(async (s) => noteVerifier(s.name, await backend.publicKeyOf(s.privateKey))),
    );
    expect(must(await openNote(note, vs, backend)).verified).toHaveLength(16);
  });

  it('ignores a signature sharing only the name or only the key ID with a known key', async () => {
    const note = vectors.signed_note;
    const sameName = noteVerifier('PeterNeumann', enoch.publicKey); // other key ID
    expect(sameName.keyId).not.toBe(peter.keyId);
    const sameId: NoteVerifier = { ...peter, name: 'PeterNeumann2' };
    const r = must(
      await openNote(vectors.signed_note_two_signers, [enoch, sameName, sameId], backend),
    );
    expect(r.verified.map((s) => s.name)).toEqual(['EnochRoot']);
    expect(r.unverified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(await openNote(note, [sameName, sameId], backend)).toMatchObject({
      code: 'NOTE_UNVERIFIED',
    });
  });

  it('checks every signature by a known key, even repeats', async () => {
    const bad = vectors.must_reject_bad_signature.slice(vectors.text.length + 1);
    const note = `${vectors.signed_note}${bad}`;
    expect(await openNote(note, [peter], backend)).toMatchObject({ code: 'NOTE_BAD_SIGNATURE' });
  });

  it('drops identical repeated unknown signatures', async () => {
    const note = vectors.signed_note_two_signers;
    const enochLine = note.slice(note.lastIndexOf('\u2014'));
    const r = must(await openNote(note + enochLine, [peter], backend));
    expect(r.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
  });

  it('a blank line between signatures moves the first into the text, which then fails', async () => {
    const note = `${vectors.text}\n${sigLine}\n${sigLine}`;
    const parsed = must(parseNote(note));
    expect(parsed.text).toBe(`${vectors.text}\n${sigLine}`);
    expect(await openNote(note, [peter], backend)).toMatchObject({ code: 'NOTE_BAD_SIGNATURE' });
  });

  it('reports ambiguous and invalid verifier lists', async () => {
    const twin: NoteVerifier = { ...peter, publicKey: enoch.publicKey };
    expect(await openNote(vectors.signed_note, [peter, twin], backend)).toMatchObject({
      code: 'NOTE_AMBIGUOUS_KEY',
    });
    const broken: NoteVerifier = {
      ...peter,
      publicKey: { alg: 'Ed25519', bytes: new Uint8Array(3) },
    };
    expect(await openNote(vectors.signed_note, [broken], backend)).toMatchObject({
      code: 'NOTE_BAD_VERIFIER',
    });
  });

  it('throws on caller bugs when signing', async () => {
    const s = await peterSigner();
    await expect(signNote('no newline', [s], backend)).rejects.toThrow(TypeError);
    await expect(signNote('a\u0000\n', [s], backend)).rejects.toThrow(TypeError);
    await expect(signNote('a\n', [], backend)).rejects.toThrow(TypeError);
    await expect(signNote('a\n', [{ ...s, name: 'bad name' }], backend)).rejects.toThrow(TypeError);
    await expect(
      signNote('a\n', [{ ...s, type: SIG_TYPE_COSIGNATURE_V1, timeSec: -1 }], backend),
    ).rejects.toThrow(TypeError);
  });
});

describe('cosignatures (type 0x04) on notes', () => {
  it('recognises a cosignature under the same name by its key ID', async () => {
    const signer = await peterSigner();
    const text = 'example.com/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const note = await signNote(
      text,
      [signer, { ...signer, type: SIG_TYPE_COSIGNATURE_V1, timeSec: 1679315147 }],
      backend,
    );
    const cosigner = noteVerifier('PeterNeumann', peter.publicKey, SIG_TYPE_COSIGNATURE_V1);
    const both = must(await openNote(note, [peter, cosigner], backend));
    expect(both.verified.map((s) => [s.type, s.timeSec])).toEqual([
      [SIG_TYPE_ED25519, undefined],
      [SIG_TYPE_COSIGNATURE_V1, 1679315147],
    ]);
    // With only one of the two verifiers, the other line is an unknown key, not a failure.
    const onlyPlain = must(await openNote(note, [peter], backend));
    expect(onlyPlain.unverified.map((s) => s.keyId)).toEqual([cosigner.keyId]);
    const onlyCosig = must(await openNote(note, [cosigner], backend));
    expect(onlyCosig.unverified.map((s) => s.keyId)).toEqual([peter.keyId]);
  });

  it('lays the cosignature out as keyID || u64 time || Ed25519 over the cosignature/v1 message', async () => {
    const { privateKey } = await peterSigner();
    const text =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const note = await signNote(
      text,
      [{ name: 'w1', privateKey, type: SIG_TYPE_COSIGNATURE_V1, timeSec: 1679315147 }],
      backend,
    );
    const sig = must(parseNote(note)).signatures[0];
    const raw = fromBase64(sig.base64) as Uint8Array;
    expect(raw.length).toBe(4 + 8 + 64);
    expect(sig.keyId).toBe(noteKeyId('w1', 0x04, peter.publicKey.bytes));
    expect(toHex(raw.subarray(4, 12))).toBe('00000000641850cb');
    const message = utf8(`cosignature/v1\ntime 1679315147\n${text}`);
    expect(await backend.verify(peter.publicKey, message, raw.subarray(12))).toBe(true);
  });

  it('rejects a cosignature whose timestamp was changed', async () => {
    const { privateKey } = await peterSigner();
    const note = await signNote(
      'a\nb\nc\n',
      [{ name: 'w1', privateKey, type: SIG_TYPE_COSIGNATURE_V1, timeSec: 1000 }],
      backend,
    );
    const sig = must(parseNote(note)).signatures[0];
    const raw = fromBase64(sig.base64) as Uint8Array;
    raw[11] ^= 1;
    const forged = note.replace(sig.base64, toBase64(raw));
    const v = noteVerifier('w1', peter.publicKey, SIG_TYPE_COSIGNATURE_V1);
    expect(await openNote(forged, [v], backend)).toMatchObject({ code: 'NOTE_BAD_SIGNATURE' });
    // Times past 2^53 are refused (the spec lets verifiers refuse future times).
    raw[11] ^= 1;
    raw[4] = 0x7f;
    expect(await openNote(note.replace(sig.base64, toBase64(raw)), [v], backend)).toMatchObject({
      code: 'NOTE_BAD_SIGNATURE',
    });
  });
});

// Valid note text: no ASCII controls but newline, ends in newline; blank lines and em dashes
// inside the text included on purpose.
const noteText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('\n', '\n\n', '\u2014 ', ' ', '+', '='),
    ),
    { maxLength: 8 },
  )
  .map(
    (parts) =>
      parts
        .join('')
        .split('')
        .filter((c) => c === '\n' || c >= ' ')
        .join('') + '\n',
  );

describe('properties', () => {
  it('sign then open round-trips any valid text', async () => {
    const s = await peterSigner();
    await fc.assert(
      fc.asyncProperty(noteText, async (text) => {
        const note = await signNote(text, [s], backend);
        const opened = must(await openNote(note, [peter], backend));
        expect(opened.text).toBe(text);
        expect(opened.verified).toHaveLength(1);
        expect(must(await openNote(utf8(note), [peter], backend)).text).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('any single-byte change in a one-signer note makes it fail', async () => {
    const s = await peterSigner();
    await fc.assert(
      fc.asyncProperty(
        noteText,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (text, at, delta) => {
          const bytes = utf8(await signNote(text, [s], backend));
          const i = at % bytes.length;
          bytes[i] = (bytes[i] + delta) & 255;
          expect((await openNote(bytes, [peter], backend)).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any single-byte change in the text fails even with a second valid signer', async () => {
    const s = await peterSigner();
    const other = await freshKey();
    const v = noteVerifier('other', await backend.publicKeyOf(other));
    await fc.assert(
      fc.asyncProperty(
        noteText,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (text, at, delta) => {
          const bytes = utf8(
            await signNote(text, [s, { name: 'other', privateKey: other }], backend),
          );
          const i = at % utf8(text).length;
          bytes[i] = (bytes[i] + delta) & 255;
          expect((await openNote(bytes, [peter, v], backend)).ok).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('parseNote and openNote never throw', async () => {
    const line = vectors.signed_note.slice(vectors.text.length + 1);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.constantFrom('\n', '\n\n', '\u2014 ', 'PeterNeumann', ' ', line, 'x08go/', '='), {
          maxLength: 12,
        })
        .map((p) => p.join('')),
      fc.uint8Array().map((b) => b as Uint8Array),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => {
        const r = await openNote(input, [peter, enoch], backend);
        expect(typeof r.ok).toBe('boolean');
        expect(typeof parseNote(input).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
