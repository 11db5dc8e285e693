import { createHash } from 'node:crypto';

import neo4j from 'neo4j-driver';

/**
 * A digest of what one record writes to a copy (its properties, the relations it names, its
 * identifier keys; not when it was recorded): stored on the copy as `contentHash` by every
 * write, so a re-sent record whose digest matches the copy's is known unchanged from one
 * indexed lookup, and nothing is written for it. Keys are sorted, and Neo4j values (Integer,
 * Date, DateTime, Point) are written as their text, so the same record gives the same digest
 * whatever the order of its fields.
 */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(canonical(value)).digest('base64');
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (neo4j.isInt(value)) return `i${value.toString()}`;
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isPoint(value)) return `t${JSON.stringify(value.toString())}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
