import { nameKey, nameSimilarities, normaliseName } from './names.js';
import type { Candidate, Evidence, LinkageOptions, ResolutionRecord } from './records.js';
import {
  DOB,
  IDENTIFIER,
  IDENTIFIER_STRANGERS,
  type Level,
  NAME,
  NAME_WORD_FLOOR,
  NATIONALITY,
  NEIGHBOUR_STRANGERS,
  NEIGHBOUR_U_FLOOR,
  NEIGHBOURS,
  perPopulation,
  priorLog2Odds,
  weightOf,
} from './weights.js';

/**
 * Record linkage over a scope's records (Fellegi & Sunter 1969, as Splink implements it):
 * blocking picks the pairs worth comparing (records sharing an identifier, a date of birth, a
 * specific tie or a rare name), each pair is compared field by field, every field's level adds
 * its log2(m/u) to the prior's log2 odds, and the sum is the match weight, turned into a
 * probability. Same-type records only. The m and u of every level, the blocking keys and the
 * threshold are in weights.ts and docs/resolution.md.
 */

export const DEFAULT_THRESHOLD = 0.9;

/** A blocking key held by more records than this is not a block (a call centre's phone, a crowded crossing). */
export const MAX_BLOCK: Record<BlockKind, number> = { identifier: 50, dob: 200, tie: 10, name: 12 };
type BlockKind = 'identifier' | 'dob' | 'tie' | 'name';

/**
 * A tie to an entity more records than this are tied to is common (a recruiter, a busy
 * account), not specific; so is a tie to a crossing, whatever its size: travelling together is
 * what relatives and strangers on one boat do, not a sign of one person.
 */
export const SPECIFIC_TIE_DEGREE = 20;

export interface LinkageStats {
  records: number;
  /** Distinct pairs compared field by field after blocking. */
  pairsCompared: number;
  /** Distinct same-type pairs there are (n(n−1)/2 per type): what comparing all pairs would take. */
  allPairs: number;
  /** Blocks by kind, and the keys left out for being held by too many records. */
  blocks: Record<BlockKind, number>;
  oversizedBlocks: Record<BlockKind, number>;
  candidates: number;
}

interface Prepared {
  record: ResolutionRecord;
  /** `type:id`, as other records' ties name it. */
  self: string;
  /** Normalised name and aliases, name first ('' when there is no name). */
  names: string[];
  /** Their transliteration keys, in the same order. */
  keys: string[];
  /** The name key's folded words, and every folded word of the name and aliases. */
  nameWords: string[];
  words: Set<string>;
  identifiers: Set<string>;
  neighbours: Set<string>;
}

interface Frequencies {
  records: number;
  exact: Map<string, number>;
  keys: Map<string, number>;
  identifiers: Map<string, number>;
  neighbours: Map<string, number>;
  /** Word-by-word similarity of two name keys, computed once per pair of keys. */
  similarity: Map<string, { mean: number; weakest: number }>;
}

function prepare(record: ResolutionRecord): Prepared {
  const raw = [record.name ?? '', ...record.aliases];
  const keys = raw.map(nameKey);
  return {
    record,
    self: `${record.type}:${record.id}`,
    names: raw.map(normaliseName),
    keys,
    nameWords: keys[0] ? keys[0].split(' ') : [],
    words: new Set(keys.flatMap((k) => (k ? k.split(' ') : []))),
    identifiers: new Set(record.identifiers),
    neighbours: new Set(record.neighbours),
  };
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function frequencies(prepared: readonly Prepared[]): Frequencies {
  const f: Frequencies = { records: prepared.length, exact: new Map(), keys: new Map(), identifiers: new Map(), neighbours: new Map(), similarity: new Map() };
  for (const p of prepared) {
    if (p.names[0]) count(f.exact, p.names[0]);
    if (p.keys[0]) count(f.keys, p.keys[0]);
    for (const key of p.identifiers) count(f.identifiers, key);
    for (const key of p.neighbours) count(f.neighbours, key);
  }
  return f;
}

/**
 * Term-frequency u (Splink's adjustment): the share of other records with the same value,
 * smoothed toward the level's base u with 1,000 pseudo-records so a small scope's counts do not
 * make a name look rare or common on one or two records.
 */
function termFrequencyU(base: number, holders: number, records: number): number {
  const PSEUDO = 1000;
  return (Math.max(0, holders - 1) + PSEUDO * base) / (Math.max(0, records - 1) + PSEUDO);
}

function evidence(field: Evidence['field'], level: Level, detail: string, u?: number): Evidence {
  return { field, level: level.label, weight: weightOf(level, u), detail };
}

/** Words agree one for one, a word being equal or one of them a lone initial of the other. */
function initialsAgree(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa.length !== wb.length || wa.length < 2) return false;
  let initials = 0;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i]!;
    const y = wb[i]!;
    if (x === y) continue;
    if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y))) initials++;
    else return false;
  }
  return initials > 0;
}

