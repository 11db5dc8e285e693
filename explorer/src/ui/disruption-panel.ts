import type { NetworkState, WhatIf } from '../data/api-types.js';
import { formatInt, formatMoney, formatShare } from '../data/format.js';
import type { WhatIfColouring } from '../data/what-if.js';
import { PART_COLOURS } from '../data/what-if.js';
import { el } from './dom.js';

/** A what-if's figures before and after, and the key to the graph's new colours. */

const ROWS: [string, (s: NetworkState) => string][] = [
  ['largest component', (s) => formatInt(s.largestComponent)],
  ['components', (s) => formatInt(s.components)],
  ['fragmentation', (s) => s.fragmentation.toFixed(3)],
  ['payment volume connected', (s) => formatShare(s.paymentVolumeConnected)],
  ['crossings stopped', (s) => formatInt(s.crossingsStopped)],
  ['communities fallen apart', (s) => formatInt(s.communitiesFallenApart)],
];

export function renderWhatIf(container: HTMLElement, result: WhatIf, colouring: WhatIfColouring): void {
  const swatch = (colour: string) => el('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' });
  container.replaceChildren(
    el('h3', {}, `Removing ${result.removed.map((r) => r.name ?? r.id).join(', ')}`),
    el(
      'table',
      {
        id: 'what-if-figures',
        class: 'before-after',
        'data-before-largest': String(result.before.largestComponent),
        'data-after-largest': String(result.after.largestComponent),
        'data-before-fragmentation': String(result.before.fragmentation),
        'data-after-fragmentation': String(result.after.fragmentation),
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
    el(
      'ul',
      { class: 'legend-inline' },
      el('li', {}, swatch(PART_COLOURS.largest), `still connected: ${formatInt(colouring.counts.largest)}`),
      el('li', {}, swatch(PART_COLOURS.cutOff), `fall away from it: ${formatInt(colouring.counts.cutOff)}`),
      el('li', {}, swatch(PART_COLOURS.removed), `removed: ${formatInt(colouring.counts.removed)}`),
      el('li', {}, swatch(PART_COLOURS.apartBefore), `apart already: ${formatInt(colouring.counts.apartBefore)}`),
    ),
    ...result.warnings.map((w) => el('p', { class: 'hint' }, w)),
  );
}
