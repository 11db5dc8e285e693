import neo4j, { type Driver } from 'neo4j-driver';

import type { ReferenceStore } from './figures.js';

/**
 * The reference for a run's storing stage: the same rows, with the same properties, written
 * into the same Neo4j with the plain driver pattern (`UNWIND $rows AS row CREATE (x:BenchRow)
 * SET x = row`, one transaction a batch, no index on the label), then deleted. The rows are the
 * run's own AnalysisResult nodes read back, so sizes and property types (integers stay Neo4j
 * integers, explanations lists of strings) are those the service wrote. A variant with the
 * same four indexes as AnalysisResult (cypher/schema/004-analysis-runs.cypher) tells how much of
 * the difference the indexes make.
 */

export const REFERENCE_LABEL = 'BenchRow';
const DELETE_BATCH = 10_000;
const INDEXES = ['runId, x.position', 'runId, x.community, x.position', 'runId, x.key', 'key'].map((properties, i) => ({
  name: `bench_row_${i}`,
  properties: `x.${properties}`,
}));

/** Every AnalysisResult property map of a run, as the driver returns it (Integer objects kept). */
export async function readResultRows(driver: Driver, runId: string): Promise<Record<string, unknown>[]> {
  const { records } = await driver.executeQuery('MATCH (x:AnalysisResult {runId: $runId}) RETURN properties(x) AS row', { runId }, { routing: neo4j.routing.READ });
  return records.map((record) => record.get('row') as Record<string, unknown>);
}

/** Properties per row (the mean, rounded) and bytes per row as JSON: what one row weighs. */
export function rowWeight(rows: readonly Record<string, unknown>[]): { count: number; properties: number; bytesPerRow: number } {
  if (rows.length === 0) return { count: 0, properties: 0, bytesPerRow: 0 };
  let properties = 0;
  let bytes = 0;
  const plain = (_key: string, value: unknown) => (neo4j.isInt(value) ? value.toNumber() : value);
  for (const row of rows) {
    properties += Object.keys(row).length;
    bytes += Buffer.byteLength(JSON.stringify(row, plain));
  }
  return { count: rows.length, properties: Math.round(properties / rows.length), bytesPerRow: Math.round(bytes / rows.length) };
}

/**
 * Writes the rows `repetitions` times in batches of `batchSize`, timing each pass and deleting
 * its nodes (untimed) after it; `indexed` creates the indexes first and drops them after.
 */
export async function storeReference(
  driver: Driver,
  rows: readonly Record<string, unknown>[],
  options: { batchSize: number; indexed: boolean; repetitions: number },
  signal: AbortSignal,
): Promise<ReferenceStore> {
  const { batchSize, indexed, repetitions } = options;
  const figures: ReferenceStore = { batchSize, indexed, ms: [], batches: Math.ceil(rows.length / batchSize) };
  try {
    if (indexed) {
      for (const { name, properties } of INDEXES) await driver.executeQuery(`CREATE INDEX ${name} IF NOT EXISTS FOR (x:${REFERENCE_LABEL}) ON (${properties})`);
      await driver.executeQuery('CALL db.awaitIndexes(300)');
    }
    for (let r = 0; r < repetitions && !signal.aborted; r++) {
      const started = performance.now();
      for (let from = 0; from < rows.length; from += batchSize) {
        const batch = rows.slice(from, from + batchSize);
        const session = driver.session();
        try {
          await session.executeWrite((tx) => tx.run(`UNWIND $rows AS row CREATE (x:${REFERENCE_LABEL}) SET x = row`, { rows: batch }));
        } finally {
          await session.close();
        }
      }
      figures.ms.push(performance.now() - started);
      await deleteReference(driver);
    }
  } catch (error) {
    figures.error = error instanceof Error ? error.message : String(error);
    await deleteReference(driver).catch(() => undefined);
  }
  if (indexed) for (const { name } of INDEXES) await driver.executeQuery(`DROP INDEX ${name} IF EXISTS`).catch(() => undefined);
  return figures;
}

export async function deleteReference(driver: Driver): Promise<void> {
  for (;;) {
    const { records } = await driver.executeQuery(`MATCH (x:${REFERENCE_LABEL}) WITH x LIMIT $limit DELETE x RETURN count(*) AS deleted`, { limit: neo4j.int(DELETE_BATCH) });
    if (Number(records[0]!.get('deleted')) === 0) return;
  }
}
