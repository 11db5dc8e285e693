/// <reference lib="dom" />
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';
import { readGexf } from '../support/outside-readers.js';

/**
 * The network explorer in real headless Chromium against the real service and Neo4j: the demo
 * fixture loaded, an analyst key made, a run stored; then the page signs in, draws the run's
 * network (as many nodes as the run has), explains the top-ranked person, runs a what-if, and
 * copes with a revoked key and a silent service. Screenshots go to test-artefacts/explorer/.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the network explorer in a browser', () => {
  let session: ExplorerSession;
  let app: FastifyInstance;
  let page: Page;
  let base: string;
  let key: Json;
  let run: Json;
  let top: Json[];
  let ARTEFACTS: string;

  const shot = (name: string) => session.shot(name);
  const hook = () => session.hook();
  const asAnalyst = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => session.asAnalyst(method, url, payload);

  beforeAll(async () => {
    session = await startExplorerSession('main');
    ({ app, page, base, key, run, artefacts: ARTEFACTS } = session);
    top = (await asAnalyst('GET', `/v1/analyses/${run.id}/rankings?limit=2`)).json().items;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('serves the page without a key, under a policy that lets its layout worker run', async () => {
    const response = await page.goto(`${base}/explorer`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/explorer/`);
    expect(response?.headers()['content-security-policy']).toContain("worker-src 'self' blob:");
    await page.waitForSelector('#sign-in', { state: 'visible' });
  });

  it('refuses a wrong key on the sign-in form and says why', async () => {
    await page.fill('#api-key', 'sna_not-a-real-key-000000000000000000000000');
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#sign-in-message')?.textContent?.includes('not accepted'));
    expect(await page.isVisible('#workspace')).toBe(false);
    await shot('01-sign-in-refused');
  });

  it('signs in, lists the run and draws as many nodes and ties as the run has', async () => {
    await page.fill('#api-key', key.key);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#workspace', { state: 'visible' });
    expect(await page.evaluate(() => sessionStorage.getItem('explorer.credentials'))).toContain(key.key);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.selectOption('#run', run.id);
    await page.click('#open-run');
    await page.waitForFunction(() => ['drawn', 'laid-out'].includes(window.__explorer.phase));
    const status = page.locator('#status');
    expect(Number(await status.getAttribute('data-nodes'))).toBe(run.summary.graph.nodes);
    expect(Number(await status.getAttribute('data-ties'))).toBe(run.summary.graph.ties);
    expect(Number(await status.getAttribute('data-drawn'))).toBe(run.summary.graph.nodes);
    expect(await status.textContent()).toContain(`${run.summary.graph.nodes} nodes`);
    expect(await hook()).toMatchObject({ run: run.id, nodes: run.summary.graph.nodes, drawn: run.summary.graph.nodes });
    await page.waitForFunction(() => window.__explorer.phase === 'laid-out', undefined, { timeout: 60_000 });
    expect((await hook()).layout!.iterations).toBeGreaterThan(0);
    await shot('02-network');
  });

  it('draws the network on its canvas: the PNG export of the view is not blank', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const path = join(ARTEFACTS, 'view-export.png');
    await download.saveAs(path);
    const png = await readFile(path);
    const coloured = await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [image.width, image.height];
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 60) count++;
        return count;
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
    // Community colours are saturated; a blank or grey-only canvas has none.
    expect(coloured).toBeGreaterThan(500);
  });

  it('exports the graph as GEXF with every node', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-gexf')]);
    const path = join(ARTEFACTS, 'graph-export.gexf');
    await download.saveAs(path);
    const gexf = await readFile(path, 'utf8');
    expect(gexf.match(/<node /g)?.length).toBe(run.summary.graph.nodes);
    expect(gexf.match(/<edge /g)?.length).toBe(run.summary.graph.ties);
  });

  it("draws each node with the run's neighbours: networkx reads the page's GEXF as the service's export", async () => {
    const drawn = await readGexf(join(ARTEFACTS, 'graph-export.gexf'));
    const servicePath = join(ARTEFACTS, 'service-export.gexf');
    await writeFile(servicePath, (await asAnalyst('GET', `/v1/analyses/${run.id}/export?format=gexf`)).body);
    const exported = await readGexf(servicePath);
    const ranking = (await asAnalyst('GET', `/v1/analyses/${run.id}/rankings?limit=1000`)).json().items as Json[];
    expect(Object.keys(drawn.nodes).sort()).toEqual(ranking.map((n) => n.key).sort());
    const wrong = ranking.filter((n) => {
      const node = drawn.nodes[n.key]!;
      return node.neighbours.length !== n.measures.degree || node.neighbours.join('|') !== exported.nodes[n.key]!.neighbours.join('|');
    });
    expect(wrong.map((n) => n.key)).toEqual([]);
  });

  it('explains the top-ranked person when the first row is clicked', async () => {
    const first = page.locator('#ranking tbody tr').first();
    expect(await first.getAttribute('data-key')).toBe(top[0]!.key);
    await first.click();
    await page.waitForFunction((name) => document.querySelector('#node-name')?.textContent === name, top[0]!.name);
    const explanation = await page.locator('#explanation li').allTextContents();
    expect(explanation).toEqual(top[0]!.explanation);
    expect(explanation.length).toBeGreaterThan(0);
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await shot('03-top-target');
  });

  it('moves through the ranking with the keyboard', async () => {
    await page.locator('#ranking tbody tr').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.querySelector('#node-name')?.textContent === name, top[1]!.name);
    expect(await page.locator('#ranking tbody tr').nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press(' ');
    await page.waitForFunction((name) => document.querySelector('#node-name')?.textContent === name, top[0]!.name);
  });

  it('runs a what-if on the selection and shows the network before and after', async () => {
    await page.click('#tab-disruption');
    await page.click('#pick-selected');
    await page.click('#what-if');
    await page.waitForSelector('#what-if-figures').catch(async (error) => {
      throw new Error(`${error.message}; the panel says: ${await page.textContent('#what-if-result')}`);
    });
    const figures = page.locator('#what-if-figures');
    const expected = (await asAnalyst('POST', '/v1/disruption/what-if', { scope: run.scope, remove: [{ type: top[0]!.type, id: top[0]!.id }] })).json();
    expect(Number(await figures.getAttribute('data-before-largest'))).toBe(expected.before.largestComponent);
    expect(Number(await figures.getAttribute('data-after-largest'))).toBe(expected.after.largestComponent);
    expect(Number(await figures.getAttribute('data-after-fragmentation'))).toBeCloseTo(expected.after.fragmentation, 10);
    expect([expected.after.largestComponent, expected.after.fragmentation]).not.toEqual([expected.before.largestComponent, expected.before.fragmentation]);
    await shot('04-what-if');
  });

  it('takes a strategy’s plan as the selection, and its what-if changes the figures again', async () => {
    const before = Number(await page.locator('#what-if-figures').getAttribute('data-after-largest'));
    await page.fill('#strategy-k', '5');
    await page.click('#plan');
    await page.waitForSelector('#strategy', { state: 'visible' });
    expect(await page.locator('#picked li').count()).toBe(5);
    await page.click('#what-if');
    await page.waitForFunction((previous) => Number(document.querySelector('#what-if-figures')?.getAttribute('data-after-largest')) !== previous, before);
    const after = Number(await page.locator('#what-if-figures').getAttribute('data-after-largest'));
    expect(after).toBeLessThan(before);
    await shot('05-plan-what-if');
    // While the what-if is shown the legend is its parts; back to the communities on reset.
    expect(await page.getAttribute('#legend', 'data-mode')).toBe('what-if');
    await page.click('#what-if-reset');
    expect(await page.getAttribute('#legend', 'data-mode')).toBe('communities');
  });

  it('shows a banner with a retry when the service does not answer, and carries on after it', async () => {
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.click('#tab-community');
    await page.locator('#legend button').first().click();
    await page.waitForSelector('#banner', { state: 'visible' });
    expect(await page.textContent('#banner-text')).toContain('not answering');
    await shot('06-service-down');
    await page.unroute('**/v1/**');
    await page.click('#banner-retry');
    await page.waitForSelector('#banner', { state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('#panel-community h2')?.textContent?.startsWith('Community'));
  });

  it('starts a run re-scoped to stronger grading, follows it, and opens it when done', async () => {
    await page.selectOption('#min-grading', 'B');
    await page.click('#start-run');
    await page.waitForFunction((previous) => window.__explorer.run !== previous && ['drawn', 'laid-out'].includes(window.__explorer.phase), run.id, { timeout: 60_000 });
    const opened = (await hook()).run!;
    const started = (await asAnalyst('GET', `/v1/analyses/${opened}`)).json();
    expect(started).toMatchObject({ status: 'done', scope: { investigations: run.scope.investigations, minAssessment: 'B' } });
    expect(Number(await page.locator('#status').getAttribute('data-nodes'))).toBe(started.summary.graph.nodes);
    expect(await page.textContent('#run-message')).toBe('Done.');
  });

  it('goes back to sign-in with a message when the key is revoked', async () => {
    const revoked = await app.inject({ method: 'DELETE', url: `/v1/keys/${key.id}` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    await page.locator('#ranking tbody tr').nth(1).click();
    await page.waitForSelector('#sign-in', { state: 'visible' });
    expect(await page.textContent('#sign-in-message')).toContain('expired or been revoked');
    expect(await page.evaluate(() => sessionStorage.getItem('explorer.credentials'))).toBeNull();
    await shot('07-key-revoked');
  });

  it('met no script errors on the way', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
