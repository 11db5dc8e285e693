import { afterAll, describe, expect, it } from 'vitest';

import { analyse } from '../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { resultRows, unpackTies } from '../../src/runs/result-rows.js';
import { strongestInternalTies } from '../../src/runs/store-task.js';
import { runAnalyser } from '../../src/runs/storing-session.js';
import { createWorkerPool } from '../../src/workers/pool.js';
import { gc } from '../support/gc.js';

/**
 * Two triangles joined by one tie (A3–B1), communication counts making the strengths differ: the
 * rows a run stores come from the worker a batch at a time and equal those made in-process;
 * each community keeps its strongest internal ties; an abort ends the conversation.
 */

const GRADED = { se: 1, ia: 'A' } as const;

function projection() {
  const b = new PeopleProjectionBuilder();
  for (const id of ['A1', 'A2', 'A3', 'B1', 'B2', 'B3']) b.node({ label: 'Person', id, name: id, unresolved: false });
  const link = (from: string, to: string, count: number) => b.link({ from, to, type: 'COMMUNICATION', count, ...GRADED });
  link('A1', 'A2', 9);
  link('A2', 'A3', 3);
  link('A1', 'A3', 1);
  link('B1', 'B2', 4);
  link('B2', 'B3', 4);
  link('B1', 'B3', 2);
  link('A3', 'B1', 1);
  return b.finish();
}

describe('a run’s analysis in the worker', () => {
  const pool = createWorkerPool(1, { pathHelpers: 0 });
  const analyser = runAnalyser(pool);
  afterAll(() => pool.close());

  it('hands out the same rows as an analysis in-process, a batch at a time, with the packed ties', async () => {
    const local = await analyse(projection(), { seed: 1 });
    const expected = resultRows('run-1', local.ranking, 0, 6);
    const stages: string[] = [];
    const session = await analyser.analyseToStore(projection(), { seed: 1 }, 'run-1', { onStage: (s) => stages.push(s) });
    expect(stages).toContain('betweennessCloseness');
    expect(session.total).toBe(6);
    expect(session.summary).toMatchObject({ graph: { nodes: 6, ties: 7 }, communities: 2 });
    expect([...(await session.rows(0, 4)), ...(await session.rows(4, 6))]).toEqual(expected);
    expect(unpackTies(session.artefacts).source).toEqual(projection().ties.source);
    await session.finish();
  });

  it('holds the projection only while packing it: the analysis and the rows go on without it here', async () => {
    const collectedAtStage: boolean[] = [];
    // Made and handed over in a frame of its own, so only what analyseToStore keeps can hold it.
    const start = () => {
      const p = projection();
      const held = new WeakRef(p.nodes);
      const onStage = (stage: string) => {
        if (stage !== 'louvain') return;
        gc();
        collectedAtStage.push(held.deref() === undefined);
      };
      return analyser.analyseToStore(p, { seed: 1 }, 'run-3', { onStage });
    };
    const session = await start();
    const rows = await session.rows(0, 6);
    await session.finish();
    expect(collectedAtStage).toEqual([true]);
    expect(rows).toHaveLength(6);
  });

  it('ends when aborted, and a batch asked for then fails', async () => {
    const controller = new AbortController();
    const session = await analyser.analyseToStore(projection(), { seed: 1 }, 'run-2', { signal: controller.signal });
    controller.abort('cancel');
    await expect(session.rows(0, 6)).rejects.toBeDefined();
  });

  it('keeps each community’s internal ties, strongest first, and leaves out the ties between them', async () => {
    const p = projection();
    const { ranking } = await analyse(p, { seed: 1 });
    const byCommunity = strongestInternalTies(p, ranking);
    expect(byCommunity.size).toBe(2);
    const a = byCommunity.get(ranking.communityIds[ranking.community[0]!]!)!;
    // Strength ∝ 1 + ln(count) for one kind: 9 > 3 > 1.
    expect(a.total).toBe(3);
    expect(a.strongest.map((t) => [t.source, t.target, t.kinds])).toEqual([
      ['person:A1', 'person:A2', { communication: 1 }],
      ['person:A2', 'person:A3', { communication: 1 }],
      ['person:A1', 'person:A3', { communication: 1 }],
    ]);
    const keys = [...byCommunity.values()].flatMap((c) => c.strongest.flatMap((t) => [t.source, t.target]));
    expect([...byCommunity.values()].reduce((n, c) => n + c.total, 0)).toBe(6);
    expect(keys.filter((k) => k === 'person:B1').length).toBe(2);
  });
});
