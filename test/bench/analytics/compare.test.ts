import { describe, expect, it } from 'vitest';

import { checkTargets, compare } from '../../../bench/analytics/compare.js';
import { formatMs, formatSpread, renderAnalyticsMarkdown } from '../../../bench/analytics/report.js';
import type { AnalyseFigures, AnalyticsBenchResults, AnalyticsSizeResult, ReferenceFigures } from '../../../bench/analytics/results.js';

function analysis(stageMs: Record<string, number[]>, wallMs: number[], sources: number, peakRssKb: number): AnalyseFigures {
  return {
    loadMs: 1,
    baseRssKb: 1_000,
    peakRssKb,
    peakSince: 'analysis',
    runs: wallMs.map((wall, i) => ({ wallMs: wall, timings: Object.fromEntries(Object.entries(stageMs).map(([stage, list]) => [stage, list[i]!])) })),
    graph: { nodes: 1_000, ties: 2_000, ranked: 1_000 },
    modularity: 0.9,
    communities: 10,
    communitiesSplit: 0,
    betweenness: { estimated: sources < 1_000, sources, threads: 1 },
    warnings: [],
    precisionAt10: 1,
    precisionAt20: 0.95,
    top10Roles: [],
  };
}

function reference(
  library: 'networkx' | 'igraph',
  seconds: { louvain: number; pagerank: number; eigenvector: number },
  b: ReferenceFigures['betweenness'],
  c: ReferenceFigures['closeness'],
): ReferenceFigures {
  return {
    library,
    version: '1',
    python: '/usr/bin/python3',
    pythonVersion: '3.11',
    nodes: 1_000,
    ties: 2_000,
    readSeconds: 0,
    wallSeconds: 1,
    peakRssKb: 1,
    louvain: { seconds: seconds.louvain, detectSeconds: seconds.louvain, modularitySeconds: 0, modularity: 0.89, communities: 9 },
    pagerank: { seconds: seconds.pagerank },
    betweenness: b,
    closeness: c,
    eigenvector: { seconds: seconds.eigenvector, converged: true, method: 'power iteration' },
  };
}

const STAGES = { louvain: [100, 300, 200], pagerank: [10, 30, 20], betweennessCloseness: [600, 600, 600], eigenvector: [5, 5, 5] };

/** 1M ties, 300 sampled sources: networkx ran 30 of them, igraph's betweenness was skipped. */
const SIZE: AnalyticsSizeResult = {
  targetTies: 1_000_000,
  analysis: analysis(STAGES, [9_000, 12_000, 11_000], 300, 3 * 2 ** 20),
  references: {
    networkx: reference(
      'networkx',
      { louvain: 4, pagerank: 0.1, eigenvector: 0.04 },
      { seconds: 3, sources: 30, wantedSources: 300, perSourceSeconds: 0.1, complete: false },
      { seconds: 1.5, sources: 30, wantedSources: 300, perSourceSeconds: 0.05, complete: false },
    ),
    igraph: reference(
      'igraph',
      { louvain: 0.1, pagerank: 0.005, eigenvector: 0.01 },
      { skipped: 'no subset' },
      { seconds: 0.3, sources: 300, wantedSources: 300, perSourceSeconds: 0.001, complete: true },
    ),
  },
  errors: [],
};

describe('compare', () => {
  const rows = Object.fromEntries(compare(SIZE).map((row) => [row.algorithm, row]));

  it('divides our median stage time by the reference time', () => {
    expect(rows['Louvain (+ modularity)']!.ours?.median).toBe(200);
    expect(rows['Louvain (+ modularity)']!.references.networkx?.ratio).toBeCloseTo(200 / 4_000, 12);
    expect(rows['PageRank']!.references.igraph?.ratio).toBeCloseTo(20 / 5, 12);
    expect(rows['eigenvector']!.references.networkx?.ratio).toBeCloseTo(5 / 40, 12);
  });

  it('compares betweenness + closeness per source when the reference ran fewer sources, and extrapolates its time', () => {
    const nx = rows['betweenness + harmonic closeness']!.references.networkx!;
    expect(nx.perSource).toBe(true);
    // ours 600 ms / 300 sources = 2 ms; networkx 100 + 50 ms per source.
    expect(nx.ratio).toBeCloseTo(2 / 150, 12);
    expect(nx.ms).toBeCloseTo(150 * 300, 9);
  });

  it('gives no ratio where the reference could not measure', () => {
    const ig = rows['betweenness + harmonic closeness']!.references.igraph!;
    expect(ig.ratio).toBeUndefined();
    expect(ig.note).toBe('no subset');
  });

  it('compares whole times when the reference ran the same sources', () => {
    const exact: AnalyticsSizeResult = {
      ...SIZE,
      analysis: analysis(STAGES, [1, 1, 1], 1_000, 1),
      references: {
        networkx: reference(
          'networkx',
          { louvain: 1, pagerank: 1, eigenvector: 1 },
          { seconds: 4, sources: 1_000, complete: true },
          { seconds: 2, sources: 1_000, complete: true },
        ),
      },
    };
    const cell = compare(exact).find((row) => row.algorithm.startsWith('betweenness'))!.references.networkx!;
    expect(cell).toEqual({ ms: 6_000, ratio: 0.1 });
  });

  it('compares the single-threaded run of betweenness + closeness and PageRank alone when there are, not the stages', () => {
    const timed: AnalyticsSizeResult = {
      ...SIZE,
      analysis: { ...analysis(STAGES, [1, 1, 1], 1_000, 1), singleThreadPaths: { ms: 1_200, sources: 1_000 }, pagerankAloneMs: [3, 1, 2] },
      references: {
        networkx: reference(
          'networkx',
          { louvain: 1, pagerank: 1, eigenvector: 1 },
          { seconds: 4, sources: 1_000, complete: true },
          { seconds: 2, sources: 1_000, complete: true },
        ),
      },
    };
    const row = compare(timed).find((r) => r.algorithm.startsWith('betweenness'))!;
    expect(row.ours?.median).toBe(1_200);
    expect(row.references.networkx).toEqual({ ms: 6_000, ratio: 0.2 });
    expect(compare(timed).find((r) => r.algorithm === 'PageRank')!.ours?.median).toBe(2);
  });
});

