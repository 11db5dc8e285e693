import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseCliArgs, UsageError } from '../../src/generator/cli.js';

const ROOT = join(import.meta.dirname, '../..');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/generator/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('generator CLI', () => {
  it('parses --people, --seed, --out and an optional --investigations', () => {
    expect(parseCliArgs(['--people', '200', '--seed', '7', '--out', 'fixtures/small'])).toEqual({ people: 200, seed: 7, out: 'fixtures/small' });
    expect(parseCliArgs(['--people=500', '--seed=0', '--out=/tmp/x', '--investigations=4'])).toEqual({ people: 500, seed: 0, out: '/tmp/x', investigations: 4 });
    expect(parseCliArgs(['--people=500', '--seed=0', '--out=/tmp/x', '--duplicates=0.02'])).toEqual({ people: 500, seed: 0, out: '/tmp/x', duplicates: 0.02 });
    expect(parseCliArgs(['--people=500', '--seed=0', '--out=/tmp/x', '--hold-out=0.1'])).toEqual({ people: 500, seed: 0, out: '/tmp/x', holdOut: 0.1 });
  });

  it.each([
    [['--seed', '7', '--out', 'x'], /--people is required/],
    [['--people', '2e3', '--seed', '7', '--out', 'x'], /--people must be an integer from 100 to 1000000, got '2e3'/],
    [['--people', '99', '--seed', '7', '--out', 'x'], /--people must be an integer from 100/],
    [['--people', '200', '--seed', '-3', '--out', 'x'], /--seed/],
    [['--people', '200', '--seed', '4294967296', '--out', 'x'], /--seed must be an integer from 0 to 4294967295/],
    [['--people', '200', '--seed', '7'], /--out is required/],
    [['--people', '200', '--seed', '7', '--out', 'x', '--investigations', '0'], /--investigations must be an integer from 1 to 100/],
    [['--people', '200', '--seed', '7', '--out', 'x', '--duplicates', '0.5'], /--duplicates must be a share from 0 to 0.2 \(0.02 is 2%\), got '0.5'/],
    [['--people', '200', '--seed', '7', '--out', 'x', '--duplicates', 'some'], /--duplicates must be a share/],
    [['--people', '200', '--seed', '7', '--out', 'x', '--hold-out', '0.6'], /--hold-out must be a share from 0 to 0.5 \(0.1 is 10%\), got '0.6'/],
    [['--people', '200', '--seed', '7', '--out', 'x', '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(UsageError);
    expect(() => parseCliArgs(args)).toThrow(message);
  });

  it('exits with 2 and one error line plus the usage on bad arguments', () => {
    const result = run(['--people', 'lots', '--seed', '1', '--out', 'x']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "generate: --people must be an integer from 100 to 1000000, got 'lots'\nusage: generate --people N --seed S --out DIR [--investigations K] [--duplicates R] [--hold-out H]\n",
    );
  });

  it('writes the three files and prints a one-line summary of counts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sna-cli-'));
    try {
      const result = run(['--people', '150', '--seed', '3', '--out', dir]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^generated 150 people, \d+ organisations, .* \d+ relations \(\d+ noise, \d+ groups, 1 investigations\) with seed 3 into .+ in [\d.]+ s\n$/);
      expect((await readdir(dir)).sort()).toEqual(['network.json', 'network.ndjson', 'truth.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
