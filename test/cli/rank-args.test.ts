import { describe, expect, it } from 'vitest';

import { HELP, parseRankArgs } from '../../src/cli/rank-args.js';
import { EXIT, exitCodeOf, UsageError } from '../../src/cli/rank-errors.js';

describe('rank CLI arguments', () => {
  it('defaults: one run over all the data, top 20, a table on stdout, no write-back, engine auto, 60 minutes', () => {
    expect(parseRankArgs([])).toEqual({
      help: false,
      investigations: [],
      allInvestigations: false,
      top: 20,
      format: 'table',
      writeBack: false,
      engine: 'auto',
      waitMinutes: 60,
      verbose: false,
      warnings: [],
    });
  });

  it('takes repeated investigations in order, once each, and every other option', () => {
    const args = parseRankArgs([
      '--investigation',
      'OP-2',
      '--investigation=OP-1',
      '--investigation',
      'OP-2',
      '--top',
      '50',
      '--format',
      'csv',
      '--write-back',
      '--engine',
      'gds',
      '--out',
      'ranks.csv',
      '--api',
      'http://127.0.0.1:3000',
      '--key',
      's3cret',
      '--wait-minutes',
      '5',
      '-v',
    ]);
    expect(args).toEqual({
      help: false,
      investigations: ['OP-2', 'OP-1'],
      allInvestigations: false,
      top: 50,
      format: 'csv',
      writeBack: true,
      engine: 'gds',
      out: 'ranks.csv',
      api: { url: 'http://127.0.0.1:3000/', key: 's3cret' },
      waitMinutes: 5,
      verbose: true,
      warnings: ['--key is visible to anyone on this machine (ps) and stays in your shell history: put the key in SNA_API_KEY instead'],
    });
  });

  it('takes --all-investigations in either mode and an API without a key', () => {
    expect(parseRankArgs(['--all-investigations', '--format', 'json'])).toMatchObject({ allInvestigations: true, investigations: [], format: 'json' });
    expect(parseRankArgs(['--api', 'http://h:1', '--all-investigations'], {})).toMatchObject({ allInvestigations: true, api: { url: 'http://h:1/' } });
    expect(parseRankArgs(['--api', 'https://ranking.example/base'], {}).api).toEqual({ url: 'https://ranking.example/base' });
  });

  it('reads the API key from SNA_API_KEY, without a warning; --key wins over it, with one', () => {
    expect(parseRankArgs(['--api', 'http://h:1'], { SNA_API_KEY: 'from-env' })).toMatchObject({ api: { url: 'http://h:1/', key: 'from-env' }, warnings: [] });
    const flagged = parseRankArgs(['--api', 'http://h:1', '--key', 'from-flag'], { SNA_API_KEY: 'from-env' });
    expect(flagged.api).toEqual({ url: 'http://h:1/', key: 'from-flag' });
    expect(flagged.warnings).toEqual([expect.stringMatching(/^--key is visible to anyone .*\(ps\).*shell history: put the key in SNA_API_KEY instead$/)]);
    // Empty is as good as unset; and direct mode has no use for it.
    expect(parseRankArgs(['--api', 'http://h:1'], { SNA_API_KEY: '' }).api).toEqual({ url: 'http://h:1/' });
    expect(parseRankArgs([], { SNA_API_KEY: 'from-env' })).not.toHaveProperty('api');
  });

  it('answers --help (or -h) whatever else is given', () => {
    expect(parseRankArgs(['--help']).help).toBe(true);
    expect(parseRankArgs(['-h', '--top', '0']).help).toBe(true);
  });

  it.each([
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['OP-1'], "Unexpected argument 'OP-1'"],
    [['--top'], "Option '--top <value>' argument missing"],
    [['--investigation'], "Option '--investigation <value>' argument missing"],
    [['--top', '0'], "--top must be an integer from 1 to 1000, got '0'"],
    [['--top', '1001'], "--top must be an integer from 1 to 1000, got '1001'"],
    [['--top', '2.5'], "--top must be an integer from 1 to 1000, got '2.5'"],
    [['--top', 'ten'], "--top must be an integer from 1 to 1000, got 'ten'"],
    [['--wait-minutes', '0'], "--wait-minutes must be an integer from 1 to 10080, got '0'"],
    [['--format', 'xml'], "--format must be table, json or csv, got 'xml'"],
    [['--engine', 'spark'], "--engine must be auto, graphology or gds, got 'spark'"],
    [['--investigation', ' OP-1'], "--investigation ' OP-1': must not start with a space or contain control characters"],
    [['--investigation', 'x'.repeat(201)], `--investigation '${'x'.repeat(201)}': Too big`],
    [['--investigation', 'OP-1', '--all-investigations'], 'give --investigation or --all-investigations, not both'],
    [['--out', ''], '--out must name a file'],
    [['--key', 'k'], '--key needs --api'],
    [['--api', 'http://h:1', '--key', ' '], '--key must not be empty'],
    [['--api', 'not a url'], "--api must be a URL such as http://127.0.0.1:3000, got 'not a url'"],
    [['--api', 'ftp://h/'], "--api must be an http:// or https:// URL, got 'ftp://h/'"],
    [['--write-back=yes'], "Option '--write-back' does not take an argument"],
  ])('refuses %j with a usage error (exit 2)', (argv, message) => {
    let caught: unknown;
    try {
      parseRankArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toContain(message);
    expect(exitCodeOf(caught)).toBe(EXIT.usage);
  });

  it('documents every exit code in --help', () => {
    for (const code of Object.values(EXIT)) expect(HELP).toMatch(new RegExp(`^  ${code} |; ${code} the same`, 'm'));
  });
  it('takes --resolution as scope.resolution does, and refuses a bad one or one with --engine gds', () => {
    expect(parseRankArgs(['--resolution', 'auto:0.95']).resolution).toBe('auto:0.95');
    expect(parseRankArgs(['--resolution=accepted', '--engine', 'graphology']).resolution).toBe('accepted');
    expect(parseRankArgs([])).not.toHaveProperty('resolution');
    expect(() => parseRankArgs(['--resolution', 'auto:2'])).toThrow(/--resolution: .*auto:2/);
    expect(() => parseRankArgs(['--resolution', 'merge'])).toThrow(UsageError);
    expect(() => parseRankArgs(['--resolution', 'accepted', '--engine', 'gds'])).toThrow(/--resolution needs --engine auto or graphology/);
  });

  it('takes --confidence DRAWS and --dropout R as parameters.confidence, and refuses bad ones', () => {
    expect(parseRankArgs(['--confidence', '100']).confidence).toEqual({ draws: 100, dropout: 0 });
    expect(parseRankArgs(['--confidence=50', '--dropout', '0.2']).confidence).toEqual({ draws: 50, dropout: 0.2 });
    expect(parseRankArgs([])).not.toHaveProperty('confidence');
    expect(() => parseRankArgs(['--confidence', '5'])).toThrow(/--confidence must be an integer from 10 to 1000, got '5'/);
    expect(() => parseRankArgs(['--confidence', 'many'])).toThrow(/--confidence must be an integer/);
    expect(() => parseRankArgs(['--dropout', '0.1'])).toThrow(/--dropout needs --confidence/);
    expect(() => parseRankArgs(['--confidence', '20', '--dropout', '0.95'])).toThrow(/--dropout must be a number from 0 to 0.9, got '0.95'/);
    expect(() => parseRankArgs(['--confidence', '20', '--dropout=-1'])).toThrow(/--dropout must be a number/);
    expect(() => parseRankArgs(['--confidence', '20', '--engine', 'gds'])).toThrow(/--confidence needs --engine auto or graphology/);
  });
});
