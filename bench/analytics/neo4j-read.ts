import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import neo4j, { type Driver } from 'neo4j-driver';

import { readScope } from '../../src/analysis/scope-read.js';
import { settingsOf } from '../../src/analysis/settings.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { applyMigrations } from '../../src/neo4j/migrations.js';
import { loadQueries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository } from '../../src/repositories/analytics-repository.js';
import { SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';
import { AnalysisRequestSchema } from '../../src/schemas/analysis.js';
import { createRng } from '../../src/shared/rng.js';
import { progressLog } from '../harness/log.js';
import { probeDuring, startHealthServer } from './event-loop.js';

/**
 * The own engine's projection read from Neo4j (issue 26), against the plain driver reading the
 * same links: `tsx bench/analytics/neo4j-read.ts --home DIR --relations 1000000 --partitions 1,2
 * --rounds 3 --out FILE.json`. The graph is bench:gds's (people in planted groups of 40, 85 % of
 * contacts inside, graded 2B, one investigation), loaded into the embedded Neo4j at --home with
 * the plain driver the first time and kept there, so the same database can be read by two
 * commits of the service. Each round reads the whole scope as the service does (readScope:
 * every projection query, the ties built), with the wall time and the process's CPU time; the
 * reference streams `MATCH (a:Person)-[r:CONTACT]->(b:Person) RETURN a.id, b.id, r.count` over
 * one session, touching each field. With --event-loop, a probe requests the service's /healthz
 * (on a bare Fastify in this process) every 20 ms during each read: what the read and the
 * projection's build leave of the event loop, the stage a preview or run goes through before its
 * analysis goes to a worker (analyse.ts --event-loop-only measures that one).
 */

const INVESTIGATION = 'BENCH-READ';
const BATCH = 20_000;
const progress = progressLog('read');

async function load(driver: Driver, relations: number, seed: number): Promise<number> {
  const people = Math.round(relations / 5);
  const rng = createRng(seed);
  const id = (i: number) => `${INVESTIGATION}-P${i}`;
  const started = performance.now();
  await driver.executeQuery('MERGE (i:Investigation {id: $inv})', { inv: INVESTIGATION });
  for (let from = 0; from < people; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, people - from) }, (_, k) => ({ id: id(from + k), name: `Person ${from + k}` }));
    await driver.executeQuery(
      `UNWIND $rows AS row CREATE (:Person {id: row.id, name: row.name, investigation: $inv, investigations: [$inv], sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P'})`,
      { rows, inv: INVESTIGATION },
    );
  }
  for (let from = 0; from < relations; from += BATCH) {
    const rows = [];
    for (let k = 0; k < Math.min(BATCH, relations - from); k++) {
      const a = rng.int(0, people - 1);
      const group = Math.floor(a / 40) * 40;
      let b = rng.chance(0.85) ? group + rng.int(0, 39) : rng.int(0, people - 1);
      if (b >= people || b === a) b = (a + 1) % people;
      rows.push({ from: id(a), to: id(b), count: neo4j.int(rng.int(1, 6)) });
    }
    await driver.executeQuery(
      `UNWIND $rows AS row MATCH (a:Person {id: row.from}), (b:Person {id: row.to})
       CREATE (a)-[:CONTACT {count: row.count, investigation: $inv, investigations: [$inv], sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P'}]->(b)`,
      { rows, inv: INVESTIGATION },
    );
    if ((from / BATCH) % 10 === 0) progress(`loaded ${from + rows.length} of ${relations} relations`);
  }
  return performance.now() - started;
}

