import { z } from 'zod';

import { ENTITY_TYPES } from '../model/graph-model.js';
import { PERSON_ROLES } from './entities.js';
import { GradingSchema, IdSchema } from './provenance.js';

export const EntityTypeSchema = z.enum(ENTITY_TYPES).describe('Entity type');

export const EntityParamsSchema = z.object({ type: EntityTypeSchema, id: IdSchema });

const EXAMPLE_PROVENANCE = {
  source: 'REP-2024-0117',
  grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' },
  recordedAt: '2024-03-14T09:12:44.000Z',
  history: [
    { at: '2024-02-02T16:40:00.000Z', source: 'REP-2024-0061', grading: '3CP', ingest: '0b9e4f7a-61c2-4d5e-8f3a-9c1b2d4e6f80' },
    { at: '2024-03-14T09:12:44.000Z', source: 'REP-2024-0117', grading: '2BP', ingest: '6a1f2c3d-4e5b-4c7d-8e9f-0a1b2c3d4e5f' },
  ],
};

const EXAMPLE_CONTACT = { type: 'person', id: 'P-014', name: 'Dilan Karim', unresolved: false };

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
  .meta({
    id: 'EntityView',
    example: {
      type: 'person',
      id: 'P-001',
      unresolved: false,
      properties: { name: 'Rekan Aziz', aliases: ['Kaka'], roles: ['organiser'], nationality: 'IQ' },
      provenance: EXAMPLE_PROVENANCE,
      investigations: ['OP-TIDE'],
      facts: [
        {
          investigation: 'OP-TIDE',
          unresolved: false,
          properties: { name: 'Rekan Aziz', aliases: ['Kaka'], roles: ['organiser'], nationality: 'IQ' },
          provenance: EXAMPLE_PROVENANCE,
        },
      ],
      relations: [
        {
          id: 'LK-55',
          type: 'COMMUNICATION',
          direction: 'out',
          other: EXAMPLE_CONTACT,
          properties: { count: 37, firstSeen: '2024-01-02', lastSeen: '2024-03-13' },
          provenance: { ...EXAMPLE_PROVENANCE, history: EXAMPLE_PROVENANCE.history.slice(1) },
          investigations: ['OP-TIDE'],
        },
      ],
      relationCount: 1,
      relationsTruncated: false,
    },
  });

export const SearchQuerySchema = z
  .strictObject({
    q: z.string().trim().min(1).max(200).optional().describe('Words of a name, alias or identifier; prefixes match'),
    identifier: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Exact lookup: `kind:value` (phone:+447700900123, imei:…, passport:…, registration:…, engine:…, plate:…, iban:…) or a bare value tried as every kind; normalised as loads are',
      ),
    type: EntityTypeSchema.optional(),
    investigation: IdSchema.optional().describe('Only copies loaded under this investigation; one you may not see finds nothing, as an unknown one'),
    role: z.enum(PERSON_ROLES).optional().describe('People with this role'),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .refine((s) => !(s.q !== undefined && s.identifier !== undefined), { message: 'give q or identifier, not both', path: ['identifier'] })
  .refine((s) => s.q !== undefined || s.identifier !== undefined || s.type !== undefined || s.investigation !== undefined || s.role !== undefined, {
    message: 'give q, identifier or a filter (type, investigation, role): a search for everything is not served',
    path: ['q'],
  });

export type SearchRequest = z.infer<typeof SearchQuerySchema>;

export const LatestRankSchema = z
  .object({ rank: z.number().int(), score: z.number().nullable().describe('Harm score'), runId: z.string() })
  .meta({ id: 'LatestRank', description: 'The entity in the newest finished run you may see that ranked it' });

const EXAMPLE_HIT = {
  type: 'person',
  id: 'P-001',
  label: 'Hemin Rashid',
  name: 'Hemin Rashid',
  kind: null,
  unresolved: false,
  nationality: 'IQ',
  dateOfBirth: '1986-04-02',
  aliases: ['Kaka'],
  roles: ['organiser'],
  identifiers: ['phone:+447700900123', 'passport:IQ:A1234567'],
  investigations: ['OP-TIDE'],
  latestRank: { rank: 3, score: 0.71, runId: 'run-2024-05-17-0001' },
  score: 3.2,
};

export const SearchHitSchema = z
  .object({
    type: z.string(),
    id: z.string(),
    label: z.string().describe('For display: the name, or for an unnamed vessel its kind, make, model and registration or serial'),
    name: z.string().nullable(),
    kind: z.string().nullable().describe('Vessel, location, account or organisation kind'),
    unresolved: z.boolean(),
    nationality: z.string().nullable().optional(),
    dateOfBirth: z.string().nullable().optional(),
    aliases: z.array(z.string()).optional(),
    roles: z.array(z.string()).optional(),
    identifiers: z.array(z.string()).describe('Identifier keys, kind:value (docs/identifiers.md)'),
    investigations: z.array(z.string()),
    latestRank: LatestRankSchema.nullable(),
    score: z.number(),
  })
  .meta({
    id: 'SearchHit',
    example: EXAMPLE_HIT,
  });

export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(SearchHitSchema),
  })
  .meta({
    id: 'SearchResult',
    example: {
      total: 2,
      limit: 20,
      offset: 0,
      items: [
        EXAMPLE_HIT,
        {
          type: 'person',
          id: 'P-104',
          label: 'Hemin Rashid',
          name: 'Hemin Rashid',
          kind: null,
          unresolved: false,
          nationality: 'IR',
          dateOfBirth: '1994-11-20',
          aliases: [],
          roles: ['driver'],
          identifiers: ['phone:+989121234567'],
          investigations: ['OP-TIDE', 'OP-WAKE'],
          latestRank: null,
          score: 3.2,
        },
      ],
    },
  });

