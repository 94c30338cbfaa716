// A body signs JWS (credentials, status lists, request objects) with its ledger-registered key.
import type { JwsSigner } from '../../identity/signer.js';
import { signSync } from '../crypto-node.js';
import type { HostedBody } from './bodies.js';

export function bodySigner(body: HostedBody): JwsSigner {
  return {
    alg: body.privateKey.alg === 'Ed25519' ? 'EdDSA' : 'ES256',
    kid: `${body.did}#${body.keyId}`,
    sign: async (data: Uint8Array) => signSync(body.privateKey, data),
  };
}
