import { describe, expect, it } from 'vitest';

import { DEFAULT_MONEY } from '../../src/analytics/money.js';
import { flowsOf } from '../../src/money/flows.js';
import { type MoneyPayment, partiesOf, toPayments } from '../../src/money/payments.js';
import { traceFrom } from '../../src/money/trace.js';

/** What the route tests cannot reach cheaply: odd amounts split in whole units, and a trace stopped at its cap. */

describe('money/payments: a payment split between holders', () => {
  it('splits 3 pence two ways as 2 and 1, the shares adding up to the payment, converted the same way', () => {
    const parties = partiesOf([
      {
        label: 'Account',
        id: 'AC',
        name: 'IBAN',
        holders: [
          { label: 'Person', id: 'H1', name: 'One' },
          { label: 'Person', id: 'H2', name: 'Two' },
        ],
      },
    ]);
    const rows = [
      {
        id: 'PY',
        amount: 3,
        currency: 'GBP',
        date: '2024-01-01',
        payers: [{ label: 'Person' as const, id: 'P', kept: true }],
        payees: [{ label: 'Account' as const, id: 'AC', kept: true }],
      },
    ];
    const { payments } = toPayments(rows, parties, 'holders', DEFAULT_MONEY);
    expect(payments[0]!.pairs.map((p) => [p.payee, p.amount, p.converted, p.split, p.payeeAccount])).toEqual([
      ['person:H1', 2, 2n, 2, 'AC'],
      ['person:H2', 1, 1n, 2, 'AC'],
    ]);
    const flows = flowsOf(payments, { sort: 'converted', order: 'desc', limit: 10, offset: 0, top: 10, evidence: 10 });
    // The payer paid 3 in one payment, to two counterparties.
    expect(flows.topPayers[0]).toMatchObject({ party: 'person:P', count: 1, converted: '3', totals: [{ currency: 'GBP', amount: '3' }], counterparties: 2 });
    const accounts = toPayments(rows, parties, 'accounts', DEFAULT_MONEY).payments;
    expect(accounts[0]!.pairs).toEqual([{ payer: 'person:P', payee: 'account:AC', amount: 3, converted: 3n, split: 1 }]);
  });

  it('leaves out a payment whose payer is graded out of the scope, and does not convert a currency without a rate', () => {
    const rows = [
      {
        id: 'X',
        amount: 5,
        currency: 'GBP',
        date: '2024-01-01',
        payers: [{ label: 'Person' as const, id: 'P', kept: false }],
        payees: [{ label: 'Person' as const, id: 'Q', kept: true }],
      },
      {
        id: 'Y',
        amount: 7,
        currency: 'JPY',
        date: '2024-01-02',
        payers: [{ label: 'Person' as const, id: 'P', kept: true }],
        payees: [{ label: 'Person' as const, id: 'Q', kept: true }],
      },
    ];
    const { payments, leftOut } = toPayments(rows, new Map(), 'accounts', DEFAULT_MONEY);
    expect(leftOut).toBe(1);
    const flows = flowsOf(payments, { sort: 'count', order: 'desc', limit: 10, offset: 0, top: 10, evidence: 10 });
    expect(flows.items[0]).toMatchObject({ count: 1, converted: '0', unconverted: 1, totals: [{ currency: 'JPY', amount: '7' }] });
  });
});

describe('money/trace: the cap', () => {
  // A complete graph on 6 people, one payment each way per pair, all on one day: 30 payments.
  const people = ['a', 'b', 'c', 'd', 'e', 'f'];
  const payments: MoneyPayment[] = people.flatMap((x) =>
    people.filter((y) => y !== x).map((y) => ({ id: `${x}${y}`, date: '2024-01-01', currency: 'GBP', pairs: [{ payer: x, payee: y, amount: 1, converted: 1n, split: 1 }] })),
  );

  it('finds every chain below the cap: from a, 5 × 4 × 3 paths of 3 hops', () => {
    const { chains, truncated } = traceFrom(payments, 'a', { direction: 'forward', hops: 3, ordered: true, maxChains: 10_000, maxSteps: 1_000_000 });
    expect(truncated).toBe(false);
    // Each 3-hop path through new people: 5·4·3 = 60; plus the chains closing a cycle onto a party already on them:
    // at hop 2, a → x → a (5); at hop 3, a → x → y → a or x (5·4·2 = 40).
    expect(chains.filter((c) => !c.cycle)).toHaveLength(60);
    expect(chains.filter((c) => c.cycle)).toHaveLength(45);
  });

  it('stops at maxChains and says so', () => {
    const { chains, truncated } = traceFrom(payments, 'a', { direction: 'forward', hops: 6, ordered: false, maxChains: 50, maxSteps: 1_000_000 });
    expect(truncated).toBe(true);
    expect(chains).toHaveLength(50);
  });
});
