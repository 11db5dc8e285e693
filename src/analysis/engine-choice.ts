import type { GivenMeasures } from '../analytics/engine.js';
import { GdsServerUnavailableError, GdsUnavailableError, RETRY_AFTER_SECONDS, ScopeTooLargeError } from '../errors.js';
import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import { scopeParameters } from '../repositories/analytics-repository.js';
import type { GdsRepository } from '../repositories/gds-repository.js';
import type { EngineChoice, Scope } from '../schemas/analysis.js';
import { type GdsRuntime, tieParameters } from './gds/config.js';
import { readTies, runGds, type StrongestTies, type TieStore, UNMATCHED_TIE } from './gds/gds-analysis.js';
import { readScope } from './scope-read.js';
import type { Settings } from './settings.js';

/**
 * Which engine analyses a scope, and the scope read for it. graphology: the service gathers the
 * ties and computes everything itself (engine.ts). gds: Neo4j computes the ties and runs the
 * superlinear algorithms in Graph Data Science (gds/); the service does the rest. `auto` takes
 * gds when the scope's investigations hold more than `aboveRelations` relations, or when the
 * service's own read stops at its tie limit, and the server has GDS; graphology otherwise. The
 * answer says which and why.
 */

export interface GdsEngine {
  repository: GdsRepository;
  /**
   * Why GDS cannot run analyses now (null: it can), and the error for a request that insists on
   * it. Asked again after a minute (a server can be restarted with GDS), or after Retry-After's
   * seconds when a dedicated GDS server did not answer.
   */
  unavailable(): Promise<GdsUnavailable | null>;
  /** `auto` takes GDS above this many relations in scope. */
  aboveRelations: number;
  runtime: GdsRuntime;
}

export interface PreparedAnalysis extends Awaited<ReturnType<typeof readScope>> {
  engine: EngineChoice;
  /** The GDS engine's results, for the analysis to take (engine.ts `given`). */
  given?: GivenMeasures;
  /** Milliseconds per GDS stage (projection, estimates, each algorithm). */
  gdsTimings: Record<string, number>;
  /** When the GDS engine stored the ties (Limits.ties a TieStore): each community's strongest internal ties. */
  strongest?: StrongestTies;
}

/** What a prepared analysis says besides its projection, for who must not keep the projection once a worker has it. */
export function withoutProjection({ projection: _handedOver, ...rest }: PreparedAnalysis): Omit<PreparedAnalysis, 'projection'> {
  return rest;
}

export interface Limits {
  /** The service's own engine stops reading past this many ties. */
  maxTies: number;
  /** Ties the GDS engine takes at most (a preview answers with every node; a run has no limit but memory). */
  gdsMaxTies: number;
  /**
   * Whether the caller needs the ties themselves (a preview's tie list, a disruption plan): the
   * GDS engine then reads them too; otherwise no tie comes to the service. A stored run gives how
   * it stores them instead: the GDS engine makes the stored parts in Neo4j and hands them to its
   * writer (the service's own engine reads the ties anyway, and the run packs them itself).
   */
  ties: boolean | TieStore;
}

export interface GdsUnavailable {
  /** For `auto`'s answer: why the service's own engine ran. */
  reason: string;
  /** For a request for `gds`: 422 GDS_UNAVAILABLE, or 503 GDS_SERVER_UNAVAILABLE (retry later). */
  error: Error;
}

const AVAILABILITY_TTL_MS = 60_000;

/**
 * The GDS engine on a server: its repository, whether the server has GDS (plugins()), the
 * settings. `server` names it in reasons: "the Neo4j server", or the dedicated GDS server.
 */
export function createGdsEngine(
  repository: GdsRepository,
  plugins: () => Promise<{ gds: string | null }>,
  settings: { aboveRelations: number; concurrency: number; server?: string },
): GdsEngine {
  const server = settings.server ?? 'the Neo4j server';
  return {
    repository,
    unavailable: gdsAvailability(plugins, () => repository.hasProcedures(), server),
    aboveRelations: settings.aboveRelations,
    runtime: { concurrency: settings.concurrency },
  };
}

/** From `plugins()`: no GDS there, or no sna-procedures.jar (`procedures()`), or (a dedicated server) no answer; remembered a while. */
function gdsAvailability(plugins: () => Promise<{ gds: string | null }>, procedures: () => Promise<boolean>, server: string): () => Promise<GdsUnavailable | null> {
  let known: { value: GdsUnavailable | null; until: number } | undefined;
  return async () => {
    if (known && performance.now() < known.until) return known.value;
    let value: GdsUnavailable | null = null;
    let ttl = AVAILABILITY_TTL_MS;
    try {
      if ((await plugins()).gds === null) {
        const reason = `${server} has no Graph Data Science library`;
        value = { reason, error: new GdsUnavailableError(reason) };
      } else if (!(await procedures())) {
        const reason = `${server} lacks the service’s procedures (sna.betweenness.stream, sna.structure.stream, sna.ties.parts, sna.ties.strongest: neo4j/procedures, sna-procedures.jar)`;
        value = { reason, error: new GdsUnavailableError(reason) };
      }
    } catch (error) {
      // Only a dedicated server's silence is said so; the service's own database lost is a 503 of its own.
      if (!(error instanceof GdsServerUnavailableError)) throw error;
      value = { reason: `${server} cannot be reached`, error };
      ttl = RETRY_AFTER_SECONDS * 1000;
    }
    known = { value, until: performance.now() + ttl };
    return value;
  };
}

