import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { MalformedBodyError } from '../errors.js';
import { type Link, LINK_TYPES } from '../schemas/entities.js';
import { IdSchema, IsoDateSchema } from '../schemas/provenance.js';
import { EMPTY_BODY, readCsvRows } from './csv.js';

/**
 * An edge list (`source,target[,weight][,type][,date]`, docs/csv-columns.md) read into links:
 * rows naming the same tie are merged into one link whose id is derived from the tie, so the
 * same file loaded twice finds the same links. Every row is checked before anything is
 * returned; a bad row is reported with its line and column, and the caller writes nothing.
 */

export type LinkType = (typeof LINK_TYPES)[number];
export const MERGE_RULES = ['sum', 'max'] as const;
export type MergeRule = (typeof MERGE_RULES)[number];

export interface EdgeListOptions {
  /** The type of rows with no type cell. */
  type: LinkType;
  /** true: A,B and B,A are one tie. */
  undirected: boolean;
  /** How the weights of the rows of one tie combine. */
  merge: MergeRule;
}

export const EDGE_LIST_DEFAULTS: EdgeListOptions = { type: 'associate', undirected: false, merge: 'sum' };

/** Distinct ties held in memory while a file is merged; a file with more is refused. */
export const MAX_TIES = 1_000_000;

const COLUMN_OF: Readonly<Record<string, Column>> = { source: 'source', from: 'source', target: 'target', to: 'target', weight: 'weight', type: 'type', date: 'date' };
type Column = 'source' | 'target' | 'weight' | 'type' | 'date';
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface EdgeListRows {
  /** Data rows read (blank ones not counted). */
  read: number;
  /** Links made: one per distinct tie. */
  ties: number;
  /** Rows folded into a tie an earlier row began (read − ties). */
  merged: number;
  /** Of those, rows naming the tie in the other direction (undirected only). */
  reversed: number;
}

export interface EdgeListProblem {
  line: number;
  path: string;
  message: string;
}

export interface EdgeList {
  /** One link per tie, with the line of its first row. */
  links: { line: number; link: Link }[];
  /** Rows with a problem; when any, no link is to be written. */
  badRows: number;
  /** The problems of the first MAX_LISTED bad rows, in line order. */
  problems: EdgeListProblem[];
  rows: EdgeListRows;
}

const MAX_LISTED = 1000;

interface Tie {
  line: number;
  from: string;
  to: string;
  type: LinkType;
  weight: number;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Whether the tie's first row named it target to source (undirected: ends sorted). */
  reversed: boolean;
}

/**
 * The link id of a tie: `EL-` and 20 hex digits of SHA-256 over the mode, type and ends (sorted
 * when undirected). The mode is part of it: a file loaded undirected makes other links than the
 * same file loaded directed.
 */
export function edgeListId(type: LinkType, from: string, to: string, undirected: boolean): string {
  const [a, b] = undirected && to < from ? [to, from] : [from, to];
  const digest = createHash('sha256')
    .update(JSON.stringify([undirected ? 'undirected' : 'directed', type, a, b]))
    .digest('hex');
  return `EL-${digest.slice(0, 20)}`;
}

function headerColumns(names: string[], line: number): (Column | undefined)[] {
  const seen = new Map<Column, string>();
  const columns = names.map((name, index) => {
    if (name === '') throw new MalformedBodyError(`line ${line}: column ${index + 1} of the header row has no name`);
    const column = COLUMN_OF[name.toLowerCase()];
    if (!column) throw new MalformedBodyError(`line ${line}: unknown column ${name} for an edge list: expected source (or from), target (or to), weight, type, date`);
    const earlier = seen.get(column);
    if (earlier !== undefined) throw new MalformedBodyError(`line ${line}: columns ${earlier} and ${name} both give the ${column}`);
    seen.set(column, name);
    return column;
  });
  const missing = (['source', 'target'] as const).filter((column) => !seen.has(column));
  if (missing.length > 0) throw new MalformedBodyError(`line ${line}: the header row must name the ${missing.join(' and ')} column${missing.length > 1 ? 's' : ''}`);
  return columns;
}

function checkId(cell: string | undefined, end: string): string | undefined {
  if (cell === undefined || cell === '') return `required: the id of the person at the ${end} end`;
  const parsed = IdSchema.safeParse(cell);
  return parsed.success ? undefined : parsed.error.issues[0]!.message;
}

function checkWeight(cell: string): number | string {
  if (!DECIMAL.test(cell)) return `expected a positive decimal number such as 2.5 (a point, not a comma), got ${JSON.stringify(cell.slice(0, 40))}`;
  const weight = Number(cell);
  if (!(weight > 0)) return `expected a positive number: a tie of weight ${cell} is no tie; leave the row out`;
  if (weight > 1e12) return 'expected at most 1e12';
  return weight;
}

