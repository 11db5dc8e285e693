import { describe, expect, it } from 'vitest';

import { firstWriteMs } from '../../../bench/ingest/progress.js';

describe('firstWriteMs', () => {
  const points = [
    { atMs: 2_000, nodes: 0, relationships: 0 },
    { atMs: 4_000, nodes: 0, relationships: 0 },
    { atMs: 6_000, nodes: 2_000, relationships: 0 },
  ];

  it('is the time of the first count above the starting one', () => {
    expect(firstWriteMs(points)).toBe(6_000);
    expect(firstWriteMs(points, { nodes: 2_000, relationships: 0 })).toBeUndefined();
  });

  it('is undefined when nothing was written', () => {
    expect(firstWriteMs([])).toBeUndefined();
    expect(firstWriteMs(points.slice(0, 2))).toBeUndefined();
  });
});
