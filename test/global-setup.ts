import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../src/neo4j/embedded.js';
import { freePort } from './support/ports.js';

/**
 * One Neo4j for the whole run: the server named by NEO4J_URI when given (with NEO4J_USER and
 * NEO4J_PASSWORD), otherwise a throw-away embedded one in its own temp folder on a free port.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    /** True when the run started its own Neo4j (with the plugins neo4j/pom.xml fetches). */
    neo4jEmbedded: boolean;
  }
}

let embedded: EmbeddedNeo4j | undefined;
let home: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    project.provide('neo4jEmbedded', false);
    return;
  }
  home = await mkdtemp(join(tmpdir(), 'sna-test-neo4j-'));
  embedded = await startEmbeddedNeo4j({
    home,
    boltPort: await freePort(),
    heap: '1g',
    pageCache: '128m',
    startTimeoutMs: 180_000,
    javaHome: process.env.JAVA_HOME,
  });
  project.provide('neo4jUri', embedded.uri);
  project.provide('neo4jEmbedded', true);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (home) await rm(home, { recursive: true, force: true });
}
