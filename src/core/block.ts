// Blocks: the header every validator recomputes and whose hash the checkpoint carries.
import { toHex, utf8 } from './bytes.js';
import { HEX_DIGEST_RE, sha256 } from './hash.js';
import { canonicalJson } from './jcs.js';
import type { Result, Verdict } from './result.js';
import { fail, OK } from './result.js';

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

export type BlockError = 'BLOCK_MALFORMED' | 'BLOCK_NOT_CANONICAL' | 'BLOCK_LINK_INVALID';

const HEADER_KEYS = [
  'height',
  'logRoot',
  'logSize',
  'network',
  'prevHash',
  'proposer',
  'stateRoot',
  'timeMs',
  'txCount',
  'txRoot',
  'v',
] as const;

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isHashHex = (x: unknown): x is string => typeof x === 'string' && HEX_DIGEST_RE.test(x);

/**
 * Parses an untrusted header text: exactly the header's fields, of the right types, and in
 * canonical form (so its hash is the hash of these very bytes). Never throws.
 */
export function parseBlockHeader(text: string): Result<BlockHeader, BlockError> {
  let h: unknown;
  try {
    h = JSON.parse(text);
  } catch {
    return fail('BLOCK_MALFORMED', 'header is not JSON');
  }
  if (typeof h !== 'object' || h === null || Array.isArray(h)) {
    return fail('BLOCK_MALFORMED', 'header is not an object');
  }
  const o = h as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.length !== HEADER_KEYS.length || keys.some((k, i) => k !== HEADER_KEYS[i])) {
    return fail('BLOCK_MALFORMED', `header fields are [${keys.join(', ')}]`);
  }
  if (o.v !== 1) return fail('BLOCK_MALFORMED', 'header.v is not 1');
  if (typeof o.network !== 'string' || typeof o.proposer !== 'string') {
    return fail('BLOCK_MALFORMED', 'header.network and header.proposer must be strings');
  }
  for (const k of ['height', 'timeMs', 'txCount', 'logSize'] as const) {
    if (!isCount(o[k])) return fail('BLOCK_MALFORMED', `header.${k} is not a count`);
  }
  for (const k of ['prevHash', 'txRoot', 'logRoot', 'stateRoot'] as const) {
    if (!isHashHex(o[k])) return fail('BLOCK_MALFORMED', `header.${k} is not a hex SHA-256`);
  }
  const header = o as unknown as BlockHeader;
  if (canonicalJson(header) !== text) {
    return fail('BLOCK_NOT_CANONICAL', 'the header is not canonical JSON');
  }
  return { ok: true, value: header };
}

/**
 * Checks that a header follows its predecessor: next height, same network, chained hash,
 * time not going backwards, and a log that only grows.
 */
export function verifyBlockLink(
  header: BlockHeader,
  prev: BlockHeader,
  prevHash: string,
): Verdict<'BLOCK_LINK_INVALID'> {
  const bad = (detail: string) => fail('BLOCK_LINK_INVALID' as const, detail);
  if (header.height !== prev.height + 1) return bad(`height ${header.height} after ${prev.height}`);
  if (header.network !== prev.network) return bad(`network ${header.network}`);
  if (header.prevHash !== prevHash) return bad(`prevHash does not match block ${prev.height}`);
  if (header.timeMs < prev.timeMs) return bad(`time ${header.timeMs} before ${prev.timeMs}`);
  if (header.logSize !== prev.logSize + header.txCount) {
    return bad(`log size ${header.logSize} is not ${prev.logSize} + ${header.txCount}`);
  }
  return OK;
}
