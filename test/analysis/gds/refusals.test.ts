import { describe, expect, it } from 'vitest';

import { createGdsEngine, type GdsEngine, prepareAnalysis } from '../../../src/analysis/engine-choice.js';
import { runGds } from '../../../src/analysis/gds/gds-analysis.js';
import { settingsOf } from '../../../src/analysis/settings.js';
import type { RowSink } from '../../../src/analytics/projection/rows.js';
import type { Projection } from '../../../src/analytics/projection/types.js';
import type { AnalyticsRepository } from '../../../src/repositories/analytics-repository.js';
import type { GdsRepository } from '../../../src/repositories/gds-repository.js';
import { AnalysisRequestSchema } from '../../../src/schemas/analysis.js';

/**
 * What the GDS engine refuses, and how auto falls back, on servers this machine cannot be: one
 * without the GDS plugin, and one whose heap cannot fit the job. The servers are stand-ins (the
 * project's own Neo4j has GDS and room); the real estimates and plugin checks run in
 * agreement.test.ts and test/neo4j/plugins.test.ts.
 */

const projection: Projection = {
  kind: 'people',
  nodes: [{ key: 'person:A', type: 'person', id: 'A', name: null, unresolved: false }],
  ties: {
    source: new Int32Array(0),
    target: new Int32Array(0),
    strength: new Float64Array(0),
    kindCount: new Float64Array(0),
    money: new Float64Array(0),
  },
  evidence: [null],
  dropped: [],
  relationsRead: 0,
  tieKinds: [],
};

/** A scope of one person and nothing else, as the repository would stream it. */
const analytics = {
  readRows: async (_scope: unknown, into: RowSink) => {
    into.rows.node({ label: 'Person', id: 'A', name: null, unresolved: false });
    return { dataVersion: 3, scopeVersion: 3 };
  },
} as unknown as AnalyticsRepository;

function withoutGds(): GdsEngine {
  return createGdsEngine({} as GdsRepository, async () => ({ gds: null }), { aboveRelations: 1, concurrency: 1 });
}

describe('GDS engine refusals', () => {
  const request = AnalysisRequestSchema.parse({});
  const settings = settingsOf(request.parameters);
  const limits = { maxTies: 1000, gdsMaxTies: 1000, ties: false };

  it('falls back to the service’s own engine under auto when the server has no GDS, and says so', async () => {
    const read = await prepareAnalysis({ repository: analytics, gds: withoutGds() }, request.scope, settings, 'auto', limits);
    expect(read.engine).toEqual({ requested: 'auto', used: 'graphology', reason: 'the Neo4j server has no Graph Data Science library' });
    expect(read.given).toBeUndefined();
  });

  it('refuses gds with 422 when the server has no GDS', async () => {
    await expect(prepareAnalysis({ repository: analytics, gds: withoutGds() }, request.scope, settings, 'gds', limits)).rejects.toMatchObject({
      statusCode: 422,
      code: 'GDS_UNAVAILABLE',
    });
  });

  it('refuses gds with 422, and auto falls back, when the server has GDS but not the service’s procedure', async () => {
    const withoutProcedure = createGdsEngine({ hasProcedures: async () => false } as unknown as GdsRepository, async () => ({ gds: '2.13.9' }), {
      aboveRelations: 1,
      concurrency: 1,
    });
    const reason =
      'the Neo4j server lacks the service’s procedures (sna.betweenness.stream, sna.structure.stream, sna.ties.parts, sna.ties.strongest: neo4j/procedures, sna-procedures.jar)';
    await expect(prepareAnalysis({ repository: analytics, gds: withoutProcedure }, request.scope, settings, 'gds', limits)).rejects.toMatchObject({
      statusCode: 422,
      code: 'GDS_UNAVAILABLE',
      message: expect.stringContaining(reason),
    });
    const read = await prepareAnalysis({ repository: analytics, gds: withoutProcedure }, request.scope, settings, 'auto', limits);
    expect(read.engine).toEqual({ requested: 'auto', used: 'graphology', reason });
  });

  it('refuses a job whose estimate is over the heap available, naming both, and drops its graph', async () => {
    const dropped: string[] = [];
    const ran: string[] = [];
    const repository = {
      project: async () => ({ nodes: 1, relationships: 0, selfLoops: 0, millis: 1 }),
      heap: async () => ({ available: 512 * 2 ** 20, max: 1024 * 2 ** 20 }),
      estimate: async (name: string) => ({ bytesMax: name === 'louvain' ? 3 * 2 ** 30 : 2 ** 20, requiredMemory: '' }),
      algorithm: async (name: string) => {
        ran.push(name);
        return [];
      },
      drop: async (graph: string) => void dropped.push(graph),
    } as unknown as GdsRepository;
    const run = runGds(repository, projection, {}, { exactBetweennessUpTo: 10, betweennessSamples: 'auto', seed: 1, resolution: 1 }, { concurrency: 1 });
    await expect(run).rejects.toMatchObject({
      statusCode: 413,
      code: 'GDS_INSUFFICIENT_MEMORY',
      message: expect.stringContaining('GDS estimates that louvain needs up to 3072.0 MiB, and 512.0 MiB of heap is available (heap max 1024.0 MiB)'),
    });
    expect(ran).toEqual([]);
    expect(dropped).toHaveLength(1);
  });
});
