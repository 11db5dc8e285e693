import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import neo4j from 'neo4j-driver';

import { createGdsEngine, prepareAnalysis } from '../../src/analysis/engine-choice.js';
import { settingsOf } from '../../src/analysis/settings.js';
import { analyse } from '../../src/analytics/engine.js';
import { loadQueries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository, DEFAULT_READ_PARTITIONS } from '../../src/repositories/analytics-repository.js';
import { createGdsRepository, GDS_QUERIES } from '../../src/repositories/gds-repository.js';
import { createSystemRepository, SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';
import { AnalysisRequestSchema } from '../../src/schemas/analysis.js';
import { parseProcStatus } from '../harness/proc-status.js';

/**
 * One engine's whole analysis of one investigation, as its own process (bench/gds/main.ts starts
 * it), so its peak memory is its own: the scope read (and for GDS, the ties computed, projected
 * and analysed inside Neo4j), then the service's engine on the main thread. Prints one JSON
 * line: time per stage, the process's peak RSS (VmHWM), the graph, modularity and the top 20.
 * `tsx bench/gds/analyse.ts --uri U --investigation I --engine graphology|gds`
 */

export interface GdsAnalyseFigures {
  engine: 'graphology' | 'gds';
  nodes: number;
  ties: number;
  totalMs: number;
  stages: Record<string, number>;
  hwmKb: number;
  modularity: number;
  betweennessSources: number;
  top20: string[];
}

const { values } = parseArgs({ options: { uri: { type: 'string' }, investigation: { type: 'string' }, engine: { type: 'string' }, 'read-partitions': { type: 'string' } } });
const engineName = values.engine as 'graphology' | 'gds';
const driver = neo4j.driver(values.uri!);
try {
  const queries = await loadQueries([...ANALYTICS_QUERIES, ...GDS_QUERIES, ...SYSTEM_QUERIES]);
  const repository = createAnalyticsRepository(driver, 'neo4j', queries, { partitions: Number(values['read-partitions'] ?? DEFAULT_READ_PARTITIONS) });
  const system = createSystemRepository(driver, 'neo4j', queries);
  const gds = createGdsEngine(createGdsRepository(driver, 'neo4j', queries), () => system.plugins(), { aboveRelations: Number.MAX_SAFE_INTEGER, concurrency: 4 });
  const request = AnalysisRequestSchema.parse({ scope: { investigations: [values.investigation] }, parameters: { engine: engineName } });
  const settings = settingsOf(request.parameters);
  const started = performance.now();
  const unlimited = Number.POSITIVE_INFINITY;
  const read = await prepareAnalysis({ repository, gds }, request.scope, settings, engineName, { maxTies: unlimited, gdsMaxTies: unlimited, ties: false });
  const result = await analyse(read.projection, settings.engine, { pathHelpers: 1 }, read.given);
  const totalMs = performance.now() - started;
  const status = parseProcStatus(await readFile('/proc/self/status', 'utf8'));
  const { order, nodes } = result.ranking;
  const figures: GdsAnalyseFigures = {
    engine: engineName,
    nodes: result.graph.nodes,
    ties: result.graph.ties,
    totalMs,
    stages: { projection: read.projectionMs, ...read.gdsTimings, ...result.timings },
    hwmKb: status?.hwmKb ?? 0,
    modularity: result.modularity,
    betweennessSources: result.betweenness.sources,
    top20: Array.from(order.subarray(0, 20), (i) => nodes[i]!.key),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} catch (error) {
  // One line the parent's report can quote (childError keeps the last lines of stderr).
  const { code, message } = error as { code?: string; message?: string };
  process.stderr.write(`\n${code ?? 'error'}: ${String(message).replace(/\s+/g, ' ').slice(0, 400)}\n`);
  process.exitCode = 1;
} finally {
  await driver.close();
}
