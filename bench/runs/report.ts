import { formatInt, formatMiB, formatRatio, formatSeconds, markdownTable } from '../harness/format.js';
import type { MemoryFigures } from '../harness/rss-sampler.js';
import type { TimedRun } from '../harness/run-timing.js';
import { perSecond, ratio, summarise, type Summary } from '../harness/stats.js';
import { medianStages, type ReferenceStore, type RunsBenchResults, type RunsSizeResult } from './figures.js';

/**
 * The markdown summary of bench/runs/main.ts: a stored run against the preview of the same analysis,
 * where a run's time goes, its storing against the plain driver pattern, the reads of a finished
 * run, comparisons and exports. Figures are this machine's; the ratios are what travels.
 */

/** Milliseconds below a second (one decimal under 10 ms), seconds above. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "median (min–max)" of a summary. */
export function spread(s: Summary | undefined): string {
  if (!s) return '–';
  return s.count > 1 ? `${duration(s.median)} (${duration(s.min)}–${duration(s.max)})` : duration(s.median);
}

const walls = (list: readonly TimedRun[]) => summarise(list.filter((r) => !r.error).map((r) => r.wallMs ?? Number.NaN));

/** The exact peak (VmHWM, reset before each request) where it could be reset, else the polled one. */
function peakKb(m: MemoryFigures | undefined): number | undefined {
  if (!m) return undefined;
  return m.peakSince === 'load' && m.hwmKb !== undefined ? Math.max(m.hwmKb, m.peakRssKb ?? 0) : m.peakRssKb;
}

const highest = (list: readonly TimedRun[], process: string) => summarise(list.map((r) => peakKb(r.memory[process]) ?? Number.NaN))?.max;
const medianCpu = (list: readonly TimedRun[], process: string) => summarise(list.map((r) => r.memory[process]?.cpuMs ?? Number.NaN))?.median;

function ties(size: RunsSizeResult): string {
  return size.graph ? `${formatInt(size.graph.ties)} (${formatInt(size.graph.nodes)})` : `≈${formatInt(size.targetTies)}`;
}

function runTables(sizes: readonly RunsSizeResult[]): string[] {
  const stageRow = (size: RunsSizeResult, what: string, list: readonly TimedRun[]) => {
    const m = medianStages(list.filter((r) => !r.error && r.stages).map((r) => r.stages!));
    return [
      ties(size),
      what,
      duration(m.queued),
      duration(m.projection),
      duration(m.analysis),
      duration(m.storing),
      duration(m.writeBack),
      duration(m.unaccounted),
      duration(walls(list)?.median),
    ];
  };
  const engine = sizes.map((size) => {
    const m = medianStages(size.runs.filter((r) => !r.error && r.stages).map((r) => r.stages!));
    const stages = Object.entries(m).filter(([k]) => k.startsWith('engine.'));
    return `- ${ties(size)}: ${stages.length > 0 ? stages.map(([k, v]) => `${k.slice('engine.'.length)} ${duration(v)}`).join(', ') : '–'}`;
  });
  return [
    '## A stored run end to end against the preview of the same analysis',
    '',
    markdownTable(
      [
        'ties (nodes)',
        'run: median (range)',
        'preview: median (range)',
        'run / preview',
        'storing + write-back (median)',
        'service peak RSS: run / preview',
        'service CPU: run / preview',
        'Neo4j CPU: run / preview',
      ],
      sizes.map((size) => {
        const m = medianStages(size.runs.filter((r) => !r.error && r.stages).map((r) => r.stages!));
        return [
          ties(size),
          spread(walls(size.runs)),
          spread(walls(size.previews)),
          formatRatio(ratio(walls(size.runs)?.median, walls(size.previews)?.median)),
          duration(m.storing === undefined ? undefined : m.storing + (m.writeBack ?? 0)),
          `${formatMiB(highest(size.runs, 'service'))} / ${formatMiB(highest(size.previews, 'service'))}`,
          `${duration(medianCpu(size.runs, 'service'))} / ${duration(medianCpu(size.previews, 'service'))}`,
          `${duration(medianCpu(size.runs, 'jvm'))} / ${duration(medianCpu(size.previews, 'jvm'))}`,
        ];
      }),
    ),
    '',
    '## Where the time goes (medians)',
    '',
    markdownTable(
      ['ties (nodes)', 'request', 'queued', 'projection', 'analysis (engine stages)', 'storing', 'write-back', 'rest', 'wall'],
      sizes.flatMap((size) => [stageRow(size, 'run', size.runs), stageRow(size, 'preview', size.previews)]),
    ),
    '',
    'Rest: the wall time the stages do not cover (a run: queue start, status updates, HTTP; a preview: the JSON body made in the worker and sent). Engine stages of the runs (medians):',
    '',
    ...engine,
  ];
}

