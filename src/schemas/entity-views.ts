import { z } from 'zod';

import { ENTITY_TYPES } from '../model/graph-model.js';
import { GradingSchema, IdSchema } from './provenance.js';

export const EntityTypeSchema = z.enum(ENTITY_TYPES).describe('Entity type');

export const EntityParamsSchema = z.object({ type: EntityTypeSchema, id: IdSchema });

export const ProvenanceViewSchema = z
  .object({
    source: z.string().nullable(),
    grading: GradingSchema.nullable(),
    recordedAt: z.string().nullable(),
    history: z
      .array(z.object({ at: z.string(), source: z.string(), grading: z.string(), ingest: z.string() }))
      .describe('Every version loaded: when it was recorded, its report, grading (e.g. 2BP) and ingest id'),
  })
  .meta({ id: 'ProvenanceView' });

export const EntityRefViewSchema = z.object({ type: z.string(), id: z.string(), name: z.string().nullable(), unresolved: z.boolean() }).meta({ id: 'EntityRefView' });

export const RelationViewSchema = z
  .object({
    id: z.string(),
    type: z.string().describe('Relationship type, e.g. ORGANISED, PAID, COMMUNICATION'),
    direction: z.enum(['out', 'in']),
    other: EntityRefViewSchema,
    properties: z.record(z.string(), z.unknown()),
    provenance: ProvenanceViewSchema,
    investigations: z.array(z.string()),
  })
  .meta({ id: 'RelationView' });

export const EntityViewSchema = z
  .object({
    type: z.string(),
    id: z.string(),
    unresolved: z.boolean().describe('A placeholder: named by a relation, not loaded yet'),
    properties: z.record(z.string(), z.unknown()),
    provenance: ProvenanceViewSchema,
    investigations: z.array(z.string()),
    facts: z
      .array(
        z.object({
          investigation: z.string().nullable(),
          unresolved: z.boolean(),
          properties: z.record(z.string(), z.unknown()),
          provenance: ProvenanceViewSchema,
        }),
      )
      .describe(
        'What each investigation holds about the entity, kept apart: a principal sees the investigations it may see only. properties and provenance above are the latest recorded of these',
      ),
    relations: z.array(RelationViewSchema),
    relationCount: z.number().int(),
    relationsTruncated: z.boolean(),
  })
  .meta({ id: 'EntityView' });

export const SearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).describe('Words of a name, alias or identifier; prefixes match'),
  type: EntityTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const SearchResultSchema = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(EntityRefViewSchema.extend({ score: z.number() })),
  })
  .meta({ id: 'SearchResult' });

export const NetworkQuerySchema = z.strictObject({
  depth: z.coerce.number().int().min(1).max(3).default(1),
  limit: z.coerce.number().int().min(1).max(5_000).default(500).describe('Most nodes returned'),
});

export const NetworkSchema = z
  .object({
    nodes: z.array(EntityRefViewSchema.extend({ key: z.string().describe('type:id'), depth: z.number().int() })),
    edges: z.array(z.object({ id: z.string().nullable(), type: z.string(), from: z.string().describe('Node key'), to: z.string() })),
    truncated: z.boolean().describe('True when the limit cut the neighbourhood short'),
  })
  .meta({ id: 'Network' });

export const ErasureSchema = z
  .object({ type: z.string(), id: z.string(), erased: z.literal(true), relationsRemoved: z.number().int(), dataVersion: z.number().int() })
  .meta({ id: 'Erasure' });

export type EntityView = z.infer<typeof EntityViewSchema>;
export type RelationView = z.infer<typeof RelationViewSchema>;
export type Network = z.infer<typeof NetworkSchema>;
