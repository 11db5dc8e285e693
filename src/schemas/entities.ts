import { z } from 'zod';

import { DOCUMENT_KINDS, normaliseAccountIdentifier, normaliseImei, normalisePhone } from '../model/identifiers.js';
import { IdSchema, IsoDateSchema, provenanceFields } from './provenance.js';

/**
 * The records analysts load, one strict schema per kind (unknown fields are refused, so a
 * misspelt column never disappears silently). Relations named inside a record (a crossing's
 * organisers, a payment's payer) become graph relations carrying the record's provenance.
 */

const name = z.string().min(1).max(300);
const country = z
  .string()
  .regex(/^[A-Z]{2,3}$/, 'expected an ISO 3166 country code such as GB or FRA')
  .describe('ISO 3166 alpha-2 or alpha-3 code');
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ids = z.array(IdSchema).max(10_000);
const code = (max: number) => z.string().trim().min(1).max(max);

/** A string its normaliser accepts (model/identifiers.ts); the stored form is the normalised one. */
const checked = (schema: z.ZodString, normalise: (value: string) => string | Error) =>
  schema.superRefine((value, ctx) => {
    const result = normalise(value);
    if (result instanceof Error) ctx.addIssue({ code: 'custom', message: result.message });
  });

const phone = checked(z.string().min(1).max(40), normalisePhone).describe('With its international prefix: +44 7700 900123 or 0044 7700 900123; stored as E.164');
const imei = checked(z.string().min(1).max(40), normaliseImei).describe('15 digits, the last a Luhn check digit');

export const IdentityDocumentSchema = z
  .strictObject({
    kind: z.enum(DOCUMENT_KINDS),
    number: code(50)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 .\-/]*$/, 'letters and digits, with spaces, dots, dashes or slashes between')
      .describe('Stored upper-case, spaces, dots, dashes and slashes removed'),
    country: country.optional().describe('Issuing country'),
  })
  .meta({ id: 'IdentityDocument', example: { kind: 'passport', number: 'A1234567', country: 'IQ' } });

export const PERSON_ROLES = ['organiser', 'facilitator', 'recruiter', 'driver', 'pilot', 'money_mover', 'procurer', 'logistics', 'migrant', 'other'] as const;

export const PersonSchema = z
  .strictObject({
    id: IdSchema,
    name,
    aliases: z.array(name).max(100).optional(),
    nationality: country.optional(),
    dateOfBirth: IsoDateSchema.optional(),
    roles: z.array(z.enum(PERSON_ROLES)).max(PERSON_ROLES.length).optional(),
    phones: z.array(phone).max(100).optional(),
    imeis: z.array(imei).max(100).optional().describe('Handsets the person used'),
    documents: z.array(IdentityDocumentSchema).max(100).optional(),
    ...provenanceFields,
  })
  .meta({
    id: 'Person',
    example: {
      id: 'P-001',
      name: 'Karwan A.',
      aliases: ['Kaka'],
      nationality: 'IQ',
      dateOfBirth: '1986-04-02',
      roles: ['organiser'],
      phones: ['+44 7700 900123'],
      imeis: ['356938035643809'],
      documents: [{ kind: 'passport', number: 'A1234567', country: 'IQ' }],
      source: 'REP-2024-0117',
      grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' },
    },
  });

export const OrganisationSchema = z
  .strictObject({
    id: IdSchema,
    name,
    kind: z.enum(['company', 'employer', 'boat_seller', 'front', 'money_service_business', 'other']).optional(),
    registration: z.string().min(1).max(100).optional(),
    country: country.optional(),
    ...provenanceFields,
  })
  .meta({ id: 'Organisation', example: { id: 'O-01', name: 'Nautic Trade GmbH', kind: 'boat_seller', country: 'DE' } });

export const VESSEL_KINDS = ['boat', 'dinghy', 'engine', 'vehicle', 'lorry', 'van', 'other'] as const;

export const VesselSchema = z
  .strictObject({
    id: IdSchema,
    kind: z.enum(VESSEL_KINDS),
    name: name.optional(),
    make: z.string().min(1).max(100).optional(),
    model: z.string().min(1).max(100).optional(),
    registration: code(100).optional().describe('Boats: registration (port letters and number)'),
    hullId: code(100).optional(),
    engineSerial: code(100).optional().describe('Engines: the best identifier'),
    plate: code(30).optional().describe('Vehicles: registration plate'),
    ...provenanceFields,
  })
  .meta({ id: 'Vessel', example: { id: 'E-77', kind: 'engine', make: 'Yamaha', model: '40HP', engineSerial: '6BG-1042211' } });

