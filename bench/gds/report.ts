import { formatCount, formatMiB, formatSeconds, markdownTable } from '../harness/format.js';
import type { BenchHeader } from '../harness/header.js';
import type { GdsAnalyseFigures } from './analyse.js';

/** What bench/gds/main.ts measured (its .json report) and its markdown. */

export interface EngineRun extends GdsAnalyseFigures {
  neo4jHwmKb?: number;
  /** The machine's 1-minute load average as the run started and ended. */
  loadAverage?: { before: number; after: number };
}

export interface SizeResult {
  target: number;
  people: number;
  relations: number;
  loadMs: number;
  /** Loaded by an earlier run and kept (--store). */
  reused?: boolean;
  runs: Partial<Record<'graphology' | 'gds', EngineRun | { error: string }>>;
}

export interface GdsBenchResults extends BenchHeader {
  neo4jHeap: string;
  /** Left out by runs before the flag: 2g. */
  neo4jPageCache?: string;
  /** The analysing process's V8 heap cap in MB (`--service-heap`), when set. */
  serviceHeapMb?: number;
  /** Transactions reading the links at once (ANALYTICS_READ_PARTITIONS); absent in runs before it was reported: 1. */
  readPartitions?: number;
  seed: number;
  sizes: SizeResult[];
}

/** Relations loaded per transaction by bench/gds/main.ts. */
export const LOAD_BATCH = 20_000;

export const isRun = (run: EngineRun | { error: string } | undefined): run is EngineRun => run !== undefined && !('error' in run);

export function renderGdsMarkdown(results: GdsBenchResults): string {
  const lines = [
    `# GDS engine benchmark, ${results.startedAt}`,
    '',
    `Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB; Node ${results.machine.node}; commit ${results.machine.gitCommit}${results.machine.gitDirtyFiles ? ` (+${results.machine.gitDirtyFiles} changed files)` : ''}. Neo4j heap ${results.neo4jHeap}, page cache ${results.neo4jPageCache ?? '2g'}.${results.readPartitions && results.readPartitions > 1 ? ` Links read in ${results.readPartitions} partitions at once.` : ''}${results.serviceHeapMb ? ` Service V8 heap capped at ${results.serviceHeapMb} MB.` : ''} Seed ${results.seed}.`,
    '',
    "Same graph, same scope, same parameters (defaults); both engines run alone, one after the other. Service peak: the analysing process's VmHWM; Neo4j peak: the JVM's VmHWM, reset before each run.",
    '',
  ];
  const rows: string[][] = [];
  for (const size of results.sizes) {
    const own = size.runs.graphology;
    const gds = size.runs.gds;
    for (const [name, run] of [
      ['graphology', own],
      ['gds', gds],
    ] as const) {
      if (!run) continue;
      if (!isRun(run)) {
        rows.push([formatCount(size.target), name, '—', '—', '—', '—', '—', '—', `failed: ${run.error.split('\n')[0]!.slice(0, 120)}`, '']);
        continue;
      }
      const other = name === 'gds' ? own : undefined;
      const ratio = isRun(other) ? `${(run.totalMs / other.totalMs).toFixed(2)}×` : '';
      const overlap = isRun(other) ? `${run.top20.filter((k) => other.top20.includes(k)).length}/20` : '';
      // Every stage of a second or more, in the order they ran.
      const ownStages = Object.keys(run.stages).filter((s) => (run.stages[s] ?? 0) >= 1000);
      rows.push([
        formatCount(size.target),
        name,
        `${formatCount(run.nodes)} / ${formatCount(run.ties)}`,
        formatSeconds(run.totalMs),
        ratio,
        formatMiB(run.hwmKb),
        formatMiB(run.neo4jHwmKb),
        `${run.modularity.toFixed(4)}${overlap ? `, top 20 ${overlap}` : ''}`,
        ownStages.map((s) => `${s} ${formatSeconds(run.stages[s])}`).join(', '),
        run.loadAverage ? `${run.loadAverage.before} → ${run.loadAverage.after}` : '',
      ]);
    }
  }
  lines.push(
    markdownTable(
      ['size', 'engine', 'nodes / ties', 'total', 'gds / graphology', 'service peak', 'Neo4j peak', 'modularity, agreement', 'stages of 1 s or more', 'load average (1 min)'],
      rows,
    ),
  );
  lines.push(
    '',
    `Loading (plain driver, ${LOAD_BATCH} relations a transaction): ${results.sizes.map((s) => `${formatCount(s.relations)} relations ${s.reused ? 'kept from an earlier run (--store)' : `in ${formatSeconds(s.loadMs)}`}`).join('; ')}.`,
  );
  return `${lines.join('\n')}\n`;
}
