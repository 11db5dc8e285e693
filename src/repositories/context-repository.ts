import type { Driver } from 'neo4j-driver';

import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';
import type { ContextNodeRow, ContextRelationRow } from '../runs/run-context.js';

export const CONTEXT_QUERIES = ['context/nodes', 'context/relations'] as const;

/** A run's scope as the context queries' parameters, and the investigations the caller may see (null: all). */
export interface ContextScopeParameters {
  investigations: string[] | null;
  from: string | null;
  to: string | null;
  minAssessment: string;
  maxSourceEvaluation: number;
  allowed: string[] | null;
}

/** Reads a run's drawn context (runs/run-context.ts): the copies in scope and visible, in one read transaction. */
export function createContextRepository(driver: Driver, database: string, queries: Queries) {
  return {
    async read(parameters: ContextScopeParameters): Promise<{ nodes: ContextNodeRow[]; relations: ContextRelationRow[] }> {
      const session = driver.session({ database, defaultAccessMode: 'READ' });
      try {
        return await session.executeRead(async (tx) => {
          const nodes = await tx.run(queries['context/nodes']!, parameters);
          const relations = await tx.run(queries['context/relations']!, parameters);
          return { nodes: nodes.records.map((r) => recordToObject<ContextNodeRow>(r)), relations: relations.records.map((r) => recordToObject<ContextRelationRow>(r)) };
        });
      } finally {
        await session.close();
      }
    },
  };
}

export type ContextRepository = ReturnType<typeof createContextRepository>;
