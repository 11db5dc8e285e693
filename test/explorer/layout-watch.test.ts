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

  it('is settled only after enough quiet samples in a row, movement counted per iteration', () => {
    const watch = new LayoutWatch({ threshold: 0.01, samples: 2 });
    expect(watch.sample(points(0, 0, 10, 0), 0)).toBe(Infinity);
    // 0.001 over 10 / 2 points… per iteration: under the threshold.
    expect(watch.sample(points(0, 0, 10, 0.001), 1)).toBeCloseTo(0.0005 / Math.hypot(10, 0.001), 12);
    expect(watch.settled).toBe(false);
    watch.sample(points(0, 0, 10, 5), 2);
    expect(watch.settled).toBe(false);
    watch.sample(points(0, 0, 10, 5.01), 3);
    watch.sample(points(0, 0, 10, 5.02), 4);
    expect(watch.settled).toBe(true);
  });

  it('divides a big move over the iterations that made it', () => {
    const watch = new LayoutWatch({ threshold: 0.01, samples: 1 });
    watch.sample(points(0, 0, 10, 0, 0, 10), 0);
    // One point moves by 1 (mean 1/3); the box after is 10 × 9. Over ten iterations, a tenth of that.
    expect(watch.sample(points(0, 0, 10, 0, 0, 9), 10)).toBeCloseTo(1 / 3 / Math.hypot(10, 9) / 10, 12);
    expect(watch.settled).toBe(true);
  });

  it('learns nothing from a sample with no iteration since the last (a starved worker)', () => {
    const watch = new LayoutWatch({ threshold: 0.01, samples: 1 });
    watch.sample(points(0, 0, 10, 0), 5);
    expect(watch.sample(points(0, 0, 10, 0), 5)).toBeNaN();
    expect(watch.settled).toBe(false);
  });

  it('becomes unsettled again when the drawing moves', () => {
    const watch = new LayoutWatch({ threshold: 0.01, samples: 1 });
    watch.sample(points(0, 0, 10, 0), 1);
    watch.sample(points(0, 0, 10, 0), 2);
    expect(watch.settled).toBe(true);
    watch.sample(points(0, 0, 20, 0), 3);
    expect(watch.settled).toBe(false);
  });
});
