import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyse } from '../src/analytics/engine.js';
import { disruptionNetwork } from '../src/disruption/network.js';
import { planDisruption, STRATEGY_NAMES, type Plan } from '../src/disruption/planner.js';
import { generateNetwork } from '../src/generator/network.js';
import { parseCommonArgs } from './lib/args.js';
import { documentRows, projectRows } from './lib/document-rows.js';
import { writeEdgeList } from './lib/edge-list.js';
import { formatInt, markdownTable } from './lib/format.js';
import { machineInfo } from './lib/machine.js';
import { findNetworkx } from './lib/python.js';
import { writeResults } from './lib/report.js';
import { childError, runChild } from './lib/run-child.js';

/**
 * `npm run bench:disruption` (flags after `--`: `--quick`, `--sizes 1k,10k,50k`, `--seed 42`):
 * the disruption planner with every strategy and k = 20 on generated networks of about 1k, 10k
 * and 50k people, projected in memory as the analytics bench does (bench/lib/document-rows.ts).
 * Reports per size the time of the analysis the plan starts from, of each strategy, and of the
 * whole plan; what each strategy leaves (largest component, fragmentation), adaptive against
 * static; and, side by side, networkx on the identical graph: the curves of the planner's own
 * removal orders (checked against the planner's figures) and the naive greedy key-player step
 * (remove each candidate, count components), extrapolated to a whole greedy run.
 * Writes bench/results/disruption-<date>.md and .json.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const REFERENCE = join(ROOT, 'bench', 'reference', 'disruption_reference.py');
const K = 20;
const REFERENCE_BUDGET_S = 60;
const SIZES = { full: [1_000, 10_000, 50_000], quick: [1_000] };

interface SizeResult {
  people: number;
  nodes: number;
  ties: number;
  analysisMs: number;
  planMs: number;
  strategies: { strategy: string; ms: number; largestComponent: number; largestComponentShare: number; fragmentation: number; crossingsStopped: number }[];
  before: { largestComponent: number; fragmentation: number };
  best: Plan['best'];
  reference?: { curvesMs: number; curvesAgree: boolean; mismatches: string[]; greedyEvaluations: number; greedyCandidates: number; greedyMs: number; greedyExtrapolatedMs: number };
  referenceError?: string;
}

function progress(text: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

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
  const plan = planDisruption(net, { k: K, strategies: STRATEGY_NAMES, seed: 1 });
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
      return { strategy: s.strategy, ms: s.ms, largestComponent: last.largestComponent, largestComponentShare: last.largestComponentShare, fragmentation: last.fragmentation, crossingsStopped: last.crossingsStopped };
    }),
  };
  progress(`analysis ${(analysisMs / 1000).toFixed(1)} s, plan ${(planMs / 1000).toFixed(1)} s; best ${plan.best?.strategy}`);
  if (!python) return result;

  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-disruption-'));
  try {
    await writeEdgeList(join(dir, 'edges.txt'), n, projection.ties);
    const candidates: number[] = [];
    for (let v = 0; v < n; v++) if (net.candidate[v]) candidates.push(v);
    const orders = Object.fromEntries(plan.strategies.map((s) => [s.strategy, s.targets.map((t) => t.node)]));
    await writeFile(join(dir, 'orders.json'), JSON.stringify({ candidates, orders }));
    progress(`networkx: curves of the planner's orders and the naive greedy step (budget ${REFERENCE_BUDGET_S} s)`);
    const timeoutMs = 30 * 60_000;
    const run = await runChild(python, [REFERENCE, '--edges', join(dir, 'edges.txt'), '--orders', join(dir, 'orders.json'), '--budget-s', String(REFERENCE_BUDGET_S), '--out', join(dir, 'reference.json')], { cwd: ROOT, timeoutMs });
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
    const mismatches: string[] = [];
    for (const s of plan.strategies) {
      s.curve.forEach((state, i) => {
        const theirs = ref.curves[s.strategy]?.[i];
        if (!theirs || theirs.largest !== state.largestComponent || Math.abs(theirs.fragmentation - state.fragmentation) > 1e-9) mismatches.push(`${s.strategy} step ${i + 1}`);
      });
    }
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

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);

function render(results: { startedAt: string; machine: ReturnType<typeof machineInfo>; seed: number; networkx?: string; sizes: SizeResult[] }): string {
  const { machine } = results;
  const lines = [
    `# Disruption benchmark, ${results.startedAt}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; commit ${machine.gitCommit}${machine.gitDirtyFiles > 0 ? ` + ${machine.gitDirtyFiles} changed files` : ''}; load average at start ${machine.loadAverage1m}.`,
    '',
    `Generated networks (seed ${results.seed}), people projection built in memory (no Neo4j), after one untimed plan on 200 people (JIT warm-up); the analysis with the engine's defaults, then planDisruption() with every strategy, k = ${K}, seed 1. "Plan" includes the curves (the network's state after each removal, for every strategy). Reference: ${results.networkx ?? 'networkx not found'}.`,
    '',
    '## Summary',
    '',
    markdownTable(
      ['people', 'nodes', 'ties', 'analysis', 'plan (all strategies)', 'analysis + plan', 'best strategy', 'largest component: before → after best'],
      results.sizes.map((s) => [
        formatInt(s.people),
        formatInt(s.nodes),
        formatInt(s.ties),
        seconds(s.analysisMs),
        seconds(s.planMs),
        seconds(s.analysisMs + s.planMs),
        s.best?.strategy ?? '–',
        s.best ? `${formatInt(s.before.largestComponent)} → ${formatInt(s.before.largestComponent - s.best.largestComponentDrop)}` : '–',
      ]),
    ),
    '',
    '## Targets (reported, not asserted)',
    '',
    markdownTable(
      ['target', 'measured', 'met'],
      results.sizes.flatMap((s) => [
        ...(s.people === 10_000 ? [[`all strategies at 10k people ≤ 10 s (plan)`, seconds(s.planMs), s.planMs <= 10_000 ? 'yes' : 'no']] : []),
        ...(s.people === 1_000 ? [[`response for 1k people < 1 s (analysis + plan, in process)`, seconds(s.analysisMs + s.planMs), s.analysisMs + s.planMs < 1_000 ? 'yes' : 'no']] : []),
      ]),
    ),
  ];
  for (const s of results.sizes) {
    lines.push('', `## ${formatInt(s.people)} people (${formatInt(s.nodes)} nodes, ${formatInt(s.ties)} ties; largest component ${formatInt(s.before.largestComponent)})`, '');
    lines.push(
      markdownTable(
        ['strategy', 'time', `largest component after ${K}`, 'share of all nodes', 'fragmentation', 'crossings stopped'],
        s.strategies.map((r) => [r.strategy, seconds(r.ms), formatInt(r.largestComponent), `${(100 * r.largestComponentShare).toFixed(1)} %`, r.fragmentation.toFixed(4), formatInt(r.crossingsStopped)]),
      ),
    );
    const drop = (name: string) => s.before.largestComponent - (s.strategies.find((r) => r.strategy === name)?.largestComponent ?? s.before.largestComponent);
    lines.push('', `Adaptive against static (largest-component drop): ${['harm', 'betweenness', 'degree', 'pagerank'].map((m) => `${m} ${formatInt(drop(m))} → adaptive ${formatInt(drop(`adaptive-${m}`))}`).join('; ')}.`);
    if (s.reference) {
      const r = s.reference;
      const ours = s.strategies.find((x) => x.strategy === 'greedy-fragmentation')?.ms;
      lines.push(
        '',
        `networkx: the curves of all ${s.strategies.length} removal orders took ${seconds(r.curvesMs)} and ${r.curvesAgree ? 'agree with the planner’s (largest component and fragmentation at every step)' : `disagree at ${r.mismatches.join(', ')}`}. ` +
          `Naive greedy key-player step: ${formatInt(r.greedyEvaluations)} of ${formatInt(r.greedyCandidates)} candidate evaluations in ${seconds(r.greedyMs)}, so a whole greedy run of ${K} steps ≈ ${seconds(r.greedyExtrapolatedMs)}; ours (one depth-first search per step): ${seconds(ours)}${ours ? `, ${(r.greedyExtrapolatedMs / ours).toFixed(0)}× faster` : ''}.`,
      );
    } else if (s.referenceError) {
      lines.push('', `networkx reference failed: ${s.referenceError}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { sizes, seed } = parseCommonArgs(process.argv.slice(2), 'bench/disruption', SIZES);
  const startedAt = new Date().toISOString();
  const machine = machineInfo(ROOT);
  const nx = await findNetworkx();
  const python = 'error' in nx ? undefined : nx.command;
  if ('error' in nx) progress(`no reference: ${nx.error}`);
  // One untimed plan on a small network first, so the first size does not pay for the JIT.
  progress('warming up on 200 people');
  const warm = projectRows(documentRows(generateNetwork({ people: 200, seed }).document));
  planDisruption(disruptionNetwork(warm, await analyse(warm, { seed: 1 }), 1), { k: 5, strategies: STRATEGY_NAMES, seed: 1 });
  const results = { startedAt, machine, seed, networkx: 'error' in nx ? undefined : `networkx ${nx.version} (${nx.executable})`, sizes: [] as SizeResult[] };
  for (const people of sizes) results.sizes.push(await benchSize(people, seed, python));
  const markdown = render(results);
  process.stdout.write(markdown);
  const paths = await writeResults(RESULTS_DIR, results, markdown, 'disruption');
  progress(`written ${paths.md} and ${paths.json}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/disruption: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
