/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {} from '../explorer/src/ui/test-hook.js';
import { launchChromium } from '../test/support/chromium.js';
import { ensureExplorerBuilt } from '../test/support/explorer-build.js';
import { freePort } from '../test/support/ports.js';
import { exitCode, startServer, waitForReady } from '../test/support/server.js';

/**
 * `npm run screenshot`: the README's picture of the explorer, docs/img/explorer.png (1280×800).
 * Starts the service from source on a private embedded Neo4j in a temp folder (nothing touches
 * `.data/`), loads the demo network (fixtures/small), stores a run over it, signs in to the page
 * in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH), opens the run, waits for the
 * layout to settle, selects the top-ranked person so the side panel shows their explanation,
 * and saves the window. Then it stops everything and deletes the temp folder.
 */

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'img', 'explorer.png');
const FIXTURE = join(ROOT, 'fixtures', 'small', 'network.ndjson');

async function main(): Promise<void> {
  ensureExplorerBuilt();
  const home = await mkdtemp(join(tmpdir(), 'sna-screenshot-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const key = `sna_${randomBytes(32).toString('base64url')}`;
  const server = startServer({
    PORT: String(port),
    NEO4J_HOME: join(home, 'neo4j'),
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '64m',
    ADMIN_API_KEY: key,
    AUDIT_KEY_FILE: join(home, 'audit.key'),
    AUDIT_CHECKPOINT_FILE: join(home, 'audit-checkpoints.jsonl'),
    LOG_LEVEL: 'warn',
  });
  const api = async (method: string, path: string, body?: string, type = 'application/json') => {
    const response = await fetch(`${base}${path}`, { method, body, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': type } : {}) } });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  try {
    console.log(`starting the service on ${base} with a private Neo4j in ${home}`);
    await waitForReady(port, 240_000);
    const ndjson = await readFile(FIXTURE, 'utf8');
    const investigation = JSON.parse(ndjson.slice(0, ndjson.indexOf('\n'))).investigations[0].id as string;
    const loaded = await api('POST', '/v1/ingest/ndjson', ndjson, 'application/x-ndjson');
    console.log(`loaded the demo network: ${loaded.accepted} records into ${investigation}`);
    const run = await api('POST', '/v1/analyses?wait=true', JSON.stringify({ scope: { investigations: [investigation] } }));
    if (run.status !== 'done') throw new Error(`the run did not finish: ${run.status}`);
    const top = (await api('GET', `/v1/analyses/${run.id}/rankings?limit=1`)).items[0];

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(30_000);
      await page.goto(`${base}/explorer/`);
      await page.fill('#api-key', key);
      await page.click('#sign-in-form button[type=submit]');
      await page.waitForSelector('#workspace', { state: 'visible' });
      await page.selectOption('#run', run.id);
      await page.click('#open-run');
      await page.waitForFunction(() => window.__explorer.phase === 'laid-out', undefined, { timeout: 90_000 });
      await page.locator('#ranking tbody tr').first().click();
      await page.waitForFunction((name) => document.querySelector('#node-name')?.textContent === name, top.name);
      // The selection's highlight is drawn on sigma's next frame.
      await page.waitForTimeout(500);
      await mkdir(join(ROOT, 'docs', 'img'), { recursive: true });
      await page.screenshot({ path: OUT });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${OUT} (${Math.round((await stat(OUT)).size / 1024)} KB): ${run.summary.graph.nodes} nodes, ${top.name} selected`);
  } finally {
    server.child.kill('SIGTERM');
    await exitCode(server.child);
    await rm(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
