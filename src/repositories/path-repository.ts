import { UndirectedGraph } from 'graphology';
import type { Driver } from 'neo4j-driver';

import { kShortestPaths } from '../analytics/paths/k-shortest.js';
import { KIND_OF_TYPE } from '../analytics/projection/full.js';
import { confidence, DEFAULT_TIE_WEIGHTS } from '../analytics/weights.js';
import { ENTITY_LABELS, type EntityType, typeOfLabel } from '../model/graph-model.js';
import type { Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { neoInt, recordToObject, toNative } from '../neo4j/values.js';
import type { PathQuery, PathsAnswer } from '../schemas/paths.js';
import { provenance, visible } from './entity-view.js';

export const PATH_QUERIES = ['paths/step', 'entities/start'] as const;

/** Most entities a search reaches, and rows one level may read, before it stops (`truncated`). */
const MAX_ENTITIES = 20_000;
const MAX_ROWS = 100_000;
const PEOPLE_LINKS: string[] = ['CONTACT', 'COMMUNICATION', 'MEETING', 'FAMILY', 'ASSOCIATE'];

type Props = Record<string, unknown>;
interface Copy {
  type: string;
  direction: 'out' | 'in';
  properties: Props;
}
interface Node {
  type: EntityType;
  id: string;
  name: string | null;
  unresolved: boolean;
}

/**
 * How two entities are connected: a breadth-first search from both ends over the copies the
 * caller may see (one query per label and level), copies merged by `type:id`, so a caller who
 * sees A and B walks from an entity's A facts to its B facts and one who sees A walks A's only.
 * Every level of each side is read up to maxHops in all (a path of at most maxHops ties has each
 * tie within reach of one end's levels), then Yen's k shortest simple paths run on the merged
 * graph. Neo4j's own SHORTEST works on copies and cannot cross from one investigation's copy of
 * an entity to another's, which is why the search is done here.
 */
export function createPathRepository(driver: Driver, database: string, queries: Queries) {
  const template = createTemplates(queries);
  const read = { database, routing: 'READ' as const };

  async function endpoint(type: EntityType, id: string, allowed: string[] | null): Promise<Node | undefined> {
    const { records } = await driver.executeQuery(template('entities/start', { __LABEL__: ENTITY_LABELS[type] }), { id, allowed }, read);
    if (records.length === 0) return undefined;
    const row = recordToObject<{ name: string | null; unresolved: boolean }>(records[0]!);
    return { type, id, name: row.name, unresolved: row.unresolved };
  }

  return {
    async find(query: PathQuery, allowed: string[] | null): Promise<PathsAnswer | undefined> {
      const [from, to] = await Promise.all([endpoint(query.from.type, query.from.id, allowed), endpoint(query.to.type, query.to.id, allowed)]);
      if (!from || !to) return undefined;
      const types = query.people ? PEOPLE_LINKS.filter((t) => !query.relations || (query.relations as string[]).includes(t)) : (query.relations ?? null);
      const passable = (type: EntityType) => !query.exclude.includes(type) && (!query.people || type === 'person');
      const nodes = new Map<string, Node>();
      const ties = new Map<string, Map<string, Copy[]>>(); // `a|b` (a < b) → relation `type|id` → copies
      const key = (n: { type: string; id: string }) => `${n.type}:${n.id}`;
      nodes.set(key(from), from);
      nodes.set(key(to), to);
      const sides = [
        { frontier: [from], seen: new Set([key(from)]) },
        { frontier: [to], seen: new Set([key(to)]) },
      ];
      let truncated = false;
      for (let level = 0; level < query.maxHops && !truncated; level++) {
        const side = sides[level % 2]!;
        const next: Node[] = [];
        const byType = new Map<EntityType, Node[]>();
        for (const n of side.frontier) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
        const results = await Promise.all(
          [...byType].map(([type, list]) =>
            driver
              .executeQuery(template('paths/step', { __LABEL__: ENTITY_LABELS[type] }), { ids: list.map((n) => n.id), allowed, types, limit: neoInt(MAX_ROWS + 1) }, read)
              .then((r) => ({ type, records: r.records })),
          ),
        );
        for (const { type, records } of results) {
          if (records.length > MAX_ROWS) truncated = true;
          for (const record of records) {
            const row = toNative(record.toObject()) as {
              from: string;
              outgoing: boolean;
              type: string;
              properties: Props;
              label: string;
              to: string;
              name: string | null;
              unresolved: boolean;
            };
            const other: Node = { type: typeOfLabel(row.label), id: row.to, name: row.name, unresolved: row.unresolved };
            const a = `${type}:${row.from}`;
            const b = key(other);
            if (a === b) continue;
            const known = nodes.get(b);
            if (!known) {
              if (nodes.size >= MAX_ENTITIES) {
                truncated = true;
                continue;
              }
              nodes.set(b, other);
            } else if (known.name === null && other.name !== null) known.name = other.name;
            else if (known.unresolved && !other.unresolved) known.unresolved = false;
            if (!passable(other.type) && b !== key(from) && b !== key(to)) continue;
            const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
            const relations = ties.get(pair) ?? new Map<string, Copy[]>();
            ties.set(pair, relations);
            const copies = relations.get(`${row.type}|${row.properties.id}`) ?? [];
            const direction = a < b === row.outgoing ? 'out' : 'in';
            if (!copies.some((c) => c.properties.investigation === row.properties.investigation)) copies.push({ type: row.type, direction, properties: row.properties });
            relations.set(`${row.type}|${row.properties.id}`, copies);
            if (!side.seen.has(b)) {
              side.seen.add(b);
              if (passable(other.type)) next.push(other);
            }
          }
        }
        side.frontier = next;
      }

      const graph = new UndirectedGraph();
      for (const [pair, relations] of ties) {
        const [a, b] = pair.split('|') as [string, string];
        graph.mergeNode(a);
        graph.mergeNode(b);
        graph.addEdge(a, b, { strength: strength(relations) });
      }
      const found =
        graph.hasNode(key(from)) && graph.hasNode(key(to))
          ? kShortestPaths(graph, key(from), key(to), { k: query.k, maxHops: query.maxHops, length: query.by === 'strength' ? (t) => 1 / (t.strength as number) : undefined })
          : { paths: [], tiesComplete: true };
      const paths = found.paths.map((path) => ({
        cost: path.length,
        hops: path.hops,
        nodes: path.nodes.map((k) => nodes.get(k)!),
        steps: path.nodes.slice(1).map((b, i) => {
          const a = path.nodes[i]!;
          const forward = a < b;
          const relations = ties.get(forward ? `${a}|${b}` : `${b}|${a}`)!;
          return {
            from: a,
            to: b,
            strength: graph.getEdgeAttribute(a, b, 'strength') as number,
            relations: [...relations.values()]
              .flat()
              .map((c) => ({
                id: (c.properties.id as string | undefined) ?? null,
                type: c.type,
                direction: forward ? c.direction : c.direction === 'out' ? ('in' as const) : ('out' as const),
                properties: visible(c.properties),
                provenance: provenance(c.properties),
                investigations: ((c.properties.investigations as string[] | undefined) ?? []).filter((i) => allowed === null || allowed.includes(i)),
              }))
              .sort((x, y) => (x.type + x.id + x.investigations.join() < y.type + y.id + y.investigations.join() ? -1 : 1)),
          };
        }),
      }));
      const reason = paths.length > 0 ? null : truncated ? `no path found before the search stopped at its limits` : `no path of at most ${query.maxHops} ties between them`;
      return { from, to, by: query.by, k: query.k, maxHops: query.maxHops, paths, truncated, tiesComplete: found.tiesComplete, reason };
    },
  };
}

/**
 * The full projection's tie strength (analytics/weights.ts): per relation, affinity of its kind ×
 * confidence of its grading × volume (1 + ln count for a reported link), relations summed; a
 * relation held by several investigations counts once, as the copy of the first investigation.
 */
function strength(relations: Map<string, Copy[]>): number {
  let total = 0;
  for (const copies of relations.values()) {
    const first = [...copies].sort((x, y) => (String(x.properties.investigation) < String(y.properties.investigation) ? -1 : 1))[0]!;
    const p = first.properties;
    const count = typeof p.count === 'number' ? p.count : null;
    const volume = count === null ? 1 : 1 + Math.log(Math.max(1, count));
    total += DEFAULT_TIE_WEIGHTS[KIND_OF_TYPE[first.type] ?? 'relation'] * confidence(p.sourceEvaluation as number, p.intelligenceAssessment as string) * volume;
  }
  return total;
}

export type PathRepository = ReturnType<typeof createPathRepository>;
