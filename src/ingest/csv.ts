import { pipeline, type Readable, Transform } from 'node:stream';

import { CsvError, type InfoRecord, type Options, parse } from 'csv-parse';
import type { z } from 'zod';

import { MalformedBodyError, PayloadTooLargeError } from '../errors.js';
import { RECORD_KIND_NAMES, RECORD_KINDS, type RecordKind } from '../schemas/ingest.js';
import type { StreamRecord } from './ingest-service.js';

/**
 * CSV rows → records, one kind per file (docs/csv-columns.md). Columns are derived from each
 * kind's zod schema, so a field added to a schema gets its column and a field no column can
 * express stops the service at start-up instead of being dropped. Cells stay as close to the
 * text as possible: a cell that does not fit (`12.5x` for a number) goes to the schema as it
 * is, so the rejection carries the schema's own field path and reason.
 */

type Target = Record<string, unknown>;
type Setter = (record: Target, cell: string) => void;
type Schema = z.ZodType;

/** A row larger than this is refused: an unclosed quote must not buffer the whole body. */
const MAX_ROW_BYTES = 8 * 1024 * 1024;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const def = (schema: Schema) => (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
const shapeOf = (schema: Schema) => (schema as unknown as { shape: Record<string, Schema> }).shape;

function unwrap(schema: Schema): Schema {
  const { type, innerType } = def(schema);
  return ['optional', 'default', 'nullable'].includes(type) ? unwrap(innerType as Schema) : schema;
}

/** Numbers (and unions of number literals, like sourceEvaluation) are parsed; any other leaf stays text. */
function acceptsNumber(schema: Schema): boolean {
  const d = def(unwrap(schema));
  if (d.type === 'number') return true;
  if (d.type === 'literal') return (d.values as unknown[]).every((v) => typeof v === 'number');
  return d.type === 'union' && (d.options as Schema[]).every(acceptsNumber);
}

function leaf(where: string, schema: Schema): (cell: string) => unknown {
  const { type } = def(unwrap(schema));
  if (acceptsNumber(schema)) return (cell) => (NUMBER.test(cell) ? Number(cell) : cell);
  if (type === 'string' || type === 'enum') return (cell) => cell;
  throw new Error(`ingest/csv: no CSV column mapping for ${where} (${type})`);
}

/** `a; b;` → ['a', 'b']: spreadsheets leave trailing separators. */
const items = (cell: string) =>
  cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function listElement(where: string, element: Schema): (item: string) => unknown {
  if (def(unwrap(element)).type !== 'object') return leaf(where, element);
  const parts = Object.keys(shapeOf(unwrap(element)));
  if (parts.join() === 'kind,number,country') return documentItem;
  if (parts.join() !== 'type,id') throw new Error(`ingest/csv: no CSV column mapping for ${where}`);
  // `person:P-1`; ids may contain colons, types never do. No colon: the schema refuses the text.
  return (item) => {
    const colon = item.indexOf(':');
    return colon < 0 ? item : { type: item.slice(0, colon).trim(), id: item.slice(colon + 1).trim() };
  };
}

/**
 * A document as `kind:COUNTRY:NUMBER` or `kind:NUMBER` (`passport:IQ:A1234567`), the form it is
 * stored in. Fewer parts go to the schema as they are, which names what is missing.
 */
function documentItem(item: string): unknown {
  const parts = item.split(':').map((part) => part.trim());
  if (parts.length === 3) return { kind: parts[0], country: parts[1], number: parts[2] };
  if (parts.length === 2) return { kind: parts[0], number: parts[1] };
  return item;
}

function deriveColumns(kind: RecordKind): Map<string, Setter> {
  const columns = new Map<string, Setter>();
  const add = (name: string, setter: Setter) => {
    if (columns.has(name)) throw new Error(`ingest/csv: two ${kind} fields map to the column ${name}`);
    columns.set(name, setter);
  };
  for (const [field, schema] of Object.entries(shapeOf(RECORD_KINDS[kind].schema as Schema))) {
    const inner = unwrap(schema);
    const { type, element } = def(inner);
    if (type === 'object') {
      // Nested objects flatten: payer → payerType, payerId; grading's parts keep their own names.
      for (const [part, partSchema] of Object.entries(shapeOf(inner))) {
        const read = leaf(`${kind}.${field}.${part}`, partSchema);
        const name = field === 'grading' ? part : `${field}${part[0]!.toUpperCase()}${part.slice(1)}`;
        add(name, (record, cell) => {
          record[field] = { ...(record[field] as Target | undefined), [part]: read(cell) };
        });
      }
    } else if (type === 'array') {
      const read = listElement(`${kind}.${field}`, element as Schema);
      add(field, (record, cell) => {
        const list = items(cell);
        if (list.length > 0) record[field] = list.map(read);
      });
    } else {
      const read = leaf(`${kind}.${field}`, schema);
      add(field, (record, cell) => {
        record[field] = read(cell);
      });
    }
  }
  return columns;
}

/** Built at import, so a schema change no column can express fails at start-up. */
const COLUMNS = Object.fromEntries(RECORD_KIND_NAMES.map((kind) => [kind, deriveColumns(kind)])) as Record<RecordKind, Map<string, Setter>>;
const GRADING_COLUMNS = ['sourceEvaluation', 'intelligenceAssessment', 'handlingCode'];

/** The columns a CSV of this kind may have, in schema order. */
export function csvColumns(kind: RecordKind): string[] {
  return [...COLUMNS[kind].keys()];
}

function headerSetters(kind: RecordKind, names: string[], line: number): Setter[] {
  const columns = COLUMNS[kind];
  const seen = new Set<string>();
  const setters = names.map((name, index) => {
    if (name === '') throw new MalformedBodyError(`line ${line}: column ${index + 1} of the header row has no name`);
    if (seen.has(name)) throw new MalformedBodyError(`line ${line}: column ${name} appears twice in the header row`);
    seen.add(name);
    const setter = columns.get(name);
    if (!setter) throw new MalformedBodyError(`line ${line}: unknown column ${name} for ${kind}: expected ${csvColumns(kind).join(', ')}`);
    return setter;
  });
  const grading = GRADING_COLUMNS.filter((name) => seen.has(name));
  if (grading.length > 0 && grading.length < GRADING_COLUMNS.length) {
    const missing = GRADING_COLUMNS.filter((name) => !seen.has(name));
    throw new MalformedBodyError(`line ${line}: the grading columns ${GRADING_COLUMNS.join(', ')} go together: ${missing.join(', ')} missing`);
  }
  return setters;
}

/**
 * Counts bytes against the limit and turns CRLF into LF before csv-parse sees the text:
 * csv-parse counts a CRLF inside a quoted cell as two lines, which would misplace every
 * later row. Byte-level replacement is safe in UTF-8 (CR and LF never occur inside a
 * multi-byte sequence); latin1 maps bytes to characters one to one. A Transform rather than
 * an async generator: Readable.from(generator) piped into the parser, itself iterated in a
 * generator, held on to every record until the end (measured: heap grew ~150 bytes a row).
 */
function normaliser(maxBytes: number): Transform {
  let seen = 0;
  let carry = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) return callback(new PayloadTooLargeError(maxBytes));
      const text = (carry + chunk.toString('latin1')).replace(/\r\n/g, '\n');
      carry = text.endsWith('\r') ? '\r' : '';
      callback(null, Buffer.from(carry ? text.slice(0, -1) : text, 'latin1'));
    },
    flush(callback) {
      callback(null, carry ? Buffer.from(carry, 'latin1') : undefined);
    },
  });
}

