import neo4j, { type BookmarkManager, type Driver } from 'neo4j-driver';

import { GdsServerUnavailableError } from '../errors.js';
import { isUnavailableError } from '../neo4j/driver.js';
import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';

export const GDS_QUERIES = [
  'gds/people-ties',
  'gds/tie-rows',
  'gds/project',
  'gds/louvain',
  'gds/pagerank',
  'gds/paths',
  'gds/procedures',
  'gds/structure',
  'gds/tie-parts',
  'gds/strongest-ties',
  'gds/louvain-estimate',
  'gds/pagerank-estimate',
  'gds/heap',
  'gds/drop',
  'gds/relations-in-scope',
] as const;

/** The last line of gds/people-ties.cypher, the columns the service reads (the projection reads fewer). */
const TIE_COLUMNS = 'RETURN lo, hi, sum(strength) AS strength, sum(money) AS money, collect(kind) AS kinds';

/**
 * Per-node numbers as the service's procedures take them: the array's bytes (little-endian int32,
 * as the machine lays them out; the procedures read them so), one byte array instead of a list of
 * millions of boxed integers.
 */
function perNode(values: Int32Array): Int8Array {
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('repositories/gds: the procedures take little-endian numbers');
  return new Int8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Settings GDS refuses as floats: the driver sends every JS number as one unless told. */
const INTEGER_SETTINGS = new Set(['maxLevels', 'maxIterations', 'concurrency', 'samplingSize', 'samplingSeed']);

const withIntegers = (config: object) => Object.fromEntries(Object.entries(config).map(([key, value]) => [key, INTEGER_SETTINGS.has(key) ? neo4j.int(value as number) : value]));

export type GdsAlgorithm = 'louvain' | 'pagerank';
export type EstimatedAlgorithm = GdsAlgorithm;

/** One aggregated tie of gds/people-ties.cypher: its ends, strength, money, and a kind per relation behind it. */
export interface TieRow {
  fromLabel: string;
  from: string;
  toLabel: string;
  to: string;
  strength: number;
  money: number;
  kinds: string[];
}

interface NodeValue {
  /** The node's number: its index in the service's projection. */
  node: number;
  value: number;
}

/** sna.betweenness.stream's sums for one node (gds/paths.cypher). */
interface NodePaths {
  node: number;
  betweenness: number;
  closeness: number;
}

/** sna.structure.stream's row for one node (gds/structure.cypher); the last five are the same on every row. */
export interface StructureRow {
  node: number;
  community: number;
  degree: number;
  strength: number;
  eigenvector: number;
  participation: number;
  communitiesBridged: number;
  articulation: boolean;
  separated: number;
  internalTies: number;
  externalTies: number;
  internalMoney: number;
  bridgesTo: number[];
  modularity: number;
  communities: number;
  eigenvectorIterations: number;
  eigenvectorConverged: boolean;
}

/** A part of the ties as a stored run keeps them (sna.ties.parts; run-results-repository.ts TieArtefact without its kinds' names). */
export interface PackedTies {
  part: number;
  ties: number;
  source: Int8Array;
  target: Int8Array;
  strength: Int8Array;
  money: Int8Array;
  kindCount: Int8Array;
}

/** One of a community's strongest internal ties (sna.ties.strongest): its ends by node number, relations per kind in the projection's kind order. */
export interface StrongestTieRow {
  community: number;
  total: number;
  source: number;
  target: number;
  strength: number;
  money: number;
  kindCount: number[];
}

/** Where the GDS calls go: the service's own driver, or a dedicated GDS server's (analysis/gds/gds-server.ts). */
export interface GdsServerOptions {
  /** A server of its own: when it does not answer that is GDS_SERVER_UNAVAILABLE, not the service's database lost. */
  dedicated: boolean;
  /** The service driver's bookmarks, so the ties read here include what the service has written. */
  bookmarkManager: BookmarkManager;
}

/** A dedicated GDS server's unreachability, said as its own (503 GDS_SERVER_UNAVAILABLE); any other error as it is. */
export function asGdsServerError(error: unknown): unknown {
  return isUnavailableError(error) ? new GdsServerUnavailableError((error as Error).message) : error;
}

/**
 * The GDS engine's access to Neo4j: the ties computed in the database, projections into GDS's
 * in-memory graph catalogue, algorithm results streamed a node a row, memory estimates. A
 * projected graph lives in one server's memory, so every call goes to the same one: the WRITE
 * route (the leader in a cluster; a direct bolt:// driver ignores it; docs/operations.md,
 * "Production topology"). A graph is dropped by whoever projected it, always (analysis/gds/gds-analysis.ts).
 */
export function createGdsRepository(
  driver: Driver,
  database: string,
  queries: Queries,
  options: GdsServerOptions = { dedicated: false, bookmarkManager: driver.executeQueryBookmarkManager },
) {
  // The tie query is pasted into the query that streams its rows and the one that projects them.
  const tieRows = queries['gds/tie-rows']!.replace('__TIES__', queries['gds/people-ties']!);
  // The projection needs a tie's ends, strength and money (and for a stored run the kinds of the
  // relations behind it): its last line sums no more than that.
  if (!queries['gds/people-ties']!.trimEnd().endsWith(TIE_COLUMNS)) throw new Error('repositories/gds: gds/people-ties.cypher no longer ends as gds/project.cypher expects');
  const projectQuery = (kinds: number) => {
    const ties = queries['gds/people-ties']!.replace(
      TIE_COLUMNS,
      `RETURN lo, hi, sum(strength) AS strength, sum(money) AS money, ${kinds > 0 ? 'collect(kind)' : 'null'} AS kinds`,
    );
    const properties = Array.from({ length: kinds }, (_, k) => `, kind${k}: toFloat(size([x IN kinds WHERE x = $storedKinds[${k}]]))`).join('');
    return queries['gds/project']!.replace('__TIES__', ties).replace('__KIND_PROPERTIES__', properties);
  };
  const projectQueries = new Map<number, string>();
  const { bookmarkManager } = options;

  const fail = (error: unknown): never => {
    throw options.dedicated ? asGdsServerError(error) : error;
  };

  const run = (query: string, params: object, routing: 'READ' | 'WRITE') => driver.executeQuery(query, params, { database, routing, bookmarkManager }).catch(fail);

  async function* stream<T>(query: string, params: object, signal?: AbortSignal): AsyncGenerator<T> {
    const session = driver.session({ database, defaultAccessMode: 'WRITE', bookmarkManager });
    try {
      for await (const record of session.run(query, params)) {
        signal?.throwIfAborted();
        yield recordToObject<T>(record);
      }
    } catch (error) {
      fail(error);
    } finally {
      await session.close();
    }
  }

  return {
    /** The scope's ties as rows, streamed (`params`: the scope's and analysis/gds/config.ts tieParameters). */
    ties: (params: object, signal?: AbortSignal) => stream<TieRow>(tieRows, params, signal),

    /**
     * Projects the scope's ties, computed in Neo4j from `params` (as `ties`), into a GDS graph whose
     * nodes are numbered by their place in `keys` (the service's projection's node keys; sent as a
     * map from key to place).
     */
    async project(
      graph: string,
      keys: readonly string[],
      params: object,
      storedKinds: readonly string[] = [],
    ): Promise<{ nodes: number; relationships: number; selfLoops: number; unmatched: number; millis: number }> {
      const index: Record<string, number> = {};
      keys.forEach((key, i) => (index[key] = i));
      const K = storedKinds.length;
      if (!projectQueries.has(K)) projectQueries.set(K, projectQuery(K));
      const { records } = await run(projectQueries.get(K)!, { ...params, graph, index, nodes: neo4j.int(keys.length), storedKinds }, 'WRITE');
      return recordToObject(records[0]!);
    },

    /** The algorithm's value for every node, into `into` by the node's number, a row at a time. */
    async algorithm<T extends Float64Array | Int32Array>(name: GdsAlgorithm, graph: string, config: object, into: T, signal?: AbortSignal): Promise<T> {
      for await (const { node, value } of stream<NodeValue>(queries[`gds/${name}`]!, { graph, config: withIntegers(config) }, signal)) into[node] = value;
      return into;
    },

    /** Betweenness and closeness sums from `sources` (null: every node) into `into`, by node number. */
    async paths(graph: string, sources: Int32Array | null, hops: boolean, into: { betweenness: Float64Array; closeness: Float64Array }, signal?: AbortSignal) {
      const params = { graph, sources: sources === null ? null : Array.from(sources, (s) => neo4j.int(s)), hops };
      for await (const row of stream<NodePaths>(queries['gds/paths']!, params, signal)) {
        into.betweenness[row.node] = row.betweenness;
        into.closeness[row.node] = row.closeness;
      }
      return into;
    },

    /** The graph's ties packed as a stored run keeps them (sna.ties.parts), a part at a time; `kinds`: how many kind properties it was projected with. */
    parts(graph: string, kinds: number, perPart: number, signal?: AbortSignal): AsyncGenerator<PackedTies> {
      return stream<PackedTies>(queries['gds/tie-parts']!, { graph, kinds: neo4j.int(kinds), perPart: neo4j.int(perPart) }, signal);
    },

    /** Each community's strongest internal ties, at most `limit` (sna.ties.strongest), by community and then strongest first. */
    strongest(graph: string, membership: Int32Array, kinds: number, limit: number, signal?: AbortSignal): AsyncGenerator<StrongestTieRow> {
      const params = { graph, membership: perNode(membership), kinds: neo4j.int(kinds), limit: neo4j.int(limit) };
      return stream<StrongestTieRow>(queries['gds/strongest-ties']!, params, signal);
    },

    /** sna.structure.stream's rows, a node at a time, from Louvain's labels (by node number). */
    structure(graph: string, labels: Int32Array, resolution: number, signal?: AbortSignal): AsyncGenerator<StructureRow> {
      return stream<StructureRow>(queries['gds/structure']!, { graph, labels: perNode(labels), resolution }, signal);
    },

    /** The most memory the algorithm may take on the graph, in bytes, and GDS's own words for it. */
    async estimate(name: EstimatedAlgorithm, graph: string, config: object): Promise<{ bytesMax: number; requiredMemory: string }> {
      const { records } = await run(queries[`gds/${name}-estimate`]!, { graph, config: withIntegers(config) }, 'WRITE');
      return recordToObject(records[0]!);
    },

    /** The heap GDS can still use and the heap's maximum, in bytes. */
    async heap(): Promise<{ available: number; max: number }> {
      const { records } = await run(queries['gds/heap']!, {}, 'WRITE');
      const values = new Map(records.map((r) => [r.get('key') as string, Number(r.get('value'))]));
      return { available: values.get('availableHeapInBytes') ?? 0, max: values.get('heapMaxInBytes') ?? 0 };
    },

    /** Relations in the investigations (all of them for null): what `engine: auto` goes by. */
    async relationsInScope(investigations: readonly string[] | null): Promise<number> {
      const { records } = await run(queries['gds/relations-in-scope']!, { investigations }, 'READ');
      return Number(records[0]!.get('relations'));
    },

    /** Whether the server has sna.betweenness.stream (sna-procedures.jar). */
    async hasProcedures(): Promise<boolean> {
      const { records } = await run(queries['gds/procedures']!, {}, 'WRITE');
      return records[0]!.get('installed') as boolean;
    },

    async drop(graph: string): Promise<void> {
      await run(queries['gds/drop']!, { graph }, 'WRITE');
    },
  };
}

export type GdsRepository = ReturnType<typeof createGdsRepository>;
