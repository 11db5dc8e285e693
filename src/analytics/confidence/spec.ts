/**
 * How an analysis resamples its network to say how sure its ranking is (parameters.confidence,
 * docs/analytics.md "Rank confidence"): each draw keeps every fact with the chance its grading
 * gives (`grading`) and drops each remaining tie at the rate `dropout`; the ranking is worked out
 * again on every draw.
 */
export interface ConfidenceSpec {
  draws: number;
  /** Share of ties dropped at random in each draw, besides (or instead of) the grading. */
  dropout: number;
  /** Keep each fact with the chance its grading gives (weights.ts `confidence`). */
  grading: boolean;
  seed: number;
  /** The k of "in the top k" and of the stable core. */
  top: number;
}

/** Each draw's random stream: the same for a draw whichever worker and chunk computes it. */
export function drawSeed(seed: number, draw: number): number {
  return (seed ^ Math.imul(draw + 1, 0x9e3779b9)) >>> 0;
}
