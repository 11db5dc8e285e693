import { describe, expect, it } from 'vitest';

import type { RankedNode } from '../../explorer/src/data/api-types.js';
import { dateAt, dateSpan, rankingChange, windowRequest, windowView } from '../../explorer/src/data/time-window.js';
import { AnalysisRequestSchema } from '../../src/schemas/analysis.js';

/** The time slider's logic: the span of the data, the preview request, and the change in the top ranks, worked out by hand. */

const node = (id: string, rank: number | null): RankedNode =>
  ({ key: `person:${id}`, type: 'person', id, name: `Name ${id}`, rank, harmScore: rank === null ? null : 100 - rank }) as RankedNode;

describe('explorer/time-window', () => {
  it("spans the run's own window where it has one, the data's dates otherwise", () => {
    expect(dateSpan({}, { first: '2024-01-30', last: '2024-03-01' })).toEqual({ first: '2024-01-30', last: '2024-03-01', days: 31 });
    expect(dateSpan({ from: '2024-02-01' }, { first: '2024-02-03', last: '2024-02-10' })).toEqual({ first: '2024-02-01', last: '2024-02-10', days: 9 });
    expect(dateSpan({}, { first: '2024-05-05', last: '2024-05-05' })?.days).toBe(0);
    expect(dateSpan({}, { first: null, last: null })).toBeNull();
    expect(dateSpan({}, undefined)).toBeNull();
  });

  it('turns slider offsets into dates, across a leap day and within the span', () => {
    const span = dateSpan({}, { first: '2024-02-27', last: '2024-03-05' })!;
    expect(span.days).toBe(7);
    expect([0, 1, 2, 3, 7].map((d) => dateAt(span, d))).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-05']);
    expect([dateAt(span, -3), dateAt(span, 99)]).toEqual(['2024-02-27', '2024-03-05']);
  });

  it("asks for the run's scope and parameters with only the window changed, as the service accepts it", () => {
    const run = {
      scope: { investigations: ['OP-TIDE'], minAssessment: 'C', maxSourceEvaluation: 3, projection: 'people', from: '2023-01-01' },
      parameters: { seed: 4, resolution: 1.5, betweennessSamples: 'auto', money: { reportingCurrency: 'EUR' } },
    };
    const request = windowRequest(run, '2024-02-01', '2024-03-31');
    expect(request).toEqual({
      scope: { investigations: ['OP-TIDE'], minAssessment: 'C', maxSourceEvaluation: 3, projection: 'people', from: '2024-02-01', to: '2024-03-31' },
      parameters: { seed: 4, resolution: 1.5, reportingCurrency: 'EUR' },
      include: ['ties'],
    });
    expect(AnalysisRequestSchema.safeParse(request).success).toBe(true);
    expect(() => windowRequest(run, '2024-04-01', '2024-03-31')).toThrow('explorer/time-window: the window starts after it ends');
    expect(() => windowRequest(run, '2024-4-1', '2024-05-01')).toThrow('explorer/time-window: from and to must be dates');
  });

  it('says who entered, left and moved in the top, with ranks before and after', () => {
    const before = [node('A', 1), node('B', 2), node('C', 3), node('D', 4), node('V', null)];
    const after = [node('B', 1), node('A', 2), node('E', 3), node('C', 4), node('D', 5), node('V', null)];
    const change = rankingChange(before, after, 4);
    expect(change.top.map((e) => [e.key, e.rank, e.before])).toEqual([
      ['person:B', 1, 2],
      ['person:A', 2, 1],
      ['person:E', 3, null],
      ['person:C', 4, 3],
    ]);
    expect(change.entered).toEqual([{ key: 'person:E', name: 'Name E', rank: 3 }]);
    expect(change.left).toEqual([{ key: 'person:D', name: 'Name D', rank: 4, after: 5 }]);
    expect(change.moves).toEqual([
      { key: 'person:B', name: 'Name B', from: 2, to: 1 },
      { key: 'person:A', name: 'Name A', from: 1, to: 2 },
      { key: 'person:C', name: 'Name C', from: 3, to: 4 },
    ]);
  });

  it('reports someone absent from the window as left with no rank after, and an unchanged ranking as no change', () => {
    const before = [node('A', 1), node('B', 2)];
    expect(rankingChange(before, [node('B', 1)]).left).toEqual([{ key: 'person:A', name: 'Name A', rank: 1, after: null }]);
    expect(rankingChange(before, before)).toMatchObject({ entered: [], left: [], moves: [] });
  });

  it("re-scopes the run's drawing to the window's ties: the others hidden, the untied greyed", () => {
    const run = {
      nodes: ['person:A', 'person:B', 'person:C', 'person:D', 'person:E'],
      edges: [
        { key: 't0', source: 'person:A', target: 'person:B' },
        { key: 't1', source: 'person:A', target: 'person:C' },
        { key: 't2', source: 'person:B', target: 'person:C' },
        { key: 't3', source: 'person:C', target: 'person:D' },
        { key: 't4', source: 'person:D', target: 'person:E' },
      ],
    };
    // Ends in either order match; A and B are both active in the window, but their tie t0 is not one of its ties.
    const scoped = windowView(run, [
      { source: 'person:C', target: 'person:A' },
      { source: 'person:B', target: 'person:C' },
    ]);
    expect([...scoped.edges].sort()).toEqual(['t1', 't2']);
    expect([...scoped.greyed].sort()).toEqual(['person:D', 'person:E']);
    expect(scoped.notInRun).toBe(0);
    // A window tie the run has no edge for is counted, not drawn; a self-tie is neither (the drawing has none).
    const odd = windowView(run, [
      { source: 'person:A', target: 'person:E' },
      { source: 'person:D', target: 'person:D' },
    ]);
    expect(odd).toEqual({ edges: new Set(), greyed: new Set(['person:B', 'person:C', 'person:D']), notInRun: 1 });
    expect(windowView(run, [])).toEqual({ edges: new Set(), greyed: new Set(run.nodes), notInRun: 0 });
  });
});
