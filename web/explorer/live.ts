// The live ledger: the latest checkpoint and who signed it, the latest blocks and their
// transactions as they are sealed (server-sent events), and charts of recent activity.
// Live updates can be paused (WCAG 2.2.2); screen readers hear a short, throttled summary.
import type { Geo } from '../../src/core/geo.js';
import { getJson, getText } from '../shared/api.js';
import type { Child } from '../shared/dom.js';
import { h, tr, view } from '../shared/dom.js';
import {
  formatNumber,
  formatTime,
  geoCategory,
  geoText,
  isoTime,
  loadTxTypeNames,
  txTypeName,
} from '../shared/format.js';
import type { Key } from '../shared/i18n.js';
import { currentLang, t } from '../shared/i18n.js';
import { barChart, countBy, timeBuckets } from './charts.js';
import type { CheckedCheckpoint, CheckpointError } from './verify.js';

type Verifier = typeof import('./verify.js');

/** Blocks kept for the charts; the newest BLOCKS_SHOWN of them are listed. */
const BLOCKS_KEPT = 50;
const BLOCKS_SHOWN = 20;
/** Transactions listed per block; the rest are counted. */
const TXS_SHOWN = 10;
const RENDER_EVERY_MS = 1000;
const CHARTS_EVERY_MS = 5000;
const ANNOUNCE_EVERY_MS = 10_000;
const FETCH_CONCURRENCY = 4;

// ---- what the node tells us -----------------------------------------------------------------

export interface Member {
  readonly did: string;
  readonly name: { readonly en: string; readonly cy: string };
  readonly area?: string;
}

export interface Consortium {
  readonly network: string;
  readonly origin: string;
  readonly members: readonly Member[];
  readonly validators: readonly { name: string; member: string; publicKey: string }[];
  readonly quorum: number;
}

interface TxRow {
  readonly id: string;
  readonly logIndex: number;
  readonly height: number;
  readonly blockTimeMs: number;
  readonly type: string;
  readonly sender: string;
  readonly claimedTimeMs: number;
  readonly geo?: Geo;
}

