import { describe, expect, it } from 'vitest';

import { CACHED_GOAL, LATEST_LIMIT, loadScenarios, PAGE, pageOffsets, pathPicker, REFERENCE, scenarioOrder, UNCACHED_GOAL } from '../../../bench/load/scenarios.js';
import { createRng } from '../../../src/shared/rng.js';

describe('pageOffsets', () => {
  it('starts a page every `limit` entries, the last page possibly short', () => {
    expect(pageOffsets(120, 50)).toEqual([0, 50, 100]);
    expect(pageOffsets(100, 50)).toEqual([0, 50]);
  });

  it('has the first page of an empty or short ranking', () => {
    expect(pageOffsets(0, 50)).toEqual([0]);
    expect(pageOffsets(7, 50)).toEqual([0]);
  });

  it('refuses a limit below 1, naming the module', () => {
    expect(() => pageOffsets(100, 0)).toThrow(/^bench\/load\/scenarios: limit/);
  });
});

describe('loadScenarios', () => {
  const scenarios = loadScenarios({ runId: 'run-1', rankingTotal: 120, people: ['P-1', 'P 2'] });
  const byName = Object.fromEntries(scenarios.map((s) => [s.name, s]));

  it('pages through the whole ranking of the run', () => {
    expect(byName.rankings!.paths).toEqual([0, 50, 100].map((offset) => `/v1/analyses/run-1/rankings?limit=${PAGE}&offset=${offset}`));
  });

  it('asks for each top person in the run and in the graph, ids encoded for the URL', () => {
    expect(byName['run-entity']!.paths).toEqual(['/v1/analyses/run-1/entities/person/P-1', '/v1/analyses/run-1/entities/person/P%202']);
    expect(byName.entity!.paths).toEqual(['/v1/entities/person/P-1', '/v1/entities/person/P%202']);
  });

  it('reads the latest ranking with one path', () => {
    expect(byName.latest!.paths).toEqual([`/v1/rankings/latest?limit=${LATEST_LIMIT}`]);
  });

  it('sends the key to every /v1 scenario, and holds the cached reads and the uncached entity view to their goals', () => {
    expect(scenarios.every((s) => s.auth && !s.reference)).toBe(true);
    expect(scenarios.filter((s) => s.goal === CACHED_GOAL).map((s) => s.name)).toEqual(['rankings', 'run-entity', 'entity', 'latest']);
    expect(byName['entity-uncached']).toMatchObject({ goal: UNCACHED_GOAL, paths: byName.entity!.paths, headers: { 'cache-control': 'no-cache' } });
    expect([CACHED_GOAL, UNCACHED_GOAL]).toEqual([{ p99Ms: 100, ofReference: 0.25 }, { p99Ms: 250 }]);
  });

  it('refuses a run that ranked no people', () => {
    expect(() => loadScenarios({ runId: 'r', rankingTotal: 10, people: [] })).toThrow(/ranked no people/);
  });
});

describe('scenarioOrder', () => {
  it('puts the reference, without auth, before and after the scenarios', () => {
    const order = scenarioOrder(loadScenarios({ runId: 'r', rankingTotal: 10, people: ['P-1'] }));
    expect(order.map((s) => s.name)).toEqual(['healthz-before', 'rankings', 'run-entity', 'entity', 'latest', 'entity-uncached', 'healthz-after']);
    expect(order[0]).toMatchObject({ ...REFERENCE, auth: false, reference: true, paths: ['/healthz'] });
    expect(order.at(-1)!.reference).toBe(true);
  });
});

describe('pathPicker', () => {
  it('picks every path, reproducibly from the seed', () => {
    const paths = ['/a', '/b', '/c'];
    const draw = (seed: number) => {
      const pick = pathPicker(paths, createRng(seed));
      return Array.from({ length: 60 }, pick);
    };
    expect(new Set(draw(1))).toEqual(new Set(paths));
    expect(draw(1)).toEqual(draw(1));
  });

  it('always gives the only path, and refuses none', () => {
    expect(pathPicker(['/only'], createRng(1))()).toBe('/only');
    expect(() => pathPicker([], createRng(1))).toThrow(/at least one path/);
  });
});
