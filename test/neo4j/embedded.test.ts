import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EmbeddedNeo4jConfig } from '../../src/config.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { Neo4jSetupError } from '../../src/neo4j/jars.js';
import { privateNeo4jConfig } from '../support/embedded.js';

describe('embedded Neo4j launcher', () => {
  let config: EmbeddedNeo4jConfig;
  beforeAll(async () => {
    config = await privateNeo4jConfig('embedded');
  });
  afterAll(() => rm(config.home, { recursive: true, force: true }));

  it('keeps data across a SIGTERM and a restart, with no recovery needed', async () => {
    const first = await startEmbeddedNeo4j(config);
    expect(first.uri).toBe(`bolt://127.0.0.1:${config.boltPort}`);
    let driver = neo4j.driver(first.uri);
    await driver.executeQuery("CREATE (:Survivor {id: 'kept'})");
    await driver.close();

    // Refuses a second DBMS on the same port while the first one runs.
    const other = await privateNeo4jConfig('embedded-clash');
    await expect(startEmbeddedNeo4j({ ...other, boltPort: config.boltPort })).rejects.toThrow(
      new RegExp(`port ${config.boltPort} is already in use`),
    );
    await rm(other.home, { recursive: true, force: true });

    await first.stop();
    expect(await first.exited).toBe(0);

    const second = await startEmbeddedNeo4j(config);
    driver = neo4j.driver(second.uri);
    try {
      const { records } = await driver.executeQuery("MATCH (s:Survivor {id: 'kept'}) RETURN count(s) AS n");
      expect(records[0]!.get('n').toNumber()).toBe(1);
    } finally {
      await driver.close();
      await second.stop();
    }
    const log = await readFile(join(config.home, 'logs', 'debug.log'), 'utf8');
    expect(log).toContain('Shutdown started');
    expect(log).not.toMatch(/Recovery required/);
  });

  it('says what to do when Java is missing', async () => {
    const promise = startEmbeddedNeo4j({ ...config, javaHome: '/nonexistent-jdk' });
    await expect(promise).rejects.toThrow(Neo4jSetupError);
    await expect(startEmbeddedNeo4j({ ...config, javaHome: '/nonexistent-jdk' })).rejects.toThrow(
      /Java not found .*install a JDK 17/,
    );
  });
});
