import type { Driver } from 'neo4j-driver';

import { ENTITY_LABELS, type EntityType } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { neoInt, recordToObject } from '../neo4j/values.js';
import type { ExportRow } from '../exports/analysis-graph.js';
import type { CommunityRow, ResultRow, TieArtefact } from '../runs/result-rows.js';

export const RUN_QUERIES = [
  'analytics/data-version',
  'runs/create',
  'runs/update',
  'runs/start',
  'runs/owned',
  'runs/settle',
  'runs/progress',
  'runs/get',
  'runs/get-versioned',
  'runs/list',
  'runs/reusable',
  'runs/claim',
  'runs/heartbeat',
  'runs/retire',
  'runs/latest',
  'runs/write-results',
  'runs/write-communities',
  'runs/write-artefact',
  'runs/delete-results',
  'runs/delete',
  'runs/results-page',
  'runs/community-results-page',
  'runs/result',
  'runs/memberships',
  'runs/export-rows',
  'runs/communities-page',
  'runs/community',
  'runs/artefacts',
  'runs/write-back',
] as const;

/**
 * What an AnalysisRun node holds: plain fields, JSON-valued ones (scope, parameters, summary,
 * timings, error) as strings, times as ISO-8601 strings (UTC), which sort as they read.
 */
export interface StoredRun {
  id: string;
  status: string;
  stage?: string;
  progress?: number;
  fingerprint: string;
  scope: string;
  parameters: string;
  /** The scope's investigations, sorted ([] for all). Not `investigations`: that names the data's membership. */
  scopeInvestigations: string[];
  investigationsKey: string;
  communitiesFrom?: string;
  writeBack: boolean;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  submittedDataVersion: number;
  /** The scope's data version when asked for: what reuse of a queued run compares. */
  submittedScopeVersion: number;
  dataVersion?: number;
  scopeVersion?: number;
  attempts: number;
  error?: string;
  summary?: string;
  timings?: string;
  /** The service instance that runs (or will run) it. */
  owner: string;
}

export type RunFields = { [K in keyof StoredRun]?: StoredRun[K] | null };

const INTEGER_FIELDS = new Set(['position', 'index', 'rank', 'communitiesBridged', 'size', 'internalTies', 'externalTies', 'part', 'ties', 'submittedDataVersion', 'submittedScopeVersion', 'dataVersion', 'scopeVersion', 'attempts']);

/** Whole-number fields go as Neo4j integers, so Cypher users see `rank: 3`, not `3.0`. */
function withIntegers<T extends object>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'number' && INTEGER_FIELDS.has(key) ? neoInt(value) : value;
  return out;
}

const DELETE_BATCH = 10_000;

/**
 * Runs and their results in Neo4j (see cypher/runs/ and cypher/schema/004-analysis-runs.cypher).
 * Results are written in batches, each its own transaction; a run is only marked done after the
 * last, and a run that did not finish has its partial results deleted (deleteResults).
 */
