import { z } from 'zod';

import { ENTITY_TYPES } from '../model/graph-model.js';
import {
  AnalysisParametersSchema,
  CommunityReportSchema,
  ConfidenceSummarySchema,
  EngineChoiceSchema,
  engineFitsScope,
  EXAMPLE_COMMUNITY,
  EXAMPLE_ENGINE,
  EXAMPLE_PARAMETERS,
  EXAMPLE_PROJECTION,
  EXAMPLE_RANKED_NODE,
  EXAMPLE_SCOPE,
  ProjectionSummarySchema,
  RankedNodeSchema,
  ScopeSchema,
} from './analysis.js';
import { IdSchema } from './provenance.js';

/**
 * Analysis runs: the request that queues one, the run as the API shows it (status, progress,
 * what it saw, how long it took), its stored results page by page, and comparisons of two runs.
 */

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINAL_STATUSES: readonly RunStatus[] = ['done', 'failed', 'cancelled'];

export const RunIdSchema = z.uuid().describe('Run id');

export const RunRequestSchema = z
  .strictObject({
    scope: ScopeSchema.default({ minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' }),
    parameters: AnalysisParametersSchema.default({ resolution: 1, seed: 1, sharedLocationCap: 30, engine: 'auto' }),
    communitiesFrom: RunIdSchema.optional().describe('A finished run whose community ids are reused for the communities that match (ids stay stable week to week)'),
    writeBack: z.boolean().optional().describe('Write harmScore, harmRank, communityId and lastAnalysis onto the entities; left out: ANALYSIS_WRITE_BACK'),
    force: z.boolean().default(false).describe('Compute again even when a run of the same scope and parameters already saw this data version'),
  })
  .superRefine(engineFitsScope)
  .meta({ id: 'RunRequest', example: { scope: { investigations: ['OP-TIDE'] }, parameters: { seed: 42 } } });

export type RunRequest = z.infer<typeof RunRequestSchema>;

/** A finished run over Operation Tide, as the examples of the OpenAPI document show it. */
const EXAMPLE_RUN = {
  id: '3f6c1d2e-8a4b-4c7e-9f10-2b5d6e7a8c90',
  status: 'done',
  stage: null,
  progress: 100,
  queuePosition: null,
  scope: EXAMPLE_SCOPE,
  parameters: EXAMPLE_PARAMETERS,
  communitiesFrom: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  writeBack: true,
  requestedBy: 'key:5d0e8c7b-2f4a-4e1b-9c3d-7a6b5e4f3a21',
  createdAt: '2026-11-28T02:13:58.004Z',
  startedAt: '2026-11-28T02:13:58.019Z',
  finishedAt: '2026-11-28T02:14:09.512Z',
  submittedDataVersion: 407,
  dataVersion: 407,
  scopeVersion: 407,
  stale: true,
  attempts: 1,
  error: null,
  summary: {
    projection: EXAMPLE_PROJECTION,
    engine: EXAMPLE_ENGINE,
    graph: { nodes: 214, ties: 655, ranked: 214 },
    modularity: 0.61,
    communities: 12,
    communitiesSplit: 1,
    betweenness: { estimated: false, sources: 214, threads: 1 },
    warnings: [],
  },
  timings: { queued: 15, projection: 182.4, communities: 41.7, centrality: 236.9, storing: 310.2, writeBack: 95.6 },
};

/** The run before it (last week's), which EXAMPLE_RUN took its community ids from. */
const EXAMPLE_EARLIER_RUN = {
  ...EXAMPLE_RUN,
  id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  communitiesFrom: null,
  createdAt: '2026-11-21T02:10:03.118Z',
  startedAt: '2026-11-21T02:10:03.131Z',
  finishedAt: '2026-11-21T02:10:13.870Z',
  submittedDataVersion: 388,
  dataVersion: 388,
  scopeVersion: 388,
};

const EXAMPLE_PAGE = { limit: 50, offset: 0 };

export const RunErrorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'RunError' });

export const RunSummarySchema = z
  .object({
    projection: ProjectionSummarySchema,
    engine: EngineChoiceSchema.optional().describe('Left out on runs stored before the engine could be chosen (graphology)'),
    graph: z.object({ nodes: z.number().int(), ties: z.number().int(), ranked: z.number().int() }),
    modularity: z.number(),
    communities: z.number().int(),
    communitiesSplit: z.number().int(),
    betweenness: z.object({ estimated: z.boolean(), sources: z.number().int(), threads: z.number().int() }),
    warnings: z.array(z.string()),
    confidence: ConfidenceSummarySchema.optional().describe('Only with parameters.confidence: how the draws were made and the stable core'),
  })
  .meta({ id: 'RunSummary' });

