import type { Driver } from 'neo4j-driver';

import type { NodeMeasures } from '../analytics/ranking.js';
import type { ExportRow } from '../exports/analysis-graph.js';
import { ENTITY_LABELS, type EntityType } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { neoInt, recordToObject, withIntegers } from '../neo4j/values.js';

export const RUN_RESULT_QUERIES = [
  'runs/write-results',
  'runs/write-communities',
  'runs/write-artefact',
  'runs/delete-results',
  'runs/results-page',
  'runs/community-results-page',
  'runs/result',
  'runs/memberships',
  'runs/export-rows',
  'runs/communities-page',
  'runs/community',
  'runs/artefacts',
  'runs/write-back',
  'runs/scope-facts',
] as const;

/**
 * How a run's results are laid out in Neo4j, and read back. One AnalysisResult node per
 * analysed entity: the scores and measures as plain properties (so Cypher can filter and sort on
 * them), the harm components with their evidence as one JSON string, the explanation as a list
 * of strings. One AnalysisCommunity node per community. The analysed ties are packed into
 * AnalysisArtefact nodes as byte arrays (a million ties as relationships would cost more than
 * the rest of the run), for exports and community views.
 */

/** Every measure is a property of its own (NodeMeasures), so Cypher can filter and sort on it. */
export interface ResultRow extends NodeMeasures {
  runId: string;
  /** 0-based place in the ranking order (ranked nodes by harm, then the rest). */
  position: number;
  /** The node's index in the projection: what packed ties refer to. */
  index: number;
  key: string;
  type: string;
  entityId: string;
  name: string | null;
  rank: number | null;
  harmScore: number | null;
  community: string;
  components: string;
  explanation: string[];
  /** The records a resolved entity stands for (scope.resolution); left out for one record. */
  records?: string[];
  /** Rank confidence (parameters.confidence), as JSON: left out when the run did not ask for it. */
  confidence?: string;
}

/** The scope fields the facts are filtered by (a run's applied scope has them all). */
export interface ScopeOfFacts {
  investigations?: string[] | null;
  minAssessment: string;
  maxSourceEvaluation: number;
  from?: string | null;
  to?: string | null;
}

/** A scope's graded facts by handling code, and the dates they span. */
export interface ScopeFacts {
  handling: Record<string, number>;
  dates: { first: string | null; last: string | null };
}

/** A tie as a community's page shows it: ends by key, relation counts by kind. */
export interface StoredTie {
  source: string;
  target: string;
  strength: number;
  money: number;
  kinds: Record<string, number>;
}

export interface CommunityRow {
  runId: string;
  /** 0-based, largest community first (the engine's order). */
  position: number;
  id: string;
  size: number;
  internalTies: number;
  externalTies: number;
  internalMoneyFlow: number;
  /** The whole CommunityReport as JSON. */
  report: string;
  /** Its strongest internal ties (StoredTie[]) as JSON. */
  strongestTies: string;
}

export interface TieArtefact {
  part: number;
  ties: number;
  tieKinds: string[];
  source: Int8Array;
  target: Int8Array;
  strength: Int8Array;
  money: Int8Array;
  kindCount: Int8Array;
}

/** Whole-number fields of results, communities and artefacts, stored as Neo4j integers. */
const INTEGER_FIELDS = new Set(['position', 'index', 'rank', 'communitiesBridged', 'size', 'internalTies', 'externalTies', 'part', 'ties']);
const integers = <T extends object>(row: T) => withIntegers(row, INTEGER_FIELDS);

const DELETE_BATCH = 10_000;

/**
 * What runs store: written in batches, each its own transaction, fenced against a takeover; a
 * run is only marked done after the last (run-repository.ts settle), and a run that did not
 * finish has its partial results deleted (deleteResults).
 */
