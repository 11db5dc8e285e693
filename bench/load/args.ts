import { parseCommonArgs } from '../harness/args.js';

/**
 * Command line of bench/load/main.ts. Sizes are given in people (the generator's unit): each size is
 * one network in its own fresh service. Every scenario runs `connections` connections for
 * `durationS` seconds after an unrecorded warm-up of `warmupS` seconds.
 */

export interface LoadArgs {
  quick: boolean;
  people: number[];
  seed: number;
  connections: number;
  durationS: number;
  warmupS: number;
  /**
   * --ingest-reference: before the service's load, the same records are loaded into its Neo4j
   * with the plain driver pattern and removed again, so one run gives the ingest ratio too
   * (npm run bench -- --quick; bench:ingest uses a second, bare Neo4j instead).
   */
  ingestReference: boolean;
}

/** --quick loads half the people: the load and the run before the scenarios then take ~20 s instead of ~40 s. */
export const LOAD_PEOPLE = { full: [4_000], quick: [2_000] };
export const FULL_DURATION_S = 30;
export const QUICK_DURATION_S = 10;
export const CONNECTIONS = 100;

/** A warm-up of a sixth of the measured time, 2 s at least: enough for the JIT and Neo4j's page cache. */
export function warmupFor(durationS: number): number {
  return Math.max(2, Math.round(durationS / 6));
}

function positiveInt(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`bench/load/args: --${flag} must be a positive whole number, got '${text}'`);
  return n;
}

export function parseLoadArgs(argv: readonly string[]): LoadArgs {
  const ingestReference = argv.includes('--ingest-reference');
  const rest = argv.filter((arg) => arg !== '--ingest-reference');
  const { quick, sizes, seed, values } = parseCommonArgs(rest, 'bench/load/args', LOAD_PEOPLE, ['duration', 'connections']);
  const durationS = positiveInt(values.duration, quick ? QUICK_DURATION_S : FULL_DURATION_S, 'duration');
  const connections = positiveInt(values.connections, CONNECTIONS, 'connections');
  return { quick, people: sizes, seed, connections, durationS, warmupS: warmupFor(durationS), ingestReference };
}
