import { parseArgs } from 'node:util';

import { ENGINES, ResolutionModeSchema } from '../schemas/analysis.js';
import { IdSchema } from '../schemas/provenance.js';
import { UsageError } from './rank-errors.js';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** The largest page GET /v1/analyses/{id}/rankings serves. */
export const TOP_MAX = 1000;
export const TOP_DEFAULT = 20;
export const WAIT_MINUTES_DEFAULT = 60;
/** A week: longer than any run, short enough to be a typo's bound. */
export const WAIT_MINUTES_MAX = 10_080;

export const USAGE =
  'usage: rank [--investigation ID]... [--all-investigations] [--top N] [--format table|json|csv]\n' +
  '            [--write-back] [--engine auto|graphology|gds] [--resolution none|accepted|auto:P]\n' +
  '            [--confidence DRAWS [--dropout R]]\n' +
  '            [--out FILE] [--api URL]\n' +
  '            [--wait-minutes N] [--verbose]';

export const HELP = `${USAGE}

Ranks entities by harm for scheduled jobs: each ranking is an analysis run stored in the
history, exactly as POST /v1/analyses makes one (a run of the same scope and parameters on
unchanged data is reused), and prints the top of each.

  --investigation ID    rank this investigation (repeat for several: one run each)
  --all-investigations  rank every investigation in the database (with --api: every one the key
                        may see), one run each; with neither: one run over all the data
  --top N               entities per ranking, 1 to ${TOP_MAX} (default ${TOP_DEFAULT})
  --format F            table (default), json or csv
  --write-back          write harmScore, harmRank, communityId and lastAnalysis onto the
                        entities (default: not)
  --engine E            auto (default), graphology or gds: who computes the analysis
                        (docs/api.md, "Analyses")
  --resolution R        none (default), accepted or auto:P (e.g. auto:0.95): rank the resolved
                        network, records that decisions (or candidates at or above P) say are
                        one entity merged (docs/api.md, "Entity resolution"); not with --engine gds
  --confidence DRAWS    rank confidence: re-rank over DRAWS resampled networks (10 to 1000; each
                        fact kept as likely as its grading says) and print each entity's 90%
                        rank interval and share of draws in the top 10; json has every figure
                        (docs/analytics.md, "Rank confidence"); not with --engine gds
  --dropout R           with --confidence: also drop this share of ties at random in each
                        draw, 0 to 0.9 (default 0)
  --out FILE            write the output to FILE (whole or not at all) instead of stdout
  --api URL             go through the service's HTTP API at URL instead of Neo4j, with the API
                        key in SNA_API_KEY (sent as Authorization: Bearer)
  --key KEY             the API key on the command line instead: anyone on the machine can read
                        it in ps, and it stays in the shell history (a warning says so)
  --wait-minutes N      longest wait for one run to end (default ${WAIT_MINUTES_DEFAULT}); one still going then
                        counts as failed and is cancelled (unless it was reused: someone else's)
  -v, --verbose         status lines on stderr
  -h, --help            this text

Direct mode (the default) uses NEO4J_URI with NEO4J_USER and NEO4J_PASSWORD when set; otherwise
the running service's embedded database at bolt://127.0.0.1:$NEO4J_BOLT_PORT, and when nothing
answers there it starts the embedded database in $NEO4J_HOME itself (about 15 s) and stops it
at the end. Runs are computed in this process (ANALYSIS_* and ANALYTICS_* settings apply).

Output: table (investigation, rank, type, id, name, harm score, community, first sentence of
the explanation); json (an array of {investigation, run: {id, status, dataVersion,
finishedAt}, total, items}, items as GET /v1/analyses/{id}/rankings gives them); csv (RFC 4180,
columns investigation,runId,rank,type,id,name,harmScore,community,explanation). Only finished
runs are printed; a failed one is reported on stderr. An --investigation that does not exist
(or, with --api, that the key may not see) stops the command before any run, naming it (exit
4); one with nothing in scope gives an empty ranking and a warning on stderr.

Exit codes:
  0    every run done
  1    a run failed, was cancelled or timed out (the others are still printed); or another error
  2    usage error: unknown flag, missing or bad value, bad environment variable
  3    cannot reach Neo4j or the API (or the API's database)
  4    refused: an --investigation that does not exist or the API key may not see, or a request the API refused (a 4xx other than 404 and 409)
  130  interrupted (Ctrl-C): the run in progress is cancelled; 143 the same for SIGTERM
`;

type Engine = (typeof ENGINES)[number];

