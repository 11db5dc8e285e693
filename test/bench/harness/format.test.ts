import { describe, expect, it } from 'vitest';

import { formatCount, formatInt, formatMiB, formatRate, formatRatio, formatSeconds, markdownTable } from '../../../bench/harness/format.js';

describe('figure formatting', () => {
  it('rounds and groups integers', () => {
    expect(formatInt(1234567.6)).toBe('1,234,568');
  });

  it('prints rates, ratios, seconds and MiB', () => {
    expect(formatRate(70_123.4)).toBe('70,123/s');
    expect(formatRatio(0.3149)).toBe('0.31×');
    expect(formatSeconds(12_345)).toBe('12.3 s');
    expect(formatMiB(2 * 1024 * 1024)).toBe('2,048 MiB');
  });

  it('prints a dash for a figure that is missing, so a failed phase never reads as 0', () => {
    for (const format of [formatInt, formatRate, formatRatio, formatSeconds, formatMiB]) {
      expect(format(undefined)).toBe('–');
      expect(format(Number.NaN)).toBe('–');
    }
  });

  it('names round record counts as a person would type them', () => {
    expect(formatCount(50_000)).toBe('50k');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(1_500_000)).toBe('1.5M');
    expect(formatCount(52_345)).toBe('52,345');
  });
});

describe('markdownTable', () => {
  it('writes a header, a rule and one line per row', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
  });

  it('escapes pipes and newlines and pads short rows, so columns cannot shift', () => {
    expect(markdownTable(['a', 'b'], [['x|y\nz']])).toBe('| a | b |\n|---|---|\n| x\\|y z |  |');
  });
});
