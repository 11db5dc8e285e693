import type { FastifyInstance } from 'fastify';
import neo4j, { type Driver } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { tieParameters } from '../../../src/analysis/gds/config.js';
import { StructureCollector } from '../../../src/analysis/gds/structure-rows.js';
import { projectScope } from '../../../src/analysis/scope-read.js';
import { settingsOf } from '../../../src/analysis/settings.js';
import { articulationPoints } from '../../../src/analytics/brokerage/articulation-points.js';
import { participation } from '../../../src/analytics/brokerage/participation.js';
import { degreeCentrality } from '../../../src/analytics/centrality/degree.js';
import { eigenvectorCentrality } from '../../../src/analytics/centrality/eigenvector.js';
import { type GivenStructure, partitionFromMembership } from '../../../src/analytics/communities/given-structure.js';
import { detectCommunitiesCsr, partitionFromLabels } from '../../../src/analytics/communities/louvain.js';
import { csrFromEdges } from '../../../src/analytics/csr.js';
import type { Projection } from '../../../src/analytics/projection/types.js';
import { describeCommunities, describeGivenCommunities } from '../../../src/analytics/report.js';
import { loadQueries } from '../../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository, scopeParameters } from '../../../src/repositories/analytics-repository.js';
import { createGdsRepository, GDS_QUERIES, type GdsRepository } from '../../../src/repositories/gds-repository.js';
import { AnalysisRequestSchema } from '../../../src/schemas/analysis.js';
import { useTestApp } from '../../support/app.js';
import { uniqueTag } from '../../support/graph.js';
import { taggedNetwork } from '../../support/network.js';

/**
 * sna.structure.stream (neo4j/procedures) is a port of the service's own functions: community
 * split and numbering, modularity, degree, strength, eigenvector, participation, articulation
 * points and the community reports. Checked against those functions on the same graph and the
 * same labels: a small graph made for the edge cases (a self-loop, a label over two unconnected
 * groups, a cut vertex, a lone node), and a generated network's people projection with Louvain's
 * labels and with labels that split into many parts. Integers and partitions exactly; sums to
 * 1e-12 (the procedure visits neighbours in another order).
 */

interface Ties {
  source: number[];
  target: number[];
  strength: number[];
  money: number[];
}

