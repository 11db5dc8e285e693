import { z } from 'zod';

import { LINK_INDICES } from '../analytics/links/indices.js';
import { LINK_DEFAULTS } from '../analytics/links/suggest-links.js';
import { TIE_KINDS } from '../analytics/weights.js';
import { EXAMPLE_PROJECTION, EXAMPLE_SCOPE, ProjectionSummarySchema, ScopeSchema } from './analysis.js';
import { IdSchema } from './provenance.js';
import { RunIdSchema } from './runs.js';

/**
 * Missing-link suggestions (POST /v1/analyses/links/suggest): pairs of people with no tie in a
 * scope, scored by a link-prediction index, each with its shared contacts, a likelihood fitted on
 * the scope, and a sentence (docs/analytics.md, "Missing-link suggestions").
 */

export const LINKS_MAX_LIMIT = 500;
/** Furthest a page may start: the scan keeps offset + limit pairs. */
export const LINKS_MAX_OFFSET = 10_000;

export const LinkParametersSchema = z
  .strictObject({
    index: z.enum(LINK_INDICES).default(LINK_DEFAULTS.index).describe('katz (default: the best on held-out ties, docs/analytics.md), adamicAdar or resourceAllocation'),
    limit: z.number().int().min(1).max(LINKS_MAX_LIMIT).default(LINK_DEFAULTS.limit).describe('Suggestions per page'),
    offset: z.number().int().min(0).max(LINKS_MAX_OFFSET).default(0).describe('Suggestions skipped: the previous page’s nextOffset'),
    people: z.array(IdSchema).min(1).max(100).optional().describe('Person ids: only pairs with at least one of them; left out, every pair'),
    seed: z.number().int().min(0).max(0xffff_ffff).default(1).describe('Which ties the likelihood’s fit hides; same seed and data give the same answer'),
    sharedLocationCap: z.number().int().min(2).max(10_000).default(30).describe('A location shared by more people than this ties none of them (as in analyses)'),
    tieWeights: z
      .partialRecord(z.enum(TIE_KINDS), z.number().finite().min(0))
      .optional()
      .describe('As in analyses; only 0 matters here: a kind weighted 0 makes no ties (the indices do not weigh ties)'),
  })
  .meta({ id: 'LinkParameters' });

export const LinkSuggestRequestSchema = z
  .strictObject({
    scope: ScopeSchema.optional().describe('What is searched; left out: every investigation you can see (or the run’s scope)'),
    parameters: LinkParametersSchema.default({ index: LINK_DEFAULTS.index, limit: LINK_DEFAULTS.limit, offset: 0, seed: 1, sharedLocationCap: 30 }),
    run: RunIdSchema.optional().describe('A run whose scope, tie weights and shared-location cap are used instead of scope’s'),
  })
  .superRefine((request, ctx) => {
    if (request.run && request.scope) ctx.addIssue({ code: 'custom', path: ['scope'], message: 'give a scope or a run, not both: a run brings its own scope' });
    if (request.run && (request.parameters.tieWeights || request.parameters.sharedLocationCap !== 30)) {
      ctx.addIssue({ code: 'custom', path: ['parameters'], message: 'tieWeights and sharedLocationCap come from the run: leave them out with run' });
    }
  })
  .meta({ id: 'LinkSuggestRequest', example: { scope: { investigations: ['OP-TIDE'] }, parameters: { index: 'katz', limit: 20, people: ['P-003'] } } });

export type LinkSuggestRequest = z.infer<typeof LinkSuggestRequestSchema>;

const NodeRefSchema = z.object({ key: z.string().describe('`person:<id>`'), id: z.string(), name: z.string().nullable() });
const TieKindCountSchema = z.object({ kind: z.enum(TIE_KINDS), count: z.number().describe('Relations of this kind behind the tie') });

export const SharedContactSchema = z
  .object({
    key: z.string(),
    id: z.string(),
    type: z.string(),
    name: z.string().nullable(),
    degree: z.number().int().describe('Distinct contacts the shared contact has in the scope (the indices divide by it: a hub says less)'),
    withA: z.array(TieKindCountSchema).describe('The tie between a and the shared contact, by kind'),
    withB: z.array(TieKindCountSchema).describe('The tie between b and the shared contact, by kind'),
  })
  .meta({ id: 'SharedContact' });