export function createRunRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);
  const read = { database, routing: 'READ' as const };
  const write = { database };
  const q = (name: (typeof RUN_QUERIES)[number]) => queries[name]!;
  const runOf = (record: { get(key: string): unknown }) => recordToObject<{ r: StoredRun }>({ toObject: () => ({ r: record.get('r') }) }).r;

  return {
    /** The database's data version, and that of a scope's investigations (null: everything). */
    async dataVersion(investigations: string[] | null): Promise<{ version: number; scopeVersion: number }> {
      const { records } = await driver.executeQuery(q('analytics/data-version'), { investigations }, read);
      return recordToObject<{ version: number; scopeVersion: number }>(records[0]!);
    },

    async create(run: StoredRun): Promise<void> {
      await driver.executeQuery(q('runs/create'), { run: withIntegers(run) }, write);
    },

    async update(id: string, fields: RunFields): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/update'), { id, fields: withIntegers(fields) }, write);
      return records[0] ? runOf(records[0]) : undefined;
    },

    /** Marks a queued run of this instance's running (`fields`); undefined when it is not queued or no longer this instance's. */
    async start(id: string, instance: string, fields: RunFields): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/start'), { id, instance, fields: withIntegers(fields) }, write);
      return records[0] ? runOf(records[0]) : undefined;
    },

    /** Of `ids`, those this instance still owns. */
    async owned(instance: string, ids: string[]): Promise<Set<string>> {
      const { records } = await driver.executeQuery(q('runs/owned'), { instance, ids }, write);
      return new Set(records[0]?.get('ids') as string[]);
    },

    async progress(id: string, stage: string, progress: number): Promise<void> {
      await driver.executeQuery(q('runs/progress'), { id, stage, progress }, write);
    },

    /** A run, if one whose investigations are all `allowed` (null: any run). */
    async get(id: string, allowed: string[] | null = null): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/get'), { id, allowed }, read);
      return records[0] ? runOf(records[0]) : undefined;
    },

    /** A run the caller may see, with its scope's data version now. */
    async getVersioned(id: string, allowed: string[] | null): Promise<{ run: StoredRun; scopeVersion: number } | undefined> {
      const { records } = await driver.executeQuery(q('runs/get-versioned'), { id, allowed }, read);
      const record = records[0];
      return record ? { run: runOf(record), scopeVersion: Number(record.get('scopeVersion')) } : undefined;
    },

    async list(filter: { status?: string; investigation?: string; limit: number; offset: number }, allowed: string[] | null): Promise<{ total: number; rows: StoredRun[] }> {
      const { records } = await driver.executeQuery(
        q('runs/list'),
        { status: filter.status ? [filter.status] : null, investigation: filter.investigation ?? null, limit: neoInt(filter.limit), offset: neoInt(filter.offset), allowed },
        read,
      );
      return recordToObject<{ total: number; rows: StoredRun[] }>(records[0]!);
    },

    async reusable(fingerprint: string, scopeVersion: number): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/reusable'), { fingerprint, scopeVersion: neoInt(scopeVersion) }, read);
      return records[0] ? runOf(records[0]) : undefined;
    },

    async latest(investigationsKey: string): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/latest'), { investigationsKey }, read);
      return records[0] ? runOf(records[0]) : undefined;
    },

    /** This instance is alive, until `expiresAt` (epoch ms). */
    async heartbeat(instance: string, now: number, expiresAt: number): Promise<void> {
      await driver.executeQuery(q('runs/heartbeat'), { instance, now: neoInt(now), expiresAt: neoInt(expiresAt) }, write);
    },

    /** This instance stops: its runs can be taken over at once. */
    async retire(instance: string): Promise<void> {
      await driver.executeQuery(q('runs/retire'), { instance }, write);
    },

    /**
     * Unfinished runs nobody works on become this instance's, oldest first: those whose owner's
     * heartbeat expired before `now` (or that has none, for runs older than `staleBefore`), and
     * its own that are not `active` here.
     */
    async claim(instance: string, now: number, staleBefore: number, active: string[]): Promise<StoredRun[]> {
      const { records } = await driver.executeQuery(q('runs/claim'), { instance, now: neoInt(now), staleBeforeTime: new Date(staleBefore).toISOString(), active }, write);
      return records.map(runOf);
    },

    /**
     * The writes of a run's results: each only while the run is running and `owner`'s (fenced
     * against a takeover); false when refused.
     */
    async writeResults(runId: string, owner: string, rows: ResultRow[]): Promise<boolean> {
      const { records } = await driver.executeQuery(q('runs/write-results'), { runId, owner, rows: rows.map(withIntegers) }, write);
      return records.length > 0;
    },

    async writeCommunities(runId: string, owner: string, rows: CommunityRow[]): Promise<boolean> {
      const { records } = await driver.executeQuery(q('runs/write-communities'), { runId, owner, rows: rows.map(withIntegers) }, write);
      return records.length > 0;
    },

    async writeArtefact(runId: string, owner: string, artefact: TieArtefact): Promise<boolean> {
      const { records } = await driver.executeQuery(q('runs/write-artefact'), { runId, owner, artefact: withIntegers({ runId, ...artefact }) }, write);
      return records.length > 0;
    },

    /** Records how a running run of `owner`'s ended; undefined when it is no longer running or theirs. */
    async settle(id: string, owner: string, fields: RunFields): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/settle'), { id, owner, fields: withIntegers(fields) }, write);
      return records[0] ? runOf(records[0]) : undefined;
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

    /** Deletes a run's node; its results must be gone first (deleteResults). */
    async delete(id: string): Promise<void> {
      await driver.executeQuery(q('runs/delete'), { id }, write);
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

    /** Latest scores onto one type's entities; returns how many were written (newer runs' are kept). */
    async writeBack(type: EntityType, rows: { id: string; harmScore: number | null; rank: number | null; community: string }[], runId: string, finishedAt: string): Promise<number> {
      const query = template('runs/write-back', { __LABEL__: ENTITY_LABELS[type] });
      const { records } = await driver.executeQuery(query, { rows: rows.map(withIntegers), runId, finishedAt }, write);
      return recordToObject<{ written: number }>(records[0]!).written;
    },
  };
}

export type RunRepository = ReturnType<typeof createRunRepository>;
