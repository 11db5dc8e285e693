import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyse } from '../../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../../src/analytics/projection/people.js';
import { type RankedNode, rankedNodes } from '../../../src/analytics/ranking.js';

/**
 * Explanations quote the numbers the score used. Over generated networks (links, payments in two
 * currencies, crossings with organisers, pilots, recruiters and deaths), every percentile an
 * explanation quotes is recomputed here from the ranking's own rows (the mid-rank percentile
 * among the ranked with a value above 0, by brute force), every share of the highest a
 * structural sub-measure quotes from the same rows, the structural component's raw value as
 * (2 × betweenness + PageRank + 2 × brokerage) / 5 of those shares, and the financial component from
 * the generated payments themselves: retained = received − passed on (at least 0), raw =
 * 2 × retained + received.
 */

const A = { se: 1, ia: 'A' };
const EUR_IN_GBP = 0.85;

const networks = fc.integer({ min: 4, max: 24 }).chain((people) => {
  const person = fc.integer({ min: 0, max: people - 1 });
  return fc.record({
    people: fc.constant(people),
    links: fc.array(fc.tuple(person, person, fc.integer({ min: 1, max: 20 })), { maxLength: people * 2 }),
    payments: fc.array(fc.record({ from: person, to: person, amount: fc.integer({ min: 1, max: 5_000_000 }), euro: fc.boolean() }), { maxLength: people }),
    crossings: fc.array(
      fc.record({
        organiser: person,
        pilot: person,
        recruiter: fc.option(person, { nil: null }),
        deaths: fc.integer({ min: 0, max: 3 }),
        passengers: fc.integer({ min: 10, max: 80 }),
      }),
      { maxLength: 4 },
    ),
  });
});

type Network = typeof networks extends fc.Arbitrary<infer T> ? T : never;

function project(net: Network) {
  const b = new PeopleProjectionBuilder();
  for (let p = 0; p < net.people; p++) b.node({ label: 'Person', id: `P${p}`, name: null, unresolved: false });
  for (const [from, to, count] of net.links) b.link({ from: `P${from}`, to: `P${to}`, type: 'COMMUNICATION', count, ...A });
  net.payments.forEach((pay, k) => {
    const party = (p: number) => [{ label: 'Person', id: `P${p}` }];
    b.payment({ id: `PAY${k}`, amount: pay.amount, currency: pay.euro ? 'EUR' : 'GBP', payers: party(pay.from), payees: party(pay.to), ...A });
  });
  net.crossings.forEach((c, k) => {
    const participants = [
      { id: `P${c.organiser}`, role: 'ORGANISED' as const, ...A },
      { id: `P${c.pilot}`, role: 'PILOTED' as const, ...A },
      ...(c.recruiter === null ? [] : [{ id: `P${c.recruiter}`, role: 'RECRUITED_FOR' as const, ...A }]),
    ];
    b.crossing({ id: `X${k}`, passengers: c.passengers, deaths: c.deaths, injuries: 0, route: null, departedFrom: null, vessels: [], participants, ...A });
  });
  return b.finish();
}

/** Mid-rank percentile of `value` among the positive `values`, counted one by one. */
function midRank(values: readonly number[], value: number): { percentile: number; among: number } {
  const positives = values.filter((v) => v > 0);
  if (!(value > 0)) return { percentile: 0, among: positives.length };
  const below = positives.filter((v) => v < value).length;
  const equal = positives.filter((v) => v === value).length;
  return { percentile: (below + equal / 2 + 0.5) / positives.length, among: positives.length };
}

const shown = (p: number) => (p > 0 ? Math.max(1, Math.round(100 * p)) : 0);

/** What the financial component ranks, from the payments alone (pence; euros converted per person and currency, then rounded). */
function financialRaw(net: Network): number[] {
  const sums = Array.from({ length: net.people }, () => ({ in: { GBP: 0, EUR: 0 }, out: { GBP: 0, EUR: 0 } }));
  for (const pay of net.payments) {
    if (pay.from === pay.to) continue; // between one's own accounts: neither received nor passed on
    const currency = pay.euro ? 'EUR' : 'GBP';
    sums[pay.to]!.in[currency] += pay.amount;
    sums[pay.from]!.out[currency] += pay.amount;
  }
  const gbp = (s: { GBP: number; EUR: number }) => s.GBP + Math.round(s.EUR * EUR_IN_GBP);
  return sums.map((s) => 2 * Math.max(0, gbp(s.in) - gbp(s.out)) + gbp(s.in));
}

