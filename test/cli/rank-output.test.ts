import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { CSV_COLUMNS, formatCsv, formatJson, formatReports, formatTable, type RankingPage, type RankingReport, reportOf } from '../../src/cli/rank-output.js';
import { runFixture } from './fixtures.js';

type Item = RankingPage['items'][number];

const measures = {
  degree: 2,
  strength: 1.5,
  pagerank: 0.1,
  betweenness: 0.2,
  betweennessEstimated: false,
  closeness: 0.3,
  eigenvector: 0.4,
  eigenvectorConverged: true,
  participation: 0,
  communitiesBridged: 0,
  articulationPoint: false,
};

function item(rank: number | null, id: string, name: string | null, harmScore: number | null, explanation: string[], community = 'C-1'): Item {
  return { key: `person:${id}`, type: 'person', id, name, rank, harmScore, components: [], explanation, community, measures };
}

const run = (id: string) => ({ id, status: 'done' as const, dataVersion: 7, finishedAt: '2024-06-01T10:00:00.000Z' });

const reports: RankingReport[] = [
  {
    investigation: 'OP-1',
    run: run('r-1'),
    total: 12,
    items: [
      item(1, 'P-1', 'Ana "the boss" Ruiz', 88.94, ['organised 5 crossings (X-1, X-2)', 'received £1,200, in 2 payments']),
      item(10, 'P-22', 'Bo', 7.06, ['bridges 2 communities']),
    ],
  },
  { investigation: null, run: run('r-2'), total: 1, items: [item(null, 'L-1', null, null, [], 'C-12')] },
];

