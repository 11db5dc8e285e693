import type { CommunityReport } from '../analytics/report.js';
import { rankedNodes, type NodeMeasures, type RankedNode, type RankingTable } from '../analytics/ranking.js';
import type { Projection } from '../analytics/projection/types.js';
import type { ExportTies } from '../exports/analysis-graph.js';

/**
 * How a run's results are laid out in Neo4j, and read back. One AnalysisResult node per
 * analysed entity: the scores and measures as plain properties (so Cypher can filter and sort on
 * them), the harm components with their evidence as one JSON string, the explanation as a list
 * of strings. One AnalysisCommunity node per community. The analysed ties are packed into
 * AnalysisArtefact nodes as byte arrays (a million ties as relationships would cost more than
 * the rest of the run), for exports and community views.
 */

/** Every measure is a property of its own (NodeMeasures), so Cypher can filter and sort on it. */
export interface ResultRow extends NodeMeasures {
  runId: string;
  /** 0-based place in the ranking order (ranked nodes by harm, then the rest). */
  position: number;
  /** The node's index in the projection: what packed ties refer to. */
  index: number;
  key: string;
  type: string;
  entityId: string;
  name: string | null;
  rank: number | null;
  harmScore: number | null;
  community: string;
  components: string;
  explanation: string[];
}

/** Rows for positions `from` to `to` (end excluded) of the ranking, explanations written. */
export function resultRows(runId: string, table: RankingTable, from: number, to: number): ResultRow[] {
  return rankedNodes(table, from, to).map((node, i) => {
    const { key, type, id, name, rank, harmScore, community, components, explanation, measures } = node;
    return { runId, position: from + i, index: table.order[from + i]!, key, type, entityId: id, name, rank, harmScore, community, components: JSON.stringify(components), explanation, ...measures };
  });
}

/** A stored row as the API's RankedNode (Neo4j drops null properties: they come back missing). */
export function rankedNodeOf(row: Partial<ResultRow>): RankedNode {
  return {
    key: row.key!,
    type: row.type!,
    id: row.entityId!,
    name: row.name ?? null,
    rank: row.rank ?? null,
    harmScore: row.harmScore ?? null,
    components: JSON.parse(row.components ?? '[]') as RankedNode['components'],
    explanation: row.explanation ?? [],
    community: row.community!,
    measures: {
      degree: row.degree!,
      strength: row.strength!,
      pagerank: row.pagerank!,
      betweenness: row.betweenness!,
      betweennessEstimated: row.betweennessEstimated!,
      closeness: row.closeness!,
      eigenvector: row.eigenvector!,
      // Runs stored before the flag said so only in their summary's warnings.
      eigenvectorConverged: row.eigenvectorConverged ?? true,
      participation: row.participation!,
      communitiesBridged: row.communitiesBridged!,
      articulationPoint: row.articulationPoint!,
    },
  };
}

/** A tie as a community's page shows it: ends by key, relation counts by kind. */
export interface StoredTie {
  source: string;
  target: string;
  strength: number;
  money: number;
  kinds: Record<string, number>;
}

export interface CommunityRow {
  runId: string;
  /** 0-based, largest community first (the engine's order). */
  position: number;
  id: string;
  size: number;
  internalTies: number;
  externalTies: number;
  internalMoneyFlow: number;
  /** The whole CommunityReport as JSON. */
  report: string;
  /** Its strongest internal ties (StoredTie[]) as JSON. */
  strongestTies: string;
}

export function communityRows(runId: string, reports: readonly CommunityReport[], strongest: ReadonlyMap<string, { strongest: StoredTie[] }>): CommunityRow[] {
  return reports.map((report, position) => ({
    runId,
    position,
    id: report.id,
    size: report.size,
    internalTies: report.internalTies,
    externalTies: report.externalTies,
    internalMoneyFlow: report.internalMoneyFlow,
    report: JSON.stringify(report),
    strongestTies: JSON.stringify(strongest.get(report.id)?.strongest ?? []),
  }));
}

export const communityOf = (row: Pick<CommunityRow, 'report'>): CommunityReport => JSON.parse(row.report) as CommunityReport;
export const strongestTiesOf = (row: Pick<CommunityRow, 'strongestTies'>): StoredTie[] => JSON.parse(row.strongestTies) as StoredTie[];

export interface TieArtefact {
  part: number;
  ties: number;
  tieKinds: string[];
  source: Int8Array;
  target: Int8Array;
  strength: Int8Array;
  money: Int8Array;
  kindCount: Int8Array;
}

/** Ties per artefact node: a few MB of byte arrays each. */
export const TIES_PER_PART = 100_000;

const bytes = (view: ArrayBufferView) => new Int8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));

/** Copies of the projection's ties, packed: made before the analysis, which takes the arrays to its thread. */
export function packTies(projection: Pick<Projection, 'ties' | 'tieKinds'>, perPart = TIES_PER_PART): TieArtefact[] {
  const { ties, tieKinds } = projection;
  const K = tieKinds.length;
  const total = ties.source.length;
  const parts: TieArtefact[] = [];
  for (let part = 0, from = 0; from < total || part === 0; part++, from += perPart) {
    const to = Math.min(total, from + perPart);
    parts.push({
      part,
      ties: to - from,
      tieKinds: [...tieKinds],
      source: bytes(ties.source.subarray(from, to)),
      target: bytes(ties.target.subarray(from, to)),
      strength: bytes(ties.strength.subarray(from, to)),
      money: bytes(ties.money.subarray(from, to)),
      kindCount: bytes(ties.kindCount.subarray(from * K, to * K)),
    });
  }
  return parts;
}

/** The ties again from their artefacts, in part order. */
export function unpackTies(parts: readonly TieArtefact[]): ExportTies {
  const sorted = [...parts].sort((a, b) => a.part - b.part);
  const tieKinds = sorted[0]?.tieKinds ?? [];
  const K = tieKinds.length;
  const total = sorted.reduce((sum, p) => sum + p.ties, 0);
  const out: ExportTies = {
    source: new Int32Array(total),
    target: new Int32Array(total),
    strength: new Float64Array(total),
    money: new Float64Array(total),
    kindCount: new Float64Array(total * K),
    tieKinds,
  };
  let at = 0;
  for (const p of sorted) {
    // A fresh copy of each byte array: what the driver returns need not be aligned for wider views.
    const view = <T>(make: new (buffer: ArrayBuffer) => T, data: Int8Array) => new make(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    out.source.set(view(Int32Array, p.source), at);
    out.target.set(view(Int32Array, p.target), at);
    out.strength.set(view(Float64Array, p.strength), at);
    out.money.set(view(Float64Array, p.money), at);
    out.kindCount.set(view(Float64Array, p.kindCount), at * K);
    at += p.ties;
  }
  return out;
}
