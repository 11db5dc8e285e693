/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';
import { uniqueTag } from '../support/graph.js';

/**
 * The duplicates tab in headless Chromium against the real service. The demo network goes in
 * under an investigation of its own (decisions move an investigation's data version, which the
 * other browser tests' runs must not see), with one person planted twice: P-00134 (Zana Aziz, 35
 * reported links) and P-09134, the same man from another source with the same phone and every
 * other link of his. The tab lists what GET /v1/resolution/candidates lists for the run's scope;
 * accepting the pair records the analyst's reason and marks the run stale; re-running with the
 * accepted merges draws him once, seen as both records, with every link of both; undo takes the
 * decision back. Screenshots go to test-artefacts/explorer/resolution/.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ORIGINAL = 'P-00134';
const TWIN = 'P-09134';

/** The demo network under `investigation`, with P-00134's every other link moved onto his second record. */
function plantTwin(ndjson: string, investigation: string): string {
  let moved = 0;
  const lines = ndjson
    .trimEnd()
    .split('\n')
    .map((line) => {
      const row = JSON.parse(line.replaceAll('"OP-TIDE"', JSON.stringify(investigation))) as Json;
      if (row.kind === 'link' && (row.record.from === ORIGINAL || row.record.to === ORIGINAL) && moved++ % 2 === 1) {
        row.record[row.record.from === ORIGINAL ? 'from' : 'to'] = TWIN;
      }
      return JSON.stringify(row);
    });
  const original = lines.map((l) => JSON.parse(l) as Json).find((row) => row.kind === 'person' && row.record.id === ORIGINAL)!;
  const twin = { kind: 'person', record: { ...original.record, id: TWIN, source: 'REP-2024-09134', roles: ['facilitator'] } };
  const at = lines.findIndex((l) => l.includes('"kind":"link"'));
  lines.splice(at, 0, JSON.stringify(twin));
  return `${lines.join('\n')}\n`;
}

