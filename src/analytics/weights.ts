/**
 * The documented defaults of the analysis: how much each kind of tie says about two people
 * working together (affinity), how much a fact counts given its 3x5x2 grading (confidence),
 * and how the harm score weighs its components. A request can change any of them.
 *
 * A tie's strength is the sum, over the relations behind it, of
 *   affinity(kind) × confidence(grading) × volume
 * where volume is 1 for one payment, crossing, vessel or location, and linkVolume(count, weight)
 * for a reported link (37 calls say more than one, but not 37 times more).
 */

export const TIE_KINDS = [
  'payment',
  'contact',
  'communication',
  'meeting',
  'family',
  'associate',
  'crossing',
  'vessel',
  'location',
  'employment',
  'directorship',
  'relation',
] as const;

export type TieKind = (typeof TIE_KINDS)[number];

/** Affinity per relation of each kind (people projection; `relation` is any other kind in the full one). */
export const DEFAULT_TIE_WEIGHTS: Readonly<Record<TieKind, number>> = {
  payment: 1,
  contact: 0.5,
  communication: 0.75,
  meeting: 1,
  family: 0.75,
  associate: 0.5,
  crossing: 1.5,
  vessel: 1,
  location: 0.5,
  employment: 1,
  directorship: 1.5,
  relation: 1,
};

/**
 * A reported link's volume. Its amount is its weight when it has one (an edge list's decimal
 * tie strength, docs/csv-columns.md), else its count (1 when left out); the amount is damped
 * above 1 as 1 + ln(amount) and kept as is up to 1, so that 37 calls (or a weight of 37) say
 * more than one but not 37 times more, a weight of 0.25 says a quarter of one report, and a
 * heavier link is always a stronger one (the curve is continuous and rising at 1). A weight
 * replaces the count rather than multiplying it: an edge list's weight already sums the rows
 * the count counts, and multiplying would count them twice. cypher/gds/people-ties.cypher
 * computes the same.
 */
export function linkVolume(count: number | null | undefined, weight?: number | null): number {
  const amount = weight ?? Math.max(1, count ?? 1);
  return amount > 1 ? 1 + Math.log(amount) : amount;
}

/** Source evaluation: 1 reliable, 2 untested, 3 not reliable. */
export const SOURCE_CONFIDENCE: Readonly<Record<1 | 2 | 3, number>> = { 1: 1, 2: 0.8, 3: 0.5 };

/** Intelligence assessment: A known directly … E suspected to be false (left out unless asked). */
export const ASSESSMENT_CONFIDENCE: Readonly<Record<'A' | 'B' | 'C' | 'D' | 'E', number>> = {
  A: 1,
  B: 0.85,
  C: 0.7,
  D: 0.5,
  E: 0.2,
};

/** Ungraded facts (placeholders made by a relation before their record arrived). */
export const UNGRADED_CONFIDENCE = 0.5;

export function confidence(sourceEvaluation: number | null | undefined, assessment: string | null | undefined): number {
  const source = SOURCE_CONFIDENCE[sourceEvaluation as 1 | 2 | 3];
  const info = ASSESSMENT_CONFIDENCE[assessment as 'A'];
  if (source === undefined || info === undefined) return UNGRADED_CONFIDENCE;
  return source * info;
}

/**
 * What a shortest path is shortest in (betweenness, closeness, the planner's path strategies):
 * strength, where a tie is 1 / strength long so that strong ties are short (the default of an
 * analysis), or hops, where every tie is 1 long. Breaking the largest component is a question of
 * hops; who brokers between people who deal with each other often is one of strength.
 */
export const PATH_WEIGHTS = ['strength', 'hops'] as const;
export type PathWeights = (typeof PATH_WEIGHTS)[number];

export const HARM_COMPONENTS = ['structural', 'operational', 'financial', 'threatToLife'] as const;
export type HarmComponent = (typeof HARM_COMPONENTS)[number];

/**
 * Default weights of the harm score's components (normalised by their sum). Chosen on the
 * generator's planted networks (7 seeds and sizes: 9–10 of the top 10 are planted organisers,
 * brokers, procurers or money movers); money weighs most because proceeds and money moved are
 * what separates organisers and money movers from the recruiters and pilots they pay. An
 * analyst who puts lives first raises threatToLife.
 */
export const DEFAULT_HARM_WEIGHTS: Readonly<Record<HarmComponent, number>> = {
  structural: 0.3,
  operational: 0.2,
  financial: 0.4,
  threatToLife: 0.1,
};

/**
 * The structural component's sub-measures and their weights: each enters as a share of the
 * scope's highest (harm/score.ts); brokerage is the participation coefficient plus 1 for a cut
 * point (communities bridged is cited, not ranked: docs/analytics.md "Stability under missing
 * ties").
 */
export const STRUCTURAL_MEASURES = ['betweenness', 'pagerank', 'brokerage'] as const;
export type StructuralMeasure = (typeof STRUCTURAL_MEASURES)[number];
export const STRUCTURAL_WEIGHTS: Readonly<Record<StructuralMeasure, number>> = { betweenness: 2, pagerank: 1, brokerage: 2 };

/**
 * The financial component's two sub-components, each in the reporting currency's minor units:
 *   retained    money received minus money passed on, at least 0: the proceeds they kept
 *   controlled  money received: what went through their hands, kept or passed on
 * ranked as raw = retained × 2 + controlled × 1. Someone who only forwards money (retained 0)
 * scores what they received; whoever keeps it at the end of the chain scores three times that,
 * so a recruiter passing fees on never outranks the organiser who keeps them. A migrant paying
 * a fare received nothing and scores nothing.
 */
export const FINANCIAL_WEIGHTS: Readonly<{ retained: number; controlled: number }> = { retained: 2, controlled: 1 };

/**
 * Money is compared in one reporting currency. These are rough default rates (units of the
 * reporting currency per unit), meant to be replaced by the analyst's own in a request;
 * payments in a currency with no rate stay in the evidence but add nothing to the score.
 */
export const DEFAULT_REPORTING_CURRENCY = 'GBP';
export const DEFAULT_EXCHANGE_RATES: Readonly<Record<string, number>> = {
  GBP: 1,
  EUR: 0.85,
  USD: 0.79,
  TRY: 0.024,
  IQD: 0.0006,
  AED: 0.21,
};
