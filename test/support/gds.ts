import type { Driver } from 'neo4j-driver';

import { createGdsEngine, type GdsEngine } from '../../src/analysis/engine-choice.js';
import type { Queries } from '../../src/neo4j/queries.js';
import { createGdsRepository, GDS_QUERIES } from '../../src/repositories/gds-repository.js';
import { createSystemRepository, SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';

/** The queries testGdsEngine needs loaded. */
export const TEST_GDS_QUERIES = [...GDS_QUERIES, ...SYSTEM_QUERIES];

/** The GDS engine on the test database, with the service's default settings unless told otherwise. */
export function testGdsEngine(driver: Driver, queries: Queries, settings: { aboveRelations?: number; concurrency?: number } = {}): GdsEngine {
  const system = createSystemRepository(driver, 'neo4j', queries);
  return createGdsEngine(createGdsRepository(driver, 'neo4j', queries), () => system.plugins(), {
    aboveRelations: settings.aboveRelations ?? 2_000_000,
    concurrency: settings.concurrency ?? 2,
  });
}
