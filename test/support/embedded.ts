import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { EmbeddedNeo4jConfig } from '../../src/config.js';
import { freePort } from './ports.js';

/** Settings for an extra embedded Neo4j that a test starts and stops itself. */
export async function privateNeo4jConfig(name: string): Promise<EmbeddedNeo4jConfig> {
  return {
    home: await mkdtemp(join(tmpdir(), `sna-${name}-`)),
    boltPort: await freePort(),
    heap: '512m',
    pageCache: '64m',
    startTimeoutMs: 180_000,
    javaHome: process.env.JAVA_HOME,
  };
}