/**
 * An alias used as a name: every word of one record's name is a word of the other's name or
 * aliases, an alias among them (`Kaka Hemin` ~ `Hemin Rashid` a.k.a. `Kaka`), or one's alias is
 * the other's name. Two records giving the same alias only do not agree: nicknames (Haji,
 * Doctor, Kaka) are shared by many.
 */
function aliasAgrees(a: Prepared, b: Prepared): boolean {
  const covered = (x: Prepared, y: Prepared) => y.keys.length > 1 && x.nameWords.length > 0 && x.nameWords.every((w) => y.words.has(w));
  if (covered(a, b) || covered(b, a)) return true;
  for (let i = 1; i < a.keys.length; i++) if (a.keys[i] && a.keys[i] === b.keys[0]) return true;
  for (let j = 1; j < b.keys.length; j++) if (b.keys[j] && b.keys[j] === a.keys[0]) return true;
  return false;
}

function similarityOf(ka: string, kb: string, f: Frequencies): { mean: number; weakest: number } {
  const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
  let value = f.similarity.get(key);
  if (value === undefined) {
    value = nameSimilarities(ka, kb);
    f.similarity.set(key, value);
  }
  return value;
}

function compareNames(a: Prepared, b: Prepared, f: Frequencies, explain: boolean): Evidence {
  const na = a.names[0]!;
  const nb = b.names[0]!;
  const detail = explain ? `${a.record.name ?? '?'} ~ ${b.record.name ?? '?'}` : '';
  if (!na || !nb) return evidence('name', NAME.missing, detail);
  if (na === nb) return evidence('name', NAME.exact, detail, termFrequencyU(NAME.exact.u, f.exact.get(na) ?? 1, f.records));
  const ka = a.keys[0]!;
  const kb = b.keys[0]!;
  if (ka === kb) return evidence('name', NAME.transliteration, explain ? `${detail} (both ${ka})` : '', termFrequencyU(NAME.transliteration.u, f.keys.get(ka) ?? 1, f.records));
  if (initialsAgree(na, nb)) return evidence('name', NAME.initial, detail);
  const { mean, weakest } = similarityOf(ka, kb, f);
  const jw = explain ? `${detail} (Jaro–Winkler ${mean.toFixed(2)} word by word, weakest word ${weakest.toFixed(2)})` : '';
  // A word with no near match in the other name (another family name) is not a spelling variant.
  const variant = weakest >= NAME_WORD_FLOOR;
  if (variant && mean >= NAME.close.atLeast!) return evidence('name', NAME.close, jw);
  if (aliasAgrees(a, b))
    return evidence('name', NAME.alias, explain ? `${[a.record.name, ...a.record.aliases].join(' / ')} ~ ${[b.record.name, ...b.record.aliases].join(' / ')}` : '');
  if (variant && mean >= NAME.similar.atLeast!) return evidence('name', NAME.similar, jw);
  return evidence('name', NAME.different, jw);
}

function compareIdentifiers(a: Prepared, b: Prepared, f: Frequencies, explain: boolean): Evidence {
  if (a.identifiers.size === 0 || b.identifiers.size === 0) return evidence('identifier', IDENTIFIER.missing, explain ? 'not both known' : '');
  const [small, large] = a.identifiers.size <= b.identifiers.size ? [a.identifiers, b.identifiers] : [b.identifiers, a.identifiers];
  let shared = 0;
  // A key many records hold is less telling: its u grows with the records sharing it.
  let holders = Number.POSITIVE_INFINITY;
  for (const key of small) {
    if (!large.has(key)) continue;
    shared++;
    holders = Math.min(holders, f.identifiers.get(key) ?? 2);
  }
  if (shared === 0) return evidence('identifier', IDENTIFIER.none, explain ? `${a.identifiers.size} and ${b.identifiers.size} known, none in common` : '');
  const several = shared > 1;
  const level = several ? IDENTIFIER.several : IDENTIFIER.one;
  const u = Math.min(level.m, perPopulation(several ? IDENTIFIER_STRANGERS.several : IDENTIFIER_STRANGERS.one, f.records, level.m) * Math.max(1, holders - 1));
  if (!explain) return evidence('identifier', level, '', u);
  const keys = [...small].filter((key) => large.has(key)).sort();
  const kinds = [...new Set(keys.map((key) => key.slice(0, key.indexOf(':'))))].join(', ');
  return { ...evidence('identifier', level, keys.map((key) => key.slice(key.indexOf(':') + 1)).join(', '), u), level: `${level.label} (${kinds})` };
}

