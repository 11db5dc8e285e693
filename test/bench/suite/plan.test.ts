import { describe, expect, it } from 'vitest';

import { selectSteps, suitePlan } from '../../../bench/suite/plan.js';

describe('the benchmark suite plan', () => {
  it('runs every benchmark in the full mode, and four in the quick one (one service for ingest, runs and HTTP)', () => {
    expect(suitePlan(false, 42).map((step) => step.name)).toEqual(['ingest', 'analytics', 'disruption', 'runs', 'load', 'gds', 'resolution', 'links']);
    expect(suitePlan(true, 42).map((step) => step.name)).toEqual(['analytics', 'disruption', 'load', 'gds']);
  });

  it('gives quick steps the smallest sizes and every step the seed', () => {
    const quick = Object.fromEntries(suitePlan(true, 7).map((step) => [step.name, step.args]));
    expect(quick.analytics).toEqual(['--quick', '--reference-budget-s', '5', '--seed', '7']);
    expect(quick.load).toEqual(['--quick', '--sizes', '1k', '--duration', '3', '--ingest-reference', '--seed', '7']);
    expect(quick.gds).toEqual(['--sizes', '20k', '--heap', '2g', '--seed', '7']);
    expect(suitePlan(true, 7).reduce((sum, step) => sum + step.timeoutMs, 0)).toBeLessThanOrEqual(11 * 60_000);
    const full = Object.fromEntries(suitePlan(false, 42).map((step) => [step.name, step.args]));
    expect(full.analytics).toEqual(['--sizes', '10k,100k,1m', '--reference-budget-s', '20', '--seed', '42']);
  });

  it('selects steps by name in the plan’s order, and names unknown ones', () => {
    const plan = suitePlan(false, 42);
    expect(selectSteps(plan, undefined)).toHaveLength(8);
    expect(selectSteps(plan, 'load, ingest').map((step) => step.name)).toEqual(['ingest', 'load']);
    expect(() => selectSteps(plan, 'ingest,spark')).toThrow(/unknown step\(s\) spark; the steps are ingest, analytics, disruption, runs, load, gds, resolution, links/);
  });
});
