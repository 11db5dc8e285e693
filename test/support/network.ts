import type { Truth } from '../../src/generator/model.js';
import { generateNetwork } from '../../src/generator/network.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';

/** The roles a disruption ranking should surface (DOMAIN.md: organisers, brokers, procurers, money movers). */
export const TARGET_ROLES: ReadonlySet<string> = new Set(['organiser', 'broker', 'procurer', 'money_mover']);

/**
 * A generated network whose every id (records and investigations) carries `tag`, so networks of
 * several seeds can share the test database without merging into each other.
 */
export function taggedNetwork(people: number, seed: number, tag: string, options: { duplicates?: number } = {}): { document: IngestDocument; truth: Truth } {
  const { document, truth } = generateNetwork({ people, seed, ...options });
  const ids = new Set<string>(document.investigations.map((i) => i.id));
  for (const value of Object.values(document)) {
    if (!Array.isArray(value)) continue;
    for (const record of value as { id?: unknown }[]) if (typeof record.id === 'string') ids.add(record.id);
  }
  const retag = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.has(value) ? `${value}~${tag}` : value;
    if (Array.isArray(value)) return value.map(retag);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retag(v)]));
    return value;
  };
  const roles = Object.fromEntries(Object.entries(truth.roles).map(([id, role]) => [`${id}~${tag}`, role]));
  const tagged = (id: string) => `${id}~${tag}`;
  return {
    document: retag(document) as IngestDocument,
    truth: {
      ...truth,
      roles,
      topTargets: truth.topTargets.map(tagged),
      ...(truth.duplicates && {
        duplicates: truth.duplicates.map((d) => ({ ...d, records: [tagged(d.records[0]), tagged(d.records[1])] as [string, string], original: tagged(d.original) })),
      }),
      ...(truth.lookAlikes && { lookAlikes: truth.lookAlikes.map((l) => ({ ...l, records: [tagged(l.records[0]), tagged(l.records[1])] as [string, string] })) }),
    },
  };
}

/** Share of the first k ranked people whose planted role is a target role. */
export function precisionAt(k: number, rankedPeople: string[], roles: Record<string, string>): number {
  const top = rankedPeople.slice(0, k);
  return top.filter((id) => TARGET_ROLES.has(roles[id] ?? '')).length / k;
}
