// "Check for yourself": a receipt, a document, two checkpoints. Receipts and checkpoints are
// checked here, in the browser, against consortium keys the person chooses to trust; nothing
// they give us is uploaded (a document's SHA-256 is looked up, never the document).
import { getJson } from '../shared/api.js';
import type { Child, View } from '../shared/dom.js';
import { h, para, tr, view } from '../shared/dom.js';
import type { FileField } from '../shared/forms.js';
import { errorSummary, fileField, readTextFile, textareaField } from '../shared/forms.js';
import { formatNumber, formatTime, geoText, txTypeName } from '../shared/format.js';
import type { Key } from '../shared/i18n.js';
import { currentLang, t } from '../shared/i18n.js';
import type { LiveLedger } from './live.js';
import {
  checkpointErrorKey,
  code,
  senderText,
  summaryList,
  summaryRow,
  timeEl,
  validatorText,
} from './live.js';
import type {
  CheckedCheckpoint,
  ConsistencyVerdict,
  ConsortiumKeys,
  NotaryRecord,
  ReceiptError,
  ReceiptFacts,
} from './verify.js';

type Verifier = typeof import('./verify.js');

// ---- the keys the person trusts -------------------------------------------------------------

const KEYS_CACHE = 'cadwyn-consortium-keys';

interface TrustedKeys {
  readonly keys: ConsortiumKeys;
  readonly source: 'node' | 'file';
  readonly fileName?: string;
  readonly savedMs: number;
}

function loadCachedKeys(v: Verifier): TrustedKeys | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(KEYS_CACHE) ?? 'null') as {
      keys?: unknown;
      source?: unknown;
      fileName?: unknown;
      savedMs?: unknown;
    } | null;
    if (!saved || (saved.source !== 'node' && saved.source !== 'file')) return undefined;
    // Stored data is re-read as strictly as a file: storage is not a trusted channel either.
    const keys = v.readKeys(JSON.stringify(saved.keys));
    if (!keys.ok || typeof saved.savedMs !== 'number') return undefined;
    return {
      keys: keys.value,
      source: saved.source,
      savedMs: saved.savedMs,
      ...(typeof saved.fileName === 'string' ? { fileName: saved.fileName } : {}),
    };
  } catch {
    return undefined;
  }
}

function saveKeys(k: TrustedKeys): void {
  try {
    localStorage.setItem(KEYS_CACHE, JSON.stringify(k));
  } catch {
    // not kept for next time; used for now
  }
}

interface KeysPanel {
  readonly el: HTMLElement;
  /** The keys to check against, once there are some. */
  trusted(): TrustedKeys | undefined;
  start(): Promise<void>;
}

