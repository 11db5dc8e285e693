import type { Rng } from '../../src/shared/rng.js';

/**
 * What bench/load/main.ts sends: the reference (GET /healthz, no auth, no database: the HTTP stack's
 * ceiling on this machine) and the read routes an analyst's screen calls, each with the set of
 * paths a request picks from at random, and the goal (issue 24) it is held to. The warm-up before
 * each scenario reads its paths, so the cached scenarios are answered from the service's read
 * cache; the uncached one sends `Cache-Control: no-cache`, which makes the service compute every
 * answer afresh (the key, its read stamp and the audit record as for any request).
 */

export interface LoadGoal {
  /** p99 must be under this. */
  p99Ms: number;
  /** 2xx req/s must be at least this share of the reference's, when given. */
  ofReference?: number;
}

export interface Scenario {
  name: string;
  label: string;
  /** Sends the analyst's key (every /v1 route needs one). */
  auth: boolean;
  /** What the scenario is held to (none for the reference). */
  goal?: LoadGoal;
  /** Reference runs are what the others' req/s are divided by. */
  reference: boolean;
  paths: string[];
  /** Sent besides the key. */
  headers?: Record<string, string>;
}

/** Issue 24: cached ranking pages and entity views at 100 connections, auth and audit on. */
export const CACHED_GOAL: LoadGoal = { p99Ms: 100, ofReference: 0.25 };
/** Issue 24: entity views computed afresh. */
export const UNCACHED_GOAL: LoadGoal = { p99Ms: 250 };

export interface LoadData {
  runId: string;
  /** Entries in the run's ranking (every analysed node): how far the pages go. */
  rankingTotal: number;
  /** Ids of the top ranked people. */
  people: readonly string[];
}

export const PAGE = 50;
export const LATEST_LIMIT = 20;

/** The start of every page of `limit` entries of a ranking of `total` (the first page at least). */
export function pageOffsets(total: number, limit: number): number[] {
  if (!(limit >= 1)) throw new RangeError('bench/load/scenarios: limit must be at least 1');
  const pages = Math.max(1, Math.ceil(total / limit));
  return Array.from({ length: pages }, (_, i) => i * limit);
}

export const REFERENCE: Omit<Scenario, 'name'> = { label: 'GET /healthz (reference)', auth: false, reference: true, paths: ['/healthz'] };

export function loadScenarios({ runId, rankingTotal, people }: LoadData): Scenario[] {
  if (people.length === 0) throw new Error('bench/load/scenarios: the run ranked no people');
  const run = `/v1/analyses/${encodeURIComponent(runId)}`;
  const person = (id: string) => `person/${encodeURIComponent(id)}`;
  const entities = people.map((id) => `/v1/entities/${person(id)}`);
  return [
    {
      name: 'rankings',
      label: `GET /v1/analyses/{id}/rankings?limit=${PAGE}&offset=<any page>`,
      auth: true,
      goal: CACHED_GOAL,
      reference: false,
      paths: pageOffsets(rankingTotal, PAGE).map((offset) => `${run}/rankings?limit=${PAGE}&offset=${offset}`),
    },
    {
      name: 'run-entity',
      label: `GET /v1/analyses/{id}/entities/person/{id} (top ${people.length})`,
      auth: true,
      goal: CACHED_GOAL,
      reference: false,
      paths: people.map((id) => `${run}/entities/${person(id)}`),
    },
    { name: 'entity', label: `GET /v1/entities/person/{id} (top ${people.length})`, auth: true, goal: CACHED_GOAL, reference: false, paths: entities },
    {
      name: 'latest',
      label: `GET /v1/rankings/latest?limit=${LATEST_LIMIT}`,
      auth: true,
      goal: CACHED_GOAL,
      reference: false,
      paths: [`/v1/rankings/latest?limit=${LATEST_LIMIT}`],
    },
    {
      name: 'entity-uncached',
      label: `GET /v1/entities/person/{id} (top ${people.length}), Cache-Control: no-cache`,
      auth: true,
      goal: UNCACHED_GOAL,
      reference: false,
      paths: entities,
      headers: { 'cache-control': 'no-cache' },
    },
  ];
}

/** The whole sequence: the reference first and again last, so drift on a shared machine shows. */
export function scenarioOrder(scenarios: readonly Scenario[]): Scenario[] {
  return [{ name: 'healthz-before', ...REFERENCE }, ...scenarios, { name: 'healthz-after', ...REFERENCE }];
}

/** A path at random from `paths` for each request. */
export function pathPicker(paths: readonly string[], rng: Rng): () => string {
  if (paths.length === 0) throw new Error('bench/load/scenarios: a scenario needs at least one path');
  return paths.length === 1 ? () => paths[0]! : () => rng.pick(paths);
}
