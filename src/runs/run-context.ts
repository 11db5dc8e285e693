import type { ContextRepository, ContextScopeParameters } from '../repositories/context-repository.js';
import { type AnalysisContext, CONTEXT_TYPES, type ContextNode, type ContextRelation, type ContextType } from '../schemas/analysis-context.js';
import type { RunService } from './run-service.js';

/**
 * A run's drawn context (routes/analysis-context.ts): the non-person entities of its scope and
 * their relations, for the explorer to draw around the analysed people. Read from the data as it
 * stands, within the caller's investigations; copies of an entity or relation held by several of
 * them are merged here by type and id (the first investigation's copy gives the facts).
 */

export interface ContextNodeRow {
  label: string;
  id: string;
  name: string | null;
  kind: string | null;
  date: string | null;
  amount: number | null;
  currency: string | null;
  unresolved: boolean;
}

export interface ContextRelationRow {
  type: string;
  id: string;
  fromLabel: string;
  from: string;
  toLabel: string;
  to: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

const keyOf = (label: string, id: string) => `${label.toLowerCase()}:${id}`;
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** Rows (copies, first investigation first) as the answer's nodes and relations, merged by key. */
export function mergeContext(nodeRows: readonly ContextNodeRow[], relationRows: readonly ContextRelationRow[]): Pick<AnalysisContext, 'counts' | 'nodes' | 'relations'> {
  const nodes = new Map<string, ContextNode>();
  for (const row of nodeRows) {
    const key = keyOf(row.label, row.id);
    const found = nodes.get(key);
    if (found) {
      // A later copy fills in what the first had not (a placeholder's name, say); it is resolved if any copy is.
      if (found.label === found.id && row.name !== null) found.label = row.name;
      found.unresolved &&= row.unresolved;
      continue;
    }
    const type = row.label.toLowerCase() as ContextType;
    nodes.set(key, { key, type, id: row.id, label: row.name ?? row.id, kind: row.kind, date: row.date, amount: row.amount, currency: row.currency, unresolved: row.unresolved });
  }
  const seen = new Set<string>();
  const relations = new Map<string, ContextRelation>();
  for (const row of relationRows) {
    if (seen.has(`${row.type}|${row.id}`)) continue;
    seen.add(`${row.type}|${row.id}`);
    const [source, target] = [keyOf(row.fromLabel, row.from), keyOf(row.toLabel, row.to)];
    if (source === target) continue;
    const payment = [source, target].map((k) => nodes.get(k)).find((n) => n?.type === 'payment');
    const key = `${row.type}|${source}|${target}`;
    const found = relations.get(key);
    if (found) {
      found.count += row.count;
      found.firstSeen = earlier(found.firstSeen, row.firstSeen);
      found.lastSeen = later(found.lastSeen, row.lastSeen);
      continue;
    }
    relations.set(key, {
      type: row.type,
      source,
      target,
      count: row.count,
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen,
      amount: payment?.amount ?? null,
      currency: payment?.currency ?? null,
    });
  }
  const counts = Object.fromEntries(CONTEXT_TYPES.map((t) => [t, 0])) as Record<ContextType, number>;
  for (const node of nodes.values()) counts[node.type]++;
  return { counts, nodes: [...nodes.values()], relations: [...relations.values()] };
}

export function createRunContext(deps: { service: RunService; repository: ContextRepository }) {
  return {
    async context(id: string, allowed: string[] | null): Promise<AnalysisContext> {
      const run = await deps.service.get(id, allowed);
      const scope = run.scope as { investigations?: string[]; from?: string; to?: string; minAssessment: string; maxSourceEvaluation: number };
      const parameters: ContextScopeParameters = {
        investigations: scope.investigations ?? null,
        from: scope.from ?? null,
        to: scope.to ?? null,
        minAssessment: scope.minAssessment,
        maxSourceEvaluation: scope.maxSourceEvaluation,
        allowed,
      };
      const { nodes, relations } = await deps.repository.read(parameters);
      return { run: { id: run.id, scope: run.scope }, ...mergeContext(nodes, relations) };
    },
  };
}

export type RunContext = ReturnType<typeof createRunContext>;
