/**
 * Entity resolution's contract: the records compared (one per entity id of a type, as the
 * scope sees it) and the candidates found among them (pairs likely to be one entity, with the
 * evidence weighed). The record-linkage model is in linkage.ts and docs/resolution.md; the
 * records are read in repositories/resolution-repository.ts.
 */

/** The types compared: only entities of one type are ever candidates for each other. */
export const RESOLVABLE_TYPES = ['person', 'organisation', 'vessel', 'account'] as const;
export type ResolvableType = (typeof RESOLVABLE_TYPES)[number];

export interface ResolutionRecord {
  type: ResolvableType;
  id: string;
  /** Name as loaded (a vessel's name, an account's holder name); null when unknown. */
  name: string | null;
  aliases: string[];
  /** ISO date, people only. */
  dateOfBirth: string | null;
  nationality: string | null;
  /** Identifier keys (`kind:value`, normalised as model/identifiers.ts stores them). */
  identifiers: string[];
  /** Keys (`type:id`) of the entities it is tied to in scope: contacts, crossings, accounts, vessels. */
  neighbours: string[];
}

/** The fields the model compares; each candidate says what each one weighed. */
export const EVIDENCE_FIELDS = ['identifier', 'name', 'dateOfBirth', 'nationality', 'neighbours'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

export interface Evidence {
  field: EvidenceField;
  /** The comparison level reached, e.g. `shared phone`, `names agree (Jaro–Winkler 0.96)`, `different`, `missing`. */
  level: string;
  /** Its log2 Bayes factor (Fellegi–Sunter match weight): positive for a match, negative against. */
  weight: number;
  /** What agreed or differed, in words: `+447700900123`, `Mohammed Rashid ~ Muhammad Rashid`. */
  detail: string;
}

export interface Candidate {
  type: ResolvableType;
  /** The two ids, the lesser first. */
  records: [string, string];
  /** Posterior probability that they are one entity, 0–1. */
  probability: number;
  /** Sum of the evidence weights plus the prior's log2 odds. */
  matchWeight: number;
  evidence: Evidence[];
}

export interface LinkageOptions {
  /** Candidates below this probability are left out. */
  threshold: number;
}
