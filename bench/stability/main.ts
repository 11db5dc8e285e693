import { parseArgs } from 'node:util';

import { KARATE_EDGES } from '../../test/fixtures/karate.js';
import { markdownTable } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { progressLog } from '../harness/log.js';
import { writeResults } from '../harness/results.js';
import { summarise } from '../harness/stats.js';
import { ROOT } from '../harness/suite.js';
import { analyseQuietly, edgeListProjection, jaccard, planted, precision, type RankingName, RANKINGS, tops, withoutTies } from './measure.js';

/**
 * `npm run bench:stability` (flags after `--`: `--sizes 300,1000,3000`, `--seeds 1,2,3,4,5`,
 * `--draws 10`, `--rates 0.1,0.2`): how much of the harm score's top 10 survives when a share of
 * the ties is missing, against betweenness alone (issue 22). On generated networks with planted
 * truth, per size and seed, the full projection is analysed once and then `draws` copies with
 * 10% and 20% of the ties removed at random (seeded); each ranking's top 10 people on a copy is
 * compared with its own top 10 on the full network by Jaccard overlap, and with the planted
 * roles by precision@10 (organisers, brokers, procurers, money movers; bench/analytics/precision.ts).
 *
 * Rankings: harm (the score as served), structureOnly (the score with no evidence, as a
 * published edge list gives: only its structural component ranks), betweenness alone, and the
 * structural parts (PageRank, brokerage, the structural component) to see which one swings.
 * Summary to stdout and bench/results/stability-<date>.md, raw figures to .json.
 */

const progress = progressLog('stability');

interface Cell {
  people: number;
  seed: number;
  rate: number;
  draw: number;
  jaccard: Record<RankingName, number>;
  precision: Record<RankingName, number>;
}

/** Zachary's karate club as a bare edge list: not a covert network, but a small published one with no evidence. */
const KARATE_DRAWS = 50;

interface KarateCell {
  rate: number;
  draw: number;
  jaccard: Record<RankingName, number>;
}

interface FullRun {
  people: number;
  seed: number;
  nodes: number;
  ties: number;
  precision: Record<RankingName, number>;
}

function list(value: string | undefined, fallback: number[]): number[] {
  return value === undefined ? fallback : value.split(',').map((part) => Number(part.trim().replace(/k$/i, '000')));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, seeds: { type: 'string' }, draws: { type: 'string' }, rates: { type: 'string' }, label: { type: 'string' } },
  });
  const sizes = list(values.sizes, [300, 1000, 3000]);
  const seeds = list(values.seeds, [1, 2, 3, 4, 5]);
  const rates = list(values.rates, [0.1, 0.2]);
  const draws = Number(values.draws ?? 10);
  const header = startHeader(ROOT);
  const cells: Cell[] = [];
  const full: FullRun[] = [];

  for (const people of sizes) {
    for (const seed of seeds) {
      const { projection, roles } = planted(people, seed);
      const whole = tops(projection, await analyseQuietly(projection));
      full.push({
        people,
        seed,
        nodes: projection.nodes.length,
        ties: projection.ties.source.length,
        precision: Object.fromEntries(RANKINGS.map((r) => [r, precision(whole[r], roles)])) as Record<RankingName, number>,
      });
      for (const rate of rates) {
        for (let draw = 0; draw < draws; draw++) {
          // The draw's seed depends on the network's seed, the rate and the draw only.
          const dropped = withoutTies(projection, rate, seed * 1000 + Math.round(rate * 100) * 10 + draw);
          const top = tops(dropped, await analyseQuietly(dropped));
          cells.push({
            people,
            seed,
            rate,
            draw,
            jaccard: Object.fromEntries(RANKINGS.map((r) => [r, jaccard(whole[r], top[r])])) as Record<RankingName, number>,
            precision: Object.fromEntries(RANKINGS.map((r) => [r, precision(top[r], roles)])) as Record<RankingName, number>,
          });
        }
      }
      progress(
        `${people} people, seed ${seed}: ${projection.nodes.length} nodes, ${projection.ties.source.length} ties; harm J ${mean(cells.filter((c) => c.people === people && c.seed === seed).map((c) => c.jaccard.harm)).toFixed(2)}`,
      );
    }
  }

  const karate: KarateCell[] = [];
  const club = edgeListProjection(34, KARATE_EDGES);
  const whole = tops(club, await analyseQuietly(club));
  for (const rate of rates) {
    for (let draw = 0; draw < KARATE_DRAWS; draw++) {
      const dropped = withoutTies(club, rate, 34_000 + Math.round(rate * 100) * 100 + draw);
      const top = tops(dropped, await analyseQuietly(dropped));
      karate.push({ rate, draw, jaccard: Object.fromEntries(RANKINGS.map((r) => [r, jaccard(whole[r], top[r])])) as Record<RankingName, number> });
    }
  }

  const results = { ...header, label: values.label, settings: { sizes, seeds, rates, draws, karateDraws: KARATE_DRAWS }, full, cells, karate };
  const markdown = render(results);
  process.stdout.write(markdown);
  const paths = await writeResults(`${ROOT}/bench/results`, results, markdown, 'stability');
  progress(`written ${paths.md}`);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function spread(values: readonly number[]): string {
  const s = summarise(values);
  if (!s) return '–';
  const m = mean(values);
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(1, values.length - 1));
  return `${m.toFixed(2)} ± ${sd.toFixed(2)}`;
}

