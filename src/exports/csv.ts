import type { AnalysisGraph } from './analysis-graph.js';

/**
 * The analysis graph as two CSV tables (RFC 4180: comma-separated, CRLF line ends, fields with
 * a comma, quote or line break quoted, quotes doubled), for spreadsheets and charting tools:
 * nodes (key, then every node attribute) and edges (source, target, then every edge attribute).
 * An empty field is a null. Text that a spreadsheet would run as a formula (starting with = + -
 * @, a tab or a carriage return) is written with a single quote before it, as OWASP's
 * CSV-injection guidance has it: a person named `=HYPERLINK(…)` is shown, never run. Numbers are
 * written as they are.
 */

export const NODE_COLUMNS = [
  'key',
  'label',
  'type',
  'id',
  'community',
  'rank',
  'harmScore',
  'degree',
  'strength',
  'pagerank',
  'betweenness',
  'closeness',
  'eigenvector',
  'participation',
  'articulationPoint',
  'records',
] as const;
export const EDGE_COLUMNS = ['source', 'target', 'weight', 'money', 'kinds'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-ended. */
export const csvRow = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\r\n`;

export function nodesCsv(graph: AnalysisGraph): string {
  let out = csvRow(NODE_COLUMNS);
  graph.forEachNode((key, attributes) => {
    const record: Record<string, unknown> = { key, ...attributes };
    out += csvRow(NODE_COLUMNS.map((column) => record[column]));
  });
  return out;
}

export function edgesCsv(graph: AnalysisGraph): string {
  let out = csvRow(EDGE_COLUMNS);
  graph.forEachEdge((_key, attributes, source, target) => {
    out += csvRow([source, target, attributes.weight, attributes.money, attributes.kinds]);
  });
  return out;
}
