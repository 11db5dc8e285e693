import type { GivenStructure } from '../../analytics/communities/given-structure.js';
import { TOP } from '../../analytics/report.js';
import type { StructureRow } from '../../repositories/gds-repository.js';

type Bridge = GivenStructure['bridges'][number];

/**
 * sna.structure.stream's rows, taken one at a time, as the engine's GivenStructure: columns by
 * node number, and per community only the bridges that can be among its TOP in the report
 * (report.ts orders them by communities bridged, then participation, then node), so a large
 * graph's bridge lists are not all kept.
 */
export class StructureCollector {
  private readonly s: Omit<GivenStructure, 'bridges' | 'ties' | 'selfTies' | 'modularity' | 'eigenvector'> & { eigenvector: Float64Array };
  private readonly top = new Map<number, (Bridge & { participation: number })[]>();
  private modularity = 0;
  private iterations = 0;
  private converged = true;
  private seen = 0;

  constructor(private readonly n: number) {
    this.s = {
      membership: new Int32Array(n),
      degree: new Float64Array(n),
      strength: new Float64Array(n),
      eigenvector: new Float64Array(n),
      brokerage: { participation: new Float64Array(n), communitiesBridged: new Int32Array(n), isArticulation: new Uint8Array(n), separated: new Int32Array(n) },
      internalTies: new Float64Array(n),
      externalTies: new Float64Array(n),
      internalMoney: new Float64Array(n),
    };
  }

  add(row: StructureRow): void {
    const { s } = this;
    const v = row.node;
    if (!(v >= 0 && v < this.n)) throw new Error(`analysis/gds: sna.structure.stream named node ${v} of ${this.n}`);
    this.seen++;
    s.membership[v] = row.community;
    s.degree[v] = row.degree;
    s.strength[v] = row.strength;
    s.eigenvector[v] = row.eigenvector;
    s.brokerage.participation[v] = row.participation;
    s.brokerage.communitiesBridged[v] = row.communitiesBridged;
    s.brokerage.isArticulation[v] = row.articulation ? 1 : 0;
    s.brokerage.separated[v] = row.separated;
    s.internalTies[v] = row.internalTies;
    s.externalTies[v] = row.externalTies;
    s.internalMoney[v] = row.internalMoney;
    this.modularity = row.modularity;
    this.iterations = row.eigenvectorIterations;
    this.converged = row.eigenvectorConverged;
    if (row.bridgesTo.length > 0) this.offer({ node: v, bridgesTo: row.bridgesTo, participation: row.participation }, row.community);
  }

  finish(ties: number, selfTies: number): GivenStructure {
    if (this.seen !== this.n) throw new Error(`analysis/gds: sna.structure.stream answered for ${this.seen} of ${this.n} nodes`);
    const { eigenvector, ...rest } = this.s;
    const bridges = [...this.top.values()].flat().map(({ node, bridgesTo }) => ({ node, bridgesTo }));
    return {
      ...rest,
      modularity: this.modularity,
      eigenvector: { scores: eigenvector, iterations: this.iterations, converged: this.converged },
      bridges,
      ties,
      selfTies,
    };
  }

  /** Keeps the community's TOP bridges so far, in report.ts's order. */
  private offer(bridge: Bridge & { participation: number }, community: number): void {
    let list = this.top.get(community);
    if (!list) this.top.set(community, (list = []));
    const before = (a: typeof bridge, b: typeof bridge) => b.bridgesTo.length - a.bridgesTo.length || b.participation - a.participation || a.node - b.node;
    let at = list.length;
    while (at > 0 && before(bridge, list[at - 1]!) < 0) at--;
    if (at >= TOP) return;
    list.splice(at, 0, bridge);
    if (list.length > TOP) list.pop();
  }
}
