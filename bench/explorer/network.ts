import type { AnalysisExport, RankedNode } from '../../explorer/src/data/api-types.js';
import { createRng } from '../../src/shared/rng.js';

/**
 * A synthetic analysed network for the explorer bench, in the shape of a run's JSON export:
 * `nodes` people in communities of about `communitySize`, `ties` distinct ties of which most
 * (`inside`) join members of one community, the rest any two people; harm scores drawn so a
 * few stand out, ranks by score. Only its shape matters to the page (how many nodes and ties,
 * how clustered), not what it means, so it is made directly rather than analysed.
 */

export interface ExplorerNetworkOptions {
  nodes: number;
  ties: number;
  communitySize: number;
  inside: number;
  seed: number;
}

export const EXPLORER_NETWORK_DEFAULTS: ExplorerNetworkOptions = { nodes: 5_000, ties: 20_000, communitySize: 200, inside: 0.9, seed: 42 };

export function explorerNetwork(options: Partial<ExplorerNetworkOptions> = {}): { exported: AnalysisExport; ranking: RankedNode[] } {
  const { nodes, ties, communitySize, inside, seed } = { ...EXPLORER_NETWORK_DEFAULTS, ...options };
  if (ties > (nodes * (nodes - 1)) / 4) throw new Error('bench/explorer/network: too many ties for the nodes');
  const rng = createRng(seed);
  const communities = Math.max(1, Math.round(nodes / communitySize));
  const communityOf = (i: number) => i % communities;
  const scores = Array.from({ length: nodes }, () => 100 * rng.next() ** 3);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const rank = new Array<number>(nodes);
  order.forEach((node, r) => (rank[node] = r + 1));
  const key = (i: number) => `person:B-${i}`;

  const seen = new Set<number>();
  const edges: AnalysisExport['graph']['edges'] = [];
  while (edges.length < ties) {
    const a = rng.int(0, nodes - 1);
    // Another member of a's community (same residue), or anyone.
    const b = rng.chance(inside) ? communityOf(a) + communities * rng.int(0, Math.ceil(nodes / communities) - 1) : rng.int(0, nodes - 1);
    if (b >= nodes || a === b) continue;
    const id = Math.min(a, b) * nodes + Math.max(a, b);
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ key: `t${edges.length}`, source: key(a), target: key(b), attributes: { weight: 0.5 + 3 * rng.next(), money: 0, kinds: 'communication:1' }, undirected: true });
  }

  const graph: AnalysisExport['graph'] = {
    attributes: {},
    options: { type: 'undirected', multi: false, allowSelfLoops: true },
    nodes: scores.map((harmScore, i) => ({
      key: key(i),
      attributes: {
        label: `Person ${i}`,
        type: 'person',
        id: `B-${i}`,
        community: `C-${communityOf(i) + 1}`,
        rank: rank[i]!,
        harmScore,
        degree: 0,
        strength: 0,
        pagerank: 0,
        betweenness: 0,
        closeness: 0,
        eigenvector: 0,
        participation: 0,
        articulationPoint: false,
      },
    })),
    edges,
  };
  const ranking = order.slice(0, 50).map((i): RankedNode => ({
    key: key(i),
    type: 'person',
    id: `B-${i}`,
    name: `Person ${i}`,
    rank: rank[i]!,
    harmScore: scores[i]!,
    components: [],
    explanation: [],
    community: `C-${communityOf(i) + 1}`,
    measures: {
      degree: 0,
      strength: 0,
      pagerank: 0,
      betweenness: 0,
      betweennessEstimated: false,
      closeness: 0,
      eigenvector: 0,
      eigenvectorConverged: true,
      participation: 0,
      communitiesBridged: 0,
      articulationPoint: false,
    },
  }));
  return { exported: { run: { id: '00000000-0000-4000-8000-000000000000', scope: {}, parameters: {}, dataVersion: 1, finishedAt: null }, graph }, ranking };
}
