import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { AnalysisPreviewSchema, type RankedNodeSchema } from '../../src/schemas/analysis.js';
import { AnalysisRunSchema, RankingPageSchema } from '../../src/schemas/runs.js';
import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

type Ranked = import('zod').infer<typeof RankedNodeSchema>;

/**
 * Rank confidence through the API, on the network of test/analytics/confidence/draws.test.ts:
 * two groups of four tied by meetings graded 1A (kept in every draw), joined through X, whose tie
 * to the second group rests on one report graded 3D (0.5 × 0.5: kept in a quarter of the draws).
 * A draw is then the network as loaded or the network without that report, which is what a
 * scope with minAssessment C reads; so X's median rank with and without the tie must be its rank
 * in those two previews, each worked out by the engine alone.
 */

describe('rank confidence: preview, run, refusals', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const investigation = `OP-${t}`;
  const scope = { investigations: [investigation] };
  const confidence = { draws: 80, seed: 3, top: 1 };
  const strong = { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'P' } as const;
  const weak = { sourceEvaluation: 3, intelligenceAssessment: 'D', handlingCode: 'P' } as const;
  const preview = async (body: object) => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: body });
    expect(response.statusCode, response.body).toBe(200);
    return AnalysisPreviewSchema.parse(response.json());
  };
  const node = (ranking: Ranked[], name: string) => ranking.find((n) => n.id === id(name))!;

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const people = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'X'];
    const links: object[] = [];
    for (const p of ['A', 'B']) {
      for (const [a, b] of [
        [1, 2],
        [1, 3],
        [1, 4],
        [2, 3],
        [2, 4],
        [3, 4],
      ]) {
        links.push({ id: id(`L-${p}${a}${b}`), type: 'meeting', from: id(`${p}${a}`), to: id(`${p}${b}`), count: 3 });
      }
    }
    links.push({ id: id('L-AX'), type: 'meeting', from: id('A1'), to: id('X'), count: 4 });
    links.push({ id: id('L-BX'), type: 'meeting', from: id('B1'), to: id('X'), count: 4, grading: weak });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: { investigations: [{ id: investigation }], defaults: { source: `REP-${t}`, grading: strong }, people: people.map((p) => ({ id: id(p), name: `${p} ${t}` })), links },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('reports each ranked person’s rank interval and what X’s rank depends on, matching the two networks a draw can be', async () => {
    const asLoaded = await preview({ scope });
    const withoutWeak = await preview({ scope: { ...scope, minAssessment: 'C' } });
    const xWith = node(asLoaded.ranking, 'X').rank!;
    const xWithout = node(withoutWeak.ranking, 'X').rank!;
    expect(xWith).toBe(1);
    expect(xWithout).toBeGreaterThan(1);
    expect(asLoaded.confidence).toBeUndefined();
    expect(node(asLoaded.ranking, 'X').confidence).toBeUndefined();

    const body = await preview({ scope, parameters: { confidence } });
    expect(body.parameters.confidence).toEqual({ draws: 80, dropout: 0, grading: true, seed: 3, top: 1 });
    expect(body.engine.used).toBe('graphology');
    expect(body.timings.confidenceDraws).toBeGreaterThan(0);
    expect(body.confidence).toMatchObject({ draws: 80, dropout: 0, grading: true, seed: 3, top: 1, sourcesPerDraw: 9 });
    // Nobody is first in 90% of draws: X is first only when the weak report is kept, A1 only when it is not.
    expect(body.confidence!.stableCore).toEqual([]);

    const x = node(body.ranking, 'X');
    expect(x.rank).toBe(xWith);
    const c = x.confidence!;
    expect(c.dependsOn[0]).toMatchObject({ key: `person:${id('B1')}`, name: `B1 ${t}`, tieKinds: { meeting: 1 }, medianRankWith: xWith, medianRankWithout: xWithout });
    // The tie is kept in about a quarter of 80 draws (binomial sd 0.048; ±4 sd), and X is first exactly then.
    expect(Math.abs(c.dependsOn[0]!.keptIn - 0.25)).toBeLessThan(0.2);
    expect(c.inTopK).toBeCloseTo(c.dependsOn[0]!.keptIn, 10);
    expect(c.medianRank).toBe(xWithout);
    expect(c.rankInterval).toEqual({ low: xWith, high: xWithout });
    expect(c.explanation[0]).toMatch(
      new RegExp(
        `^Ranked 1st on the network as reported; in 80 resampled networks \\(each fact kept as likely as its grading says\\) ranked between 1st and ${xWithout}\\w\\w in 90% of them`,
      ),
    );
    expect(c.explanation.at(-1)).toContain(`its tie to ${id('B1')} B1 ${t} (1 meeting, kept in`);
    // Every ranked entry has its part; the people of the first group never depend on the weak report.
    for (const entry of body.ranking) if (entry.rank !== null) expect(entry.confidence, entry.id).toBeDefined();
    for (const name of ['A2', 'A3', 'A4']) for (const d of node(body.ranking, name).confidence!.dependsOn) expect(d.key).toBe(`person:${id('B1')}`);
  });

  it('gives the same draws again (same seed, same data) and different ones with another seed', async () => {
    const a = await preview({ scope, parameters: { confidence } });
    const b = await preview({ scope, parameters: { confidence } });
    expect(b.ranking.map((n) => n.confidence)).toEqual(a.ranking.map((n) => n.confidence));
    const other = await preview({ scope, parameters: { confidence: { ...confidence, seed: 4 } } });
    expect(other.ranking.map((n) => n.confidence?.inTopK)).not.toEqual(a.ranking.map((n) => n.confidence?.inTopK));
  });

  it('stores a run’s confidence with its ranking, the same as the preview’s', async () => {
    const submitted = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope, parameters: { confidence } } });
    expect([200, 202], submitted.body).toContain(submitted.statusCode);
    const runId = submitted.json<{ id: string }>().id;
    await waitFor(async () => ['done', 'failed'].includes((await app.inject({ method: 'GET', url: `/v1/analyses/${runId}` })).json<{ status: string }>().status), 60_000, 250);
    const run = AnalysisRunSchema.parse((await app.inject({ method: 'GET', url: `/v1/analyses/${runId}` })).json());
    expect(run.status, JSON.stringify(run.error)).toBe('done');
    expect(run.summary!.confidence).toMatchObject({ draws: 80, seed: 3, top: 1, stableCore: [] });
    expect(run.timings!.confidenceDraws).toBeGreaterThan(0);
    const page = RankingPageSchema.parse((await app.inject({ method: 'GET', url: `/v1/analyses/${runId}/rankings?limit=20` })).json());
    const fromPreview = await preview({ scope, parameters: { confidence } });
    for (const item of page.items) expect(item.confidence, item.id).toEqual(node(fromPreview.ranking, item.id.replace(`-${t}`, '')).confidence);
  });

  it('refuses bad confidence parameters with the field path, and where no draws are made', async () => {
    const refused = async (url: string, payload: object, path: string) => {
      const response = await app.inject({ method: 'POST', url, payload });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.body).toContain(path);
    };
    await refused('/v1/analyses/preview', { scope, parameters: { confidence: { draws: 5 } } }, 'parameters.confidence.draws');
    await refused('/v1/analyses/preview', { scope, parameters: { confidence: { dropout: 0.95 } } }, 'parameters.confidence.dropout');
    await refused('/v1/analyses/preview', { scope, parameters: { confidence: { grading: false } } }, 'parameters.confidence.dropout');
    await refused('/v1/analyses/preview', { scope, parameters: { confidence: { draws: 20, extra: 1 } } }, 'parameters.confidence');
    await refused('/v1/analyses/preview', { scope, parameters: { engine: 'gds', confidence: {} } }, 'parameters.engine');
    await refused('/v1/analyses', { scope, parameters: { confidence: { top: 0 } } }, 'parameters.confidence.top');
    await refused('/v1/disruption/plan', { scope, k: 1, parameters: { confidence: {} } }, 'parameters');
  });
});
