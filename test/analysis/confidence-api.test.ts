import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { ordinal } from '../../src/analytics/confidence/explain.js';
import { AnalysisPreviewSchema, type RankedNodeSchema } from '../../src/schemas/analysis.js';
import { AnalysisRunSchema, RankingPageSchema } from '../../src/schemas/runs.js';
import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

type Ranked = import('zod').infer<typeof RankedNodeSchema>;

/**
 * Rank confidence through the API, on the network of test/analytics/confidence/draws.test.ts:
 * three groups of four tied by meetings graded 1A (kept in every draw), joined through X, whose
 * tie to the third group rests on one report graded 3D (0.5 × 0.5: kept in a quarter of the
 * draws). A draw is then the network as loaded or the network without that report, which is what
 * a scope with minAssessment C reads; so X's median rank with and without the tie must be its
 * rank in those two previews, each worked out by the engine alone. A second investigation does
 * the same with a payment: M's only money is one payment graded 3D.
 */

describe('rank confidence: preview, run, refusals', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const investigation = `OP-${t}`;
  const scope = { investigations: [investigation] };
  const money = { investigations: [`OPM-${t}`] };
  let top = 1;
  const confidence = () => ({ draws: 80, seed: 3, top });
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
    const people = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'C4', 'X'];
    const links: object[] = [];
    for (const p of ['A', 'B', 'C']) {
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
    links.push({ id: id('L-BX'), type: 'meeting', from: id('B1'), to: id('X'), count: 4 });
    links.push({ id: id('L-CX'), type: 'meeting', from: id('C1'), to: id('X'), count: 4, grading: weak });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: { investigations: [{ id: investigation }], defaults: { source: `REP-${t}`, grading: strong }, people: people.map((p) => ({ id: id(p), name: `${p} ${t}` })), links },
    });
    expect(response.statusCode, response.body).toBe(200);
    const pay = (name: string, from: string, to: string, amount: number, grading: object = strong) => ({
      id: id(name),
      payer: { type: 'person', id: id(from) },
      payee: { type: 'person', id: id(to) },
      amount,
      currency: 'GBP',
      date: '2024-05-01',
      channel: 'cash',
      grading,
    });
    const paid = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OPM-${t}` }],
        defaults: { source: `REP-M-${t}`, grading: strong },
        people: ['M', 'N', 'P', 'Q', 'R'].map((p) => ({ id: id(p), name: `${p} ${t}` })),
        links: [
          { id: id('L-PQ'), type: 'meeting', from: id('P'), to: id('Q'), count: 2 },
          { id: id('L-QR'), type: 'meeting', from: id('Q'), to: id('R'), count: 2 },
          { id: id('L-NP'), type: 'meeting', from: id('N'), to: id('P'), count: 2 },
        ],
        payments: [pay('PAY-PQ', 'P', 'Q', 50_000), pay('PAY-QR', 'Q', 'R', 30_000), pay('PAY-NM', 'N', 'M', 900_000, weak)],
      },
    });
    expect(paid.statusCode, paid.body).toBe(200);
  });

  it('reports each ranked person’s rank interval and what X’s rank depends on, matching the two networks a draw can be', async () => {
    const asLoaded = await preview({ scope });
    const withoutWeak = await preview({ scope: { ...scope, minAssessment: 'C' } });
    const xWith = node(asLoaded.ranking, 'X').rank!;
    const xWithout = node(withoutWeak.ranking, 'X').rank!;
    // The premise: X stands higher with its weak tie than without it.
    expect(xWithout).toBeGreaterThan(xWith);
    top = xWith;
    expect(asLoaded.confidence).toBeUndefined();
    expect(node(asLoaded.ranking, 'X').confidence).toBeUndefined();

    const body = await preview({ scope, parameters: { confidence: confidence() } });
    expect(body.parameters.confidence).toEqual({ draws: 80, dropout: 0, grading: true, seed: 3, top });
    expect(body.engine.used).toBe('graphology');
    expect(body.timings.confidenceDraws).toBeGreaterThan(0);
    expect(body.confidence).toMatchObject({ draws: 80, dropout: 0, grading: true, seed: 3, top, sourcesPerDraw: 13 });
    // The stable core: those in the top k of both networks, so of every draw; not X (a quarter of draws).
    const core = asLoaded.ranking.filter((n) => n.rank !== null && n.rank <= top && node(withoutWeak.ranking, n.id.replace(`-${t}`, '')).rank! <= top).map((n) => n.id);
    expect(body.confidence!.stableCore.map((n) => n.id).sort()).toEqual(core.sort());
    expect(core).not.toContain(id('X'));

    const x = node(body.ranking, 'X');
    expect(x.rank).toBe(xWith);
    const c = x.confidence!;
    expect(c.dependsOn[0]).toMatchObject({ key: `person:${id('C1')}`, name: `C1 ${t}`, tieKinds: { meeting: 1 }, medianRankWith: xWith, medianRankWithout: xWithout });
    // The tie is kept in about a quarter of 80 draws (binomial sd 0.048; ±4 sd), and X is first exactly then.
    expect(Math.abs(c.dependsOn[0]!.keptIn - 0.25)).toBeLessThan(0.2);
    expect(c.inTopK).toBeCloseTo(c.dependsOn[0]!.keptIn, 10);
    expect(c.medianRank).toBe(xWithout);
    expect(c.rankInterval).toEqual({ low: xWith, high: xWithout });
    expect(c.explanation[0]).toMatch(
      new RegExp(
        `^Ranked ${ordinal(xWith)} on the network as reported; in 80 resampled networks \\(each fact kept as likely as its grading says\\) ranked between ${ordinal(xWith)} and ${ordinal(xWithout)} in 90% of them`,
      ),
    );
    expect(c.explanation.at(-1)).toContain(`its tie to ${id('C1')} C1 ${t} (1 meeting, kept in`);
    // Every ranked entry has its part; a rank can only depend on the one fact that is not certain.
    for (const entry of body.ranking) if (entry.rank !== null) expect(entry.confidence, entry.id).toBeDefined();
    for (const entry of body.ranking) for (const d of entry.confidence!.dependsOn) expect([d.key, entry.key].sort()).toEqual([`person:${id('C1')}`, `person:${id('X')}`].sort());
    for (const entry of body.ranking) expect(entry.confidence!.dependsOnFacts).toEqual([]);
  });

  it('names the one weak payment a person’s rank rests on, with their ranks with and without it', async () => {
    const asLoaded = await preview({ scope: money });
    const withoutWeak = await preview({ scope: { ...money, minAssessment: 'C' } });
    const mWith = node(asLoaded.ranking, 'M').rank!;
    const mWithout = node(withoutWeak.ranking, 'M').rank!;
    expect(mWith).toBe(1);
    expect(mWithout).toBeGreaterThan(1);
    const body = await preview({ scope: money, parameters: { confidence: { draws: 60, seed: 5, top: 1 } } });
    const c = node(body.ranking, 'M').confidence!;
    expect(c.dependsOnFacts).toHaveLength(1);
    expect(c.dependsOnFacts[0]).toMatchObject({ fact: `payment ${id('PAY-NM')}`, medianRankWith: mWith, medianRankWithout: mWithout });
    expect(c.inTopK).toBeCloseTo(c.dependsOnFacts[0]!.keptIn, 10);
    expect(c.explanation.at(-1)).toBe(
      `its position rests most on the payment ${id('PAY-NM')} (kept in ${Math.round(c.dependsOnFacts[0]!.keptIn * 100)}% of draws): median rank ${ordinal(mWithout)} without it, ${ordinal(mWith)} with it`,
    );
    // The payments graded 1A never move anyone.
    for (const entry of body.ranking) for (const f of entry.confidence!.dependsOnFacts) expect(f.fact).toBe(`payment ${id('PAY-NM')}`);
  });

  it('gives the same draws again (same seed, same data) and different ones with another seed', async () => {
    // With a dropout every tie is uncertain: two seeds giving the same 80 draws would be a coincidence of no practical chance.
    const spec = { ...confidence(), dropout: 0.3 };
    const a = await preview({ scope, parameters: { confidence: spec } });
    const b = await preview({ scope, parameters: { confidence: spec } });
    expect(b.ranking.map((n) => n.confidence)).toEqual(a.ranking.map((n) => n.confidence));
    const other = await preview({ scope, parameters: { confidence: { ...spec, seed: 4 } } });
    expect(other.ranking.map((n) => n.confidence?.inTopK)).not.toEqual(a.ranking.map((n) => n.confidence?.inTopK));
  });

  it('stores a run’s confidence with its ranking, the same as the preview’s', async () => {
    const submitted = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope, parameters: { confidence: confidence() } } });
    expect([200, 202], submitted.body).toContain(submitted.statusCode);
    const runId = submitted.json<{ id: string }>().id;
    await waitFor(async () => ['done', 'failed'].includes((await app.inject({ method: 'GET', url: `/v1/analyses/${runId}` })).json<{ status: string }>().status), 60_000, 250);
    const run = AnalysisRunSchema.parse((await app.inject({ method: 'GET', url: `/v1/analyses/${runId}` })).json());
    expect(run.status, JSON.stringify(run.error)).toBe('done');
    expect(run.summary!.confidence).toMatchObject({ draws: 80, seed: 3, top });
    expect(run.timings!.confidenceDraws).toBeGreaterThan(0);
    const page = RankingPageSchema.parse((await app.inject({ method: 'GET', url: `/v1/analyses/${runId}/rankings?limit=20` })).json());
    const fromPreview = await preview({ scope, parameters: { confidence: confidence() } });
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
