import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { InterruptedError } from '../../../bench/harness/abort.js';
import type { BenchHeader } from '../../../bench/harness/header.js';
import { finishSuite, RESULTS_DIR, ROOT, runSuite } from '../../../bench/harness/suite.js';

const machine = {
  cpuModel: 'Test CPU',
  cpus: 2,
  memoryGiB: 8,
  freeMemoryGiB: 6,
  node: 'v20.19.0',
  platform: 'linux',
  kernel: '6.1',
  gitCommit: 'abc1234',
  gitDirtyFiles: 0,
  loadAverage1m: 0.5,
};
const header = (): BenchHeader & { sizes: number[] } => ({ startedAt: '2025-01-02T03:04:05.678Z', machine, sizes: [1] });

describe('finishSuite', () => {
  const dirs: string[] = [];
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function finish(results: BenchHeader, options: { started?: number; interrupt?: AbortSignal } = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'sna-bench-suite-'));
    dirs.push(dir);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const progress = vi.fn();
    const paths = await finishSuite('demo', results, { render: (r) => `# demo ${r.startedAt}\n`, progress, dir, ...options });
    return { dir, paths, stdout: stdout.mock.calls.map((call) => String(call[0])).join(''), progress };
  }

  it('writes the markdown to stdout, then <name>-<date>.md and .json, and says where', async () => {
    const { dir, paths, stdout, progress } = await finish(header());
    expect(stdout).toBe('# demo 2025-01-02T03:04:05.678Z\n');
    expect(paths).toEqual({ md: join(dir, 'demo-2025-01-02T03-04-05Z.md'), json: join(dir, 'demo-2025-01-02T03-04-05Z.json') });
    expect(await readFile(paths.md, 'utf8')).toBe(stdout);
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(header());
    expect(progress).toHaveBeenCalledWith(`written ${paths.md} and ${paths.json}`);
  });

  it('leaves the header as it is when the suite does not time the whole run', async () => {
    const results = header();
    await finish(results);
    expect(results).toEqual(header());
  });

  it('stamps the end and the whole run’s time, and the interruption’s reason, before rendering', async () => {
    const results = header();
    const controller = new AbortController();
    controller.abort(new InterruptedError('SIGINT'));
    const { paths } = await finish(results, { started: performance.now() - 1_500, interrupt: controller.signal });
    expect(results.interrupted).toBe('interrupted by SIGINT');
    expect(results.durationMs).toBeGreaterThanOrEqual(1_500);
    expect(Date.parse(results.finishedAt!)).toBeGreaterThan(Date.parse(results.startedAt));
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toMatchObject({ interrupted: 'interrupted by SIGINT', finishedAt: results.finishedAt });
  });

  it('does not stamp an interruption that did not happen', async () => {
    const results = header();
    await finish(results, { started: performance.now(), interrupt: new AbortController().signal });
    expect(results.interrupted).toBeUndefined();
  });

  it('writes into bench/results/ of the repository unless told otherwise', () => {
    expect(RESULTS_DIR).toBe(join(ROOT, 'bench', 'results'));
    expect(ROOT).toBe(join(import.meta.dirname, '..', '..', '..'));
  });
});

describe('runSuite', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports a failure as bench/<name>: <stack> on stderr and exits with 1', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const error = new Error('no network');
    await runSuite('demo', () => Promise.reject(error));
    expect(stderr).toHaveBeenCalledWith(`bench/demo: ${error.stack}\n`);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('leaves a suite that succeeds alone', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    await runSuite('demo', async () => undefined);
    expect(exit).not.toHaveBeenCalled();
  });
});
