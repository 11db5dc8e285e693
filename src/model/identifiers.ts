/**
 * Identifiers that tell entities apart, in one normal form each, and the keys they are stored
 * and looked up under (`kind:value`, see docs/identifiers.md). The same functions normalise what
 * is loaded and what a search asks for, so `0044 7700 900123` finds `+447700900123`. Each
 * normaliser answers the normal form, or an Error whose message says what is wrong.
 */

export const DOCUMENT_KINDS = ['passport', 'national_id', 'residence_permit', 'driving_licence', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Key prefixes, one per kind of identifier; a document's prefix is its kind (`other` documents: `document`). */
export const IDENTIFIER_KINDS = [
  'phone',
  'imei',
  'passport',
  'national_id',
  'residence_permit',
  'driving_licence',
  'document',
  'registration',
  'engine',
  'plate',
  'hull',
  'iban',
  'account',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Formatting people type inside numbers: spaces, dots, dashes, slashes, brackets. */
const FORMATTING = /[\s.\-/()]/g;

/**
 * A phone number in E.164 (`+447700900123`). The international prefix is required, as `+` or
 * `00`: without it the number's country is unknown and two spellings of one number could not
 * be matched. A national trunk `(0)` after the country code (`+44 (0)7700 900123`) is dropped.
 */
export function normalisePhone(input: string): string | Error {
  const compact = input.trim().replace(/\(0\)/, '').replace(FORMATTING, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!international.startsWith('+')) return new Error('a phone number needs its international prefix (+44… or 0044…): without it its country is unknown');
  if (!/^\+[1-9]\d{6,14}$/.test(international)) return new Error('not a phone number: expected + and 7 to 15 digits (E.164), e.g. +44 7700 900123');
  return international;
}

/** Luhn's check digit test (ISO/IEC 7812), as IMEIs carry it. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** An IMEI: 15 digits whose last is the Luhn check digit of the other 14. */
export function normaliseImei(input: string): string | Error {
  const digits = input.trim().replace(FORMATTING, '');
  if (!/^\d{15}$/.test(digits)) return new Error('an IMEI is 15 digits');
  if (!luhn(digits)) return new Error('not an IMEI: its check digit (Luhn) does not match');
  return digits;
}

/** Registrations, serials, plates, document numbers: upper-case, formatting removed. */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase().replace(FORMATTING, '');
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** IBAN check digits (ISO 13616): letters as 10–35, the first four characters moved last, mod 97 is 1. */
function ibanChecksumOk(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** An IBAN for a country and account number (BBAN) with its check digits worked out (ISO 13616). */
export function ibanOf(country: string, bban: string): string {
  for (let check = 2; check <= 98; check++) {
    const iban = `${country}${String(check).padStart(2, '0')}${bban}`;
    if (ibanChecksumOk(iban)) return iban;
  }
  throw new Error(`model/identifiers: no check digits for ${country} ${bban}`);
}

/** An IMEI from its first 14 digits, the Luhn check digit appended. */
export function imeiOf(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhn(`${body}${d}`)) return `${body}${d}`;
  throw new Error(`model/identifiers: no check digit for ${body}`);
}

/** Whether an account identifier reads as an IBAN (two letters, two digits, then 11–30 letters or digits). */
export function looksLikeIban(input: string): boolean {
  return IBAN.test(input.replace(/\s/g, '').toUpperCase());
}

/**
 * An account identifier: an IBAN without spaces, upper-case, its check digits verified; any
 * other identifier (wallet, ledger name) as given, trimmed (wallet addresses are case-sensitive).
 */
export function normaliseAccountIdentifier(input: string): string | Error {
  if (!looksLikeIban(input)) return input.trim();
  const iban = input.replace(/\s/g, '').toUpperCase();
  if (!ibanChecksumOk(iban)) return new Error('not an IBAN: its check digits (mod 97) do not match');
  return iban;
}

/** A document's key prefix: its kind, `other` documents as `document`. */
export const documentPrefix = (kind: DocumentKind): IdentifierKind => (kind === 'other' ? 'document' : kind);

/** The fields that hold identifiers, per entity type, with the key each value goes under. */
export interface Identified {
  phones?: string[];
  imeis?: string[];
  /** As stored: `kind:COUNTRY:NUMBER` or `kind:NUMBER`, the number normalised. */
  documents?: string[];
  registration?: string;
  engineSerial?: string;
  plate?: string;
  hullId?: string;
  identifier?: string;
}

/**
 * The keys of a record's identifiers, each `kind:value` with the value normalised (values
 * here are already checked). A document's key is its kind and number: the issuing country
 * is kept on the document, not in the key, so a report that leaves the country out still
 * meets one that gives it.
 */
export function identifierKeys(record: Identified): string[] {
  const keys = [
    ...(record.phones ?? []).map((p) => `phone:${p}`),
    ...(record.imeis ?? []).map((i) => `imei:${i}`),
    ...(record.documents ?? []).map((d) => {
      const parts = d.split(':');
      return `${documentPrefix(parts[0] as DocumentKind)}:${parts[parts.length - 1]}`;
    }),
    ...(record.registration ? [`registration:${normaliseCode(record.registration)}`] : []),
    ...(record.engineSerial ? [`engine:${normaliseCode(record.engineSerial)}`] : []),
    ...(record.plate ? [`plate:${normaliseCode(record.plate)}`] : []),
    ...(record.hullId ? [`hull:${normaliseCode(record.hullId)}`] : []),
    ...(record.identifier ? [looksLikeIban(record.identifier) ? `iban:${record.identifier}` : `account:${record.identifier}`] : []),
  ];
  return [...new Set(keys)];
}

/** The key kinds each record field fills: a record giving the field replaces these keys. */
export const KEY_KINDS_OF_FIELD: Record<keyof Identified, IdentifierKind[]> = {
  phones: ['phone'],
  imeis: ['imei'],
  documents: ['passport', 'national_id', 'residence_permit', 'driving_licence', 'document'],
  registration: ['registration'],
  engineSerial: ['engine'],
  plate: ['plate'],
  hullId: ['hull'],
  identifier: ['iban', 'account'],
};

function normaliseAs(kind: IdentifierKind, value: string): string | undefined {
  const ok = (result: string | Error) => (result instanceof Error || result === '' ? undefined : result);
  switch (kind) {
    case 'phone':
      return ok(normalisePhone(value));
    case 'imei':
      return ok(normaliseImei(value));
    case 'iban':
      return looksLikeIban(value) ? ok(normaliseAccountIdentifier(value)) : undefined;
    case 'account':
      return ok(value.trim());
    default:
      return ok(normaliseCode(value));
  }
}

/**
 * The keys a looked-up identifier may be stored under: `kind:value` is that kind only; a bare
 * value is tried as every kind it can be (a phone number is not an IMEI). A prefix that names
 * no kind is part of the value (`ABC:123` as a bare value).
 */
export function lookupKeys(input: string): string[] {
  const text = input.trim();
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  const kinds: readonly IdentifierKind[] = (IDENTIFIER_KINDS as readonly string[]).includes(prefix) ? [prefix as IdentifierKind] : IDENTIFIER_KINDS;
  const value = kinds.length === 1 ? text.slice(colon + 1) : text;
  const keys = kinds.flatMap((kind) => {
    const normal = normaliseAs(kind, value);
    return normal === undefined ? [] : [`${kind}:${normal}`];
  });
  return [...new Set(keys)];
}
