import { z } from 'zod';

import { PATH_WEIGHTS } from '../analytics/weights.js';
import { STRATEGY_NAMES } from '../disruption/planner.js';
import {
  AnalysisParametersSchema,
  EngineChoiceSchema,
  engineFitsScope,
  EXAMPLE_ENGINE,
  EXAMPLE_PARAMETERS,
  EXAMPLE_PROJECTION,
  EXAMPLE_SCOPE,
  ProjectionSummarySchema,
  ScopeSchema,
} from './analysis.js';
import { EntityRefSchema } from './entities.js';

/**
 * The contract of the disruption planner: a scope and analysis parameters as for analyses, a
 * budget, and the strategies to compare (plan); or the people to remove (what-if).
 */

const DEFAULT_SCOPE = { minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' } as const;
const DEFAULT_PARAMETERS = { resolution: 1, seed: 1, sharedLocationCap: 30, engine: 'auto' } as const;

/** An analysis's parameters, but rank confidence: plans and what-ifs do not resample (docs/disruption.md). */
const PlanParametersSchema = AnalysisParametersSchema.omit({ confidence: true }).meta({ id: 'PlanParameters' });

export const DisruptionPlanRequestSchema = z
  .strictObject({
    scope: ScopeSchema.default(DEFAULT_SCOPE),
    parameters: PlanParametersSchema.default(DEFAULT_PARAMETERS).describe('Of the analysis the strategies start from (harm weights, seed…)'),
    k: z
      .number()
      .finite()
      .refine((k) => k > 0, 'must be above 0: a whole number of removals (1, 2, …) or a fraction of the nodes (0 < k < 1)')
      .refine((k) => k < 1 || Number.isInteger(k), 'a budget of 1 or more must be a whole number of removals; below 1 it is a fraction of the nodes')
      .refine((k) => k <= 10_000, 'at most 10 000 removals')
      .describe('The budget: a count of removals (1, 2, …) or a fraction of the nodes (0 < k < 1: rounded to the nearest count, at least 1; 0.05 of 101 is 5)'),
    strategies: z.array(z.enum(STRATEGY_NAMES)).min(1).optional().describe('Strategies to compare; left out: all of them'),
  })
  .superRefine(engineFitsScope)
  .meta({ id: 'DisruptionPlanRequest', example: { scope: { investigations: ['OP-TIDE'] }, k: 5 } });

export const WhatIfRequestSchema = z
  .strictObject({
    scope: ScopeSchema.default(DEFAULT_SCOPE),
    parameters: PlanParametersSchema.default(DEFAULT_PARAMETERS),
    remove: z.array(EntityRefSchema).min(1).max(10_000).describe('The entities removed (arrested, seized)'),
    ignoreUnknown: z.boolean().default(false).describe('Leave out, with a warning, entities that are not in the scope, instead of refusing the request'),
  })
  .superRefine(engineFitsScope)
  .meta({ id: 'WhatIfRequest', example: { scope: { investigations: ['OP-TIDE'] }, remove: [{ type: 'person', id: 'P-001' }] } });

export type DisruptionPlanRequest = z.infer<typeof DisruptionPlanRequestSchema>;
export type WhatIfRequest = z.infer<typeof WhatIfRequestSchema>;

const EXAMPLE_BEFORE = {
  removed: 0,
  largestComponentShare: 0.93,
  largestComponent: 199,
  components: 6,
  fragmentation: 0.14,
  distanceFragmentation: 0.71,
  paymentVolumeConnected: 1,
  paymentVolumeCutOff: 0,
  crossingsStopped: 0,
  communitiesFallenApart: 0,
};

const EXAMPLE_AFTER_ORGANISER = {
  removed: 1,
  largestComponentShare: 0.52,
  largestComponent: 111,
  components: 9,
  fragmentation: 0.58,
  distanceFragmentation: 0.83,
  paymentVolumeConnected: 0.73,
  paymentVolumeCutOff: 1_845_000,
  crossingsStopped: 2,
  communitiesFallenApart: 1,
};

const EXAMPLE_ENVELOPE = {
  scope: EXAMPLE_SCOPE,
  parameters: EXAMPLE_PARAMETERS,
  dataVersion: 412,
  projection: EXAMPLE_PROJECTION,
  engine: EXAMPLE_ENGINE,
  warnings: [],
};

const ORGANISER = { key: 'person:P-001', type: 'person', id: 'P-001', name: 'Rekan Aziz' };
const FACILITATOR = { key: 'person:P-014', type: 'person', id: 'P-014', name: 'Dilan Karim' };

export const NetworkStateSchema = z
  .object({
    removed: z.number().int(),
    largestComponentShare: z.number().describe('Largest connected component / all nodes before any removal'),
    largestComponent: z.number().int(),
    components: z.number().int(),
    fragmentation: z.number().describe('Borgatti: 1 − Σ s(s−1) / (n(n−1)) over the nodes left'),
    distanceFragmentation: z.number().nullable().describe('Borgatti’s distance-weighted fragmentation (hops); null above 5 000 nodes, estimated from 32 sources above 300'),
    paymentVolumeConnected: z.number().nullable().describe('Share of payment volume whose payer and payee are both left and connected; null without payments'),
    paymentVolumeCutOff: z.number().int().describe('Payment volume no longer connected, in minor units of the reporting currency (pence for GBP)'),
    crossingsStopped: z.number().int().describe('Crossings whose organisers in scope are all removed'),
    communitiesFallenApart: z.number().int().describe('Communities of two or more now in pieces, or gone'),
  })
  .meta({ id: 'NetworkState' });

const NodeRefSchema = z.object({ key: z.string(), type: z.string(), id: z.string(), name: z.string().nullable() });

const EnvelopeShape = {
  scope: z.record(z.string(), z.unknown()).describe('The scope as applied, defaults filled in'),
  parameters: z.record(z.string(), z.unknown()).describe('Every parameter as applied, defaults filled in'),
  dataVersion: z.number().int(),
  projection: ProjectionSummarySchema,
  engine: EngineChoiceSchema.describe('Who made the analysis the plan starts from; the strategies that recompute after each removal run in the service'),
  timings: z.record(z.string(), z.number()).describe('Milliseconds: projection, analysis, plan or what-if'),
  warnings: z.array(z.string()),
};

export const DisruptionPlanSchema = z
  .object({
    ...EnvelopeShape,
    k: z.number().int().describe('The budget as a count'),
    before: NetworkStateSchema,
    strategies: z.array(
      z.object({
        strategy: z.enum(STRATEGY_NAMES),
        pathWeights: z.enum(PATH_WEIGHTS).nullable().describe('What its shortest paths were measured in; null for a strategy that uses none'),
        label: z.string().describe('Unique in the plan: the strategy, with /strength or /hops for a path strategy (betweenness/hops)'),
        targets: z.array(NodeRefSchema.extend({ step: z.number().int(), reason: z.string().describe('Why it was picked at this step') })),
        curve: z.array(NetworkStateSchema).describe('The network after each removal'),
        ms: z.number(),
        search: z.object({ from: z.string(), swaps: z.number().int(), evaluations: z.number().int() }).optional(),
      }),
    ),
    best: z
      .object({
        strategy: z.enum(STRATEGY_NAMES),
        pathWeights: z.enum(PATH_WEIGHTS).nullable(),
        label: z.string(),
        largestComponentDrop: z.number().int(),
        fragmentation: z.number(),
      })
      .nullable()
      .describe('Largest drop of the largest component, ties by fragmentation, over every strategy and path weighting compared; null for an empty scope'),
  })
  .meta({
    id: 'DisruptionPlan',
    example: {
      ...EXAMPLE_ENVELOPE,
      timings: { projection: 182.4, analysis: 290.3, plan: 1840.7 },
      k: 2,
      before: EXAMPLE_BEFORE,
      strategies: [
        {
          strategy: 'adaptive-betweenness',
          pathWeights: 'strength',
          label: 'adaptive-betweenness/strength',
          targets: [
            { ...ORGANISER, step: 1, reason: 'Highest betweenness (0.42) in the network' },
            { ...FACILITATOR, step: 2, reason: 'Highest betweenness (0.33) in what is left' },
          ],
          curve: [
            EXAMPLE_AFTER_ORGANISER,
            {
              ...EXAMPLE_AFTER_ORGANISER,
              removed: 2,
              largestComponentShare: 0.31,
              largestComponent: 66,
              components: 14,
              fragmentation: 0.79,
              crossingsStopped: 3,
              communitiesFallenApart: 2,
            },
          ],
          ms: 612.4,
        },
      ],
      best: { strategy: 'adaptive-betweenness', pathWeights: 'strength', label: 'adaptive-betweenness/strength', largestComponentDrop: 133, fragmentation: 0.79 },
    },
  });

const BrokerSchema = NodeRefSchema.extend({ betweennessBefore: z.number(), betweennessAfter: z.number(), rankBefore: z.number().int() });

export const WhatIfSchema = z
  .object({
    ...EnvelopeShape,
    removed: z.array(NodeRefSchema),
    before: NetworkStateSchema,
    after: NetworkStateSchema,
    communitiesFallenApart: z.array(z.object({ id: z.string(), size: z.number().int(), membersLeft: z.number().int() })),
    likelyReplacement: BrokerSchema.nullable().describe('The candidate left with the highest betweenness afterwards'),
    brokersAfter: z.array(BrokerSchema),
    paymentVolumeCutOff: z.object({
      amount: z.number().int().describe('Payments no longer connecting their ends, in minor units of the reporting currency (pence for GBP)'),
      share: z.number().nullable(),
      currency: z.string(),
    }),
    crossingsStopped: z.object({ count: z.number().int(), ids: z.array(z.string()).describe('The first 50') }),
    betweenness: z.object({ estimated: z.boolean(), sources: z.number().int() }),
    parts: z
      .object({
        counts: z
          .object({ removed: z.number().int(), largest: z.number().int(), cutOff: z.number().int(), apartBefore: z.number().int() })
          .describe('Nodes of the scope in each part; they add up to the nodes in the scope'),
        listed: z.boolean().describe('Whether the members are listed: false above 50 000 nodes in the scope (the lists are then empty)'),
        largest: z.array(z.string()).describe('Keys of the nodes in the largest component left'),
        cutOff: z.array(z.string()).describe('Keys of the nodes cut off from it: in the largest component before, not after'),
        apartBefore: z.array(z.string()).describe('Keys of the nodes in neither largest component: apart before the removals'),
      })
      .describe('Where every node of the scope ends (the removed ones are in `removed`); of equal components, the first found is the largest'),
    leftOut: z.array(z.object({ type: z.string(), id: z.string() })).describe('Entities asked to be removed that are not in the scope, left out under ignoreUnknown'),
  })
  .meta({
    id: 'WhatIf',
    example: {
      ...EXAMPLE_ENVELOPE,
      timings: { projection: 182.4, analysis: 290.3, whatIf: 204.9 },
      removed: [ORGANISER],
      before: EXAMPLE_BEFORE,
      after: EXAMPLE_AFTER_ORGANISER,
      communitiesFallenApart: [{ id: 'C-01', size: 23, membersLeft: 22 }],
      likelyReplacement: { ...FACILITATOR, betweennessBefore: 0.18, betweennessAfter: 0.33, rankBefore: 2 },
      brokersAfter: [{ ...FACILITATOR, betweennessBefore: 0.18, betweennessAfter: 0.33, rankBefore: 2 }],
      paymentVolumeCutOff: { amount: 1_845_000, share: 0.27, currency: 'GBP' },
      crossingsStopped: { count: 2, ids: ['X-2024-031', 'X-2024-044'] },
      betweenness: { estimated: false, sources: 213 },
      parts: {
        counts: { removed: 1, largest: 2, cutOff: 1, apartBefore: 1 },
        listed: true,
        largest: ['person:P-014', 'person:P-020'],
        cutOff: ['person:P-031'],
        apartBefore: ['person:P-102'],
      },
      leftOut: [],
    },
  });
