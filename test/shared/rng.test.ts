import { describe, expect, it } from 'vitest';

import { createRng, SEED_MAX } from '../../src/shared/rng.js';

const draws = (seed: number, n = 20) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats its stream for a seed and differs between seeds, neighbours included', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    expect(draws(0)).not.toEqual(draws(1));
  });

  it('keeps next() in [0, 1) and int() within its inclusive bounds, reaching both ends', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      seen.add(rng.int(3, 7));
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('weights its picks: a 9:1 choice comes out near 90%', () => {
    const rng = createRng(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy / 10_000).toBeCloseTo(0.9, 1);
  });

  it('shuffles into a permutation and samples distinct items', () => {
    const rng = createRng(3);
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(rng.shuffle([...items]).sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items.slice(0, 3), 10)).toHaveLength(3);
  });

  it.each([2, 12, 80])('draws Poisson counts with mean near %d', (mean) => {
    const rng = createRng(mean);
    let sum = 0;
    for (let i = 0; i < 4000; i++) sum += rng.poisson(mean);
    expect(Math.abs(sum / 4000 - mean)).toBeLessThan(mean * 0.05);
  });

  it('refuses an empty pick and seeds outside 32 bits', () => {
    expect(() => createRng(1).pick([])).toThrow(/shared\/rng: pick from an empty list/);
    expect(() => createRng(-1)).toThrow(/shared\/rng: seed/);
    expect(() => createRng(SEED_MAX + 1)).toThrow(/shared\/rng: seed/);
    expect(() => createRng(1.5)).toThrow(/shared\/rng: seed/);
  });
});
