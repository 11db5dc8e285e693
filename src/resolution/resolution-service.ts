import { randomUUID } from 'node:crypto';

import { limitScope } from '../analysis/scope-check.js';
import type { Principal } from '../auth/principal.js';
import { RequestRejectedError } from '../errors.js';
import type { ResolutionRepository, ScopedRecord, StoredDecision } from '../repositories/resolution-repository.js';
import type { CandidatePage, CandidateQuery, Decision, DecisionList, DecisionRequest } from '../schemas/resolution.js';
import { pairKey, pairsOf } from './clusters.js';
import { findCandidates } from './linkage.js';
import type { Candidate } from './records.js';

/**
 * Entity resolution for analysts: candidate pairs over a scope the caller may see, and
 * decisions on them in one investigation. Decisions never change the records: analyses read
 * them (scope.resolution, scope-resolution.ts) and an undone one stays, marked, for history.
 */

/** Every pair the model pairs at all, for the evidence a decision keeps. */
const ANY_PROBABILITY = Number.MIN_VALUE;

const list = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

export function decisionOf(stored: StoredDecision): Decision {
  return {
    id: stored.id,
    investigation: stored.investigation,
    type: stored.type,
    records: stored.records,
    decision: stored.decision,
    reason: stored.reason,
    analyst: { id: stored.analystId, name: stored.analystName },
    decidedAt: stored.decidedAt,
    candidates: JSON.parse(stored.candidates) as Decision['candidates'],
    undone: stored.undoneAt ? { at: stored.undoneAt, by: { id: stored.undoneById ?? '', name: stored.undoneByName ?? '' } } : null,
  };
}

/** Standing decisions by the pairs of records they name (the newest first, as the repository lists them). */
export function decisionsByPair(decisions: readonly StoredDecision[]): Map<string, StoredDecision> {
  const byPair = new Map<string, StoredDecision>();
  for (const d of decisions) for (const key of pairsOf(d.type, d.records)) if (!byPair.has(key)) byPair.set(key, d);
  return byPair;
}

export function createResolutionService(deps: { repository: ResolutionRepository; known: (ids: string[]) => Promise<string[]> }) {
  const { repository } = deps;

  /** The named investigations as the caller may have them (limitScope: unseen ones left out with a warning, none left refused). */
  async function scopeOf(named: string | string[] | undefined, allowed: readonly string[] | null) {
    const { scope, warnings } = await limitScope({ investigations: list(named) }, allowed, deps.known, false, 'querystring.investigations');
    return { investigations: scope.investigations ?? null, warnings };
  }

  return {
    async candidates(query: CandidateQuery, allowed: readonly string[] | null): Promise<CandidatePage> {
      const { investigations, warnings } = await scopeOf(query.investigations, allowed);
      const { minAssessment, maxSourceEvaluation, threshold, limit, offset } = query;
      const records = investigations?.length === 0 ? [] : await repository.records({ investigations, minAssessment, maxSourceEvaluation, type: query.type });
      // The records read are of query.type only, when it is given: so are their candidates.
      const found = findCandidates(
        records.map((r) => r.record),
        { threshold },
      );
      const byKey = new Map(records.map((r) => [`${r.record.type}:${r.record.id}`, r]));
      const decisions = investigations?.length === 0 ? [] : await repository.standing(investigations);
      const decided = decisionsByPair(decisions);
      const side = (type: string, id: string) => {
        const r = byKey.get(`${type}:${id}`)!;
        return { id, label: r.label, name: r.record.name, investigations: r.investigations };
      };
      const items = found.slice(offset, offset + limit).map((c) => {
        const d = decided.get(pairKey(c.type, c.records[0], c.records[1]));
        return {
          type: c.type,
          records: [side(c.type, c.records[0]), side(c.type, c.records[1])],
          probability: c.probability,
          matchWeight: c.matchWeight,
          evidence: c.evidence,
          decision: d ? { id: d.id, decision: d.decision, investigation: d.investigation, analyst: d.analystName, decidedAt: d.decidedAt, reason: d.reason } : null,
        };
      });
      return { total: found.length, limit, offset, threshold, scope: { investigations, minAssessment, maxSourceEvaluation }, items, warnings };
    },

    /**
     * Records a decision in one investigation the caller may act on. Every record must have a
     * copy of the type there; one that has not is refused by its field path, worded alike
     * whether or not another investigation holds it.
     */
    async decide(request: DecisionRequest, principal: Principal, allowed: readonly string[] | null, requestId: string): Promise<Decision & { dataVersion: number }> {
      const { investigation, type, records } = request;
      const visible = allowed === null || allowed.includes(investigation);
      if (!visible || (await deps.known([investigation])).length === 0)
        throw new RequestRejectedError('the decision’s investigation is not one you can see', [
          { path: 'body.investigation', message: `${investigation} is not an investigation you can see (there is none, or it is not assigned to you)` },
        ]);
      const missing = new Set(await repository.missing(investigation, type, records));
      if (missing.size > 0)
        throw new RequestRejectedError(
          `records named are not ${type} records of ${investigation}`,
          records.flatMap((id, i) => (missing.has(id) ? [{ path: `body.records[${i}]`, message: `${investigation} holds no ${type} with id ${id}` }] : [])),
        );
      const named = new Set(records);
      const scoped = await repository.records({ investigations: [investigation], minAssessment: 'E', maxSourceEvaluation: 3, type });
      const candidates = findCandidates(
        scoped.filter((r: ScopedRecord) => named.has(r.record.id)).map((r) => r.record),
        { threshold: ANY_PROBABILITY },
      ).map((c: Candidate) => ({ records: c.records, probability: c.probability, matchWeight: c.matchWeight, evidence: c.evidence }));
      const { decision, dataVersion } = await repository.decide({
        id: `RD-${randomUUID()}`,
        investigation,
        type,
        records,
        decision: request.decision,
        reason: request.reason,
        analystId: principal.id,
        analystName: principal.name,
        requestId,
        at: new Date().toISOString(),
        candidates,
      });
      return { ...decisionOf(decision), dataVersion };
    },

    async list(
      query: { investigations?: string | string[]; type?: string; undone: 'true' | 'false'; limit: number; offset: number },
      allowed: readonly string[] | null,
    ): Promise<DecisionList> {
      const { investigations } = await scopeOf(query.investigations, allowed);
      const { limit, offset } = query;
      if (investigations?.length === 0) return { total: 0, limit, offset, items: [] };
      const { total, items } = await repository.decisions({ investigations, type: query.type, undone: query.undone === 'true', limit, offset });
      return { total, limit, offset, items: items.map(decisionOf) };
    },

    /** Undefined: no decision the caller can see by that id. */
    async undo(id: string, principal: Principal, allowed: string[] | null): Promise<{ decision: Decision; already: boolean } | undefined> {
      const undone = await repository.undo(id, { analystId: principal.id, analystName: principal.name, at: new Date().toISOString() }, allowed);
      return undone && { decision: decisionOf(undone.decision), already: undone.already };
    },
  };
}

export type ResolutionService = ReturnType<typeof createResolutionService>;
