import type { AnalysisExport, AnalysisPreview, AnalysisRun, RankedNode } from '../data/api-types.js';
import { formatInt } from '../data/format.js';
import { dateAt, type DateSpan, dateSpan, type RankingChange, rankingChange, windowRequest } from '../data/time-window.js';
import type { Api } from './api.js';
import { byId, el } from './dom.js';

/**
 * The time slider: two ranges over the days the run's data spans. Letting go of one asks the
 * service for a preview of the run's scope in that window, and says how the network and the top
 * of the ranking changed from the run; the run stays open, and "Back to the run" puts the
 * slider back over its whole span.
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
}

interface Context {
  api: Api;
  run: AnalysisRun;
  exported: AnalysisExport['run'];
  /** The run's ranking as the page loaded it (its top TOP at least). */
  ranking: readonly RankedNode[];
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
  report: (shown: TimeWindowReport | null) => void;
}

export function createTimeWindow({ api, run, exported, ranking, guarded, report }: Context): void {
  const [from, to] = [byId<HTMLInputElement>('window-from'), byId<HTMLInputElement>('window-to')];
  const result = byId('window-result');
  const back = byId<HTMLButtonElement>('window-back');
  const span = dateSpan(run.scope as { from?: string; to?: string }, exported.dates);
  asked++;
  result.replaceChildren();
  back.hidden = true;
  report(null);
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
    report(null);
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
  back.onclick = reset;

  async function showWindow(span: DateSpan, start: string, end: string): Promise<void> {
    const mine = ++asked;
    back.hidden = false;
    if (start === span.first && end === span.last) {
      reset();
      return;
    }
    result.textContent = `Analysing ${start} to ${end}…`;
    const preview = await api<AnalysisPreview>('POST', '/analyses/preview', windowRequest(run, start, end));
    if (mine !== asked) return;
    const before = run.summary!.graph;
    const change = rankingChange(ranking, preview.ranking, TOP);
    render(start, end, before, preview.graph, change);
    report({
      from: start,
      to: end,
      nodes: { before: before.nodes, after: preview.graph.nodes },
      ties: { before: before.ties, after: preview.graph.ties },
      top: change.top.map((e) => e.key),
      entered: change.entered.map((e) => e.key),
      left: change.left.map((e) => e.key),
      moves: change.moves.map(({ key, from, to }) => ({ key, from, to })),
    });
  }

  function render(start: string, end: string, before: { nodes: number; ties: number }, after: { nodes: number; ties: number }, change: RankingChange): void {
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
