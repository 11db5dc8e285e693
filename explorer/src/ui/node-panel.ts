import type { RankedNode } from '../data/api-types.js';
import type { ExplorerGraph } from '../data/explorer-graph.js';
import { formatInt, formatScore, formatShare } from '../data/format.js';
import { el } from './dom.js';

/**
 * The selected entity: its harm score broken into components (with the evidence behind each),
 * the explanation sentences, and its neighbourhood in the run's graph, strongest ties first.
 */

const NEIGHBOURS_SHOWN = 25;
/** Evidence ids listed per component (the rest counted). */
const EVIDENCE_SHOWN = 12;

export function renderNode(
  container: HTMLElement,
  result: RankedNode,
  graph: ExplorerGraph,
  actions: { select: (key: string) => void; community: (id: string) => void; evidence?: (component: string, id: string) => Node },
): void {
  const neighbours = graph.hasNode(result.key)
    ? graph.mapEdges(result.key, (_, tie, source, target) => ({ key: source === result.key ? target : source, tie })).sort((a, b) => b.tie.weight - a.tie.weight)
    : [];
  const communityButton = el('button', { type: 'button' }, `Community ${result.community}`);
  communityButton.addEventListener('click', () => actions.community(result.community));
  container.replaceChildren(
    el('h2', { id: 'node-name' }, result.name ?? result.id),
    el('p', {}, `${result.type} ${result.id} · rank ${result.rank ?? '–'} · harm ${formatScore(result.harmScore)} · `, communityButton),
    // Resolved from several records (scope.resolution): the analysis saw them as one.
    ...((result.records?.length ?? 0) > 1 ? [el('p', { id: 'seen-as', class: 'seen-as' }, `Seen as ${listed(result.records!)}`)] : []),
    el('h3', {}, 'Why'),
    el('ul', { id: 'explanation' }, ...result.explanation.map((line) => el('li', {}, line))),
    el('h3', {}, 'Score components'),
    el(
      'table',
      { class: 'components' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'component'),
          el('th', { scope: 'col' }, 'percentile'),
          el('th', { scope: 'col' }, 'weight'),
          el('th', { scope: 'col' }, 'points'),
          el('th', { scope: 'col' }, 'evidence'),
        ),
      ),
      el(
        'tbody',
        {},
        ...result.components.map((c) =>
          el(
            'tr',
            {},
            el('td', {}, c.component),
            el('td', {}, formatShare(c.value)),
            el('td', {}, formatShare(c.weight)),
            el('td', {}, c.contribution.toFixed(1)),
            el(
              'td',
              { 'data-component': c.component },
              el(
                'span',
                { class: 'evidence-list' },
                ...(c.evidence.length === 0 ? ['–'] : c.evidence.slice(0, EVIDENCE_SHOWN).map((id) => actions.evidence?.(c.component, id) ?? id)),
                c.evidence.length > EVIDENCE_SHOWN && ` … (${c.evidence.length})`,
              ),
            ),
          ),
        ),
      ),
    ),
    el('h3', {}, `Neighbourhood (${formatInt(neighbours.length)})`),
    el(
      'ul',
      { class: 'search-results' },
      ...neighbours.slice(0, NEIGHBOURS_SHOWN).map(({ key, tie }) => {
        const button = el('button', { type: 'button' }, graph.getNodeAttribute(key, 'label'));
        button.addEventListener('click', () => actions.select(key));
        return el('li', {}, button, ` · ${tie.kinds.replaceAll(';', ', ')}`);
      }),
    ),
  );
}

/** Ids as a sentence lists them: `A`, `A and B`, `A, B and C`. */
export function listed(ids: readonly string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}
