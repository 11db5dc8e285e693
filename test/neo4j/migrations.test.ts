import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations, splitStatements } from '../../src/neo4j/migrations.js';
import { loadQueries, type Queries } from '../../src/neo4j/queries.js';
import { SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';
import { testDriver } from '../support/app.js';

describe('splitStatements', () => {
  it('splits on a semicolon at the end of a line and drops comment lines', () => {
    const text = [
      '// people',
      'CREATE CONSTRAINT a IF NOT EXISTS',
      "FOR (p:Person) REQUIRE p.id IS UNIQUE;",
      '',
      "CREATE INDEX b IF NOT EXISTS FOR (p:Person) ON (p.name);",
      'CREATE INDEX c IF NOT EXISTS FOR (v:Vessel) ON (v.kind)',
    ].join('\n');
    expect(splitStatements(text)).toEqual([
      'CREATE CONSTRAINT a IF NOT EXISTS\nFOR (p:Person) REQUIRE p.id IS UNIQUE',
      'CREATE INDEX b IF NOT EXISTS FOR (p:Person) ON (p.name)',
      'CREATE INDEX c IF NOT EXISTS FOR (v:Vessel) ON (v.kind)',
    ]);
  });

  it('gives nothing for a file of comments', () => {
    expect(splitStatements('// nothing yet\n\n')).toEqual([]);
  });
});

describe('applyMigrations against a real Neo4j', () => {
  const tag = randomBytes(4).toString('hex');
  const label = `MigrationProbe${tag}`;
  let driver: Driver;
  let queries: Queries;
  let dir: string;

  beforeAll(async () => {
    driver = testDriver();
    queries = await loadQueries(SYSTEM_QUERIES);
    dir = await mkdtemp(join(tmpdir(), 'sna-migrations-'));
    await writeFile(
      join(dir, `${tag}-001.cypher`),
      `CREATE CONSTRAINT probe_id_${tag} IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE;\n`,
    );
    await writeFile(join(dir, `${tag}-002.cypher`), `CREATE INDEX probe_name_${tag} IF NOT EXISTS FOR (n:${label}) ON (n.name);\n`);
  });

  afterAll(async () => {
    await driver.executeQuery(`DROP CONSTRAINT probe_id_${tag} IF EXISTS`);
    await driver.executeQuery(`DROP INDEX probe_name_${tag} IF EXISTS`);
    await driver.executeQuery('MATCH (m:SchemaMigration) WHERE m.id STARTS WITH $tag DELETE m', { tag });
    await driver.close();
  });

  async function schemaNames(): Promise<{ constraints: string[]; indexes: string[] }> {
    const names = async (show: string) => {
      const { records } = await driver.executeQuery(`${show} YIELD name WHERE name ENDS WITH $tag RETURN name ORDER BY name`, { tag });
      return records.map((r) => r.get('name') as string);
    };
    return { constraints: await names('SHOW CONSTRAINTS'), indexes: await names('SHOW INDEXES') };
  }

  it('applies each file once, records it, and skips it the next time', async () => {
    const first = await applyMigrations(driver, 'neo4j', queries, dir);
    expect(first).toEqual({ applied: [`${tag}-001`, `${tag}-002`], skipped: [] });
    expect(await schemaNames()).toEqual({
      constraints: [`probe_id_${tag}`],
      indexes: [`probe_id_${tag}`, `probe_name_${tag}`],
    });

    const second = await applyMigrations(driver, 'neo4j', queries, dir);
    expect(second).toEqual({ applied: [], skipped: [`${tag}-001`, `${tag}-002`] });
  });

  it('enforces what it created: a duplicate id is refused', async () => {
    await driver.executeQuery(`CREATE (:${label} {id: 'x'})`);
    try {
      await expect(driver.executeQuery(`CREATE (:${label} {id: 'x'})`)).rejects.toMatchObject({
        code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
      });
    } finally {
      await driver.executeQuery(`MATCH (n:${label}) DELETE n`);
    }
  });

  it('re-applies a file whose text changed', async () => {
    await writeFile(
      join(dir, `${tag}-002.cypher`),
      `// widened\nCREATE INDEX probe_name_${tag} IF NOT EXISTS FOR (n:${label}) ON (n.name);\n`,
    );
    const third = await applyMigrations(driver, 'neo4j', queries, dir);
    expect(third).toEqual({ applied: [`${tag}-002`], skipped: [`${tag}-001`] });
  });
});
