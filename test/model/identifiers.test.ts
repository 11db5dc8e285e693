import { describe, expect, it } from 'vitest';

import { identifierKeys, lookupKeys, normaliseAccountIdentifier, normaliseCode, normaliseImei, normalisePhone } from '../../src/model/identifiers.js';

const message = (value: string | Error) => (value instanceof Error ? value.message : `accepted as ${value}`);

describe('identifier normalisation', () => {
  it('writes one phone number in every spelling as one E.164 number', () => {
    for (const spelling of ['+44 7700 900123', '0044 7700 900123', '+44 (0)7700 900123', '+44.7700.900.123', '+44-7700-900-123', '(+44) 7700/900123']) {
      expect(normalisePhone(spelling), spelling).toBe('+447700900123');
    }
  });

  it('refuses a phone number without its international prefix, and one that is too short or long', () => {
    expect(message(normalisePhone('07700 900123'))).toMatch(/international prefix/);
    expect(message(normalisePhone('+44 12'))).toMatch(/E\.164/);
    expect(message(normalisePhone('+44 7700 900123 4567 89'))).toMatch(/E\.164/);
  });

  it('checks an IMEI’s Luhn digit', () => {
    // 35693803564380 → Luhn check digit 9 (worked by hand: doubled-digit sum 51, 51 + 9 = 60).
    expect(normaliseImei('35-693803-564380-9')).toBe('356938035643809');
    expect(message(normaliseImei('356938035643808'))).toMatch(/Luhn/);
    expect(message(normaliseImei('35693803564380'))).toMatch(/15 digits/);
  });

  it('stores an IBAN without spaces after checking its mod-97 digits; other identifiers as given', () => {
    expect(normaliseAccountIdentifier('gb82 west 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(normaliseAccountIdentifier('FR76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(message(normaliseAccountIdentifier('GB82 WEST 1234 5698 7654 33'))).toMatch(/mod 97/);
    expect(normaliseAccountIdentifier('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBe('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
  });

  it('keys documents by kind and number, the number upper-case without formatting', () => {
    expect(normaliseCode(' a12-345 67 ')).toBe('A1234567');
    expect(identifierKeys({ documents: ['passport:IQ:A1234567', 'other:X1'], phones: ['+447700900123'], engineSerial: '6bg-1042211' })).toEqual([
      'phone:+447700900123',
      'passport:A1234567',
      'document:X1',
      'engine:6BG1042211',
    ]);
  });

  it('looks a value up as one kind, or as every kind it can be', () => {
    expect(lookupKeys('phone:0044 7700 900123')).toEqual(['phone:+447700900123']);
    expect(lookupKeys('0044 7700 900123')).toContain('phone:+447700900123');
    expect(lookupKeys('0044 7700 900123').some((k) => k.startsWith('imei:'))).toBe(false);
    expect(lookupKeys('GB82 WEST 1234 5698 7654 32')).toContain('iban:GB82WEST12345698765432');
  });
});
