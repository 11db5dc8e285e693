import type { ResolutionRepository } from '../repositories/resolution-repository.js';
import type { Scope } from '../schemas/analysis.js';
import { candidateBecause, type Merge, NO_RESOLUTION, pairKey, pairsOf, type Resolution, resolveClusters } from './clusters.js';
import { findCandidates } from './linkage.js';

/**
 * What `scope.resolution` merges in a scope. `accepted`: the records of the standing accepted
 * decisions of the scope's investigations (a decision in A only when A is in scope). `auto:p`:
 * those and the candidates at or above p among the scope's records, except pairs a decision
 * in scope rejected and merges that would join such a pair through a third record. Records are read as the candidates route reads them: each entity's copies
 * in the scope's investigations only.
 */

export function autoThreshold(resolution: string | undefined): number | null {
  return resolution?.startsWith('auto:') ? Number(resolution.slice('auto:'.length)) : null;
}

export async function resolutionOf(repository: ResolutionRepository, scope: Scope): Promise<Resolution & { names?: Map<string, string | null> }> {
  const mode = scope.resolution;
  if (mode === undefined || mode === 'none') return NO_RESOLUTION;
  const investigations = scope.investigations ?? null;
  if (investigations?.length === 0) return NO_RESOLUTION;
  const records = await repository.records({ investigations, minAssessment: scope.minAssessment, maxSourceEvaluation: scope.maxSourceEvaluation });
  const present = new Set(records.map((r) => `${r.record.type}:${r.record.id}`));
  const decisions = await repository.standing(investigations);
  const merges: Merge[] = decisions.filter((d) => d.decision === 'accept').map((d) => ({ type: d.type, records: d.records, because: `accepted by ${d.analystName}: ${d.reason}` }));
  const threshold = autoThreshold(mode);
  const rejected = new Set<string>();
  if (threshold !== null) {
    for (const d of decisions) if (d.decision === 'reject') for (const key of pairsOf(d.type, d.records)) rejected.add(key);
    // Most probable first: where two merges would join a rejected pair, the likelier one is made.
    for (const candidate of findCandidates(
      records.map((r) => r.record),
      { threshold },
    ))
      if (!rejected.has(pairKey(candidate.type, ...candidate.records)))
        merges.push({ type: candidate.type, records: candidate.records, because: candidateBecause(candidate), automatic: true });
  }
  return { ...resolveClusters(present, merges, rejected), names: new Map(records.map((r) => [`${r.record.type}:${r.record.id}`, r.record.name])) };
}
