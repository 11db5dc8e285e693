import { describe, expect, it } from 'vitest';

import { parseAnalyticsArgs } from '../../../bench/analytics/args.js';
import { precisionAt, rankedPeople } from '../../../bench/analytics/precision.js';
import { repeatWithin } from '../../../bench/analytics/repeat.js';

describe('parseAnalyticsArgs', () => {
  it('defaults to 10k, 100k and 1M ties, --quick to 10k only', () => {
    expect(parseAnalyticsArgs([])).toEqual({ quick: false, sizes: [10_000, 100_000, 1_000_000], seed: 42, referenceBudgetS: 120 });
    expect(parseAnalyticsArgs(['--quick'])).toEqual({ quick: true, sizes: [10_000], seed: 42, referenceBudgetS: 120 });
  });

  it('reads sizes and seed, and refuses bad ones', () => {
    expect(parseAnalyticsArgs(['--sizes', '50k,1.5m', '--seed', '7'])).toMatchObject({ sizes: [50_000, 1_500_000], seed: 7 });
    expect(() => parseAnalyticsArgs(['--sizes', 'lots'])).toThrow(/not a count/);
    expect(() => parseAnalyticsArgs(['--seed', '-1'])).toThrow(/--seed/);
    expect(() => parseAnalyticsArgs(['--people', '5'])).toThrow();
    expect(parseAnalyticsArgs(['--reference-budget-s', '45']).referenceBudgetS).toBe(45);
    expect(() => parseAnalyticsArgs(['--reference-budget-s', '0'])).toThrow(/--reference-budget-s/);
    expect(() => parseAnalyticsArgs(['--reference-budget-s', 'soon'])).toThrow(/--reference-budget-s/);
  });
});

describe('precisionAt', () => {
  const roles = { a: 'organiser', b: 'migrant', c: 'broker', d: 'money_mover', e: 'pilot', f: 'procurer' };

  it('is the share of the first k people whose planted role is a target', () => {
    expect(precisionAt(2, ['a', 'b', 'c'], roles)).toBe(0.5);
    expect(precisionAt(4, ['a', 'c', 'd', 'f', 'b'], roles)).toBe(1);
    // Fewer ranked people than k: the missing places count as misses.
    expect(precisionAt(4, ['a', 'e'], roles)).toBe(0.25);
    expect(precisionAt(1, ['unknown'], roles)).toBe(0);
    expect(() => precisionAt(0, ['a'], roles)).toThrow(/k must be/);
  });

  it('ranks people only, organisations left out before the cut', () => {
    const nodes = [
      { type: 'person', id: 'b' },
      { type: 'organisation', id: 'o' },
      { type: 'person', id: 'a' },
    ] as const;
    expect(rankedPeople({ order: Int32Array.from([1, 2, 0]), nodes: nodes.map((node) => ({ ...node, key: `${node.type}:${node.id}`, name: null })) })).toEqual(['a', 'b']);
  });
});

describe('repeatWithin', () => {
  /** A clock where run i takes durations[i] ms. */
  function clocked(durations: number[]) {
    let t = 0;
    let calls = 0;
    return {
      now: () => t,
      run: (index: number) => {
        t += durations[index]!;
        calls += 1;
        return index;
      },
      calls: () => calls,
    };
  }

  it('repeats cheap runs up to maxRuns', async () => {
    const c = clocked([10, 10, 10, 10, 10, 10]);
    const runs = await repeatWithin(c.run, { minRuns: 1, maxRuns: 5, budgetMs: 1_000, now: c.now });
    expect(runs.map((r) => r.ms)).toEqual([10, 10, 10, 10, 10]);
  });

  it('starts no run that would pass the budget, the longest run so far being the estimate', async () => {
    const c = clocked([40, 30, 30, 30]);
    // 40 + 40 ≤ 100: a second run; 70 + 40 > 100: no third.
    const runs = await repeatWithin(c.run, { minRuns: 1, maxRuns: 5, budgetMs: 100, now: c.now });
    expect(runs.map((r) => r.value)).toEqual([0, 1]);
  });

  it('always does minRuns, and calls beforeEach outside the timing', async () => {
    const c = clocked([500, 500, 500]);
    let before = 0;
    const runs = await repeatWithin(c.run, { minRuns: 2, maxRuns: 3, budgetMs: 100, now: c.now, beforeEach: () => void (before += 1) });
    expect(runs).toHaveLength(2);
    expect(before).toBe(2);
    await expect(repeatWithin(c.run, { minRuns: 0, maxRuns: 1, budgetMs: 1 })).rejects.toThrow(/minRuns/);
  });
});
