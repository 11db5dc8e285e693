import { describe, expect, it } from 'vitest';

import { keyOrder } from '../../../src/analytics/projection/builder.js';
import { createRng } from '../../../src/shared/rng.js';

/** Runs the steps through, counting them. */
function run(keys: string[]): { order: number[]; steps: number } {
  const steps = keyOrder(keys);
  for (let count = 0; ; count++) {
    const step = steps.next();
    if (step.done) return { order: Array.from(step.value), steps: count };
  }
}

describe('nodes put in key order a step at a time', () => {
  it('orders as the default string sort does, across many slices and merges', () => {
    const rng = createRng(17);
    const alphabet = ['a', 'b', 'Z', '0', '9', ':', '-', 'é', '\u{1F600}', '\uFFFF', ' '];
    const types = ['person', 'organisation', 'vessel', 'person2'];
    const seen = new Set<string>();
    while (seen.size < 70_000) {
      const length = rng.int(0, 12);
      let id = '';
      for (let i = 0; i < length; i++) id += alphabet[rng.int(0, alphabet.length - 1)];
      seen.add(`${types[rng.int(0, types.length - 1)]}:${id}`);
    }
    const keys = [...seen];
    const { order, steps } = run(keys);
    expect(order.map((i) => keys[i])).toEqual([...keys].sort());
    // Five slices, then three rounds of merging: the event loop is let go dozens of times.
    expect(steps).toBeGreaterThan(15);
  });

  it('handles no keys, one, and a slice exactly full', () => {
    expect(run([]).order).toEqual([]);
    expect(run(['x']).order).toEqual([0]);
    const keys = Array.from({ length: 16_384 }, (_, i) => `k${16_384 - i}`);
    expect(run(keys).order.map((i) => keys[i])).toEqual([...keys].sort());
  });
});
