import { PEOPLE_MAX, PEOPLE_MIN } from '../../src/generator/network.js';
import { parseCommonArgs } from '../harness/args.js';

/**
 * Command line of bench/analytics/main.ts. Sizes are given in ties of the people projection (what
 * the analysis works on); the generator takes people, and how many ties a person brings
 * depends a little on the network's size, so `peopleForTies` interpolates measured ratios.
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

/**
 * Ties per generated person in the people projection (seed 42, E-assessed facts left out):
 * 5,000 people gave 11,732 ties, 50,000 gave 101,615 and 490,000 gave 996,984. Small networks
 * have relatively more crossings and shared places per person.
 */
export const TIES_PER_PERSON: readonly (readonly [ties: number, ratio: number])[] = [
  [11_732, 2.346],
  [101_615, 2.032],
  [996_984, 2.035],
];

/** People to generate for about `ties` ties: the ratio is interpolated on log(ties), held flat outside the table. */
export function peopleForTies(ties: number, table: readonly (readonly [number, number])[] = TIES_PER_PERSON): number {
  const first = table[0]!;
  const last = table[table.length - 1]!;
  let ratio = ties <= first[0] ? first[1] : last[1];
  for (let i = 1; i < table.length; i++) {
    const [x0, r0] = table[i - 1]!;
    const [x1, r1] = table[i]!;
    if (ties >= x0 && ties <= x1) {
      ratio = r0 + ((r1 - r0) * (Math.log(ties) - Math.log(x0))) / (Math.log(x1) - Math.log(x0));
      break;
    }
  }
  return Math.min(PEOPLE_MAX, Math.max(PEOPLE_MIN, Math.round(ties / ratio)));
}

/** `--quick`, `--sizes`, `--seed`, and `--reference-budget-s` (default 120). */
export function parseAnalyticsArgs(argv: readonly string[]): AnalyticsArgs {
  const { quick, sizes, seed, values } = parseCommonArgs(argv, 'bench/analytics/args', { full: ANALYTICS_SIZES, quick: ANALYTICS_QUICK_SIZES }, ['reference-budget-s']);
  const budget = values['reference-budget-s'];
  const referenceBudgetS = budget === undefined ? REFERENCE_BUDGET_S : Number(budget);
  if (!Number.isInteger(referenceBudgetS) || referenceBudgetS < 1) throw new Error(`bench/analytics/args: --reference-budget-s must be a whole number of seconds, at least 1, got '${budget}'`);
  return { quick, sizes, seed, referenceBudgetS };
}