export const LOCATION_KINDS = ['beach', 'staging_area', 'safe_house', 'warehouse', 'port', 'city', 'border_crossing', 'other'] as const;

export const LocationSchema = z
  .strictObject({
    id: IdSchema,
    name,
    kind: z.enum(LOCATION_KINDS),
    country: country.optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    ...provenanceFields,
  })
  .refine((l) => (l.latitude === undefined) === (l.longitude === undefined), {
    message: 'latitude and longitude go together',
    path: ['longitude'],
  })
  .meta({ id: 'Location', example: { id: 'L-GRAV', name: 'Gravelines beach', kind: 'beach', country: 'FR', latitude: 51.01, longitude: 2.12 } });

export const RouteSchema = z
  .strictObject({
    id: IdSchema,
    name,
    kind: z.enum(['sea', 'land', 'mixed']).optional(),
    departsFrom: IdSchema.optional().describe('Location id'),
    arrivesAt: IdSchema.optional().describe('Location id'),
    via: ids.optional().describe('Location ids, in order'),
    ...provenanceFields,
  })
  .meta({ id: 'Route', example: { id: 'R-CH1', name: 'Côte d’Opale to Kent', kind: 'sea', departsFrom: 'L-GRAV', arrivesAt: 'L-DUNG' } });

export const CrossingSchema = z
  .strictObject({
    id: IdSchema,
    date: IsoDateSchema,
    // No default: a later record without an outcome must not reset a known one.
    outcome: z.enum(['landed', 'intercepted', 'failed', 'unknown']).optional().describe('Left out: unknown'),
    passengers: count.optional(),
    deaths: count.optional(),
    injuries: count.optional(),
    routeId: IdSchema.optional(),
    departedFrom: IdSchema.optional().describe('Location id of the launch'),
    vesselIds: ids.optional().describe('Boats, engines and vehicles used'),
    organisers: ids.optional().describe('Person ids'),
    pilots: ids.optional().describe('Person ids'),
    recruiters: ids.optional().describe('Person ids'),
    travellers: ids.optional().describe('Person ids of known passengers'),
    ...provenanceFields,
  })
  .meta({
    id: 'Crossing',
    example: {
      id: 'X-2024-031',
      date: '2024-03-14',
      outcome: 'intercepted',
      passengers: 61,
      routeId: 'R-CH1',
      vesselIds: ['B-12', 'E-77'],
      organisers: ['P-001'],
      pilots: ['P-014'],
    },
  });

export const PartyRefSchema = z.strictObject({ type: z.enum(['person', 'organisation', 'account']), id: IdSchema }).meta({ id: 'PartyRef' });

export const PAYMENT_CHANNELS = ['bank', 'cash', 'hawala', 'money_service_business', 'crypto', 'other'] as const;

export const PaymentSchema = z
  .strictObject({
    id: IdSchema,
    payer: PartyRefSchema,
    payee: PartyRefSchema,
    amount: z.number().int('amount is in minor units (e.g. pence): a whole number').min(0).max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'),
    date: IsoDateSchema,
    channel: z.enum(PAYMENT_CHANNELS),
    crossingId: IdSchema.optional().describe('The crossing this payment was for'),
    ...provenanceFields,
  })
  .meta({
    id: 'Payment',
    example: {
      id: 'PAY-9001',
      payer: { type: 'person', id: 'P-120' },
      payee: { type: 'person', id: 'P-001' },
      amount: 250000,
      currency: 'EUR',
      date: '2024-03-10',
      channel: 'hawala',
      crossingId: 'X-2024-031',
    },
  });

