import type { ProjectionOptions } from '../analytics/projection/builder.js';
import { FullProjectionBuilder } from '../analytics/projection/full.js';
import { PeopleProjectionBuilder } from '../analytics/projection/people.js';
import { TooManyTiesError } from '../analytics/projection/tie-accumulator.js';
import type { Projection } from '../analytics/projection/types.js';
import type { TieKind } from '../analytics/weights.js';
import { ScopeTooLargeError } from '../errors.js';
import type { AnalyticsRepository, ScopeVersions } from '../repositories/analytics-repository.js';
import { NO_RESOLUTION } from '../resolution/clusters.js';
import type { Scope } from '../schemas/analysis.js';
import { RowResolver } from './resolved-rows.js';
import type { Settings } from './settings.js';

/**
 * A scope's projection, read from Neo4j on the event loop (it is I/O, streamed): the repository
 * streams the rows into the builder for the scope's kind.
 */

export interface ProjectionRead extends ScopeVersions {
  projection: Projection;
}

/** `signal` stops the read between records (a cancelled run). */
export async function projectScope(repository: AnalyticsRepository, scope: Scope, options: Partial<ProjectionOptions>, signal?: AbortSignal): Promise<ProjectionRead> {
  // The resolved network (scope.resolution): the rows pass through a resolver that merges records' ids.
  const resolved = (scope.resolution ?? 'none') !== 'none';
  const resolver = new RowResolver(resolved ? await repository.resolution(scope) : NO_RESOLUTION);
  if (scope.projection === 'full') {
    const builder = new FullProjectionBuilder(options);
    const versions = await repository.readRows(scope, { projection: 'full', rows: resolver.full(builder) }, signal);
    return { projection: resolver.finish(await builder.finishYielding()), ...versions };
  }
  const builder = new PeopleProjectionBuilder(options);
  // Without ties (the GDS engine's read) the links only count: Neo4j counts them instead of
  // sending every one (at 10M relations, most of the read). A resolved scope reads them: the
  // resolver decides which links join one entity.
  const links = options.gatherTies === false && !resolved ? 'summary' : 'rows';
  const versions = await repository.readRows(scope, { projection: 'people', rows: resolver.people(builder), links }, signal);
  return { projection: resolver.finish(await builder.finishYielding()), ...versions };
}

/** A scope's projection under a request's settings, refused with 413 as soon as it passes `maxTies`; with its summary and time. */
export async function readScope(repository: AnalyticsRepository, scope: Scope, settings: Settings, maxTies: number, signal?: AbortSignal, gatherTies = true) {
  const { money, tieWeights, projectionParameters } = settings;
  const started = performance.now();
  let read;
  try {
    read = await projectScope(
      repository,
      scope,
      {
        tieWeights,
        tieKinds: scope.tieKinds ? new Set<TieKind>(scope.tieKinds) : undefined,
        sharedLocationCap: projectionParameters.sharedLocationCap,
        maxTies,
        money,
        gatherTies,
        // Resampling by grading needs every fact behind the ties (analytics/confidence/).
        gatherFacts: gatherTies && settings.confidence?.grading === true,
      },
      signal,
    );
  } catch (error) {
    if (error instanceof TooManyTiesError) throw new ScopeTooLargeError(error.limit);
    throw error;
  }
  const { projection, dataVersion, scopeVersion } = read;
  return {
    projection,
    dataVersion,
    scopeVersion,
    projectionMs: Math.round((performance.now() - started) * 10) / 10,
    summary: {
      kind: projection.kind,
      nodes: projection.nodes.length,
      ties: projection.ties.source.length,
      relationsRead: projection.relationsRead,
      dropped: projection.dropped,
    },
  };
}
