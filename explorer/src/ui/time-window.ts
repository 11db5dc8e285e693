import type { AnalysisExport, AnalysisPreview, AnalysisRun, RankedNode } from '../data/api-types.js';
import { formatInt } from '../data/format.js';
import { dateAt, type DateSpan, dateSpan, type RankingChange, rankingChange, windowRequest, type WindowView, windowView } from '../data/time-window.js';
import type { Api } from './api.js';
import { byId, el } from './dom.js';
import type { GraphView } from './graph-view.js';

/**
 * The time slider: two ranges over the days the run's data spans. Letting go of one asks the
 * service for a preview of the run's scope in that window, and says how the network and the top
 * of the ranking changed from the run, and re-scopes the drawing: the run's ties that are not
 * ties in the window are hidden and the nodes with none greyed (the window's own ties come with
 * the preview, so no tie is drawn between people the window does not tie). The run stays open,
 * and "Back to the run" puts the slider back over its whole span and draws the run again.
 */

export const TOP = 10;

/** Counts the windows asked for, across runs: an answer for an earlier one (or an earlier run) is dropped. */
let asked = 0;

/** What the page last showed for a window, for the browser test to check against the API. */
export interface TimeWindowReport {
  from: string;
  to: string;
  nodes: { before: number; after: number };
  ties: { before: number; after: number };
  top: string[];
  entered: string[];
  left: string[];
  moves: { key: string; from: number; to: number }[];
  /** What the graph shows for the window (read back from the drawing). */
  graph: GraphShown & {
    /** Window ties the run's drawing has no edge for: 0 when the window is a sub-scope of the run. */
    notInRun: number;
  };
}

/** The run's ties drawn (their ends, sorted) and its nodes drawn greyed (sorted), as sigma has them. */
export interface GraphShown {
  ties: [string, string][];
  greyed: string[];
}

interface Context {
  api: Api;
  run: AnalysisRun;
  exported: AnalysisExport['run'];
  /** The run's ranking as the page loaded it (its top TOP at least). */
  ranking: readonly RankedNode[];
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
  report: (shown: TimeWindowReport | null) => void;
  /** The drawing the window re-scopes. */
  view: GraphView;
  /** What the graph shows once back to the run (no window). */
  reportRun: (shown: GraphShown | null) => void;
}

