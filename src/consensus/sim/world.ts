// The fixed world every simulated run shares: a genesis with n validators, deterministic keys
// (derived from their names, so a seed replays byte for byte) and a pool of signed transactions.
// Built once per process; the signature backend and the ledger's verifier are passed in.
import { toBase64Url, utf8 } from '../../core/bytes.js';
import type { PrivateKey, SignatureBackend } from '../../core/crypto.js';
import { didKeyFromPublicKey, publicKeyFromDidKey } from '../../core/did.js';
import { sha256 } from '../../core/hash.js';
import type { Json } from '../../core/jcs.js';
import type { PreparedTx } from '../../core/tx.js';
import { prepareTx, signTx } from '../../core/tx.js';
import { GWENT_BODIES } from '../../ledger/demo.js';
import type { Genesis } from '../../ledger/genesis.js';
import type { SyncVerify } from '../../ledger/ledger.js';
import { Ledger } from '../../ledger/ledger.js';
import { governanceModule } from '../../ledger/modules/governance.js';
import { notaryModule } from '../../ledger/modules/notary.js';
import type { ValidatorKey } from '../validator.js';

export const SIM_T0 = 1_790_000_000_000;

export interface SimWorld {
  readonly backend: SignatureBackend;
  readonly ledger: Ledger;
  readonly genesis: Genesis;
  readonly validators: readonly (ValidatorKey & { readonly privateKey: PrivateKey })[];
  /** pool[c][s]: citizen c's tx with seq s + 1. */
  readonly pool: readonly (readonly PreparedTx[])[];
  /** A validator not in the genesis, for runs that add one. */
  readonly spare: ValidatorKey & { readonly privateKey: PrivateKey };
  /** rotated[i]: validator i's next key, for runs that rotate it. */
  readonly rotated: readonly PrivateKey[];
  /**
   * Membership changes, each one governance tx signed by more than 2/3 of the members (3 of 4),
   * with no effectiveHeight: it takes effect at the earliest allowed, its block + the lead.
   */
  readonly membership: {
    readonly add: PreparedTx;
    readonly remove: readonly PreparedTx[];
    readonly rotate: readonly PreparedTx[];
  };
}

const seedKey = (label: string): PrivateKey => ({
  alg: 'Ed25519',
  bytes: sha256(utf8(`cadwyn-sim/${label}`)),
});

export async function buildWorld(opts: {
  readonly backend: SignatureBackend;
  readonly verify: SyncVerify;
  readonly validators?: number;
  readonly citizens?: number;
  readonly txsPerCitizen?: number;
}): Promise<SimWorld> {
  const { backend } = opts;
  const n = opts.validators ?? 4;
  const bodies = GWENT_BODIES.slice(0, Math.max(1, Math.min(n, GWENT_BODIES.length)));
  const members = await Promise.all(
    bodies.map(async (b) => {
      const pk = await backend.publicKeyOf(seedKey(`member/${b.slug}`));
      return {
        did: b.did,
        name: b.name,
        roles: [...b.roles],
        keys: [{ id: 'key-1', alg: 'Ed25519' as const, publicKey: toBase64Url(pk.bytes) }],
      };
    }),
  );
  const validators = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const privateKey = seedKey(`validator/${i}`);
      return {
        name: `v${i}.sim.example/node`,
        privateKey,
        publicKey: await backend.publicKeyOf(privateKey),
      };
    }),
  );
  const genesis: Genesis = {
    v: 1,
    network: 'sim-net',
    origin: 'sim.cadwyn.example/ledger',
    timeMs: SIM_T0,
    members,
    validators: validators.map((v, i) => ({
      name: v.name,
      member: (bodies[i % bodies.length] ?? bodies[0])?.did ?? '',
      publicKey: toBase64Url(v.publicKey.bytes),
    })),
    params: { txTimePastMs: 600_000, txTimeFutureMs: 120_000 },
  };
  const memberSigners = bodies.map((b) => ({
    did: b.did,
    keyId: 'key-1',
    privateKey: seedKey(`member/${b.slug}`),
  }));
  const quorum = memberSigners.slice(0, Math.floor((2 * memberSigners.length) / 3) + 1);
  /** A governance tx from the first member (seq 1: each run sends at most one). */
  const governance = async (type: string, payload: Record<string, Json>): Promise<PreparedTx> => {
    const sender = quorum[0];
    if (!sender) throw new RangeError('sim world: no members');
    const tx = await signTx(
      {
        v: 1,
        network: genesis.network,
        type,
        sender: sender.did,
        seq: 1,
        timeMs: SIM_T0 + 1000,
        payload,
      },
      quorum,
      backend,
    );
    const p = prepareTx(tx);
    if (!p.ok) throw new Error(`sim world: ${p.code}`);
    return p.value;
  };
  const spareKey = seedKey(`validator/${n}`);
  const spare = {
    name: `v${n}.sim.example/node`,
    privateKey: spareKey,
    publicKey: await backend.publicKeyOf(spareKey),
  };
  const rotated = validators.map((_, i) => seedKey(`validator/${i}/rotated`));
  const membership = {
    add: await governance('governance.addValidator', {
      validator: {
        name: spare.name,
        member: bodies[0]?.did ?? '',
        publicKey: toBase64Url(spare.publicKey.bytes),
      },
    }),
    remove: await Promise.all(
      validators.map((v) => governance('governance.removeValidator', { name: v.name })),
    ),
    rotate: await Promise.all(
      validators.map(async (v, i) =>
        governance('governance.rotateValidatorKey', {
          name: v.name,
          publicKey: toBase64Url((await backend.publicKeyOf(rotated[i] as PrivateKey)).bytes),
        }),
      ),
    ),
  };
  const ledger = new Ledger([governanceModule, notaryModule], {
    verify: opts.verify,
    didKey: publicKeyFromDidKey,
  });
  const pool: PreparedTx[][] = [];
  for (let c = 0; c < (opts.citizens ?? 8); c++) {
    const privateKey = seedKey(`citizen/${c}`);
    const did = didKeyFromPublicKey(await backend.publicKeyOf(privateKey));
    const txs: PreparedTx[] = [];
    for (let s = 1; s <= (opts.txsPerCitizen ?? 6); s++) {
      const digest = Array.from(sha256(utf8(`doc ${c} ${s}`)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
      const tx = await signTx(
        {
          v: 1,
          network: genesis.network,
          type: 'notary.notarise',
          sender: did,
          seq: s,
          timeMs: SIM_T0 + 1000,
          payload: { digest },
        },
        [{ did, privateKey }],
        backend,
      );
      const p = prepareTx(tx);
      if (!p.ok) throw new Error(`sim world: ${p.code}`);
      txs.push(p.value);
    }
    pool.push(txs);
  }
  return { backend, ledger, genesis, validators, pool, spare, rotated, membership };
}
