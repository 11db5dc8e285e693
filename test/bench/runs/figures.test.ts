import { describe, expect, it } from 'vitest';

import { stagesOf } from '../../../bench/harness/run-timing.js';
import { medianStages, randomOffsets } from '../../../bench/runs/figures.js';
import { createRng } from '../../../src/shared/rng.js';

describe('medianStages', () => {
  it('takes each stage’s median over the repetitions that have it, engine stages prefixed', () => {
    const m = medianStages([stagesOf({ projection: 10, csr: 1, storing: 7 }), stagesOf({ projection: 30, csr: 3 }), stagesOf({ projection: 20, csr: 2, storing: 9 })]);
    expect(m).toEqual({ projection: 20, analysis: 2, storing: 8, 'engine.csr': 2 });
  });

  it('has nothing for no repetitions', () => {
    expect(medianStages([])).toEqual({});
  });
});

describe('randomOffsets', () => {
  it('stays where a whole page fits, and is the same for the same seed', () => {
    const offsets = randomOffsets(120, 50, 200, createRng(7));
    expect(offsets).toHaveLength(200);
    expect(offsets.every((o) => Number.isInteger(o) && o >= 0 && o <= 70)).toBe(true);
    // Spread over the ranking, not stuck at its start.
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(50);
    expect(randomOffsets(120, 50, 200, createRng(7))).toEqual(offsets);
  });

  it('asks for the first page of a ranking shorter than a page', () => {
    expect(randomOffsets(10, 50, 3, createRng(1))).toEqual([0, 0, 0]);
  });

  it('refuses a page size under 1', () => {
    expect(() => randomOffsets(10, 0, 3, createRng(1))).toThrow('bench/runs/figures: limit must be at least 1');
  });
});
