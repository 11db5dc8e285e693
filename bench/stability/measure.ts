import { analyse, type AnalysisResult } from '../../src/analytics/engine.js';
import { harmScores } from '../../src/analytics/harm/score.js';
import type { Projection } from '../../src/analytics/projection/types.js';
import { TIE_KINDS } from '../../src/analytics/weights.js';
import { generateNetwork } from '../../src/generator/network.js';
import { createRng } from '../../src/shared/rng.js';
import { TARGET_ROLES } from '../analytics/precision.js';
import { documentRows, projectRows } from '../harness/document-rows.js';

/**
 * The stability bench's measurements: a generated network with planted truth projected in
 * memory (as bench/analytics does), a copy of its projection with a random share of the ties
 * removed, and the top 10 people of an analysis by each ranking compared.
 */

export const TOP = 10;

/** The rankings compared: the harm score, betweenness alone, and the structural parts of the score. */
export const RANKINGS = ['harm', 'structureOnly', 'betweenness', 'pagerank', 'brokerage', 'participation', 'communitiesBridged', 'structural'] as const;
export type RankingName = (typeof RANKINGS)[number];

export interface Planted {
  projection: Projection;
  roles: Record<string, string>;
}

export function planted(people: number, seed: number): Planted {
  const { document, truth } = generateNetwork({ people, seed });
  return { projection: projectRows(documentRows(document)), roles: truth.roles };
}

/**
 * The projection with `rate` of its ties removed at random (seeded): exactly round(rate × ties)
 * distinct ties, drawn by a partial shuffle, so every draw loses the same number. Nodes and evidence are kept: a missing tie is a missing
 * observation of two people working together, not a missing person.
 */
export function withoutTies(projection: Projection, rate: number, seed: number): Projection {
  const { ties } = projection;
  const m = ties.source.length;
  const drop = Math.round(rate * m);
  const rng = createRng(seed);
  const index = Int32Array.from({ length: m }, (_, t) => t);
  for (let k = 0; k < drop; k++) {
    const j = k + Math.floor(rng.next() * (m - k));
    [index[k], index[j]] = [index[j]!, index[k]!];
  }
  const kept = index.subarray(drop).slice().sort();
  const kinds = projection.tieKinds.length;
  const pick = (column: Float64Array, width = 1) => {
    const out = new Float64Array(kept.length * width);
    kept.forEach((t, k) => out.set(column.subarray(t * width, (t + 1) * width), k * width));
    return out;
  };
  return {
    ...projection,
    ties: {
      source: Int32Array.from(kept, (t) => ties.source[t]!),
      target: Int32Array.from(kept, (t) => ties.target[t]!),
      strength: pick(ties.strength),
      kindCount: pick(ties.kindCount, kinds),
      money: pick(ties.money),
    },
  };
}

/** The structure-only setting: what a published edge list gives, no evidence of what anyone did. */
export function structureOnly(projection: Projection): Projection {
  return { ...projection, evidence: projection.evidence.map(() => null) };
}

/** The top people by `values` (highest first, ties by node index, i.e. by key), as ids. */
export function topPeople(projection: Pick<Projection, 'nodes'>, values: ArrayLike<number>, k = TOP): string[] {
  const people: number[] = [];
  projection.nodes.forEach((node, i) => {
    if (node.type === 'person') people.push(i);
  });
  people.sort((a, b) => values[b]! - values[a]! || a - b);
  return people.slice(0, k).map((i) => projection.nodes[i]!.id);
}

/** Every compared ranking's top 10 from one analysis. */
export function tops(projection: Projection, result: AnalysisResult): Record<RankingName, string[]> {
  const { ranking } = result;
  const m = ranking.measures;
  const bare = harmScores(
    projection.evidence.map(() => null),
    {
      degree: m.degree,
      betweenness: m.betweenness,
      pagerank: m.pagerank,
      participation: m.participation,
      communitiesBridged: m.communitiesBridged,
      isArticulation: m.isArticulation,
    },
    ranking.ranked,
  );
  return {
    harm: topPeople(projection, ranking.harm.score),
    structureOnly: topPeople(projection, bare.score),
    betweenness: topPeople(projection, m.betweenness),
    pagerank: topPeople(projection, m.pagerank),
    brokerage: topPeople(projection, ranking.harm.raw.brokerage),
    participation: topPeople(projection, m.participation),
    communitiesBridged: topPeople(projection, m.communitiesBridged),
    structural: topPeople(projection, ranking.harm.raw.structural),
  };
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const both = b.filter((id) => left.has(id)).length;
  const either = new Set([...a, ...b]).size;
  return either === 0 ? 1 : both / either;
}

export function precision(top: readonly string[], roles: Readonly<Record<string, string>>): number {
  return top.filter((id) => TARGET_ROLES.has(roles[id] ?? '')).length / top.length;
}

export async function analyseQuietly(projection: Projection): Promise<AnalysisResult> {
  return analyse(projection, {}, { pathHelpers: 0 });
}

/**
 * A projection of a bare edge list (people only, one relation of strength 1 per tie, no evidence):
 * what a published network gives. Node `i` is `person:<i>`, zero-padded so that key order is index order.
 */
export function edgeListProjection(nodes: number, edges: readonly (readonly [number, number])[]): Projection {
  const width = String(nodes - 1).length;
  const kinds = TIE_KINDS.length;
  const pairs = edges.map(([u, v]): [number, number] => (u <= v ? [u, v] : [v, u])).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const relation = TIE_KINDS.indexOf('relation');
  const kindCount = new Float64Array(pairs.length * kinds);
  pairs.forEach((_, t) => (kindCount[t * kinds + relation] = 1));
  return {
    kind: 'people',
    nodes: Array.from({ length: nodes }, (_, i) => {
      const id = String(i).padStart(width, '0');
      return { key: `person:${id}`, type: 'person', id, name: null, unresolved: false };
    }),
    ties: {
      source: Int32Array.from(pairs, ([u]) => u),
      target: Int32Array.from(pairs, ([, v]) => v),
      strength: new Float64Array(pairs.length).fill(1),
      kindCount,
      money: new Float64Array(pairs.length),
    },
    evidence: new Array<null>(nodes).fill(null),
    dropped: [],
    relationsRead: pairs.length,
    tieKinds: TIE_KINDS,
  };
}
