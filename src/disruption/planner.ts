import type { PathWeights } from '../analytics/weights.js';
import { type DisruptionNetwork, type NetworkState, networkState } from './network.js';
import { type PathSettings, type PathView, pathView } from './path-views.js';
import { adaptiveBetweenness, adaptiveDegree, adaptiveHarm, adaptivePagerank } from './strategies/adaptive.js';
import { greedyFragmentation } from './strategies/greedy-fragmentation.js';
import { swapSearch } from './strategies/local-search.js';
import { brokersFirst, staticBetweenness, staticDegree, staticHarm, staticPagerank } from './strategies/static.js';
import { byScore, type Strategy, type Target } from './strategies/types.js';

/**
 * The disruption planner: with a budget of k removals, which set of people breaks the network
 * most, by each strategy, and what is left after each removal. The best strategy is the one
 * that leaves the smallest largest connected component (ties: the higher fragmentation, then
 * the order of STRATEGY_NAMES); the swap search then tries to improve on it, and is named best
 * only when it does better. The path strategies (PATH_STRATEGIES: they rank by shortest paths)
 * run once per path weighting asked for, strength and hops by default, and compete as separate
 * entries: breaking the largest component is a question of hops, which strength alone misses.
 */

export const PATH_STRATEGIES: ReadonlySet<string> = new Set(['harm', 'betweenness', 'adaptive-harm', 'adaptive-betweenness']);

export const STRATEGIES: Readonly<Record<Exclude<StrategyName, typeof SWAP_SEARCH>, Strategy>> = {
  harm: staticHarm,
  betweenness: staticBetweenness,
  degree: staticDegree,
  pagerank: staticPagerank,
  'brokers-first': brokersFirst,
  'adaptive-harm': adaptiveHarm,
  'adaptive-betweenness': adaptiveBetweenness,
  'adaptive-degree': adaptiveDegree,
  'adaptive-pagerank': adaptivePagerank,
  'greedy-fragmentation': greedyFragmentation,
};

