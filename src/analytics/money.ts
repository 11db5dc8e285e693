import { DEFAULT_EXCHANGE_RATES, DEFAULT_REPORTING_CURRENCY } from './weights.js';

/**
 * Money in one reporting currency. Amounts are stored in minor units; how many a currency
 * has comes from ICU's currency data (2 for GBP, 0 for JPY). Rates are GBP per unit, so any
 * currency with a rate can be the reporting one. Every amount the service hands out is a whole
 * number of the reporting currency's minor units (pence for GBP): a payment is converted once,
 * rounded to the nearest minor unit, and split between its payers and payees in whole units
 * (splitShare), so every sum after that is exact.
 */

export interface MoneySettings {
  reportingCurrency: string;
  /** GBP per unit of each currency. */
  exchangeRates: Readonly<Record<string, number>>;
}

export const DEFAULT_MONEY: MoneySettings = {
  reportingCurrency: DEFAULT_REPORTING_CURRENCY,
  exchangeRates: DEFAULT_EXCHANGE_RATES,
};

const digits = new Map<string, number>();

export function minorDigits(currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digits.set(currency, d);
  }
  return d;
}

/** Reporting minor units per minor unit of `currency` (1 for the reporting currency itself); undefined with no rate. */
export function reportingFactor(currency: string, money: MoneySettings): number | undefined {
  const rate = money.exchangeRates[currency];
  const reporting = money.exchangeRates[money.reportingCurrency];
  if (rate === undefined || reporting === undefined) return undefined;
  if (currency === money.reportingCurrency) return 1;
  return (rate / reporting) * 10 ** (minorDigits(money.reportingCurrency) - minorDigits(currency));
}

/** Minor units of `currency` in whole minor units of the reporting currency; undefined with no rate. */
export function toReporting(minor: number, currency: string, money: MoneySettings): number | undefined {
  const factor = reportingFactor(currency, money);
  return factor === undefined ? undefined : Math.round(minor * factor);
}

/** Share `k` (0-based) of a whole amount split `parts` ways in whole units: the first amount mod parts get one more, so the shares add up to it. */
export function splitShare(amount: number, parts: number, k: number): number {
  const base = Math.floor(amount / parts);
  return base + (k < amount - base * parts ? 1 : 0);
}

const formats = new Map<string, Intl.NumberFormat>();

/** Minor units as "£340,000" (whole units). Formatters are cached: making one costs far more than using it. */
export function formatMoney(minor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
    formats.set(currency, format);
  }
  return format.format(minor / 10 ** minorDigits(currency));
}
