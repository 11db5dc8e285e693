import type { NetworkState, WhatIf } from '../data/api-types.js';
import { formatInt, formatMoney, formatShare } from '../data/format.js';
import { ANSWER_PARTS, PART_COLOURS, PART_NAMES, type TargetOutcome, type WhatIfColouring } from '../data/what-if.js';
import { el } from './dom.js';

/** A what-if's figures before and after, what became of each target, and the key to the graph's new colours. */

const ROWS: [string, (s: NetworkState) => string][] = [
  ['largest component', (s) => formatInt(s.largestComponent)],
  ['components', (s) => formatInt(s.components)],
  ['fragmentation', (s) => s.fragmentation.toFixed(3)],
  ['payment volume connected', (s) => formatShare(s.paymentVolumeConnected)],
  ['crossings stopped', (s) => formatInt(s.crossingsStopped)],
  ['communities fallen apart', (s) => formatInt(s.communitiesFallenApart)],
];

/** One line per part: the answer's count, and how many of them the page does not draw. */
export function partRows(colouring: WhatIfColouring): HTMLElement[] {
  const swatch = (colour: string) => el('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' });
  const rows = ANSWER_PARTS.map((part) => {
    const missing = colouring.notDrawn[part];
    return el(
      'li',
      { 'data-part': part, 'data-count': String(colouring.counts[part]), 'data-painted': String(colouring.painted[part]), 'data-not-drawn': String(missing) },
      swatch(PART_COLOURS[part]),
      `${PART_NAMES[part]}: ${formatInt(colouring.counts[part])}${missing > 0 ? ` (${formatInt(missing)} not drawn)` : ''}`,
    );
  });
  if (colouring.painted.absent > 0) {
    rows.push(
      el(
        'li',
        { 'data-part': 'absent', 'data-count': '0', 'data-painted': String(colouring.painted.absent), 'data-not-drawn': '0' },
        swatch(PART_COLOURS.absent),
        `${PART_NAMES.absent}: ${formatInt(colouring.painted.absent)}`,
      ),
    );
  }
  return rows;
}

const OUTCOME_TEXT: Record<TargetOutcome['outcome'], string> = {
  removed: 'removed',
  'not in scope': 'not removed: not in the network the what-if analysed (the data changed since the run, or it is outside the scope)',
  'not in answer': 'not removed: the answer does not name it',
};

export function renderWhatIf(container: HTMLElement, result: WhatIf, colouring: WhatIfColouring, targets: readonly TargetOutcome[]): void {
  const { counts } = colouring;
  container.replaceChildren(
    el('h3', {}, `Removing ${formatInt(result.removed.length)} of the ${formatInt(targets.length)} asked for`),
    el(
      'ul',
      { id: 'what-if-targets', class: 'search-results' },
      ...targets.map((t) =>
        el('li', { 'data-key': t.key, 'data-outcome': t.outcome, 'data-drawn': String(t.drawn) }, `${t.label}: ${OUTCOME_TEXT[t.outcome]}${t.drawn ? '' : ' · not drawn'}`),
      ),
    ),
    el(
      'table',
      {
        id: 'what-if-figures',
        class: 'before-after',
        'data-before-largest': String(result.before.largestComponent),
        'data-after-largest': String(result.after.largestComponent),
        'data-before-fragmentation': String(result.before.fragmentation),
        'data-after-fragmentation': String(result.after.fragmentation),
        'data-removed': String(counts.removed),
        'data-largest': String(counts.largest),
        'data-cut-off': String(counts.cutOff),
        'data-apart-before': String(counts.apartBefore),
        'data-painted-cut-off': String(colouring.painted.cutOff),
      },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'before'), el('th', { scope: 'col' }, 'after'))),
      el('tbody', {}, ...ROWS.map(([name, value]) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', {}, value(result.before)), el('td', {}, value(result.after))))),
    ),
    el('p', {}, `Payments cut off: ${formatMoney(result.paymentVolumeCutOff.amount, result.paymentVolumeCutOff.currency)}`),
    result.likelyReplacement
      ? el(
          'p',
          {},
          `Likely replacement: ${result.likelyReplacement.name ?? result.likelyReplacement.id} (betweenness ${result.likelyReplacement.betweennessBefore.toFixed(3)} → ${result.likelyReplacement.betweennessAfter.toFixed(3)})`,
        )
      : '',
    el('ul', { class: 'legend-inline', id: 'what-if-parts' }, ...partRows(colouring)),
    colouring.listed ? '' : el('p', { class: 'hint' }, 'The network is too large for the service to list who ends where: the graph keeps its colours.'),
    ...result.warnings.map((w) => el('p', { class: 'hint' }, w)),
  );
}
