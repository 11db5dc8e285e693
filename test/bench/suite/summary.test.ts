import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  analyticsHeadlines,
  disruptionHeadlines,
  gdsHeadlines,
  type HeadlineRow,
  headlineTable,
  ingestHeadlines,
  linksHeadlines,
  loadHeadlines,
  resolutionHeadlines,
  runsHeadlines,
} from '../../../bench/suite/summary.js';

/**
 * The suite's headline rows, read from results files the benchmarks wrote earlier (committed in
 * bench/results/), against figures quoted from those runs' own reports and the README.
 */

const results = (name: string) => JSON.parse(readFileSync(new URL(`../../../bench/results/${name}.json`, import.meta.url), 'utf8'));
const find = (rows: HeadlineRow[], measure: string, size: string) => rows.find((row) => row.measure.startsWith(measure) && row.size.startsWith(size));

describe('suite headlines', () => {
  it('ingest: first-load rates and their ratio to the plain driver, and the service peak RSS', () => {
    const rows = ingestHeadlines(results('ingest-2026-11-28T23-25-24Z'));
    const small = find(rows, 'HTTP NDJSON load', '100,025 records')!;
    expect(small).toMatchObject({ ours: '806 records/s', reference: '4,164 records/s', better: 'higher' });
    expect(small.ratio).toBeCloseTo(805.86 / 4163.85, 4);
    expect(find(rows, 'HTTP NDJSON load', '996,926 records')!.ratio).toBeCloseTo(0.2407, 3);
    expect(find(rows, 'service peak RSS', '996,926')!.ours).toBe('363 MiB');
  });

  it('analytics: each algorithm against networkx and igraph, modularity side by side, precision', () => {
    const rows = analyticsHeadlines(results('analytics-2026-11-29T04-02-07Z'));
    const louvain = rows.filter((row) => row.measure === 'Louvain (+ modularity)' && row.reference?.startsWith('networkx'));
    // docs/benchmarks.md's figures for this run: Louvain 0.14x networkx at 10k, 0.045x at 100k, 0.044x at 1M.
    expect(louvain.map((row) => Number(row.ratio!.toFixed(3)))).toEqual([0.142, 0.045, 0.044]);
    expect(rows.filter((row) => row.measure === 'Louvain modularity')).toHaveLength(6);
    expect(rows.filter((row) => row.measure.startsWith('planted targets')).map((row) => row.ours)).toEqual(['100 % / 100 %', '100 % / 100 %', '100 % / 100 %']);
    // The event loop is probed on the largest size only.
    expect(rows.filter((row) => row.measure.startsWith('GET /healthz p99')).map((row) => row.size)).toEqual([expect.stringMatching(/ties$/)]);
  });

  it('disruption: the plan and each strategy per size, and whether networkx agrees', () => {
    const rows = disruptionHeadlines(results('disruption-2026-11-29T04-27-40Z'));
    expect(rows.filter((row) => row.measure.startsWith('networkx replays')).map((row) => row.ours)).toEqual(['yes', 'yes', 'yes']);
    expect(rows.filter((row) => row.measure.startsWith('strategy ')).length).toBeGreaterThanOrEqual(3 * 5);
  });

  it('resolution: linking time against all-pairs rapidfuzz extrapolated, precision and recall (bench/results/resolution-2026-12-06T23-29-57Z.md)', () => {
    const rows = resolutionHeadlines(results('resolution-2026-12-06T23-29-57Z'));
    const large = find(rows, 'record linkage', '100,000 people')!;
    // 9.74 s against rapidfuzz's 875.9 s extrapolated to all pairs of the person records.
    expect(large).toMatchObject({ ours: '9.74 s', reference: '875.9 s', better: 'lower' });
    expect(large.ratio).toBeCloseTo(0.01112, 4);
    expect(find(rows, 'planted duplicates found', '10,000 people')!.ours).toBe('98.9 % / 93.5 %');
    expect(find(rows, 'planted duplicates found', '100,000 people')!.ours).toBe('98.3 % / 86.5 %');
    expect(find(rows, 'pairs compared', '100,000 people')!.ours).toMatch(/^483,965 of /);
  });

  it('runs: a stored run against its preview (docs/benchmarks.md: 1.60x at both sizes), projection rate, page latency', () => {
    const rows = runsHeadlines(results('runs-2026-11-29T05-49-58Z'));
    const ratios = rows.filter((row) => row.measure.startsWith('stored run')).map((row) => Number(row.ratio!.toFixed(2)));
    expect(ratios).toEqual([1.6, 1.6]);
    expect(find(rows, 'projection from Neo4j', '')!.ours).toMatch(/ties\/s$/);
    expect(find(rows, 'ranking page', '')!.ours).toMatch(/ms \/ \d+ ms$/);
  });

  it('HTTP load: each scenario against /healthz under the same load (docs/benchmarks.md: 95/s, 0.014x)', () => {
    const rows = loadHeadlines(results('load-2026-12-04T14-39-55Z'));
    expect(rows).toHaveLength(4);
    const ranking = rows.find((row) => row.measure.includes('rankings?limit=50'))!;
    expect(ranking.ours).toMatch(/^95 req\/s, \d+ \/ 3416 ms, 0 errors$/);
    expect(ranking.ratio).toBeCloseTo(0.0137, 3);
  });

  it('writes one markdown row per headline, ratios with the better direction', () => {
    const table = headlineTable([
      { area: 'a', measure: 'm', size: 's', ours: '1 s', reference: 'x 2 s', ratio: 0.5, better: 'lower' },
      { area: 'b', measure: 'n', size: 't', ours: '3' },
    ]);
    expect(table.split('\n')).toEqual([
      '| area | measure | size | ours | reference | ours / reference |',
      '|---|---|---|---|---|---|',
      '| a | m | s | 1 s | x 2 s | 0.500× (lower is better) |',
      '| b | n | t | 3 |  |  |',
    ]);
  });

  it('gds: the GDS engine against the service’s own, memory of both processes, and their agreement', () => {
    const rows = gdsHeadlines(results('gds-2026-12-04T19-02-39Z'));
    const whole = rows.filter((row) => row.measure.startsWith('whole analysis with GDS'));
    // docs/benchmarks.md's figures for this run: 31.1 s against 8.8 s at 100k ties, 90.8 s against 32.9 s at 1M.
    expect(whole.map((row) => [row.size, row.ours, row.reference])).toEqual([
      ['91,292', '31.1 s', '8.84 s'],
      ['913,256', '90.8 s', '32.9 s'],
    ]);
    expect(whole.map((row) => Number(row.ratio!.toFixed(2)))).toEqual([3.52, 2.76]);
    expect(find(rows, 'agreement', '913,256')).toMatchObject({ ours: '0.857, 1/20', reference: '0.857' });
  });

  it('links: AUC per index against networkx, and the time to the best 100 pairs', () => {
    const rows = linksHeadlines(results('links-2026-12-07T02-41-16Z'));
    // bench/results/links-2026-12-07T02-41-16Z.md: Katz 0.992 both at 10,000 people, best 100 in 0.4 s against scipy's 5.2 s.
    expect(find(rows, 'held-out ties: AUC of katz', '10,000 people')).toMatchObject({ ours: '0.992', reference: '0.992', ratio: 1, better: 'higher' });
    const top = find(rows, 'best 100 untied pairs by katz', '10,000 people')!;
    expect(top.better).toBe('lower');
    expect(top.ratio).toBeLessThan(0.2);
    expect(find(rows, 'held-out ties: AUC of adamicAdar', '2,000 people')).toMatchObject({ ours: '0.686', reference: '0.686' });
  });
});
