import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEFAULTS as ENGINE_DEFAULTS } from '../../src/analytics/engine.js';
import { message } from '../harness/abort.js';
import { peopleForTies } from '../harness/args.js';
import { interruptOnSignals } from '../harness/children.js';
import { formatCount, formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { progressLog } from '../harness/log.js';
import { machineInfo } from '../harness/machine.js';
import { findNetworkx, findOrInstallIgraph, type PythonFound } from '../harness/python.js';
import { childError, runChild } from '../harness/run-child.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { parseAnalyticsArgs } from './args.js';
import { renderAnalyticsMarkdown } from './report.js';
import type { AnalyseFigures, AnalyticsBenchResults, AnalyticsSizeResult, ConfidenceFigures, ProjectFigures, ReferenceFigures, ReferenceLibrary } from './results.js';

/**
 * `npm run bench:analytics` (flags after `--`: `--quick`, `--sizes 10k,100k,1m`, `--seed 42`, `--reference-budget-s 120`):
 * how long the analysis engine (src/analytics/engine.ts) takes on generated people graphs of
 * about 10k, 100k and 1M ties, how much memory it needs and how well its ranking finds the
 * planted targets, against networkx and igraph timing the same algorithms on the identical
 * graph in the same run; and, on the largest size, whether /healthz stays responsive while
 * the analysis runs in the worker pool (and, for contrast, on the main thread).
 *
 * The graphs are projected in memory from the generated documents (bench/harness/document-rows.ts),
 * not read from Neo4j: loading 1M ties through the HTTP ingest would take about half an hour
 * here. Each size runs as separate processes, one at a time (the machine has 2 cores): project,
 * analyse, then each Python reference. Progress goes to stderr; the summary to stdout and
 * bench/results/analytics-<date>.md, the raw figures to .json. Ctrl-C stops the current phase
 * and still writes what was measured.
 */

/** The suite's own folder: its child scripts (project.ts, analyse.ts) sit next to this entry. */
const HERE = dirname(fileURLToPath(import.meta.url));
const REFERENCE_SCRIPT = join(ROOT, 'bench', 'reference', 'analytics_reference.py');
const PROBE_INTERVAL_MS = 20;
/** Per-source work (betweenness, closeness) of a reference is cut to fit this. */
const PROJECT_TIMEOUT_MS = 30 * 60_000;
const ANALYSE_TIMEOUT_MS = 60 * 60_000;
const REFERENCE_TIMEOUT_MS = 60 * 60_000;
/** Rank confidence (100 draws against one analysis) is measured at sizes up to this. */
const CONFIDENCE_UP_TO = 20_000;
const CONFIDENCE_TIMEOUT_MS = 20 * 60_000;

const progress = progressLog('bench');

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function benchSize(
  target: number,
  seed: number,
  eventLoop: boolean,
  pythons: Partial<Record<ReferenceLibrary, PythonFound>>,
  interrupt: AbortSignal,
  referenceBudgetS: number,
): Promise<AnalyticsSizeResult> {
  // The engine's code may change while a long run goes on: each size says what it measured.
  const { gitCommit, gitDirtyFiles } = machineInfo(ROOT);
  const size: AnalyticsSizeResult = { targetTies: target, commit: `${gitCommit}${gitDirtyFiles > 0 ? ` + ${gitDirtyFiles} changed files` : ''}`, references: {}, errors: [] };
  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-analytics-'));
  try {
    const people = peopleForTies(target);
    progress(`${formatCount(target)} ties: generating ${formatInt(people)} people and projecting them`);
    const node = (script: string, nodeArgs: string[], args: string[], timeoutMs: number) =>
      runChild(process.execPath, ['--expose-gc', ...nodeArgs, '--import', 'tsx', join(HERE, script), ...args], { cwd: ROOT, timeoutMs, signal: interrupt });
    // The projecting process holds the whole document and its rows (bench scaffolding, not the
    // service's memory), so it gets a larger heap than Node's default.
    const projected = await node('project.ts', ['--max-old-space-size=12288'], ['--people', String(people), '--seed', String(seed), '--dir', dir], PROJECT_TIMEOUT_MS);
    const projectError = childError('projection', projected, PROJECT_TIMEOUT_MS);
    if (projectError) {
      size.errors.push(projectError);
      return size;
    }
    size.project = await readJson<ProjectFigures>(join(dir, 'project.json'));
    if (interrupt.aborted) return size;

    progress(`${formatCount(target)} ties: analysing${eventLoop ? ', then the event-loop check' : ''}`);
    const analysed = await node('analyse.ts', [], ['--dir', dir, ...(eventLoop ? ['--event-loop', '--interval-ms', String(PROBE_INTERVAL_MS)] : [])], ANALYSE_TIMEOUT_MS);
    const analyseError = childError('analysis', analysed, ANALYSE_TIMEOUT_MS);
    if (analyseError) size.errors.push(analyseError);
    else size.analysis = await readJson<AnalyseFigures>(join(dir, 'analyse.json'));

    if (target <= CONFIDENCE_UP_TO && !interrupt.aborted) {
      progress(`${formatCount(target)} ties: rank confidence, 100 draws against one analysis`);
      const out = join(dir, 'confidence.json');
      const ran = await node('confidence.ts', [], ['--people', String(people), '--seed', String(seed), '--out', out], CONFIDENCE_TIMEOUT_MS);
      const error = childError('confidence', ran, CONFIDENCE_TIMEOUT_MS);
      if (error) size.errors.push(error);
      else size.confidence = await readJson<ConfidenceFigures>(out);
    }

    for (const lib of ['networkx', 'igraph'] as const) {
      const python = pythons[lib];
      if (!python || interrupt.aborted) continue;
      progress(`${formatCount(target)} ties: ${lib} (${python.executable})`);
      const out = join(dir, `${lib}.json`);
      const sources = join(dir, 'sources.txt');
      const args = [REFERENCE_SCRIPT, '--lib', lib, '--edges', join(dir, 'edges.txt'), ...((await exists(sources)) ? ['--sources', sources] : [])];
      const ran = await runChild(python.command, [...args, '--seed', String(ENGINE_DEFAULTS.seed), '--budget-s', String(referenceBudgetS), '--out', out], {
        cwd: ROOT,
        timeoutMs: REFERENCE_TIMEOUT_MS,
        signal: interrupt,
      });
      const error = childError(lib, ran, REFERENCE_TIMEOUT_MS);
      if (error) size.errors.push(error);
      else size.references[lib] = await readJson<ReferenceFigures>(out);
    }
  } catch (error) {
    size.errors.push(message(error));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return size;
}

async function main(): Promise<void> {
  const args = parseAnalyticsArgs(process.argv.slice(2));
  const interrupt = interruptOnSignals();
  const started = performance.now();

  progress('looking for the Python interpreters of the references');
  const networkx = await findNetworkx();
  const igraph = await findOrInstallIgraph(progress);
  const pythons: Partial<Record<ReferenceLibrary, PythonFound>> = {};
  if (!('error' in networkx)) pythons.networkx = networkx;
  if (!('error' in igraph)) pythons.igraph = igraph;
  for (const [lib, found] of Object.entries({ networkx, igraph }))
    progress('error' in found ? `${lib}: ${found.error}` : `${lib} ${found.version}: ${found.executable} (${found.how})`);

  const results: AnalyticsBenchResults = {
    mode: args.quick ? 'quick' : 'full',
    ...startHeader(ROOT),
    settings: {
      seed: args.seed,
      engineOptions:
        `analyse() with its defaults (resolution ${ENGINE_DEFAULTS.resolution}, seed ${ENGINE_DEFAULTS.seed}; betweenness and closeness exact up to ` +
        `${formatInt(ENGINE_DEFAULTS.exactBetweennessUpTo)} nodes, else from sampled sources: ${ENGINE_DEFAULTS.betweennessSamples}; the count used is given per size).`,
      projection:
        'people projections built in memory from generated documents (bench/harness/document-rows.ts mirrors the cypher/analytics queries: ' +
        'every investigation, no time window, assessment ≤ D, so the E-assessed noise is left out); loading 1M ties through the HTTP ingest ' +
        'would take about 30 min on this machine, so Neo4j is not involved and the projection time excludes reading it.',
      repeats: 'Analyses are repeated up to 5 times while the runs fit 60 s, projections up to 3 times within 90 s (at least once each).',
      referenceBudgetSeconds: args.referenceBudgetS,
      probeIntervalMs: PROBE_INTERVAL_MS,
      pythons: { networkx, igraph },
    },
    sizes: [],
  };

  const largest = Math.max(...args.sizes);
  for (const target of args.sizes) {
    if (interrupt.aborted) break;
    results.sizes.push(await benchSize(target, args.seed, target === largest, pythons, interrupt, args.referenceBudgetS));
  }

  await finishSuite('analytics', results, { render: renderAnalyticsMarkdown, progress, started, interrupt });
}

runSuite('analytics', main);
