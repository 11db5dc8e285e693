import { describe, expect, it } from 'vitest';

import { analyse } from '../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { afterEngineStage, ENGINE_STAGE_SHARE, PHASES, within } from '../../src/runs/progress.js';

describe('run progress', () => {
  it('knows every stage the engine reports, in the order it reports them', async () => {
    const b = new PeopleProjectionBuilder();
    for (const id of ['A', 'B', 'C']) b.node({ label: 'Person', id, name: id, unresolved: false });
    b.link({ from: 'A', to: 'B', type: 'COMMUNICATION', count: 2, se: 1, ia: 'A' });
    const stages: string[] = [];
    await analyse(b.finish(), {}, { pathHelpers: 0, onStage: (stage) => stages.push(stage) });
    expect(stages).toEqual(Object.keys(ENGINE_STAGE_SHARE));
  });

  it('goes from the analysis phase to the storing phase over the engine stages', () => {
    expect(afterEngineStage('csr', 25)).toBe(26.5);
    expect(afterEngineStage('topMembers', 70)).toBe(PHASES.storing);
    expect(afterEngineStage('not-a-stage', 40)).toBe(40);
    let last: number = PHASES.analysing;
    for (const stage of Object.keys(ENGINE_STAGE_SHARE)) {
      const now = afterEngineStage(stage, last);
      expect(now).toBeGreaterThan(last);
      last = now;
    }
  });

  it('spreads a phase over its steps', () => {
    expect(within(75, 95, 0, 10)).toBe(75);
    expect(within(75, 95, 5, 10)).toBe(85);
    expect(within(75, 95, 12, 10)).toBe(95);
    expect(within(75, 95, 0, 0)).toBe(95);
  });
});
