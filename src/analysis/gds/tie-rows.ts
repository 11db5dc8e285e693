import type { ProjectedNode, ProjectedTies } from '../../analytics/projection/types.js';
import type { TieKind } from '../../analytics/weights.js';
import { typeOfLabel } from '../../model/graph-model.js';
import type { TieRow } from '../../repositories/gds-repository.js';

/** A typed array of the same kind, `length` long, holding `a`'s values first. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (length: number) => T)(length);
  b.set(a);
  return b;
}

/**
 * The ties of gds/people-ties.cypher as the projection's typed arrays, in the builder's
 * canonical order (source ≤ target, by source then target: projection/builder.ts `finish`), so
 * what comes after sees the same graph whichever engine gathered it. Rows are taken one at a
 * time (a row is not kept): ends and strength into growing typed arrays, the kinds behind a tie
 * as a short list of (kind, relations, strength) entries, spread into the projection's per-kind
 * columns only at the end, once the number of ties is known. A tie with an end outside `nodes`
 * (the data changed between the two reads) is left out and counted.
 */
export class TieCollector {
  private readonly index: Map<string, number>;
  private readonly kindIndex: Map<string, number>;
  private m = 0;
  private entries = 0;
  private unmatched = 0;
  private lo = new Int32Array(1024);
  private hi = new Int32Array(1024);
  private strength = new Float64Array(1024);
  private money = new Float64Array(1024);
  /** Tie t's kinds are entries firstEntry[t] … firstEntry[t + 1] − 1. */
  private firstEntry = new Int32Array(1025);
  private entryKind = new Uint8Array(1024);
  private entryCount = new Float64Array(1024);

  constructor(
    private readonly nodes: readonly Pick<ProjectedNode, 'key'>[],
    private readonly tieKinds: readonly TieKind[],
  ) {
    this.index = new Map(nodes.map((node, i) => [node.key, i]));
    this.kindIndex = new Map<string, number>(tieKinds.map((kind, k) => [kind, k]));
  }

  add(row: TieRow): void {
    const x = this.index.get(`${typeOfLabel(row.fromLabel)}:${row.from}`);
    const y = this.index.get(`${typeOfLabel(row.toLabel)}:${row.to}`);
    if (x === undefined || y === undefined) {
      this.unmatched++;
      return;
    }
    if (this.m === this.lo.length) this.growTies();
    const t = this.m++;
    this.lo[t] = Math.min(x, y);
    this.hi[t] = Math.max(x, y);
    this.strength[t] = row.strength;
    this.money[t] = row.money;
    const first = this.entries;
    for (const kind of row.kinds) {
      const k = this.kindIndex.get(kind);
      if (k === undefined) throw new Error(`analytics/gds: unknown tie kind ${kind}`);
      let e = first;
      while (e < this.entries && this.entryKind[e] !== k) e++;
      if (e === this.entries) {
        if (this.entries === this.entryKind.length) this.growEntries();
        this.entries++;
        this.entryKind[e] = k;
        this.entryCount[e] = 0;
      }
      this.entryCount[e]! += 1;
    }
    this.firstEntry[t + 1] = this.entries;
  }

  finish(): ProjectedTies & { unmatched: number } {
    const { m, lo, hi, firstEntry } = this;
    const K = this.tieKinds.length;
    const n = this.nodes.length;
    const order = Int32Array.from({ length: m }, (_, t) => t).sort((p, q) => lo[p]! * n + hi[p]! - (lo[q]! * n + hi[q]!));
    const pick = (from: Int32Array | Float64Array, into: Int32Array | Float64Array) => {
      for (let t = 0; t < m; t++) into[t] = from[order[t]!]!;
      return into;
    };
    const kindCount = new Float64Array(m * K);
    for (let t = 0; t < m; t++) {
      const from = order[t]!;
      for (let e = firstEntry[from]!; e < firstEntry[from + 1]!; e++) {
        kindCount[t * K + this.entryKind[e]!] = this.entryCount[e]!;
      }
    }
    return {
      source: pick(lo, new Int32Array(m)) as Int32Array,
      target: pick(hi, new Int32Array(m)) as Int32Array,
      strength: pick(this.strength, new Float64Array(m)) as Float64Array,
      money: pick(this.money, new Float64Array(m)) as Float64Array,
      kindCount,
      unmatched: this.unmatched,
    };
  }

  private growTies(): void {
    const size = this.lo.length * 2;
    this.lo = grown(this.lo, size);
    this.hi = grown(this.hi, size);
    this.strength = grown(this.strength, size);
    this.money = grown(this.money, size);
    this.firstEntry = grown(this.firstEntry, size + 1);
  }

  private growEntries(): void {
    const size = this.entryKind.length * 2;
    this.entryKind = grown(this.entryKind, size);
    this.entryCount = grown(this.entryCount, size);
  }
}