function componentOf(row: RankedNode, c: string) {
  return row.components.find((x) => x.component === c)!;
}

describe('explanations quote the percentiles the score used', () => {
  it('every percentile in every sentence equals the component or sub-measure it names, over the same population', async () => {
    let sharesQuoted = 0;
    await fc.assert(
      fc.asyncProperty(networks, async (net) => {
        const rows = rankedNodes((await analyse(project(net))).ranking).filter((r) => r.rank !== null);
        const values = {
          betweenness: rows.map((r) => r.measures.betweenness),
          PageRank: rows.map((r) => r.measures.pagerank),
          brokerage: rows.map((r) => r.measures.participation + (r.measures.articulationPoint ? 1 : 0)),
        };
        const highest = Object.fromEntries(Object.entries(values).map(([m, list]) => [m, Math.max(0, ...list)])) as Record<keyof typeof values, number>;
        const share = (m: keyof typeof values, i: number) => (highest[m] > 0 ? values[m][i]! / highest[m] : 0);
        const structural = rows.map((r, i) => (r.measures.degree > 0 ? (2 * share('betweenness', i) + share('PageRank', i) + 2 * share('brokerage', i)) / 5 : 0));
        const components = { structural: 'structural', operational: 'operational', financial: 'financial', 'threat-to-life': 'threatToLife' } as const;
        const raw = financialRaw(net);
        const financial = rows.map((r) => raw[Number(r.id.slice(1))]!);

        for (const row of rows) {
          // The financial component, from the payments.
          expect(componentOf(row, 'financial').value).toBeCloseTo(midRank(financial, raw[Number(row.id.slice(1))]!).percentile, 12);

          // The structural component, from the shares of the highest.
          expect(componentOf(row, 'structural').value).toBeCloseTo(midRank(structural, structural[rows.indexOf(row)]!).percentile, 12);

          const quoted = new Set<string>();
          for (const sentence of row.explanation) {
            for (const [, measure, percent] of sentence.matchAll(/([\w-]+) percentile \d+ of the \d+ with any; (\d+)% of the highest/g)) {
              expect(Number(percent), `${row.key}: ${sentence}`).toBe(shown(share(measure as keyof typeof values, rows.indexOf(row))));
              sharesQuoted++;
            }
            for (const [, measure, percentile, among] of sentence.matchAll(/([\w-]+) percentile (\d+) of the (\d+) with any/g)) {
              quoted.add(measure!);
              let expected: { percentile: number; among: number };
              if (measure! in components) {
                const c = components[measure as keyof typeof components];
                const all = rows.map((r) => componentOf(r, c).value);
                expected = { percentile: componentOf(row, c).value, among: all.filter((v) => v > 0).length };
                expect(expected.percentile, `${row.key}: ${sentence}`).toBeCloseTo(midRank(all, componentOf(row, c).value).percentile, 12);
              } else {
                const list = values[measure as keyof typeof values];
                expect(list, `unknown measure in "${sentence}"`).toBeDefined();
                expected = midRank(list, list[rows.indexOf(row)]!);
              }
              expect(Number(percentile), `${row.key}: ${sentence}`).toBe(shown(expected.percentile));
              expect(Number(among), `${row.key}: ${sentence}`).toBe(expected.among);
            }
            const bridged = /^ties into (\d+) other communit/.exec(sentence);
            if (bridged) expect(Number(bridged[1])).toBe(row.measures.communitiesBridged);
          }
          // Every component that adds to the score is explained by its own percentile.
          for (const [label, c] of Object.entries(components)) {
            if (componentOf(row, c).contribution > 0) expect(quoted.has(label), `${row.key} lacks its ${label} percentile: ${row.explanation.join('; ')}`).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(sharesQuoted).toBeGreaterThan(0);
  });
});
