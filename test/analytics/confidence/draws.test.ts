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

// Two groups of four, each closely tied, joined through X; X's tie to the second group rests on one
// report graded D3 (confidence 0.5 × 0.5 = 0.25): kept in about a quarter of the draws.
const CLIQUE = (p: string): Link[] => [
  [`${p}1`, `${p}2`, 3, 'A', 1],
  [`${p}1`, `${p}3`, 3, 'A', 1],
  [`${p}1`, `${p}4`, 3, 'A', 1],
  [`${p}2`, `${p}3`, 3, 'A', 1],
  [`${p}2`, `${p}4`, 3, 'A', 1],
  [`${p}3`, `${p}4`, 3, 'A', 1],
];
const WEAK: Link = ['B1', 'X', 4, 'D', 3];
const BARBELL: Link[] = [...CLIQUE('A'), ...CLIQUE('B'), ['A1', 'X', 4, 'A', 1], WEAK];

const SPEC: ConfidenceSpec = { draws: 200, dropout: 0, grading: true, seed: 7, top: 1 };

const rankOf = async (projection: Projection, id: string) => {
  const result = await analyse(projection, { exactBetweennessUpTo: 1000 }, { pathHelpers: 0 });
  const position = Array.from(result.ranking.order).findIndex((i) => result.ranking.nodes[i]!.id === id);
  return position + 1;
};

describe('analytics/confidence: resampling', () => {
  it('keeps every fact graded A1 in every draw and marks the ties kept', () => {
    const projection = network(BARBELL);
    expect(projection.facts!.tie.length).toBe(BARBELL.length);
    const m = projection.ties.source.length;
    const weak = projection.ties.strength.findIndex(
      (_, t) => projection.nodes[projection.ties.target[t]!]!.id === 'X' && projection.nodes[projection.ties.source[t]!]!.id === 'B1',
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
    // 500 × 14 ties at 0.8: mean 5600, sd 30; ±5 sd.
    expect(Math.abs(kept - 5600)).toBeLessThan(150);
  });

  it('refuses to resample by grading without the facts', () => {
    const projection = network(BARBELL, false);
    expect(() => resampleTies(projection.ties, projection.facts, { grading: true, dropout: 0 }, createRng(1), new Uint8Array(2))).toThrow(/gatherFacts/);
  });
});

describe('analytics/confidence: draws and their summary', () => {
  it('ranks every draw as the engine ranks the network it resampled', async () => {
    const projection = network(BARBELL);
    const without = network(BARBELL.filter((link) => link !== WEAK));
    const n = projection.nodes.length;
    const sources = drawSources(n, n, SPEC.seed);
    expect(sources.length).toBe(n);
    const chunk = runDraws(projection, DEFAULTS, SPEC, sources, 0, SPEC.draws);
    const x = projection.nodes.findIndex((node) => node.id === 'X');
    const withRank = await rankOf(projection, 'X');
    const withoutRank = await rankOf(without, 'X');
    expect(withRank).toBe(1);
    expect(withoutRank).toBeGreaterThan(1);
    const seen = new Set<number>();
    for (let d = 0; d < SPEC.draws; d++) seen.add(chunk.ranks[d * n + x]!);
    expect([...seen].sort()).toEqual([withRank, withoutRank].sort());

    const c = summariseDraws(
      projection,
      Uint8Array.from(projection.nodes, () => 1),
      [chunk],
      { ...SPEC, sourcesPerDraw: n },
    );
    const [dependency] = c.dependsOn.get(x)!;
    expect(projection.nodes[dependency!.other]!.id).toBe('B1');
    expect(dependency!.medianWith).toBe(withRank);
    expect(dependency!.medianWithout).toBe(withoutRank);
    // Kept in a quarter of draws: X is first exactly then.
    expect(c.inTop[x]).toBeCloseTo(dependency!.keptIn, 10);
    expect(Math.abs(dependency!.keptIn - 0.25)).toBeLessThan(0.16);
    expect(c.median[x]).toBe(withoutRank);
    expect(c.low[x]).toBe(withRank);
    expect(c.high[x]).toBe(withoutRank);
    // A1 ties are kept in every draw: no rank depends on them, and nobody is first in 90% of draws.
    for (const deps of c.dependsOn.values()) for (const d of deps) expect(d.tie).toBe(dependency!.tie);
    expect(c.stableCore).toEqual([]);
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

  it('puts a rank with no uncertainty in its facts in the stable core', async () => {
    // Every fact A1, no dropout worth naming: X is first in every draw.
    const solid = network(BARBELL.map((link) => (link === WEAK ? (['B1', 'X', 4, 'A', 1] as const) : link)));
    const n = solid.nodes.length;
    const chunk = runDraws(solid, DEFAULTS, { ...SPEC, draws: 20 }, drawSources(n, n, 1), 0, 20);
    const c = summariseDraws(
      solid,
      Uint8Array.from(solid.nodes, () => 1),
      [chunk],
      { ...SPEC, draws: 20, sourcesPerDraw: n },
    );
    const x = solid.nodes.findIndex((node) => node.id === 'X');
    expect(c.stableCore).toEqual([x]);
    expect([c.low[x], c.median[x], c.high[x], c.inTop[x]]).toEqual([1, 1, 1, 1]);
    expect(c.dependsOn.get(x)).toEqual([]);
    expect(await rankOf(solid, 'X')).toBe(1);
  });
});
