import { type MoneySettings, toReporting } from '../analytics/money.js';
import { typeOfLabel } from '../model/graph-model.js';
import type { PartyRow, PaymentRow } from '../repositories/money-repository.js';
import type { MoneyParty } from '../schemas/money.js';

/**
 * Payments as the money views count them: each a list of payer → payee pairs between named
 * parties. A payment names one payer and one payee, but its copies in several investigations
 * may name different ones, and with via=holders an account stands for each of its holders: then
 * the payment is split between its pairs in whole minor units (analytics/money.ts splitShare,
 * as the analyses split it), so every total still adds up to the money paid. An account with
 * no holder in scope stays a party of its own.
 */

export interface MoneyPair {
  payer: string;
  payee: string;
  amount: number;
  /** This pair's share in reporting minor units; null when the currency has no rate. */
  converted: bigint | null;
  split: number;
  payerAccount?: string;
  payeeAccount?: string;
}

export interface MoneyPayment {
  id: string;
  date: string;
  currency: string;
  pairs: MoneyPair[];
}

export type Via = 'accounts' | 'holders';

export function partyKey(label: string, id: string): string {
  return `${typeOfLabel(label)}:${id}`;
}

/** Each party named in scope, by `type:id`, with an account's holders. */
export function partiesOf(rows: PartyRow[]): Map<string, MoneyParty> {
  const parties = new Map<string, MoneyParty>();
  for (const row of rows) {
    const key = partyKey(row.label, row.id);
    const party: MoneyParty = { key, type: typeOfLabel(row.label) as MoneyParty['type'], id: row.id, name: row.name };
    if (row.label === 'Account') {
      const holders = new Map<string, NonNullable<MoneyParty['holders']>[number]>();
      for (const h of row.holders) {
        const hk = partyKey(h.label, h.id);
        if (!holders.has(hk)) holders.set(hk, { key: hk, type: typeOfLabel(h.label) as 'person' | 'organisation', id: h.id, name: h.name });
      }
      party.holders = [...holders.values()];
    }
    parties.set(key, party);
  }
  return parties;
}

/** Share `k` of `amount` split `parts` ways in whole units, the first `amount mod parts` one more (splitShare for BigInt). */
function bigShare(amount: bigint, parts: number, k: number): bigint {
  const n = BigInt(parts);
  const base = amount / n;
  return base + (BigInt(k) < amount - base * n ? 1n : 0n);
}

function shareOf(amount: number, parts: number, k: number): number {
  return Number(bigShare(BigInt(amount), parts, k));
}

/** The rows as payments of pairs; `leftOut` counts those with no payer or no payee graded into the scope. */
export function toPayments(rows: PaymentRow[], parties: Map<string, MoneyParty>, via: Via, money: MoneySettings): { payments: MoneyPayment[]; leftOut: number } {
  const ends = (refs: PaymentRow['payers']) => {
    const out = new Map<string, string | undefined>();
    for (const ref of refs.filter((r) => r.kept)) {
      const key = partyKey(ref.label, ref.id);
      const holders = via === 'holders' && ref.label === 'Account' ? (parties.get(key)?.holders ?? []) : [];
      if (holders.length === 0) {
        if (!out.has(key)) out.set(key, undefined);
      } else for (const h of holders) if (!out.has(h.key)) out.set(h.key, ref.id);
    }
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const payments: MoneyPayment[] = [];
  let leftOut = 0;
  for (const row of rows) {
    const payers = ends(row.payers);
    const payees = ends(row.payees);
    if (payers.length === 0 || payees.length === 0) {
      leftOut++;
      continue;
    }
    const whole = toReporting(row.amount, row.currency, money);
    const converted = whole === undefined ? null : BigInt(whole);
    const parts = payers.length * payees.length;
    const pairs: MoneyPair[] = [];
    for (const [payer, payerAccount] of payers) {
      for (const [payee, payeeAccount] of payees) {
        const k = pairs.length;
        pairs.push({
          payer,
          payee,
          amount: shareOf(row.amount, parts, k),
          converted: converted === null ? null : bigShare(converted, parts, k),
          split: parts,
          ...(payerAccount ? { payerAccount } : {}),
          ...(payeeAccount ? { payeeAccount } : {}),
        });
      }
    }
    payments.push({ id: row.id, date: row.date, currency: row.currency, pairs });
  }
  return { payments, leftOut };
}
