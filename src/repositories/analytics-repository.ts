import type { Driver, ManagedTransaction, Record as Neo4jRecord, Result, Transaction } from 'neo4j-driver';

import type { CrossingRow, EmploymentRow, LinkRow, LinkSummary, LocationRow, NodeRow, PaymentRow, RelationRow, RowSink, VesselRow } from '../analytics/projection/rows.js';
import { ENTITY_LABELS } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { recordToObject, toNative } from '../neo4j/values.js';
import { resolutionOf } from '../resolution/scope-resolution.js';
import type { Scope } from '../schemas/analysis.js';
import { createResolutionRepository, RESOLUTION_QUERIES } from './resolution-repository.js';

export const ANALYTICS_QUERIES = [
  'analytics/data-version',
  'analytics/people-nodes',
  'analytics/people-links',
  'analytics/people-link-summary',
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
    // Each once: the people projection's read starts from each investigation in turn.
    investigations: scope.investigations ? [...new Set(scope.investigations)] : null,
    from: scope.from ?? null,
    to: scope.to ?? null,
    minAssessment: scope.minAssessment,
    maxSourceEvaluation: scope.maxSourceEvaluation,
    labels: (scope.entityTypes ?? Object.keys(ENTITY_LABELS)).map((t) => ENTITY_LABELS[t as keyof typeof ENTITY_LABELS]),
  };
}

/**
 * How many transactions read a people projection's links at once (ANALYTICS_READ_PARTITIONS's
 * default): one until two are shown to help (on two cores they did not, and runs taken over by
 * another instance were slower with two in test/runs/run-service.test.ts).
 */
export const DEFAULT_READ_PARTITIONS = 1;

/**
 * Hands each record of `result` to `each` as it is decoded, by the driver's observer rather than
 * its async iterator: at 10M links the iterator's promise per record cost more than decoding
 * them. The first error (the query's, `each`'s, or `signal`'s abort) rejects at once; records
 * still arriving are ignored while the caller's transaction is rolled back, which stops the query.
 */
function streamRecords(result: Result, each: (record: Neo4jRecord) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    result.subscribe({
      onNext(record) {
        if (failed) return;
        try {
          signal?.throwIfAborted();
          each(record);
        } catch (error) {
          fail(error);
        }
      },
      onCompleted: () => {
        if (!failed) resolve();
      },
      onError: fail,
    });
  });
}

/** A people-nodes.cypher row from its record's fields (two million in a national scope): no generic conversion. */
function peopleNodeRowOf(record: Neo4jRecord): NodeRow {
  return {
    label: record.get('label') as string,
    id: record.get('id') as string,
    name: record.get('name') as string | null,
    unresolved: record.get('unresolved') as boolean,
  };
}

/**
 * A link row straight from its record's fields: the most numerous rows (millions in a large
 * scope) skip the generic conversion of a whole record (neo4j/values.ts); people-links.cypher
 * sends its whole numbers as floats. Its ends come as internal ids; `ids` (the scope's people
 * by internal id, from the nodes' read) names them, and an end it does not hold is outside the
 * scope (null).
 */
function linkRowOf(ids: ReadonlyMap<number, string>) {
  return (record: Neo4jRecord): LinkRow => ({
    from: ids.get(record.get('from') as number) ?? null,
    to: ids.get(record.get('to') as number) ?? null,
    type: record.get('type') as string,
    count: record.get('count') as number,
    weight: toNative(record.get('weight')) as number | null,
    se: record.get('se') as number | null,
    ia: record.get('ia') as string | null,
  });
}

/**
 * Reads a scope's rows from Neo4j: a fixed handful of queries, each streamed record by record
 * into the sink it is given (no query per node). The people projection's links, most of its
 * rows, are read in `partitions` transactions at once (by their first end's internal id), so
 * Neo4j matches and filters them on several threads while the service builds the ties; the
 * rest are read one query after another, nodes before links, links before the other facts. The
 * projection builders are the sinks (analysis/scope-read.ts); one stops the read with
 * TooManyTiesError when the scope is bigger than its `maxTies`.
 */