export interface CsvRow {
  cells: string[];
  /** The line the row starts on (the header row is line 1). */
  line: number;
}

/**
 * The rows of a CSV body, header row included, each with the line it starts on: cells trimmed,
 * blank lines skipped. A CSV syntax error refuses the body with a 400 naming the line. The
 * parser is pulled as an async iterable, so the body is read only as fast as rows are consumed.
 */
export async function* readCsvRows(body: Readable, maxBytes: number): AsyncGenerator<CsvRow> {
  // Tracked as rows are parsed, not as they are consumed: a syntax error discards the rows
  // still buffered in the parser, and its line is counted from the last row parsed.
  const parsed = { lines: 0, empty: 0, columns: 0 };
  const toRow = (cells: string[], context: InfoRecord): CsvRow => {
    Object.assign(parsed, { lines: context.lines, empty: context.empty_lines, columns: parsed.columns || cells.length });
    // context.lines is the row's last line; a quoted cell's newlines put its first line earlier.
    return { cells, line: context.lines - cells.reduce((n, cell) => n + cell.split('\n').length - 1, 0) };
  };
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: false,
    max_record_size: MAX_ROW_BYTES,
    // csv-parse's types let on_record change the record's type only together with `columns`.
    on_record: toRow as unknown as Options['on_record'],
  });
  // A 413 from the normaliser destroys the parser with that error, which the loop below throws.
  pipeline(body, normaliser(maxBytes), parser, () => {});
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) yield row;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The failing row starts after the last row parsed and any empty lines skipped since.
    const skipped = typeof error.empty_lines === 'number' ? error.empty_lines - parsed.empty : 0;
    throw new MalformedBodyError(`line ${parsed.lines + 1 + skipped}: ${describeCsvError(error, parsed.columns)}`);
  }
}

/** The records of a CSV body of one kind, each with the line its row starts on. */
export async function* readCsv(body: Readable, kind: RecordKind, maxBytes: number): AsyncGenerator<StreamRecord> {
  let setters: Setter[] | undefined;
  for await (const { cells, line } of readCsvRows(body, maxBytes)) {
    if (setters === undefined) {
      setters = headerSetters(kind, cells, line);
      continue;
    }
    if (cells.every((cell) => cell === '')) continue; // a spreadsheet's blank row: `,,,`
    const raw: Target = {};
    for (const [index, cell] of cells.entries()) if (cell !== '') setters[index]!(raw, cell);
    yield { line, kind, raw };
  }
  if (setters === undefined) throw new MalformedBodyError(EMPTY_BODY);
}

export const EMPTY_BODY = 'the body is empty: line 1 must be the header row naming the columns';

function describeCsvError(error: CsvError, columns: number): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted cell opened in this row is never closed';
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(error.record)) {
    return `the row has ${error.record.length} cells where the header row has ${columns} columns`;
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') return `the row is over ${MAX_ROW_BYTES} bytes`;
  return error.message;
}
