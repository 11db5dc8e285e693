import { UndirectedGraph } from 'graphology';

import { createRng } from '../../../src/shared/rng.js';
import type { SerializedAnalysisGraph } from './api-types.js';
import { communityColours, TIE_COLOUR } from './palette.js';

/**
 * A run's analysed graph (its JSON export) as the graph sigma draws: one node per entity with
 * its community colour, a size by harm score and a label forced on for the top targets; one edge
 * per tie weighted by its strength (what ForceAtlas2 pulls by). The entity type is kept as
 * `entityType`, because sigma reads `type` as the name of the program that draws a node.
 */

export interface ExplorerNode {
  label: string;
  entityType: string;
  entityId: string;
  community: string;
  rank: number | null;
  harmScore: number | null;
  x: number;
  y: number;
  size: number;
  color: string;
  /** The community colour, kept while a what-if re-colours the graph. */
  communityColor: string;
  forceLabel: boolean;
  /** Context entities (data/layers.ts): their layer, sigma's program that draws them, and its pictogram. */
  layer?: string;
  type?: string;
  image?: string;
}

export interface ExplorerEdge {
  weight: number;
  money: number;
  kinds: string;
  size: number;
  color: string;
  /** Context relations (data/layers.ts): `TYPE:count;…`, their dates and payment, and `arrow` when directed. */
  relation?: string;
  count?: number;
  firstSeen?: string | null;
  lastSeen?: string | null;
  amount?: number | null;
  currency?: string | null;
  type?: string;
}

export type ExplorerGraph = UndirectedGraph<ExplorerNode, ExplorerEdge>;

export const GRAPH_DEFAULTS = {
  /** Ranked targets whose labels are always drawn. */
  topLabels: 15,
  /** Seeds the starting positions, so a run always opens the same way. */
  seed: 1,
};

/** Node size (sigma's pixel radius at zoom 1) for a harm score of 0–100; unranked entities are small. */
export function nodeSize(harmScore: number | null): number {
  if (harmScore === null) return 2;
  return 3 + 12 * Math.sqrt(Math.min(100, Math.max(0, harmScore)) / 100);
}

/**
 * Starting positions: communities on a circle (largest first), members scattered around their
 * community's centre. ForceAtlas2 then has less to untangle than from a uniform scatter.
 */
function startingPositions(graph: ExplorerGraph, seed: number): void {
  const rng = createRng(seed);
  const members = new Map<string, string[]>();
  graph.forEachNode((key, { community }) => {
    const list = members.get(community);
    if (list) list.push(key);
    else members.set(community, [key]);
  });
  const ordered = [...members.values()].sort((a, b) => b.length - a.length);
  const ring = Math.sqrt(graph.order) * 10;
  ordered.forEach((keys, i) => {
    const angle = (2 * Math.PI * i) / ordered.length;
    const [cx, cy] = ordered.length === 1 ? [0, 0] : [ring * Math.cos(angle), ring * Math.sin(angle)];
    const spread = Math.sqrt(keys.length) * 4;
    for (const key of keys) {
      const r = spread * Math.sqrt(rng.next());
      const a = 2 * Math.PI * rng.next();
      graph.mergeNodeAttributes(key, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
    }
  });
}

export function toExplorerGraph(serialized: SerializedAnalysisGraph, options: Partial<typeof GRAPH_DEFAULTS> = {}): ExplorerGraph {
  const { topLabels, seed } = { ...GRAPH_DEFAULTS, ...options };
  const graph: ExplorerGraph = new UndirectedGraph({ allowSelfLoops: false });
  const sizes = new Map<string, number>();
  for (const { attributes: a } of serialized.nodes) sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1);
  const colours = communityColours(sizes);
  for (const { key, attributes: a } of serialized.nodes) {
    const color = colours.get(a.community)!;
    graph.addNode(key, {
      label: a.label,
      entityType: a.type,
      entityId: a.id,
      community: a.community,
      rank: a.rank,
      harmScore: a.harmScore,
      x: 0,
      y: 0,
      size: nodeSize(a.harmScore),
      color,
      communityColor: color,
      forceLabel: a.rank !== null && a.rank <= topLabels,
    });
  }
  for (const { key, source, target, attributes: a } of serialized.edges) {
    // A self-tie says nothing in a link chart (and the export has none for people).
    if (source === target) continue;
    const attributes = { weight: a.weight, money: a.money, kinds: a.kinds, size: 0.5 + Math.min(2.5, Math.log1p(a.weight)), color: TIE_COLOUR };
    if (key === undefined) graph.mergeEdge(source, target, attributes);
    else graph.addEdgeWithKey(key, source, target, attributes);
  }
  startingPositions(graph, seed);
  return graph;
}

/** Communities in the graph with their sizes, largest first. */
export function communitySizes(graph: ExplorerGraph): { id: string; size: number; color: string }[] {
  const found = new Map<string, { id: string; size: number; color: string }>();
  graph.forEachNode((_, { community, communityColor }) => {
    const entry = found.get(community);
    if (entry) entry.size++;
    else found.set(community, { id: community, size: 1, color: communityColor });
  });
  return [...found.values()].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
}
