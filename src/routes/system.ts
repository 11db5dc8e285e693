import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { SystemRepository } from '../repositories/system-repository.js';
import { databaseErrorResponses } from '../schemas/errors.js';
import { SystemInfoSchema } from '../schemas/system.js';
import { SERVICE } from '../service.js';

export const systemRoutes: FastifyPluginAsyncZod<{ system: SystemRepository }> = async (app, { system }) => {
  app.get(
    '/system',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['system'],
        summary: 'Service version, the Neo4j server behind it (with its GDS and APOC plugins), and the applied schema migrations',
        response: { 200: SystemInfoSchema, ...databaseErrorResponses },
      },
    },
    async () => {
      const [server, migrations, plugins] = await Promise.all([system.serverInfo(), system.appliedMigrations(), system.plugins()]);
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
        schema: { migrations },
      };
    },
  );
};
