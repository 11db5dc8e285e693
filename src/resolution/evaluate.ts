import type { Candidate } from './records.js';

/**
 * Candidates scored against known truth (a generator's planted duplicates): precision is the
 * share of candidates that are true duplicates, recall the share of true duplicates found.
 * Pairs are unordered; a candidate pair that is a planted look-alike is counted apart.
 */

export interface LinkageScore {
  truePairs: number;
  candidates: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** Planted look-alikes scored at or above the threshold. */
  lookAlikesAbove: number;
  /** Planted duplicate pairs not found, by kind. */
  missedByKind: Record<string, number>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function scoreCandidates(
  candidates: readonly Candidate[],
  duplicates: readonly { records: readonly [string, string]; kind: string }[],
  lookAlikes: readonly { records: readonly [string, string] }[] = [],
): LinkageScore {
  const truth = new Map(duplicates.map((d) => [pairKey(d.records[0], d.records[1]), d.kind]));
  const alike = new Set(lookAlikes.map((l) => pairKey(l.records[0], l.records[1])));
  const found = new Set<string>();
  let lookAlikesAbove = 0;
  for (const c of candidates) {
    const key = pairKey(c.records[0], c.records[1]);
    if (truth.has(key)) found.add(key);
    if (alike.has(key)) lookAlikesAbove++;
  }
  const missedByKind: Record<string, number> = {};
  for (const [key, kind] of truth) if (!found.has(key)) missedByKind[kind] = (missedByKind[kind] ?? 0) + 1;
  return {
    truePairs: truth.size,
    candidates: candidates.length,
    truePositives: found.size,
    precision: candidates.length === 0 ? 1 : found.size / candidates.length,
    recall: truth.size === 0 ? 1 : found.size / truth.size,
    lookAlikesAbove,
    missedByKind,
  };
}
