import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { writeEdgeList } from '../../bench/harness/edge-list.js';
import { findPython } from '../../bench/harness/python.js';
import { type Plan, planDisruption } from '../../src/disruption/planner.js';
import { fractionOf } from '../../src/disruption/task.js';
import { handNetwork, keyOf } from '../support/disruption.js';
import { communityNetwork } from '../support/random-graph.js';

/**
 * Plans measure shortest paths in tie strength, in hops, or both compared. networkx replays the
 * hops strategies step by step (bench/reference/disruption_reference.py, its own
 * betweenness_centrality with every tie 1 long) and checks every curve.
 */

const REFERENCE = fileURLToPath(new URL('../../bench/reference/disruption_reference.py', import.meta.url));
const run = promisify(execFile);

/** A ring of six with a hub H on two strong ties (50 calls) and two leaves; the rest weak (1 call). */
const ROUTES = {
  ties: [
    ['A1', 'A2', 1],
    ['A2', 'A3', 1],
    ['A3', 'B3', 1],
    ['B3', 'B2', 1],
    ['B2', 'B1', 1],
    ['H', 'A1', 50],
    ['H', 'B1', 50],
    ['A1', 'B1', 1],
    ['L1', 'A3', 1],
    ['L2', 'B3', 1],
  ] as const,
};

const labels = (plan: Plan) => plan.strategies.map((s) => s.label);

