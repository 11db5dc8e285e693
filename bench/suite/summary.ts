import { compare, wallSummary } from '../analytics/compare.js';
import type { AnalyticsBenchResults } from '../analytics/results.js';
import type { DisruptionBenchResults } from '../disruption/report.js';
import { type GdsBenchResults, isRun } from '../gds/report.js';
import { formatInt } from '../harness/format.js';
import { ratio, summarise, type Summary } from '../harness/stats.js';
import type { BenchResults as IngestBenchResults } from '../ingest/results.js';
import type { LinksBenchResults } from '../links/report.js';
import type { LoadBenchResults } from '../load/figures.js';
import { errorCount, referenceRate, verdictOf } from '../load/figures.js';
import { goalText } from '../load/report.js';
import type { ResolutionBenchResults } from '../resolution/report.js';
import type { RunsBenchResults } from '../runs/figures.js';

/**
 * The headline figures of each benchmark's results, as rows of one table: what was measured, at
 * which size, ours, the reference's, and ours / reference with the direction that is better
 * (a rate is better higher, a time lower). Every figure comes from the results file the
 * benchmark wrote; nothing is measured here.
 */

export interface HeadlineRow {
  area: string;
  measure: string;
  size: string;
  ours: string;
  reference?: string;
  ratio?: number;
  /** Which way ours / reference is better: 'lower' for times, 'higher' for rates and scores. */
  better?: 'lower' | 'higher';
}

const seconds = (ms: number | undefined) =>
  ms === undefined ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
const spread = (s: Summary | undefined) => (s === undefined ? '–' : s.count > 1 ? `${seconds(s.median)} (${seconds(s.min)}–${seconds(s.max)})` : seconds(s.median));
const mib = (kb: number | undefined) => (kb === undefined ? '–' : `${formatInt(kb / 1024)} MiB`);
const rate = (n: number | undefined, unit: string) => (n === undefined ? '–' : `${formatInt(n)} ${unit}/s`);

export function ingestHeadlines(results: IngestBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const ours = size.service.loads.find((load) => load.run === 'first');
    const reference = size.reference.loads.find((load) => load.run === 'first');
    const rows: HeadlineRow[] = [
      {
        area: 'ingest',
        measure: 'HTTP NDJSON load, first (vs plain-driver UNWIND/MERGE)',
        size: `${formatInt(size.records)} records`,
        ours: rate(ours?.recordsPerSec, 'records'),
        reference: rate(reference?.recordsPerSec, 'records'),
        ratio: ratio(ours?.recordsPerSec, reference?.recordsPerSec),
        better: 'higher',
      },
    ];
    if (ours?.memory.service)
      rows.push({
        area: 'ingest',
        measure: 'service peak RSS during the load',
        size: `${formatInt(size.records)} records`,
        ours: mib(ours.memory.service.hwmKb ?? ours.memory.service.peakRssKb),
      });
    return rows;
  });
}

export function analyticsHeadlines(results: AnalyticsBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const ties = `${formatInt(size.project?.ties ?? size.targetTies)} ties`;
    const rows: HeadlineRow[] = [];
    const a = size.analysis;
    if (a) {
      rows.push({ area: 'analytics', measure: 'whole analysis (projection excluded), median (min–max)', size: ties, ours: spread(wallSummary(size)) });
      rows.push({ area: 'analytics', measure: 'peak RSS of the analysis process', size: ties, ours: mib(a.peakRssKb) });
      rows.push({
        area: 'analytics',
        measure: 'planted targets found: precision@10 / @20',
        size: ties,
        ours: `${Math.round(a.precisionAt10 * 100)} % / ${Math.round(a.precisionAt20 * 100)} %`,
      });
    }
    for (const comparison of compare(size)) {
      for (const [library, cell] of Object.entries(comparison.references)) {
        rows.push({
          area: 'analytics',
          measure: `${comparison.algorithm}${cell.perSource ? ' (per source)' : ''}`,
          size: ties,
          ours: spread(comparison.ours),
          reference: `${library} ${seconds(cell.ms)}`,
          ratio: cell.ratio,
          better: 'lower',
        });
      }
    }
    for (const [library, reference] of Object.entries(size.references)) {
      if (a && reference) {
        rows.push({
          area: 'analytics',
          measure: 'Louvain modularity',
          size: ties,
          ours: a.modularity.toFixed(3),
          reference: `${library} ${reference.louvain.modularity.toFixed(3)}`,
          ratio: ratio(a.modularity, reference.louvain.modularity),
          better: 'higher',
        });
      }
    }
    const loop = a?.eventLoop;
    if (loop?.workerPreview?.latency && loop.idle?.latency) {
      rows.push({
        area: 'analytics',
        measure: 'GET /healthz p99 while an analysis runs in the pool (vs idle)',
        size: ties,
        ours: seconds(loop.workerPreview.latency.p99),
        reference: `idle ${seconds(loop.idle.latency.p99)}`,
        ratio: ratio(loop.workerPreview.latency.p99, loop.idle.latency.p99),
        better: 'lower',
      });
    }
    if (loop?.workerStore?.latency && loop.idle?.latency) {
      rows.push({
        area: 'analytics',
        measure: 'GET /healthz p99 while a stored run analyses and hands over its rows (vs idle)',
        size: ties,
        ours: seconds(loop.workerStore.latency.p99),
        reference: `idle ${seconds(loop.idle.latency.p99)}`,
        ratio: ratio(loop.workerStore.latency.p99, loop.idle.latency.p99),
        better: 'lower',
      });
    }
    return rows;
  });
}