export function createTimeWindow({ api, run, exported, ranking, guarded, report, view, reportRun }: Context): void {
  const [from, to] = [byId<HTMLInputElement>('window-from'), byId<HTMLInputElement>('window-to')];
  const result = byId('window-result');
  const back = byId<HTMLButtonElement>('window-back');
  const span = dateSpan(run.scope as { from?: string; to?: string }, exported.dates);
  asked++;
  result.replaceChildren();
  back.hidden = true;
  report(null);
  reportRun(null);
  for (const input of [from, to]) input.disabled = span === null;
  if (span === null) {
    byId('window-span').textContent = 'This run has no dated facts to slide over.';
    return;
  }
  for (const input of [from, to]) Object.assign(input, { min: '0', max: String(span.days), step: '1' });
  const label = () => {
    byId('window-from-date').textContent = dateAt(span, Number(from.value));
    byId('window-to-date').textContent = dateAt(span, Number(to.value));
  };
  const reset = () => {
    asked++;
    from.value = '0';
    to.value = String(span.days);
    label();
    result.replaceChildren();
    back.hidden = true;
    view.update({ window: null });
    report(null);
  };
  const backToRun = () => {
    reset();
    reportRun(view.windowShown());
  };
  byId('window-span').textContent = `The run's data: ${span.first} to ${span.last}.`;
  reset();
  from.oninput = () => {
    if (Number(from.value) > Number(to.value)) to.value = from.value;
    label();
  };
  to.oninput = () => {
    if (Number(to.value) < Number(from.value)) from.value = to.value;
    label();
  };
  const show = () => void guarded(() => showWindow(span, dateAt(span, Number(from.value)), dateAt(span, Number(to.value))), result);
  from.onchange = show;
  to.onchange = show;
  back.onclick = backToRun;

  async function showWindow(span: DateSpan, start: string, end: string): Promise<void> {
    const mine = ++asked;
    back.hidden = false;
    if (start === span.first && end === span.last) {
      backToRun();
      return;
    }
    result.textContent = `Analysing ${start} to ${end}…`;
    const preview = await api<AnalysisPreview>('POST', '/analyses/preview', windowRequest(run, start, end));
    if (mine !== asked) return;
    if (!preview.ties) throw new Error('explorer/time-window: the preview answered without its ties');
    const before = run.summary!.graph;
    const change = rankingChange(ranking, preview.ranking, TOP);
    const scoped = windowView(drawnRun(view), preview.ties);
    view.update({ window: { nodes: scoped.greyed, edges: scoped.edges } });
    const shown = view.windowShown();
    render(start, end, before, preview.graph, change, scoped, shown);
    report({
      from: start,
      to: end,
      nodes: { before: before.nodes, after: preview.graph.nodes },
      ties: { before: before.ties, after: preview.graph.ties },
      top: change.top.map((e) => e.key),
      entered: change.entered.map((e) => e.key),
      left: change.left.map((e) => e.key),
      moves: change.moves.map(({ key, from, to }) => ({ key, from, to })),
      graph: { ...shown, notInRun: scoped.notInRun },
    });
  }

  function render(
    start: string,
    end: string,
    before: { nodes: number; ties: number },
    after: { nodes: number; ties: number },
    change: RankingChange,
    scoped: WindowView,
    shown: GraphShown,
  ): void {
    const move = (was: number | null, now: number) => (was === null ? 'new' : was === now ? '=' : was > now ? `↑${was - now}` : `↓${now - was}`);
    result.replaceChildren(
      el('h3', {}, `${start} to ${end}`),
      el(
        'p',
        {
          id: 'window-network',
          'data-nodes-before': String(before.nodes),
          'data-nodes-after': String(after.nodes),
          'data-ties-before': String(before.ties),
          'data-ties-after': String(after.ties),
        },
        `Nodes ${formatInt(before.nodes)} → ${formatInt(after.nodes)} · ties ${formatInt(before.ties)} → ${formatInt(after.ties)}`,
      ),
      el(
        'p',
        { id: 'window-graph', class: 'hint', 'data-ties': String(shown.ties.length), 'data-greyed': String(shown.greyed.length), 'data-not-in-run': String(scoped.notInRun) },
        `The graph shows the window's ${formatInt(shown.ties.length)} ties; the ${formatInt(shown.greyed.length)} nodes with no tie in it are greyed.`,
        // Cannot happen when the window is a sub-scope of the run: said, not hidden, if it does.
        scoped.notInRun > 0 && ` ${formatInt(scoped.notInRun)} of the window's ties are not in the run's graph and are not drawn.`,
      ),
      el(
        'table',
        { id: 'window-top', class: 'before-after' },
        el('caption', { class: 'hint' }, `Top ${TOP} in the window, and the move from the run`),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '#'), el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Run'))),
        el(
          'tbody',
          {},
          ...change.top.map((e) =>
            el(
              'tr',
              { 'data-key': e.key, 'data-before': e.before === null ? '' : String(e.before) },
              el('td', {}, e.rank),
              el('td', {}, e.name),
              el('td', {}, move(e.before, e.rank)),
            ),
          ),
        ),
      ),
      change.left.length > 0
        ? el('p', { id: 'window-left' }, `Left the top ${TOP}: `, change.left.map((e) => `${e.name} (#${e.rank} → ${e.after === null ? 'not ranked' : `#${e.after}`})`).join(', '))
        : el('p', { id: 'window-left' }, `No one left the top ${TOP}.`),
    );
    // The controls' column scrolls: bring the answer into sight under the slider.
    result.scrollIntoView({ block: 'nearest' });
  }
}

/** The run's own nodes and ties in the drawing: context layers (data/layers.ts) are left out. */
function drawnRun(view: GraphView): Parameters<typeof windowView>[0] {
  const nodes: string[] = [];
  const edges: { key: string; source: string; target: string }[] = [];
  view.graph.forEachNode((key, attributes) => {
    if (attributes.layer === undefined) nodes.push(key);
  });
  view.graph.forEachEdge((key, attributes, source, target) => {
    if (attributes.relation === undefined) edges.push({ key, source, target });
  });
  return { nodes, edges };
}
