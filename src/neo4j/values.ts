import neo4j from 'neo4j-driver';

/**
 * Converts what the driver returns into plain JSON-safe data at the repository boundary.
 * Neo4j integers are 64-bit; they become JS numbers only when that is exact, otherwise this
 * throws rather than silently rounding (ids are strings in this service, so only a corrupt
 * count could get there). Temporal values become ISO-8601 strings; nodes and relationships
 * become their property maps.
 */

export class IntegerRangeError extends Error {
  override name = 'IntegerRangeError';
}

export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) {
      throw new IntegerRangeError(`neo4j/values: integer ${value.toString()} is outside the exact range of a JS number`);
    }
    return neo4j.integer.toNumber(value);
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new IntegerRangeError(`neo4j/values: integer ${value} is outside the exact range of a JS number`);
    }
    return Number(value);
  }
  if (isTemporal(value)) return String(value);
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toNative(value.properties);
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toNative(inner);
    return out;
  }
  return value;
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
