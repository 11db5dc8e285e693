import { setTimeout as sleep } from 'node:timers/promises';

import { type AnalysisRun, FINAL_STATUSES, type RunRequest, RunRequestSchema } from '../schemas/runs.js';
import { InterruptedError, RefusedError } from './rank-errors.js';
import type { RankingPage } from './rank-output.js';

/**
 * The ranking jobs, one investigation after another: submit a run, follow it until it ends,
 * read the top of its ranking. The same steps whether the run service is in this process
 * (direct.ts) or behind the HTTP API (api.ts).
 */

export interface RankBackend {
  /** The ids of the investigations it may rank, sorted: every one in the database, or those the API key may see. */
  investigations(): Promise<string[]>;
  /** Which those are, for messages: "in the database", "that this API key may see". */
  readonly where: string;
  /** A new run, or `reused`: a run of someone else's that already answers the request. */
  submit(request: RunRequest, requestedBy: string): Promise<{ run: AnalysisRun; reused: boolean }>;
  /** The run once it has ended or `ms` have passed, whichever comes first. */
  wait(id: string, ms: number): Promise<AnalysisRun>;
  /** Cancels a queued or running run; a run that has ended already is left as it is. */
  cancel(id: string): Promise<void>;
  rankings(id: string, top: number): Promise<RankingPage>;
  close(): Promise<void>;
}

export interface RankOutcome {
  /** null: the run over all the data. */
  investigation: string | null;
  run: AnalysisRun;
  reused: boolean;
  /** The top of the ranking, for a run that is done. */
  page?: RankingPage;
  /** Why there is no ranking: the run's own error, or that it was cancelled or timed out. */
  error?: { code: string; message: string };
}

export interface RankOptions {
  top: number;
  writeBack: boolean;
  engine: RunRequest['parameters']['engine'];
  /** scope.resolution of every run; left out: none. */
  resolution?: string;
  /** parameters.confidence of every run; left out: none. */
  confidence?: { draws: number; dropout: number };
  /** Longest wait for one run to end, then it is cancelled. */
  waitMs: number;
  requestedBy: string;
  /** Aborted on SIGINT: the run in progress is cancelled and InterruptedError thrown. */
  signal: AbortSignal;
  /** Called about every pollMs while a run is queued or running. */
  onProgress?: (investigation: string | null, run: AnalysisRun) => void;
  onStatus?: (line: string) => void;
  pollMs?: number;
}

const POLL_MS = 250;

const isFinal = (run: AnalysisRun) => FINAL_STATUSES.includes(run.status);
const labelOf = (investigation: string | null) => investigation ?? 'all investigations';

export function requestFor(
  investigation: string | null,
  writeBack: boolean,
  engine: RankOptions['engine'] = 'auto',
  resolution?: string,
  confidence?: RankOptions['confidence'],
): RunRequest {
  const scope = { ...(investigation === null ? {} : { investigations: [investigation] }), ...(resolution === undefined ? {} : { resolution }) };
  return RunRequestSchema.parse({ scope, parameters: { engine, ...(confidence ? { confidence } : {}) }, writeBack });
}

export async function rankOne(backend: RankBackend, investigation: string | null, options: RankOptions): Promise<RankOutcome> {
  const pollMs = options.pollMs ?? POLL_MS;
  const label = labelOf(investigation);
  if (options.signal.aborted) throw new InterruptedError('interrupted');
  const submitted = await backend.submit(requestFor(investigation, options.writeBack, options.engine, options.resolution, options.confidence), options.requestedBy);
  const { reused } = submitted;
  let run = submitted.run;
  options.onStatus?.(`${label}: run ${run.id} ${reused ? `reused (${run.status})` : 'submitted'}`);

  // A reused run is someone else's: stop waiting for it, but never cancel it.
  const cancelOwn = async () => {
    if (!reused) await backend.cancel(run.id);
  };
  const deadline = Date.now() + options.waitMs;
  while (!isFinal(run)) {
    if (options.signal.aborted) {
      await cancelOwn();
      throw new InterruptedError(`interrupted; run ${run.id} (${label}) ${reused ? 'left to its owner' : 'cancelled'}`);
    }
    if (Date.now() >= deadline) {
      await cancelOwn();
      const minutes = Math.round(options.waitMs / 60_000);
      const what = reused ? 'left running: it is not this command’s run' : 'cancelled';
      return { investigation, run, reused, error: { code: 'TIMEOUT', message: `still ${run.status} after ${minutes} min; ${what}` } };
    }
    options.onProgress?.(investigation, run);
    const started = Date.now();
    run = await backend.wait(run.id, pollMs);
    // wait() returns at once for a run another process computes: poll, do not spin.
    const left = pollMs - (Date.now() - started);
    if (!isFinal(run) && left > 0) await sleep(left, undefined, { signal: options.signal }).catch(() => undefined);
  }

  if (run.status !== 'done') {
    const error = run.error ?? { code: run.status.toUpperCase(), message: `the run was ${run.status}` };
    return { investigation, run, reused, error };
  }
  const page = await backend.rankings(run.id, options.top);
  options.onStatus?.(`${label}: run ${run.id} done, ${page.total} ranked`);
  return { investigation, run: page.run, reused, page };
}

/**
 * What to rank: every investigation the backend may rank, the ones named, or (neither) all the
 * data in one run. A named investigation that is not among those the backend may rank stops the
 * command before any run: a misspelt name in a nightly job must fail, not print an empty ranking.
 */
export async function targetsOf(backend: RankBackend, named: string[], all: boolean): Promise<(string | null)[]> {
  if (all) return backend.investigations();
  if (named.length === 0) return [null];
  const known = new Set(await backend.investigations());
  const missing = named.filter((id) => !known.has(id));
  if (missing.length > 0) throw new RefusedError(`no investigation${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${backend.where}: nothing was ranked`);
  return named;
}

/** One run after another, in the order given; stops at SIGINT. */
export async function rankAll(backend: RankBackend, investigations: (string | null)[], options: RankOptions): Promise<RankOutcome[]> {
  const outcomes: RankOutcome[] = [];
  for (const investigation of investigations) outcomes.push(await rankOne(backend, investigation, options));
  return outcomes;
}
