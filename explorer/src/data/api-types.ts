import type { z } from 'zod';

import type { ExportEdgeAttributes, ExportNodeAttributes } from '../../../src/exports/analysis-graph.js';
import type { CommunityReportSchema, RankedNodeSchema } from '../../../src/schemas/analysis.js';
import type { AnalysisContextSchema } from '../../../src/schemas/analysis-context.js';
import type { DisruptionPlanSchema, NetworkStateSchema, WhatIfSchema } from '../../../src/schemas/disruption.js';
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
export type AnalysisContext = z.infer<typeof AnalysisContextSchema>;

/** `GET /v1/analyses/{id}/export?format=json`: graphology's serialisation of exports/analysis-graph.ts. */
export interface SerializedAnalysisGraph {
  attributes?: Record<string, unknown>;
  options?: Record<string, unknown>;
  nodes: { key: string; attributes: ExportNodeAttributes }[];
  edges: { key?: string; source: string; target: string; attributes: ExportEdgeAttributes; undirected?: boolean }[];
}

/** The whole JSON export: the run it came from and its graph. */
export interface AnalysisExport {
  run: { id: string; scope: Record<string, unknown>; parameters: Record<string, unknown>; dataVersion: number | null; finishedAt: string | null };
  graph: SerializedAnalysisGraph;
}
