import type { MoneyPair, MoneyPayment } from './payments.js';

/**
 * Following money from one party: forward, the payments it made, then those its payees made,
 * and so on; backward, the payments it received, then those its payers received. Depth first,
 * each party's payments in date order (then payment id, then counterparty), so the chains come
 * in the same order every time. A chain never uses a payment twice and ends where it reaches a
 * party already on it (a cycle, A → B → A, is shown once, not walked round). With `ordered`,
 * each payment is on or after the one before it (backward: on or before), as money moves on
 * after it arrives. The walk stops at `maxChains` chains or `maxSteps` payments looked at, and
 * says so (`truncated`): a few hops through busy parties can make very many chains.
 */

export interface TraceOptions {
  direction: 'forward' | 'backward';
  hops: number;
  ordered: boolean;
  /** Least converted share (reporting minor units) a payment must have to be followed. */
  minAmount?: number;
  maxChains: number;
  maxSteps: number;
}

export const TRACE_DEFAULTS = { maxChains: 10_000, maxSteps: 1_000_000 } as const;

export interface TraceStep {
  payment: MoneyPayment;
  pair: MoneyPair;
}

export interface TraceChain {
  hops: TraceStep[];
  cycle: boolean;
}

const order = (a: TraceStep, b: TraceStep, other: (s: TraceStep) => string) =>
  a.payment.date < b.payment.date
    ? -1
    : a.payment.date > b.payment.date
      ? 1
      : a.payment.id < b.payment.id
        ? -1
        : a.payment.id > b.payment.id
          ? 1
          : other(a) < other(b)
            ? -1
            : other(a) > other(b)
              ? 1
              : 0;

export function traceFrom(payments: MoneyPayment[], start: string, options: TraceOptions): { chains: TraceChain[]; truncated: boolean } {
  const forward = options.direction === 'forward';
  const from = (s: TraceStep) => (forward ? s.pair.payer : s.pair.payee);
  const to = (s: TraceStep) => (forward ? s.pair.payee : s.pair.payer);
  const min = options.minAmount === undefined ? undefined : BigInt(options.minAmount);
  const steps = new Map<string, TraceStep[]>();
  for (const payment of payments) {
    for (const pair of payment.pairs) {
      const step = { payment, pair };
      if (min !== undefined && (pair.converted === null || pair.converted < min)) continue;
      const list = steps.get(from(step)) ?? steps.set(from(step), []).get(from(step))!;
      list.push(step);
    }
  }
  for (const list of steps.values()) list.sort((a, b) => order(a, b, to));

  const chains: TraceChain[] = [];
  let looked = 0;
  let truncated = false;
  const path: TraceStep[] = [];
  const onPath = new Set<string>([start]);
  const used = new Set<string>();

  const walk = (party: string): void => {
    let went = false;
    const last = path.at(-1);
    for (const step of steps.get(party) ?? []) {
      if (truncated) return;
      if (++looked > options.maxSteps || chains.length >= options.maxChains) {
        truncated = true;
        return;
      }
      if (used.has(step.payment.id)) continue;
      if (options.ordered && last && (forward ? step.payment.date < last.payment.date : step.payment.date > last.payment.date)) continue;
      went = true;
      const next = to(step);
      if (onPath.has(next)) {
        chains.push({ hops: [...path, step], cycle: true });
        continue;
      }
      path.push(step);
      if (path.length === options.hops) chains.push({ hops: [...path], cycle: false });
      else {
        onPath.add(next);
        used.add(step.payment.id);
        walk(next);
        used.delete(step.payment.id);
        onPath.delete(next);
      }
      path.pop();
    }
    if (!went && path.length > 0 && !truncated) chains.push({ hops: [...path], cycle: false });
  };
  walk(start);
  if (chains.length > options.maxChains) return { chains: chains.slice(0, options.maxChains), truncated: true };
  return { chains, truncated };
}
