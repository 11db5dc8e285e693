import { describe, expect, it } from 'vitest';

import { percentile, summariseLatencies } from '../../../bench/harness/latency.js';

describe('latency percentiles', () => {
  it('takes nearest-rank percentiles: values some request really had', () => {
    const sorted = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(100);
    expect(percentile(sorted, 99)).toBe(198);
    expect(percentile(sorted, 100)).toBe(200);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile(sorted, 0)).toThrow(/p must be/);
  });

  it('summarises unsorted latencies and counts the slow ones', () => {
    expect(summariseLatencies([3, 250, 1, 2, 120])).toEqual({ count: 5, p50: 3, p99: 250, max: 250, over100ms: 2 });
    expect(summariseLatencies([])).toBeUndefined();
  });
});
