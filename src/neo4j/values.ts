import neo4j from 'neo4j-driver';

/**
 * Converts what the driver returns into plain JSON-safe data at the repository boundary.
 * Neo4j integers are 64-bit; they become JS numbers only when that is exact, otherwise this
 * throws rather than silently rounding (ids are strings in this service, so only a corrupt
 * count could get there). Temporal values become ISO-8601 strings; nodes and relationships
 * become their property maps; byte arrays stay typed arrays.
 */

export class IntegerRangeError extends Error {
  override name = 'IntegerRangeError';
}

export function toNative(value: unknown): unknown {
  // Most values are strings, numbers and plain maps and lists: they are told apart first, before
  // the driver's own types are asked for (each check a property lookup, per value).
  if (typeof value !== 'object') return typeof value === 'bigint' ? bigintToNumber(value) : (value ?? null);
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(toNative);
  if (Object.getPrototypeOf(value) === Object.prototype) return plainMap(value as Record<string, unknown>);
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) {
      throw new IntegerRangeError(`neo4j/values: integer ${value.toString()} is outside the exact range of a JS number`);
    }
    return neo4j.integer.toNumber(value);
  }
  if (isTemporal(value)) return temporalText(value);
  // A byte array (Int8Array) stays as it came: turned into a map of its indices it could not be written back.
  if (ArrayBuffer.isView(value)) return value;
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toNative(value.properties);
  return plainMap(value as Record<string, unknown>);
}

function plainMap(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = toNative(inner);
  return out;
}

function bigintToNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new IntegerRangeError(`neo4j/values: integer ${value} is outside the exact range of a JS number`);
  }
  return Number(value);
}

/** A whole number sent as a Neo4j integer (a JS number is sent as a float): for LIMIT, SKIP, list slices and integer properties. */
export function neoInt(value: number) {
  return neo4j.int(Math.trunc(value));
}

/** One record's fields as a plain object, converted with toNative. */
export function recordToObject<T>(record: { toObject(): Record<string, unknown> }): T {
  return toNative(record.toObject()) as T;
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isDuration(value)
  );
}

/** Whole-number fields (`integers`) go as Neo4j integers, so Cypher users see `rank: 3`, not `3.0`. */
export function withIntegers<T extends object>(row: T, integers: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'number' && integers.has(key) ? neoInt(value) : value;
  return out;
}

type Whole = number | bigint | { toNumber(): number };
const whole = (value: Whole): number => (typeof value === 'object' ? value.toNumber() : Number(value));
const pad = (value: number, digits: number) => String(value).padStart(digits, '0');

/**
 * A temporal value as String(value) gives it (the driver's ISO 8601 text), without the driver's
 * 64-bit arithmetic for the usual cases: dates and datetimes of years 0 to 9999 (a datetime
 * with an offset and/or a zone id). Anything else is left to the driver. Entity views carry a
 * stored datetime and dates on every relation, so this is their commonest conversion (tested
 * against String(value), and against what a real Neo4j sends).
 */
export function temporalText(value: unknown): string {
  const isDate = neo4j.isDate(value);
  if (!isDate && !neo4j.isDateTime(value) && !neo4j.isLocalDateTime(value)) return String(value);
  const { year, month, day } = value as { year: Whole; month: Whole; day: Whole };
  const y = whole(year);
  if (y < 0 || y > 9999) return String(value);
  const date = `${pad(y, 4)}-${pad(whole(month), 2)}-${pad(whole(day), 2)}`;
  if (isDate) return date;
  const { hour, minute, second, nanosecond, timeZoneOffsetSeconds, timeZoneId } = value as {
    hour: Whole;
    minute: Whole;
    second: Whole;
    nanosecond: Whole;
    timeZoneOffsetSeconds?: Whole | null;
    timeZoneId?: string | null;
  };
  const nanos = whole(nanosecond);
  const time = `T${pad(whole(hour), 2)}:${pad(whole(minute), 2)}:${pad(whole(second), 2)}${nanos === 0 ? '' : `.${pad(nanos, 9)}`}`;
  const offset = timeZoneOffsetSeconds == null ? '' : offsetText(whole(timeZoneOffsetSeconds));
  return `${date}${time}${offset}${timeZoneId == null ? '' : `[${timeZoneId}]`}`;
}

function offsetText(seconds: number): string {
  if (seconds === 0) return 'Z';
  const size = Math.abs(seconds);
  const rest = size % 60;
  return `${seconds < 0 ? '-' : '+'}${pad(Math.trunc(size / 3600), 2)}:${pad(Math.trunc(size / 60) % 60, 2)}${rest === 0 ? '' : `:${pad(rest, 2)}`}`;
}
