import { describe, expect, it } from 'vitest';

import { DEFAULT_SIZES, parseBenchArgs, peopleFor, QUICK_BUDGET_MS, QUICK_SIZES, RECORDS_PER_PERSON } from '../../../bench/ingest/args.js';

describe('peopleFor', () => {
  it('asks the generator for about records / RECORDS_PER_PERSON people', () => {
    expect(peopleFor(1_000_000)).toBe(Math.round(1_000_000 / RECORDS_PER_PERSON));
  });

  it('never asks for fewer people than the generator accepts', () => {
    expect(peopleFor(10)).toBe(100);
  });
});

describe('parseBenchArgs', () => {
  it('defaults to about 100k and 1M records with a 25-minute limit per load', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, sizes: DEFAULT_SIZES, seed: 42, loadTimeoutMs: 25 * 60_000 });
  });

  it('--quick runs one small size within a time budget for the whole run', () => {
    expect(parseBenchArgs(['--quick'])).toEqual({ quick: true, sizes: QUICK_SIZES, seed: 42, loadTimeoutMs: 90_000, budgetMs: QUICK_BUDGET_MS });
  });

  it('takes sizes, seed and the load limit from the command line', () => {
    expect(parseBenchArgs(['--sizes', '20k,200k', '--seed', '7', '--load-timeout-min', '0.5'])).toEqual({
      quick: false,
      sizes: [20_000, 200_000],
      seed: 7,
      loadTimeoutMs: 30_000,
    });
  });

  it('refuses unknown flags and bad values', () => {
    expect(() => parseBenchArgs(['--size', '5k'])).toThrow();
    expect(() => parseBenchArgs(['--seed', 'x'])).toThrow(/--seed/);
    expect(() => parseBenchArgs(['--load-timeout-min', '0'])).toThrow(/--load-timeout-min/);
    expect(() => parseBenchArgs(['--sizes', ','])).toThrow(/at least one size/);
  });
});
