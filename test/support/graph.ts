import { randomBytes } from 'node:crypto';

import type { Driver } from 'neo4j-driver';

import { toNative } from '../../src/neo4j/values.js';

/** A tag that keeps one test's ids and investigation apart from every other test's. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

export const GRADING = { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } as const;

/**
 * Everything stored for one investigation, sorted: nodes with labels and properties, relations
 * with their ends. API keys limited to the investigation are access to it, not its data, and other
 * test files make them at any time (the explorer's tests, for the fixture's OP-TIDE): left out.
 */
export async function snapshot(driver: Driver, investigation: string): Promise<unknown> {
  const { records: nodes } = await driver.executeQuery(
    `MATCH (n) WHERE $inv IN n.investigations AND NOT n:ApiKey
     RETURN labels(n) AS labels, properties(n) AS props ORDER BY labels(n)[0], n.id`,
    { inv: investigation },
  );
  const { records: rels } = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE $inv IN r.investigations
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY type(r), r.id`,
    { inv: investigation },
  );
  return toNative({ nodes: nodes.map((r) => r.toObject()), relations: rels.map((r) => r.toObject()) });
}

export async function one<T = Record<string, unknown>>(driver: Driver, cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const { records } = await driver.executeQuery(cypher, params);
  return toNative(records[0]?.toObject() ?? null) as T;
}
