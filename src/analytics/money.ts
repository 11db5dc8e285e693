import { DEFAULT_EXCHANGE_RATES, DEFAULT_REPORTING_CURRENCY } from './weights.js';

/**
 * Money in one reporting currency. Amounts are stored in minor units; how many a currency
 * has comes from ICU's currency data (2 for GBP, 0 for JPY). Rates are GBP per unit, so any
 * currency with a rate can be the reporting one.
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

/** Minor units of `currency` in whole units of the reporting currency; undefined with no rate. */
export function toReporting(minor: number, currency: string, money: MoneySettings): number | undefined {
  const rate = money.exchangeRates[currency];
  const reporting = money.exchangeRates[money.reportingCurrency];
  if (rate === undefined || reporting === undefined) return undefined;
  return ((minor / 10 ** minorDigits(currency)) * rate) / reporting;
}

const formats = new Map<string, Intl.NumberFormat>();

/** "£340,000". Formatters are cached: making one costs far more than using it. */
export function formatMoney(units: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
    formats.set(currency, format);
  }
  return format.format(units);
}
