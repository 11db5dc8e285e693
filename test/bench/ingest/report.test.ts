import { describe, expect, it } from 'vitest';

import { renderMarkdown } from '../../../bench/ingest/report.js';
import type { BenchResults } from '../../../bench/ingest/results.js';

const memory = (kib: number) => ({ startRssKb: kib - 2048, peakRssKb: kib, medianRssKb: kib, hwmKb: kib + 1024, peakSince: 'load' as const, samples: 10 });

function results(): BenchResults {
  const figures = { accepted: 50_000, rejected: 0, received: 50_000, batches: 40, httpStatus: 200, reportStatus: 'completed' };
  return {
    mode: 'quick',
    startedAt: '2025-01-02T03:04:05.678Z',
    durationMs: 90_000,
    buildMs: 8_000,
    machine: {
      cpuModel: 'Test CPU',
      cpus: 2,
      memoryGiB: 8,
      freeMemoryGiB: 6,
      node: 'v20.19.0',
      platform: 'linux',
      kernel: '6.1',
      gitCommit: 'abc1234',
      gitDirtyFiles: 0,
      loadAverage1m: 0.5,
    },
    settings: { heap: '2g', pageCache: '1g', serviceBatchSize: '2000', referenceBatchSize: 10_000, loadTimeoutMs: 120_000, seed: 42, rssPollMs: 100, referenceDatabase: 'fresh' },
    sizes: [
      {
        targetRecords: 50_000,
        people: 9_615,
        records: 50_000,
        fileBytes: 16_000_000,
        generateMs: 2_000,
        service: {
          startMs: 15_000,
          stopMs: 2_000,
          exitCode: 0,
          leftInTmpBytes: 16_400_000,
          loads: [
            {
              run: 'first',
              wallMs: 10_000,
              recordsPerSec: 5_000,
              ...figures,
              memory: { service: memory(102_400), jvm: memory(1_048_576), client: memory(51_200) },
              loadAverage1m: 1.5,
            },
            { run: 'reload', error: 'HTTP 503: down', memory: {}, loadAverage1m: 1.7 },
          ],
        },
        reference: {
          startMs: 12_000,
          loads: [{ run: 'first', wallMs: 2_500, recordsPerSec: 20_000, batches: 12, memory: { jvm: memory(1_024_000), client: memory(61_440) }, loadAverage1m: 1.2 }],
        },
      },
    ],
  };
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(results());

  it('puts ours and the reference side by side with their ratio', () => {
    expect(markdown).toContain('| 50,000 | first load | 10.0 s | 5,000/s | 2.5 s | 20,000/s | 0.25× | 1.5 / 1.2 |');
  });

  it('shows polled peak and VmHWM of the processes measured, and how much the bench client grew', () => {
    expect(markdown).toContain('| 50,000 | first load | 100 MiB / 101 MiB | 1,024 MiB / 1,025 MiB | 1,000 MiB / 1,001 MiB | 50 MiB (+2 MiB) | 60 MiB (+2 MiB) |');
  });

  it('leaves dashes where a load failed, and lists the error', () => {
    expect(markdown).toContain('| 50,000 | re-load (unchanged) | – | – | – | – | – | 1.7 / – |');
    expect(markdown).toContain('- 50k service: HTTP 503: down');
  });

  it('estimates a load stopped by the time limit from how much of the reference’s graph it had written', () => {
    const stopped = results();
    const size = stopped.sizes[0]!;
    size.service.loads[0] = {
      ...size.service.loads[0]!,
      wallMs: undefined,
      recordsPerSec: undefined,
      error: 'no response within 120000 ms',
      progress: [
        { atMs: 2_000, nodes: 0, relationships: 0 },
        { atMs: 100_000, nodes: 30_000, relationships: 10_000 },
      ],
    };
    size.reference.loads[0]!.graph = { nodes: 40_000, relationships: 40_000 };
    // Half the graph in 100 s: about 25,000 of the 50,000 records, 250/s, 1/80 of the reference's 20,000/s.
    expect(renderMarkdown(stopped)).toContain('| 50,000 | first load | stopped at 100.0 s | ≈250/s (50 % written) | 2.5 s | 20,000/s | ≈0.01× | 1.5 / 1.2 |');
  });

  it('lists the phases, with what the stopped service left in its TMPDIR', () => {
    expect(markdown).toContain('| 50,000 | 9,615 | 16.0 MB | 2.0 s | 15.0 s | 2.0 s (exit 0) | 16.4 MB | 12.0 s |');
  });

  it('names the machine and the commit', () => {
    expect(markdown).toContain('2 × Test CPU, 8 GiB, Node v20.19.0');
    expect(markdown).toContain('commit abc1234;');
  });
});
