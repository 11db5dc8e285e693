import { emptyTies } from '../../analytics/projection/tie-accumulator.js';
import type { ProjectedNode, ProjectedTies } from '../../analytics/projection/types.js';
import type { TieKind } from '../../analytics/weights.js';
import { typeOfLabel } from '../../model/graph-model.js';
import type { TieRow } from '../../repositories/gds-repository.js';

/**
 * The ties of gds/people-ties.cypher as the projection's typed arrays, in the builder's
 * canonical order (source ≤ target, by source then target: projection/builder.ts `finish`), so
 * what comes after sees the same graph whichever engine gathered it. A tie with an end outside
 * `nodes` (the data changed between the two reads) is left out and counted.
 */
export function tiesFromRows(nodes: readonly Pick<ProjectedNode, 'key'>[], rows: readonly TieRow[], tieKinds: readonly TieKind[]): ProjectedTies & { unmatched: number } {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.key, i]));
  const kindIndex = new Map<string, number>(tieKinds.map((kind, k) => [kind, k]));
  const K = tieKinds.length;
  const kept: { a: number; b: number; row: TieRow }[] = [];
  let unmatched = 0;
  for (const row of rows) {
    const x = index.get(`${typeOfLabel(row.fromLabel)}:${row.from}`);
    const y = index.get(`${typeOfLabel(row.toLabel)}:${row.to}`);
    if (x === undefined || y === undefined) {
      unmatched++;
      continue;
    }
    kept.push({ a: Math.min(x, y), b: Math.max(x, y), row });
  }
  kept.sort((p, q) => p.a * n + p.b - (q.a * n + q.b));
  const m = kept.length;
  const ties = { ...emptyTies(m, K), unmatched };
  kept.forEach(({ a, b, row }, t) => {
    ties.source[t] = a;
    ties.target[t] = b;
    ties.strength[t] = row.strength;
    ties.money[t] = row.money;
    row.kinds.forEach((kind, r) => {
      const k = kindIndex.get(kind);
      if (k === undefined) throw new Error(`analytics/gds: unknown tie kind ${kind}`);
      ties.kindCount[t * K + k]! += 1;
      ties.kindStrength[t * K + k]! += row.strengths[r]!;
    });
  });
  return ties;
}
