import { describe, expect, it } from 'vitest';

import { assignStableIds, DEFAULTS } from '../../../src/analytics/communities/stable-ids.js';

const letters = (text: string) => text.split('');

describe('assignStableIds', () => {
  it('numbers a first run C-1, C-2 … in the order given', () => {
    expect(assignStableIds([letters('abc'), letters('de'), letters('f')], undefined)).toEqual({
      ids: ['C-1', 'C-2', 'C-3'],
      matches: [
        { previous: null, jaccard: 0 },
        { previous: null, jaccard: 0 },
        { previous: null, jaccard: 0 },
      ],
      reused: 0,
      fresh: 3,
      retired: [],
      merged: [],
      splitFrom: [],
    });
    expect(assignStableIds([], [])).toMatchObject({ ids: [], reused: 0, fresh: 0 });
  });

  it('gives the same communities the same ids, whatever order either run lists them in', () => {
    const previous = [
      { id: 'C-7', members: letters('fe') },
      { id: 'C-2', members: letters('cab') },
      { id: 'C-4', members: letters('d') },
    ];
    const result = assignStableIds([letters('abc'), letters('d'), letters('ef')], previous);
    expect(result.ids).toEqual(['C-2', 'C-4', 'C-7']);
    expect(result.matches.map((match) => match.jaccard)).toEqual([1, 1, 1]);
    expect(result).toMatchObject({ reused: 3, fresh: 0, retired: [], merged: [], splitFrom: [] });
  });

  it('keeps the id of a community that gained or lost a member', () => {
    const previous = [
      { id: 'C-1', members: letters('abcd') },
      { id: 'C-2', members: letters('efg') },
    ];
    const result = assignStableIds([letters('abcdx'), letters('ef')], previous);
    expect(result.ids).toEqual(['C-1', 'C-2']);
    expect(result.matches).toEqual([
      { previous: 'C-1', jaccard: 4 / 5 },
      { previous: 'C-2', jaccard: 2 / 3 },
    ]);
  });

  it('gives a new community a fresh id above the highest C-<n> seen, even among retired ids', () => {
    const previous = [
      { id: 'C-3', members: letters('abc') },
      { id: 'C-12', members: letters('pq') },
      { id: 'legacy-99', members: letters('rs') },
    ];
    const result = assignStableIds([letters('abc'), letters('xyz'), letters('uv')], previous);
    expect(result.ids).toEqual(['C-3', 'C-13', 'C-14']);
    expect(result).toMatchObject({ reused: 1, fresh: 2, retired: ['C-12', 'legacy-99'] });
  });

  it('gives a fresh id below the Jaccard threshold and uses each previous id once', () => {
    const previous = [{ id: 'C-1', members: letters('abcdefghij') }];
    // 2 shared of 13: 0.15, under the default 0.3.
    expect(assignStableIds([letters('abxyz')], previous).ids).toEqual(['C-2']);
    expect(assignStableIds([letters('abxyz')], previous, { minJaccard: 0.15 }).ids).toEqual(['C-1']);
    // abcdef (0.6) takes C-1 before ghij (0.4) can.
    const split = assignStableIds([letters('ghij'), letters('abcdef')], previous);
    expect(split.ids).toEqual(['C-2', 'C-1']);
  });

  it('reports a merge; the new community keeps the id of the larger overlap', () => {
    const previous = [
      { id: 'C-2', members: letters('ef') },
      { id: 'C-1', members: letters('abcd') },
      { id: 'C-3', members: letters('xyz') },
    ];
    const result = assignStableIds([letters('abcdef'), letters('xyz')], previous);
    expect(result.ids).toEqual(['C-1', 'C-3']);
    expect(result.merged).toEqual([{ into: 'C-1', from: ['C-1', 'C-2'] }]);
    expect(result.retired).toEqual(['C-2']);
    expect(result.splitFrom).toEqual([]);
  });

  it('reports a split; the larger part keeps the id', () => {
    const previous = [
      { id: 'C-5', members: letters('abcdef') },
      { id: 'C-1', members: letters('xy') },
    ];
    const result = assignStableIds([letters('xy'), letters('ef'), letters('abcd')], previous);
    expect(result.ids).toEqual(['C-1', 'C-6', 'C-5']);
    expect(result.splitFrom).toEqual([{ id: 'C-5', into: ['C-5', 'C-6'] }]);
    expect(result.merged).toEqual([]);
  });

  it('needs more than half (the default share) for a merge or a split', () => {
    const previous = [
      { id: 'C-1', members: letters('abcd') },
      { id: 'C-2', members: letters('efgh') },
    ];
    // abef holds exactly half of C-1 and half of C-2; cd and gh keep the ids (Jaccard 0.5 > 1/3).
    const result = assignStableIds([letters('abef'), letters('cd'), letters('gh')], previous);
    expect(result.ids).toEqual(['C-3', 'C-1', 'C-2']);
    expect(result.merged).toEqual([]);
    expect(result.splitFrom).toEqual([]);
    // Three quarters of each: a merge. Equal Jaccard (3/7) and overlap, so the smaller id stays.
    const merged = assignStableIds([letters('abcefg'), letters('d'), letters('h')], previous);
    expect(merged.ids).toEqual(['C-1', 'C-3', 'C-4']);
    expect(merged.merged).toEqual([{ into: 'C-1', from: ['C-1', 'C-2'] }]);
  });

  it('breaks ties deterministically: larger overlap, then earlier community, then smaller id', () => {
    const previous = [
      { id: 'C-9', members: letters('a') },
      { id: 'C-8', members: letters('b') },
    ];
    const forward = assignStableIds([letters('ab')], previous);
    const backward = assignStableIds([letters('ba')], [...previous].reverse());
    expect(forward.ids).toEqual(['C-8']);
    expect(backward).toEqual(forward);
    expect(forward.merged).toEqual([{ into: 'C-8', from: ['C-8', 'C-9'] }]);
  });

  it('has documented defaults and refuses bad options and overlapping input', () => {
    expect(DEFAULTS).toEqual({ minJaccard: 0.3, share: 0.5 });
    const previous = [{ id: 'C-1', members: letters('ab') }];
    expect(() => assignStableIds([], previous, { minJaccard: 0 })).toThrow(/^analytics\/stable-ids: minJaccard/);
    expect(() => assignStableIds([], previous, { share: 0.4 })).toThrow(/^analytics\/stable-ids: share/);
    expect(() => assignStableIds([letters('ab'), letters('b')], previous)).toThrow(/^analytics\/stable-ids: b is in two current communities/);
    expect(() => assignStableIds([], [...previous, { id: 'C-2', members: ['a'] }])).toThrow(/^analytics\/stable-ids: a is in two previous communities/);
    expect(() => assignStableIds([], [...previous, { id: 'C-1', members: ['z'] }])).toThrow(/^analytics\/stable-ids: previous ids must be unique/);
  });
});