export function disruptionHeadlines(results: DisruptionBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const at = `${formatInt(size.people)} people (${formatInt(size.ties)} ties)`;
    const rows: HeadlineRow[] = [
      { area: 'disruption', measure: 'whole plan, every strategy, k = 20 (analysis excluded)', size: at, ours: seconds(size.planMs) },
      ...size.strategies.map((s): HeadlineRow => ({ area: 'disruption', measure: `strategy ${s.strategy}`, size: at, ours: seconds(s.ms) })),
    ];
    if (size.best)
      rows.push({
        area: 'disruption',
        measure: 'best strategy: largest component shrinks by',
        size: at,
        ours: `${formatInt(size.best.largestComponentDrop)} (${size.best.label})`,
      });
    if (size.reference)
      rows.push({
        area: 'disruption',
        measure: 'networkx replays every removal order: curves agree',
        size: at,
        ours: size.reference.curvesAgree ? 'yes' : '**no**',
        reference: `networkx ${seconds(size.reference.curvesMs)}`,
      });
    return rows;
  });
}

export function runsHeadlines(results: RunsBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const at = `${formatInt(size.graph?.ties ?? size.targetTies)} ties`;
    const run = summarise(size.runs.flatMap((r) => (r.wallMs === undefined ? [] : [r.wallMs])));
    const preview = summarise(size.previews.flatMap((p) => (p.wallMs === undefined ? [] : [p.wallMs])));
    const projection = summarise(size.runs.flatMap((r) => (r.stages?.projection === undefined ? [] : [r.stages.projection])));
    const rows: HeadlineRow[] = [
      {
        area: 'runs',
        measure: 'stored run (vs the unstored preview of the same analysis)',
        size: at,
        ours: spread(run),
        reference: `preview ${spread(preview)}`,
        ratio: ratio(run?.median, preview?.median),
        better: 'lower',
      },
    ];
    if (projection && size.graph) rows.push({ area: 'runs', measure: 'projection from Neo4j', size: at, ours: rate(size.graph.ties / (projection.median / 1000), 'ties') });
    const page = size.reads.find((read) => read.request.startsWith('ranking page'));
    if (page?.latency) rows.push({ area: 'runs', measure: 'ranking page p50 / p99 (one client)', size: at, ours: `${seconds(page.latency.p50)} / ${seconds(page.latency.p99)}` });
    return rows;
  });
}

export function loadHeadlines(results: LoadBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const healthz = referenceRate(size.scenarios);
    const at = `${formatInt(size.people)} people, ${results.settings.connections} connections`;
    const records = `${formatInt(size.records)} records`;
    const rows: HeadlineRow[] = [];
    const loadRate = size.records !== undefined && size.load?.wallMs ? size.records / (size.load.wallMs / 1000) : undefined;
    if (loadRate !== undefined && size.ingestReference?.recordsPerSec !== undefined) {
      rows.push({
        area: 'ingest',
        measure: 'HTTP JSON load (vs plain-driver UNWIND/MERGE into the same Neo4j)',
        size: records,
        ours: rate(loadRate, 'records'),
        reference: rate(size.ingestReference.recordsPerSec, 'records'),
        ratio: ratio(loadRate, size.ingestReference.recordsPerSec),
        better: 'higher',
      });
    }
    if (size.run && size.preview?.wallMs !== undefined) {
      const ties = `${formatInt(size.run.ties)} ties`;
      rows.push({
        area: 'runs',
        measure: 'stored run (vs the unstored preview of the same analysis)',
        size: ties,
        ours: seconds(size.run.wallMs),
        reference: `preview ${seconds(size.preview.wallMs)}`,
        ratio: ratio(size.run.wallMs, size.preview.wallMs),
        better: 'lower',
      });
      if (size.run.stages?.projection && size.run.ties)
        rows.push({ area: 'runs', measure: 'projection from Neo4j', size: ties, ours: rate(size.run.ties / (size.run.stages.projection / 1000), 'ties') });
    }
    return rows.concat(
      size.scenarios
        .filter((s) => !s.reference && s.latency)
        .map((s): HeadlineRow => ({
          area: 'HTTP load',
          measure: `${s.label}: 2xx/s, p50 / p99, errors${s.goal ? `; goal ${goalText(s.goal)}` : ''}`,
          size: at,
          ours:
            `${rate(s.okPerSec, 'req')}, ${s.latency!.p50} / ${s.latency!.p99} ms, ${s.counts ? formatInt(errorCount(s.counts)) : '–'} errors` +
            (s.goal ? `; goal ${verdictOf(s, healthz).goalMet ? 'met' : '**missed**'} (load avg ${s.loadAverage1m.toFixed(1)})` : ''),
          reference: `/healthz ${rate(healthz, 'req')}`,
          ratio: ratio(s.okPerSec, healthz),
          better: 'higher',
        })),
    );
  });
}

