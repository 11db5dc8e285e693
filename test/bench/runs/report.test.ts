import { describe, expect, it } from 'vitest';

import { stagesOf, type TimedRun } from '../../../bench/harness/run-timing.js';
import type { RunsBenchResults } from '../../../bench/runs/figures.js';
import { duration, renderRunsMarkdown, spread } from '../../../bench/runs/report.js';

const memory = (kib: number, cpuMs: number) => ({ peakRssKb: kib, hwmKb: kib + 1024, peakSince: 'load' as const, samples: 10, cpuMs });

const run = (wallMs: number, storing: number, serviceKib: number): TimedRun => ({
  id: `run-${wallMs}`,
  status: 'done',
  wallMs,
  stages: stagesOf({ queued: 10, projection: 500, csr: 100, louvain: 400, storing, writeBack: 200 }, wallMs),
  memory: { service: memory(serviceKib, 1_500), jvm: memory(1_048_576, 2_000) },
  loadAverage1m: 1.25,
});

const preview = (wallMs: number): TimedRun => ({
  status: 'done',
  wallMs,
  bytes: 4_000_000,
  stages: stagesOf({ projection: 500, csr: 100, louvain: 400 }, wallMs),
  memory: { service: memory(300 * 1024, 1_200), jvm: memory(1_048_576, 500) },
  loadAverage1m: 1,
});

function results(): RunsBenchResults {
  return {
    mode: 'quick',
    startedAt: '2026-11-29T00:00:00.000Z',
    durationMs: 100_000,
    buildMs: 15_000,
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
      loadAverage1m: 0.5,
    },
    settings: {
      heap: '2g',
      pageCache: '1g',
      seed: 42,
      repetitions: 3,
      readRequests: 50,
      readWarmups: 5,
      analysisBatchSize: '1000 (default)',
      maxWaitMs: '600000',
      rssPollMs: 100,
      reference: 'plain',
    },
    sizes: [
      {
        targetTies: 10_000,
        people: 4_263,
        records: 22_000,
        generateMs: 1_000,
        service: { startMs: 20_000, stopMs: 3_000, exitCode: 0 },
        load: { wallMs: 20_000, httpStatus: 200 },
        graph: { nodes: 4_000, ties: 10_000, ranked: 3_900, communities: 30, modularity: 0.9, betweenness: 'exact' },
        runs: [run(3_000, 1_000, 350 * 1024), run(2_500, 800, 360 * 1024), run(4_000, 1_200, 340 * 1024)],
        previews: [preview(1_500), preview(1_000), { error: 'HTTP 500', memory: {}, loadAverage1m: 1 }],
        rows: { count: 4_000, properties: 22, bytesPerRow: 1_100 },
        references: [
          { batchSize: 10_000, indexed: false, ms: [400, 500, 450], batches: 1 },
          { batchSize: 1_000, indexed: true, ms: [800], batches: 4 },
        ],
        reads: [{ request: 'one entity (random)', latency: { count: 50, p50: 12, p99: 40, max: 40, over100ms: 0 }, bytes: 3_072 }],
        requests: [{ request: 'export gexf', ms: { count: 3, min: 1_000, median: 1_200, max: 1_500 }, bytes: 6 * 1024 * 1024 }],
        errors: ['HTTP 500'],
      },
    ],
  };
}

describe('duration and spread', () => {
  it('writes milliseconds below a second and seconds above', () => {
    expect([duration(4.25), duration(450.4), duration(2_345), duration(undefined)]).toEqual(['4.3 ms', '450 ms', '2.35 s', '–']);
  });

  it('gives the range only when there was more than one measurement', () => {
    expect(spread({ count: 3, min: 800, median: 1_000, max: 1_200 })).toBe('1.00 s (800 ms–1.20 s)');
    expect(spread({ count: 1, min: 800, median: 800, max: 800 })).toBe('800 ms');
  });
});

describe('renderRunsMarkdown', () => {
  const markdown = renderRunsMarkdown(results());

  it('sets the run against the preview, leaving a failed preview out of its median', () => {
    expect(markdown).toContain('| 10,000 (4,000) | 3.00 s (2.50 s–4.00 s) | 1.25 s (1.00 s–1.50 s) | 2.40× | 1.20 s | 361 MiB / 301 MiB | 1.50 s / 1.20 s | 2.00 s / 500 ms |');
  });

  it('splits the time into stages, the engine’s added up', () => {
    expect(markdown).toContain('| 10,000 (4,000) | run | 10 ms | 500 ms | 500 ms | 1.00 s | 200 ms | 790 ms | 3.00 s |');
    expect(markdown).toContain('| 10,000 (4,000) | preview | – | 500 ms | 500 ms | – | – | 250 ms | 1.25 s |');
    expect(markdown).toContain('- 10,000 (4,000): csr 100 ms, louvain 400 ms');
  });

  it('sets storing against each reference with rows per second', () => {
    expect(markdown).toContain('| ours: storing stage | reference, batches of 10,000 | ours / it | reference, batches of 1,000 + AnalysisResult’s indexes | ours / it |');
    expect(markdown).toContain('| 1.00 s (800 ms–1.20 s), 4,000 rows/s | 450 ms (400 ms–500 ms), 8,889 rows/s | 2.22× | 800 ms, 5,000 rows/s | 1.25× |');
  });

  it('reports reads, exports, context and errors', () => {
    expect(markdown).toContain('| 10,000 (4,000) | one entity (random) | 12 ms | 40 ms | 3 KiB |');
    expect(markdown).toContain('| 10,000 (4,000) | export gexf | 1.20 s (1.00 s–1.50 s) | 6,144 KiB |');
    expect(markdown).toContain('| 10,000 (4,000) | 4,263 | 22,000 | 1.0 s | 20.0 s | 20.0 s | 1,100/s | 30 (0.9000) | exact | 3.0 s (exit 0) |');
    expect(markdown).toContain('## Errors\n\n- 10,000 (4,000): HTTP 500');
  });
});
