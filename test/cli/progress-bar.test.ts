import { describe, expect, it } from 'vitest';

import { createProgressBar, progressLine, stageOf } from '../../src/cli/progress-bar.js';

describe('progress bar', () => {
  it('draws the share done as # out of 20, the percent and the stage', () => {
    expect(progressLine('OP-1', 45, 'analysing:louvain')).toBe('OP-1 [#########...........] 45% analysing:louvain');
    expect(progressLine('OP-1', 0, 'queued')).toBe('OP-1 [....................] 0% queued');
    expect(progressLine('OP-1', 100, 'storing')).toBe('OP-1 [####################] 100% storing');
    expect(progressLine('x', 140, 's', 4)).toBe('x [####] 100% s');
    expect(progressLine('x', -3, 's', 4)).toBe('x [....] 0% s');
  });

  it('names the stage: the place in the queue, or what a running run does', () => {
    expect(stageOf({ status: 'queued', stage: null, queuePosition: 2 })).toBe('queued (2 in line)');
    expect(stageOf({ status: 'queued', stage: null, queuePosition: null })).toBe('queued');
    expect(stageOf({ status: 'running', stage: 'analysing:pagerank', queuePosition: null })).toBe('analysing:pagerank');
    expect(stageOf({ status: 'interrupted', stage: null, queuePosition: null })).toBe('interrupted');
  });

  it('redraws one line in place, cut to the terminal width, and erases it when cleared', () => {
    const written: string[] = [];
    const bar = createProgressBar({ columns: 30, write: (text: string) => written.push(text) > 0 });
    bar.clear();
    expect(written).toEqual([]);
    bar.update('OP-1', { status: 'running', stage: 'analysing:louvain', queuePosition: null, progress: 45 });
    bar.update('OP-1', { status: 'running', stage: 'storing', queuePosition: null, progress: 75 });
    bar.clear();
    bar.clear();
    // 29 columns: one fewer than the terminal's, so the cursor never wraps.
    expect(written).toEqual(['\rOP-1 [#########...........] 4\u001b[K', '\rOP-1 [###############.....] 7\u001b[K', '\r\u001b[K']);
  });
});
