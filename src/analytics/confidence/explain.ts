import type { ProjectedNode } from '../projection/types.js';
import { TIE_KIND_WORDS } from '../tie-kind-words.js';
import type { TieKind } from '../weights.js';
import type { RankConfidence } from './summary.js';

/** One ranked node's part of the confidence answer, in figures and in plain sentences. */

export interface NodeDependency {
  key: string;
  id: string;
  name: string | null;
  /** Relations per kind behind the tie. */
  tieKinds: Record<string, number>;
  /** Share of draws the tie was kept in. */
  keptIn: number;
  medianRankWith: number;
  medianRankWithout: number;
}

export interface NodeConfidence {
  medianRank: number;
  /** 90% of draws ranked it within these (nearest-rank 5th and 95th percentiles). */
  rankInterval: { low: number; high: number };
  /** Share of draws that ranked it in the top k. */
  inTopK: number;
  k: number;
  /** In the top k in at least 90% of draws. */
  stableCore: boolean;
  /** The ties its rank moves with most: median rank with and without each. */
  dependsOn: NodeDependency[];
  /** The facts of what it did (payments, its part in crossings, vessels procured) its rank moves with most. */
  dependsOnFacts: { fact: string; keptIn: number; medianRankWith: number; medianRankWithout: number }[];
  explanation: string[];
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function describeKinds(kinds: Record<string, number>): string {
  const parts = Object.entries(kinds).map(([kind, count]) => {
    const [one, many] = TIE_KIND_WORDS[kind as TieKind] ?? [kind, kind];
    return `${count} ${count === 1 ? one : many}`;
  });
  return parts.length <= 1 ? (parts[0] ?? 'no relations') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** How the draws were made, for the first sentence. */
export function howDrawn(spec: RankConfidence['spec']): string {
  const ways = [spec.grading ? 'each fact kept as likely as its grading says' : '', spec.dropout > 0 ? `${percent(spec.dropout)} of ties dropped at random` : ''].filter(Boolean);
  return `${spec.draws} resampled networks (${ways.join('; ')})`;
}

const label = (node: Pick<ProjectedNode, 'id' | 'name'>) => (node.name ? `${node.id} ${node.name}` : node.id);

export function confidenceOf(c: RankConfidence, i: number, rank: number, nodes: readonly Pick<ProjectedNode, 'key' | 'id' | 'name'>[]): NodeConfidence {
  const k = c.spec.top;
  const [low, high, median, inTopK] = [c.low[i]!, c.high[i]!, c.median[i]!, c.inTop[i]!];
  const dependsOn = (c.dependsOn.get(i) ?? []).map((d) => ({
    key: nodes[d.other]!.key,
    id: nodes[d.other]!.id,
    name: nodes[d.other]!.name,
    tieKinds: d.kinds,
    keptIn: d.keptIn,
    medianRankWith: d.medianWith,
    medianRankWithout: d.medianWithout,
  }));
  const dependsOnFacts = (c.factsDependedOn.get(i) ?? []).map((f) => ({ fact: f.label, keptIn: f.keptIn, medianRankWith: f.medianWith, medianRankWithout: f.medianWithout }));
  const stableCore = inTopK >= 0.9;
  const span = low === high ? `ranked ${ordinal(low)} in 90% of them` : `ranked between ${ordinal(low)} and ${ordinal(high)} in 90% of them (median ${ordinal(median)})`;
  const explanation = [`Ranked ${ordinal(rank)} on the network as reported; in ${howDrawn(c.spec)} ${span}, in the top ${k} in ${percent(inTopK)}`];
  if (stableCore) explanation.push(`one of the stable core: in the top ${k} in at least 90% of the resampled networks`);
  const shift = (d: { medianRankWith: number; medianRankWithout: number }) => d.medianRankWithout - d.medianRankWith;
  const tie = dependsOn[0];
  const fact = dependsOnFacts[0];
  const ranks = (d: { medianRankWith: number; medianRankWithout: number }) => `median rank ${ordinal(d.medianRankWithout)} without it, ${ordinal(d.medianRankWith)} with it`;
  if (tie && (!fact || shift(tie) > shift(fact))) {
    explanation.push(`its position rests most on its tie to ${label(tie)} (${describeKinds(tie.tieKinds)}, kept in ${percent(tie.keptIn)} of draws): ${ranks(tie)}`);
  } else if (fact) {
    explanation.push(`its position rests most on the ${fact.fact} (kept in ${percent(fact.keptIn)} of draws): ${ranks(fact)}`);
  } else if (c.dependsOn.has(i)) {
    explanation.push('no single tie or fact of its own moves its median rank');
  }
  return { medianRank: median, rankInterval: { low, high }, inTopK, k, stableCore, dependsOn, dependsOnFacts, explanation };
}
