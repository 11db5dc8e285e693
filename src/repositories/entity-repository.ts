import type { Driver } from 'neo4j-driver';

import { ENTITY_LABELS, type EntityType, typeOfLabel } from '../model/graph-model.js';
import { lookupKeys } from '../model/identifiers.js';
import { readOnce } from '../neo4j/auto-commit.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { neoInt, recordToObject, toNative } from '../neo4j/values.js';
import type { EntityView, Network, SearchRequest, SearchResult } from '../schemas/entity-views.js';
import { entityView } from './entity-view.js';
import { nodeFacts, type RawHit, searchHit } from './search-hit.js';

export const ENTITY_QUERIES = ['entities/get', 'entities/search', 'entities/start', 'entities/neighbours', 'entities/erase'] as const;

const RELATIONS_SHOWN = 500;

/** A relation as entities/get.cypher returns it: id, type, outgoing, the other end's label, id, name and unresolved, properties. */
type RelationRow = [string, string, boolean, string, string, string | null, boolean, Record<string, unknown>];

/**
 * Reading entities back: one with its relations, search, a neighbourhood, and erasure. Every
 * query takes `allowed`, the investigations the caller may see (null: all): what lies outside
 * them is filtered in the query itself, so it is not found rather than hidden afterwards.
 */
