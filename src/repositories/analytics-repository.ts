import type { Driver, ManagedTransaction } from 'neo4j-driver';

import { FullProjectionBuilder } from '../analytics/projection/full.js';
import { PeopleProjectionBuilder } from '../analytics/projection/people.js';
import type { ProjectionOptions } from '../analytics/projection/builder.js';
import type { Projection } from '../analytics/projection/types.js';
import type { CrossingRow, EmploymentRow, LinkRow, LocationRow, NodeRow, PaymentRow, RelationRow, VesselRow } from '../analytics/projection/rows.js';
import { ENTITY_LABELS } from '../model/graph-model.js';
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
  'analytics/investigations-known',
] as const;

export interface ProjectionRead {
  projection: Projection;
  /** The database's data version the read saw. */
  dataVersion: number;
  /** The scope's: the newest version of its investigations (the database's for everything). */
  scopeVersion: number;
}

/** The scope as the analytics queries' parameters (cypher/analytics/, cypher/gds/). */
export function scopeParameters(scope: Scope) {
  return {
    investigations: scope.investigations ?? null,
    from: scope.from ?? null,
    to: scope.to ?? null,
    minAssessment: scope.minAssessment,
    maxSourceEvaluation: scope.maxSourceEvaluation,
    labels: (scope.entityTypes ?? Object.keys(ENTITY_LABELS)).map((t) => ENTITY_LABELS[t as keyof typeof ENTITY_LABELS]),
  };
}

/**
 * Reads a projection from Neo4j: one read transaction, a fixed handful of queries, each
 * streamed record by record into the projection builder (no query per node). The builder
 * stops the read with TooManyTiesError when the scope is bigger than `maxTies`.
 */
export function createAnalyticsRepository(driver: Driver, database: string, queries: Queries) {
  async function stream<T>(tx: ManagedTransaction, name: (typeof ANALYTICS_QUERIES)[number], params: object, each: (row: T) => void, signal?: AbortSignal) {
    for await (const record of tx.run(queries[name]!, params)) {
      signal?.throwIfAborted();
      each(recordToObject<T>(record));
    }
  }

  return {
    /** Which of `ids` are investigations in the database. */
    async knownInvestigations(ids: string[]): Promise<string[]> {
      const { records } = await driver.executeQuery(queries['analytics/investigations-known']!, { ids }, { database, routing: 'READ' });
      return records.map((r) => r.get('id') as string);
    },

    /** `signal` stops the read between records (a cancelled run). */
    async project(scope: Scope, options: Partial<ProjectionOptions>, signal?: AbortSignal): Promise<ProjectionRead> {
      const params = scopeParameters(scope);
      const session = driver.session({ database, defaultAccessMode: 'READ' });
      try {
        return await session.executeRead(async (tx) => {
          let dataVersion = 0;
          let scopeVersion = 0;
          await stream<{ version: number; scopeVersion: number }>(tx, 'analytics/data-version', { investigations: params.investigations }, (row) => {
            dataVersion = row.version;
            scopeVersion = row.scopeVersion;
          });
          if (scope.projection === 'full') {
            const builder = new FullProjectionBuilder(options);
            await stream<NodeRow>(tx, 'analytics/full-nodes', params, (row) => builder.node(row), signal);
            await stream<RelationRow>(tx, 'analytics/full-relations', params, (row) => builder.relation(row), signal);
            await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => builder.crossing(row), signal);
            await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => builder.payment(row), signal);
            await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => builder.vessel(row), signal);
            return { projection: builder.finish(), dataVersion, scopeVersion };
          }
          const builder = new PeopleProjectionBuilder(options);
          await stream<NodeRow>(tx, 'analytics/people-nodes', params, (row) => builder.node(row), signal);
          await stream<LinkRow>(tx, 'analytics/people-links', params, (row) => builder.link(row), signal);
          await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => builder.payment(row), signal);
          await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => builder.crossing(row), signal);
          await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => builder.vessel(row), signal);
          await stream<LocationRow>(tx, 'analytics/locations', params, (row) => builder.location(row), signal);
          await stream<EmploymentRow>(tx, 'analytics/employment', params, (row) => builder.employment(row), signal);
          return { projection: builder.finish(), dataVersion, scopeVersion };
        });
      } finally {
        await session.close();
      }
    },
  };
}

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>;
