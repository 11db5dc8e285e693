import { UndirectedGraph } from 'graphology';

/**
 * The analysed network as a graphology graph, the one shape every export format writes: nodes
 * keyed `type:id` with their name, type, community, rank, harm score and measures; ties with
 * their strength, the money along them and how many relations of each kind made them. Built
 * from a run's stored results (runs/result-rows.ts), so an export is the run as it was, whatever
 * was loaded since.
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
  /** A resolved entity's records (scope.resolution), `;`-separated; absent for one record. */
  records?: string;
}

export interface ExportEdgeAttributes {
  weight: number;
  money: number;
  /** `kind:count` for each kind that made the tie, e.g. `communication:3;payment:2`. */
  kinds: string;
}

export type AnalysisGraph = UndirectedGraph<ExportNodeAttributes, ExportEdgeAttributes>;

/** One analysed node as exports read it (a run's stored result row has these and more). */
export interface ExportRow {
  /** The node's index in the analysis: ties name their ends by it. */
  index: number;
  key: string;
  type: string;
  entityId: string;
  name: string | null;
  community: string;
  rank?: number | null;
  harmScore?: number | null;
  degree: number;
  strength: number;
  pagerank: number;
  betweenness: number;
  closeness: number;
  eigenvector: number;
  participation: number;
  articulationPoint: boolean;
  records?: string[] | null;
}

/** The analysed ties, as exports need them: node indices, strength, money, relation counts per kind. */
export interface ExportTies {
  source: Int32Array;
  target: Int32Array;
  strength: Float64Array;
  money: Float64Array;
  /** Row-major, tie × tieKinds. */
  kindCount: Float64Array;
  tieKinds: string[];
}

/**
 * Ties name their ends by node index: each row is placed by its own `index`, whatever order the
 * rows came in, and a tie whose end has no row is an error, not a tie to somebody else.
 */
export function analysisGraph(rows: readonly ExportRow[], ties: ExportTies): AnalysisGraph {
  const graph: AnalysisGraph = new UndirectedGraph({ allowSelfLoops: true });
  const keyOf: string[] = [];
  for (const row of rows) {
    keyOf[row.index] = row.key;
    graph.addNode(row.key, {
      label: row.name ?? row.entityId,
      type: row.type,
      id: row.entityId,
      community: row.community,
      rank: row.rank ?? null,
      harmScore: row.harmScore ?? null,
      degree: row.degree,
      strength: row.strength,
      pagerank: row.pagerank,
      betweenness: row.betweenness,
      closeness: row.closeness,
      eigenvector: row.eigenvector,
      participation: row.participation,
      articulationPoint: row.articulationPoint,
      ...(row.records ? { records: row.records.join(';') } : {}),
    });
  }
  const K = ties.tieKinds.length;
  for (let t = 0; t < ties.source.length; t++) {
    const kinds: string[] = [];
    for (let k = 0; k < K; k++) if (ties.kindCount[t * K + k]! > 0) kinds.push(`${ties.tieKinds[k]}:${ties.kindCount[t * K + k]}`);
    const [source, target] = [keyOf[ties.source[t]!], keyOf[ties.target[t]!]];
    if (source === undefined || target === undefined) throw new Error(`exports/analysis-graph: tie ${t} names node ${ties.source[t]}–${ties.target[t]}, which no result row has`);
    graph.addEdgeWithKey(`t${t}`, source, target, { weight: ties.strength[t]!, money: ties.money[t]!, kinds: kinds.join(';') });
  }
  return graph;
}
