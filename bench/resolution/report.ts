import { formatInt, formatMiB, formatSeconds, markdownTable } from '../harness/format.js';
import type { BenchHeader } from '../harness/header.js';

export interface Quality {
  precision: number;
  recall: number;
  candidates: number;
  truePairs: number;
}

export interface ResolutionSizeResult {
  people: number;
  /** Records compared (people with their second records, organisations, vessels, accounts). */
  records: number;
  persons: number;
  plantedDuplicates: number;
  lookAlikes: number;
  generateMs: number;
  linkMs: number;
  pairsCompared: number;
  allPairs: number;
  blocks: Record<string, number>;
  oversizedBlocks: Record<string, number>;
  quality: Quality & { lookAlikesAbove: number; missedByKind: Record<string, number> };
  /** VmRSS before linking and VmHWM over the linking (the generated network is resident too), KiB. */
  rssBeforeKb?: number;
  peakRssKb?: number;
  /** The references on a subset of person records holding every planted pair that fits. */
  subset: {
    records: number;
    /** Our model on the subset alone. */
    ours: Quality & { ms: number; pairsCompared: number };
    /** Every pair's Jaro–Winkler on normalised names ≥ NAIVE_THRESHOLD, in TypeScript (our jaroWinkler). */
    naive: Quality & { ms: number; pairs: number; extrapolatedMs: number };
    rapidfuzz?: Quality & { ms: number; library: string; extrapolatedMs: number };
    rapidfuzzError?: string;
  };
}

export interface ResolutionBenchResults extends BenchHeader {
  seed: number;
  duplicates: number;
  threshold: number;
  naiveThreshold: number;
  sizes: ResolutionSizeResult[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function renderResolution(results: ResolutionBenchResults): string {
  const m = results.machine;
  const lines = [
    `# Entity resolution benchmark, ${results.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}; commit ${m.gitCommit}${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m.toFixed(2)}. Seed ${results.seed}; ${pct(results.duplicates)} of people planted as duplicates; threshold ${results.threshold}.`,
    '',
    'findCandidates on generated records held in memory (src/resolution/from-document.ts), no Neo4j. Pairs compared are those blocking let through; all pairs is n(n−1)/2 per type. Precision and recall are against the generator’s planted duplicates; look-alikes above is how many planted look-alikes (namesakes, family phones) scored at or above the threshold.',
    '',
    markdownTable(
      ['people', 'records', 'link time', 'pairs compared', 'of all pairs', 'candidates', 'precision', 'recall', 'look-alikes above', 'RSS before → peak', 'generate'],
      results.sizes.map((s) => [
        formatInt(s.people),
        formatInt(s.records),
        formatSeconds(s.linkMs),
        formatInt(s.pairsCompared),
        `${((s.pairsCompared / s.allPairs) * 100).toFixed(3)} %`,
        formatInt(s.quality.candidates),
        pct(s.quality.precision),
        pct(s.quality.recall),
        `${s.quality.lookAlikesAbove} of ${formatInt(s.lookAlikes)}`,
        `${formatMiB(s.rssBeforeKb)} → ${formatMiB(s.peakRssKb)}`,
        formatSeconds(s.generateMs),
      ]),
    ),
    '',
    'Missed planted duplicates by kind: ' +
      results.sizes
        .map(
          (s) =>
            `${formatInt(s.people)} people: ${
              Object.entries(s.quality.missedByKind)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'none'
            }`,
        )
        .join('; ') +
      '.',
    '',
    `## Side by side on a subset, with a single-string-threshold reference`,
    '',
    `Each size’s subset is person records only: both records of every planted duplicate, then others, to the subset size. On it run our model, every pair’s Jaro–Winkler of the normalised names ≥ ${results.naiveThreshold} in TypeScript (no blocking, no other field), and the same all-pairs comparison in rapidfuzz (C++, one worker) where Python has it. Their times are extrapolated to the whole size’s person records by the ratio of pair counts.`,
    '',
    markdownTable(
      ['people', 'subset', 'approach', 'time', 'extrapolated to all people', 'candidates', 'precision', 'recall'],
      results.sizes.flatMap((s) => {
        const sub = s.subset;
        const rows = [
          [
            formatInt(s.people),
            formatInt(sub.records),
            'ours (blocking + Fellegi–Sunter)',
            formatSeconds(sub.ours.ms),
            `${formatSeconds(s.linkMs)} (measured)`,
            formatInt(sub.ours.candidates),
            pct(sub.ours.precision),
            pct(sub.ours.recall),
          ],
          [
            formatInt(s.people),
            formatInt(sub.records),
            `all pairs, Jaro–Winkler ≥ ${results.naiveThreshold} (TypeScript)`,
            formatSeconds(sub.naive.ms),
            formatSeconds(sub.naive.extrapolatedMs),
            formatInt(sub.naive.candidates),
            pct(sub.naive.precision),
            pct(sub.naive.recall),
          ],
        ];
        if (sub.rapidfuzz)
          rows.push([
            formatInt(s.people),
            formatInt(sub.records),
            `all pairs, Jaro–Winkler ≥ ${results.naiveThreshold} (${sub.rapidfuzz.library})`,
            formatSeconds(sub.rapidfuzz.ms),
            formatSeconds(sub.rapidfuzz.extrapolatedMs),
            formatInt(sub.rapidfuzz.candidates),
            pct(sub.rapidfuzz.precision),
            pct(sub.rapidfuzz.recall),
          ]);
        else rows.push([formatInt(s.people), formatInt(sub.records), 'rapidfuzz', `not run: ${sub.rapidfuzzError ?? '?'}`]);
        return rows;
      }),
    ),
    '',
  ];
  return lines.join('\n');
}
