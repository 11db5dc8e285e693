import { describe, expect, it } from 'vitest';

import { PeopleProjectionBuilder } from '../../../src/analytics/projection/people.js';
import type { NodeRow } from '../../../src/analytics/projection/rows.js';
import { kindColumn, TooManyTiesError } from '../../../src/analytics/projection/tie-accumulator.js';
import type { Projection } from '../../../src/analytics/projection/types.js';
import { TIE_KINDS } from '../../../src/analytics/weights.js';

// Grading 1A has confidence 1, so strengths below are the affinities of weights.ts.
const A = { se: 1, ia: 'A' };
const person = (id: string): NodeRow => ({ label: 'Person', id, name: id, unresolved: false });
const org = (id: string): NodeRow => ({ label: 'Organisation', id, name: id, unresolved: false });

function tie(projection: Projection, a: string, b: string) {
  const keys = projection.nodes.map((n) => n.key);
  const [i, j] = [keys.indexOf(a), keys.indexOf(b)].sort((x, y) => x - y);
  const t = [...projection.ties.source.keys()].find((k) => projection.ties.source[k] === i && projection.ties.target[k] === j);
  if (t === undefined) return undefined;
  const K = TIE_KINDS.length;
  const kinds = Object.fromEntries(TIE_KINDS.map((kind, k) => [kind, { count: projection.ties.kindCount[t * K + k]! }]).filter(([, v]) => (v as { count: number }).count > 0));
  return { strength: projection.ties.strength[t]!, money: projection.ties.money[t]!, kinds };
}

function ev(projection: Projection, key: string) {
  return projection.evidence[projection.nodes.findIndex((n) => n.key === key)];
}

function build(feed: (b: PeopleProjectionBuilder) => void, options = {}): Projection {
  const builder = new PeopleProjectionBuilder(options);
  for (const id of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) builder.node(person(id));
  builder.node(org('O1'));
  feed(builder);
  return builder.finish();
}

