/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analysisRequestOf } from '../../explorer/src/data/scope.js';
import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';
import { GRADING } from '../support/graph.js';

/**
 * The what-if and stale runs as an analyst reads them, in headless Chromium against the real
 * service: for plans of 1, 3 and 5 removals under two strategies, the nodes painted in each part,
 * the counts and the legend are the service's what-if answer for the same question, and every
 * target asked for is removed or listed with a reason; then one more record is loaded, the run
 * is marked stale with its versions, and its re-run opens fresh.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PARTS = ['removed', 'largest', 'cutOff', 'apartBefore'] as const;

describe('the explorer’s what-if and stale runs in a browser', () => {
  let session: ExplorerSession;
  let page: Page;
  let run: Json;
  let drawn: Set<string>;
  const request = () => analysisRequestOf(run as Parameters<typeof analysisRequestOf>[0]);

  beforeAll(async () => {
    session = await startExplorerSession('what-if');
    ({ page, run } = session);
    const exported = (await session.asAnalyst('GET', `/v1/analyses/${run.id}/export?format=json`)).json();
    drawn = new Set(exported.graph.nodes.map((n: Json) => n.key as string));
    await session.signInAndOpen();
    await page.click('#tab-disruption');
    // Generous: on a shared two-core machine the session's setup (load, run, layout) can take minutes.
  }, 900_000);

  afterAll(() => session?.close());

  for (const k of [1, 3, 5]) {
    it(`paints the what-if of a ${k}-removal plan under two strategies exactly as the service answers it`, async () => {
      const plan = (await session.asAnalyst('POST', '/v1/disruption/plan', { ...request(), k })).json();
      expect(plan.strategies.length).toBeGreaterThan(1);
      await page.click('#clear-picked');
      await page.fill('#strategy-k', String(k));
      await page.click('#plan');
      await page.waitForFunction(() => /^(Best|Nothing)/.test(document.querySelector('#what-if-result')?.textContent ?? ''));
      for (const strategy of [plan.strategies[0], plan.strategies.at(-1)]) {
        await page.selectOption('#strategy', strategy.label);
        const targets = strategy.targets.map((t: Json) => t.key as string);
        // Every target of the plan is picked, drawn or not.
        expect(await page.locator('#picked li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.key))).toEqual(targets);
        if (await page.isVisible('#what-if-reset')) await page.click('#what-if-reset');
        expect((await session.hook()).whatIf ?? null).toBeNull();
        await page.click('#what-if');
        await page.waitForFunction(() => (window.__explorer.whatIf ?? null) !== null);
        const shown = (await session.hook()).whatIf!;

        const answer = (
          await session.asAnalyst('POST', '/v1/disruption/what-if', {
            ...request(),
            remove: strategy.targets.map((t: Json) => ({ type: t.type, id: t.id })),
            ignoreUnknown: true,
          })
        ).json();
        const members: Record<(typeof PARTS)[number], string[]> = {
          removed: answer.removed.map((r: Json) => r.key),
          largest: answer.parts.largest,
          cutOff: answer.parts.cutOff,
          apartBefore: answer.parts.apartBefore,
        };
        expect(answer.parts.listed).toBe(true);
        expect(shown.counts).toEqual(answer.parts.counts);
        for (const part of PARTS) {
          const inDrawing = members[part].filter((key) => drawn.has(key)).length;
          expect(shown.painted[part], part).toBe(inDrawing);
          expect(shown.notDrawn[part], part).toBe(members[part].length - inDrawing);
        }
        // The demo run and the what-if read the same data: everyone drawn is placed, nobody is missing.
        expect(shown.painted.cutOff).toBe(answer.parts.counts.cutOff);
        expect(shown.painted.absent).toBe(0);

        const figures = page.locator('#what-if-figures');
        expect(Number(await figures.getAttribute('data-cut-off'))).toBe(answer.parts.counts.cutOff);
        expect(Number(await figures.getAttribute('data-largest'))).toBe(answer.parts.counts.largest);
        expect(Number(await figures.getAttribute('data-after-largest'))).toBe(answer.after.largestComponent);
        expect(answer.after.largestComponent).toBe(answer.parts.counts.largest);

        // The legend is the what-if's parts, with the answer's counts.
        expect(await page.getAttribute('#legend', 'data-mode')).toBe('what-if');
        const legend = await page
          .locator('#legend li')
          .evaluateAll((items) => items.map((li) => [(li as HTMLElement).dataset.part, Number((li as HTMLElement).dataset.count), li.textContent]));
        expect(legend.map(([part, count]) => [part, count])).toEqual(PARTS.map((part) => [part, answer.parts.counts[part]]));
        expect(legend.find(([part]) => part === 'cutOff')![2]).toBe(`fall away: ${answer.parts.counts.cutOff.toLocaleString('en-GB')}`);

        // Every target asked for is removed or listed with the reason it was not.
        const removed = new Set(members.removed);
        const leftOut = new Set(answer.leftOut.map((e: Json) => `${e.type}:${e.id}`));
        expect(shown.targets.map((t) => t.key)).toEqual(targets);
        for (const t of shown.targets) expect(t.outcome).toBe(removed.has(t.key) ? 'removed' : leftOut.has(t.key) ? 'not in scope' : 'not in answer');
        expect(shown.targets.every((t) => t.outcome === 'removed' || t.outcome === 'not in scope')).toBe(true);
        const listed = await page.locator('#what-if-targets li').evaluateAll((items) => items.map((li) => [(li as HTMLElement).dataset.key, li.textContent]));
        expect(listed.map(([key]) => key)).toEqual(targets);
        for (const [key, text] of listed) expect(text).toMatch(removed.has(key!) ? /: removed/ : /: not removed: /);
        await session.shot(`what-if-k${k}-${String(strategy.label).replace(/\W+/g, '-')}`);
      }
    }, 600_000);
  }

  it('goes back to the communities’ legend and colours on reset', async () => {
    await page.click('#what-if-reset');
    expect(await page.getAttribute('#legend', 'data-mode')).toBe('communities');
    expect(await page.locator('#legend li[data-part]').count()).toBe(0);
    expect(await page.locator('#legend li button').count()).toBeGreaterThan(0);
    expect((await session.hook()).whatIf).toBeNull();
  });

  it('marks a run made stale by a later load, says by how much, and its re-run opens fresh', async () => {
    const loaded = await session.app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: session.investigation }],
        defaults: { source: 'REP-LATE-1', grading: GRADING },
        people: [{ id: 'P-LATE-1', name: 'Late Arrival' }],
      },
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const old = (await session.asAnalyst('GET', `/v1/analyses/${run.id}`)).json();
    expect(old.stale).toBe(true);
    const investigation = (await session.asAnalyst('GET', '/v1/investigations')).json().items.find((i: Json) => i.id === session.investigation);
    expect(investigation.dataVersion).toBeGreaterThan(old.scopeVersion);

    // The run list, reloaded.
    await page.reload();
    await page.waitForSelector('#workspace', { state: 'visible' });
    await page.waitForSelector(`#run option[value="${run.id}"][data-stale]`, { state: 'attached' });
    const option = page.locator(`#run option[value="${run.id}"]`);
    expect(await option.getAttribute('data-stale')).toBe('true');
    expect(await option.textContent()).toMatch(/^⚠ stale · /);

    await page.selectOption('#run', run.id);
    await page.click('#open-run');
    await page.waitForFunction((id) => window.__explorer.run === id && window.__explorer.phase === 'laid-out', run.id);
    expect(await page.isVisible('#stale-notice')).toBe(true);
    expect(await page.textContent('#stale-text')).toBe(`The data changed after this run (version ${old.scopeVersion} → ${investigation.dataVersion}).`);
    await session.shot('stale-run');

    await page.click('#stale-rerun');
    await page.waitForFunction((id) => window.__explorer.run !== id && window.__explorer.phase === 'laid-out', run.id, { timeout: 180_000 });
    const fresh = (await session.asAnalyst('GET', `/v1/analyses/${(await session.hook()).run}`)).json();
    expect(fresh).toMatchObject({ status: 'done', stale: false, scope: old.scope, parameters: old.parameters });
    expect(fresh.id).not.toBe(run.id);
    expect(await page.isVisible('#stale-notice')).toBe(false);
    expect(await page.getAttribute(`#run option[value="${fresh.id}"]`, 'data-stale')).toBe('false');
    expect(await page.inputValue('#run')).toBe(fresh.id);
    expect((await session.hook()).nodes).toBe(fresh.summary.graph.nodes);
    await session.shot('stale-rerun-opened');
  }, 600_000);

  it('met no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
