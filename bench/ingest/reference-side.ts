import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import neo4j, { type Driver } from 'neo4j-driver';

import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { freePort } from '../../test/support/ports.js';
import { loadLimitMs, loadSignal, message } from '../harness/abort.js';
import { track, untrack } from '../harness/children.js';
import { createReferenceSchema, loadReference } from '../harness/reference-load.js';
import { RssSampler } from '../harness/rss-sampler.js';
import type { ServiceSettings } from '../harness/service.js';
import { perSecond, summarise } from '../harness/stats.js';
import type { Workload } from '../harness/workload.js';
import { countGraph } from './graph-counts.js';
import type { LoadRun, ReferenceRunFigures, SizeResult } from './results.js';
import type { LoadOptions } from './service-side.js';

/**
 * The reference side of one size: a second, fresh embedded Neo4j (its own temp home, the same
 * heap and page cache as the service's, never running at the same time as the service so the
 * two do not compete for the cores), loaded twice with the plain driver pattern, then stopped
 * and its home deleted.
 */

export async function benchReference(workload: Workload, options: ServiceSettings & LoadOptions, side: SizeResult['reference']): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'sna-bench-reference-'));
  let db: EmbeddedNeo4j | undefined;
  try {
    const started = performance.now();
    db = await startEmbeddedNeo4j({
      home,
      boltPort: await freePort(),
      heap: options.heap,
      pageCache: options.pageCache,
      startTimeoutMs: options.startTimeoutMs,
      javaHome: process.env.JAVA_HOME,
    });
    track(db.pid);
    side.startMs = performance.now() - started;
    const driver = neo4j.driver(db.uri);
    try {
      await createReferenceSchema(driver);
      for (const run of ['first', 'reload'] as const) {
        if (options.interrupt.aborted) break;
        const load = await measureLoad(driver, db.pid, workload, run, options);
        if (!load.error) load.graph = await countGraph(driver).catch(() => undefined);
        side.loads.push(load);
        if (load.error) break;
      }
    } finally {
      await driver.close();
    }
  } catch (error) {
    side.error = message(error);
  } finally {
    await db?.stop();
    untrack(db?.pid);
    await rm(home, { recursive: true, force: true });
  }
}

async function measureLoad(driver: Driver, jvmPid: number, workload: Workload, run: LoadRun, options: LoadOptions): Promise<ReferenceRunFigures> {
  const sampler = new RssSampler({ jvm: jvmPid, client: process.pid }, { intervalMs: options.rssPollMs });
  await sampler.start();
  let figures: Omit<ReferenceRunFigures, 'memory' | 'loadAverage1m'>;
  const limitMs = loadLimitMs(options.loadTimeoutMs, options.deadline, performance.now());
  try {
    const { batchMs, stopped, ...load } = await loadReference(driver, workload.file, loadSignal(options.interrupt, limitMs));
    figures = {
      run,
      ...load,
      batchMs: summarise(batchMs),
      // A stopped load has no rate: it ended in whichever pass it was in, entities or relations.
      ...(stopped === undefined ? { recordsPerSec: perSecond(load.records, load.wallMs) } : { error: message(stopped, limitMs) }),
    };
  } catch (error) {
    figures = { run, error: message(error, limitMs) };
  }
  return { ...figures, memory: await sampler.stop(), loadAverage1m: loadavg()[0]! };
}
