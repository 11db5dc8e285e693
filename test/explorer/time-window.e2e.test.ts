/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';

/**
 * The time slider in real Chromium: it spans the dates the API gives for the run's facts;
 * moving it shows the network's size and the top 10 the preview API answers for the same window
 * (asked here on its own, with the analyst's key), who entered and left the top 10 against the
 * run's stored ranking; and "Back to the run" leaves the run open as it was.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOP = 10;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const topOf = (ranking: Json[]) =>
  ranking
    .filter((n) => n.rank !== null && n.rank <= TOP)
    .sort((a, b) => a.rank - b.rank)
    .map((n) => n.key as string);

describe('the time slider of the explorer', () => {
  let session: ExplorerSession;
  let page: Page;
  let run: Json;
  let dates: { first: string; last: string };
  let days: number;

  /** Sets both ranges as a hand would, and lets go of the second. */
  const slide = (from: number, to: number) =>
    page.evaluate(
      ([a, b]) => {
        for (const [id, value] of [
          ['window-from', a],
          ['window-to', b],
        ] as const) {
          const input = document.getElementById(id) as HTMLInputElement;
          input.value = String(value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }
      },
      [from, to],
    );

  beforeAll(async () => {
    session = await startExplorerSession('time-window');
    ({ page, run } = session);
    const exported = await session.asAnalyst('GET', `/v1/analyses/${run.id}/export?format=json`);
    expect(exported.statusCode, exported.body).toBe(200);
    dates = exported.json().run.dates;
    expect(dates.first < dates.last).toBe(true);
    days = (Date.parse(dates.last) - Date.parse(dates.first)) / 86_400_000;
    await session.signInAndOpen();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("spans the dates of the run's facts, as the API gives them", async () => {
    expect(await page.textContent('#window-span')).toBe(`The run's data: ${dates.first} to ${dates.last}.`);
    expect(await page.getAttribute('#window-from', 'max')).toBe(String(days));
    expect([await page.textContent('#window-from-date'), await page.textContent('#window-to-date')]).toEqual([dates.first, dates.last]);
    expect((await session.hook()).timeWindow).toBeNull();
  });

  it('shows the network and the top 10 the preview API answers for the window, and what changed from the run', async () => {
    const [fromOffset, toOffset] = [Math.round(days * 0.55), days];
    await slide(fromOffset, toOffset);
    const [from, to] = [addDays(dates.first, fromOffset), addDays(dates.first, toOffset)];
    await page.waitForFunction(([f, t]) => window.__explorer.timeWindow?.from === f && window.__explorer.timeWindow?.to === t, [from, to]);
    const shown = (await session.hook()).timeWindow!;

    const answer = await session.asAnalyst('POST', '/v1/analyses/preview', { scope: { investigations: [session.investigation], from, to } });
    expect(answer.statusCode, answer.body).toBe(200);
    const preview = answer.json();
    const stored = (await session.asAnalyst('GET', `/v1/analyses/${run.id}/rankings?limit=${TOP}`)).json().items as Json[];
    const [before, after] = [topOf(stored), topOf(preview.ranking)];

    expect(shown.nodes).toEqual({ before: run.summary.graph.nodes, after: preview.graph.nodes });
    expect(shown.ties).toEqual({ before: run.summary.graph.ties, after: preview.graph.ties });
    // Half the dates leave out some of the ties (everyone in scope stays a node): the window does change something.
    expect(preview.graph.ties).toBeLessThan(run.summary.graph.ties);
    expect(shown.top).toEqual(after);
    expect(shown.entered).toEqual(after.filter((k) => !before.includes(k)));
    expect(shown.left).toEqual(before.filter((k) => !after.includes(k)));
    const rankIn = (list: string[], key: string) => list.indexOf(key) + 1;
    expect(shown.moves).toEqual(
      after.filter((k) => before.includes(k) && rankIn(before, k) !== rankIn(after, k)).map((k) => ({ key: k, from: rankIn(before, k), to: rankIn(after, k) })),
    );

    // What the analyst reads: the counts and the window's top 10, row by row.
    const network = await page.$eval('#window-network', (p) => ({ ...(p as HTMLElement).dataset }));
    expect(network).toEqual({
      nodesBefore: String(run.summary.graph.nodes),
      nodesAfter: String(preview.graph.nodes),
      tiesBefore: String(run.summary.graph.ties),
      tiesAfter: String(preview.graph.ties),
    });
    expect(await page.$$eval('#window-top tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.key))).toEqual(after);
    await session.shot('time-window-moved');
  });

  it('goes back to the run: the slider over its whole span, the run still open as it was', async () => {
    const { nodes, run: open } = await session.hook();
    await page.click('#window-back');
    await page.waitForFunction(() => window.__explorer.timeWindow === null);
    expect(await page.textContent('#window-result')).toBe('');
    expect([await page.inputValue('#window-from'), await page.inputValue('#window-to')]).toEqual(['0', String(days)]);
    expect(await session.hook()).toMatchObject({ run: open, nodes, phase: 'laid-out' });
    expect(await page.isVisible('#window-back')).toBe(false);
  });

  it('raised no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
