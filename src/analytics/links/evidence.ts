import { tieKindCounts } from '../projection/tie-accumulator.js';
import type { Projection } from '../projection/types.js';
import { TIE_KIND_WORDS } from '../tie-kind-words.js';
import type { TieKind } from '../weights.js';
import { type LinkGraph, tieBetween } from './graph.js';
import { type LinkIndex, sharedNeighbours, sharedWeight, walkCounts } from './indices.js';

/**
 * What a suggestion rests on, in data and in a sentence: the shared contacts (with the kinds of
 * tie that join each end to them, read from the projection's per-kind counts), best first (the
 * one who knows fewest others, as the indices weigh them), and the number of 2- and 3-step paths.
 */

export interface TieKindCount {
  kind: TieKind;
  count: number;
}

export interface SharedContact {
  key: string;
  id: string;
  type: string;
  name: string | null;
  /** Distinct contacts the shared contact has in the scope (the indices divide by it). */
  degree: number;
  withA: TieKindCount[];
  withB: TieKindCount[];
}

export interface PairEvidence {
  sharedContacts: SharedContact[];
  /** All shared contacts (the list shows the first SHARED_SHOWN). */
  sharedContactsTotal: number;
  /** Paths of three ties between the two (they have no tie, so 3-step walks are paths). */
  paths3: number;
}

export const SHARED_SHOWN = 10;

export function kindsOfTie(projection: Projection, tie: number): TieKindCount[] {
  if (tie < 0) return [];
  return Object.entries(tieKindCounts(projection, tie)).map(([kind, count]) => ({ kind: kind as TieKind, count: Math.round(count * 1000) / 1000 }));
}

export function describeKinds(kinds: readonly TieKindCount[]): string {
  return kinds.map(({ kind, count }) => (count === 1 ? TIE_KIND_WORDS[kind][0] : `${count} ${TIE_KIND_WORDS[kind][1]}`)).join(', ');
}

export function pairEvidence(projection: Projection, graph: LinkGraph, a: number, b: number, index: LinkIndex): PairEvidence {
  const shared = sharedNeighbours(graph, a, b);
  const weight = (w: number) => sharedWeight(index === 'resourceAllocation' ? 'resourceAllocation' : 'adamicAdar', graph.degree[w]!);
  const keyOf = (w: number) => projection.nodes[w]!.key;
  shared.sort((x, y) => weight(y) - weight(x) || (keyOf(x) < keyOf(y) ? -1 : 1));
  const sharedContacts = shared.slice(0, SHARED_SHOWN).map((w) => {
    const node = projection.nodes[w]!;
    return {
      key: node.key,
      id: node.id,
      type: node.type,
      name: node.name,
      degree: graph.degree[w]!,
      withA: kindsOfTie(projection, tieBetween(graph, a, w)),
      withB: kindsOfTie(projection, tieBetween(graph, b, w)),
    };
  });
  return { sharedContacts, sharedContactsTotal: shared.length, paths3: walkCounts(graph, a, b, 3)[3]! };
}

const named = (node: { id: string; name: string | null }) => (node.name ? `${node.id} ${node.name}` : node.id);

/** The suggestion in a sentence or two: who, through whom, how strongly, and how likely. */
export function explainPair(
  a: { id: string; name: string | null },
  b: { id: string; name: string | null },
  evidence: PairEvidence,
  index: LinkIndex,
  likelihood: { value: number; share: number } | null,
): string {
  const shown = evidence.sharedContacts.slice(0, 3);
  const through = shown.map((c) => `${named(c)} (${a.id}: ${describeKinds(c.withA)}; ${b.id}: ${describeKinds(c.withB)})`);
  const more = evidence.sharedContactsTotal - shown.length;
  const sentences: string[] = [];
  if (through.length > 0) {
    const list = through.length === 1 ? through[0]! : `${through.slice(0, -1).join(', ')} and ${through.at(-1)!}`;
    sentences.push(
      `${named(a)} and ${named(b)} have no tie in this scope, but both are tied to ${list}${more > 0 ? `, and to ${more} more shared contact${more === 1 ? '' : 's'}` : ''}.`,
    );
  } else {
    sentences.push(`${named(a)} and ${named(b)} have no tie and no shared contact in this scope.`);
  }
  if (index === 'katz' && evidence.paths3 > 0) {
    sentences.push(`${evidence.paths3} path${evidence.paths3 === 1 ? '' : 's'} of three ties join${evidence.paths3 === 1 ? 's' : ''} them through contacts of their contacts.`);
  }
  if (likelihood) {
    const inHundred = Math.round(likelihood.value * 100);
    sentences.push(
      `Likelihood ${likelihood.value.toFixed(3)}: about ${inHundred < 1 ? 'fewer than 1' : inHundred} in 100 untied pairs scoring like this would be a tie the data lacks, if it lacks ${Math.round(likelihood.share * 100)}% of the real ones (fitted by hiding that share of this scope's ties).`,
    );
  }
  return sentences.join(' ');
}
