import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import type { Driver } from 'neo4j-driver';

import type { RelationSpec } from '../../src/ingest/normalise.js';
import { ENTITY_LABELS, type EntityLabel } from '../../src/model/graph-model.js';
import { type ReferenceEntityRow, type ReferenceRelationRow, referenceRows, specKey } from './reference-rows.js';

/**
 * The reference: the plain driver pattern the literature reports (~70k rows/s on good
 * hardware). Uniqueness constraints on every label's id, then batches of 10k rows, one
 * transaction each: `UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET n += row.props`
 * for entities, then `MATCH` both ends and `MERGE` the relationship for relations. Nodes are
 * loaded in a first pass over the file and relations in a second, so every end exists when
 * its relations arrive and the client's memory stays at one batch per buffer.
 * No validation, provenance, history, placeholders or change detection.
 */

export const REFERENCE_BATCH_SIZE = 10_000;

export interface ReferenceLoad {
  wallMs: number;
  records: number;
  entityRows: number;
  relationRows: number;
  batches: number;
  /** Transaction time of each batch, ms: shows whether the store slows down as it grows. */
  batchMs: number[];
  nodesCreated: number;
  relationshipsCreated: number;
  /** Why the load stopped before the end (time limit, interruption); the figures are those until then. */
  stopped?: unknown;
}

export async function createReferenceSchema(driver: Driver): Promise<void> {
  for (const label of Object.values(ENTITY_LABELS)) {
    await driver.executeQuery(`CREATE CONSTRAINT ref_${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`);
  }
  await driver.executeQuery('CALL db.awaitIndexes(300)');
}

const entityQuery = (label: EntityLabel) => `UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET n += row.props`;
const relationQuery = ({ from, type, to }: RelationSpec) =>
  `UNWIND $rows AS row MATCH (a:${from} {id: row.from}) MATCH (b:${to} {id: row.to}) MERGE (a)-[r:${type} {id: row.id}]->(b) SET r += row.props`;

/**
 * Loads the file. `signal` (time limit, interruption) is checked before each batch: the load
 * then stops within one batch and returns what it had written, with the reason in `stopped`.
 */
export async function loadReference(driver: Driver, file: string, signal: AbortSignal, batchSize = REFERENCE_BATCH_SIZE): Promise<ReferenceLoad> {
  const result: ReferenceLoad = { wallMs: 0, records: 0, entityRows: 0, relationRows: 0, batches: 0, batchMs: [], nodesCreated: 0, relationshipsCreated: 0 };
  const started = performance.now();

  const write = async (query: string, rows: unknown[]) => {
    signal.throwIfAborted();
    const began = performance.now();
    const session = driver.session();
    try {
      const summary = await session.executeWrite(async (tx) => (await tx.run(query, { rows })).summary);
      const updates = summary.counters.updates();
      result.nodesCreated += updates.nodesCreated;
      result.relationshipsCreated += updates.relationshipsCreated;
    } finally {
      await session.close();
    }
    result.batches += 1;
    result.batchMs.push(performance.now() - began);
  };

  try {
    await loadPasses(file, batchSize, write, result);
  } catch (error) {
    if (!signal.aborted) throw error;
    result.stopped = signal.reason;
  }
  result.wallMs = performance.now() - started;
  return result;
}

type Write = (query: string, rows: unknown[]) => Promise<void>;

async function loadPasses(file: string, batchSize: number, write: Write, result: ReferenceLoad): Promise<void> {
  const entities = new Batcher<EntityLabel, ReferenceEntityRow>(batchSize, (label, rows) => write(entityQuery(label), rows));
  for await (const line of lines(file)) {
    result.records += 1;
    const { entity } = referenceRows(line);
    if (!entity) continue;
    result.entityRows += 1;
    await entities.add(entity.label, entity.row);
  }
  await entities.flushAll();

  const specs = new Map<string, RelationSpec>();
  const relations = new Batcher<string, ReferenceRelationRow>(batchSize, (key, rows) => write(relationQuery(specs.get(key)!), rows));
  for await (const line of lines(file)) {
    for (const { spec, row } of referenceRows(line).relations) {
      const key = specKey(spec);
      specs.set(key, spec);
      result.relationRows += 1;
      await relations.add(key, row);
    }
  }
  await relations.flushAll();
}

/** Rows buffered per key (label, relation spec) and written when a buffer reaches the batch size. */
export class Batcher<K, Row> {
  private readonly buffers = new Map<K, Row[]>();

  constructor(
    private readonly size: number,
    private readonly flush: (key: K, rows: Row[]) => Promise<void>,
  ) {}

  async add(key: K, row: Row): Promise<void> {
    let buffer = this.buffers.get(key);
    if (!buffer) this.buffers.set(key, (buffer = []));
    buffer.push(row);
    if (buffer.length >= this.size) await this.flush(key, buffer.splice(0));
  }

  async flushAll(): Promise<void> {
    for (const [key, buffer] of this.buffers) if (buffer.length > 0) await this.flush(key, buffer.splice(0));
  }
}

/** The record lines of an NDJSON file (the header skipped), parsed, streamed from disk. */
async function* lines(file: string): AsyncGenerator<unknown> {
  let first = true;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (first || text.trim() === '') {
      first = false;
      continue;
    }
    yield JSON.parse(text) as unknown;
  }
}
