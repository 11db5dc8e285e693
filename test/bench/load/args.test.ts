import { describe, expect, it } from 'vitest';

import { CONNECTIONS, FULL_DURATION_S, LOAD_PEOPLE, parseLoadArgs, QUICK_DURATION_S, warmupFor } from '../../../bench/load/args.js';

describe('parseLoadArgs', () => {
  it('runs 100 connections for 30 s a scenario on the full size by default', () => {
    expect(parseLoadArgs([])).toEqual({
      quick: false,
      people: LOAD_PEOPLE.full,
      seed: 42,
      connections: CONNECTIONS,
      durationS: FULL_DURATION_S,
      warmupS: 5,
      ingestReference: false,
    });
  });

  it('runs 10 s a scenario on the quick size with --quick', () => {
    expect(parseLoadArgs(['--quick'])).toMatchObject({ quick: true, people: LOAD_PEOPLE.quick, durationS: QUICK_DURATION_S, warmupS: 2 });
  });

  it('takes sizes in people, a duration, a connection count and a seed', () => {
    expect(parseLoadArgs(['--sizes', '1k,8k', '--duration', '60', '--connections', '20', '--seed', '7'])).toEqual({
      quick: false,
      people: [1_000, 8_000],
      seed: 7,
      connections: 20,
      durationS: 60,
      warmupS: 10,
      ingestReference: false,
    });
  });

  it('takes --ingest-reference anywhere among the flags', () => {
    expect(parseLoadArgs(['--quick', '--ingest-reference', '--sizes', '1k'])).toMatchObject({ quick: true, people: [1_000], ingestReference: true });
  });

  it('refuses a duration or connection count that is not a positive whole number, naming the module and flag', () => {
    expect(() => parseLoadArgs(['--duration', '0'])).toThrow(/^bench\/load\/args: --duration must be a positive whole number, got '0'/);
    expect(() => parseLoadArgs(['--connections', '2.5'])).toThrow(/--connections/);
    expect(() => parseLoadArgs(['--connections', 'many'])).toThrow(/--connections/);
  });

  it('refuses flags it does not know', () => {
    expect(() => parseLoadArgs(['--pipelining', '4'])).toThrow();
  });
});

describe('warmupFor', () => {
  it('warms up for a sixth of the measured time, never less than 2 s', () => {
    expect(warmupFor(30)).toBe(5);
    expect(warmupFor(60)).toBe(10);
    expect(warmupFor(10)).toBe(2);
    expect(warmupFor(1)).toBe(2);
  });
});