export type RunSummary = z.infer<typeof RunSummarySchema>;

export const AnalysisRunSchema = z
  .object({
    id: RunIdSchema,
    status: z.enum(RUN_STATUSES),
    stage: z.string().nullable().describe('What a running run is doing: projecting, analysing:<engine stage>, storing, writing back'),
    progress: z.number().min(0).max(100).describe('Percent, by stage'),
    queuePosition: z.number().int().nullable().describe('1 = next to start; null unless queued in this process'),
    scope: z.record(z.string(), z.unknown()).describe('As applied, defaults filled in'),
    parameters: z.record(z.string(), z.unknown()).describe('As applied, defaults filled in'),
    communitiesFrom: z.string().nullable(),
    writeBack: z.boolean(),
    requestedBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    submittedDataVersion: z.number().int().describe('The database’s data version when the run was asked for'),
    dataVersion: z.number().int().nullable().describe('The data version the projection saw (the database’s)'),
    scopeVersion: z.number().int().nullable().describe('The version of the scope’s data it saw: the newest of its investigations’ (the database’s for a run over everything)'),
    stale: z.boolean().describe('The scope’s data has changed since the run read it'),
    attempts: z.number().int().describe('Times the run was started (more than 1 after an interruption)'),
    error: RunErrorSchema.nullable(),
    summary: RunSummarySchema.nullable(),
    timings: z.record(z.string(), z.number()).nullable().describe('Milliseconds: queued, projection, each engine stage, storing, writeBack'),
  })
  .meta({ id: 'AnalysisRun', example: EXAMPLE_RUN });

export type AnalysisRun = z.infer<typeof AnalysisRunSchema>;

export const RunSubmittedSchema = AnalysisRunSchema.extend({
  reused: z.boolean().describe('True when a run of the same scope and parameters on the same data answered instead of a new one'),
}).meta({
  id: 'RunSubmitted',
  example: {
    ...EXAMPLE_RUN,
    status: 'queued',
    progress: 0,
    queuePosition: 1,
    startedAt: null,
    finishedAt: null,
    submittedDataVersion: 412,
    dataVersion: null,
    scopeVersion: null,
    stale: false,
    attempts: 0,
    summary: null,
    timings: null,
    reused: false,
  },
});

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);

export const RunListQuerySchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  investigation: IdSchema.optional().describe('Runs whose scope names this investigation'),
  limit: limit(500, 50),
  offset,
});

export const RunListSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(AnalysisRunSchema) }).meta({
  id: 'RunList',
  example: { total: 2, ...EXAMPLE_PAGE, items: [EXAMPLE_RUN, EXAMPLE_EARLIER_RUN] },
});

export const RankingQuerySchema = z.strictObject({
  limit: limit(1000, 50),
  offset,
  type: z.enum(ENTITY_TYPES).optional(),
  community: z.string().min(1).max(100).optional(),
});

export const RankingPageSchema = z
  .object({
    run: AnalysisRunSchema,
    total: z.number().int().describe('Results matching the filters'),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(RankedNodeSchema),
  })
  .meta({ id: 'RankingPage', example: { run: EXAMPLE_RUN, total: 214, ...EXAMPLE_PAGE, items: [EXAMPLE_RANKED_NODE] } });

export const LatestQuerySchema = RankingQuerySchema.extend({
  investigation: z
    .union([IdSchema, z.array(IdSchema).min(1).max(100)])
    .optional()
    .describe('The scope’s investigations (repeat for several); left out: runs over all investigations'),
});

export const PageQuerySchema = z.strictObject({ limit: limit(1000, 50), offset });

export const CommunityPageSchema = z
  .object({ run: AnalysisRunSchema, total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(CommunityReportSchema) })
  .meta({ id: 'CommunityPage', example: { run: EXAMPLE_RUN, total: 12, ...EXAMPLE_PAGE, items: [EXAMPLE_COMMUNITY] } });

