import { describe, expect, it } from 'vitest';

import { perSecond, ratio, summarise } from '../../../bench/harness/stats.js';

describe('summarise', () => {
  it('gives min, median and max of an odd count', () => {
    expect(summarise([5, 1, 3])).toEqual({ count: 3, min: 1, median: 3, max: 5 });
  });

  it('averages the two middle values of an even count', () => {
    expect(summarise([4, 1, 3, 10])).toEqual({ count: 4, min: 1, median: 3.5, max: 10 });
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    summarise(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('ignores values that are not finite and has no summary for none', () => {
    expect(summarise([Number.NaN, 2, Number.POSITIVE_INFINITY])).toEqual({ count: 1, min: 2, median: 2, max: 2 });
    expect(summarise([])).toBeUndefined();
  });
});

describe('perSecond and ratio', () => {
  it('turns a count and milliseconds into a rate', () => {
    expect(perSecond(50_000, 2_500)).toBe(20_000);
  });

  it('has no rate without a measured time', () => {
    expect(perSecond(10, 0)).toBeUndefined();
    expect(perSecond(10, Number.NaN)).toBeUndefined();
  });

  it('divides ours by the reference, and has no ratio when either is missing or the reference is 0', () => {
    expect(ratio(15_000, 60_000)).toBe(0.25);
    expect(ratio(undefined, 60_000)).toBeUndefined();
    expect(ratio(15_000, undefined)).toBeUndefined();
    expect(ratio(15_000, 0)).toBeUndefined();
  });
});
