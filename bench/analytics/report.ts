import { formatCount, formatInt, formatMiB, formatRatio, markdownTable } from '../harness/format.js';
import { summarise, type Summary } from '../harness/stats.js';
import { checkTargets, compare, LIBRARIES, stageSummary, wallSummary } from './compare.js';
import type { AnalyticsBenchResults, AnalyticsSizeResult, ProbedFigures, ReferenceFigures } from './results.js';

/**
 * The markdown summary of an analytics bench run: per size the headline figures, the engine's
 * stages, the comparison with networkx and igraph on the identical graph, then the event-loop
 * check and the issue's targets. Figures are for this machine; the ratios travel.
 */

export const STAGES = ['csr', 'louvain', 'degree', 'pagerank', 'eigenvector', 'brokerage', 'activity', 'communityReport', 'betweennessCloseness', 'harm', 'order', 'topMembers'];

/** ms with a unit that fits: 850 ms, 12.3 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 100_000 ? 1 : 0)} s`;
}

/** "median (min–max, n runs)"; a single run is shown alone. */
export function formatSpread(s: Summary | undefined): string {
  if (!s) return '–';
  return s.count === 1 ? `${formatMs(s.median)} (1 run)` : `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)}, ${s.count} runs)`;
}

const label = (size: AnalyticsSizeResult) => `${formatCount(size.targetTies)} ties`;
const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);

function headline(results: AnalyticsBenchResults): string {
  return markdownTable(
    [
      'size',
      'people (generated)',
      'nodes',
      'ties',
      'projection (in memory)',
      'analysis, projection excluded',
      'peak RSS (analysis)',
      'precision@10',
      'precision@20',
      'modularity: ours / networkx / igraph',
    ],
    results.sizes.map((size) => {
      const p = size.project;
      const a = size.analysis;
      const refs = size.references;
      return [
        label(size),
        formatInt(p?.people),
        formatInt(p?.nodes),
        formatInt(p?.ties),
        formatSpread(summarise(p?.projectionMs ?? [])),
        formatSpread(wallSummary(size)),
        a?.peakRssKb !== undefined ? `${formatMiB(a.peakRssKb)}${a.peakSince === 'start' ? '*' : ''} (${formatMiB(a.baseRssKb)} before)` : '–',
        pct(a?.precisionAt10),
        pct(a?.precisionAt20),
        [a?.modularity, refs.networkx?.louvain.modularity, refs.igraph?.louvain.modularity].map((m) => (m === undefined ? '–' : m.toFixed(4))).join(' / '),
      ];
    }),
  );
}

function stages(results: AnalyticsBenchResults): string {
  const sizes = results.sizes.filter((s) => s.analysis);
  return markdownTable(
    ['stage', ...sizes.map(label)],
    [
      ...STAGES.map((stage) => [stage, ...sizes.map((size) => formatSpread(stageSummary(size, stage)))]),
      ['**total (wall)**', ...sizes.map((size) => formatSpread(wallSummary(size)))],
      [
        'betweenness + closeness alone, single-threaded (compared with the references)',
        ...sizes.map((size) => (size.analysis?.singleThreadPaths ? formatMs(size.analysis.singleThreadPaths.ms) : '–')),
      ],
      [
        'PageRank alone, after a collection (compared with the references)',
        ...sizes.map((size) => formatSpread(size.analysis?.pagerankAloneMs ? summarise(size.analysis.pagerankAloneMs) : undefined)),
      ],
      [
        'every ranking entry with its explanation (rankedNodes, on demand; not in the total)',
        ...sizes.map((size) => (size.analysis?.explanations ? formatMs(size.analysis.explanations.ms) : '–')),
      ],
    ],
  );
}

function comparison(size: AnalyticsSizeResult): string {
  const rows = compare(size);
  return markdownTable(
    ['algorithm', 'ours (median, min–max)', ...LIBRARIES.flatMap((lib) => [lib, `ours / ${lib}`]), 'notes'],
    rows.map((row) => [
      row.algorithm,
      formatSpread(row.ours),
      ...LIBRARIES.flatMap((lib) => {
        const cell = row.references[lib];
        return [
          cell?.ms !== undefined ? `${cell.perSource ? '≈' : ''}${formatMs(cell.ms)}` : '–',
          cell?.ratio !== undefined ? `${formatRatio(cell.ratio)}${cell.perSource ? ' per source' : ''}` : '–',
        ];
      }),
      LIBRARIES.flatMap((lib) => (row.references[lib]?.note ? [`${lib}: ${row.references[lib]!.note}`] : [])).join('; '),
    ]),
  );
}

function reference(ref: ReferenceFigures | undefined): string {
  if (!ref) return '–';
  return `${ref.library} ${ref.version} on ${ref.python} (Python ${ref.pythonVersion}), peak RSS ${formatMiB(ref.peakRssKb)}, ${ref.louvain.communities} communities`;
}

function probed(name: string, f: ProbedFigures | undefined): string[] {
  const l = f?.latency;
  return [name, formatMs(f?.workMs), formatInt(l?.count), formatMs(l?.p50), formatMs(l?.p99), formatMs(l?.max), formatInt(l?.over100ms), formatInt(f?.errors)];
}

