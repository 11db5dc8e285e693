import type { CommunityDetail } from '../data/api-types.js';
import { formatInt, formatMoney, formatScore } from '../data/format.js';
import { el } from './dom.js';

/** One community: its size and ties, the money moving inside it, its members by harm, its brokers. */
export function renderCommunity(container: HTMLElement, detail: CommunityDetail, currency: string, labelOf: (key: string) => string, select: (key: string) => void): void {
  const { community, members, brokers } = detail;
  const link = (key: string) => {
    const button = el('button', { type: 'button' }, labelOf(key));
    button.addEventListener('click', () => select(key));
    return button;
  };
  container.replaceChildren(
    el('h2', {}, `Community ${community.id}`),
    el('p', {}, `${formatInt(community.size)} members · ${formatInt(community.internalTies)} ties inside, ${formatInt(community.externalTies)} to other communities`),
    el('p', {}, `Money flow between members: ${formatMoney(community.internalMoneyFlow, currency)}`),
    el('h3', {}, `Members by harm (${formatInt(members.total)})`),
    el('ul', { class: 'search-results' }, ...members.items.map((m) => el('li', {}, link(m.key), ` · ${formatScore(m.harmScore)}`))),
    el('h3', {}, 'Brokers'),
    brokers.length === 0
      ? el('p', { class: 'hint' }, 'No member ties it to other communities.')
      : el('ul', { class: 'search-results' }, ...brokers.map((b) => el('li', {}, link(b.key), ` · participation ${b.participation.toFixed(2)} · to ${b.bridgesTo.join(', ')}`))),
    el('h3', {}, 'Main places'),
    el('p', {}, community.mainPlaces.map((p) => `${p.key} (${p.crossings})`).join(', ') || '–'),
  );
}