interface BlockRow {
  readonly height: number;
  readonly hash: string;
  readonly timeMs: number;
  readonly txCount: number;
  /** Undefined until fetched (or when fetching failed). */
  txs?: TxRow[];
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function readGeo(x: unknown): Geo | undefined {
  if (!isObj(x)) return undefined;
  if (typeof x.area === 'string') return { area: x.area };
  if (isNum(x.lat) && isNum(x.lon)) return { lat: x.lat, lon: x.lon };
  return undefined;
}

function readEntry(x: unknown): TxRow | undefined {
  if (!isObj(x) || typeof x.id !== 'string' || !isNum(x.logIndex) || !isObj(x.entry)) return;
  const { entry } = x;
  const body = isObj(entry.tx) && isObj(entry.tx.body) ? entry.tx.body : undefined;
  if (!body || !isNum(entry.height) || !isNum(entry.timeMs)) return undefined;
  const geo = readGeo(body.geo);
  return {
    id: x.id,
    logIndex: x.logIndex,
    height: entry.height,
    blockTimeMs: entry.timeMs,
    type: typeof body.type === 'string' ? body.type : '?',
    sender: typeof body.sender === 'string' ? body.sender : '?',
    claimedTimeMs: isNum(body.timeMs) ? body.timeMs : NaN,
    ...(geo ? { geo } : {}),
  };
}

function readBlock(x: unknown): BlockRow | undefined {
  if (!isObj(x) || !isNum(x.height) || typeof x.hash !== 'string' || !isObj(x.header)) return;
  const { header } = x;
  if (!isNum(header.timeMs) || !isNum(header.txCount)) return undefined;
  return { height: x.height, hash: x.hash, timeMs: header.timeMs, txCount: header.txCount };
}

export async function fetchConsortium(): Promise<Consortium | undefined> {
  try {
    const r = await getJson<Consortium>('/v1/consortium');
    return r.ok && Array.isArray(r.body.members) && Array.isArray(r.body.validators)
      ? r.body
      : undefined;
  } catch {
    return undefined;
  }
}

// ---- people and bodies ----------------------------------------------------------------------

/** Names of member bodies and their validators: /v1/consortium, or a trusted keys file. */
export interface Directory {
  readonly members: readonly { readonly did: string; readonly name: Member['name'] }[];
  readonly validators: readonly { readonly name: string; readonly member: string }[];
}

/** Who sent a transaction, in words: a member body by name, a citizen's key as a pseudonym. */
export function senderText(did: string, consortium: Directory | undefined): string {
  const m = consortium?.members.find((x) => x.did === did);
  if (m) return m.name[currentLang()];
  if (did.startsWith('did:key:')) return t('explorer.sender.pseudonym', `${did.slice(8, 20)}…`);
  return did;
}

/** A validator by the body that runs it: "Newport City Council (newport/node)". */
export function validatorText(name: string, consortium: Directory | undefined): string {
  const v = consortium?.validators.find((x) => x.name === name);
  const m = v && consortium?.members.find((x) => x.did === v.member);
  return m ? t('explorer.validator', m.name[currentLang()], name) : name;
}

// ---- small views ----------------------------------------------------------------------------

export function timeEl(ms: number): HTMLTimeElement {
  const el = h('time', { datetime: isoTime(ms) });
  view(el, () => formatTime(ms));
  return el;
}

export function summaryRow(key: Key, ...value: Child[]): HTMLDivElement {
  return h(
    'div',
    { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key' }, tr(key)),
    h('dd', { class: 'govuk-summary-list__value' }, ...value),
  );
}

export function summaryList(...rows: Child[]): HTMLDListElement {
  return h('dl', { class: 'govuk-summary-list cadwyn-summary' }, ...rows);
}

export function code(text: string): HTMLElement {
  return h('code', { class: 'cadwyn-code' }, text);
}

// ---- the checkpoint -------------------------------------------------------------------------

const CHECKPOINT_ERRORS: Record<CheckpointError, Key> = {
  CHECKPOINT_EMPTY: 'explorer.checkpoint.error.malformed',
  CHECKPOINT_MALFORMED: 'explorer.checkpoint.error.malformed',
  CHECKPOINT_WRONG_ORIGIN: 'explorer.checkpoint.error.origin',
  CHECKPOINT_BAD_SIGNATURE: 'explorer.checkpoint.error.signature',
  CHECKPOINT_NO_QUORUM: 'explorer.checkpoint.error.quorum',
  CHECKPOINT_BAD_POLICY: 'explorer.checkpoint.error.keys',
};

export function checkpointErrorKey(code: CheckpointError): Key {
  return CHECKPOINT_ERRORS[code];
}

type CheckpointState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unreachable' }
  | {
      readonly kind: 'loaded';
      readonly text: string;
      readonly checked?:
        { ok: true; value: CheckedCheckpoint } | { ok: false; code: CheckpointError };
    };

function checkpointSection(
  consortium: () => Consortium | undefined,
  verifier: Promise<Verifier>,
): { el: HTMLElement; refresh(): Promise<void>; latest(): string | undefined } {
  let state: CheckpointState = { kind: 'loading' };
  const body = view(h('div'), () => {
    if (state.kind === 'loading') return h('p', { class: 'govuk-body' }, tr('common.loading'));
    if (state.kind === 'unreachable') {
      return h('p', { class: 'govuk-body' }, tr('common.error.unreachable'));
    }
    const c = consortium();
    const { text, checked } = state;
    return [
      checkpointFacts(text, checked, c),
      h(
        'details',
        { class: 'govuk-details' },
        h(
          'summary',
          { class: 'govuk-details__summary' },
          h('span', { class: 'govuk-details__summary-text' }, tr('explorer.checkpoint.raw')),
        ),
        h('div', { class: 'govuk-details__text' }, h('pre', { class: 'cadwyn-pre' }, text)),
      ),
    ];
  });
  let verify: Verifier | undefined;
  void verifier.then((v) => {
    verify = v;
    body.update();
  });
  function checkpointFacts(
    text: string,
    checked: Extract<CheckpointState, { kind: 'loaded' }>['checked'],
    c: Consortium | undefined,
  ): Child {
    const read = verify?.readCheckpoint(text);
    if (!verify) return h('p', { class: 'govuk-body' }, tr('common.loading'));
    if (!read) return h('p', { class: 'govuk-body' }, tr('explorer.checkpoint.error.malformed'));
    const cp = read.checkpoint;
    let signatures: Child;
    if (!checked) signatures = tr('common.loading');
    else if (checked.ok) {
      const v = checked.value;
      signatures = [
        h('strong', { class: 'govuk-tag govuk-tag--green' }, tr('explorer.checkpoint.final')),
        ' ',
        tr('explorer.checkpoint.signedBy', v.signers.length, v.validatorCount, v.quorum),
      ];
    } else {
      signatures = [
        h('strong', { class: 'govuk-tag govuk-tag--red' }, tr('explorer.checkpoint.notChecked')),
        ' ',
        tr(checkpointErrorKey(checked.code)),
      ];
    }
    return summaryList(
      summaryRow('explorer.checkpoint.height', formatNumber(cp.height)),
      summaryRow('explorer.checkpoint.logSize', formatNumber(cp.logSize)),
      summaryRow('explorer.checkpoint.time', timeEl(cp.timeMs)),
      summaryRow(
        'explorer.checkpoint.signers',
        h(
          'ul',
          { class: 'govuk-list' },
          read.signatureNames.map((n) => h('li', null, validatorText(n, c))),
        ),
      ),
      summaryRow('explorer.checkpoint.signatures', signatures),
    );
  }
  async function refresh(): Promise<void> {
    let text: string | undefined;
    try {
      const r = await getText('/v1/checkpoint');
      if (r.ok) text = r.body;
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      state = { kind: 'unreachable' };
      body.update();
      return;
    }
    state = { kind: 'loaded', text };
    body.update();
    const c = consortium();
    const v = await verifier;
    if (!c) return;
    // Checked against the validators this node lists: a live view, not an independent
    // check (that is what a receipt and a trusted keys file are for).
    const r = await v.checkCheckpoint(text, c.origin, c.validators);
    if (state.kind === 'loaded' && state.text === text) {
      state = { kind: 'loaded', text, checked: r.ok ? r : { ok: false, code: r.code } };
      body.update();
    }
  }
  const el = h(
    'section',
    { class: 'cadwyn-section', 'aria-labelledby': 'checkpoint' },
    h('h2', { class: 'govuk-heading-l', id: 'checkpoint' }, tr('explorer.checkpoint.h2')),
    h('p', { class: 'govuk-body' }, tr('explorer.checkpoint.intro')),
    body.el,
  );
  return {
    el,
    refresh,
    latest: () => (state.kind === 'loaded' ? state.text : undefined),
  };
}

// ---- blocks ---------------------------------------------------------------------------------

async function fetchTxs(block: BlockRow): Promise<void> {
  if (block.txCount === 0) {
    block.txs = [];
    return;
  }
  try {
    const r = await getJson<{ entries?: unknown[] }>(`/v1/blocks/${block.height}/transactions`);
    if (r.ok && Array.isArray(r.body.entries)) {
      block.txs = r.body.entries.map(readEntry).filter((e): e is TxRow => !!e);
    }
  } catch {
    // shown as "could not load"; the next block is unaffected
  }
}

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += FETCH_CONCURRENCY) {
    await Promise.all(items.slice(i, i + FETCH_CONCURRENCY).map(work));
  }
}

