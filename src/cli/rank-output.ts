import type { z } from 'zod';

import { csvRow as row } from '../exports/csv.js';
import type { RankingPageSchema } from '../schemas/runs.js';
import type { Format } from './rank-args.js';

/**
 * What the ranking CLI prints: per investigation, its run and the top of its ranking, as an
 * aligned table for people, JSON for programs (items exactly as the API gives them) or CSV for
 * spreadsheets (RFC 4180, as the exports write it).
 */

export type RankingPage = z.infer<typeof RankingPageSchema>;
type RankedItem = RankingPage['items'][number];

export interface RankingReport {
  /** null: the run over all the data. */
  investigation: string | null;
  run: { id: string; status: string; dataVersion: number | null; finishedAt: string | null };
  total: number;
  items: RankedItem[];
}

export function reportOf(investigation: string | null, page: RankingPage): RankingReport {
  const { id, status, dataVersion, finishedAt } = page.run;
  return { investigation, run: { id, status, dataVersion, finishedAt }, total: page.total, items: page.items };
}

export const CSV_COLUMNS = ['investigation', 'runId', 'rank', 'type', 'id', 'name', 'harmScore', 'community', 'explanation'] as const;

export function formatCsv(reports: readonly RankingReport[]): string {
  let out = row(CSV_COLUMNS);
  for (const report of reports) {
    for (const item of report.items) {
      out += row([report.investigation, report.run.id, item.rank, item.type, item.id, item.name, item.harmScore, item.community, item.explanation.join(' ')]);
    }
  }
  return out;
}

export function formatJson(reports: readonly RankingReport[]): string {
  return `${JSON.stringify(reports, null, 2)}\n`;
}

const TABLE_HEADER = ['INVESTIGATION', 'RANK', 'TYPE', 'ID', 'NAME', 'HARM', 'COMMUNITY', 'EXPLANATION'];
/** Columns aligned right: rank and harm score. */
const NUMERIC = new Set([1, 5]);
const GAP = '  ';

const segmenter = new Intl.Segmenter();
/** Width as a terminal shows it, near enough: one column per grapheme. */
const widthOf = (text: string) => [...segmenter.segment(text)].length;
/** A cell is one line: control characters (a newline in a name) would break the columns. */
const cell = (value: string | null | undefined, empty = '-') => (value === null || value === undefined || value === '' ? empty : value.replace(/[\u0000-\u001f\u007f]+/g, ' '));

export function formatTable(reports: readonly RankingReport[]): string {
  const rows = reports.flatMap((report) =>
    report.items.map((item) => [
      cell(report.investigation, '(all)'),
      item.rank === null ? '-' : String(item.rank),
      cell(item.type),
      cell(item.id),
      cell(item.name),
      item.harmScore === null ? '-' : item.harmScore.toFixed(1),
      cell(item.community),
      cell(item.explanation[0]),
    ]),
  );
  const all = [TABLE_HEADER, ...rows];
  const widths = TABLE_HEADER.map((_, column) => Math.max(...all.map((row) => widthOf(row[column]!))));
  const last = TABLE_HEADER.length - 1;
  const line = (row: string[]) =>
    row
      .map((value, column) => {
        if (column === last) return value;
        const pad = ' '.repeat(widths[column]! - widthOf(value));
        return NUMERIC.has(column) ? pad + value : value + pad;
      })
      .join(GAP);
  return all.map((row) => `${line(row)}\n`).join('');
}

export function formatReports(format: Format, reports: readonly RankingReport[]): string {
  switch (format) {
    case 'table':
      return formatTable(reports);
    case 'json':
      return formatJson(reports);
    case 'csv':
      return formatCsv(reports);
  }
}
