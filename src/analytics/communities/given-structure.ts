import type { ArticulationResult } from '../brokerage/articulation-points.js';
import type { ParticipationResult } from '../brokerage/participation.js';
import type { EigenvectorResult } from '../centrality/eigenvector.js';
import type { CsrCommunities } from './louvain.js';

/**
 * The measures the engine computes from the ties once it knows the communities, computed where
 * the ties are (the GDS engine: neo4j/procedures sna.structure.stream, a port of the engine's own
 * functions), per node index of the projection.
 */
export interface GivenStructure {
  /** Louvain's communities split into connected parts and numbered as partitionFromLabels numbers them. */
  membership: Int32Array;
  modularity: number;
  degree: Float64Array;
  strength: Float64Array;
  eigenvector: EigenvectorResult;
  brokerage: ParticipationResult & ArticulationResult;
  /** Per node, its share of its community's report (report.ts): ties inside (a self-loop whole, other ties half), ties out, money inside (halved alike). */
  internalTies: Float64Array;
  externalTies: Float64Array;
  internalMoney: Float64Array;
  /** The nodes that may be a community's bridges (at least its top five by report.ts's order), with the other communities they tie to. */
  bridges: { node: number; bridgesTo: number[] }[];
  /** Ties in the graph, and how many of them self-loops. */
  ties: number;
  selfTies: number;
}

/** The partition of `membership` as louvain.ts's partitionFromLabels returns it (`labels`: Louvain's, numbered 0…k−1, for the count of splits). */
export function partitionFromMembership(keys: readonly string[], structure: Pick<GivenStructure, 'membership' | 'modularity'>, labels: Int32Array): CsrCommunities {
  const { membership, modularity } = structure;
  const n = membership.length;
  let k = 0;
  let louvainCount = 0;
  for (let v = 0; v < n; v++) {
    k = Math.max(k, membership[v]! + 1);
    louvainCount = Math.max(louvainCount, labels[v]! + 1);
  }
  const sizes = new Int32Array(k);
  for (let v = 0; v < n; v++) sizes[membership[v]!]!++;
  const members = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(k);
  for (let v = 0; v < n; v++) members[membership[v]!]![filled[membership[v]!]!++] = v;
  return {
    communities: members.map((part) => Array.from(part, (v) => keys[v]!)),
    membership,
    members,
    modularity,
    splits: k - louvainCount,
  };
}
