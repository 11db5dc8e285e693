/**
 * What `npm run bench` runs: each benchmark as its own process, in an order where nothing that
 * shares the cores runs at once, with the sizes of the mode. The quick mode (under 3 minutes)
 * is the analytics and disruption benches at their smallest size and one service doing the
 * ingest, run and HTTP measurements together (bench/load/main.ts --ingest-reference); the full mode
 * runs every bench at the issue's sizes, with the reference libraries' per-source work cut to
 * what fits the whole run in about half an hour.
 */

export type SuiteStepName = 'ingest' | 'analytics' | 'disruption' | 'runs' | 'load' | 'gds' | 'resolution' | 'links';

export interface SuiteStep {
  name: SuiteStepName;
  /** The step's entry, relative to bench/ (bench/<name>/main.ts). */
  script: string;
  args: string[];
  /** What the step measures, for the report. */
  measures: string;
  /** The step is stopped (and reported as such) after this long. */
  timeoutMs: number;
}

const MIN = 60_000;

export function suitePlan(quick: boolean, seed: number): SuiteStep[] {
  const common = ['--seed', String(seed)];
  const steps: SuiteStep[] = quick
    ? [
        {
          name: 'analytics',
          script: 'analytics/main.ts',
          // The references' per-source work is cut at 5 s and compared per source.
          args: ['--quick', '--reference-budget-s', '5'],
          measures: 'each algorithm and the whole analysis against networkx and igraph at 10k ties; modularity; precision@10/@20; /healthz during an analysis',
          timeoutMs: 3 * MIN,
        },
        {
          name: 'disruption',
          script: 'disruption/main.ts',
          args: ['--quick'],
          measures: 'the disruption planner per strategy at 1k people; networkx replaying its removal orders',
          timeoutMs: 2 * MIN,
        },
        {
          name: 'load',
          script: 'load/main.ts',
          // One service for ingest, runs and HTTP: the ingest reference loads into its Neo4j first.
          args: ['--quick', '--sizes', '1k', '--duration', '3', '--ingest-reference'],
          measures:
            'in one service: HTTP ingest against the plain driver pattern, a stored run against its preview, projection from Neo4j, autocannon at 100 connections against rankings and entity lookups with /healthz as the reference',
          timeoutMs: 3 * MIN,
        },
        {
          name: 'gds',
          script: 'gds/main.ts',
          args: ['--sizes', '20k', '--heap', '2g'],
          measures: 'the same analysis by both engines, the service’s own and Neo4j Graph Data Science, at 20k ties: time, memory, agreement',
          timeoutMs: 3 * MIN,
        },
      ]
    : [
        {
          name: 'ingest',
          script: 'ingest/main.ts',
          args: ['--sizes', '50k'],
          measures: 'HTTP NDJSON ingest against the plain driver pattern in a second, bare Neo4j (records/s, service RSS)',
          timeoutMs: 10 * MIN,
        },
        {
          name: 'analytics',
          script: 'analytics/main.ts',
          // networkx alone takes 8 minutes at 1M ties (eigenvector and Louvain are not budgeted).
          args: ['--sizes', '10k,100k,1m', '--reference-budget-s', '20'],
          measures: 'each algorithm and the whole analysis against networkx and igraph; modularity; precision@10/@20; /healthz during an analysis at 1M ties',
          timeoutMs: 25 * MIN,
        },
        {
          name: 'disruption',
          script: 'disruption/main.ts',
          args: ['--sizes', '1k,10k'],
          measures: 'the disruption planner per strategy; networkx replaying its removal orders',
          timeoutMs: 10 * MIN,
        },
        {
          name: 'runs',
          script: 'runs/main.ts',
          args: ['--sizes', '10k'],
          measures: 'stored runs against the preview; projection from Neo4j; reads of a run; exports',
          timeoutMs: 10 * MIN,
        },
        {
          name: 'load',
          script: 'load/main.ts',
          args: ['--sizes', '2k', '--duration', '15'],
          measures: 'autocannon at 100 connections against rankings and entity lookups, with /healthz as the reference',
          timeoutMs: 10 * MIN,
        },
        // 10M ties (about 40 minutes here) is run on its own: npm run bench:gds -- --sizes 10m --heap 12g.
        {
          name: 'gds',
          script: 'gds/main.ts',
          args: ['--sizes', '100k,1m'],
          measures: 'the same analysis by both engines, the service’s own and Neo4j Graph Data Science: time, memory, agreement',
          timeoutMs: 20 * MIN,
        },
        {
          name: 'resolution',
          script: 'resolution/main.ts',
          args: ['--sizes', '10k,100k'],
          measures:
            'entity resolution’s record linkage with planted duplicates: time, pairs compared, precision and recall, peak RSS; all-pairs Jaro–Winkler (TypeScript, rapidfuzz) on a subset',
          timeoutMs: 10 * MIN,
        },
        {
          name: 'links',
          script: 'links/main.ts',
          args: ['--sizes', '2k,10k'],
          measures: 'missing-link prediction on ties the generator held out: AUC and precision@k per index, against networkx and scipy on the same pairs; times',
          timeoutMs: 10 * MIN,
        },
      ];
  return steps.map((step) => ({ ...step, args: [...step.args, ...common] }));
}

/** `--only runs,load`: a subset, in the plan's order; unknown names are an error naming them. */
export function selectSteps(plan: readonly SuiteStep[], only: string | undefined): SuiteStep[] {
  if (only === undefined) return [...plan];
  const wanted = only
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !plan.some((step) => step.name === name));
  if (unknown.length > 0) throw new Error(`bench/suite/plan: unknown step(s) ${unknown.join(', ')}; the steps are ${plan.map((step) => step.name).join(', ')}`);
  return plan.filter((step) => wanted.includes(step.name));
}
