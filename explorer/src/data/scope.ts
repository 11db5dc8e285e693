import type { AnalysisRun } from './api-types.js';

/**
 * The filters that need an analysis of their own: the weakest grading kept and the time window.
 * They become the scope of a run (POST /v1/analyses); the service answers with the stored run
 * when the same scope was already analysed on unchanged data, so going back is cheap.
 */

export const ASSESSMENTS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

/** How duplicate records are treated: each its own entity, merged where an analyst accepted it, or also where the model is sure enough. */
export const RESOLUTIONS = ['none', 'accepted', 'auto:0.95'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface ScopeFilters {
  investigation: string | null;
  minAssessment: Assessment;
  from: string | null;
  to: string | null;
  /** Left out: none. */
  resolution?: Resolution;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The request body for a run over these filters; refuses what the service would refuse. */
export function runRequest(filters: ScopeFilters): { scope: Record<string, unknown> } {
  for (const [name, value] of [
    ['from', filters.from],
    ['to', filters.to],
  ] as const) {
    if (value !== null && !DATE.test(value)) throw new Error(`explorer/scope: ${name} must be a date (YYYY-MM-DD)`);
  }
  if (filters.from && filters.to && filters.from > filters.to) throw new Error('explorer/scope: the window starts after it ends');
  return {
    scope: {
      ...(filters.investigation ? { investigations: [filters.investigation] } : {}),
      minAssessment: filters.minAssessment,
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(filters.resolution && filters.resolution !== 'none' ? { resolution: filters.resolution } : {}),
    },
  };
}

/** The filters a run was made with (the inverse of runRequest, for the form). */
export function filtersOf(run: Pick<AnalysisRun, 'scope'>): ScopeFilters {
  const scope = run.scope as { investigations?: string[]; minAssessment?: Assessment; from?: string; to?: string; resolution?: Resolution };
  return {
    investigation: scope.investigations?.length === 1 ? scope.investigations[0]! : null,
    minAssessment: scope.minAssessment ?? 'D',
    from: scope.from ?? null,
    to: scope.to ?? null,
    resolution: scope.resolution ?? 'none',
  };
}

/** One line for a run in the picker: when, over what, what it found. */
export function describeRun(run: Pick<AnalysisRun, 'createdAt' | 'status' | 'scope' | 'summary'>): string {
  const f = filtersOf(run);
  const what = f.investigation ?? ((run.scope as { investigations?: string[] }).investigations?.join(', ') || 'all investigations');
  const window = f.from || f.to ? `, ${f.from ?? '…'} to ${f.to ?? '…'}` : '';
  const size = run.summary ? ` · ${run.summary.graph.nodes.toLocaleString('en-GB')} nodes` : '';
  const merged = f.resolution && f.resolution !== 'none' ? ` · duplicates merged (${f.resolution})` : '';
  const confidence = run.summary?.confidence ? ' · rank confidence' : '';
  return `${run.createdAt.slice(0, 16).replace('T', ' ')} · ${what} · grading ≥ ${f.minAssessment}${window}${merged} · ${run.status}${size}${confidence}`;
}

/** Investigations named by the runs, for the picker (there is no list of investigations in the API). */
export function investigationsOf(runs: readonly Pick<AnalysisRun, 'scope'>[]): string[] {
  const ids = new Set<string>();
  for (const run of runs) for (const id of (run.scope as { investigations?: string[] }).investigations ?? []) ids.add(id);
  return [...ids].sort();
}

const SCOPE_KEYS = ['investigations', 'from', 'to', 'minAssessment', 'maxSourceEvaluation', 'projection', 'entityTypes', 'tieKinds', 'resolution'];
const PARAMETER_KEYS = ['tieWeights', 'harmWeights', 'resolution', 'seed', 'betweennessSamples', 'exactBetweennessUpTo', 'sharedLocationCap'];

/**
 * The scope and parameters to send with a disruption request so it analyses what the run did.
 * A run shows its parameters as applied (analysis/settings.ts appliedParameters: money settings
 * grouped, earlier communities as a count): this turns them back into a request. The earlier
 * communities are left out (they name communities, and do not change who is tied to whom), and
 * so are settings shown by a name rather than a number (betweennessSamples 'auto'): the service
 * then applies the same default again.
 */
export function analysisRequestOf(run: Pick<AnalysisRun, 'scope' | 'parameters'>): { scope: Record<string, unknown>; parameters: Record<string, unknown> } {
  const pick = (from: Record<string, unknown>, keys: string[], keep: (value: unknown) => boolean) => Object.fromEntries(keys.filter((k) => keep(from[k])).map((k) => [k, from[k]]));
  const money = (run.parameters.money ?? {}) as { reportingCurrency?: string; exchangeRates?: Record<string, number> };
  return {
    scope: pick(run.scope, SCOPE_KEYS, (value) => value !== undefined && value !== null),
    parameters: {
      ...pick(run.parameters, PARAMETER_KEYS, (value) => typeof value === 'number' || (typeof value === 'object' && value !== null)),
      ...(money.reportingCurrency ? { reportingCurrency: money.reportingCurrency } : {}),
      ...(money.exchangeRates ? { exchangeRates: money.exchangeRates } : {}),
    },
  };
}

/** The currency a run's money figures are in. */
export function currencyOf(run: Pick<AnalysisRun, 'parameters'>): string {
  return (run.parameters.money as { reportingCurrency?: string } | undefined)?.reportingCurrency ?? 'GBP';
}
