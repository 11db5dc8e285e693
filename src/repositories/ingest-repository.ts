import type { Driver, ManagedTransaction } from 'neo4j-driver';

import type { EntityLabel, RelationshipType } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { recordToObject, toNative } from '../neo4j/values.js';
import type { Investigation } from '../schemas/ingest.js';

export const INGEST_QUERIES = [
  'ingest/entity-states',
  'ingest/create-entities',
  'ingest/upsert-entities',
  'ingest/relation-states',
  'ingest/create-relations',
  'ingest/upsert-relations',
  'ingest/upsert-investigations',
  'ingest/bump-data-version',
  'ingest/unresolved',
] as const;

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
  /** Digest of what the record writes (ingest/content-hash.ts), stored on the copy as contentHash. */
  hash: string;
  /** searchText of a copy this record creates, or null when only the upsert can render it. */
  searchText: string | null;
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
  /** Digest of the relation as the record gives it: its ends, their labels and its properties. */
  hash: string;
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

/** What a record's copies say before its batch is written (cypher/ingest/entity-states.cypher). */
interface RowState {
  state: 'same' | 'new' | 'other';
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

  /** Each row's state from an entity-states or relation-states query, in the rows' order. */
  async function statesOf(tx: ManagedTransaction, query: string, rows: unknown[]): Promise<RowState[]> {
    const states: RowState[] = new Array(rows.length);
    for (const record of (await tx.run(query, { rows })).records) {
      const { i, state, fromPlaceholders = [], toPlaceholders = [] } = recordToObject<RowState & { i: number }>(record);
      states[i] = { state, fromPlaceholders, toPlaceholders };
    }
    return states;
  }

  return {
    async upsertInvestigations(investigations: Investigation[]): Promise<void> {
      await driver.executeQuery(queries['ingest/upsert-investigations']!, { investigations }, { database });
    },

    /**
     * One transaction: entity-states sorts the records (unchanged ones are left alone, records
     * with no copy yet are created by create-entities), and only the rest goes through the
     * upsert that compares and merges.
     */
    async writeEntities(entityLabel: EntityLabel, rows: EntityRow[]): Promise<EntityBatchResult & { dataVersion?: number }> {
      const slots = { __LABEL__: entityLabel };
      const session = driver.session({ database });
      try {
        return await session.executeWrite(async (tx) => {
          const states = await statesOf(
            tx,
            template('ingest/entity-states', slots),
            rows.map(({ id, investigations, hash }) => ({ id, investigations, hash })),
          );
          const fresh = rows.filter((row, i) => states[i]!.state === 'new' && row.searchText !== null);
          const taken = new Set(fresh.length > 0 ? ((await tx.run(template('ingest/create-entities', slots), { rows: fresh })).records[0]!.get('taken') as string[]) : []);
          const rest = rows.filter((row, i) => states[i]!.state === 'other' || (states[i]!.state === 'new' && (row.searchText === null || taken.has(row.id))));
          const created = fresh.filter((row) => !taken.has(row.id));
          const merged =
            rest.length > 0
              ? recordToObject<EntityBatchResult & { changedIn: string[][] }>((await tx.run(template('ingest/upsert-entities', slots), { rows: rest })).records[0]!)
              : undefined;
          const { changedIn = [], ...counts } = merged ?? { created: 0, resolved: 0, updated: 0, unchanged: 0, relationsRemoved: 0, investigationsJoined: 0 };
          const result = { ...counts, created: counts.created + created.length, unchanged: counts.unchanged + states.filter((s) => s.state === 'same').length };
          const changed = result.created + result.resolved + result.updated + result.relationsRemoved + result.investigationsJoined > 0;
          return { ...result, dataVersion: await bumpIfChanged(tx, changed, [...changedIn, ...created.map((row) => row.investigations)]) };
        });
      } finally {
        await session.close();
      }
    },

    /** As writeEntities: relation-states, then create-relations for new ones, the upsert for the rest. */
    async writeRelations(spec: RelationSpec, rows: RelationRow[], ingestId: string): Promise<RelationBatchResult & { dataVersion?: number }> {
      const slots = { __FROM__: spec.from, __TYPE__: spec.type, __TO__: spec.to };
      const session = driver.session({ database });
      try {
        return await session.executeWrite(async (tx) => {
          const states = await statesOf(
            tx,
            template('ingest/relation-states', slots),
            rows.map(({ id, from, to, investigations, hash }) => ({ id, from, to, investigations, hash })),
          );
          const created = rows.filter((_, i) => states[i]!.state === 'new');
          if (created.length > 0) await tx.run(template('ingest/create-relations', slots), { rows: created });
          const rest = rows.filter((_, i) => states[i]!.state === 'other');
          const merged =
            rest.length > 0
              ? recordToObject<RelationBatchResult & { changedIn: string[][] }>((await tx.run(template('ingest/upsert-relations', slots), { rows: rest, ingestId })).records[0]!)
              : undefined;
          const { changedIn = [], ...counts } = merged ?? { created: 0, updated: 0, unchanged: 0, scopeChanged: 0, fromPlaceholders: [], toPlaceholders: [] };
          const known = states.filter((s) => s.state !== 'other');
          const result = {
            ...counts,
            created: counts.created + created.length,
            unchanged: counts.unchanged + states.filter((s) => s.state === 'same').length,
            fromPlaceholders: [...counts.fromPlaceholders, ...known.flatMap((s) => s.fromPlaceholders)],
            toPlaceholders: [...counts.toPlaceholders, ...known.flatMap((s) => s.toPlaceholders)],
          };
          const changed = result.created + result.updated + result.scopeChanged > 0;
          return { ...result, dataVersion: await bumpIfChanged(tx, changed, [...changedIn, ...created.map((row) => row.investigations)]) };
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
