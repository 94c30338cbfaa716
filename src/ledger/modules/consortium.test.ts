// Equivocation evidence on the ledger (decision 0009): two valid cosignatures by one validator
// over different checkpoints at one height are recorded once; anything short of that proof is
// refused and writes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.js';
import type { Checkpoint } from '../../core/checkpoint.js';
import { formatCheckpoint } from '../../core/checkpoint.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import type { Json } from '../../core/jcs.js';
import { canonicalJson } from '../../core/jcs.js';
import { SIG_TYPE_COSIGNATURE_V1, signNote } from '../../core/note.js';
import type { TxBody } from '../../core/tx.js';
import { prepareTx, txSigningMessage } from '../../core/tx.js';
import {
  generateKeyPairSync,
  nodeCryptoBackend,
  signSync,
  verifySync,
} from '../../node/crypto-node.js';
import { writeGenesisState } from '../genesis.js';
import { accountSeq, Ledger } from '../ledger.js';
import { MemoryState } from '../state.js';
import type { Signer } from '../../../test/ledger-kit.js';
import { gwentTestGenesis, gwentTestMembers } from '../../../test/ledger-kit.js';
import { consortiumModule, getEvidence } from './consortium.js';
import { governanceModule } from './governance.js';

const T0 = 1_790_000_000_000;
const NET = 'test-net';
const ORIGIN = 'test.cadwyn.example/ledger';
const ledger = new Ledger([governanceModule, consortiumModule], {
  verify: verifySync,
  didKey: publicKeyFromDidKey,
});
const { memberKps, bodies } = gwentTestMembers();
const NEWPORT = bodies[3] as Signer;
const v1 = generateKeyPairSync('Ed25519');
const v2 = generateKeyPairSync('Ed25519');
const { genesis } = gwentTestGenesis(memberKps, NET, T0);
const withValidators = {
  ...genesis,
  validators: [
    { name: 'v1', member: NEWPORT.did, publicKey: toBase64Url(v1.publicKey.bytes) },
    { name: 'v2', member: NEWPORT.did, publicKey: toBase64Url(v2.publicKey.bytes) },
  ],
};
const freshState = (): MemoryState => {
  const s = new MemoryState();
  writeGenesisState(s, withValidators);
  return s;
};

let height = 0;
function send(state: MemoryState, sender: Signer, payload: { [k: string]: Json }): string {
  height++;
  const timeMs = T0 + height * 1000;
  const body: TxBody = {
    v: 1,
    network: NET,
    type: 'consortium.equivocation',
    sender: sender.did,
    seq: accountSeq(state, sender.did) + 1,
    timeMs,
    payload,
  };
  const sig = toBase64Url(signSync(sender.privateKey, txSigningMessage(canonicalJson(body))));
  const p = prepareTx({
    body,
    signatures: [
      {
        signer: sender.did,
        ...(sender.keyId === undefined ? {} : { keyId: sender.keyId }),
        alg: sender.privateKey.alg,
        sig,
      },
    ],
  });
  if (!p.ok) throw new Error(p.code);
  const v = ledger.execute(state, { network: NET, height, timeMs }, p.value, height);
  return v.ok ? 'ok' : v.code;
}

const dump = (s: MemoryState) => canonicalJson(Object.fromEntries(s.map));

function checkpoint(h: number, stateByte: number): string {
  const cp: Checkpoint = {
    origin: ORIGIN,
    logSize: h * 3,
    logRoot: new Uint8Array(32).fill(1),
    height: h,
    blockHash: new Uint8Array(32).fill(2),
    stateRoot: new Uint8Array(32).fill(stateByte),
    timeMs: T0 + h * 1000,
  };
  return formatCheckpoint(cp);
}

const cosign = (body: string, name = 'v1', key = v1.privateKey) =>
  signNote(
    body,
    [{ name, privateKey: key, type: SIG_TYPE_COSIGNATURE_V1, timeSec: 1_790_000_000 }],
    nodeCryptoBackend,
  );

describe('consortium.equivocation', () => {
  it('records two cosignatures by one validator over different checkpoints at one height, once', async () => {
    const s = freshState();
    const noteA = await cosign(checkpoint(7, 3));
    const noteB = await cosign(checkpoint(7, 4));
    expect(send(s, NEWPORT, { validator: 'v1', noteA, noteB })).toBe('ok');
    const e = getEvidence(s, 'v1', 7);
    expect(e?.reportedBy).toBe(NEWPORT.did);
    expect(e?.noteA).toBe(noteA);
    const before = dump(s);
    // The same, or the same in the other order, again: already known, nothing written.
    expect(send(s, NEWPORT, { validator: 'v1', noteA: noteB, noteB: noteA })).toBe(
      'EVIDENCE_KNOWN',
    );
    expect(dump(s)).toBe(before);
  });

  it('refuses, writing nothing, anything that is not that proof', async () => {
    const s = freshState();
    const a = await cosign(checkpoint(7, 3));
    const b = await cosign(checkpoint(7, 4));
    const other = await cosign(checkpoint(8, 4));
    const byV2 = await cosign(checkpoint(7, 4), 'v2', v2.privateKey);
    const forged = await cosign(checkpoint(7, 4), 'v1', v2.privateKey);
    const citizenKp = generateKeyPairSync('Ed25519');
    const citizen = {
      did: didKeyFromPublicKey(citizenKp.publicKey),
      privateKey: citizenKp.privateKey,
    };
    const cases: [string, Signer, { [k: string]: Json }][] = [
      ['EVIDENCE_INVALID', NEWPORT, { validator: 'v1', noteA: a, noteB: a }],
      ['EVIDENCE_INVALID', NEWPORT, { validator: 'v1', noteA: a, noteB: other }],
      ['EVIDENCE_INVALID', NEWPORT, { validator: 'v1', noteA: a, noteB: byV2 }],
      ['EVIDENCE_INVALID', NEWPORT, { validator: 'v1', noteA: a, noteB: forged }],
      ['EVIDENCE_INVALID', NEWPORT, { validator: 'v1', noteA: a, noteB: 'not a note' }],
      ['EVIDENCE_VALIDATOR_UNKNOWN', NEWPORT, { validator: 'v9', noteA: a, noteB: b }],
      ['GOV_SENDER_NOT_MEMBER', citizen, { validator: 'v1', noteA: a, noteB: b }],
    ];
    for (const [code, sender, payload] of cases) {
      const before = dump(s);
      expect(send(s, sender, payload), JSON.stringify(payload).slice(0, 80)).toBe(code);
      expect(dump(s)).toBe(before);
    }
  });

  it('a checkpoint changed anywhere after signing is never evidence (property)', async () => {
    const a = await cosign(checkpoint(9, 3));
    const b = await cosign(checkpoint(9, 5));
    // Changes within the signed text (the signature line's own base64 may have slack bits).
    const textLength = checkpoint(9, 5).length;
    await fc.assert(
      fc.property(fc.nat({ max: textLength - 1 }), fc.integer({ min: 1, max: 25 }), (i, d) => {
        const c = b.charCodeAt(i);
        const changed =
          b.slice(0, i) +
          String.fromCharCode(c === 10 ? 65 : ((c - 32 + d) % 94) + 32) +
          b.slice(i + 1);
        if (changed === b) return;
        const s = freshState();
        const code = send(s, NEWPORT, { validator: 'v1', noteA: a, noteB: changed });
        // Only a change that leaves a valid v1 cosignature over another height-9 checkpoint
        // could pass, and none can: the signature covers the whole text.
        expect(code).not.toBe('ok');
      }),
      { numRuns: 200 },
    );
  });
});
