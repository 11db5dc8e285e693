import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';

import neo4j from 'neo4j-driver';

/**
 * The CSV files `neo4j-admin database import full` reads (Neo4j's import header format), written
 * as rows arrive so memory stays flat. A node file's header names its ID space, its properties
 * with their types and the label; a relationship file's its ends and type. Properties vary from
 * record to record (optional fields), so rows are grouped by their *signature* — the property
 * names and types they carry — one file per signature and label or type.
 *
 * Values are written as the driver would send them, so the store holds what an ingest through
 * Cypher would: neo4j Integers as long, JS numbers as double, Date / DateTime / LocalDateTime,
 * WGS-84 points, lists of one type (joined with ARRAY_DELIMITER). What the import tool cannot
 * express is refused by name (ImportValueError) or left to a fix-up: an empty list (the tool
 * reads it as no value) is returned in `emptyLists` for Cypher to set after the import.
 */

/** The list separator passed to the tool: a control character no validated record holds. */
export const ARRAY_DELIMITER = '\u001f';

export class ImportValueError extends Error {
  override name = 'ImportValueError';
}

export interface FileGroup {
  /** Label (nodes) or relationship type: the tool's `--nodes=Label=file` / `--relationships=TYPE=file`. */
  name: string;
  file: string;
  rows: number;
}

type Props = Record<string, unknown>;

interface Writer {
  stream: WriteStream;
  columns: { key: string; type: string }[];
  group: FileGroup;
}

export class CsvFiles {
  private readonly writers = new Map<string, Writer>();
  private count = 0;

  constructor(private readonly dir: string) {}

  /** A node: `labels` joined by ARRAY_DELIMITER, `key` its import id (in ID space `space`), `props` its properties. */
  async node(labels: string, space: string, key: string, props: Props): Promise<void> {
    await this.write('node', labels, [`:ID(${space})`], [key], props);
  }

  async relationship(type: string, space: string, start: string, end: string, props: Props): Promise<void> {
    await this.write('rel', type, [`:START_ID(${space})`, `:END_ID(${space})`], [start, end], props);
  }

  /** Closes every file; the groups for the tool's arguments. */
  async close(): Promise<{ nodes: FileGroup[]; relationships: FileGroup[] }> {
    const nodes: FileGroup[] = [];
    const relationships: FileGroup[] = [];
    for (const [signature, writer] of this.writers) {
      writer.stream.end();
      await finished(writer.stream);
      (signature.startsWith('node|') ? nodes : relationships).push(writer.group);
    }
    return { nodes, relationships };
  }

  private async write(kind: 'node' | 'rel', name: string, idColumns: string[], ids: string[], props: Props): Promise<void> {
    const columns = Object.entries(props)
      .filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => ({ key, type: typeOf(name, key, value) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const signature = `${kind}|${name}|${columns.map((c) => `${c.key}:${c.type}`).join(',')}`;
    let writer = this.writers.get(signature);
    if (!writer) {
      const file = join(this.dir, `${kind}-${String(++this.count).padStart(4, '0')}.csv`);
      const stream = createWriteStream(file);
      const header = [...idColumns, ...columns.map((c) => `${c.key}:${c.type}`), kind === 'node' ? ':LABEL' : ':TYPE'];
      stream.write(`${header.map(field).join(',')}\n`);
      writer = { stream, columns, group: { name, file, rows: 0 } };
      this.writers.set(signature, writer);
    }
    const cells = [...ids.map(field), ...columns.map((c) => cell(props[c.key])), field(name)];
    writer.group.rows += 1;
    if (!writer.stream.write(`${cells.join(',')}\n`)) await once(writer.stream, 'drain');
  }
}

/** The tool's type of a property value (a list: its elements' type and `[]`). */
function typeOf(owner: string, key: string, value: unknown): string {
  if (Array.isArray(value)) {
    const types = new Set(value.map((item) => scalarType(owner, key, item)));
    if (types.size !== 1) throw new ImportValueError(`import: ${owner}.${key} is a list of mixed types (${[...types].join(', ')}), which a property cannot hold`);
    return `${[...types][0]!}[]`;
  }
  return scalarType(owner, key, value);
}

function scalarType(owner: string, key: string, value: unknown): string {
  if (typeof value === 'string') {
    if (value.includes(ARRAY_DELIMITER))
      throw new ImportValueError(
        `import: ${owner}.${key} holds the control character U+001F, which the bulk import uses to separate list items; load this record through POST /v1/ingest`,
      );
    return 'string';
  }
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'double';
  if (neo4j.isInt(value)) return 'long';
  if (neo4j.isDate(value)) return 'date';
  if (neo4j.isDateTime(value)) return 'datetime';
  if (neo4j.isLocalDateTime(value)) return 'localdatetime';
  if (neo4j.isPoint(value)) {
    const srid = neo4j.integer.toNumber(value.srid);
    if (srid === 4326) return 'point{crs:WGS-84}';
    if (srid === 4979) return 'point{crs:WGS-84-3D}';
    throw new ImportValueError(`import: ${owner}.${key} is a point with SRID ${srid}; the bulk import writes WGS-84 points only`);
  }
  throw new ImportValueError(`import: ${owner}.${key} has a value the bulk import cannot write (${Object.prototype.toString.call(value)})`);
}

function cell(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return '';
  if (Array.isArray(value)) return field(value.map(text).join(ARRAY_DELIMITER));
  return field(text(value));
}

function text(value: unknown): string {
  if (neo4j.isPoint(value)) {
    const z = value.z === undefined ? '' : `, height:${value.z}`;
    return `{latitude:${value.y}, longitude:${value.x}${z}}`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ImportValueError(`import: ${value} cannot be stored`);
    return String(value);
  }
  return String(value);
}

/** A CSV field, always quoted: `""` is the empty string, an unquoted empty field no value. */
function field(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
