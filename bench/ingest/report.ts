import { formatCount, formatInt, formatMiB, formatRate, formatRatio, formatSeconds, markdownTable } from '../harness/format.js';
import type { MemoryFigures } from '../harness/rss-sampler.js';
import { ratio } from '../harness/stats.js';
import type { BenchResults, Changes, LoadRun, ReferenceRunFigures, ServiceLoad, SizeResult } from './results.js';

/**
 * The markdown summary: throughput side by side with the reference run and their ratio,
 * memory, what the service reported, and how long each phase took. Figures are for this
 * machine only; the ratios are what to compare across machines and commits.
 */

const RUN_NAMES: Record<LoadRun, string> = { first: 'first load', reload: 're-load (unchanged)' };

interface Row {
  size: SizeResult;
  run: LoadRun;
  ours?: ServiceLoad;
  ref?: ReferenceRunFigures;
}

function rows(results: BenchResults): Row[] {
  return results.sizes.flatMap((size) =>
    (['first', 'reload'] as const).map((run) => ({
      size,
      run,
      ours: size.service.loads.find((l) => l.run === run),
      ref: size.reference.loads.find((l) => l.run === run),
    })),
  );
}

/** "polled peak / VmHWM"; a star marks a VmHWM that could not be reset and counts since start. */
function memory(figures: MemoryFigures | undefined): string {
  if (!figures || figures.peakRssKb === undefined) return '–';
  const star = figures.peakSince === 'start' ? '*' : '';
  return `${formatMiB(figures.peakRssKb)} / ${formatMiB(figures.hwmKb)}${star}`;
}

/**
 * The bench client's peak and how much it grew during the load. The growth is the figure to
 * read: the client's peak still holds what an earlier phase (the reference load) left behind.
 */
function clientMemory(figures: MemoryFigures | undefined): string {
  if (!figures || figures.peakRssKb === undefined) return '–';
  const growth = figures.startRssKb !== undefined ? ` (+${formatMiB(figures.peakRssKb - figures.startRssKb)})` : '';
  return `${formatMiB(figures.peakRssKb)}${growth}`;
}

function changes(c: Changes | undefined): string {
  return c ? `${formatInt(c.created)} / ${formatInt(c.updated)} / ${formatInt(c.unchanged)}` : '–';
}

function pair(ours: number | undefined, ref: number | undefined): string {
  return `${formatInt(ours)} / ${formatInt(ref)}`;
}

/**
 * For a load stopped by the timeout: how much of the graph it had written (against the
 * reference's graph of the same records) and the rate that implies. An estimate, marked ≈.
 */
function estimate(row: Row): { atMs: number; fraction: number; rate: number } | undefined {
  const last = row.ours?.progress?.at(-1);
  const total = row.ref?.graph ? row.ref.graph.nodes + row.ref.graph.relationships : 0;
  if (!last || total === 0 || last.atMs <= 0) return undefined;
  const fraction = Math.min(1, (last.nodes + last.relationships) / total);
  return { atMs: last.atMs, fraction, rate: (fraction * row.size.records) / (last.atMs / 1000) };
}

