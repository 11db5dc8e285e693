import { describe, expect, it } from 'vitest';

import { curveMismatches, renderDisruption, type SizeResult } from '../../../bench/disruption/report.js';

const size = (people: number, analysisMs: number, planMs: number): SizeResult => ({
  people,
  nodes: people + 10,
  ties: people * 2,
  analysisMs,
  planMs,
  before: { largestComponent: people, fragmentation: 0 },
  best: { strategy: 'greedy-fragmentation', pathWeights: null, label: 'greedy-fragmentation', largestComponentDrop: people / 2, fragmentation: 0.5 },
  strategies: [
    'harm/strength',
    'betweenness/strength',
    'degree',
    'pagerank',
    'adaptive-harm/strength',
    'adaptive-betweenness/strength',
    'adaptive-degree',
    'adaptive-pagerank',
    'greedy-fragmentation',
  ].map((strategy, i) => ({
    strategy,
    ms: 10 * i,
    largestComponent: people - 10 * i,
    largestComponentShare: (people - 10 * i) / (people + 10),
    fragmentation: i / 10,
    crossingsStopped: i,
  })),
  reference: { curvesMs: 40, curvesAgree: true, mismatches: [], greedyEvaluations: 100, greedyCandidates: people, greedyMs: 1_000, greedyExtrapolatedMs: 200_000 },
});

describe('curveMismatches', () => {
  it('names every step where networkx differs, and steps it did not compute', () => {
    const ours = [
      {
        label: 'degree',
        curve: [
          { largestComponent: 9, fragmentation: 0.1 },
          { largestComponent: 7, fragmentation: 0.3 },
        ],
      },
    ];
    expect(
      curveMismatches(ours, {
        degree: [
          { largest: 9, fragmentation: 0.1 + 1e-12 },
          { largest: 7, fragmentation: 0.3 },
        ],
      }),
    ).toEqual([]);
    expect(
      curveMismatches(ours, {
        degree: [
          { largest: 9, fragmentation: 0.1 },
          { largest: 8, fragmentation: 0.3 },
        ],
      }),
    ).toEqual(['degree step 2']);
    expect(curveMismatches(ours, { degree: [{ largest: 9, fragmentation: 0.2 }] })).toEqual(['degree step 1', 'degree step 2']);
  });
});

describe('renderDisruption', () => {
  it('reports the targets met or missed, adaptive against static and the reference', () => {
    const markdown = renderDisruption({
      startedAt: '2026-11-29T00:00:00.000Z',
      machine: {
        cpuModel: 'EPYC',
        cpus: 2,
        memoryGiB: 24,
        freeMemoryGiB: 20,
        node: 'v20',
        platform: 'linux',
        kernel: '6',
        gitCommit: 'abc1234',
        gitDirtyFiles: 0,
        loadAverage1m: 0.1,
      },
      seed: 42,
      networkx: 'networkx 3.6.1',
      sizes: [size(1_000, 300, 900), size(10_000, 2_000, 12_000)],
    });
    expect(markdown).toContain('| response for 1k people < 1 s (analysis + plan, in process) | 1.20 s | no |');
    expect(markdown).toContain('| all strategies at 10k people ≤ 10 s (plan) | 12.00 s | no |');
    expect(markdown).toContain('Adaptive against static (largest-component drop): harm/strength 0 → adaptive 40; betweenness/strength 10 → adaptive 50; degree 20 → adaptive 60;');
    expect(markdown).toContain('a whole greedy run of 20 steps ≈ 200.00 s; ours (one depth-first search per step): 80 ms, 2,500× faster');
  });
});
