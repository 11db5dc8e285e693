import { describe, expect, it } from 'vitest';

import { EXIT, exitCodeOf, InterruptedError } from '../../src/cli/rank-errors.js';
import { rankAll, type RankBackend, rankOne, type RankOptions, requestFor, targetsOf } from '../../src/cli/rank-jobs.js';
import type { RankingPage } from '../../src/cli/rank-output.js';
import type { AnalysisRun, RunRequest } from '../../src/schemas/runs.js';
import { runFixture as runOf } from './fixtures.js';

/**
 * The job loop against a scripted backend: what it submits, when it cancels, what it returns.
 * (Storage and the real run service are exercised end to end in rank.test.ts.)
 */

/** Each run goes through the statuses scripted for it, one per wait(); the last one stays. */
function scripted(script: Record<string, AnalysisRun['status'][]>, reused: string[] = []) {
  const calls: string[] = [];
  const submitted: RunRequest[] = [];
  const seen = new Map<string, number>();
  const idOf = (request: RunRequest) => request.scope.investigations?.[0] ?? 'all';
  const statusOf = (id: string) => {
    const steps = script[id]!;
    return steps[Math.min(seen.get(id) ?? 0, steps.length - 1)]!;
  };
  const backend: RankBackend = {
    where: 'in the script',
    investigations: async () => Object.keys(script).sort(),
    async submit(request, requestedBy) {
      const id = idOf(request);
      calls.push(`submit ${id} by ${requestedBy}`);
      submitted.push(request);
      return { run: runOf(id, statusOf(id)), reused: reused.includes(id) };
    },
    async wait(id) {
      seen.set(id, (seen.get(id) ?? 0) + 1);
      const status = statusOf(id);
      return runOf(id, status, status === 'failed' ? { error: { code: 'INTERNAL', message: 'boom' } } : { stage: 'analysing:louvain', progress: 50 });
    },
    async cancel(id) {
      calls.push(`cancel ${id}`);
    },
    async rankings(id, top): Promise<RankingPage> {
      calls.push(`rankings ${id} ${top}`);
      return { run: runOf(id, 'done'), total: 3, limit: top, offset: 0, items: [] };
    },
    async close() {},
  };
  return { backend, calls, submitted };
}

const options = (more: Partial<RankOptions> = {}): RankOptions => ({
  top: 5,
  writeBack: false,
  engine: 'auto',
  waitMs: 60_000,
  requestedBy: 'cli:test',
  signal: new AbortController().signal,
  pollMs: 1,
  ...more,
});

describe('rank jobs', () => {
  it('asks for the API’s defaults with one investigation, or none for all the data', () => {
    expect(requestFor('OP-1', false)).toEqual({
      scope: { investigations: ['OP-1'], minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' },
      parameters: { resolution: 1, seed: 1, sharedLocationCap: 30, engine: 'auto' },
      writeBack: false,
      force: false,
    });
    expect(requestFor(null, true).scope).toEqual({ minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' });
    expect(requestFor(null, true).writeBack).toBe(true);
  });

  it('ranks the investigations named, every one the backend may rank, or all the data in one run', async () => {
    const { backend } = scripted({ 'OP-2': ['done'], 'OP-1': ['done'] });
    expect(await targetsOf(backend, ['OP-2'], false)).toEqual(['OP-2']);
    expect(await targetsOf(backend, [], true)).toEqual(['OP-1', 'OP-2']);
    expect(await targetsOf(backend, [], false)).toEqual([null]);
  });

  it('refuses (exit 4) investigations the backend cannot rank, naming each, before any run', async () => {
    const { backend, calls } = scripted({ 'OP-1': ['done'] });
    const one = await targetsOf(backend, ['OP-1', 'OP-TYDE'], false).catch((error: unknown) => error);
    expect((one as Error).message).toBe('no investigation OP-TYDE in the script: nothing was ranked');
    expect(exitCodeOf(one)).toBe(EXIT.refused);
    await expect(targetsOf(backend, ['OP-X', 'OP-1', 'OP-Y'], false)).rejects.toThrow('no investigations OP-X, OP-Y in the script: nothing was ranked');
    expect(calls).toEqual([]);
  });

  it('runs the investigations one after another, following each until done, then reads its top N', async () => {
    const { backend, calls } = scripted({ 'OP-1': ['queued', 'running', 'done'], 'OP-2': ['done'] });
    const progress: string[] = [];
    const outcomes = await rankAll(backend, ['OP-1', 'OP-2'], options({ onProgress: (investigation, run) => progress.push(`${investigation} ${run.status}`) }));
    expect(calls).toEqual(['submit OP-1 by cli:test', 'rankings OP-1 5', 'submit OP-2 by cli:test', 'rankings OP-2 5']);
    expect(progress).toEqual(['OP-1 queued', 'OP-1 running']);
    expect(outcomes.map((o) => [o.investigation, o.run.status, o.page?.total, o.error])).toEqual([
      ['OP-1', 'done', 3, undefined],
      ['OP-2', 'done', 3, undefined],
    ]);
  });

  it('returns a failed run with its error and no ranking, and goes on with the next', async () => {
    const { backend, calls } = scripted({ 'OP-1': ['running', 'failed'], 'OP-2': ['running', 'cancelled'], 'OP-3': ['done'] });
    const outcomes = await rankAll(backend, ['OP-1', 'OP-2', 'OP-3'], options());
    expect(outcomes.map((o) => [o.run.status, o.error, o.page === undefined])).toEqual([
      ['failed', { code: 'INTERNAL', message: 'boom' }, true],
      ['cancelled', { code: 'CANCELLED', message: 'the run was cancelled' }, true],
      ['done', undefined, false],
    ]);
    expect(calls).not.toContain('cancel OP-1');
  });

  it('cancels its own run when the wait is over, and reports a timeout', async () => {
    const { backend, calls } = scripted({ 'OP-1': ['running'] });
    const outcome = await rankOne(backend, 'OP-1', options({ waitMs: 0 }));
    expect(calls).toEqual(['submit OP-1 by cli:test', 'cancel OP-1']);
    expect(outcome.error).toEqual({ code: 'TIMEOUT', message: 'still running after 0 min; cancelled' });
  });

  it('never cancels a reused run, which is someone else’s', async () => {
    const { backend, calls } = scripted({ 'OP-1': ['running'] }, ['OP-1']);
    const outcome = await rankOne(backend, 'OP-1', options({ waitMs: 0 }));
    expect(calls).toEqual(['submit OP-1 by cli:test']);
    expect(outcome.error?.message).toMatch(/left running/);

    const interrupt = new AbortController();
    interrupt.abort();
    const { backend: other, calls: otherCalls } = scripted({ 'OP-1': ['running'] }, ['OP-1']);
    await expect(rankOne(other, 'OP-1', options({ signal: interrupt.signal }))).rejects.toThrow(InterruptedError);
    expect(otherCalls).toEqual([]);
  });

  it('on interrupt cancels the run in progress and stops', async () => {
    const interrupt = new AbortController();
    const { backend, calls } = scripted({ 'OP-1': ['running'], 'OP-2': ['done'] });
    const waiting = rankAll(backend, ['OP-1', 'OP-2'], options({ signal: interrupt.signal, onProgress: () => interrupt.abort() }));
    await expect(waiting).rejects.toThrow(InterruptedError);
    expect(calls).toEqual(['submit OP-1 by cli:test', 'cancel OP-1']);
  });
});
