import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { rowWeight } from '../../../bench/runs/reference.js';

describe('rowWeight', () => {
  it('gives the rows, their mean property count and JSON bytes, integers written as numbers', () => {
    const rows = [
      { runId: 'r', position: neo4j.int(0), explanation: ['a'] },
      { runId: 'r', position: neo4j.int(12), explanation: ['a', 'b'], rank: neo4j.int(1), harmScore: 0.5 },
    ];
    // {"runId":"r","position":0,"explanation":["a"]} is 46 bytes; the second row 76.
    expect(rowWeight(rows)).toEqual({ count: 2, properties: 4, bytesPerRow: 61 });
  });

  it('weighs no rows as nothing', () => {
    expect(rowWeight([])).toEqual({ count: 0, properties: 0, bytesPerRow: 0 });
  });
});