/** Same year with day and month swapped, or one digit apart: a typing or format slip. */
function datesClose(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) return true;
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  return differ === 1;
}

function compareDates(a: ResolutionRecord, b: ResolutionRecord, explain: boolean): Evidence {
  if (!a.dateOfBirth || !b.dateOfBirth) return evidence('dateOfBirth', DOB.missing, explain ? 'not both known' : '');
  if (a.dateOfBirth === b.dateOfBirth) return evidence('dateOfBirth', DOB.same, a.dateOfBirth);
  return evidence('dateOfBirth', datesClose(a.dateOfBirth, b.dateOfBirth) ? DOB.close : DOB.different, explain ? `${a.dateOfBirth} ~ ${b.dateOfBirth}` : '');
}

function compareNationality(a: ResolutionRecord, b: ResolutionRecord, explain: boolean): Evidence {
  if (!a.nationality || !b.nationality) return evidence('nationality', NATIONALITY.missing, explain ? 'not both known' : '');
  if (a.nationality === b.nationality) return evidence('nationality', NATIONALITY.same, a.nationality);
  return evidence('nationality', NATIONALITY.different, explain ? `${a.nationality} ~ ${b.nationality}` : '');
}

const specificTie = (key: string, f: Frequencies) => !key.startsWith('crossing:') && (f.neighbours.get(key) ?? 0) <= SPECIFIC_TIE_DEGREE;

/** Ties in common, the tie between the two records themselves left out (a relative is tied to the other, a duplicate is not). */
function compareNeighbours(a: Prepared, b: Prepared, f: Frequencies, explain: boolean): Evidence {
  const sizeA = a.neighbours.size - (a.neighbours.has(b.self) ? 1 : 0);
  const sizeB = b.neighbours.size - (b.neighbours.has(a.self) ? 1 : 0);
  if (sizeA === 0 || sizeB === 0) return evidence('neighbours', NEIGHBOURS.missing, explain ? 'not both tied to anything else' : '');
  const [small, large] = a.neighbours.size <= b.neighbours.size ? [a.neighbours, b.neighbours] : [b.neighbours, a.neighbours];
  let shared = 0;
  let specific = 0;
  for (const key of small) {
    if (!large.has(key)) continue;
    shared++;
    if (specificTie(key, f)) specific++;
  }
  if (shared === 0) return evidence('neighbours', NEIGHBOURS.none, explain ? `${sizeA} and ${sizeB} ties, none in common` : '');
  let detail = '';
  if (explain) {
    const keys = [...small].filter((key) => large.has(key)).sort((x, y) => Number(specificTie(y, f)) - Number(specificTie(x, f)) || (x < y ? -1 : 1));
    detail = keys.slice(0, 5).join(', ') + (keys.length > 5 ? ` and ${keys.length - 5} more` : '');
  }
  if (specific === 0) return evidence('neighbours', NEIGHBOURS.common, detail);
  const several = specific >= 2;
  const level = several ? NEIGHBOURS.several : NEIGHBOURS.one;
  const u = Math.max(
    several ? NEIGHBOUR_U_FLOOR.several : NEIGHBOUR_U_FLOOR.one,
    perPopulation(several ? NEIGHBOUR_STRANGERS.several : NEIGHBOUR_STRANGERS.one, f.records, level.m),
  );
  return evidence('neighbours', level, detail, u);
}

function compare(a: Prepared, b: Prepared, f: Frequencies, prior: number, explain: boolean): Candidate {
  const [x, y] = a.record.id < b.record.id ? [a, b] : [b, a];
  const fields = [compareIdentifiers(x, y, f, explain), compareNames(x, y, f, explain)];
  if (x.record.type === 'person') fields.push(compareDates(x.record, y.record, explain), compareNationality(x.record, y.record, explain));
  fields.push(compareNeighbours(x, y, f, explain));
  let matchWeight = prior;
  for (const e of fields) matchWeight += e.weight;
  return { type: x.record.type, records: [x.record.id, y.record.id], probability: 1 / (1 + 2 ** -matchWeight), matchWeight, evidence: fields };
}

