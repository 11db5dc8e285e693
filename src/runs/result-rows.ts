import type { Projection } from '../analytics/projection/types.js';
import { type RankedNode, rankedNodes, type RankingTable } from '../analytics/ranking.js';
import type { CommunityReport } from '../analytics/report.js';
import type { ExportTies } from '../exports/analysis-graph.js';
import type { CommunityRow, ResultRow, StoredTie, TieArtefact } from '../repositories/run-results-repository.js';

/**
 * A run's results as they are stored (repositories/run-results-repository.ts lays them out):
 * made from the engine's ranking and reports, and read back into the API's shapes.
 */

/** Rows for positions `from` to `to` (end excluded) of the ranking, explanations written. */
export function resultRows(runId: string, table: RankingTable, from: number, to: number): ResultRow[] {
  return rankedNodes(table, from, to).map((node, i) => {
    const { key, type, id, name, records, rank, harmScore, community, components, explanation, measures, confidence } = node;
    return {
      runId,
      position: from + i,
      index: table.order[from + i]!,
      key,
      type,
      entityId: id,
      name,
      ...(records ? { records } : {}),
      rank,
      harmScore,
      community,
      components: JSON.stringify(components),
      explanation,
      ...(confidence ? { confidence: JSON.stringify(confidence) } : {}),
      ...measures,
    };
  });
}

/** A stored row as the API's RankedNode (Neo4j drops null properties: they come back missing). */
export function rankedNodeOf(row: Partial<ResultRow>): RankedNode {
  return {
    key: row.key!,
    type: row.type!,
    id: row.entityId!,
    name: row.name ?? null,
    ...(row.records ? { records: row.records } : {}),
    rank: row.rank ?? null,
    harmScore: row.harmScore ?? null,
    components: JSON.parse(row.components ?? '[]') as RankedNode['components'],
    explanation: row.explanation ?? [],
    community: row.community!,
    ...(row.confidence ? { confidence: JSON.parse(row.confidence) as RankedNode['confidence'] } : {}),
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