const { values } = parseArgs({
  options: {
    home: { type: 'string' },
    relations: { type: 'string', default: '1000000' },
    partitions: { type: 'string', default: '1,2' },
    rounds: { type: 'string', default: '3' },
    heap: { type: 'string', default: '2g' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    'event-loop': { type: 'boolean', default: false },
  },
});
await mkdir(values.home!, { recursive: true });
const db = await startEmbeddedNeo4j({ home: values.home!, boltPort: 7733, heap: values.heap!, pageCache: '1g', startTimeoutMs: 600_000 });
const driver = neo4j.driver(db.uri);
const figures: Record<string, unknown> = { relations: Number(values.relations), startLoad: loadavg(), runs: [] as unknown[], plain: [] as unknown[] };
try {
  await applyMigrations(driver, 'neo4j', await loadQueries(SYSTEM_QUERIES));
  await driver.executeQuery('CREATE RANGE INDEX bench_read_person IF NOT EXISTS FOR (p:Person) ON (p.id)');
  await driver.executeQuery('CALL db.awaitIndexes(600)');
  const { records } = await driver.executeQuery('MATCH (:Person)-[r:CONTACT]->() WHERE $inv IN r.investigations RETURN count(r) AS n', { inv: INVESTIGATION });
  if (neo4j.integer.toNumber(records[0]!.get('n')) === 0) figures.loadMs = await load(driver, Number(values.relations), Number(values.seed));
  const queries = await loadQueries([...ANALYTICS_QUERIES]);
  const request = AnalysisRequestSchema.parse({ scope: { investigations: [INVESTIGATION] }, parameters: {} });
  const settings = settingsOf(request.parameters);
  const cpu = (from: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1000;
  };
  const health = values['event-loop'] ? await startHealthServer() : undefined;
  if (health) {
    const idle = await probeDuring(health.url, 20, () => new Promise((resolve) => setTimeout(resolve, 3_000)));
    figures.idle = idle.latency;
    progress(`idle /healthz: ${JSON.stringify(idle.latency)}`);
  }
  for (const partitions of values.partitions!.split(',').map(Number)) {
    // A commit without partitions ignores the option and reads in one transaction.
    const repository = (createAnalyticsRepository as (...args: unknown[]) => ReturnType<typeof createAnalyticsRepository>)(driver, 'neo4j', queries, { partitions });
    for (let round = 0; round < Number(values.rounds); round++) {
      let wallMs = 0;
      let cpuMs = 0;
      // Timed inside, so the probe's start is not counted (its answers add a little CPU here).
      const reading = async () => {
        const started = performance.now();
        const cpuFrom = process.cpuUsage();
        const value = await readScope(repository, request.scope, settings, Number.POSITIVE_INFINITY);
        [wallMs, cpuMs] = [performance.now() - started, cpu(cpuFrom)];
        return value;
      };
      const probed = health ? await probeDuring(health.url, 20, reading) : undefined;
      const read = probed ? probed.value : await reading();
      const run = {
        partitions,
        round,
        wallMs,
        cpuMs,
        ties: read.summary.ties,
        load: loadavg()[0],
        ...(probed ? { healthz: probed.latency, probeErrors: probed.errors } : {}),
      };
      (figures.runs as unknown[]).push(run);
      progress(JSON.stringify(run));
    }
  }
  for (let round = 0; round < 2; round++) {
    const started = performance.now();
    const cpuFrom = process.cpuUsage();
    const session = driver.session({ defaultAccessMode: 'READ' });
    let rows = 0;
    try {
      await session.executeRead(async (tx) => {
        const cypher = 'MATCH (a:Person)-[r:CONTACT]->(b:Person) WHERE $inv IN r.investigations RETURN a.id AS from, b.id AS to, r.count AS count';
        for await (const record of tx.run(cypher, { inv: INVESTIGATION })) {
          record.get('from');
          record.get('to');
          record.get('count');
          rows++;
        }
      });
    } finally {
      await session.close();
    }
    const run = { round, wallMs: performance.now() - started, cpuMs: cpu(cpuFrom), rows, load: loadavg()[0] };
    (figures.plain as unknown[]).push(run);
    progress(`plain driver ${JSON.stringify(run)}`);
  }
  await health?.close();
} finally {
  await driver.close();
  await db.stop();
}
figures.endLoad = loadavg();
if (values.out) await writeFile(values.out, JSON.stringify(figures, null, 2));
