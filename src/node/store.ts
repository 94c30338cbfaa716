// One SQLite database per node (better-sqlite3 12, WAL). Blocks, log entries, state and the
// durable mempool live in one file so that a block commit is one atomic transaction.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Json } from '../core/jcs.js';
import type { StateReader } from '../ledger/state.js';

export interface StoreOptions {
  /** 'FULL' fsyncs every commit (survives power loss); 'NORMAL' survives a process crash. */
  readonly synchronous: 'FULL' | 'NORMAL';
}

export const defaultStoreOptions: StoreOptions = { synchronous: 'FULL' };

export interface BlockRow {
  readonly height: number;
  readonly hash: string;
  /** Canonical JSON of the header. */
  readonly header: string;
  /** The signed checkpoint note for this block. */
  readonly checkpoint: string;
}

export interface TxRow {
  readonly logIndex: number;
  readonly id: string;
  readonly height: number;
  /** Canonical JSON of the log entry (the Merkle leaf data). */
  readonly entry: string;
}

export interface PendingRow {
  /** Arrival order; a block deletes every row up to the last it took. */
  readonly seq: number;
  readonly tx: string;
  readonly receivedMs: number;
}

export interface RejectedRow {
  readonly id: string;
  readonly code: string;
  readonly detail: string | null;
  readonly atMs: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocks (
  height INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  header TEXT NOT NULL,
  checkpoint TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS txs (
  log_index INTEGER PRIMARY KEY,
  id BLOB NOT NULL,
  height INTEGER NOT NULL,
  entry TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS txs_by_id ON txs (id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- Accepted, not yet in a block, in arrival order. No index beyond the row id: the node keeps
-- the ids in memory, and a block removes its whole prefix with one range delete.
CREATE TABLE IF NOT EXISTS mempool (
  seq INTEGER PRIMARY KEY,
  tx TEXT NOT NULL,
  received_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
  id BLOB PRIMARY KEY,
  code TEXT NOT NULL,
  detail TEXT,
  at_ms INTEGER NOT NULL
) WITHOUT ROWID;
-- Consortium mode (decision 0009): what this validator executed and cosigned, one record per
-- height, written before its cosignature leaves; blocks reach the tables above only when final.
CREATE TABLE IF NOT EXISTS chain (height INTEGER PRIMARY KEY, record TEXT NOT NULL);
`;

const hexToBlob = (hex: string) => Buffer.from(hex, 'hex');

export class Store implements StateReader {
  readonly db: Database.Database;
  private readonly st: ReturnType<Store['prepareAll']>;

  constructor(
    readonly path: string,
    opts: StoreOptions = defaultStoreOptions,
    readonly readonly = false,
  ) {
    this.db = new Database(path, { readonly, fileMustExist: readonly });
    if (!readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${opts.synchronous}`);
      this.db.exec(SCHEMA);
    }
    this.db.pragma('cache_size = -65536');
    this.st = this.prepareAll();
  }

  private prepareAll() {
    const db = this.db;
    return {
      metaGet: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      metaPut: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      stateGet: db.prepare<[string], { value: string }>('SELECT value FROM state WHERE key = ?'),
      statePut: db.prepare('INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)'),
      stateDel: db.prepare('DELETE FROM state WHERE key = ?'),
      stateRange: db.prepare<[string, string, number], { key: string; value: string }>(
        'SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key LIMIT ?',
      ),
      blockPut: db.prepare(
        'INSERT INTO blocks (height, hash, header, checkpoint) VALUES (?, ?, ?, ?)',
      ),
      blockGet: db.prepare<[number], BlockRow>(
        'SELECT height, hash, header, checkpoint FROM blocks WHERE height = ?',
      ),
      blockRange: db.prepare<[number, number], BlockRow>(
        'SELECT height, hash, header, checkpoint FROM blocks WHERE height >= ? AND height <= ? ORDER BY height',
      ),
      blockLast: db.prepare<[], BlockRow>(
        'SELECT height, hash, header, checkpoint FROM blocks ORDER BY height DESC LIMIT 1',
      ),
      txPut: db.prepare('INSERT INTO txs (log_index, id, height, entry) VALUES (?, ?, ?, ?)'),
      txById: db.prepare<[Buffer], { logIndex: number; id: Buffer; height: number; entry: string }>(
        'SELECT log_index AS logIndex, id, height, entry FROM txs WHERE id = ?',
      ),
      txsOfHeight: db.prepare<
        [number],
        { logIndex: number; id: Buffer; height: number; entry: string }
      >(
        'SELECT log_index AS logIndex, id, height, entry FROM txs WHERE height = ? ORDER BY log_index',
      ),
      txCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM txs'),
      mempoolPut: db.prepare('INSERT INTO mempool (tx, received_ms) VALUES (?, ?)'),
      mempoolDelUpTo: db.prepare('DELETE FROM mempool WHERE seq <= ?'),
      mempoolAll: db.prepare<[], { seq: number; tx: string; receivedMs: number }>(
        'SELECT seq, tx, received_ms AS receivedMs FROM mempool ORDER BY seq',
      ),
      chainGet: db.prepare<[number], { record: string }>(
        'SELECT record FROM chain WHERE height = ?',
      ),
      chainPut: db.prepare('INSERT OR REPLACE INTO chain (height, record) VALUES (?, ?)'),
      chainDel: db.prepare('DELETE FROM chain WHERE height = ?'),
      rejectedPut: db.prepare(
        'INSERT OR REPLACE INTO rejected (id, code, detail, at_ms) VALUES (?, ?, ?, ?)',
      ),
      rejectedGet: db.prepare<[Buffer], { code: string; detail: string | null; atMs: number }>(
        'SELECT code, detail, at_ms AS atMs FROM rejected WHERE id = ?',
      ),
    };
  }

