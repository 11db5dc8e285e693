import type { Candidate, Evidence, LinkageOptions, ResolutionRecord } from './records.js';

/**
 * Record linkage over a scope's records: pairs of same-type records blocked on a shared
 * identifier, weighed Fellegi–Sunter style (log2 of m/u per field) into a match probability.
 * First cut: identifiers and exact names only; docs/resolution.md describes the model.
 */

export const DEFAULT_THRESHOLD = 0.9;

const PRIOR_LOG2_ODDS = Math.log2(1 / 1000);
const SHARED_IDENTIFIER = Math.log2(0.9 / 0.0005);
const SAME_NAME = Math.log2(0.8 / 0.01);
const OTHER_NAME = Math.log2(0.2 / 0.99);

export function findCandidates(records: readonly ResolutionRecord[], options: LinkageOptions = { threshold: DEFAULT_THRESHOLD }): Candidate[] {
  const byKey = new Map<string, ResolutionRecord[]>();
  for (const record of records) {
    for (const key of record.identifiers) {
      const block = `${record.type}|${key}`;
      const list = byKey.get(block) ?? [];
      list.push(record);
      byKey.set(block, list);
    }
  }
  const seen = new Map<string, Candidate>();
  for (const [block, list] of byKey) {
    const key = block.slice(block.indexOf('|') + 1);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = list[i]!.id < list[j]!.id ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        if (a.id === b.id) continue;
        const pair = `${a.type}|${a.id}|${b.id}`;
        if (seen.has(pair)) continue;
        const evidence: Evidence[] = [
          { field: 'identifier', level: `shared ${key.slice(0, key.indexOf(':'))}`, weight: SHARED_IDENTIFIER, detail: key.slice(key.indexOf(':') + 1) },
        ];
        const same = a.name !== null && a.name === b.name;
        evidence.push({ field: 'name', level: same ? 'same' : 'different', weight: same ? SAME_NAME : OTHER_NAME, detail: `${a.name ?? '?'} ~ ${b.name ?? '?'}` });
        const matchWeight = PRIOR_LOG2_ODDS + evidence.reduce((s, e) => s + e.weight, 0);
        seen.set(pair, { type: a.type, records: [a.id, b.id], probability: 1 / (1 + 2 ** -matchWeight), matchWeight, evidence });
      }
  }
  return [...seen.values()].filter((c) => c.probability >= options.threshold).sort((p, q) => q.probability - p.probability || (p.records[0] < q.records[0] ? -1 : 1));
}
