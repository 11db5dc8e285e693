import { confidenceOf, type NodeConfidence } from './confidence/explain.js';
import type { RankConfidence } from './confidence/summary.js';
import { createExplainer, type Explanation } from './harm/explain.js';
import type { HarmScores } from './harm/score.js';
import type { MoneySettings } from './money.js';
import type { NodeEvidence, ProjectedNode } from './projection/types.js';
import { HARM_COMPONENTS, type HarmComponent } from './weights.js';

/**
 * The ranking of one analysis as columns: every node's scores and measures in typed arrays, the
 * order by harm, and what the explanations are written from. An entry with its sentences
 * (RankedNode) is made only when asked for (rankedNodes): writing them all for half a million
 * people took longer than the whole rest of the analysis and most of its memory, while a reader
 * pages through the top few hundred. Plain data and typed arrays only, so it crosses threads by
 * structured clone.
 */

export interface NodeMeasures {
  degree: number;
  strength: number;
  pagerank: number;
  betweenness: number;
  betweennessEstimated: boolean;
  closeness: number;
  eigenvector: number;
  /** False when the power iteration stopped before converging: eigenvector is then its last iterate. */
  eigenvectorConverged: boolean;
  participation: number;
  communitiesBridged: number;
  articulationPoint: boolean;
}

export interface RankedNode {
  key: string;
  type: string;
  id: string;
  name: string | null;
  /** The records it stands for, when resolved from more than one (scope.resolution). */
  records?: string[];
  rank: number | null;
  harmScore: number | null;
  components: { component: HarmComponent; value: number; weight: number; contribution: number; evidence: string[] }[];
  explanation: string[];
  community: string;
  measures: NodeMeasures;
  /** How sure the rank is, when the analysis resampled its network (parameters.confidence). */
  confidence?: NodeConfidence;
}

export interface RankingTable {
  /** Position → node index: ranked nodes by harm score (highest first), then the rest; ties by key. */
  order: Int32Array;
  nodes: readonly Pick<ProjectedNode, 'key' | 'type' | 'id' | 'name' | 'records' | 'resolution'>[];
  evidence: readonly (NodeEvidence | null)[];
  /** 1 for people and organisations: the nodes that get a rank and a score. */
  ranked: Uint8Array;
  community: Int32Array;
  /** Community index → stable id. */
  communityIds: readonly string[];
  harm: Omit<HarmScores, 'ranks'>;
  measures: {
    degree: Float64Array;
    strength: Float64Array;
    pagerank: Float64Array;
    betweenness: Float64Array;
    closeness: Float64Array;
    eigenvector: Float64Array;
    participation: Float64Array;
    communitiesBridged: Int32Array;
    isArticulation: Uint8Array;
    separated: Int32Array;
  };
  betweennessEstimated: boolean;
  eigenvectorConverged: boolean;
  money: MoneySettings;
  /** What the resampled networks say, when the analysis was given draws. */
  confidence?: RankConfidence;
}

const NO_EVIDENCE: string[] = Object.freeze([]) as unknown as string[];
const NOTHING: Explanation = Object.freeze({ sentences: NO_EVIDENCE, evidence: {} });

/** The explainer sorts every measure it ranks against, so it is made once per table. */
const explainers = new WeakMap<RankingTable, (i: number) => Explanation>();

function explainerOf(table: RankingTable) {
  let explain = explainers.get(table);
  if (!explain) {
    const { measures } = table;
    explain = createExplainer({
      evidence: table.evidence,
      harm: table.harm,
      ranked: table.ranked,
      betweenness: measures.betweenness,
      betweennessEstimated: table.betweennessEstimated,
      pagerank: measures.pagerank,
      communitiesBridged: measures.communitiesBridged,
      separated: measures.separated,
      money: table.money,
    });
    explainers.set(table, explain);
  }
  return explain;
}

/** Entries `from` to `to` (positions, end excluded) of the ranking, with their explanations. */
export function rankedNodes(table: RankingTable, from = 0, to = table.order.length): RankedNode[] {
  const explain = explainerOf(table);
  const { order, nodes, ranked, harm, measures: m } = table;
  const out: RankedNode[] = [];
  for (let position = Math.max(0, from), end = Math.min(to, order.length); position < end; position++) {
    const i = order[position]!;
    const node = nodes[i]!;
    const isRanked = ranked[i] === 1;
    const explanation = isRanked ? explain(i) : NOTHING;
    out.push({
      key: node.key,
      type: node.type,
      id: node.id,
      name: node.name,
      ...(node.records ? { records: node.records } : {}),
      rank: isRanked ? position + 1 : null,
      harmScore: isRanked ? harm.score[i]! : null,
      components: isRanked
        ? HARM_COMPONENTS.map((c) => ({
            component: c,
            value: harm.components[c][i]!,
            weight: harm.weights[c],
            contribution: harm.contributions[c][i]!,
            evidence: explanation.evidence[c] ?? NO_EVIDENCE,
          }))
        : [],
      explanation: node.resolution ? [node.resolution, ...explanation.sentences] : explanation.sentences,
      community: table.communityIds[table.community[i]!]!,
      ...(isRanked && table.confidence ? { confidence: confidenceOf(table.confidence, i, position + 1, nodes) } : {}),
      measures: {
        degree: m.degree[i]!,
        strength: m.strength[i]!,
        pagerank: m.pagerank[i]!,
        betweenness: m.betweenness[i]!,
        betweennessEstimated: table.betweennessEstimated,
        closeness: m.closeness[i]!,
        eigenvector: m.eigenvector[i]!,
        eigenvectorConverged: table.eigenvectorConverged,
        participation: m.participation[i]!,
        communitiesBridged: m.communitiesBridged[i]!,
        articulationPoint: m.isArticulation[i] === 1,
      },
    });
  }
  return out;
}
