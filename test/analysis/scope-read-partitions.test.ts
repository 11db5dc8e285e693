import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { documentRows, projectRows } from '../../bench/harness/document-rows.js';
import { readScope } from '../../src/analysis/scope-read.js';
import { settingsOf } from '../../src/analysis/settings.js';
import { analyse } from '../../src/analytics/engine.js';
import { TooManyTiesError } from '../../src/analytics/projection/tie-accumulator.js';
import { ScopeTooLargeError } from '../../src/errors.js';
import { loadQueries, type Queries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository } from '../../src/repositories/analytics-repository.js';
import { AnalysisRequestSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';

/**
 * The people projection's links read in several transactions at once (by their first end's
 * internal id) give the projection one transaction gives, on a generated network of 400 people
 * over its own investigations: every node, tie, strength, kind count, evidence and dropped fact,
 * and so the same analysis (ranking order, scores, modularity). Both are also held against the
 * projection built in memory from the document's rows (bench/harness/document-rows.ts, which
 * mirrors the cypher/analytics queries without Neo4j). A partition that passes the tie limit
 * stops the others and the read answers 413.
 */

describe('people projection read in partitions', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let queries: Queries;
  const tag = uniqueTag();
  const { document } = taggedNetwork(400, 23, tag);
  const request = AnalysisRequestSchema.parse({ scope: { investigations: document.investigations.map((i) => i.id) }, parameters: {} });
  const settings = settingsOf(request.parameters);
  const read = (partitions: number, maxTies = Number.POSITIVE_INFINITY) =>
    readScope(createAnalyticsRepository(driver, 'neo4j', queries, { partitions }), request.scope, settings, maxTies);

  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    queries = await loadQueries([...ANALYTICS_QUERIES]);
  });

  it('gives the projection and the analysis one transaction gives, and the in-memory one', async () => {
    const single = (await read(1)).projection;
    const partitioned = (await read(3)).projection;
    expect(single.ties.source.length).toBeGreaterThan(500);
    // A pair's relations in both directions arrive from two partitions, in either order; three or
    // more of them are summed in the order of their values (TieAccumulator.valueOrder), so the
    // projections are the same exactly.
    expect(partitioned).toEqual(single);
    expect(Array.from(partitioned.ties.strength)).toEqual(Array.from(single.ties.strength));
    const inMemory = projectRows(documentRows(document));
    expect(partitioned.nodes).toEqual(inMemory.nodes);
    expect(Array.from(partitioned.ties.source)).toEqual(Array.from(inMemory.ties.source));
    expect(Array.from(partitioned.ties.target)).toEqual(Array.from(inMemory.ties.target));
    expect(Array.from(partitioned.ties.kindCount)).toEqual(Array.from(inMemory.ties.kindCount));

    const [a, b] = [await analyse(structuredClone(single), { seed: 4 }), await analyse(partitioned, { seed: 4 })];
    expect(b.modularity).toBeCloseTo(a.modularity, 12);
    expect(Array.from(b.ranking.order)).toEqual(Array.from(a.ranking.order));
    expect(Array.from(b.ranking.community)).toEqual(Array.from(a.ranking.community));
  });

  it('stops every partition when one passes the tie limit', async () => {
    await expect(read(3, 50)).rejects.toBeInstanceOf(ScopeTooLargeError);
    await expect(read(3, 50)).rejects.not.toBeInstanceOf(TooManyTiesError);
  });
});
