import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyse } from '../../src/analytics/engine.js';
import { PATH_WEIGHTS } from '../../src/analytics/weights.js';
import { disruptionNetwork } from '../../src/disruption/network.js';
import { planDisruption, STRATEGY_NAMES } from '../../src/disruption/planner.js';
import { generateNetwork } from '../../src/generator/network.js';
import { parseCommonArgs } from '../harness/args.js';
import { documentRows, projectRows } from '../harness/document-rows.js';
import { writeEdgeList } from '../harness/edge-list.js';
import { formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { progressLog } from '../harness/log.js';
import { findNetworkx } from '../harness/python.js';
import { childError, runChild } from '../harness/run-child.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { curveMismatches, type DisruptionBenchResults, K, renderDisruption, type SizeResult } from './report.js';

/**
 * `npm run bench:disruption` (flags after `--`: `--quick`, `--sizes 1k,10k,50k`, `--seed 42`):
 * the disruption planner with every strategy and k = 20 on generated networks of about 1k, 10k
 * and 50k people, projected in memory as the analytics bench does (bench/harness/document-rows.ts).
 * Reports per size the time of the analysis the plan starts from, of each strategy, and of the
 * whole plan; what each strategy leaves (largest component, fragmentation), adaptive against
 * static; and, side by side, networkx on the identical graph: the curves of the planner's own
 * removal orders (checked against the planner's figures) and the naive greedy key-player step
 * (remove each candidate, count components), extrapolated to a whole greedy run.
 * Writes bench/results/disruption-<date>.md and .json.
 */

const REFERENCE = join(ROOT, 'bench', 'reference', 'disruption_reference.py');
const REFERENCE_BUDGET_S = 60;
const SIZES = { full: [1_000, 10_000, 50_000], quick: [1_000] };

const progress = progressLog('bench');

async function benchSize(people: number, seed: number, python: string | undefined): Promise<SizeResult> {
  progress(`${formatInt(people)} people: generating and projecting`);
  const { document } = generateNetwork({ people, seed });
  const projection = projectRows(documentRows(document));
  const n = projection.nodes.length;
  progress(`${formatInt(n)} nodes, ${formatInt(projection.ties.source.length)} ties: analysing, then planning with every strategy (k = ${K})`);
  let started = performance.now();
  const analysis = await analyse(projection, { seed: 1 });
  const analysisMs = performance.now() - started;
  started = performance.now();
  const net = disruptionNetwork(projection, analysis, 1);
  const plan = planDisruption(net, { k: K, strategies: STRATEGY_NAMES, seed: 1, pathWeights: PATH_WEIGHTS });
  const planMs = performance.now() - started;
  const result: SizeResult = {
    people,
    nodes: n,
    ties: projection.ties.source.length,
    analysisMs,
    planMs,
    before: { largestComponent: plan.before.largestComponent, fragmentation: plan.before.fragmentation },
    best: plan.best,
    strategies: plan.strategies.map((s) => {
      const last = s.curve[s.curve.length - 1] ?? plan.before;
      return {
        strategy: s.label,
        ms: s.ms,
        largestComponent: last.largestComponent,
        largestComponentShare: last.largestComponentShare,
        fragmentation: last.fragmentation,
        crossingsStopped: last.crossingsStopped,
      };
    }),
  };
  progress(`analysis ${(analysisMs / 1000).toFixed(1)} s, plan ${(planMs / 1000).toFixed(1)} s; best ${plan.best?.label}`);
  if (!python) return result;

  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-disruption-'));
  try {
    await writeEdgeList(join(dir, 'edges.txt'), n, projection.ties);
    const candidates: number[] = [];
    for (let v = 0; v < n; v++) if (net.candidate[v]) candidates.push(v);
    const orders = Object.fromEntries(plan.strategies.map((s) => [s.label, s.targets.map((t) => t.node)]));
    await writeFile(join(dir, 'orders.json'), JSON.stringify({ candidates, orders }));
    progress(`networkx: curves of the planner's orders and the naive greedy step (budget ${REFERENCE_BUDGET_S} s)`);
    const timeoutMs = 30 * 60_000;
    const run = await runChild(
      python,
      [REFERENCE, '--edges', join(dir, 'edges.txt'), '--orders', join(dir, 'orders.json'), '--budget-s', String(REFERENCE_BUDGET_S), '--out', join(dir, 'reference.json')],
      { cwd: ROOT, timeoutMs },
    );
    const error = childError('networkx reference', run, timeoutMs);
    if (error) {
      result.referenceError = error;
      return result;
    }
    const ref = JSON.parse(await readFile(join(dir, 'reference.json'), 'utf8')) as {
      curves: Record<string, { largest: number; fragmentation: number }[]>;
      curvesSeconds: number;
      greedy: { evaluations: number; candidates: number; seconds: number };
    };
    const mismatches = curveMismatches(plan.strategies, ref.curves);
    const perEvaluationMs = (ref.greedy.seconds * 1000) / Math.max(1, ref.greedy.evaluations);
    result.reference = {
      curvesMs: ref.curvesSeconds * 1000,
      curvesAgree: mismatches.length === 0,
      mismatches: mismatches.slice(0, 10),
      greedyEvaluations: ref.greedy.evaluations,
      greedyCandidates: ref.greedy.candidates,
      greedyMs: ref.greedy.seconds * 1000,
      // k steps, each evaluating every candidate left.
      greedyExtrapolatedMs: perEvaluationMs * Array.from({ length: K }, (_, i) => ref.greedy.candidates - i).reduce((a, b) => a + b, 0),
    };
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { sizes, seed } = parseCommonArgs(process.argv.slice(2), 'bench/disruption', SIZES);
  const header = startHeader(ROOT);
  const nx = await findNetworkx();
  const python = 'error' in nx ? undefined : nx.command;
  if ('error' in nx) progress(`no reference: ${nx.error}`);
  // One untimed plan on a small network first, so the first size does not pay for the JIT.
  progress('warming up on 200 people');
  const warm = projectRows(documentRows(generateNetwork({ people: 200, seed }).document));
  planDisruption(disruptionNetwork(warm, await analyse(warm, { seed: 1 }), 1), { k: 5, strategies: STRATEGY_NAMES, seed: 1 });
  const results: DisruptionBenchResults = { ...header, seed, networkx: 'error' in nx ? undefined : `networkx ${nx.version} (${nx.executable})`, sizes: [] };
  for (const people of sizes) results.sizes.push(await benchSize(people, seed, python));
  await finishSuite('disruption', results, { render: renderDisruption, progress });
}

runSuite('disruption', main);
