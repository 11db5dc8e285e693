import type { AnalysisRun, RunList } from '../data/api-types.js';
import { describeRun, investigationsOf } from '../data/scope.js';
import type { Api } from './api.js';
import { byId, el } from './dom.js';

/**
 * Choosing a run: the runs the key may see (newest first), narrowed to one investigation, only
 * finished ones selectable; or a new run queued and followed until it ends.
 */

const POLL_MS = 1000;
const FINAL = ['done', 'failed', 'cancelled'];

/** Lists the runs in the picker; answers those shown and whether one can be opened. */
export async function fillRunPicker(api: Api, investigation: string): Promise<{ runs: AnalysisRun[]; openable: boolean }> {
  const all = await api<RunList>('GET', '/analyses?limit=200');
  byId('investigations').replaceChildren(...investigationsOf(all.items).map((id) => el('option', { value: id })));
  const runs = investigation ? all.items.filter((r) => ((r.scope as { investigations?: string[] }).investigations ?? []).includes(investigation)) : all.items;
  const select = byId<HTMLSelectElement>('run');
  select.replaceChildren(...runs.map((r) => el('option', { value: r.id, ...(r.status === 'done' ? {} : { disabled: '' }) }, describeRun(r))));
  const firstDone = runs.find((r) => r.status === 'done');
  if (firstDone) select.value = firstDone.id;
  byId('runs-empty').hidden = firstDone !== undefined;
  byId<HTMLButtonElement>('open-run').disabled = firstDone === undefined;
  return { runs, openable: firstDone !== undefined };
}

/** Queues a run and polls it until it ends, saying how far it got. */
export async function startAndFollow(api: Api, body: object, say: (text: string) => void): Promise<AnalysisRun> {
  say('Queued…');
  let run = await api<AnalysisRun>('POST', '/analyses', body);
  while (!FINAL.includes(run.status)) {
    say(`${run.status}${run.stage ? ` (${run.stage})` : ''} · ${Math.round(run.progress)} %`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    run = await api<AnalysisRun>('GET', `/analyses/${run.id}`);
  }
  return run;
}
