import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BulkImportReport } from '../../src/import/bulk-import.js';
import { freePort } from '../../test/support/ports.js';
import { message } from '../harness/abort.js';
import { RssSampler } from '../harness/rss-sampler.js';
import { perSecond } from '../harness/stats.js';
import type { Workload } from '../harness/workload.js';
import type { ImportFigures } from './results.js';

/**
 * The bulk path for a first load (issue 24): the built `npm run import` (dist/cli/import.js) on
 * the same file into a fresh embedded store with the same heap and page cache as the other two
 * sides, timed from start to exit — the records' checks, the CSV files, neo4j-admin database
 * import, and the embedded Neo4j started once for the schema and the data versions. The CLI's
 * RSS is polled (the two JVMs it starts are its children and not counted).
 */
export async function benchImport(
  distDir: string,
  workload: Workload,
  options: { heap: string; pageCache: string; rssPollMs: number; interrupt: AbortSignal },
): Promise<ImportFigures> {
  const home = await mkdtemp(join(tmpdir(), 'sna-bench-import-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_HOME: home,
    NEO4J_HEAP: options.heap,
    NEO4J_PAGECACHE: options.pageCache,
    NEO4J_BOLT_PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
  };
  delete env.NEO4J_URI;
  const started = performance.now();
  try {
    const child = spawn(process.execPath, [join(distDir, 'cli', 'import.js'), workload.file], { env, stdio: ['ignore', 'pipe', 'pipe'], signal: options.interrupt });
    const sampler = new RssSampler({ cli: child.pid! }, { intervalMs: options.rssPollMs });
    await sampler.start();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((done) => {
      child.on('close', done);
      child.on('error', () => done(null));
    });
    const wallMs = performance.now() - started;
    const memory = await sampler.stop();
    if (exitCode !== 0) return { exitCode, wallMs, memory, loadAverage1m: loadavg()[0]!, error: `exit ${exitCode}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
    const report = JSON.parse(stdout) as BulkImportReport;
    const received = report.files.reduce((sum, f) => sum + f.report.received, 0);
    return {
      exitCode,
      wallMs,
      recordsPerSec: perSecond(received, wallMs),
      received,
      timings: report.timings,
      ...(report.store ? { store: report.store } : {}),
      placeholders: report.placeholders,
      memory,
      loadAverage1m: loadavg()[0]!,
    };
  } catch (error) {
    return { wallMs: performance.now() - started, memory: {}, loadAverage1m: loadavg()[0]!, error: message(error) };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
