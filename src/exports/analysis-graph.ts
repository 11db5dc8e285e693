import { UndirectedGraph } from 'graphology';

import type { AnalysisResult } from '../analytics/engine.js';
import type { Projection } from '../analytics/projection/types.js';

/**
 * The analysed network as a graphology graph, the one shape every export format writes: nodes
 * keyed `type:id` with their name, type, community, rank, harm score and measures; ties with
 * their strength, the money along them and how many relations of each kind made them.
 */

export interface ExportNodeAttributes {
  label: string;
  type: string;
  id: string;
  community: string;
  /** null for nodes that are not ranked (not people or organisations). */
  rank: number | null;
  harmScore: number | null;
  degree: number;
  strength: number;
  pagerank: number;
  betweenness: number;
  closeness: number;
  eigenvector: number;
  participation: number;
  articulationPoint: boolean;
}

export interface ExportEdgeAttributes {
  weight: number;
  money: number;
  /** `kind:count` for each kind that made the tie, e.g. `communication:3;payment:2`. */
  kinds: string;
}

export type AnalysisGraph = UndirectedGraph<ExportNodeAttributes, ExportEdgeAttributes>;

export function analysisGraph(projection: Projection, result: AnalysisResult): AnalysisGraph {
  const { nodes, ties, tieKinds } = projection;
  const { ranking } = result;
  const rankOf = new Int32Array(nodes.length).fill(-1);
  ranking.order.forEach((i, position) => (rankOf[i] = position + 1));
  const m = ranking.measures;
  const graph: AnalysisGraph = new UndirectedGraph({ allowSelfLoops: true });
  nodes.forEach((node, i) => {
    const ranked = ranking.ranked[i] === 1;
    graph.addNode(node.key, {
      label: node.name ?? node.id,
      type: node.type,
      id: node.id,
      community: ranking.communityIds[ranking.community[i]!]!,
      rank: ranked ? rankOf[i]! : null,
      harmScore: ranked ? ranking.harm.score[i]! : null,
      degree: m.degree[i]!,
      strength: m.strength[i]!,
      pagerank: m.pagerank[i]!,
      betweenness: m.betweenness[i]!,
      closeness: m.closeness[i]!,
      eigenvector: m.eigenvector[i]!,
      participation: m.participation[i]!,
      articulationPoint: m.isArticulation[i] === 1,
    });
  });
  const K = tieKinds.length;
  for (let t = 0; t < ties.source.length; t++) {
    const kinds: string[] = [];
    for (let k = 0; k < K; k++) if (ties.kindCount[t * K + k]! > 0) kinds.push(`${tieKinds[k]}:${ties.kindCount[t * K + k]}`);
    graph.addEdgeWithKey(`t${t}`, nodes[ties.source[t]!]!.key, nodes[ties.target[t]!]!.key, { weight: ties.strength[t]!, money: ties.money[t]!, kinds: kinds.join(';') });
  }
  return graph;
}
