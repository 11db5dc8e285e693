import { describe, expect, it } from 'vitest';

import { percentiles, topPercentOf } from '../../../src/analytics/harm/percentile.js';

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

  it('says "top x%" of the ranked nodes, at least 1%', () => {
    const values = Array.from({ length: 200 }, (_, i) => i);
    const top = topPercentOf(values, new Array(200).fill(1));
    expect(top(199)).toBe(1);
    expect(top(190)).toBe(5);
    expect(top(0)).toBe(100);
    expect(topPercentOf([], [])(3)).toBe(100);
  });
});