function keysPanel(verifier: Promise<Verifier>): KeysPanel {
  let trusted: TrustedKeys | undefined;
  let state: 'loading' | 'ready' | 'none' = 'loading';
  const summary = view(h('div'), () => {
    if (state === 'loading') return para('common.loading');
    if (!trusted) return para('explorer.keys.none');
    const k = trusted;
    return [
      para(
        k.source === 'node' ? 'explorer.keys.fromNode' : 'explorer.keys.fromFile',
        () => formatTime(k.savedMs),
        () => formatNumber(k.keys.atHeight),
        () => formatNumber(k.keys.validators.length),
        k.fileName ?? '',
      ),
    ];
  });
  const errors = errorSummary();
  const file: FileField = fileField({
    id: 'keys-file',
    label: 'explorer.keys.file',
    hint: 'explorer.keys.fileHint',
    accept: '.json,application/json',
    onFile: (f) => void useFile(f),
  });

  async function useFile(f: File): Promise<void> {
    const v = await verifier;
    const read = await readTextFile(f, v.KEYS_BYTES_MAX);
    if (!read.ok) file.setError(read.error);
    else {
      const keys = v.readKeys(read.text);
      if (keys.ok) {
        trusted = { keys: keys.value, source: 'file', fileName: f.name, savedMs: Date.now() };
        saveKeys(trusted);
        file.setError(null);
      } else {
        file.setError({
          key:
            keys.code === 'KEYS_NOT_JSON'
              ? 'explorer.keys.error.notJson'
              : 'explorer.keys.error.bad',
          args: [f.name],
        });
      }
    }
    errors.show([file]);
    summary.update();
  }

  async function fetchFromNode(): Promise<boolean> {
    const v = await verifier;
    try {
      const r = await getJson('/v1/consortium/keys');
      const keys = r.ok ? v.readKeys(JSON.stringify(r.body)) : undefined;
      if (!keys?.ok) return false;
      trusted = { keys: keys.value, source: 'node', savedMs: Date.now() };
      saveKeys(trusted);
      return true;
    } catch {
      return false;
    }
  }

  let refetchResult: Key | undefined;
  const refetchMessage = view(h('p', { class: 'govuk-body', role: 'status' }), () =>
    refetchResult ? tr(refetchResult) : null,
  );
  const button = h(
    'button',
    { class: 'govuk-button govuk-button--secondary', type: 'button' },
    tr('explorer.keys.refetch'),
  );
  button.addEventListener('click', () => {
    void fetchFromNode().then((ok) => {
      refetchResult = ok ? 'explorer.keys.refetched' : 'common.error.unreachable';
      state = trusted ? 'ready' : 'none';
      refetchMessage.update();
      summary.update();
    });
  });

  const el = h(
    'section',
    { class: 'cadwyn-subsection', 'aria-labelledby': 'keys' },
    h('h3', { class: 'govuk-heading-m', id: 'keys' }, tr('explorer.keys.h3')),
    para('explorer.keys.intro'),
    summary.el,
    h(
      'div',
      { class: 'govuk-warning-text' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h(
        'strong',
        { class: 'govuk-warning-text__text' },
        h('span', { class: 'govuk-visually-hidden' }, tr('common.warning')),
        ' ',
        tr('explorer.keys.warning'),
      ),
    ),
    button,
    refetchMessage.el,
    errors.el,
    file.group,
  );
  return {
    el,
    trusted: () => trusted,
    async start() {
      const v = await verifier;
      trusted = loadCachedKeys(v);
      // Fetched once; after that the saved copy is used, so checks work offline.
      if (!trusted) await fetchFromNode();
      state = trusted ? 'ready' : 'none';
      summary.update();
    },
  };
}

// ---- shared bits ----------------------------------------------------------------------------

/** A result area that takes focus when it shows a new answer, so it is read out at once. */
function resultArea<T>(draw: (r: T) => Child): { el: HTMLElement; show(r: T | undefined): void } {
  let current: T | undefined;
  const area: View<HTMLDivElement> = view(
    h('div', { class: 'cadwyn-result', tabindex: '-1' }),
    () => (current === undefined ? null : draw(current)),
  );
  return {
    el: area.el,
    show(r) {
      current = r;
      area.update();
      if (r !== undefined) area.el.focus();
    },
  };
}

function verdict(ok: boolean, heading: Key, ...body: Child[]): HTMLElement {
  return h(
    'div',
    { class: `cadwyn-verdict ${ok ? 'cadwyn-verdict--ok' : 'cadwyn-verdict--bad'}` },
    h('h4', { class: 'govuk-heading-m' }, tr(heading)),
    ...body,
  );
}

function technical(summaryKey: Key, text: string): HTMLElement {
  return h(
    'details',
    { class: 'govuk-details' },
    h(
      'summary',
      { class: 'govuk-details__summary' },
      h('span', { class: 'govuk-details__summary-text' }, tr(summaryKey)),
    ),
    h('div', { class: 'govuk-details__text' }, h('pre', { class: 'cadwyn-pre' }, text)),
  );
}

function submitButton(key: Key): HTMLButtonElement {
  return h('button', { class: 'govuk-button', type: 'submit' }, tr(key));
}

const noKeys = () =>
  h(
    'p',
    { class: 'govuk-body' },
    tr('explorer.keys.needed'),
    ' ',
    h('a', { class: 'govuk-link', href: '#keys' }, tr('explorer.keys.h3')),
  );

function keysSource(k: TrustedKeys): string {
  return k.source === 'node'
    ? t('explorer.keys.sourceNode')
    : t('explorer.keys.sourceFile', k.fileName ?? '');
}

// ---- receipts -------------------------------------------------------------------------------

type ReceiptAnswer =
  | { readonly kind: 'ok'; readonly facts: ReceiptFacts; readonly keys: TrustedKeys }
  | {
      readonly kind: 'bad';
      readonly code: ReceiptError;
      readonly detail?: string;
      /** core's own words for the reason (receipt.ts describeReceiptError). */
      readonly words: { readonly en: string; readonly cy: string };
    }
  | { readonly kind: 'noKeys' };

function receiptSection(verifier: Promise<Verifier>, keys: KeysPanel): HTMLElement {
  const errors = errorSummary();
  const file = fileField({
    id: 'receipt-file',
    label: 'explorer.receipt.file',
    hint: 'explorer.receipt.fileHint',
    accept: '.json,application/json',
    onFile: () => void check(),
  });
  const result = resultArea<ReceiptAnswer>((r) => {
    if (r.kind === 'noKeys') return noKeys();
    if (r.kind === 'bad') {
      return verdict(
        false,
        'explorer.receipt.invalid',
        h('p', { class: 'govuk-body' }, r.words[currentLang()]),
        technical('explorer.technical', `${r.code}${r.detail ? `: ${r.detail}` : ''}`),
      );
    }
    const f = r.facts;
    const k = r.keys.keys;
    return verdict(
      true,
      'explorer.receipt.valid',
      para(
        'explorer.receipt.validBody',
        f.checkpoint.signers.length,
        f.checkpoint.validatorCount,
        f.checkpoint.quorum,
      ),
      summaryList(
        summaryRow(
          'explorer.tx.type',
          txTypeName(f.type),
          ' ',
          h('span', { class: 'cadwyn-muted' }, f.type),
        ),
        summaryRow('explorer.tx.blockTime', timeEl(f.blockTimeMs)),
        summaryRow('explorer.tx.claimedTime', timeEl(f.claimedTimeMs)),
        summaryRow('explorer.tx.where', geoText(f.geo)),
        summaryRow('explorer.tx.sender', senderText(f.sender, k)),
        summaryRow('explorer.tx.block', formatNumber(f.height)),
        summaryRow(
          'explorer.tx.logIndex',
          tr(
            'explorer.tx.logIndexOf',
            formatNumber(f.logIndex + 1),
            formatNumber(f.checkpoint.logSize),
          ),
        ),
        summaryRow(
          'explorer.checkpoint.signers',
          h(
            'ul',
            { class: 'govuk-list' },
            f.checkpoint.signers.map((n) => h('li', null, validatorText(n, k))),
          ),
        ),
        summaryRow('explorer.tx.id', code(f.txId)),
        summaryRow('explorer.keys.checkedAgainst', keysSource(r.keys)),
      ),
      technical('explorer.receipt.payload', JSON.stringify(f.payload, null, 2)),
    );
  });
  async function check(): Promise<void> {
    const v = await verifier;
    const chosen = file.file();
    file.setError(chosen ? null : { key: 'explorer.receipt.error.none' });
    let text: string | undefined;
    if (chosen) {
      const read = await readTextFile(chosen, v.RECEIPT_BYTES_MAX);
      if (read.ok) text = read.text;
      else file.setError(read.error);
    }
    errors.show([file]);
    if (text === undefined) {
      result.show(undefined);
      return;
    }
    const trusted = keys.trusted();
    if (!trusted) {
      result.show({ kind: 'noKeys' });
      return;
    }
    const r = await v.checkReceipt(text, trusted.keys);
    result.show(
      r.ok
        ? { kind: 'ok', facts: r.value, keys: trusted }
        : {
            kind: 'bad',
            code: r.code,
            words: v.describeReceiptError(r.code),
            ...(r.detail ? { detail: r.detail } : {}),
          },
    );
  }

  const form = h(
    'form',
    { novalidate: true },
    errors.el,
    file.group,
    submitButton('explorer.receipt.check'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void check();
  });
  return h(
    'section',
    { class: 'cadwyn-subsection', 'aria-labelledby': 'receipt' },
    h('h3', { class: 'govuk-heading-m', id: 'receipt' }, tr('explorer.receipt.h3')),
    para('explorer.receipt.intro'),
    form,
    result.el,
  );
}

// ---- documents ------------------------------------------------------------------------------

type NotaryAnswer =
  | { readonly kind: 'working' }
  | { readonly kind: 'found'; readonly record: NotaryRecord }
  | { readonly kind: 'notFound'; readonly digest: string }
  | { readonly kind: 'unreachable' };

function notarySection(verifier: Promise<Verifier>, live: LiveLedger): HTMLElement {
  const errors = errorSummary();
  const file = fileField({
    id: 'notary-file',
    label: 'explorer.notary.file',
    hint: 'explorer.notary.fileHint',
    onFile: () => void check(),
  });
  const result = resultArea<NotaryAnswer>((r) => {
    switch (r.kind) {
      case 'working':
        return para('explorer.notary.working');
      case 'unreachable':
        return para('common.error.unreachable');
      case 'notFound':
        return verdict(
          false,
          'explorer.notary.notFound',
          para('explorer.notary.notFoundBody'),
          summaryList(summaryRow('explorer.notary.digest', code(r.digest))),
        );
      case 'found': {
        const n = r.record;
        const c = live.consortium();
        return verdict(
          true,
          'explorer.notary.found',
          para('explorer.notary.foundBody', () => formatTime(n.blockTimeMs)),
          summaryList(
            summaryRow('explorer.notary.digest', code(n.digest)),
            n.label === undefined ? null : summaryRow('explorer.notary.label', n.label),
            summaryRow('explorer.tx.blockTime', timeEl(n.blockTimeMs)),
            summaryRow('explorer.tx.claimedTime', timeEl(n.claimedTimeMs)),
            summaryRow('explorer.tx.sender', senderText(n.sender, c)),
            summaryRow('explorer.tx.where', geoText(n.geo)),
            summaryRow('explorer.tx.block', formatNumber(n.height)),
            n.status === 'final' || n.status === 'committed'
              ? summaryRow(
                  'explorer.notary.status',
                  tr(
                    n.status === 'final'
                      ? 'explorer.notary.status.final'
                      : 'explorer.notary.status.committed',
                  ),
                )
              : null,
            summaryRow(
              'explorer.tx.id',
              code(n.txId),
              ' ',
              h(
                'a',
                {
                  class: 'govuk-link',
                  href: `/v1/transactions/${n.txId}/receipt`,
                  download: `${n.txId}.receipt.json`,
                },
                tr('explorer.tx.receipt'),
              ),
            ),
          ),
          para('explorer.notary.trust'),
        );
      }
    }
  });

  async function check(): Promise<void> {
    const v = await verifier;
    const chosen = file.file();
    let error: Parameters<typeof file.setError>[0] = null;
    if (!chosen) error = { key: 'explorer.notary.error.none' };
    else if (chosen.size > v.DOCUMENT_BYTES_MAX) {
      error = {
        key: 'explorer.notary.error.tooLarge',
        args: [chosen.name, formatNumber(v.DOCUMENT_BYTES_MAX / 1024 / 1024)],
      };
    }
    file.setError(error);
    errors.show([file]);
    if (error || !chosen) {
      result.show(undefined);
      return;
    }
    result.show({ kind: 'working' });
    // Let "working" paint before hashing a large file on this thread.
    await new Promise((r) => setTimeout(r, 30));
    let digest: string;
    try {
      digest = v.documentDigest(new Uint8Array(await chosen.arrayBuffer()));
    } catch {
      file.setError({ key: 'common.file.unreadable', args: [chosen.name] });
      errors.show([file]);
      result.show(undefined);
      return;
    }
    try {
      const r = await getJson(`/v1/notary/${digest}`);
      const record = r.ok ? v.readNotaryRecord(r.body, digest) : undefined;
      if (record) result.show({ kind: 'found', record });
      else if (!r.ok && r.problem.code === 'NOTARY_NOT_FOUND') {
        result.show({ kind: 'notFound', digest });
      } else result.show({ kind: 'unreachable' });
    } catch {
      result.show({ kind: 'unreachable' });
    }
  }

  const form = h(
    'form',
    { novalidate: true },
    errors.el,
    file.group,
    submitButton('explorer.notary.check'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void check();
  });
  return h(
    'section',
    { class: 'cadwyn-subsection', 'aria-labelledby': 'notary' },
    h('h3', { class: 'govuk-heading-m', id: 'notary' }, tr('explorer.notary.h3')),
    para('explorer.notary.intro'),
    form,
    result.el,
  );
}

// ---- two checkpoints ------------------------------------------------------------------------

type ConsistencyAnswer =
  { readonly kind: 'verdict'; readonly v: ConsistencyVerdict } | { readonly kind: 'noKeys' };

const CONSISTENCY_FAILURES: Record<Exclude<ConsistencyVerdict, { ok: true }>['code'], Key> = {
  CONSISTENCY_FAILED: 'explorer.consistency.failed',
  CONSISTENCY_NO_PROOF: 'explorer.consistency.noProof',
  CONSISTENCY_OUT_OF_ORDER: 'explorer.consistency.outOfOrder',
};

function consistencySection(
  verifier: Promise<Verifier>,
  keys: KeysPanel,
  live: LiveLedger,
): HTMLElement {
  const errors = errorSummary();
  const older = textareaField({
    id: 'checkpoint-older',
    label: 'explorer.consistency.older',
    hint: 'explorer.consistency.olderHint',
    rows: 8,
  });
  const newer = textareaField({
    id: 'checkpoint-newer',
    label: 'explorer.consistency.newer',
    hint: 'explorer.consistency.newerHint',
    rows: 8,
  });
  const useLatest = h(
    'button',
    { class: 'govuk-button govuk-button--secondary', type: 'button' },
    tr('explorer.consistency.useLatest'),
  );
  useLatest.addEventListener('click', () => {
    const text = live.latestCheckpoint();
    if (text) {
      newer.control.value = text;
      newer.setError(null);
    } else newer.setError({ key: 'common.error.unreachable' });
  });
  const save = h(
    'button',
    { class: 'govuk-button govuk-button--secondary', type: 'button' },
    tr('explorer.consistency.save'),
  );
  save.addEventListener('click', () => {
    const text = live.latestCheckpoint();
    if (!text) return;
    const a = h('a', {
      href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })),
      download: `cadwyn-checkpoint-${Date.now()}.txt`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  });

  const result = resultArea<ConsistencyAnswer>((r) => {
    if (r.kind === 'noKeys') return noKeys();
    const { v } = r;
    const facts = [
      () => formatNumber(v.older.logSize),
      () => formatNumber(v.older.height),
      () => formatTime(v.older.timeMs),
      () => formatNumber(v.newer.logSize),
      () => formatNumber(v.newer.height),
      () => formatTime(v.newer.timeMs),
    ];
    if (v.ok) {
      return verdict(
        true,
        'explorer.consistency.ok',
        para('explorer.consistency.okBody', ...facts),
      );
    }
    return verdict(
      false,
      'explorer.consistency.bad',
      para(CONSISTENCY_FAILURES[v.code], ...facts),
      v.detail ? technical('explorer.technical', `${v.code}: ${v.detail}`) : null,
    );
  });

  async function check(): Promise<void> {
    const v = await verifier;
    const trusted = keys.trusted();
    const checked: (CheckedCheckpoint | undefined)[] = [];
    for (const field of [older, newer]) {
      const text = field.control.value;
      if (text.trim() === '') {
        field.setError({ key: 'explorer.consistency.error.empty' });
        checked.push(undefined);
        continue;
      }
      if (!trusted) {
        field.setError(null);
        checked.push(undefined);
        continue;
      }
      const r = await v.checkCheckpoint(text, trusted.keys.origin, trusted.keys.validators);
      field.setError(r.ok ? null : { key: checkpointErrorKey(r.code) });
      checked.push(r.ok ? r.value : undefined);
    }
    errors.show([older, newer]);
    const [a, b] = checked;
    if (!trusted && !older.error && !newer.error) {
      result.show({ kind: 'noKeys' });
      return;
    }
    if (!a || !b) {
      result.show(undefined);
      return;
    }
    const answer = await v.checkConsistency(a.checkpoint, b.checkpoint, async (from, to) => {
      const r = await getJson(`/v1/proofs/consistency?from=${from}&to=${to}`);
      return r.ok ? r.body : undefined;
    });
    result.show({ kind: 'verdict', v: answer });
  }

  const form = h(
    'form',
    { novalidate: true },
    errors.el,
    older.group,
    newer.group,
    h(
      'div',
      { class: 'govuk-button-group' },
      submitButton('explorer.consistency.check'),
      useLatest,
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void check();
  });
  return h(
    'section',
    { class: 'cadwyn-subsection', 'aria-labelledby': 'consistency' },
    h('h3', { class: 'govuk-heading-m', id: 'consistency' }, tr('explorer.consistency.h3')),
    para('explorer.consistency.intro'),
    save,
    form,
    result.el,
  );
}

// ---- the section ----------------------------------------------------------------------------

export function checkTools(
  verifier: Promise<Verifier>,
  live: LiveLedger,
): { el: HTMLElement; start(): Promise<void> } {
  const keys = keysPanel(verifier);
  const el = h(
    'section',
    { class: 'cadwyn-section', 'aria-labelledby': 'check' },
    h('h2', { class: 'govuk-heading-l', id: 'check' }, tr('explorer.check.h2')),
    para('explorer.check.intro'),
    keys.el,
    receiptSection(verifier, keys),
    notarySection(verifier, live),
    consistencySection(verifier, keys, live),
  );
  return { el, start: () => keys.start() };
}
