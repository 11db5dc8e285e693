import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { AnalysisPreviewSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * Answers that could come back empty without saying why: a tie weight of 0 that removes every
 * tie, a scope naming an investigation nobody can see, a person linked to themselves, an
 * eigenvector that did not converge. Each says so in the answer itself, or is refused with 400
 * when nothing can be computed.
 */
describe('no silent empties', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const scope = { investigations: [`OP-${t}`] };
  const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object });

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    // A chain of 50 people by communication (eigenvector's power iteration does not settle in
    // 100 steps on a long path), one of them also reported as linked to themselves.
    const people = Array.from({ length: 50 }, (_, i) => ({ id: id(`P${String(i).padStart(2, '0')}`), name: `P${i}` }));
    const links = people.slice(1).map((p, i) => ({ id: id(`LK${i}`), type: 'communication', from: people[i]!.id, to: p.id, count: 3 }));
    links.push({ id: id('LK-SELF'), type: 'communication', from: people[7]!.id, to: people[7]!.id, count: 2 });
    const response = await post('/v1/ingest', { investigations: [{ id: `OP-${t}` }], defaults: { source: `REP-${t}`, grading: GRADING }, people, links });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('warns when a tie weight of 0 removes every tie, and when every harm score is then 0', async () => {
    const response = await post('/v1/analyses/preview', { scope, parameters: { tieWeights: { communication: 0 } } });
    expect(response.statusCode, response.body).toBe(200);
    const body = AnalysisPreviewSchema.parse(response.json());
    expect(body.projection.ties).toBe(0);
    expect(body.warnings).toEqual(
      expect.arrayContaining([
        'parameters.tieWeights.communication is 0: communication relations make no ties',
        'no ties between the 50 nodes in scope (tieWeights.communication is 0): every structural measure is 0 and the ranking rests on what people did alone',
        'every harm score is 0: nothing in scope carries weight, so the 50 ranked are in key order, not by harm',
      ]),
    );
    expect(body.projection.dropped).toContainEqual({ reason: 'tieWeights.communication is 0 (no tie)', count: 49 });
    // The same in a plan.
    const plan = await post('/v1/disruption/plan', { scope, k: 1, strategies: ['degree'], parameters: { tieWeights: { communication: 0 } } });
    expect(plan.json().warnings).toContain('parameters.tieWeights.communication is 0: communication relations make no ties');
  });

  it('says a person is linked to themselves, and that the eigenvector did not converge, in the answer and in every row', async () => {
    const body = AnalysisPreviewSchema.parse((await post('/v1/analyses/preview', { scope })).json());
    expect(body.warnings).toEqual(
      expect.arrayContaining([
        `1 reported link ties a person to themselves (${id('P07')}): no tie made; check the source records`,
        'eigenvector centrality did not converge in 100 iterations; its values are the last iterate',
      ]),
    );
    expect(body.projection.dropped).toContainEqual({ reason: 'a link from a person to themselves (no tie)', count: 1 });
    expect(body.ranking.every((row) => row.measures.eigenvectorConverged === false)).toBe(true);
    expect(body.ranking.find((row) => row.id === id('P07'))!.measures.degree).toBe(2);
    // The GDS engine gathers ties in Cypher: the same ties, and the same warning.
    const gds = AnalysisPreviewSchema.parse((await post('/v1/analyses/preview', { scope, parameters: { engine: 'gds' } })).json());
    expect(gds.engine.used).toBe('gds');
    expect(gds.projection.ties).toBe(body.projection.ties);
    expect(gds.warnings).toContain(`1 reported link ties a person to themselves (${id('P07')}): no tie made; check the source records`);
  });

  it('refuses a scope of investigations that do not exist, and warns about one among others', async () => {
    const none = await post('/v1/analyses/preview', { scope: { investigations: [`NOPE-${t}`] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([
      { path: 'body.scope.investigations[0]', message: `NOPE-${t} is not an investigation you can see (there is none, or it is not assigned to you)` },
    ]);
    const some = await post('/v1/analyses/preview', { scope: { investigations: [`OP-${t}`, `NOPE-${t}`] } });
    expect(some.statusCode).toBe(200);
    expect(some.json().warnings).toContain(`scope.investigations[1]: NOPE-${t} is not an investigation you can see (there is none, or it is not assigned to you); left out`);
    expect(some.json().graph.nodes).toBe(50);
    const plan = await post('/v1/disruption/what-if', { scope: { investigations: [`NOPE-${t}`] }, remove: [{ type: 'person', id: id('P01') }] });
    expect(plan.statusCode).toBe(400);
    const run = await post('/v1/analyses', { scope: { investigations: [`OP-${t}`, `NOPE-${t}`] } });
    expect(run.statusCode).toBe(400);
    expect(run.json().error.details).toEqual([{ path: 'body.scope.investigations[1]', message: expect.stringContaining(`NOPE-${t} is not an investigation`) }]);
  });
});
