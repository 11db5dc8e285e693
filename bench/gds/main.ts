import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import neo4j, { type Driver } from 'neo4j-driver';

import { startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { applyMigrations } from '../../src/neo4j/migrations.js';
import { loadQueries } from '../../src/neo4j/queries.js';
import { DEFAULT_READ_PARTITIONS } from '../../src/repositories/analytics-repository.js';
import { SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';
import { createRng } from '../../src/shared/rng.js';
import { parseCommonArgs } from '../harness/args.js';
import { interruptOnSignals } from '../harness/children.js';
import { formatCount, formatMiB, formatSeconds } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { progressLog } from '../harness/log.js';
import { readProcMemory, resetPeak } from '../harness/proc-status.js';
import { childError, runChild } from '../harness/run-child.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import type { GdsAnalyseFigures } from './analyse.js';
import { type EngineRun, type GdsBenchResults, LOAD_BATCH, renderGdsMarkdown, type SizeResult } from './report.js';

/**
 * `npm run bench:gds` (flags after `--`: `--quick`, `--sizes 100k,1m,10m`, `--seed 42`,
 * `--heap 8g`, `--page-cache 2g`, `--store DIR`, `--engines gds`, `--service-heap MB`, `--read-partitions N`, the service's
 * ANALYTICS_READ_PARTITIONS, 1 by default): the same analysis of the same graph by both engines, side by side — the
 * service's own (graphology: the service reads the relations and computes everything) and
 * Neo4j Graph Data Science (the ties computed in Neo4j, Louvain, PageRank, betweenness and
 * closeness in GDS, the rest in the service) — with the time of each stage, the service's peak
 * memory and Neo4j's, and how far the two agree (modularity, top 20 by harm).
 *
 * The graphs are loaded straight into an embedded Neo4j with the plain driver (the HTTP ingest
 * would take hours at 10M ties): people in planted groups of 40, 85 % of each person's reported
 * contacts inside their group, graded 2B, one investigation per size, each node and relation
 * keyed by id and investigation as the ingest stores them (schema/006). Each engine runs as its
 * own process, one at a time; Neo4j's peak (VmHWM) is reset before each.
 *
 * `--store DIR` keeps the Neo4j store in DIR when done, and reuses what an earlier run left
 * there: a size whose investigation already holds its people and relations (same seed) is not
 * loaded again (10M takes ~14 min to load).
 *
 * `--page-cache` is Neo4j's page cache (2g unless given). The engines' read is cold: Neo4j starts
 * with the run. At 10M ties the relationship and property stores the read goes through are
 * 2.3 GB: with 2g they do not fit and the read is slower by a sixth (130 → 113 s measured).
 *
 * `--service-heap MB` caps the analysing process's V8 heap (`--max-old-space-size`): its peak
 * RSS then shows what it must hold, not the garbage an uncapped heap lets pile up before it
 * collects; an analysis that needs more fails with V8's out-of-memory error.
 */

/** One engine's analysis as its own process, next to this entry. */
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'analyse.ts');
const GROUP = 40;
const INSIDE = 0.85;
const PEOPLE_PER_TIE = 1 / 5;
const ANALYSE_TIMEOUT_MS = 90 * 60_000;

const progress = progressLog('gds');
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whether an earlier run (--store) left this size loaded: its people and relations all there. */
async function loaded(driver: Driver, investigation: string, people: number, relations: number): Promise<boolean> {
  const count = async (query: string) => Number((await driver.executeQuery(query, { investigation })).records[0]!.get(0));
  if ((await count('MATCH (p:Person) WHERE p.investigation = $investigation RETURN count(p)')) !== people) return false;
  return (await count('MATCH (:Person)-[r:CONTACT]->(:Person) WHERE r.investigation = $investigation RETURN count(r)')) === relations;
}

async function load(driver: Driver, investigation: string, people: number, relations: number, seed: number): Promise<number> {
  const rng = createRng(seed);
  const started = performance.now();
  const id = (i: number) => `${investigation}-P${i}`;
  await driver.executeQuery('MERGE (i:Investigation {id: $investigation})', { investigation });
  for (let from = 0; from < people; from += LOAD_BATCH) {
    const rows = Array.from({ length: Math.min(LOAD_BATCH, people - from) }, (_, k) => ({ id: id(from + k), name: `Person ${from + k}` }));
    await driver.executeQuery(
      `UNWIND $rows AS row CREATE (p:Person {id: row.id, investigation: $investigation, name: row.name, investigations: [$investigation], sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P'})`,
      { rows, investigation },
    );
  }
  for (let from = 0; from < relations; from += LOAD_BATCH) {
    const rows = [];
    for (let k = 0; k < Math.min(LOAD_BATCH, relations - from); k++) {
      const a = rng.int(0, people - 1);
      const group = Math.floor(a / GROUP) * GROUP;
      let b = rng.chance(INSIDE) ? group + rng.int(0, GROUP - 1) : rng.int(0, people - 1);
      if (b >= people || b === a) b = (a + 1) % people;
      rows.push({ id: `${investigation}-R${from + k}`, from: id(a), to: id(b), count: rng.int(1, 6) });
    }
    await driver.executeQuery(
      `UNWIND $rows AS row MATCH (a:Person {id: row.from}), (b:Person {id: row.to})
       CREATE (a)-[:CONTACT {id: row.id, investigation: $investigation, count: row.count, investigations: [$investigation], sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P'}]->(b)`,
      { rows: rows.map((r) => ({ ...r, count: neo4j.int(r.count) })), investigation },
    );
    if ((from / LOAD_BATCH) % 50 === 0) progress(`${investigation}: ${formatCount(from + rows.length)} of ${formatCount(relations)} relations`);
  }
  return performance.now() - started;
}

async function runEngine(
  uri: string,
  investigation: string,
  engine: 'graphology' | 'gds',
  neo4jPid: number,
  signal: AbortSignal,
  serviceHeapMb?: number,
  readPartitions = DEFAULT_READ_PARTITIONS,
): Promise<EngineRun | { error: string }> {
  await resetPeak(neo4jPid);
  progress(`${investigation}: ${engine}…`);
  const loadBefore = loadavg()[0]!;
  const heapFlag = serviceHeapMb ? [`--max-old-space-size=${serviceHeapMb}`] : [];
  const child = await runChild(
    'node',
    [...heapFlag, '--import', 'tsx', CHILD, '--uri', uri, '--investigation', investigation, '--engine', engine, '--read-partitions', String(readPartitions)],
    {
      cwd: ROOT,
      timeoutMs: ANALYSE_TIMEOUT_MS,
      signal,
    },
  );
  const failed = childError(`${engine} at ${investigation}`, child, ANALYSE_TIMEOUT_MS);
  if (failed) return { error: failed };
  const figures = JSON.parse(child.stdout.trim().split('\n').pop()!) as GdsAnalyseFigures;
  const neo4jHwmKb = (await readProcMemory(neo4jPid))?.hwmKb;
  progress(`${investigation}: ${engine} ${formatSeconds(figures.totalMs)}, service peak ${formatMiB(figures.hwmKb)}, Neo4j peak ${formatMiB(neo4jHwmKb)}`);
  return { ...figures, neo4jHwmKb, loadAverage: { before: round2(loadBefore), after: round2(loadavg()[0]!) } };
}

async function main(): Promise<void> {
  const { sizes, seed, values } = parseCommonArgs(process.argv.slice(2), 'bench/gds', { full: [100_000, 1_000_000], quick: [100_000] }, [
    'heap',
    'page-cache',
    'store',
    'engines',
    'service-heap',
    'read-partitions',
  ]);
  const heap = values.heap ?? '8g';
  const pageCache = values['page-cache'] ?? '2g';
  if (!/^\d+[mg]$/.test(pageCache)) throw new Error('bench/gds: --page-cache takes a size such as 512m or 4g');
  const store = values.store;
  const engines = (values.engines ?? 'graphology,gds').split(',') as ('graphology' | 'gds')[];
  const serviceHeapMb = values['service-heap'] === undefined ? undefined : Number(values['service-heap']);
  if (serviceHeapMb !== undefined && !(Number.isInteger(serviceHeapMb) && serviceHeapMb >= 256))
    throw new Error('bench/gds: --service-heap takes a whole number of MB, at least 256');
  const readPartitions = Number(values['read-partitions'] ?? DEFAULT_READ_PARTITIONS);
  if (!(Number.isInteger(readPartitions) && readPartitions >= 1 && readPartitions <= 64)) throw new Error('bench/gds: --read-partitions takes a whole number from 1 to 64');
  const interrupt = interruptOnSignals();
  const results: GdsBenchResults = {
    ...startHeader(ROOT),
    neo4jHeap: heap,
    neo4jPageCache: pageCache,
    ...(serviceHeapMb ? { serviceHeapMb } : {}),
    readPartitions,
    seed,
    sizes: [],
  };
  const home = store ?? (await mkdtemp(join(tmpdir(), 'sna-bench-gds-')));
  if (store) await mkdir(store, { recursive: true });
  const db = await startEmbeddedNeo4j({ home, boltPort: 7695, heap, pageCache, startTimeoutMs: 300_000, javaHome: process.env.JAVA_HOME });
  const driver = neo4j.driver(db.uri);
  try {
    await applyMigrations(driver, 'neo4j', await loadQueries(SYSTEM_QUERIES));
    // A new index (a migration on a kept --store) is built in the background; the reads are timed once it is online.
    await driver.executeQuery('CALL db.awaitIndexes(1800)');
    for (const target of sizes) {
      if (interrupt.aborted) break;
      const investigation = `BENCH-GDS-${formatCount(target)}`;
      const people = Math.max(GROUP * 2, Math.round(target * PEOPLE_PER_TIE));
      const reused = store !== undefined && (await loaded(driver, investigation, people, target));
      if (!reused) progress(`${investigation}: loading ${formatCount(people)} people, ${formatCount(target)} relations`);
      else progress(`${investigation}: already loaded in ${store}`);
      const loadMs = reused ? 0 : await load(driver, investigation, people, target, seed);
      const size: SizeResult = { target, people, relations: target, loadMs, reused, runs: {} };
      results.sizes.push(size);
      for (const engine of engines) {
        if (interrupt.aborted) break;
        size.runs[engine] = await runEngine(db.uri, investigation, engine, db.pid, interrupt, serviceHeapMb, readPartitions);
      }
    }
  } finally {
    results.finishedAt = new Date().toISOString();
    await driver.close();
    await db.stop();
    if (!store) await rm(home, { recursive: true, force: true });
  }
  // finishedAt is stamped above, before Neo4j is stopped, so finishSuite is given no `started`.
  await finishSuite('gds', results, { render: renderGdsMarkdown, progress });
}

runSuite('gds', main);
