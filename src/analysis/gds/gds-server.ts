import type { Driver } from 'neo4j-driver';

import type { Config } from '../../config.js';
import { createDriver, type DriverLogger, redactUri } from '../../neo4j/driver.js';
import type { Queries } from '../../neo4j/queries.js';
import { asGdsServerError, createGdsRepository } from '../../repositories/gds-repository.js';
import { createSystemRepository, type PluginVersions } from '../../repositories/system-repository.js';
import { createGdsEngine, type GdsEngine } from '../engine-choice.js';

/**
 * Where the GDS engine runs. By default on the service's own Neo4j, through its driver. With
 * NEO4J_GDS_URI, on a server of its own — Neo4j's advice for heavy analytics: a cluster member
 * with GDS installed (a secondary), so projections and algorithms take its memory and CPU, not
 * the primaries'. Same credentials and database name. Every GDS call carries the service
 * driver's bookmarks, so the GDS server reads what the service has written (it waits until it
 * has caught up); a bookmark means nothing to a server outside the cluster, so the GDS server
 * must be a member of it.
 */
export interface GdsServer {
  engine: GdsEngine;
  /** The dedicated server's URI without credentials; null when GDS runs on the service's own Neo4j. */
  uri: string | null;
  /** The GDS server's plugins; a dedicated one that does not answer: GdsServerUnavailableError. */
  plugins(): Promise<PluginVersions>;
  close(): Promise<void>;
}

export const DEDICATED_GDS_SERVER = 'the GDS server (NEO4J_GDS_URI)';

export function openGdsServer(config: Pick<Config, 'neo4j' | 'analytics'>, driver: Driver, queries: Queries, logger?: DriverLogger): GdsServer {
  const { database, gdsUri } = config.neo4j;
  const settings = { aboveRelations: config.analytics.gdsAboveRelations, concurrency: config.analytics.gdsConcurrency };
  if (gdsUri === undefined) {
    const system = createSystemRepository(driver, database, queries);
    const plugins = () => system.plugins();
    return { engine: createGdsEngine(createGdsRepository(driver, database, queries), plugins, settings), uri: null, plugins, close: async () => {} };
  }
  const gdsDriver = createDriver(config.neo4j, gdsUri, logger);
  const system = createSystemRepository(gdsDriver, database, queries);
  const plugins = () =>
    system.plugins().catch((error: unknown) => {
      throw asGdsServerError(error);
    });
  const repository = createGdsRepository(gdsDriver, database, queries, { dedicated: true, bookmarkManager: driver.executeQueryBookmarkManager });
  return {
    engine: createGdsEngine(repository, plugins, { ...settings, server: DEDICATED_GDS_SERVER }),
    uri: redactUri(gdsUri),
    plugins,
    close: () => gdsDriver.close(),
  };
}
