import { z } from 'zod';

import { DEFAULT_THRESHOLD } from '../resolution/linkage.js';
import { EVIDENCE_FIELDS, RESOLVABLE_TYPES } from '../resolution/records.js';
import { IdSchema } from './provenance.js';
import { gradingQueryFields, InvestigationsQuerySchema } from './scope-query.js';

/**
 * Entity resolution over HTTP: candidate pairs (records of one type likely to be one entity,
 * with the evidence weighed) and analysts' decisions on them, which analyses take with
 * `scope.resolution` (docs/api.md, "Entity resolution").
 */

const ResolvableTypeSchema = z.enum(RESOLVABLE_TYPES).describe('Entity type: only records of one type are compared');
const investigations = InvestigationsQuerySchema;
const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export const CandidateQuerySchema = z.strictObject({
  investigations,
  ...gradingQueryFields,
  type: ResolvableTypeSchema.optional().describe('Only candidates of this type; left out: people, organisations, vessels and accounts'),
  threshold: z.coerce
    .number()
    .gt(0, 'the threshold is a probability above 0')
    .max(1, 'the threshold is a probability of at most 1')
    .default(DEFAULT_THRESHOLD)
    .describe(`Least match probability listed, in (0, 1]; left out: ${DEFAULT_THRESHOLD}`),
  ...page,
});

export const EvidenceSchema = z
  .object({
    field: z.enum(EVIDENCE_FIELDS),
    level: z.string().describe('Comparison level reached, e.g. `shared passport`, `same`, `different`'),
    weight: z.number().describe('Its log2 Bayes factor (Fellegi–Sunter match weight): positive for a match, negative against'),
    detail: z.string().describe('What agreed or differed, in words'),
  })
  .meta({ id: 'ResolutionEvidence', example: { field: 'identifier', level: 'shared passport', weight: 10.81, detail: 'A1234567' } });

export const DecisionRefSchema = z
  .object({
    id: z.string(),
    decision: z.enum(['accept', 'reject']),
    investigation: z.string(),
    analyst: z.string().describe('Name of the principal who decided'),
    decidedAt: z.string(),
    reason: z.string(),
  })
  .meta({
    id: 'ResolutionDecisionRef',
    example: {
      id: 'RD-5f0c2b1e-8a4d-4c3e-9b7a-1d2e3f4a5b6c',
      decision: 'accept',
      investigation: 'OP-TIDE',
      analyst: 'Analyst Khan',
      decidedAt: '2024-04-02T10:15:00.000Z',
      reason: 'Same passport and date of birth; custody photo matches',
    },
  });

const CandidateSideSchema = z.object({
  id: z.string(),
  label: z.string().describe('Display label: its name, or what identifies it'),
  name: z.string().nullable(),
  investigations: z.array(z.string()).describe('The investigations of the scope that hold it (those you may see only)'),
});

const EXAMPLE_EVIDENCE = [
  { field: 'identifier', level: 'shared passport', weight: 10.81, detail: 'A1234567' },
  { field: 'name', level: 'same', weight: 6.32, detail: 'Rekan Aziz ~ Rekan Aziz' },
];

export const CandidateSchema = z
  .object({
    type: z.enum(RESOLVABLE_TYPES),
    records: z.array(CandidateSideSchema).length(2).describe('The two records, the lesser id first'),
    probability: z.number().describe('Posterior probability that they are one entity, 0–1'),
    matchWeight: z.number().describe('Sum of the evidence weights and the prior’s log2 odds'),
    evidence: z.array(EvidenceSchema),
    decision: DecisionRefSchema.nullable().describe('The newest standing decision naming both records in an investigation of the scope; null: none'),
  })
  .meta({
    id: 'ResolutionCandidate',
    example: {
      type: 'person',
      records: [
        { id: 'P-001', label: 'Rekan Aziz', name: 'Rekan Aziz', investigations: ['OP-TIDE'] },
        { id: 'P-115', label: 'Rekan Aziz', name: 'Rekan Aziz', investigations: ['OP-TIDE'] },
      ],
      probability: 0.9995,
      matchWeight: 11.2,
      evidence: EXAMPLE_EVIDENCE,
      decision: null,
    },
  });