export const SWAP_SEARCH = 'swap-search' as const;
export const STRATEGY_NAMES = [
  'harm',
  'betweenness',
  'degree',
  'pagerank',
  'brokers-first',
  'adaptive-harm',
  'adaptive-betweenness',
  'adaptive-degree',
  'adaptive-pagerank',
  'greedy-fragmentation',
  SWAP_SEARCH,
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface PlanOptions {
  k: number;
  strategies: readonly string[];
  seed: number;
  /** Path weightings the path strategies run under (default: the analysis's own). */
  pathWeights?: readonly PathWeights[];
  /** Sampling of the betweenness computed for a weighting the analysis did not use. */
  paths?: Omit<PathSettings, 'seed'>;
}

export interface StrategyResult {
  strategy: StrategyName;
  /** What its shortest paths were measured in; null for a strategy that uses none. */
  pathWeights: PathWeights | null;
  /** Unique in a plan: the strategy, with /strength or /hops for a path strategy ("betweenness/hops"). */
  label: string;
  targets: (Target & { step: number })[];
  /** The network after each removal (curve[i]: after targets[0..i]). */
  curve: NetworkState[];
  /** Milliseconds to choose the targets (the curve not included). */
  ms: number;
  /** Swap search only: where it started, how many swaps it made and how many sets it evaluated. */
  search?: { from: string; swaps: number; evaluations: number };
}

export interface Plan {
  k: number;
  before: NetworkState;
  strategies: StrategyResult[];
  best: { strategy: StrategyName; pathWeights: PathWeights | null; label: string; largestComponentDrop: number; fragmentation: number } | null;
}

function rank(a: StrategyResult, b: StrategyResult, before: NetworkState): number {
  const last = (s: StrategyResult) => s.curve[s.curve.length - 1] ?? before;
  return last(a).largestComponent - last(b).largestComponent || last(b).fragmentation - last(a).fragmentation;
}

export function planDisruption(net: DisruptionNetwork, options: PlanOptions): Plan {
  const { k, seed } = options;
  const unknown = options.strategies.filter((s) => s !== SWAP_SEARCH && !(s in STRATEGIES));
  if (unknown.length > 0) throw new RangeError(`disruption/planner: unknown strategies ${unknown.join(', ')}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError('disruption/planner: k must be an integer ≥ 1');
  const removed = new Uint8Array(net.csr.n);
  const { fallenApart: _fallen, ...before } = networkState(net, removed);

  // A state depends on the set removed, not the order: strategies that share picks (degree and
  // adaptive degree, a strategy under both path weightings) share their states.
  const states = new Map<string, NetworkState>();
  const curveOf = (targets: readonly Target[]): NetworkState[] => {
    removed.fill(0);
    const set: number[] = [];
    return targets.map((target) => {
      removed[target.node] = 1;
      set.push(target.node);
      const key = [...set].sort((a, b) => a - b).join(',');
      let state = states.get(key);
      if (!state) {
        const { fallenApart: _fallen, ...measured } = networkState(net, removed);
        states.set(key, (state = measured));
      }
      return state;
    });
  };
  const weightings = [...new Set(options.pathWeights ?? [net.pathWeights])];
  if (weightings.length === 0) throw new RangeError('disruption/planner: pathWeights must name at least one weighting');
  const views = new Map<PathWeights, PathView>();
  const viewOf = (weights: PathWeights) => {
    let view = views.get(weights);
    if (!view) views.set(weights, (view = pathView(net, weights, { ...options.paths, seed })));
    return view;
  };
  const results: StrategyResult[] = [];
  for (const name of options.strategies) {
    if (name === SWAP_SEARCH) continue;
    const strategy = name as Exclude<StrategyName, typeof SWAP_SEARCH>;
    for (const weights of PATH_STRATEGIES.has(name) ? weightings : [null]) {
      // The first strategy under a weighting the analysis did not use carries its betweenness pass.
      const started = performance.now();
      const paths = viewOf(weights ?? net.pathWeights);
      const targets = STRATEGIES[strategy](net, { k, seed, paths });
      const ms = performance.now() - started;
      results.push({
        strategy,
        pathWeights: weights,
        label: weights ? `${strategy}/${weights}` : strategy,
        targets: targets.map((t, i) => ({ ...t, step: i + 1 })),
        curve: curveOf(targets),
        ms,
      });
    }
  }

  if (options.strategies.includes(SWAP_SEARCH)) {
    const started = performance.now();
    const start = [...results].sort((a, b) => rank(a, b, before))[0];
    // From the best set found (or the top of the harm list when no other strategy ran), with
    // every other strategy's picks and the top candidates by the static measures as the pool.
    const { measures, harm } = net.ranking;
    const from = start?.targets.map((t) => t.node) ?? byScore(net, harm.score).slice(0, k);
    const byPaths = weightings.flatMap((w) => [viewOf(w).harm, viewOf(w).betweenness]);
    const pool = [
      ...new Set([
        ...results.flatMap((r) => r.targets.map((t) => t.node)),
        ...[harm.score, ...byPaths, measures.degree, measures.separated].flatMap((score) => byScore(net, score).slice(0, 2 * k)),
      ]),
    ];
    const found = swapSearch(net, from, pool, start?.strategy ?? 'harm');
    const ms = performance.now() - started;
    results.push({
      strategy: SWAP_SEARCH,
      pathWeights: null,
      label: SWAP_SEARCH,
      targets: found.targets.map((t, i) => ({ ...t, step: i + 1 })),
      curve: curveOf(found.targets),
      ms,
      search: { from: start?.strategy ?? 'harm', swaps: found.swaps, evaluations: found.evaluations },
    });
  }

  const winner = results.filter((r) => r.targets.length > 0).sort((a, b) => rank(a, b, before))[0];
  const final = winner?.curve[winner.curve.length - 1];
  return {
    k,
    before,
    strategies: results,
    best:
      winner && final
        ? {
            strategy: winner.strategy,
            pathWeights: winner.pathWeights,
            label: winner.label,
            largestComponentDrop: before.largestComponent - final.largestComponent,
            fragmentation: final.fragmentation,
          }
        : null,
  };
}
