import type { EntityLabel, RelationshipType } from '../model/graph-model.js';
import type { EntityBatchResult, EntityRow, IngestRepository, RelationBatchResult, RelationRow, RelationSpec } from '../repositories/ingest-repository.js';
import type { Investigation } from '../schemas/ingest.js';
import { ARRAY_DELIMITER, type CsvFiles, ImportValueError } from './csv-files.js';

/**
 * The ingest path's repository for a bulk import (issue 24): the same loader, validation and
 * normalisation as POST /v1/ingest (ingest-service.ts, loader.ts, normalise.ts), but each batch
 * becomes rows of the import tool's CSV files instead of a Cypher write. What a row holds is
 * what cypher/ingest/create-entities.cypher and create-relations.cypher (or upsert-relations.cypher
 * for a placeholder end) write into a new copy, so the imported store is the one an ingest of
 * the same records into an empty database leaves (test/import/bulk-import.test.ts compares them).
 *
 * A bulk import writes each record once: a second record for the same copy (an update, which
 * the ingest path merges with history) is refused (ImportRepeatError) before anything reaches
 * the store. What only the whole load tells — an end that no record gave (a placeholder), an id
 * with copies in several investigations that no one record named together (`shared`), empty
 * lists — is kept here and written or handed to the post-import step (bulk-import.ts) at the end.
 */

export class ImportRepeatError extends Error {
  override name = 'ImportRepeatError';
}

/** One ID space for every node: keys are JSON arrays, so no id can make two keys alike. */
export const ID_SPACE = 'node';
const copyKey = (label: string, investigation: string, id: string) => JSON.stringify([label, investigation, id]);
const investigationKey = (id: string) => JSON.stringify(['Investigation', id]);

/** Label that marks a node whose property `key` is an empty list (the import tool cannot write one). */
export const emptyListLabel = (key: string) => `ImportEmptyList__${key}`;

export interface RelationFixUp {
  type: RelationshipType;
  id: string;
  investigation: string;
  props: Record<string, unknown>;
}

/**
 * A copy's investigation in ImportState's lists, marked (a leading NUL, which no validated id
 * holds) when the copy was written with `shared` already set: its record named several
 * investigations, so its copies were known to be shared when written.
 */
const SHARED_MARK = '\u0000';
const entry = (investigation: string, shared: boolean) => (shared ? SHARED_MARK + investigation : investigation);
const investigationOf = (entry: string) => (entry.startsWith(SHARED_MARK) ? entry.slice(1) : entry);

/** The copies of ids with several copies that were written without `shared` (their record named one investigation, or a placeholder). */
export function unmarkedSharedCopies(byId: Map<string, string[]>): { id: string; investigation: string }[] {
  const rows: { id: string; investigation: string }[] = [];
  for (const [id, entries] of byId) {
    if (entries.length < 2) continue;
    for (const e of entries) if (!e.startsWith(SHARED_MARK)) rows.push({ id, investigation: e });
  }
  return rows;
}

export interface ImportState {
  /** Per label, per id, the investigations it has copies in (entities and placeholders alike; see `entry`). */
  copies: Map<EntityLabel, Map<string, string[]>>;
  /** Per relationship type, per id, its investigations (see `entry`). */
  relations: Map<RelationshipType, Map<string, string[]>>;
  /** Property names of nodes marked with emptyListLabel. */
  emptyListKeys: Set<string>;
  /** Relationship properties the tool cannot write (empty lists), set after the import. */
  relationFixUps: RelationFixUp[];
  investigations: Set<string>;
  placeholders: number;
}