  /**
   * Whether this connection copies the WAL into the database itself after commits (SQLite's
   * auto-checkpoint) — off while a WalCheckpointer thread does it.
   */
  autoCheckpoint(on: boolean): void {
    this.db.pragma(`wal_autocheckpoint = ${on ? 1000 : 0}`);
  }

  /** Size of the write-ahead log file, bytes (0 when there is none). */
  walBytes(): number {
    try {
      return statSync(`${this.path}-wal`).size;
    } catch {
      return 0;
    }
  }

  /** Checkpoints everything now (blocking). */
  checkpointWal(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- meta ----
  getMeta(key: string): string | undefined {
    return this.st.metaGet.get(key)?.value;
  }
  putMeta(key: string, value: string): void {
    this.st.metaPut.run(key, value);
  }

  // ---- state ----
  get(key: string): Json | undefined {
    const row = this.st.stateGet.get(key);
    return row ? (JSON.parse(row.value) as Json) : undefined;
  }
  /** Writes a state diff given as canonical texts (call inside a transaction). */
  applyDiff(texts: readonly (readonly [string, string | null])[]): void {
    for (const [k, v] of texts) {
      if (v === null) this.st.stateDel.run(k);
      else this.st.statePut.run(k, v);
    }
  }
  /**
   * Committed state under a key prefix, in key order, at most `limit` rows (index keys such as
   * `consent-of/<did>/`). Keys are ASCII, so `prefix + '\uffff'` bounds the range.
   */
  stateRange(prefix: string, limit: number): [key: string, value: Json][] {
    return this.st.stateRange
      .all(prefix, `${prefix}\uffff`, limit)
      .map((r) => [r.key, JSON.parse(r.value) as Json]);
  }
  *stateKeys(): IterableIterator<string> {
    yield* this.db.prepare<[], string>('SELECT key FROM state').pluck().iterate();
  }
  *stateRows(): IterableIterator<{ key: string; value: string }> {
    yield* this.db
      .prepare<[], { key: string; value: string }>('SELECT key, value FROM state ORDER BY key')
      .iterate();
  }

  // ---- blocks and log ----
  putBlock(row: BlockRow): void {
    this.st.blockPut.run(row.height, row.hash, row.header, row.checkpoint);
  }
  getBlock(height: number): BlockRow | undefined {
    return this.st.blockGet.get(height);
  }
  blocks(from: number, to: number): BlockRow[] {
    return this.st.blockRange.all(from, to);
  }
  *iterateBlocks(): IterableIterator<BlockRow> {
    yield* this.db
      .prepare<[], BlockRow>('SELECT height, hash, header, checkpoint FROM blocks ORDER BY height')
      .iterate();
  }
  lastBlock(): BlockRow | undefined {
    return this.st.blockLast.get();
  }
  putTx(row: TxRow): void {
    this.st.txPut.run(row.logIndex, hexToBlob(row.id), row.height, row.entry);
  }
  txById(id: string): TxRow | undefined {
    const r = this.st.txById.get(hexToBlob(id));
    return r && { logIndex: r.logIndex, id, height: r.height, entry: r.entry };
  }
  txsOfHeight(height: number): TxRow[] {
    return this.st.txsOfHeight
      .all(height)
      .map((r) => ({ logIndex: r.logIndex, id: r.id.toString('hex'), height, entry: r.entry }));
  }
  *iterateTxs(): IterableIterator<TxRow> {
    const it = this.db
      .prepare<[], { logIndex: number; id: Buffer; height: number; entry: string }>(
        'SELECT log_index AS logIndex, id, height, entry FROM txs ORDER BY log_index',
      )
      .iterate();
    for (const r of it) {
      yield { logIndex: r.logIndex, id: r.id.toString('hex'), height: r.height, entry: r.entry };
    }
  }
  txCount(): number {
    return this.st.txCount.get()?.n ?? 0;
  }

  // ---- mempool and rejections ----
  /** Appends accepted transactions; returns their arrival numbers (call inside a transaction). */
  putPending(rows: readonly { tx: string; receivedMs: number }[]): number[] {
    return rows.map((r) => Number(this.st.mempoolPut.run(r.tx, r.receivedMs).lastInsertRowid));
  }
  /** Removes every pending row up to and including `seq`. */
  deletePendingUpTo(seq: number): void {
    this.st.mempoolDelUpTo.run(seq);
  }
  pending(): PendingRow[] {
    return this.st.mempoolAll.all();
  }
  putRejected(r: RejectedRow): void {
    this.st.rejectedPut.run(hexToBlob(r.id), r.code, r.detail, r.atMs);
  }
  rejected(id: string): RejectedRow | undefined {
    const r = this.st.rejectedGet.get(hexToBlob(id));
    return r && { id, code: r.code, detail: r.detail, atMs: r.atMs };
  }

  /** The consortium validator's own chain records (decision 0009). */
  chainRecord(height: number): string | undefined {
    return this.st.chainGet.get(height)?.record;
  }
  putChainRecord(height: number, record: string): void {
    this.st.chainPut.run(height, record);
  }
  deleteChainRecord(height: number): void {
    this.st.chainDel.run(height);
  }

  /** Runs fn in one SQLite transaction: all of it lands, or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
