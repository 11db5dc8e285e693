/**
 * The Fellegi–Sunter model's parameters: for every field, its comparison levels, each with
 *   m = P(level | the two records are one entity)   and   u = P(level | they are two),
 * weighing log2(m / u) bits for (positive) or against (negative) a match. A level whose two
 * records do not both give the field weighs nothing (m = u). They are set from reasoning about
 * how real duplicates and real strangers look, then checked against the generator's planted
 * duplicates and look-alikes (test/resolution/linkage-truth.test.ts); docs/resolution.md gives
 * the reasons for each figure.
 */

export interface Level {
  label: string;
  m: number;
  u: number;
  /** Jaro–Winkler floor for the name levels that use it. */
  atLeast?: number;
}

const level = (label: string, m: number, u: number, atLeast?: number): Level => ({ label, m, u, ...(atLeast === undefined ? {} : { atLeast }) });

/** log2(m / u), with u replaced by a term-frequency u when one is given. */
export function weightOf(l: Level, u = l.u): number {
  return Math.log2(l.m / u);
}

/**
 * The population the parameters that scale with scope size are taken over: the records
 * compared, and never fewer than 21, so that a handful of records gets no easier matches than
 * a small case (the prior stops growing at 1 in 1,000).
 */
export function population(records: number): number {
  return Math.max(21, records);
}

/**
 * The prior: log2 odds that two records of one type are one entity before any field is looked
 * at, λ/(1−λ). λ assumes 5% of records are a second record of someone (intelligence from many
 * sources repeats people): 0.05·n true pairs among n(n−1)/2, so λ = 0.1/(n−1). Evidence must
 * make up 16.6 bits at 10,000 records (19.9 at 100,000) to reach even odds, 3.2 more for the
 * 0.9 threshold.
 */
export const DUPLICATE_SHARE = 0.05;

export function priorLog2Odds(records: number): number {
  const lambda = (2 * DUPLICATE_SHARE) / (population(records) - 1);
  return Math.log2(lambda / (1 - lambda));
}

/**
 * u of the levels that agree because of a stranger's shared phone or tie: each record has a
 * bounded number of strangers it shares one with (a relative's phone, a cell's contacts), so
 * the chance a random pair does falls as 1/(n−1), as λ does. Never above m: such a level never
 * counts against.
 */
export function perPopulation(strangers: number, records: number, m: number): number {
  return Math.min(m, strangers / (population(records) - 1));
}

export const IDENTIFIER = {
  /**
   * A shared phone or document: about 7 records in 100 share one with a stranger (a family
   * phone, a borrowed handset, a recycled number), u = 0.07/(n−1), times the other records
   * holding the key beyond the pair. With λ = 0.1/(n−1) a shared identifier alone is even odds:
   * strong, not conclusive. (u here is set per scope: see IDENTIFIER_STRANGERS.)
   */
  one: level('shared identifier', 0.7, Number.NaN),
  several: level('several shared identifiers', 0.1, Number.NaN),
  /** Both give identifiers and none is shared: one person's second phone, from another source. */
  none: level('no shared identifier', 0.2, 0.99999),
  missing: level('missing', 1, 1),
};
/** Strangers a record shares one identifier with (u = this/(n−1)), and several. */
export const IDENTIFIER_STRANGERS = { one: 0.07, several: 0.001 };

/** The close and alike levels need every word to match one of the other name's at least this well (Hakimi ~ Amiri is another family name, not a misspelling). */
export const NAME_WORD_FLOOR = 0.75;

export const NAME = {
  /** Same normalised name; u is the name's frequency in scope (a common name agrees by chance often). */
  exact: level('same name', 0.3, 1e-3),
  /** Same transliteration key (Mohammed Rashid ~ Muhammad Rasheed); u is the key's frequency in scope. */
  transliteration: level('same name transliterated', 0.3, 1e-3),
  /** A family name given as its initial (Hemin R. ~ Hemin Rashid). */
  initial: level('name agrees but for an initial', 0.1, 1e-3),
  /** Folded names close (Jaro–Winkler ≥ 0.92, word by word): a misspelling. */
  close: level('names close', 0.15, 2e-3, 0.92),
  /** An alias of one record is the other's name, or makes it up (Kaka Hemin ~ Hemin Rashid a.k.a. Kaka). */
  alias: level('alias agrees', 0.05, 5e-4),
  /** Folded names somewhat alike (Jaro–Winkler ≥ 0.85, word by word). */
  similar: level('names alike', 0.05, 0.01, 0.85),
  /** Different names: rare for one person (a new identity is beyond linkage), usual for two. */
  different: level('different names', 0.005, 0.99),
  missing: level('missing', 1, 1),
};

export const DOB = {
  /** About 14,000 dates of birth are in use (40 years); with their unevenness two strangers share one about once in 12,000 pairs. */
  same: level('same date of birth', 0.93, 1 / 12_000),
  /** Day and month swapped or one digit off: a typing slip. */
  close: level('date of birth one slip apart', 0.05, 0.002),
  /** A different date of birth is strong evidence against: sources rarely get one person's wrong. */
  different: level('different date of birth', 0.01, 0.998),
  missing: level('missing', 1, 1),
};

export const NATIONALITY = {
  /** Most people in one case come from a handful of countries: agreement is common by chance. */
  same: level('same nationality', 0.95, 0.15),
  different: level('different nationality', 0.05, 0.85),
  missing: level('missing', 1, 1),
};

export const NEIGHBOURS = {
  /** Two or more shared ties to entities few records are tied to: contacts, accounts, vehicles (u per scope: NEIGHBOUR_STRANGERS). */
  several: level('several shared specific ties', 0.15, Number.NaN),
  one: level('a shared specific tie', 0.25, Number.NaN),
  /** Shared ties only to crossings or to entities many are tied to (a recruiter): co-travellers have them. */
  common: level('shared common ties only', 0.1, 0.03),
  none: level('no shared tie', 0.5, 0.99),
  missing: level('missing', 1, 1),
};
/** Strangers a record shares one specific tie with (u = this/(n−1)), and several: a cell's members share contacts. */
export const NEIGHBOUR_STRANGERS = { one: 200, several: 50 };
/**
 * The least u of the tie levels, whatever the scope: ties say two records move in one circle,
 * and relatives or cell members do (they also share a family phone), so ties never weigh more
 * than log2(0.15/0.001) ≈ 7.2 and log2(0.25/0.005) ≈ 5.6 bits.
 */
export const NEIGHBOUR_U_FLOOR = { one: 0.005, several: 0.001 };
