import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EmbeddedNeo4jConfig } from '../../src/config.js';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { applyMigrations } from '../../src/neo4j/migrations.js';
import { CYPHER_DIR, loadQueries } from '../../src/neo4j/queries.js';
import { SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';
import { privateNeo4jConfig } from '../support/embedded.js';

/**
 * schema/006 on a database written before it (a private one: the schema is the database's
 * whole): an entity and a relation listed under two investigations become a copy in each, a
 * relation's end one investigation lacked becomes its placeholder, and the new key holds.
 */
describe('splitting data stored before investigation copies', () => {
  let config: EmbeddedNeo4jConfig;
  let database: EmbeddedNeo4j;
  let driver: Driver;
  const rows = async (query: string) => (await driver.executeQuery(query, {}, { database: 'neo4j' })).records.map((r) => r.toObject());

  beforeAll(async () => {
    config = await privateNeo4jConfig('copies');
    database = await startEmbeddedNeo4j(config);
    driver = neo4j.driver(database.uri);
    const queries = await loadQueries(SYSTEM_QUERIES);
    const before = await mkdtemp(join(tmpdir(), 'sna-schema-before-'));
    for (const file of ['001-schema-migrations', '002-entities', '003-relations', '004-analysis-runs', '005-auth-audit']) {
      await copyFile(join(CYPHER_DIR, 'schema', `${file}.cypher`), join(before, `${file}.cypher`));
    }
    await applyMigrations(driver, 'neo4j', queries, before);
    await rm(before, { recursive: true, force: true });
    await rows(`CREATE (a:Investigation {id: 'A'}), (b:Investigation {id: 'B'})
      CREATE (p:Person {id: 'P1', name: 'Both', investigations: ['A', 'B'], history: ['{}']}),
             (q:Person {id: 'Q1', name: 'Only A', investigations: ['A']})
      CREATE (p)-[:BELONGS_TO]->(a), (p)-[:BELONGS_TO]->(b), (q)-[:BELONGS_TO]->(a)
      CREATE (p)-[:CONTACT {id: 'L1', investigations: ['A', 'B'], count: 2}]->(q)`);
    // 006 and every migration after it (007 onwards work on the split data).
    const later = (await readdir(join(CYPHER_DIR, 'schema')))
      .filter((file) => file.endsWith('.cypher') && file >= '006')
      .map((file) => file.replace(/\.cypher$/, ''))
      .sort();
    expect(later[0]).toBe('006-investigation-copies');
    expect((await applyMigrations(driver, 'neo4j', queries)).applied).toEqual(later);
  });

  afterAll(async () => {
    await driver?.close();
    await database?.stop();
    if (config) await rm(config.home, { recursive: true, force: true });
  });

  it('gives every investigation its own copy of each entity and relation, each a member of its investigation only', async () => {
    expect(
      await rows(`MATCH (n:Person) RETURN n.id AS id, n.investigation AS investigation, n.investigations AS investigations, n.name AS name,
                  coalesce(n.unresolved, false) AS unresolved, n.shared AS shared, [(n)-[:BELONGS_TO]->(i) | i.id] AS memberOf
                  ORDER BY id, investigation`),
    ).toEqual([
      { id: 'P1', investigation: 'A', investigations: ['A'], name: 'Both', unresolved: false, shared: true, memberOf: ['A'] },
      { id: 'P1', investigation: 'B', investigations: ['B'], name: 'Both', unresolved: false, shared: true, memberOf: ['B'] },
      { id: 'Q1', investigation: 'A', investigations: ['A'], name: 'Only A', unresolved: false, shared: true, memberOf: ['A'] },
      { id: 'Q1', investigation: 'B', investigations: ['B'], name: null, unresolved: true, shared: true, memberOf: ['B'] },
    ]);
    expect(
      await rows(`MATCH (a)-[r:CONTACT]->(b) RETURN r.id AS id, r.investigation AS investigation, a.investigation AS from, b.investigation AS to, r.count AS count
                  ORDER BY investigation`),
    ).toEqual([
      { id: 'L1', investigation: 'A', from: 'A', to: 'A', count: neo4j.int(2) },
      { id: 'L1', investigation: 'B', from: 'B', to: 'B', count: neo4j.int(2) },
    ]);
  });

  it('keys entities and relations by (id, investigation)', async () => {
    await expect(rows(`CREATE (:Person {id: 'P1', investigation: 'A'})`)).rejects.toThrow(/already exists/);
    await expect(rows(`MATCH (a:Person {id: 'P1', investigation: 'A'}), (b:Person {id: 'Q1', investigation: 'A'}) CREATE (a)-[:CONTACT {id: 'L1', investigation: 'A'}]->(b)`)).rejects.toThrow(
      /already exists/,
    );
    await rows(`CREATE (:Person {id: 'P1', investigation: 'C'})`);
  });
});
