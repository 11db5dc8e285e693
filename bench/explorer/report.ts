import { formatInt, formatRatio, formatSeconds, markdownTable } from '../harness/format.js';
import type { BenchHeader } from '../harness/header.js';

/**
 * The explorer bench's figures and their markdown: per network size, the page's time to first
 * render and to a stable layout (median of the runs, with the range), the frames the page drew
 * while ForceAtlas2 ran in its worker, and the same layout run synchronously in Node as the
 * reference.
 */

export interface PageRun {
  firstRenderMs: number;
  layoutMs: number;
  iterations: number;
  settled: boolean;
  drawn: number;
  /** Time between animation frames while the layout ran (the main thread's responsiveness). */
  frames: { count: number; p50Ms: number; p95Ms: number; maxMs: number; over100Ms: number };
}

export interface ExplorerSize {
  nodes: number;
  ties: number;
  runs: PageRun[];
  /** graphology-layout-forceatlas2 synchronous in Node, same start, settings and iterations. */
  reference: { iterations: number; ms: number };
}

export interface ExplorerBenchResults extends BenchHeader {
  chromium: string;
  budgetMs: number;
  sizes: ExplorerSize[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (v: number) => `${formatInt(v)} ms`;
const range = (values: readonly number[], show: (v: number) => string) =>
  values.length > 1 ? `${show(median(values))} (${show(Math.min(...values))}–${show(Math.max(...values))})` : show(values[0] ?? NaN);

export function renderExplorer(results: ExplorerBenchResults): string {
  const { machine } = results;
  const rows = results.sizes.map((size) => {
    const layout = size.runs.map((r) => r.layoutMs);
    const iterations = median(size.runs.map((r) => r.iterations));
    const perIteration = median(size.runs.map((r) => r.layoutMs / Math.max(1, r.iterations)));
    return [
      `${formatInt(size.nodes)} / ${formatInt(size.ties)}`,
      range(
        size.runs.map((r) => r.firstRenderMs),
        ms,
      ),
      range(layout, formatSeconds),
      `${size.runs.filter((r) => r.settled).length} of ${size.runs.length}`,
      formatInt(iterations),
      `${ms(median(size.runs.map((r) => r.frames.p50Ms)))} / ${ms(median(size.runs.map((r) => r.frames.p95Ms)))} / ${ms(Math.max(...size.runs.map((r) => r.frames.maxMs)))}`,
      `${formatInt(size.reference.iterations)} it. in ${formatSeconds(size.reference.ms)}`,
      formatRatio(perIteration / (size.reference.ms / Math.max(1, size.reference.iterations))),
    ];
  });
  return [
    `# Explorer benchmark, ${results.startedAt}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; commit ${machine.gitCommit}${machine.gitDirtyFiles > 0 ? ` + ${machine.gitDirtyFiles} changed files` : ''}; load average at start ${machine.loadAverage1m}. ${results.chromium}, headless, WebGL on SwiftShader (the CPU: no GPU here).`,
    '',
    'The built page (dist/explorer) served by the service’s own static route, its /v1 calls answered by the bench with a generated network (bench/explorer/network.ts; the service’s export itself is timed by bench:runs). ' +
      'Each run loads the page afresh, signs in and opens the run. First render: from asking for the run’s graph to the frame after sigma drew it (download and graph building included). ' +
      `Stable layout: from the first frame until ForceAtlas2, in its web worker, stops (mean move per iteration under 0.02 % of the drawing in 3 samples 250 ms apart, or the ${formatSeconds(results.budgetMs)} budget) and its final positions are drawn; above 2,000 nodes the page draws the layout only then. ` +
      'Frames: time between animation frames on the page while the layout ran (p50 / p95 / max). Reference: graphology-layout-forceatlas2 synchronous in Node on the same graph, starting positions and settings, for the iterations the page ran; the ratio compares time per iteration (page / Node, lower is better).',
    '',
    markdownTable(
      ['nodes / ties', 'first render', 'stable layout', 'settled', 'iterations', 'frames while laying out', 'reference (Node, sync)', 'per iteration: page / Node'],
      rows,
    ),
    '',
  ].join('\n');
}
