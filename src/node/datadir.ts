// The data directory: genesis, this node's key, the demo members' keys, the database.
// Private key files are written 0600 and never logged.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  openSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fromBase64Url, toBase64Url } from '../core/bytes.js';
import type { PrivateKey, SignatureAlg } from '../core/crypto.js';
import type { Genesis } from '../ledger/genesis.js';
import { parseGenesis } from '../ledger/genesis.js';
import { DEMO_ISSUERS, DEMO_NETWORK, DEMO_ORIGIN, GWENT_BODIES } from '../ledger/demo.js';
import { defaultLedgerParams } from '../ledger/modules/governance.js';
import { generateKeyPairSync } from './crypto-node.js';

export const FILES = {
  genesis: 'genesis.json',
  nodeKey: 'node-key.json',
  membersDir: 'member-keys',
  database: 'cadwyn.db',
  consortiumKeys: 'consortium-keys.json',
} as const;

export interface NodeKeyFile {
  readonly validatorName: string;
  readonly member: string;
  readonly alg: 'Ed25519';
  readonly privateKey: string;
}

export interface MemberKeyFile {
  readonly did: string;
  readonly keyId: string;
  readonly alg: SignatureAlg;
  readonly privateKey: string;
}

/** Writes a file so that a crash leaves either the old or the new content, never half. */
export function writeFileAtomic(path: string, data: string, mode = 0o644): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode });
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function privateKeyOf(alg: SignatureAlg, b64url: string): PrivateKey {
  const bytes = fromBase64Url(b64url);
  if (!bytes || bytes.length !== 32) throw new Error(`malformed private key file (${alg})`);
  return { alg, bytes };
}

export interface InitResult {
  readonly created: boolean;
  readonly genesis: Genesis;
}

/**
 * On first start: creates the demo Gwent consortium (every body's governance key, this node's
 * validator key run for Newport) and its genesis. Later starts read what is there.
 */
export function initDataDir(dir: string, nowMs: number): InitResult {
  mkdirSync(dir, { recursive: true });
  const genesisPath = join(dir, FILES.genesis);
  if (existsSync(genesisPath)) {
    const g = parseGenesis(readJson(genesisPath));
    if (!g.ok) throw new Error(`${genesisPath}: ${g.detail ?? g.code}`);
    return { created: false, genesis: g.value };
  }
  const membersDir = join(dir, FILES.membersDir);
  mkdirSync(membersDir, { recursive: true, mode: 0o700 });
  const members = GWENT_BODIES.map((b) => {
    const kp = generateKeyPairSync('Ed25519');
    const file: MemberKeyFile = {
      did: b.did,
      keyId: 'key-1',
      alg: 'Ed25519',
      privateKey: toBase64Url(kp.privateKey.bytes),
    };
    writeFileAtomic(join(membersDir, `${b.slug}.json`), JSON.stringify(file, null, 2), 0o600);
    return {
      did: b.did,
      name: b.name,
      ...(b.area ? { area: b.area } : {}),
      roles: [...b.roles],
      keys: [{ id: 'key-1', alg: 'Ed25519' as const, publicKey: toBase64Url(kp.publicKey.bytes) }],
    };
  });
  const nodeKp = generateKeyPairSync('Ed25519');
  const nodeKey: NodeKeyFile = {
    validatorName: 'newport.gwent.example/node-1',
    member: 'did:web:newport.gwent.example',
    alg: 'Ed25519',
    privateKey: toBase64Url(nodeKp.privateKey.bytes),
  };
  writeFileAtomic(join(dir, FILES.nodeKey), JSON.stringify(nodeKey, null, 2), 0o600);
  const genesis: Genesis = {
    v: 1,
    network: DEMO_NETWORK,
    origin: DEMO_ORIGIN,
    timeMs: nowMs,
    members,
    validators: [
      {
        name: nodeKey.validatorName,
        member: nodeKey.member,
        publicKey: toBase64Url(nodeKp.publicKey.bytes),
      },
    ],
    params: defaultLedgerParams,
    issuers: DEMO_ISSUERS.map((i) => ({ issuer: i.issuer, vct: i.vct })),
  };
  const checked = parseGenesis(genesis);
  if (!checked.ok) throw new Error(`demo genesis invalid: ${checked.detail ?? checked.code}`);
  // Genesis last: its presence marks a complete initialisation.
  writeFileAtomic(genesisPath, JSON.stringify(genesis, null, 2));
  return { created: true, genesis };
}

/** The four bodies whose nodes validate in a local consortium (`cadwyn cluster up`). */
export const CLUSTER_VALIDATOR_BODIES = ['newport', 'torfaen', 'aneurin-bevan', 'gwent-police'];

