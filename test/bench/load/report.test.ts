import { describe, expect, it } from 'vitest';

import type { LoadBenchResults, LoadSizeResult, ScenarioCounts, ScenarioFigures } from '../../../bench/load/figures.js';
import { ratioText, renderLoadMarkdown, targetLines } from '../../../bench/load/report.js';
import { CACHED_GOAL, UNCACHED_GOAL } from '../../../bench/load/scenarios.js';

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
    goal: reference ? undefined : name === 'entity-uncached' ? UNCACHED_GOAL : CACHED_GOAL,
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
  scenario('rankings', 3_000, 60),
  scenario('latest', 2_400, 90),
  scenario('entity-uncached', 500, 200),
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
  it('says each goal is met with the figures that decide it, and that nothing failed', () => {
    expect(targetLines(size(fast()))).toEqual([
      '- Zero errors: **met** (59,000 answers, all 2xx).',
      '- GET rankings, p99 < 100 ms, ≥ 0.25× of /healthz: **met** (p99 60 ms, 0.33× of /healthz).',
      '- GET latest, p99 < 100 ms, ≥ 0.25× of /healthz: **met** (p99 90 ms, 0.27× of /healthz).',
      '- GET entity-uncached, p99 < 250 ms: **met** (p99 200 ms, 0.056× of /healthz).',
    ]);
  });

  it('names the scenarios that erred, and for a missed goal what missed it and where the CPU went', () => {
    const list = [...fast(), scenario('entity', 400, 300)];
    list[2] = scenario('latest', 2_400, 140, { counts: counts(24_000, { responses: 24_012, rateLimited: 2, timeouts: 10 }) });
    const lines = targetLines(size(list));
    expect(lines[0]).toBe('- Zero errors: **missed**: GET latest 12.');
    expect(lines[2]).toMatch(
      /^- GET latest, p99 < 100 ms, ≥ 0\.25× of \/healthz: \*\*missed\*\* \(p99 140 ms ≥ 100 ms: CPU per answer service 0\.3 ms, Neo4j 0\.4 ms; busy: service 0\.60 cores, Neo4j 0\.90 cores, bench client 0\.05 cores; load average 2\.5\)\.$/,
    );
    expect(lines[4]).toContain('**missed** (p99 300 ms ≥ 100 ms and 0.044× of /healthz < 0.25×: CPU per answer service 1.5 ms');
    expect(lines[1]).toContain('**met**');
  });

  it('says nothing was measured when no scenario ran', () => {
    expect(targetLines(size([scenario('healthz-before', 8_000, 30)]))).toEqual(['- Not measured.']);
  });
});

describe('renderLoadMarkdown', () => {
  const markdown = renderLoadMarkdown(results([size(fast())]));

  it('gives each scenario’s rate, its ratio to the mean reference and its latency', () => {
    expect(markdown).toContain('| GET rankings | 1 | 3,000/s | 0.33× | 20 ms | 40 ms | 60 ms | 120 ms | p99 < 100 ms, ≥ 0.25× of /healthz: met | 0 |');
    const slow = renderLoadMarkdown(results([size([...fast(), scenario('entity', 400, 300)])]));
    expect(slow).toContain('| GET entity | 1 | 400/s | 0.044× | 100 ms | 200 ms | 300 ms | 600 ms | p99 < 100 ms, ≥ 0.25× of /healthz: **missed** | 0 |');
    expect(markdown).toContain('| GET /healthz (reference) | 1 | 8,000/s | reference |');
  });

  it('counts errors by kind and the audit records, and shows the resources', () => {
    expect(markdown).toContain('| GET rankings | 30,100 | 30,000 | 30,000 | 0 | 0 | 0 | 0 | 200: 30,000 | 30,100 | 4 KiB |');
    expect(markdown).toContain('| GET rankings | 301 MiB | 0.60 cores | 901 MiB | 0.90 cores | 0.05 cores | 0.2 ms / 0.3 ms | 2.5 |');
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
    expect(text).toContain('| GET rankings | 1 | – | – | – | – | – | – | p99 < 100 ms, ≥ 0.25× of /healthz: – | failed |');
  });
});
