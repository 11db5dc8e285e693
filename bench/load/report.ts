import { formatInt, formatMiB, formatRate, formatRatio, formatSeconds, markdownTable } from '../harness/format.js';
import type { MemoryFigures } from '../harness/rss-sampler.js';
import { coresBusy, cpuPerRequestMs, errorCount, type LoadBenchResults, type LoadSizeResult, P99_TARGET_MS, referenceRate, type ScenarioFigures, verdictOf } from './figures.js';
import type { LoadGoal } from './scenarios.js';

/**
 * The markdown summary of bench/load/main.ts: each scenario's req/s as figures and as a ratio to the
 * reference (GET /healthz under the same load, the same machine, the same run), its latency
 * against the issue's p99 target, errors by kind, and what the service and its Neo4j used.
 */

const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
/** A ratio with two significant digits: routes at a hundredth of /healthz's rate would all read 0.00×. */
export const ratioText = (r: number | undefined) => (r === undefined || !Number.isFinite(r) ? '–' : r >= 0.1 ? formatRatio(r) : `${r.toPrecision(2)}×`);
const metMissed = (v: boolean | undefined) => (v === undefined ? '–' : v ? 'met' : '**missed**');

/** A goal as the report states it. */
export const goalText = (goal: LoadGoal) => `p99 < ${goal.p99Ms} ms${goal.ofReference !== undefined ? `, ≥ ${formatRatio(goal.ofReference)} of /healthz` : ''}`;

/** The exact peak (VmHWM, reset before the scenario) where it could be reset, else the polled one. */
function peak(m: MemoryFigures | undefined): string {
  if (!m) return '–';
  const kb = m.peakSince === 'load' && m.hwmKb !== undefined ? Math.max(m.hwmKb, m.peakRssKb ?? 0) : m.peakRssKb;
  return formatMiB(kb);
}

const cores = (s: ScenarioFigures, process: string) => {
  const c = coresBusy(s, process);
  return c === undefined ? '–' : `${c.toFixed(2)} cores`;
};

function throughputTable(size: LoadSizeResult): string {
  const reference = referenceRate(size.scenarios);
  return markdownTable(
    ['scenario', 'paths', 'req/s (2xx)', '/ healthz', 'p50', 'p90', 'p99', 'max', 'goal', 'errors'],
    size.scenarios.map((s) => {
      const v = verdictOf(s, reference);
      return [
        s.label,
        formatInt(s.paths),
        formatRate(s.okPerSec),
        s.reference ? 'reference' : ratioText(v.ofReference),
        ms(s.latency?.p50),
        ms(s.latency?.p90),
        ms(s.latency?.p99),
        ms(s.latency?.max),
        s.goal ? `${goalText(s.goal)}: ${metMissed(v.goalMet)}` : '–',
        s.error ? 'failed' : formatInt(v.errors),
      ];
    }),
  );
}

function errorsTable(size: LoadSizeResult): string {
  return markdownTable(
    ['scenario', 'sent', 'answers', '2xx', '429 rate-limited', 'other non-2xx', 'timeouts', 'socket errors', 'status codes', 'audit records committed', 'body'],
    size.scenarios.map((s) => {
      const c = s.counts;
      const codes = c
        ? Object.entries(c.statusCodes)
            .map(([code, n]) => `${code}: ${formatInt(n)}`)
            .join(', ')
        : '–';
      return [
        s.label,
        formatInt(c?.sent),
        formatInt(c?.responses),
        formatInt(c?.ok),
        formatInt(c?.rateLimited),
        formatInt(c?.otherNon2xx),
        formatInt(c?.timeouts),
        formatInt(c?.socketErrors),
        codes,
        s.reference ? 'none expected' : formatInt(s.auditRecords),
        s.bytesPerResponse === undefined ? '–' : `${formatInt(s.bytesPerResponse / 1024)} KiB`,
      ];
    }),
  );
}

