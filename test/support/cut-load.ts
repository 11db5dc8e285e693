import neo4j from 'neo4j-driver';
import { expect } from 'vitest';

import { GRADING, one } from './graph.js';

/**
 * The load the resilience tests cut mid-way and send again: `people` people and as many
 * contact links (counts 1–5 in turn), big enough to span many batches.
 */
export function cutLoadDocument(investigation: string, people: number) {
  return {
    investigations: [{ id: investigation }],
    defaults: { source: `REP-${investigation}`, grading: GRADING },
    people: Array.from({ length: people }, (_, i) => ({ id: `P${i}`, name: `Person ${i}` })),
    links: Array.from({ length: people }, (_, i) => ({ id: `LK${i}`, type: 'contact', from: `P${i}`, to: `P${(i * 7 + 1) % people}`, count: 1 + (i % 5) })),
  };
}

/** What a clean load of cutLoadDocument leaves in the database at `uri`: every person and link once, no placeholder left open. */
export async function expectCleanLoad(uri: string, people: number): Promise<void> {
  const check = neo4j.driver(uri);
  try {
    expect(await one(check, 'MATCH (p:Person) RETURN count(p) AS n, count(DISTINCT p.id) AS ids, sum(CASE WHEN p.unresolved THEN 1 ELSE 0 END) AS open')).toEqual({
      n: people,
      ids: people,
      open: 0,
    });
    expect(await one(check, 'MATCH ()-[r:CONTACT]->() RETURN count(r) AS n, count(DISTINCT r.id) AS ids, sum(r.count) AS total')).toEqual({
      n: people,
      ids: people,
      total: (people / 5) * (1 + 2 + 3 + 4 + 5),
    });
  } finally {
    await check.close();
  }
}
