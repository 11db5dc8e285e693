import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { formatSeconds } from './harness/format.js';
import { type BenchHeader, type BenchMode, startHeader } from './harness/header.js';
import { progressLog } from './harness/log.js';
import { finishSuite, RESULTS_DIR, ROOT, runSuite } from './harness/suite.js';
import { selectSteps, suitePlan, type SuiteStep, type SuiteStepName } from './suite/plan.js';
import {
  analyticsHeadlines,
  disruptionHeadlines,
  gdsHeadlines,
  type HeadlineRow,
  headlineTable,
  ingestHeadlines,
  linksHeadlines,
  loadHeadlines,
  resolutionHeadlines,
  runsHeadlines,
} from './suite/summary.js';

/**
 * `npm run bench` (flags after `--`: `--quick`, `--seed 42`, `--only ingest,analytics,…`): every
 * benchmark in one run, one after the other so none competes with another for the two cores,
 * each in its own process as `npm run bench:<name>` would run it (bench/suite/plan.ts has
 * the sizes of each mode). Each writes its own report (bench/results/<name>-<date>.md/.json);
 * this one reads them back and writes bench/results/suite-<date>.md and .json: the headline
 * figures of all, each set against its reference from the same run as ours / reference, with
 * the time every step took. Ctrl-C is passed to the running step, which writes what it has; no
 * further step starts, and the summary is still written.
 */

const progress = progressLog('bench suite');

interface StepOutcome {
  name: SuiteStepName;
  command: string;
  measures: string;
  ms: number;
  exitCode: number | null;
  /** The reports the step wrote (md and json), relative to the repository. */
  report?: { md: string; json: string };
  error?: string;
}

interface SuiteResults extends BenchHeader {
  mode: BenchMode;
  seed: number;
  steps: StepOutcome[];
  headlines: HeadlineRow[];
}

const HEADLINES: Record<SuiteStepName, (results: never) => HeadlineRow[]> = {
  ingest: ingestHeadlines,
  analytics: analyticsHeadlines,
  disruption: disruptionHeadlines,
  runs: runsHeadlines,
  load: loadHeadlines,
  gds: gdsHeadlines,
  resolution: resolutionHeadlines,
  links: linksHeadlines,
};

/** The newest `<name>-*.json` report in bench/results written since `since` (ms since the epoch). */
async function reportSince(name: string, since: number): Promise<{ md: string; json: string } | undefined> {
  const files = (await readdir(RESULTS_DIR)).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.json'));
  let newest: { file: string; mtime: number } | undefined;
  for (const file of files) {
    const { mtimeMs } = await stat(join(RESULTS_DIR, file));
    if (mtimeMs >= since && (!newest || mtimeMs > newest.mtime)) newest = { file, mtime: mtimeMs };
  }
  if (!newest) return undefined;
  const json = join('bench', 'results', newest.file);
  return { json, md: json.replace(/\.json$/, '.md') };
}

let running: ReturnType<typeof spawn> | undefined;
let interrupted: string | undefined;

function runStep(step: SuiteStep): Promise<{ code: number | null; ms: number; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench', step.script), ...step.args], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    running = child;
    let timedOut = false;
    // At the time limit the step is asked to stop as Ctrl-C would (it writes what it has), then killed.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
    }, step.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      running = undefined;
      resolve({ code, ms: performance.now() - started, timedOut });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = signal;
    process.stderr.write(`bench suite: ${signal}: the running step stops and writes what it has; no further step starts (again to quit now)\n`);
    // A terminal's Ctrl-C reaches the step too (same process group); a SIGTERM to this process alone does not.
    if (signal === 'SIGTERM') running?.kill('SIGINT');
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '42' }, only: { type: 'string' } },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`bench/all: --seed must be a whole number, got '${values.seed}'`);
  const steps = selectSteps(suitePlan(values.quick, seed), values.only);
  const results: SuiteResults = { mode: values.quick ? 'quick' : 'full', ...startHeader(ROOT), seed, steps: [], headlines: [] };
  const started = performance.now();

  for (const step of steps) {
    if (interrupted) break;
    const command = `npm run bench:${step.name} -- ${step.args.join(' ')}`;
    progress(`${step.name}: ${command}`);
    const since = Date.now();
    const outcome: StepOutcome = { name: step.name, command, measures: step.measures, ms: 0, exitCode: null };
    try {
      const ran = await runStep(step);
      Object.assign(outcome, { ms: ran.ms, exitCode: ran.code });
      if (ran.timedOut) outcome.error = `stopped at the step's time limit (${formatSeconds(step.timeoutMs)})`;
      else if (ran.code !== 0) outcome.error = `exited with ${ran.code}`;
      outcome.report = await reportSince(step.name, since);
      if (!outcome.report) outcome.error = `${outcome.error ? `${outcome.error}; ` : ''}wrote no report`;
      else results.headlines.push(...HEADLINES[step.name](JSON.parse(await readFile(join(ROOT, outcome.report.json), 'utf8')) as never));
    } catch (error) {
      outcome.error = (error as Error).message;
    }
    results.steps.push(outcome);
    progress(`${step.name}: ${outcome.error ?? 'done'} after ${formatSeconds(outcome.ms)}`);
  }

  // This runner's interruption is the signal's name, not an AbortSignal's reason: stamped here.
  if (interrupted) results.interrupted = interrupted;
  await finishSuite('suite', results, { render: markdown, progress, started });
  if (results.steps.some((step) => step.error) || interrupted) process.exitCode = 1;
}

function markdown(results: SuiteResults): string {
  const m = results.machine;
  const lines = [
    `# Benchmark suite (${results.mode}), ${results.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}; commit ${m.gitCommit}${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m.toFixed(2)}. Seed ${results.seed}. Whole run ${formatSeconds(results.durationMs ?? 0)}${results.interrupted ? `, interrupted (${results.interrupted})` : ''}.`,
    '',
    'Every reference ran on the same machine in the same run, on the identical graph or load. Ratios are ours / reference; each row says which way is better.',
    '',
    headlineTable(results.headlines),
    '',
    '## Steps',
    '',
    '| step | measures | command | took | report |',
    '|---|---|---|---|---|',
    ...results.steps.map(
      (s) =>
        `| ${s.name} | ${s.measures} | \`${s.command}\` | ${formatSeconds(s.ms)} | ${s.report ? `[${s.report.md.split('/').pop()}](${s.report.md.split('/').pop()})` : ''}${s.error ? ` **${s.error}**` : ''} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

runSuite('all', main);
