import { formatInt, formatSeconds, markdownTable } from '../harness/format.js';
import type { BenchHeader } from '../harness/header.js';

export const K_VALUES = [10, 50, 100] as const;

/** One index on one held-out set, as we or networkx compute it. */
export interface IndexFigures {
  auc: number;
  /** Share of the k best untied pairs that are held-out ties, per k. */
  precisionAt: Record<string, number>;
  /** Scoring the held-out and sampled pairs, and finding the best untied pairs. */
  pairsMs: number;
  topMs: number;
}

export interface LinksSizeResult {
  people: number;
  persons: number;
  ties: number;
  heldOutPairs: number;
  /** Held out, but still tied in the projection another way (a shared crossing, a payment): not scored. */
  stillTied: number;
  /** Held out and untied: the positives. */
  positives: number;
  negatives: number;
  katzBeta: number;
  generateMs: number;
  ours: Record<string, IndexFigures & { candidates: number; calibrationAuc?: number; calibrationMs?: number }>;
  networkx?: Record<string, IndexFigures>;
  networkxError?: string;
  /** Largest difference between our score and the reference's over the scored pairs, per index. */
  maxDifference?: Record<string, number>;
}

export interface LinksBenchResults extends BenchHeader {
  seed: number;
  holdOut: number;
  negativesPerPositive: number;
  reference?: string;
  sizes: LinksSizeResult[];
  best?: string;
}

const f3 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3));

export function renderLinks(results: LinksBenchResults): string {
  const m = results.machine;
  const lines = [
    `# Link prediction benchmark, ${results.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}; commit ${m.gitCommit}${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m.toFixed(2)}. Seed ${results.seed}; ${results.holdOut * 100}% of the linked pairs held out by the generator (truth.heldOut); ${results.negativesPerPositive} sampled untied person pairs per held-out one. Reference: ${results.reference ?? 'none'}.`,
    '',
    'People projection of the generated document built in memory (bench/harness/document-rows.ts), no Neo4j. Positives: held-out pairs the projection leaves untied (some are still tied through a shared crossing or payment, and are not scored). AUC: how often a positive outscores a sampled untied pair (ties half). P@k: share of the k best untied person pairs that are held-out ties. Times: scoring the positives and negatives, and finding the best pairs over all candidates.',
    '',
  ];
  for (const size of results.sizes) {
    lines.push(
      `## ${formatInt(size.people)} people: ${formatInt(size.persons)} persons, ${formatInt(size.ties)} ties, ${formatInt(size.heldOutPairs)} pairs held out (${formatInt(size.stillTied)} still tied another way), ${formatInt(size.positives)} positives, ${formatInt(size.negatives)} negatives; Katz β ${size.katzBeta.toPrecision(4)}`,
      '',
    );
    const rows: string[][] = [];
    for (const [index, ours] of Object.entries(size.ours)) {
      const ref = size.networkx?.[index];
      rows.push([
        index,
        'ours',
        f3(ours.auc),
        ...K_VALUES.map((k) => f3(ours.precisionAt[k])),
        formatSeconds(ours.pairsMs),
        formatSeconds(ours.topMs),
        formatInt(ours.candidates),
        `${f3(ours.calibrationAuc)} in ${formatSeconds(ours.calibrationMs)}`,
      ]);
      if (ref) {
        rows.push([
          index,
          'networkx',
          f3(ref.auc),
          ...K_VALUES.map((k) => f3(ref.precisionAt[k])),
          formatSeconds(ref.pairsMs),
          formatSeconds(ref.topMs),
          '',
          `max |ours − ref| ${size.maxDifference?.[index]?.toExponential(1) ?? '—'}`,
        ]);
      }
    }
    lines.push(markdownTable(['index', 'by', 'AUC', ...K_VALUES.map((k) => `P@${k}`), 'pairs time', 'top time', 'candidates', 'calibration AUC / agreement'], rows), '');
    if (size.networkxError) lines.push(`networkx reference failed: ${size.networkxError}`, '');
  }
  if (results.best) lines.push(`Best by mean AUC over the sizes: **${results.best}** (the service's default index).`, '');
  return `${lines.join('\n')}\n`;
}