export type SearchResult = z.infer<typeof SearchResultSchema>;

export const NetworkQuerySchema = z.strictObject({
  depth: z.coerce.number().int().min(1).max(3).default(1),
  limit: z.coerce.number().int().min(1).max(5_000).default(500).describe('Most nodes returned'),
});

export const NetworkSchema = z
  .object({
    nodes: z.array(
      EntityRefViewSchema.extend({
        key: z.string().describe('type:id'),
        depth: z.number().int(),
        label: z.string().describe('For display: the name, or for an unnamed vessel its kind, make, model and registration or serial'),
        kind: z.string().nullable(),
        roles: z.array(z.string()).optional().describe('People'),
        identifiers: z.array(z.string()).describe('Identifier keys, kind:value, merged across the copies you may see'),
        registration: z.string().nullable().optional(),
        engineSerial: z.string().nullable().optional(),
        plate: z.string().nullable().optional(),
        identifier: z.string().nullable().optional().describe('Accounts'),
      }),
    ),
    edges: z.array(z.object({ id: z.string().nullable(), type: z.string(), from: z.string().describe('Node key'), to: z.string() })),
    truncated: z.boolean().describe('True when the limit cut the neighbourhood short'),
  })
  .meta({
    id: 'Network',
    example: {
      nodes: [
        {
          key: 'person:P-001',
          type: 'person',
          id: 'P-001',
          name: 'Rekan Aziz',
          label: 'Rekan Aziz',
          kind: null,
          roles: ['organiser'],
          identifiers: ['phone:+447700900123'],
          unresolved: false,
          depth: 0,
        },
        { key: 'person:P-014', ...EXAMPLE_CONTACT, label: 'Dilan Karim', kind: null, roles: ['facilitator'], identifiers: [], depth: 1 },
        {
          key: 'vessel:V-007',
          type: 'vessel',
          id: 'V-007',
          name: null,
          label: 'boat Zodiac Pro 650 FRDK7731',
          kind: 'boat',
          identifiers: ['registration:FRDK7731'],
          registration: 'FRDK7731',
          unresolved: false,
          depth: 1,
        },
      ],
      edges: [
        { id: 'LK-55', type: 'COMMUNICATION', from: 'person:P-001', to: 'person:P-014' },
        { id: 'OW-12', type: 'OWNS', from: 'person:P-001', to: 'vessel:V-007' },
      ],
      truncated: false,
    },
  });

export const ErasureSchema = z
  .object({ type: z.string(), id: z.string(), erased: z.literal(true), relationsRemoved: z.number().int(), dataVersion: z.number().int() })
  .meta({ id: 'Erasure', example: { type: 'person', id: 'P-031', erased: true, relationsRemoved: 7, dataVersion: 413 } });

export type EntityView = z.infer<typeof EntityViewSchema>;
export type RelationView = z.infer<typeof RelationViewSchema>;
export type Network = z.infer<typeof NetworkSchema>;
