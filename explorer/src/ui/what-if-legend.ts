import type { WhatIfColouring } from '../data/what-if.js';
import { partRows } from './disruption-panel.js';
import { byId } from './dom.js';

/**
 * The graph's legend while a what-if is shown: its parts (removed, still connected, fall away,
 * apart before) with the answer's counts, in place of the communities, which come back on reset.
 */

let communities: Node[] | null = null;

export function showWhatIfLegend(colouring: WhatIfColouring): void {
  const legend = byId('legend');
  if (communities === null) communities = [...legend.childNodes];
  legend.replaceChildren(...partRows(colouring));
  legend.setAttribute('aria-label', 'What-if parts');
  legend.dataset.mode = 'what-if';
}

/** Back to the communities; a no-op unless a what-if is shown. */
export function showCommunityLegend(): void {
  const legend = byId('legend');
  if (communities !== null) legend.replaceChildren(...communities);
  communities = null;
  legend.setAttribute('aria-label', 'Communities');
  legend.dataset.mode = 'communities';
}

/** A newly opened run drew its own legend: the stashed one is of the run before. */
export function forgetStashedLegend(): void {
  communities = null;
  byId('legend').dataset.mode = 'communities';
}
