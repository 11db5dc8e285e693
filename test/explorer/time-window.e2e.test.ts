/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';

/**
 * The time slider in real Chromium: it spans the dates the API gives for the run's facts;
 * moving it shows the network's size and the top 10 the preview API answers for the same window
 * (asked here on its own, with the analyst's key), who entered and left the top 10 against the
 * run's stored ranking; the graph is re-scoped to the window's ties as the preview gives them
 * (asked on its own with `include: ['ties']`): the run's other ties hidden, the people with none
 * greyed; and "Back to the run" leaves the run open as it was, everything drawn again.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOP = 10;
const pair = (t: [string, string]) => `${t[0]}\u0000${t[1]}`;
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
  /** The run's graph as its export gives it: node keys, and its ties' ends (sorted pairs, self-ties left out: the drawing has none). */
  let runNodes: string[];
  let runTies: [string, string][];

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
    const graph = exported.json().graph as { nodes: { key: string }[]; edges: { source: string; target: string }[] };
    runNodes = graph.nodes.map((n) => n.key);
    runTies = graph.edges.filter((e) => e.source !== e.target).map((e) => [e.source, e.target].sort() as [string, string]);
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

  it("re-scopes the graph to the window's ties as the preview gives them: the run's others hidden, the people with none greyed", async () => {
    const shown = (await session.hook()).timeWindow!;
    const answer = await session.asAnalyst('POST', '/v1/analyses/preview', {
      scope: { investigations: [session.investigation], from: shown.from, to: shown.to },
      include: ['ties'],
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const preview = answer.json();
    const windowTies = (preview.ties as Json[]).map((t) => [t.source, t.target] as [string, string]);
    expect(windowTies).toHaveLength(preview.graph.ties);

    // The run's ties still drawn are the window's, pair for pair (both sorted by source, then target).
    expect(shown.graph.ties).toHaveLength(preview.graph.ties);
    expect(shown.graph.ties).toEqual(windowTies);
    expect(shown.graph.notInRun).toBe(0);
    const inRun = new Set(runTies.map(pair));
    expect(windowTies.filter((t) => !inRun.has(pair(t)))).toEqual([]);
    // Greyed: exactly the run's people with no tie in the window.
    const tied = new Set(windowTies.flat());
    expect(shown.graph.greyed).toEqual(runNodes.filter((k) => !tied.has(k)).sort());
    // The window does change the drawing: some of the run's ties are hidden, some people greyed.
    expect(shown.graph.ties.length).toBeLessThan(runTies.length);
    expect(shown.graph.greyed.length).toBeGreaterThan(0);
    expect(await page.$eval('#window-graph', (p) => ({ ...(p as HTMLElement).dataset }))).toEqual({
      ties: String(preview.graph.ties),
      greyed: String(shown.graph.greyed.length),
      notInRun: '0',
    });
    await session.shot('time-window-rescoped');
  });

  it('goes back to the run: the slider over its whole span, the run still open as it was', async () => {
    const { nodes, run: open } = await session.hook();
    await page.click('#window-back');
    await page.waitForFunction(() => window.__explorer.timeWindow === null);
    expect(await page.textContent('#window-result')).toBe('');
    expect([await page.inputValue('#window-from'), await page.inputValue('#window-to')]).toEqual(['0', String(days)]);
    expect(await session.hook()).toMatchObject({ run: open, nodes, phase: 'laid-out' });
    expect(await page.isVisible('#window-back')).toBe(false);
    // Every tie of the run drawn again, no one greyed.
    const again = (await session.hook()).timeWindowOff!;
    expect(again.ties).toEqual([...runTies].sort((a, b) => (pair(a) < pair(b) ? -1 : pair(a) > pair(b) ? 1 : 0)));
    expect(again.greyed).toEqual([]);
    await session.shot('time-window-back');
  });

  it('raised no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
