// An observer (issue 5, decision 0009): follows any node over its public HTTP API and keeps its
// own copy of the ledger, trusting nothing it is sent. Every block is re-executed here from its
// log entries (every signature checked again), its header must come out byte for byte, and its
// checkpoint must carry a quorum of the validators in force in the observer's own state. Only
// then is it stored and served. A block that fails any check stops the observer with a clear
// alarm (it never stores it); a node that is unreachable is just tried again.
import { logEntryText, parseBlockHeader } from '../core/block.js';
import { formatCheckpoint, verifyCheckpoint } from '../core/checkpoint.js';
import type { CheckpointPolicy } from '../core/checkpoint.js';
import type { Json } from '../core/jcs.js';
import { canonicalJson } from '../core/jcs.js';
import { parseNote } from '../core/note.js';
import type { PreparedTx } from '../core/tx.js';
import { prepareTx } from '../core/tx.js';
import type { BuiltBlock, ChainTip } from '../ledger/block-builder.js';
import { buildBlock, checkpointOf } from '../ledger/block-builder.js';
import type { Genesis } from '../ledger/genesis.js';
import type { Ledger } from '../ledger/ledger.js';
import type { StateReader } from '../ledger/state.js';
import { nodeCryptoBackend } from './crypto-node.js';

export interface ObserveOptions {
  /** The node to follow (any node: solo, a consortium validator, another observer). */
  readonly url: string;
  /** How often to ask for new blocks (default 250 ms). */
  readonly pollMs?: number;
}

export type ObserverAlarm =
  | 'OBSERVED_BLOCK_MALFORMED'
  | 'OBSERVED_TX_INVALID'
  | 'OBSERVED_TX_REFUSED'
  | 'OBSERVED_HEADER_DIFFERS'
  | 'OBSERVED_NO_QUORUM'
  | 'OBSERVED_CHECKPOINT_DIFFERS';

export interface ObserverStatus {
  readonly following: string;
  readonly height: number;
  /** The followed node's height when last asked. */
  readonly sourceHeight: number;
  readonly halted?: { readonly code: ObserverAlarm; readonly detail: string };
  readonly lastError?: string;
}

export interface ObserverHost {
  readonly genesis: Genesis;
  readonly ledger: Ledger;
  readonly state: StateReader;
  readonly log: {
    info(o: object, msg: string): void;
    warn(o: object, msg: string): void;
    error(o: object, msg: string): void;
  };
  tip(): ChainTip;
  /**
   * The validators in force at `height`, from the observer's own state (a membership change is
   * stated ahead, so the state before block `height` knows it).
   */
  policy(height: number): CheckpointPolicy;
  /** Stores a block that passed every check, with the checkpoint note it came with. */
  commit(built: BuiltBlock, note: string): void;
}

interface ApiBlock {
  readonly height: number;
  readonly hash: string;
  readonly header: unknown;
  readonly checkpoint: string;
}

interface ApiEntries {
  readonly height: number;
  readonly entries: readonly {
    readonly logIndex: number;
    readonly id: string;
    readonly entry: unknown;
  }[];
}

