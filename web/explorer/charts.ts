// Simple bar charts: each bar is an SVG rectangle beside its label and count in text, so the
// chart reads the same without the picture; a table of the same figures is one click away.
import type { View } from '../shared/dom.js';
import { h, svg, tr, view } from '../shared/dom.js';
import { formatNumber } from '../shared/format.js';
import type { Key } from '../shared/i18n.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

/** Counts by category, largest first (ties by label, so the order is stable). */
export function countBy<T>(items: readonly T[], category: (item: T) => string): Bar[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const c = category(item);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WIDTHS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY];

export interface Bucket {
  readonly startMs: number;
  readonly widthMs: number;
  readonly count: number;
}

/** Times into at most `barsMax` equal periods: the shortest period width that fits. */
export function timeBuckets(timesMs: readonly number[], barsMax = 12): Bucket[] {
  if (timesMs.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const t of timesMs) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const fits = (w: number) => Math.floor(max / w) - Math.floor(min / w) + 1 <= barsMax;
  const width = WIDTHS.find(fits) ?? Math.ceil((max - min + 1) / barsMax);
  const first = Math.floor(min / width);
  const counts = new Array<number>(Math.floor(max / width) - first + 1).fill(0);
  for (const t of timesMs) counts[Math.floor(t / width) - first] += 1;
  return counts.map((count, i) => ({ startMs: (first + i) * width, widthMs: width, count }));
}

export interface ChartOptions {
  readonly caption: Key;
  /** Heading of the category column in the table. */
  readonly categoryHeading: Key;
  readonly bars: () => readonly Bar[];
}

/** A figure with bars and a table of the same figures. `update()` redraws both. */
export function barChart(o: ChartOptions): View<HTMLElement> {
  const rows = view(h('div', { class: 'cadwyn-chart__bars' }), () => {
    const bars = o.bars();
    if (bars.length === 0) return h('p', { class: 'govuk-body' }, tr('explorer.charts.empty'));
    const top = Math.max(...bars.map((b) => b.value));
    return bars.map((b) =>
      h(
        'div',
        { class: 'cadwyn-chart__row' },
        h('span', { class: 'cadwyn-chart__label' }, b.label),
        svg(
          'svg',
          {
            class: 'cadwyn-chart__bar',
            viewBox: '0 0 100 10',
            preserveAspectRatio: 'none',
            'aria-hidden': 'true',
            focusable: 'false',
          },
          svg('rect', { x: 0, y: 0, height: 10, width: top > 0 ? (100 * b.value) / top : 0 }),
        ),
        h('span', { class: 'cadwyn-chart__value' }, formatNumber(b.value)),
      ),
    );
  });
  // The table's body only: the <details> around it keeps its open/closed state across updates.
  const body = view(h('tbody', { class: 'govuk-table__body' }), () =>
    o
      .bars()
      .map((b) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          h('th', { class: 'govuk-table__header', scope: 'row' }, b.label),
          h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, formatNumber(b.value)),
        ),
      ),
  );
  const figure = h(
    'figure',
    { class: 'cadwyn-chart' },
    h('figcaption', { class: 'govuk-heading-s' }, tr(o.caption)),
    rows.el,
    h(
      'details',
      { class: 'govuk-details' },
      h(
        'summary',
        { class: 'govuk-details__summary' },
        h('span', { class: 'govuk-details__summary-text' }, tr('explorer.charts.asTable')),
      ),
      h(
        'div',
        { class: 'govuk-details__text' },
        h(
          'table',
          { class: 'govuk-table' },
          h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, tr(o.caption)),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h(
              'tr',
              { class: 'govuk-table__row' },
              h('th', { class: 'govuk-table__header', scope: 'col' }, tr(o.categoryHeading)),
              h(
                'th',
                { class: 'govuk-table__header govuk-table__header--numeric', scope: 'col' },
                tr('explorer.charts.count'),
              ),
            ),
          ),
          body.el,
        ),
      ),
    ),
  );
  return {
    el: figure,
    update() {
      rows.update();
      body.update();
    },
  };
}