function resourcesTable(size: LoadSizeResult): string {
  return markdownTable(
    ['scenario', 'service peak RSS', 'service CPU', 'Neo4j JVM peak RSS', 'Neo4j CPU', 'bench client CPU', 'CPU per 2xx: service / Neo4j', 'load avg'],
    size.scenarios.map((s) => [
      s.label,
      peak(s.memory.service),
      cores(s, 'service'),
      peak(s.memory.jvm),
      cores(s, 'jvm'),
      cores(s, 'client'),
      `${ms(cpuPerRequestMs(s, 'service'))} / ${ms(cpuPerRequestMs(s, 'jvm'))}`,
      s.loadAverage1m.toFixed(1),
    ]),
  );
}

/** Why a goal was missed: the figures that missed it, then where the CPU went and how busy the machine was. */
function whyMissed(s: ScenarioFigures, reference: number | undefined): string {
  const v = verdictOf(s, reference);
  const goal = s.goal!;
  const short = [
    ...(v.p99Met === false ? [`p99 ${ms(s.latency?.p99)} ≥ ${goal.p99Ms} ms`] : []),
    ...(v.rateMet === false ? [`${ratioText(v.ofReference)} of /healthz < ${formatRatio(goal.ofReference!)}`] : []),
  ];
  return (
    `${short.join(' and ')}: CPU per answer service ${ms(cpuPerRequestMs(s, 'service'))}, Neo4j ${ms(cpuPerRequestMs(s, 'jvm'))}; ` +
    `busy: service ${cores(s, 'service')}, Neo4j ${cores(s, 'jvm')}, bench client ${cores(s, 'client')}; load average ${s.loadAverage1m.toFixed(1)}`
  );
}

/** One line per goal: met or missed, the figures that decide it, and for a miss why. */
export function targetLines(size: LoadSizeResult): string[] {
  const measured = size.scenarios.filter((s) => !s.reference && s.counts);
  if (measured.length === 0) return ['- Not measured.'];
  const reference = referenceRate(size.scenarios);
  const erring = measured.filter((s) => errorCount(s.counts!) > 0);
  return [
    erring.length === 0
      ? `- Zero errors: **met** (${formatInt(measured.reduce((n, s) => n + s.counts!.responses, 0))} answers, all 2xx).`
      : `- Zero errors: **missed**: ${erring.map((s) => `${s.label} ${formatInt(errorCount(s.counts!))}`).join('; ')}.`,
    ...measured
      .filter((s) => s.goal)
      .map((s) => {
        const v = verdictOf(s, reference);
        const figures = `p99 ${ms(s.latency?.p99)}, ${ratioText(v.ofReference)} of /healthz`;
        return `- ${s.label}, ${goalText(s.goal!)}: ${v.goalMet ? `**met** (${figures})` : `**missed** (${whyMissed(s, reference)})`}.`;
      }),
  ];
}

function sizeSection(size: LoadSizeResult, connections: number): string[] {
  const run = size.run;
  return [
    `## ${formatInt(size.people)} people`,
    '',
    `Data: ${formatInt(size.records)} records loaded through POST /v1/ingest (the generator's network.json) in ${formatSeconds(size.load?.wallMs)}; one stored run over everything ` +
      `(${run ? `${formatInt(run.nodes)} nodes, ${formatInt(run.ties)} ties, ${formatInt(run.ranked)} ranked; ${formatSeconds(run.wallMs)}` : '–'}); ` +
      `ranking of ${formatInt(size.rankingTotal)} entries, top ${formatInt(size.peopleLoaded)} people; the analyst's rate limit (x-ratelimit-limit) ${size.rateLimit ?? '–'} a minute. Service start ${formatSeconds(size.service.startMs)}, ` +
      `stop ${formatSeconds(size.service.stopMs)}${size.service.exitCode !== undefined ? ` (exit ${size.service.exitCode})` : ''}.` +
      (size.preview ? ` The preview of the same analysis (not stored): ${size.preview.error ?? formatSeconds(size.preview.wallMs)}.` : '') +
      (size.ingestReference
        ? ` Before the load, the plain driver pattern loaded the same records into the same Neo4j (then removed): ${size.ingestReference.error ?? `${formatSeconds(size.ingestReference.wallMs)}, ${formatInt(size.ingestReference.recordsPerSec)} records/s`}.`
        : ''),
    '',
    `### Throughput and latency, ${connections} connections`,
    '',
    throughputTable(size),
    '',
    '### Targets',
    '',
    ...targetLines(size),
    '',
    '### Answers and errors',
    '',
    errorsTable(size),
    '',
    '### Service resources during each scenario',
    '',
    resourcesTable(size),
  ];
}

