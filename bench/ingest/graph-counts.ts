import type { Driver } from 'neo4j-driver';

import { ENTITY_LABELS, RELATIONSHIP_TYPES } from '../../src/model/graph-model.js';

/**
 * Nodes and relationships of the data model in a database, from Neo4j's count store (a
 * label or a type at a time, so each count is instant however large the graph). Bookkeeping
 * the service adds (Investigation, DataVersion, BELONGS_TO, migrations) is left out, so the
 * service's graph and the reference's can be compared: the same records make the same counts.
 */

export interface GraphCounts {
  nodes: number;
  relationships: number;
}

export async function countGraph(driver: Driver): Promise<GraphCounts> {
  const count = async (query: string) => {
    const { records } = await driver.executeQuery(query, {}, { routing: 'READ' });
    return Number(records[0]!.get('n'));
  };
  let nodes = 0;
  for (const label of Object.values(ENTITY_LABELS)) nodes += await count(`MATCH (n:${label}) RETURN count(n) AS n`);
  let relationships = 0;
  for (const type of RELATIONSHIP_TYPES) relationships += await count(`MATCH ()-[r:${type}]->() RETURN count(r) AS n`);
  return { nodes, relationships };
}
