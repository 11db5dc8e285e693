/**
 * The planted structure of a synthetic network, and the ground truth handed to tests and
 * benchmarks. Groups divide the stages of a route between them (Campana 2018: ties cluster by
 * stage, not by role); a corridor is the set of groups that together run one stretch of coast,
 * from recruiting migrants to collecting their money.
 */

export const STAGES = ['recruitment', 'logistics', 'launch', 'money'] as const;
export type Stage = (typeof STAGES)[number];

export const PLANTED_ROLES = ['organiser', 'broker', 'recruiter', 'procurer', 'logistics', 'driver', 'pilot', 'money_mover', 'migrant'] as const;
export type PlantedRole = (typeof PLANTED_ROLES)[number];

/** Stage handovers that need a broker when two different cells (often two groups) run them. */
export const HANDOVERS: readonly (readonly [Stage, Stage])[] = [
  ['recruitment', 'logistics'],
  ['logistics', 'launch'],
  ['money', 'launch'],
];

export interface Bridge {
  group: GroupPlan;
  stage: Stage;
}

export interface BrokerPlan {
  id: string;
  group: GroupPlan;
  home: Stage;
  /** Cells (other stages of its group, or other groups) the broker has planted ties into. */
  bridges: Bridge[];
}

export interface GroupPlan {
  id: string;
  corridor: CorridorPlan;
  investigation: string;
  stages: Stage[];
  organisers: string[];
  brokers: BrokerPlan[];
  /** Members per stage the group works, brokers included in their home cell; organisers span all. */
  cells: Partial<Record<Stage, string[]>>;
  safeHouse: string;
  warehouse?: string;
  suppliers: string[];
  vans: string[];
}

export interface CorridorPlan {
  id: string;
  investigation: string;
  groups: GroupPlan[];
  byStage: Record<Stage, GroupPlan>;
  migrants: string[];
  /** Active window, in days from the start of the generator's calendar. */
  start: number;
  end: number;
  staging: string;
  /** Launch beaches, one per sea route and in the same order. */
  beaches: string[];
  seaRoutes: string[];
}

export interface TruthGroup {
  id: string;
  corridor: string;
  investigation: string;
  stages: Stage[];
  /** Facilitators of the group (organisers and brokers included); migrants belong to no group. */
  members: string[];
  organisers: string[];
  brokers: string[];
}

export interface Truth {
  seed: number;
  people: number;
  groups: TruthGroup[];
  roles: Record<string, PlantedRole>;
  /** Organisers and brokers, most important first (see `truth.ts` for the planted score). */
  topTargets: string[];
  /** Ids of the E-assessed noise records; ids carry a per-kind prefix, so they are unambiguous. */
  noiseRecordIds: string[];
  /** Planted duplicates (with `duplicates` on only): the same person under two ids, the original first. */
  duplicates?: PlantedDuplicate[];
  /** Planted look-alikes (with `duplicates` on only): two different people entity resolution must keep apart. */
  lookAlikes?: LookAlike[];
  /** Reported ties left out of the document (with `holdOut` on only): [person, person, link type], the lesser id first. */
  heldOut?: HeldOutTie[];
}

export type HeldOutTie = [string, string, string];

export const DUPLICATE_KINDS = ['transliteration', 'misspelling', 'initial', 'alias-name', 'same-name'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

export interface PlantedDuplicate {
  type: 'person';
  /** The original id first, then the second record's. */
  records: [string, string];
  /** The id the person was planted under: the one truth's roles, groups and targets name. */
  original: string;
  /** How the second record's name differs: another transliteration, a misspelling, the family name as an initial, an alias used as the name, or not at all. */
  kind: DuplicateKind;
}

export interface LookAlike {
  type: 'person';
  /** The two ids, the lesser first. */
  records: [string, string];
  /** `namesake`: same name, different dates of birth; `family-phone`: relatives given one phone. */
  kind: 'namesake' | 'family-phone';
}