describe('checkTargets', () => {
  const results = { sizes: [SIZE] } as AnalyticsBenchResults;
  const byTarget = Object.fromEntries(checkTargets(results).map((t) => [t.target, t]));

  it('checks the 1M-tie analysis time against 10 s, on the median', () => {
    expect(byTarget['full analysis at 1M ties ≤ 10 s (projection excluded)']).toMatchObject({ measured: '11.0 s median', met: false, margin: 'missed: 1.1× the goal' });
  });

  it('checks every networkx ratio against 0.1 and PageRank against 2× igraph', () => {
    expect(byTarget['≥ 10× faster than networkx: Louvain (+ modularity)']).toMatchObject({ met: true, margin: 'met with 50 % to spare' });
    expect(byTarget['≥ 10× faster than networkx: PageRank']).toMatchObject({ met: false });
    expect(byTarget['PageRank within 2× of igraph']).toMatchObject({ measured: '4.00×', met: false, margin: 'missed: 2.0× the goal' });
  });

  it('checks the peak RSS against 2 GiB', () => {
    expect(byTarget['memory < 2 GiB (peak RSS of the analysis process)']).toMatchObject({ measured: '3072 MiB', met: false });
  });
});

describe('analytics markdown', () => {
  it('formats times with a unit that fits, and spreads as median (min–max, runs)', () => {
    expect(formatMs(4.25)).toBe('4.3 ms');
    expect(formatMs(420)).toBe('420 ms');
    expect(formatMs(12_340)).toBe('12.3 s');
    expect(formatMs(undefined)).toBe('–');
    expect(formatSpread({ count: 3, min: 100, median: 200, max: 300 })).toBe('200 ms (100 ms–300 ms, 3 runs)');
    expect(formatSpread({ count: 1, min: 5_000, median: 5_000, max: 5_000 })).toBe('5.0 s (1 run)');
  });

  it('renders every section, with a dash where a figure is missing', () => {
    const results: AnalyticsBenchResults = {
      mode: 'full',
      startedAt: '2026-01-01T00:00:00.000Z',
      machine: { cpuModel: 'cpu', cpus: 2, memoryGiB: 8, freeMemoryGiB: 4, node: 'v20', platform: 'linux', kernel: '6', gitCommit: 'abc', gitDirtyFiles: 0, loadAverage1m: 0.5 },
      settings: {
        seed: 42,
        engineOptions: 'defaults.',
        projection: 'in memory.',
        repeats: 'some.',
        referenceBudgetSeconds: 120,
        probeIntervalMs: 20,
        pythons: { networkx: { error: 'not found' } },
      },
      sizes: [SIZE, { targetTies: 10_000, references: {}, errors: ['projection exited with 1'] }],
    };
    const md = renderAnalyticsMarkdown(results);
    for (const heading of ['## Summary', '## Targets', '## Engine stages', '## Against networkx and igraph: 1M ties', '## Errors']) expect(md).toContain(heading);
    expect(md).toContain('networkx: not found');
    expect(md).toContain('- 10k ties: projection exited with 1');
    expect(md).toContain('| 1M ties | – | – | – | – | 11.0 s (9.0 s–12.0 s, 3 runs) | 3,072 MiB (1 MiB before) | 100 % | 95 % | 0.9000 / 0.8900 / 0.8900 |');
  });
});
