import { z } from 'zod';

import { ENTITY_TYPES, type EntityType } from '../model/graph-model.js';
import { RunIdSchema } from './runs.js';

/**
 * The investigations a caller may see, with what each holds and how fresh its latest ranking is:
 * what an analyst (or a batch job) looks at before choosing a scope.
 */

const count = z.number().int().min(0);

export const InvestigationListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const EntityCountsSchema = z
  .object(Object.fromEntries(ENTITY_TYPES.map((type) => [type, count])) as Record<EntityType, typeof count>)
  .describe('Entities loaded under the investigation, by type (placeholders for relation ends it has not loaded yet included)')
  .meta({ id: 'EntityCounts' });

export const InvestigationSummarySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().describe('As given by a load, if any'),
    entities: EntityCountsSchema,
    relations: count.describe('Relations loaded under the investigation'),
    dataVersion: z.number().int().describe('The version of its data: changes with every load or erasure that changes it (0 before the first)'),
    latestRun: z
      .object({
        id: RunIdSchema,
        finishedAt: z.string(),
        scopeVersion: z.number().int().nullable().describe('The data version it read'),
        stale: z.boolean().describe('The investigation’s data has changed since the run read it'),
      })
      .nullable()
      .describe('The newest finished analysis run over exactly this investigation (GET /v1/rankings/latest?investigation=…); null: none'),
  })
  .meta({ id: 'InvestigationSummary' });

export type InvestigationSummary = z.infer<typeof InvestigationSummarySchema>;

export const InvestigationListSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(InvestigationSummarySchema) }).meta({
  id: 'InvestigationList',
  example: {
    total: 2,
    limit: 100,
    offset: 0,
    items: [
      {
        id: 'OP-TIDE',
        name: 'Operation Tide',
        entities: { person: 214, organisation: 9, vessel: 31, location: 17, route: 3, crossing: 48, payment: 126, account: 22 },
        relations: 1387,
        dataVersion: 412,
        latestRun: { id: '3f6c1d2e-8a4b-4c7e-9f10-2b5d6e7a8c90', finishedAt: '2026-11-28T02:14:09.512Z', scopeVersion: 407, stale: true },
      },
      {
        id: 'OP-WAKE',
        name: null,
        entities: { person: 12, organisation: 0, vessel: 2, location: 3, route: 0, crossing: 1, payment: 0, account: 0 },
        relations: 19,
        dataVersion: 415,
        latestRun: null,
      },
    ],
  },
});

export type InvestigationList = z.infer<typeof InvestigationListSchema>;
