import { parseCommonArgs } from '../harness/args.js';

/**
 * Command line of bench/analytics/main.ts. Sizes are given in ties of the people projection
 * (what the analysis works on); the generator takes people, and how many ties a person brings
 * depends a little on the network's size, so `peopleForTies` (bench/harness/args.ts)
 * interpolates measured ratios.
 */

export interface AnalyticsArgs {
  quick: boolean;
  /** Target tie counts, one benchmark size each. */
  sizes: number[];
  seed: number;
  /** Seconds a reference library may spend on per-source work (betweenness, closeness) before it is compared per source. */
  referenceBudgetS: number;
}

export const REFERENCE_BUDGET_S = 120;

export const ANALYTICS_SIZES = [10_000, 100_000, 1_000_000];
export const ANALYTICS_QUICK_SIZES = [10_000];

/** `--quick`, `--sizes`, `--seed`, and `--reference-budget-s` (default 120). */
export function parseAnalyticsArgs(argv: readonly string[]): AnalyticsArgs {
  const { quick, sizes, seed, values } = parseCommonArgs(argv, 'bench/analytics/args', { full: ANALYTICS_SIZES, quick: ANALYTICS_QUICK_SIZES }, ['reference-budget-s']);
  const budget = values['reference-budget-s'];
  const referenceBudgetS = budget === undefined ? REFERENCE_BUDGET_S : Number(budget);
  if (!Number.isInteger(referenceBudgetS) || referenceBudgetS < 1)
    throw new Error(`bench/analytics/args: --reference-budget-s must be a whole number of seconds, at least 1, got '${budget}'`);
  return { quick, sizes, seed, referenceBudgetS };
}