describe('the explorer’s duplicates tab', () => {
  const investigation = `OP-RES-${uniqueTag()}`;
  let session: ExplorerSession;
  let page: Page;
  let run: Json;
  let linksOf: { original: Set<string>; twin: Set<string> };

  const hook = () => session.hook();
  const candidatesNow = async () => {
    const answer = await session.asAnalyst('GET', `/v1/resolution/candidates?investigations=${investigation}&minAssessment=D&maxSourceEvaluation=3&limit=50`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as Json;
  };
  const openTab = async () => {
    await page.evaluate(() => (window.__explorer.resolution = null));
    await page.click('#tab-resolution');
    await page.waitForFunction(() => !!window.__explorer.resolution);
  };

  beforeAll(async () => {
    session = await startExplorerSession('resolution', { fixture: (ndjson) => plantTwin(ndjson, investigation) });
    ({ page, run } = session);
    expect(session.investigation).toBe(investigation);
    const exported = JSON.parse((await session.asAnalyst('GET', `/v1/analyses/${run.id}/export?format=json`)).body) as Json;
    const neighbours = (key: string) =>
      new Set<string>(
        exported.graph.edges
          .filter((e: Json) => e.source === key || e.target === key)
          .map((e: Json) => (e.source === key ? e.target : e.source))
          .filter((k: string) => k !== `person:${ORIGINAL}` && k !== `person:${TWIN}`),
      );
    linksOf = { original: neighbours(`person:${ORIGINAL}`), twin: neighbours(`person:${TWIN}`) };
    await session.signInAndOpen();
  }, 600_000);

  afterAll(async () => {
    await session?.close();
  });

  it('analyses the two records apart before anyone decides, each with part of his ties', () => {
    expect(linksOf.original.size).toBeGreaterThan(5);
    expect(linksOf.twin.size).toBeGreaterThan(5);
  });

  it('lists the candidates the API finds in the run’s scope, the planted pair among them, with its evidence', async () => {
    await openTab();
    const api = await candidatesNow();
    const shown = (await hook()).resolution!;
    expect(shown.total).toBe(api.total);
    expect(shown.shown).toEqual(
      api.items.map((c: Json) => ({ type: c.type, records: [c.records[0].id, c.records[1].id], probability: c.probability, decision: c.decision?.decision ?? null })),
    );
    const planted = api.items.find((c: Json) => c.records[0].id === ORIGINAL && c.records[1].id === TWIN);
    expect(planted, JSON.stringify(api.items.slice(0, 5))).toBeDefined();
    const item = page.locator(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"]`);
    expect(await item.locator('.evidence-lines > li').count()).toBe(planted.evidence.length);
    expect(await item.textContent()).toContain('Zana Aziz');
    await session.shot('candidates');
  });

  it('will not record a decision without a reason', async () => {
    const item = page.locator(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"]`);
    await item.locator('button.accept').click();
    expect(await page.textContent('#resolution-message')).toContain('Give a reason');
    const decisions = (await session.asAnalyst('GET', `/v1/resolution/decisions?investigations=${investigation}`)).json() as Json;
    expect(decisions.total).toBe(0);
  });

  it('records an accepted pair with the analyst’s reason, and marks the run stale', async () => {
    const item = page.locator(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"]`);
    await item.locator('input.reason').fill('Same phone, same name; the second report is a re-interview');
    await page.evaluate(() => (window.__explorer.resolution = null));
    await item.locator('button.accept').click();
    await page.waitForFunction(() => !!window.__explorer.resolution);
    const decisions = (await session.asAnalyst('GET', `/v1/resolution/decisions?investigations=${investigation}`)).json() as Json;
    expect(decisions.total).toBe(1);
    expect(decisions.items[0]).toMatchObject({
      decision: 'accept',
      records: [ORIGINAL, TWIN],
      reason: 'Same phone, same name; the second report is a re-interview',
      investigation,
    });
    expect(await page.getAttribute(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"]`, 'data-decision')).toBe('accept');
    expect(await page.textContent(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"] .decision`)).toContain('Accepted as one');
    expect(await page.getAttribute('#stale-notice', 'data-stale')).toBe('true');
    const option = (await page.textContent(`#run option[value="${run.id}"]`))!;
    expect(option.startsWith('⚠ stale · ')).toBe(true);
    expect(option.split('⚠').length).toBe(2);
    expect(await page.isVisible('#stale-notice')).toBe(true);
    await session.shot('accepted');
  });

  it('re-runs with the accepted merges: one entity, seen as both records, with the ties of both', async () => {
    const before = (await hook()).run;
    await page.click('#resolution-rerun');
    await page.waitForFunction((old) => window.__explorer.run !== old && window.__explorer.phase === 'laid-out', before, { timeout: 120_000 });
    const resolved = (await hook()).run!;
    const stored = (await session.asAnalyst('GET', `/v1/analyses/${resolved}`)).json() as Json;
    expect(stored.scope.resolution).toBe('accepted');
    const exported = JSON.parse((await session.asAnalyst('GET', `/v1/analyses/${resolved}/export?format=json`)).body) as Json;
    const keys = new Set(exported.graph.nodes.map((n: Json) => n.key));
    expect(keys.has(`person:${ORIGINAL}`)).toBe(true);
    expect(keys.has(`person:${TWIN}`)).toBe(false);
    const neighbours = new Set(
      exported.graph.edges
        .filter((e: Json) => e.source === `person:${ORIGINAL}` || e.target === `person:${ORIGINAL}`)
        .map((e: Json) => (e.source === `person:${ORIGINAL}` ? e.target : e.source)),
    );
    expect(neighbours).toEqual(new Set([...linksOf.original, ...linksOf.twin]));
    expect((await hook()).nodes).toBe(exported.graph.nodes.length);
    // The entity panel says who he is seen as, as the API explains it.
    const entity = (await session.asAnalyst('GET', `/v1/analyses/${resolved}/entities/person/${ORIGINAL}`)).json().result as Json;
    expect(entity.records).toEqual([ORIGINAL, TWIN]);
    // One hit for him (the demo network has other men of that name), none for his second record.
    await page.fill('#search', 'Zana Aziz');
    expect(await page.locator(`#search-results button[data-key="person:${ORIGINAL}"]`).count()).toBe(1);
    expect(await page.locator(`#search-results button[data-key="person:${TWIN}"]`).count()).toBe(0);
    await page.click(`#search-results button[data-key="person:${ORIGINAL}"]`);
    await page.waitForFunction(() => document.querySelector('#seen-as') !== null);
    expect(await page.textContent('#node-name')).toBe('Zana Aziz');
    expect(await page.textContent('#seen-as')).toBe(`Seen as ${ORIGINAL} and ${TWIN}`);
    const lines = await page.locator('#explanation > li').allTextContents();
    expect(lines).toEqual(entity.explanation);
    expect(lines.some((l) => l.includes(ORIGINAL) && l.includes(TWIN))).toBe(true);
    await session.shot('resolved');
  });

  it('takes a decision back with undo', async () => {
    await openTab();
    const item = page.locator(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"]`);
    await page.evaluate(() => (window.__explorer.resolution = null));
    await item.locator('button.undo').click();
    await page.waitForFunction(() => !!window.__explorer.resolution);
    expect(((await session.asAnalyst('GET', `/v1/resolution/decisions?investigations=${investigation}`)).json() as Json).total).toBe(0);
    const all = (await session.asAnalyst('GET', `/v1/resolution/decisions?investigations=${investigation}&undone=true`)).json() as Json;
    expect(all.items[0].undone).not.toBeNull();
    expect(await page.getAttribute(`li.candidate[data-pair="${ORIGINAL}|${TWIN}"]`, 'data-decision')).toBe('');
    // The first run, stale since the decision, is marked again after the undo: still once.
    const option = (await page.textContent(`#run option[value="${run.id}"]`))!;
    expect(option.startsWith('⚠ stale · ')).toBe(true);
    expect(option.split('⚠').length).toBe(2);
  });

  it('met no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
