import { z } from 'zod';

import { HARM_COMPONENTS, PATH_WEIGHTS, TIE_KINDS } from '../analytics/weights.js';
import { ENTITY_TYPES } from '../model/graph-model.js';
import { IdSchema, IsoDateSchema } from './provenance.js';

/** Who computes the superlinear measures (analysis/engine-choice.ts). */
export const ENGINES = ['auto', 'graphology', 'gds'] as const;

/**
 * The contract of an analysis: what is analysed (scope), how (parameters), and what comes
 * back (communities and an explained ranking). Defaults live in analytics/weights.ts and
 * analytics/engine.ts; a request names only what it changes.
 */

const positive = z.number().finite().min(0);

/** Largest body an analysis request may have: previousCommunities can list every member of a big network. */
export const ANALYSIS_BODY_BYTES = 32 * 1024 * 1024;

/** Entity resolution in an analysis: none, the accepted decisions, or those and the candidates at or above a probability. */
export const ResolutionModeSchema = z
  .string()
  .regex(/^(none|accepted|auto:(0|1)?(\.\d+)?)$/, 'expected "none", "accepted" or "auto:" and a probability in (0, 1], e.g. "auto:0.95"')
  .refine((mode) => !mode.startsWith('auto:') || (Number(mode.slice(5)) > 0 && Number(mode.slice(5)) <= 1), 'the probability of "auto:" is in (0, 1], e.g. "auto:0.95"')
  .describe(
    'Entity resolution (docs/api.md): none (left out): records as loaded; accepted: records an accepted decision of the scope’s investigations names are one entity; auto:p: also candidates with probability ≥ p (not those a decision rejected)',
  );

export const ScopeSchema = z
  .strictObject({
    investigations: z.array(IdSchema).min(1).max(100).optional().describe('Investigation ids; left out: all'),
    from: IsoDateSchema.optional().describe('Events (payments, crossings, dated links and relations) on or after this date'),
    to: IsoDateSchema.optional().describe('Events on or before this date'),
    minAssessment: z.enum(['A', 'B', 'C', 'D', 'E']).default('D').describe('Weakest intelligence assessment kept; the default D leaves E-assessed (suspected false) facts out'),
    maxSourceEvaluation: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .default(3)
      .describe('Least reliable source kept: 1 reliable only … 3 all'),
    projection: z.enum(['people', 'full']).default('people').describe('people: people and organisations tied by what they share; full: every entity as a node'),
    entityTypes: z.array(z.enum(ENTITY_TYPES)).min(1).optional().describe('Full projection: node types kept; left out: all'),
    tieKinds: z.array(z.enum(TIE_KINDS)).min(1).optional().describe('People projection: tie kinds kept; left out: all'),
    resolution: ResolutionModeSchema.optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: 'from is after to', path: ['to'] })
  .meta({ id: 'AnalysisScope', example: { investigations: ['OP-TIDE'], from: '2024-01-01', to: '2024-12-31' } });

/** Rank confidence (analytics/confidence/, docs/analytics.md "Rank confidence"): off unless asked for. */
export const ConfidenceParametersSchema = z
  .strictObject({
    draws: z.number().int().min(10).max(1000).default(100).describe('Resampled networks the ranking is worked out on again'),
    dropout: z.number().finite().min(0).max(0.9).default(0).describe('Share of ties dropped at random in each draw, besides the grading (0.1: one tie in ten)'),
    grading: z
      .boolean()
      .default(true)
      .describe('Keep each fact with the chance its grading gives (source × assessment, docs/analytics.md); false: ties are dropped at the dropout rate only'),
    seed: z.number().int().min(0).max(0xffff_ffff).optional().describe('Seed of the draws; left out: parameters.seed'),
    top: z.number().int().min(1).max(1000).default(10).describe('The k of “in the top k” and of the stable core'),
  })
  .refine((c) => c.grading || c.dropout > 0, { message: 'with grading false, a dropout above 0 is needed: otherwise every draw is the network as reported', path: ['dropout'] })
  .describe(
    'Rank confidence: re-rank over resampled networks and report each ranked entity’s median rank, 90% rank interval, share of draws in the top k and the ties its rank depends on; left out, none',
  )
  .meta({ id: 'ConfidenceParameters', example: { draws: 100, dropout: 0.1, grading: true, top: 10 } });