class Halt extends Error {
  constructor(
    readonly code: ObserverAlarm,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

const BLOCKS_PER_ROUND = 200;
const HTTP_TIMEOUT_MS = 5000;

export class Observer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private halted: { code: ObserverAlarm; detail: string } | undefined;
  private lastError: string | undefined;
  private sourceHeight = 0;
  private running: Promise<void> = Promise.resolve();
  private readonly base: string;

  constructor(
    private readonly host: ObserverHost,
    private readonly o: ObserveOptions,
  ) {
    this.base = o.url.replace(/\/+$/, '');
  }

  start(): void {
    const loop = () => {
      if (this.closed || this.halted) return;
      this.running = this.round().finally(() => {
        if (!this.closed && !this.halted) this.timer = setTimeout(loop, this.o.pollMs ?? 250);
      });
    };
    loop();
  }

  status(): ObserverStatus {
    return {
      following: this.base,
      height: this.host.tip().header.height,
      sourceHeight: this.sourceHeight,
      ...(this.halted ? { halted: this.halted } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    try {
      const head = await this.get<{ blocks: { height: number }[] }>('/v1/blocks?limit=1');
      this.sourceHeight = head?.blocks[0]?.height ?? this.sourceHeight;
      const from = this.host.tip().header.height + 1;
      const to = Math.min(this.sourceHeight, from + BLOCKS_PER_ROUND - 1);
      for (let h = from; h <= to && !this.closed; h++) {
        const [b, t] = await Promise.all([
          this.get<ApiBlock>(`/v1/blocks/${h}`),
          this.get<ApiEntries>(`/v1/blocks/${h}/transactions`),
        ]);
        if (!b || !t) return; // not served (yet): ask again next round
        await this.check(h, b, t);
      }
      this.lastError = undefined;
    } catch (e) {
      if (e instanceof Halt) {
        this.halted = { code: e.code, detail: e.detail };
        this.host.log.error({ code: e.code, detail: e.detail }, 'observer halted');
        return;
      }
      // Unreachable or garbled transport: not evidence of anything; try again.
      this.lastError = e instanceof Error ? e.message : String(e);
    }
  }

  private async get<T>(path: string): Promise<T | undefined> {
    const r = await fetch(`${this.base}${path}`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    if (r.status === 404) return undefined;
    if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`);
    return (await r.json()) as T;
  }

  /** Every check on block h; throws Halt on the first that fails, commits if all hold. */
  private async check(h: number, b: ApiBlock, t: ApiEntries): Promise<void> {
    const bad = (code: ObserverAlarm, detail: string) => new Halt(code, `block ${h}: ${detail}`);
    if (typeof b !== 'object' || b === null || b.height !== h || typeof b.checkpoint !== 'string') {
      throw bad('OBSERVED_BLOCK_MALFORMED', 'malformed block');
    }
    if (typeof t !== 'object' || t === null || t.height !== h || !Array.isArray(t.entries)) {
      throw bad('OBSERVED_BLOCK_MALFORMED', 'malformed entries');
    }
    const header = parseBlockHeader(JSON.stringify(b.header));
    if (!header.ok) throw bad('OBSERVED_BLOCK_MALFORMED', header.detail ?? header.code);
    const { timeMs, proposer } = header.value;
    const txs: PreparedTx[] = [];
    for (const e of t.entries) {
      const entry = e.entry as { height?: unknown; timeMs?: unknown; tx?: unknown };
      const p = prepareTx(entry?.tx);
      if (!p.ok) throw bad('OBSERVED_TX_INVALID', `log index ${e.logIndex}: ${p.code}`);
      if (
        p.value.id !== e.id ||
        entry.height !== h ||
        entry.timeMs !== timeMs ||
        canonicalJson(e.entry as Json) !== logEntryText(h, timeMs, p.value.canonicalTx)
      ) {
        throw bad('OBSERVED_TX_INVALID', `log index ${e.logIndex}: entry does not match its tx`);
      }
      txs.push(p.value);
    }
    // Re-executed here, every signature checked again (nothing the node said is taken).
    const built = buildBlock(this.host.ledger, this.host.state, this.host.tip(), txs, {
      network: this.host.genesis.network,
      timeMs,
      proposer,
    });
    if (built.refused.length > 0) {
      const r = built.refused[0];
      throw bad('OBSERVED_TX_REFUSED', `tx ${r?.id ?? ''} fails here: ${r?.code ?? ''}`);
    }
    if (
      canonicalJson(built.header as unknown as Json) !==
        canonicalJson(header.value as unknown as Json) ||
      built.hash !== b.hash
    ) {
      throw bad('OBSERVED_HEADER_DIFFERS', 're-executing the block gives another header');
    }
    const note = b.checkpoint;
    const body = formatCheckpoint(
      checkpointOf(this.host.genesis.origin, built.header, built.hash, built.snapshotRoot),
    );
    const parsed = parseNote(note);
    if (!parsed.ok || parsed.value.text !== body) {
      throw bad('OBSERVED_CHECKPOINT_DIFFERS', 'the checkpoint is not of this block');
    }
    // The validators in force are read from the observer's own state, not from the node.
    const v = await verifyCheckpoint(note, this.host.policy(h), nodeCryptoBackend);
    if (!v.ok) throw bad('OBSERVED_NO_QUORUM', `${v.code}: ${v.detail ?? ''}`);
    this.host.commit(built, note);
  }
}