const EXAMPLE_SUGGESTION = {
  a: { key: 'person:P-003', id: 'P-003', name: 'Ali Hassan' },
  b: { key: 'person:P-009', id: 'P-009', name: 'Omar Said' },
  score: 0.00412,
  likelihood: 0.214,
  index: 'katz',
  evidence: {
    sharedContacts: [
      {
        key: 'person:P-007',
        id: 'P-007',
        type: 'person',
        name: 'Karim Nouri',
        degree: 4,
        withA: [{ kind: 'payment', count: 2 }],
        withB: [{ kind: 'crossing', count: 1 }],
      },
    ],
    sharedContactsTotal: 1,
    paths3: 3,
  },
  explanation:
    'P-003 Ali Hassan and P-009 Omar Said have no tie in this scope, but both are tied to P-007 Karim Nouri (P-003: 2 payments; P-009: shared crossing). 3 paths of three ties join them through contacts of their contacts. Likelihood 0.214: about 21 in 100 untied pairs scoring like this would be a tie the data lacks, if it lacks 10% of the real ones (fitted by hiding that share of this scope’s ties).',
};

export const LinkSuggestionSchema = z
  .object({
    a: NodeRefSchema.describe('The pair’s person with the lesser key'),
    b: NodeRefSchema,
    score: z.number().describe('The index’s value (0 or more; comparable within one index and scope only)'),
    likelihood: z.number().min(0).max(1).nullable().describe('Fitted on the scope (calibration): null when the scope has too few ties to fit'),
    index: z.enum(LINK_INDICES),
    evidence: z.object({
      sharedContacts: z.array(SharedContactSchema).describe('Shared contacts, most telling first (fewest other contacts), at most 10'),
      sharedContactsTotal: z.number().int(),
      paths3: z.number().int().describe('Paths of three ties between the two'),
    }),
    explanation: z.string(),
  })
  .meta({ id: 'LinkSuggestion', example: EXAMPLE_SUGGESTION });

const EXAMPLE_CALIBRATION = {
  hiddenTies: 63,
  sampledUntiedPairs: 315,
  share: 0.1,
  auc: 0.91,
  prior: 0.0021,
  steps: [
    { from: 0, likelihood: 0.0003 },
    { from: 0.0012, likelihood: 0.0118 },
    { from: 0.0041, likelihood: 0.214 },
  ],
};

export const LinkCalibrationSchema = z
  .object({
    hiddenTies: z.number().int().describe('Person–person ties hidden for the fit'),
    sampledUntiedPairs: z.number().int(),
    share: z.number().describe('Share hidden, and assumed missing from the data'),
    auc: z.number().describe('How often a hidden tie outscored a sampled untied pair in this scope (0.5: no better than chance)'),
    prior: z.number().describe('The share of untied pairs that would be missing ties, if `share` of the real ties are missing: the likelihood’s scale'),
    steps: z
      .array(z.object({ from: z.number(), likelihood: z.number() }))
      .describe('The fitted likelihood, rising with the score: each step from its `from` up to the next; below the first, the first’s'),
  })
  .meta({ id: 'LinkCalibration', example: EXAMPLE_CALIBRATION });

export const LinkSuggestionsSchema = z
  .object({
    scope: z.record(z.string(), z.unknown()).describe('The scope as applied'),
    parameters: z.record(z.string(), z.unknown()).describe('Every parameter as applied, defaults filled in'),
    run: z.object({ id: RunIdSchema }).optional().describe('The run whose scope was used'),
    dataVersion: z.number().int(),
    projection: ProjectionSummarySchema,
    timings: z.record(z.string(), z.number()).describe('Milliseconds per stage'),
    warnings: z.array(z.string()),
    index: z.enum(LINK_INDICES),
    katz: z.object({ beta: z.number(), maxLength: z.number().int() }).optional().describe('Katz: the attenuation and longest walk counted'),
    candidates: z.number().int().describe('Untied person pairs the index reached (score above 0)'),
    offset: z.number().int(),
    limit: z.number().int(),
    nextOffset: z.number().int().nullable().describe('The next page’s offset; null on the last'),
    calibration: LinkCalibrationSchema.nullable(),
    suggestions: z.array(LinkSuggestionSchema),
  })
  .meta({
    id: 'LinkSuggestions',
    example: {
      scope: EXAMPLE_SCOPE,
      parameters: { index: 'katz', limit: 20, offset: 0, seed: 1, sharedLocationCap: 30 },
      dataVersion: 412,
      projection: EXAMPLE_PROJECTION,
      timings: { projection: 182.4, links: 38.1 },
      warnings: [],
      index: 'katz',
      katz: { beta: 0.0137, maxLength: 4 },
      candidates: 18_204,
      offset: 0,
      limit: 20,
      nextOffset: 20,
      calibration: EXAMPLE_CALIBRATION,
      suggestions: [EXAMPLE_SUGGESTION],
    },
  });
