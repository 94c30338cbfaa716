// The tamper test: a real node writes a chain; the audit passes it untouched and, on copies of
// the data dir each altered in one place, fails at the right height with a sensible code.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../src/core/bytes.js';
import { didKeyFromPublicKey } from '../src/core/did.js';
import { sha256 } from '../src/core/hash.js';
import type { TxBody, TxSigner } from '../src/core/tx.js';
import { signTx } from '../src/core/tx.js';
import type { Genesis } from '../src/ledger/genesis.js';
import { GWENT_BODIES } from '../src/ledger/demo.js';
import type { AuditReport } from '../src/node/audit.js';
import { auditDataDir, auditUrl } from '../src/node/audit.js';
import { generateKeyPairSync, nodeCryptoBackend } from '../src/node/crypto-node.js';
import type { MemberKeyFile } from '../src/node/datadir.js';
import { FILES, initDataDir, privateKeyOf } from '../src/node/datadir.js';
import { CadwynNode, defaultNodeOptions } from '../src/node/node.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const BLOCKS = 6;
const PER_SENDER_PER_BLOCK = 17;

let root: string;
let master: string;
let genesis: Genesis;
let now = 1_760_000_000_000;
let copies = 0;
/** Height → the log indices of its entries, as the node wrote them. */
const heights = new Map<number, number[]>();
let lastHeight = 0;
let totalTxs = 0;

function openNode(dataDir: string): Promise<CadwynNode> {
  return CadwynNode.open(
    {
      ...defaultNodeOptions,
      dataDir,
      verifyWorkers: 0,
      // Blocks are cut by the test, never by the timer.
      blockIntervalMs: 1_000_000_000,
      synchronous: 'NORMAL',
    },
    { clock: () => now, logger: silent },
    genesis,
  );
}

