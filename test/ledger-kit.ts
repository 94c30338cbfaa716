// The genesis the ledger-module tests share: the nine demo Gwent bodies as members, each with a
// fresh Ed25519 key the test holds, one validator, and a ten-minute window for claimed times.
import { toBase64Url } from '../src/core/bytes.js';
import type { PrivateKey, PublicKey } from '../src/core/crypto.js';
import { GWENT_BODIES } from '../src/ledger/demo.js';
import type { Genesis } from '../src/ledger/genesis.js';
import { writeGenesisState } from '../src/ledger/genesis.js';
import { MemoryState } from '../src/ledger/state.js';
import { generateKeyPairSync } from '../src/node/crypto-node.js';

/** A key that signs transactions: a member body's (keyId) or a did:key's. */
export interface Signer {
  readonly did: string;
  readonly keyId?: string;
  readonly privateKey: PrivateKey;
}

/** A fresh Ed25519 key for each demo body, and each body as a signer with it ('key-1'). */
export function gwentTestMembers(): {
  memberKps: { publicKey: PublicKey; privateKey: PrivateKey }[];
  bodies: Signer[];
} {
  const memberKps = GWENT_BODIES.map(() => generateKeyPairSync('Ed25519'));
  const bodies = GWENT_BODIES.map((b, i) => ({
    did: b.did,
    keyId: 'key-1',
    privateKey: (memberKps[i] as { privateKey: PrivateKey }).privateKey,
  }));
  return { memberKps, bodies };
}

export function gwentTestGenesis(
  memberKeys: readonly { readonly publicKey: PublicKey }[],
  network: string,
  timeMs: number,
): { genesis: Genesis; freshState: () => MemoryState } {
  const genesis: Genesis = {
    v: 1,
    network,
    origin: 'test.cadwyn.example/ledger',
    timeMs,
    members: GWENT_BODIES.map((b, i) => ({
      did: b.did,
      name: b.name,
      roles: [...b.roles],
      keys: [
        {
          id: 'key-1',
          alg: 'Ed25519' as const,
          publicKey: toBase64Url(memberKeys[i]?.publicKey.bytes ?? new Uint8Array()),
        },
      ],
    })),
    validators: [
      {
        name: 'v1',
        member: GWENT_BODIES[0]?.did ?? '',
        publicKey: toBase64Url(generateKeyPairSync('Ed25519').publicKey.bytes),
      },
    ],
    params: { txTimePastMs: 600_000, txTimeFutureMs: 120_000 },
  };
  const freshState = (): MemoryState => {
    const s = new MemoryState();
    writeGenesisState(s, genesis);
    return s;
  };
  return { genesis, freshState };
}
