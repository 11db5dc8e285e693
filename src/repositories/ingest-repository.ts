import type { Driver, ManagedTransaction } from 'neo4j-driver';

import type { EntityLabel, RelationshipType } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { recordToObject, toNative } from '../neo4j/values.js';
import type { Investigation } from '../schemas/ingest.js';

export const INGEST_QUERIES = ['ingest/upsert-entities', 'ingest/upsert-relations', 'ingest/upsert-investigations', 'ingest/bump-data-version', 'ingest/unresolved'] as const;

/** The rows this repository writes (ingest/normalise.ts makes them from validated records). */
export interface EntityRow {
  id: string;
  /** Content properties, compared to tell updated from unchanged; provenance included. */
  props: Record<string, unknown>;
  recordedAt: unknown;
  investigations: string[];
  history: string;
  /** Ids of the relations this record names. */
  relationIds: string[];
  /**
   * Relationship types whose whole set this record states (the field was given, maybe empty):
   * relations of these types that the record named before and no longer names are removed.
   * A field left out says nothing, so its relations stay.
   */
  replaces: RelationshipType[];
  /** Keys of the record's identifiers (model/identifiers.ts); they replace stored keys of `keyKinds`. */
  identifierKeys: string[];
  /** Key kinds of the identifier fields the record gives (a field left out keeps its keys). */
  keyKinds: string[];
  /** Properties rebuilt into searchText from the copy as it is after the record. */
  textFields: string[];
}

export interface RelationRow {
  id: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  recordedAt: unknown;
  investigations: string[];
  history: string;
  /** The entity record a relation was derived from (`Crossing:X-1`), or null for links and relations. */
  origin: string | null;
}

export interface RelationSpec {
  from: EntityLabel;
  type: RelationshipType;
  to: EntityLabel;
}

export interface EntityBatchResult {
  created: number;
  resolved: number;
  updated: number;
  unchanged: number;
  relationsRemoved: number;
  investigationsJoined: number;
}

export interface RelationBatchResult {
  created: number;
  updated: number;
  unchanged: number;
  scopeChanged: number;
  fromPlaceholders: string[];
  toPlaceholders: string[];
}

/**
 * Writes ingest batches. Each batch is one write transaction (executeWrite retries transient
 * errors); the data version moves in the same transaction when the batch changed anything.
 * Labels and types reach the query text only through neo4j/templates.ts (whitelisted).
 */
export function createIngestRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);

  /** `changedIn`: per changed record, the investigations whose data it changed (their versions move too). */
  async function bumpIfChanged(tx: ManagedTransaction, changed: boolean, changedIn: (string[] | null)[]): Promise<number | undefined> {
    if (!changed) return undefined;
    const investigations = [...new Set(changedIn.flatMap((list) => list ?? []))];
    const result = await tx.run(queries['ingest/bump-data-version']!, { investigations });
    return toNative(result.records[0]!.get('version')) as number;
  }

  return {
    async upsertInvestigations(investigations: Investigation[]): Promise<void> {
      await driver.executeQuery(queries['ingest/upsert-investigations']!, { investigations }, { database });
    },

    async writeEntities(entityLabel: EntityLabel, rows: EntityRow[]): Promise<EntityBatchResult & { dataVersion?: number }> {
      const query = template('ingest/upsert-entities', { __LABEL__: entityLabel });
      const session = driver.session({ database });
      try {
        return await session.executeWrite(async (tx) => {
          const { changedIn, ...result } = recordToObject<EntityBatchResult & { changedIn: string[][] }>((await tx.run(query, { rows })).records[0]!);
          const changed = result.created + result.resolved + result.updated + result.relationsRemoved + result.investigationsJoined > 0;
          return { ...result, dataVersion: await bumpIfChanged(tx, changed, changedIn) };
        });
      } finally {
        await session.close();
      }
    },

    async writeRelations(spec: RelationSpec, rows: RelationRow[], ingestId: string): Promise<RelationBatchResult & { dataVersion?: number }> {
      const query = template('ingest/upsert-relations', { __FROM__: spec.from, __TYPE__: spec.type, __TO__: spec.to });
      const session = driver.session({ database });
      try {
        return await session.executeWrite(async (tx) => {
          const { changedIn, ...result } = recordToObject<RelationBatchResult & { changedIn: string[][] }>((await tx.run(query, { rows, ingestId })).records[0]!);
          const changed = result.created + result.updated + result.scopeChanged > 0;
          return { ...result, dataVersion: await bumpIfChanged(tx, changed, changedIn) };
        });
      } finally {
        await session.close();
      }
    },

    /** Of the given ids, those still unresolved placeholders in the load's investigations. */
    async unresolved(entityLabel: EntityLabel, ids: string[], investigations: string[]): Promise<string[]> {
      const query = template('ingest/unresolved', { __LABEL__: entityLabel });
      const { records } = await driver.executeQuery(query, { ids, investigations }, { database, routing: 'READ' });
      return records.map((r) => r.get('id') as string);
    },
  };
}

export type IngestRepository = ReturnType<typeof createIngestRepository>;
