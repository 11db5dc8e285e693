import { describe, expect, it } from 'vitest';

import type { LoadBenchResults, LoadSizeResult, ScenarioCounts, ScenarioFigures } from '../../../bench/load/figures.js';
import { ratioText, renderLoadMarkdown, targetLines } from '../../../bench/load/report.js';

const counts = (ok: number, over: Partial<ScenarioCounts> = {}): ScenarioCounts => ({
  sent: ok + 100,
  responses: ok,
  ok,
  rateLimited: 0,
  otherNon2xx: 0,
  timeouts: 0,
  socketErrors: 0,
  statusCodes: { '200': ok },
  ...over,
});

const memory = (kib: number, cpuMs: number) => ({ peakRssKb: kib, hwmKb: kib + 1024, peakSince: 'load' as const, samples: 40, cpuMs });

function scenario(name: string, okPerSec: number, p99: number, over: Partial<ScenarioFigures> = {}): ScenarioFigures {
  const reference = name.startsWith('healthz');
  return {
    name,
    label: reference ? 'GET /healthz (reference)' : `GET ${name}`,
    rankings: name === 'rankings' || name === 'latest',
    reference,
    paths: 1,
    durationS: 10,
    counts: counts(okPerSec * 10),
    okPerSec,
    latency: { mean: p99 / 2, p50: p99 / 3, p90: p99 / 1.5, p99, max: p99 * 2 },
    bytesPerResponse: 4_096,
    memory: { service: memory(300 * 1024, 6_000), jvm: memory(900 * 1024, 9_000), client: memory(200 * 1024, 500) },
    auditRecords: reference ? undefined : okPerSec * 10 + 100,
    loadAverage1m: 2.5,
    ...over,
  };
}

function size(scenarios: ScenarioFigures[]): LoadSizeResult {
  return {
    people: 4_000,
    records: 21_030,
    load: { wallMs: 30_000, httpStatus: 200 },
    run: { id: 'run-1', wallMs: 8_400, nodes: 4_041, ties: 9_734, ranked: 4_041 },
    rankingTotal: 4_041,
    peopleLoaded: 200,
    rateLimit: '100000000',
    service: { startMs: 11_000, stopMs: 3_000, exitCode: 0 },
    scenarios,
    errors: [],
  };
}

function results(sizes: LoadSizeResult[]): LoadBenchResults {
  return {
    mode: 'quick',
    startedAt: '2026-11-29T06:00:00.000Z',
    durationMs: 120_000,
    buildMs: 6_000,
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
      connections: 100,
      durationS: 10,
      warmupS: 2,
      timeoutS: 10,
      poolSize: '50 (default)',
      rssPollMs: 250,
      principal: 'an analyst key',
    },
    sizes,
  };
}

const fast = () => [
  scenario('healthz-before', 8_000, 30),
  scenario('rankings', 2_000, 60),
  scenario('latest', 1_000, 90),
  scenario('entity', 400, 300),
  scenario('healthz-after', 10_000, 25),
];

describe('ratioText', () => {
  it('keeps two significant digits below a tenth, so slow routes do not all read 0.00×', () => {
    expect(ratioText(0.25)).toBe('0.25×');
    expect(ratioText(0.0047)).toBe('0.0047×');
    expect(ratioText(undefined)).toBe('–');
  });
});

describe('targetLines', () => {
  it('says both targets are met when nothing failed and the ranking reads’ p99 is under 100 ms', () => {
    const lines = targetLines(size(fast()));
    expect(lines[0]).toBe('- Zero errors: **met** (34,000 answers, all 2xx).');
    expect(lines[1]).toBe('- p99 under 100 ms for rankings: **met** (GET rankings p99 60 ms; GET latest p99 90 ms).');
  });

  it('names the scenarios that erred and the ranking read that was too slow; other routes’ p99 does not count', () => {
    const list = fast();
    list[2] = scenario('latest', 1_000, 140, { counts: counts(10_000, { responses: 10_012, rateLimited: 2, timeouts: 10 }) });
    const lines = targetLines(size(list));
    expect(lines[0]).toBe('- Zero errors: **missed**: GET latest 12.');
    expect(lines[1]).toContain('**missed**');
    expect(lines[1]).toContain('GET latest p99 140 ms');
    expect(lines[1]).not.toContain('entity');
  });

  it('says nothing was measured when no scenario ran', () => {
    expect(targetLines(size([scenario('healthz-before', 8_000, 30)]))).toEqual(['- Not measured.']);
  });
});

describe('renderLoadMarkdown', () => {
  const markdown = renderLoadMarkdown(results([size(fast())]));

  it('gives each scenario’s rate, its ratio to the mean reference and its latency', () => {
    expect(markdown).toContain('| GET rankings | 1 | 2,000/s | 0.22× | 20 ms | 40 ms | 60 ms | 120 ms | yes | 0 |');
    expect(markdown).toContain('| GET entity | 1 | 400/s | 0.044× | 100 ms | 200 ms | 300 ms | 600 ms | **no** | 0 |');
    expect(markdown).toContain('| GET /healthz (reference) | 1 | 8,000/s | reference |');
  });

  it('counts errors by kind and the audit records, and shows the resources', () => {
    expect(markdown).toContain('| GET rankings | 20,100 | 20,000 | 20,000 | 0 | 0 | 0 | 0 | 200: 20,000 | 20,100 | 4 KiB |');
    expect(markdown).toContain('| GET rankings | 301 MiB | 0.60 cores | 901 MiB | 0.90 cores | 0.05 cores | 0.3 ms / 0.5 ms | 2.5 |');
  });

  it('states the settings, the data and the analyst’s rate limit', () => {
    expect(markdown).toContain('# Load benchmark (quick), 2026-11-29T06:00:00.000Z');
    expect(markdown).toContain('100 connections, 10 s a scenario after 2 s of warm-up');
    expect(markdown).toContain('21,030 records');
    expect(markdown).toContain('(x-ratelimit-limit) 100000000 a minute');
  });

  it('lists the errors and says when the run was stopped', () => {
    const failed = size([
      scenario('healthz-before', 8_000, 30),
      scenario('rankings', 0, 0, { error: 'warm-up: socket hang up', counts: undefined, latency: undefined, okPerSec: undefined }),
    ]);
    failed.errors.push('the load answered 503');
    const text = renderLoadMarkdown({ ...results([failed]), interrupted: 'interrupted by SIGINT' });
    expect(text).toContain('**Stopped early (interrupted by SIGINT)');
    expect(text).toContain('- 4,000 people: the load answered 503');
    expect(text).toContain('- 4,000 people: GET rankings: warm-up: socket hang up');
    expect(text).toMatch(/\| GET rankings \| 1 \| – \| – \| – \| – \| – \| – \| – \| failed \|/);
  });
});