/**
 * A local consortium's data directories (decision 0009): one genesis naming `n` validators (one
 * per body in CLUSTER_VALIDATOR_BODIES, in order), each node's own validator key in its own
 * directory. The demo members' governance keys are written to every directory so each node can
 * serve the demo staff of every body; a real member body holds only its own.
 * Validator names carry no `/`: they are also etcd key segments.
 */
export function initClusterDataDirs(
  dirs: readonly string[],
  nowMs: number,
): { readonly genesis: Genesis; readonly validatorNames: readonly string[] } {
  if (dirs.length < 1 || dirs.length > CLUSTER_VALIDATOR_BODIES.length) {
    throw new RangeError(`a local consortium has 1 to ${CLUSTER_VALIDATOR_BODIES.length} nodes`);
  }
  const memberKeys = GWENT_BODIES.map((b) => ({ b, kp: generateKeyPairSync('Ed25519') }));
  const nodes = dirs.map((dir, i) => {
    const slug = CLUSTER_VALIDATOR_BODIES[i] as string;
    const body = GWENT_BODIES.find((b) => b.slug === slug);
    if (!body) throw new Error(`no demo body ${slug}`);
    const kp = generateKeyPairSync('Ed25519');
    const file: NodeKeyFile = {
      validatorName: `node-1.${slug}.gwent.example`,
      member: body.did,
      alg: 'Ed25519',
      privateKey: toBase64Url(kp.privateKey.bytes),
    };
    return { dir, file, publicKey: toBase64Url(kp.publicKey.bytes) };
  });
  const genesis: Genesis = {
    v: 1,
    network: DEMO_NETWORK,
    origin: DEMO_ORIGIN,
    timeMs: nowMs,
    members: memberKeys.map(({ b, kp }) => ({
      did: b.did,
      name: b.name,
      ...(b.area ? { area: b.area } : {}),
      roles: [...b.roles],
      keys: [{ id: 'key-1', alg: 'Ed25519' as const, publicKey: toBase64Url(kp.publicKey.bytes) }],
    })),
    validators: nodes.map((n) => ({
      name: n.file.validatorName,
      member: n.file.member,
      publicKey: n.publicKey,
    })),
    params: defaultLedgerParams,
    issuers: DEMO_ISSUERS.map((i) => ({ issuer: i.issuer, vct: i.vct })),
  };
  const checked = parseGenesis(genesis);
  if (!checked.ok) throw new Error(`cluster genesis invalid: ${checked.detail ?? checked.code}`);
  for (const n of nodes) {
    if (existsSync(join(n.dir, FILES.genesis))) throw new Error(`${n.dir} is already in use`);
    const membersDir = join(n.dir, FILES.membersDir);
    mkdirSync(membersDir, { recursive: true, mode: 0o700 });
    for (const { b, kp } of memberKeys) {
      const file: MemberKeyFile = {
        did: b.did,
        keyId: 'key-1',
        alg: 'Ed25519',
        privateKey: toBase64Url(kp.privateKey.bytes),
      };
      writeFileAtomic(join(membersDir, `${b.slug}.json`), JSON.stringify(file, null, 2), 0o600);
    }
    writeFileAtomic(join(n.dir, FILES.nodeKey), JSON.stringify(n.file, null, 2), 0o600);
    // Genesis last: its presence marks a complete initialisation.
    writeFileAtomic(join(n.dir, FILES.genesis), JSON.stringify(genesis, null, 2));
  }
  return { genesis, validatorNames: nodes.map((n) => n.file.validatorName) };
}

/**
 * An observer's data directory (`cadwyn start --observe URL`): the genesis it follows (fetched
 * from the node, and to be compared by its operator with the consortium's published genesis
 * hash) and a key of its own, which signs nothing anyone relies on. No member keys: an observer
 * acts for no body.
 */
export function initObserverDataDir(dir: string, genesis: Genesis): void {
  const checked = parseGenesis(genesis);
  if (!checked.ok)
    throw new Error(`the followed node's genesis is invalid: ${checked.detail ?? checked.code}`);
  mkdirSync(join(dir, FILES.membersDir), { recursive: true, mode: 0o700 });
  const kp = generateKeyPairSync('Ed25519');
  const key: NodeKeyFile = {
    validatorName: 'observer',
    member: '',
    alg: 'Ed25519',
    privateKey: toBase64Url(kp.privateKey.bytes),
  };
  writeFileAtomic(join(dir, FILES.nodeKey), JSON.stringify(key, null, 2), 0o600);
  writeFileAtomic(join(dir, FILES.genesis), JSON.stringify(checked.value, null, 2));
}

export function readNodeKey(dir: string): { file: NodeKeyFile; privateKey: PrivateKey } {
  const file = readJson(join(dir, FILES.nodeKey)) as NodeKeyFile;
  return { file, privateKey: privateKeyOf('Ed25519', file.privateKey) };
}
