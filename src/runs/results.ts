import { strToU8, zipSync } from 'fflate';

import { ConflictError, NotFoundError } from '../errors.js';
import { analysisGraph } from '../exports/analysis-graph.js';
import { edgesCsv, nodesCsv } from '../exports/csv.js';
import { writeGexf } from '../exports/gexf.js';
import { writeGraphml } from '../exports/graphml.js';
import type { RunRepository } from '../repositories/run-repository.js';
import type { RunResultsRepository, ScopeOfFacts } from '../repositories/run-results-repository.js';
import type { AnalysisRun, EXPORT_FORMATS } from '../schemas/runs.js';
import { compareRuns } from './compare.js';
import { ResultCache } from './result-cache.js';
import { communityOf, rankedNodeOf, strongestTiesOf, unpackTies } from './result-rows.js';
import { investigationsKey, type RunService } from './run-service.js';

/**
 * Reading a finished run's stored results: ranking pages, communities, one entity, the newest
 * run of a scope, a comparison of two runs, and exports of the analysed graph. Everything is
 * read from Neo4j, so results outlive the process that computed them; pages read again come
 * from a ResultCache keyed by the run's scope's data version.
 */

export interface Page {
  limit: number;
  offset: number;
}

export function createRunResults(deps: { runs: RunRepository; stored: RunResultsRepository; service: RunService; cache?: ResultCache }) {
  const { runs, stored, service } = deps;
  const cache = deps.cache ?? new ResultCache(0);

  /**
   * A finished run the caller may see (`allowed`; null: all), others are not found; with the
   * prefix of its cache keys (run id and its scope's data version now).
   */
  async function finished(id: string, allowed: string[] | null): Promise<{ run: AnalysisRun; key: string }> {
    const { run, scopeVersion } = await service.versioned(id, allowed);
    if (run.status !== 'done') throw new ConflictError(`the run is ${run.status}; its results are there once it is done`);
    return { run, key: `${run.id}|${scopeVersion}` };
  }

  async function rankingOf({ run, key }: { run: AnalysisRun; key: string }, query: Page & { type?: string; community?: string }) {
    const { total, rows } = await cache.get(`${key}|ranking|${query.type ?? ''}|${query.community ?? ''}|${query.offset}|${query.limit}`, () => stored.resultsPage(run.id, query));
    return { run, total, limit: query.limit, offset: query.offset, items: rows.map(rankedNodeOf) };
  }

  return {
    async rankings(id: string, query: Page & { type?: string; community?: string }, allowed: string[] | null) {
      return rankingOf(await finished(id, allowed), query);
    },

    /**
     * The newest finished run over exactly these investigations (none: all), and a page of its
     * ranking; the caller's investigations are applied before (scopedInvestigations).
     */
    async latest(investigations: string[] | undefined, query: Page & { type?: string; community?: string }, allowed: string[] | null) {
      const found = await runs.latest(investigationsKey(investigations));
      if (!found) {
        const scope = investigations?.length ? `investigations ${[...investigations].sort().join(', ')}` : 'all investigations';
        throw new NotFoundError(`no finished analysis run over ${scope}; POST /v1/analyses to make one`);
      }
      return rankingOf(await finished(found.id, allowed), query);
    },

    async communities(id: string, page: Page, allowed: string[] | null) {
      const { run, key } = await finished(id, allowed);
      const { total, rows } = await cache.get(`${key}|communities|${page.offset}|${page.limit}`, () => stored.communitiesPage(id, page));
      return { run, total, ...page, items: rows.map(communityOf) };
    },

    async community(id: string, communityId: string, page: Page, allowed: string[] | null) {
      const { run, key } = await finished(id, allowed);
      const row = await cache.get(`${key}|community|${communityId}`, () => stored.community(id, communityId));
      if (!row) throw new NotFoundError(`run ${id} has no community ${communityId}`);
      const community = communityOf(row);
      const members = await cache.get(`${key}|ranking||${communityId}|${page.offset}|${page.limit}`, () => stored.resultsPage(id, { community: communityId, ...page }));
      return {
        run,
        community,
        members: { total: members.total, ...page, items: members.rows.map(rankedNodeOf) },
        internalTies: { total: community.internalTies, strongest: strongestTiesOf(row) },
        brokers: community.bridges,
      };
    },

    async entity(id: string, type: string, entityId: string, allowed: string[] | null) {
      const { run, key } = await finished(id, allowed);
      const row = await cache.get(`${key}|entity|${type}:${entityId}`, () => stored.result(id, `${type}:${entityId}`));
      if (!row) throw new NotFoundError(`run ${id} did not analyse ${type} ${entityId}`);
      return { run, result: rankedNodeOf(row) };
    },

    async compare(fromId: string, toId: string, top: number, allowed: string[] | null) {
      const [{ run: from }, { run: to }] = await Promise.all([finished(fromId, allowed), finished(toId, allowed)]);
      const [before, after] = await Promise.all([stored.memberships(fromId), stored.memberships(toId)]);
      return {
        from,
        to,
        top,
        ...compareRuns(before, after, top),
        modularity: { from: from.summary!.modularity, to: to.summary!.modularity },
      };
    },

    /** Forgets what is cached of a run (purged). */
    forget(id: string): void {
      cache.dropRun(id);
    },

    /** The analysed graph in a file format, with its media type and a file name. */
    async export(id: string, format: (typeof EXPORT_FORMATS)[number], allowed: string[] | null): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
      const { run } = await finished(id, allowed);
      const [rows, artefacts] = await Promise.all([stored.exportRows(id), stored.artefacts(id)]);
      const graph = analysisGraph(rows, unpackTies(artefacts));
      const name = `analysis-${run.id}`;
      switch (format) {
        case 'gexf': {
          const order = (await stored.communitiesPage(id, { limit: Number.MAX_SAFE_INTEGER, offset: 0 })).rows.map((c) => c.id);
          return { body: writeGexf(graph, order), contentType: 'application/gexf+xml; charset=utf-8', filename: `${name}.gexf` };
        }
        case 'graphml':
          return { body: writeGraphml(graph), contentType: 'application/graphml+xml; charset=utf-8', filename: `${name}.graphml` };
        case 'csv': {
          const zip = zipSync({ 'nodes.csv': strToU8(nodesCsv(graph)), 'edges.csv': strToU8(edgesCsv(graph)) });
          return { body: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), contentType: 'application/zip', filename: `${name}-csv.zip` };
        }
        case 'json': {
          const facts = await stored.scopeFacts(run.scope as unknown as ScopeOfFacts);
          return {
            body: JSON.stringify({
              run: { id: run.id, scope: run.scope, parameters: run.parameters, dataVersion: run.dataVersion, finishedAt: run.finishedAt, ...facts },
              graph: graph.export(),
            }),
            contentType: 'application/json; charset=utf-8',
            filename: `${name}.json`,
          };
        }
      }
    },
  };
}

export type RunResults = ReturnType<typeof createRunResults>;
