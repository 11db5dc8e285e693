import { describe, expect, it } from 'vitest';

import { compareRuns, type Membership } from '../../src/runs/compare.js';

/**
 * Two runs made by hand, every event once. Before: A {a1–a4}, B {b1–b3}, C {c1–c4}, D {d1, d2},
 * E {e1–e3}. After: d1 is gone, new1–new3 are new; X = A ∪ B (merged), C is split into
 * Y {c1, c2} and Z {c3, c4}, only d2 of D is left, in W {d2, new1, new2} (D dissolved, W
 * emerged), E continued as V {e1–e3, new3} (Jaccard 3/4).
 */

function run(order: string[], community: (key: string) => string): Membership[] {
  return order.map((key, i) => ({ key, name: key.toUpperCase(), rank: i + 1, harmScore: 100 - i, community: community(key) }));
}

const before = run(['a1', 'b1', 'c1', 'd1', 'e1', 'a2', 'a3', 'a4', 'b2', 'b3', 'c2', 'c3', 'c4', 'd2', 'e2', 'e3'], (k) => k[0]!.toUpperCase());
const after = run(['new1', 'a1', 'e1', 'b1', 'c1', 'a2', 'a3', 'a4', 'b2', 'b3', 'c2', 'c3', 'c4', 'd2', 'e2', 'e3', 'new2', 'new3'], (k) => {
  if (k.startsWith('a') || k.startsWith('b')) return 'X';
  if (k === 'c1' || k === 'c2') return 'Y';
  if (k.startsWith('c')) return 'Z';
  if (k.startsWith('e') || k === 'new3') return 'V';
  return 'W';
});

describe('compareRuns', () => {
  const diff = compareRuns(before, after, 3);

  it('lists who entered and left the top N, with their other rank', () => {
    expect(diff.entered).toEqual([
      { key: 'new1', name: 'NEW1', rank: 1, previousRank: null, harmScore: 100 },
      { key: 'e1', name: 'E1', rank: 3, previousRank: 5, harmScore: 98 },
    ]);
    expect(diff.left).toEqual([
      { key: 'b1', name: 'B1', previousRank: 2, rank: 4, harmScore: 97 },
      { key: 'c1', name: 'C1', previousRank: 3, rank: 5, harmScore: 96 },
    ]);
  });

  it('lists the moves of those in either top N, biggest first', () => {
    expect(diff.moves.map((m) => [m.key, m.previousRank, m.rank, m.change])).toEqual([
      ['e1', 5, 3, 2],
      ['b1', 2, 4, -2],
      ['c1', 3, 5, -2],
      ['a1', 1, 2, -1],
    ]);
  });

  it('counts entities added, removed and kept', () => {
    expect(diff.entities).toEqual({ added: 3, removed: 1, kept: 15 });
  });

  it('finds merged, split, continued, dissolved and emerged communities', () => {
    expect(diff.communities).toEqual({
      continued: [{ from: 'E', to: 'V', jaccard: 0.75 }],
      merged: [{ into: 'X', from: ['A', 'B'] }],
      split: [{ from: 'C', into: ['Y', 'Z'] }],
      dissolved: ['D'],
      emerged: ['W'],
    });
  });

  it('finds nothing changed between a run and itself', () => {
    const same = compareRuns(before, before, 3);
    expect(same).toMatchObject({ entered: [], left: [], moves: [], entities: { added: 0, removed: 0, kept: 16 } });
    expect(same.communities.continued.map((c) => [c.from, c.to, c.jaccard])).toEqual(['A', 'B', 'C', 'D', 'E'].map((c) => [c, c, 1]));
    expect(same.communities).toMatchObject({ merged: [], split: [], dissolved: [], emerged: [] });
  });

  it('does not call a community split when a single member strays', () => {
    // Ten members; one moves to another community: below the 25 % share, so it continued.
    const ten = run(
      Array.from({ length: 12 }, (_, i) => `m${i}`),
      (k) => (Number(k.slice(1)) < 10 ? 'P' : 'Q'),
    );
    const stray = ten.map((m) => (m.key === 'm0' ? { ...m, community: 'Q' } : m));
    expect(compareRuns(ten, stray, 3).communities).toMatchObject({
      split: [],
      merged: [],
      continued: [
        { from: 'P', to: 'P', jaccard: 0.9 },
        { from: 'Q', to: 'Q', jaccard: 0.667 },
      ],
    });
  });
});
