import type { Account, Crossing, Link, Location, Organisation, Payment, Person, Relation, Route, Vessel } from '../schemas/entities.js';
import type { Grading } from '../schemas/provenance.js';
import type { Rng } from '../shared/rng.js';
import type { BrokerPlan, CorridorPlan, GroupPlan, PlantedRole } from './model.js';

/**
 * The mutable state one generator run builds up, and the helpers every stage shares: ids,
 * the calendar, and provenance. Kept in one object so each stage is a plain function of it.
 */

export interface Records {
  people: Person[];
  organisations: Organisation[];
  vessels: Vessel[];
  locations: Location[];
  routes: Route[];
  crossings: Crossing[];
  accounts: Account[];
  payments: Payment[];
  links: Link[];
  relations: Relation[];
}

export interface Build {
  rng: Rng;
  records: Records;
  investigations: { id: string; name: string }[];
  corridors: CorridorPlan[];
  groups: GroupPlan[];
  brokers: BrokerPlan[];
  roles: Map<string, PlantedRole>;
  /** Accounts each party holds, used to route payments through them. */
  accountsOf: Map<string, { id: string; kind: Account['kind'] }[]>;
  /** Shared locations, created on first use and keyed by kind and name. */
  shared: Map<string, string>;
  sellers: string[];
  noise: string[];
  counters: Map<string, number>;
}

export function createBuild(rng: Rng): Build {
  return {
    rng,
    records: {
      people: [],
      organisations: [],
      vessels: [],
      locations: [],
      routes: [],
      crossings: [],
      accounts: [],
      payments: [],
      links: [],
      relations: [],
    },
    investigations: [],
    corridors: [],
    groups: [],
    brokers: [],
    roles: new Map(),
    accountsOf: new Map(),
    shared: new Map(),
    sellers: [],
    noise: [],
    counters: new Map(),
  };
}

/** Sequential ids with a prefix unique to the kind, so ids never collide across kinds either. */
export function nextId(build: Build, prefix: string, width = 5): string {
  const n = (build.counters.get(prefix) ?? 0) + 1;
  build.counters.set(prefix, n);
  return `${prefix}-${String(n).padStart(width, '0')}`;
}

/** The calendar: day 0 is 2023-01-01, the last day 2024-12-31. */
export const CALENDAR_DAYS = 731;
const DAY_ZERO = Date.UTC(2023, 0, 1);

export function isoDay(day: number): string {
  const clamped = Math.min(CALENDAR_DAYS - 1, Math.max(0, Math.round(day)));
  return new Date(DAY_ZERO + clamped * 86_400_000).toISOString().slice(0, 10);
}

/** Small-boat launches peak in late summer and drop in winter storms: a seasonal day in [start, end]. */
export function seasonalDay(rng: Rng, start: number, end: number): number {
  for (;;) {
    const day = rng.int(start, end);
    const season = 0.6 + 0.4 * Math.cos(((day - 240) / 365) * 2 * Math.PI);
    if (rng.next() < season) return day;
  }
}

const SOURCE_EVALUATION = [
  [1, 42],
  [2, 46],
  [3, 12],
] as const;
const ASSESSMENT = [
  ['A', 24],
  ['B', 36],
  ['C', 28],
  ['D', 12],
] as const;
const HANDLING = [
  ['P', 78],
  ['C', 22],
] as const;

function grade(rng: Rng, noise: boolean): Grading {
  return {
    sourceEvaluation: noise
      ? rng.weighted([
          [2, 40],
          [3, 60],
        ] as const)
      : rng.weighted(SOURCE_EVALUATION),
    intelligenceAssessment: noise ? 'E' : rng.weighted(ASSESSMENT),
    handlingCode: rng.weighted(HANDLING),
  };
}

export interface ProvenanceFields {
  source: string;
  grading: Grading;
  investigations?: string[];
}

/**
 * Source reference, grading and (when the document spans several investigations) the owning
 * investigation. Report numbers repeat, as one intelligence report usually yields several facts.
 */
export function provenance(build: Build, day: number, investigation?: string, noise = false): ProvenanceFields {
  const year = isoDay(day).slice(0, 4);
  const fields: ProvenanceFields = {
    source: `REP-${year}-${String(build.rng.int(1, 9999)).padStart(5, '0')}`,
    grading: grade(build.rng, noise),
  };
  if (investigation !== undefined && build.investigations.length > 1) fields.investigations = [investigation];
  return fields;
}

type EntityRef = Relation['from'];

export function relate(build: Build, type: Relation['type'], from: EntityRef, to: EntityRef, day: number, investigation?: string): void {
  build.records.relations.push({ id: nextId(build, 'REL', 6), type, from, to, date: isoDay(day), ...provenance(build, day, investigation) });
}

/** Amounts are integer minor units; smugglers deal in round sums. */
export function euros(rng: Rng, min: number, max: number, step = 50): number {
  return rng.int(Math.ceil(min / step), Math.floor(max / step)) * step * 100;
}