export function createAnalyticsRepository(driver: Driver, database: string, queries: Queries, options: { partitions?: number } = {}) {
  const partitions = options.partitions ?? DEFAULT_READ_PARTITIONS;
  // people-links.cypher's rows aggregated in Neo4j: what a projection without ties keeps of them (rows.ts LinkSummary).
  const linkSummaryQuery = queries['analytics/people-link-summary']!.replace('__LINKS__', () => queries['analytics/people-links']!);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`repositories/analytics: partitions must be a whole number ≥ 1, got ${partitions}`);

  function stream<T>(
    tx: ManagedTransaction | Transaction,
    name: (typeof ANALYTICS_QUERIES)[number],
    params: object,
    each: (row: T) => void,
    signal?: AbortSignal,
    convert: (record: Neo4jRecord) => T = recordToObject,
  ): Promise<void> {
    return streamRecords(tx.run(queries[name]!, params), (record) => each(convert(record)), signal);
  }

  function read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    return session.executeRead(work).finally(() => session.close());
  }

  /** The links in `partitions` transactions at once, their ends named by `ids`; the first failure (the sink's too) stops the others. */
  async function readLinks(params: object, ids: ReadonlyMap<number, string>, each: (row: LinkRow) => void, signal?: AbortSignal): Promise<void> {
    const convert = linkRowOf(ids);
    const stop = new AbortController();
    const within = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const settled = await Promise.allSettled(
      Array.from({ length: partitions }, (_, part) =>
        read((tx) => stream(tx, 'analytics/people-links', { ...params, parts: partitions, part }, each, within, convert)).catch((error: unknown) => {
          stop.abort(error);
          throw error;
        }),
      ),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw signal?.aborted ? signal.reason : (stop.signal.reason ?? failed.reason);
  }

  /** The links counted in Neo4j (people-links.cypher's rows, aggregated there), in `partitions` transactions at once. */
  async function linkSummary(params: object, signal?: AbortSignal): Promise<LinkSummary> {
    const parts = await Promise.all(
      Array.from({ length: partitions }, (_, part) =>
        read(async (tx) => {
          const { records } = await tx.run(linkSummaryQuery, { ...params, parts: partitions, part });
          signal?.throwIfAborted();
          return recordToObject<LinkSummary>(records[0]!);
        }),
      ),
    );
    return {
      rows: parts.reduce((total, p) => total + p.rows, 0),
      outside: parts.reduce((total, p) => total + p.outside, 0),
      selfLinks: parts.flatMap((p) => p.selfLinks).sort(),
    };
  }

  async function readVersions(tx: ManagedTransaction | Transaction, investigations: string[] | null): Promise<ScopeVersions> {
    let versions: ScopeVersions = { dataVersion: 0, scopeVersion: 0 };
    await stream<{ version: number; scopeVersion: number }>(tx, 'analytics/data-version', { investigations }, (row) => {
      versions = { dataVersion: row.version, scopeVersion: row.scopeVersion };
    });
    return versions;
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
     * kind), and answers the data versions the read saw first. The full projection is read in one
     * transaction, the people's in a few (Neo4j reads committed data in any case, so one
     * transaction gave no snapshot either). `signal` stops the read between records (a cancelled
     * run); so does an error the sink throws.
     */
    async readRows(scope: Scope, into: RowSink, signal?: AbortSignal): Promise<ScopeVersions> {
      const params = scopeParameters(scope);
      if (into.projection === 'full') {
        const sink = into.rows;
        return read(async (tx) => {
          const versions = await readVersions(tx, params.investigations);
          await stream<NodeRow>(tx, 'analytics/full-nodes', params, (row) => sink.node(row), signal);
          await stream<RelationRow>(tx, 'analytics/full-relations', params, (row) => sink.relation(row), signal);
          await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => sink.crossing(row), signal);
          await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => sink.payment(row), signal);
          await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => sink.vessel(row), signal);
          return versions;
        });
      }
      const sink = into.rows;
      // The nodes' transaction stays open until the links are read: they name their ends by
      // internal id, and Neo4j gives a deleted node's id to a new node only once every
      // transaction open at the deletion has closed, so each id means the node read here. Not
      // executeRead: a retry would stream the rows into the sink twice.
      const session = driver.session({ database, defaultAccessMode: 'READ' });
      let versions: ScopeVersions;
      try {
        const tx = session.beginTransaction();
        try {
          versions = await readVersions(tx, params.investigations);
          const ids = new Map<number, string>();
          const keep = into.links === 'rows';
          // Each record once: its row to the sink, its internal id (`node`) kept for the links.
          await streamRecords(
            tx.run(queries['analytics/people-nodes']!, params),
            (record) => {
              const row = peopleNodeRowOf(record);
              if (keep && row.label === 'Person') ids.set(record.get('node') as number, row.id);
              sink.node(row);
            },
            signal,
          );
          if (into.links === 'summary') sink.linkSummary(await linkSummary(params, signal));
          else await readLinks(params, ids, (row) => sink.link(row), signal);
        } finally {
          await tx.close();
        }
      } finally {
        await session.close();
      }
      await read(async (tx) => {
        await stream<PaymentRow>(tx, 'analytics/payments', params, (row) => sink.payment(row), signal);
        await stream<CrossingRow>(tx, 'analytics/crossings', params, (row) => sink.crossing(row), signal);
        await stream<VesselRow>(tx, 'analytics/vessels', params, (row) => sink.vessel(row), signal);
        await stream<LocationRow>(tx, 'analytics/locations', params, (row) => sink.location(row), signal);
        await stream<EmploymentRow>(tx, 'analytics/employment', params, (row) => sink.employment(row), signal);
      });
      return versions;
    },
  };
}

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>;