export const CandidatePageSchema = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    threshold: z.number(),
    scope: z.object({
      investigations: z.array(z.string()).nullable().describe('Investigations read (null: all)'),
      minAssessment: z.string(),
      maxSourceEvaluation: z.number().int(),
    }),
    items: z.array(CandidateSchema).describe('Most probable first'),
    warnings: z.array(z.string()),
  })
  .meta({
    id: 'ResolutionCandidatePage',
    example: {
      total: 1,
      limit: 50,
      offset: 0,
      threshold: DEFAULT_THRESHOLD,
      scope: { investigations: ['OP-TIDE'], minAssessment: 'D', maxSourceEvaluation: 3 },
      items: [CandidateSchema.meta()?.example],
      warnings: [],
    },
  });

export const DecisionRequestSchema = z
  .strictObject({
    investigation: IdSchema.describe('The investigation the decision belongs to: every record named must have a copy in it'),
    type: ResolvableTypeSchema,
    records: z
      .array(IdSchema)
      .min(2, 'a decision names at least two records')
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'a record is named twice')
      .describe('Ids of the records: a candidate pair, or several to merge'),
    decision: z.enum(['accept', 'reject']).describe('accept: they are one entity; reject: they are not (auto-merging never joins them)'),
    reason: z.string().trim().min(1).max(2_000).describe('Why, in the analyst’s words'),
  })
  .meta({
    id: 'ResolutionDecisionRequest',
    example: { investigation: 'OP-TIDE', type: 'person', records: ['P-001', 'P-115'], decision: 'accept', reason: 'Same passport and date of birth; custody photo matches' },
  });

export const DecisionSchema = z
  .object({
    id: z.string(),
    investigation: z.string(),
    type: z.enum(RESOLVABLE_TYPES),
    records: z.array(z.string()),
    decision: z.enum(['accept', 'reject']),
    reason: z.string(),
    analyst: z.object({ id: z.string(), name: z.string() }).describe('The principal who decided'),
    decidedAt: z.string(),
    candidates: z
      .array(z.object({ records: z.array(z.string()).length(2), probability: z.number(), matchWeight: z.number(), evidence: z.array(EvidenceSchema) }))
      .describe('The pairs among the records the model saw in the investigation when the decision was made, with their evidence then'),
    undone: z
      .object({ at: z.string(), by: z.object({ id: z.string(), name: z.string() }) })
      .nullable()
      .describe('When and by whom it was undone; null: it stands'),
  })
  .meta({
    id: 'ResolutionDecision',
    example: {
      id: 'RD-5f0c2b1e-8a4d-4c3e-9b7a-1d2e3f4a5b6c',
      investigation: 'OP-TIDE',
      type: 'person',
      records: ['P-001', 'P-115'],
      decision: 'accept',
      reason: 'Same passport and date of birth; custody photo matches',
      analyst: { id: 'key:3f9a61c2', name: 'Analyst Khan' },
      decidedAt: '2024-04-02T10:15:00.000Z',
      candidates: [{ records: ['P-001', 'P-115'], probability: 0.9995, matchWeight: 11.2, evidence: EXAMPLE_EVIDENCE }],
      undone: null,
    },
  });

export const DecisionMadeSchema = DecisionSchema.extend({
  dataVersion: z.number().int().describe('The investigation’s data version after it: runs over it made before show as stale'),
}).meta({ id: 'ResolutionDecisionMade', example: { ...(DecisionSchema.meta()?.example as object), dataVersion: 42 } });

export const DecisionListQuerySchema = z.strictObject({
  investigations,
  type: ResolvableTypeSchema.optional(),
  undone: z.enum(['true', 'false']).default('false').describe('true: undone decisions listed too'),
  ...page,
});

export const DecisionListSchema = z
  .object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(DecisionSchema).describe('Newest first') })
  .meta({ id: 'ResolutionDecisionList', example: { total: 1, limit: 50, offset: 0, items: [DecisionSchema.meta()?.example] } });

export const DecisionParamsSchema = z.object({
  id: z
    .string()
    .regex(/^RD-[0-9a-f-]{36}$/, 'expected a decision id (RD- and a UUID)')
    .describe('Decision id'),
});

export type CandidateQuery = z.infer<typeof CandidateQuerySchema>;
export type CandidatePage = z.infer<typeof CandidatePageSchema>;
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type DecisionList = z.infer<typeof DecisionListSchema>;
