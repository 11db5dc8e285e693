import { parseArgs } from 'node:util';

import { PEOPLE_MIN } from '../../src/generator/network.js';

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

/** `50k`, `1m`, `1.5M`, `120000` → a record count. */
export function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`bench/harness/args: '${text}' is not a count such as 50k, 1m or 120000`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  const n = Math.round(Number(match[1]) * scale);
  if (n < 1) throw new Error(`bench/harness/args: a size must be at least 1 record, got '${text}'`);
  return n;
}

/** People to generate for about `records` records (never below the generator's minimum). */
export function peopleFor(records: number): number {
  return Math.max(PEOPLE_MIN, Math.round(records / RECORDS_PER_PERSON));
}

/**
 * The flags every benchmark takes: --quick, --sizes (counts such as 10k,1m; the defaults
 * otherwise) and --seed, plus the benchmark's own string options. Errors name `module`.
 */
export function parseCommonArgs<O extends string>(
  argv: readonly string[],
  module: string,
  sizes: { full: number[]; quick: number[] },
  extra: readonly O[] = [],
): { quick: boolean; sizes: number[]; seed: number; values: Partial<Record<O, string>> } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '42' },
      ...Object.fromEntries(extra.map((name) => [name, { type: 'string' as const }])),
    },
  });
  const quick = (values.quick as boolean | undefined) ?? false;
  const given = values.sizes as string | undefined;
  const chosen = given !== undefined ? given.split(',').filter((s) => s.trim() !== '').map(parseCount) : quick ? sizes.quick : sizes.full;
  if (chosen.length === 0) throw new Error(`${module}: --sizes needs at least one size`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`${module}: --seed must be a non-negative integer, got '${String(values.seed)}'`);
  return { quick, sizes: chosen, seed, values: values as Partial<Record<O, string>> };
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { quick, sizes, seed, values } = parseCommonArgs(argv, 'bench/harness/args', { full: DEFAULT_SIZES, quick: QUICK_SIZES }, ['load-timeout-min']);
  const minutes = values['load-timeout-min'] !== undefined ? Number(values['load-timeout-min']) : quick ? 1.5 : 25;
  if (!(minutes > 0)) throw new Error(`bench/harness/args: --load-timeout-min must be a positive number, got '${values['load-timeout-min']}'`);
  // Quick must end well inside 3 minutes, two JVM start-ups included: a load still running when
  // the budget is spent is stopped and reported from how far it got.
  return { quick, sizes, seed, loadTimeoutMs: minutes * 60_000, ...(quick ? { budgetMs: QUICK_BUDGET_MS } : {}) };
}
