import { describe, expect, it } from 'vitest';

import { type Plan, planDisruption, STRATEGY_NAMES } from '../../src/disruption/planner.js';
import { handNetwork, indexOf, keyOf } from '../support/disruption.js';
import { communityNetwork } from '../support/random-graph.js';

const clique = (members: string[]) => members.flatMap((u, i) => members.slice(i + 1).map((v) => [u, v] as const));
const group = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Two cliques of five joined by one broker B, tied to A1 and C1. */
const TWO_CLIQUES = { ties: [...clique(group('A', 5)), ...clique(group('C', 5)), ['A1', 'B'], ['B', 'C1']] as const };
/** Hub H tied to four sub-hubs S1..S4, each with three leaves. */
const STAR_OF_STARS = {
  ties: [1, 2, 3, 4].flatMap((s) => [['H', `S${s}`] as const, ...[1, 2, 3].map((l) => [`S${s}`, `L${s}${l}`] as const)]),
};

const last = (plan: Plan, strategy: string) => {
  const result = plan.strategies.find((s) => s.strategy === strategy)!;
  return result.curve[result.curve.length - 1]!;
};
const picks = (plan: Plan, strategy: string) => plan.strategies.find((s) => s.strategy === strategy)!.targets.map((t) => t.node);

describe('planDisruption', () => {
  it('removes the broker between two cliques first', async () => {
    const net = await handNetwork(TWO_CLIQUES);
    const plan = planDisruption(net, { k: 1, strategies: STRATEGY_NAMES, seed: 1 });
    const broker = indexOf(net, 'B');
    for (const strategy of ['greedy-fragmentation', 'adaptive-betweenness', 'betweenness', 'swap-search']) expect(picks(plan, strategy), strategy).toEqual([broker]);
    // Degree sees a clique member (5 ties) before the broker (2).
    expect(keyOf(net, picks(plan, 'degree')[0]!)).toMatch(/^person:[AC]1$/);
    expect(plan.before).toMatchObject({ largestComponent: 11, components: 1, fragmentation: 0, removed: 0 });
    expect(last(plan, 'greedy-fragmentation')).toMatchObject({ largestComponent: 5, components: 2, removed: 1 });
    expect(last(plan, 'greedy-fragmentation').fragmentation).toBeCloseTo(1 - 40 / 90, 12);
    // Every strategy that removes B first ties; the first of them in the list is named.
    const first = plan.strategies.find((s) => s.targets[0]!.node === broker)!.strategy;
    expect(plan.best).toEqual({
      strategy: first,
      pathWeights: plan.strategies.find((s) => s.strategy === first)!.pathWeights,
      label: plan.strategies.find((s) => s.strategy === first)!.label,
      largestComponentDrop: 6,
      fragmentation: last(plan, first).fragmentation,
    });
    const reason = plan.strategies.find((s) => s.strategy === 'greedy-fragmentation')!.targets[0]!.reason;
    expect(reason).toBe('raises fragmentation the most of anyone left: 0 → 0.556');
  });

  it('takes a star of stars apart from the hub, then the sub-hubs', async () => {
    const net = await handNetwork(STAR_OF_STARS);
    const plan = planDisruption(net, { k: 5, strategies: ['greedy-fragmentation', 'adaptive-betweenness', 'adaptive-degree', 'swap-search'], seed: 1 });
    const hubs = ['H', 'S1', 'S2', 'S3', 'S4'].map((id) => indexOf(net, id));
    for (const strategy of ['greedy-fragmentation', 'adaptive-betweenness', 'adaptive-degree']) {
      expect(picks(plan, strategy)[0], strategy).toBe(hubs[0]);
      expect(new Set(picks(plan, strategy)), strategy).toEqual(new Set(hubs));
    }
    const curve = plan.strategies.find((s) => s.strategy === 'greedy-fragmentation')!.curve;
    expect(curve.map((state) => state.largestComponent)).toEqual([4, 4, 4, 4, 1]);
    expect(curve.map((state) => state.components)).toEqual([4, 6, 8, 10, 12]);
    expect(curve[4]!.fragmentation).toBe(1);
    expect(plan.best?.largestComponentDrop).toBe(16);
  });

  it('follows payments and crossings through the removals', async () => {
    const net = await handNetwork({
      ...TWO_CLIQUES,
      payments: [
        ['B', 'A2', 1000],
        ['A3', 'A4', 500],
      ],
      crossings: { X1: ['B', 'A1'], X2: ['B'] },
    });
    const plan = planDisruption(net, { k: 2, strategies: ['betweenness'], seed: 1 });
    expect(picks(plan, 'betweenness').map((v) => keyOf(net, v))).toEqual(['person:B', expect.stringMatching(/^person:[AC]1$/)]);
    expect(plan.before).toMatchObject({ paymentVolumeConnected: 1, crossingsStopped: 0 });
    const [first, second] = plan.strategies[0]!.curve;
    expect(first).toMatchObject({ paymentVolumeConnected: 1 / 3, crossingsStopped: 1 });
    expect(second!.crossingsStopped).toBe(keyOf(net, picks(plan, 'betweenness')[1]!) === 'person:A1' ? 2 : 1);
    expect(first!.distanceFragmentation).not.toBeNull();
  });

  it('never names a best strategy worse than any strategy it compared, and repeats itself for a seed', async () => {
    const { graph } = communityNetwork({ nodes: 300, seed: 4 });
    const ties = graph.mapEdges((_e, _a, u, v) => [u, v] as const);
    const net = await handNetwork({ ties });
    const run = () => planDisruption(net, { k: 6, strategies: STRATEGY_NAMES, seed: 3 });
    const plan = run();
    expect(plan.strategies.map((s) => s.strategy)).toEqual([...STRATEGY_NAMES]);
    const drops = plan.strategies.map((s) => plan.before.largestComponent - s.curve[s.curve.length - 1]!.largestComponent);
    expect(plan.best!.largestComponentDrop).toBe(Math.max(...drops));
    const search = plan.strategies.find((s) => s.strategy === 'swap-search')!;
    expect(plan.before.largestComponent - last(plan, 'swap-search').largestComponent).toBe(Math.max(...drops));
    expect(search.search!.evaluations).toBeGreaterThan(0);
    for (const s of plan.strategies) expect(s.targets.map((t) => t.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const strip = (p: Plan) => ({ ...p, strategies: p.strategies.map(({ ms: _ms, ...s }) => s) });
    expect(strip(run())).toStrictEqual(strip(plan));
  });

  it('refuses unknown strategies and a k below 1', async () => {
    const net = await handNetwork(TWO_CLIQUES);
    expect(() => planDisruption(net, { k: 1, strategies: ['harm', 'coin-toss'], seed: 1 })).toThrow(/^disruption\/planner: unknown strategies coin-toss/);
    expect(() => planDisruption(net, { k: 0, strategies: ['harm'], seed: 1 })).toThrow(/k must be an integer ≥ 1/);
  });
});
