import type { Driver } from 'neo4j-driver';

import { ENTITY_LABELS, ENTITY_TYPES, type EntityType, typeOfLabel } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { neoInt, recordToObject } from '../neo4j/values.js';
import type { InvestigationList, InvestigationSummary } from '../schemas/investigations.js';

export const INVESTIGATION_QUERIES = ['investigations/list'] as const;

interface Row {
  id: string;
  name: string | null;
  entities: { label: string; count: number }[];
  relations: number;
  dataVersion: number;
  latestRun: { id: string; finishedAt: string; scopeVersion: number | null } | null;
}

/**
 * Investigations as the caller may see them (`allowed`, null: all), filtered in the query: one
 * it may not see is neither listed nor counted, so a page says nothing of others.
 */
export function createInvestigationRepository(driver: Driver, database: string, queries: Queries) {
  const read = { database, routing: 'READ' as const };
  const labels = Object.values(ENTITY_LABELS);

  return {
    async list(page: { limit: number; offset: number }, allowed: string[] | null): Promise<InvestigationList> {
      const { records } = await driver.executeQuery(queries['investigations/list']!, { limit: neoInt(page.limit), offset: neoInt(page.offset), allowed, labels }, read);
      const { total, items } = recordToObject<{ total: number; items: Row[] }>(records[0]!);
      return { total, ...page, items: items.map(summaryOf) };
    },
  };
}

export type InvestigationRepository = ReturnType<typeof createInvestigationRepository>;

function summaryOf(row: Row): InvestigationSummary {
  const entities = Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])) as Record<EntityType, number>;
  for (const { label, count } of row.entities) entities[typeOfLabel(label)] = count;
  const run = row.latestRun;
  return {
    id: row.id,
    name: row.name,
    entities,
    relations: row.relations,
    dataVersion: row.dataVersion,
    // Stale as a run's view tells it (runs/run-view.ts): the investigation's data moved past what the run read.
    latestRun: run && { ...run, stale: run.scopeVersion !== null && row.dataVersion > run.scopeVersion },
  };
}
