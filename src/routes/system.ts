import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { GdsServer } from '../analysis/gds/gds-server.js';
import { GdsServerUnavailableError } from '../errors.js';
import type { SystemRepository } from '../repositories/system-repository.js';
import { databaseErrorResponses } from '../schemas/errors.js';
import { SystemInfoSchema } from '../schemas/system.js';
import { SERVICE } from '../service.js';

export const systemRoutes: FastifyPluginAsyncZod<{ system: SystemRepository; gdsServer: Pick<GdsServer, 'uri' | 'plugins'> }> = async (app, { system, gdsServer }) => {
  /** A dedicated GDS server's plugins; null when it does not answer (the route still answers). */
  const dedicatedPlugins = async () => {
    if (gdsServer.uri === null) return null;
    try {
      return await gdsServer.plugins();
    } catch (error) {
      if (!(error instanceof GdsServerUnavailableError)) throw error;
      return null;
    }
  };

  app.get(
    '/system',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['system'],
        summary: 'Service version, the Neo4j server behind it (with its GDS and APOC plugins), a dedicated GDS server if any, and the applied schema migrations',
        response: { 200: SystemInfoSchema, ...databaseErrorResponses },
      },
    },
    async () => {
      const [server, migrations, plugins, gdsPlugins] = await Promise.all([system.serverInfo(), system.appliedMigrations(), system.plugins(), dedicatedPlugins()]);
      return {
        service: SERVICE,
        database: {
          uri: app.neo4j.uri,
          embedded: app.neo4j.embedded,
          name: app.neo4j.database,
          product: server.name,
          version: server.version,
          edition: server.edition,
          nodes: server.nodes,
          relationships: server.relationships,
          plugins,
        },
        gdsServer: gdsServer.uri === null ? null : { uri: gdsServer.uri, reachable: gdsPlugins !== null, plugins: gdsPlugins },
        schema: { migrations },
      };
    },
  );
};
