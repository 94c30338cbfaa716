// The member bodies this node acts for: those whose governance key is in data/member-keys/.
// In the demo one node holds every Gwent body's key; in production each body runs its own node
// and holds only its own. A body signs its ledger transactions (status-list anchors, access
// records) and its credentials with the key the ledger registers for it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateKey, PublicKey } from '../../core/crypto.js';
import type { Geo } from '../../core/geo.js';
import type { Json } from '../../core/jcs.js';
import type { SignedTx, TxBody } from '../../core/tx.js';
import { signTx, txIdOf } from '../../core/tx.js';
import type { Member } from '../../ledger/modules/governance.js';
import { getMember } from '../../ledger/modules/governance.js';
import { nodeCryptoBackend, publicKeyOfSync } from '../crypto-node.js';
import type { MemberKeyFile } from '../datadir.js';
import { FILES, privateKeyOf, readJson } from '../datadir.js';
import type { CadwynNode, TxStatus } from '../node.js';

export interface HostedBody {
  readonly slug: string;
  readonly did: string;
  readonly keyId: string;
  readonly privateKey: PrivateKey;
  readonly publicKey: PublicKey;
}

export function loadHostedBodies(dataDir: string): HostedBody[] {
  const dir = join(dataDir, FILES.membersDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = readJson(join(dir, f)) as MemberKeyFile;
      const privateKey = privateKeyOf(file.alg, file.privateKey);
      return {
        slug: f.slice(0, -'.json'.length),
        did: file.did,
        keyId: file.keyId,
        privateKey,
        publicKey: publicKeyOfSync(privateKey),
      };
    });
}

export class BodyTxError extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/**
 * Submits a body's own transactions. Calls are serialised per body: each takes the next
 * sequence number only after the previous one was accepted.
 */
export class BodyActor {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly body: HostedBody,
    private readonly node: CadwynNode,
  ) {}

  /** The body's ledger record now (names, area, registered keys). */
  member(): Member | undefined {
    return getMember(this.node.state, this.body.did);
  }

  /** The area geo-stamp of the body's transactions, where it has one. */
  geo(): Geo | undefined {
    const area = this.member()?.area;
    return area ? { area } : undefined;
  }

  /** Signs and durably submits; resolves with the transaction id once accepted. */
  submit(type: string, payload: Json, geo: Geo | undefined = this.geo()): Promise<string> {
    const run = async (): Promise<string> => {
      const body: TxBody = {
        v: 1,
        network: this.node.network,
        type,
        sender: this.body.did,
        seq: this.node.nextSeqFor(this.body.did),
        timeMs: this.node.deps.clock(),
        ...(geo ? { geo } : {}),
        payload,
      } as TxBody;
      const tx: SignedTx = await signTx(
        body,
        [{ did: this.body.did, keyId: this.body.keyId, privateKey: this.body.privateKey }],
        nodeCryptoBackend,
      );
      const [outcome] = await this.node.submit([tx]);
      if (!outcome?.ok) {
        throw new BodyTxError(outcome?.code ?? 'TX_REFUSED', outcome?.ok ? '' : outcome?.detail);
      }
      return txIdOf(body);
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Submits and waits until the transaction is in a block (or refused there). */
  async submitAndWait(
    type: string,
    payload: Json,
    geo?: Geo,
    timeoutMs = 15_000,
  ): Promise<TxStatus & { readonly status: 'committed' | 'final' }> {
    const id = await this.submit(type, payload, geo ?? this.geo());
    const s = await this.node.waitFor(id, timeoutMs);
    if (!s || s.status === 'pending') throw new BodyTxError('TX_NOT_COMMITTED', id);
    if (s.status === 'rejected') throw new BodyTxError(s.code, s.detail);
    return s;
  }
}
