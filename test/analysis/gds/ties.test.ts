import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { tieParameters } from '../../../src/analysis/gds/config.js';
import { readTies } from '../../../src/analysis/gds/gds-analysis.js';
import { projectScope } from '../../../src/analysis/scope-read.js';
import { settingsOf } from '../../../src/analysis/settings.js';
import type { Projection } from '../../../src/analytics/projection/types.js';
import { loadQueries } from '../../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, type AnalyticsRepository, createAnalyticsRepository, scopeParameters } from '../../../src/repositories/analytics-repository.js';
import { createGdsRepository, GDS_QUERIES, type GdsRepository } from '../../../src/repositories/gds-repository.js';
import { AnalysisRequestSchema, type Scope } from '../../../src/schemas/analysis.js';
import { useTestApp } from '../../support/app.js';
import { uniqueTag } from '../../support/graph.js';
import { taggedNetwork } from '../../support/network.js';

/**
 * The GDS engine computes a scope's ties inside Neo4j (cypher/gds/people-ties.cypher); the
 * service's own engine gathers them in the people projection builder. Both must give the same
 * graph, tie by tie: same pairs, same strength and money (to 1e-9, relative: sums in another
 * order), same relations of each kind. Checked on generated networks and on scopes that
 * exercise every filter: investigations, grading, time window, tie kinds, tie weights, the cap
 * on shared places and the reporting currency.
 */
describe('GDS engine: ties computed in Neo4j', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let analytics: AnalyticsRepository;
  let gds: GdsRepository;
  let investigations: string[];
  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    const queries = await loadQueries([...ANALYTICS_QUERIES, ...GDS_QUERIES]);
    analytics = createAnalyticsRepository(driver, 'neo4j', queries);
    gds = createGdsRepository(driver, 'neo4j', queries);
    const { document } = taggedNetwork(400, 5, uniqueTag());
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    investigations = document.investigations.map((i) => i.id);
  });

  async function bothWays(scopeInput: Partial<Scope>, parameters: object = {}): Promise<{ own: Projection; inNeo4j: Projection }> {
    const request = AnalysisRequestSchema.parse({ scope: { investigations, ...scopeInput }, parameters });
    const settings = settingsOf(request.parameters);
    const options = {
      tieWeights: settings.tieWeights,
      sharedLocationCap: settings.projectionParameters.sharedLocationCap,
      money: settings.money,
      tieKinds: request.scope.tieKinds ? new Set(request.scope.tieKinds) : undefined,
    };
    const own = (await projectScope(analytics, request.scope, options)).projection;
    const withoutTies = (await projectScope(analytics, request.scope, { ...options, gatherTies: false })).projection;
    expect(withoutTies.ties.source.length).toBe(0);
    const params = { ...scopeParameters(request.scope), ...tieParameters(settings.tieWeights, request.scope.tieKinds, options.sharedLocationCap, settings.money) };
    return { own, inNeo4j: await readTies(gds, withoutTies, params) };
  }

  function expectSameTies(own: Projection, inNeo4j: Projection) {
    expect(inNeo4j.nodes.map((n) => n.key)).toEqual(own.nodes.map((n) => n.key));
    expect(inNeo4j.dropped).toEqual(own.dropped);
    const a = own.ties;
    const b = inNeo4j.ties;
    expect(b.source.length).toBe(a.source.length);
    expect(Array.from(b.source)).toEqual(Array.from(a.source));
    expect(Array.from(b.target)).toEqual(Array.from(a.target));
    expect(Array.from(b.kindCount)).toEqual(Array.from(a.kindCount));
    const close = (x: ArrayLike<number>, y: ArrayLike<number>) => {
      for (let t = 0; t < x.length; t++) expect(Math.abs(x[t]! - y[t]!), `tie ${t}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x[t]!)));
    };
    close(b.strength, a.strength);
    close(b.money, a.money);
  }

  it('gives the people projection’s ties on the default scope', async () => {
    const { own, inNeo4j } = await bothWays({});
    expect(own.ties.source.length).toBeGreaterThan(500);
    expectSameTies(own, inNeo4j);
  });

  it.each([
    ['a stricter grading', { minAssessment: 'B', maxSourceEvaluation: 2 }, {}],
    ['a time window', { from: '2024-03-01', to: '2024-09-30' }, {}],
    ['some tie kinds only', { tieKinds: ['payment', 'crossing', 'location'] }, {}],
    ['other tie weights, a small cap on shared places and another currency', {}, { tieWeights: { payment: 2.5, location: 0.25 }, sharedLocationCap: 3, reportingCurrency: 'EUR' }],
  ] as const)('and with %s', async (_name, scope, parameters) => {
    const { own, inNeo4j } = await bothWays(scope as Partial<Scope>, parameters);
    expect(own.ties.source.length).toBeGreaterThan(0);
    expectSameTies(own, inNeo4j);
  });

  /**
   * The GDS graph is projected inside Neo4j straight from the tie query (gds/project.cypher): no
   * tie goes over Bolt for it, one summary row comes back. It must be the own engine's graph:
   * same nodes, as many ties (GDS holds each undirected tie twice), same total strength and the
   * same strength at every node (GDS's weighted degree, read back by node number).
   */
  it.each([
    ['the default scope', {}, {}],
    ['some tie kinds, other weights and a stricter grading', { tieKinds: ['payment', 'crossing', 'contact'], minAssessment: 'B' }, { tieWeights: { payment: 2.5 } }],
  ] as const)('projects into GDS the own engine’s graph, node by node, on %s', async (_name, scope, parameters) => {
    const request = AnalysisRequestSchema.parse({ scope: { investigations, ...scope }, parameters });
    const settings = settingsOf(request.parameters);
    const options = {
      tieWeights: settings.tieWeights,
      sharedLocationCap: settings.projectionParameters.sharedLocationCap,
      money: settings.money,
      tieKinds: request.scope.tieKinds ? new Set(request.scope.tieKinds) : undefined,
    };
    const own = (await projectScope(analytics, request.scope, options)).projection;
    const params = { ...scopeParameters(request.scope), ...tieParameters(settings.tieWeights, request.scope.tieKinds, options.sharedLocationCap, settings.money) };
    const graph = `test-${uniqueTag()}`;
    const projected = await gds.project(
      graph,
      own.nodes.map((n) => n.key),
      params,
    );
    try {
      const n = own.nodes.length;
      const m = own.ties.source.length;
      expect(m).toBeGreaterThan(50);
      expect(projected.nodes).toBe(n);
      expect(projected.relationships).toBe(2 * m);
      const strength = new Float64Array(n);
      for (let t = 0; t < m; t++) {
        strength[own.ties.source[t]!]! += own.ties.strength[t]!;
        strength[own.ties.target[t]!]! += own.ties.strength[t]!;
      }
      const { records } = await driver.executeQuery(
        `CALL gds.degree.stream($graph, {relationshipWeightProperty: 'strength', orientation: 'NATURAL'}) YIELD nodeId, score RETURN nodeId AS node, score`,
        { graph },
      );
      expect(records).toHaveLength(n);
      const theirs = new Float64Array(n);
      for (const r of records) theirs[Number(r.get('node'))] = r.get('score') as number;
      let gap = 0;
      for (let i = 0; i < n; i++) gap = Math.max(gap, Math.abs(theirs[i]! - strength[i]!) / Math.max(1, strength[i]!));
      expect(gap).toBeLessThanOrEqual(1e-9);
      const total = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
      expect(Math.abs(total(theirs) - total(strength))).toBeLessThanOrEqual(1e-9 * total(strength));
    } finally {
      await gds.drop(graph);
    }
  });
});
