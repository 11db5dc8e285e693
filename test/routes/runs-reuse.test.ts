import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { usePrivateDatabaseApp } from '../support/embedded.js';
import { GRADING } from '../support/graph.js';

/**
 * Reuse of a stored run for the same scope and parameters on unchanged data. The data version is
 * the database's, moved by every load anywhere, so this runs on a private database: other test
 * files loading in parallel would otherwise change it between two requests.
 */

describe('analysis run reuse', () => {
  let app: FastifyInstance;
  const request = { scope: { investigations: ['OP-R'] }, parameters: { seed: 3 } };
  const submit = (body: object) => app.inject({ method: 'POST', url: '/v1/analyses?wait=true', payload: body });
  const load = (people: string[]) =>
    app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: 'OP-R' }],
        defaults: { source: 'REP-R', grading: GRADING },
        people: people.map((id) => ({ id, name: id })),
        links: people.slice(1).map((id, i) => ({ id: `LK-${i}-${id}`, type: 'communication', from: people[i], to: id, count: 2 })),
      },
    });

  usePrivateDatabaseApp('runs-reuse', {}, (a) => (app = a));

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
    const spelled = (await submit({ parameters: { resolution: 1, seed: 3 }, scope: { minAssessment: 'D', investigations: ['OP-R'] } })).json();
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
    expect((await load(['A', 'B', 'C', 'D', 'E'])).statusCode).toBe(200);
    const after = (await submit(request)).json();
    expect(after).toMatchObject({ reused: false, status: 'done', stale: false, summary: { graph: { nodes: 5 } } });
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    expect((await app.inject({ method: 'GET', url: `/v1/analyses/${before.id}` })).json().stale).toBe(true);
  });
});