describe('plans under both path weightings', () => {
  it('runs the path strategies under strength and hops, once each; the others once; best chooses over all', async () => {
    const net = await handNetwork(ROUTES);
    const plan = planDisruption(net, { k: 2, strategies: ['betweenness', 'degree', 'adaptive-betweenness', 'harm'], seed: 1, pathWeights: ['strength', 'hops'] });
    expect(labels(plan)).toEqual([
      'betweenness/strength',
      'betweenness/hops',
      'degree',
      'adaptive-betweenness/strength',
      'adaptive-betweenness/hops',
      'harm/strength',
      'harm/hops',
    ]);
    expect(plan.strategies.map((s) => s.pathWeights)).toEqual(['strength', 'hops', null, 'strength', 'hops', 'strength', 'hops']);
    const final = (s: Plan['strategies'][number]) => s.curve.at(-1)!;
    const smallest = Math.min(...plan.strategies.map((s) => final(s).largestComponent));
    expect(plan.best!.largestComponentDrop).toBe(plan.before.largestComponent - smallest);
    const winner = plan.strategies.find((s) => s.label === plan.best!.label)!;
    expect(final(winner).largestComponent).toBe(smallest);
    expect(plan.best!.pathWeights).toBe(winner.pathWeights);
    expect(plan.strategies.find((s) => s.label === 'betweenness/hops')!.targets[0]!.reason).toMatch(/^betweenness in hops /);
  });

  it('measures betweenness in hops as networkx does without weights, and in strength along the strong ties', async () => {
    // Two triangles joined by X (two weak ties) and by Y1–Y2 (three strong ties). networkx 3.6.1:
    // unweighted, A1 = C1 = 0.464 > X = 0.321 > Y1 = Y2 = 0.107; with length 1 / strength,
    // A1 = C1 = 0.464 > Y1 = Y2 = 0.429 > X = 0.
    const net = await handNetwork({
      ties: [
        ['A1', 'A2', 5],
        ['A2', 'A3', 5],
        ['A1', 'A3', 5],
        ['C1', 'C2', 5],
        ['C2', 'C3', 5],
        ['C1', 'C3', 5],
        ['A1', 'X', 1],
        ['X', 'C1', 1],
        ['A1', 'Y1', 50],
        ['Y1', 'Y2', 50],
        ['Y2', 'C1', 50],
      ],
    });
    const plan = planDisruption(net, { k: 3, strategies: ['betweenness'], seed: 1, pathWeights: ['strength', 'hops'] });
    const order = (label: string) => plan.strategies.find((s) => s.label === label)!.targets.map((t) => keyOf(net, t.node));
    expect(order('betweenness/hops')).toEqual(['person:A1', 'person:C1', 'person:X']);
    expect(order('betweenness/strength')).toEqual(['person:A1', 'person:C1', 'person:Y1']);
    const hops = plan.strategies.find((s) => s.label === 'betweenness/hops')!.targets;
    expect(net.nodes[hops[2]!.node]!.id).toBe('X');
    expect(hops[2]!.reason).toBe('betweenness in hops 0.3214, 3rd in the intact network');
  });

  it('follows the analysis’s own weighting when one is named', async () => {
    const net = await handNetwork(ROUTES);
    const plan = planDisruption(net, { k: 1, strategies: ['betweenness', 'degree'], seed: 1 });
    expect(labels(plan)).toEqual(['betweenness/strength', 'degree']);
    expect(() => planDisruption(net, { k: 1, strategies: ['degree'], seed: 1, pathWeights: [] })).toThrow(/pathWeights must name at least one/);
  });

  it('rounds a fractional budget to the nearest count, at least 1', () => {
    expect(fractionOf(0.05, 101)).toBe(5);
    expect(fractionOf(0.05, 110)).toBe(6);
    expect(fractionOf(0.001, 101)).toBe(1);
    expect(fractionOf(0.5, 3)).toBe(2);
  });

  it('agrees with networkx step by step on the hops strategies of a 150-person network', async () => {
    const python = await findPython('networkx');
    expect(python, 'python3 with networkx (.ci/run installs it)').toBeTruthy();
    const { graph } = communityNetwork({ nodes: 150, communities: 6, seed: 11 });
    const net = await handNetwork({ ties: graph.mapEdges((_e, a, u, v) => [u, v, a.weight as number] as const) });
    const k = 8;
    const plan = planDisruption(net, { k, strategies: ['betweenness', 'adaptive-betweenness', 'degree', 'harm'], seed: 1, pathWeights: ['strength', 'hops'] });

    const dir = await mkdtemp(join(tmpdir(), 'sna-hops-replay-'));
    try {
      const n = net.csr.n;
      await writeEdgeList(join(dir, 'edges.txt'), n, { source: net.ties.source, target: net.ties.target, strength: new Float64Array(net.ties.source.length).fill(1) });
      const candidates = Array.from({ length: n }, (_, v) => v).filter((v) => net.candidate[v]);
      const orders = Object.fromEntries(plan.strategies.map((s) => [s.label, s.targets.map((t) => t.node)]));
      await writeFile(join(dir, 'orders.json'), JSON.stringify({ candidates, orders, replay: { 'betweenness/hops': 'static', 'adaptive-betweenness/hops': 'adaptive' } }));
      await run(python!.command, [REFERENCE, '--edges', join(dir, 'edges.txt'), '--orders', join(dir, 'orders.json'), '--budget-s', '0', '--out', join(dir, 'out.json')]);
      const ref = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as {
        curves: Record<string, { largest: number; fragmentation: number }[]>;
        replay: Record<string, { pick: number; value: number; best: number }[]>;
      };
      for (const label of ['betweenness/hops', 'adaptive-betweenness/hops']) {
        const steps = ref.replay[label]!;
        expect(steps).toHaveLength(k);
        steps.forEach((step, i) => expect(step.value, `${label} step ${i + 1}: picked ${step.pick}`).toBeGreaterThanOrEqual(step.best * (1 - 1e-9)));
        // Not a degenerate network: the picks broker something.
        expect(steps[0]!.best).toBeGreaterThan(0);
      }
      for (const s of plan.strategies) {
        s.curve.forEach((state, i) => {
          const theirs = ref.curves[s.label]![i]!;
          expect([state.largestComponent, state.fragmentation], `${s.label} step ${i + 1}`).toEqual([theirs.largest, expect.closeTo(theirs.fragmentation, 9)]);
        });
      }
      // Hops and strength pick differently here: the comparison is not of one list with itself.
      expect(orders['betweenness/hops']).not.toEqual(orders['betweenness/strength']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
