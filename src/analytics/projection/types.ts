import type { EntityType } from '../../model/graph-model.js';
import type { TieKind } from '../weights.js';

/**
 * What a projection hands to the analysis: plain data and typed arrays only, so it crosses
 * into a worker thread by structured clone (the typed arrays are transferred, not copied).
 */

export interface ProjectedNode {
  /** `type:id`, e.g. `person:P-001`: ids are unique per type only. */
  key: string;
  type: EntityType;
  id: string;
  name: string | null;
  unresolved: boolean;
  /** An entity resolved from several records (scope.resolution): their ids, and why, in words. */
  records?: string[];
  resolution?: string;
}

/** Undirected, aggregated ties: tie t joins source[t] and target[t] (node indices, source ≤ target). */
export interface ProjectedTies {
  source: Int32Array;
  target: Int32Array;
  strength: Float64Array;
  /** Per tie and kind (row-major, TIE_KINDS order): how many relations. */
  kindCount: Float64Array;
  /** Money paid along the tie, in whole units of the reporting currency. */
  money: Float64Array;
}

export interface MoneyEvidence {
  /** Per currency: total in minor units and number of payments. */
  byCurrency: Record<string, { amount: number; payments: number }>;
  /** The largest payments, for citing: [payment id, currency, minor units]. */
  largest: [string, string, number][];
}

/** What a person or organisation did, gathered for the operational, financial and threat parts. */
export interface NodeEvidence {
  organised: string[];
  piloted: string[];
  recruited: string[];
  /** Passengers on the crossings they organised. */
  migrantsMoved: number;
  vessels: string[];
  engines: string[];
  received: MoneyEvidence;
  passedOn: MoneyEvidence;
  deaths: number;
  injuries: number;
  overloaded: number;
  /** 10 × deaths + 3 × injuries + overloaded, in full on crossings organised, half on those only piloted. */
  threat: number;
  /** Crossings they organised or piloted with deaths, injuries or gross overloading (the counts above are over these). */
  harmfulCrossings: string[];
  /** Crossings per route and launch site (`route:R-1`, `location:L-2`) they took part in. */
  places: Record<string, number>;
}

/** What a fact adds to what a person did (the activity parts of the harm score). */
export const ACTIVITY_PARTS = ['operational', 'threat', 'received', 'passedOn'] as const;
export type ActivityPart = (typeof ACTIVITY_PARTS)[number];

/**
 * Every fact behind the ties and the activity parts of the score, gathered only when an analysis
 * resamples them (parameters.confidence, analytics/confidence/). A fact is kept or dropped whole:
 * one payment's ties and its money go together (one group), so does one person's part in one
 * crossing. Contributions add up, kept in every draw, to the projection's ties and evidence.
 */
export interface ProjectedFacts {
  /** Per group: how likely it is true, from its grading (weights.ts `confidence`): the chance a draw keeps it. */
  keep: Float64Array;
  /** Per group: the id it cites (a payment, crossing or vessel; '' for a reported link) and what it is, in words. */
  label: string[];
  /** Per tie contribution: the tie (index into ProjectedTies), the strength it adds, its group. */
  tie: Int32Array;
  strength: Float64Array;
  tieGroup: Int32Array;
  /** Per activity contribution: the node, the part (ACTIVITY_PARTS index), how much (money in minor units of `currency`), its group. */
  node: Int32Array;
  part: Uint8Array;
  amount: Float64Array;
  currency: string[];
  activityGroup: Int32Array;
}

export interface Dropped {
  reason: string;
  count: number;
}

export interface Projection {
  kind: 'people' | 'full';
  nodes: ProjectedNode[];
  ties: ProjectedTies;
  /** Aligned with nodes; null where nothing was gathered. */
  evidence: (NodeEvidence | null)[];
  /** Facts read but not turned into ties, by reason: nothing is left out silently. */
  dropped: Dropped[];
  relationsRead: number;
  /** The facts behind the ties, when asked for (ProjectionOptions.gatherFacts). */
  facts?: ProjectedFacts;
  /** Tie kinds in the order of kindCount's columns. */
  tieKinds: readonly TieKind[];
  /** What the data says that an analyst should check (a person linked to themselves); the analysis repeats them. */
  warnings?: string[];
}