describe('rank CLI output', () => {
  it('table: a header, columns padded to the widest cell, rank and harm aligned right, one decimal', () => {
    expect(formatTable(reports)).toBe(
      [
        'INVESTIGATION  RANK  TYPE    ID    NAME                 HARM  COMMUNITY  EXPLANATION',
        'OP-1              1  person  P-1   Ana "the boss" Ruiz  88.9  C-1        organised 5 crossings (X-1, X-2)',
        'OP-1             10  person  P-22  Bo                    7.1  C-1        bridges 2 communities',
        '(all)             -  person  L-1   -                       -  C-12       -',
        '',
      ].join('\n'),
    );
  });

  it('table: keeps each row on one line and counts a character as one column', () => {
    const odd: RankingReport[] = [{ investigation: 'OP-é', run: run('r'), total: 2, items: [item(1, 'P-1', 'Zoë\nSmith', 5, ['a\tb']), item(2, 'P-2', 'Ω', 4, ['c'])] }];
    const lines = formatTable(odd).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Zoë Smith');
    expect(lines[1]).toMatch(/a b$/);
    // The harm column starts at the same place in every row.
    const harmAt = lines.map((line) => line.search(/\d\.\d/));
    expect(new Set(harmAt.slice(1)).size).toBe(1);
  });

  it('table: the header alone when nothing is ranked', () => {
    expect(formatTable([])).toBe('INVESTIGATION  RANK  TYPE  ID  NAME  HARM  COMMUNITY  EXPLANATION\n');
  });

  it('csv: RFC 4180 with the documented header, quoted where needed, reading back to the same values', () => {
    const text = formatCsv(reports);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text).toContain('"Ana ""the boss"" Ruiz"');
    expect(text).toContain('"organised 5 crossings (X-1, X-2) received £1,200, in 2 payments"');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        investigation: 'OP-1',
        runId: 'r-1',
        rank: '1',
        type: 'person',
        id: 'P-1',
        name: 'Ana "the boss" Ruiz',
        harmScore: '88.94',
        community: 'C-1',
        explanation: 'organised 5 crossings (X-1, X-2) received £1,200, in 2 payments',
      },
      { investigation: 'OP-1', runId: 'r-1', rank: '10', type: 'person', id: 'P-22', name: 'Bo', harmScore: '7.06', community: 'C-1', explanation: 'bridges 2 communities' },
      { investigation: '', runId: 'r-2', rank: '', type: 'person', id: 'L-1', name: '', harmScore: '', community: 'C-12', explanation: '' },
    ]);
  });

  it('csv: a name or explanation that starts like a formula is written with a quote before it', () => {
    const hostile: RankingReport[] = [{ investigation: 'OP-1', run: run('r-1'), total: 1, items: [item(1, '@P-1', '=HYPERLINK("http://x","y")', 5, ['+1+1'])] }];
    const [row] = parse(formatCsv(hostile), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ id: "'@P-1", name: '\'=HYPERLINK("http://x","y")', explanation: "'+1+1", harmScore: '5' });
  });

  it('json: an array of {investigation, run: {id, status, dataVersion, finishedAt}, total, items}', () => {
    const parsed = JSON.parse(formatJson(reports)) as RankingReport[];
    expect(parsed).toEqual(reports);
    expect(Object.keys(parsed[0]!)).toEqual(['investigation', 'run', 'total', 'items']);
    expect(Object.keys(parsed[0]!.run)).toEqual(['id', 'status', 'dataVersion', 'finishedAt']);
  });

  it('reportOf keeps the run fields the output shows and the page as it is', () => {
    const page: RankingPage = { run: runFixture('r-9', 'done', { dataVersion: 7 }), total: 3, limit: 2, offset: 0, items: reports[0]!.items };
    expect(reportOf('OP-9', page)).toEqual({
      investigation: 'OP-9',
      run: { id: 'r-9', status: 'done', dataVersion: 7, finishedAt: '2024-01-01T00:01:00.000Z' },
      total: 3,
      items: page.items,
    });
  });

  it('formatReports picks the format', () => {
    expect(formatReports('json', reports)).toBe(formatJson(reports));
    expect(formatReports('csv', reports)).toBe(formatCsv(reports));
    expect(formatReports('table', reports)).toBe(formatTable(reports));
  });

  it('with rank confidence: the 90% rank interval and the share in the top k in the table, four more CSV columns read back by csv-parse', () => {
    const confidence = (low: number, high: number, inTopK: number) => ({
      medianRank: low,
      rankInterval: { low, high },
      inTopK,
      k: 10,
      stableCore: inTopK >= 0.9,
      dependsOn: [],
      dependsOnFacts: [],
      explanation: [],
    });
    const sure: RankingReport[] = [
      {
        investigation: 'OP-1',
        run: run('r-1'),
        total: 3,
        items: [
          { ...item(1, 'P-1', 'Ana', 88.94, ['organised 5 crossings']), confidence: confidence(1, 1, 1) },
          { ...item(2, 'P-2', 'Bo', 40, ['bridges 2 communities']), confidence: confidence(2, 14, 0.625) },
          item(null, 'L-1', null, null, [], 'C-12'),
        ],
      },
    ];
    expect(formatTable(sure)).toBe(
      [
        'INVESTIGATION  RANK  TYPE    ID   NAME  HARM  RANK 90%    IN TOP K  COMMUNITY  EXPLANATION',
        'OP-1              1  person  P-1  Ana   88.9         1  100% of 10  C-1        organised 5 crossings',
        'OP-1              2  person  P-2  Bo    40.0      2–14   63% of 10  C-1        bridges 2 communities',
        'OP-1              -  person  L-1  -        -         -           -  C-12       -',
        '',
      ].join('\n'),
    );
    const rows = parse(formatCsv(sure), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS, 'medianRank', 'rankLow', 'rankHigh', 'inTopK']);
    expect(rows.map((r) => [r.id, r.medianRank, r.rankLow, r.rankHigh, r.inTopK])).toEqual([
      ['P-1', '1', '1', '1', '1'],
      ['P-2', '2', '2', '14', '0.625'],
      ['L-1', '', '', '', ''],
    ]);
    // Without confidence the CSV keeps its columns.
    expect(Object.keys((parse(formatCsv(reports), { columns: true }) as Record<string, string>[])[0]!)).toEqual([...CSV_COLUMNS]);
  });
});
