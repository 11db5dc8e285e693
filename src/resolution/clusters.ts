import type { Candidate, ResolvableType } from './records.js';

/**
 * Records resolved into entities: union–find over the merges a scope takes (accepted decisions,
 * and with `auto:p` the candidates at or above p that no decision rejected). Each cluster is
 * one entity named by the least id of its records present in the scope; every id of the
 * cluster maps to that one. A rejected pair is a cannot-link for the model's merges: an automatic
 * merge that would put two rejected records in one entity, even through a third record, is not
 * made (merges are taken in order, so the more probable first). An analyst's accepted merges
 * are always made. Pure: the caller reads the decisions and candidates.
 */

export interface Merge {
  type: ResolvableType;
  records: readonly string[];
  /** Why, in words: `accepted by Analyst Khan: same passport`, `shared passport A1234567`. */
  because: string;
  /** The model's merge (auto): not made when it would join two records a decision rejected. */
  automatic?: boolean;
}

export interface Cluster {
  type: ResolvableType;
  /** The id the entity keeps: the least of its records present in scope. */
  id: string;
  /** Its records present in scope, sorted (the entity stands for these). */
  records: string[];
  because: string[];
}

export interface Resolution {
  /** `type:id` of every merged record → the id of its entity. */
  idOf: Map<string, string>;
  /** `type:id` of each entity standing for more than one record present → its cluster. */
  clusters: Map<string, Cluster>;
}

export const NO_RESOLUTION: Resolution = { idOf: new Map(), clusters: new Map() };

export const pairKey = (type: string, a: string, b: string) => (a < b ? `${type}|${a}|${b}` : `${type}|${b}|${a}`);

/** The pairKey of every pair among records of one type (a decision names two or more). */
export function pairsOf(type: string, records: readonly string[]): string[] {
  return records.flatMap((a, i) => records.slice(i + 1).map((b) => pairKey(type, a, b)));
}

/** Why the model matched a pair, in words: its strongest agreeing evidence. */
export function candidateBecause(candidate: Candidate): string {
  const agreeing = candidate.evidence.filter((e) => e.weight > 0).sort((a, b) => b.weight - a.weight);
  const words = agreeing.slice(0, 2).map((e) => (e.field === 'identifier' ? `${e.level} ${e.detail}` : `${e.field} ${e.level}`));
  return `${words.join(', ') || 'matched'}, p = ${candidate.probability.toFixed(3)}`;
}

/** `rejected`: pairKey of every pair a standing decision rejected. */
export function resolveClusters(present: ReadonlySet<string>, merges: readonly Merge[], rejected: ReadonlySet<string> = new Set()): Resolution {
  const parent = new Map<string, string>();
  /** Root → its records' keys, while merging (to test cannot-links). */
  const held = new Map<string, string[]>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const idPart = (key: string) => key.slice(key.indexOf(':') + 1);
  const apart = (type: string, a: string, b: string) => held.get(a)!.some((x) => held.get(b)!.some((y) => rejected.has(pairKey(type, idPart(x), idPart(y)))));
  const made: Merge[] = [];
  for (const merge of merges) {
    const keys = merge.records.map((id) => `${merge.type}:${id}`);
    for (const key of keys) {
      if (parent.has(key)) continue;
      parent.set(key, key);
      held.set(key, [key]);
    }
    if (merge.automatic && rejected.size > 0) {
      const roots = [...new Set(keys.map(find))];
      if (roots.some((a, i) => roots.slice(i + 1).some((b) => apart(merge.type, a, b)))) continue;
    }
    for (const key of keys.slice(1)) {
      const [a, b] = [find(keys[0]!), find(key)];
      if (a === b) continue;
      parent.set(b, a);
      held.set(a, [...held.get(a)!, ...held.get(b)!]);
      held.delete(b);
    }
    made.push(merge);
  }
  const members = new Map<string, string[]>();
  for (const key of parent.keys()) {
    const root = find(key);
    members.set(root, [...(members.get(root) ?? []), key]);
  }
  const because = new Map<string, string[]>();
  for (const merge of made) {
    const root = find(`${merge.type}:${merge.records[0]}`);
    because.set(root, [...(because.get(root) ?? []), merge.because]);
  }
  const idOf = new Map<string, string>();
  const clusters = new Map<string, Cluster>();
  for (const [root, keys] of members) {
    const type = root.slice(0, root.indexOf(':')) as ResolvableType;
    const inScope = keys
      .filter((k) => present.has(k))
      .map(idPart)
      .sort();
    const id = inScope[0] ?? keys.map(idPart).sort()[0]!;
    for (const key of keys) idOf.set(key, id);
    if (inScope.length > 1) clusters.set(`${type}:${id}`, { type, id, records: inScope, because: [...new Set(because.get(root) ?? [])] });
  }
  return { idOf, clusters };
}

/** The explanation line of a resolved entity: `seen as P-001 and P-115 (accepted by Analyst Khan: same passport)`. */
export function seenAs(cluster: Cluster): string {
  const ids = cluster.records;
  const listed = ids.length === 2 ? `${ids[0]} and ${ids[1]}` : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
  return `seen as ${listed} (${cluster.because.join('; ')})`;
}
