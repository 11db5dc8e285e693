import { describe, expect, it } from 'vitest';

import { type ExplorerBenchResults, median, type PageRun, renderExplorer } from '../../../bench/explorer/report.js';

const run = (firstRenderMs: number, layoutMs: number, iterations: number, settled = true): PageRun => ({
  firstRenderMs,
  layoutMs,
  iterations,
  settled,
  drawn: 5_000,
  frames: { count: 100, p50Ms: 17, p95Ms: 20, maxMs: 200, over100Ms: 1 },
});

const results: ExplorerBenchResults = {
  startedAt: '2026-12-04T18:00:00.000Z',
  machine: {
    cpuModel: 'AMD EPYC',
    cpus: 2,
    memoryGiB: 23.5,
    freeMemoryGiB: 10,
    node: 'v20.20.2',
    platform: 'linux',
    kernel: '6',
    gitCommit: 'abc1234',
    gitDirtyFiles: 0,
    loadAverage1m: 1.5,
  },
  chromium: 'Chromium 156',
  budgetMs: 20_000,
  sizes: [{ nodes: 5_000, ties: 20_000, runs: [run(2_000, 10_000, 200), run(3_000, 12_000, 180, false), run(2_500, 11_000, 190)], reference: { iterations: 190, ms: 9_500 } }],
};

describe('bench/explorer/report', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports medians with their range, runs that settled, and time per iteration against the reference', () => {
    const markdown = renderExplorer(results);
    // Per iteration: page medians 10000/200, 12000/180, 11000/190 → 57.9 ms; Node 9500/190 = 50 ms.
    expect(markdown).toContain('| 5,000 / 20,000 | 2,500 ms (2,000 ms–3,000 ms) | 11.0 s (10.0 s–12.0 s) | 2 of 3 | 190 | 17 ms / 20 ms / 200 ms | 190 it. in 9.5 s | 1.16× |');
    expect(markdown).toContain('Machine: 2 × AMD EPYC');
    expect(markdown).toContain('Chromium 156, headless');
  });
});
