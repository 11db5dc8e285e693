import type { FastifyInstance } from 'fastify';
import type { Driver, Session } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { loadQueries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository } from '../../src/repositories/analytics-repository.js';
import { ScopeSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * The people projection's links name their ends by Neo4j's internal ids, which Neo4j gives to
 * new nodes once the old ones are deleted. An id read by the nodes' query must still mean that
 * node when the links are read, or a link to a newcomer would be tied to the erased person.
 * The read keeps the nodes' transaction open until the links are read; these tests delete a
 * person between the two reads and try to make Neo4j hand out its id.
 */

/** New in-scope people of `investigation`, 50 at a time, for up to ~3 s: the round that got internal id `wanted`, else null. */
async function newPeopleUntil(driver: Driver, investigation: string, wanted: number, t: string): Promise<string | null> {
  for (let round = 0; round < 30; round++) {
    const { records } = await driver.executeQuery(
      `UNWIND range(1, 50) AS k
       CREATE (n:Person {id: $prefix + k, investigation: $investigation, investigations: [$investigation], name: 'Newcomer', sourceEvaluation: 2, intelligenceAssessment: 'B'})
       RETURN n.id AS id, id(n) AS node`,
      { prefix: `NEW-${t}-${round}-`, investigation },
    );
    const hit = records.find((r) => Number(r.get('node')) === wanted);
    if (hit) return hit.get('id') as string;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/** `driver`, whose sessions run `before` once, ahead of the first managed read (the links' read; the nodes are read in an explicit transaction). */
function beforeFirstManagedRead(driver: Driver, before: () => Promise<void>): Driver {
  let done = false;
  return new Proxy(driver, {
    get(target, prop) {
      if (prop !== 'session') return Reflect.get(target, prop, target) as unknown;
      return (config: Parameters<Driver['session']>[0]) => {
        const session = target.session(config);
        return new Proxy(session, {
          get(s, p) {
            if (p === 'executeRead') {
              return async (...args: Parameters<Session['executeRead']>) => {
                if (!done) {
                  done = true;
                  await before();
                }
                return s.executeRead(...args);
              };
            }
            const value = Reflect.get(s, p, s) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(s) : value;
          },
        });
      };
    },
  });
}

describe("a link's ends, named by internal id", () => {
  let app: FastifyInstance;
  let driver: Driver;
  const t = uniqueTag();
  const investigation = `ENDS-${t}`;
  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    const loaded = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigation }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: [
          { id: `X-${t}`, name: 'Erased during the read' },
          { id: `Y-${t}`, name: 'Stays' },
        ],
        links: [{ id: `L-${t}`, type: 'communication', from: `X-${t}`, to: `Y-${t}`, count: 2 }],
      },
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
  });

  it("keep meaning the node the nodes' read saw: a person erased between the reads lends no link to a newcomer", async () => {
    let newcomer: string | null | undefined;
    const pausing = beforeFirstManagedRead(driver, async () => {
      // Between the nodes' read and the links' read: X is erased, and people keep arriving.
      const { records } = await driver.executeQuery('MATCH (x:Person {id: $id, investigation: $investigation}) DETACH DELETE x RETURN id(x) AS node', {
        id: `X-${t}`,
        investigation,
      });
      newcomer = await newPeopleUntil(driver, investigation, Number(records[0]!.get('node')), t);
      // Had one of them been given X's id, its link to Y would read as X's.
      if (newcomer) {
        await driver.executeQuery(
          `MATCH (n:Person {id: $from, investigation: $investigation}), (y:Person {id: $to, investigation: $investigation})
           CREATE (n)-[:COMMUNICATION {id: $id, investigation: $investigation, investigations: [$investigation], count: 5, sourceEvaluation: 2, intelligenceAssessment: 'B'}]->(y)`,
          { from: newcomer, to: `Y-${t}`, id: `L2-${t}`, investigation },
        );
      }
    });
    const analytics = createAnalyticsRepository(pausing, 'neo4j', await loadQueries([...ANALYTICS_QUERIES]));
    const builder = new PeopleProjectionBuilder();
    await analytics.readRows(ScopeSchema.parse({ investigations: [investigation] }), { projection: 'people', rows: builder, links: 'rows' });
    const projection = builder.finish();

    expect(newcomer).toBeNull();
    // X was read before it was erased; no tie is left to it or to anyone.
    expect(projection.nodes.map((n) => n.id)).toContain(`X-${t}`);
    expect(projection.ties.source.length).toBe(0);
  });

  it('are given to new nodes within those seconds once no transaction that saw them is open (what the test above guards against)', async () => {
    const { records } = await driver.executeQuery(
      `CREATE (x:Person {id: $id, investigation: $investigation, investigations: [$investigation]}) WITH x, id(x) AS node DETACH DELETE x RETURN node`,
      { id: `GONE-${t}`, investigation },
    );
    expect(await newPeopleUntil(driver, investigation, Number(records[0]!.get('node')), `${t}-control`)).not.toBeNull();
  });
});
