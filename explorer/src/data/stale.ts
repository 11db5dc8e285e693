import type { AnalysisRun } from './api-types.js';

/**
 * Whether a run is behind its data: the service marks a run `stale` when its scope's data has
 * changed since the run read it (its scopeVersion). The version now is its investigations'
 * newest (GET /v1/investigations), known only for a run over named investigations.
 */

export interface Staleness {
  stale: boolean;
  /** The data version the run read. */
  from: number | null;
  /** The scope's data version now; null when the page cannot tell (a run over every investigation). */
  to: number | null;
  /** The notice shown with a stale run ('' for a fresh one). */
  text: string;
}

export function stalenessOf(run: Pick<AnalysisRun, 'stale' | 'scopeVersion' | 'dataVersion' | 'scope'>, versions: ReadonlyMap<string, number>): Staleness {
  const from = run.scopeVersion ?? run.dataVersion;
  const named = (run.scope as { investigations?: string[] }).investigations ?? [];
  const known = named.map((id) => versions.get(id)).filter((v): v is number => v !== undefined);
  const to = named.length > 0 && known.length === named.length ? Math.max(...known) : null;
  // The service's flag decides; the versions only say by how much.
  const stale = run.stale || (from !== null && to !== null && to > from);
  if (!stale) return { stale, from, to, text: '' };
  const versionsText = from !== null && to !== null ? ` (version ${from} → ${to})` : from !== null ? ` (version ${from} → newer)` : '';
  return { stale, from, to, text: `The data changed after this run${versionsText}.` };
}
