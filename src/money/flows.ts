import type { PaymentEvidence } from '../schemas/money.js';
import type { MoneyPair, MoneyPayment } from './payments.js';

/**
 * Who paid whom: payments summed per payer → payee pair, and per party paid out and received.
 * Sums are BigInt (exact past 2^53) and leave as decimal strings (schemas/money.ts). A payment
 * counts once per pair and once per party however it is split.
 */

export type FlowSort = 'converted' | 'count' | 'first' | 'last';

export interface Totals {
  count: number;
  totals: { currency: string; amount: string }[];
  converted: string;
  unconverted: number;
  /** Dates of the first and last payment; null with none. */
  first: string | null;
  last: string | null;
}

class Accumulator {
  readonly payments = new Set<string>();
  readonly byCurrency = new Map<string, bigint>();
  converted = 0n;
  unconverted = 0;
  first = '';
  last = '';
  readonly counterparties = new Set<string>();
  readonly evidence: PaymentEvidence[] = [];

  add(payment: MoneyPayment, pair: MoneyPair, counterparty?: string) {
    this.byCurrency.set(payment.currency, (this.byCurrency.get(payment.currency) ?? 0n) + BigInt(pair.amount));
    if (counterparty !== undefined) this.counterparties.add(counterparty);
    if (this.payments.has(payment.id)) {
      // The same payment again (a party in several of its pairs): its money adds, its count and dates do not.
      if (pair.converted !== null) this.converted += pair.converted;
      return;
    }
    this.payments.add(payment.id);
    if (pair.converted === null) this.unconverted++;
    else this.converted += pair.converted;
    if (this.first === '' || payment.date < this.first) this.first = payment.date;
    if (payment.date > this.last) this.last = payment.date;
  }

  totals(): Totals {
    return {
      count: this.payments.size,
      totals: [...this.byCurrency.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, amount]) => ({ currency, amount: amount.toString() })),
      converted: this.converted.toString(),
      unconverted: this.unconverted,
      first: this.first || null,
      last: this.last || null,
    };
  }
}

function evidenceOf(payment: MoneyPayment, pair: MoneyPair): PaymentEvidence {
  return {
    id: payment.id,
    date: payment.date,
    amount: pair.amount,
    currency: payment.currency,
    converted: pair.converted === null ? null : pair.converted.toString(),
    split: pair.split,
    ...(pair.payerAccount ? { payerAccount: pair.payerAccount } : {}),
    ...(pair.payeeAccount ? { payeeAccount: pair.payeeAccount } : {}),
  };
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareBy(sort: FlowSort, order: 'asc' | 'desc') {
  const sign = order === 'desc' ? -1 : 1;
  return (a: Accumulator, b: Accumulator): number => {
    const c =
      sort === 'converted' ? (a.converted < b.converted ? -1 : a.converted > b.converted ? 1 : 0) : sort === 'count' ? a.payments.size - b.payments.size : byKey(a[sort], b[sort]);
    return sign * c;
  };
}

export interface FlowOptions {
  sort: FlowSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  top: number;
  evidence: number;
  /** `type:id`: only the flows in and out of it, and its totals. */
  entity?: string;
}

export interface FlowRow extends Totals {
  payer: string;
  payee: string;
  payments: PaymentEvidence[];
  paymentsTruncated: boolean;
}

export interface PartyRow extends Totals {
  party: string;
  counterparties: number;
}

export function flowsOf(payments: MoneyPayment[], options: FlowOptions) {
  const flows = new Map<string, { payer: string; payee: string; acc: Accumulator }>();
  const paid = new Map<string, Accumulator>();
  const received = new Map<string, Accumulator>();
  const get = (map: Map<string, Accumulator>, key: string) => map.get(key) ?? map.set(key, new Accumulator()).get(key)!;
  for (const payment of payments) {
    for (const pair of payment.pairs) {
      get(paid, pair.payer).add(payment, pair, pair.payee);
      get(received, pair.payee).add(payment, pair, pair.payer);
      if (options.entity !== undefined && pair.payer !== options.entity && pair.payee !== options.entity) continue;
      const key = `${pair.payer}\u0000${pair.payee}`;
      let flow = flows.get(key);
      if (!flow) flows.set(key, (flow = { payer: pair.payer, payee: pair.payee, acc: new Accumulator() }));
      flow.acc.add(payment, pair);
      flow.acc.evidence.push(evidenceOf(payment, pair));
    }
  }
  const compare = compareBy(options.sort, options.order);
  const sorted = [...flows.values()].sort((a, b) => compare(a.acc, b.acc) || byKey(a.payer, b.payer) || byKey(a.payee, b.payee));
  const items: FlowRow[] = sorted.slice(options.offset, options.offset + options.limit).map(({ payer, payee, acc }) => {
    const evidence = acc.evidence.sort((a, b) => byKey(a.date, b.date) || byKey(a.id, b.id));
    return { payer, payee, ...acc.totals(), payments: evidence.slice(0, options.evidence), paymentsTruncated: evidence.length > options.evidence };
  });
  const topOf = (map: Map<string, Accumulator>): PartyRow[] =>
    [...map.entries()]
      .sort(([ka, a], [kb, b]) => compare(a, b) || byKey(ka, kb))
      .slice(0, options.top)
      .map(([party, acc]) => ({ party, ...acc.totals(), counterparties: acc.counterparties.size }));
  const none = (): Omit<PartyRow, 'party'> => ({ ...new Accumulator().totals(), counterparties: 0 });
  const totalsOf = (acc: Accumulator | undefined) => (acc ? { ...acc.totals(), counterparties: acc.counterparties.size } : none());
  return {
    total: flows.size,
    items,
    topPayers: topOf(paid),
    topPayees: topOf(received),
    entity: options.entity === undefined ? null : { in: totalsOf(received.get(options.entity)), out: totalsOf(paid.get(options.entity)) },
  };
}
