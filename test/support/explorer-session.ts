/// <reference lib="dom" />
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

import type {} from '../../explorer/src/ui/test-hook.js';
import { buildTestApp } from './app.js';
import { launchChromium } from './chromium.js';
import { ensureExplorerBuilt } from './explorer-build.js';
import { freePort } from './ports.js';

/**
 * What every browser test of the explorer starts from: the real service on a free port with the
 * demo network (fixtures/small) loaded, an analyst key limited to its investigation, one stored
 * run over it, and headless Chromium with a page that records script errors. Screenshots go to
 * test-artefacts/explorer/<folder>/.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'fixtures', 'small', 'network.ndjson');

export interface ExplorerSession {
  app: FastifyInstance;
  browser: Browser;
  page: Page;
  /** http://127.0.0.1:port */
  base: string;
  /** The fixture's investigation. */
  investigation: string;
  /** The analyst key as POST /v1/keys answered it ({ id, key, … }). */
  key: Json;
  /** The stored run over the investigation, as POST /v1/analyses?wait=true answered it. */
  run: Json;
  /** Where this test's screenshots and downloads go. */
  artefacts: string;
  /** Script errors and console errors met so far (refused requests excepted). */
  pageErrors: string[];
  asAnalyst(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse>;
  shot(name: string): Promise<Buffer>;
  /** window.__explorer, read now. */
  hook(): Promise<Window['__explorer']>;
  /** Goes to the page, signs in with the analyst key, opens the run and waits for its layout to end. */
  signInAndOpen(runId?: string): Promise<void>;
  close(): Promise<void>;
}

/** `fixture` rewrites the demo network's NDJSON before it is loaded (its own investigation id, planted records). */
export async function startExplorerSession(folder: string, options: { fixture?: (ndjson: string) => string } = {}): Promise<ExplorerSession> {
  ensureExplorerBuilt();
  const artefacts = join(ROOT, 'test-artefacts', 'explorer', folder);
  await mkdir(artefacts, { recursive: true });
  const app = await buildTestApp();
  const ndjson = (options.fixture ?? ((text: string) => text))(await readFile(FIXTURE, 'utf8'));
  // Browser test files run side by side and load the same fixture into the one test database: a
  // load that meets another's writes is answered 409, and re-sending the whole load is safe.
  let loaded = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
  for (let tries = 1; loaded.statusCode === 409 && tries < 5; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000 * tries));
    loaded = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
  }
  expect(loaded.statusCode, loaded.body).toBe(200);
  const investigation = JSON.parse(ndjson.slice(0, ndjson.indexOf('\n'))).investigations[0].id as string;
  const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `explorer ${folder}`, role: 'analyst', investigations: [investigation] } });
  expect(made.statusCode, made.body).toBe(201);
  const key = made.json() as Json;
  const asAnalyst: ExplorerSession['asAnalyst'] = (method, url, payload) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${key.key}` } });
  const submitted = await asAnalyst('POST', '/v1/analyses?wait=true', { scope: { investigations: [investigation] } });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const run = submitted.json() as Json;
  expect(run.status).toBe('done');
  await app.listen({ port: await freePort(), host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Refused and failed requests are logged by the browser itself: expected in some tests, not script errors.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
  const hook = () => page.evaluate(() => window.__explorer);
  return {
    app,
    browser,
    page,
    base,
    investigation,
    key,
    run,
    artefacts,
    pageErrors,
    asAnalyst,
    hook,
    shot: (name) => page.screenshot({ path: join(artefacts, `${name}.png`) }),
    async signInAndOpen(runId = run.id as string) {
      await page.goto(`${base}/explorer/`);
      await page.waitForSelector('#sign-in', { state: 'visible' });
      await page.fill('#api-key', key.key as string);
      await page.click('#sign-in-form button[type=submit]');
      await page.waitForSelector('#workspace', { state: 'visible' });
      await page.selectOption('#run', runId);
      await page.click('#open-run');
      await page.waitForFunction(() => window.__explorer.phase === 'laid-out', undefined, { timeout: 60_000 });
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
