import type { Projection } from '../../../src/analytics/projection/types.js';
import { TIE_KINDS, type TieKind } from '../../../src/analytics/weights.js';
import type { EntityType } from '../../../src/model/graph-model.js';

/** A people projection written by hand: nodes as [type, id, name], ties as [a, b, kinds] over node positions. */
export function handProjection(
  nodes: readonly (readonly [EntityType, string, string?])[],
  ties: readonly (readonly [number, number, Partial<Record<TieKind, number>>?])[],
): Projection {
  const k = TIE_KINDS.length;
  const kindCount = new Float64Array(ties.length * k);
  ties.forEach(([, , kinds], t) => {
    for (const [kind, count] of Object.entries(kinds ?? { communication: 1 })) kindCount[t * k + TIE_KINDS.indexOf(kind as TieKind)] = count;
  });
  return {
    kind: 'people',
    nodes: nodes.map(([type, id, name]) => ({ key: `${type}:${id}`, type, id, name: name ?? null, unresolved: false })),
    ties: {
      source: Int32Array.from(ties.map(([a, b]) => Math.min(a, b))),
      target: Int32Array.from(ties.map(([a, b]) => Math.max(a, b))),
      strength: new Float64Array(ties.length).fill(1),
      kindCount,
      money: new Float64Array(ties.length),
    },
    evidence: nodes.map(() => null),
    dropped: [],
    relationsRead: ties.length,
    tieKinds: TIE_KINDS,
  };
}
