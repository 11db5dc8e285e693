import { describe, expect, it } from 'vitest';

import { drawSources, runDraws } from '../../../src/analytics/confidence/draws.js';
import { isPresent, resampleTies } from '../../../src/analytics/confidence/resample.js';
import type { ConfidenceSpec } from '../../../src/analytics/confidence/spec.js';
import { summariseDraws } from '../../../src/analytics/confidence/summary.js';
import { analyse, DEFAULTS } from '../../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../../src/analytics/projection/people.js';
import type { Projection } from '../../../src/analytics/projection/types.js';
import { createRng } from '../../../src/shared/rng.js';

/**
 * Rank confidence's draws, checked against what the engine itself says of the networks a draw
 * can be: where every fact but one is graded A1 (kept in every draw), a draw is either the
 * network as reported or the network without that one fact, so each draw's ranks must be the
 * engine's ranks on one of those two networks, and how often the fact was kept follows its
 * grading (binomial bounds).
 */

type Link = readonly [string, string, number, 'A' | 'D', 1 | 3];

function network(links: readonly Link[], gatherFacts = true): Projection {
  const b = new PeopleProjectionBuilder({ gatherFacts });
  for (const id of [...new Set(links.flatMap(([a, c]) => [a, c]))].sort()) b.node({ label: 'Person', id, name: `Name ${id}`, unresolved: false });
  for (const [from, to, count, ia, se] of links) b.link({ from, to, type: 'MEETING', count, ia, se });
  return b.finish();
}

// Three groups of four, each closely tied, joined through X; X's tie to the third group rests on one
// report graded D3 (confidence 0.5 × 0.5 = 0.25): kept in about a quarter of the draws.
const CLIQUE = (p: string): Link[] => [
  [`${p}1`, `${p}2`, 3, 'A', 1],
  [`${p}1`, `${p}3`, 3, 'A', 1],
  [`${p}1`, `${p}4`, 3, 'A', 1],
  [`${p}2`, `${p}3`, 3, 'A', 1],
  [`${p}2`, `${p}4`, 3, 'A', 1],
  [`${p}3`, `${p}4`, 3, 'A', 1],
];
const WEAK: Link = ['C1', 'X', 4, 'D', 3];
const BARBELL: Link[] = [...CLIQUE('A'), ...CLIQUE('B'), ...CLIQUE('C'), ['A1', 'X', 4, 'A', 1], ['B1', 'X', 4, 'A', 1], WEAK];

const SPEC: ConfidenceSpec = { draws: 200, dropout: 0, grading: true, seed: 7, top: 1 };

describe('analytics/confidence: resampling', () => {
  it('keeps every fact graded A1 in every draw and marks the ties kept', () => {
    const projection = network(BARBELL);
    expect(projection.facts!.tie.length).toBe(BARBELL.length);
    const m = projection.ties.source.length;
    const weak = projection.ties.strength.findIndex(
      (_, t) => projection.nodes[projection.ties.target[t]!]!.id === 'X' && projection.nodes[projection.ties.source[t]!]!.id === 'C1',
    );
    let keptWeak = 0;
    const rng = createRng(3);
    for (let d = 0; d < 400; d++) {
      const present = new Uint8Array(Math.ceil(m / 8));
      const kept = resampleTies(projection.ties, projection.facts, { grading: true, dropout: 0 }, rng, present);
      for (let t = 0; t < m; t++) if (t !== weak) expect(isPresent(present, t)).toBe(true);
      keptWeak += isPresent(present, weak) ? 1 : 0;
      expect(kept.source.length).toBe(isPresent(present, weak) ? m : m - 1);
    }
    // Binomial(400, 0.25): mean 100, sd 8.7; ±5 sd.
    expect(keptWeak).toBeGreaterThan(100 - 44);
    expect(keptWeak).toBeLessThan(100 + 44);
  });

  it('drops ties at the dropout rate when grading is off, and strengths are the ties’ own', () => {
    const projection = network(BARBELL, false);
    const m = projection.ties.source.length;
    let kept = 0;
    const rng = createRng(5);
    for (let d = 0; d < 500; d++) {
      const present = new Uint8Array(Math.ceil(m / 8));
      const ties = resampleTies(projection.ties, undefined, { grading: false, dropout: 0.2 }, rng, present);
      kept += ties.source.length;
      for (let k = 0; k < ties.source.length; k++) {
        const t = Array.from(projection.ties.source).findIndex((s, i) => s === ties.source[k] && projection.ties.target[i] === ties.target[k]);
        expect(ties.strength[k]).toBe(projection.ties.strength[t]);
      }
    }
    // 500 × 21 ties at 0.8: mean 8400, sd 37; ±5 sd.
    expect(Math.abs(kept - 8400)).toBeLessThan(185);
  });

  it('refuses to resample by grading without the facts', () => {
    const projection = network(BARBELL, false);
    expect(() => resampleTies(projection.ties, projection.facts, { grading: true, dropout: 0 }, createRng(1), new Uint8Array(2))).toThrow(/gatherFacts/);
  });
});

