/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';

import Fastify from 'fastify';
import forceAtlas2Module from 'graphology-layout-forceatlas2';

import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { LAYOUT_BUDGET_MS } from '../../explorer/src/data/layout-watch.js';
import type {} from '../../explorer/src/ui/test-hook.js';
import { explorerRoutes } from '../../src/routes/explorer.js';
import { CHROMIUM_PATH, launchChromium } from '../../test/support/chromium.js';
import { ensureExplorerBuilt } from '../../test/support/explorer-build.js';
import { parseCommonArgs } from '../harness/args.js';
import { progressLog } from '../harness/log.js';
import { machineInfo } from '../harness/machine.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { explorerNetwork } from './network.js';
import { type ExplorerBenchResults, type ExplorerSize, median, type PageRun, renderExplorer } from './report.js';

/**
 * `npm run bench:explorer` (flags after `--`: `--quick` for 1,000 nodes, `--sizes 5k,10k` in
 * nodes with four ties a node, `--runs 3`, `--seed 42`): the network explorer in headless
 * Chromium on a generated network, by default 5,000 nodes and 20,000 ties: time to first render
 * and to a stable layout, the page's frame times while ForceAtlas2 runs in its worker, and the
 * same layout synchronous in Node as the reference. Writes bench/results/explorer-<date>.md and .json.
 */

// The package is CommonJS (`module.exports = fn`) but its typings declare `export default`;
// under NodeNext the default import is module.exports, i.e. the function itself.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

const RUN_ID = '00000000-0000-4000-8000-000000000000';
const progress = progressLog('bench');

/** The page's own service route for the assets; /v1 answered with the generated network. */
async function serve(network: ReturnType<typeof explorerNetwork>) {
  const app = Fastify();
  await app.register(explorerRoutes);
  const run = { id: RUN_ID, status: 'done', stage: null, progress: 100, scope: {}, parameters: {}, createdAt: new Date().toISOString(), summary: null };
  app.get('/v1/system', async () => ({}));
  app.get('/v1/analyses', async () => ({ total: 1, limit: 200, offset: 0, items: [run] }));
  app.get('/v1/analyses/:id/export', async () => network.exported);
  app.get('/v1/analyses/:id/rankings', async () => ({ run, total: network.ranking.length, limit: 50, offset: 0, items: network.ranking }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

async function pageRun(base: string, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<PageRun> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(`${base}/explorer/`);
    await page.fill('#api-key', 'sna_bench-key-00000000000000000000000000000');
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#workspace', { state: 'visible' });
    await page.click('#open-run');
    await page.waitForFunction(() => window.__explorer.phase === 'drawn' || window.__explorer.phase === 'laid-out', undefined, { timeout: 120_000 });
    // Frame intervals from now until the layout stops: how the page answers while it runs. A
    // string, because tsx would wrap a function's inner functions in a helper the page lacks.
    const frames = await page.evaluate<number[]>(`new Promise((resolve) => {
      const gaps = [];
      let last = performance.now();
      function tick(now) {
        gaps.push(now - last);
        last = now;
        if (window.__explorer.phase === 'laid-out') resolve(gaps);
        else requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    })`);
    const hook = await page.evaluate(() => window.__explorer);
    const sorted = [...frames].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    return {
      firstRenderMs: hook.firstRenderMs!,
      layoutMs: hook.layout!.ms,
      iterations: hook.layout!.iterations,
      settled: hook.layout!.settled,
      drawn: hook.drawn,
      frames: { count: frames.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? NaN, over100Ms: frames.filter((f) => f > 100).length },
    };
  } finally {
    await page.close();
  }
}

function reference(network: ReturnType<typeof explorerNetwork>, iterations: number): { iterations: number; ms: number } {
  const graph = toExplorerGraph(network.exported.graph);
  const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: false };
  const started = performance.now();
  forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight: 'weight' });
  return { iterations, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { sizes, seed, quick, values } = parseCommonArgs(process.argv.slice(2), 'bench/explorer', { full: [5_000], quick: [1_000] }, ['runs']);
  const runs = values.runs !== undefined ? Number(values.runs) : quick ? 1 : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`bench/explorer: --runs must be a positive whole number, got '${values.runs}'`);
  const startedAt = new Date().toISOString();
  progress('building the page if it is not built');
  ensureExplorerBuilt();
  const browser = await launchChromium();
  const results: ExplorerBenchResults = {
    startedAt,
    machine: machineInfo(ROOT),
    chromium: execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    budgetMs: LAYOUT_BUDGET_MS,
    sizes: [],
  };
  try {
    for (const nodes of sizes) {
      const network = explorerNetwork({ nodes, ties: nodes * 4, seed });
      const { app, base } = await serve(network);
      try {
        const size: ExplorerSize = { nodes, ties: nodes * 4, runs: [], reference: { iterations: 0, ms: 0 } };
        for (let i = 1; i <= runs; i++) {
          const run = await pageRun(base, browser);
          if (run.drawn !== nodes) throw new Error(`bench/explorer: the page drew ${run.drawn} nodes of ${nodes}`);
          progress(
            `${nodes} nodes, run ${i}: first render ${Math.round(run.firstRenderMs)} ms, layout ${(run.layoutMs / 1000).toFixed(1)} s (${run.iterations} iterations, ${run.settled ? 'settled' : 'budget'}), frames p95 ${Math.round(run.frames.p95Ms)} ms`,
          );
          size.runs.push(run);
        }
        size.reference = reference(network, Math.round(median(size.runs.map((r) => r.iterations))));
        progress(`${nodes} nodes, reference: ${size.reference.iterations} iterations in ${(size.reference.ms / 1000).toFixed(1)} s in Node`);
        results.sizes.push(size);
      } finally {
        await app.close();
      }
    }
  } finally {
    await browser.close();
  }
  await finishSuite('explorer', results, { render: renderExplorer, progress });
}

runSuite('explorer', main);