describe('GDS engine: sna.structure.stream against the service’s own functions', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let gds: GdsRepository;
  let queries: Record<string, string>;
  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    queries = await loadQueries([...ANALYTICS_QUERIES, ...GDS_QUERIES]);
    gds = createGdsRepository(driver, 'neo4j', queries);
  });

  /** The procedure's answer for a graph projected straight from lists (nodes 0 … n − 1), the graph dropped after. */
  async function structureOf(n: number, ties: Ties, labels: Int32Array, resolution: number): Promise<GivenStructure> {
    const graph = `structure-${uniqueTag()}`;
    const session = driver.session();
    try {
      await session.run(
        `CALL {
           UNWIND range(0, $n - 1) AS i RETURN i AS lo, null AS hi, null AS strength, null AS money
           UNION ALL
           UNWIND range(0, size($source) - 1) AS t RETURN $source[t] AS lo, $target[t] AS hi, $strength[t] AS strength, $money[t] AS money
         }
         WITH gds.graph.project($graph, lo, hi, CASE WHEN hi IS NULL THEN {} ELSE {relationshipProperties: {strength: strength, money: money}} END,
                                {undirectedRelationshipTypes: ['*']}) AS g
         RETURN g.nodeCount AS nodes`,
        { graph, n: neo4j.int(n), source: ties.source.map((x) => neo4j.int(x)), target: ties.target.map((x) => neo4j.int(x)), strength: ties.strength, money: ties.money },
      );
      const collector = new StructureCollector(n);
      for await (const row of gds.structure(graph, labels, resolution)) collector.add(row);
      return collector.finish(ties.source.length, ties.source.filter((s, t) => s === ties.target[t]).length);
    } finally {
      await gds.drop(graph);
      await session.close();
    }
  }

  /** Every column and the reports, against the service's functions on the same graph. */
  function expectAsOwn(n: number, ties: Ties, labels: Int32Array, resolution: number, given: GivenStructure) {
    const keys = Array.from({ length: n }, (_, i) => `person:P-${String(i).padStart(5, '0')}`);
    const projectionTies = {
      source: Int32Array.from(ties.source),
      target: Int32Array.from(ties.target),
      strength: Float64Array.from(ties.strength),
      money: Float64Array.from(ties.money),
      kindCount: new Float64Array(0),
    };
    const csr = csrFromEdges(keys, projectionTies.source, projectionTies.target, projectionTies.strength);
    const own = partitionFromLabels(csr, labels, resolution);
    const theirs = partitionFromMembership(keys, given, labels);
    expect(Array.from(theirs.membership)).toEqual(Array.from(own.membership));
    expect(theirs.communities).toEqual(own.communities);
    expect(theirs.splits).toBe(own.splits);
    expect(Math.abs(theirs.modularity - own.modularity)).toBeLessThanOrEqual(1e-12);

    const close = (name: string, x: ArrayLike<number>, y: ArrayLike<number>) => {
      expect(x.length).toBe(y.length);
      for (let v = 0; v < x.length; v++) expect(Math.abs(x[v]! - y[v]!), `${name} of node ${v}: ${x[v]} against ${y[v]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y[v]!)));
    };
    const degree = degreeCentrality(csr);
    expect(Array.from(given.degree)).toEqual(Array.from(degree.degree));
    close('strength', given.strength, degree.strength);
    const eigen = eigenvectorCentrality(csr);
    close('eigenvector', given.eigenvector.scores, eigen.scores);
    expect([given.eigenvector.iterations, given.eigenvector.converged]).toEqual([eigen.iterations, eigen.converged]);
    const brokerage = { ...participation(csr, own.membership), ...articulationPoints(csr) };
    close('participation', given.brokerage.participation, brokerage.participation);
    expect(Array.from(given.brokerage.communitiesBridged)).toEqual(Array.from(brokerage.communitiesBridged));
    expect(Array.from(given.brokerage.isArticulation)).toEqual(Array.from(brokerage.isArticulation));
    expect(Array.from(given.brokerage.separated)).toEqual(Array.from(brokerage.separated));

    const ids = own.communities.map((_, c) => `C${c}`);
    const projection = { ties: projectionTies, evidence: new Array(n).fill(null) } as unknown as Projection;
    const expected = describeCommunities(projection, own.members, ids, csr, own.membership, brokerage.participation);
    const reports = describeGivenCommunities(projection.evidence, theirs.members, ids, keys, given);
    expect(reports.map(({ bridges, ...rest }) => ({ ...rest, bridges: bridges.map((b) => ({ ...b, participation: 0 })) }))).toEqual(
      expected.map(({ bridges, ...rest }) => ({ ...rest, bridges: bridges.map((b) => ({ ...b, participation: 0 })) })),
    );
    return { communities: own.communities.length, splits: own.splits, articulation: brokerage.isArticulation.reduce((a, b) => a + b, 0) };
  }

  it('matches on a graph made for the edge cases', async () => {
    // 0-1-2 a triangle with 2-3 a bridge to the square 3-4-5-6; 7-8 apart with a label shared with
    // 0 (so that label splits); 9 alone; 4 has a self-loop carrying money.
    const ties: Ties = {
      source: [0, 0, 1, 2, 3, 3, 4, 4, 5, 7],
      target: [1, 2, 2, 3, 4, 6, 4, 5, 6, 8],
      strength: [1, 2, 0.5, 3, 1.5, 1, 2, 1, 0.25, 4],
      money: [0, 100, 0, 250, 0, 7, 40, 0, 3, 9],
    };
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 0, 0, 2]);
    const given = await structureOf(10, ties, labels, 1);
    const seen = expectAsOwn(10, ties, labels, 1, given);
    expect(seen).toEqual({ communities: 4, splits: 1, articulation: 2 });
    expect(given.selfTies).toBe(1);
    // By hand: the self-loop is inside community 0 (the square, the largest), its money whole.
    expect(given.internalTies[4]).toBe(1 + 1);
    expect(given.internalMoney[4]).toBe(40);
  });

  it('matches on a generated network’s people projection, with Louvain’s labels and with labels that split', async () => {
    const { document } = taggedNetwork(300, 7, uniqueTag());
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const request = AnalysisRequestSchema.parse({ scope: { investigations: document.investigations.map((i) => i.id) } });
    const settings = settingsOf(request.parameters);
    const analytics = createAnalyticsRepository(driver, 'neo4j', queries);
    const { projection } = await projectScope(analytics, request.scope, {
      tieWeights: settings.tieWeights,
      sharedLocationCap: settings.projectionParameters.sharedLocationCap,
      money: settings.money,
    });
    const n = projection.nodes.length;
    const ties: Ties = {
      source: Array.from(projection.ties.source),
      target: Array.from(projection.ties.target),
      strength: Array.from(projection.ties.strength),
      money: Array.from(projection.ties.money),
    };
    expect(ties.source.length).toBeGreaterThan(300);
    const csr = csrFromEdges(
      projection.nodes.map((node) => node.key),
      projection.ties.source,
      projection.ties.target,
      projection.ties.strength,
    );
    const louvain = detectCommunitiesCsr(csr, { resolution: 1, seed: 1 }).membership;
    const seen = expectAsOwn(n, ties, louvain, 1, await structureOf(n, ties, louvain, 1));
    expect(seen.communities).toBeGreaterThan(3);
    const scattered = Int32Array.from({ length: n }, (_, v) => v % 4);
    const split = expectAsOwn(n, ties, scattered, 0.8, await structureOf(n, ties, scattered, 0.8));
    expect(split.splits).toBeGreaterThan(10);

    // The tie query's own projection (gds/project.cypher, money included) gives the same answer as the lists.
    const graph = `structure-${uniqueTag()}`;
    const params = {
      ...scopeParameters(request.scope),
      ...tieParameters(settings.tieWeights, request.scope.tieKinds, settings.projectionParameters.sharedLocationCap, settings.money),
    };
    const projected = await gds.project(
      graph,
      projection.nodes.map((node) => node.key),
      params,
    );
    try {
      expect({ ties: projected.relationships / 2, unmatched: projected.unmatched }).toEqual({ ties: ties.source.length, unmatched: 0 });
      const collector = new StructureCollector(n);
      for await (const row of gds.structure(graph, louvain, 1)) collector.add(row);
      expectAsOwn(n, ties, louvain, 1, collector.finish(projected.relationships / 2, projected.selfLoops));
    } finally {
      await gds.drop(graph);
    }
  });
});
