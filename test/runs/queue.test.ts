import { describe, expect, it } from 'vitest';

import { JobQueue } from '../../src/runs/queue.js';

/** A job that ends when the test says so. */
function gate() {
  const open = new Map<string, () => void>();
  const started: string[] = [];
  const run = (id: string) =>
    new Promise<void>((resolve) => {
      started.push(id);
      open.set(id, resolve);
    });
  const finish = async (id: string) => {
    open.get(id)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, started, finish };
}

describe('JobQueue', () => {
  it('runs at most `concurrency` jobs, first in first out', async () => {
    const g = gate();
    const queue = new JobQueue(2, g.run);
    for (const id of ['a', 'b', 'c', 'd']) queue.enqueue(id);
    expect(g.started).toEqual(['a', 'b']);
    expect(queue.size).toEqual({ waiting: 2, running: 2 });
    expect(queue.positionOf('c')).toBe(1);
    expect(queue.positionOf('d')).toBe(2);
    await g.finish('b');
    expect(g.started).toEqual(['a', 'b', 'c']);
    expect(queue.isRunning('c')).toBe(true);
    expect(queue.positionOf('d')).toBe(1);
  });

  it('ignores a job it already holds, and takes a waiting one out', async () => {
    const g = gate();
    const queue = new JobQueue(1, g.run);
    queue.enqueue('a');
    queue.enqueue('b');
    queue.enqueue('b');
    queue.enqueue('a');
    expect(queue.size).toEqual({ waiting: 1, running: 1 });
    expect(queue.remove('a')).toBe(false);
    expect(queue.remove('b')).toBe(true);
    await g.finish('a');
    expect(g.started).toEqual(['a']);
  });

  it('starts nothing after stop and hands back what was waiting', async () => {
    const g = gate();
    const queue = new JobQueue(1, g.run);
    for (const id of ['a', 'b', 'c']) queue.enqueue(id);
    expect(queue.stop()).toEqual(['b', 'c']);
    queue.enqueue('d');
    await g.finish('a');
    expect(g.started).toEqual(['a']);
  });

  it('reports a job that throws and keeps going', async () => {
    const started: string[] = [];
    const failed: [string, string][] = [];
    const queue = new JobQueue(
      1,
      async (id) => {
        started.push(id);
        if (id === 'a') throw new Error('boom');
      },
      (id, error) => failed.push([id, (error as Error).message]),
    );
    queue.enqueue('a');
    queue.enqueue('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b']);
    expect(failed).toEqual([['a', 'boom']]);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => new JobQueue(0, async () => {})).toThrow('runs/queue: concurrency must be a positive integer, not 0');
  });
});
