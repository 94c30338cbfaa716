// Worker thread: a second connection to the node's database that only checkpoints the WAL.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import type { WalCheckpointerOptions } from './wal-checkpointer.js';

const opts = workerData as WalCheckpointerOptions;
const db = new Database(opts.dbPath, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or locked: the next round takes what it can
  }
}, opts.intervalMs);
