import { PEOPLE_MIN } from '../../src/generator/network.js';
import { parseCommonArgs } from '../harness/args.js';

/**
 * Command line of bench/ingest/main.ts. Sizes are given in records (what the throughput is
 * reported in); the generator takes people, at about RECORDS_PER_PERSON records each.
 */

/** Records per generated person, measured on the generator's output (10k people ≈ 52k records). */
export const RECORDS_PER_PERSON = 5.2;

export interface BenchArgs {
  quick: boolean;
  /** Target record counts, one benchmark size each. */
  sizes: number[];
  seed: number;
  /** Longest a single load may run before it is abandoned (the run then reports what it has). */
  loadTimeoutMs: number;
  /** The whole run's time budget (--quick only): loads are cut short so the run ends within it. */
  budgetMs?: number;
}

export const DEFAULT_SIZES = [100_000, 1_000_000];
export const QUICK_SIZES = [50_000];
export const QUICK_BUDGET_MS = 160_000;

/** People to generate for about `records` records (never below the generator's minimum). */
export function peopleFor(records: number): number {
  return Math.max(PEOPLE_MIN, Math.round(records / RECORDS_PER_PERSON));
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { quick, sizes, seed, values } = parseCommonArgs(argv, 'bench/ingest/args', { full: DEFAULT_SIZES, quick: QUICK_SIZES }, ['load-timeout-min']);
  const minutes = values['load-timeout-min'] !== undefined ? Number(values['load-timeout-min']) : quick ? 1.5 : 25;
  if (!(minutes > 0)) throw new Error(`bench/ingest/args: --load-timeout-min must be a positive number, got '${values['load-timeout-min']}'`);
  // Quick must end well inside 3 minutes, two JVM start-ups included: a load still running when
  // the budget is spent is stopped and reported from how far it got.
  return { quick, sizes, seed, loadTimeoutMs: minutes * 60_000, ...(quick ? { budgetMs: QUICK_BUDGET_MS } : {}) };
}
