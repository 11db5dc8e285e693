import { parseArgs } from 'node:util';

import { PEOPLE_MAX, PEOPLE_MIN } from '../../src/generator/network.js';

/**
 * The command line every benchmark shares (--quick, --sizes, --seed) and the sizing of a
 * generated network: sizes are given in what a bench reports (records, ties), the generator
 * takes people.
 */

/** `50k`, `1m`, `1.5M`, `120000` → a record count. */
export function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`bench/harness/args: '${text}' is not a count such as 50k, 1m or 120000`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  const n = Math.round(Number(match[1]) * scale);
  if (n < 1) throw new Error(`bench/harness/args: a size must be at least 1 record, got '${text}'`);
  return n;
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
  const chosen =
    given !== undefined
      ? given
          .split(',')
          .filter((s) => s.trim() !== '')
          .map(parseCount)
      : quick
        ? sizes.quick
        : sizes.full;
  if (chosen.length === 0) throw new Error(`${module}: --sizes needs at least one size`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`${module}: --seed must be a non-negative integer, got '${String(values.seed)}'`);
  return { quick, sizes: chosen, seed, values: values as Partial<Record<O, string>> };
}

/**
 * Ties per generated person in the people projection (seed 42, E-assessed facts left out):
 * 5,000 people gave 11,732 ties, 50,000 gave 101,615 and 490,000 gave 996,984. Small networks
 * have relatively more crossings and shared places per person. The analytics and runs benches
 * both size their networks in ties.
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
