import type { RankedNode } from '../data/api-types.js';
import { formatScore } from '../data/format.js';
import { el } from './dom.js';

/**
 * The ranking as a real table the keyboard can use: each row is focusable, arrow keys (and
 * Home/End) move between rows, Enter or Space selects, as a click does.
 */
export function renderRanking(tbody: HTMLTableSectionElement, items: readonly RankedNode[], colourOf: (community: string) => string, onSelect: (key: string) => void): void {
  tbody.replaceChildren(
    ...items.map((item, i) => {
      const row = el(
        'tr',
        { tabindex: i === 0 ? '0' : '-1', 'data-key': item.key, 'aria-selected': 'false' },
        el('td', {}, item.rank ?? '–'),
        el(
          'td',
          {},
          item.name ?? item.id,
          (item.records?.length ?? 0) > 1 && el('span', { class: 'hint', title: `Seen as ${item.records!.join(', ')}` }, ` (${item.records!.length} records)`),
        ),
        el('td', {}, formatScore(item.harmScore)),
        el('td', {}, el('span', { class: 'swatch', style: `background:${colourOf(item.community)}`, 'aria-hidden': 'true' }), item.community),
      );
      row.addEventListener('click', () => onSelect(item.key));
      return row;
    }),
  );
  tbody.onkeydown = (event) => {
    const row = (event.target as HTMLElement).closest('tr');
    if (!row) return;
    const rows = [...tbody.rows];
    const at = rows.indexOf(row);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, move))]!;
      row.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(row.dataset.key!);
    }
  };
}

/** Marks the selected row (and makes it the one Tab lands on). */
export function markSelected(tbody: HTMLTableSectionElement, key: string | null): void {
  for (const row of tbody.rows) {
    const selected = row.dataset.key === key;
    row.setAttribute('aria-selected', String(selected));
    if (selected) {
      for (const other of tbody.rows) other.tabIndex = -1;
      row.tabIndex = 0;
    }
  }
}