export interface RankArgs {
  help: boolean;
  /** One run each; empty with allInvestigations false means one run over all the data. */
  investigations: string[];
  allInvestigations: boolean;
  top: number;
  format: Format;
  writeBack: boolean;
  engine: Engine;
  /** scope.resolution of every run; left out: none. */
  resolution?: string;
  /** parameters.confidence of every run; left out: none. */
  confidence?: { draws: number; dropout: number };
  out?: string;
  api?: { url: string; key?: string };
  waitMinutes: number;
  verbose: boolean;
  /** Said on stderr before anything runs. */
  warnings: string[];
}

const DEFAULTS: RankArgs = {
  help: false,
  investigations: [],
  allInvestigations: false,
  top: TOP_DEFAULT,
  format: 'table',
  writeBack: false,
  engine: 'auto',
  waitMinutes: WAIT_MINUTES_DEFAULT,
  verbose: false,
  warnings: [],
};

function integer(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be an integer from 1 to ${max}, got '${value}'`);
  return n;
}

function bounded(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

function apiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--api must be a URL such as http://127.0.0.1:3000, got '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api must be an http:// or https:// URL, got '${value}'`);
  return url.href;
}

/** `env`: where SNA_API_KEY is read (the process's environment). */
export function parseRankArgs(argv: string[], env: Readonly<Record<string, string | undefined>> = process.env): RankArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        investigation: { type: 'string', multiple: true },
        'all-investigations': { type: 'boolean' },
        top: { type: 'string' },
        format: { type: 'string' },
        'write-back': { type: 'boolean' },
        engine: { type: 'string' },
        resolution: { type: 'string' },
        confidence: { type: 'string' },
        dropout: { type: 'string' },
        out: { type: 'string' },
        api: { type: 'string' },
        key: { type: 'string' },
        'wait-minutes': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // node's messages go on about positionals after '--'; the first sentence is the point.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }

  if (values.help) return { ...DEFAULTS, help: true };

  const investigations = [...new Set(values.investigation ?? [])];
  for (const id of investigations) {
    const checked = IdSchema.safeParse(id);
    if (!checked.success) throw new UsageError(`--investigation '${id}': ${checked.error.issues[0]!.message}`);
  }
  const allInvestigations = values['all-investigations'] ?? false;
  if (allInvestigations && investigations.length > 0) throw new UsageError('give --investigation or --all-investigations, not both');

  const format = values.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be table, json or csv, got '${format}'`);
  const engine = values.engine ?? 'auto';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UsageError(`--engine must be auto, graphology or gds, got '${engine}'`);
  if (values.resolution !== undefined) {
    const checked = ResolutionModeSchema.safeParse(values.resolution);
    if (!checked.success) throw new UsageError(`--resolution: ${checked.error.issues[0]!.message}, got '${values.resolution}'`);
    if (engine === 'gds' && values.resolution !== 'none') throw new UsageError('--resolution needs --engine auto or graphology: the GDS engine analyses records as loaded');
  }
  if (values.dropout !== undefined && values.confidence === undefined) throw new UsageError('--dropout needs --confidence');
  if (values.confidence !== undefined && engine === 'gds') throw new UsageError('--confidence needs --engine auto or graphology: the draws are worked out in the service');
  const dropout = values.dropout === undefined ? 0 : Number(values.dropout);
  if (values.dropout !== undefined && !(/^\d*\.?\d+$/.test(values.dropout) && dropout >= 0 && dropout <= 0.9))
    throw new UsageError(`--dropout must be a number from 0 to 0.9, got '${values.dropout}'`);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out must name a file');
  if (values.key !== undefined && values.api === undefined) throw new UsageError('--key needs --api: direct mode uses NEO4J_USER and NEO4J_PASSWORD');
  if (values.key !== undefined && values.key.trim() === '') throw new UsageError('--key must not be empty');
  // The flag wins over the environment; an empty SNA_API_KEY is as good as none.
  const key = values.key ?? (env.SNA_API_KEY || undefined);
  const warnings = values.key !== undefined ? ['--key is visible to anyone on this machine (ps) and stays in your shell history: put the key in SNA_API_KEY instead'] : [];

  return {
    help: values.help ?? false,
    investigations,
    allInvestigations,
    top: integer('top', values.top, TOP_DEFAULT, TOP_MAX),
    format: format as Format,
    writeBack: values['write-back'] ?? false,
    engine: engine as Engine,
    ...(values.resolution !== undefined ? { resolution: values.resolution } : {}),
    ...(values.confidence !== undefined ? { confidence: { draws: bounded('confidence', values.confidence, 10, 1000), dropout } } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.api !== undefined ? { api: { url: apiUrl(values.api), ...(key !== undefined ? { key } : {}) } } : {}),
    waitMinutes: integer('wait-minutes', values['wait-minutes'], WAIT_MINUTES_DEFAULT, WAIT_MINUTES_MAX),
    verbose: values.verbose ?? false,
    warnings,
  };
}
