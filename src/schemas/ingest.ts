import { z } from 'zod';

import {
  AccountSchema,
  CrossingSchema,
  LinkSchema,
  LocationSchema,
  OrganisationSchema,
  PaymentSchema,
  PersonSchema,
  RelationSchema,
  RouteSchema,
  VesselSchema,
} from './entities.js';
import { GradingSchema, IdSchema } from './provenance.js';

/**
 * The ingest contract. A record kind is named once here: its schema, the key of its array in
 * a JSON document, and the `kind` value of its NDJSON lines and CSV route.
 */
export const RECORD_KINDS = {
  person: { schema: PersonSchema, collection: 'people' },
  organisation: { schema: OrganisationSchema, collection: 'organisations' },
  vessel: { schema: VesselSchema, collection: 'vessels' },
  location: { schema: LocationSchema, collection: 'locations' },
  route: { schema: RouteSchema, collection: 'routes' },
  crossing: { schema: CrossingSchema, collection: 'crossings' },
  account: { schema: AccountSchema, collection: 'accounts' },
  payment: { schema: PaymentSchema, collection: 'payments' },
  link: { schema: LinkSchema, collection: 'links' },
  relation: { schema: RelationSchema, collection: 'relations' },
} as const;

export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as [RecordKind, ...RecordKind[]];
export type Collection = (typeof RECORD_KINDS)[RecordKind]['collection'];

export const InvestigationSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().min(1).max(300).optional(),
  })
  .meta({ id: 'Investigation', example: { id: 'OP-TIDE', name: 'Operation Tide' } });

export type Investigation = z.infer<typeof InvestigationSchema>;

export const IngestDefaultsSchema = z
  .strictObject({
    source: z.string().min(1).max(500).optional(),
    grading: GradingSchema.optional(),
  })
  .meta({ id: 'IngestDefaults' });

/** The head of every load: which investigations it belongs to and the provenance defaults. */
export const IngestHeaderSchema = z.strictObject({
  investigations: z.array(InvestigationSchema).min(1).max(100),
  defaults: IngestDefaultsSchema.optional(),
});

export type IngestHeader = z.infer<typeof IngestHeaderSchema>;

/** A document's envelope: the header and one array per known collection, records unchecked (the ingest service checks each). */
export const IngestEnvelopeSchema = IngestHeaderSchema.extend(
  Object.fromEntries(Object.values(RECORD_KINDS).map(({ collection }) => [collection, z.array(z.unknown()).optional()])),
);

/** `POST /v1/ingest`: the header plus one array per record kind (each optional). */
export const IngestDocumentSchema = IngestHeaderSchema.extend({
  people: z.array(PersonSchema).optional(),
  organisations: z.array(OrganisationSchema).optional(),
  vessels: z.array(VesselSchema).optional(),
  locations: z.array(LocationSchema).optional(),
  routes: z.array(RouteSchema).optional(),
  crossings: z.array(CrossingSchema).optional(),
  accounts: z.array(AccountSchema).optional(),
  payments: z.array(PaymentSchema).optional(),
  links: z.array(LinkSchema).optional(),
  relations: z.array(RelationSchema).optional(),
}).meta({
  id: 'IngestDocument',
  example: {
    investigations: [{ id: 'OP-TIDE', name: 'Operation Tide' }],
    defaults: { source: 'REP-2024-0117', grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } },
    people: [
      { id: 'P-001', name: 'Karwan A.', roles: ['organiser'] },
      { id: 'P-014', name: 'Dler M.', roles: ['pilot'] },
    ],
    crossings: [{ id: 'X-2024-031', date: '2024-03-14', outcome: 'intercepted', passengers: 61, organisers: ['P-001'], pilots: ['P-014'] }],
    links: [{ id: 'LK-55', type: 'communication', from: 'P-001', to: 'P-014', count: 37 }],
  },
});

export type IngestDocument = z.infer<typeof IngestDocumentSchema>;