export const AnalysisParametersSchema = z
  .strictObject({
    tieWeights: z.partialRecord(z.enum(TIE_KINDS), positive).optional().describe('Affinity per relation of each tie kind, over the documented defaults'),
    harmWeights: z.partialRecord(z.enum(HARM_COMPONENTS), positive).optional().describe('Weights of the harm components, over the defaults (normalised by their sum)'),
    reportingCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    exchangeRates: z
      .record(z.string().regex(/^[A-Z]{3}$/), z.number().finite().positive())
      .optional()
      .describe('GBP per unit of each currency, over the defaults'),
    resolution: z.number().finite().positive().max(100).default(1).describe('Louvain resolution: higher gives more, smaller communities'),
    seed: z.number().int().min(0).max(0xffff_ffff).default(1).describe('Same seed and same data give the same result'),
    betweennessSamples: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Sources sampled above the exact threshold; left out: 1 000, fewer on big graphs (docs/analytics.md)'),
    exactBetweennessUpTo: z.number().int().min(0).max(1_000_000).optional().describe('Nodes up to which betweenness is exact'),
    pathWeights: z
      .enum(PATH_WEIGHTS)
      .optional()
      .describe(
        'What a shortest path is shortest in, for betweenness and closeness: strength (a tie is 1 / strength long: strong ties are short) or hops (every tie is 1). Analyses: left out, strength. Plans: left out, both, compared',
      ),
    sharedLocationCap: z.number().int().min(2).max(10_000).default(30).describe('A location shared by more people than this ties none of them (a city says nothing)'),
    engine: z
      .enum(ENGINES)
      .default('auto')
      .describe(
        'Who computes communities, PageRank, betweenness and closeness: the service itself (graphology), Neo4j Graph Data Science (gds), or auto: gds above ANALYTICS_GDS_ABOVE_RELATIONS relations in scope when the server has GDS',
      ),
    previousCommunities: z
      .array(z.strictObject({ id: z.string().min(1).max(100), members: z.array(z.string().min(1)).max(1_000_000) }))
      .max(100_000)
      .optional()
      .describe('Communities of an earlier run (members as `type:id` keys): their ids are reused for the communities they match'),
    confidence: ConfidenceParametersSchema.optional(),
  })
  .meta({ id: 'AnalysisParameters' });

/** The GDS engine computes the people projection's ties only (analysis/gds/): refuse it with the full one. */
export function engineFitsScope(request: { scope: { projection: string; resolution?: string }; parameters: { engine: string; confidence?: unknown } }, ctx: z.RefinementCtx): void {
  if (request.parameters.engine === 'gds' && request.parameters.confidence !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['parameters', 'engine'],
      message: 'rank confidence resamples the network in the service: use "graphology" or "auto" with parameters.confidence',
    });
  }
  if (request.parameters.engine === 'gds' && (request.scope.resolution ?? 'none') !== 'none') {
    ctx.addIssue({
      code: 'custom',
      path: ['parameters', 'engine'],
      message: 'the GDS engine computes ties in Neo4j over records as loaded: use "graphology" or "auto" with scope.resolution other than "none"',
    });
  }
  if (request.parameters.engine === 'gds' && request.scope.projection === 'full') {
    ctx.addIssue({
      code: 'custom',
      path: ['parameters', 'engine'],
      message: 'the GDS engine analyses the people projection only: use "graphology" or "auto" with scope.projection "full"',
    });
  }
}

/** What a preview can return besides its summary, when asked (`include`). */
export const PREVIEW_INCLUDES = ['ties'] as const;

