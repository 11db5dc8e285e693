/**
 * When a running layout has settled: the mean distance the nodes moved per iteration between
 * two samples, relative to the size of the drawing, stays under a threshold for a few samples
 * in a row. Per iteration, not per sample: a layout starved of CPU moves little between samples
 * without being anywhere near its equilibrium. ForceAtlas2 never stops by itself (it keeps
 * jittering around its equilibrium), so the page stops it here, or when its time budget runs
 * out, whichever comes first.
 */

/** ForceAtlas2 is stopped when settled or after this long. */
export const LAYOUT_BUDGET_MS = 20_000;

export const STABILITY_DEFAULTS = {
  /** Mean move per iteration as a share of the drawing's diagonal. */
  threshold: 0.0002,
  /** Samples in a row under the threshold. */
  samples: 3,
};

/** Mean Euclidean move of the points between `before` and `after` (x0, y0, x1, y1, …), over the diagonal of `after`'s bounding box. */
export function relativeMovement(before: Float64Array, after: Float64Array): number {
  if (before.length !== after.length) throw new Error('explorer/layout-watch: the samples have different sizes');
  const n = after.length / 2;
  if (n === 0) return 0;
  let moved = 0;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const [x, y] = [after[2 * i]!, after[2 * i + 1]!];
    moved += Math.hypot(x - before[2 * i]!, y - before[2 * i + 1]!);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const diagonal = Math.hypot(maxX - minX, maxY - minY);
  return diagonal === 0 ? 0 : moved / n / diagonal;
}

/** Feed it samples of the positions; `settled` turns true once they have stopped moving. */
export class LayoutWatch {
  private previous: Float64Array | null = null;
  private previousIterations = 0;
  private quiet = 0;
  readonly options: typeof STABILITY_DEFAULTS;

  constructor(options: Partial<typeof STABILITY_DEFAULTS> = {}) {
    this.options = { ...STABILITY_DEFAULTS, ...options };
  }

  /**
   * Records the positions after `iterations` iterations in all; returns the movement per
   * iteration since the last sample (Infinity for the first; NaN, and nothing recorded, when
   * no iteration ran in between).
   */
  sample(positions: Float64Array, iterations: number): number {
    const ran = iterations - this.previousIterations;
    if (this.previous && ran <= 0) return NaN;
    const movement = this.previous ? relativeMovement(this.previous, positions) / ran : Infinity;
    this.previous = positions;
    this.previousIterations = iterations;
    this.quiet = movement < this.options.threshold ? this.quiet + 1 : 0;
    return movement;
  }

  get settled(): boolean {
    return this.quiet >= this.options.samples;
  }
}
