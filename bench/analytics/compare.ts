import { summarise, type Summary } from '../harness/stats.js';
import type { AnalyticsBenchResults, AnalyticsSizeResult, PerSourceFigures, ReferenceLibrary } from './results.js';

/**
 * Our figures against the references', and against the targets of the issue. Ratios are
 * ours / reference: 0.1 means ours takes a tenth of the reference's time. Our side is the
 * median over the timed runs. Where the reference ran fewer sources than ours (networkx on
 * the large graphs), betweenness and closeness are compared per source.
 */

export const LIBRARIES: readonly ReferenceLibrary[] = ['networkx', 'igraph'];

export interface ReferenceCell {
  /** The reference's time, ms; extrapolated to our source count when `perSource`. */
  ms?: number;
  ratio?: number;
  perSource?: boolean;
  note?: string;
}

export interface Comparison {
  algorithm: string;
  /** Our stage time over the runs, ms. */
  ours?: Summary;
  references: Partial<Record<ReferenceLibrary, ReferenceCell>>;
}

/** The engine's stage times over the runs, ms. */
export function stageSummary(size: AnalyticsSizeResult, stage: string): Summary | undefined {
  return summarise((size.analysis?.runs ?? []).map((run) => run.timings[stage]).filter((v): v is number => v !== undefined));
}

export function wallSummary(size: AnalyticsSizeResult): Summary | undefined {
  return summarise((size.analysis?.runs ?? []).map((run) => run.wallMs));
}

const ratio = (ours: number | undefined, reference: number | undefined) => (ours !== undefined && reference !== undefined && reference > 0 ? ours / reference : undefined);

function paths(ours: Summary | undefined, ourSources: number | undefined, b: PerSourceFigures | undefined, c: PerSourceFigures | undefined): ReferenceCell {
  if (!b || !c || b.skipped || c.skipped || b.seconds === undefined || c.seconds === undefined) {
    return { note: b?.skipped ?? c?.skipped ?? 'not measured' };
  }
  if (b.complete && c.complete && b.sources === ourSources && c.sources === ourSources) {
    const ms = (b.seconds + c.seconds) * 1000;
    return { ms, ratio: ratio(ours?.median, ms) };
  }
  // Fewer sources than ours: compare the time per source, and extrapolate the reference's.
  const perSourceMs = (b.perSourceSeconds! + c.perSourceSeconds!) * 1000;
  const oursPerSource = ours !== undefined && ourSources ? ours.median / ourSources : undefined;
  return {
    ms: ourSources !== undefined ? perSourceMs * ourSources : undefined,
    ratio: ratio(oursPerSource, perSourceMs),
    perSource: true,
    note: `per source: reference ran ${b.sources} (betweenness) and ${c.sources} (closeness) of ${ourSources} sources`,
  };
}

export function compare(size: AnalyticsSizeResult): Comparison[] {
  const ours = {
    louvain: stageSummary(size, 'louvain'),
    pagerank: size.analysis?.pagerankAloneMs ? summarise(size.analysis.pagerankAloneMs) : stageSummary(size, 'pagerank'),
    paths: size.analysis?.singleThreadPaths ? summarise([size.analysis.singleThreadPaths.ms]) : stageSummary(size, 'betweennessCloseness'),
    eigenvector: stageSummary(size, 'eigenvector'),
  };
  const sources = size.analysis?.betweenness.sources;
  const each = (cell: (lib: ReferenceLibrary) => ReferenceCell | undefined) => Object.fromEntries(LIBRARIES.flatMap((lib) => (size.references[lib] ? [[lib, cell(lib)!]] : [])));
  return [
    {
      algorithm: 'Louvain (+ modularity)',
      ours: ours.louvain,
      references: each((lib) => {
        const ms = size.references[lib]!.louvain.seconds * 1000;
        return { ms, ratio: ratio(ours.louvain?.median, ms) };
      }),
    },
    {
      algorithm: 'PageRank',
      ours: ours.pagerank,
      references: each((lib) => {
        const ms = size.references[lib]!.pagerank.seconds * 1000;
        return { ms, ratio: ratio(ours.pagerank?.median, ms) };
      }),
    },
    {
      algorithm: 'betweenness + harmonic closeness',
      ours: ours.paths,
      references: each((lib) => paths(ours.paths, sources, size.references[lib]!.betweenness, size.references[lib]!.closeness)),
    },
    {
      algorithm: 'eigenvector',
      ours: ours.eigenvector,
      references: each((lib) => {
        const e = size.references[lib]!.eigenvector;
        return { ms: e.seconds * 1000, ratio: ratio(ours.eigenvector?.median, e.seconds * 1000), note: `${e.method}${e.converged ? '' : ', did not converge'}` };
      }),
    },
  ];
}

export interface TargetCheck {
  target: string;
  ties: number;
  measured: string;
  met?: boolean;
  /** How far from the goal, in words ("4.2× over", "within by 30 %"). */
  margin: string;
}

const GIB_KB = 2 ** 20;

function margin(value: number, goal: number, lowerIsBetter = true): string {
  const over = lowerIsBetter ? value / goal : goal / value;
  return over <= 1 ? `met with ${Math.round((1 - over) * 100)} % to spare` : `missed: ${over.toFixed(1)}× the goal`;
}

/** The targets, reported against (never asserted): per size where they apply. */
export function checkTargets(results: AnalyticsBenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const size of results.sizes) {
    const ties = size.project?.ties ?? size.targetTies;
    const wall = wallSummary(size);
    if (size.targetTies >= 1_000_000 && wall) {
      checks.push({
        target: 'full analysis at 1M ties ≤ 10 s (projection excluded)',
        ties,
        measured: `${(wall.median / 1000).toFixed(1)} s median`,
        met: wall.median <= 10_000,
        margin: margin(wall.median, 10_000),
      });
    }
    for (const row of compare(size)) {
      const nx = row.references.networkx;
      if (nx?.ratio !== undefined) {
        checks.push({
          target: `≥ 10× faster than networkx: ${row.algorithm}`,
          ties,
          measured: `${nx.ratio.toFixed(3)}×${nx.perSource ? ' (per source)' : ''}`,
          met: nx.ratio <= 0.1,
          margin: margin(nx.ratio, 0.1),
        });
      }
      const ig = row.references.igraph;
      if (row.algorithm === 'PageRank' && ig?.ratio !== undefined) {
        checks.push({ target: 'PageRank within 2× of igraph', ties, measured: `${ig.ratio.toFixed(2)}×`, met: ig.ratio <= 2, margin: margin(ig.ratio, 2) });
      }
    }
    const peak = size.analysis?.peakRssKb;
    if (peak !== undefined) {
      checks.push({
        target: 'memory < 2 GiB (peak RSS of the analysis process)',
        ties,
        measured: `${Math.round(peak / 1024)} MiB`,
        met: peak < 2 * GIB_KB,
        margin: margin(peak, 2 * GIB_KB),
      });
    }
  }
  return checks;
}
