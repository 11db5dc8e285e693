import { z } from 'zod';

import { ENTITY_TYPES, type EntityType, RELATIONSHIP_TYPES } from '../model/graph-model.js';
import { EntityRefViewSchema, ProvenanceViewSchema } from './entity-views.js';

const ENDPOINT = new RegExp(`^(${ENTITY_TYPES.join('|')})/([^\\s\\u0000-\\u001f][^\\u0000-\\u001f]{0,199})$`);

const EndpointSchema = z
  .string()
  .regex(ENDPOINT, `expected type/id, e.g. person/P-1042, type one of ${ENTITY_TYPES.join(', ')}`)
  .transform((text) => {
    const slash = text.indexOf('/');
    return { type: text.slice(0, slash) as EntityType, id: text.slice(slash + 1) };
  });

const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(z.enum(values, { error: (issue) => `unknown ${what} ${String(issue.input)}` })).max(values.length));

export const PathQuerySchema = z
  .strictObject({
    from: EndpointSchema.describe('Where the path starts, as type/id: person/P-1042'),
    to: EndpointSchema.describe('Where it ends, as type/id'),
    k: z.coerce.number().int().min(1).max(10).default(3).describe('How many paths, shortest first'),
    by: z
      .enum(['hops', 'strength'])
      .default('hops')
      .describe('hops: every tie is 1 long; strength: a tie is 1 / strength long, strength as the full projection weighs it (analytics/weights.ts), so strong ties are short'),
    maxHops: z.coerce.number().int().min(1).max(8).default(6).describe('Longest path, in ties'),
    relations: z
      .string()
      .transform((text) => text.toUpperCase())
      .pipe(list(RELATIONSHIP_TYPES, 'relationship type'))
      .optional()
      .describe('Walk these relationship types only, comma-separated: CONTACT,PAID'),
    people: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('true: walk person–person links only (contact, communication, meeting, family, associate)'),
    exclude: list(ENTITY_TYPES, 'entity type')
      .default([])
      .describe('Entity types a path may not pass through (its ends may be of them), e.g. location,route: hubs every crossing touches'),
  })
  .refine((q) => `${q.from.type}/${q.from.id}` !== `${q.to.type}/${q.to.id}`, { path: ['to'], message: 'from and to are the same entity' });

const PathNodeSchema = EntityRefViewSchema;

const PathRelationSchema = z.object({
  id: z.string().nullable(),
  type: z.string().describe('Relationship type'),
  direction: z.enum(['out', 'in']).describe('out: from the step’s `from` to its `to`'),
  properties: z.record(z.string(), z.unknown()).describe('count, firstSeen, lastSeen, date…'),
  provenance: ProvenanceViewSchema,
  investigations: z.array(z.string()),
});

export const PathsSchema = z
  .object({
    from: PathNodeSchema,
    to: PathNodeSchema,
    by: z.enum(['hops', 'strength']),
    k: z.number().int(),
    maxHops: z.number().int(),
    paths: z.array(
      z.object({
        cost: z.number().describe('Hops, or the sum of 1 / strength of its ties'),
        hops: z.number().int(),
        nodes: z.array(PathNodeSchema),
        steps: z.array(
          z.object({
            from: z.string().describe('type:id'),
            to: z.string(),
            strength: z.number().describe('Tie strength: affinity × confidence × volume, summed over its relations'),
            relations: z.array(PathRelationSchema).describe('Every relation between the two, one per investigation holding it'),
          }),
        ),
      }),
    ),
    truncated: z.boolean().describe('The search stopped at its limits (20 000 entities, 100 000 relations a level): other paths may exist'),
    tiesComplete: z.boolean().describe('False when paths as long as the kth were too many to order them all'),
    reason: z.string().nullable().describe('Why no path was found, when none was'),
  })
  .meta({
    id: 'Paths',
    example: {
      from: { type: 'person', id: 'P-1042', name: 'Zanyar Karimi', unresolved: false },
      to: { type: 'person', id: 'P-2210', name: 'Rebin Hassan', unresolved: false },
      by: 'hops',
      k: 3,
      maxHops: 6,
      paths: [
        {
          cost: 1,
          hops: 1,
          nodes: [
            { type: 'person', id: 'P-1042', name: 'Zanyar Karimi', unresolved: false },
            { type: 'person', id: 'P-2210', name: 'Rebin Hassan', unresolved: false },
          ],
          steps: [
            {
              from: 'person:P-1042',
              to: 'person:P-2210',
              strength: 1.18,
              relations: [
                {
                  id: 'LK-77',
                  type: 'CONTACT',
                  direction: 'out',
                  properties: { count: 12, firstSeen: '2024-01-03', lastSeen: '2024-05-30' },
                  provenance: {
                    source: 'REP-2024-118',
                    grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' },
                    recordedAt: '2024-06-01T09:00:00Z',
                    history: [],
                  },
                  investigations: ['OP-TIDE'],
                },
              ],
            },
          ],
        },
      ],
      truncated: false,
      tiesComplete: true,
      reason: null,
    },
  });

export type PathQuery = z.output<typeof PathQuerySchema>;
export type PathsAnswer = z.infer<typeof PathsSchema>;
