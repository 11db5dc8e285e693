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

/** Added after the others when the runs asked for rank confidence (--confidence). */
export const CONFIDENCE_CSV_COLUMNS = ['medianRank', 'rankLow', 'rankHigh', 'inTopK'] as const;

const withConfidence = (reports: readonly RankingReport[]) => reports.some((report) => report.items.some((item) => item.confidence !== undefined));

export function formatCsv(reports: readonly RankingReport[]): string {
  const confident = withConfidence(reports);
  let out = row(confident ? [...CSV_COLUMNS, ...CONFIDENCE_CSV_COLUMNS] : CSV_COLUMNS);
  for (const report of reports) {
    for (const item of report.items) {
      const c = item.confidence;
      const extra = confident ? (c ? [c.medianRank, c.rankInterval.low, c.rankInterval.high, c.inTopK] : [null, null, null, null]) : [];
      out += row([report.investigation, report.run.id, item.rank, item.type, item.id, item.name, item.harmScore, item.community, item.explanation.join(' '), ...extra]);
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

/** With rank confidence: the 90% rank interval and the share of draws in the top k, after the harm score. */
const CONFIDENCE_HEADER = ['RANK 90%', 'IN TOP K'];

export function formatTable(reports: readonly RankingReport[]): string {
  const confident = withConfidence(reports);
  const header = confident ? [...TABLE_HEADER.slice(0, 6), ...CONFIDENCE_HEADER, ...TABLE_HEADER.slice(6)] : TABLE_HEADER;
  const numeric = confident ? new Set([...NUMERIC, 6, 7]) : NUMERIC;
  const rows = reports.flatMap((report) =>
    report.items.map((item) => [
      cell(report.investigation, '(all)'),
      item.rank === null ? '-' : String(item.rank),
      cell(item.type),
      cell(item.id),
      cell(item.name),
      item.harmScore === null ? '-' : item.harmScore.toFixed(1),
      ...(confident ? confidenceCells(item.confidence) : []),
      cell(item.community),
      cell(item.explanation[0]),
    ]),
  );
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => widthOf(row[column]!))));
  const last = header.length - 1;
  const line = (row: string[]) =>
    row
      .map((value, column) => {
        if (column === last) return value;
        const pad = ' '.repeat(widths[column]! - widthOf(value));
        return numeric.has(column) ? pad + value : value + pad;
      })
      .join(GAP);
  return all.map((row) => `${line(row)}\n`).join('');
}

function confidenceCells(c: RankedItem['confidence']): string[] {
  if (!c) return ['-', '-'];
  const { low, high } = c.rankInterval;
  return [low === high ? String(low) : `${low}–${high}`, `${Math.round(c.inTopK * 100)}% of ${c.k}`];
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
