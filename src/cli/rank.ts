import { rename, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';

import { ConfigError, loadConfig } from '../config.js';
import { createApiBackend } from './api.js';
import { openDirect } from './direct.js';
import { interruptOnSignals } from './interrupt.js';
import { createProgressBar } from './progress-bar.js';
import { HELP, parseRankArgs, type RankArgs, USAGE } from './rank-args.js';
import { EXIT, exitCodeOf, UsageError } from './rank-errors.js';
import { rankAll, type RankBackend, type RankOutcome, targetsOf } from './rank-jobs.js';
import { formatReports, reportOf } from './rank-output.js';
import { stderrLog } from './stderr-log.js';

/**
 * `npm run rank -- --investigation OP-1 [...]`: the harm ranking for scheduled jobs, run as
 * stored analysis runs, directly on Neo4j or through the API. Options and exit codes: HELP in
 * rank-args.ts (`--help`).
 */

const say = (line: string) => process.stderr.write(`rank: ${line}\n`);

function requester(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // No passwd entry for the uid (some containers).
    return `cli:${process.env.USER ?? 'unknown'}`;
  }
}

/** To stdout, or to FILE whole or not at all: a temporary file beside it, renamed over it. */
async function writeOut(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
    return;
  }
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function openBackend(args: RankArgs): Promise<RankBackend> {
  if (args.api) return createApiBackend(args.api.url, args.api.key);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  return openDirect(config, { log: stderrLog(args.verbose), notice: say });
}

function reportProblems(outcomes: RankOutcome[]): void {
  for (const { investigation, run, error, page } of outcomes) {
    const label = investigation ?? 'all investigations';
    if (error) say(`${label}: run ${run.id} did not finish (${error.code}): ${error.message}`);
    else if (page?.total === 0) say(`warning: ${label}: the ranking is empty (${investigation === null ? 'nothing in scope' : 'nothing of it in scope'})`);
  }
}

export async function rank(argv: string[]): Promise<number> {
  let args: RankArgs;
  try {
    args = parseRankArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`rank: ${error.message}\n${USAGE}\n(rank --help lists every option and the exit codes)\n`);
    return EXIT.usage;
  }
  if (args.help) {
    await writeOut(HELP, undefined);
    return EXIT.done;
  }
  for (const warning of args.warnings) say(`warning: ${warning}`);

  const interrupt = interruptOnSignals(say);
  const bar = process.stderr.isTTY && process.stdout.isTTY ? createProgressBar(process.stderr) : undefined;
  let backend: RankBackend | undefined;
  try {
    backend = await openBackend(args);
    const targets = await targetsOf(backend, args.investigations, args.allInvestigations);
    if (targets.length === 0) say(`warning: there are no investigations ${backend.where}`);
    const outcomes = await rankAll(backend, targets, {
      top: args.top,
      writeBack: args.writeBack,
      engine: args.engine,
      ...(args.resolution === undefined ? {} : { resolution: args.resolution }),
      ...(args.confidence === undefined ? {} : { confidence: args.confidence }),
      waitMs: args.waitMinutes * 60_000,
      requestedBy: requester(),
      signal: interrupt.signal,
      ...(bar ? { onProgress: (investigation, run) => bar.update(investigation ?? 'all', run) } : {}),
      ...(args.verbose
        ? {
            onStatus: (line) => {
              bar?.clear();
              say(line);
            },
          }
        : {}),
    });
    bar?.clear();
    reportProblems(outcomes);
    const reports = outcomes.flatMap(({ investigation, page }) => (page ? [reportOf(investigation, page)] : []));
    await writeOut(formatReports(args.format, reports), args.out);
    return reports.length === outcomes.length ? EXIT.done : EXIT.failed;
  } catch (error) {
    bar?.clear();
    say(error instanceof Error ? error.message : String(error));
    if (args.verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    const code = exitCodeOf(error);
    return code === EXIT.interrupted && interrupt.received() === 'SIGTERM' ? EXIT.terminated : code;
  } finally {
    await backend?.close().catch((error: unknown) => say(`could not close cleanly: ${(error as Error).message}`));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  rank(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      say(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(EXIT.failed);
    },
  );
}
