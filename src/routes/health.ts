import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { HealthSchema, ReadinessSchema } from '../schemas/system.js';

/** Probes for orchestrators: /healthz says the process is alive, /readyz that Neo4j is usable. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: { tags: ['health'], summary: 'The process is alive', response: { 200: HealthSchema } },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: process.uptime() }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Neo4j is reachable and the schema is applied',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const database = app.dbHealth.state;
      const ready = database.status === 'ready';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database });
    },
  );
};