export const TieSchema = z
  .object({
    source: z.string(),
    target: z.string(),
    strength: z.number(),
    money: z.number().int().describe('Payments along the tie, in minor units of the reporting currency (pence for GBP)'),
    kinds: z.record(z.string(), z.number()),
  })
  .meta({ id: 'AnalysedTie' });

export const CommunityDetailSchema = z
  .object({
    run: AnalysisRunSchema,
    community: CommunityReportSchema,
    members: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(RankedNodeSchema) }),
    internalTies: z.object({ total: z.number().int(), strongest: z.array(TieSchema).describe('Up to 100, strongest first') }),
    brokers: CommunityReportSchema.shape.bridges,
  })
  .meta({
    id: 'CommunityDetail',
    example: {
      run: EXAMPLE_RUN,
      community: EXAMPLE_COMMUNITY,
      members: { total: 23, ...EXAMPLE_PAGE, items: [EXAMPLE_RANKED_NODE] },
      internalTies: { total: 61, strongest: [{ source: 'person:P-001', target: 'person:P-014', strength: 2.4, money: 350_000, kinds: { communication: 1.4, payment: 1 } }] },
      brokers: EXAMPLE_COMMUNITY.bridges,
    },
  });

export const EntityResultSchema = z
  .object({ run: AnalysisRunSchema, result: RankedNodeSchema })
  .meta({ id: 'EntityResult', example: { run: EXAMPLE_RUN, result: EXAMPLE_RANKED_NODE } });

export const CompareQuerySchema = z.strictObject({ top: z.coerce.number().int().min(1).max(1000).default(20) });

const Ref = { key: z.string(), name: z.string().nullable() };

export const RunComparisonSchema = z
  .object({
    from: AnalysisRunSchema,
    to: AnalysisRunSchema,
    top: z.number().int(),
    entered: z.array(z.object({ ...Ref, rank: z.number().int(), previousRank: z.number().int().nullable(), harmScore: z.number() })).describe('In the top N now, not before'),
    left: z
      .array(z.object({ ...Ref, previousRank: z.number().int(), rank: z.number().int().nullable(), harmScore: z.number().nullable() }))
      .describe('In the top N before, not now (rank null: no longer in the network)'),
    moves: z
      .array(
        z.object({
          ...Ref,
          previousRank: z.number().int(),
          rank: z.number().int(),
          change: z.number().int().describe('Places up (positive) or down'),
          previousHarmScore: z.number(),
          harmScore: z.number(),
        }),
      )
      .describe('In the top N of either run and ranked in both, biggest moves first'),
    entities: z.object({ added: z.number().int(), removed: z.number().int(), kept: z.number().int() }),
    communities: z.object({
      continued: z.array(z.object({ from: z.string(), to: z.string(), jaccard: z.number() })),
      merged: z.array(z.object({ into: z.string(), from: z.array(z.string()) })),
      split: z.array(z.object({ from: z.string(), into: z.array(z.string()) })),
      dissolved: z.array(z.string()),
      emerged: z.array(z.string()),
    }),
    modularity: z.object({ from: z.number(), to: z.number() }),
  })
  .meta({
    id: 'RunComparison',
    example: {
      from: EXAMPLE_EARLIER_RUN,
      to: EXAMPLE_RUN,
      top: 20,
      entered: [{ key: 'person:P-214', name: 'Hemin Rasul', rank: 7, previousRank: 31, harmScore: 48.9 }],
      left: [{ key: 'person:P-031', name: 'Soran Ali', previousRank: 4, rank: null, harmScore: null }],
      moves: [{ key: 'person:P-014', name: 'Dilan Karim', previousRank: 5, rank: 2, change: 3, previousHarmScore: 49.7, harmScore: 55.2 }],
      entities: { added: 12, removed: 1, kept: 202 },
      communities: {
        continued: [{ from: 'C-01', to: 'C-01', jaccard: 0.87 }],
        merged: [{ into: 'C-03', from: ['C-03', 'C-07'] }],
        split: [],
        dissolved: ['C-09'],
        emerged: ['C-13'],
      },
      modularity: { from: 0.58, to: 0.61 },
    },
  });

export type RunComparison = Omit<z.infer<typeof RunComparisonSchema>, 'from' | 'to'>;

export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv', 'json'] as const;
export const ExportQuerySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('gexf').describe('gexf (Gephi), graphml, csv (a zip of nodes.csv and edges.csv), json (graphology serialisation)'),
});