describe('analytics/confidence: draws and their summary', () => {
  const ranksOf = async (projection: Projection) => {
    const result = await analyse(projection, { exactBetweennessUpTo: 1000 }, { pathHelpers: 0 });
    const ranks = new Map<string, number>();
    Array.from(result.ranking.order).forEach((i, position) => ranks.set(result.ranking.nodes[i]!.id, position + 1));
    return ranks;
  };

  it('ranks every draw as the engine ranks the network it resampled', async () => {
    const projection = network(BARBELL);
    const without = network(BARBELL.filter((link) => link !== WEAK));
    const n = projection.nodes.length;
    const sources = drawSources(n, n, SPEC.seed);
    expect(sources.length).toBe(n);
    const asReported = await ranksOf(projection);
    const withoutWeak = await ranksOf(without);
    const withRank = asReported.get('X')!;
    const withoutRank = withoutWeak.get('X')!;
    // The premise: X stands higher with its weak tie than without it.
    expect(withoutRank).toBeGreaterThan(withRank);
    const spec = { ...SPEC, top: withRank };
    const chunk = runDraws(projection, DEFAULTS, spec, sources, 0, spec.draws);
    const x = projection.nodes.findIndex((node) => node.id === 'X');
    const seen = new Set<number>();
    for (let d = 0; d < spec.draws; d++) seen.add(chunk.ranks[d * n + x]!);
    expect([...seen].sort()).toEqual([withRank, withoutRank].sort());
    // Every node's rank in every draw is its rank in one of the two networks.
    for (let d = 0; d < spec.draws; d++) {
      const kept = chunk.ranks[d * n + x] === withRank ? asReported : withoutWeak;
      for (let i = 0; i < n; i++) expect(chunk.ranks[d * n + i], projection.nodes[i]!.id).toBe(kept.get(projection.nodes[i]!.id));
    }

    const c = summariseDraws(
      projection,
      Uint8Array.from(projection.nodes, () => 1),
      [chunk],
      { ...spec, sourcesPerDraw: n },
    );
    const [dependency] = c.dependsOn.get(x)!;
    expect(projection.nodes[dependency!.other]!.id).toBe('C1');
    expect(dependency!.medianWith).toBe(withRank);
    expect(dependency!.medianWithout).toBe(withoutRank);
    // Kept in a quarter of draws (binomial(200, 0.25): sd 0.031; ±5 sd): X is in the top k exactly then.
    expect(c.inTop[x]).toBeCloseTo(dependency!.keptIn, 10);
    expect(Math.abs(dependency!.keptIn - 0.25)).toBeLessThan(0.16);
    expect(c.median[x]).toBe(withoutRank);
    expect(c.low[x]).toBe(withRank);
    expect(c.high[x]).toBe(withoutRank);
    // A1 ties are kept in every draw: no rank depends on them.
    for (const deps of c.dependsOn.values()) for (const d of deps) expect(d.tie).toBe(dependency!.tie);
    // The stable core: in the top k of both networks (so of every draw); X is not (a quarter of draws).
    const core = projection.nodes.map((node, i) => [node.id, i] as const).filter(([id]) => asReported.get(id)! <= spec.top && withoutWeak.get(id)! <= spec.top);
    expect(c.stableCore.slice().sort()).toEqual(core.map(([, i]) => i).sort());
    expect(c.stableCore).not.toContain(x);
  });

  it('gives the same draws whichever chunks compute them', () => {
    const projection = network(BARBELL);
    const n = projection.nodes.length;
    const sources = drawSources(n, n, 1);
    const spec = { ...SPEC, draws: 12, dropout: 0.3 };
    const whole = runDraws(projection, DEFAULTS, spec, sources, 0, 12);
    const parts = [runDraws(projection, DEFAULTS, spec, sources, 0, 5), runDraws(projection, DEFAULTS, spec, sources, 5, 7)];
    expect(Array.from(parts[0]!.ranks).concat(Array.from(parts[1]!.ranks))).toEqual(Array.from(whole.ranks));
    const ranked = Uint8Array.from(projection.nodes, () => 1);
    const a = summariseDraws(projection, ranked, [whole], { ...spec, sourcesPerDraw: n });
    const b = summariseDraws(projection, ranked, parts.reverse(), { ...spec, sourcesPerDraw: n });
    expect(Array.from(b.median)).toEqual(Array.from(a.median));
    expect(Array.from(b.inTop)).toEqual(Array.from(a.inTop));
  });

  it('puts every rank with no uncertainty in its facts in the stable core, its interval one rank wide', async () => {
    // Every fact graded A1 and no dropout: every draw is the network as reported.
    const solid = network(BARBELL.map((link) => (link === WEAK ? (['C1', 'X', 4, 'A', 1] as const) : link)));
    const n = solid.nodes.length;
    const ranks = await ranksOf(solid);
    const spec = { ...SPEC, draws: 20, top: 3 };
    const chunk = runDraws(solid, DEFAULTS, spec, drawSources(n, n, 1), 0, 20);
    const c = summariseDraws(
      solid,
      Uint8Array.from(solid.nodes, () => 1),
      [chunk],
      { ...spec, sourcesPerDraw: n },
    );
    for (let i = 0; i < n; i++) {
      const rank = ranks.get(solid.nodes[i]!.id)!;
      expect([c.low[i], c.median[i], c.high[i], c.inTop[i]]).toEqual([rank, rank, rank, rank <= 3 ? 1 : 0]);
      expect(c.dependsOn.get(i) ?? []).toEqual([]);
    }
    expect(c.stableCore.map((i) => ranks.get(solid.nodes[i]!.id))).toEqual([1, 2, 3]);
  });
});
