import { createHash } from 'node:crypto';

/**
 * What makes two runs the same computation: the scope and every parameter as applied (defaults
 * filled in), in a canonical JSON (keys sorted at every depth), hashed with SHA-256. Two requests
 * that differ only in key order or in spelling out a default get the same fingerprint.
 */

export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

export function fingerprintOf(applied: unknown): string {
  return createHash('sha256').update(canonicalJson(applied)).digest('hex');
}
