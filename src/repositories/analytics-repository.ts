import type { Driver, ManagedTransaction } from 'neo4j-driver';

import type { CrossingRow, EmploymentRow, LinkRow, LocationRow, NodeRow, PaymentRow, RelationRow, RowSink, VesselRow } from '../analytics/projection/rows.js';
import { ENTITY_LABELS } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';
import { resolutionOf } from '../resolution/scope-resolution.js';
import type { Scope } from '../schemas/analysis.js';
import { createResolutionRepository, RESOLUTION_QUERIES } from './resolution-repository.js';

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
  ...RESOLUTION_QUERIES,
] as const;

export interface ScopeVersions {
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
 * Reads a scope's rows from Neo4j: one read transaction, a fixed handful of queries, each
 * streamed record by record into the sink it is given (no query per node). The projection
 * builders are the sinks (analysis/scope-read.ts); one stops the read with TooManyTiesError
 * when the scope is bigger than its `maxTies`.
 */
export function createAnalyticsRepository(driver: Driver, database: string, queries: Queries) {
  async function stream<T>(tx: ManagedTransaction, name: (typeof ANALYTICS_QUERIES)[number], params: object, each: (row: T) => void, signal?: AbortSignal) {
    for await (const record of tx.run(queries[name]!, params)) {
      signal?.throwIfAborted();
      each(recordToObject<T>(record));
    }
  }

  const resolution = createResolutionRepository(driver, database, queries);

  return {
    /** What scope.resolution merges in a scope (resolution/scope-resolution.ts); nothing without it. */
    resolution: (scope: Scope) => resolutionOf(resolution, scope),

    /** Which of `ids` are investigations in the database. */
    async knownInvestigations(ids: string[]): Promise<string[]> {
      const { records } = await driver.executeQuery(queries['analytics/investigations-known']!, { ids }, { database, routing: 'READ' });
      return records.map((r) => r.get('id') as string);
    },

    /**
     * Streams a scope's rows into `into` (the projection builder the caller made for the scope's
     * kind) in one read transaction, and answers the data versions the read saw. `signal` stops
     * the read between records (a cancelled run); so does an error the sink throws.
     */
    async readRows(scope: Scope, into: RowSink, signal?: AbortSignal): Promise<ScopeVersions> {
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
          if (into.projection === 'full') {
            const sink = into.rows;
            await stream<NodeRow>(tx, 'analytics/full-nodes', params, (row) => sink.node(row), signal);
            await stream<RelationRow>(tx, 'analytics/full-relations', params, (row) => sink.relation(row), signal);
            await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => sink.crossing(row), signal);
            await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => sink.payment(row), signal);
            await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => sink.vessel(row), signal);
            return { dataVersion, scopeVersion };
          }
          const sink = into.rows;
          await stream<NodeRow>(tx, 'analytics/people-nodes', params, (row) => sink.node(row), signal);
          await stream<LinkRow>(tx, 'analytics/people-links', params, (row) => sink.link(row), signal);
          await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => sink.payment(row), signal);
          await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => sink.crossing(row), signal);
          await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => sink.vessel(row), signal);
          await stream<LocationRow>(tx, 'analytics/locations', params, (row) => sink.location(row), signal);
          await stream<EmploymentRow>(tx, 'analytics/employment', params, (row) => sink.employment(row), signal);
          return { dataVersion, scopeVersion };
        });
      } finally {
        await session.close();
      }
    },
  };
}

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>;