function checkType(cell: string): LinkType | string {
  const type = cell.toLowerCase();
  if ((LINK_TYPES as readonly string[]).includes(type)) return type as LinkType;
  if (type === 'directed' || type === 'undirected') return `${cell} is an edge direction (as Gephi exports it), not a link type: drop the column and use undirected=true or false`;
  return `expected one of ${LINK_TYPES.join(', ')}`;
}

/** Reads, checks and merges an edge list; a body that is not one (no header, a syntax error) is a MalformedBodyError. */
export async function readEdgeList(body: Readable, options: EdgeListOptions, maxBytes: number): Promise<EdgeList> {
  const ties = new Map<string, Tie>();
  const problems: EdgeListProblem[] = [];
  let badRows = 0;
  const rows: EdgeListRows = { read: 0, ties: 0, merged: 0, reversed: 0 };
  let columns: (Column | undefined)[] | undefined;
  let names: string[] = [];
  for await (const { cells, line } of readCsvRows(body, maxBytes)) {
    if (columns === undefined) {
      columns = headerColumns(cells, line);
      names = cells;
      continue;
    }
    if (cells.every((cell) => cell === '')) continue;
    rows.read += 1;
    const cell: Partial<Record<Column, { name: string; value: string }>> = {};
    cells.forEach((value, index) => (cell[columns![index]!] = { name: names[index]!, value }));
    const nameOf = (column: Column) => cell[column]?.name ?? column;
    const found: EdgeListProblem[] = [];
    const problem = (column: Column, message: string) => found.push({ line, path: nameOf(column), message });

    const source = cell.source?.value;
    const target = cell.target?.value;
    const sourceProblem = checkId(source, 'source');
    const targetProblem = checkId(target, 'target');
    if (sourceProblem) problem('source', sourceProblem);
    if (targetProblem) problem('target', targetProblem);
    if (!sourceProblem && !targetProblem && source === target) problem('target', 'the same person as the source: a tie from a person to themselves is no tie');
    let weight = 1;
    if (cell.weight && cell.weight.value !== '') {
      const checked = checkWeight(cell.weight.value);
      if (typeof checked === 'string') problem('weight', checked);
      else weight = checked;
    }
    let type = options.type;
    if (cell.type && cell.type.value !== '') {
      const checked = checkType(cell.type.value);
      if ((LINK_TYPES as readonly string[]).includes(checked)) type = checked as LinkType;
      else problem('type', checked);
    }
    const date = cell.date?.value || undefined;
    if (date !== undefined && !IsoDateSchema.safeParse(date).success) problem('date', `expected an ISO-8601 date such as 2024-05-17, got ${JSON.stringify(date.slice(0, 40))}`);
    if (found.length > 0) {
      if (badRows++ < MAX_LISTED) problems.push(...found);
      continue;
    }

    const reversed = options.undirected && target! < source!;
    const [from, to] = reversed ? [target!, source!] : [source!, target!];
    const key = JSON.stringify([type, from, to]);
    const tie = ties.get(key);
    if (!tie) {
      if (ties.size >= MAX_TIES) throw new MalformedBodyError(`line ${line}: the edge list has more than ${MAX_TIES} distinct ties, the most one load merges: split it`);
      ties.set(key, { line, from, to, type, weight, count: 1, firstSeen: date, lastSeen: date, reversed });
      continue;
    }
    rows.merged += 1;
    if (reversed !== tie.reversed) rows.reversed += 1;
    tie.count += 1;
    tie.weight = options.merge === 'max' ? Math.max(tie.weight, weight) : tie.weight + weight;
    if (date !== undefined) {
      if (tie.firstSeen === undefined || date < tie.firstSeen) tie.firstSeen = date;
      if (tie.lastSeen === undefined || date > tie.lastSeen) tie.lastSeen = date;
    }
  }
  if (columns === undefined) throw new MalformedBodyError(EMPTY_BODY);
  rows.ties = ties.size;
  const links = [...ties.values()].map((tie) => ({
    line: tie.line,
    link: {
      id: edgeListId(tie.type, tie.from, tie.to, options.undirected),
      type: tie.type,
      from: tie.from,
      to: tie.to,
      count: tie.count,
      weight: tie.weight,
      ...(tie.firstSeen !== undefined ? { firstSeen: tie.firstSeen, lastSeen: tie.lastSeen } : {}),
    },
  }));
  return { links, badRows, problems, rows };
}
