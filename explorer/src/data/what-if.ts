import type { WhatIf } from './api-types.js';
import type { ExplorerGraph } from './explorer-graph.js';
import { DIMMED_COLOUR, WHAT_IF_COLOURS } from './palette.js';

/**
 * The graph re-coloured for a what-if, from the service's answer alone: the answer says where
 * every node of its scope ends (removed, in the largest component left, cut off from it, apart
 * before), and the drawing paints exactly that. Nothing is recomputed on the drawn graph, so
 * the colours, the counts and the legend cannot disagree with the figures. The drawn graph is
 * the run's stored one and the what-if reads the data now: nodes on one side only are counted
 * as such ("not drawn", "not in the what-if"), never hidden.
 */

export type WhatIfPart = 'removed' | 'largest' | 'cutOff' | 'apartBefore' | 'absent';
/** The parts of the answer (every node of the what-if's scope is in one). */
export type AnswerPart = Exclude<WhatIfPart, 'absent'>;
export const ANSWER_PARTS: readonly AnswerPart[] = ['removed', 'largest', 'cutOff', 'apartBefore'];

export interface WhatIfColouring {
  /** Drawn node → its part; 'absent': drawn, but not in the what-if's network. */
  parts: Map<string, WhatIfPart>;
  /** The answer's counts. */
  counts: Record<AnswerPart, number>;
  /** Drawn nodes painted in each part. */
  painted: Record<WhatIfPart, number>;
  /** Nodes of the answer's parts that the page does not draw. */
  notDrawn: Record<AnswerPart, number>;
  /** False when the service did not list the members (too many nodes): nothing can be painted. */
  listed: boolean;
}

export const PART_COLOURS: Record<WhatIfPart, string> = {
  removed: WHAT_IF_COLOURS.removed,
  largest: WHAT_IF_COLOURS.largest,
  cutOff: WHAT_IF_COLOURS.cutOff,
  apartBefore: '#8a8a8a',
  absent: DIMMED_COLOUR,
};

export const PART_NAMES: Record<WhatIfPart, string> = {
  removed: 'removed',
  largest: 'still connected',
  cutOff: 'fall away',
  apartBefore: 'apart before',
  absent: 'drawn, not in the what-if',
};

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function whatIfColouring(graph: ExplorerGraph, answer: Pick<WhatIf, 'removed' | 'parts'>): WhatIfColouring {
  const { parts: answered } = answer;
  const members: Record<AnswerPart, readonly string[]> = {
    removed: answer.removed.map((r) => r.key),
    largest: answered.largest,
    cutOff: answered.cutOff,
    apartBefore: answered.apartBefore,
  };
  const parts = new Map<string, WhatIfPart>();
  const notDrawn = zero(ANSWER_PARTS);
  for (const part of ANSWER_PARTS) {
    for (const key of members[part]) {
      if (graph.hasNode(key)) parts.set(key, part);
      else notDrawn[part]++;
    }
  }
  // Without the lists only the removed are known; the others cannot be placed, so none are counted as not drawn.
  if (!answered.listed) for (const part of ['largest', 'cutOff', 'apartBefore'] as const) notDrawn[part] = 0;
  const painted = zero<WhatIfPart>([...ANSWER_PARTS, 'absent']);
  graph.forEachNode((key) => {
    const part = parts.get(key) ?? 'absent';
    parts.set(key, part);
    painted[part]++;
  });
  return { parts, counts: { ...answered.counts }, painted, notDrawn, listed: answered.listed };
}

export interface TargetOutcome {
  key: string;
  label: string;
  /** Removed in the what-if, or why not. */
  outcome: 'removed' | 'not in scope' | 'not in answer';
  drawn: boolean;
}

/**
 * Every target asked for, with what became of it: removed, or left out because the what-if's
 * scope does not have it (the answer's leftOut), or, should the answer name it nowhere, said so.
 */
export function targetOutcomes(graph: ExplorerGraph, asked: readonly { key: string; label: string }[], answer: Pick<WhatIf, 'removed' | 'leftOut'>): TargetOutcome[] {
  const removed = new Set(answer.removed.map((r) => r.key));
  const leftOut = new Set(answer.leftOut.map((e) => `${e.type}:${e.id}`));
  return asked.map(({ key, label }) => ({
    key,
    label,
    outcome: removed.has(key) ? 'removed' : leftOut.has(key) ? 'not in scope' : 'not in answer',
    drawn: graph.hasNode(key),
  }));
}
