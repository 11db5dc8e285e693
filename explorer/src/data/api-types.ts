import type { z } from 'zod';

import type { ExportEdgeAttributes, ExportNodeAttributes } from '../../../src/exports/analysis-graph.js';
import type { AnalysisPreviewSchema, CommunityReportSchema, RankedNodeSchema } from '../../../src/schemas/analysis.js';
import type { AnalysisContextSchema } from '../../../src/schemas/analysis-context.js';
import type { DisruptionPlanSchema, NetworkStateSchema, WhatIfSchema } from '../../../src/schemas/disruption.js';
import type { EntityViewSchema, ProvenanceViewSchema } from '../../../src/schemas/entity-views.js';
import type { InvestigationListSchema } from '../../../src/schemas/investigations.js';
import type { MoneyFlowsSchema, MoneyTraceSchema } from '../../../src/schemas/money.js';
import type { PathsSchema } from '../../../src/schemas/paths.js';
import type { CandidatePageSchema, CandidateSchema, DecisionMadeSchema, EvidenceSchema } from '../../../src/schemas/resolution.js';
import type { AnalysisRunSchema, CommunityDetailSchema, CommunityPageSchema, RankingPageSchema, RunListSchema } from '../../../src/schemas/runs.js';

/**
 * The API's shapes as the page reads them, inferred from the service's own zod schemas (the
 * one contract): a change there is a type error here, not a blank panel.
 */

export type AnalysisRun = z.infer<typeof AnalysisRunSchema>;
export type RunList = z.infer<typeof RunListSchema>;
export type RankedNode = z.infer<typeof RankedNodeSchema>;
export type RankingPage = z.infer<typeof RankingPageSchema>;
export type CommunityReport = z.infer<typeof CommunityReportSchema>;
export type CommunityPage = z.infer<typeof CommunityPageSchema>;
export type CommunityDetail = z.infer<typeof CommunityDetailSchema>;
export type NetworkState = z.infer<typeof NetworkStateSchema>;
export type WhatIf = z.infer<typeof WhatIfSchema>;
export type DisruptionPlan = z.infer<typeof DisruptionPlanSchema>;
export type AnalysisPreview = z.infer<typeof AnalysisPreviewSchema>;
export type InvestigationList = z.infer<typeof InvestigationListSchema>;
export type AnalysisContext = z.infer<typeof AnalysisContextSchema>;
export type ResolutionCandidatePage = z.infer<typeof CandidatePageSchema>;
export type ResolutionCandidate = z.infer<typeof CandidateSchema>;
export type ResolutionEvidence = z.infer<typeof EvidenceSchema>;
export type ResolutionDecisionMade = z.infer<typeof DecisionMadeSchema>;

/** `GET /v1/analyses/{id}/export?format=json`: graphology's serialisation of exports/analysis-graph.ts. */
export interface SerializedAnalysisGraph {
  attributes?: Record<string, unknown>;
  options?: Record<string, unknown>;
  nodes: { key: string; attributes: ExportNodeAttributes }[];
  edges: { key?: string; source: string; target: string; attributes: ExportEdgeAttributes; undirected?: boolean }[];
}

/** The whole JSON export: the run it came from and its graph. */
export interface AnalysisExport {
  run: {
    id: string;
    scope: Record<string, unknown>;
    parameters: Record<string, unknown>;
    dataVersion: number | null;
    finishedAt: string | null;
    handling?: Record<string, number>;
    dates?: { first: string | null; last: string | null };
  };
  graph: SerializedAnalysisGraph;
}

/** The evidence, paths and money views (`GET /v1/entities/{type}/{id}`, `/v1/paths`, `/v1/money/…`). */
export type EntityView = z.infer<typeof EntityViewSchema>;
export type ProvenanceView = z.infer<typeof ProvenanceViewSchema>;
export type PathsAnswer = z.infer<typeof PathsSchema>;
export type MoneyFlows = z.infer<typeof MoneyFlowsSchema>;
export type MoneyTrace = z.infer<typeof MoneyTraceSchema>;
