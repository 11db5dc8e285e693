import { describe, expect, it } from 'vitest';

import { LayoutWatch, relativeMovement } from '../../explorer/src/data/layout-watch.js';

const points = (...xy: number[]) => Float64Array.from(xy);

describe('explorer/layout-watch', () => {
  it('measures the mean move over the diagonal of the drawing', () => {
    // Three points on a 3 × 4 box (diagonal 5); one moves by 1 inside it: mean 1/3, over 5.
    expect(relativeMovement(points(0, 0, 3, 4, 1, 1), points(0, 0, 3, 4, 1, 2))).toBeCloseTo(1 / 15, 12);
    expect(relativeMovement(points(0, 0, 3, 4), points(0, 0, 3, 4))).toBe(0);
    expect(relativeMovement(points(), points())).toBe(0);
    expect(relativeMovement(points(1, 1), points(2, 2))).toBe(0);
    expect(() => relativeMovement(points(0, 0), points(0, 0, 1, 1))).toThrow('explorer/layout-watch: the samples have different sizes');
  });

  it('is settled only after enough quiet samples in a row', () => {
    const watch = new LayoutWatch({ threshold: 0.01, samples: 2 });
    expect(watch.sample(points(0, 0, 10, 0))).toBe(Infinity);
    watch.sample(points(0, 0, 10, 0.001));
    expect(watch.settled).toBe(false);
    watch.sample(points(0, 0, 10, 5));
    expect(watch.settled).toBe(false);
    watch.sample(points(0, 0, 10, 5.01));
    watch.sample(points(0, 0, 10, 5.02));
    expect(watch.settled).toBe(true);
  });

  it('becomes unsettled again when the drawing moves', () => {
    const watch = new LayoutWatch({ threshold: 0.01, samples: 1 });
    watch.sample(points(0, 0, 10, 0));
    watch.sample(points(0, 0, 10, 0));
    expect(watch.settled).toBe(true);
    watch.sample(points(0, 0, 20, 0));
    expect(watch.settled).toBe(false);
  });
});