export function renderMarkdown(results: BenchResults): string {
  const { machine: m, settings: s } = results;
  const all = rows(results);
  const label = (row: Row) => [formatInt(row.size.records), RUN_NAMES[row.run]];
  const errors = results.sizes.flatMap((size) => {
    const list = (side: string, messages: (string | undefined)[]) =>
      messages.filter((e): e is string => e !== undefined).map((e) => `- ${formatCount(size.targetRecords)} ${side}: ${e.replace(/\s*\n\s*/g, ' ⏎ ')}`);
    return [
      ...list('service', [size.service.error, ...size.service.loads.map((l) => l.error)]),
      ...list('reference', [size.reference.error, ...size.reference.loads.map((l) => l.error)]),
      ...list('bulk import', [size.bulkImport?.error]),
    ];
  });
  return [
    `# Ingest benchmark (${results.mode}), ${results.startedAt}`,
    '',
    ...(results.interrupted ? [`**Stopped early (${results.interrupted}): the figures are those measured until then.**`, ''] : []),
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform} ${m.kernel}; commit ${m.gitCommit}` +
      `${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m}.`,
    `Settings: NEO4J_HEAP ${s.heap}, NEO4J_PAGECACHE ${s.pageCache} for both databases; service batch size ${s.serviceBatchSize}; ` +
      `reference batch size ${formatInt(s.referenceBatchSize)}; reference database: ${s.referenceDatabase}; seed ${s.seed}; RSS polled every ${s.rssPollMs} ms; ` +
      `time limit per load ${formatSeconds(s.loadTimeoutMs)}${s.budgetMs !== undefined ? `, whole run ${formatSeconds(s.budgetMs)}` : ''}.`,
    '',
    '## Throughput (HTTP API vs the plain driver pattern)',
    '',
    markdownTable(
      ['records', 'load', 'ours: wall', 'ours: records/s', 'reference: wall', 'reference: records/s', 'ours / reference', 'load avg (ours / ref)'],
      all.map((row) => {
        const partial = row.ours?.error ? estimate(row) : undefined;
        return [
          ...label(row),
          partial ? `stopped at ${formatSeconds(partial.atMs)}` : formatSeconds(row.ours?.wallMs),
          partial ? `≈${formatRate(partial.rate)} (${Math.round(partial.fraction * 100)} % written)` : formatRate(row.ours?.recordsPerSec),
          (row.ref?.error && row.ref.wallMs !== undefined ? 'stopped at ' : '') + formatSeconds(row.ref?.wallMs),
          formatRate(row.ref?.recordsPerSec),
          (partial ? '≈' : '') + formatRatio(ratio(partial?.rate ?? row.ours?.recordsPerSec, row.ref?.recordsPerSec)),
          `${row.ours?.loadAverage1m.toFixed(1) ?? '–'} / ${row.ref?.loadAverage1m.toFixed(1) ?? '–'}`,
        ];
      }),
    ),
    '',
    '## First load through the bulk import (`npm run import`, neo4j-admin) vs the plain driver pattern',
    '',
    markdownTable(
      [
        'records',
        'wall',
        'records/s',
        'reference first load: records/s',
        'ours / reference',
        'checks + CSV / neo4j-admin / schema + data versions',
        'nodes / relationships',
        'CLI peak RSS',
        'load avg',
      ],
      results.sizes
        .filter((size) => size.bulkImport !== undefined)
        .map((size) => {
          const bulk = size.bulkImport!;
          const ref = size.reference.loads.find((l) => l.run === 'first');
          const t = bulk.timings;
          return [
            formatInt(size.records),
            formatSeconds(bulk.wallMs),
            bulk.error ? `failed: ${bulk.error}` : formatRate(bulk.recordsPerSec),
            formatRate(ref?.recordsPerSec),
            formatRatio(ratio(bulk.recordsPerSec, ref?.recordsPerSec)),
            t ? `${formatSeconds(t.checkMs)} / ${formatSeconds(t.importMs)} / ${formatSeconds(t.finishMs)}` : '–',
            bulk.store ? `${formatInt(bulk.store.nodes)} / ${formatInt(bulk.store.relationships)}` : '–',
            memory(bulk.memory.cli),
            bulk.loadAverage1m.toFixed(1),
          ];
        }),
    ),
    '',
    'The bulk import builds a new store only (an empty NEO4J_HOME); its wall time includes starting the embedded Neo4j once for the schema. ' +
      'The graph it leaves equals the one POST /v1/ingest leaves for the same records (test/import/bulk-import.test.ts).',
    '',
    '## Where the time went (CPU time used during the load)',
    '',
    markdownTable(
      ['records', 'load', 'ours: body sent after', 'ours: first write after', 'service Node CPU', 'service JVM CPU', 'reference client CPU', 'reference JVM CPU'],
      all.map((row) => [
        ...label(row),
        formatSeconds(row.ours?.uploadMs),
        formatSeconds(row.ours?.firstWriteMs),
        formatSeconds(row.ours?.memory.service?.cpuMs),
        formatSeconds(row.ours?.memory.jvm?.cpuMs),
        formatSeconds(row.ref?.memory.client?.cpuMs),
        formatSeconds(row.ref?.memory.jvm?.cpuMs),
      ]),
    ),
    '',
    '## Peak memory (RSS polled peak / VmHWM of the load)',
    '',
    markdownTable(
      ['records', 'load', 'service (Node)', 'service Neo4j JVM', 'reference Neo4j JVM', 'bench client: ours (growth)', 'bench client: reference (growth)'],
      all.map((row) => [
        ...label(row),
        memory(row.ours?.memory.service),
        memory(row.ours?.memory.jvm),
        memory(row.ref?.memory.jvm),
        clientMemory(row.ours?.memory.client),
        clientMemory(row.ref?.memory.client),
      ]),
    ),
    '',
    '## What was loaded',
    '',
    markdownTable(
      [
        'records',
        'load',
        'HTTP',
        'accepted',
        'rejected',
        'batches (ours / ref)',
        'entities created / updated / unchanged',
        'relations created / updated / unchanged',
        'placeholders',
        'nodes (ours / ref)',
        'relationships (ours / ref)',
      ],
      all.map((row) => [
        ...label(row),
        row.ours?.httpStatus !== undefined ? `${row.ours.httpStatus} ${row.ours.reportStatus ?? ''}`.trim() : '–',
        formatInt(row.ours?.accepted),
        formatInt(row.ours?.rejected),
        pair(row.ours?.batches, row.ref?.batches),
        changes(row.ours?.entities),
        changes(row.ours?.relations),
        formatInt(row.ours?.placeholders),
        pair(row.ours?.graph?.nodes, row.ref?.graph?.nodes),
        pair(row.ours?.graph?.relationships, row.ref?.graph?.relationships),
      ]),
    ),
    '',
    '## Phases',
    '',
    markdownTable(
      ['records', 'people', 'file', 'generate', 'service start → ready', 'service stop', 'left in service TMPDIR', 'reference start'],
      results.sizes.map((size) => [
        formatInt(size.records),
        formatInt(size.people),
        `${(size.fileBytes / 1e6).toFixed(1)} MB`,
        formatSeconds(size.generateMs),
        formatSeconds(size.service.startMs),
        formatSeconds(size.service.stopMs) + (size.service.exitCode !== undefined ? ` (exit ${size.service.exitCode})` : ''),
        size.service.leftInTmpBytes !== undefined ? `${(size.service.leftInTmpBytes / 1e6).toFixed(1)} MB` : '–',
        formatSeconds(size.reference.startMs),
      ]),
    ),
    '',
    `Build ${formatSeconds(results.buildMs)}; whole run ${formatSeconds(results.durationMs)}. ` +
      `Load average: 1-minute, read at the end of each load; above ${m.cpus}, other work on the machine was competing for the cores. ` +
      '"First write after" is polled every 2 s. A load stopped by the time limit is estimated from how much of the graph it had written (≈).',
    ...(errors.length > 0 ? ['', '## Errors', '', ...errors] : []),
    '',
  ].join('\n');
}
