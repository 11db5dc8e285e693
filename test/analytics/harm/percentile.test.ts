import { describe, expect, it } from 'vitest';

import { percentiles, scopeRank } from '../../../src/analytics/harm/percentile.js';

describe('percentiles', () => {
  it('ranks the positive values mid-rank, leaves zeros at zero and unranked nodes out', () => {
    // Positive and ranked: 5, 1, 3, 3 (the 9 is not ranked). Sorted 1, 3, 3, 5 of 4:
    // 1 → (0 + 0.5 + 0.5)/4, 3 → (1 + 1 + 0.5)/4 each, 5 → (3 + 0.5 + 0.5)/4.
    const values = [5, 0, 1, 3, 3, 9];
    const ranked = [1, 1, 1, 1, 1, 0];
    expect(Array.from(percentiles(values, ranked))).toEqual([1, 0, 0.25, 0.625, 0.625, 0]);
  });

  it('gives all zeros when nobody did anything', () => {
    expect(Array.from(percentiles([0, 0, 0], [1, 1, 1]))).toEqual([0, 0, 0]);
  });

  it('counts the population it ranks among: the ranked nodes above 0', () => {
    expect(scopeRank([5, 0, 1, 3, 3, 9], [1, 1, 1, 1, 1, 0]).among).toBe(4);
    expect(scopeRank([], []).among).toBe(0);
  });
});
