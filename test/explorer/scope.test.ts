import { describe, expect, it } from 'vitest';

import { analysisRequestOf, currencyOf, describeRun, filtersOf, investigationsOf, runRequest } from '../../explorer/src/data/scope.js';
import { appliedParameters } from '../../src/analysis/settings.js';
import { WhatIfRequestSchema } from '../../src/schemas/disruption.js';
import { RunRequestSchema } from '../../src/schemas/runs.js';

describe('explorer/scope', () => {
  it('turns the grading and time window into a run request the service accepts', () => {
    const request = runRequest({ investigation: 'OP-TIDE', minAssessment: 'B', from: '2024-01-01', to: '2024-06-30' });
    expect(request).toEqual({ scope: { investigations: ['OP-TIDE'], minAssessment: 'B', from: '2024-01-01', to: '2024-06-30' } });
    expect(RunRequestSchema.safeParse(request).success).toBe(true);
    expect(runRequest({ investigation: null, minAssessment: 'D', from: null, to: null })).toEqual({ scope: { minAssessment: 'D' } });
  });

  it('refuses a window that ends before it starts, or is not made of dates', () => {
    expect(() => runRequest({ investigation: null, minAssessment: 'D', from: '2024-06-01', to: '2024-01-01' })).toThrow('explorer/scope: the window starts after it ends');
    expect(() => runRequest({ investigation: null, minAssessment: 'D', from: '1/6/2024', to: null })).toThrow('explorer/scope: from must be a date (YYYY-MM-DD)');
  });

  it('reads the filters back from a run, and describes it in one line', () => {
    const run = {
      scope: { investigations: ['OP-TIDE'], minAssessment: 'C', from: '2024-01-01', maxSourceEvaluation: 3 },
      createdAt: '2026-12-04T17:42:10.000Z',
      status: 'done' as const,
      summary: null,
    };
    expect(filtersOf(run)).toEqual({ investigation: 'OP-TIDE', minAssessment: 'C', from: '2024-01-01', to: null, resolution: 'none' });
    expect(describeRun(run)).toBe('2026-12-04 17:42 · OP-TIDE · grading ≥ C, 2024-01-01 to … · done');
    expect(filtersOf({ scope: {} })).toEqual({ investigation: null, minAssessment: 'D', from: null, to: null, resolution: 'none' });
    const merged = { ...run, scope: { ...run.scope, resolution: 'accepted' } };
    expect(filtersOf(merged).resolution).toBe('accepted');
    expect(describeRun(merged)).toBe('2026-12-04 17:42 · OP-TIDE · grading ≥ C, 2024-01-01 to … · duplicates merged (accepted) · done');
  });

  it('asks for merged duplicates only when told to, and keeps it when a run is asked again', () => {
    expect(runRequest({ investigation: null, minAssessment: 'D', from: null, to: null, resolution: 'none' })).toEqual({ scope: { minAssessment: 'D' } });
    expect(runRequest({ investigation: null, minAssessment: 'D', from: null, to: null, resolution: 'auto:0.95' })).toEqual({
      scope: { minAssessment: 'D', resolution: 'auto:0.95' },
    });
    expect(analysisRequestOf({ scope: { investigations: ['OP-TIDE'], resolution: 'accepted' }, parameters: {} }).scope).toEqual({
      investigations: ['OP-TIDE'],
      resolution: 'accepted',
    });
  });

  it('lists the investigations the runs name, once each', () => {
    expect(investigationsOf([{ scope: { investigations: ['B', 'A'] } }, { scope: {} }, { scope: { investigations: ['A'] } }])).toEqual(['A', 'B']);
  });

  it('turns a run’s applied parameters back into a what-if request the service accepts', () => {
    const applied = appliedParameters({
      resolution: 1.5,
      seed: 9,
      sharedLocationCap: 12,
      engine: 'auto',
      reportingCurrency: 'EUR',
      harmWeights: { financial: 2 },
      previousCommunities: [{ id: 'c1', members: ['person:P1'] }],
    });
    const run = { scope: { investigations: ['OP-TIDE'], minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' }, parameters: applied as Record<string, unknown> };
    const { scope, parameters } = analysisRequestOf(run);
    expect(parameters).toMatchObject({ resolution: 1.5, seed: 9, sharedLocationCap: 12, reportingCurrency: 'EUR' });
    expect((parameters.harmWeights as Record<string, number>).financial).toBe(2);
    expect(parameters).not.toHaveProperty('previousCommunities');
    const parsed = WhatIfRequestSchema.safeParse({ scope, parameters, remove: [{ type: 'person', id: 'P1' }] });
    expect(parsed.error).toBeUndefined();
    expect(currencyOf(run)).toBe('EUR');
    expect(currencyOf({ parameters: {} })).toBe('GBP');
  });
});
