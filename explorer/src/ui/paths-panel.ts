import type { PathsAnswer } from '../data/api-types.js';
import { pathHighlight, pathSequences, pathsQuery, refKey } from '../data/paths.js';
import type { Api } from './api.js';
import { byId, el } from './dom.js';
import type { EvidenceOpener } from './evidence-view.js';
import type { GraphView } from './graph-view.js';
import type { ExplorerHook } from './test-hook.js';

/**
 * The paths tab: how two entities are connected. The ends are the selected entity or a search
 * hit (any entity on record, drawn or not); `GET /v1/paths` answers the k shortest paths, each
 * listed step by step with its relations (each opens with its provenance) and highlighted on the
 * drawing where the drawing has its entities and ties.
 */

const SEARCH_HITS = 8;

interface End {
  key: string;
  label: string;
}

export interface PathsDeps {
  api: () => Api | null;
  view: () => GraphView | null;
  selected: () => string | null;
  select: (key: string) => void;
  evidence: EvidenceOpener;
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
  hook: ExplorerHook;
}

export function createPathsPanel(deps: PathsDeps): { reset(): void } {
  const ends: { from: End | null; to: End | null } = { from: null, to: null };
  const result = byId('path-result');
  const labelOf = (key: string) => {
    const graph = deps.view()?.graph;
    return graph?.hasNode(key) ? graph.getNodeAttribute(key, 'label') : key;
  };
  const setEnd = (which: 'from' | 'to', end: End | null) => {
    ends[which] = end;
    const shown = byId(`path-${which}`);
    shown.textContent = end ? `${end.label} (${end.key})` : '–';
    shown.dataset.key = end?.key ?? '';
  };
  for (const which of ['from', 'to'] as const) {
    byId(`path-${which}-selected`).addEventListener('click', () => {
      const key = deps.selected();
      if (key) setEnd(which, { key, label: labelOf(key) });
    });
  }

  let searching = 0;
  byId<HTMLInputElement>('path-search').addEventListener('input', (event) => {
    const q = (event.target as HTMLInputElement).value.trim();
    const list = byId('path-search-results');
    const ticket = ++searching;
    if (q.length < 2) return list.replaceChildren();
    void deps.guarded(async () => {
      const found = await deps.api()!<{ items: { type: string; id: string; label: string }[] }>('GET', `/entities?q=${encodeURIComponent(q)}&limit=${SEARCH_HITS}`);
      if (ticket !== searching) return;
      list.replaceChildren(
        ...found.items.map((hit) => {
          const button = el('button', { type: 'button' }, `${hit.label} (${hit.type} ${hit.id})`);
          button.addEventListener('click', () => {
            setEnd('to', { key: refKey(hit), label: hit.label });
            list.replaceChildren();
          });
          return el('li', {}, button);
        }),
      );
    }, list);
  });

  const clear = () => {
    deps.view()?.update({ highlight: null });
    deps.hook.paths = null;
  };
  byId('path-clear').addEventListener('click', clear);
  byId('path-find').addEventListener('click', () => {
    if (!ends.from || !ends.to) {
      result.replaceChildren(el('p', { class: 'message' }, 'Choose both ends first.'));
      return;
    }
    const by = byId<HTMLSelectElement>('path-by').value as 'hops' | 'strength';
    const [from, to] = [ends.from.key, ends.to.key];
    void deps.guarded(async () => {
      result.replaceChildren(el('p', { class: 'hint' }, 'Looking for paths…'));
      const answer = await deps.api()!<PathsAnswer>('GET', `/paths?${pathsQuery(from, to, by)}`);
      show(answer);
    }, result);
  });

  function show(answer: PathsAnswer): void {
    const view = deps.view();
    const highlight = pathHighlight(answer, view?.graph ?? { hasNode: () => false, edge: () => undefined });
    view?.update({ highlight: { nodes: new Set(highlight.nodes), edges: new Set(highlight.edges) } });
    // The whole network in view, so every highlighted path is on screen (a selection zooms in).
    void view?.renderer.getCamera().animatedReset({ duration: 400 });
    deps.hook.paths = { sequences: pathSequences(answer), highlighted: view?.highlightedNodes() ?? [], undrawn: highlight.undrawn };
    const drawn = new Set(highlight.nodes);
    const node = (ref: { type: string; id: string; name: string | null }) => {
      const key = refKey(ref);
      const label = ref.name ?? ref.id;
      if (drawn.has(key)) {
        const button = el('button', { type: 'button', class: 'evidence' }, label);
        button.addEventListener('click', () => deps.select(key));
        return el('span', { class: 'path-node', 'data-key': key }, button);
      }
      return el(
        'span',
        { class: 'path-node', 'data-key': key, 'data-undrawn': 'true' },
        deps.evidence.button(result, label, { id: ref.id, types: [ref.type] }),
        ` (${ref.type}, not drawn)`,
      );
    };
    const notes = [
      answer.truncated && 'The search stopped at its limits: other paths may exist.',
      !answer.tiesComplete && 'Too many paths as long as the last one to order them all.',
      answer.reason,
    ].filter((n): n is string => typeof n === 'string' && n !== '');
    result.replaceChildren(
      el('h3', { id: 'path-count', 'data-count': String(answer.paths.length) }, `${answer.paths.length} path${answer.paths.length === 1 ? '' : 's'} by ${answer.by}`),
      ...notes.map((n) => el('p', { class: 'hint' }, n)),
      ...answer.paths.map((path, i) =>
        el(
          'section',
          { class: 'path', 'data-nodes': JSON.stringify(path.nodes.map(refKey)) },
          el('h4', {}, `Path ${i + 1}: ${path.hops} hop${path.hops === 1 ? '' : 's'}${answer.by === 'strength' ? ` (length ${path.cost.toFixed(2)})` : ''}`),
          el(
            'ol',
            {},
            ...path.steps.map((step, s) =>
              el(
                'li',
                {},
                node(path.nodes[s]!),
                ' — ',
                ...step.relations.flatMap((r, n) => [
                  n > 0 ? ', ' : '',
                  deps.evidence.button(result, `${r.type}${r.id ? ` ${r.id}` : ''}`, { relation: r.id, type: r.type, ends: [step.from, step.to] }),
                ]),
                ` (strength ${step.strength.toFixed(2)}) → `,
                node(path.nodes[s + 1]!),
              ),
            ),
          ),
        ),
      ),
    );
  }

  return {
    reset() {
      setEnd('from', null);
      setEnd('to', null);
      result.replaceChildren();
      deps.hook.paths = null;
    },
  };
}
