import type { ExplorerGraph } from '../data/explorer-graph.js';
import { communitySizes } from '../data/explorer-graph.js';
import { entityTypes } from '../data/filters.js';
import { byId, el } from './dom.js';

/**
 * The view's controls for a newly opened graph: a checkbox per entity type, the community
 * filter, and the legend (a community's name opens its panel).
 */

const LEGEND_ROWS = 12;

export function renderFilterControls(graph: ExplorerGraph, on: { types: (shown: Set<string> | null) => void; community: (id: string) => void }): void {
  const all = entityTypes(graph);
  const types = byId('type-filter');
  types.replaceChildren(el('legend', {}, 'Entity types'));
  for (const type of all) {
    const box = el('input', { type: 'checkbox', id: `type-${type}`, value: type, checked: '' });
    box.addEventListener('change', () => {
      const checked = [...types.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
      on.types(checked.length === all.length ? null : new Set(checked));
    });
    types.append(el('div', {}, box, ' ', el('label', { for: `type-${type}` }, type)));
  }
  const communities = communitySizes(graph);
  const filter = byId<HTMLSelectElement>('community-filter');
  filter.replaceChildren(el('option', { value: '' }, 'all'), ...communities.map((c) => el('option', { value: c.id }, `${c.id} (${c.size})`)));
  filter.value = '';
  byId('legend').replaceChildren(
    ...communities.slice(0, LEGEND_ROWS).map((c) => {
      const button = el('button', { type: 'button' }, el('span', { class: 'swatch', style: `background:${c.color}`, 'aria-hidden': 'true' }), `${c.id} · ${c.size}`);
      button.addEventListener('click', () => on.community(c.id));
      return el('li', {}, button);
    }),
  );
}
