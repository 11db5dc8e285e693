import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { RECORD_KINDS } from '../schemas/ingest.js';
import { SEED_MAX } from '../shared/rng.js';
import { DUPLICATES_MAX, generateNetwork, type GenerateOptions, HOLD_OUT_MAX, INVESTIGATIONS_MAX, PEOPLE_MAX, PEOPLE_MIN } from './network.js';
import { writeNetwork } from './write.js';

/**
 * `tsx src/generator/cli.ts --people N --seed S --out DIR [--investigations K] [--duplicates R] [--hold-out H]`:
 * generates a synthetic network and writes network.json, network.ndjson and truth.json into DIR;
 * `--duplicates 0.02` plants 2% of people a second time, with look-alikes (truth lists both);
 * `--hold-out 0.1` leaves out the links of 10% of the linked pairs (truth.heldOut lists them). Bad
 * arguments print one error line and the usage, and exit with 2.
 */

const USAGE = 'usage: generate --people N --seed S --out DIR [--investigations K] [--duplicates R] [--hold-out H]';

export class UsageError extends Error {}

function integer(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

export interface CliArgs extends GenerateOptions {
  out: string;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        people: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        investigations: { type: 'string' },
        duplicates: { type: 'string' },
        'hold-out': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const args: CliArgs = {
    people: integer('people', values.people, PEOPLE_MIN, PEOPLE_MAX),
    seed: integer('seed', values.seed, 0, SEED_MAX),
    out: values.out ?? '',
  };
  if (args.out.trim() === '') throw new UsageError('--out is required: the directory to write into');
  if (values.investigations !== undefined) args.investigations = integer('investigations', values.investigations, 1, INVESTIGATIONS_MAX);
  if (values.duplicates !== undefined) {
    const share = /^\d+(\.\d+)?$/.test(values.duplicates) ? Number(values.duplicates) : Number.NaN;
    if (!(share >= 0 && share <= DUPLICATES_MAX)) throw new UsageError(`--duplicates must be a share from 0 to ${DUPLICATES_MAX} (0.02 is 2%), got '${values.duplicates}'`);
    args.duplicates = share;
  }
  const holdOut = values['hold-out'];
  if (holdOut !== undefined) {
    const share = /^\d+(\.\d+)?$/.test(holdOut) ? Number(holdOut) : Number.NaN;
    if (!(share >= 0 && share <= HOLD_OUT_MAX)) throw new UsageError(`--hold-out must be a share from 0 to ${HOLD_OUT_MAX} (0.1 is 10%), got '${holdOut}'`);
    args.holdOut = share;
  }
  return args;
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`generate: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const network = generateNetwork(args);
  const files = await writeNetwork(args.out, network);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = Object.values(RECORD_KINDS).map(({ collection }) => `${network.document[collection]?.length ?? 0} ${collection}`);
  const megabytes = (files.reduce((sum, f) => sum + f.bytes, 0) / 1e6).toFixed(1);
  process.stdout.write(
    `generated ${counts.join(', ')} (${network.truth.noiseRecordIds.length} noise, ${network.truth.groups.length} groups, ` +
      `${network.document.investigations.length} investigations${network.truth.duplicates ? `, ${network.truth.duplicates.length} duplicates` : ''}${network.truth.heldOut ? `, ${network.truth.heldOut.length} ties held out` : ''}) with seed ${args.seed} into ${args.out} (${megabytes} MB) in ${seconds} s\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
