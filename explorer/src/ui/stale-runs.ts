import type { AnalysisRun, InvestigationList } from '../data/api-types.js';
import { stalenessOf } from '../data/stale.js';
import type { Api } from './api.js';
import { byId } from './dom.js';

/**
 * Runs made stale by later loads: marked in the run picker, and, for the open run, a notice
 * with the versions and a button that runs the same scope and parameters again.
 */

const STALE_MARK = '⚠ stale · ';

/** Investigation → its data version now. */
export async function dataVersions(api: Api): Promise<Map<string, number>> {
  const list = await api<InvestigationList>('GET', '/investigations?limit=1000');
  return new Map(list.items.map((i) => [i.id, i.dataVersion]));
}

/** Marks the stale runs' options in the picker ("stale · " before their description, data-stale). */
export function markStaleRuns(runs: readonly AnalysisRun[], versions: ReadonlyMap<string, number>): void {
  const select = byId<HTMLSelectElement>('run');
  for (const option of select.options) {
    const run = runs.find((r) => r.id === option.value);
    if (!run || run.status !== 'done') continue;
    const { stale, text } = stalenessOf(run, versions);
    option.dataset.stale = String(stale);
    // Marked again after a decision or a load: one mark, whatever it said before.
    const description = (option.textContent ?? '').replace(STALE_MARK, '');
    option.textContent = stale ? `${STALE_MARK}${description}` : description;
    option.title = stale ? text : '';
  }
}

/** The notice for the open run: shown when it is stale, with the re-run button wired to `rerun`. */
export function showStaleNotice(run: AnalysisRun, versions: ReadonlyMap<string, number>, rerun: () => void): void {
  const { stale, from, to, text } = stalenessOf(run, versions);
  const notice = byId('stale-notice');
  notice.hidden = !stale;
  Object.assign(notice.dataset, { run: run.id, stale: String(stale), from: String(from ?? ''), to: String(to ?? '') });
  byId('stale-text').textContent = text;
  byId('stale-message').textContent = '';
  const button = byId<HTMLButtonElement>('stale-rerun');
  button.disabled = false;
  button.onclick = () => {
    button.disabled = true;
    rerun();
  };
}
