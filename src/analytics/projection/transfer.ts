import type { GivenMeasures } from '../engine.js';
import type { Projection } from './types.js';

/** The buffers of a projection's typed arrays (and the GDS engine's results, when given): moved to a worker instead of copied. */
export function transferables({ ties: t, facts }: Projection, given?: GivenMeasures): ArrayBuffer[] {
  return [
    t.source.buffer,
    t.target.buffer,
    t.strength.buffer,
    t.kindCount.buffer,
    t.money.buffer,
    ...(facts ? [facts.keep, facts.tie, facts.strength, facts.tieGroup, facts.node, facts.part, facts.amount, facts.activityGroup].map((a) => a.buffer) : []),
    ...(given ? [given.labels.buffer, given.pagerank.buffer, given.betweenness.buffer, given.closeness.buffer] : []),
  ] as ArrayBuffer[];
}
