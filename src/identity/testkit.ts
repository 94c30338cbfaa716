// Test support for this layer and the ones above it (wallet, node): deterministic keys and an
// in-memory Trust. Not for production: the keys are derived from public labels.
import { utf8 } from '../core/bytes.js';
import type { SignatureAlg } from '../core/crypto.js';
import { sha256, sha256Hex } from '../core/hash.js';
import type { JwsSigner, PublicJwk } from './signer.js';
import { signerFromPrivateKey } from './signer.js';
import type { Trust } from './verify.js';

export interface TestKey {
  readonly signer: JwsSigner;
  readonly jwk: PublicJwk;
}

/**
 * A deterministic key from a label (SHA-256 of it as the seed or scalar: a valid P-256 scalar
 * with overwhelming probability).
 */
export function testKey(label: string, alg: SignatureAlg, kid?: string): TestKey {
  const signer = signerFromPrivateKey({ alg, bytes: sha256(utf8(label)) }, kid);
  return { signer, jwk: signer.jwk as PublicJwk };
}

/** A Trust held in memory, editable by tests. */
export class MemoryTrust implements Trust {
  readonly keys = new Map<string, JsonWebKey>();
  readonly authorised = new Set<string>();
  readonly lists = new Map<string, string>();
  readonly anchors = new Map<string, string>();

  addKey(kid: string, jwk: JsonWebKey): this {
    this.keys.set(kid, jwk);
    return this;
  }

  authorise(did: string, vct: string): this {
    this.authorised.add(`${did} ${vct}`);
    return this;
  }

  /** Serves token at uri and, unless told otherwise, anchors exactly it. */
  publish(uri: string, token: string, anchor = true): this {
    this.lists.set(uri, token);
    if (anchor) this.anchors.set(uri, sha256Hex(token));
    return this;
  }

  async issuerJwk(did: string, kid: string): Promise<JsonWebKey | undefined> {
    return kid.startsWith(`${did}#`) ? this.keys.get(kid) : undefined;
  }

  async issuerAuthorisedAt(did: string, vct: string, _timeMs: number): Promise<boolean> {
    return this.authorised.has(`${did} ${vct}`);
  }

  async fetchStatusList(uri: string): Promise<string | undefined> {
    return this.lists.get(uri);
  }

  async anchoredStatusDigest(uri: string): Promise<string | undefined> {
    return this.anchors.get(uri);
  }
}
