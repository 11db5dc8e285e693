import type { Driver } from 'neo4j-driver';

import type { Queries } from '../neo4j/queries.js';
import { neoInt, recordToObject, withIntegers } from '../neo4j/values.js';

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
  'runs/delete',
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

/** A run's whole-number fields, stored as Neo4j integers. */
const INTEGER_FIELDS = new Set(['submittedDataVersion', 'submittedScopeVersion', 'dataVersion', 'scopeVersion', 'attempts']);
const integers = <T extends object>(row: T) => withIntegers(row, INTEGER_FIELDS);

/**
 * Runs in Neo4j (see cypher/runs/ and cypher/schema/004-analysis-runs.cypher): their lifecycle,
 * the instances' heartbeats and claims, and ownership. What a run stored is in
 * run-results-repository.ts.
 */
export function createRunRepository(driver: Driver, database: string, queries: Queries) {
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
      await driver.executeQuery(q('runs/create'), { run: integers(run) }, write);
    },

    async update(id: string, fields: RunFields): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/update'), { id, fields: integers(fields) }, write);
      return records[0] ? runOf(records[0]) : undefined;
    },

    /** Marks a queued run of this instance's running (`fields`); undefined when it is not queued or no longer this instance's. */
    async start(id: string, instance: string, fields: RunFields): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/start'), { id, instance, fields: integers(fields) }, write);
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

    /** Records how a running run of `owner`'s ended; undefined when it is no longer running or theirs. */
    async settle(id: string, owner: string, fields: RunFields): Promise<StoredRun | undefined> {
      const { records } = await driver.executeQuery(q('runs/settle'), { id, owner, fields: integers(fields) }, write);
      return records[0] ? runOf(records[0]) : undefined;
    },

    /** Deletes a run's node; its results must be gone first (deleteResults). */
    async delete(id: string): Promise<void> {
      await driver.executeQuery(q('runs/delete'), { id }, write);
    },
  };
}

export type RunRepository = ReturnType<typeof createRunRepository>;
