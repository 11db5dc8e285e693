import { readFileSync } from 'node:fs';

import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';

/**
 * The plugins neo4j/pom.xml fetches into neo4j/plugins: OpenGDS and APOC core, loaded by the
 * embedded Neo4j with their procedures unrestricted. Against a server named by NEO4J_URI only
 * the report's shape can be checked: what it has installed is its own business.
 */

const pom = readFileSync(new URL('../../neo4j/pom.xml', import.meta.url), 'utf8');
const pomVersion = (property: string) => new RegExp(`<${property}>([^<]+)</${property}>`).exec(pom)![1];

describe('the Neo4j plugins', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({}, (a, d) => ((app = a), (driver = d)));
  const embedded = inject('neo4jEmbedded');

  it('are reported by GET /v1/system: in the embedded Neo4j, GDS and APOC at the pom’s versions', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(response.statusCode).toBe(200);
    const { plugins } = response.json().database;
    if (embedded) expect(plugins).toEqual({ gds: pomVersion('gds.version'), apoc: pomVersion('apoc.version') });
    else expect(Object.keys(plugins).sort()).toEqual(['apoc', 'gds']);
  });

  it('run GDS: PageRank over a Cypher projection gives networkx’s values (normalised)', async () => {
    const { plugins } = (await app.inject({ method: 'GET', url: '/v1/system' })).json().database;
    // Only an external server (NEO4J_URI) may lack GDS; the embedded one always has it (the test above).
    if (!embedded && plugins.gds === null) return;
    // networkx 3: nx.pagerank(nx.Graph([(a,b),(b,c),(c,d),(b,d),(d,e)]), alpha=0.85, tol=1e-12)
    const expected = { a: 0.112287, b: 0.290426, c: 0.194574, d: 0.290426, e: 0.112287 };
    const tag = uniqueTag();
    const graph = `pagerank-probe-${tag}`;
    await driver.executeQuery(
      `UNWIND $pairs AS pair
       MERGE (a:GdsProbe {id: pair[0], tag: $tag}) MERGE (b:GdsProbe {id: pair[1], tag: $tag}) MERGE (a)-[:PROBE_LINK]->(b)`,
      { pairs: [['a', 'b'], ['b', 'c'], ['c', 'd'], ['b', 'd'], ['d', 'e']], tag },
    );
    try {
      await driver.executeQuery(
        `MATCH (a:GdsProbe {tag: $tag})-[:PROBE_LINK]->(b:GdsProbe {tag: $tag})
         WITH gds.graph.project($graph, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS g
         RETURN g.nodeCount AS nodes`,
        { tag, graph },
      );
      const { records } = await driver.executeQuery(
        `CALL gds.pageRank.stream($graph, {dampingFactor: 0.85, maxIterations: 200, tolerance: 1e-12})
         YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score`,
        { graph },
      );
      const scores = Object.fromEntries(records.map((r) => [r.get('id') as string, r.get('score') as number]));
      const total = Object.values(scores).reduce((sum, v) => sum + v, 0);
      for (const [id, value] of Object.entries(expected)) expect(scores[id]! / total, id).toBeCloseTo(value, 5);
    } finally {
      await driver.executeQuery('CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName', { graph });
      await driver.executeQuery('MATCH (n:GdsProbe {tag: $tag}) DETACH DELETE n', { tag });
    }
  });
});