describe('people projection', () => {
  it('sums parallel payments into one tie, keeping the count and the money in GBP', () => {
    const p = build((b) => {
      b.payment({ id: 'PAY1', amount: 10000, currency: 'EUR', payers: [{ label: 'Person', id: 'P1' }], payees: [{ label: 'Person', id: 'P2' }], ...A });
      b.payment({ id: 'PAY2', amount: 5000, currency: 'GBP', payers: [{ label: 'Person', id: 'P2' }], payees: [{ label: 'Person', id: 'P1' }], ...A });
    });
    // Money in whole pence: €100.00 at 0.85 is 8,500p, plus £50.00.
    expect(tie(p, 'person:P1', 'person:P2')).toEqual({ strength: 2, money: 8500 + 5000, kinds: { payment: { count: 2 } } });
    expect(p.ties.source.length).toBe(1);
    expect(ev(p, 'person:P1')!.received.byCurrency).toEqual({ GBP: { amount: 5000, payments: 1 } });
    expect(ev(p, 'person:P1')!.passedOn.largest).toEqual([['PAY1', 'EUR', 10000]]);
  });

  it('splits a payment to an account across its holders, and keeps money between one holder’s accounts as a self-loop', () => {
    const p = build((b) => {
      b.payment({
        id: 'PAY1',
        amount: 100,
        currency: 'GBP',
        payers: [{ label: 'Person', id: 'P1' }],
        payees: [
          { label: 'Person', id: 'P2' },
          { label: 'Person', id: 'P3' },
        ],
        ...A,
      });
      b.payment({ id: 'PAY2', amount: 100, currency: 'GBP', payers: [{ label: 'Person', id: 'P4' }], payees: [{ label: 'Person', id: 'P4' }], ...A });
    });
    expect(tie(p, 'person:P1', 'person:P2')?.strength).toBeCloseTo(0.5, 12);
    expect(tie(p, 'person:P1', 'person:P3')?.strength).toBeCloseTo(0.5, 12);
    expect([tie(p, 'person:P1', 'person:P2')?.money, tie(p, 'person:P1', 'person:P3')?.money]).toEqual([50, 50]);
    expect(tie(p, 'person:P4', 'person:P4')).toMatchObject({ strength: 1, kinds: { payment: { count: 1 } } });
    // Moving money between one's own accounts is neither received nor passed on.
    expect(ev(p, 'person:P4')!.received.byCurrency).toEqual({});
  });

  it('splits money in whole pence, the odd ones to the first pairs by key, adding up to the payment', () => {
    const p = build((b) => {
      const people = (...ids: string[]) => ids.map((id) => ({ label: 'Person', id }));
      b.payment({ id: 'PAY1', amount: 101, currency: 'GBP', payers: people('P3', 'P1'), payees: people('P4', 'P2'), ...A });
      b.payment({ id: 'PAY2', amount: 7, currency: 'EUR', payers: people('P5'), payees: people('P6'), ...A });
    });
    // 101p four ways: 26p to P1–P2 (the first pair by key), 25p to the other three.
    expect([
      tie(p, 'person:P1', 'person:P2')?.money,
      tie(p, 'person:P1', 'person:P4')?.money,
      tie(p, 'person:P2', 'person:P3')?.money,
      tie(p, 'person:P3', 'person:P4')?.money,
    ]).toEqual([26, 25, 25, 25]);
    // 7 cents at 0.85 is 5.95p: 6p.
    expect(tie(p, 'person:P5', 'person:P6')?.money).toBe(6);
  });

  it('reports what it leaves out: an account with no holder, a currency with no rate, an end outside the scope', () => {
    const p = build((b) => {
      b.payment({ id: 'PAY1', amount: 100, currency: 'GBP', payers: [], payees: [{ label: 'Person', id: 'P2' }], ...A });
      b.payment({ id: 'PAY2', amount: 100, currency: 'XAU', payers: [{ label: 'Person', id: 'P1' }], payees: [{ label: 'Person', id: 'P2' }], ...A });
      b.link({ from: 'P1', to: 'P9', type: 'CONTACT', count: 1, ...A });
    });
    expect(p.dropped).toEqual([
      { reason: 'an end is outside the scope', count: 1 },
      { reason: 'payment in XAU: no exchange rate, amount left out of money flows (tie kept)', count: 1 },
      { reason: 'payment with no payer or payee in scope (an account with no known holder?)', count: 1 },
    ]);
    expect(tie(p, 'person:P1', 'person:P2')).toMatchObject({ strength: 1, money: 0 });
  });

  it('weighs a link by 1 + ln(count) and by the confidence of its grading', () => {
    const p = build((b) => {
      b.link({ from: 'P1', to: 'P2', type: 'COMMUNICATION', count: 20, se: 2, ia: 'C' });
      b.link({ from: 'P2', to: 'P1', type: 'MEETING', count: 1, ...A });
    });
    const expected = 0.75 * 0.8 * 0.7 * (1 + Math.log(20)) + 1;
    expect(tie(p, 'person:P1', 'person:P2')?.strength).toBeCloseTo(expected, 12);
  });

  it('ties the facilitators of a crossing pairwise at the weaker confidence, not its passengers', () => {
    const p = build((b) =>
      b.crossing({
        id: 'X1',
        passengers: 40,
        deaths: 1,
        injuries: 0,
        route: 'R1',
        departedFrom: 'L1',
        vessels: [],
        ...A,
        participants: [
          { id: 'P1', role: 'ORGANISED', ...A },
          { id: 'P2', role: 'PILOTED', se: 3, ia: 'B' },
          { id: 'P3', role: 'RECRUITED_FOR', ...A },
          { id: 'P3', role: 'RECRUITED_FOR', ...A },
        ],
      }),
    );
    expect(tie(p, 'person:P1', 'person:P2')?.strength).toBeCloseTo(1.5 * 0.5 * 0.85, 12);
    expect(tie(p, 'person:P1', 'person:P3')?.strength).toBeCloseTo(1.5, 12);
    expect(p.ties.source.length).toBe(3);
    const [p1, p2, p3] = ['P1', 'P2', 'P3'].map((id) => ev(p, `person:${id}`));
    expect(p1).toMatchObject({ organised: ['X1'], migrantsMoved: 40, deaths: 1, threat: 10, harmfulCrossings: ['X1'], places: { 'route:R1': 1, 'location:L1': 1 } });
    expect(p2).toMatchObject({ piloted: ['X1'], migrantsMoved: 0, deaths: 1, threat: 5 });
    expect(p3).toMatchObject({ recruited: ['X1'], migrantsMoved: 0, deaths: 0, threat: 0, harmfulCrossings: [] });
  });

  it('ties people sharing a vessel or a location, unless the location is shared by more than the cap', () => {
    const p = build(
      (b) => {
        b.vessel({
          id: 'E1',
          kind: 'engine',
          holders: [
            { label: 'Person', id: 'P1', type: 'BOUGHT', ...A },
            { label: 'Organisation', id: 'O1', type: 'SOLD', ...A },
          ],
        });
        b.location({
          id: 'L1',
          people: [
            { label: 'Person', id: 'P2', ...A },
            { label: 'Person', id: 'P3', ...A },
          ],
        });
        b.location({ id: 'L2', people: ['P1', 'P2', 'P3', 'P4'].map((id) => ({ label: 'Person', id, ...A })) });
      },
      { sharedLocationCap: 3 },
    );
    expect(tie(p, 'organisation:O1', 'person:P1')).toMatchObject({ strength: 1, kinds: { vessel: { count: 1 } } });
    expect(tie(p, 'person:P2', 'person:P3')).toMatchObject({ strength: 0.5, kinds: { location: { count: 1 } } });
    expect(p.dropped).toEqual([{ reason: 'location shared by more than 3 people (no ties)', count: 1 }]);
    // Only BOUGHT, OWNS and STORED count as procuring; the seller sold it.
    expect(ev(p, 'person:P1')!.engines).toEqual(['E1']);
    expect(ev(p, 'organisation:O1')).toBeNull();
    expect(ev(p, 'person:P2')).toBeNull();
  });

  it('keeps only the tie kinds asked for, and stops past maxTies', () => {
    const feed = (b: PeopleProjectionBuilder) => {
      b.link({ from: 'P1', to: 'P2', type: 'CONTACT', count: 1, ...A });
      b.employment({ from: 'P3', to: 'O1', type: 'DIRECTOR_OF', ...A });
    };
    const onlyWork = build(feed, { tieKinds: new Set(['directorship']) });
    expect(onlyWork.ties.source.length).toBe(1);
    expect(tie(onlyWork, 'organisation:O1', 'person:P3')).toMatchObject({ strength: 1.5, kinds: { directorship: { count: 1 } } });
    expect(() => build(feed, { maxTies: 1 })).toThrow(TooManyTiesError);
  });

  it('gives the same projection whatever order the rows come in', () => {
    const rows = [
      (b: PeopleProjectionBuilder) => b.link({ from: 'P3', to: 'P1', type: 'CONTACT', count: 2, ...A }),
      (b: PeopleProjectionBuilder) => b.link({ from: 'P2', to: 'P4', type: 'FAMILY', count: 1, ...A }),
      (b: PeopleProjectionBuilder) => b.employment({ from: 'P2', to: 'O1', type: 'EMPLOYED_BY', ...A }),
    ];
    const forward = new PeopleProjectionBuilder();
    for (const id of ['P1', 'P2', 'P3', 'P4']) forward.node(person(id));
    forward.node(org('O1'));
    rows.forEach((feed) => feed(forward));
    const backward = new PeopleProjectionBuilder();
    backward.node(org('O1'));
    for (const id of ['P4', 'P3', 'P2', 'P1']) backward.node(person(id));
    [...rows].reverse().forEach((feed) => feed(backward));
    expect(backward.finish()).toEqual(forward.finish());
    expect(kindColumn('family')).toBe(TIE_KINDS.indexOf('family'));
  });
});
