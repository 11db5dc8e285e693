import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { AnalysisPreviewSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * The analysis preview end to end on a network small enough to work out by hand. Every fact
 * is graded 2B (confidence 0.8 × 0.85 = 0.68) unless said otherwise, so tie strengths are
 * affinity × 0.68 × volume (see analytics/weights.ts):
 *   A–B  communication ×10: 0.75 × 0.68 × (1 + ln 10) = 1.684318…; crossings X1, X2: 2 × 1.5 × 0.68;
 *        launched from L1 together: 0.5 × 0.68                        → 4.064318…
 *   A–C  crossing X1 1.02 + payment PAY3 0.68 + location L1 0.34     → 2.04
 *   B–C  crossing X1 1.02 + location L1 0.34 (their contact is E-graded: left out) → 1.36
 *   C–E  payments PAY1, PAY2: 2 × 0.68                               → 1.36
 *   A–D  payment PAY4 0.68;  D–O  payment PAY5 0.68 + employment 0.68 → 1.36;  A–O  vessel V1 0.68
 * F has no ties; G is E-graded, so G and the link A–G are out of the default scope.
 */

describe('POST /v1/analyses/preview', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const key = (name: string) => `person:${name}-${t}`;
  const preview = (body: unknown) => app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: body as object });
  const scope = { investigations: [`OP-${t}`] };

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const gbp = (paymentId: string, payer: string, payee: string, amount: number, date: string, payeeType = 'person') => ({
      id: id(paymentId),
      payer: { type: 'person', id: id(payer) },
      payee: { type: payeeType, id: id(payee) },
      amount,
      currency: 'GBP',
      date,
      channel: 'hawala',
    });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: ['A', 'B', 'C', 'D', 'E', 'F']
          .map((p) => ({ id: id(p), name: `${p} ${t}` }))
          .concat([{ id: id('G'), name: `G ${t}`, grading: { ...GRADING, intelligenceAssessment: 'E' } } as never]),
        organisations: [{ id: id('O'), name: `Boats ${t}`, kind: 'boat_seller' }],
        vessels: [
          { id: id('V1'), kind: 'dinghy' },
          { id: id('E1'), kind: 'engine', engineSerial: `SER${t}` },
        ],
        locations: [{ id: id('L1'), name: `Beach ${t}`, kind: 'beach' }],
        crossings: [
          {
            id: id('X1'),
            date: '2024-03-01',
            passengers: 60,
            deaths: 2,
            organisers: [id('A')],
            pilots: [id('B')],
            recruiters: [id('C')],
            vesselIds: [id('V1'), id('E1')],
            departedFrom: id('L1'),
          },
          { id: id('X2'), date: '2024-05-01', passengers: 30, organisers: [id('A')], pilots: [id('B')] },
        ],
        payments: [
          gbp('PAY1', 'E', 'C', 100000, '2024-02-01'),
          gbp('PAY2', 'E', 'C', 50000, '2024-02-10'),
          gbp('PAY3', 'C', 'A', 120000, '2024-02-15'),
          { ...gbp('PAY4', 'A', 'D', 80000, '2024-02-20'), currency: 'EUR' },
          { ...gbp('PAY5', 'D', 'O', 50000, '2024-04-20', 'organisation'), currency: 'EUR' },
        ],
        links: [
          { id: id('LK1'), type: 'communication', from: id('A'), to: id('B'), count: 10 },
          { id: id('LK2'), type: 'contact', from: id('B'), to: id('C'), grading: { ...GRADING, intelligenceAssessment: 'E' } },
          { id: id('LK3'), type: 'associate', from: id('A'), to: id('G') },
        ],
        relations: [
          { id: id('R1'), type: 'bought', from: { type: 'person', id: id('A') }, to: { type: 'vessel', id: id('V1') } },
          { id: id('R2'), type: 'sold', from: { type: 'organisation', id: id('O') }, to: { type: 'vessel', id: id('V1') } },
          { id: id('R3'), type: 'bought', from: { type: 'person', id: id('A') }, to: { type: 'vessel', id: id('E1') } },
          { id: id('R4'), type: 'employed_by', from: { type: 'person', id: id('D') }, to: { type: 'organisation', id: id('O') } },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('projects the people network with aggregated, graded ties and says what it left out', async () => {
    const response = await preview({ scope });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    // The body is JSON text made in the worker, not serialised through the schema: check the contract here.
    expect(() => AnalysisPreviewSchema.strict().parse(body)).not.toThrow();
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(body.projection).toMatchObject({ kind: 'people', nodes: 7, ties: 7, dropped: [{ reason: 'an end is outside the scope', count: 1 }] });
    const byKey = new Map(body.ranking.map((node: { key: string }) => [node.key, node]));
    const a = byKey.get(key('A')) as { measures: { degree: number; strength: number } };
    expect(a.measures.degree).toBe(4);
    const ab = 0.75 * 0.68 * (1 + Math.log(10)) + 2 * 1.5 * 0.68 + 0.5 * 0.68;
    expect(a.measures.strength).toBeCloseTo(ab + 2.04 + 0.68 + 0.68, 9);
    expect((byKey.get(key('C')) as { measures: { strength: number } }).measures.strength).toBeCloseTo(2.04 + 1.36 + 1.36, 9);
    expect(byKey.has(key('G'))).toBe(false);
    expect(body.dataVersion).toBeGreaterThan(0);
  });

  it('ranks the organiser first, with components adding up to the score and evidence cited', async () => {
    const body = (await preview({ scope })).json();
    const [first] = body.ranking;
    expect(first).toMatchObject({ key: key('A'), rank: 1, type: 'person', id: id('A') });
    const sum = first.components.reduce((s: number, c: { contribution: number }) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(first.harmScore, 10);
    expect(first.explanation).toEqual(
      expect.arrayContaining([
        `organised 2 crossings (${id('X1')}, ${id('X2')})`,
        `procured 1 vessel and 1 engine (${id('V1')}, ${id('E1')})`,
        expect.stringMatching(new RegExp(`^threat to life: 2 deaths, 1 grossly overloaded crossing \\(${id('X1')}\\)`)),
        expect.stringMatching(/^received £1,200 in 1 payment/),
        expect.stringMatching(/^passed on £680 in 1 payment/),
      ]),
    );
    const operational = first.components.find((c: { component: string }) => c.component === 'operational');
    expect(operational.evidence).toEqual([id('X1'), id('X2'), id('V1'), id('E1')]);
    const f = body.ranking.find((node: { key: string }) => node.key === key('F'));
    expect(f).toMatchObject({ harmScore: 0, explanation: ['no activity and no brokerage position recorded in this scope'] });
    expect(body.ranking.map((node: { rank: number }) => node.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps E-assessed facts when asked, and applies the time window to events', async () => {
    const withE = (await preview({ scope: { ...scope, minAssessment: 'E' } })).json();
    expect(withE.projection).toMatchObject({ nodes: 8, ties: 8, dropped: [] });

    const late = (await preview({ scope: { ...scope, from: '2024-04-15' } })).json();
    const a = late.ranking.find((node: { key: string }) => node.key === key('A'));
    expect(a.explanation).toContain(`organised 1 crossing (${id('X2')})`);
    // Undated facts stay in any window: the link A–B and the vessel A bought and O sold.
    expect(a.measures.strength).toBeCloseTo(0.75 * 0.68 * (1 + Math.log(10)) + 1.5 * 0.68 + 0.68, 9);
    const d = late.ranking.find((node: { key: string }) => node.key === key('D'));
    expect(d.measures.strength).toBeCloseTo(1.36, 9);
  });

  it('analyses every entity as a node in the full projection, ranking only people and organisations', async () => {
    const body = (await preview({ scope: { ...scope, projection: 'full' } })).json();
    // 6 people in scope + O, 2 vessels, 1 location, 2 crossings, 5 payments.
    expect(body.projection).toMatchObject({ kind: 'full', nodes: 17 });
    expect(body.graph).toMatchObject({ nodes: 17, ranked: 7 });
    const crossing = body.ranking.find((node: { key: string }) => node.key === `crossing:${id('X1')}`);
    expect(crossing).toMatchObject({ rank: null, harmScore: null });
    // X1: organiser, pilot, recruiter, two vessels, the launch site.
    expect(crossing.measures.degree).toBe(6);
    const types = body.projection.dropped.map((d: { reason: string }) => d.reason);
    expect(types).toEqual(['an end is outside the scope']);
  });

  it('gives the same result for the same seed, and reuses the ids of earlier communities', async () => {
    // Timings vary, and the data version is the whole database's: other test files load data
    // in parallel between the two calls. Everything computed from this scope must be identical.
    const strip = (body: { timings: unknown; dataVersion: unknown }) => ({ ...body, timings: undefined, dataVersion: undefined });
    const first = (await preview({ scope, parameters: { seed: 5 } })).json();
    const second = (await preview({ scope, parameters: { seed: 5 } })).json();
    expect(strip(second)).toEqual(strip(first));

    const previousCommunities = first.communities.map((c: { id: string }, i: number) => ({
      id: `C-${40 + i}`,
      members: first.ranking.filter((node: { community: string }) => node.community === c.id).map((node: { key: string }) => node.key),
    }));
    const again = (await preview({ scope, parameters: { seed: 5, previousCommunities } })).json();
    expect(again.communities.map((c: { id: string }) => c.id).sort()).toEqual(previousCommunities.map((c: { id: string }) => c.id).sort());
  });

  it('refuses bad scopes and parameters with the field path', async () => {
    const backwards = await preview({ scope: { from: '2024-05-01', to: '2024-01-01' } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: 'body.scope.to' })]);
    const unknown = await preview({ scope, parameters: { sead: 1 } });
    expect(unknown.statusCode).toBe(400);
    const weights = await preview({ scope, parameters: { harmWeights: { structural: -1 } } });
    expect(weights.statusCode).toBe(400);
    expect(weights.json().error.details[0].path).toBe('body.parameters.harmWeights.structural');
  });
});

describe('POST /v1/analyses/preview above the size cap', () => {
  let app: FastifyInstance;
  useTestApp({ ANALYTICS_PREVIEW_MAX_TIES: '1' }, (a) => (app = a));

  it('answers 413 SCOPE_TOO_LARGE instead of analysing', async () => {
    const t = uniqueTag();
    const loaded = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        links: [
          { id: `L1-${t}`, type: 'contact', from: `P1-${t}`, to: `P2-${t}` },
          { id: `L2-${t}`, type: 'contact', from: `P2-${t}`, to: `P3-${t}` },
        ],
      },
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const response = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope: { investigations: [`OP-${t}`] } } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'SCOPE_TOO_LARGE' });
  });
});
