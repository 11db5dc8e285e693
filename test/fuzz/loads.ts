import fc from 'fast-check';

import { csvColumns } from '../../src/ingest/csv.js';
import { RECORD_KIND_NAMES, type RecordKind } from '../../src/schemas/ingest.js';
import { type SchemaContext, spoilt, valueOf } from './schema-values.js';
import { anyString, jsonText, numberText } from './values.js';

/**
 * Keeping the fuzz inside its own data in a database other tests share. Investigation ids in
 * any body and, in loads, every id a record has or names (so a record can neither update nor
 * tie itself to another test's entity) are marked with the tag; an analysis without a scope
 * gets the tag's. Marking appends, so an id that was invalid (a leading space, a control
 * character, too long) stays invalid. Also here: NDJSON and CSV bodies for the streamed loads.
 */

export interface Confinement {
  tag: string;
  /** A load: ids of records and the records they name are marked too. */
  load: boolean;
  /** The body has an analysis scope. */
  scope: boolean;
}

export const mark = (id: string, tag: string) => (id.includes(tag) ? id : `${id}~${tag}`);

/** Keys whose strings (or arrays of strings) are entity ids in a load; objects under them hold an `id`. */
const ID_KEYS = new Set([
  'id',
  'from',
  'to',
  'departsFrom',
  'arrivesAt',
  'via',
  'routeId',
  'departedFrom',
  'vesselIds',
  'organisers',
  'pilots',
  'recruiters',
  'travellers',
  'crossingId',
]);

export function confine(value: unknown, rules: Confinement): unknown {
  const marked = (inner: unknown): unknown => (typeof inner === 'string' ? mark(inner, rules.tag) : Array.isArray(inner) ? inner.map(marked) : walk(inner));
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, inner]) => {
        if (key === 'investigations' && Array.isArray(inner))
          return [
            key,
            inner.map((item) =>
              typeof item === 'string'
                ? mark(item, rules.tag)
                : item && typeof item === 'object' && typeof item.id === 'string'
                  ? { ...item, id: mark(item.id, rules.tag) }
                  : walk(item),
            ),
          ];
        if (rules.load && ID_KEYS.has(key)) return [key, marked(inner)];
        return [key, walk(inner)];
      }),
    );
  };
  const confined = walk(value);
  if (!rules.scope || confined === null || typeof confined !== 'object' || Array.isArray(confined)) return confined;
  const body = confined as Record<string, unknown>;
  const scope = body.scope;
  if (!('scope' in body)) return { ...body, scope: { investigations: [rules.tag] } };
  if (scope && typeof scope === 'object' && !Array.isArray(scope) && !('investigations' in scope)) return { ...body, scope: { ...scope, investigations: [rules.tag] } };
  return body;
}

/** The text unchanged unless it is JSON with something to confine (nesting too deep to walk has nothing). */
export function confineText(text: string, rules: Confinement): string {
  try {
    const parsed: unknown = JSON.parse(text);
    const confined = JSON.stringify(confine(parsed, rules));
    return confined === JSON.stringify(parsed) ? text : confined;
  } catch {
    return text;
  }
}

const schemaOf = (kind: RecordKind) => `#/components/schemas/${kind[0]!.toUpperCase()}${kind.slice(1)}Input`;

/** A header naming the tag's investigation, then record lines good and bad, each confined. */
export function ndjsonBody(ctx: SchemaContext & { tag: string }, rules: Confinement): fc.Arbitrary<string> {
  const record = fc
    .constantFrom(...RECORD_KIND_NAMES)
    .chain((kind) => fc.oneof(valueOf({ $ref: schemaOf(kind) }, ctx), spoilt(valueOf({ $ref: schemaOf(kind) }, ctx))).map((r) => JSON.stringify({ kind, record: r })));
  const header = spoilt(
    fc.constant({
      kind: 'header',
      investigations: [{ id: ctx.tag }],
      defaults: { source: 'REP-FUZZ', grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } },
    }),
  );
  const line = fc.oneof(
    { arbitrary: record, weight: 4 },
    jsonText,
    anyString.map((s) => s.replace(/[\r\n]/g, ' ')),
    fc.constant(''),
  );
  return fc
    .tuple(
      fc.oneof(
        fc.constant(JSON.stringify({ kind: 'header', investigations: [{ id: ctx.tag }] })),
        header.map((h) => JSON.stringify(h)),
      ),
      fc.array(line, { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([h, lines, eol]) => [h, ...lines].map((l) => confineText(l, { ...rules, load: true })).join(eol));
}

/** Columns holding ids (or `;`-lists of them; holders as `type:id`), marked like a JSON load's. */
const ID_COLUMN = /^(id|from|to|via|organisers|pilots|recruiters|travellers|holders|departsFrom|arrivesAt|departedFrom|investigations)$|Ids?$/;

function markCell(column: string, cell: string, tag: string): string {
  if (!ID_COLUMN.test(column) || cell.trim() === '') return cell;
  return cell
    .split(';')
    .map((item) => (column === 'holders' && item.includes(':') ? `${item.slice(0, item.indexOf(':') + 1)}${mark(item.slice(item.indexOf(':') + 1), tag)}` : mark(item, tag)))
    .join(';');
}

/** A CSV of one kind: some of its columns (or an unknown one), then rows of hostile cells. */
export function csvBody(kind: string, tag: string): fc.Arbitrary<string> {
  const columns = (RECORD_KIND_NAMES as readonly string[]).includes(kind) ? csvColumns(kind as RecordKind) : ['id', 'name'];
  const cell = fc.oneof(anyString, numberText, fc.constantFrom('', 'person:P-1;organisation:O-2', '2024-01-01', 'A', 'P', '2', 'a;b;;c', 'EUR', 'bank'));
  const quote = (text: string, always: boolean) => (always || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return fc.tuple(fc.shuffledSubarray([...columns, 'unknownColumn'], { minLength: 1 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).chain(([header, eol, bom]) =>
    fc
      .array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: header.length, maxLength: header.length + 1 }), { maxLength: 6 })
      .map((rows) => rows.map((row) => row.map(([text, always], i) => quote(markCell(header[i] ?? '', text, tag), always)).join(',')))
      .map((rows) => `${bom ? '\ufeff' : ''}${[header.join(','), ...rows].join(eol)}`),
  );
}