export function createRunResultsRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);
  const read = { database, routing: 'READ' as const };
  const write = { database };
  const q = (name: (typeof RUN_RESULT_QUERIES)[number]) => queries[name]!;

  return {
    /**
     * The writes of a run's results: each only while the run is running and `owner`'s (fenced
     * against a takeover); false when refused.
     */
    async writeResults(runId: string, owner: string, rows: ResultRow[]): Promise<boolean> {
      const { records } = await driver.executeQuery(q('runs/write-results'), { runId, owner, rows: rows.map(integers) }, write);
      return records.length > 0;
    },

    async writeCommunities(runId: string, owner: string, rows: CommunityRow[]): Promise<boolean> {
      const { records } = await driver.executeQuery(q('runs/write-communities'), { runId, owner, rows: rows.map(integers) }, write);
      return records.length > 0;
    },

    async writeArtefact(runId: string, owner: string, artefact: TieArtefact): Promise<boolean> {
      const { records } = await driver.executeQuery(q('runs/write-artefact'), { runId, owner, artefact: integers({ runId, ...artefact }) }, write);
      return records.length > 0;
    },

    /** Deletes a run's results, communities and artefacts, a batch per transaction; returns how many nodes went. */
    async deleteResults(runId: string): Promise<number> {
      let total = 0;
      for (;;) {
        const { records } = await driver.executeQuery(q('runs/delete-results'), { runId, limit: neoInt(DELETE_BATCH) }, write);
        const deleted = recordToObject<{ deleted: number }>(records[0]!).deleted;
        total += deleted;
        if (deleted === 0) return total;
      }
    },

    async resultsPage(runId: string, filter: { type?: string; community?: string; limit: number; offset: number }): Promise<{ total: number; rows: ResultRow[] }> {
      const { records } = await driver.executeQuery(
        q(filter.community ? 'runs/community-results-page' : 'runs/results-page'),
        { runId, type: filter.type ?? null, community: filter.community ?? null, limit: neoInt(filter.limit), offset: neoInt(filter.offset) },
        read,
      );
      return recordToObject<{ total: number; rows: ResultRow[] }>(records[0]!);
    },

    async result(runId: string, key: string): Promise<ResultRow | undefined> {
      const { records } = await driver.executeQuery(q('runs/result'), { runId, key }, read);
      return records[0] ? recordToObject<{ x: ResultRow }>(records[0]).x : undefined;
    },

    /** Every result of a run, without explanations: key, name, type, rank, harm score, community. */
    async memberships(runId: string): Promise<Pick<ResultRow, 'key' | 'name' | 'type' | 'rank' | 'harmScore' | 'community' | 'position' | 'index'>[]> {
      const { records } = await driver.executeQuery(q('runs/memberships'), { runId }, read);
      return records.map((record) => recordToObject(record));
    },

    /** Every result of a run in node-index order, the fields an export writes. */
    async exportRows(runId: string): Promise<ExportRow[]> {
      const { records } = await driver.executeQuery(q('runs/export-rows'), { runId }, read);
      return records.map((record) => recordToObject<{ x: ExportRow }>(record).x);
    },

    async communitiesPage(runId: string, page: { limit: number; offset: number }): Promise<{ total: number; rows: CommunityRow[] }> {
      const { records } = await driver.executeQuery(q('runs/communities-page'), { runId, limit: neoInt(page.limit), offset: neoInt(page.offset) }, read);
      return recordToObject<{ total: number; rows: CommunityRow[] }>(records[0]!);
    },

    async community(runId: string, id: string): Promise<CommunityRow | undefined> {
      const { records } = await driver.executeQuery(q('runs/community'), { runId, id }, read);
      return records[0] ? recordToObject<{ c: CommunityRow }>(records[0]).c : undefined;
    },

    /**
     * The graded facts of a scope (runs/scope-facts.cypher): how many carry each handling code,
     * and the first and last date among the dated ones (null: none dated).
     */
    async scopeFacts(scope: ScopeOfFacts): Promise<ScopeFacts> {
      const params = {
        investigations: scope.investigations ?? null,
        minAssessment: scope.minAssessment,
        maxSourceEvaluation: neoInt(scope.maxSourceEvaluation),
        from: scope.from ?? null,
        to: scope.to ?? null,
      };
      const { records } = await driver.executeQuery(q('runs/scope-facts'), params, read);
      const dates = (field: string) =>
        records
          .map((r) => r.get(field) as unknown)
          .filter((d) => d !== null && d !== undefined)
          .map(String)
          .sort();
      const [firsts, lasts] = [dates('first'), dates('last')];
      return {
        handling: Object.fromEntries(records.map((record) => [record.get('code') as string, Number(record.get('facts'))])),
        dates: { first: firsts[0] ?? null, last: lasts.at(-1) ?? null },
      };
    },

    /** The packed ties; byte arrays are read as they come (recordToObject would turn them into objects). */
    async artefacts(runId: string): Promise<TieArtefact[]> {
      const { records } = await driver.executeQuery(q('runs/artefacts'), { runId }, read);
      return records.map((record) => {
        const p = (record.get('a') as { properties: Record<string, unknown> }).properties;
        const n = (value: unknown) => Number(value as number);
        return {
          part: n(p.part),
          ties: n(p.ties),
          tieKinds: p.tieKinds as string[],
          source: p.source as Int8Array,
          target: p.target as Int8Array,
          strength: p.strength as Int8Array,
          money: p.money as Int8Array,
          kindCount: p.kindCount as Int8Array,
        };
      });
    },

    /** Latest scores onto one type's entities, their copies in the run's investigations (null: all); returns how many were written (newer runs' are kept). */
    async writeBack(
      type: EntityType,
      rows: { id: string; harmScore: number | null; rank: number | null; community: string }[],
      runId: string,
      finishedAt: string,
      investigations: readonly string[] | null,
    ): Promise<number> {
      const query = template('runs/write-back', { __LABEL__: ENTITY_LABELS[type] });
      const { records } = await driver.executeQuery(query, { rows: rows.map(integers), runId, finishedAt, investigations }, write);
      return recordToObject<{ written: number }>(records[0]!).written;
    },
  };
}

export type RunResultsRepository = ReturnType<typeof createRunResultsRepository>;
