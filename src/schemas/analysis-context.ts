import { z } from 'zod';

/**
 * A run's drawn context (GET /v1/analyses/{id}/context): the vessels, crossings, payments
 * (with the accounts they pass through), places (locations and routes) of the run's scope and
 * their relations, read as the data stands now within what the caller may see. Context only:
 * the run's measures and ranking are over its analysed graph (the export), never over these.
 */

export const CONTEXT_TYPES = ['vessel', 'crossing', 'payment', 'account', 'location', 'route'] as const;
export type ContextType = (typeof CONTEXT_TYPES)[number];

export const ContextNodeSchema = z
  .object({
    key: z.string().describe('`type:id`, as the export keys its nodes'),
    type: z.enum(CONTEXT_TYPES),
    id: z.string(),
    label: z.string().describe('Its name, identifier or registration; its id when it has none'),
    kind: z.string().nullable().describe('Vessel kind (boat, engine, van…), location kind (beach, safe house…)'),
    date: z.string().nullable().describe('A crossing’s or payment’s date'),
    amount: z.number().int().nullable().describe('A payment’s amount in minor units of its currency'),
    currency: z.string().nullable(),
    unresolved: z.boolean().describe('Named by a relation before its own record was loaded'),
  })
  .meta({ id: 'ContextNode' });

export const ContextRelationSchema = z
  .object({
    type: z.string().describe('The relation type, e.g. ORGANISED, USED_VESSEL, PAID, PAID_TO'),
    source: z.string().describe('The key of the end it starts from (payer → payment → payee, organiser → crossing → vessel)'),
    target: z.string(),
    count: z.number().int().min(1).describe('Relations of this type from source to target (a relation held by several of your investigations counts once)'),
    firstSeen: z.string().nullable().describe('Earliest date (the relation’s own, or its crossing’s or payment’s)'),
    lastSeen: z.string().nullable(),
    amount: z.number().int().nullable().describe('For a payment’s relations: the payment’s amount in minor units'),
    currency: z.string().nullable(),
  })
  .meta({ id: 'ContextRelation' });

export const AnalysisContextSchema = z
  .object({
    run: z.object({ id: z.uuid(), scope: z.record(z.string(), z.unknown()) }),
    counts: z.object(Object.fromEntries(CONTEXT_TYPES.map((t) => [t, z.number().int()])) as Record<ContextType, z.ZodNumber>).describe('Context entities by type'),
    nodes: z.array(ContextNodeSchema),
    relations: z.array(ContextRelationSchema),
  })
  .meta({
    id: 'AnalysisContext',
    example: {
      run: { id: '0b8f4a52-6a3e-4a53-9d43-5b7d1c0f2a11', scope: { investigations: ['OP-TIDE'], minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' } },
      counts: { vessel: 1, crossing: 1, payment: 1, account: 0, location: 1, route: 0 },
      nodes: [
        { key: 'crossing:X-2024-0007', type: 'crossing', id: 'X-2024-0007', label: 'X-2024-0007', kind: null, date: '2024-03-14', amount: null, currency: null, unresolved: false },
        { key: 'vessel:V-00006', type: 'vessel', id: 'V-00006', label: 'HULL-FR-8841', kind: 'boat', date: null, amount: null, currency: null, unresolved: false },
        { key: 'location:L-0009', type: 'location', id: 'L-0009', label: 'Gravelines beach', kind: 'beach', date: null, amount: null, currency: null, unresolved: false },
        { key: 'payment:PAY-9001', type: 'payment', id: 'PAY-9001', label: 'PAY-9001', kind: null, date: '2024-03-10', amount: 250000, currency: 'EUR', unresolved: false },
      ],
      relations: [
        { type: 'ORGANISED', source: 'person:P-001', target: 'crossing:X-2024-0007', count: 1, firstSeen: '2024-03-14', lastSeen: '2024-03-14', amount: null, currency: null },
        { type: 'USED_VESSEL', source: 'crossing:X-2024-0007', target: 'vessel:V-00006', count: 1, firstSeen: '2024-03-14', lastSeen: '2024-03-14', amount: null, currency: null },
        { type: 'PAID', source: 'person:P-001', target: 'payment:PAY-9001', count: 1, firstSeen: '2024-03-10', lastSeen: '2024-03-10', amount: 250000, currency: 'EUR' },
      ],
    },
  });

export type ContextNode = z.infer<typeof ContextNodeSchema>;
export type ContextRelation = z.infer<typeof ContextRelationSchema>;
export type AnalysisContext = z.infer<typeof AnalysisContextSchema>;