async function choose(gds: GdsEngine, scope: Scope, requested: EngineChoice['requested'], resampled: boolean): Promise<Omit<EngineChoice, 'requested'>> {
  if (requested === 'graphology') return { used: 'graphology', reason: 'asked for' };
  if (requested === 'gds') {
    // A request for gds with the full projection is refused by its schema (engineFitsScope).
    const unavailable = await gds.unavailable();
    if (unavailable) throw unavailable.error;
    return { used: 'gds', reason: 'asked for' };
  }
  if (scope.projection === 'full') return { used: 'graphology', reason: 'the GDS engine analyses the people projection only' };
  if ((scope.resolution ?? 'none') !== 'none') return { used: 'graphology', reason: 'the GDS engine analyses records as loaded, not resolved (scope.resolution)' };
  if (resampled) return { used: 'graphology', reason: 'rank confidence resamples the network in the service (parameters.confidence)' };
  const unavailable = await gds.unavailable();
  if (unavailable) return { used: 'graphology', reason: unavailable.reason };
  const relations = await gds.repository.relationsInScope(scope.investigations ?? null);
  return relations > gds.aboveRelations
    ? { used: 'gds', reason: `${relations} relations in scope, above ${gds.aboveRelations} (ANALYTICS_GDS_ABOVE_RELATIONS)` }
    : { used: 'graphology', reason: `${relations} relations in scope, at most ${gds.aboveRelations} (ANALYTICS_GDS_ABOVE_RELATIONS)` };
}

export async function prepareAnalysis(
  deps: { repository: AnalyticsRepository; gds: GdsEngine },
  scope: Scope,
  settings: Settings,
  requested: EngineChoice['requested'],
  limits: Limits,
  signal?: AbortSignal,
): Promise<PreparedAnalysis> {
  const resampled = settings.confidence !== undefined;
  let choice = await choose(deps.gds, scope, requested, resampled);
  if (choice.used === 'graphology') {
    try {
      return { ...(await readScope(deps.repository, scope, settings, limits.maxTies, signal)), engine: { requested, ...choice }, gdsTimings: {} };
    } catch (error) {
      const resolved = (scope.resolution ?? 'none') !== 'none';
      if (!(error instanceof ScopeTooLargeError) || requested !== 'auto' || scope.projection === 'full' || resolved || resampled || (await deps.gds.unavailable()) !== null)
        throw error;
      choice = { used: 'gds', reason: `more than ${limits.maxTies} ties, the service's own limit` };
    }
  }

  const started = performance.now();
  const base = await readScope(deps.repository, scope, settings, limits.maxTies, signal, false);
  const params = { ...scopeParameters(scope), ...tieParameters(settings.tieWeights, scope.tieKinds, settings.projectionParameters.sharedLocationCap, settings.money) };
  let projection = base.projection;
  const store = typeof limits.ties === 'object' ? limits.ties : undefined;
  if (limits.ties === true) {
    projection = await readTies(deps.gds.repository, base.projection, params, signal);
    if (projection.ties.source.length > limits.gdsMaxTies) throw new ScopeTooLargeError(limits.gdsMaxTies);
  }
  const projectionMs = Math.round((performance.now() - started) * 10) / 10;
  const { engine } = settings;
  const run = await runGds(
    deps.gds.repository,
    projection,
    params,
    {
      exactBetweennessUpTo: engine.exactBetweennessUpTo,
      betweennessSamples: engine.betweennessSamples,
      seed: engine.seed,
      pathWeights: engine.pathWeights,
      resolution: engine.resolution,
      maxTies: limits.gdsMaxTies,
      ...(store ? { store } : {}),
    },
    deps.gds.runtime,
    signal,
  );
  // Ties whose end was not among the scope's nodes: as readTies counts them when it read the ties.
  if (limits.ties !== true && run.unmatched > 0) projection = { ...projection, dropped: [...projection.dropped, { reason: UNMATCHED_TIE, count: run.unmatched }] };
  return {
    ...base,
    projection,
    projectionMs,
    summary: { ...base.summary, ties: run.ties, dropped: projection.dropped },
    engine: { requested, ...choice },
    given: run.given,
    gdsTimings: run.timings,
    ...(run.strongest ? { strongest: run.strongest } : {}),
  };
}