/**
 * One pair compared as linkRecords compares it, blocked or not, with name and identifier
 * frequencies and the prior taken from `scope` (default: the two records alone).
 */
export function comparePair(a: ResolutionRecord, b: ResolutionRecord, scope: readonly ResolutionRecord[] = [a, b]): Candidate {
  const prepared = scope.filter((r) => r.type === a.type).map(prepare);
  return compare(prepare(a), prepare(b), frequencies(prepared), priorLog2Odds(prepared.length), true);
}

/** The blocking keys of a record: its identifiers, its date of birth, its ties and its name's key. */
function blockingKeys(p: Prepared): [BlockKind, string][] {
  const keys: [BlockKind, string][] = [];
  for (const key of p.identifiers) keys.push(['identifier', key]);
  if (p.record.dateOfBirth) keys.push(['dob', p.record.dateOfBirth]);
  for (const key of p.neighbours) keys.push(['tie', key]);
  for (const key of p.keys) if (key) keys.push(['name', key]);
  return keys;
}

/**
 * Candidates with the blocking's figures. Each type is blocked and compared on its own; a pair
 * in several blocks is compared once.
 */
export function linkRecords(records: readonly ResolutionRecord[], options: LinkageOptions = { threshold: DEFAULT_THRESHOLD }): { candidates: Candidate[]; stats: LinkageStats } {
  const stats: LinkageStats = {
    records: records.length,
    pairsCompared: 0,
    allPairs: 0,
    blocks: { identifier: 0, dob: 0, tie: 0, name: 0 },
    oversizedBlocks: { identifier: 0, dob: 0, tie: 0, name: 0 },
    candidates: 0,
  };
  const byType = new Map<string, ResolutionRecord[]>();
  for (const record of records) {
    const list = byType.get(record.type) ?? [];
    list.push(record);
    byType.set(record.type, list);
  }
  const candidates: Candidate[] = [];
  for (const list of byType.values()) {
    // One record per id: a repeated id is the same entity already.
    const unique = [...new Map(list.map((r) => [r.id, r])).values()];
    const prepared = unique.map(prepare);
    const f = frequencies(prepared);
    const prior = priorLog2Odds(prepared.length);
    stats.allPairs += (prepared.length * (prepared.length - 1)) / 2;
    const blocks = new Map<string, number[]>();
    prepared.forEach((p, index) => {
      for (const [kind, key] of blockingKeys(p)) {
        const block = `${kind}|${key}`;
        const members = blocks.get(block);
        if (members) {
          if (members[members.length - 1] !== index) members.push(index);
        } else blocks.set(block, [index]);
      }
    });
    const n = prepared.length;
    const seen = new Set<number>();
    for (const [block, members] of blocks) {
      if (members.length < 2) continue;
      const kind = block.slice(0, block.indexOf('|')) as BlockKind;
      if (members.length > MAX_BLOCK[kind]) {
        stats.oversizedBlocks[kind]++;
        continue;
      }
      stats.blocks[kind]++;
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++) {
          const pair = members[i]! * n + members[j]!;
          if (seen.has(pair)) continue;
          seen.add(pair);
          const a = prepared[members[i]!]!;
          const b = prepared[members[j]!]!;
          // Scored without words first; the evidence is spelt out for candidates only.
          if (compare(a, b, f, prior, false).probability >= options.threshold) candidates.push(compare(a, b, f, prior, true));
        }
    }
    stats.pairsCompared += seen.size;
  }
  candidates.sort(
    (p, q) =>
      q.probability - p.probability || q.matchWeight - p.matchWeight || (p.records[0] < q.records[0] ? -1 : p.records[0] > q.records[0] ? 1 : p.records[1] < q.records[1] ? -1 : 1),
  );
  stats.candidates = candidates.length;
  return { candidates, stats };
}

/** Pairs of same-type records likely to be one entity, most likely first, at or above the threshold. */
export function findCandidates(records: readonly ResolutionRecord[], options: LinkageOptions = { threshold: DEFAULT_THRESHOLD }): Candidate[] {
  return linkRecords(records, options).candidates;
}
