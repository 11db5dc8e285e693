import type { AbstractGraph, Attributes } from 'graphology-types';

/**
 * The k shortest simple paths between two nodes of an undirected graph, at most `maxHops` ties
 * long: Yen's algorithm (Yen 1971, "Finding the k shortest loopless paths in a network"), the
 * method of networkx's `shortest_simple_paths`. Each spur path is the shortest within the hop
 * budget left (a Bellman–Ford pass layered by hops), so the paths found are exactly the k
 * shortest of those within `maxHops`, not the k shortest cut down afterwards.
 *
 * A tie's length is `length(attributes)`, 1 when left out (paths measured in hops); a strong tie
 * should be short (1 / strength). Lengths must be positive, so a shortest walk never repeats a
 * node. Two lengths within a relative 1e-12 count as equal (float sums of the same ties in
 * another order differ in the last bits).
 *
 * Order, deterministic where lengths tie: length, then hops, then the node keys compared one by
 * one. To make the last places canonical, the search goes on past the kth path while the next
 * one is as long (at most `tieSearch` more), then sorts: `tiesComplete` is false when that cap
 * stopped it, and the kth place may then hold another of the equally long paths.
 */

export interface KShortestOptions<E extends Attributes = Attributes> {
  k: number;
  maxHops: number;
  /** Length of a tie from its attributes; every tie is 1 long when left out. */
  length?: (attributes: E) => number;
  /** Most paths searched beyond the kth, for paths as long as the kth. */
  tieSearch: number;
}

export interface FoundPath {
  nodes: string[];
  length: number;
  hops: number;
}

export interface KShortestResult {
  paths: FoundPath[];
  tiesComplete: boolean;
}

export const DEFAULTS: Readonly<Omit<KShortestOptions, 'length'>> = { k: 3, maxHops: 6, tieSearch: 50 };

const EPSILON = 1e-12;
const CARRIED = -2;

interface Indexed {
  keys: string[];
  neighbours: Int32Array[];
  lengths: Float64Array[];
}

export function kShortestPaths<E extends Attributes>(
  graph: AbstractGraph<Attributes, E>,
  source: string,
  target: string,
  options: Partial<KShortestOptions<E>> = {},
): KShortestResult {
  const { k, maxHops, tieSearch } = { ...DEFAULTS, ...options };
  if (!Number.isInteger(k) || k < 1) throw new Error('analytics/paths: k must be a whole number ≥ 1');
  if (!Number.isInteger(maxHops) || maxHops < 1) throw new Error('analytics/paths: maxHops must be a whole number ≥ 1');
  if (!graph.hasNode(source)) throw new Error(`analytics/paths: no node ${source}`);
  if (!graph.hasNode(target)) throw new Error(`analytics/paths: no node ${target}`);
  if (source === target) throw new Error('analytics/paths: source and target are the same node');

  const g = indexGraph(graph, options.length);
  const n = g.keys.length;
  const at = new Map(g.keys.map((key, i) => [key, i]));
  const s = at.get(source)!;
  const t = at.get(target)!;
  const toTarget = hopsTo(g, t);
  const found: number[][] = [];
  const lengths: number[] = [];
  const candidates: { nodes: number[]; length: number }[] = [];
  const seen = new Set<string>();
  const blockedNodes = new Uint8Array(n);
  const blockedEdges = new Set<number>();

  const first = spur(g, s, t, maxHops, blockedNodes, blockedEdges, toTarget);
  if (!first) return { paths: [], tiesComplete: true };
  found.push(first);
  lengths.push(pathLength(g, first));
  seen.add(first.join(','));
  let tiesComplete = true;

  for (;;) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.length - 1; i++) {
      const root = last.slice(0, i + 1);
      for (const path of found) if (path.length > i + 1 && samePrefix(path, root)) blockedEdges.add(edgeKey(path[i]!, path[i + 1]!, n));
      for (let j = 0; j < i; j++) blockedNodes[root[j]!] = 1;
      const rest = spur(g, root[i]!, t, maxHops - i, blockedNodes, blockedEdges, toTarget);
      blockedEdges.clear();
      blockedNodes.fill(0);
      if (!rest) continue;
      const nodes = [...root.slice(0, -1), ...rest];
      const key = nodes.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ nodes, length: pathLength(g, nodes) });
    }
    if (candidates.length === 0) break;
    let best = 0;
    for (let c = 1; c < candidates.length; c++) if (compare(g, candidates[c]!, candidates[best]!) < 0) best = c;
    const next = candidates[best]!;
    if (found.length >= k) {
      if (longer(next.length, lengths[k - 1]!)) break;
      if (found.length >= k + tieSearch) {
        tiesComplete = false;
        break;
      }
    }
    candidates.splice(best, 1);
    found.push(next.nodes);
    lengths.push(next.length);
  }

  return {
    paths: found
      .map((nodes, i) => ({ nodes, length: lengths[i]! }))
      .sort((a, b) => compare(g, a, b))
      .slice(0, k)
      .map(({ nodes, length }) => ({ nodes: nodes.map((i) => g.keys[i]!), length, hops: nodes.length - 1 })),
    tiesComplete,
  };
}

