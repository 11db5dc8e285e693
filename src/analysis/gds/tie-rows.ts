import type { ProjectedNode, ProjectedTies } from '../../analytics/projection/types.js';
import type { TieKind } from '../../analytics/weights.js';
import { typeOfLabel } from '../../model/graph-model.js';
import type { TieRow } from '../../repositories/gds-repository.js';

/**
 * The ties of gds/people-ties.cypher as the projection's typed arrays, in the builder's
 * canonical order (source ≤ target, by source then target: projection/builder.ts `finish`), so
 * what comes after sees the same graph whichever engine gathered it. Rows are taken one at a
 * time into growing typed arrays (a row is not kept). A tie with an end outside `nodes` (the data
 * changed between the two reads) is left out and counted.
 */
export class TieCollector {
  private readonly index: Map<string, number>;
  private readonly kindIndex: Map<string, number>;
  private readonly K: number;
  private m = 0;
  private unmatched = 0;
  private lo = new Int32Array(1024);
  private hi = new Int32Array(1024);
  private strength = new Float64Array(1024);
  private money = new Float64Array(1024);
  private kindCount: Float64Array;
  private kindStrength: Float64Array;

  constructor(
    private readonly nodes: readonly Pick<ProjectedNode, 'key'>[],
    tieKinds: readonly TieKind[],
  ) {
    this.index = new Map(nodes.map((node, i) => [node.key, i]));
    this.kindIndex = new Map<string, number>(tieKinds.map((kind, k) => [kind, k]));
    this.K = tieKinds.length;
    this.kindCount = new Float64Array(1024 * this.K);
    this.kindStrength = new Float64Array(1024 * this.K);
  }

  add(row: TieRow): void {
    const x = this.index.get(`${typeOfLabel(row.fromLabel)}:${row.from}`);
    const y = this.index.get(`${typeOfLabel(row.toLabel)}:${row.to}`);
    if (x === undefined || y === undefined) {
      this.unmatched++;
      return;
    }
    if (this.m === this.lo.length) this.grow();
    const t = this.m++;
    const { K } = this;
    this.lo[t] = Math.min(x, y);
    this.hi[t] = Math.max(x, y);
    this.strength[t] = row.strength;
    this.money[t] = row.money;
    row.kinds.forEach((kind, r) => {
      const k = this.kindIndex.get(kind);
      if (k === undefined) throw new Error(`analytics/gds: unknown tie kind ${kind}`);
      this.kindCount[t * K + k]! += 1;
      this.kindStrength[t * K + k]! += row.strengths[r]!;
    });
  }

  finish(): ProjectedTies & { unmatched: number } {
    const { m, K, lo, hi } = this;
    const n = this.nodes.length;
    const order = Int32Array.from({ length: m }, (_, t) => t).sort((p, q) => lo[p]! * n + hi[p]! - (lo[q]! * n + hi[q]!));
    const ties = {
      source: new Int32Array(m),
      target: new Int32Array(m),
      strength: new Float64Array(m),
      money: new Float64Array(m),
      kindCount: new Float64Array(m * K),
      kindStrength: new Float64Array(m * K),
      unmatched: this.unmatched,
    };
    order.forEach((from, t) => {
      ties.source[t] = lo[from]!;
      ties.target[t] = hi[from]!;
      ties.strength[t] = this.strength[from]!;
      ties.money[t] = this.money[from]!;
      ties.kindCount.set(this.kindCount.subarray(from * K, from * K + K), t * K);
      ties.kindStrength.set(this.kindStrength.subarray(from * K, from * K + K), t * K);
    });
    return ties;
  }

  private grow(): void {
    const size = this.lo.length * 2;
    const bigger = <T extends Int32Array | Float64Array>(a: T, length: number): T => {
      const b = new (a.constructor as new (length: number) => T)(length);
      b.set(a);
      return b;
    };
    this.lo = bigger(this.lo, size);
    this.hi = bigger(this.hi, size);
    this.strength = bigger(this.strength, size);
    this.money = bigger(this.money, size);
    this.kindCount = bigger(this.kindCount, size * this.K);
    this.kindStrength = bigger(this.kindStrength, size * this.K);
  }
}
