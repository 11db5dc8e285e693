import type { AnalysisRun, RankedNode } from './api-types.js';
import { analysisRequestOf } from './scope.js';

/**
 * Rank confidence as the page shows it (parameters.confidence, docs/analytics.md "Rank
 * confidence"): a run made with it re-ranked over resampled networks, and each ranked entity
 * carries its 90% rank interval, its share of draws in the top k and the ties its rank rests on.
 * Nothing here works a figure out: it only words what the run answered, and says so plainly when
 * the run did not resample.
 */

export type NodeConfidence = NonNullable<RankedNode['confidence']>;
export type ConfidenceSummary = NonNullable<NonNullable<AnalysisRun['summary']>['confidence']>;

/** What the new-run form asks for when confidence is ticked: the service's defaults otherwise. */
export const CONFIDENCE_REQUEST = { draws: 100 } as const;

export const NO_CONFIDENCE = 'No confidence: this run did not resample.';

/** The request body with rank confidence asked for (or not), over whatever parameters it has. */
export function withConfidence<T extends object>(body: T, on: boolean): T & { parameters: Record<string, unknown> } {
  const parameters: Record<string, unknown> = { ...((body as { parameters?: Record<string, unknown> }).parameters ?? {}) };
  if (on) parameters.confidence = { ...CONFIDENCE_REQUEST };
  else delete parameters.confidence;
  return { ...body, parameters };
}

/**
 * A run's request for running it again (a stale run, the duplicates tab's merges): its scope and
 * parameters as analysisRequestOf gives them, with the run's own rank confidence, which
 * disruption requests (analysisRequestOf's other users) do not take.
 */
export function rerunRequestOf(run: Pick<AnalysisRun, 'scope' | 'parameters'>): { scope: Record<string, unknown>; parameters: Record<string, unknown> } {
  const request = analysisRequestOf(run);
  const confidence = run.parameters.confidence;
  return confidence && typeof confidence === 'object' ? { ...request, parameters: { ...request.parameters, confidence } } : request;
}

/** One line for a fact the rank depends on: how often kept, the median rank with and without. */
export function factText(f: NodeConfidence['dependsOnFacts'][number]): string {
  return `kept in ${percent(f.keptIn)} of draws · median rank ${f.medianRankWith} with it, ${f.medianRankWithout} without`;
}

/** The run's confidence settings, or null when it was made without. */
export function confidenceOf(run: Pick<AnalysisRun, 'summary'> | null): ConfidenceSummary | null {
  return run?.summary?.confidence ?? null;
}

/** `2–5`, or `3` when every draw agreed. */
export function rankInterval(c: Pick<NodeConfidence, 'rankInterval'>): string {
  const { low, high } = c.rankInterval;
  return low === high ? String(low) : `${low}–${high}`;
}

/** Whole per cents, never rounded up to 100 or down to 0 unless every (or no) draw was. */
export function percent(share: number): string {
  const rounded = Math.round(share * 100);
  if (rounded === 100 && share < 1) return '99%';
  if (rounded === 0 && share > 0) return '<1%';
  return `${rounded}%`;
}

/** `97% in top 10`. */
export function topShare(c: Pick<NodeConfidence, 'inTopK' | 'k'>): string {
  return `${percent(c.inTopK)} in top ${c.k}`;
}

/** One ranking-table cell: what it says, and its figures for sorting and for the tests. */
export interface ConfidenceCell {
  text: string;
  title: string;
  low: number | null;
  high: number | null;
  inTopK: number | null;
  stableCore: boolean;
}

export function confidenceCell(c: NodeConfidence | undefined): ConfidenceCell {
  if (!c) return { text: '–', title: 'No rank confidence for this entity', low: null, high: null, inTopK: null, stableCore: false };
  return {
    text: `${rankInterval(c)} · ${topShare(c)}`,
    title:
      `Ranked from ${c.rankInterval.low} to ${c.rankInterval.high} in 90% of the resampled networks (median ${c.medianRank}), in the top ${c.k} in ${percent(c.inTopK)}` +
      (c.stableCore ? `; stable core: in the top ${c.k} in at least 90%` : ''),
    low: c.rankInterval.low,
    high: c.rankInterval.high,
    inTopK: c.inTopK,
    stableCore: c.stableCore,
  };
}

/** How the run's draws were made, in a sentence. */
export function describeDraws(summary: ConfidenceSummary): string {
  const how = summary.grading
    ? `each fact kept as likely as its grading says${summary.dropout > 0 ? ` and ${percent(summary.dropout)} of ties dropped besides` : ''}`
    : `${percent(summary.dropout)} of ties dropped at random`;
  const core = summary.stableCore.length;
  return `Rank confidence from ${summary.draws} resampled networks (${how}; seed ${summary.seed}). Stable core: ${core} ${core === 1 ? 'entity' : 'entities'} in the top ${summary.top} in at least 90% of them.`;
}

/** `2 payments, 1 meeting`. */
export function tieKindsText(kinds: Readonly<Record<string, number>>): string {
  const parts = Object.entries(kinds)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => `${n} ${n === 1 ? kind : plural(kind)}`);
  return parts.length === 0 ? 'no relation counted' : parts.join(', ');
}

/** One "depends on" line after the other end's name: kinds, how often kept, the median rank with and without. */
export function dependsOnText(d: NodeConfidence['dependsOn'][number]): string {
  return `${tieKindsText(d.tieKinds)} · kept in ${percent(d.keptIn)} of draws · median rank ${d.medianRankWith} with it, ${d.medianRankWithout} without`;
}

const plural = (word: string) => (/[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`);