export function createImportFilesRepository(csv: CsvFiles) {
  const state: ImportState = { copies: new Map(), relations: new Map(), emptyListKeys: new Set(), relationFixUps: [], investigations: new Set(), placeholders: 0 };
  const entities = new Map<EntityLabel, Set<string>>();
  /** Ends named by relations before (or without) their entity's record: label → id → investigations → the load that named it. */
  const named = new Map<EntityLabel, Map<string, Map<string, string>>>();

  const inner = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = make()));
    return value;
  };
  const addCopy = (label: EntityLabel, id: string, investigation: string, shared: boolean) =>
    inner(
      inner(state.copies, label, () => new Map()),
      id,
      () => [],
    ).push(entry(investigation, shared));
  const hasEntity = (label: EntityLabel, id: string, investigation: string) => entities.get(label)?.has(copyKey(label, investigation, id)) ?? false;

  async function copyNode(label: EntityLabel, id: string, investigation: string, props: Record<string, unknown>, shared: boolean): Promise<void> {
    const empty = Object.keys(props).filter((key) => Array.isArray(props[key]) && (props[key] as unknown[]).length === 0);
    for (const key of empty) state.emptyListKeys.add(key);
    // The tool separates labels as it does list items.
    const labels = [label, ...empty.map(emptyListLabel)].join(ARRAY_DELIMITER);
    await csv.node(labels, ID_SPACE, copyKey(label, investigation, id), shared ? { ...props, shared: true } : props);
    await csv.relationship('BELONGS_TO', ID_SPACE, copyKey(label, investigation, id), investigationKey(investigation), {});
    addCopy(label, id, investigation, shared);
  }

  return {
    state,

    async upsertInvestigations(investigations: Investigation[]): Promise<void> {
      for (const { id, name } of investigations) {
        if (state.investigations.has(id)) continue;
        state.investigations.add(id);
        await csv.node('Investigation', ID_SPACE, investigationKey(id), { id, ...(name !== undefined ? { name } : {}) });
      }
    },

    async writeEntities(label: EntityLabel, rows: EntityRow[]): Promise<EntityBatchResult & { dataVersion?: number }> {
      const written = inner(entities, label, () => new Set<string>());
      for (const row of rows) {
        for (const investigation of row.investigations) {
          const key = copyKey(label, investigation, row.id);
          if (written.has(key)) {
            throw new ImportRepeatError(
              `${label} ${row.id} comes twice for investigation ${investigation}: the bulk import writes each record once; load records that update earlier ones through POST /v1/ingest after the import`,
            );
          }
          written.add(key);
          named.get(label)?.get(row.id)?.delete(investigation);
          await copyNode(
            label,
            row.id,
            investigation,
            {
              ...row.props,
              id: row.id,
              investigation,
              recordedAt: row.recordedAt,
              history: [row.history],
              unresolved: false,
              identifierKeys: row.identifierKeys,
              searchText: row.searchText ?? searchText(row),
              contentHash: row.hash,
              investigations: [investigation],
            },
            row.investigations.length > 1,
          );
        }
      }
      return { created: rows.length, resolved: 0, updated: 0, unchanged: 0, relationsRemoved: 0, investigationsJoined: 0 };
    },

    async writeRelations(spec: RelationSpec, rows: RelationRow[], ingestId: string): Promise<RelationBatchResult & { dataVersion?: number }> {
      const ids = inner(state.relations, spec.type, () => new Map<string, string[]>());
      const fromPlaceholders: string[] = [];
      const toPlaceholders: string[] = [];
      for (const row of rows) {
        const investigations = inner(ids, row.id, () => []);
        const shared = row.investigations.length > 1;
        for (const investigation of row.investigations) {
          if (investigations.some((e) => investigationOf(e) === investigation)) {
            throw new ImportRepeatError(
              `${spec.type} relation ${row.id} comes twice for investigation ${investigation}: the bulk import writes each record once; load records that update earlier ones through POST /v1/ingest after the import`,
            );
          }
          investigations.push(entry(investigation, shared));
          for (const [label, id, list] of [
            [spec.from, row.from, fromPlaceholders],
            [spec.to, row.to, toPlaceholders],
          ] as const) {
            if (hasEntity(label, id, investigation)) continue;
            const byInvestigation = inner(
              inner(named, label, () => new Map<string, Map<string, string>>()),
              id,
              () => new Map<string, string>(),
            );
            if (!byInvestigation.has(investigation)) byInvestigation.set(investigation, ingestId);
            list.push(id);
          }
          const props: Record<string, unknown> = {
            ...row.props,
            id: row.id,
            investigation,
            recordedAt: row.recordedAt,
            history: [row.history],
            investigations: [investigation],
            contentHash: row.hash,
            ...(row.origin !== null ? { origin: row.origin } : {}),
            ...(shared ? { shared: true } : {}),
          };
          const empty = Object.fromEntries(Object.entries(props).filter(([, value]) => Array.isArray(value) && value.length === 0));
          if (Object.keys(empty).length > 0) state.relationFixUps.push({ type: spec.type, id: row.id, investigation, props: empty });
          await csv.relationship(spec.type, ID_SPACE, copyKey(spec.from, investigation, row.from), copyKey(spec.to, investigation, row.to), props);
        }
      }
      return { created: rows.length, updated: 0, unchanged: 0, scopeChanged: 0, fromPlaceholders, toPlaceholders };
    },

    /** Which of `ids` still have no record in one of `investigations` (they become placeholders in finish()). */
    async unresolved(label: EntityLabel, ids: string[], investigations: string[]): Promise<string[]> {
      return ids.filter((id) => {
        const waiting = named.get(label)?.get(id);
        return waiting !== undefined && investigations.some((investigation) => waiting.has(investigation));
      });
    },

    /** Writes the placeholder copies: ends a relation named that no record of the load gave. */
    async finish(): Promise<void> {
      for (const [label, byId] of named) {
        for (const [id, byInvestigation] of byId) {
          for (const [investigation, ingestId] of byInvestigation) {
            await copyNode(label, id, investigation, { id, investigation, unresolved: true, placeholderIngest: ingestId, investigations: [investigation] }, false);
            state.placeholders += 1;
          }
        }
      }
      named.clear();
    },
  } satisfies IngestRepository & Record<string, unknown>;
}

export type ImportFilesRepository = ReturnType<typeof createImportFilesRepository>;

/**
 * searchText as upsert-entities.cypher renders it when a text field holds something other than
 * strings (normalise.ts leaves it null then): Cypher's toString of each value.
 */
function searchText(row: EntityRow): string {
  const values = row.textFields.flatMap((field) => {
    const value = row.props[field];
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  });
  return [row.id, ...values.map(cypherString), ...row.identifierKeys].join(' | ');
}

function cypherString(value: unknown): string {
  if (typeof value === 'number') {
    // Cypher prints a float as Java does: a whole number keeps ".0".
    if (Number.isInteger(value) && Math.abs(value) < 1e7) return `${value}.0`;
    if (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e7) return String(value);
    throw new ImportValueError(`import: a text field holds ${value}, which the bulk import cannot render as Cypher would; load this record through POST /v1/ingest`);
  }
  return String(value);
}
