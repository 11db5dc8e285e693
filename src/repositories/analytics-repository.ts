import type { Driver, ManagedTransaction } from 'neo4j-driver';

import { FullProjectionBuilder } from '../analytics/projection/full.js';
import { PeopleProjectionBuilder } from '../analytics/projection/people.js';
import type { ProjectionOptions } from '../analytics/projection/builder.js';
import type { Projection } from '../analytics/projection/types.js';
import type { CrossingRow, EmploymentRow, LinkRow, LocationRow, NodeRow, PaymentRow, RelationRow, VesselRow } from '../analytics/projection/rows.js';
import { ENTITY_LABELS } from '../ingest/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';
import type { Scope } from '../schemas/analysis.js';

export const ANALYTICS_QUERIES = [
  'analytics/data-version',
  'analytics/people-nodes',
  'analytics/people-links',
  'analytics/payments',
  'analytics/crossings',
  'analytics/vessels',
  'analytics/locations',
  'analytics/employment',
  'analytics/full-nodes',
  'analytics/full-relations',
] as const;

export interface ProjectionRead {
  projection: Projection;
  dataVersion: number;
}

/**
 * Reads a projection from Neo4j: one read transaction, a fixed handful of queries, each
 * streamed record by record into the projection builder (no query per node). The builder
 * stops the read with TooManyTiesError when the scope is bigger than `maxTies`.
 */
export function createAnalyticsRepository(driver: Driver, database: string, queries: Queries) {
  async function stream<T>(tx: ManagedTransaction, name: (typeof ANALYTICS_QUERIES)[number], params: object, each: (row: T) => void) {
    for await (const record of tx.run(queries[name]!, params)) each(recordToObject<T>(record));
  }

  return {
    async project(scope: Scope, options: Partial<ProjectionOptions>): Promise<ProjectionRead> {
      const params = {
        investigations: scope.investigations ?? null,
        from: scope.from ?? null,
        to: scope.to ?? null,
        minAssessment: scope.minAssessment,
        maxSourceEvaluation: scope.maxSourceEvaluation,
        labels: (scope.entityTypes ?? Object.keys(ENTITY_LABELS)).map((t) => ENTITY_LABELS[t as keyof typeof ENTITY_LABELS]),
      };
      const session = driver.session({ database, defaultAccessMode: 'READ' });
      try {
        return await session.executeRead(async (tx) => {
          let dataVersion = 0;
          await stream<{ version: number }>(tx, 'analytics/data-version', {}, (row) => (dataVersion = row.version));
          if (scope.projection === 'full') {
            const builder = new FullProjectionBuilder(options);
            await stream<NodeRow>(tx, 'analytics/full-nodes', params, (row) => builder.node(row));
            await stream<RelationRow>(tx, 'analytics/full-relations', params, (row) => builder.relation(row));
            await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => builder.crossing(row));
            await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => builder.payment(row));
            await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => builder.vessel(row));
            return { projection: builder.finish(), dataVersion };
          }
          const builder = new PeopleProjectionBuilder(options);
          await stream<NodeRow>(tx, 'analytics/people-nodes', params, (row) => builder.node(row));
          await stream<LinkRow>(tx, 'analytics/people-links', params, (row) => builder.link(row));
          await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => builder.payment(row));
          await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => builder.crossing(row));
          await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => builder.vessel(row));
          await stream<LocationRow>(tx, 'analytics/locations', params, (row) => builder.location(row));
          await stream<EmploymentRow>(tx, 'analytics/employment', params, (row) => builder.employment(row));
          return { projection: builder.finish(), dataVersion };
        });
      } finally {
        await session.close();
      }
    },
  };
}

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>;