export const AnalysisRequestSchema = z
  .strictObject({
    scope: ScopeSchema.default({ minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' }),
    parameters: AnalysisParametersSchema.default({ resolution: 1, seed: 1, sharedLocationCap: 30, engine: 'auto' }),
    include: z
      .array(z.enum(PREVIEW_INCLUDES))
      .max(PREVIEW_INCLUDES.length)
      .optional()
      .describe('Preview only: extra lists to return. `ties`: every tie of the analysed graph (`ties` in the answer); left out, none'),
  })
  .superRefine(engineFitsScope)
  .meta({ id: 'AnalysisRequest', example: { scope: { investigations: ['OP-TIDE'] }, parameters: { seed: 42 } } });

export type Scope = z.infer<typeof ScopeSchema>;
export type AnalysisParameters = z.infer<typeof AnalysisParametersSchema>;
export type AnalysisRequest = z.infer<typeof AnalysisRequestSchema>;

const HarmComponentSchema = z.enum(HARM_COMPONENTS);

/** Examples the OpenAPI document shows (one network throughout: Operation Tide, its organiser P-001). */
export const EXAMPLE_SCOPE = { investigations: ['OP-TIDE'], minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' };
export const EXAMPLE_PARAMETERS = { resolution: 1, seed: 42, sharedLocationCap: 30, engine: 'auto' };

export const EXAMPLE_RANKED_NODE = {
  key: 'person:P-001',
  type: 'person',
  id: 'P-001',
  name: 'Rekan Aziz',
  rank: 1,
  harmScore: 81.4,
  components: [
    { component: 'structural', value: 0.97, weight: 0.4, contribution: 38.8, evidence: [] },
    { component: 'operational', value: 0.95, weight: 0.3, contribution: 28.5, evidence: ['X-2024-031', 'X-2024-044', 'E-77'] },
    { component: 'financial', value: 0.705, weight: 0.2, contribution: 14.1, evidence: ['PAY-118', 'PAY-121'] },
    { component: 'threatToLife', value: 0, weight: 0.1, contribution: 0, evidence: [] },
  ],
  explanation: [
    'Organised 2 crossings (X-2024-031, X-2024-044) carrying 87 people',
    'Bought the engine E-77 used on X-2024-031',
    'Top 3% by betweenness: the only tie between the Calais and Dunkirk groups',
  ],
  community: 'C-01',
  measures: {
    degree: 14,
    strength: 31.5,
    pagerank: 0.061,
    betweenness: 0.42,
    betweennessEstimated: false,
    closeness: 0.58,
    eigenvector: 0.37,
    eigenvectorConverged: true,
    participation: 0.44,
    communitiesBridged: 2,
    articulationPoint: true,
  },
};

export const EXAMPLE_COMMUNITY = {
  id: 'C-01',
  size: 23,
  topMembers: [
    { key: 'person:P-001', harmScore: 81.4 },
    { key: 'person:P-014', harmScore: 55.2 },
  ],
  internalTies: 61,
  externalTies: 9,
  internalMoneyFlow: 1_845_000,
  mainPlaces: [
    { key: 'location:L-GRAV', crossings: 6 },
    { key: 'route:R-CH1', crossings: 5 },
  ],
  bridges: [{ key: 'person:P-001', participation: 0.44, bridgesTo: ['C-02', 'C-04'] }],
};

export const EXAMPLE_PROJECTION = {
  kind: 'people',
  nodes: 214,
  ties: 655,
  relationsRead: 1387,
  dropped: [
    { reason: 'assessment E (suspected false)', count: 4 },
    { reason: 'location shared by more than 30 people', count: 1 },
  ],
};

export const EXAMPLE_ENGINE = { requested: 'auto', used: 'graphology', reason: '1387 relations in scope: not above ANALYTICS_GDS_ABOVE_RELATIONS (2000000)' };

export const NodeMeasuresSchema = z
  .object({
    degree: z.number().describe('Distinct others tied to'),
    strength: z.number().describe('Sum of tie strengths to others'),
    pagerank: z.number(),
    betweenness: z.number().describe('Normalised; path length = 1 / tie strength, or 1 per tie with pathWeights hops'),
    betweennessEstimated: z.boolean().describe('True when computed from sampled sources'),
    closeness: z.number().describe('Harmonic closeness / (n − 1); path length = 1 / tie strength, or 1 per tie with pathWeights hops'),
    eigenvector: z.number(),
    eigenvectorConverged: z.boolean().describe('False when the power iteration did not converge: eigenvector is its last iterate (a warning says so too)'),
    participation: z.number().describe('Participation coefficient across communities (0: all ties inside its own)'),
    communitiesBridged: z.number().int().describe('Other communities it has ties into'),
    articulationPoint: z.boolean().describe('Removing it splits its component'),
  })
  .meta({ id: 'NodeMeasures' });

const EXAMPLE_NODE_CONFIDENCE = {
  medianRank: 1,
  rankInterval: { low: 1, high: 3 },
  inTopK: 0.97,
  k: 10,
  stableCore: true,
  dependsOn: [{ key: 'person:P-014', id: 'P-014', name: 'Karim Haddad', tieKinds: { payment: 2, meeting: 1 }, keptIn: 0.64, medianRankWith: 1, medianRankWithout: 3 }],
  dependsOnFacts: [{ fact: 'payment PAY-0412', keptIn: 0.68, medianRankWith: 1, medianRankWithout: 2 }],
  explanation: [
    'Ranked 1st on the network as reported; in 100 resampled networks (each fact kept as likely as its grading says) ranked between 1st and 3rd in 90% of them (median 1st), in the top 10 in 97%',
    'one of the stable core: in the top 10 in at least 90% of the resampled networks',
    'its position rests most on its tie to P-014 Karim Haddad (2 payments and 1 meeting, kept in 64% of draws): median rank 3rd without it, 1st with it',
  ],
};

export const NodeConfidenceSchema = z
  .object({
    medianRank: z.number().int().describe('Median rank over the resampled networks'),
    rankInterval: z.object({ low: z.number().int(), high: z.number().int() }).describe('90% of draws ranked it from low to high (nearest-rank 5th and 95th percentiles)'),
    inTopK: z.number().min(0).max(1).describe('Share of draws that ranked it in the top k'),
    k: z.number().int(),
    stableCore: z.boolean().describe('In the top k in at least 90% of draws'),
    dependsOn: z
      .array(
        z.object({
          key: z.string(),
          id: z.string(),
          name: z.string().nullable(),
          tieKinds: z.record(z.string(), z.number()).describe('Relations per kind behind the tie'),
          keptIn: z.number().describe('Share of draws the tie was kept in'),
          medianRankWith: z.number().int(),
          medianRankWithout: z.number().int(),
        }),
      )
      .describe(
        'The ties its rank moves with most (best first), each with its median rank in the draws that kept it and in those that did not; worked out for the 100 best by median rank',
      ),
    dependsOnFacts: z
      .array(
        z.object({
          fact: z.string().describe('What the fact is and its id, e.g. "payment PAY-0412"'),
          keptIn: z.number(),
          medianRankWith: z.number().int(),
          medianRankWithout: z.number().int(),
        }),
      )
      .describe('With grading: the facts of what it did (payments made or received, its part in crossings, vessels procured) its rank moves with most; as dependsOn'),
    explanation: z.array(z.string()),
  })
  .meta({ id: 'NodeConfidence', example: EXAMPLE_NODE_CONFIDENCE });

export const ConfidenceSummarySchema = z
  .object({
    draws: z.number().int(),
    dropout: z.number(),
    grading: z.boolean(),
    seed: z.number().int(),
    top: z.number().int(),
    sourcesPerDraw: z.number().int().describe('Betweenness sources every draw starts from (the same in each)'),
    stableCore: z
      .array(z.object({ key: z.string(), id: z.string(), name: z.string().nullable(), medianRank: z.number().int(), inTopK: z.number() }))
      .describe('Entities in the top k in at least 90% of draws, best median rank first'),
  })
  .meta({
    id: 'ConfidenceSummary',
    example: {
      draws: 100,
      dropout: 0,
      grading: true,
      seed: 42,
      top: 10,
      sourcesPerDraw: 214,
      stableCore: [{ key: 'person:P-001', id: 'P-001', name: 'Rahim Aziz', medianRank: 1, inTopK: 0.97 }],
    },
  });

export const RankedNodeSchema = z
  .object({
    key: z.string().describe('`type:id`'),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    records: z.array(z.string()).optional().describe('With scope.resolution: the ids of the records this entity was resolved from, when more than one (it keeps the least)'),
    rank: z.number().int().nullable().describe('1 = highest harm; null for nodes that are not ranked (not people or organisations)'),
    harmScore: z.number().nullable().describe('0–100; the sum of the components’ contributions'),
    components: z.array(
      z.object({
        component: HarmComponentSchema,
        value: z.number().describe('Percentile within the scope, 0–1'),
        weight: z.number().describe('Normalised weight'),
        contribution: z.number().describe('100 × weight × value'),
        evidence: z.array(z.string()).describe('Ids of the crossings, vessels and payments behind it'),
      }),
    ),
    explanation: z.array(z.string()),
    community: z.string(),
    confidence: NodeConfidenceSchema.optional().describe('Only with parameters.confidence, on ranked nodes: how sure the rank is'),
    measures: NodeMeasuresSchema,
  })
  .meta({ id: 'RankedNode' });

export const CommunityReportSchema = z
  .object({
    id: z.string().describe('Stable across runs when previousCommunities is given'),
    size: z.number().int(),
    topMembers: z.array(z.object({ key: z.string(), harmScore: z.number() })),
    internalTies: z.number().int(),
    externalTies: z.number().int(),
    internalMoneyFlow: z.number().int().describe('Payments between members, in minor units of the reporting currency (pence for GBP)'),
    mainPlaces: z.array(z.object({ key: z.string(), crossings: z.number().int() })).describe('Routes and launch sites its members used most'),
    bridges: z.array(z.object({ key: z.string(), participation: z.number(), bridgesTo: z.array(z.string()) })),
  })
  .meta({ id: 'CommunityReport' });

export const ProjectionSummarySchema = z
  .object({
    kind: z.enum(['people', 'full']),
    nodes: z.number().int(),
    ties: z.number().int(),
    relationsRead: z.number().int(),
    dropped: z.array(z.object({ reason: z.string(), count: z.number().int() })).describe('Facts read but not turned into ties, by reason'),
  })
  .meta({ id: 'ProjectionSummary' });

export const EngineChoiceSchema = z
  .object({
    requested: z.enum(ENGINES),
    used: z.enum(['graphology', 'gds']),
    reason: z.string().describe('Why this engine: asked for, or what auto saw'),
  })
  .meta({ id: 'EngineChoice' });

export type EngineChoice = z.infer<typeof EngineChoiceSchema>;

/** One tie of the analysed graph, named by its ends' keys as the run's export names its edges. */
export const PreviewTieSchema = z
  .object({
    source: z.string().describe('`type:id`; the lesser of the two keys'),
    target: z.string().describe('`type:id`; the greater of the two keys (equal to source for a self-tie)'),
    strength: z.number().describe('The aggregated tie strength the analysis weighed'),
  })
  .meta({ id: 'PreviewTie', example: { source: 'person:P-001', target: 'person:P-014', strength: 4.06 } });

export type PreviewTie = z.infer<typeof PreviewTieSchema>;

export const AnalysisPreviewSchema = z
  .object({
    scope: z.record(z.string(), z.unknown()).describe('The scope as applied, defaults filled in'),
    parameters: z.record(z.string(), z.unknown()).describe('Every parameter as applied, defaults filled in'),
    dataVersion: z.number().int().describe('The data version the projection saw'),
    projection: ProjectionSummarySchema,
    engine: EngineChoiceSchema,
    graph: z.object({ nodes: z.number().int(), ties: z.number().int(), ranked: z.number().int() }),
    timings: z.record(z.string(), z.number()).describe('Milliseconds per stage'),
    modularity: z.number(),
    communitiesSplit: z.number().int().describe('Extra communities made by splitting disconnected Louvain communities'),
    betweenness: z.object({ estimated: z.boolean(), sources: z.number().int(), threads: z.number().int().describe('Threads the Dijkstra passes ran on') }),
    warnings: z.array(z.string()),
    communities: z.array(CommunityReportSchema),
    ranking: z.array(RankedNodeSchema).describe('Ranked people and organisations first, by harm; then the other nodes'),
    confidence: ConfidenceSummarySchema.optional().describe('Only with parameters.confidence: how the draws were made and the stable core'),
    ties: z.array(PreviewTieSchema).optional().describe('Only with `include: ["ties"]`: every tie of the analysed graph (as many as graph.ties), sorted by source, then target'),
  })
  .meta({
    id: 'AnalysisPreview',
    example: {
      scope: EXAMPLE_SCOPE,
      parameters: EXAMPLE_PARAMETERS,
      dataVersion: 412,
      projection: EXAMPLE_PROJECTION,
      engine: EXAMPLE_ENGINE,
      graph: { nodes: 214, ties: 655, ranked: 214 },
      timings: { projection: 182.4, communities: 41.7, centrality: 236.9, ranking: 12.3 },
      modularity: 0.61,
      communitiesSplit: 1,
      betweenness: { estimated: false, sources: 214, threads: 1 },
      warnings: [],
      communities: [EXAMPLE_COMMUNITY],
      ranking: [EXAMPLE_RANKED_NODE],
    },
  });
