import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }).meta({ id: 'Health', example: { status: 'ok', uptimeSeconds: 12.5 } });

export const DatabaseStateSchema = z
  .object({
    status: z.enum(['starting', 'ready', 'unavailable']),
    reason: z.string().optional(),
    since: z.string().describe('When the status last changed (ISO-8601)'),
  })
  .meta({ id: 'DatabaseState' });

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: DatabaseStateSchema,
  })
  .meta({
    id: 'Readiness',
    example: { status: 'ready', database: { status: 'ready', since: '2026-11-28T22:30:00.000Z' } },
  });

const PluginsSchema = z.object({
  gds: z.string().nullable().describe('Graph Data Science version (gds.version()); null when not installed'),
  apoc: z.string().nullable().describe('APOC version (apoc.version()); null when not installed'),
});

export const SystemInfoSchema = z
  .object({
    service: z.object({ name: z.string(), version: z.string() }),
    database: z.object({
      uri: z.string().describe('Bolt URI without credentials'),
      embedded: z.boolean().describe('True when the service started its own Neo4j'),
      name: z.string(),
      product: z.string(),
      version: z.string(),
      edition: z.string(),
      nodes: z.number().int(),
      relationships: z.number().int(),
      plugins: PluginsSchema.describe('Plugins the analytics can use on this server'),
    }),
    gdsServer: z
      .object({
        uri: z.string().describe('Bolt URI without credentials'),
        reachable: z.boolean(),
        plugins: PluginsSchema.nullable().describe('null when the server did not answer'),
      })
      .nullable()
      .describe('The dedicated GDS server (NEO4J_GDS_URI) the GDS engine runs on; null: it runs on the database above'),
    schema: z.object({
      migrations: z.array(z.object({ id: z.string(), checksum: z.string(), appliedAt: z.string() })),
    }),
  })
  .meta({
    id: 'SystemInfo',
    example: {
      service: { name: 'smuggling-network-analytics', version: '0.1.0' },
      database: {
        uri: 'bolt://127.0.0.1:7687',
        embedded: true,
        name: 'neo4j',
        product: 'Neo4j Kernel',
        version: '5.26.31',
        edition: 'community',
        nodes: 0,
        relationships: 0,
        plugins: { gds: '2.13.9', apoc: '5.26.19' },
      },
      gdsServer: null,
      schema: { migrations: [{ id: '001-schema-migrations', checksum: 'e3b0c442…', appliedAt: '2026-11-28T22:30:00Z' }] },
    },
  });

export type SystemInfo = z.infer<typeof SystemInfoSchema>;