function eventLoop(results: AnalyticsBenchResults): string[] {
  const size = results.sizes.find((s) => s.analysis?.eventLoop);
  const e = size?.analysis?.eventLoop;
  if (!size || !e) return [];
  return [
    `## Event loop: GET /healthz every ${e.intervalMs} ms during the ${label(size)} analysis`,
    '',
    "The service's own health route (src/routes/health.ts) on a bare Fastify in the analysing process; the client is a separate process sending on a fixed schedule (open loop), so a blocked event loop shows as latency.",
    '',
    markdownTable(
      ['analysis', 'took', 'requests', 'p50', 'p99', 'max', '> 100 ms', 'errors'],
      [
        probed('none (idle)', e.idle),
        probed('analyse() on the main thread', e.mainThread),
        probed('pool.preview(): JSON body made in the worker (the preview route)', e.workerPreview),
        probed('pool.run(): whole result cloned back', e.workerPool),
        probed('a stored run: analysis kept in the worker, rows fetched a batch at a time (writes left out)', e.workerStore),
      ],
    ),
    '',
    `Peak RSS during the pool runs (the process, worker thread included): preview ${formatMiB(e.workerPreview?.peakRssKb)}, run ${formatMiB(e.workerPool?.peakRssKb)}` +
      `${e.workerPreview?.bodyBytes !== undefined ? `; the preview body is ${formatInt(e.workerPreview.bodyBytes / 1e6)} MB of JSON` : ''}.`,
    '',
    ...(e.error ? [`Error: ${e.error}`, ''] : []),
  ];
}

/** A warning when the sizes did not all measure the commit the run started on. */
function commits(results: AnalyticsBenchResults): string[] {
  const started = `${results.machine.gitCommit}${results.machine.gitDirtyFiles > 0 ? ` + ${results.machine.gitDirtyFiles} changed files` : ''}`;
  const moved = results.sizes.filter((size) => size.commit !== undefined && size.commit !== started);
  return moved.length === 0 ? [] : [`**The sources changed during the run: ${moved.map((size) => `${label(size)} measured ${size.commit}`).join('; ')}.**`, ''];
}

export function renderAnalyticsMarkdown(results: AnalyticsBenchResults): string {
  const { machine: m, settings: s } = results;
  const pythons = LIBRARIES.map((lib) => {
    const p = s.pythons[lib];
    return !p ? `${lib}: not looked for` : 'error' in p ? `${lib}: ${p.error}` : `${lib} ${p.version} with ${p.executable} (\`${p.command}\`, ${p.how})`;
  });
  const targets = checkTargets(results);
  const errors = results.sizes.flatMap((size) => size.errors.map((e) => `- ${label(size)}: ${e}`));
  return [
    `# Analytics benchmark (${results.mode}), ${results.startedAt}`,
    '',
    ...(results.interrupted ? [`**Stopped early (${results.interrupted}): the figures are those measured until then.**`, ''] : []),
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform} ${m.kernel}; commit ${m.gitCommit}` +
      `${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m}.`,
    ...commits(results),
    `Graphs: ${s.projection} Seed ${s.seed}. Engine: ${s.engineOptions} ${s.repeats}`,
    `References: ${pythons.join('; ')}. Per-source work of a reference is cut to what fits ${s.referenceBudgetSeconds} s and then compared per source.`,
    '',
    '## Summary',
    '',
    headline(results),
    '',
    'Peak RSS: VmHWM of the analysing process over the timed runs, the loaded projection included ("before": with the projection loaded). Precision: share of the first k ranked people whose planted role is organiser, broker, procurer or money mover. ' +
      'Ratios are ours / reference: below 1× ours is faster, 0.10× is ten times faster; ≈ marks a reference time extrapolated from fewer sources.',
    '',
    '## Targets (reported, not asserted)',
    '',
    markdownTable(
      ['target', 'ties', 'measured', 'met', 'margin'],
      targets.map((t) => [t.target, formatInt(t.ties), t.measured, t.met === undefined ? '–' : t.met ? 'yes' : 'no', t.margin]),
    ),
    '',
    '## Engine stages (median, min–max over the runs)',
    '',
    stages(results),
    '',
    ...results.sizes.flatMap((size) => [
      `## Against networkx and igraph: ${label(size)} (${formatInt(size.analysis?.graph.nodes)} nodes; betweenness and closeness ${size.analysis?.betweenness.estimated ? `from ${size.analysis.betweenness.sources} sampled sources` : 'exact'})`,
      '',
      comparison(size),
      '',
      ...LIBRARIES.map((lib) => `- ${reference(size.references[lib])}`),
      '',
    ]),
    ...confidence(results),
    ...eventLoop(results),
    ...(errors.length > 0 ? ['## Errors', '', ...errors, ''] : []),
  ].join('\n');
}

/** Rank confidence: 100 draws and their summary against one analysis, in the same pool and process. */
function confidence(results: AnalyticsBenchResults): string[] {
  const sized = results.sizes.filter((size) => size.confidence);
  if (sized.length === 0) return [];
  return [
    '## Rank confidence (parameters.confidence)',
    '',
    'Through a worker pool, the same projection (read with its facts): one analysis, then 100 draws (each fact kept as its grading says, 10% of ties dropped) split across the pool and the analysis that summarises them. Goal: at most 10× one analysis.',
    '',
    markdownTable(
      ['size', 'nodes', 'ties', 'facts', 'threads', 'one analysis', 'draws', 'draws + analysis', 'ratio', 'goal met', 'stable core'],
      sized.map((size) => {
        const c = size.confidence!;
        return [
          label(size),
          formatInt(c.nodes),
          formatInt(c.ties),
          formatInt(c.facts),
          String(c.threads),
          `${(c.oneAnalysisMs / 1000).toFixed(2)} s`,
          `${(c.drawsMs / 1000).toFixed(2)} s`,
          `${(c.withDrawsMs / 1000).toFixed(2)} s`,
          `${c.ratio.toFixed(1)}×`,
          c.ratio <= 10 ? 'yes' : 'no',
          String(c.stableCore),
        ];
      }),
    ),
    '',
  ];
}