export function createEntityRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);
  const read = { database, routing: 'READ' as const };

  return {
    async get(type: EntityType, id: string, allowed: string[] | null): Promise<EntityView | undefined> {
      const query = template('entities/get', { __LABEL__: ENTITY_LABELS[type] });
      // Every uncached view runs this: one auto-commit statement (neo4j/auto-commit.ts).
      const records = await readOnce(driver, database, query, { id, limit: neoInt(RELATIONS_SHOWN), allowed });
      if (records.length === 0) return undefined;
      const row = recordToObject<{ copies: Record<string, unknown>[]; relations: RelationRow[]; relationCount: number }>(records[0]!);
      const relations = row.relations.map(([relationId, relationType, outgoing, label, otherId, name, unresolved, properties]) => ({
        id: relationId,
        type: relationType,
        direction: outgoing ? ('out' as const) : ('in' as const),
        other: { label, id: otherId, name, unresolved },
        properties,
      }));
      return entityView(type, id, { ...row, relations }, allowed);
    },

    async search(request: SearchRequest, allowed: string[] | null): Promise<SearchResult> {
      const { limit, offset } = request;
      const query = request.q === undefined ? null : luceneQuery(request.q);
      const keys =
        request.identifier === undefined
          ? null
          : lookupKeys(request.identifier)
              .map((k) => `"${k.replace(/["\\]/g, '\\$&')}"`)
              .join(' OR ');
      if (query === '' || keys === '') return { total: 0, limit, offset, items: [] };
      const type = request.type ?? (request.role ? 'person' : undefined);
      const { records } = await driver.executeQuery(
        queries['entities/search']!,
        {
          query,
          keys,
          label: type ? ENTITY_LABELS[type] : null,
          investigation: request.investigation ?? null,
          role: request.role ?? null,
          limit: neoInt(limit),
          offset: neoInt(offset),
          allowed,
        },
        read,
      );
      const { total, items } = recordToObject<{ total: number; items: (RawHit | null)[] }>(records[0]!);
      return { total, limit, offset, items: items.filter((hit): hit is RawHit => hit !== null && hit.copies.length > 0).map(searchHit) };
    },

    /** Breadth-first, one query per level, stopping at `limit` nodes (then `truncated`). */
    async network(type: EntityType, id: string, depth: number, limit: number, allowed: string[] | null): Promise<Network | undefined> {
      const start = await driver.executeQuery(template('entities/start', { __LABEL__: ENTITY_LABELS[type] }), { id, allowed }, read);
      if (start.records.length === 0) return undefined;
      const root = recordToObject<{ keys: string[]; name: string | null; unresolved: boolean; facts: Record<string, unknown>[] }>(start.records[0]!);
      const rootKey = `${type}:${id}`;
      // Element id of every copy reached → its entity's `type:id`: an entity's copies in several investigations are one node.
      const keys = new Map<string, string>(root.keys.map((key) => [key, rootKey]));
      type Node = Omit<Network['nodes'][number], 'label' | 'kind' | 'identifiers'>;
      const nodes: Node[] = [{ key: rootKey, type, id, name: root.name, unresolved: root.unresolved, depth: 0 }];
      // Every copy reached, by element id, under its entity: a node shows what its copies hold together.
      const copies = new Map<string, Map<string, Record<string, unknown>>>([[rootKey, new Map(root.keys.map((key, i) => [key, root.facts[i]!]))]]);
      const seen = new Set<string>([rootKey]);
      const edges = new Map<string, Network['edges'][number]>();
      const pending: { from: string; to: string; id: string | null; type: string }[] = [];
      let frontier = root.keys;
      let truncated = false;
      for (let level = 1; level <= depth && frontier.length > 0 && !truncated; level++) {
        const room = limit - nodes.length;
        const { records } = await driver.executeQuery(queries['entities/neighbours']!, { frontier, limit: neoInt(room * 20 + 1000), allowed }, read);
        const next: string[] = [];
        for (const row of records.map((r) => toNative(r.toObject()) as Record<string, unknown>)) {
          const key = row.key as string;
          if (!keys.has(key)) {
            const nodeType = typeOfLabel(row.label as string);
            const entityKey = `${nodeType}:${row.entityId}`;
            if (!seen.has(entityKey)) {
              if (nodes.length >= limit) {
                truncated = true;
                continue;
              }
              seen.add(entityKey);
              nodes.push({ key: entityKey, type: nodeType, id: row.entityId as string, name: row.name as string | null, unresolved: row.unresolved as boolean, depth: level });
            }
            keys.set(key, entityKey);
            if (!copies.has(entityKey)) copies.set(entityKey, new Map());
            copies.get(entityKey)!.set(key, row.facts as Record<string, unknown>);
            next.push(key);
          }
          pending.push({ from: row.from as string, to: row.to as string, id: row.id as string | null, type: row.type as string });
        }
        if (records.length >= room * 20 + 1000) truncated = true;
        frontier = next;
      }
      for (const edge of pending) {
        const from = keys.get(edge.from);
        const to = keys.get(edge.to);
        if (from && to) edges.set(`${edge.type}|${edge.id}|${from}|${to}`, { ...edge, from, to });
      }
      const shown = nodes.map((node) => ({ ...node, ...nodeFacts(node.type, node.id, [...(copies.get(node.key)?.values() ?? [])]) }));
      return { nodes: shown, edges: [...edges.values()], truncated };
    },

    async erase(type: EntityType, id: string, requestId: string, allowed: string[] | null): Promise<{ relationsRemoved: number; dataVersion: number } | undefined> {
      const query = template('entities/erase', { __LABEL__: ENTITY_LABELS[type] });
      const { records } = await driver.executeQuery(query, { id, key: `${type}:${id}`, requestId, allowed }, { database });
      if (records.length === 0) return undefined;
      const { relations, dataVersion } = recordToObject<{ relations: number; dataVersion: number }>(records[0]!);
      return { relationsRemoved: relations, dataVersion };
    },
  };
}

export type EntityRepository = ReturnType<typeof createEntityRepository>;

/**
 * Words as Lucene terms: lower-cased (so AND, OR, NOT are words, not operators), every special
 * character escaped, each matching itself or as a prefix. Words without a letter or digit
 * match nothing and are dropped; an empty result means "search for nothing".
 */
export function luceneQuery(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => word.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&'))
    .map((term) => `(${term} OR ${term}*)`)
    .join(' AND ');
}
