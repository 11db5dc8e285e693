import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateNetwork } from '../../src/generator/network.js';
import { scoreCandidates } from '../../src/resolution/evaluate.js';
import { resolutionRecordsOf } from '../../src/resolution/from-document.js';
import { DEFAULT_THRESHOLD, linkRecords } from '../../src/resolution/linkage.js';
import { jaroWinkler, normaliseName } from '../../src/resolution/names.js';
import type { Candidate, ResolutionRecord } from '../../src/resolution/records.js';
import { parseCommonArgs } from '../harness/args.js';
import { formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { gc, progressLog } from '../harness/log.js';
import { readProcMemory, resetPeak } from '../harness/proc-status.js';
import { findPython } from '../harness/python.js';
import { childError, runChild } from '../harness/run-child.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { type Quality, renderResolution, type ResolutionBenchResults, type ResolutionSizeResult } from './report.js';

/**
 * `npm run bench:resolution` (flags after `--`: `--quick`, `--sizes 10k,100k`, `--seed 42`,
 * `--subset 5000`): entity resolution's record linkage (findCandidates) on generated networks of
 * 10k and 100k people with 2% planted duplicates and their look-alikes, records built in memory
 * (no Neo4j). Reports per size the linking time, pairs compared against all pairs, candidates,
 * precision and recall against the planted truth, and the process's peak RSS. Side by side, on a
 * subset of person records holding the planted pairs: every pair's Jaro–Winkler on the names
 * (in TypeScript, and in rapidfuzz's C++ cdist where Python has it), a single string threshold
 * with no blocking, timed and extrapolated to the whole size. Writes
 * bench/results/resolution-<date>.md and .json.
 */

const SIZES = { full: [10_000, 100_000], quick: [10_000] };
const DUPLICATES = 0.02;
const NAIVE_THRESHOLD = 0.9;
const REFERENCE = join(ROOT, 'bench', 'reference', 'resolution_reference.py');

const progress = progressLog('bench');

function quality(candidates: readonly { records: readonly [string, string] }[], truth: readonly { records: readonly [string, string]; kind: string }[]): Quality {
  const score = scoreCandidates(candidates as Candidate[], truth);
  return { precision: score.precision, recall: score.recall, candidates: score.candidates, truePairs: score.truePairs };
}

/** Person records: both of every planted pair first (while they fit), then the others in id order. */
function subsetOf(records: readonly ResolutionRecord[], duplicates: readonly { records: readonly [string, string] }[], size: number): ResolutionRecord[] {
  const persons = records.filter((r) => r.type === 'person');
  const byId = new Map(persons.map((r) => [r.id, r]));
  const chosen = new Map<string, ResolutionRecord>();
  for (const d of duplicates) {
    if (chosen.size + 2 > size / 4) break;
    for (const id of d.records) chosen.set(id, byId.get(id)!);
  }
  for (const r of persons) {
    if (chosen.size >= size) break;
    chosen.set(r.id, r);
  }
  return [...chosen.values()];
}

async function rapidfuzz(names: string[], python: string): Promise<{ pairs: [number, number][]; seconds: number; library: string } | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-resolution-'));
  try {
    await writeFile(join(dir, 'in.json'), JSON.stringify({ names, threshold: NAIVE_THRESHOLD }));
    const timeoutMs = 10 * 60_000;
    const run = await runChild(python, [REFERENCE, join(dir, 'in.json'), join(dir, 'out.json')], { cwd: ROOT, timeoutMs });
    const error = childError('rapidfuzz reference', run, timeoutMs);
    if (error) return { error };
    return JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as { pairs: [number, number][]; seconds: number; library: string };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchSize(people: number, seed: number, subsetSize: number, python: string | undefined): Promise<ResolutionSizeResult> {
  progress(`${formatInt(people)} people: generating with ${DUPLICATES * 100}% duplicates`);
  let started = performance.now();
  const { document, truth } = generateNetwork({ people, seed, duplicates: DUPLICATES });
  const records = resolutionRecordsOf(document);
  const generateMs = performance.now() - started;
  const duplicates = truth.duplicates ?? [];
  const lookAlikes = truth.lookAlikes ?? [];
  const persons = records.filter((r) => r.type === 'person').length;

  gc();
  const before = await readProcMemory(process.pid);
  const reset = await resetPeak(process.pid);
  progress(`${formatInt(records.length)} records: linking`);
  started = performance.now();
  const { candidates, stats } = linkRecords(records, { threshold: DEFAULT_THRESHOLD });
  const linkMs = performance.now() - started;
  const after = await readProcMemory(process.pid);
  const score = scoreCandidates(candidates, duplicates, lookAlikes);
  progress(
    `linked in ${(linkMs / 1000).toFixed(1)} s: ${formatInt(stats.pairsCompared)} pairs compared, ${formatInt(candidates.length)} candidates, precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`,
  );

  // The references, on a subset: all pairs of names against a single threshold.
  const subset = subsetOf(records, duplicates, subsetSize);
  const inSubset = new Set(subset.map((r) => r.id));
  const subsetTruth = duplicates.filter((d) => inSubset.has(d.records[0]) && inSubset.has(d.records[1]));
  const scale = (persons * (persons - 1)) / (subset.length * (subset.length - 1));
  started = performance.now();
  const oursOnSubset = linkRecords(subset, { threshold: DEFAULT_THRESHOLD });
  const oursMs = performance.now() - started;

  progress(`subset of ${formatInt(subset.length)} person records: all-pairs Jaro–Winkler in TypeScript`);
  const names = subset.map((r) => normaliseName(r.name ?? ''));
  const naivePairs: [string, string][] = [];
  started = performance.now();
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) if (jaroWinkler(names[i]!, names[j]!) >= NAIVE_THRESHOLD) naivePairs.push([subset[i]!.id, subset[j]!.id]);
  const naiveMs = performance.now() - started;
  const pairs = (subset.length * (subset.length - 1)) / 2;

  const result: ResolutionSizeResult = {
    people,
    records: records.length,
    persons,
    plantedDuplicates: duplicates.length,
    lookAlikes: lookAlikes.length,
    generateMs,
    linkMs,
    pairsCompared: stats.pairsCompared,
    allPairs: stats.allPairs,
    blocks: stats.blocks,
    oversizedBlocks: stats.oversizedBlocks,
    quality: { ...quality(candidates, duplicates), lookAlikesAbove: score.lookAlikesAbove, missedByKind: score.missedByKind },
    ...(before ? { rssBeforeKb: before.rssKb } : {}),
    ...(after && reset ? { peakRssKb: after.hwmKb } : {}),
    subset: {
      records: subset.length,
      ours: { ...quality(oursOnSubset.candidates, subsetTruth), ms: oursMs, pairsCompared: oursOnSubset.stats.pairsCompared },
      naive: {
        ...quality(
          naivePairs.map((p) => ({ records: p })),
          subsetTruth,
        ),
        ms: naiveMs,
        pairs,
        extrapolatedMs: naiveMs * scale,
      },
    },
  };
  if (!python) {
    result.subset.rapidfuzzError = 'no python3 imports rapidfuzz';
    return result;
  }
  progress(`subset: all-pairs Jaro–Winkler in rapidfuzz`);
  const ref = await rapidfuzz(names, python);
  if ('error' in ref) result.subset.rapidfuzzError = ref.error;
  else {
    const found = ref.pairs.map(([i, j]) => ({ records: [subset[i]!.id, subset[j]!.id] as [string, string] }));
    result.subset.rapidfuzz = { ...quality(found, subsetTruth), ms: ref.seconds * 1000, library: ref.library, extrapolatedMs: ref.seconds * 1000 * scale };
  }
  return result;
}

async function main(): Promise<void> {
  const { sizes, seed, values } = parseCommonArgs(process.argv.slice(2), 'bench/resolution', SIZES, ['subset']);
  const subsetSize = values.subset === undefined ? 5000 : Number(values.subset);
  if (!Number.isInteger(subsetSize) || subsetSize < 100) throw new Error(`bench/resolution: --subset must be a whole number of at least 100, got '${values.subset}'`);
  const header = startHeader(ROOT);
  const found = await findPython('rapidfuzz');
  if (!found) progress('no rapidfuzz reference: no python3 imports rapidfuzz');
  // One untimed run on a small network first, so the first size does not pay for the JIT.
  progress('warming up on 1,000 people');
  linkRecords(resolutionRecordsOf(generateNetwork({ people: 1000, seed, duplicates: DUPLICATES }).document));
  const results: ResolutionBenchResults = { ...header, seed, duplicates: DUPLICATES, threshold: DEFAULT_THRESHOLD, naiveThreshold: NAIVE_THRESHOLD, sizes: [] };
  for (const people of sizes) results.sizes.push(await benchSize(people, seed, subsetSize, found?.command));
  await finishSuite('resolution', results, { render: renderResolution, progress });
}

runSuite('resolution', main);
