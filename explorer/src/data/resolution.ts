import type { AnalysisRun, ResolutionCandidate, ResolutionEvidence } from './api-types.js';

/**
 * Entity resolution as the explorer shows it: the candidates asked for over an open run's
 * scope, each pair's evidence in words, and the one investigation a decision on a pair can
 * belong to (a decision names records that all have a copy in it; the service refuses others).
 */

/** The query for GET /v1/resolution/candidates over a run's scope (its investigations and grading). */
export function candidateQuery(run: Pick<AnalysisRun, 'scope'>, limit = 50): string {
  const scope = run.scope as { investigations?: string[]; minAssessment?: string; maxSourceEvaluation?: number };
  const query = new URLSearchParams();
  for (const id of scope.investigations ?? []) query.append('investigations', id);
  if (scope.minAssessment) query.set('minAssessment', scope.minAssessment);
  if (scope.maxSourceEvaluation !== undefined) query.set('maxSourceEvaluation', String(scope.maxSourceEvaluation));
  query.set('limit', String(limit));
  return query.toString();
}

/** A probability as an analyst reads it: 99.95 %, never 100 % unless it is exactly 1. */
export function formatProbability(p: number): string {
  if (p === 1) return '100 %';
  const digits = p >= 0.999 ? 2 : p >= 0.99 ? 1 : 0;
  const shown = (Math.floor(p * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
  return `${shown} %`;
}

const FIELD_NAMES: Record<ResolutionEvidence['field'], string> = {
  identifier: 'identifier',
  name: 'name',
  dateOfBirth: 'date of birth',
  nationality: 'nationality',
  neighbours: 'shared ties',
};

/** One line of evidence: what was compared, the level it reached, what agreed or differed, and which way it weighs. */
export function evidenceLine(e: ResolutionEvidence): string {
  const sign = e.weight > 0 ? '+' : e.weight < 0 ? '−' : '±';
  return `${FIELD_NAMES[e.field]}: ${e.level}${e.detail ? ` (${e.detail})` : ''} · ${sign}${Math.abs(e.weight).toFixed(1)}`;
}

/** The investigation a decision on this pair belongs to: the first of the scope's that holds both records; null when none does. */
export function decisionInvestigation(candidate: Pick<ResolutionCandidate, 'records'>): string | null {
  const [a, b] = candidate.records;
  return a!.investigations.find((id) => b!.investigations.includes(id)) ?? null;
}

/** What a pair's standing decision says, or null when none stands. */
export function decisionText(candidate: Pick<ResolutionCandidate, 'decision'>): string | null {
  const d = candidate.decision;
  if (!d) return null;
  return `${d.decision === 'accept' ? 'Accepted as one' : 'Rejected: not one'} by ${d.analyst} (${d.decidedAt.slice(0, 10)}): ${d.reason}`;
}
