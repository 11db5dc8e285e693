import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { message } from './abort.js';
import type { BenchHeader } from './header.js';
import { writeResults } from './results.js';

/**
 * The start and end every suite entry (bench/<suite>/main.ts, bench/all.ts) shares, so that a
 * failure reads the same from every bench and every report is written the same way: the summary
 * on stdout for whoever ran it, the markdown and the raw JSON in bench/results/ for later.
 */

/** The repository (bench/harness/ is two levels down): the children's cwd, and where git is asked for the commit. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/**
 * Runs a suite's `main`; a failure is written as `bench/<name>: <stack>` on stderr and the
 * process exits with 1, so npm and the suite runner (bench/all.ts) see it failed.
 */
export function runSuite(name: string, main: () => Promise<void>): Promise<void> {
  return main().catch((error: unknown) => {
    process.stderr.write(`bench/${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

export interface FinishOptions<R> {
  render: (results: R) => string;
  progress: (text: string) => void;
  /** performance.now() when the run began: finishedAt and durationMs are stamped from it. */
  started?: number;
  /** The run's interrupt (bench/harness/children.ts): when it fired, its reason is stamped as `interrupted`. */
  interrupt?: AbortSignal;
  /** Where the report goes; bench/results/ unless a test says otherwise. */
  dir?: string;
}

/**
 * The end of a run: stamps how it ended, renders the markdown, writes it to stdout, then writes
 * <name>-<date>.md and .json and says where. Suites that do not time the whole run (explorer,
 * disruption, gds) pass no `started`, and their JSON keeps the fields it always had.
 */
export async function finishSuite<R extends BenchHeader>(name: string, results: R, options: FinishOptions<R>): Promise<{ md: string; json: string }> {
  if (options.interrupt?.aborted) results.interrupted = message(options.interrupt.reason);
  if (options.started !== undefined) {
    results.finishedAt = new Date().toISOString();
    results.durationMs = performance.now() - options.started;
  }
  const markdown = options.render(results);
  process.stdout.write(markdown);
  const paths = await writeResults(options.dir ?? RESULTS_DIR, results, markdown, name);
  options.progress(`written ${paths.md} and ${paths.json}`);
  return paths;
}
