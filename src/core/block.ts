// Blocks: the header every validator recomputes and whose hash the checkpoint carries.
import { toHex, utf8 } from './bytes.js';
import { sha256 } from './hash.js';
import { canonicalJson } from './jcs.js';

export interface BlockHeader {
  readonly v: 1;
  readonly network: string;
  readonly height: number;
  /** Hex hash of the previous header; 64 zeros for the genesis block. */
  readonly prevHash: string;
  /** The proposer's clock, ms since the epoch. */
  readonly timeMs: number;
  readonly txCount: number;
  /** Hex RFC 9162 root over this block's log leaves, in order. */
  readonly txRoot: string;
  /** The global log after this block. */
  readonly logSize: number;
  readonly logRoot: string;
  /** Hex state root after executing this block. */
  readonly stateRoot: string;
  /** The validator name (note key name) that proposed the block. */
  readonly proposer: string;
}

export const ZERO_HASH_HEX = '0'.repeat(64);

export function blockHash(header: BlockHeader): string {
  return toHex(sha256(utf8(canonicalJson(header))));
}

/**
 * A log leaf: the signed transaction as committed, with the block that committed it. The leaf
 * hash proves the transaction, its signatures, its block height and the block's time.
 * Keys are written in canonical (sorted) order so the text is its own canonical form.
 */
export interface LogEntry {
  readonly height: number;
  readonly timeMs: number;
  readonly tx: unknown;
}

export function logEntryText(height: number, blockTimeMs: number, canonicalTx: string): string {
  return `{"height":${height},"timeMs":${blockTimeMs},"tx":${canonicalTx}}`;
}