export const AccountSchema = z
  .strictObject({
    id: IdSchema,
    kind: z.enum(['bank', 'money_service_business', 'hawala', 'crypto_wallet', 'other']),
    identifier: checked(z.string().trim().min(1).max(100), normaliseAccountIdentifier)
      .optional()
      .describe('IBAN (spaces allowed; its check digits are verified), wallet address, ledger name'),
    holders: z.array(PartyRefSchema).max(100).optional().describe('People or organisations holding it'),
    ...provenanceFields,
  })
  .refine((a) => (a.holders ?? []).every((h) => h.type !== 'account'), {
    message: 'an account is held by people or organisations',
    path: ['holders'],
  })
  .meta({ id: 'Account', example: { id: 'ACC-3', kind: 'bank', identifier: 'FR76 3000 6000 0112 3456 7890 189', holders: [{ type: 'person', id: 'P-001' }] } });

export const LINK_TYPES = ['contact', 'communication', 'meeting', 'family', 'associate'] as const;

export const LinkSchema = z
  .strictObject({
    id: IdSchema.describe('Stable id of this reported link; repeated reports with different ids are kept apart'),
    type: z.enum(LINK_TYPES),
    from: IdSchema.describe('Person id'),
    to: IdSchema.describe('Person id'),
    count: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('Calls, messages or meetings reported; left out: 1 (kept as given by an earlier record)'),
    weight: z
      .number()
      .positive('expected a positive number')
      .max(1e12)
      .optional()
      .describe('Tie strength on the analyst’s own scale (decimal, > 0); when given it, not count, is what the analysis weighs (docs/analytics.md)'),
    firstSeen: IsoDateSchema.optional(),
    lastSeen: IsoDateSchema.optional(),
    ...provenanceFields,
  })
  .refine((l) => !l.firstSeen || !l.lastSeen || l.firstSeen <= l.lastSeen, {
    message: 'firstSeen is after lastSeen',
    path: ['lastSeen'],
  })
  .meta({ id: 'Link', example: { id: 'LK-55', type: 'communication', from: 'P-001', to: 'P-014', count: 37, firstSeen: '2024-01-02', lastSeen: '2024-03-13' } });

/** Relations between entities that no record above names: who bought, sold, owned, stored, worked where. */
export const RELATION_TYPES = {
  bought: { from: ['person', 'organisation'], to: ['vessel'] },
  sold: { from: ['person', 'organisation'], to: ['vessel'] },
  owns: { from: ['person', 'organisation'], to: ['vessel'] },
  stored: { from: ['person', 'organisation'], to: ['vessel'] },
  stored_at: { from: ['vessel'], to: ['location'] },
  employed_by: { from: ['person'], to: ['organisation'] },
  director_of: { from: ['person'], to: ['organisation'] },
  operates_at: { from: ['person', 'organisation'], to: ['location'] },
} as const;

export type RelationType = keyof typeof RELATION_TYPES;

export const EntityRefSchema = z
  .strictObject({
    type: z.enum(['person', 'organisation', 'vessel', 'location', 'route', 'crossing', 'payment', 'account']),
    id: IdSchema,
  })
  .meta({ id: 'EntityRef' });

export const RelationSchema = z
  .strictObject({
    id: IdSchema,
    type: z.enum(Object.keys(RELATION_TYPES) as [RelationType, ...RelationType[]]),
    from: EntityRefSchema,
    to: EntityRefSchema,
    date: IsoDateSchema.optional(),
    ...provenanceFields,
  })
  .superRefine((r, ctx) => {
    const allowed = RELATION_TYPES[r.type];
    if (!(allowed.from as readonly string[]).includes(r.from.type)) {
      ctx.addIssue({ code: 'custom', path: ['from', 'type'], message: `${r.type} goes from ${allowed.from.join(' or ')}` });
    }
    if (!(allowed.to as readonly string[]).includes(r.to.type)) {
      ctx.addIssue({ code: 'custom', path: ['to', 'type'], message: `${r.type} goes to ${allowed.to.join(' or ')}` });
    }
  })
  .meta({ id: 'Relation', example: { id: 'REL-4', type: 'bought', from: { type: 'person', id: 'P-031' }, to: { type: 'vessel', id: 'E-77' }, date: '2024-02-20' } });

export type Person = z.infer<typeof PersonSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type Vessel = z.infer<typeof VesselSchema>;
export type Location = z.infer<typeof LocationSchema>;
export type Route = z.infer<typeof RouteSchema>;
export type Crossing = z.infer<typeof CrossingSchema>;
export type Payment = z.infer<typeof PaymentSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type Relation = z.infer<typeof RelationSchema>;