function storingTable(sizes: readonly RunsSizeResult[]): string[] {
  const name = (r: ReferenceStore) => `${r.batchSize}${r.indexed ? '+indexes' : ''}`;
  const variants = [...new Map(sizes.flatMap((s) => s.references.map((r) => [name(r), r] as const))).values()];
  const heading = (r: ReferenceStore) => `reference, batches of ${formatInt(r.batchSize)}${r.indexed ? ' + AnalysisResult’s indexes' : ''}`;
  return [
    '## Storing against the plain driver pattern',
    '',
    markdownTable(
      ['ties (nodes)', 'rows (properties, JSON bytes a row)', 'ours: storing stage', ...variants.flatMap((r) => [heading(r), 'ours / it'])],
      sizes.map((size) => {
        const ours = summarise(size.runs.filter((r) => !r.error).map((r) => r.stages?.storing ?? Number.NaN));
        const rate = (s: Summary | undefined) => (s && size.rows ? `, ${formatInt(perSecond(size.rows.count, s.median))} rows/s` : '');
        const refs = variants.map((v) => summarise(size.references.find((r) => name(r) === name(v))?.ms ?? []));
        return [
          ties(size),
          size.rows ? `${formatInt(size.rows.count)} (${size.rows.properties}, ${formatInt(size.rows.bytesPerRow)})` : '–',
          spread(ours) + rate(ours),
          ...refs.flatMap((ref) => [spread(ref) + rate(ref), formatRatio(ratio(ours?.median, ref?.median))]),
        ];
      }),
    ),
    '',
    'The first reference is the plain pattern; the others are diagnostics. Ours also writes the community reports and the packed ties, ' +
      'and makes each row (explanations included) on the event loop between batches.',
  ];
}

function readTables(sizes: readonly RunsSizeResult[], reads: number, warmups: number): string[] {
  return [
    `## Reads of a finished run (${reads} sequential requests after ${warmups} warm-ups)`,
    '',
    markdownTable(
      ['ties (nodes)', 'request', 'p50', 'p99', 'body'],
      sizes.flatMap((size) =>
        size.reads.map((r) => [ties(size), r.request, duration(r.latency?.p50), duration(r.latency?.p99), r.bytes === undefined ? '–' : `${formatInt(r.bytes / 1024)} KiB`]),
      ),
    ),
    '',
    `Nearest-rank percentiles: with ${reads} requests the p99 is the slowest.`,
    '',
    '## Comparisons and exports (median and range after a warm-up)',
    '',
    markdownTable(
      ['ties (nodes)', 'request', 'time', 'body'],
      sizes.flatMap((size) => size.requests.map((r) => [ties(size), r.request, spread(r.ms), r.bytes === undefined ? '–' : `${formatInt(r.bytes / 1024)} KiB`])),
    ),
  ];
}

export function renderRunsMarkdown(results: RunsBenchResults): string {
  const { machine: m, settings: s, sizes } = results;
  const errors = sizes.flatMap((size) => size.errors.map((e) => `- ${ties(size)}: ${e.replace(/\s*\n\s*/g, ' ⏎ ')}`));
  return [
    `# Analysis runs benchmark (${results.mode}), ${results.startedAt}`,
    '',
    ...(results.interrupted ? [`**Stopped early (${results.interrupted}): the figures are those measured until then.**`, ''] : []),
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform} ${m.kernel}; commit ${m.gitCommit}` +
      `${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m}.`,
    `Settings: the built service with a fresh embedded Neo4j per size (NEO4J_HEAP ${s.heap}, NEO4J_PAGECACHE ${s.pageCache}); ANALYSIS_BATCH_SIZE ${s.analysisBatchSize}; ` +
      `ANALYSIS_MAX_WAIT_MS ${s.maxWaitMs}; generator seed ${s.seed}; the whole network as the scope (every investigation), parameters seed 1; ` +
      `${s.repetitions} runs (wait, force) interleaved with ${s.repetitions} previews, after one untimed run and preview with parameters seed 2; RSS polled every ${s.rssPollMs} ms. ` +
      `Reference: ${s.reference}.`,
    '',
    ...runTables(sizes),
    '',
    ...storingTable(sizes),
    '',
    ...readTables(sizes, s.readRequests, s.readWarmups),
    '',
    '## Context',
    '',
    markdownTable(
      ['ties (nodes)', 'people', 'records', 'generate', 'service start', 'load through the API', 'records/s', 'communities (modularity)', 'betweenness', 'service stop'],
      sizes.map((size) => [
        ties(size),
        formatInt(size.people),
        formatInt(size.records),
        formatSeconds(size.generateMs),
        formatSeconds(size.service.startMs),
        formatSeconds(size.load?.wallMs),
        size.records !== undefined && size.load?.wallMs !== undefined ? `${formatInt(perSecond(size.records, size.load.wallMs))}/s` : '–',
        size.graph ? `${formatInt(size.graph.communities)} (${size.graph.modularity.toFixed(4)})` : '–',
        size.graph?.betweenness ?? '–',
        formatSeconds(size.service.stopMs) + (size.service.exitCode !== undefined ? ` (exit ${size.service.exitCode})` : ''),
      ]),
    ),
    '',
    `Build ${formatSeconds(results.buildMs)}; whole run ${formatSeconds(results.durationMs)}. Load average at the end of each run: ` +
      sizes.map((size) => `${ties(size)}: ${size.runs.map((r) => r.loadAverage1m.toFixed(1)).join(', ') || '–'}`).join('; ') +
      ` (above ${m.cpus}, other work was competing for the cores).`,
    ...(errors.length > 0 ? ['', '## Errors', '', ...errors] : []),
    '',
  ].join('\n');
}
