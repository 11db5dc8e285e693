import { describe, expect, it } from 'vitest';

import { parseCount, peopleForTies } from '../../../bench/harness/args.js';

describe('parseCount', () => {
  it('reads plain numbers and k/m suffixes in either case', () => {
    expect(parseCount('120000')).toBe(120_000);
    expect(parseCount('50k')).toBe(50_000);
    expect(parseCount('1M')).toBe(1_000_000);
    expect(parseCount('1.5m')).toBe(1_500_000);
  });

  it('refuses what is not a count, naming the module', () => {
    expect(() => parseCount('lots')).toThrow(/^bench\/harness\/args: 'lots'/);
    expect(() => parseCount('-5k')).toThrow(/bench\/harness\/args/);
    expect(() => parseCount('0')).toThrow(/at least 1 record/);
  });
});

describe('peopleForTies', () => {
  const table = [
    [1_000, 2.5],
    [100_000, 2],
  ] as const;

  it('uses the measured ratio at a table point and holds it flat outside the table', () => {
    expect(peopleForTies(1_000, table)).toBe(400);
    expect(peopleForTies(100_000, table)).toBe(50_000);
    expect(peopleForTies(400_000, table)).toBe(200_000);
  });

  it('interpolates the ratio on log(ties) between points', () => {
    // 10,000 is halfway between 1,000 and 100,000 on a log scale: ratio 2.25.
    expect(peopleForTies(10_000, table)).toBe(Math.round(10_000 / 2.25));
  });

  it('stays within the generator’s limits', () => {
    expect(peopleForTies(10, table)).toBe(100);
    expect(peopleForTies(10_000_000, table)).toBe(1_000_000);
  });
});
