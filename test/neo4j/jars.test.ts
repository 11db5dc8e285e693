import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ensureNeo4jJars, NEO4J_DIR, Neo4jSetupError } from '../../src/neo4j/jars.js';

describe('ensureNeo4jJars', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  async function folderWithPom(pom: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sna-jars-'));
    await writeFile(join(dir, 'pom.xml'), pom);
    return dir;
  }

  it('says to install Maven when mvn is missing', async () => {
    const dir = await folderWithPom(await readFile(join(NEO4J_DIR, 'pom.xml'), 'utf8'));
    process.env.PATH = '/nonexistent';
    await expect(ensureNeo4jJars(dir)).rejects.toThrow(Neo4jSetupError);
    await expect(ensureNeo4jJars(dir)).rejects.toThrow(/Maven \(mvn\) is not installed: install it/);
  });

  it('says Maven could not fetch when an artifact does not resolve', async () => {
    const pom = (await readFile(join(NEO4J_DIR, 'pom.xml'), 'utf8')).replace(
      /<neo4j.version>[^<]+</,
      '<neo4j.version>0.0.0-does-not-exist<',
    );
    const dir = await folderWithPom(pom);
    await expect(ensureNeo4jJars(dir)).rejects.toThrow(/Maven could not fetch Neo4j from Maven Central \(.+\)/);
  });

  it('does nothing when the stamp matches the pom (the run already fetched)', async () => {
    await expect(ensureNeo4jJars()).resolves.toBeUndefined();
  });
});
