import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * Reuse of a stored run for the same scope and parameters on unchanged data. What counts is the
 * version of the scope's investigations' data: other test files loading their own investigations
 * in parallel must not (and do not) make a run stale or stop its reuse.
 */

describe('analysis run reuse', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const investigation = `OP-R-${tag}`;
  const request = { scope: { investigations: [investigation] }, parameters: { seed: 3 } };
  const submit = (body: object) => app.inject({ method: 'POST', url: '/v1/analyses?wait=true', payload: body });
  const load = (people: string[]) =>
    app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigation }],
        defaults: { source: `REP-${tag}`, grading: GRADING },
        people: people.map((id) => ({ id: `${id}-${tag}`, name: id })),
        links: people.slice(1).map((id, i) => ({ id: `LK-${i}-${id}-${tag}`, type: 'communication', from: `${people[i]}-${tag}`, to: `${id}-${tag}`, count: 2 })),
      },
    });

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    expect((await load(['A', 'B', 'C', 'D'])).statusCode).toBe(200);
  });

  it('answers the same request on unchanged data with the stored run, however it is spelled', async () => {
    const first = (await submit(request)).json();
    expect(first).toMatchObject({ status: 'done', reused: false, stale: false });
    const again = await app.inject({ method: 'POST', url: '/v1/analyses', payload: request });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.id, reused: true, status: 'done' });
    // A default written out, keys and investigations in another order.
    const spelled = (await submit({ parameters: { resolution: 1, seed: 3 }, scope: { minAssessment: 'D', investigations: [investigation] } })).json();
    expect(spelled).toMatchObject({ id: first.id, reused: true });
    const other = (await submit({ ...request, parameters: { seed: 4 } })).json();
    expect(other).toMatchObject({ reused: false });
  });

  it('computes again when forced, and when the earlier run did not write back what this one would', async () => {
    const quiet = (await submit({ ...request, parameters: { seed: 9 }, writeBack: false })).json();
    expect(quiet).toMatchObject({ reused: false, writeBack: false });
    const loud = (await submit({ ...request, parameters: { seed: 9 } })).json();
    expect(loud).toMatchObject({ reused: false, writeBack: true });
    expect((await submit({ ...request, parameters: { seed: 9 }, writeBack: false })).json()).toMatchObject({ id: loud.id, reused: true });
    const forced = (await submit({ ...request, parameters: { seed: 9 }, force: true })).json();
    expect(forced).toMatchObject({ reused: false, status: 'done' });
    expect(forced.id).not.toBe(loud.id);
  });

  it('computes again once the data has changed, and marks the earlier run stale', async () => {
    const before = (await submit(request)).json();
    expect(before.reused).toBe(true);
    expect((await load(['A', 'B', 'C', 'D'])).statusCode).toBe(200);
    expect((await submit(request)).json()).toMatchObject({ id: before.id, reused: true });
    // New data in another investigation leaves this scope's runs as they were.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: { investigations: [{ id: `OP-ELSE-${tag}` }], defaults: { source: `REP-${tag}`, grading: GRADING }, people: [{ id: `Z-${tag}`, name: 'Z' }] },
    });
    expect(elsewhere.statusCode).toBe(200);
    expect((await submit(request)).json()).toMatchObject({ id: before.id, reused: true, stale: false });
    expect((await load(['A', 'B', 'C', 'D', 'E'])).statusCode).toBe(200);
    const after = (await submit(request)).json();
    expect(after).toMatchObject({ reused: false, status: 'done', stale: false, summary: { graph: { nodes: 5 } } });
    expect(after.scopeVersion).toBeGreaterThan(before.scopeVersion);
    expect((await app.inject({ method: 'GET', url: `/v1/analyses/${before.id}` })).json().stale).toBe(true);
  });
});
