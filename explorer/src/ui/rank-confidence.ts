import type { RankedNode } from '../data/api-types.js';
import { confidenceCell, type ConfidenceSummary, dependsOnText, describeDraws, factText, NO_CONFIDENCE } from '../data/confidence.js';
import { el } from './dom.js';
import type { ExplorerHook } from './test-hook.js';

/**
 * Rank confidence on the page: a column of the ranking table (the 90% rank interval, the share of
 * draws in the top k, a mark for the stable core) and a section of the entity panel (the
 * service's sentences and the ties the rank depends on). A run made without it says so and
 * shows no figure.
 */

const COLUMN_ID = 'ranking-confidence-head';

/** Adds (or takes away) the confidence column of the ranking table just drawn, and says how the draws were made. */
export function showRankConfidence(table: HTMLTableElement, items: readonly RankedNode[], summary: ConfidenceSummary | null, note: HTMLElement, hook: ExplorerHook): void {
  document.getElementById(COLUMN_ID)?.remove();
  note.textContent = summary ? describeDraws(summary) : NO_CONFIDENCE;
  note.dataset.confidence = String(summary !== null);
  if (!summary) {
    hook.confidence = { present: false, rows: [] };
    return;
  }
  table.tHead!.rows[0]!.append(
    el('th', { scope: 'col', id: COLUMN_ID, title: `90% of the ${summary.draws} resampled networks ranked it in this interval` }, `Rank 90% · top ${summary.top}`),
  );
  const byKey = new Map(items.map((item) => [item.key, item]));
  const rows: NonNullable<ExplorerHook['confidence']>['rows'] = [];
  for (const row of table.tBodies[0]!.rows) {
    const cell = confidenceCell(byKey.get(row.dataset.key!)?.confidence);
    const td = el(
      'td',
      { class: 'confidence', title: cell.title, 'data-low': String(cell.low ?? ''), 'data-high': String(cell.high ?? ''), 'data-in-top-k': String(cell.inTopK ?? '') },
      cell.text,
      cell.stableCore && el('span', { class: 'stable-core', title: cell.title, 'data-stable-core': 'true' }, ' ●'),
      cell.stableCore && el('span', { class: 'visually-hidden' }, ' (stable core)'),
    );
    row.append(td);
    rows.push({ key: row.dataset.key!, text: td.textContent!, low: cell.low, high: cell.high, inTopK: cell.inTopK, stableCore: cell.stableCore });
  }
  hook.confidence = { present: true, rows };
}

/** The entity panel's confidence section, after what renderNode drew. */
export function appendNodeConfidence(container: HTMLElement, result: RankedNode, summary: ConfidenceSummary | null, select: (key: string) => void): void {
  const section = el('section', { id: 'node-confidence', 'aria-labelledby': 'node-confidence-title' }, el('h3', { id: 'node-confidence-title' }, 'Rank confidence'));
  const c = result.confidence;
  if (!summary) section.append(el('p', { class: 'hint', 'data-confidence': 'none' }, NO_CONFIDENCE));
  else if (!c) section.append(el('p', { class: 'hint', 'data-confidence': 'unranked' }, 'None for this entity: only ranked entities are re-ranked in the draws.'));
  else {
    section.append(
      el('ul', { id: 'confidence-explanation' }, ...c.explanation.map((line) => el('li', {}, line))),
      el('h4', {}, `Depends on (${c.dependsOn.length})`),
      c.dependsOn.length === 0
        ? el('p', { class: 'hint' }, 'No tie moves its rank: it holds with or without each of them.')
        : el(
            'ul',
            { id: 'depends-on', class: 'search-results' },
            ...c.dependsOn.map((d) => {
              const button = el('button', { type: 'button', 'data-key': d.key }, d.name ? `${d.id} ${d.name}` : d.id);
              button.addEventListener('click', () => select(d.key));
              return el(
                'li',
                { 'data-key': d.key, 'data-kept-in': String(d.keptIn), 'data-with': String(d.medianRankWith), 'data-without': String(d.medianRankWithout) },
                button,
                ` · ${dependsOnText(d)}`,
              );
            }),
          ),
      el('h4', {}, `Facts it rests on (${c.dependsOnFacts.length})`),
      c.dependsOnFacts.length === 0
        ? el('p', { class: 'hint' }, 'No payment, crossing or vessel of its own moves its rank.')
        : el(
            'ul',
            { id: 'depends-on-facts' },
            ...c.dependsOnFacts.map((f) =>
              el(
                'li',
                { 'data-fact': f.fact, 'data-kept-in': String(f.keptIn), 'data-with': String(f.medianRankWith), 'data-without': String(f.medianRankWithout) },
                `${f.fact} · ${factText(f)}`,
              ),
            ),
          ),
    );
  }
  container.append(section);
}