const LABELS: Record<RankingName, string> = {
  harm: 'harm score',
  structureOnly: 'harm, structure only',
  betweenness: 'betweenness alone',
  pagerank: 'PageRank',
  brokerage: 'brokerage (participation + cut point)',
  participation: 'participation',
  communitiesBridged: 'communities bridged',
  structural: 'structural component',
};

function render(results: {
  startedAt: string;
  label?: string;
  settings: { sizes: number[]; seeds: number[]; rates: number[]; draws: number };
  full: FullRun[];
  cells: Cell[];
  karate: KarateCell[];
}): string {
  const { settings, full, cells, karate } = results;
  const lines = [
    `# Stability of the top 10 under missing ties${results.label ? ` (${results.label})` : ''}`,
    '',
    `Started ${results.startedAt}. Sizes ${settings.sizes.join(', ')} people; seeds ${settings.seeds.join(', ')}; ${settings.draws} draws per rate; ties dropped ${settings.rates.map((r) => `${r * 100}%`).join(', ')}.`,
    'Jaccard: top 10 people on the copy against the same ranking on the full network (mean ± standard deviation over every draw). Precision@10: share of planted targets.',
    '',
    '## All sizes',
    '',
  ];
  const rows = (filter: (c: { people: number }) => boolean) =>
    RANKINGS.map((r) => [
      LABELS[r],
      ...settings.rates.map((rate) => spread(cells.filter((c) => filter(c) && c.rate === rate).map((c) => c.jaccard[r]))),
      mean(full.filter(filter).map((f) => f.precision[r])).toFixed(2),
      ...settings.rates.map((rate) => mean(cells.filter((c) => filter(c) && c.rate === rate).map((c) => c.precision[r])).toFixed(2)),
    ]);
  const headers = ['ranking', ...settings.rates.map((r) => `Jaccard ${r * 100}%`), 'P@10 full', ...settings.rates.map((r) => `P@10 ${r * 100}%`)];
  lines.push(
    markdownTable(
      headers,
      rows(() => true),
    ),
    '',
  );
  for (const people of settings.sizes) {
    const f = full.find((x) => x.people === people)!;
    lines.push(
      `## ${people} people (about ${f.nodes} nodes, ${f.ties} ties)`,
      '',
      markdownTable(
        headers,
        rows((c) => c.people === people),
      ),
      '',
    );
  }
  const structural: RankingName[] = ['structureOnly', 'betweenness', 'pagerank', 'brokerage', 'participation', 'communitiesBridged'];
  lines.push(
    `## Zachary's karate club (34 people, 78 ties, no evidence; ${KARATE_DRAWS} draws per rate)`,
    '',
    markdownTable(
      ['ranking', ...settings.rates.map((r) => `Jaccard ${r * 100}%`)],
      structural.map((r) => [LABELS[r], ...settings.rates.map((rate) => spread(karate.filter((c) => c.rate === rate).map((c) => c.jaccard[r])))]),
    ),
    '',
  );
  return `${lines.join('\n')}\n`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench/stability: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