/** Nodes sorted by key and neighbours by index, parallel ties kept as the shortest, self-loops left out. */
function indexGraph<E extends Attributes>(graph: AbstractGraph<Attributes, E>, length?: (attributes: E) => number): Indexed {
  const keys = graph.nodes().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(keys.map((key, i) => [key, i]));
  const adjacency = keys.map(() => new Map<number, number>());
  graph.forEachEdge((_edge, attributes, a, b) => {
    const w = length ? length(attributes) : 1;
    if (!(w > 0) || !Number.isFinite(w)) throw new Error(`analytics/paths: the tie ${a}–${b} has length ${w}; lengths must be positive and finite`);
    const i = at.get(a)!;
    const j = at.get(b)!;
    if (i === j) return;
    for (const [x, y] of [
      [i, j],
      [j, i],
    ] as const) {
      const old = adjacency[x]!.get(y);
      if (old === undefined || w < old) adjacency[x]!.set(y, w);
    }
  });
  const neighbours: Int32Array[] = [];
  const lengths: Float64Array[] = [];
  for (const list of adjacency) {
    const sorted = [...list.keys()].sort((a, b) => a - b);
    neighbours.push(Int32Array.from(sorted));
    lengths.push(Float64Array.from(sorted.map((j) => list.get(j)!)));
  }
  return { keys, neighbours, lengths };
}

/** Hops from every node to `t` (a lower bound on the hops any spur still needs). */
function hopsTo(g: Indexed, t: number): Int32Array {
  const hops = new Int32Array(g.keys.length).fill(-1);
  hops[t] = 0;
  const queue = [t];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (const v of g.neighbours[u]!) {
      if (hops[v] !== -1) continue;
      hops[v] = hops[u]! + 1;
      queue.push(v);
    }
  }
  return hops;
}

/**
 * The shortest path from `s` to `t` of at most `budget` ties avoiding the blocked nodes and
 * ties: Bellman–Ford by layers, layer h holding the shortest lengths within h ties. The
 * fewest hops among equally short ones.
 */
function spur(g: Indexed, s: number, t: number, budget: number, blockedNodes: Uint8Array, blockedEdges: Set<number>, toTarget: Int32Array): number[] | undefined {
  const n = g.keys.length;
  if (toTarget[s]! < 0 || toTarget[s]! > budget) return undefined;
  let dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  dist[s] = 0;
  const preds: Int32Array[] = [];
  const atLayer: number[] = [Number.POSITIVE_INFINITY];
  let changed = [s];
  for (let h = 1; h <= budget && changed.length > 0; h++) {
    const next = Float64Array.from(dist);
    const pred = new Int32Array(n).fill(CARRIED);
    const moved: number[] = [];
    for (const u of changed) {
      if (u === t) continue;
      const adjacent = g.neighbours[u]!;
      const w = g.lengths[u]!;
      for (let e = 0; e < adjacent.length; e++) {
        const v = adjacent[e]!;
        const remaining = toTarget[v]!;
        if (blockedNodes[v] || v === s || remaining < 0 || h + remaining > budget) continue;
        if (blockedEdges.size > 0 && blockedEdges.has(edgeKey(u, v, n))) continue;
        const d = dist[u]! + w[e]!;
        if (d < next[v]!) {
          if (pred[v] === CARRIED) moved.push(v);
          next[v] = d;
          pred[v] = u;
        }
      }
    }
    preds.push(pred);
    atLayer.push(next[t]!);
    dist = next;
    changed = moved;
  }
  const best = dist[t]!;
  if (best === Number.POSITIVE_INFINITY) return undefined;
  let h = atLayer.findIndex((d) => !longer(d, best));
  const path = [t];
  let v = t;
  while (v !== s) {
    const u = preds[h - 1]![v]!;
    if (u !== CARRIED) {
      v = u;
      path.push(v);
    }
    h--;
  }
  return path.reverse();
}

function pathLength(g: Indexed, nodes: number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < nodes.length; i++) {
    const adjacent = g.neighbours[nodes[i]!]!;
    total += g.lengths[nodes[i]!]![adjacent.indexOf(nodes[i + 1]!)]!;
  }
  return total;
}

function compare(g: Indexed, a: { nodes: number[]; length: number }, b: { nodes: number[]; length: number }): number {
  if (longer(a.length, b.length)) return 1;
  if (longer(b.length, a.length)) return -1;
  if (a.nodes.length !== b.nodes.length) return a.nodes.length - b.nodes.length;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = g.keys[a.nodes[i]!]!;
    const y = g.keys[b.nodes[i]!]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** a is longer than b by more than float noise (infinity is longer than any length). */
function longer(a: number, b: number): boolean {
  return a - b > EPSILON * Math.abs(b);
}

function samePrefix(path: number[], root: number[]): boolean {
  for (let i = 0; i < root.length; i++) if (path[i] !== root[i]) return false;
  return true;
}

function edgeKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}