export function renderLoadMarkdown(results: LoadBenchResults): string {
  const { machine: m, settings: s } = results;
  const errors = results.sizes.flatMap((size) =>
    [...size.errors, ...size.scenarios.flatMap((sc) => (sc.error ? [`${sc.label}: ${sc.error}`] : []))].map(
      (e) => `- ${formatInt(size.people)} people: ${e.replace(/\s*\n\s*/g, ' ⏎ ')}`,
    ),
  );
  return [
    `# Load benchmark (${results.mode}), ${results.startedAt}`,
    '',
    ...(results.interrupted ? [`**Stopped early (${results.interrupted}): the figures are those measured until then.**`, ''] : []),
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform} ${m.kernel}; commit ${m.gitCommit}` +
      `${m.gitDirtyFiles > 0 ? ` + ${m.gitDirtyFiles} changed files` : ''}; load average at start ${m.loadAverage1m}.`,
    `Settings: the built service with a fresh embedded Neo4j per size (NEO4J_HEAP ${s.heap}, NEO4J_PAGECACHE ${s.pageCache}, NEO4J_POOL_SIZE ${s.poolSize}); ` +
      `generator seed ${s.seed}; autocannon in this process, ${s.connections} connections, ${s.durationS} s a scenario after ` +
      `${s.warmupS} s of warm-up (not recorded), ${s.timeoutS} s timeout; every /v1 request as ${s.principal}; each request's path picked at random from the scenario's; ` +
      `RSS and CPU polled every ${s.rssPollMs} ms.`,
    '',
    ...results.sizes.flatMap((size) => [...sizeSection(size, s.connections), '']),
    '## Notes',
    '',
    '- The reference is GET /healthz under the same load: no auth, no database, no audit; the HTTP stack’s ceiling on this machine. ' +
      'It runs first and last, so drift on a shared machine shows; the ratios divide by the mean of the two.',
    '- Every /v1 request authenticates and is written to the hash-chained audit trail before its answer leaves (group commit: one transaction locking the ' +
      'chain’s head per batch of waiting records). Each request first gets a read stamp (the data version and the read version, one tiny query ' +
      'started after the request arrived, shared by the requests arriving while one is in flight); its API key is taken from memory while the stamp ' +
      'has not moved (a revocation moves it, so it takes effect from the next request on every instance). "Audit records committed" is the chain ' +
      'head’s seq before and after the measured time, each read once the service has finished what was in flight: it should equal "sent", the ' +
      'answers plus the requests autocannon cut at the end (up to one a connection).',
    '- Cached scenarios: the warm-up reads every path, so the measured requests are answered from the service’s read cache (plugins/read-cache.ts: ' +
      'the serialised answer kept under the read stamp, the caller’s role and investigations and the URL); the route’s own queries do not run. ' +
      'The uncached scenario sends Cache-Control: no-cache on the same paths, which the service honours by computing every answer afresh: the ' +
      'entity query runs for each request (the key, stamp and audit work as in the cached ones).',
    '- Cypher per computed answer: a ranking page reads the run and its scope’s data version, then the count of the run’s results and the page ' +
      '(kept in the run result cache); /rankings/latest first finds the newest run; an entity in a run reads the run, its data version and the result; ' +
      'an entity view reads its copies and their relations.',
    `- autocannon runs a closed loop: each connection sends its next request as soon as the answer arrives, so the mean latency is about ` +
      `connections ÷ req/s (Little’s law): a p99 under ${P99_TARGET_MS} ms at ${s.connections} connections needs more than ${formatInt((s.connections * 1000) / P99_TARGET_MS)} req/s.`,
    '- Latency is autocannon’s (whole milliseconds, every answer whatever its status). Load average above the core count means other work competed for the cores; ' +
      'autocannon itself runs here too ("bench client CPU").',
    '',
    `Build ${formatSeconds(results.buildMs)}; whole run ${formatSeconds(results.durationMs)}.`,
    ...(errors.length > 0 ? ['', '## Errors', '', ...errors] : []),
    '',
  ].join('\n');
}
