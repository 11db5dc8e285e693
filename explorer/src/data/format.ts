import { minorDigits } from '../../../src/analytics/money.js';

/** Numbers as the panels show them (British English, as the rest of the service). */

export const formatInt = (n: number) => Math.round(n).toLocaleString('en-GB');

export const formatScore = (n: number | null) => (n === null ? '–' : n.toFixed(1));

export const formatShare = (n: number | null) => (n === null ? '–' : `${(n * 100).toFixed(1)} %`);

/** Money arrives in the reporting currency's minor units (pence for GBP): shown in whole units, "1,234 GBP". */
export const formatMoney = (minor: number, currency: string) => `${Math.round(minor / 10 ** minorDigits(currency)).toLocaleString('en-GB')} ${currency}`;

/** `person:P-00012` → `{ type: 'person', id: 'P-00012' }` (ids may themselves hold colons). */
export function splitKey(key: string): { type: string; id: string } {
  const at = key.indexOf(':');
  if (at <= 0) throw new Error(`explorer/format: not a type:id key: ${key}`);
  return { type: key.slice(0, at), id: key.slice(at + 1) };
}
