import type { Driver, ManagedTransaction } from 'neo4j-driver';

import { ENTITY_LABELS, typeOfLabel } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { neoInt, recordToObject } from '../neo4j/values.js';
import type { ResolutionRecord, ResolvableType } from '../resolution/records.js';
import { displayLabel } from './search-hit.js';

export const RESOLUTION_QUERIES = ['resolution/records', 'resolution/copies', 'resolution/decide', 'resolution/undo', 'resolution/decisions', 'ingest/bump-data-version'] as const;

/** What is read of a scope's entities for resolution: the grading filters and investigations of an analysis scope. */
export interface RecordScope {
  /** null: every investigation (a caller who may see all). */
  investigations: string[] | null;
  minAssessment: string;
  maxSourceEvaluation: number;
  type?: ResolvableType;
}

/** A record as compared, with what an answer shows of it: a display label and the investigations its copies are in. */
export interface ScopedRecord {
  record: ResolutionRecord;
  label: string;
  investigations: string[];
}

/** A stored decision as Neo4j holds it (cypher/resolution/decide.cypher). */
export interface StoredDecision {
  id: string;
  investigation: string;
  type: ResolvableType;
  records: string[];
  decision: 'accept' | 'reject';
  reason: string;
  analystId: string;
  analystName: string;
  decidedAt: string;
  requestId: string;
  /** JSON of the candidates among the records when it was made. */
  candidates: string;
  undoneAt?: string;
  undoneById?: string;
  undoneByName?: string;
}

type Copy = {
  investigation: string;
  name: string | null;
  aliases: string[];
  dateOfBirth: string | null;
  nationality: string | null;
  identifierKeys: string[];
  neighbours: string[];
} & Record<string, unknown>;

const ALL_LABELS = Object.values(ENTITY_LABELS);
/** A page large enough for every decision of a scope. */
const ALL_DECISIONS = 1_000_000;

/**
 * Entity resolution's storage: the records of a scope (each entity's copies in the scope's
 * investigations merged by id, nothing of any other investigation read), and analysts'
 * decisions, kept as nodes of their own beside the records they name.
 */
export function createResolutionRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);
  const read = { database, routing: 'READ' as const };

  const repository = {
    async records(scope: RecordScope): Promise<ScopedRecord[]> {
      const { records } = await driver.executeQuery(
        queries['resolution/records']!,
        {
          investigations: scope.investigations,
          minAssessment: scope.minAssessment,
          maxSourceEvaluation: neoInt(scope.maxSourceEvaluation),
          label: scope.type ? ENTITY_LABELS[scope.type] : null,
          allLabels: ALL_LABELS,
        },
        read,
      );
      return records.map((r) => scopedRecord(recordToObject<{ label: string; id: string; copies: Copy[] }>(r)));
    },

    async decisions(filter: {
      investigations: string[] | null;
      type?: string;
      undone: boolean;
      limit: number;
      offset: number;
    }): Promise<{ total: number; items: StoredDecision[] }> {
      const { records } = await driver.executeQuery(
        queries['resolution/decisions']!,
        { investigations: filter.investigations, type: filter.type ?? null, undone: filter.undone, limit: neoInt(filter.limit), offset: neoInt(filter.offset) },
        read,
      );
      return recordToObject<{ total: number; items: StoredDecision[] }>(records[0]!);
    },

    /** Every standing (not undone) decision of the investigations, newest first. */
    async standing(investigations: string[] | null): Promise<StoredDecision[]> {
      return (await repository.decisions({ investigations, undone: false, limit: ALL_DECISIONS, offset: 0 })).items;
    },

    /** The ids of `ids` that have no copy of `type` in `investigation`. */
    async missing(investigation: string, type: ResolvableType, ids: string[]): Promise<string[]> {
      const query = template('resolution/copies', { __LABEL__: ENTITY_LABELS[type] });
      const { records } = await driver.executeQuery(query, { investigation, ids }, read);
      return records.filter((r) => r.get('present') !== true).map((r) => r.get('id') as string);
    },

    /** Stores a decision and moves its investigation's data version (runs before it become stale), in one transaction. */
    async decide(decision: Omit<StoredDecision, 'decidedAt' | 'candidates'> & { at: string; candidates: unknown[] }): Promise<{ decision: StoredDecision; dataVersion: number }> {
      const session = driver.session({ database });
      try {
        return await session.executeWrite(async (tx) => {
          const made = await tx.run(queries['resolution/decide']!, { ...decision, candidates: JSON.stringify(decision.candidates) });
          const stored = recordToObject<{ decision: StoredDecision }>(made.records[0]!).decision;
          return { decision: stored, dataVersion: await bump(tx, [decision.investigation]) };
        });
      } finally {
        await session.close();
      }
    },

    /** Marks a decision undone (kept for history); undefined when the caller cannot see it. */
    async undo(
      id: string,
      by: { analystId: string; analystName: string; at: string },
      allowed: string[] | null,
    ): Promise<{ decision: StoredDecision; already: boolean } | undefined> {
      const session = driver.session({ database });
      try {
        return await session.executeWrite(async (tx) => {
          const result = await tx.run(queries['resolution/undo']!, { id, allowed, ...by });
          if (result.records.length === 0) return undefined;
          const { decision, already } = recordToObject<{ decision: StoredDecision; already: boolean }>(result.records[0]!);
          if (!already) await bump(tx, [decision.investigation]);
          return { decision, already };
        });
      } finally {
        await session.close();
      }
    },
  };
  return repository;

  async function bump(tx: ManagedTransaction, investigations: string[]): Promise<number> {
    const result = await tx.run(queries['ingest/bump-data-version']!, { investigations });
    return recordToObject<{ version: number }>(result.records[0]!).version;
  }
}

export type ResolutionRepository = ReturnType<typeof createResolutionRepository>;

const first = <T>(copies: Copy[], field: keyof Copy): T | null => (copies.find((c) => c[field] != null)?.[field] as T | undefined) ?? null;
const union = (lists: string[][]) => [...new Set(lists.flat())].sort();

/** One entity's copies in scope as one record: the latest recorded copy's name first, lists merged. */
function scopedRecord(row: { label: string; id: string; copies: Copy[] }): ScopedRecord {
  const type = typeOfLabel(row.label) as ResolvableType;
  const { copies } = row;
  const name = first<string>(copies, 'name');
  const neighbours = union(copies.map((c) => c.neighbours)).map((key) => {
    const colon = key.indexOf(':');
    return `${typeOfLabel(key.slice(0, colon))}:${key.slice(colon + 1)}`;
  });
  return {
    record: {
      type,
      id: row.id,
      name,
      aliases: union(copies.map((c) => c.aliases)).filter((alias) => alias !== name),
      dateOfBirth: first<string>(copies, 'dateOfBirth'),
      nationality: first<string>(copies, 'nationality'),
      identifiers: union(copies.map((c) => c.identifierKeys)),
      neighbours,
    },
    label: displayLabel(type, row.id, copies),
    investigations: union(copies.map((c) => [c.investigation])),
  };
}