function memberSigner(dir: string, slug: string): TxSigner {
  const f = JSON.parse(
    readFileSync(join(dir, FILES.membersDir, `${slug}.json`), 'utf8'),
  ) as MemberKeyFile;
  return { did: f.did, keyId: f.keyId, privateKey: privateKeyOf(f.alg, f.privateKey) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cadwyn-audit-'));
  master = join(root, 'master');
  genesis = initDataDir(master, now).genesis;
  const node = await openNode(master);
  const senders = (['Ed25519', 'ES256', 'Ed25519'] as const).map((alg) => {
    const kp = generateKeyPairSync(alg);
    return { did: didKeyFromPublicKey(kp.publicKey), privateKey: kp.privateKey, seq: 0 };
  });
  let n = 0;
  for (let b = 1; b <= BLOCKS; b++) {
    now += 5_000;
    const txs = [];
    for (const s of senders) {
      for (let k = 0; k < PER_SENDER_PER_BLOCK; k++) {
        const body: TxBody = {
          v: 1,
          network: genesis.network,
          type: 'notary.notarise',
          sender: s.did,
          seq: ++s.seq,
          timeMs: now - 1000,
          ...(k % 3 === 0 ? { geo: { area: 'W06000022' } } : {}),
          payload: {
            digest: toHex(sha256(utf8(`document ${n++}`))),
            ...(k % 2 === 0 ? { label: `Cofnod ${n}` } : {}),
          },
        };
        txs.push(await signTx(body, [{ did: s.did, privateKey: s.privateKey }], nodeCryptoBackend));
      }
    }
    if (b === 3) {
      // A governance change signed by 7 of the 9 member bodies: did:web checks in execution.
      const signers = GWENT_BODIES.slice(0, 7).map((g) => memberSigner(master, g.slug));
      const sender = signers[0] as TxSigner;
      const body: TxBody = {
        v: 1,
        network: genesis.network,
        type: 'governance.updateMember',
        sender: sender.did,
        seq: 1,
        timeMs: now,
        payload: { did: sender.did, roles: ['council', 'issuer'] },
      };
      txs.push(await signTx(body, signers, nodeCryptoBackend));
    }
    const outcomes = await node.submit(txs);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await node.produceBlock()).toBe(b);
  }
  lastHeight = node.height;
  await node.close();
  const db = new Database(join(master, FILES.database), { readonly: true });
  for (const r of db.prepare('SELECT log_index, height FROM txs ORDER BY log_index').all() as {
    log_index: number;
    height: number;
  }[]) {
    heights.set(r.height, [...(heights.get(r.height) ?? []), r.log_index]);
    totalTxs++;
  }
  db.close();
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A fresh copy of the master data dir (the node is closed, so the files are quiescent). */
function copyDir(): string {
  const dir = join(root, `copy-${++copies}`);
  cpSync(master, dir, { recursive: true });
  return dir;
}

function withDb(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(join(dir, FILES.database));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

function entryAt(db: Database.Database, logIndex: number): string {
  const r = db.prepare('SELECT entry FROM txs WHERE log_index = ?').get(logIndex) as {
    entry: string;
  };
  return r.entry;
}

function setEntry(db: Database.Database, logIndex: number, entry: string): void {
  db.prepare('UPDATE txs SET entry = ? WHERE log_index = ?').run(entry, logIndex);
}

/** A different character of the same alphabet at position i. */
function flipChar(s: string, i: number): string {
  const c = s[i] === 'A' ? 'B' : 'A';
  return s.slice(0, i) + c + s.slice(i + 1);
}

function firstIndexOf(height: number, k = 0): number {
  const xs = heights.get(height);
  if (!xs || xs[k] === undefined) throw new Error(`no entry ${k} at height ${height}`);
  return xs[k];
}

function expectFailure(r: AuditReport, height: number, code: string): void {
  expect(r.ok ? r : { ok: r.ok, height: r.height, code: r.code }).toEqual({
    ok: false,
    height,
    code,
  });
}

describe('auditDataDir', () => {
  it('passes the untouched chain and counts it', async () => {
    const progress: [number, number][] = [];
    const r = await auditDataDir(master, {
      workers: 0,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const db = new Database(join(master, FILES.database), { readonly: true });
    const stateKeys = (db.prepare('SELECT count(*) AS n FROM state').get() as { n: number }).n;
    db.close();
    expect(totalTxs).toBe(BLOCKS * 3 * PER_SENDER_PER_BLOCK + 1);
    expect(r).toMatchObject({
      height: lastHeight,
      logSize: totalTxs,
      txCount: totalTxs,
      stateKeys,
    });
    expect(r.genesisHash).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.at(-1)).toEqual([totalTxs, totalTxs]);
    // Speed on this chain, for the record (the bulk of it is signature checks).
    console.log(
      `audit: ${totalTxs} tx in ${r.ms} ms (${Math.round((totalTxs / r.ms) * 1000)} tx/s)`,
    );
  });

  it('fails on a changed byte of a transaction body', async () => {
    const dir = copyDir();
    const i = firstIndexOf(3, 5);
    withDb(dir, (db) => {
      const e = entryAt(db, i);
      const at = e.indexOf('"digest":"') + '"digest":"'.length;
      const c = e[at] === 'a' ? 'b' : 'a';
      setEntry(db, i, e.slice(0, at) + c + e.slice(at + 1));
    });
    expectFailure(await auditDataDir(dir, { workers: 0 }), 3, 'AUDIT_TX_ID_MISMATCH');
  });

  it('fails on a changed signature inside an entry', async () => {
    const dir = copyDir();
    const i = firstIndexOf(5, 20);
    withDb(dir, (db) => {
      const e = entryAt(db, i);
      setEntry(db, i, flipChar(e, e.indexOf('"sig":"') + '"sig":"'.length));
    });
    expectFailure(await auditDataDir(dir, { workers: 0 }), 5, 'AUDIT_TX_SIGNATURE_INVALID');
  });

  it('fails on a changed did:web signature (checked in execution)', async () => {
    const dir = copyDir();
    const xs = heights.get(3) ?? [];
    const i = xs[xs.length - 1] as number;
    withDb(dir, (db) => {
      const e = entryAt(db, i);
      expect(e).toContain('governance.updateMember');
      // The fourth member's signature: not the sender's, so only execution can catch it.
      let at = -1;
      for (let k = 0; k < 4; k++) at = e.indexOf('"sig":"', at + 1);
      setEntry(db, i, flipChar(e, at + '"sig":"'.length));
    });
    const r = await auditDataDir(dir, { workers: 0 });
    expectFailure(r, 3, 'AUDIT_TX_SIGNATURE_INVALID');
    expect(r.ok || r.detail).toContain('TX_SIGNATURE_INVALID');
  });

  it('fails on a changed block hash', async () => {
    const dir = copyDir();
    withDb(dir, (db) => {
      db.prepare('UPDATE blocks SET hash = ? WHERE height = 2').run('ab'.repeat(32));
    });
    expectFailure(await auditDataDir(dir, { workers: 0 }), 2, 'AUDIT_BLOCK_HASH_MISMATCH');
  });

  it('fails on a changed header field (stateRoot)', async () => {
    const dir = copyDir();
    withDb(dir, (db) => tamperStateRoot(db, 4));
    expectFailure(await auditDataDir(dir, { workers: 0 }), 4, 'AUDIT_STATE_ROOT_MISMATCH');
  });

  it('fails on a changed genesis block', async () => {
    const dir = copyDir();
    withDb(dir, (db) => tamperStateRoot(db, 0));
    expectFailure(await auditDataDir(dir, { workers: 0 }), 0, 'AUDIT_GENESIS_MISMATCH');
  });

  it('fails on a changed checkpoint signature', async () => {
    const dir = copyDir();
    withDb(dir, (db) => {
      const { checkpoint } = db.prepare('SELECT checkpoint FROM blocks WHERE height = 3').get() as {
        checkpoint: string;
      };
      // The signature line ends "<base64>\n": change a character well inside the signature.
      setCheckpoint(db, 3, flipChar(checkpoint, checkpoint.length - 12));
    });
    const r = await auditDataDir(dir, { workers: 0 });
    expectFailure(r, 3, 'AUDIT_CHECKPOINT_INVALID');
  });

  it('fails on a checkpoint of another block, validly signed', async () => {
    const dir = copyDir();
    withDb(dir, (db) => {
      const { checkpoint } = db.prepare('SELECT checkpoint FROM blocks WHERE height = 2').get() as {
        checkpoint: string;
      };
      setCheckpoint(db, 5, checkpoint);
    });
    expectFailure(await auditDataDir(dir, { workers: 0 }), 5, 'AUDIT_CHECKPOINT_MISMATCH');
  });

  it('fails on a changed state row value', async () => {
    const dir = copyDir();
    let key = '';
    withDb(dir, (db) => {
      const row = db
        .prepare("SELECT key, value FROM state WHERE key LIKE 'notary/%' LIMIT 1")
        .get() as {
        key: string;
        value: string;
      };
      key = row.key;
      db.prepare('UPDATE state SET value = ? WHERE key = ?').run(
        row.value.replace('"height":', '"height":1'),
        key,
      );
    });
    const r = await auditDataDir(dir, { workers: 0 });
    expectFailure(r, lastHeight, 'AUDIT_STATE_TABLE_MISMATCH');
    expect(r.ok || r.detail).toContain(key);
  });

  it('fails on a deleted state row', async () => {
    const dir = copyDir();
    withDb(dir, (db) => db.prepare("DELETE FROM state WHERE key = 'gov/params'").run());
    const r = await auditDataDir(dir, { workers: 0 });
    expectFailure(r, lastHeight, 'AUDIT_STATE_TABLE_MISMATCH');
    expect(r.ok || r.detail).toContain('gov/params');
  });

  it('fails on an added state row', async () => {
    const dir = copyDir();
    withDb(dir, (db) => db.prepare("INSERT INTO state VALUES ('zz/extra', '1')").run());
    const r = await auditDataDir(dir, { workers: 0 });
    expectFailure(r, lastHeight, 'AUDIT_STATE_TABLE_MISMATCH');
    expect(r.ok || r.detail).toContain('zz/extra');
  });

  it('fails on a deleted txs row', async () => {
    const dir = copyDir();
    withDb(dir, (db) => db.prepare('DELETE FROM txs WHERE log_index = ?').run(firstIndexOf(2, 10)));
    expectFailure(await auditDataDir(dir, { workers: 0 }), 2, 'AUDIT_TX_INDEX_GAP');
  });

  it('fails on a deleted last txs row and on a stray row after the last block', async () => {
    const dir = copyDir();
    withDb(dir, (db) => db.prepare('DELETE FROM txs WHERE log_index = ?').run(totalTxs - 1));
    expectFailure(await auditDataDir(dir, { workers: 0 }), lastHeight, 'AUDIT_TX_COUNT_MISMATCH');
    const dir2 = copyDir();
    withDb(dir2, (db) =>
      db
        .prepare('INSERT INTO txs SELECT ?, randomblob(32), ?, entry FROM txs WHERE log_index = 0')
        .run(totalTxs, lastHeight + 1),
    );
    expectFailure(await auditDataDir(dir2, { workers: 0 }), lastHeight + 1, 'AUDIT_TX_BEYOND_HEAD');
  });

  it('fails on a deleted block', async () => {
    const dir = copyDir();
    withDb(dir, (db) => db.prepare('DELETE FROM blocks WHERE height = 4').run());
    expectFailure(await auditDataDir(dir, { workers: 0 }), 4, 'AUDIT_BLOCK_MISSING');
  });

  it('fails on another genesis file', async () => {
    const dir = copyDir();
    const g = JSON.parse(readFileSync(join(dir, FILES.genesis), 'utf8')) as Genesis;
    writeFileSync(join(dir, FILES.genesis), JSON.stringify({ ...g, timeMs: g.timeMs + 1 }));
    expectFailure(await auditDataDir(dir, { workers: 0 }), -1, 'AUDIT_GENESIS_MISMATCH');
  });

  it('reports, never throws, on a flipped byte of the raw database file', async () => {
    // A byte inside a stored entry (SQLite does not checksum pages): found by its signature.
    const dir = copyDir();
    const dbPath = join(dir, FILES.database);
    let sig = '';
    // Opening read-write and closing checkpoints the WAL: every byte is in the main file.
    withDb(dir, (db) => {
      const e = entryAt(db, firstIndexOf(4, 7));
      sig = e.slice(e.indexOf('"sig":"') + 7, e.indexOf('"sig":"') + 47);
    });
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const bytes = readFileSync(dbPath);
    const at = bytes.indexOf(Buffer.from(sig));
    expect(at).toBeGreaterThan(0);
    bytes[at + 10] ^= 0x01;
    writeFileSync(dbPath, bytes);
    const r = await auditDataDir(dir, { workers: 0 });
    expect(r.ok).toBe(false);
    expect(r.height).toBe(4);

    // The file header: SQLite no longer knows the file.
    const dir2 = copyDir();
    const bytes2 = readFileSync(join(dir2, FILES.database));
    bytes2[0] ^= 0xff;
    writeFileSync(join(dir2, FILES.database), bytes2);
    expectFailure(await auditDataDir(dir2, { workers: 0 }), -1, 'AUDIT_DB_UNREADABLE');

    // B-tree page headers all over the file: whatever SQLite says, the answer is a report.
    const dir3 = copyDir();
    const bytes3 = readFileSync(join(dir3, FILES.database));
    for (let p = 4096; p < bytes3.length; p += 4096 * 3) bytes3[p] ^= 0x5a;
    writeFileSync(join(dir3, FILES.database), bytes3);
    const r3 = await auditDataDir(dir3, { workers: 0 });
    expect(r3.ok).toBe(false);
    expect(typeof r3.ms).toBe('number');
  });

  it('reports a missing database', async () => {
    const dir = copyDir();
    rmSync(join(dir, FILES.database));
    expectFailure(await auditDataDir(dir, { workers: 0 }), -1, 'AUDIT_DB_UNREADABLE');
  });

  const workerBuilt = existsSync(new URL('../dist/node/verify-worker.js', import.meta.url));
  it.skipIf(!workerBuilt)('checks signatures in worker threads (needs npm run build)', async () => {
    const r = await auditDataDir(master, { workers: 2 });
    expect(r).toMatchObject({ ok: true, logSize: totalTxs });
    const dir = copyDir();
    const i = firstIndexOf(6, 3);
    withDb(dir, (db) => {
      const e = entryAt(db, i);
      setEntry(db, i, flipChar(e, e.indexOf('"sig":"') + '"sig":"'.length));
    });
    expectFailure(await auditDataDir(dir, { workers: 2 }), 6, 'AUDIT_TX_SIGNATURE_INVALID');
  });

  it.skipIf(!workerBuilt)('keeps a bare CLI process alive while workers verify', () => {
    // The pool's workers are unref'd: a process with nothing else to do must not exit early.
    const script = join(root, 'audit-cli.mjs');
    const audit = new URL('../src/node/audit.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { auditDataDir } from '${audit}';\n` +
        `const r = await auditDataDir(${JSON.stringify(master)}, { workers: 2 });\n` +
        'console.log(JSON.stringify(r));\n',
    );
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, logSize: totalTxs });
  });
});

function tamperStateRoot(db: Database.Database, height: number): void {
  const { header } = db.prepare('SELECT header FROM blocks WHERE height = ?').get(height) as {
    header: string;
  };
  const h = JSON.parse(header) as { stateRoot: string };
  const other = h.stateRoot[0] === 'a' ? 'b' : 'a';
  db.prepare('UPDATE blocks SET header = ? WHERE height = ?').run(
    header.replace(`"stateRoot":"${h.stateRoot}"`, `"stateRoot":"${other}${h.stateRoot.slice(1)}"`),
    height,
  );
}

function setCheckpoint(db: Database.Database, height: number, checkpoint: string): void {
  db.prepare('UPDATE blocks SET checkpoint = ? WHERE height = ?').run(checkpoint, height);
}

describe('auditUrl', () => {
  async function serve(dir: string) {
    const { buildApi } = await import('../src/node/api.js');
    const node = await openNode(dir);
    const app = await buildApi(node);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      url,
      close: async () => {
        await app.close();
        await node.close();
      },
    };
  }

  it('passes the untouched chain over HTTP, with the same counts', async () => {
    const s = await serve(copyDir());
    try {
      const r = await auditUrl(`${s.url}/`, { workers: 0 });
      expect(r).toMatchObject({ ok: true, height: lastHeight, logSize: totalTxs });
      const local = await auditDataDir(master, { workers: 0 });
      expect(local.ok && r.ok && r.genesisHash === local.genesisHash).toBe(true);
      expect(r.ok && local.ok && r.stateKeys === local.stateKeys).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('finds a tampered header over HTTP', async () => {
    const dir = copyDir();
    withDb(dir, (db) => tamperStateRoot(db, 4));
    const s = await serve(dir);
    try {
      expectFailure(await auditUrl(s.url, { workers: 0 }), 4, 'AUDIT_STATE_ROOT_MISMATCH');
    } finally {
      await s.close();
    }
  });

  it('reports an unreachable node', async () => {
    const r = await auditUrl('http://127.0.0.1:9/', { workers: 0 });
    expectFailure(r, -1, 'AUDIT_SOURCE_UNREACHABLE');
  });
});
