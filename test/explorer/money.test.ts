import { describe, expect, it } from 'vitest';

import { formatMinor, formatTotals, moneyQuery } from '../../explorer/src/data/money.js';

describe('explorer/money', () => {
  it('formats minor units exactly, with the currency’s own minor digits', () => {
    expect(formatMinor('123456', 'GBP')).toBe('1,234.56 GBP');
    expect(formatMinor('5', 'EUR')).toBe('0.05 EUR');
    expect(formatMinor('0', 'GBP')).toBe('0.00 GBP');
    expect(formatMinor('100', 'GBP')).toBe('1.00 GBP');
    expect(formatMinor('000120', 'GBP')).toBe('1.20 GBP');
    // No minor unit in yen, three in Kuwaiti dinar (ISO 4217, as Intl has them).
    expect(formatMinor('123456', 'JPY')).toBe('123,456 JPY');
    expect(formatMinor('1234567', 'KWD')).toBe('1,234.567 KWD');
  });

  it('keeps every digit past 2^53, where a float would round', () => {
    // 2^54 + 1 = 18014398509481985: as a JSON number it reads ...984.
    expect(Number('18014398509481985')).toBe(18014398509481984);
    expect(formatMinor('18014398509481985', 'GBP')).toBe('180,143,985,094,819.85 GBP');
    expect(formatMinor('99999999999999999999999', 'USD')).toBe('999,999,999,999,999,999,999.99 USD');
  });

  it('refuses what is not a decimal string of minor units', () => {
    expect(() => formatMinor('12.5', 'GBP')).toThrow(/explorer\/money/);
    expect(() => formatMinor('-3', 'GBP')).toThrow(/explorer\/money/);
  });

  it('lists a party’s currencies each in its own minor units', () => {
    expect(formatTotals([])).toBe('–');
    expect(
      formatTotals([
        { currency: 'EUR', amount: '380000' },
        { currency: 'JPY', amount: '1200' },
      ]),
    ).toBe('3,800.00 EUR + 1,200 JPY');
  });

  it('asks for an entity’s flows over a run’s investigations, each repeated', () => {
    const query = new URLSearchParams(moneyQuery({ type: 'person', id: 'P 1/2' }, ['OP-A', 'OP-B'], 'GBP', { via: 'holders' }));
    expect(query.get('entity')).toBe('person/P 1/2');
    expect(query.getAll('investigations')).toEqual(['OP-A', 'OP-B']);
    expect(query.get('reportingCurrency')).toBe('GBP');
    expect(query.get('via')).toBe('holders');
  });
});
