import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { auc, calibrate } from '../../src/analytics/links/calibrate.js';
import { linkGraph } from '../../src/analytics/links/graph.js';
import { type IndexOptions, KATZ_MAX_LENGTH, katzBeta, LINK_INDICES, pairScore } from '../../src/analytics/links/indices.js';
import { scanCandidates } from '../../src/analytics/links/suggest.js';
import { generateNetwork } from '../../src/generator/network.js';
import { createRng } from '../../src/shared/rng.js';
import { parseCommonArgs } from '../harness/args.js';
import { documentRows, projectRows } from '../harness/document-rows.js';
import { formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { progressLog } from '../harness/log.js';
import { findPython } from '../harness/python.js';
import { childError, runChild } from '../harness/run-child.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { type IndexFigures, K_VALUES, type LinksBenchResults, type LinksSizeResult, renderLinks } from './report.js';

/**
 * `npm run bench:links` (flags after `--`: `--quick`, `--sizes 2k,10k`, `--seed 42`): missing-link
 * prediction on generated networks of 2k and 10k people with 10% of the linked pairs held out by
 * the generator (truth.heldOut), the people projection built in memory. For each index
 * (Adamic–Adar, resource allocation, truncated Katz): AUC of the held-out pairs against sampled
 * untied person pairs, precision@10/50/100 over all candidate pairs, and times; the same figures
 * from networkx (and scipy for Katz) on the same graph and pairs (bench/reference/links_reference.py),
 * with the largest difference between the two's scores. Writes bench/results/links-<date>.md and .json.
 */

const SIZES = { full: [2_000, 10_000], quick: [2_000] };
const HOLD_OUT = 0.1;
const NEGATIVES_PER_POSITIVE = 10;
const REFERENCE = join(ROOT, 'bench', 'reference', 'links_reference.py');

const progress = progressLog('bench');

type Pair = [number, number];

interface ReferenceIndex {
  positives: number[];
  negatives: number[];
  top: [number, number, number][];
  pairsSeconds: number;
  topSeconds: number;
}

function precisionAt(top: readonly (readonly [number, number])[], positives: ReadonlySet<string>): Record<string, number> {
  const key = (u: number, v: number) => `${Math.min(u, v)}|${Math.max(u, v)}`;
  return Object.fromEntries(K_VALUES.map((k) => [String(k), top.slice(0, k).filter(([u, v]) => positives.has(key(u, v))).length / k]));
}

async function reference(python: string, input: object): Promise<{ indices: Record<string, ReferenceIndex> } | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-links-'));
  try {
    await writeFile(join(dir, 'in.json'), JSON.stringify(input));
    const timeoutMs = 20 * 60_000;
    const run = await runChild(python, [REFERENCE, join(dir, 'in.json'), join(dir, 'out.json')], { cwd: ROOT, timeoutMs });
    const error = childError('networkx links reference', run, timeoutMs);
    if (error) return { error };
    return { indices: JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as Record<string, ReferenceIndex> };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchSize(people: number, seed: number, python: string | undefined): Promise<LinksSizeResult> {
  progress(`${formatInt(people)} people: generating with ${HOLD_OUT * 100}% of linked pairs held out`);
  let started = performance.now();
  const { document, truth } = generateNetwork({ people, seed, holdOut: HOLD_OUT });
  const projection = projectRows(documentRows(document));
  const generateMs = performance.now() - started;
  const graph = linkGraph(projection);
  const at = new Map(projection.nodes.map((node, v) => [node.key, v]));

  const pairKey = (u: number, v: number) => `${Math.min(u, v)}|${Math.max(u, v)}`;
  const tied = new Set<string>();
  for (let t = 0; t < projection.ties.source.length; t++) tied.add(pairKey(projection.ties.source[t]!, projection.ties.target[t]!));
  const heldPairs = new Map<string, Pair>();
  for (const [a, b] of truth.heldOut ?? []) {
    const [u, v] = [at.get(`person:${a}`), at.get(`person:${b}`)];
    if (u !== undefined && v !== undefined) heldPairs.set(pairKey(u, v), [Math.min(u, v), Math.max(u, v)]);
  }
  const positives = [...heldPairs].filter(([key]) => !tied.has(key)).map(([, pair]) => pair);
  const positiveKeys = new Set(positives.map(([u, v]) => pairKey(u, v)));
  const people_ = projection.nodes.flatMap((node, v) => (node.type === 'person' ? [v] : []));
  const rng = createRng(seed);
  const negatives: Pair[] = [];
  const drawn = new Set<string>();
  while (negatives.length < NEGATIVES_PER_POSITIVE * positives.length) {
    const [u, v] = [rng.pick(people_), rng.pick(people_)];
    const key = pairKey(u, v);
    if (u === v || tied.has(key) || heldPairs.has(key) || drawn.has(key)) continue;
    drawn.add(key);
    negatives.push([Math.min(u, v), Math.max(u, v)]);
  }
  const beta = katzBeta(graph);
  const kmax = Math.max(...K_VALUES);

  const ours: LinksSizeResult['ours'] = {};
  const ourScores: Record<string, number[]> = {};
  for (const index of LINK_INDICES) {
    const options: IndexOptions = { index, beta, maxLength: KATZ_MAX_LENGTH };
    started = performance.now();
    const pos = positives.map(([u, v]) => pairScore(graph, u, v, options));
    const neg = negatives.map(([u, v]) => pairScore(graph, u, v, options));
    const pairsMs = performance.now() - started;
    started = performance.now();
    const scan = scanCandidates(graph, options, kmax);
    const topMs = performance.now() - started;
    started = performance.now();
    const fitted = calibrate(projection, options, seed);
    const calibrationMs = performance.now() - started;
    ourScores[index] = [...pos, ...neg];
    ours[index] = {
      auc: auc(pos, neg),
      precisionAt: precisionAt(
        scan.best.map(({ a, b }) => [a, b]),
        positiveKeys,
      ),
      pairsMs,
      topMs,
      candidates: scan.candidates,
      ...(fitted.ok ? { calibrationAuc: fitted.calibration.auc } : {}),
      calibrationMs,
    };
    progress(`ours ${index}: AUC ${ours[index].auc.toFixed(3)}, P@100 ${ours[index].precisionAt['100']!.toFixed(2)}`);
  }

  let persons = 0;
  for (const p of graph.person) persons += p;
  const result: LinksSizeResult = {
    people,
    persons,
    ties: projection.ties.source.length,
    heldOutPairs: heldPairs.size,
    stillTied: heldPairs.size - positives.length,
    positives: positives.length,
    negatives: negatives.length,
    katzBeta: beta,
    generateMs,
    ours,
  };
  if (!python) {
    result.networkxError = 'no python3 imports scipy and networkx';
    return result;
  }
  progress('networkx reference on the same graph and pairs');
  const { csr } = graph;
  const edges: Pair[] = [];
  for (let u = 0; u < csr.n; u++) for (let i = csr.offsets[u]!; i < csr.offsets[u + 1]!; i++) if (u < csr.targets[i]!) edges.push([u, csr.targets[i]!]);
  const ref = await reference(python, { n: csr.n, edges, person: [...graph.person], positives, negatives, beta, maxLength: KATZ_MAX_LENGTH, k: K_VALUES });
  if ('error' in ref) {
    result.networkxError = ref.error;
    return result;
  }
  result.networkx = {};
  result.maxDifference = {};
  for (const index of LINK_INDICES) {
    const r = ref.indices[index]!;
    const figures: IndexFigures = {
      auc: auc(r.positives, r.negatives),
      precisionAt: precisionAt(
        r.top.map(([u, v]) => [u, v]),
        positiveKeys,
      ),
      pairsMs: r.pairsSeconds * 1000,
      topMs: r.topSeconds * 1000,
    };
    result.networkx[index] = figures;
    const theirs = [...r.positives, ...r.negatives];
    result.maxDifference[index] = Math.max(0, ...ourScores[index]!.map((s, i) => Math.abs(s - theirs[i]!)));
  }
  return result;
}

async function main(): Promise<void> {
  const { sizes, seed } = parseCommonArgs(process.argv.slice(2), 'bench/links', SIZES);
  const started = performance.now();
  const header = startHeader(ROOT);
  const found = await findPython('scipy', ['/usr/bin/python3', 'python3']);
  if (!found) progress('no networkx reference: no python3 imports scipy');
  const results: LinksBenchResults = {
    ...header,
    seed,
    holdOut: HOLD_OUT,
    negativesPerPositive: NEGATIVES_PER_POSITIVE,
    ...(found ? { reference: `networkx with scipy ${found.version} (${found.executable})` } : {}),
    sizes: [],
  };
  for (const people of sizes) results.sizes.push(await benchSize(people, seed, found?.command));
  const meanAuc = (index: string) => results.sizes.reduce((sum, s) => sum + s.ours[index]!.auc, 0) / results.sizes.length;
  results.best = [...LINK_INDICES].sort((a, b) => meanAuc(b) - meanAuc(a))[0];
  await finishSuite('links', results, { render: renderLinks, progress, started });
}

runSuite('links', main);