function txItem(tx: TxRow, consortium: Consortium | undefined): HTMLLIElement {
  const li = h('li', { class: 'cadwyn-tx' });
  view(li, () => [
    h(
      'p',
      { class: 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1' },
      txTypeName(tx.type),
      txTypeName(tx.type) === tx.type
        ? null
        : [' ', h('span', { class: 'cadwyn-muted govuk-!-font-weight-regular' }, tx.type)],
    ),
    summaryList(
      summaryRow('explorer.tx.blockTime', timeEl(tx.blockTimeMs)),
      summaryRow('explorer.tx.claimedTime', timeEl(tx.claimedTimeMs)),
      summaryRow('explorer.tx.where', geoText(tx.geo)),
      summaryRow('explorer.tx.sender', senderText(tx.sender, consortium)),
      summaryRow(
        'explorer.tx.id',
        code(tx.id),
        ' ',
        h(
          'a',
          {
            class: 'govuk-link',
            href: `/v1/transactions/${tx.id}/receipt`,
            download: `${tx.id}.receipt.json`,
          },
          tr('explorer.tx.receipt'),
          h('span', { class: 'govuk-visually-hidden' }, ` ${tx.id.slice(0, 12)}`),
        ),
      ),
    ),
  ]);
  return li;
}

function blockItem(b: BlockRow, consortium: () => Consortium | undefined): HTMLLIElement {
  const li = h('li', { class: 'cadwyn-block' });
  const headingId = `block-${b.height}`;
  li.setAttribute('aria-labelledby', headingId);
  view(li, () => {
    const txs = b.txs;
    const c = consortium();
    return [
      h(
        'h3',
        { class: 'govuk-heading-s govuk-!-margin-bottom-1', id: headingId },
        tr('explorer.block.heading', formatNumber(b.height)),
      ),
      h(
        'p',
        { class: 'govuk-body-s cadwyn-muted' },
        tr('explorer.block.sealed', () => formatTime(b.timeMs)),
        ' · ',
        tr(b.txCount === 1 ? 'explorer.block.txCount.one' : 'explorer.block.txCount.other', () =>
          formatNumber(b.txCount),
        ),
      ),
      txs === undefined && b.txCount > 0
        ? h('p', { class: 'govuk-body-s' }, tr('explorer.block.txsUnavailable'))
        : null,
      txs && txs.length > 0
        ? h(
            'ul',
            { class: 'govuk-list cadwyn-txs' },
            txs.slice(0, TXS_SHOWN).map((tx) => txItem(tx, c)),
          )
        : null,
      txs && txs.length > TXS_SHOWN
        ? h(
            'p',
            { class: 'govuk-body-s' },
            tr('explorer.block.more', () => formatNumber(txs.length - TXS_SHOWN)),
          )
        : null,
    ];
  });
  return li;
}

// ---- the whole live section -----------------------------------------------------------------

export interface LiveLedger {
  readonly sections: readonly HTMLElement[];
  /** The text of the latest checkpoint, once loaded. */
  latestCheckpoint(): string | undefined;
  consortium(): Consortium | undefined;
  start(): Promise<void>;
}

export function liveLedger(verifier: Promise<Verifier>): LiveLedger {
  let consortium: Consortium | undefined;
  const blocks = new Map<number, BlockRow>();
  let paused = false;
  let connection: 'connecting' | 'live' | 'lost' = 'connecting';
  let initial: 'loading' | 'loaded' | 'unreachable' = 'loading';

  const checkpoint = checkpointSection(() => consortium, verifier);

  // The list: one element per block, kept in step with `blocks` (never redrawn whole, so a
  // link someone has focused stays where it is).
  const list = h('ol', { class: 'govuk-list cadwyn-blocks' });
  const shownItems = new Map<number, HTMLLIElement>();
  let shownBlocks: number[] = [];
  const newest = () => [...blocks.keys()].sort((a, b) => b - a);

  const status = view(h('p', { class: 'govuk-body cadwyn-live-status' }), () => {
    if (initial === 'loading') return tr('common.loading');
    if (initial === 'unreachable') return tr('common.error.unreachable');
    if (paused) {
      const waiting = newest().filter((hgt) => hgt > (shownBlocks[0] ?? -1)).length;
      return tr('explorer.live.paused', () => formatNumber(waiting));
    }
    if (connection === 'lost') return tr('explorer.live.reconnecting');
    return tr('explorer.live.on');
  });
  const announcer = h('p', { class: 'govuk-visually-hidden', role: 'status' });
  const pauseButton = h('button', {
    class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-2',
    type: 'button',
    'data-module': 'govuk-button',
  });
  const pauseLabel = view(pauseButton, () =>
    tr(paused ? 'explorer.live.resumeButton' : 'explorer.live.pauseButton'),
  );
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseLabel.update();
    status.update();
    if (!paused) render();
  });

  let unannounced: { blocks: number; txs: number; latest: number } | undefined;
  let lastAnnounceMs = 0;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  function announce(): void {
    if (!unannounced || announceTimer) return;
    const wait = Math.max(0, lastAnnounceMs + ANNOUNCE_EVERY_MS - Date.now());
    announceTimer = setTimeout(() => {
      announceTimer = undefined;
      if (!unannounced || paused) return;
      const u = unannounced;
      unannounced = undefined;
      lastAnnounceMs = Date.now();
      announcer.textContent = t(
        u.blocks === 1 ? 'explorer.live.announce.one' : 'explorer.live.announce.other',
        formatNumber(u.blocks),
        formatNumber(u.latest),
        formatNumber(u.txs),
      );
    }, wait);
  }

  /** Brings the list in line with `blocks` (not while paused). */
  function sync(): void {
    if (paused) return;
    const want = newest().slice(0, BLOCKS_SHOWN);
    const before = new Set(shownBlocks);
    for (const [height, li] of shownItems) {
      if (!want.includes(height)) {
        li.remove();
        shownItems.delete(height);
      }
    }
    let added = 0;
    let addedTxs = 0;
    want.forEach((height, i) => {
      let li = shownItems.get(height);
      if (!li) {
        const b = blocks.get(height) as BlockRow;
        li = blockItem(b, () => consortium);
        shownItems.set(height, li);
        if (shownBlocks.length > 0 && !before.has(height) && height > (shownBlocks[0] ?? -1)) {
          added += 1;
          addedTxs += b.txCount;
        }
      }
      const at = list.children[i];
      if (at !== li) list.insertBefore(li, at ?? null);
    });
    shownBlocks = want;
    status.update();
    if (added > 0) {
      unannounced = {
        blocks: (unannounced?.blocks ?? 0) + added,
        txs: (unannounced?.txs ?? 0) + addedTxs,
        latest: want[0] ?? 0,
      };
      announce();
    }
  }

  // Charts over every transaction kept.
  const allTxs = (): TxRow[] => [...blocks.values()].flatMap((b) => b.txs ?? []);
  const charts = [
    barChart({
      caption: 'explorer.charts.overTime',
      categoryHeading: 'explorer.charts.period',
      bars: () =>
        timeBuckets(allTxs().map((x) => x.blockTimeMs)).map((b) => ({
          label: formatTime(b.startMs, 'short'),
          value: b.count,
        })),
    }),
    barChart({
      caption: 'explorer.charts.byType',
      categoryHeading: 'explorer.charts.type',
      bars: () => countBy(allTxs(), (x) => txTypeName(x.type)),
    }),
    barChart({
      caption: 'explorer.charts.byArea',
      categoryHeading: 'explorer.charts.area',
      bars: () => countBy(allTxs(), (x) => geoCategory(x.geo)),
    }),
  ];
  const chartsScope = view(h('p', { class: 'govuk-body' }), () => {
    const heights = newest();
    if (heights.length === 0) return null;
    return tr(
      'explorer.charts.scope',
      () => formatNumber(allTxs().length),
      () => formatNumber(heights[heights.length - 1] ?? 0),
      () => formatNumber(heights[0] ?? 0),
    );
  });
  let chartsDue = 0;
  let chartsTimer: ReturnType<typeof setTimeout> | undefined;
  function updateCharts(): void {
    if (chartsTimer) return;
    chartsTimer = setTimeout(
      () => {
        chartsTimer = undefined;
        if (paused) return;
        chartsDue = Date.now() + CHARTS_EVERY_MS;
        chartsScope.update();
        for (const c of charts) c.update();
      },
      Math.max(0, chartsDue - Date.now()),
    );
  }

  let renderTimer: ReturnType<typeof setTimeout> | undefined;
  let renderDue = 0;
  function render(): void {
    if (renderTimer) return;
    renderTimer = setTimeout(
      () => {
        renderTimer = undefined;
        renderDue = Date.now() + RENDER_EVERY_MS;
        sync();
        updateCharts();
        if (!paused) void checkpoint.refresh();
      },
      Math.max(0, renderDue - Date.now()),
    );
  }

  function keep(rows: readonly BlockRow[]): void {
    for (const b of rows) if (!blocks.has(b.height)) blocks.set(b.height, b);
    for (const height of newest().slice(BLOCKS_KEPT)) blocks.delete(height);
  }

  /** Loads the blocks up to `height` that we do not have yet (at most BLOCKS_KEPT). */
  async function catchUp(height: number): Promise<void> {
    const have = newest()[0] ?? -1;
    if (height <= have) return;
    const limit = Math.min(height - have, BLOCKS_KEPT);
    const r = await getJson<{ blocks?: unknown[] }>(
      `/v1/blocks?before=${height + 1}&limit=${limit}`,
    );
    if (!r.ok || !Array.isArray(r.body.blocks)) return;
    const rows = r.body.blocks.map(readBlock).filter((b): b is BlockRow => !!b);
    await inBatches(rows, fetchTxs);
    keep(rows);
    render();
  }

  // Events are handled one at a time, in order.
  let queue = Promise.resolve();
  function connect(): void {
    const events = new EventSource('/v1/events');
    events.addEventListener('open', () => {
      connection = 'live';
      status.update();
    });
    events.addEventListener('error', () => {
      // EventSource reconnects by itself (the node asks for 2 s).
      connection = 'lost';
      status.update();
    });
    events.addEventListener('block', (e) => {
      connection = 'live';
      let height: unknown;
      try {
        height = (JSON.parse((e as MessageEvent<string>).data) as { height?: unknown }).height;
      } catch {
        return;
      }
      if (!isNum(height)) return;
      queue = queue.then(() => catchUp(height).catch(() => undefined));
    });
  }

  async function start(): Promise<void> {
    consortium = await fetchConsortium();
    await loadTxTypeNames();
    void checkpoint.refresh();
    try {
      const r = await getJson<{ blocks?: unknown[] }>(`/v1/blocks?limit=${BLOCKS_KEPT}`);
      if (r.ok && Array.isArray(r.body.blocks)) {
        const rows = r.body.blocks.map(readBlock).filter((b): b is BlockRow => !!b);
        await inBatches(rows, fetchTxs);
        keep(rows);
        initial = 'loaded';
      } else initial = 'unreachable';
    } catch {
      initial = 'unreachable';
    }
    sync();
    chartsScope.update();
    for (const c of charts) c.update();
    if (initial === 'loaded') connect();
  }

  const blocksSection = h(
    'section',
    { class: 'cadwyn-section', 'aria-labelledby': 'blocks' },
    h('h2', { class: 'govuk-heading-l', id: 'blocks' }, tr('explorer.blocks.h2')),
    h('p', { class: 'govuk-body' }, tr('explorer.blocks.intro')),
    h('div', { class: 'cadwyn-live' }, pauseButton, status.el),
    announcer,
    list,
  );
  const chartsSection = h(
    'section',
    { class: 'cadwyn-section', 'aria-labelledby': 'activity' },
    h('h2', { class: 'govuk-heading-l', id: 'activity' }, tr('explorer.charts.h2')),
    chartsScope.el,
    h(
      'div',
      { class: 'cadwyn-charts' },
      charts.map((c) => c.el),
    ),
  );
  return {
    sections: [checkpoint.el, blocksSection, chartsSection],
    latestCheckpoint: checkpoint.latest,
    consortium: () => consortium,
    start,
  };
}
