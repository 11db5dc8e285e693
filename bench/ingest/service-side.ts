import { loadavg } from 'node:os';

import neo4j, { type Driver } from 'neo4j-driver';

import type { IngestReport } from '../../src/schemas/ingest-report.js';
import { loadLimitMs, loadSignal, message } from '../harness/abort.js';
import { postNdjson } from '../harness/http-load.js';
import { RssSampler } from '../harness/rss-sampler.js';
import { type RunningService, type ServiceSettings, startService } from '../harness/service.js';
import { perSecond } from '../harness/stats.js';
import type { Workload } from '../harness/workload.js';
import { countGraph } from './graph-counts.js';
import { firstWriteMs, GraphProgress } from './progress.js';
import type { Changes, LoadRun, ServiceLoad, SizeResult } from './results.js';

/**
 * Our side of one size: a fresh service, the file POSTed twice (a first load into an empty
 * store, then the identical re-load where every record is unchanged), memory and CPU polled
 * during each load, the graph counted afterwards, and the service stopped with SIGTERM.
 * Figures are written into `side` as they come, so an interrupted run still reports them.
 */

export interface LoadOptions {
  loadTimeoutMs: number;
  /** performance.now() by which the run must be done (--quick), or undefined. */
  deadline?: number;
  rssPollMs: number;
  interrupt: AbortSignal;
}

export async function benchService(serverJs: string, workload: Workload, options: ServiceSettings & LoadOptions, side: SizeResult['service']): Promise<void> {
  let service: RunningService;
  try {
    service = await startService(serverJs, options);
  } catch (error) {
    side.error = message(error);
    return;
  }
  side.startMs = service.startMs;
  const driver = neo4j.driver(service.boltUri);
  try {
    for (const run of ['first', 'reload'] as const) {
      if (options.interrupt.aborted) break;
      const load = await measureLoad(service, driver, workload, run, options);
      if (!load.error) load.graph = await countGraph(driver).catch(() => undefined);
      side.loads.push(load);
      // A load that failed leaves the store in an unknown state: a re-load would measure nothing useful.
      if (load.error) break;
    }
  } finally {
    await driver.close();
    const stopped = await service.stop();
    side.stopMs = stopped.cleanMs;
    side.exitCode = stopped.exitCode;
    side.leftInTmpBytes = stopped.leftInTmpBytes;
  }
}

async function measureLoad(service: RunningService, driver: Driver, workload: Workload, run: LoadRun, options: LoadOptions): Promise<ServiceLoad> {
  const sampler = new RssSampler({ service: service.pid, jvm: service.jvmPid, client: process.pid }, { intervalMs: options.rssPollMs });
  // Only the first load writes; watching an unchanged re-load would only add queries to it.
  const progress = run === 'first' ? new GraphProgress(driver) : undefined;
  await sampler.start();
  progress?.start();
  let load: Omit<ServiceLoad, 'memory' | 'loadAverage1m'>;
  const limitMs = loadLimitMs(options.loadTimeoutMs, options.deadline, performance.now());
  try {
    const response = await postNdjson(`${service.baseUrl}/v1/ingest/ndjson`, workload.file, loadSignal(options.interrupt, limitMs));
    load = {
      run,
      wallMs: response.wallMs,
      uploadMs: response.uploadMs,
      httpStatus: response.status,
      ...(response.report ? fromReport(response.report, response.wallMs) : {}),
      ...(response.status !== 200 ? { error: `HTTP ${response.status}: ${response.error ?? ''}` } : {}),
    };
  } catch (error) {
    load = { run, error: message(error, limitMs) };
  }
  const memory = await sampler.stop();
  const points = await progress?.stop();
  return { ...load, memory, loadAverage1m: loadavg()[0]!, ...(points ? { progress: points, firstWriteMs: firstWriteMs(points) } : {}) };
}

function fromReport(report: IngestReport, wallMs: number): Partial<ServiceLoad> {
  const total = (groups: Record<string, Changes>): Changes =>
    Object.values(groups).reduce((sum, c) => ({ created: sum.created + c.created, updated: sum.updated + c.updated, unchanged: sum.unchanged + c.unchanged }), {
      created: 0,
      updated: 0,
      unchanged: 0,
    });
  return {
    // Throughput counts the records the service received, the same figure as the reference's.
    recordsPerSec: perSecond(report.received, wallMs),
    reportStatus: report.status,
    received: report.received,
    accepted: report.accepted,
    rejected: report.rejected,
    batches: report.batches.length,
    entities: total(report.entities),
    relations: total(report.relations),
    placeholders: report.placeholders.count,
  };
}
