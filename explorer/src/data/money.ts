import { minorDigits } from '../../../src/analytics/money.js';

/**
 * Money as the money tab shows it. The service sends totals as decimal strings of minor units
 * (docs/money.md), exact past 2^53: they are formatted as strings, digit by digit, never through
 * a float, so "18014398509481983" GBP reads 180,143,984,850,819.83 GBP, every penny kept.
 */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `"123456"`, `"GBP"` → `"1,234.56 GBP"`; a currency with no minor unit (JPY) has no fraction. */
export function formatMinor(minor: string, currency: string): string {
  if (!/^\d+$/.test(minor)) throw new Error(`explorer/money: not a decimal string of minor units: ${minor}`);
  const digits = minorDigits(currency);
  const trimmed = minor.replace(/^0+(?=\d)/, '');
  if (digits === 0) return `${group(trimmed)} ${currency}`;
  const padded = trimmed.padStart(digits + 1, '0');
  return `${group(padded.slice(0, -digits))}.${padded.slice(-digits)} ${currency}`;
}

/** A party total's own currencies, each exact: "1,200.00 EUR + 35.00 USD" (empty: "–"). */
export function formatTotals(totals: readonly { currency: string; amount: string }[]): string {
  return totals.length === 0 ? '–' : totals.map((t) => formatMinor(t.amount, t.currency)).join(' + ');
}

/** The money tab's query for one entity over a run's investigations (repeated, as the API takes them). */
export function moneyQuery(entity: { type: string; id: string }, investigations: readonly string[], currency: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ entity: `${entity.type}/${entity.id}`, reportingCurrency: currency, ...extra });
  for (const id of investigations) query.append('investigations', id);
  return query.toString();
}

/** Only people, organisations and accounts pay and get paid in the money views. */
export const MONEY_PARTIES: ReadonlySet<string> = new Set(['person', 'organisation', 'account']);