/** The table, in markdown. */
export function headlineTable(rows: readonly HeadlineRow[]): string {
  const lines = ['| area | measure | size | ours | reference | ours / reference |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    const r = row.ratio === undefined ? '' : `${row.ratio < 0.01 ? row.ratio.toFixed(4) : row.ratio.toFixed(row.ratio < 1 ? 3 : 2)}× (${row.better} is better)`;
    lines.push(`| ${row.area} | ${row.measure} | ${row.size} | ${row.ours} | ${row.reference ?? ''} | ${r} |`);
  }
  return lines.join('\n');
}

export function gdsHeadlines(results: GdsBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const own = size.runs.graphology;
    const gds = size.runs.gds;
    if (!isRun(gds)) return [];
    const ties = formatInt(gds.ties);
    const rows: HeadlineRow[] = [
      {
        area: 'gds',
        measure: 'whole analysis with GDS, the service’s own engine as reference',
        size: ties,
        ours: seconds(gds.totalMs),
        ...(isRun(own) ? { reference: seconds(own.totalMs), ratio: ratio(gds.totalMs, own.totalMs), better: 'lower' as const } : {}),
      },
      {
        area: 'gds',
        measure: 'peak RSS of the service / of Neo4j, GDS engine',
        size: ties,
        ours: `${mib(gds.hwmKb)} / ${mib(gds.neo4jHwmKb)}`,
        ...(isRun(own) ? { reference: `${mib(own.hwmKb)} / ${mib(own.neo4jHwmKb)}` } : {}),
      },
    ];
    if (isRun(own))
      rows.push({
        area: 'gds',
        measure: 'agreement: modularity, harm top 20 in common',
        size: ties,
        ours: `${gds.modularity.toFixed(3)}, ${gds.top20.filter((k) => own.top20.includes(k)).length}/20`,
        reference: own.modularity.toFixed(3),
      });
    return rows;
  });
}

export function resolutionHeadlines(results: ResolutionBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const at = `${formatInt(size.people)} people (${formatInt(size.records)} records)`;
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const naive = size.subset.rapidfuzz ?? size.subset.naive;
    return [
      {
        area: 'resolution',
        measure: `record linkage (blocking + Fellegi–Sunter), all-pairs Jaro–Winkler${size.subset.rapidfuzz ? ` (${size.subset.rapidfuzz.library})` : ''} extrapolated as reference`,
        size: at,
        ours: seconds(size.linkMs),
        reference: seconds(naive.extrapolatedMs),
        ratio: ratio(size.linkMs, naive.extrapolatedMs),
        better: 'lower' as const,
      },
      { area: 'resolution', measure: 'planted duplicates found: precision / recall', size: at, ours: `${pct(size.quality.precision)} / ${pct(size.quality.recall)}` },
      { area: 'resolution', measure: 'pairs compared after blocking', size: at, ours: `${formatInt(size.pairsCompared)} of ${formatInt(size.allPairs)}` },
      { area: 'resolution', measure: 'peak RSS of the linking process', size: at, ours: mib(size.peakRssKb) },
    ];
  });
}

export function linksHeadlines(results: LinksBenchResults): HeadlineRow[] {
  return results.sizes.flatMap((size) => {
    const at = `${formatInt(size.people)} people (${formatInt(size.positives)} held-out ties)`;
    return Object.entries(size.ours).flatMap(([index, ours]) => {
      const ref = size.networkx?.[index];
      return [
        {
          area: 'links',
          measure: `held-out ties: AUC of ${index} (networkx${index === 'katz' ? ' / scipy' : ''} as reference)`,
          size: at,
          ours: ours.auc.toFixed(3),
          ...(ref ? { reference: ref.auc.toFixed(3), ratio: ours.auc / ref.auc, better: 'higher' as const } : {}),
        },
        {
          area: 'links',
          measure: `best 100 untied pairs by ${index}: time (precision@100 ours ${ours.precisionAt['100']!.toFixed(2)})`,
          size: at,
          ours: seconds(ours.topMs),
          ...(ref ? { reference: seconds(ref.topMs), ratio: ours.topMs / ref.topMs, better: 'lower' as const } : {}),
        },
      ];
    });
  });
}
